"""The data dictionary and the Frictionless data package, generated from the schemas.

Descriptions live once, on the pandera fields in ``malitrack.schemas``; this
module renders them as Markdown (``data/clean/data_dictionary.md``) and as a
Frictionless Data Package descriptor (``data/clean/datapackage.json``,
https://specs.frictionlessdata.io/data-package/), so the two can never drift
from the code that validates the data.
"""

from __future__ import annotations

import hashlib

from malitrack import schemas

TABLES = (
    ("claims", schemas.CleanClaims, "One row per claim: who said how many died, who they were, who did it, where it was published."),
    ("incidents", schemas.CleanIncidents, "One row per incident: when, where and what, derived from its claims and cited references."),
)

QUARANTINE_FIELDS = (
    ("source_file", "string", "Raw claims file of the rejected row."),
    ("source_row", "integer", "Line of the row in its raw file (header = line 1)."),
    ("column", "string", "Column(s) at fault."),
    ("reason", "string", "Why the row was rejected (all reasons, joined by '; ')."),
)
SOURCES_FIELDS = (
    ("outlet", "string", "Outlet that published claims."),
    ("url", "string", "URL of the page."),
    ("domain", "string", "Web domain of the URL."),
    ("language", "string", "Language(s) of the claims taken from the page."),
    ("n_claims", "integer", "Clean claims taken from the page."),
    ("n_incidents", "integer", "Incidents those claims are about."),
    ("first_published", "date", "Earliest publication date among them."),
    ("source_kind", "string", "outlet (the outlet's own page), encyclopedia_copy (a copy or translation of a Wikipedia article) or aggregator (a rewrite of other outlets), from data/raw/source_notes.csv."),
    ("source_note", "string", "What is known about the page or outlet (not retrievable again, machine translation, ...)."),
)


def quarantine_fields() -> tuple[tuple[str, str, str], ...]:
    """The quarantine's own columns, then every raw claims column (as text)."""
    raw = tuple(
        (f["name"], "string", f["description"]) for f in fields(schemas.RawClaims) if f["name"] != "shape_problem"
    )
    return QUARANTINE_FIELDS + raw


def _frictionless_type(dtype) -> str:
    name = str(dtype).lower()
    if "int" in name:
        return "integer"
    if "float" in name:
        return "number"
    if "datetime" in name or "timestamp" in name:
        return "date"
    if "bool" in name:
        return "boolean"
    return "string"


def _check_text(check) -> str | None:
    stats = getattr(check, "statistics", None) or {}
    name = check.name
    if name == "isin":
        return "one of " + ", ".join(str(v) for v in stats.get("allowed_values", []))
    if name == "str_matches":
        return f"matches `{stats.get('pattern')}`"
    if name in {"greater_than_or_equal_to", "less_than_or_equal_to"}:
        sign = ">=" if name.startswith("greater") else "<="
        return f"{sign} {next(iter(stats.values()))}"
    if check.error:
        return check.error
    return None


def fields(model) -> list[dict]:
    """Name, type, description, nullability and rules of each field of a model."""
    schema = model.to_schema()
    out = []
    for name, column in schema.columns.items():
        rules = [text for text in (_check_text(c) for c in column.checks) if text]
        out.append(
            {
                "name": name,
                "type": _frictionless_type(column.dtype),
                "description": column.description or "",
                "nullable": bool(column.nullable),
                "rules": rules,
            }
        )
    return out


def data_dictionary_markdown() -> str:
    """The Markdown data dictionary of ``data/clean/``."""
    lines = [
        "# malitrack data dictionary",
        "",
        "Generated from the pandera models in `src/malitrack/schemas.py` by `malitrack clean`; do not edit by hand.",
        "Counts are nullable integers: an empty cell means unknown, never 0.",
        "",
    ]
    for name, model, description in TABLES:
        lines += [f"## `{name}.csv` / `{name}.parquet`", "", description, "", "| column | type | may be empty | description | rules |", "| --- | --- | --- | --- | --- |"]
        for f in fields(model):
            rules = "; ".join(f["rules"]).replace("|", "\\|")
            lines.append(f"| `{f['name']}` | {f['type']} | {'yes' if f['nullable'] else 'no'} | {f['description']} | {rules} |")
        lines.append("")
    for name, spec, description in (
        ("quarantine", quarantine_fields(), "Raw rows that failed validation: where, why, then the row as it was read."),
        ("sources", SOURCES_FIELDS, "The sources register: one row per outlet and URL."),
    ):
        lines += [f"## `{name}.csv`", "", description, "", "| column | type | description |", "| --- | --- | --- |"]
        lines += [f"| `{n}` | {t} | {d} |" for n, t, d in spec]
        lines.append("")
    return "\n".join(lines)


def datapackage(version: str, csv_blobs: dict[str, bytes]) -> dict:
    """A Frictionless Data Package descriptor for the clean CSV files."""
    resources = []
    for name, model, description in TABLES:
        schema_fields = []
        for f in fields(model):
            field = {"name": f["name"], "type": f["type"], "description": f["description"]}
            if not f["nullable"]:
                field["constraints"] = {"required": True}
            schema_fields.append(field)
        resources.append(_resource(name, description, schema_fields, csv_blobs))
    for name, spec, description in (("quarantine", quarantine_fields(), "Rows that failed validation."), ("sources", SOURCES_FIELDS, "Sources register.")):
        schema_fields = [{"name": n, "type": t, "description": d} for n, t, d in spec]
        resources.append(_resource(name, description, schema_fields, csv_blobs))
    return {
        "profile": "tabular-data-package",
        "name": "malitrack",
        "title": "malitrack: casualty claims about political violence in Mali",
        "version": version,
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (data compiled by malitrack; UCDP rows CC BY 4.0)"}],
        "resources": resources,
    }


def _resource(name: str, description: str, schema_fields: list[dict], csv_blobs: dict[str, bytes]) -> dict:
    data = csv_blobs.get(f"{name}.csv", b"")
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "schema": {"fields": schema_fields, "missingValues": [""]},
    }
