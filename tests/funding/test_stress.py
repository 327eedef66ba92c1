"""workbench.funding.stress: diversification, the cut grid and the stress test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.funding.schema import DEFAULT_SOURCES
from workbench.funding.stress import cut_grid, diversify, share_below, stress_test

from .frames import small_frame

SOURCES = list(DEFAULT_SOURCES)
DEFAULT = dict(diversification=[0.0, 0.1, 0.2, 0.3], threshold=0.8, threshold_kind="relative")


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
    with pytest.raises(ValueError, match="fraction"):
        diversify(df, fraction=1.5)
    with pytest.raises(ValueError, match="market_sources"):
        diversify(df, fraction=0.5, market_sources=[])


def test_cut_grid() -> None:
    assert cut_grid(0.5, 0.05).tolist() == [round(0.05 * i, 2) for i in range(11)]
    assert cut_grid(0.5, 0.15).tolist() == [0.0, 0.15, 0.3, 0.45, 0.5]
    assert cut_grid(1, 1).tolist() == [0.0, 1.0]
    with pytest.raises(ValueError, match="cut_step"):
        cut_grid(0.2, 0.3)
    with pytest.raises(ValueError, match="cut_max"):
        cut_grid(1.5, 0.1)


def test_stress_test_relative_matches_brute_force(orgs: pd.DataFrame) -> None:
    res = stress_test(
        orgs,
        cuts=[0, 0.2, 0.3, 0.5],
        diversification=[0, 0.25],
        threshold=0.8,
        threshold_kind="relative",
    )
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


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        (dict(threshold=1.5), "threshold"),
        (dict(threshold=-1.0, threshold_kind="absolute"), "threshold"),
        (dict(threshold_kind="both"), "threshold_kind"),
        (dict(cuts=[0.1, 1.2]), "cuts"),
        (dict(diversification=[]), "diversification"),
        (dict(market_sources=[]), "market_sources"),
        (dict(group_column="nope"), "group_column"),
    ],
)
def test_stress_test_rejects_bad_arguments(orgs: pd.DataFrame, changes, match) -> None:
    args = dict(cuts=cut_grid(0.5, 0.05), **DEFAULT) | changes
    with pytest.raises(ValueError, match=match):
        stress_test(orgs, **args)


@pytest.mark.parametrize(
    "threshold, kind",
    [(0.8, "relative"), (0.95, "relative"), (10.0, "absolute"), (0.0, "absolute")],
)
def test_share_below_from_arrays_is_the_stress_tests_share(orgs, threshold, kind) -> None:
    cuts, levels = cut_grid(0.5, 0.05), [0.0, 0.15, 0.3, 1.0]
    table = stress_test(
        orgs, SOURCES, cuts=cuts, diversification=levels, threshold=threshold, threshold_kind=kind
    )
    arr = orgs[SOURCES].to_numpy(dtype=float)
    shares = share_below(
        arr.sum(axis=1),
        arr[:, 0],
        cuts=cuts,
        diversification=levels,
        threshold=threshold,
        threshold_kind=kind,
    )
    assert shares.shape == (len(levels), cuts.size)
    assert shares.ravel().tolist() == table["share_below"].tolist()  # exactly, not approximately


def test_share_below_rejects_bad_arguments() -> None:
    ok = dict(cuts=[0.5], diversification=[0.0], threshold=0.8, threshold_kind="relative")
    with pytest.raises(ValueError, match="same length"):
        share_below(np.ones(3), np.ones(2), **ok)
    with pytest.raises(ValueError, match="cuts"):
        share_below(np.ones(3), np.ones(3), **{**ok, "cuts": [1.5]})
    with pytest.raises(ValueError, match="threshold"):
        share_below(np.ones(3), np.ones(3), **{**ok, "threshold": 1.5})
