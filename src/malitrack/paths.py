"""Where malitrack's files live, so no caller builds a path by hand.

Notebooks run from ``notebooks/`` in JupyterLab and from anywhere under
papermill (kernels start in the caller's directory), so every path comes from
here. The project root is found from this file's location (the package is
installed in editable/development mode from the repository); the environment
variable ``MALITRACK_HOME`` overrides it, e.g. for tests on a fixture tree.
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("MALITRACK_HOME")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "data" / "raw").is_dir():
            return parent
    cwd = Path.cwd().resolve()
    for parent in (cwd, *cwd.parents):
        if (parent / "pyproject.toml").is_file() and (parent / "data" / "raw").is_dir():
            return parent
    raise RuntimeError(
        "cannot find the malitrack project folder (pyproject.toml beside data/raw/); "
        "install with `pip install -e .` from a checkout, or set MALITRACK_HOME"
    )


def root() -> Path:
    """The project folder (holds pyproject.toml, data/, notebooks/, reports/)."""
    return _find_root()


def raw_dir() -> Path:
    return root() / "data" / "raw"


def raw_claims_dir() -> Path:
    return raw_dir() / "claims"


def raw_geo_dir() -> Path:
    """Boundary files (Mali's regions and outline), read by the map; shipped, never downloaded at run time."""
    return raw_dir() / "geo"


def clean_dir() -> Path:
    return root() / "data" / "clean"


def notebooks_dir() -> Path:
    return root() / "notebooks"


def reports_dir() -> Path:
    return root() / "reports"


def build_dir() -> Path:
    """Executed notebooks (kept for debugging, ignored by git)."""
    return root() / "build"
