"""The examples in the docstrings of the issue-12 modules run and hold (dates, totals, flags, claimant keys)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "malitrack.analysis.dates",
    "malitrack.analysis.trends",
    "malitrack.analysis.claims",
    "malitrack.analysis.attribution",
    "malitrack.clean.flags",
    "malitrack.clean.claimants",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
