"""The efficiency reward from two perspectives, and Green Book discounting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.costeff import discount
from workbench.costeff import reward as ce


def test_discount_green_book_vector():
    assert discount([100, 100, 100], 0.035) == pytest.approx(280.1637, abs=1e-4)
    assert discount([100, 100, 100], 0.035, start=0) == pytest.approx(
        100 + 100 / 1.035 + 100 / 1.035**2
    )
    assert discount([5.0], 0.0) == 5.0
    two = discount(np.array([[100, 100, 100], [0, 0, 1]]), 0.035)
    assert two.shape == (2,)
    assert two[0] == pytest.approx(280.1637, abs=1e-4)
    assert ce.discount_factors(2, 0.1).tolist() == pytest.approx([1 / 1.1, 1 / 1.21])
    assert ce.annuity_factor(5, 0.035) == pytest.approx(4.5150524, abs=1e-7)
    with pytest.raises(ValueError, match="rate must be a fraction > -1"):
        discount([1, 2], -1.0)


def test_incentive_perspectives_and_break_even():
    out = ce.incentive(1_000_000, 0.10, (0.3, 0.5), admin_cost=20_000, deadweight=0.2)
    assert out["share"].tolist() == pytest.approx([0.3, 0.4, 0.5])
    row = out.iloc[0]
    assert row["measured_saving"] == pytest.approx(100_000)
    assert row["reward"] == pytest.approx(30_000)
    assert row["net_saving_budget"] == pytest.approx(80_000 - 30_000 - 20_000)
    assert row["net_saving_society"] == pytest.approx(80_000 - 20_000)
    assert row["break_even_gain_budget"] == pytest.approx(20_000 / (1e6 * 0.5))
    assert row["break_even_gain_society"] == pytest.approx(20_000 / (1e6 * 0.8))
    # at the break-even gain the budget's net saving is zero
    g = float(out["break_even_gain_budget"].iloc[2])
    at = ce.incentive(1_000_000, g, (0.5, 0.5), admin_cost=20_000, deadweight=0.2, n_shares=1)
    assert at["net_saving_budget"].iloc[0] == pytest.approx(0.0, abs=1e-6)


def test_incentive_discounting_and_errors():
    one = ce.incentive(1e6, 0.1, admin_cost=0.0)
    three = ce.incentive(1e6, 0.1, admin_cost=0.0, years=3, rate=0.035)
    factor = discount([1, 1, 1], 0.035)
    assert three["net_saving_budget"].tolist() == pytest.approx(
        (one["net_saving_budget"] * factor).tolist()
    )
    with pytest.raises(ValueError, match="can never break even"):
        ce.incentive(1e6, 0.1, (0.3, 0.5), deadweight=0.5)
    with pytest.raises(ValueError, match="share must be"):
        ce.incentive(1e6, 0.1, (0.5, 0.3))


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0.0, 1.0).map(lambda v: round(v, 6)),
    st.floats(0.0, 0.45).map(lambda v: round(v, 6)),
    st.floats(0.0, 0.5).map(lambda v: round(v, 6)),
    st.floats(0.0, 0.05).map(lambda v: round(v, 6)),
    st.integers(1, 10),
)
def test_society_never_worse_than_budget_and_budget_falls_with_share(gain, low, dw, admin, years):
    out = ce.incentive(
        1e6, gain, (low, low + 0.04), admin_cost=admin * 1e6, deadweight=dw, years=years, rate=0.035
    )
    assert (out["net_saving_society"] >= out["net_saving_budget"] - 1e-6).all()
    assert out["net_saving_budget"].is_monotonic_decreasing or gain == 0
