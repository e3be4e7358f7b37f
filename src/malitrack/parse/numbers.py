"""Find the numbers written in words in a figure's tokens.

Claims quote figures as their sources wrote them: « quatre-vingt-dix-sept »,
« nonante-huit », "two hundred and five", « mindestens vierzehn »,
« ما لا يقل عن تسعة عشر ». Numbers in French, English, German, Italian,
Spanish, Portuguese and Dutch are read by text2num (``text_to_num``, a
maintained library with a Rust core: septante / nonante / huitante, Belgian
and Swiss forms, ordinals). What it lacks is read here from the lexicons'
``number_words`` tables: Arabic (units, tens, teens written unit first as
``تسعة عشر`` = 9 + 10, and the words for hundred and thousand), and source
spellings kept as printed (« Ving », NOTES_gapfill_2016_2023.md).

Words that are numbers in one language and ordinary words in another
(Spanish « tres » is French « très » once accents go, Italian « due » is
English "due") are read only when the claim's language is given: each
lexicon lists them under ``needs_language``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from text_to_num import find_numbers

from malitrack.parse.figures.lexicon import Lexicon, Vocabulary
from malitrack.parse.figures.tokens import phrase

TEXT2NUM_LANGUAGES = frozenset({"fr", "en", "de", "it", "es", "pt", "nl"})


class Number(NamedTuple):
    """A number written in words: its value, the index after its last word, whether ordinal."""

    value: int
    end: int
    ordinal: bool = False


class _Word:
    """A word as text2num's ``find_numbers`` wants it (its Token protocol)."""

    __slots__ = ("word",)

    def __init__(self, word: str):
        self.word = word

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


@lru_cache(maxsize=1 << 16)
def _is_number_word(word: str, language: str) -> bool:
    """Whether text2num reads ``word`` alone as (part of) a number; every number it finds
    in a phrase has such a word, so a phrase without one is not sent to it."""
    return bool(find_numbers([_Word(word)], language, 0.0))


def _text2num_numbers(words: list[str], folded: Sequence[str], lexicon: Lexicon, hidden: frozenset[str]):
    """text2num's numbers in ``words`` for one language, as (start, Number)."""
    found = []
    if not any(word[:1].isalpha() and _is_number_word(word, lexicon.language) for word in words):
        return found
    for occurrence in find_numbers([_Word(word) for word in words], lexicon.language, 0.0):
        start, end = occurrence.start, occurrence.end
        span = folded[start:end]
        if any(word[:1].isdigit() for word in span) or (len(span) == 1 and span[0] in hidden):
            continue
        value = int(occurrence.value)
        if value != occurrence.value:
            continue
        if end - start > 1 and folded[start] in ("zero",):
            value, end = 0, start + 1  # « zéro un » is two numbers
        found.append((start, Number(value, end, bool(occurrence.is_ordinal))))
    return found


class _Tables(NamedTuple):
    """A lexicon's own number words, folded once."""

    small: dict[str, int]
    hundreds: frozenset[str]
    thousands: frozenset[str]
    teens: frozenset[str]
    needs_language: frozenset[str]


def _folded(words) -> frozenset[str]:
    return frozenset(" ".join(phrase(word)) for word in words)


@cache
def _tables(lexicon: Lexicon) -> _Tables:
    return _Tables(
        {" ".join(phrase(word)): value for word, value in lexicon.number_words.items()},
        _folded(lexicon.hundred_words), _folded(lexicon.thousand_words), _folded(lexicon.teen_words),
        _folded(lexicon.needs_language),
    )


def read_lexicon_number(words: Sequence[str], start: int, lexicon: Lexicon) -> Number | None:
    """A number spelled with a lexicon's own ``number_words`` (what text2num lacks).

    Read left to right as ``[units] thousand [units] hundred [tens] [units]``;
    a teen word after a unit adds ten (Arabic ``تسعة عشر`` = 19).

    >>> from malitrack.parse.figures.lexicon import load_lexicon
    >>> read_lexicon_number(["تسعة", "عشر", "مدنيا"], 0, load_lexicon("ar"))
    Number(value=19, end=2, ordinal=False)
    """
    small, hundreds, thousands, teens, _ = _tables(lexicon)
    total = current = 0
    previous: int | None = None
    seen_hundred = False
    index = end = start
    while index < len(words):
        word = words[index]
        if word in teens and previous is not None and 0 < previous < 10:
            current += 10
            previous = 10
        elif word in small:
            value = small[word]
            if previous is not None and not (previous >= 20 and previous % 10 == 0 and 0 < value < 10):
                break
            current += value
            previous = value
        elif word in hundreds:
            if seen_hundred or current >= 10:
                break
            current, previous, seen_hundred = (current or 1) * 100, None, True
        elif word in thousands:
            if total:
                break
            total, current, previous, seen_hundred = (current or 1) * 1000, 0, None, False
        else:
            break
        index += 1
        end = index
    if end == start:
        return None
    return Number(total + current, end)


def find_number_words(words: list[str], folded: Sequence[str], vocabulary: Vocabulary) -> dict[int, Number]:
    """Numbers written in words, by the index of their first word.

    ``words`` are the tokens as written (lower case), for text2num, which
    needs the accents (« zéro », "fünf"); ``folded`` the same tokens folded,
    for the lexicons. Where two languages read a number at the same word the
    longer reading wins, then French, then English.
    """
    numbers: dict[int, Number] = {}

    def keep(start: int, number: Number) -> None:
        known = numbers.get(start)
        if known is None or number.end > known.end:
            numbers[start] = number

    if not any(word[:1].isalpha() for word in folded):
        return numbers
    for lexicon in vocabulary.lexicons:
        tables = _tables(lexicon)
        hidden = frozenset() if lexicon.language == vocabulary.lang else tables.needs_language
        if lexicon.language in TEXT2NUM_LANGUAGES:
            for start, number in _text2num_numbers(words, folded, lexicon, hidden):
                keep(start, number)
        if tables.small:
            for start in (index for index, word in enumerate(folded) if word in tables.small):
                number = read_lexicon_number(folded, start, lexicon)
                if number is not None:
                    keep(start, number)
    return numbers
