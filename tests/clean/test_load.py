"""Loaders rebuild data/clean/ when it is missing or stale."""

from __future__ import annotations

import shutil

import pytest

from malitrack import paths
from malitrack.clean import load as dataset


@pytest.fixture
def project(tmp_path, monkeypatch, clean_run):
    """A copy of the project's data in a temporary MALITRACK_HOME."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    shutil.copytree(paths.raw_dir(), root / "data" / "raw")
    (root / "pyproject.toml").write_text("")
    monkeypatch.setenv("MALITRACK_HOME", str(root))
    return root


def test_missing_clean_data_is_built(project):
    assert dataset.is_stale()
    claims = dataset.load_claims()
    assert (project / "data" / "clean" / "claims.parquet").exists()
    assert len(claims) > 1000
    assert not dataset.is_stale()
    assert len(dataset.data_version()) == 12


def test_changed_raw_input_makes_it_stale(project):
    dataset.load_incidents()
    assert not dataset.is_stale()
    corrections = project / "data" / "raw" / "corrections.csv"
    corrections.write_text(corrections.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert dataset.is_stale()
