"""Every results.json key is declared with a unit, two labels and a description."""

from __future__ import annotations

from workbench import glossary
from workbench.turnover.keys import BRIEF_KEYS, KEYS
from workbench.units import UNITS


def test_every_key_is_described():
    assert next(iter(KEYS)) == "data_kind"
    for name, key in KEYS.items():
        assert key.unit in UNITS, name
        assert key.en and key.zh and key.description, name
        assert not glossary.latin_words(key.zh), (name, key.zh)


def test_brief_keys_are_declared():
    assert set(BRIEF_KEYS) <= set(KEYS) and len(set(BRIEF_KEYS)) == len(BRIEF_KEYS)
