"""Every raw data file has a provenance sidecar that still matches it."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest
from conftest import RAW

RAW_FILES = sorted(p for p in RAW.rglob("*.csv"))


def sidecar(path):
    return path.with_suffix(".provenance.json")


def test_there_are_raw_files():
    assert len(RAW_FILES) >= 8


@pytest.mark.parametrize("path", RAW_FILES, ids=lambda p: str(p.relative_to(RAW)))
def test_sidecar_matches_file(path):
    meta_path = sidecar(path)
    assert meta_path.exists(), f"{path.relative_to(RAW)} has no sidecar {meta_path.name}"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert meta["file"] == path.name
    assert meta["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest(), "file changed since its sidecar was written"
    assert meta.get("licence") or meta.get("license"), "no licence stated"
    assert meta.get("description") or meta.get("title")
    with path.open(encoding="utf-8", newline="") as fh:
        n_rows = sum(1 for row in csv.reader(fh) if row) - 1
    assert meta["rows"] == n_rows
