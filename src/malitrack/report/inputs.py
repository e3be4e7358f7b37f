"""What each report reads, as a fingerprint for its cache key.

A report's key (:func:`malitrack.report.build.cache_key`) hashes its code,
notebook, template and parameters, plus the version of the data it reads,
which its registry entry declares (``Report.depends_on``):

- :data:`~malitrack.report.registry.WHOLE_DATA`: the data version (any claim
  or incident changes it): the reports that aggregate across incidents;
- :data:`~malitrack.report.registry.ONE_INCIDENT`: a hash of that incident's
  clean claims (every column, in file order) and of its row of the clean
  incidents register: a claim added to another incident leaves it unchanged.

Either way the reference tables a report reads while it renders (the actor
register: who gives way to whom when blame is compared) are hashed too, as
they reach a report without going through the clean data. The raw incidents
file, which the reference also reads, is left out: it reaches a report
through the clean incidents register.
"""

from __future__ import annotations

import hashlib

from malitrack import paths
from malitrack.report.registry import ONE_INCIDENT, WHOLE_DATA, Report

#: Incident fingerprint of an id the data does not hold (a job for it fails its parameter check first).
NO_SUCH_INCIDENT = "no such incident"


def _frame_header(frame) -> bytes:
    return repr([(column, str(dtype)) for column, dtype in frame.dtypes.items()]).encode()


def incident_fingerprints(claims, incidents) -> dict[str, str]:
    """sha256 of each incident's claims and register row, by incident id.

    Rows are hashed with ``pandas.util.hash_pandas_object`` (values only,
    not the index), after the column names and types.

    >>> import pandas as pd
    >>> claims = pd.DataFrame({"incident_id": ["a", "a", "b"], "best": [1, 2, 3]})
    >>> incidents = pd.DataFrame({"incident_id": ["a", "b"], "place": ["x", "y"]})
    >>> before = incident_fingerprints(claims, incidents)
    >>> claims.loc[3] = ["b", 4]
    >>> after = incident_fingerprints(claims, incidents)
    >>> before["a"] == after["a"], before["b"] == after["b"]
    (True, False)
    """
    import pandas as pd

    header = hashlib.sha256(_frame_header(claims) + b"\0" + _frame_header(incidents)).digest()
    digests = {incident_id: hashlib.sha256(header) for incident_id in incidents["incident_id"].astype(str)}
    incident_rows = pd.util.hash_pandas_object(incidents, index=False).to_numpy()
    for incident_id, row in zip(incidents["incident_id"].astype(str), incident_rows):
        digests[incident_id].update(b"incident" + row.tobytes())
    claim_rows = pd.util.hash_pandas_object(claims, index=False).to_numpy()
    for incident_id, row in zip(claims["incident_id"].astype(str), claim_rows):
        if incident_id in digests:  # a claim of an incident missing from the register: no profile reads it
            digests[incident_id].update(b"claim" + row.tobytes())
    return {incident_id: digest.hexdigest() for incident_id, digest in digests.items()}


def reference_fingerprint() -> str:
    """sha256 of the reference tables a report reads while it renders (not the raw incidents file)."""
    from malitrack.reference import INCIDENTS_FILE, tables_read

    raw_dir = paths.reference_raw_dir()
    digest = hashlib.sha256()
    for path in tables_read(raw_dir):
        if path.name == INCIDENTS_FILE and path.parent == raw_dir:
            continue
        digest.update(path.relative_to(raw_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing")
    return digest.hexdigest()


class ReportInputs:
    """The data versions of the reports of one build (or one ``malitrack report``), worked out once.

    The clean data is read, and the incidents hashed, only when a report
    depending on one incident asks.
    """

    def __init__(self, data_version: str):
        self.data_version = data_version
        self._incidents: dict[str, str] | None = None
        self._reference: str | None = None

    def incident_ids(self) -> set[str]:
        """The incidents of the clean data."""
        return set(self._incident_versions())

    def _incident_versions(self) -> dict[str, str]:
        if self._incidents is None:
            from malitrack.clean.load import load_claims, load_incidents

            self._incidents = incident_fingerprints(load_claims(), load_incidents())
        return self._incidents

    def version(self, report: Report, parameters: dict[str, object]) -> str:
        """What ``report`` with ``parameters`` reads: the data it depends on, and the reference tables."""
        if self._reference is None:
            self._reference = reference_fingerprint()
        if report.depends_on == ONE_INCIDENT:
            incident_id = str(parameters[report.incident_parameter])
            data = f"incident {incident_id} {self._incident_versions().get(incident_id, NO_SUCH_INCIDENT)}"
        elif report.depends_on == WHOLE_DATA:
            data = f"data {self.data_version}"
        else:
            raise ValueError(f"report {report.name}: depends_on must be {WHOLE_DATA!r} or {ONE_INCIDENT!r}")
        return f"{data}; reference {self._reference}"
