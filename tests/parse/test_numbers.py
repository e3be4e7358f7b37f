"""Tests for malitrack.parse.numbers: numbers spelled out in the claims' languages.

text2num reads French, English, German, Italian, Spanish, Portuguese and Dutch;
the lexicons' own number words cover Arabic and the source spelling « Ving ».
"""

from __future__ import annotations

import pytest

from malitrack.parse.figures.lexicon import load_lexicon, vocabulary
from malitrack.parse.figures.tokens import fold_with_origin, tokenize
from malitrack.parse.numbers import Number, find_number_words, read_lexicon_number


def _numbers(text: str, lang: str | None = None) -> dict[int, Number]:
    tokens = tokenize(fold_with_origin(text)[0])
    written = [text.lower()[token.start:token.end] for token in tokens]  # no char changes length here
    return find_number_words(written, [token.text for token in tokens], vocabulary(lang))


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("quatre-vingt-dix-sept", "fr", 97),
        ("quatre-vingts", "fr", 80),
        ("quatre-vingt-onze", "fr", 91),
        ("soixante et onze", "fr", 71),
        ("soixante-dix-huit", "fr", 78),
        ("nonante-huit", "fr", 98),
        ("septante-cinq", "fr", 75),
        ("vingt et un", "fr", 21),
        ("trente-et-une", "fr", 31),
        ("Trente deux", "fr", 32),
        ("deux cent cinq", "fr", 205),
        ("deux cents", "fr", 200),
        ("mille deux cent trente", "fr", 1230),
        ("neuf mille neuf cent quatre-vingt-dix-neuf", "fr", 9999),
        ("Zéro", "fr", 0),
        ("septs", "fr", 7),  # source spelling kept in the raw file
        ("Ving", "fr", 20),  # source spelling kept in the raw file, from the French lexicon
        ("two hundred and five", "en", 205),
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
    numbers = _numbers(text, lang)
    words = tokenize(fold_with_origin(text)[0])
    assert numbers[0].value == expected
    assert numbers[0].end == len(words)
    assert _numbers(text)[0].value == expected  # every language tried


@pytest.mark.parametrize(
    "text, expected",
    [
        ("vingt trente", {0: 20, 1: 30}),  # two numbers, not 50
        ("deux militaires et un civil", {0: 2, 3: 1}),  # "et" joins counts, not digits
        ("vingt morts et un blessé", {0: 20, 3: 1}),
    ],
)
def test_stops_where_the_number_ends(text, expected):
    assert {start: number.value for start, number in _numbers(text, "fr").items()} == expected


@pytest.mark.parametrize("text", ["morts", "et", "", "le gendarme"])
def test_no_number(text):
    assert _numbers(text) == {}


def test_zero_stands_alone():
    assert _numbers("zéro un", "fr")[0] == Number(0, 1)


def test_ordinals_are_marked():
    assert _numbers("le premier mort", "fr")[1] == Number(1, 2, True)


def test_false_friends_need_the_language():
    # Spanish « tres » is French « très » once accents are gone; Italian « due » is English "due"
    assert _numbers("très lourd") == {}
    assert _numbers("tres", "es")[0].value == 3
    assert _numbers("due", "it")[0].value == 2
    assert _numbers("due to") == {}


def test_language_limits_the_words():
    assert _numbers("vierzehn", "de")[0].value == 14
    assert _numbers("vierzehn", "fr") == {}
    assert _numbers("تسعة", "fr") == {}


def test_arabic_reader_stops_at_a_second_number():
    arabic = load_lexicon("ar")
    assert read_lexicon_number(["عشرون", "ثلاثون"], 0, arabic) == Number(20, 1)
    assert read_lexicon_number(["مدنيا"], 0, arabic) is None
