"""One toll per incident under a documented selection rule.

malitrack keeps every claim, so a single toll per incident is a *view*, and
several documented views are offered rather than one hidden choice
(data/raw/REFERENCE_README.md). Only figures that count toward a toll enter
(see :func:`malitrack.analysis.claims.counts_toward_toll`: whole scope,
victims' counts, no denial).

- ``conservative``: the independent claim with the lowest point figure, with
  its own interval. This is ACLED's rule: "the most conservative estimate
  available" when sources differ (ACLED Codebook, fatalities).
- ``median_nonbelligerent`` (the default, malitrack's consensus view): the
  median of the point figures (and of the lows and highs) of claims by
  non-belligerent claimant types: ``un``, ``ngo``, ``media``,
  ``local_official``, ``community``. Belligerent types, parties to the
  fighting with a stake in the toll, are ``military``, ``government``,
  ``armed_group`` and ``foreign_military``; ``unknown`` (anonymous "sources
  sécuritaires") is in neither set. Close in spirit to UCDP GED's ``best``
  ("the most reliable" estimate, UCDP GED Codebook) and to Airwars' practice
  of keeping the belligerent's statement beside independent ones.
- ``maximum``: the claim with the highest point figure, with its interval.
- ``envelope``: lowest low and highest high over all independent claims
  (high NA when any claim is open-ended); its ``best`` is the median of all
  point figures. This is Iraq Body Count's minimum-maximum convention, and
  UCDP's low/high.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from malitrack.analysis.claims import (
    KEY,
    aggregate_columns,
    count_claims,
    independent_claims,
    to_count,
)
from malitrack.vocab import NON_BELLIGERENT_TYPES, SELECTION_RULES


def _rule_tolls(counts: pd.DataFrame, rule: str) -> pd.DataFrame:
    """lower, point, upper and n_claims_used per incident and outcome under one rule."""
    counts = counts[~counts["denial"]]
    if rule == "median_nonbelligerent":
        counts = counts[counts["claimant_type"].isin(NON_BELLIGERENT_TYPES)]
    slim = counts[KEY + ["lower", "point", "upper"]]
    grouped = slim.groupby(KEY, sort=True)
    n_used = grouped.size().rename("n_claims_used")
    if rule in ("conservative", "maximum"):
        with_point = slim[slim["point"].notna()]
        by_point = with_point.groupby(KEY, sort=True)["point"]
        chosen = slim.loc[by_point.idxmin() if rule == "conservative" else by_point.idxmax()].set_index(KEY)
        # incidents known only by ranges or upper bounds: their outer bounds, no best
        fallback = aggregate_columns(grouped, lower=("lower", "min"), upper=("upper", "min" if rule == "conservative" else "max"))
        tolls = chosen.combine_first(fallback.assign(point=np.nan))
    elif rule == "median_nonbelligerent":
        tolls = grouped.median()
    else:  # envelope
        tolls = aggregate_columns(grouped, lower=("lower", "min"), point=("point", "median"), upper=("upper", "max"))
    return tolls[["lower", "point", "upper"]].join(n_used)


def check_rule(rule: str) -> None:
    if rule not in SELECTION_RULES:
        raise ValueError(f"unknown selection rule {rule!r}; choose one of {', '.join(SELECTION_RULES)}")


def incident_tolls(claims: pd.DataFrame, rule: str = "median_nonbelligerent", grades: bool = True) -> pd.DataFrame:
    """One toll per incident and outcome under a documented selection rule.

    ``rule`` is one of ``conservative`` (ACLED), ``median_nonbelligerent``,
    ``maximum`` or ``envelope`` (see the module docstring). Returns
    incident_id, outcome, low, best, high (Int64; high NA = open-ended; NA
    when no claim under the rule gives a figure), n_claims_used, rule,
    aggregate (True when every claim of the incident is flagged as an
    aggregate of other incidents) and, with ``grades``, grade (the
    corroboration grade of :func:`malitrack.analysis.grades.incident_grades`,
    shown beside every toll).

    >>> tolls = incident_tolls(load_claims(), rule="conservative")  # doctest: +SKIP
    """
    check_rule(rule)
    independent = independent_claims(claims)
    tolls = tolls_of_independent(independent, rule)
    if grades:
        from malitrack.analysis.grades import incident_grades  # grades build on the disagreement table, which imports this module

        graded = incident_grades(claims, independent=independent)[KEY + ["grade"]]
        tolls = tolls.merge(graded, on=KEY, how="left")
    return tolls


def tolls_of_independent(independent: pd.DataFrame, rule: str) -> pd.DataFrame:
    """:func:`incident_tolls` from claims already passed through :func:`independent_claims`.

    For callers that need the tolls under several rules: the wire copies are
    collapsed once.
    """
    aggregate = independent.groupby(KEY, sort=True)["aggregate"].all()
    tolls = _rule_tolls(count_claims(independent), rule)
    tolls = tolls.rename(columns={"lower": "low", "point": "best", "upper": "high"})
    tolls = aggregate.rename("aggregate").to_frame().join(tolls).reset_index()
    for column in ("low", "best", "high"):
        tolls[column] = to_count(tolls[column])
    tolls["n_claims_used"] = tolls["n_claims_used"].fillna(0).astype("int64")
    tolls["rule"] = rule
    return tolls[KEY + ["low", "best", "high", "n_claims_used", "rule", "aggregate"]]
