"""Narration: complete in English and Chinese, numbers formatted, and it says what the data say."""

from __future__ import annotations

import re
from functools import cache

import pytest

from workbench import params, units
from workbench.fiscal import narration, run
from workbench.glossary import latin_words

ANALYSIS = "fiscal_pressure"
SECTIONS = (
    "data",
    "growth",
    "vintages",
    "ratio",
    "buoyancy",
    "gap",
    "beijing_share",
    "provinces",
    "governance",
    "grid",
)
CJK = re.compile(r"[\u4e00-\u9fff]")
QUOTED = ("增加了近1.5倍", "突破21万亿元", "增加了N倍", "两年平均增长")
RAW_FLOAT = re.compile(r"\d\.\d{4,}")  # an unformatted number such as 0.0313848


@cache
def setup(*flags: str):
    p = params.resolve(ANALYSIS, flags=list(flags))
    return run(p), p


def all_texts(lang: str, *flags: str) -> list[str]:
    result, p = setup(*flags)
    out = [getattr(narration, s)(result, p, lang) for s in SECTIONS]
    out += narration.findings(result, p, lang) + narration.caveats(result, p, lang)
    return [*out, narration.methods(lang)]


FLAG_SETS = [
    (),
    ("multiple_reading=to", "horizon_years=10"),
    ("gdp_basis=real",),
    ("start_year=2012", "end_year=2024", "gdp_vintage=preliminary"),
]


@pytest.mark.parametrize("flags", FLAG_SETS)
def test_chinese_is_complete(flags):
    for text in all_texts("zh", *flags):
        assert text.strip()
        assert not latin_words(text), (text, latin_words(text))
        assert "pp" not in text.split() and "n/a" not in text
        assert CJK.search(text)
        assert not RAW_FLOAT.search(text), text


@pytest.mark.parametrize("flags", FLAG_SETS)
def test_english_has_no_chinese_but_the_quotes(flags):
    for text in all_texts("en", *flags):
        rest = text
        for allowed in (*QUOTED, "亿元"):
            rest = rest.replace(allowed, "")
        assert not CJK.search(rest), text
        assert not RAW_FLOAT.search(text), text


def test_findings_are_three_to_five_sentences_with_numbers():
    result, p = setup()
    for lang in ("en", "zh"):
        found = narration.findings(result, p, lang)
        assert 3 <= len(found) <= 5
        assert all(re.search(r"\d", f) for f in found)


def test_growth_narration_carries_the_numbers():
    result, p = setup()
    n = result.numbers
    text = narration.growth(result, p, "en")
    for key in (
        "revenue_growth_avg_annual",
        "gdp_nominal_growth_avg_annual",
        "gdp_real_growth_avg_annual",
        "revenue_real_growth_avg_annual",
    ):
        assert units.pct(n[key]) in text, key
    assert "more slowly than the economy" in text and "not a buoyancy" in text


def test_gap_narration_names_the_year_of_each_gap():
    result, p = setup()
    n = result.numbers
    text = narration.gap(result, p, "en")
    assert f"{units.fmt(n['fiscal_gap_last_year'], '亿元')} in 2024, the latest year" in text
    assert (
        f"In {p.end_year}, the last year of the growth comparison, the gap was "
        f"{units.fmt(n['fiscal_gap_end_year'], '亿元')}" in text
    )


def test_caveats_cover_basis_readings_and_associations():
    result, p = setup()
    text = " ".join(narration.caveats(result, p, "en"))
    assert "nominal" in text and "two readings" in text and "not causes" in text
    assert "2023" in text  # the estimated revenue level
    assert "霍顿" in narration.methods("zh") and "Haughton 1998" in narration.methods("en")


def test_no_doubling_is_said_plainly():
    result, p = setup("multiple_reading=to", "horizon_years=10")
    assert "does not double within the 10-year horizon" in narration.governance(result, p, "en")
    assert "没有翻番" in narration.governance(result, p, "zh")
