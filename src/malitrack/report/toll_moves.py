"""How tolls move: across every incident, do the sources that revise a toll raise it or lower it?

No anchor publishes this: when the army, an armed group, the UN or a local
official corrects its own figure, which way does it go? The series come
from :func:`malitrack.analysis.revisions.revisions_across` (one organisation
counting one side of one incident, first figure against last); here they
are put in one sentence and one chart, in the page's language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from malitrack.analysis.revisions import revision_directions
from malitrack.report.i18n import DEFAULT_LANG, catalog, key
from malitrack.report.words import figure_words

FAMILY_COLOURS = {
    "army or government": "#D55E00", "armed group": "#000000", "UN or NGO": "#0072B2",
    "local official": "#009E73", "media": "#767676",
}


def _t(lang: str, name: str) -> str:
    return catalog(lang)["toll_moves"][name]


def family_words(family: str, lang: str = DEFAULT_LANG) -> str:
    return catalog(lang)["lead_family"].get(key(family), family)


def revisions_sentence(revisions: pd.DataFrame, lang: str = DEFAULT_LANG) -> str:
    """The finding in one sentence: how many revised tolls went up and down, overall and by kind of claimant.

    ``revisions`` is :func:`malitrack.analysis.revisions.revisions_across`.
    """
    directions = revision_directions(revisions)
    total = directions[["n_revised", "up", "down", "same"]].sum()
    families = [
        _t(lang, "family").format(family=family_words(family, lang), up=int(row["up"]), down=int(row["down"]),
                                  n=int(row["n_revised"]))
        for family, row in directions.iterrows()
    ]
    same = _t(lang, "same").format(n=int(total["same"])) if total["same"] else ""
    from malitrack.report.leads import french_spacing

    sentence = _t(lang, "sentence").format(n=int(total["n_revised"]), up=int(total["up"]), down=int(total["down"]),
                                           same=same, families=" ; ".join(families) if lang == "fr" else "; ".join(families))
    return french_spacing(sentence, lang)


def _figure_of(row, end: str, lang: str) -> str:
    return figure_words(row[f"{end}_low"], row[f"{end}_best"], row[f"{end}_high"], str(row[f"{end}_qualifier"]), lang,
                        figure_text=row[f"{end}_figure_text"])


def revisions_table(revisions: pd.DataFrame, incidents: pd.DataFrame, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """The incidents behind the sentence, one row per revised toll, figures as said, in words of ``lang``."""
    places = incidents.set_index("incident_id")
    from malitrack.analysis.dates import format_date
    from malitrack.report.leads import claimant_name

    rows = []
    for _, row in revisions.iterrows():
        incident = places.loc[row["incident_id"]] if row["incident_id"] in places.index else None
        date = format_date(incident["date_start"], incident["date_end"], str(incident["date_precision"]), lang) if incident is not None else ""
        rows.append({
            _t(lang, "column_incident"): f"{incident['place']}, {date}" if incident is not None else row["incident_id"],
            _t(lang, "column_source"): claimant_name(row["claimant_key"], "", row["claimant"], lang),
            _t(lang, "column_kind"): family_words(row["family"], lang),
            _t(lang, "column_first"): _figure_of(row, "first", lang),
            _t(lang, "column_last"): _figure_of(row, "last", lang),
            _t(lang, "column_direction"): {"up": "↑", "down": "↓", "same": "="}[row["direction"]],
        })
    return pd.DataFrame(rows)


def revisions_chart(revisions: pd.DataFrame, incidents: pd.DataFrame, claims: pd.DataFrame, lang: str = DEFAULT_LANG,
                    version: str | None = None):
    """One row per revised toll: a dot at the first figure, an arrow to the last, coloured by kind of claimant.

    Rows are grouped by kind of claimant; the title states the finding.
    """
    from malitrack.report.charts import _figure, _finish, _legend, _wrap, house_style, source_line
    from malitrack.report.leads import claimant_name

    table = revisions.sort_values(["family", "last_point"], kind="stable").reset_index(drop=True)
    places = incidents.set_index("incident_id")
    labels = []
    for _, row in table.iterrows():
        place = places.loc[row["incident_id"], "place"] if row["incident_id"] in places.index else row["incident_id"]
        year = pd.Timestamp(places.loc[row["incident_id"], "date_start"]).year if row["incident_id"] in places.index else ""
        labels.append(_wrap(_t(lang, "row").format(place=place, year=year,
                                                    claimant=claimant_name(row["claimant_key"], "", row["claimant"], lang)), 45))
    directions = table["direction"].value_counts()
    up, down, n = int(directions.get("up", 0)), int(directions.get("down", 0)), len(table)
    title = _t(lang, "title_up" if up >= down else "title_down").format(up=up, down=down, n=n)
    with house_style():
        figure = _figure(height=max(3.2, 1.6 + 0.3 * len(table)))
        axes = figure.add_subplot()
        seen = set()
        for y, row in table.iterrows():
            colour = FAMILY_COLOURS.get(row["family"], "#767676")
            first, last = float(row["first_point"]), float(row["last_point"])
            label = family_words(row["family"], lang) if row["family"] not in seen else None
            seen.add(row["family"])
            axes.plot([first], [y], "o", color=colour, markersize=5, label=label)
            if first != last:
                axes.annotate("", xy=(last, y), xytext=(first, y), arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.5})
        axes.set_yticks(np.arange(len(table)), labels, fontsize=7)
        # tolls from 2 to 157 on one line: a log-like scale, with ticks in plain numbers a reader can read
        axes.set_xscale("symlog", linthresh=10)
        top = float(np.nanmax(table[["first_point", "last_point"]].to_numpy(dtype=float))) * 1.2
        ticks = [t for t in (0, 5, 10, 20, 50, 100, 200, 500, 1000) if t <= top]
        axes.set_xticks(ticks, [str(t) for t in ticks])
        axes.minorticks_off()
        axes.set_xlim(0, top)
        axes.grid(axis="x", color="#dddddd")
        axes.grid(axis="y", visible=False)
        axes.set_xlabel(_t(lang, "axis"))
        _legend(axes, loc="lower right", fontsize=7)
        shown = claims[claims["incident_id"].isin(set(revisions["incident_id"]))]
        source = source_line(shown, version, lang)
        _finish(figure, _wrap(title, 80), _t(lang, "subtitle"), source, left=0.42)
    return figure
