"""Benchmark ``malitrack build`` against its floor.

Floor: the same number of bare papermill + nbconvert runs, one after another,
of an empty notebook that only imports pandas and matplotlib (each run pays
the kernel start and those imports, which every report must pay too).

Measured, on the project's data:

1. floor: N bare runs, sequential, half of them just before the sequential
   build and half just after (this machine's speed drifts over minutes; the
   two halves bracket the build, so a slow spell weighs on both sides);
2. cold sequential build: ``build(force=True, jobs=1)``;
3. cold parallel build: ``build(force=True, jobs=J)`` (J = cores);
4. rebuild with nothing changed: ``build(jobs=J)``.

Goals (issue 5): sequential build <= 1.3 x floor; parallel build <= 0.6 x the
sequential build on 2 cores; rebuild <= 5 % of the cold build.

``--profiles K`` keeps only the first K incident profiles (default: all), so
the ratios can be measured in minutes rather than half an hour; N follows.
Writes into the project's reports/ and build/ like ``malitrack build``.

    python benchmarks/bench_build.py [--profiles K] [--jobs J]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def bare_notebook(folder: Path) -> Path:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell("import pandas\nimport matplotlib.pyplot")]
    path = folder / "bare.ipynb"
    nbformat.write(notebook, path)
    return path


def floor_seconds(runs: int) -> float:
    """Seconds for ``runs`` bare papermill + nbconvert runs, one after another."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    with tempfile.TemporaryDirectory() as folder:
        source = bare_notebook(Path(folder))
        exporter = HTMLExporter(exclude_input=True)  # made once, as build makes one per process
        started = time.perf_counter()
        for run in range(runs):
            executed = Path(folder) / f"run{run}.ipynb"
            papermill.execute_notebook(str(source), str(executed), kernel_name="python3", progress_bar=False)
            body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
            (Path(folder) / f"run{run}.html").write_text(body, encoding="utf-8")
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=None, help="keep only the first K incident profiles")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="workers of the parallel build")
    args = parser.parse_args()

    from malitrack.report import build as reports
    from malitrack.report.registry import built_reports

    if args.profiles is not None:
        every_job = reports.build_jobs

        def fewer_jobs(data_version):
            jobs = every_job(data_version)
            defaults = [job for job in jobs if job.html_path.stem in {report.name for report in built_reports()}]
            profiles = [job for job in jobs if job not in defaults]
            return defaults + profiles[: args.profiles]

        reports.build_jobs = fewer_jobs

    quiet = lambda message: None  # noqa: E731  (progress lines would drown the numbers)
    runs = len(reports.build_jobs(reports._current_data_version()))  # cleans the data if stale

    floor_before = floor_seconds(runs // 2)
    started = time.perf_counter()
    reports.build(force=True, jobs=1, progress=quiet)
    sequential = time.perf_counter() - started
    floor_after = floor_seconds(runs - runs // 2)
    timings = {f"floor ({runs} bare runs)": floor_before + floor_after, "sequential build": sequential}
    started = time.perf_counter()
    reports.build(force=True, jobs=args.jobs, progress=quiet)
    timings[f"parallel build ({args.jobs} jobs)"] = time.perf_counter() - started
    started = time.perf_counter()
    reports.build(jobs=args.jobs, progress=quiet)
    timings["rebuild, nothing changed"] = time.perf_counter() - started

    sequential = timings["sequential build"]
    parallel = timings[f"parallel build ({args.jobs} jobs)"]
    floor = timings[f"floor ({runs} bare runs)"]
    print(f"{runs} reports, {os.cpu_count()} cores; floor {floor_before / (runs // 2):.2f} s per run before "
          f"the sequential build, {floor_after / (runs - runs // 2):.2f} s after")
    for label, seconds in timings.items():
        print(f"  {label:32s} {seconds:8.1f} s  ({seconds / runs:.2f} s per report)")
    print(f"  sequential / floor      {sequential / floor:5.2f}  (goal <= 1.30)")
    print(f"  parallel / sequential   {parallel / sequential:5.2f}  (goal <= 0.60)")
    print(f"  rebuild / cold parallel {timings['rebuild, nothing changed'] / parallel:5.3f}  (goal <= 0.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
