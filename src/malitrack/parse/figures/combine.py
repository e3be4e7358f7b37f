"""How the counts read in a figure combine into one interval.

The reader (:mod:`.reader`) finds the counts of a text and how each one joins
what came before (:class:`Join`); this module turns them into one interval:

* ``Join.AND`` adds (« deux militaires et un civil » = 3, "16 + 4" = 20);
* ``Join.ALTERNATIVE`` (« voire », « ou », « selon A ... selon B »,
  « (contre 7 selon l'armée) ») gives the range that covers them all, never a sum;
* ``Join.POSSIBLY`` ("at least five, possibly 12", « peut-être ») caps an
  open first figure with the second: 5 to 12;
* ``Join.REFINE`` (« plus précisément ») replaces what came before;
* a breakdown (later counts adding up exactly to the head) is dropped.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

APPROXIMATE_MARGIN = (1, 5)
"""An approximate figure N spans N ± N/5 (20 %), rounded inwards to whole
numbers. malitrack's own convention: neither ACLED (one conservative figure)
nor UCDP (coder's judgement) fixes one. It keeps neighbouring round nouns
apart at their centres (« une vingtaine » 16–24, « une trentaine » 24–36) and
never widens an approximation into a bare floor."""


class Join(Enum):
    """How a count joins the counts before it."""

    HEAD = "head"
    AND = "and"
    ALTERNATIVE = "alternative"
    POSSIBLY = "possibly"
    REFINE = "refine"


class Value(NamedTuple):
    """A figure read from the text: (low, best, high, qualifier) and its token span."""

    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    first: int
    last: int  # index of the token after the figure


class Item(NamedTuple):
    """A count, how it joins what came before, and its outcome."""

    value: Value
    join: Join
    outcome: str | None


def band(value: int, nearly: bool = False) -> tuple[int, int, int, str]:
    numerator, denominator = APPROXIMATE_MARGIN
    low = -((-value * (denominator - numerator)) // denominator)  # integer ceiling
    high = value if nearly else (value * (denominator + numerator)) // denominator
    return low, value, high, "approximately"


def apply_comparative(kind: str | None, value: int, approximate: bool) -> tuple:
    """The interval for N under a comparative (or none); N is the face value."""
    if kind == "at_least":
        return value, value, None, "at_least"
    if kind == "more_than":
        return value + 1, value + 1, None, "more_than"
    if kind == "at_most":
        return None, None, value, "at_most"
    if kind == "less_than":  # the smallest ceiling that makes the claim true
        return None, None, max(value - 1, 0), "at_most"
    if kind == "nearly":
        return band(value, nearly=True)
    if kind == "approximately" or approximate:
        return band(value)
    return value, value, value, "exact"


def add(first: Value, second: Value) -> Value:
    """Two counts of different people: lows, bests and highs each summed."""
    def plus(a, b):
        return None if a is None or b is None else a + b

    low, best, high = plus(first.low, second.low), plus(first.best, second.best), plus(first.high, second.high)
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
    return Value(low, best, high, qualifier, min(first.first, second.first), max(first.last, second.last))


def alternative(first: Value, second: Value) -> Value:
    """Two counts of the same dead: the range covering both, no best."""
    lows = [first.low, second.low]
    highs = [first.high, second.high]
    low = None if None in lows else min(lows)
    high = None if None in highs else max(highs)
    return Value(low, None, high, "range", min(first.first, second.first), max(first.last, second.last))


def possibly(first: Value, second: Value) -> Value:
    """"at least five, possibly 12": from the first low to the second figure's top."""
    top = second.high if second.high is not None else None
    lows = [low for low in (first.low, second.low) if low is not None]
    low = min(lows) if lows else None
    if top is not None and first.high is not None:
        top = max(top, first.high)
    return Value(low, None, top, "range", min(first.first, second.first), max(first.last, second.last))


def drop_breakdown(items: list[Item]) -> list[Item]:
    """Later counts that add up exactly to the head are its breakdown."""
    head, rest = items[0], items[1:]
    if (len(rest) >= 2 and head.value.qualifier == "exact"
            and all(item.join is Join.AND and item.value.qualifier == "exact" for item in rest)
            and sum(item.value.best for item in rest) == head.value.best):
        return [head]
    return items


def attributed_alternatives(items: list[Item], attributions: list[int]) -> list[Item]:
    """Counts given by other claimants are alternatives, not more dead: a later count with
    its claimant right after it (« 12 morts, 30 selon des sources locales »), or counts with
    claimants named between them when the text names two or more (« selon l'armée, 12 ;
    selon les rebelles, 40 »). « 3 soldats et 2 civils selon l'armée » stays a sum."""
    changed = list(items)
    for index in range(1, len(items)):
        before, item = items[index - 1], items[index]
        if item.join is not Join.AND:
            continue
        elliptical = item.value.last in attributions
        between = len(attributions) >= 2 and any(before.value.first < at < item.value.first for at in attributions)
        if elliptical or between:
            changed[index] = item._replace(join=Join.ALTERNATIVE)
    return changed


def combine(result: Value | None, item: Item) -> Value:
    """Fold one more count into the interval read so far."""
    if result is None or item.join is Join.REFINE:
        return item.value
    if item.join is Join.ALTERNATIVE:
        return alternative(result, item.value)
    if item.join is Join.POSSIBLY:
        return possibly(result, item.value)
    return add(result, item.value)
