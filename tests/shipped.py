"""The claims files the project ships, by name, with their row counts.

Tests of the shipped data read these files only, so a claims file a user adds
under data/raw/claims/ (checked by ``malitrack validate``) never breaks
``make test``: counts are pinned per shipped file, not as totals of the tree.
"""

from __future__ import annotations

from pathlib import Path

from malitrack import paths

SHIPPED_CLAIMS_ROWS = {
    "claims_2012_2021.csv": 447,
    "claims_2022_2025.csv": 397,
    "claims_2025_extension.csv": 200,
    "claims_gapfill_2012_2021.csv": 203,
    "claims_gapfill_2016_2023.csv": 390,
}
SHIPPED_CLAIMS = sum(SHIPPED_CLAIMS_ROWS.values())  # 1,637
SHIPPED_INCIDENTS = 249


def shipped_claims_paths(raw_dir: Path | None = None) -> list[Path]:
    """The shipped claims files of a raw folder (default: the project's), in name order."""
    folder = (Path(raw_dir) if raw_dir else paths.raw_dir()) / "claims"
    return [folder / name for name in sorted(SHIPPED_CLAIMS_ROWS)]
