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
    "CasualtyFigure": "figures",
    "parse_casualty_figure": "figures",
    "parse_casualty_figures": "figures",
    "is_denial": "figures",
    "QUALIFIERS": "figures",
    "VAGUE_TERMS": "figures",
    "classify_victims": "victims",
    "classify_victims_series": "victims",
    "VICTIM_STATUSES": "victims",
    "normalize_actors": "actors",
    "normalize_actors_series": "actors",
    "actor_register": "actors",
    "Place": "places",
    "normalize_place": "places",
    "normalize_region": "places",
    "normalize_regions": "places",
    "load_gazetteer": "places",
    "incident_main_places": "places",
    "parse_report_date": "dates",
    "parse_date_interval": "dates",
    "DateInterval": "dates",
    # pipeline
    "read_claims_file": "readers",
    "clean": "pipeline",
    "validate_claims_file": "pipeline",
    # analysis
    "load_claims": "dataset",
    "load_incidents": "dataset",
    "data_version": "dataset",
    "incident_disagreement": "disagreement",
    "incident_tolls": "disagreement",
    "independent_claims": "disagreement",
    "toll_revisions": "disagreement",
    "toll_drift": "disagreement",
    "attribution_matrix": "disagreement",
    "claimant_type_bias": "disagreement",
    "casualty_trend": "trends",
    "trend_by_rule": "trends",
    "trend_according_to": "trends",
    "coverage_note": "trends",
    "trend_chart": "charts",
    "incident_claims_chart": "charts",
    "status_conflict_chart": "charts",
    "revision_timeline_chart": "charts",
    "incident_map": "charts",
    "save_figure": "charts",
    # importers
    "read_acled": "acled",
    "read_ucdp_ged": "ucdp",
    "match_events": "matching",
    "dataset_claims_for_incidents": "matching",
    "figures_side_by_side": "matching",
    "ImportResult": "matching",
    "MatchResult": "matching",
    # reports
    "render_report": "reports",
    "check_parameters": "reports",
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
