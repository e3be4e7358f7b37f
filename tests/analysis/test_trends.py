"""Tests for malitrack.analysis.trends on the clean claim dataset (real incidents)."""

from __future__ import annotations

import pandas as pd
import pytest

from malitrack.vocab import SELECTION_RULES
from malitrack.analysis.trends import (
    casualty_trend,
    coverage_note,
    incident_tolls_dated,
    trend_according_to,
    trend_by_rule,
)


@pytest.fixture(scope="module")
def yearly(claims, incidents) -> pd.DataFrame:
    return casualty_trend(claims, incidents, freq="year", rule="conservative")


@pytest.fixture(scope="module")
def dated(claims, incidents) -> pd.DataFrame:
    return incident_tolls_dated(claims, incidents, rule="conservative")


def test_coverage_note_says_what_is_counted(claims):
    note = coverage_note(claims)
    assert f"{claims['incident_id'].nunique():,} incidents" in note
    assert f"{len(claims):,} claims" in note
    assert "Not every death in Mali" in note


def test_every_trend_row_carries_the_coverage(yearly, claims):
    assert (yearly["coverage"] == coverage_note(claims)).all()


def test_moura_toll_depends_on_the_rule(claims, incidents):
    best = {
        rule: incident_tolls_dated(claims, incidents, rule=rule).set_index("incident_id").loc["moura-2022-03-27", "best"]
        for rule in ("conservative", "maximum")
    }
    assert best == {"conservative": 203, "maximum": 500}


def test_aggregate_incidents_are_not_counted_twice(claims, incidents):
    aggregates = set(incidents.loc[incidents["aggregate_of"].notna(), "incident_id"])
    assert "minusma-douentza-tombouctou-2017-08-14" in aggregates
    dated = incident_tolls_dated(claims, incidents, rule="maximum")
    assert not set(dated["incident_id"]) & aggregates
    assert {"douentza-minusma-2017-08-14", "tombouctou-minusma-qg-2017-08-14"} <= set(dated["incident_id"])


def test_yearly_sums_are_the_incident_tolls(dated, yearly):
    with_best = dated[dated["best"].notna()]
    by_year = with_best.groupby(with_best["date_start"].dt.year)["best"].sum()
    assert yearly.set_index(yearly["period"].astype(int))["best"].astype(int).to_dict() == by_year.to_dict()
    assert yearly["n_incidents"].sum() == len(dated)  # every incident fits in one year


def test_bands_are_ordered_and_open_ended_is_explicit(yearly):
    assert (yearly["low"] <= yearly["best"]).all()
    closed = yearly[yearly["high"].notna()]
    assert (closed["best"] <= closed["high"]).all()
    assert (yearly["high"].isna() == (yearly["n_open_ended"] > 0)).all()


def test_monthly_series_leave_out_incidents_without_a_month(claims, incidents, dated):
    monthly = casualty_trend(claims, incidents, freq="month", rule="conservative")
    spans_months = dated["date_start"].dt.to_period("M") != dated["date_end"].dt.to_period("M")
    assert spans_months.sum() > 0
    assert (monthly["n_unplaced"] == spans_months.sum()).all()
    assert monthly["n_incidents"].sum() == len(dated) - spans_months.sum()


def test_regions_add_up_to_the_total(claims, incidents, yearly):
    by_region = casualty_trend(claims, incidents, freq="year", by="admin1", rule="conservative")
    assert set(by_region["admin1"]) <= {
        "Kayes", "Koulikoro", "Sikasso", "Ségou", "Mopti", "Tombouctou", "Gao", "Kidal", "Ménaka", "Taoudénit",
        "Bamako", "unknown region",
    }
    totals = by_region.groupby("period")[["n_incidents", "best"]].sum()
    assert totals["n_incidents"].to_dict() == yearly.set_index("period")["n_incidents"].to_dict()
    assert totals["best"].astype(int).to_dict() == yearly.set_index("period")["best"].astype(int).to_dict()


def test_contested_victims_are_their_own_series(claims, incidents, dated):
    labels = dated.set_index("incident_id")
    assert labels.loc["amassine-2024-05-19", "victim_status"] == "contested"
    assert labels.loc["tinzaouaten-drone-2024-08-25", "victim_status"] == "contested"
    assert labels.loc["sobane-da-2019-06-09", "perpetrator"] == "contested"  # Fulani militia or Katiba Macina
    by_status = casualty_trend(claims, incidents, freq="year", by="victim_status")
    assert "contested" in set(by_status.loc[by_status["period"] == "2024", "victim_status"])


def test_quarterly_perpetrator_series(claims, incidents):
    quarterly = casualty_trend(claims, incidents, freq="quarter", by="perpetrator", rule="maximum")
    assert quarterly["period"].str.match(r"^\d{4}Q[1-4]$").all()
    assert "contested" in set(quarterly["perpetrator"])


def test_according_to_each_claimant_type(claims, incidents):
    according = trend_according_to(claims, incidents, freq="year")
    assert set(according["according_to"]) <= set(claims["claimant_type"])
    military = according[according["according_to"] == "military"].set_index("period")
    own = casualty_trend(claims[claims["claimant_type"] == "military"], incidents, freq="year", rule="conservative")
    assert military["best"].to_dict() == own.set_index("period")["best"].to_dict()
    # the UN's series holds Moura's "au moins 500", the army's its 203
    un = incident_tolls_dated(claims[claims["claimant_type"] == "un"], incidents, rule="conservative")
    assert un.set_index("incident_id").loc["moura-2022-03-27", "best"] == 500


def test_trend_by_rule_stacks_every_rule(claims, incidents):
    stacked = trend_by_rule(claims, incidents, freq="year")
    assert set(stacked["rule"]) == set(SELECTION_RULES)
    wide = stacked.pivot(index="period", columns="rule", values="best")
    assert (wide["conservative"] <= wide["maximum"]).all()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"freq": "week"}, "frequency"),
        ({"by": "outlet"}, "grouping"),
        ({"rule": "average"}, "selection rule"),
    ],
)
def test_bad_arguments_are_refused(claims, kwargs, message):
    with pytest.raises(ValueError, match=message):
        casualty_trend(claims, **kwargs)


def test_median_nonbelligerent_cannot_speak_for_a_belligerent(claims):
    with pytest.raises(ValueError, match="non-belligerent"):
        trend_according_to(claims, rule="median_nonbelligerent")
