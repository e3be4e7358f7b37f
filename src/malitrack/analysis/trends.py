"""Casualty trends over time from the claim dataset, with their uncertainty.

Pure functions over the clean claims (and optionally incidents) frames.

Method
------
1. Each incident gets one toll per outcome under a documented selection rule
   (:func:`malitrack.analysis.tolls.incident_tolls`: ``conservative`` as ACLED,
   ``median_nonbelligerent``, ``maximum``, ``envelope`` as Iraq Body Count's
   minimum-maximum), as low, best and high. Tolls count the incident's
   victims: a claimant's count of the attackers it killed, given beside its
   count of its own dead, is left out (see the disagreement module), and
   denials (0) never become a toll. An incident with no figure under the rule (only claims without a number,
   or, for ``median_nonbelligerent``, no non-belligerent claim) is not in
   the series: the number of incidents differs between rules.
2. Incidents are placed in a period (month, quarter or year) when their whole
   date interval falls inside it; an incident dated only "2019" has no month
   and is left out of monthly series, and counted in ``n_unplaced``.
3. A period's low, best and high are the sums over its incidents that have a
   best under the rule, so low <= best <= high holds. ``high`` is NA when
   any of them is open-ended ("au moins 500"); their count is
   ``n_open_ended``. Incidents known only by a range or an upper bound have
   no best: they are counted in ``n_incidents`` and ``n_without_best`` and
   left out of the sums (never guessed).
4. Aggregate figures (a claim covering several incidents, or an incident
   key that aggregates others: ``aggregate_of`` in the incidents register,
   or a note saying "aggregate" / "do not add") are left out so that no death
   is counted twice.
5. Series "according to" one claimant type use only that type's claims: the
   army's war is not the UN's.
6. A period the data covers only in part (the data begin after its first
   day or end before its last: 2026 holds seven weeks, to 18 February) is
   flagged ``partial`` with the last day covered (``covered_to``): never read
   or drawn as a complete period. ``n_incidents`` (incidents recorded in the
   period) goes beside the deaths: a rise in incidents recorded is a rise in
   reporting as much as in violence.
7. Sums of uncertain figures are printed rounded (:func:`describe_total`:
   "about 3,100 to 6,400"), never to the unit; rankings
   (:func:`deadliest_incidents`) leave out aggregate and cumulative claims.

Every frame carries a ``coverage`` column: these are documented incidents,
the deaths reported in the claims malitrack holds, not every death in Mali.
Small, remote and unreported events are missing; the number of incidents in
a period says as much about reporting as about violence.
"""

from __future__ import annotations

import pandas as pd

from malitrack.analysis.claims import independent_claims, with_clean_columns
from malitrack.analysis.dates import format_dates
from malitrack.analysis.disagreement import incident_disagreement
from malitrack.analysis.grades import incident_grades
from malitrack.analysis.tolls import SELECTION_RULES, tolls_of_independent
from malitrack.vocab import CLAIMANT_TYPES

FREQUENCIES = {"month": "M", "quarter": "Q", "year": "Y"}
GROUPINGS = ("admin1", "perpetrator", "victim_status")


def coverage_note(claims: pd.DataFrame) -> str:
    """One sentence saying what the numbers cover, for every table and chart.

    >>> coverage_note(load_claims())  # doctest: +ELLIPSIS
    'Documented incidents only: ... incidents, ... claims (2012–...) gathered from published reports. Not every ...'
    """
    dates = pd.to_datetime(claims["incident_date_start"]).dropna()
    span = f"{dates.min().year}–{dates.max().year}" if len(dates) else "dates unknown"
    return (
        f"Documented incidents only: {claims['incident_id'].nunique():,} incidents, "
        f"{len(claims):,} claims ({span}) gathered from published reports. "
        "Not every death in Mali: unreported and little-reported events are missing."
    )


def _without_aggregates(claims: pd.DataFrame, incidents: pd.DataFrame | None) -> pd.DataFrame:
    keep = ~with_clean_columns(claims)["aggregate"].fillna(False).to_numpy(dtype=bool)
    if incidents is not None and "aggregate_of" in incidents:
        aggregate = incidents.loc[incidents["aggregate_of"].notna() & (incidents["aggregate_of"] != ""), "incident_id"]
        keep &= ~claims["incident_id"].isin(set(aggregate)).to_numpy(dtype=bool)
    return claims[keep]


def _incident_dates(claims: pd.DataFrame, incidents: pd.DataFrame | None) -> pd.DataFrame:
    if incidents is not None:
        dates = incidents[["incident_id", "date_start", "date_end"]].copy()
        precision = incidents["date_precision"] if "date_precision" in incidents else "day"
    else:
        dates = claims.groupby("incident_id").agg(
            date_start=("incident_date_start", "min"), date_end=("incident_date_end", "max")
        ).reset_index()
        precision = "day"
    dates["date_start"] = pd.to_datetime(dates["date_start"])
    dates["date_end"] = pd.to_datetime(dates["date_end"]).fillna(dates["date_start"])
    precision = pd.Series(precision, index=dates.index).astype("str")
    # a span of days within the incident's dates is printed as days ("27–31 March 2022")
    precision = precision.where(~((precision == "day") & (dates["date_end"] > dates["date_start"])), "days")
    dates["date"] = format_dates(dates["date_start"], precision, dates["date_end"])
    return dates


def _region(claims: pd.DataFrame, incidents: pd.DataFrame | None) -> pd.Series:
    if incidents is not None and "admin1" in incidents:
        region = incidents.set_index("incident_id")["admin1"]
    else:
        region = claims.dropna(subset=["admin1"]).groupby("incident_id")["admin1"].agg(lambda s: s.mode().iloc[0])
    return region.astype("str")


def _labels(claims: pd.DataFrame, outcome: str, independent: pd.DataFrame) -> pd.DataFrame:
    """Per incident: one perpetrator label, one victim-status label ('contested' when sources clash), the grade."""
    table = incident_disagreement(claims)
    grades = incident_grades(claims, independent=independent, disagreement=table)
    grades = grades[grades["outcome"] == outcome].set_index("incident_id")["grade"]
    table = table[table["outcome"] == outcome].set_index("incident_id")
    perpetrator = table["main_perpetrators"].where(table["main_perpetrators"].notna(), "not named")
    perpetrator = perpetrator.where(~table["attribution_conflict"], "contested")
    statuses = table["victim_statuses"]
    status = statuses.where(~statuses.str.contains(";", na=False), "mixed").fillna("unspecified")
    status = status.where(~table["status_conflict"], "contested")
    return pd.DataFrame(
        {"perpetrator": perpetrator.astype("str"), "victim_status": status.astype("str"), "grade": grades.astype("str")}
    )


def incident_tolls_dated(
    claims: pd.DataFrame,
    incidents: pd.DataFrame | None = None,
    rule: str = "median_nonbelligerent",
    outcome: str = "killed",
) -> pd.DataFrame:
    """One row per incident: dates, region, perpetrator and victim labels, and its toll under ``rule``.

    Aggregate claims and incidents are left out (see the module docstring).
    Columns: incident_id, date_start, date_end, date (printed at its
    precision: "March 2022"), admin1, perpetrator, victim_status, low, best,
    high, n_claims_used, rule, grade (the corroboration grade, see
    :mod:`malitrack.analysis.grades`).

    >>> tolls = incident_tolls_dated(load_claims(), rule="conservative").set_index("incident_id")
    >>> tolls.loc[["amassine-2024-05-19"], ["admin1", "perpetrator", "victim_status", "low", "best", "high"]]
                        admin1         perpetrator victim_status  low  best  high
    incident_id
    amassine-2024-05-19  Kidal  FAMa; Wagner Group     contested   29    29    29
    """
    return _DatedTolls(claims, incidents, outcome).under(rule)


class _DatedTolls:
    """The parts of :func:`incident_tolls_dated` that do not depend on the rule, worked out once.

    Trends under every rule (:func:`trend_by_rule`) share them: the wire
    copies, the dates, the regions and the labels.
    """

    COLUMNS = [
        "incident_id", "date_start", "date_end", "date", "admin1", "perpetrator", "victim_status",
        "low", "best", "high", "n_claims_used", "rule", "grade",
    ]

    def __init__(self, claims: pd.DataFrame, incidents: pd.DataFrame | None, outcome: str):
        claims = _without_aggregates(claims, incidents)
        self.outcome = outcome
        self.independent = independent_claims(claims)
        self.dates = _incident_dates(claims, incidents)
        self.region = _region(claims, incidents)
        self.labels = _labels(claims, outcome, self.independent)

    def under(self, rule: str) -> pd.DataFrame:
        if rule not in SELECTION_RULES:
            raise ValueError(f"unknown selection rule {rule!r}; choose one of {', '.join(SELECTION_RULES)}")
        tolls = tolls_of_independent(self.independent, rule)
        tolls = tolls[(tolls["outcome"] == self.outcome) & (tolls["low"].notna() | tolls["best"].notna())]
        table = tolls.drop(columns=["outcome", "aggregate"]).merge(self.dates, on="incident_id", how="left")
        table["admin1"] = table["incident_id"].map(self.region).fillna("unknown region").astype("str")
        table = table.join(self.labels, on="incident_id")
        return table[self.COLUMNS].sort_values(["date_start", "incident_id"]).reset_index(drop=True)


def _sum_or_na(values: pd.Series) -> object:
    return pd.NA if values.isna().any() else int(values.sum())


def _round_honestly(value: float, significant: int = 2) -> int:
    """``value`` to ``significant`` figures (3,109 -> 3,100; 6,389 -> 6,400; 17 -> 17)."""
    value = float(value)
    if value < 10 ** significant:
        return int(round(value))
    digits = len(str(int(value))) - significant
    return int(round(value, -digits))


def describe_total(low, high, lang: str = "en") -> str:
    """A sum of uncertain figures in words, rounded: no unit precision the claims do not have.

    ``high`` NA means open-ended (some claims are "at least").

    >>> describe_total(3109, 6389)
    'about 3,100 to 6,400'
    >>> describe_total(3109, None)
    'at least about 3,100'
    >>> describe_total(1370, 1370)
    'about 1,400'
    >>> describe_total(3109, 6389, lang="fr")
    'environ 3 100 à 6 400'
    """
    def number(value: int) -> str:
        text = f"{value:,}"
        return text.replace(",", " ") if lang == "fr" else text

    words = {"en": ("about", "to", "at least about", "no figure"), "fr": ("environ", "à", "au moins environ", "aucun chiffre")}[lang]
    if low is None or pd.isna(low):
        return words[3]
    low_text = number(_round_honestly(low))
    if high is None or pd.isna(high):
        return f"{words[2]} {low_text}"
    high_text = number(_round_honestly(high))
    if low_text == high_text:
        return f"{words[0]} {low_text}"
    return f"{words[0]} {low_text} {words[1]} {high_text}"


def deadliest_incidents(
    claims: pd.DataFrame, incidents: pd.DataFrame | None = None, n: int = 10, rule: str = "conservative",
    outcome: str = "killed",
) -> pd.DataFrame:
    """The ``n`` incidents with the highest toll under ``rule``, aggregates and cumulative claims left out.

    An anniversary article's cumulative claim (Anderamboukane, 213 "in a
    year") or an aggregate of several incidents is not one incident's toll, so
    it never tops the ranking. Columns as :func:`incident_tolls_dated`.
    """
    table = incident_tolls_dated(claims, incidents, rule=rule, outcome=outcome)
    return table.sort_values(["best", "incident_id"], ascending=[False, True], na_position="last").head(n).reset_index(drop=True)


def _aggregate(table: pd.DataFrame, freq: str, by: str | None) -> pd.DataFrame:
    code = FREQUENCIES[freq]
    start = table["date_start"].dt.to_period(code)
    end = table["date_end"].dt.to_period(code)
    placed = table[start.notna() & (start == end)].assign(period=start)
    placed = placed.assign(with_best=placed["best"].notna())
    keys = ["period"] + ([by] if by else [])
    summed = placed[placed["with_best"]].groupby(keys, sort=True).agg(
        low=("low", _sum_or_na),
        best=("best", "sum"),
        high=("high", _sum_or_na),
        n_open_ended=("high", lambda s: int(s.isna().sum())),
    )
    counted = placed.groupby(keys, sort=True).agg(
        n_incidents=("incident_id", "size"),
        n_without_best=("with_best", lambda s: int((~s).sum())),
    )
    trend = counted.join(summed).reset_index()
    trend["n_open_ended"] = trend["n_open_ended"].fillna(0).astype("int64")
    for column in ("low", "best", "high"):
        trend[column] = trend[column].astype("Int64")
    trend["period_start"] = trend["period"].dt.start_time
    period_end = trend["period"].dt.end_time.dt.normalize()
    covered_from, covered_to = table["date_start"].min(), table["date_end"].max()
    trend["partial"] = ((trend["period_start"] < covered_from) | (period_end > covered_to)).to_numpy(dtype=bool)
    trend["covered_to"] = period_end.where(period_end <= covered_to, covered_to)
    trend["period"] = trend["period"].astype("str")
    trend["n_unplaced"] = int(len(table) - len(placed))
    return trend


def casualty_trend(
    claims: pd.DataFrame,
    incidents: pd.DataFrame | None = None,
    freq: str = "year",
    by: str | None = None,
    rule: str = "median_nonbelligerent",
    outcome: str = "killed",
) -> pd.DataFrame:
    """Deaths (or another outcome) per month, quarter or year, with low/high bands.

    ``by`` splits the series by ``admin1`` (pre-2023 region), ``perpetrator``
    (the actors blamed; "contested" when sources blame different actors) or
    ``victim_status`` ("contested" when some call the dead civilians and
    others fighters). Columns: period, period_start, [by], n_incidents, low,
    best, high (NA when any incident is open-ended), n_open_ended,
    n_without_best, partial (the data cover the period only in part),
    covered_to (last day of the period the data cover), n_unplaced
    (incidents whose date does not fit one period), rule, outcome, coverage.

    Amassine (Kidal, May 2024): the army's 29 is the conservative toll; the
    CSP's "over 30" is the maximum, with no upper bound:

    >>> amassine = load_claims().query("incident_id == 'amassine-2024-05-19'")
    >>> casualty_trend(amassine, freq="year", rule="conservative")[["period", "n_incidents", "low", "best", "high"]]
      period  n_incidents  low  best  high
    0   2024            1   29    29    29
    >>> casualty_trend(amassine, freq="year", rule="maximum")[["period", "low", "best", "high"]]
      period  low  best  high
    0   2024   31    31  <NA>
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; choose one of {', '.join(FREQUENCIES)}")
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)}")
    if rule not in SELECTION_RULES:
        raise ValueError(f"unknown selection rule {rule!r}; choose one of {', '.join(SELECTION_RULES)}")
    return _trend(_DatedTolls(claims, incidents, outcome), claims, freq, by, rule)


def _trend(dated: _DatedTolls, claims: pd.DataFrame, freq: str, by: str | None, rule: str) -> pd.DataFrame:
    trend = _aggregate(dated.under(rule), freq, by)
    trend["rule"] = rule
    trend["outcome"] = dated.outcome
    trend["coverage"] = coverage_note(claims)
    return trend


def trend_by_rule(
    claims: pd.DataFrame,
    incidents: pd.DataFrame | None = None,
    freq: str = "year",
    outcome: str = "killed",
) -> pd.DataFrame:
    """The same series under every selection rule, stacked (column ``rule``), to show how much the choice matters."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; choose one of {', '.join(FREQUENCIES)}")
    dated = _DatedTolls(claims, incidents, outcome)
    return pd.concat([_trend(dated, claims, freq, None, rule) for rule in SELECTION_RULES], ignore_index=True)


def trend_according_to(
    claims: pd.DataFrame,
    incidents: pd.DataFrame | None = None,
    freq: str = "year",
    rule: str = "conservative",
    outcome: str = "killed",
) -> pd.DataFrame:
    """The series "according to" each claimant type, built only from that type's claims.

    ``median_nonbelligerent`` would be empty for belligerent types, so the
    default rule here is ``conservative``. Columns as :func:`casualty_trend`
    plus ``according_to`` (the claimant type).

    >>> amassine = load_claims().query("incident_id == 'amassine-2024-05-19'")
    >>> trend_according_to(amassine, freq="year")[["according_to", "period", "low", "best", "high"]]
      according_to period  low  best  high
    0     military   2024   29    29    29
    1  armed_group   2024   29    29  <NA>
    2        media   2024   24    30    36
    """
    if rule == "median_nonbelligerent":
        raise ValueError("median_nonbelligerent keeps only non-belligerent claims; pick another rule per claimant type")
    frames = []
    coverage = coverage_note(claims)
    for claimant_type in CLAIMANT_TYPES:
        own = claims[claims["claimant_type"] == claimant_type]
        if own.empty:
            continue
        trend = casualty_trend(own, incidents, freq=freq, rule=rule, outcome=outcome)
        frames.append(trend.assign(according_to=claimant_type, coverage=coverage))
    return pd.concat(frames, ignore_index=True)
