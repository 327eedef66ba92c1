"""Kaplan-Meier retention curves by years of service, with delayed entry, and their summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from workbench.turnover import schema
from workbench.turnover.design import as_numeric, z_value

#: Years of service at which :func:`km_summary` reads the curves by default.
SUMMARY_TIMES: tuple[float, ...] = (1.0, 3.0, 5.0)


def check_survival_data(
    df: pd.DataFrame, event: str, duration: str, entry: str | None, source_label: str
) -> None:
    """Outcome, duration and entry checks of :func:`schema.check_workers`, without drivers."""
    schema.check_workers(
        df, event, duration, (), (), source_label=source_label, id_column=None, entry=entry
    )


def km_loglog(surv: np.ndarray, se: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Pointwise log(-log) interval ``S^exp(+-z se / (S |log S|))``, S itself at 0 and 1."""
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.log(surv)
        theta = se / (surv * np.abs(log_s))
        lo = surv ** np.exp(z * theta)
        hi = surv ** np.exp(-z * theta)
    edge = (surv >= 1.0) | (surv <= 0.0) | ~np.isfinite(theta)
    return np.where(edge, surv, lo), np.where(edge, surv, hi)


def _curve(label: str, t, e, en, z: float) -> pd.DataFrame:
    from statsmodels.duration.survfunc import SurvfuncRight

    if e.sum() == 0:
        return pd.DataFrame(
            {
                "group": [label],
                "time": [0.0],
                "n_at_risk": [np.nan],
                "n_events": [0.0],
                "survival": [1.0],
                "ci_low": [1.0],
                "ci_high": [1.0],
            }
        )
    sf = SurvfuncRight(t, e, entry=en)
    s = np.asarray(sf.surv_prob, dtype=float)
    lo, hi = km_loglog(s, np.asarray(sf.surv_prob_se, dtype=float), z)
    return pd.DataFrame(
        {
            "group": label,
            "time": np.r_[0.0, sf.surv_times],
            "n_at_risk": np.r_[np.nan, sf.n_risk],
            "n_events": np.r_[0.0, sf.n_events],
            "survival": np.r_[1.0, s],
            "ci_low": np.r_[1.0, lo],
            "ci_high": np.r_[1.0, hi],
        }
    )


def group_labels(df: pd.DataFrame, group: str | None) -> np.ndarray:
    """The group of every row as text (``"all"`` without a grouping column)."""
    return df[group].astype(str).to_numpy() if group else np.full(len(df), "all")


def km_curves(
    df: pd.DataFrame,
    duration: str = "tenure_years",
    event: str = "left",
    group: str | None = None,
    *,
    entry: str | None = None,
    alpha: float = 0.05,
    source_label: str = "the workers data",
) -> pd.DataFrame:
    """Kaplan-Meier retention curves (probability of still being in post by tenure), by group.

    ``S(t) = prod_{t_j <= t} (1 - d_j / n_j)``, with ``d_j`` exits at tenure ``t_j`` and
    ``n_j`` workers at risk (entry < t_j <= duration, so delayed entry is handled), computed
    by ``statsmodels`` ``SurvfuncRight``. Greenwood standard errors; pointwise intervals on the
    log(-log) scale (Kalbfleisch & Prentice 2002), ``S^exp(+-z se / (S |log S|))``.

    Parameters
    ----------
    df : pandas.DataFrame
        Canonical workers frame.
    duration : str
        Years of service at exit or censoring (> 0).
    event : str
        0/1 exit indicator.
    group : str, optional
        Column whose levels get separate curves.
    entry : str, optional
        Years of service when observation began (delayed entry / left truncation). A sample of
        staff in post at the start of a year is left-truncated: without ``entry`` the early
        part of the curve is biased upwards (survivors of short tenures are over-represented).
    alpha : float
        1 - confidence level of the pointwise intervals.
    source_label : str
        Name of the data in messages.

    Returns
    -------
    pandas.DataFrame
        Long format: ``group``, ``time`` (years of service), ``n_at_risk``, ``n_events``,
        ``survival`` (fraction still in post), ``ci_low``, ``ci_high``; each group starts with
        a row at time 0 with survival 1.

    References
    ----------
    Kaplan, E. L. & Meier, P. (1958). Nonparametric estimation from incomplete observations.
    Journal of the American Statistical Association 53(282), 457-481.
    Kalbfleisch, J. D. & Prentice, R. L. (2002). The Statistical Analysis of Failure Time Data,
    2nd ed. Wiley.
    """
    z = z_value(alpha)
    check_survival_data(df, event, duration, entry, source_label)
    if group is not None:
        schema.require_columns(df, [group], source_label)
        schema.check_complete(df, group, source_label, "grouping column")
    df = df.reset_index(drop=True)
    t, e = as_numeric(df[duration]), as_numeric(df[event])
    en = as_numeric(df[entry]) if entry else None
    labels = group_labels(df, group)
    parts = []
    for level in sorted(set(labels.tolist())):
        m = labels == level
        parts.append(_curve(level, t[m], e[m], None if en is None else en[m], z))
    return pd.concat(parts, ignore_index=True)


def summarise_curves(
    curves: pd.DataFrame,
    labels: np.ndarray,
    events: np.ndarray,
    times: Sequence[float] = SUMMARY_TIMES,
) -> pd.DataFrame:
    """Median tenure and retention at ``times`` from :func:`km_curves` (see :func:`km_summary`).

    ``labels`` is the group of every worker (:func:`group_labels`) and ``events`` their 0/1
    exit indicator, for the counts.
    """
    rows = []
    for level, c in curves.groupby("group", sort=True):
        tt = c["time"].to_numpy()
        ss = c["survival"].to_numpy()
        below = np.flatnonzero(ss <= 0.5)
        row: dict[str, Any] = {
            "group": level,
            "n": int((labels == level).sum()),
            "exits": int(events[labels == level].sum()),
            "median_tenure": float(tt[below[0]]) if len(below) else np.nan,
        }
        for t in times:
            i = np.searchsorted(tt, t, side="right") - 1
            row[f"survival_{t:g}y"] = float(ss[max(i, 0)])
        rows.append(row)
    return pd.DataFrame(rows)


def km_summary(
    df: pd.DataFrame,
    duration: str = "tenure_years",
    event: str = "left",
    group: str | None = None,
    *,
    entry: str | None = None,
    times: Sequence[float] = SUMMARY_TIMES,
    source_label: str = "the workers data",
) -> pd.DataFrame:
    """Median tenure and retention at chosen tenures from the Kaplan-Meier curves, by group.

    Parameters
    ----------
    df, duration, event, group, entry, source_label
        As in :func:`km_curves`.
    times : sequence of float
        Tenures (years of service) at which to read ``S(t)``.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``n`` (workers), ``exits``, ``median_tenure`` (years; NaN when the curve
        never falls to 0.5) and ``survival_<t>y`` for each requested ``t`` (fraction still in
        post at ``t`` years of service; the step function ``S(t)``, right-continuous).

    References
    ----------
    Kaplan, E. L. & Meier, P. (1958). JASA 53(282), 457-481.
    """
    curves = km_curves(df, duration, event, group, entry=entry, source_label=source_label)
    return summarise_curves(curves, group_labels(df, group), as_numeric(df[event]), times)


def km_at_events(
    time: np.ndarray, status: np.ndarray, entry: np.ndarray | None, ev_t: np.ndarray
) -> np.ndarray:
    """Kaplan-Meier S(t) (right-continuous, delayed entry allowed) at the given event times."""
    ut, d = np.unique(time[status == 1], return_counts=True)
    ts = np.sort(time)
    at_risk = len(ts) - np.searchsorted(ts, ut, side="left")
    if entry is not None:
        es = np.sort(entry)
        at_risk = at_risk - (len(es) - np.searchsorted(es, ut, side="left"))
    s = np.cumprod(1.0 - d / at_risk)
    return s[np.searchsorted(ut, ev_t)]
