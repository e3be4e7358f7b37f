"""Tests for malitrack.importers.ucdp on the real UCDP rows shipped in data/raw/ucdp/."""

import shutil

import pandas as pd
import pytest

from conftest import read_rows, write_rows
from malitrack.errors import InputFileError
from malitrack.paths import raw_dir
from malitrack.importers.ucdp import UCDP_GED_COLUMNS, read_ucdp_ged, ucdp_release

UCDP_DIR = raw_dir() / "ucdp"
JAN_JUN = UCDP_DIR / "ucdp_candidate_26_01_26_06_mali.csv"
JULY = UCDP_DIR / "ucdp_candidate_26_0_7_mali.csv"
GED_SAMPLE = UCDP_DIR / "ucdp_ged_23_1_mali_sample.csv"


@pytest.fixture(scope="module")
def jan_jun():
    return read_ucdp_ged(JAN_JUN)




@pytest.mark.parametrize(
    "path, rows, release",
    [(GED_SAMPLE, 7, "23.1"), (JULY, 130, "Candidate 26.0.7"), (JAN_JUN, 362, "Candidate 26.01-26.06")],
)
def test_every_real_row_is_imported(path, rows, release):
    result = read_ucdp_ged(path)
    assert result.rows_read == rows
    assert len(result.events) == rows
    assert len(result.claims) == rows
    assert result.claims["claim_id"].is_unique
    assert result.release == release
    assert set(result.claims["claimant"]) == {f"UCDP GED {release}"}
    assert set(result.claims["claimant_type"]) == {"dataset"}


def test_best_is_sum_of_deaths_by_side_on_every_real_row():
    for path in (GED_SAMPLE, JULY, JAN_JUN):
        result = read_ucdp_ged(path)
        claims = result.claims
        total = claims["deaths_side_a"] + claims["deaths_side_b"] + claims["deaths_civilians"] + claims["deaths_unknown"]
        assert (claims["best"] == total).all()
        assert not result.problems["reason"].str.contains("deaths_a").any()


def test_ucdp_own_broken_rows_are_reported_not_dropped_or_fixed(jan_jun):
    problems = jan_jun.problems.set_index("event_id")
    assert sorted(problems.index) == ["622870", "622874", "630982", "633589"]
    for event_id in ("622874", "622870", "630982"):
        assert problems.loc[event_id, "reason"] == "UCDP's own figures break low <= best <= high"
        assert problems.loc[event_id, "column"] == "low, best, high"
    assert problems.loc["633589", "reason"] == "coordinates fall outside Mali"
    assert problems.loc["633589", "value"] == "latitude=12.960602, longitude=8.805267"
    # rows are kept with UCDP's numbers as published
    claims = jan_jun.claims.set_index("dataset_event_id")
    assert claims.loc["622874", ["low", "best", "high"]].tolist() == [14, 13, 13]
    assert claims.loc["622870", ["low", "best", "high"]].tolist() == [13, 14, 13]
    assert claims.loc["630982", ["low", "best", "high"]].tolist() == [30, 30, 29]
    assert claims.loc["633589", "longitude"] == pytest.approx(8.805267)


def test_problem_rows_are_line_numbers_in_the_file(jan_jun):
    # quoted fields hold newlines, so line != record number
    lines = JAN_JUN.read_text(encoding="utf-8").split("\n")
    for problem in jan_jun.problems.itertuples():
        assert lines[problem.row - 1].startswith(f"{problem.event_id},")


def test_clean_files_have_no_problems():
    assert read_ucdp_ged(JULY).problems.empty
    assert read_ucdp_ged(GED_SAMPLE).problems.empty


def test_mali_is_kept_by_country_id_not_by_relid_prefix(tmp_path):
    rows = read_rows(JULY)
    header, first = rows[0], rows[1]
    outside = list(first)
    outside[header.index("id")] = "999999001"
    outside[header.index("country")] = "Niger"
    outside[header.index("country_id")] = "436"  # relid still says MLI-
    path = tmp_path / "GEDEvent_v26_0_7.csv"
    write_rows(path, rows + [outside])
    result = read_ucdp_ged(path)
    assert result.rows_read == 131
    assert result.rows_outside_mali == 1
    assert "999999001" not in set(result.claims["dataset_event_id"])
    kept_relids = set(result.events["relid"])
    assert {"BEN-2026-3-15136-33", "AFG-2026-2-16207-24"} <= kept_relids
    assert result.release == "Candidate 26.0.7"


def test_jan_jun_keeps_its_thirteen_non_mli_relids(jan_jun):
    assert (~jan_jun.events["relid"].str.startswith("MLI-")).sum() == 13


def test_figures_are_kept_as_ucdp_wrote_them(jan_jun):
    claims = jan_jun.claims.set_index("dataset_event_id")
    convoy = claims.loc["612349"]  # JNIM - Civilians, between Diboli and Kayes, 29 Jan 2026
    assert (convoy["low"], convoy["best"], convoy["high"]) == (15, 15, 18)
    assert convoy["qualifier"] == "range"
    assert convoy["figure_text"] == "UCDP best 15, low 15, high 18"
    assert convoy["victim_status"] == "civilian"
    assert convoy["deaths_civilians"] == 15
    assert convoy["perpetrators"] == "JNIM"
    assert convoy["event_type"] == "one-sided"
    assert convoy["admin1"] == "Kayes" and convoy["admin1_code"] == "ML-1"
    assert convoy["incident_date_start"] == pd.Timestamp("2026-01-29")
    assert pd.isna(convoy["incident_id"])
    # a UCDP best of 0 is UCDP's estimate, kept as 0 beside a high of 6
    assert (claims.loc["633589", "best"], claims.loc["633589", "high"]) == (0, 6)
    assert claims.loc["612355", "qualifier"] == "exact"
    assert claims.loc["612355", "victim_status"] == "armed_group"  # Akabar: 35 IS deaths
    assert claims.loc["612347", "victim_status"] == "mixed"  # 3 soldiers, 4 JNIM


def test_sides_become_canonical_actors(jan_jun):
    claims = jan_jun.claims.set_index("dataset_event_id")
    assert claims.loc["612347", "perpetrators"] == "FAMa; JNIM"  # state-based: both sides fought
    assert claims.loc["612388", "perpetrators"] == "dozos; JNIM"  # non-state
    # "Government of Russia (Soviet Union)" in February 2026 is Africa Corps (Wagner left in June 2025)
    assert claims.loc["620225", "perpetrator_text"] == "Government of Mali, Government of Russia (Soviet Union)"
    assert claims.loc["620225", "perpetrators"] == "FAMa; Africa Corps"


def test_region_names_map_to_canonical_admin1(jan_jun):
    pairs = set(zip(jan_jun.claims["admin_region_text"].dropna(), jan_jun.claims["admin1"].dropna()))
    assert ("Segou region", "Ségou") in pairs
    assert ("Ménaka region", "Ménaka") in pairs
    assert ("Bamako region", "Bamako") in pairs
    named = jan_jun.claims["admin_region_text"].notna()
    assert jan_jun.claims.loc[named, "admin1"].notna().all()


def test_precision_codes_become_widening():
    claims = read_ucdp_ged(JAN_JUN).claims.set_index("dataset_event_id")
    assert claims.loc["612355", "location_radius_km"] == 25  # where_prec 2
    assert claims.loc["612349", "location_level"] == "point"  # where_prec 5, a road
    assert claims.loc["611977", "location_level"] == "admin1"  # where_prec 4
    two_days = claims.loc["615322"]  # date_prec 2: 5-6 Feb 2026
    assert two_days["incident_date_precision"] == "days"
    assert two_days["incident_date_end"] - two_days["incident_date_start"] == pd.Timedelta(days=1)


def test_release_names():
    assert ucdp_release("GEDEvent_v26_0_7.csv") == "Candidate 26.0.7"
    assert ucdp_release("GEDEvent_v25_01_25_03.csv") == "Candidate 25.01-25.03"
    assert ucdp_release("ged231.csv") == "23.1"
    assert ucdp_release("GEDEvent_v24_1.csv") == "24.1"
    assert ucdp_release("events.csv") == "release unknown"
    assert read_ucdp_ged(JULY, release="Candidate 26.0.7 (test)").claims.loc[0, "claimant"] == (
        "UCDP GED Candidate 26.0.7 (test)"
    )


def test_release_comes_from_the_sidecar_before_the_file_name(tmp_path):
    copy = tmp_path / "whatever_name.csv"
    shutil.copy(GED_SAMPLE, copy)
    shutil.copy(GED_SAMPLE.with_suffix(".provenance.json"), tmp_path / "whatever_name.provenance.json")
    assert read_ucdp_ged(copy).release == "23.1"


# ---------------------------------------------------------------- broken files


def test_html_error_page_saved_as_csv(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"ged\.csv.*HTML"):
        read_ucdp_ged(path)


def test_empty_file(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputFileError, match="empty"):
        read_ucdp_ged(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="not found"):
        read_ucdp_ged(tmp_path / "nothing.csv")


def test_truncated_file(tmp_path):
    text = JULY.read_text(encoding="utf-8")
    path = tmp_path / "GEDEvent_v26_0_7.csv"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InputFileError, match=r"GEDEvent_v26_0_7\.csv.*truncated"):
        read_ucdp_ged(path)


def test_missing_columns_are_named(tmp_path):
    rows = read_rows(GED_SAMPLE)
    drop = rows[0].index("best")
    path = tmp_path / "ged.csv"
    write_rows(path, [row[:drop] + row[drop + 1 :] for row in rows])
    with pytest.raises(InputFileError, match=r"ged\.csv.*a UCDP GED file with missing columns \(best\)"):
        read_ucdp_ged(path)


def test_acled_file_is_refused_with_a_pointer(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("event_id_cnty,event_date,fatalities\nMLI1,2026-01-29,3\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="ACLED export"):
        read_ucdp_ged(path)


def test_value_of_the_wrong_type(tmp_path):
    rows = read_rows(GED_SAMPLE)
    rows[3][rows[0].index("best")] = "six"
    path = tmp_path / "ged.csv"
    write_rows(path, rows)
    with pytest.raises(InputFileError, match=r"ged\.csv:4:best: .*not of its column.s type: .six. is not int64"):
        read_ucdp_ged(path)


def test_a_date_that_is_not_a_date_is_reported_with_its_line_and_left_out_of_the_claims(tmp_path):
    rows = read_rows(GED_SAMPLE)
    rows[2][rows[0].index("date_end")] = "27/06/2015"
    path = tmp_path / "ged.csv"
    write_rows(path, rows)
    result = read_ucdp_ged(path)
    problem = result.problems.set_index("row").loc[3]
    assert (problem["file"], problem["column"], problem["value"]) == ("ged.csv", "date_end", "27/06/2015")
    assert problem["reason"].startswith("not a date")
    assert problem["event_id"] == rows[2][0]
    assert len(result.problems) == 1  # not also "date_start is after date_end"
    assert len(result.events) == 7 and len(result.claims) == 6
    assert rows[2][0] not in set(result.claims["dataset_event_id"])


def test_header_is_the_49_ged_columns():
    assert len(UCDP_GED_COLUMNS) == 49
    assert tuple(read_rows(JAN_JUN)[0]) == UCDP_GED_COLUMNS
