"""The reports malitrack publishes, as data: one entry per report notebook.

A new report is a notebook in ``notebooks/`` plus one :class:`Report` line in
:data:`REPORTS`; the build engine reads nothing else about it. An entry says
what the index calls the report, whether ``malitrack build`` renders it,
with which parameters, and whether it is rendered once more per chosen
incident (:class:`IncidentFanOut`: the incident profiles). Every built report
is rendered once per language (:meth:`Report.editions`: French and English). The parameters
themselves, their defaults and their rules are declared only in the
notebook's ``parameters`` cell (:mod:`malitrack.report.parameters`).

Kept as a Python module, not a TOML file, so that the reports' cache key
(which hashes the package's ``*.py`` files) changes when an entry does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from malitrack.report.i18n import LANGUAGES
from malitrack.report.notebook_files import notebook_heading, notebook_path


@dataclass(frozen=True)
class IncidentFanOut:
    """Render the report once more per incident chosen by :func:`malitrack.analysis.select.select_incidents`.

    The incident's id is passed as ``parameter``; the index lists the copies
    under ``section``.
    """

    parameter: str = "incident_id"
    min_claimant_types: int = 2
    section: str = "Incident profiles"

    def choose(self, incidents) -> list[str]:
        """Ids of the chosen incidents, sorted."""
        from malitrack.analysis.select import select_incidents

        chosen = select_incidents(incidents, min_claimant_types=self.min_claimant_types)
        return sorted(chosen["incident_id"].astype(str))

    def heading(self, count: int) -> str:
        """The index section's heading for ``count`` rendered copies."""
        return f"{self.section} ({count} incidents with at least {self.min_claimant_types} types of claimant)"


#: ``Report.depends_on`` values: the whole clean dataset, or one incident's claims and register row.
WHOLE_DATA, ONE_INCIDENT = "data", "incident"


@dataclass(frozen=True)
class Report:
    """One report notebook, as the build and the index see it.

    ``title`` is formatted with the report's checked parameters
    (``"Incident profile: {incident_id}"``). ``parameters`` are the values
    ``malitrack build`` renders it with; empty means the notebook's own
    defaults. ``in_build`` False: rendered only on request (``malitrack
    report NAME``).
    """

    name: str
    title: str
    in_build: bool = True
    parameters: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    fan_out: IncidentFanOut | None = None
    depends_on: str = WHOLE_DATA
    incident_parameter: str = "incident_id"

    languages: tuple[str, ...] = LANGUAGES

    def title_for(self, parameters: dict[str, object]) -> str:
        """The title in the page's language (``[title]`` of the locale files, which repeat the English
        ``title`` of the registered entry), else ``title`` as it is."""
        from malitrack.report.i18n import catalog

        lang = parameters.get("lang")
        if lang is not None and catalog("en").get("title", {}).get(self.name) == self.title:
            return catalog(str(lang))["title"][self.name].format(**parameters)
        return self.title.format(**parameters)

    def editions(self, parameters: Mapping[str, object] | None = None) -> list[dict[str, object]]:
        """The parameters of each language's edition of this report: one per language, French first.

        A notebook that declares no ``lang`` parameter has one edition.
        """
        from malitrack.report.parameters import notebook_parameters

        base = dict(self.parameters if parameters is None else parameters)
        if "lang" not in notebook_parameters(self.name):
            return [base]
        return [{**base, "lang": lang} for lang in self.languages]


#: Every report, in the order of the index.
REPORTS: tuple[Report, ...] = (
    Report("casualty_trends", "Casualty trends"),
    Report("source_disagreement", "Source disagreement"),
    Report("incident_profile", "Incident profile: {incident_id}", fan_out=IncidentFanOut(),
           depends_on=ONE_INCIDENT),
    Report("toll_revisions", "Toll revisions: how tolls move"),
    # reads the shipped UCDP files by default (an ACLED export is the user's own, passed only on request)
    Report("dataset_comparison", "What UCDP and ACLED say about our incidents"),
)


def report_spec(name: str) -> Report:
    """The registry entry of report ``name``.

    A notebook not (yet) in :data:`REPORTS` can still be rendered on its own:
    it is titled by its first heading and left out of ``malitrack build``.
    MalitrackError listing the valid names if there is no such notebook.
    """
    notebook_path(name)
    for report in REPORTS:
        if report.name == name:
            return report
    return Report(name, title=notebook_heading(name).replace("{", "{{").replace("}", "}}"), in_build=False)


def built_reports() -> list[Report]:
    """The reports ``malitrack build`` renders, in the order of the index."""
    return [report for report in REPORTS if report.in_build]
