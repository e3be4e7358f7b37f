"""Canonical names for the perpetrators a claim names.

A claim's ``perpetrator_text`` keeps the claimant's own words ("l'armée
malienne et ses supplétifs russes de Wagner", "GSIM", "الجيش المالي",
"hommes armés non identifiés"). ``normalize_actors`` turns those words into a
list of canonical actors ("FAMa", "Wagner Group"), so claims can be grouped by
who they blame. The same alias table serves UCDP (``side_a``/``side_b``: e.g.
"Government of Mali", "IS", "Dozos (Mali)") and ACLED actor names.

Method
------
1. **Alias table** (``data/raw/actor_aliases.csv``, one row per spelling:
   actor, alias, language, case_sensitive, note) and an **actors register** in
   its provenance sidecar (kind, lineage with cited sources, and which generic
   actor gives way to which named one). Both come in a
   ``malitrack.reference.Reference`` (this module reads no file); plain calls
   use ``malitrack.reference.default()``.
2. **Folding.** Text and aliases are folded the same way: Unicode NFKD with
   combining marks removed (so "Ançar" = "Ancar", "أنصار" = "انصار"),
   typographic apostrophes made plain, quotes and dashes made spaces,
   whitespace collapsed. Matching ignores case except for the few aliases
   marked ``case_sensitive`` ("IS", "EI", "GAT", which are also words).
3. **Word-boundary matching, longest alias first**, with the alias
   alternation compiled once per Reference, on first use (about 80 ms), then
   each distinct text kept with it: "armée française" is French forces, not FAMa; "FAMa" is never
   found inside "famille". An Arabic conjunction or preposition (و ف ب) glued
   to an alias that starts with the article ال is allowed ("والجيش المالي");
   the contracted "لل" ("للجيش") is not, so Arabic aliases that matter also
   exist without the article ("المالي").
4. **Words that are not perpetrators are removed first**, clause by clause
   (clauses are split at ";" and ":"):
   - a clause with a denial ("n'est pas impliquée", "ne sauraient",
     "en aucun cas", "nullement", "denies", "dément", Arabic لم) names no
     perpetrator: "denies: 'Les Fama ne sauraient être responsables'" gives [];
   - attributions ("per MSA", "selon des témoins", "according to the army",
     "suspected by the outlet", "MNLA accuses", "army wording") name the
     source, not the perpetrator;
   - disguises ("habillés en tenue de chasseurs", "déguisés en Casques bleus",
     "en uniformes de l'armée") describe appearance, not identity;
   - context about earlier victims ("after the killing of ...",
     "reprisals against Peul villages", "attacks on Dogon villages",
     "parlant bambara et peul", "zone of ...").
5. **Generic actors give way to named ones.** "unknown" (unidentified gunmen,
   assailants, bandits) is dropped when any actor is named; the label
   "terrorists (unspecified)" when any non-generic actor is named;
   "jihadists (unspecified)" when a jihadist group is named;
   "Russian forces (unspecified)" when Wagner Group or Africa Corps is named,
   and so on (``subsumed_by`` in the register).
6. Actors come back **in order of first mention, without duplicates**.

Decisions (documented in the alias notes and tests):
- Empty text, or text naming only a method ("embuscade", "drones",
  "voiture piégée", "kamikaze"), gives ``[]``: no actor is named. Text saying
  the perpetrators were not identified ("hommes armés non identifiés",
  "unknown attackers") gives ``["unknown"]``.
- Generic "jihadists" are ``jihadists (unspecified)``, never guessed as JNIM
  or Islamic State Sahel. "terroristes" is the claimant's label, kept as
  ``terrorists (unspecified)``: Malian official usage applies it to jihadists
  and, since 2023, to the rebels.
- "Islamic State", "Daech", "EI" in Mali mean its Sahel branch
  (``Islamic State Sahel``); claims made in the name of the West Africa
  Province keep ``Islamic State West Africa Province``.
- Predecessor groups stay separate canonical actors with their lineage
  recorded (Ansar Dine, AQIM, Katiba Macina, Al-Mourabitoune → JNIM in March
  2017; MNLA, HCUA, MAA → CMA → CSP → FLA), because the claims predate the
  mergers and name them. A text naming both Wagner and Africa Corps returns
  both; the register links them.
- "Russian" without a group is ``Russian forces (unspecified)``. The plain
  call never guesses; ``normalize_actors(text, on=date)`` resolves it to
  Wagner Group before 6 June 2025 (Wagner announced its departure from Mali
  that day and Africa Corps took over its units) and to Africa Corps from then
  on. Sources are in the sidecar.
- Ethnic communities named as perpetrators ("Peulhs", "Dogons", "Bambaras")
  are community militias (``Fulani militia`` ...), not organisations.
- Country names alone are not actors ("(Burkina Faso operated the UAVs)" is a
  known limitation, kept visible in ``tests/data/actor_expectations.csv``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import pandas as pd

from malitrack import reference as reference_tables
from malitrack.errors import InputFileError
from malitrack.reference import ALIASES_FILE, KINDS, Actor, Reference
from malitrack.text import fold as fold_text

__all__ = ["KINDS", "Actor", "actor_register", "alias_table", "fold", "normalize_actors", "normalize_actors_series"]

# Quotes and dashes separate words; a slash is a word of its own.
_BLANKS = str.maketrans(
    {
        "\u00ab": " ", "\u00bb": " ", '"': " ", "\u201c": " ", "\u201d": " ", "\u201e": " ",
        "-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " ", "\u2014": " ", "/": " / ",
    }
)


def fold(text: str) -> str:
    """Fold text for matching: no accents, plain apostrophes, no quotes or dashes (case kept).

    >>> fold("Ançar  Dine – « GSIM »")
    'Ancar Dine GSIM'
    """
    return " ".join(fold_text(text, case=False, ligatures=True, apostrophes=True).translate(_BLANKS).split())


# A clause containing one of these names no perpetrator.
_DENIAL = re.compile(
    r"(?<!\w)(?:denies|denied|deny|dement\w*|n'est pas|ne sont pas|en aucun cas|ne saurai\w*|nullement"
    r"|did not|does not|was not|were not|لم)(?!\w)",
    re.IGNORECASE,
)
# Spans naming a source, a disguise or earlier victims, removed before matching.
_END = r"[^;),]*"
_NOT_PERPETRATOR = re.compile(
    "|".join(
        [
            rf"(?<!\w)(?:per|selon|according to|zone (?:of|de)|parlant|against|attacks on)(?!\w){_END}",
            r"(?<!\w)after (?:the killing|an attack)(?!\w)[^;)]*",
            rf"(?<!\w)(?:suspected|attributed|accused|cited) by(?!\w){_END}",
            r"(?:^|(?<=[(,]))[^;(),]*(?<!\w)(?:(?:suspects|accuses)(?=\s+\w)|wording(?!\w))",
            r"(?<!\w)(?:habille\w*|deguise\w*|disfrazad\w*|oblecen\w*|dressed|disguised"
            r"|en tenues?|en uniformes?|en accoutrement|aux couleurs)(?!\w)[^;)]*",
        ]
    ),
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[;:]")
_ARABIC_PROCLITIC = r"(?:[وفب](?=ال))?"


def _reference(reference: Reference | None) -> Reference:
    """The tables to use: the caller's, else ``malitrack.reference.default()``."""
    return reference if reference is not None else reference_tables.default()


def actor_register(reference: Reference | None = None) -> Mapping[str, Actor]:
    """The canonical actors, by name, from the alias table's provenance sidecar."""
    return _reference(reference).actor_register


def alias_table(reference: Reference | None = None) -> pd.DataFrame:
    """The alias table as a DataFrame (actor, alias, language, case_sensitive, note)."""
    return _reference(reference).actor_aliases


def _alternation(aliases: list[str]) -> str:
    ordered = sorted(set(aliases), key=lambda alias: (-len(alias), alias))
    return "|".join(re.escape(alias) for alias in ordered)


def _build_matchers(reference: Reference) -> tuple[re.Pattern, dict[str, str], re.Pattern | None, dict[str, str]]:
    """Compiled patterns and folded-alias -> actor maps (case-insensitive, case-sensitive)."""
    table = reference.actor_aliases
    insensitive: dict[str, str] = {}
    sensitive: dict[str, str] = {}
    for actor, alias, flag in zip(table["actor"], table["alias"], table["case_sensitive"], strict=True):
        key = fold(alias)
        target = sensitive if flag.strip().lower() == "yes" else insensitive
        key = key if target is sensitive else key.casefold()
        if target.get(key, actor) != actor:
            raise InputFileError(
                reference.path(ALIASES_FILE), f"alias {alias!r} maps to both {target[key]!r} and {actor!r}"
            )
        target[key] = actor

    def compile_(keys, flags):
        return re.compile(rf"(?<!\w){_ARABIC_PROCLITIC}({_alternation(list(keys))})(?!\w)", flags)

    sensitive_pattern = compile_(sensitive, 0) if sensitive else None
    return compile_(insensitive, re.IGNORECASE), insensitive, sensitive_pattern, sensitive


def _named_in(clause: str, reference: Reference) -> list[str]:
    """Actors named in one cleaned clause, in order of position."""
    pattern, by_alias, sensitive_pattern, by_sensitive_alias = reference.cached(
        "actor_matchers", lambda: _build_matchers(reference)
    )
    found = [(m.start(1), by_alias[m.group(1).casefold()]) for m in pattern.finditer(clause)]
    if sensitive_pattern is not None:
        found += [(m.start(1), by_sensitive_alias[m.group(1)]) for m in sensitive_pattern.finditer(clause)]
    return [actor for _, actor in sorted(found)]


def _drop_generic(actors: list[str], register: Mapping[str, Actor]) -> list[str]:
    def covers(rule: str, other: str) -> bool:
        return rule == "*" or rule == other or rule == f"kind:{register[other].kind}"

    return [
        actor
        for actor in actors
        if not any(
            other != actor and covers(rule, other) for rule in register[actor].subsumed_by for other in actors
        )
    ]


RUSSIAN_HANDOVER = dt.date(2025, 6, 6)


def _resolve_on(actors: list[str], on) -> list[str]:
    day = pd.Timestamp(on).date()
    russian = "Wagner Group" if day < RUSSIAN_HANDOVER else "Africa Corps"
    return [russian if actor == "Russian forces (unspecified)" else actor for actor in actors]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _normalize(text: str, reference: Reference) -> tuple[str, ...]:
    """The actors of one text; each distinct text is parsed once per Reference."""
    known: dict[str, tuple[str, ...]] = reference.cached("actors_by_text", dict)
    if text not in known:
        actors: list[str] = []
        for clause in _CLAUSE.split(fold(text)):
            if _DENIAL.search(clause):
                continue
            actors += _named_in(_NOT_PERPETRATOR.sub(" ", clause), reference)
        known[text] = tuple(_drop_generic(_unique(actors), reference.actor_register))
    return known[text]


def normalize_actors(text, on=None, *, reference: Reference | None = None) -> list[str]:
    """The canonical actors a perpetrator text names, in order of first mention.

    ``on`` (a date) resolves "Russian forces (unspecified)" to Wagner Group
    before 6 June 2025 and to Africa Corps from then on; without it (or with
    NaT) the call never guesses. Pass the incident's start date; a month-only
    date such as "2025-06" counts as its first day. ``reference`` holds the
    alias table and register to use (default: ``malitrack.reference.default()``).

    >>> normalize_actors("l'armée malienne et ses supplétifs russes de Wagner")
    ['FAMa', 'Wagner Group']
    >>> normalize_actors("الجيش المالي وعناصر من الفيلق الإفريقي")
    ['FAMa', 'Africa Corps']
    >>> normalize_actors("hommes armés non identifiés")
    ['unknown']
    >>> normalize_actors("soldats maliens et leurs supplétifs russes")
    ['FAMa', 'Russian forces (unspecified)']
    >>> normalize_actors("soldats maliens et leurs supplétifs russes", on="2025-11-13")
    ['FAMa', 'Africa Corps']
    >>> normalize_actors("embuscade")
    []
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    actors = list(_normalize(str(text), _reference(reference)))
    if on is None or pd.isna(on):
        return actors
    return _unique(_resolve_on(actors, on))


def normalize_actors_series(
    series: pd.Series, on: pd.Series | None = None, *, reference: Reference | None = None
) -> pd.Series:
    """``normalize_actors`` over a column: "; "-joined actors, NA where none.

    Each distinct text (or text and date) is parsed once and mapped back.

    >>> normalize_actors_series(pd.Series(["GSIM", "drones", None, "GSIM"])).tolist()
    ['JNIM', <NA>, <NA>, 'JNIM']
    """
    reference = _reference(reference)
    if on is None:
        keys = series
        distinct = pd.unique(series.dropna())
        joined = {value: "; ".join(normalize_actors(value, reference=reference)) or pd.NA for value in distinct}
        result = keys.map(joined)
    else:
        frame = pd.DataFrame({"text": series, "on": pd.to_datetime(on)}, index=series.index)
        pairs = frame.drop_duplicates().dropna(subset=["text"])
        joined = {
            (text, day): "; ".join(normalize_actors(text, on=day, reference=reference)) or pd.NA
            for text, day in zip(pairs["text"], pairs["on"], strict=True)
        }
        result = pd.Series(
            [joined.get((text, day), pd.NA) for text, day in zip(frame["text"], frame["on"], strict=True)],
            index=series.index,
            dtype="object",
        )
    return result.astype("string").rename(series.name)
