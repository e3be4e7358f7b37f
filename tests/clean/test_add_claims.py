"""A user adds claims, as the README's "Add claims" section says, on a copy of the project tree.

New claims file + register row + ``malitrack provenance`` -> ``malitrack
validate`` -> ``malitrack clean`` -> the incident has a profile -> the fast
test suite's data checks still pass on the tree. The rows are real: the
Amassine claims of the shipped data, copied under a new file name and a new
incident key, with their real URLs.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT, csv_text, real_rows

from malitrack.cli import main

NEW_KEY = "amassine-copy-2024-05-19"
DATA_TESTS = [
    "tests/clean/test_provenance.py",
    "tests/clean/test_incidents_register.py",
    "tests/clean/test_validate.py",
    "tests/clean/test_run.py",
    "tests/parse/test_places.py",
    "tests/parse/test_actors.py",
    "tests/parse/test_figures.py",
    "tests/parse/test_dates.py",
    "tests/parse/test_victims.py",
]


def _register_row_like(raw, source_id: str, new_id: str, title: str) -> str:
    """A register line for ``new_id`` with the type, basis and URL of ``source_id`` (its claims are copies)."""
    with (raw / "incidents.csv").open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["incident_id"] == source_id)
    row.update(incident_id=new_id, title=title, aggregate_of="", note="copy of the Amassine claims (end-to-end test)")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row.values())
    return buffer.getvalue()


@pytest.mark.slow
def test_a_user_adds_an_incident_end_to_end(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    shutil.copytree(ROOT / "notebooks", home / "notebooks")
    shutil.copytree(ROOT / "data" / "raw", home / "data" / "raw")
    shutil.copytree(ROOT / "tests" / "data", home / "tests" / "data")  # the tests' expectation files
    raw = home / "data" / "raw"
    header, rows = real_rows()
    for row in rows:
        row[0] = NEW_KEY
    new_file = raw / "claims" / "user_2026.csv"
    new_file.write_text(csv_text(header, rows), encoding="utf-8")

    # 1. before registering: validate says what is missing
    assert main(["validate", "--raw", str(raw)]) == 1
    out = capsys.readouterr().out
    assert "no provenance sidecar user_2026.provenance.json" in out
    assert f"incident '{NEW_KEY}' is not registered" in out

    # 2. register the incident, write the sidecars, validate again
    register = raw / "incidents.csv"
    register.write_text(register.read_text(encoding="utf-8") + _register_row_like(raw, "amassine-2024-05-19", NEW_KEY, "Amassine (copy)"), encoding="utf-8")
    assert main(["provenance", str(new_file), str(register)]) == 0
    assert main(["validate", "--raw", str(raw)]) == 0
    captured = capsys.readouterr()
    assert f"incident '{NEW_KEY}' has no place link" in captured.err  # a warning: the region comes from its claims

    # 3. clean: the new incident's claims are all there, and it takes its region from its claims
    assert main(["clean", "--raw", str(raw), "--out", str(home / "data" / "clean")]) == 0
    claims = pd.read_csv(home / "data" / "clean" / "claims.csv", dtype=str, keep_default_na=False)
    incidents = pd.read_csv(home / "data" / "clean" / "incidents.csv", dtype=str, keep_default_na=False).set_index("incident_id")
    assert (claims["incident_id"] == NEW_KEY).sum() == len(rows)
    assert incidents.loc[NEW_KEY, "admin1"] == "Kidal"
    assert incidents.loc[NEW_KEY, "incident_type"] == incidents.loc["amassine-2024-05-19", "incident_type"]

    # 4. its profile renders
    from malitrack.report.build import render_report

    monkeypatch.setenv("MALITRACK_HOME", str(home))
    html = render_report("incident_profile", {"incident_id": NEW_KEY}).read_text(encoding="utf-8")
    assert NEW_KEY in html and "Traceback" not in html

    # 5. the fast suite's data checks pass on the tree with the user's file
    env = {**os.environ, "MALITRACK_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "not slow", "-p", "no:cacheprovider", *DATA_TESTS],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]
