"""The notebook's tables: human headers with units, formatted values, both languages."""

from __future__ import annotations

import re

import pytest

from workbench import glossary
from workbench.costeff import tables
from workbench.params import TechCostEffectivenessParams as Model

TABLES = (
    "overview",
    "article",
    "fits",
    "confounding",
    "strategies",
    "nmb",
    "discounting",
    "dea_by_strategy",
    "dea_ranking",
    "reward",
    "key_numbers",
)
P = Model()
CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")  # a code name such as net_saving_budget
IDENTIFIERS = {"Unit", "单位", "Peers on the frontier", "前沿参照单位", "Key", "键名"}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", TABLES)
def test_table_is_human(default_result, name, lang):
    frame = getattr(tables, name)(default_result, P, lang)
    assert 1 <= frame.shape[1] <= 7 and len(frame)
    for header in frame.columns:
        assert not CODE.match(header), header
        if lang == "zh":
            assert not glossary.latin_words(header), header
    for column in frame.columns:
        values = frame[column]
        assert all(isinstance(v, str) for v in values), (name, column)
        if lang == "zh" and column not in IDENTIFIERS:  # unit ids are data, not prose
            for v in values:
                assert not glossary.latin_words(v), (name, column, v)


def test_key_numbers_cover_every_key(default_result):
    frame = tables.key_numbers(default_result, P, "zh")
    assert len(frame) == len(default_result.numbers)
    assert "混合型" in " ".join(frame.iloc[:, 1])


def test_values_carry_their_units(default_result):
    reward = tables.reward(default_result, P, "en")
    assert reward.iloc[-1, 4] == "62.0 million yuan"
    assert reward.iloc[0, 0] == "30%"
    assert tables.reward(default_result, P, "zh").iloc[-1, 4] == "6,200万元"
    strategies = tables.strategies(default_result, P, "en").set_index("Strategy")
    assert strategies.loc["blended"].iloc[4] == "53,503 yuan per percentage point"
