"""Who is behind a claim: the ``claimant_key`` column, from the claimants register.

One organisation speaks under many names: the CSP as "separatists (CSP)",
"Tuareg rebels (CSP-DPA)", "CSP-PSD spokesman ..." (Tinzaouatène, 25 August
2024); the Malian state as its army's communiqués and its government's
statements (Moura: the 1 April 2022 toll of 203 is both). Counted as several
voices, one statement looks corroborated; so each claim gets the key of the
organisation behind it, and the analysis counts one organisation once per
figure and lines up its revisions.

Method: ``data/raw/claimants.csv`` (sidecar ``claimants.provenance.json``)
lists aliases of organisations, each with the claimant types it applies to,
the dates the name stood for that organisation ("separatists" is the CSP from
May 2021 to November 2024, the FLA after) and a cited basis. An alias matches
whole words of the folded claimant text, relay tails removed ("via RFI", "per
Anadolu", "to AFP"); the leftmost alias wins (the claimant's own name comes
before a gloss or a "/"), the longest at one position. Anonymous sources
("a Malian security source", "CSP-DPA rebel sources", "MSA official
(anonymous)") and an army's officers talking to a reporter ("Malian army
official (to AFP)") are not the organisation's statement and keep a key of
their own. A claim no alias
matches gets its normalised name (lower case, accents, glosses, relay tails
and words such as "communiqué" dropped), so "Malian security source (via
RFI)" and "Malian security source" are one voice. ``claimant_key_basis``
says which: ``register: <alias>`` or ``name``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from malitrack.clean.registers import in_force, register_date, register_rows
from malitrack.errors import InputFileError
from malitrack.reference import Reference, default
from malitrack.text import fold

REGISTER_COLUMNS = ("claimant_key", "alias", "claimant_types", "active_from", "active_until", "basis", "url")
_RELAY_TAIL = re.compile(r"\b(?:via|per|to|according to|selon|as relayed|as quoted by|cited by|citing)\b.*$", re.IGNORECASE)
_GLOSS = re.compile(r"\((?:[^()]*)\)|\[(?:[^\[\]]*)\]")
_GENERIC_WORDS = re.compile(r"\b(communiqu[ée]|statement|general staff|spokesman|spokesperson)\b", re.IGNORECASE)
# an army's or a ministry's officer speaking to a reporter is not its communiqué ("Malian army official
# (to AFP)"); "official" as an adjective ("official toll", "army official statement") is not a person
_ANONYMOUS = re.compile(
    r"\bsources?\b|\banonymous\b|\bunnamed\b"
    r"|\b(?:army|military) (?:officer|official)\b(?! (?:statement|toll|communiqu|website))|\bofficial of\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ClaimantAlias:
    claimant_key: str
    alias: str
    pattern: re.Pattern
    claimant_types: frozenset[str]
    active_from: pd.Timestamp | None
    active_until: pd.Timestamp | None

    def applies(self, claimant_type: str, on) -> bool:
        if self.claimant_types and claimant_type and claimant_type not in self.claimant_types:
            return False
        return in_force(on, self.active_from, self.active_until)


def _folded(text: str) -> str:
    return fold(str(text), ligatures=True, apostrophes=True, spaces=True)


def read_claimant_register(path: Path) -> tuple[ClaimantAlias, ...]:
    """The aliases of ``data/raw/claimants.csv``, longest first; none when the file is absent."""
    if not path.exists():
        return ()
    aliases = []
    for line, row in register_rows(path, REGISTER_COLUMNS):
        for column in ("claimant_key", "alias", "basis", "url"):
            if not row[column].strip():
                raise InputFileError(path, f"{column} is empty", row=line, column=column)
        alias = _folded(row["alias"])
        aliases.append(
            ClaimantAlias(
                claimant_key=row["claimant_key"].strip(),
                alias=row["alias"].strip(),
                pattern=re.compile(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])"),
                claimant_types=frozenset(t for t in row["claimant_types"].split(";") if t),
                active_from=register_date(row["active_from"], path, line, "active_from"),
                active_until=register_date(row["active_until"], path, line, "active_until"),
            )
        )
    return tuple(sorted(aliases, key=lambda a: -len(a.alias)))


def claimant_register(reference: Reference | None = None) -> tuple[ClaimantAlias, ...]:
    """The claimant register (``claimants.csv``) of ``reference``'s raw folder (default: the project's)."""
    reference = reference or default()
    return reference.cached("claimants", lambda: read_claimant_register(reference.path("claimants.csv")))


def normalized_claimant(claimant: str) -> str:
    """A claimant's name without glosses, relay tails and generic words: the key when no alias matches.

    >>> normalized_claimant("Malian security source (via RFI)")
    'malian security source'
    >>> normalized_claimant("local elected official (to AFP)")
    'local elected official'
    """
    text = _folded(claimant)
    text = _GLOSS.sub(" ", text)
    text = _RELAY_TAIL.sub(" ", text)
    text = text.split(" / ")[0]
    text = _GENERIC_WORDS.sub(" ", text)
    text = re.sub(r"[^\w\s'-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def claimant_key(
    claimant: str, claimant_type: str = "", on=None, register: tuple[ClaimantAlias, ...] | None = None
) -> tuple[str, str]:
    """(key, basis) of one claimant; see the module docstring.

    >>> claimant_key("separatists (CSP)", "armed_group", pd.Timestamp("2024-08-25"))
    ('CSP', 'register: separatists')
    >>> claimant_key("Malian security source", "military")
    ('malian security source', 'name')
    """
    register = claimant_register() if register is None else register
    text = _RELAY_TAIL.sub(" ", _folded(claimant))
    if not _ANONYMOUS.search(text):
        found = []
        for alias in register:
            match = alias.pattern.search(text)
            if match and alias.applies(str(claimant_type), on):
                found.append((match.start(), -len(alias.alias), alias))
        if found:
            alias = min(found, key=lambda hit: hit[:2])[2]
            return alias.claimant_key, f"register: {alias.alias}"
    return normalized_claimant(claimant), "name"


def claimant_keys(claims: pd.DataFrame, register: tuple[ClaimantAlias, ...] | None = None) -> pd.DataFrame:
    """``claimant_key`` and ``claimant_key_basis`` for every claim (one lookup per distinct claimant, type and date)."""
    register = claimant_register() if register is None else register
    types = claims["claimant_type"].astype("str") if "claimant_type" in claims else pd.Series("", index=claims.index)
    dates = (
        pd.to_datetime(claims["incident_date_start"]) if "incident_date_start" in claims
        else pd.Series(pd.NaT, index=claims.index)
    )
    triples = list(zip(claims["claimant"].astype("str"), types, dates))
    found = {triple: claimant_key(*triple, register=register) for triple in set(triples)}
    keys = [found[triple] for triple in triples]
    return pd.DataFrame(
        {"claimant_key": [k for k, _ in keys], "claimant_key_basis": [b for _, b in keys]}, index=claims.index
    ).astype("str")
