"""The declared result keys: units, labels, the brief's headline keys."""

from __future__ import annotations

from workbench import glossary
from workbench.costeff.keys import BRIEF_KEYS, KEYS
from workbench.units import UNITS


def test_keys_are_declared_with_units_and_labels():
    assert next(iter(KEYS)) == "data_kind"
    for name, key in KEYS.items():
        assert key.unit in UNITS, name
        assert key.en and key.zh and key.description, name
        assert not glossary.latin_words(key.zh), (name, key.zh)


def test_brief_keys_are_declared():
    assert 4 <= len(BRIEF_KEYS) <= 8
    assert set(BRIEF_KEYS) <= set(KEYS)
