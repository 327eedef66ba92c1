"""PSA samples, acceptability curves, EVPI and the one-way tornado."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from workbench.costeff import reward
from workbench.costeff import uncertainty as ce


def _psa(seed: int = 1, n: int = 4000) -> ce.PSASample:
    summary = pd.DataFrame(
        {
            "strategy": ["UC", "B", "D", "E"],
            "cost": [5000, 10000, 35000, 55000],
            "effect": [1, 2, 4, 5],
            "se_cost": [500, 1500, 4000, 6000],
            "se_effect": [0.1, 0.4, 0.6, 0.8],
        }
    )
    return ce.psa_parametric(summary, n_draws=n, seed=seed)


def test_ceac_sums_to_one_and_frontier():
    psa = _psa()
    wtp = np.linspace(0, 40_000, 21)
    curve = ce.ceac(psa, wtp)
    sums = curve.groupby("wtp")["probability"].sum()
    assert np.allclose(sums, 1.0)
    assert curve.groupby("wtp")["on_frontier"].sum().eq(1).all()
    at0 = curve[curve["wtp"] == 0].set_index("strategy")
    assert at0.loc["UC", "probability"] > 0.99  # cheapest wins when effects are worth nothing
    assert curve.loc[curve["wtp"] == 40_000].set_index("strategy").loc["E", "on_frontier"]


def test_evpi_properties_and_definition():
    psa = _psa()
    wtp = np.array([0.0, 12_500.0, 20_000.0])
    out = ce.evpi(psa, wtp, population=10)
    assert (out["evpi"] >= 0).all()
    values = 20_000.0 * psa.effects - psa.costs
    expected = values.max(axis=1).mean() - values.mean(axis=0).max()
    assert out["evpi"].iloc[2] == pytest.approx(10 * expected)
    assert out["evpi"].iloc[1] > out["evpi"].iloc[0]  # more uncertainty near an ICER
    with pytest.raises(ValueError, match="population must be > 0"):
        ce.evpi(psa, wtp, population=0)


def test_evpi_zero_without_uncertainty():
    summary = pd.DataFrame(
        {
            "strategy": ["a", "b"],
            "cost": [1.0, 2.0],
            "effect": [1.0, 2.0],
            "se_cost": [0.0, 0.0],
            "se_effect": [0.0, 0.0],
        }
    )
    psa = ce.psa_parametric(summary, n_draws=50, seed=3)
    assert (ce.evpi(psa, [0.5, 1.0, 2.0])["evpi"] == 0).all()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    arrays(float, (40, 3), elements=st.floats(0, 1e4, allow_subnormal=False)),
    arrays(float, (40, 3), elements=st.floats(-5, 5, allow_subnormal=False)),
    st.lists(st.floats(0, 1e4, allow_subnormal=False), min_size=1, max_size=5, unique=True),
)
def test_ceac_evpi_properties(costs, effects, wtp):
    psa = ce.PSASample(("a", "b", "c"), costs, effects)
    with np.errstate(all="raise"):
        curve = ce.ceac(psa, wtp)
        info = ce.evpi(psa, wtp)
    assert np.allclose(curve.groupby("wtp", sort=False)["probability"].sum(), 1.0)
    assert (info["evpi"] >= 0).all()


def test_psa_bootstrap_reproducible_and_centred():
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "strategy": np.repeat(["x", "y"], 50),
            "cost": rng.gamma(4.0, 250.0, 100),
            "effect": rng.normal(1, 0.2, 100),
        }
    )
    a = ce.psa_bootstrap(df, n_draws=2000, seed=5)
    b = ce.psa_bootstrap(df, n_draws=2000, seed=5)
    assert a.strategies == ("x", "y")
    np.testing.assert_array_equal(a.costs, b.costs)
    means = df.groupby("strategy")["cost"].mean().to_numpy()
    sem = df.groupby("strategy")["cost"].sem().to_numpy()
    assert np.all(np.abs(a.costs.mean(axis=0) - means) < 0.1 * sem)
    assert np.allclose(a.costs.std(axis=0), sem * np.sqrt(49 / 50), rtol=0.1)


def test_psa_sample_validation():
    with pytest.raises(ValueError, match="duplicate strategy name 'a'"):
        ce.PSASample(("a", "a"), np.zeros((2, 2)), np.zeros((2, 2)))
    bad = np.zeros((3, 2))
    bad[1, 1] = np.nan
    with pytest.raises(ValueError, match="costs of strategy 'b' have missing or infinite draws"):
        ce.PSASample(("a", "b"), bad, np.zeros((3, 2)))
    with pytest.raises(ValueError, match="must both be"):
        ce.PSASample(("a",), np.zeros((3, 2)), np.zeros((3, 2)))


def test_psa_parametric_moments():
    psa = _psa(n=20_000)
    assert psa.costs.mean(axis=0) == pytest.approx([5000, 10000, 35000, 55000], rel=0.02)
    assert psa.costs.std(axis=0) == pytest.approx([500, 1500, 4000, 6000], rel=0.05)
    assert (psa.costs >= 0).all()


def test_tornado_tidy_and_sorted():
    def model(a: float, b: float, c: float) -> float:
        return 2 * a - 10 * b + 0 * c

    out = ce.tornado(model, {"a": 1, "b": 1, "c": 1}, {"a": (0, 2), "b": (0.5, 1.5), "c": (0, 9)})
    assert out["parameter"].tolist() == ["b", "a", "c"]
    assert out.loc[0, ["outcome_low", "outcome_high"]].tolist() == [-3, -13]
    assert out["swing"].tolist() == [10, 4, 0]
    assert (out["outcome_base"] == -8).all()
    with pytest.raises(ValueError, match="'z' not in the base case"):
        ce.tornado(model, {"a": 1, "b": 1, "c": 1}, {"z": (0, 1)})
    with pytest.raises(ValueError, match="not finite"):
        ce.tornado(lambda a: float("inf") if a > 1 else a, {"a": 1}, {"a": (0, 2)})


def test_tornado_on_incentive():
    def net(gain: float, share: float, admin: float) -> float:
        return float(
            reward.incentive(1e6, gain, (share, share), admin_cost=admin, n_shares=1)[
                "net_saving_budget"
            ].iloc[0]
        )

    out = ce.tornado(
        net,
        {"gain": 0.05, "share": 0.4, "admin": 10_000},
        {"gain": (0.02, 0.08), "share": (0.3, 0.5), "admin": (0, 20_000)},
    )
    assert out["parameter"].iloc[0] == "gain"
    assert (out["swing"] >= 0).all()


def test_strategy_tornado_margin_by_hand(dampack):
    summary = dampack.assign(se_cost=1000.0, se_effect=0.1)
    out = ce.strategy_tornado(summary, 15_000).set_index("parameter")
    # at 15,000 yuan per unit of effect D is optimal, E the runner-up
    nmb = 15_000 * summary["effect"] - summary["cost"]
    assert out["best"].iloc[0] == "D" and out["comparator"].iloc[0] == "E"
    assert out["outcome_base"].iloc[0] == pytest.approx(nmb.iloc[1] - nmb.iloc[0])
    z = 1.959963984540054
    row = out.loc["effect: D"]
    assert (row["low"], row["high"]) == pytest.approx((4 - 0.1 * z, 4 + 0.1 * z))
    assert row["outcome_high"] == pytest.approx(15_000 * (4 + 0.1 * z) - 35_000 - 20_000)
    w = out.loc["wtp"]
    assert (w["low"], w["high"]) == (7_500, 22_500)
    # at 7,500 B beats D by more than D's base margin: the bar crosses zero
    assert w["outcome_low"] == pytest.approx((7_500 * 4 - 35_000) - (7_500 * 2 - 10_000))
    assert w["outcome_low"] < 0 < w["outcome_base"]
    assert (out["swing"].diff().dropna() <= 0).all()
    assert out.loc["cost: UC", "low"] >= 0


def test_strategy_tornado_errors(dampack):
    summary = dampack.assign(se_cost=1.0, se_effect=0.1)
    with pytest.raises(ValueError, match="at least two strategies"):
        ce.strategy_tornado(summary.iloc[:1], 1.0)
    with pytest.raises(ValueError, match="wtp must be >= 0"):
        ce.strategy_tornado(summary, -1.0)
    with pytest.raises(ValueError, match="duplicate strategy name 'E'"):
        ce.strategy_tornado(summary.assign(strategy=["E"] * 6), 1.0)
