"""Tests for malitrack.report.render: a notebook executed and exported (each runs a kernel).

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
    import papermill

    real_execute = papermill.execute_notebook
    calls = []

    def flaky(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real_execute(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    assert render_report("tiny_report", {}).is_file()
    assert len(calls) == 2

    def dead(*args, **kwargs):
        calls.append(args[0])
        raise TimeoutError("Kernel didn't respond in 60 seconds")

    calls.clear()
    monkeypatch.setattr(papermill, "execute_notebook", dead)
    with pytest.raises(MalitrackError, match="kernel failed twice: TimeoutError"):
        render_report("tiny_report", {"frequency": "month"})
    assert len(calls) == 2
