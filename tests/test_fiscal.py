"""Tests for workbench.fiscal: DESIGN.md test vectors, the article's figures from the reference
CSVs, simulated error-correction recovery, properties, and every InputError."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import fiscal as f
from workbench.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "data" / "reference"
EXT = ROOT / "data" / "external"


@pytest.fixture(scope="module")
def ref_national() -> pd.DataFrame:
    return pd.read_csv(REF / "national_fiscal_gdp_series_and_derived.csv")


@pytest.fixture(scope="module")
def ref_local() -> pd.DataFrame:
    return pd.read_csv(REF / "local_fiscal_beijing_shanghai.csv")


@pytest.fixture(scope="module")
def provincial() -> pd.DataFrame:
    return pd.read_csv(EXT / "provincial_public_budget_expenditure_2010_2023.csv")


def metric(table: pd.DataFrame, name: str) -> float:
    return float(table.set_index("metric").loc[name, "value"])


# ---------------------------------------------------------------- DESIGN.md vectors


def test_design_vector_revenue_growth():
    assert f.cumulative_growth(190_390, 202_539) == pytest.approx(0.0638, abs=5e-5)
    assert f.cagr(190_390, 202_539, 2) == pytest.approx(0.0314, abs=5e-5)
    assert f.annualise(f.cumulative_growth(190_390, 202_539), 2) == pytest.approx(
        f.cagr(190_390, 202_539, 2)
    )


def test_design_vector_mean_of_real_gdp_growth():
    rates = [0.023, 0.081]
    assert f.mean_annual_growth(rates) == pytest.approx(0.0516, abs=5e-5)
    assert f.mean_annual_growth(rates, "arithmetic") == pytest.approx(0.0520, abs=1e-12)
    assert f.chain_growth(rates) == pytest.approx(1.023 * 1.081 - 1)
    # NBS's published "两年平均 5.1%" = revised 2020 (2.2%) chained with preliminary 2021 (8.1%)
    assert round(f.mean_annual_growth([0.022, 0.081]), 3) == 0.051
    # fully revised vintage (2.2%, 8.4%) gives 5.3%, not 5.1%
    assert round(f.mean_annual_growth([0.022, 0.084]), 3) == 0.053


def test_haughton_1998_vector():
    real_gdp = f.deflate_growth(0.20, 0.15)
    real_rev = f.deflate_growth(0.21, 0.15)
    assert real_gdp == pytest.approx(0.0435, abs=5e-5)
    assert real_rev == pytest.approx(0.0522, abs=5e-5)
    assert f.arc_buoyancy(real_rev, real_gdp) == pytest.approx(1.20, abs=5e-3)
    assert f.arc_buoyancy(0.21, 0.20) == pytest.approx(1.05, abs=1e-12)
    # the deflator recovered from nominal and real growth is the stated inflation
    assert f.implicit_deflator_growth(0.20, real_gdp) == pytest.approx(0.15)


def test_design_vector_multiple_readings():
    assert f.multiple_to_annual_growth(1.5, 5, "by") == pytest.approx(0.2011, abs=5e-5)
    assert f.multiple_to_annual_growth(1.5, 5, "to") == pytest.approx(0.0845, abs=5e-5)
    assert f.multiple_to_annual_growth(1.5, 5) == f.multiple_to_annual_growth(1.5, 5, "by")


def test_beijing_fiscal_share_of_social_spending():
    assert round(f.funding_share(125.26, 171.28), 3) == 0.731


# ---------------------------------------------------------------- the article from reference CSVs


@pytest.mark.parametrize("vintage", ["revised", "preliminary"])
def test_article_revenue_figures_from_reference_levels(ref_national, vintage):
    nat = f.build_national_series(ref_national, vintage)
    tab = f.growth_comparison(nat, 2019, 2021)
    assert round(metric(tab, "revenue_growth_cumulative"), 3) == 0.064
    assert round(metric(tab, "revenue_growth_annual"), 3) == 0.031
    # revenue's share of GDP fell: nominal GDP outgrew revenue
    assert metric(tab, "revenue_to_gdp_change") < 0
    assert metric(tab, "gdp_nominal_growth_cumulative") > 0.15
    assert metric(tab, "buoyancy_nominal") < metric(tab, "buoyancy_mixed_article") < 1


def test_article_gdp_average_is_the_preliminary_vintage(ref_national):
    pre = f.growth_comparison(f.build_national_series(ref_national, "preliminary"), 2019, 2021)
    rev = f.growth_comparison(f.build_national_series(ref_national, "revised"), 2019, 2021)
    assert round(metric(pre, "gdp_real_growth_annual"), 3) == 0.052  # the article's 5.2%
    assert metric(pre, "gdp_real_growth_annual") == pytest.approx(0.0516, abs=5e-5)
    assert metric(rev, "gdp_real_growth_annual") == pytest.approx(0.0525, abs=5e-5)
    # revised vintage 2019 -> 2021 nominal GDP: 986,515 -> 1,149,237 (+16.5%)
    assert metric(rev, "gdp_nominal_growth_cumulative") == pytest.approx(1_149_237 / 986_515 - 1)
    assert metric(pre, "gdp_nominal_growth_cumulative") == pytest.approx(1_143_670 / 990_865 - 1)


def test_levels_come_from_one_vintage_only(ref_national):
    rev = f.build_national_series(ref_national, "revised")
    pre = f.build_national_series(ref_national, "preliminary")
    r = ref_national.set_index("year")
    assert rev.set_index("year")["gdp"].equals(r["gdp_revised_yiyuan"].astype(float))
    assert pre.set_index("year")["gdp"].equals(r["gdp_prelim_yiyuan"].astype(float))
    assert rev.loc[rev.year == 2021, "gdp_real_growth"].item() == pytest.approx(0.084)
    assert pre.loc[pre.year == 2020, "gdp_real_growth"].item() == pytest.approx(0.023)
    # the revised vintage has no 2018 level: no silent fallback to the preliminary one
    with pytest.raises(InputError, match=r"2018.*'revised'"):
        f.growth_comparison(rev, 2018, 2020)


def test_real_basis_is_consistent(ref_national):
    tab = f.growth_comparison(f.build_national_series(ref_national, "revised"), 2019, 2021)
    nominal = metric(tab, "gdp_nominal_growth_cumulative")
    real = metric(tab, "gdp_real_growth_cumulative")
    defl = metric(tab, "gdp_deflator_growth_cumulative")
    assert (1 + real) * (1 + defl) == pytest.approx(1 + nominal)
    rev_real = metric(tab, "revenue_real_growth_cumulative")
    assert (1 + rev_real) * (1 + defl) == pytest.approx(
        1 + metric(tab, "revenue_growth_cumulative")
    )
    assert metric(tab, "buoyancy_real") < metric(tab, "buoyancy_nominal")


def test_gdp_basis_selects_rows(ref_national):
    nat = f.build_national_series(ref_national)
    nominal = set(f.growth_comparison(nat, gdp_basis="nominal")["basis"])
    real = set(f.growth_comparison(nat, gdp_basis="real")["basis"])
    assert "real" not in nominal and "buoyancy_mixed_article" in set(
        f.growth_comparison(nat, gdp_basis="nominal")["metric"]
    )
    assert "real" in real
    assert "gdp_nominal_growth_cumulative" not in set(
        f.growth_comparison(nat, gdp_basis="real")["metric"]
    )
    with pytest.raises(InputError, match="gdp_basis"):
        f.growth_comparison(nat, gdp_basis="ppp")
    with pytest.raises(InputError, match="start_year"):
        f.growth_comparison(nat, 2021, 2019)


def test_vintage_table_explains_5_1_and_5_2(ref_national):
    pre = f.build_national_series(ref_national, "preliminary")
    rev = f.build_national_series(ref_national, "revised")
    tab = f.real_growth_vintage_table(pre, rev, 2019, 2021).set_index("combination")
    # the article's 5.2%: first releases 2.3% and 8.1% (5.16% geometric, 5.20% arithmetic)
    assert tab.loc["preliminary", "rates"] == pytest.approx((0.023, 0.081))
    assert tab.loc["preliminary", "geometric"] == pytest.approx(0.0516, abs=5e-5)
    assert tab.loc["preliminary", "arithmetic"] == pytest.approx(0.052)
    # NBS's 5.1% (Jan 2022): revised 2020 (2.2%) with preliminary 2021 (8.1%)
    assert tab.loc["at_release", "rates"] == pytest.approx((0.022, 0.081))
    assert tab.loc["at_release", "revised_years"] == (2020,)
    assert round(tab.loc["at_release", "geometric"], 3) == 0.051
    # fully revised: 2.2% and 8.4% give 5.25%
    assert tab.loc["revised", "geometric"] == pytest.approx(0.0525, abs=5e-5)
    assert tab["complete"].all()


def test_vintage_table_incomplete_revised_window(ref_national):
    pre = f.build_national_series(ref_national, "preliminary")
    rev = f.build_national_series(ref_national, "revised")
    tab = f.real_growth_vintage_table(pre, rev, 2016, 2019).set_index("combination")
    # 2017 and 2018 have no final figures here: no fully revised average, no silent mix
    assert not tab.loc["revised", "complete"] and np.isnan(tab.loc["revised", "geometric"])
    # at release of 2019 the earlier years use final figures only where they exist
    assert tab.loc["at_release", "revised_years"] == ()
    assert tab.loc["at_release", "geometric"] == pytest.approx(tab.loc["preliminary", "geometric"])
    with pytest.raises(InputError, match="start_year"):
        f.real_growth_vintage_table(pre, rev, 2021, 2019)
    with pytest.raises(InputError, match="preliminary real GDP growth is missing"):
        f.real_growth_vintage_table(pre.iloc[:-1], rev, 2019, 2024)


def test_nominal_basis_needs_no_real_growth():
    d = pd.DataFrame(
        {
            "year": [2019, 2020, 2021],
            "revenue": [190_400.0, 182_895.0, 202_538.88],
            "gdp": [986_515.0, 1_013_567.0, 1_149_237.0],
        }
    )
    nat = f.prepare_user_national_series(d, 2019, 2021)
    tab = f.growth_comparison(nat, 2019, 2021, gdp_basis="nominal")
    assert "buoyancy_mixed_article" not in set(tab["metric"])
    assert metric(tab, "buoyancy_nominal") == pytest.approx(
        f.annualise(202_538.88 / 190_400 - 1, 2) / f.annualise(1_149_237 / 986_515 - 1, 2)
    )
    with pytest.raises(InputError, match="Real GDP growth for 2020"):
        f.growth_comparison(nat, 2019, 2021, gdp_basis="real")


def test_fill_revenue_from_stated_growth(ref_national):
    plain = f.build_national_series(ref_national, "preliminary")
    assert np.isnan(plain.loc[plain.year == 2023, "revenue"].item())
    filled = f.build_national_series(ref_national, "preliminary", fill_revenue_from_growth=True)
    row = filled.loc[filled.year == 2023]
    assert row["revenue"].item() == pytest.approx(203_703.48 * 1.064)
    assert bool(row["revenue_imputed"].item())
    assert filled["revenue_imputed"].sum() == 1


def test_national_fiscal_gap(ref_national):
    nat = f.fiscal_balance(f.build_national_series(ref_national))
    y21 = nat.set_index("year").loc[2021]
    assert y21["fiscal_gap"] == pytest.approx(246_321.5 - 202_538.88)
    assert y21["self_sufficiency"] == pytest.approx(202_538.88 / 246_321.5)


def test_build_national_series_rejects_wrong_table():
    with pytest.raises(InputError, match="gdp_revised_yiyuan"):
        f.build_national_series(pd.DataFrame({"year": [2020], "revenue_yiyuan": [1.0]}))
    with pytest.raises(InputError, match="gdp_vintage"):
        f.build_national_series(pd.DataFrame({"year": [2020]}), "final")


# ---------------------------------------------------------------- buoyancy regressions


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


def test_ecm_recovers_simulated_buoyancies(simulated):
    res = f.estimate_buoyancy(simulated)
    tab = res.table.set_index(["term", "model"])
    truth = {
        ("long_run", "ecm"): (1.2, 0.02),
        ("long_run", "static_loglog"): (1.2, 0.02),
        ("short_run", "ecm"): (0.8, 0.05),
        ("adjustment", "ecm"): (-0.5, 0.06),
    }
    for key, (value, tol) in truth.items():
        row = tab.loc[key]
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
    assert tab.loc[("short_run", "ecm"), "n_obs"] == 599
    assert res.note == ""


def test_ecm_confidence_intervals_cover_the_truth():
    # 200 seeded short samples (n=80): the 95% intervals should cover about 95% of the time
    keys = {("long_run", "ecm"): 1.2, ("short_run", "ecm"): 0.8, ("adjustment", "ecm"): -0.5}
    hits = dict.fromkeys(keys, 0)
    reps = 200
    for seed in range(reps):
        tab = f.estimate_buoyancy(simulate_ecm(80, seed)).table.set_index(["term", "model"])
        for key, value in keys.items():
            hits[key] += bool(tab.loc[key, "ci_low"] <= value <= tab.loc[key, "ci_high"])
    assert 0.90 <= hits[("long_run", "ecm")] / reps <= 0.99
    assert 0.90 <= hits[("short_run", "ecm")] / reps <= 0.99
    assert hits[("adjustment", "ecm")] / reps >= 0.90


def test_ecm_matches_statsmodels_uecm(simulated):
    from statsmodels.tsa.ardl import UECM

    d = simulated.iloc[:200]
    ours = f.estimate_buoyancy(d).table.set_index(["term", "model"])["estimate"]
    sm_fit = UECM(np.log(d["revenue"]), 1, pd.DataFrame({"y": np.log(d["gdp"])}), 1).fit()
    assert ours[("adjustment", "ecm")] == pytest.approx(sm_fit.params["revenue.L1"], rel=1e-8)
    assert ours[("short_run", "ecm")] == pytest.approx(sm_fit.params["D.y.L0"], rel=1e-8)
    assert ours[("long_run", "ecm")] == pytest.approx(-sm_fit.ci_params["y"], rel=1e-8)


def test_buoyancy_on_reference_series_flags_small_sample(ref_national):
    nat = f.build_national_series(ref_national, "preliminary")
    res = f.estimate_buoyancy(nat, 2012, 2024)
    tab = res.table.set_index(["term", "model"])
    # 2023 revenue is missing: 12 levels; the ECM loses 2023 and 2024
    assert tab.loc[("long_run", "static_loglog"), "n_obs"] == 12
    assert tab.loc[("short_run", "ecm"), "n_obs"] == 10
    assert "Only 12 annual levels" in res.note and "[2023]" in res.note
    # revenue fell from 22.6% to 16.3% of GDP: long-run buoyancy clearly below one
    assert tab.loc[("long_run", "static_loglog"), "ci_high"] < 1
    filled = f.build_national_series(ref_national, "preliminary", fill_revenue_from_growth=True)
    res2 = f.estimate_buoyancy(filled, break_years=[2014, 2019])
    assert res2.table["n_obs"].max() == 13
    assert "Break dummies" in res2.note


def test_buoyancy_bad_inputs(simulated):
    bad = simulated.iloc[:30].copy()
    bad.loc[5, "revenue"] = 0.0
    with pytest.raises(InputError, match="'revenue' must be positive"):
        f.estimate_buoyancy(bad)
    with pytest.raises(InputError, match="too few"):
        f.estimate_buoyancy(simulated.iloc[:4])
    with pytest.raises(InputError, match="'gdp'"):
        f.estimate_buoyancy(simulated.drop(columns="gdp"))


# ---------------------------------------------------------------- buoyancy helpers


def test_buoyancy_methods():
    # log buoyancy is the same on cumulative and annual growth; simple buoyancy is not
    cum_r, cum_y = 0.0638, 0.165
    ann_r, ann_y = f.annualise(cum_r, 2), f.annualise(cum_y, 2)
    assert f.arc_buoyancy(cum_r, cum_y, "log") == pytest.approx(f.arc_buoyancy(ann_r, ann_y, "log"))
    assert f.arc_buoyancy(cum_r, cum_y) != pytest.approx(f.arc_buoyancy(ann_r, ann_y))
    assert math.isnan(f.arc_buoyancy(0.05, 0.0))
    g = f.revenue_growth_from_buoyancy(1.2, 0.05, "simple")
    assert f.arc_buoyancy(g, 0.05, "simple") == pytest.approx(1.2)
    g = f.revenue_growth_from_buoyancy(1.2, 0.05)
    assert g == pytest.approx(1.05**1.2 - 1)
    assert f.arc_buoyancy(g, 0.05, "log") == pytest.approx(1.2)
    with pytest.raises(InputError, match="buoyancy_method"):
        f.arc_buoyancy(0.1, 0.1, "ratio")


# ---------------------------------------------------------------- local and provincial


def test_local_series(ref_local):
    bj = f.build_local_series(ref_local, "Beijing").set_index("year")
    assert bj.loc[2020, "self_sufficiency"] == pytest.approx(5483.9 / 7116.18)
    assert bj.loc[2020, "fiscal_gap"] == pytest.approx(7116.18 - 5483.9)
    sh = f.build_local_series(ref_local, "Shanghai", "report").set_index("year")
    assert round(sh.loc[2021, "self_sufficiency"], 3) == 0.922
    mixed = f.build_local_series(ref_local, "Beijing", "report_then_yearbook").set_index("year")
    assert mixed.loc[2021, "expenditure"] == 6862.7
    assert mixed.loc[2021, "expenditure_source"] == "report"
    assert mixed.loc[2020, "expenditure_source"] == "yearbook"
    # the report's stated +1.3% fits the yearbook 2021 figure, not the report's own level
    assert bj.loc[2020, "expenditure"] * 1.013 == pytest.approx(
        bj.loc[2021, "expenditure"], rel=1e-3
    )
    with pytest.raises(InputError, match="Guangzhou"):
        f.build_local_series(ref_local, "Guangzhou")


def test_local_series_conflicting_duplicates(ref_local):
    extra = ref_local[
        (ref_local.region == "Beijing") & (ref_local.indicator == "general_public_budget_revenue")
    ].head(1)
    extra = extra.assign(value=extra["value"] + 1)
    with pytest.raises(InputError, match="conflicting"):
        f.build_local_series(pd.concat([ref_local, extra]), "Beijing")


def test_provincial_panel_expenditure_only(provincial, ref_local):
    panel = f.provincial_fiscal_panel(provincial)
    assert "全国" not in set(panel["province"])
    assert panel["province"].nunique() == 31
    assert panel["self_sufficiency"].isna().all()
    rev = pd.DataFrame(
        {"province": ["上海", "北京"], "year": [2021, 2020], "revenue": [7771.8, 5483.9]}
    )
    with_rev = f.provincial_fiscal_panel(provincial, rev).set_index(["province", "year"])
    assert with_rev.loc[("北京", 2020), "self_sufficiency"] == pytest.approx(5483.9 / 7116.18)
    assert with_rev["self_sufficiency"].notna().sum() == 2
    growth = f.provincial_expenditure_growth(panel, 2016, 2020)
    assert len(growth) == 31
    assert growth["growth_annual"].is_monotonic_decreasing
    bj = growth.set_index("province").loc["北京"]
    assert bj["growth_annual"] == pytest.approx((7116.18 / 6406.77) ** 0.25 - 1)
    shares = f.provincial_expenditure_shares(provincial)
    assert shares["share_education"].between(0, 1).all()
    with pytest.raises(InputError, match="outside the provincial panel"):
        f.provincial_expenditure_growth(panel, 2005, 2020)
    with pytest.raises(InputError, match="item"):
        f.provincial_fiscal_panel(provincial, item="health")


# ---------------------------------------------------------------- projections


def test_projection_and_doubling_year():
    g_by = f.multiple_to_annual_growth(1.5, 5, "by")
    g_to = f.multiple_to_annual_growth(1.5, 5, "to")
    proj = f.project_governance_share(100.0, 7046.3, g_by, 0.04, horizon=20, base_year=2020)
    assert list(proj.columns) == ["year", "t", "spending", "revenue", "share", "share_ratio"]
    assert proj["year"].tolist() == list(range(2020, 2041))
    steps = math.ceil(math.log(2) / math.log((1 + g_by) / 1.04))
    assert steps == 5
    assert f.first_year_share_reaches(proj) == 2020 + steps
    slow = f.project_governance_share(100.0, 7046.3, g_to, 0.04, horizon=15)
    assert f.first_year_share_reaches(slow) is None  # 17 years needed
    longer = f.project_governance_share(100.0, 7046.3, g_to, 0.04, horizon=30)
    assert f.first_year_share_reaches(longer) == 2020 + 17
    # the doubling year does not depend on the assumed base level
    other = f.project_governance_share(0.05, 1.0, g_by, 0.04, horizon=20)
    assert np.allclose(other["share_ratio"], proj["share_ratio"])
    assert other["share"].iloc[0] == pytest.approx(0.05)


def test_exact_doubling_is_reached():
    proj = f.project_governance_share(1.0, 1.0, 1.0, 0.0, horizon=3)  # share exactly 2 at t=1
    assert f.first_year_share_reaches(proj) == 2021


def test_grid_matches_single_projections():
    gs = np.array([0.0, 0.0845, 0.2011])
    gr = np.array([-0.02, 0.04, 0.08])
    grid = f.project_governance_grid(1.0, 20.0, gs, gr, horizon=25)
    assert len(grid) == 3 * 3 * 26
    firsts = f.grid_first_years(grid).set_index(["spending_growth", "revenue_growth"])
    for s in gs:
        for r in gr:
            single = f.project_governance_share(1.0, 20.0, s, r, horizon=25)
            sub = grid[(grid.spending_growth == s) & (grid.revenue_growth == r)]
            assert np.allclose(sub["share"].to_numpy(), single["share"].to_numpy())
            expected = f.first_year_share_reaches(single)
            got = firsts.loc[(s, r), "first_year"]
            assert (pd.isna(got) and expected is None) or got == expected
    assert pd.isna(firsts.loc[(0.0, 0.04), "first_year"])


def test_grid_fan_bounds_every_scenario():
    grid = f.project_governance_grid(1.0, 1.0, [0.05, 0.0845, 0.2011], [0.02, 0.04, 0.06], 20)
    fan = f.grid_fan(grid)
    assert list(fan.columns) == ["year", "q0", "q25", "q50", "q75", "q100"]
    assert fan["year"].tolist() == list(range(2020, 2041))
    wide = grid.pivot_table(
        index="year", columns=["spending_growth", "revenue_growth"], values="share_ratio"
    )
    assert np.allclose(fan["q0"], wide.min(axis=1)) and np.allclose(fan["q100"], wide.max(axis=1))
    assert (fan["q25"] <= fan["q50"]).all() and (fan["q50"] <= fan["q75"]).all()
    assert np.allclose(fan.iloc[0, 1:], 1.0)
    with pytest.raises(InputError, match="quantiles"):
        f.grid_fan(grid, [0.5, 1.5])


def test_projection_bad_inputs():
    with pytest.raises(InputError, match="horizon_years"):
        f.project_governance_share(1.0, 10.0, 0.1, 0.04, horizon=0)
    with pytest.raises(InputError, match="base revenue"):
        f.project_governance_share(1.0, 0.0, 0.1, 0.04)
    with pytest.raises(InputError, match="greater than -1"):
        f.project_governance_grid(1.0, 10.0, [0.1, -1.5], [0.04])


# ---------------------------------------------------------------- properties

levels = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)
ratios = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False)
n_years = st.integers(min_value=1, max_value=60)


@settings(max_examples=200, deadline=None)
@given(start=levels, ratio=ratios, years=n_years)
def test_cagr_round_trip(start, ratio, years):
    end = start * ratio
    g = f.cagr(start, end, years)
    assert start * (1 + g) ** years == pytest.approx(end, rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    multiple=st.floats(min_value=1e-6, max_value=100, allow_nan=False),
    years=st.integers(min_value=1, max_value=30),
)
def test_by_reading_always_faster(multiple, years):
    assert f.multiple_to_annual_growth(multiple, years, "by") > f.multiple_to_annual_growth(
        multiple, years, "to"
    )


@settings(max_examples=200, deadline=None)
@given(rates=st.lists(st.floats(min_value=-0.5, max_value=0.5), min_size=1, max_size=12))
def test_geometric_mean_not_above_arithmetic_and_chains(rates):
    geo = f.mean_annual_growth(rates)
    assert geo <= f.mean_annual_growth(rates, "arithmetic") + 1e-12
    assert (1 + geo) ** len(rates) == pytest.approx(1 + f.chain_growth(rates), rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    nominal=st.floats(min_value=-0.5, max_value=1.0),
    inflation=st.floats(min_value=-0.3, max_value=1.0),
)
def test_deflating_round_trip(nominal, inflation):
    real = f.deflate_growth(nominal, inflation)
    assert f.implicit_deflator_growth(nominal, real) == pytest.approx(inflation, abs=1e-12)


def test_vectorised_helpers():
    out = f.cagr(np.array([100.0, 100.0]), np.array([121.0, 100.0]), 2)
    assert np.allclose(out, [0.1, 0.0])
    assert isinstance(f.cagr(100, 121, 2), float)


# ---------------------------------------------------------------- validate_series


def user_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2018, 2019, 2020, 2021],
            "revenue": [183_351.84, 190_390.0, 182_895.0, 202_538.88],
            "gdp": [919_281.0, 986_515.0, 1_013_567.0, 1_149_237.0],
        }
    )


def test_validate_series_accepts_good_data():
    d = user_frame()
    d["revenue"] = d["revenue"].map(lambda v: f"{v:,.2f}")  # thousands separators are fine
    out = f.validate_series(d, ("year", "revenue", "gdp"), 2019, 2021, source="my.csv")
    assert out["year"].tolist() == [2019, 2020, 2021]
    assert out["revenue"].iloc[0] == pytest.approx(190_390.0)


@pytest.mark.parametrize(
    ("mutate", "start", "end", "pattern"),
    [
        (
            lambda d: d.drop(index=2),
            2018,
            2021,
            r"my\.csv: column 'year' has no row for year.*2020",
        ),
        (
            lambda d: d.assign(revenue=d["revenue"].astype(object).where(d.year != 2020, "n/a")),
            2018,
            2021,
            r"my\.csv: column 'revenue', row 3 \(year 2020\): 'n/a' is not a number",
        ),
        (lambda d: d, 2015, 2021, r"start_year 2015 is outside the data in my\.csv.*2018-2021"),
        (lambda d: d, 2019, 2025, r"end_year 2025 is outside the data in my\.csv"),
        (lambda d: d, 2021, 2019, r"start_year \(2021\) must be before end_year \(2019\)"),
        (lambda d: d, 2020, 2020, r"start_year \(2020\) must be before end_year"),
        (
            lambda d: d.assign(revenue=d["revenue"].where(d.year != 2019, -5.0)),
            2018,
            2021,
            r"my\.csv: column 'revenue', row 2 \(year 2019\).*negative",
        ),
        (
            lambda d: d.drop(columns="revenue"),
            2019,
            2021,
            r"my\.csv: missing column\(s\) 'revenue'",
        ),
        (
            lambda d: d.assign(gdp=d["gdp"].where(d.year != 2021, np.nan)),
            2018,
            2021,
            r"my\.csv: column 'gdp', row 4 \(year 2021\) is empty",
        ),
        (
            lambda d: d.assign(year=d["year"].astype(object).where(d.index != 1, "2019a")),
            None,
            None,
            r"my\.csv: column 'year', row 2: '2019a' is not a year",
        ),
        (
            lambda d: pd.concat([d, d.iloc[[0]]], ignore_index=True),
            None,
            None,
            r"row 5: year 2018 appears twice",
        ),
    ],
)
def test_validate_series_errors(mutate, start, end, pattern):
    d = mutate(user_frame())
    with pytest.raises(InputError, match=pattern):
        f.validate_series(d, ("year", "revenue", "gdp"), start, end, source="my.csv")


def test_validate_series_scope():
    d = user_frame().astype({"revenue": object})
    d.loc[0, "revenue"] = "bad"  # outside the requested range: not this analysis's problem
    assert len(f.validate_series(d, ("year", "revenue"), 2019, 2021)) == 3
    d = user_frame()
    d.loc[1, "revenue"] = np.nan
    out = f.validate_series(d, ("year", "revenue"), 2018, 2021, allow_blank=("revenue",))
    assert out["revenue"].isna().sum() == 1
    assert issubclass(InputError, ValueError)


def test_prepare_user_national_series():
    d = user_frame().assign(gdp_real_growth_pct=[6.7, 6.0, 2.2, 8.4])
    nat = f.prepare_user_national_series(d, 2019, 2021, source="mine.xlsx")
    assert list(nat.columns) == [*f.NATIONAL_COLUMNS, "gdp_vintage"]
    assert nat["gdp_real_growth"].iloc[-1] == pytest.approx(0.084)
    tab = f.growth_comparison(nat, 2019, 2021)
    assert metric(tab, "revenue_growth_cumulative") == pytest.approx(0.0638, abs=5e-5)
    assert metric(tab, "gdp_real_growth_annual") == pytest.approx(0.0525, abs=5e-5)
    no_real = f.prepare_user_national_series(user_frame())
    with pytest.raises(InputError, match="Real GDP growth for 2020"):
        f.growth_comparison(no_real, 2019, 2021)
    with pytest.raises(InputError, match="mine.xlsx: missing column"):
        f.prepare_user_national_series(user_frame().drop(columns="gdp"), source="mine.xlsx")


# ---------------------------------------------------------------- parameter errors


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: f.cagr(0, 10, 2), "start"),
        (lambda: f.cagr(10, -1, 2), "end"),
        (lambda: f.cagr(10, 12, 0), "years"),
        (lambda: f.multiple_to_annual_growth(1.5, 5, "times"), "multiple_reading"),
        (lambda: f.multiple_to_annual_growth(-1.5, 5, "by"), "non-positive"),
        (lambda: f.multiple_to_annual_growth(0.0, 5, "to"), "non-positive"),
        (lambda: f.mean_annual_growth([], "geometric"), "non-empty"),
        (lambda: f.mean_annual_growth([0.1], "median"), "method"),
        (lambda: f.funding_share(200, 171.28), "between 0 and total"),
        (lambda: f.self_sufficiency(1.0, 0.0), "positive"),
        (lambda: f.deflate_growth(0.1, -1.0), "inflation"),
    ],
)
def test_parameter_errors(call, pattern):
    with pytest.raises(InputError, match=pattern):
        call()
