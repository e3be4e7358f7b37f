"""Benchmark of the analysis layer on the shipped clean claims.

Run: python benchmarks/bench_analysis.py [--runs 3]
Prints the best wall time of each public analysis function over ``--runs``
runs: the disagreement table, tolls with and without their grades, the
grades, one incident's revisions (Ogossagou 2019, the largest timeline) and
the trends under every rule. An incident profile calls the first four on one
incident's claims; the summary pages call them on all claims.
"""

from __future__ import annotations

import argparse

from bench_figures import best_time  # the benchmarks' one timing helper (scripts run from this folder)
from malitrack.analysis.disagreement import incident_disagreement
from malitrack.analysis.grades import incident_grades
from malitrack.analysis.revisions import toll_revisions
from malitrack.analysis.tolls import incident_tolls
from malitrack.analysis.trends import trend_by_rule
from malitrack.clean.load import load_claims, load_incidents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    claims, incidents = load_claims(), load_incidents()
    one = claims[claims["incident_id"] == "ogossagou-2019-03-23"]
    cases = {
        "incident_disagreement (all claims)": lambda: incident_disagreement(claims),
        "incident_tolls, grades (all claims)": lambda: incident_tolls(claims),
        "incident_tolls, no grades (all claims)": lambda: incident_tolls(claims, grades=False),
        "incident_grades (all claims)": lambda: incident_grades(claims),
        "toll_revisions (Ogossagou 2019)": lambda: toll_revisions(one, "ogossagou-2019-03-23"),
        "incident_disagreement (Ogossagou 2019)": lambda: incident_disagreement(one),
        "trend_by_rule, year (all claims)": lambda: trend_by_rule(claims, incidents),
    }
    print(f"{len(claims):,} claims, best of {args.runs} runs")
    for label, function in cases.items():
        print(f"{label:<42} {best_time(function, args.runs):7.3f} s")


if __name__ == "__main__":
    main()
