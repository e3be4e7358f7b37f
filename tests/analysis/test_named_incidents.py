"""The incidents an editor checked (reports review, items 2, 3, 6 and 7), on the clean data.

Each expectation was written from reading the incident's rows in
data/raw/claims/*.csv before the code: file and line are named beside it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from malitrack.analysis.dates import format_date
from malitrack.analysis.disagreement import (
    incident_disagreement,
    independent_claims,
    status_conflict_counts,
    toll_revisions,
)
from malitrack.analysis.tolls import incident_tolls
from malitrack.analysis.grades import incident_grades, source_kinds
from malitrack.analysis.trends import casualty_trend, deadliest_incidents, describe_total

TINZAOUATEN = "tinzaouaten-drone-2024-08-25"
AKABAR = "akabar-airstrikes-2026-01-31"
MOURA = "moura-2022-03-27"
OGOSSAGOU = "ogossagou-2019-03-23"
AMASSINE = "amassine-2024-05-19"
SOBANE = "sobane-da-2019-06-09"


@pytest.fixture(scope="module")
def disagreement(claims) -> pd.DataFrame:
    return incident_disagreement(claims).query("outcome == 'killed'").set_index("incident_id")


def _killed(frame: pd.DataFrame, incident_id: str) -> pd.DataFrame:
    return frame[(frame["incident_id"] == incident_id) & (frame["outcome"] == "killed")]


def _row(claims: pd.DataFrame, file: str, line: int) -> pd.Series:
    match = claims[(claims["source_file"] == file) & (claims["source_row"] == line)]
    assert len(match) == 1, f"{file}:{line}"
    return match.iloc[0]


# Tinzaouatène, 25 August 2024 (claims_2022_2025.csv, lines 250-265) -------------------------------

def test_tinzaouaten_the_csp_counts_once(claims, disagreement):
    # lines 250, 254, 256, 260: "separatists (CSP)", "Tuareg rebels (CSP-DPA)", "CSP-PSD spokesman ...",
    # "Azawad movements": four outlets, one organisation, one figure of 21
    for line in (250, 254, 256, 260):
        assert _row(claims, "claims_2022_2025.csv", line)["claimant_key"] == "CSP"
    independent = _killed(independent_claims(claims), TINZAOUATEN)
    csp_21 = independent[(independent["claimant_key"] == "CSP") & (independent["point"] == 21)]
    assert len(csp_21) == 1 and csp_21["n_copies"].iloc[0] == 4
    # the army's "une vingtaine" (lines 253 and 265) is one statement of the Malian state
    state = independent[independent["claimant_key"] == "Malian state"]
    assert list(state["n_copies"]) == [2]
    # 12 "independent" claims before the register; 9 organisations-and-figures now
    assert disagreement.loc[TINZAOUATEN, "n_independent_claims"] == 9


def test_tinzaouaten_outlet_errors_are_flagged_and_never_revisions(claims):
    # line 261: SeneNews puts the elected official's "au moins 15" in the separatists' mouth;
    # line 263: Sahara Medias attributes "au moins 20" to the rebels
    assert _row(claims, "claims_2022_2025.csv", 261)["drift"]
    assert _row(claims, "claims_2022_2025.csv", 263)["drift"]
    timeline = toll_revisions(claims, TINZAOUATEN)
    csp = timeline[timeline["claimant_key"] == "CSP"]
    assert set(csp.loc[csp["point"] != 21, "change"]) == {"outlet error"}
    assert not timeline["is_revision"].any()


def test_tinzaouaten_is_contested(claims, disagreement):
    # the army's armed individuals (line 265) against the CSP's 21 civilians (line 256)
    assert disagreement.loc[TINZAOUATEN, "status_conflict"]
    grades = incident_grades(claims).set_index(["incident_id", "outcome"])
    assert grades.loc[(TINZAOUATEN, "killed"), "grade"] == "contested"


# Akabar, 31 January 2026 (claims_2025_extension.csv, lines 146-155) ---------------------------------

def test_akabar_fama_within_the_aes_joint_force_is_no_attribution_conflict(disagreement):
    # lines 146, 155 blame FAMa; 150, 151, 152, 153 the "Forces aériennes de l'AES", of which FAMa is part
    assert disagreement.loc[AKABAR, "perpetrators_blamed"] == "AES joint force; FAMa"
    assert not disagreement.loc[AKABAR, "attribution_conflict"]


def test_akabar_the_msa_and_the_army_count_once(claims):
    independent = _killed(independent_claims(claims), AKABAR)
    # lines 147 and 149: the MSA's "une quarantaine" in RFI and in Nasuba's RFI rewrite
    msa = independent[independent["claimant_key"] == "MSA"]
    assert list(msa["point"]) == [40] and list(msa["n_copies"]) == [2]
    # lines 146, 148, 153, 155: "plus d'une vingtaine" / "plus de vingt" of the army, one statement
    army = independent[(independent["claimant_key"] == "Malian state") & (independent["point"] == 21)]
    assert list(army["n_copies"]) == [4]


def test_akabar_part_and_aggregate_figures_do_not_set_the_range(claims, disagreement):
    # line 150: "une vingtaine" for the first strike only; line 151: aggregate over 29 and 31 January
    assert _row(claims, "claims_2025_extension.csv", 150)["scope"] == "first strike only"
    assert _row(claims, "claims_2025_extension.csv", 151)["aggregate"]
    assert disagreement.loc[AKABAR, "low_min"] == 21
    # "more than twenty" and "about forty" can both be true
    assert not disagreement.loc[AKABAR, "count_conflict"]
    changes = toll_revisions(claims, AKABAR).set_index("figure_text")["change"]
    assert changes["une vingtaine"] == "part only"
    assert changes["plusieurs dizaines"] == "aggregate"


def test_akabar_only_belligerents_give_figures(claims):
    grades = incident_grades(claims).set_index(["incident_id", "outcome"])
    assert grades.loc[(AKABAR, "killed"), "grade"] == "belligerents only"


# Moura, 27-31 March 2022 (claims_2022_2025.csv, lines 31-48) -----------------------------------------

def test_moura_range_starts_at_a_whole_incident_figure(claims, disagreement):
    # line 40: the UN's 35 covers the first exchange of fire only; lines 46-47: "No civilian", a denial
    assert _row(claims, "claims_2022_2025.csv", 40)["scope"].endswith("separate from executions")
    assert disagreement.loc[MOURA, "low_min"] == 200  # Afrique-sur7's "entre 200 et 400" (line 41), not 35 nor 0
    assert disagreement.loc[MOURA, "denied"]
    envelope = incident_tolls(claims, "envelope").set_index(["incident_id", "outcome"]).loc[(MOURA, "killed")]
    assert envelope["low"] == 200


def test_moura_the_states_203_is_one_claim(claims):
    # line 32 (defence ministry, government) and line 34 (chief of staff, military): the same 1 April toll
    independent = _killed(independent_claims(claims), MOURA)
    state = independent[(independent["claimant_key"] == "Malian state") & (independent["point"] == 203)]
    assert list(state["n_copies"]) == [2]


def test_moura_revision_line_has_no_part_toll_and_no_zero(claims, disagreement):
    timeline = toll_revisions(claims, MOURA)
    changes = dict(zip(timeline["figure_text"], timeline["change"]))
    assert changes["35"] == "part only"
    assert changes["No civilian"] == "denial"
    assert not timeline["is_revision"].any()  # no "35 -> 500" and no "203 -> 0"
    assert not disagreement.loc[MOURA, "revised"]
    # the UN's report is known to its month: printed as May 2023, not 2023-05-01
    assert "May 2023" in set(timeline["published"])


def test_moura_date_prints_at_its_precision(incidents):
    moura = incidents.set_index("incident_id").loc[MOURA]
    printed = format_date(moura["date_start"], moura["date_end"], moura["date_precision"])
    assert "01" not in printed and printed in ("March 2022", "27–31 March 2022")
    assert format_date(pd.Timestamp("2022-03-27"), pd.Timestamp("2022-03-31"), "days") == "27–31 March 2022"
    assert format_date(pd.Timestamp("2022-03-27"), pd.Timestamp("2022-03-31"), "days", lang="fr") == "27–31 mars 2022"


# Ogossagou, 23 March 2019 (claims_2012_2021.csv, lines 216-242) ---------------------------------------

def test_ogossagou_year_only_publication_is_never_before_the_massacre(claims):
    # line 242: bamada.net, published "2019": shown as a year, ordered after the 23 March communiqué (line 236)
    timeline = toll_revisions(claims, OGOSSAGOU)
    year_only = timeline[timeline["published_precision"] == "year"]
    assert set(year_only["published"]) == {"2019, month unknown", "2020, month unknown"}
    assert timeline["published"].iloc[0] == "23 March 2019"
    assert timeline["claimant_key"].iloc[0] == "Malian state"
    assert format_date(pd.Timestamp("2019-01-01"), precision="year", lang="fr") == "2019, mois inconnu"


def test_ogossagou_minusma_revised_up_once(claims):
    # lines 230 ("plus de 100", initial condemnation) and 232/238 ("at least 157", one finding in two outlets)
    timeline = toll_revisions(claims, OGOSSAGOU)
    minusma = timeline[timeline["claimant_key"] == "MINUSMA"]
    assert sorted(minusma["point"]) == [101, 157]
    assert list(minusma.loc[minusma["is_revision"], "change"]) == ["up"]


def test_ogossagou_copies_of_a_wikipedia_translation_are_secondhand(claims):
    # lines 216-219: es.stringtranslate.com, a translated Wikipedia article
    row = _row(claims, "claims_2012_2021.csv", 216)
    assert row["secondhand"] and "encyclopedia_copy" in row["flags_basis"]
    assert source_kinds(pd.DataFrame([row]))[row.name] == "secondhand copy or aggregator"


# Amassine and Sobane Da, tested before; checked again on the new columns ------------------------------

def test_amassine_misattribution_is_an_outlet_error(claims, disagreement):
    # line 204: Nova puts the security source's 29 in the rebels' mouth
    assert _row(claims, "claims_2022_2025.csv", 204)["drift"]
    assert disagreement.loc[AMASSINE, "status_conflict"]
    assert not disagreement.loc[AMASSINE, "attribution_conflict"]


def test_sobane_da_state_revised_from_95_to_35(claims):
    timeline = toll_revisions(claims, SOBANE)
    state = timeline[timeline["claimant_key"] == "Malian state"]
    step = state[state["is_revision"]]
    assert list(zip(step["previous_point"], step["point"], step["change"])) == [(95, 35, "down")]
    assert _row(claims, "claims_2012_2021.csv", 250)["report_stage"] == "final"
    # line 249: "provisional; ... later cut to 35": the first of the state's tolls
    first = _row(claims, "claims_2012_2021.csv", 249)
    assert first["report_stage"] == "first" and "later cut" in first["flags_basis"]


# Summaries and charts: one count, one function ---------------------------------------------------------

def test_status_conflict_count_says_which_subset_the_chart_shows(claims):
    from malitrack.report.charts import status_conflict_chart

    table = incident_disagreement(claims)
    counts = status_conflict_counts(table)
    assert counts["n_conflicts"] == int(table["status_conflict"].sum())
    assert 0 < counts["n_with_both_figures"] < counts["n_conflicts"]
    figure = status_conflict_chart(table, claims, lang="en")
    assert len(figure.axes[0].get_yticks()) == counts["n_with_both_figures"]
    subtitle = [t.get_text() for t in figure.texts if "status conflicts" in t.get_text()]
    assert subtitle and subtitle[0].startswith(f"{counts['n_with_both_figures']} of {counts['n_conflicts']} status conflicts")


def test_trends_flag_2026_as_partial_and_rankings_leave_out_the_cumulative_claim(claims, incidents):
    trend = casualty_trend(claims, incidents, freq="year", rule="conservative").set_index("period")
    assert trend.loc["2026", "partial"] and trend.loc["2026", "covered_to"] == pd.Timestamp("2026-02-18")
    assert not trend.drop(index="2026")["partial"].any()
    # line of claims_2022_2025.csv: "local communities (cumulative tolls, via RFI)", 213 in a year
    top = deadliest_incidents(claims, incidents, n=10)
    assert "anderamboukane-2022-03-10" not in set(top["incident_id"])
    assert top["best"].is_monotonic_decreasing
    assert describe_total(3109, 6389) == "about 3,100 to 6,400"


def test_summary_ranges_come_from_the_figures_that_may_set_them(claims):
    from malitrack.analysis.claims import toll_claims

    moura = toll_claims(_killed(claims, MOURA))
    # not the UN's 35 for the first exchange of fire (line 40), not "No civilian" (lines 46-47)
    assert moura["best"].min() == 203 and moura["best"].max() == 500
    akabar = toll_claims(_killed(claims, AKABAR))
    # not the army's "une vingtaine" for the first strike only (claims_2025_extension.csv:150)
    assert akabar["best"].min() == 21


def test_rows_without_the_clean_columns_get_them_by_the_same_rules(claims):
    # a dataset's rows (UCDP, ACLED) carry no claimant_key nor flags: concatenated with the clean claims,
    # they are keyed and flagged by the clean step's functions, never read as partial or as NA
    from malitrack.analysis.claims import claim_intervals

    derived = ["claimant_key", "claimant_key_basis", "scope", "aggregate", "report_stage", "drift", "background",
               "secondhand", "flags_basis"]
    moura = _killed(claims, MOURA)
    dataset = moura.head(1).drop(columns=derived).assign(claimant="UCDP GED", claimant_type="dataset", note=None)
    rows = claim_intervals(pd.concat([moura, dataset], ignore_index=True))
    added = rows.iloc[-1]
    assert added["claimant_key"] == "ucdp ged" and added["scope"] == "whole" and not added["partial_scope"]
    assert rows.iloc[:-1]["claimant_key"].tolist() == moura["claimant_key"].tolist()
