"""Response curves: recovery of known Hill and log curves, margins, thresholds, bootstrap."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.costeff import response as ce


def _hill_data(n: int = 400, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.lognormal(np.log(4e6), 0.8, n)
    truth = dict(e0=0.4, emax=0.3, ec50=3e6, hill=2.0)
    y = truth["e0"] + truth["emax"] * x**2 / (truth["ec50"] ** 2 + x**2)
    return x, y + rng.normal(0, 0.02, n), truth


@pytest.fixture(scope="module")
def hill_fit():
    x, y, truth = _hill_data()
    with np.errstate(all="raise"):
        return ce.fit_response(x, y, "hill"), x, y, truth


def test_fit_hill_recovers_truth_and_ci_covers(hill_fit):
    fit, x, y, truth = hill_fit
    se = np.sqrt(np.diag(fit.cov))
    for (name, value), s in zip(truth.items(), se, strict=True):
        assert abs(fit.params[name] - value) < 4 * s, name
    assert fit.params["ec50"] == pytest.approx(3e6, rel=0.1)
    log = ce.fit_response(x, y, "log")
    assert fit.aic < log.aic


def test_log_model_closed_forms():
    x = np.linspace(0, 1e6, 50)
    y = 0.2 + 0.05 * np.log1p(x / 1e4)
    fit = ce.fit_response(x, y + np.tile([1e-4, -1e-4], 25), "log")
    assert fit.params["b"] == pytest.approx(0.05, rel=1e-3)
    m = ce.marginal_response(fit, 0.0)
    assert m == pytest.approx(fit.params["b"] * np.log(2.0))
    # m(x) = b ln(1 + step / (x_ref + x)) = t  <=>  x = step / (exp(t / b) - 1) - x_ref
    t = 0.002
    b = fit.params["b"]
    assert ce.spend_at_marginal(fit, t) == pytest.approx(1e4 / np.expm1(t / b) - 1e4, rel=1e-6)


def test_marginal_and_threshold_hill(hill_fit):
    fit = hill_fit[0]
    grid = np.array([0.0, 1e6, 3e6, 1e7])
    m = ce.marginal_response(fit, grid)
    assert m.shape == (4,)
    assert (m >= 0).all()
    thr = float(m[2]) / 2
    xstar = ce.spend_at_marginal(fit, thr)
    assert xstar > 3e6
    assert ce.marginal_response(fit, xstar) == pytest.approx(thr, rel=1e-4)
    assert ce.marginal_response(fit, xstar * 1.2) < thr
    assert ce.spend_at_marginal(fit, 10.0) == 0.0  # never worth it
    with pytest.raises(ValueError, match="threshold must be > 0"):
        ce.spend_at_marginal(fit, 0.0)


def test_response_curve_intervals(hill_fit):
    fit = hill_fit[0]
    curve = ce.response_curve(fit, np.linspace(0, 2e7, 11))
    assert (curve["fitted_lower"] <= curve["fitted"]).all()
    assert (curve["fitted"] <= curve["fitted_upper"]).all()
    assert (curve["marginal_lower"] <= curve["marginal_upper"]).all()
    assert np.isfinite(curve.to_numpy()).all()
    assert ce.predict_response(fit, 0.0) == pytest.approx(fit.params["e0"])


@settings(max_examples=40, deadline=None)
@given(st.floats(0.0, 5e7, allow_subnormal=False), st.floats(1e3, 1e6))
def test_marginal_is_the_difference_of_the_curve(spend, step):
    x = np.linspace(0, 1e6, 50)
    fit = ce.fit_response(x, 0.2 + 0.05 * np.log1p(x / 1e4) + np.tile([1e-4, -1e-4], 25), "log")
    expected = ce.predict_response(fit, spend + step) - ce.predict_response(fit, spend)
    assert ce.marginal_response(fit, spend, step) == pytest.approx(expected, rel=1e-9, abs=1e-15)


@pytest.mark.parametrize(
    ("spend", "outcome", "fragment"),
    [
        ([1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [1] * 7, "spend has negative values"),
        ([1.0, 2.0, 3.0], [1, 2, 3], "need at least 6 units"),
        ([2.0] * 8, list(range(8)), "spend is the same for every unit"),
        ([1.0, np.inf] + [3.0] * 6, list(range(8)), "missing or infinite"),
    ],
)
def test_fit_response_bad_inputs(spend, outcome, fragment):
    with pytest.raises(ValueError) as err:
        ce.fit_response(spend, outcome, "hill")
    assert fragment in str(err.value)
    assert not isinstance(err.value, ce.FitError)


def test_fit_response_unknown_model():
    with pytest.raises(ValueError, match="model must be 'hill' or 'log'"):
        ce.fit_response([1, 2, 3], [1, 2, 3], "cubic")


def test_a_curve_that_does_not_converge_is_a_fit_error(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("Optimal parameters not found")

    monkeypatch.setattr(ce.optimize, "curve_fit", fail)
    x, y, _ = _hill_data(n=50)
    with pytest.raises(ce.FitError, match="the hill curve did not converge"):
        ce.fit_response(x, y, "hill")
