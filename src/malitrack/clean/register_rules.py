"""The rules of the incidents register (``data/raw/incidents.csv``), as problems a user can run.

The register gives each incident key of the claims files a type from a small
vocabulary, a verbatim quote of one of its claims (or NOTES files) that shows
the type, that claim's URL, a title for people and, for aggregate keys, the
per-event keys their figures overlap. ``malitrack validate`` reports every
broken rule with the row and what to write instead.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

import pandas as pd

from malitrack.errors import Problem
from malitrack.schemas import INCIDENT_TYPES

REGISTER_COLUMNS = ["incident_id", "incident_type", "incident_type_basis", "incident_type_url", "title", "aggregate_of", "note"]
# a year, a day of a month, or a decimal number (RN16 and G5 are names, not dates)
DATE_OR_COORDINATE = re.compile(
    r"\b(1[89]|20)\d\d\b|\d+[.,]\d+|\b\d{1,2}(er)?\s+(jan|feb|f[ée]v|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|ao[ûu]|sep|oct|nov|d[ée]c)",
    re.IGNORECASE,
)
QUOTED_CLAIM_FIELDS = ["place", "admin_region", "claimant", "outlet", "figure_text", "victims_text", "perpetrator_text", "note"]
NOTES_QUOTE = re.compile(r"(NOTES_\w+\.md): (.+)")
TITLE_MAX = 90


def register_howto(incident_id: str) -> str:
    """What to write in the register for ``incident_id`` (the same words in every message)."""
    return (
        f"add a row to data/raw/incidents.csv with incident_id {incident_id!r}, incident_type (one of "
        f"{', '.join(INCIDENT_TYPES)}; rules in incidents.provenance.json), a basis quoted verbatim from "
        "one of its claims and that claim's URL, and a short title without dates"
    )


def basis_found(row: dict, claims: list[dict], claims_dir: Path) -> bool:
    """The basis is in the claim row at the register's URL (or the NOTES file it names).

    Quotes of one row joined by ' ... ' must each be in that row; the URL
    itself (percent-decoded: a headline slug) counts as part of the row.
    """
    basis = row["incident_type_basis"]
    notes_quote = NOTES_QUOTE.fullmatch(basis)
    if notes_quote:
        notes_file = claims_dir / notes_quote[1]
        return notes_file.is_file() and notes_quote[2] in notes_file.read_text(encoding="utf-8")
    for claim in claims:
        if claim["url"] != row["incident_type_url"]:
            continue
        text = " | ".join([claim.get(field, "") for field in QUOTED_CLAIM_FIELDS] + [unquote(claim["url"])])
        if basis in text or all(part in text for part in basis.split(" ... ")):
            return True
    return False


def register_problems(raw_dir: Path, claims: pd.DataFrame, shown: str) -> list[Problem]:
    """Every broken rule of the register, given the raw claim rows (text) of the whole tree."""
    path = raw_dir / "incidents.csv"
    if not path.exists():
        return [Problem(shown, None, None, "file not found: the incidents register is required (one row per incident_key)")]
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        rows = [dict(zip(header, values)) for values in reader if values]
    if header != REGISTER_COLUMNS:
        return [Problem(shown, 1, None, f"columns must be {', '.join(REGISTER_COLUMNS)} in this order; the header has {', '.join(header)}")]

    by_incident = defaultdict(list)
    first_row = {}
    for record in claims.to_dict("records"):
        by_incident[record["incident_key"]].append(record)
        first_row.setdefault(record["incident_key"], record)
    problems = []
    seen: dict[str, int] = {}
    types = {row["incident_id"]: row for row in rows}

    def problem(line, column, reason):
        problems.append(Problem(shown, line, column, reason))

    for line, row in enumerate(rows, start=2):
        key = row["incident_id"]
        if key in seen:
            problem(line, "incident_id", f"incident {key!r} is listed twice (first on line {seen[key]}): keep one row per incident")
            continue
        seen[key] = line
        if key not in by_incident:
            problem(line, "incident_id", f"no claims file uses incident {key!r}: fix the key or delete the row")
            continue
        if row["incident_type"] not in INCIDENT_TYPES:
            problem(line, "incident_type", f"{row['incident_type']!r} is not a type: use one of {', '.join(INCIDENT_TYPES)}")
        urls = {claim["url"] for claim in by_incident[key]}
        if row["incident_type_url"] not in urls:
            problem(line, "incident_type_url", f"not the URL of a claim of {key!r}: copy the url of the claim row the basis quotes")
        elif not row["incident_type_basis"].strip():
            problem(line, "incident_type_basis", "empty: quote the words of a claim (or 'NOTES_<name>.md: words') that show the type")
        elif not basis_found(row, by_incident[key], raw_dir / "claims"):
            problem(line, "incident_type_basis", "not found verbatim in the claim row at incident_type_url "
                    "(its place, admin_region, claimant, outlet, figure_text, victims_text, perpetrator_text, note or decoded URL): "
                    "copy the words exactly, joining several quotes of that row with ' ... '")
        title = row["title"]
        if not title or len(title) > TITLE_MAX:
            problem(line, "title", f"a title of 1 to {TITLE_MAX} characters is required (a label for people)")
        elif DATE_OR_COORDINATE.search(title):
            problem(line, "title", "titles hold no dates or coordinates (they come from the claims and the gazetteer): remove them")
        if row["aggregate_of"]:
            parts = row["aggregate_of"].split("; ")
            if key in parts:
                problem(line, "aggregate_of", "an aggregate cannot name itself")
            for part in parts:
                if part not in types:
                    problem(line, "aggregate_of", f"names {part!r}, which has no register row: list per-event keys joined by '; '")
                elif types[part]["aggregate_of"]:
                    problem(line, "aggregate_of", f"names {part!r}, itself an aggregate: list per-event keys only")
            if not row["note"].strip():
                problem(line, "note", "an aggregate needs a note saying what it overlaps and why it must not be added")
    for key in sorted(set(by_incident) - set(seen)):
        claim = first_row[key]
        problems.append(Problem(claim["source_file"], int(claim["source_row"]), "incident_key",
                                f"incident {key!r} is not registered: {register_howto(key)}"))
    return problems


def vocabulary_problems(raw_dir: Path, shown: str) -> list[Problem]:
    """The register's sidecar defines exactly the types of the schema, each with a written rule."""
    path = raw_dir / "incidents.provenance.json"
    if not path.exists():
        return []  # reported by the sidecar check
    meta = json.loads(path.read_text(encoding="utf-8"))
    vocabulary = meta.get("vocabulary") or {}
    problems = []
    for missing in sorted(set(INCIDENT_TYPES) - set(vocabulary)):
        problems.append(Problem(shown, None, "vocabulary", f"type {missing!r} has no written rule: add it to 'vocabulary'"))
    for extra in sorted(set(vocabulary) - set(INCIDENT_TYPES)):
        problems.append(Problem(shown, None, "vocabulary", f"{extra!r} is not a type of malitrack.schemas.INCIDENT_TYPES: remove it"))
    for name, rule in vocabulary.items():
        if not str(rule).strip():
            problems.append(Problem(shown, None, "vocabulary", f"type {name!r} has an empty rule: write when it applies"))
    return problems
