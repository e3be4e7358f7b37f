"""Tests for malitrack.report.registry: the reports as data, and what the build makes of them."""

from __future__ import annotations

import pytest

from malitrack.errors import MalitrackError
from malitrack.report import registry
from malitrack.report.build import build_jobs
from malitrack.report.notebook_files import available_reports, notebook_heading
from malitrack.report.parameters import notebook_parameters
from malitrack.report.registry import REPORTS, IncidentFanOut, Report, report_spec


def test_every_notebook_is_registered_once_and_every_entry_has_a_notebook():
    names = [report.name for report in REPORTS]
    assert len(names) == len(set(names))
    assert sorted(names) == available_reports()


@pytest.mark.parametrize("report", REPORTS, ids=lambda report: report.name)
def test_titles_start_with_the_notebook_heading_and_name_only_declared_parameters(report):
    assert report.title.startswith(notebook_heading(report.name)) or report.name == "dataset_comparison"
    declared = notebook_parameters(report.name)
    defaults = {name: parameter.default for name, parameter in declared.items()}
    report.title_for(defaults)  # a KeyError here names a parameter the notebook does not declare
    assert set(report.parameters) <= set(declared)
    if report.fan_out is not None:
        assert report.fan_out.parameter in declared


def test_the_build_renders_the_four_reports_and_profiles_the_disputed_incidents():
    built = [report.name for report in registry.built_reports()]
    assert built == ["casualty_trends", "source_disagreement", "incident_profile", "toll_revisions", "dataset_comparison"]
    assert report_spec("incident_profile").fan_out == IncidentFanOut("incident_id", min_claimant_types=2)
    assert report_spec("incident_profile").title_for({"incident_id": "moura-2022-03-27", "lang": "en"}) == (
        "Incident profile: moura-2022-03-27"
    )
    assert report_spec("incident_profile").title_for({"incident_id": "moura-2022-03-27", "lang": "fr"}) == (
        "Profil d'incident : moura-2022-03-27"
    )


def test_unknown_report_lists_the_reports():
    with pytest.raises(MalitrackError, match="valid reports: casualty_trends, dataset_comparison"):
        report_spec("casualty_trend")


@pytest.fixture
def tree(fixture_tree, monkeypatch):
    monkeypatch.setenv("MALITRACK_HOME", str(fixture_tree))
    return fixture_tree


def test_build_jobs_follow_the_registry(tree):
    """Fixture tree: Amassine (the default profile) and Sobane Da have several claimant types."""
    jobs = build_jobs("fixture-v1")
    assert [job.html_path.name for job in jobs] == [
        "casualty_trends.fr.html", "casualty_trends.en.html", "source_disagreement.fr.html",
        "source_disagreement.en.html", "incident_profile--amassine-2024-05-19.fr.html",
        "incident_profile--amassine-2024-05-19.en.html", "toll_revisions.fr.html", "toll_revisions.en.html",
        "dataset_comparison.fr.html", "dataset_comparison.en.html",
        "incident_profile--sobane-da-2019-06-09.fr.html", "incident_profile--sobane-da-2019-06-09.en.html",
    ]
    profiles = [job for job in jobs if job.name == "incident_profile"]
    assert [job.title for job in profiles] == [
        "Profil d'incident : amassine-2024-05-19", "Incident profile: amassine-2024-05-19",
        "Profil d'incident : sobane-da-2019-06-09", "Incident profile: sobane-da-2019-06-09"]
    assert profiles[3].parameters == {"incident_id": "sobane-da-2019-06-09", "lang": "en"}


def test_a_new_report_is_one_registry_entry(tree, monkeypatch):
    """tiny_report is a notebook of the tree but not in the registry: one entry puts it in the build."""
    assert "tiny_report" in available_reports()
    assert "tiny_report" not in [job.name for job in build_jobs("fixture-v1")]
    assert report_spec("tiny_report") == Report("tiny_report", "Tiny report", in_build=False)  # renders alone

    entry = Report("tiny_report", "Tiny report by {frequency}", parameters={"frequency": "month"})
    monkeypatch.setattr(registry, "REPORTS", (*REPORTS, entry))
    tiny = [job for job in build_jobs("fixture-v1") if job.name == "tiny_report"]
    assert [(job.html_path.name, job.title) for job in tiny] == [("tiny_report--month.html", "Tiny report by month")]
    assert tiny[0].parameters["frequency"] == "month" and tiny[0].parameters["min_types"] == 2


def test_a_fan_out_chooses_incidents_by_claimant_types(tree, monkeypatch):
    entry = Report("incident_profile", "Profile {incident_id}", fan_out=IncidentFanOut(min_claimant_types=4))
    monkeypatch.setattr(registry, "REPORTS", (entry,))
    jobs = build_jobs("fixture-v1")
    # Sobane Da has 5 claimant types, Amassine 3: only the default (Amassine) and Sobane Da
    assert [job.title for job in jobs] == ["Profile amassine-2024-05-19"] * 2 + ["Profile sobane-da-2019-06-09"] * 2
    monkeypatch.setattr(registry, "REPORTS", (Report("incident_profile", "P", fan_out=IncidentFanOut(min_claimant_types=9)),))
    # every profile is named after its incident, the default one (Amassine) included
    assert [job.html_path.name for job in build_jobs("fixture-v1")] == [
        "incident_profile--amassine-2024-05-19.fr.html", "incident_profile--amassine-2024-05-19.en.html"]
