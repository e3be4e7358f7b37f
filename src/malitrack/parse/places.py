"""Places named in the claims: a cited gazetteer, region names and incident links.

What this module is for
-----------------------
The claims files spell places the way each source wrote them: "Amassine, in
der Nähe von Anefis", "Guiré (zone Nara/Banamba)", "cercle de Koro", "entre
Gao et Ansongo", "تينزاواتين", and regions in old, post-2023, French, English
and Arabic forms ("Timbuktu", "Bandiagara", "ولاية تمبكتو"). This module maps
them onto one gazetteer so every claim and incident gets a canonical place,
a canonical pre-2023 region (``admin1``), its ISO 3166-2 code, a cercle
(``admin2``) and, where a source printed them, coordinates.

Data (all under ``data/raw/places/``, read once per process)
------------------------------------------------------------
* ``gazetteer.csv``: 194 cited places (see that folder's README.md).
* ``gazetteer_regions.csv``: the pre-2023 regions and the Bamako district
  (ISO 3166-2:ML as shipped by pycountry; Kidal and Ménaka are rows of
  gazetteer.csv), the regions of the 2012/2023 reform (Bandiagara, Douentza,
  Nioro, Kita, Nara, Dioïla, Bougouni, Koutiala, San) mapped to the region
  they were cut from, the cercles listed by en.wikipedia "Cercles of Mali"
  and the cercles of the Ménaka region; each row cites the page read.
* ``gazetteer_gapfill.csv``: places of the two ``claims_gapfill_*`` files that
  were not in the gazetteer, cited to the claim's URL ("as quoted in the
  claims file") or to a page read.
* ``place_variants.csv``: further spellings of existing places, each with the
  claim URL where it was seen.
* ``incident_places.csv`` and ``incident_places_gapfill.csv``: incident ->
  place links with a role (``main`` or ``also``).

Method
------
Names are compared after folding: Unicode NFKD with combining marks removed
(é -> e, ď -> d, Arabic hamza seats -> bare alif), casefolded, "[sic]" and
"(sic)" removed, French elisions expanded (d' -> de, l' -> le) and everything
but letters and digits turned into word breaks. Commas, semicolons and
colons separate names ("Nara, région de Koulikoro" is Nara town, not the
"Nara region"). A place string is scanned left to right for the longest run
of words that is a known spelling; the first place found is the place of the
string, because the claims name the site first and the reference place after
it ("Amassine, in der Nähe von Anefis", "Binédama (cercle de Koro)"). A name
right after "commune de" must be a commune (the "commune de Dioura" is not
the Ténenkou-cercle village of Dioura) and a name right after "bateau" is a
vessel's name, not a place. Descriptors are spellings of their own: region
and cercle rows are spelled with their descriptor ("cercle de Koro",
"Bankass Circle", "région de Ménaka"), so a bare "Koro" or "Mopti" is the
town. A string that names a stretch ("entre Aguelhok et Anéfif", "axe
Sikasso–Bougouni") resolves to the road-segment place joining the two places
when the gazetteer has one, otherwise to the first place named.

A spelling shared by several places (two Tabankorts; Kita town and the Kita
of Dioura commune; the two Dounas) is a homonym. It resolves only if the
string names the cercle, the commune or the bracketed qualifier of the
canonical name ("Kita (commune de Dioura)", "Douna (Koro)") of exactly one
candidate, or if the caller's region hint (``admin1=``) leaves exactly one
candidate: candidates coded in another region are dropped, a candidate whose
region no source gave is kept. Otherwise the result is unknown. An unknown place is never guessed:
it comes back as a ``Place`` whose ``name`` is the input and whose other
fields are all None.

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
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from malitrack import paths
from malitrack.errors import InputFileError
from malitrack.vocab import ADMIN1_NAMES as CANONICAL_REGIONS, MALI_LATITUDE, MALI_LONGITUDE


def inside_mali(latitude: pd.Series, longitude: pd.Series) -> pd.Series:
    """True where a point lies in Mali's bounding box, or has no coordinates."""
    return (latitude.between(*MALI_LATITUDE) | latitude.isna()) & (longitude.between(*MALI_LONGITUDE) | longitude.isna())


GAZETTEER_FILES = (
    "gazetteer.csv",
    "gazetteer_regions.csv",
    "gazetteer_gapfill.csv",
)
VARIANT_FILE = "place_variants.csv"
LINK_FILES = ("incident_places.csv", "incident_places_gapfill.csv")

GAZETTEER_COLUMNS = (
    "place_id",
    "name",
    "variants",
    "kind",
    "commune",
    "cercle",
    "region_pre2023",
    "region_post2023",
    "latitude",
    "longitude",
    "coord_precision",
    "coord_source",
    "admin_source",
    "note",
)
LINK_COLUMNS = ("incident_key", "place_id", "role", "note")
VARIANT_COLUMNS = ("place_id", "variant", "source", "note")

# words that introduce a stretch between two places
_STRETCH_WORDS = {"entre", "between", "axe", "axes", "route", "road", "troncon"}
# a name right after these words must be a commune ("commune de Dioura" is not
# the village of Dioura)
_COMMUNE_OF = {("commune", "de"), ("commune", "du"), ("communes", "de")}
# commas, semicolons and colons separate place names ("Nara, région de Koulikoro")
_BOUNDARY = re.compile(r"[,;:\u060c\u061b]")
_SEGMENT_SPLIT = re.compile(
    r"[–—]|\s-\s?|-\s|\b(?:and|et|between|entre|axe|route|road)\b", re.IGNORECASE
)
# words that describe a region rather than name it (French, English,
# Indonesian, Arabic), dropped before region names are compared
_REGION_WORDS = {"region", "regions", "wilayah", "ولاية", "ولايتي", "منطقة", "اقليم"}


@dataclass(frozen=True)
class Place:
    """A place with its administrative units and coordinates (None = unknown).

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


def fold(text: str) -> tuple[str, ...]:
    """The words of ``text`` with accents, case, [sic] and elisions folded away.

    >>> fold("près d'Aguel'hoc [sic]")
    ('pres', 'de', 'aguel', 'hoc')
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[\[(]\s*sic\b[^\])]*[\])]", " ", text)
    text = text.replace("\u2019", "'").replace("`", "'")
    text = re.sub(r"\b([dl])'", r"\1e ", text)
    return tuple(re.findall(r"\w+", text))


# ---------------------------------------------------------------- reading


def _read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputFileError(path, f"cannot read as UTF-8 CSV: {exc}") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputFileError(path, f"missing column(s) {', '.join(missing)}", row=1)
    frame = frame.loc[:, list(columns)].copy()
    frame["source_file"] = path.name
    frame["source_row"] = range(2, len(frame) + 2)
    return frame


def _places_dir() -> Path:
    return paths.raw_dir() / "places"


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


def _region_of_cercles(frame: pd.DataFrame) -> dict[tuple[str, ...], str]:
    cercles = frame[(frame["kind"] == "cercle") & (frame["region_pre2023"] != "")]
    lookup = {}
    for _, row in cercles.iterrows():
        for spelling in (row["cercle"], *row["variants"].split(" | ")):
            words = _strip_descriptor(fold(spelling), {"cercle", "circle", "de"})
            if words:
                lookup.setdefault(words, row["region_pre2023"])
    return lookup


def _strip_descriptor(words: tuple[str, ...], descriptor: set[str]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in descriptor)


@cache
def load_gazetteer() -> pd.DataFrame:
    """All gazetteer rows, with derived ``admin1``, ``admin1_code`` and ``admin2``.

    Rows come from gazetteer.csv, gazetteer_regions.csv and
    gazetteer_gapfill.csv (plus ``source_file``/``source_row``); extra
    spellings from place_variants.csv are appended to ``variants``.
    Raises InputFileError on a duplicate place_id or an unknown region.

    >>> load_gazetteer().set_index("place_id").loc["amassine", "admin1"]
    'Kidal'
    """
    # the copied gazetteer.csv must exist; the files added to it are read when present
    frames = [
        _read_csv(_places_dir() / name, GAZETTEER_COLUMNS)
        for name in GAZETTEER_FILES
        if name == GAZETTEER_FILES[0] or (_places_dir() / name).exists()
    ]
    gazetteer = pd.concat(frames, ignore_index=True)
    duplicated = gazetteer[gazetteer["place_id"].duplicated(keep="first")]
    if len(duplicated):
        row = duplicated.iloc[0]
        raise InputFileError(
            row["source_file"], f"place_id {row['place_id']!r} already defined",
            row=int(row["source_row"]), column="place_id",
        )
    bad_region = gazetteer[
        (gazetteer["region_pre2023"] != "") & ~gazetteer["region_pre2023"].isin(CANONICAL_REGIONS)
    ]
    if len(bad_region):
        row = bad_region.iloc[0]
        raise InputFileError(
            row["source_file"], f"unknown pre-2023 region {row['region_pre2023']!r}",
            row=int(row["source_row"]), column="region_pre2023",
        )

    variant_path = _places_dir() / VARIANT_FILE
    if variant_path.exists():
        extra = _read_csv(variant_path, VARIANT_COLUMNS)
        unknown = extra[~extra["place_id"].isin(gazetteer["place_id"])]
        if len(unknown):
            row = unknown.iloc[0]
            raise InputFileError(
                variant_path, f"unknown place_id {row['place_id']!r}",
                row=int(row["source_row"]), column="place_id",
            )
        added = extra.groupby("place_id")["variant"].agg(" | ".join)
        has_extra = gazetteer["place_id"].isin(added.index)
        gazetteer.loc[has_extra, "variants"] = (
            gazetteer.loc[has_extra, "variants"] + " | "
            + gazetteer.loc[has_extra, "place_id"].map(added)
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
        if row["cercle"] and fold(row["cercle"]) in cercle_region:
            return cercle_region[fold(row["cercle"])]
        if row["region_post2023"] and row["region_post2023"] in reform_parent:
            return reform_parent[row["region_post2023"]] or None
        return None

    gazetteer["admin1"] = gazetteer.apply(admin1_of, axis=1)
    gazetteer["admin1_code"] = gazetteer["admin1"].map(iso_region_codes())
    gazetteer["admin2"] = gazetteer["cercle"].replace("", None)
    return gazetteer


@cache
def incident_places() -> pd.DataFrame:
    """All incident -> place links (incident_places.csv + the gap-fill file).

    Columns: incident_key, place_id, role (main/also), note, source_file,
    source_row. Raises InputFileError on an unknown place_id or role.

    >>> incident_places().query("incident_key == 'amassine-2024-05-19'").place_id.iloc[0]
    'amassine'
    """
    frames = [
        _read_csv(_places_dir() / name, LINK_COLUMNS)
        for name in LINK_FILES
        if name == LINK_FILES[0] or (_places_dir() / name).exists()
    ]
    links = pd.concat(frames, ignore_index=True)
    known = set(load_gazetteer()["place_id"])
    for column, ok in (("place_id", links["place_id"].isin(known)),
                       ("role", links["role"].isin(["main", "also"]))):
        bad = links[~ok]
        if len(bad):
            row = bad.iloc[0]
            raise InputFileError(
                row["source_file"], f"unknown {column} {row[column]!r}",
                row=int(row["source_row"]), column=column,
            )
    return links


# ---------------------------------------------------------------- lookups


def _to_float(value: str) -> float | None:
    return float(value) if value else None


def _text(value) -> str | None:
    return None if pd.isna(value) or value == "" else str(value)


@cache
def _places_by_id() -> dict[str, Place]:
    places = {}
    for row in load_gazetteer().itertuples(index=False):
        places[row.place_id] = Place(
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
    return places


@cache
def _spelling_index() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """Folded spelling -> place_ids, and the longest spelling in words."""
    index: dict[tuple[str, ...], list[str]] = {}
    for row in load_gazetteer().itertuples(index=False):
        for spelling in (row.name, *row.variants.split(" | ")):
            words = fold(spelling)
            if words and row.place_id not in index.setdefault(words, []):
                index[words].append(row.place_id)
    longest = max(len(words) for words in index)
    return {words: tuple(ids) for words, ids in index.items()}, longest


@cache
def _admin_words() -> dict[str, set[tuple[str, ...]]]:
    """place_id -> folded commune, cercle and name qualifier, to tell homonyms apart.

    The qualifier is the bracketed part of a homonym's canonical name:
    "Tabankort (Ménaka)", "Kita (commune de Dioura)", "Douna (Koro)".
    """
    words = {}
    for row in load_gazetteer().itertuples(index=False):
        qualifier = re.findall(r"\(([^)]*)\)", row.name)
        words[row.place_id] = {
            fold(name) for name in (row.commune, row.cercle, *qualifier) if name
        }
    return words


@cache
def _segments_by_ends() -> dict[frozenset[str], str]:
    """{place_id, place_id} -> road-segment place_id joining them."""
    index, _ = _spelling_index()
    segments = {}
    for row in load_gazetteer().itertuples(index=False):
        if row.kind != "road segment":
            continue
        for spelling in row.variants.split(" | "):
            parts = _SEGMENT_SPLIT.split(spelling)
            ends = {index[fold(part)][0] for part in parts
                    if part and len(index.get(fold(part), ())) == 1}
            if len(ends) == 2:
                segments.setdefault(frozenset(ends), row.place_id)
    return segments


def _scan(words: tuple[str, ...]):
    """Leftmost-longest matches of known spellings: (start, end, place_ids)."""
    index, longest = _spelling_index()
    matches, start = [], 0
    while start < len(words):
        for end in range(min(len(words), start + longest), start, -1):
            ids = index.get(words[start:end])
            if ids:
                matches.append((start, end, ids))
                start = end
                break
        else:
            start += 1
    return matches


def _pick(
    ids: tuple[str, ...], context: tuple[str, ...], admin1: str | None
) -> str | None:
    """One place_id among homonyms, from the other words of the string or the hint."""
    if len(ids) == 1:
        return ids[0]
    text = " " + " ".join(context) + " "
    named = [pid for pid in ids
             if any(" " + " ".join(w) + " " in text for w in _admin_words()[pid])]
    if len(named) == 1:
        return named[0]
    if admin1 is not None:
        places = _places_by_id()
        same = [pid for pid in ids if places[pid].admin1 == admin1]
        if len(same) == 1:
            return same[0]
        if not same:
            open_region = [pid for pid in ids if places[pid].admin1 is None]
            if len(open_region) == 1:
                return open_region[0]
    return None


@cache
def _communes() -> dict[str, tuple[str, ...]]:
    return {row.place_id: fold(row.commune) for row in load_gazetteer().itertuples(index=False)}


def _commune_ok(place_id: str, words: tuple[str, ...]) -> bool:
    return _places_by_id()[place_id].kind == "commune" or _communes()[place_id] == words


def _matches(segments: list[tuple[str, ...]]):
    """Accepted matches per comma-separated segment: (segment, start, end, ids)."""
    found = []
    for number, words in enumerate(segments):
        for start, end, ids in _scan(words):
            before = words[max(0, start - 3):start]
            if before[-1:] == ("bateau",):  # a vessel named after a town
                continue
            if before[-2:] in _COMMUNE_OF or before == ("commune", "rurale", "de"):
                ids = tuple(pid for pid in ids if _commune_ok(pid, words[start:end]))
                if not ids:
                    continue
            found.append((number, start, end, ids))
    return found


def normalize_place(name: str, admin1: str | None = None) -> Place:
    """The gazetteer place a claims ``place`` string names first.

    ``admin1`` (a canonical pre-2023 region, e.g. from ``normalize_region``)
    settles homonyms. An unknown or ambiguous place comes back with
    ``name`` = the input and every other field None: never a guess.

    >>> normalize_place("Amassine, in der Nähe von Anefis").admin1
    'Kidal'
    >>> normalize_place("cercle de Koro").place_id
    'koro-cercle'
    >>> normalize_place("Tabankort").resolved
    False
    >>> normalize_place("Tabankort", admin1="Ménaka").place_id
    'tabankort-menaka'
    """
    if not isinstance(name, str):
        return Place(name="")
    segments = [fold(part) for part in _BOUNDARY.split(name)]
    matches = _matches(segments)
    if not matches:
        return Place(name=name)

    def context(number: int, start: int, end: int) -> tuple[str, ...]:
        other = [w for i, seg in enumerate(segments) if i != number for w in seg]
        words = segments[number]
        return words[:start] + words[end:] + tuple(other)

    places = _places_by_id()
    number, start, end, ids = matches[0]
    words = segments[number]
    if words[0] in _STRETCH_WORDS or (start > 0 and words[start - 1] in _STRETCH_WORDS):
        same_segment = [m for m in matches if m[0] == number][:2]
        ends = [_pick(m[3], context(*m[:3]), admin1) for m in same_segment]
        if len(ends) == 2 and None not in ends:
            segment = _segments_by_ends().get(frozenset(ends))
            if segment:
                return places[segment]
    place_id = _pick(ids, context(number, start, end), admin1)
    return places[place_id] if place_id else Place(name=name)


# ---------------------------------------------------------------- regions


@cache
def _region_index() -> tuple[dict[tuple[str, ...], str], int]:
    """Folded region name (descriptor removed) -> canonical pre-2023 region."""
    index = {}
    gazetteer = load_gazetteer()
    regions = gazetteer[(gazetteer["kind"] == "region") & gazetteer["admin1"].notna()]
    descriptor = _REGION_WORDS | {"de", "du", "la", "district"}
    for row in regions.itertuples(index=False):
        for spelling in (row.name, *row.variants.split(" | ")):
            words = _strip_descriptor(fold(spelling), descriptor)
            if words:
                index.setdefault(words, row.admin1)
    return index, max(len(words) for words in index)


def normalize_regions(text: str) -> tuple[tuple[str, str], ...]:
    """Every region a claims ``admin_region`` value names, as (region, ISO code).

    Old and post-2023 names, French, English and Arabic spellings; a reform
    region counts as the region it was cut from. Order of first mention.

    >>> normalize_regions("Mopti; Tombouctou")
    (('Mopti', 'ML-5'), ('Tombouctou', 'ML-6'))
    >>> normalize_regions("Douentza")
    (('Mopti', 'ML-5'),)
    """
    if not isinstance(text, str):
        return ()
    index, longest = _region_index()
    words, found, start = fold(text), [], 0
    while start < len(words):
        for end in range(min(len(words), start + longest), start, -1):
            region = index.get(words[start:end])
            if region:
                if region not in found:
                    found.append(region)
                start = end
                break
        else:
            start += 1
    codes = iso_region_codes()
    return tuple((region, codes[region]) for region in found)


def normalize_region(text: str) -> tuple[str, str] | None:
    """(canonical pre-2023 region, ISO 3166-2 code) for a region spelling.

    None when the text names no region, or names several ("Kidal/Gao": use
    ``normalize_regions``).

    >>> normalize_region("Timbuktu")
    ('Tombouctou', 'ML-6')
    >>> normalize_region("région de Bandiagara")
    ('Mopti', 'ML-5')
    >>> normalize_region("Ménaka")
    ('Ménaka', 'ML-9')
    """
    regions = normalize_regions(text)
    return regions[0] if len(regions) == 1 else None


# ---------------------------------------------------------------- incidents


@cache
def incident_main_places() -> pd.DataFrame:
    """One row per linked incident: its main place with admin units and coordinates.

    Rule: the main place is the incident's first ``main`` link in file order
    (the links list first the place the claims name first). For multi-village
    incidents and coordinated attacks the other ``main`` places are counted in
    ``n_main_places`` but lend neither region nor coordinates. Coordinates are
    those of the main place only, never borrowed from another place.
    A main place without a region (a locality no source placed, a road
    across two regions) leaves ``admin1`` empty: nearby reference places
    ("près de Bamako") never lend their region, as the site may lie across a
    boundary.

    >>> incident_main_places().set_index("incident_id").loc["amassine-2024-05-19", "admin1_code"]
    'ML-8'
    """
    links = incident_places().copy()
    links["is_main"] = links["role"] == "main"
    links["order"] = range(len(links))
    n_main = links.groupby("incident_key")["is_main"].sum()
    places = _places_by_id()
    rows = []
    ordered = links.sort_values(["incident_key", "is_main", "order"], ascending=[True, False, True])
    for incident_id, group in ordered.groupby("incident_key", sort=True):
        place = places[group["place_id"].iloc[0]]
        rows.append({
            "incident_id": incident_id,
            "place_id": place.place_id,
            "place": place.name,
            "place_kind": place.kind,
            "admin1": place.admin1,
            "admin1_code": place.admin1_code,
            "admin2": place.admin2,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "coord_precision": place.precision,
            "coord_source": place.coord_source,
            "n_main_places": int(n_main[incident_id]),
        })
    frame = pd.DataFrame(rows)
    for column in ("latitude", "longitude"):
        frame[column] = frame[column].astype("Float64")
    return frame


def incident_main_place(incident_id: str) -> Place | None:
    """The main place of one incident (rule: ``incident_main_places``); None if unlinked.

    >>> incident_main_place("amassine-2024-05-19").admin1
    'Kidal'
    """
    main = incident_main_places()
    hit = main[main["incident_id"] == incident_id]
    if hit.empty:
        return None
    return _places_by_id()[hit["place_id"].iloc[0]]
