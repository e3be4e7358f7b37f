"""Tests for the incidents register, data/raw/incidents.csv, against the claims files it describes.

The register is hand-coded raw data (see incidents.provenance.json); these
tests check that it covers every incident key exactly once, that every type
comes from the documented vocabulary, and that every quote and URL can be
found where the register says it comes from.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from urllib.parse import unquote

import pytest

from malitrack import paths

REGISTER = paths.raw_dir() / "incidents.csv"
SIDECAR = paths.raw_dir() / "incidents.provenance.json"
COLUMNS = ["incident_id", "incident_type", "incident_type_basis", "incident_type_url", "title", "aggregate_of", "note"]
VOCABULARY = {
    "massacre", "execution", "drone_strike", "airstrike", "ambush", "attack_on_base", "battle",
    "bombing", "shelling", "abduction", "clash", "protest_repression", "other",
}
# a year, a day of a month, or a decimal number (RN16 and G5 are names, not dates)
DATE_OR_COORDINATE = re.compile(
    r"\b(1[89]|20)\d\d\b|\d+[.,]\d+|\b\d{1,2}(er)?\s+(jan|feb|f[ée]v|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|ao[ûu]|sep|oct|nov|d[ée]c)",
    re.IGNORECASE,
)
QUOTED_CLAIM_FIELDS = ["place", "admin_region", "claimant", "outlet", "figure_text", "victims_text", "perpetrator_text", "note"]


def _read_csv(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def register() -> list[dict[str, str]]:
    return _read_csv(REGISTER)


@pytest.fixture(scope="module")
def by_id(register) -> dict[str, dict[str, str]]:
    return {row["incident_id"]: row for row in register}


@pytest.fixture(scope="module")
def claims_by_incident() -> dict[str, list[dict[str, str]]]:
    grouped = defaultdict(list)
    for path in sorted(paths.raw_claims_dir().glob("claims_*.csv")):
        for row in _read_csv(path):
            grouped[row["incident_key"]].append(row)
    return grouped


def test_columns_are_the_documented_ones():
    with open(REGISTER, newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == COLUMNS


def test_every_incident_key_has_exactly_one_row(register, claims_by_incident):
    ids = [row["incident_id"] for row in register]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicated == [], f"incident ids listed twice: {duplicated}"
    missing = sorted(set(claims_by_incident) - set(ids))
    assert missing == [], f"incident keys of the claims files without a register row: {missing}"
    assert len(claims_by_incident) == 249


def test_no_row_for_an_unknown_key(register, claims_by_incident):
    unknown = sorted({row["incident_id"] for row in register} - set(claims_by_incident))
    assert unknown == [], f"register rows for keys no claims file uses: {unknown}"


def test_every_type_is_in_the_vocabulary(register):
    outside = {row["incident_id"]: row["incident_type"] for row in register if row["incident_type"] not in VOCABULARY}
    assert outside == {}


def test_the_sidecar_defines_exactly_the_vocabulary():
    sidecar = json.loads(SIDECAR.read_text(encoding="utf-8"))
    assert set(sidecar["vocabulary"]) == VOCABULARY
    assert all(definition.strip() for definition in sidecar["vocabulary"].values())


def test_every_url_is_one_of_the_incidents_claim_urls(register, claims_by_incident):
    strays = {
        row["incident_id"]: row["incident_type_url"]
        for row in register
        if row["incident_type_url"] not in {claim["url"] for claim in claims_by_incident[row["incident_id"]]}
    }
    assert strays == {}, "incident_type_url must be the url of one of the incident's claim rows"


def _basis_found(row: dict[str, str], claims: list[dict[str, str]]) -> bool:
    """The quote is in the cited claim row (or NOTES file); quotes joined by ' ... ' are each in that row."""
    basis = row["incident_type_basis"]
    notes_quote = re.fullmatch(r"(NOTES_\w+\.md): (.+)", basis)
    if notes_quote:
        notes_file = paths.raw_claims_dir() / notes_quote[1]
        return notes_file.is_file() and notes_quote[2] in notes_file.read_text(encoding="utf-8")
    for claim in claims:
        if claim["url"] != row["incident_type_url"]:
            continue
        text = " | ".join([claim[field] for field in QUOTED_CLAIM_FIELDS] + [unquote(claim["url"])])
        if basis in text or all(part in text for part in basis.split(" ... ")):
            return True
    return False


def test_every_basis_is_a_verbatim_quote_of_the_cited_row_or_notes(register, claims_by_incident):
    unsupported = [
        row["incident_id"]
        for row in register
        if not row["incident_type_basis"] or not _basis_found(row, claims_by_incident[row["incident_id"]])
    ]
    assert unsupported == [], "incident_type_basis not found in the claim row(s) at incident_type_url"


def test_titles_are_short_labels_without_dates_or_coordinates(register):
    for row in register:
        title = row["title"]
        assert title and len(title) <= 90, row["incident_id"]
        assert not DATE_OR_COORDINATE.search(title), f"{row['incident_id']}: dates and coordinates belong elsewhere"


def test_aggregate_keys_name_known_per_event_keys(by_id):
    aggregates = {key: row for key, row in by_id.items() if row["aggregate_of"]}
    assert set(aggregates) == {
        "minusma-douentza-tombouctou-2017-08-14",
        "dioura-gargando-2025-01-02-04",
        "tilemsi-operations-2025-02-16",
    }
    for key, row in aggregates.items():
        parts = row["aggregate_of"].split("; ")
        assert key not in parts
        assert set(parts) <= set(by_id), f"{key} names unknown keys"
        assert not any(by_id[part]["aggregate_of"] for part in parts), f"{key}: aggregates of aggregates"
        assert row["note"], f"{key}: say why it must not be added"


def test_the_14_august_2017_combined_totals_are_an_aggregate_of_both_camps(by_id):
    combined = by_id["minusma-douentza-tombouctou-2017-08-14"]
    assert combined["aggregate_of"].split("; ") == ["douentza-minusma-2017-08-14", "tombouctou-minusma-qg-2017-08-14"]
    assert "never add" in combined["note"]


def test_seed_incidents_of_the_source_article(by_id):
    assert by_id["amassine-2024-05-19"]["incident_type"] in {"massacre", "execution"}
    assert by_id["amasrakad-2024-03-17"]["incident_type"] == "drone_strike"
    assert by_id["ersane-2023-10-05"]["incident_type"] == "execution"


@pytest.mark.parametrize(
    ("incident_id", "incident_type"),
    [
        ("bamako-protests-2020-07-10", "protest_repression"),
        ("kobri-indians-kidnap-2025-11-06", "abduction"),
        ("tombouctou-obus-2023-09-21", "shelling"),
        ("gao-moc-2017-01-18", "bombing"),
        ("bounti-2021-01-03", "airstrike"),
        ("koro-dioungani-2017-06-17", "clash"),
        ("ogossagou-2019-03-23", "massacre"),
    ],
)
def test_well_known_incidents_have_the_expected_type(by_id, incident_id, incident_type):
    assert by_id[incident_id]["incident_type"] == incident_type


def test_sidecar_describes_this_file():
    sidecar = json.loads(SIDECAR.read_text(encoding="utf-8"))
    for key in ("file", "description", "producer", "source_urls", "retrieved", "licence", "sha256", "rows", "notes"):
        assert sidecar.get(key), f"provenance sidecar lacks {key!r}"
    data = REGISTER.read_bytes()
    assert sidecar["file"] == REGISTER.name
    assert sidecar["sha256"] == hashlib.sha256(data).hexdigest(), "register edited: update sha256 in the sidecar"
    assert sidecar["bytes"] == len(data)
    assert sidecar["rows"] == len(_read_csv(REGISTER))
    assert list(sidecar["columns"]) == COLUMNS
