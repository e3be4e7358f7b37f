"""Load the clean dataset, rebuilding it from ``data/raw/`` when needed.

``data/clean/manifest.json`` records a fingerprint of every raw input and of
the code of the clean step (``malitrack.freshness.input_fingerprint``). When
the files are missing or the fingerprint differs (raw data or cleaning code
changed), the loaders run ``malitrack.clean.run.clean`` first, so a notebook
never shows stale numbers. The loader imports the runner, never the reverse,
and only when it must clean: a report kernel that loads fresh data does not
import pandera.

Which dataset: the project tree's ``data/clean`` when there is a project
(``MALITRACK_HOME``, or the checkout malitrack was installed from); otherwise
(a wheel installed without a checkout) the copy shipped in the package,
``malitrack/data/clean``, as the last ``malitrack clean`` of the repository
wrote it. That copy is never rebuilt: there is no raw tree to rebuild it from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from malitrack import paths
from malitrack.freshness import input_fingerprint


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
    return manifest.get("input_fingerprint") != input_fingerprint(raw_dir, recorded=manifest.get("code_files"))


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
