"""Atomic writes: a failure mid-write leaves the old file and no temporary file."""

from __future__ import annotations

import pytest

from malitrack.atomic import write_atomic, write_text_atomic


def test_replaces_content(tmp_path):
    path = tmp_path / "a.txt"
    write_text_atomic(path, "one")
    write_text_atomic(path, "two")
    assert path.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_failure_keeps_previous_file(tmp_path):
    path = tmp_path / "a.txt"
    write_text_atomic(path, "previous")

    def half_then_crash(tmp):
        tmp.write_text("half")
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        write_atomic(path, half_then_crash)
    assert path.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_creates_parent_folders(tmp_path):
    path = tmp_path / "x" / "y" / "a.txt"
    write_text_atomic(path, "é")
    assert path.read_text(encoding="utf-8") == "é"
