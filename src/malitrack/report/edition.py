"""The French and the English edition: file names, twin links, the page's words and prose.

Every built report is rendered once per language (:data:`LANGUAGES`, French
first: most sources and most readers are French-speaking). A page's file
name carries its language before ``.html``
(``incident_profile--amassine-2024-05-19.fr.html``), so the two editions sit
side by side in ``reports/`` and each page links to its twin by swapping that
one part. The default edition's index is ``index.html``; the other is
``index.en.html``.

Headings, column names and method prose are in ``report/locale/<lang>.toml``
(sections ``ui``, ``column``, ``prose``), beside the vocabulary words of
:mod:`malitrack.report.i18n`; claims stay verbatim in their own language.
"""

from __future__ import annotations

import re

from malitrack.report.i18n import DEFAULT_LANG, LANGUAGES, catalog

__all__ = ["DEFAULT_LANG", "LANGUAGES", "edition_file", "index_file", "twin_file", "other_lang", "words",
           "column_label", "prose", "format_number", "counted"]


def other_lang(lang: str) -> str:
    """The other edition's language.

    >>> other_lang("fr")
    'en'
    """
    return next(code for code in LANGUAGES if code != lang)


def edition_file(stem: str, lang: str) -> str:
    """The file name of a page in one edition.

    >>> edition_file("incident_profile--amassine-2024-05-19", "fr")
    'incident_profile--amassine-2024-05-19.fr.html'
    """
    return f"{stem}.{lang}.html"


def index_file(lang: str, page: str = "index") -> str:
    """The index (or method page) of an edition: the default edition keeps the plain name.

    >>> index_file("fr"), index_file("en"), index_file("en", "method")
    ('index.html', 'index.en.html', 'method.en.html')
    """
    return f"{page}.html" if lang == DEFAULT_LANG else f"{page}.{lang}.html"


def twin_file(file_name: str, lang: str) -> str:
    """The other edition's file of the page ``file_name`` written in ``lang``.

    >>> twin_file("casualty_trends.fr.html", "fr"), twin_file("index.en.html", "en"), twin_file("index.html", "fr")
    ('casualty_trends.en.html', 'index.html', 'index.en.html')
    """
    other = other_lang(lang)
    for page in ("index", "method"):
        if file_name == index_file(lang, page):
            return index_file(other, page)
    return re.sub(rf"\.{re.escape(lang)}\.html$", f".{other}.html", file_name)


def words(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """A UI string of ``lang`` (``[ui]`` of the locale file), formatted with ``values``."""
    text = catalog(lang)["ui"][key]
    return text.format(**values) if values else text


def column_label(column: str, lang: str = DEFAULT_LANG) -> str:
    """A table column's label in words; a column the locale does not name reads with spaces, never as code."""
    return catalog(lang)["column"].get(str(column), str(column).replace("_", " "))


def prose(report: str, section: str, lang: str = DEFAULT_LANG) -> str:
    """A report's Markdown prose (``[prose.<report>]`` of the locale file)."""
    return catalog(lang)["prose"][report][section]


def counted(count: int, noun: str, lang: str = DEFAULT_LANG) -> str:
    """A count and its noun, singular or plural (``[ui]`` keys ``<noun>_one`` and ``<noun>_many``).

    >>> counted(1, "incident", "fr"), counted(3109, "incident", "fr")
    ('1 incident', '3\u202f109 incidents')
    """
    return f"{format_number(count, lang)} {words(noun + ('_one' if count == 1 else '_many'), lang)}"


def format_number(value, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A number written for the language: « 3 109 » and « 0,5 » in French, "3,109" and "0.5" in English.

    >>> format_number(3109, "fr"), format_number(3109, "en"), format_number(0.25, "fr", 2)
    ('3\\u202f109', '3,109', '0,25')
    """
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text


#: the UI words the report template needs, passed in the notebook's metadata
TEMPLATE_WORDS = ("all_reports", "other_edition", "how_made", "report", "data_version", "empty")


def page_metadata(report: str, parameters: dict, data_version: str, file_name: str) -> dict:
    """What the report template reads from ``notebook.metadata["malitrack"]``: language, twin, index, words.

    >>> meta = page_metadata("casualty_trends", {"lang": "en"}, "abc", "casualty_trends.en.html")
    >>> meta["lang"], meta["twin"], meta["index"], meta["ui"]["other_edition"]
    ('en', 'casualty_trends.fr.html', 'index.en.html', 'Version française')
    """
    lang = str(parameters.get("lang", DEFAULT_LANG))
    return {
        "report": report,
        "parameters": parameters,
        "data_version": data_version,
        "lang": lang,
        "twin": twin_file(file_name, lang),
        "twin_lang": other_lang(lang),
        "index": index_file(lang),
        "ui": {key: words(key, lang) for key in TEMPLATE_WORDS},
    }
