"""The steps from a figure text to an interval, in order.

1. Fold the text, keeping each character's source index (:mod:`.tokens`), and
   tokenize it; drop phrases that say nothing (« [sic] », « des deux côtés »).
2. Answer denials and "no toll" phrases.
3. Find the numbers written in words (:mod:`malitrack.parse.numbers`), set
   aside dates, years, times, ordinals, pages, URLs, ages and measures
   (:mod:`.nontolls`), and refuse the negative numbers and decimals left.
4. Split compound figures at `` ... `` and read each part (:mod:`.reader`).
5. Anything not understood (a count nothing joins, a part with no figure) is
   ``unparsed`` with its text in ``unread``; otherwise keep the counts of one
   outcome and combine them (:mod:`.combine`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from malitrack.parse.figures.combine import Item, Join, Value, attributed_alternatives, combine, drop_breakdown
from malitrack.parse.figures.lexicon import OUTCOMES, Vocabulary, vocabulary
from malitrack.parse.figures.nontolls import non_toll_tokens
from malitrack.parse.figures.reader import Reader
from malitrack.parse.figures.tokens import COMPOUND_SEPARATOR, SET_ASIDE, Token, fold_with_origin, tokenize
from malitrack.parse.numbers import Number, find_number_words


@dataclass(frozen=True)
class CasualtyFigure:
    """A casualty figure as an interval, with the words it was read from.

    ``unread`` is the part of the text that could not be read when the
    qualifier is ``unparsed`` (a number nothing places, words around no count).

    >>> CasualtyFigure(31, 31, None, "more_than", "over 30").high is None
    True
    """

    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    matched: str = ""
    denial: bool = False
    unread: str = ""


class _Text:
    """The text as written and folded, with each folded character's source index."""

    def __init__(self, text: str):
        self.text = text
        self.folded, self.origin = fold_with_origin(text)

    def source(self, tokens: list[Token], first: int, last: int) -> str:
        """The written text of tokens[first:last]."""
        if first >= last:
            return ""
        return self.text[self.origin[tokens[first].start]:self.origin[tokens[last - 1].end - 1] + 1]

    def written(self, tokens: list[Token]) -> list[str]:
        """Each token as written, lower case (text2num needs the accents)."""
        return [self.source([token], 0, 1).lower() for token in tokens]


def unparsed(unread: str) -> CasualtyFigure:
    return CasualtyFigure(None, None, None, "unparsed", "", unread=unread.strip() or "?")


_ZERO_NUMERAL = re.compile(r"\d|z[ée]ro|sifr|صفر", re.IGNORECASE)



def read_figure(text: str, lang: str | None, outcome: str | None) -> CasualtyFigure:
    """Read one text (``lang`` a language with a lexicon, or None) into a figure."""
    figure = _parse(_Text(text), lang, outcome)
    if figure.qualifier == "exact" and figure.best == 0 and not _ZERO_NUMERAL.search(figure.matched or text):
        return CasualtyFigure(None, None, None, "none", figure.matched, denial=True)
    return figure


def _without(tokens: list[Token], dropped: set[int]) -> list[Token]:
    return [token for index, token in enumerate(tokens) if index not in dropped]


def _without_acronyms(numbers: dict[int, Number], text: _Text, tokens: list[Token]) -> dict[int, Number]:
    """"says UN" is the United Nations, not one: a short number word in capitals in a text that is not."""
    if text.text.isupper():
        return numbers
    return {start: number for start, number in numbers.items()
            if not any(len(word := text.source(tokens, index, index + 1)) in (2, 3) and word.isupper()
                       for index in range(start, number.end))}


def _set_aside(tokens: list[Token], dropped: set[int]) -> list[Token]:
    """Each run of non-toll tokens as one :data:`SET_ASIDE` token, so that the words on
    either side do not meet: « en juillet 2014 plus de 495 » is not « en plus de »."""
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        if index not in dropped:
            kept.append(token)
        elif kept and kept[-1].text == SET_ASIDE and index - 1 in dropped:
            kept[-1] = kept[-1]._replace(end=token.end)
        else:
            kept.append(Token(SET_ASIDE, token.start, token.end))
    return kept


def _numbers_in(part: list[Token], tokens: list[Token], numbers: dict[int, Number]) -> dict[int, Number]:
    """``numbers`` (indexed in ``tokens``) re-indexed in ``part``, a subsequence of ``tokens``;
    a number with a word missing from ``part`` is dropped."""
    position = {token.start: index for index, token in enumerate(part) if token.text != SET_ASIDE}
    found: dict[int, Number] = {}
    for start, number in numbers.items():
        first = position.get(tokens[start].start)
        if first is None:
            continue
        if all(position.get(tokens[index].start) == first + index - start for index in range(start, number.end)):
            found[first] = number._replace(end=first + number.end - start)
    return found


def _ignored(tokens: list[Token], vocab: Vocabulary) -> set[int]:
    """Phrases that say nothing about the count: « [sic] », « des deux côtés »."""
    words = [token.text for token in tokens]
    dropped: set[int] = set()
    index = 0
    while index < len(tokens):
        found = vocab.ignored.match(words, index)
        if found:
            dropped.update(range(index, index + len(found)))
            index += len(found)
        else:
            index += 1
    return dropped


def _split_parts(tokens: list[Token], folded: str) -> list[list[Token]]:
    """Compound figures: parts joined by `` ... `` in the raw files."""
    separators = [match.start() for match in COMPOUND_SEPARATOR.finditer(folded)]
    parts: list[list[Token]] = [[] for _ in range(len(separators) + 1)]
    for token in tokens:
        if token.text == ".":
            continue
        parts[sum(1 for separator in separators if separator < token.start)].append(token)
    return [part for part in parts if part]


def _negative_or_decimal(tokens: list[Token]) -> bool:
    """A minus sign before a number that follows no number or word (« COVID-19 » is a name),
    or a decimal point."""
    for index, token in enumerate(tokens[:-1]):
        following = tokens[index + 1]
        touching = token.end == following.start
        if token.text == "-" and touching and following.text[0].isdigit():
            before = tokens[index - 1] if index else None
            glued_to_word = before is not None and before.text[0].isalpha() and before.end == token.start
            if before is None or not (before.text[0].isdigit() or glued_to_word):
                return True
        if (token.text[0].isdigit() and following.text in (".", ",") and touching
                and index + 2 < len(tokens) and tokens[index + 2].text[0].isdigit()
                and tokens[index + 2].start == following.end):
            return True
    return False


def _parse(text: _Text, lang: str | None, outcome: str | None) -> CasualtyFigure:
    if not text.text.strip():
        return CasualtyFigure(None, None, None, "none", "")
    vocab = vocabulary(lang)
    tokens = tokenize(text.folded)
    tokens = _without(tokens, _ignored(tokens, vocab))
    words = [token.text for token in tokens]
    for index in range(len(words)):
        if vocab.no_figure.match(words, index):
            return CasualtyFigure(None, None, None, "none", "")
        phrase = vocab.denials.match(words, index)
        if phrase:
            return CasualtyFigure(0, 0, 0, "exact", text.source(tokens, index, index + len(phrase)))
    numbers = _without_acronyms(find_number_words(text.written(tokens), words, vocab), text, tokens)
    all_tokens = tokens
    tokens = _set_aside(tokens, non_toll_tokens(text.folded, tokens, numbers, vocab))
    if _negative_or_decimal(tokens):  # after dates and times are set aside: « 03.03.2024 », "10.30 am"
        return unparsed(text.text)

    parts: list[tuple[list[Item], Reader, list[int]]] = []
    unplaced: list[tuple[str, str | None]] = []  # counts nothing joins, with their outcome
    for part in _split_parts(tokens, text.folded):
        reader = Reader(part, _numbers_in(part, all_tokens, numbers), vocab)
        state = reader.read()
        parts.append((state.items, reader, state.attributions))
        unplaced.extend((text.source(part, first, last), outcome) for first, last, outcome in state.unplaced)
        if state.broke:
            break
    if not any(items for items, _, _ in parts):
        return _vague_or_unparsed(text, tokens, _numbers_in(tokens, all_tokens, numbers), vocab,
                                  [source for source, _ in unplaced])
    empty = [reader for items, reader, _ in parts if not items]
    if empty:
        return unparsed(text.source(empty[0].tokens, 0, len(empty[0].tokens)))
    reference = outcome if outcome in OUTCOMES else next(
        (item.outcome for items, _, _ in parts for item in items if item.outcome), None)
    # a count of another outcome is understood even when nothing joins it: « 3 tués, 5 blessés 2 disparus »
    unread = [source for source, counted in unplaced if counted is None or counted == reference or reference is None]
    if unread:
        return unparsed(" … ".join(unread))

    result: Value | None = None
    first_span = last_span = None
    for items, reader, attributions in parts:
        kept = [item for item in items if item.outcome in (None, reference)]
        if len(kept) > 1:
            kept = attributed_alternatives(drop_breakdown(kept), attributions)
        for item in kept:
            span = (text.origin[reader.tokens[item.value.first].start],
                    text.origin[reader.tokens[item.value.last - 1].end - 1] + 1)
            if item.join is Join.REFINE:
                first_span = None
            result = combine(result, item)
            first_span = span[0] if first_span is None else min(first_span, span[0])
            last_span = span[1] if last_span is None else max(last_span, span[1])
    if result is None:
        return unparsed(text.text)
    return CasualtyFigure(result.low, result.best, result.high, result.qualifier, text.text[first_span:last_span])


def _vague_or_unparsed(text: _Text, tokens: list[Token], numbers: dict[int, Number], vocab: Vocabulary,
                       unplaced: list[str]) -> CasualtyFigure:
    """No count anywhere: a word that asserts casualties makes it vague, else unparsed."""
    reader = Reader(tokens, numbers, vocab)
    if not unplaced:
        for index in range(len(tokens)):
            found = reader.vague(index, quantified_only=False)
            if found:
                term, end = found
                entry = vocab.vague_terms[term]
                return CasualtyFigure(entry.low, None, entry.high, "vague", text.source(tokens, index, end))
    return unparsed(" … ".join(unplaced) or text.text)
