"""Rules of the hand-made reference files: the gazetteer and its links, the actor register.

Each rule is a problem a user can run (``malitrack validate``), with the
file, row and column and what to change; the loaders in ``malitrack.parse``
stop at the first broken row, these checks list them all.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

from malitrack.errors import Problem
from malitrack.parse.gazetteer import CANONICAL_REGIONS, MALI_LATITUDE, MALI_LONGITUDE
from malitrack.reference import (
    ALIAS_COLUMNS,
    GAZETTEER_COLUMNS,
    GAZETTEER_FILES,
    LINK_COLUMNS,
    LINK_FILES,
    LINK_ROLES,
    VARIANT_COLUMNS,
    VARIANT_FILE,
)


def _rows(path: Path, columns, shown: str, problems: list[Problem]) -> list[tuple[int, dict]]:
    """(line, row) pairs of a reference CSV; a missing column is one problem and no rows."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            problems.append(Problem(shown, 1, None, f"missing column(s) {', '.join(missing)}; expected {', '.join(columns)}"))
            return []
        return [(line, row) for line, row in enumerate(reader, start=2)]


def gazetteer_problems(raw_dir: Path, show) -> tuple[list[Problem], set[str]]:
    """(problems, place ids) of the gazetteer files, the variants and the incident links."""
    places_dir = raw_dir / "places"
    problems: list[Problem] = []
    defined: dict[str, str] = {}
    for name in GAZETTEER_FILES:
        path = places_dir / name
        if not path.exists():
            if name == GAZETTEER_FILES[0]:
                problems.append(Problem(show(path), None, None, "file not found: the gazetteer is required"))
            continue
        shown = show(path)
        for line, row in _rows(path, GAZETTEER_COLUMNS, shown, problems):
            place_id = row["place_id"]
            if place_id in defined:
                problems.append(Problem(shown, line, "place_id", f"place_id {place_id!r} already defined in {defined[place_id]}: pick another id"))
            defined.setdefault(place_id, f"{path.name}:{line}")
            region = row["region_pre2023"]
            if region and region not in CANONICAL_REGIONS:
                problems.append(Problem(shown, line, "region_pre2023", f"{region!r} is not a pre-2023 region: use one of {', '.join(CANONICAL_REGIONS)}"))
            if (region or row["cercle"]) and not row["admin_source"].strip():
                problems.append(Problem(shown, line, "admin_source", "cercle or region given without admin_source: cite the page that places it"))
            if row["latitude"] or row["longitude"]:
                problems.extend(_coordinate_problems(row, shown, line))
    for path in [places_dir / VARIANT_FILE] + [places_dir / name for name in LINK_FILES]:
        if not path.exists():
            continue
        shown = show(path)
        columns = VARIANT_COLUMNS if path.name == VARIANT_FILE else LINK_COLUMNS
        linked = set()
        for line, row in _rows(path, columns, shown, problems):
            if row["place_id"] not in defined:
                problems.append(Problem(shown, line, "place_id", f"unknown place_id {row['place_id']!r}: add the place to "
                                        "data/raw/places/gazetteer_gapfill.csv first, or use an existing id"))
            if columns is LINK_COLUMNS:
                if row["role"] not in LINK_ROLES:
                    problems.append(Problem(shown, line, "role", f"role {row['role']!r}: use main or also"))
                pair = (row["incident_key"], row["place_id"])
                if pair in linked:
                    problems.append(Problem(shown, line, "place_id", f"incident {pair[0]!r} is linked to {pair[1]!r} twice: delete one"))
                linked.add(pair)
    return problems, set(defined)


def _coordinate_problems(row: dict, shown: str, line: int) -> list[Problem]:
    try:
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
    except ValueError:
        return [Problem(shown, line, "latitude", "latitude and longitude must both be decimal degrees (e.g. 16.27, -0.04)")]
    problems = []
    if not (MALI_LATITUDE[0] <= latitude <= MALI_LATITUDE[1] and MALI_LONGITUDE[0] <= longitude <= MALI_LONGITUDE[1]):
        problems.append(Problem(shown, line, "latitude", f"({latitude}, {longitude}) is outside Mali: check the order and the signs (west is negative)"))
    if not row["coord_source"].strip():
        problems.append(Problem(shown, line, "coord_source", "coordinates without coord_source: cite the page or UCDP event they come from"))
    return problems


def actor_problems(raw_dir: Path, show) -> list[Problem]:
    """The alias table against the actors register of its sidecar."""
    from malitrack.parse.actors import KINDS, RUSSIAN_HANDOVER, fold

    path = raw_dir / "actor_aliases.csv"
    meta_path = raw_dir / "actor_aliases.provenance.json"
    if not path.exists() or not meta_path.exists():
        return [Problem(show(path), None, None, "file or its sidecar not found: the actor register is required")]
    shown, meta_shown = show(path), show(meta_path)
    problems: list[Problem] = []
    register = {entry["name"]: entry for entry in json.loads(meta_path.read_text(encoding="utf-8")).get("actors", [])}
    kinds = {f"kind:{kind}" for kind in KINDS}
    for name, entry in register.items():
        if entry.get("kind") not in KINDS:
            problems.append(Problem(meta_shown, None, "actors", f"actor {name!r} has kind {entry.get('kind')!r}: use one of {', '.join(KINDS)}"))
        for rule in entry.get("subsumed_by", []):
            if not (rule == "*" or rule in kinds or rule in register):
                problems.append(Problem(meta_shown, None, "actors", f"actor {name!r}: subsumed_by {rule!r} is no actor, kind:<kind> or '*'"))
        for field in ("predecessors", "successors"):
            for other in entry.get(field, []):
                if other not in register:
                    problems.append(Problem(meta_shown, None, "actors", f"actor {name!r}: {field} names unknown actor {other!r}"))
        if entry.get("part_of") not in (None, *register):
            problems.append(Problem(meta_shown, None, "actors", f"actor {name!r}: part_of names unknown actor {entry['part_of']!r}"))
        dated = entry.get("active_from") or entry.get("active_until") or entry.get("predecessors")
        if dated and not entry.get("sources"):
            problems.append(Problem(meta_shown, None, "actors", f"actor {name!r} has dates or lineage but no sources: cite a page (url, says)"))
        for source in entry.get("sources", []):
            if not (str(source.get("url", "")).startswith("http") and source.get("says")):
                problems.append(Problem(meta_shown, None, "actors", f"actor {name!r}: every source needs an http(s) url and what it 'says'"))
    mapping = json.loads(meta_path.read_text(encoding="utf-8")).get("date_aware_mapping", {})
    if mapping and mapping.get("switch_date") != RUSSIAN_HANDOVER.isoformat():
        problems.append(Problem(meta_shown, None, "date_aware_mapping", f"switch_date {mapping.get('switch_date')!r} is not the date the code "
                                f"switches on (malitrack.parse.actors.RUSSIAN_HANDOVER = {RUSSIAN_HANDOVER.isoformat()}): change both together"))
    targets = defaultdict(dict)
    aliased = set()
    for line, row in _rows(path, ALIAS_COLUMNS, shown, problems):
        aliased.add(row["actor"])
        if row["actor"] not in register:
            problems.append(Problem(shown, line, "actor", f"actor {row['actor']!r} is not in the register: add it to 'actors' in "
                                    f"{meta_path.name} (name, kind, description) or use an existing name"))
        if not fold(row["alias"]) or not row["language"].strip():
            problems.append(Problem(shown, line, "alias", "alias and language are required"))
            continue
        if row["case_sensitive"] not in ("", "yes"):
            problems.append(Problem(shown, line, "case_sensitive", "write 'yes' or leave empty"))
        sensitive = row["case_sensitive"] == "yes"
        key = (fold(row["alias"]) if sensitive else fold(row["alias"]).casefold(), sensitive)
        for actor, first in targets[key].items():
            if actor != row["actor"]:
                problems.append(Problem(shown, line, "alias", f"alias {row['alias']!r} already maps to {actor!r} on line {first}: one alias, one actor"))
        targets[key].setdefault(row["actor"], line)
    for name in sorted(set(register) - aliased):
        problems.append(Problem(meta_shown, None, "actors", f"actor {name!r} has no alias in {path.name}: add at least its own name"))
    return problems
