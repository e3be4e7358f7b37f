"""Documented corrections of raw rows, applied by code (``data/raw/corrections.csv``).

Raw files are never edited: a correction names the file, line, column, the
value it expects to find and the value to use, with a reason. If the raw value
differs from what a correction expects, the run stops: the correction no
longer applies to what it was written for.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from malitrack.clean.readers import CLAIM_COLUMNS, SOURCE_FILE, SOURCE_ROW
from malitrack.errors import InputFileError, Problem


CORRECTION_COLUMNS = ("source_file", "source_row", "incident_key", "column", "raw_value", "corrected_value", "reason", "reference")


def load_corrections(path: Path) -> pd.DataFrame:
    """The documented corrections; an empty frame when the file does not exist."""
    if not path.exists():
        return pd.DataFrame(columns=CORRECTION_COLUMNS)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in CORRECTION_COLUMNS if c not in table.columns]
    if missing:
        raise InputFileError(path, f"missing column(s): {', '.join(missing)}", row=1)
    table["source_row"] = table["source_row"].astype(int)
    return table


FIGURE_READING = "figure_reading"


def correction_problems(rows: pd.DataFrame, corrections: pd.DataFrame, corrections_path: Path) -> list[Problem]:
    """Every correction that no longer applies to what it was written for (empty = all apply).

    A correction must name an existing raw row about its incident, a known
    column, the raw value the file still has, and give a reason and a reference.
    """
    problems = []
    position = {(f, int(r)): i for i, (f, r) in enumerate(zip(rows[SOURCE_FILE], rows[SOURCE_ROW]))}
    for line, fix in enumerate(corrections.itertuples(index=False), start=2):
        def problem(reason, column=None):
            problems.append(Problem(str(corrections_path), line, column, f"correction for {where}{reason}"))

        i = position.get((fix.source_file, fix.source_row))
        where = f"{fix.source_file}:{fix.source_row}"
        if i is None:
            problem(": no such raw row (fix source_file/source_row, or delete the correction)", "source_row")
            continue
        if fix.column not in CLAIM_COLUMNS and fix.column != FIGURE_READING:
            problem(f": unknown column {fix.column!r} (one of {', '.join(CLAIM_COLUMNS)}, {FIGURE_READING})", "column")
            continue
        label = rows.index[i]
        if rows.at[label, "incident_key"] != fix.incident_key:
            problem(f": row is about {rows.at[label, 'incident_key']!r}, not {fix.incident_key!r}", "incident_key")
            continue
        source_column = "figure_text" if fix.column == FIGURE_READING else fix.column
        current = rows.at[label, source_column]
        if current != fix.raw_value:
            problem(f" expects {source_column}={fix.raw_value!r} but the raw file has {current!r} "
                    "(the raw row changed: re-read it and update or delete the correction)", "raw_value")
        for column in ("reason", "reference"):
            if not str(getattr(fix, column)).strip():
                problem(f": no {column} (say why, and cite the page or NOTES line that shows it)", column)
    return problems


def apply_corrections(rows: pd.DataFrame, corrections: pd.DataFrame, corrections_path: Path) -> pd.DataFrame:
    """Return a copy of ``rows`` with corrections applied and a ``corrections`` column saying which.

    A correction of the pseudo-column ``figure_reading`` leaves ``figure_text``
    as written and gives, in words the parser reads ("1", "au moins 2"), a
    person's reading of a phrase no rule can read ("Mariam Cissé a été
    assassinée": one person). Its ``raw_value`` is the figure_text it reads.
    Raises ``InputFileError`` on the first correction that no longer applies.
    """
    problems = correction_problems(rows, corrections, corrections_path)
    if problems:
        first = problems[0]
        raise InputFileError(first.file, first.reason, row=first.row, column=first.column)
    rows = rows.copy()
    rows["corrections"] = ""
    rows[FIGURE_READING] = ""
    position = {(f, int(r)): i for i, (f, r) in enumerate(zip(rows[SOURCE_FILE], rows[SOURCE_ROW]))}
    for fix in corrections.itertuples(index=False):
        label = rows.index[position[(fix.source_file, fix.source_row)]]
        rows.at[label, fix.column] = fix.corrected_value
        text = f"{fix.column}: {fix.raw_value!r} -> {fix.corrected_value!r} ({fix.reason})"
        rows.at[label, "corrections"] = "; ".join(filter(None, [rows.at[label, "corrections"], text]))
    return rows
