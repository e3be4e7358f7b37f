"""Source kinds and corroboration grades (malitrack.analysis.grades) on real claims."""

from __future__ import annotations

import pandas as pd

from malitrack.analysis.grades import incident_grades, source_kinds
from malitrack.vocab import CLAIM_SOURCE_KINDS as SOURCE_KINDS, GRADES


def _kind(claims: pd.DataFrame, file: str, line: int) -> str:
    kinds = source_kinds(claims)
    match = claims.index[(claims["source_file"] == file) & (claims["source_row"] == line)]
    assert len(match) == 1, f"{file}:{line}"
    return kinds[match[0]]


def test_source_kinds_of_real_claims(claims):
    assert set(source_kinds(claims)) <= set(SOURCE_KINDS)
    # Tinzaouatène, 25 August 2024
    assert _kind(claims, "claims_2022_2025.csv", 250) == "belligerent statement"  # separatists (CSP)
    assert _kind(claims, "claims_2022_2025.csv", 251) == "official or witness"  # local elected official, to AFP
    assert _kind(claims, "claims_2022_2025.csv", 252) == "UN or NGO investigation"  # head of a local NGO
    # Ogossagou, 23 March 2019
    assert _kind(claims, "claims_2012_2021.csv", 228) == "outlet's own report"  # RFI ('dernier bilan')
    assert _kind(claims, "claims_2012_2021.csv", 223) == "wire copy"  # 24ur.com, AFP cited for details
    assert _kind(claims, "claims_2012_2021.csv", 216) == "secondhand copy or aggregator"  # translated Wikipedia


def test_every_incident_has_one_grade(claims):
    grades = incident_grades(claims)
    assert set(grades["grade"]) <= set(GRADES)
    assert not grades.duplicated(["incident_id", "outcome"]).any()
    assert len(grades) == len(claims[["incident_id", "outcome"]].drop_duplicates())
    killed = grades[grades["outcome"] == "killed"].set_index("incident_id")
    # Ogossagou: MINUSMA, HRW, Tabital Pulaaku, local officials ... and no dispute over who died or who did it
    assert killed.loc["ogossagou-2019-03-23", "grade"] == "corroborated"
    assert killed.loc["ogossagou-2019-03-23", "n_nonbelligerent_sources"] >= 2
    # Gossi 2022: France and Mali blame each other's partners, nobody gives a number
    assert killed.loc["gossi-mass-grave-2022-04", "grade"] == "contested"


def test_grade_is_shown_beside_every_toll(claims):
    from malitrack.analysis.tolls import incident_tolls

    tolls = incident_tolls(claims, "conservative")
    assert tolls["grade"].notna().all()
