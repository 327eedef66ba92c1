"""workbench.funding.mix: HHI test vectors, concentration, primary sources, pairwise distance."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import funding
from workbench.funding.mix import (
    concentration,
    effective_number_of_sources,
    funding_shares,
    hhi,
    mean_pairwise_distance,
    primary_source,
    primary_source_shares,
    total_funding,
)
from workbench.funding.schema import DEFAULT_SOURCES

from .frames import small_frame

SOURCES = list(DEFAULT_SOURCES)
PROPS = settings(max_examples=60, deadline=None)
amount = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e6))
amounts = st.lists(amount, min_size=2, max_size=40).filter(lambda xs: sum(xs) > 1e-3)


def test_hhi_test_vectors() -> None:
    assert hhi([0.3, 0.7]) == pytest.approx(0.58)
    assert hhi([0.95, 0.02, 0.02, 0.01]) == pytest.approx(0.9034)
    assert hhi([0.95, 0.02, 0.02, 0.01], normalized=True) == pytest.approx(0.8712, abs=5e-5)
    # amounts are normalised to shares first
    assert hhi([30, 70]) == pytest.approx(0.58)
    assert hhi([950, 20, 20, 10], normalized=True) == pytest.approx(0.8712, abs=5e-5)


def test_contract_names_are_the_package_names() -> None:
    assert funding.hhi is hhi
    assert funding.hhi([0.3, 0.7]) == pytest.approx(0.58)


def test_hhi_row_wise_shapes() -> None:
    arr = np.array([[0.3, 0.7], [3.0, 7.0], [1.0, 1.0], [0.0, 0.0]])
    out = hhi(arr)
    assert isinstance(out, np.ndarray) and out.shape == (4,)
    assert out[:3] == pytest.approx([0.58, 0.58, 0.5])
    assert np.isnan(out[3])
    frame = pd.DataFrame(arr[:3], index=["p", "q", "r"], columns=["g", "m"])
    series = hhi(frame, normalized=True)
    assert isinstance(series, pd.Series) and list(series.index) == ["p", "q", "r"]
    assert series["r"] == pytest.approx(0.0)
    assert effective_number_of_sources([1, 1, 1, 1]) == pytest.approx(4.0)
    assert effective_number_of_sources(frame).tolist() == pytest.approx([1 / 0.58, 1 / 0.58, 2])
    assert np.isnan(hhi([3.0], normalized=True))


def test_hhi_rejects_misuse() -> None:
    with pytest.raises(ValueError):
        hhi([0.5, -0.1])
    with pytest.raises(ValueError):
        hhi(np.ones((2, 2, 2)))
    with pytest.raises(TypeError):
        hhi(["a", "b"])


@PROPS
@given(
    st.lists(
        st.lists(st.floats(min_value=0, max_value=1e4), min_size=3, max_size=3).filter(
            lambda r: sum(r) > 1e-6
        ),
        min_size=1,
        max_size=20,
    )
)
def test_normalised_hhi_in_unit_interval(rows: list[list[float]]) -> None:
    h = hhi(np.array(rows), normalized=True)
    assert ((h >= 0) & (h <= 1)).all()
    raw = hhi(np.array(rows))
    assert ((raw >= 1 / 3 - 1e-12) & (raw <= 1 + 1e-12)).all()


@PROPS
@given(amounts)
def test_hhi_is_at_most_the_largest_share(xs: list[float]) -> None:
    x = np.array(xs)
    assert hhi(x) <= x.max() / x.sum() + 1e-12  # so HHI > 0.5 means one source holds most


@PROPS
@given(amounts, st.floats(min_value=1e-3, max_value=1e3))
def test_hhi_scale_invariance(xs: list[float], c: float) -> None:
    x = np.array(xs)
    assert hhi(x * c, normalized=True) == pytest.approx(hhi(x, normalized=True), abs=1e-9)


@PROPS
@given(amounts, st.randoms(use_true_random=False))
def test_hhi_permutation_invariance(xs: list[float], rnd) -> None:
    x = np.array(xs)
    perm = np.array(rnd.sample(range(x.size), x.size))
    assert hhi(x[perm]) == pytest.approx(hhi(x), abs=1e-12)


@PROPS
@given(st.floats(min_value=1e-3, max_value=1e6), st.integers(min_value=2, max_value=50))
def test_equal_shares_give_zero_normalised_hhi(value: float, n: int) -> None:
    assert hhi([value] * n, normalized=True) == pytest.approx(0.0, abs=1e-12)


def test_concentration_and_primary_source() -> None:
    df = small_frame()
    df.loc[3, "government_purchase"] = 10.0  # 10 vs service fees 10: a tie
    conc = concentration(df)
    assert conc["total"].tolist() == [100, 100, 10, 25]
    assert conc["government_share"].tolist() == pytest.approx([0.9, 0.5, 1.0, 0.4])
    assert conc["market_share"].tolist() == pytest.approx([0.1, 0.4, 0.0, 0.6])
    assert conc["hhi"].iloc[2] == pytest.approx(1.0)
    assert conc["hhi"].iloc[0] == pytest.approx(0.81 + 0.0025 + 0.0025)
    assert conc["effective_sources"].iloc[2] == pytest.approx(1.0)
    # row 4: government 10, service_fees 10 -> the tie goes to the first listed source
    assert primary_source(df).tolist() == ["government_purchase"] * 4
    assert conc["primary_category"].tolist() == ["government"] * 4


def test_totals_and_shares() -> None:
    df = small_frame()
    assert total_funding(df).tolist() == [100, 100, 10, 15]
    shares = funding_shares(df)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    assert shares.loc[3, "service_fees"] == pytest.approx(10 / 15)


def test_functions_reject_bad_arguments(orgs: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="sources"):
        concentration(orgs, ["government_purchase", "nope"])
    with pytest.raises(ValueError, match="government_source"):
        concentration(orgs, ["donations", "other"])
    with pytest.raises(ValueError, match="finite numbers"):
        concentration(small_frame().assign(other=[0, -1.0, 0, 0]))


def test_primary_source_shares(orgs: pd.DataFrame) -> None:
    res = primary_source_shares(orgs, n_boot=500, seed=7).set_index("category")
    assert res.loc["primary_government", "share"] == pytest.approx(0.95)
    assert res.loc["primary_market", "share"] < 0.03
    assert res.loc[SOURCES, "share"].sum() == pytest.approx(1.0)
    assert res.loc["primary_market", "share"] == pytest.approx(
        res.loc[["foundation_grants", "donations", "service_fees"], "share"].sum()
    )
    assert ((res["ci_low"] <= res["share"]) & (res["share"] <= res["ci_high"])).all()
    assert res.loc["primary_government", "ci_high"] - res.loc["primary_government", "ci_low"] < 0.03
    again = primary_source_shares(orgs, n_boot=500, seed=7)
    pd.testing.assert_frame_equal(again.set_index("category"), res)
    assert primary_source_shares(orgs, n_boot=0, seed=7)["ci_low"].isna().all()


def test_mean_pairwise_distance_matches_brute_force() -> None:
    rng = np.random.default_rng(3)
    arr = rng.gamma(0.7, size=(40, 4))
    shares = arr / arr.sum(axis=1, keepdims=True)
    brute = np.mean(
        [0.5 * np.abs(shares[i] - shares[j]).sum() for i, j in itertools.combinations(range(40), 2)]
    )
    assert mean_pairwise_distance(arr) == pytest.approx(brute, rel=1e-10)
    assert mean_pairwise_distance(np.tile([1.0, 2.0, 3.0], (5, 1))) == pytest.approx(0.0)
    assert mean_pairwise_distance(np.eye(3)) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="zero total"):
        mean_pairwise_distance([[1.0, 0.0], [0.0, 0.0]])
