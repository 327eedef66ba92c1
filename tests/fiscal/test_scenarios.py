"""Governance-spending scenarios: doubling years, the grid and its fan."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.fiscal import growth
from workbench.fiscal import scenarios as f


def test_projection_and_doubling_year():
    g_by = growth.multiple_to_annual_growth(1.5, 5, "by")
    g_to = growth.multiple_to_annual_growth(1.5, 5, "to")
    proj = f.project_governance_share(100.0, 7046.3, g_by, 0.04, horizon=20, base_year=2020)
    assert list(proj.columns) == ["year", "t", "spending", "revenue", "share", "share_ratio"]
    assert proj["year"].tolist() == list(range(2020, 2041))
    steps = math.ceil(math.log(2) / math.log((1 + g_by) / 1.04))
    assert steps == 5
    assert f.first_year_share_reaches(proj) == 2020 + steps
    slow = f.project_governance_share(100.0, 7046.3, g_to, 0.04, horizon=15)
    assert f.first_year_share_reaches(slow) is None  # 17 years needed
    longer = f.project_governance_share(100.0, 7046.3, g_to, 0.04, horizon=30)
    assert f.first_year_share_reaches(longer) == 2020 + 17
    # the doubling year does not depend on the assumed base level
    other = f.project_governance_share(0.05, 1.0, g_by, 0.04, horizon=20)
    assert np.allclose(other["share_ratio"], proj["share_ratio"])
    assert other["share"].iloc[0] == pytest.approx(0.05)


def test_exact_doubling_is_reached():
    proj = f.project_governance_share(1.0, 1.0, 1.0, 0.0, horizon=3)  # share exactly 2 at t=1
    assert f.first_year_share_reaches(proj) == 2021


def test_grid_matches_single_projections():
    gs = np.array([0.0, 0.0845, 0.2011])
    gr = np.array([-0.02, 0.04, 0.08])
    grid = f.project_governance_grid(1.0, 20.0, gs, gr, horizon=25)
    assert len(grid) == 3 * 3 * 26
    firsts = f.grid_first_years(grid).set_index(["spending_growth", "revenue_growth"])
    for s in gs:
        for r in gr:
            single = f.project_governance_share(1.0, 20.0, s, r, horizon=25)
            sub = grid[(grid.spending_growth == s) & (grid.revenue_growth == r)]
            assert np.allclose(sub["share"].to_numpy(), single["share"].to_numpy())
            expected = f.first_year_share_reaches(single)
            got = firsts.loc[(s, r), "first_year"]
            assert (pd.isna(got) and expected is None) or got == expected
    assert pd.isna(firsts.loc[(0.0, 0.04), "first_year"])


def test_grid_fan_bounds_every_scenario():
    grid = f.project_governance_grid(1.0, 1.0, [0.05, 0.0845, 0.2011], [0.02, 0.04, 0.06], 20)
    fan = f.grid_fan(grid)
    assert list(fan.columns) == ["year", "q0", "q25", "q50", "q75", "q100"]
    assert fan["year"].tolist() == list(range(2020, 2041))
    wide = grid.pivot_table(
        index="year", columns=["spending_growth", "revenue_growth"], values="share_ratio"
    )
    assert np.allclose(fan["q0"], wide.min(axis=1)) and np.allclose(fan["q100"], wide.max(axis=1))
    assert (fan["q25"] <= fan["q50"]).all() and (fan["q50"] <= fan["q75"]).all()
    assert np.allclose(fan.iloc[0, 1:], 1.0)
    with pytest.raises(ValueError, match="quantiles"):
        f.grid_fan(grid, [0.5, 1.5])


def test_projection_bad_inputs():
    with pytest.raises(ValueError, match="horizon_years"):
        f.project_governance_share(1.0, 10.0, 0.1, 0.04, horizon=0)
    with pytest.raises(ValueError, match="base revenue"):
        f.project_governance_share(1.0, 0.0, 0.1, 0.04, horizon=20)
    with pytest.raises(ValueError, match="greater than -1"):
        f.project_governance_grid(1.0, 10.0, [0.1, -1.5], [0.04], horizon=20)
    with pytest.raises(ValueError, match="multiple"):
        f.first_year_share_reaches(f.project_governance_share(1, 1, 0.1, 0, horizon=2), 0)


@settings(max_examples=100, deadline=None)
@given(
    gs=st.floats(min_value=-0.3, max_value=0.5),
    gr=st.floats(min_value=-0.3, max_value=0.5),
    horizon=st.integers(min_value=1, max_value=60),
)
def test_doubling_year_matches_the_closed_form(gs, gr, horizon):
    proj = f.project_governance_share(1.0, 1.0, gs, gr, horizon=horizon)
    year = f.first_year_share_reaches(proj)
    ratio = (1 + gs) / (1 + gr)
    if ratio <= 1 + 1e-6:
        assert year is None
        return
    steps = math.log(2) / math.log(ratio)
    if year is None:
        assert steps > horizon - 1e-6
    else:
        assert year - 2020 == pytest.approx(math.ceil(steps - 1e-7), abs=1)
        assert proj.set_index("year").loc[year, "share_ratio"] >= 2 * (1 - 1e-9)
