"""What a claim's figure covers and how far to trust its attribution: flag columns from the coders' notes.

The coders write in the ``note`` column what a figure covers ("scope: Aklaz
only", "initial exchange of fire on 27 March, separate from executions"),
whether it adds several incidents ("aggregate", "do not add", "cumulative"),
where it sits among the claimant's tolls ("provisional", "first toll",
"revised", "bilan définitif"), whether the outlet got it wrong (in capitals:
"ATTRIBUTION DRIFT", "MISATTRIBUTION") and whether it is a later article's
background mention. These decide what counts toward a toll, so they are read
here, once, into documented columns of ``data/clean/claims.csv`` (see
``schemas.CleanClaims``), and ``flags_basis`` keeps the words each flag was
read from: a reader in R or a spreadsheet can reproduce every toll and check
every flag.

Rules (each a regular expression over the note, and for ``aggregate`` and
``report_stage`` also the claimant's label, e.g. "local communities
(cumulative tolls, via RFI)", "Malian government (provisional, ...)"):

- ``scope``: ``whole``, or the words that say which part the figure covers:
  a "scope: ... only" clause, a clause "... separate from ...", or a short
  clause ending in "only" ("first strike only", "Bamba only"; not "vague
  only" nor "date of abduction from this page only").
- ``aggregate``: "aggregate", "do not add", "cumulative", "combined total",
  "both attacks combined" (not "aggregate, not coded", which says the
  aggregate was left out).
- ``report_stage`` (when several match: final, then revised, then first,
  then provisional): ``first`` ("first toll", "initial" but not "initial
  exchange of fire" or "initial fighting", "premier bilan",
  "earlier toll", "later revised/cut/raised", "superseded"), ``provisional``
  ("provisional", "provisoire", "preliminary"), ``revised`` ("revised",
  "updated", "dernier bilan"), ``final`` ("final toll", "bilan définitif"),
  else ``unmarked``. A row "superseded" by another is never revised or final.
- ``drift``: an outlet's rewriting error (who said what, how many, where,
  how), flagged in capitals ("DRIFT", "INCONSISTENT ATTRIBUTION",
  "MISATTRIBUTION", "MIS-TRANSCRIPTION") or "outlet attributes".
- ``background``: "background" (a later article restating an old toll).
- ``secondhand``: the page is a copy of another outlet's story: an
  encyclopedia copy or aggregator in ``data/raw/source_notes.csv``, or an
  outlet or claimant named as a rewrite, translation, copy or Wikipedia page.
"""

from __future__ import annotations

import re

import pandas as pd

from malitrack.reference import Reference, default
from malitrack.clean.sources import load_source_notes, sources_register
from malitrack.vocab import WHOLE_SCOPE


FLAG_COLUMNS = ("scope", "aggregate", "report_stage", "drift", "background", "secondhand", "flags_basis")

PARTIAL_SCOPE = re.compile(
    r"scope:[^;]*\bonly\b[^;]*"
    r"|[^;]*\bseparate from\b[^;]*"
    r"|(?:^|(?<=;))\s*(?!(?:vague|date)\b)[^;'()]{1,40}?\bonly(?=\s*(?:;|$))",
    re.IGNORECASE,
)
AGGREGATE = re.compile(
    r"\baggregate\b(?!, not coded)|\bdo not add\b|both attacks combined|\bcumulative\b|\bcombined total\b",
    re.IGNORECASE,
)
BACKGROUND = re.compile(r"\bbackground\b", re.IGNORECASE)
DRIFT = re.compile(r"DRIFT\b|INCONSISTENT ATTRIBUTION|MISATTRIBUTION|MIS-TRANSCRIPTION|\boutlet attributes\b")
FIRST_STAGE = re.compile(
    r"\bfirst (?:\w+ )?(?:toll|figure|report)\b|\binitial\b(?! (?:exchange|fighting))|\bearlier toll\b|\bsuperseded\b"
    r"|\blater (?:cut|revised|raised|lowered|\d)|\bpremier bilan\b",
    re.IGNORECASE,
)
PROVISIONAL_STAGE = re.compile(r"\b(?:provisional|provisoire|preliminary)\b", re.IGNORECASE)
FINAL_STAGE = re.compile(r"\bfinal (?:toll|count|figure)\b|\(final\b|\bbilan définitif\b", re.IGNORECASE)
REVISED_STAGE = re.compile(r"\brevised\b|\brevision\b|\bupdated\b|\bdernier bilan\b", re.IGNORECASE)
SUPERSEDED = re.compile(r"\bsuperseded\b", re.IGNORECASE)
SECONDHAND_NAME = re.compile(
    r"\brewrite\b|\brewritten\b|\btranslat(?:ion|ed)\b|\bcopy\b|\bwikipedia\b|\binfobox\b", re.IGNORECASE
)
SECONDHAND_SOURCE_KINDS = ("encyclopedia_copy", "aggregator")


def _words(pattern: re.Pattern, text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).strip() if match else None


def _one_claim(note: str, claimant: str, outlet: str, source_kind: str) -> tuple:
    """The flags of one claim and the words they were read from."""
    basis = []
    part = _words(PARTIAL_SCOPE, note)
    scope = part.removeprefix("scope:").strip() if part else WHOLE_SCOPE
    if part:
        basis.append(f"scope: note '{part}'")
    aggregate_words = _words(AGGREGATE, note) or _words(AGGREGATE, claimant)
    if aggregate_words:
        basis.append(f"aggregate: '{aggregate_words}'")
    labels = f"{note} {claimant}"
    stage = "unmarked"
    # later rules win: a "first toll" later "revised" is the revised row; "superseded" is never revised
    for name, pattern in (("provisional", PROVISIONAL_STAGE), ("first", FIRST_STAGE), ("revised", REVISED_STAGE), ("final", FINAL_STAGE)):
        words = _words(pattern, labels)
        if words and not (name in ("final", "revised") and SUPERSEDED.search(note)):
            stage = name
            stage_words = words
    if stage != "unmarked":
        basis.append(f"report_stage: '{stage_words}'")
    drift_words = _words(DRIFT, note)
    if drift_words:
        basis.append(f"drift: note '{drift_words}'")
    background_words = _words(BACKGROUND, note)
    if background_words:
        basis.append("background: note 'background'")
    secondhand = source_kind in SECONDHAND_SOURCE_KINDS
    if secondhand:
        basis.append(f"secondhand: source_notes.csv '{source_kind}'")
    else:
        name_words = _words(SECONDHAND_NAME, outlet) or _words(SECONDHAND_NAME, claimant)
        if name_words:
            secondhand = True
            basis.append(f"secondhand: '{name_words}'")
    return scope, aggregate_words is not None, stage, drift_words is not None, background_words is not None, secondhand, "; ".join(basis) or None


def claim_flags(claims: pd.DataFrame, source_kinds: pd.Series | None = None) -> pd.DataFrame:
    """The flag columns (see the module docstring) for every claim.

    ``source_kinds`` is each claim's page kind from the sources register
    (``outlet``, ``encyclopedia_copy``, ``aggregator``); absent, only the
    outlet's and claimant's words can mark a claim secondhand.

    >>> row = {"claimant": "UN OHCHR", "outlet": "PressAfrik (AFP)",
    ...        "note": "initial exchange of fire on 27 March, separate from executions"}
    >>> claim_flags(pd.DataFrame([row]))[["scope", "aggregate", "report_stage"]].values.tolist()
    [['initial exchange of fire on 27 March, separate from executions', False, 'unmarked']]
    """
    def text(column: str) -> pd.Series:
        if column not in claims:
            return pd.Series("", index=claims.index)
        return claims[column].astype(object).where(claims[column].notna(), "").astype(str)

    kinds = source_kinds.astype(object).fillna("outlet").astype(str) if source_kinds is not None else pd.Series("outlet", index=claims.index)
    keys = list(zip(text("note"), text("claimant"), text("outlet"), kinds))
    found = {key: _one_claim(*key) for key in set(keys)}
    rows = [found[key] for key in keys]
    flags = pd.DataFrame(rows, index=claims.index, columns=list(FLAG_COLUMNS))
    for column in ("aggregate", "drift", "background", "secondhand"):
        flags[column] = flags[column].astype(bool)
    for column in ("scope", "report_stage", "flags_basis"):
        flags[column] = flags[column].astype(object).astype("str")
    return flags


def page_kinds(claims: pd.DataFrame, reference: Reference | None = None) -> pd.Series:
    """Each claim's page kind from the sources register (``source_notes.csv`` of ``reference``'s raw folder)."""
    reference = reference or default()
    register = sources_register(claims, reference.cached("source_notes", lambda: load_source_notes(reference.source)))
    kinds = register.set_index(["outlet", "url"])["source_kind"]
    keys = pd.MultiIndex.from_arrays([claims["outlet"], claims["url"]])
    return pd.Series(kinds.reindex(keys).to_numpy(), index=claims.index)
