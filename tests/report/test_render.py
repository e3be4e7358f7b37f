"""Tests for malitrack.report.render: a notebook executed and exported (each runs a kernel), many in one kernel.

The machinery is exercised on ``tests/data/fixture_tree/notebooks/tiny_report.ipynb``
(a table holding ``<script>``, a chart, a summary line, a cell that fails on
request) in a temporary copy of the fixture tree, through ``render_report``
(which adds the cache); the real notebooks are run in test_notebooks.py.
"""

from __future__ import annotations

import json
import re

import pytest

from malitrack.errors import MalitrackError
from malitrack.report import build
from malitrack.report.build import render_report

pytestmark = pytest.mark.slow

@pytest.fixture
def tree(tiny_tree, monkeypatch):
    """The tiny tree (see conftest.py) with the data version fixed."""
    monkeypatch.setattr(build, "_current_data_version", lambda: "fixture-v1")
    return tiny_tree


def test_report_html_is_offline_escaped_deterministic_and_cached(tree):
    path = render_report("tiny_report", {"regions": "Kidal"})
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
    assert "<dt>Version des données</dt><dd>fixture-v1</dd>" in html  # French, the default edition
    assert "<title>Tiny report</title>" in html
    # run metadata stripped from the kept executed notebook
    executed = json.loads((tree / "build" / "notebooks" / f"{path.stem}.ipynb").read_text(encoding="utf-8"))
    assert "papermill" not in executed["metadata"]
    assert all("execution" not in cell["metadata"] for cell in executed["cells"])
    manifest = json.loads((tree / "build" / "report_manifest.json").read_text(encoding="utf-8"))
    assert manifest[path.name]["summary"] == "Tiny report for 1 regions, by year."

    # cached: same key, file untouched
    mtime = path.stat().st_mtime_ns
    assert render_report("tiny_report", {"regions": '["Kidal"]'}) == path
    assert path.stat().st_mtime_ns == mtime
    # forced: rendered again, byte-identical
    render_report("tiny_report", {"regions": "Kidal"}, force=True)
    assert path.stat().st_mtime_ns != mtime
    assert path.read_bytes() == first_bytes


def test_failing_cell_names_the_notebook_and_the_cell(tree):
    with pytest.raises(MalitrackError) as error:
        render_report("tiny_report", {"fail": "true"})
    message = str(error.value)
    assert "notebook tiny_report.ipynb" in message
    assert "cell 5 ('if fail:')" in message  # counted from 1 in the notebook as written
    assert "ValueError: asked to fail" in message
    assert not (tree / "reports" / "tiny_report--true.html").exists()


def test_a_kernel_that_fails_to_start_is_retried_once(tree, monkeypatch):
    from nbclient import NotebookClient

    real_start = NotebookClient.start_new_kernel
    calls = []

    def flaky(self, **kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real_start(self, **kwargs)

    monkeypatch.setattr(NotebookClient, "start_new_kernel", flaky)
    assert render_report("tiny_report", {}).is_file()
    assert len(calls) == 2

    def dead(self, **kwargs):
        calls.append(kwargs)
        raise TimeoutError("Kernel didn't respond in 60 seconds")

    calls.clear()
    monkeypatch.setattr(NotebookClient, "start_new_kernel", dead)
    with pytest.raises(MalitrackError, match="kernel failed twice: TimeoutError"):
        render_report("tiny_report", {"frequency": "month"})
    assert len(calls) == 2


# ---------------------------------------------------------------- many reports in one kernel

PROBE_SEES = '''import os, sys, warnings
import matplotlib
import pandas as pd
import probe_helper
seen = {
    "leftovers": sorted(name for name in globals() if name.startswith("left_by_")),
    "linewidth": matplotlib.rcParams["lines.linewidth"],
    "max_rows": pd.get_option("display.max_rows"),
    "env": os.environ.get("LEAK_PROBE"),
    "cwd": os.path.basename(os.getcwd()),
    "filters": len(warnings.filters),
    "path": "/nowhere" in sys.path,
    "count": get_ipython().execution_count,
    "history": len(In),
    "helper_calls": len(probe_helper.calls),
}
print(seen)
probe_helper.warn()'''

PROBE_LEAVES = '''globals()[f"left_by_{mark}"] = True
matplotlib.rcParams["lines.linewidth"] = 9
pd.set_option("display.max_rows", 3)
os.environ["LEAK_PROBE"] = mark
os.chdir("..")
sys.path.append("/nowhere")
warnings.simplefilter("ignore")'''


@pytest.fixture
def probe(tree):
    """A notebook that prints what a previous report could have left behind, then leaves all of it.

    Its helper module stays imported from one report to the next, with the
    registry of warnings it already showed.
    """
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    parameters = nbformat.v4.new_code_cell('mark = "a"  # any text')
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [nbformat.v4.new_markdown_cell("# Leak probe"), parameters,
                      nbformat.v4.new_code_cell(PROBE_SEES), nbformat.v4.new_code_cell(PROBE_LEAVES)]
    nbformat.write(notebook, tree / "notebooks" / "leak_probe.ipynb")
    (tree / "notebooks" / "probe_helper.py").write_text(
        "import warnings\n"
        "from malitrack.report.kernel_state import reset_with_each_report\n"
        "calls = []  # module state, emptied before each report by the function it registers\n"
        "reset_with_each_report(calls.clear)\n"
        "def warn():\n"
        "    calls.append(1)\n"
        "    warnings.warn('probe warning, shown once per kernel unless reset')\n",
        encoding="utf-8",
    )
    return tree


def _seen(executed_path) -> str:
    notebook = json.loads(executed_path.read_text(encoding="utf-8"))
    texts = [output.get("text", "") for output in notebook["cells"][3]["outputs"]]
    return "".join("".join(text) if isinstance(text, list) else text for text in texts)


def test_reports_in_one_kernel_are_the_reports_made_alone_and_nothing_leaks(probe):
    from malitrack.report.render import ReportKernel, render_job

    first, second = (build.make_job("leak_probe", {"mark": mark}, "fixture-v1") for mark in ("first", "second"))
    tiny = build.make_job("tiny_report", {"regions": "Gao"}, "fixture-v1")
    render_job(second)
    render_job(tiny)
    alone = {job: (job.html_path.read_bytes(), job.executed_path.read_bytes()) for job in (second, tiny)}
    seen_alone = _seen(second.executed_path)
    assert "'leftovers': [], 'linewidth': 1.5, 'max_rows': 60, 'env': None, 'cwd': 'notebooks'" in seen_alone
    assert "probe warning" in seen_alone and "'helper_calls': 0" in seen_alone

    with ReportKernel() as kernel:
        for job in (first, second, tiny):
            render_job(job, kernel)
    assert _seen(second.executed_path) == seen_alone  # not left_by_first, nor rcParams, options, cwd, env ...
    for job in (second, tiny):
        assert (job.html_path.read_bytes(), job.executed_path.read_bytes()) == alone[job]


def test_a_failing_report_restarts_the_kernel_and_the_next_is_as_made_alone(tree):
    from malitrack.report.render import ReportKernel, render_job

    failing = build.make_job("tiny_report", {"fail": "true"}, "fixture-v1")
    after = build.make_job("tiny_report", {"frequency": "quarter"}, "fixture-v1")
    render_job(after)
    alone = after.html_path.read_bytes()
    with ReportKernel() as kernel:
        with pytest.raises(MalitrackError, match=r"notebook tiny_report.ipynb \(tiny_report--true\), cell 5 \('if fail:'\)"):
            render_job(failing, kernel)
        assert kernel._client is None  # shut down; the next report starts a new one
        render_job(after, kernel)
    assert after.html_path.read_bytes() == alone
