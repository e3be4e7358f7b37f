"""Tests for malitrack.report.build: parameter checks, execution, offline deterministic HTML, cache.

The machinery is exercised on ``tests/data/fixture_tree/notebooks/tiny_report.ipynb``
(a table holding ``<script>``, a chart, a summary line, a cell that fails on
request) in a temporary copy of the fixture tree, so nothing is written into
the repository. The real notebooks are run in test_notebooks.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from malitrack.report import build as reports
from malitrack.errors import MalitrackError

FIXTURE_TREE = Path(__file__).parents[1] / "data" / "fixture_tree"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A temporary project tree holding the tiny notebook; data version fixed."""
    root = tmp_path / "tree"
    shutil.copytree(FIXTURE_TREE / "notebooks", root / "notebooks")
    monkeypatch.setenv("MALITRACK_HOME", str(root))
    monkeypatch.setattr(reports, "_current_data_version", lambda: "fixture-v1")
    return root


# ------------------------------------------------------------ parameters


def test_parameters_cell_is_read_with_defaults_and_help(tree):
    parameters = reports.notebook_parameters("tiny_report")
    assert list(parameters) == ["claimant", "regions", "frequency", "start", "min_types", "fail"]
    assert parameters["regions"].default == []
    assert parameters["frequency"].choices == ("month", "quarter", "year")
    assert parameters["regions"].choices == ("Kidal", "Gao")
    assert parameters["min_types"].minimum == 1
    assert parameters["start"].is_date


def test_papermill_help_notebook_sees_the_same_parameters(tree):
    import papermill

    inspected = papermill.inspect_notebook(str(tree / "notebooks" / "tiny_report.ipynb"))
    ours = reports.notebook_parameters("tiny_report")
    assert list(inspected) == list(ours)
    assert {name: p["help"] for name, p in inspected.items()} == {name: p.help for name, p in ours.items()}


def test_command_line_strings_are_parsed_to_the_default_types(tree):
    checked = reports.check_parameters(
        "tiny_report", {"regions": '["Kidal"]', "min_types": "3", "fail": "false"}
    )
    assert checked["regions"] == ["Kidal"]
    assert checked["min_types"] == 3
    assert checked["fail"] is False
    assert reports.check_parameters("tiny_report", {"regions": "Kidal, Gao"})["regions"] == ["Kidal", "Gao"]
    assert reports.check_parameters("tiny_report", {"regions": ""})["regions"] == []


def test_unknown_parameter_lists_the_valid_ones(tree):
    with pytest.raises(MalitrackError) as error:
        reports.check_parameters("tiny_report", {"region": "Kidal"})
    message = str(error.value)
    assert "'region'" in message
    for name in ("claimant", "regions", "frequency", "start", "min_types", "fail"):
        assert f"\n  {name} (default" in message


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"frequency": "week"}, "valid values: month, quarter, year"),
        ({"regions": '["Mopti"]'}, "valid values: Kidal, Gao"),
        ({"min_types": "0"}, "below the minimum 1"),
        ({"min_types": "two"}, "expected a whole number"),
        ({"start": "2024-19-05"}, "not a date written YYYY-MM-DD"),
        ({"regions": '["Kidal"'}, "expected a list"),
    ],
)
def test_invalid_values_are_refused_with_the_valid_ones(tree, parameters, expected):
    with pytest.raises(MalitrackError, match=re.escape(expected)):
        reports.check_parameters("tiny_report", parameters)


def test_unknown_report_lists_the_reports(tree):
    with pytest.raises(MalitrackError, match="valid reports: tiny_report"):
        reports.check_parameters("tiny", {})


def test_report_file_names(tree):
    defaults = reports.check_parameters("tiny_report", {})
    assert reports.report_stem("tiny_report", defaults) == "tiny_report"
    kidal = reports.check_parameters("tiny_report", {"regions": "Kidal"})
    gao = reports.check_parameters("tiny_report", {"regions": "Gao"})
    assert reports.report_stem("tiny_report", kidal).startswith("tiny_report--kidal-")
    assert reports.report_stem("tiny_report", kidal) != reports.report_stem("tiny_report", gao)
    monthly = reports.check_parameters("tiny_report", {"frequency": "month"})
    assert reports.report_stem("tiny_report", monthly) == "tiny_report--month"


def test_cache_key_changes_with_data_notebook_and_parameters(tree):
    defaults = reports.check_parameters("tiny_report", {})
    key = reports.cache_key("v1", "tiny_report", defaults)
    assert key == reports.cache_key("v1", "tiny_report", dict(defaults))
    assert key != reports.cache_key("v2", "tiny_report", defaults)
    assert key != reports.cache_key("v1", "tiny_report", {**defaults, "frequency": "month"})
    path = tree / "notebooks" / "tiny_report.ipynb"
    path.write_text(path.read_text(encoding="utf-8").replace("A fixture", "The fixture"), encoding="utf-8")
    assert key != reports.cache_key("v1", "tiny_report", defaults)
    # the code version given by a build is the one worked out otherwise; another one changes the key
    now = reports.cache_key("v1", "tiny_report", defaults)
    assert now == reports.cache_key("v1", "tiny_report", defaults, reports.code_version())
    assert now != reports.cache_key("v1", "tiny_report", defaults, "other code")


# ------------------------------------------------------------ rendering (runs a kernel)


@pytest.mark.slow
def test_report_html_is_offline_escaped_deterministic_and_cached(tree):
    path = reports.render_report("tiny_report", {"regions": "Kidal"})
    assert path == tree / "reports" / f"{path.stem}.html" and path.stem.startswith("tiny_report--kidal-")
    html = path.read_text(encoding="utf-8")
    first_bytes = path.read_bytes()

    # offline: nothing loaded from outside the file, the chart embedded as a PNG
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "require.js" not in html and "mathjax" not in html.lower()
    assert re.search(r'<img [^>]*src="data:image/png;base64,', html)
    # source text escaped, no code, no error output
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; CSP" in html
    assert "import pandas" not in html and "Traceback" not in html
    # header: parameters used and data version
    assert "<dt>regions</dt><dd>Kidal</dd>" in html
    assert "<dt>Data version</dt><dd>fixture-v1</dd>" in html
    assert "<title>Tiny report</title>" in html
    # run metadata stripped from the kept executed notebook
    executed = json.loads((tree / "build" / "notebooks" / f"{path.stem}.ipynb").read_text(encoding="utf-8"))
    assert "papermill" not in executed["metadata"]
    assert all("execution" not in cell["metadata"] for cell in executed["cells"])
    manifest = json.loads((tree / "build" / "report_manifest.json").read_text(encoding="utf-8"))
    assert manifest[path.name]["summary"] == "Tiny report for 1 regions, by year."

    # cached: same key, file untouched
    mtime = path.stat().st_mtime_ns
    assert reports.render_report("tiny_report", {"regions": '["Kidal"]'}) == path
    assert path.stat().st_mtime_ns == mtime
    # forced: rendered again, byte-identical
    reports.render_report("tiny_report", {"regions": "Kidal"}, force=True)
    assert path.stat().st_mtime_ns != mtime
    assert path.read_bytes() == first_bytes


@pytest.mark.slow
def test_failing_cell_names_the_notebook_and_the_cell(tree):
    with pytest.raises(MalitrackError) as error:
        reports.render_report("tiny_report", {"fail": "true"})
    message = str(error.value)
    assert "notebook tiny_report.ipynb" in message
    assert "cell 5 ('if fail:')" in message  # counted from 1 in the notebook as written
    assert "ValueError: asked to fail" in message
    assert not (tree / "reports" / "tiny_report--true.html").exists()


def test_index_links_every_report_and_escapes_summaries(tree):
    jobs = [
        reports.make_job("tiny_report", {}, "fixture-v1"),
        reports.make_job("tiny_report", {"frequency": "month"}, "fixture-v1"),
    ]
    manifest = {jobs[0].html_path.name: {"summary": "29 vs <b>over 30</b>"}}
    html = reports.render_index(jobs, manifest, "fixture-v1")
    assert '<a href="tiny_report.html">Tiny report</a>' in html
    assert '<a href="tiny_report--month.html">' in html
    assert "29 vs &lt;b&gt;over 30&lt;/b&gt;" in html
    assert "fixture-v1" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


# ------------------------------------------------------------ helpers the notebooks call (real rows)


@pytest.fixture(scope="module")
def shipped(claims, incidents):
    return claims, incidents


def test_describe_figures_on_amassine(shipped):
    claims, _ = shipped
    killed = claims[(claims["incident_id"] == "amassine-2024-05-19") & (claims["outcome"] == "killed")]
    # "29" (security source) to "over 30" (CSP); "plusieurs terroristes" has no figure
    assert reports.describe_figures(killed) == "29 to 31 or more"
    assert reports.describe_figures(killed[killed["figure_text"].isna()]) == "no figure given"


def test_select_incidents_by_dates_regions_and_claimant_types(shipped):
    _, incidents = shipped
    chosen = reports.select_incidents(incidents, "2024-01-01", "2024-12-31", ["Kidal"], min_claimant_types=2)
    assert "amassine-2024-05-19" in set(chosen["incident_id"])
    assert chosen["date_start"].dt.year.eq(2024).all()
    assert chosen["admin1"].eq("Kidal").all()
    assert chosen["n_claimant_types"].ge(2).all()
    assert len(reports.select_incidents(incidents)) == len(incidents)


def test_claims_blaming_keeps_whole_incidents(shipped):
    claims, _ = shipped
    blamed = reports.claims_blaming(claims, "Wagner Group")
    assert "amassine-2024-05-19" in set(blamed["incident_id"])
    for _, incident in blamed.groupby("incident_id"):
        assert incident["perpetrators"].astype("str").str.contains("Wagner Group", regex=False).any()
    # every claim of a chosen incident is kept, also those naming someone else
    amassine = blamed[blamed["incident_id"] == "amassine-2024-05-19"]
    assert len(amassine) == (claims["incident_id"] == "amassine-2024-05-19").sum()
    assert reports.claims_blaming(claims, "") is claims


def test_table_escapes_and_shows_unknown_as_a_dash():
    import pandas as pd

    frame = pd.DataFrame(
        {"claimant": ["<script>x</script>"], "high": pd.array([pd.NA], dtype="Int64"),
         "published_date": pd.to_datetime(["2024-05-21"]), "ratio": [1.034483]}
    )
    html = reports.table(frame, index=False).data
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<td>–</td>" in html and "<td>2024-05-21</td>" in html and "<td>1.03</td>" in html


def test_figure_png_is_the_same_bytes_every_time():
    from matplotlib.figure import Figure

    def draw():
        figure = Figure(figsize=(3, 2))
        axes = figure.add_subplot()
        axes.bar(["29", "over 30"], [29, 31])
        axes.set_title("Amassine", loc="left")
        return reports.figure_png(figure)

    first, second = draw(), draw()
    assert first.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert first.data == second.data
    assert b"Software" not in first.data and b"matplotlib" not in first.data
    assert first.alt == "Amassine"


def test_figure_svg_is_the_same_bytes_every_time_with_its_title_as_alt_text():
    from malitrack.report.charts import house_style
    from matplotlib.figure import Figure

    def draw():
        with house_style():
            figure = Figure(figsize=(3, 2))
            axes = figure.add_subplot()
            axes.bar(["29", "over 30"], [29, 31])
            figure.suptitle("Amassine : « 29 » tués ?")
        return reports.figure_svg(figure)

    first, second = draw(), draw()
    assert first.svg == second.svg
    assert first.svg.lstrip().startswith("<?xml") and "<svg" in first.svg
    assert "<dc:date>" not in first.svg and "<text" not in first.svg  # text drawn as paths: no font needed
    data, metadata = first._repr_mimebundle_()
    assert data["image/svg+xml"] == first.svg
    assert metadata == {"image/svg+xml": {"alt": "Amassine : « 29 » tués ?"}}


@pytest.mark.slow
def test_a_kernel_that_fails_to_start_is_retried_once(tree, monkeypatch):
    import papermill

    real_execute = papermill.execute_notebook
    calls = []

    def flaky(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real_execute(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    assert reports.render_report("tiny_report", {}).is_file()
    assert len(calls) == 2

    def dead(*args, **kwargs):
        calls.append(args[0])
        raise TimeoutError("Kernel didn't respond in 60 seconds")

    calls.clear()
    monkeypatch.setattr(papermill, "execute_notebook", dead)
    with pytest.raises(MalitrackError, match="kernel failed twice: TimeoutError"):
        reports.render_report("tiny_report", {"frequency": "month"})
    assert len(calls) == 2
