"""Cox proportional-hazards model of exit by years of service, with a proportional-hazards check."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.errors import DataError
from workbench.turnover import schema
from workbench.turnover.design import (
    EPV_MIN,
    Design,
    as_numeric,
    build_design,
    check_rank,
    cluster_codes,
    covariates,
    emit,
    few_clusters_message,
    z_value,
)
from workbench.turnover.phtest import TRANSFORMS, efron_schoenfeld, gt_test, risk_sums

MONOTONE_NOTE = "not estimable: monotone likelihood"


@dataclass(frozen=True)
class CoxFit:
    """A fitted Cox model (see :func:`fit_cox`).

    Attributes
    ----------
    table : pandas.DataFrame
        ``term``, ``driver``, ``level``, ``kind``, ``coef`` (log hazard ratio per unit), ``se``,
        ``z``, ``p_value``, ``hazard_ratio``, ``ci_low``/``ci_high`` (the interval of the HAZARD
        RATIO, ``exp(coef +- z se)``), ``ph_rho``, ``ph_chi2``, ``ph_p_value``, ``note``.
    ph : pandas.DataFrame
        The proportional-hazards test (:func:`ph_test`): ``term`` (plus ``GLOBAL``), ``rho``,
        ``chi2``, ``df``, ``p_value``.
    n, events : int
        Workers and exits.
    ties, entry, cov_type, cluster, ph_transform : str or None
    alpha : float
    references : dict
        Reference level of each categorical driver.
    ph_global_chi2 : float
    ph_global_df : int
    ph_global_p_value : float
    llf : float
        Log partial likelihood.
    warnings : tuple of str
        Few exits per term, few clusters, monotone likelihood, proportional-hazards violations.
    """

    table: pd.DataFrame
    ph: pd.DataFrame
    n: int
    events: int
    ties: str
    entry: str | None
    cov_type: str
    cluster: str | None
    alpha: float
    references: dict[str, str]
    ph_transform: str
    ph_global_chi2: float
    ph_global_df: int
    ph_global_p_value: float
    llf: float
    warnings: tuple[str, ...]


def cox_score_residuals(
    time: np.ndarray,
    status: np.ndarray,
    entry: np.ndarray | None,
    X: np.ndarray,
    beta: np.ndarray,
) -> np.ndarray:
    """Cox score residuals (Breslow form) with delayed entry, one row per worker.

    ``L_i = sum_j Y_i(t_j) (x_i - xbar_j) (dN_i(t_j) - r_i dL_j)`` over the distinct exit times
    ``t_j``, with ``Y_i(t) = 1`` when ``entry_i < t <= time_i``, ``r_i = exp(x_i'b)``,
    ``xbar_j = S1_j / S0_j`` and ``dL_j = d_j / S0_j`` (Therneau & Grambsch 2000, section 7.2).
    Computed as ``dN_i (x_i - xbar(t_i)) - r_i [x_i (A(time_i) - A(entry_i)) - (B(time_i) -
    B(entry_i))]`` with ``A(s) = sum_{t_j <= s} dL_j`` and ``B(s) = sum_{t_j <= s} xbar_j dL_j``.
    A worker at risk at no exit time gets 0. Without delayed entry this equals statsmodels
    ``PHReg.score_residuals``; with it, statsmodels and lifelines 0.30 disagree with the
    definition above (the tests check it against a direct loop).
    """
    n, p = X.shape
    xb = X @ beta
    r = np.exp(xb - xb.max())
    ev = status == 1
    ut, d = np.unique(time[ev], return_counts=True)
    rx = np.column_stack([r, r[:, None] * X])
    S = risk_sums(time, rx, ut)
    if entry is not None:
        S = S - risk_sums(entry, rx, ut)
    xbar = S[:, 1:] / S[:, [0]]
    dL = d / S[:, 0]
    A = np.r_[0.0, np.cumsum(dL)]
    B = np.vstack([np.zeros((1, p)), np.cumsum(xbar * dL[:, None], axis=0)])
    hi = np.searchsorted(ut, time, side="right")  # exits with t_j <= time_i
    lo = np.zeros(n, dtype=int) if entry is None else np.searchsorted(ut, entry, side="right")
    resid = -r[:, None] * (X * (A[hi] - A[lo])[:, None] - (B[hi] - B[lo]))
    j = np.searchsorted(ut, time[ev])
    resid[ev] += X[ev] - xbar[j]
    return resid


def cox_cluster_cov(score: np.ndarray, hessian: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Cluster-robust (sandwich) covariance of Cox coefficients (Lin & Wei 1989).

    ``V = H^-1 (sum_g U_g U_g') H^-1`` with ``U_g`` the sum of the score residuals
    (:func:`cox_score_residuals`) of cluster ``g`` and ``H`` the Hessian of the log partial
    likelihood, as statsmodels ``PHReg.robust_covariance`` (no small-sample factor, as in R
    ``coxph(cluster=)``).

    References
    ----------
    Lin, D. Y. & Wei, L. J. (1989). The robust inference for the Cox proportional hazards
    model. Journal of the American Statistical Association 84(408), 1074-1078.
    """
    U = np.zeros((int(codes.max()) + 1, score.shape[1]))
    np.add.at(U, codes, score)
    h_inv = np.linalg.inv(hessian)
    return h_inv @ (U.T @ U) @ h_inv


@dataclass(frozen=True)
class _Estimate:
    beta: np.ndarray
    bse: np.ndarray
    V_naive: np.ndarray
    llf: float


def _prepare(df, duration, event, drivers, categorical, entry, cluster, reference, label):
    if not covariates(drivers, categorical):
        raise ValueError(f"{label}: no drivers given; name at least one driver column")
    schema.check_workers(
        df, event, duration, drivers, categorical, source_label=label, id_column=None, entry=entry
    )
    df = df.reset_index(drop=True)
    time, status = as_numeric(df[duration]), as_numeric(df[event])
    ent = as_numeric(df[entry]) if entry else None
    events = int(status.sum())
    if events == 0:
        raise DataError(
            f"{label}: no exits in '{event}', so a Cox model cannot be fitted",
            file=label,
            column=event,
        )
    design = build_design(df, drivers, categorical, reference, add_constant=False)
    check_rank(design, label)
    msgs = []
    n_terms = design.X.shape[1]
    if events < EPV_MIN * n_terms:
        msgs.append(
            f"{label}: only {events} exits for {n_terms} Cox model terms "
            f"({events / n_terms:.1f} per term; Peduzzi et al. 1995 recommend at least "
            f"{EPV_MIN}); hazard ratios and their intervals may be biased and unstable."
        )
    codes = cluster_codes(df, cluster, label)
    if codes is not None:
        few = few_clusters_message(codes, str(cluster), label)
        if few:
            msgs.append(few)
    return time, status, ent, design, codes, msgs


def _estimate(time, status, ent, design, codes, ties, label, msgs) -> _Estimate:
    from statsmodels.duration.hazard_regression import PHReg

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # statsmodels counts a subject as at risk at t when entry <= t; R (start, stop],
        # lifelines and SurvfuncRight need entry < t. The next float up gives the latter.
        ent_sm = None if ent is None else np.nextafter(ent, np.inf)
        model = PHReg(time, design.X, status=status, entry=ent_sm, ties=ties)
        try:
            res = model.fit()
        except np.linalg.LinAlgError as exc:
            raise DataError(
                f"{label}: the Cox model could not be fitted ({exc}); check for collinear "
                "drivers or categories with no exits.",
                file=label,
            ) from exc
        beta = np.asarray(res.params, dtype=float)
        # the PH test needs the model-based covariance, not the cluster-robust one
        V_naive = np.asarray(res.cov_params(), dtype=float)
        if codes is None:
            bse = np.asarray(res.bse, dtype=float)
        else:
            score = cox_score_residuals(time, status, ent, design.X, beta)
            V_robust = cox_cluster_cov(score, np.asarray(model.hessian(beta)), codes)
            bse = np.sqrt(np.diag(V_robust))
    for w in caught:
        if not issubclass(w.category, (DeprecationWarning, FutureWarning)):
            msgs.append(f"{label}: statsmodels warned: {str(w.message).strip()}")
    return _Estimate(beta, bse, V_naive, float(res.llf))


def _monotone_terms(design: Design, est: _Estimate, label: str, msgs: list[str]) -> list[str]:
    huge = np.abs(est.beta * design.sd) > 10
    if not (huge.any() or not np.all(np.isfinite(est.bse))):
        return []
    bad = [design.names[i] for i in np.flatnonzero(huge | ~np.isfinite(est.bse))]
    msgs.append(
        f"{label}: the Cox estimates for {', '.join(repr(b) for b in bad)} are extreme "
        "(monotone likelihood: some drivers order the exits almost perfectly); their hazard "
        "ratios are reported as NaN."
    )
    return bad


def _cox_table(design, est, ph_stats, alpha, bad) -> pd.DataFrame:
    from scipy import stats

    z = z_value(alpha)
    rho, chi2, ph_p = ph_stats
    beta, bse = est.beta, est.bse
    zval = beta / bse
    rows = []
    for k, t in enumerate(design.terms):
        finite = np.isfinite(bse[k])
        rows.append(
            {
                "term": t.term,
                "driver": t.driver,
                "level": t.level,
                "kind": t.kind,
                "coef": beta[k],
                "se": bse[k],
                "z": zval[k],
                "p_value": 2.0 * stats.norm.sf(abs(zval[k])),
                "hazard_ratio": math.exp(beta[k]) if beta[k] < 700 else math.inf,
                "ci_low": math.exp(beta[k] - z * bse[k]) if finite else np.nan,
                "ci_high": math.exp(beta[k] + z * bse[k]) if finite else np.nan,
                "ph_rho": rho[k],
                "ph_chi2": chi2[k],
                "ph_p_value": ph_p[k],
                "note": "",
            }
        )
    table = pd.DataFrame(rows)
    if bad:
        m = table["term"].isin(bad)
        table.loc[m, ["coef", "se", "z", "p_value", "hazard_ratio", "ci_low", "ci_high"]] = np.nan
        table.loc[m, "note"] = MONOTONE_NOTE
    return table


def _violation_message(ph: pd.DataFrame, alpha: float, transform: str, label: str) -> str | None:
    viol = ph.loc[(ph["p_value"] < alpha) & (ph["term"] != "GLOBAL"), "term"].tolist()
    if not viol:
        return None
    return (
        f"{label}: the proportional-hazards check (Grambsch & Therneau 1994, "
        f"{transform} time) rejects constant hazard ratios at {alpha:g} for "
        f"{', '.join(repr(v) for v in viol)}: their hazard ratio changes with tenure, so read "
        "it as an average over tenure (or stratify / add a time interaction)."
    )


def estimate_cox(
    df: pd.DataFrame,
    duration: str,
    event: str,
    drivers: Sequence[str],
    categorical: Sequence[str],
    *,
    entry: str | None = None,
    cluster: str | None = None,
    ties: str = "efron",
    alpha: float = 0.05,
    ph_transform: str = "km",
    reference: Mapping[str, str] | None = None,
    source_label: str = "the workers data",
) -> CoxFit:
    """:func:`fit_cox` without emitting its warnings."""
    z_value(alpha)
    if ties not in ("efron", "breslow"):
        raise ValueError(f"ties must be 'efron' or 'breslow', got {ties!r}")
    if ph_transform not in TRANSFORMS:
        raise ValueError(
            f"ph_transform must be 'km', 'rank', 'identity' or 'log', got {ph_transform!r}"
        )
    label = source_label
    time, status, ent, design, codes, msgs = _prepare(
        df, duration, event, drivers, categorical, entry, cluster, reference, label
    )
    est = _estimate(time, status, ent, design, codes, ties, label, msgs)
    bad = _monotone_terms(design, est, label, msgs)
    ev_t, resid = efron_schoenfeld(time, status, ent, design.X, est.beta, efron=ties == "efron")
    rho, chi2, ph_p, g_chi2, g_df, g_p = gt_test(
        ev_t, resid, est.V_naive, ph_transform, time, status, ent
    )
    table = _cox_table(design, est, (rho, chi2, ph_p), alpha, bad)
    ph = pd.DataFrame(
        {
            "term": [*design.names, "GLOBAL"],
            "rho": [*rho, np.nan],
            "chi2": [*chi2, g_chi2],
            "df": [1] * len(design.names) + [g_df],
            "p_value": [*ph_p, g_p],
        }
    )
    violation = _violation_message(ph, alpha, ph_transform, label)
    if violation:
        msgs.append(violation)
    return CoxFit(
        table=table,
        ph=ph,
        n=len(time),
        events=int(status.sum()),
        ties=ties,
        entry=entry,
        cov_type="cluster" if codes is not None else "nonrobust",
        cluster=cluster or None,
        alpha=alpha,
        references=dict(design.references),
        ph_transform=ph_transform,
        ph_global_chi2=g_chi2,
        ph_global_df=g_df,
        ph_global_p_value=g_p,
        llf=est.llf,
        warnings=tuple(msgs),
    )


def fit_cox(
    df: pd.DataFrame,
    duration: str = "tenure_years",
    event: str = "left",
    drivers: Sequence[str] = schema.DRIVERS,
    categorical: Sequence[str] = (),
    *,
    entry: str | None = None,
    cluster: str | None = None,
    ties: str = "efron",
    alpha: float = 0.05,
    ph_transform: str = "km",
    reference: Mapping[str, str] | None = None,
    source_label: str = "the workers data",
) -> CoxFit:
    """Cox proportional-hazards model of exit by tenure, Efron ties, with a PH check.

    Hazard of exit at tenure ``t``: ``h(t | x) = h0(t) exp(x'b)`` (Cox 1972), fitted by
    maximising the partial likelihood with Efron's (1977) approximation for tied exit times
    (statsmodels ``PHReg(ties="efron")``). Hazard ratio ``HR_k = exp(b_k)``, interval
    ``exp(b_k +- z se_k)``. Each term also gets the Grambsch & Therneau (1994) test of
    proportional hazards: the correlation of its scaled Schoenfeld residuals with a transform
    of time (``ph_rho``), ``ph_chi2`` (chi-square, 1 df) and ``ph_p_value``; the global test is
    in ``ph_global_*`` and ``ph``.

    Parameters
    ----------
    df : pandas.DataFrame
        Canonical workers frame.
    duration : str
        Years of service at exit or censoring (> 0).
    event : str
        0/1 exit indicator.
    drivers, categorical : sequence of str
        As in :func:`~workbench.turnover.logit.fit_logit`.
    entry : str, optional
        Years of service when observation began (delayed entry). Use it when the data are the
        staff in post at the start of a year (as in the shipped synthetic data,
        ``tenure_start_years``): a worker is at risk at tenure ``t`` when
        ``entry < t <= duration`` (R ``Surv(start, stop, event)`` and lifelines convention).
    cluster : str, optional
        Cluster column for robust (sandwich) standard errors (Lin & Wei 1989).
    ties : {"efron", "breslow"}
        Tie handling.
    alpha : float
        1 - confidence level.
    ph_transform : {"km", "rank", "identity", "log"}
        Time transform of the PH test (R ``cox.zph`` uses "km").
    reference : mapping of str to str, optional
        Reference level per categorical driver.
    source_label : str
        Name of the data in messages.

    Returns
    -------
    CoxFit
        The hazard-ratio table, the PH test and the fit's numbers.

    Warns
    -----
    TurnoverWarning
        Fewer than 10 exits per term, monotone likelihood, few clusters, PH violations.

    Raises
    ------
    ValueError
        An unknown ``ties`` or ``ph_transform``, ``alpha`` outside (0, 1).
    DataError
        Bad data, no exits, collinear drivers, an unusable cluster column.

    References
    ----------
    Cox, D. R. (1972). Regression models and life-tables. Journal of the Royal Statistical
    Society B 34(2), 187-220.
    Efron, B. (1977). The efficiency of Cox's likelihood function for censored data. Journal of
    the American Statistical Association 72(359), 557-565.
    Grambsch, P. M. & Therneau, T. M. (1994). Proportional hazards tests and diagnostics based
    on weighted residuals. Biometrika 81(3), 515-526.
    Peduzzi, P., Concato, J., Feinstein, A. R. & Holford, T. R. (1995). Importance of events per
    independent variable in proportional hazards regression analysis II. Journal of Clinical
    Epidemiology 48(12), 1503-1510.
    """
    fit = estimate_cox(
        df,
        duration,
        event,
        drivers,
        categorical,
        entry=entry,
        cluster=cluster,
        ties=ties,
        alpha=alpha,
        ph_transform=ph_transform,
        reference=reference,
        source_label=source_label,
    )
    emit(fit.warnings)
    return fit


def ph_test(
    df: pd.DataFrame,
    duration: str = "tenure_years",
    event: str = "left",
    drivers: Sequence[str] = schema.DRIVERS,
    categorical: Sequence[str] = (),
    *,
    entry: str | None = None,
    ties: str = "efron",
    transform: str = "km",
    reference: Mapping[str, str] | None = None,
    source_label: str = "the workers data",
) -> pd.DataFrame:
    """Grambsch-Therneau test of proportional hazards for the Cox model of :func:`fit_cox`.

    Schoenfeld residuals ``s_i = x_i - xbar(t_i)`` at each exit (Efron-weighted means for tied
    exits), scaled ``s* = d s V`` (``d`` exits, ``V`` model-based covariance of ``b``). If the
    hazard ratio of driver ``k`` drifts with time, ``E[s*_ik] + b_k ~ b_k(t_i)``, so a trend of
    ``s*_k`` in ``g(t)`` signals non-proportionality. Statistics (old R ``cox.zph``; lifelines
    ``proportional_hazard_test``): ``T_k = (sum (g - gbar) s*_k)^2 / (d V_kk sum (g - gbar)^2)``
    ~ chi2(1); global ``T = u' V u d / sum (g - gbar)^2`` with ``u = sum (g - gbar) s`` ~
    chi2(p).

    Parameters
    ----------
    df, duration, event, drivers, categorical, entry, ties, reference, source_label
        As in :func:`fit_cox`.
    transform : {"km", "rank", "identity", "log"}
        ``g(t)``: 1 - Kaplan-Meier, ranks of exit times (ties averaged), time, or log time.

    Returns
    -------
    pandas.DataFrame
        ``term`` (plus a final ``GLOBAL`` row), ``rho`` (correlation of scaled residuals with
        ``g``), ``chi2``, ``df``, ``p_value``.

    References
    ----------
    Grambsch, P. M. & Therneau, T. M. (1994). Biometrika 81(3), 515-526.
    Therneau, T. M. & Grambsch, P. M. (2000). Modeling Survival Data: Extending the Cox Model,
    section 6.2. Springer.
    """
    return estimate_cox(
        df,
        duration,
        event,
        drivers,
        categorical,
        entry=entry,
        ties=ties,
        ph_transform=transform,
        reference=reference,
        source_label=source_label,
    ).ph
