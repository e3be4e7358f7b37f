"""The gazetteer as lookup tables: admin units derived, spellings indexed.

The rows come in a ``malitrack.reference.Reference`` (read from one raw
folder's ``places/``; see ``data/raw/places/README.md``); this module reads no
file. It derives each place's canonical pre-2023 region (``admin1``), ISO
3166-2 code and cercle (``admin2``), and builds the indexes
``malitrack.parse.places`` scans: folded spelling -> places, homonym
qualifiers, road segments, region names. Each is built once per Reference and
kept with it.

``admin1`` is the canonical pre-2023 region (Kayes, Koulikoro, Sikasso, Ségou,
Mopti, Tombouctou, Gao, Kidal, Ménaka, Taoudénit, Bamako), as UCDP codes
Mali. A place's admin1 is its gazetteer ``region_pre2023``; when a source gave
only the cercle or only a post-2023 region, admin1 is the region that cercle
(en.wikipedia "Cercles of Mali") or reform region (the reform texts cited in
gazetteer_regions.csv) belongs to. ``admin2`` is the pre-2023 cercle as
written in the gazetteer. ISO 3166-2 codes come from pycountry's ML
subdivisions (ML-1 Kayes ... ML-8 Kidal, ML-9 Ménaka, ML-10 Taoudénit,
ML-BKO Bamako).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from malitrack.errors import InputFileError
from malitrack.reference import PLACES_DIR, Reference
from malitrack.text import fold
from malitrack.vocab import ADMIN1_NAMES as CANONICAL_REGIONS, MALI_LATITUDE, MALI_LONGITUDE



def inside_mali(latitude: pd.Series, longitude: pd.Series) -> pd.Series:
    """True where a point lies in Mali's bounding box, or has no coordinates."""
    return (latitude.between(*MALI_LATITUDE) | latitude.isna()) & (longitude.between(*MALI_LONGITUDE) | longitude.isna())



# words that describe a region rather than name it (French, English,
# Indonesian, Arabic), dropped before region names are compared
REGION_WORDS = {"region", "regions", "wilayah", "ولاية", "ولايتي", "منطقة", "اقليم"}
# road-segment spellings name their two ends: "Aguelhok - Anefis", "Gao et Ansongo"
_SEGMENT_SPLIT = re.compile(
    r"[–—]|\s-\s?|-\s|\b(?:and|et|between|entre|axe|route|road)\b", re.IGNORECASE
)
_SIC = re.compile(r"[\[(]\s*sic\b[^\])]*[\])]")
_ELISION = re.compile(r"\b([dl])'")


@dataclass(frozen=True)
class Place:
    """A place with its administrative units and coordinates (None = unknown).

    >>> from malitrack.parse.places import normalize_place
    >>> normalize_place("Amassine, in der Nähe von Anefis").admin1_code
    'ML-8'
    """

    name: str
    place_id: str | None = None
    kind: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None
    coord_source: str | None = None

    @property
    def resolved(self) -> bool:
        """True when the name was found in the gazetteer."""
        return self.place_id is not None


def place_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` folded (``malitrack.text.fold``), [sic] and elisions removed.

    >>> place_words("près d'Aguel'hoc [sic]")
    ('pres', 'de', 'aguel', 'hoc')
    """
    text = _SIC.sub(" ", fold(str(text), apostrophes=True))
    return tuple(re.findall(r"\w+", _ELISION.sub(r"\1e ", text)))


def strip_descriptor(words: tuple[str, ...], descriptor: set[str]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in descriptor)


@cache
def iso_region_codes() -> dict[str, str]:
    """Canonical pre-2023 region -> ISO 3166-2 code, from pycountry.

    >>> iso_region_codes()["Kidal"]
    'ML-8'
    """
    import pycountry

    codes = {}
    for subdivision in pycountry.subdivisions.get(country_code="ML"):
        name = re.sub(r"\s+(Region|District)$", "", subdivision.name)
        codes[name] = subdivision.code
    missing = set(CANONICAL_REGIONS) - set(codes)
    if missing:
        raise RuntimeError(f"pycountry has no ISO 3166-2:ML code for {sorted(missing)}")
    return {region: codes[region] for region in CANONICAL_REGIONS}


# ---------------------------------------------------------------- admin units


def _region_of_cercles(frame: pd.DataFrame) -> dict[tuple[str, ...], str]:
    cercles = frame[(frame["kind"] == "cercle") & (frame["region_pre2023"] != "")]
    lookup = {}
    for _, row in cercles.iterrows():
        for spelling in (row["cercle"], *row["variants"].split(" | ")):
            words = strip_descriptor(place_words(spelling), {"cercle", "circle", "de"})
            if words:
                lookup.setdefault(words, row["region_pre2023"])
    return lookup


def _with_admin_units(reference: Reference) -> pd.DataFrame:
    gazetteer = reference.gazetteer.copy()
    bad_region = gazetteer[
        (gazetteer["region_pre2023"] != "") & ~gazetteer["region_pre2023"].isin(CANONICAL_REGIONS)
    ]
    if len(bad_region):
        row = bad_region.iloc[0]
        raise InputFileError(
            reference.path(PLACES_DIR) / row["source_file"], f"unknown pre-2023 region {row['region_pre2023']!r}",
            row=int(row["source_row"]), column="region_pre2023",
        )
    reform_parent = (
        gazetteer[(gazetteer["kind"] == "region") & (gazetteer["region_post2023"] != "")]
        .drop_duplicates("region_post2023")
        .set_index("region_post2023")["region_pre2023"]
    )
    cercle_region = _region_of_cercles(gazetteer)

    def admin1_of(row) -> str | None:
        if row["region_pre2023"]:
            return row["region_pre2023"]
        if row["cercle"] and place_words(row["cercle"]) in cercle_region:
            return cercle_region[place_words(row["cercle"])]
        if row["region_post2023"] and row["region_post2023"] in reform_parent:
            return reform_parent[row["region_post2023"]] or None
        return None

    gazetteer["admin1"] = gazetteer.apply(admin1_of, axis=1)
    gazetteer["admin1_code"] = gazetteer["admin1"].map(iso_region_codes())
    gazetteer["admin2"] = gazetteer["cercle"].replace("", None)
    return gazetteer


def gazetteer_table(reference: Reference) -> pd.DataFrame:
    """Every gazetteer row with derived ``admin1``, ``admin1_code`` and ``admin2``.

    Raises InputFileError (file, row, column) on a region that is not canonical.
    """
    return reference.cached("gazetteer", lambda: _with_admin_units(reference))


# ---------------------------------------------------------------- indexes


def _to_float(value: str) -> float | None:
    return float(value) if value else None


def _text(value) -> str | None:
    return None if pd.isna(value) or value == "" else str(value)


def places_by_id(reference: Reference) -> dict[str, Place]:
    def build() -> dict[str, Place]:
        return {
            row.place_id: Place(
                name=row.name,
                place_id=row.place_id,
                kind=row.kind,
                admin1=_text(row.admin1),
                admin1_code=_text(row.admin1_code),
                admin2=_text(row.admin2),
                latitude=_to_float(row.latitude),
                longitude=_to_float(row.longitude),
                precision=row.coord_precision or None,
                coord_source=row.coord_source or None,
            )
            for row in gazetteer_table(reference).itertuples(index=False)
        }

    return reference.cached("places_by_id", build)


def spelling_index(reference: Reference) -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """Folded spelling -> place_ids, and the longest spelling in words."""

    def build():
        index: dict[tuple[str, ...], list[str]] = {}
        for row in gazetteer_table(reference).itertuples(index=False):
            for spelling in (row.name, *row.variants.split(" | ")):
                words = place_words(spelling)
                if words and row.place_id not in index.setdefault(words, []):
                    index[words].append(row.place_id)
        longest = max(len(words) for words in index)
        return {words: tuple(ids) for words, ids in index.items()}, longest

    return reference.cached("spelling_index", build)


def admin_words(reference: Reference) -> dict[str, set[tuple[str, ...]]]:
    """place_id -> folded commune, cercle and name qualifier, to tell homonyms apart.

    The qualifier is the bracketed part of a homonym's canonical name:
    "Tabankort (Ménaka)", "Kita (commune de Dioura)", "Douna (Koro)".
    """

    def build():
        words = {}
        for row in gazetteer_table(reference).itertuples(index=False):
            qualifier = re.findall(r"\(([^)]*)\)", row.name)
            words[row.place_id] = {place_words(name) for name in (row.commune, row.cercle, *qualifier) if name}
        return words

    return reference.cached("admin_words", build)


def communes(reference: Reference) -> dict[str, tuple[str, ...]]:
    """place_id -> its folded commune."""
    return reference.cached(
        "communes",
        lambda: {row.place_id: place_words(row.commune) for row in gazetteer_table(reference).itertuples(index=False)},
    )


def segments_by_ends(reference: Reference) -> dict[frozenset[str], str]:
    """{place_id, place_id} -> road-segment place_id joining them."""

    def build():
        index, _ = spelling_index(reference)
        segments = {}
        for row in gazetteer_table(reference).itertuples(index=False):
            if row.kind != "road segment":
                continue
            for spelling in row.variants.split(" | "):
                parts = _SEGMENT_SPLIT.split(spelling)
                ends = {index[place_words(part)][0] for part in parts
                        if part and len(index.get(place_words(part), ())) == 1}
                if len(ends) == 2:
                    segments.setdefault(frozenset(ends), row.place_id)
        return segments

    return reference.cached("segments_by_ends", build)


def region_index(reference: Reference) -> tuple[dict[tuple[str, ...], str], int]:
    """Folded region name (descriptor removed) -> canonical pre-2023 region."""

    def build():
        index = {}
        gazetteer = gazetteer_table(reference)
        regions = gazetteer[(gazetteer["kind"] == "region") & gazetteer["admin1"].notna()]
        descriptor = REGION_WORDS | {"de", "du", "la", "district"}
        for row in regions.itertuples(index=False):
            for spelling in (row.name, *row.variants.split(" | ")):
                words = strip_descriptor(place_words(spelling), descriptor)
                if words:
                    index.setdefault(words, row.admin1)
        return index, max(len(words) for words in index)

    return reference.cached("region_index", build)
