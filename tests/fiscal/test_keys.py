"""The declared results.json keys."""

from __future__ import annotations

from workbench.fiscal.keys import BRIEF_KEYS, KEYS
from workbench.glossary import latin_words
from workbench.units import UNITS


def test_every_key_is_declared_with_a_unit_and_labels():
    assert next(iter(KEYS)) == "data_kind"
    for name, key in KEYS.items():
        assert key.unit in UNITS, name
        assert key.en and key.zh and key.description, name
        assert not latin_words(key.zh), (name, latin_words(key.zh))


def test_brief_keys_are_a_few_declared_keys():
    assert 4 <= len(BRIEF_KEYS) <= 8
    assert set(BRIEF_KEYS) <= set(KEYS)
