"""malitrack: claim-level casualty data on political violence in Mali.

One row per claim: who said how many died, who the dead were, who did it,
and where it was published. Amassine (Kidal), 19 May 2024: the CSP rebels
said "over 30" civilians were killed by the army and Wagner; a Malian security
source said "29" dead, all "terrorists". malitrack keeps both claims, parses
each figure into an interval and shows where the sources disagree.

The public names below are imported lazily, so ``import malitrack`` stays fast
(notebooks and reports start many kernels).
"""

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    # cleaning functions
    "CasualtyFigure": "parse.figures",
    "parse_casualty_figure": "parse.figures",
    "parse_casualty_figures": "parse.figures",
    "is_denial": "parse.figures",
    "QUALIFIERS": "parse.figures",
    "VAGUE_TERMS": "parse.figures",
    "classify_victims": "parse.victims",
    "classify_victims_series": "parse.victims",
    "VICTIM_STATUSES": "parse.victims",
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
    "attribution_matrix": "analysis.attribution",
    "incident_grades": "analysis.grades",
    "source_kinds": "analysis.grades",
    "format_date": "analysis.dates",
    "casualty_trend": "analysis.trends",
    "trend_by_rule": "analysis.trends",
    "trend_according_to": "analysis.trends",
    "coverage_note": "analysis.trends",
    "describe_total": "analysis.trends",
    "deadliest_incidents": "analysis.trends",
    "trend_chart": "report.charts",
    "incident_claims_chart": "report.charts",
    "status_conflict_chart": "report.charts",
    "revision_timeline_chart": "report.charts",
    "incident_map": "report.charts",
    "save_figure": "report.charts",
    # importers
    "read_acled": "importers.acled",
    "read_ucdp_ged": "importers.ucdp",
    "match_events": "importers.matching",
    "dataset_claims_for_incidents": "importers.matching",
    "figures_side_by_side": "importers.matching",
    "ImportResult": "importers.matching",
    "MatchResult": "importers.matching",
    # reports
    "render_report": "report.build",
    "check_parameters": "report.build",
    # helpers
    "paths": "paths",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'malitrack' has no attribute {name!r}")
    module = import_module(f"malitrack.{module_name}")
    value = module if name == module_name else getattr(module, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
