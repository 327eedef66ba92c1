"""The article's reward (F10): a pay rise worth a share of an assumed efficiency gain."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.turnover import rewards, scenarios

from .conftest import DRIVERS


def test_reward_scenario_is_a_pay_rise_of_the_pool(small):
    rw = rewards.reward_scenario(
        small,
        "left",
        DRIVERS,
        reward_shares=[0.3, 0.5],
        efficiency_gain_pct_of_payroll=4.0,
        n_draws=200,
        seed=3,
    )
    t = rw.table
    payroll = float(np.sum(12 * small["monthly_pay"]))
    gain = 0.04 * payroll
    assert rw.annual_payroll_yuan == pytest.approx(payroll) and rw.efficiency_gain_yuan == gain
    np.testing.assert_allclose(t["reward_pool_yuan"], [0.3 * gain, 0.5 * gain])
    np.testing.assert_allclose(t["equivalent_pay_rise_pct"], [1.2, 2.0])
    cf = scenarios.counterfactual_turnover(
        small,
        "left",
        DRIVERS,
        pay_rise_pct=[1.2],
        hours_cut=[],
        overlap_cut=[],
        n_draws=200,
        seed=3,
    ).table
    assert t.iloc[0]["rate"] == pytest.approx(cf.iloc[1]["rate"])
    assert rw.baseline_rate == pytest.approx(cf.iloc[0]["rate"])
    r = t.iloc[1]
    assert r["retained_gain_yuan"] == pytest.approx(0.5 * gain)
    assert r["reward_net_yuan"] == pytest.approx(
        r["replacement_saving_yuan"] - r["reward_pool_yuan"]
    )
    assert t.iloc[1]["exits_averted"] > t.iloc[0]["exits_averted"] > 0


def test_a_gain_in_yuan_overrides_the_percentage(small):
    rw = rewards.reward_scenario(
        small, "left", DRIVERS, reward_shares=[0.5], efficiency_gain_yuan=1e6, n_draws=50
    )
    assert rw.table.iloc[0]["reward_pool_yuan"] == pytest.approx(5e5)


def test_bad_reward_parameters(small):
    with pytest.raises(ValueError, match="reward_shares"):
        rewards.reward_scenario(small, reward_shares=[1.5])
    with pytest.raises(ValueError, match="efficiency_gain_yuan"):
        rewards.reward_scenario(small, "left", DRIVERS, efficiency_gain_yuan=-1.0, n_draws=50)
