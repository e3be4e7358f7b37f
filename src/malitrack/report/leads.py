"""The lead of every report: what happened, where, when, who said what, and how well it is known.

A reporter reads the first paragraph and decides; the tables below are for
checking. Leads are built from the analysis layer only (independent claims,
what counts toward a toll, grades, disagreement, revisions, honest totals),
never by re-deriving its rules, and printed in words of the page's language
(``report/locale/<lang>.toml``, sections ``lead*``). Figures are as their
sources said them (:mod:`malitrack.report.words`); claims keep their own
words in their own language, in quotation marks.

**Incident lead** (:func:`incident_lead`): the lowest figure every counting
source reaches ("At least 29 people were killed"), place, region and date at
its precision; then each organisation's figure (its latest, with its first
when it revised), what it called the dead and whom it blamed; denials as
denials; the grade and its main caveat. Partial-scope, aggregate and
outlet-error figures never enter the range.
"""

from __future__ import annotations

import re

import pandas as pd

from malitrack.analysis.claims import counts_toward_toll, independent_claims
from malitrack.analysis.dates import format_date
from malitrack.analysis.disagreement import incident_disagreement
from malitrack.analysis.grades import incident_grades
from malitrack.analysis.revisions import toll_revisions
from malitrack.report.i18n import DEFAULT_LANG, catalog, key, label
from malitrack.report.words import claim_figure_words, figure_words, number, range_words

MAX_VOICES = 4
OWN_WORDS_MAX = 40  # longer own words stay in the table, not the lead


def _t(lang: str, section: str, name: str) -> str:
    return catalog(lang)[section][name]


def _words(lang: str, section: str, value) -> str:
    """A locale word of a ``lead_*`` section, or the value itself when the section does not name it."""
    return catalog(lang).get(section, {}).get(key(str(value)), str(value))


def _capital(text: str) -> str:
    """A sentence's first letter in capitals, but an outlet's own name as it is written ("weafrica24", "africa-live.de")."""
    first = text.split(" ", 1)[0] if text else ""
    if re.search(r"[.\d]", first):
        return text
    return text[:1].upper() + text[1:]


class Lead:
    """A lead for a notebook page, from the Markdown of :func:`incident_lead` (or plain text).

    Shown as HTML (paragraphs, a list of claimants, the headline in bold; the
    report template gives HTML outputs their keyboard focus), as Markdown
    elsewhere; its plain text is the index's summary line.
    """

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        import html

        def inline(text: str) -> str:
            text = html.escape(re.sub(r"\\(.)", r"\1", text), quote=False)
            return re.sub(r"^\*\*(.+)\*\*$", r"<strong>\1</strong>", text)

        blocks = []
        for block in self.text.split("\n\n"):
            lines = [line for line in block.split("\n") if line.strip()]
            if lines and all(line.startswith("- ") for line in lines):
                blocks.append("<ul>" + "".join(f"<li>{inline(line[2:])}</li>" for line in lines) + "</ul>")
            elif lines:
                blocks.append(f"<p>{inline(' '.join(lines))}</p>")
        return f'<div class="lead">{"".join(blocks)}</div>'

    def __repr__(self) -> str:
        return re.sub(r"\\(.)", r"\1", self.text.replace("**", ""))


def french_spacing(text: str, lang: str) -> str:
    """French typography: no line break inside « » nor before ; : (non-breaking spaces)."""
    if lang != "fr":
        return text
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return re.sub(r" ([;:])(?=\s)", "\u202f\\1", text)


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_t(lang, 'lead', 'and')} {items[-1]}"


def place_words(place, region, lang: str = DEFAULT_LANG) -> str:
    """"à Amassine (région de Kidal)" / "in Amassine (Kidal region)"."""
    region_text = (
        _t(lang, "lead", "region").format(region=region) if isinstance(region, str) and region
        else _t(lang, "lead", "region_unknown")
    )
    return _t(lang, "lead", "place").format(place=place if isinstance(place, str) else "?", region=region_text)


def date_words(start, end, precision: str, lang: str = DEFAULT_LANG) -> str:
    """The incident's date at its precision with its preposition: "le 19 mai 2024", "in March 2022"."""
    if start is None or pd.isna(start) or precision == "unknown":
        return _t(lang, "lead", "date_unknown")
    start = pd.Timestamp(start)
    end = pd.Timestamp(end) if end is not None and not pd.isna(end) else start
    if precision == "year":
        return _t(lang, "lead", "date_year").format(year=start.year)
    if precision in ("month", "months"):
        return _t(lang, "lead", "date_month").format(date=format_date(start, end, precision, lang))
    if end.normalize() > start.normalize():
        return _t(lang, "lead", "date_days").format(span=format_date(start, end, "days", lang))
    return _t(lang, "lead", "date_day").format(date=format_date(start, precision="day", lang=lang))


def claimant_name(key_value: str, basis: str, name: str, lang: str) -> str:
    """An organisation as a reader knows it: its register name in words of ``lang``, else the claimant's own label."""
    named = catalog(lang).get("lead_claimant", {})
    if key(str(key_value)) in named:
        return named[key(str(key_value))]
    if str(basis).startswith("register"):
        return str(key_value)
    # "Malian security source (anonymous, to AFP)" -> "Malian security source": the channel is in the table
    return re.sub(r"\s*\([^)]*\)\s*$", "", str(name)).strip() or str(name)


def actor_words(perpetrators: set[str], lang: str) -> str:
    actors = sorted(a for a in perpetrators if a and a.lower() != "unknown")
    return _join([_words(lang, "lead_actor", a) for a in actors], lang)


def _split(value) -> set[str]:
    return {part.strip() for part in str(value).split(";") if part.strip()} if isinstance(value, str) else set()


def _voices(independent: pd.DataFrame, counted: pd.Series, revisions: pd.DataFrame, outcome: str, lang: str) -> list[tuple]:
    """One (priority, sentence part) per organisation: its latest counted figure, else its denial, else its words."""
    voices = []
    for key_value, rows in independent.groupby("claimant_key", sort=True):
        rows = rows.sort_values(["revision_stage", "published_date"], na_position="first", kind="stable")
        figures = rows[counted.loc[rows.index] & ~rows["denial"]]
        denials = rows[rows["denial"]]
        worded = rows[rows["figure_text"].notna() & ~rows["has_figure"] & ~rows["denial"]]
        first = rows.iloc[0]
        name = claimant_name(key_value, first.get("claimant_key_basis", ""), first["claimant"], lang)
        whole = rows[~rows["partial_scope"]]  # a part of the incident says nothing of the rest's dead
        statuses = {s for s in whole["victim_status"].astype(str) if s not in ("unspecified", "nan")}
        blamed = set().union(*[_split(p) for p in whole["perpetrators"]]) if len(whole) else set()
        if len(figures):
            latest = figures.iloc[-1]
            part = _t(lang, "lead", "voice_figure").format(
                name=name, figure=_of(claim_figure_words(latest, lang), lang), noun=_t(lang, "lead_noun", outcome)
            )
            revised = revisions[(revisions["claimant_key"] == key_value) & revisions["is_revision"]]
            if len(revised):
                earliest = figures.iloc[0]
                part += _t(lang, "lead", "voice_revised").format(previous=_of(claim_figure_words(earliest, lang), lang))
            priority = (0, -float(latest["point"]) if pd.notna(latest["point"]) else 0)
        elif len(denials):
            part = _t(lang, "lead", "voice_denial").format(name=name, denial=claim_figure_words(denials.iloc[0], lang))
            priority = (1, 0)
        elif len(worded):
            part = _t(lang, "lead", "voice_words").format(name=name, words=_unquote(worded.iloc[0]["figure_text"]))
            priority = (2, 0)
        else:
            continue
        if len(statuses) == 1 and not len(denials) or (len(denials) and len(figures)):
            status = next(iter(statuses)) if len(statuses) == 1 else None
            words = _t(lang, "lead_status", status) if status else ""
            if words:
                part += _t(lang, "lead", "voice_label").format(label=words)
                own = _own_words(whole[whole["victim_status"] == status], figures, lang)
                if own:
                    part += _t(lang, "lead", "voice_own_words").format(words=own)
        actors = actor_words(blamed, lang)
        if actors:
            part += _t(lang, "lead", "voice_blame").format(actors=actors)
        if len(figures) and len(denials):
            part += _t(lang, "lead", "voice_and_denial").format(denial=claim_figure_words(denials.iloc[0], lang))
        kind = str(first["claimant_type"])
        priority = (priority[0], 0 if kind in ("un", "ngo") else 1 if kind in ("military", "government", "armed_group") else 2, priority[1])
        voices.append((priority, part))
    return sorted(voices)


def _of(figure: str, lang: str) -> str:
    """French elision after "de": "d'au moins 500", "d'environ 30", "de plus de 30"."""
    if lang == "fr" and figure[:1].lower() in "aeiouéèêh":
        return "d'" + figure
    return ("de " if lang == "fr" else "") + figure


def _unquote(text) -> str:
    """Text without the quotation marks around all of it (the lead puts its own)."""
    text = str(text).strip()
    return text[1:-1].strip() if len(text) > 1 and text[0] in "«“„\"" and text[-1] in "»”“\"" else text


def _own_words(labelled: pd.DataFrame, figures: pd.DataFrame, lang: str) -> str | None:
    """The claimant's own short words for the dead: from its figure's claim, else a claim in the page's language."""
    candidates = pd.concat([figures.iloc[::-1], labelled[labelled["language"] == lang], labelled])
    candidates = candidates[candidates["victim_status"].isin(set(labelled["victim_status"]))]
    for text in candidates["victims_text"].dropna():
        text = _unquote(text)
        if 0 < len(text) <= OWN_WORDS_MAX:
            return text
    return None


def _range_ends(figures: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The claims at the two ends of the range: lowest and highest point (open-ended first among equals)."""
    with_point = figures[figures["point"].notna()]
    pool = with_point if len(with_point) else figures
    value = pool["point"].fillna(pool["lower"]) if len(with_point) else pool["lower"]
    order = pool.assign(_value=value, _open=pool["upper"] == float("inf"))
    lowest = order.sort_values(["_value", "_open"], kind="stable").iloc[0]
    top = order.assign(_top=order["point"].fillna(order["upper"]))
    highest = top.sort_values(["_top", "_open"], ascending=[False, False], kind="stable").iloc[0]
    return lowest, highest


def incident_lead(claims: pd.DataFrame, incidents: pd.DataFrame, incident_id: str, lang: str = DEFAULT_LANG,
                  outcome: str | None = None, markdown: bool = False) -> str:
    """The lead paragraph of one incident, in ``lang`` (see the module docstring).

    ``outcome`` defaults to deaths when any claim speaks of them, else the
    incident's most common outcome (a kidnapping: abducted). With
    ``markdown``, the same words laid out for a page: the first sentence in
    bold, one line per claimant, then the grade.

    >>> incident_lead(load_claims(), load_incidents(), "amassine-2024-05-19", lang="en")  # doctest: +SKIP
    'At least 29 people were killed in Amassine (Kidal region) on 19 May 2024, in a massacre. ...'
    """
    rows = claims[claims["incident_id"] == incident_id]
    if rows.empty:
        raise ValueError(f"no claims for incident {incident_id!r}")
    incident = incidents.set_index("incident_id").loc[incident_id]
    if outcome is None:
        outcome = "killed" if rows["outcome"].eq("killed").any() else rows["outcome"].mode().iloc[0]
    about = rows[rows["outcome"] == outcome]
    independent = independent_claims(about)
    independent = independent[~independent["drift"]]  # an outlet's rewriting error is nobody's claim
    counted = pd.Series(counts_toward_toll(independent), index=independent.index)
    figures = independent[counted & ~independent["denial"] & independent["has_figure"]]
    place = place_words(incident.get("place"), incident.get("admin1"), lang)
    date = date_words(incident.get("date_start"), incident.get("date_end"), str(incident.get("date_precision")), lang)
    kind_value = incident.get("incident_type")
    kind = _words(lang, "lead_incident_type", kind_value) if isinstance(kind_value, str) else ""
    sentences = []
    if len(figures):
        lowest, highest = _range_ends(figures)
        spread = range_words(claim_figure_words(lowest, lang), claim_figure_words(highest, lang), lang)
        low_words = claim_figure_words(lowest, lang)
        floor = lowest["qualifier"] in ("exact", "at_least", "more_than")
        if lowest["qualifier"] == "exact" and (figures["point"] > lowest["point"]).any():
            low_words = figure_words(lowest["best"], lowest["best"], None, "at_least", lang)
        elif not floor:
            low_words = spread
        single = low_words in (figure_words(1, 1, 1, "exact", lang), figure_words(1, 1, None, "at_least", lang))
        verb = _t(lang, "lead_outcome_one" if single else "lead_outcome", outcome)
        sentences.append(_capital(_t(lang, "lead", "headline").format(
            figure=low_words,
            people=_t(lang, "lead", "people_one" if single else "people_many"),
            passive=_t(lang, "lead", "passive_one" if single else "passive_many").format(verb=verb),
            place=place, date=date, kind=kind,
        )))
        if floor and spread != claim_figure_words(lowest, lang):
            sentences[-1] = sentences[-1][:-1] + f" ({spread})."
    else:
        kind_plain = (kind.lstrip(", ") + ", ") if kind else ""
        sentences.append(_capital(_t(lang, "lead", "no_figure").format(
            outcome=_t(lang, "lead_outcome_plain", outcome), kind_plain=kind_plain, place=place, date=date
        )))
    revisions = toll_revisions(about, incident_id, outcome) if len(figures) else pd.DataFrame(
        columns=["claimant_key", "is_revision"])
    voices = _voices(independent, counted, revisions, outcome, lang)
    shown = [part for _, part in voices[:MAX_VOICES]]
    rest = len(voices) - len(shown)
    if rest == 1:
        shown.append(_t(lang, "lead", "others_one"))
    elif rest > 1:
        shown.append(_t(lang, "lead", "others").format(n=rest))
    closing = [_t(lang, "lead", "no_deaths_claim")] if outcome != "killed" else []
    closing.extend(_grade_sentences(about, independent, counted, outcome, lang))
    if markdown:
        lines = [f"**{_escape(sentences[0])}**", ""] + [f"- {_escape(_capital(part))}." for part in shown]
        return french_spacing("\n".join(lines + ["", _escape(" ".join(closing))]), lang)
    if shown:
        sentences.append(_capital(" ; ".join(shown) if lang == "fr" else "; ".join(shown)) + ".")
    return french_spacing(" ".join(sentences + closing), lang)


def _escape(text: str) -> str:
    """Text safe in Markdown: the claims' own words may hold * _ [ ] < > ` #."""
    return re.sub(r"([\\*_\[\]<>`#|])", r"\\\1", text)


def _grade_sentences(about, independent, counted, outcome, lang) -> list[str]:
    """The grade in words and its main caveat."""
    disagreement = incident_disagreement(about)
    graded = incident_grades(about, disagreement=disagreement).set_index("outcome")
    if outcome not in graded.index:
        return []
    grade = graded.loc[outcome, "grade"]
    out = [_t(lang, "lead", "grade").format(grade=label("grade", grade, lang))]
    table = disagreement.set_index("outcome").loc[outcome]
    if grade == "contested":
        if table["status_conflict"]:
            out.append(_t(lang, "lead", "caveat_status"))
        if table["attribution_conflict"]:
            out.append(_t(lang, "lead", "caveat_attribution"))
        figures = independent[counted & ~independent["denial"] & independent["has_figure"]]
        if len(figures) and not figures["claimant_type"].isin(["un", "ngo"]).any():
            out.append(_t(lang, "lead", "caveat_no_investigation"))
    else:
        caveat = {"belligerents only": "caveat_belligerents", "single source": "caveat_single",
                  "corroborated": "caveat_corroborated", "no figure": "caveat_no_figure"}[grade]
        out.append(_t(lang, "lead", caveat))
    return out


def incident_range_words(claims: pd.DataFrame, incident_id: str, lang: str = DEFAULT_LANG, outcome: str = "killed") -> str | None:
    """An incident's range in its sources' words ("entre 29 et plus de 30"); None when no figure counts."""
    about = claims[(claims["incident_id"] == incident_id) & (claims["outcome"] == outcome)]
    independent = independent_claims(about)
    independent = independent[~independent["drift"]]
    counted = counts_toward_toll(independent)
    figures = independent[counted & ~independent["denial"].to_numpy(dtype=bool) & independent["has_figure"].to_numpy(dtype=bool)]
    if figures.empty:
        return None
    lowest, highest = _range_ends(figures)
    return range_words(claim_figure_words(lowest, lang), claim_figure_words(highest, lang), lang)


def _incident_where_when(incidents: pd.DataFrame, incident_id: str, lang: str) -> tuple[str, str]:
    """(place and region, date at its precision without preposition) of one incident."""
    row = incidents.set_index("incident_id").loc[incident_id]
    region = row.get("admin1")
    place = f"{row.get('place')} ({region})" if isinstance(region, str) else str(row.get("place"))
    precision = str(row.get("date_precision"))
    end = row.get("date_end")
    if precision == "day" and pd.notna(end) and pd.Timestamp(end) > pd.Timestamp(row.get("date_start")):
        precision = "days"
    return place, format_date(row.get("date_start"), end, precision, lang)


def period_lead(claims: pd.DataFrame, incidents: pd.DataFrame, lang: str = DEFAULT_LANG, regions=(),
                freq: str = "year", events: pd.DataFrame | None = None) -> str:
    """The trends report's opening paragraph for the chosen incidents, in ``lang``.

    How many incidents, the deaths claimed from the sum of the lowest figures
    to the sum of the highest, rounded as :func:`malitrack.analysis.trends.describe_total`
    says, the deadliest incident in its sources' words, the partial period, and
    where the gathered claims stop, with the UCDP months after them when
    ``events`` (UCDP Candidate rows) are given.
    """
    from malitrack.analysis.coverage import coverage_gap_sentence, last_claim_date
    from malitrack.analysis.trends import casualty_trend, deadliest_incidents, describe_total, incident_tolls_dated

    lowest = incident_tolls_dated(claims, incidents, rule="conservative")
    if lowest.empty:
        return _t(lang, "lead", "period_none")
    highest = incident_tolls_dated(claims, incidents, rule="maximum")
    total = describe_total(lowest["best"].sum(), highest["best"].sum(), lang)
    if lang == "fr":
        total = total.replace(" ", "\u202f").replace("environ\u202f", "environ ").replace("\u202fà\u202f", " à ")
        total = total.replace("au\u202fmoins\u202fenviron\u202f", "au moins environ ")
    dates = pd.to_datetime(lowest["date_start"])
    span = _t(lang, "lead", "period_span").format(
        start=format_date(dates.min(), precision="month", lang=lang), end=format_date(dates.max(), precision="month", lang=lang)
    )
    region_text = _t(lang, "lead", "period_regions").format(regions=", ".join(regions)) if regions else ""
    n = len(lowest)
    template = "period_count_one" if n == 1 else "period_count"
    sentences = [_t(lang, "lead", template).format(n=n, span=span, regions=region_text, total=total)]
    top = deadliest_incidents(claims, incidents, n=1, rule="conservative")
    if len(top):
        incident_id = top["incident_id"].iloc[0]
        figure = incident_range_words(claims, incident_id, lang)
        place, date = _incident_where_when(incidents, incident_id, lang)
        if figure:
            sentences.append(_t(lang, "lead", "period_deadliest").format(place=place, date=date, figure=figure))
    trend = casualty_trend(claims, incidents, freq=freq, rule="conservative")
    partial = trend[trend["partial"] & (trend["period_start"] >= dates.max().to_period("Y").start_time)]
    if len(partial):
        sentences.append(_t(lang, "lead", "period_partial").format(
            periods=", ".join(partial["period"]), date=format_date(partial["covered_to"].max(), lang=lang)))
    gap = coverage_gap_sentence(claims, events, lang=lang) if events is not None else None
    if gap:
        sentences.append(gap)
    elif not len(partial):
        sentences.append(_t(lang, "lead", "period_claims_end").format(date=format_date(last_claim_date(claims), lang=lang)))
    return french_spacing(" ".join(sentences), lang)


def disagreement_lead(claims: pd.DataFrame, incidents: pd.DataFrame, lang: str = DEFAULT_LANG,
                      min_claimant_types: int = 2) -> str:
    """The disagreement report's opening paragraph, in ``lang``: how often sources clash, the widest gap, the labels.

    Counts are those of :func:`malitrack.analysis.disagreement.incident_disagreement`
    over deaths claims; the status-conflict count is
    :func:`malitrack.analysis.disagreement.status_conflict_counts`, the one the
    chart prints.
    """
    from malitrack.analysis.disagreement import status_conflict_counts

    table = incident_disagreement(claims)
    table = table[table["outcome"] == "killed"]
    status = status_conflict_counts(table)
    sentences = [_t(lang, "lead", "disagreement_count").format(
        n=len(table), types=min_claimant_types, count=int(table["count_conflict"].sum()),
        status=status["n_conflicts"], blame=int(table["attribution_conflict"].sum()),
    )]
    widest = table[table["count_conflict"]].sort_values(["max_min_ratio", "incident_id"], ascending=[False, True])
    if len(widest):
        incident_id = widest["incident_id"].iloc[0]
        place, date = _incident_where_when(incidents, incident_id, lang)
        sentences.append(_t(lang, "lead", "disagreement_biggest").format(
            place=place, date=date, range=incident_range_words(claims, incident_id, lang)))
    labelled = table[table["status_conflict"] & table["contested_status_deaths"].notna()]
    if len(labelled):
        row = labelled.sort_values(["contested_status_deaths", "incident_id"], ascending=[False, True]).iloc[0]
        place, date = _incident_where_when(incidents, row["incident_id"], lang)
        sentences.append(_t(lang, "lead", "disagreement_labels").format(
            place=place, date=date, civilian=number(int(row["civilian_figure"]), lang),
            fighters=number(int(row["armed_group_figure"]), lang)))
    return french_spacing(" ".join(sentences), lang)


#: UCDP Candidate files shipped in data/raw/ucdp/, oldest release first (a later release revises earlier rows)
def incident_places(incidents: pd.DataFrame, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Incident id -> "Place (Region), date" in words of ``lang``, for chart rows and tables."""
    return {incident_id: "{}, {}".format(*_incident_where_when(incidents, incident_id, lang))
            for incident_id in incidents["incident_id"]}
