"""Numbers as a person writes them, in both languages (results.json keeps full precision)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from workbench import units


@pytest.mark.parametrize(
    "value, unit, en, zh",
    [
        (0.0313848, "fraction", "3.1%", "3.1%"),
        (0.0313848, "fraction per year", "3.1% a year", "3.1%/年"),
        (-0.1105, "probability change", "-11.1 pp", "-11.1个百分点"),
        (202539, "亿元", "20.25 trillion yuan", "20.25万亿元"),
        (62004034.86, "yuan", "62.0 million yuan", "6,200万元"),
        (372024209.2, "yuan", "372.0 million yuan", "3.72亿元"),
        (24727.2, "yuan", "24,727 yuan", "2.47万元"),
        (0.000253, "number", "0.000253", "0.000253"),
        (2025, "year", "2025", "2025年"),
        (5, "years", "5 years", "5年"),
        (3000, "count", "3,000", "3,000"),
        (True, "flag", "yes", "是"),
        (0.0002, "p-value", "<0.001", "<0.001"),
        (0.7410, "index", "0.741", "0.741"),
        ([0.388, 0.764], "ratio", "0.39-0.76", "0.39-0.76"),
        (None, "fraction", "n/a", "无"),
        ({"a": 0.3}, "fraction", "a: 30.0%", "a: 30.0%"),
    ],
)
def test_fmt(value, unit, en, zh):
    assert units.fmt(value, unit, "en") == en
    assert units.fmt(value, unit, "zh") == zh


def test_unknown_unit_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown unit"):
        units.fmt(1, "furlongs")


@given(st.floats(min_value=-1e13, max_value=1e13, allow_nan=False))
def test_money_keeps_sign_and_names_a_scale(yuan):
    for lang, suffix in (("en", "yuan"), ("zh", "元")):
        text = units.money(yuan, lang)
        assert text.endswith(suffix)
        nonzero = any(c in "123456789" for c in text)
        assert text.startswith("-") == (yuan < 0 and nonzero)


@example(15_550_000.0)
@example(-25_004_999.0)
@example(9_999.6)
@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False))
def test_money_is_written_in_its_step_and_reads_back_to_its_amount(yuan):
    for lang in ("en", "zh"):
        step, words = units.money_step(yuan, lang)
        assert step <= max(abs(yuan), 1.0) and step in (
            1.0,
            *(s for s, _ in units.MONEY_STEPS[lang]),
        )
        text = units.money(yuan, lang)
        assert text.endswith(words)
        number = float(text.removesuffix(words).replace(",", "").strip() or 0)
        assert abs(number * step - yuan) <= 0.5 * step * (1 + 1e-9)  # rounded in its step


@given(st.floats(min_value=-10, max_value=10, allow_nan=False))
def test_pct_round_trips_to_one_decimal(x):
    assert abs(float(units.pct(x).rstrip("%")) / 100 - x) <= 0.0005 + 1e-12
