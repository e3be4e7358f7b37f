"""Tests for malitrack.report.build: report file names and cache keys.

On ``tests/data/fixture_tree/notebooks/tiny_report.ipynb`` in a temporary copy of
the fixture tree; which reports a build makes is tested in test_registry.py,
the build end to end in test_notebooks.py.
"""

from __future__ import annotations


import pytest

from malitrack.report import build
from malitrack.report.parameters import check_parameters

@pytest.fixture
def tree(tiny_tree):
    return tiny_tree


def test_report_file_names(tree):
    defaults = check_parameters("tiny_report", {})
    assert build.report_stem("tiny_report", defaults) == "tiny_report"
    kidal = check_parameters("tiny_report", {"regions": "Kidal"})
    gao = check_parameters("tiny_report", {"regions": "Gao"})
    assert build.report_stem("tiny_report", kidal).startswith("tiny_report--kidal-")
    assert build.report_stem("tiny_report", kidal) != build.report_stem("tiny_report", gao)
    monthly = check_parameters("tiny_report", {"frequency": "month"})
    assert build.report_stem("tiny_report", monthly) == "tiny_report--month"


def test_a_job_names_its_files_title_and_key(tree):
    job = build.make_job("tiny_report", {"frequency": "month"}, "fixture-v1")
    assert job.html_path == tree / "reports" / "tiny_report--month.html"
    assert job.executed_path == tree / "build" / "notebooks" / "tiny_report--month.ipynb"
    assert job.title == "Tiny report"  # not in the registry: its first heading
    assert job.parameters["frequency"] == "month" and job.parameters["regions"] == []
    assert job.key == build.cache_key("fixture-v1", "tiny_report", job.parameters)


def test_cache_key_changes_with_data_notebook_and_parameters(tree):
    defaults = check_parameters("tiny_report", {})
    key = build.cache_key("v1", "tiny_report", defaults)
    assert key == build.cache_key("v1", "tiny_report", dict(defaults))
    assert key != build.cache_key("v2", "tiny_report", defaults)
    assert key != build.cache_key("v1", "tiny_report", {**defaults, "frequency": "month"})
    path = tree / "notebooks" / "tiny_report.ipynb"
    path.write_text(path.read_text(encoding="utf-8").replace("A fixture", "The fixture"), encoding="utf-8")
    assert key != build.cache_key("v1", "tiny_report", defaults)
    # the code version given by a build is the one worked out otherwise; another one changes the key
    now = build.cache_key("v1", "tiny_report", defaults)
    assert now == build.cache_key("v1", "tiny_report", defaults, build.code_version())
    assert now != build.cache_key("v1", "tiny_report", defaults, "other code")


def test_code_version_covers_the_report_template_and_code_in_every_folder():
    from malitrack.freshness import PACKAGE_DIR, report_code_files

    files = {path.relative_to(PACKAGE_DIR).as_posix() for path in report_code_files(PACKAGE_DIR)}
    for module in ("report/registry.py", "report/parameters.py", "analysis/select.py", "report/malitrack.mplstyle",
                   "report/templates/malitrack_report/index.html.j2"):
        assert module in files