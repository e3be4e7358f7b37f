"""malitrack: claim-level casualty data on political violence in Mali.

One row per claim: who said how many died, who the dead were, who did it,
and where it was published. Amassine (Kidal), 19 May 2024: the CSP rebels
said "over 30" civilians were killed by the army and Wagner; a Malian security
source said "29" dead, all "terrorists". malitrack keeps both claims, parses
each figure into an interval and shows where the sources disagree.

The public names below are imported lazily, so ``import malitrack`` stays fast
(notebooks and reports start many kernels); the ``TYPE_CHECKING`` imports show
them to editors and type checkers. ``__all__`` is the short list a user needs:
the parsing functions, the loaders, the analysis, the importers and
``render_report``. Every name of ``_EXPORTS`` works (``malitrack.save_figure``,
``malitrack.paths``, ...), for the code that already uses them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

# public name -> module that defines it
_EXPORTS = {
    # cleaning functions
    "CasualtyFigure": "parse.figures",
    "parse_casualty_figure": "parse.figures",
    "parse_casualty_figures": "parse.figures",
    "is_denial": "parse.figures",
    "QUALIFIERS": "vocab",
    "VAGUE_TERMS": "parse.figures",
    "classify_victims": "parse.victims",
    "classify_victims_series": "parse.victims",
    "VICTIM_STATUSES": "vocab",
    "normalize_actors": "parse.actors",
    "normalize_actors_series": "parse.actors",
    "actor_register": "parse.actors",
    "Place": "parse.places",
    "normalize_place": "parse.places",
    "normalize_region": "parse.places",
    "normalize_regions": "parse.places",
    "load_gazetteer": "parse.places",
    "incident_main_places": "parse.places",
    "parse_report_date": "parse.dates",
    "parse_date_interval": "parse.dates",
    "DateInterval": "parse.dates",
    # pipeline
    "read_claims_file": "clean.readers",
    "clean": "clean.run",
    "Reference": "reference",
    "validate_claims_file": "clean.run",
    # analysis
    "load_claims": "clean.load",
    "load_incidents": "clean.load",
    "data_version": "clean.load",
    "incident_disagreement": "analysis.disagreement",
    "status_conflict_counts": "analysis.disagreement",
    "claimant_type_bias": "analysis.disagreement",
    "incident_tolls": "analysis.tolls",
    "independent_claims": "analysis.claims",
    "toll_revisions": "analysis.revisions",
    "toll_drift": "analysis.revisions",
    "attribution_matrix": "analysis.disagreement",
    "incident_grades": "analysis.grades",
    "source_kinds": "analysis.grades",
    "format_date": "analysis.dates",
    "casualty_trend": "analysis.trends",
    "trend_by_rule": "analysis.trends",
    "trend_according_to": "analysis.trends",
    "coverage_note": "analysis.trends",
    "coverage_gap": "analysis.coverage",
    "events_after_claims": "analysis.coverage",
    "coverage_gap_sentence": "analysis.coverage",
    "select_incidents": "analysis.select",
    "claims_blaming": "analysis.select",
    "describe_figures": "analysis.select",
    "describe_total": "analysis.trends",
    "deadliest_incidents": "analysis.trends",
    "trend_chart": "report.charts",
    "incident_claims_chart": "report.charts",
    "status_conflict_chart": "report.charts",
    "revision_timeline_chart": "report.charts",
    "incident_map": "report.maps",
    "load_mali_regions": "report.maps",
    "save_figure": "report.charts",
    # importers
    "read_acled": "importers.acled",
    "read_ucdp_ged": "importers.ucdp",
    "match_events": "importers.matching",
    "dataset_claims_for_incidents": "importers.matching",
    "figures_side_by_side": "importers.matching",
    "ImportResult": "importers.base",
    "MatchResult": "importers.matching",
    # reports
    "render_report": "report.build",
    "check_parameters": "report.parameters",
    # helpers
    "paths": "paths",
}

__all__ = [
    # parsing: text as published -> values
    "parse_casualty_figure",
    "parse_casualty_figures",
    "CasualtyFigure",
    "classify_victims",
    "normalize_actors",
    "normalize_place",
    "normalize_region",
    "Place",
    "parse_report_date",
    "parse_date_interval",
    "DateInterval",
    # the clean data
    "load_claims",
    "load_incidents",
    "data_version",
    "clean",
    "validate_claims_file",
    # analysis
    "incident_disagreement",
    "incident_tolls",
    "independent_claims",
    "toll_revisions",
    "toll_drift",
    "attribution_matrix",
    "claimant_type_bias",
    "casualty_trend",
    "trend_by_rule",
    "trend_according_to",
    "coverage_note",
    # other datasets
    "read_acled",
    "read_ucdp_ged",
    "match_events",
    "figures_side_by_side",
    # reports
    "render_report",
]

if TYPE_CHECKING:
    from malitrack import paths
    from malitrack.analysis.claims import independent_claims
    from malitrack.analysis.dates import format_date
    from malitrack.analysis.disagreement import (
        attribution_matrix,
        claimant_type_bias,
        incident_disagreement,
        status_conflict_counts,
    )
    from malitrack.analysis.grades import incident_grades, source_kinds
    from malitrack.analysis.revisions import toll_drift, toll_revisions
    from malitrack.analysis.tolls import incident_tolls
    from malitrack.analysis.coverage import coverage_gap, coverage_gap_sentence, events_after_claims
    from malitrack.analysis.select import claims_blaming, describe_figures, select_incidents
    from malitrack.analysis.trends import (
        casualty_trend,
        coverage_note,
        deadliest_incidents,
        describe_total,
        trend_according_to,
        trend_by_rule,
    )
    from malitrack.clean.load import data_version, load_claims, load_incidents
    from malitrack.clean.readers import read_claims_file
    from malitrack.clean.run import clean, validate_claims_file
    from malitrack.importers.acled import read_acled
    from malitrack.importers.base import ImportResult
    from malitrack.importers.matching import (
        MatchResult,
        dataset_claims_for_incidents,
        figures_side_by_side,
        match_events,
    )
    from malitrack.importers.ucdp import read_ucdp_ged
    from malitrack.parse.actors import actor_register, normalize_actors, normalize_actors_series
    from malitrack.parse.dates import DateInterval, parse_date_interval, parse_report_date
    from malitrack.parse.figures import VAGUE_TERMS, CasualtyFigure, is_denial, parse_casualty_figure, parse_casualty_figures
    from malitrack.parse.places import (
        Place,
        incident_main_places,
        load_gazetteer,
        normalize_place,
        normalize_region,
        normalize_regions,
    )
    from malitrack.parse.victims import classify_victims, classify_victims_series
    from malitrack.reference import Reference
    from malitrack.report.build import render_report
    from malitrack.report.charts import (
        incident_claims_chart,
        revision_timeline_chart,
        save_figure,
        status_conflict_chart,
        trend_chart,
    )
    from malitrack.report.maps import incident_map, load_mali_regions
    from malitrack.report.parameters import check_parameters
    from malitrack.vocab import QUALIFIERS, VICTIM_STATUSES

    __version__: str


def __getattr__(name):
    if name == "__version__":  # from the installed metadata, so pyproject.toml is the one place it is written
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("malitrack")
        except PackageNotFoundError:  # run from a source tree that was never installed
            value = "unknown"
        globals()["__version__"] = value
        return value
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'malitrack' has no attribute {name!r}")
    module = import_module(f"malitrack.{module_name}")
    value = module if name == module_name else getattr(module, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS) | {"__version__"})
