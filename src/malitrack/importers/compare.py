"""UCDP and ACLED files read and lined up against malitrack's incidents, in one call.

What the dataset-comparison report shows, computed here so the notebook only
loads, calls and shows: :func:`compare_datasets` reads each file
(:func:`malitrack.importers.ucdp.read_ucdp_ged`,
:func:`malitrack.importers.acled.read_acled`), links the events to the
incidents (:func:`malitrack.importers.matching.match_events`) and keeps the
links scoring at least ``min_score``.

Coverage: a file holds the events of some months only (a Candidate release
covers one or a few months; the GED sample shipped here holds seven rows).
An incident can only be matched when the files hold at least one Mali event
in the month it started, so "no dataset event" is reported only for those
*covered* incidents: elsewhere the absence says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from malitrack import paths
from malitrack.importers.acled import read_acled
from malitrack.importers.matching import dataset_claims_for_incidents, match_events
from malitrack.importers.ucdp import read_ucdp_ged

if TYPE_CHECKING:  # types only: the readers' result classes may move between importer modules
    from malitrack.importers.matching import ImportResult, MatchResult

#: Columns of a link shown beside the dataset event it comes from.
LINK_DETAIL_COLUMNS = ["incident_id", "claimant", "dataset_event_id", "place_text", "figure_text", "perpetrator_text",
                       "score", "reason", "distance_limit_km"]


@dataclass
class DatasetComparison:
    """Dataset events set against malitrack's incidents.

    ``dataset_claims``: every event of the files as a claim. ``links``: the
    links scoring at least ``min_score``; ``linked_claims``: those events as
    claims of their incident (with ``match_score`` and ``match_reason``).
    ``covered``: incidents that started in a month the files hold events for;
    ``unmatched_covered``: the covered incidents no event was linked to.
    """

    imports: list[ImportResult]
    dataset_claims: pd.DataFrame
    match: MatchResult
    links: pd.DataFrame
    linked_claims: pd.DataFrame
    covered: pd.DataFrame
    unmatched_covered: pd.DataFrame

    @property
    def problems(self) -> pd.DataFrame:
        """Rows breaking the datasets' own rules, every file's together."""
        return pd.concat([result.problems for result in self.imports], ignore_index=True)

    def link_details(self) -> pd.DataFrame:
        """Each link with what the dataset event said: claimant, place, figure, perpetrator."""
        event_columns = ["claim_id", "claimant", "place_text", "figure_text", "perpetrator_text"]
        details = self.links.merge(self.dataset_claims[event_columns], on="claim_id")
        return details[LINK_DETAIL_COLUMNS]

    def claims_with_datasets(self, claims: pd.DataFrame) -> pd.DataFrame:
        """The claims of the linked incidents, plus each linked dataset figure as one more claim."""
        linked = self.linked_claims.drop(columns=["match_score", "match_reason"])
        combined = pd.concat([claims, linked], ignore_index=True)
        return combined[combined["incident_id"].isin(self.linked_claims["incident_id"].unique())]


def _project_file(name) -> Path:
    """A path as given, or relative to the project folder (papermill runs kernels anywhere)."""
    path = Path(name)
    return path if path.is_absolute() else paths.root() / path


def covered_incidents(dataset_claims: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents that started in a month in which the dataset claims hold at least one event.

    >>> events = pd.DataFrame({"incident_date_start": pd.to_datetime(["2024-05-20"])})
    >>> incidents = pd.DataFrame({"incident_id": ["amassine", "tessit"],
    ...                           "date_start": pd.to_datetime(["2024-05-19", "2022-08-07"])})
    >>> covered_incidents(events, incidents)["incident_id"].tolist()
    ['amassine']
    """
    months = set(dataset_claims["incident_date_start"].dt.to_period("M"))
    return incidents[incidents["date_start"].dt.to_period("M").isin(months)]


def compare_datasets(
    incidents: pd.DataFrame,
    ucdp_files: list[str],
    acled_file: str = "",
    days_window: int = 1,
    km_window: float = 25.0,
    min_score: float = 0.0,
) -> DatasetComparison:
    """Read the UCDP files (and an ACLED export, if named) and link their events to ``incidents``.

    Paths are absolute or relative to the project folder. ``days_window`` and
    ``km_window`` are :func:`~malitrack.importers.matching.match_events`'s;
    links scoring below ``min_score`` are dropped.
    """
    imports = [read_ucdp_ged(_project_file(name)) for name in ucdp_files]
    if acled_file:
        imports.append(read_acled(_project_file(acled_file)))
    dataset_claims = pd.concat([result.claims for result in imports], ignore_index=True)
    match = match_events(dataset_claims, incidents, days_window=days_window, km_window=km_window)
    links = match.links[match.links["score"] >= min_score]
    linked_claims = dataset_claims_for_incidents(match, dataset_claims)
    linked_claims = linked_claims[linked_claims["match_score"] >= min_score]
    covered = covered_incidents(dataset_claims, incidents)
    unmatched = match.unmatched_incidents
    return DatasetComparison(
        imports=imports,
        dataset_claims=dataset_claims,
        match=match,
        links=links,
        linked_claims=linked_claims,
        covered=covered,
        unmatched_covered=unmatched[unmatched["incident_id"].isin(covered["incident_id"])],
    )
