"""``reports/index.html``: a link and a one-line summary for every report.

Reports without a fan-out come first under "Reports"; each report rendered
once per incident (:class:`malitrack.report.registry.IncidentFanOut`) gets its
own section. The page is the Jinja template
``templates/reports_index.html.j2``, rendered with autoescape, so a summary
holding ``<b>`` shows as text. The summary is the text the notebook's cell
tagged ``summary`` printed, kept in the build manifest.
"""

from __future__ import annotations

import functools
from pathlib import Path

from malitrack import paths
from malitrack.atomic import write_text_atomic
from malitrack.report.registry import report_spec
from malitrack.report.render import ReportJob, template_dir

INDEX_TEMPLATE = "reports_index.html.j2"


@functools.lru_cache(maxsize=1)
def _template():
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template(INDEX_TEMPLATE)


def index_sections(jobs: list[ReportJob], manifest: dict[str, dict]) -> list[dict]:
    """The index's sections, each ``{"heading", "rows"}``; a row is ``{"href", "title", "summary"}``.

    Empty sections are left out.
    """
    def row(job: ReportJob) -> dict:
        summary = manifest.get(job.html_path.name, {}).get("summary", "")
        return {"href": job.html_path.name, "title": job.title, "summary": summary}

    main, fanned = [], {}
    for job in jobs:
        fan_out = report_spec(job.name).fan_out
        if fan_out is None:
            main.append(job)
        else:
            fanned.setdefault(job.name, (fan_out, []))[1].append(job)
    sections = [{"heading": "Reports", "rows": [row(job) for job in main]}] if main else []
    for fan_out, fan_jobs in fanned.values():
        sections.append({"heading": fan_out.heading(len(fan_jobs)), "rows": [row(job) for job in fan_jobs]})
    return sections


def render_index(jobs: list[ReportJob], manifest: dict[str, dict], data_version: str) -> str:
    """HTML of reports/index.html: one link and one-line summary per report, all text escaped."""
    return _template().render(data_version=data_version, sections=index_sections(jobs, manifest))


def write_index(jobs: list[ReportJob], manifest: dict[str, dict], data_version: str) -> Path:
    """Write reports/index.html (only if its content changed) and return its path."""
    path = paths.reports_dir() / "index.html"
    text = render_index(jobs, manifest, data_version)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_text_atomic(path, text)
    return path
