"""What happened after the gathered claims stop: months UCDP covers and the claims do not.

The claims files end on 18 February 2026; the shipped UCDP Candidate releases
run to July 2026 (the coordinated attacks of 25 April 2026 on Kati, Kidal,
Gao, Sévaré and Bamako among them). A chart of claims alone would show a quiet
2026. These functions put the two side by side, month by month, so a report can
say plainly which months have UCDP events but no gathered claim, and list those
events as UCDP recorded them.

Method:

- **Months.** An incident belongs to the month of its ``incident_date_start``
  (the clean claims' column; a claim without one is left out of the counts,
  none in the shipped data); a UCDP event to the month of its ``date_start``
  (UCDP writes the whole uncertain span as ``date_start``–``date_end``; an
  event of 29 June–1 July counts in June). Every month from the first to the
  last of either source gets a row, zeros included.
- **UCDP figures as UCDP gives them.** ``low``, ``best`` and ``high`` are
  summed per month without any repair: three rows of the Candidate file
  26.01–26.06 break ``low <= best <= high`` in UCDP's own data and are summed
  as published. A ``best`` of 0 is UCDP's estimate, not a missing figure.
- **One row per UCDP event.** A later Candidate release revises an event of
  an earlier one under the same ``id`` (Candidate 26.0.7 re-issues ids 634051
  and 634053 of 26.01–26.06). Pass the releases oldest first: for a repeated
  id the last row is kept (:func:`latest_event_rows`).
- **The gap.** A month is flagged when UCDP has events in it and no gathered
  claim dates an incident to it. Pass complete releases: a sample (such as the
  seven GED 23.1 rows shipped for tests) flags only the months it happened to
  draw.

Functions are pure: they take the clean claims and the UCDP events frame
(``read_ucdp_ged(path).events``, concatenated across files) and read no file.
Citation for the Candidate data: Hegre, Croicu, Eck & Högbladh (2020),
"Introducing the UCDP Candidate Events Dataset", *Research & Politics* 7(3).
"""

from __future__ import annotations

import pandas as pd

from malitrack.analysis.dates import MONTHS, day_words

UCDP_EVENT_COLUMNS = ("id", "date_start", "date_end", "side_a", "side_b", "low", "best", "high")
TYPE_OF_VIOLENCE_WORDS = {1: "state-based", 2: "non-state", 3: "one-sided"}
EVENT_LIST_COLUMNS = (
    "ucdp_id", "month", "date_start", "date_end", "date_prec", "place", "adm_1", "adm_2", "where_prec",
    "side_a", "side_b", "type_of_violence", "low", "best", "high", "code_status",
)


def _check_events(events: pd.DataFrame) -> None:
    missing = [column for column in UCDP_EVENT_COLUMNS if column not in events.columns]
    if missing:
        raise ValueError(
            f"events frame lacks UCDP columns {missing}: pass read_ucdp_ged(path).events "
            "(UCDP GED layout; ACLED has one fatality figure, not low/best/high)"
        )


def latest_event_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per UCDP ``id``, the last one given (pass releases oldest first: later ones revise)."""
    _check_events(events)
    return events.drop_duplicates("id", keep="last").reset_index(drop=True)


def last_claim_date(claims: pd.DataFrame) -> pd.Timestamp:
    """The latest incident date among the gathered claims (18 February 2026 in the shipped data)."""
    return pd.Timestamp(claims["incident_date_start"].max())


def coverage_gap(claims: pd.DataFrame, events: pd.DataFrame, freq: str = "M") -> pd.DataFrame:
    """Per period: incidents with gathered claims beside UCDP's events and deaths, with the gap flagged.

    Columns: ``period`` (pandas Period), ``incidents_with_claims``,
    ``claims``, ``ucdp_events``, ``ucdp_low``, ``ucdp_best``, ``ucdp_high``
    (sums of UCDP's own figures), ``gap`` (UCDP events, no gathered claim) and
    ``after_claims`` (the period is later than the last claimed incident's).

    >>> gap = coverage_gap(load_claims(), ucdp_events)  # doctest: +SKIP
    >>> gap.loc[gap["gap"], "period"].astype(str).tolist()  # doctest: +SKIP
    ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07']
    """
    events = latest_event_rows(events)
    dated = claims.dropna(subset=["incident_date_start"])
    claim_periods = pd.DatetimeIndex(dated["incident_date_start"]).to_period(freq)
    per_claims = (
        pd.DataFrame({"period": claim_periods, "incident_id": dated["incident_id"].to_numpy()})
        .groupby("period")
        .agg(incidents_with_claims=("incident_id", "nunique"), claims=("incident_id", "size"))
    )
    event_periods = pd.DatetimeIndex(events["date_start"]).to_period(freq)
    per_events = (
        events[["low", "best", "high"]].set_axis(["ucdp_low", "ucdp_best", "ucdp_high"], axis=1)
        .assign(period=event_periods, ucdp_events=1)
        .groupby("period")
        .sum()
    )
    known = [index for index in (per_claims.index, per_events.index) if len(index)]
    if not known:
        return pd.DataFrame(columns=["period", "incidents_with_claims", "claims", "ucdp_events", "ucdp_low",
                                     "ucdp_best", "ucdp_high", "gap", "after_claims"])
    periods = pd.period_range(min(index.min() for index in known), max(index.max() for index in known), freq=freq)
    table = (
        pd.DataFrame(index=pd.PeriodIndex(periods, name="period"))
        .join(per_claims)
        .join(per_events[["ucdp_events", "ucdp_low", "ucdp_best", "ucdp_high"]])
        .fillna(0)
        .astype("int64")
        .reset_index()
    )
    table["gap"] = (table["ucdp_events"] > 0) & (table["incidents_with_claims"] == 0)
    last = claim_periods.max() if len(claim_periods) else None
    table["after_claims"] = table["period"] > last if last is not None else True
    return table


def events_after_claims(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The UCDP events of the months after the last month with a gathered claim, as UCDP recorded them.

    One row per event (date order, then UCDP id): ``ucdp_id``, ``month``,
    ``date_start``, ``date_end``, ``date_prec``, ``place`` (UCDP's
    ``where_coordinates``, e.g. "Kidal town"), ``adm_1``, ``adm_2``,
    ``where_prec``, ``side_a``, ``side_b``, ``type_of_violence`` in words,
    ``low``, ``best``, ``high``, ``code_status`` (Candidate data: "Clear",
    "Check deaths" …), plus ``release`` when the frame carries one. Events of
    the rest of the last claimed month are in :func:`coverage_gap`'s row for it.
    """
    events = latest_event_rows(events)
    last_month = last_claim_date(claims).to_period("M")
    months = pd.DatetimeIndex(events["date_start"]).to_period("M")
    after = events[months > last_month].assign(month=months[months > last_month])
    listed = pd.DataFrame({
        "ucdp_id": after["id"],
        "month": after["month"],
        "date_start": after["date_start"],
        "date_end": after["date_end"],
        "date_prec": after.get("date_prec"),
        "place": after.get("where_coordinates"),
        "adm_1": after.get("adm_1"),
        "adm_2": after.get("adm_2"),
        "where_prec": after.get("where_prec"),
        "side_a": after["side_a"],
        "side_b": after["side_b"],
        "type_of_violence": after["type_of_violence"].map(TYPE_OF_VIOLENCE_WORDS)
        if "type_of_violence" in after else None,
        "low": after["low"],
        "best": after["best"],
        "high": after["high"],
        "code_status": after.get("code_status"),
    })
    if "release" in after:
        listed["release"] = after["release"]
    return listed.sort_values(["date_start", "ucdp_id"], kind="stable").reset_index(drop=True)


def _number(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", "\u202f" if lang == "fr" else ",")



def _month(period: pd.Period, lang: str) -> str:
    return f"{MONTHS[lang][period.month - 1]} {period.year}"


def _month_span(first: pd.Period, last: pd.Period, lang: str) -> str:
    if first == last:
        return ("en " if lang == "fr" else "in ") + _month(first, lang)
    start = MONTHS[lang][first.month - 1] if first.year == last.year else _month(first, lang)
    return (f"de {start} à " if lang == "fr" else f"from {start} to ") + _month(last, lang)


def coverage_gap_sentence(claims: pd.DataFrame, events: pd.DataFrame, lang: str = "en") -> str | None:
    """One sentence, in English or French, on the UCDP events after the gathered claims stop; None if there are none.

    Counts and deaths are UCDP's own sums for the months after the last
    claimed month; months at month precision, the last claim's date to the day.

    >>> coverage_gap_sentence(load_claims(), ucdp_events, lang="fr")  # doctest: +SKIP
    "Les revendications recueillies s'arrêtent au 18 février 2026 ; UCDP recense 451 événements ..."
    """
    if lang not in MONTHS:
        raise ValueError(f"lang must be one of {sorted(MONTHS)}, not {lang!r}")
    after = events_after_claims(claims, events)
    if after.empty:
        return None
    last = last_claim_date(claims)
    span = _month_span(after["month"].min(), after["month"].max(), lang)
    n, low, best, high = len(after), int(after["low"].sum()), int(after["best"].sum()), int(after["high"].sum())
    if lang == "fr":
        return (
            f"Les revendications recueillies s'arrêtent au {day_words(last, lang)} ; UCDP recense "
            f"{_number(n, lang)} événement{'s' * (n > 1)} et entre {_number(low, lang)} et {_number(high, lang)} "
            f"morts (estimation centrale {_number(best, lang)}) {span}, des mois pour lesquels aucune revendication "
            "n'a été recueillie (données UCDP Candidate, provisoires)."
        )
    return (
        f"The gathered claims stop on {day_words(last, lang)}; UCDP records {_number(n, lang)} "
        f"event{'s' * (n != 1)} and between {_number(low, lang)} and {_number(high, lang)} deaths "
        f"(best estimate {_number(best, lang)}) {span}, months for which no claim was gathered "
        "(UCDP Candidate data, provisional)."
    )
