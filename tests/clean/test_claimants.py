"""The claimants register and the actor memberships: cited, consistent, and applied to real claims."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest import RAW

from malitrack.clean.claimants import claimant_key, read_claimant_register
from malitrack.errors import InputFileError
from malitrack.schemas import CLAIMANT_TYPES


def _rows(name: str) -> list[dict]:
    with (RAW / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_alias_is_cited_and_typed():
    for line, row in enumerate(_rows("claimants.csv"), start=2):
        assert row["basis"].strip() and row["url"].startswith("http"), f"claimants.csv:{line}"
        assert set(filter(None, row["claimant_types"].split(";"))) <= set(CLAIMANT_TYPES), f"claimants.csv:{line}"


def test_memberships_name_known_actors_and_are_cited():
    from malitrack.parse.actors import actor_register

    register = actor_register()
    for line, row in enumerate(_rows("actor_membership.csv"), start=2):
        assert row["group"] in register and row["member"] in register, f"actor_membership.csv:{line}"
        assert row["url"].startswith("http") and row["says"].strip(), f"actor_membership.csv:{line}"


@pytest.mark.parametrize(
    ("claimant", "claimant_type", "day", "key"),
    [
        ("separatists (CSP)", "armed_group", "2024-08-25", "CSP"),
        ("Tuareg rebels (CSP-DPA)", "armed_group", "2024-08-25", "CSP"),
        ("CSP-PSD spokesman Mohamed Elmaouloud Ramadane (statement)", "armed_group", "2024-08-25", "CSP"),
        ("Azawad movements (حركات أزوادية)", "armed_group", "2024-08-25", "CSP"),
        ("separatists", "armed_group", "2025-05-01", "FLA"),
        ("Malian defense ministry statement (1 April 2022)", "government", "2022-03-27", "Malian state"),
        ("Malian authorities / Gen. Oumar Diarra, chief of staff", "military", "2022-03-27", "Malian state"),
        ("UN OHCHR / MINUSMA Human Rights Division fact-finding mission", "un", "2022-03-27", "UN human rights office"),
        ("MINUSMA special investigation (preliminary conclusions, 2 May 2019)", "un", "2019-03-23", "MINUSMA"),
        # an anonymous source is not the organisation's statement; a media claim naming the MSA is not the MSA
        ("Malian security source", "military", "2024-05-19", "malian security source"),
        ("Malian online press (confirmed by MSA and GATIA)", "media", "2016-07-21", "malian online press"),
    ],
)
def test_claimant_keys(claimant, claimant_type, day, key):
    assert claimant_key(claimant, claimant_type, pd.Timestamp(day))[0] == key


def test_a_broken_register_names_file_row_and_column(tmp_path):
    path = tmp_path / "claimants.csv"
    rows = _rows("claimants.csv")[:2]
    rows[1]["active_from"] = "spring 2021"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(InputFileError, match=r"claimants.csv:3:active_from: not a date"):
        read_claimant_register(path)
