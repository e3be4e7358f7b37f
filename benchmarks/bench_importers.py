"""Scale benchmark for malitrack.importers.acled.read_acled on synthetic ACLED-layout files.

Issue 6 asks: read + validate + convert an ACLED export within 4x the time of
a bare ``pandas.read_csv(engine="pyarrow")`` of the same file, peak memory
under 6 GB at 2.5M rows, time growing linearly with the number of rows.

Method: write synthetic files in ACLED's current layout (SYNTHETIC rows, not
ACLED data: every notes value starts with "SYNTHETIC TEST ROW") of 100k, 1M and
2.5M rows into a temporary folder with pyarrow's CSV writer; then, for each
file, time (wall clock, and CPU time of all threads) the bare read and
``read_acled`` in fresh Python processes, so the peak memory (``VmHWM`` of
/proc/self/status; ``ru_maxrss`` would inherit the parent's peak across exec)
is that one step's alone; best of ``--repeat`` runs. Each process first reads
the 7-row fixture once: one-time library start-up (pandera registers its
checks, the actor aliases compile; about 0.5 s) is reported apart as
``read_acled_first_call_on_7_rows_s``, not charged to the per-row time.

    python benchmarks/bench_importers.py                 # 100k, 1M, 2.5M
    python benchmarks/bench_importers.py --sizes 100000  # quick look
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from malitrack.importers.acled import ACLED_LAYOUTS
from malitrack.paths import root

WARM_UP_FILE = root() / "tests" / "data" / "acled_synthetic_current.csv"

MARK = "SYNTHETIC TEST ROW — not ACLED data"
ACTORS = (
    ("Military Forces of Mali (2021-)", "State forces"),
    ("JNIM: Group for Support of Islam and Muslims", "Rebel group"),
    ("Islamic State (Sahel)", "Rebel group"),
    ("Unidentified Armed Group (Mali)", "Political militia"),
    ("Dozo Communal Militia (Mali)", "Identity militia"),
    ("Civilians (Mali)", "Civilians"),
)
PLACES = (
    ("Kidal", "Kidal", 18.4411, 1.4078),
    ("Menaka", "Menaka", 15.9182, 2.4022),
    ("Gao", "Gao", 16.2666, -0.0400),
    ("Mopti", "Sevare", 14.5167, -4.0833),
    ("Segou", "Niono", 14.2526, -5.9931),
    ("Kayes", "Kayes", 14.4469, -11.4456),
    ("Timbuktu", "Timbuktu", 16.7666, -3.0026),
    ("Bamako", "Bamako", 12.6392, -8.0029),
)
EVENT_TYPES = (
    ("Battles", "Armed clash", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
)

_READ_BARE = """
import re, sys, time
import pandas as pd
pd.read_csv(sys.argv[2], engine="pyarrow")  # warm-up on a 7-row file
start, cpu = time.perf_counter(), time.process_time()
frame = pd.read_csv(sys.argv[1], engine="pyarrow")
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak_kb = re.search(r"VmHWM:\s+(\d+) kB", open("/proc/self/status").read()).group(1)
print(seconds, cpu, peak_kb, len(frame), 0)
"""

_READ_ACLED = """
import re, sys, time
from malitrack.importers.acled import read_acled
warm_up = time.perf_counter()
read_acled(sys.argv[2])  # warm-up on a 7-row file: pandera and the actor table load on first use
warm_up = time.perf_counter() - warm_up
start, cpu = time.perf_counter(), time.process_time()
result = read_acled(sys.argv[1])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak_kb = re.search(r"VmHWM:\s+(\d+) kB", open("/proc/self/status").read()).group(1)
print(seconds, cpu, peak_kb, len(result.claims), warm_up)
"""


def write_synthetic_acled(path: Path, rows: int, seed: int = 6) -> None:
    """A synthetic file in ACLED's current layout (every value made up; notes say so)."""
    rng = np.random.default_rng(seed)
    actor1 = rng.integers(0, 5, rows)
    actor2 = rng.integers(1, 6, rows)
    place = rng.integers(0, len(PLACES), rows)
    kind = rng.integers(0, len(EVENT_TYPES), rows)
    days = rng.integers(0, 14 * 365, rows)
    dates = (np.datetime64("2012-01-01") + days.astype("timedelta64[D]")).astype(str)
    names = np.array([a[0] for a in ACTORS], dtype=object)
    types = np.array([a[1] for a in ACTORS], dtype=object)
    admin1 = np.array([p[0] for p in PLACES], dtype=object)[place]
    location = np.array([p[1] for p in PLACES], dtype=object)[place]
    lat = np.array([p[2] for p in PLACES])[place] + rng.normal(0, 0.05, rows)
    lon = np.array([p[3] for p in PLACES])[place] + rng.normal(0, 0.05, rows)
    event_type = np.array([e[0] for e in EVENT_TYPES], dtype=object)[kind]
    columns = {
        "event_id_cnty": np.char.add("MLISYN", np.arange(rows).astype(str)),
        "event_date": dates,
        "year": dates.astype("datetime64[Y]").astype(int) + 1970,
        "time_precision": rng.choice([1, 1, 1, 2, 3], rows),
        "disorder_type": np.array([e[2] for e in EVENT_TYPES], dtype=object)[kind],
        "event_type": event_type,
        "sub_event_type": np.array([e[1] for e in EVENT_TYPES], dtype=object)[kind],
        "actor1": names[actor1],
        "assoc_actor_1": np.where(actor1 == 0, "Africa Corps", ""),
        "inter1": types[actor1],
        "actor2": names[actor2],
        "assoc_actor_2": "",
        "inter2": types[actor2],
        "interaction": types[actor1] + "-" + types[actor2],
        "civilian_targeting": np.where(event_type == "Violence against civilians", "Civilian targeting", ""),
        "iso": np.full(rows, 466),
        "region": "Western Africa",
        "country": "Mali",
        "admin1": admin1,
        "admin2": location,
        "admin3": location,
        "location": location,
        "latitude": lat.round(4),
        "longitude": lon.round(4),
        "geo_precision": rng.choice([1, 1, 2, 3], rows),
        "source": "Synthetic source; Synthetic wire",
        "source_scale": "National",
        "notes": np.char.add(
            MARK + ". On a made-up date, made-up armed men attacked a made-up position near a town; "
            "the figure below is random. Case ",
            np.arange(rows).astype(str),
        ),
        "fatalities": rng.integers(0, 40, rows),
        "tags": "",
        "timestamp": np.full(rows, 1893456000),
    }
    table = pa.table({name: columns[name] if not isinstance(columns[name], str) else np.full(rows, columns[name], dtype=object)
                      for name in ACLED_LAYOUTS["current"]})
    pacsv.write_csv(table, path)


def _measure(script: str, path: Path, repeat: int) -> tuple[float, float, float, int, float]:
    """(wall seconds, CPU seconds, peak GB, rows, first-call seconds) of the fastest of ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        output = subprocess.run(
            [sys.executable, "-c", script, str(path), str(WARM_UP_FILE)], check=True, capture_output=True, text=True
        )
        seconds, cpu, peak_kb, rows, warm_up = output.stdout.split()
        runs.append((float(seconds), float(cpu), int(peak_kb) / 1024**2, int(rows), float(warm_up)))
    return min(runs)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 2_500_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest counts")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="malitrack-bench-") as folder:
        for rows in args.sizes:
            path = Path(folder) / f"acled_synthetic_{rows}.csv"
            write_synthetic_acled(path, rows)
            bare_s, bare_cpu, bare_gb, _, _ = _measure(_READ_BARE, path, args.repeat)
            ours_s, ours_cpu, ours_gb, claims, first_call = _measure(_READ_ACLED, path, args.repeat)
            results.append(
                {
                    "rows": rows,
                    "file_mb": round(path.stat().st_size / 1e6, 1),
                    "bare_read_s": round(bare_s, 2),
                    "read_acled_s": round(ours_s, 2),
                    "ratio": round(ours_s / bare_s, 2),
                    "bare_read_cpu_s": round(bare_cpu, 2),
                    "read_acled_cpu_s": round(ours_cpu, 2),
                    "read_acled_s_per_million_rows": round(ours_s / rows * 1e6, 2),
                    "bare_peak_gb": round(bare_gb, 2),
                    "read_acled_peak_gb": round(ours_gb, 2),
                    "claims": claims,
                    "read_acled_first_call_on_7_rows_s": round(first_call, 2),
                }
            )
            print(json.dumps(results[-1]), flush=True)
            path.unlink()
    largest = results[-1]
    failures = []
    if any(r["ratio"] > 4 for r in results):
        failures.append("read_acled took more than 4x the bare read")
    if largest["rows"] >= 2_500_000 and largest["read_acled_peak_gb"] >= 6:
        failures.append("peak memory reached 6 GB")
    if len(results) > 1:
        per_row = [r["read_acled_s_per_million_rows"] for r in results if r["rows"] >= 1_000_000] or [
            r["read_acled_s_per_million_rows"] for r in results
        ]
        if max(per_row) > 1.5 * min(per_row):
            failures.append(f"time per row is not steady from 1M rows up: {per_row}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
