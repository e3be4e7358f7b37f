"""Leads on real incidents: what happened, where, when, who said what, the grade; no code, no internal bound."""

from __future__ import annotations

import re

import pytest

from malitrack.clean.load import load_claims, load_incidents
from malitrack.report.leads import incident_lead

CODES = re.compile(r"\b(?:True|False|nan|None|NA|armed_group|more_than|at_least|state_forces|local_official)\b|_")


@pytest.fixture(scope="module")
def data():
    return load_claims(), load_incidents()


def lead(data, incident_id, lang):
    text = incident_lead(*data, incident_id, lang=lang)
    assert not CODES.search(text), text
    if lang == "fr":  # French typography: no break inside « » nor before ; and :
        assert "« " not in text and " »" not in text and " ;" not in text and " :" not in text
    return plain(text)


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_amassine_in_french(data):
    text = lead(data, "amassine-2024-05-19", "fr")
    assert text.startswith("Au moins 29 personnes ont été tuées à Amassine (région de Kidal) le 19 mai 2024")
    assert "entre 29 et plus de 30" in text
    assert "Le CSP fait état de plus de 30 morts, qu'il présente comme des civils" in text
    assert "l'armée malienne (FAMa) et Wagner" in text
    assert "29 morts, qu'il présente comme des combattants" in text and "terrorists" in text
    assert "Évaluation : contesté." in text
    assert "Aucune enquête de l'ONU ou d'une ONG n'a établi ce bilan." in text
    assert "31" not in text  # "over 30" is stored as low 31


def test_amassine_in_english(data):
    text = lead(data, "amassine-2024-05-19", "en")
    assert text.startswith("At least 29 people were killed in Amassine (Kidal region) on 19 May 2024, in a massacre")
    assert "between 29 and more than 30" in text
    assert "The CSP reported more than 30 dead, called them civilians" in text
    assert "blamed the Malian army (FAMa) and Wagner" in text
    assert "Grade: contested." in text
    assert "31" not in text


def test_moura_leaves_the_part_toll_out_and_keeps_the_denial(data):
    fr, en = lead(data, "moura-2022-03-27", "fr"), lead(data, "moura-2022-03-27", "en")
    assert fr.startswith("Au moins 203 personnes ont été tuées à Moura (région de Mopti) en mars 2022")
    assert "entre 203 et au moins 500" in fr and "between 203 and at least 500" in en
    assert "in March 2022" in en and "1 March" not in en
    assert "35" not in en  # the UN's figure for the first exchange of fire only
    assert "l'État malien fait état de 203 morts" in fr and "nie toute victime civile" in fr
    assert "the Malian state reported 203 dead" in en and "denied any civilian deaths" in en
    assert "Human Rights Watch reported about 300 dead" in en


def test_ogossagou_says_more_than_100_and_minusma_revised(data):
    fr, en = lead(data, "ogossagou-2019-03-23", "fr"), lead(data, "ogossagou-2019-03-23", "en")
    assert fr.startswith("Plus de 100 personnes ont été tuées à Ogossagou (région de Mopti) le 23 mars 2019")
    assert "MINUSMA fait état d'au moins 157 morts (après un premier bilan de plus de 100)" in fr
    assert "MINUSMA reported at least 157 dead (after a first toll of more than 100)" in en
    assert "Grade: corroborated." in en and "Évaluation : corroboré." in fr
    assert "101" not in fr + en


def test_sobane_da_final_toll_after_the_first(data):
    fr, en = lead(data, "sobane-da-2019-06-09", "fr"), lead(data, "sobane-da-2019-06-09", "en")
    assert fr.startswith("Au moins 35 personnes ont été tuées à Sobane Da (région de Mopti) le 9 juin 2019")
    assert "L'État malien fait état de 35 morts (après un premier bilan de 95)" in fr
    assert "The Malian state reported 35 dead (after a first toll of 95)" in en
    assert "between 35 and 102" in en


def test_tinzaouatene_range_and_labels(data):
    fr, en = lead(data, "tinzaouaten-drone-2024-08-25", "fr"), lead(data, "tinzaouaten-drone-2024-08-25", "en")
    assert fr.startswith("Entre environ 10 et 21 personnes ont été tuées à Tinzaouatène (région de Kidal) le 25 août 2024")
    assert "lors d'une frappe de drone" in fr and "in a drone strike" in en
    assert "le CSP fait état de 21 morts, qu'il présente comme des civils" in fr
    assert "the Malian state reported about 20 dead, called them fighters" in en
    assert "Grade: contested." in en


def test_a_denial_is_a_denial_not_a_zero(data):
    fr, en = lead(data, "anefis-2023-10-05", "fr"), lead(data, "anefis-2023-10-05", "en")
    assert fr.startswith("Aucun bilan chiffré des morts n'a été donné lors de combats, à Anefis (région de Kidal) le 5 octobre 2023")
    assert "Le CSP nie tout mort" in fr and "The CSP denied any deaths" in en
    assert "un bilan humain très important côté terroriste" in en  # the army's words, in their language
    assert "0" not in re.sub(r"\d{4}", "", en)


def test_a_single_claimant(data):
    fr, en = lead(data, "niani-2022-09-12", "fr"), lead(data, "niani-2022-09-12", "en")
    assert fr.startswith("14 personnes ont été tuées à Niani (région inconnue) le 12 septembre 2022, lors d'exécutions.")
    assert "Évaluation : source unique. Une seule source indépendante donne un chiffre : à confirmer." in fr
    assert "blamed Wagner" in en and "Grade: single source." in en


def test_a_kidnapping_without_deaths(data):
    fr, en = lead(data, "kobri-indians-kidnap-2025-11-06", "fr"), lead(data, "kobri-indians-kidnap-2025-11-06", "en")
    assert fr.startswith("5 personnes ont été enlevées à Kobri (région inconnue) le 6 novembre 2025.")
    assert en.startswith("5 people were abducted in Kobri (region unknown) on 6 November 2025.")
    assert "Aucune source ne fait état de morts." in fr and "No source reports deaths." in en
    assert "blamed JNIM" in en


def test_period_lead_counts_rounds_and_says_where_the_claims_stop(data):
    from malitrack import paths
    from malitrack.report.index_data import ucdp_events
    from malitrack.report.leads import period_lead

    claims, incidents = data
    events = ucdp_events(paths.raw_dir() / "ucdp")
    fr = plain(period_lead(claims, incidents, lang="fr", events=events))
    en = period_lead(claims, incidents, lang="en", events=events)
    assert re.match(r"\d+ documented incidents with a death figure from January 2012 to February 2026: about ", en)
    assert "The deadliest: Moura (Mopti), March 2022 (between 203 and at least 500)." in en
    assert "2026: partial period, data to 18 February 2026." in en
    assert "The gathered claims stop on 18 February 2026; UCDP records" in en  # the months after, as UCDP has them
    assert "Le plus meurtrier : Moura (Mopti), mars 2022 (entre 203 et au moins 500)." in fr
    assert "2026 : période incomplète, données jusqu'au 18 février 2026." in fr
    # sums of uncertain claims are rounded, never printed to the unit
    total = re.search(r"about ([\d,]+) to ([\d,]+) deaths", en)
    assert total and all(value.endswith("00") for value in total.groups())


def test_period_lead_for_a_region_and_years(data):
    from malitrack.analysis.select import select_incidents
    from malitrack.report.leads import period_lead

    claims, incidents = data
    chosen = select_incidents(incidents, "2019-01-01", "2019-12-31", ["Mopti"])
    text = period_lead(claims[claims["incident_id"].isin(chosen["incident_id"])], chosen, lang="en", regions=["Mopti"])
    assert "(regions: Mopti)" in text
    assert "The deadliest: Ogossagou (Mopti), 23 March 2019 (between more than 100 and 174)." in text
    assert "101" not in text


def test_disagreement_lead(data):
    from malitrack.analysis.disagreement import incident_disagreement, status_conflict_counts
    from malitrack.analysis.select import select_incidents
    from malitrack.report.leads import disagreement_lead

    claims, incidents = data
    chosen = select_incidents(incidents, min_claimant_types=2)
    chosen_claims = claims[claims["incident_id"].isin(chosen["incident_id"])]
    en = disagreement_lead(chosen_claims, chosen, lang="en")
    fr = plain(disagreement_lead(chosen_claims, chosen, lang="fr"))
    table = incident_disagreement(chosen_claims).query("outcome == 'killed'")
    n_status = status_conflict_counts(table)["n_conflicts"]  # the count the chart prints
    assert en.startswith(f"Of {len(table)} incidents with death figures from at least 2 types of source, "
                         f"{int(table['count_conflict'].sum())} have tolls that cannot both be true, {n_status} set")
    assert "Same dead, other words: Moura (Mopti), March 2022, 500 civilians to some, 203 fighters to others." in en
    assert fr.startswith(f"Sur {len(table)} incidents")
    assert not CODES.search(en) and not CODES.search(fr)


def test_markdown_lead_renders_as_html_with_the_claims_escaped(data):
    from malitrack.report.leads import Lead

    text = incident_lead(*data, "amassine-2024-05-19", lang="en", markdown=True)
    assert text.startswith("**At least 29 people were killed in Amassine")
    assert "\n- The CSP reported more than 30 dead" in text
    page = Lead(text)._repr_html_()
    assert page.startswith('<div class="lead"><p><strong>At least 29 people')
    assert page.count("<li>") == 4 and "<script" not in page
    assert repr(Lead(text)).startswith("At least 29 people")  # the index's summary line, no Markdown signs
    assert Lead("a <b> & c")._repr_html_() == '<div class="lead"><p>a &lt;b&gt; &amp; c</p></div>'


def test_one_dead_is_singular_and_a_span_of_days_reads_as_one(data):
    fr, en = lead(data, "gao-2013-commando", "fr"), lead(data, "gao-2013-commando", "en")
    assert fr.startswith("Au moins 1 personne a été tuée à Gao (région de Gao) en 2013 (mois inconnu)")
    assert en.startswith("At least 1 person was killed in Gao (Gao region) in 2013 (month unknown)")
    assert "on 18–19 June 2022" in lead(data, "diallassagou-2022-06-18", "en")
    assert "les 18–19 juin 2022" in lead(data, "diallassagou-2022-06-18", "fr")


@pytest.mark.slow  # 249 incidents in two languages: some 2.5 minutes
def test_every_incident_has_a_lead_without_codes_in_both_languages(data):
    claims, incidents = data
    for incident_id in incidents["incident_id"]:
        for lang in ("fr", "en"):
            text = incident_lead(claims, incidents, incident_id, lang=lang)
            assert text and not CODES.search(text), (incident_id, lang, text)
