"""Tests for malitrack.places on the real claims, gazetteer and link files."""

from __future__ import annotations

import pandas as pd
import pytest

from malitrack import paths
from malitrack.errors import InputFileError
from malitrack.places import (
    CANONICAL_REGIONS,
    Place,
    fold,
    incident_main_place,
    incident_main_places,
    incident_places,
    iso_region_codes,
    load_gazetteer,
    normalize_place,
    normalize_region,
    normalize_regions,
)


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    files = sorted(paths.raw_claims_dir().glob("claims_*.csv"))
    return pd.concat(
        [pd.read_csv(f, dtype=str, keep_default_na=False) for f in files], ignore_index=True
    )


# ------------------------------------------------------------ regions


def test_iso_codes_follow_pycountry_including_the_2016_regions():
    codes = iso_region_codes()
    assert set(codes) == set(CANONICAL_REGIONS)
    assert codes["Kidal"] == "ML-8"
    assert codes["Ménaka"] == "ML-9"
    assert codes["Taoudénit"] == "ML-10"
    assert codes["Bamako"] == "ML-BKO"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tombouctou", "Tombouctou"),
        ("Timbuktu", "Tombouctou"),
        ("ولاية تمبكتو", "Tombouctou"),
        ("منطقة تمبكتو (Tombouctou)", "Tombouctou"),
        ("Ségou", "Ségou"),
        ("Sego [Ségou]", "Ségou"),
        ("région de Ségou", "Ségou"),
        ("Ménaka", "Ménaka"),
        ("région de Ménaka", "Ménaka"),
        ("كيدال", "Kidal"),
        ("Mopti [sic]", "Mopti"),
        ("Bandiagara", "Mopti"),
        ("Badiangara [sic]", "Mopti"),
        ("Douentza", "Mopti"),
        ("Nioro", "Kayes"),
        ("Kita", "Kayes"),
        ("Nara", "Koulikoro"),
        ("Dioïla", "Koulikoro"),
        ("Bougouni", "Sikasso"),
        ("Koutiala", "Sikasso"),
        ("San", "Ségou"),
        ("Bamako", "Bamako"),
    ],
)
def test_region_spellings_resolve_to_the_pre2023_region(text, expected):
    assert normalize_region(text) == (expected, iso_region_codes()[expected])


def test_multi_region_values_list_every_region_and_have_no_single_region():
    assert normalize_regions("Kidal/Gao") == (("Kidal", "ML-8"), ("Gao", "ML-7"))
    assert normalize_regions("between Ségou and Tombouctou regions") == (
        ("Ségou", "ML-4"),
        ("Tombouctou", "ML-6"),
    )
    assert normalize_regions("Kayes; Dioïla") == (("Kayes", "ML-1"), ("Koulikoro", "ML-2"))
    assert normalize_region("Mopti; Tombouctou") is None


def test_every_admin_region_value_of_the_claims_resolves(claims):
    values = sorted(set(claims["admin_region"]) - {""})
    assert len(values) == 36  # 37 distinct values with the empty one
    unresolved = [v for v in values if not normalize_regions(v)]
    assert unresolved == []
    single = [v for v in values if len(normalize_regions(v)) == 1]
    assert all(normalize_region(v) is not None for v in single)


def test_no_region_text_gives_none():
    assert normalize_region("") is None
    assert normalize_region("Mali") is None
    assert normalize_regions(None) == ()


# ------------------------------------------------------------ places


def test_fold_removes_accents_case_sic_and_elisions():
    assert fold("Tinzavoatene [sic]") == ("tinzavoatene",)
    assert fold("près d'Aguel'hoc") == ("pres", "de", "aguel", "hoc")
    assert fold("Ménaka") == fold("MENAKA")


def test_amassine_resolves_to_kidal():
    place = normalize_place("Amassine, in der Nähe von Anefis")
    assert place.place_id == "amassine"
    assert (place.admin1, place.admin1_code) == ("Kidal", "ML-8")


@pytest.mark.parametrize(
    "spellings",
    [
        ("Tombouctou", "Timbuktu", "تمبكتو"),
        ("Tinzaouaten", "Tin Zaouatene", "Tinzawaten", "Tinzaouatène", "Tinzavoatene [sic]",
         "تينزاواتين"),
        ("Ménaka", "Menaka", "MÉNAKA"),
        ("Boulkessi", "Boulikessi", "Boulkessy", "بولكسي"),
    ],
)
def test_spelling_variants_resolve_to_one_place(spellings):
    ids = {normalize_place(s).place_id for s in spellings}
    assert len(ids) == 1 and None not in ids


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("Guiré (zone Nara/Banamba)", "guire"),
        ("secteur de Guiré", "guire"),
        ("cercle de Koro", "koro-cercle"),
        ("près de Bandiagara", "bandiagara"),
        ("région de Ménaka", "menaka-region"),
        ("Région de Bandiagara", "bandiagara-region"),
        ("a village in the Bankass Circle", "bankass-cercle"),
        ("Binédama (Commune de Madougou, cercle de Koro)", "binedama"),
        ("camp militaire de Tessit, région de Gao", "tessit"),
        ("entre Aguelhok et Anéfif", "axe-aguelhok-anefis"),
        ("entre Kolondiéba et Kadiana, près de la frontière ivoirienne", "axe-kolondieba-kadiana"),
        ("entre Gao et Ansongo", "gao"),
    ],
)
def test_descriptive_strings_resolve(text, place_id):
    assert normalize_place(text).place_id == place_id


def test_region_place_carries_its_pre2023_region():
    place = normalize_place("village of Yarou, Bandiagara region")
    assert place.admin1 == "Mopti"
    assert normalize_place("Région de Bandiagara").admin1 == "Mopti"


def test_unknown_place_is_never_guessed():
    place = normalize_place("Xyzville")
    assert place == Place(name="Xyzville")
    assert place.admin1 is None and place.admin1_code is None and not place.resolved


def test_homonyms_need_a_region_hint():
    assert not normalize_place("Tabankort").resolved
    assert normalize_place("Tabankort", admin1="Ménaka").place_id == "tabankort-menaka"
    assert normalize_place("Tabankort", admin1="Gao").place_id == "tabankort-tilemsi"
    assert not normalize_place("Kita").resolved
    assert normalize_place("Kita", admin1="Kayes").place_id == "kita"
    # the hint drops Kita town (Kayes); the Kita of Dioura commune has no coded region
    assert normalize_place("Kita", admin1="Mopti").place_id == "kita-dioura"
    assert normalize_place("Kita, commune de Dioura").place_id == "kita-dioura"


# ------------------------------------------------------------ gazetteer and links


def test_gazetteer_has_unique_ids_and_canonical_regions():
    gazetteer = load_gazetteer()
    assert gazetteer["place_id"].is_unique
    assert set(gazetteer["admin1"].dropna()) <= set(CANONICAL_REGIONS)
    regions = gazetteer[gazetteer["kind"] == "region"]
    assert set(CANONICAL_REGIONS) <= set(regions["admin1"].dropna())


def test_gazetteer_rows_cite_a_source_for_admin_fields():
    gazetteer = load_gazetteer()
    with_admin = gazetteer[(gazetteer["region_pre2023"] != "") | (gazetteer["cercle"] != "")]
    assert (with_admin["admin_source"] != "").all()
    with_coords = gazetteer[gazetteer["latitude"] != ""]
    assert (with_coords["coord_source"] != "").all()


def test_cercle_gives_admin1_when_the_source_gave_only_the_cercle():
    gazetteer = load_gazetteer().set_index("place_id")
    assert gazetteer.loc["bankass-cercle", "admin1"] == "Mopti"
    assert gazetteer.loc["guirde", "admin1"] == "Koulikoro"  # post-2023 region Nara


def test_links_point_to_known_places():
    links = incident_places()
    assert links["place_id"].isin(load_gazetteer()["place_id"]).all()
    assert set(links["role"]) <= {"main", "also"}


def test_main_place_of_amassine():
    place = incident_main_place("amassine-2024-05-19")
    assert place.place_id == "amassine" and place.admin1_code == "ML-8"
    assert incident_main_place("no-such-incident") is None
    main = incident_main_places()
    assert main["incident_id"].is_unique


def test_bad_link_file_names_file_row_and_column(tmp_path, monkeypatch):
    places_dir = tmp_path / "data" / "raw" / "places"
    places_dir.mkdir(parents=True)
    source = paths.raw_dir() / "places"
    for name in ("gazetteer.csv", "gazetteer_regions.csv"):
        (places_dir / name).write_bytes((source / name).read_bytes())
    (places_dir / "incident_places.csv").write_text(
        "incident_key,place_id,role,note\nx-2020,amassine,main,\nx-2021,nowhere,main,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("MALITRACK_HOME", str(tmp_path))
    from malitrack import places

    for cached in (places.load_gazetteer, places.incident_places):
        cached.cache_clear()
    try:
        with pytest.raises(InputFileError, match=r"incident_places\.csv:3:place_id: unknown"):
            places.incident_places()
    finally:
        monkeypatch.delenv("MALITRACK_HOME")
        for cached in (places.load_gazetteer, places.incident_places):
            cached.cache_clear()
