"""One way to fold text for matching, with named options.

Every lookup in malitrack (number words, victim labels, actor aliases, place
names, month names, column headers) compares folded text, so « Décembre »,
"decembre" and "DÉC." are one name and أكتوبر / اكتوبر one spelling. Callers
differ only in what they keep: a place lookup keeps word boundaries, a figure
reader keeps punctuation. Those differences are the options below, named, so
a reader sees what a caller folds instead of reading a private copy of it.
"""

from __future__ import annotations

import unicodedata

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
TATWEEL = "\u0640"
# Letters that Unicode does not split into base letter + accent.
LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L", "đ": "d", "ø": "o", "ı": "i"}
)
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "\u2032": "'"})


def fold(
    text: str,
    *,
    case: bool = True,
    accents: bool = True,
    ligatures: bool = False,
    arabic_digits: bool = False,
    apostrophes: bool = False,
    compatibility: bool = True,
    spaces: bool = False,
) -> str:
    """Fold ``text`` for comparison.

    - ``case``: case-fold (``"DÉC"`` → ``"déc"`` before accents go);
    - ``accents``: drop combining marks, Arabic vowel marks and the tatweel;
    - ``ligatures``: œ → oe, æ → ae, ł → l (letters Unicode does not decompose);
    - ``arabic_digits``: Arabic-Indic and Eastern Arabic digits → 0-9;
    - ``apostrophes``: typographic apostrophes → ``'``;
    - ``compatibility``: NFKD (ﬁ → fi, superscripts → digits) rather than NFD;
    - ``spaces``: runs of white space → one space, trimmed.

    >>> fold("Décembre"), fold("DÉC."), fold("أكتوبر") == fold("أَكتوبر")
    ('decembre', 'dec.', True)
    >>> fold("Œuvre  ١٢", ligatures=True, arabic_digits=True, spaces=True)
    'oeuvre 12'
    """
    if case:
        text = text.casefold()
    if ligatures:
        text = text.translate(LIGATURES)
    if accents:
        text = unicodedata.normalize("NFKD" if compatibility else "NFD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch) and ch != TATWEEL)
    elif compatibility:
        text = unicodedata.normalize("NFKC", text)
    if arabic_digits:
        text = text.translate(ARABIC_DIGITS)
    if apostrophes:
        text = text.translate(APOSTROPHES)
    if spaces:
        text = " ".join(text.split())
    return text
