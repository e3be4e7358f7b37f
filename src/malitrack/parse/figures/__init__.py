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
:mod:`.combine` turns them into one interval; :mod:`.steps` runs these in
order. This module is the public API.

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

import numpy as np
import pandas as pd

from malitrack.parse.figures.combine import APPROXIMATE_MARGIN
from malitrack.parse.figures.lexicon import OUTCOMES, VagueTerm, all_vague_terms, languages
from malitrack.parse.figures.steps import CasualtyFigure, read_figure, unparsed
from malitrack.vocab import QUALIFIERS

__all__ = [
    "APPROXIMATE_MARGIN", "OUTCOMES", "QUALIFIERS", "VAGUE_TERMS", "CasualtyFigure", "VagueTerm",
    "is_denial", "parse_casualty_figure", "parse_casualty_figures",
]

VAGUE_TERMS: dict[str, VagueTerm] = all_vague_terms()
"""Words that give casualties without a number, with the interval malitrack
reads from each and where that reading comes from (the ``vague`` entries of
every lexicon file). Matched folded, longest first."""


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
        return unparsed(repr(text)[:80])
    lang = lang if isinstance(lang, str) and lang in languages() else None
    outcome = outcome if isinstance(outcome, str) and outcome in OUTCOMES else None
    try:
        return read_figure(text, lang, outcome)
    except (ValueError, IndexError, RecursionError, OverflowError):
        return unparsed(text)


def is_denial(text, lang: str | None = None, outcome: str | None = None) -> bool:
    """True when the words deny any casualty (« aucun mort », "No civilian").

    >>> is_denial("aucun mort"), is_denial(""), is_denial("0")
    (True, False, False)
    """
    return parse_casualty_figure(text, lang, outcome).denial


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
