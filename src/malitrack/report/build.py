"""Which reports to render, which are stale, and rendering them in parallel.

:func:`build` cleans the data if it is stale, makes one :class:`ReportJob`
per report of the registry (:mod:`malitrack.report.registry`: the reports
built by default, plus one copy per chosen incident for a report that fans
out), re-renders only the reports whose cache key changed (or all with
``force``) in parallel processes, each keeping one kernel for all its
reports, removes the pages no longer built, and writes ``reports/index.html``.
:func:`render_report` does the same for one report (``malitrack report``).

Each report is cached under a key: sha256 of the data it reads (the data
version, or for an incident profile that incident's claims and register row:
:mod:`malitrack.report.inputs`), the notebook's bytes, the package's code and
templates and the canonical JSON of its parameters. Keys are kept in ``build/report_manifest.json`` with each
report's title and summary line (for the index).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import statistics
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from malitrack import paths
from malitrack.atomic import write_text_atomic
from malitrack.errors import MalitrackError
from malitrack.freshness import code_version
from malitrack.report.edition import edition_file
from malitrack.report.index import write_index
from malitrack.report.inputs import ReportInputs
from malitrack.report.notebook_files import notebook_path
from malitrack.report.parameters import check_parameters, known_data_values, notebook_parameters
from malitrack.report.registry import ONE_INCIDENT, REPORTS, Report, built_reports, report_spec
from malitrack.report.render import ReportError, ReportJob, ReportKernel, render_job

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


def cache_key(inputs_version: str, name: str, parameters: dict[str, object], code: str | None = None) -> str:
    """sha256 of the report's inputs, notebook, template, package code and canonical parameters.

    ``inputs_version`` is what the report reads
    (:meth:`malitrack.report.inputs.ReportInputs.version`: the data version,
    or one incident's fingerprint). ``code`` is :func:`code_version`, when the
    caller already has it (a build keys two hundred reports and reads the
    code once). The template is part of the code version.
    """
    digest = hashlib.sha256()
    for part in (
        inputs_version.encode(),
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
    inputs: ReportInputs | None = None,
) -> ReportJob:
    """Check the parameters and work out the files, title and cache key of one report.

    ``inputs``: the build's :class:`ReportInputs` (one is made otherwise).
    """
    checked = check_parameters(name, parameters, known_values)
    stem = report_stem(name, checked)
    spec = report_spec(name)
    inputs = inputs or ReportInputs(data_version)
    if "lang" in checked:  # a notebook with a language parameter: one page per edition
        stem = edition_file(stem, str(checked["lang"])).removesuffix(".html")
    return ReportJob(
        name=name,
        parameters=checked,
        html_path=paths.reports_dir() / f"{stem}.html",
        executed_path=paths.build_dir() / "notebooks" / f"{stem}.ipynb",
        key=cache_key(inputs.version(spec, checked), name, checked, code),
        title=spec.title_for(checked),
        data_version=data_version,
    )


def build_jobs(data_version: str, reports: list[Report] | None = None, inputs: ReportInputs | None = None) -> list[ReportJob]:
    """One job per report of the build (the registry's by default) and language, then per fanned-out incident.

    A fanned-out copy with the report's own parameters (its default incident)
    is the same file as the report itself and is made once.
    """
    reports = built_reports() if reports is None else reports
    known_values = known_data_values()
    code = code_version()
    inputs = inputs or ReportInputs(data_version)
    jobs = [make_job(report.name, edition, data_version, known_values, code, inputs)
            for report in reports for edition in report.editions()]
    fanned_out = [report for report in reports if report.fan_out is not None]
    if fanned_out:
        from malitrack.clean.load import load_incidents

        incidents = load_incidents()
        for report in fanned_out:
            for incident_id in report.fan_out.choose(incidents):
                for edition in report.editions({**report.parameters, report.fan_out.parameter: incident_id}):
                    jobs.append(make_job(report.name, edition, data_version, known_values, code, inputs))
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


# ---------------------------------------------------------------- workers: one kept kernel each

_WORKER_KERNEL: ReportKernel | None = None


def _start_worker(log_path: str, notebooks: list[str]) -> None:
    """In a build worker: stderr (and the kernel's start-up chatter, which inherits it) to a log; one kernel.

    ipykernel prints transport warnings and "KeyboardInterrupt caught in kernel"
    at every start and stop; failures still reach the build as exceptions.
    The worker's kernel starts at once, importing what ``notebooks`` import,
    and is shut down when the worker exits.
    """
    from multiprocessing.util import Finalize

    global _WORKER_KERNEL
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(log, 2)
    os.close(log)
    _WORKER_KERNEL = ReportKernel(notebooks)
    Finalize(_WORKER_KERNEL, _WORKER_KERNEL.close, exitpriority=10)
    _WORKER_KERNEL.start()


def _render_in_worker(job: ReportJob) -> dict:
    return render_job(job, _WORKER_KERNEL)


# ---------------------------------------------------------------- progress


class _Progress:
    """One line per report: done/total, the report, its seconds, and the time left.

    Time left: the median seconds per report so far, times the reports left,
    divided by the workers (a median, so one slow first report, which pays
    for its kernel's start, does not skew it).
    """

    def __init__(self, total: int, workers: int, progress):
        self.total, self.workers, self.progress = total, workers, progress
        self.seconds: list[float] = []
        self.done = 0

    def report(self, job: ReportJob, entry: dict | None, error: BaseException | None) -> None:
        self.done += 1
        prefix = f"[{self.done}/{self.total}]"
        if error is not None:
            self.progress(f"{prefix} FAILED {job.html_path.name}: {error}")
            return
        self.seconds.append(entry["seconds"])
        left = statistics.median(self.seconds) * (self.total - self.done) / self.workers
        self.progress(f"{prefix} {job.html_path.name} ({entry['seconds']:.1f} s), about {_duration(left)} left")


def _duration(seconds: float) -> str:
    """Seconds for a person to read.

    >>> _duration(75.2)
    '1 min 15 s'
    """
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"


# ---------------------------------------------------------------- build


def _prune(manifest: dict[str, dict], jobs: list[ReportJob], inputs: ReportInputs) -> list[str]:
    """Remove the pages of incidents gone from the data, and the build's pages it no longer makes.

    A page is removed (its HTML, executed notebook and manifest entry) when
    its report depends on one incident that the clean data no longer holds,
    or when the build made it (``"built"`` in its entry) and no job of this
    build makes it. Pages made on request (``malitrack report``) for
    incidents that still exist are kept. Returns the removed file names.
    """
    current = {job.html_path.name for job in jobs}
    incidents = None
    removed = []
    for name, entry in sorted(manifest.items()):
        if name in current:
            continue
        spec = next((report for report in REPORTS if report.name == entry.get("report")), None)
        gone = entry.get("built", False)
        if not gone and spec is not None and spec.depends_on == ONE_INCIDENT:
            incidents = inputs.incident_ids() if incidents is None else incidents
            gone = str(entry.get("parameters", {}).get(spec.incident_parameter)) not in incidents
        if gone:
            (paths.reports_dir() / name).unlink(missing_ok=True)
            (paths.build_dir() / "notebooks" / Path(name).with_suffix(".ipynb").name).unlink(missing_ok=True)
            del manifest[name]
            removed.append(name)
    return removed


def _worker_pool(workers: int, notebooks: list[str]) -> ProcessPoolExecutor:
    """``workers`` processes, started now, each starting its kernel (stderr to ``build/kernels.log``)."""
    context = multiprocessing.get_context("spawn")  # workers see the current environment (MALITRACK_HOME)
    kernel_log = paths.build_dir() / "kernels.log"
    kernel_log.parent.mkdir(parents=True, exist_ok=True)
    kernel_log.write_text("")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(str(kernel_log), notebooks))
    for _ in range(workers):  # a pool starts a process per task submitted while none is idle
        pool.submit(int)
    return pool


def build(force: bool = False, jobs: int | None = None, progress=print) -> list[Path]:
    """Clean the data if needed, render every stale report in parallel, write ``reports/index.html``.

    Each worker keeps one kernel for all its reports (:class:`ReportKernel`).
    When the data must be cleaned first, the workers and their kernels start
    while it is. Returns the HTML paths (reports, then the index). A failed
    report does not stop the others; at the end MalitrackError names each
    failed notebook and cell.
    """
    from malitrack.clean.load import is_stale

    started = time.perf_counter()
    most_workers = max(1, jobs or os.cpu_count() or 1)
    notebooks = [report.name for report in built_reports()]
    pool = _worker_pool(most_workers, notebooks) if most_workers > 1 and is_stale() else None
    try:
        _ensure_clean_data()
        data_version = _current_data_version()
        inputs = ReportInputs(data_version)
        all_jobs = build_jobs(data_version, inputs=inputs)
        manifest = _read_manifest()
        pending = [job for job in all_jobs if force or not _is_fresh(job, manifest)]
        workers = min(most_workers, len(pending) or 1)
        progress(
            f"{len(all_jobs)} reports: {len(all_jobs) - len(pending)} up to date, "
            f"{len(pending)} to render with {workers} worker{'s' if workers > 1 else ''}"
        )
        failures = []
        shown = _Progress(len(pending), workers, progress)

        def record(job: ReportJob, entry: dict | None, error: BaseException | None) -> None:
            if error is not None:
                failures.append(str(error))
            else:
                manifest[job.html_path.name] = {**entry, "built": True}
                _write_manifest(manifest)
            shown.report(job, entry, error)

        if pending and pool is None and workers == 1:
            with ReportKernel(notebooks) as kernel:
                for job in pending:
                    try:
                        record(job, render_job(job, kernel), None)
                    except MalitrackError as error:
                        record(job, None, error)
        elif pending:
            pool = pool or _worker_pool(workers, notebooks)
            futures = {pool.submit(_render_in_worker, job): job for job in pending}
            for future in as_completed(futures):
                error = future.exception()
                if error is not None and not isinstance(error, MalitrackError):
                    error = ReportError(f"notebook {futures[future].name}.ipynb: {type(error).__name__}: {error}")
                record(futures[future], None if error else future.result(), error)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)  # none are left unless the build was interrupted

    removed = _prune(manifest, all_jobs, inputs)
    if removed:
        _write_manifest(manifest)
        progress(f"removed {len(removed)} page(s) no longer built: {', '.join(removed)}")
    index = write_index(all_jobs, manifest, data_version)
    progress(
        f"rendered {len(pending) - len(failures)}, unchanged {len(all_jobs) - len(pending)}, "
        f"failed {len(failures)}, in {_duration(time.perf_counter() - started)} ({index.name} written)"
    )
    if failures:
        raise MalitrackError(f"{len(failures)} report(s) failed:\n" + "\n".join(failures))
    return [job.html_path for job in all_jobs] + [index]
