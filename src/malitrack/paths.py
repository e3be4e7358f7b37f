"""Where malitrack's files live, so no caller builds a path by hand.

Notebooks run from ``notebooks/`` in JupyterLab and from anywhere under
papermill (kernels start in the caller's directory), so every path comes from
here. The project root is found from this file's location (the package is
installed in editable/development mode from the repository); the environment
variable ``MALITRACK_HOME`` overrides it, e.g. for tests on a fixture tree.

An installed malitrack (a wheel, no checkout) has no project folder: the
reference tables and the clean dataset then come from the copy shipped inside
the package (``package_raw_dir``, ``package_clean_dir``), which ``malitrack
clean`` writes from the checkout.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


def find_root() -> Path | None:
    """The project folder, or None when there is none (an installed wheel used elsewhere).

    ``MALITRACK_HOME`` first, then the folders above this file (a checkout
    installed in editable mode), then the working folder and its parents.
    """
    env = os.environ.get("MALITRACK_HOME")
    if env:
        return Path(env).resolve()
    checkout = _checkout_root()
    if checkout is not None:
        return checkout
    cwd = Path.cwd().resolve()
    return _first_project([cwd, *cwd.parents])


def _first_project(folders) -> Path | None:
    """The first folder holding pyproject.toml beside data/raw/."""
    for folder in folders:
        if (folder / "pyproject.toml").is_file() and (folder / "data" / "raw").is_dir():
            return folder
    return None


@cache
def _checkout_root() -> Path | None:
    """The checkout above this file (editable install); it does not move while Python runs."""
    return _first_project(Path(__file__).resolve().parents)


def root() -> Path:
    """The project folder (holds pyproject.toml, data/, notebooks/, reports/)."""
    found = find_root()
    if found is None:
        raise RuntimeError(
            "cannot find the malitrack project folder (pyproject.toml beside data/raw/); "
            "install with `pip install -e .` from a checkout, or set MALITRACK_HOME"
        )
    return found


def package_data_dir() -> Path:
    """The data shipped inside the package (``malitrack/data``)."""
    return Path(__file__).resolve().parent / "data"


def package_raw_dir() -> Path:
    """The reference tables shipped in the package, laid out as in ``data/raw``."""
    return package_data_dir() / "raw"


def package_clean_dir() -> Path:
    """The clean dataset shipped in the package (parquet files, manifest, dictionary)."""
    return package_data_dir() / "clean"


def reference_raw_dir() -> Path:
    """The raw folder the default reference tables come from: the project's, else the package copy."""
    found = find_root()
    return found / "data" / "raw" if found is not None else package_raw_dir()


def ships_package_data() -> bool:
    """True when the project folder is the checkout holding this package's source.

    Only a clean of that checkout rewrites the package copy: a fixture tree
    under ``MALITRACK_HOME`` or another raw folder never does.
    """
    found = find_root()
    return found is not None and package_data_dir().is_relative_to(found)


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
