"""Dates at their precision: how they print, and which of two dates is known to come first.

A month-only publication date is stored as the first of its month (the clean
column ``published_date``) with its precision beside it; read as a day it
would put a March report before a massacre of 23 March. Here a date is the
interval it stands for (a day, a month, a year), printed as such ("March
2022", "27–31 March 2022", "2019, month unknown"), in English or French, and
two dates are ordered only when their intervals do not overlap. A
publication is never earlier than the incident it reports: its interval
starts no sooner than the incident's first day.
"""

from __future__ import annotations

import pandas as pd

from malitrack.vocab import READER_LANGUAGES
from malitrack.schemas import published_period_end

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}
_WORDS = {
    "en": {"month_unknown": "{year}, month unknown", "undated": "date unknown"},
    "fr": {"month_unknown": "{year}, mois inconnu", "undated": "date inconnue"},
}


def day_words(date: pd.Timestamp, lang: str) -> str:
    """A day in words: « 1er mars 2026 », "1 March 2026"."""
    day = "1er" if lang == "fr" and date.day == 1 else str(date.day)
    return f"{day} {MONTHS[lang][date.month - 1]} {date.year}"


def format_date(start, end=None, precision: str = "day", lang: str = "en") -> str:
    """A date, or a span of dates, printed at its precision.

    ``precision`` is a clean-data precision (day, days, month, months, year,
    unknown); ``end`` is the last day of a span (defaults to ``start``).

    >>> format_date(pd.Timestamp("2022-03-01"), precision="month")
    'March 2022'
    >>> format_date(pd.Timestamp("2022-03-27"), pd.Timestamp("2022-03-31"), precision="days")
    '27–31 March 2022'
    >>> format_date(pd.Timestamp("2019-01-01"), precision="year")
    '2019, month unknown'
    >>> format_date(pd.Timestamp("2022-03-27"), pd.Timestamp("2022-03-31"), precision="days", lang="fr")
    '27–31 mars 2022'
    >>> format_date(pd.Timestamp("2024-05-01"), precision="day", lang="fr")
    '1er mai 2024'
    """
    if lang not in READER_LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(READER_LANGUAGES)}")
    if start is None or pd.isna(start) or precision == "unknown":
        return _WORDS[lang]["undated"]
    start = pd.Timestamp(start)
    end = pd.Timestamp(end) if end is not None and not pd.isna(end) else start
    months = MONTHS[lang]
    if precision == "year":
        return _WORDS[lang]["month_unknown"].format(year=start.year)
    if precision == "month":
        return f"{months[start.month - 1]} {start.year}"
    if precision == "months":
        if start.year == end.year:
            return f"{months[start.month - 1]}–{months[end.month - 1]} {start.year}"
        return f"{months[start.month - 1]} {start.year} – {months[end.month - 1]} {end.year}"
    if end.normalize() == start.normalize():
        return day_words(start, lang)
    if (start.year, start.month) == (end.year, end.month):
        first = "1er" if lang == "fr" and start.day == 1 else str(start.day)
        return f"{first}–{end.day} {months[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{day_words(start, lang).rsplit(' ', 1)[0]} – {day_words(end, lang)}"
    return f"{day_words(start, lang)} – {day_words(end, lang)}"


def format_dates(dates: pd.Series, precision: pd.Series, ends: pd.Series | None = None, lang: str = "en") -> pd.Series:
    """:func:`format_date` over columns (e.g. ``published_date`` and ``published_precision``)."""
    ends = ends if ends is not None else pd.Series(None, index=dates.index, dtype=object)
    return pd.Series(
        [format_date(d, e, p, lang) for d, e, p in zip(dates, ends, precision)], index=dates.index, dtype=object
    ).astype("str")


def publication_interval(claims: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(first, last) day each claim may have been published, never before its incident's first day.

    A claim without ``published_precision`` is taken at day precision.
    """
    published = pd.to_datetime(claims["published_date"])
    precision = claims["published_precision"].astype("str") if "published_precision" in claims else pd.Series("day", index=claims.index)
    end = published_period_end(published, precision)
    if "incident_date_start" in claims:
        incident = pd.to_datetime(claims["incident_date_start"])
        start = published.where(~(published < incident), incident)
    else:
        start = published
    return start, end
