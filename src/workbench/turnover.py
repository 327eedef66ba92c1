"""Turnover drivers of community (residents'-committee) workers: pure, tested functions.

The source article (易臻真, 澎湃新闻, 2022-04-18; figure F9, as quoted in the article) says
Shanghai residents' committees lose over 30% of their staff a year, more among young staff after
the social-worker certificate, and blames pay, status, overlapping party/mass duties, workload
and weak professional identity. This module treats those as hypotheses and supplies:

1. turnover rates with Wilson intervals against the 30% benchmark (:func:`turnover_rates`);
2. a logistic regression with odds ratios and average marginal effects (:func:`fit_logit`),
   optionally with cluster-robust errors, and the driver that moves the probability most
   (:func:`top_driver`);
3. Kaplan-Meier curves (:func:`km_curves`, :func:`km_summary`) and a Cox model with Efron ties
   and a Grambsch-Therneau proportional-hazards check (:func:`fit_cox`, :func:`ph_test`);
4. cross-validated prediction with held-out permutation importance (:func:`cv_evaluate`) and a
   comparison of the two driver rankings (:func:`compare_rankings`);
5. counterfactual turnover under pay, hours and duty-overlap scenarios with their costs
   (:func:`counterfactual_turnover`) and the article's 30-50% reward idea
   (:func:`reward_scenario`);
6. one validation entry point (:func:`validate_workers`) that raises
   :class:`~workbench.errors.InputError` for bad input and returns warnings for fragile input.

Canonical frame (one row per worker): ``worker_id``, ``left`` (0/1: left during the observation
year), ``tenure_years`` (> 0: years of service at exit or at the end of observation), optional
``tenure_start_years`` (years of service when observation began: the delayed-entry time),
drivers ``age`` (years), ``monthly_pay`` (yuan/month), ``weekly_hours`` (hours/week),
``duty_overlap`` (0-1 index), ``has_sw_certificate`` (0/1), ``professional_identity`` (1-5),
``resident_recognition`` (1-5), ``contract_type`` (category) and ``district``.

Row numbers in messages count data rows: row 1 is the first data row after the header.
No function here prints; warnings are returned as strings (and, from the model fitters, also
emitted as :class:`TurnoverWarning`) so a notebook can print and record them.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from scipy.linalg import qr
from scipy.optimize import linprog

from workbench.errors import InputError
from workbench.io import bad_rows

__all__ = [
    "ARTICLE_HYPOTHESES",
    "ARTICLE_TURNOVER_BENCHMARK",
    "DEFAULT_CATEGORICAL",
    "DEFAULT_DRIVERS",
    "CVResult",
    "TurnoverWarning",
    "add_turnover_groups",
    "build_pipeline",
    "check_hypotheses",
    "compare_rankings",
    "compare_with_truth",
    "counterfactual_turnover",
    "cv_evaluate",
    "fit_cox",
    "fit_logit",
    "km_curves",
    "km_summary",
    "ph_test",
    "reward_scenario",
    "top_driver",
    "turnover_rates",
    "validate_workers",
]

#: Annual turnover "above 30%" in Shanghai residents' committees (F9, as quoted in the article;
#: no public microdata confirm it). A fraction, 0-1.
ARTICLE_TURNOVER_BENCHMARK: float = 0.30

#: Canonical numeric drivers, in the order the notebook uses them.
DEFAULT_DRIVERS: tuple[str, ...] = (
    "age",
    "monthly_pay",
    "weekly_hours",
    "duty_overlap",
    "has_sw_certificate",
    "professional_identity",
    "resident_recognition",
)
#: Canonical categorical drivers (one-hot encoded; reference level = most frequent level).
DEFAULT_CATEGORICAL: tuple[str, ...] = ("contract_type",)

#: Events-per-variable threshold of Peduzzi et al. (1996).
EPV_MIN: int = 10

# Allowed ranges of canonical columns: (low, high, low_inclusive, unit). Checked only when a
# column with this exact canonical name is used as a driver.
_CANONICAL_RANGES: dict[str, tuple[float, float, bool, str]] = {
    "age": (15.0, 100.0, True, "years"),
    "monthly_pay": (0.0, math.inf, False, "yuan/month, > 0"),
    "weekly_hours": (0.0, 168.0, False, "hours/week, > 0 and <= 168"),
    "duty_overlap": (0.0, 1.0, True, "a 0-1 index"),
    "has_sw_certificate": (0.0, 1.0, True, "0 or 1"),
    "professional_identity": (1.0, 5.0, True, "a 1-5 scale"),
    "resident_recognition": (1.0, 5.0, True, "a 1-5 scale"),
}
_BINARY_CANONICAL = frozenset({"has_sw_certificate"})
_ROWS_SHOWN = 5


class TurnoverWarning(UserWarning):
    """A fragile estimate: few events per term, separation, few clusters, non-convergence."""


# ----------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------


def _fmt_value(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT:
        return "missing"
    if isinstance(v, str):
        return repr(v)
    try:
        if pd.isna(v):
            return "missing"
    except (TypeError, ValueError):
        pass
    return str(v)


def _rows_text(mask: np.ndarray, values: Sequence[Any] | np.ndarray | None = None) -> str:
    """'rows 2 (5), 7 (missing) and 3 more' for a boolean mask (row 1 = first data row)."""
    if values is None:
        return bad_rows(mask, limit=_ROWS_SHOWN)
    flagged = np.flatnonzero(np.asarray(mask, dtype=bool))[:_ROWS_SHOWN]
    return bad_rows(mask, {i: _fmt_value(values[i]) for i in flagged}, limit=_ROWS_SHOWN)


_ROW_NOTE = " (row 1 = first data row after the header)"


def _as_numeric(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return (float values, non_numeric mask); missing values are NaN and not 'non-numeric'."""
    if pd.api.types.is_bool_dtype(s):
        return s.astype(float).to_numpy(), np.zeros(len(s), dtype=bool)
    num = pd.to_numeric(s, errors="coerce")
    values = num.to_numpy(dtype=float, na_value=np.nan)
    non_numeric = (s.notna() & num.isna()).to_numpy()
    return values, non_numeric


def _columns(drivers: Sequence[str], categorical: Sequence[str]) -> list[str]:
    """Model covariates: drivers then categorical, each once, in order."""
    if isinstance(drivers, str):
        drivers = [drivers]
    if isinstance(categorical, str):
        categorical = [categorical]
    return list(dict.fromkeys([*drivers, *categorical]))


def _expit(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _z(alpha: float) -> float:
    if not 0.0 < alpha < 1.0:
        raise InputError(
            f"alpha must be between 0 and 1 (e.g. 0.05 for 95% intervals), got {alpha}"
        )
    return float(stats.norm.ppf(1.0 - alpha / 2.0))


def _emit(messages: Sequence[str]) -> None:
    for m in messages:
        warnings.warn(m, TurnoverWarning, stacklevel=3)


@dataclass(frozen=True)
class _Term:
    term: str
    driver: str
    level: str | None
    kind: str  # "continuous" | "binary" | "level"
    reference: str | None = None


@dataclass
class _Design:
    X: np.ndarray  # n x p, first column the intercept when has_const
    names: list[str]
    terms: list[_Term]  # one per non-intercept column, same order
    sd: np.ndarray  # sample SD (ddof=1) of each non-intercept column
    has_const: bool
    references: dict[str, str] = field(default_factory=dict)


def _build_design(
    df: pd.DataFrame,
    drivers: Sequence[str],
    categorical: Sequence[str],
    reference: Mapping[str, str] | None = None,
    add_constant: bool = True,
) -> _Design:
    cat = set([categorical] if isinstance(categorical, str) else categorical)
    cols: list[np.ndarray] = []
    names: list[str] = []
    terms: list[_Term] = []
    refs: dict[str, str] = {}
    for c in _columns(drivers, categorical):
        if c in cat:
            s = df[c].astype(str)
            counts = s.value_counts()
            levels = sorted(counts.index)
            ref = (reference or {}).get(c)
            if ref is None:
                top = counts.max()
                ref = sorted(lv for lv in levels if counts[lv] == top)[0]
            elif ref not in levels:
                raise InputError(
                    f"reference level {ref!r} for '{c}' is not in the data; levels: {levels}"
                )
            refs[c] = ref
            for lv in levels:
                if lv == ref:
                    continue
                cols.append((s == lv).to_numpy(dtype=float))
                name = f"{c}[T.{lv}]"
                names.append(name)
                terms.append(_Term(name, c, lv, "level", ref))
        else:
            v, _ = _as_numeric(df[c])
            uniq = np.unique(v[~np.isnan(v)])
            kind = "binary" if len(uniq) == 2 and set(uniq.tolist()) == {0.0, 1.0} else "continuous"
            cols.append(v)
            names.append(c)
            terms.append(_Term(c, c, None, kind))
    n = len(df)
    body = np.column_stack(cols) if cols else np.empty((n, 0))
    sd = body.std(axis=0, ddof=1) if n > 1 else np.full(body.shape[1], np.nan)
    if add_constant:
        X = np.column_stack([np.ones(n), body])
        names = ["const", *names]
    else:
        X = body
    return _Design(X, names, terms, sd, add_constant, refs)


def _check_rank(design: _Design, source_label: str) -> None:
    """Raise InputError naming the terms that are exact linear combinations of others."""
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
        raise InputError(
            f"{source_label}: the drivers are perfectly collinear: "
            f"{', '.join(repr(b) for b in bad)} can be written exactly from the other "
            "drivers (and the intercept); drop or merge them."
        )


def _separation_terms(design: _Design, y: np.ndarray) -> list[str] | None:
    """Terms involved in (quasi-)complete separation, by the linear program of Konis (2007).

    Maximise ``sum_i s_i x_i'b`` subject to ``s_i x_i'b >= 0`` and ``-1 <= b <= 1`` with
    ``s_i = 2 y_i - 1``. The maximum is positive exactly when some direction ``b`` separates
    the outcomes (completely or quasi-completely), i.e. when the logit MLE does not exist
    (Albert & Anderson 1984). Returns the non-intercept terms with non-zero ``b``, ``[]`` when
    the data overlap, or None when the solver fails.
    """
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
    return involved or [n for n in design.names[offset:]]


_SEPARATION_UNCHECKED = (
    "{source_label}: the separation check (linear program) did not finish, so separation could "
    "not be ruled out; look for huge coefficients or standard errors."
)


def _separation_message(terms: Sequence[str], source_label: str) -> str:
    return (
        f"{source_label}: (quasi-)complete separation involving "
        f"{', '.join(repr(t) for t in terms)}: some combination of these drivers "
        "predicts leaving or staying perfectly for part of the data, so their "
        "maximum-likelihood logit coefficients are infinite (Albert & Anderson 1984). "
        "Their estimates are reported as NaN, not as numbers; merge sparse categories, "
        "drop the driver, or use a penalised (Firth) logit."
    )


# ----------------------------------------------------------------------------------------------
# validation
# ----------------------------------------------------------------------------------------------


def validate_workers(
    df: pd.DataFrame,
    outcome: str = "left",
    duration: str | None = "tenure_years",
    drivers: Sequence[str] = DEFAULT_DRIVERS,
    categorical: Sequence[str] = DEFAULT_CATEGORICAL,
    *,
    source_label: str = "the workers data",
    id_column: str | None = "worker_id",
    entry: str | None = None,
    check_separation: bool = True,
    min_events_per_term: int = EPV_MIN,
) -> list[str]:
    """Check a canonical workers frame; raise on bad input, return warnings for fragile input.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per worker, canonical column names (see the module docstring).
    outcome : str
        0/1 column: 1 = left during the observation year.
    duration : str or None
        Years of service at exit or censoring (> 0). None skips the survival checks.
    drivers : sequence of str
        Numeric driver columns.
    categorical : sequence of str
        Categorical driver columns (one-hot encoded by the models).
    source_label : str
        Name of the data in messages (e.g. the file name).
    id_column : str or None
        Worker identifier; must be present, non-missing and unique. None skips the check.
    entry : str or None
        Delayed-entry column (years of service when observation began): >= 0 and < duration.
    check_separation : bool
        Run the separation linear program (Konis 2007) on the logit design.
    min_events_per_term : int
        Events-per-variable threshold (Peduzzi et al. 1996: 10); 0 disables the check.

    Returns
    -------
    list of str
        Clearly worded warnings (few events per model term, separation, no exits); empty when
        nothing is fragile. The notebook prints and records them.

    Raises
    ------
    InputError
        With one message naming the column and the first few row numbers (row 1 = first data
        row after the header) for: a missing column; a missing or duplicated worker id; an
        outcome not 0/1; a duration missing or <= 0; an entry time missing, negative or not
        before the duration; a driver that is non-numeric, missing, out of its canonical range
        or constant.

    Notes
    -----
    The events-per-variable (EPV) rule counts the less frequent outcome (exits or stays) per
    estimated coefficient, categorical levels included; below 10, logit coefficients and
    their intervals can be biased and unreliable (Peduzzi et al. 1996).

    References
    ----------
    Peduzzi, P., Concato, J., Kemper, E., Holford, T. R. & Feinstein, A. R. (1996). A simulation
    study of the number of events per variable in logistic regression analysis. Journal of
    Clinical Epidemiology 49(12), 1373-1379.
    Konis, K. (2007). Linear programming algorithms for detecting separated data in binary
    logistic regression models. DPhil thesis, University of Oxford.
    """
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{source_label}: expected a table (DataFrame), got {type(df).__name__}")
    if len(df) == 0:
        raise InputError(f"{source_label}: the table has no data rows")
    df = df.reset_index(drop=True)
    cat = [categorical] if isinstance(categorical, str) else list(categorical)
    covariates = _columns(drivers, cat)
    if not covariates:
        raise InputError(f"{source_label}: no drivers given; name at least one driver column")
    required = [c for c in (id_column, outcome, duration, entry) if c is not None] + covariates
    absent = [c for c in dict.fromkeys(required) if c not in df.columns]
    if absent:
        have = [repr(str(c)) for c in df.columns]
        shown = ", ".join(have[:15]) + (f" and {len(have) - 15} more" if len(have) > 15 else "")
        raise InputError(
            f"{source_label}: column(s) {', '.join(repr(c) for c in absent)} not found; "
            f"the columns are {shown}. Map your column names to the canonical ones with "
            "column_map."
        )

    if id_column is not None:
        ids = df[id_column]
        miss = ids.isna().to_numpy()
        if miss.any():
            raise InputError(
                f"{source_label}: column '{id_column}' (worker id) is missing in "
                f"{_rows_text(miss)}{_ROW_NOTE}."
            )
        dup = ids.duplicated(keep=False).to_numpy()
        if dup.any():
            raise InputError(
                f"{source_label}: column '{id_column}' (worker id) must be unique, but "
                f"{_rows_text(dup, ids.to_numpy())} share ids{_ROW_NOTE}."
            )

    y, _ = _as_numeric(df[outcome])
    bad = ~np.isin(y, (0.0, 1.0))
    if bad.any():
        raise InputError(
            f"{source_label}: column '{outcome}' must be 0 or 1 (1 = left during the observation "
            f"year), but {_rows_text(bad, df[outcome].to_numpy())} are not{_ROW_NOTE}."
        )

    dur: np.ndarray | None = None
    if duration is not None:
        dur, _ = _as_numeric(df[duration])
        bad = ~(dur > 0)  # catches NaN and non-numeric too
        if bad.any():
            raise InputError(
                f"{source_label}: column '{duration}' (years of service at exit or censoring) "
                f"must be a number > 0, but {_rows_text(bad, df[duration].to_numpy())} are "
                f"not{_ROW_NOTE}."
            )
    if entry is not None:
        ent, _ = _as_numeric(df[entry])
        bad = ~(ent >= 0)
        if dur is not None:
            bad |= ~(ent < dur)
        if bad.any():
            what = f" and less than '{duration}'" if dur is not None else ""
            raise InputError(
                f"{source_label}: column '{entry}' (years of service when observation began) "
                f"must be a number >= 0{what}, but {_rows_text(bad, df[entry].to_numpy())} are "
                f"not{_ROW_NOTE}."
            )

    for c in covariates:
        if c in cat:
            miss = df[c].isna().to_numpy()
            if miss.any():
                raise InputError(
                    f"{source_label}: categorical driver '{c}' is missing in "
                    f"{_rows_text(miss)}{_ROW_NOTE}; fill it or use an explicit 'unknown' level."
                )
            if df[c].astype(str).nunique() < 2:
                raise InputError(
                    f"{source_label}: driver '{c}' is constant (every row is "
                    f"{_fmt_value(df[c].iloc[0])}), so its effect cannot be estimated; remove "
                    "it from the drivers."
                )
            continue
        v, non_num = _as_numeric(df[c])
        if non_num.any():
            raise InputError(
                f"{source_label}: driver '{c}' must be numeric, but "
                f"{_rows_text(non_num, df[c].to_numpy())} are not{_ROW_NOTE}. List it under "
                "categorical if it is a category."
            )
        miss = np.isnan(v)
        if miss.any():
            raise InputError(
                f"{source_label}: driver '{c}' is missing in {_rows_text(miss)}{_ROW_NOTE}; the "
                "models need complete rows (drop or impute them first)."
            )
        if c in _CANONICAL_RANGES:
            lo, hi, lo_incl, unit = _CANONICAL_RANGES[c]
            out = (v < lo if lo_incl else v <= lo) | (v > hi)
            if c in _BINARY_CANONICAL:
                out |= ~np.isin(v, (0.0, 1.0))
            if out.any():
                raise InputError(
                    f"{source_label}: driver '{c}' must be {unit}, but "
                    f"{_rows_text(out, df[c].to_numpy())} are not{_ROW_NOTE}."
                )
        if np.nanmax(v) == np.nanmin(v):
            raise InputError(
                f"{source_label}: driver '{c}' is constant (every row is {_fmt_value(v[0])}), so "
                "its effect cannot be estimated; remove it from the drivers."
            )

    warn: list[str] = []
    events = int(y.sum())
    n = len(y)
    if events == 0 or events == n:
        what = "no worker left" if events == 0 else "every worker left"
        warn.append(
            f"{source_label}: {what} ({events} exits among {n} workers), so the turnover models "
            "cannot be fitted; only the rate and its interval are meaningful."
        )
        return warn
    design = _build_design(df, drivers, cat)
    n_terms = design.X.shape[1] - 1
    limiting = min(events, n - events)
    if min_events_per_term and limiting < min_events_per_term * n_terms:
        which = "exits" if events <= n - events else "stays"
        warn.append(
            f"{source_label}: only {limiting} {which} for {n_terms} model terms "
            f"({limiting / n_terms:.1f} per term; Peduzzi et al. 1996 recommend at least "
            f"{min_events_per_term}). Coefficients, odds ratios and their intervals may be biased "
            "and unstable: use fewer drivers or more data."
        )
    if check_separation and n_terms > 0:
        sep = _separation_terms(design, y)
        if sep:
            warn.append(_separation_message(sep, source_label))
        elif sep is None:
            warn.append(_SEPARATION_UNCHECKED.format(source_label=source_label))
    return warn


# ----------------------------------------------------------------------------------------------
# 1. rates
# ----------------------------------------------------------------------------------------------


def add_turnover_groups(
    df: pd.DataFrame,
    young_age: float = 35.0,
    *,
    age: str = "age",
    certificate: str = "has_sw_certificate",
) -> pd.DataFrame:
    """Add the grouping columns used for the article's claim about young certificate holders.

    Parameters
    ----------
    df : pandas.DataFrame
        Canonical workers frame.
    young_age : float
        Age (years) below which a worker counts as young (default 35, the usual upper age of
        "youth" in Chinese cadre and employment policy).
    age, certificate : str
        Column names of age (years) and the social-worker certificate flag (0/1).

    Returns
    -------
    pandas.DataFrame
        A copy with ``age_group`` ("under 35" / "35 and over") and, when the certificate column
        is present, ``age_certificate`` (e.g. "under 35, certificate").

    Notes
    -----
    ``age_group = "under {young_age}"`` when ``age < young_age`` (years), else
    ``"{young_age} and over"``; missing ages fall in the second group, so validate first.

    References
    ----------
    中共中央、国务院《中长期青年发展规划（2016—2025年）》(2017): youth are people aged 14-35.
    """
    out = df.copy()
    a, _ = _as_numeric(out[age])
    label = f"{young_age:g}"
    out["age_group"] = np.where(a < young_age, f"under {label}", f"{label} and over")
    if certificate in out.columns:
        c, _ = _as_numeric(out[certificate])
        cert = np.where(c == 1, "certificate", "no certificate")
        out["age_certificate"] = pd.Series(out["age_group"]).str.cat(cert, sep=", ").to_numpy()
    return out


def turnover_rates(
    df: pd.DataFrame,
    outcome: str = "left",
    by: str | Sequence[str] | None = None,
    *,
    alpha: float = 0.05,
    benchmark: float = ARTICLE_TURNOVER_BENCHMARK,
    source_label: str = "the workers data",
) -> pd.DataFrame:
    """Annual turnover rates, overall and by group, with Wilson score intervals.

    ``rate = exits / n`` where the denominator ``n`` is the number of workers (rows) in the
    frame, i.e. everyone on the roll during the observation year; with a stock observed from
    the start of the year this is the annual separation rate. (HR statistics often divide by
    the AVERAGE headcount instead, which gives a higher rate when leavers are not replaced.)

    The Wilson (1927) interval solves ``|p_hat - p| = z sqrt(p (1 - p) / n)`` for ``p``:

    ``(p_hat + z^2/(2n) +- z sqrt(p_hat (1 - p_hat)/n + z^2/(4 n^2))) / (1 + z^2/n)``

    computed with ``statsmodels.stats.proportion.proportion_confint(method="wilson")``.
    The comparison with the benchmark is an exact two-sided binomial test of ``p = benchmark``.

    Parameters
    ----------
    df : pandas.DataFrame
        Canonical workers frame.
    outcome : str
        0/1 column, 1 = left during the observation year.
    by : str or sequence of str, optional
        Grouping column(s); each gives its own block of rows after the overall row.
    alpha : float
        1 - confidence level of the intervals (0.05 gives 95%).
    benchmark : float
        Benchmark annual rate (fraction): the article's 30% (F9, as quoted in the article).
    source_label : str
        Name of the data in error messages.

    Returns
    -------
    pandas.DataFrame
        Columns ``group`` ("all" or the grouping column), ``level``, ``n`` (denominator,
        workers), ``exits``, ``rate``, ``ci_low``, ``ci_high`` (fractions), ``benchmark``,
        ``diff_vs_benchmark`` (rate - benchmark, fraction), ``p_value`` (exact binomial test),
        ``vs_benchmark`` ("above", "below" or "consistent": whether the interval excludes the
        benchmark) and ``denominator`` (text).

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    Journal of the American Statistical Association 22(158), 209-212.
    Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
    comparison of seven methods. Statistics in Medicine 17(8), 857-872.
    """
    from statsmodels.stats.proportion import proportion_confint

    if outcome not in df.columns:
        raise InputError(f"{source_label}: column '{outcome}' not found")
    if not 0.0 <= benchmark <= 1.0:
        raise InputError(f"benchmark must be a fraction between 0 and 1, got {benchmark}")
    _z(alpha)
    y, _ = _as_numeric(df[outcome])
    bad = ~np.isin(y, (0.0, 1.0))
    if bad.any():
        raise InputError(
            f"{source_label}: column '{outcome}' must be 0 or 1, but "
            f"{_rows_text(bad, df[outcome].to_numpy())} are not{_ROW_NOTE}."
        )
    groups = [] if by is None else ([by] if isinstance(by, str) else list(by))
    for g in groups:
        if g not in df.columns:
            raise InputError(f"{source_label}: grouping column '{g}' not found")
    blocks: list[tuple[str, str, np.ndarray]] = [("all", "all", np.ones(len(y), dtype=bool))]
    for g in groups:
        col = df[g]
        miss = col.isna().to_numpy()
        if miss.any():
            raise InputError(
                f"{source_label}: grouping column '{g}' is missing in {_rows_text(miss)}"
                f"{_ROW_NOTE}."
            )
        for lv in sorted(col.unique(), key=lambda v: str(v)):
            blocks.append((g, str(lv), (col == lv).to_numpy()))
    rows = []
    for g, lv, m in blocks:
        n = int(m.sum())
        k = int(y[m].sum())
        lo, hi = proportion_confint(k, n, alpha=alpha, method="wilson")
        lo, hi = min(max(float(lo), 0.0), k / n), max(min(float(hi), 1.0), k / n)  # fp rounding
        p_value = float(stats.binomtest(k, n, benchmark).pvalue) if 0 < benchmark < 1 else np.nan
        side = "above" if lo > benchmark else "below" if hi < benchmark else "consistent"
        rows.append(
            {
                "group": g,
                "level": lv,
                "n": n,
                "exits": k,
                "rate": k / n,
                "ci_low": float(lo),
                "ci_high": float(hi),
                "benchmark": benchmark,
                "diff_vs_benchmark": k / n - benchmark,
                "p_value": p_value,
                "vs_benchmark": side,
                "denominator": "workers on the roll during the observation year (one row each)",
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["alpha"] = alpha
    return out


# ----------------------------------------------------------------------------------------------
# 2. logistic regression
# ----------------------------------------------------------------------------------------------


@dataclass
class _LogitFit:
    result: Any  # statsmodels LogitResults
    design: _Design
    y: np.ndarray
    table: pd.DataFrame
    warnings: list[str]
    separated: list[str]


def _cluster_codes(df: pd.DataFrame, cluster: str | None, source_label: str) -> np.ndarray | None:
    if not cluster:
        return None
    if cluster not in df.columns:
        raise InputError(f"{source_label}: cluster column '{cluster}' not found")
    miss = df[cluster].isna().to_numpy()
    if miss.any():
        raise InputError(
            f"{source_label}: cluster column '{cluster}' is missing in {_rows_text(miss)}"
            f"{_ROW_NOTE}."
        )
    codes, uniques = pd.factorize(df[cluster])
    if len(uniques) < 2:
        raise InputError(
            f"{source_label}: cluster column '{cluster}' has a single value; cluster-robust "
            "errors need at least 2 clusters (use cluster=None)."
        )
    return codes


def _few_clusters_message(codes: np.ndarray, cluster: str, source_label: str) -> str | None:
    g = int(codes.max()) + 1
    if g < 30:
        return (
            f"{source_label}: only {g} clusters in '{cluster}'; cluster-robust standard errors "
            "with fewer than about 30 clusters tend to be too small (Cameron, Gelbach & Miller "
            "2008), so treat p-values near the threshold with caution."
        )
    return None


def _fit_logit_model(
    df: pd.DataFrame,
    outcome: str,
    drivers: Sequence[str],
    categorical: Sequence[str],
    *,
    cluster: str | None,
    alpha: float,
    reference: Mapping[str, str] | None,
    source_label: str,
    check_separation: bool,
) -> _LogitFit:
    import statsmodels.api as sm

    z = _z(alpha)
    df = df.reset_index(drop=True)
    msgs = validate_workers(
        df,
        outcome,
        None,
        drivers,
        categorical,
        source_label=source_label,
        id_column=None,
        check_separation=False,
    )
    y, _ = _as_numeric(df[outcome])
    events = int(y.sum())
    n = len(y)
    if events == 0 or events == n:
        raise InputError(msgs[-1])
    codes = _cluster_codes(df, cluster, source_label)
    design = _build_design(df, drivers, categorical, reference)
    _check_rank(design, source_label)
    separated: list[str] = []
    if check_separation:
        sep = _separation_terms(design, y)
        if sep:
            separated = sep
            msgs.append(_separation_message(sep, source_label))
        elif sep is None:
            msgs.append(_SEPARATION_UNCHECKED.format(source_label=source_label))
    if codes is not None:
        few = _few_clusters_message(codes, str(cluster), source_label)
        if few:
            msgs.append(few)

    fit_kw: dict[str, Any] = {"disp": 0, "maxiter": 100, "method": "newton"}
    if codes is not None:
        fit_kw.update(cov_type="cluster", cov_kwds={"groups": codes})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = sm.Logit(y, design.X).fit(**fit_kw)
        except np.linalg.LinAlgError as exc:
            raise InputError(
                f"{source_label}: the logit could not be fitted ({exc}); check for drivers that "
                "are (nearly) collinear or categories with very few workers."
            ) from exc
        margeff = res.get_margeff(at="overall", method="dydx")
        ame = np.asarray(margeff.margeff, dtype=float)
        ame_se = np.asarray(margeff.margeff_se, dtype=float)
    if not bool(res.mle_retvals.get("converged", True)) and not separated:
        msgs.append(
            f"{source_label}: the logit did not converge in {res.mle_retvals.get('iterations')} "
            "iterations; its estimates are unreliable (check for separation or extreme values)."
        )
    for w in caught:
        if issubclass(w.category, (DeprecationWarning, FutureWarning)):
            continue
        text = str(w.message).strip()
        if "converge" in text.lower() and (separated or not res.mle_retvals.get("converged")):
            continue
        if separated and issubclass(w.category, RuntimeWarning):
            continue  # overflow etc.: symptoms of the separation already reported
        msgs.append(f"{source_label}: statsmodels warned: {text}")

    beta = np.asarray(res.params, dtype=float)
    cov = np.asarray(res.cov_params(), dtype=float)
    bse = np.asarray(res.bse, dtype=float)
    ci = np.asarray(res.conf_int(alpha=alpha), dtype=float)
    pvals = np.asarray(res.pvalues, dtype=float)
    effect, effect_se, change, change_label = _discrete_effects(design, beta, cov, ame, ame_se)

    with np.errstate(over="ignore"):  # infinite odds ratios under separation become NaN below
        ci = np.exp(ci)
    rows = []
    for j, t in enumerate(design.terms, start=1):
        k = j - 1
        eff_z = effect[k] / effect_se[k] if effect_se[k] > 0 else np.nan
        ame_z = ame[k] / ame_se[k] if ame_se[k] > 0 else np.nan
        rows.append(
            {
                "term": t.term,
                "driver": t.driver,
                "level": t.level,
                "kind": t.kind,
                "coef": beta[j],
                "se": bse[j],
                "z": beta[j] / bse[j] if bse[j] > 0 else np.nan,
                "p_value": pvals[j],
                "odds_ratio": math.exp(beta[j]) if beta[j] < 700 else math.inf,
                "ci_low": float(ci[j, 0]),
                "ci_high": float(ci[j, 1]),
                "ame": ame[k],
                "ame_se": ame_se[k],
                "ame_p_value": 2.0 * stats.norm.sf(abs(ame_z)),
                "change": change[k],
                "change_label": change_label[k],
                "effect": effect[k],
                "effect_se": effect_se[k],
                "effect_ci_low": effect[k] - z * effect_se[k],
                "effect_ci_high": effect[k] + z * effect_se[k],
                "effect_p_value": 2.0 * stats.norm.sf(abs(eff_z)),
                "note": "",
            }
        )
    table = pd.DataFrame(rows)
    if separated:
        est_cols = [
            "coef",
            "se",
            "z",
            "p_value",
            "odds_ratio",
            "ci_low",
            "ci_high",
            "ame",
            "ame_se",
            "ame_p_value",
            "effect",
            "effect_se",
            "effect_ci_low",
            "effect_ci_high",
            "effect_p_value",
        ]
        mask = table["term"].isin(separated)
        table.loc[mask, est_cols] = np.nan
        table.loc[mask, "note"] = "not estimable: separation (infinite MLE)"
    table.attrs.update(
        {
            "n": n,
            "events": events,
            "non_events": n - events,
            "intercept": float(beta[0]),
            "cov_type": "cluster" if codes is not None else "nonrobust",
            "cluster": cluster or None,
            "n_clusters": int(codes.max()) + 1 if codes is not None else None,
            "alpha": alpha,
            "references": dict(design.references),
            "llf": float(res.llf),
            "pseudo_r2": float(res.prsquared),
            "converged": bool(res.mle_retvals.get("converged", True)),
            "warnings": list(msgs),
            "ci": "ci_low/ci_high: confidence interval of the ODDS RATIO, exp(coef +- z se)",
        }
    )
    return _LogitFit(res, design, y, table, msgs, separated)


def _discrete_effects(
    design: _Design,
    beta: np.ndarray,
    cov: np.ndarray,
    ame: np.ndarray,
    ame_se: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Per-term probability effect of a 1-SD change (continuous) or 0 -> 1 / reference -> level.

    Continuous: ``AME * SD`` (the AME is a derivative, so this is the linear approximation of a
    one-SD change). Binary and categorical levels: the average discrete change
    ``mean_i[F(x_i1'b) - F(x_i0'b)]`` with every other driver at its observed value, and its
    delta-method SE ``sqrt(g' V g)``, ``g = mean_i[f(x_i1'b) x_i1 - f(x_i0'b) x_i0]``.
    """
    X = design.X
    xb = X @ beta
    p = len(design.terms)
    effect = np.full(p, np.nan)
    se = np.full(p, np.nan)
    change = np.full(p, np.nan)
    labels: list[str] = [""] * p
    by_driver: dict[str, list[int]] = {}
    for k, t in enumerate(design.terms):
        by_driver.setdefault(t.driver, []).append(k + 1)
    for k, t in enumerate(design.terms):
        j = k + 1
        if t.kind == "continuous":
            sd = design.sd[k]
            effect[k] = ame[k] * sd
            se[k] = ame_se[k] * sd
            change[k] = sd
            labels[k] = f"+1 SD ({sd:.4g})"
            continue
        cols = by_driver[t.driver]
        X0 = X.copy()
        X0[:, cols] = 0.0
        X1 = X0.copy()
        X1[:, j] = 1.0
        base = xb - X[:, cols] @ beta[cols]
        p0 = _expit(base)
        p1 = _expit(base + beta[j])
        f0 = p0 * (1.0 - p0)
        f1 = p1 * (1.0 - p1)
        g = (X1 * f1[:, None] - X0 * f0[:, None]).mean(axis=0)
        effect[k] = float((p1 - p0).mean())
        se[k] = float(np.sqrt(max(g @ cov @ g, 0.0)))
        change[k] = 1.0
        labels[k] = "0 -> 1" if t.kind == "binary" else f"{t.reference} -> {t.level}"
    return effect, se, change, labels


def fit_logit(
    df: pd.DataFrame,
    outcome: str = "left",
    drivers: Sequence[str] = DEFAULT_DRIVERS,
    categorical: Sequence[str] = (),
    *,
    cluster: str | None = None,
    alpha: float = 0.05,
    reference: Mapping[str, str] | None = None,
    source_label: str = "the workers data",
    check_separation: bool = True,
) -> pd.DataFrame:
    """Logistic regression of leaving on the drivers: odds ratios and average marginal effects.

    Model: ``P(left_i = 1 | x_i) = F(x_i'b) = 1 / (1 + exp(-x_i'b))``, fitted by maximum
    likelihood (statsmodels ``Logit``, Newton). Odds ratio ``OR_k = exp(b_k)`` with interval
    ``exp(b_k +- z se_k)``. Because odds ratios are not comparable across models or samples
    (unobserved heterogeneity rescales them), the probability scale is reported too (Mood 2010):
    the average marginal effect ``AME_k = mean_i f(x_i'b) b_k`` with ``f = F (1 - F)`` and its
    delta-method SE, exactly ``statsmodels`` ``get_margeff(at="overall", method="dydx")``; and
    ``effect``, the average change in probability for a one-standard-deviation rise in a
    continuous driver (``AME * SD``) or the average discrete change for 0 -> 1 in a binary
    driver and for reference -> level in a categorical one (see :func:`top_driver`).

    Parameters
    ----------
    df : pandas.DataFrame
        Canonical workers frame (validated with :func:`validate_workers`).
    outcome : str
        0/1 column, 1 = left during the observation year.
    drivers : sequence of str
        Numeric drivers (natural units: years, yuan/month, hours/week, index points).
    categorical : sequence of str
        Categorical drivers, one-hot encoded against the most frequent level (or ``reference``).
    cluster : str, optional
        Column of clusters (e.g. ``"district"``) for cluster-robust (sandwich) standard errors,
        statsmodels ``cov_type="cluster"`` with its small-sample correction; AMEs and effects
        then use the robust covariance too.
    alpha : float
        1 - confidence level (0.05 gives 95% intervals).
    reference : mapping of str to str, optional
        Reference level per categorical driver.
    source_label : str
        Name of the data in messages.
    check_separation : bool
        Detect (quasi-)complete separation with the linear program of Konis (2007).

    Returns
    -------
    pandas.DataFrame
        One row per term (intercept excluded; it is in ``attrs["intercept"]``): ``term``,
        ``driver``, ``level``, ``kind`` (continuous/binary/level), ``coef`` (log-odds per unit),
        ``se``, ``z``, ``p_value``, ``odds_ratio``, ``ci_low``/``ci_high`` (the confidence
        interval of the ODDS RATIO), ``ame`` (probability per unit of the driver, as a fraction),
        ``ame_se``, ``ame_p_value``, ``change`` (size of the change used for ``effect``: one SD
        in driver units, or 1), ``change_label``, ``effect`` (probability change, fraction),
        ``effect_se``, ``effect_ci_low``, ``effect_ci_high``, ``effect_p_value`` and ``note``.
        ``attrs`` holds ``n``, ``events``, ``cov_type``, ``n_clusters``, ``references``,
        ``llf``, ``pseudo_r2``, ``converged`` and ``warnings`` (list of str).

    Warns
    -----
    TurnoverWarning
        Fewer than 10 events per term (Peduzzi et al. 1996), separation (the affected terms are
        NaN, never a finite garbage estimate), fewer than 30 clusters, non-convergence.

    Raises
    ------
    InputError
        Bad input (see :func:`validate_workers`), no exits or no stays, collinear drivers.

    References
    ----------
    Mood, C. (2010). Logistic regression: why we cannot do what we think we can do, and what we
    can do about it. European Sociological Review 26(1), 67-82.
    Albert, A. & Anderson, J. A. (1984). On the existence of maximum likelihood estimates in
    logistic regression models. Biometrika 71(1), 1-10.
    Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2008). Bootstrap-based improvements for
    inference with clustered errors. Review of Economics and Statistics 90(3), 414-427.
    """
    fit = _fit_logit_model(
        df,
        outcome,
        drivers,
        categorical,
        cluster=cluster,
        alpha=alpha,
        reference=reference,
        source_label=source_label,
        check_separation=check_separation,
    )
    _emit(fit.warnings)
    return fit.table


def top_driver(
    logit_table: pd.DataFrame, *, include_categorical: bool = False
) -> tuple[str, float]:
    """The driver that moves the predicted probability of leaving most, and by how much.

    For each driver the ``effect`` column of :func:`fit_logit` is used: the average marginal
    effect times one standard deviation for a continuous driver,
    ``AME_k * SD_k = SD_k * mean_i f(x_i'b) b_k`` (``f = F (1 - F)``), and the average
    discrete change ``mean_i [F(x_i'b | x_k = 1) - F(x_i'b | x_k = 0)]`` for a binary driver.
    The driver with the largest ``|effect|`` wins; terms that are not estimable are skipped.
    Categorical drivers have no natural "one SD" or "0 -> 1" change (their contrasts depend on
    the reference level), so they are left out unless ``include_categorical`` is True, in which
    case a categorical driver competes with its largest level-vs-reference contrast.

    Parameters
    ----------
    logit_table : pandas.DataFrame
        Output of :func:`fit_logit`.
    include_categorical : bool
        Let categorical drivers compete (see above).

    Returns
    -------
    tuple of (str, float)
        Canonical driver name and its signed effect on the probability of leaving within the
        year, as a fraction (0.05 = 5 percentage points; negative = lowers turnover).

    Raises
    ------
    InputError
        When no eligible term has a finite effect.

    References
    ----------
    Mood, C. (2010). Logistic regression: why we cannot do what we think we can do, and what we
    can do about it. European Sociological Review 26(1), 67-82.
    """
    t = logit_table[np.isfinite(logit_table["effect"].to_numpy(dtype=float))]
    if not include_categorical and "kind" in t.columns:
        t = t[t["kind"] != "level"]
    if t.empty:
        raise InputError("no driver has an estimable effect (see the logit warnings)")
    i = t["effect"].abs().to_numpy().argmax()
    row = t.iloc[int(i)]
    return str(row["driver"]), float(row["effect"])


# ----------------------------------------------------------------------------------------------
# 3. survival
# ----------------------------------------------------------------------------------------------


def _survival_arrays(
    df: pd.DataFrame,
    duration: str,
    event: str,
    entry: str | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    t, _ = _as_numeric(df[duration])
    e, _ = _as_numeric(df[event])
    en = _as_numeric(df[entry])[0] if entry else None
    return t, e, en


def _km_loglog(surv: np.ndarray, se: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.log(surv)
        theta = se / (surv * np.abs(log_s))
        lo = surv ** np.exp(z * theta)
        hi = surv ** np.exp(-z * theta)
    edge = (surv >= 1.0) | (surv <= 0.0) | ~np.isfinite(theta)
    lo = np.where(edge, surv, lo)
    hi = np.where(edge, surv, hi)
    return lo, hi


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
    from statsmodels.duration.survfunc import SurvfuncRight

    z = _z(alpha)
    df = df.reset_index(drop=True)
    _validate_survival_only(df, event, duration, entry, source_label)
    if group is not None:
        if group not in df.columns:
            raise InputError(f"{source_label}: grouping column '{group}' not found")
        miss = df[group].isna().to_numpy()
        if miss.any():
            raise InputError(
                f"{source_label}: grouping column '{group}' is missing in {_rows_text(miss)}"
                f"{_ROW_NOTE}."
            )
    t, e, en = _survival_arrays(df, duration, event, entry)
    labels = df[group].astype(str).to_numpy() if group else np.full(len(df), "all")
    parts = []
    for lv in sorted(set(labels.tolist())):
        m = labels == lv
        if e[m].sum() == 0:
            parts.append(
                pd.DataFrame(
                    {
                        "group": [lv],
                        "time": [0.0],
                        "n_at_risk": [np.nan],
                        "n_events": [0.0],
                        "survival": [1.0],
                        "ci_low": [1.0],
                        "ci_high": [1.0],
                    }
                )
            )
            continue
        sf = SurvfuncRight(t[m], e[m], entry=None if en is None else en[m])
        s = np.asarray(sf.surv_prob, dtype=float)
        lo, hi = _km_loglog(s, np.asarray(sf.surv_prob_se, dtype=float), z)
        parts.append(
            pd.DataFrame(
                {
                    "group": lv,
                    "time": np.r_[0.0, sf.surv_times],
                    "n_at_risk": np.r_[np.nan, sf.n_risk],
                    "n_events": np.r_[0.0, sf.n_events],
                    "survival": np.r_[1.0, s],
                    "ci_low": np.r_[1.0, lo],
                    "ci_high": np.r_[1.0, hi],
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    out.attrs.update({"alpha": alpha, "entry": entry, "group": group})
    return out


def _validate_survival_only(
    df: pd.DataFrame, event: str, duration: str, entry: str | None, source_label: str
) -> None:
    """Outcome/duration/entry checks without drivers (validate_workers needs a driver)."""
    tmp = df.assign(__one=np.arange(len(df), dtype=float))
    validate_workers(
        tmp,
        event,
        duration,
        ["__one"],
        [],
        source_label=source_label,
        id_column=None,
        entry=entry,
        check_separation=False,
        min_events_per_term=0,
    )


def km_summary(
    df: pd.DataFrame,
    duration: str = "tenure_years",
    event: str = "left",
    group: str | None = None,
    *,
    entry: str | None = None,
    times: Sequence[float] = (1.0, 3.0, 5.0),
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
    labels = df[group].astype(str).to_numpy() if group else np.full(len(df), "all")
    y, _ = _as_numeric(df[event])
    rows = []
    for lv, c in curves.groupby("group", sort=True):
        tt = c["time"].to_numpy()
        ss = c["survival"].to_numpy()
        below = np.flatnonzero(ss <= 0.5)
        row: dict[str, Any] = {
            "group": lv,
            "n": int((labels == lv).sum()),
            "exits": int(y[labels == lv].sum()),
            "median_tenure": float(tt[below[0]]) if len(below) else np.nan,
        }
        for t in times:
            i = np.searchsorted(tt, t, side="right") - 1
            row[f"survival_{t:g}y"] = float(ss[max(i, 0)])
        rows.append(row)
    return pd.DataFrame(rows)


def _efron_schoenfeld(
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
    n, p = X.shape
    r = np.exp(X @ beta - (X @ beta).max())
    ev = status == 1
    ev_idx = np.flatnonzero(ev)
    ev_idx = ev_idx[np.argsort(time[ev_idx], kind="stable")]
    ev_t = time[ev_idx]
    ut, inv, d = np.unique(ev_t, return_inverse=True, return_counts=True)
    rx = np.column_stack([r, r[:, None] * X])  # S0 and S1 in one pass

    def suffix_at(keys: np.ndarray) -> np.ndarray:
        order = np.argsort(keys, kind="stable")
        cs = np.vstack([np.cumsum(rx[order][::-1], axis=0)[::-1], np.zeros((1, p + 1))])
        pos = np.searchsorted(keys[order], ut, side="left")
        return cs[pos]

    S = suffix_at(time)  # time >= t
    if entry is not None:
        S = S - suffix_at(entry)  # remove entry >= t: not yet at risk at t
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


def _km_at_events(
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


def _gt_test(
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
    """
    if transform == "km":
        g = 1.0 - _km_at_events(time, status, entry, ev_t)
    elif transform == "rank":
        g = stats.rankdata(ev_t)
    elif transform == "identity":
        g = ev_t.astype(float)
    elif transform == "log":
        g = np.log(ev_t)
    else:
        raise InputError(
            f"ph_transform must be 'km', 'rank', 'identity' or 'log', got {transform!r}"
        )
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


def _cox_score_residuals(
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
    definition above (the test checks it against a direct loop).
    """
    n, p = X.shape
    xb = X @ beta
    r = np.exp(xb - xb.max())
    ev = status == 1
    ut, d = np.unique(time[ev], return_counts=True)
    rx = np.column_stack([r, r[:, None] * X])

    def suffix_at(keys: np.ndarray) -> np.ndarray:
        order = np.argsort(keys, kind="stable")
        cs = np.vstack([np.cumsum(rx[order][::-1], axis=0)[::-1], np.zeros((1, p + 1))])
        return cs[np.searchsorted(keys[order], ut, side="left")]

    S = suffix_at(time)
    if entry is not None:
        S = S - suffix_at(entry)
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


def _cox_cluster_cov(score: np.ndarray, hessian: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Cluster-robust (sandwich) covariance of Cox coefficients (Lin & Wei 1989).

    ``V = H^-1 (sum_g U_g U_g') H^-1`` with ``U_g`` the sum of the score residuals
    (:func:`_cox_score_residuals`) of cluster ``g`` and ``H`` the Hessian of the log partial
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


@dataclass
class _CoxFit:
    result: Any
    design: _Design
    table: pd.DataFrame
    ph: pd.DataFrame
    warnings: list[str]


def _fit_cox_model(
    df: pd.DataFrame,
    duration: str,
    event: str,
    drivers: Sequence[str],
    categorical: Sequence[str],
    *,
    entry: str | None,
    cluster: str | None,
    ties: str,
    alpha: float,
    ph_transform: str,
    reference: Mapping[str, str] | None,
    source_label: str,
) -> _CoxFit:
    from statsmodels.duration.hazard_regression import PHReg

    z = _z(alpha)
    if ties not in ("efron", "breslow"):
        raise InputError(f"ties must be 'efron' or 'breslow', got {ties!r}")
    df = df.reset_index(drop=True)
    msgs = validate_workers(
        df,
        event,
        duration,
        drivers,
        categorical,
        source_label=source_label,
        id_column=None,
        entry=entry,
        check_separation=False,
        min_events_per_term=0,
    )
    time, status, ent = _survival_arrays(df, duration, event, entry)
    events = int(status.sum())
    if events == 0:
        raise InputError(f"{source_label}: no exits in '{event}', so a Cox model cannot be fitted")
    design = _build_design(df, drivers, categorical, reference, add_constant=False)
    _check_rank(design, source_label)
    n_terms = design.X.shape[1]
    if events < EPV_MIN * n_terms:
        msgs.append(
            f"{source_label}: only {events} exits for {n_terms} Cox model terms "
            f"({events / n_terms:.1f} per term; Peduzzi et al. 1995 recommend at least "
            f"{EPV_MIN}); hazard ratios and their intervals may be biased and unstable."
        )
    codes = _cluster_codes(df, cluster, source_label)
    if codes is not None:
        few = _few_clusters_message(codes, str(cluster), source_label)
        if few:
            msgs.append(few)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # statsmodels counts a subject as at risk at t when entry <= t; R (start, stop],
        # lifelines and SurvfuncRight need entry < t. The next float up gives the latter.
        ent_sm = None if ent is None else np.nextafter(ent, np.inf)
        model = PHReg(time, design.X, status=status, entry=ent_sm, ties=ties)
        try:
            res = model.fit()
        except np.linalg.LinAlgError as exc:
            raise InputError(
                f"{source_label}: the Cox model could not be fitted ({exc}); check for collinear "
                "drivers or categories with no exits."
            ) from exc
        beta = np.asarray(res.params, dtype=float)
        # the PH test needs the model-based covariance, not the cluster-robust one
        V_naive = np.asarray(res.cov_params(), dtype=float)
        if codes is None:
            bse = np.asarray(res.bse, dtype=float)
        else:
            score = _cox_score_residuals(time, status, ent, design.X, beta)
            V_robust = _cox_cluster_cov(score, np.asarray(model.hessian(beta)), codes)
            bse = np.sqrt(np.diag(V_robust))
    for w in caught:
        if issubclass(w.category, (DeprecationWarning, FutureWarning)):
            continue
        msgs.append(f"{source_label}: statsmodels warned: {str(w.message).strip()}")
    huge = np.abs(beta * design.sd) > 10
    if huge.any() or not np.all(np.isfinite(bse)):
        bad = [design.names[i] for i in np.flatnonzero(huge | ~np.isfinite(bse))]
        msgs.append(
            f"{source_label}: the Cox estimates for {', '.join(repr(b) for b in bad)} are extreme "
            "(monotone likelihood: some drivers order the exits almost perfectly); their hazard "
            "ratios are reported as NaN."
        )
    else:
        bad = []
    ev_t, resid = _efron_schoenfeld(time, status, ent, design.X, beta, efron=ties == "efron")
    rho, chi2, ph_p, g_chi2, g_df, g_p = _gt_test(
        ev_t, resid, V_naive, ph_transform, time, status, ent
    )
    zval = beta / bse
    rows = []
    for k, t in enumerate(design.terms):
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
                "ci_low": math.exp(beta[k] - z * bse[k]) if np.isfinite(bse[k]) else np.nan,
                "ci_high": math.exp(beta[k] + z * bse[k]) if np.isfinite(bse[k]) else np.nan,
                "ph_rho": rho[k],
                "ph_chi2": chi2[k],
                "ph_p_value": ph_p[k],
                "note": "",
            }
        )
    table = pd.DataFrame(rows)
    if bad:
        m = table["term"].isin(bad)
        cols = ["coef", "se", "z", "p_value", "hazard_ratio", "ci_low", "ci_high"]
        table.loc[m, cols] = np.nan
        table.loc[m, "note"] = "not estimable: monotone likelihood"
    ph = pd.DataFrame(
        {
            "term": [*design.names, "GLOBAL"],
            "rho": [*rho, np.nan],
            "chi2": [*chi2, g_chi2],
            "df": [1] * len(design.names) + [g_df],
            "p_value": [*ph_p, g_p],
        }
    )
    ph.attrs["transform"] = ph_transform
    viol = ph.loc[(ph["p_value"] < alpha) & (ph["term"] != "GLOBAL"), "term"].tolist()
    if viol:
        msgs.append(
            f"{source_label}: the proportional-hazards check (Grambsch & Therneau 1994, "
            f"{ph_transform} time) rejects constant hazard ratios at {alpha:g} for "
            f"{', '.join(repr(v) for v in viol)}: their hazard ratio changes with tenure, so read "
            "it as an average over tenure (or stratify / add a time interaction)."
        )
    table.attrs.update(
        {
            "n": len(df),
            "events": events,
            "ties": ties,
            "entry": entry,
            "cov_type": "cluster" if codes is not None else "nonrobust",
            "cluster": cluster or None,
            "alpha": alpha,
            "references": dict(design.references),
            "ph_transform": ph_transform,
            "ph_global_chi2": g_chi2,
            "ph_global_df": g_df,
            "ph_global_p_value": g_p,
            "llf": float(res.llf),
            "warnings": list(msgs),
            "ci": "ci_low/ci_high: confidence interval of the HAZARD RATIO, exp(coef +- z se)",
        }
    )
    return _CoxFit(res, design, table, ph, msgs)


def fit_cox(
    df: pd.DataFrame,
    duration: str = "tenure_years",
    event: str = "left",
    drivers: Sequence[str] = DEFAULT_DRIVERS,
    categorical: Sequence[str] = (),
    *,
    entry: str | None = None,
    cluster: str | None = None,
    ties: str = "efron",
    alpha: float = 0.05,
    ph_transform: str = "km",
    reference: Mapping[str, str] | None = None,
    source_label: str = "the workers data",
) -> pd.DataFrame:
    """Cox proportional-hazards model of exit by tenure, Efron ties, with a PH check.

    Hazard of exit at tenure ``t``: ``h(t | x) = h0(t) exp(x'b)`` (Cox 1972), fitted by
    maximising the partial likelihood with Efron's (1977) approximation for tied exit times
    (statsmodels ``PHReg(ties="efron")``). Hazard ratio ``HR_k = exp(b_k)``, interval
    ``exp(b_k +- z se_k)``. Each term also gets the Grambsch & Therneau (1994) test of
    proportional hazards: the correlation of its scaled Schoenfeld residuals with a transform
    of time (``ph_rho``), ``ph_chi2`` (chi-square, 1 df) and ``ph_p_value``; the global test is
    in ``attrs`` (and in :func:`ph_test`).

    Parameters
    ----------
    df : pandas.DataFrame
        Canonical workers frame.
    duration : str
        Years of service at exit or censoring (> 0).
    event : str
        0/1 exit indicator.
    drivers, categorical : sequence of str
        As in :func:`fit_logit`.
    entry : str, optional
        Years of service when observation began (delayed entry). Use it when the data are the
        staff in post at the start of a year (as in the shipped synthetic data,
        ``tenure_start_years``): a worker is at risk at tenure ``t`` when
        ``entry < t <= duration`` (R ``Surv(start, stop, event)`` and lifelines convention).
    cluster : str, optional
        Cluster column for robust (sandwich) standard errors (statsmodels ``groups``).
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
    pandas.DataFrame
        ``term``, ``driver``, ``level``, ``kind``, ``coef`` (log hazard ratio per unit), ``se``,
        ``z``, ``p_value``, ``hazard_ratio``, ``ci_low``/``ci_high`` (interval of the HAZARD
        RATIO), ``ph_rho``, ``ph_chi2``, ``ph_p_value``, ``note``. ``attrs`` holds ``n``,
        ``events``, ``ph_global_chi2``, ``ph_global_df``, ``ph_global_p_value`` and
        ``warnings``.

    Warns
    -----
    TurnoverWarning
        Fewer than 10 exits per term, monotone likelihood, few clusters, PH violations.

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
    fit = _fit_cox_model(
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
    _emit(fit.warnings)
    return fit.table


def ph_test(
    df: pd.DataFrame,
    duration: str = "tenure_years",
    event: str = "left",
    drivers: Sequence[str] = DEFAULT_DRIVERS,
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
    fit = _fit_cox_model(
        df,
        duration,
        event,
        drivers,
        categorical,
        entry=entry,
        cluster=None,
        ties=ties,
        alpha=0.05,
        ph_transform=transform,
        reference=reference,
        source_label=source_label,
    )
    return fit.ph


# ----------------------------------------------------------------------------------------------
# 4. prediction
# ----------------------------------------------------------------------------------------------


@dataclass
class CVResult:
    """Cross-validated prediction of leaving (see :func:`cv_evaluate`).

    Attributes
    ----------
    folds : pandas.DataFrame
        Per fold: ``fold``, ``n_test``, ``exits_test``, ``roc_auc``, ``pr_auc``, ``brier``.
    summary : dict of str to float
        ``roc_auc`` (mean over folds; the notebook's ``cv_roc_auc``), ``roc_auc_sd``,
        ``roc_auc_pooled`` (out-of-fold predictions pooled), ``pr_auc``, ``prevalence`` (the
        PR-AUC of a no-skill model), ``brier``, ``brier_reference`` (Brier score of always
        predicting the prevalence), ``brier_skill`` (1 - brier / reference), ``n_splits``.
    oof_probability : numpy.ndarray
        Out-of-fold predicted probability of leaving for every row.
    calibration : pandas.DataFrame
        Quantile bins of the out-of-fold predictions: ``bin``, ``n``, ``mean_predicted``,
        ``observed_rate``, ``ci_low``, ``ci_high`` (Wilson).
    importance : pandas.DataFrame
        Held-out permutation importance per driver: ``driver``, ``importance_mean`` (drop in
        ROC-AUC when the driver is shuffled), ``importance_sd``, ``ci_low``, ``ci_high`` (t
        interval over fold means), ``rank`` (1 = most important).
    warnings : list of str
        Fragility warnings from validation.
    """

    folds: pd.DataFrame
    summary: dict[str, float]
    oof_probability: np.ndarray
    calibration: pd.DataFrame
    importance: pd.DataFrame
    warnings: list[str]


def build_pipeline(
    numeric: Sequence[str],
    categorical: Sequence[str],
    *,
    model: str = "hgb",
    seed: int = 20220418,
) -> Any:
    """scikit-learn Pipeline: one-hot encode the categoricals, then a tree ensemble.

    Parameters
    ----------
    numeric : sequence of str
        Numeric driver columns (passed through unscaled; trees do not need scaling).
    categorical : sequence of str
        Categorical columns, one-hot encoded (unknown levels in a test fold are ignored).
    model : {"hgb", "rf"}
        ``HistGradientBoostingClassifier`` (gradient boosting) or ``RandomForestClassifier``
        (Breiman 2001).
    seed : int
        ``random_state`` of the model.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Unfitted pipeline taking a DataFrame with the named columns.

    References
    ----------
    Breiman, L. (2001). Random forests. Machine Learning 45(1), 5-32.
    Friedman, J. H. (2001). Greedy function approximation: a gradient boosting machine. Annals of
    Statistics 29(5), 1189-1232.
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    if model == "hgb":
        # shallow, slow-learning trees with large leaves: turnover data are small and noisy,
        # and deeper defaults overfit (worse held-out Brier score) at a few thousand workers
        est: Any = HistGradientBoostingClassifier(
            learning_rate=0.05,
            max_iter=100,
            max_depth=3,
            min_samples_leaf=50,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=seed,
        )
    elif model == "rf":
        est = RandomForestClassifier(n_estimators=300, min_samples_leaf=20, random_state=seed)
    else:
        raise InputError(f"model must be 'hgb' or 'rf', got {model!r}")
    pre = ColumnTransformer(
        [
            (
                "onehot",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                list(categorical),
            ),
            ("numeric", "passthrough", list(numeric)),
        ]
    )
    return Pipeline([("encode", pre), ("model", est)])


def _wilson(k: np.ndarray, n: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(k, n, alpha=alpha, method="wilson")
    return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)


def _cv_loop(
    X: pd.DataFrame,
    y: np.ndarray,
    numeric: list[str],
    cat: list[str],
    model: str,
    n_splits: int,
    n_repeats: int,
    seed: int,
) -> tuple[pd.DataFrame, np.ndarray, dict[str, list[np.ndarray]]]:
    """Fit and score each stratified fold; permutation importance on the held-out fold."""
    from sklearn.inspection import permutation_importance
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    cols = list(X.columns)
    skf = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    oof = np.zeros(len(y))
    fold_rows = []
    imp_all: dict[str, list[np.ndarray]] = {c: [] for c in cols}
    for f, (tr, te) in enumerate(skf.split(X, y), start=1):
        pipe = build_pipeline(numeric, cat, model=model, seed=seed)
        pipe.fit(X.iloc[tr], y[tr])
        prob = pipe.predict_proba(X.iloc[te])[:, 1]
        oof[te] = prob
        fold_rows.append(
            {
                "fold": f,
                "n_test": len(te),
                "exits_test": int(y[te].sum()),
                "roc_auc": roc_auc_score(y[te], prob),
                "pr_auc": average_precision_score(y[te], prob),
                "brier": brier_score_loss(y[te], prob),
            }
        )
        pi = permutation_importance(
            pipe,
            X.iloc[te],
            y[te],
            scoring="roc_auc",
            n_repeats=n_repeats,
            random_state=seed + f,
        )
        for i, c in enumerate(cols):
            imp_all[c].append(pi.importances[i])
    return pd.DataFrame(fold_rows), oof, imp_all


def cv_evaluate(
    df: pd.DataFrame,
    outcome: str = "left",
    drivers: Sequence[str] = DEFAULT_DRIVERS,
    categorical: Sequence[str] = DEFAULT_CATEGORICAL,
    *,
    model: str = "hgb",
    n_splits: int = 5,
    n_repeats: int = 5,
    n_bins: int = 10,
    alpha: float = 0.05,
    seed: int = 20220418,
    n_threads: int | None = 1,
    source_label: str = "the workers data",
) -> CVResult:
    """Stratified K-fold prediction of leaving, with held-out permutation importance.

    Each fold fits :func:`build_pipeline` on K-1 parts and scores the held-out part:
    ROC-AUC (probability that a random leaver is ranked above a random stayer), PR-AUC as
    average precision ``AP = sum_n (R_n - R_{n-1}) P_n`` (a no-skill model scores the
    prevalence), and the Brier score ``mean (p_i - y_i)^2``. The calibration table bins the
    out-of-fold probabilities by quantile and compares mean prediction with the observed rate.
    Permutation importance (Breiman 2001; Fisher, Rudin & Dominici 2019) is the drop in
    held-out ROC-AUC when one driver's column is shuffled in the TEST fold, repeated
    ``n_repeats`` times per fold: it measures what the fitted model uses to predict unseen
    workers, not impurity. Correlated drivers share credit, so a driver can matter causally yet
    show little importance when a correlated one stands in for it.

    Parameters
    ----------
    df : pandas.DataFrame
        Canonical workers frame.
    outcome : str
        0/1 column.
    drivers, categorical : sequence of str
        Numeric and categorical drivers (categoricals are one-hot encoded in the pipeline).
    model : {"hgb", "rf"}
        Histogram gradient boosting or random forest.
    n_splits : int
        Number of folds (>= 2).
    n_repeats : int
        Shuffles per driver per fold for permutation importance.
    n_bins : int
        Quantile bins of the calibration table.
    alpha : float
        1 - confidence level of the calibration and importance intervals.
    seed : int
        Seed of the fold split, the model and the shuffles.
    n_threads : int or None
        OpenMP threads for the models (threadpoolctl). 1 (default) is fastest for a few
        thousand workers and avoids oversubscribing a shared machine; None = library default.
    source_label : str
        Name of the data in messages.

    Returns
    -------
    CVResult
        Folds, summary metrics, out-of-fold probabilities, calibration and importance tables.

    References
    ----------
    Breiman, L. (2001). Random forests. Machine Learning 45(1), 5-32.
    Fisher, A., Rudin, C. & Dominici, F. (2019). All models are wrong, but many are useful:
    learning a variable's importance by studying an entire class of prediction models
    simultaneously. Journal of Machine Learning Research 20(177), 1-81.
    Brier, G. W. (1950). Verification of forecasts expressed in terms of probability. Monthly
    Weather Review 78(1), 1-3.
    Saito, T. & Rehmsmeier, M. (2015). The precision-recall plot is more informative than the
    ROC plot when evaluating binary classifiers on imbalanced datasets. PLoS ONE 10(3).
    """
    from sklearn.metrics import brier_score_loss, roc_auc_score
    from threadpoolctl import threadpool_limits

    df = df.reset_index(drop=True)
    msgs = validate_workers(
        df,
        outcome,
        None,
        drivers,
        categorical,
        source_label=source_label,
        id_column=None,
        check_separation=False,
    )
    if n_splits < 2:
        raise InputError(f"cv folds (n_splits) must be at least 2, got {n_splits}")
    if n_repeats < 1:
        raise InputError(f"n_repeats must be at least 1, got {n_repeats}")
    y = _as_numeric(df[outcome])[0].astype(int)
    minority = int(min(y.sum(), len(y) - y.sum()))
    if minority < n_splits:
        raise InputError(
            f"{source_label}: only {minority} workers in the rarer outcome class of '{outcome}', "
            f"fewer than the {n_splits} cross-validation folds; lower the folds or add data."
        )
    cat = [categorical] if isinstance(categorical, str) else list(categorical)
    cols = _columns(drivers, cat)
    numeric = [c for c in cols if c not in cat]
    X = df[cols].copy()
    for c in numeric:
        X[c] = _as_numeric(X[c])[0]
    for c in cat:
        X[c] = X[c].astype(str)
    with threadpool_limits(limits=n_threads, user_api="openmp"):
        folds, oof, imp_all = _cv_loop(X, y, numeric, cat, model, n_splits, n_repeats, seed)
    prevalence = float(y.mean())
    brier_ref = prevalence * (1.0 - prevalence)
    brier = float(brier_score_loss(y, oof))
    summary = {
        "roc_auc": float(folds["roc_auc"].mean()),
        "roc_auc_sd": float(folds["roc_auc"].std(ddof=1)),
        "roc_auc_pooled": float(roc_auc_score(y, oof)),
        "pr_auc": float(folds["pr_auc"].mean()),
        "prevalence": prevalence,
        "brier": brier,
        "brier_reference": brier_ref,
        "brier_skill": 1.0 - brier / brier_ref,
        "n_splits": float(n_splits),
    }
    # calibration: quantile bins of the out-of-fold predictions
    # (same bins as sklearn.calibration.calibration_curve(strategy="quantile"))
    edges = np.percentile(oof, np.linspace(0.0, 100.0, n_bins + 1))
    b = np.searchsorted(edges[1:-1], oof)
    cnt = np.bincount(b, minlength=n_bins)
    keep = cnt > 0
    k = np.bincount(b, weights=y, minlength=n_bins)[keep]
    nb = cnt[keep]
    mp = np.bincount(b, weights=oof, minlength=n_bins)[keep] / nb
    lo, hi = _wilson(k, nb, alpha)
    calibration = pd.DataFrame(
        {
            "bin": np.arange(1, keep.sum() + 1),
            "n": nb,
            "mean_predicted": mp,
            "observed_rate": k / nb,
            "ci_low": lo,
            "ci_high": hi,
        }
    )
    tcrit = float(stats.t.ppf(1.0 - alpha / 2.0, n_splits - 1))
    imp_rows = []
    for c in cols:
        arr = np.vstack(imp_all[c])  # folds x repeats
        fold_means = arr.mean(axis=1)
        m = float(fold_means.mean())
        half = tcrit * float(fold_means.std(ddof=1)) / math.sqrt(n_splits)
        imp_rows.append(
            {
                "driver": c,
                "importance_mean": m,
                "importance_sd": float(arr.std(ddof=1)),
                "ci_low": m - half,
                "ci_high": m + half,
            }
        )
    importance = pd.DataFrame(imp_rows).sort_values("importance_mean", ascending=False)
    importance["rank"] = np.arange(1, len(importance) + 1)
    importance = importance.reset_index(drop=True)
    return CVResult(folds, summary, oof, calibration, importance, msgs)


def compare_rankings(
    logit_table: pd.DataFrame,
    importance: pd.DataFrame,
    *,
    rank_tolerance: int = 1,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Compare the logit's driver ranking with the model's permutation-importance ranking.

    The logit ranks drivers by ``|effect|`` (probability change for one SD or 0 -> 1; for a
    categorical driver its largest level contrast); the prediction model ranks them by mean
    held-out permutation importance. A driver is flagged when (a) its ranks differ by more than
    ``rank_tolerance``; (b) the logit effect is significant at ``alpha`` but the importance
    interval includes 0 (the association adds no held-out predictive value, e.g. because a
    correlated driver carries the same information); or (c) the importance interval excludes 0
    while the logit effect is not significant (a non-linear or interaction effect the
    main-effects logit misses?). Agreement does not make either ranking causal.

    Parameters
    ----------
    logit_table : pandas.DataFrame
        Output of :func:`fit_logit`.
    importance : pandas.DataFrame
        ``CVResult.importance`` from :func:`cv_evaluate`.
    rank_tolerance : int
        Largest rank difference not flagged.
    alpha : float
        Significance level for the logit effect.

    Returns
    -------
    pandas.DataFrame
        ``driver``, ``logit_effect``, ``logit_p_value``, ``logit_rank``, ``importance_mean``,
        ``importance_ci_low``, ``importance_ci_high``, ``model_rank``, ``rank_diff`` (logit -
        model), ``flag`` (bool), ``reason``. ``attrs["spearman_rho"]`` is the rank correlation.

    References
    ----------
    Fisher, A., Rudin, C. & Dominici, F. (2019). JMLR 20(177), 1-81.
    Mood, C. (2010). European Sociological Review 26(1), 67-82.
    """
    lt = logit_table.copy()
    lt["abs_effect"] = lt["effect"].abs()
    per = (
        lt.sort_values("abs_effect", ascending=False)
        .groupby("driver", sort=False)
        .head(1)
        .set_index("driver")
    )
    drivers = list(dict.fromkeys([*per.index.tolist(), *importance["driver"].tolist()]))
    imp = importance.set_index("driver")
    out = pd.DataFrame({"driver": drivers})
    out["logit_effect"] = [per["effect"].get(d, np.nan) for d in drivers]
    out["logit_p_value"] = [per["effect_p_value"].get(d, np.nan) for d in drivers]
    out["logit_rank"] = out["logit_effect"].abs().rank(ascending=False, method="min")
    out["importance_mean"] = [imp["importance_mean"].get(d, np.nan) for d in drivers]
    out["importance_ci_low"] = [imp["ci_low"].get(d, np.nan) for d in drivers]
    out["importance_ci_high"] = [imp["ci_high"].get(d, np.nan) for d in drivers]
    out["model_rank"] = out["importance_mean"].rank(ascending=False, method="min")
    out["rank_diff"] = out["logit_rank"] - out["model_rank"]
    reasons = []
    for _, r in out.iterrows():
        why = []
        if not np.isfinite(r["logit_rank"]):
            why.append("no estimable logit effect")
        if not np.isfinite(r["model_rank"]):
            why.append("not in the prediction model")
        if np.isfinite(r["rank_diff"]) and abs(r["rank_diff"]) > rank_tolerance:
            why.append(
                f"ranks differ by {abs(int(r['rank_diff']))} (logit {int(r['logit_rank'])}, "
                f"model {int(r['model_rank'])})"
            )
        sig = r["logit_p_value"] < alpha
        useful = r["importance_ci_low"] > 0
        if sig and np.isfinite(r["importance_ci_low"]) and not useful:
            why.append("logit effect significant but no clear held-out predictive value")
        if (not sig) and np.isfinite(r["logit_p_value"]) and useful:
            why.append(
                "held-out predictive value but logit effect not significant "
                "(non-linear or interaction effect?)"
            )
        reasons.append("; ".join(why))
    out["flag"] = [bool(w) for w in reasons]
    out["reason"] = reasons
    ok = out["logit_rank"].notna() & out["model_rank"].notna()
    rho = (
        float(stats.spearmanr(out.loc[ok, "logit_rank"], out.loc[ok, "model_rank"])[0])
        if ok.sum() > 2
        else np.nan
    )
    out = out.sort_values("logit_rank", na_position="last").reset_index(drop=True)
    out.attrs["spearman_rho"] = rho
    return out


#: The article's explanations of turnover (F9 and the text around it, as quoted in the article)
#: as testable claims: canonical driver -> (expected sign of its effect on leaving, the claim).
ARTICLE_HYPOTHESES: dict[str, tuple[int, str]] = {
    "monthly_pay": (-1, "low pay drives staff away"),
    "resident_recognition": (-1, "low status (residents' recognition) drives staff away"),
    "duty_overlap": (1, "overlapping party and mass-organisation duties drive staff away"),
    "weekly_hours": (1, "heavy workloads drive staff away"),
    "professional_identity": (-1, "weak professional identity drives staff away"),
    "has_sw_certificate": (1, "staff with the social-worker certificate leave more"),
}


def check_hypotheses(
    logit_table: pd.DataFrame,
    hypotheses: Mapping[str, tuple[int, str]] = ARTICLE_HYPOTHESES,
    *,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Verdict on each of the article's explanations, on the probability scale.

    For each driver with an expected sign, the ``effect`` of :func:`fit_logit` (probability
    change for one SD or 0 -> 1, with its delta-method interval and p-value) decides:
    ``supported`` when ``p < alpha`` and the sign is the expected one, ``contradicted`` when
    ``p < alpha`` and the sign is the opposite, ``no clear association`` otherwise,
    ``not estimable`` when the effect is NaN (e.g. separation) and ``not tested`` when the
    driver is not in the model. A verdict is about association, holding the other drivers
    fixed; it is not causal.

    Parameters
    ----------
    logit_table : pandas.DataFrame
        Output of :func:`fit_logit`.
    hypotheses : mapping of str to (int, str)
        Driver -> (expected sign: +1 raises turnover, -1 lowers it; the claim in words).
    alpha : float
        Significance level.

    Returns
    -------
    pandas.DataFrame
        ``driver``, ``claim``, ``expected`` ("raises" or "lowers" turnover), ``effect``,
        ``effect_ci_low``, ``effect_ci_high`` (fractions), ``effect_p_value``, ``verdict``.

    References
    ----------
    Mood, C. (2010). European Sociological Review 26(1), 67-82.
    """
    lt = logit_table[logit_table["kind"] != "level"].set_index("driver")
    rows = []
    for driver, (sign, claim) in hypotheses.items():
        if sign not in (-1, 1):
            raise InputError(f"expected sign of '{driver}' must be +1 or -1, got {sign}")
        row: dict[str, Any] = {
            "driver": driver,
            "claim": claim,
            "expected": "raises" if sign > 0 else "lowers",
        }
        if driver not in lt.index:
            rows.append({**row, "verdict": "not tested (not in the model)"})
            continue
        r = lt.loc[driver]
        eff, pv = float(r["effect"]), float(r["effect_p_value"])
        if not (np.isfinite(eff) and np.isfinite(pv)):
            verdict = "not estimable"
        elif pv < alpha:
            verdict = "supported" if np.sign(eff) == sign else "contradicted"
        else:
            verdict = "no clear association"
        rows.append(
            {
                **row,
                "effect": eff,
                "effect_ci_low": float(r["effect_ci_low"]),
                "effect_ci_high": float(r["effect_ci_high"]),
                "effect_p_value": pv,
                "verdict": verdict,
            }
        )
    out = pd.DataFrame(rows)
    for c in ("effect", "effect_ci_low", "effect_ci_high", "effect_p_value"):
        if c not in out:
            out[c] = np.nan
    return out[
        [
            "driver",
            "claim",
            "expected",
            "effect",
            "effect_ci_low",
            "effect_ci_high",
            "effect_p_value",
            "verdict",
        ]
    ]


def compare_with_truth(
    logit_table: pd.DataFrame,
    truth: Mapping[str, float],
    *,
    rank_tolerance: int = 1,
) -> pd.DataFrame:
    """Check a fitted logit against the TRUE coefficients of synthetic data.

    Used on data from :func:`workbench.synth.workers`, whose true logit coefficients are
    :data:`workbench.synth.WORKERS_TRUE_LOGIT`: can the analysis recover what was put in?
    Per term: the sign (a true null, coefficient 0, counts as recovered when the confidence
    interval of the estimate covers 0), whether the interval ``log(ci_low)..log(ci_high)``
    covers the true coefficient, and, for continuous drivers, the rank of the per-SD effect
    ``|b_k * SD_k|`` (SD of the driver in the data, the ``change`` column of
    :func:`fit_logit`) under the true and the estimated coefficients. True terms the model
    leaves out (e.g. an interaction) are listed with a note: their effect is absorbed by the
    included drivers, so the estimates of those drivers need not equal their true values.

    Parameters
    ----------
    logit_table : pandas.DataFrame
        Output of :func:`fit_logit`.
    truth : mapping of str to float
        True coefficient per term name (log-odds per unit of the driver).
    rank_tolerance : int
        Largest difference between true and estimated rank counted as recovered.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``true_coef``, ``coef``, ``coef_ci_low``, ``coef_ci_high``, ``covered``,
        ``sign_recovered``, ``true_per_sd``, ``coef_per_sd``, ``true_rank``, ``rank``,
        ``rank_recovered`` and ``note``. ``attrs``: ``signs_recovered`` (all terms in the
        model), ``ranks_recovered`` (all continuous terms within the tolerance),
        ``n_covered``, ``n_compared``, ``top_true`` and ``top_estimated`` (continuous driver
        with the largest per-SD effect), ``spearman_rho`` of the two rankings.
    """
    lt = logit_table.set_index("term")
    rows = []
    for term in dict.fromkeys([*truth, *lt.index]):
        true = float(truth.get(term, 0.0))
        if term not in lt.index:
            rows.append(
                {"term": term, "true_coef": true, "note": "not in the model (absorbed by others)"}
            )
            continue
        r = lt.loc[term]
        coef = float(r["coef"])
        with np.errstate(divide="ignore", invalid="ignore"):
            lo, hi = float(np.log(r["ci_low"])), float(np.log(r["ci_high"]))
        finite = bool(np.isfinite(coef) and np.isfinite(lo) and np.isfinite(hi))
        covers_zero = finite and lo <= 0.0 <= hi
        if not finite:
            sign_ok = False
        elif true == 0.0:
            sign_ok = covers_zero
        else:
            sign_ok = bool(np.sign(coef) == np.sign(true))
        continuous = r["kind"] == "continuous"
        sd = float(r["change"]) if continuous else np.nan
        rows.append(
            {
                "term": term,
                "true_coef": true,
                "coef": coef,
                "coef_ci_low": lo,
                "coef_ci_high": hi,
                "covered": bool(finite and lo <= true <= hi),
                "sign_recovered": sign_ok,
                "true_per_sd": true * sd,
                "coef_per_sd": coef * sd,
                "note": "" if term in truth else "no true value given (taken as 0)",
            }
        )
    out = pd.DataFrame(rows)
    for c in ("coef", "coef_ci_low", "coef_ci_high", "true_per_sd", "coef_per_sd"):
        if c not in out:
            out[c] = np.nan
    for c in ("covered", "sign_recovered"):
        if c not in out:
            out[c] = None
    cont = out["true_per_sd"].notna() & out["coef_per_sd"].notna()
    out["true_rank"] = out.loc[cont, "true_per_sd"].abs().rank(ascending=False, method="min")
    out["rank"] = out.loc[cont, "coef_per_sd"].abs().rank(ascending=False, method="min")
    out["rank_recovered"] = None
    out.loc[cont, "rank_recovered"] = (
        (out.loc[cont, "true_rank"] - out.loc[cont, "rank"]).abs() <= rank_tolerance
    ).to_numpy()
    in_model = ~out["note"].str.startswith("not in the model")
    c = out.loc[cont]
    rho = float(stats.spearmanr(c["true_rank"], c["rank"])[0]) if len(c) > 2 else np.nan
    out.attrs.update(
        {
            "signs_recovered": bool(out.loc[in_model, "sign_recovered"].all()),
            "ranks_recovered": bool(c["rank_recovered"].all()) if len(c) else False,
            "n_covered": int(out.loc[in_model, "covered"].sum()),
            "n_compared": int(in_model.sum()),
            "top_true": str(c.loc[c["true_rank"].idxmin(), "term"]) if len(c) else None,
            "top_estimated": str(c.loc[c["rank"].idxmin(), "term"]) if len(c) else None,
            "spearman_rho": rho,
            "rank_tolerance": rank_tolerance,
        }
    )
    return out


# ----------------------------------------------------------------------------------------------
# 5. counterfactuals and costs
# ----------------------------------------------------------------------------------------------


def _draw_mean_probs(
    Xs: Sequence[np.ndarray], beta: np.ndarray, draws: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Mean predicted probability per design at beta_hat (S,) and per draw (S, D), chunked."""
    n = Xs[0].shape[0]
    D = draws.shape[0]
    chunk = max(1, int(4_000_000 // max(D, 1)))
    point = np.zeros(len(Xs))
    per_draw = np.zeros((len(Xs), D))
    for s, X in enumerate(Xs):
        point[s] = float(_expit(X @ beta).mean())
        acc = np.zeros(D)
        for a in range(0, n, chunk):
            acc += _expit(X[a : a + chunk] @ draws.T).sum(axis=0)
        per_draw[s] = acc / n
    return point, per_draw


def _lever_column(fit: _LogitFit, column: str, what: str) -> int:
    for k, t in enumerate(fit.design.terms, start=1):
        if t.term == column and t.kind != "level":
            return k
    raise InputError(
        f"the {what} scenario changes '{column}', which is not a numeric driver of the model; "
        f"add it to drivers or set that scenario range to []"
    )


def _scenario_table(
    df: pd.DataFrame,
    fit: _LogitFit,
    scenarios: list[dict[str, Any]],
    *,
    replacement_cost_yuan: float,
    n_draws: int,
    alpha: float,
    seed: int,
) -> pd.DataFrame:
    X0 = fit.design.X
    beta = np.asarray(fit.result.params, dtype=float)
    cov = np.asarray(fit.result.cov_params(), dtype=float)
    rng = np.random.default_rng(seed)
    draws = rng.multivariate_normal(beta, cov, size=n_draws, method="eigh")
    Xs = [X0]
    for sc in scenarios:
        X = X0.copy()
        for col, fn in sc["changes"]:
            X[:, col] = fn(X[:, col])
        Xs.append(X)
    point, per_draw = _draw_mean_probs(Xs, beta, draws)
    n = X0.shape[0]
    q = [100 * alpha / 2.0, 100 * (1.0 - alpha / 2.0)]
    rows = []
    for s, sc in enumerate([{"scenario": "baseline", "cost": 0.0, "costed": True}, *scenarios]):
        rate = point[s]
        lo, hi = np.percentile(per_draw[s], q)
        dd = per_draw[s] - per_draw[0]
        dlo, dhi = np.percentile(dd, q)
        averted = n * (point[0] - rate)
        alo, ahi = np.percentile(-n * dd, q)
        saving = averted * replacement_cost_yuan
        cost = float(sc["cost"]) if sc["costed"] else np.nan
        rows.append(
            {
                "scenario": sc["scenario"],
                **{k: sc.get(k, 0.0) for k in ("pay_rise_pct", "hours_cut", "overlap_cut")},
                "rate": rate,
                "rate_ci_low": lo,
                "rate_ci_high": hi,
                "rate_change": rate - point[0],
                "rate_change_ci_low": dlo,
                "rate_change_ci_high": dhi,
                "exits": n * rate,
                "exits_averted": averted,
                "exits_averted_ci_low": alo,
                "exits_averted_ci_high": ahi,
                "replacement_saving_yuan": saving,
                "replacement_saving_ci_low": alo * replacement_cost_yuan,
                "replacement_saving_ci_high": ahi * replacement_cost_yuan,
                "intervention_cost_yuan": cost,
                "net_saving_yuan": saving - cost,
                "net_saving_ci_low": alo * replacement_cost_yuan - cost,
                "net_saving_ci_high": ahi * replacement_cost_yuan - cost,
                "cost_per_exit_averted_yuan": cost / averted if averted > 0 and cost else np.nan,
                "costed": bool(sc["costed"]),
            }
        )
    out = pd.DataFrame(rows)
    out.attrs.update(
        {
            "n_workers": n,
            "n_draws": n_draws,
            "seed": seed,
            "alpha": alpha,
            "replacement_cost_yuan": replacement_cost_yuan,
            "warnings": list(fit.warnings),
            "assumption": (
                "Predictions move one driver holding the others at their observed values and "
                "read the logit coefficient as causal; observational data cannot establish that "
                "(confounding, reverse causation). Treat results as what-if arithmetic."
            ),
        }
    )
    return out


def _scenario_fit(
    df: pd.DataFrame,
    outcome: str,
    drivers: Sequence[str],
    categorical: Sequence[str],
    cluster: str | None,
    alpha: float,
    source_label: str,
) -> _LogitFit:
    fit = _fit_logit_model(
        df,
        outcome,
        drivers,
        categorical,
        cluster=cluster,
        alpha=alpha,
        reference=None,
        source_label=source_label,
        check_separation=True,
    )
    if fit.separated:
        raise InputError(
            f"{source_label}: scenarios need a logit whose coefficients exist; "
            + _separation_message(fit.separated, source_label)
        )
    return fit


def _lever_scenario(
    df: pd.DataFrame,
    fit: _LogitFit,
    pay_rise: float,
    hours_cut: float,
    overlap_cut: float,
    *,
    employer_oncost_rate: float,
    overlap_cost_yuan_per_worker: float,
    pay_column: str,
    hours_column: str,
    overlap_column: str,
) -> dict[str, Any]:
    """One scenario: which design columns change, how, and the annual cost in yuan."""
    n = len(df)
    oncost = 1.0 + employer_oncost_rate
    changes: list[tuple[int, Any]] = []
    cost = 0.0
    label = []
    if pay_rise:
        j = _lever_column(fit, pay_column, "pay")
        pay = _as_numeric(df[pay_column])[0]
        changes.append((j, lambda v, a=pay_rise: v * (1.0 + a / 100.0)))
        cost += float(np.sum(12.0 * pay * pay_rise / 100.0)) * oncost
        label.append(f"pay {pay_rise:+.3g}%")
    if hours_cut:
        j = _lever_column(fit, hours_column, "hours")
        if pay_column not in df.columns:
            raise InputError(f"costing an hours cut needs the pay column '{pay_column}'")
        pay = _as_numeric(df[pay_column])[0]
        hours = _as_numeric(df[hours_column])[0]
        changes.append((j, lambda v, b=hours_cut: np.maximum(v - b, 0.0)))
        cost += float(np.sum(12.0 * pay * np.minimum(hours_cut, hours) / hours)) * oncost
        label.append(f"hours {-hours_cut:+g}/week")
    if overlap_cut:
        j = _lever_column(fit, overlap_column, "duty-overlap")
        changes.append((j, lambda v, c=overlap_cut: np.maximum(v - c, 0.0)))
        cost += n * overlap_cost_yuan_per_worker * overlap_cut / 0.1
        label.append(f"duty overlap {-overlap_cut:+g}")
    return {
        "scenario": ", ".join(label) or "baseline",
        "pay_rise_pct": pay_rise,
        "hours_cut": hours_cut,
        "overlap_cut": overlap_cut,
        "changes": changes,
        "cost": cost,
        "costed": not (overlap_cut and overlap_cost_yuan_per_worker == 0.0),
    }


def counterfactual_turnover(
    df: pd.DataFrame,
    outcome: str = "left",
    drivers: Sequence[str] = DEFAULT_DRIVERS,
    categorical: Sequence[str] = (),
    *,
    pay_rise_pct: Sequence[float] = (5.0, 10.0, 20.0),
    hours_cut: Sequence[float] = (2.0, 5.0),
    overlap_cut: Sequence[float] = (0.1, 0.2),
    combine: bool = False,
    replacement_cost_yuan: float = 40_000.0,
    employer_oncost_rate: float = 0.0,
    overlap_cost_yuan_per_worker: float = 0.0,
    n_draws: int = 1000,
    alpha: float = 0.05,
    seed: int = 20220418,
    cluster: str | None = None,
    pay_column: str = "monthly_pay",
    hours_column: str = "weekly_hours",
    overlap_column: str = "duty_overlap",
    source_label: str = "the workers data",
) -> pd.DataFrame:
    """Predicted annual turnover if pay rises, hours fall or duty overlap falls, with costs.

    The logit of :func:`fit_logit` is refitted and each scenario changes the drivers of every
    worker: ``pay * (1 + x/100)``, ``max(hours - h, 0)``, ``max(overlap - o, 0)``. The
    scenario rate is the mean predicted probability ``mean_i F(x_i^s' b)``; the baseline is the
    mean fitted probability (equal to the observed rate for a logit with an intercept).
    Uncertainty: a seeded parametric bootstrap, ``b_d ~ N(b_hat, V_hat)`` (``V_hat`` cluster-
    robust when ``cluster`` is given), recomputing both rates per draw; intervals are
    percentiles (King, Tomz & Wittenberg 2000). Exits averted ``= n (rate_0 - rate_s)``.

    Costs (yuan per year): replacement saving ``= exits averted * replacement_cost_yuan``;
    pay rise ``= sum_i 12 * pay_i * x/100 * (1 + employer_oncost_rate)``; cutting ``h`` hours
    is costed as buying those hours back at each worker's own hourly pay,
    ``sum_i 12 * pay_i * h / hours_i * (1 + employer_oncost_rate)`` (e.g. extra staff);
    cutting overlap by ``o`` costs ``n * overlap_cost_yuan_per_worker * o / 0.1`` (0 = not
    costed: ``costed=False`` and the cost columns are NaN, never a free lunch).
    ``net_saving = replacement saving - intervention cost``.

    Parameters
    ----------
    df, outcome, drivers, categorical, cluster, source_label
        As in :func:`fit_logit`.
    pay_rise_pct : sequence of float
        Pay rises to try, percent of current monthly pay (e.g. 10 = +10%).
    hours_cut : sequence of float
        Cuts in weekly hours to try (hours/week).
    overlap_cut : sequence of float
        Absolute cuts in the duty-overlap index to try (index points on 0-1).
    combine : bool
        False: one lever at a time; True: every combination of the ranges (0 added to each).
    replacement_cost_yuan : float
        Cost of replacing one leaver (recruitment, training, vacancy), yuan per exit. An
        assumption to set locally; the default is about six months' pay in the synthetic data.
    employer_oncost_rate : float
        Employer social-insurance and housing-fund contributions as a fraction of pay.
    overlap_cost_yuan_per_worker : float
        Annual cost per worker of cutting the overlap index by 0.1 (yuan); 0 = not costed.
    n_draws : int
        Parametric-bootstrap draws.
    alpha : float
        1 - confidence level.
    seed : int
        Seed of the draws.
    pay_column, hours_column, overlap_column : str
        Canonical names of the three levers.

    Returns
    -------
    pandas.DataFrame
        One row per scenario (first ``baseline``): ``scenario``, ``pay_rise_pct``,
        ``hours_cut``, ``overlap_cut``, ``rate`` (fraction) with ``rate_ci_low``/``high``,
        ``rate_change`` with interval, ``exits``, ``exits_averted`` with interval,
        ``replacement_saving_yuan`` with interval, ``intervention_cost_yuan``,
        ``net_saving_yuan`` with interval, ``cost_per_exit_averted_yuan``, ``costed``.
        ``attrs`` holds the assumptions and the model warnings.

    References
    ----------
    King, G., Tomz, M. & Wittenberg, J. (2000). Making the most of statistical analyses:
    improving interpretation and presentation. American Journal of Political Science 44(2),
    347-361.
    Mood, C. (2010). European Sociological Review 26(1), 67-82.
    """
    _check_cost_inputs(replacement_cost_yuan, employer_oncost_rate, n_draws)
    if overlap_cost_yuan_per_worker < 0:
        raise InputError(
            f"overlap_cost_yuan_per_worker must be >= 0, got {overlap_cost_yuan_per_worker}"
        )
    for name, vals, lo, hi in (
        ("pay_rise_pct", pay_rise_pct, -100.0, math.inf),
        ("hours_cut", hours_cut, -168.0, 168.0),
        ("overlap_cut", overlap_cut, -1.0, 1.0),
    ):
        for v in vals:
            if not (lo < float(v) <= hi):
                raise InputError(f"{name} value {v} is out of range ({lo}, {hi}]")
    df = df.reset_index(drop=True)
    fit = _scenario_fit(df, outcome, drivers, categorical, cluster, alpha, source_label)
    pays = [float(v) for v in pay_rise_pct if float(v) != 0.0]
    hrs = [float(v) for v in hours_cut if float(v) != 0.0]
    ovs = [float(v) for v in overlap_cut if float(v) != 0.0]
    if combine:
        combos = [
            (a, b, c)
            for a in [0.0, *pays]
            for b in [0.0, *hrs]
            for c in [0.0, *ovs]
            if (a, b, c) != (0.0, 0.0, 0.0)
        ]
    else:
        combos = [(a, 0.0, 0.0) for a in pays] + [(0.0, b, 0.0) for b in hrs]
        combos += [(0.0, 0.0, c) for c in ovs]
    scenarios = [
        _lever_scenario(
            df,
            fit,
            a,
            b,
            c,
            employer_oncost_rate=employer_oncost_rate,
            overlap_cost_yuan_per_worker=overlap_cost_yuan_per_worker,
            pay_column=pay_column,
            hours_column=hours_column,
            overlap_column=overlap_column,
        )
        for a, b, c in combos
    ]
    out = _scenario_table(
        df,
        fit,
        scenarios,
        replacement_cost_yuan=replacement_cost_yuan,
        n_draws=n_draws,
        alpha=alpha,
        seed=seed,
    )
    out.attrs["employer_oncost_rate"] = employer_oncost_rate
    return out


def _check_cost_inputs(replacement_cost_yuan: float, oncost: float, n_draws: int) -> None:
    if not replacement_cost_yuan >= 0:
        raise InputError(f"replacement_cost_yuan must be >= 0 yuan, got {replacement_cost_yuan}")
    if not 0.0 <= oncost <= 2.0:
        raise InputError(f"employer_oncost_rate must be a fraction in [0, 2], got {oncost}")
    if n_draws < 10:
        raise InputError(f"n_draws must be at least 10, got {n_draws}")


def reward_scenario(
    df: pd.DataFrame,
    outcome: str = "left",
    drivers: Sequence[str] = DEFAULT_DRIVERS,
    categorical: Sequence[str] = (),
    *,
    reward_shares: Sequence[float] = (0.3, 0.5),
    efficiency_gain_pct_of_payroll: float = 5.0,
    efficiency_gain_yuan: float | None = None,
    replacement_cost_yuan: float = 40_000.0,
    employer_oncost_rate: float = 0.0,
    n_draws: int = 1000,
    alpha: float = 0.05,
    seed: int = 20220418,
    cluster: str | None = None,
    pay_column: str = "monthly_pay",
    source_label: str = "the workers data",
) -> pd.DataFrame:
    """The article's proposal to return 30-50% of efficiency gains to staff, as a scenario.

    What is computed (F10, as quoted in the article). The efficiency gain ``G`` (yuan/year)
    cannot be measured from turnover data, so it is an input: ``efficiency_gain_yuan``, or
    ``efficiency_gain_pct_of_payroll`` percent of the annual payroll ``W = sum_i 12 pay_i``.
    For each share ``s``: the reward pool ``R = s G`` is paid as a pay top-up in proportion to
    pay (the data cannot identify "high performers", so every worker gets the same percentage;
    targeted rewards would reach fewer workers with larger sums). Including on-costs the
    equivalent pay rise is ``100 R / (W (1 + employer_oncost_rate))`` percent; its effect on
    turnover comes from the logit as in :func:`counterfactual_turnover`. Reported:
    ``exits_averted``, ``replacement_saving_yuan`` (exits averted times the replacement cost),
    ``retained_gain_yuan = (1 - s) G`` (what the organisation keeps of the gain),
    ``organisation_total_yuan = retained + replacement saving``, and
    ``reward_net_yuan = replacement saving - R`` (> 0 means the reward pays for itself through
    lower turnover alone).

    Parameters
    ----------
    df, outcome, drivers, categorical, cluster, source_label
        As in :func:`fit_logit`.
    reward_shares : sequence of float
        Shares of the gain returned to staff (fractions; the article says 0.3-0.5).
    efficiency_gain_pct_of_payroll : float
        Gain as percent of the annual payroll (used when ``efficiency_gain_yuan`` is None).
    efficiency_gain_yuan : float, optional
        Gain in yuan per year (overrides the percentage).
    replacement_cost_yuan, employer_oncost_rate, n_draws, alpha, seed, pay_column
        As in :func:`counterfactual_turnover`.

    Returns
    -------
    pandas.DataFrame
        One row per share: ``reward_share``, ``efficiency_gain_yuan``, ``reward_pool_yuan``,
        ``equivalent_pay_rise_pct``, ``rate`` (with ``rate_ci_low``/``high``),
        ``rate_change``, ``exits_averted`` (with interval), ``replacement_saving_yuan``,
        ``retained_gain_yuan``, ``organisation_total_yuan``, ``reward_net_yuan``.

    References
    ----------
    King, G., Tomz, M. & Wittenberg, J. (2000). AJPS 44(2), 347-361.
    """
    _check_cost_inputs(replacement_cost_yuan, employer_oncost_rate, n_draws)
    for s in reward_shares:
        if not 0.0 <= float(s) <= 1.0:
            raise InputError(f"reward_shares must be fractions between 0 and 1, got {s}")
    if pay_column not in df.columns:
        raise InputError(f"{source_label}: pay column '{pay_column}' not found")
    pay = _as_numeric(df[pay_column])[0]
    payroll = float(np.sum(12.0 * pay))
    if efficiency_gain_yuan is None:
        if efficiency_gain_pct_of_payroll < 0:
            raise InputError(
                f"efficiency_gain_pct_of_payroll must be >= 0, got {efficiency_gain_pct_of_payroll}"
            )
        gain = payroll * efficiency_gain_pct_of_payroll / 100.0
    else:
        if efficiency_gain_yuan < 0:
            raise InputError(f"efficiency_gain_yuan must be >= 0, got {efficiency_gain_yuan}")
        gain = float(efficiency_gain_yuan)
    rises = [
        100.0 * float(s) * gain / (payroll * (1.0 + employer_oncost_rate)) for s in reward_shares
    ]
    df = df.reset_index(drop=True)
    fit = _scenario_fit(df, outcome, drivers, categorical, cluster, alpha, source_label)
    scenarios = []
    for s, rise in zip(reward_shares, rises, strict=True):
        sc = _lever_scenario(
            df,
            fit,
            rise,
            0.0,
            0.0,
            employer_oncost_rate=employer_oncost_rate,
            overlap_cost_yuan_per_worker=0.0,
            pay_column=pay_column,
            hours_column="",
            overlap_column="",
        )
        sc["scenario"] = f"reward share {float(s):g}"
        scenarios.append(sc)
    cf = _scenario_table(
        df,
        fit,
        scenarios,
        replacement_cost_yuan=replacement_cost_yuan,
        n_draws=n_draws,
        alpha=alpha,
        seed=seed,
    )
    rows = []
    for i, s in enumerate(reward_shares):
        r = cf.iloc[i + 1]
        pool = float(s) * gain
        saving = float(r["replacement_saving_yuan"])
        rows.append(
            {
                "reward_share": float(s),
                "efficiency_gain_yuan": gain,
                "reward_pool_yuan": pool,
                "equivalent_pay_rise_pct": rises[i],
                "rate": r["rate"],
                "rate_ci_low": r["rate_ci_low"],
                "rate_ci_high": r["rate_ci_high"],
                "rate_change": r["rate_change"],
                "exits_averted": r["exits_averted"],
                "exits_averted_ci_low": r["exits_averted_ci_low"],
                "exits_averted_ci_high": r["exits_averted_ci_high"],
                "replacement_saving_yuan": saving,
                "retained_gain_yuan": (1.0 - float(s)) * gain,
                "organisation_total_yuan": (1.0 - float(s)) * gain + saving,
                "reward_net_yuan": saving - pool,
            }
        )
    out = pd.DataFrame(rows)
    out.attrs.update(cf.attrs)
    out.attrs["baseline_rate"] = float(cf.iloc[0]["rate"])
    out.attrs["annual_payroll_yuan"] = payroll
    out.attrs["definition"] = (
        "reward pool = share x efficiency gain, paid as an equal-percentage pay top-up; "
        "turnover effect from the logit; retained = (1 - share) x gain"
    )
    return out
