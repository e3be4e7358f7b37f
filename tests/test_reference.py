"""The reference tables of one raw folder, and the default that plain calls use."""

from __future__ import annotations

import shutil

import pytest
from conftest import RAW

from malitrack import paths
from malitrack.errors import InputFileError
from malitrack.parse.actors import normalize_actors
from malitrack.parse.places import normalize_place
from malitrack.reference import Reference, default, shipped_files, tables_read


def test_a_reference_holds_every_table_of_its_folder():
    reference = Reference.load(RAW)
    assert reference.source == RAW
    assert reference.actor_register["JNIM"].kind == "jihadist"
    assert "GSIM" in set(reference.actor_aliases["alias"])
    assert {"gazetteer.csv", "gazetteer_regions.csv", "gazetteer_gapfill.csv"} == set(reference.gazetteer["source_file"])
    assert "amassine-2024-05-19" in set(reference.incident_places["incident_key"])
    assert "amassine-2024-05-19" in set(reference.incidents["incident_id"])
    with pytest.raises(TypeError):
        reference.actor_register["JNIM"] = None  # read-only


def test_a_missing_incidents_register_is_named(raw_tree):
    (raw_tree / "incidents.csv").unlink()
    with pytest.raises(InputFileError, match=r"incidents\.csv::: file not found \(the incidents register\)"):
        Reference.load(raw_tree)


def test_the_package_ships_what_a_reference_reads_with_its_sidecars():
    shipped = {p.relative_to(RAW).as_posix() for p in shipped_files(RAW)}
    assert {p.relative_to(RAW).as_posix() for p in tables_read(RAW)} <= shipped
    assert "places/gazetteer.provenance.json" in shipped and "actor_aliases.provenance.json" in shipped
    assert not any(name.startswith("claims/") for name in shipped)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A copy of the project's raw data in a temporary MALITRACK_HOME."""
    root = tmp_path / "project"
    shutil.copytree(RAW, root / "data" / "raw")
    (root / "pyproject.toml").write_text("")
    monkeypatch.setenv("MALITRACK_HOME", str(root))
    return root


def test_the_default_follows_malitrack_home_and_rereads_a_changed_file(home):
    assert default().source == home / "data" / "raw"
    assert not normalize_place("Xyzville").resolved
    aliases = home / "data" / "raw" / "actor_aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "JNIM,Zorglub brigade,fr,,test\n", encoding="utf-8")
    gapfill = home / "data" / "raw" / "places" / "gazetteer_gapfill.csv"
    gapfill.write_text(gapfill.read_text(encoding="utf-8") + "xyzville,Xyzville,,village,,,Gao,,,,,,test,\n", encoding="utf-8")
    assert normalize_place("Xyzville").admin1 == "Gao"
    assert normalize_actors("la Zorglub brigade") == ["JNIM"]


def test_the_default_is_the_project_tree_in_a_checkout():
    assert default().source == paths.raw_dir()
