"""Tests for malitrack.parse.dates: every date written in the claims files, article forms, and properties.

Expectations are written by hand: ``tests/data/date_expectations.csv`` holds
every ``incident_date`` value of the claims files that is not a plain ISO day,
month, year or day/day interval (71 values, read one by one); plain values are
checked against the standard library's own calendar, not against the parser.
"""

from __future__ import annotations

import calendar
import csv
import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import shipped_claims_paths

from malitrack import paths
from malitrack.parse.dates import PRECISIONS, DateInterval, parse_date_interval, parse_report_date

EXPECTATIONS_FILE = paths.root() / "tests" / "data" / "date_expectations.csv"
PLAIN_ISO = re.compile(r"\d{4}(-\d{2}){0,2}|\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}")


def _claims_column(column: str) -> set[str]:
    values = set()
    for path in shipped_claims_paths():
        with open(path, newline="", encoding="utf-8") as fh:
            values.update(row[column] for row in csv.DictReader(fh))
    return values


def _expected_plain(text: str) -> tuple[datetime.date, datetime.date, str]:
    """Start, end and precision of a plain ISO value, from the standard library."""
    if "/" in text:
        first, last = (datetime.date.fromisoformat(part) for part in text.split("/"))
        return first, last, "day" if first == last else "days"
    fields = [int(part) for part in text.split("-")]
    if len(fields) == 3:
        day = datetime.date(*fields)
        return day, day, "day"
    if len(fields) == 2:
        year, month = fields
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1]), "month"
    return datetime.date(fields[0], 1, 1), datetime.date(fields[0], 12, 31), "year"


def _read_expectations() -> list[dict[str, str]]:
    with open(EXPECTATIONS_FILE, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


INCIDENT_DATES = sorted(_claims_column("incident_date"))
PUBLISHED = sorted(_claims_column("published"))
EXPECTATIONS = _read_expectations()


def _optional_date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


# --- every value in the data -------------------------------------------------


def test_the_data_holds_the_350_distinct_incident_dates_the_table_was_written_for():
    assert len(INCIDENT_DATES) == 350


def test_every_unusual_incident_date_has_a_hand_written_expectation():
    unusual = {text for text in INCIDENT_DATES if not PLAIN_ISO.fullmatch(text)}
    written = {row["text"] for row in EXPECTATIONS}
    assert unusual - written == set(), "add these incident_date values to tests/data/date_expectations.csv"
    assert written - unusual == set(), "these expectations no longer match any incident_date value"


@pytest.mark.parametrize("row", EXPECTATIONS, ids=lambda row: row["text"])
def test_unusual_incident_dates_match_the_hand_written_table(row):
    expected = DateInterval(
        _optional_date(row["start"]), _optional_date(row["end"]), row["precision"], row["note"] or None
    )
    assert parse_date_interval(row["text"]) == expected


@pytest.mark.parametrize("text", [t for t in INCIDENT_DATES if PLAIN_ISO.fullmatch(t)])
def test_plain_incident_dates_match_the_calendar(text):
    start, end, precision = _expected_plain(text)
    assert parse_date_interval(text) == DateInterval(start, end, precision, None)


@pytest.mark.parametrize("text", [t for t in PUBLISHED if t])
def test_published_values_give_their_first_day_and_precision(text):
    assert PLAIN_ISO.fullmatch(text), "a new published form: write its expectation by hand"
    start, _, precision = _expected_plain(text)
    assert parse_report_date(text) == (start, precision)


def test_empty_published_is_unknown():
    assert "" in PUBLISHED
    assert parse_report_date("") == (None, "unknown")


def test_seed_incident_dates():
    assert parse_date_interval("2024-05-19") == DateInterval(datetime.date(2024, 5, 19), datetime.date(2024, 5, 19), "day")
    assert parse_report_date("2024-05-18/19") == (datetime.date(2024, 5, 18), "days")
    assert parse_report_date("2024-06 (deux dernières semaines)") == (datetime.date(2024, 6, 1), "month")


# --- forms seen in article text ---------------------------------------------

ARTICLE_FORMS = [
    ("2024-05-21", datetime.date(2024, 5, 21), "day"),
    ("2024-05", datetime.date(2024, 5, 1), "month"),
    ("2024", datetime.date(2024, 1, 1), "year"),
    ("21 mai 2024", datetime.date(2024, 5, 21), "day"),
    ("mardi 17 septembre 2024", datetime.date(2024, 9, 17), "day"),
    ("Mardi 17 Septembre 2024", datetime.date(2024, 9, 17), "day"),
    ("1er janvier 2025", datetime.date(2025, 1, 1), "day"),
    ("1ᵉʳ janvier 2025", datetime.date(2025, 1, 1), "day"),
    ("ce vendredi 1er novembre 2019", datetime.date(2019, 11, 1), "day"),
    ("May 21, 2024", datetime.date(2024, 5, 21), "day"),
    ("21 May 2024", datetime.date(2024, 5, 21), "day"),
    ("Tuesday, May 21, 2024", datetime.date(2024, 5, 21), "day"),
    ("May 21st, 2024", datetime.date(2024, 5, 21), "day"),
    ("21/05/2024", datetime.date(2024, 5, 21), "day"),
    ("21.05.2024", datetime.date(2024, 5, 21), "day"),
    ("15 août 2023", datetime.date(2023, 8, 15), "day"),
    ("15 aout 2023", datetime.date(2023, 8, 15), "day"),
    ("3 février 2026", datetime.date(2026, 2, 3), "day"),
    ("3 fevrier 2026", datetime.date(2026, 2, 3), "day"),
    ("12 décembre 2018", datetime.date(2018, 12, 12), "day"),
    ("12 janv. 2025", datetime.date(2025, 1, 12), "day"),
    ("7 sept. 2023", datetime.date(2023, 9, 7), "day"),
    ("Sept. 7, 2023", datetime.date(2023, 9, 7), "day"),
    ("4 févr. 2016", datetime.date(2016, 2, 4), "day"),
    ("septembre 2025", datetime.date(2025, 9, 1), "month"),
    ("Sept. 2025", datetime.date(2025, 9, 1), "month"),
    ("juillet 2022", datetime.date(2022, 7, 1), "month"),
    ("Publié le 21 mai 2024 à 10h32", datetime.date(2024, 5, 21), "day"),
    ("Tuesday 03 February, 2026", datetime.date(2026, 2, 3), "day"),
    ("jeudi, 03 juillet, 2025", datetime.date(2025, 7, 3), "day"),
    ("2024-05-21T10:32:00+00:00", datetime.date(2024, 5, 21), "day"),
    # Arabic month names (none appear in the claims files yet)
    ("21 مايو 2024", datetime.date(2024, 5, 21), "day"),
    ("٢١ مايو ٢٠٢٤", datetime.date(2024, 5, 21), "day"),
    ("16 يناير 2019", datetime.date(2019, 1, 16), "day"),
    ("3 أكتوبر 2023", datetime.date(2023, 10, 3), "day"),
    ("3 اكتوبر 2023", datetime.date(2023, 10, 3), "day"),
    ("12 جوان 2025", datetime.date(2025, 6, 12), "day"),
    ("5 تشرين الثاني 2025", datetime.date(2025, 11, 5), "day"),
]


@pytest.mark.parametrize(("text", "date", "precision"), ARTICLE_FORMS, ids=[f[0] for f in ARTICLE_FORMS])
def test_article_date_forms(text, date, precision):
    assert parse_report_date(text) == (date, precision)


def test_a_date_inside_other_text_keeps_the_text_as_note():
    interval = parse_date_interval("Publié le 21 mai 2024 à 10h32")
    assert interval.note == "Publié le 21 mai 2024 à 10h32"
    assert parse_date_interval("21 mai 2024").note is None


@pytest.mark.parametrize(
    "text",
    [
        "2024-13-45",
        "2024-02-30",
        "31/02/2024",
        "05/21/2024",
        "yesterday",
        "hier",
        "la semaine dernière",
        "",
        "   ",
        "mars",
        "32 mai 2024",
        "2024-05-20/18",
        "2025-10/09",
        "2013/2014",
        "0000-01-01",
        "2024-05-27 (arrest) / 2024-05-20 (execution)",
    ],
)
def test_malformed_dates_are_unknown_without_raising(text):
    assert parse_date_interval(text) == DateInterval(None, None, "unknown")
    assert parse_report_date(text) == (None, "unknown")


@pytest.mark.parametrize("value", [None, float("nan"), 20240519, b"2024-05-19"])
def test_non_text_is_unknown(value):
    assert parse_report_date(value) == (None, "unknown")


def test_interval_dataclass_is_frozen():
    interval = parse_date_interval("2024-05-19")
    with pytest.raises(AttributeError):
        interval.start = None


# --- properties --------------------------------------------------------------

FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
FRENCH_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
FRENCH_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
ENGLISH_SHORT = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
ENGLISH_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))
accent_free = st.booleans()


def _strip_accents(text: str) -> str:
    return text.replace("é", "e").replace("û", "u")


@settings(max_examples=150)
@given(dates)
def test_iso_day_month_and_year_round_trip(date):
    assert parse_report_date(date.isoformat()) == (date, "day")
    assert parse_report_date(date.strftime("%Y-%m")) == (date.replace(day=1), "month")
    assert parse_report_date(str(date.year)) == (date.replace(month=1, day=1), "year")


@settings(max_examples=150)
@given(dates, st.booleans(), st.booleans(), accent_free, st.sampled_from(["", "le ", "Bamako, "]))
def test_french_words_round_trip(date, with_weekday, short_month, without_accents, prefix):
    month = (FRENCH_SHORT if short_month else FRENCH_MONTHS)[date.month - 1]
    day = "1er" if date.day == 1 else str(date.day)
    text = f"{day} {month} {date.year}"
    if with_weekday:
        text = f"{FRENCH_DAYS[date.weekday()]} {text}"
    text = prefix + (_strip_accents(text) if without_accents else text)
    assert parse_report_date(text) == (date, "day")
    assert parse_report_date(f"{month} {date.year}") == (date.replace(day=1), "month")


@settings(max_examples=150)
@given(dates, st.booleans(), st.booleans(), st.booleans())
def test_english_words_round_trip(date, with_weekday, short_month, day_first):
    month = (ENGLISH_SHORT if short_month else ENGLISH_MONTHS)[date.month - 1]
    text = f"{date.day} {month} {date.year}" if day_first else f"{month} {date.day}, {date.year}"
    if with_weekday:
        text = f"{ENGLISH_DAYS[date.weekday()]}, {text}"
    assert parse_report_date(text) == (date, "day")
    assert parse_report_date(text.upper()) == (date, "day")


@settings(max_examples=150)
@given(dates)
def test_day_first_numeric_round_trip(date):
    assert parse_report_date(date.strftime("%d/%m/%Y")) == (date, "day")


@settings(max_examples=150)
@given(dates, st.integers(min_value=0, max_value=40))
def test_iso_and_short_intervals_round_trip(start, length):
    end = start + datetime.timedelta(days=length)
    expected_precision = "day" if length == 0 else "days"
    full = parse_date_interval(f"{start.isoformat()}/{end.isoformat()}")
    assert full == DateInterval(start, end, expected_precision)
    if (start.year, start.month) == (end.year, end.month):
        assert parse_date_interval(f"{start.isoformat()}/{end.day:02d}") == full


@settings(max_examples=300)
@given(st.text(max_size=40) | st.from_regex(r"\d{4}-\d{2}(-\d{2})?(/\d{1,4}(-\d{2}){0,2})?( .{0,10})?", fullmatch=True))
def test_no_string_raises_and_intervals_never_run_backwards(text):
    interval = parse_date_interval(text)
    assert interval.precision in PRECISIONS
    if interval.precision == "unknown":
        assert interval.start is None and interval.end is None
    else:
        assert interval.start is not None
        if interval.end is not None:
            assert interval.start <= interval.end
    assert parse_report_date(text) == (interval.start, interval.precision)


def test_every_dataset_value_gives_an_ordered_known_interval():
    for text in INCIDENT_DATES:
        interval = parse_date_interval(text)
        assert interval.precision != "unknown", text
        assert interval.end is None or interval.start <= interval.end, text
