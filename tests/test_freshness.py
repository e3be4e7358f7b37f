"""Editing code or data marks exactly the right outputs stale.

Every test edits a copy of the package, the raw data and the notebooks in a
temporary folder, never the checkout.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from malitrack import freshness, paths
from malitrack.freshness import code_version, input_fingerprint

FIXTURE_RAW = Path(__file__).parent / "data" / "fixture_tree" / "data" / "raw"


@pytest.fixture
def tree(tmp_path) -> dict[str, Path]:
    """A copy of the package, a small raw tree and the notebooks."""
    package = tmp_path / "src" / "malitrack"
    shutil.copytree(freshness.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE_RAW, raw)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(paths.notebooks_dir(), notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return {"package": package, "raw": raw, "notebooks": notebooks}


def fingerprints(tree) -> tuple[str, str]:
    return (
        input_fingerprint(tree["raw"], package_dir=tree["package"]),
        code_version(tree["package"], notebooks_dir=tree["notebooks"]),
    )


def append(path: Path, text: str = "\n# edited\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)


def every_file_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in freshness.content_files(folder))


@pytest.mark.parametrize(
    "relative",
    [f"{layer}/{name}" for layer in freshness.DATA_CODE_FOLDERS for name in every_file_under(freshness.PACKAGE_DIR / layer)],
)
def test_editing_any_file_of_the_clean_step_marks_the_data_stale(tree, relative):
    before = fingerprints(tree)
    append(tree["package"] / relative)
    assert input_fingerprint(tree["raw"], package_dir=tree["package"]) != before[0]


@pytest.mark.parametrize("relative", ["parse/lexicon/fr.toml", "parse/figures_pkg/deeper/reader.py", "clean/sql/claims.sql"])
def test_a_new_nested_or_non_python_file_marks_the_data_stale(tree, relative):
    before = input_fingerprint(tree["raw"], package_dir=tree["package"])
    append(tree["package"] / relative, "[numbers]\nvingt = 20\n")
    created = input_fingerprint(tree["raw"], package_dir=tree["package"])
    assert created != before
    append(tree["package"] / relative, "trente = 30\n")
    assert input_fingerprint(tree["raw"], package_dir=tree["package"]) != created


@pytest.mark.parametrize("module", ["vocab.py", "schemas.py", "errors.py", "atomic.py", "paths.py"])
def test_top_level_modules_of_the_clean_step_mark_the_data_stale(tree, module):
    before = input_fingerprint(tree["raw"], package_dir=tree["package"])
    append(tree["package"] / module)
    assert input_fingerprint(tree["raw"], package_dir=tree["package"]) != before


def test_a_new_top_level_module_imported_by_parse_is_followed(tree):
    append(tree["package"] / "parse" / "dates.py", "\ndef _uses_lexicon():\n    from malitrack import lexicon_io\n")
    (tree["package"] / "lexicon_io.py").write_text("WORDS = 1\n", encoding="utf-8")
    before = input_fingerprint(tree["raw"], package_dir=tree["package"])
    append(tree["package"] / "lexicon_io.py")
    assert input_fingerprint(tree["raw"], package_dir=tree["package"]) != before


@pytest.mark.parametrize(
    "relative", ["report/charts.py", "report/malitrack.mplstyle", "report/templates/malitrack_report/index.html.j2", "analysis/trends.py"]
)
def test_chart_and_analysis_code_re_renders_reports_without_re_cleaning(tree, relative):
    data_before, code_before = fingerprints(tree)
    append(tree["package"] / relative)
    data_after, code_after = fingerprints(tree)
    assert data_after == data_before
    assert code_after != code_before


def test_editing_a_notebook_re_renders_reports(tree):
    data_before, code_before = fingerprints(tree)
    notebook = tree["notebooks"] / "casualty_trends.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("casualty", "Casualty", 1), encoding="utf-8")
    data_after, code_after = fingerprints(tree)
    assert data_after == data_before
    assert code_after != code_before


def test_code_only_the_clean_step_runs_reaches_reports_through_the_data(tree):
    """A parse module used only while cleaning changes the data fingerprint, not the reports' code version."""
    append(tree["package"] / "clean" / "run.py", "\ndef _helper():\n    from malitrack.parse import only_for_cleaning\n")
    (tree["package"] / "parse" / "only_for_cleaning.py").write_text("X = 1\n", encoding="utf-8")
    data_before, code_before = fingerprints(tree)
    append(tree["package"] / "parse" / "only_for_cleaning.py")
    data_after, code_after = fingerprints(tree)
    assert data_after != data_before
    assert code_after == code_before


def test_parse_code_a_report_runs_is_part_of_the_code_version(tree):
    """Parsing code imported by the analysis runs while a report renders: it is hashed."""
    (tree["package"] / "parse" / "used_by_reports.py").write_text("X = 1\n", encoding="utf-8")
    append(tree["package"] / "analysis" / "trends.py", "\ndef _helper():\n    from malitrack.parse.used_by_reports import X\n")
    before = code_version(tree["package"], notebooks_dir=tree["notebooks"])
    append(tree["package"] / "parse" / "used_by_reports.py")
    assert code_version(tree["package"], notebooks_dir=tree["notebooks"]) != before


def test_a_module_a_notebook_imports_is_part_of_the_code_version(tree):
    (tree["package"] / "importers" / "new_source.py").write_text("X = 1\n", encoding="utf-8")
    notebook = tree["notebooks"] / "dataset_comparison.ipynb"
    content = json.loads(notebook.read_text(encoding="utf-8"))
    content["cells"].append({"cell_type": "code", "execution_count": None, "id": "new-import", "metadata": {},
                             "outputs": [], "source": ["from malitrack.importers.new_source import X\n"]})
    notebook.write_text(json.dumps(content), encoding="utf-8")
    before = code_version(tree["package"], notebooks_dir=tree["notebooks"])
    append(tree["package"] / "importers" / "new_source.py")
    assert code_version(tree["package"], notebooks_dir=tree["notebooks"]) != before


def test_raw_data_marks_the_data_stale_not_the_code(tree):
    data_before, code_before = fingerprints(tree)
    append(tree["raw"] / "incidents.csv", "")
    append(tree["raw"] / "claims" / "claims_fixture.csv", "\n")
    data_after, code_after = fingerprints(tree)
    assert data_after != data_before
    assert code_after == code_before


def test_caches_and_the_checkouts_location_do_not_count(tree, tmp_path):
    before = fingerprints(tree)
    (tree["package"] / "parse" / "__pycache__").mkdir(exist_ok=True)
    (tree["package"] / "parse" / "__pycache__" / "figures.cpython-311.pyc").write_bytes(b"\0cache")
    (tree["notebooks"] / ".ipynb_checkpoints").mkdir()
    (tree["notebooks"] / ".ipynb_checkpoints" / "casualty_trends-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    assert fingerprints(tree) == before
    moved = tmp_path / "elsewhere"
    shutil.copytree(tree["package"].parent.parent, moved)
    assert fingerprints({"package": moved / "src" / "malitrack", "raw": moved / "raw", "notebooks": moved / "notebooks"}) == before


def test_the_shipped_package_hashes_its_own_layers():
    data = {p.relative_to(freshness.PACKAGE_DIR).as_posix() for p in freshness.data_code_files()}
    report = {p.relative_to(freshness.PACKAGE_DIR).as_posix() for p in freshness.report_code_files()}
    assert {"parse/figures/reader.py", "parse/lexicon/fr.toml", "clean/run.py", "vocab.py", "schemas.py"} <= data
    assert not any(name.startswith(("analysis/", "report/", "importers/")) for name in data)
    assert {"report/charts.py", "report/malitrack.mplstyle", "analysis/trends.py", "clean/load.py"} <= report
    assert "clean/run.py" not in report


RECORDED_EDITS = {
    "a recorded top-level module": lambda package: append(package / "vocab.py"),
    "a file of parse/": lambda package: append(package / "parse" / "dates.py"),
    "a new nested data file": lambda package: append(package / "parse" / "lexicon" / "fr.toml", "vingt = 20\n"),
    "a new module imported by parse": lambda package: (
        (package / "lexicon_io.py").write_text("X = 1\n", encoding="utf-8"),
        append(package / "parse" / "dates.py", "\ndef _f():\n    from malitrack import lexicon_io\n"),
    ),
    "a recorded file removed": lambda package: (package / "atomic.py").unlink(),
}


@pytest.mark.parametrize("edit", sorted(RECORDED_EDITS))
def test_checking_against_the_recorded_files_sees_every_edit(tree, edit):
    """The loaders check against the code list of the manifest (no import reading): same answer as a full check."""
    recorded = freshness.data_code_names(tree["package"])
    full = input_fingerprint(tree["raw"], package_dir=tree["package"])
    assert input_fingerprint(tree["raw"], package_dir=tree["package"], recorded=recorded) == full
    RECORDED_EDITS[edit](tree["package"])
    assert input_fingerprint(tree["raw"], package_dir=tree["package"], recorded=recorded) != full


def test_the_manifest_records_the_code_it_was_made_with(clean_run):
    _, out = clean_run
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["code_files"] == freshness.data_code_names()
    assert manifest["input_fingerprint"] == input_fingerprint(recorded=manifest["code_files"]) == input_fingerprint()
