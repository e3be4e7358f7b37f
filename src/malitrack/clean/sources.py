"""The sources register: one row per outlet and URL, with what is known of the page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from malitrack.errors import InputFileError
from malitrack.vocab import SOURCE_KINDS


def load_source_notes(raw_dir: Path) -> pd.DataFrame:
    """``data/raw/source_notes.csv``: what is known about some outlets and pages."""
    path = raw_dir / "source_notes.csv"
    columns = ["match", "applies_to", "source_kind", "note", "reference"]
    if not path.exists():
        return pd.DataFrame(columns=columns)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for line, row in enumerate(table.itertuples(index=False), start=2):
        if row.applies_to not in ("domain", "url"):
            raise InputFileError(path, f"applies_to must be 'domain' or 'url', not {row.applies_to!r}", row=line, column="applies_to")
        if row.source_kind not in SOURCE_KINDS:
            raise InputFileError(path, f"source_kind must be one of {', '.join(SOURCE_KINDS)}", row=line, column="source_kind")
    return table


def sources_register(claims: pd.DataFrame, notes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per outlet and URL: the machine-readable list of sources.

    ``source_kind`` says whether the page is the outlet's own (``outlet``), a
    copy or translation of an encyclopedia article (``encyclopedia_copy``) or
    an aggregator's rewrite (``aggregator``), from ``data/raw/source_notes.csv``
    (matched on the URL, else on the domain or a parent domain); reports can
    weigh or leave out secondhand pages with it.
    """
    table = (
        claims.groupby(["outlet", "url"], sort=True)
        .agg(
            language=("language", lambda s: ", ".join(sorted(set(s)))),
            n_claims=("claim_id", "size"),
            n_incidents=("incident_id", "nunique"),
            first_published=("published_date", "min"),
        )
        .reset_index()
    )
    table.insert(2, "domain", table["url"].str.extract(r"^https?://(?:www\.)?([^/:]+)", expand=False).str.lower())
    notes = notes if notes is not None else pd.DataFrame(columns=["match", "applies_to", "source_kind", "note"])
    by_url = {r.match: r for r in notes.itertuples(index=False) if r.applies_to == "url"}
    by_domain = {r.match.lower(): r for r in notes.itertuples(index=False) if r.applies_to == "domain"}

    def note_for(url: str, domain: str):
        if url in by_url:
            return by_url[url]
        parts = str(domain).split(".")
        for i in range(len(parts) - 1):
            hit = by_domain.get(".".join(parts[i:]))
            if hit is not None:
                return hit
        return None

    found = [note_for(url, domain) for url, domain in zip(table["url"], table["domain"])]
    table["source_kind"] = [f.source_kind if f is not None else "outlet" for f in found]
    table["source_note"] = pd.Series([f.note if f is not None else None for f in found], dtype=object).astype("str")
    return table

