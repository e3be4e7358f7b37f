"""The copy of the reference tables and the clean dataset shipped inside the package.

An installed malitrack (``pip install`` of the wheel, no checkout) still needs
the actor aliases, the gazetteer and the incidents register to parse, and the
clean dataset to load, as palmerpenguins and vega_datasets ship their data.
The repository stays the source: ``malitrack clean`` of the checkout's own
``data/raw`` into its ``data/clean`` copies, byte for byte and atomically,

* the files ``malitrack.reference.Reference`` reads (with their provenance
  sidecars and the places README) into ``malitrack/data/raw/``, same layout;
* ``claims.parquet``, ``incidents.parquet``, ``manifest.json`` and
  ``data_dictionary.md`` into ``malitrack/data/clean/``.

A clean of another raw folder, or into another folder, never touches the copy.
``tests/clean/test_package.py`` checks that the copy equals what clean writes.
"""

from __future__ import annotations

from pathlib import Path

from malitrack import paths
from malitrack.atomic import write_bytes_atomic
from malitrack.reference import shipped_files

CLEAN_FILES = ("claims.parquet", "incidents.parquet", "manifest.json", "data_dictionary.md")


def is_package_source(raw_dir: Path, clean_dir: Path) -> bool:
    """True when this run cleans the checkout that holds the package's source, into its data/clean."""
    if not paths.ships_package_data():
        return False
    return Path(raw_dir).resolve() == paths.raw_dir().resolve() and Path(clean_dir).resolve() == paths.clean_dir().resolve()


def package_copies(raw_dir: Path, clean_dir: Path, package_dir: Path) -> dict[Path, Path]:
    """Shipped file -> the file it is a copy of."""
    raw_dir, clean_dir = Path(raw_dir), Path(clean_dir)
    copies = {package_dir / "raw" / source.relative_to(raw_dir): source for source in shipped_files(raw_dir)}
    copies.update({package_dir / "clean" / name: clean_dir / name for name in CLEAN_FILES})
    return copies


def write_package_data(raw_dir: Path, clean_dir: Path, package_dir: Path | None = None) -> list[Path]:
    """Copy the reference tables and clean dataset into the package (see module docstring).

    Files the copy no longer needs are removed, so the package holds exactly
    what ``package_copies`` lists.
    """
    package_dir = Path(package_dir) if package_dir else paths.package_data_dir()
    copies = package_copies(raw_dir, clean_dir, package_dir)
    written = [write_bytes_atomic(target, source.read_bytes()) for target, source in sorted(copies.items())]
    for stale in sorted(p for p in package_dir.rglob("*") if p.is_file() and p not in copies):
        stale.unlink()
    return written
