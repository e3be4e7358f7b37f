"""Raw text rows -> clean claims: parse with the cleaning functions, validate twice, quarantine.

Claim ids are ``<incident>#<10 hex digits>`` of a SHA-256 over the raw row's
values (not its file or line), so they survive reordering and moving rows
between files, and two identical rows get the same id (the second is a
duplicate and is quarantined).
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pandera.pandas as pa

from malitrack import schemas
from malitrack.clean.corrections import FIGURE_READING
from malitrack.clean.quarantine import _quarantine_records, validate_lazily
from malitrack.clean.readers import CLAIM_COLUMNS, SOURCE_FILE, SOURCE_ROW
from malitrack.errors import Problem
from malitrack.parse.distinct import each, map_distinct
from malitrack.reference import Reference
from malitrack.reference import default as default_reference


def claim_ids(rows: pd.DataFrame) -> pd.Series:
    """Stable ids from the raw values of each row (see module docstring)."""
    def one(values) -> str:
        digest = hashlib.sha256("\x1f".join(values).encode("utf-8")).hexdigest()[:10]
        return f"{values[0]}#{digest}"

    return pd.Series([one(v) for v in rows[list(CLAIM_COLUMNS)].itertuples(index=False)], index=rows.index, dtype=object)


def _blank_to_na(series: pd.Series) -> pd.Series:
    text = series.astype(object).where(series.astype(str).str.strip() != "", None)
    return text.astype("str")


def parse_claims(
    rows: pd.DataFrame,
    incident_admin1: dict[str, tuple[str, str]] | None = None,
    reference: Reference | None = None,
) -> pd.DataFrame:
    """Turn validated raw text rows into the clean claims layout (never raises on content).

    A claim's region is the one it states (``admin_region``, when it names a
    single region), else the region of the place it names, else the region of
    its incident's main place (``incident_admin1``), else unknown. Actors,
    places and regions are looked up in ``reference`` (default:
    ``malitrack.reference.default()``).
    """
    from malitrack.parse.actors import normalize_actors_series
    from malitrack.parse.dates import parse_date_interval
    from malitrack.parse.figures import is_denial, parse_casualty_figures
    from malitrack.parse.places import normalize_place, normalize_region
    from malitrack.parse.victims import classify_victims_series

    reference = reference if reference is not None else default_reference()
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
    regions = map_distinct(rows["admin_region"], each(lambda text: normalize_region(text, reference=reference) if text.strip() else None))
    # Place names are resolved with the claim's own region as a hint (homonyms: two Tabankorts).
    hinted = pd.Series(list(zip(rows["place"], [r[0] if r else None for r in regions])), index=rows.index)
    places = map_distinct(
        hinted, each(lambda pair: normalize_place(pair[0], admin1=pair[1], reference=reference) if pair[0].strip() else None)
    )
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
    out["perpetrators"] = normalize_actors_series(
        rows["perpetrator_text"], on=out["incident_date_start"], reference=reference
    ).astype("str")
    out["outcome"] = rows["outcome"]
    out["note"] = _blank_to_na(rows["note"])
    corrections = rows["corrections"] if "corrections" in rows else pd.Series("", index=rows.index)
    out["corrections"] = _blank_to_na(corrections)
    # who is behind the claim, and what its figure covers: documented columns, not note regexes downstream
    from malitrack.clean.claimants import claimant_keys, claimant_register
    from malitrack.clean.flags import claim_flags, page_kinds

    keys = claimant_keys(out, claimant_register(reference))
    return out.join(keys).join(claim_flags(out, page_kinds(out, reference)))


def check_claims(rows: pd.DataFrame, known_incidents=None, incident_admin1=None, reference: Reference | None = None):
    """(clean claims, quarantine, problems) for text rows from the readers.

    ``reference`` holds the actor aliases and gazetteer the rows are parsed with.

    ``problems`` has one ``Problem`` per failing row, column and reason;
    ``quarantine`` one row per failing raw row. Conservation is asserted.
    """
    raw_valid, raw_failures = validate_lazily(schemas.RawClaims, rows, rows)
    raw_valid = rows.loc[raw_valid.index]
    parsed = parse_claims(raw_valid, incident_admin1, reference)
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

