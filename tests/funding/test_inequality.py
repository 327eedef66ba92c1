"""workbench.funding.inequality: Gini, Theil, Lorenz test vectors, properties, the bootstrap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import funding
from workbench.funding import bootstrap
from workbench.funding.inequality import (
    gini,
    inequality_summary,
    lorenz_curve,
    palma_ratio,
    theil,
    theil_by_group,
    top_share,
)
from workbench.funding.schema import DEFAULT_SOURCES

SOURCES = list(DEFAULT_SOURCES)
PROPS = settings(max_examples=60, deadline=None)
# zero or a normal float: scaling a subnormal by c < 1 would underflow and change the data
amount = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e6))
amounts = st.lists(amount, min_size=2, max_size=40).filter(lambda xs: sum(xs) > 1e-3)


def test_gini_test_vectors() -> None:
    assert gini([1, 3, 2, 1, 1, 1, 4]) == pytest.approx(0.3076923, abs=1e-7)
    assert gini([10] * 9 + [100]) == pytest.approx(0.4263158, abs=1e-7)
    # R ineq::Gini(x, corr = TRUE) = n/(n-1) * the default
    assert gini([1, 3, 2, 1, 1, 1, 4], small_sample=True) == pytest.approx(
        0.3076923 * 7 / 6, abs=1e-7
    )
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)
    assert gini([0, 0, 0, 1], small_sample=True) == pytest.approx(1.0)
    assert np.isnan(gini([5.0], small_sample=True))


def test_contract_names_are_the_package_names() -> None:
    assert funding.gini is gini and funding.theil is theil
    assert funding.gini([10] * 9 + [100]) == pytest.approx(0.4263158, abs=1e-7)


def test_gini_equals_mean_absolute_difference_definition() -> None:
    x = np.random.default_rng(1).lognormal(size=300)
    mad = np.abs(x[:, None] - x[None, :]).sum() / (2 * x.size**2 * x.mean())
    assert gini(x) == pytest.approx(mad, rel=1e-10)


def test_theil_known_values() -> None:
    x = np.array([1.0, 2.0, 3.0, 10.0])
    r = x / x.mean()
    assert theil(x) == pytest.approx(np.mean(r * np.log(r)))
    assert theil([0, 0, 0, 7.0]) == pytest.approx(np.log(4))  # maximum ln(n)
    res = theil(x, groups=["a", "a", "b", "b"])
    assert set(res) >= {"total", "between", "within", "between_share"}
    assert res["total"] == pytest.approx(theil(x))
    assert res["between"] + res["within"] == pytest.approx(res["total"], abs=1e-12)
    # between: group means 1.5 and 6.5 with income shares 3/16 and 13/16
    assert res["between"] == pytest.approx(3 / 16 * np.log(1.5 / 4) + 13 / 16 * np.log(6.5 / 4))
    table = theil_by_group(x, ["a", "a", "b", "b"])
    assert table["group"].tolist() == ["a", "b"]
    parts = table["within_contribution"].sum() + table["between_contribution"].sum()
    assert parts == pytest.approx(res["total"])
    assert table["theil"].iloc[0] == pytest.approx(theil([1.0, 2.0]))


def test_lorenz_top_share_palma() -> None:
    x = np.arange(1, 11, dtype=float)
    assert top_share(x, 0.10) == pytest.approx(10 / 55)
    assert palma_ratio(x) == pytest.approx((10 / 55) / (10 / 55))
    assert top_share([1] * 9 + [91]) == pytest.approx(0.91)
    assert palma_ratio([0] * 4 + [1] * 6) == np.inf
    curve = lorenz_curve(x, n_points=None)
    assert len(curve) == 11
    assert curve.iloc[0].tolist() == [0.0, 0.0] and curve.iloc[-1].tolist() == [1.0, 1.0]
    assert curve["value_share"].iloc[4] == pytest.approx(10 / 55)
    grid = lorenz_curve(np.random.default_rng(2).lognormal(size=500))
    assert len(grid) == 101
    assert (np.diff(grid["value_share"]) >= 0).all()
    assert (grid["value_share"] <= grid["population_share"] + 1e-12).all()


def test_misuse_raises_value_or_type_errors() -> None:
    for bad in ([], [0, 0], [1.0, np.nan], [1.0, -1.0], [[1.0, 2.0]]):
        with pytest.raises(ValueError):
            gini(bad)
    with pytest.raises(TypeError):
        gini(["a", "b"])
    with pytest.raises(ValueError, match="top"):
        top_share([1.0, 2.0], 1.5)
    with pytest.raises(ValueError, match="n_points"):
        lorenz_curve([1.0, 2.0], n_points=1)
    with pytest.raises(ValueError, match="groups"):
        theil([1.0, 2.0], groups=["a"])
    with pytest.raises(ValueError, match="ci_method"):
        inequality_summary([1.0, 2.0], n_boot=0, seed=1, ci_method="bca")
    with pytest.raises(ValueError, match="ci"):
        inequality_summary([1.0, 2.0], n_boot=10, seed=1, ci=1.5)


@PROPS
@given(amounts)
def test_gini_and_theil_bounds(xs: list[float]) -> None:
    g = gini(xs)
    assert 0.0 <= g <= 1.0
    assert 0.0 <= gini(xs, small_sample=True) <= 1.0 + 1e-12
    assert -1e-12 <= theil(xs) <= np.log(len(xs)) + 1e-9


@PROPS
@given(amounts, st.floats(min_value=1e-3, max_value=1e3))
def test_scale_invariance(xs: list[float], c: float) -> None:
    x = np.array(xs)
    assert gini(x * c) == pytest.approx(gini(x), abs=1e-9)
    assert theil(x * c) == pytest.approx(theil(x), abs=1e-9)
    assert top_share(x * c) == pytest.approx(top_share(x), abs=1e-9)


@PROPS
@given(amounts, st.randoms(use_true_random=False))
def test_permutation_invariance(xs: list[float], rnd) -> None:
    x = np.array(xs)
    perm = np.array(rnd.sample(range(x.size), x.size))
    groups = np.arange(x.size) % 3
    assert gini(x[perm]) == pytest.approx(gini(x), abs=1e-12)
    assert theil(x[perm]) == pytest.approx(theil(x), abs=1e-12)
    a, b = theil(x, groups), theil(x[perm], groups[perm])
    assert a["between"] == pytest.approx(b["between"], abs=1e-12)


@PROPS
@given(
    st.lists(
        st.tuples(amount, st.integers(min_value=0, max_value=5)),
        min_size=1,
        max_size=40,
    ).filter(lambda rows: sum(v for v, _ in rows) > 1e-3)
)
def test_theil_decomposition_exact_for_any_grouping(rows: list[tuple[float, int]]) -> None:
    x = np.array([v for v, _ in rows])
    g = [f"g{k}" for _, k in rows]
    res = theil(x, g)
    assert res["between"] + res["within"] == pytest.approx(res["total"], abs=1e-9)
    assert res["between"] >= -1e-12 and res["within"] >= -1e-12


@PROPS
@given(st.floats(min_value=1e-3, max_value=1e6), st.integers(min_value=1, max_value=50))
def test_equal_values_give_zero(value: float, n: int) -> None:
    assert gini([value] * n) == pytest.approx(0.0, abs=1e-12)
    assert theil([value] * n) == pytest.approx(0.0, abs=1e-12)


def test_inequality_summary(orgs: pd.DataFrame) -> None:
    total = orgs[SOURCES].sum(axis=1).to_numpy()
    res = inequality_summary(total, orgs["group"], n_boot=300, seed=5).set_index("indicator")
    assert res.loc["gini", "estimate"] == pytest.approx(gini(total))
    assert res.loc["theil", "estimate"] == pytest.approx(theil(total))
    assert res.loc["theil_between_share", "estimate"] == pytest.approx(
        theil(total, orgs["group"])["between_share"]
    )
    assert res.loc["top10_share", "estimate"] == pytest.approx(top_share(total))
    assert res.loc["palma", "estimate"] == pytest.approx(palma_ratio(total))
    plain = res.drop(index="theil_between_share")
    assert ((plain["ci_low"] <= plain["estimate"]) & (plain["estimate"] <= plain["ci_high"])).all()
    # the plug-in between-group share is biased upwards with ~60 heavy-tailed organisations per
    # group; the bootstrap shows it, and the basic interval is centred on the corrected estimate
    assert res.loc["theil_between_share", "bias"] > 0
    basic = inequality_summary(
        total, orgs["group"], n_boot=300, seed=5, ci_method="basic"
    ).set_index("indicator")
    assert basic.loc["gini", "ci_low"] == pytest.approx(
        2 * res.loc["gini", "estimate"] - res.loc["gini", "ci_high"]
    )
    corrected = basic.loc["theil_between_share", "estimate_bias_corrected"]
    assert basic.loc["theil_between_share", "ci_low"] <= corrected
    assert corrected <= basic.loc["theil_between_share", "ci_high"]
    again = inequality_summary(total, orgs["group"], n_boot=300, seed=5).set_index("indicator")
    pd.testing.assert_frame_equal(res, again)
    small = inequality_summary(total, n_boot=0, seed=5, small_sample=True).set_index("indicator")
    assert "theil_between_share" not in small.index
    assert small.loc["gini", "estimate"] == pytest.approx(gini(total, small_sample=True))
    assert small["ci_low"].isna().all()


def test_bootstrap_blocks_give_same_result_as_one_block(monkeypatch, orgs) -> None:
    total = orgs[SOURCES].sum(axis=1).to_numpy()[:500]
    one = inequality_summary(total, n_boot=40, seed=9)
    monkeypatch.setattr(bootstrap, "MAX_CELLS", 500 * 7)  # blocks of 7 replicates
    many = inequality_summary(total, n_boot=40, seed=9)
    pd.testing.assert_frame_equal(one, many)
