"""Provenance sidecars: the check ``malitrack validate`` runs, and ``malitrack provenance`` that writes them."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from conftest import RAW, csv_text, real_rows

from malitrack.cli import main
from malitrack.clean.provenance import DEFAULT_LICENCE, check_sidecar, sidecar_path, write_provenance

RAW_FILES = sorted(RAW.rglob("*.csv"))


def test_there_are_raw_files():
    assert len(RAW_FILES) >= 8


@pytest.mark.parametrize("path", RAW_FILES, ids=lambda p: str(p.relative_to(RAW)))
def test_every_raw_file_has_a_sidecar_that_still_matches_it(path):
    assert check_sidecar(path) == []


@pytest.mark.parametrize("path", RAW_FILES, ids=lambda p: str(p.relative_to(RAW)))
def test_refreshing_an_unchanged_file_rewrites_nothing(tmp_path, path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    shutil.copy(sidecar_path(path), sidecar_path(copy))
    _, changed = write_provenance(copy)
    assert not changed
    assert sidecar_path(copy).read_bytes() == sidecar_path(path).read_bytes()


@pytest.fixture
def edited_register(tmp_path):
    """A copy of the incidents register and its sidecar, with one row deleted."""
    path = tmp_path / "incidents.csv"
    lines = (RAW / "incidents.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    shutil.copy(RAW / "incidents.provenance.json", tmp_path / "incidents.provenance.json")
    return path


def test_a_stale_sidecar_is_reported_with_the_command_that_fixes_it(edited_register):
    problems = check_sidecar(edited_register, "data/raw/incidents.csv")
    assert {p.column for p in problems} == {"sha256", "rows", "bytes"}
    assert all("run `malitrack provenance data/raw/incidents.csv`" in p.reason for p in problems)
    assert problems[0].file == "data/raw/incidents.provenance.json"


def test_refresh_updates_the_pinned_fields_and_keeps_what_people_wrote(edited_register):
    before = json.loads((RAW / "incidents.provenance.json").read_text(encoding="utf-8"))
    _, changed = write_provenance(edited_register)
    after = json.loads(sidecar_path(edited_register).read_text(encoding="utf-8"))
    assert changed and check_sidecar(edited_register) == []
    data = edited_register.read_bytes()
    assert after["sha256"] == hashlib.sha256(data).hexdigest() and after["bytes"] == len(data)
    assert after["rows"] == before["rows"] - 1
    assert list(after) == list(before)
    assert {k: v for k, v in after.items() if k not in ("sha256", "bytes", "rows")} == {
        k: v for k, v in before.items() if k not in ("sha256", "bytes", "rows")
    }
    assert not list(edited_register.parent.glob("*.tmp"))


def test_a_new_claims_file_gets_a_complete_sidecar(tmp_path):
    header, rows = real_rows()
    path = tmp_path / "my_claims.csv"
    path.write_text(csv_text(header, rows), encoding="utf-8")
    assert [p.reason.split(":")[0] for p in check_sidecar(path)] == ["no provenance sidecar my_claims.provenance.json"]
    meta_path, changed = write_provenance(path, producer="a newsroom", date="2026-04-27")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert changed and check_sidecar(path) == []
    assert meta["file"] == "my_claims.csv" and meta["producer"] == "a newsroom" and meta["retrieved"] == "2026-04-27"
    assert meta["rows"] == len(rows) and meta["columns"] == header and meta["licence"] == DEFAULT_LICENCE
    n_urls = len({row[header.index("url")] for row in rows})
    assert meta["source_urls"] == f"{n_urls} distinct page URLs, one per row in the `url` column"


def test_provenance_command_writes_and_reports(tmp_path, capsys):
    header, rows = real_rows()
    path = tmp_path / "my_claims.csv"
    path.write_text(csv_text(header, rows), encoding="utf-8")
    assert main(["provenance", str(path), "--date", "2026-04-27"]) == 0
    assert main(["provenance", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"wrote {sidecar_path(path)}", f"unchanged {sidecar_path(path)}"]


def test_provenance_of_something_else_than_a_csv_is_an_error(tmp_path, capsys):
    assert main(["provenance", str(tmp_path / "nothing.csv")]) == 2
    assert "not a CSV file" in capsys.readouterr().err
