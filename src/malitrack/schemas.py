"""pandera models of malitrack's tables: the schema is the data dictionary.

Five tables: raw claims (text as published), raw incidents (the curated
register in ``data/raw/incidents.csv``), clean claims, clean incidents, and
dataset claims (UCDP's or ACLED's figures as claims, the clean claims'
columns plus what only a dataset says).
Every field carries a description; ``malitrack.clean.dictionary`` turns these models
into the Markdown data dictionary and the Frictionless ``datapackage.json``, so
the documentation is never written twice.

Conventions: counts are nullable integers (``Int64``) and unknown is NA, never
0; text is kept exactly as the source wrote it beside every parsed value.
Validation is always explicit and lazy (``Model.validate(df, lazy=True)``), so
one run reports every failing row; :func:`failure_cases` explains each
failure once, for the clean step's quarantine and the importers' problems.
"""

from __future__ import annotations

import re
from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from malitrack.vocab import (
    ADMIN1_NAMES,
    CLAIM_COLUMNS as RAW_TEXT_COLUMNS,
    CLAIMANT_TYPES,
    DATE_PRECISIONS,
    INCIDENT_TYPES,
    MALI_LATITUDE,
    MALI_LONGITUDE,
    OUTCOMES,
    QUALIFIERS,
    REPORT_STAGES,
    VICTIM_STATUSES,
)

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A cell a spreadsheet would execute: =SUM(..), +cmd, @HYPERLINK, -2+3 ...
FORMULA = re.compile(r"^\s*[=@]|^\s*[+\-]\s*[A-Za-z_(]")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?\s*>")
NEGATIVE_NUMBER = re.compile(r"(?:^|[\s(])[-−]\s*\d")



def _not_formula(series: pd.Series) -> pd.Series:
    return ~series.fillna("").astype(str).str.contains(FORMULA)


def _not_html(series: pd.Series) -> pd.Series:
    return ~series.fillna("").astype(str).str.contains(HTML_TAG)


class RawClaims(pa.DataFrameModel):
    """A claims file as published: one row per claimant x incident x publication x outcome, all text."""

    incident_key: Series[str] = pa.Field(
        str_matches=SLUG, description="Slug naming the incident, e.g. amassine-2024-05-19 (lower case, digits, dashes)."
    )
    incident_date: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Incident date as precise as the source allows: YYYY-MM-DD, YYYY-MM, YYYY or an interval.",
    )
    place: Series[str] = pa.Field(description="Place as spelled in the source.")
    admin_region: Series[str] = pa.Field(description="Region as spelled in the source (old or post-2023 names).")
    claimant: Series[str] = pa.Field(str_length={"min_value": 1}, description="Who made the claim.")
    claimant_type: Series[str] = pa.Field(isin=CLAIMANT_TYPES, description="Kind of claimant.")
    outlet: Series[str] = pa.Field(str_length={"min_value": 1}, description="Where the claim was published.")
    url: Series[str] = pa.Field(str_matches=r"^https?://\S+$", description="URL of the public page carrying the claim.")
    published: Series[str] = pa.Field(description="Publication date (YYYY-MM-DD or YYYY-MM); empty when unknown.")
    language: Series[str] = pa.Field(str_matches=r"^[a-z]{2,3}$", description="ISO 639-1 code of the page's language.")
    figure_text: Series[str] = pa.Field(
        description="The figure exactly as written; parts of a compound figure joined by ' ... '; empty = no number."
    )
    victims_text: Series[str] = pa.Field(description="The claimant's own words for who died.")
    perpetrator_text: Series[str] = pa.Field(description="The claimant's own words for who did it.")
    outcome: Series[str] = pa.Field(isin=OUTCOMES, description="killed, injured, missing or abducted.")
    note: Series[str] = pa.Field(description="Coding notes: scope, revisions, inferred dates, transcription errors.")
    shape_problem: Series[str] = pa.Field(description="Set by the reader when a row's field count differs from the header's.")

    @pa.check("shape_problem", name="row_shape", error="wrong number of fields in the row")
    def row_shape(cls, series: Series[str]) -> Series[bool]:
        return series == ""

    @pa.check(*RAW_TEXT_COLUMNS, name="no_spreadsheet_formula", error="spreadsheet formula in a text field")
    def no_spreadsheet_formula(cls, series: Series[str]) -> Series[bool]:
        return _not_formula(series)

    @pa.check(*RAW_TEXT_COLUMNS, name="no_html", error="HTML markup in a text field")
    def no_html(cls, series: Series[str]) -> Series[bool]:
        return _not_html(series)

    @pa.check("figure_text", name="not_negative", error="negative casualty figure")
    def not_negative(cls, series: Series[str]) -> Series[bool]:
        return ~series.fillna("").astype(str).str.contains(NEGATIVE_NUMBER)

    class Config:
        name = "raw claims"
        strict = "filter"
        coerce = True


class RawIncidents(pa.DataFrameModel):
    """The incidents register: one row per incident, facts that are not in the claims rows."""

    incident_id: Series[str] = pa.Field(unique=True, str_matches=SLUG, description="Incident slug, as in the claims files.")
    incident_type: Series[str] = pa.Field(isin=INCIDENT_TYPES, description="Kind of incident (vocabulary in its sidecar).")
    incident_type_basis: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Quote or paraphrase from a claim row or NOTES file supporting the type."
    )
    incident_type_url: Series[str] = pa.Field(
        str_matches=r"^https?://\S+$", description="URL of the claim row that supports the type."
    )

    class Config:
        name = "raw incidents"
        strict = False
        coerce = True


class CleanClaims(pa.DataFrameModel):
    """One row per claim, with its figure parsed into an interval and its labels normalised."""

    claim_id: Series[str] = pa.Field(
        description="Stable id: incident id, '#', 10 hex digits of a hash of the raw row's content."
    )
    incident_id: Series[str] = pa.Field(str_matches=SLUG, description="The incident the claim is about.")
    source_file: Series[str] = pa.Field(description="Raw claims file the row came from (data/raw/claims/).")
    source_row: Series[int] = pa.Field(ge=2, description="Line of the row in its raw file (header = line 1).")
    incident_date_text: Series[str] = pa.Field(description="Incident date as written in the raw row.")
    incident_date_start: Series[pd.Timestamp] = pa.Field(nullable=True, description="First day the incident may have happened.")
    incident_date_end: Series[pd.Timestamp] = pa.Field(nullable=True, description="Last day the incident may have happened.")
    incident_date_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS, description="day, days, month, months, year or unknown.")
    place_text: Series[str] = pa.Field(nullable=True, description="Place as spelled in the source.")
    admin_region_text: Series[str] = pa.Field(nullable=True, description="Region as spelled in the source.")
    admin1: Series[str] = pa.Field(
        nullable=True, isin=ADMIN1_NAMES, description="Region (pre-2023 names; post-2023 regions mapped to their parent); NA if unknown."
    )
    admin1_code: Series[str] = pa.Field(nullable=True, str_matches=r"^ML-[0-9A-Z]+$", description="ISO 3166-2 code of admin1.")
    claimant: Series[str] = pa.Field(description="Who made the claim, as named in the source.")
    claimant_type: Series[str] = pa.Field(isin=CLAIMANT_TYPES, description="Kind of claimant.")
    outlet: Series[str] = pa.Field(description="Where the claim was published.")
    url: Series[str] = pa.Field(str_matches=r"^https?://\S+$", description="URL of the public page carrying the claim.")
    language: Series[str] = pa.Field(description="ISO 639-1 code of the page's language.")
    published_text: Series[str] = pa.Field(nullable=True, description="Publication date as written; NA when unknown.")
    published_date: Series[pd.Timestamp] = pa.Field(nullable=True, description="Publication date (first day of the period for month precision).")
    published_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS, description="Precision of published_date.")
    figure_text: Series[str] = pa.Field(nullable=True, description="The figure exactly as written; NA when the claimant gave no number.")
    low: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Lowest count the words allow; NA if unknown.")
    best: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Count the words state or imply; NA if unknown.")
    high: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Highest count the words allow; NA when open-ended or unknown.")
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS, description="How the figure was stated: exact, at_least, more_than, at_most, approximately, range, vague, none.")
    denial: Series[bool] = pa.Field(description="The claimant denied any casualty (« aucun mort », \"No civilian\"): no count, but not silence.")
    victims_text: Series[str] = pa.Field(nullable=True, description="The claimant's own words for who died.")
    victim_status: Series[str] = pa.Field(isin=VICTIM_STATUSES, description="Class of the claimant's label for the dead (a label, not a finding), from victims_text, else from the words of figure_text.")
    perpetrator_text: Series[str] = pa.Field(nullable=True, description="The claimant's own words for who did it.")
    perpetrators: Series[str] = pa.Field(nullable=True, description="Canonical actors blamed, joined by '; '; NA if none named.")
    outcome: Series[str] = pa.Field(isin=OUTCOMES, description="killed, injured, missing or abducted.")
    note: Series[str] = pa.Field(nullable=True, description="Coding notes from the raw row.")
    corrections: Series[str] = pa.Field(nullable=True, description="Corrections applied from data/raw/corrections.csv, with reasons; NA if none.")
    claimant_key: Series[str] = pa.Field(description="The organisation behind the claim (e.g. CSP, Malian state, MINUSMA), from data/raw/claimants.csv; else the claimant's name normalised. One organisation's statements count once per figure.")
    claimant_key_basis: Series[str] = pa.Field(description="Why: 'register: <alias>' (the alias of data/raw/claimants.csv that matched the claimant) or 'name' (no alias: normalised name).")
    scope: Series[str] = pa.Field(str_length={"min_value": 1}, description="What the figure covers: 'whole' (the incident), or the note's words for the part covered ('Aklaz only'). A partial figure never sets an incident's toll.")
    aggregate: Series[bool] = pa.Field(description="The figure adds up several incidents or is cumulative (note or claimant: 'aggregate', 'do not add', 'cumulative'); left out of trends and rankings.")
    report_stage: Series[str] = pa.Field(isin=REPORT_STAGES, description="Where the figure sits among its claimant's tolls, from the note and claimant label: first, provisional, unmarked, revised or final.")
    drift: Series[bool] = pa.Field(description="The note flags an outlet's rewriting error in capitals (who said what, how many, where: 'ATTRIBUTION DRIFT', 'MISATTRIBUTION', 'MIS-TRANSCRIPTION', 'DRIFT'); never a revision, never a corroborating source.")
    background: Series[bool] = pa.Field(description="A later article's background mention of the toll (note 'background'); never a revision or a first report.")
    secondhand: Series[bool] = pa.Field(description="The page copies another outlet's story: an encyclopedia copy or aggregator in data/raw/source_notes.csv, or an outlet or claimant named as a rewrite, translation, copy or Wikipedia.")
    flags_basis: Series[str] = pa.Field(nullable=True, description="The words each flag above was read from, e.g. \"scope: note 'scope: Aklaz only'; report_stage: 'provisional'\"; NA when no flag is set.")

    @pa.check("qualifier", name="figure_understood", error="figure_text not understood (expected a number, number words, or a known vague phrase)")
    def figure_understood(cls, series: Series[str]) -> Series[bool]:
        return series != "unparsed"

    @pa.check("incident_date_precision", name="incident_date_understood", error="incident_date not understood (expected YYYY-MM-DD, YYYY-MM, YYYY or an interval)")
    def incident_date_understood(cls, series: Series[str]) -> Series[bool]:
        return series != "unknown"

    @pa.check("claim_id", name="claim_id_unique", error="duplicate claim (same content as an earlier row, so the same claim id)")
    def claim_id_unique(cls, series: Series[str]) -> Series[bool]:
        return ~series.duplicated(keep="first")

    @pa.dataframe_check(name="published_understood", error="published date not understood (expected YYYY-MM-DD, YYYY-MM or empty)")
    def published_understood(cls, df: pd.DataFrame) -> Series[bool]:
        return df["published_text"].isna() | (df["published_precision"] != "unknown")

    @pa.dataframe_check(name="low_best_high_order", error="low <= best <= high does not hold")
    def low_best_high_order(cls, df: pd.DataFrame) -> Series[bool]:
        ok = pd.Series(True, index=df.index)
        for a, b in (("low", "best"), ("best", "high"), ("low", "high")):
            ok &= (df[a].isna() | df[b].isna() | (df[a] <= df[b])).fillna(True).astype(bool)
        return ok

    @pa.dataframe_check(name="published_after_incident", error="published before the incident's first possible day")
    def published_after_incident(cls, df: pd.DataFrame) -> Series[bool]:
        period_end = published_period_end(df["published_date"], df["published_precision"])
        ok = df["incident_date_start"].isna() | period_end.isna() | (period_end >= df["incident_date_start"])
        return ok.fillna(True).astype(bool)

    class Config:
        name = "clean claims"
        strict = True
        coerce = True


class CleanIncidents(pa.DataFrameModel):
    """One row per incident: when, where and what, derived from its claims and cited references."""

    incident_id: Series[str] = pa.Field(unique=True, str_matches=SLUG, description="Incident slug.")
    title: Series[str] = pa.Field(nullable=True, description="Short neutral label for the incident.")
    date_start: Series[pd.Timestamp] = pa.Field(nullable=True, description="First possible day (most common date among its claims).")
    date_end: Series[pd.Timestamp] = pa.Field(nullable=True, description="Last possible day.")
    date_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS, description="day, days, month, months, year or unknown.")
    place: Series[str] = pa.Field(nullable=True, description="Main place (canonical gazetteer name).")
    place_id: Series[str] = pa.Field(nullable=True, description="Gazetteer id of the main place.")
    admin1: Series[str] = pa.Field(nullable=True, isin=ADMIN1_NAMES, description="Region (pre-2023 names).")
    admin1_code: Series[str] = pa.Field(nullable=True, str_matches=r"^ML-[0-9A-Z]+$", description="ISO 3166-2 code of admin1.")
    admin2: Series[str] = pa.Field(nullable=True, description="Cercle, where a cited source gives it.")
    latitude: Series[float] = pa.Field(nullable=True, ge=MALI_LATITUDE[0], le=MALI_LATITUDE[1], description="WGS 84 latitude of the main place, where a cited source gives it.")
    longitude: Series[float] = pa.Field(nullable=True, ge=MALI_LONGITUDE[0], le=MALI_LONGITUDE[1], description="WGS 84 longitude of the main place.")
    coord_precision: Series[str] = pa.Field(nullable=True, description="town centroid, village or approximate.")
    coord_source: Series[str] = pa.Field(nullable=True, description="Where the coordinates come from (UCDP row id or page URL).")
    incident_type: Series[str] = pa.Field(nullable=True, isin=INCIDENT_TYPES, description="Kind of incident, from the incidents register.")
    incident_type_source: Series[str] = pa.Field(nullable=True, description="URL supporting the incident type.")
    aggregate_of: Series[str] = pa.Field(nullable=True, description="Incident ids this one aggregates (never add it to them).")
    n_claims: Series[int] = pa.Field(ge=1, description="Number of clean claims about the incident.")
    n_claimant_types: Series[int] = pa.Field(ge=1, description="Number of distinct claimant types among them.")

    class Config:
        name = "clean incidents"
        strict = True
        coerce = True


class DatasetClaims(CleanClaims):
    """One claim per UCDP or ACLED event: the clean claims' columns, plus what only a dataset says.

    The two frames concatenate, so a dataset's figure can sit beside the
    claimants' own. A dataset states no denial, has no page URL or language,
    and its ``incident_id`` is NA until ``malitrack.importers.matching`` links
    the event to an incident.
    """

    incident_id: Series[str] = pa.Field(nullable=True, str_matches=SLUG, description="The incident the event is linked to; NA until matched.")
    url: Series[str] = pa.Field(nullable=True, description="NA: a dataset row has no page of its own.")
    language: Series[str] = pa.Field(nullable=True, description="NA: a dataset row has no language of its own.")
    denial: Optional[Series[bool]] = pa.Field(description="Not a dataset column: a dataset records counts, never denials.")
    dataset: Series[str] = pa.Field(isin=("ACLED", "UCDP"), description="The dataset the event comes from.")
    dataset_event_id: Series[str] = pa.Field(description="The dataset's own event id (ACLED event_id_cnty, UCDP id).")
    date_widening_days: Series[int] = pa.Field(ge=0, description="Days to widen the event's dates by when matching (ACLED time_precision).")
    latitude: Series[float] = pa.Field(nullable=True, ge=-90, le=90, description="WGS 84 latitude of the dataset's point.")
    longitude: Series[float] = pa.Field(nullable=True, ge=-180, le=180, description="WGS 84 longitude of the dataset's point.")
    location_precision: Series[str] = pa.Field(description="The dataset's precision code, e.g. 'UCDP where_prec 2'.")
    location_level: Series[str] = pa.Field(isin=("point", "admin1", "none"), description="What the place is known to: a point, only its region, or neither.")
    location_radius_km: Series[pd.Float64Dtype] = pa.Field(nullable=True, ge=0, description="Radius (km) around the point within which the event lies.")
    deaths_side_a: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="UCDP deaths_a (side A of the dyad); NA for ACLED.")
    deaths_side_b: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="UCDP deaths_b (side B of the dyad); NA for ACLED.")
    deaths_civilians: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="UCDP deaths_civilians; NA for ACLED.")
    deaths_unknown: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="UCDP deaths_unknown; NA for ACLED.")
    event_type: Series[str] = pa.Field(nullable=True, description="The dataset's event type (UCDP type of violence, ACLED event and sub-event type).")

    @pa.dataframe_check(name="published_understood", error="published_precision is 'unknown' but published_date is set, or the reverse")
    def published_understood(cls, df: pd.DataFrame) -> Series[bool]:
        # replaces the clean claims' check: a dataset's published_text names its release, not a date
        return df["published_date"].notna() == (df["published_precision"] != "unknown")

    class Config:
        name = "dataset claims"
        strict = True
        coerce = True


def dataset_claim_columns() -> tuple[str, ...]:
    """The columns of a dataset-claims frame, in order (:class:`DatasetClaims`' required columns)."""
    return tuple(name for name, column in DatasetClaims.to_schema().columns.items() if column.required)


def failure_cases(error: pa.errors.SchemaErrors) -> pd.DataFrame:
    """pandera's failure cases, each with a ``reason`` in words: the check's ``error`` text, else a plain one.

    One row per failing value, as in ``error.failure_cases`` (``index`` is NA
    for a failure of the whole table, e.g. a missing column or a wrong dtype).
    The clean step turns them into quarantine records, the importers into
    problem tables.
    """
    schema = error.schema
    errors = {}
    for column_name, column in getattr(schema, "columns", {}).items():
        for check in column.checks:
            errors[(column_name, check.name)] = check.error or check.name
    for check in getattr(schema, "checks", []):
        errors[(None, check.name)] = check.error or check.name
    cases = error.failure_cases.copy()
    cases["reason"] = [
        errors.get((None if context == "DataFrameSchema" else column, str(check))) or _builtin_reason(str(check))
        for context, column, check in zip(cases["schema_context"], cases["column"], cases["check"])
    ]
    return cases


def _builtin_reason(check: str) -> str:
    if check == "not_nullable":
        return "value missing"
    if check.startswith("isin"):
        return f"value not allowed ({check})"
    if check.startswith("str_matches"):
        return f"value has the wrong form ({check})"
    if check.startswith("str_length"):  # the schemas only set a minimum length of 1
        return "value missing (empty)"
    if check.startswith("coerce_dtype"):
        return f"wrong type ({check})"
    return check


def published_period_end(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """Last day of the period a publication date stands for (month -> month end)."""
    end = dates.copy()
    month = precision.isin(["month", "months"])
    end[month] = dates[month] + pd.offsets.MonthEnd(0)
    year = precision == "year"
    end[year] = dates[year] + pd.offsets.YearEnd(0)
    return end
