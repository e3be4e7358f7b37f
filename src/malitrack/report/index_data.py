"""What the index shows: one row per incident, the edition's facts, and the months after the claims stop.

A row is what a reporter needs to find an incident and decide whether to
open it: the date at its precision, the place and region, the type in words,
the death toll in the sources' own words (the lowest and the highest
independent figures as written: « 29 » to "over 30", never an internal
bound), the kinds of claimant, the grade, the disputes, and a link to the
profile when there is one. ``search`` is the row's text folded with
:func:`malitrack.text.fold` (no case, no accents), so « segou » finds Ségou;
the page's script folds what the reader types the same way.
"""

from __future__ import annotations

import pandas as pd

from malitrack.analysis.dates import format_date
from malitrack.report.edition import format_number, words
from malitrack.report.i18n import label
from malitrack.text import fold

#: the disagreement columns shown as flags, and their words in ``[ui]``
FLAGS = {"count_conflict": "flag_count", "status_conflict": "flag_status", "attribution_conflict": "flag_attribution"}


def _quoted(text: str, lang: str) -> str:
    return f"« {text} »" if lang == "fr" else f"“{text}”"


def toll_html(toll: str):
    """The toll as HTML: each quoted figure isolated (``<bdi>``), so an Arabic figure does not reorder its line.

    >>> str(toll_html("« un villageois » à « ما لا يقل عن 100 قتيل »"))
    '« <bdi>un villageois</bdi> » à « <bdi>ما لا يقل عن 100 قتيل</bdi> »'
    """
    import re

    from markupsafe import Markup, escape

    parts = re.split(r"(« [^»]* »|“[^”]*”)", toll)
    html = []
    for part in parts:
        if part.startswith("« ") and part.endswith(" »"):
            html.append(Markup("« <bdi>{}</bdi> »").format(part[2:-2]))
        elif part.startswith("“") and part.endswith("”"):
            html.append(Markup("“<bdi>{}</bdi>”").format(part[1:-1]))
        else:
            html.append(escape(part))
    return Markup("").join(html)


def toll_in_words(counted: pd.DataFrame, lang: str) -> str:
    """The range of an incident's death toll in the sources' words: the lowest and highest figures as written.

    ``counted``: the incident's independent claims that may set its range
    (:func:`malitrack.analysis.claims.toll_claims`), deaths only.

    >>> claims = pd.DataFrame({"figure_text": ["29", "over 30", "au moins 29"], "low": [29, 31, 29],
    ...                        "best": [29, 31, 29], "high": [29, None, None]})
    >>> toll_in_words(claims, "en"), toll_in_words(claims.iloc[[0]], "fr")
    ('“29” to “over 30”', '« 29 »')
    """
    figures = counted[counted["figure_text"].notna() & counted["low"].notna()]
    if figures.empty:
        return words("no_killed_figure", lang)
    # ordered by each claim's own figure (its floor when the words give no single number)
    ordered = figures.assign(_point=figures["best"].fillna(figures["low"])).sort_values(["_point", "low"], kind="stable")
    low_row, high_row = ordered.iloc[0], ordered.iloc[-1]
    low_text, high_text = str(low_row["figure_text"]), str(high_row["figure_text"])
    if low_text == high_text or low_row.name == high_row.name:
        return _quoted(low_text, lang)
    return words("toll_range", lang, low=_quoted(low_text, lang), high=_quoted(high_text, lang))


def incident_facts(claims: pd.DataFrame) -> dict:
    """What the rows are read from, the same in every language: computed once for both editions."""
    from malitrack.analysis.claims import toll_claims
    from malitrack.analysis.disagreement import incident_disagreement
    from malitrack.analysis.grades import incident_grades

    disagreement = incident_disagreement(claims)
    counted = toll_claims(claims)
    counted = counted[counted["outcome"] == "killed"]
    return {
        "killed": disagreement[disagreement["outcome"] == "killed"].set_index("incident_id"),
        "grade_of": incident_grades(claims, disagreement=disagreement).set_index(["incident_id", "outcome"])["grade"],
        "main_outcome": claims.groupby("incident_id")["outcome"].agg(
            lambda outcomes: "killed" if (outcomes == "killed").any() else outcomes.mode().iloc[0]),
        "counted": counted,
        "counted_by_incident": dict(tuple(counted.groupby("incident_id"))),
        "types_by_incident": claims.groupby("incident_id")["claimant_type"].agg(lambda types: sorted(set(types))),
    }


def incident_rows(claims: pd.DataFrame, incidents: pd.DataFrame, profiles: dict[str, str], lang: str,
                  facts: dict | None = None) -> list[dict]:
    """One dict per incident, newest first: what the index table shows and filters on.

    ``profiles``: incident id -> file name of its profile in this edition;
    ``facts``: :func:`incident_facts` of ``claims``, when at hand.
    """
    facts = incident_facts(claims) if facts is None else facts
    killed, grade_of, main_outcome = facts["killed"], facts["grade_of"], facts["main_outcome"]
    counted, counted_by_incident = facts["counted"], facts["counted_by_incident"]
    types_by_incident = facts["types_by_incident"]
    rows = []
    for incident in incidents.sort_values(["date_start", "incident_id"], ascending=[False, True]).itertuples():
        incident_id = incident.incident_id
        region = incident.admin1 if isinstance(incident.admin1, str) else words("region_unknown", lang)
        types = [label("claimant_type", kind, lang) for kind in types_by_incident.get(incident_id, [])]
        outcome = main_outcome.get(incident_id)
        grade = grade_of.get((incident_id, outcome)) if outcome is not None else None
        flags = [key for key in FLAGS if incident_id in killed.index and bool(killed.at[incident_id, key])]
        empty = counted.iloc[0:0]
        toll = toll_in_words(counted_by_incident.get(incident_id, empty), lang)
        place = str(incident.place)
        row = {
            "incident_id": incident_id,
            "href": profiles.get(incident_id),
            "date": format_date(incident.date_start, incident.date_end, incident.date_precision, lang=lang),
            "date_sort": pd.Timestamp(incident.date_start).strftime("%Y-%m-%d"),
            "year": str(pd.Timestamp(incident.date_start).year),
            "place": place,
            "region": region,
            "type": label("incident_type", incident.incident_type, lang) if isinstance(incident.incident_type, str) else "",
            "type_code": incident.incident_type if isinstance(incident.incident_type, str) else "",
            "toll": toll,
            "toll_html": toll_html(toll),
            "claimants": ", ".join(types),
            "grade": label("grade", grade, lang) if isinstance(grade, str) else "–",
            "flags": flags,
            "flag_words": [words(FLAGS[key], lang) for key in flags],
        }
        row["search"] = fold(" ".join([place, region, incident_id, row["type"], row["claimants"], str(incident.title)
                                       if isinstance(incident.title, str) else "", row["date"], toll]))
        rows.append(row)
    return rows


def data_through(incidents: pd.DataFrame, lang: str) -> str:
    """The last incident's date, at its precision: what a "data through" line states."""
    last = incidents.sort_values(["date_start", "incident_id"]).iloc[-1]
    return format_date(last["date_start"], last["date_end"], last["date_precision"], lang=lang)


def ucdp_events(folder) -> pd.DataFrame | None:
    """The shipped UCDP events (every ``*.csv`` of ``folder``, in name order: older releases first), or None."""
    from malitrack.importers.ucdp import read_ucdp_ged

    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    return concat_events([read_ucdp_ged(path).events for path in files])


def concat_events(frames: list[pd.DataFrame]) -> pd.DataFrame | None:
    """UCDP event frames of several files as one, in the order given; None when there is no event."""
    frames = [frame for frame in frames if len(frame)]
    return pd.concat(frames, ignore_index=True) if frames else None


def _month_words(period, lang: str) -> str:
    return format_date(pd.Period(period, "M").start_time, precision="month", lang=lang)


def after_claims(claims: pd.DataFrame, events: pd.DataFrame | None, lang: str) -> dict | None:
    """The months with UCDP events and no gathered claim after the claims stop: sentence, months, events as UCDP recorded them."""
    from malitrack.analysis.coverage import coverage_gap, coverage_gap_sentence, events_after_claims

    if events is None or events.empty:
        return None
    sentence = coverage_gap_sentence(claims, events, lang=lang)
    if sentence is None:
        return None
    gap = coverage_gap(claims, events)
    months = gap[gap["after_claims"] & gap["gap"]]
    listed = events_after_claims(claims, events)
    return {
        "sentence": sentence,
        "months": [{"month": _month_words(row.period, lang), "ucdp_events": format_number(row.ucdp_events, lang),
                    "ucdp_best": format_number(row.ucdp_best, lang),
                    "ucdp_range": f"{format_number(row.ucdp_low, lang)}–{format_number(row.ucdp_high, lang)}"}
                   for row in months.itertuples()],
        "events": [{"date": format_date(row.date_start, row.date_end, "day" if row.date_start == row.date_end else "days",
                                        lang=lang),
                    "place": row.place, "region": row.adm_1, "sides": f"{row.side_a} – {row.side_b}",
                    "ucdp_best": format_number(row.best, lang),
                    "ucdp_range": f"{format_number(row.low, lang)}–{format_number(row.high, lang)}", "ucdp_id": row.ucdp_id}
                   for row in listed.itertuples()],
    }
