"""Read whole numbers written in words, in the languages of the claims.

Claims quote figures as their sources wrote them: « quatre-vingt-dix-sept »,
« soixante et onze », "two hundred and five", « mindestens vierzehn »,
« ما لا يقل عن تسعة عشر ». This module turns a run of words into the number
they spell, or says that they spell none.

Method. Words are looked up in one table per language (units, teens and tens,
plus the words for hundred and thousand) after the same normalisation that
:mod:`malitrack.parse.figures` applies (case folded, accents and Arabic vowel marks
removed, hyphens between letters turned into spaces). A number is read left to
right as ``[units] thousand [units] hundred [tens] [units]``, the way French,
English, German, Italian, Spanish, Portuguese and Dutch write it; each word may
only follow words that can precede it (``vingt trente`` is two numbers, not
50), so a reader stops at the first word that does not continue the number.
French quirks are handled explicitly: ``quatre vingt(s)`` = 80,
``soixante dix`` = 70, ``dix sept`` = 17 and ``et`` only inside ``vingt et
un``, ``soixante et onze``. Arabic teens are written unit first (``تسعة عشر``
= 9 + 10).

French and English are complete up to 999,999. The other languages cover their
units, teens and tens (German also its ``einundzwanzig`` compounds) and their
words for hundred and thousand: what occurs in the claims and a little more.

Two spellings from the sources are kept as they were printed, because the raw
files are never corrected by hand (NOTES_gapfill_2016_2023.md): « septs » (7)
and « Ving » (20).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache


def normalize_word(word: str) -> str:
    """Case-fold and strip accents and Arabic vowel marks, as figures does.

    >>> normalize_word("Zéro"), normalize_word("إثنان")
    ('zero', 'اثنان')
    """
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(
        ch for ch in decomposed if unicodedata.category(ch) != "Mn" and ch != "\u0640"
    )


_FRENCH_SMALL = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
    "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60,
    # source spellings kept verbatim in the raw claims
    "septs": 7, "ving": 20,
}
_ENGLISH_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_GERMAN_UNITS = {
    "eins": 1, "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
}
_GERMAN_TENS = {
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90,
}
_GERMAN_SMALL = {
    "null": 0, **_GERMAN_UNITS, "zehn": 10, "elf": 11, "zwölf": 12,
    "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
    "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, **_GERMAN_TENS,
    # einundzwanzig ... neunundneunzig are written as one word
    **{
        f"{unit if unit != 'eins' else 'ein'}und{tens}": value + tens_value
        for unit, value in _GERMAN_UNITS.items() if unit not in ("ein", "eine")
        for tens, tens_value in _GERMAN_TENS.items()
    },
}
_ITALIAN_SMALL = {
    "zero": 0, "uno": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4,
    "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10,
    "undici": 11, "dodici": 12, "tredici": 13, "quattordici": 14,
    "quindici": 15, "sedici": 16, "diciassette": 17, "diciotto": 18,
    "diciannove": 19, "venti": 20, "trenta": 30, "quaranta": 40,
    "cinquanta": 50, "sessanta": 60, "settanta": 70, "ottanta": 80,
    "novanta": 90,
}
_SPANISH_SMALL = {
    "cero": 0, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4,
    "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}
_PORTUGUESE_SMALL = {
    "zero": 0, "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3,
    "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9,
    "dez": 10, "onze": 11, "doze": 12, "treze": 13, "catorze": 14,
    "quinze": 15, "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50,
    "sessenta": 60, "setenta": 70, "oitenta": 80, "noventa": 90,
}
_DUTCH_SMALL = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "twintig": 20,
    "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
    "tachtig": 80, "negentig": 90,
}
_ARABIC_UNITS = {
    "واحد": 1, "واحدة": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
    "اثنا": 2, "ثلاثة": 3, "ثلاث": 3, "اربعة": 4, "اربع": 4, "خمسة": 5,
    "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8,
    "تسعة": 9, "تسع": 9,
}
_ARABIC_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40,
    "اربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60,
    "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90,
    "تسعين": 90,
}
_ARABIC_SMALL = {**_ARABIC_UNITS, "عشرة": 10, "عشر": 10, **_ARABIC_TENS}

# language -> (small numbers, words for hundred, words for thousand, "and" inside a number)
_LANGUAGES: dict[str, tuple[dict[str, int], set[str], set[str], set[str]]] = {
    "fr": (_FRENCH_SMALL, {"cent", "cents"}, {"mille"}, {"et"}),
    "en": (_ENGLISH_SMALL, {"hundred"}, {"thousand"}, {"and"}),
    "de": (_GERMAN_SMALL, {"hundert"}, {"tausend"}, set()),
    "it": (_ITALIAN_SMALL, {"cento"}, {"mille"}, set()),
    "es": (_SPANISH_SMALL, {"cien", "ciento"}, {"mil"}, {"y"}),
    "pt": (_PORTUGUESE_SMALL, {"cem", "cento"}, {"mil"}, {"e"}),
    "nl": (_DUTCH_SMALL, {"honderd"}, {"duizend"}, set()),
    "ar": (_ARABIC_SMALL, {"مائة", "مئة"}, {"الف"}, set()),
}
LANGUAGES = tuple(_LANGUAGES)

_FRENCH_ET_BEFORE = {"un", "une", "onze"}  # vingt et un, soixante et onze

# Number words of other languages that are ordinary French or English words
# (« très », "due to", « le dos », "once", « tien »): read only when the
# claim's language is given.
_FALSE_FRIENDS = {"tres", "due", "dos", "once", "tien", "elf", "null", "sei", "um", "mil"}


@cache
def _tables(lang: str | None):
    """Merged lookup tables for one language, or for all when lang is None/unknown."""
    chosen = [lang] if lang in _LANGUAGES else list(_LANGUAGES)
    small: dict[str, int] = {}
    hundreds: set[str] = set()
    thousands: set[str] = set()
    connectors: set[str] = set()
    for code in chosen:
        words, hundred, thousand, inner_and = _LANGUAGES[code]
        for word, value in words.items():
            word = normalize_word(word)
            if len(chosen) == 1 or code in ("fr", "en") or word not in _FALSE_FRIENDS:
                small.setdefault(word, value)
        hundreds |= {normalize_word(w) for w in hundred}
        thousands |= {normalize_word(w) for w in thousand} - ({"mil"} if len(chosen) > 1 else set())
        connectors |= inner_and
    return small, frozenset(hundreds), frozenset(thousands), frozenset(connectors)


def number_word_value(word: str, lang: str | None = None) -> int | None:
    """The value of one normalised number word below 100, else None.

    >>> number_word_value("quatorze"), number_word_value("vierzehn"), number_word_value("mort")
    (14, 14, None)
    """
    return _tables(lang)[0].get(word)


def _may_follow(previous: int | None, value: int) -> bool:
    """Whether a small number word may come after the previous one in the same number."""
    if previous is None:
        return True
    if previous == 0 or value == 0:
        return False
    if previous >= 20 and previous % 10 == 0 and value < 10:
        return True  # twenty-three, trente deux
    if previous in (60, 80) and value < 20:
        return True  # soixante-douze, quatre-vingt-dix-neuf
    if previous == 10 and value in (7, 8, 9):
        return True  # dix-sept, soixante-dix-huit
    return False


def _connector_allowed(word: str, previous: int | None, following: str, following_value: int,
                       after_multiplier: bool) -> bool:
    """Whether an "and" word joins two parts of one number rather than two counts."""
    if word == "et":  # French: only vingt et un ... soixante et onze
        return previous in (20, 30, 40, 50, 60) and following in _FRENCH_ET_BEFORE
    if word == "and":  # English: only after hundred or thousand
        return previous is None and after_multiplier
    # Spanish y / Portuguese e: treinta y cinco, cento e vinte
    if previous is None:
        return after_multiplier
    return previous >= 20 and previous % 10 == 0 and following_value < 10


def read_number_words(words: Sequence[str], start: int = 0, lang: str | None = None):
    """Read the number spelled by ``words[start:]``; return ``(value, end)`` or None.

    ``words`` are normalised tokens (see :func:`normalize_word`); ``end`` is the
    index after the last word used, so the caller can go on from there.

    >>> read_number_words(["quatre", "vingt", "dix", "sept", "morts"])
    (97, 4)
    >>> read_number_words(["two", "hundred", "and", "five"])
    (205, 4)
    >>> read_number_words(["soixante", "et", "onze"], lang="fr")
    (71, 3)
    >>> read_number_words(["morts"]) is None
    True
    """
    small, hundreds, thousands, connectors = _tables(lang)
    total = 0  # thousands already read
    current = 0  # the part below one thousand
    previous: int | None = None  # last small word added to ``current``
    seen_hundred = False
    end = start
    index = start
    while index < len(words):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else None
        value = small.get(word)
        if word in ("a", "an") and index == start and following in (hundreds | thousands):
            value = 1  # "a hundred", "a thousand"
        if word in ("عشر", "عشرة") and previous is not None and 0 < previous < 10:
            current += 10  # Arabic teens: unit first, then ten
            previous = 10
        elif value is not None:
            if word in ("vingt", "vingts") and previous == 4 and current % 100 == 4:
                current += 76  # quatre-vingt(s) = 4 x 20
                previous = 80
            elif _may_follow(previous, value):
                current += value
                previous = value
            else:
                break
        elif word in hundreds:
            if seen_hundred or current >= 10:
                break
            current = (current or 1) * 100
            previous = None
            seen_hundred = True
        elif word in thousands:
            if total:
                break
            total = (current or 1) * 1000
            current = 0
            previous = None
            seen_hundred = False
        elif word in connectors and index > start and small.get(following) is not None:
            if not _connector_allowed(word, previous, following, small[following], seen_hundred or total > 0):
                break
            index += 1
            continue
        else:
            break
        index += 1
        end = index
    if end == start:
        return None
    return total + current, end
