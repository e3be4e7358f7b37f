"""Tests for malitrack.report.index: reports/index.html from its Jinja template."""

from __future__ import annotations

import re

import pytest

from malitrack.report import registry
from malitrack.report.build import build_jobs, make_job
from malitrack.report.index import index_sections, render_index, write_index
from malitrack.report.registry import REPORTS, Report


@pytest.fixture
def tree(fixture_tree, monkeypatch):
    monkeypatch.setenv("MALITRACK_HOME", str(fixture_tree))
    return fixture_tree


def test_every_job_is_listed_once_in_its_section(tree):
    jobs = build_jobs("fixture-v1") + [make_job("tiny_report", {"frequency": "month"}, "fixture-v1")]
    manifest = {job.html_path.name: {"summary": f"summary of {job.html_path.stem}"} for job in jobs}
    html = render_index(jobs, manifest, "fixture-v1")
    for job in jobs:
        assert html.count(f'href="{job.html_path.name}"') == 1
        assert f"summary of {job.html_path.stem}" in html
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == ["Reports", "Incident profiles (2 incidents with at least 2 types of claimant)"]
    reports, profiles = html.split("<h2>")[1:]
    assert 'href="tiny_report--month.html">Tiny report</a>' in reports  # not registered: titled by its heading
    assert 'href="incident_profile--sobane-da-2019-06-09.html">Incident profile: sobane-da-2019-06-09</a>' in profiles
    assert "Data version <code>fixture-v1</code>" in html
    assert html.startswith("<!DOCTYPE html>\n") and html.endswith("</html>\n")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


def test_titles_summaries_and_data_version_are_escaped(tree, monkeypatch):
    monkeypatch.setattr(registry, "REPORTS", (*REPORTS, Report("tiny_report", "Tiny <i>report</i> & co")))
    jobs = [make_job("tiny_report", {}, "fixture-v1"), make_job("tiny_report", {"frequency": "month"}, "fixture-v1")]
    manifest = {jobs[0].html_path.name: {"summary": "29 vs <b>over 30</b>"}}  # the second has no summary yet
    html = render_index(jobs, manifest, "<v1>")
    assert '<a href="tiny_report.html">Tiny &lt;i&gt;report&lt;/i&gt; &amp; co</a>' in html
    assert "29 vs &lt;b&gt;over 30&lt;/b&gt;" in html and "<b>" not in html
    assert '<a href="tiny_report--month.html">Tiny &lt;i&gt;report&lt;/i&gt; &amp; co</a></td><td></td>' in html
    assert "<code>&lt;v1&gt;</code>" in html


def test_empty_sections_are_left_out_and_the_file_is_written_only_when_it_changes(tree):
    assert index_sections([], {}) == []
    job = make_job("casualty_trends", {}, "fixture-v1")
    assert [section["heading"] for section in index_sections([job], {})] == ["Reports"]
    path = write_index([job], {}, "fixture-v1")
    stamp = path.stat().st_mtime_ns
    assert write_index([job], {}, "fixture-v1") == path and path.stat().st_mtime_ns == stamp
    write_index([job], {}, "fixture-v2")
    assert "fixture-v2" in path.read_text(encoding="utf-8")
