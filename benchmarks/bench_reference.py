"""Benchmark of the reference tables: loading one raw folder, building its lookups, the default.

Run: python benchmarks/bench_reference.py [--calls 2000]
Prints the time to read a Reference (actor aliases, gazetteer, incidents), to
build its lookups on first use (place index, actor patterns), and the cost per
call of ``reference.default()`` (a freshness check of the files it read) and
of ``normalize_place`` with and without an explicit reference.
"""

from __future__ import annotations

import argparse
import time

from malitrack import paths
from malitrack.parse.actors import normalize_actors
from malitrack.parse.places import normalize_place
from malitrack.reference import Reference, default


def once(label, function):
    start = time.perf_counter()
    result = function()
    print(f"{label:<50} {1000 * (time.perf_counter() - start):9.1f} ms")
    return result


def per_call(label, function, calls):
    start = time.perf_counter()
    for _ in range(calls):
        function()
    print(f"{label:<50} {1e6 * (time.perf_counter() - start) / calls:9.1f} µs per call")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    for name, folder in (("project", paths.raw_dir()), ("package copy", paths.package_raw_dir())):
        reference = once(f"Reference.load ({name})", lambda folder=folder: Reference.load(folder))
        once("  first normalize_place (builds the place index)", lambda: normalize_place("Kidal", reference=reference))
        once("  first normalize_actors (compiles the aliases)", lambda: normalize_actors("GSIM", reference=reference))
    reference = default()
    text = "Amassine, in der Nähe von Anefis"
    per_call("reference.default()", default, args.calls)
    per_call("normalize_place(text, reference=reference)", lambda: normalize_place(text, reference=reference), args.calls)
    per_call("normalize_place(text)  (default each call)", lambda: normalize_place(text), args.calls)


if __name__ == "__main__":
    main()
