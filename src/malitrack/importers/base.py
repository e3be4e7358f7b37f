"""What every dataset importer shares: a declarative spec, and one reader that follows it.

A dataset (ACLED, UCDP, ...) is a :class:`DatasetSpec`: the headers of its
layouts, which columns are numbers, how to keep Mali's rows, which columns
are dates, its pandera schema, its provenance sidecar key, and the function
turning its events into claims (the size of an owid/etl meadow step).
:func:`read_dataset` does the rest, the same way for every dataset:

1. **Sniff** the file: refuse a missing, empty, HTML, XML or binary file, and
   a file of another known dataset (naming it and its reader), with an
   :class:`InputFileError` that names the file; name the layout of the header
   or the columns missing from the closest one.
2. **Read typed** with pyarrow (quoted fields may hold newlines); keep the
   country's rows in Arrow; every row gets ``source_row``, the line where its
   record starts (header = line 1). A value not of its column's type, or a row
   with the wrong number of fields, stops the read with file, line and column.
3. **Dates**: every date column is parsed, each distinct value once. A date
   missing or not understood is reported in ``problems`` (file, line, column,
   event id, value, reason) and its event is left out of the claims: never a
   crash on the first bad date, never a guess, never a silent drop.
4. **Validate** the events lazily with the dataset's schema: each failing row
   and check is one problem; the row stays, as the dataset published it.
5. **Claims**: the spec's ``to_claims``, built with :func:`assemble_claims` in
   the :class:`malitrack.schemas.DatasetClaims` layout.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from malitrack.clean.claimants import claimant_keys
from malitrack.clean.flags import claim_flags
from malitrack.errors import InputFileError
from malitrack.parse.actors import normalize_actors
from malitrack.parse.distinct import map_distinct
from malitrack.parse.places import normalize_region
from malitrack.schemas import dataset_claim_columns, failure_cases

PROBLEM_COLUMNS = ("file", "row", "column", "event_id", "value", "reason")

# the modules defining a SPEC: a file of one of them given to another's reader is named
DATASET_MODULES = ("malitrack.importers.acled", "malitrack.importers.ucdp")

UNSPECIFIED_RUSSIANS = "Russian forces (unspecified)"


@dataclass(frozen=True)
class DatasetSpec:
    """Everything :func:`read_dataset` needs to know about one dataset's files.

    ``to_claims(events, release, path)`` turns the events whose dates are
    understood into claims; ``release(path, events, sidecar_value)`` names the
    release (``sidecar_value``: the ``sidecar_key`` entry of the file's
    ``.provenance.json``, or None); ``prepare(events, layout)`` reshapes the
    typed rows before the dates are parsed (e.g. folding ACLED's monadic rows).
    """

    name: str  # "ACLED": the dataset column of the claims
    file_kind: str  # "an ACLED export": how messages name a file of this dataset
    reader: str  # "read_acled": the function a user should call for such a file
    layouts: Mapping[str, tuple[str, ...]]  # layout name -> the columns its header has
    signature: tuple[str, ...]  # columns that, all present, mark a file of this dataset
    id_column: str
    country_column: str  # rows are kept where country_column == country_code
    country_code: int
    schema: type[pa.DataFrameModel]
    to_claims: Callable[[pd.DataFrame, str, Path], pd.DataFrame]
    release: Callable[[Path, pd.DataFrame, str | None], str]
    sidecar_key: str
    integer_columns: tuple[str, ...] = ()  # read as int64 where present; others as text unless float
    float_columns: tuple[str, ...] = ()
    date_columns: tuple[str, ...] = ()
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)  # tried in order, each distinct value once
    check_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # dataframe check -> columns it reads
    layout_forbids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # layout -> columns that rule it out
    hashtag_row: bool = False  # a second header row of HXL hashtags (#event+code) may follow the header
    prepare: Callable[[pd.DataFrame, str], pd.DataFrame] | None = None


@dataclass
class ImportResult:
    """What a dataset reader returns.

    ``events``: the dataset's own rows (Mali only), typed, with ``source_row``
    (the line where the record starts, header = line 1). ``claims``: one
    malitrack claim per event whose dates are understood
    (:class:`malitrack.schemas.DatasetClaims`), ``incident_id`` NA until
    matched. ``problems``: rows breaking the dataset's own rules (file, row,
    column, event_id, value, reason); they stay in ``events``, and in
    ``claims`` unchanged unless a date is missing or not understood.
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


def read_dataset(path, spec: DatasetSpec, release: str | None = None) -> ImportResult:
    """Read one file of the dataset ``spec`` describes (see the module docstring).

    ``release`` names the release; by default ``spec.release`` names it from
    the file's sidecar, name or content.
    """
    path = Path(path)
    check_not_html_or_empty(path)
    header = csv_header(path)
    layout = file_layout(spec, header, path)
    skip = 1 if spec.hashtag_row and _has_hashtag_row(path) else 0
    frame, rows_read = read_csv_typed(path, _column_types(spec, header), skip, keep=(spec.country_column, spec.country_code))
    rows_in_country = len(frame)
    if spec.prepare is not None:
        frame = spec.prepare(frame, layout)
    # positions as labels (problems are looked up by label); reset_index would copy every column
    events = frame if frame.index.equals(pd.RangeIndex(len(frame))) else frame.reset_index(drop=True)
    date_problems, dated = _parse_date_columns(events, spec, path)
    problems = _without_date_failures(validate_events(spec, events, path), date_problems, spec.date_columns)
    problems = pd.concat([date_problems, problems], ignore_index=True) if len(date_problems) else problems
    release = release or spec.release(path, events, read_sidecar(path, spec.sidecar_key))
    return ImportResult(
        dataset=spec.name,
        release=release,
        layout=layout,
        source_file=path.name,
        events=events,
        claims=spec.to_claims(events if dated.all() else events[dated], release, path),
        problems=problems.sort_values(["row", "reason"], ignore_index=True),
        rows_read=rows_read,
        rows_outside_mali=rows_read - rows_in_country,
    )


def read_sidecar(path, key: str) -> str | None:
    """The ``key`` entry of the file's ``.provenance.json`` sidecar, or None."""
    sidecar = Path(path).with_suffix(".provenance.json")
    if sidecar.is_file():
        return json.loads(sidecar.read_text(encoding="utf-8")).get(key) or None
    return None


# ---------------------------------------------------------------- sniffing


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


def file_layout(spec: DatasetSpec, header: list[str], path) -> str:
    """Name the layout of a header, or raise an InputFileError saying what the file is or lacks."""
    present = set(header)
    for name, columns in spec.layouts.items():
        if set(columns) <= present and not present & set(spec.layout_forbids.get(name, ())):
            return name
    for module in DATASET_MODULES:
        other = import_module(module).SPEC
        if other.name != spec.name and set(other.signature) <= present:
            raise InputFileError(path, f"this is {other.file_kind}, not {spec.file_kind}: use {other.reader}")
    if not present & set(spec.signature):
        raise InputFileError(
            path, f"not {spec.file_kind}: no {' or '.join(spec.signature)} column (header: {', '.join(header[:6])}...)"
        )
    closest = min(spec.layouts, key=lambda name: len(set(spec.layouts[name]) - present))
    missing = [c for c in spec.layouts[closest] if c not in present]
    named = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
    raise InputFileError(path, f"{spec.file_kind} with missing columns ({named}); closest layout: {closest}")


def _has_hashtag_row(path: Path) -> bool:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        handle.readline()
        second = handle.readline()
    values = [v.strip() for v in second.split(",") if v.strip()]
    return bool(values) and all(v.startswith("#") for v in values)


# ---------------------------------------------------------------- typed reading


def _column_types(spec: DatasetSpec, header: list[str]) -> dict:
    types = {c: pyarrow.int64() for c in spec.integer_columns if c in header}
    types |= {c: pyarrow.float64() for c in spec.float_columns if c in header}
    return types | {c: pyarrow.string() for c in header if c not in types}


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


# ---------------------------------------------------------------- dates and problems


def _parse_date_columns(events: pd.DataFrame, spec: DatasetSpec, path: Path) -> tuple[pd.DataFrame, pd.Series]:
    """Parse the spec's date columns in place; (one problem per bad date, which events have all their dates)."""
    dated = pd.Series(True, index=events.index)
    problems = []
    for column in spec.date_columns:
        text = events[column]
        parsed = map_distinct(text, lambda distinct: _parse_dates(distinct, spec.date_formats)).astype("datetime64[us]")
        bad = parsed.isna()
        if bad.any():
            missing = text[bad].isna() | (text[bad].astype("str").str.strip() == "")
            problems.append(
                _problem_frame(
                    path,
                    events.loc[bad, "source_row"],
                    column,
                    events.loc[bad, spec.id_column],
                    text[bad].fillna(""),
                    np.where(missing, "date missing", f"not a date (expected {_formats_in_words(spec.date_formats)})")
                    + "; the event is left out of the claims",
                )
            )
        dated &= ~bad
        events[column] = parsed
    return (pd.concat(problems, ignore_index=True) if problems else empty_problems()), dated


def _formats_in_words(formats: tuple[str, ...]) -> str:
    """'YYYY-MM-DD or DD Month YYYY' for ('%Y-%m-%d', '%d %B %Y').

    >>> _formats_in_words(("%Y-%m-%d %H:%M:%S.%f", "%d-%B-%Y"))
    'YYYY-MM-DD hh:mm:ss.fff or DD-Month-YYYY'
    """
    words = {"%Y": "YYYY", "%m": "MM", "%d": "DD", "%B": "Month", "%H": "hh", "%M": "mm", "%S": "ss", "%f": "fff"}
    return " or ".join(re.sub(r"%[a-zA-Z]", lambda code: words.get(code.group(), code.group()), fmt) for fmt in formats)


def _parse_dates(distinct: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    """The first format that fits each value, NaT if none does; kept to the day."""
    parsed = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[us]")
    for fmt in formats:
        missing = parsed.isna()
        if not missing.any():
            break
        parsed[missing] = pd.to_datetime(distinct[missing], format=fmt, errors="coerce")
    return parsed.dt.normalize()


def _problem_frame(path, rows, column, event_ids, values, reasons) -> pd.DataFrame:
    count = len(rows)
    return pd.DataFrame(
        {
            "file": [Path(path).name] * count,
            "row": pd.array(np.asarray(rows), dtype="Int64"),
            "column": [column] * count,
            "event_id": np.asarray(event_ids).astype(str),
            "value": np.asarray(values).astype(str),
            "reason": reasons,
        }
    )


def empty_problems() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="Int64" if column == "row" else "str") for column in PROBLEM_COLUMNS})


def validate_events(spec: DatasetSpec, events: pd.DataFrame, path) -> pd.DataFrame:
    """Validate a dataset's events lazily; every failing row becomes a reported problem, none is dropped."""
    try:
        spec.schema.validate(events, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return problems_from_schema_errors(errors, events, path, spec.id_column, spec.check_columns)
    return empty_problems()


def problems_from_schema_errors(errors, frame: pd.DataFrame, path, id_column: str, check_columns: Mapping) -> pd.DataFrame:
    """pandera's failure cases -> one problem per (row, check): file, row, column, event_id, value, reason.

    Reasons come from :func:`malitrack.schemas.failure_cases` (a check's
    ``error`` text). ``check_columns``: dataframe check -> the columns it reads
    (pandera lists every column for those). A failure of the whole table (a
    wrong dtype) is one problem without a row.
    """
    cases = failure_cases(errors)
    # pandera names a failing check by its error text when it has one
    check_names = {check.error or check.name: check.name for check in getattr(errors.schema, "checks", [])}
    rows = []
    for (index, check), group in cases.dropna(subset=["index"]).groupby(["index", "check"], sort=True):
        index = int(index)
        check = check_names.get(check, check)
        if check in check_columns:
            columns = list(check_columns[check])
            value = ", ".join(f"{c}={frame.at[index, c]}" for c in columns)
        else:
            columns = list(dict.fromkeys(group["column"].dropna().astype(str)))
            value = ", ".join(str(v) for v in group["failure_case"])
        rows.append((Path(path).name, int(frame.at[index, "source_row"]), ", ".join(columns),
                     str(frame.at[index, id_column]), value, group["reason"].iloc[0]))
    for case in cases[cases["index"].isna()].itertuples(index=False):
        rows.append((Path(path).name, None, str(case.column), None, str(case.failure_case), f"{case.reason} (whole column)"))
    problems = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    return problems.astype({"row": "Int64"}).sort_values(["row", "reason"], ignore_index=True)


def _without_date_failures(problems: pd.DataFrame, date_problems: pd.DataFrame, date_columns) -> pd.DataFrame:
    """Drop the schema's failures on a row's dates when the date itself is already reported as not understood."""
    if date_problems.empty or problems.empty:
        return problems
    bad_rows = set(date_problems["row"])
    about_dates = problems["column"].str.split(", ").map(lambda columns: bool(set(columns) & set(date_columns)))
    return problems[~(problems["row"].isin(bad_rows) & about_dates)].reset_index(drop=True)


# ---------------------------------------------------------------- claims


def assemble_claims(*, actor_names: list[pd.Series], **columns) -> pd.DataFrame:
    """Build a dataset-claims frame in the :class:`malitrack.schemas.DatasetClaims` layout.

    ``actor_names``: one Series per actor column (NA where absent); their
    canonical actors (:func:`canonical_actors`, dated by the event's start)
    make ``perpetrators``. ``incident_id`` starts NA (set by
    :func:`malitrack.importers.matching.dataset_claims_for_incidents`),
    ``claimant_type`` is ``dataset``, ``outcome`` is ``killed`` (both datasets
    count deaths only); ``url``, ``language`` and ``corrections`` stay NA: a
    dataset row has none.
    """
    index = columns["claim_id"].index
    names = dataset_claim_columns()
    values = columns | {
        "perpetrators": canonical_actors(actor_names, on=columns["incident_date_start"]),
        "claimant_type": "dataset",
        "outcome": "killed",
    }
    for name in ("incident_id", "url", "language", "corrections"):
        values[name] = pd.Series(np.nan, index=index, dtype="str")
    # claimant key and flags by the clean step's own rules, so a dataset row reads like a claim
    stated = pd.DataFrame({name: values[name] for name in ("claimant", "claimant_type", "incident_date_start", "outlet", "note") if name in values}, index=index)
    values |= claimant_keys(stated).to_dict("series") | claim_flags(stated).to_dict("series")
    frame = pd.DataFrame({name: values[name] for name in names}, index=index)
    types = {name: "Int64" for name in ("low", "best", "high", "deaths_side_a", "deaths_side_b", "deaths_civilians", "deaths_unknown")}
    types |= {name: "str" for name in names if frame[name].dtype == object}
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
