"""Buoyancy: Haughton's vector, simulated error-correction recovery, statsmodels' UECM, and the
reference series' small sample."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from workbench import datasets
from workbench.fiscal import buoyancy as b
from workbench.fiscal import growth, schema


@pytest.fixture(scope="module")
def ref_national() -> pd.DataFrame:
    return pd.read_csv(datasets.path(schema.REFERENCE_TABLE))


def simulate_ecm(n: int, seed: int, beta_lr=1.2, beta_sr=0.8, lam=-0.5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ly = np.cumsum(0.05 + rng.normal(0, 0.03, n)) + 10
    lr = np.empty(n)
    lr[0] = beta_lr * ly[0] - 2.0
    for t in range(1, n):
        ecm = lr[t - 1] - beta_lr * ly[t - 1] + 2.0
        lr[t] = lr[t - 1] + beta_sr * (ly[t] - ly[t - 1]) + lam * ecm + rng.normal(0, 0.01)
    return pd.DataFrame({"year": 1000 + np.arange(n), "revenue": np.exp(lr), "gdp": np.exp(ly)})


@pytest.fixture(scope="module")
def simulated() -> pd.DataFrame:
    return simulate_ecm(600, seed=20140110)


def test_haughton_1998_vector():
    real_gdp = growth.deflate_growth(0.20, 0.15)
    real_rev = growth.deflate_growth(0.21, 0.15)
    assert b.arc_buoyancy(real_rev, real_gdp) == pytest.approx(1.20, abs=5e-3)
    assert b.arc_buoyancy(0.21, 0.20) == pytest.approx(1.05, abs=1e-12)


def test_buoyancy_methods():
    # log buoyancy is the same on cumulative and annual growth; simple buoyancy is not
    cum_r, cum_y = 0.0638, 0.165
    ann_r, ann_y = growth.annualise(cum_r, 2), growth.annualise(cum_y, 2)
    assert b.arc_buoyancy(cum_r, cum_y, "log") == pytest.approx(b.arc_buoyancy(ann_r, ann_y, "log"))
    assert b.arc_buoyancy(cum_r, cum_y) != pytest.approx(b.arc_buoyancy(ann_r, ann_y))
    assert math.isnan(b.arc_buoyancy(0.05, 0.0))
    g = b.revenue_growth_from_buoyancy(1.2, 0.05, "simple")
    assert b.arc_buoyancy(g, 0.05, "simple") == pytest.approx(1.2)
    g = b.revenue_growth_from_buoyancy(1.2, 0.05)
    assert g == pytest.approx(1.05**1.2 - 1)
    assert b.arc_buoyancy(g, 0.05, "log") == pytest.approx(1.2)
    with pytest.raises(ValueError, match="buoyancy_method"):
        b.arc_buoyancy(0.1, 0.1, "ratio")
    with pytest.raises(ValueError, match="greater than -1"):
        b.revenue_growth_from_buoyancy(1.0, -1.0)


def test_ecm_recovers_simulated_buoyancies(simulated):
    res = b.estimate_buoyancy(simulated)
    truth = {
        ("long_run", "ecm"): (1.2, 0.02),
        ("long_run", "static_loglog"): (1.2, 0.02),
        ("short_run", "ecm"): (0.8, 0.05),
        ("adjustment", "ecm"): (-0.5, 0.06),
    }
    for key, (value, tol) in truth.items():
        row = res.row(*key)
        assert row["estimate"] == pytest.approx(value, abs=tol), key
        assert row["ci_low"] < row["estimate"] < row["ci_high"]
    assert list(res.table.columns[:7]) == [
        "term",
        "model",
        "estimate",
        "se",
        "ci_low",
        "ci_high",
        "n_obs",
    ]
    assert res.row("short_run", "ecm")["n_obs"] == 599
    assert res.note == "" and not res.small_sample


def test_ecm_confidence_intervals_cover_the_truth():
    # 200 seeded short samples (n=80): the 95% intervals should cover about 95% of the time
    keys = {("long_run", "ecm"): 1.2, ("short_run", "ecm"): 0.8, ("adjustment", "ecm"): -0.5}
    hits = dict.fromkeys(keys, 0)
    reps = 200
    for seed in range(reps):
        tab = b.estimate_buoyancy(simulate_ecm(80, seed)).table.set_index(["term", "model"])
        for key, value in keys.items():
            hits[key] += bool(tab.loc[key, "ci_low"] <= value <= tab.loc[key, "ci_high"])
    assert 0.90 <= hits[("long_run", "ecm")] / reps <= 0.99
    assert 0.90 <= hits[("short_run", "ecm")] / reps <= 0.99
    assert hits[("adjustment", "ecm")] / reps >= 0.90


def test_ecm_matches_statsmodels_uecm(simulated):
    from statsmodels.tsa.ardl import UECM

    d = simulated.iloc[:200]
    ours = b.estimate_buoyancy(d).table.set_index(["term", "model"])["estimate"]
    sm_fit = UECM(np.log(d["revenue"]), 1, pd.DataFrame({"y": np.log(d["gdp"])}), 1).fit()
    assert ours[("adjustment", "ecm")] == pytest.approx(sm_fit.params["revenue.L1"], rel=1e-8)
    assert ours[("short_run", "ecm")] == pytest.approx(sm_fit.params["D.y.L0"], rel=1e-8)
    assert ours[("long_run", "ecm")] == pytest.approx(-sm_fit.ci_params["y"], rel=1e-8)


def test_buoyancy_on_reference_series_flags_small_sample(ref_national):
    nat = schema.national_reference(ref_national, "preliminary")
    res = b.estimate_buoyancy(nat, 2012, 2024)
    # 2023 revenue is missing: 12 levels; the ECM loses 2023 and 2024
    assert res.row("long_run", "static_loglog")["n_obs"] == 12
    assert res.row("short_run", "ecm")["n_obs"] == 10
    assert res.missing_years == (2023,)
    assert "Only 12 annual levels" in res.note and "[2023]" in res.note
    # revenue fell from 22.6% to 16.3% of GDP: long-run buoyancy clearly below one
    assert res.row("long_run", "static_loglog")["ci_high"] < 1
    filled = schema.national_reference(ref_national, "preliminary", fill_revenue_from_growth=True)
    res2 = b.estimate_buoyancy(filled, break_years=[2014, 2019])
    assert res2.table["n_obs"].max() == 13
    assert res2.break_years == (2014, 2019) and "Break dummies" in res2.note


def test_buoyancy_bad_inputs(simulated):
    bad = simulated.iloc[:30].copy()
    bad.loc[5, "revenue"] = 0.0
    with pytest.raises(ValueError, match="'revenue' must be positive"):
        b.estimate_buoyancy(bad)
    with pytest.raises(b.TooFewYears, match="too few"):
        b.estimate_buoyancy(simulated.iloc[:4])
    with pytest.raises(ValueError, match="'gdp'"):
        b.estimate_buoyancy(simulated.drop(columns="gdp"))
    with pytest.raises(ValueError, match="alpha"):
        b.estimate_buoyancy(simulated, alpha=1.5)
    assert issubclass(b.TooFewYears, ValueError)
