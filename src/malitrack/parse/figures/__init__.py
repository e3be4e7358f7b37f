"""Turn a casualty figure as a source wrote it into an interval: low, best, high.

A claim's ``figure_text`` is copied verbatim from the source: « 29 », "over 30",
« une trentaine », « au moins treize », « 9 على الأقل », « 47 terroristes ...
23 terroristes ». :func:`parse_casualty_figure` reads it into a
:class:`CasualtyFigure` with three counts and a qualifier, keeping the words it
read in ``matched``. Nothing here reads files; cleaning code calls it on each
claim and pandera validates the result.

The interval follows UCDP GED's low / best / high (lowest reliable, most likely,
highest reliable), and Iraq Body Count's minimum–maximum: a claim is never
turned into a point it does not state. ``None`` means unknown, never 0; ``high``
None means open-ended. ``low <= best <= high`` whenever they are set.

Qualifiers and what each one yields (N is the number as written):

``exact``          « 29 », « vingt-trois », "35 confirmed dead": N, N, N.
``at_least``       « au moins N », "at least N", "N+", « N على الأقل »: N, N, open.
``more_than``      « plus de N », "over N", "more than N": N+1, N+1, open. The
                   smallest whole number that makes the claim true; "over 30"
                   (CSP, Amassine) is 31, 31, open.
``at_most``        « jusqu'à N », "up to N", « pourrait atteindre les N »:
                   unknown, unknown, N. The claim sets a ceiling, not a count.
``approximately``  « environ N », "about N", « quelque N », « une trentaine »,
                   "a dozen": ``APPROXIMATE_MARGIN`` either side of N, rounded
                   inwards (« une trentaine »: 24, 30, 36). "Nearly N",
                   « près de N », « un peu moins d'une soixantaine » approach N
                   from below: the same low, best N, high N.
``range``          « entre 20 et 30 », "20-30", « douze à quinze », « N voire M »,
                   « six ou sept »: low, unknown, high. A range names no most
                   likely value. Ends given as round nouns use the noun's value
                   (« de quarante à une soixantaine »: 40, -, 60); an open end
                   (« 75 à plus de 90 », "25–82+") leaves high open.
``vague``          words without a number ("dozens", « plusieurs », « des
                   morts »): the floor given by ``VAGUE_TERMS``, no best, no
                   ceiling.
``none``           empty text: the claimant spoke but gave no number (NOTES:
                   denials and "no toll given" are kept as empty figure_text).
``unparsed``       anything else, including negative numbers, decimals and any
                   input that is not text. Never an exception.

A denial in words (« aucun mort », « Aucune perte », "No civilian", « éviter
toute perte ») states no count: all None, qualifier ``none``, like empty
text, but with ``denial=True`` so that "the army denied any deaths" is never
confused with "the army gave no toll" (the clean claims keep it as a column
of its own). The digit "0" is a count and stays exact 0. Missing input (None,
NaN, pd.NA) is treated as empty text (``none``); other non-text values are
``unparsed``.

Comparatives on round nouns use the noun's value, as ACLED records one figure
per phrase: « plus d'une trentaine » is more than 30 (31, 31, open), « au
moins une dizaine » at least 10.

How the parts of a figure combine (the rules ACLED and UCDP leave to coders;
chosen after reading every distinct figure_text, see
tests/data/figure_expectations.csv):

* The first count is the head. A later count is added only when a conjunction
  joins it (« et », "and", « ainsi que », « en plus de », "along with", "و",
  a comma or semicolon): « deux militaires et un civil » = 3, « Karou 17 morts,
  Dirgua (7), Deouteguef (14) et Ouatagouna (10) » = 48. Other numbers are
  something else: « dix otages sur treize » = 10, « une fille de 11 ans » = 1,
  « 43 morts en deux jours » = 43.
* Counts of another outcome are left out: « 24 morts et 5 blessés » = 24 dead.
  The outcome is the one passed in ``outcome`` (killed, injured, missing,
  abducted) or else the first one the text names.
* A breakdown is not added: everything after « dont », "including",
  « y compris », « بينهم » is dropped (« 53 morts dont 33 soldats et 20
  djihadistes » = 53), and so are later counts that add up exactly to the head
  (« cinq morts, quatre assaillants et un soldat malien » = 5).
* A number in brackets repeats the one before it (« quinze (15) », « deux (02) »)
  and is skipped; after a name it is that name's count (« Dirgua (7) »); after a
  vague head it makes it precise (« plusieurs dizaines de soldats, (une
  cinquantaine) »). Brackets holding words are asides and are skipped.
* Alternatives (« voire », « ou », "or", « même », « on parle même de »,
  « selon les sources ») give the range that covers them all: low the smallest
  low, high the largest high, no best. « plus précisément » replaces what came
  before.
* Compound figures, parts joined by `` ... `` in the raw files: the parts are
  added (lows, bests and highs each summed; unknown if any part's is unknown).
  The NOTES files describe most compounds as separate counts in one sentence
  (« 47 terroristes ... 23 terroristes », morning and afternoon; "84 ... 47",
  Wagner and Malian soldiers; "Nine ... three more"). Some are revisions or
  alternatives instead (« 10 morts ... 14 tués », « 98 ... 81 »); the text
  does not say which, so the sum is kept and those rows are flagged in the
  expectations' ``note`` column for the cleaner's corrections file. A part
  with no figure makes the whole compound ``unparsed``.
  The sum's qualifier is the parts' common qualifier; mixed parts give
  ``at_least`` when the sum is open-ended, ``approximately`` when only exact
  and approximate parts are mixed, ``at_most`` when the low is unknown, and
  ``range`` otherwise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from malitrack.parse.numbers import LANGUAGES, normalize_word, read_number_words

QUALIFIERS = (
    "exact", "at_least", "more_than", "at_most", "approximately", "range",
    "vague", "none", "unparsed",
)
OUTCOMES = ("killed", "injured", "missing", "abducted")

APPROXIMATE_MARGIN = (1, 5)
"""An approximate figure N spans N ± N/5 (20 %), rounded inwards to whole
numbers. malitrack's own convention: neither ACLED (one conservative figure)
nor UCDP (coder's judgement) fixes one. It keeps neighbouring round nouns
apart at their centres (« une vingtaine » 16–24, « une trentaine » 24–36) and
never widens an approximation into a bare floor."""


@dataclass(frozen=True)
class CasualtyFigure:
    """A casualty figure as an interval, with the words it was read from.

    >>> CasualtyFigure(31, 31, None, "more_than", "over 30").high is None
    True
    """

    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    matched: str = ""
    denial: bool = False


class VagueTerm(NamedTuple):
    """What a word without a number says about the count (best is never set)."""

    low: int | None
    high: int | None
    convention: str


_ACLED = "ACLED codebook: vague plural coded as one unit (tens = 10, dozens = 12, hundreds = 100)"
_PLURAL = "a plural of a unit noun, read like ACLED's: one unit as the floor"
_SEVERAL = "more than one by definition (« plusieurs », « quelques », « vários »): floor 2"
_NO_QUANTITY = "casualties asserted, no quantity stated"

VAGUE_TERMS: dict[str, VagueTerm] = {
    # plural unit nouns: ACLED's conservative figure is one unit
    "tens": VagueTerm(10, None, _ACLED),
    "dizaines": VagueTerm(10, None, _ACLED),
    "des dizaines": VagueTerm(10, None, _ACLED),
    "plusieurs dizaines": VagueTerm(10, None, _ACLED),
    "quelques dizaines": VagueTerm(10, None, _ACLED),
    "dizaines et de dizaines": VagueTerm(10, None, _ACLED),
    "dizaines et des dizaines": VagueTerm(10, None, _ACLED),
    "عشرات": VagueTerm(10, None, _ACLED),
    "العشرات": VagueTerm(10, None, _ACLED),
    "decine": VagueTerm(10, None, _PLURAL),
    "decenas": VagueTerm(10, None, _PLURAL),
    "dezenas": VagueTerm(10, None, _PLURAL),
    "dozens": VagueTerm(12, None, _ACLED),
    "several dozen": VagueTerm(12, None, _ACLED),
    "several dozens": VagueTerm(12, None, _ACLED),
    "many dozens": VagueTerm(12, None, _ACLED),
    "dutzende": VagueTerm(12, None, _PLURAL),
    "scores": VagueTerm(20, None, _PLURAL + " (a score = 20)"),
    "hundreds": VagueTerm(100, None, _ACLED),
    "centaines": VagueTerm(100, None, _ACLED),
    "des centaines": VagueTerm(100, None, _ACLED),
    "plusieurs centaines": VagueTerm(100, None, _ACLED),
    "مئات": VagueTerm(100, None, _ACLED),
    "المئات": VagueTerm(100, None, _ACLED),
    "centinaia": VagueTerm(100, None, _PLURAL),
    "centenares": VagueTerm(100, None, _PLURAL),
    "centenas": VagueTerm(100, None, _PLURAL),
    "hunderte": VagueTerm(100, None, _PLURAL),
    "thousands": VagueTerm(1000, None, _PLURAL),
    "milliers": VagueTerm(1000, None, _PLURAL),
    "des milliers": VagueTerm(1000, None, _PLURAL),
    # small indefinite numbers
    "plusieurs": VagueTerm(2, None, _SEVERAL),
    "quelques": VagueTerm(2, None, _SEVERAL),
    "varios": VagueTerm(2, None, _SEVERAL),
    "vari": VagueTerm(2, None, _SEVERAL),
    "mehrere": VagueTerm(2, None, _SEVERAL),
    "a few": VagueTerm(2, None, "English 'a few': more than one, floor 2"),
    "few": VagueTerm(2, None, "English 'few': more than one, floor 2"),
    "several": VagueTerm(3, None, "English 'several': more than two (Oxford: 'more than two but not many'), floor 3"),
    "بضعة": VagueTerm(3, 9, "Arabic بضعة / بضع: three to nine by definition"),
    "بضع": VagueTerm(3, 9, "Arabic بضعة / بضع: three to nine by definition"),
    "بضعة عشر": VagueTerm(13, 19, "Arabic بضعة عشر: thirteen to nineteen by definition"),
    "بضع عشرة": VagueTerm(13, 19, "Arabic بضعة عشر: thirteen to nineteen by definition"),
    # casualties asserted without any quantity: used only when no count is found
    "many": VagueTerm(None, None, _NO_QUANTITY),
    "numerous": VagueTerm(None, None, _NO_QUANTITY),
    "some": VagueTerm(None, None, _NO_QUANTITY),
    "large number": VagueTerm(None, None, _NO_QUANTITY),
    "heavy": VagueTerm(None, None, _NO_QUANTITY),
    "all": VagueTerm(None, None, _NO_QUANTITY),
    "beaucoup": VagueTerm(None, None, _NO_QUANTITY),
    "nombreux": VagueTerm(None, None, _NO_QUANTITY),
    "nombreuses": VagueTerm(None, None, _NO_QUANTITY),
    "nombre important": VagueTerm(None, None, _NO_QUANTITY),
    "important": VagueTerm(None, None, _NO_QUANTITY),
    "importantes": VagueTerm(None, None, _NO_QUANTITY),
    "lourd": VagueTerm(None, None, _NO_QUANTITY),
    "lourdes": VagueTerm(None, None, _NO_QUANTITY),
    "lourds": VagueTerm(None, None, _NO_QUANTITY),
    "significatives": VagueTerm(None, None, _NO_QUANTITY),
    "pertes": VagueTerm(None, None, _NO_QUANTITY),
    "victimes": VagueTerm(None, None, _NO_QUANTITY),
    "des": VagueTerm(None, None, _NO_QUANTITY + " (French plural « des »)"),
    "tous": VagueTerm(None, None, _NO_QUANTITY + " (all of a group of unstated size)"),
    "toutes": VagueTerm(None, None, _NO_QUANTITY + " (all of a group of unstated size)"),
    "tout le monde": VagueTerm(None, None, _NO_QUANTITY + " (everyone)"),
    "جميع": VagueTerm(None, None, _NO_QUANTITY + " (all of a group of unstated size)"),
    "ضحايا": VagueTerm(None, None, _NO_QUANTITY + " (victims)"),
    "خسائر": VagueTerm(None, None, _NO_QUANTITY + " (losses)"),
    "zahlreiche": VagueTerm(None, None, _NO_QUANTITY),
    "molti": VagueTerm(None, None, _NO_QUANTITY),
    "muchos": VagueTerm(None, None, _NO_QUANTITY),
}
"""Words that give casualties without a number, with the interval malitrack
reads from each and where that reading comes from. Keys are normalised
(case-folded, accents removed); phrases are matched longest first."""

APPROXIMATE_NOUNS: dict[str, int] = {
    "huitaine": 8, "dizaine": 10, "douzaine": 12, "quinzaine": 15,
    "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50,
    "soixantaine": 60, "centaine": 100, "millier": 1000,
    "dozen": 12, "score": 20,
    "decina": 10, "dozzina": 12, "ventina": 20, "trentina": 30, "centinaio": 100,
    "decena": 10, "docena": 12, "veintena": 20, "treintena": 30, "centenar": 100,
    "dezena": 10, "duzia": 12, "vintena": 20, "centena": 100,
}
"""Round nouns (« une trentaine », "a dozen"): an approximate count of this
value; several of them (« deux centaines », "two dozen") multiply it."""

_PREFIXES = {
    "at_least": [
        "au moins", "at least", "no fewer than", "not less than", "pas moins de",
        "al menos", "almeno", "pelo menos", "ao menos", "mindestens", "wenigstens",
        "cel putin", "zeker", "minstens", "ten minste", "ما لا يقل عن", "على الأقل",
    ],
    "more_than": [
        "plus de", "plus d'", "more than", "over", "upwards of", "in excess of",
        "au-delà de", "au-delà d'", "meer dan", "več kot", "mehr als", "más de",
        "mais de", "più di", "oltre", "أكثر من",
    ],
    "at_most": [
        "jusqu'à", "up to", "no more than", "not more than", "pas plus de", "at most",
        "au plus", "tout au plus", "pourrait atteindre les", "pourrait atteindre",
        "hasta", "fino a", "bis zu",
    ],
    "approximately": [
        "environ", "environs", "about", "around", "approximately", "roughly", "some",
        "quelque", "an estimated", "estimated", "estimés à", "estimé à", "estimées à",
        "aux alentours de", "cerca de", "circa", "rund", "etwa", "ungefähr", "نحو",
        "حوالي", "~",
    ],
    "nearly": [
        "près de", "près d'", "presque", "nearly", "almost", "close to",
        "un peu moins de", "un peu moins d'", "quasiment", "قرابة",
    ],
}
_POSTPOSED_AT_LEAST = ["au moins", "au minimum", "minimum", "at least", "على الأقل", "at a minimum"]
_JOINS = [
    ",", ";", "et", "and", "ainsi que", "ainsi qu'", "along with", "as well as",
    "en plus de", "en plus d'", "و",
]
_ALTERNATIVES = ["voire", "ou", "or", "même", "on parle même de", "certains", "sinon"]
# one-letter conjunctions, read only when the claim's language is given
_JOINS_BY_LANGUAGE = {"es": ["y"], "pt": ["e"], "it": ["e"], "de": ["und"]}
_ALTERNATIVES_BY_LANGUAGE = {"es": ["o"], "it": ["o"], "de": ["oder"]}
_WHOLE_PART_ALTERNATIVES = [
    "selon les sources", "suivant les sources", "according to sources", "depending on the source",
    "depending on sources",
]
_REFINEMENTS = ["plus précisément", "more precisely", "précisément"]
_BREAKDOWNS = [
    "dont", "including", "among them", "among whom", "y compris", "parmi lesquels",
    "parmi lesquelles", "notamment", "incluant", "بينهم", "بينهن", "darunter",
    "tra cui", "entre ellos", "incluindo",
]
_RANGE_WORDS = ["à", "au", "to", "-", "till", "bis"]
_RANGE_WORDS_AFTER_BETWEEN = ["et", "and", "ou", "or", "und"]
_RANGE_STARTS = ["entre", "between", "zwischen"]
_AS_MANY = ["autant", "as many"]
_COLLECTIVE_NOUNS = {
    "famille", "bilan", "nombre", "total", "peu", "groupe", "grand", "certain",
    "estimated", "family", "group", "number", "total", "toll",
}
_ONE_WORDS = {"un", "une", "one", "an", "uno", "una", "um", "uma", "ein", "eine", "eins", "واحد"}
_ZERO_WORDS = ["aucun", "aucune", "no", "none", "zero", "néant", "nil", "keine", "kein",
               "ninguno", "nessuno", "nenhum"]
_DENIALS = ["éviter toute perte", "sans perte", "n'a tué personne", "personne n'a été tué"]
_NO_FIGURE = ["no toll", "pas de bilan", "aucun bilan", "sans préciser le bilan", "no figure",
              "bilan non précisé", "not given"]
_IGNORED = ["[sic]", "des deux côtés", "de part et d'autre", "on both sides"]
_OUTCOME_WORDS = {
    "killed": [
        "mort", "morts", "morte", "mortes", "tué", "tués", "tuée", "tuées", "décès",
        "dead", "killed", "died", "deaths", "death", "corps", "cadavres", "bodies",
        "body", "morti", "muertos", "mortos", "tote", "toten", "قتيل", "قتيلا", "قتلى",
        "péri", "perished", "abattus", "assassinés",
    ],
    "injured": [
        "blessé", "blessés", "blessée", "blessées", "wounded", "injured", "feriti",
        "heridos", "feridos", "verletzte", "جريح", "جرحى", "أصيب",
    ],
    "missing": ["disparu", "disparus", "disparue", "disparues", "missing", "مفقود", "مفقودين"],
    "abducted": [
        "otage", "otages", "prisonnier", "prisonniers", "enlevé", "enlevés",
        "hostage", "hostages", "kidnapped", "abducted", "arrêtés",
    ],
}

_TOKEN_RE = re.compile(
    r"\d{1,3}(?:[ .,]\d{3})+(?![\d]|[.,]\d)"  # 1 200, 1,200, 1.200
    r"|\d+"
    r"|\[sic\]"
    r"|[^\W\d_]+'?"  # words, with d' qu' jusqu' kept whole
    r"|\S"
)
_SPACES = re.compile(r"\s")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "«»\"“”„‟‹›"), " ")
_APOSTROPHES = dict.fromkeys(map(ord, "’‘ʼ`´"), "'")
_ARABIC_PUNCTUATION = {ord("،"): ",", ord("؛"): ";", ord("٬"): ","}
_ARABIC_DIGITS = {0x0660 + d: str(d) for d in range(10)} | {0x06F0 + d: str(d) for d in range(10)}
_COMPOUND_SEPARATOR = re.compile(r"\s*\.\.\.\s*")


@cache
def _normalize_char(char: str) -> str:
    if char == "\u2026":
        return "..."
    if _SPACES.match(char):
        return " "
    piece = char.translate(_DASHES).translate(_QUOTES).translate(_APOSTROPHES)
    piece = piece.translate(_ARABIC_PUNCTUATION).translate(_ARABIC_DIGITS)
    return normalize_word(piece)


def _normalize(text: str) -> tuple[str, list[int]]:
    """Normalise text one character at a time; return it with each char's source index.

    Case-folded, accents and Arabic vowel marks removed, Arabic digits made
    ASCII, every space a plain space, dashes '-', quotes spaces, '…' '...'.
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = _normalize_char(char)
        out.append(piece)
        origin.extend([index] * len(piece))
    normalized = "".join(out)
    # hyphens inside words (vingt-trois, au-delà) are spaces
    normalized = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", normalized)
    return normalized, origin


def _phrase(text: str) -> tuple[str, ...]:
    normalized, _ = _normalize(text)
    return tuple(match.group() for match in _TOKEN_RE.finditer(normalized))


class _PhraseTable:
    """Phrases as normalised token tuples, found by their first token, longest first
    (so « plusieurs dizaines » wins over « plusieurs »)."""

    def __init__(self, entries: Iterable[tuple[str, object]]):
        self.by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for text, payload in entries:
            phrase = _phrase(text)
            self.by_first.setdefault(phrase[0], []).append((phrase, payload))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda candidate: len(candidate[0]), reverse=True)

    def lookup(self, words: list[str], index: int) -> tuple[tuple[str, ...], object] | None:
        if index >= len(words):
            return None
        for phrase, payload in self.by_first.get(words[index], ()):
            if len(phrase) == 1 or tuple(words[index:index + len(phrase)]) == phrase:
                return phrase, payload
        return None


def _phrases(texts: Iterable[str]) -> _PhraseTable:
    return _PhraseTable((text, None) for text in texts)


@cache
def _vocabulary(lang: str | None):
    """Phrase tables normalised once; number words restricted to ``lang`` when given."""
    return {
        "prefixes": _PhraseTable((text, kind) for kind, texts in _PREFIXES.items() for text in texts),
        "postposed": _phrases(_POSTPOSED_AT_LEAST),
        "joins": _phrases(_JOINS + _JOINS_BY_LANGUAGE.get(lang, [])),
        "alternatives": _phrases(_ALTERNATIVES + _ALTERNATIVES_BY_LANGUAGE.get(lang, [])),
        "whole_part_alternatives": _phrases(_WHOLE_PART_ALTERNATIVES),
        "refinements": _phrases(_REFINEMENTS),
        "breakdowns": _phrases(_BREAKDOWNS),
        "range_words": _phrases(_RANGE_WORDS),
        "range_words_between": _phrases(_RANGE_WORDS + _RANGE_WORDS_AFTER_BETWEEN),
        "range_starts": _phrases(_RANGE_STARTS),
        "as_many": _phrases(_AS_MANY),
        "zero": {normalize_word(word) for word in _ZERO_WORDS},
        "denials": _phrases(_DENIALS),
        "no_figure": _phrases(_NO_FIGURE),
        "ignored": _phrases(_IGNORED),
        "vague": _PhraseTable((term, term) for term in VAGUE_TERMS),
        "quantified_vague": _PhraseTable((term, term) for term, entry in VAGUE_TERMS.items()
                                         if entry.low is not None),
        "approximate_nouns": {normalize_word(noun): value for noun, value in APPROXIMATE_NOUNS.items()},
        "outcomes": {
            normalize_word(word): outcome for outcome, words in _OUTCOME_WORDS.items() for word in words
        },
        "lang": lang if lang in LANGUAGES else None,
    }


class _Token(NamedTuple):
    text: str
    start: int
    end: int


class _Value(NamedTuple):
    """A figure read from the text: (low, best, high, qualifier) and its token span."""

    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    first: int
    last: int  # index of the token after the figure


class _Item(NamedTuple):
    value: _Value
    join: str  # "head", "and", "alt", "refine"
    outcome: str | None


def _band(value: int, nearly: bool = False) -> tuple[int, int, int, str]:
    numerator, denominator = APPROXIMATE_MARGIN
    low = -((-value * (denominator - numerator)) // denominator)  # integer ceiling
    high = value if nearly else (value * (denominator + numerator)) // denominator
    return low, value, high, "approximately"


def _apply_comparative(kind: str | None, value: int, approximate: bool) -> tuple:
    """The interval for N under a comparative (or none); N is the face value."""
    if kind == "at_least":
        return value, value, None, "at_least"
    if kind == "more_than":
        return value + 1, value + 1, None, "more_than"
    if kind == "at_most":
        return None, None, value, "at_most"
    if kind == "nearly":
        return _band(value, nearly=True)
    if kind == "approximately" or approximate:
        return _band(value)
    return value, value, value, "exact"


class _Reader:
    """Reads the tokens of one figure text into items, left to right."""

    def __init__(self, tokens: list[_Token], vocabulary: dict):
        self.tokens = tokens
        self.words = [token.text for token in tokens]
        self.vocabulary = vocabulary

    def match(self, index: int, table: _PhraseTable) -> tuple[str, ...] | None:
        found = table.lookup(self.words, index)
        return found[0] if found else None

    def prefix(self, index: int) -> tuple[str | None, int]:
        """Comparatives before a number; the last one read decides (« au moins plus d'une »)."""
        kind = None
        while (found := self.vocabulary["prefixes"].lookup(self.words, index)) is not None:
            phrase, phrase_kind = found
            if phrase_kind != "approximately" or kind is None:
                kind = phrase_kind
            index += len(phrase)
        return kind, index

    def core(self, index: int) -> tuple[int, bool, int] | None:
        """A bare count at ``index``: (value, is_approximate, next index), or None."""
        words = self.words
        if index >= len(words):
            return None
        word = words[index]
        nouns = self.vocabulary["approximate_nouns"]
        following = words[index + 1] if index + 1 < len(words) else None
        # une trentaine, la soixantaine, a dozen
        if word in _ONE_WORDS | {"la", "a"} and following in nouns:
            return nouns[following], True, index + 2
        if word in nouns:
            return nouns[word], True, index + 1
        if word.isdigit() or re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", word):
            value = int(re.sub(r"\D", "", word))
            end = index + 1
        elif word in self.vocabulary["zero"]:
            return 0, False, index + 1
        elif word in _ONE_WORDS:
            if following in _COLLECTIVE_NOUNS or word == "an" and following is None:
                return None  # un bilan, une famille, un total de 15
            read = read_number_words(words, index, self.vocabulary["lang"])
            value, end = read if read else (1, index + 1)
        else:
            read = read_number_words(words, index, self.vocabulary["lang"])
            if read is None or word == "a" and read[1] == index + 1:
                return None
            value, end = read
        # two dozen, deux centaines: a count of round nouns
        if end < len(words) and value > 1:
            noun = words[end]
            stem = noun[:-1] if noun.endswith("s") else noun
            if stem in nouns:
                return value * nouns[stem], True, end + 1
        return value, False, end

    def vague(self, index: int, quantified_only: bool) -> tuple[str, int] | None:
        table = self.vocabulary["quantified_vague" if quantified_only else "vague"]
        found = table.lookup(self.words, index)
        if found is None:
            return None
        phrase, term = found
        return term, index + len(phrase)

    def single(self, index: int, allow_range: bool = True) -> _Value | None:
        """One figure at ``index``: comparatives, a count or vague word, a range, a '+'."""
        words = self.words
        kind, start = self.prefix(index)
        vague = self.vague(start, quantified_only=True)
        if vague is not None:
            term, end = vague
            entry = VAGUE_TERMS[term]
            return _Value(entry.low, None, entry.high, "vague", index, end)
        core = self.core(start)
        if core is None:
            return None
        value, approximate, end = core
        # the 70s
        if (not approximate and value >= 10 and value % 10 == 0 and end < len(words) and words[end] == "s"
                and self.tokens[end].start == self.tokens[end - 1].end):
            return _Value(value, None, value + 9, "range", index, end + 1)
        if end < len(words) and words[end] == "+" and self.tokens[end].start == self.tokens[end - 1].end:
            low, best, high, qualifier = value, value, None, "at_least"
            end += 1
        else:
            low, best, high, qualifier = _apply_comparative(kind, value, approximate)
        if allow_range:
            ranged = self.range_end(end, index, value)
            if ranged is not None:
                return ranged
        return _Value(low, best, high, qualifier, index, end)

    def range_end(self, end: int, first: int, start_value: int) -> _Value | None:
        """If a range word and a second figure follow, the range from start_value."""
        between = first > 0 and self.match(first - 1, self.vocabulary["range_starts"]) is not None
        joint = self.match(end, self.vocabulary["range_words_between" if between else "range_words"])
        if joint is None:
            return None
        second = self.single(end + len(joint), allow_range=False)
        if second is None or second.qualifier == "vague":
            return None
        if second.high is None:
            high = None
        else:
            high = second.best if second.best is not None else second.high
        if high is not None and high < start_value:
            return None
        return _Value(start_value, None, high, "range", first - 1 if between else first, second.last)

    def outcome_after(self, index: int) -> str | None:
        """The first outcome word after a figure, before the next join or number."""
        outcomes = self.vocabulary["outcomes"]
        while index < len(self.words):
            word = self.words[index]
            if word in outcomes:
                return outcomes[word]
            if (self.match(index, self.vocabulary["joins"]) or word.isdigit()
                    or self.match(index, self.vocabulary["breakdowns"]) or word == "("):
                return None
            index += 1
        return None

    def bracket_end(self, index: int) -> int | None:
        for end in range(index + 1, len(self.words)):
            if self.words[end] == ")":
                return end
        return None

    @staticmethod
    def join_for(items: list[_Item], join: str | None) -> str:
        """How a new item joins what came before: the pending join, or head of the part."""
        if join in ("alt", "refine"):
            return join
        return "and" if items else "head"

    def items(self) -> tuple[list[_Item], bool]:
        """Items of this part, and whether a breakdown marker ended it."""
        words = self.words
        items: list[_Item] = []
        join: str | None = None
        previous_was_number = False
        index = 0
        whole_part_alternative = any(
            self.match(i, self.vocabulary["whole_part_alternatives"]) for i in range(len(words))
        )
        while index < len(words):
            if self.match(index, self.vocabulary["breakdowns"]):
                return items, True
            phrase = self.match(index, self.vocabulary["refinements"])
            if phrase:
                join, index, previous_was_number = "refine", index + len(phrase), False
                continue
            phrase = self.match(index, self.vocabulary["alternatives"])
            if phrase:
                join, index, previous_was_number = "alt", index + len(phrase), False
                continue
            phrase = self.match(index, self.vocabulary["as_many"])
            if phrase and items and join:
                items.append(_Item(items[-1].value._replace(first=index, last=index + len(phrase)),
                                   "and", items[-1].outcome))
                join, index, previous_was_number = None, index + len(phrase), False
                continue
            if words[index] == "(":
                close = self.bracket_end(index)
                if close is None:
                    index += 1
                    continue
                inner = self.single(index + 1)
                figure_only = inner is not None and inner.last == close
                if figure_only and not previous_was_number:
                    if items and items[-1].value.qualifier == "vague":
                        items[-1] = items[-1]._replace(value=inner)
                    else:
                        items.append(_Item(inner, self.join_for(items, join), self.outcome_after(close + 1)))
                    join = None
                index, previous_was_number = close + 1, figure_only
                continue
            # a postposed "au moins" turns the last figure into a floor
            phrase = self.match(index, self.vocabulary["postposed"])
            if phrase and items and self.single(index) is None:
                last = items[-1]
                if last.value.qualifier in ("exact", "approximately"):
                    nominal = last.value.best
                    low, best, high, qualifier = _apply_comparative("at_least", nominal, False)
                    items[-1] = last._replace(value=last.value._replace(
                        low=low, best=best, high=high, qualifier=qualifier, last=index + len(phrase)))
                index += len(phrase)
                continue
            value = self.single(index)
            if value is not None:
                counted = not items or join is not None
                if counted:
                    item_join = "alt" if whole_part_alternative and items else self.join_for(items, join)
                    items.append(_Item(value, item_join, self.outcome_after(value.last)))
                    join = None
                index, previous_was_number = value.last, True
                continue
            phrase = self.match(index, self.vocabulary["joins"])
            if phrase:
                if join not in ("alt", "refine"):
                    join = "and"
                index, previous_was_number = index + len(phrase), False
                continue
            previous_was_number = False
            index += 1
        return items, False


def _sum(first: _Value, second: _Value) -> _Value:
    def add(a, b):
        return None if a is None or b is None else a + b

    low, best, high = add(first.low, second.low), add(first.best, second.best), add(first.high, second.high)
    qualifiers = {first.qualifier, second.qualifier}
    if len(qualifiers) == 1:
        qualifier = first.qualifier
    elif high is None:
        qualifier = "at_least" if low is not None else "vague"
    elif low is None:
        qualifier = "at_most"
    elif qualifiers <= {"exact", "approximately"}:
        qualifier = "approximately"
    else:
        qualifier = "range"
    if qualifier == "range":
        best = None
    return _Value(low, best, high, qualifier, min(first.first, second.first), max(first.last, second.last))


def _alternative(first: _Value, second: _Value) -> _Value:
    lows = [first.low, second.low]
    highs = [first.high, second.high]
    low = None if None in lows else min(lows)
    high = None if None in highs else max(highs)
    return _Value(low, None, high, "range", min(first.first, second.first), max(first.last, second.last))


def _drop_breakdown(items: list[_Item]) -> list[_Item]:
    """Later counts that add up exactly to the head are its breakdown."""
    head, rest = items[0], items[1:]
    if (len(rest) >= 2 and head.value.qualifier == "exact"
            and all(item.join == "and" and item.value.qualifier == "exact" for item in rest)
            and sum(item.value.best for item in rest) == head.value.best):
        return [head]
    return items


def _unparsed() -> CasualtyFigure:
    return CasualtyFigure(None, None, None, "unparsed", "")


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def parse_casualty_figure(text, lang: str | None = None, outcome: str | None = None) -> CasualtyFigure:
    """Read one figure as written into a :class:`CasualtyFigure`; never raises.

    ``lang`` (an ISO 639-1 code from the claims' ``language`` column) limits
    the number words tried to that language, so the Italian « due » (2) is not
    read in an English "due to"; without it every language is tried.
    ``outcome`` (killed, injured, missing, abducted) picks the counts of that
    outcome in texts that name several; by default the first one named.

    >>> parse_casualty_figure("over 30")
    CasualtyFigure(low=31, best=31, high=None, qualifier='more_than', matched='over 30')
    >>> parse_casualty_figure("29")
    CasualtyFigure(low=29, best=29, high=29, qualifier='exact', matched='29')
    >>> figure = parse_casualty_figure("une trentaine")
    >>> figure.low, figure.best, figure.high, figure.qualifier
    (24, 30, 36, 'approximately')
    >>> parse_casualty_figure("entre 20 et 30").qualifier, parse_casualty_figure("dozens").low
    ('range', 12)
    >>> parse_casualty_figure("47 terroristes ... 23 terroristes").best
    70
    >>> parse_casualty_figure("").qualifier, parse_casualty_figure("aucun mort").qualifier
    ('none', 'none')
    >>> parse_casualty_figure("aucun mort").denial, parse_casualty_figure("aucun mort").best is None
    (True, True)
    """
    if _is_missing(text):
        return CasualtyFigure(None, None, None, "none", "")
    if not isinstance(text, str):
        return _unparsed()
    lang = lang if isinstance(lang, str) and lang in LANGUAGES else None
    outcome = outcome if isinstance(outcome, str) and outcome in OUTCOMES else None
    try:
        figure = _parse(text, lang, outcome)
    except (ValueError, IndexError, RecursionError, OverflowError):
        return _unparsed()
    if figure.qualifier == "exact" and figure.best == 0 and not _ZERO_NUMERAL.search(figure.matched or text):
        return CasualtyFigure(None, None, None, "none", figure.matched, denial=True)
    return figure


_ZERO_NUMERAL = re.compile(r"\d|z[ée]ro|sifr|صفر", re.IGNORECASE)


def is_denial(text, lang: str | None = None, outcome: str | None = None) -> bool:
    """True when the words deny any casualty (« aucun mort », "No civilian").

    >>> is_denial("aucun mort"), is_denial(""), is_denial("0")
    (True, False, False)
    """
    return parse_casualty_figure(text, lang, outcome).denial


def _parse(text: str, lang: str | None, outcome: str | None) -> CasualtyFigure:
    if not text.strip():
        return CasualtyFigure(None, None, None, "none", "")
    vocabulary = _vocabulary(lang)
    normalized, origin = _normalize(text)
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(normalized)]
    tokens = _drop_ignored(tokens, vocabulary)
    words = [token.text for token in tokens]

    def matched(first: int, last: int, part_tokens: list[_Token]) -> str:
        if first >= last:
            return ""
        return text[origin[part_tokens[first].start]:origin[part_tokens[last - 1].end - 1] + 1]

    if _negative_or_decimal(tokens):
        return _unparsed()
    reader = _Reader(tokens, vocabulary)
    for index in range(len(words)):
        if reader.match(index, vocabulary["no_figure"]):
            return CasualtyFigure(None, None, None, "none", "")
        phrase = reader.match(index, vocabulary["denials"])
        if phrase:
            return CasualtyFigure(0, 0, 0, "exact", matched(index, index + len(phrase), tokens))

    # compound figures: parts joined by " ... "
    parts = _split_parts(tokens, list(_COMPOUND_SEPARATOR.finditer(normalized)))

    part_items: list[tuple[list[_Item], list[_Token]]] = []
    for part in parts:
        items, broke = _Reader(part, vocabulary).items()
        part_items.append((items, part))
        if broke:
            break
    if not any(items for items, _ in part_items):
        return _vague_or_unparsed(tokens, vocabulary, matched)
    if any(not items for items, _ in part_items):
        return _unparsed()

    reference = outcome if outcome in OUTCOMES else next(
        (item.outcome for items, _ in part_items for item in items if item.outcome), None
    )
    result: _Value | None = None
    first_span = last_span = None
    for items, part in part_items:
        kept = [item for item in items if item.outcome in (None, reference)]
        if len(kept) > 1:
            kept = _drop_breakdown(kept)
        for item in kept:
            value = item.value
            span = (origin[part[value.first].start], origin[part[value.last - 1].end - 1] + 1)
            if result is None:
                result = value
            elif item.join == "refine":
                result = value
                first_span = None
            elif item.join == "alt":
                result = _alternative(result, value)
            else:
                result = _sum(result, value)
            first_span = span[0] if first_span is None else min(first_span, span[0])
            last_span = span[1] if last_span is None else max(last_span, span[1])
    if result is None:
        return _unparsed()
    return CasualtyFigure(result.low, result.best, result.high, result.qualifier,
                          text[first_span:last_span])


def _drop_ignored(tokens: list[_Token], vocabulary) -> list[_Token]:
    words = [token.text for token in tokens]
    kept: list[_Token] = []
    index = 0
    while index < len(tokens):
        found = vocabulary["ignored"].lookup(words, index)
        if found:
            index += len(found[0])
        else:
            kept.append(tokens[index])
            index += 1
    return kept


def _split_parts(tokens: list[_Token], separators) -> list[list[_Token]]:
    parts: list[list[_Token]] = [[] for _ in range(len(separators) + 1)]
    for token in tokens:
        if token.text == ".":
            continue
        position = sum(1 for separator in separators if separator.start() < token.start)
        parts[position].append(token)
    return [part for part in parts if part]


def _negative_or_decimal(tokens: list[_Token]) -> bool:
    """A minus sign before a number that follows no number, or a decimal point."""
    for index, token in enumerate(tokens[:-1]):
        following = tokens[index + 1]
        touching = token.end == following.start
        if token.text == "-" and touching and following.text[0].isdigit():
            before = tokens[index - 1] if index else None
            if before is None or not before.text[0].isdigit():
                return True
        if (token.text[0].isdigit() and following.text in (".", ",") and touching
                and index + 2 < len(tokens) and tokens[index + 2].text[0].isdigit()
                and tokens[index + 2].start == following.end):
            return True
    return False


def _vague_or_unparsed(tokens: list[_Token], vocabulary, matched) -> CasualtyFigure:
    """No count anywhere: a word that asserts casualties makes it vague, else unparsed."""
    reader = _Reader(tokens, vocabulary)
    for index in range(len(tokens)):
        found = reader.vague(index, quantified_only=False)
        if found:
            term, end = found
            entry = VAGUE_TERMS[term]
            return CasualtyFigure(entry.low, None, entry.high, "vague", matched(index, end, tokens))
    return _unparsed()


def _per_row(value, series: pd.Series):
    """``value`` as an object array aligned with ``series``, or None if it is one value."""
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, list, tuple)):
        column = np.asarray(pd.Series(value).astype(object), dtype=object)
        if len(column) != len(series):
            raise ValueError(f"{len(column)} values for {len(series)} figure texts")
        return column
    return None


def parse_casualty_figures(texts, lang=None, outcome=None) -> pd.DataFrame:
    """Parse a column of figure texts: low, best, high (Int64) and qualifier, same index.

    ``lang`` and ``outcome`` are passed to :func:`parse_casualty_figure`; each
    is either one value for all rows or a column aligned with ``texts`` (the
    claims' ``language`` and ``outcome``). Each distinct combination is parsed
    once and the results are mapped back, which is what makes a million rows
    cheap: they repeat a few hundred phrases.

    >>> parse_casualty_figures(pd.Series(["29", "over 30", ""]))
        low  best  high  qualifier
    0    29    29    29      exact
    1    31    31  <NA>  more_than
    2  <NA>  <NA>  <NA>       none
    """
    series = texts if isinstance(texts, pd.Series) else pd.Series(texts)
    lang_column, outcome_column = _per_row(lang, series), _per_row(outcome, series)
    if lang_column is None and outcome_column is None:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        parsed = [parse_casualty_figure(text, lang, outcome) for text in uniques]
        parsed.append(parse_casualty_figure(None))  # code -1: missing text
        codes = np.where(codes < 0, len(uniques), codes)
    else:
        keys = pd.DataFrame({
            "text": series.to_numpy(dtype=object),
            "lang": lang if lang_column is None else lang_column,
            "outcome": outcome if outcome_column is None else outcome_column,
        })
        # groups are numbered in order of first appearance, like drop_duplicates keeps them
        codes = keys.groupby(["text", "lang", "outcome"], dropna=False, sort=False).ngroup().to_numpy()
        parsed = [
            parse_casualty_figure(row.text, row.lang, row.outcome)
            for row in keys.drop_duplicates().itertuples(index=False)
        ]
    columns = {}
    for name in ("low", "best", "high"):
        values = pd.array([getattr(figure, name) for figure in parsed], dtype="Int64")
        columns[name] = values.take(codes)
    qualifiers = pd.array([figure.qualifier for figure in parsed], dtype="str")
    columns["qualifier"] = qualifiers.take(codes)
    return pd.DataFrame(columns, index=series.index)
