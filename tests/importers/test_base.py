"""Tests for malitrack.importers.base: a made-up dataset read through the one reader, and the rules every dataset shares."""


import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.typing import Series

from conftest import read_rows, write_rows
from malitrack.errors import InputFileError
from malitrack.importers.acled import read_acled
from malitrack.importers.base import DatasetSpec, ImportResult, read_dataset
from malitrack.importers.ucdp import read_ucdp_ged
from malitrack.paths import raw_dir, root
from malitrack.schemas import DatasetClaims, dataset_claim_columns

ACLED_CURRENT = root() / "tests" / "data" / "acled_synthetic_current.csv"
UCDP_JAN_JUN = raw_dir() / "ucdp" / "ucdp_candidate_26_01_26_06_mali.csv"
UCDP_SAMPLE = raw_dir() / "ucdp" / "ucdp_ged_23_1_mali_sample.csv"


class TinyEvent(pa.DataFrameModel):
    """A made-up dataset: one event per row, a count of deaths that must not be negative."""

    ref: Series[str] = pa.Field(unique=True)
    deaths: Series[int] = pa.Field(ge=0)

    @pa.dataframe_check(name="quiet_day_has_no_deaths", error="a 'quiet' day with deaths")
    def quiet_day_has_no_deaths(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["kind"] != "quiet") | (df["deaths"] == 0)


def _tiny_claims(events: pd.DataFrame, release: str, path) -> pd.DataFrame:
    return pd.DataFrame({"claim_id": "tiny-" + events["ref"], "claimant": f"TINY {release}", "best": events["deaths"]})


TINY = DatasetSpec(
    name="TINY",
    file_kind="a TINY file",
    reader="read_tiny",
    layouts={"v1": ("ref", "day", "kind", "deaths", "country")},
    signature=("ref", "deaths"),
    id_column="ref",
    country_column="country",
    country_code=466,
    schema=TinyEvent,
    to_claims=_tiny_claims,
    release=lambda path, events, sidecar_release: sidecar_release or "v1 (from the code)",
    sidecar_key="release",
    integer_columns=("deaths", "country"),
    date_columns=("day",),
    check_columns={"quiet_day_has_no_deaths": ("kind", "deaths")},
)


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path




def test_a_made_up_dataset_is_read_through_its_spec(tmp_path):
    path = _write(
        tmp_path / "tiny.csv",
        "ref,day,kind,deaths,country\n"
        "a1,2030-01-02,raid,3,466\n"
        'a2,2030-01-03,"quiet\nday",0,466\n'  # a quoted newline: a2 starts on line 3, a3 on line 5
        "a3,2030-01-04,raid,5,562\n"
        "a4,someday,raid,2,466\n"
        "a5,2030-01-06,quiet,4,466\n",
    )
    result = read_dataset(path, TINY)
    assert isinstance(result, ImportResult)
    assert (result.dataset, result.layout, result.release, result.source_file) == ("TINY", "v1", "v1 (from the code)", "tiny.csv")
    assert (result.rows_read, result.rows_outside_mali) == (5, 1)
    assert result.events["ref"].tolist() == ["a1", "a2", "a4", "a5"]
    assert result.events["source_row"].tolist() == [2, 3, 6, 7]
    assert result.events["day"].dtype == "datetime64[us]"
    # the bad date is reported and its event kept out of the claims; the quiet day with deaths is reported and kept
    assert result.claims["claim_id"].tolist() == ["tiny-a1", "tiny-a2", "tiny-a5"]
    problems = result.problems.set_index("event_id")
    assert (problems.loc["a4", "row"], problems.loc["a4", "column"], problems.loc["a4", "value"]) == (6, "day", "someday")
    assert problems.loc["a5", "reason"] == "a 'quiet' day with deaths"
    assert (problems.loc["a5", "column"], problems.loc["a5", "value"]) == ("kind, deaths", "kind=quiet, deaths=4")


def test_a_sidecar_names_the_release(tmp_path):
    path = _write(tmp_path / "tiny.csv", "ref,day,kind,deaths,country\na1,2030-01-02,raid,3,466\n")
    _write(tmp_path / "tiny.provenance.json", '{"release": "v9"}')
    assert read_dataset(path, TINY).release == "v9"
    assert read_dataset(path, TINY, release="v10").claims.loc[0, "claimant"] == "TINY v10"


def test_html_saved_as_csv_is_refused_for_any_dataset(tmp_path):
    path = _write(tmp_path / "tiny.csv", "  <!DOCTYPE html><html><body>Please log in</body></html>")
    for spec_reader in (lambda p: read_dataset(p, TINY), read_acled, read_ucdp_ged):
        with pytest.raises(InputFileError, match=r"tiny\.csv.*HTML"):
            spec_reader(path)


def test_the_other_datasets_file_is_named_with_its_reader():
    with pytest.raises(InputFileError, match=r"acled_synthetic_current\.csv.*an ACLED export, not a TINY file: use read_acled"):
        read_dataset(ACLED_CURRENT, TINY)
    with pytest.raises(InputFileError, match=r"this is a UCDP GED file, not an ACLED export: use read_ucdp_ged"):
        read_acled(UCDP_SAMPLE)
    with pytest.raises(InputFileError, match=r"this is an ACLED export, not a UCDP GED file: use read_acled"):
        read_ucdp_ged(ACLED_CURRENT)


def test_a_file_of_no_known_dataset(tmp_path):
    path = _write(tmp_path / "places.csv", "name,lat,lon\nKidal,18.4,1.4\n")
    with pytest.raises(InputFileError, match=r"places\.csv.*not a TINY file: no ref or deaths column"):
        read_dataset(path, TINY)


def _three_bad_dates(source, column, tmp_path, bad=("someday", "2026-13-45", "")):
    rows = read_rows(source)
    at = rows[0].index(column)
    for line, value in zip((2, 4, 6), bad):
        rows[line - 1][at] = value
    return write_rows(tmp_path / source.name, rows), [rows[line - 1][0] for line in (2, 4, 6)]


@pytest.mark.parametrize(
    "reader, source, column",
    [(read_acled, ACLED_CURRENT, "event_date"), (read_ucdp_ged, UCDP_JAN_JUN, "date_start")],
)
def test_three_bad_dates_are_all_reported_with_file_and_line_and_none_raises(tmp_path, reader, source, column):
    path, ids = _three_bad_dates(source, column, tmp_path)
    clean = reader(source)
    result = reader(path)  # no InputFileError on the first bad date
    dates = result.problems[result.problems["column"] == column]
    assert [f"{p.file}:{p.row}" for p in dates.itertuples()] == [f"{source.name}:2", f"{source.name}:4", f"{source.name}:6"]
    assert dates["event_id"].tolist() == ids
    assert dates["value"].tolist() == ["someday", "2026-13-45", ""]
    assert dates["reason"].str.startswith("not a date").tolist() == [True, True, False]
    assert dates["reason"].iloc[2].startswith("date missing")
    assert dates["reason"].str.endswith("the event is left out of the claims").all()
    # reported, not dropped silently: every event kept, and only those three out of the claims
    assert len(result.events) == len(clean.events)
    assert len(result.claims) == len(clean.claims) - 3
    assert not set(ids) & set(result.claims["dataset_event_id"])
    # no second problem on the same dates (pandera's not-null or date order checks)
    assert len(result.problems) == len(clean.problems) + 3


def test_dataset_claims_columns_come_from_the_schema():
    claims = read_ucdp_ged(UCDP_SAMPLE).claims
    assert tuple(claims.columns) == dataset_claim_columns()
    assert set(dataset_claim_columns()) - {"denial"} >= set(DatasetClaims.to_schema().columns) - {"denial"}
    from malitrack.schemas import CleanClaims

    assert set(CleanClaims.to_schema().columns) - set(dataset_claim_columns()) == {"denial"}


@pytest.mark.parametrize("path", sorted((raw_dir() / "ucdp").glob("*.csv")), ids=lambda path: path.name)
def test_claims_of_real_rows_without_problems_are_valid_dataset_claims(path):
    result = read_ucdp_ged(path)
    sound = result.claims[~result.claims["dataset_event_id"].isin(result.problems["event_id"])]
    assert len(sound) > 0
    DatasetClaims.validate(sound, lazy=True)
    assert [check.name for check in DatasetClaims.to_schema().checks].count("published_understood") == 1
