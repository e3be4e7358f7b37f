"""Link dataset events (UCDP, ACLED) to malitrack incidents, and put their figures beside the claims.

A dataset event and a malitrack incident are linked when they are close in
time and in space, each closeness widened by how precisely the dataset placed
and dated the event:

- **Date.** The event's interval ``[date_start, date_end]`` (UCDP writes the
  whole uncertain span there) is widened by ``date_widening_days`` (ACLED
  ``time_precision`` 2 = a week, 3 = a month) and by ``days_window`` on each
  side; it must overlap the incident's ``[date_start, date_end]``.
- **Place.** An event placed at a point (UCDP ``where_prec`` 1-3 and 5, ACLED
  ``geo_precision`` 1-2) must lie within ``km_window`` + the event's radius of
  uncertainty (25 km for UCDP ``where_prec`` 2, 100 km for a cercle or a road
  between two towns) + the incident's own (50 km for an ``approximate``
  gazetteer point) of the incident's point, great-circle distance. An event
  known only to its region (UCDP ``where_prec`` 4, ACLED ``geo_precision`` 3),
  or an incident without coordinates, must share the incident's admin1.
  Events placed only at country level (UCDP ``where_prec`` 6-7) are never
  linked: they are listed as unmatched with that reason.

One event may link to several incidents and one incident to several events
(UCDP splits an attack into one event per dyad). Each link carries a score in
[0, 1] (half date closeness, half place closeness; a region-only match scores
its place half at 0.25) and a reason in words, e.g. "same day; 0 km (limit
50 km); same admin1 Ménaka". Linking is a lead for a reporter, not a proof
that two records describe one event.

This module also holds what the two dataset readers share: the
:class:`ImportResult` they return, the claim layout of dataset figures
(:data:`DATASET_CLAIM_COLUMNS`) and the file checks that refuse an HTML page or
a truncated file before parsing it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from malitrack.parse.actors import normalize_actors
from malitrack.errors import InputFileError
from malitrack.parse.places import normalize_region

EARTH_RADIUS_KM = 6371.0088

# Claim layout of a dataset figure: every column of the clean claims (so the
# two concatenate), plus what only a dataset says (deaths by side, location
# precision, how far to widen a match).
DATASET_CLAIM_COLUMNS = (
    "claim_id", "incident_id", "dataset", "dataset_event_id", "source_file", "source_row",
    "claimant", "claimant_type", "outlet", "url", "language", "published_text", "published_date",
    "published_precision", "incident_date_text", "incident_date_start", "incident_date_end",
    "incident_date_precision", "date_widening_days", "place_text", "admin_region_text",
    "admin1", "admin1_code", "latitude", "longitude", "location_precision",
    "location_level", "location_radius_km", "figure_text", "low", "best", "high",
    "qualifier", "victims_text", "victim_status", "deaths_side_a", "deaths_side_b",
    "deaths_civilians", "deaths_unknown", "perpetrator_text", "perpetrators",
    "outcome", "event_type", "note", "corrections",
)

# gazetteer coord_precision -> radius (km) of the incident point's uncertainty
INCIDENT_RADIUS_KM = {"village": 0.0, "exact point": 0.0, "town centroid": 5.0, "approximate": 50.0}

PROBLEM_COLUMNS = ("file", "row", "column", "event_id", "value", "reason")

UNSPECIFIED_RUSSIANS = "Russian forces (unspecified)"


@dataclass
class ImportResult:
    """What a dataset reader returns.

    ``events``: the dataset's own rows (Mali only), typed, with ``source_row``
    (the line where the record starts, header = line 1). ``claims``: one malitrack claim
    per event (:data:`DATASET_CLAIM_COLUMNS`), ``incident_id`` NA until
    matched. ``problems``: rows breaking the dataset's own rules
    (file, row, column, event_id, value, reason); they stay in ``events`` and
    ``claims`` unchanged.
    """

    dataset: str
    release: str
    layout: str
    source_file: str
    events: pd.DataFrame
    claims: pd.DataFrame
    problems: pd.DataFrame
    rows_read: int
    rows_outside_mali: int


@dataclass
class MatchResult:
    """Links between dataset events and incidents, and what stayed unlinked."""

    links: pd.DataFrame
    unmatched_events: pd.DataFrame
    unmatched_incidents: pd.DataFrame


# ---------------------------------------------------------------- shared by the readers


def check_not_html_or_empty(path: Path) -> None:
    """Refuse a missing, empty, HTML or binary file before parsing it."""
    if not path.is_file():
        raise InputFileError(path, "file not found")
    with open(path, "rb") as handle:
        start = handle.read(2048)
    text = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not text:
        raise InputFileError(path, "the file is empty")
    if text.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")):
        raise InputFileError(
            path, "this is an HTML/XML page saved as a CSV file (often a download error or login page), not data"
        )
    if b"\x00" in start or text.startswith((b"pk\x03\x04", b"\x1f\x8b")):
        raise InputFileError(path, "this is a binary file (zip, gzip or spreadsheet?), not CSV text: unpack it first")


def csv_header(path: Path) -> list[str]:
    """The column names of a CSV file's first line (BOM and spaces removed)."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        first_line = handle.readline()
    return [name.strip() for name in next(csv.reader(io.StringIO(first_line)))]


def read_csv_typed(
    path: Path, column_types: dict, skip_rows_after_header: int = 0, keep: tuple[str, object] | None = None
) -> tuple[pd.DataFrame, int]:
    """Read a CSV with pyarrow, each column typed; return (rows kept, number of rows read).

    ``keep=(column, value)`` keeps only the rows where ``column == value``
    (filtered in Arrow, before pandas sees the rows). The frame gets
    ``source_row``, the line where each record starts (header = 1).

    Quoted fields may hold newlines, but pyarrow reads fastest when told they
    do not. So the file is read that way first and its newlines counted: one
    newline per record means none sits inside a field and the read is exact;
    otherwise (or if that read fails) the file is read again allowing them.
    A row with the wrong number of fields (a truncated file) or a value that
    is not of its column's type raises an :class:`InputFileError` naming the
    file, and for a bad value its line and column.
    """
    newlines, ends_with_newline = _count_newlines(path)
    one_record_per_line = None
    try:
        table = _read_arrow(path, column_types, skip_rows_after_header, newlines_in_values=False)
        lines_needed = table.num_rows + skip_rows_after_header + ends_with_newline
        one_record_per_line = newlines == lines_needed
    except pyarrow.ArrowInvalid:
        pass
    if not one_record_per_line:
        try:
            table = _read_arrow(path, column_types, skip_rows_after_header, newlines_in_values=True)
        except pyarrow.ArrowInvalid as error:
            raise _explain_read_error(path, str(error), skip_rows_after_header) from None
    rows_read = table.num_rows
    lines = np.arange(2, rows_read + 2) + skip_rows_after_header
    if not one_record_per_line:
        lines += _newlines_before(table)
    table = table.append_column("source_row", pyarrow.array(lines))
    if keep is not None:
        wanted = pc.equal(table[keep[0]], keep[1])
        if not pc.all(wanted).as_py():
            table = table.filter(wanted)
    return table.to_pandas(), rows_read


def _read_arrow(path: Path, column_types: dict, skip_rows_after_header: int, newlines_in_values: bool) -> pyarrow.Table:
    return pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(skip_rows_after_names=skip_rows_after_header),
        parse_options=pacsv.ParseOptions(newlines_in_values=newlines_in_values),
        convert_options=pacsv.ConvertOptions(column_types=column_types, strings_can_be_null=True),
    )


def _count_newlines(path: Path) -> tuple[int, bool]:
    """Number of newline bytes in the file, and whether it ends with one."""
    newlines, last = 0, b""
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 24), b""):
            newlines += chunk.count(b"\n")
            last = chunk[-1:]
    return newlines, last == b"\n"


def _newlines_before(table: pyarrow.Table) -> np.ndarray:
    """For each record, the newlines inside quoted fields of the records before it."""
    embedded = np.zeros(table.num_rows, dtype="int64")
    for column in table.columns:
        if pyarrow.types.is_string(column.type) or pyarrow.types.is_large_string(column.type):
            counts = pc.count_substring(column, "\n")
            if pc.max(counts).as_py():
                embedded += counts.fill_null(0).to_numpy()
    return np.concatenate([[0], np.cumsum(embedded)[:-1]]) if table.num_rows else embedded


def _explain_read_error(path: Path, message: str, skip_rows_after_header: int) -> InputFileError:
    """An InputFileError for pyarrow's read error: truncated rows, or the first bad value with its line."""
    message = message.replace("CSV parse error: ", "").replace("\n", " ")
    if "columns, got" in message:
        return InputFileError(path, f"a row has the wrong number of fields; the file may be truncated ({message[:160]})")
    bad = re.search(r"In CSV column #(\d+): CSV conversion error to (\w+)", message)
    if not bad:
        return InputFileError(path, message[:300])
    header = csv_header(path)
    column, target = header[int(bad.group(1))], bad.group(2)
    raw = _read_arrow(path, {c: pyarrow.string() for c in header}, skip_rows_after_header, newlines_in_values=True)
    lines = np.arange(2, raw.num_rows + 2) + skip_rows_after_header + _newlines_before(raw)
    values = raw[column].to_pandas().str.strip()
    numeric = pd.to_numeric(values, errors="coerce")
    wrong = numeric.isna() & values.ne("") & values.notna()
    if target.startswith("int"):
        wrong |= numeric.notna() & (numeric % 1 != 0)
    at = int(np.flatnonzero(wrong.to_numpy())[0]) if wrong.any() else None
    value = values.iloc[at] if at is not None else "?"
    return InputFileError(
        path,
        f"a value is not of its column's type: {value!r} is not {target}",
        row=None if at is None else int(lines[at]),
        column=column,
    )


def map_distinct(values: pd.Series, convert) -> pd.Series:
    """Apply ``convert`` to each distinct value once and spread the results back (NA stays NA).

    ``convert`` takes a Series of the distinct values and returns one result
    each. On millions of rows with a few thousand distinct dates or names this
    is many times faster than ``Series.map``.
    """
    arrow = pyarrow.array(values, from_pandas=True)
    if isinstance(arrow, pyarrow.Array):
        arrow = pyarrow.chunked_array([arrow])
    encoded = pc.dictionary_encode(arrow).unify_dictionaries()
    if encoded.num_chunks:
        dictionary = encoded.chunk(0).dictionary
    else:
        dictionary = pyarrow.array([], type=arrow.type)
    distinct = pd.Series(dictionary.to_pandas(), dtype=values.dtype)
    results = pyarrow.array(pd.Series(convert(distinct)), from_pandas=True)
    indices = [chunk.indices for chunk in encoded.chunks]
    spread = pc.take(results, pyarrow.concat_arrays(indices)) if indices else pyarrow.array([], type=results.type)
    return spread.to_pandas().set_axis(values.index)


def join_text(columns: list[pd.Series], separator: str) -> pd.Series:
    """Row-wise join of text columns in Arrow, skipping NA and empty values (NA if nothing is left).

    >>> join_text([pd.Series(["FAMa", "JNIM"]), pd.Series(["JNIM", None])], " - ").tolist()
    ['FAMa - JNIM', 'JNIM']
    """
    arrays = []
    for values in columns:
        array = pyarrow.array(values.astype("str"), from_pandas=True).cast(pyarrow.large_string())
        arrays.append(pc.if_else(pc.equal(array, ""), pyarrow.scalar(None, pyarrow.large_string()), array))
    joined = pc.binary_join_element_wise(*arrays, pyarrow.scalar(separator, pyarrow.large_string()), null_handling="skip")
    joined = pc.if_else(pc.equal(joined, ""), pyarrow.scalar(None, pyarrow.large_string()), joined)
    return pd.Series(joined.to_pandas(), index=columns[0].index, dtype="str")


def day_text(days: pd.Series) -> pd.Series:
    """'2026-01-29' for each timestamp (NA stays NA), formatted in Arrow.

    >>> day_text(pd.Series(pd.to_datetime(["2026-01-29", None]))).tolist()
    ['2026-01-29', nan]
    """
    text = pyarrow.array(days, from_pandas=True).cast(pyarrow.date32()).cast(pyarrow.string())
    return pd.Series(text.to_pandas(), index=days.index, dtype="str")


def empty_problems() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="Int64" if column == "row" else "str") for column in PROBLEM_COLUMNS})


def validate_events(schema, events: pd.DataFrame, path, id_column: str, dataframe_checks: dict) -> pd.DataFrame:
    """Validate a dataset's events lazily; every failing row becomes a reported problem, none is dropped."""
    try:
        schema.validate(events, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return problems_from_schema_errors(errors, events, path, id_column, dataframe_checks)
    return empty_problems()


def problems_from_schema_errors(errors, frame: pd.DataFrame, path, id_column: str, dataframe_checks: dict) -> pd.DataFrame:
    """pandera's failure cases -> one problem per (row, check): file, row, column, event_id, value, reason.

    ``dataframe_checks``: check name -> (reason, columns it reads), for the
    cross-column checks (pandera lists every column for those).
    """
    cases = errors.failure_cases.dropna(subset=["index"])
    rows = []
    for (index, check), group in cases.groupby(["index", "check"], sort=True):
        index = int(index)
        if check in dataframe_checks:
            reason, columns = dataframe_checks[check]
            value = ", ".join(f"{c}={frame.at[index, c]}" for c in columns)
        else:
            columns = list(dict.fromkeys(group["column"].dropna().astype(str)))
            reason = f"fails {check}"
            value = ", ".join(str(v) for v in group["failure_case"])
        rows.append(
            {
                "file": Path(path).name,
                "row": int(frame.at[index, "source_row"]),
                "column": ", ".join(columns),
                "event_id": str(frame.at[index, id_column]),
                "value": value,
                "reason": reason,
            }
        )
    problems = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    return problems.astype({"row": "Int64"}).sort_values(["row", "reason"], ignore_index=True)


def admin1_from_dataset_text(names: pd.Series) -> pd.DataFrame:
    """Canonical pre-2023 region and ISO 3166-2 code for UCDP's / ACLED's admin1 names.

    Each distinct name goes once through :func:`malitrack.parse.places.normalize_region`.

    >>> admin1_from_dataset_text(pd.Series(["Segou region", "Menaka", None])).values.tolist()
    [['Ségou', 'ML-4'], ['Ménaka', 'ML-9'], [nan, nan]]
    """
    names = names.astype("str")

    def part(index: int):
        return lambda distinct: [(normalize_region(name) or (None, None))[index] for name in distinct]

    return pd.DataFrame(
        {"admin1": map_distinct(names, part(0)).astype("str"), "admin1_code": map_distinct(names, part(1)).astype("str")},
        index=names.index,
    )


def assemble_claims(*, actor_names: list[pd.Series], **columns) -> pd.DataFrame:
    """Build a dataset-claims frame in :data:`DATASET_CLAIM_COLUMNS` order.

    ``actor_names``: one Series per actor column (NA where absent); their
    canonical actors (:func:`canonical_actors`, dated by the event's start)
    make ``perpetrators``. ``incident_id`` starts NA (set by
    :func:`dataset_claims_for_incidents`), ``claimant_type`` is ``dataset``,
    ``outcome`` is ``killed`` (both datasets count deaths only); ``url``,
    ``language`` and ``corrections`` stay NA: a dataset row has none.
    """
    index = columns["claim_id"].index
    values = columns | {
        "perpetrators": canonical_actors(actor_names, on=columns["incident_date_start"]),
        "claimant_type": "dataset",
        "outcome": "killed",
    }
    for name in ("incident_id", "url", "language", "corrections"):
        values[name] = pd.Series(np.nan, index=index, dtype="str")
    frame = pd.DataFrame({name: values[name] for name in DATASET_CLAIM_COLUMNS}, index=index)
    types = {name: "Int64" for name in ("low", "best", "high", "deaths_side_a", "deaths_side_b", "deaths_civilians", "deaths_unknown")}
    types |= {name: "str" for name in DATASET_CLAIM_COLUMNS if frame[name].dtype == object}
    types |= {"source_row": "int64", "location_radius_km": "Float64", "published_date": "datetime64[us]"}
    frame["date_widening_days"] = frame["date_widening_days"].fillna(0)
    types["date_widening_days"] = "int64"
    return frame.astype(types).reset_index(drop=True)


def canonical_actors(actor_names: list[pd.Series], on: pd.Series) -> pd.Series:
    """Canonical actors (``malitrack.parse.actors.normalize_actors``) over several actor columns, "; "-joined.

    Each column's name is normalised on its own, so a generic opponent
    ("Unidentified Armed Group (Mali)" -> unknown) is kept beside a named one;
    civilians and protesters are no actor. Each distinct combination of names
    is normalised once; only rows naming unspecified Russian forces ("Government
    of Russia (Soviet Union)") are resolved again with their date ``on``
    (Wagner Group before 6 June 2025, Africa Corps from then on).

    >>> canonical_actors([pd.Series(["Government of Mali, Government of Russia (Soviet Union)"]),
    ...                   pd.Series(["Civilians"])], on=pd.Series(pd.to_datetime(["2026-02-06"]))).tolist()
    ['FAMa; Africa Corps']
    """
    arrays = [pyarrow.array(names.astype("str"), from_pandas=True).cast(pyarrow.large_string()) for names in actor_names]
    separator = pyarrow.scalar("\x1f", type=pyarrow.large_string())
    joined_keys = pc.binary_join_element_wise(*arrays, separator, null_handling="replace", null_replacement="")
    keys = joined_keys.to_pandas().set_axis(actor_names[0].index)

    def normalise(key: str, day=None) -> str | None:
        actors = []
        for part in key.split("\x1f"):
            for actor in normalize_actors(part, on=day):
                if actor not in actors:
                    actors.append(actor)
        return "; ".join(actors) if actors else None

    actors = map_distinct(keys, lambda distinct: [normalise(key) for key in distinct]).astype("str")
    undated = actors.str.contains(UNSPECIFIED_RUSSIANS, regex=False).fillna(False) & on.notna()
    if undated.any():
        pairs = pd.DataFrame({"key": keys[undated], "on": on[undated]})
        resolved = {pair: normalise(*pair) for pair in pairs.drop_duplicates().itertuples(index=False, name=None)}
        actors[undated] = [resolved[pair] for pair in pairs.itertuples(index=False, name=None)]
    return actors


# ---------------------------------------------------------------- matching


def match_events(events, incidents: pd.DataFrame, days_window: int = 1, km_window: float = 25.0) -> MatchResult:
    """Link dataset events to incidents by date window and distance (see the module docstring).

    ``events``: an :class:`ImportResult`, or its ``claims`` frame (several
    concatenated are fine). ``incidents``: incident_id, date_start, date_end,
    latitude, longitude, coord_precision, admin1 (as ``load_incidents()``).

    >>> from malitrack.importers.ucdp import read_ucdp_ged
    >>> from malitrack.paths import raw_dir
    >>> ucdp = read_ucdp_ged(raw_dir() / "ucdp" / "ucdp_candidate_26_01_26_06_mali.csv")
    >>> akabar = pd.DataFrame({"incident_id": ["akabar-airstrikes-2026-01-31"],
    ...     "date_start": [pd.Timestamp("2026-01-31")], "date_end": [pd.Timestamp("2026-01-31")],
    ...     "latitude": [15.352026], "longitude": [1.996146], "coord_precision": ["village"],
    ...     "admin1": ["Ménaka"]})
    >>> result = match_events(ucdp, akabar, days_window=0)
    >>> result.links[["dataset_event_id", "reason"]].values.tolist()
    [['612355', 'same day; 0 km (limit 50 km); same admin1 Ménaka']]
    """
    claims = events.claims if isinstance(events, ImportResult) else events
    claims = claims.reset_index(drop=True)
    incidents = incidents.reset_index(drop=True)
    _check_incident_columns(incidents)

    ev_start = claims["incident_date_start"].to_numpy("datetime64[D]")
    ev_end = claims["incident_date_end"].fillna(claims["incident_date_start"]).to_numpy("datetime64[D]")
    widening = claims["date_widening_days"].to_numpy("int64")
    ev_lat = np.radians(claims["latitude"].to_numpy("float64", na_value=np.nan))
    ev_lon = np.radians(claims["longitude"].to_numpy("float64", na_value=np.nan))
    ev_level = claims["location_level"].to_numpy(dtype=object)
    ev_radius = claims["location_radius_km"].to_numpy("float64", na_value=0.0)
    ev_admin1 = claims["admin1"].to_numpy(dtype=object)
    ev_usable = (ev_level != "none") & ~np.isnat(ev_start)

    link_rows = []
    for inc in incidents.itertuples(index=False):
        if pd.isna(inc.date_start):
            continue
        inc_start = np.datetime64(pd.Timestamp(inc.date_start).date(), "D")
        inc_end = np.datetime64(pd.Timestamp(inc.date_end if pd.notna(inc.date_end) else inc.date_start).date(), "D")
        gap_after = (inc_start - ev_end).astype("int64")
        gap_before = (ev_start - inc_end).astype("int64")
        days_apart = np.maximum(np.maximum(gap_after, gap_before), 0)
        allowed_days = days_window + widening
        candidates = np.flatnonzero((days_apart <= allowed_days) & ev_usable)
        if not len(candidates):
            continue
        inc_has_point = pd.notna(inc.latitude) and pd.notna(inc.longitude)
        inc_radius = INCIDENT_RADIUS_KM.get(inc.coord_precision, 0.0) if inc_has_point else np.nan
        if inc_has_point:
            distance = _haversine_km(ev_lat[candidates], ev_lon[candidates], np.radians(inc.latitude), np.radians(inc.longitude))
        else:
            distance = np.full(len(candidates), np.nan)
        for position, row in enumerate(candidates):
            same_admin1 = pd.notna(inc.admin1) and ev_admin1[row] == inc.admin1
            place = _place_rule(ev_level[row], ev_radius[row], distance[position], inc_radius, km_window, same_admin1)
            if place is None:
                continue
            place_score, place_reason, limit = place
            date_score = 1.0 - days_apart[row] / (allowed_days[row] + 1)
            if days_apart[row] == 0:
                single_days = ev_start[row] == ev_end[row] and inc_start == inc_end
                date_reason = "same day" if single_days else "dates overlap"
            else:
                date_reason = f"{days_apart[row]} day{'s' if days_apart[row] > 1 else ''} apart"
            reason = f"{date_reason}; {place_reason}"
            if same_admin1 and "same admin1" not in reason:
                reason += f"; same admin1 {inc.admin1}"
            link_rows.append(
                {
                    "incident_id": inc.incident_id,
                    "claim_id": claims.at[row, "claim_id"],
                    "dataset": claims.at[row, "dataset"],
                    "dataset_event_id": claims.at[row, "dataset_event_id"],
                    "score": round(0.5 * date_score + 0.5 * place_score, 3),
                    "reason": reason,
                    "days_apart": int(days_apart[row]),
                    "distance_km": None if np.isnan(distance[position]) else round(float(distance[position]), 1),
                    "distance_limit_km": limit,
                    "same_admin1": bool(same_admin1),
                }
            )
    links = pd.DataFrame(
        link_rows,
        columns=["incident_id", "claim_id", "dataset", "dataset_event_id", "score", "reason",
                 "days_apart", "distance_km", "distance_limit_km", "same_admin1"],
    )
    links = links.astype(
        {"incident_id": "str", "claim_id": "str", "dataset": "str", "dataset_event_id": "str", "score": "float64",
         "reason": "str", "days_apart": "int64", "distance_km": "Float64", "distance_limit_km": "Float64",
         "same_admin1": "bool"}
    )
    links = links.sort_values(["incident_id", "score", "dataset_event_id"], ascending=[True, False, True], ignore_index=True)
    _LinkSchema.validate(links, lazy=True)

    unmatched_events = claims[~claims["claim_id"].isin(links["claim_id"])].copy()
    unmatched_events["why_unmatched"] = np.select(
        [unmatched_events["incident_date_start"].isna(), unmatched_events["location_level"] == "none"],
        ["event has no date", "placed only at country level or outside any country: never linked"],
        f"no incident within the date window (±{days_window} days, widened by precision) and distance",
    )
    unmatched_incidents = incidents[~incidents["incident_id"].isin(links["incident_id"])].copy()
    unmatched_incidents["why_unmatched"] = np.where(
        unmatched_incidents["date_start"].isna(), "incident has no date", "no dataset event within the windows"
    )
    return MatchResult(links, unmatched_events.reset_index(drop=True), unmatched_incidents.reset_index(drop=True))


def _place_rule(ev_level, ev_radius, distance, inc_radius, km_window, same_admin1):
    """(place_score, reason, distance limit) when the places are compatible, else None."""
    if ev_level == "point" and not np.isnan(distance):
        limit = km_window + ev_radius + inc_radius
        if distance <= limit:
            return 1.0 - distance / (limit + 1.0), f"{distance:.0f} km (limit {limit:.0f} km)", limit
        return None
    if same_admin1:
        what = "event known only to its region" if ev_level == "admin1" else "incident has no coordinates"
        return 0.25, f"same admin1 ({what})", None
    return None


def _haversine_km(lat1, lon1, lat2, lon2):
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def _check_incident_columns(incidents: pd.DataFrame) -> None:
    needed = {"incident_id", "date_start", "date_end", "latitude", "longitude", "coord_precision", "admin1"}
    missing = sorted(needed - set(incidents.columns))
    if missing:
        raise ValueError(f"incidents frame lacks columns {missing}: pass malitrack.clean.load.load_incidents()")


_LinkSchema = pa.DataFrameSchema(
    {
        "incident_id": pa.Column(str, description="malitrack incident"),
        "claim_id": pa.Column(str, description="dataset claim (one per dataset event)"),
        "score": pa.Column(float, pa.Check.in_range(0, 1), description="0-1: half date closeness, half place closeness"),
        "reason": pa.Column(str, description="why linked, in words"),
        "days_apart": pa.Column("int64", pa.Check.ge(0), description="days between the intervals (0 = overlap)"),
    },
    unique=["incident_id", "claim_id"],
    title="Links between dataset events and incidents",
)


def dataset_claims_for_incidents(match: MatchResult, dataset_claims) -> pd.DataFrame:
    """Matched dataset figures as extra claims: one row per link, ``incident_id`` set.

    Adds ``match_score`` and ``match_reason``, so the disagreement analysis
    can show them beside the incident's own claims (and filter on the score).
    When several events of one dataset release link to the same incident
    (UCDP codes one event per pair of warring sides), each covers part of it:
    its note starts "scope: UCDP event N only", the partial-scope mark of
    :mod:`malitrack.analysis.disagreement`, so their figures are shown, never set
    against the whole-incident claims as rival tolls.
    """
    claims = dataset_claims.claims if isinstance(dataset_claims, ImportResult) else dataset_claims
    linked = match.links[["claim_id", "incident_id", "score", "reason"]].rename(
        columns={"score": "match_score", "reason": "match_reason"}
    )
    merged = claims.drop(columns="incident_id").merge(linked, on="claim_id", how="inner")
    siblings = merged.groupby(["incident_id", "claimant"])["claim_id"].transform("size")
    scope = (
        "scope: " + merged["dataset"] + " event " + merged["dataset_event_id"] + " only ("
        + siblings.astype(str) + " events of " + merged["claimant"] + " linked to this incident; they may add up); "
    )
    merged["note"] = (scope + merged["note"].fillna("")).where(siblings > 1, merged["note"])
    ordered = [c for c in DATASET_CLAIM_COLUMNS if c in merged.columns] + ["match_score", "match_reason"]
    return merged[ordered].sort_values(["incident_id", "match_score"], ascending=[True, False], ignore_index=True)


def figures_side_by_side(claims: pd.DataFrame, linked_dataset_claims: pd.DataFrame, min_score: float = 0.0) -> pd.DataFrame:
    """One line per incident: the datasets' death figures, then the claimants' own (deaths only).

    >>> claims = pd.DataFrame({"incident_id": ["a"], "claimant": ["CSP"], "figure_text": ["over 30"]})
    >>> linked = pd.DataFrame({"incident_id": ["a"], "figure_text": ["UCDP best 29, low 29, high 35"],
    ...                        "match_score": [0.9]})
    >>> figures_side_by_side(claims, linked).loc[0, "figures"]
    'UCDP best 29, low 29, high 35; CSP over 30'
    """
    linked = linked_dataset_claims[linked_dataset_claims["match_score"] >= min_score]
    dataset_figures = linked.groupby("incident_id", sort=True)["figure_text"].agg(lambda s: "; ".join(dict.fromkeys(s)))
    stated = claims.dropna(subset=["figure_text"])
    if "outcome" in stated.columns:
        stated = stated[stated["outcome"] == "killed"]
    claim_figures = (stated["claimant"] + " " + stated["figure_text"]).groupby(stated["incident_id"]).agg(
        lambda s: "; ".join(dict.fromkeys(s))
    )
    table = pd.DataFrame({"dataset_figures": dataset_figures, "claim_figures": claim_figures})
    table = table.loc[table["dataset_figures"].notna()]
    table["figures"] = table["dataset_figures"] + np.where(
        table["claim_figures"].notna(), "; " + table["claim_figures"].fillna(""), ""
    )
    return table.rename_axis("incident_id").reset_index()
