"""Project trees for the report tests, in temporary folders (nothing is written into the checkout).

A tree holds the repository's notebooks and a ``data/raw`` folder, and is
used through ``MALITRACK_HOME``. The fixture tree (tests/data/fixture_tree:
24 real claim rows, two incidents) replaces the shipped claims files,
incidents register and corrections (which point at shipped rows); the
reference tables (places, actor aliases, ...) stay the shipped ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from malitrack import paths

REPO_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
FIXTURE_TREE = Path(__file__).resolve().parents[1] / "data" / "fixture_tree"


def make_tree(root: Path, fixture_data: bool = True) -> Path:
    """A project tree at ``root``: the repository's notebooks, the tiny one, and raw data."""
    shutil.copytree(REPO_NOTEBOOKS, root / "notebooks")
    shutil.copy(FIXTURE_TREE / "notebooks" / "tiny_report.ipynb", root / "notebooks")
    raw = root / "data" / "raw"
    if fixture_data:
        replaced = shutil.ignore_patterns("claims_*", "incidents.*", "corrections.*")
        shutil.copytree(paths.raw_dir(), raw, ignore=replaced)
        shutil.copytree(FIXTURE_TREE / "data" / "raw", raw, dirs_exist_ok=True)
    else:
        shutil.copytree(paths.raw_dir(), raw)
    return root


@pytest.fixture(scope="module")
def fixture_tree(tmp_path_factory) -> Path:
    """A tree on the fixture's 24 claim rows, shared by a test module."""
    return make_tree(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="module")
def shipped_tree(tmp_path_factory) -> Path:
    """A tree on the shipped raw data, shared by a test module."""
    return make_tree(tmp_path_factory.mktemp("shipped"), fixture_data=False)


@pytest.fixture
def new_tree(tmp_path):
    """A function making a fresh tree (fixture data unless told otherwise) for a test that changes it."""
    return lambda fixture_data=True: make_tree(tmp_path / "tree", fixture_data)


@pytest.fixture
def tiny_tree(tmp_path, monkeypatch) -> Path:
    """A temporary project tree holding only the tiny notebook, pointed to by MALITRACK_HOME."""
    root = tmp_path / "tree"
    shutil.copytree(FIXTURE_TREE / "notebooks", root / "notebooks")
    monkeypatch.setenv("MALITRACK_HOME", str(root))
    return root
