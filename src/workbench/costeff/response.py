"""Response curves of a service outcome on technology spending: Hill and log, margins, bootstrap.

The outcome ``y`` of a unit (e.g. the share of residents' needs met, 0-1) is fitted to its
technology spend ``x`` (yuan a year) by non-linear least squares, optionally holding linear
covariates fixed (the staff cut, :func:`staff_cut`). From the fit come the curve with delta-method
intervals (:func:`response_curve`), the marginal return of the next ``step`` yuan
(:func:`marginal_response`) and the spend beyond which that return falls below a threshold
(:func:`spend_at_marginal`). Case-bootstrap intervals are in :mod:`workbench.costeff.bootstrap`,
the staff cut and its coefficient in :mod:`workbench.costeff.staffing`.

References
----------
Hill AV (1910). The possible effects of the aggregation of the molecules of haemoglobin on its
dissociation curves. *Journal of Physiology* 40: iv-vii.
Goutelle S et al. (2008). The Hill equation: a review of its capabilities in pharmacological
modelling. *Fundamental & Clinical Pharmacology* 22: 633-648.
Seber GAF, Wild CJ (1989). *Nonlinear Regression*. Wiley, ch. 5.
Drummond MF et al. (2015). *Methods for the Economic Evaluation of Health Care Programmes*, 4th ed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import optimize, special, stats

from workbench.costeff.checks import (
    check_level,
    finite_array,
    numeric_column,
    positive_number,
    rows,
    scalar_or_array,
)

MODELS = ("hill", "log")
SPEND_PARAMS = {"hill": ("e0", "emax", "ec50", "hill"), "log": ("a", "b")}


class FitError(ValueError):
    """The data do not determine the curve: no convergence, singular covariance or exact fit."""


@dataclass(frozen=True)
class ResponseFit:
    """A fitted response of an outcome to technology spending (see :func:`fit_response`).

    Attributes
    ----------
    model : str
        ``"hill"`` or ``"log"``.
    params : pandas.Series
        Estimates. Hill: ``e0`` (outcome at zero spend), ``emax`` (maximum gain, outcome units),
        ``ec50`` (yuan giving half the maximum gain), ``hill`` (shape); log: ``a``, ``b`` (outcome
        units per log-unit); then ``beta_<covariate>`` for linear covariates.
    cov : pandas.DataFrame
        Estimated covariance of ``params`` (curve_fit, scaled by the residual variance).
    n : int
        Number of units.
    rss : float
        Residual sum of squares.
    aic : float
        Gaussian AIC, ``n ln(rss / n) + 2 p``.
    spend_ref : float
        Log model scale ``x_ref`` in yuan (unused by the Hill model).
    covariates : tuple of str
        Names of linear covariates.
    """

    model: str
    params: pd.Series
    cov: pd.DataFrame
    n: int
    rss: float
    aic: float
    spend_ref: float
    covariates: tuple[str, ...]


def _hill_core(x: np.ndarray, ec50: float, h: float) -> tuple[np.ndarray, np.ndarray]:
    """Return ``H = x^h / (ec50^h + x^h)`` and ``ln(x / ec50)`` (0 where x == 0)."""
    pos = x > 0
    logx = np.zeros_like(x)
    np.log(x, out=logx, where=pos)
    lr = np.where(pos, logx - np.log(ec50), 0.0)
    t = np.where(pos, h * lr, -np.inf)
    return special.expit(t), lr


def _design(fit_model: str, x: np.ndarray, p: np.ndarray, spend_ref: float) -> np.ndarray:
    """Value of the spend part of the model at ``x`` with parameter vector ``p``."""
    if fit_model == "log":
        with np.errstate(under="ignore"):  # spend below ~1e-304 yuan rounds to 0, harmlessly
            return p[0] + p[1] * np.log1p(x / spend_ref)
    hval, _ = _hill_core(x, p[2], p[3])
    return p[0] + p[1] * hval


def _jacobian(fit_model: str, x: np.ndarray, p: np.ndarray, spend_ref: float) -> np.ndarray:
    """Derivatives of the spend part with respect to its parameters, shape ``(len(x), k)``."""
    if fit_model == "log":
        return np.column_stack([np.ones_like(x), np.log1p(x / spend_ref)])
    hval, lr = _hill_core(x, p[2], p[3])
    slope = hval * (1.0 - hval)
    return np.column_stack([np.ones_like(x), hval, -p[1] * slope * p[3] / p[2], p[1] * slope * lr])


def covariate_matrix(covariates: object, n: int, where: str) -> tuple[np.ndarray, list[str]]:
    if covariates is None:
        return np.zeros((n, 0)), []
    if isinstance(covariates, pd.Series):
        covariates = covariates.to_frame()
    if isinstance(covariates, pd.DataFrame):
        names = [str(c) for c in covariates.columns]
        z = (
            np.column_stack(
                [numeric_column(covariates, c, where, what="covariate values") for c in covariates]
            )
            if names
            else np.zeros((n, 0))
        )
    else:
        z = finite_array(covariates, "covariates", where)
        z = z.reshape(n, -1) if z.ndim == 1 else z
        names = [f"z{i + 1}" for i in range(z.shape[1])]
    if z.shape[0] != n:
        raise ValueError(f"{where}: covariates have {z.shape[0]} rows but spend has {n}.")
    return z, names


def _check_data(spend, outcome, model, spend_ref, n_par, where):
    """The spend and outcome vectors, checked for the model (ValueError on misuse)."""
    x = finite_array(spend, "spend", where).reshape(-1)
    y = finite_array(outcome, "outcome", where).reshape(-1)
    if x.shape != y.shape:
        raise ValueError(f"{where}: spend has {x.size} values but outcome has {y.size}.")
    if (x < 0).any():
        raise ValueError(f"{where}: spend has negative values (yuan) at {rows(x < 0)}.")
    positive_number(spend_ref, "spend_ref", where, " yuan")
    if x.size < n_par + 2:
        raise ValueError(
            f"{where}: need at least {n_par + 2} units for the {model} model, got {x.size}."
        )
    if np.ptp(x) == 0:
        raise ValueError(f"{where}: spend is the same for every unit; no curve can be fitted.")
    return x, y


def _starts_and_bounds(model, xs, y, nz, start, scale):
    """Starting points and box bounds of the parameters (spend part, then covariates)."""
    ylo, yhi = float(np.min(y)), float(np.max(y))
    if model == "hill":
        lower = [-np.inf, -np.inf, 1e-6, 0.2] + [-np.inf] * nz
        upper = [np.inf, np.inf, 1e3 * float(np.max(xs)), 8.0] + [np.inf] * nz
        if start is not None:
            s = list(map(float, start))
            starts = [[s[0], s[1], s[2] / scale, s[3]]]
        else:
            span = max(yhi - ylo, 1e-6)
            starts = [[ylo, span, c, h] for c in (0.5, 1.0, 2.0) for h in (1.0, 2.0)]
    else:
        lower = [-np.inf] * (2 + nz)
        upper = [np.inf] * (2 + nz)
        starts = [list(map(float, start))] if start is not None else [[float(np.mean(y)), 0.0]]
    return starts, lower, upper


def _least_squares(f, jac, xs, y, starts, lower, upper, nz):
    """The best (lowest residual sum of squares) curve_fit over the starting points, or None."""
    best = None
    for s0 in starts:
        p0 = list(s0) + [0.0] * nz
        p0 = list(np.clip(p0, np.array(lower) + 1e-12, np.array(upper) - 1e-12))
        try:
            with np.errstate(under="ignore"):
                popt, pcov = optimize.curve_fit(
                    f, xs, y, p0=p0, jac=jac, bounds=(lower, upper), method="trf", maxfev=5000
                )
        except (RuntimeError, ValueError, FloatingPointError):
            continue
        rss = float(np.sum((y - f(xs, *popt)) ** 2))
        if best is None or rss < best[0]:
            best = (rss, popt, pcov)
    return best


def fit_response(
    spend: ArrayLike,
    outcome: ArrayLike,
    model: str = "hill",
    *,
    covariates: pd.DataFrame | pd.Series | ArrayLike | None = None,
    spend_ref: float = 10_000.0,
    start: Sequence[float] | None = None,
) -> ResponseFit:
    """Fit a log or Hill (saturating) response of an outcome to technology spending.

    Parameters
    ----------
    spend : array_like
        Technology spending per unit, yuan, >= 0.
    outcome : array_like
        Outcome per unit (e.g. share of residents' needs met, 0-1).
    model : {"hill", "log"}
        ``hill``: ``y = e0 + emax * x^h / (ec50^h + x^h)``;
        ``log``: ``y = a + b * ln(1 + x / x_ref)``.
    covariates : DataFrame, Series, array_like or None
        Optional linear terms ``+ sum_k beta_k z_k`` (e.g. the staff cut,
        :func:`workbench.costeff.staffing.staff_cut`), so the spend curve
        is estimated holding them fixed; predictions use ``z = 0`` unless given.
    spend_ref : float
        ``x_ref`` of the log model, yuan (default 10,000 yuan = 1万元).
    start : sequence of float or None
        Starting values for the spend parameters (Hill: e0, emax, ec50 in yuan, h); default uses
        several data-based starts and keeps the best.

    Returns
    -------
    ResponseFit
        Estimates, covariance, residual sum of squares and AIC.

    Raises
    ------
    ValueError
        Negative, missing or constant spending, too few units.
    FitError
        A fit that does not converge, parameters that the data do not identify (non-finite
        covariance) or an exact fit (AIC undefined).

    Notes
    -----
    Non-linear least squares by ``scipy.optimize.curve_fit`` (trust-region reflective, analytic
    Jacobian); the covariance is ``s^2 (J'J)^-1`` with ``s^2 = rss / (n - p)``. Spending is scaled
    by its median internally for numerical stability; ``ec50`` is reported in yuan. The Hill
    (Emax) curve is the standard saturating dose-response (Hill 1910; Goutelle et al. 2008); the
    log curve is the usual diminishing-returns benchmark. Bounds: ``ec50 > 0``,
    ``0.2 <= h <= 8``; ``emax`` may be negative (spending that lowers the outcome).
    """
    where = "fit_response"
    if model not in MODELS:
        raise ValueError(f"{where}: model must be 'hill' or 'log', got {model!r}.")
    k_spend = len(SPEND_PARAMS[model])
    x0 = np.asarray(spend, dtype=float).reshape(-1)
    z, znames = covariate_matrix(covariates, x0.size, where)
    n_par = k_spend + z.shape[1]
    x, y = _check_data(spend, outcome, model, spend_ref, n_par, where)
    scale = float(np.median(x[x > 0])) if model == "hill" else 1.0
    xs = x / scale

    def f(_x: np.ndarray, *p: float) -> np.ndarray:
        pv = np.asarray(p)
        return _design(model, xs, pv[:k_spend], spend_ref) + z @ pv[k_spend:]

    def jac(_x: np.ndarray, *p: float) -> np.ndarray:
        pv = np.asarray(p)
        return np.column_stack([_jacobian(model, xs, pv[:k_spend], spend_ref), z])

    starts, lower, upper = _starts_and_bounds(model, xs, y, z.shape[1], start, scale)
    best = _least_squares(f, jac, xs, y, starts, lower, upper, z.shape[1])
    if best is None:
        raise FitError(
            f"{where}: the {model} curve did not converge; try model='log' or check that the "
            "outcome varies with spending."
        )
    return _package(model, best, scale, n_par, x.size, spend_ref, znames)


def _package(model, best, scale, n_par, n, spend_ref, znames) -> ResponseFit:
    """The :class:`ResponseFit` of the best least-squares solution, ``ec50`` back in yuan."""
    rss, popt, pcov = best
    if not np.all(np.isfinite(pcov)):
        raise FitError(
            f"fit_response: the data do not identify the {model} parameters (singular covariance); "
            "try model='log', more units or a wider spread of spending."
        )
    names = list(SPEND_PARAMS[model]) + [f"beta_{nm}" for nm in znames]
    if model == "hill":
        popt = popt.copy()
        popt[2] *= scale
        tr = np.ones(n_par)
        tr[2] = scale
        pcov = pcov * np.outer(tr, tr)
    aic = n * np.log(rss / n) + 2 * n_par if rss > 0 else -np.inf
    if not np.isfinite(aic):
        raise FitError("fit_response: the curve fits every unit exactly; AIC is undefined.")
    return ResponseFit(
        model=model,
        params=pd.Series(popt, index=names, name="estimate"),
        cov=pd.DataFrame(pcov, index=names, columns=names),
        n=int(n),
        rss=rss,
        aic=float(aic),
        spend_ref=float(spend_ref),
        covariates=tuple(znames),
    )


def spend_params(fit: ResponseFit) -> np.ndarray:
    return fit.params.to_numpy()[: len(SPEND_PARAMS[fit.model])]


def _spend_grid(spend: ArrayLike, where: str) -> np.ndarray:
    x = finite_array(spend, "spend", where)
    if (x < 0).any():
        raise ValueError(f"{where}: spend must be >= 0 yuan.")
    return x


def predict_response(
    fit: ResponseFit, spend: ArrayLike, covariates: ArrayLike | None = None
) -> float | np.ndarray:
    """Fitted outcome at given spending (yuan).

    Parameters
    ----------
    fit : ResponseFit
        From :func:`fit_response`.
    spend : array_like
        Spending, yuan, >= 0.
    covariates : array_like or None
        Covariate values, shape ``(len(spend), k)``; ``None`` means ``z = 0``.

    Returns
    -------
    float or numpy.ndarray
        ``f(x) + z beta`` in outcome units.

    Notes
    -----
    Formulas as in :func:`fit_response` (Hill 1910; Goutelle et al. 2008).
    """
    x = _spend_grid(spend, "predict_response")
    out = _design(fit.model, x, spend_params(fit), fit.spend_ref)
    if covariates is not None and fit.covariates:
        zz = finite_array(covariates, "covariates", "predict_response").reshape(x.size, -1)
        out = out + (zz @ fit.params.to_numpy()[-len(fit.covariates) :]).reshape(x.shape)
    return scalar_or_array(np.asarray(out))


def marginal_response(
    fit: ResponseFit, spend: ArrayLike, step: float = 10_000.0
) -> float | np.ndarray:
    """Marginal outcome per extra ``step`` yuan of technology spending.

    Parameters
    ----------
    fit : ResponseFit
        From :func:`fit_response`.
    spend : array_like
        Current spending, yuan, >= 0.
    step : float
        Size of the extra spending, yuan (default 10,000 yuan = 1万元).

    Returns
    -------
    float or numpy.ndarray
        ``m(x) = f(x + step) - f(x)``, outcome units per ``step`` yuan.

    Notes
    -----
    A finite difference rather than the derivative, so it is defined at zero spending for every
    Hill shape and reads directly as "what the next 1万元 buys" (Drummond et al. 2015, ch. 4, on
    marginal analysis).
    """
    positive_number(step, "step", "marginal_response", " yuan")
    x = _spend_grid(spend, "marginal_response")
    p = spend_params(fit)
    m = _design(fit.model, x + step, p, fit.spend_ref) - _design(fit.model, x, p, fit.spend_ref)
    return scalar_or_array(np.asarray(m))


def response_curve(
    fit: ResponseFit, spend: ArrayLike, step: float = 10_000.0, level: float = 0.95
) -> pd.DataFrame:
    """Fitted curve and marginal returns on a spending grid, with delta-method intervals.

    Parameters
    ----------
    fit : ResponseFit
        From :func:`fit_response`.
    spend : array_like
        Spending grid, yuan, >= 0.
    step : float
        Extra spending for the marginal return, yuan.
    level : float
        Confidence level, in (0, 1).

    Returns
    -------
    pandas.DataFrame
        ``spend`` (yuan), ``fitted``, ``fitted_lower``, ``fitted_upper`` (outcome units, covariates
        at 0), ``marginal``, ``marginal_lower``, ``marginal_upper`` (outcome units per ``step``
        yuan).

    Notes
    -----
    Delta method: ``var g(theta) = grad' Sigma grad`` with the analytic gradient; intervals use the
    t distribution with ``n - p`` degrees of freedom (Seber & Wild 1989, ch. 5).
    """
    check_level(level, "response_curve")
    x = _spend_grid(spend, "response_curve").reshape(-1)
    p = spend_params(fit)
    k = p.size
    cov = fit.cov.to_numpy()[:k, :k]
    j0 = _jacobian(fit.model, x, p, fit.spend_ref)
    jm = _jacobian(fit.model, x + step, p, fit.spend_ref) - j0
    se_f = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", j0, cov, j0), 0.0))
    se_m = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", jm, cov, jm), 0.0))
    q = stats.t.ppf(0.5 + level / 2, df=max(fit.n - len(fit.params), 1))
    fitted = _design(fit.model, x, p, fit.spend_ref)
    marg = _design(fit.model, x + step, p, fit.spend_ref) - fitted
    return pd.DataFrame(
        {
            "spend": x,
            "fitted": fitted,
            "fitted_lower": fitted - q * se_f,
            "fitted_upper": fitted + q * se_f,
            "marginal": marg,
            "marginal_lower": marg - q * se_m,
            "marginal_upper": marg + q * se_m,
        }
    )


def _marginal_peak(fit: ResponseFit, m, step: float) -> float:
    """Spend where the marginal return is largest (0 for the log curve and for h <= 1)."""
    if fit.model != "hill":
        return 0.0
    ec50, h = float(fit.params["ec50"]), float(fit.params["hill"])
    hi0 = 10.0 * ec50 + step
    res = optimize.minimize_scalar(
        lambda v: -m(v), bounds=(0.0, hi0), method="bounded", options={"xatol": 1e-6 * hi0}
    )
    peak = float(res.x) if h > 1 else 0.0
    return peak if m(peak) >= m(0.0) else 0.0


def spend_at_marginal(fit: ResponseFit, threshold: float, step: float = 10_000.0) -> float:
    """Spending beyond which an extra ``step`` yuan buys less than ``threshold``.

    Parameters
    ----------
    fit : ResponseFit
        From :func:`fit_response`.
    threshold : float
        Marginal-benefit threshold, outcome units per ``step`` yuan, > 0.
    step : float
        Extra spending, yuan (default 10,000 yuan).

    Returns
    -------
    float
        ``x* = min{x >= x_peak : m(x) <= threshold}``, yuan, where ``m`` is the marginal return of
        :func:`marginal_response` and ``x_peak`` the spend where it is largest; ``0.0`` when
        ``m`` never exceeds the threshold (no spending clears it).

    Notes
    -----
    For both curves ``m`` rises to one peak (Hill with ``h > 1``) or falls from zero spending, and
    tends to 0, so ``x*`` is unique; it is found by bounded maximisation and Brent's root finder.
    This is the point of diminishing returns used in marginal analysis (Drummond et al. 2015).
    """
    where = "spend_at_marginal"
    positive_number(threshold, "threshold", where, " outcome units per step")
    positive_number(step, "step", where, " yuan")

    def m(v: float) -> float:
        return float(marginal_response(fit, v, step))

    peak = _marginal_peak(fit, m, step)
    if m(peak) <= threshold:
        return 0.0
    hi = max(2.0 * peak, step)
    for _ in range(200):
        if m(hi) < threshold:
            break
        hi *= 2.0
    else:  # pragma: no cover - m tends to 0, so this needs an absurd threshold
        raise ValueError(f"{where}: the marginal return never falls below {threshold}.")
    return float(optimize.brentq(lambda v: m(v) - threshold, peak, hi, xtol=1e-6 * step))
