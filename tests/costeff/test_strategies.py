"""ICERs with dominance, the cost-effectiveness plane, NMB and arm means: vectors and properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.costeff import icers, nmb
from workbench.costeff import strategies as ce


def test_icers_dampack_vector(dampack):
    tab = icers(dampack).set_index("strategy")
    assert tab.loc["UC", "status"] == "reference"
    assert tab.loc["A", "status"] == "dominated"
    assert tab.loc["C", "status"] == "extendedly dominated"
    for s, value in {"B": 5_000, "D": 12_500, "E": 20_000}.items():
        assert tab.loc[s, "status"] == "non-dominated"
        assert tab.loc[s, "icer"] == pytest.approx(value)
    assert tab.loc[["UC", "A", "C"], "icer"].isna().all()


def test_contract_names_are_the_compute_functions():
    import inspect

    from workbench import costeff
    from workbench.costeff import envelopment, reward

    assert costeff.icers is ce.icers and costeff.nmb is ce.nmb
    assert costeff.dea is envelopment.dea and costeff.discount is reward.discount
    assert list(inspect.signature(costeff.icers).parameters) == ["df", "strategy", "cost", "effect"]
    assert list(inspect.signature(costeff.nmb).parameters) == ["cost", "effect", "wtp"]
    assert list(inspect.signature(costeff.dea).parameters) == [
        "inputs",
        "outputs",
        "rts",
        "orientation",
    ]
    assert list(inspect.signature(costeff.discount).parameters) == ["values", "rate", "start"]


def test_icers_sorted_by_cost_and_keeps_columns(dampack):
    tab = icers(dampack.assign(note="x"))
    assert tab["cost"].is_monotonic_increasing
    assert {"note", "inc_cost", "inc_effect", "icer", "status"} <= set(tab.columns)
    assert set(tab["status"]) <= set(ce.STATUSES)


def test_icers_custom_column_names(dampack):
    df = dampack.rename(columns={"strategy": "s", "cost": "c", "effect": "e"})
    tab = icers(df, strategy="s", cost="c", effect="e")
    assert tab.set_index("s").loc["D", "icer"] == pytest.approx(12_500)


def test_icers_ties_and_single_strategy():
    one = icers(pd.DataFrame({"strategy": ["only"], "cost": [3.0], "effect": [1.0]}))
    assert one["status"].tolist() == ["reference"]
    same = pd.DataFrame({"strategy": ["a", "b", "c"], "cost": [1, 1, 2], "effect": [1, 2, 2]})
    tab = icers(same).set_index("strategy")
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
            "column 'cost' has negative costs (yuan) in data row 2",
        ),
        (
            pd.DataFrame({"strategy": ["a", "b"], "cost": [1, 2], "effect": [1, None]}),
            "missing effects in data row 2",
        ),
        (
            pd.DataFrame({"strategy": ["a", "b"], "cost": ["1", "x"], "effect": [1, 2]}),
            "non-numeric costs (yuan) in data row 2",
        ),
        (pd.DataFrame({"strategy": ["a"], "effect": [1]}), "missing column(s) 'cost'"),
        (pd.DataFrame({"strategy": [], "cost": [], "effect": []}), "no data rows"),
    ],
)
def test_icers_bad_inputs(frame, fragment):
    with pytest.raises(ValueError) as err:
        icers(frame)
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


def test_icers_wrong_type():
    with pytest.raises(TypeError, match="expected a pandas DataFrame"):
        icers([["a", 1, 1]])


def test_icers_lists_first_rows_only():
    df = pd.DataFrame({"strategy": list("abcdefgh"), "cost": [-1] * 8, "effect": range(8)})
    with pytest.raises(ValueError, match=r"data rows 1, 2, 3, 4, 5 and 3 more"):
        icers(df)


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
        tab = icers(df)
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


def test_wtp_ranges_follow_the_frontier(dampack):
    ranges = ce.wtp_ranges(ce.ce_plane(dampack))
    assert ranges == [
        ("UC", 0.0, 5_000.0),
        ("B", 5_000.0, 12_500.0),
        ("D", 12_500.0, 20_000.0),
        ("E", 20_000.0, None),
    ]


@pytest.mark.parametrize(("wtp", "best"), [(10_000, "B"), (15_000, "D"), (25_000, "E")])
def test_nmb_optimal_strategy_vectors(dampack, wtp, best):
    assert ce.optimal_strategy(dampack, wtp) == best
    values = nmb(dampack["cost"], dampack["effect"], wtp)
    assert dampack["strategy"].iloc[int(np.argmax(values))] == best


def test_nmb_scalar_and_broadcast(dampack):
    assert nmb(100.0, 2.0, 70.0) == pytest.approx(40.0)
    assert isinstance(nmb(100.0, 2.0, 70.0), float)
    w = np.array([0.0, 1e4, 2e4])
    out = nmb(
        dampack["cost"].to_numpy()[None, :], dampack["effect"].to_numpy()[None, :], w[:, None]
    )
    assert out.shape == (3, 6)
    assert out[0].tolist() == (-dampack["cost"]).tolist()
    with pytest.raises(ValueError, match="do not broadcast"):
        nmb([1, 2], [1, 2, 3], 1.0)
    with pytest.raises(ValueError, match="missing or infinite"):
        nmb([1, np.nan], [1, 2], 1.0)


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
        lhs = nmb(cost, effect, a * w1 + (1 - a) * w2)
        rhs = a * nmb(cost, effect, w1) + (1 - a) * nmb(cost, effect, w2)
    assert lhs == pytest.approx(rhs, rel=1e-9, abs=1e-6)


def test_nmb_table(dampack):
    tab = ce.nmb_table(dampack, [10_000, 25_000])
    assert len(tab) == 12
    assert tab.groupby("wtp")["optimal"].sum().tolist() == [1, 1]
    assert tab.loc[tab["optimal"], "strategy"].tolist() == ["B", "E"]


def test_cost_per_outcome():
    assert ce.cost_per_outcome(10.0, 4.0) == pytest.approx(2.5)
    with pytest.raises(ValueError, match=r"zero or negative effects at data row 2"):
        ce.cost_per_outcome([1.0, 2.0], [1.0, 0.0])


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


def test_total_cost_and_arm_summary():
    tot = ce.with_total_cost(_frame())
    assert tot["cost"].tolist() == [2.0, 3.0, 4.0, 5.0]
    summ = ce.arm_summary(_frame(), effect_scale=100)
    assert summ["effect"].tolist() == pytest.approx([30.0, 70.0])
    assert summ["n"].tolist() == [2, 2]
    assert summ["se_effect"].tolist() == pytest.approx([10.0, 20.0])


def test_arm_summary_needs_two_units():
    with pytest.raises(ValueError, match="strategy 'z' has 1 unit"):
        ce.arm_summary(_frame().assign(strategy=["x", "x", "y", "z"]).iloc[[0, 1, 3]])
    with pytest.raises(ValueError, match="effect_scale must be a positive number"):
        ce.arm_summary(_frame(), effect_scale=0.0)
