"""Which reports to render, which are stale, and rendering them in parallel.

:func:`build` cleans the data if it is stale, makes one :class:`ReportJob`
per report of the registry (:mod:`malitrack.report.registry`: the reports
built by default, plus one copy per chosen incident for a report that fans
out), re-renders only the reports whose cache key changed (or all with
``force``) in parallel processes, and writes ``reports/index.html``.
:func:`render_report` does the same for one report (``malitrack report``).

Each report is cached under a key: sha256 of the data version, the notebook's
bytes, the template's bytes, the package's code and the canonical JSON of its
parameters. Keys are kept in ``build/report_manifest.json`` with each
report's title and summary line (for the index).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from malitrack import paths
from malitrack.atomic import write_text_atomic
from malitrack.errors import MalitrackError
from malitrack.freshness import code_version
from malitrack.report.edition import edition_file
from malitrack.report.index import write_index
from malitrack.report.notebook_files import notebook_path
from malitrack.report.parameters import check_parameters, known_data_values, notebook_parameters
from malitrack.report.registry import Report, built_reports, report_spec
from malitrack.report.render import ReportError, ReportJob, render_job

MANIFEST_NAME = "report_manifest.json"


# ---------------------------------------------------------------- naming


def _canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def report_stem(name: str, parameters: dict[str, object]) -> str:
    """File stem of a report: the notebook name, plus the non-default values.

    A value that survives slugging unchanged (an incident id) is used as is;
    otherwise a short hash of the parameters keeps names unique.

    The language is not part of the stem (see :func:`malitrack.report.edition.edition_file`).

    >>> report_stem("incident_profile", {"incident_id": "tessit-2022-08-07", "lang": "fr"})
    'incident_profile--tessit-2022-08-07'
    >>> report_stem("incident_profile", {"incident_id": "amassine-2024-05-19"})
    'incident_profile--amassine-2024-05-19'
    """
    defaults = {key: parameter.default for key, parameter in notebook_parameters(name).items()}
    fan_out = report_spec(name).fan_out
    named = {fan_out.parameter} if fan_out is not None else set()  # every profile is named after its incident
    changed = {key: value for key, value in parameters.items()
               if key != "lang" and (value != defaults.get(key) or key in named)}
    if not changed:
        return name
    texts = [value if isinstance(value, str) else _canonical_json(value) for value in changed.values()]
    slug = "-".join(_slug(text) or "none" for text in texts)[:80].strip("-")
    if len(changed) == 1 and texts[0] == slug:
        return f"{name}--{slug}"
    digest = hashlib.sha256(_canonical_json(changed).encode()).hexdigest()[:8]
    return f"{name}--{slug}-{digest}"


# ---------------------------------------------------------------- cache keys (code version: malitrack.freshness)


def cache_key(data_version: str, name: str, parameters: dict[str, object], code: str | None = None) -> str:
    """sha256 of the data version, notebook, template, package code and canonical parameters.

    ``code`` is :func:`code_version`, when the caller already has it (a build
    keys two hundred reports and reads the code once).
    """
    digest = hashlib.sha256()
    for part in (
        data_version.encode(),
        notebook_path(name).read_bytes(),
        (code or code_version()).encode(),
        _canonical_json({"report": name, "parameters": parameters}).encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


# ---------------------------------------------------------------- manifest


def _manifest_path() -> Path:
    return paths.build_dir() / MANIFEST_NAME


def _read_manifest() -> dict[str, dict]:
    try:
        return json.loads(_manifest_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _write_manifest(manifest: dict[str, dict]) -> None:
    write_text_atomic(_manifest_path(), json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def _is_fresh(job: ReportJob, manifest: dict[str, dict]) -> bool:
    entry = manifest.get(job.html_path.name)
    return entry is not None and entry.get("key") == job.key and job.html_path.is_file()


# ---------------------------------------------------------------- jobs


def _current_data_version() -> str:
    from malitrack.clean.load import data_version

    return str(data_version())


def make_job(
    name: str,
    parameters: dict[str, object] | None,
    data_version: str,
    known_values: dict[str, list[str]] | None = None,
    code: str | None = None,
) -> ReportJob:
    """Check the parameters and work out the files, title and cache key of one report."""
    checked = check_parameters(name, parameters, known_values)
    stem = report_stem(name, checked)
    if "lang" in checked:  # a notebook with a language parameter: one page per edition
        stem = edition_file(stem, str(checked["lang"])).removesuffix(".html")
    return ReportJob(
        name=name,
        parameters=checked,
        html_path=paths.reports_dir() / f"{stem}.html",
        executed_path=paths.build_dir() / "notebooks" / f"{stem}.ipynb",
        key=cache_key(data_version, name, checked, code),
        title=report_spec(name).title_for(checked),
        data_version=data_version,
    )


def build_jobs(data_version: str, reports: list[Report] | None = None) -> list[ReportJob]:
    """One job per report of the build (the registry's by default) and language, then per fanned-out incident.

    A fanned-out copy with the report's own parameters (its default incident)
    is the same file as the report itself and is made once.
    """
    reports = built_reports() if reports is None else reports
    known_values = known_data_values()
    code = code_version()
    jobs = [make_job(report.name, edition, data_version, known_values, code)
            for report in reports for edition in report.editions()]
    fanned_out = [report for report in reports if report.fan_out is not None]
    if fanned_out:
        from malitrack.clean.load import load_incidents

        incidents = load_incidents()
        for report in fanned_out:
            for incident_id in report.fan_out.choose(incidents):
                for edition in report.editions({**report.parameters, report.fan_out.parameter: incident_id}):
                    jobs.append(make_job(report.name, edition, data_version, known_values, code))
    unique = {job.html_path: job for job in jobs}
    return list(unique.values())


# ---------------------------------------------------------------- render


def render_report(name: str, parameters: dict[str, str], force: bool = False) -> Path:
    """Validate, execute and export one report; returns the HTML path in ``reports/``.

    Unchanged data, notebook and parameters reuse the existing HTML unless
    ``force``. ``malitrack report incident_profile -p incident_id tessit-2022-08-07``
    calls ``render_report("incident_profile", {"incident_id": "tessit-2022-08-07"})``.
    """
    job = make_job(name, parameters, _current_data_version())
    manifest = _read_manifest()
    if force or not _is_fresh(job, manifest):
        entry = render_job(job)
        manifest = _read_manifest()
        manifest[job.html_path.name] = entry
        _write_manifest(manifest)
    return job.html_path


def _ensure_clean_data() -> None:
    """Run ``malitrack.clean.run.clean`` unless data/clean/ was already made from the current
    raw files and code (its manifest's fingerprint): same files either way, as clean is
    deterministic, but a rebuild skips the clean's seconds."""
    from malitrack.clean.load import ensure_clean

    ensure_clean()


def _log_kernel_stderr(log_path: str) -> None:
    """In a build worker: send stderr (and the kernels' start-up chatter, which inherits it) to a log.

    ipykernel prints transport warnings and "KeyboardInterrupt caught in kernel"
    at every start and stop; failures still reach the build as exceptions.
    """
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(log, 2)
    os.close(log)


def build(force: bool = False, jobs: int | None = None, progress=print) -> list[Path]:
    """Clean the data if needed, render every stale report in parallel, write ``reports/index.html``.

    Returns the HTML paths (reports, then the index). A failed report does not
    stop the others; at the end MalitrackError names each failed notebook and cell.
    """
    started = time.perf_counter()
    _ensure_clean_data()
    data_version = _current_data_version()
    all_jobs = build_jobs(data_version)
    manifest = _read_manifest()
    pending = [job for job in all_jobs if force or not _is_fresh(job, manifest)]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(pending) or 1))
    progress(
        f"{len(all_jobs)} reports: {len(all_jobs) - len(pending)} up to date, "
        f"{len(pending)} to render with {workers} worker{'s' if workers > 1 else ''}"
    )
    failures = []

    def record(job: ReportJob, entry: dict | None, error: BaseException | None, done: int) -> None:
        if error is not None:
            failures.append(str(error))
            progress(f"[{done}/{len(pending)}] FAILED {job.html_path.name}: {error}")
            return
        manifest[job.html_path.name] = entry
        _write_manifest(manifest)
        progress(f"[{done}/{len(pending)}] {job.html_path.name} ({entry['seconds']:.1f} s)")

    if workers == 1:
        for done, job in enumerate(pending, start=1):
            try:
                record(job, render_job(job), None, done)
            except MalitrackError as error:
                record(job, None, error, done)
    elif pending:
        context = multiprocessing.get_context("spawn")  # workers see the current environment (MALITRACK_HOME)
        kernel_log = paths.build_dir() / "kernels.log"
        kernel_log.parent.mkdir(parents=True, exist_ok=True)
        kernel_log.write_text("")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_log_kernel_stderr,
                                 initargs=(str(kernel_log),)) as pool:
            futures = {pool.submit(render_job, job): job for job in pending}
            for done, future in enumerate(as_completed(futures), start=1):
                error = future.exception()
                if error is not None and not isinstance(error, MalitrackError):
                    error = ReportError(f"notebook {futures[future].name}.ipynb: {type(error).__name__}: {error}")
                record(futures[future], None if error else future.result(), error, done)

    index = write_index(all_jobs, manifest, data_version)
    if failures:
        raise MalitrackError(f"{len(failures)} report(s) failed:\n" + "\n".join(failures))
    progress(f"built {len(all_jobs)} reports and {index.name} in {time.perf_counter() - started:.1f} s")
    return [job.html_path for job in all_jobs] + [index]
