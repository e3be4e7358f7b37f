"""The command line: clear one-line errors, exit statuses, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

from conftest import csv_text, real_rows

from malitrack.cli import main


def _run(*args):
    return subprocess.run([sys.executable, "-m", "malitrack.cli", *args], capture_output=True, text=True)


def test_help_for_every_subcommand():
    for command in ("clean", "validate", "provenance", "report", "build"):
        done = _run(command, "--help")
        assert done.returncode == 0
        assert "usage: malitrack" in done.stdout


def test_validate_prints_file_row_column_reason(tmp_path):
    header, rows = real_rows()
    bad = list(rows[0])
    bad[header.index("figure_text")] = "-12"
    bad[header.index("outcome")] = "dead"
    path = tmp_path / "mine.csv"
    path.write_text(csv_text(header, [rows[1], bad]), encoding="utf-8")
    done = _run("validate", str(path))
    assert done.returncode == 1
    lines = done.stdout.strip().splitlines()
    assert f"{path}:3:figure_text: negative casualty figure: '-12'" in lines
    assert any(line.startswith(f"{path}:3:outcome: ") for line in lines)
    assert "Traceback" not in done.stderr


def test_validate_valid_file_exits_zero(tmp_path):
    header, rows = real_rows()
    path = tmp_path / "mine.csv"
    path.write_text(csv_text(header, rows), encoding="utf-8")
    done = _run("validate", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid" in done.stderr


def test_missing_file_is_one_line_no_traceback(tmp_path, capsys):
    status = main(["validate", str(tmp_path / "absent.csv")])
    err = capsys.readouterr().err
    assert status == 2
    assert "absent.csv" in err and "file not found" in err
    assert "Traceback" not in err


def test_missing_column_message(tmp_path):
    header, rows = real_rows()
    path = tmp_path / "cols.csv"
    path.write_text(csv_text([h for h in header if h != "url"], [r[:7] + r[8:] for r in rows]), encoding="utf-8")
    done = _run("validate", str(path))
    assert done.returncode == 2
    assert "missing column(s): url" in done.stderr
    assert "Traceback" not in done.stderr


def test_debug_shows_traceback(tmp_path):
    done = _run("--debug", "validate", str(tmp_path / "absent.csv"))
    assert done.returncode == 2
    assert "Traceback" in done.stderr
