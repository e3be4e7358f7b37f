"""Read the counts of one figure text, left to right, one construct at a time.

:class:`Reader` walks the folded tokens of one part of a figure (parts are
joined by `` ... ``). At each token it tries the constructs in a fixed order,
one method each: a breakdown marker (« dont ») ends the part; a refinement
(« plus précisément »), an alternative (« voire », « ou »), a hedge
("possibly"), an attribution (« selon l'armée »), « autant », a bracket, a
postposed « au moins », a count, a join (« et », ",", "+"). A count is kept
only when it heads the part or a join comes before it; a count that nothing
joins is *unplaced*, and the caller reports it as unread instead of guessing.
The words come from the lexicons (:mod:`.lexicon`); how the counts combine is
:mod:`.combine`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from malitrack.parse.figures.combine import Item, Join, Value, apply_comparative
from malitrack.parse.figures.lexicon import Vocabulary
from malitrack.parse.figures.tokens import PhraseTable, Token, is_count_digits
from malitrack.parse.numbers import Number

_ARTICLE_REACH = 3  # « un lourd bilan », « un très lourd bilan »: how far an article looks for its noun
_JOIN_REACH = 3
"""Words a join may skip before its count: « et de deux blessés », ", along with an Iranian".
Further on (« 30 morts, le bilan précédent était de 20 ») the count is not placed."""


@dataclass
class ReadState:
    """Where the reader is in a part, and what it has read so far."""

    items: list[Item] = field(default_factory=list)
    join: Join | None = None  # how the next count joins, if a join word was read
    previous_was_number: bool = False  # a bracket after a number repeats it: « quinze (15) »
    index: int = 0
    unplaced: list[tuple[int, int, str | None]] = field(default_factory=list)  # counts nothing joins, outcome
    broke: bool = False  # a breakdown marker ended the part
    attributions: list[int] = field(default_factory=list)  # where a claimant is named
    since_join: int = 0  # words read since the last join: a join reaches only the next few words


class Reader:
    """Reads the tokens of one figure part into items (counts and their joins)."""

    def __init__(self, tokens: list[Token], numbers: dict[int, Number], vocabulary: Vocabulary):
        self.tokens = tokens
        self.words = [token.text for token in tokens]
        self.vocabulary = vocabulary
        self.numbers = numbers  # numbers in words, by the index of their first token

    def match(self, index: int, table: PhraseTable) -> tuple[str, ...] | None:
        return table.match(self.words, index)

    # --- one figure -------------------------------------------------------

    def prefix(self, index: int) -> tuple[str | None, int]:
        """Comparatives before a number; the last one read decides (« au moins plus d'une »)."""
        kind = None
        while (found := self.vocabulary.prefixes.lookup(self.words, index)) is not None:
            phrase, phrase_kind = found
            if phrase_kind != "approximately" or kind is None:
                kind = phrase_kind
            index += len(phrase)
        return kind, index

    def approximate_noun(self, index: int) -> tuple[int, int] | None:
        found = self.vocabulary.approximate_nouns.lookup(self.words, index)
        return (found[1], index + len(found[0])) if found else None

    def is_article(self, index: int) -> bool:
        """« un » before a noun of no count (« un bilan », « un lourd bilan ») is an article."""
        vocabulary = self.vocabulary
        for ahead in range(index + 1, min(index + 1 + _ARTICLE_REACH, len(self.words))):
            word = self.words[ahead]
            if word in vocabulary.collective_nouns:
                return True
            if (word in vocabulary.outcomes or not word.isalpha() or ahead in self.numbers
                    or self.match(ahead, vocabulary.joins)):
                return False
        return False

    def core(self, index: int) -> tuple[int, bool, int] | None:
        """A bare count at ``index``: (value, is_approximate, next index), or None."""
        words = self.words
        if index >= len(words):
            return None
        word = words[index]
        # une trentaine, la soixantaine, a dozen, une demi-douzaine
        if word in self.vocabulary.articles and (noun := self.approximate_noun(index + 1)):
            return noun[0], True, noun[1]
        if noun := self.approximate_noun(index):
            return noun[0], True, noun[1]
        if word in self.vocabulary.articles and index not in self.numbers and index + 1 in self.numbers:
            return self.core(index + 1)  # "a hundred", "a thousand"
        if is_count_digits(word):
            value, end = int(re.sub(r"\D", "", word)), index + 1
        elif word in self.vocabulary.zero:
            return 0, False, index + 1
        elif index in self.numbers and not self.numbers[index].ordinal:
            if word in self.vocabulary.articles and self.is_article(index):
                return None
            value, end = self.numbers[index].value, self.numbers[index].end
        else:
            return None
        # two dozen, deux centaines: a count of round nouns
        if end < len(words) and value > 1:
            noun = words[end]
            stem = noun[:-1] if noun.endswith("s") else noun
            if stem in self.vocabulary.approximate_noun_words:
                return value * self.vocabulary.approximate_noun_words[stem], True, end + 1
        return value, False, end

    def vague(self, index: int, quantified_only: bool) -> tuple[str, int] | None:
        table = self.vocabulary.quantified_vague if quantified_only else self.vocabulary.vague
        found = table.lookup(self.words, index)
        if found is None:
            return None
        phrase, term = found
        return term, index + len(phrase)

    def touching(self, index: int) -> bool:
        return self.tokens[index].start == self.tokens[index - 1].end

    def single(self, index: int, allow_range: bool = True) -> Value | None:
        """One figure at ``index``: comparatives, a count or vague word, a range, a '+'."""
        words = self.words
        kind, start = self.prefix(index)
        vague = self.vague(start, quantified_only=True)
        if vague is not None:
            term, end = vague
            entry = self.vocabulary.vague_terms[term]
            return Value(entry.low, None, entry.high, "vague", index, end)
        core = self.core(start)
        if core is None:
            return None
        value, approximate, end = core
        # the 70s
        if (not approximate and value >= 10 and value % 10 == 0 and end < len(words) and words[end] == "s"
                and self.touching(end)):
            return Value(value, None, value + 9, "range", index, end + 1)
        # 20+ is a floor; 16+4 is a sum
        if (end < len(words) and words[end] == "+" and self.touching(end)
                and (end + 1 >= len(words) or self.core(end + 1) is None)):
            low, best, high, qualifier = value, value, None, "at_least"
            end += 1
        else:
            low, best, high, qualifier = apply_comparative(kind, value, approximate)
        if allow_range:
            ranged = self.range_end(end, index, value)
            if ranged is not None:
                return ranged
        return Value(low, best, high, qualifier, index, end)

    def range_end(self, end: int, first: int, start_value: int) -> Value | None:
        """If a range word and a second figure follow, the range from start_value."""
        between = first > 0 and self.match(first - 1, self.vocabulary.range_starts) is not None
        joint = self.match(end, self.vocabulary.range_words_between if between else self.vocabulary.range_words)
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
        return Value(start_value, None, high, "range", first - 1 if between else first, second.last)

    def outcome_of(self, value: Value) -> str | None:
        """The outcome named after a figure, or else just before it ("and wounded 5")."""
        return self.outcome_after(value.last) or self.outcome_before(value.first)

    def outcome_before(self, index: int) -> str | None:
        """An outcome word right before a figure, after the last join: « et blessé 5 »."""
        outcomes = self.vocabulary.outcomes
        for before in range(index - 1, max(index - 3, -1), -1):
            word = self.words[before]
            if word in outcomes:  # unless it is the outcome of a count right before it: « 40 blessés 7 »
                previous = self.words[before - 1] if before else ""
                counted = is_count_digits(previous) or any(
                    number.end == before for number in self.numbers.values())
                return None if counted else outcomes[word]
            if self.match(before, self.vocabulary.joins) or is_count_digits(word) or before in self.numbers:
                return None
        return None

    def outcome_after(self, index: int) -> str | None:
        """The first outcome word after a figure, before the next join or number; one further
        on that comes right before a number is that number's (« قتل 3 جنود وأصيب 5 »)."""
        outcomes = self.vocabulary.outcomes
        start = index
        while index < len(self.words):
            word = self.words[index]
            if word in outcomes:
                following = self.words[index + 1] if index + 1 < len(self.words) else ""
                if index > start and (is_count_digits(following) or index + 1 in self.numbers):
                    return None
                return outcomes[word]
            if (self.match(index, self.vocabulary.joins) or word.isdigit()
                    or self.match(index, self.vocabulary.breakdowns) or word == "("):
                return None
            index += 1
        return None

    def bracket_end(self, index: int) -> int | None:
        for end in range(index + 1, len(self.words)):
            if self.words[end] == ")":
                return end
        return None

    # --- the constructs of a part, tried in order at each token -------------

    def read_breakdown(self, state: ReadState) -> bool:
        """« dont », "including": the rest of the part details the head and is dropped."""
        if self.match(state.index, self.vocabulary.breakdowns):
            state.broke = True
            state.index = len(self.words)
            return True
        return False

    def read_join_word(self, state: ReadState, table: PhraseTable, join: Join) -> bool:
        """A refinement, alternative or hedge: the next count joins that way."""
        phrase = self.match(state.index, table)
        if phrase:
            state.join, state.index, state.previous_was_number = join, state.index + len(phrase), False
            return True
        return False

    def read_attribution(self, state: ReadState) -> bool:
        """« selon l'armée », "according to", "says": noted, for :func:`.combine.attributed_alternatives`."""
        phrase = self.match(state.index, self.vocabulary.attributions)
        if phrase:
            state.attributions.append(state.index)
            state.index += len(phrase)
            state.join = None  # « 21 morts, selon un communiqué »: the claimant is no count
            return True
        return False

    def read_as_many(self, state: ReadState) -> bool:
        """« et autant de ... »: the last count once more."""
        phrase = self.match(state.index, self.vocabulary.as_many)
        if phrase and state.items and state.join:
            last = state.items[-1]
            state.items.append(Item(last.value._replace(first=state.index, last=state.index + len(phrase)),
                                    Join.AND, last.outcome))
            state.join, state.index, state.previous_was_number = None, state.index + len(phrase), False
            return True
        return False

    def read_bracket(self, state: ReadState) -> bool:
        """« quinze (15) » repeats; « Dirgua (7) » counts; « (contre 7 selon l'armée) » and
        « (15 selon l'ONU) » are alternatives; brackets holding words are asides."""
        index = state.index
        if self.words[index] != "(":
            return False
        close = self.bracket_end(index)
        if close is None:
            state.index += 1
            return True
        alternative = self.match(index + 1, self.vocabulary.alternatives)
        inner = self.single(index + 1 + (len(alternative) if alternative else 0))
        claimant = inner is not None and any(
            self.match(at, self.vocabulary.attributions) for at in range(inner.last, close))
        if (alternative or claimant) and inner is not None and state.items:  # « 12 morts (15 selon l'ONU) »
            state.items.append(Item(inner, Join.ALTERNATIVE, self.outcome_after(inner.last)))
            state.index, state.previous_was_number = close + 1, False
            return True
        figure_only = inner is not None and inner.last == close
        if figure_only and not state.previous_was_number:
            if state.items and state.items[-1].value.qualifier == "vague":
                state.items[-1] = state.items[-1]._replace(value=inner)
            else:
                state.items.append(Item(inner, self.join_for(state), self.outcome_after(close + 1)))
            state.join = None
        state.index, state.previous_was_number = close + 1, figure_only
        return True

    def read_postposed(self, state: ReadState) -> bool:
        """« 22 au moins »: a postposed « au moins » turns the last figure into a floor."""
        phrase = self.match(state.index, self.vocabulary.postposed)
        if not (phrase and state.items and self.single(state.index) is None):
            return False
        last = state.items[-1]
        if last.value.qualifier in ("exact", "approximately"):
            low, best, high, qualifier = apply_comparative("at_least", last.value.best, False)
            state.items[-1] = last._replace(value=last.value._replace(
                low=low, best=best, high=high, qualifier=qualifier, last=state.index + len(phrase)))
        state.index += len(phrase)
        return True

    def read_count(self, state: ReadState, whole_part_alternative: bool) -> bool:
        """A figure: kept when it heads the part or a join precedes it, else unplaced."""
        foreign = self.match(state.index, self.vocabulary.foreign_prefixes)
        if foreign and (qualified := self.single(state.index + len(foreign))) is not None:
            # « au moins 12 » read as English: a comparative of another language is not ignored
            state.unplaced.append((state.index, qualified.last, None))
            state.index, state.previous_was_number = qualified.last, True
            return True
        value = self.single(state.index)
        if value is None:
            return False
        breakdown = self.breakdown_after(value.last)
        if breakdown is not None and state.items:  # "40 civilians killed, 12 of them children"
            state.join = None
            state.index, state.previous_was_number = breakdown, False
            return True
        far = state.join is Join.AND and state.since_join > _JOIN_REACH
        if self.is_article_head(state) and state.join is None:
            state.items.clear()  # « Une attaque a fait 12 morts »: « une » was an article
        if not state.items or (state.join is not None and not far):
            join = Join.ALTERNATIVE if whole_part_alternative and state.items else self.join_for(state)
            state.items.append(Item(value, join, self.outcome_of(value)))
            state.join = None
        elif not self.is_repeat_or_article(state, value):
            state.unplaced.append((value.first, value.last, self.outcome_of(value)))
        state.index, state.previous_was_number = value.last, True
        return True

    def breakdown_after(self, index: int) -> int | None:
        """End of « d'entre eux », "of them", "among them" within a few words after a count."""
        for at in range(index, min(index + _JOIN_REACH, len(self.words))):
            phrase = self.match(at, self.vocabulary.breakdown_after)
            if phrase:
                return at + len(phrase)
            if self.match(at, self.vocabulary.joins) or at in self.numbers or is_count_digits(self.words[at]):
                return None
        return None

    def is_article_head(self, state: ReadState) -> bool:
        """The part so far is one « un » / « une » read as 1, and no join followed it."""
        if len(state.items) != 1:
            return False
        value = state.items[0].value
        return value.last - value.first == 1 and self.words[value.first] in self.vocabulary.articles

    def is_repeat_or_article(self, state: ReadState, value: Value) -> bool:
        """A count nothing joins that is still understood: « 3 trois » repeats the
        count before it; « une » in « d'une société » is an article."""
        last = state.items[-1].value
        if value.first == last.last and (value.low, value.best, value.high) == (last.low, last.best, last.high):
            return True
        return value.last - value.first == 1 and self.words[value.first] in self.vocabulary.articles

    def read_join(self, state: ReadState) -> bool:
        phrase = self.match(state.index, self.vocabulary.joins)
        if not phrase:
            return False
        if state.join not in (Join.ALTERNATIVE, Join.POSSIBLY, Join.REFINE):
            state.join = Join.AND
        state.index, state.previous_was_number, state.since_join = state.index + len(phrase), False, 0
        return True

    @staticmethod
    def join_for(state: ReadState) -> Join:
        """How a new item joins what came before: the pending join, or head of the part."""
        if state.join in (Join.ALTERNATIVE, Join.POSSIBLY, Join.REFINE):
            return state.join
        return Join.AND if state.items else Join.HEAD

    def read(self) -> ReadState:
        """Read the whole part."""
        vocabulary = self.vocabulary
        state = ReadState()
        whole_part_alternative = any(
            self.match(index, vocabulary.whole_part_alternatives) for index in range(len(self.words)))
        while state.index < len(self.words):
            if not (self.read_breakdown(state)
                    or self.read_join_word(state, vocabulary.refinements, Join.REFINE)
                    or self.read_join_word(state, vocabulary.alternatives, Join.ALTERNATIVE)
                    or self.read_join_word(state, vocabulary.possibly, Join.POSSIBLY)
                    or self.read_attribution(state)
                    or self.read_as_many(state)
                    or self.read_bracket(state)
                    or self.read_postposed(state)
                    or self.read_count(state, whole_part_alternative)
                    or self.read_join(state)):
                state.previous_was_number = False
                state.index += 1
                state.since_join += 1
        return state
