"""Tests for malitrack.report.parameters: the parameters cell read, values parsed and checked.

On ``tests/data/fixture_tree/notebooks/tiny_report.ipynb`` in a temporary copy of
the fixture tree, and on the text of parameters cells.
"""

from __future__ import annotations

import re

import pytest

from malitrack.errors import MalitrackError
from malitrack.report import parameters
from malitrack.report.parameters import ParameterCellError, check_parameters, notebook_parameters, parse_parameters_cell

@pytest.fixture
def tree(tiny_tree):
    return tiny_tree


# ------------------------------------------------------------ the parameters cell


def test_cell_gives_names_typed_defaults_and_help_in_order():
    cell = (
        'start: str = "2012-01-01"  # first incident date included, YYYY-MM-DD\n'
        "regions: list[str] = []  # regions, any of: Kidal, Gao; [] means all\n"
        "min_claimant_types: int = 2  # whole number, at least 1\n"
        "km_window: float = 25.0  # kilometres allowed\n"
        "fail = False  # true makes the last cell raise\n"
    )
    declared = parse_parameters_cell(cell)
    assert list(declared) == ["start", "regions", "min_claimant_types", "km_window", "fail"]
    assert [type(p.default) for p in declared.values()] == [str, list, int, float, bool]
    assert declared["start"].help == "first incident date included, YYYY-MM-DD" and declared["start"].is_date
    assert declared["regions"].choices == ("Kidal", "Gao")  # the "; [] means all" after the list is not a choice
    assert declared["min_claimant_types"].minimum == 1
    assert declared["km_window"].choices is None and declared["km_window"].minimum is None


def test_a_help_comment_may_follow_a_default_written_over_several_lines():
    cell = 'files: list[str] = [\n    "a.csv",\n    "b.csv",\n]  # files to read\n'
    assert parse_parameters_cell(cell)["files"].default == ["a.csv", "b.csv"]
    assert parse_parameters_cell(cell)["files"].help == "files to read"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('start = "2012"\n', "parameter 'start' has no trailing # comment"),
        ("import os  # no\n", "line 1 is not `name = value`"),
        ("a = b = 1  # two names\n", "line 1 is not `name = value`"),
        ("start = today()  # a call\n", "parameter 'start' has a default that is not a literal"),
        ("start = (  # unclosed\n", "not Python"),
    ],
)
def test_a_cell_that_is_not_declarations_is_refused(cell, expected):
    with pytest.raises(ParameterCellError, match=re.escape(expected)):
        parse_parameters_cell(cell, where="tiny.ipynb")


def test_notebook_parameters_are_read_from_the_tagged_cell(tree):
    declared = notebook_parameters("tiny_report")
    assert list(declared) == ["claimant", "regions", "frequency", "start", "min_types", "fail"]
    assert declared["regions"].default == []
    assert declared["frequency"].choices == ("month", "quarter", "year")
    assert declared["regions"].choices == ("Kidal", "Gao")
    assert declared["min_types"].minimum == 1
    assert declared["start"].is_date


def test_a_notebook_needs_exactly_one_parameters_cell(tree):
    path = tree / "notebooks" / "tiny_report.ipynb"
    path.write_text(path.read_text(encoding="utf-8").replace('"parameters"', '"summary"'), encoding="utf-8")
    with pytest.raises(MalitrackError, match="expected one cell tagged 'parameters', found 0"):
        notebook_parameters("tiny_report")


def test_papermill_help_notebook_sees_the_same_parameters(tree):
    import papermill

    inspected = papermill.inspect_notebook(str(tree / "notebooks" / "tiny_report.ipynb"))
    ours = notebook_parameters("tiny_report")
    assert list(inspected) == list(ours)
    assert {name: p["help"] for name, p in inspected.items()} == {name: p.help for name, p in ours.items()}


# ------------------------------------------------------------ values


def test_command_line_strings_are_parsed_to_the_default_types(tree):
    checked = check_parameters("tiny_report", {"regions": '["Kidal"]', "min_types": "3", "fail": "false"})
    assert checked["regions"] == ["Kidal"]
    assert checked["min_types"] == 3
    assert checked["fail"] is False
    assert check_parameters("tiny_report", {"regions": "Kidal, Gao"})["regions"] == ["Kidal", "Gao"]
    assert check_parameters("tiny_report", {"regions": ""})["regions"] == []


def test_unknown_parameter_lists_the_valid_ones(tree):
    with pytest.raises(MalitrackError) as error:
        check_parameters("tiny_report", {"region": "Kidal"})
    message = str(error.value)
    assert "'region'" in message
    for name in ("claimant", "regions", "frequency", "start", "min_types", "fail"):
        assert f"\n  {name} (default" in message


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"frequency": "week"}, "valid values: month, quarter, year"),
        ({"regions": '["Mopti"]'}, "valid values: Kidal, Gao"),
        ({"min_types": "0"}, "below the minimum 1"),
        ({"min_types": "two"}, "expected a whole number"),
        ({"start": "2024-19-05"}, "not a date written YYYY-MM-DD"),
        ({"regions": '["Kidal"'}, "expected a list"),
        ({"fail": "maybe"}, "expected true or false"),
    ],
)
def test_invalid_values_are_refused_with_the_valid_ones(tree, values, expected):
    with pytest.raises(MalitrackError, match=re.escape(expected)):
        check_parameters("tiny_report", values)


def test_start_after_end_is_refused():
    declared = parse_parameters_cell('start = ""  # YYYY-MM-DD\nend = ""  # YYYY-MM-DD\n')
    with pytest.raises(MalitrackError, match="start 2024-05-19 is after end 2012-01-01"):
        parameters.check_values(declared, {"start": "2024-05-19", "end": "2012-01-01"}, "report 'x'")


def test_unknown_report_lists_the_reports(tree):
    with pytest.raises(MalitrackError, match="valid reports: tiny_report"):
        check_parameters("tiny", {})


def test_incident_ids_are_checked_against_the_clean_data():
    """Real data: a day off Amassine's id is refused, with the id as the closest value."""
    with pytest.raises(MalitrackError, match="'amassine-2024-05-20' is not in the clean data; closest: amassine-2024-05-19"):
        check_parameters("incident_profile", {"incident_id": "amassine-2024-05-20"})
    assert check_parameters("incident_profile", {"incident_id": " moura-2022-03-27 "}) == {
        "incident_id": "moura-2022-03-27", "lang": "fr"}
