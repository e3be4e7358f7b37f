"""``malitrack validate`` with no argument: every rule about ``data/raw/`` in one run.

The rules the test suite used to hold are here, so a user who adds a claims
file, a register row or a place can run them before ``make test`` does:

- every CSV has a provenance sidecar that still matches it (``provenance``);
- every claims file reads, and every row passes the clean step's checks after
  the documented corrections (``claims``, ``corrections``);
- every incident key is registered, with a type, a verbatim basis and its
  claim's URL (``register_rules``);
- the gazetteer, its links and the actor register keep their rules
  (``reference_rules``).

Problems are ``file:row:column: reason`` lines that say what to change; exit
status 1 if there is any. Warnings do not fail the run: an unknown place name
(with the closest gazetteer names and how to add one) or an incident without
a place link (it then takes its region from its claims' ``admin_region``).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from malitrack import paths
from malitrack.errors import InputFileError, Problem

ADD_PLACE = (
    "to add it, write a row in data/raw/places/gazetteer_gapfill.csv (place_id, name, variants, kind, cercle, "
    "region_pre2023, admin_source citing the page that places it) and link the incident in "
    "data/raw/places/incident_places_gapfill.csv (incident_key, place_id, role main)"
)


@dataclass
class TreeReport:
    """What ``validate_tree`` found: problems fail the check, warnings do not."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    n_files: int = 0
    n_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _shower(raw_dir: Path):
    """Paths as the user would type them: relative to the working folder when inside it."""
    def show(path) -> str:
        path = Path(path)
        try:
            return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd().resolve()) else str(path)
        except ValueError:
            return str(path)
    return show


def validate_tree(raw_dir: Path | None = None) -> TreeReport:
    """Check the whole raw folder (see module docstring); never raises on bad content."""
    from malitrack.clean.claims import check_claims
    from malitrack.clean.corrections import CORRECTION_COLUMNS, apply_corrections, correction_problems, load_corrections
    from malitrack.clean.provenance import check_sidecar
    from malitrack.clean.readers import read_claims_file
    from malitrack.clean.reference_rules import actor_problems, gazetteer_problems
    from malitrack.clean.register_rules import register_problems, vocabulary_problems

    raw_dir = Path(raw_dir) if raw_dir else paths.raw_dir()
    show = _shower(raw_dir)
    report = TreeReport()
    for path in sorted(raw_dir.rglob("*.csv")):
        report.problems.extend(check_sidecar(path, show(path)))

    frames = []
    claims_dir = raw_dir / "claims"
    for path in sorted(claims_dir.glob("*.csv")):
        try:
            claims_file = read_claims_file(path)
        except InputFileError as error:
            report.problems.append(error.problem)
            continue
        report.warnings.extend(claims_file.warnings)
        frames.append(claims_file.rows)
        report.n_files += 1
    if not frames:
        report.problems.append(Problem(show(claims_dir), None, None, "no claims files (*.csv) in this folder"))
        return report
    rows = pd.concat(frames, ignore_index=True)
    report.n_rows = len(rows)
    where = {path.name: show(path) for path in claims_dir.glob("*.csv")}

    corrections_path = raw_dir / "corrections.csv"
    try:
        corrections = load_corrections(corrections_path)
    except (InputFileError, ValueError) as error:
        message = error.problem if isinstance(error, InputFileError) else Problem(show(corrections_path), None, "source_row", str(error))
        report.problems.append(message)
        corrections = pd.DataFrame(columns=CORRECTION_COLUMNS)
    broken = correction_problems(rows, corrections, Path(show(corrections_path)))
    report.problems.extend(broken)
    applicable = corrections.drop(index=corrections.index[[p.row - 2 for p in broken if p.row]].unique())
    corrected = apply_corrections(rows, applicable, corrections_path)

    _, _, claim_problems = check_claims(corrected)
    report.problems.extend(Problem(where.get(p.file, p.file), p.row, p.column, p.reason) for p in claim_problems)
    register = register_problems(raw_dir, rows, show(raw_dir / "incidents.csv"))
    report.problems.extend(Problem(where.get(p.file, p.file), p.row, p.column, p.reason) for p in register)
    report.problems.extend(vocabulary_problems(raw_dir, show(raw_dir / "incidents.provenance.json")))

    gazetteer, place_ids = gazetteer_problems(raw_dir, show)
    report.problems.extend(gazetteer)
    actors = actor_problems(raw_dir, show)
    report.problems.extend(actors)
    if not gazetteer and not actors:  # the warnings load the tree's Reference, which needs both
        report.warnings.extend(place_warnings(raw_dir, rows, where))
    return report


def place_warnings(raw_dir: Path, rows: pd.DataFrame, where: dict[str, str]) -> list[Problem]:
    """Incidents with no place link whose place names the gazetteer does not know.

    The incident still gets its region from its claims' ``admin_region``; the
    warning gives the closest gazetteer names and how to add the place. Place
    names and links come from ``raw_dir``'s own gazetteer (one raw tree).
    """
    from malitrack.parse.places import load_gazetteer, normalize_place, normalize_region
    from malitrack.parse.gazetteer import place_words as fold
    from malitrack.reference import Reference

    reference = Reference.load(raw_dir)
    linked = set(reference.incident_places["incident_key"])
    spellings = {}
    for row in load_gazetteer(reference=reference).itertuples(index=False):
        for spelling in (row.name, *row.variants.split(" | ")):
            if spelling.strip():
                spellings.setdefault(" ".join(fold(spelling)), f"{row.name} ({row.place_id})")
    warnings = []
    unlinked = rows[~rows["incident_key"].isin(linked)]
    for (key, place, region_text), group in unlinked.groupby(["incident_key", "place", "admin_region"], sort=True):
        first = group.iloc[0]
        file, line = where.get(first["source_file"], first["source_file"]), int(first["source_row"])
        region = normalize_region(region_text, reference=reference)
        if normalize_place(place, admin1=region[0] if region else None, reference=reference).resolved:
            warnings.append(Problem(file, line, "place", f"incident {key!r} has no place link: its place is known, so link it in "
                                    "data/raw/places/incident_places_gapfill.csv (incident_key, place_id, role main) "
                                    "to give it coordinates; until then its region comes from its claims"))
            continue
        close = difflib.get_close_matches(" ".join(fold(place)), list(spellings), n=3, cutoff=0.6)
        names = "; ".join(dict.fromkeys(spellings[c] for c in close)) or "none"
        warnings.append(Problem(file, line, "place", f"place {place!r} is not in the gazetteer (closest: {names}); "
                                f"incident {key!r} takes its region from its claims' admin_region; {ADD_PLACE}"))
    return warnings
