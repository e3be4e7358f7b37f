"""Figures in words: as the sources said them, never an internal bound."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from malitrack.report.words import figure_words, number, range_words, vague_words


def test_open_bounds_print_the_number_said():
    assert figure_words(31, 31, None, "more_than", "en") == "more than 30"
    assert figure_words(31, 31, None, "more_than", "fr") == "plus de 30"
    assert figure_words(101, 101, None, "more_than", "fr") == "plus de 100"
    assert figure_words(29, 29, None, "at_least", "en") == "at least 29"
    assert figure_words(29, 29, None, "at_least", "fr") == "au moins 29"


def test_approximate_ranges_and_upper_bounds():
    assert figure_words(40, 50, 60, "approximately", "en") == "about 50"
    assert figure_words(40, 50, 60, "approximately", "fr") == "environ 50"
    assert figure_words(20, None, 30, "range", "en") == "20 to 30"
    assert figure_words(20, None, 30, "range", "fr") == "20 à 30"
    assert figure_words(None, None, 300, "at_most", "fr") == "jusqu'à 300"


def test_vague_words_in_the_page_language():
    assert figure_words(2, None, None, "vague", "fr", figure_text="« plusieurs terroristes »") == "plusieurs"
    assert figure_words(2, None, None, "vague", "en", figure_text="plusieurs") == "several"
    assert figure_words(12, None, None, "vague", "en", figure_text="dozens") == "dozens"
    assert figure_words(12, None, None, "vague", "fr", figure_text="dozens") == "des dizaines"
    assert vague_words("plusieurs dizaines de morts", "en") == "several dozen"
    assert vague_words("عشرات", "fr") == "des dizaines"


def test_french_thousands_and_denials():
    assert number(3100, "fr") == "3\u202f100"
    assert number(3100, "en") == "3,100"
    assert figure_words(1200, 1200, 1200, "exact", "fr") == "1\u202f200"
    assert figure_words(denial=True, lang="en") == "denied any deaths"
    assert figure_words(denial=True, lang="fr") == "nie tout mort"


def test_range_across_claims():
    assert range_words("29", "more than 30", "en") == "between 29 and more than 30"
    assert range_words("29", "plus de 30", "fr") == "entre 29 et plus de 30"
    assert range_words("5", "5", "fr") == "5"


@given(st.integers(min_value=1, max_value=100_000), st.sampled_from(["en", "fr"]))
def test_more_than_never_prints_its_internal_low(low, lang):
    words = figure_words(low, low, None, "more_than", lang)
    assert str(low) not in words.replace("\u202f", "").replace(",", "")


@given(st.integers(min_value=5, max_value=100_000), st.sampled_from(["en", "fr"]))
def test_about_never_prints_the_interval(best, lang):
    low, high = round(best * 0.8), round(best * 1.2)
    words = figure_words(low, best, high, "approximately", lang).replace("\u202f", "").replace(",", "")
    digits = "".join(ch if ch.isdigit() else " " for ch in words).split()
    assert digits == [str(best)]


@given(st.integers(min_value=2, max_value=1000), st.sampled_from(["en", "fr"]),
       st.sampled_from(["plusieurs", "dozens", "plusieurs dizaines", "عشرات", "many", "a number"]))
def test_vague_never_prints_its_floor(low, lang, text):
    assert not any(ch.isdigit() for ch in figure_words(low, None, None, "vague", lang, figure_text=text))
