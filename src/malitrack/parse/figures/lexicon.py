"""The words of casualty figures, one TOML file per language, checked when loaded.

``src/malitrack/parse/lexicon/<code>.toml`` holds one language's words: the
comparatives (« au moins », "at least", « على الأقل »), the joins and
alternatives, the outcome words, the vague terms with the interval each one
gives, month and weekday names for recognising dates, and so on. Every file
has exactly the keys of :class:`Lexicon`; a missing or unknown key, or a value
of the wrong type, is a :class:`LexiconError` naming the file and the key.
Adding a language is adding a file. The grammar (how these words combine)
is in :mod:`.reader` and :mod:`.combine`.

:func:`vocabulary` folds the words of one language (or of all, when the
claim's language is not given or has no file) into phrase tables once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import NamedTuple

from malitrack.parse.figures.tokens import PhraseTable, phrase, phrases
from malitrack.vocab import OUTCOMES


CONVENTIONS = {
    "acled": "ACLED codebook: vague plural coded as one unit (tens = 10, dozens = 12, hundreds = 100)",
    "plural": "a plural of a unit noun, read like ACLED's: one unit as the floor",
    "several": "more than one by definition (« plusieurs », « quelques », « vários »): floor 2",
    "few": "English 'a few' / 'few': more than one, floor 2",
    "several_en": "English 'several': more than two (Oxford: 'more than two but not many'), floor 3",
    "bid": "Arabic بضعة / بضع: three to nine by definition",
    "bid_ashar": "Arabic بضعة عشر: thirteen to nineteen by definition",
    "no_quantity": "casualties asserted, no quantity stated",
}
"""Where each vague term's interval comes from; lexicon files name one of these."""


class LexiconError(ValueError):
    """A lexicon file that does not have the keys and types of :class:`Lexicon`."""


class VagueTerm(NamedTuple):
    """What a word without a number says about the count (best is never set)."""

    low: int | None
    high: int | None
    convention: str


@dataclass(frozen=True, eq=False)
class Lexicon:
    """One language's figure words, as written in its file (not folded)."""

    language: str
    name: str
    at_least: tuple[str, ...]
    more_than: tuple[str, ...]
    nearly: tuple[str, ...]
    up_to: tuple[str, ...]
    less_than: tuple[str, ...]
    about: tuple[str, ...]
    at_least_after: tuple[str, ...]
    range_words: tuple[str, ...]
    range_words_after_between: tuple[str, ...]
    range_starts: tuple[str, ...]
    joins: tuple[str, ...]
    alternatives: tuple[str, ...]
    possibly: tuple[str, ...]
    whole_part_alternatives: tuple[str, ...]
    refinements: tuple[str, ...]
    attributions: tuple[str, ...]
    breakdowns: tuple[str, ...]
    breakdown_after: tuple[str, ...]
    as_many: tuple[str, ...]
    articles: tuple[str, ...]
    collective_nouns: tuple[str, ...]
    zero_words: tuple[str, ...]
    denials: tuple[str, ...]
    no_figure: tuple[str, ...]
    ignored: tuple[str, ...]
    needs_language: tuple[str, ...]
    number_words: dict[str, int]
    hundred_words: tuple[str, ...]
    thousand_words: tuple[str, ...]
    teen_words: tuple[str, ...]
    approximate_nouns: dict[str, int]
    vague: dict[str, VagueTerm]
    months: tuple[str, ...]
    months_needing_year: tuple[str, ...]
    weekdays: tuple[str, ...]
    day_articles: tuple[str, ...]
    year_words: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    time_words: tuple[str, ...]
    page_words: tuple[str, ...]
    of_words: tuple[str, ...]
    out_of: tuple[str, ...]
    age_words: tuple[str, ...]
    units: tuple[str, ...]
    duration_words: tuple[str, ...]
    outcomes: dict[str, tuple[str, ...]]


_DIRECTORY = "lexicon"
_TABLES = {"number_words", "approximate_nouns"}
_TEXT = {"language", "name"}


def _strings(file: str, key: str, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise LexiconError(f"{file}: {key} must be a list of non-empty strings")
    return tuple(value)


def _counts(file: str, key: str, value) -> dict[str, int]:
    if not isinstance(value, dict) or not all(
        isinstance(count, int) and not isinstance(count, bool) and count >= 0 for count in value.values()
    ):
        raise LexiconError(f"{file}: {key} must be a table of words to whole numbers")
    return dict(value)


def _vague(file: str, value) -> dict[str, VagueTerm]:
    if not isinstance(value, list):
        raise LexiconError(f"{file}: vague must be a list of tables")
    terms: dict[str, VagueTerm] = {}
    for entry in value:
        if not isinstance(entry, dict) or not {"term", "convention"} <= set(entry) or \
                set(entry) - {"term", "low", "high", "convention", "note"}:
            raise LexiconError(f"{file}: vague: each entry has term, convention and optional low, high, note; "
                               f"got {entry!r}")
        if entry["convention"] not in CONVENTIONS:
            raise LexiconError(f"{file}: vague: {entry['term']!r} names unknown convention {entry['convention']!r}")
        convention = CONVENTIONS[entry["convention"]]
        if entry.get("note"):
            convention += f" ({entry['note']})"
        terms[entry["term"]] = VagueTerm(entry.get("low"), entry.get("high"), convention)
    return terms


def parse_lexicon(file: str, data: dict) -> Lexicon:
    """Check the keys and types of one lexicon file's TOML and build its :class:`Lexicon`."""
    expected = {field.name for field in fields(Lexicon)}
    missing, unknown = sorted(expected - set(data)), sorted(set(data) - expected)
    if missing:
        raise LexiconError(f"{file}: missing key {missing[0]!r}" + (f" (and {missing[1:]})" if missing[1:] else ""))
    if unknown:
        raise LexiconError(f"{file}: unknown key {unknown[0]!r}" + (f" (and {unknown[1:]})" if unknown[1:] else ""))
    values: dict[str, object] = {}
    for key, value in data.items():
        if key in _TEXT:
            if not isinstance(value, str):
                raise LexiconError(f"{file}: {key} must be a string")
            values[key] = value
        elif key in _TABLES:
            values[key] = _counts(file, key, value)
        elif key == "vague":
            values[key] = _vague(file, value)
        elif key == "outcomes":
            if not isinstance(value, dict) or set(value) != set(OUTCOMES):
                raise LexiconError(f"{file}: outcomes must have exactly the keys {list(OUTCOMES)}")
            values[key] = {outcome: _strings(file, f"outcomes.{outcome}", words) for outcome, words in value.items()}
        else:
            values[key] = _strings(file, key, value)
    if values["language"] + ".toml" != file.rsplit("/", 1)[-1]:
        raise LexiconError(f"{file}: language {values['language']!r} does not match the file name")
    return Lexicon(**values)


@cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of one language (``fr``, ``en``, ``ar`` ...), checked."""
    file = resources.files("malitrack.parse").joinpath(_DIRECTORY, f"{language}.toml")
    name = f"{_DIRECTORY}/{language}.toml"
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise LexiconError(f"{name}: no lexicon for language {language!r}") from error
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{name}: not valid TOML: {error}") from error
    return parse_lexicon(name, data)


@cache
def languages() -> tuple[str, ...]:
    """The languages with a lexicon file, French and English first (they win ties)."""
    folder = resources.files("malitrack.parse").joinpath(_DIRECTORY)
    codes = sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".toml"))
    return tuple(sorted(codes, key=lambda code: (code not in ("fr", "en"), code != "fr", code)))


@dataclass(frozen=True)
class Vocabulary:
    """The folded phrase tables the reader looks words up in, for one language or all."""

    lang: str | None
    lexicons: tuple[Lexicon, ...]
    prefixes: PhraseTable
    foreign_prefixes: PhraseTable  # other languages' comparatives, when ``lang`` is given
    postposed: PhraseTable
    joins: PhraseTable
    alternatives: PhraseTable
    possibly: PhraseTable
    whole_part_alternatives: PhraseTable
    refinements: PhraseTable
    attributions: PhraseTable
    breakdowns: PhraseTable
    breakdown_after: PhraseTable
    range_words: PhraseTable
    range_words_between: PhraseTable
    range_starts: PhraseTable
    as_many: PhraseTable
    denials: PhraseTable
    no_figure: PhraseTable
    ignored: PhraseTable
    vague: PhraseTable
    quantified_vague: PhraseTable
    approximate_nouns: PhraseTable
    months: PhraseTable
    months_needing_year: frozenset[str]
    weekdays: PhraseTable
    day_articles: PhraseTable
    year_words: PhraseTable
    page_words: frozenset[str]
    of_words: PhraseTable
    out_of: PhraseTable
    age_words: PhraseTable
    duration_words: PhraseTable
    units: PhraseTable
    time_words: frozenset[str]
    ordinal_suffixes: frozenset[str]
    articles: frozenset[str]
    collective_nouns: frozenset[str]
    zero: frozenset[str]
    approximate_noun_words: dict[str, int]
    outcomes: dict[str, str]
    vague_terms: dict[str, VagueTerm]


# Comparatives named by the lexicon keys, and the qualifier kind each one gives.
COMPARATIVE_KEYS = {
    "at_least": "at_least", "more_than": "more_than", "up_to": "at_most", "less_than": "less_than",
    "about": "approximately", "nearly": "nearly",
}
# Symbols are grammar, not words of a language.
_SYMBOL_PREFIXES = [("~", "approximately")]
_SYMBOL_JOINS = [",", ";", "+"]
_SYMBOL_RANGES = ["-"]


def _words(lexicons, key: str, lang: str | None) -> list[str]:
    """One key's words from each lexicon, without those that need their language when it is not given."""
    chosen = []
    for lexicon in lexicons:
        hidden = {phrase(word) for word in lexicon.needs_language} if lexicon.language != lang else set()
        chosen.extend(word for word in getattr(lexicon, key) if phrase(word) not in hidden)
    return chosen


def _folded(words) -> frozenset[str]:
    return frozenset(" ".join(phrase(word)) for word in words)


@cache
def vocabulary(lang: str | None) -> Vocabulary:
    """Phrase tables of ``lang``'s lexicon, or of every lexicon when ``lang`` has none."""
    lang = lang if lang in languages() else None
    lexicons = tuple(load_lexicon(code) for code in ([lang] if lang else languages()))

    def words(key: str) -> list[str]:
        return _words(lexicons, key, lang)

    vague_terms = {term: entry for lexicon in lexicons for term, entry in lexicon.vague.items()}
    own = {phrase(word) for key in COMPARATIVE_KEYS for word in words(key)}
    others = tuple(load_lexicon(code) for code in languages() if lang and code != lang)
    foreign = [word for key in COMPARATIVE_KEYS for word in _words(others, key, lang) if phrase(word) not in own]
    nouns = {noun: value for lexicon in lexicons for noun, value in lexicon.approximate_nouns.items()}
    return Vocabulary(
        lang=lang,
        lexicons=lexicons,
        prefixes=PhraseTable([(word, kind) for key, kind in COMPARATIVE_KEYS.items() for word in words(key)]
                             + _SYMBOL_PREFIXES),
        foreign_prefixes=phrases(foreign),
        postposed=phrases(words("at_least_after")),
        joins=phrases(words("joins") + _SYMBOL_JOINS),
        alternatives=phrases(words("alternatives")),
        possibly=phrases(words("possibly")),
        whole_part_alternatives=phrases(words("whole_part_alternatives")),
        refinements=phrases(words("refinements")),
        attributions=phrases(words("attributions")),
        breakdowns=phrases(words("breakdowns")),
        breakdown_after=phrases(words("breakdown_after")),
        range_words=phrases(words("range_words") + _SYMBOL_RANGES),
        range_words_between=phrases(words("range_words") + _SYMBOL_RANGES + words("range_words_after_between")),
        range_starts=phrases(words("range_starts")),
        as_many=phrases(words("as_many")),
        denials=phrases(words("denials")),
        no_figure=phrases(words("no_figure")),
        ignored=phrases(words("ignored")),
        vague=PhraseTable((term, term) for term in vague_terms),
        quantified_vague=PhraseTable((term, term) for term, entry in vague_terms.items() if entry.low is not None),
        approximate_nouns=PhraseTable(nouns.items()),
        months=phrases(words("months")),
        months_needing_year=_folded(words("months_needing_year")),
        weekdays=phrases(words("weekdays")),
        day_articles=phrases(words("day_articles")),
        year_words=phrases(words("year_words")),
        page_words=_folded(words("page_words")),
        of_words=phrases(words("of_words")),
        out_of=phrases(words("out_of")),
        age_words=phrases(words("age_words")),
        duration_words=phrases(words("duration_words")),
        units=phrases(words("units")),
        time_words=_folded(words("time_words")),
        ordinal_suffixes=_folded(words("ordinal_suffixes")),
        articles=_folded(words("articles")),
        collective_nouns=_folded(words("collective_nouns")),
        zero=_folded(words("zero_words")),
        approximate_noun_words={" ".join(phrase(noun)): value for noun, value in nouns.items()},
        outcomes={" ".join(phrase(word)): outcome for lexicon in lexicons
                  for outcome in OUTCOMES for word in lexicon.outcomes[outcome]},
        vague_terms=vague_terms,
    )


def all_vague_terms() -> dict[str, VagueTerm]:
    """Every lexicon's vague terms, French and English first."""
    return dict(vocabulary(None).vague_terms)
