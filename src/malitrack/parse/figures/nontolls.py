"""Numbers in a figure text that are not tolls: dates, years, times, ordinals, pages, URLs.

« le 3 mars, 12 morts », « mardi 17 septembre 2024 », « في 25 أبريل »,
"the 2012 attack killed 5", « le 1er », "page 2 of 3", « une fille de 11
ans », « en deux jours », « dix otages sur treize », a URL with a date in it:
each of these numbers is recognised here, with the words around it, and the
reader never reads it as a count. Month and weekday names, ordinal suffixes,
page, age and duration words come from the lexicons.
"""

from __future__ import annotations

import re

from malitrack.parse.figures.lexicon import Vocabulary
from malitrack.parse.figures.tokens import PhraseTable, Token
from malitrack.parse.numbers import Number

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}/\S*")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])\d{1,4}([/.-])\d{1,2}\1\d{1,4}(?![\d/])")
_CLOCK = re.compile(
    r"(?<![\d:.])\d{1,2}(?:"
    r"(?:[.:]\d{2})?\s?[ap]\.?m\b\.?"  # 4 pm, 10.30 a.m.
    r"|:\d{2}(?![\w:])"  # 14:30
    r"|h(?:\d{2})?(?![\w:])"  # 14h30, 10h
    r")"
)


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2099


def _is_day(word: str) -> bool:
    return word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31


class _Spans:
    """Token indices found to be parts of non-toll expressions."""

    def __init__(self, tokens: list[Token], numbers: dict[int, Number], vocabulary: Vocabulary):
        self.tokens = tokens
        self.words = [token.text for token in tokens]
        self.numbers = numbers
        self.vocabulary = vocabulary
        self.marked: set[int] = set()

    def mark(self, first: int, last: int) -> None:
        self.marked.update(range(first, last))

    def phrase_at(self, table: PhraseTable, index: int) -> int:
        """Length of the lexicon phrase at ``index`` (0 if none)."""
        found = table.match(self.words, index)
        return len(found) if found else 0

    def touching(self, index: int) -> bool:
        """Token ``index`` starts where the one before it ends."""
        return 0 < index < len(self.tokens) and self.tokens[index].start == self.tokens[index - 1].end

    def number_end(self, index: int) -> int | None:
        """End of a number (digits or words) starting at ``index``."""
        if index < len(self.words) and self.words[index].isdigit():
            return index + 1
        number = self.numbers.get(index)
        return number.end if number is not None and not number.ordinal else None

    def day_end(self, index: int) -> int | None:
        """End of a day of the month at ``index``: « 3 », « 1er », « premier »."""
        if index >= len(self.words):
            return None
        if _is_day(self.words[index]):
            end = index + 1
            if end < len(self.words) and self.words[end] in self.vocabulary.ordinal_suffixes and self.touching(end):
                end += 1
            return end
        number = self.numbers.get(index)
        if number is not None and 1 <= number.value <= 31:  # « le premier », « le trois mars »
            return number.end
        return None

    def day_run_end(self, index: int) -> int | None:
        """End of one day or a run of days: « 5 », « du 5 au 7 », « le 5 et le 7 », "5-7"."""
        end = self.day_end(index)
        while end is not None and end < len(self.words):
            joint = self.phrase_at(self.vocabulary.range_words_between, end)
            if not joint:
                break
            following = end + joint
            following += self.phrase_at(self.vocabulary.day_articles, following)
            next_day = self.day_end(following)
            if next_day is None:
                break
            end = next_day
        return end

    def month_end(self, index: int) -> int | None:
        length = self.phrase_at(self.vocabulary.months, index)
        if not length:
            return None
        end = index + length
        if end < len(self.words) and self.words[end] == ".":
            end += 1  # « déc. »
        return end

    def year_end(self, index: int) -> int | None:
        if index < len(self.words) and self.words[index] == ",":
            index += 1
        return index + 1 if index < len(self.words) and _is_year(self.words[index]) else None

    def dates(self) -> None:
        words = self.words
        index = 0
        while index < len(words):
            start = index
            weekday = self.phrase_at(self.vocabulary.weekdays, index)
            index += weekday
            if index < len(words) and words[index] == ",":
                index += 1
            day = self.day_run_end(index)
            if day is not None:
                after_day = day + (1 if day < len(words) and words[day] == "de" else 0)
                month = self.month_end(after_day)
                if month is not None:
                    year = self.year_end(month)
                    needs_year = " ".join(words[after_day:month]).rstrip(" .") in self.vocabulary.months_needing_year
                    if year is not None or not needs_year:
                        self.mark(start, year or month)
                        index = year or month
                        continue
            month = self.month_end(index)
            if month is not None:
                day = self.day_run_end(month)
                year = self.year_end(day if day is not None else month)
                needs_year = " ".join(words[index:month]).rstrip(" .") in self.vocabulary.months_needing_year
                if day is not None and (year is not None or not needs_year):
                    self.mark(start, year or day)
                    index = year or day
                    continue
                if year is not None:
                    self.mark(start, year)
                    index = year
                    continue
            if weekday:
                self.mark(start, start + weekday)
            index = start + max(weekday, 1)

    def years(self) -> None:
        """« en 2019 », "the 2012 attack", « 2023-2024 »: four digits from 1900 to 2099 are a
        year, unless an outcome word follows (« 1900 morts »), a comparative comes before
        (« plus de 2000 personnes ») or the number is all the text says (« 2019 »)."""
        words = self.words
        counted = [index for index, word in enumerate(words) if word[:1].isdigit() or index in self.numbers]
        for index, word in enumerate(words):
            if not _is_year(word) or index in self.marked:
                continue
            following = words[index + 1] if index + 1 < len(words) else None
            after_comparative = any(self.vocabulary.prefixes.lookup(words, start) is not None
                                    and start + len(self.vocabulary.prefixes.lookup(words, start)[0]) == index
                                    for start in range(max(index - 4, 0), index))
            alone = counted == [index] and not (following or "").isalpha() and not any(
                self.phrase_at(self.vocabulary.year_words, at) for at in range(index))
            cue = index and self.phrase_at(self.vocabulary.year_words, index - 1)
            if not cue and (following in self.vocabulary.outcomes or after_comparative or alone):
                continue
            self.mark(index, index + 1)

    def ordinals(self) -> None:
        for index, word in enumerate(self.words):
            if (word.isdigit() and index + 1 < len(self.words) and self.touching(index + 1)
                    and self.words[index + 1] in self.vocabulary.ordinal_suffixes):
                self.mark(index, index + 2)
        for start, number in self.numbers.items():
            if number.ordinal:
                self.mark(start, number.end)

    def times(self, folded: str) -> None:
        for match in _CLOCK.finditer(folded):
            self.mark_characters(match.start(), match.end())
        for index, word in enumerate(self.words):
            if word.isdigit() and index + 1 < len(self.words) and self.words[index + 1] in self.vocabulary.time_words:
                self.mark(index, index + 2)

    def codes(self) -> None:
        """Digits glued to the letters before them name something: « G5 Sahel », "M23",
        « COVID-19 », « RN15 »."""
        for index, word in enumerate(self.words):
            if not word.isdigit() or not self.touching(index):
                continue
            before = self.words[index - 1]
            if self.phrase_at(self.vocabulary.joins, index - 1):
                continue  # Arabic « و47 »: "and 47"
            if before[:1].isalpha() or (before == "-" and index >= 2 and self.touching(index - 1)
                                        and self.words[index - 2][:1].isalpha()):
                self.mark(index, index + 1)

    def mark_characters(self, start: int, end: int) -> None:
        for index, token in enumerate(self.tokens):
            if token.start < end and token.end > start:
                self.marked.add(index)

    def pages(self) -> None:
        words = self.words
        for index, word in enumerate(words):
            if word not in self.vocabulary.page_words:
                continue
            end = index + 1 + (1 if index + 1 < len(words) and words[index + 1] == "." else 0)
            number = self.number_end(end)
            if number is None:
                continue
            end = number
            slash = 1 if end < len(words) and words[end] == "/" else 0
            joint = self.phrase_at(self.vocabulary.of_words, end) or slash
            if joint and (total := self.number_end(end + joint)) is not None:
                end = total
            self.mark(index, end)

    def quantities(self) -> None:
        """Ages, durations and measures: « de 11 ans », "aged 11", « en deux jours »,
        « 48 heures », « à 5 km de Gao », « 30 % », "$5"."""
        words = self.words
        for index in range(len(words)):
            end = self.number_end(index)
            if end is None:
                continue
            after = end + (1 if end < len(words) and words[end] == "-" else 0)
            unit = (self.phrase_at(self.vocabulary.age_words, after)
                    or self.phrase_at(self.vocabulary.duration_words, after)
                    or self.phrase_at(self.vocabulary.units, end))
            if unit:
                self.mark(index, after + unit)
            elif index and words[index - 1] in ("aged", "$", "€"):
                self.mark(index - 1, end)

    def denominators(self) -> None:
        """« dix otages sur treize », "10 out of 13": the total is not a count of the dead."""
        words = self.words
        for index in range(1, len(words)):
            joint = self.phrase_at(self.vocabulary.out_of, index)
            if joint and (end := self.number_end(index + joint)) is not None:
                if words[end:end + 1] == ["("] and end + 2 < len(words) and words[end + 2] == ")":
                    end += 3  # « des cinq (5) »
                self.mark(index, end)


def non_toll_tokens(folded: str, tokens: list[Token], numbers: dict[int, Number],
                    vocabulary: Vocabulary) -> set[int]:
    """Indices of the tokens that are dates, years, times, ordinals, pages, URLs, ages or durations."""
    if not numbers and not any(token.text[:1].isdigit() for token in tokens):
        return set()
    spans = _Spans(tokens, numbers, vocabulary)
    for pattern in (_URL, _NUMERIC_DATE):
        for match in pattern.finditer(folded):
            spans.mark_characters(match.start(), match.end())
    spans.times(folded)
    spans.codes()
    spans.dates()
    spans.ordinals()
    spans.pages()
    spans.quantities()
    spans.denominators()
    spans.years()
    return spans.marked
