"""Benchmark of the freshness checks: what every report kernel and every build pays.

Run: python benchmarks/bench_freshness.py [--runs 7]
Each run is a fresh Python process, as a report kernel is. A kernel checks
``is_stale()``, which hashes the code files the manifest recorded; the full
``input_fingerprint()`` (what ``malitrack clean`` computes) first reads the
imports of the clean step's code with ``ast`` (the second call in a process
finds them cached); ``code_version()`` is computed once per build. Prints the
median of the runs. Needs a fresh ``data/clean`` (``malitrack clean``).
Compare with a kernel's start, about 2.6 s on this kind of machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PROBE = """
import json, time
from malitrack.freshness import code_version, input_fingerprint
from malitrack.clean.load import is_stale
times = {}
start = time.perf_counter(); stale = is_stale(); times["is_stale (a report kernel's check)"] = time.perf_counter() - start
assert not stale, "run `malitrack clean` first"
start = time.perf_counter(); input_fingerprint(); times["input_fingerprint, first call"] = time.perf_counter() - start
start = time.perf_counter(); input_fingerprint(); times["input_fingerprint, second call"] = time.perf_counter() - start
start = time.perf_counter(); code_version(); times["code_version, first call"] = time.perf_counter() - start
print(json.dumps(times))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    runs = [json.loads(subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout)
            for _ in range(args.runs)]
    for label in runs[0]:
        values = [run[label] * 1000 for run in runs]
        print(f"{label:<34} median {statistics.median(values):7.1f} ms   (min {min(values):.1f}, max {max(values):.1f}, {args.runs} processes)")


if __name__ == "__main__":
    main()
