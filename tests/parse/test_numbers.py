"""Tests for malitrack.parse.numbers: numbers spelled out in the claims' languages."""

from __future__ import annotations

import pytest

from malitrack.parse.numbers import normalize_word, number_word_value, read_number_words


def _words(text: str) -> list[str]:
    return [normalize_word(word) for word in text.replace("-", " ").split()]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("quatre-vingt-dix-sept", "fr", 97),
        ("quatre-vingts", "fr", 80),
        ("quatre-vingt-onze", "fr", 91),
        ("soixante et onze", "fr", 71),
        ("soixante-dix-huit", "fr", 78),
        ("vingt et un", "fr", 21),
        ("trente-et-une", "fr", 31),
        ("Trente deux", "fr", 32),
        ("deux cent cinq", "fr", 205),
        ("deux cents", "fr", 200),
        ("mille deux cent trente", "fr", 1230),
        ("neuf mille neuf cent quatre-vingt-dix-neuf", "fr", 9999),
        ("Zéro", "fr", 0),
        ("septs", "fr", 7),  # source spelling kept in the raw file
        ("Ving", "fr", 20),  # source spelling kept in the raw file
        ("two hundred and five", "en", 205),
        ("a hundred", "en", 100),
        ("thirty-seven", "en", 37),
        ("one thousand and one", "en", 1001),
        ("vierzehn", "de", 14),
        ("einundzwanzig", "de", 21),
        ("fünf", "de", 5),
        ("quattro", "it", 4),
        ("cento", "it", 100),
        ("treinta y cinco", "es", 35),
        ("cento e vinte", "pt", 120),
        ("veertig", "nl", 40),
        ("تسعة عشر", "ar", 19),
        ("خمسين", "ar", 50),
        ("إثنان", "ar", 2),
    ],
)
def test_reads_whole_number(text, lang, expected):
    words = _words(text)
    assert read_number_words(words, 0, lang) == (expected, len(words))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("vingt trente", (20, 1)),  # two numbers, not 50
        ("deux militaires et un civil", (2, 1)),  # "et" joins counts, not digits
        ("two soldiers and three civilians", (2, 1)),
        ("vingt morts et un blessé", (20, 1)),
        ("cent cent", (100, 1)),
        ("zéro un", (0, 1)),
    ],
)
def test_stops_where_the_number_ends(text, expected):
    assert read_number_words(_words(text)) == expected


@pytest.mark.parametrize("text", ["morts", "a", "et", "", "le gendarme"])
def test_no_number(text):
    assert read_number_words(_words(text)) is None


def test_reads_from_an_offset():
    assert read_number_words(_words("au moins dix-huit morts"), 2) == (18, 4)


def test_false_friends_need_the_language():
    # Spanish « tres » is French « très » once accents are gone; Italian « due » is English "due"
    assert read_number_words(_words("très lourd")) is None
    assert read_number_words(_words("tres"), 0, "es") == (3, 1)
    assert read_number_words(_words("due"), 0, "it") == (2, 1)
    assert read_number_words(_words("due to")) is None


def test_language_limits_the_words():
    assert number_word_value("vierzehn", "de") == 14
    assert number_word_value("vierzehn", "fr") is None
    assert number_word_value("quatorze") == 14


def test_normalize_word():
    assert normalize_word("Près") == "pres"
    assert normalize_word("مدنياً") == "مدنيا"
    assert normalize_word("أكثر") == "اكثر"
