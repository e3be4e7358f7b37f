"""Benchmark of the clean step: the shipped data, and the same rows repeated.

Run: python benchmarks/bench_clean.py [--repeat 1 10 50]
Prints wall time and the process's peak resident memory for `malitrack clean` on the
real raw data (written to a temporary folder), then for the check+parse stage
(`pipeline.check_claims`) on the real rows repeated N times (each copy made a
distinct claim by tagging its note), to show how time grows with rows.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import resource
from pathlib import Path

import pandas as pd

from malitrack import paths
from malitrack.clean.claims import check_claims
from malitrack.clean.corrections import apply_corrections, load_corrections
from malitrack.clean.run import clean, raw_claims_paths
from malitrack.clean.readers import read_claims_files


def measure(label, function):
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<40} {seconds:8.2f} s   process peak RSS so far {peak:8.0f} MiB")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, nargs="*", default=[1, 10, 50])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clean(clean_dir=Path(tmp) / "warmup", write=False)  # imports and caches
        measure("clean (real data, written)", lambda: clean(clean_dir=Path(tmp) / "clean"))
    rows, _ = read_claims_files(raw_claims_paths())
    corrections_path = paths.raw_dir() / "corrections.csv"
    rows = apply_corrections(rows, load_corrections(corrections_path), corrections_path)
    for n in args.repeat:
        copies = []
        for i in range(n):
            copy = rows.copy()
            copy["note"] = copy["note"] + f" [copy {i}]"
            copies.append(copy)
        big = pd.concat(copies, ignore_index=True)
        clean_rows, quarantine, _ = measure(f"check_claims x{n} ({len(big):,} rows)", lambda: check_claims(big))
        assert len(clean_rows) + len(quarantine) == len(big)


if __name__ == "__main__":
    main()
