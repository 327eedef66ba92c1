"""Annual turnover rates, overall and by group, with Wilson intervals against a benchmark."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench import messages
from workbench.turnover import schema
from workbench.turnover.design import as_numeric, z_value

#: The denominator of every rate, in words.
DENOMINATOR = "workers on the roll during the observation year (one row each)"
YOUNG_CERTIFICATE = "young certificate holders"
EVERYONE_ELSE = "everyone else"


def add_turnover_groups(
    df: pd.DataFrame,
    young_age: float = schema.YOUNG_AGE,
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
        "youth" in Chinese youth and employment policy).
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
    a = as_numeric(out[age])
    label = f"{young_age:g}"
    out["age_group"] = np.where(a < young_age, f"under {label}", f"{label} and over")
    if certificate in out.columns:
        c = as_numeric(out[certificate])
        cert = np.where(c == 1, "certificate", "no certificate")
        out["age_certificate"] = pd.Series(out["age_group"]).str.cat(cert, sep=", ").to_numpy()
    return out


def _blocks(df: pd.DataFrame, groups: list[str], label: str) -> list[tuple[str, str, np.ndarray]]:
    blocks = [("all", "all", np.ones(len(df), dtype=bool))]
    for g in groups:
        schema.check_complete(df, g, label, "grouping column")
        col = df[g]
        for level in sorted(col.unique(), key=lambda v: str(v)):
            blocks.append((g, str(level), (col == level).to_numpy()))
    return blocks


def _rate_row(group: str, level: str, k: int, n: int, alpha: float, benchmark: float) -> dict:
    from scipy import stats
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(k, n, alpha=alpha, method="wilson")
    lo, hi = min(max(float(lo), 0.0), k / n), max(min(float(hi), 1.0), k / n)  # fp rounding
    p_value = float(stats.binomtest(k, n, benchmark).pvalue) if 0 < benchmark < 1 else np.nan
    side = "above" if lo > benchmark else "below" if hi < benchmark else "consistent"
    return {
        "group": group,
        "level": level,
        "n": n,
        "exits": k,
        "rate": k / n,
        "ci_low": float(lo),
        "ci_high": float(hi),
        "benchmark": benchmark,
        "diff_vs_benchmark": k / n - benchmark,
        "p_value": p_value,
        "vs_benchmark": side,
        "denominator": DENOMINATOR,
    }


def turnover_rates(
    df: pd.DataFrame,
    outcome: str = "left",
    by: str | Sequence[str] | None = None,
    *,
    alpha: float = 0.05,
    benchmark: float = schema.BENCHMARK,
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
        Benchmark annual rate (fraction); the article's 30% (F9, as quoted in the article).
    source_label : str
        Name of the data in error messages.

    Returns
    -------
    pandas.DataFrame
        Columns ``group`` ("all" or the grouping column), ``level``, ``n`` (denominator,
        workers), ``exits``, ``rate``, ``ci_low``, ``ci_high`` (fractions), ``benchmark``,
        ``diff_vs_benchmark`` (rate - benchmark, fraction), ``p_value`` (exact binomial test;
        NaN when the benchmark is 0 or 1), ``vs_benchmark`` ("above", "below" or "consistent":
        whether the interval excludes the benchmark) and ``denominator`` (text).

    Raises
    ------
    ValueError
        ``alpha`` or ``benchmark`` outside (0, 1) and [0, 1].
    DataError
        A missing column, an outcome that is not 0/1, a grouping column with missing values.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    Journal of the American Statistical Association 22(158), 209-212.
    Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
    comparison of seven methods. Statistics in Medicine 17(8), 857-872.
    """
    z_value(alpha)
    if not 0.0 <= benchmark <= 1.0:
        raise ValueError(f"benchmark must be a fraction between 0 and 1, got {benchmark}")
    groups = [] if by is None else ([by] if isinstance(by, str) else list(by))
    schema.require_columns(df, [outcome, *groups], source_label)
    schema.check_outcome(df, outcome, source_label, messages.lines_of(df))
    y = as_numeric(df[outcome])
    rows = []
    for group, level, mask in _blocks(df, groups, source_label):
        n, k = int(mask.sum()), int(y[mask].sum())
        rows.append(_rate_row(group, level, k, n, alpha, benchmark))
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class GroupGap:
    """Turnover of one group against everyone else (rates and Wilson intervals, fractions).

    ``comparison`` is ``"higher"`` or ``"lower"`` when the two intervals do not overlap, else
    ``"not clearly different"``.
    """

    rate: float
    ci_low: float
    ci_high: float
    n: int
    other_rate: float
    other_ci_low: float
    other_ci_high: float
    other_n: int
    comparison: str


def young_certificate_gap(
    grouped: pd.DataFrame,
    outcome: str,
    young_age: float,
    *,
    alpha: float = 0.05,
    benchmark: float = schema.BENCHMARK,
    source_label: str = "the workers data",
) -> GroupGap | None:
    """Turnover of certificate holders under ``young_age`` against everyone else.

    ``grouped`` comes from :func:`add_turnover_groups`. None when it has no ``age_certificate``
    column or one of the two groups is empty. The raw rates mix the certificate with age, pay
    and contract; the logit and the Cox model adjust for them.
    """
    if "age_certificate" not in grouped.columns:
        return None
    young = grouped["age_certificate"].eq(f"under {young_age:g}, certificate")
    flag = young.map({True: YOUNG_CERTIFICATE, False: EVERYONE_ELSE})
    table = turnover_rates(
        grouped.assign(young_cert=flag),
        outcome,
        "young_cert",
        alpha=alpha,
        benchmark=benchmark,
        source_label=source_label,
    ).set_index("level")
    if not {YOUNG_CERTIFICATE, EVERYONE_ELSE} <= set(table.index):
        return None
    a, b = table.loc[YOUNG_CERTIFICATE], table.loc[EVERYONE_ELSE]
    if a["ci_low"] > b["ci_high"]:
        comparison = "higher"
    elif a["ci_high"] < b["ci_low"]:
        comparison = "lower"
    else:
        comparison = "not clearly different"
    return GroupGap(
        float(a["rate"]),
        float(a["ci_low"]),
        float(a["ci_high"]),
        int(a["n"]),
        float(b["rate"]),
        float(b["ci_low"]),
        float(b["ci_high"]),
        int(b["n"]),
        comparison,
    )
