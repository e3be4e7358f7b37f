"""The data dictionary and datapackage.json are generated from the schemas."""

from __future__ import annotations

import hashlib
import json

from malitrack import schemas
from malitrack.clean.dictionary import data_dictionary_markdown, fields


def test_every_field_has_a_description():
    for model in (schemas.RawClaims, schemas.RawIncidents, schemas.CleanClaims, schemas.CleanIncidents):
        for field in fields(model):
            assert field["description"].strip(), f"{model.__name__}.{field['name']} has no description"


def test_markdown_lists_every_clean_column():
    text = data_dictionary_markdown()
    for model in (schemas.CleanClaims, schemas.CleanIncidents):
        for name in model.to_schema().columns:
            assert f"| `{name}` |" in text
    assert "one of killed, injured, missing, abducted" in text


def test_datapackage_matches_written_files(clean_run):
    _, out = clean_run
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == json.loads((out / "manifest.json").read_text())["data_version"]
    names = {r["name"] for r in package["resources"]}
    assert names == {"claims", "incidents", "quarantine", "sources"}
    for resource in package["resources"]:
        data = (out / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        header = data.split(b"\n", 1)[0].decode("utf-8").split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    best = next(f for f in claims["schema"]["fields"] if f["name"] == "best")
    assert best["type"] == "integer" and "constraints" not in best
