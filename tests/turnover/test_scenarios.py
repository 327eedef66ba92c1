"""What-ifs: rates, costs and bootstrap intervals of pay, hours and duty-overlap scenarios."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.turnover import logit, scenarios

from .conftest import CATEGORICAL, DRIVERS

KW = dict(
    pay_rise_pct=[5.0, 10.0],
    hours_cut=[2.0],
    overlap_cut=[0.1],
    replacement_cost_yuan=40000.0,
    n_draws=300,
    seed=11,
)


def test_counterfactual_rates_costs_and_uncertainty(small):
    sc = scenarios.counterfactual_turnover(small, "left", DRIVERS, CATEGORICAL, **KW)
    cf = sc.table
    assert list(cf["scenario"]) == [
        "baseline",
        "pay +5%",
        "pay +10%",
        "hours -2/week",
        "duty overlap -0.1",
    ]
    base = cf.iloc[0]
    # a logit with an intercept reproduces the observed rate at baseline
    assert base["rate"] == pytest.approx(small["left"].mean(), abs=1e-8)
    assert base["rate_ci_low"] < base["rate"] < base["rate_ci_high"]
    pay = small["monthly_pay"].to_numpy()
    p5, p10 = cf.iloc[1], cf.iloc[2]
    assert p10["rate"] < p5["rate"] < base["rate"]
    assert p5["intervention_cost_yuan"] == pytest.approx(np.sum(12 * pay * 0.05))
    assert p5["exits_averted"] == pytest.approx(len(small) * (base["rate"] - p5["rate"]))
    assert p5["replacement_saving_yuan"] == pytest.approx(p5["exits_averted"] * 40000.0)
    assert p5["net_saving_yuan"] == pytest.approx(
        p5["replacement_saving_yuan"] - p5["intervention_cost_yuan"]
    )
    h = cf.iloc[3]
    hours = small["weekly_hours"].to_numpy()
    assert h["intervention_cost_yuan"] == pytest.approx(np.sum(12 * pay * 2.0 / hours))
    ov = cf.iloc[4]
    assert not ov["costed"] and np.isnan(ov["intervention_cost_yuan"])
    assert p5["rate_change_ci_low"] < p5["rate_change"] < p5["rate_change_ci_high"] < 0
    assert sc.best["scenario"] == "pay +10%" and sc.n_workers == len(small)
    again = scenarios.counterfactual_turnover(small, "left", DRIVERS, CATEGORICAL, **KW)
    pd.testing.assert_frame_equal(cf, again.table)
    combo = scenarios.counterfactual_turnover(
        small, "left", DRIVERS, CATEGORICAL, **{**KW, "combine": True}
    )
    assert len(combo.table) == 1 + (3 * 2 * 2 - 1)
    with pytest.raises(ValueError, match="not a numeric driver"):
        scenarios.counterfactual_turnover(small, "left", ["age"], pay_rise_pct=[5.0], hours_cut=[])


def test_simulate_from_a_fitted_model_equals_the_public_function(small):
    model = logit.estimate_logit(small, "left", DRIVERS, CATEGORICAL)
    kw = {k: v for k, v in KW.items() if k not in ("pay_rise_pct", "hours_cut", "overlap_cut")}
    got = scenarios.simulate(
        small,
        model,
        levers=(KW["pay_rise_pct"], KW["hours_cut"], KW["overlap_cut"]),
        combine=False,
        employer_oncost_rate=0.0,
        overlap_cost_yuan_per_worker=0.0,
        alpha=0.05,
        **kw,
    )
    want = scenarios.counterfactual_turnover(small, "left", DRIVERS, CATEGORICAL, **KW)
    pd.testing.assert_frame_equal(got.table, want.table)


def test_bad_cost_parameters(small):
    with pytest.raises(ValueError, match="replacement_cost_yuan"):
        scenarios.counterfactual_turnover(small, replacement_cost_yuan=-1.0)
    with pytest.raises(ValueError, match="pay_rise_pct"):
        scenarios.counterfactual_turnover(small, pay_rise_pct=[-150.0])
    with pytest.raises(ValueError, match="employer_oncost_rate"):
        scenarios.counterfactual_turnover(small, employer_oncost_rate=3.0)
    with pytest.raises(ValueError, match="n_draws"):
        scenarios.counterfactual_turnover(small, n_draws=5)
