"""Tests for malitrack.analysis.select, on the shipped clean data (real rows)."""

from __future__ import annotations

from malitrack.analysis.select import claims_blaming, describe_figures, select_incidents


def test_describe_figures_on_amassine(claims):
    killed = claims[(claims["incident_id"] == "amassine-2024-05-19") & (claims["outcome"] == "killed")]
    # "29" (security source) to "over 30" (CSP); "plusieurs terroristes" has no figure
    assert describe_figures(killed) == "29 to 31 or more"
    assert describe_figures(killed[killed["figure_text"].isna()]) == "no figure given"


def test_select_incidents_by_dates_regions_and_claimant_types(incidents):
    chosen = select_incidents(incidents, "2024-01-01", "2024-12-31", ["Kidal"], min_claimant_types=2)
    assert "amassine-2024-05-19" in set(chosen["incident_id"])
    assert chosen["date_start"].dt.year.eq(2024).all()
    assert chosen["admin1"].eq("Kidal").all()
    assert chosen["n_claimant_types"].ge(2).all()
    assert len(select_incidents(incidents)) == len(incidents)


def test_claims_blaming_keeps_whole_incidents(claims):
    blamed = claims_blaming(claims, "Wagner Group")
    assert "amassine-2024-05-19" in set(blamed["incident_id"])
    for _, incident in blamed.groupby("incident_id"):
        assert incident["perpetrators"].astype("str").str.contains("Wagner Group", regex=False).any()
    # every claim of a chosen incident is kept, also those naming someone else
    amassine = blamed[blamed["incident_id"] == "amassine-2024-05-19"]
    assert len(amassine) == (claims["incident_id"] == "amassine-2024-05-19").sum()
    assert claims_blaming(claims, "") is claims
