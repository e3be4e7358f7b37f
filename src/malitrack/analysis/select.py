"""Which incidents and claims a question is about, and their figures in words.

Pure functions over the clean claims and incidents frames. They give the
reports' shared parameters one meaning (dates, regions, claimant types, a
perpetrator), and ``malitrack build`` uses :func:`select_incidents` to choose
the incidents that get a profile.
"""

from __future__ import annotations


def select_incidents(incidents, start: str = "", end: str = "", regions=(), min_claimant_types: int = 1):
    """Incidents that started between ``start`` and ``end`` (YYYY-MM-DD, "" = open), in
    ``regions`` (admin1 names; empty = all, incidents of unknown region then included),
    with claims from at least ``min_claimant_types`` types of claimant.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"incident_id": ["a", "b"], "admin1": ["Kidal", "Gao"],
    ...     "date_start": pd.to_datetime(["2024-05-19", "2012-01-17"]), "n_claimant_types": [4, 1]})
    >>> select_incidents(frame, start="2020-01-01")["incident_id"].tolist()
    ['a']
    >>> select_incidents(frame, regions=["Gao"], min_claimant_types=2)["incident_id"].tolist()
    []
    """
    import pandas as pd

    keep = incidents["n_claimant_types"] >= min_claimant_types
    if start:
        keep &= incidents["date_start"] >= pd.Timestamp(start)
    if end:
        keep &= incidents["date_start"] <= pd.Timestamp(end)
    if regions:
        keep &= incidents["admin1"].isin(list(regions)).fillna(False).astype(bool)
    return incidents[keep.fillna(False).astype(bool)]


def claims_blaming(claims, perpetrator: str):
    """Claims about the incidents in which at least one claim names ``perpetrator``
    among its canonical perpetrators ("" = every claim)."""
    if not perpetrator:
        return claims
    names = claims["perpetrators"].astype("str").fillna("").str.split("; ")
    blamed = names.map(lambda actors: perpetrator in actors).astype(bool)
    return claims[claims["incident_id"].isin(set(claims.loc[blamed, "incident_id"]))]


def describe_figures(claims) -> str:
    """Lowest and highest stated figure of the claims, in words, for a summary line.

    Uses each claim's ``best``: vague words ("plusieurs", "dozens") have a
    floor but no figure and are left out unless nothing else was said.
    "or more" marks an open-ended highest claim ("over 30"); no figure is
    never read as zero.

    >>> import pandas as pd
    >>> claims = pd.DataFrame({"low": [29, 31, 2], "best": [29, 31, None], "high": [29, None, None]}, dtype="Int64")
    >>> describe_figures(claims)
    '29 to 31 or more'
    >>> describe_figures(claims.iloc[[2]])
    'at least 2 (no exact figure)'
    """
    best = claims["best"].dropna()
    if best.empty:
        floors = claims["low"].dropna()
        return f"at least {int(floors.max())} (no exact figure)" if len(floors) else "no figure given"
    lowest, highest = int(best.min()), int(best.max())
    open_ended = claims.loc[best.index[best == highest], "high"].isna().any()
    text = f"{highest} or more" if open_ended else str(highest)
    return text if lowest == highest else f"{lowest} to {text}"
