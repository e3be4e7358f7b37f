"""The words a reader sees, in French and in English: one file per language.

Reports are written for reporters in Bamako, Dakar and Paris: French first,
English second. Every controlled value of the data (``malitrack.vocab``: a
claimant type, a victim label, an incident type, a grade ...) is shown in
words of the page's language, never as its code. The words live in
``report/locale/<lang>.toml``, one file per language with the same sections and
keys, so a translator reads and edits one file, and adding a language is
adding a file. Loading checks that every file has the same keys and that each
vocabulary section names exactly the values of its vocabulary.

>>> label("victim_status", "armed_group", "fr"), label("victim_status", "armed_group", "en")
('combattants', 'fighters')
>>> label("grade", "single source", "fr")
'source unique'
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from malitrack import vocab
from malitrack.errors import MalitrackError

DEFAULT_LANG = "fr"  # most sources and most readers of the reports are French-speaking
# the languages dates are printed in (malitrack.vocab), the default first
LANGUAGES = (DEFAULT_LANG,) + tuple(code for code in vocab.DATE_LANGUAGES if code != DEFAULT_LANG)

# section of the locale files -> the vocabulary whose values it must name, once each
VOCABULARY_SECTIONS = {
    "claimant_type": vocab.CLAIMANT_TYPES,
    "victim_status": vocab.VICTIM_STATUSES,
    "outcome": vocab.OUTCOMES,
    "incident_type": vocab.INCIDENT_TYPES,
    "grade": vocab.GRADES,
    "source_kind": vocab.CLAIM_SOURCE_KINDS,
    "report_stage": vocab.REPORT_STAGES,
    "selection_rule": vocab.SELECTION_RULES,
    "date_precision": vocab.DATE_PRECISIONS,
}


class LocaleError(MalitrackError):
    """A locale file is missing, unreadable, or does not have the keys of the others."""


def key(value: str) -> str:
    """The locale key of a vocabulary value: lower case, apostrophes dropped, other signs as ``_``.

    >>> key("outlet's own report"), key("UN or NGO investigation")
    ('outlets_own_report', 'un_or_ngo_investigation')
    """
    return re.sub(r"[^a-z0-9]+", "_", value.lower().replace("'", "")).strip("_")


def _flat_keys(table: dict, prefix: str = "") -> set[str]:
    keys = set()
    for name, value in table.items():
        keys |= _flat_keys(value, f"{prefix}{name}.") if isinstance(value, dict) else {f"{prefix}{name}"}
    return keys


def read_locales(folder) -> dict[str, dict]:
    """Every language's words from ``folder`` (``<lang>.toml`` each), checked: same keys, whole vocabularies."""
    tables = {}
    for code in LANGUAGES:
        path = folder / f"{code}.toml"
        try:
            tables[code] = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise LocaleError(f"{path}: {error}") from error
    reference = _flat_keys(tables[LANGUAGES[0]])
    for code, table in tables.items():
        keys = _flat_keys(table)
        if keys != reference:
            missing, extra = sorted(reference - keys), sorted(keys - reference)
            raise LocaleError(f"locale/{code}.toml: missing keys {missing}, unknown keys {extra}")
    for section, values in VOCABULARY_SECTIONS.items():
        wanted = {key(value) for value in values}
        found = set(tables[LANGUAGES[0]].get(section, {}))
        if wanted != found:
            raise LocaleError(
                f"locale/*.toml [{section}]: must name exactly the values of the vocabulary: "
                f"missing {sorted(wanted - found)}, unknown {sorted(found - wanted)}"
            )
    return tables


@cache
def _shipped() -> dict[str, dict]:
    return read_locales(resources.files("malitrack.report") / "locale")


def catalog(lang: str) -> dict:
    """The words of one language (``report/locale/<lang>.toml``)."""
    if lang not in LANGUAGES:
        raise LocaleError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return _shipped()[lang]


def label(section: str, value: str, lang: str = DEFAULT_LANG) -> str:
    """A vocabulary value in words of ``lang``; an unknown value comes back as it is, never as a blank."""
    words = catalog(lang).get(section, {})
    return words.get(key(str(value)), str(value))
