"""Charts of casualty claims, in the house style, saved byte for byte the same every time.

Every function returns a :class:`matplotlib.figure.Figure` (no pyplot state,
so reports can draw hundreds of incident profiles without leaking memory)
and draws with the style shipped in the package (``malitrack.mplstyle``):
DejaVu Sans, which has every French accent and Arabic glyph, and colours
from the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color
Universal Design"), darkened where needed so that every marker colour has at
least 3:1 contrast on the white background (WCAG 2.1, non-text contrast).
Claimant types keep one colour and one marker shape each, so the charts read
in grey too. Every chart takes ``lang`` (French by default, see
:mod:`malitrack.report.i18n`); its title states the finding, built from the
data by a function (:func:`incident_chart_title`, ...).

Every chart carries a source line: how many claims from how many outlets it
shows, the dataset version (:func:`malitrack.clean.load.data_version`), and that
the data cover documented incidents only.

**Map.** :func:`malitrack.report.maps.incident_map` (its own module: it reads
the shipped boundary file).

**Deterministic files.** :func:`save_figure` writes a PNG (``metadata=
{"Software": None}``) and an SVG (text kept as text, ``svg.fonttype: none``,
searchable and copyable, with a generic font stack; ``metadata={"Date":
None}``, ``svg.hashsalt`` fixed from the file name, so element ids do not
change between runs), each atomically via :mod:`malitrack.atomic`.
"""

from __future__ import annotations

from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from malitrack.atomic import write_atomic, write_bytes_atomic
from malitrack.analysis.dates import format_date
from malitrack.analysis.disagreement import independent_claims, status_conflict_counts, toll_revisions
from malitrack.report.i18n import DEFAULT_LANG

# Okabe–Ito colours, the light ones darkened to at least 3:1 on white; grey for claims nobody could attribute
BACKGROUND = "#FFFFFF"
CLAIMANT_COLOURS = {
    "military": "#D55E00",
    "government": "#B36B00",  # Okabe–Ito orange E69F00, darkened
    "foreign_military": "#A65F8C",  # reddish purple CC79A7, darkened
    "armed_group": "#000000",
    "un": "#0072B2",
    "ngo": "#3A87B8",  # sky blue 56B4E9, darkened
    "local_official": "#009E73",
    "community": "#8F7F00",  # yellow F0E442, darkened
    "media": "#767676",
    "unknown": "#767676",
}
CLAIMANT_MARKERS = {
    "military": "s",
    "government": "D",
    "foreign_military": "P",
    "armed_group": "X",
    "un": "o",
    "ngo": "^",
    "local_official": "v",
    "community": "<",
    "media": ">",
    "unknown": "h",
}
STATUS_COLOURS = {"civilian": "#0072B2", "armed_group": "#D55E00", "state_forces": "#007A5A",
                  "foreign_forces": "#007A5A", "mixed": "#A65F8C", "unspecified": "#767676"}
STATUS_MARKERS = {"civilian": "o", "armed_group": "s", "state_forces": "^", "foreign_forces": "^", "mixed": "D",
                  "unspecified": "o"}
COVERAGE = "Documented incidents only, not every death in Mali."
LABEL_WIDTH = 34  # characters per line of a claim's label: long names wrap, never cut


def contrast_ratio(colour: str, background: str = BACKGROUND) -> float:
    """WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours (1 to 21).

    >>> round(contrast_ratio("#000000"), 1), round(contrast_ratio("#F0E442"), 2)
    (21.0, 1.32)
    """
    def luminance(value: str) -> float:
        channels = [int(value[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _words(lang: str, name: str) -> str:
    from malitrack.report.i18n import catalog

    return catalog(lang)["chart"][name]


def style_path() -> Path:
    """The house style sheet shipped in the package."""
    return Path(str(resources.files("malitrack.report") / "malitrack.mplstyle"))


@contextmanager
def house_style():
    """Draw (and save) inside this context to use the house style."""
    import matplotlib.style

    with matplotlib.style.context(style_path()):
        yield


def source_line(claims: pd.DataFrame, version: str | None = None, lang: str = "en") -> str:
    """The source line every chart carries: claims, outlets, dataset version, coverage.

    >>> claims = pd.DataFrame({"outlet": ["RFI", "AFP", "RFI"]})
    >>> source_line(claims, version="dbe8d701c737")
    'Source: malitrack, 3 claims from 2 outlets; data version dbe8d701c737. Documented incidents only, not every death in Mali.'
    >>> source_line(claims, version="dbe8d701c737", lang="fr")[:44]
    'Source : malitrack, 3 revendications de 2 mé'
    """
    from malitrack.report.words import number

    if version is None:
        from malitrack.clean.load import data_version

        version = data_version()
    n_claims, n_outlets = len(claims), claims["outlet"].nunique()
    outlets = _words(lang, "outlets_one" if n_outlets == 1 else "outlets_many").format(n=number(n_outlets, lang))
    counted = _words(lang, "claims_one" if n_claims == 1 else "claims_many").format(n=number(n_claims, lang), outlets=outlets)
    return _words(lang, "source").format(claims=counted, version=version)


def _figure(height: float | None = None):
    from matplotlib.figure import Figure

    figure = Figure()
    if height is not None:
        figure.set_size_inches(figure.get_size_inches()[0], height)
    return figure


def _finish(figure, title: str, subtitle: str | None, source: str, left: float = 0.1) -> None:
    """Title and subtitle at the top left of the figure, the source line at the bottom, margins in inches."""
    height = figure.get_size_inches()[1]
    # a wrapped title or subtitle pushes what is below it down, line by line
    title_extra = 0.19 * title.count("\n")
    subtitle_extra = 0.14 * subtitle.count("\n") if subtitle else 0.0
    figure.suptitle(title, x=0.01, y=1 - 0.12 / height, ha="left", va="top", fontsize=11, fontweight="bold")
    if subtitle:
        figure.text(0.01, 1 - (0.4 + title_extra) / height, subtitle, ha="left", va="top", fontsize=8, color="#444444")
    figure.text(0.01, 0.08 / height, source, fontsize=6.5, color="#555555", ha="left", va="bottom")
    top = 0.75 + title_extra + subtitle_extra
    figure.subplots_adjust(left=left, right=0.97, top=1 - top / height, bottom=0.85 / height)


def trend_chart(
    trend: pd.DataFrame, claims: pd.DataFrame, title: str | None = None, version: str | None = None,
    lang: str = DEFAULT_LANG, freq: str = "year",
):
    """A casualty trend from :mod:`malitrack.analysis.trends`: best line, low–high band.

    With one series the band shades low to high; where a period's high is
    open-ended ("au moins") the band stops at its best and the period is
    marked with a triangle. A frame with a grouping column (``admin1``,
    ``perpetrator``, ``victim_status``, ``according_to`` or ``rule``) draws
    one line per group.

    >>> trend_chart(casualty_trend(load_claims()), load_claims())  # doctest: +SKIP
    """
    groups = [c for c in ("admin1", "perpetrator", "victim_status", "according_to", "rule") if c in trend]
    group = next((c for c in groups if trend[c].nunique() > 1), None)
    outcome = trend["outcome"].iloc[0] if len(trend) else "killed"
    rule = trend["rule"].iloc[0] if "rule" in trend and len(trend) else ""
    with house_style():
        figure = _figure()
        axes = figure.add_subplot()
        # a partial period is not joined to the others: its point stands alone, hollow (below)
        partial_rows = trend["partial"].to_numpy(dtype=bool) if "partial" in trend else np.zeros(len(trend), dtype=bool)
        if group is None:
            x = pd.to_datetime(trend["period_start"])
            low = trend["low"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            best = trend["best"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            high = trend["high"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            low, best, high = (np.where(partial_rows, np.nan, values) for values in (low, best, high))
            band_top = np.where(np.isnan(high), best, high)
            axes.fill_between(x, low, band_top, color="#0072B2", alpha=0.2, linewidth=0, label=_words(lang, "low_high"))
            axes.plot(x, best, color="#0072B2", marker="o", markersize=3, label=_words(lang, "best").format(rule=_rule_words(rule, lang)))
            open_ended = np.isnan(high) & ~np.isnan(best)
            axes.plot(x[open_ended], best[open_ended], linestyle="none", marker="^", color="#D55E00",
                      markersize=5, label=_words(lang, "open_ended"))
        else:
            periods = sorted(pd.to_datetime(trend["period_start"]).unique())
            for number, (name, series) in enumerate(trend.groupby(group, sort=True)):
                # a period without an incident of this group leaves a gap, not a line across it
                complete = series[~series["partial"]] if "partial" in series else series
                best = complete.set_index(pd.to_datetime(complete["period_start"]))["best"].astype(float).reindex(periods)
                shown = _rule_words(name, lang) if group == "rule" else str(name).replace("_", " ")
                axes.plot(best.index, best.to_numpy(), marker="o", markersize=3, label=shown,
                          linestyle="-" if number < 8 else "--")
        notes = []
        if "partial" in trend and trend["partial"].any():
            # a period the data cover only in part is never drawn as complete: hollow marker, named in the subtitle
            partial = trend[trend["partial"]]
            axes.plot(pd.to_datetime(partial["period_start"]), partial["best"].astype(float), linestyle="none",
                      marker="o", markersize=7, markerfacecolor="white", markeredgecolor="#222222",
                      label=_words(lang, "partial_period"), zorder=5)
            ends = sorted({format_date(d, precision="day", lang=lang) for d in partial["covered_to"]})
            notes.append(_words(lang, "partial_note").format(dates=", ".join(ends)))
        if "n_incidents" in trend and group in (None, "rule"):
            # incidents recorded per period beside the deaths: more incidents can mean more reporting
            recorded = trend.groupby(pd.to_datetime(trend["period_start"]))["n_incidents"].max()
            for x, n in recorded.items():
                axes.annotate(f"{n}", (x, 0), xytext=(0, 3), textcoords="offset points", ha="center",
                              fontsize=6, color="#555555")
            notes.append(_words(lang, "incidents_note"))
        from malitrack.report.chart_titles import trend_chart_title
        from malitrack.report.i18n import catalog

        axes.set_ylabel(_words(lang, "trend_y").format(verb=catalog(lang)["lead_outcome"][outcome]))
        axes.set_ylim(bottom=0)
        _legend(axes, loc="upper left", ncols=2 if group else 1)
        title = title or trend_chart_title(trend, lang, freq)
        rule_note = [_words(lang, "rule_note").format(rule=_rule_words(rule, lang))] if rule and group != "rule" else []
        subtitle = "; ".join(rule_note + notes) or None
        _finish(figure, _wrap(title, 80), subtitle, source_line(claims, version, lang))
    return figure


def _rule_words(rule: str, lang: str) -> str:
    from malitrack.report.i18n import label

    return label("selection_rule", rule, lang)


def _legend(axes, **options) -> None:
    """A legend when something was drawn with a label (an incident may have no figure at all)."""
    if axes.get_legend_handles_labels()[0]:
        axes.legend(**options)


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """Long labels on several lines, never cut: a reader must see each claimant's full name."""
    import textwrap

    return "\n".join(textwrap.wrap(" ".join(str(text).split()), width, break_long_words=False)) or str(text)


def _status_legend(lang: str) -> dict[str, str]:
    from malitrack.report.i18n import label

    words = {status: label("victim_status", status, lang) for status in STATUS_COLOURS}
    words["unspecified"] = _words(lang, "not_said")
    return words


def incident_claims_chart(
    claims: pd.DataFrame,
    incident_id: str,
    outcome: str = "killed",
    title: str | None = None,
    version: str | None = None,
    independent: pd.DataFrame | None = None,
    lang: str = DEFAULT_LANG,
    place: str | None = None,
):
    """Each independent claim about one incident as an interval (dumbbell), marked by what it called the dead.

    A marker shows the claim's point figure, its shape and colour what the
    claimant called the dead (civilians, fighters, soldiers, not said; legend
    in words); a line its low–high interval; an arrow an open-ended claim
    ("au moins 500"). Each claimant is named in full, on several lines when
    long. Claims without a number are counted in the subtitle, denials named
    there, never drawn as 0. The title states the finding
    (:func:`malitrack.report.chart_titles.incident_chart_title`). Pass
    ``independent`` when :func:`malitrack.analysis.disagreement.independent_claims`
    of these claims is at hand, so it is not worked out twice.

    >>> incident_claims_chart(load_claims(), "amassine-2024-05-19", lang="en")  # doctest: +SKIP
    """
    from malitrack.report.chart_titles import incident_chart_title
    from malitrack.report.words import claim_figure_words

    rows = claims[(claims["incident_id"] == incident_id) & (claims["outcome"] == outcome)]
    if rows.empty:
        raise ValueError(f"no {outcome!r} claims for incident {incident_id!r}")
    if independent is None:
        independent = independent_claims(rows)
    else:
        independent = independent[(independent["incident_id"] == incident_id) & (independent["outcome"] == outcome)]
    figures = independent[independent["has_figure"] & ~independent["denial"]]
    # an outlet's rewriting error is nobody's claim; "plusieurs" (2 upwards) is no line beside precise figures
    errors = figures[figures["drift"]]
    precise = figures[~figures["drift"] & ~figures["vague"]]
    vague = figures[~figures["drift"] & figures["vague"]] if len(precise) else figures.iloc[0:0]
    drawn = figures.drop(index=errors.index.union(vague.index))
    drawn = drawn.sort_values(["lower", "point"], na_position="first")
    labels = [
        _wrap(f"{c.claimant}: “{c.figure_text}”" + (f" ×{c.n_copies}" if c.n_copies > 1 else "")
              + (f" {_words(lang, 'part_only')}" if c.partial_scope else ""))
        for c in drawn.itertuples()
    ]
    lines = sum(label.count("\n") + 1 for label in labels)
    legend_words = _status_legend(lang)
    with house_style():
        figure = _figure(height=max(3.2, 1.6 + 0.17 * lines + 0.12 * len(labels)))
        axes = figure.add_subplot()
        finite_top = np.nanmax(np.concatenate([drawn["upper"].replace(np.inf, np.nan), drawn["lower"], drawn["point"]])) if len(drawn) else 1.0
        arrow_to = finite_top * 1.15 if np.isfinite(finite_top) else 1.0
        seen = set()
        for y, claim in enumerate(drawn.itertuples()):
            status = claim.victim_status if claim.victim_status in STATUS_COLOURS else "unspecified"
            colour = STATUS_COLOURS[status]
            lower = claim.lower if not np.isnan(claim.lower) else 0
            upper = claim.upper if np.isfinite(claim.upper) else arrow_to
            axes.plot([lower, upper], [y, y], color=colour, linewidth=2, alpha=0.6, solid_capstyle="butt")
            if not np.isfinite(claim.upper):
                axes.annotate("", xy=(arrow_to, y), xytext=(max(lower, arrow_to * 0.97), y),
                              arrowprops={"arrowstyle": "->", "color": colour})
            label = legend_words[status] if status not in seen else None
            seen.add(status)
            # a range or an upper bound has no point figure: only its interval is drawn
            point = claim.point if not np.isnan(claim.point) else np.nan
            hollow = status == "unspecified"
            axes.plot([point], [y], linestyle="none", marker=STATUS_MARKERS[status], markersize=6, label=label,
                      color=colour, markerfacecolor="white" if hollow else colour, markeredgecolor=colour if hollow else "#222222")
        axes.set_yticks(range(len(drawn)), labels, fontsize=7)
        axes.set_xlim(left=0)
        axes.grid(axis="x", color="#dddddd")
        axes.grid(axis="y", visible=False)
        from malitrack.report.i18n import catalog

        verb = catalog(lang)["lead_outcome"][outcome]
        axes.set_xlabel(_wrap(_words(lang, "claims_axis").format(verb=verb), 60))
        _legend(axes, loc="best", fontsize=7)
        if drawn.empty:
            axes.text(0.5, 0.5, _words(lang, "no_number_drawn"), transform=axes.transAxes,
                      ha="center", va="center", color="#555555")
        # a denial is a claim that nobody (of this kind) died: named as such, never drawn as a count of 0
        denied = independent[independent["denial"]]
        silent = len(independent) - len(drawn) - len(denied)
        names = "; ".join(f"{c.claimant} ({claim_figure_words(c._asdict(), lang)})" for c in denied.itertuples())
        silent -= len(errors) + len(vague)
        worded = "; ".join(f"“{c.figure_text}” ({c.claimant})" for c in vague.itertuples())
        subtitle = (" ; " if lang == "fr" else "; ").join(
            [_words(lang, "claims_subtitle").format(n=len(drawn))]
            + ([_words(lang, "without_number").format(n=silent)] if silent else [])
            + ([_words(lang, "denials").format(n=len(denied), names=names)] if len(denied) else [])
            + ([_words(lang, "vague_left_out").format(words=worded)] if len(vague) else [])
            + ([_words(lang, "errors_left_out").format(n=len(errors))] if len(errors) else [])
        )
        subtitle = _wrap(subtitle, 135)
        title = title or incident_chart_title(claims, incident_id, lang, outcome, place)
        _finish(figure, _wrap(title, 80), subtitle, source_line(rows, version, lang), left=0.42)
    return figure


def status_conflict_chart(
    disagreement: pd.DataFrame, claims: pd.DataFrame, title: str | None = None, version: str | None = None,
    lang: str = DEFAULT_LANG, places: dict[str, str] | None = None,
):
    """Incidents where some call the dead civilians and others fighters: both figures side by side.

    Rows are named by place and date when ``places`` (incident id -> words)
    is given, else by incident id.

    One row per incident with a victim-status conflict (from
    :func:`malitrack.analysis.disagreement.incident_disagreement`): the highest
    civilian-labelled figure and the highest armed-group-labelled figure,
    joined by a line; the shorter bar is the contested-status deaths.

    >>> status_conflict_chart(incident_disagreement(load_claims()), load_claims())  # doctest: +SKIP
    """
    conflicts = disagreement[disagreement["status_conflict"] & disagreement["civilian_figure"].notna()
                             & disagreement["armed_group_figure"].notna()]
    conflicts = conflicts.sort_values("incident_id", ascending=False)
    shown = claims[claims["incident_id"].isin(set(conflicts["incident_id"]))]
    with house_style():
        figure = _figure(height=max(3.0, 1.4 + 0.3 * len(conflicts)))
        axes = figure.add_subplot()
        y = np.arange(len(conflicts))
        civilian = conflicts["civilian_figure"].astype(float).to_numpy()
        armed = conflicts["armed_group_figure"].astype(float).to_numpy()
        axes.hlines(y, np.minimum(civilian, armed), np.maximum(civilian, armed), color="#bbbbbb", linewidth=2)
        axes.plot(civilian, y, "o", color=STATUS_COLOURS["civilian"], label=_words(lang, "called_civilians"))
        axes.plot(armed, y, "s", color=STATUS_COLOURS["armed_group"], label=_words(lang, "called_fighters"))
        names = [(places or {}).get(i, i) for i in conflicts["incident_id"]]
        axes.set_yticks(y, [_wrap(f"{n} ({o})" if o != "killed" else n, 40) for n, o in zip(names, conflicts["outcome"])])
        axes.set_xlim(left=0)
        axes.grid(axis="x", color="#dddddd")
        axes.grid(axis="y", visible=False)
        axes.set_xlabel(_words(lang, "status_axis"))
        _legend(axes, loc="lower right")
        counts = status_conflict_counts(disagreement)
        from malitrack.report.chart_titles import status_chart_title
        from malitrack.report.words import number

        subtitle = _words(lang, "status_subtitle").format(
            n=counts["n_with_both_figures"], total=counts["n_conflicts"], deaths=number(counts["contested_deaths"], lang))
        _finish(figure, _wrap(title or status_chart_title(disagreement, lang), 95), subtitle,
                source_line(shown, version, lang), left=0.33)
    return figure


def _date_label(date, precision: str) -> str:
    if pd.isna(date) or precision not in ("day", "month", "year"):
        return "undated"
    return pd.Timestamp(date).strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision])


def revision_timeline_chart(
    claims: pd.DataFrame,
    incident_id: str,
    outcome: str = "killed",
    title: str | None = None,
    version: str | None = None,
    timeline: pd.DataFrame | None = None,
    lang: str = DEFAULT_LANG,
    place: str | None = None,
):
    """How one incident's toll moved: every figure in report order, each claimant's revisions joined.

    The x axis is the order of the timeline (:func:`malitrack.analysis.disagreement.toll_revisions`:
    publication date, then first/provisional before revised/final), labelled
    with each report's date as precisely as it is known; many reports carry
    only a month, or no date. Points of one claimant are joined by a line and
    each revision is labelled "before → after". Pass ``timeline`` when
    ``toll_revisions(claims, incident_id, outcome)`` is at hand, so it is not
    worked out twice.

    >>> revision_timeline_chart(load_claims(), "ogossagou-2019-03-23")  # doctest: +SKIP
    """
    rows = claims[(claims["incident_id"] == incident_id) & (claims["outcome"] == outcome)]
    if timeline is None:
        timeline = toll_revisions(rows, incident_id, outcome, lang=lang)
    # a denial is no 0 on a toll line, and a part of the incident is not its toll: marked apart below
    outside = timeline[timeline["change"].isin(["denial", "part only"])] if "change" in timeline else timeline.iloc[0:0]
    timeline = timeline[timeline["point"].notna() & ~timeline.index.isin(outside.index)].reset_index(drop=True)
    precision = timeline["published_precision"] if "published_precision" in timeline else pd.Series("day", index=timeline.index)
    with house_style():
        figure = _figure()
        axes = figure.add_subplot()
        seen = set()
        for (key, _side), series in timeline.groupby(["claimant_key", "enemy_side"], sort=True):
            kind = series["claimant_type"].iloc[0]
            colour = CLAIMANT_COLOURS.get(kind, "#999999")
            from malitrack.report.i18n import label as vocabulary_label

            label = vocabulary_label("claimant_type", kind, lang) if kind not in seen else None
            seen.add(kind)
            axes.plot(series.index, series["point"], color=colour, marker=CLAIMANT_MARKERS.get(kind, "o"),
                      markeredgecolor="#222222", label=label, linewidth=1.5 if len(series) > 1 else 0)
        from malitrack.report.chart_titles import revision_words

        revisions = timeline[timeline["is_revision"]]
        for position, claim in revisions.iterrows():
            right_half = position > len(timeline) / 2
            before, after = revision_words(timeline, claim, lang)
            axes.annotate(_wrap(f"{claim['claimant']}: {before} → {after}", 30),
                          (position, claim["point"]), fontsize=6.5, xytext=(-4 if right_half else 4, 4),
                          textcoords="offset points", ha="right" if right_half else "left")
        labels = list(timeline["published"]) if "published" in timeline else [_date_label(d, p) for d, p in zip(timeline["published_date"], precision)]
        axes.set_xticks(range(len(timeline)), labels, rotation=90, fontsize=6.5)
        axes.set_ylim(bottom=0)
        from malitrack.report.i18n import catalog

        axes.set_ylabel(_words(lang, "revision_y").format(verb=catalog(lang)["lead_outcome"][outcome]))
        axes.set_xlabel(_words(lang, "revision_axis"))
        _legend(axes, loc="lower right", fontsize=7)
        subtitle = _words(lang, "revision_subtitle").format(n=len(timeline), revised=len(revisions))
        denials, parts = int((outside["change"] == "denial").sum()), int((outside["change"] == "part only").sum())
        separator = " ; " if lang == "fr" else "; "
        if denials:
            subtitle += separator + _words(lang, "revision_denials").format(n=denials)
        if parts:
            subtitle += separator + _words(lang, "revision_parts").format(n=parts)
        from malitrack.report.chart_titles import incident_place, revision_chart_title

        title = title or revision_chart_title(timeline, place or incident_place(claims, incident_id), lang)
        _finish(figure, _wrap(title, 80), subtitle, source_line(rows, version, lang))
        figure.subplots_adjust(bottom=1.45 / figure.get_size_inches()[1])
    return figure


def save_figure(figure, path_without_suffix) -> tuple[Path, Path]:
    """Write ``<path>.png`` and ``<path>.svg``, atomically and byte-for-byte reproducibly.

    The SVG's ``svg.hashsalt`` is the file name, fixed per figure.

    >>> save_figure(figure, paths.reports_dir() / "charts" / "amassine")  # doctest: +SKIP
    """
    base = Path(path_without_suffix)
    png, svg = base.with_name(base.name + ".png"), base.with_name(base.name + ".svg")
    with house_style():
        write_atomic(png, lambda tmp: figure.savefig(tmp, format="png", metadata={"Software": None}))
    write_bytes_atomic(svg, svg_bytes(figure, salt=base.name))
    return png, svg


def svg_bytes(figure, salt: str) -> bytes:
    """The figure as SVG, text kept as text (searchable, copyable), the same bytes on every run.

    ``salt`` seeds the element ids (``svg.hashsalt``); the file carries no date.
    """
    import io

    import matplotlib

    buffer = io.BytesIO()
    with house_style(), matplotlib.rc_context({"svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
