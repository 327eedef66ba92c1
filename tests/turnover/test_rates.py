"""Turnover rates: Wilson (1927) intervals against Newcombe (1998) and the hand formula."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from workbench.errors import DataError
from workbench.turnover import rates


def _wilson_by_hand(k: int, n: int, z: float) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_wilson_interval_matches_newcombe_and_hand_formula():
    df = pd.DataFrame({"left": [1] * 81 + [0] * (263 - 81)})
    r = rates.turnover_rates(df).iloc[0]
    # Newcombe (1998), Table I, example 81/263: Wilson score interval 0.2553 to 0.3662
    assert r["ci_low"] == pytest.approx(0.2553, abs=5e-5)
    assert r["ci_high"] == pytest.approx(0.3662, abs=5e-5)
    lo, hi = _wilson_by_hand(81, 263, stats.norm.ppf(0.975))
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((lo, hi), abs=1e-12)
    assert r["n"] == 263 and r["exits"] == 81 and r["rate"] == pytest.approx(81 / 263)
    assert r["p_value"] == pytest.approx(stats.binomtest(81, 263, 0.30).pvalue)
    assert r["vs_benchmark"] == "consistent"
    assert "workers on the roll" in r["denominator"]


def test_turnover_rates_by_group(workers):
    g = rates.add_turnover_groups(workers)
    r = rates.turnover_rates(g, by=["age_certificate", "contract_type"])
    assert r.iloc[0]["group"] == "all" and r.iloc[0]["n"] == len(workers)
    blk = r[r["group"] == "age_certificate"]
    assert blk["n"].sum() == len(workers) and blk["exits"].sum() == workers["left"].sum()
    young = blk.set_index("level").loc["under 35, certificate"]
    assert young["rate"] > r.iloc[0]["rate"]
    assert young["vs_benchmark"] == "above"


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 400), frac=st.floats(0, 1), alpha=st.sampled_from([0.01, 0.05, 0.2]))
def test_wilson_interval_properties(n, frac, alpha):
    k = int(round(frac * n))
    r = rates.turnover_rates(pd.DataFrame({"left": [1] * k + [0] * (n - k)}), alpha=alpha).iloc[0]
    assert 0.0 <= r["ci_low"] <= r["rate"] <= r["ci_high"] <= 1.0
    lo, hi = _wilson_by_hand(k, n, stats.norm.ppf(1 - alpha / 2))
    assert r["ci_low"] == pytest.approx(max(lo, 0.0), abs=1e-9)
    assert r["ci_high"] == pytest.approx(min(hi, 1.0), abs=1e-9)


def test_young_certificate_gap(workers):
    g = rates.add_turnover_groups(workers)
    gap = rates.young_certificate_gap(g, "left", 35.0)
    young = g["age_certificate"] == "under 35, certificate"
    assert gap.rate == pytest.approx(workers.loc[young, "left"].mean())
    assert gap.other_rate == pytest.approx(workers.loc[~young, "left"].mean())
    assert gap.n + gap.other_n == len(workers) and gap.comparison == "higher"
    assert rates.young_certificate_gap(g.drop(columns="age_certificate"), "left", 35.0) is None


def test_misuse_and_bad_data():
    df = pd.DataFrame({"left": [0, 1, 2], "g": ["a", None, "b"]})
    with pytest.raises(ValueError, match="alpha"):
        rates.turnover_rates(df.iloc[:2], alpha=1.5)
    with pytest.raises(ValueError, match="benchmark"):
        rates.turnover_rates(df.iloc[:2], benchmark=2.0)
    with pytest.raises(DataError, match=r"'left' must be 0 or 1.*data row 3 \(2\)"):
        rates.turnover_rates(df)
    with pytest.raises(DataError, match="grouping column 'g' is missing in data row 2"):
        rates.turnover_rates(df.iloc[:2], by="g")
    with pytest.raises(DataError, match="'nope' not found"):
        rates.turnover_rates(df.iloc[:2], by="nope")
