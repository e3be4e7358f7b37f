"""The incidents register (data/raw/incidents.csv): its rules are run by ``malitrack validate``.

These tests check that the shipped register passes the tool's rules, that each
broken rule is reported with its line, column and what to write, and a few
facts of the shipped register that are data, not rules.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import RAW
from shipped import SHIPPED_INCIDENTS, shipped_claims_paths

from malitrack.clean.readers import read_claims_files
from malitrack.clean.register_rules import REGISTER_COLUMNS, register_problems, vocabulary_problems
from malitrack.schemas import INCIDENT_TYPES

REGISTER = RAW / "incidents.csv"
SIDECAR = RAW / "incidents.provenance.json"


def _read(path=REGISTER) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def claims():
    """Every claims file of the tree: the register covers a user's added incidents too."""
    return read_claims_files(sorted((RAW / "claims").glob("*.csv")))[0]


@pytest.fixture(scope="module")
def by_id() -> dict[str, dict[str, str]]:
    return {row["incident_id"]: row for row in _read()}


def _problems_with(tmp_path, claims, change):
    """Register problems after ``change(rows)`` edits a copy of the shipped register (claims folder shared)."""
    rows = _read()
    change(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REGISTER_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "incidents.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (tmp_path / "claims").symlink_to(RAW / "claims")
    return register_problems(tmp_path, claims, "incidents.csv")


def test_the_shipped_register_passes_every_rule(claims):
    assert register_problems(RAW, claims, "incidents.csv") == []
    assert vocabulary_problems(RAW, "incidents.provenance.json") == []


def test_every_shipped_incident_has_exactly_one_row(claims):
    keys = set(read_claims_files(shipped_claims_paths())[0]["incident_key"])
    ids = [row["incident_id"] for row in _read()]
    assert len(keys) == SHIPPED_INCIDENTS
    assert {key: ids.count(key) for key in keys} == {key: 1 for key in keys}


def _set(incident_id, **values):
    def change(rows):
        row = next(r for r in rows if r["incident_id"] == incident_id)
        row.update(values)
    return change


BROKEN = [
    ("duplicate row", lambda rows: rows.append(dict(rows[0])), "incident_id", "listed twice"),
    ("key no claims file uses", lambda rows: rows.append({**rows[0], "incident_id": "nowhere-2024-01-01"}), "incident_id", "no claims file uses"),
    ("type outside the vocabulary", _set("amassine-2024-05-19", incident_type="explosion"), "incident_type", "is not a type: use one of massacre"),
    ("url of another incident", _set("amassine-2024-05-19", incident_type_url="https://example.org/x"), "incident_type_url", "not the URL of a claim"),
    ("basis not in the cited row", _set("amassine-2024-05-19", incident_type_basis="words nobody wrote"), "incident_type_basis", "not found verbatim"),
    ("basis from a missing NOTES file", _set("amassine-2024-05-19", incident_type_basis="NOTES_nowhere.md: x"), "incident_type_basis", "not found verbatim"),
    ("title with a date", _set("amassine-2024-05-19", title="Amassine, 19 mai 2024"), "title", "no dates or coordinates"),
    ("aggregate of an unknown key", _set("tilemsi-operations-2025-02-16", aggregate_of="nowhere-2024-01-01"), "aggregate_of", "has no register row"),
    ("aggregate of an aggregate", _set("tilemsi-operations-2025-02-16", aggregate_of="dioura-gargando-2025-01-02-04"), "aggregate_of", "itself an aggregate"),
    ("aggregate without a note", _set("tilemsi-operations-2025-02-16", note=""), "note", "needs a note"),
]


@pytest.mark.parametrize(("change", "column", "reason"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_each_broken_rule_is_reported_on_its_line(tmp_path, claims, change, column, reason):
    problems = _problems_with(tmp_path, claims, change)
    assert [p.column for p in problems] == [column]
    assert reason in problems[0].reason
    assert problems[0].file == "incidents.csv" and problems[0].row >= 2


def test_an_unregistered_incident_is_reported_at_its_first_claim_with_what_to_write(tmp_path, claims):
    problems = _problems_with(tmp_path, claims, lambda rows: rows.remove(next(r for r in rows if r["incident_id"] == "amassine-2024-05-19")))
    assert len(problems) == 1
    problem = problems[0]
    first = claims[claims["incident_key"] == "amassine-2024-05-19"].iloc[0]
    assert (problem.file, problem.row, problem.column) == (first["source_file"], first["source_row"], "incident_key")
    assert problem.reason.startswith("incident 'amassine-2024-05-19' is not registered: add a row to data/raw/incidents.csv")
    assert "a basis quoted verbatim from one of its claims and that claim's URL" in problem.reason
    assert all(kind in problem.reason for kind in INCIDENT_TYPES)


def test_a_sidecar_without_a_rule_for_a_type_is_reported(tmp_path):
    meta = json.loads(SIDECAR.read_text(encoding="utf-8"))
    del meta["vocabulary"]["battle"]
    (tmp_path / "incidents.provenance.json").write_text(json.dumps(meta), encoding="utf-8")
    problems = vocabulary_problems(tmp_path, "incidents.provenance.json")
    assert [p.reason for p in problems] == ["type 'battle' has no written rule: add it to 'vocabulary'"]


# --------------------------------------------------------------------------- facts of the shipped register


def test_the_sidecar_writes_down_the_rule_order_for_every_type():
    meta = json.loads(SIDECAR.read_text(encoding="utf-8"))
    assert set(meta["vocabulary"]) == set(INCIDENT_TYPES)
    assert all(f" {kind}" in meta["type_rules"] for kind in INCIDENT_TYPES)


def test_aggregate_keys(by_id):
    aggregates = {key: row["aggregate_of"].split("; ") for key, row in by_id.items() if row["aggregate_of"]}
    assert aggregates == {
        "minusma-douentza-tombouctou-2017-08-14": ["douentza-minusma-2017-08-14", "tombouctou-minusma-qg-2017-08-14"],
        "dioura-gargando-2025-01-02-04": ["hampey-dioura-2025-01-02"],
        # civilians over two days (NOTES_2022_2025.md); the Anéfis clash counts combatants only
        "tilemsi-operations-2025-02-16": ["tilemsi-aslagh-2025-02-16", "gao-algeria-road-2025-02-17"],
    }
    assert "never add" in by_id["minusma-douentza-tombouctou-2017-08-14"]["note"]


@pytest.mark.parametrize(
    ("incident_id", "incident_type"),
    [
        ("amasrakad-2024-03-17", "drone_strike"),
        ("ersane-2023-10-05", "execution"),
        ("bamako-protests-2020-07-10", "protest_repression"),
        ("kobri-indians-kidnap-2025-11-06", "abduction"),
        ("tombouctou-obus-2023-09-21", "shelling"),
        ("gao-moc-2017-01-18", "bombing"),
        ("bounti-2021-01-03", "airstrike"),
        ("koro-dioungani-2017-06-17", "clash"),
        ("ogossagou-2019-03-23", "massacre"),
        # assaults on camps and posts, re-read against their pages (data audit, December 2026)
        ("misseni-2015-06-10", "attack_on_base"),
        ("boulkessi-2017-03-05", "attack_on_base"),
        ("boulkessi-mondoro-2021-01-24", "attack_on_base"),
        ("tarkint-2020-03-19", "attack_on_base"),
        ("lere-2023-09-17", "attack_on_base"),
        ("tessit-2022-08-07", "attack_on_base"),
        ("tessalit-minusma-2013-10-23", "attack_on_base"),
        ("sevare-g5-qg-2018-06-29", "attack_on_base"),
    ],
)
def test_well_known_incidents_have_the_expected_type(by_id, incident_id, incident_type):
    assert by_id[incident_id]["incident_type"] == incident_type


def test_seed_incident_of_the_source_article(by_id):
    assert by_id["amassine-2024-05-19"]["incident_type"] in {"massacre", "execution"}
