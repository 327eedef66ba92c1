"""workbench.funding.summaries: by group, by decile, mix by decile, scale versus mix."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from workbench.funding.inequality import gini, top_share
from workbench.funding.mix import hhi
from workbench.funding.schema import DEFAULT_SOURCES
from workbench.funding.summaries import (
    mix_by_decile,
    scale_vs_mix,
    summary_by_decile,
    summary_by_group,
)

from .frames import small_frame

SOURCES = list(DEFAULT_SOURCES)


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
    with pytest.raises(ValueError, match="group_column"):
        summary_by_group(orgs, group_column="nope")


def test_summary_by_decile(orgs: pd.DataFrame) -> None:
    res = summary_by_decile(orgs)
    assert res["decile"].tolist() == list(range(1, 11))
    assert (res["n"] == 200).all()
    assert (res["total_max"].iloc[:-1].to_numpy() <= res["total_min"].iloc[1:].to_numpy()).all()
    assert res["funding_share"].iloc[-1] == pytest.approx(top_share(orgs[SOURCES].sum(axis=1)))
    assert len(summary_by_decile(small_frame(), n_bins=10)) == 4  # empty bins dropped


def test_mix_by_decile_rows_sum_to_one_and_match_summary(orgs: pd.DataFrame) -> None:
    mix = mix_by_decile(orgs, SOURCES, n_bins=10)
    assert list(mix.index) == list(range(1, 11)) and list(mix.columns) == SOURCES
    np.testing.assert_allclose(mix.sum(axis=1), 1.0)
    summary = summary_by_decile(orgs, SOURCES, n_bins=10)
    np.testing.assert_allclose(mix["government_purchase"], summary["government_share_mean"])


def test_mix_by_decile_small_case() -> None:
    df = small_frame()
    df.loc[3, "government_purchase"] = 1.0  # totals 100, 100, 10, 16
    mix = mix_by_decile(df, SOURCES, n_bins=2)
    # bin 1: c (10, all government) and d (1 of 16); bin 2: a and b (by row order on the tie)
    assert mix.loc[1, "government_purchase"] == pytest.approx((1.0 + 1 / 16) / 2)
    assert mix.loc[2, "government_purchase"] == pytest.approx((0.9 + 0.5) / 2)
    with pytest.raises(ValueError, match="n_bins"):
        mix_by_decile(df, SOURCES, n_bins=0)


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


def test_scale_vs_mix_keeps_its_row_order(orgs: pd.DataFrame) -> None:
    res = scale_vs_mix(orgs)
    assert list(zip(res["dimension"], res["metric"], strict=True)) == [
        ("scale", "cv"),
        ("mix", "cv"),
        ("scale", "gini"),
        ("mix", "gini"),
        ("scale", "sd_log10"),
        ("scale", "p90_p10"),
        ("scale", "mean_abs_log10_ratio"),
        ("mix", "sd"),
        ("mix", "mean_pairwise_tv"),
        ("mix", "share_modal_primary"),
    ]
