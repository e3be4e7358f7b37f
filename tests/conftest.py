"""Shared fixtures: real claim rows to break in the bad-input tests, and one clean run.

Nothing here writes into the checkout: the clean run goes to a temporary
folder, and tests that call the loaders (``load_claims()``, ``data_version()``)
point ``MALITRACK_HOME`` at a temporary project holding it (``in_clean_project``).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from malitrack import paths

ROOT = paths.root()
RAW = ROOT / "data" / "raw"
SEED_FILE = RAW / "claims" / "claims_2022_2025.csv"


def real_rows(incident_key: str = "amassine-2024-05-19") -> tuple[list[str], list[list[str]]]:
    """Header and the real rows of one incident, from the shipped raw file."""
    with SEED_FILE.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [row for row in reader if row[0] == incident_key]
    return header, rows


def csv_text(header, rows, delimiter=",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def read_rows(path) -> list[list[str]]:
    """Every row of a CSV file, header first, to break one value in a test."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    """Write rows (header first) back as a CSV file."""
    path.write_text(csv_text(rows[0], rows[1:]), encoding="utf-8")
    return path


@pytest.fixture
def raw_tree(tmp_path) -> Path:
    """A copy of data/raw/ in a temporary folder, to add broken files to."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


@pytest.fixture(scope="session")
def clean_run(tmp_path_factory):
    """One clean run of the shipped raw data into a temporary folder."""
    from malitrack.clean.run import clean

    out = tmp_path_factory.mktemp("clean")
    return clean(clean_dir=out), out


def project_folder(root: Path) -> Path:
    """A project folder at ``root`` for ``MALITRACK_HOME``: the checkout's raw data, notebooks and tests, linked.

    The caller puts ``data/clean/`` in it; the linked folders are only read.
    """
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "raw").symlink_to(RAW, target_is_directory=True)
    for folder in ("notebooks", "tests"):
        (root / folder).symlink_to(ROOT / folder, target_is_directory=True)
    return root


@pytest.fixture(scope="session")
def clean_project(clean_run, tmp_path_factory) -> Path:
    """A temporary project whose data/clean is the session's clean run (fresh for the shipped raw data)."""
    root = project_folder(tmp_path_factory.mktemp("project"))
    shutil.copytree(clean_run[1], root / "data" / "clean")
    return root


@pytest.fixture
def in_clean_project(clean_project, monkeypatch) -> Path:
    """The loaders read ``clean_project``, never the checkout's data/clean/."""
    monkeypatch.setenv("MALITRACK_HOME", str(clean_project))
    return clean_project


@pytest.fixture(scope="session")
def claims(clean_run) -> pd.DataFrame:
    """The clean claims of the shipped data, as written by the temporary clean run (never data/clean/)."""
    return pd.read_parquet(clean_run[1] / "claims.parquet")


@pytest.fixture(scope="session")
def incidents(clean_run) -> pd.DataFrame:
    """The clean incidents of the shipped data, from the temporary clean run."""
    return pd.read_parquet(clean_run[1] / "incidents.parquet")
