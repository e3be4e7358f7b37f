"""Validation failures as ``file:row:column: reason``, and the quarantine table.

pandera's lazy failure cases are translated back to the raw column a user
wrote and quote the raw value, so the user sees what is in their file. One
quarantine row per failing raw row, with all its reasons joined.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from malitrack import schemas
from malitrack.clean.readers import CLAIM_COLUMNS, SOURCE_FILE, SOURCE_ROW
from malitrack.errors import MalitrackError


CLEAN_TO_RAW_COLUMN = {
    "shape_problem": "(row)",
    "claim_id": "incident_key",
    "incident_id": "incident_key",
    "incident_date_text": "incident_date",
    "incident_date_start": "incident_date",
    "incident_date_end": "incident_date",
    "incident_date_precision": "incident_date",
    "place_text": "place",
    "admin_region_text": "admin_region",
    "published_text": "published",
    "published_date": "published",
    "published_precision": "published",
    "low": "figure_text",
    "best": "figure_text",
    "high": "figure_text",
    "qualifier": "figure_text",
    "victim_status": "victims_text",
    "perpetrators": "perpetrator_text",
}


QUARANTINE_COLUMNS = [SOURCE_FILE, SOURCE_ROW, "column", "reason", *CLAIM_COLUMNS]


def _failures(error: pa.errors.SchemaErrors, raw_rows: pd.DataFrame, column_of_check: dict[str, str]) -> pd.DataFrame:
    """Failure cases as (index, raw column, reason with the raw value), one row per failing row and check."""
    records = []
    for case in schemas.failure_cases(error).itertuples(index=False):
        index = case.index
        if index is None or (isinstance(index, float) and pd.isna(index)):
            raise MalitrackError(f"{error.schema.name}: table-level failure: {case.check} on {case.column}: {case.failure_case}")
        column = column_of_check.get(str(case.check), case.column) if case.schema_context == "DataFrameSchema" else case.column
        column = CLEAN_TO_RAW_COLUMN.get(column, column)
        reason = case.reason
        value = raw_rows.at[index, column] if column in raw_rows.columns else case.failure_case
        if value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA and value is not pd.NaT:
            reason = f"{reason}: {str(value)[:80]!r}"
        records.append((index, column, reason))
    return pd.DataFrame(records, columns=["index", "column", "reason"]).drop_duplicates()


def validate_lazily(schema, frame: pd.DataFrame, raw_rows: pd.DataFrame, column_of_check: dict[str, str] | None = None):
    """(validated frame, failures frame) — validation runs once, lazily.

    Failures name the raw column and quote the raw value of ``raw_rows``
    (same index as ``frame``), so the user sees what is in their file.
    """
    try:
        return schema.validate(frame, lazy=True), pd.DataFrame(columns=["index", "column", "reason"])
    except pa.errors.SchemaErrors as error:
        failures = _failures(error, raw_rows, column_of_check or {})
        keep = frame.drop(index=failures["index"].unique())
        return schema.validate(keep, lazy=False), failures


def _quarantine_records(rows: pd.DataFrame, failures: pd.DataFrame) -> pd.DataFrame:
    if failures.empty:
        return pd.DataFrame(columns=QUARANTINE_COLUMNS)
    grouped = failures.sort_values(["index", "column"], key=lambda s: s.astype(str)).groupby("index", sort=False)
    out = rows.loc[list(grouped.groups)].copy()
    out["column"] = [", ".join(dict.fromkeys(g["column"].astype(str))) for _, g in grouped]
    out["reason"] = ["; ".join(dict.fromkeys(g["reason"])) for _, g in grouped]
    return out[QUARANTINE_COLUMNS]

