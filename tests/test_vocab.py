"""Each controlled vocabulary is defined once, in malitrack.vocab, and the data keeps to it."""

from __future__ import annotations

import ast

import pandas as pd
import pytest

from malitrack import freshness, paths, vocab
from malitrack.parse import figures
from malitrack.report import charts

VOCABULARIES = {
    name: value
    for name, value in vars(vocab).items()
    if name.isupper() and isinstance(value, tuple) and all(isinstance(v, str) for v in value)
}
# (module, name) of copies still to be replaced by an import from vocab; each names its owner.
KNOWN_COPIES: set[tuple[str, str]] = set()


def module_level_word_lists():
    """(module, name, values) for every module-level tuple, list or set of strings in the package."""
    for path in sorted(freshness.PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" in path.parts or path.name == "vocab.py":
            continue
        module = ".".join(["malitrack", *path.relative_to(freshness.PACKAGE_DIR).with_suffix("").parts])
        for node in ast.parse(path.read_bytes()).body:
            if not isinstance(node, ast.Assign) or not isinstance(node.value, (ast.Tuple, ast.List, ast.Set)):
                continue
            try:
                values = ast.literal_eval(node.value)
            except ValueError:
                continue
            if values and all(isinstance(v, str) for v in values):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        yield module, target.id, values


def test_no_vocabulary_is_listed_outside_vocab():
    copies = sorted(
        f"{module}.{name} repeats vocab.{vocab_name}"
        for module, name, values in module_level_word_lists()
        for vocab_name, words in VOCABULARIES.items()
        if len(words) > 1 and set(values) == set(words) and (module, name) not in KNOWN_COPIES
    )
    assert not copies, "import these from malitrack.vocab instead:\n" + "\n".join(copies)


def test_known_copies_still_agree_with_vocab():
    assert figures.QUALIFIERS == vocab.QUALIFIERS
    assert figures.OUTCOMES == vocab.OUTCOMES


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_no_word_twice(name):
    assert len(set(VOCABULARIES[name])) == len(VOCABULARIES[name])


def test_groupings_are_drawn_from_their_vocabulary():
    assert set(vocab.BELLIGERENT_TYPES) <= set(vocab.CLAIMANT_TYPES)
    assert set(vocab.NON_BELLIGERENT_TYPES) <= set(vocab.CLAIMANT_TYPES)
    assert not set(vocab.BELLIGERENT_TYPES) & set(vocab.NON_BELLIGERENT_TYPES)
    assert set(vocab.COMBATANT_STATUSES) | set(vocab.STATE_STATUSES) <= set(vocab.VICTIM_STATUSES)


def test_every_claimant_type_of_the_claims_has_a_colour_and_a_marker():
    drawn = set(vocab.CLAIMANT_TYPES) - {"dataset"}  # dataset rows are drawn in the default grey
    assert set(charts.CLAIMANT_COLOURS) == set(charts.CLAIMANT_MARKERS) == drawn
    assert set(charts.STATUS_COLOURS) <= set(vocab.VICTIM_STATUSES)


def test_the_raw_data_keeps_to_the_vocabularies():
    raw = paths.raw_dir()
    incidents = pd.read_csv(raw / "incidents.csv", dtype=str, keep_default_na=False)
    assert set(incidents["incident_type"]) <= set(vocab.INCIDENT_TYPES)
    notes = pd.read_csv(raw / "source_notes.csv", dtype=str, keep_default_na=False)
    assert set(notes["source_kind"]) <= set(vocab.SOURCE_KINDS)
    gazetteer = pd.concat(
        [pd.read_csv(path, dtype=str, keep_default_na=False) for path in sorted((raw / "places").glob("gazetteer*.csv"))]
    )
    precisions = set(gazetteer["coord_precision"]) - {""}
    assert precisions == set(vocab.COORD_PRECISIONS)
    regions = set(gazetteer["region_pre2023"]) - {""}
    assert regions <= set(vocab.ADMIN1_NAMES)


# Natural Earth Admin 0, Mali: (west, south, east, north) in degrees.
NATURAL_EARTH_MALI = (-12.1707502914, 10.0963607854, 4.27020999514, 24.9745740829)


def test_the_bounding_box_holds_mali_with_a_margin():
    west, south, east, north = NATURAL_EARTH_MALI
    assert vocab.MALI_LATITUDE[0] <= south - 0.05 and vocab.MALI_LATITUDE[1] >= north + 0.05
    assert vocab.MALI_LONGITUDE[0] <= west - 0.05 and vocab.MALI_LONGITUDE[1] >= east + 0.05
    # ... and not much more (the UCDP Candidate row 633589, a Kayes event misplaced at 8.8 °E, must fall outside)
    assert vocab.MALI_LONGITUDE[1] < 5.0 and vocab.MALI_LATITUDE[1] < 25.5


def test_every_shipped_coordinate_is_inside_the_box(incidents):
    located = incidents.dropna(subset=["latitude", "longitude"])
    assert len(located) > 100
    assert located["latitude"].between(*vocab.MALI_LATITUDE).all()
    assert located["longitude"].between(*vocab.MALI_LONGITUDE).all()
