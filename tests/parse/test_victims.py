"""Tests for malitrack.parse.victims: the claimant's label for the dead, as a class.

The expectations file holds every distinct ``victims_text`` of the five raw
claims files with the class written by reading each label (not generated from
the function); its ``note`` column explains the hard calls.
"""

from __future__ import annotations

import csv
import doctest
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import shipped_claims_paths

from malitrack import paths
from malitrack.parse import victims
from malitrack.parse.victims import VICTIM_STATUSES, classify_victims, classify_victims_series

EXPECTATIONS_FILE = Path(__file__).parents[1] / "data" / "victim_expectations.csv"

# Labels where the reading and the classifier knowingly differ, with the reason.
# The expectations test fails if any other label differs, or if one of these is fixed.
KNOWN_LIMITS = {
    "personnes, dont le kamikaze et 6 combattants": (
        "mixed",
        "the clause (1 + 6) is the whole toll of 7; words alone cannot tell",
    ),
}


def read_expectations() -> list[tuple[str, str, str]]:
    with EXPECTATIONS_FILE.open(encoding="utf-8", newline="") as fh:
        return [
            (row["victims_text"], row["expected_status"], row["note"]) for row in csv.DictReader(fh)
        ]


def raw_victims_labels() -> set[str]:
    labels = set()
    for claims_file in shipped_claims_paths():
        with claims_file.open(encoding="utf-8", newline="") as fh:
            labels.update(row["victims_text"] for row in csv.DictReader(fh))
    return labels


def test_expectations_cover_every_distinct_label_in_the_raw_files():
    expected_labels = [text for text, _, _ in read_expectations()]
    assert len(expected_labels) == len(set(expected_labels)), "duplicate labels in expectations"
    raw = raw_victims_labels()
    missing = sorted(raw - set(expected_labels))
    stale = sorted(set(expected_labels) - raw)
    assert not missing, f"labels with no expectation: {missing}"
    assert not stale, f"expectations for labels no longer in the raw files: {stale}"
    assert len(raw) == 943


def test_every_expectation_is_a_status():
    unknown = [
        (text, status) for text, status, _ in read_expectations() if status not in VICTIM_STATUSES
    ]
    assert not unknown


def test_classifier_meets_every_expectation_from_the_raw_files():
    mismatches = {}
    for text, expected, note in read_expectations():
        got = classify_victims(text)
        if got != expected:
            mismatches[text] = (expected, got, note)
    unexplained = {
        text: found for text, found in mismatches.items()
        if KNOWN_LIMITS.get(text, (None,))[0] != found[1]
    }
    report = "\n".join(
        f"{text!r}: expected {exp}, got {got} ({note})"
        for text, (exp, got, note) in unexplained.items()
    )
    assert not unexplained, f"{len(unexplained)} mismatches:\n{report}"
    assert set(mismatches) == set(KNOWN_LIMITS), "a known limit is fixed: drop it from KNOWN_LIMITS"


def test_expectations_use_every_status():
    used = {status for _, status, _ in read_expectations()}
    assert used == set(VICTIM_STATUSES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("civilians and children", "civilian"),
        ("femmes et enfants", "civilian"),
        ("villageois", "civilian"),
        ("bergers", "civilian"),
        ("suspected jihadists", "armed_group"),
        ("présumés terroristes", "armed_group"),
        ("soldats", "state_forces"),
        ("FAMa", "state_forces"),
        ("mercenaires russes", "foreign_forces"),
        ("casques bleus", "foreign_forces"),
        ("individus armés neutralisés", "armed_group"),
        ("assaillants", "armed_group"),
        ("personnes", "unspecified"),
        ("people", "unspecified"),
        ("morts", "unspecified"),
        ("", "unspecified"),
    ],
)
def test_named_examples(text, expected):
    assert classify_victims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # phrasings not in the dataset
        ("des civils, dont des enfants", "civilian"),
        ("jihadistes présumés", "armed_group"),
        ("deux soldats maliens et un civil", "mixed"),
        ("Wagner fighters", "foreign_forces"),
        ("Russian instructors", "foreign_forces"),
        ("peacekeepers from Chad", "foreign_forces"),
        ("soldiers from Chad", "foreign_forces"),
        ("deux casques bleus égyptiens", "foreign_forces"),
        ("militaires de l'opération Barkhane", "foreign_forces"),
        ("Takuba special forces", "foreign_forces"),
        ("Malian troops and Russian mercenaries", "mixed"),
        ("Africa Corps instructors and FAMa soldiers", "mixed"),
        ("gendarmes et policiers", "state_forces"),
        ("combattants du JNIM et soldats maliens", "mixed"),
        ("rebelles touaregs", "armed_group"),
        ("milices dogons", "armed_group"),
        ("EIGS fighters", "armed_group"),
        ("5 personnes dont 2 soldats", "mixed"),
        ("jihadists and civilians", "mixed"),
        # feminine forms, case, accents, quotes
        ("une villageoise", "civilian"),
        ("bergères peules", "civilian"),
        ("paysannes", "civilian"),
        ("CIVILES", "civilian"),
        ("« Terroristes »", "armed_group"),
        ("„Zivilisten“", "civilian"),
        ("“terroristes”", "armed_group"),
        # the perpetrator named after "par"/"by", or the event, is not the victim
        ("civils tués par des terroristes", "civilian"),
        ("civils tués par des soldats maliens et des mercenaires russes", "civilian"),
        ("civilians killed by French forces", "civilian"),
        ("terroristes neutralisés par l'armée", "armed_group"),
        ("terroristes abattus par les FAMa; deux soldats tués", "mixed"),
        ("pertes subies par les FAMa", "state_forces"),
        ("civils tués dans une attaque jihadiste", "civilian"),
        ("civils tués lors d'une frappe de drone de l'armée", "civilian"),
        ("civilians killed in a French army strike", "civilian"),
        ("soldats tués lors de l'attaque du camp de Boulkessi par des jihadistes", "state_forces"),
        ("victimes de l'attentat suicide", "unspecified"),
        ("aucun civil", "unspecified"),
        # other languages
        ("armée française", "foreign_forces"),
        ("الجيش الفرنسي", "foreign_forces"),
        ("قوات حفظ السلام", "foreign_forces"),
        ("مرتزقة فاغنر", "foreign_forces"),
        ("متمردين", "armed_group"),
        ("رعاة", "civilian"),
        ("cascos azules chadianos", "foreign_forces"),
        ("soldados malienses", "state_forces"),
        ("yihadistas", "armed_group"),
        ("Blauhelmsoldaten", "foreign_forces"),
        ("Frauen und Kinder", "civilian"),
        ("malische Soldaten und Zivilisten", "mixed"),
        ("donne e bambini", "civilian"),
        ("mulheres e crianças", "civilian"),
        ("soldados franceses", "foreign_forces"),
        ("französische Soldaten", "foreign_forces"),
        ("Dorfbewohner", "civilian"),
        ("vrouwen en kinderen", "civilian"),
        ("orang militan", "armed_group"),
        ("мирных жителей", "civilian"),
        ("боевиков", "armed_group"),
        ("قوات الأمن المالية", "state_forces"),
        # English and French words beyond the dataset
        ("gunmen", "armed_group"),
        ("Malian security forces", "state_forces"),
        ("national guardsmen", "state_forces"),
        ("artisanal gold miners", "civilian"),
        ("pêcheurs bozos", "civilian"),
        ("fidèles dans une mosquée", "civilian"),
        ("membres de Dan Na Ambassagou", "armed_group"),
        ("déplacés", "civilian"),
        ("forces spéciales françaises", "foreign_forces"),
        ("soldats de l'ONU", "foreign_forces"),
        ("un soldat malien et deux soldats français", "mixed"),
        ("journalistes français", "civilian"),
        ("jeunes armés", "armed_group"),
        ("jihadistes et leurs familles", "mixed"),
        # Arabic
        ("مدنيين", "civilian"),
        ("مدنيًا", "civilian"),
        ("إرهابيين", "armed_group"),
        ("جنود", "state_forces"),
        ("الجيش المالي", "state_forces"),
        ("أطفال ونساء", "civilian"),
        ("جنود تشاديين", "foreign_forces"),
    ],
)
def test_general_phrasings(text, expected):
    assert classify_victims(text) == expected


def test_amassine_same_dead_opposite_labels_from_the_real_rows():
    claims_file = paths.raw_claims_dir() / "claims_2022_2025.csv"
    with claims_file.open(encoding="utf-8", newline="") as fh:
        rows = [row for row in csv.DictReader(fh) if row["incident_key"] == "amassine-2024-05-19"]
    by_label = {row["victims_text"]: classify_victims(row["victims_text"]) for row in rows}
    assert by_label["male villagers, all civilians"] == "civilian"
    assert by_label['armed "terrorists"'] == "armed_group"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an including-clause after civilians does not change the label
        ("civils, dont 4 chasseurs; '22 civils' attacked while farming", "civilian"),
        ("civilian men, some of them suspected Islamist fighters", "civilian"),
        # after another class it adds classes, but women and children do not
        ("soldats, dont des mercenaires russes", "mixed"),
        ("casques bleus guinéens dont une femme", "foreign_forces"),
        # after a generic noun: women and children make it civilian, fighters make it mixed
        ("personnes, dont des femmes et des enfants", "civilian"),
        ("morts, dont cinq kamikazes", "mixed"),
        ("personnes dont le chef du village", "civilian"),
        ("54 corps dont un civil", "mixed"),
        # relative labels depend on the speaker
        ("côté ami", "unspecified"),
        ("« ennemis »", "unspecified"),
        ("de nos soldats", "unspecified"),
        ("« nos hommes » (soldats)", "state_forces"),
    ],
)
def test_how_mixed_and_relative_labels_are_decided(text, expected):
    assert classify_victims(text) == expected


def test_quotes_and_case_do_not_change_any_real_label():
    changed = []
    for text, _, _ in read_expectations():
        variants = {f"« {text} »", f'"{text}"', f"„{text}“", text.upper()}
        base = classify_victims(text)
        changed += [(text, v) for v in variants if classify_victims(v) != base]
    assert not changed


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gets_one_of_the_statuses(text):
    assert classify_victims(text) in VICTIM_STATUSES


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([t for t, _, _ in read_expectations()]), min_size=1, max_size=6))
def test_any_list_of_real_labels_gets_one_of_the_statuses(labels):
    assert classify_victims(" ; ".join(labels)) in VICTIM_STATUSES


def test_missing_values_are_unspecified():
    assert classify_victims(None) == "unspecified"
    assert classify_victims(pd.NA) == "unspecified"


def test_series_matches_the_function_and_keeps_the_index():
    texts = [t for t, _, _ in read_expectations()]
    values = texts + texts[:50] + [None]
    series = pd.Series(values, index=range(100, 100 + len(values)), name="victims_text")
    result = classify_victims_series(series)
    assert result.index.equals(series.index)
    assert result.name == "victims_text"
    assert result.iloc[-1] == "unspecified"
    assert result.iloc[:-1].tolist() == [classify_victims(t) for t in series.iloc[:-1]]


def test_series_classifies_each_distinct_label_once(monkeypatch):
    seen = []
    original = victims.classify_victims

    def counting(text):
        seen.append(text)
        return original(text)

    monkeypatch.setattr(victims, "classify_victims", counting)
    result = classify_victims_series(pd.Series(["civils", "FAMa", "civils", "FAMa", "civils"]))
    assert sorted(seen) == ["FAMa", "civils"]
    assert result.tolist() == ["civilian", "state_forces", "civilian", "state_forces", "civilian"]


def raw_claims() -> pd.DataFrame:
    frames = [
        pd.read_csv(claims_file, dtype=str, keep_default_na=False)
        for claims_file in shipped_claims_paths()
    ]
    return pd.concat(frames, ignore_index=True)


def test_figure_text_fills_in_only_where_victims_text_names_no_status():
    claims = raw_claims()
    alone = classify_victims_series(claims["victims_text"])
    with_figures = classify_victims_series(claims["victims_text"], fallback=claims["figure_text"])
    named = alone != "unspecified"
    assert with_figures[named].equals(alone[named])
    filled = with_figures[~named] != "unspecified"
    assert filled.sum() > 0
    by_pair = {
        (v, f): status
        for v, f, status in zip(claims["victims_text"], claims["figure_text"], with_figures)
    }
    assert by_pair[("tués", "Un Casque bleu et trois civils")] == "mixed"
    assert by_pair[("« Nous confirmons la mort »", "une petite fille")] == "civilian"
    assert by_pair[("porté disparu", "un soldat tchadien")] == "foreign_forces"
    assert by_pair[("", "11 مدنيًا")] == "civilian"
    # where the label names a status, the figure is not consulted
    assert by_pair[("soldats / civil", "54 corps dont un civil")] == "mixed"


def test_docstring_examples_run():
    assert doctest.testmod(victims).failed == 0
