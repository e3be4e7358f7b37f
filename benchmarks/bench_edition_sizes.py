"""Weight of the two editions, estimated from a sample of rendered profiles (no full build).

Renders every ``step``-th incident profile of the build in both languages,
plus the other reports and the indexes, into a temporary copy of the project
(``MALITRACK_HOME``), and prints the median profile size and the estimated
total of all pages of both editions. Targets (issue 14): median profile
≤ 120 KB, all pages ≤ 40 MB.

    .venv/bin/python benchmarks/bench_edition_sizes.py [step]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path


def main(step: int = 20) -> None:
    from malitrack import paths

    with tempfile.TemporaryDirectory(prefix="malitrack-sizes-") as folder:
        root = Path(folder)
        shutil.copytree(paths.root() / "notebooks", root / "notebooks")
        shutil.copytree(paths.raw_dir(), root / "data" / "raw")
        os.environ["MALITRACK_HOME"] = str(root)
        from malitrack.clean.load import data_version, ensure_clean
        from malitrack.report.build import _read_manifest, build_jobs
        from malitrack.report.index import write_index
        from malitrack.report.render import render_job

        ensure_clean()
        jobs = build_jobs(str(data_version()))
        profiles = [job for job in jobs if job.name == "incident_profile"]
        others = [job for job in jobs if job.name != "incident_profile"]
        incidents = sorted({job.parameters["incident_id"] for job in profiles})
        sample_ids = set(incidents[::step])
        sample = [job for job in profiles if job.parameters["incident_id"] in sample_ids]
        for job in others + sample:
            render_job(job)
        write_index(jobs, _read_manifest(), str(data_version()))
        sizes = sorted(job.html_path.stat().st_size for job in sample)
        fixed = sum(job.html_path.stat().st_size for job in others)
        pages = sum(path.stat().st_size for path in paths.reports_dir().glob("*.html")
                    if not path.name.startswith("incident_profile"))
        mean = statistics.fmean(sizes)
        print(f"profiles sampled: {len(sample)} of {len(profiles)} ({len(sample_ids)} incidents × 2 languages)")
        print(f"profile size: median {statistics.median(sizes) / 1024:.0f} KB, "
              f"min {sizes[0] / 1024:.0f} KB, max {sizes[-1] / 1024:.0f} KB")
        print(f"other reports (both languages): {fixed / 1e6:.2f} MB; with indexes and method pages: {pages / 1e6:.2f} MB")
        print(f"estimated total, both editions: {(pages + mean * len(profiles)) / 1e6:.1f} MB for "
              f"{len(profiles) + len(others)} reports")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
