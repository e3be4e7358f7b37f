"""Grades in the open: what kind of source each claim is, and how well each toll is corroborated.

As Airwars grades an incident and Iraq Body Count tags single-source
entries "provisional", malitrack shows beside every toll how it is known.

**Source kind of a claim** (:func:`source_kinds`), the first rule that applies:

1. ``secondhand copy or aggregator``: the page copies another outlet's story
   (the clean ``secondhand`` flag: an encyclopedia copy, an aggregator, a
   named rewrite or translation) or the claimant is a dataset (UCDP, ACLED).
2. ``belligerent statement``: the claimant is a party to the fighting
   (claimant type military, government, armed_group or foreign_military).
3. ``UN or NGO investigation``: claimant type un or ngo.
4. ``official or witness``: claimant type local_official or community
   (mayors, elected officials, residents, survivors, hospital staff).
5. ``wire copy``: the claimant is the press (media) or an anonymous source
   (unknown) and the outlet or the claimant's label names a news agency
   (AFP, Reuters, AP, Anadolu, Xinhua, ANSA, EFE, dpa) that the outlet
   relays.
6. ``outlet's own report``: any other media or anonymous-source claim (the
   outlet vouches for its sources).

**Corroboration grade of an incident** (:func:`incident_grades`), per
incident and outcome, over its independent claims that count toward a toll
(whole scope, figures of the victims, not an outlet's error), the first rule
that applies:

1. ``contested``: the sources disagree on who died or who did it (a
   victim-status or an attribution conflict, see
   :mod:`malitrack.analysis.disagreement`).
2. ``no figure``: no such claim gives a number.
3. ``corroborated``: two or more independent non-belligerent organisations
   (distinct ``claimant_key`` of claimant type un, ngo, media,
   local_official or community, not secondhand) give a figure.
4. ``single source``: exactly one such organisation gives a figure.
5. ``belligerents only``: only parties to the fighting (and anonymous
   sources) give a figure.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from malitrack.analysis.claims import (
    KEY,
    counts_toward_toll,
    independent_claims,
)
from malitrack.analysis.disagreement import incident_disagreement
from malitrack.vocab import BELLIGERENT_TYPES, GRADES, NON_BELLIGERENT_TYPES
from malitrack.vocab import CLAIM_SOURCE_KINDS as SOURCE_KINDS

WIRE_AGENCY = re.compile(r"\b(?:AFP|Reuters|AP|Associated Press|Anadolu|Xinhua|ANSA|EFE|dpa)\b")


def source_kinds(claims: pd.DataFrame) -> pd.Series:
    """Each claim's source kind (see the module docstring)."""
    kind = claims["claimant_type"].astype("str")
    secondhand = (
        claims["secondhand"].fillna(False).astype(bool) if "secondhand" in claims else pd.Series(False, index=claims.index)
    )
    labels = claims["outlet"].astype("str").fillna("") + " " + claims["claimant"].astype("str").fillna("")
    wire = labels.map(lambda text: WIRE_AGENCY.search(text) is not None).astype(bool)
    conditions = [
        secondhand | (kind == "dataset"),
        kind.isin(BELLIGERENT_TYPES),
        kind.isin(["un", "ngo"]),
        kind.isin(["local_official", "community"]),
        wire,
    ]
    values = SOURCE_KINDS[5], SOURCE_KINDS[0], SOURCE_KINDS[2], SOURCE_KINDS[1], SOURCE_KINDS[4]
    return pd.Series(np.select(conditions, values, default=SOURCE_KINDS[3]), index=claims.index).astype("str")


def incident_grades(claims: pd.DataFrame, independent: pd.DataFrame | None = None, disagreement: pd.DataFrame | None = None) -> pd.DataFrame:
    """The corroboration grade of every incident and outcome (see the module docstring).

    Columns: incident_id, outcome, grade, n_nonbelligerent_sources (distinct
    non-belligerent organisations with a figure), n_belligerent_sources.
    Pass ``independent`` or ``disagreement`` when they are at hand.

    >>> incident_grades(load_claims()).query("incident_id == 'moura-2022-03-27'")  # doctest: +SKIP
    """
    independent = independent_claims(claims) if independent is None else independent
    disagreement = incident_disagreement(claims) if disagreement is None else disagreement
    counted = independent[counts_toward_toll(independent) & ~independent["drift"] & ~independent["denial"]]
    independent_voice = counted["claimant_type"].isin(NON_BELLIGERENT_TYPES) & ~counted["secondhand"]
    nonbelligerent = counted[independent_voice].groupby(KEY)["claimant_key"].nunique()
    belligerent = counted[counted["claimant_type"].isin(BELLIGERENT_TYPES)].groupby(KEY)["claimant_key"].nunique()
    any_figure = counted.groupby(KEY).size()
    table = disagreement.set_index(KEY)[["status_conflict", "attribution_conflict"]]
    n_non = nonbelligerent.reindex(table.index, fill_value=0).astype("int64")
    n_bel = belligerent.reindex(table.index, fill_value=0).astype("int64")
    has_figure = any_figure.reindex(table.index, fill_value=0) > 0
    grade = np.select(
        [table["status_conflict"] | table["attribution_conflict"], ~has_figure, n_non >= 2, n_non == 1],
        [GRADES[3], GRADES[4], GRADES[0], GRADES[1]],  # contested, no figure, corroborated, single source
        default=GRADES[2],  # belligerents only
    )
    out = pd.DataFrame(
        {"grade": grade, "n_nonbelligerent_sources": n_non.to_numpy(), "n_belligerent_sources": n_bel.to_numpy()},
        index=table.index,
    )
    out["grade"] = out["grade"].astype("str")
    return out.reset_index()
