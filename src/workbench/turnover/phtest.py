"""The Grambsch-Therneau test of proportional hazards, from Schoenfeld residuals.

If the hazard ratio of driver ``k`` drifts with time, the scaled Schoenfeld residuals trend in a
transform of time ``g(t)``; the test looks for that trend (Grambsch & Therneau 1994; the old R
``cox.zph`` form, as lifelines ``proportional_hazard_test``).

References
----------
Grambsch, P. M. & Therneau, T. M. (1994). Proportional hazards tests and diagnostics based on
weighted residuals. Biometrika 81(3), 515-526.
Therneau, T. M. & Grambsch, P. M. (2000). Modeling Survival Data: Extending the Cox Model,
section 6.2. Springer.
"""

from __future__ import annotations

import numpy as np

from workbench.turnover.survival import km_at_events

#: Time transforms of the test: 1 - Kaplan-Meier, ranks, time itself, log time.
TRANSFORMS = ("km", "rank", "identity", "log")


def risk_sums(keys: np.ndarray, rx: np.ndarray, times: np.ndarray) -> np.ndarray:
    """``sum_{i: keys_i >= t} rx_i`` for each ``t`` in ``times`` (suffix sums after sorting)."""
    order = np.argsort(keys, kind="stable")
    cs = np.vstack([np.cumsum(rx[order][::-1], axis=0)[::-1], np.zeros((1, rx.shape[1]))])
    return cs[np.searchsorted(keys[order], times, side="left")]


def efron_schoenfeld(
    time: np.ndarray,
    status: np.ndarray,
    entry: np.ndarray | None,
    X: np.ndarray,
    beta: np.ndarray,
    efron: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Schoenfeld residuals ``x_i - xbar(t_i)`` of the events, vectorised, with delayed entry.

    Risk set at ``t``: ``entry < t <= time``. With Efron ties, ``xbar`` at a time with ``d``
    tied exits is the average over ``l = 0..d-1`` of
    ``(S1(R) - l/d S1(D)) / (S0(R) - l/d S0(D))`` (``S0 = sum r``, ``S1 = sum r x``,
    ``r = exp(x'b)``; ``R`` = risk set, ``D`` = the tied exits), as in R ``survival``.
    Returns the event times and residuals, sorted by time.
    """
    p = X.shape[1]
    r = np.exp(X @ beta - (X @ beta).max())
    ev_idx = np.flatnonzero(status == 1)
    ev_idx = ev_idx[np.argsort(time[ev_idx], kind="stable")]
    ev_t = time[ev_idx]
    ut, inv, d = np.unique(ev_t, return_inverse=True, return_counts=True)
    rx = np.column_stack([r, r[:, None] * X])  # S0 and S1 in one pass
    S = risk_sums(time, rx, ut)  # time >= t
    if entry is not None:
        S = S - risk_sums(entry, rx, ut)  # remove entry >= t: not yet at risk at t
    D = np.zeros((len(ut), p + 1))
    np.add.at(D, inv, rx[ev_idx])
    if efron:
        k = np.repeat(np.arange(len(ut)), d)
        start = np.repeat(np.cumsum(d) - d, d)
        frac = (np.arange(len(k)) - start) / d[k]
        num = S[k, 1:] - frac[:, None] * D[k, 1:]
        den = S[k, 0] - frac * D[k, 0]
        xbar = np.zeros((len(ut), p))
        np.add.at(xbar, k, num / den[:, None])
        xbar /= d[:, None]
    else:
        xbar = S[:, 1:] / S[:, [0]]
    return ev_t, X[ev_idx] - xbar[inv]


def time_transform(
    transform: str,
    ev_t: np.ndarray,
    time: np.ndarray,
    status: np.ndarray,
    entry: np.ndarray | None,
) -> np.ndarray:
    """``g(t)`` at the event times: 1 - Kaplan-Meier, ranks (ties averaged), time or log time."""
    from scipy import stats

    if transform == "km":
        return 1.0 - km_at_events(time, status, entry, ev_t)
    if transform == "rank":
        return stats.rankdata(ev_t)
    if transform == "identity":
        return ev_t.astype(float)
    if transform == "log":
        return np.log(ev_t)
    raise ValueError(f"ph_transform must be 'km', 'rank', 'identity' or 'log', got {transform!r}")


def gt_test(
    ev_t: np.ndarray,
    resid: np.ndarray,
    V: np.ndarray,
    transform: str,
    time: np.ndarray,
    status: np.ndarray,
    entry: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, int, float]:
    """Grambsch-Therneau (1994) test from Schoenfeld residuals (old R ``cox.zph`` form).

    ``g`` = transformed event times, ``s*`` = scaled residuals ``d s V``. Per term:
    ``T_k = (sum (g - gbar) s*_k)^2 / (d V_kk sum (g - gbar)^2) ~ chi2(1)``; global:
    ``T = u' V u d / sum (g - gbar)^2``, ``u = sum (g - gbar) s`` ~ chi2(p).

    Returns the per-term correlations ``rho`` of the scaled residuals with ``g``, statistics
    and p-values, then the global statistic, its degrees of freedom and p-value.
    """
    from scipy import stats

    g = time_transform(transform, ev_t, time, status, entry)
    d = len(ev_t)
    gc = g - g.mean()
    sgg = float(gc @ gc)
    scaled = d * resid @ V
    u_scaled = gc @ scaled
    with np.errstate(invalid="ignore", divide="ignore"):
        chi2 = u_scaled**2 / (d * np.diag(V) * sgg)
        sd_s = scaled.std(axis=0)
        rho = (gc @ (scaled - scaled.mean(axis=0))) / (len(gc) * gc.std() * sd_s)
    pv = stats.chi2.sf(chi2, 1)
    u = gc @ resid
    g_chi2 = float(u @ V @ u * d / sgg)
    p = resid.shape[1]
    return rho, chi2, pv, g_chi2, p, float(stats.chi2.sf(g_chi2, p))
