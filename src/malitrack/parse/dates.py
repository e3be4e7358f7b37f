"""Dates as the sources write them, turned into intervals with a stated precision.

The claims files date incidents "as precisely as the source allows"
(``REFERENCE_README.md``): a day (``2024-05-19``), a month (``2024-05``), a
year (``2013``), an ISO 8601 interval (``2013-01-10/2013-01-18``), a short
interval whose end keeps only the part that changes (``2022-03-27/31``,
``2025-09/10``), sometimes followed by the coder's commentary
(``2026-02-18 (inferred)``, ``2023-09-16/17 [sic]``, ``2022-03-27 onward``).
Articles print dates in words: ``mardi 17 septembre 2024``, ``1er janvier
2025``, ``Tuesday, May 21, 2024``, ``21/05/2024``.

Method. A value is read as an interval ``start``..``end`` (both inclusive),
the same shape as UCDP GED's ``date_start``/``date_end`` columns, with a
precision spelled out in words rather than as ACLED's numeric
``time_precision`` code:

========= =====================================================
day       one known day: start == end
days      several days (an interval, or an open-ended start)
month     one calendar month: its first to its last day
months    several calendar months
year      one calendar year: 1 January to 31 December
unknown   no usable date: start and end are None
========= =====================================================

Rules, each kept deliberately narrow so that nothing is guessed:

* Only what is written is read. Commentary after the date, in brackets or not
  (``(inferred)``, ``[sic]``, ``('jeudi')``, ``onward``), is kept verbatim in
  ``note`` and never used to refine the date. The one word read is
  ``onward(s)``: it leaves the end open (``end`` is None).
* A value naming two dated events (``2024-05-27 (arrest) / 2024-06-03
  (execution)``) becomes one interval covering both; the whole text is the
  note, so the labels stay with their dates.
* Intervals between years (``2013/2014``) have no precision in the list
  above and are ``unknown``.
* Numeric dates in words order are read day first (``21/05/2024`` is 21 May),
  the French and Malian convention; ``05/21/2024`` is therefore malformed.
* A weekday written beside a date is accepted but not checked: sources get
  weekdays wrong (see the MISDATING entries of the ``NOTES_*.md`` files), and
  the claim row's note is the place to record that.
* Anything malformed (``2024-13-45``, ``31/02/2024``, an interval ending
  before it starts, ``yesterday``) is ``unknown``; no input raises.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from malitrack.text import fold
from malitrack.vocab import DATE_PRECISIONS as PRECISIONS  # re-exported: callers import it from here


@dataclass(frozen=True)
class DateInterval:
    """When an incident happened, as precisely as the source allows.

    ``start`` and ``end`` are inclusive ``datetime.date`` values (``end`` is
    None for an open-ended value such as ``2022-03-27 onward``; both are None
    when the precision is ``unknown``); ``note`` holds commentary written
    after the date, verbatim.
    """

    start: datetime.date | None
    end: datetime.date | None
    precision: str
    note: str | None = None


UNKNOWN = DateInterval(None, None, "unknown")

# A span is (first day, last day, precision) with precision "day", "days",
# "month", "months" or "year".
Span = tuple[datetime.date, datetime.date, str]

# --- ISO forms: 2024-05-19, 2024-05, 2024, with an optional "/end" ---------

_ISO_POINT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_ISO_END = r"\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{2}-\d{2}|\d{1,2}"
_ISO_VALUE = re.compile(
    rf"(?P<start>{_ISO_POINT})(?:/(?P<end>{_ISO_END}))?"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"(?![\d/\-])"
)
_OPEN_END = re.compile(r"onwards?\b", re.IGNORECASE)
_NEXT_EVENT = re.compile(rf"\s/\s+(?={_ISO_POINT}(?!\d))")


def _iso_point(text: str) -> Span | None:
    """First day, last day and precision of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    fields = [int(field) for field in text.split("-")]
    try:
        if len(fields) == 3:
            day = datetime.date(*fields)
            return day, day, "day"
        if len(fields) == 2:
            return (*_month_span(*fields), "month")
        return datetime.date(fields[0], 1, 1), datetime.date(fields[0], 12, 31), "year"
    except ValueError:
        return None


def _month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    return first, first.replace(day=calendar.monthrange(year, month)[1])


def _iso_end(start_text: str, end_text: str) -> Span | None:
    """Read the part after ``/``: a full date, or only the fields that change.

    ``2022-03-27/31`` ends on 31 March; ``2025-09/10`` ends in October;
    ``2024-05-30/06-02`` ends on 2 June.
    """
    if len(end_text.split("-")[0]) == 4:
        return _iso_point(end_text)
    start_fields, end_fields = start_text.split("-"), end_text.split("-")
    kept = len(start_fields) - len(end_fields)
    if kept < 1:
        return None
    return _iso_point("-".join(start_fields[:kept] + [field.zfill(2) for field in end_fields]))


def _combine(first: Span, last: Span) -> Span | None:
    """One span from the start of ``first`` to the end of ``last`` (None if it runs backwards)."""
    start, end = first[0], last[1]
    if end < start or "year" in (first[2], last[2]):
        return None
    if first[2].startswith("day") and last[2].startswith("day"):
        return start, end, "day" if start == end else "days"
    return start, end, "month" if first[:2] == last[:2] == (start, end) else "months"


def _iso_span(text: str) -> tuple[Span | None, str] | None:
    """The span of an ISO date or interval opening ``text``, and the text after it.

    None if ``text`` does not open with an ISO date; a None span if it does
    but the date is impossible.
    """
    match = _ISO_VALUE.match(text)
    if match is None:
        return None
    rest = text[match.end() :].strip()
    span = _iso_point(match["start"])
    if span is not None and match["end"] is not None:
        end = _iso_end(match["start"], match["end"])
        span = _combine(span, end) if end is not None else None
    return span, rest


def _parse_iso_interval(text: str) -> DateInterval | None:
    """The interval of a value that opens with an ISO date, or None if it does not."""
    opening = _iso_span(text)
    if opening is None:
        return None
    span, rest = opening
    if span is None:
        return UNKNOWN
    if _OPEN_END.match(rest):
        return DateInterval(span[0], None, "days" if span[2].startswith("day") else "months", rest)
    events = _NEXT_EVENT.split(rest)
    if len(events) == 1:
        return DateInterval(*span, rest or None)
    for event in events[1:]:
        opening = _iso_span(event)
        later_span = opening[0] if opening is not None else None
        span = _combine(span, later_span) if later_span is not None else None
        if span is None:
            return UNKNOWN
    return DateInterval(*span, text)


# --- dates in words: French, English and Arabic month names -----------------

_MONTH_NAMES = {
    1: ("janvier", "janv", "jan", "january", "يناير", "جانفي", "كانون الثاني"),
    2: ("février", "févr", "fév", "feb", "february", "فبراير", "فيفري", "شباط"),
    3: ("mars", "mar", "march", "مارس", "آذار"),
    4: ("avril", "avr", "apr", "april", "أبريل", "أفريل", "نيسان"),
    5: ("mai", "may", "مايو", "ماي", "أيار"),
    6: ("juin", "jun", "june", "يونيو", "جوان", "حزيران"),
    7: ("juillet", "juil", "jul", "july", "يوليو", "جويلية", "تموز"),
    8: ("août", "aug", "august", "أغسطس", "أوت", "آب"),
    9: ("septembre", "sept", "sep", "september", "سبتمبر", "أيلول"),
    10: ("octobre", "oct", "october", "أكتوبر", "تشرين الأول"),
    11: ("novembre", "nov", "november", "نوفمبر", "تشرين الثاني"),
    12: ("décembre", "déc", "dec", "december", "ديسمبر", "كانون الأول"),
}


def _fold(text: str) -> str:
    """Lower case without accents or hamza marks, Arabic-Indic digits as 0-9 (``malitrack.text.fold``).

    Folding makes ``Décembre``, ``decembre`` and ``DÉC.`` one name, and
    ``أكتوبر`` and ``اكتوبر`` one spelling.
    """
    return fold(text, arabic_digits=True)


_MONTH_BY_NAME = {_fold(name): month for month, names in _MONTH_NAMES.items() for name in names}
_LETTER = r"[^\W\d_]"
_MONTH = (
    "(?P<month>"
    + "|".join(map(re.escape, sorted(_MONTH_BY_NAME, key=len, reverse=True)))
    + rf")(?!{_LETTER})\.?"
)
_WEEKDAY = (
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thu|fri|sat|sun)\.?,?\s+)?"
)
_DAY = r"(?P<day>\d{1,2})(?:er|re|e|st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_WRITTEN_FORMS = (
    # 21 mai 2024, mardi 17 septembre 2024, 1er janvier 2025, 21 May 2024, 21 مايو 2024
    ("day", re.compile(rf"(?<![\w]){_WEEKDAY}{_DAY}\s+(?:de\s+)?{_MONTH},?\s+{_YEAR}")),
    # May 21, 2024; Tuesday, May 21, 2024
    ("day", re.compile(rf"(?<!{_LETTER}){_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}")),
    # 21/05/2024, 21.05.2024, 21-05-2024 (day first)
    ("day", re.compile(rf"(?<![\d/.-])(?P<day>\d{{1,2}})([/.-])(?P<month>\d{{1,2}})\2{_YEAR}")),
    # an ISO day inside other text: "publié le 2024-05-21"
    ("day", re.compile(r"(?<![\d/.-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d/])")),
    # mai 2024, May 2024
    ("month", re.compile(rf"(?<!{_LETTER}){_MONTH}\s+{_YEAR}")),
)


def _parse_written_date(text: str) -> DateInterval | None:
    """A date in words (or in day-first digits) anywhere in ``text``, or None.

    The note is the whole text when anything besides the date is written.
    """
    folded = _fold(text)
    for precision, pattern in _WRITTEN_FORMS:
        match = pattern.search(folded)
        if match is None:
            continue
        month = match["month"]
        month = int(month) if month.isdigit() else _MONTH_BY_NAME[month]
        try:
            if precision == "day":
                start = end = datetime.date(int(match["year"]), month, int(match["day"]))
            else:
                start, end = _month_span(int(match["year"]), month)
        except ValueError:
            return UNKNOWN
        outside = (folded[: match.start()] + folded[match.end() :]).strip(" ,.;:")
        return DateInterval(start, end, precision, text if outside else None)
    return None


def parse_date_interval(text) -> DateInterval:
    """Read an incident date (ISO, short interval or words) as a ``DateInterval``.

    >>> parse_date_interval("2022-03-27/31")
    DateInterval(start=datetime.date(2022, 3, 27), end=datetime.date(2022, 3, 31), precision='days', note=None)
    >>> parse_date_interval("2024-06 (deux dernières semaines)").end
    datetime.date(2024, 6, 30)
    >>> parse_date_interval("2026-02-18 (inferred)").note
    '(inferred)'
    >>> parse_date_interval("31/02/2024").precision
    'unknown'
    """
    if not isinstance(text, str):
        return UNKNOWN
    text = " ".join(text.split())
    if not text:
        return UNKNOWN
    interval = _parse_iso_interval(text)
    if interval is None:
        interval = _parse_written_date(text)
    return interval if interval is not None else UNKNOWN


def parse_report_date(text) -> tuple[datetime.date | None, str]:
    """The date a report gives, and its precision (first day of a month, year or interval).

    >>> parse_report_date("mardi 17 septembre 2024")
    (datetime.date(2024, 9, 17), 'day')
    >>> parse_report_date("Tuesday, May 21, 2024")
    (datetime.date(2024, 5, 21), 'day')
    >>> parse_report_date("2024-05")
    (datetime.date(2024, 5, 1), 'month')
    >>> parse_report_date("")
    (None, 'unknown')
    """
    interval = parse_date_interval(text)
    return interval.start, interval.precision
