"""The flag columns read from the coders' notes (malitrack.clean.flags), on real rows."""

from __future__ import annotations

import pandas as pd
import pytest

from malitrack.clean.flags import claim_flags
from malitrack.vocab import REPORT_STAGES


def _flags(**row) -> pd.Series:
    return claim_flags(pd.DataFrame([row])).iloc[0]


@pytest.mark.parametrize(
    ("note", "scope"),
    [
        # Moura, claims_2022_2025.csv:40
        ("initial exchange of fire on 27 March, separate from executions",
         "initial exchange of fire on 27 March, separate from executions"),
        ("scope: Aklaz only", "Aklaz only"),
        # Akabar, claims_2025_extension.csv:150
        ("first strike only; 'd'autres éléments armés ... neutralisés' without number", "first strike only"),
        # not a scope: a vague figure, a date read from one page, an outlet's wording
        ("vague only", "whole"),
        ("date of abduction from this page only; ransom reportedly $50 million", "whole"),
        ("army confirmed only the Sandaré attack; says it repelled it", "whole"),
        ("plural only, no number: « entraîné des morts »", "whole"),
        (None, "whole"),
    ],
)
def test_scope(note, scope):
    assert _flags(note=note, claimant="x", outlet="y")["scope"] == scope


def test_cumulative_claimant_is_an_aggregate():
    # Anderamboukane, claims_2022_2025.csv: an anniversary article's count over a year
    flags = _flags(note="same page: 'plus de 900 Maliens' killed in a year",
                   claimant="local communities (cumulative tolls, via RFI)", outlet="RFI")
    assert flags["aggregate"] and "cumulative" in flags["flags_basis"]
    assert not _flags(note="also « plus d'une cinquantaine » killed (aggregate, not coded)", claimant="x", outlet="y")["aggregate"]


@pytest.mark.parametrize(
    ("note", "claimant", "stage"),
    [
        ("provisional; plus 19 missing; later cut to 35", "Malian government (provisional, from troops)", "first"),
        ("final toll, revised down from 95", "Malian government officials", "final"),
        ("revised down from 'nearly 100'", "Malian government", "revised"),
        ("initial figure, superseded same day (later revised)", "Malian armed forces", "first"),
        ("provisional toll", "separatists (CSP)", "provisional"),
        ("initial exchange of fire on 27 March", "UN OHCHR", "unmarked"),
        (None, "Malian army", "unmarked"),
    ],
)
def test_report_stage(note, claimant, stage):
    assert stage in REPORT_STAGES
    assert _flags(note=note, claimant=claimant, outlet="y")["report_stage"] == stage


def test_drift_background_and_secondhand():
    flags = _flags(note="MISATTRIBUTION: outlet puts the security source's figure 29 in the rebels' mouth",
                   claimant="CSP-DPA rebel sources (to RFI, via Nova)", outlet="Mena News (Agenzia Nova)")
    assert flags["drift"] and not flags["background"] and not flags["secondhand"]
    assert _flags(note="background mention in Feb 2020 article", claimant="x", outlet="y")["background"]
    rewrite = _flags(note=None, claimant="MSA", outlet="Nasuba Infos (RFI rewrite)")
    assert rewrite["secondhand"] and rewrite["flags_basis"] == "secondhand: 'rewrite'"
    assert pd.isna(_flags(note=None, claimant="MSA", outlet="RFI")["flags_basis"])


def test_source_notes_mark_encyclopedia_copies_secondhand():
    frame = pd.DataFrame([{"note": None, "claimant": "UN Secretary-General", "outlet": "es.stringtranslate.com"}])
    assert claim_flags(frame, pd.Series(["encyclopedia_copy"]))["secondhand"].iloc[0]


def test_clean_claims_carry_the_flags(claims):
    for column in ("claimant_key", "claimant_key_basis", "scope", "aggregate", "report_stage", "drift",
                   "background", "secondhand", "flags_basis"):
        assert column in claims
    flagged = claims["scope"].ne("whole") | claims["aggregate"] | claims["report_stage"].ne("unmarked") | (
        claims["drift"] | claims["background"] | claims["secondhand"])
    # every set flag says what it was read from, and nothing else has a basis
    assert flagged.equals(claims["flags_basis"].notna())
