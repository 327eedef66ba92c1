"""workbench.funding.tables: human headers with units, formatted values, both languages."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from workbench import glossary
from workbench.funding import tables
from workbench.units import pct

TABLES = (
    "primary",
    "concentration",
    "by_group",
    "by_decile",
    "inequality",
    "scale_vs_mix",
    "stress",
)
CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_IN_ASCII_BRACKETS = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", TABLES)
@pytest.mark.parametrize("which", ["default", "us"])
def test_table_headers_and_values(
    name, lang, which, default_result, default_params, us_result, us_params
):
    result, params = (
        (default_result, default_params) if which == "default" else (us_result, us_params)
    )
    frame = getattr(tables, name)(result, params, lang)
    assert isinstance(frame, pd.DataFrame) and 2 <= frame.shape[1] <= 7
    for head in frame.columns:
        assert head.strip() and "_" not in head and "[T." not in head, head
    assert all(isinstance(v, str) for v in frame.to_numpy().ravel())
    if lang == "zh":
        words = " ".join([*frame.columns, *frame.to_numpy().ravel()])
        assert not glossary.latin_words(words), glossary.latin_words(words)
        assert not CJK_IN_ASCII_BRACKETS.search(" ".join(frame.columns))
        assert "pp" not in words
    else:
        assert not any(CJK.search(h) for h in frame.columns), list(frame.columns)


def test_primary_table_values(default_result, default_params):
    frame = tables.primary(default_result, default_params, "en")
    first = frame.iloc[0]
    assert first["Primary source"] == "Government purchase"
    assert first["Share of organisations (%)"] == pct(0.95)
    assert first["Organisations"] == "1,900"


def test_group_names_in_english_and_no_group_table(
    default_result, default_params, us_result, us_params
):
    groups = tables.by_group(default_result, default_params, "en")["Group"]
    assert len(groups) == 32 and all(" · " in g for g in groups)
    assert not any(CJK.search(g) for g in groups)
    assert len(tables.by_group(us_result, us_params, "en")) == 0


def test_stress_table_has_one_column_per_level(default_result, default_params):
    frame = tables.stress(default_result, default_params, "en")
    assert len(frame) == 11 and frame.shape[1] == 1 + 4
    assert frame.iloc[-1, 1] == pct(default_result.numbers["stress_share_below_at_cut_max"])
