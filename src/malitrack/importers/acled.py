"""Read a user's own ACLED export into malitrack claims.

ACLED's terms forbid redistributing its rows, so malitrack ships none: this
module reads the export a user downloaded, in any of the layouts seen in real
files (data/raw/REFERENCE_README.md, ACLED's codebook and its "Guide to 2023
ACLED column changes"):

- ``current``: the export / API layout since March 2023 (31 columns, with
  ``disorder_type``, ``civilian_targeting`` and ``tags``);
- ``dyadic (pre-2023)``: the older export with ``data_id``,
  ``event_id_no_cnty`` and ``iso3``; copies from the Humanitarian Data Exchange
  carry a second header row of HXL hashtags (``#event+code``), skipped;
- ``monadic`` / ``monadic (pre-2023)``: one row per actor (no ``actor2``), so
  each dyadic event appears twice. The rows of one ``event_id_cnty`` are
  folded back into one event (the second row's actor becomes ``actor2``);
  summing ``fatalities`` over rows would count them twice.

Method (:func:`malitrack.importers.base.read_dataset`, following
:data:`SPEC`): refuse what is not an ACLED export (HTML error page, empty or
truncated file, another dataset, missing columns) with an
:class:`InputFileError`; read with pyarrow, typed; keep Mali (``iso`` 466);
fold monadic rows; parse each distinct ``event_date`` once (``2019-07-25``,
``25 July 2019`` or ``25-July-2019``: a date that is none of these is
reported in ``problems`` and its event left out of the claims); validate
with :class:`AcledEventSchema`, reporting rows that break it in ``problems``
without dropping them; one claim per event (:func:`acled_claims`).

Figures: ACLED records one ``fatalities`` number per event, "the most
conservative estimate available" when sources differ, vague words coded as
tens = 10, dozens = 12, hundreds = 100 (ACLED codebook). malitrack keeps it as
ACLED's conservative figure: ``low`` = ``best`` = fatalities, ``high`` open
(NA), qualifier ``at_least``. A 0 stays 0 (ACLED's coding, not a missing
value). Crowd sizes in ``notes`` or ``tags`` (``[size=dozens]``) are never
read as deaths.

Precision (ACLED codebook): ``time_precision`` 1 the actual day, 2 a known
week or weekend, 3 a known month (widening the date by 3 and 15 days);
``geo_precision`` 1 the town itself, 2 near a town or in a small part of a
region (50 km), 3 only the region (matched on admin1).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from malitrack.importers.base import (
    DatasetSpec,
    ImportResult,
    admin1_from_dataset_text,
    assemble_claims,
    day_text,
    join_text,
    read_dataset,
)
from malitrack.parse.distinct import map_distinct
from malitrack.parse.places import inside_mali

MALI_ISO = 466

ACLED_LAYOUTS = {
    "current": (
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
        "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
        "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
        "fatalities", "tags", "timestamp",
    ),
    "dyadic (pre-2023)": (
        "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
        "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
        "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location",
        "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
        "timestamp", "iso3",
    ),
}
_SECOND_ACTOR = ("actor2", "assoc_actor_2", "inter2")
ACLED_LAYOUTS |= {
    name.replace("current", "monadic").replace("dyadic", "monadic"): tuple(c for c in columns if c not in _SECOND_ACTOR)
    for name, columns in list(ACLED_LAYOUTS.items())
}

EVENT_TYPES = (
    "Battles", "Explosions/Remote violence", "Violence against civilians",
    "Protests", "Riots", "Strategic developments",
)
# inter codes (numbers in older files, words in newer ones)
INTER_CODES = {
    "0": "none", "1": "State forces", "2": "Rebel group", "3": "Political militia",
    "4": "Identity militia", "5": "Rioters", "6": "Protesters", "7": "Civilians",
    "8": "External/Other forces",
}
TIME_PRECISION_DAYS = {1: 0, 2: 3, 3: 15}
TIME_PRECISION_NAME = {1: "day", 2: "days", 3: "month"}
GEO_PRECISION_RADIUS_KM = {1: 0.0, 2: 50.0}
GEO_PRECISION_LEVEL = {1: "point", 2: "point", 3: "admin1"}

class AcledEventSchema(pa.DataFrameModel):
    """One ACLED event (Mali), typed; field names as in ACLED's codebook."""

    event_id_cnty: Series[str] = pa.Field(unique=True, description="event id with country prefix, e.g. MLI1234")
    event_date: Series[pd.Timestamp] = pa.Field(nullable=False, description="day the event took place (see time_precision)")
    time_precision: Series[int] = pa.Field(isin=[1, 2, 3], description="1 actual day, 2 a known week, 3 a known month")
    event_type: Series[str] = pa.Field(isin=list(EVENT_TYPES), description="one of ACLED's six event types")
    actor1: Series[str] = pa.Field(nullable=False, description="first named actor (no direction implied)")
    actor2: Series[str] = pa.Field(nullable=True, description="second named actor, if any")
    inter1_type: Series[str] = pa.Field(isin=list(INTER_CODES.values())[1:], description="actor1's type")
    admin1: Series[str] = pa.Field(nullable=True, description="region, e.g. 'Kidal'")
    latitude: Series[float] = pa.Field(ge=-90, le=90, nullable=True)
    longitude: Series[float] = pa.Field(ge=-180, le=180, nullable=True)
    geo_precision: Series[int] = pa.Field(isin=[1, 2, 3], description="1 the town, 2 near a town, 3 the region")
    fatalities: Series[int] = pa.Field(ge=0, description="ACLED's conservative count of deaths")

    @pa.dataframe_check(name="inside_mali", error="coordinates fall outside Mali")
    def inside_mali(cls, df: pd.DataFrame) -> Series[bool]:
        return inside_mali(df["latitude"], df["longitude"])

    @pa.dataframe_check(name="monadic_rows_agree", error="the rows of this monadic event disagree; the first row is kept")
    def monadic_rows_agree(cls, df: pd.DataFrame) -> Series[bool]:
        return df["monadic_disagreement"].isna()

    class Config:
        strict = False
        title = "ACLED event (Mali)"


def read_acled(path, export_date: str | None = None) -> ImportResult:
    """Read an ACLED export (any layout in the module docstring); keep Mali's events as claims.

    ``export_date`` (YYYY-MM-DD) names the claimant "ACLED (export of
    <date>)"; by default it comes from a ``.provenance.json`` sidecar, else
    the claimant is "ACLED (data as of <date>)", the last update in the file's
    ``timestamp`` column.

    >>> from malitrack.paths import root
    >>> result = read_acled(root() / "tests" / "data" / "acled_synthetic_current.csv")
    >>> result.layout, result.claims.loc[0, "claimant"]
    ('current', 'ACLED (data as of 2030-01-02)')
    """
    return read_dataset(path, SPEC, release=f"export of {export_date}" if export_date else None)


def acled_release(path, events: pd.DataFrame, export_date: str | None) -> str:
    """'export of <date>' from the sidecar's export date, else 'data as of <last update in the file>'."""
    if export_date:
        return f"export of {export_date}"
    if events["timestamp"].notna().any():
        return f"data as of {pd.to_datetime(events['timestamp'].max(), unit='s'):%Y-%m-%d}"
    return "export date unknown"


def _prepare_events(frame: pd.DataFrame, layout: str) -> pd.DataFrame:
    """One row per event (monadic rows folded), and each actor's type in words."""
    if layout.startswith("monadic"):
        frame = _fold_monadic_rows(frame)
    else:
        frame["source_rows"] = 1
        frame["monadic_disagreement"] = pd.Series(pd.NA, index=frame.index, dtype="str")
    for column in ("inter1", "inter2"):
        frame[f"{column}_type"] = map_distinct(frame[column], lambda codes: [_inter_type(c) for c in codes]).astype("str")
    return frame


def _inter_type(code: str) -> str | float:
    code = str(code).strip()
    return INTER_CODES.get(code, code) if code else np.nan


def _fold_monadic_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per event: the first row, its second row's actor as actor2 (monadic exports)."""
    repeated = frame["event_id_cnty"].duplicated(keep=False)
    position = frame.groupby("event_id_cnty", sort=False).cumcount()
    first = frame[position == 0].set_index("event_id_cnty")
    second = frame[position == 1].set_index("event_id_cnty")
    first["actor2"] = second["actor1"].reindex(first.index)
    first["assoc_actor_2"] = second["assoc_actor_1"].reindex(first.index)
    first["inter2"] = second["inter1"].reindex(first.index)
    counts = frame.groupby("event_id_cnty", sort=False).size()
    first["source_rows"] = counts.reindex(first.index).to_numpy()
    shared = ["fatalities", "event_date", "location"]
    distinct = frame[repeated].groupby("event_id_cnty", sort=False)[shared].agg(
        lambda values: " | ".join(dict.fromkeys(values.astype(str)))
    )
    disagreement = distinct.apply(
        lambda row: "; ".join(f"{column}: {row[column]}" for column in shared if " | " in row[column]), axis=1
    ) if len(distinct) else pd.Series(dtype="str")
    first["monadic_disagreement"] = disagreement.reindex(first.index).replace("", np.nan).astype("str")
    return first.reset_index()


def acled_claims(events: pd.DataFrame, release: str, path) -> pd.DataFrame:
    """One malitrack claim per ACLED event (see the module docstring): claimant "ACLED (<release>)".

    ``published_date`` is the day ACLED last updated the row (``timestamp``).
    """
    claimant = f"ACLED ({release})"
    fatalities = events["fatalities"].astype("Int64")
    against_civilians = events["event_type"] == "Violence against civilians"
    civilian_actor2 = events["inter2_type"] == "Civilians"
    admin1 = admin1_from_dataset_text(events["admin1"])
    missing = pd.Series(pd.NA, index=events.index, dtype="Int64")
    time_precision, geo_precision = events["time_precision"], events["geo_precision"]

    def lookup(codes: pd.Series, table: dict, default=None) -> pd.Series:
        return map_distinct(codes, lambda distinct: [table.get(code, default) for code in distinct])

    def text(template: str, values: pd.Series) -> pd.Series:
        return map_distinct(values, lambda distinct: [template.format(value) for value in distinct]).astype("str")

    return assemble_claims(
        claim_id="acled-" + events["event_id_cnty"].astype(str),
        dataset="ACLED",
        dataset_event_id=events["event_id_cnty"],
        source_file=Path(path).name,
        source_row=events["source_row"],
        claimant=claimant,
        outlet="ACLED",
        published_text=f"ACLED {release}",
        published_date=pd.to_datetime(events["timestamp"], unit="s").dt.normalize(),
        published_precision=pd.Series("day", index=events.index, dtype="str").where(events["timestamp"].notna(), "unknown"),
        incident_date_text=day_text(events["event_date"]),
        incident_date_start=events["event_date"],
        incident_date_end=events["event_date"],
        incident_date_precision=lookup(time_precision, TIME_PRECISION_NAME, "unknown"),
        date_widening_days=lookup(time_precision, TIME_PRECISION_DAYS, 0),
        place_text=events["location"],
        admin_region_text=events["admin1"],
        admin1=admin1["admin1"],
        admin1_code=admin1["admin1_code"],
        latitude=events["latitude"],
        longitude=events["longitude"],
        location_precision=text("ACLED geo_precision {}", geo_precision),
        location_level=lookup(geo_precision, GEO_PRECISION_LEVEL, "none"),
        location_radius_km=lookup(geo_precision, GEO_PRECISION_RADIUS_KM),
        figure_text=text("ACLED {}", events["fatalities"]),
        low=fatalities,
        best=fatalities,
        high=missing,
        qualifier="at_least",
        victims_text=pd.Series("civilians (ACLED event type: violence against civilians)", index=events.index, dtype="str").where(against_civilians),
        victim_status=pd.Series("civilian", index=events.index, dtype="str").where(against_civilians, "unspecified"),
        deaths_side_a=missing,
        deaths_side_b=missing,
        deaths_civilians=missing,
        deaths_unknown=missing,
        perpetrator_text=join_text([events["actor1"], events["actor2"].where(~(against_civilians | civilian_actor2))], " - "),
        actor_names=[
            events["actor1"],
            events["assoc_actor_1"],
            events["actor2"].where(~civilian_actor2),
            events["assoc_actor_2"].where(~civilian_actor2),
        ],
        event_type=join_text([events["event_type"], events["sub_event_type"]], ": "),
        note=events["notes"],
    )


SPEC = DatasetSpec(
    name="ACLED",
    file_kind="an ACLED export",
    reader="read_acled",
    layouts=ACLED_LAYOUTS,
    layout_forbids={name: ("actor2",) for name in ACLED_LAYOUTS if name.startswith("monadic")},
    signature=("event_id_cnty", "fatalities"),
    id_column="event_id_cnty",
    country_column="iso",
    country_code=MALI_ISO,
    schema=AcledEventSchema,
    to_claims=acled_claims,
    release=acled_release,
    sidecar_key="export_date",
    integer_columns=("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "data_id", "event_id_no_cnty"),
    float_columns=("latitude", "longitude"),
    date_columns=("event_date",),
    date_formats=("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y"),
    check_columns={"inside_mali": ("latitude", "longitude"), "monadic_rows_agree": ("monadic_disagreement",)},
    hashtag_row=True,
    prepare=_prepare_events,
)
