"""Tests of workbench.turnover against published test vectors and reference implementations."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from workbench import synth
from workbench import turnover as tv
from workbench.errors import InputError

DRIVERS = list(tv.DEFAULT_DRIVERS)
CATEGORICAL = list(tv.DEFAULT_CATEGORICAL)


@pytest.fixture(scope="module")
def workers() -> pd.DataFrame:
    return synth.workers()


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return synth.workers(n=600, seed=7)


@pytest.fixture(scope="module")
def spector() -> pd.DataFrame:
    d = sm.datasets.spector.load_pandas()
    return pd.concat([d.exog, d.endog], axis=1)


@pytest.fixture(scope="module")
def rossi() -> pd.DataFrame:
    from lifelines.datasets import load_rossi

    return load_rossi()


ROSSI_X = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]


# ---------------------------------------------------------------------------------------------
# logit: spector test vector (DESIGN.md) and statsmodels get_margeff
# ---------------------------------------------------------------------------------------------


def test_logit_spector_coefficients_match_published_values(spector: pd.DataFrame) -> None:
    with pytest.warns(tv.TurnoverWarning, match="only 11 exits for 3 model terms"):
        t = tv.fit_logit(spector, "GRADE", ["GPA", "TUCE", "PSI"]).set_index("term")
    assert t.loc["GPA", "coef"] == pytest.approx(2.8261, abs=1e-4)
    assert t.loc["TUCE", "coef"] == pytest.approx(0.0952, abs=1e-4)
    assert t.loc["PSI", "coef"] == pytest.approx(2.3787, abs=1e-4)
    assert t.attrs["intercept"] == pytest.approx(-13.0213, abs=1e-4)
    np.testing.assert_allclose(t["odds_ratio"], np.exp(t["coef"]))


def test_logit_matches_statsmodels_margeff_and_conf_int(spector: pd.DataFrame) -> None:
    with pytest.warns(tv.TurnoverWarning, match="Peduzzi"):
        t = tv.fit_logit(spector, "GRADE", ["GPA", "TUCE", "PSI"], alpha=0.1).set_index("term")
    X = sm.add_constant(spector[["GPA", "TUCE", "PSI"]])
    res = sm.Logit(spector["GRADE"], X).fit(disp=0)
    me = res.get_margeff(at="overall").summary_frame()
    np.testing.assert_allclose(t["ame"], me["dy/dx"], rtol=1e-6)
    np.testing.assert_allclose(t["ame_se"], me["Std. Err."], rtol=1e-5)
    ci = np.exp(res.conf_int(alpha=0.1)).loc[["GPA", "TUCE", "PSI"]]
    np.testing.assert_allclose(t["ci_low"], ci[0], rtol=1e-8)
    np.testing.assert_allclose(t["ci_high"], ci[1], rtol=1e-8)
    np.testing.assert_allclose(t["p_value"], res.pvalues[["GPA", "TUCE", "PSI"]], rtol=1e-6)
    # binary PSI: discrete change 0 -> 1 equals statsmodels' dummy=True margeff
    dummy = res.get_margeff(at="overall", dummy=True).summary_frame()
    assert t.loc["PSI", "effect"] == pytest.approx(dummy.loc["PSI", "dy/dx"], rel=1e-6)
    assert t.loc["PSI", "effect_se"] == pytest.approx(dummy.loc["PSI", "Std. Err."], rel=1e-4)
    # continuous GPA: AME x SD
    sd = spector["GPA"].std()
    assert t.loc["GPA", "effect"] == pytest.approx(me.loc["GPA", "dy/dx"] * sd, rel=1e-6)
    assert t.loc["PSI", "change_label"] == "0 -> 1"


def test_logit_cluster_robust_matches_statsmodels(workers: pd.DataFrame) -> None:
    drivers = ["monthly_pay", "weekly_hours", "has_sw_certificate"]
    with pytest.warns(tv.TurnoverWarning, match="clusters"):
        t = tv.fit_logit(workers, "left", drivers, cluster="district").set_index("term")
    codes = pd.factorize(workers["district"])[0]
    X = sm.add_constant(workers[drivers].astype(float))
    res = sm.Logit(workers["left"], X).fit(disp=0, cov_type="cluster", cov_kwds={"groups": codes})
    np.testing.assert_allclose(t["se"], res.bse[drivers], rtol=1e-6)
    me = res.get_margeff(at="overall")
    np.testing.assert_allclose(t["ame_se"], me.margeff_se, rtol=1e-5)
    assert t.attrs["cov_type"] == "cluster" and t.attrs["n_clusters"] == 16


def test_logit_categorical_uses_most_frequent_reference(workers: pd.DataFrame) -> None:
    t = tv.fit_logit(workers, "left", ["monthly_pay"], ["contract_type"])
    assert t.attrs["references"] == {"contract_type": "fixed_term"}
    assert set(t["term"]) == {
        "monthly_pay",
        "contract_type[T.agency]",
        "contract_type[T.open_ended]",
    }
    lv = t.set_index("term").loc["contract_type[T.agency]"]
    assert lv["kind"] == "level" and lv["change_label"] == "fixed_term -> agency"
    # the level effect equals a hand computation of the average discrete change
    X = sm.add_constant(
        pd.get_dummies(workers[["monthly_pay", "contract_type"]], dtype=float).drop(
            columns="contract_type_fixed_term"
        )
    )
    res = sm.Logit(workers["left"], X).fit(disp=0)
    x1 = X.assign(contract_type_agency=1.0, contract_type_open_ended=0.0)
    x0 = X.assign(contract_type_agency=0.0, contract_type_open_ended=0.0)
    hand = (res.predict(x1) - res.predict(x0)).mean()
    assert lv["effect"] == pytest.approx(hand, rel=1e-8)


def test_top_driver_is_largest_probability_effect(workers: pd.DataFrame) -> None:
    t = tv.fit_logit(workers, "left", DRIVERS, CATEGORICAL)
    name, effect = tv.top_driver(t)
    eligible = t[t["kind"] != "level"]
    assert abs(effect) == pytest.approx(eligible["effect"].abs().max())
    assert name == "monthly_pay" and effect < 0
    name_all, eff_all = tv.top_driver(t, include_categorical=True)
    assert abs(eff_all) >= abs(effect)


# ---------------------------------------------------------------------------------------------
# rates: Wilson (1927) against hand-computed and published values
# ---------------------------------------------------------------------------------------------


def _wilson_by_hand(k: int, n: int, z: float) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_wilson_interval_matches_newcombe_and_hand_formula() -> None:
    df = pd.DataFrame({"left": [1] * 81 + [0] * (263 - 81)})
    r = tv.turnover_rates(df).iloc[0]
    # Newcombe (1998), Table I, example 81/263: Wilson score interval 0.2553 to 0.3662
    assert r["ci_low"] == pytest.approx(0.2553, abs=5e-5)
    assert r["ci_high"] == pytest.approx(0.3662, abs=5e-5)
    lo, hi = _wilson_by_hand(81, 263, stats.norm.ppf(0.975))
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((lo, hi), abs=1e-12)
    assert r["n"] == 263 and r["exits"] == 81 and r["rate"] == pytest.approx(81 / 263)
    assert r["p_value"] == pytest.approx(stats.binomtest(81, 263, 0.30).pvalue)
    assert r["vs_benchmark"] == "consistent"
    assert "workers on the roll" in r["denominator"]


def test_turnover_rates_by_group(workers: pd.DataFrame) -> None:
    g = tv.add_turnover_groups(workers)
    r = tv.turnover_rates(g, by=["age_certificate", "contract_type"])
    assert r.iloc[0]["group"] == "all" and r.iloc[0]["n"] == len(workers)
    blk = r[r["group"] == "age_certificate"]
    assert blk["n"].sum() == len(workers) and blk["exits"].sum() == workers["left"].sum()
    young = blk.set_index("level").loc["under 35, certificate"]
    assert young["rate"] > r.iloc[0]["rate"]
    assert young["vs_benchmark"] == "above"


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 400), frac=st.floats(0, 1), alpha=st.sampled_from([0.01, 0.05, 0.2]))
def test_wilson_interval_properties(n: int, frac: float, alpha: float) -> None:
    k = int(round(frac * n))
    r = tv.turnover_rates(pd.DataFrame({"left": [1] * k + [0] * (n - k)}), alpha=alpha).iloc[0]
    assert 0.0 <= r["ci_low"] <= r["rate"] <= r["ci_high"] <= 1.0
    lo, hi = _wilson_by_hand(k, n, stats.norm.ppf(1 - alpha / 2))
    assert r["ci_low"] == pytest.approx(max(lo, 0.0), abs=1e-9)
    assert r["ci_high"] == pytest.approx(min(hi, 1.0), abs=1e-9)


# ---------------------------------------------------------------------------------------------
# survival: Cox vs lifelines, Grambsch-Therneau vs lifelines, Kaplan-Meier
# ---------------------------------------------------------------------------------------------


def test_cox_efron_matches_lifelines(rossi: pd.DataFrame) -> None:
    from lifelines import CoxPHFitter

    with pytest.warns(tv.TurnoverWarning, match=r"proportional-hazards check.*'age', 'wexp'"):
        t = tv.fit_cox(rossi, "week", "arrest", ROSSI_X).set_index("term")
    c = CoxPHFitter().fit(rossi, "week", "arrest")  # Efron ties
    np.testing.assert_allclose(t["coef"], c.params_[ROSSI_X], atol=1e-4)
    np.testing.assert_allclose(t["se"], c.standard_errors_[ROSSI_X], atol=1e-5)
    np.testing.assert_allclose(t["hazard_ratio"], np.exp(c.params_[ROSSI_X]), rtol=1e-4)
    np.testing.assert_allclose(t["p_value"], c.summary["p"][ROSSI_X], atol=1e-5)
    np.testing.assert_allclose(t["ci_low"], c.summary["exp(coef) lower 95%"][ROSSI_X], rtol=1e-4)


@pytest.mark.parametrize("transform", ["identity", "km", "log"])
def test_ph_test_matches_lifelines(rossi: pd.DataFrame, transform: str) -> None:
    from lifelines import CoxPHFitter
    from lifelines.statistics import proportional_hazard_test

    c = CoxPHFitter().fit(rossi, "week", "arrest")
    ref = proportional_hazard_test(c, rossi, time_transform=transform).summary
    ph = tv.ph_test(rossi, "week", "arrest", ROSSI_X, transform=transform).set_index("term")
    np.testing.assert_allclose(
        ph.loc[ROSSI_X, "chi2"], ref.loc[ROSSI_X, "test_statistic"], rtol=1e-3
    )
    np.testing.assert_allclose(ph.loc[ROSSI_X, "p_value"], ref.loc[ROSSI_X, "p"], atol=1e-4)
    # age violates PH in the Rossi data (Fox & Weisberg), wexp too
    assert ph.loc["age", "p_value"] < 0.01
    assert ph.loc["GLOBAL", "df"] == len(ROSSI_X)


def test_ph_rank_transform_matches_lifelines_without_ties(rossi: pd.DataFrame) -> None:
    from lifelines import CoxPHFitter
    from lifelines.statistics import proportional_hazard_test

    d = rossi.copy()
    d["week"] = d["week"] + np.random.default_rng(1).uniform(0, 0.5, len(d))
    c = CoxPHFitter().fit(d, "week", "arrest")
    ref = proportional_hazard_test(c, d, time_transform="rank").summary
    ph = tv.ph_test(d, "week", "arrest", ROSSI_X, transform="rank").set_index("term")
    np.testing.assert_allclose(
        ph.loc[ROSSI_X, "chi2"], ref.loc[ROSSI_X, "test_statistic"], rtol=1e-3
    )


def test_cox_with_delayed_entry_matches_lifelines_and_scores_zero(small: pd.DataFrame) -> None:
    from lifelines import CoxPHFitter

    # entries tie with exit times here: at risk at t means entry < t <= duration, as in R and
    # lifelines (the shipped data have such ties)
    drivers = ["monthly_pay", "weekly_hours", "has_sw_certificate"]
    t = tv.fit_cox(small, drivers=drivers, entry="tenure_start_years").set_index("term")
    cols = ["tenure_years", "tenure_start_years", "left", *drivers]
    c = CoxPHFitter().fit(small[cols], "tenure_years", "left", entry_col="tenure_start_years")
    np.testing.assert_allclose(t["coef"], c.params_[drivers], rtol=1e-4, atol=1e-7)
    np.testing.assert_allclose(t["se"], c.standard_errors_[drivers], rtol=1e-4)
    # Efron Schoenfeld residuals with delayed entry and ties sum to the score: zero at the MLE
    X = small[drivers].to_numpy(float)
    _, resid = tv._efron_schoenfeld(
        small["tenure_years"].to_numpy(float),
        small["left"].to_numpy(float),
        small["tenure_start_years"].to_numpy(float),
        X,
        t["coef"].to_numpy(),
    )
    np.testing.assert_allclose(resid.sum(axis=0) * t["se"].to_numpy(), 0.0, atol=1e-6)


def test_cox_cluster_robust_close_to_lifelines(small: pd.DataFrame) -> None:
    from lifelines import CoxPHFitter

    drivers = ["monthly_pay", "weekly_hours", "has_sw_certificate"]
    with pytest.warns(tv.TurnoverWarning, match="16 clusters"):
        t = tv.fit_cox(small, drivers=drivers, cluster="district")
    naive = tv.fit_cox(small, drivers=drivers)
    cols = ["tenure_years", "left", "district", *drivers]
    c = CoxPHFitter().fit(small[cols], "tenure_years", "left", cluster_col="district")
    # both sandwich estimators; they differ slightly in how tied exits enter the score
    np.testing.assert_allclose(t["se"], c.standard_errors_[drivers], rtol=1e-2)
    np.testing.assert_allclose(t["coef"], naive["coef"])
    # the PH test uses the model-based covariance either way
    np.testing.assert_allclose(t["ph_chi2"], naive["ph_chi2"], rtol=1e-10)
    assert t.attrs["cov_type"] == "cluster"


def _score_residuals_by_loop(t, e, en, X, b):
    """Cox score residuals straight from their definition (Breslow form), one exit time a time."""
    r = np.exp(X @ b)
    out = np.zeros_like(X)
    for tj in np.unique(t[e == 1]):
        at_risk = (t >= tj) if en is None else (en < tj) & (t >= tj)
        dn = ((t == tj) & (e == 1)).astype(float)
        s0 = (r * at_risk).sum()
        xbar = (r[:, None] * X * at_risk[:, None]).sum(axis=0) / s0
        out += at_risk[:, None] * (X - xbar) * (dn - r * dn.sum() / s0)[:, None]
    return out


def test_cox_score_residuals_with_delayed_entry_match_their_definition(
    small: pd.DataFrame,
) -> None:
    from statsmodels.duration.hazard_regression import PHReg

    drivers = ["monthly_pay", "weekly_hours", "has_sw_certificate"]
    X = small[drivers].to_numpy(float)
    t, e = small["tenure_years"].to_numpy(float), small["left"].to_numpy(float)
    en = small["tenure_start_years"].to_numpy(float)
    b = tv.fit_cox(small, drivers=drivers, entry="tenure_start_years")["coef"].to_numpy()
    got = tv._cox_score_residuals(t, e, en, X, b)
    np.testing.assert_allclose(got, _score_residuals_by_loop(t, e, en, X, b), atol=1e-9)
    # without delayed entry they equal statsmodels' own score residuals
    b0 = tv.fit_cox(small, drivers=drivers)["coef"].to_numpy()
    sm_resid = PHReg(t, X, status=e, ties="efron").score_residuals(b0)
    np.testing.assert_allclose(tv._cox_score_residuals(t, e, None, X, b0), sm_resid, atol=1e-9)


def test_cox_cluster_robust_with_delayed_entry_is_finite(small: pd.DataFrame) -> None:
    # statsmodels returns NaN robust SEs here (workers at risk at no exit time get NaN score
    # residuals); fit_cox uses its own score residuals, checked above against the definition
    drivers = ["monthly_pay", "weekly_hours", "has_sw_certificate"]
    entry = "tenure_start_years"
    with pytest.warns(tv.TurnoverWarning, match="16 clusters"):
        t = tv.fit_cox(small, drivers=drivers, entry=entry, cluster="district")
    naive = tv.fit_cox(small, drivers=drivers, entry=entry)
    assert np.all(np.isfinite(t["se"])) and (t["note"] == "").all()
    np.testing.assert_allclose(t["coef"], naive["coef"])
    assert not np.allclose(t["se"], naive["se"])
    assert t.attrs["cov_type"] == "cluster"


def test_kaplan_meier_matches_lifelines(rossi: pd.DataFrame) -> None:
    from lifelines import KaplanMeierFitter

    km = tv.km_curves(rossi, "week", "arrest", group="fin")
    for lv, g in rossi.groupby("fin"):
        ref = KaplanMeierFitter().fit(g["week"], g["arrest"])
        mine = km[(km["group"] == str(lv)) & (km["time"] > 0)]
        expect = ref.survival_function_.loc[mine["time"].to_numpy(), "KM_estimate"].to_numpy()
        np.testing.assert_allclose(mine["survival"], expect, rtol=1e-10)
        ci = ref.confidence_interval_.loc[mine["time"].to_numpy()].to_numpy()
        np.testing.assert_allclose(mine["ci_low"], ci[:, 0], rtol=1e-6)
        np.testing.assert_allclose(mine["ci_high"], ci[:, 1], rtol=1e-6)
    s = tv.km_summary(rossi, "week", "arrest", group="fin", times=(52.0,))
    assert list(s["n"]) == [216, 216] and s["median_tenure"].isna().all()


def test_km_by_hand() -> None:
    df = pd.DataFrame({"t": [1.0, 2.0, 2.0, 3.0, 4.0], "e": [1, 1, 0, 1, 0]})
    km = tv.km_curves(df, "t", "e")
    s = km.set_index("time")["survival"]
    assert s[1.0] == pytest.approx(4 / 5)
    assert s[2.0] == pytest.approx(4 / 5 * 3 / 4)
    assert s[3.0] == pytest.approx(4 / 5 * 3 / 4 * 1 / 2)


# ---------------------------------------------------------------------------------------------
# validation: one clear InputError per problem; warnings for fragile data
# ---------------------------------------------------------------------------------------------


def _bad(small: pd.DataFrame, **changes: object) -> pd.DataFrame:
    d = small.copy()
    for key, (rows, value) in changes.items():
        d[key] = d[key].astype(object)
        d.loc[rows, key] = value
    return d


@pytest.mark.parametrize(
    ("column", "rows", "value", "match"),
    [
        ("left", [2, 9], 2, r"'left' must be 0 or 1.*rows 3 \(2\), 10 \(2\)"),
        ("left", [0], "yes", r"'left' must be 0 or 1.*row 1 \('yes'\)"),
        ("left", [4], None, r"'left'.*row 5 \(missing\)"),
        ("tenure_years", [1], 0.0, r"'tenure_years'.*> 0.*row 2 \(0.0\)"),
        ("tenure_years", [6], -1.0, r"'tenure_years'.*row 7"),
        ("tenure_years", [3], None, r"'tenure_years'.*row 4 \(missing\)"),
        ("worker_id", [5], None, r"'worker_id'.*missing in row 6"),
        ("worker_id", [1], "W00001", r"'worker_id'.*unique.*rows 1 \('W00001'\), 2"),
        ("monthly_pay", [7], "high", r"driver 'monthly_pay' must be numeric.*row 8"),
        ("monthly_pay", [8], None, r"driver 'monthly_pay' is missing in row 9"),
        ("duty_overlap", [0], 1.5, r"'duty_overlap' must be a 0-1 index.*row 1 \(1.5\)"),
        ("has_sw_certificate", [3], 2, r"'has_sw_certificate' must be 0 or 1.*row 4"),
        ("contract_type", [2], None, r"categorical driver 'contract_type' is missing in row 3"),
    ],
)
def test_validate_raises_one_clear_message(
    small: pd.DataFrame, column: str, rows: list[int], value: object, match: str
) -> None:
    d = _bad(small, **{column: (rows, value)})
    with pytest.raises(InputError, match=match) as exc:
        tv.validate_workers(d, categorical=CATEGORICAL, source_label="workers.csv")
    assert str(exc.value).startswith("workers.csv:")
    assert "row 1 = first data row after the header" in str(exc.value) or "column" in str(exc.value)


def test_validate_absent_and_constant_drivers(small: pd.DataFrame) -> None:
    with pytest.raises(InputError, match=r"'weekly_hours' not found.*column_map"):
        tv.validate_workers(small.drop(columns="weekly_hours"))
    with pytest.raises(InputError, match=r"driver 'age' is constant"):
        tv.validate_workers(small.assign(age=40))
    with pytest.raises(InputError, match=r"driver 'contract_type' is constant"):
        tv.validate_workers(small.assign(contract_type="agency"))
    with pytest.raises(InputError, match=r"no data rows"):
        tv.validate_workers(small.iloc[:0])


def test_validate_entry_and_many_bad_rows(small: pd.DataFrame) -> None:
    d = small.copy()
    d.loc[[0, 1], "tenure_start_years"] = d.loc[[0, 1], "tenure_years"]
    with pytest.raises(InputError, match=r"'tenure_start_years'.*less than 'tenure_years'.*rows 1"):
        tv.validate_workers(d, entry="tenure_start_years")
    d = small.copy()
    d.loc[:19, "left"] = 7
    with pytest.raises(
        InputError, match=r"rows 1 \(7\), 2 \(7\), 3 \(7\), 4 \(7\), 5 \(7\) and 15 more"
    ):
        tv.validate_workers(d)


@settings(max_examples=25, deadline=None)
@given(row=st.integers(0, 599), value=st.sampled_from([-1, 3, 0.5, "x"]))
def test_validate_names_the_bad_row(small: pd.DataFrame, row: int, value: object) -> None:
    d = _bad(small, left=([row], value))
    with pytest.raises(InputError, match=rf"'left'.*row {row + 1} "):
        tv.validate_workers(d)


def test_fit_errors_are_input_errors(small: pd.DataFrame) -> None:
    with pytest.raises(InputError, match="perfectly collinear"):
        tv.fit_logit(small.assign(pay2=small["monthly_pay"] * 2), "left", ["monthly_pay", "pay2"])
    with pytest.raises(InputError, match="no worker left"):
        tv.fit_logit(small.assign(left=0), "left", ["monthly_pay"])
    with pytest.raises(InputError, match="cluster column 'nope' not found"):
        tv.fit_logit(small, "left", ["monthly_pay"], cluster="nope")
    with pytest.raises(InputError, match="no exits"):
        tv.fit_cox(small.assign(left=0), drivers=["monthly_pay"])
    with pytest.raises(InputError, match="ph_transform"):
        tv.fit_cox(small, drivers=["monthly_pay"], ph_transform="weird")
    with pytest.raises(InputError, match="folds"):
        tv.cv_evaluate(small, n_splits=1)


def _separated(n: int = 400, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "worker_id": np.arange(n),
            "tenure_years": rng.uniform(0.5, 10, n),
            "weekly_hours": rng.normal(46, 4, n),
            "has_sw_certificate": (rng.random(n) < 0.1).astype(int),
        }
    )
    d["left"] = ((rng.random(n) < 0.3) & (d["has_sw_certificate"] == 0)).astype(int)
    return d


def test_separation_warns_and_never_returns_a_finite_garbage_estimate() -> None:
    d = _separated()
    drivers = ["weekly_hours", "has_sw_certificate"]
    w = tv.validate_workers(d, drivers=drivers, categorical=[])
    assert any("separation" in m and "has_sw_certificate" in m for m in w)
    with pytest.warns(tv.TurnoverWarning, match="separation"):
        t = tv.fit_logit(d, "left", drivers).set_index("term")
    est = t.loc["has_sw_certificate", ["coef", "odds_ratio", "ame", "effect"]].astype(float)
    assert np.isnan(est).all()
    assert "separation" in t.loc["has_sw_certificate", "note"]
    assert np.isfinite(t.loc["weekly_hours", "coef"])
    assert any("separation" in m for m in t.attrs["warnings"])
    assert tv.top_driver(t.reset_index())[0] == "weekly_hours"
    with pytest.raises(InputError, match="separation"):
        tv.counterfactual_turnover(
            d, "left", drivers, hours_cut=[2.0], pay_rise_pct=[], overlap_cut=[]
        )


def test_complete_separation_on_a_continuous_driver() -> None:
    d = pd.DataFrame({"x": np.arange(20.0), "left": (np.arange(20) >= 10).astype(int)})
    with pytest.warns(tv.TurnoverWarning, match="separation"):
        t = tv.fit_logit(d, "left", ["x"])
    assert t["coef"].isna().all()


def test_low_events_per_variable_warns(small: pd.DataFrame) -> None:
    d = small.iloc[:80]
    w = tv.validate_workers(d, categorical=CATEGORICAL)
    assert any("Peduzzi" in m and "per term" in m for m in w)
    with pytest.warns(tv.TurnoverWarning, match="Peduzzi"):
        t = tv.fit_logit(d, "left", DRIVERS, CATEGORICAL)
    assert np.isfinite(t["coef"]).all()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tv.fit_cox(d, drivers=DRIVERS, categorical=CATEGORICAL)
    assert any("Peduzzi" in str(w.message) for w in caught)
    assert tv.validate_workers(small, categorical=CATEGORICAL) == []


def test_no_exit_is_a_warning_in_validation(small: pd.DataFrame) -> None:
    w = tv.validate_workers(small.assign(left=0))
    assert len(w) == 1 and "no worker left" in w[0]


# ---------------------------------------------------------------------------------------------
# prediction
# ---------------------------------------------------------------------------------------------


def test_cv_evaluate_metrics_calibration_and_importance(small: pd.DataFrame) -> None:
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import roc_auc_score

    d = small.assign(noise=np.random.default_rng(0).normal(size=len(small)))
    cv = tv.cv_evaluate(d, drivers=[*DRIVERS, "noise"], n_splits=3, n_repeats=2, seed=1)
    assert len(cv.folds) == 3 and cv.folds["n_test"].sum() == len(d)
    assert 0.55 < cv.summary["roc_auc"] < 1.0
    assert cv.summary["roc_auc_pooled"] == pytest.approx(
        roc_auc_score(d["left"], cv.oof_probability)
    )
    assert cv.summary["pr_auc"] > cv.summary["prevalence"]
    assert cv.summary["brier"] < cv.summary["brier_reference"]
    true, pred = calibration_curve(d["left"], cv.oof_probability, n_bins=10, strategy="quantile")
    np.testing.assert_allclose(cv.calibration["observed_rate"], true)
    np.testing.assert_allclose(cv.calibration["mean_predicted"], pred)
    imp = cv.importance.set_index("driver")
    assert set(imp.index) == {*DRIVERS, "contract_type", "noise"}
    assert imp.loc["monthly_pay", "rank"] <= 2
    assert imp.loc["noise", "importance_mean"] < imp.loc["monthly_pay", "ci_low"]
    # reproducible
    cv2 = tv.cv_evaluate(d, drivers=[*DRIVERS, "noise"], n_splits=3, n_repeats=2, seed=1)
    np.testing.assert_array_equal(cv.oof_probability, cv2.oof_probability)


def test_compare_rankings_flags_disagreement() -> None:
    logit = pd.DataFrame(
        {
            "term": ["a", "b", "c[T.x]", "c[T.y]", "d"],
            "driver": ["a", "b", "c", "c", "d"],
            "kind": ["continuous", "binary", "level", "level", "continuous"],
            "effect": [0.10, -0.05, 0.01, -0.03, 0.001],
            "effect_p_value": [1e-6, 1e-3, 0.5, 0.04, 0.8],
        }
    )
    imp = pd.DataFrame(
        {
            "driver": ["a", "b", "c", "d"],
            "importance_mean": [0.001, 0.05, 0.02, 0.03],
            "ci_low": [-0.01, 0.03, 0.01, 0.01],
            "ci_high": [0.01, 0.07, 0.03, 0.05],
        }
    )
    out = tv.compare_rankings(logit, imp).set_index("driver")
    assert out.loc["a", "logit_rank"] == 1 and out.loc["a", "model_rank"] == 4
    assert out.loc["a", "flag"] and "no clear held-out" in out.loc["a", "reason"]
    assert out.loc["c", "logit_effect"] == -0.03  # largest level contrast
    assert out.loc["d", "flag"] and "not significant" in out.loc["d", "reason"]
    assert not out.loc["b", "flag"]
    assert -1.0 <= out.attrs["spearman_rho"] <= 1.0


# ---------------------------------------------------------------------------------------------
# counterfactuals and the reward scenario
# ---------------------------------------------------------------------------------------------


def test_check_hypotheses_verdicts(workers: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tv.TurnoverWarning)
        t = tv.fit_logit(workers, "left", DRIVERS, CATEGORICAL)
    h = tv.check_hypotheses(t, alpha=0.05).set_index("driver")
    # the synthetic truth: pay, hours, overlap, identity and the certificate matter as the
    # article says; residents' recognition (status) is a true null
    for d in ("monthly_pay", "weekly_hours", "duty_overlap", "professional_identity"):
        assert h.loc[d, "verdict"] == "supported", d
    assert h.loc["resident_recognition", "verdict"] == "no clear association"
    assert h.loc["monthly_pay", "effect"] == pytest.approx(
        t.set_index("term").loc["monthly_pay", "effect"]
    )
    flipped = tv.check_hypotheses(t, {"monthly_pay": (1, "pay raises turnover")})
    assert flipped.loc[0, "verdict"] == "contradicted"
    absent = tv.check_hypotheses(t, {"overtime": (1, "overtime")})
    assert absent.loc[0, "verdict"].startswith("not tested")
    nan = t.assign(effect=np.where(t["term"] == "weekly_hours", np.nan, t["effect"]))
    assert tv.check_hypotheses(nan).set_index("driver").loc["weekly_hours", "verdict"] == (
        "not estimable"
    )
    with pytest.raises(InputError, match="expected sign"):
        tv.check_hypotheses(t, {"age": (0, "age")})


def test_compare_with_truth_recovers_the_synthetic_effects(workers: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tv.TurnoverWarning)
        t = tv.fit_logit(workers, "left", DRIVERS, CATEGORICAL)
    c = tv.compare_with_truth(t, synth.WORKERS_TRUE_LOGIT, rank_tolerance=1).set_index("term")
    assert c.attrs["signs_recovered"] and c.attrs["ranks_recovered"]
    assert c.attrs["top_true"] == c.attrs["top_estimated"] == "monthly_pay"
    assert c.attrs["n_compared"] == len(t)  # cert_x_young is not in the main-effects model
    assert c.loc["cert_x_young", "note"].startswith("not in the model")
    # per-SD effect = coefficient x the driver's SD in the data
    sd = workers["weekly_hours"].std(ddof=1)
    assert c.loc["weekly_hours", "true_per_sd"] == pytest.approx(0.1 * sd)
    assert c.loc["weekly_hours", "coef_per_sd"] == pytest.approx(
        t.set_index("term").loc["weekly_hours", "coef"] * sd
    )
    # a true null is recovered when the interval covers 0
    assert c.loc["resident_recognition", "sign_recovered"]
    assert (
        c.loc["resident_recognition", "coef_ci_low"]
        < 0
        < c.loc["resident_recognition", "coef_ci_high"]
    )
    # a wrong sign and a strict rank tolerance are caught
    flipped = dict(synth.WORKERS_TRUE_LOGIT, weekly_hours=-0.1)
    bad = tv.compare_with_truth(t, flipped, rank_tolerance=0)
    assert not bad.attrs["signs_recovered"] and not bad.attrs["ranks_recovered"]


def test_counterfactual_rates_costs_and_uncertainty(small: pd.DataFrame) -> None:
    kw = dict(
        pay_rise_pct=[5.0, 10.0],
        hours_cut=[2.0],
        overlap_cut=[0.1],
        replacement_cost_yuan=40000.0,
        n_draws=300,
        seed=11,
    )
    cf = tv.counterfactual_turnover(small, "left", DRIVERS, CATEGORICAL, **kw)
    assert list(cf["scenario"]) == [
        "baseline",
        "pay +5%",
        "pay +10%",
        "hours -2/week",
        "duty overlap -0.1",
    ]
    base = cf.iloc[0]
    # a logit with an intercept reproduces the observed rate at baseline
    assert base["rate"] == pytest.approx(small["left"].mean(), abs=1e-8)
    assert base["rate_ci_low"] < base["rate"] < base["rate_ci_high"]
    pay = small["monthly_pay"].to_numpy()
    p5, p10 = cf.iloc[1], cf.iloc[2]
    assert p10["rate"] < p5["rate"] < base["rate"]
    assert p5["intervention_cost_yuan"] == pytest.approx(np.sum(12 * pay * 0.05))
    assert p5["exits_averted"] == pytest.approx(len(small) * (base["rate"] - p5["rate"]))
    assert p5["replacement_saving_yuan"] == pytest.approx(p5["exits_averted"] * 40000.0)
    assert p5["net_saving_yuan"] == pytest.approx(
        p5["replacement_saving_yuan"] - p5["intervention_cost_yuan"]
    )
    h = cf.iloc[3]
    hours = small["weekly_hours"].to_numpy()
    assert h["intervention_cost_yuan"] == pytest.approx(np.sum(12 * pay * 2.0 / hours))
    ov = cf.iloc[4]
    assert not ov["costed"] and np.isnan(ov["intervention_cost_yuan"])
    assert p5["rate_change_ci_low"] < p5["rate_change"] < p5["rate_change_ci_high"] < 0
    again = tv.counterfactual_turnover(small, "left", DRIVERS, CATEGORICAL, **kw)
    pd.testing.assert_frame_equal(cf, again)
    combo = tv.counterfactual_turnover(
        small, "left", DRIVERS, CATEGORICAL, **{**kw, "combine": True}
    )
    assert len(combo) == 1 + (3 * 2 * 2 - 1)
    with pytest.raises(InputError, match="not a numeric driver"):
        tv.counterfactual_turnover(small, "left", ["age"], pay_rise_pct=[5.0], hours_cut=[])


def test_reward_scenario_is_a_pay_rise_of_the_pool(small: pd.DataFrame) -> None:
    rw = tv.reward_scenario(
        small, "left", DRIVERS, reward_shares=[0.3, 0.5], efficiency_gain_pct_of_payroll=4.0,
        n_draws=200, seed=3,
    )  # fmt: skip
    payroll = float(np.sum(12 * small["monthly_pay"]))
    gain = 0.04 * payroll
    np.testing.assert_allclose(rw["reward_pool_yuan"], [0.3 * gain, 0.5 * gain])
    np.testing.assert_allclose(rw["equivalent_pay_rise_pct"], [1.2, 2.0])
    cf = tv.counterfactual_turnover(
        small, "left", DRIVERS, pay_rise_pct=[1.2], hours_cut=[], overlap_cut=[], n_draws=200,
        seed=3,
    )  # fmt: skip
    assert rw.iloc[0]["rate"] == pytest.approx(cf.iloc[1]["rate"])
    r = rw.iloc[1]
    assert r["retained_gain_yuan"] == pytest.approx(0.5 * gain)
    assert r["reward_net_yuan"] == pytest.approx(
        r["replacement_saving_yuan"] - r["reward_pool_yuan"]
    )
    assert rw.iloc[1]["exits_averted"] > rw.iloc[0]["exits_averted"] > 0


def test_bad_cost_parameters(small: pd.DataFrame) -> None:
    with pytest.raises(InputError, match="replacement_cost_yuan"):
        tv.counterfactual_turnover(small, replacement_cost_yuan=-1.0)
    with pytest.raises(InputError, match="reward_shares"):
        tv.reward_scenario(small, reward_shares=[1.5])
    with pytest.raises(InputError, match="pay_rise_pct"):
        tv.counterfactual_turnover(small, pay_rise_pct=[-150.0])


def test_fit_functions_emit_no_unexpected_warnings(workers: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = tv.fit_logit(workers, "left", DRIVERS, CATEGORICAL)
        c = tv.fit_cox(
            workers, drivers=DRIVERS, categorical=CATEGORICAL, entry="tenure_start_years"
        )
    assert t.attrs["warnings"] == [] and c.attrs["warnings"] == []
    for col in ("term", "coef", "odds_ratio", "ci_low", "ci_high", "p_value", "ame", "ame_se"):
        assert col in t.columns
    for col in ("term", "coef", "hazard_ratio", "ci_low", "ci_high", "p_value"):
        assert col in c.columns
