"""Benchmark of the leads and chart titles on the shipped clean data.

Run: python benchmarks/bench_leads.py [--runs 3]
Prints the best wall time over ``--runs`` runs of one incident's lead
(Ogossagou 2019, the incident with the most claims), its chart title, the
trends page's lead (all of Mali, with the UCDP months after the claims) and
the disagreement page's lead. Every incident profile makes one lead and one
title, so their times add to a build once per profile.
"""

from __future__ import annotations

import argparse

from bench_figures import best_time  # the benchmarks' one timing helper (scripts run from this folder)
from malitrack import paths
from malitrack.clean.load import load_claims, load_incidents
from malitrack.report.chart_titles import incident_chart_title
from malitrack.report.index_data import ucdp_events
from malitrack.report.leads import disagreement_lead, incident_lead, period_lead


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    claims, incidents = load_claims(), load_incidents()
    events = ucdp_events(paths.raw_dir() / "ucdp")
    cases = {
        "incident_lead (Ogossagou 2019)": lambda: incident_lead(claims, incidents, "ogossagou-2019-03-23", markdown=True),
        "incident_chart_title (Ogossagou 2019)": lambda: incident_chart_title(claims, "ogossagou-2019-03-23"),
        "period_lead (all of Mali)": lambda: period_lead(claims, incidents, events=events),
        "disagreement_lead (all incidents)": lambda: disagreement_lead(claims, incidents),
    }
    for name, function in cases.items():
        print(f"{name}: {best_time(function, args.runs):.2f} s")


if __name__ == "__main__":
    main()
