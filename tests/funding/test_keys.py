"""workbench.funding.keys: every results.json key declared once, with its unit and labels."""

from __future__ import annotations

from conftest import CONTRACT_KEYS
from workbench import glossary
from workbench.funding.keys import BRIEF_KEYS, KEYS
from workbench.units import UNITS


def test_keys_have_units_and_labels_in_both_languages():
    for name, key in KEYS.items():
        assert key.unit in UNITS, name
        assert key.en and key.zh and key.description, name
        assert not glossary.latin_words(key.zh), (name, key.zh)


def test_contract_and_brief_keys_are_declared():
    assert CONTRACT_KEYS["funding_distribution"] <= set(KEYS)
    assert 4 <= len(BRIEF_KEYS) <= 8 and set(BRIEF_KEYS) <= set(KEYS)
    assert list(KEYS)[0] == "data_kind"
