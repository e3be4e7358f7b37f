"""Where sources disagree about one incident: counts, labels, blame and revisions.

Pure functions over the clean claims frame (one row per claim, see
``malitrack.clean.load.load_claims``); nothing here reads a file.

Method
------
**Claims as intervals.** Each claim's figure is the interval [low, high] made
by the figure parser; ``high`` NA means open-ended ("au moins 500"), so its
upper bound is infinite. A claim's *point figure* is its ``best``; for an
open-ended claim without one, its ``low`` (the least the claimant asserts).
Ranges and upper bounds without a best ("entre 200 et 400", "jusqu'à 300")
have no point figure: they enter the intervals and the envelope, not the
point-based rules and ratios. Vague figures ("plusieurs dizaines") count only
where an incident has no precise one. Claims with no number (qualifier
``none`` or ``unparsed``) still count as claims about *who* died and *who*
did it, never as counts: unknown is not zero.

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
- ``median_nonbelligerent`` (the default, malitrack's consensus view): the
  median of the point figures (and of the lows and highs) of claims by
  non-belligerent claimant types: ``un``, ``ngo``,
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
point figure over the lowest. Only claims that may describe the same dead
are compared: counts of soldiers and counts of armed-group fighters never
are (a civilian count is compared with both, since "terroristes" may be
another name for the same dead), so ``max_min_ratio`` can be smaller than
``point_max / point_min``. A claimant who counts both the victims and the
attackers (Tessit 2022: the army's 42 soldiers and 37 "terroristes
neutralisés") gives two counts of different people; the attackers' count is
left out of comparisons and tolls (it stays in :func:`toll_revisions` as a
series of its own). A denial ("aucun mort", flagged by the figure parser, or a stated 0): it
conflicts with any count (``denied``) but never becomes an incident's toll
or the bottom of ``max_min_ratio``.

**Victim-status conflict.** Some claimants call the dead civilians, others
members of an armed group (Amassine: the CSP's "over 30" civilians against a
security source's "29" terrorists). Labels are read on every row, copies
included. Claims describe different dead, and do not conflict, when one
claimant gives both labels or when both name perpetrators with none in
common. ``civilian_figure`` and ``armed_group_figure`` are the highest
figure on each side (point figure, or a range's low), and
``contested_status_deaths``, the number both sides say died but label
differently, is the smaller of the two.

**Attribution conflict.** Two claims blame perpetrators none of which can be
the same actor (Gossi 2022: Mali blames France, France blames Wagner).
Generic actors are compatible with the named ones they give way to in the
actors register (``data/raw/actor_aliases.provenance.json``): "terrorists
(unspecified)" with JNIM, "unknown" with anyone. Claims about armed-group
dead are compared only with each other (in a battle the army kills the
attackers and the attackers kill soldiers: two killings, not a dispute). A
claim that names nobody, or covers only part of the incident, does not
conflict with anyone. ``main_perpetrators`` names who is blamed for the
incident's victims (the claims about armed-group dead only when there are
no others), generic actors dropped where a named one they give way to is
there.

**Revisions.** A claimant revises when its figure changes over time: the same
normalised claimant gives different point figures for the same side (the
armed-group dead an army counts are a series of their own) in an order that
is known, or a note says a figure was revised or superseded. The order comes
from a *stage* read from notes and claimant labels ("first toll",
"initial", then "provisional", then unmarked, then "revised", "final"; a
row "superseded" by another is early), then from the publication date.
Copies flagged as an outlet's rewriting error (DRIFT) and background
mentions are not revisions. Sobane Da: the government's provisional 95
became a final 35; Ogossagou 2019: MINUSMA's "plus de 100" became "at
least 157"; Tessit 2022: the army's 4 soldiers became 17, then 42.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from malitrack.vocab import (
    BELLIGERENT_TYPES,
    COMBATANT_STATUSES,
    NON_BELLIGERENT_TYPES,
    SELECTION_RULES,
    STATE_STATUSES,
)

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
SUPERSEDED_NOTE = re.compile(r"\bsuperseded\b", re.IGNORECASE)
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


@lru_cache(maxsize=1 << 14)
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


@lru_cache(maxsize=1 << 16)
def _found(pattern: re.Pattern, text: str) -> bool:
    return pattern.search(text) is not None


def _matches(texts: pd.Series, pattern: re.Pattern) -> np.ndarray:
    """``pattern`` searched once per distinct text, remembered across calls (notes repeat in every analysis)."""
    values = texts.tolist()
    found = {text: _found(pattern, text) for text in set(values)}
    return np.fromiter((found[text] for text in values), dtype=bool, count=len(values))


def claim_intervals(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with the columns the analysis works on.

    Adds ``claimant_key``; ``lower``/``upper`` (float, ``upper`` = inf when
    open-ended, NaN when unknown); ``point`` (best, else low when open-ended);
    ``has_figure``; ``vague`` (qualifier vague); ``denial`` (the clean
    data's denial flag, "aucun mort", "No civilian", or a stated 0); ``partial_scope``,
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
    # a worded denial ("aucun mort") has no count in the clean data; here it is the interval [0, 0]
    worded = out["denial"].fillna(False).astype(bool) if "denial" in out else pd.Series(False, index=out.index)
    low = out["low"].astype("Float64").mask(worded, 0)
    best = out["best"].astype("Float64").mask(worded, 0)
    high = out["high"].astype("Float64").mask(worded, 0)
    point = best.fillna(low.where(high.isna()))
    has_figure = low.notna() | best.notna() | high.notna()
    names = out["claimant"].astype("str")
    out["claimant_key"] = names.map({name: claimant_key(name) for name in names.unique()}).astype("str")
    out["point"] = point.to_numpy(dtype=float, na_value=np.nan)
    out["lower"] = low.fillna(point).to_numpy(dtype=float, na_value=np.nan)
    upper = high.to_numpy(dtype=float, na_value=np.nan)
    upper = np.where(np.isnan(upper) & has_figure.to_numpy(dtype=bool), np.inf, upper)
    out["upper"] = upper
    out["has_figure"] = has_figure.to_numpy(dtype=bool)
    note = _note(out)
    labels = note + " " + names
    out["partial_scope"] = _matches(note, PARTIAL_SCOPE_NOTE)
    out["aggregate"] = _matches(note, AGGREGATE_NOTE)
    out["background"] = _matches(note, BACKGROUND_NOTE)
    out["drift"] = _matches(note, DRIFT_NOTE)
    early = _matches(labels, EARLY_STAGE)
    provisional = _matches(labels, PROVISIONAL_STAGE)
    late = _matches(labels, LATE_STAGE) & ~_matches(note, SUPERSEDED_NOTE)
    out["revision_stage"] = np.select([late, early, provisional], [3, 0, 1], default=2)
    out["vague"] = (out["qualifier"].astype("str") == "vague").to_numpy(dtype=bool)
    # a dataset's 0 (UCDP best, ACLED fatalities) is its estimate, not a claimant denying deaths
    from_dataset = out["claimant_type"].astype("str") == "dataset" if "claimant_type" in out else False
    out["denial"] = ((out["point"] == 0) & ~from_dataset).to_numpy(dtype=bool)
    out["enemy_side"] = out["victim_status"].isin(COMBATANT_STATUSES).to_numpy(dtype=bool)
    return out


def _figure_key(frame: pd.DataFrame) -> pd.Series:
    """Point figure, or the interval when there is no point; label and blame for empty claims."""
    def text(values: pd.Series) -> pd.Series:
        return values.map(lambda v: "" if np.isnan(v) else f"{v:g}").astype(object)  # str even when empty

    point = text(frame["point"])
    interval = text(frame["lower"]) + "-" + text(frame["upper"])
    empty = "none|" + frame["victim_status"].astype("str").fillna("") + "|" + frame["perpetrators"].astype("str").fillna("")
    return pd.Series(np.where(frame["has_figure"], np.where(point != "", point, interval), empty), index=frame.index)


def _aggregate_columns(grouped, **columns: tuple[str, str]) -> pd.DataFrame:
    """``grouped.agg(name=(column, how), ...)``, one column at a time.

    Same result; pandas' named aggregation costs some 20 ms a call even on a
    ten-row frame, and an incident profile makes a dozen of them.
    """
    return pd.DataFrame({name: getattr(grouped[column], how)() for name, (column, how) in columns.items()})


def independent_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Collapse wire copies: one row per incident, outcome, claimant and figure.

    The earliest-published copy (then the first in file order) stands for the
    group; ``n_copies`` counts the rows and ``n_outlets`` the distinct outlets
    that carried it.

    >>> copy = {"incident_id": "x", "outcome": "killed", "published_date": None, "low": 300, "best": 300,
    ...         "high": 300, "qualifier": "exact", "victim_status": "civilian", "perpetrators": None, "note": None}
    >>> rows = [copy | {"claimant": "HRW", "outlet": "AP"}, copy | {"claimant": "HRW (via AFP)", "outlet": "IBTimes"}]
    >>> independent_claims(pd.DataFrame(rows))[["claimant", "n_copies", "n_outlets"]].values.tolist()
    [['HRW', 2, 2]]
    """
    frame = claim_intervals(claims)
    frame["_order"] = np.arange(len(frame))
    frame["_figure_key"] = _figure_key(frame)
    frame["_published"] = pd.to_datetime(frame["published_date"])
    group = KEY + ["claimant_key", "_figure_key"]
    frame = frame.sort_values(["_published", "_order"], na_position="last", kind="stable")
    counts = _aggregate_columns(
        frame.groupby(group, sort=False, dropna=False), n_copies=("_order", "size"), n_outlets=("outlet", "nunique")
    )
    first = frame.drop_duplicates(group, keep="first").set_index(group)
    first = first.join(counts).reset_index()
    return first.sort_values("_order").drop(columns=["_order", "_figure_key", "_published"]).reset_index(drop=True)


def _counts_toward_toll(frame: pd.DataFrame) -> np.ndarray:
    """Whole-incident figures of the incident's victims.

    Vague figures ("dozens", "plusieurs") count only where no precise figure
    exists. A claimant who counts both the victims and the attackers (an
    army's soldiers and its "terroristes neutralisés") gives two counts of
    different people: its armed-group count is left out here.
    """
    has_figure = frame["has_figure"].to_numpy(dtype=bool)
    enemy = frame["enemy_side"].to_numpy(dtype=bool)
    victims_counted = pd.Series(has_figure & ~enemy, index=frame.index).groupby(
        [frame[c] for c in KEY + ["claimant_key"]]
    ).transform("any").to_numpy(dtype=bool)
    figure = has_figure & ~frame["partial_scope"].to_numpy(dtype=bool) & ~(enemy & victims_counted)
    vague = frame["vague"].to_numpy(dtype=bool)
    precise = pd.Series(figure & ~vague, index=frame.index)
    precise_exists = precise.groupby([frame[c] for c in KEY]).transform("any").to_numpy(dtype=bool)
    return figure & (~vague | ~precise_exists)


def _count_claims(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[_counts_toward_toll(frame)]


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
        fallback = _aggregate_columns(grouped, lower=("lower", "min"), upper=("upper", "min" if rule == "conservative" else "max"))
        tolls = chosen.combine_first(fallback.assign(point=np.nan))
    elif rule == "median_nonbelligerent":
        tolls = grouped.median()
    else:  # envelope
        tolls = _aggregate_columns(grouped, lower=("lower", "min"), point=("point", "median"), upper=("upper", "max"))
    return tolls[["lower", "point", "upper"]].join(n_used)


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
    return tolls_of_independent(independent_claims(claims), rule)


def tolls_of_independent(independent: pd.DataFrame, rule: str) -> pd.DataFrame:
    """:func:`incident_tolls` from claims already passed through :func:`independent_claims`.

    For callers that need the tolls under several rules: the wire copies are
    collapsed once.
    """
    aggregate = independent.groupby(KEY, sort=True)["aggregate"].all()
    tolls = _rule_tolls(_count_claims(independent), rule)
    tolls = tolls.rename(columns={"lower": "low", "point": "best", "upper": "high"})
    tolls = aggregate.rename("aggregate").to_frame().join(tolls).reset_index()
    for column in ("low", "best", "high"):
        tolls[column] = _to_count(tolls[column])
    tolls["n_claims_used"] = tolls["n_claims_used"].fillna(0).astype("int64")
    tolls["rule"] = rule
    return tolls[KEY + ["low", "best", "high", "n_claims_used", "rule", "aggregate"]]


def _actors(perpetrators) -> frozenset[str]:
    if perpetrators is None or pd.isna(perpetrators):
        return frozenset()
    return frozenset(part.strip() for part in str(perpetrators).split(";") if part.strip())


def _status_conflict(rows: list[tuple]) -> tuple[bool, float, float]:
    """Do civilian-labelled and armed-group-labelled claims describe the same dead, and how many?

    ``rows`` are (claimant_key, victim_status, actors, figure, counts, ...)
    for every claim of one incident and outcome; ``figure`` is the point
    figure, or the lower bound of a range. Two claims describe different
    dead, and so do not conflict, when one claimant gives both labels (an
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


def _actor_register():
    """The actors register (kinds, and which generic actor gives way to which named one).

    Taken from ``malitrack.reference.default()``: the project's raw tree, else
    the copy shipped in the package; this module itself reads no file.
    """
    from malitrack.reference import default

    return default().actor_register


def _covers(general: str, specific: str, register: dict) -> bool:
    """Does the generic actor ``general`` give way to ``specific`` in the register?"""
    actor = register.get(general)
    if actor is None or general == specific:
        return False
    other = register.get(specific)
    return (
        "*" in actor.subsumed_by
        or specific in actor.subsumed_by
        or (other is not None and f"kind:{other.kind}" in actor.subsumed_by)
    )


def _compatible(first: str, second: str, register: dict) -> bool:
    """Can one claim's actor and another's be the same perpetrator?

    Equal names are; so is a generic actor with an actor it gives way to in
    the register ("terrorists (unspecified)" with JNIM, "Dogon militia" with
    Dan Na Ambassagou, "unknown" with anyone).
    """
    return first == second or _covers(first, second, register) or _covers(second, first, register)


def _main_perpetrators(rows: list[tuple], register: dict) -> str | None:
    """Actors blamed for the victims (armed-group dead only if nobody else died), most specific first named."""
    victims = [r[2] for r in rows if not r[5] and not r[6]]
    named = [actor for actors in (victims if any(victims) else [r[2] for r in rows if not r[5]]) for actor in actors]
    kept = {a for a in named if not any(_covers(a, b, register) for b in named)}
    return "; ".join(sorted(kept)) or None


def _attribution_conflict(sets: list[frozenset[str]], register: dict) -> bool:
    """True when two claims blame actors none of which can be the same perpetrator."""
    sets = [s for s in sets if s]
    return any(
        not any(_compatible(a, b, register) for a in first for b in second)
        for i, first in enumerate(sets)
        for second in sets[i + 1 :]
    )


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
    by_note = independent.assign(_rev=_matches(_note(independent), REVISION_NOTE)).groupby(KEY)["_rev"].any()
    return by_note | by_claimant.reindex(by_note.index, fill_value=False)


def incident_disagreement(claims: pd.DataFrame, tolerance: float = 0.1) -> pd.DataFrame:
    """One row per incident and outcome saying how and how much the sources disagree.

    Columns: incident_id, outcome, n_claims (rows), n_independent_claims
    (wire copies collapsed, figureless claims included), n_count_claims
    (independent claims with a whole-incident figure), n_claimant_types,
    low_min, high_max (Int64; high_max NA when any claim is open-ended),
    point_min, point_max, max_min_ratio, intervals_disjoint, count_conflict,
    denied, victim_statuses, status_conflict, civilian_figure and
    armed_group_figure (the highest figure on each side of a status
    conflict), contested_status_deaths, perpetrators_blamed (every actor
    named), main_perpetrators (see the module docstring),
    attribution_conflict, revised.

    >>> table = incident_disagreement(load_claims())  # doctest: +SKIP
    >>> table.query("incident_id == 'amassine-2024-05-19' and outcome == 'killed'")  # doctest: +SKIP
    """
    independent = independent_claims(claims)
    independent["_counts"] = _counts_toward_toll(independent)
    counted = independent[independent["_counts"]]
    counted = counted.assign(positive=counted["point"].where(~counted["denial"]))
    ranges = _aggregate_columns(
        counted.groupby(KEY, sort=True),
        n_count_claims=("point", "size"),
        low_min=("lower", "min"),
        high_max=("upper", "max"),
        point_min=("positive", "min"),
        point_max=("positive", "max"),
        denied=("denial", "any"),
    )
    table = _aggregate_columns(
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
        view = _aggregate_columns(
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
    every_row["_counts"] = _counts_toward_toll(every_row)
    asserted = every_row["point"].fillna(every_row["lower"])
    records: dict[tuple, list[tuple]] = {}
    for incident_id, outcome, key, status, perpetrators, figure, counts, partial, enemy_side in zip(
        every_row["incident_id"], every_row["outcome"], every_row["claimant_key"], every_row["victim_status"],
        every_row["perpetrators"].astype(object), asserted, every_row["_counts"], every_row["partial_scope"],
        every_row["enemy_side"],
    ):
        records.setdefault((incident_id, outcome), []).append(
            (key, status, _actors(perpetrators), figure, counts, partial, enemy_side)
        )
    register = _actor_register()
    labels = []
    for key in table.index:
        rows = records[key]
        statuses = sorted({r[1] for r in rows if isinstance(r[1], str)} - {"unspecified", "mixed"})
        sides = [[r[2] for r in rows if not r[5] and r[6] == side] for side in (False, True)]
        sets = [r[2] for r in rows]
        conflict, civilian_figure, armed_group_figure = _status_conflict(rows)
        labels.append(
            {
                "victim_statuses": "; ".join(statuses) or None,
                "status_conflict": conflict,
                "civilian_figure": civilian_figure,
                "armed_group_figure": armed_group_figure,
                "perpetrators_blamed": "; ".join(sorted(frozenset().union(*sets))) or None,
                "main_perpetrators": _main_perpetrators(rows, register),
                "attribution_conflict": any(_attribution_conflict(side, register) for side in sides),
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
        table[column] = _to_count(table[column])
    for column in ("victim_statuses", "perpetrators_blamed", "main_perpetrators"):
        table[column] = table[column].astype("str")
    columns = [
        "n_claims", "n_independent_claims", "n_count_claims", "n_claimant_types", "low_min", "high_max",
        "point_min", "point_max", "max_min_ratio", "intervals_disjoint", "count_conflict", "denied", "victim_statuses",
        "status_conflict", "civilian_figure", "armed_group_figure", "contested_status_deaths",
        "perpetrators_blamed", "main_perpetrators", "attribution_conflict", "revised",
    ]
    return table[columns].reset_index()


def _placed_dates(timeline: pd.DataFrame) -> pd.Series:
    """Where an undated figure sits in time: next to its own claimant's dated figures, by stage.

    An undated "initial" figure goes just before the same claimant's first
    later-stage dated figure; an undated "revised" one just after its last
    earlier-stage one; an undated figure with no dated sibling stays undated.
    """
    placed = timeline["_published"].copy()
    # plain tuples: a timeline has a few dozen rows, and pandas per-group overhead cost more than the work
    rows = list(zip(timeline.index, timeline["claimant_key"], timeline["enemy_side"], timeline["revision_stage"],
                    timeline["_published"]))
    dated: dict[tuple, list[tuple]] = {}
    for _, key, side, stage, published in rows:
        if pd.notna(published):
            dated.setdefault((key, side), []).append((stage, published))
    for index, key, side, stage, published in rows:
        if pd.notna(published):
            continue
        siblings = dated.get((key, side), [])
        later = [date for other, date in siblings if other > stage]
        earlier = [date for other, date in siblings if other < stage]
        if later:
            placed[index] = min(later)
        elif earlier:
            placed[index] = max(earlier)
    return placed


def toll_revisions(claims: pd.DataFrame, incident_id: str, outcome: str = "killed") -> pd.DataFrame:
    """The ordered timeline of one incident's independent figures, with each claimant's revisions.

    Rows are ordered by publication date, then by stage (first/provisional
    before revised/final); an undated figure sits beside its own claimant's
    dated ones according to its stage, or at the end when it has none. Columns: published_date,
    published_precision (when the claims have it), claimant, claimant_key, claimant_type, figure_text, low, best, high,
    point, revision_stage, background, enemy_side, previous_point (the same
    claimant's previous figure for the same side), change ("first", "up",
    "down", "same", or "differs" when the order of two figures is unknown),
    is_revision, note, n_copies.

    >>> toll_revisions(load_claims(), "sobane-da-2019-06-09")  # doctest: +SKIP
    """
    independent = independent_claims(claims)
    steps = _revision_steps(independent)
    timeline = steps[(steps["incident_id"] == incident_id) & (steps["outcome"] == outcome)].copy()
    timeline["_placed"] = _placed_dates(timeline)
    timeline = timeline.sort_values(["_placed", "revision_stage", "_published"], na_position="last", kind="stable")
    columns = [
        "published_date", "claimant", "claimant_key", "claimant_type", "figure_text", "low", "best", "high",
        "point", "revision_stage", "background", "enemy_side", "previous_point", "change", "is_revision", "note",
        "n_copies",
    ]
    if "published_precision" in timeline:
        columns.insert(1, "published_precision")
    return timeline[columns].reset_index(drop=True)


def toll_drift(claims: pd.DataFrame, outcome: str = "killed") -> pd.DataFrame:
    """How each incident's toll moved from its first dated report to its latest.

    Uses independent whole-incident point figures published on a known day
    or month (a month-only date counts from the first of the month), leaving
    out background mentions (a later article restating an old toll), denials
    (0), ranges without a point, and the armed-group dead counted by a
    claimant who also counts the other dead (Tessit 2022: the army's 37
    "terroristes neutralisés" beside its 42 soldiers). Moura keeps the
    army's 203 "terroristes": they are the dead the others call civilians. Columns: incident_id,
    first_published, first_claimant, first_point, latest_published,
    latest_claimant, latest_point, highest_point, drift_ratio
    (latest / first). Moura: 203 (1 April 2022) to at least 500 (May 2023).
    """
    independent = independent_claims(claims)
    dated = _count_claims(independent)
    dated = dated[
        (dated["outcome"] == outcome) & dated["published_date"].notna() & ~dated["background"]
        & dated["point"].notna() & ~dated["denial"]
    ]
    # a claimant who counts both its own side's dead and the enemy's: follow the former
    sides = dated.groupby(["incident_id", "claimant_key"])["enemy_side"].transform("nunique")
    dated = dated[~(dated["enemy_side"] & (sides > 1))]
    if "published_precision" in dated:  # a year alone cannot say which report came first
        dated = dated[dated["published_precision"].isin(["day", "month"])]
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
    counts = _count_claims(independent_claims(claims))
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
