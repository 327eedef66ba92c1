"""The Cox model against lifelines (Rossi data; delayed entry; clusters) and its score residuals."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from workbench import turnover
from workbench.errors import InputError
from workbench.turnover import cox
from workbench.turnover.design import TurnoverWarning
from workbench.turnover.phtest import efron_schoenfeld

from .conftest import ROSSI_X

LEVERS = ["monthly_pay", "weekly_hours", "has_sw_certificate"]


def test_cox_efron_matches_lifelines(rossi):
    from lifelines import CoxPHFitter

    with pytest.warns(TurnoverWarning, match=r"proportional-hazards check.*'age', 'wexp'"):
        fit = cox.fit_cox(rossi, "week", "arrest", ROSSI_X)
    t = fit.table.set_index("term")
    c = CoxPHFitter().fit(rossi, "week", "arrest")  # Efron ties
    np.testing.assert_allclose(t["coef"], c.params_[ROSSI_X], atol=1e-4)
    np.testing.assert_allclose(t["se"], c.standard_errors_[ROSSI_X], atol=1e-5)
    np.testing.assert_allclose(t["hazard_ratio"], np.exp(c.params_[ROSSI_X]), rtol=1e-4)
    np.testing.assert_allclose(t["p_value"], c.summary["p"][ROSSI_X], atol=1e-5)
    np.testing.assert_allclose(t["ci_low"], c.summary["exp(coef) lower 95%"][ROSSI_X], rtol=1e-4)
    assert fit.n == len(rossi) and fit.events == int(rossi["arrest"].sum())


def test_cox_with_delayed_entry_matches_lifelines_and_scores_zero(small):
    from lifelines import CoxPHFitter

    # entries tie with exit times here: at risk at t means entry < t <= duration, as in R and
    # lifelines (the shipped data have such ties)
    t = cox.fit_cox(small, drivers=LEVERS, entry="tenure_start_years").table.set_index("term")
    cols = ["tenure_years", "tenure_start_years", "left", *LEVERS]
    c = CoxPHFitter().fit(small[cols], "tenure_years", "left", entry_col="tenure_start_years")
    np.testing.assert_allclose(t["coef"], c.params_[LEVERS], rtol=1e-4, atol=1e-7)
    np.testing.assert_allclose(t["se"], c.standard_errors_[LEVERS], rtol=1e-4)
    # Efron Schoenfeld residuals with delayed entry and ties sum to the score: zero at the MLE
    X = small[LEVERS].to_numpy(float)
    _, resid = efron_schoenfeld(
        small["tenure_years"].to_numpy(float),
        small["left"].to_numpy(float),
        small["tenure_start_years"].to_numpy(float),
        X,
        t["coef"].to_numpy(),
    )
    np.testing.assert_allclose(resid.sum(axis=0) * t["se"].to_numpy(), 0.0, atol=1e-6)


def test_cox_cluster_robust_close_to_lifelines(small):
    from lifelines import CoxPHFitter

    with pytest.warns(TurnoverWarning, match="16 clusters"):
        fit = cox.fit_cox(small, drivers=LEVERS, cluster="district")
    naive = cox.fit_cox(small, drivers=LEVERS).table
    cols = ["tenure_years", "left", "district", *LEVERS]
    c = CoxPHFitter().fit(small[cols], "tenure_years", "left", cluster_col="district")
    # both sandwich estimators; they differ slightly in how tied exits enter the score
    np.testing.assert_allclose(fit.table["se"], c.standard_errors_[LEVERS], rtol=1e-2)
    np.testing.assert_allclose(fit.table["coef"], naive["coef"])
    # the PH test uses the model-based covariance either way
    np.testing.assert_allclose(fit.table["ph_chi2"], naive["ph_chi2"], rtol=1e-10)
    assert fit.cov_type == "cluster"


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


def test_cox_score_residuals_with_delayed_entry_match_their_definition(small):
    from statsmodels.duration.hazard_regression import PHReg

    X = small[LEVERS].to_numpy(float)
    t, e = small["tenure_years"].to_numpy(float), small["left"].to_numpy(float)
    en = small["tenure_start_years"].to_numpy(float)
    b = cox.fit_cox(small, drivers=LEVERS, entry="tenure_start_years").table["coef"].to_numpy()
    got = cox.cox_score_residuals(t, e, en, X, b)
    np.testing.assert_allclose(got, _score_residuals_by_loop(t, e, en, X, b), atol=1e-9)
    # without delayed entry they equal statsmodels' own score residuals
    b0 = cox.fit_cox(small, drivers=LEVERS).table["coef"].to_numpy()
    sm_resid = PHReg(t, X, status=e, ties="efron").score_residuals(b0)
    np.testing.assert_allclose(cox.cox_score_residuals(t, e, None, X, b0), sm_resid, atol=1e-9)


def test_cox_cluster_robust_with_delayed_entry_is_finite(small):
    # statsmodels returns NaN robust SEs here (workers at risk at no exit time get NaN score
    # residuals); fit_cox uses its own score residuals, checked above against the definition
    entry = "tenure_start_years"
    with pytest.warns(TurnoverWarning, match="16 clusters"):
        t = cox.fit_cox(small, drivers=LEVERS, entry=entry, cluster="district").table
    naive = cox.fit_cox(small, drivers=LEVERS, entry=entry).table
    assert np.all(np.isfinite(t["se"])) and (t["note"] == "").all()
    np.testing.assert_allclose(t["coef"], naive["coef"])


def test_cox_errors(small):
    with pytest.raises(InputError, match="no exits"):
        cox.fit_cox(small.assign(left=0), drivers=["monthly_pay"])
    with pytest.raises(ValueError, match="ph_transform"):
        cox.fit_cox(small, drivers=["monthly_pay"], ph_transform="weird")
    with pytest.raises(ValueError, match="ties"):
        cox.fit_cox(small, drivers=["monthly_pay"], ties="exact")


def test_the_contract_signature_is_unchanged():
    sig = inspect.signature(turnover.fit_cox)
    assert turnover.fit_cox is cox.fit_cox
    assert list(sig.parameters) == [
        "df",
        "duration",
        "event",
        "drivers",
        "categorical",
        "entry",
        "cluster",
        "ties",
        "alpha",
        "ph_transform",
        "reference",
        "source_label",
    ]
    d = {k: v.default for k, v in sig.parameters.items()}
    assert (d["duration"], d["event"], d["categorical"], d["ties"]) == (
        "tenure_years",
        "left",
        (),
        "efron",
    )
    assert d["ph_transform"] == "km" and d["entry"] is None and d["cluster"] is None
    assert len(d["drivers"]) == 7 and d["drivers"][1] == "monthly_pay"
