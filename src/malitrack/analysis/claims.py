"""Claims as intervals, one voice per organisation, wire copies collapsed.

Pure functions over the clean claims frame (one row per claim, see
``malitrack.clean.load.load_claims``).

**Claims as intervals.** Each claim's figure is the interval [low, high] made
by the figure parser; ``high`` NA means open-ended ("au moins 500"), so its
upper bound is infinite. A claim's *point figure* is its ``best``; for an
open-ended claim without one, its ``low`` (the least the claimant asserts).
Ranges and upper bounds without a best ("entre 200 et 400", "jusqu'à 300")
have no point figure: they enter the intervals and the envelope, not the
point-based rules and ratios. Vague figures ("plusieurs dizaines") count only
where an incident has no precise one. Claims with no number (qualifier
``none`` or ``unparsed``) still count as claims about *who* died and *who*
did it, never as counts: unknown is not zero. A denial ("aucun mort", "No
civilian", a stated 0) is a claim of no deaths, never a toll.

**One voice per organisation.** ``claimant_key`` (a clean column, from the
claimants register ``data/raw/claimants.csv``; see
:mod:`malitrack.clean.claimants`) names the organisation behind a claim: the
CSP's "separatists (CSP)", "Tuareg rebels (CSP-DPA)" and its spokesman are
one voice; so are the Malian army's and government's communiqués.

**Independent claims.** The same RFI or AFP text is republished by many
outlets, one row each. Copies, and one organisation's repeated statements,
are collapsed on incident + outcome + ``claimant_key`` + point figure
(interval for figures without one). The earliest published copy represents
the group; ``n_copies`` and ``n_outlets`` say how many rows and outlets
repeated it.

**What counts toward a toll** (:func:`counts_toward_toll`): the clean
columns decide, not the notes: a figure whose ``scope`` is not ``whole``
("Aklaz only", the UN's 35 for Moura's first exchange of fire) never sets an
incident's range; nor does a denial, nor an army's count of the attackers it
killed given beside its count of the victims.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from malitrack.clean.claimants import claimant_keys
from malitrack.clean.claimants import claimant_key as _registered_key
from malitrack.clean.flags import claim_flags
from malitrack.vocab import COMBATANT_STATUSES, REPORT_STAGE_ORDER, WHOLE_SCOPE

FLAGS = ("scope", "aggregate", "report_stage", "drift", "background", "secondhand")

KEY = ["incident_id", "outcome"]


def claimant_key(claimant: str, claimant_type: str = "", on=None) -> str:
    """The organisation behind a claimant's name (see :mod:`malitrack.clean.claimants`).

    >>> claimant_key("Malian army (via RFI)", "military")
    'Malian state'
    >>> claimant_key("local elected official (to AFP)", "local_official")
    'local elected official'
    """
    return _registered_key(claimant, claimant_type, on)[0]


def with_clean_columns(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with ``claimant_key`` and the flag columns, derived by the clean step's rules when absent.

    Clean claims carry them; frames built by hand or by the dataset importers
    may not, and get them from the same functions, so a rule lives in one place.
    """
    out = claims.copy()
    _fill(out, ["claimant_key", "claimant_key_basis"], claimant_keys, text=("claimant_key", "claimant_key_basis"))
    _fill(out, list(FLAGS), claim_flags, text=("scope", "report_stage"))
    return out


def _fill(out: pd.DataFrame, columns: list[str], derive, text: tuple[str, ...]) -> None:
    """Fill ``columns`` of ``out`` in place where absent or NA, from ``derive(rows)`` over those rows."""
    present = [c for c in columns if c in out]
    lacking = out[present].isna().any(axis=1) if len(present) == len(columns) else pd.Series(True, index=out.index)
    if len(present) == len(columns) and not lacking.any():
        return
    derived = derive(out[lacking])
    for column in columns:
        values = out[column].astype(object) if column in out else pd.Series(None, index=out.index, dtype=object)
        values.loc[lacking] = derived[column].astype(object)
        out[column] = values.astype("str") if column in text else values.astype(bool)


def aggregate_columns(grouped, **columns: tuple[str, str]) -> pd.DataFrame:
    """``grouped.agg(name=(column, how), ...)``, one column at a time.

    Same result; pandas' named aggregation costs some 20 ms a call even on a
    ten-row frame, and an incident profile makes a dozen of them.
    """
    return pd.DataFrame({name: getattr(grouped[column], how)() for name, (column, how) in columns.items()})


def claim_intervals(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with the columns the analysis works on.

    Adds ``lower``/``upper`` (float, ``upper`` = inf when open-ended, NaN
    when unknown); ``point`` (best, else low when open-ended; 0 for a
    denial, which ``denial`` flags); ``has_figure``; ``vague``; ``denial`` (the clean data's denial
    flag, or a stated 0 by a claimant, not a dataset); ``partial_scope``
    (``scope`` is not whole); ``revision_stage`` (0 first, 1 provisional, 2
    unmarked, 3 revised/final, from ``report_stage``); ``enemy_side`` (the
    claim counts armed-group dead, e.g. an army's "terroristes neutralisés",
    a series of its own for revisions). ``claimant_key`` and the flags come
    from the clean columns (see :func:`with_clean_columns`).

    >>> row = {"claimant": "CSP", "claimant_type": "armed_group", "low": 31, "best": 31, "high": None,
    ...        "qualifier": "more_than", "victim_status": "civilian", "note": None}
    >>> frame = pd.DataFrame([row]).astype({"low": "Int64", "best": "Int64", "high": "Int64"})
    >>> claim_intervals(frame)[["lower", "point", "upper"]].values.tolist()
    [[31.0, 31.0, inf]]
    """
    out = with_clean_columns(claims)  # a copy
    worded = out["denial"].fillna(False).astype(bool) if "denial" in out else pd.Series(False, index=out.index)
    low = out["low"].astype("Float64").mask(worded, 0)
    best = out["best"].astype("Float64").mask(worded, 0)
    high = out["high"].astype("Float64").mask(worded, 0)
    point = best.fillna(low.where(high.isna()))
    has_figure = low.notna() | best.notna() | high.notna()
    out["point"] = point.to_numpy(dtype=float, na_value=np.nan)
    out["lower"] = low.fillna(point).to_numpy(dtype=float, na_value=np.nan)
    upper = high.to_numpy(dtype=float, na_value=np.nan)
    out["upper"] = np.where(np.isnan(upper) & has_figure.to_numpy(dtype=bool), np.inf, upper)
    out["has_figure"] = has_figure.to_numpy(dtype=bool)
    out["partial_scope"] = (out["scope"].astype("str") != WHOLE_SCOPE).to_numpy(dtype=bool)
    out["revision_stage"] = out["report_stage"].astype("str").map(REPORT_STAGE_ORDER).fillna(2).astype("int64")
    for column in ("aggregate", "drift", "background", "secondhand"):
        out[column] = out[column].fillna(False).astype(bool).to_numpy()
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


def independent_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Collapse wire copies and repeated statements: one row per incident, outcome, organisation and figure.

    The earliest-published copy (then the first in file order) stands for the
    group; ``n_copies`` counts the rows and ``n_outlets`` the distinct outlets
    that carried it.

    >>> copy = {"incident_id": "x", "outcome": "killed", "published_date": None, "low": 300, "best": 300,
    ...         "high": 300, "qualifier": "exact", "victim_status": "civilian", "perpetrators": None, "note": None,
    ...         "claimant_type": "ngo"}
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
    counts = aggregate_columns(
        frame.groupby(group, sort=False, dropna=False), n_copies=("_order", "size"), n_outlets=("outlet", "nunique")
    )
    first = frame.drop_duplicates(group, keep="first").set_index(group)
    first = first.join(counts).reset_index()
    return first.sort_values("_order").drop(columns=["_order", "_figure_key", "_published"]).reset_index(drop=True)


def counts_toward_toll(frame: pd.DataFrame) -> np.ndarray:
    """Whole-incident figures of the incident's victims (rows of :func:`claim_intervals`).

    Partial-scope figures never count. Vague figures ("dozens", "plusieurs")
    count only where no precise figure exists. A claimant who counts both the
    victims and the attackers (an army's soldiers and its "terroristes
    neutralisés") gives two counts of different people: its armed-group count
    is left out here.
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


def count_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`independent_claims` (or :func:`claim_intervals`) that count toward a toll."""
    return frame[counts_toward_toll(frame)]


def toll_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The independent claims whose figures may set an incident's range: whole scope, victims, no denial.

    What a summary line's "killed: 203 to 500 or more" is read from (Moura:
    not the UN's 35 for the first exchange of fire, not the government's
    "No civilian").
    """
    counted = count_claims(independent_claims(claims))
    return counted[~counted["denial"]]


def to_count(values) -> pd.array:
    """Float tolls back to Int64 counts: inf (open-ended) and NaN become NA; medians round half up."""
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    whole = np.floor(np.where(finite, values, 0) + 0.5).astype("int64")
    return pd.arrays.IntegerArray(whole, mask=~finite)
