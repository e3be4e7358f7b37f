"""Turn a casualty figure as a source wrote it into an interval: low, best, high.

A claim's ``figure_text`` is copied verbatim from the source: « 29 », "over 30",
« une trentaine », « au moins treize », « 9 على الأقل », « 47 terroristes ...
23 terroristes ». :func:`parse_casualty_figure` reads it into a
:class:`CasualtyFigure` with three counts and a qualifier, keeping the words it
read in ``matched``. Nothing here reads files; cleaning code calls it on each
claim and pandera validates the result.

The rule: a number comes back only when every number in the text was
understood, as a count or as something else. What is not understood gives
``unparsed`` (or ``vague`` where the words say so) and the part it could not
read in ``unread``, never a guess dressed as exact.

Where things are: the words of each language are data, one TOML file per
language in ``malitrack/parse/lexicon/`` loaded by :mod:`.lexicon`; numbers
written in words are read by text2num (:mod:`malitrack.parse.numbers`);
dates, years, times, ordinals, pages, URLs, ages and durations are found by
:mod:`.nontolls`; :mod:`.reader` reads the counts and how each joins the one
before (« voire » is :meth:`.reader.Reader.read_join_word`), and
:mod:`.combine` turns them into one interval. This module is the public API.

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
                   "less than N", « moins de N », « moins d'une dizaine »:
                   unknown, unknown, N-1 (the largest count that makes it true).
``approximately``  « environ N », "about N", « quelque N », « une trentaine »,
                   "a dozen", « une demi-douzaine » (6): ``APPROXIMATE_MARGIN`` either side of N, rounded
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
``unparsed``       anything else, including negative numbers, decimals, numbers
                   the reader cannot place ("12 killed in 2 attacks") and any
                   input that is not text; ``unread`` says what was not read.
                   Never an exception.

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

* Numbers that are not counts are recognised and set aside, in French, English
  and Arabic: dates (« le 3 mars », « mardi 17 septembre 2024 », « في 25
  أبريل »), years ("the 2012 attack", « en 2019 »), clock times (« 14h30 »),
  ordinals (« 1er », « 3e »), pages ("page 2 of 3"), URLs, ages (« une fille de
  11 ans » = 1), durations (« 43 morts en deux jours » = 43) and totals
  (« dix otages sur treize » = 10). « un » before a noun of no count (« un
  lourd bilan ») is an article.
* The first count is the head. A later count is added only when a conjunction
  joins it (« et », "and", « ainsi que », « en plus de », "along with", "و",
  "+", a comma or semicolon) within three words: « deux militaires et un civil »
  = 3, "16 + 4" = 20, « Karou 17 morts, Dirgua (7), Deouteguef (14) et
  Ouatagouna (10) » = 48. A count nothing joins is not guessed at: the figure
  is ``unparsed`` and the count is in ``unread``.
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
  « selon les sources », « (contre 7 selon l'armée) ») give the range that
  covers them all: low the smallest low, high the largest high, no best. So do
  counts with claimants named between them when the text names two or more
  (« 20 morts selon l'armée, 40 selon des élus » = 20 to 40). A hedge ("at
  least five, possibly 12", « peut-être ») runs from the first low to the
  second figure: 5 to 12. « plus précisément » replaces what came before.
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
from dataclasses import dataclass

import numpy as np
import pandas as pd

from malitrack.parse.figures.combine import (
    APPROXIMATE_MARGIN,
    Item,
    Join,
    Value,
    attributed_alternatives,
    combine,
    drop_breakdown,
)
from malitrack.parse.figures.lexicon import OUTCOMES, VagueTerm, all_vague_terms, languages, vocabulary
from malitrack.parse.figures.nontolls import non_toll_tokens
from malitrack.parse.figures.reader import Reader
from malitrack.parse.figures.tokens import COMPOUND_SEPARATOR, SET_ASIDE, Token, fold_with_origin, tokenize
from malitrack.parse.numbers import Number, find_number_words

__all__ = [
    "APPROXIMATE_MARGIN", "OUTCOMES", "QUALIFIERS", "VAGUE_TERMS", "CasualtyFigure", "VagueTerm",
    "is_denial", "parse_casualty_figure", "parse_casualty_figures",
]

QUALIFIERS = (
    "exact", "at_least", "more_than", "at_most", "approximately", "range",
    "vague", "none", "unparsed",
)

VAGUE_TERMS: dict[str, VagueTerm] = all_vague_terms()
"""Words that give casualties without a number, with the interval malitrack
reads from each and where that reading comes from (the ``vague`` entries of
every lexicon file). Matched folded, longest first."""


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


def _unparsed(unread: str) -> CasualtyFigure:
    return CasualtyFigure(None, None, None, "unparsed", "", unread=unread.strip() or "?")


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def parse_casualty_figure(text, lang: str | None = None, outcome: str | None = None) -> CasualtyFigure:
    """Read one figure as written into a :class:`CasualtyFigure`; never raises.

    ``lang`` (an ISO 639-1 code from the claims' ``language`` column) limits
    the words tried to that language's lexicon, so the Italian « due » (2) is
    not read in an English "due to"; without it, or for a language with no
    lexicon, every lexicon is tried. ``outcome`` (killed, injured, missing,
    abducted) picks the counts of that outcome in texts that name several; by
    default the first one named.

    >>> parse_casualty_figure("over 30")
    CasualtyFigure(low=31, best=31, high=None, qualifier='more_than', matched='over 30', denial=False, unread='')
    >>> parse_casualty_figure("29")
    CasualtyFigure(low=29, best=29, high=29, qualifier='exact', matched='29', denial=False, unread='')
    >>> figure = parse_casualty_figure("une trentaine")
    >>> figure.low, figure.best, figure.high, figure.qualifier
    (24, 30, 36, 'approximately')
    >>> parse_casualty_figure("entre 20 et 30").qualifier, parse_casualty_figure("dozens").low
    ('range', 12)
    >>> parse_casualty_figure("47 terroristes ... 23 terroristes").best
    70
    >>> parse_casualty_figure("le 3 mars, 12 morts").best
    12
    >>> figure = parse_casualty_figure("20 morts selon l'armée, 40 selon des élus")
    >>> figure.low, figure.best, figure.high, figure.qualifier
    (20, None, 40, 'range')
    >>> parse_casualty_figure("the sky is blue").unread
    'the sky is blue'
    >>> parse_casualty_figure("").qualifier, parse_casualty_figure("aucun mort").qualifier
    ('none', 'none')
    >>> parse_casualty_figure("aucun mort").denial, parse_casualty_figure("aucun mort").best is None
    (True, True)
    """
    if _is_missing(text):
        return CasualtyFigure(None, None, None, "none", "")
    if not isinstance(text, str):
        return _unparsed(repr(text)[:80])
    lang = lang if isinstance(lang, str) and lang in languages() else None
    outcome = outcome if isinstance(outcome, str) and outcome in OUTCOMES else None
    try:
        figure = _parse(_Text(text), lang, outcome)
    except (ValueError, IndexError, RecursionError, OverflowError):
        return _unparsed(text)
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


def _ignored(tokens: list[Token], vocab) -> set[int]:
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
            if before is None or not (before.text[0].isdigit() or before.text[0].isalpha() and before.end == token.start):
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
    if _negative_or_decimal(tokens):
        return _unparsed(text.text)
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
        return _unparsed(text.source(empty[0].tokens, 0, len(empty[0].tokens)))
    reference = outcome if outcome in OUTCOMES else next(
        (item.outcome for items, _, _ in parts for item in items if item.outcome), None)
    # a count of another outcome is understood even when nothing joins it: « 3 tués, 5 blessés 2 disparus »
    unread = [source for source, counted in unplaced if counted is None or counted == reference or reference is None]
    if unread:
        return _unparsed(" … ".join(unread))

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
        return _unparsed(text.text)
    return CasualtyFigure(result.low, result.best, result.high, result.qualifier, text.text[first_span:last_span])


def _vague_or_unparsed(text: _Text, tokens: list[Token], numbers: dict[int, Number], vocab,
                       unplaced: list[str]) -> CasualtyFigure:
    """No count anywhere: a word that asserts casualties makes it vague, else unparsed."""
    reader = Reader(tokens, numbers, vocab)
    if not unplaced:
        for index in range(len(tokens)):
            found = reader.vague(index, quantified_only=False)
            if found:
                term, end = found
                entry = VAGUE_TERMS.get(term) or vocab.vague_terms[term]
                return CasualtyFigure(entry.low, None, entry.high, "vague", text.source(tokens, index, end))
    return _unparsed(" … ".join(unplaced) or text.text)


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
