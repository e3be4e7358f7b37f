"""Tests for malitrack.importers.matching: one synthetic case per rule, then the real 2026 matches."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from malitrack.importers.acled import read_acled
from malitrack.importers.matching import (
    EARTH_RADIUS_KM,
    dataset_claims_for_incidents,
    figures_side_by_side,
    match_events,
)
from malitrack.parse.distinct import map_distinct
from malitrack.paths import root

AGUELHOK = (19.461389, 0.858889)
KIDAL = (18.441111, 1.407778)
GAO = (16.2666, -0.0400)


def _events(*rows):
    """Dataset claims with only the columns matching reads (synthetic)."""
    defaults = {
        "dataset": "SYNTHETIC",
        "incident_date_end": None,
        "date_widening_days": 0,
        "location_level": "point",
        "location_radius_km": 0.0,
        "admin1": "Kidal",
        "figure_text": "SYNTHETIC best 1",
    }
    frame = pd.DataFrame([defaults | row for row in rows])
    frame["claim_id"] = "syn-" + frame["dataset_event_id"]
    frame["incident_date_start"] = pd.to_datetime(frame["incident_date_start"])
    frame["incident_date_end"] = pd.to_datetime(frame["incident_date_end"]).fillna(frame["incident_date_start"])
    frame["location_radius_km"] = frame["location_radius_km"].astype("Float64")
    return frame


def _incidents(*rows):
    defaults = {"date_end": None, "coord_precision": "village", "admin1": "Kidal"}
    frame = pd.DataFrame([defaults | row for row in rows])
    frame["date_start"] = pd.to_datetime(frame["date_start"])
    frame["date_end"] = pd.to_datetime(frame["date_end"]).fillna(frame["date_start"])
    return frame


def _point(place):
    return {"latitude": place[0], "longitude": place[1]}


def _linked(result):
    return set(zip(result.links["incident_id"], result.links["dataset_event_id"]))


INCIDENT = _incidents({"incident_id": "aguelhok-2030", "date_start": "2030-01-15", **_point(AGUELHOK)})


def test_same_day_same_place_links_with_full_score():
    result = match_events(_events({"dataset_event_id": "e1", "incident_date_start": "2030-01-15", **_point(AGUELHOK)}), INCIDENT)
    link = result.links.iloc[0]
    assert (link["incident_id"], link["dataset_event_id"]) == ("aguelhok-2030", "e1")
    assert link["score"] == 1.0
    assert link["reason"] == "same day; 0 km (limit 25 km); same admin1 Kidal"
    assert result.unmatched_events.empty and result.unmatched_incidents.empty


def test_days_window():
    events = _events({"dataset_event_id": "e1", "incident_date_start": "2030-01-16", **_point(AGUELHOK)})
    one_day = match_events(events, INCIDENT, days_window=1)
    assert one_day.links["reason"].iloc[0].startswith("1 day apart")
    assert one_day.links["score"].iloc[0] < 1
    assert match_events(events, INCIDENT, days_window=0).links.empty


def test_date_precision_widens_the_window():
    month_known = {"dataset_event_id": "e1", "incident_date_start": "2030-01-25", "date_widening_days": 15, **_point(AGUELHOK)}
    assert _linked(match_events(_events(month_known), INCIDENT, days_window=1)) == {("aguelhok-2030", "e1")}
    exact_day = month_known | {"date_widening_days": 0}
    assert match_events(_events(exact_day), INCIDENT, days_window=1).links.empty


def test_an_event_interval_overlapping_the_incident():
    spanning = {"dataset_event_id": "e1", "incident_date_start": "2030-01-10", "incident_date_end": "2030-01-20", **_point(AGUELHOK)}
    link = match_events(_events(spanning), INCIDENT, days_window=0).links.iloc[0]
    assert link["reason"].startswith("dates overlap")
    assert link["days_apart"] == 0


def test_distance_window_widened_by_location_precision():
    # about 34 km north of Aguelhok
    north = (AGUELHOK[0] + 0.31, AGUELHOK[1])
    exact = {"dataset_event_id": "e1", "incident_date_start": "2030-01-15", **_point(north)}
    assert match_events(_events(exact), INCIDENT, km_window=25).links.empty
    within_25_km = exact | {"location_radius_km": 25.0}
    link = match_events(_events(within_25_km), INCIDENT, km_window=25).links.iloc[0]
    assert "34 km (limit 50 km)" in link["reason"]
    assert match_events(_events(exact), INCIDENT, km_window=40).links["distance_km"].iloc[0] == pytest.approx(34.5, abs=0.5)


def test_an_approximate_incident_point_widens_the_distance():
    north = (AGUELHOK[0] + 0.31, AGUELHOK[1])
    events = _events({"dataset_event_id": "e1", "incident_date_start": "2030-01-15", **_point(north)})
    approximate = INCIDENT.assign(coord_precision="approximate")
    assert "limit 75 km" in match_events(events, approximate, km_window=25).links["reason"].iloc[0]


def test_region_level_event_links_on_same_admin1_only():
    region_only = {"dataset_event_id": "e1", "incident_date_start": "2030-01-15", "location_level": "admin1",
                   "location_radius_km": None, **_point(KIDAL)}
    link = match_events(_events(region_only), INCIDENT).links.iloc[0]
    assert link["reason"] == "same day; same admin1 (event known only to its region)"
    assert link["score"] == pytest.approx(0.625)
    other_region = region_only | {"admin1": "Gao", **_point(GAO)}
    assert match_events(_events(other_region), INCIDENT).links.empty


def test_incident_without_coordinates_links_on_admin1():
    no_point = _incidents({"incident_id": "kidal-region-2030", "date_start": "2030-01-15", "latitude": None,
                           "longitude": None, "coord_precision": None})
    events = _events({"dataset_event_id": "e1", "incident_date_start": "2030-01-15", **_point(AGUELHOK)})
    assert match_events(events, no_point).links["reason"].iloc[0] == "same day; same admin1 (incident has no coordinates)"


def test_country_level_event_is_never_linked_and_says_why():
    country = {"dataset_event_id": "e1", "incident_date_start": "2030-01-15", "location_level": "none",
               "location_radius_km": None, "admin1": None, **_point(AGUELHOK)}
    result = match_events(_events(country), INCIDENT)
    assert result.links.empty
    assert result.unmatched_events["why_unmatched"].iloc[0].startswith("placed only at country level")
    assert result.unmatched_incidents["incident_id"].tolist() == ["aguelhok-2030"]


def test_an_event_without_a_date_is_never_linked():
    undated = {"dataset_event_id": "e1", "incident_date_start": None, **_point(AGUELHOK)}
    result = match_events(_events(undated), INCIDENT, days_window=3)
    assert result.links.empty
    why = result.unmatched_events.set_index("dataset_event_id")["why_unmatched"]
    assert why["e1"] == "event has no date"


def test_an_acled_event_with_a_bad_date_is_reported_not_matched(tmp_path):
    rows = (root() / "tests" / "data" / "acled_synthetic_current.csv").read_text(encoding="utf-8")
    path = tmp_path / "acled_synthetic_nodate.csv"
    path.write_text(rows.replace("2030-01-15", "someday"), encoding="utf-8")
    acled = read_acled(path)
    assert "MLISYN0001" not in set(acled.claims["dataset_event_id"])
    assert acled.problems.set_index("event_id").loc["MLISYN0001", "value"] == "someday"
    assert "MLISYN0001" not in set(match_events(acled, INCIDENT, days_window=3).unmatched_events["dataset_event_id"])


def test_same_day_in_another_region_must_not_match():
    gao = {"dataset_event_id": "e1", "incident_date_start": "2030-01-15", "admin1": "Gao", **_point(GAO)}
    result = match_events(_events(gao), INCIDENT, days_window=1, km_window=25)
    assert result.links.empty
    assert result.unmatched_events["dataset_event_id"].tolist() == ["e1"]
    assert result.unmatched_incidents["incident_id"].tolist() == ["aguelhok-2030"]


def test_one_event_may_link_to_several_incidents_and_scores_rank_them():
    incidents = _incidents(
        {"incident_id": "aguelhok-2030", "date_start": "2030-01-15", **_point(AGUELHOK)},
        {"incident_id": "aguelhok-camp-2030", "date_start": "2030-01-16", **_point(AGUELHOK)},
        {"incident_id": "undated", "date_start": None, **_point(AGUELHOK)},
    )
    events = _events({"dataset_event_id": "e1", "incident_date_start": "2030-01-15", **_point(AGUELHOK)})
    result = match_events(events, incidents, days_window=1)
    scores = result.links.set_index("incident_id")["score"]
    assert set(scores.index) == {"aguelhok-2030", "aguelhok-camp-2030"}
    assert scores["aguelhok-2030"] > scores["aguelhok-camp-2030"]
    assert result.unmatched_incidents.set_index("incident_id").loc["undated", "why_unmatched"] == "incident has no date"


def test_synthetic_acled_file_end_to_end():
    acled = read_acled(root() / "tests" / "data" / "acled_synthetic_current.csv")
    incidents = _incidents(
        {"incident_id": "aguelhok-2030", "date_start": "2030-01-15", **_point(AGUELHOK)},
        # the Gao strike is coded to the region only (geo_precision 3) and to the month (time_precision 3)
        {"incident_id": "gao-region-2030", "date_start": "2030-01-08", "admin1": "Gao", "latitude": 16.5,
         "longitude": 0.5, "coord_precision": "approximate"},
    )
    result = match_events(acled, incidents, days_window=1)
    assert _linked(result) == {("aguelhok-2030", "MLISYN0001"), ("gao-region-2030", "MLISYN0005")}
    extra = dataset_claims_for_incidents(result, acled)
    assert extra.set_index("dataset_event_id").loc["MLISYN0001", "incident_id"] == "aguelhok-2030"
    assert {"match_score", "match_reason"} <= set(extra.columns)
    assert set(result.unmatched_events["dataset_event_id"]) == {"MLISYN0002", "MLISYN0003", "MLISYN0006"}


def test_figures_side_by_side_puts_dataset_figures_first():
    claims = pd.DataFrame({"incident_id": ["a", "a", "a"], "claimant": ["CSP", "army", "army"],
                           "figure_text": ["over 30", None, "quatre blessés"],
                           "outcome": ["killed", "killed", "injured"]})
    linked = pd.DataFrame({"incident_id": ["a", "a"], "figure_text": ["UCDP best 29, low 29, high 35", "ACLED 29"],
                           "match_score": [0.9, 0.8]})
    table = figures_side_by_side(claims, linked)
    assert table.loc[0, "figures"] == "UCDP best 29, low 29, high 35; ACLED 29; CSP over 30"
    assert figures_side_by_side(claims, linked, min_score=0.85).loc[0, "dataset_figures"] == "UCDP best 29, low 29, high 35"


def test_incidents_frame_must_have_the_columns():
    with pytest.raises(ValueError, match="lacks columns"):
        match_events(_events({"dataset_event_id": "e1", "incident_date_start": "2030-01-15", **_point(AGUELHOK)}),
                     INCIDENT.drop(columns="coord_precision"))


# ---------------------------------------------------------------- real matches (UCDP Candidate rows, early 2026)


@pytest.fixture(scope="module")
def real(claims, incidents):
    from malitrack.importers.ucdp import read_ucdp_ged

    ucdp_dir = root() / "data" / "raw" / "ucdp"
    dataset_claims = pd.concat([read_ucdp_ged(path).claims for path in sorted(ucdp_dir.glob("*.csv"))], ignore_index=True)
    match = match_events(dataset_claims, incidents, days_window=1, km_window=25)
    linked = dataset_claims_for_incidents(match, dataset_claims)
    return {"match": match, "linked": linked, "claims": claims, "incidents": incidents}


@pytest.mark.parametrize(
    "incident_id, ucdp_id",
    [
        ("kayes-senegal-road-fuel-convoy-2026-01-29", "612349"),  # JNIM - Civilians, between Diboli and Kayes
        ("inatabakate-ambush-2026-01-29", "612359"),  # I-n-Tabakat well
        ("akabar-airstrikes-2026-01-31", "612355"),  # Akabar village
        ("aguelhoc-convoy-ied-2026-02-18", "618745"),  # Aguelhok village
        ("anefis-kidal-fla-drone-2026-02-18", "618725"),  # between Aguelhok and Anefis
        ("aguelhoc-convoy-ied-2026-02-18", "618725"),
    ],
)
def test_real_2026_incidents_match_their_ucdp_events(real, incident_id, ucdp_id):
    assert (incident_id, ucdp_id) in _linked(real["match"])


def test_fuel_convoy_figures_sit_beside_the_claims(real):
    table = figures_side_by_side(real["claims"], real["linked"]).set_index("incident_id")
    convoy = table.loc["kayes-senegal-road-fuel-convoy-2026-01-29"]
    assert "UCDP best 15, low 15, high 18" in convoy["dataset_figures"]
    assert "15 corps" in convoy["claim_figures"] and "18" in convoy["claim_figures"]
    ucdp = real["linked"].set_index("dataset_event_id").loc["612349"]
    assert (ucdp["low"], ucdp["best"], ucdp["high"]) == (15, 15, 18)
    assert ucdp["claimant"] == "UCDP GED Candidate 26.01-26.06"
    # UCDP codes the convoy as two events (JNIM - Civilians, Government of Mali - JNIM): each is partial
    assert ucdp["note"].startswith("scope: UCDP event 612349 only (2 events")


def test_matches_keep_their_own_years(real):
    links = real["match"].links
    incident_years = links["incident_id"].str.extract(r"(\d{4})-\d{2}(?:-\d{2})?$")[0]
    event_years = links["claim_id"].map(
        real["linked"].drop_duplicates("claim_id").set_index("claim_id")["incident_date_start"].dt.year.astype(str)
    )
    assert (incident_years == event_years).all()


def test_real_unmatched_lists_are_complete(real):
    match, incidents = real["match"], real["incidents"]
    assert set(match.unmatched_incidents["incident_id"]) | set(match.links["incident_id"]) == set(incidents["incident_id"])
    linked_events = set(match.links["claim_id"])
    assert len(match.unmatched_events) + len(linked_events) == 499


# ---------------------------------------------------------------- properties and helpers

@settings(max_examples=60, deadline=None)
@given(
    day_offset=st.integers(-20, 20),
    widening=st.sampled_from([0, 3, 15]),
    north_km=st.floats(0, 300),
    radius=st.sampled_from([0.0, 25.0, 100.0]),
    days_window=st.integers(0, 3),
    km_window=st.floats(0, 50),
)
def test_a_point_event_links_exactly_when_both_windows_hold(day_offset, widening, north_km, radius, days_window, km_window):
    latitude = AGUELHOK[0] + north_km / (EARTH_RADIUS_KM * math.pi / 180)
    day = pd.Timestamp("2030-01-15") + pd.Timedelta(days=day_offset)
    events = _events({"dataset_event_id": "e1", "incident_date_start": day, "date_widening_days": widening,
                      "location_radius_km": radius, "latitude": latitude, "longitude": AGUELHOK[1]})
    result = match_events(events, INCIDENT, days_window=days_window, km_window=km_window)
    expected = abs(day_offset) <= days_window + widening and north_km <= km_window + radius + 0.01
    borderline = abs(north_km - (km_window + radius)) < 0.05
    if not borderline:
        assert (len(result.links) == 1) == expected
    if len(result.links):
        link = result.links.iloc[0]
        assert 0 <= link["score"] <= 1
        assert link["days_apart"] == abs(day_offset)
        assert link["distance_km"] <= link["distance_limit_km"] + 0.05  # distance_km is rounded to 0.1 km
    assert len(result.links) + len(result.unmatched_events) == 1


def test_map_distinct_spreads_results_back_and_keeps_na():
    seen = []

    def upper(distinct):
        seen.extend(distinct)
        return [value.upper() for value in distinct]

    values = pd.Series(["kidal", None, "gao", "kidal"], index=[10, 11, 12, 13], dtype="str")
    result = map_distinct(values, upper)
    assert result.tolist()[0::2] == ["KIDAL", "GAO"] and pd.isna(result[11]) and result[13] == "KIDAL"
    assert result.index.tolist() == [10, 11, 12, 13]
    assert sorted(seen) == ["gao", "kidal"]  # each distinct value once
    assert map_distinct(pd.Series([3, 1, 3]), lambda d: [v * 10 for v in d]).tolist() == [30, 10, 30]
