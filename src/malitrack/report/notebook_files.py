"""Where the report notebooks are, and how their cells read.

A report is a notebook in the project's ``notebooks/`` folder (found through
:mod:`malitrack.paths`, so ``MALITRACK_HOME`` can point at another tree). The
notebooks are read as plain JSON: the checks here need the cells' text and
tags, not nbformat's validation, and the notebook kernels that import
:mod:`malitrack.report.parameters` stay light.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from malitrack import paths
from malitrack.errors import MalitrackError


def available_reports() -> list[str]:
    """Names of the report notebooks in ``notebooks/``.

    >>> "casualty_trends" in available_reports()
    True
    """
    return sorted(path.stem for path in paths.notebooks_dir().glob("*.ipynb"))


def notebook_path(name: str) -> Path:
    """The notebook for report ``name``; MalitrackError listing the valid names if none."""
    path = paths.notebooks_dir() / f"{name}.ipynb"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.is_file():
        raise MalitrackError(
            f"no report named {name!r}; valid reports: {', '.join(available_reports())}"
        )
    return path


def read_notebook(path: Path) -> dict:
    """A notebook file as the JSON dictionary it is."""
    return json.loads(path.read_text(encoding="utf-8"))


def cell_source(cell: dict) -> str:
    """A cell's text (nbformat allows one string or a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def cell_tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def notebook_heading(name: str) -> str:
    """The first ``# heading`` of the notebook, or its name in words if it has none."""
    for cell in read_notebook(notebook_path(name))["cells"]:
        if cell["cell_type"] == "markdown":
            match = re.search(r"^#\s+(.+)$", cell_source(cell), flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    return name.replace("_", " ").capitalize()
