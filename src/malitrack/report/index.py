"""The index of each edition (``index.html`` in French, ``index.en.html``) and its method page.

The index is a finding tool: one row per incident (:mod:`malitrack.report.index_data`:
date at its precision, place, region, type, toll in the sources' words, kinds
of claimant, grade, disputes, link to the profile), with search, sort and
filters by region, year, type and dispute written into the page as a small
script (no CDN; without scripts the table still lists every incident). Above
it: one incident count with its definition, the "data through" line, the
reports with their summary line, the months after the claims stop (UCDP
events listed as UCDP recorded them), the licence and how to cite.

Pages are the Jinja templates ``templates/reports_index.html.j2`` and
``templates/method.html.j2``, rendered with autoescape, styled by the same
``malitrack_report/report.css`` as the reports.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from malitrack import paths
from malitrack.atomic import write_text_atomic
from malitrack.report.edition import LANGUAGES, counted, index_file, other_lang, prose, words
from malitrack.report.registry import report_spec
from malitrack.report.render import ReportJob, template_dir

INDEX_TEMPLATE = "reports_index.html.j2"
METHOD_TEMPLATE = "method.html.j2"
METHOD_SECTIONS = ("intro", "figures", "grades", "selection", "dates", "coverage", "sources")


@functools.lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _lang_of(job: ReportJob) -> str:
    return str(job.parameters.get("lang", LANGUAGES[0]))


def index_sections(jobs: list[ReportJob], manifest: dict[str, dict], lang: str = LANGUAGES[0]) -> list[dict]:
    """The reports of one edition that are not fanned out, as one section ``{"heading", "rows"}``.

    A row is ``{"href", "title", "summary"}``; the incident profiles are the
    incident table's links instead. Empty sections are left out.
    """
    rows = [
        {"href": job.html_path.name, "title": job.title,
         "summary": manifest.get(job.html_path.name, {}).get("summary", "")}
        for job in jobs if _lang_of(job) == lang and report_spec(job.name).fan_out is None
    ]
    return [{"heading": words("reports_heading", lang), "rows": rows}] if rows else []


def profile_files(jobs: list[ReportJob], lang: str) -> dict[str, str]:
    """Incident id -> file name of its profile in the edition ``lang``."""
    files = {}
    for job in jobs:
        fan_out = report_spec(job.name).fan_out
        if fan_out is not None and _lang_of(job) == lang:
            files[str(job.parameters[fan_out.parameter])] = job.html_path.name
    return files


def _choices(rows: list[dict], key: str, label_key: str | None = None) -> list[tuple[str, str]]:
    values = {}
    for row in rows:
        values.setdefault(row[key], row[label_key or key])
    return sorted(values.items(), key=lambda item: item[1])


def page_context(jobs: list[ReportJob], manifest: dict[str, dict], data_version: str, lang: str,
                 claims=None, incidents=None, events=None, facts=None) -> dict:
    """Everything the index template of one edition needs (the clean data loaded when not given)."""
    from malitrack.clean.load import load_claims, load_incidents
    from malitrack.report.index_data import after_claims, data_through, incident_rows, ucdp_events

    claims = load_claims() if claims is None else claims
    incidents = load_incidents() if incidents is None else incidents
    if events is None:
        events = ucdp_events(paths.raw_dir() / "ucdp")
    rows = incident_rows(claims, incidents, profile_files(jobs, lang), lang, facts)
    through = data_through(incidents, lang)
    return {
        "lang": lang,
        "other_lang": other_lang(lang),
        "twin": index_file(other_lang(lang)),
        "method": index_file(lang, "method"),
        "w": _catalog_words(lang),
        "count": words("incident_count", lang, n=counted(len(rows), "incident", lang)),
        "data_through": words("data_through", lang, date=through, version=data_version),
        "cite": words("cite", lang, version=data_version, date=through),
        "sections": index_sections(jobs, manifest, lang),
        "rows": rows,
        "regions": _choices(rows, "region"),
        "years": sorted({row["year"] for row in rows}, reverse=True),
        "types": _choices(rows, "type_code", "type"),
        "flags": [(key, words(word, lang)) for key, word in (("count_conflict", "flag_count"),
                  ("status_conflict", "flag_status"), ("attribution_conflict", "flag_attribution"))],
        "after": after_claims(claims, events, lang),
    }


def _catalog_words(lang: str) -> dict:
    from malitrack.report.i18n import catalog

    return catalog(lang)["ui"]


def render_index(jobs: list[ReportJob], manifest: dict[str, dict], data_version: str, lang: str = LANGUAGES[0],
                 **data) -> str:
    """HTML of one edition's index; every value escaped."""
    return _environment().get_template(INDEX_TEMPLATE).render(**page_context(jobs, manifest, data_version, lang, **data))


def render_method(lang: str) -> str:
    """HTML of one edition's method page, from the method notes of the locale files (``[prose.method]``)."""
    import mistune
    from markupsafe import Markup

    sections = [Markup(mistune.html(prose("method", section, lang))) for section in METHOD_SECTIONS]
    return _environment().get_template(METHOD_TEMPLATE).render(
        lang=lang, other_lang=other_lang(lang), twin=index_file(other_lang(lang), "method"),
        index=index_file(lang), w=_catalog_words(lang), sections=sections,
    )


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_text_atomic(path, text)


def index_key(jobs: list[ReportJob], manifest: dict[str, dict], data_version: str) -> str:
    """sha256 of what the index pages are made from: data version, report code, the UCDP files, the pages listed."""
    from malitrack.freshness import code_version

    digest = hashlib.sha256(f"{data_version}\n{code_version()}\n".encode())
    for path in sorted((paths.raw_dir() / "ucdp").glob("*.csv")):
        digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    listed = {job.html_path.name: manifest.get(job.html_path.name, {}) for job in jobs}
    digest.update(json.dumps(listed, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def write_index(jobs: list[ReportJob], manifest: dict[str, dict], data_version: str) -> Path:
    """Write each edition's index and method page; return the default index's path.

    Skipped when nothing they are made from changed (``index_key``, kept in
    ``build/index_key.txt``): a rebuild with nothing to do stays a matter of
    a second, not of the four seconds the index's analysis takes.
    """
    from malitrack.clean.load import load_claims, load_incidents
    from malitrack.report.index_data import incident_facts, ucdp_events

    key_file = paths.build_dir() / "index_key.txt"
    pages = [paths.reports_dir() / index_file(lang, kind) for lang in LANGUAGES for kind in ("index", "method")]
    key = index_key(jobs, manifest, data_version)
    if all(page.is_file() for page in pages) and key_file.is_file() and key_file.read_text(encoding="utf-8") == key:
        return pages[0]
    claims = load_claims()
    data = {"claims": claims, "incidents": load_incidents(), "events": ucdp_events(paths.raw_dir() / "ucdp"),
            "facts": incident_facts(claims)}
    for lang in LANGUAGES:
        _write_if_changed(paths.reports_dir() / index_file(lang), render_index(jobs, manifest, data_version, lang, **data))
        _write_if_changed(paths.reports_dir() / index_file(lang, "method"), render_method(lang))
    write_text_atomic(key_file, key)
    return paths.reports_dir() / index_file(LANGUAGES[0])
