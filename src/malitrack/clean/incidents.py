"""The incidents register (``data/raw/incidents.csv``) and one clean row per incident."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from malitrack import schemas
from malitrack.errors import InputFileError
from malitrack.reference import INCIDENTS_FILE, Reference


def load_incident_register(raw_dir: Path) -> pd.DataFrame:
    """``data/raw/incidents.csv``, validated; an error naming the file if it is broken."""
    return incident_register(Reference.load(raw_dir))


def incident_register(reference: Reference) -> pd.DataFrame:
    """The incidents register of ``reference``, validated; an error naming the file if it is broken."""
    path = reference.path(INCIDENTS_FILE)
    table = reference.incidents
    try:
        return schemas.RawIncidents.validate(table, lazy=True)
    except pa.errors.SchemaErrors as error:
        first = error.failure_cases.iloc[0]
        row = None if pd.isna(first["index"]) else int(first["index"]) + 2
        raise InputFileError(path, f"{len(error.failure_cases)} problem(s), first: {first['check']}: {first['failure_case']!r}", row=row, column=first["column"]) from error


def derive_incidents(claims: pd.DataFrame, register: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """One row per incident with clean claims: date, place, type.

    Date: the interval most claims give (ties: the narrowest, then the
    earliest; an open end counts as widest). Place, region and coordinates:
    the incident's main place in the gazetteer links (``malitrack.parse.places``);
    when that place has no region, the region its claims state; when its claims
    state different regions the place is ambiguous and the region stays empty
    (never the most frequent one: hampey-dioura-2025-01-02, Ségou or Mopti).
    Type, title and aggregates: the incidents register. Links and gazetteer
    come from ``reference``, the raw tree being cleaned.
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
    # claims that name different regions make the place ambiguous: no region rather than the most frequent one
    stated = stated[~stated["incident_id"].duplicated(keep=False)]
    stated = stated.set_index("incident_id")[["admin1", "admin1_code"]]

    places = incident_main_places(reference).set_index("incident_id")
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


def incident_admin1_from_places(incident_ids, reference: Reference) -> dict[str, tuple[str, str]]:
    """Region of each incident's main place, as a fallback for claims that name none."""
    from malitrack.parse.places import incident_main_places

    main = incident_main_places(reference).dropna(subset=["admin1"])
    wanted = set(incident_ids)
    return {
        row.incident_id: (row.admin1, row.admin1_code)
        for row in main.itertuples(index=False)
        if row.incident_id in wanted
    }

