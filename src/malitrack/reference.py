"""The reference tables of one raw tree, read together: actors, gazetteer, incidents.

Why one object
--------------
Parsing a claim needs tables besides the claim: the actor register and its
aliases (who "GSIM" is), the gazetteer (where "Amassine" is) and the
incidents register. A clean run must take all of them from the raw tree it
cleans, or ``malitrack clean --raw OTHER`` would mix OTHER's claims with the
project's actors and places. So the tables are read here, from ONE folder,
into one frozen ``Reference`` that the clean step passes explicitly to every
parse function. Nothing is read behind the caller's back: a second folder is a
second ``Reference``, and tests need no cache clearing.

What is read (paths relative to the raw folder)
-----------------------------------------------
* ``actor_aliases.csv`` and the actors register in its sidecar
  ``actor_aliases.provenance.json`` (see ``malitrack.parse.actors``);
* ``places/``: ``gazetteer.csv`` and, when present, ``gazetteer_regions.csv``,
  ``gazetteer_gapfill.csv``, ``place_variants.csv``, ``incident_places.csv``,
  ``incident_places_gapfill.csv`` (see ``malitrack.parse.places``);
* ``incidents.csv``, the incidents register, as text (``malitrack.clean``
  validates it against its schema);
* the registers ``claimants.csv``, ``actor_membership.csv`` and
  ``source_notes.csv``, read by the modules that use them through
  ``Reference.cached``, so they too come from the one folder.

Structural faults (a missing column, a duplicate place id, an alias of an
actor the register does not know, a link to an unknown place) raise
``InputFileError`` naming the file, row and column.

Where the default comes from
----------------------------
``default()`` is the Reference of the project tree (``MALITRACK_HOME``, or the
checkout this package was installed from) when there is one, else the copy
shipped inside the package (``malitrack/data/raw/``, written by ``malitrack
clean``), so an installed ``normalize_actors("GSIM")`` works without a
checkout. This module sits beside ``paths`` at the bottom of the package: it
imports nothing of malitrack but ``paths`` and ``errors``, so the parse
functions can fall back on ``default()`` without an import cycle.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from malitrack import paths
from malitrack.errors import InputFileError

KINDS = ("state", "foreign_state", "pmc", "jihadist", "rebel", "militia", "un", "unknown")

ALIASES_FILE = "actor_aliases.csv"
ACTORS_REGISTER_FILE = "actor_aliases.provenance.json"
INCIDENTS_FILE = "incidents.csv"
PLACES_DIR = "places"
GAZETTEER_FILES = ("gazetteer.csv", "gazetteer_regions.csv", "gazetteer_gapfill.csv")
VARIANT_FILE = "place_variants.csv"
LINK_FILES = ("incident_places.csv", "incident_places_gapfill.csv")
# registers read by the clean step and the analysis through ``Reference.cached`` (each optional)
REGISTER_FILES = ("claimants.csv", "actor_membership.csv", "source_notes.csv")

ALIAS_COLUMNS = ("actor", "alias", "language", "case_sensitive", "note")
GAZETTEER_COLUMNS = (
    "place_id",
    "name",
    "variants",
    "kind",
    "commune",
    "cercle",
    "region_pre2023",
    "region_post2023",
    "latitude",
    "longitude",
    "coord_precision",
    "coord_source",
    "admin_source",
    "note",
)
LINK_COLUMNS = ("incident_key", "place_id", "role", "note")
VARIANT_COLUMNS = ("place_id", "variant", "source", "note")
LINK_ROLES = ("main", "also")


@dataclass(frozen=True)
class Actor:
    """One canonical actor of the register."""

    name: str
    kind: str
    subsumed_by: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Reference:
    """The reference tables of one raw folder (see the module docstring).

    Two References are equal only if they are the same object: each carries
    the lookups built from its own tables (``cached``).
    """

    source: Path
    actor_register: Mapping[str, Actor]
    actor_aliases: pd.DataFrame
    gazetteer: pd.DataFrame
    incident_places: pd.DataFrame
    incidents: pd.DataFrame
    _lookups: dict = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def load(cls, raw_dir: Path | str) -> Reference:
        """Read every reference table from ``raw_dir`` (a ``data/raw`` folder)."""
        raw_dir = Path(raw_dir)
        register = _read_actor_register(raw_dir / ACTORS_REGISTER_FILE)
        gazetteer = _read_gazetteer(raw_dir / PLACES_DIR)
        return cls(
            source=raw_dir,
            actor_register=MappingProxyType(register),
            actor_aliases=_read_aliases(raw_dir / ALIASES_FILE, register),
            gazetteer=gazetteer,
            incident_places=_read_links(raw_dir / PLACES_DIR, gazetteer),
            incidents=_read_incidents(raw_dir / INCIDENTS_FILE),
        )

    def path(self, name: str) -> Path:
        """Where one of the tables was read from (for error messages)."""
        return self.source / name

    def cached(self, key: str, build: Callable[[], object]):
        """The lookup ``key`` built from these tables (compiled patterns, indexes), built once.

        The parse functions keep what they derive here, so it lives and dies
        with this Reference and can never be stale for another raw folder.
        """
        if key not in self._lookups:
            self._lookups[key] = build()
        return self._lookups[key]


# ---------------------------------------------------------------- reading


def _read_actor_register(path: Path) -> dict[str, Actor]:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["actors"]
    except (OSError, KeyError, json.JSONDecodeError) as exc:
        raise InputFileError(path, f"cannot read the actors register: {exc}") from exc
    register = {}
    for entry in entries:
        if entry["kind"] not in KINDS:
            raise InputFileError(path, f"actor {entry['name']!r} has unknown kind {entry['kind']!r}")
        register[entry["name"]] = Actor(entry["name"], entry["kind"], tuple(entry.get("subsumed_by", ())))
    return register


def _read_aliases(path: Path, register: Mapping[str, Actor]) -> pd.DataFrame:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(path, f"cannot read the alias table: {exc}") from exc
    for line, row in enumerate(rows, start=2):
        if row.get("actor") not in register:
            raise InputFileError(path, f"actor {row.get('actor')!r} is not in the register", row=line, column="actor")
        if not re.sub(r"[\W_]+", "", row.get("alias") or ""):
            raise InputFileError(path, "empty alias", row=line, column="alias")
    return pd.DataFrame(rows, columns=list(ALIAS_COLUMNS))


def _read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """A reference CSV as text, with ``source_file`` and ``source_row`` (header = row 1)."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputFileError(path, f"cannot read as UTF-8 CSV: {exc}") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputFileError(path, f"missing column(s) {', '.join(missing)}", row=1)
    frame = frame.loc[:, list(columns)].copy()
    frame["source_file"] = path.name
    frame["source_row"] = range(2, len(frame) + 2)
    return frame


def _first_bad(frame: pd.DataFrame, bad: pd.Series, folder: Path, column: str, reason: str) -> None:
    """Raise for the first row flagged ``bad``, naming its file, row and column."""
    if bad.any():
        row = frame[bad].iloc[0]
        raise InputFileError(
            folder / row["source_file"], reason.format(value=row[column]), row=int(row["source_row"]), column=column
        )


def _present(folder: Path, names: tuple[str, ...]) -> list[Path]:
    """The first file must exist; the files added to it are read when present."""
    return [folder / name for name in names if name == names[0] or (folder / name).exists()]


def _read_gazetteer(folder: Path) -> pd.DataFrame:
    """Every gazetteer row, extra spellings from place_variants.csv appended to ``variants``."""
    frames = [_read_csv(path, GAZETTEER_COLUMNS) for path in _present(folder, GAZETTEER_FILES)]
    gazetteer = pd.concat(frames, ignore_index=True)
    _first_bad(gazetteer, gazetteer["place_id"].duplicated(keep="first"), folder, "place_id",
               "place_id {value!r} already defined")
    variant_path = folder / VARIANT_FILE
    if variant_path.exists():
        extra = _read_csv(variant_path, VARIANT_COLUMNS)
        _first_bad(extra, ~extra["place_id"].isin(gazetteer["place_id"]), folder, "place_id",
                   "unknown place_id {value!r}")
        added = extra.groupby("place_id")["variant"].agg(" | ".join)
        has_extra = gazetteer["place_id"].isin(added.index)
        gazetteer.loc[has_extra, "variants"] = (
            gazetteer.loc[has_extra, "variants"] + " | " + gazetteer.loc[has_extra, "place_id"].map(added)
        )
    return gazetteer


def _read_links(folder: Path, gazetteer: pd.DataFrame) -> pd.DataFrame:
    """Incident -> place links, each to a known place with a known role."""
    links = pd.concat([_read_csv(path, LINK_COLUMNS) for path in _present(folder, LINK_FILES)], ignore_index=True)
    _first_bad(links, ~links["place_id"].isin(gazetteer["place_id"]), folder, "place_id", "unknown place_id {value!r}")
    _first_bad(links, ~links["role"].isin(LINK_ROLES), folder, "role", "unknown role {value!r}")
    return links


def _read_incidents(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise InputFileError(path, "file not found (the incidents register)")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputFileError(path, f"cannot read as UTF-8 CSV: {exc}") from exc


# ---------------------------------------------------------------- the default


def shipped_files(raw_dir: Path) -> list[Path]:
    """The files of ``raw_dir`` a Reference reads, with their provenance sidecars and README.

    This is what the package ships (``paths.package_raw_dir()``), so an
    installed malitrack can build the same Reference without a checkout.
    """
    tables = tables_read(raw_dir)
    sidecars = [p.with_suffix(".provenance.json") for p in tables if p.suffix == ".csv"]
    readme = raw_dir / PLACES_DIR / "README.md"
    return sorted({p for p in [*tables, *sidecars, readme] if p.exists()})


def tables_read(raw_dir: Path) -> list[Path]:
    """The files ``Reference.load(raw_dir)`` reads."""
    places = raw_dir / PLACES_DIR
    tables = [raw_dir / ALIASES_FILE, raw_dir / ACTORS_REGISTER_FILE, raw_dir / INCIDENTS_FILE]
    return (
        tables + _present(raw_dir, REGISTER_FILES)
        + _present(places, GAZETTEER_FILES + (VARIANT_FILE,)) + _present(places, LINK_FILES)
    )


def _stat(path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


@lru_cache(maxsize=8)
def _watched_files(raw_dir: Path, folders: tuple) -> tuple[str, ...]:
    return tuple(map(str, tables_read(raw_dir)))


def _stamp(raw_dir: Path) -> tuple:
    """Size and modification time of the folders and of every file read: a change means re-read.

    A file added or removed changes its folder's time, and so the list of files watched.
    """
    folders = (_stat(raw_dir), _stat(os.path.join(raw_dir, PLACES_DIR)))
    return folders, tuple(_stat(path) for path in _watched_files(raw_dir, folders))


@lru_cache(maxsize=4)
def _load_unchanged(raw_dir: Path, stamp: tuple) -> Reference:
    return Reference.load(raw_dir)


def default() -> Reference:
    """The Reference notebooks and plain calls use.

    The project tree's ``data/raw`` (``MALITRACK_HOME``, or the checkout) when
    there is one, else the copy shipped in the package. Read once, and read
    again when one of its files changes.

    >>> default().actor_register["JNIM"].kind
    'jihadist'
    """
    raw_dir = paths.reference_raw_dir()
    return _load_unchanged(raw_dir, _stamp(raw_dir))
