"""Read UCDP GED and UCDP Candidate event files into malitrack claims.

The UCDP Georeferenced Event Dataset (GED) and its provisional monthly
Candidate releases share one 49-column layout (UCDP GED Codebook, version
23.1 and later; Hegre, Croicu, Eck & Högbladh 2020 for Candidate). Each row is
one event: a dyad (side_a - side_b), a place with a precision code, a date
interval with a precision code, and deaths as UCDP's own interval, ``low`` /
``best`` / ``high``, with ``best`` split by side (``deaths_a``, ``deaths_b``,
``deaths_civilians``, ``deaths_unknown``).

Method (:func:`malitrack.importers.base.read_dataset`, following :data:`SPEC`):

1. Refuse a file that is not a GED file (HTML error page, empty or truncated
   file, missing columns, an ACLED export) with an :class:`InputFileError`
   naming the file and what is wrong.
2. Read with pyarrow (quoted fields contain newlines), each column typed as
   the codebook defines it, then keep Mali's rows by ``country_id == 432``:
   the ``relid`` prefix follows the dyad, not the place (Mali events carry
   ``AFG-`` and ``BEN-`` prefixes). ``date_start`` and ``date_end`` are read
   as ``2026-01-29 00:00:00.000`` or ``2026-01-29``; a date missing or not
   understood is reported in ``problems`` and its event left out of the claims.
3. Validate with :class:`UcdpEventSchema`. Rows that break UCDP's own
   invariants (``best == deaths_a + deaths_b + deaths_civilians +
   deaths_unknown``, ``low <= best <= high``, coordinates inside Mali) are
   reported in ``problems`` and kept exactly as UCDP published them: the
   Candidate file 26.01-26.06 has three rows with ``low > best`` or
   ``best > high`` (ids 622874, 622870, 630982) and one Kayes row at longitude
   +8.8 (id 633589).
4. Turn each event into one claim (:func:`ucdp_claims`): claimant "UCDP GED
   <release>" or "UCDP GED Candidate <release>", claimant type ``dataset``,
   UCDP's low/best/high kept as they are (a UCDP ``best`` of 0 is UCDP's
   estimate, not a missing figure), deaths by side in their own columns.

The precision codes (codebook): ``where_prec`` 1 exact place, 2 within 25 km
of a known point, 3 second-order unit (cercle), 4 first-order unit (region),
5 a linear feature or part of the country ("between Diboli and Kayes"), 6
country, 7 international waters or airspace; ``date_prec`` 1 exact day, 2 a
span of 2-6 days, 3 a week, 4 8-30 days or a month, 5 more than a month.
"""

from __future__ import annotations

import re
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
    read_dataset,
    read_sidecar,
)
from malitrack.parse.places import inside_mali

MALI_COUNTRY_ID = 432

UCDP_GED_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id",
    "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid",
    "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)

# where_prec -> radius (km) around UCDP's point within which the event lies;
# 4 = known only to the region, 6-7 = not placed within Mali.
WHERE_PREC_RADIUS_KM = {1: 0.0, 2: 25.0, 3: 100.0, 5: 100.0}
WHERE_PREC_LEVEL = {1: "point", 2: "point", 3: "point", 4: "admin1", 5: "point", 6: "none", 7: "none"}
DATE_PREC_PRECISION = {1: "day", 2: "days", 3: "days", 4: "month", 5: "months"}
TYPE_OF_VIOLENCE = {1: "state-based", 2: "non-state", 3: "one-sided"}


class UcdpEventSchema(pa.DataFrameModel):
    """One UCDP GED / Candidate event, Mali rows, typed (GED codebook names)."""

    id: Series[int] = pa.Field(unique=True, description="UCDP event id, stable within a release")
    relid: Series[str] = pa.Field(description="release-specific id; its prefix follows the dyad, not the place")
    type_of_violence: Series[int] = pa.Field(isin=[1, 2, 3], description="1 state-based, 2 non-state, 3 one-sided")
    side_a: Series[str] = pa.Field(description="side A of the dyad (the perpetrator in one-sided violence)")
    side_b: Series[str] = pa.Field(description="side B of the dyad ('Civilians' in one-sided violence)")
    where_prec: Series[int] = pa.Field(isin=list(range(1, 8)), description="location precision, 1 exact place ... 7 international waters")
    adm_1: Series[str] = pa.Field(nullable=True, description="first-order unit, e.g. 'Kidal region'")
    latitude: Series[float] = pa.Field(nullable=True, ge=-90, le=90, description="WGS 84")
    longitude: Series[float] = pa.Field(nullable=True, ge=-180, le=180, description="WGS 84")
    country_id: Series[int] = pa.Field(eq=MALI_COUNTRY_ID, description="Gleditsch-Ward code; Mali = 432")
    date_prec: Series[int] = pa.Field(isin=list(range(1, 6)), description="date precision, 1 exact day ... 5 more than a month")
    date_start: Series[pd.Timestamp] = pa.Field(description="first possible day")
    date_end: Series[pd.Timestamp] = pa.Field(description="last possible day")
    deaths_a: Series[int] = pa.Field(ge=0, description="deaths on side A")
    deaths_b: Series[int] = pa.Field(ge=0, description="deaths on side B")
    deaths_civilians: Series[int] = pa.Field(ge=0, description="civilian deaths")
    deaths_unknown: Series[int] = pa.Field(ge=0, description="deaths of unknown status")
    best: Series[int] = pa.Field(ge=0, description="UCDP's most likely total")
    low: Series[int] = pa.Field(ge=0, description="UCDP's lowest reliable total")
    high: Series[int] = pa.Field(ge=0, description="UCDP's highest reliable total")

    @pa.dataframe_check(name="best_is_sum_of_deaths_by_side", error="UCDP's best is not deaths_a + deaths_b + deaths_civilians + deaths_unknown")
    def best_is_sum_of_deaths_by_side(cls, df: pd.DataFrame) -> Series[bool]:
        return df["best"] == df["deaths_a"] + df["deaths_b"] + df["deaths_civilians"] + df["deaths_unknown"]

    @pa.dataframe_check(name="low_le_best_le_high", error="UCDP's own figures break low <= best <= high")
    def low_le_best_le_high(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["low"] <= df["best"]) & (df["best"] <= df["high"])

    @pa.dataframe_check(name="inside_mali", error="coordinates fall outside Mali")
    def inside_mali(cls, df: pd.DataFrame) -> Series[bool]:
        return inside_mali(df["latitude"], df["longitude"])

    @pa.dataframe_check(name="date_start_le_date_end", error="date_start is after date_end")
    def date_start_le_date_end(cls, df: pd.DataFrame) -> Series[bool]:
        return df["date_start"] <= df["date_end"]

    class Config:
        strict = False
        title = "UCDP GED / Candidate event (Mali)"


def read_ucdp_ged(path, release: str | None = None) -> ImportResult:
    """Read a UCDP GED or Candidate CSV file; keep Mali's events as claims.

    ``release`` names the release (e.g. "Candidate 26.0.7", "23.1"); by
    default it comes from the file's ``.provenance.json`` sidecar, else from
    the file name (``GEDEvent_v26_0_7.csv`` -> "Candidate 26.0.7").

    >>> from malitrack.paths import raw_dir
    >>> result = read_ucdp_ged(raw_dir() / "ucdp" / "ucdp_candidate_26_01_26_06_mali.csv")
    >>> len(result.events), result.claims.loc[0, "claimant"]
    (362, 'UCDP GED Candidate 26.01-26.06')
    >>> sorted(result.problems["event_id"].unique())
    ['622870', '622874', '630982', '633589']
    """
    return read_dataset(path, SPEC, release=release)


def ucdp_release(path) -> str:
    """The release a UCDP file belongs to, from its sidecar or its file name.

    >>> ucdp_release("GEDEvent_v26_0_7.csv")
    'Candidate 26.0.7'
    >>> ucdp_release("ged231.csv")
    '23.1'
    >>> ucdp_release("GEDEvent_v25_01_25_03.csv")
    'Candidate 25.01-25.03'
    """
    return read_sidecar(path, "release") or release_from_file_name(path)


def release_from_file_name(path) -> str:
    """The release a UCDP file's name states ("release unknown" if none)."""
    name = Path(path).stem.lower()
    candidate = "candidate" in name
    quarterly = re.search(r"(\d{2})_(\d{2})_(\d{2})_(\d{2})", name)
    if quarterly:
        a, b, c, d = quarterly.groups()
        return f"Candidate {a}.{b}-{c}.{d}"
    monthly = re.search(r"(\d{2})_0_(\d{1,2})(?!\d)", name)
    if monthly:
        return f"Candidate {monthly.group(1)}.0.{int(monthly.group(2))}"
    final = re.search(r"(\d{2})_?(\d)(?!\d)", name)
    if final:
        version = f"{final.group(1)}.{final.group(2)}"
        return f"Candidate {version}" if candidate else version
    return "release unknown"


def ucdp_victim_status(events: pd.DataFrame) -> pd.Series:
    """Who the dead were, as far as UCDP's split of ``best`` by side says.

    Side A of a state-based dyad is a government (state forces); side B of a
    state-based dyad and both sides of a non-state dyad are armed groups.
    One category -> that status; several -> ``mixed``; no deaths or only
    ``deaths_unknown`` -> ``unspecified``.
    """
    state_based = events["type_of_violence"] == 1
    status_by_column = {
        "deaths_a": np.where(state_based, "state_forces", "armed_group"),
        "deaths_b": np.full(len(events), "armed_group"),
        "deaths_civilians": np.full(len(events), "civilian"),
    }
    statuses = pd.DataFrame(
        {column: np.where(events[column].to_numpy() > 0, status, None) for column, status in status_by_column.items()}
    )
    distinct = statuses.nunique(axis=1)
    single = statuses.bfill(axis=1).iloc[:, 0]
    status = np.where(distinct == 1, single, np.where(distinct > 1, "mixed", "unspecified"))
    status = np.where((distinct == 1) & (events["deaths_unknown"].to_numpy() > 0), "mixed", status)
    return pd.Series(status, index=events.index, dtype="str")


def _interval_text(start: pd.Series, end: pd.Series) -> pd.Series:
    """'2026-01-29', or '2026-06-29/2026-07-01' for a span (ISO 8601 interval)."""
    start_text, end_text = day_text(start), day_text(end)
    return start_text.where(start_text == end_text, start_text + "/" + end_text)


def ucdp_claims(events: pd.DataFrame, release: str, path) -> pd.DataFrame:
    """One malitrack claim per UCDP event (see the module docstring)."""
    is_candidate = release.startswith("Candidate")
    claimant = f"UCDP GED {release}"
    release_slug = re.sub(r"[^0-9a-z.]+", "-", release.lower()).strip("-")
    one_sided = events["type_of_violence"] == 3
    figures = events[["low", "best", "high"]].astype("Int64")
    exact = (figures["low"] == figures["best"]) & (figures["best"] == figures["high"])
    admin1 = admin1_from_dataset_text(events["adm_1"])
    victims_text = (
        "deaths_a " + events["deaths_a"].astype(str) + " (" + events["side_a"] + "), deaths_b "
        + events["deaths_b"].astype(str) + " (" + events["side_b"] + "), deaths_civilians "
        + events["deaths_civilians"].astype(str) + ", deaths_unknown " + events["deaths_unknown"].astype(str)
    )
    note = ("UCDP " + ("Candidate (provisional)" if is_candidate else "GED") + "; code_status: "
            + events["code_status"].fillna("none") + "; sources: " + events["source_office"].fillna("none"))
    return assemble_claims(
        claim_id="ucdp-" + release_slug + "-" + events["id"].astype(str),
        dataset="UCDP",
        dataset_event_id=events["id"].astype(str),
        source_file=Path(path).name,
        source_row=events["source_row"],
        claimant=claimant,
        outlet="UCDP",
        published_text=f"UCDP GED {release}",
        published_date=pd.NaT,
        published_precision="unknown",
        incident_date_text=_interval_text(events["date_start"], events["date_end"]),
        incident_date_start=events["date_start"],
        incident_date_end=events["date_end"],
        incident_date_precision=events["date_prec"].map(DATE_PREC_PRECISION),
        date_widening_days=0,
        place_text=events["where_coordinates"],
        admin_region_text=events["adm_1"],
        admin1=admin1["admin1"],
        admin1_code=admin1["admin1_code"],
        latitude=events["latitude"],
        longitude=events["longitude"],
        location_precision="UCDP where_prec " + events["where_prec"].astype(str),
        location_level=events["where_prec"].map(WHERE_PREC_LEVEL),
        location_radius_km=events["where_prec"].map(WHERE_PREC_RADIUS_KM),
        figure_text=(
            "UCDP best " + events["best"].astype(str) + ", low " + events["low"].astype(str)
            + ", high " + events["high"].astype(str)
        ),
        low=figures["low"],
        best=figures["best"],
        high=figures["high"],
        qualifier=np.where(exact, "exact", "range"),
        victims_text=victims_text,
        victim_status=ucdp_victim_status(events),
        deaths_side_a=events["deaths_a"],
        deaths_side_b=events["deaths_b"],
        deaths_civilians=events["deaths_civilians"],
        deaths_unknown=events["deaths_unknown"],
        perpetrator_text=events["side_a"].where(one_sided, events["dyad_name"]),
        actor_names=[events["side_a"], events["side_b"].where(~one_sided)],
        event_type=events["type_of_violence"].map(TYPE_OF_VIOLENCE),
        note=note,
    )


SPEC = DatasetSpec(
    name="UCDP",
    file_kind="a UCDP GED file",
    reader="read_ucdp_ged",
    layouts={"GED": UCDP_GED_COLUMNS},
    signature=("relid", "best", "deaths_a"),
    id_column="id",
    country_column="country_id",
    country_code=MALI_COUNTRY_ID,
    schema=UcdpEventSchema,
    to_claims=ucdp_claims,
    release=lambda path, events, sidecar_release: sidecar_release or release_from_file_name(path),
    sidecar_key="release",
    # everything else is text: some *_dset_id and gwno columns hold lists
    # ("72, 101") or are empty, and active_year is "true"/"false" or 1/0.
    integer_columns=(
        "id", "year", "type_of_violence", "conflict_new_id", "dyad_new_id",
        "side_a_new_id", "side_b_new_id", "number_of_sources", "where_prec",
        "priogrid_gid", "country_id", "event_clarity", "date_prec", "deaths_a",
        "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    ),
    float_columns=("latitude", "longitude"),
    date_columns=("date_start", "date_end"),
    date_formats=("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"),
    check_columns={
        "best_is_sum_of_deaths_by_side": ("best", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"),
        "low_le_best_le_high": ("low", "best", "high"),
        "inside_mali": ("latitude", "longitude"),
        "date_start_le_date_end": ("date_start", "date_end"),
    },
)
