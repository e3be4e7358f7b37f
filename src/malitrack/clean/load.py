"""Load the clean dataset, rebuilding it from ``data/raw/`` when needed.

``data/clean/manifest.json`` records a fingerprint of every raw input and of
the package code that made the clean files. When the files are missing or the
fingerprint differs (raw data or cleaning code changed), the loaders run
``malitrack.clean.run.clean`` first, so a notebook never shows stale numbers.

Which dataset: the project tree's ``data/clean`` when there is a project
(``MALITRACK_HOME``, or the checkout malitrack was installed from); otherwise
(a wheel installed without a checkout) the copy shipped in the package,
``malitrack/data/clean``, as the last ``malitrack clean`` of the repository
wrote it. That copy is never rebuilt: there is no raw tree to rebuild it from.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from malitrack import paths


def input_fingerprint(raw_dir: Path | None = None) -> str:
    """SHA-256 over every raw input and the package's code: changes when the clean output could.

    Kept here, free of pandera, because every report kernel checks it.
    """
    raw_dir = Path(raw_dir) if raw_dir else paths.raw_dir()
    digest = hashlib.sha256()
    files = sorted(p for p in raw_dir.rglob("*") if p.is_file() and p.suffix in {".csv", ".json"})
    code = sorted(Path(__file__).parent.parent.rglob("*.py"))
    for path in [*files, *code]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _manifest(clean_dir: Path) -> dict | None:
    try:
        return json.loads((clean_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_stale(clean_dir: Path | None = None, raw_dir: Path | None = None) -> bool:
    """True when ``data/clean/`` is missing or was not built from the current inputs."""
    clean_dir = Path(clean_dir) if clean_dir else paths.clean_dir()
    manifest = _manifest(clean_dir)
    if manifest is None:
        return True
    if any(not (clean_dir / f"{name}.parquet").exists() for name in ("claims", "incidents")):
        return True
    return manifest.get("input_fingerprint") != input_fingerprint(raw_dir)


def ensure_clean(clean_dir: Path | None = None) -> Path:
    """Build ``data/clean/`` if it is missing or stale; return its folder."""
    clean_dir = Path(clean_dir) if clean_dir else paths.clean_dir()
    if is_stale(clean_dir):
        from malitrack.clean.run import clean

        clean(clean_dir=clean_dir)
    return clean_dir


def dataset_dir() -> Path:
    """The folder the loaders read: the project's ``data/clean`` (rebuilt if stale), else the package copy."""
    if paths.find_root() is None:
        return paths.package_clean_dir()
    return ensure_clean()


def load_claims() -> pd.DataFrame:
    """The clean claims (see ``data_dictionary.md``), from ``dataset_dir()``."""
    return pd.read_parquet(dataset_dir() / "claims.parquet")


def load_incidents() -> pd.DataFrame:
    """The clean incidents, one row per incident, from ``dataset_dir()``."""
    return pd.read_parquet(dataset_dir() / "incidents.parquet")


def data_version() -> str:
    """Short hash of the clean claims and incidents: cite it beside every number."""
    manifest = _manifest(dataset_dir())
    return manifest["data_version"]
