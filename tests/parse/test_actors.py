"""Actor normalisation: every real perpetrator text, the alias table, the general case.

tests/data/actor_expectations.csv has one row per distinct ``perpetrator_text``
of the five claims files (795, the empty text included). ``expected`` holds the
canonical actors in order of first mention joined by "; " (empty: no actor),
written by reading each string, before the function existed; ``note`` explains
hard calls; ``status`` is ``ok`` or ``known_limitation`` (the function is known
to differ, and a test checks that it still does, so a fix forces the status
to change).
"""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from conftest import RAW, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from shipped import SHIPPED_CLAIMS, shipped_claims_paths

from malitrack.parse import actors
from malitrack.parse.actors import actor_register, normalize_actors, normalize_actors_series
from malitrack.clean.provenance import check_sidecar
from malitrack.clean.reference_rules import actor_problems
from malitrack.errors import InputFileError
from malitrack.reference import Reference

EXPECTATIONS = ROOT / "tests" / "data" / "actor_expectations.csv"
ALIASES = RAW / "actor_aliases.csv"
SIDECAR = RAW / "actor_aliases.provenance.json"


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def split(joined: str) -> list[str]:
    return joined.split("; ") if joined else []


EXPECTED = read_csv(EXPECTATIONS)


# --- every distinct perpetrator_text of the claims files, read by hand -------------------


def test_every_perpetrator_text_of_the_claims_has_an_expectation():
    texts = {row["perpetrator_text"] for path in shipped_claims_paths() for row in read_csv(path)}
    written = [row["perpetrator_text"] for row in EXPECTED]
    assert len(written) == len(set(written)), "a text is listed twice in actor_expectations.csv"
    assert texts - set(written) == set(), "perpetrator texts without an expectation: add them by hand"
    assert set(written) - texts == set(), "expectations for texts no longer in the claims files"


def test_every_perpetrator_text_gives_the_expected_actors():
    mismatches = [
        f"{row['perpetrator_text']!r}: expected {split(row['expected'])}, got {normalize_actors(row['perpetrator_text'])}"
        for row in EXPECTED
        if row["status"] == "ok" and normalize_actors(row["perpetrator_text"]) != split(row["expected"])
    ]
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


def test_known_limitations_are_still_wrong_so_their_status_stays_honest():
    limitations = [row for row in EXPECTED if row["status"] == "known_limitation"]
    assert limitations, "no known limitation left: good, but then this test should go"
    fixed = [row["perpetrator_text"] for row in limitations if normalize_actors(row["perpetrator_text"]) == split(row["expected"])]
    assert not fixed, f"now right, set their status to ok: {fixed}"
    assert {row["status"] for row in EXPECTED} <= {"ok", "known_limitation"}


def test_expected_names_are_canonical_actors():
    register = actor_register()
    unknown = {name for row in EXPECTED for name in split(row["expected"]) if name not in register}
    assert not unknown


# --- the examples of the brief and phrasings not in the dataset ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'armée malienne et ses supplétifs russes de Wagner", ["FAMa", "Wagner Group"]),
        ("Malian army and Wagner", ["FAMa", "Wagner Group"]),  # Amassine, 19 May 2024 (CSP)
        ("Wagner et l'armée malienne", ["Wagner Group", "FAMa"]),  # order of first mention
        ("FAMa, puis les Forces armées maliennes, encore la FAMA", ["FAMa"]),  # no duplicates
        ("ARMÉE MALIENNE", ["FAMa"]),
        ("armee malienne", ["FAMa"]),
        ("une famille entière", []),  # no FAMa inside famille
        ("des soldats français et la Force Barkhane", ["French forces"]),
        ("l'opération Serval", ["French forces"]),
        ("la task force Takuba", ["French forces"]),
        ("UN peacekeepers", ["MINUSMA"]),
        ("des casques bleus tchadiens", ["MINUSMA"]),
        ("la Force conjointe du G5 Sahel", ["G5 Sahel"]),
        ("les FDS", ["FAMa"]),
        ("des donsos", ["dozos"]),
        ("Dan Na Amassagou", ["Dan Na Ambassagou"]),
        ("ISGS", ["Islamic State Sahel"]),
        ("ISSP fighters", ["Islamic State Sahel"]),
        ("IS Sahel", ["Islamic State Sahel"]),
        ("الدولة الإسلامية في الساحل", ["Islamic State Sahel"]),
        ("this is an attack by unknown attackers", ["unknown"]),  # 'is' is not IS
        ("Jama'at Nusrat al-Islam wal-Muslimin", ["JNIM"]),
        ("جماعة نصرة الإسلام والمسلمين", ["JNIM"]),
        ("مقاتلو جماعة نصرة الإسلام والمسلمين والجيش المالي", ["JNIM", "FAMa"]),
        ("Ansar Dine and AQIM", ["Ansar Dine", "AQIM"]),
        ("le Front de libération du Macina", ["Katiba Macina"]),
        ("CSP-DPA rebels", ["CSP"]),
        ("the Azawad Liberation Front", ["FLA"]),
        ("le Mouvement pour le salut de l'Azawad et le GATIA", ["MSA", "GATIA"]),
        ("unknown attackers", ["unknown"]),
        ("hommes armés non identifiés", ["unknown"]),
        ("des inconnus", ["unknown"]),
        ("des jihadistes", ["jihadists (unspecified)"]),
        ("jihadistes du JNIM", ["JNIM"]),
        ("des terroristes", ["terrorists (unspecified)"]),
        ("des terroristes de l'EIGS", ["Islamic State Sahel"]),
        ("instructeurs russes", ["Russian forces (unspecified)"]),
        ("", []),
        ("   ", []),
        ("embuscade à l'engin explosif improvisé", []),  # a method, no actor
        ("L'armée malienne n'est pas impliquée", []),  # a denial
        ("the army did not kill anyone", []),
        ("des hommes habillés en militaires", ["unknown"]),  # a disguise
        ("FAMa (per MINUSMA)", ["FAMa"]),  # MINUSMA is the source
        ("Burkinabe army and Nigerien army", ["Burkinabè armed forces", "Nigerien armed forces"]),
        ("l'armée algérienne", ["Algerian armed forces"]),
    ],
)
def test_normalize_actors(text, expected):
    assert normalize_actors(text) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
def test_missing_text_names_no_actor(missing):
    assert normalize_actors(missing) == []


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (None, ["FAMa", "Russian forces (unspecified)"]),
        ("2024-05-19", ["FAMa", "Wagner Group"]),
        (pd.Timestamp("2025-06-05"), ["FAMa", "Wagner Group"]),
        (pd.Timestamp("2025-06-06").date(), ["FAMa", "Africa Corps"]),
        ("2025-11-13", ["FAMa", "Africa Corps"]),
        (pd.NaT, ["FAMa", "Russian forces (unspecified)"]),
    ],
)
def test_russian_forces_resolved_only_when_a_date_is_given(on, expected):
    assert normalize_actors("soldats maliens et leurs supplétifs russes", on=on) == expected


def test_a_date_never_renames_an_actor_the_text_names():
    assert normalize_actors("Wagner", on="2026-01-01") == ["Wagner Group"]
    assert normalize_actors("Africa Corps et les supplétifs russes", on="2024-01-01") == ["Africa Corps"]
    assert normalize_actors("Russian forces and Wagner", on="2024-01-01") == ["Wagner Group"]


@pytest.mark.parametrize(
    ("ucdp_name", "expected"),
    [
        ("Government of Mali", ["FAMa"]),
        ("Government of Mali, Government of Russia (Soviet Union)", ["FAMa", "Russian forces (unspecified)"]),
        ("JNIM", ["JNIM"]),
        ("IS", ["Islamic State Sahel"]),
        ("FLA", ["FLA"]),
        ("MSA", ["MSA"]),
        ("GATIA, MSA", ["GATIA", "MSA"]),
        ("Ansar Dine", ["Ansar Dine"]),
        ("Dozos (Mali)", ["dozos"]),
        ("Dan na Ambassagou", ["Dan Na Ambassagou"]),
        ("XXX432", ["unknown"]),
        ("Civilians", []),
    ],
)
def test_ucdp_actor_names(ucdp_name, expected):
    assert normalize_actors(ucdp_name) == expected


def test_every_ucdp_actor_name_is_covered():
    names = set()
    for path in sorted((RAW / "ucdp").glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        names |= set(frame["side_a"]) | set(frame["side_b"])
    uncovered = sorted(name for name in names - {"Civilians"} if not normalize_actors(name))
    assert not uncovered


# --- the Series helper ------------------------------------------------------------------


def test_series_joins_actors_and_leaves_na_where_none():
    series = pd.Series(["GSIM", "drones", None, "Wagner et soldats maliens"], name="perpetrator_text")
    result = normalize_actors_series(series)
    assert result.name == "perpetrator_text"
    assert str(result.dtype) == "string"
    assert result.iloc[0] == "JNIM"
    assert result.iloc[1:3].isna().all()
    assert result.iloc[3] == "Wagner Group; FAMa"


def test_series_parses_each_distinct_text_once(monkeypatch):
    calls = []
    original = actors.normalize_actors

    def counting(text, on=None, *, reference=None):
        calls.append(text)
        return original(text, on=on, reference=reference)

    monkeypatch.setattr(actors, "normalize_actors", counting)
    series = pd.Series(["GSIM", "FAMa", "GSIM", "GSIM", "FAMa"])
    assert normalize_actors_series(series).tolist() == ["JNIM", "FAMa", "JNIM", "JNIM", "FAMa"]
    assert sorted(calls) == ["FAMa", "GSIM"]


def test_series_with_dates_resolves_russian_forces_per_row():
    texts = pd.Series(["supplétifs russes", "supplétifs russes", "supplétifs russes", "GSIM"])
    dates = pd.Series(["2024-05-19", "2025-07-01", None, None])
    assert normalize_actors_series(texts, on=dates).tolist() == [
        "Wagner Group",
        "Africa Corps",
        "Russian forces (unspecified)",
        "JNIM",
    ]


def test_series_on_the_real_claims_matches_the_plain_function():
    frame = pd.concat(
        pd.read_csv(path, dtype=str, keep_default_na=False) for path in shipped_claims_paths()
    )
    result = normalize_actors_series(frame["perpetrator_text"])
    assert len(result) == SHIPPED_CLAIMS
    for text, joined in zip(frame["perpetrator_text"], result, strict=True):
        assert split("" if pd.isna(joined) else joined) == normalize_actors(text)


# --- the alias table and its register ----------------------------------------------------

ALIAS_ROWS = read_csv(ALIASES)
META = json.loads(SIDECAR.read_text(encoding="utf-8"))
REGISTER = {entry["name"]: entry for entry in META["actors"]}


def test_the_alias_table_and_register_pass_the_validate_rules():
    """Aliases name registered actors, one actor per alias, known kinds, lineage of known actors, dated facts cited."""
    assert actor_problems(RAW, str) == []
    assert check_sidecar(ALIASES) == []


def test_each_actor_matches_by_its_own_aliases():
    wrong = {
        row["alias"]: normalize_actors(row["alias"])
        for row in ALIAS_ROWS
        if normalize_actors(row["alias"]) != [row["actor"]]
    }
    assert wrong == {}


def test_the_date_aware_mapping_switches_on_the_code_date_and_cites_pages():
    mapping = META["date_aware_mapping"]
    assert mapping["switch_date"] == actors.RUSSIAN_HANDOVER.isoformat()
    assert mapping["sources"] and mapping["rule"] and mapping["simplification"]


def test_wagner_and_africa_corps_are_one_lineage():
    assert REGISTER["Wagner Group"]["successors"] == ["Africa Corps"]
    assert REGISTER["Africa Corps"]["predecessors"] == ["Wagner Group"]
    assert REGISTER["Wagner Group"]["active_until"] == "2025-06-06"


def test_a_broken_alias_table_is_reported_with_file_row_and_column(raw_tree):
    broken = raw_tree / "actor_aliases.csv"
    text = ALIASES.read_text(encoding="utf-8").replace("JNIM,GSIM,mul", "JNM,GSIM,mul", 1)
    broken.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(csv.reader(text.splitlines()), start=1) if row[:2] == ["JNM", "GSIM"])
    with pytest.raises(InputFileError) as error:
        Reference.load(raw_tree)
    assert error.value.problem.row == line
    assert error.value.problem.column == "actor"
    assert "JNM" in error.value.problem.reason and str(broken) == error.value.problem.file


# --- the general case -----------------------------------------------------------------------

WORDS = st.sampled_from(
    ["armée", "malienne", "Wagner", "GSIM", "jihadistes", "hommes", "armés", "non", "identifiés", "et", "de", "IS",
     "is", "FAMa", "famille", "russes", "per", "MSA", ";", ":", "(", ")", "«", "»", "الجيش", "المالي", "dément", "x"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=12).map(" ".join) | st.text(max_size=60))
def test_any_text_gives_distinct_canonical_actors(text):
    result = normalize_actors(text)
    assert len(result) == len(set(result))
    assert set(result) <= set(REGISTER)
    assert normalize_actors(text) == result  # deterministic
    if "unknown" in result:
        assert result == ["unknown"]


def test_an_actor_renamed_in_a_copied_register_reaches_only_that_copy(raw_tree):
    """One raw tree per Reference: the copy's aliases, not the project's."""
    aliases = raw_tree / "actor_aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8").replace("FAMa,FAMa,", "FAMa,Zorglub brigade,", 1), encoding="utf-8")
    other = Reference.load(raw_tree)
    assert normalize_actors("la Zorglub brigade", reference=other) == ["FAMa"]
    assert normalize_actors("la Zorglub brigade") == []
