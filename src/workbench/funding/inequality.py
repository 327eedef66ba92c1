"""Inequality of scale: Gini, Lorenz curve, top share, Palma ratio, Theil T and its decomposition.

Scale is total funding per organisation, in any unit (every index here is unit-free). Values are
1-D, finite, >= 0 and not all zero; a programmer's bad argument raises ValueError or TypeError.
:func:`inequality_summary` adds seeded bootstrap intervals and the bootstrap estimate of bias.

References
----------
.. [T67] Theil, H. (1967). *Economics and Information Theory*. Amsterdam: North-Holland.
.. [CS13] Cobham, A. & Sumner, A. (2013). Is it all about the tails? The Palma measure of income
   inequality. Center for Global Development Working Paper 343.
.. [C11] Cowell, F. A. (2011). *Measuring Inequality*, 3rd ed. Oxford University Press.
.. [ET93] Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd

from workbench.funding import bootstrap
from workbench.funding.arrays import group_codes, positive_total, values_1d


def gini_sorted(x: np.ndarray) -> np.ndarray:
    """Gini along the last axis of values sorted ascending (R ``ineq::Gini``, corr = FALSE)."""
    n = x.shape[-1]
    coef = 2.0 * np.arange(1, n + 1) - n - 1.0
    with np.errstate(invalid="ignore", divide="ignore"):
        g = (x @ coef) / (n * x.sum(axis=-1))
    return np.maximum(g, 0.0)


def gini(values: Any, small_sample: bool = False) -> float:
    """Gini coefficient of scale (e.g. total funding per organisation).

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero (any unit; the index is unit-free).
    small_sample : bool
        Multiply by :math:`n/(n-1)` (R ``ineq::Gini(x, corr = TRUE)``), which makes the maximum
        attainable value 1 in a sample of size n. NaN when n = 1.

    Returns
    -------
    float
        :math:`G = \\frac{\\sum_{i=1}^n (2i - n - 1) x_{(i)}}{n^2 \\mu}` with :math:`x_{(i)}`
        sorted ascending, in [0, (n-1)/n]; 0 = equal scale.

    Examples
    --------
    >>> round(gini([1, 3, 2, 1, 1, 1, 4]), 7)
    0.3076923
    >>> round(gini([10] * 9 + [100]), 7)
    0.4263158

    References
    ----------
    Gini, C. (1912). *Variabilità e mutabilità*. Bologna; Cowell (2011) [C11]_, ch. 2;
    Zeileis, A. R package ``ineq``, function ``Gini`` (the default, uncorrected definition).
    """
    x = np.sort(values_1d(values))
    positive_total(x, "values", "Gini coefficient")
    g = float(gini_sorted(x))
    if small_sample:
        return g * x.size / (x.size - 1) if x.size > 1 else float("nan")
    return g


def lorenz_curve(values: Any, n_points: int | None = 101) -> pd.DataFrame:
    """Lorenz curve of scale: cumulative share of funding held by the smallest organisations.

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero.
    n_points : int or None
        Evaluate the (piecewise-linear) curve at this many equally spaced population shares from
        0 to 1 (default 101, enough for a figure); ``None`` returns all n + 1 vertices.

    Returns
    -------
    pandas.DataFrame
        ``population_share`` p (fraction of organisations, smallest first) and ``value_share``
        :math:`L(p) = \\sum_{i \\le pn} x_{(i)} / \\sum_i x_i` (fraction of funding); starts at
        (0, 0) and ends at (1, 1).

    References
    ----------
    Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. *Publications of the
    American Statistical Association* 9(70), 209-219; Cowell (2011) [C11]_.
    """
    x = np.sort(values_1d(values))
    total = positive_total(x, "values", "Lorenz curve")
    cum = np.concatenate([[0.0], np.cumsum(x)]) / total
    pop = np.arange(x.size + 1) / x.size
    if n_points is None:
        return pd.DataFrame({"population_share": pop, "value_share": cum})
    if int(n_points) != n_points or n_points < 2:
        raise ValueError(f"n_points: expected a whole number >= 2 or None, got {n_points}")
    grid = np.linspace(0.0, 1.0, int(n_points))
    return pd.DataFrame({"population_share": grid, "value_share": np.interp(grid, pop, cum)})


def lorenz_at(x_sorted: np.ndarray, cum: np.ndarray, p: float) -> np.ndarray:
    """L(p) along the last axis; ``cum`` is the cumulative sum with a leading 0, unnormalised."""
    n = x_sorted.shape[-1]
    k = p * n
    i = min(int(np.floor(k)), n - 1)
    frac = k - i
    return (cum[..., i] + frac * x_sorted[..., i]) / cum[..., -1]


def _sorted_cum(values: Any, what: str) -> tuple[np.ndarray, np.ndarray]:
    x = np.sort(values_1d(values))
    positive_total(x, "values", what)
    return x, np.concatenate([[0.0], np.cumsum(x)])


def top_share(values: Any, top: float = 0.10) -> float:
    """Share of all funding held by the largest ``top`` fraction of organisations.

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero.
    top : float
        Fraction of organisations at the top, default 0.10 (the top 10%).

    Returns
    -------
    float
        :math:`1 - L(1 - \\text{top})` (fraction of funding), with :math:`L` the
        piecewise-linear Lorenz curve (exact when ``top * n`` is whole, interpolated otherwise).

    References
    ----------
    Cowell (2011) [C11]_; Cobham & Sumner (2013) [CS13]_.
    """
    if not 0.0 < top < 1.0:
        raise ValueError(f"top: expected a fraction strictly between 0 and 1, got {top}")
    x, cum = _sorted_cum(values, "top share")
    return float(1.0 - lorenz_at(x, cum, 1.0 - top))


def palma_ratio(values: Any) -> float:
    """Palma ratio: funding of the top 10% of organisations over that of the bottom 40%.

    Returns
    -------
    float
        :math:`(1 - L(0.9)) / L(0.4)` (unit-free ratio; ``inf`` if the bottom 40% have nothing).

    References
    ----------
    Palma, J. G. (2011). Homogeneous middles vs. heterogeneous tails. *Development and Change*
    42(1), 87-153; Cobham & Sumner (2013) [CS13]_.
    """
    x, cum = _sorted_cum(values, "Palma ratio")
    bottom = float(lorenz_at(x, cum, 0.4))
    top = float(1.0 - lorenz_at(x, cum, 0.9))
    return top / bottom if bottom > 0 else float("inf")


def _log0(v: Any) -> np.ndarray:
    """Natural log where v > 0, and 0 elsewhere (for terms that are multiplied by 0)."""
    v = np.asarray(v, dtype=float)
    return np.log(v, out=np.zeros_like(v), where=v > 0)


def _xlogx_ratio(x: np.ndarray, log_ref: Any) -> np.ndarray:
    """:math:`x (\\ln x - \\ln ref)`, with the limit 0 at x = 0 (``log_ref`` broadcasts)."""
    return np.where(x > 0, x * (_log0(x) - log_ref), 0.0)


def theil(values: Any, groups: Any = None) -> float | dict[str, float]:
    """Theil T index of scale, optionally decomposed exactly into between and within groups.

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero (zeros contribute 0, the limit of x ln x).
    groups : array-like, optional
        One label per value (city, district, type...).

    Returns
    -------
    float or dict
        Without ``groups``: :math:`T = \\frac{1}{n} \\sum_i \\frac{x_i}{\\mu}
        \\ln \\frac{x_i}{\\mu}` (unit-free, in [0, ln n]; 0 = equal scale).
        With ``groups``: a dict with keys ``total`` (T), ``between``
        :math:`T_B = \\sum_g s_g \\ln(\\mu_g/\\mu)`, ``within``
        :math:`T_W = \\sum_g s_g T_g` (with :math:`s_g` the group's share of the total and
        :math:`T_g` its own Theil index) and ``between_share`` = :math:`T_B / T` (NaN if T = 0).
        ``between + within == total`` up to rounding, for any grouping.

    Examples
    --------
    >>> r = theil([1, 2, 3, 10], groups=["a", "a", "b", "b"])
    >>> abs(r["between"] + r["within"] - r["total"]) < 1e-12
    True

    References
    ----------
    Theil (1967) [T67]_; Shorrocks, A. F. (1980). The class of additively decomposable
    inequality measures. *Econometrica* 48(3), 613-625; PySAL ``inequality.theil.TheilD``.
    """
    x = values_1d(values)
    total_sum = positive_total(x, "values", "Theil index")
    mu = total_sum / x.size
    t_total = float(_xlogx_ratio(x, np.log(mu)).sum() / total_sum)
    if groups is None:
        return max(t_total, 0.0)
    codes, _ = group_codes(groups, x.size)
    n_g = np.bincount(codes)
    s_g = np.bincount(codes, weights=x, minlength=n_g.size)
    mu_g = s_g / n_g
    within = float(_xlogx_ratio(x, _log0(mu_g)[codes]).sum() / total_sum)
    between = float(_xlogx_ratio(s_g, _log0(n_g * mu)).sum() / total_sum)
    return {
        "total": t_total,
        "between": between,
        "within": within,
        "between_share": between / t_total if t_total > 0 else float("nan"),
    }


def theil_by_group(values: Any, groups: Any) -> pd.DataFrame:
    """Theil T decomposition by group: each group's size, scale, own index and contributions.

    Returns
    -------
    pandas.DataFrame
        One row per group (order of first appearance): ``group``, ``n``, ``sum`` and ``mean``
        (unit of the values), ``value_share`` :math:`s_g`, ``theil`` :math:`T_g`,
        ``within_contribution`` :math:`s_g T_g` and ``between_contribution``
        :math:`s_g \\ln(\\mu_g/\\mu)`. The two contribution columns sum to the total Theil index.

    References
    ----------
    Theil (1967) [T67]_; Shorrocks (1980), see :func:`theil`.
    """
    x = values_1d(values)
    total_sum = positive_total(x, "values", "Theil index")
    codes, labels = group_codes(groups, x.size)
    n_g = np.bincount(codes)
    s_g = np.bincount(codes, weights=x, minlength=n_g.size)
    mu_g = s_g / n_g
    mu = total_sum / x.size
    terms = _xlogx_ratio(x, _log0(mu_g)[codes])
    within_g = np.bincount(codes, weights=terms, minlength=n_g.size)
    with np.errstate(invalid="ignore", divide="ignore"):
        t_g = np.where(s_g > 0, within_g / np.where(s_g > 0, s_g, 1.0), 0.0)
    return pd.DataFrame(
        {
            "group": labels,
            "n": n_g,
            "sum": s_g,
            "mean": mu_g,
            "value_share": s_g / total_sum,
            "theil": t_g,
            "within_contribution": within_g / total_sum,
            "between_contribution": _xlogx_ratio(s_g, _log0(n_g * mu)) / total_sum,
        }
    )


def grouped_gini(x: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """Gini of ``x`` within each group 0..n_groups-1, vectorised (sort by group, then value)."""
    order = np.lexsort((x, codes))
    xs, cs = x[order], codes[order]
    n_g = np.bincount(cs, minlength=n_groups)
    start = np.concatenate([[0], np.cumsum(n_g)[:-1]])
    rank = np.arange(xs.size) - start[cs] + 1.0
    num = np.bincount(cs, weights=(2.0 * rank - n_g[cs] - 1.0) * xs, minlength=n_groups)
    s_g = np.bincount(cs, weights=xs, minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.maximum(num / (n_g * s_g), 0.0)


def _between_share(x, codes, n_groups, mu, total, theil_t) -> np.ndarray:
    b = x.shape[0]
    flat = (codes + n_groups * np.arange(b)[:, None]).ravel()
    n_g = np.bincount(flat, minlength=b * n_groups).reshape(b, n_groups)
    s_g = np.bincount(flat, weights=x.ravel(), minlength=b * n_groups).reshape(b, n_groups)
    between = _xlogx_ratio(s_g, _log0(n_g * mu[:, None])).sum(axis=1) / total
    return np.where(theil_t > 0, between / theil_t, np.nan)


def inequality_stats(
    x: np.ndarray, codes: np.ndarray | None, n_groups: int
) -> dict[str, np.ndarray]:
    """All scale indicators for each row of a 2-D array (replicates x organisations).

    Returns ``gini``, ``theil``, ``top10_share``, ``palma``, ``cv`` and ``sd_log10`` (zeros
    excluded), plus ``theil_between_share`` when ``codes`` (one group code per column) is given.
    """
    b, n = x.shape
    xs = np.sort(x, axis=1)
    cum = np.concatenate([np.zeros((b, 1)), np.cumsum(xs, axis=1)], axis=1)
    total = cum[:, -1]
    mu = total / n
    with np.errstate(invalid="ignore", divide="ignore"):
        theil_t = _xlogx_ratio(x, _log0(mu)[:, None]).sum(axis=1) / total
        bottom40 = lorenz_at(xs, cum, 0.4)
        top10 = 1.0 - lorenz_at(xs, cum, 0.9)
        logx = np.log10(np.where(x > 0, x, np.nan))
        stats = {
            "gini": gini_sorted(xs),
            "theil": np.maximum(theil_t, 0.0),
            "top10_share": top10,
            "palma": np.where(bottom40 > 0, top10 / bottom40, np.inf),
            "cv": x.std(axis=1, ddof=1) / mu if n > 1 else np.full(b, np.nan),
            "sd_log10": np.std(logx, axis=1, ddof=1) if n > 1 else np.full(b, np.nan),
        }
        if codes is not None:
            stats["theil_between_share"] = _between_share(
                x, codes, n_groups, mu, total, stats["theil"]
            )
    return stats


#: Unit and description of each indicator of :func:`inequality_summary`.
INDICATORS: dict[str, tuple[str, str]] = {
    "gini": ("index 0-1", "Gini coefficient of scale"),
    "theil": ("index 0-ln(n)", "Theil T index of scale"),
    "theil_between_share": ("fraction", "share of Theil T between groups"),
    "top10_share": ("fraction", "share of funding held by the largest 10%"),
    "palma": ("ratio", "Palma ratio: top 10% over bottom 40%"),
    "cv": ("ratio", "coefficient of variation of scale (SD / mean)"),
    "sd_log10": ("orders of magnitude", "standard deviation of log10(scale)"),
}


def _replicates(x, codes, n_groups, names, n_boot: int, seed: int) -> np.ndarray:
    """Bootstrap replicates (n_boot x indicators) of :func:`inequality_stats`."""
    rng = np.random.default_rng(seed)
    reps: list[np.ndarray] = []
    for idx in bootstrap.blocks(rng, x.size, int(n_boot)):
        stats = inequality_stats(x[idx], None if codes is None else codes[idx], n_groups)
        reps.append(np.column_stack([stats[k] for k in names]))
    boot = np.vstack(reps)
    boot[~np.isfinite(boot)] = np.nan
    return boot


def inequality_summary(
    values: Any,
    groups: Any = None,
    *,
    n_boot: int,
    seed: int,
    ci: float = 0.95,
    small_sample: bool = False,
    ci_method: Literal["percentile", "basic"] = "percentile",
) -> pd.DataFrame:
    """Inequality of scale with bootstrap confidence intervals.

    Parameters
    ----------
    values : array-like
        Scale per organisation (e.g. total funding, 万元); 1-D, finite, >= 0, not all zero.
    groups : array-like, optional
        One label per organisation; adds the between-group share of the Theil index.
    n_boot : int
        Bootstrap replicates (0 = no intervals). Resampling is of organisations, with
        replacement, in vectorised blocks of replicates.
    seed : int
        Seed of the bootstrap's random generator.
    ci : float
        Confidence level, e.g. 0.95.
    small_sample : bool
        Apply :math:`n/(n-1)` to the Gini coefficient (see :func:`gini`).
    ci_method : {"percentile", "basic"}
        ``percentile``: the :math:`\\alpha/2` and :math:`1-\\alpha/2` quantiles of the
        replicates [ET93]_ (ch. 13); ``basic``: :math:`2\\hat\\theta - q_{1-\\alpha/2}`,
        :math:`2\\hat\\theta - q_{\\alpha/2}`, an interval centred on the bias-corrected
        estimate (Davison & Hinkley 1997, ch. 5).

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per indicator: ``indicator`` (``gini``, ``theil``,
        ``theil_between_share`` when grouped, ``top10_share``, ``palma``, ``cv``,
        ``sd_log10``), ``estimate``, ``ci_low``, ``ci_high``, ``bias`` (mean of the
        replicates minus the estimate, the bootstrap estimate of bias),
        ``estimate_bias_corrected`` (estimate - bias), ``unit``, ``description``, ``n``,
        ``n_boot``, ``ci_method``. Formulas as in :func:`gini`, :func:`theil`, :func:`top_share`,
        :func:`palma_ratio`; ``cv`` = SD/mean (ddof 1); ``sd_log10`` = SD of
        :math:`\\log_{10} x` (orders of magnitude; zeros excluded).

    Notes
    -----
    Check ``bias`` before quoting an interval. With heavy-tailed scale and a few dozen
    organisations per group, the plug-in between-group Theil share is biased upwards (noisy
    group means look like between-group differences); resampling adds the same bias again, so
    the percentile interval can lie entirely above the estimate. Then report
    ``estimate_bias_corrected`` with the ``basic`` interval, or pool groups. The iid bootstrap
    ignores any clustering of organisations within groups.

    References
    ----------
    Cowell (2011) [C11]_; Theil (1967) [T67]_; Cobham & Sumner (2013) [CS13]_; bootstrap,
    Efron & Tibshirani (1993) [ET93]_; Davison, A. C. & Hinkley, D. V. (1997). *Bootstrap
    Methods and their Application*. Cambridge University Press.
    """
    x = values_1d(values)
    positive_total(x, "values", "inequality summary")
    bootstrap.check_ci(n_boot, ci)
    if ci_method not in ("percentile", "basic"):
        raise ValueError(f"ci_method: expected 'percentile' or 'basic', got {ci_method!r}")
    codes, n_groups = None, 0
    if groups is not None:
        codes, labels = group_codes(groups, x.size)
        n_groups = labels.size
    point = {k: float(v[0]) for k, v in inequality_stats(x[None, :], codes, n_groups).items()}
    factor = x.size / (x.size - 1) if small_sample and x.size > 1 else 1.0
    point["gini"] *= factor
    names = list(point)
    estimate = np.array([point[k] for k in names])
    low = high = bias = np.full(len(names), np.nan)
    if n_boot > 0:
        boot = _replicates(x, codes, n_groups, names, n_boot, seed)
        boot[:, names.index("gini")] *= factor
        low, high = bootstrap.quantile_ci(boot, ci)
        if ci_method == "basic":
            low, high = 2.0 * estimate - high, 2.0 * estimate - low
        bias = np.nanmean(boot, axis=0) - estimate
    return pd.DataFrame(
        {
            "indicator": names,
            "estimate": estimate,
            "ci_low": low,
            "ci_high": high,
            "bias": bias,
            "estimate_bias_corrected": estimate - bias,
            "unit": [INDICATORS[k][0] for k in names],
            "description": [INDICATORS[k][1] for k in names],
            "n": x.size,
            "n_boot": int(n_boot),
            "ci_method": ci_method,
        }
    )
