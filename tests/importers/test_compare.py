"""Tests for malitrack.importers.compare, on the shipped UCDP files and clean incidents."""

from __future__ import annotations

import pytest

from malitrack import paths
from malitrack.importers.compare import compare_datasets, covered_incidents

UCDP_FILES = [
    "data/raw/ucdp/ucdp_candidate_26_01_26_06_mali.csv",
    "data/raw/ucdp/ucdp_candidate_26_0_7_mali.csv",
    "data/raw/ucdp/ucdp_ged_23_1_mali_sample.csv",
]


@pytest.fixture(scope="module")
def comparison(incidents):
    return compare_datasets(incidents, UCDP_FILES)


def test_every_file_is_read_and_its_events_become_claims(comparison):
    assert [result.source_file for result in comparison.imports] == [name.rsplit("/", 1)[1] for name in UCDP_FILES]
    assert len(comparison.dataset_claims) == sum(len(result.events) for result in comparison.imports)
    assert comparison.problems.columns.tolist() == comparison.imports[0].problems.columns.tolist()


def test_only_incidents_of_months_the_files_cover_count_as_covered(comparison, incidents):
    months = set(comparison.dataset_claims["incident_date_start"].dt.to_period("M"))
    covered = set(comparison.covered["incident_id"])
    started = incidents.set_index("incident_id")["date_start"].dt.to_period("M")
    assert covered and all(started[incident_id] in months for incident_id in covered)
    assert all(month not in months for month in started.drop(index=list(covered)))
    # Amassine (May 2024) falls in no file's months: its missing match says nothing
    assert "amassine-2024-05-19" not in covered
    assert "amassine-2024-05-19" not in set(comparison.unmatched_covered["incident_id"])


def test_unmatched_covered_incidents_have_no_link(comparison):
    unmatched = set(comparison.unmatched_covered["incident_id"])
    assert unmatched and unmatched <= set(comparison.covered["incident_id"])
    assert not unmatched & set(comparison.match.links["incident_id"])
    assert len(unmatched) + comparison.covered["incident_id"].isin(comparison.links["incident_id"]).sum() == len(
        comparison.covered
    )


def test_min_score_drops_weaker_links_and_their_claims(comparison, incidents):
    strict = compare_datasets(incidents, UCDP_FILES, min_score=0.9)
    assert strict.links["score"].ge(0.9).all() and len(strict.links) < len(comparison.links)
    assert set(strict.linked_claims["claim_id"]) == set(strict.links["claim_id"])
    assert strict.linked_claims["match_score"].ge(0.9).all()


def test_paths_are_relative_to_the_project_folder_or_absolute(comparison, incidents, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # papermill runs kernels in the caller's folder
    absolute = compare_datasets(incidents, [str(paths.root() / UCDP_FILES[2])])
    relative = compare_datasets(incidents, [UCDP_FILES[2]])
    assert absolute.dataset_claims.equals(relative.dataset_claims)


def test_link_details_and_claims_with_datasets(comparison, claims):
    details = comparison.link_details()
    assert len(details) == len(comparison.links)
    assert details["figure_text"].notna().all() and details["reason"].str.len().gt(0).all()
    combined = comparison.claims_with_datasets(claims)
    linked = set(comparison.linked_claims["incident_id"])
    assert set(combined["incident_id"]) == linked
    own = claims[claims["incident_id"].isin(linked)]
    assert len(combined) == len(own) + len(comparison.linked_claims)


def test_covered_incidents_needs_one_event_in_the_month(incidents):
    moura = incidents[incidents["incident_id"] == "moura-2022-03-27"]
    events = moura.rename(columns={"date_start": "incident_date_start"})[["incident_date_start"]]
    assert covered_incidents(events, incidents)["date_start"].dt.to_period("M").eq(
        moura["date_start"].dt.to_period("M").iloc[0]).all()
    assert covered_incidents(events.iloc[:0], incidents).empty
