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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from malitrack.importers.base import ImportResult
from malitrack.schemas import dataset_claim_columns

EARTH_RADIUS_KM = 6371.0088

# gazetteer coord_precision -> radius (km) of the incident point's uncertainty
INCIDENT_RADIUS_KM = {"village": 0.0, "exact point": 0.0, "town centroid": 5.0, "approximate": 50.0}


@dataclass
class MatchResult:
    """Links between dataset events and incidents, and what stayed unlinked."""

    links: pd.DataFrame
    unmatched_events: pd.DataFrame
    unmatched_incidents: pd.DataFrame


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
    ordered = [c for c in dataset_claim_columns() if c in merged.columns] + ["match_score", "match_reason"]
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
