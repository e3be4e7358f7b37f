"""The clean step on the real data and on each kind of bad input."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from conftest import RAW, csv_text, real_rows
from shipped import SHIPPED_CLAIMS_ROWS, shipped_claims_paths

from malitrack.errors import InputFileError
from malitrack.clean.run import clean, validate_claims_file

AMASSINE = "amassine-2024-05-19"


def _raw_line_count(path) -> int:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for row in csv.reader(fh) if row) - 1


def _rows_per_file(result) -> dict[str, int]:
    """Raw rows of each claims file in a clean run (clean + quarantined)."""
    files = pd.concat([result.claims["source_file"], result.quarantine["source_file"]])
    return files.value_counts().to_dict()


# --------------------------------------------------------------------------- real data


def test_conservation_on_the_shipped_data(clean_run):
    result, out = clean_run
    assert result.n_raw == sum(_raw_line_count(path) for path in sorted((RAW / "claims").glob("*.csv")))
    assert len(result.claims) + len(result.quarantine) == result.n_raw
    per_file = _rows_per_file(result)
    assert {name: per_file.get(name) for name in SHIPPED_CLAIMS_ROWS} == SHIPPED_CLAIMS_ROWS
    assert {name: _raw_line_count(path) for name, path in zip(sorted(SHIPPED_CLAIMS_ROWS), shipped_claims_paths())} == SHIPPED_CLAIMS_ROWS
    written_claims = pd.read_csv(out / "claims.csv")
    written_quarantine = pd.read_csv(out / "quarantine.csv")
    assert len(written_claims) + len(written_quarantine) == result.n_raw


def test_every_incident_of_the_source_article_is_there_with_every_claim(clean_run):
    result, _ = clean_run
    raw = pd.concat(pd.read_csv(p, dtype=str, keep_default_na=False) for p in shipped_claims_paths())
    claims = result.claims
    for key in ("amassine-2024-05-19",):
        assert (claims["incident_id"] == key).sum() == (raw["incident_key"] == key).sum()
    for fragment in ("amasrakad", "ersan"):
        keys = {k for k in raw["incident_key"] if fragment in k}
        assert keys, fragment
        for key in keys:
            assert (claims["incident_id"] == key).sum() == (raw["incident_key"] == key).sum(), key


def test_amassine_claims_come_out_right(clean_run):
    claims = clean_run[0].claims
    amassine = claims[claims["incident_id"] == AMASSINE]
    csp = amassine[(amassine["figure_text"] == "over 30") & (amassine["claimant_type"] == "armed_group")].iloc[0]
    assert csp["qualifier"] == "more_than"
    assert csp["low"] > 30 and pd.isna(csp["high"])
    assert csp["victim_status"] == "civilian"
    assert set(csp["perpetrators"].split("; ")) == {"FAMa", "Wagner Group"}
    assert csp["admin1"] == "Kidal" and csp["admin1_code"] == "ML-8"
    army = amassine[(amassine["figure_text"] == "29") & (amassine["claimant"] == "Malian security source")].iloc[0]
    assert (army["low"], army["best"], army["high"], army["qualifier"]) == (29, 29, 29, "exact")
    assert army["victim_status"] == "armed_group"
    assert army["victims_text"] == 'armed "terrorists"'
    assert army["published_date"] == pd.Timestamp("2024-05-21")
    assert army["incident_date_start"] == pd.Timestamp("2024-05-19")


def test_claims_without_figure_are_unknown_not_zero(clean_run):
    claims = clean_run[0].claims
    no_figure = claims[claims["figure_text"].isna()]
    assert len(no_figure) > 0
    assert no_figure[["low", "best", "high"]].isna().all().all()
    assert set(no_figure["qualifier"]) == {"none"}


def test_correction_is_applied_and_recorded(clean_run):
    claims = clean_run[0].claims
    row = claims[(claims["source_file"] == "claims_2025_extension.csv") & (claims["source_row"] == 175)].iloc[0]
    assert pd.isna(row["figure_text"]) and pd.isna(row["best"])
    assert "plus de victimes" in row["corrections"]


def test_claim_ids_are_unique_and_stable(clean_run):
    claims = clean_run[0].claims
    assert claims["claim_id"].is_unique
    again = clean(write=False).claims
    assert list(again["claim_id"]) == list(claims["claim_id"])


def test_incidents_table(clean_run):
    result, _ = clean_run
    incidents = result.incidents.set_index("incident_id")
    assert len(incidents) == result.claims["incident_id"].nunique()
    amassine = incidents.loc[AMASSINE]
    assert amassine["admin1"] == "Kidal"
    assert amassine["date_start"] == pd.Timestamp("2024-05-19")
    assert amassine["n_claimant_types"] >= 2


def test_an_ambiguous_place_gets_no_region(clean_run):
    """Hampey's claims place it in Ségou (Niono-Nampala road) and in Mopti (near Dioura): no region is picked."""
    result, _ = clean_run
    claims = result.claims[result.claims["incident_id"] == "hampey-dioura-2025-01-02"]
    assert set(claims["admin1"].dropna()) == {"Ségou", "Mopti"}
    incident = result.incidents.set_index("incident_id").loc["hampey-dioura-2025-01-02"]
    assert pd.isna(incident["admin1"]) and pd.isna(incident["admin1_code"])


def test_sources_register(clean_run):
    _, out = clean_run
    sources = pd.read_csv(out / "sources.csv")
    claims = clean_run[0].claims
    assert set(sources["url"]) == set(claims["url"])
    assert sources["n_claims"].sum() == len(claims)
    kinds = sources.set_index("url")["source_kind"]
    assert kinds["https://weafrica24.com/2024/05/21/mali-army-and-wagner-forces-kill-at-lea/"] == "outlet"
    assert kinds["https://it.frwiki.wiki/wiki/Bataille_de_Ber"] == "encyclopedia_copy"
    assert (sources.loc[sources["domain"].str.endswith("news-pravda.com"), "source_kind"] == "aggregator").all()
    koumpeu = sources[sources["outlet"] == "Koumpeu"].iloc[0]
    assert "could not be retrieved" in koumpeu["source_note"]


def test_outputs_written(clean_run):
    _, out = clean_run
    for name in ("claims.csv", "claims.parquet", "incidents.csv", "incidents.parquet", "quarantine.csv",
                 "sources.csv", "data_dictionary.md", "datapackage.json", "manifest.json"):
        assert (out / name).stat().st_size > 0, name
    assert not list(out.glob("*.tmp"))


def test_determinism_two_runs_identical_bytes(clean_run, tmp_path):
    _, first = clean_run
    clean(clean_dir=tmp_path)
    for path in sorted(first.iterdir()):
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256((tmp_path / path.name).read_bytes()).digest(), path.name


def test_failure_mid_write_leaves_previous_files_intact(clean_run, tmp_path, monkeypatch):
    import shutil

    _, first = clean_run
    out = tmp_path / "clean"
    shutil.copytree(first, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken_parquet(self, path, *args, **kwargs):
        with open(path, "wb") as fh:
            fh.write(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken_parquet)
    with pytest.raises(OSError, match="disk full"):
        clean(clean_dir=out)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name in before}["claims.parquet"] == before["claims.parquet"]
    assert not list(out.glob(".*.tmp"))
    for name, data in before.items():
        if name.endswith(".parquet"):
            assert (out / name).read_bytes() == data


# --------------------------------------------------------------------------- bad input


def _bad_file(raw, rows, name="zz_user.csv"):
    header, _ = real_rows()
    path = raw / "claims" / name
    path.write_text(csv_text(header, rows), encoding="utf-8")
    return path


def _amassine_row(**changes):
    header, rows = real_rows()
    row = dict(zip(header, rows[0]))
    row.update(changes)
    return [row[h] for h in header]


BAD_CASES = [
    ({"incident_date": "2024-13-45"}, "incident_date", "incident_date not understood"),
    ({"figure_text": "-5"}, "figure_text", "negative"),
    ({"figure_text": "xyz qwerty"}, "figure_text", "not understood"),
    ({"incident_key": "nowhere-2024-01-01"}, "incident_key", "incidents register"),
    ({"claimant": '=HYPERLINK("http://example.org","CSP")'}, "claimant", "formula"),
    ({"victims_text": "<script>alert(1)</script> civils"}, "victims_text", "HTML"),
    ({"published": "2020-01-01"}, "published", "published before the incident"),
    ({"published": "le jour d'après"}, "published", "published date not understood"),
    ({"claimant_type": "rebels"}, "claimant_type", "not allowed"),
    ({"url": "weafrica24.com/2024/05/21"}, "url", "wrong form"),
    ({"outcome": "dead"}, "outcome", "not allowed"),
]


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    """One clean run of the real data plus a user file holding every bad case, a duplicate and a short row."""
    import shutil

    raw = tmp_path_factory.mktemp("bad") / "raw"
    shutil.copytree(RAW, raw)
    header, real = real_rows()
    rows = [_amassine_row(**changes, note=f"user row {i}") for i, (changes, _, _) in enumerate(BAD_CASES)]
    rows.append(real[0])  # an exact copy of a real claim: a duplicate
    path = _bad_file(raw, rows)
    path.write_text(path.read_text(encoding="utf-8") + "amassine-2024-05-19,2024-05-19,Amassine\n", encoding="utf-8")
    return clean(raw_dir=raw, clean_dir=raw.parent / "clean")


def _user_row(result, line):
    mine = result.quarantine[result.quarantine["source_file"] == "zz_user.csv"]
    return mine[mine["source_row"] == line]


@pytest.mark.parametrize("case", range(len(BAD_CASES)), ids=[c[1] + ":" + c[2] for c in BAD_CASES])
def test_bad_row_is_quarantined_with_reason(bad_run, case):
    _, column, reason = BAD_CASES[case]
    row = _user_row(bad_run, case + 2)
    assert len(row) == 1
    assert column in row.iloc[0]["column"]
    assert reason in row.iloc[0]["reason"]


def test_nothing_lost_with_bad_rows(bad_run):
    n_user = len(BAD_CASES) + 2
    assert {name: n for name, n in _rows_per_file(bad_run).items() if name in SHIPPED_CLAIMS_ROWS} == SHIPPED_CLAIMS_ROWS
    assert _rows_per_file(bad_run)["zz_user.csv"] == n_user
    assert len(bad_run.claims) + len(bad_run.quarantine) == bad_run.n_raw
    assert (bad_run.quarantine["source_file"] == "zz_user.csv").sum() == n_user
    assert not (bad_run.claims["source_file"] == "zz_user.csv").any()


def test_duplicate_claim_is_quarantined(bad_run):
    row = _user_row(bad_run, len(BAD_CASES) + 2)
    assert "duplicate" in row.iloc[0]["reason"]
    assert row.iloc[0]["column"] == "incident_key"


def test_row_with_wrong_field_count_is_quarantined(bad_run):
    row = _user_row(bad_run, len(BAD_CASES) + 3)
    assert "3 fields" in row.iloc[0]["reason"]


def test_many_problems_in_one_row_are_all_reported(raw_tree, tmp_path):
    _bad_file(raw_tree, [_amassine_row(figure_text="-3", outcome="dead", victims_text="<b>x</b>")])
    problems, _ = validate_claims_file(raw_tree / "claims" / "zz_user.csv", raw_dir=raw_tree)
    assert {p.column for p in problems} >= {"figure_text", "outcome", "victims_text"}
    assert all(p.row == 2 for p in problems)


def test_validate_real_file_flags_only_rows_the_corrections_file_covers():
    problems, warnings = validate_claims_file(RAW / "claims" / "claims_2022_2025.csv")
    corrections = pd.read_csv(RAW / "corrections.csv")
    covered = set(corrections.loc[corrections["source_file"] == "claims_2022_2025.csv", "source_row"])
    assert {p.row for p in problems} <= covered
    assert warnings == []


def test_stale_correction_stops_the_run(raw_tree, tmp_path):
    path = raw_tree / "corrections.csv"
    text = path.read_text(encoding="utf-8").replace("plus de victimes", "plus de morts")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError, match="expects figure_text='plus de morts'"):
        clean(raw_dir=raw_tree, clean_dir=tmp_path / "clean")


# --------------------------------------------------------------------------- one raw tree per run


def _rename_actor(raw, old: str, new: str) -> None:
    """Rename a canonical actor in a raw tree's alias table and register, as a user would."""
    import csv
    import io
    import json

    aliases = raw / "actor_aliases.csv"
    rows = list(csv.reader(io.StringIO(aliases.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[new if i == 0 and v == old else v for i, v in enumerate(r)] for r in rows])
    aliases.write_text(out.getvalue(), encoding="utf-8")
    sidecar = raw / "actor_aliases.provenance.json"
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    for actor in meta["actors"]:
        actor["name"] = new if actor["name"] == old else actor["name"]
        actor["subsumed_by"] = [new if rule == old else rule for rule in actor.get("subsumed_by", [])]
    sidecar.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def test_clean_takes_actors_and_places_from_the_raw_tree_it_cleans(raw_tree, tmp_path, clean_run):
    """An actor renamed and a place moved in a copied raw tree reach that tree's clean data, not the project's."""
    _rename_actor(raw_tree, "FAMa", "Malian Armed Forces (test)")
    gazetteer = raw_tree / "places" / "gazetteer.csv"
    places = pd.read_csv(gazetteer, dtype=str, keep_default_na=False)
    assert places.loc[places["place_id"] == "amassine", "region_pre2023"].tolist() == ["Kidal"]
    places.loc[places["place_id"] == "amassine", "region_pre2023"] = "Gao"
    places.to_csv(gazetteer, index=False, lineterminator="\n")

    other = clean(raw_dir=raw_tree, clean_dir=tmp_path / "clean")
    project, _ = clean_run

    def blamed(result) -> set[str]:
        return {actor for joined in result.claims["perpetrators"].dropna() for actor in joined.split("; ")}

    assert "FAMa" in blamed(project) and "Malian Armed Forces (test)" not in blamed(project)
    assert "Malian Armed Forces (test)" in blamed(other) and "FAMa" not in blamed(other)
    amassine = other.incidents.set_index("incident_id").loc[AMASSINE]
    assert (amassine["admin1"], amassine["admin1_code"]) == ("Gao", "ML-7")
    assert project.incidents.set_index("incident_id").loc[AMASSINE, "admin1"] == "Kidal"


def test_clean_takes_the_claimant_register_from_the_raw_tree_it_cleans(raw_tree, tmp_path, clean_run):
    """A claimant key renamed in a copied tree's claimants.csv reaches that tree's clean claims only."""
    register = raw_tree / "claimants.csv"
    rows = pd.read_csv(register, dtype=str, keep_default_na=False)
    assert (rows["claimant_key"] == "CSP").any()
    rows.loc[rows["claimant_key"] == "CSP", "claimant_key"] = "CSP (test key)"
    rows.to_csv(register, index=False, lineterminator="\n")

    other = clean(raw_dir=raw_tree, clean_dir=tmp_path / "clean", write=False)
    project, _ = clean_run
    assert "CSP (test key)" in set(other.claims["claimant_key"]) and "CSP" not in set(other.claims["claimant_key"])
    assert "CSP" in set(project.claims["claimant_key"]) and "CSP (test key)" not in set(project.claims["claimant_key"])
