"""Tests for malitrack.analysis.disagreement on real claims.

Two layers. The unit tests read real rows from data/raw/claims/ by file and
line and add the parsed columns by hand (the interval each figure_text reads
as), so they test the analysis logic whatever the parser does. The end-to-end
tests run the same questions on the clean data built by ``malitrack clean``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from malitrack import paths
from malitrack.analysis.disagreement import (
    attribution_matrix,
    claimant_key,
    claimant_type_bias,
    incident_disagreement,
    independent_claims,
    toll_drift,
    toll_revisions,
)
from malitrack.analysis.tolls import incident_tolls
from malitrack.vocab import SELECTION_RULES

NA = pd.NA
ARMY = "FAMa"  # canonical actor names as in data/raw/actor_aliases.csv
ARMY_WAGNER = "FAMa; Wagner Group"

# (file, line): figure_text as written, then low, best, high, qualifier, victim_status, perpetrators
PARSED = {
    # Amassine, 19 May 2024
    ("claims_2022_2025.csv", 197): ("over 30", 31, NA, NA, "more_than", "civilian", ARMY_WAGNER),
    ("claims_2022_2025.csv", 198): ("29", 29, 29, 29, "exact", "armed_group", NA),
    ("claims_2022_2025.csv", 199): ("approximately 30", 30, 30, 30, "approximately", "unspecified", ARMY_WAGNER),
    ("claims_2022_2025.csv", 200): ("rund 30", 30, 30, 30, "approximately", "unspecified", ARMY_WAGNER),
    ("claims_2022_2025.csv", 201): ("", NA, NA, NA, "none", "civilian", NA),
    ("claims_2022_2025.csv", 202): ("", NA, NA, NA, "none", "armed_group", NA),
    ("claims_2022_2025.csv", 203): ("« plusieurs terroristes »", NA, NA, NA, "vague", "armed_group", ARMY),
    ("claims_2022_2025.csv", 204): ("au moins 29", 29, 29, NA, "at_least", "unspecified", ARMY_WAGNER),
    ("claims_2022_2025.csv", 205): ("", NA, NA, NA, "none", "unspecified", NA),
    # Moura, 27-31 March 2022
    ("claims_2022_2025.csv", 31): ("an estimated 300", 300, 300, 300, "approximately", "mixed", ARMY_WAGNER),
    ("claims_2022_2025.csv", 32): ("203", 203, 203, 203, "exact", "armed_group", ARMY),
    ("claims_2022_2025.csv", 33): ("an estimated 300", 300, 300, 300, "approximately", "mixed", ARMY_WAGNER),
    ("claims_2022_2025.csv", 34): ("203", 203, 203, 203, "exact", "armed_group", NA),
    ("claims_2022_2025.csv", 35): ("jusqu'à 300", NA, NA, 300, "at_most", "unspecified", ARMY_WAGNER),
    ("claims_2022_2025.csv", 36): ("an estimated 300", 300, 300, 300, "approximately", "mixed", ARMY_WAGNER),
    ("claims_2022_2025.csv", 37): ("cerca de 300", 300, 300, 300, "approximately", "civilian", ARMY_WAGNER),
    ("claims_2022_2025.csv", 38): ("au moins 500", 500, 500, NA, "at_least", "unspecified", ARMY_WAGNER),
    ("claims_2022_2025.csv", 39): ("500", 500, 500, 500, "exact", "unspecified", ARMY_WAGNER),
    ("claims_2022_2025.csv", 40): ("35", 35, 35, 35, "exact", "mixed", NA),
    ("claims_2022_2025.csv", 41): ("entre 200 et 400", 200, NA, 400, "range", "unspecified", ARMY_WAGNER),
    ("claims_2022_2025.csv", 42): ("", NA, NA, NA, "none", "armed_group", NA),
    ("claims_2022_2025.csv", 43): ("au moins 500", 500, 500, NA, "at_least", "unspecified", ARMY_WAGNER),
    ("claims_2022_2025.csv", 44): ("entre 300 et 400", 300, NA, 400, "range", "civilian", NA),
    ("claims_2022_2025.csv", 45): ("plusieurs dizaines de morts et de disparus", NA, NA, NA, "vague", "unspecified", ARMY_WAGNER),
    ("claims_2022_2025.csv", 46): ("No civilian", NA, NA, NA, "unparsed", "armed_group", NA),
    ("claims_2022_2025.csv", 47): ("Aucun ressortissant civil", NA, NA, NA, "unparsed", "armed_group", NA),
    ("claims_2022_2025.csv", 48): ("approximately five hundred", 500, 500, 500, "approximately", "unspecified", ARMY_WAGNER),
    # Sobane Da, 9 June 2019 (killed rows)
    ("claims_2012_2021.csv", 243): ("Almeno cento", 100, 100, NA, "at_least", "unspecified", NA),
    ("claims_2012_2021.csv", 248): ("almeno 95", 95, 95, NA, "at_least", "unspecified", NA),
    ("claims_2012_2021.csv", 249): ("95", 95, 95, 95, "exact", "unspecified", NA),
    ("claims_2012_2021.csv", 250): ("35", 35, 35, 35, "exact", "unspecified", NA),
    ("claims_2012_2021.csv", 251): ("35", 35, 35, 35, "exact", "unspecified", NA),
    ("claims_2012_2021.csv", 254): ("95", 95, 95, 95, "exact", "unspecified", NA),
    ("claims_2012_2021.csv", 255): ("95", 95, 95, 95, "exact", "civilian", NA),
    # Ogossagou, 23 March 2019: the official and UN voices
    ("claims_2012_2021.csv", 230): ("plus de 100", 101, NA, NA, "more_than", "civilian", NA),
    ("claims_2012_2021.csv", 231): ("au moins 134", 134, 134, NA, "at_least", "civilian", NA),
    ("claims_2012_2021.csv", 232): ("au moins 157", 157, 157, NA, "at_least", "civilian", NA),
    ("claims_2012_2021.csv", 236): ("plus de cent", 101, NA, NA, "more_than", "civilian", NA),
    ("claims_2012_2021.csv", 237): ("134", 134, 134, 134, "exact", "unspecified", NA),
    ("claims_2012_2021.csv", 238): ("At least 157", 157, 157, NA, "at_least", "unspecified", "Dan Na Ambassagou"),
    # Tessit, 7 August 2022: the army's tolls of its own dead, then of the attackers
    ("claims_2022_2025.csv", 80): ("4 soldats et 2 civils ... 5 morts « côté ennemi »", 4, 4, 4, "exact", "mixed", NA),
    ("claims_2022_2025.csv", 81): ("Au moins 17 soldats et 4 civils", 17, 17, NA, "at_least", "mixed", "Islamic State Sahel"),
    ("claims_2022_2025.csv", 82): ("7", 7, 7, 7, "exact", "armed_group", ARMY),
    ("claims_2022_2025.csv", 84): ("42 morts", 42, 42, 42, "exact", "state_forces", "Islamic State Sahel"),
    ("claims_2022_2025.csv", 85): ("37", 37, 37, 37, "exact", "armed_group", ARMY),
    # Gossi mass grave, April 2022: Mali blames Barkhane, France blames Wagner, no count
    ("claims_2022_2025.csv", 49): ("", NA, NA, NA, "none", "unspecified", "French forces"),
    ("claims_2022_2025.csv", 50): ("", NA, NA, NA, "none", "unspecified", "Wagner Group"),
    # Boni camp, 3 February 2021: soldiers counted by some, attackers by others
    ("claims_gapfill_2012_2021.csv", 123): ("10 morts", 10, 10, 10, "exact", "state_forces", "unknown"),
    ("claims_gapfill_2012_2021.csv", 124): ("Une vingtaine", 16, 20, 24, "approximately", "armed_group", NA),
    ("claims_gapfill_2012_2021.csv", 126): ("au moins 9", 9, 9, NA, "at_least", "state_forces", "JNIM; Katiba Macina"),
    # Tinzaouaten drone strikes, 25 August 2024
    ("claims_2022_2025.csv", 250): ("bilan provisoire de 21", 21, 21, 21, "exact", "civilian", ARMY_WAGNER),
    ("claims_2022_2025.csv", 251): ("au moins 15", 15, 15, NA, "at_least", "civilian", NA),
    ("claims_2022_2025.csv", 252): ("au moins 20", 20, 20, NA, "at_least", "civilian", NA),
    ("claims_2022_2025.csv", 253): ("une vingtaine", 20, 20, 20, "approximately", "armed_group", NA),
    ("claims_2022_2025.csv", 254): ("21", 21, 21, 21, "exact", "civilian", ARMY_WAGNER),
    ("claims_2022_2025.csv", 265): ("« une vingtaine d'individus armés »", 20, 20, 20, "approximately", "armed_group", ARMY),
}


def _raw_rows() -> pd.DataFrame:
    frames = []
    for file in sorted({file for file, _ in PARSED}):
        raw = pd.read_csv(paths.raw_claims_dir() / file, dtype=str, keep_default_na=False)
        raw["source_file"] = file
        raw["source_row"] = np.arange(2, len(raw) + 2)  # header = line 1
        frames.append(raw)
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def real_claims() -> pd.DataFrame:
    """Real rows in the clean layout, with the parsed columns filled in by hand."""
    raw = _raw_rows().set_index(["source_file", "source_row"])
    rows = []
    for (file, line), (figure_text, low, best, high, qualifier, status, perpetrators) in PARSED.items():
        source = raw.loc[(file, line)]
        assert source["figure_text"] == figure_text, f"{file}:{line}: raw figure_text changed"
        published = source["published"]
        rows.append(
            {
                "claim_id": f"{file}:{line}",
                "incident_id": source["incident_key"],
                "source_file": file,
                "source_row": line,
                "claimant": source["claimant"],
                "claimant_type": source["claimant_type"],
                "outlet": source["outlet"],
                "published_date": pd.to_datetime(published) if len(published) >= 7 else pd.NaT,
                "figure_text": figure_text,
                "low": low,
                "best": best,
                "high": high,
                "qualifier": qualifier,
                "victims_text": source["victims_text"],
                "victim_status": status,
                "perpetrators": perpetrators,
                "outcome": source["outcome"],
                "note": source["note"] or NA,
            }
        )
    frame = pd.DataFrame(rows)
    return frame.astype({"low": "Int64", "best": "Int64", "high": "Int64", "perpetrators": "str", "note": "str"})


def _row(table: pd.DataFrame, incident_id: str, outcome: str = "killed") -> pd.Series:
    match = table[(table["incident_id"] == incident_id) & (table["outcome"] == outcome)]
    assert len(match) == 1, f"expected one row for {incident_id}/{outcome}"
    return match.iloc[0]


def test_claimant_key_names_the_organisation_behind_a_claim():
    assert claimant_key("Malian army (via RFI)") == "Malian state"
    assert claimant_key("Malian army communiqué (8 Aug)") == "Malian state"
    assert claimant_key("Malian army general staff (first toll, per APA)") == "Malian state"
    assert claimant_key("Malian defense ministry statement (1 April 2022)", "government") == "Malian state"
    assert claimant_key("Human Rights Watch (Corinne Dufka)") == "Human Rights Watch"
    # no alias: the normalised name, relay tails dropped
    assert claimant_key("local elected official (to AFP)") == "local elected official"
    # an anonymous source is not the organisation's statement
    assert claimant_key("Malian army sources (via RFI)", "military") == "malian army sources"
    assert claimant_key("UN OHCHR") != claimant_key("Malian authorities")
    # a generic name stands for the organisation of its time
    assert claimant_key("separatists (CSP)", "armed_group", pd.Timestamp("2024-08-25")) == "CSP"
    assert claimant_key("separatists", "armed_group", pd.Timestamp("2025-03-01")) == "FLA"


def test_wire_copies_collapse_to_one_claim(real_claims):
    moura = independent_claims(real_claims).query("incident_id == 'moura-2022-03-27'")
    hrw = moura[moura["claimant_key"] == "Human Rights Watch"].set_index("figure_text")
    # four copies of HRW's estimate in four outlets ("an estimated 300", "cerca de 300"): one claim of 300;
    # "jusqu'à 300" is an upper bound, another figure
    assert sorted(hrw.index) == ["an estimated 300", "jusqu'à 300"]
    assert hrw.loc["an estimated 300", "n_copies"] == 4
    assert hrw.loc["an estimated 300", "n_outlets"] == 4
    # the earliest-published copy stands for the group
    assert hrw.loc["an estimated 300", "published_date"] == pd.Timestamp("2022-04-05")
    # the UN's "au moins 500" in two outlets and its "500" are one claim
    un = moura[moura["claimant_key"] == "UN human rights office"]
    assert list(un["point"]) == [500, 35]


def test_amassine_counts_agree_but_labels_do_not(real_claims):
    row = _row(incident_disagreement(real_claims), "amassine-2024-05-19")
    assert row["n_claims"] == 9
    assert row["n_count_claims"] == 5  # "plusieurs terroristes" is vague where precise figures exist
    assert row["point_min"] == 29 and row["point_max"] == 31
    assert row["intervals_disjoint"]  # "29" and "over 30" cannot both be literally true ...
    assert not row["count_conflict"]  # ... but they are within rounding
    assert row["status_conflict"]
    assert row["contested_status_deaths"] == 29
    assert pd.isna(row["high_max"])  # "over 30" is open-ended
    assert not row["revised"]


def test_moura_counts_conflict(real_claims):
    row = _row(incident_disagreement(real_claims), "moura-2022-03-27")
    assert row["count_conflict"]
    assert row["point_min"] == 203  # the 35 of the opening firefight is partial scope
    assert row["point_max"] == 500
    assert math.isclose(row["max_min_ratio"], 500 / 203)
    assert row["status_conflict"]  # "terroristes" against civilians
    assert row["contested_status_deaths"] == 203


def test_moura_selection_rules_keep_the_choice_visible(real_claims):
    tolls = {rule: _row(incident_tolls(real_claims, rule), "moura-2022-03-27") for rule in SELECTION_RULES}
    assert tolls["conservative"]["best"] == 203
    assert tolls["maximum"]["best"] == 500
    assert pd.isna(tolls["maximum"]["high"])  # "au moins 500" is open-ended
    # non-belligerent claims: HRW ~300 and up to 300, UN at least 500, Afrique-sur7 200-400 (no point);
    # the UN's 35 for the opening firefight is partial scope and left out
    assert tolls["median_nonbelligerent"]["best"] == 400
    assert tolls["median_nonbelligerent"]["n_claims_used"] == 4
    assert tolls["envelope"]["low"] == 200
    assert pd.isna(tolls["envelope"]["high"])


def test_unknown_rule_is_refused(real_claims):
    with pytest.raises(ValueError, match="median_nonbelligerent"):
        incident_tolls(real_claims, rule="average")


def test_moura_drift_from_first_report_to_inquiry(real_claims):
    drift = toll_drift(real_claims).set_index("incident_id").loc["moura-2022-03-27"]
    assert drift["first_point"] == 203
    assert drift["latest_point"] == 500
    assert drift["latest_published"] == pd.Timestamp("2023-05-12")
    assert drift["highest_point"] == 500


def test_sobane_da_government_toll_revised_down(real_claims):
    timeline = toll_revisions(real_claims, "sobane-da-2019-06-09")
    government = timeline[timeline["claimant_key"] == "Malian state"]
    revisions = government[government["is_revision"]]
    assert list(revisions["change"]) == ["down"]
    assert revisions["previous_point"].iloc[0] == 95 and revisions["point"].iloc[0] == 35
    assert _row(incident_disagreement(real_claims), "sobane-da-2019-06-09")["revised"]


def test_ogossagou_toll_revised_up(real_claims):
    timeline = toll_revisions(real_claims, "ogossagou-2019-03-23")
    minusma = timeline[timeline["claimant_key"] == "MINUSMA"]
    assert list(minusma.sort_values("revision_stage")["point"]) == [101, 157]
    step = minusma[minusma["is_revision"]]
    assert list(step["change"]) == ["up"]
    assert not (timeline["change"] == "down").any()
    assert _row(incident_disagreement(real_claims), "ogossagou-2019-03-23")["revised"]


def test_tessit_soldier_toll_rises_and_attacker_count_is_its_own_series(real_claims):
    timeline = toll_revisions(real_claims, "tessit-2022-08-07")
    own = timeline[~timeline["enemy_side"]].sort_values("revision_stage")
    assert list(own["point"]) == [4, 17, 42]
    assert list(own["change"]) == ["first", "up", "up"]
    enemy = timeline[timeline["enemy_side"]].sort_values("revision_stage")
    assert list(enemy["point"]) == [7, 37]


def test_tinzaouaten_armed_individuals_against_civilian_children(real_claims):
    row = _row(incident_disagreement(real_claims), "tinzaouaten-drone-2024-08-25")
    assert row["status_conflict"]
    assert row["victim_statuses"] == "armed_group; civilian"
    assert row["contested_status_deaths"] == 20  # army "une vingtaine" vs CSP 21 civilians
    assert not row["count_conflict"]


def test_zero_is_a_denial_not_a_toll(real_claims):
    # Anefis, October 2023: the CSP said "aucun mort" on its side; here a denial read as 0 is
    # added to Amassine's army claims to check it never becomes the conservative toll
    amassine = real_claims[real_claims["incident_id"] == "amassine-2024-05-19"]
    denial = amassine.iloc[[1]].assign(claimant="Malian army (denial)", figure_text="aucun mort", low=0, best=0, high=0)
    claims = pd.concat([amassine, denial.astype(amassine.dtypes.to_dict())], ignore_index=True)
    row = _row(incident_disagreement(claims), "amassine-2024-05-19")
    assert row["denied"] and row["count_conflict"]
    assert row["point_min"] == 29
    assert _row(incident_tolls(claims, "conservative"), "amassine-2024-05-19")["best"] == 29


def test_worded_denial_conflicts_with_counts(real_claims):
    # the clean data keeps "aucun mort" as no count (qualifier none) with the denial flag set
    amassine = real_claims[real_claims["incident_id"] == "amassine-2024-05-19"]
    denial = amassine.iloc[[1]].assign(
        claimant="Malian army (denial)", figure_text="aucun mort", low=pd.NA, best=pd.NA, high=pd.NA,
        qualifier="none", denial=True,
    )
    claims = pd.concat([amassine, denial.astype(amassine.dtypes.to_dict())], ignore_index=True)
    row = _row(incident_disagreement(claims), "amassine-2024-05-19")
    assert row["denied"] and row["count_conflict"]
    assert row["point_min"] == 29


def test_real_denials_are_flagged(clean_claims):
    denials = clean_claims[clean_claims["denial"]]
    assert set(denials["figure_text"]) >= {"aucun mort", "No civilian"}
    assert denials[["low", "best", "high"]].isna().all().all()


def test_soldiers_and_attackers_counts_are_not_compared(real_claims):
    # Boni: 10 soldiers (security sources), "au moins 9" (Kibaru), "une vingtaine" attackers (France)
    row = _row(incident_disagreement(real_claims), "boni-camp-2021-02-03")
    assert not row["count_conflict"]
    assert math.isclose(row["max_min_ratio"], 10 / 9)
    assert (row["point_min"], row["point_max"]) == (9, 20)


def test_same_claimant_giving_both_labels_is_no_status_conflict(real_claims):
    # Tessit: the army counts its soldiers and civilians and, separately, "terroristes"
    row = _row(incident_disagreement(real_claims), "tessit-2022-08-07")
    assert not row["status_conflict"]
    assert pd.isna(row["contested_status_deaths"])


def test_attribution_conflict(real_claims):
    table = incident_disagreement(real_claims)
    gossi = _row(table, "gossi-mass-grave-2022-04")
    assert gossi["attribution_conflict"]
    assert gossi["n_count_claims"] == 0  # figureless claims still count as claims of blame
    assert not _row(table, "amassine-2024-05-19")["attribution_conflict"]  # army within army + Wagner
    # Tessit: soldiers killed by IS Sahel, attackers killed by the army: two killings, not a dispute
    assert not _row(table, "tessit-2022-08-07")["attribution_conflict"]
    assert _row(table, "amassine-2024-05-19")["main_perpetrators"] == "FAMa; Wagner Group"
    # Tessit: the victims' killers, not the army that killed the attackers
    assert _row(table, "tessit-2022-08-07")["main_perpetrators"] == "Islamic State Sahel"
    matrix = attribution_matrix(real_claims, only_conflicts=True)
    # both general staffs are coded military in the raw file
    assert matrix.to_dict() == {"French forces": {"military": 1}, "Wagner Group": {"military": 1}}


def test_claimant_type_bias_compares_with_other_types(real_claims):
    bias = claimant_type_bias(real_claims)
    government = bias.loc["government"]
    # Moura: the Malian state's 203 is one claim, kept as the army's (earliest copy): the embassies' ~500
    # over HRW 300, the state's 203, the UN's 500 (300): 1.67
    # Ogossagou: 101 and 134 (117.5) over MINUSMA's 101 and 157 (its two reports of "at least 157" are one
    # claim) and the Secretary-General's 134 (134): 0.88
    # Sobane Da: 95 and 35 (the state's "35" in two reports is one claim; 65) over the BBC's 100 and a local
    # official's 95 (97.5): 0.67
    assert government["n_incidents"] == 3
    assert math.isclose(government["median_ratio"], 117.5 / 134)
    assert math.isclose(government["share_lower"], 2 / 3)
    assert set(bias.columns) == {"n_incidents", "median_ratio", "share_higher", "share_lower", "share_equal"}
    # Boni: France's "une vingtaine" attackers has no other count of attackers to be compared with
    assert "foreign_military" not in bias.index


# End-to-end on the clean data ------------------------------------------------------------

@pytest.fixture(scope="module")
def clean_claims(claims) -> pd.DataFrame:
    return claims


@pytest.fixture(scope="module")
def clean_disagreement(clean_claims) -> pd.DataFrame:
    return incident_disagreement(clean_claims)


def test_clean_one_row_per_incident_and_outcome(clean_claims, clean_disagreement):
    expected = clean_claims[["incident_id", "outcome"]].drop_duplicates()
    assert len(clean_disagreement) == len(expected)
    assert clean_disagreement["n_claims"].sum() == len(clean_claims)
    for column in ("count_conflict", "status_conflict", "attribution_conflict", "revised"):
        assert clean_disagreement[column].dtype == bool


def test_clean_amassine(clean_disagreement):
    row = _row(clean_disagreement, "amassine-2024-05-19")
    assert not row["count_conflict"]
    assert row["status_conflict"]
    assert 29 <= row["contested_status_deaths"] <= 31


def test_clean_moura(clean_disagreement, clean_claims):
    row = _row(clean_disagreement, "moura-2022-03-27")
    assert row["count_conflict"]
    assert row["point_max"] == 500
    points = set(independent_claims(clean_claims).query("incident_id == 'moura-2022-03-27'")["point"].dropna())
    assert {203, 300, 500} <= points


def test_clean_revisions(clean_claims, clean_disagreement):
    assert _row(clean_disagreement, "ogossagou-2019-03-23")["revised"]
    assert _row(clean_disagreement, "sobane-da-2019-06-09")["revised"]
    ogossagou = toll_revisions(clean_claims, "ogossagou-2019-03-23")
    assert (ogossagou.loc[ogossagou["is_revision"], "change"] == "up").any()
    sobane = toll_revisions(clean_claims, "sobane-da-2019-06-09")
    assert (sobane.loc[sobane["is_revision"], "change"] == "down").any()


def test_clean_moura_drift(clean_claims):
    drift = toll_drift(clean_claims).set_index("incident_id").loc["moura-2022-03-27"]
    assert (drift["first_point"], drift["latest_point"]) == (203, 500)  # not the government's "No civilian"


def test_clean_tinzaouaten(clean_disagreement):
    row = _row(clean_disagreement, "tinzaouaten-drone-2024-08-25")
    assert row["status_conflict"]
    assert row["contested_status_deaths"] == 20  # army "une vingtaine" armed individuals, CSP 21 civilians


def test_clean_attribution(clean_disagreement):
    assert _row(clean_disagreement, "gossi-mass-grave-2022-04")["attribution_conflict"]
    # everyone who names a killer at Moura names the army and foreign (Russian) forces
    moura = _row(clean_disagreement, "moura-2022-03-27")
    assert not moura["attribution_conflict"]
    assert moura["main_perpetrators"] == "FAMa; Wagner Group"


def test_empty_selection_gives_empty_tables(real_claims):
    none = real_claims.iloc[0:0]
    assert independent_claims(none).empty
    table = incident_disagreement(none)
    assert table.empty and {"count_conflict", "status_conflict", "contested_status_deaths"} <= set(table.columns)
    assert incident_tolls(none, "conservative").empty
