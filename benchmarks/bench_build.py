"""Benchmark ``malitrack build`` against its floor, and its rebuilds.

Floor: the same number of bare papermill + nbconvert runs, one after another,
of an empty notebook that only imports pandas and matplotlib (each run pays
a kernel start and those imports, which a build that starts one kernel per
report pays for every report).

Measured in a temporary copy of the project tree (notebooks, data/raw,
data/clean; ``MALITRACK_HOME`` points at it), so the claim added below never
touches the checkout:

1. floor: the bare runs, half just before the cold build and half just after
   (this machine's speed drifts over minutes; the two halves bracket the build);
   ``--floor-runs F`` runs F of them and scales to the number of reports;
2. cold build: ``build(jobs=J)`` with no report rendered yet;
3. rebuild with nothing changed: ``build(jobs=J)``;
4. rebuild after adding one claim to one profiled incident (a copy of one of
   its raw claims, by another claimant, with another figure): re-cleans the
   data, then renders that incident's profile, the aggregate reports and the
   index.

Goals (issue 15): cold build <= 0.12 x the floor; rebuild after one claim <=
5 % of the cold build; rebuild with nothing changed <= 2 s.

``--profiles K`` keeps only the first K incident profiles (default: all), so
the ratios can be measured in minutes; N follows. The load average is printed
with the numbers (the machine is shared).

    python benchmarks/bench_build.py [--profiles K] [--jobs J] [--floor-runs F]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
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
        exporter = HTMLExporter(exclude_input=True)  # made once, as a build makes one per process
        started = time.perf_counter()
        for run in range(runs):
            executed = Path(folder) / f"run{run}.ipynb"
            papermill.execute_notebook(str(source), str(executed), kernel_name="python3", progress_bar=False)
            body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
            (Path(folder) / f"run{run}.html").write_text(body, encoding="utf-8")
        return time.perf_counter() - started


def copy_project(target: Path) -> Path:
    """The project's notebooks and data in ``target``, for ``MALITRACK_HOME``."""
    from malitrack import paths

    shutil.copytree(paths.notebooks_dir(), target / "notebooks")
    shutil.copytree(paths.raw_dir(), target / "data" / "raw")
    shutil.copytree(paths.clean_dir(), target / "data" / "clean")
    return target


def add_claim(raw_dir: Path, incident_id: str) -> Path:
    """Append to its raw claims file a copy of one claim of ``incident_id``, by another claimant."""
    for path in sorted((raw_dir / "claims").glob("claims_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        mine = [row for row in rows if row.get("incident_key") == incident_id and row.get("figure_text")]
        if not mine:
            continue
        claim = dict(mine[-1])
        claim.update(claimant="benchmark claimant", url=f"{claim['url']}#benchmark", figure_text="7",
                     note="added by benchmarks/bench_build.py")
        text = path.read_text(encoding="utf-8")
        with path.open("a", encoding="utf-8", newline="") as handle:
            if not text.endswith("\n"):
                handle.write("\n")
            csv.DictWriter(handle, fieldnames=list(rows[0])).writerow(claim)
        return path
    raise SystemExit(f"no raw claim with a figure for {incident_id}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=None, help="keep only the first K incident profiles")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="workers of the build")
    parser.add_argument("--floor-runs", type=int, default=None, help="bare runs measured (default: one per report)")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="bench-build-"))
    copy_project(home)
    os.environ["MALITRACK_HOME"] = str(home)  # read by the build's workers too

    from malitrack.report import build as reports
    from malitrack.report.registry import built_reports

    if args.profiles is not None:
        every_job = reports.build_jobs

        def fewer_jobs(data_version, reports_=None, inputs=None):
            jobs = every_job(data_version, reports_, inputs)
            defaults = [job for job in jobs if job.html_path.stem in {report.name for report in built_reports()}]
            profiles = [job for job in jobs if job not in defaults]
            return defaults + profiles[: args.profiles]

        reports.build_jobs = fewer_jobs

    all_jobs = reports.build_jobs(reports._current_data_version())
    runs = len(all_jobs)
    floor_runs = min(args.floor_runs or runs, runs)
    profiled = next(job.parameters["incident_id"] for job in all_jobs if job.html_path.stem.startswith("incident_profile--"))
    lines: list[str] = []

    floor_before = floor_seconds(floor_runs // 2)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    reports.build(jobs=args.jobs, progress=lines.append)
    cold = time.perf_counter() - started
    load_after = os.getloadavg()[0]
    floor_after = floor_seconds(floor_runs - floor_runs // 2)
    floor = (floor_before + floor_after) * runs / floor_runs

    started = time.perf_counter()
    reports.build(jobs=args.jobs, progress=lines.append)
    unchanged = time.perf_counter() - started

    add_claim(home / "data" / "raw", profiled)
    lines.clear()
    started = time.perf_counter()
    reports.build(jobs=args.jobs, progress=lines.append)
    one_claim = time.perf_counter() - started
    closing = lines[-1]
    shutil.rmtree(home)

    print(f"{runs} reports, {os.cpu_count()} cores, {args.jobs} workers; load average {load_before:.2f} before "
          f"the cold build, {load_after:.2f} after")
    print(f"  floor ({floor_runs} bare runs, scaled to {runs}) {floor:8.1f} s  "
          f"({floor_before / max(floor_runs // 2, 1):.2f} s per run before, "
          f"{floor_after / (floor_runs - floor_runs // 2):.2f} s after)")
    print(f"  cold build                     {cold:8.1f} s  ({cold / runs:.3f} s per report)")
    print(f"  rebuild, nothing changed       {unchanged:8.1f} s")
    print(f"  rebuild, one claim added       {one_claim:8.1f} s  (to {profiled}: {closing})")
    print(f"  cold / floor             {cold / floor:6.3f}  (goal <= 0.12)")
    print(f"  one claim / cold         {one_claim / cold:6.3f}  (goal <= 0.05)")
    print(f"  nothing changed          {unchanged:6.2f} s (goal <= 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
