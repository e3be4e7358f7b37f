"""Figure text as tokens that remember where they came from.

Folding is :func:`malitrack.text.fold`; what is added here is figure grammar:
dashes become '-', quotes spaces, Arabic commas ',', '…' '...', and every
folded character keeps the index of the source character it came from, so
the words read can be quoted back from the text as written (``matched``,
``unread``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

from malitrack.text import fold

TOKEN_RE = re.compile(
    r"\d{1,3}(?:[ .,]\d{3})+(?![\d]|[.,]\d)"  # 1 200, 1,200, 1.200
    r"|\d+"
    r"|\[sic\]"
    r"|[^\W\d_]+'?"  # words, with d' qu' jusqu' kept whole
    r"|\S"
)
GROUPED_DIGITS = re.compile(r"\d{1,3}(?:[ .,]\d{3})+")
COMPOUND_SEPARATOR = re.compile(r"\s*\.\.\.\s*")
SET_ASIDE = "\u00b7"
"""The token that stands for a run of words set aside (a date, a time, a page ...)."""
_FIGURE_PUNCTUATION = (
    dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
    | dict.fromkeys(map(ord, "«»\"“”„‟‹›"), " ")
    | {ord("،"): ",", ord("؛"): ";", ord("٬"): ","}
)
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


class Token(NamedTuple):
    """A folded token and its span in the folded text."""

    text: str
    start: int
    end: int


@cache
def fold_char(char: str) -> str:
    """One character folded for figures (see the module docstring)."""
    if char == "\u2026":
        return "..."
    if char.isspace():
        return " "
    return fold(char.translate(_FIGURE_PUNCTUATION), arabic_digits=True, apostrophes=True,
                compatibility=False)


def fold_with_origin(text: str) -> tuple[str, Sequence[int]]:
    """The folded text, and for each of its characters the index of its source character.

    Hyphens between letters (vingt-trois, au-delà) become spaces.
    """
    pieces = list(map(fold_char, text))
    folded = "".join(pieces)
    if len(folded) == len(text):
        origin: Sequence[int] = range(len(text))
    else:
        origin = [index for index, piece in enumerate(pieces) for _ in piece]
    return _INNER_HYPHEN.sub(" ", folded), origin


def tokenize(folded: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(folded)]


def phrase(text: str) -> tuple[str, ...]:
    """A lexicon entry as the tuple of folded tokens it is matched as."""
    return tuple(token.text for token in tokenize(fold_with_origin(text)[0]))


class PhraseTable:
    """Phrases as folded token tuples, found by their first token, longest first
    (so « plusieurs dizaines » wins over « plusieurs »)."""

    def __init__(self, entries: Iterable[tuple[str, object]]):
        self.by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for text, payload in entries:
            words = phrase(text)
            if words:
                self.by_first.setdefault(words[0], []).append((words, payload))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda candidate: len(candidate[0]), reverse=True)

    def lookup(self, words: list[str], index: int) -> tuple[tuple[str, ...], object] | None:
        if index >= len(words):
            return None
        for words_of_phrase, payload in self.by_first.get(words[index], ()):
            if len(words_of_phrase) == 1 or tuple(words[index:index + len(words_of_phrase)]) == words_of_phrase:
                return words_of_phrase, payload
        return None

    def match(self, words: list[str], index: int) -> tuple[str, ...] | None:
        found = self.lookup(words, index)
        return found[0] if found else None


def phrases(texts: Iterable[str]) -> PhraseTable:
    return PhraseTable((text, None) for text in texts)


def is_count_digits(word: str) -> bool:
    return word.isdigit() or GROUPED_DIGITS.fullmatch(word) is not None
