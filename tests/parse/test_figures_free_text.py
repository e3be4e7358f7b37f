"""parse_casualty_figure on free text a reporter pastes: never confidently wrong.

The table of issue 11 (each row as a test), then properties: a figure embedded
in random French, English and Arabic sentences with a date, a weekday and a
place reads as the figure, never the date; no text raises; an ``unparsed``
result always says what it could not read.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from malitrack.parse.figures import QUALIFIERS, parse_casualty_figure


def _reading(text: str, lang: str | None = None) -> tuple:
    figure = parse_casualty_figure(text, lang=lang)
    return figure.low, figure.best, figure.high, figure.qualifier


@pytest.mark.parametrize(
    "text, expected",
    [
        # two claimants: alternatives, never a sum
        ("20 morts selon l'armée, 40 selon des élus", (20, None, 40, "range")),
        ("19 selon l'ONU (contre 7 selon l'armée)", (7, None, 19, "range")),
        ("12 morts (15 selon l'ONU)", (12, None, 15, "range")),
        ("12 killed according to the army, 30 according to local officials", (12, None, 30, "range")),
        ("Selon l'armée, 12 morts ; selon les rebelles, 40", (12, None, 40, "range")),
        ("between 20 and 30 killed, says UN, 45 say locals", (20, None, 45, "range")),
        ("3 soldats et 2 civils selon l'armée, 10 selon les rebelles", (5, None, 10, "range")),
        ("12 morts, 30 selon des sources locales", (12, None, 30, "range")),
        ("3 soldats, 2 civils selon l'armée", (5, 5, 5, "exact")),  # one claimant, two groups
        # dates, years, times, ordinals are not tolls
        ("le 3 mars, 12 morts", (12, 12, 12, "exact")),
        ("en 2019, 157 morts", (157, 157, 157, "exact")),
        ("the 2012 attack killed 5", (5, 5, 5, "exact")),
        ("Kidal, 26 avril : 14 morts", (14, 14, 14, "exact")),
        ("في 25 أبريل، قتل 12 جنديا", (12, 12, 12, "exact")),
        ("mardi 17 septembre 2024, 5 morts", (5, 5, 5, "exact")),
        ("le 1er janvier, trois morts", (3, 3, 3, "exact")),
        ("on Tuesday, May 21, 2024, at least 9 civilians were killed", (9, 9, None, "at_least")),
        ("vers 14h30, 6 morts", (6, 6, 6, "exact")),
        ("le 2e jour, 8 morts", (8, 8, 8, "exact")),
        ("trois morts le trois mars", (3, 3, 3, "exact")),
        ("12 morts (03.03.2024)", (12, 12, 12, "exact")),
        ("12 killed at 10.30 am", (12, 12, 12, "exact")),
        ("31 dead as of 4 p.m.", (31, 31, 31, "exact")),
        ("BAMAKO, March 12 (Reuters) - At least 20 people were killed", (20, 20, None, "at_least")),
        ("vingt et un morts, selon un communiqué du 2 juin", (21, 21, 21, "exact")),
        ("dans la nuit du 5 au 6 mars, 10 morts", (10, 10, 10, "exact")),
        ("entre le 5 et le 7 mars, 10 morts", (10, 10, 10, "exact")),
        ("March 5-7, 10 killed", (10, 10, 10, "exact")),
        ("the 12 March attack killed 5", (5, 5, 5, "exact")),
        ("en 2023-2024, 10 morts", (10, 10, 10, "exact")),
        ("1er trimestre 2024, 10 morts", (10, 10, 10, "exact")),
        ("plus de 2000 personnes tuées", (2001, 2001, None, "more_than")),
        ("2019", (2019, 2019, 2019, "exact")),  # a number alone is the count
        ("Une attaque a fait 12 morts", (12, 12, 12, "exact")),
        ("Une embuscade a fait 4 morts et 2 blessés", (4, 4, 4, "exact")),
        # « un » is an article
        ("un lourd bilan humain", (None, None, None, "vague")),
        # Swiss and Belgian number words
        ("nonante-huit", (98, 98, 98, "exact")),
        ("septante-cinq civils", (75, 75, 75, "exact")),
        # round nouns
        ("une demi-douzaine", (5, 6, 7, "approximately")),
        ("half a dozen", (5, 6, 7, "approximately")),
        ("about a hundred dead", (80, 100, 120, "approximately")),
        # upper bounds
        ("less than 10", (None, None, 9, "at_most")),
        ("moins de 10 morts", (None, None, 9, "at_most")),
        ("moins d'une dizaine", (None, None, 9, "at_most")),
        # a hedge on an upper figure
        ("at least five, possibly 12", (5, None, 12, "range")),
        ("at least 5 and possibly as many as 12", (5, None, 12, "range")),
        ("au moins 5, peut-être 12", (5, None, 12, "range")),
        ("12 voire 15 morts", (12, None, 15, "range")),
        # a sum, a breakdown
        ("16 + 4", (20, 20, 20, "exact")),
        ("53 morts dont 33 soldats", (53, 53, 53, "exact")),
        ("40 civilians killed, 12 of them children", (40, 40, 40, "exact")),
        ("12 dead, 2 soldiers among them", (12, 12, 12, "exact")),
        ("3 Casques bleus tués, 4 selon une autre source", (3, None, 4, "range")),
        # outcomes named before the count (verb first)
        ("killed 3 soldiers and wounded 5", (3, 3, 3, "exact")),
        ("tué 3 soldats et blessé 5 autres", (3, 3, 3, "exact")),
        ("قتل 3 جنود وأصيب 5 آخرون", (3, 3, 3, "exact")),
        ("قتل 3 جنود و5 مدنيين", (8, 8, 8, "exact")),
        # digits in names are not counts
        ("G5 Sahel: 4 morts", (4, 4, 4, "exact")),
        ("COVID-19: 5 morts", (5, 5, 5, "exact")),
        # measures are not counts
        ("à 5 km de Gao, 12 morts", (12, 12, 12, "exact")),
        ("5 km from Gao, 12 dead", (12, 12, 12, "exact")),
        ("page 3: 14 morts", (14, 14, 14, "exact")),
    ],
)
def test_issue_table(text, expected):
    assert _reading(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "page 2 of 3",
        "page 2 sur 3",
        "https://www.essor.ml/2016/09/boni-larmee-reprend-la-localite/",
        "voir www.example.org/2024/05/21/article",
        "the sky is blue",
    ],
)
def test_no_figure_is_unparsed_and_says_what_it_could_not_read(text):
    figure = parse_casualty_figure(text)
    assert figure.qualifier == "unparsed"
    assert figure.unread == text


@pytest.mark.parametrize(
    "text, unread",
    [
        ("12 morts 40 blessés 7", "7"),  # a count nothing joins (40 is of another outcome)
        ("5 morts puis 8", "8"),
        ("Le 12 mai, l'attaque a fait 30 morts, le bilan précédent était de 20", "20"),  # a join reaches few words
        ("12 killed in 2 separate attacks", "2"),
        ("the 2012 attack", "the 2012 attack"),  # a year, and no count
        ("2000 civils tués", "2000 civils tués"),  # a year or a count: not guessed
        ("bilan : 3 morts ... rien", "rien"),  # a compound part with no figure
    ],
)
def test_a_number_it_cannot_place_is_not_guessed(text, unread):
    figure = parse_casualty_figure(text)
    assert (figure.qualifier, figure.unread) == ("unparsed", unread)


def test_lang_restricts_every_word_not_only_numbers():
    assert _reading("au moins 12", lang="fr") == (12, 12, None, "at_least")
    english = parse_casualty_figure("au moins 12", lang="en")  # « au moins » is no English word
    assert (english.qualifier, english.unread) == ("unparsed", "au moins 12")
    assert _reading("at least 12", lang="en") == (12, 12, None, "at_least")
    assert _reading("على الأقل 9", lang="ar") == (9, 9, None, "at_least")


# --- properties ----------------------------------------------------------

_PLACES = st.sampled_from(["Kidal", "Gao", "Ménaka", "Tombouctou", "Mopti", "Ségou", "Bamako", "Tessit"])
_YEARS = st.integers(2012, 2025)
_DAYS = st.integers(1, 28)
_FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre"]
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
_AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
              "نوفمبر", "ديسمبر"]
_FR_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_AR_WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


def _exact(n):
    return n, n, n, "exact"


def _at_least(n):
    return n, n, None, "at_least"


def _more_than(n):
    return n + 1, n + 1, None, "more_than"


def _below(n):
    return None, None, max(n - 1, 0), "at_most"


_FIGURES = {
    "fr": [("{n} morts", _exact), ("{n} civils tués", _exact), ("au moins {n} morts", _at_least),
           ("plus de {n} morts", _more_than), ("moins de {n} morts", _below)],
    "en": [("{n} killed", _exact), ("at least {n} people were killed", _at_least), ("more than {n} dead", _more_than),
           ("fewer than {n} dead", _below)],
    "ar": [("قتل {n} جنديا", _exact), ("{n} قتيلا", _exact), ("ما لا يقل عن {n} قتيلا", _at_least),
           ("أكثر من {n} قتيلا", _more_than)],
}


@st.composite
def _french(draw, figure: str) -> str:
    weekday, day = draw(st.sampled_from(_FR_WEEKDAYS)), draw(_DAYS)
    month, year, place = draw(st.sampled_from(_FR_MONTHS)), draw(_YEARS), draw(_PLACES)
    date = draw(st.sampled_from([f"{weekday} {day} {month} {year}", f"le {day} {month}", f"{weekday} {day} {month}",
                                 f"en {month} {year}", f"en {year}", f"du {day} au {day + 1} {month}", weekday]))
    template = draw(st.sampled_from([
        "{date}, à {place} : {figure}", "À {place}, {date}, {figure}", "{figure} à {place} {date}",
        "Attaque de {place} du {date} : {figure}", "{date} {figure}",
    ]))
    return template.format(date=date, place=place, figure=figure)


@st.composite
def _english(draw, figure: str) -> str:
    weekday, day = draw(st.sampled_from(_EN_WEEKDAYS)), draw(_DAYS)
    month, year, place = draw(st.sampled_from(_EN_MONTHS)), draw(_YEARS), draw(_PLACES)
    date = draw(st.sampled_from([f"{weekday}, {month} {day}, {year}", f"on {weekday} {day} {month} {year}",
                                 f"{day} {month} {year}", f"in {year}", f"in {month} {year}", f"on {weekday}"]))
    template = draw(st.sampled_from([
        "{date}, in {place}: {figure}", "In {place} {date}, {figure}", "{figure} in {place} {date}",
        "the {year} attack on {place}: {figure}",
    ]))
    return template.format(date=date, place=place, figure=figure, year=year)


@st.composite
def _arabic(draw, figure: str) -> str:
    weekday, day = draw(st.sampled_from(_AR_WEEKDAYS)), draw(_DAYS)
    month, year, place = draw(st.sampled_from(_AR_MONTHS)), draw(_YEARS), draw(_PLACES)
    date = draw(st.sampled_from([f"يوم {weekday} {day} {month} {year}", f"في {day} {month}",
                                 f"{weekday} {day} {month}", f"عام {year}", f"في {month} {year}"]))
    template = draw(st.sampled_from(["{date}، في {place}، {figure}", "{figure} في {place} {date}"]))
    return template.format(date=date, place=place, figure=figure)


@settings(max_examples=400, deadline=None)
@given(st.data(), st.integers(min_value=0, max_value=999), st.sampled_from(["fr", "en", "ar"]))
def test_figure_in_a_sentence_with_a_date_reads_the_figure_never_the_date(data, count, lang):
    template, reading = data.draw(st.sampled_from(_FIGURES[lang]))
    figure_text = template.format(n=count)
    sentence = data.draw({"fr": _french, "en": _english, "ar": _arabic}[lang](figure_text))
    for language in (lang, None):
        figure = parse_casualty_figure(sentence, lang=language)
        assert (figure.low, figure.best, figure.high, figure.qualifier) == reading(count), sentence


def _consistent(figure) -> None:
    assert figure.qualifier in QUALIFIERS
    values = [v for v in (figure.low, figure.best, figure.high) if v is not None]
    assert values == sorted(values)
    if figure.qualifier == "unparsed":
        assert figure.unread, "an unparsed result says what it could not read"
        assert (figure.low, figure.best, figure.high) == (None, None, None)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80), st.sampled_from([None, "fr", "en", "ar", "de", "xx"]))
def test_no_text_raises_and_unparsed_says_what_it_could_not_read(text, lang):
    _consistent(parse_casualty_figure(text, lang=lang))


_PIECES = st.sampled_from([
    "le", "3", "mars", "2024", "mardi", "page", "of", "sur", "selon", "l'armée", "contre", "possibly",
    "moins de", "less than", "+", "(", ")", ",", "...", "1er", "12h30", "ans", "jours", "une demi-douzaine",
    "half a dozen", "nonante-huit", "un", "bilan", "voire", "morts", "في", "أبريل", "قتل", "https://x.org/2024/05",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.integers(0, 3000).map(str)), max_size=10))
def test_figure_like_phrases_stay_consistent(pieces):
    _consistent(parse_casualty_figure(" ".join(pieces)))
