"""Where sources disagree about one incident: counts, labels and blame.

Pure functions over the clean claims frame (one row per claim, see
``malitrack.clean.load.load_claims``). Claims as intervals, independent
claims and what counts toward a toll: :mod:`malitrack.analysis.claims`;
selection rules: :mod:`malitrack.analysis.tolls`; blame:
:mod:`malitrack.analysis.attribution`; revisions:
:mod:`malitrack.analysis.revisions`; grades: :mod:`malitrack.analysis.grades`.

Method
------
**Count conflict.** Two claims conflict when their intervals cannot both be
true. Sources round ("29" against "over 30" at Amassine) and tolls move by a
body or two within a day, so ``count_conflict`` requires the highest low to
exceed the lowest high by more than ``tolerance`` (10 % by default);
``intervals_disjoint`` is the strict test. ``max_min_ratio`` is the highest
point figure over the lowest. Only claims that may describe the same dead
are compared: counts of soldiers and counts of armed-group fighters never
are (a civilian count is compared with both, since "terroristes" may be
another name for the same dead), so ``max_min_ratio`` can be smaller than
``point_max / point_min``. A claimant who counts both the victims and the
attackers (Tessit 2022: the army's 42 soldiers and 37 "terroristes
neutralisés") gives two counts of different people; the attackers' count is
left out of comparisons and tolls. A denial ("aucun mort", flagged by the
figure parser, or a stated 0) conflicts with any count (``denied``) but
never becomes an incident's toll or the bottom of ``max_min_ratio``.
Partial-scope figures (``scope`` not whole) never set ``low_min``.

**Victim-status conflict.** Some claimants call the dead civilians, others
members of an armed group (Amassine: the CSP's "over 30" civilians against a
security source's "29" terrorists). Labels are read on every row, copies
included. Claims describe different dead, and do not conflict, when one
organisation gives both labels or when both name perpetrators with none in
common. ``civilian_figure`` and ``armed_group_figure`` are the highest
figure on each side (point figure, or a range's low), and
``contested_status_deaths``, the number both sides say died but label
differently, is the smaller of the two. :func:`status_conflict_counts` is
the one count of them that summaries and charts print.

**Attribution conflict**: see :mod:`malitrack.analysis.attribution`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from malitrack.analysis.attribution import (
    actor_register,
    actors,
    attribution_conflict,
    main_perpetrators,
)
from malitrack.analysis.claims import (
    KEY,
    aggregate_columns,
    claim_intervals,
    claimant_key,
    count_claims,
    counts_toward_toll,
    independent_claims,
    to_count,
)
from malitrack.analysis.revisions import _revised, toll_drift, toll_revisions
from malitrack.vocab import BELLIGERENT_TYPES, COMBATANT_STATUSES, NON_BELLIGERENT_TYPES, STATE_STATUSES

__all__ = [
    "BELLIGERENT_TYPES", "NON_BELLIGERENT_TYPES", "COMBATANT_STATUSES", "STATE_STATUSES",
    "attribution_matrix", "claim_intervals", "claimant_key", "claimant_type_bias", "incident_disagreement",
    "independent_claims", "status_conflict_counts", "toll_drift", "toll_revisions",
]


def _status_conflict(rows: list[tuple]) -> tuple[bool, float, float]:
    """Do civilian-labelled and armed-group-labelled claims describe the same dead, and how many?

    ``rows`` are (claimant_key, victim_status, actors, figure, counts, ...)
    for every claim of one incident and outcome; ``figure`` is the point
    figure, or the lower bound of a range. Two claims describe different
    dead, and so do not conflict, when one organisation gives both labels (an
    army toll of soldiers, civilians and "terroristes") or when both name
    perpetrators and none in common (villagers killed by JNIM, attackers
    killed by the army). Returns the conflict and the highest figure on each
    side (civilian, armed group; NaN when unknown).
    """
    civilian = [r for r in rows if r[1] == "civilian"]
    combatant = [r for r in rows if r[1] in COMBATANT_STATUSES]
    both_labels = {r[0] for r in civilian} & {r[0] for r in combatant}
    civilian = [r for r in civilian if r[0] not in both_labels]
    combatant = [r for r in combatant if r[0] not in both_labels]
    pairs = [(c, a) for c in civilian for a in combatant if not c[2] or not a[2] or c[2] & a[2]]
    if not pairs:
        return False, np.nan, np.nan
    civilian_figures = [c[3] for c, _ in pairs if c[4] and c[3] > 0]
    combatant_figures = [a[3] for _, a in pairs if a[4] and a[3] > 0]
    return True, max(civilian_figures, default=np.nan), max(combatant_figures, default=np.nan)


def incident_disagreement(claims: pd.DataFrame, tolerance: float = 0.1) -> pd.DataFrame:
    """One row per incident and outcome saying how and how much the sources disagree.

    Columns: incident_id, outcome, n_claims (rows), n_independent_claims
    (wire copies and one organisation's repeated statements collapsed,
    figureless claims included), n_count_claims (independent claims with a
    whole-incident figure), n_claimant_types, low_min, high_max (Int64;
    high_max NA when any claim is open-ended), point_min, point_max,
    max_min_ratio, intervals_disjoint, count_conflict, denied,
    victim_statuses, status_conflict, civilian_figure and armed_group_figure
    (the highest figure on each side of a status conflict),
    contested_status_deaths, perpetrators_blamed (every actor named),
    main_perpetrators (see :mod:`malitrack.analysis.attribution`),
    attribution_conflict, revised.

    >>> table = incident_disagreement(load_claims())  # doctest: +SKIP
    >>> table.query("incident_id == 'amassine-2024-05-19' and outcome == 'killed'")  # doctest: +SKIP
    """
    independent = independent_claims(claims)
    independent["_counts"] = counts_toward_toll(independent)
    counted = independent[independent["_counts"]]
    counted = counted.assign(positive=counted["point"].where(~counted["denial"]))
    # a denial is no low: low_min is the lowest figure of a claim that deaths happened
    counted = counted.assign(positive_lower=counted["lower"].where(~counted["denial"]))
    ranges = aggregate_columns(
        counted.groupby(KEY, sort=True),
        n_count_claims=("point", "size"),
        low_min=("positive_lower", "min"),
        high_max=("upper", "max"),
        point_min=("positive", "min"),
        point_max=("positive", "max"),
        denied=("denial", "any"),
    )
    table = aggregate_columns(
        independent.groupby(KEY, sort=True),
        n_claims=("n_copies", "sum"),
        n_independent_claims=("claimant_key", "size"),
        n_claimant_types=("claimant_type", "nunique"),
    ).join(ranges)
    table["n_count_claims"] = table["n_count_claims"].fillna(0).astype("int64")
    table["denied"] = table["denied"].fillna(False).to_numpy(dtype=bool)
    # soldiers' and attackers' counts describe different dead: compare claims within each view
    disjoint, conflict, ratio = [], [], []
    for excluded in (COMBATANT_STATUSES, STATE_STATUSES):
        view = aggregate_columns(
            counted[~counted["victim_status"].isin(excluded)].groupby(KEY, sort=True),
            highest_low=("lower", "max"), lowest_high=("upper", "min"),
            point_min=("positive", "min"), point_max=("positive", "max"),
        ).reindex(table.index)
        disjoint.append(view["highest_low"] > view["lowest_high"])
        conflict.append(view["highest_low"] > view["lowest_high"] * (1 + tolerance))
        ratio.append(view["point_max"] / view["point_min"])
    table["max_min_ratio"] = pd.concat(ratio, axis=1).max(axis=1).astype("Float64")
    table["intervals_disjoint"] = (disjoint[0] | disjoint[1]).to_numpy(dtype=bool)
    table["count_conflict"] = (conflict[0] | conflict[1]).to_numpy(dtype=bool)

    # labels and blame are read on every row: a copy may carry its own words for the dead
    every_row = claim_intervals(claims)
    every_row["_counts"] = counts_toward_toll(every_row)
    asserted = every_row["point"].fillna(every_row["lower"])
    dates = (
        pd.to_datetime(every_row["incident_date_start"]) if "incident_date_start" in every_row
        else pd.Series(pd.NaT, index=every_row.index)
    )
    records: dict[tuple, list[tuple]] = {}
    incident_day: dict[tuple, object] = {}
    for incident_id, outcome, key, status, perpetrators, figure, counts, partial, enemy_side, day in zip(
        every_row["incident_id"], every_row["outcome"], every_row["claimant_key"], every_row["victim_status"],
        every_row["perpetrators"].astype(object), asserted, every_row["_counts"], every_row["partial_scope"],
        every_row["enemy_side"], dates,
    ):
        records.setdefault((incident_id, outcome), []).append(
            (key, status, actors(perpetrators), figure, counts, partial, enemy_side)
        )
        if pd.notna(day):
            incident_day[(incident_id, outcome)] = min(day, incident_day.get((incident_id, outcome), day))
    register = actor_register()
    labels = []
    for key in table.index:
        rows = records[key]
        statuses = sorted({r[1] for r in rows if isinstance(r[1], str)} - {"unspecified", "mixed"})
        sides = [[r[2] for r in rows if not r[5] and r[6] == side] for side in (False, True)]
        sets = [r[2] for r in rows]
        conflict, civilian_figure, armed_group_figure = _status_conflict(rows)
        day = incident_day.get(key)
        labels.append(
            {
                "victim_statuses": "; ".join(statuses) or None,
                "status_conflict": conflict,
                "civilian_figure": civilian_figure,
                "armed_group_figure": armed_group_figure,
                "perpetrators_blamed": "; ".join(sorted(frozenset().union(*sets))) or None,
                "main_perpetrators": main_perpetrators(rows, register),
                "attribution_conflict": any(attribution_conflict(side, register, day) for side in sides),
            }
        )
    label_columns = ["victim_statuses", "status_conflict", "civilian_figure", "armed_group_figure",
                     "perpetrators_blamed", "main_perpetrators", "attribution_conflict"]
    table = table.join(pd.DataFrame(labels, index=table.index, columns=label_columns))
    # the deaths both sides report but label differently (NaN unless both sides give a figure)
    table["contested_status_deaths"] = np.minimum(table["civilian_figure"], table["armed_group_figure"])
    table["revised"] = _revised(independent).reindex(table.index, fill_value=False).to_numpy(dtype=bool)
    for column in (
        "low_min", "high_max", "point_min", "point_max", "civilian_figure", "armed_group_figure",
        "contested_status_deaths",
    ):
        table[column] = to_count(table[column])
    for column in ("victim_statuses", "perpetrators_blamed", "main_perpetrators"):
        table[column] = table[column].astype("str")
    columns = [
        "n_claims", "n_independent_claims", "n_count_claims", "n_claimant_types", "low_min", "high_max",
        "point_min", "point_max", "max_min_ratio", "intervals_disjoint", "count_conflict", "denied", "victim_statuses",
        "status_conflict", "civilian_figure", "armed_group_figure", "contested_status_deaths",
        "perpetrators_blamed", "main_perpetrators", "attribution_conflict", "revised",
    ]
    return table[columns].reset_index()


def status_conflict_counts(disagreement: pd.DataFrame) -> dict[str, int]:
    """The status-conflict numbers a summary and its chart both print, from one place.

    ``n_conflicts``: incidents (and outcomes) where some call the dead
    civilians and others fighters; ``n_with_both_figures``: those with a
    figure on each side (the ones a chart can draw); ``contested_deaths``:
    the deaths counted by both sides but labelled differently, summed over
    the latter.
    """
    conflicts = disagreement[disagreement["status_conflict"]]
    both = conflicts["civilian_figure"].notna() & conflicts["armed_group_figure"].notna()
    return {
        "n_conflicts": int(len(conflicts)),
        "n_with_both_figures": int(both.sum()),
        "contested_deaths": int(conflicts.loc[both, "contested_status_deaths"].sum()),
    }


def _side(status: str) -> str:
    if status in COMBATANT_STATUSES:
        return "fighters"
    return "soldiers" if status in STATE_STATUSES else "any"


def claimant_type_bias(claims: pd.DataFrame, outcome: str = "killed") -> pd.DataFrame:
    """How each claimant type's figures compare with the other claims on the same incidents.

    For each incident and claimant type: the type's median point figure over
    the median point figure of the other types' independent claims that may
    count the same dead (soldiers' and attackers' counts are not compared;
    partial scope, denials and claims without a point figure left out).
    Summarised per claimant type: n_incidents, median_ratio, share_higher
    (ratio > 1), share_lower (ratio < 1), share_equal.

    >>> claimant_type_bias(load_claims()).loc["military", "median_ratio"]  # doctest: +SKIP
    """
    counts = count_claims(independent_claims(claims))
    counts = counts[(counts["outcome"] == outcome) & counts["point"].notna() & ~counts["denial"]]
    counts = counts.assign(side=counts["victim_status"].map(_side))
    # plain tuples: a few claims per incident, where pandas' per-group overhead would cost seconds
    by_incident: dict[str, list[tuple]] = {}
    for incident_id, claimant_type, point, side in zip(
        counts["incident_id"], counts["claimant_type"], counts["point"], counts["side"]
    ):
        by_incident.setdefault(incident_id, []).append((claimant_type, point, side))
    rows = []
    for incident_id in sorted(by_incident):
        group = by_incident[incident_id]
        for claimant_type in sorted({kind for kind, _, _ in group}):
            others = [(point, side) for kind, point, side in group if kind != claimant_type]
            ratios = []
            for _, point, side in (claim for claim in group if claim[0] == claimant_type):
                comparable = [other for other, other_side in others if side in (other_side, "any") or other_side == "any"]
                if comparable:
                    ratios.append(point / float(np.median(comparable)))
            if ratios:
                rows.append((incident_id, claimant_type, float(np.median(ratios))))
    ratios = pd.DataFrame(rows, columns=["incident_id", "claimant_type", "ratio"])
    summary = ratios.groupby("claimant_type").agg(
        n_incidents=("incident_id", "nunique"),
        median_ratio=("ratio", "median"),
        share_higher=("ratio", lambda r: float((r > 1).mean())),
        share_lower=("ratio", lambda r: float((r < 1).mean())),
        share_equal=("ratio", lambda r: float((r == 1).mean())),
    )
    return summary.sort_values("median_ratio")


def attribution_matrix(claims: pd.DataFrame, only_conflicts: bool = False, outcome: str | None = None) -> pd.DataFrame:
    """Claimant types (rows) by the actor they blame (columns): number of incidents.

    A cell counts the incidents in which at least one claim of that type
    named that actor among the perpetrators. With ``only_conflicts``, only
    incidents with an attribution conflict are counted.

    >>> attribution_matrix(load_claims(), only_conflicts=True)  # doctest: +SKIP
    """
    frame = claims if outcome is None else claims[claims["outcome"] == outcome]
    frame = frame[frame["perpetrators"].notna()]
    if only_conflicts:
        table = incident_disagreement(claims)
        conflicted = set(table.loc[table["attribution_conflict"], "incident_id"])
        frame = frame[frame["incident_id"].isin(conflicted)]
    blamed = frame.assign(actor=frame["perpetrators"].astype("str").str.split(";")).explode("actor")
    blamed["actor"] = blamed["actor"].str.strip()
    blamed = blamed[blamed["actor"] != ""].drop_duplicates(["incident_id", "claimant_type", "actor"])
    matrix = pd.crosstab(blamed["claimant_type"], blamed["actor"])
    matrix.columns.name = "blamed"
    return matrix
