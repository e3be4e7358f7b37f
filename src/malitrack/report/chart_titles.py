"""Chart titles that state the finding, in the page's language, built from the data.

A title like "amassine-2024-05-19: who said how many were killed" makes the
reader find the story; « Amassine : 29 « terroristes » selon Malian security
source, plus de 30 civils selon le CSP » tells it. Each function here reads
the analysis layer and words figures as their sources said them
(:mod:`malitrack.report.words`).
"""

from __future__ import annotations

import pandas as pd

from malitrack.analysis.claims import counts_toward_toll, independent_claims
from malitrack.analysis.disagreement import incident_disagreement, status_conflict_counts
from malitrack.report.i18n import DEFAULT_LANG, catalog, label
from malitrack.report.leads import claimant_name, incident_range_words
from malitrack.report.words import claim_figure_words, number
from malitrack.text import fold

TERRORISTS = {"fr": "« terroristes »", "en": "“terrorists”"}


def _chart(lang: str, name: str) -> str:
    return catalog(lang)["chart"][name]


def incident_place(claims: pd.DataFrame, incident_id: str) -> str:
    """The incident's place as the claims most often name it (the report passes the register's own)."""
    places = claims.loc[claims["incident_id"] == incident_id, "place_text"].dropna()
    return str(places.mode().iloc[0]) if len(places) else incident_id


def _dead_words(claim, lang: str) -> str:
    """A side's figure and what it called the dead: "29 « terroristes »", "plus de 30 civils"."""
    figure = claim_figure_words(claim, lang)
    words = fold(str(claim.get("victims_text") or ""))
    if claim["victim_status"] == "armed_group" and "terror" in words:
        return f"{figure} {TERRORISTS[lang]}"
    return f"{figure} {label('victim_status', claim['victim_status'], lang)}"


def incident_chart_title(claims: pd.DataFrame, incident_id: str, lang: str = DEFAULT_LANG, outcome: str = "killed",
                         place: str | None = None) -> str:
    """The finding of an incident's claims chart: the two labels for the same dead, else the range.

    >>> incident_chart_title(load_claims(), "amassine-2024-05-19", "en", place="Amassine")  # doctest: +SKIP
    'Amassine: 29 “terrorists” according to Malian security source, more than 30 civilians according to the CSP'
    """
    place = place or incident_place(claims, incident_id)
    about = claims[(claims["incident_id"] == incident_id) & (claims["outcome"] == outcome)]
    independent = independent_claims(about)
    independent = independent[~independent["drift"]]
    counted = independent[counts_toward_toll(independent) & ~independent["denial"] & independent["has_figure"]]
    table = incident_disagreement(about)
    conflict = bool(len(table)) and bool(table["status_conflict"].iloc[0])
    sides = [counted[counted["victim_status"] == status].sort_values("point", ascending=False, kind="stable")
             for status in ("civilian", "armed_group")]
    if conflict and all(len(side) for side in sides):
        civilian, fighters = sides[0].iloc[0], sides[1].iloc[0]
        by = [claimant_name(c["claimant_key"], c.get("claimant_key_basis", ""), c["claimant"], lang)
              for c in (fighters, civilian)]
        return _chart(lang, "conflict_title").format(
            place=place, fighters=_dead_words(fighters, lang), fighters_by=by[0],
            civilians=_dead_words(civilian, lang), civilians_by=by[1],
        )
    spread = incident_range_words(claims, incident_id, lang, outcome)
    if spread is None:
        return _chart(lang, "no_figure_title").format(place=place)
    return _chart(lang, "range_title").format(place=place, range=spread, noun=catalog(lang)["lead_noun"][outcome])


def revision_chart_title(timeline: pd.DataFrame, place: str, lang: str = DEFAULT_LANG) -> str:
    """The largest revision of an incident's timeline (:func:`malitrack.analysis.revisions.toll_revisions`) as a title."""
    revised = timeline[timeline["is_revision"]] if "is_revision" in timeline else timeline.iloc[0:0]
    if revised.empty:
        return _chart(lang, "revision_title_plain").format(place=place)
    step = revised.assign(_size=(revised["point"] - revised["previous_point"]).abs()).sort_values(
        "_size", ascending=False, kind="stable").iloc[0]
    before, after = revision_words(timeline, step, lang)
    name = claimant_name(step["claimant_key"], "", step["claimant"], lang)
    return _chart(lang, "revision_title").format(place=place, name=name, before=before, after=after)


def revision_words(timeline: pd.DataFrame, step, lang: str = DEFAULT_LANG) -> tuple[str, str]:
    """A revision's figures before and after, as the claimant said them ("plus de 100", "au moins 157")."""
    earlier = timeline[(timeline["claimant_key"] == step["claimant_key"]) & (timeline["point"] == step["previous_point"])]
    before = claim_figure_words(earlier.iloc[0], lang) if len(earlier) else number(step["previous_point"], lang)
    return before, claim_figure_words(step, lang)


def trend_chart_title(trend: pd.DataFrame, lang: str = DEFAULT_LANG, freq: str = "year") -> str:
    """The deadliest complete period of a trend (one rule), with its deaths in honest rounding."""
    from malitrack.analysis.trends import describe_total

    series = trend
    if "rule" in series and series["rule"].nunique() > 1:
        series = series[series["rule"] == "conservative"]
    rule = str(series["rule"].iloc[0]) if "rule" in series and len(series) else "conservative"
    series = series[series["best"].notna()]
    if series["period"].duplicated().any():  # one line per region, perpetrator ...: the period's deaths are their sum
        series = series.groupby("period", as_index=False).agg(
            best=("best", "sum"), partial=("partial", "any") if "partial" in series else ("best", "size"))
    complete = series[~series["partial"]] if "partial" in series else series
    series = complete if len(complete) else series  # a partial period only when nothing else is known
    if series.empty:
        return _chart(lang, "trend_title_plain")
    peak = series.sort_values(["best", "period"], ascending=[False, True], kind="stable").iloc[0]
    total = describe_total(peak["best"], peak["best"], lang)
    return _chart(lang, f"trend_title_{freq}").format(peak=peak["period"], total=total, rule=label("selection_rule", rule, lang))


def status_chart_title(disagreement: pd.DataFrame, lang: str = DEFAULT_LANG) -> str:
    """How many incidents call the same dead civilians and fighters."""
    return _chart(lang, "status_title").format(n=status_conflict_counts(disagreement)["n_with_both_figures"])
