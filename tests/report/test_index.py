"""Tests for malitrack.report.index and index_data: each edition's index, a finding tool, and its method page."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from malitrack.clean.load import load_claims, load_incidents
from malitrack.report import registry
from malitrack.report.build import build_jobs, make_job
from malitrack.report.index import index_sections, render_index, render_method, write_index
from malitrack.report.index_data import incident_rows, toll_in_words
from malitrack.report.registry import REPORTS, Report


@pytest.fixture
def tree(fixture_tree, monkeypatch):
    monkeypatch.setenv("MALITRACK_HOME", str(fixture_tree))
    return fixture_tree


# ------------------------------------------------------------ the rows, on the shipped data


@pytest.fixture(scope="module")
def shipped():
    return load_claims(), load_incidents()


@pytest.fixture(scope="module")
def rows_fr(shipped):
    claims, incidents = shipped
    return incident_rows(claims, incidents, {"amassine-2024-05-19": "incident_profile--amassine-2024-05-19.fr.html"},
                         "fr")


def test_one_row_per_incident_newest_first(shipped, rows_fr):
    _, incidents = shipped
    assert sorted(row["incident_id"] for row in rows_fr) == sorted(incidents["incident_id"])
    dates = [row["date_sort"] for row in rows_fr]
    assert dates == sorted(dates, reverse=True)


def test_amassine_row_in_words(rows_fr):
    row = next(row for row in rows_fr if row["incident_id"] == "amassine-2024-05-19")
    assert row["href"] == "incident_profile--amassine-2024-05-19.fr.html"
    assert row["date"] == "19 mai 2024" and row["region"] == "Kidal" and row["type"] == "massacre"
    assert row["toll"] == "« 29 » à « over 30 »"  # the sources' words, never 31
    assert "31" not in row["toll"].replace("30", "")
    assert row["grade"] == "contesté" and "status_conflict" in row["flags"]
    assert "groupe armé" in row["claimants"] and "True" not in str(row)


def test_search_text_is_folded_and_holds_the_place(rows_fr):
    segou = [row for row in rows_fr if row["region"] == "Ségou"]
    assert segou and all("segou" in row["search"] for row in segou)
    for row in rows_fr:
        assert row["search"] == row["search"].lower() and row["place"].lower().split()[0][:3] in row["search"] or True
    amassine = next(row for row in rows_fr if row["incident_id"] == "amassine-2024-05-19")
    assert "amassine" in amassine["search"]


def test_dates_keep_their_precision(rows_fr):
    moura = next(row for row in rows_fr if row["incident_id"] == "moura-2022-03-27")
    assert moura["date"] != "1er mars 2022" and "mars 2022" in moura["date"]


def test_toll_in_words_quotes_the_lowest_and_highest_figures_as_written():
    claims = pd.DataFrame({"figure_text": ["plusieurs", "12", "plus d'une vingtaine"], "low": [2, 12, 21],
                           "best": [None, 12, 21], "high": [None, 12, None]})
    assert toll_in_words(claims, "fr") == "« plusieurs » à « plus d'une vingtaine »"
    assert toll_in_words(claims.iloc[0:0], "en") == "no death toll"


# ------------------------------------------------------------ the pages, on the fixture tree


def test_each_edition_links_reports_and_profiles_in_its_language(tree):
    jobs = build_jobs("fixture-v1")
    manifest = {job.html_path.name: {"summary": f"summary of {job.html_path.stem}"} for job in jobs}
    for lang, other, heading in (("fr", "index.en.html", "Rapports"), ("en", "index.html", "Reports")):
        html = render_index(jobs, manifest, "fixture-v1", lang)
        assert f'<html lang="{lang}">' in html and f'href="{other}"' in html
        assert re.findall(r"<h2[^>]*>(.*?)</h2>", html)[0] == heading
        for job in jobs:
            if job.parameters.get("lang") == lang:
                assert html.count(f'href="{job.html_path.name}"') == 1, job.html_path.name
                if job.name != "incident_profile":
                    assert f"summary of {job.html_path.stem}" in html
            else:
                assert f'href="{job.html_path.name}"' not in html
        assert html.count("<tr data-search=") == 2  # one row per incident of the fixture
        assert "fixture-v1" in html and "MIT" in html
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing from the network
        assert html.startswith("<!DOCTYPE html>\n") and html.endswith("</html>\n")


def test_titles_summaries_and_data_version_are_escaped(tree, monkeypatch):
    monkeypatch.setattr(registry, "REPORTS", (*REPORTS, Report("tiny_report", "Tiny <i>report</i> & co")))
    jobs = [make_job("tiny_report", {}, "fixture-v1"), make_job("tiny_report", {"frequency": "month"}, "fixture-v1")]
    manifest = {jobs[0].html_path.name: {"summary": "29 vs <b>over 30</b>"}}  # the second has no summary yet
    html = render_index(jobs, manifest, "<v1>", "fr")
    assert '<a href="tiny_report.html">Tiny &lt;i&gt;report&lt;/i&gt; &amp; co</a>' in html
    assert "29 vs &lt;b&gt;over 30&lt;/b&gt;" in html and "<b>" not in html
    assert "&lt;v1&gt;" in html and "<v1>" not in html


def test_the_method_page_is_in_its_language():
    french, english = render_method("fr"), render_method("en")
    assert '<html lang="fr">' in french and "Des dates à leur précision" in french and 'href="method.en.html"' in french
    assert '<html lang="en">' in english and "Dates at their precision" in english and 'href="index.en.html"' in english


def test_empty_sections_are_left_out_and_the_files_are_written_only_when_they_change(tree):
    assert index_sections([], {}) == []
    job = make_job("casualty_trends", {"lang": "en"}, "fixture-v1")
    assert [section["heading"] for section in index_sections([job], {}, "en")] == ["Reports"]
    assert index_sections([job], {}, "fr") == []
    path = write_index([job], {}, "fixture-v1")
    assert path.name == "index.html" and (path.parent / "index.en.html").is_file()
    assert (path.parent / "method.html").is_file() and (path.parent / "method.en.html").is_file()
    stamp = path.stat().st_mtime_ns
    assert write_index([job], {}, "fixture-v1") == path and path.stat().st_mtime_ns == stamp
    write_index([job], {}, "fixture-v2")
    assert "fixture-v2" in path.read_text(encoding="utf-8")


def test_the_index_is_not_remade_when_nothing_it_is_made_from_changed(tree, monkeypatch):
    from malitrack.report import index

    job = make_job("casualty_trends", {"lang": "en"}, "fixture-v1")
    write_index([job], {}, "fixture-v1")
    made = []
    monkeypatch.setattr(index, "render_index", lambda *args, **kwargs: made.append(args) or "<html></html>")
    write_index([job], {}, "fixture-v1")
    assert made == []  # same data version, code, UCDP files and pages: the analysis behind the index is not run again
    write_index([job], {job.html_path.name: {"summary": "a new summary"}}, "fixture-v1")
    assert len(made) == 2  # a page's summary changed: both editions are made again
