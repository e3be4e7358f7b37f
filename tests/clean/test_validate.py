"""``malitrack validate`` with no argument: the whole raw folder, every rule, messages that say what to do."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import RAW, csv_text, real_rows
from shipped import SHIPPED_CLAIMS, SHIPPED_CLAIMS_ROWS

from malitrack.cli import main
from malitrack.clean.reference_rules import actor_problems, gazetteer_problems
from malitrack.clean.validate import validate_tree

NEW_KEY = "kati-2026-04-25"


def test_the_shipped_tree_is_valid():
    report = validate_tree(RAW)
    assert report.problems == []
    # a user's added incident may warn (no place link yet); the shipped files do not
    assert [w for w in report.warnings if Path(w.file).name in SHIPPED_CLAIMS_ROWS] == []
    assert report.n_files >= len(SHIPPED_CLAIMS_ROWS) and report.n_rows >= SHIPPED_CLAIMS


def test_validate_without_argument_exits_zero_on_the_shipped_tree(capsys):
    assert main(["validate", "--raw", str(RAW)]) == 0
    assert "is valid" in capsys.readouterr().err


def _rewrite(path, change):
    """Apply ``change(rows)`` to a CSV's rows (header first), keeping its line endings."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    change(rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n" if "\r\n" in text else "\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """A copy of data/raw with a user's new claims file and one break per kind, validated once."""
    raw = tmp_path_factory.mktemp("broken") / "raw"
    shutil.copytree(RAW, raw)
    header, rows = real_rows()
    new_rows = [list(row) for row in rows[:2]]
    for row in new_rows:
        row[0] = NEW_KEY
        row[header.index("place")] = "Katti"
    new_rows[1][header.index("figure_text")] = "-5"
    (raw / "claims" / "zz_kati.csv").write_text(csv_text(header, new_rows), encoding="utf-8")

    def stale_correction(rows):
        rows[1][rows[0].index("raw_value")] = "plus de morts"

    _rewrite(raw / "corrections.csv", stale_correction)
    return validate_tree(raw)


def _lines(report):
    return [str(p) for p in report.problems]


def test_a_new_claims_file_without_sidecar_is_reported_with_the_command(broken):
    assert any("zz_kati.csv" in line and "no provenance sidecar zz_kati.provenance.json: run `malitrack provenance" in line
               for line in _lines(broken))


def test_an_edited_file_makes_its_sidecar_stale(broken):
    stale = [line for line in _lines(broken) if "corrections.provenance.json::sha256: stale" in line]
    assert len(stale) == 1
    assert stale[0].endswith("corrections.csv`")
    assert "run `malitrack provenance " in stale[0]


def test_an_unregistered_incident_says_how_to_register_it(broken):
    hits = [p for p in broken.problems if p.column == "incident_key" and NEW_KEY in p.reason]
    assert len(hits) == 1
    assert hits[0].file.endswith("zz_kati.csv") and hits[0].row == 2
    assert hits[0].reason.startswith(f"incident '{NEW_KEY}' is not registered: add a row to data/raw/incidents.csv with incident_id")


def test_claim_rows_are_checked_like_the_clean_step(broken):
    hits = [p for p in broken.problems if p.file.endswith("zz_kati.csv") and p.column == "figure_text"]
    assert [(p.row, p.reason) for p in hits] == [(3, "negative casualty figure: '-5'")]


def test_a_correction_that_no_longer_applies_is_reported(broken):
    hits = [p for p in broken.problems if p.file.endswith("corrections.csv")]
    assert [(p.row, p.column) for p in hits] == [(2, "raw_value")]
    assert "expects figure_text='plus de morts' but the raw file has 'plus de victimes'" in hits[0].reason


def test_an_unknown_place_is_a_warning_with_the_closest_names_and_how_to_add_one(broken):
    hits = [p for p in broken.warnings if p.column == "place" and p.file.endswith("zz_kati.csv")]
    assert len(hits) == 1
    assert "place 'Katti' is not in the gazetteer (closest: Kati (kati)" in hits[0].reason
    assert "takes its region from its claims' admin_region" in hits[0].reason
    assert "data/raw/places/gazetteer_gapfill.csv" in hits[0].reason


def test_validate_exits_one_and_prints_every_problem(broken, tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "claims" / "zz_kati.csv").write_text(csv_text(*real_rows()), encoding="utf-8")
    assert main(["validate", "--raw", str(raw)]) == 1
    captured = capsys.readouterr()
    assert "zz_kati.provenance.json" in captured.out
    assert "problem(s)" in captured.err


# --------------------------------------------------------------------------- reference files


@pytest.fixture
def places_copy(tmp_path):
    shutil.copytree(RAW / "places", tmp_path / "places")
    return tmp_path


def test_gazetteer_rules(places_copy):
    places = places_copy / "places"

    def break_gazetteer(rows):
        header = rows[0]
        duplicate = list(rows[1])
        rows.append(duplicate)
        rows[2][header.index("region_pre2023")] = "Sahel"
        rows[3][header.index("latitude")], rows[3][header.index("longitude")] = "48.85", "2.35"
        rows[3][header.index("coord_source")] = "a page about Paris"

    _rewrite(places / "gazetteer_gapfill.csv", break_gazetteer)
    _rewrite(places / "incident_places_gapfill.csv", lambda rows: rows.append([NEW_KEY, "nowhere", "main", ""]))
    problems, _ = gazetteer_problems(places_copy, str)
    found = {(p.file.rsplit("/", 1)[-1], p.row, p.column) for p in problems}
    n = len((places / "gazetteer_gapfill.csv").read_text(encoding="utf-8").splitlines())
    links = len((places / "incident_places_gapfill.csv").read_text(encoding="utf-8").splitlines())
    assert found == {
        ("gazetteer_gapfill.csv", n, "place_id"),
        ("gazetteer_gapfill.csv", 3, "region_pre2023"),
        ("gazetteer_gapfill.csv", 4, "latitude"),
        ("incident_places_gapfill.csv", links, "place_id"),
    }
    assert any("is outside Mali" in p.reason for p in problems)


def test_the_shipped_reference_files_pass():
    assert gazetteer_problems(RAW, str)[0] == []
    assert actor_problems(RAW, str) == []


def test_actor_register_rules(tmp_path):
    shutil.copy(RAW / "actor_aliases.csv", tmp_path / "actor_aliases.csv")
    meta = json.loads((RAW / "actor_aliases.provenance.json").read_text(encoding="utf-8"))
    meta["actors"].append({"name": "Phantom militia", "kind": "gang", "sources": []})
    meta["date_aware_mapping"]["switch_date"] = "2024-12-01"
    (tmp_path / "actor_aliases.provenance.json").write_text(json.dumps(meta), encoding="utf-8")
    _rewrite(tmp_path / "actor_aliases.csv", lambda rows: rows.extend([["Ghost group", "ghosts", "en", "", ""], ["MNLA", "FAMa", "mul", "", ""]]))
    reasons = [p.reason for p in actor_problems(tmp_path, str)]
    assert any("'Phantom militia' has kind 'gang'" in r for r in reasons)
    assert any("actor 'Ghost group' is not in the register" in r for r in reasons)
    assert any("alias 'FAMa' already maps to 'FAMa'" in r for r in reasons)
    assert any("'Phantom militia' has no alias" in r for r in reasons)
    assert any("switch_date '2024-12-01' is not the date the code switches on" in r for r in reasons)
