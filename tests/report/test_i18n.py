"""The reader's words: every vocabulary value has a word in each language, and files agree."""

from __future__ import annotations

import re

import pytest

from malitrack import vocab
from malitrack.report import i18n


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("section", sorted(i18n.VOCABULARY_SECTIONS))
def test_every_vocabulary_value_has_words(section, lang):
    for value in i18n.VOCABULARY_SECTIONS[section]:
        words = i18n.label(section, value, lang)
        assert words != value or value in ("massacre", "ambush") or lang == "en", (section, value, lang)
        if section != "report_stage" or value != "unmarked":
            assert words.strip(), (section, value, lang)


def test_french_is_the_default_and_amassine_labels_read_as_words():
    assert i18n.DEFAULT_LANG == "fr"
    assert i18n.label("victim_status", "civilian") == "civils"
    assert i18n.label("claimant_type", "armed_group", "en") == "armed group"
    assert i18n.label("grade", "belligerents only", "fr") == "belligérants seulement"


def test_an_unknown_value_is_shown_as_it_is():
    assert i18n.label("victim_status", "werewolves", "fr") == "werewolves"


def test_an_unknown_language_is_refused():
    with pytest.raises(i18n.LocaleError, match="not one of fr, en"):
        i18n.catalog("de")


def test_a_locale_file_without_a_key_is_reported(tmp_path):
    shipped = i18n.resources.files("malitrack.report") / "locale"
    for code in i18n.LANGUAGES:
        text = (shipped / f"{code}.toml").read_text(encoding="utf-8")
        (tmp_path / f"{code}.toml").write_text(text.replace('civilian = "civilians"\n', "") if code == "en" else text, encoding="utf-8")
    with pytest.raises(i18n.LocaleError, match=r"locale/en.toml: missing keys \['victim_status.civilian'\]"):
        i18n.read_locales(tmp_path)


def test_a_vocabulary_value_without_words_is_reported(tmp_path):
    shipped = i18n.resources.files("malitrack.report") / "locale"
    for code in i18n.LANGUAGES:
        text = (shipped / f"{code}.toml").read_text(encoding="utf-8")
        (tmp_path / f"{code}.toml").write_text(re.sub(r"(?m)^drone_strike = .*\n", "", text), encoding="utf-8")
    with pytest.raises(i18n.LocaleError, match=r"\[incident_type\].*missing \['drone_strike'\]"):
        i18n.read_locales(tmp_path)


def test_the_vocabularies_named_are_the_ones_in_vocab():
    assert i18n.VOCABULARY_SECTIONS["grade"] is vocab.GRADES
