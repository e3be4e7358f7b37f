"""Read claims files as they come from people and spreadsheets.

A claims file is a CSV with the columns of ``CLAIM_COLUMNS``. Real files
arrive damaged in predictable ways, and each gets a clear message instead of a
traceback or a silent loss:

- not UTF-8 (a Latin-1 / Windows-1252 export): decoded as Windows-1252, with
  a warning; a UTF-8 byte-order mark is removed;
- semicolon- or tab-separated (French spreadsheets): the separator is read off
  the header line;
- renamed columns (``Figure text``, ``incident_id``, French names): mapped to
  the canonical name with a warning; missing columns: an error listing them
  and the closest unknown column; extra columns: a warning, they are ignored;
- rows with too many or too few fields: kept as rows and flagged, so they go
  to quarantine with their line number instead of disappearing.

Every value is read as text (no type guessing: "NA" stays "NA", "001" stays
"001"); parsing happens later, in the cleaning functions.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from malitrack.errors import InputFileError, Problem
from malitrack.text import fold
from malitrack.vocab import CLAIM_COLUMNS


# Where a row came from; added to every frame this module returns.
SOURCE_FILE = "source_file"
SOURCE_ROW = "source_row"
# Set when the row's field count differs from the header's.
SHAPE_PROBLEM = "shape_problem"

# Other names seen for the canonical columns (after lower-casing, removing
# accents and turning spaces and dashes into underscores).
COLUMN_SYNONYMS = {
    "incident_id": "incident_key",
    "incident": "incident_key",
    "cle_incident": "incident_key",
    "date": "incident_date",
    "event_date": "incident_date",
    "date_incident": "incident_date",
    "date_de_l_incident": "incident_date",
    "lieu": "place",
    "location": "place",
    "localite": "place",
    "region": "admin_region",
    "admin1": "admin_region",
    "source": "claimant",
    "auteur_de_la_declaration": "claimant",
    "type_de_source": "claimant_type",
    "source_type": "claimant_type",
    "media": "outlet",
    "publication": "outlet",
    "link": "url",
    "lien": "url",
    "source_url": "url",
    "published_date": "published",
    "publication_date": "published",
    "date_publication": "published",
    "date_de_publication": "published",
    "langue": "language",
    "lang": "language",
    "figure": "figure_text",
    "figures": "figure_text",
    "chiffre": "figure_text",
    "bilan": "figure_text",
    "toll": "figure_text",
    "victims": "victims_text",
    "victimes": "victims_text",
    "victim_status": "victims_text",
    "perpetrator": "perpetrator_text",
    "perpetrators": "perpetrator_text",
    "auteurs": "perpetrator_text",
    "auteur": "perpetrator_text",
    "notes": "note",
    "remarque": "note",
    "commentaire": "note",
}


@dataclass
class ClaimsFile:
    """The rows of one claims file (all text) and what was noticed reading it."""

    path: Path
    rows: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)


def _plain(name: str) -> str:
    """A header cell folded (``malitrack.text.fold``) to a snake_case name: " Date de l'incident" -> "date_de_l_incident"."""
    text = fold(name.strip(), apostrophes=True)
    for ch in " -./'":
        text = text.replace(ch, "_")
    while "__" in text:
        text = text.replace("__", "_")
    return text.strip("_")


def _decode(path: Path, data: bytes, warnings: list[Problem]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        warnings.append(
            Problem(
                str(path),
                line,
                None,
                "file is not UTF-8 (first bad byte on this line); read as Windows-1252/Latin-1: "
                "check accented letters, and save as UTF-8",
            )
        )
        return data.decode("cp1252", errors="replace")


def _delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ","))


def _map_header(path: Path, header: list[str], expected, warnings: list[Problem]) -> list[str | None]:
    """Canonical name for each header cell (None = extra column, ignored)."""
    expected = tuple(expected)
    mapped: list[str | None] = []
    for position, raw_name in enumerate(header, start=1):
        plain = _plain(raw_name)
        name = plain if plain in expected else COLUMN_SYNONYMS.get(plain)
        if name not in expected:
            name = None
        if name is not None and name in mapped:
            raise InputFileError(path, f"column {name!r} appears twice (header cell {position}: {raw_name!r})", row=1)
        if name is not None and raw_name != name:
            warnings.append(Problem(str(path), 1, raw_name, f"column {raw_name!r} read as {name!r}"))
        mapped.append(name)
    missing = [name for name in expected if name not in mapped]
    extras = [raw for raw, name in zip(header, mapped) if name is None]
    if missing:
        hints = []
        for name in missing:
            close = difflib.get_close_matches(name, [_plain(e) for e in extras], n=1, cutoff=0.6)
            hints.append(f"{name} (closest unknown column: {close[0]!r})" if close else name)
        found = ", ".join(repr(h) for h in header)
        raise InputFileError(
            path,
            f"missing column(s): {', '.join(hints)}; the header has {found}; "
            f"expected columns: {', '.join(expected)}",
            row=1,
        )
    for raw in extras:
        warnings.append(Problem(str(path), 1, raw, f"extra column {raw!r} is not part of the claims layout; ignored"))
    return mapped


def read_claims_file(path, expected_columns=CLAIM_COLUMNS) -> ClaimsFile:
    """Read one claims CSV into text columns, with line numbers.

    >>> claims = read_claims_file(paths.raw_claims_dir() / "claims_2022_2025.csv")
    >>> claims.rows.loc[[0], ["source_row", "incident_key", "figure_text"]]
       source_row      incident_key    figure_text
    0           2  guire-2022-01-03  au moins deux

    Raises ``InputFileError`` (naming the file) when the file is missing,
    empty, not a CSV, or lacks columns; row-level damage is returned, not
    raised (column ``shape_problem``), so that it can be quarantined.
    """
    path = Path(path)
    warnings: list[Problem] = []
    if not path.exists():
        raise InputFileError(path, "file not found")
    if path.is_dir():
        raise InputFileError(path, "is a folder, not a claims file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(path, f"cannot be read: {exc.strerror or exc}") from exc
    text = _decode(path, data, warnings)
    if not text.strip():
        raise InputFileError(path, "file is empty (no header row)")
    lowered = text.lstrip()[:200].lower()
    if lowered.startswith(("<!doctype", "<html", "<?xml")):
        raise InputFileError(path, "is an HTML/XML page, not a CSV file (a download that failed?)", row=1)

    first_line = text.splitlines()[0]
    delimiter = _delimiter(first_line)
    if delimiter != ",":
        name = {";": "semicolon", "\t": "tab"}[delimiter]
        warnings.append(Problem(str(path), 1, None, f"{name}-separated file (read with {delimiter!r} as separator)"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputFileError(path, f"header row is not valid CSV: {exc}", row=1) from exc
    mapped = _map_header(path, header, expected_columns, warnings)

    records = []
    next_line = reader.line_num + 1
    while True:
        start = next_line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputFileError(path, f"not valid CSV: {exc}", row=start) from exc
        next_line = reader.line_num + 1
        if not row or all(not cell.strip() for cell in row):
            continue  # blank line: not a row
        record = {name: "" for name in expected_columns}
        for name, value in zip(mapped, row):
            if name is not None:
                record[name] = value
        shape = ""
        if len(row) != len(header):
            shape = f"row has {len(row)} fields, the header has {len(header)} (a stray separator or quote?)"
            if len(row) > len(header):
                record["note"] = record["note"] + " [extra fields: " + " | ".join(row[len(header):]) + "]"
        record[SOURCE_FILE] = path.name
        record[SOURCE_ROW] = start
        record[SHAPE_PROBLEM] = shape
        records.append(record)
    columns = [*expected_columns, SOURCE_FILE, SOURCE_ROW, SHAPE_PROBLEM]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame[SOURCE_ROW] = frame[SOURCE_ROW].astype("int64")
    for column in columns:
        if column != SOURCE_ROW:
            frame[column] = frame[column].astype(object)
    return ClaimsFile(path=path, rows=frame, warnings=warnings)


def read_claims_files(paths) -> tuple[pd.DataFrame, list[Problem]]:
    """Read several claims files into one frame (in the order given)."""
    frames, warnings = [], []
    for path in paths:
        claims = read_claims_file(path)
        frames.append(claims.rows)
        warnings.extend(claims.warnings)
    if not frames:
        raise InputFileError("data/raw/claims", "no claims files found")
    return pd.concat(frames, ignore_index=True), warnings
