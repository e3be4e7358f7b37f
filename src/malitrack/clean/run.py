"""The clean step: ``data/raw/`` -> ``data/clean/``, with nothing lost.

Method, in order:

1. **Read** every ``data/raw/claims/*.csv`` as text (``malitrack.clean.readers``),
   each row tagged with its file and line number.
2. **Correct** the rows listed in ``data/raw/corrections.csv`` (a documented
   file; the raw files are never edited). A correction names the file, line,
   column, the value it expects to find and the value to use, with a reason;
   if the raw value differs from what the correction expects, the run stops
   (the correction no longer applies to what it was written for).
3. **Validate the raw text** lazily (``schemas.RawClaims``): vocabularies,
   URLs, slugs, spreadsheet formulas and HTML in text fields, negative figures,
   rows whose field count is wrong.
4. **Parse** the rows that passed with the cleaning functions: figures into
   intervals, dates with their precision, victim labels, actors, regions.
   Parsing never raises; what it does not understand is marked.
5. **Validate the parsed rows** lazily (``schemas.CleanClaims``): figures and
   dates understood, low <= best <= high, not published before the incident,
   incident in the register, claim id unique.
6. Rows failing 3 or 5 go to ``quarantine.csv`` with file, line, column and
   reason (one quarantine row per raw row, all its reasons joined); the rest
   are the clean claims. ``raw rows == clean rows + quarantined rows`` is
   asserted on every run.
7. **Derive incidents** from the clean claims, the incidents register and the
   gazetteer, and write everything atomically, byte-identical across runs.

One raw tree per run: the actor aliases, the gazetteer and the incidents
register come from the same ``raw_dir`` as the claims, read once into a
``malitrack.reference.Reference`` that is passed to every step. A clean of the
checkout's own data also refreshes the copy shipped in the package
(``malitrack.clean.package``).

Actors are dated: Russian personnel named without a group ("mercenaires
russes") are resolved by ``normalize_actors(text, on=incident start)`` to the
Wagner Group before 6 June 2025 and to Africa Corps after (see
``data/raw/actor_aliases.provenance.json``); named groups are never renamed.

Claim ids are ``<incident>#<10 hex digits>`` of a SHA-256 over the raw row's
values (not its file or line), so they survive reordering and moving rows
between files, and two identical rows get the same id (the second is a
duplicate and is quarantined).
"""

from __future__ import annotations

from pathlib import Path

from malitrack import paths
from malitrack.clean.claims import check_claims
from malitrack.clean.corrections import apply_corrections, load_corrections
from malitrack.clean.incidents import derive_incidents, incident_admin1_from_places, incident_register
from malitrack.clean.package import is_package_source, write_package_data
from malitrack.clean.readers import read_claims_file, read_claims_files
from malitrack.clean.write import CleanResult, write_clean
from malitrack.errors import InputFileError, Problem
from malitrack.reference import Reference


def raw_claims_paths(raw_dir: Path | None = None) -> list[Path]:
    """The raw claims files, in a fixed order (sorted by name)."""
    folder = (Path(raw_dir) if raw_dir else paths.raw_dir()) / "claims"
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise InputFileError(folder, "no claims files (*.csv) in this folder")
    return files


def clean(raw_dir: Path | None = None, clean_dir: Path | None = None, write: bool = True) -> CleanResult:
    """Run the clean step (see module docstring) and write ``data/clean/``.

    Everything comes from ``raw_dir`` (default: the project's ``data/raw``):
    claims, corrections, actor aliases, gazetteer, incidents register.
    """
    raw_dir = Path(raw_dir) if raw_dir else paths.raw_dir()
    clean_dir = Path(clean_dir) if clean_dir else paths.clean_dir()
    rows, warnings = read_claims_files(raw_claims_paths(raw_dir))
    corrections_path = raw_dir / "corrections.csv"
    rows = apply_corrections(rows, load_corrections(corrections_path), corrections_path)
    reference = Reference.load(raw_dir)
    register = incident_register(reference)
    claims, quarantine, _ = check_claims(
        rows, register["incident_id"], incident_admin1_from_places(rows["incident_key"], reference), reference
    )
    incidents = derive_incidents(claims, register, reference)
    result = CleanResult(claims, incidents, quarantine, warnings, n_raw=len(rows))
    if write:
        write_clean(result, clean_dir, raw_dir)
        if is_package_source(raw_dir, clean_dir):
            result.written += write_package_data(raw_dir, clean_dir)
    return result


def validate_claims_file(path, raw_dir: Path | None = None) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) for a user's claims file; no problems = valid.

    Uses the same checks as ``clean``, against the incidents register, actor
    aliases and gazetteer of ``raw_dir`` (default: the project's, else the copy
    shipped in the package). File-level problems (missing file, missing
    columns) raise ``InputFileError``.
    """
    raw_dir = Path(raw_dir) if raw_dir else paths.reference_raw_dir()
    claims_file = read_claims_file(path)
    reference = Reference.load(raw_dir)
    register = incident_register(reference)
    _, _, problems = check_claims(claims_file.rows, register["incident_id"], reference=reference)
    problems = [Problem(str(path), p.row, p.column, p.reason) for p in problems]
    return problems, claims_file.warnings

