"""Figures as the sources said them, in words of the page's language.

The figure parser stores "over 30" as low 31 with no high, and « plusieurs »
as low 2: bounds a computer can compare, never numbers a source said. A
reader must see "more than 30" and « plusieurs », so a figure is printed from
its qualifier and the number the words name, never from an internal bound:
"more than N" prints ``low - 1`` (the N said), "about N" prints ``best``
(not the ±20 % interval), a vague figure prints its words.

Numbers follow the page's language: 3,100 in English, 3 100 (narrow
no-break space) in French.
"""

from __future__ import annotations

import pandas as pd

from malitrack.text import fold

NARROW_NBSP = "\u202f"

_WORDS = {
    "en": {
        "at_least": "at least {n}", "more_than": "more than {n}", "approximately": "about {n}",
        "range": "{low} to {high}", "at_most": "up to {n}", "between": "between {a} and {b}",
        "denial": "denied any deaths", "denial_civilian": "denied any civilian deaths",
        "several": "several", "dozens": "dozens", "several_dozen": "several dozen", "hundreds": "hundreds",
        "many": "many", "unstated": "an unstated number", "none": "no figure",
    },
    "fr": {
        "at_least": "au moins {n}", "more_than": "plus de {n}", "approximately": "environ {n}",
        "range": "{low} à {high}", "at_most": "jusqu'à {n}", "between": "entre {a} et {b}",
        "denial": "nie tout mort", "denial_civilian": "nie toute victime civile",
        "several": "plusieurs", "dozens": "des dizaines", "several_dozen": "plusieurs dizaines",
        "hundreds": "des centaines", "many": "de nombreux", "unstated": "un nombre non précisé",
        "none": "aucun chiffre",
    },
}

# folded stems of vague words, in the languages of the claims, and the word each stands for
_VAGUE_STEMS = {
    "dozens": ("dizaine", "dozen", "decenas", "dutzend", "decine", "عشرات"),
    "hundreds": ("centaine", "hundreds", "cientos", "centinaia", "hunderte", "مئات"),
    "several": ("plusieurs", "several", "quelques", "some ", "a few", "varios", "mehrere", "عدة", "alcuni"),
    "many": ("nombreu", "many", "numerous", "muchos", "viele", "كثير"),
}


def number(value: int, lang: str = "fr") -> str:
    """A whole number in the page's language: ``3,100`` / ``3 100`` (narrow no-break space).

    >>> number(3100, "en"), number(3100, "fr") == "3\\u202f100", number(29, "fr")
    ('3,100', True, '29')
    """
    text = f"{int(value):,}"
    return text.replace(",", NARROW_NBSP) if lang == "fr" else text


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def vague_words(figure_text: str | None, lang: str = "fr") -> str:
    """A vague figure ("plusieurs dizaines", "dozens", عشرات) in words of ``lang``.

    >>> vague_words("plusieurs dizaines de morts", "en"), vague_words("dozens", "fr"), vague_words("plusieurs", "en")
    ('several dozen', 'des dizaines', 'several')
    """
    words = _WORDS[lang]
    folded = fold(str(figure_text or ""))
    found = {kind for kind, stems in _VAGUE_STEMS.items() if any(fold(stem) in folded for stem in stems)}
    if "dozens" in found and "several" in found:
        return words["several_dozen"]
    for kind in ("dozens", "hundreds", "several", "many"):
        if kind in found:
            return words[kind]
    return words["unstated"]


def figure_words(
    low=None, best=None, high=None, qualifier: str = "exact", lang: str = "fr", *,
    denial: bool = False, figure_text: str | None = None, civilian_denial: bool = False,
) -> str:
    """One claim's figure as its source said it, in words of ``lang``; never an internal bound.

    >>> figure_words(31, 31, None, "more_than", "en"), figure_words(31, 31, None, "more_than", "fr")
    ('more than 30', 'plus de 30')
    >>> figure_words(24, 30, 36, "approximately", "fr"), figure_words(200, None, 400, "range", "fr")
    ('environ 30', '200 à 400')
    >>> figure_words(2, None, None, "vague", "fr", figure_text="« plusieurs terroristes »")
    'plusieurs'
    >>> figure_words(denial=True, lang="fr"), figure_words(denial=True, lang="en", civilian_denial=True)
    ('nie tout mort', 'denied any civilian deaths')
    """
    words = _WORDS[lang]
    if denial:
        return words["denial_civilian" if civilian_denial else "denial"]
    low, best, high = _int(low), _int(best), _int(high)
    if qualifier == "vague":
        return vague_words(figure_text, lang)
    if qualifier == "more_than" and low is not None:
        return words["more_than"].format(n=number(low - 1, lang))
    if qualifier == "at_least" and (low is not None or best is not None):
        return words["at_least"].format(n=number(low if low is not None else best, lang))
    if qualifier == "approximately" and best is not None:
        return words["approximately"].format(n=number(best, lang))
    if qualifier == "at_most" and high is not None:
        return words["at_most"].format(n=number(high, lang))
    if qualifier == "range" and low is not None and high is not None:
        return words["range"].format(low=number(low, lang), high=number(high, lang))
    if best is not None:
        return number(best, lang)
    if low is not None and high is not None and low == high:
        return number(low, lang)
    return words["none"]


def claim_figure_words(claim, lang: str = "fr") -> str:
    """:func:`figure_words` of one claim (a row or named tuple with the clean columns)."""
    get = claim.get if hasattr(claim, "get") else lambda name, default=None: getattr(claim, name, default)
    figure_text = get("figure_text", None)
    denial = bool(get("denial", False)) and not pd.isna(get("denial", False))
    civilian = denial and "civil" in fold(str(figure_text or "")) + fold(str(get("victims_text", "") or ""))
    return figure_words(
        get("low", None), get("best", None), get("high", None), str(get("qualifier", "exact")), lang,
        denial=denial, figure_text=None if pd.isna(figure_text) else figure_text, civilian_denial=civilian,
    )


def range_words(lowest: str, highest: str, lang: str = "fr") -> str:
    """A range across claims, each end as its source said it: "between 29 and more than 30".

    >>> range_words("29", "plus de 30", "fr"), range_words("29", "29", "en")
    ('entre 29 et plus de 30', '29')
    """
    if lowest == highest:
        return lowest
    return _WORDS[lang]["between"].format(a=lowest, b=highest)
