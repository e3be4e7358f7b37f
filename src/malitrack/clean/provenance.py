"""Provenance sidecars of raw data files: write, refresh and check them.

Every CSV under ``data/raw/`` has a ``<name>.provenance.json`` beside it that
says where the data came from (producer, source URLs, date, licence) and pins
the exact file it describes (sha256, bytes, rows). The check fails as soon as
the file changes, so an edit cannot slip in unrecorded; ``malitrack
provenance PATH`` brings the pinned fields up to date after a deliberate edit
and writes a sidecar for a new file, keeping everything a person wrote in an
existing sidecar (descriptions, notes, registers) as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path

from malitrack.atomic import write_text_atomic
from malitrack.errors import InputFileError, Problem

SIDECAR_SUFFIX = ".provenance.json"
# the source_urls wording written for a file with a `url` column; refreshed with the count
URL_COUNT = re.compile(r"^\d+ distinct page URLs?, one per row in the `url` column$")
DEFAULT_PRODUCER = "added by a malitrack user; each row carries the URL of its page"
DEFAULT_LICENCE = (
    "No licence was stated by the compiler. Facts (casualty figures) with short quotations, "
    "each cited by URL; the quoted texts remain their publishers'."
)


def sidecar_path(path) -> Path:
    """``x.csv`` -> ``x.provenance.json`` beside it."""
    path = Path(path)
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def fix_command(path) -> str:
    """The command a user runs to refresh the sidecar of ``path``."""
    return f"malitrack provenance {path}"


def csv_facts(path: Path) -> dict:
    """What a sidecar pins about a CSV: sha256, bytes, rows (records after the header), header, distinct URLs."""
    data = path.read_bytes()
    text = data.decode("utf-8-sig", errors="replace")
    records = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    header = records[0] if records else []
    urls = set()
    if "url" in header:
        position = header.index("url")
        urls = {row[position] for row in records[1:] if len(row) > position and row[position]}
    return {
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "rows": max(len(records) - 1, 0),
        "header": header,
        "urls": urls,
    }


def _url_summary(n_urls: int) -> str:
    return f"{n_urls} distinct page URL{'s' if n_urls != 1 else ''}, one per row in the `url` column"


def _read_sidecar(meta_path: Path) -> tuple[dict, int]:
    """The sidecar's content and its JSON indent (the shipped files use 1 or 2)."""
    text = meta_path.read_text(encoding="utf-8")
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(meta_path, f"not valid JSON: {exc.msg}", row=exc.lineno) from exc
    indent = re.match(r"\{\n( +)\"", text)
    return meta, len(indent[1]) if indent else 2


def refreshed_sidecar(path: Path, meta: dict | None, *, producer: str, licence: str, date: str, description: str | None) -> dict:
    """The sidecar for ``path``: ``meta`` with its pinned fields brought up to date, or a new one."""
    facts = csv_facts(path)
    if meta is None:
        meta = {
            "file": path.name,
            "description": description or f"Claims added to malitrack: {facts['rows']} row(s).",
            "producer": producer,
            "source_urls": _url_summary(len(facts["urls"])) if facts["urls"] else "none stated",
            "retrieved": date,
            "licence": licence,
            "sha256": "",
            "bytes": 0,
            "rows": 0,
            "columns": facts["header"],
        }
    meta = dict(meta)
    meta["file"] = path.name
    meta["sha256"] = facts["sha256"]
    meta["bytes"] = facts["bytes"]  # a missing key is added: every refreshed sidecar pins its size
    meta["rows"] = facts["rows"]
    if isinstance(meta.get("columns"), list):
        meta["columns"] = facts["header"]
    if isinstance(meta.get("source_urls"), str) and URL_COUNT.match(meta["source_urls"]) and facts["urls"]:
        meta["source_urls"] = _url_summary(len(facts["urls"]))
    return meta


def write_provenance(path, *, producer: str = DEFAULT_PRODUCER, licence: str = DEFAULT_LICENCE,
                     date: str | None = None, description: str | None = None) -> tuple[Path, bool]:
    """Write or refresh the sidecar of one CSV, atomically; (sidecar path, whether it changed)."""
    path = Path(path)
    if not path.is_file() or path.suffix != ".csv":
        raise InputFileError(path, "not a CSV file (malitrack provenance writes sidecars of data/raw/**/*.csv)")
    meta_path = sidecar_path(path)
    meta, indent = _read_sidecar(meta_path) if meta_path.exists() else (None, 2)
    date = date or dt.date.today().isoformat()
    new = refreshed_sidecar(path, meta, producer=producer, licence=licence, date=date, description=description)
    text = json.dumps(new, indent=indent, ensure_ascii=False) + "\n"
    if meta_path.exists() and meta_path.read_text(encoding="utf-8") == text:
        return meta_path, False
    write_text_atomic(meta_path, text)
    return meta_path, True


def check_sidecar(path: Path, shown: str | None = None) -> list[Problem]:
    """Problems with the sidecar of one raw CSV, each saying how to fix it."""
    shown = shown or str(path)
    meta_path = sidecar_path(path)
    command = fix_command(shown)
    if not meta_path.exists():
        return [Problem(shown, None, None, f"no provenance sidecar {meta_path.name}: run `{command}` "
                        "and fill in its description, producer and licence")]
    try:
        meta, _ = _read_sidecar(meta_path)
    except InputFileError as error:
        return [error.problem]
    sidecar = str(Path(shown).with_name(meta_path.name))
    problems = []
    facts = csv_facts(path)
    if meta.get("file") != path.name:
        problems.append(Problem(sidecar, None, "file", f"names {meta.get('file')!r}, not {path.name!r}: run `{command}`"))
    if meta.get("sha256") != facts["sha256"]:
        problems.append(Problem(sidecar, None, "sha256", f"stale: {path.name} changed since its sidecar was written; "
                                f"check the change is meant, then run `{command}`"))
    if meta.get("rows") != facts["rows"]:
        problems.append(Problem(sidecar, None, "rows", f"says {meta.get('rows')} rows, the file has {facts['rows']}: run `{command}`"))
    if "bytes" in meta and meta["bytes"] != facts["bytes"]:
        problems.append(Problem(sidecar, None, "bytes", f"says {meta['bytes']} bytes, the file has {facts['bytes']}: run `{command}`"))
    if not (meta.get("licence") or meta.get("license")):
        problems.append(Problem(sidecar, None, "licence", "no licence stated: write the licence or terms of the data"))
    if not (meta.get("description") or meta.get("title")):
        problems.append(Problem(sidecar, None, "description", "no description: say what the file holds"))
    return problems
