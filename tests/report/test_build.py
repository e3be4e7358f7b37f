"""Tests for malitrack.report.build: report file names, cache keys, the pages a build removes.

On ``tests/data/fixture_tree/notebooks/tiny_report.ipynb`` in a temporary copy of
the fixture tree, and on the fixture's claims (a claim added, an incident
removed) in a temporary project tree; which reports a build makes is tested in test_registry.py,
the build end to end in test_notebooks.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from malitrack.errors import MalitrackError
from malitrack.report import build
from malitrack.report.inputs import ReportInputs
from malitrack.report.parameters import check_parameters
from malitrack.report.registry import report_spec

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
    inputs = ReportInputs("fixture-v1").version(report_spec("tiny_report"), job.parameters)
    assert inputs.startswith("data fixture-v1; reference ")
    assert job.key == build.cache_key(inputs, "tiny_report", job.parameters)


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

# ---------------------------------------------------------------- what a report depends on (fixture data)

SOBANE_CLAIM = (
    "sobane-da-2019-06-09,2019-06-09,Sobane,Mopti,OCHA,un,ReliefWeb,https://reliefweb.int/example-added-claim,"
    "2019-06-12,en,at least 35,villagers,,killed,claim added by the test\n"
)


def _keys() -> dict[str, str]:
    from malitrack.clean.load import ensure_clean

    ensure_clean()
    return {job.html_path.name: job.key for job in build.build_jobs(build._current_data_version())}


AGGREGATES_AND_SOBANE = ("casualty_trends", "dataset_comparison", "incident_profile--sobane-da-2019-06-09",
                         "source_disagreement", "toll_revisions")
AMASSINE_PAGE = "incident_profile--amassine-2024-05-19.fr.html"


def test_a_new_claim_changes_its_incident_and_the_aggregates_not_the_other_profiles(new_tree, monkeypatch):
    tree = new_tree()
    monkeypatch.setenv("MALITRACK_HOME", str(tree))
    before = _keys()
    claims = tree / "data" / "raw" / "claims" / "claims_fixture.csv"
    claims.write_text(claims.read_text(encoding="utf-8") + SOBANE_CLAIM, encoding="utf-8")
    after = _keys()
    assert sorted(after) == sorted(before)
    changed = sorted(name for name in after if after[name] != before[name])
    # every aggregate report and Sobane Da's profile, in both editions; Amassine's profile is not re-rendered
    assert changed == [f"{stem}.{lang}.html" for stem in AGGREGATES_AND_SOBANE for lang in ("en", "fr")]


def test_pages_of_removed_incidents_and_pages_no_longer_built_are_removed(new_tree, monkeypatch):
    tree = new_tree()
    monkeypatch.setenv("MALITRACK_HOME", str(tree))
    jobs = build.build_jobs(build._current_data_version())
    pages = {
        "incident_profile--gone-2019-01-01.html": {"report": "incident_profile", "parameters": {"incident_id": "gone-2019-01-01"}},
        "casualty_trends--month.html": {"report": "casualty_trends", "parameters": {"frequency": "month"}, "built": True},
        "casualty_trends--quarter.html": {"report": "casualty_trends", "parameters": {"frequency": "quarter"}},
        "incident_profile--sobane-da-2019-06-09.fr.html": {
            "report": "incident_profile", "parameters": {"incident_id": "sobane-da-2019-06-09", "lang": "fr"}, "built": True},
    }
    (tree / "reports").mkdir()
    (tree / "build" / "notebooks").mkdir(parents=True)
    for name in pages:
        (tree / "reports" / name).write_text("page", encoding="utf-8")
        (tree / "build" / "notebooks" / name.replace(".html", ".ipynb")).write_text("{}", encoding="utf-8")
    manifest = dict(pages)
    removed = build._prune(manifest, jobs, ReportInputs("fixture-v1"))
    # the incident is gone; the monthly trends were built and no longer are; the quarterly ones were asked for
    assert removed == ["casualty_trends--month.html", "incident_profile--gone-2019-01-01.html"]
    assert sorted(manifest) == ["casualty_trends--quarter.html", "incident_profile--sobane-da-2019-06-09.fr.html"]
    assert sorted(path.name for path in (tree / "reports").iterdir()) == sorted(manifest)
    assert sorted(path.stem for path in (tree / "build" / "notebooks").iterdir()) == [
        "casualty_trends--quarter", "incident_profile--sobane-da-2019-06-09.fr"]


def test_progress_gives_the_time_left_from_the_median_report():
    lines = []
    progress = build._Progress(total=5, workers=2, progress=lines.append)
    job = build.ReportJob("r", {}, Path("reports/r.html"), Path("build/r.ipynb"), "k", "R", "v")
    for seconds in (9.0, 1.0, 1.2):
        progress.report(job, {"seconds": seconds}, None)
    progress.report(job, None, MalitrackError("cell 3 failed"))
    # median 1.2 s, one report left, two workers
    assert lines[2] == "[3/5] r.html (1.2 s), about 1 s left"
    assert lines[3] == "[4/5] FAILED r.html: cell 3 failed"


@pytest.mark.slow
def test_a_rebuild_after_a_new_claim_renders_its_profile_and_the_aggregates(new_tree, monkeypatch):
    tree = new_tree()
    monkeypatch.setenv("MALITRACK_HOME", str(tree))
    build.build(jobs=2, progress=lambda message: None)
    amassine = (tree / "reports" / AMASSINE_PAGE).stat().st_mtime_ns
    claims = tree / "data" / "raw" / "claims" / "claims_fixture.csv"
    claims.write_text(claims.read_text(encoding="utf-8") + SOBANE_CLAIM, encoding="utf-8")
    messages = []
    build.build(jobs=2, progress=messages.append)
    rendered = sorted(message.split()[1] for message in messages if message.startswith("["))
    assert rendered == [f"{stem}.{lang}.html" for stem in AGGREGATES_AND_SOBANE for lang in ("en", "fr")]
    assert messages[-1].startswith(f"rendered {len(rendered)}, unchanged 2, failed 0, in ")
    assert (tree / "reports" / AMASSINE_PAGE).stat().st_mtime_ns == amassine
    assert "at least 35" in (tree / "reports" / "incident_profile--sobane-da-2019-06-09.en.html").read_text(encoding="utf-8")
