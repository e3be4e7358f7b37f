"""Shared fixtures: real claim rows to break in the bad-input tests, and one clean run."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from malitrack import paths
from malitrack.clean.load import load_claims, load_incidents

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


@pytest.fixture(scope="session")
def claims() -> pd.DataFrame:
    """The clean claims of the shipped data (built if data/clean/ is missing or stale)."""
    return load_claims()


@pytest.fixture(scope="session")
def incidents() -> pd.DataFrame:
    """The clean incidents of the shipped data."""
    return load_incidents()
