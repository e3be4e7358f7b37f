"""Reading claims files as they come: encodings, separators, columns, broken rows."""

from __future__ import annotations

import pytest
from conftest import csv_text, real_rows

from malitrack.errors import InputFileError
from malitrack.clean.readers import CLAIM_COLUMNS, read_claims_file


def test_reads_real_file_with_line_numbers():
    from conftest import SEED_FILE

    claims = read_claims_file(SEED_FILE)
    assert len(claims.rows) == 397
    assert claims.rows["source_row"].iloc[0] == 2
    assert list(claims.rows.columns[: len(CLAIM_COLUMNS)]) == list(CLAIM_COLUMNS)
    amassine = claims.rows[claims.rows["incident_key"] == "amassine-2024-05-19"]
    assert "over 30" in set(amassine["figure_text"])
    assert claims.warnings == []


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(InputFileError, match=r"nope\.csv.*file not found"):
        read_claims_file(tmp_path / "nope.csv")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(InputFileError, match="empty"):
        read_claims_file(path)


def test_html_page_saved_as_csv(tmp_path):
    path = tmp_path / "download.csv"
    path.write_text("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>")
    with pytest.raises(InputFileError, match="HTML"):
        read_claims_file(path)


def test_latin1_file_is_read_with_a_warning(tmp_path):
    header, rows = real_rows("guire-2022-01-03")
    path = tmp_path / "latin1.csv"
    path.write_bytes(csv_text(header, rows).encode("cp1252"))
    claims = read_claims_file(path)
    assert "civils tués" in set(claims.rows["victims_text"])
    assert any("not UTF-8" in w.reason for w in claims.warnings)


def test_bom_is_removed(tmp_path):
    header, rows = real_rows()
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(header, rows).encode("utf-8"))
    claims = read_claims_file(path)
    assert claims.rows["incident_key"].iloc[0] == "amassine-2024-05-19"


@pytest.mark.parametrize("delimiter,name", [(";", "semicolon"), ("\t", "tab")])
def test_french_spreadsheet_separator(tmp_path, delimiter, name):
    header, rows = real_rows()
    path = tmp_path / "fr.csv"
    path.write_text(csv_text(header, rows, delimiter=delimiter), encoding="utf-8")
    claims = read_claims_file(path)
    assert len(claims.rows) == len(rows)
    assert set(claims.rows["figure_text"]) >= {"over 30", "29"}
    assert any(name in w.reason for w in claims.warnings)


def test_renamed_columns_are_mapped(tmp_path):
    header, rows = real_rows()
    renamed = ["Incident ID" if h == "incident_key" else "Figure" if h == "figure_text" else "Victimes" if h == "victims_text" else h for h in header]
    path = tmp_path / "renamed.csv"
    path.write_text(csv_text(renamed, rows), encoding="utf-8")
    claims = read_claims_file(path)
    assert "over 30" in set(claims.rows["figure_text"])
    assert {w.column for w in claims.warnings} >= {"Incident ID", "Figure", "Victimes"}


def test_missing_column_lists_it_and_suggests(tmp_path):
    header, rows = real_rows()
    broken = ["figure_txt" if h == "figure_text" else h for h in header]
    path = tmp_path / "missing.csv"
    path.write_text(csv_text(broken, rows), encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        read_claims_file(path)
    message = str(info.value)
    assert "missing.csv:1:" in message
    assert "figure_text" in message and "figure_txt" in message


def test_extra_column_is_reported_and_ignored(tmp_path):
    header, rows = real_rows()
    path = tmp_path / "extra.csv"
    path.write_text(csv_text(header + ["my_comment"], [r + ["x"] for r in rows]), encoding="utf-8")
    claims = read_claims_file(path)
    assert "my_comment" not in claims.rows.columns
    assert any(w.column == "my_comment" and "ignored" in w.reason for w in claims.warnings)


def test_row_with_wrong_field_count_is_kept_and_flagged(tmp_path):
    header, rows = real_rows()
    path = tmp_path / "short.csv"
    text = csv_text(header, rows) + "amassine-2024-05-19,2024-05-19,Amassine\n"
    path.write_text(text, encoding="utf-8")
    claims = read_claims_file(path)
    assert len(claims.rows) == len(rows) + 1
    last = claims.rows.iloc[-1]
    assert last["source_row"] == len(rows) + 2
    assert "3 fields" in last["shape_problem"]


def test_blank_lines_are_not_rows(tmp_path):
    header, rows = real_rows()
    path = tmp_path / "blank.csv"
    path.write_text(csv_text(header, rows[:1]) + "\n\n" + csv_text(header, rows[1:2]).split("\n", 1)[1], encoding="utf-8")
    claims = read_claims_file(path)
    assert list(claims.rows["source_row"]) == [2, 5]
