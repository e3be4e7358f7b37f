"""Benchmark for malitrack.parse.figures.parse_casualty_figures on a million figure texts.

Goal: parsing a column costs no more than twice a lookup of precomputed
answers. Real columns repeat a few hundred phrases, so the parser parses each
distinct text once and maps the results back.

Method: draw 1,000,000 figure texts from the real ``figure_text`` column of the
five raw claims files, with replacement and a fixed seed, so the phrases repeat
as often as they do in the data. Time, best of ``--repeat`` runs each:

* ``parse_casualty_figures(texts)``: the full job, from text to the Int64
  low/best/high and str qualifier columns;
* the floor: ``texts.map(answers)`` where ``answers`` is a dict from each
  distinct text to its already parsed CasualtyFigure (no parsing at all);
* the floor as a table: the four columns built with one ``Series.map`` each
  from precomputed dicts, which is what the function's output holds.

    python benchmarks/bench_figures.py
    python benchmarks/bench_figures.py --rows 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from malitrack import paths
from malitrack.parse.figures import parse_casualty_figure, parse_casualty_figures


def raw_figure_texts() -> pd.Series:
    frames = [
        pd.read_csv(path, dtype=str, keep_default_na=False)
        for path in sorted(paths.raw_claims_dir().glob("claims_*.csv"))
    ]
    return pd.concat(frames, ignore_index=True)["figure_text"]


def best_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20240519)
    args = parser.parse_args()

    column = raw_figure_texts()
    rng = np.random.default_rng(args.seed)
    texts = pd.Series(column.to_numpy()[rng.integers(0, len(column), args.rows)], dtype="str")
    distinct = texts.unique()
    answers = {text: parse_casualty_figure(text) for text in distinct}
    per_column = {
        name: {text: getattr(figure, name) for text, figure in answers.items()}
        for name in ("low", "best", "high", "qualifier")
    }

    def floor_map():
        return texts.map(answers)

    def floor_table():
        return pd.DataFrame({
            name: texts.map(mapping).astype("Int64" if name != "qualifier" else "str")
            for name, mapping in per_column.items()
        })

    parsed = parse_casualty_figures(texts)
    expected = floor_table()
    pd.testing.assert_frame_equal(parsed, expected, check_dtype=False)

    parse_seconds = best_time(lambda: parse_casualty_figures(texts), args.repeat)
    floor_seconds = best_time(floor_map, args.repeat)
    table_seconds = best_time(floor_table, args.repeat)
    print(f"{args.rows:,} figure texts ({len(distinct)} distinct), seed {args.seed}, best of {args.repeat}")
    print(f"parse_casualty_figures:          {parse_seconds:8.3f} s")
    print(f"floor, Series.map(dict):         {floor_seconds:8.3f} s   ratio {parse_seconds / floor_seconds:5.2f}x")
    print(f"floor as a table (4 maps):       {table_seconds:8.3f} s   ratio {parse_seconds / table_seconds:5.2f}x")


if __name__ == "__main__":
    main()
