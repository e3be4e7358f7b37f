"""Tests for malitrack.parse.places on the real claims, gazetteer and link files."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import SHIPPED_INCIDENTS, shipped_claims_paths

from malitrack.clean.reference_rules import gazetteer_problems
from malitrack import paths
from malitrack.errors import InputFileError
from malitrack.reference import Reference
from malitrack.parse.places import (
    CANONICAL_REGIONS,
    Place,
    place_words,
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
    files = shipped_claims_paths()
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


def test_place_words_removes_accents_case_sic_and_elisions():
    assert place_words("Tinzavoatene [sic]") == ("tinzavoatene",)
    assert place_words("près d'Aguel'hoc") == ("pres", "de", "aguel", "hoc")
    assert place_words("près d’Aguel’hoc") == ("pres", "de", "aguel", "hoc")
    assert place_words("Ménaka") == place_words("MENAKA")


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


# Place strings of the claims that resolve to no gazetteer place, with the
# claim's admin_region as hint (as the cleaning pipeline calls it), and why.
KNOWN_UNRESOLVED = {
    "": "no place given",
    "(FLA side)": "a note on the claimant's side, no place",
    "(Mali)": "country only",
    "(kidnappés au Mali)": "country only",
    "(convoi Civotech, Mali)": "country only",
    "convoi de camions-citernes (Mali)": "country only",
    "Mali": "country only",
    "(dated to 31 Jan by the outlet)": "a dating note, no place",
    "(dated to Saturday 31 Jan by the outlet)": "a dating note, no place",
    "Centre du Mali": "'central Mali': a vague area with no gazetteer place",
    "centre du Mali": "'central Mali': a vague area with no gazetteer place",
    "near the Algerian border": "no place name",
    "près d'une « base » du MNLA": "no place name",
    "près de la capitale": "no place name",
    "Douna et environs": "homonym: the Douna of Mondoro commune and the Douna of Koro "
    "cercle are both in the Mopti region, and the string names neither cercle",
    "Tabankort": "homonym (Tilemsi or Ménaka) and the claim gives no region",
    "bateau Tombouctou": "the boat named Tombouctou, not the town",
    "check-point de Kaïbara": "a checkpoint inside Tombouctou, named without the town",
    "commune de Dembo à Dimbal [sic]": "the outlet calls the village Dembo a commune "
    "(marked [sic]); Dembo is a village of the commune de Dimbal",
    "marché du village de la commune de Dioura": "names only the commune de Dioura, "
    "which has no gazetteer row (its village Kita is kita-dioura); not the Ténenkou village",
    "usine Diamond Cement 'située près de Bafoulabé' [sic per outlet]": "Bafoulabé town is "
    "not in the gazetteer and the outlet's location is marked [sic] (the incident is linked "
    "to Kayes)",
}


def test_every_claims_place_resolves_or_is_known_unresolved(claims):
    unresolved = set()
    for (place, admin_region), _ in claims.groupby(["place", "admin_region"]):
        region = normalize_region(admin_region)
        if not normalize_place(place, admin1=region[0] if region else None).resolved:
            unresolved.add(place)
    assert unresolved == set(KNOWN_UNRESOLVED)


def test_region_hint_from_admin_region_settles_tabankort(claims):
    rows = claims[claims["place"].str.startswith("Tabankort")]
    resolved = {
        (row.place, row.admin_region): normalize_place(
            row.place, admin1=(normalize_region(row.admin_region) or (None,))[0]
        ).place_id
        for row in rows.itertuples()
    }
    assert resolved[("Tabankort", "Ménaka")] == "tabankort-menaka"
    assert resolved[("Tabankort, près d'Anéfis", "Gao")] == "tabankort-tilemsi"
    assert resolved[("Tabankort", "")] is None


def test_homonym_told_apart_by_the_cercle_or_commune_named():
    assert normalize_place("village de Douna, cercle de Koro").place_id == "douna-koro"
    assert normalize_place("Douna, commune de Mondoro, région de Douentza").place_id == "douna"
    assert normalize_place("Kita, marché du village de la commune de Dioura").place_id == (
        "kita-dioura"
    )


def test_commas_separate_names_and_descriptors():
    # "Nara region" is a spelling of the reform region, but here Nara is the town
    assert normalize_place("Nara, région de Koulikoro").place_id == "nara"
    assert normalize_place("région de Nara").place_id == "nara-region"


def test_commune_de_needs_a_commune():
    # the village of Dioura (Ténenkou cercle) is not the commune de Dioura
    assert not normalize_place("marché du village de la commune de Dioura").resolved
    assert normalize_place("commune de Mondoro, cercle de Douentza").place_id == "mondoro"
    assert normalize_place("commune de Niamana, à quelques km de Mourdiah").place_id == (
        "mourdiah"
    )


def test_a_boat_named_after_a_town_is_not_the_town():
    assert normalize_place("bateau Tombouctou, commune de Banikane").place_id == "banikane"
    assert normalize_place("près de Tombouctou (bateau) et Bamba").place_id == "tombouctou"


def test_arabic_spellings_resolve():
    assert normalize_place("قرية تاسيك في منطقة كيدال (Tassik village)").place_id == "tassik"
    assert normalize_place("ثلاث قرى في إقليم منكا (three villages in Ménaka)").admin1 == (
        "Ménaka"
    )


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_normalize_place_never_raises_and_never_guesses(text):
    place = normalize_place(text)
    assert isinstance(place, Place)
    if not place.resolved:
        assert place.admin1 is None and place.admin2 is None and place.latitude is None


# ------------------------------------------------------------ gazetteer and links


def test_gazetteer_has_unique_ids_and_canonical_regions():
    gazetteer = load_gazetteer()
    assert gazetteer["place_id"].is_unique
    assert set(gazetteer["admin1"].dropna()) <= set(CANONICAL_REGIONS)
    regions = gazetteer[gazetteer["kind"] == "region"]
    assert set(CANONICAL_REGIONS) <= set(regions["admin1"].dropna())


def test_gazetteer_and_links_pass_the_validate_rules():
    """Unique ids, canonical regions, cited admin fields and coordinates inside Mali, links to known places."""
    assert gazetteer_problems(paths.raw_dir(), str)[0] == []


def test_cercle_gives_admin1_when_the_source_gave_only_the_cercle():
    gazetteer = load_gazetteer().set_index("place_id")
    assert gazetteer.loc["bankass-cercle", "admin1"] == "Mopti"
    assert gazetteer.loc["guirde", "admin1"] == "Koulikoro"  # post-2023 region Nara


def test_every_incident_of_the_claims_has_a_main_place(claims):
    links = incident_places()
    keys = set(claims["incident_key"])  # the shipped files'
    assert len(keys) == SHIPPED_INCIDENTS
    assert keys <= set(links["incident_key"])
    mains = set(links.loc[links["role"] == "main", "incident_key"])
    assert keys <= mains
    assert not links.duplicated(["incident_key", "place_id"]).any()


def test_gapfill_incidents_are_linked_in_the_gapfill_file(claims):
    files = sorted(paths.raw_claims_dir().glob("claims_gapfill_*.csv"))
    gapfill = set(pd.concat([pd.read_csv(f, dtype=str) for f in files])["incident_key"])
    links = incident_places()
    original = set(links.loc[links["source_file"] == "incident_places.csv", "incident_key"])
    new = gapfill - original
    assert len(new) == 80
    linked = set(links.loc[links["source_file"] == "incident_places_gapfill.csv", "incident_key"])
    assert new <= linked  # a user's added incidents may be linked there too


def test_main_place_rule_first_main_link_and_its_own_coordinates():
    main = incident_main_places().set_index("incident_id")
    assert len(main) >= SHIPPED_INCIDENTS
    row = main.loc["sevare-bapho-niono-2022-04-24"]
    assert row["place_id"] == "sevare" and row["n_main_places"] == 3
    # Aglale has no coordinates; the Kidal reference point is not borrowed
    assert main.loc["aglale-gatia-cma-2016-08-10", "place_id"] == "aglale"
    assert pd.isna(main.loc["aglale-gatia-cma-2016-08-10", "latitude"])
    assert main.loc["bintagoungou-2017-06-17", "latitude"] == pytest.approx(16.735374)


def test_main_place_of_amassine():
    place = incident_main_place("amassine-2024-05-19")
    assert place.place_id == "amassine" and place.admin1_code == "ML-8"
    assert incident_main_place("no-such-incident") is None
    main = incident_main_places()
    assert main["incident_id"].is_unique


def test_bad_link_file_names_file_row_and_column(raw_tree):
    (raw_tree / "places" / "incident_places.csv").write_text(
        "incident_key,place_id,role,note\nx-2020,amassine,main,\nx-2021,nowhere,main,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError, match=r"incident_places\.csv:3:place_id: unknown"):
        Reference.load(raw_tree)


def test_duplicate_place_id_is_reported_with_file_and_row(raw_tree):
    regions = raw_tree / "places" / "gazetteer_regions.csv"
    header = regions.read_text(encoding="utf-8").splitlines()[0]
    regions.write_text(header + "\nkidal,Kidal,Kidal,town,,,Kidal,,,,,,x,\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"gazetteer_regions\.csv:2:place_id"):
        Reference.load(raw_tree)


def test_unknown_region_is_reported_with_file_row_and_column(raw_tree):
    gazetteer = raw_tree / "places" / "gazetteer.csv"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace(",Kidal,", ",Kidall,", 1), encoding="utf-8")
    with pytest.raises(InputFileError, match=r"gazetteer\.csv:\d+:region_pre2023: unknown pre-2023 region 'Kidall'"):
        load_gazetteer(Reference.load(raw_tree))


# ------------------------------------------------------------ one raw tree per Reference


def test_a_place_added_to_a_copied_gazetteer_resolves_there_and_not_in_the_project(raw_tree):
    gapfill = raw_tree / "places" / "gazetteer_gapfill.csv"
    gapfill.write_text(
        gapfill.read_text(encoding="utf-8") + "xyzville,Xyzville,Xyz-Ville,village,,,Kidal,,,,,,test,added in the copy only\n",
        encoding="utf-8",
    )
    other = Reference.load(raw_tree)
    place = normalize_place("près de Xyz-Ville", reference=other)
    assert (place.place_id, place.admin1, place.admin1_code) == ("xyzville", "Kidal", "ML-8")
    assert not normalize_place("près de Xyz-Ville").resolved
    assert not normalize_place("près de Xyz-Ville", reference=Reference.load(paths.raw_dir())).resolved


def test_a_region_moved_in_a_copied_gazetteer_changes_only_that_copy(raw_tree):
    gazetteer = raw_tree / "places" / "gazetteer.csv"
    rows = pd.read_csv(gazetteer, dtype=str, keep_default_na=False)
    rows.loc[rows["place_id"] == "amassine", "region_pre2023"] = "Gao"
    rows.to_csv(gazetteer, index=False)
    assert normalize_place("Amassine", reference=Reference.load(raw_tree)).admin1 == "Gao"
    assert incident_main_place("amassine-2024-05-19", reference=Reference.load(raw_tree)).admin1 == "Gao"
    assert normalize_place("Amassine").admin1 == "Kidal"
