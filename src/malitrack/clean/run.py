"""The clean step: ``data/raw/`` -> ``data/clean/``, with nothing lost.

Method, in order:

1. **Read** every ``data/raw/claims/*.csv`` as text (``malitrack.clean.readers``),
   each row tagged with its file and line number.
2. **Correct** the rows listed in ``data/raw/corrections.csv`` (a documented
   file; the raw files are never edited). A correction names the file, line,
   column, the value it expects to find and the value to use, with a reason;
   if the raw value differs from what the correction expects, the run stops
   (the correction no longer applies to what it was written for).
3. **Validate the raw text** lazily (``schemas.RawClaims``): vocabularies,
   URLs, slugs, spreadsheet formulas and HTML in text fields, negative figures,
   rows whose field count is wrong.
4. **Parse** the rows that passed with the cleaning functions: figures into
   intervals, dates with their precision, victim labels, actors, regions.
   Parsing never raises; what it does not understand is marked.
5. **Validate the parsed rows** lazily (``schemas.CleanClaims``): figures and
   dates understood, low <= best <= high, not published before the incident,
   incident in the register, claim id unique.
6. Rows failing 3 or 5 go to ``quarantine.csv`` with file, line, column and
   reason (one quarantine row per raw row, all its reasons joined); the rest
   are the clean claims. ``raw rows == clean rows + quarantined rows`` is
   asserted on every run.
7. **Derive incidents** from the clean claims, the incidents register and the
   gazetteer, and write everything atomically, byte-identical across runs.

Actors are dated: Russian personnel named without a group ("mercenaires
russes") are resolved by ``normalize_actors(text, on=incident start)`` to the
Wagner Group before 6 June 2025 and to Africa Corps after (see
``data/raw/actor_aliases.provenance.json``); named groups are never renamed.

Claim ids are ``<incident>#<10 hex digits>`` of a SHA-256 over the raw row's
values (not its file or line), so they survive reordering and moving rows
between files, and two identical rows get the same id (the second is a
duplicate and is quarantined).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from malitrack import paths, schemas
from malitrack.clean.load import input_fingerprint
from malitrack.atomic import write_atomic, write_text_atomic
from malitrack.errors import InputFileError, MalitrackError, Problem
from malitrack.clean.readers import CLAIM_COLUMNS, SOURCE_FILE, SOURCE_ROW, read_claims_file, read_claims_files
from malitrack.parse.distinct import each, map_distinct

# Clean columns named in a failure are reported under the raw column they come from.
CLEAN_TO_RAW_COLUMN = {
    "shape_problem": "(row)",
    "claim_id": "incident_key",
    "incident_id": "incident_key",
    "incident_date_text": "incident_date",
    "incident_date_start": "incident_date",
    "incident_date_end": "incident_date",
    "incident_date_precision": "incident_date",
    "place_text": "place",
    "admin_region_text": "admin_region",
    "published_text": "published",
    "published_date": "published",
    "published_precision": "published",
    "low": "figure_text",
    "best": "figure_text",
    "high": "figure_text",
    "qualifier": "figure_text",
    "victim_status": "victims_text",
    "perpetrators": "perpetrator_text",
}
QUARANTINE_COLUMNS = [SOURCE_FILE, SOURCE_ROW, "column", "reason", *CLAIM_COLUMNS]
CORRECTION_COLUMNS = ("source_file", "source_row", "incident_key", "column", "raw_value", "corrected_value", "reason", "reference")


@dataclass
class CleanResult:
    """What one clean run produced and noticed."""

    claims: pd.DataFrame
    incidents: pd.DataFrame
    quarantine: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    n_raw: int = 0
    version: str = ""
    written: list[Path] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def raw_claims_paths(raw_dir: Path | None = None) -> list[Path]:
    """The raw claims files, in a fixed order (sorted by name)."""
    folder = (Path(raw_dir) if raw_dir else paths.raw_dir()) / "claims"
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise InputFileError(folder, "no claims files (*.csv) in this folder")
    return files


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


def apply_corrections(rows: pd.DataFrame, corrections: pd.DataFrame, corrections_path: Path) -> pd.DataFrame:
    """Return a copy of ``rows`` with corrections applied and a ``corrections`` column saying which.

    A correction of the pseudo-column ``figure_reading`` leaves ``figure_text``
    as written and gives, in words the parser reads ("1", "au moins 2"), a
    person's reading of a phrase no rule can read ("Mariam Cissé a été
    assassinée": one person). Its ``raw_value`` is the figure_text it reads.
    """
    rows = rows.copy()
    rows["corrections"] = ""
    rows[FIGURE_READING] = ""
    position = {(f, int(r)): i for i, (f, r) in enumerate(zip(rows[SOURCE_FILE], rows[SOURCE_ROW]))}
    for line, fix in enumerate(corrections.itertuples(index=False), start=2):
        i = position.get((fix.source_file, fix.source_row))
        where = f"{fix.source_file}:{fix.source_row}"
        if i is None:
            raise InputFileError(corrections_path, f"correction for {where}: no such raw row", row=line)
        if fix.column not in CLAIM_COLUMNS and fix.column != FIGURE_READING:
            raise InputFileError(corrections_path, f"correction for {where}: unknown column {fix.column!r}", row=line, column="column")
        label = rows.index[i]
        if rows.at[label, "incident_key"] != fix.incident_key:
            raise InputFileError(corrections_path, f"correction for {where}: row is about {rows.at[label, 'incident_key']!r}, not {fix.incident_key!r}", row=line)
        source_column = "figure_text" if fix.column == FIGURE_READING else fix.column
        current = rows.at[label, source_column]
        if current != fix.raw_value:
            raise InputFileError(
                corrections_path,
                f"correction for {where} expects {source_column}={fix.raw_value!r} but the raw file has {current!r}",
                row=line,
                column="raw_value",
            )
        rows.at[label, fix.column] = fix.corrected_value
        text = f"{fix.column}: {fix.raw_value!r} -> {fix.corrected_value!r} ({fix.reason})"
        rows.at[label, "corrections"] = "; ".join(filter(None, [rows.at[label, "corrections"], text]))
    return rows


def claim_ids(rows: pd.DataFrame) -> pd.Series:
    """Stable ids from the raw values of each row (see module docstring)."""
    def one(values) -> str:
        digest = hashlib.sha256("\x1f".join(values).encode("utf-8")).hexdigest()[:10]
        return f"{values[0]}#{digest}"

    return pd.Series([one(v) for v in rows[list(CLAIM_COLUMNS)].itertuples(index=False)], index=rows.index, dtype=object)


# --------------------------------------------------------------------------- validation


def _failures(error: pa.errors.SchemaErrors, raw_rows: pd.DataFrame, column_of_check: dict[str, str]) -> pd.DataFrame:
    """Failure cases as (index, raw column, reason with the raw value), one row per failing row and check."""
    records = []
    for case in schemas.failure_cases(error).itertuples(index=False):
        index = case.index
        if index is None or (isinstance(index, float) and pd.isna(index)):
            raise MalitrackError(f"{error.schema.name}: table-level failure: {case.check} on {case.column}: {case.failure_case}")
        column = column_of_check.get(str(case.check), case.column) if case.schema_context == "DataFrameSchema" else case.column
        column = CLEAN_TO_RAW_COLUMN.get(column, column)
        reason = case.reason
        value = raw_rows.at[index, column] if column in raw_rows.columns else case.failure_case
        if value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA and value is not pd.NaT:
            reason = f"{reason}: {str(value)[:80]!r}"
        records.append((index, column, reason))
    return pd.DataFrame(records, columns=["index", "column", "reason"]).drop_duplicates()


def validate_lazily(schema, frame: pd.DataFrame, raw_rows: pd.DataFrame, column_of_check: dict[str, str] | None = None):
    """(validated frame, failures frame) — validation runs once, lazily.

    Failures name the raw column and quote the raw value of ``raw_rows``
    (same index as ``frame``), so the user sees what is in their file.
    """
    try:
        return schema.validate(frame, lazy=True), pd.DataFrame(columns=["index", "column", "reason"])
    except pa.errors.SchemaErrors as error:
        failures = _failures(error, raw_rows, column_of_check or {})
        keep = frame.drop(index=failures["index"].unique())
        return schema.validate(keep, lazy=False), failures


# --------------------------------------------------------------------------- parsing


def _blank_to_na(series: pd.Series) -> pd.Series:
    text = series.astype(object).where(series.astype(str).str.strip() != "", None)
    return text.astype("str")


def parse_claims(rows: pd.DataFrame, incident_admin1: dict[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """Turn validated raw text rows into the clean claims layout (never raises on content).

    A claim's region is the one it states (``admin_region``, when it names a
    single region), else the region of the place it names, else the region of
    its incident's main place (``incident_admin1``), else unknown.
    """
    from malitrack.parse.actors import normalize_actors_series
    from malitrack.parse.dates import parse_date_interval
    from malitrack.parse.figures import is_denial, parse_casualty_figures
    from malitrack.parse.places import normalize_place, normalize_region
    from malitrack.parse.victims import classify_victims_series

    out = pd.DataFrame(index=rows.index)
    out["claim_id"] = claim_ids(rows)
    out["incident_id"] = rows["incident_key"]
    out["source_file"] = rows[SOURCE_FILE]
    out["source_row"] = rows[SOURCE_ROW].astype("int64")

    intervals = map_distinct(rows["incident_date"], each(parse_date_interval))
    out["incident_date_text"] = rows["incident_date"]
    out["incident_date_start"] = pd.to_datetime(pd.Series([d.start for d in intervals], index=rows.index, dtype=object))
    out["incident_date_end"] = pd.to_datetime(pd.Series([d.end for d in intervals], index=rows.index, dtype=object))
    out["incident_date_precision"] = [d.precision for d in intervals]

    out["place_text"] = _blank_to_na(rows["place"])
    out["admin_region_text"] = _blank_to_na(rows["admin_region"])
    regions = map_distinct(rows["admin_region"], each(lambda text: normalize_region(text) if text.strip() else None))
    # Place names are resolved with the claim's own region as a hint (homonyms: two Tabankorts).
    hinted = pd.Series(list(zip(rows["place"], [r[0] if r else None for r in regions])), index=rows.index)
    places = map_distinct(hinted, each(lambda pair: normalize_place(pair[0], admin1=pair[1]) if pair[0].strip() else None))
    incident_admin1 = incident_admin1 or {}
    admin1, codes = [], []
    for incident, region, place in zip(rows["incident_key"], regions, places):
        if region is None and place is not None and place.admin1:
            region = (place.admin1, place.admin1_code)
        if region is None:
            region = incident_admin1.get(incident)
        admin1.append(region[0] if region else None)
        codes.append(region[1] if region else None)
    out["admin1"] = pd.Series(admin1, index=rows.index, dtype=object).astype("str")
    out["admin1_code"] = pd.Series(codes, index=rows.index, dtype=object).astype("str")

    for column in ("claimant", "claimant_type", "outlet", "url", "language"):
        out[column] = rows[column].str.strip()
    published = map_distinct(rows["published"], each(parse_date_interval))
    out["published_text"] = _blank_to_na(rows["published"])
    out["published_date"] = pd.to_datetime(pd.Series([d.start for d in published], index=rows.index, dtype=object))
    out["published_precision"] = [d.precision for d in published]

    out["figure_text"] = _blank_to_na(rows["figure_text"])
    readings = rows[FIGURE_READING] if FIGURE_READING in rows else pd.Series("", index=rows.index)
    figure_words = rows["figure_text"].where(readings == "", readings)
    figures = parse_casualty_figures(figure_words, lang=rows["language"], outcome=rows["outcome"])
    for column in ("low", "best", "high"):
        out[column] = figures[column].astype("Int64")
    out["qualifier"] = figures["qualifier"].astype(str)
    keys = pd.Series(list(zip(figure_words, rows["language"], rows["outcome"])), index=rows.index)
    out["denial"] = map_distinct(keys, each(lambda key: is_denial(*key)))

    out["victims_text"] = _blank_to_na(rows["victims_text"])
    # The figure's own words name the dead when the label does not ("11 مدنيًا", "Un Casque bleu et trois civils").
    out["victim_status"] = classify_victims_series(rows["victims_text"], fallback=rows["figure_text"]).astype(str)
    out["perpetrator_text"] = _blank_to_na(rows["perpetrator_text"])
    out["perpetrators"] = normalize_actors_series(rows["perpetrator_text"], on=out["incident_date_start"]).astype("str")
    out["outcome"] = rows["outcome"]
    out["note"] = _blank_to_na(rows["note"])
    corrections = rows["corrections"] if "corrections" in rows else pd.Series("", index=rows.index)
    out["corrections"] = _blank_to_na(corrections)
    return out


# --------------------------------------------------------------------------- incidents


def load_incident_register(raw_dir: Path) -> pd.DataFrame:
    """``data/raw/incidents.csv``, validated; an error naming the file if it is broken."""
    path = raw_dir / "incidents.csv"
    if not path.exists():
        raise InputFileError(path, "file not found (the incidents register)")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    try:
        return schemas.RawIncidents.validate(table, lazy=True)
    except pa.errors.SchemaErrors as error:
        first = error.failure_cases.iloc[0]
        row = None if pd.isna(first["index"]) else int(first["index"]) + 2
        raise InputFileError(path, f"{len(error.failure_cases)} problem(s), first: {first['check']}: {first['failure_case']!r}", row=row, column=first["column"]) from error


def derive_incidents(claims: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """One row per incident with clean claims: date, place, type.

    Date: the interval most claims give (ties: the narrowest, then the
    earliest; an open end counts as widest). Place, region and coordinates:
    the incident's main place in the gazetteer links (``malitrack.parse.places``);
    when that place has no region, the region most of its claims state.
    Type, title and aggregates: the incidents register.
    """
    from malitrack.parse.places import incident_main_places

    counts = claims.groupby("incident_id").agg(
        n_claims=("claim_id", "size"), n_claimant_types=("claimant_type", "nunique")
    )
    known = claims[claims["incident_date_precision"] != "unknown"]
    spans = (
        known.groupby(["incident_id", "incident_date_start", "incident_date_end", "incident_date_precision"], dropna=False)
        .size()
        .reset_index(name="n")
    )
    spans["width"] = (spans["incident_date_end"] - spans["incident_date_start"]).fillna(pd.Timedelta.max)
    spans = spans.sort_values(["incident_id", "n", "width", "incident_date_start"], ascending=[True, False, True, True])
    dates = spans.drop_duplicates("incident_id").set_index("incident_id")[
        ["incident_date_start", "incident_date_end", "incident_date_precision"]
    ]
    dates.columns = ["date_start", "date_end", "date_precision"]

    stated = claims.dropna(subset=["admin1"]).groupby(["incident_id", "admin1", "admin1_code"]).size().reset_index(name="n")
    stated = stated.sort_values(["incident_id", "n", "admin1"], ascending=[True, False, True]).drop_duplicates("incident_id")
    stated = stated.set_index("incident_id")[["admin1", "admin1_code"]]

    places = incident_main_places().set_index("incident_id")
    places = places[["place", "place_id", "admin1", "admin1_code", "admin2", "latitude", "longitude", "coord_precision", "coord_source"]]
    has_coords = places["latitude"].notna()
    places.loc[~has_coords, ["coord_precision", "coord_source"]] = None

    reg = register.set_index("incident_id")
    reg = reg.reindex(columns=["title", "incident_type", "incident_type_url", "aggregate_of"])
    reg = reg.rename(columns={"incident_type_url": "incident_type_source"}).replace("", None)

    incidents = counts.join(dates).join(places).join(reg)
    incidents["date_precision"] = incidents["date_precision"].fillna("unknown")
    fallback = incidents["admin1"].isna()
    incidents.loc[fallback, ["admin1", "admin1_code"]] = stated.reindex(incidents.index[fallback]).to_numpy()
    incidents = incidents.reset_index()[list(schemas.CleanIncidents.to_schema().columns)]
    for column in ("latitude", "longitude"):
        incidents[column] = pd.to_numeric(incidents[column], errors="coerce").astype("float64")
    return schemas.CleanIncidents.validate(incidents, lazy=True)


def incident_admin1_from_places(incident_ids) -> dict[str, tuple[str, str]]:
    """Region of each incident's main place, as a fallback for claims that name none."""
    from malitrack.parse.places import incident_main_places

    main = incident_main_places().dropna(subset=["admin1"])
    wanted = set(incident_ids)
    return {
        row.incident_id: (row.admin1, row.admin1_code)
        for row in main.itertuples(index=False)
        if row.incident_id in wanted
    }


# --------------------------------------------------------------------------- the run


def _quarantine_records(rows: pd.DataFrame, failures: pd.DataFrame) -> pd.DataFrame:
    if failures.empty:
        return pd.DataFrame(columns=QUARANTINE_COLUMNS)
    grouped = failures.sort_values(["index", "column"], key=lambda s: s.astype(str)).groupby("index", sort=False)
    out = rows.loc[list(grouped.groups)].copy()
    out["column"] = [", ".join(dict.fromkeys(g["column"].astype(str))) for _, g in grouped]
    out["reason"] = ["; ".join(dict.fromkeys(g["reason"])) for _, g in grouped]
    return out[QUARANTINE_COLUMNS]


def check_claims(rows: pd.DataFrame, known_incidents=None, incident_admin1=None):
    """(clean claims, quarantine, problems) for text rows from the readers.

    ``problems`` has one ``Problem`` per failing row, column and reason;
    ``quarantine`` one row per failing raw row. Conservation is asserted.
    """
    raw_valid, raw_failures = validate_lazily(schemas.RawClaims, rows, rows)
    raw_valid = rows.loc[raw_valid.index]
    parsed = parse_claims(raw_valid, incident_admin1)
    schema = schemas.CleanClaims.to_schema()
    column_of_check = {
        "published_understood": "published",
        "low_best_high_order": "figure_text",
        "published_after_incident": "published",
    }
    if known_incidents is not None:
        known = frozenset(known_incidents)
        check = pa.Check(lambda s: s.isin(known), name="incident_registered", error="incident is not in the incidents register (data/raw/incidents.csv)")
        schema = schema.update_column("incident_id", checks=[*schema.columns["incident_id"].checks, check])
    clean, clean_failures = validate_lazily(schema, parsed, raw_valid, column_of_check)
    failures = pd.concat([raw_failures, clean_failures], ignore_index=True)
    quarantine = _quarantine_records(rows, failures)
    assert len(rows) == len(clean) + len(quarantine), (
        f"conservation broken: {len(rows)} raw rows, {len(clean)} clean, {len(quarantine)} quarantined"
    )
    problems = [
        Problem(rows.at[f.index, SOURCE_FILE], int(rows.at[f.index, SOURCE_ROW]), f.column, f.reason)
        for f in failures.sort_values("index", kind="stable").itertuples(index=False)
    ]
    return clean.reset_index(drop=True), quarantine.reset_index(drop=True), problems


def clean(raw_dir: Path | None = None, clean_dir: Path | None = None, write: bool = True) -> CleanResult:
    """Run the clean step (see module docstring) and write ``data/clean/``."""
    raw_dir = Path(raw_dir) if raw_dir else paths.raw_dir()
    clean_dir = Path(clean_dir) if clean_dir else paths.clean_dir()
    rows, warnings = read_claims_files(raw_claims_paths(raw_dir))
    corrections_path = raw_dir / "corrections.csv"
    rows = apply_corrections(rows, load_corrections(corrections_path), corrections_path)
    register = load_incident_register(raw_dir)
    claims, quarantine, _ = check_claims(
        rows, register["incident_id"], incident_admin1_from_places(rows["incident_key"])
    )
    incidents = derive_incidents(claims, register)
    result = CleanResult(claims, incidents, quarantine, warnings, n_raw=len(rows))
    if write:
        write_clean(result, clean_dir, raw_dir)
    return result


# --------------------------------------------------------------------------- writing


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d").encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


SOURCE_KINDS = ("outlet", "encyclopedia_copy", "aggregator")


def load_source_notes(raw_dir: Path) -> pd.DataFrame:
    """``data/raw/source_notes.csv``: what is known about some outlets and pages."""
    path = raw_dir / "source_notes.csv"
    columns = ["match", "applies_to", "source_kind", "note", "reference"]
    if not path.exists():
        return pd.DataFrame(columns=columns)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for line, row in enumerate(table.itertuples(index=False), start=2):
        if row.applies_to not in ("domain", "url"):
            raise InputFileError(path, f"applies_to must be 'domain' or 'url', not {row.applies_to!r}", row=line, column="applies_to")
        if row.source_kind not in SOURCE_KINDS:
            raise InputFileError(path, f"source_kind must be one of {', '.join(SOURCE_KINDS)}", row=line, column="source_kind")
    return table


def sources_register(claims: pd.DataFrame, notes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per outlet and URL: the machine-readable list of sources.

    ``source_kind`` says whether the page is the outlet's own (``outlet``), a
    copy or translation of an encyclopedia article (``encyclopedia_copy``) or
    an aggregator's rewrite (``aggregator``), from ``data/raw/source_notes.csv``
    (matched on the URL, else on the domain or a parent domain); reports can
    weigh or leave out secondhand pages with it.
    """
    table = (
        claims.groupby(["outlet", "url"], sort=True)
        .agg(
            language=("language", lambda s: ", ".join(sorted(set(s)))),
            n_claims=("claim_id", "size"),
            n_incidents=("incident_id", "nunique"),
            first_published=("published_date", "min"),
        )
        .reset_index()
    )
    table.insert(2, "domain", table["url"].str.extract(r"^https?://(?:www\.)?([^/:]+)", expand=False).str.lower())
    notes = notes if notes is not None else pd.DataFrame(columns=["match", "applies_to", "source_kind", "note"])
    by_url = {r.match: r for r in notes.itertuples(index=False) if r.applies_to == "url"}
    by_domain = {r.match.lower(): r for r in notes.itertuples(index=False) if r.applies_to == "domain"}

    def note_for(url: str, domain: str):
        if url in by_url:
            return by_url[url]
        parts = str(domain).split(".")
        for i in range(len(parts) - 1):
            hit = by_domain.get(".".join(parts[i:]))
            if hit is not None:
                return hit
        return None

    found = [note_for(url, domain) for url, domain in zip(table["url"], table["domain"])]
    table["source_kind"] = [f.source_kind if f is not None else "outlet" for f in found]
    table["source_note"] = pd.Series([f.note if f is not None else None for f in found], dtype=object).astype("str")
    return table


def write_clean(result: CleanResult, clean_dir: Path, raw_dir: Path) -> None:
    """Write every clean output atomically; byte-identical for the same inputs."""
    from malitrack.clean.dictionary import data_dictionary_markdown, datapackage

    tables = {
        "claims": result.claims,
        "incidents": result.incidents,
        "quarantine": result.quarantine,
        "sources": sources_register(result.claims, load_source_notes(raw_dir)),
    }
    blobs = {f"{name}.csv": _csv_bytes(frame) for name, frame in tables.items()}
    result.version = _sha256(blobs["claims.csv"] + blobs["incidents.csv"])[:12]
    for name, data in blobs.items():
        result.written.append(write_atomic(clean_dir / name, lambda tmp, data=data: tmp.write_bytes(data)))
    for name in ("claims", "incidents"):
        frame = tables[name]
        result.written.append(
            write_atomic(clean_dir / f"{name}.parquet", lambda tmp, frame=frame: frame.to_parquet(tmp, index=False, engine="pyarrow"))
        )
    result.written.append(write_text_atomic(clean_dir / "data_dictionary.md", data_dictionary_markdown()))
    package = datapackage(result.version, {name: blobs[name] for name in blobs})
    result.written.append(write_text_atomic(clean_dir / "datapackage.json", json.dumps(package, indent=2, ensure_ascii=False) + "\n"))
    manifest = {
        "data_version": result.version,
        "input_fingerprint": input_fingerprint(raw_dir),
        "raw_rows": result.n_raw,
        "clean_rows": len(result.claims),
        "quarantined_rows": len(result.quarantine),
        "incidents": len(result.incidents),
    }
    result.written.append(write_text_atomic(clean_dir / "manifest.json", json.dumps(manifest, indent=2) + "\n"))


# --------------------------------------------------------------------------- a user's file


def validate_claims_file(path, raw_dir: Path | None = None) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) for a user's claims file; no problems = valid.

    Uses the same checks as ``clean``, against the shipped incidents register.
    File-level problems (missing file, missing columns) raise ``InputFileError``.
    """
    raw_dir = Path(raw_dir) if raw_dir else paths.raw_dir()
    claims_file = read_claims_file(path)
    register = load_incident_register(raw_dir)
    _, _, problems = check_claims(claims_file.rows, register["incident_id"])
    problems = [Problem(str(path), p.row, p.column, p.reason) for p in problems]
    return problems, claims_file.warnings
