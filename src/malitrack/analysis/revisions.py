"""How each claimant's figure moved over time, and how an incident's toll drifted.

**Revisions.** A claimant revises when its figure changes over time: the
same organisation (``claimant_key``) gives different point figures for the
same side (the armed-group dead an army counts are a series of their own)
in an order that is known, or a ``report_stage`` says a figure was a first
toll, revised or final. The order comes from the stage (first, provisional, unmarked,
revised/final), then from the publication date *at its precision*: a report
dated "April 2022" and one of 5 April 2022 are in unknown order ("differs"),
and a publication is never earlier than its incident. Partial-scope figures
(the UN's 35 for Moura's first exchange of fire), denials ("No civilian"),
aggregates of several incidents and copies flagged as an outlet's error
(``drift``) stay in the timeline but are never a step of a series; background mentions are never revisions.
Sobane Da: the government's provisional 95 became a final 35; Ogossagou
2019: MINUSMA's "plus de 100" became "at least 157"; Tessit 2022: the army's
4 soldiers became 17, then 42.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from malitrack.analysis.claims import KEY, count_claims, independent_claims, to_count
from malitrack.analysis.dates import format_dates, publication_interval


def _with_publication(frame: pd.DataFrame) -> pd.DataFrame:
    start, end = publication_interval(frame)
    return frame.assign(_published=start, _published_end=end)


def _revision_steps(independent: pd.DataFrame) -> pd.DataFrame:
    """Each claimant's figures in order, with the previous figure of the same series.

    A series is one organisation counting one side (armed-group dead apart
    from the rest), whole-incident figures only. Within a series the stage
    decides the order, then the date. A step is a revision when the figure
    changes and the order is known (different stages, or publication periods
    that do not overlap); background mentions never count as revisions.
    """
    steps = _with_publication(independent[independent["has_figure"]])
    in_series = ~steps["drift"] & ~steps["partial_scope"] & ~steps["denial"] & ~steps["aggregate"]
    series = KEY + ["claimant_key", "enemy_side"]
    ordered = steps[in_series].sort_values(series + ["revision_stage", "_published"], na_position="last", kind="stable")
    grouped = ordered.groupby(series, sort=False)
    ordered["previous_point"] = grouped["point"].shift(1)
    previous_end = grouped["_published_end"].shift(1)
    previous_stage = grouped["revision_stage"].shift(1)
    order_known = (ordered["revision_stage"] != previous_stage) | (
        ordered["_published"].notna() & previous_end.notna() & (ordered["_published"] > previous_end)
    )
    diff = ordered["point"] - ordered["previous_point"]
    ordered["change"] = np.select(
        [ordered["previous_point"].isna(), diff == 0, ~order_known, diff > 0],
        ["first", "same", "differs", "up"],
        default="down",
    )
    outside = steps[~in_series].assign(previous_point=np.nan)
    outside["change"] = np.select(
        [outside["denial"], outside["partial_scope"], outside["aggregate"]], ["denial", "part only", "aggregate"],
        default="outlet error",
    )
    steps = pd.concat([ordered, outside])
    steps["is_revision"] = steps["change"].isin(["up", "down"]) & ~steps["background"]
    return steps


def _revised(independent: pd.DataFrame) -> pd.Series:
    """Per incident/outcome: does any claimant's figure change over time, or its stage say first, revised or final?"""
    by_claimant = _revision_steps(independent).groupby(KEY)["is_revision"].any()
    # a "first" toll names a later one; a "revised" or "final" one an earlier one
    stage = independent["report_stage"].astype("str").isin(["first", "revised", "final"])
    by_stage = independent.assign(_rev=stage.to_numpy()).groupby(KEY)["_rev"].any()
    return by_stage | by_claimant.reindex(by_stage.index, fill_value=False)


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


def toll_revisions(claims: pd.DataFrame, incident_id: str, outcome: str = "killed", lang: str = "en") -> pd.DataFrame:
    """The ordered timeline of one incident's independent figures, with each claimant's revisions.

    Rows are ordered by publication date (a month-only date from the first
    day of its month, never before the incident), then by stage; an undated
    figure sits beside its own claimant's dated ones according to its stage,
    or at the end when it has none. Columns: published_date, published
    (the date printed at its precision, in ``lang``), published_precision
    (when the claims have it), claimant, claimant_key, claimant_type,
    figure_text, low, best, high, qualifier (to print the figure as said), point, revision_stage, background,
    enemy_side, denial, scope, previous_point (the same organisation's
    previous figure for the same side), change ("first", "up", "down",
    "same", "differs" when the order of two figures is unknown; "denial",
    "part only", "aggregate" and "outlet error" for figures outside any
    series),
    is_revision, note, n_copies.

    >>> toll_revisions(load_claims(), "sobane-da-2019-06-09")  # doctest: +SKIP
    """
    independent = independent_claims(claims)
    steps = _revision_steps(independent)
    timeline = steps[(steps["incident_id"] == incident_id) & (steps["outcome"] == outcome)].copy()
    timeline["_placed"] = _placed_dates(timeline)
    timeline = timeline.sort_values(["_placed", "revision_stage", "_published"], na_position="last", kind="stable")
    precision = timeline["published_precision"] if "published_precision" in timeline else pd.Series("day", index=timeline.index)
    timeline["published"] = format_dates(timeline["published_date"], precision.where(timeline["published_date"].notna(), "unknown"), lang=lang)
    columns = [
        "published_date", "published", "claimant", "claimant_key", "claimant_type", "figure_text", "low", "best",
        "high", "qualifier", "point", "revision_stage", "background", "enemy_side", "denial", "scope", "previous_point", "change",
        "is_revision", "note", "n_copies",
    ]
    if "published_precision" in timeline:
        columns.insert(1, "published_precision")
    return timeline[columns].reset_index(drop=True)


def toll_drift(claims: pd.DataFrame, outcome: str = "killed") -> pd.DataFrame:
    """How each incident's toll moved from its first dated report to its latest.

    Uses independent whole-incident point figures published on a known day
    or month, leaving out background mentions (a later article restating an
    old toll), denials, ranges without a point, and the armed-group dead
    counted by a claimant who also counts the other dead (Tessit 2022: the
    army's 37 "terroristes neutralisés" beside its 42 soldiers). Moura keeps
    the army's 203 "terroristes": they are the dead the others call
    civilians. Reports are ordered by the first day they may have been
    published (never before the incident). Columns: incident_id,
    first_published, first_claimant, first_point, latest_published,
    latest_claimant, latest_point, highest_point, drift_ratio (latest /
    first). Moura: 203 (April 2022) to at least 500 (May 2023).
    """
    independent = independent_claims(claims)
    dated = count_claims(independent)
    dated = dated[
        (dated["outcome"] == outcome) & dated["published_date"].notna() & ~dated["background"]
        & dated["point"].notna() & ~dated["denial"]
    ]
    # a claimant who counts both its own side's dead and the enemy's: follow the former
    sides = dated.groupby(["incident_id", "claimant_key"])["enemy_side"].transform("nunique")
    dated = dated[~(dated["enemy_side"] & (sides > 1))]
    if "published_precision" in dated:  # a year alone cannot say which report came first
        dated = dated[dated["published_precision"].isin(["day", "month"])]
    dated = _with_publication(dated).sort_values(["incident_id", "_published", "revision_stage"], kind="stable")
    grouped = dated.groupby("incident_id", sort=True)
    first, latest = grouped.head(1).set_index("incident_id"), grouped.tail(1).set_index("incident_id")
    drift = pd.DataFrame(
        {
            "first_published": first["published_date"],
            "first_claimant": first["claimant"],
            "first_point": to_count(first["point"]),
            "latest_published": latest["published_date"],
            "latest_claimant": latest["claimant"],
            "latest_point": to_count(latest["point"]),
            "highest_point": to_count(grouped["point"].max()),
        }
    )
    drift["drift_ratio"] = (drift["latest_point"] / drift["first_point"]).astype("Float64")
    return drift.reset_index()


#: claimant types grouped into the kinds of claimant a reader compares
CLAIMANT_FAMILIES = {
    "military": "army or government", "government": "army or government", "foreign_military": "army or government",
    "armed_group": "armed group", "un": "UN or NGO", "ngo": "UN or NGO",
    "local_official": "local official", "community": "local official",
    "media": "media", "unknown": "media",
}


def revisions_across(claims: pd.DataFrame, outcome: str = "killed") -> pd.DataFrame:
    """Every claimant's revised toll, first figure against last, across all incidents.

    One row per series that holds at least one revision (one organisation
    counting one side of one incident; see :func:`toll_revisions` for what
    is a step of a series: partial-scope figures, denials, aggregates,
    outlet errors and background mentions never are). The first and last
    figures are the series' ends in its known order. Columns: incident_id,
    claimant_key, claimant, claimant_type, family (army or government, armed
    group, UN or NGO, local official, media; unnamed sources count as
    media), first_figure_text, first_qualifier, first_low, first_best,
    first_high, first_point, last_* likewise, direction (up, down, same:
    a series can come back to its first figure), ratio (last / first).

    Ogossagou 2019: MINUSMA "plus de 100" -> "at least 157" (up); Sobane Da:
    the Malian state's 95 -> 35 (down).
    """
    steps = _revision_steps(independent_claims(claims))
    steps = steps[(steps["outcome"] == outcome) & steps["change"].isin(["first", "same", "differs", "up", "down"])]
    series = ["incident_id", "claimant_key", "enemy_side"]
    revised = steps[steps["is_revision"]][series].drop_duplicates()
    steps = steps.merge(revised, on=series)  # the order of ``_revision_steps`` is kept: stage, then date
    grouped = steps.groupby(series, sort=True)
    first, last = grouped.head(1).set_index(series), grouped.tail(1).set_index(series)
    fields = ["figure_text", "qualifier", "low", "best", "high", "point"]
    table = first[["claimant", "claimant_type"]].copy()
    for column in fields:
        table[f"first_{column}"] = first[column]
        table[f"last_{column}"] = last[column]
    table["family"] = table["claimant_type"].map(CLAIMANT_FAMILIES).fillna("media")
    table["direction"] = np.select(
        [table["last_point"] > table["first_point"], table["last_point"] < table["first_point"]], ["up", "down"], "same"
    )
    table["ratio"] = table["last_point"] / table["first_point"]
    table = table.reset_index().drop(columns="enemy_side")
    columns = ["incident_id", "claimant_key", "claimant", "claimant_type", "family"]
    columns += [f"{end}_{column}" for end in ("first", "last") for column in fields] + ["direction", "ratio"]
    return table[columns].sort_values(["family", "incident_id", "claimant_key"], kind="stable").reset_index(drop=True)


def revision_directions(revisions: pd.DataFrame) -> pd.DataFrame:
    """Per kind of claimant: revised tolls, how many went up, down or came back, and the median last/first ratio."""
    counts = pd.crosstab(revisions["family"], revisions["direction"]).reindex(columns=["up", "down", "same"], fill_value=0)
    counts["n_revised"] = counts.sum(axis=1)
    counts["median_ratio"] = revisions.groupby("family")["ratio"].median()
    return counts[["n_revised", "up", "down", "same", "median_ratio"]].sort_values("n_revised", ascending=False, kind="stable")
