"""The figure lexicons: one TOML file per language, the same keys in each, checked on load."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from importlib import resources

import pytest

from malitrack.parse.figures import VAGUE_TERMS
from malitrack.parse.figures.lexicon import (
    CONVENTIONS,
    Lexicon,
    LexiconError,
    languages,
    load_lexicon,
    parse_lexicon,
)


def _raw(language: str) -> dict:
    folder = resources.files("malitrack.parse").joinpath("lexicon")
    return tomllib.loads(folder.joinpath(f"{language}.toml").read_text(encoding="utf-8"))


def test_every_language_of_the_old_code_has_a_file():
    assert {"fr", "en", "ar", "de", "es", "it", "pt", "nl"} <= set(languages())
    assert languages()[:2] == ("fr", "en")


@pytest.mark.parametrize("language", languages())
def test_every_file_has_the_same_keys_and_loads(language):
    assert set(_raw(language)) == {field.name for field in fields(Lexicon)}
    lexicon = load_lexicon(language)
    assert lexicon.language == language
    for term, entry in lexicon.vague.items():
        assert any(entry.convention.startswith(text) for text in CONVENTIONS.values()), term


def test_a_missing_key_names_file_and_key():
    data = _raw("fr")
    del data["less_than"]
    with pytest.raises(LexiconError, match=r"lexicon/fr\.toml: missing key 'less_than'"):
        parse_lexicon("lexicon/fr.toml", data)


def test_an_unknown_key_names_file_and_key():
    data = _raw("en") | {"less_then": ["less than"]}
    with pytest.raises(LexiconError, match=r"lexicon/en\.toml: unknown key 'less_then'"):
        parse_lexicon("lexicon/en.toml", data)


def test_a_wrong_type_names_file_and_key():
    data = _raw("ar") | {"joins": "و"}
    with pytest.raises(LexiconError, match=r"lexicon/ar\.toml: joins must be a list"):
        parse_lexicon("lexicon/ar.toml", data)


def test_an_unknown_convention_is_an_error():
    data = _raw("fr") | {"vague": [{"term": "plein", "low": 2, "convention": "guess"}]}
    with pytest.raises(LexiconError, match="unknown convention 'guess'"):
        parse_lexicon("lexicon/fr.toml", data)


def test_a_language_without_file_is_an_error():
    with pytest.raises(LexiconError, match="no lexicon for language 'xx'"):
        load_lexicon("xx")


def test_vague_terms_gather_every_lexicon():
    assert VAGUE_TERMS["dizaines"].low == 10
    assert VAGUE_TERMS["dozens"].low == 12
    assert (VAGUE_TERMS["بضعة"].low, VAGUE_TERMS["بضعة"].high) == (3, 9)
    assert VAGUE_TERMS["hunderte"].low == 100

