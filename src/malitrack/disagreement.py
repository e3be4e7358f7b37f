"""Where sources disagree about one incident: counts, labels, blame and revisions.

Pure functions over the clean claims frame (one row per claim, see
``malitrack.dataset.load_claims``); nothing here reads a file.

Method
------
**Claims as intervals.** Each claim's figure is the interval [low, high] made
by the figure parser; ``high`` NA means open-ended ("au moins 500"), so its
upper bound is infinite. A claim's *point figure* is its ``best``; for an
open-ended claim without one, its ``low`` (the least the claimant asserts).
Ranges and upper bounds without a best ("entre 200 et 400", "jusqu'à 300")
have no point figure: they enter the intervals and the envelope, not the
point-based rules and ratios. Claims with no number (qualifier ``none``, ``unparsed``, or a vague word with
no bound) still count as claims about *who* died and *who* did it, never as
counts: unknown is not zero.

**Independent claims.** The same RFI or AFP text is republished by many
outlets, one row each (see the ``NOTES_*.md`` files beside the raw claims).
Copies are collapsed on incident + outcome + normalised claimant (see
:func:`claimant_key`: "Malian army (via RFI)" and "Malian army" are one
voice) + point figure (interval for figures without one). The earliest
published copy represents the group; ``n_copies`` and ``n_outlets`` say how
many rows and outlets repeated it.

**Partial-scope and aggregate claims.** A figure whose note says it covers
only part of the incident ("scope: Aklaz only", "separate from executions")
is not in disagreement with a whole-incident figure: such claims are kept in
the timelines but left out of counts, envelopes and selection rules. Notes
that mark a figure as an aggregate of several incidents ("aggregate", "do not
add", "both attacks combined") flag the claim with ``aggregate``; trends leave
those out so nothing is counted twice.

**Selection rules** (:func:`incident_tolls`). malitrack keeps every claim, so
a single toll per incident is a *view*, and several documented views are
offered rather than one hidden choice (data/raw/REFERENCE_README.md):

- ``conservative``: the independent claim with the lowest point figure, with
  its own interval. This is ACLED's rule: "the most conservative estimate
  available" when sources differ (ACLED Codebook, fatalities).
- ``median_nonbelligerent``: the median of the point figures (and of the lows
  and highs) of claims by non-belligerent claimant types: ``un``, ``ngo``,
  ``media``, ``local_official``, ``community``. Belligerent types, parties to
  the fighting with a stake in the toll, are ``military``, ``government``,
  ``armed_group`` and ``foreign_military``; ``unknown`` (anonymous "sources
  sécuritaires") is in neither set. Close in spirit to UCDP GED's ``best``
  ("the most reliable" estimate, UCDP GED Codebook) and to Airwars' practice
  of keeping the belligerent's statement beside independent ones.
- ``maximum``: the claim with the highest point figure, with its interval.
- ``envelope``: lowest low and highest high over all independent claims
  (high NA when any claim is open-ended); its ``best`` is the median of all
  point figures. This is Iraq Body Count's minimum-maximum convention, and
  UCDP's low/high.

**Count conflict.** Two claims conflict when their intervals cannot both be
true. Sources round ("29" against "over 30" at Amassine) and tolls move by a
body or two within a day, so ``count_conflict`` requires the highest low to
exceed the lowest high by more than ``tolerance`` (10 % by default);
``intervals_disjoint`` is the strict test. ``max_min_ratio`` is the highest
point figure over the lowest.

**Victim-status conflict.** Some claimants call the dead civilians, others
members of an armed group (Amassine: the CSP's "over 30" civilians against a
security source's "29" terrorists). Labels are read on every row, copies
included. Claims describe different dead, and do not conflict, when one
claimant gives both labels or when both name perpetrators with none in
common. ``contested_status_deaths`` is the number both sides say died but
label differently: the smaller of the highest lower bound among
civilian-labelled claims and among armed-group-labelled ones.

**Attribution conflict.** Two claims name perpetrators with no actor in common
(Gossi 2022: Mali blames France, France blames Wagner). A claim that names
nobody does not conflict with anyone.

**Revisions.** A claimant revises when its figure changes over time: the same
normalised claimant gives different point figures on different dates, or
the note says the figure revised or superseded another. Rows are ordered by
a *stage* read from notes and claimant labels ("first toll", "initial",
"provisional" before unmarked, "revised", "final", "superseded by" marks an
earlier figure), then by publication date. Sobane Da: the government's
provisional 95 became a final 35; Tessit 2022: 4 → 17 → 42.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

BELLIGERENT_TYPES = ("military", "government", "armed_group", "foreign_military")
NON_BELLIGERENT_TYPES = ("un", "ngo", "media", "local_official", "community")
COMBATANT_STATUSES = ("armed_group",)
SELECTION_RULES = ("conservative", "median_nonbelligerent", "maximum", "envelope")

PARTIAL_SCOPE_NOTE = re.compile(r"scope:[^;]*\bonly\b|\bseparate from\b", re.IGNORECASE)
AGGREGATE_NOTE = re.compile(r"\baggregate\b|\bdo not add\b|both attacks combined", re.IGNORECASE)
BACKGROUND_NOTE = re.compile(r"\bbackground\b", re.IGNORECASE)
# the claims notes flag an outlet's rewriting errors in capitals
DRIFT_NOTE = re.compile(r"DRIFT\b|INCONSISTENT ATTRIBUTION|\boutlet attributes\b")
EARLY_STAGE = re.compile(
    r"\bfirst (?:\w+ )?(?:toll|figure|report)\b|\binitial\b|\bearlier toll\b|\bsuperseded\b"
    r"|\blater (?:cut|revised|raised|lowered|\d)|\bpremier bilan\b",
    re.IGNORECASE,
)
PROVISIONAL_STAGE = re.compile(r"\b(?:provisional|provisoire|preliminary)\b", re.IGNORECASE)
LATE_STAGE = re.compile(
    r"\brevised\b|\brevision\b|\bfinal (?:toll|count|figure)\b|\(final\b|\bupdated\b|\bdernier bilan\b"
    r"|\bbilan définitif\b",
    re.IGNORECASE,
)
REVISION_NOTE = re.compile(
    r"\brevised\b|\brevision\b|\bsuperseded\b|\blater cut\b|\bfirst (?:army )?toll\b|\bearlier toll\b",
    re.IGNORECASE,
)
_RELAY = re.compile(
    r"\((?:[^()]*)\)|\[(?:[^\[\]]*)\]"  # parenthetical glosses: "(via RFI)", "(8 Aug)"
    r"|\b(?:via|per|to|according to|selon|as relayed|as quoted by)\b.*$",
    re.IGNORECASE,
)
_GENERIC_WORDS = re.compile(
    r"\b(communiqu[ée]|statement|general staff|spokesman|spokesperson)\b",
    re.IGNORECASE,
)

KEY = ["incident_id", "outcome"]


def claimant_key(claimant: str) -> str:
    """Normalise a claimant's name so copies and revisions of one voice group together.

    Lower case, accents removed, glosses in brackets and relay tails ("via
    RFI", "per Anadolu", "to AFP") dropped, generic words ("communiqué",
    "statement", "officials") dropped, and only the first of "A / B".

    >>> claimant_key("Malian army communiqué (8 Aug)")
    'malian army'
    >>> claimant_key("Malian army (via RFI)")
    'malian army'
    >>> claimant_key("Malian army / transitional government (revised toll, nominative list)")
    'malian army'
    """
    text = unicodedata.normalize("NFKD", str(claimant))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _RELAY.sub(" ", text)
    text = text.split(" / ")[0]
    text = _GENERIC_WORDS.sub(" ", text)
    text = re.sub(r"[^\w\s'-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _note(claims: pd.DataFrame) -> pd.Series:
    return claims["note"].astype("str").fillna("") if "note" in claims else pd.Series("", index=claims.index)


def claim_intervals(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with the columns the analysis works on.

    Adds ``claimant_key``; ``lower``/``upper`` (float, ``upper`` = inf when
    open-ended, NaN when unknown); ``point`` (best, else low when open-ended);
    ``has_figure``; ``vague`` (qualifier vague); ``partial_scope``,
    ``aggregate``, ``background`` and ``drift`` (an outlet's rewriting error,
    flagged in capitals in the note: "ATTRIBUTION DRIFT"); ``revision_stage``
    (0 first/initial, 1 provisional, 2 unmarked, 3 revised/final);
    ``enemy_side`` (the claim counts armed-group dead, e.g. an army's
    "terroristes neutralisés", a series of its own for revisions).

    >>> row = {"claimant": "CSP", "low": 31, "best": 31, "high": None, "qualifier": "more_than",
    ...        "victim_status": "civilian", "note": None}
    >>> frame = pd.DataFrame([row]).astype({"low": "Int64", "best": "Int64", "high": "Int64"})
    >>> claim_intervals(frame)[["lower", "point", "upper"]].values.tolist()
    [[31.0, 31.0, inf]]
    """
    out = claims.copy()
    low = out["low"].astype("Float64")
    best = out["best"].astype("Float64")
    high = out["high"].astype("Float64")
    point = best.fillna(low.where(high.isna()))
    has_figure = low.notna() | best.notna() | high.notna()
    out["claimant_key"] = out["claimant"].map(claimant_key).astype("str")
    out["point"] = point.to_numpy(dtype=float, na_value=np.nan)
    out["lower"] = low.fillna(point).to_numpy(dtype=float, na_value=np.nan)
    upper = high.to_numpy(dtype=float, na_value=np.nan)
    upper = np.where(np.isnan(upper) & has_figure.to_numpy(dtype=bool), np.inf, upper)
    out["upper"] = upper
    out["has_figure"] = has_figure.to_numpy(dtype=bool)
    note = _note(out)
    labels = note + " " + out["claimant"].astype("str")
    out["partial_scope"] = note.str.contains(PARTIAL_SCOPE_NOTE).to_numpy(dtype=bool)
    out["aggregate"] = note.str.contains(AGGREGATE_NOTE).to_numpy(dtype=bool)
    out["background"] = note.str.contains(BACKGROUND_NOTE).to_numpy(dtype=bool)
    out["drift"] = note.str.contains(DRIFT_NOTE).to_numpy(dtype=bool)
    early = labels.str.contains(EARLY_STAGE).to_numpy(dtype=bool)
    provisional = labels.str.contains(PROVISIONAL_STAGE).to_numpy(dtype=bool)
    superseded = note.str.contains(r"\bsuperseded\b", case=False).to_numpy(dtype=bool)
    late = labels.str.contains(LATE_STAGE).to_numpy(dtype=bool) & ~superseded
    out["revision_stage"] = np.select([late, early, provisional], [3, 0, 1], default=2)
    out["vague"] = (out["qualifier"].astype("str") == "vague").to_numpy(dtype=bool)
    out["enemy_side"] = out["victim_status"].isin(COMBATANT_STATUSES).to_numpy(dtype=bool)
    return out


def _figure_key(frame: pd.DataFrame) -> pd.Series:
    """Point figure, or the interval when there is no point; label and blame for empty claims."""
    point = frame["point"].map(lambda v: "" if np.isnan(v) else f"{v:g}")
    interval = frame["lower"].map(lambda v: "" if np.isnan(v) else f"{v:g}") + "-" + frame["upper"].map(
        lambda v: "" if np.isnan(v) else f"{v:g}"
    )
    empty = "none|" + frame["victim_status"].astype("str").fillna("") + "|" + frame["perpetrators"].astype("str").fillna("")
    return pd.Series(np.where(frame["has_figure"], np.where(point != "", point, interval), empty), index=frame.index)


def independent_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Collapse wire copies: one row per incident, outcome, claimant and figure.

    The earliest-published copy (then the first in file order) stands for the
    group; ``n_copies`` counts the rows and ``n_outlets`` the distinct outlets
    that carried it.

    >>> rows = [
    ...     {"incident_id": "x", "outcome": "killed", "claimant": "HRW", "outlet": "AP", "published_date": None,
    ...      "low": 300, "best": 300, "high": 300, "victim_status": "civilian", "perpetrators": None, "note": None},
    ...     {"incident_id": "x", "outcome": "killed", "claimant": "HRW (via AFP)", "outlet": "IBTimes", "published_date": None,
    ...      "low": 300, "best": 300, "high": 300, "victim_status": "civilian", "perpetrators": None, "note": None},
    ... ]
    >>> independent_claims(pd.DataFrame(rows))[["claimant", "n_copies", "n_outlets"]].values.tolist()
    [['HRW', 2, 2]]
    """
    frame = claim_intervals(claims)
    frame["_order"] = np.arange(len(frame))
    frame["_figure_key"] = _figure_key(frame)
    frame["_published"] = pd.to_datetime(frame["published_date"])
    group = KEY + ["claimant_key", "_figure_key"]
    frame = frame.sort_values(["_published", "_order"], na_position="last", kind="stable")
    counts = frame.groupby(group, sort=False, dropna=False).agg(
        n_copies=("_order", "size"), n_outlets=("outlet", "nunique")
    )
    first = frame.drop_duplicates(group, keep="first").set_index(group)
    first = first.join(counts).reset_index()
    return first.sort_values("_order").drop(columns=["_order", "_figure_key", "_published"]).reset_index(drop=True)


def _count_claims(independent: pd.DataFrame) -> pd.DataFrame:
    """Whole-incident figures; vague ones ("dozens", "plusieurs") only where no precise figure exists."""
    figures = independent[independent["has_figure"] & ~independent["partial_scope"]]
    precise_exists = (~figures["vague"]).groupby([figures[c] for c in KEY]).transform("any")
    return figures[~figures["vague"] | ~precise_exists]


def _nan_median(values: pd.Series) -> float:
    values = values.to_numpy(dtype=float)
    values = values[~np.isnan(values)]
    return float(np.median(values)) if len(values) else np.nan


def _rule_tolls(group: pd.DataFrame, rule: str) -> tuple[float, float, float, int]:
    if rule == "median_nonbelligerent":
        group = group[group["claimant_type"].isin(NON_BELLIGERENT_TYPES)]
    if group.empty:
        return np.nan, np.nan, np.nan, 0
    with_point = group[group["point"].notna()]
    if rule in ("conservative", "maximum"):
        if with_point.empty:  # only ranges or upper bounds: their outer bounds, no best
            upper = group["upper"].min() if rule == "conservative" else group["upper"].max()
            return group["lower"].min(), np.nan, upper, len(group)
        index = with_point["point"].idxmin() if rule == "conservative" else with_point["point"].idxmax()
        chosen = group.loc[index]
        return chosen["lower"], chosen["point"], chosen["upper"], len(group)
    if rule == "median_nonbelligerent":
        return _nan_median(group["lower"]), _nan_median(group["point"]), _nan_median(group["upper"]), len(group)
    return group["lower"].min(), _nan_median(group["point"]), group["upper"].max(), len(group)


def _to_count(values) -> pd.array:
    """Float tolls back to Int64 counts: inf (open-ended) and NaN become NA; medians round half up."""
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    whole = np.floor(np.where(finite, values, 0) + 0.5).astype("int64")
    return pd.arrays.IntegerArray(whole, mask=~finite)


def incident_tolls(claims: pd.DataFrame, rule: str = "median_nonbelligerent") -> pd.DataFrame:
    """One toll per incident and outcome under a documented selection rule.

    ``rule`` is one of ``conservative`` (ACLED), ``median_nonbelligerent``,
    ``maximum`` or ``envelope`` (see the module docstring). Returns
    incident_id, outcome, low, best, high (Int64; high NA = open-ended; NA
    when no claim under the rule gives a figure), n_claims_used, rule,
    aggregate (True when every claim of the incident is flagged as an
    aggregate of other incidents).

    >>> tolls = incident_tolls(load_claims(), rule="conservative")  # doctest: +SKIP
    """
    if rule not in SELECTION_RULES:
        raise ValueError(f"unknown selection rule {rule!r}; choose one of {', '.join(SELECTION_RULES)}")
    independent = independent_claims(claims)
    aggregate = independent.groupby(KEY, sort=True)["aggregate"].all()
    counts = _count_claims(independent)
    rows = []
    for key, group in counts.groupby(KEY, sort=True):
        rows.append((*key, *_rule_tolls(group, rule)))
    tolls = pd.DataFrame(rows, columns=KEY + ["low", "best", "high", "n_claims_used"])
    tolls = aggregate.rename("aggregate").reset_index().merge(tolls, on=KEY, how="left")
    for column in ("low", "best", "high"):
        tolls[column] = _to_count(tolls[column])
    tolls["n_claims_used"] = tolls["n_claims_used"].fillna(0).astype("int64")
    tolls["rule"] = rule
    return tolls[KEY + ["low", "best", "high", "n_claims_used", "rule", "aggregate"]]


def _statuses(group: pd.DataFrame) -> set[str]:
    return set(group["victim_status"].dropna().astype("str")) - {"unspecified", "mixed"}


def _actors(perpetrators) -> frozenset[str]:
    if pd.isna(perpetrators):
        return frozenset()
    return frozenset(part.strip() for part in str(perpetrators).split(";") if part.strip())


def _perpetrator_sets(group: pd.DataFrame) -> list[frozenset[str]]:
    return [_actors(text) for text in group["perpetrators"]]


def _status_conflict_pairs(group: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Civilian-labelled and armed-group-labelled claims that describe the same dead.

    Two claims describe different dead, and so do not conflict, when one
    claimant gives both labels (an army toll of soldiers, civilians and
    "terroristes") or when both name perpetrators and none in common
    (villagers killed by JNIM, attackers killed by the army).
    """
    civilian = group[group["victim_status"] == "civilian"]
    combatant = group[group["victim_status"].isin(COMBATANT_STATUSES)]
    both_labels = set(civilian["claimant_key"]) & set(combatant["claimant_key"])
    civilian = civilian[~civilian["claimant_key"].isin(both_labels)]
    combatant = combatant[~combatant["claimant_key"].isin(both_labels)]
    civilian_hit, combatant_hit = set(), set()
    for i, civ in civilian.iterrows():
        civ_actors = _actors(civ["perpetrators"])
        for j, arm in combatant.iterrows():
            arm_actors = _actors(arm["perpetrators"])
            if not civ_actors or not arm_actors or civ_actors & arm_actors:
                civilian_hit.add(i)
                combatant_hit.add(j)
    return civilian.loc[sorted(civilian_hit)], combatant.loc[sorted(combatant_hit)]


def _attribution_conflict(sets: list[frozenset[str]]) -> bool:
    sets = [s for s in sets if s]
    return any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1 :])


def _revision_steps(independent: pd.DataFrame) -> pd.DataFrame:
    """Each claimant's figures in order, with the previous figure of the same series.

    A series is one normalised claimant counting one side (armed-group dead
    apart from the rest). Within a series the stage decides the order
    (undated "initial" rows come first), then the date. A step is a revision
    when the figure changes and the order is known (different dates or
    stages); background mentions never count as revisions, and copies whose
    note flags a rewriting error (DRIFT) are left out.
    """
    steps = independent[independent["has_figure"] & ~independent["drift"]].copy()
    steps["_published"] = pd.to_datetime(steps["published_date"])
    series = KEY + ["claimant_key", "enemy_side"]
    steps = steps.sort_values(series + ["revision_stage", "_published"], na_position="last", kind="stable")
    grouped = steps.groupby(series, sort=False)
    steps["previous_point"] = grouped["point"].shift(1)
    previous_published = grouped["_published"].shift(1)
    previous_stage = grouped["revision_stage"].shift(1)
    order_known = (steps["revision_stage"] != previous_stage) | (
        steps["_published"].notna() & previous_published.notna() & (steps["_published"] != previous_published)
    )
    diff = steps["point"] - steps["previous_point"]
    steps["change"] = np.select(
        [steps["previous_point"].isna(), diff == 0, ~order_known, diff > 0],
        ["first", "same", "differs", "up"],
        default="down",
    )
    steps["is_revision"] = steps["change"].isin(["up", "down"]) & ~steps["background"]
    return steps


def _revised(independent: pd.DataFrame) -> pd.Series:
    """Per incident/outcome: does any claimant's figure change over time, or a note say it was revised?"""
    by_claimant = _revision_steps(independent).groupby(KEY)["is_revision"].any()
    by_note = independent.assign(_rev=_note(independent).str.contains(REVISION_NOTE)).groupby(KEY)["_rev"].any()
    return by_note | by_claimant.reindex(by_note.index, fill_value=False)


def incident_disagreement(claims: pd.DataFrame, tolerance: float = 0.1) -> pd.DataFrame:
    """One row per incident and outcome saying how and how much the sources disagree.

    Columns: incident_id, outcome, n_claims (rows), n_independent_claims
    (wire copies collapsed, figureless claims included), n_count_claims
    (independent claims with a whole-incident figure), n_claimant_types,
    low_min, high_max (Int64; high_max NA when any claim is open-ended),
    point_min, point_max, max_min_ratio, intervals_disjoint, count_conflict,
    victim_statuses, status_conflict, contested_status_deaths,
    perpetrators_blamed, attribution_conflict, revised.

    >>> table = incident_disagreement(load_claims())  # doctest: +SKIP
    >>> table.query("incident_id == 'amassine-2024-05-19' and outcome == 'killed'")  # doctest: +SKIP
    """
    independent = independent_claims(claims)
    revised = _revised(independent)
    # labels and blame are read on every row: a copy may carry its own words for the dead
    all_rows = dict(iter(claim_intervals(claims).groupby(KEY, sort=True)))
    rows = []
    for key, group in independent.groupby(KEY, sort=True):
        counts = _count_claims(group)
        labelled = all_rows[key]
        n_rows = int(group["n_copies"].sum())
        if len(counts):
            low_min, high_max = counts["lower"].min(), counts["upper"].max()
            point_min, point_max = counts["point"].min(), counts["point"].max()
            highest_low, lowest_high = counts["lower"].max(), counts["upper"].min()
        else:
            low_min = high_max = point_min = point_max = highest_low = lowest_high = np.nan
        statuses = _statuses(labelled)
        civilian, combatant = _status_conflict_pairs(labelled)
        status_conflict = not civilian.empty
        contested = np.nan
        labelled_counts = _count_claims(labelled).index
        civilian_lows = civilian.loc[civilian.index.isin(labelled_counts), "lower"].dropna()
        combatant_lows = combatant.loc[combatant.index.isin(labelled_counts), "lower"].dropna()
        if len(civilian_lows) and len(combatant_lows):
            contested = min(civilian_lows.max(), combatant_lows.max())
        sets = _perpetrator_sets(labelled)
        rows.append(
            {
                "incident_id": key[0],
                "outcome": key[1],
                "n_claims": n_rows,
                "n_independent_claims": len(group),
                "n_count_claims": len(counts),
                "n_claimant_types": group["claimant_type"].nunique(),
                "low_min": low_min,
                "high_max": high_max,
                "point_min": point_min,
                "point_max": point_max,
                "max_min_ratio": point_max / point_min if point_min and point_min > 0 else np.nan,
                "intervals_disjoint": bool(highest_low > lowest_high),
                "count_conflict": bool(highest_low > lowest_high * (1 + tolerance)),
                "victim_statuses": "; ".join(sorted(statuses)) or pd.NA,
                "status_conflict": status_conflict,
                "contested_status_deaths": contested,
                "perpetrators_blamed": "; ".join(sorted(set().union(*sets))) if sets else pd.NA,
                "attribution_conflict": _attribution_conflict(sets),
                "revised": bool(revised.get(key, False)),
            }
        )
    table = pd.DataFrame(rows)
    for column in ("low_min", "high_max", "point_min", "point_max", "contested_status_deaths"):
        table[column] = _to_count(table[column])
    table["max_min_ratio"] = table["max_min_ratio"].astype("Float64")
    for column in ("victim_statuses", "perpetrators_blamed"):
        table[column] = table[column].astype("str")
    return table


def toll_revisions(claims: pd.DataFrame, incident_id: str, outcome: str = "killed") -> pd.DataFrame:
    """The ordered timeline of one incident's independent figures, with each claimant's revisions.

    Rows are ordered by publication date (undated rows last), then by stage
    (first/provisional before revised/final). Columns: published_date,
    claimant, claimant_key, claimant_type, figure_text, low, best, high,
    point, revision_stage, background, enemy_side, previous_point (the same
    claimant's previous figure for the same side), change ("first", "up",
    "down", "same", or "differs" when the order of two figures is unknown),
    is_revision, note, n_copies.

    >>> toll_revisions(load_claims(), "sobane-da-2019-06-09")  # doctest: +SKIP
    """
    independent = independent_claims(claims)
    steps = _revision_steps(independent)
    timeline = steps[(steps["incident_id"] == incident_id) & (steps["outcome"] == outcome)]
    timeline = timeline.sort_values(["_published", "revision_stage"], na_position="last", kind="stable")
    columns = [
        "published_date", "claimant", "claimant_key", "claimant_type", "figure_text", "low", "best", "high",
        "point", "revision_stage", "background", "enemy_side", "previous_point", "change", "is_revision", "note",
        "n_copies",
    ]
    return timeline[columns].reset_index(drop=True)


def toll_drift(claims: pd.DataFrame, outcome: str = "killed") -> pd.DataFrame:
    """How each incident's toll moved from its first dated report to its latest.

    Uses independent, dated, whole-incident figures, leaving out background
    mentions (a later article restating an old toll). Columns: incident_id,
    first_published, first_claimant, first_point, latest_published,
    latest_claimant, latest_point, highest_point, drift_ratio
    (latest / first). Moura: 203 (1 April 2022) to at least 500 (May 2023).
    """
    independent = independent_claims(claims)
    dated = _count_claims(independent)
    dated = dated[(dated["outcome"] == outcome) & dated["published_date"].notna() & ~dated["background"]]
    dated = dated.assign(_published=pd.to_datetime(dated["published_date"])).sort_values(
        ["incident_id", "_published", "revision_stage"], kind="stable"
    )
    grouped = dated.groupby("incident_id", sort=True)
    first, latest = grouped.head(1).set_index("incident_id"), grouped.tail(1).set_index("incident_id")
    drift = pd.DataFrame(
        {
            "first_published": first["_published"],
            "first_claimant": first["claimant"],
            "first_point": _to_count(first["point"]),
            "latest_published": latest["_published"],
            "latest_claimant": latest["claimant"],
            "latest_point": _to_count(latest["point"]),
            "highest_point": _to_count(grouped["point"].max()),
        }
    )
    drift["drift_ratio"] = (drift["latest_point"] / drift["first_point"]).astype("Float64")
    return drift.reset_index()


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


def claimant_type_bias(claims: pd.DataFrame, outcome: str = "killed") -> pd.DataFrame:
    """How each claimant type's figures compare with the other claims on the same incidents.

    For each incident and claimant type: the type's median point figure over
    the median point figure of all other types' independent claims (partial
    scope and claims without a point figure left out; point figures are never
    0, so the ratio is defined). Summarised per claimant type: n_incidents, median_ratio,
    share_higher (ratio > 1), share_lower (ratio < 1), share_equal.

    >>> claimant_type_bias(load_claims()).loc["military", "median_ratio"]  # doctest: +SKIP
    """
    counts = _count_claims(independent_claims(claims))
    counts = counts[counts["outcome"] == outcome]
    counts = counts[counts["point"].notna()]
    rows = []
    for incident_id, group in counts.groupby("incident_id", sort=True):
        for claimant_type, own in group.groupby("claimant_type", sort=True):
            others = group.loc[group["claimant_type"] != claimant_type, "point"]
            if others.empty:
                continue
            reference = float(np.median(others))
            rows.append((incident_id, claimant_type, float(np.median(own["point"])) / reference))
    ratios = pd.DataFrame(rows, columns=["incident_id", "claimant_type", "ratio"])
    summary = ratios.groupby("claimant_type").agg(
        n_incidents=("incident_id", "nunique"),
        median_ratio=("ratio", "median"),
        share_higher=("ratio", lambda r: float((r > 1).mean())),
        share_lower=("ratio", lambda r: float((r < 1).mean())),
        share_equal=("ratio", lambda r: float((r == 1).mean())),
    )
    return summary.sort_values("median_ratio")
