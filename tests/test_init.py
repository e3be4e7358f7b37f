"""The public names of the package resolve, lazily."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import malitrack


def test_every_public_name_resolves():
    for name in malitrack.__all__:
        assert getattr(malitrack, name) is not None, name


def test_cleaning_functions_at_top_level():
    assert malitrack.parse_casualty_figure("29 morts").best == 29
    assert malitrack.classify_victims("villageois") == "civilian"
    assert malitrack.normalize_actors("FAMa") == ["FAMa"]
    assert malitrack.normalize_place("Kidal").admin1_code == "ML-8"
    assert malitrack.parse_report_date("21 mai 2024")[1] == "day"


def test_import_is_lazy():
    code = "import sys, malitrack; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# Every top-level name malitrack exported before the public list was shortened: each must keep working.
NAMES_BEFORE = (
    "CasualtyFigure", "DateInterval", "ImportResult", "MatchResult", "Place", "QUALIFIERS", "VAGUE_TERMS",
    "VICTIM_STATUSES", "actor_register", "attribution_matrix", "casualty_trend", "check_parameters",
    "claimant_type_bias", "classify_victims", "classify_victims_series", "clean", "coverage_note", "data_version",
    "dataset_claims_for_incidents", "figures_side_by_side", "incident_claims_chart", "incident_disagreement",
    "incident_main_places", "incident_map", "incident_tolls", "independent_claims", "is_denial", "load_claims",
    "load_gazetteer", "load_incidents", "match_events", "normalize_actors", "normalize_actors_series",
    "normalize_place", "normalize_region", "normalize_regions", "parse_casualty_figure", "parse_casualty_figures",
    "parse_date_interval", "parse_report_date", "paths", "read_acled", "read_claims_file", "read_ucdp_ged",
    "render_report", "revision_timeline_chart", "save_figure", "status_conflict_chart", "toll_drift",
    "toll_revisions", "trend_according_to", "trend_by_rule", "trend_chart", "validate_claims_file",
)


def _type_checking_imports() -> dict[str, str]:
    """name -> module, as imported under ``if TYPE_CHECKING:`` in malitrack/__init__.py."""
    tree = ast.parse(Path(malitrack.__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING")
    found = {}
    for node in block.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                found[alias.asname or alias.name] = node.module
    return found


def test_every_name_used_before_still_works():
    for name in NAMES_BEFORE:
        module = importlib.import_module(f"malitrack.{malitrack._EXPORTS[name]}")
        expected = module if name == malitrack._EXPORTS[name] else getattr(module, name)
        if name == "clean":  # the clean/ folder, bound to this name once imported, runs the clean step
            continue
        assert getattr(malitrack, name) is expected, name


def test_clean_still_runs_the_clean_step_once_its_folder_is_imported(tmp_path):
    import malitrack.clean.run  # noqa: F401  (binds malitrack.clean to the folder)

    result = malitrack.clean(clean_dir=tmp_path, write=False)
    assert len(result.claims) + len(result.quarantine) == result.n_raw > 1000


def test_the_public_list_is_short_and_for_users():
    assert set(malitrack.__all__) <= set(malitrack._EXPORTS)
    assert len(malitrack.__all__) == len(set(malitrack.__all__)) <= 40
    assert {"parse_casualty_figure", "load_claims", "incident_disagreement", "read_acled", "render_report"} <= set(malitrack.__all__)
    # plumbing stays reachable, but out of the list a user reads
    assert not {"check_parameters", "paths", "save_figure", "dataset_claims_for_incidents"} & set(malitrack.__all__)
    star = {}
    exec("from malitrack import *", star)
    assert set(malitrack.__all__) <= set(star)


def test_editors_and_type_checkers_see_every_exported_name():
    seen = _type_checking_imports()
    assert set(seen) == set(malitrack._EXPORTS)
    for name, module in seen.items():
        target = malitrack._EXPORTS[name]
        assert module in (f"malitrack.{target}", "malitrack"), f"{name}: TYPE_CHECKING imports it from {module}, _EXPORTS from {target}"
    assert set(malitrack._EXPORTS) <= set(dir(malitrack))


def test_version_comes_from_the_installed_metadata():
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert malitrack.__version__ == importlib.metadata.version("malitrack") == pyproject["project"]["version"]
