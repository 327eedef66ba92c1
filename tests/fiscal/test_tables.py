"""Tables: human headers with units, values written as text, at most seven columns."""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pytest

from workbench import params
from workbench.fiscal import run, tables
from workbench.glossary import latin_words

ANALYSIS = "fiscal_pressure"
TABLES = (
    "national_window",
    "growth_comparison",
    "real_growth_vintages",
    "buoyancy",
    "provincial_growth",
    "provincial_composition",
    "doubling_years",
)
CODE_NAME = re.compile(r"[a-z]+_[a-z_]+|\[T\.")  # revenue_growth_annual, contract_type[T.x]
CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def setup(*flags: str):
    p = params.resolve(ANALYSIS, flags=list(flags))
    return run(p), p


def cells(frame: pd.DataFrame) -> list[str]:
    return [str(v) for v in frame.to_numpy().ravel()]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", TABLES)
def test_table_headers_are_human_and_values_text(name, lang):
    result, p = setup()
    frame = getattr(tables, name)(result, p, lang)
    assert 2 <= frame.shape[1] <= tables.MAX_COLUMNS and len(frame) > 0
    for head in frame.columns:
        assert not CODE_NAME.search(head), head
    assert all(isinstance(v, str) for v in frame.to_numpy().ravel())
    texts = [*frame.columns, *cells(frame)]
    if lang == "zh":
        for text in texts:
            assert not latin_words(text), (text, latin_words(text))
        assert all(CJK.search(h) for h in frame.columns if not h.startswith("95%"))
    else:
        assert not any(CJK.search(t) for t in texts), texts


def test_provincial_tables_are_narrow_and_in_english_names():
    result, p = setup()
    growth = tables.provincial_growth(result, p, "en")
    comp = tables.provincial_composition(result, p, "en")
    assert growth.shape == (10, 4) and comp.shape == (10, 4)
    assert growth.iloc[0, 0] == "Jiangsu" and growth.iloc[-1, 0] == "Tianjin"
    assert list(comp.iloc[:, 0]) == list(growth.iloc[:, 0])
    assert "billion yuan" in growth.columns[1] and "% a year" in growth.columns[3]


def test_numbers_are_formatted():
    result, p = setup()
    comp = tables.growth_comparison(result, p, "en").set_index("Measure")
    assert comp.loc["Revenue growth a year, %", "Value, 2019-2021"] == "3.14%"
    assert comp.loc["Revenue, first year", "Value, 2019-2021"] == "19.04 trillion yuan"
    zh = tables.growth_comparison(result, p, "zh")
    assert "19.04万亿元" in cells(zh) and "-1.68个百分点" in cells(zh)


def test_doubling_table_keeps_seven_columns_for_a_long_grid():
    long = "revenue_growth_grid=[0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08]"
    result, p = setup(long)
    frame = tables.doubling_years(result, p, "en")  # 7 x 8 pairs: one row per pair
    assert frame.shape == (56, 3) and frame.columns[2] == "First year of doubling"
    result, p = setup(long, "spending_growth_grid=[0.1, 0.2]")
    frame = tables.doubling_years(result, p, "en")  # the shorter grid goes across
    assert frame.shape == (8, 3) and frame.columns[0] == "Revenue growth, % a year"
    assert list(frame.columns[1:]) == ["spending 10.0%", "spending 20.0%"]
