"""The report notebooks: their shape, and every one run under papermill end to end.

Shape (fast): python3 kernel, no outputs, one documented parameters cell with
the parameters issue 5 asks for, read by ``setup(globals())``, a summary cell,
no file paths, light imports, frames shown only through the escaped ``table()``.

Runs (slow): each notebook rendered on the shipped data and on the tiny
fixture tree (tests/data/fixture_tree: 24 real claim rows, two incidents),
each in a temporary project tree pointed to by MALITRACK_HOME; plain
``papermill`` from another folder; ``build`` end to end (index, cache,
byte-identical re-render, a failing cell named).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from malitrack.errors import MalitrackError
from malitrack.report.build import build, render_report
from malitrack.report.parameters import notebook_parameters
from malitrack.report.registry import built_reports

REPO_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOKS = ["casualty_trends", "incident_profile", "source_disagreement"]  # issue 5's
ALL_NOTEBOOKS = sorted(path.stem for path in REPO_NOTEBOOKS.glob("*.ipynb"))
ALLOWED_IMPORTS = {"IPython", "malitrack"}


def code_cells(name: str) -> list[dict]:
    notebook = json.loads((REPO_NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


# ------------------------------------------------------------ shape


def test_the_three_reports_exist_and_are_built_by_default():
    assert set(NOTEBOOKS) <= {path.stem for path in REPO_NOTEBOOKS.glob("*.ipynb")}
    assert set(NOTEBOOKS) <= {report.name for report in built_reports()}


@pytest.mark.parametrize("name", ALL_NOTEBOOKS)
def test_notebook_is_committed_clean_with_the_generic_kernel(name):
    notebook = json.loads((REPO_NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    for cell in code_cells(name):
        assert cell["outputs"] == [] and cell["execution_count"] is None, f"{name}: outputs committed"
    tags = [tag for cell in notebook["cells"] for tag in cell.get("metadata", {}).get("tags", [])]
    assert tags.count("parameters") == 1 and tags.count("summary") == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("casualty_trends", ["start", "end", "regions", "frequency", "perpetrator", "lang"]),
        ("source_disagreement", ["start", "end", "regions", "min_claimant_types", "lang"]),
        ("incident_profile", ["incident_id", "lang"]),
    ],
)
def test_parameters_are_the_issue_ones_and_papermill_documents_them(name, expected):
    import papermill

    ours = notebook_parameters(name)
    assert list(ours) == expected
    inspected = papermill.inspect_notebook(str(REPO_NOTEBOOKS / f"{name}.ipynb"))
    assert list(inspected) == expected
    for key in expected:
        assert inspected[key]["help"] == ours[key].help and len(ours[key].help) > 20


@pytest.mark.parametrize("name", ALL_NOTEBOOKS)
def test_every_report_has_a_french_and_an_english_edition_french_first(name):
    lang = notebook_parameters(name)["lang"]
    assert lang.default == "fr" and lang.choices == ("fr", "en")


def test_incident_profile_defaults_to_amassine():
    assert notebook_parameters("incident_profile")["incident_id"].default == "amassine-2024-05-19"


@pytest.mark.parametrize("name", ["casualty_trends", "source_disagreement"])
def test_region_choices_are_the_canonical_regions(name):
    from malitrack.parse.places import CANONICAL_REGIONS

    assert set(notebook_parameters(name)["regions"].choices) == set(CANONICAL_REGIONS)


def test_frequency_choices():
    assert notebook_parameters("casualty_trends")["frequency"].choices == ("month", "quarter", "year")


@pytest.mark.parametrize("name", ALL_NOTEBOOKS)
def test_notebook_stays_thin(name):
    """No file paths (they come from malitrack.paths; a parameter may name a file) and only cheap imports."""
    for cell in code_cells(name):
        text = source(cell)
        if "parameters" in cell["metadata"].get("tags", []):
            continue
        assert not re.search(r"\bopen\(|read_csv|read_parquet|\.\./|data/", text), f"{name}: a path in {text!r}"
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module]
            else:
                continue
            for module in modules:
                assert module.split(".")[0] in ALLOWED_IMPORTS, f"{name} imports {module}"


def calls(name: str) -> list[ast.Call]:
    return [node for cell in code_cells(name) for node in ast.walk(ast.parse(source(cell))) if isinstance(node, ast.Call)]


def called(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


@pytest.mark.parametrize("name", ALL_NOTEBOOKS)
def test_notebook_reads_its_parameters_with_setup_and_shows_escaped_tables(name):
    """The parameters cell is the only declaration; frames are shown through table(), never raw."""
    assert [called(call) for call in calls(name)].count("setup") == 1
    setup_call = next(call for call in calls(name) if called(call) == "setup")
    assert ast.unparse(setup_call) == "setup(globals())"
    assert "check_parameters" not in [called(call) for call in calls(name)]
    for call in calls(name):
        if called(call) == "display":
            assert len(call.args) == 1 and isinstance(call.args[0], ast.Call), ast.unparse(call)
            assert called(call.args[0]) in ("table", "figure_svg", "prose", "facts"), f"{name}: {ast.unparse(call)}"
    assigned = {target.id for cell in code_cells(name) for node in ast.walk(ast.parse(source(cell)))
                if isinstance(node, ast.Assign) for target in node.targets if isinstance(target, ast.Name)}
    assert not assigned & {"table", "figure_svg", "setup", "display", "prose", "facts"}, f"{name} hides a helper"


# ------------------------------------------------------------ runs


def section_headings(name: str) -> list[str]:
    notebook = json.loads((REPO_NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    return [
        match.group(1).strip()
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for match in re.finditer(r"^#+\s+(.+)$", source(cell), flags=re.MULTILINE)
    ]


def check_report(html_path: Path, name: str) -> str:
    html = html_path.read_text(encoding="utf-8")
    for heading in section_headings(name):
        assert re.search(rf">{re.escape(heading)}<a class=\"anchor-link\"", html), f"{name}: no section {heading!r}"
    assert "Traceback" not in html
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html, f"{name}: stderr output in the report"
    assert "<Figure size" not in html and "&lt;Figure size" not in html, f"{name}: a chart was not embedded"
    assert not re.search(r"""src\s*=\s*["']?(https?:)?//""", html), f"{name}: loads something remote"
    assert "<link" not in html and "<script" not in html
    # the only links out are the sources of the claims, opened without giving the page a handle on ours
    for anchor in re.findall(r"<a [^>]*href=[\"']?(?:https?:)?//[^>]*>", html):
        assert 'rel="noopener"' in anchor, anchor
    assert "<dt>Version des données</dt>" in html or "<dt>Data version</dt>" in html
    wrappers = re.findall(r'<div class="table-wrap"[^>]*>', html)
    assert all('tabindex="0"' in wrapper for wrapper in wrappers), f"{name}: a wide table cannot take focus"
    executed = json.loads((html_path.parents[1] / "build" / "notebooks" / f"{html_path.stem}.ipynb").read_text("utf-8"))
    for cell in executed["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error"
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), output.get("text")
    return html


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "parameters"),
    [
        ("incident_profile", {}),
        ("incident_profile", {"incident_id": "sobane-da-2019-06-09"}),
        ("source_disagreement", {}),
        ("casualty_trends", {"frequency": "month"}),
        ("casualty_trends", {"regions": '["Mopti"]'}),
    ],
)
def test_notebooks_run_on_the_fixture(fixture_tree, monkeypatch, name, parameters):
    monkeypatch.setenv("MALITRACK_HOME", str(fixture_tree))
    html = check_report(render_report(name, parameters), name)
    # every chart is an SVG inlined in the page, labelled with its title
    charts = re.findall(r'<figure class="chart" role="img" aria-label="([^"]*)">\s*<svg', html)
    assert charts, f"{name}: no chart"
    assert "chart" not in charts and "No description" not in html
    assert '<html lang="fr">' in html  # the default edition
    if name == "incident_profile" and not parameters:
        assert " ".join(charts[0].split()).startswith("Amassine : 29 « terroristes » selon")  # the finding, in French
        assert "Amassine" in html and "incident_profile--amassine-2024-05-19.en.html" in html  # links to its twin
        # the fixture note "... <script alert(1) &lt;b&gt;]" comes out as text
        assert "<script alert(1)" not in html
        assert "&lt;script alert(1) &amp;lt;b&amp;gt;]" in html


@pytest.mark.slow
@pytest.mark.parametrize("name", ["incident_profile", "source_disagreement", "casualty_trends"])
def test_notebooks_run_on_the_shipped_data(shipped_tree, monkeypatch, name):
    monkeypatch.setenv("MALITRACK_HOME", str(shipped_tree))
    html = check_report(render_report(name, {}), name)
    assert '<figure class="chart"' in html
    english = check_report(render_report(name, {"lang": "en"}), name)
    assert '<html lang="en">' in english and "What these numbers do not say" in english
    assert "Ce que ces chiffres ne disent pas" in html.replace("&#231;", "ç")


@pytest.mark.slow
def test_dataset_comparison_runs_on_the_shipped_data(shipped_tree, monkeypatch):
    monkeypatch.setenv("MALITRACK_HOME", str(shipped_tree))
    html = check_report(render_report("dataset_comparison", {"min_score": "0.5"}), "dataset_comparison")
    tables = re.findall(r"<table[^>]*>", html)
    assert len(tables) >= 4 and all("malitrack-table" in tag for tag in tables)  # escaped table(), never raw frames
    assert "<dt>min_score</dt><dd>0.5</dd>" in html
    assert "incidents de malitrack commencés un mois couvert par les fichiers" in html
    import html as html_module

    text = html_module.unescape(html)
    assert "Après la fin des déclarations recueillies" in text and "UCDP recense" in text  # the months after the claims


@pytest.mark.slow
def test_plain_papermill_runs_from_another_folder(fixture_tree, tmp_path):
    def papermill(output: str, name: str, value: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(Path(sys.executable).parent / "papermill"), str(fixture_tree / "notebooks" / "casualty_trends.ipynb"),
             str(tmp_path / output), "-p", name, value],
            cwd=tmp_path, env={**os.environ, "MALITRACK_HOME": str(fixture_tree)}, capture_output=True, text=True,
        )

    run = papermill("out.ipynb", "regions", '["Kidal"]')
    assert run.returncode == 0, run.stderr[-2000:]
    executed = json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))
    summary = [cell for cell in executed["cells"] if "summary" in cell["metadata"].get("tags", [])][0]
    assert "".join(summary["outputs"][0]["text"]).startswith("1 incident,")  # Amassine is the Kidal incident
    assert "1 incidents" not in "".join(summary["outputs"][0]["text"])

    bad = papermill("bad.ipynb", "regions", '["Atlantis"]')
    assert bad.returncode != 0
    assert "'Atlantis' is not valid; valid values: Kayes" in bad.stderr

    # papermill only warns about a name the notebook does not declare; setup() refuses it
    unknown = papermill("unknown.ipynb", "region", "Kidal")
    assert unknown.returncode != 0
    assert "this notebook has no parameter 'region'; its parameters are:" in unknown.stderr


@pytest.mark.slow
def test_report_refuses_unknown_incident_with_suggestions(fixture_tree, monkeypatch):
    monkeypatch.setenv("MALITRACK_HOME", str(fixture_tree))
    with pytest.raises(MalitrackError, match="valid values: amassine-2024-05-19, sobane-da-2019-06-09"):
        render_report("incident_profile", {"incident_id": "amassine-2024-05-20"})


@pytest.mark.slow
def test_a_selection_without_incidents_fails_with_a_clear_message(fixture_tree, monkeypatch):
    monkeypatch.setenv("MALITRACK_HOME", str(fixture_tree))
    with pytest.raises(MalitrackError, match="MalitrackError: no incident matches .*'regions': \\['Gao'\\]"):
        render_report("source_disagreement", {"regions": "Gao"})


@pytest.mark.slow
def test_build_renders_everything_once_then_nothing(new_tree, monkeypatch):
    tree = new_tree()
    monkeypatch.setenv("MALITRACK_HOME", str(tree))
    messages = []
    built = build(jobs=2, progress=messages.append)
    names = sorted(path.name for path in built)
    # five reports and Sobane Da's profile, each in French and English, then the index
    assert names == sorted([f"{stem}.{lang}.html" for lang in ("fr", "en") for stem in (
        "casualty_trends", "source_disagreement", "dataset_comparison", "toll_revisions",
        "incident_profile--amassine-2024-05-19", "incident_profile--sobane-da-2019-06-09")] + ["index.html"])
    assert messages[0] == "12 reports: 0 up to date, 12 to render with 2 workers"
    index = (tree / "reports" / "index.html").read_text(encoding="utf-8")
    english_index = (tree / "reports" / "index.en.html").read_text(encoding="utf-8")
    for path in built[:-1]:
        assert f'href="{path.name}"' in (index if ".fr." in path.name else english_index)
    assert "9 juin 2019" in index and "9 June 2019" in english_index  # the incident's date in each language
    first = {path: path.read_bytes() for path in built}
    stamps = {path: path.stat().st_mtime_ns for path in built}

    messages.clear()
    build(jobs=2, progress=messages.append)
    assert messages[0] == "12 reports: 12 up to date, 0 to render with 1 worker"
    assert {path: path.stat().st_mtime_ns for path in built} == stamps

    build(force=True, jobs=1, progress=messages.append)
    assert {path: path.read_bytes() for path in built} == first  # same data, same bytes

    broken = tree / "notebooks" / "source_disagreement.ipynb"
    notebook = json.loads(broken.read_text(encoding="utf-8"))
    notebook["cells"][2]["source"] += ["\n", "raise RuntimeError('broken on purpose')"]
    broken.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(MalitrackError) as error:
        build(jobs=2, progress=messages.append)
    assert "notebook source_disagreement.ipynb" in str(error.value)
    assert "cell 3" in str(error.value) and "RuntimeError: broken on purpose" in str(error.value)
