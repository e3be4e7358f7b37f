"""Tests for malitrack.parse.figures: every distinct raw figure_text, plus properties.

tests/data/figure_expectations.csv holds each of the 804 distinct figure_text
values of the five raw claims files with the low, best, high and qualifier
written down by reading the phrase (not generated from the parser), and a note
on hard calls. The property tests write numbers out in words with a small
generator of their own, independent of text2num and malitrack.parse.numbers.
"""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import shipped_claims_paths

from malitrack import paths
from malitrack.parse.figures import (
    QUALIFIERS,
    VAGUE_TERMS,
    CasualtyFigure,
    parse_casualty_figure,
    parse_casualty_figures,
)

EXPECTATIONS = paths.root() / "tests" / "data" / "figure_expectations.csv"


def _expectations() -> list[dict[str, str]]:
    with open(EXPECTATIONS, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _count(value: str) -> int | None:
    return int(value) if value else None


def _raw_figure_texts() -> pd.Series:
    frames = [
        pd.read_csv(path, dtype=str, keep_default_na=False)
        for path in shipped_claims_paths()
    ]
    return pd.concat(frames, ignore_index=True)["figure_text"]


def test_expectations_cover_every_distinct_raw_figure_text():
    expected = {row["figure_text"] for row in _expectations()}
    raw = set(_raw_figure_texts())
    assert raw - expected == set(), "raw figure_text values without an expectation"
    assert expected - raw == set(), "expectations for texts not in the raw files"
    assert len(expected) == 804


def _languages_by_text() -> dict[str, set[str]]:
    frames = [
        pd.read_csv(path, dtype=str, keep_default_na=False)
        for path in shipped_claims_paths()
    ]
    claims = pd.concat(frames, ignore_index=True)
    return claims.groupby("figure_text")["language"].agg(set).to_dict()


def test_every_raw_figure_text_parses_as_expected():
    """Each text is parsed with the language of every raw row that carries it."""
    languages = _languages_by_text()
    mismatches = []
    for row in _expectations():
        want = (_count(row["low"]), _count(row["best"]), _count(row["high"]), row["qualifier"])
        for lang in sorted(languages[row["figure_text"]]):
            figure = parse_casualty_figure(row["figure_text"], lang=lang, outcome=row["outcome"] or None)
            got = (figure.low, figure.best, figure.high, figure.qualifier)
            if got != want:
                mismatches.append(f"{row['figure_text']!r} [{lang}]: got {got}, expected {want}")
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


def test_raw_figure_texts_parse_the_same_without_language():
    """Only the documented false friends need the language (« almeno due »)."""
    differ = []
    for row in _expectations():
        want = (_count(row["low"]), _count(row["best"]), _count(row["high"]), row["qualifier"])
        figure = parse_casualty_figure(row["figure_text"], outcome=row["outcome"] or None)
        if (figure.low, figure.best, figure.high, figure.qualifier) != want:
            differ.append(row["figure_text"])
    assert differ == ["almeno due"]


def test_amassine_claims():
    rebels = parse_casualty_figure("over 30", lang="en")
    assert (rebels.low, rebels.best, rebels.high, rebels.qualifier) == (31, 31, None, "more_than")
    assert rebels.matched == "over 30"
    security_source = parse_casualty_figure("29", lang="fr")
    assert (security_source.low, security_source.best, security_source.high) == (29, 29, 29)
    assert security_source.qualifier == "exact"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,200", (1200, 1200, 1200, "exact")),
        ("1 200 morts", (1200, 1200, 1200, "exact")),
        ("1\u00a0200", (1200, 1200, 1200, "exact")),
        ("1\u202f200", (1200, 1200, 1200, "exact")),
        ("1.200", (1200, 1200, 1200, "exact")),
        ("١٢", (12, 12, 12, "exact")),
        ("۱۲ قتيلا", (12, 12, 12, "exact")),
        ("quatre-vingt-dix-sept", (97, 97, 97, "exact")),
        ("soixante et onze", (71, 71, 71, "exact")),
        ("deux cent cinq", (205, 205, 205, "exact")),
        ("two hundred and five", (205, 205, 205, "exact")),
        ("a hundred", (100, 100, 100, "exact")),
        ("six civils tués", (6, 6, 6, "exact")),
        ("between 20 and 30", (20, None, 30, "range")),
        ("entre 20 et 30", (20, None, 30, "range")),
        ("20-30", (20, None, 30, "range")),
        ("20 to 30", (20, None, 30, "range")),
        ("nearly 50", (40, 50, 50, "approximately")),
        ("almost 50", (40, 50, 50, "approximately")),
        ("up to 20", (None, None, 20, "at_most")),
        ("some 30", (24, 30, 36, "approximately")),
        ("scores", (20, None, None, "vague")),
        ("a few", (2, None, None, "vague")),
        ("0", (0, 0, 0, "exact")),
        ("no casualties", (None, None, None, "none")),
        ("néant", (None, None, None, "none")),
        ("aucun mort", (None, None, None, "none")),
        ("zéro", (0, 0, 0, "exact")),
        ("no toll given", (None, None, None, "none")),
        ("   ", (None, None, None, "none")),
        ("-5", (None, None, None, "unparsed")),
        ("−5 morts", (None, None, None, "unparsed")),
        ("1.5", (None, None, None, "unparsed")),
        ("the sky is blue", (None, None, None, "unparsed")),
    ],
)
def test_forms_named_in_the_brief(text, expected):
    figure = parse_casualty_figure(text)
    assert (figure.low, figure.best, figure.high, figure.qualifier) == expected


@pytest.mark.parametrize("text", ["aucun mort", "no casualties", "Aucune perte", "éviter toute perte", "No civilian"])
def test_denial_states_no_count_but_is_flagged(text):
    figure = parse_casualty_figure(text)
    assert (figure.low, figure.best, figure.high, figure.qualifier, figure.denial) == (None, None, None, "none", True)


@pytest.mark.parametrize("text", ["", "no toll given", "0", "zéro", "zero", "29"])
def test_not_a_denial(text):
    assert parse_casualty_figure(text).denial is False


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA])
def test_missing_input_is_no_figure(value):
    assert parse_casualty_figure(value) == CasualtyFigure(None, None, None, "none", "")


@pytest.mark.parametrize("value", [29, 3.5, b"29", ["29"], object()])
def test_non_text_input_is_unparsed(value):
    assert parse_casualty_figure(value).qualifier == "unparsed"


def test_lang_limits_number_words():
    assert parse_casualty_figure("almeno due", lang="it").low == 2
    assert parse_casualty_figure("due to the attack", lang="en").qualifier == "unparsed"


def test_outcome_picks_the_named_outcome():
    text = "six décès et quatre blessés"
    assert parse_casualty_figure(text).best == 6
    assert parse_casualty_figure(text, outcome="killed").best == 6
    assert parse_casualty_figure(text, outcome="injured").best == 4


def test_matched_is_the_text_read():
    assert parse_casualty_figure("Au moins 17 soldats et 4 civils").matched == "Au moins 17 soldats et 4"
    assert parse_casualty_figure("« une vingtaine d'individus armés »").matched == "une vingtaine"
    assert parse_casualty_figure("Il y a des morts").matched == "des"


def test_vague_terms_are_documented_intervals():
    for term, entry in VAGUE_TERMS.items():
        assert entry.convention, term
        if entry.low is not None and entry.high is not None:
            assert entry.low <= entry.high, term
    for term, floor in [("dozens", 12), ("des dizaines", 10), ("hundreds", 100), ("plusieurs", 2), ("several", 3)]:
        figure = parse_casualty_figure(term)
        assert (figure.low, figure.best, figure.high, figure.qualifier) == (floor, None, None, "vague")


def test_parse_casualty_figures_keeps_index_and_dtypes():
    texts = pd.Series(["29", "over 30", "", None, "une trentaine", "29"], index=list("abcdef"))
    frame = parse_casualty_figures(texts)
    assert list(frame.index) == list("abcdef")
    assert list(frame.columns) == ["low", "best", "high", "qualifier"]
    assert all(str(frame[column].dtype) == "Int64" for column in ("low", "best", "high"))
    assert frame.loc["b", "low"] == 31 and frame.loc["b", "high"] is pd.NA
    assert list(frame["qualifier"]) == ["exact", "more_than", "none", "none", "approximately", "exact"]
    assert frame.loc["e", "high"] == 36


def test_parse_casualty_figures_takes_per_row_language_and_outcome():
    texts = pd.Series(["almeno due", "almeno due", "six décès et quatre blessés", None])
    frame = parse_casualty_figures(texts, lang=["it", "en", "fr", "fr"],
                                   outcome=pd.Series(["killed", "killed", "injured", None]))
    assert list(frame["low"].astype(object).where(frame["low"].notna(), None)) == [2, None, 4, None]
    assert list(frame["qualifier"]) == ["at_least", "unparsed", "exact", "none"]


def test_parse_casualty_figures_matches_one_by_one_on_raw_column():
    texts = _raw_figure_texts()
    frame = parse_casualty_figures(texts)
    for position in range(0, len(texts), 37):
        figure = parse_casualty_figure(texts.iloc[position])
        row = frame.iloc[position]
        for name in ("low", "best", "high"):
            value = getattr(figure, name)
            assert (row[name] is pd.NA) if value is None else row[name] == value
        assert row["qualifier"] == figure.qualifier


# --- an independent number-to-words generator for the property tests ---

_FR_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
             "onze", "douze", "treize", "quatorze", "quinze", "seize"]
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}
_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
             "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _french_below_100(n: int) -> str:
    if n <= 16:
        return _FR_UNITS[n]
    if n < 20:
        return "dix-" + _FR_UNITS[n - 10]
    if n < 70:
        tens, unit = divmod(n, 10)
        word = _FR_TENS[tens * 10]
        if unit == 0:
            return word
        return f"{word} et un" if unit == 1 else f"{word}-{_FR_UNITS[unit]}"
    if n < 80:
        return "soixante et onze" if n == 71 else "soixante-" + _french_below_100(n - 60)
    if n == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + _french_below_100(n - 80)


def french_words(n: int) -> str:
    """French spelling (traditional hyphenation) of 0..9999."""
    if n < 100:
        return _french_below_100(n)
    thousands, rest = divmod(n, 1000)
    words = []
    if thousands:
        words.append("mille" if thousands == 1 else f"{_french_below_100(thousands)} mille")
    hundreds, below = divmod(rest, 100)
    if hundreds:
        prefix = "cent" if hundreds == 1 else f"{_FR_UNITS[hundreds]} cent"
        words.append(prefix + ("s" if hundreds > 1 and below == 0 else ""))
    if below:
        words.append(_french_below_100(below))
    return " ".join(words)


def english_words(n: int) -> str:
    """English spelling of 0..9999 ("two thousand three hundred and five")."""
    def below_100(k: int) -> str:
        if k < 20:
            return _EN_UNITS[k]
        tens, unit = divmod(k, 10)
        return _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")

    if n < 100:
        return below_100(n)
    thousands, rest = divmod(n, 1000)
    hundreds, below = divmod(rest, 100)
    words = []
    if thousands:
        words.append(f"{below_100(thousands)} thousand")
    if hundreds:
        words.append(f"{_EN_UNITS[hundreds]} hundred")
    if below:
        words.append(("and " if words else "") + below_100(below))
    return " ".join(words)


def test_generator_spot_checks():
    assert french_words(97) == "quatre-vingt-dix-sept"
    assert french_words(71) == "soixante et onze"
    assert french_words(200) == "deux cents"
    assert english_words(205) == "two hundred and five"


SEPARATORS = ["", ",", ".", " ", "\u00a0", "\u202f"]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=9999), st.sampled_from(SEPARATORS))
def test_digits_parse_back(n, separator):
    text = f"{n:,}".replace(",", separator) if n >= 1000 else str(n)
    figure = parse_casualty_figure(text)
    assert (figure.low, figure.best, figure.high, figure.qualifier) == (n, n, n, "exact")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=9999))
def test_french_words_parse_back(n):
    figure = parse_casualty_figure(french_words(n), lang="fr")
    assert (figure.low, figure.best, figure.high, figure.qualifier) == (n, n, n, "exact")
    assert parse_casualty_figure(french_words(n)).best == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=9999))
def test_english_words_parse_back(n):
    figure = parse_casualty_figure(english_words(n), lang="en")
    assert (figure.low, figure.best, figure.high, figure.qualifier) == (n, n, n, "exact")
    assert parse_casualty_figure(english_words(n)).best == n


def _ordered(figure: CasualtyFigure) -> bool:
    values = [v for v in (figure.low, figure.best, figure.high) if v is not None]
    return values == sorted(values)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_any_text_never_raises_and_stays_ordered(text):
    figure = parse_casualty_figure(text)
    assert figure.qualifier in QUALIFIERS
    assert _ordered(figure)


_PHRASE_PIECES = st.sampled_from([
    "au moins", "plus de", "plus d'une", "environ", "près de", "jusqu'à", "entre", "et", "à", "ou",
    "voire", "dont", "...", "(", ")", "+", "-", ",", "une trentaine", "dizaines", "douze", "vingt",
    "quatre-vingt", "morts", "blessés", "civils", "over", "at least", "dozens", "on parle même de",
    "على الأقل", "نحو", "ما لا يقل عن", "aucun", "plusieurs",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PHRASE_PIECES, st.integers(0, 500).map(str)), max_size=8))
def test_figure_like_phrases_never_raise_and_stay_ordered(pieces):
    figure = parse_casualty_figure(" ".join(pieces))
    assert figure.qualifier in QUALIFIERS
    assert _ordered(figure)
    if figure.qualifier == "exact":
        assert figure.low == figure.best == figure.high
    if figure.qualifier in ("at_least", "more_than"):
        assert figure.high is None and figure.low is not None


def test_exact_figures_are_points_and_qualifiers_are_known():
    for row in _expectations():
        figure = parse_casualty_figure(row["figure_text"])
        assert figure.qualifier in QUALIFIERS
        assert _ordered(figure)
        if figure.qualifier == "exact":
            assert figure.low == figure.best == figure.high
        if figure.qualifier == "unparsed":
            assert figure.unread, row["figure_text"]
        assert not any(isinstance(v, float) and math.isnan(v) for v in (figure.low, figure.best, figure.high))
