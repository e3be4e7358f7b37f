"""Write the clean outputs atomically, byte-identical for the same inputs."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from malitrack.atomic import write_atomic, write_text_atomic
from malitrack.clean.sources import load_source_notes, sources_register
from malitrack.errors import Problem
from malitrack.freshness import data_code_names, input_fingerprint


@dataclass
class CleanResult:
    """What one clean run produced and noticed."""

    claims: pd.DataFrame
    incidents: pd.DataFrame
    quarantine: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    n_raw: int = 0
    version: str = ""
    written: list[Path] = field(default_factory=list)


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d").encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_clean(result: CleanResult, clean_dir: Path, raw_dir: Path) -> None:
    """Write every clean output atomically; byte-identical for the same inputs."""
    from malitrack.clean.dictionary import data_dictionary_markdown, datapackage

    tables = {
        "claims": result.claims,
        "incidents": result.incidents,
        "quarantine": result.quarantine,
        "sources": sources_register(result.claims, load_source_notes(raw_dir)),
    }
    blobs = {f"{name}.csv": _csv_bytes(frame) for name, frame in tables.items()}
    result.version = _sha256(blobs["claims.csv"] + blobs["incidents.csv"])[:12]
    for name, data in blobs.items():
        result.written.append(write_atomic(clean_dir / name, lambda tmp, data=data: tmp.write_bytes(data)))
    for name in ("claims", "incidents"):
        frame = tables[name]
        result.written.append(
            write_atomic(clean_dir / f"{name}.parquet", lambda tmp, frame=frame: frame.to_parquet(tmp, index=False, engine="pyarrow"))
        )
    result.written.append(write_text_atomic(clean_dir / "data_dictionary.md", data_dictionary_markdown()))
    package = datapackage(result.version, {name: blobs[name] for name in blobs})
    result.written.append(write_text_atomic(clean_dir / "datapackage.json", json.dumps(package, indent=2, ensure_ascii=False) + "\n"))
    manifest = {
        "data_version": result.version,
        "input_fingerprint": input_fingerprint(raw_dir),
        "raw_rows": result.n_raw,
        "clean_rows": len(result.claims),
        "quarantined_rows": len(result.quarantine),
        "incidents": len(result.incidents),
        "code_files": data_code_names(),
    }
    result.written.append(write_text_atomic(clean_dir / "manifest.json", json.dumps(manifest, indent=2) + "\n"))

