"""Reading the small hand-made registers of ``data/raw/`` (claimants, actor memberships): one way, one error format."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from malitrack.errors import InputFileError


def register_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for every row of a register CSV whose header must be exactly ``columns``.

    Line numbers count the header as line 1, so a problem can be reported as
    ``file:line:column: reason``.
    """
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != tuple(columns):
            raise InputFileError(path, f"expected the columns {', '.join(columns)}", row=1)
        yield from enumerate(reader, start=2)


def register_date(value: str, path: Path, line: int, column: str) -> pd.Timestamp | None:
    """A register's date cell: empty is unknown (None); anything else must be a date."""
    if not value:
        return None
    try:
        return pd.Timestamp(value)
    except ValueError as error:
        raise InputFileError(path, f"not a date: {value!r}", row=line, column=column) from error


def in_force(on, start: pd.Timestamp | None, end: pd.Timestamp | None) -> bool:
    """Does a register row dated ``start``..``end`` (None = open) hold on ``on`` (None/NaT = any day)?"""
    if on is None or pd.isna(on):
        return True
    return (start is None or on >= start) and (end is None or on <= end)
