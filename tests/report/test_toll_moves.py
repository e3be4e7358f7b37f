"""How tolls move across incidents: real revisions, the sentence, the chart."""

from __future__ import annotations

import pytest

from malitrack.analysis.revisions import revision_directions, revisions_across
from malitrack.clean.load import load_claims, load_incidents
from malitrack.report.toll_moves import revisions_chart, revisions_sentence, revisions_table


@pytest.fixture(scope="module")
def revisions():
    return revisions_across(load_claims())


def test_ogossagou_minusma_went_up_and_sobane_da_state_went_down(revisions):
    table = revisions.set_index(["incident_id", "claimant_key"])
    minusma = table.loc[("ogossagou-2019-03-23", "MINUSMA")]
    assert (minusma["first_point"], minusma["last_point"], minusma["direction"]) == (101, 157, "up")
    assert minusma["family"] == "UN or NGO"
    state = table.loc[("sobane-da-2019-06-09", "Malian state")]
    assert (state["first_point"], state["last_point"], state["direction"]) == (95, 35, "down")
    assert state["family"] == "army or government"


def test_only_revised_series_and_no_part_tolls_or_denials(revisions):
    # Moura: the UN's 35 (first exchange of fire only) and the state's "No civilian" are never steps
    moura = revisions[revisions["incident_id"] == "moura-2022-03-27"]
    assert not (moura["first_point"] == 35).any() and not (moura["last_point"] == 0).any()
    assert (revisions["first_point"] != revisions["last_point"]).all() or (revisions["direction"] == "same").any()


def test_directions_by_kind_of_claimant_add_up(revisions):
    directions = revision_directions(revisions)
    assert int(directions["n_revised"].sum()) == len(revisions)
    assert (directions["up"] + directions["down"] + directions["same"] == directions["n_revised"]).all()
    assert set(directions.index) <= {"army or government", "armed group", "UN or NGO", "local official", "media"}


def test_sentence_in_both_languages(revisions):
    directions = revision_directions(revisions)
    n, up = int(directions["n_revised"].sum()), int(directions["up"].sum())
    en = revisions_sentence(revisions, "en")
    fr = revisions_sentence(revisions, "fr").replace("\u202f", " ").replace("\u00a0", " ")
    assert en.startswith(f"Of {n} tolls revised by the source that first gave them, {up} went up")
    assert fr.startswith(f"Sur {n} bilans révisés par la source qui les avait donnés, {up} ont été revus à la hausse")
    assert "armies and governments:" in en and "armées et gouvernements :" in fr


def test_table_prints_figures_as_said(revisions):
    table = revisions_table(revisions, load_incidents(), "fr").set_index("incident")
    row = table.loc["Ogossagou, 23 mars 2019"]
    assert (row["premier chiffre"], row["dernier chiffre"], row["sens"]) == ("plus de 100", "au moins 157", "↑")


def test_chart_title_states_the_finding(revisions):
    figure = revisions_chart(revisions, load_incidents(), load_claims(), "en", version="v")
    up = int((revisions["direction"] == "up").sum())
    assert figure._suptitle.get_text() == f"Revised tolls rise: {up} of {len(revisions)} went up"
    assert len(figure.axes[0].get_yticks()) == len(revisions)
