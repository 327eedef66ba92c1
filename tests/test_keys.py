"""Result keys are declared with a known unit and two labels, and results must match them."""

from __future__ import annotations

import pytest

from workbench import keys


def test_declare_puts_data_kind_first_and_schema_is_plain():
    declared = keys.declare(x=keys.Key("fraction", "X", "某", "a share"))
    assert list(declared) == ["data_kind", "x"]
    assert keys.schema(declared)["x"] == {
        "unit": "fraction",
        "en": "X",
        "zh": "某",
        "description": "a share",
    }


def test_a_key_needs_a_known_unit_and_labels():
    with pytest.raises(ValueError, match="unknown unit"):
        keys.Key("percent", "X", "某", "d")
    with pytest.raises(ValueError, match="zh"):
        keys.Key("fraction", "X", " ", "d")


def test_check_names_undeclared_and_missing_keys():
    declared = keys.declare(x=keys.Key("count", "X", "某", "d"))
    keys.check({"data_kind": "synthetic", "x": 1}, declared)
    with pytest.raises(ValueError, match=r"undeclared \['y'\], missing \['x'\]"):
        keys.check({"data_kind": "synthetic", "y": 1}, declared)
