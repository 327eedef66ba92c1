"""Tests of workbench.funding: published test vectors, properties, validation, tidy outputs."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CONTRACT_KEYS
from workbench import funding
from workbench.errors import InputError
from workbench.funding import (
    DEFAULT_SOURCES,
    concentration,
    diversify,
    effective_number_of_sources,
    funding_results,
    gini,
    hhi,
    inequality_summary,
    lorenz_curve,
    mean_pairwise_distance,
    palma_ratio,
    primary_source,
    primary_source_shares,
    scale_vs_mix,
    stress_test,
    summary_by_decile,
    summary_by_group,
    theil,
    theil_by_group,
    top_share,
    validate_organisations,
)
from workbench.synth import organisations

ROOT = Path(__file__).resolve().parents[1]
SOURCES = list(DEFAULT_SOURCES)
PROPS = settings(max_examples=60, deadline=None)


@pytest.fixture(scope="module")
def orgs() -> pd.DataFrame:
    return organisations()


def small_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "org_id": ["a", "b", "c", "d"],
            "group": ["x", "x", "y", "y"],
            "government_purchase": [90.0, 50.0, 10.0, 0.0],
            "foundation_grants": [0.0, 10.0, 0.0, 5.0],
            "donations": [5.0, 10.0, 0.0, 0.0],
            "service_fees": [5.0, 20.0, 0.0, 10.0],
            "other": [0.0, 10.0, 0.0, 0.0],
        }
    )


# ------------------------------------------------------------------------------------------
# test vectors (DESIGN.md)
# ------------------------------------------------------------------------------------------


def test_hhi_test_vectors() -> None:
    assert hhi([0.3, 0.7]) == pytest.approx(0.58)
    assert hhi([0.95, 0.02, 0.02, 0.01]) == pytest.approx(0.9034)
    assert hhi([0.95, 0.02, 0.02, 0.01], normalized=True) == pytest.approx(0.8712, abs=5e-5)
    # amounts are normalised to shares first
    assert hhi([30, 70]) == pytest.approx(0.58)
    assert hhi([950, 20, 20, 10], normalized=True) == pytest.approx(0.8712, abs=5e-5)


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
    with pytest.raises(InputError):
        hhi([0.5, -0.1])
    assert np.isnan(hhi([3.0], normalized=True))


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


# ------------------------------------------------------------------------------------------
# properties (hypothesis)
# ------------------------------------------------------------------------------------------

# zero or a normal float: scaling a subnormal by c < 1 would underflow and change the data
amount = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e6))
amounts = st.lists(
    amount,
    min_size=2,
    max_size=40,
).filter(lambda xs: sum(xs) > 1e-3)


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
    assert hhi(x * c, normalized=True) == pytest.approx(hhi(x, normalized=True), abs=1e-9)


@PROPS
@given(amounts, st.randoms(use_true_random=False))
def test_permutation_invariance(xs: list[float], rnd) -> None:
    x = np.array(xs)
    perm = np.array(rnd.sample(range(x.size), x.size))
    groups = np.arange(x.size) % 3
    assert gini(x[perm]) == pytest.approx(gini(x), abs=1e-12)
    assert theil(x[perm]) == pytest.approx(theil(x), abs=1e-12)
    assert hhi(x[perm]) == pytest.approx(hhi(x), abs=1e-12)
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
@given(st.floats(min_value=1e-3, max_value=1e6), st.integers(min_value=1, max_value=50))
def test_equal_values_give_zero(value: float, n: int) -> None:
    assert gini([value] * n) == pytest.approx(0.0, abs=1e-12)
    assert theil([value] * n) == pytest.approx(0.0, abs=1e-12)
    assert hhi([value] * max(n, 2), normalized=True) == pytest.approx(0.0, abs=1e-12)


# ------------------------------------------------------------------------------------------
# validation
# ------------------------------------------------------------------------------------------


def test_validate_returns_float_copy() -> None:
    df = small_frame().astype({"donations": object})
    df.loc[1, "donations"] = "10"
    out = validate_organisations(df)
    assert out["donations"].dtype == float and out["donations"].tolist() == [5, 10, 0, 0]
    assert df.loc[1, "donations"] == "10"  # input untouched


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.iloc[0:0], "no data rows"),
        (lambda d: d.drop(columns="donations"), "missing column 'donations'"),
        (lambda d: d.drop(columns="org_id"), "missing column 'org_id'"),
        (lambda d: d.assign(org_id=["a", None, "c", None]), "'org_id' is empty at rows 2, 4"),
        (
            lambda d: d.assign(org_id=["a", "b", "a", "d"]),
            "'org_id' has duplicate values at rows 1, 3",
        ),
        (lambda d: d.assign(group=["x", "", "y", "y"]), "'group' is empty at row 2"),
        (
            lambda d: d.assign(other=[0, "n/a", 0, "1,000"]),
            "'other' has non-numeric amounts at rows 2, 4",
        ),
        (lambda d: d.assign(other=[0, np.nan, 0, 0]), "'other' has missing amounts at row 2"),
        (
            lambda d: d.assign(donations=[1, -1, 0, -2]),
            "'donations' has negative amounts at rows 2, 4",
        ),
        (lambda d: d.assign(service_fees=[5, 20, np.inf, 10]), "'service_fees' has infinite"),
        (lambda d: d.assign(government_purchase=[90, 50, 0, 0]), "zero total funding"),
    ],
)
def test_validate_errors(mutate, expected: str) -> None:
    with pytest.raises(InputError) as err:
        validate_organisations(mutate(small_frame()), source_label="orgs.csv")
    message = str(err.value)
    assert message.startswith("orgs.csv: ")
    assert expected in message
    assert "\n" not in message


def test_validate_many_bad_rows_is_summarised_and_missing_as_zero() -> None:
    df = pd.concat([small_frame()] * 5, ignore_index=True)
    df["org_id"] = [f"o{i}" for i in range(len(df))]
    df["donations"] = -1.0
    with pytest.raises(InputError, match=r"rows 1, 2, 3, 4, 5 and 15 more"):
        validate_organisations(df)
    blanks = small_frame().assign(other=[0, None, 0, ""])
    assert validate_organisations(blanks, missing_as_zero=True)["other"].tolist() == [0] * 4
    no_group = validate_organisations(small_frame().drop(columns="group"), group_column=None)
    assert "group" not in no_group.columns and no_group.attrs["n_dropped_zero_total"] == 0
    zero = small_frame().assign(government_purchase=[90, 50, 0, 0])
    kept = validate_organisations(zero, drop_zero_total=True)
    assert kept["org_id"].tolist() == ["a", "b", "d"]
    assert kept.attrs["n_dropped_zero_total"] == 1


def test_analysis_functions_reject_bad_arguments(orgs: pd.DataFrame) -> None:
    with pytest.raises(InputError, match="sources"):
        funding.concentration(orgs, ["government_purchase", "nope"])
    with pytest.raises(InputError, match="government_source"):
        funding.concentration(orgs, ["donations", "other"])
    with pytest.raises(InputError, match="threshold"):
        stress_test(orgs, threshold=1.5)
    with pytest.raises(InputError, match="cuts"):
        stress_test(orgs, cuts=[0.1, 1.2])
    with pytest.raises(InputError, match="data_kind"):
        funding_results(orgs, data_kind="made-up")
    with pytest.raises(InputError):
        gini([])
    with pytest.raises(InputError):
        gini([0, 0])


# ------------------------------------------------------------------------------------------
# funding mix, concentration and summaries
# ------------------------------------------------------------------------------------------


def test_concentration_and_primary_source() -> None:
    df = small_frame()
    df.loc[3, "government_purchase"] = 10.0  # ties with service_fees? no: 10 vs 10 -> tie
    conc = concentration(df)
    assert conc["total"].tolist() == [100, 100, 10, 25]
    assert conc["government_share"].tolist() == pytest.approx([0.9, 0.5, 1.0, 0.4])
    assert conc["market_share"].tolist() == pytest.approx([0.1, 0.4, 0.0, 0.6])
    assert conc["hhi"].iloc[2] == pytest.approx(1.0)
    assert conc["hhi"].iloc[0] == pytest.approx(0.81 + 0.0025 + 0.0025)
    assert conc["effective_sources"].iloc[2] == pytest.approx(1.0)
    # row 4: government 10, service_fees 10 -> tie goes to the first listed source
    assert primary_source(df).tolist() == ["government_purchase"] * 4
    assert conc["primary_category"].tolist() == ["government"] * 4


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
    assert primary_source_shares(orgs, n_boot=0)["ci_low"].isna().all()


def test_summary_by_group(orgs: pd.DataFrame) -> None:
    res = summary_by_group(orgs)
    assert len(res) == orgs["group"].nunique() == 32
    assert res["n"].sum() == len(orgs)
    assert res["funding_share"].sum() == pytest.approx(1.0)
    first = res.iloc[0]
    sub = orgs[orgs["group"] == first["group"]]
    total = sub[SOURCES].sum(axis=1)
    assert first["gini_within"] == pytest.approx(gini(total))
    assert first["median_total"] == pytest.approx(total.median())
    assert first["government_share_of_money"] == pytest.approx(
        sub["government_purchase"].sum() / total.sum()
    )
    assert first["hhi_mean"] == pytest.approx(hhi(sub[SOURCES]).mean())
    by_city = summary_by_group(orgs, group_column="city")
    assert sorted(by_city["group"]) == ["上海", "北京"]


def test_summary_by_decile(orgs: pd.DataFrame) -> None:
    res = summary_by_decile(orgs)
    assert res["decile"].tolist() == list(range(1, 11))
    assert (res["n"] == 200).all()
    assert (res["total_max"].iloc[:-1].to_numpy() <= res["total_min"].iloc[1:].to_numpy()).all()
    assert res["funding_share"].iloc[-1] == pytest.approx(top_share(orgs[SOURCES].sum(axis=1)))
    assert len(summary_by_decile(small_frame(), n_bins=10)) == 4  # empty bins dropped


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


def test_scale_differs_sources_converge(orgs: pd.DataFrame) -> None:
    res = scale_vs_mix(orgs).set_index(["dimension", "metric"])["value"]
    total = orgs[SOURCES].sum(axis=1)
    assert res[("scale", "gini")] == pytest.approx(gini(total))
    assert res[("scale", "sd_log10")] == pytest.approx(np.log10(total).std(ddof=1))
    assert res[("scale", "gini")] > 3 * res[("mix", "gini")]
    assert res[("scale", "cv")] > 5 * res[("mix", "cv")]
    assert res[("mix", "share_modal_primary")] == pytest.approx(0.95)
    assert 0 < res[("mix", "mean_pairwise_tv")] < 0.3
    lt = np.log10(total.to_numpy()[:300])
    brute = np.mean([abs(a - b) for a, b in itertools.combinations(lt, 2)])
    sub = scale_vs_mix(orgs.iloc[:300]).set_index(["dimension", "metric"])["value"]
    assert sub[("scale", "mean_abs_log10_ratio")] == pytest.approx(brute, rel=1e-10)


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
    between = res.loc["theil_between_share"]
    assert between["bias"] > 0
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
    small = inequality_summary(total, n_boot=0, small_sample=True).set_index("indicator")
    assert "theil_between_share" not in small.index
    assert small.loc["gini", "estimate"] == pytest.approx(gini(total, small_sample=True))
    assert small["ci_low"].isna().all()


def test_bootstrap_blocks_give_same_result_as_one_block(monkeypatch, orgs) -> None:
    total = orgs[SOURCES].sum(axis=1).to_numpy()[:500]
    one = inequality_summary(total, n_boot=40, seed=9)
    monkeypatch.setattr(funding, "_MAX_CELLS", 500 * 7)  # blocks of 7 replicates
    many = inequality_summary(total, n_boot=40, seed=9)
    pd.testing.assert_frame_equal(one, many)


# ------------------------------------------------------------------------------------------
# stress test
# ------------------------------------------------------------------------------------------


def test_diversify_keeps_totals() -> None:
    df = small_frame()
    out = diversify(df, fraction=0.5)
    assert out[SOURCES].sum(axis=1).tolist() == pytest.approx(df[SOURCES].sum(axis=1).tolist())
    assert out["government_purchase"].tolist() == pytest.approx([45, 25, 5, 0])
    # row 3 had no market funding: equal split of the 5 moved
    assert out.loc[2, ["foundation_grants", "donations", "service_fees"]].tolist() == (
        pytest.approx([5 / 3] * 3)
    )
    # row 1: market mix 0/5/5 -> 45 split 0/22.5/22.5
    assert out.loc[0, ["foundation_grants", "donations", "service_fees"]].tolist() == (
        pytest.approx([0, 27.5, 27.5])
    )


def test_stress_test_relative_matches_brute_force(orgs: pd.DataFrame) -> None:
    res = stress_test(orgs, cuts=[0, 0.2, 0.3, 0.5], diversification=[0, 0.25], threshold=0.8)
    assert len(res) == 8 and (res["group"] == "all").all()
    total = orgs[SOURCES].sum(axis=1).to_numpy()
    g = orgs["government_purchase"].to_numpy()
    for row in res.itertuples():
        after = diversify(orgs, fraction=row.diversification)
        cut_total = after[SOURCES].sum(axis=1) - row.cut * after["government_purchase"]
        assert row.n_below == int((cut_total.to_numpy() < 0.8 * total).sum())
        assert row.funding_after_share == pytest.approx(cut_total.sum() / total.sum())
        assert row.funding_lost == pytest.approx(row.cut * (1 - row.diversification) * g.sum())
    assert (res.loc[res["cut"] == 0, "n_below"] == 0).all()
    no_div = res[res["diversification"] == 0].sort_values("cut")["n_below"].to_numpy()
    div = res[res["diversification"] == 0.25].sort_values("cut")["n_below"].to_numpy()
    assert (np.diff(no_div) >= 0).all() and (div <= no_div).all()
    assert no_div[-1] > div[-1]  # diversification protects some organisations


def test_stress_test_absolute_and_grouped(orgs: pd.DataFrame) -> None:
    res = stress_test(
        orgs,
        cuts=[0, 0.5],
        diversification=[0],
        threshold=10.0,
        threshold_kind="absolute",
        group_column="city",
    )
    total = orgs[SOURCES].sum(axis=1)
    overall = res[res["group"] == "all"].set_index("cut")
    assert overall.loc[0, "n_below"] == (total < 10).sum() == overall.loc[0, "n_below_baseline"]
    assert overall.loc[0.5, "n_newly_below"] == overall.loc[0.5, "n_below"] - (total < 10).sum()
    parts = res[res["group"] != "all"].groupby("cut")[["n_below", "n_organisations"]].sum()
    assert parts.loc[0.5, "n_below"] == overall.loc[0.5, "n_below"]
    assert parts.loc[0.5, "n_organisations"] == len(orgs)
    assert set(res["threshold_kind"]) == {"absolute"}


# ------------------------------------------------------------------------------------------
# key results
# ------------------------------------------------------------------------------------------


def test_funding_results_keys_and_values(orgs: pd.DataFrame) -> None:
    res = funding_results(orgs, data_kind="synthetic")
    required = CONTRACT_KEYS["funding_distribution"]
    assert required <= set(res)
    total = orgs[SOURCES].sum(axis=1)
    assert res["share_primary_government"] == pytest.approx(0.95)
    assert res["share_primary_market"] < 0.03
    assert res["gini_scale"] == pytest.approx(gini(total))
    assert res["theil_scale"] == pytest.approx(theil(total))
    assert res["theil_between_share"] == pytest.approx(theil(total, orgs["group"])["between_share"])
    assert res["mean_hhi"] == pytest.approx(hhi(orgs[SOURCES]).mean())
    assert res["n_organisations"] == 2000 and isinstance(res["n_organisations"], int)
    assert res["data_kind"] == "synthetic"
    assert all(isinstance(v, int | float | str) for v in res.values())


def test_irs_990_mapping_runs_end_to_end() -> None:
    """The proposed column map for the real IRS SOI Form 990 extract (see the notebook)."""
    path = ROOT / "data" / "external" / "irs_soi_990_2016_medical_research_orgs.csv"
    column_map = {
        "org_id": "row_index_in_source",
        "government_purchase": "totcntrbgfts",
        "service_fees": "totprgmrevnue",
        "other": "royaltsinc",
    }
    raw = pd.read_csv(path)
    df = raw.rename(columns={theirs: canon for canon, theirs in column_map.items()})
    sources = ["government_purchase", "service_fees", "other"]
    with pytest.raises(InputError, match="zero total funding"):
        validate_organisations(df, sources, "irs990.csv", group_column=None)
    clean = validate_organisations(
        df, sources, "irs990.csv", group_column=None, drop_zero_total=True
    )
    assert clean.attrs["n_dropped_zero_total"] == int(
        (raw[["totcntrbgfts", "totprgmrevnue", "royaltsinc"]].sum(axis=1) == 0).sum()
    )
    res = funding_results(
        clean, sources, group_column=None, data_kind="external", market_sources=["service_fees"]
    )
    assert res["n_organisations"] == len(clean)
    assert np.isnan(res["theil_between_share"])
    assert 0 < res["share_primary_government"] < 1 and 0 < res["gini_scale"] < 1


# ----------------------------------------------------------------------------------------------
# helpers for the notebook: labels, reading users' files, mix by decile, cut grid
# ----------------------------------------------------------------------------------------------


def test_source_labels_cover_the_defaults_in_both_languages() -> None:
    for s in DEFAULT_SOURCES:
        assert funding.source_label(s, "en") != s and funding.source_label(s, "zh") != s
    assert funding.source_label("government_purchase", "zh") == "政府购买服务"
    assert funding.source_label("my_column", "zh") == "my_column"


def test_read_organisations_reads_gbk_with_a_column_map(tmp_path: Path) -> None:
    frame = small_frame().rename(columns={"org_id": "编号", "donations": "捐赠"})
    path = tmp_path / "orgs.csv"
    frame.to_csv(path, index=False, encoding="gbk")
    df = funding.read_organisations(path, column_map={"org_id": "编号", "donations": "捐赠"})
    assert list(df["org_id"]) == ["a", "b", "c", "d"]
    assert df["donations"].dtype == float and df.attrs["n_dropped_zero_total"] == 0


def test_read_organisations_group_column_hint_and_no_grouping(tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    small_frame().drop(columns=["group"]).to_csv(path, index=False)
    with pytest.raises(InputError, match="no group column 'group'"):
        funding.read_organisations(path)
    assert len(funding.read_organisations(path, group_column="")) == 4


def test_read_organisations_names_file_column_and_rows(tmp_path: Path) -> None:
    frame = small_frame()
    frame.loc[[1, 3], "service_fees"] = -1.0
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(InputError, match=rf"{path}: column 'service_fees'.*rows 2, 4"):
        funding.read_organisations(path)


def test_mix_by_decile_rows_sum_to_one_and_match_summary(orgs: pd.DataFrame) -> None:
    mix = funding.mix_by_decile(orgs, SOURCES, n_bins=10)
    assert list(mix.index) == list(range(1, 11)) and list(mix.columns) == SOURCES
    np.testing.assert_allclose(mix.sum(axis=1), 1.0)
    summary = summary_by_decile(orgs, SOURCES, n_bins=10)
    np.testing.assert_allclose(mix["government_purchase"], summary["government_share_mean"])


def test_mix_by_decile_small_case() -> None:
    df = small_frame()
    df.loc[3, "government_purchase"] = 1.0  # totals 100, 100, 10, 16
    mix = funding.mix_by_decile(df, SOURCES, n_bins=2)
    # bin 1: c (10, all government) and d (1 of 16); bin 2: a and b (by row order on the tie)
    assert mix.loc[1, "government_purchase"] == pytest.approx((1.0 + 1 / 16) / 2)
    assert mix.loc[2, "government_purchase"] == pytest.approx((0.9 + 0.5) / 2)
    with pytest.raises(InputError, match="n_bins"):
        funding.mix_by_decile(df, SOURCES, n_bins=0)


def test_cut_grid() -> None:
    assert funding.cut_grid().tolist() == list(funding.DEFAULT_CUTS)
    assert funding.cut_grid(0.5, 0.15).tolist() == [0.0, 0.15, 0.3, 0.45, 0.5]
    assert funding.cut_grid(1, 1).tolist() == [0.0, 1.0]
    with pytest.raises(InputError, match="cut_step"):
        funding.cut_grid(0.2, 0.3)
    with pytest.raises(InputError, match="cut_max"):
        funding.cut_grid(1.5, 0.1)
