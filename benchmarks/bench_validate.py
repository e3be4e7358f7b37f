"""Benchmark ``malitrack validate`` (the whole raw folder) against ``malitrack clean``.

Validating checks every claim row the way the clean step does, plus the
registers and the sidecars, but writes nothing; it should cost no more than
one clean run without writing. Measured on the project's data, best of R runs
after one warm-up (imports and the gazetteer are loaded once per process):

1. ``validate_tree()``;
2. ``clean(write=False)``.

    python benchmarks/bench_validate.py [--repeat R]
"""

from __future__ import annotations

import argparse

from bench_figures import best_time  # the benchmarks' one timing helper (scripts run from this folder)


def best_of(function, repeat: int) -> float:
    """Best of ``repeat`` runs after one warm-up run (file caches, imports)."""
    function()
    return best_time(function, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from malitrack.clean.run import clean
    from malitrack.clean.validate import validate_tree

    report = validate_tree()
    validate = best_of(validate_tree, args.repeat)
    cleaning = best_of(lambda: clean(write=False), args.repeat)
    print(f"validate_tree: {validate:.2f} s ({report.n_files} files, {report.n_rows} rows, {len(report.problems)} problems)")
    print(f"clean(write=False): {cleaning:.2f} s")
    print(f"ratio validate / clean: {validate / cleaning:.2f}")


if __name__ == "__main__":
    main()
