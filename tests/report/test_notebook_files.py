"""Tests for malitrack.report.notebook_files: finding report notebooks and reading their cells."""

from __future__ import annotations

import json

import pytest

from malitrack.errors import MalitrackError
from malitrack.report.notebook_files import available_reports, cell_source, notebook_heading, notebook_path


def test_reports_are_the_notebooks_of_the_tree(tiny_tree):
    assert available_reports() == ["tiny_report"]
    assert notebook_path("tiny_report") == tiny_tree / "notebooks" / "tiny_report.ipynb"


@pytest.mark.parametrize("name", ["tiny", "Tiny_report", "../notebooks/tiny_report", "tiny_report.ipynb"])
def test_a_name_that_is_not_a_notebook_lists_the_reports(tiny_tree, name):
    with pytest.raises(MalitrackError, match="valid reports: tiny_report"):
        notebook_path(name)


def test_heading_is_the_first_level_one_title_or_the_name_in_words(tiny_tree):
    path = tiny_tree / "notebooks" / "tiny_report.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"][0]["source"] = ["Intro without a title.\n", "\n", "## Part\n", "\n", "# A tiny report\n"]
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert notebook_heading("tiny_report") == "A tiny report"
    notebook["cells"] = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert notebook_heading("tiny_report") == "Tiny report"  # from the name: tiny_report


def test_cell_source_joins_lines_or_takes_one_string():
    assert cell_source({"source": ["a = 1  # one\n", "b = 2  # two"]}) == "a = 1  # one\nb = 2  # two"
    assert cell_source({"source": "a = 1"}) == "a = 1"
    assert cell_source({}) == ""
