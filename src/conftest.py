"""Doctests of the package: every docstring example runs in ``make test``.

Examples call ``load_claims()`` as a reader would. Here it reads a clean run
of the shipped raw data in a temporary project folder (``MALITRACK_HOME``),
so running the doctests never writes into the checkout. ``load_claims``,
``load_incidents`` and ``paths`` are in every example's namespace.
"""

from __future__ import annotations

import pytest
from _pytest.doctest import DoctestItem

# tests/conftest.py, on the path through pytest's pythonpath setting
from conftest import project_folder

@pytest.fixture(scope="session")
def doctest_project(tmp_path_factory):
    """A project folder with the checkout's raw data, notebooks and tests, and a fresh data/clean."""
    from malitrack.clean.run import clean

    root = project_folder(tmp_path_factory.mktemp("doctest_project"))
    clean(raw_dir=root / "data" / "raw", clean_dir=root / "data" / "clean")
    return root


@pytest.fixture(autouse=True)
def _examples_read_a_temporary_project(request, doctest_namespace, monkeypatch):
    if not isinstance(request.node, DoctestItem):
        return
    from malitrack import paths
    from malitrack.clean.load import load_claims, load_incidents

    monkeypatch.setenv("MALITRACK_HOME", str(request.getfixturevalue("doctest_project")))
    doctest_namespace.update(load_claims=load_claims, load_incidents=load_incidents, paths=paths)

