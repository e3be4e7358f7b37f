"""Tests for malitrack.analysis.coverage on the shipped UCDP Candidate rows and the clean claims."""

from __future__ import annotations

import pandas as pd
import pytest

from malitrack import paths
from malitrack.analysis.coverage import (
    coverage_gap,
    coverage_gap_sentence,
    events_after_claims,
    last_claim_date,
    latest_event_rows,
)
from malitrack.importers.ucdp import read_ucdp_ged

# oldest release first: Candidate 26.0.7 revises two events of 26.01-26.06
CANDIDATE_FILES = ("ucdp_candidate_26_01_26_06_mali.csv", "ucdp_candidate_26_0_7_mali.csv")


@pytest.fixture(scope="module")
def candidate_events() -> pd.DataFrame:
    frames = []
    for name in CANDIDATE_FILES:
        result = read_ucdp_ged(paths.raw_dir() / "ucdp" / name)
        frames.append(result.events.assign(release=result.release))
    return pd.concat(frames, ignore_index=True)


def test_the_claims_stop_on_18_february_2026(claims):
    assert last_claim_date(claims) == pd.Timestamp("2026-02-18")


def test_a_revised_event_counts_once_in_its_latest_release(candidate_events):
    assert len(candidate_events) == 362 + 130
    latest = latest_event_rows(candidate_events).set_index("id")
    assert len(latest) == 490
    # 26.01-26.06 had 634053 as a Tombouctou-region event of 29 June, 2 dead; 26.0.7 moves it to 1 July, best 0
    assert latest.loc[634053, "release"] == "Candidate 26.0.7"
    assert (latest.loc[634053, "best"], latest.loc[634053, "high"]) == (0, 2)


def test_the_months_after_february_2026_are_flagged(claims, candidate_events):
    gap = coverage_gap(claims, candidate_events).set_index("period")
    months_2026 = gap.loc[pd.Period("2026-01", "M"):]
    flagged = [str(period) for period in months_2026.index[months_2026["gap"]]]
    assert flagged == ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]
    assert not gap.loc[pd.Period("2026-02", "M"), "gap"]  # claims and UCDP events both
    assert gap.loc[pd.Period("2026-02", "M"), "incidents_with_claims"] == 2
    assert not gap.loc[:pd.Period("2025-12", "M"), "gap"].any()  # the Candidate files start in January 2026
    assert gap["after_claims"].tolist() == [period > pd.Period("2026-02", "M") for period in gap.index]
    april = gap.loc[pd.Period("2026-04", "M")]
    assert (april["ucdp_events"], april["ucdp_low"], april["ucdp_best"], april["ucdp_high"]) == (66, 138, 144, 411)
    assert gap["ucdp_events"].sum() == 490


def test_the_25_april_2026_attacks_are_listed_as_ucdp_recorded_them(claims, candidate_events):
    listed = events_after_claims(claims, candidate_events)
    assert listed["month"].min() == pd.Period("2026-03", "M")
    april_25 = listed[listed["date_start"] == pd.Timestamp("2026-04-25")].set_index("ucdp_id")
    assert set(april_25.index) == {627497, 627498, 627499, 627500, 627502, 627541, 627552, 627554, 627555,
                                   627570, 627860}
    kidal = april_25.loc[627498]
    assert (kidal["place"], kidal["side_a"], kidal["side_b"]) == ("Kidal town", "Government of Mali", "FLA")
    assert (kidal["low"], kidal["best"], kidal["high"]) == (14, 14, 36)
    assert kidal["date_end"] == pd.Timestamp("2026-04-26")
    kati = april_25.loc[627497]
    assert (kati["place"], kati["side_b"], kati["best"]) == ("Kati town", "JNIM", 27)
    assert listed["date_start"].is_monotonic_increasing


def test_anefis_in_july_is_among_the_events_after_the_claims(claims, candidate_events):
    listed = events_after_claims(claims, candidate_events)
    anefis = listed[listed["place"].str.contains("Anefis", na=False)]
    assert len(anefis) and set(anefis["month"].astype(str)) <= {"2026-03", "2026-04", "2026-05", "2026-06", "2026-07"}
    assert 636488 in set(anefis["ucdp_id"])  # the UCDP row the gazetteer cites for Anéfis's point


def test_the_sentence_gives_ucdps_numbers_in_english_and_french(claims, candidate_events):
    english = coverage_gap_sentence(claims, candidate_events, lang="en")
    french = coverage_gap_sentence(claims, candidate_events, lang="fr")
    assert english.startswith("The gathered claims stop on 18 February 2026; UCDP records 399 events and between "
                              "1,020 and 1,798 deaths (best estimate 1,069) from March to July 2026")
    assert french.startswith("Les revendications recueillies s'arrêtent au 18 février 2026 ; UCDP recense "
                             "399 événements et entre 1\u202f020 et 1\u202f798 morts (estimation centrale 1\u202f069) "
                             "de mars à juillet 2026")


def test_no_sentence_when_the_claims_reach_past_every_event(claims, candidate_events):
    before = candidate_events[candidate_events["date_start"] < pd.Timestamp("2026-02-01")]
    assert coverage_gap_sentence(claims, before) is None


def test_an_events_frame_without_ucdp_columns_is_refused(claims):
    acled_like = pd.DataFrame({"event_id_cnty": ["MLI1"], "event_date": ["2026-04-25"], "fatalities": [3]})
    with pytest.raises(ValueError, match="low/best/high"):
        coverage_gap(claims, acled_like)
