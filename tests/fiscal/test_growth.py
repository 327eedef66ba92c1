"""Growth arithmetic: published vectors, properties, and misuse."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workbench.fiscal as fiscal
from workbench.fiscal import growth as f

# ---------------------------------------------------------------- published vectors


def test_vector_revenue_growth():
    assert f.cumulative_growth(190_390, 202_539) == pytest.approx(0.0638, abs=5e-5)
    assert f.cagr(190_390, 202_539, 2) == pytest.approx(0.0314, abs=5e-5)
    assert f.annualise(f.cumulative_growth(190_390, 202_539), 2) == pytest.approx(
        f.cagr(190_390, 202_539, 2)
    )


def test_vector_mean_of_real_gdp_growth():
    rates = [0.023, 0.081]
    assert f.mean_annual_growth(rates) == pytest.approx(0.0516, abs=5e-5)
    assert f.mean_annual_growth(rates, "arithmetic") == pytest.approx(0.0520, abs=1e-12)
    assert f.chain_growth(rates) == pytest.approx(1.023 * 1.081 - 1)
    # NBS's published "两年平均 5.1%" = revised 2020 (2.2%) chained with preliminary 2021 (8.1%)
    assert round(f.mean_annual_growth([0.022, 0.081]), 3) == 0.051
    # fully revised vintage (2.2%, 8.4%) gives 5.3%, not 5.1%
    assert round(f.mean_annual_growth([0.022, 0.084]), 3) == 0.053


def test_haughton_1998_deflating_vector():
    real_gdp = f.deflate_growth(0.20, 0.15)
    real_rev = f.deflate_growth(0.21, 0.15)
    assert real_gdp == pytest.approx(0.0435, abs=5e-5)
    assert real_rev == pytest.approx(0.0522, abs=5e-5)
    # the deflator recovered from nominal and real growth is the stated inflation
    assert f.implicit_deflator_growth(0.20, real_gdp) == pytest.approx(0.15)


def test_vector_multiple_readings():
    assert f.multiple_to_annual_growth(1.5, 5, "by") == pytest.approx(0.2011, abs=5e-5)
    assert f.multiple_to_annual_growth(1.5, 5, "to") == pytest.approx(0.0845, abs=5e-5)
    assert f.multiple_to_annual_growth(1.5, 5) == f.multiple_to_annual_growth(1.5, 5, "by")


def test_revenue_to_gdp_vector():
    assert f.revenue_to_gdp(202_538.88, 1_149_237) == pytest.approx(0.176, abs=5e-4)
    assert np.isnan(f.revenue_to_gdp(1.0, np.nan))


def test_contract_names_keep_their_signatures():
    assert fiscal.cagr is f.cagr and fiscal.multiple_to_annual_growth is f.multiple_to_annual_growth
    assert list(inspect.signature(fiscal.cagr).parameters) == ["start", "end", "years"]
    sig = inspect.signature(fiscal.multiple_to_annual_growth)
    assert list(sig.parameters) == ["multiple", "years", "reading"]
    assert sig.parameters["reading"].default == "by"


def test_vectorised_helpers():
    out = f.cagr(np.array([100.0, 100.0]), np.array([121.0, 100.0]), 2)
    assert np.allclose(out, [0.1, 0.0])
    assert isinstance(f.cagr(100, 121, 2), float)


# ---------------------------------------------------------------- properties

levels = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)
ratios = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False)
n_years = st.integers(min_value=1, max_value=60)


@settings(max_examples=200, deadline=None)
@given(start=levels, ratio=ratios, years=n_years)
def test_cagr_round_trip(start, ratio, years):
    end = start * ratio
    g = f.cagr(start, end, years)
    assert start * (1 + g) ** years == pytest.approx(end, rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    multiple=st.floats(min_value=1e-6, max_value=100, allow_nan=False),
    years=st.integers(min_value=1, max_value=30),
)
def test_by_reading_always_faster(multiple, years):
    assert f.multiple_to_annual_growth(multiple, years, "by") > f.multiple_to_annual_growth(
        multiple, years, "to"
    )


@settings(max_examples=200, deadline=None)
@given(rates=st.lists(st.floats(min_value=-0.5, max_value=0.5), min_size=1, max_size=12))
def test_geometric_mean_not_above_arithmetic_and_chains(rates):
    geo = f.mean_annual_growth(rates)
    assert geo <= f.mean_annual_growth(rates, "arithmetic") + 1e-12
    assert (1 + geo) ** len(rates) == pytest.approx(1 + f.chain_growth(rates), rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    nominal=st.floats(min_value=-0.5, max_value=1.0),
    inflation=st.floats(min_value=-0.3, max_value=1.0),
)
def test_deflating_round_trip(nominal, inflation):
    real = f.deflate_growth(nominal, inflation)
    assert f.implicit_deflator_growth(nominal, real) == pytest.approx(inflation, abs=1e-12)


# ---------------------------------------------------------------- misuse raises ValueError


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: f.cagr(0, 10, 2), "start"),
        (lambda: f.cagr(10, -1, 2), "end"),
        (lambda: f.cagr(10, 12, 0), "years"),
        (lambda: f.multiple_to_annual_growth(1.5, 5, "times"), "multiple_reading"),
        (lambda: f.multiple_to_annual_growth(-1.5, 5, "by"), "non-positive"),
        (lambda: f.multiple_to_annual_growth(0.0, 5, "to"), "non-positive"),
        (lambda: f.mean_annual_growth([], "geometric"), "non-empty"),
        (lambda: f.mean_annual_growth([0.1], "median"), "method"),
        (lambda: f.mean_annual_growth([-1.0, 0.1]), "no geometric mean"),
        (lambda: f.deflate_growth(0.1, -1.0), "inflation"),
        (lambda: f.implicit_deflator_growth(0.1, -1.0), "real_growth"),
        (lambda: f.annualise(-1.0, 2), "greater than -1"),
        (lambda: f.cumulative_growth(0.0, 1.0), "start"),
        (lambda: f.revenue_to_gdp(1.0, 0.0), "gdp must be positive"),
    ],
)
def test_misuse_raises_value_error(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()
