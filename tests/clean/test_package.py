"""The copy of the reference tables and clean dataset shipped in the package equals what clean writes."""

from __future__ import annotations

import json

import pandas as pd
from conftest import RAW

from malitrack import paths
from malitrack.clean import load
from malitrack.clean.package import is_package_source, package_copies, write_package_data
from malitrack.parse.actors import normalize_actors
from malitrack.parse.places import normalize_place
from malitrack.reference import Reference, default


def _manifest_without_code_hash(path) -> dict:
    """The manifest less ``input_fingerprint``, which hashes the package code and so changes with any edit."""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.pop("input_fingerprint")
    return manifest


def test_the_shipped_copy_equals_what_clean_writes_from_data_raw(clean_run):
    _, out = clean_run
    shipped = paths.package_data_dir()
    copies = package_copies(RAW, out, shipped)
    assert {"raw/actor_aliases.csv", "raw/places/gazetteer.csv", "raw/incidents.csv", "clean/claims.parquet"} <= {
        target.relative_to(shipped).as_posix() for target in copies
    }
    differ = [
        str(target.relative_to(shipped))
        for target, source in copies.items()
        if target.name != "manifest.json" and (not target.exists() or target.read_bytes() != source.read_bytes())
    ]
    assert differ == [], "the package copy is stale: run `malitrack clean`"
    manifest = shipped / "clean" / "manifest.json"
    assert _manifest_without_code_hash(manifest) == _manifest_without_code_hash(out / "manifest.json")
    extra = sorted(str(p.relative_to(shipped)) for p in shipped.rglob("*") if p.is_file() and p not in copies)
    assert extra == []


def test_writing_the_copy_is_byte_identical_and_drops_files_no_longer_shipped(clean_run, tmp_path):
    _, out = clean_run
    target = tmp_path / "data"
    (target / "raw" / "places").mkdir(parents=True)
    (target / "raw" / "places" / "old_gazetteer.csv").write_text("gone\n", encoding="utf-8")
    write_package_data(RAW, out, target)
    first = {p: p.read_bytes() for p in sorted(target.rglob("*")) if p.is_file()}
    write_package_data(RAW, out, target)
    assert {p: p.read_bytes() for p in sorted(target.rglob("*")) if p.is_file()} == first
    assert not (target / "raw" / "places" / "old_gazetteer.csv").exists()
    assert set(first) == set(package_copies(RAW, out, target))


def test_only_a_clean_of_the_checkout_into_its_data_clean_rewrites_the_copy(raw_tree, tmp_path):
    assert is_package_source(paths.raw_dir(), paths.clean_dir())
    assert not is_package_source(raw_tree, paths.clean_dir())
    assert not is_package_source(paths.raw_dir(), tmp_path / "clean")


def test_the_shipped_reference_gives_the_same_answers_as_the_project():
    shipped = Reference.load(paths.package_raw_dir())
    project = Reference.load(paths.raw_dir())
    pd.testing.assert_frame_equal(shipped.gazetteer, project.gazetteer)
    assert dict(shipped.actor_register) == dict(project.actor_register)
    text = "l'armée malienne et ses supplétifs russes de Wagner"
    assert normalize_actors(text, reference=shipped) == normalize_actors(text, reference=project)
    assert normalize_place("Amassine, in der Nähe von Anefis", reference=shipped).admin1_code == "ML-8"


def test_without_a_project_tree_the_package_copy_is_used(monkeypatch):
    """What an installed wheel sees (the slow test in tests/test_wheel.py checks it for real)."""
    monkeypatch.delenv("MALITRACK_HOME", raising=False)
    monkeypatch.setattr(paths, "find_root", lambda: None)
    assert paths.reference_raw_dir() == paths.package_raw_dir()
    assert default().source == paths.package_raw_dir()
    assert normalize_actors("GSIM") == ["JNIM"]
    assert load.dataset_dir() == paths.package_clean_dir()
    claims = load.load_claims()
    pd.testing.assert_frame_equal(claims, pd.read_parquet(paths.package_clean_dir() / "claims.parquet"))
    assert load.data_version() == json.loads((paths.package_clean_dir() / "manifest.json").read_text())["data_version"]
