"""The model design shared by the logit, the Cox model and the scenarios, and fragile-data checks.

A design is the matrix of model terms built from the drivers: numeric drivers enter as they are
(a 0/1 column counts as binary), a categorical driver as one 0/1 column per level against its
reference level (the most frequent). The checks here need that matrix, so they live beside it
rather than in :mod:`~workbench.turnover.schema`: exact collinearity (an error), and the two kinds
of fragile input that are warnings, too few events per term (Peduzzi et al. 1996) and
(quasi-)complete separation (Albert & Anderson 1984; Konis 2007). Warnings are returned as
strings so the pipeline can show and record them; the public model fitters also emit them as
:class:`TurnoverWarning`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.errors import DataError
from workbench.turnover import schema

#: Events-per-variable threshold of Peduzzi et al. (1996).
EPV_MIN: int = 10


class TurnoverWarning(UserWarning):
    """A fragile estimate: few events per term, separation, few clusters, non-convergence."""


def as_numeric(column: pd.Series) -> np.ndarray:
    """A column's values as floats (NaN where missing), read as :func:`schema.numeric` does."""
    return schema.numeric(column)[0]


def covariates(drivers: Sequence[str] | str, categorical: Sequence[str] | str) -> list[str]:
    """Model covariates: drivers then categorical drivers, each once, in order."""
    drivers = [drivers] if isinstance(drivers, str) else list(drivers)
    categorical = [categorical] if isinstance(categorical, str) else list(categorical)
    return list(dict.fromkeys([*drivers, *categorical]))


def expit(x: np.ndarray) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-x))``, computed without overflow."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def z_value(alpha: float) -> float:
    """The two-sided normal quantile ``z_{1 - alpha/2}``; ValueError unless 0 < alpha < 1."""
    from scipy import stats

    if not 0.0 < alpha < 1.0:
        raise ValueError(
            f"alpha must be between 0 and 1 (e.g. 0.05 for 95% intervals), got {alpha}"
        )
    return float(stats.norm.ppf(1.0 - alpha / 2.0))


def emit(messages: Sequence[str]) -> None:
    """Emit each message as a :class:`TurnoverWarning` (for callers outside the pipeline)."""
    for message in messages:
        warnings.warn(message, TurnoverWarning, stacklevel=3)


@dataclass(frozen=True)
class Term:
    """One model term: its name, its driver, the level (categorical) and its kind."""

    term: str
    driver: str
    level: str | None
    kind: str  # "continuous" | "binary" | "level"
    reference: str | None = None


@dataclass(frozen=True)
class Design:
    """A design matrix and what each column is.

    Attributes
    ----------
    X : numpy.ndarray
        n x p; the first column is the intercept when ``has_const``.
    names : list of str
        Column names (``"const"`` first when ``has_const``).
    terms : list of Term
        One per non-intercept column, same order.
    sd : numpy.ndarray
        Sample SD (ddof=1) of each non-intercept column.
    has_const : bool
    references : dict
        Reference level of each categorical driver.
    """

    X: np.ndarray
    names: list[str]
    terms: list[Term]
    sd: np.ndarray
    has_const: bool
    references: dict[str, str] = field(default_factory=dict)


def _reference(values: pd.Series, column: str, reference: Mapping[str, str] | None) -> str:
    counts = values.value_counts()
    ref = (reference or {}).get(column)
    if ref is None:
        top = counts.max()
        return sorted(level for level in counts.index if counts[level] == top)[0]
    if ref not in counts.index:
        raise ValueError(
            f"reference level {ref!r} for '{column}' is not in the data; levels: "
            f"{sorted(counts.index)}"
        )
    return ref


def _kind(values: np.ndarray) -> str:
    levels = np.unique(values[~np.isnan(values)])
    return "binary" if len(levels) == 2 and set(levels.tolist()) == {0.0, 1.0} else "continuous"


def build_design(
    df: pd.DataFrame,
    drivers: Sequence[str],
    categorical: Sequence[str],
    reference: Mapping[str, str] | None = None,
    add_constant: bool = True,
) -> Design:
    """The design matrix of ``drivers`` and one-hot ``categorical`` drivers (see the module)."""
    cats = set([categorical] if isinstance(categorical, str) else categorical)
    cols: list[np.ndarray] = []
    names: list[str] = []
    terms: list[Term] = []
    refs: dict[str, str] = {}
    for column in covariates(drivers, categorical):
        if column in cats:
            values = df[column].astype(str)
            ref = refs[column] = _reference(values, column, reference)
            for level in sorted(values.unique()):
                if level != ref:
                    name = f"{column}[T.{level}]"
                    cols.append((values == level).to_numpy(dtype=float))
                    names.append(name)
                    terms.append(Term(name, column, level, "level", ref))
        else:
            v = as_numeric(df[column])
            cols.append(v)
            names.append(column)
            terms.append(Term(column, column, None, _kind(v)))
    n = len(df)
    body = np.column_stack(cols) if cols else np.empty((n, 0))
    sd = body.std(axis=0, ddof=1) if n > 1 else np.full(body.shape[1], np.nan)
    if add_constant:
        return Design(np.column_stack([np.ones(n), body]), ["const", *names], terms, sd, True, refs)
    return Design(body, names, terms, sd, False, refs)


def check_rank(design: Design, source_label: str) -> None:
    """DataError naming the terms that are exact linear combinations of the others."""
    from scipy.linalg import qr

    X = design.X
    if X.shape[1] == 0:
        return
    scale = np.abs(X).max(axis=0)
    scale[scale == 0] = 1.0
    _, r, piv = qr(X / scale, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    tol = diag.max() * max(X.shape) * np.finfo(float).eps * 1e3 if len(diag) else 0.0
    rank = int((diag > tol).sum())
    if rank < X.shape[1]:
        bad = [design.names[i] for i in piv[rank:]]
        raise DataError(
            f"{source_label}: the drivers are perfectly collinear: "
            f"{', '.join(repr(b) for b in bad)} can be written exactly from the other "
            "drivers (and the intercept); drop or merge them.",
            file=source_label,
            column=bad[0],
        )


def separation_terms(design: Design, y: np.ndarray) -> list[str] | None:
    """Terms involved in (quasi-)complete separation, by the linear program of Konis (2007).

    Maximise ``sum_i s_i x_i'b`` subject to ``s_i x_i'b >= 0`` and ``-1 <= b <= 1`` with
    ``s_i = 2 y_i - 1``. The maximum is positive exactly when some direction ``b`` separates
    the outcomes (completely or quasi-completely), i.e. when the logit MLE does not exist
    (Albert & Anderson 1984). Returns the non-intercept terms with non-zero ``b``, ``[]`` when
    the data overlap, or None when the solver fails.

    References
    ----------
    Albert, A. & Anderson, J. A. (1984). On the existence of maximum likelihood estimates in
    logistic regression models. Biometrika 71(1), 1-10.
    Konis, K. (2007). Linear programming algorithms for detecting separated data in binary
    logistic regression models. DPhil thesis, University of Oxford.
    """
    from scipy.optimize import linprog

    X = design.X
    scale = np.abs(X).max(axis=0)
    scale[scale == 0] = 1.0
    A = (X / scale) * (2.0 * y - 1.0)[:, None]
    p = A.shape[1]
    res = linprog(
        -A.sum(axis=0),
        A_ub=-A,
        b_ub=np.zeros(A.shape[0]),
        bounds=[(-1.0, 1.0)] * p,
        method="highs",
    )
    if res.status != 0:
        return None
    if -res.fun <= 1e-6:
        return []
    offset = 1 if design.has_const else 0
    involved = [design.names[j] for j in range(offset, p) if abs(res.x[j]) > 1e-6]
    return involved or list(design.names[offset:])


def separation_unchecked(source_label: str) -> str:
    """The warning when the separation linear program did not finish."""
    return (
        f"{source_label}: the separation check (linear program) did not finish, so separation "
        "could not be ruled out; look for huge coefficients or standard errors."
    )


def separation_message(terms: Sequence[str], source_label: str) -> str:
    """The warning for (quasi-)complete separation involving ``terms``."""
    return (
        f"{source_label}: (quasi-)complete separation involving "
        f"{', '.join(repr(t) for t in terms)}: some combination of these drivers "
        "predicts leaving or staying perfectly for part of the data, so their "
        "maximum-likelihood logit coefficients are infinite (Albert & Anderson 1984). "
        "Their estimates are reported as NaN, not as numbers; merge sparse categories, "
        "drop the driver, or use a penalised (Firth) logit."
    )


def no_exit_message(events: int, n: int, source_label: str) -> str:
    """The warning when nobody (or everybody) left."""
    what = "no worker left" if events == 0 else "every worker left"
    return (
        f"{source_label}: {what} ({events} exits among {n} workers), so the turnover models "
        "cannot be fitted; only the rate and its interval are meaningful."
    )


def fragility_warnings(
    df: pd.DataFrame,
    outcome: str,
    drivers: Sequence[str],
    categorical: Sequence[str],
    *,
    source_label: str = "the workers data",
    check_separation: bool = True,
    min_events_per_term: int = EPV_MIN,
) -> list[str]:
    """Warnings for fragile (but valid) data: no exits, few events per term, separation.

    The events-per-variable (EPV) rule counts the less frequent outcome (exits or stays) per
    estimated coefficient, categorical levels included; below 10, logit coefficients and their
    intervals can be biased and unreliable (Peduzzi et al. 1996).

    References
    ----------
    Peduzzi, P., Concato, J., Kemper, E., Holford, T. R. & Feinstein, A. R. (1996). A simulation
    study of the number of events per variable in logistic regression analysis. Journal of
    Clinical Epidemiology 49(12), 1373-1379.
    """
    y = as_numeric(df[outcome])
    events, n = int(y.sum()), len(y)
    if events in (0, n):
        return [no_exit_message(events, n, source_label)]
    found = []
    design = build_design(df, drivers, categorical)
    n_terms = design.X.shape[1] - 1
    limiting = min(events, n - events)
    if min_events_per_term and limiting < min_events_per_term * n_terms:
        which = "exits" if events <= n - events else "stays"
        found.append(
            f"{source_label}: only {limiting} {which} for {n_terms} model terms "
            f"({limiting / n_terms:.1f} per term; Peduzzi et al. 1996 recommend at least "
            f"{min_events_per_term}). Coefficients, odds ratios and their intervals may be "
            "biased and unstable: use fewer drivers or more data."
        )
    if check_separation and n_terms > 0:
        separated = separation_terms(design, y)
        if separated:
            found.append(separation_message(separated, source_label))
        elif separated is None:
            found.append(separation_unchecked(source_label))
    return found


def validate_workers(
    df: pd.DataFrame,
    outcome: str = "left",
    duration: str | None = "tenure_years",
    drivers: Sequence[str] = schema.DRIVERS,
    categorical: Sequence[str] = schema.CATEGORICAL,
    *,
    source_label: str = "the workers data",
    id_column: str | None = "worker_id",
    entry: str | None = None,
    check_separation: bool = True,
    min_events_per_term: int = EPV_MIN,
) -> list[str]:
    """Check a workers table (:func:`schema.check_workers`) and return its fragility warnings.

    Parameters are those of :func:`schema.check_workers`, plus ``check_separation`` (run the
    separation linear program of Konis 2007) and ``min_events_per_term`` (Peduzzi et al. 1996:
    10; 0 disables the check). Returns the warnings of :func:`fragility_warnings`, empty when
    nothing is fragile.

    Raises
    ------
    ValueError
        No drivers given.
    DataError
        Bad data (see :func:`schema.check_workers`).
    """
    if not covariates(drivers, categorical):
        raise ValueError(f"{source_label}: no drivers given; name at least one driver column")
    schema.check_workers(
        df,
        outcome,
        duration,
        drivers,
        categorical,
        source_label=source_label,
        id_column=id_column,
        entry=entry,
    )
    return fragility_warnings(
        df.reset_index(drop=True),
        outcome,
        drivers,
        categorical,
        source_label=source_label,
        check_separation=check_separation,
        min_events_per_term=min_events_per_term,
    )


def cluster_codes(df: pd.DataFrame, cluster: str | None, source_label: str) -> np.ndarray | None:
    """Integer codes of the cluster column (None without one); DataError if unusable."""
    if not cluster:
        return None
    if cluster not in df.columns:
        raise DataError(
            f"{source_label}: cluster column '{cluster}' not found",
            file=source_label,
            column=cluster,
        )
    schema.check_complete(df, cluster, source_label, "cluster column")
    codes, uniques = pd.factorize(df[cluster])
    if len(uniques) < 2:
        raise DataError(
            f"{source_label}: cluster column '{cluster}' has a single value; cluster-robust "
            "errors need at least 2 clusters (use cluster=None).",
            file=source_label,
            column=cluster,
        )
    return codes


def few_clusters_message(codes: np.ndarray, cluster: str, source_label: str) -> str | None:
    """A warning when there are fewer than 30 clusters (Cameron, Gelbach & Miller 2008)."""
    g = int(codes.max()) + 1
    if g < 30:
        return (
            f"{source_label}: only {g} clusters in '{cluster}'; cluster-robust standard errors "
            "with fewer than about 30 clusters tend to be too small (Cameron, Gelbach & Miller "
            "2008), so treat p-values near the threshold with caution."
        )
    return None
