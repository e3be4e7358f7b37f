"""Tables for people: labels in words, numbers and dates for the page's language, links to the sources.

A report table is written here rather than by ``DataFrame.to_html``, so that:

- column labels are words of the page's language (``[column]`` of the locale files);
- a vocabulary value (claimant type, victim label, grade ...) is shown in words,
  a flag as « oui » / "yes", never ``True``; a missing value as "–" (unknown, never zero);
- numbers read « 3 109 » in French and "3,109" in English, dates at day precision
  in words of the language, right-aligned; text stays left-aligned;
- a claim's outlet is a link to its URL (``rel="noopener"``), marked when the
  page is a secondhand copy or an aggregator (the ``secondhand`` clean column);
- each cell carries its column's label (``data-label``), so on a phone the
  stylesheet can show each row as a card.

Every value is escaped; only the link and the mark are markup of ours.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from malitrack.report.edition import column_label, format_number, words
from malitrack.report.i18n import DEFAULT_LANG, VOCABULARY_SECTIONS, label

#: columns whose values are vocabulary codes, beyond those named like their vocabulary
VALUE_SECTIONS = {"grade": "grade", "source_kind": "source_kind", "rule": "selection_rule", "change": "change",
                  "coord_precision": "coord_precision"}

MISSING = "–"


def cell_text(value, lang: str = DEFAULT_LANG, section: str | None = None) -> str:
    """One value as a reader sees it (plain text, not yet escaped).

    >>> cell_text(True, "fr"), cell_text(3109, "fr"), cell_text(pd.NA), cell_text("armed_group", "en", "victim_status")
    ('oui', '3\\u202f109', '–', 'fighters')
    """
    if isinstance(value, (list, tuple, set)):
        return ", ".join(cell_text(item, lang, section) for item in value) or MISSING
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, bool) or (hasattr(value, "dtype") and str(getattr(value, "dtype", "")) == "bool"):
        return words("yes" if value else "no", lang)
    if isinstance(value, pd.Timestamp):
        from malitrack.analysis.dates import format_date

        return format_date(value, precision="day", lang=lang)
    if isinstance(value, pd.Period):
        return str(value)
    if isinstance(value, (int,)) or (hasattr(value, "is_integer") and isinstance(value, float) and value.is_integer()):
        return format_number(value, lang)
    if isinstance(value, float):
        return format_number(value, lang, 2)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return cell_text(value.item(), lang, section)
    text = str(value)
    if section is not None and text:
        return label(section, text, lang)
    return text


def _is_number(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _outlet_cell(row: pd.Series, lang: str) -> str:
    outlet = escape(cell_text(row.get("outlet"), lang))
    url = row.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        outlet = f'<a href="{escape(url, quote=True)}" rel="noopener">{outlet}</a>'
    if row.get("secondhand") is True or (pd.notna(row.get("secondhand")) and bool(row.get("secondhand"))):
        mark = escape(words("secondhand_mark", lang))
        outlet += f' <span class="secondhand" title="{escape(words("secondhand_title", lang), quote=True)}">{mark}</span>'
    return outlet


def html_table(frame, lang: str = DEFAULT_LANG, index: bool = False, cards: bool = False, caption: str = "") -> str:
    """A frame as an HTML table for a report page (see the module docstring).

    ``index``: show the index as the first column (a named index is labelled
    like a column). ``cards``: on narrow screens each row becomes a card.
    Columns ``url`` and ``secondhand`` are not shown: they make the ``outlet``
    cell a link with its mark.

    >>> html = html_table(pd.DataFrame({"outlet": ["RFI"], "url": ["https://rfi.fr/x"], "secondhand": [False],
    ...                                  "best": [3109]}), lang="fr")
    >>> '<a href="https://rfi.fr/x" rel="noopener">RFI</a>' in html, "3\\u202f109" in html, "url" in html.split("<tbody>")[0]
    (True, True, False)
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if isinstance(frame, list):  # rows as dicts, already in words
        frame = pd.DataFrame(frame)
    if index:
        frame = frame.reset_index()
    shown = [column for column in frame.columns if column not in ("url", "secondhand") or "outlet" not in frame]
    numeric = {column: _is_number(frame[column]) for column in shown}
    sections = {column: VALUE_SECTIONS.get(column, column if column in VOCABULARY_SECTIONS else None) for column in shown}
    labels = {column: column_label(column, lang) for column in shown}
    head = "".join(
        f'<th scope="col"{" class=num" if numeric[column] else ""}>{escape(labels[column])}</th>' for column in shown
    )
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for column in shown:
            if column == "outlet" and "url" in frame:
                content = _outlet_cell(row, lang)
            else:
                content = escape(cell_text(row[column], lang, sections[column]))
            css = ' class="num"' if numeric[column] else ""
            cells.append(f'<td{css} data-label="{escape(labels[column], quote=True)}">{content}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    classes = "malitrack-table cards" if cards else "malitrack-table"
    caption_html = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (f'<div class="table-wrap" tabindex="0"><table class="{classes}">{caption_html}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def facts_list(pairs, lang: str = DEFAULT_LANG) -> str:
    """Label–value pairs (``(column, value)``, or ``(column, value, section)``) as a definition list, not a sideways table.

    A pair whose value is unknown is left out: a list of dashes tells a reader nothing.
    """
    items = []
    for pair in pairs:
        column, value, section = (list(pair) + [None])[:3]
        if cell_text(value, lang) == MISSING:
            continue
        items.append(f"<dt>{escape(column_label(column, lang))}</dt><dd>{escape(cell_text(value, lang, section))}</dd>")
    return f'<dl class="facts">{"".join(items)}</dl>'


def coordinates(latitude, longitude) -> str | None:
    """A point as "latitude, longitude" to four decimals (about 10 m), or None when unknown.

    >>> coordinates(18.4411, 1.4078), coordinates(float("nan"), None)
    ('18.4411, 1.4078', None)
    """
    if latitude is None or longitude is None or pd.isna(latitude) or pd.isna(longitude):
        return None
    return f"{float(latitude):.4f}, {float(longitude):.4f}"
