"""Tests for malitrack.importers.acled on synthetic rows in ACLED's layouts (ACLED's own rows may not be shipped)."""


import pandas as pd
import pytest

from malitrack.importers.acled import ACLED_LAYOUTS, SPEC, read_acled
from malitrack.importers.base import file_layout
from conftest import read_rows, write_rows
from malitrack.errors import InputFileError
from malitrack.paths import root

DATA = root() / "tests" / "data"
CURRENT = DATA / "acled_synthetic_current.csv"
DYADIC_HXL = DATA / "acled_synthetic_dyadic_hxl.csv"
MONADIC = DATA / "acled_synthetic_monadic.csv"
MARK = "SYNTHETIC TEST ROW — not ACLED data"




@pytest.mark.parametrize("path", [CURRENT, DYADIC_HXL, MONADIC])
def test_fixtures_are_marked_synthetic_in_name_and_rows(path):
    assert "synthetic" in path.name
    notes = read_acled(path).events["notes"]
    assert notes.str.startswith(MARK).all()


@pytest.mark.parametrize(
    "path, layout, mali_events",
    [(CURRENT, "current", 5), (DYADIC_HXL, "dyadic (pre-2023)", 5), (MONADIC, "monadic", 6)],
)
def test_each_layout_is_recognised_and_read(path, layout, mali_events):
    result = read_acled(path)
    assert result.layout == layout
    assert result.dataset == "ACLED"
    assert len(result.events) == len(result.claims) == mali_events
    assert result.claims["claim_id"].is_unique
    assert set(result.claims["claimant_type"]) == {"dataset"}


def test_layout_names_cover_the_four_headers():
    assert len(ACLED_LAYOUTS["current"]) == 31
    assert len(ACLED_LAYOUTS["dyadic (pre-2023)"]) == 31
    assert len(ACLED_LAYOUTS["monadic"]) == 28
    for name, columns in ACLED_LAYOUTS.items():
        assert file_layout(SPEC, list(columns), "x.csv") == name


def test_hxl_hashtag_row_is_skipped_and_lines_still_count_it():
    result = read_acled(DYADIC_HXL)
    assert not result.events["event_id_cnty"].str.startswith("#").any()
    lines = DYADIC_HXL.read_text(encoding="utf-8").split("\n")
    for claim in result.claims.itertuples():
        assert f",{claim.dataset_event_id}," in lines[claim.source_row - 1]


def test_dyadic_without_hxl_row(tmp_path):
    rows = read_rows(DYADIC_HXL)
    path = tmp_path / "acled_synthetic_dyadic.csv"
    write_rows(path, [rows[0]] + rows[2:])
    with_hxl, without = read_acled(DYADIC_HXL).claims, read_acled(path).claims
    assert with_hxl["best"].tolist() == without["best"].tolist()
    assert (with_hxl["source_row"] - 1).tolist() == without["source_row"].tolist()


def test_mali_only_by_iso_code():
    result = read_acled(CURRENT)
    assert result.rows_read == 6
    assert result.rows_outside_mali == 1
    assert "NIGSYN0004" not in set(result.claims["dataset_event_id"])


def test_monadic_rows_fold_into_one_event_without_double_counting():
    monadic = read_acled(MONADIC)
    current = read_acled(CURRENT).claims.set_index("dataset_event_id")
    claims = monadic.claims.set_index("dataset_event_id")
    assert monadic.rows_read == 13
    # each dyadic event appears twice in the file, once in the claims
    assert claims.loc["MLISYN0001", "best"] == 7
    assert monadic.events.set_index("event_id_cnty").loc["MLISYN0001", "source_rows"] == 2
    assert claims.loc["MLISYN0001", "perpetrators"] == current.loc["MLISYN0001", "perpetrators"]
    assert claims.loc[["MLISYN0001", "MLISYN0002", "MLISYN0003", "MLISYN0005", "MLISYN0006"], "best"].sum() == 25


def test_monadic_rows_that_disagree_are_reported():
    problems = read_acled(MONADIC).problems
    disagreement = problems[problems["event_id"] == "MLISYN0007"]
    assert len(disagreement) == 1
    assert "fatalities: 7 | 9" in disagreement["value"].iloc[0]
    assert disagreement["row"].iloc[0] == 15


def test_fatalities_are_acleds_conservative_figure():
    claims = read_acled(CURRENT).claims.set_index("dataset_event_id")
    clash = claims.loc["MLISYN0001"]
    assert (clash["low"], clash["best"]) == (7, 7)
    assert pd.isna(clash["high"])
    assert clash["qualifier"] == "at_least"
    assert clash["figure_text"] == "ACLED 7"
    assert clash["claimant"] == "ACLED (data as of 2030-01-02)"


def test_crowd_size_tags_are_never_deaths():
    protest = read_acled(CURRENT).claims.set_index("dataset_event_id").loc["MLISYN0003"]
    assert "[size=dozens]" in read_acled(CURRENT).events.set_index("event_id_cnty").loc["MLISYN0003", "notes"]
    assert protest["best"] == 0  # ACLED's fatalities, not "dozens" = 12


def test_violence_against_civilians_names_civilian_victims_and_one_perpetrator():
    attack = read_acled(CURRENT).claims.set_index("dataset_event_id").loc["MLISYN0002"]
    assert attack["victim_status"] == "civilian"
    assert attack["perpetrator_text"] == "Unidentified Armed Group (Mali)"
    assert attack["perpetrators"] == "unknown"  # malitrack.parse.actors' name for unidentified gunmen
    assert attack["admin1"] == "Ménaka" and attack["admin1_code"] == "ML-9"


def test_actors_become_canonical_names():
    claims = read_acled(CURRENT).claims.set_index("dataset_event_id")
    assert claims.loc["MLISYN0001", "perpetrators"] == "FAMa; Africa Corps; JNIM"
    assert claims.loc["MLISYN0005", "perpetrators"] == "FAMa; Islamic State Sahel"
    assert pd.isna(claims.loc["MLISYN0003", "perpetrators"])  # protesters are no perpetrator


def test_both_date_spellings_and_precision():
    claims = read_acled(DYADIC_HXL).claims.set_index("dataset_event_id")
    assert claims.loc["MLISYN0001", "incident_date_start"] == pd.Timestamp("2030-01-15")  # 15-January-2030
    assert claims.loc["MLISYN0002", "incident_date_start"] == pd.Timestamp("2030-01-16")  # 16 January 2030
    assert claims.loc["MLISYN0003", "date_widening_days"] == 3  # time_precision 2
    assert claims.loc["MLISYN0005", "date_widening_days"] == 15  # time_precision 3
    assert claims.loc["MLISYN0005", "location_level"] == "admin1"  # geo_precision 3
    assert claims.loc["MLISYN0002", "location_radius_km"] == 50  # geo_precision 2


def test_numeric_and_word_actor_types_agree():
    numeric = read_acled(DYADIC_HXL).events.set_index("event_id_cnty")
    words = read_acled(CURRENT).events.set_index("event_id_cnty")
    assert numeric["inter1_type"].tolist() == words["inter1_type"].tolist()
    assert numeric.loc["MLISYN0002", "inter2_type"] == "Civilians"


def test_row_outside_mali_is_reported_and_kept():
    result = read_acled(CURRENT)
    problem = result.problems.set_index("event_id").loc["MLISYN0006"]
    assert problem["reason"] == "coordinates fall outside Mali"
    assert problem["row"] == 8  # the quoted notes of row 6 hold a newline
    assert "MLISYN0006" in set(result.claims["dataset_event_id"])


def test_export_date_names_the_claimant():
    assert read_acled(CURRENT, export_date="2030-02-01").claims.loc[0, "claimant"] == "ACLED (export of 2030-02-01)"


def test_export_date_from_a_provenance_sidecar(tmp_path):
    import json
    import shutil

    copy = tmp_path / "my_acled_export.csv"
    shutil.copy(CURRENT, copy)
    (tmp_path / "my_acled_export.provenance.json").write_text(json.dumps({"export_date": "2030-02-03"}), encoding="utf-8")
    result = read_acled(copy)
    assert result.release == "export of 2030-02-03"
    assert set(result.claims["claimant"]) == {"ACLED (export of 2030-02-03)"}


def test_unparseable_date_is_reported_and_its_event_left_out_of_the_claims(tmp_path):
    rows = read_rows(CURRENT)
    rows[1][rows[0].index("event_date")] = "sometime in January"
    path = tmp_path / "acled_synthetic_baddate.csv"
    write_rows(path, rows)
    result = read_acled(path)
    assert len(result.events) == 5 and len(result.claims) == 4
    assert "MLISYN0001" not in set(result.claims["dataset_event_id"])
    problem = result.problems.set_index("event_id").loc["MLISYN0001"]
    assert (problem["row"], problem["column"], problem["value"]) == (2, "event_date", "sometime in January")
    assert problem["reason"].startswith("not a date") and "left out of the claims" in problem["reason"]


# ---------------------------------------------------------------- broken files


def test_html_page_saved_as_csv(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("\n<html><head><title>Access denied</title></head></html>", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"acled\.csv.*HTML"):
        read_acled(path)


def test_zipped_export_not_unpacked(tmp_path):
    import zipfile

    path = tmp_path / "acled.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(CURRENT, "acled.csv")
    with pytest.raises(InputFileError, match=r"acled\.csv.*binary file.*unpack"):
        read_acled(path)


def test_truncated_export(tmp_path):
    text = CURRENT.read_text(encoding="utf-8")
    path = tmp_path / "acled.csv"
    path.write_text(text[: text.index("MLISYN0005") + 40], encoding="utf-8")
    with pytest.raises(InputFileError, match=r"acled\.csv.*truncated"):
        read_acled(path)


def test_missing_columns_are_named(tmp_path):
    rows = read_rows(CURRENT)
    drop = rows[0].index("fatalities")
    path = tmp_path / "acled.csv"
    write_rows(path, [row[:drop] + row[drop + 1 :] for row in rows])
    with pytest.raises(InputFileError, match=r"acled\.csv.*missing columns \(fatalities\)"):
        read_acled(path)


def test_ucdp_file_is_refused_with_a_pointer():
    with pytest.raises(InputFileError, match="UCDP GED file"):
        read_acled(root() / "data" / "raw" / "ucdp" / "ucdp_ged_23_1_mali_sample.csv")


def test_another_dataset_entirely():
    with pytest.raises(InputFileError, match="not an ACLED export"):
        read_acled(root() / "data" / "raw" / "places" / "gazetteer.csv")


def test_fatalities_that_are_not_a_number(tmp_path):
    rows = read_rows(CURRENT)
    rows[2][rows[0].index("fatalities")] = "dozens"
    path = tmp_path / "acled.csv"
    write_rows(path, rows)
    with pytest.raises(InputFileError, match=r"acled\.csv:3:fatalities: .*'dozens' is not int64"):
        read_acled(path)
