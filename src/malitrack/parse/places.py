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

Data (all under ``data/raw/places/``, read by ``malitrack.reference``)
---------------------------------------------------------------------
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

This module reads no file: every function takes the tables as a
``reference`` (a ``malitrack.reference.Reference``) and falls back on
``malitrack.reference.default()`` (the project's raw folder, or the copy
shipped in the package). The derived tables and indexes live in
``malitrack.parse.gazetteer``.

Method
------
Names are compared after folding (``malitrack.text.fold``: casefolded, Unicode
NFKD with combining marks removed: é -> e, ď -> d, Arabic hamza seats -> bare
alif; typographic apostrophes made plain), "[sic]" and
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

``admin1``, its ISO 3166-2 code and ``admin2`` are derived as
``malitrack.parse.gazetteer`` says.
"""

from __future__ import annotations

import re

import pandas as pd

from malitrack import reference as reference_tables
from malitrack.parse.gazetteer import (
    CANONICAL_REGIONS,
    MALI_LATITUDE,
    MALI_LONGITUDE,
    Place,
    admin_words,
    communes,
    gazetteer_table,
    inside_mali,
    iso_region_codes,
    place_words,
    places_by_id,
    region_index,
    segments_by_ends,
    spelling_index,
)
from malitrack.reference import Reference

__all__ = [
    "CANONICAL_REGIONS", "MALI_LATITUDE", "MALI_LONGITUDE", "Place", "incident_main_place", "incident_main_places",
    "incident_places", "inside_mali", "iso_region_codes", "load_gazetteer", "normalize_place", "normalize_region",
    "normalize_regions", "place_words",
]

# words that introduce a stretch between two places
_STRETCH_WORDS = {"entre", "between", "axe", "axes", "route", "road", "troncon"}
# a name right after these words must be a commune ("commune de Dioura" is not
# the village of Dioura)
_COMMUNE_OF = {("commune", "de"), ("commune", "du"), ("communes", "de")}
# commas, semicolons and colons separate place names ("Nara, région de Koulikoro")
_BOUNDARY = re.compile(r"[,;:\u060c\u061b]")


def _reference(reference: Reference | None) -> Reference:
    """The tables to use: the caller's, else ``malitrack.reference.default()``."""
    return reference if reference is not None else reference_tables.default()


def load_gazetteer(reference: Reference | None = None) -> pd.DataFrame:
    """All gazetteer rows, with derived ``admin1``, ``admin1_code`` and ``admin2``.

    Rows come from gazetteer.csv, gazetteer_regions.csv and
    gazetteer_gapfill.csv (plus ``source_file``/``source_row``); extra
    spellings from place_variants.csv are appended to ``variants``.

    >>> load_gazetteer().set_index("place_id").loc["amassine", "admin1"]
    'Kidal'
    """
    return gazetteer_table(_reference(reference))


def incident_places(reference: Reference | None = None) -> pd.DataFrame:
    """All incident -> place links (incident_places.csv + the gap-fill file).

    Columns: incident_key, place_id, role (main/also), note, source_file,
    source_row.

    >>> incident_places().query("incident_key == 'amassine-2024-05-19'").place_id.iloc[0]
    'amassine'
    """
    return _reference(reference).incident_places


# ---------------------------------------------------------------- lookups


def _scan(words: tuple[str, ...], reference: Reference):
    """Leftmost-longest matches of known spellings: (start, end, place_ids)."""
    index, longest = spelling_index(reference)
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
    ids: tuple[str, ...], context: tuple[str, ...], admin1: str | None, reference: Reference
) -> str | None:
    """One place_id among homonyms, from the other words of the string or the hint."""
    if len(ids) == 1:
        return ids[0]
    text = " " + " ".join(context) + " "
    qualifiers = admin_words(reference)
    named = [pid for pid in ids
             if any(" " + " ".join(w) + " " in text for w in qualifiers[pid])]
    if len(named) == 1:
        return named[0]
    if admin1 is not None:
        places = places_by_id(reference)
        same = [pid for pid in ids if places[pid].admin1 == admin1]
        if len(same) == 1:
            return same[0]
        if not same:
            open_region = [pid for pid in ids if places[pid].admin1 is None]
            if len(open_region) == 1:
                return open_region[0]
    return None


def _commune_ok(place_id: str, words: tuple[str, ...], reference: Reference) -> bool:
    return places_by_id(reference)[place_id].kind == "commune" or communes(reference)[place_id] == words


def _matches(segments: list[tuple[str, ...]], reference: Reference):
    """Accepted matches per comma-separated segment: (segment, start, end, ids)."""
    found = []
    for number, words in enumerate(segments):
        for start, end, ids in _scan(words, reference):
            before = words[max(0, start - 3):start]
            if before[-1:] == ("bateau",):  # a vessel named after a town
                continue
            if before[-2:] in _COMMUNE_OF or before == ("commune", "rurale", "de"):
                ids = tuple(pid for pid in ids if _commune_ok(pid, words[start:end], reference))
                if not ids:
                    continue
            found.append((number, start, end, ids))
    return found


def normalize_place(name: str, admin1: str | None = None, *, reference: Reference | None = None) -> Place:
    """The gazetteer place a claims ``place`` string names first.

    ``admin1`` (a canonical pre-2023 region, e.g. from ``normalize_region``)
    settles homonyms. An unknown or ambiguous place comes back with
    ``name`` = the input and every other field None: never a guess.
    ``reference`` holds the gazetteer (default: ``malitrack.reference.default()``).

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
    reference = _reference(reference)
    segments = [place_words(part) for part in _BOUNDARY.split(name)]
    matches = _matches(segments, reference)
    if not matches:
        return Place(name=name)

    def context(number: int, start: int, end: int) -> tuple[str, ...]:
        other = [w for i, seg in enumerate(segments) if i != number for w in seg]
        words = segments[number]
        return words[:start] + words[end:] + tuple(other)

    places = places_by_id(reference)
    number, start, end, ids = matches[0]
    words = segments[number]
    if words[0] in _STRETCH_WORDS or (start > 0 and words[start - 1] in _STRETCH_WORDS):
        same_segment = [m for m in matches if m[0] == number][:2]
        ends = [_pick(m[3], context(*m[:3]), admin1, reference) for m in same_segment]
        if len(ends) == 2 and None not in ends:
            segment = segments_by_ends(reference).get(frozenset(ends))
            if segment:
                return places[segment]
    place_id = _pick(ids, context(number, start, end), admin1, reference)
    return places[place_id] if place_id else Place(name=name)


# ---------------------------------------------------------------- regions


def normalize_regions(text: str, *, reference: Reference | None = None) -> tuple[tuple[str, str], ...]:
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
    index, longest = region_index(_reference(reference))
    words, found, start = place_words(text), [], 0
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


def normalize_region(text: str, *, reference: Reference | None = None) -> tuple[str, str] | None:
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
    regions = normalize_regions(text, reference=reference)
    return regions[0] if len(regions) == 1 else None


# ---------------------------------------------------------------- incidents


def _main_places(reference: Reference) -> pd.DataFrame:
    links = reference.incident_places.copy()
    links["is_main"] = links["role"] == "main"
    links["order"] = range(len(links))
    n_main = links.groupby("incident_key")["is_main"].sum()
    places = places_by_id(reference)
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


def incident_main_places(reference: Reference | None = None) -> pd.DataFrame:
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
    reference = _reference(reference)
    return reference.cached("incident_main_places", lambda: _main_places(reference))


def incident_main_place(incident_id: str, *, reference: Reference | None = None) -> Place | None:
    """The main place of one incident (rule: ``incident_main_places``); None if unlinked.

    >>> incident_main_place("amassine-2024-05-19").admin1
    'Kidal'
    """
    reference = _reference(reference)
    main = incident_main_places(reference)
    hit = main[main["incident_id"] == incident_id]
    if hit.empty:
        return None
    return places_by_id(reference)[hit["place_id"].iloc[0]]
