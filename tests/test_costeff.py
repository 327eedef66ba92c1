"""Tests of workbench.costeff against published test vectors, hand-checked cases and properties.

Every call into the module runs under ``np.errstate(all="raise")`` so that a division by zero or an
invalid operation cannot hide as inf/NaN in a result.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from workbench import costeff as ce
from workbench.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "data" / "reference" / "article_tech_spending.csv"


@pytest.fixture(autouse=True)
def _raise_on_float_errors():
    with np.errstate(all="raise"):
        yield


@pytest.fixture
def dampack() -> pd.DataFrame:
    """The dampack ``calculate_icers`` vignette example (DESIGN.md methods table)."""
    return pd.DataFrame(
        {
            "strategy": ["E", "D", "C", "B", "A", "UC"],
            "cost": [55000, 35000, 25000, 10000, 12000, 5000],
            "effect": [5, 4, 3, 2, 1.5, 1],
        }
    )


# ---------------------------------------------------------------------------------------------
# ICERs, plane, NMB
# ---------------------------------------------------------------------------------------------


def test_icers_dampack_vector(dampack):
    tab = ce.icers(dampack).set_index("strategy")
    assert tab.loc["UC", "status"] == "reference"
    assert tab.loc["A", "status"] == "dominated"
    assert tab.loc["C", "status"] == "extendedly dominated"
    for s, value in {"B": 5_000, "D": 12_500, "E": 20_000}.items():
        assert tab.loc[s, "status"] == "non-dominated"
        assert tab.loc[s, "icer"] == pytest.approx(value)
    assert tab.loc[["UC", "A", "C"], "icer"].isna().all()


def test_icers_sorted_by_cost_and_keeps_columns(dampack):
    tab = ce.icers(dampack.assign(note="x"))
    assert tab["cost"].is_monotonic_increasing
    assert {"note", "inc_cost", "inc_effect", "icer", "status"} <= set(tab.columns)
    assert set(tab["status"]) <= set(ce.STATUSES)


def test_icers_custom_column_names(dampack):
    df = dampack.rename(columns={"strategy": "s", "cost": "c", "effect": "e"})
    tab = ce.icers(df, strategy="s", cost="c", effect="e")
    assert tab.set_index("s").loc["D", "icer"] == pytest.approx(12_500)


def test_icers_ties_and_single_strategy():
    one = ce.icers(pd.DataFrame({"strategy": ["only"], "cost": [3.0], "effect": [1.0]}))
    assert one["status"].tolist() == ["reference"]
    same = pd.DataFrame({"strategy": ["a", "b", "c"], "cost": [1, 1, 2], "effect": [1, 2, 2]})
    tab = ce.icers(same).set_index("strategy")
    assert tab.loc["b", "status"] == "reference"  # equal cost, more effect
    assert tab.loc["a", "status"] == "dominated"
    assert tab.loc["c", "status"] == "dominated"  # more cost, same effect


@pytest.mark.parametrize(
    ("frame", "fragment"),
    [
        (
            pd.DataFrame({"strategy": ["a", "a"], "cost": [1, 2], "effect": [1, 2]}),
            "duplicate strategy name 'a'",
        ),
        (
            pd.DataFrame({"strategy": ["a", "b", "c"], "cost": [1, -2, 3], "effect": [1, 2, 3]}),
            "column 'cost' has negative costs (yuan) in row 2",
        ),
        (
            pd.DataFrame({"strategy": ["a", "b"], "cost": [1, 2], "effect": [1, None]}),
            "missing effects in row 2",
        ),
        (
            pd.DataFrame({"strategy": ["a", "b"], "cost": ["1", "x"], "effect": [1, 2]}),
            "non-numeric costs (yuan) in row 2",
        ),
        (pd.DataFrame({"strategy": ["a"], "effect": [1]}), "missing column(s) 'cost'"),
        (pd.DataFrame({"strategy": [], "cost": [], "effect": []}), "no data rows"),
    ],
)
def test_icers_bad_inputs(frame, fragment):
    with pytest.raises(InputError) as err:
        ce.icers(frame)
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


def test_icers_lists_first_rows_only():
    df = pd.DataFrame({"strategy": list("abcdefgh"), "cost": [-1] * 8, "effect": range(8)})
    with pytest.raises(InputError, match=r"rows 1, 2, 3, 4, 5 and 3 more \(row 1 = first"):
        ce.icers(df)


def _naive_icers(cost: np.ndarray, effect: np.ndarray) -> dict[int, str]:
    """dampack's iterative algorithm, written plainly, for comparison."""
    idx = sorted(range(len(cost)), key=lambda i: (cost[i], -effect[i], i))
    status = {}
    best = -np.inf
    nd = []
    for i in idx:
        if nd and effect[i] <= best:
            status[i] = "dominated"
        else:
            nd.append(i)
        best = max(best, effect[i])
    changed = True
    while changed:
        changed = False
        r = [
            (cost[b] - cost[a]) / (effect[b] - effect[a]) for a, b in zip(nd, nd[1:], strict=False)
        ]
        for k in range(len(r) - 1):
            if r[k] > r[k + 1]:
                status[nd[k + 1]] = "extendedly dominated"
                del nd[k + 1]
                changed = True
                break
    status[nd[0]] = "reference"
    for i in nd[1:]:
        status[i] = "non-dominated"
    return status


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 50), st.integers(-20, 20)), min_size=1, max_size=9, unique=True
    )
)
def test_icers_match_iterative_algorithm_and_frontier_is_undominated(points):
    cost = np.array([p[0] for p in points], dtype=float) * 1000
    effect = np.array([p[1] for p in points], dtype=float)
    df = pd.DataFrame(
        {"strategy": [f"s{i}" for i in range(len(points))], "cost": cost, "effect": effect}
    )
    with np.errstate(all="raise"):
        tab = ce.icers(df)
    expected = _naive_icers(cost, effect)
    got = dict(zip(tab["strategy"].str[1:].astype(int), tab["status"], strict=True))
    assert got == expected
    front = tab[tab["status"].isin(["reference", "non-dominated"])]
    assert front["icer"].iloc[1:].is_monotonic_increasing
    for _, row in front.iterrows():  # no frontier strategy is strongly dominated
        better = (tab["cost"] <= row["cost"]) & (tab["effect"] >= row["effect"])
        strictly = (tab["cost"] < row["cost"]) | (tab["effect"] > row["effect"])
        assert not (better & strictly).any()


def test_ce_plane(dampack):
    plane = ce.ce_plane(dampack).set_index("strategy")
    assert plane.loc["UC", ["delta_cost", "delta_effect"]].tolist() == [0, 0]
    assert plane.loc["E", "delta_cost"] == 50_000
    assert plane["on_frontier"].sum() == 4
    assert plane.loc[["UC", "B", "D", "E"], "frontier_order"].tolist() == [1, 2, 3, 4]
    assert plane.loc[["A", "C"], "frontier_order"].tolist() == [0, 0]


@pytest.mark.parametrize(("wtp", "best"), [(10_000, "B"), (15_000, "D"), (25_000, "E")])
def test_nmb_optimal_strategy_vectors(dampack, wtp, best):
    assert ce.optimal_strategy(dampack, wtp) == best
    values = ce.nmb(dampack["cost"], dampack["effect"], wtp)
    assert dampack["strategy"].iloc[int(np.argmax(values))] == best


def test_nmb_scalar_and_broadcast(dampack):
    assert ce.nmb(100.0, 2.0, 70.0) == pytest.approx(40.0)
    assert isinstance(ce.nmb(100.0, 2.0, 70.0), float)
    w = np.array([0.0, 1e4, 2e4])
    out = ce.nmb(
        dampack["cost"].to_numpy()[None, :], dampack["effect"].to_numpy()[None, :], w[:, None]
    )
    assert out.shape == (3, 6)
    assert out[0].tolist() == (-dampack["cost"]).tolist()
    with pytest.raises(InputError, match="do not broadcast"):
        ce.nmb([1, 2], [1, 2, 3], 1.0)
    with pytest.raises(InputError, match="missing or infinite"):
        ce.nmb([1, np.nan], [1, 2], 1.0)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0, 1e6, allow_subnormal=False),
    st.floats(-10, 10, allow_subnormal=False),
    st.floats(0, 1e5, allow_subnormal=False),
    st.floats(0, 1e5, allow_subnormal=False),
    st.floats(0, 1, allow_subnormal=False),
)
def test_nmb_linear_in_wtp(cost, effect, w1, w2, a):
    with np.errstate(all="raise"):
        lhs = ce.nmb(cost, effect, a * w1 + (1 - a) * w2)
        rhs = a * ce.nmb(cost, effect, w1) + (1 - a) * ce.nmb(cost, effect, w2)
    assert lhs == pytest.approx(rhs, rel=1e-9, abs=1e-6)


def test_nmb_table(dampack):
    tab = ce.nmb_table(dampack, [10_000, 25_000])
    assert len(tab) == 12
    assert tab.groupby("wtp")["optimal"].sum().tolist() == [1, 1]
    assert tab.loc[tab["optimal"], "strategy"].tolist() == ["B", "E"]


def test_cost_per_outcome():
    assert ce.cost_per_outcome(10.0, 4.0) == pytest.approx(2.5)
    with pytest.raises(InputError, match=r"zero or negative effects at row 2"):
        ce.cost_per_outcome([1.0, 2.0], [1.0, 0.0])


# ---------------------------------------------------------------------------------------------
# discounting, tornado
# ---------------------------------------------------------------------------------------------


def test_discount_green_book_vector():
    assert ce.discount([100, 100, 100], 0.035) == pytest.approx(280.1637, abs=1e-4)
    assert ce.discount([100, 100, 100], 0.035, start=0) == pytest.approx(
        100 + 100 / 1.035 + 100 / 1.035**2
    )
    assert ce.discount([5.0], 0.0) == 5.0
    two = ce.discount(np.array([[100, 100, 100], [0, 0, 1]]), 0.035)
    assert two.shape == (2,)
    assert two[0] == pytest.approx(280.1637, abs=1e-4)
    assert ce.discount_factors(2, 0.1).tolist() == pytest.approx([1 / 1.1, 1 / 1.21])
    with pytest.raises(InputError, match="rate must be a fraction > -1"):
        ce.discount([1, 2], -1.0)


def test_tornado_tidy_and_sorted():
    def model(a: float, b: float, c: float) -> float:
        return 2 * a - 10 * b + 0 * c

    out = ce.tornado(model, {"a": 1, "b": 1, "c": 1}, {"a": (0, 2), "b": (0.5, 1.5), "c": (0, 9)})
    assert out["parameter"].tolist() == ["b", "a", "c"]
    assert out.loc[0, ["outcome_low", "outcome_high"]].tolist() == [-3, -13]
    assert out["swing"].tolist() == [10, 4, 0]
    assert (out["outcome_base"] == -8).all()
    with pytest.raises(InputError, match="'z' not in the base case"):
        ce.tornado(model, {"a": 1, "b": 1, "c": 1}, {"z": (0, 1)})
    with pytest.raises(InputError, match="not finite"):
        ce.tornado(lambda a: float("inf") if a > 1 else a, {"a": 1}, {"a": (0, 2)})


# ---------------------------------------------------------------------------------------------
# PSA, CEAC, EVPI
# ---------------------------------------------------------------------------------------------


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
    with pytest.raises(InputError, match="duplicate strategy name 'a'"):
        ce.PSASample(("a", "a"), np.zeros((2, 2)), np.zeros((2, 2)))
    bad = np.zeros((3, 2))
    bad[1, 1] = np.nan
    with pytest.raises(InputError, match="costs of strategy 'b' have missing or infinite draws"):
        ce.PSASample(("a", "b"), bad, np.zeros((3, 2)))
    with pytest.raises(InputError, match="must both be"):
        ce.PSASample(("a",), np.zeros((3, 2)), np.zeros((3, 2)))


def test_psa_parametric_moments():
    psa = _psa(n=20_000)
    assert psa.costs.mean(axis=0) == pytest.approx([5000, 10000, 35000, 55000], rel=0.02)
    assert psa.costs.std(axis=0) == pytest.approx([500, 1500, 4000, 6000], rel=0.05)
    assert (psa.costs >= 0).all()


# ---------------------------------------------------------------------------------------------
# DEA
# ---------------------------------------------------------------------------------------------


def test_dea_one_input_one_output_crs_is_ratio_over_best():
    x = np.array([2.0, 4.0, 5.0, 8.0])
    y = np.array([1.0, 3.0, 2.0, 4.0])
    ratio = y / x
    np.testing.assert_allclose(ce.dea(x, y), ratio / ratio.max(), atol=1e-8)
    np.testing.assert_allclose(ce.dea(x, y, orientation="output"), ratio / ratio.max(), atol=1e-8)


def test_dea_textbook_two_inputs():
    """Cooper, Seiford & Tone (2007), two inputs and one unit output, checked by hand.

    A (4,3) projects onto segment E(2,4)-D(4,2) at (24/7, 18/7): theta = 6/7.
    B (7,3) projects onto segment D(4,2)-C(8,1) at (84/19, 36/19): theta = 12/19.
    F (10,1) is radially efficient but has a slack of 2 in input 1 against C (8,1).
    """
    x = pd.DataFrame({"x1": [4, 7, 8, 4, 2, 10], "x2": [3, 3, 1, 2, 4, 1]}, index=list("ABCDEF"))
    y = pd.Series(1.0, index=x.index, name="y")
    scores = ce.dea(x, y)
    assert isinstance(scores, pd.Series)
    expected = [Fraction(6, 7), Fraction(12, 19), 1, 1, 1, 1]
    np.testing.assert_allclose(scores.to_numpy(), [float(v) for v in expected], atol=1e-8)
    res = ce.dea_details(x, y)
    tab = res.table
    assert tab["efficient"].tolist() == [False, False, True, True, True, False]
    assert tab.loc["F", "slack_x1"] == pytest.approx(2.0)
    assert tab.loc["A", "slack_x1"] == pytest.approx(0.0, abs=1e-8)
    assert tab.loc["A", ["target_x1", "target_x2"]].tolist() == pytest.approx([24 / 7, 18 / 7])
    assert set(tab.loc["A", "peers"].split(", ")) == {"D", "E"}
    # B = (17/19) D + (2/19) C, solved by hand from the projection point
    assert res.lambdas.loc["B", "D"] == pytest.approx(17 / 19)
    assert res.lambdas.loc["B", "C"] == pytest.approx(2 / 19)
    # Pareto-efficient units first, then F (radially efficient with slack), then A, B
    assert tab["rank"].to_dict() == {"A": 5, "B": 6, "C": 1, "D": 1, "E": 1, "F": 4}


def test_dea_vrs_hand_case():
    x = np.array([1.0, 2.0, 4.0, 3.0])
    y = np.array([1.0, 3.0, 4.0, 2.0])
    crs = ce.dea(x, y, "crs")
    vrs = ce.dea(x, y, "vrs")
    np.testing.assert_allclose(crs, [2 / 3, 1, 2 / 3, 4 / 9], atol=1e-8)
    np.testing.assert_allclose(vrs, [1, 1, 1, 0.5], atol=1e-8)  # (1.5, 2) on the VRS frontier


@pytest.mark.parametrize(
    ("inputs", "outputs", "kwargs", "fragment"),
    [
        (
            pd.DataFrame({"a": [1, 0, 2], "b": [1, 0, 3]}, index=["u1", "u2", "u3"]),
            [1, 1, 1],
            {},
            "unit 'u2' has all-zero inputs in row 2 (row 1 = first data row)",
        ),
        (pd.DataFrame({"a": [1, -1, 2]}), [1, 1, 1], {}, "column 'a' has negative input values"),
        ([[1], [2]], [1, 1, 1], {}, "inputs have 2 units but outputs have 3"),
        ([1, 2, 3], [1, 0, 1], {"orientation": "output"}, "unit '2' has all-zero outputs"),
        ([1, 2], [0, 0], {}, "every unit has all-zero outputs"),
        ([1, 2], [1, 1], {"rts": "drs"}, "rts must be 'crs' or 'vrs'"),
        ([1, np.nan], [1, 1], {}, "missing or infinite"),
    ],
)
def test_dea_bad_inputs(inputs, outputs, kwargs, fragment):
    with pytest.raises(InputError) as err:
        ce.dea(inputs, outputs, **kwargs)
    assert fragment in str(err.value)


positive = st.floats(0.1, 100.0, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    arrays(float, st.tuples(st.integers(2, 12), st.just(2)), elements=positive),
    st.data(),
    st.floats(0.01, 1000.0),
)
def test_dea_properties(x, data, factor):
    n = x.shape[0]
    y = data.draw(arrays(float, (n, 2), elements=positive))
    with np.errstate(all="raise"):
        crs = ce.dea(x, y, "crs")
        vrs = ce.dea(x, y, "vrs")
        scaled = ce.dea(x * np.array([factor, 1.0]), y, "crs")
        out_crs = ce.dea(x, y, "crs", orientation="output")
    for s in (crs, vrs):
        assert ((s >= 0) & (s <= 1)).all()
        assert (s >= 1 - 1e-6).any()
    assert (vrs >= crs - 1e-6).all()
    np.testing.assert_allclose(scaled, crs, atol=1e-6)
    np.testing.assert_allclose(out_crs, crs, atol=1e-6)


def test_dea_details_on_synthetic_programmes():
    from workbench.synth import programmes

    df = programmes(n=40, seed=7)
    res = ce.dea_details(
        df.set_index("unit_id")[["tech_spend", "staff_cost"]],
        df.set_index("unit_id")[["service_precision"]],
        rts="vrs",
    )
    tab = res.table
    assert tab["efficient"].sum() >= 1
    assert (tab["target_tech_spend"] <= df.set_index("unit_id")["tech_spend"] + 1e-6).all()
    assert np.allclose(res.lambdas.sum(axis=1), 1.0, atol=1e-6)  # VRS convexity
    sav = ce.potential_savings(df["tech_spend"] + df["staff_cost"], res.scores.to_numpy())
    assert (sav >= 0).all()


# ---------------------------------------------------------------------------------------------
# response curves
# ---------------------------------------------------------------------------------------------


def _hill_data(n: int = 400, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.lognormal(np.log(4e6), 0.8, n)
    truth = dict(e0=0.4, emax=0.3, ec50=3e6, hill=2.0)
    y = truth["e0"] + truth["emax"] * x**2 / (truth["ec50"] ** 2 + x**2)
    return x, y + rng.normal(0, 0.02, n), truth


def test_fit_hill_recovers_truth_and_ci_covers():
    x, y, truth = _hill_data()
    fit = ce.fit_response(x, y, "hill")
    se = np.sqrt(np.diag(fit.cov))
    for (name, value), s in zip(truth.items(), se, strict=True):
        assert abs(fit.params[name] - value) < 4 * s, name
    assert fit.params["ec50"] == pytest.approx(3e6, rel=0.1)
    log = ce.fit_response(x, y, "log")
    assert fit.aic < log.aic


def test_log_model_closed_forms():
    x = np.linspace(0, 1e6, 50)
    y = 0.2 + 0.05 * np.log1p(x / 1e4)
    fit = ce.fit_response(x, y + np.tile([1e-4, -1e-4], 25), "log")
    assert fit.params["b"] == pytest.approx(0.05, rel=1e-3)
    m = ce.marginal_response(fit, 0.0)
    assert m == pytest.approx(fit.params["b"] * np.log(2.0))
    # m(x) = b ln(1 + step / (x_ref + x)) = t  <=>  x = step / (exp(t / b) - 1) - x_ref
    t = 0.002
    b = fit.params["b"]
    assert ce.spend_at_marginal(fit, t) == pytest.approx(1e4 / np.expm1(t / b) - 1e4, rel=1e-6)


def test_marginal_and_threshold_hill():
    x, y, _ = _hill_data()
    fit = ce.fit_response(x, y, "hill")
    grid = np.array([0.0, 1e6, 3e6, 1e7])
    m = ce.marginal_response(fit, grid)
    assert m.shape == (4,)
    assert (m >= 0).all()
    thr = float(m[2]) / 2
    xstar = ce.spend_at_marginal(fit, thr)
    assert xstar > 3e6
    assert ce.marginal_response(fit, xstar) == pytest.approx(thr, rel=1e-4)
    assert ce.marginal_response(fit, xstar * 1.2) < thr
    assert ce.spend_at_marginal(fit, 10.0) == 0.0  # never worth it
    with pytest.raises(InputError, match="threshold must be > 0"):
        ce.spend_at_marginal(fit, 0.0)


def test_response_curve_intervals():
    x, y, _ = _hill_data()
    fit = ce.fit_response(x, y, "hill")
    curve = ce.response_curve(fit, np.linspace(0, 2e7, 11))
    assert (curve["fitted_lower"] <= curve["fitted"]).all()
    assert (curve["fitted"] <= curve["fitted_upper"]).all()
    assert (curve["marginal_lower"] <= curve["marginal_upper"]).all()
    assert np.isfinite(curve.to_numpy()).all()
    assert ce.predict_response(fit, 0.0) == pytest.approx(fit.params["e0"])


def test_bootstrap_response_brackets_estimate():
    x, y, _ = _hill_data(n=150, seed=2)
    out = ce.bootstrap_response(
        x, y, "log", at_spend=float(x.mean()), threshold=1e-4, n_boot=40, seed=1
    ).set_index("quantity")
    assert out["n_ok"].iloc[0] == 40
    assert (out["lower"] <= out["upper"]).all()
    assert out.loc["b", "lower"] <= out.loc["b", "estimate"] <= out.loc["b", "upper"]


@pytest.mark.parametrize(
    ("spend", "outcome", "fragment"),
    [
        ([1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [1] * 7, "spend has negative values"),
        ([1.0, 2.0, 3.0], [1, 2, 3], "need at least 6 units"),
        ([2.0] * 8, list(range(8)), "spend is the same for every unit"),
        ([1.0, np.inf] + [3.0] * 6, list(range(8)), "missing or infinite"),
    ],
)
def test_fit_response_bad_inputs(spend, outcome, fragment):
    with pytest.raises(InputError) as err:
        ce.fit_response(spend, outcome, "hill")
    assert fragment in str(err.value)


def test_staff_cut():
    assert ce.staff_cut([0.0, 50.0, 100.0, 200.0], 100.0).tolist() == [1.0, 0.5, 0.0, 0.0]
    with pytest.raises(InputError, match="reference must be > 0"):
        ce.staff_cut([1.0], 0.0)


# ---------------------------------------------------------------------------------------------
# incentive
# ---------------------------------------------------------------------------------------------


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
    factor = ce.discount([1, 1, 1], 0.035)
    assert three["net_saving_budget"].tolist() == pytest.approx(
        (one["net_saving_budget"] * factor).tolist()
    )
    with pytest.raises(InputError, match="can never break even"):
        ce.incentive(1e6, 0.1, (0.3, 0.5), deadweight=0.5)
    with pytest.raises(InputError, match="share must be"):
        ce.incentive(1e6, 0.1, (0.5, 0.3))


def test_tornado_on_incentive():
    def net(gain: float, share: float, admin: float) -> float:
        return float(
            ce.incentive(1e6, gain, (share, share), admin_cost=admin, n_shares=1)[
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


# ---------------------------------------------------------------------------------------------
# article arithmetic, validation
# ---------------------------------------------------------------------------------------------


def test_article_arithmetic():
    figures = pd.read_csv(ARTICLE)
    assert (figures["status"] == "as quoted in the article; not found in any stored source").all()
    assert figures["source"].str.contains("易臻真").all()
    assert figures["source"].str.contains("2022-04-18").all()
    out = ce.article_spending_arithmetic(figures).set_index("quantity")
    total = 30 * 1e8
    top3 = (55735.02 + 27116.62 + 19926.00) * 1e4
    assert out.loc["top3_share_of_total", "value"] == pytest.approx(top3 / total)
    assert out.loc["average_per_project", "value"] == pytest.approx(total / 572)
    assert out["label"].str.contains("as quoted in the article").all()
    shares = out.loc["share_of_total"].set_index("region")["value"]
    assert shares["Zhejiang"] == pytest.approx(55735.02e4 / total)
    assert len(shares) == 3  # provinces without amounts are not invented


def test_article_arithmetic_errors():
    figures = pd.read_csv(ARTICLE)
    with pytest.raises(InputError, match="unknown money unit"):
        ce.article_spending_arithmetic(figures.replace({"万元": "k"}))
    with pytest.raises(InputError, match="expected one row with indicator 'platform_projects'"):
        ce.article_spending_arithmetic(figures[figures["indicator"] != "platform_projects"])


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["a", "b", "c", "d"],
            "tech_spend": [1.0, 2.0, 3.0, 4.0],
            "staff_cost": [1.0, 1.0, 1.0, 1.0],
            "service_precision": [0.2, 0.4, 0.5, 0.9],
            "strategy": ["x", "x", "y", "y"],
        }
    )


def test_validate_programmes_ok_and_total_cost():
    out = ce.validate_programmes(_frame(), strategy="strategy", outcome_bounds=(0, 1))
    assert out["tech_spend"].dtype == float
    tot = ce.with_total_cost(out)
    assert tot["cost"].tolist() == [2.0, 3.0, 4.0, 5.0]
    summ = ce.arm_summary(out, effect_scale=100)
    assert summ["effect"].tolist() == pytest.approx([30.0, 70.0])
    assert summ["n"].tolist() == [2, 2]


@pytest.mark.parametrize(
    ("change", "kwargs", "fragment"),
    [
        (
            {"tech_spend": [1.0, -2.0, 3.0, -4.0]},
            {},
            "mydata.csv: column 'tech_spend' has negative costs (yuan) in rows 2, 4",
        ),
        (
            {"unit_id": ["a", "b", "a", "d"]},
            {},
            "duplicate unit id 'a' in column 'unit_id' in rows 1, 3 (row 1 = first",
        ),
        (
            {"service_precision": [0.2, 1.4, 0.5, 0.9]},
            {"outcome_bounds": (0, 1)},
            "column 'service_precision' has values outside [0, 1] in row 2",
        ),
        ({"staff_cost": [1.0, None, 1.0, 1.0]}, {}, "column 'staff_cost' has missing costs"),
        (
            {"strategy": ["x", None, "y", "y"]},
            {"strategy": "strategy"},
            "column 'strategy' has missing strategy names in row 2",
        ),
    ],
)
def test_validate_programmes_errors(change, kwargs, fragment):
    df = _frame().assign(**change)
    with pytest.raises(InputError) as err:
        ce.validate_programmes(df, source_label="mydata.csv", **kwargs)
    assert fragment in str(err.value)


def test_validate_programmes_missing_column_and_custom_costs():
    with pytest.raises(InputError, match=r"missing column\(s\) 'satisfaction'"):
        ce.validate_programmes(_frame(), outcome="satisfaction")
    out = ce.validate_programmes(_frame(), cost_columns=["tech_spend"])
    assert len(out) == 4


def test_arm_summary_needs_two_units():
    with pytest.raises(InputError, match="strategy 'z' has 1 unit"):
        ce.arm_summary(_frame().assign(strategy=["x", "x", "y", "z"]).iloc[[0, 1, 3]])


def test_dea_infeasible_programme_is_reported(monkeypatch):
    class Failed:
        status = 2
        message = "The problem is infeasible."

    monkeypatch.setattr(ce.optimize, "linprog", lambda *a, **k: Failed())
    x = pd.DataFrame({"spend": [1.0, 2.0]}, index=["north", "south"])
    with pytest.raises(InputError, match=r"unit 'north' \(row 1\) is infeasible"):
        ce.dea(x, [1.0, 1.0])


# ---------------------------------------------------------------------------------------------
# notebook helpers: prepare_programmes, check_strategies, strategy_tornado
# ---------------------------------------------------------------------------------------------


def _units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["u1", "u2", "u3", "u4", "u5", "u6"],
            "strategy": ["a", "a", "b", "b", "c", "c"],
            "tech_spend": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "staff_cost": [2.0, 2.0, 1.0, 1.0, 0.5, 0.5],
            "service_precision": [0.4, 0.5, 0.5, 0.6, 0.7, 0.6],
        }
    )


def test_prepare_programmes_ok_with_and_without_strategy():
    out = ce.prepare_programmes(_units(), source_label="f.csv")
    assert out["service_precision"].dtype == float
    assert ce.check_strategies(out) == ["a", "b", "c"]
    assert len(ce.prepare_programmes(_units().drop(columns="strategy"))) == 6
    sat = _units().assign(satisfaction=[50.0, 60, 70, 80, 90, 99])
    assert len(ce.prepare_programmes(sat, "satisfaction", ["tech_spend"])) == 6


@pytest.mark.parametrize(
    ("change", "kwargs", "fragment"),
    [
        (
            {"service_precision": [0.4, 0.0, 0.5, -0.1, 0.7, 0.6]},
            {},
            "column 'service_precision' has values outside [0.0, 1.0] in row 4",
        ),
        (
            {"service_precision": [0.4, 0.0, 0.5, 0.6, 0.7, 0.6]},
            {},
            "column 'service_precision' has zero or negative outcomes in row 2 (row 1 = first "
            "data row); a ratio needs them to be > 0",
        ),
        (
            {"tech_spend": [1.0, 0.0, 3.0, 4.0, 5.0, 6.0], "staff_cost": [2.0, 0.0, 1, 1, 1, 1]},
            {},
            "unit 'u2' has all-zero inputs (tech_spend, staff_cost all 0) in row 2",
        ),
        (
            {"staff_cost": [2.0, -1.0, 1, 1, 1, 1]},
            {"cost_columns": ["tech_spend"]},
            "column 'staff_cost' has negative costs (yuan) in row 2",
        ),
        (
            {"strategy": ["a", "a", "b", "B ", "c", "c"]},
            {},
            "duplicate strategy name 'b' in column 'strategy', spelled 2 ways ('b' in row 3; "
            "'B ' in row 4) (row 1 = first data row)",
        ),
        (
            {"strategy": ["a", "a", "b", "b", "c", "d"]},
            {},
            "strategy 'c' in column 'strategy' has 1 unit(s), in row 5 (row 1 = first data row)",
        ),
        ({}, {"cost_columns": []}, "cost_columns is empty"),
    ],
)
def test_prepare_programmes_errors(change, kwargs, fragment):
    with pytest.raises(InputError) as err:
        ce.prepare_programmes(_units().assign(**change), source_label="f.csv", **kwargs)
    assert str(err.value).startswith("f.csv: ")
    assert fragment in str(err.value)


def test_check_strategies_missing_names():
    with pytest.raises(InputError, match="missing strategy names in row 2"):
        ce.check_strategies(_units().assign(strategy=["a", None, "b", "b", "c", "c"]))


def test_strategy_tornado_margin_by_hand(dampack):
    summary = dampack.assign(se_cost=1000.0, se_effect=0.1)
    out = ce.strategy_tornado(summary, 15_000).set_index("parameter")
    # at 15,000 yuan per unit of effect D is optimal (DESIGN.md), E the runner-up
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
    with pytest.raises(InputError, match="at least two strategies"):
        ce.strategy_tornado(summary.iloc[:1], 1.0)
    with pytest.raises(InputError, match="wtp must be >= 0"):
        ce.strategy_tornado(summary, -1.0)
    with pytest.raises(InputError, match="duplicate strategy name 'E'"):
        ce.strategy_tornado(summary.assign(strategy=["E"] * 6), 1.0)
