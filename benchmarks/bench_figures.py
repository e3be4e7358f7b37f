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
import subprocess
import sys
import time
import types

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


OLD_COMMIT = "bd0442cd3fc53b6e3d0a5df76a893a684901d107"


def old_parser(commit: str):
    """The old ``parse_casualty_figure`` from git history, or None if git cannot give it."""
    def source(path: str) -> str:
        return subprocess.run(["git", "show", f"{commit}:{path}"], cwd=paths.root(), check=True,
                              capture_output=True, text=True).stdout
    try:
        numbers_source = source("src/malitrack/parse/numbers.py")
        figures_source = source("src/malitrack/parse/figures.py")
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"old parser not available from git ({error}); skipping the old-against-new timing")
        return None
    numbers = types.ModuleType("old_numbers")
    exec(compile(numbers_source, "old_numbers", "exec"), numbers.__dict__)
    figures = types.ModuleType("old_figures")
    sys.modules["old_figures"] = figures  # dataclasses look their module up
    figures.__dict__["_old_numbers"] = numbers
    figures_source = figures_source.replace(
        "from malitrack.parse.numbers import LANGUAGES, normalize_word, read_number_words",
        "LANGUAGES, normalize_word, read_number_words = "
        "_old_numbers.LANGUAGES, _old_numbers.normalize_word, _old_numbers.read_number_words")
    exec(compile(figures_source, "old_figures", "exec"), figures.__dict__)
    return figures.parse_casualty_figure


def per_phrase_microseconds(parse, phrases, repeat: int) -> float:
    return best_time(lambda: [parse(text) for text in phrases], repeat) / len(phrases) * 1e6


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
    parser.add_argument("--old-commit", default=OLD_COMMIT)
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

    phrases = list(column.unique())
    new_us = per_phrase_microseconds(parse_casualty_figure, phrases, args.repeat)
    print(f"per distinct phrase ({len(phrases)} phrases), new parser: {new_us:8.1f} us")
    old = old_parser(args.old_commit)
    if old is not None:
        old_us = per_phrase_microseconds(old, phrases, args.repeat)
        print(f"per distinct phrase ({len(phrases)} phrases), old parser: {old_us:8.1f} us   "
              f"new/old {new_us / old_us:5.2f}x")


if __name__ == "__main__":
    main()
