"""Funding mix and revenue concentration: shares, primary source, HHI, distance between mixes.

Every share is a fraction in [0, 1]; every amount is in the unit of the input (万元 for the shipped
synthetic data). Functions take a validated organisations table
(:func:`workbench.funding.schema.validate_organisations`) and the source columns, and run
vectorised over all organisations.

References
----------
.. [TC91] Tuckman, H. P. & Chang, C. F. (1991). A methodology for measuring the financial
   vulnerability of charitable nonprofit organizations. *Nonprofit and Voluntary Sector
   Quarterly* 20(4), 445-460.
.. [CN14] Chikoto, G. L. & Neely, D. G. (2014). Building nonprofit financial capacity: the impact
   of revenue concentration and overhead costs. *Nonprofit and Voluntary Sector Quarterly*
   43(3), 570-588.
.. [ET93] Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from workbench.funding import bootstrap
from workbench.funding.arrays import amounts, check_sources, row_shares
from workbench.funding.schema import DEFAULT_SOURCES, GOVERNMENT_SOURCE, MARKET_SOURCES

#: Primary-source categories of :func:`concentration`, in code order.
CATEGORIES: tuple[str, ...] = ("government", "market", "other")


def total_funding(df: pd.DataFrame, sources: Sequence[str] = DEFAULT_SOURCES) -> pd.Series:
    """Total funding per organisation (scale), the row sum over the source columns.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table.
    sources : sequence of str
        Funding-source columns.

    Returns
    -------
    pandas.Series
        :math:`T_i = \\sum_s a_{is}`, in the unit of the amounts (e.g. 万元); index of ``df``.

    References
    ----------
    Tuckman & Chang (1991) [TC91]_ use total revenue as the scale variable.
    """
    sources = check_sources(df, sources)
    return pd.Series(amounts(df, sources).sum(axis=1), index=df.index, name="total")


def funding_shares(df: pd.DataFrame, sources: Sequence[str] = DEFAULT_SOURCES) -> pd.DataFrame:
    """Funding mix: each source's share of the organisation's total funding.

    Returns
    -------
    pandas.DataFrame
        :math:`s_{is} = a_{is} / \\sum_k a_{ik}`, fractions in [0, 1] summing to 1 per row
        (NaN for a zero total). Columns ``sources``, index of ``df``.

    References
    ----------
    Chikoto & Neely (2014) [CN14]_, revenue shares as inputs to concentration indices.
    """
    sources = check_sources(df, sources)
    return pd.DataFrame(row_shares(amounts(df, sources)), index=df.index, columns=sources)


def primary_source(df: pd.DataFrame, sources: Sequence[str] = DEFAULT_SOURCES) -> pd.Series:
    """The primary (largest) funding source of each organisation.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table.
    sources : sequence of str
        Funding-source columns. Ties go to the source listed first (so with the default order a
        tie between government and any other source counts as government).

    Returns
    -------
    pandas.Series
        Categorical (categories = ``sources``), :math:`\\arg\\max_s a_{is}`; index of ``df``.

    References
    ----------
    "首要资金来源" as counted in the Beijing blue book (2020-2021), quoted by the article; the
    share of organisations with a dominant source is a standard revenue-dependence measure
    [TC91]_.
    """
    sources = check_sources(df, sources)
    codes = amounts(df, sources).argmax(axis=1)
    cat = pd.Categorical.from_codes(codes, categories=sources)
    return pd.Series(cat, index=df.index, name="primary_source")


def hhi(amounts_or_shares: Any, normalized: bool = False) -> float | np.ndarray | pd.Series:
    """Herfindahl-Hirschman index of revenue concentration across funding sources.

    Amounts are first converted to shares of their row total, so amounts and shares give the
    same result.

    Parameters
    ----------
    amounts_or_shares : array-like
        1-D (one organisation: returns a float), 2-D array (one row per organisation: returns a
        1-D array) or DataFrame (returns a Series with its index). Values must be finite and >= 0.
    normalized : bool
        If true, rescale to [0, 1]: :math:`H^* = (H - 1/N) / (1 - 1/N)` with :math:`N` the number
        of sources (columns); NaN when :math:`N = 1`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        :math:`H = \\sum_s s_s^2`, in [1/N, 1] (unit-free; 1 = a single source). NaN for a row
        whose total is zero. Since :math:`H \\le \\max_s s_s`, an HHI above 0.5 means one source
        holds more than half of the budget.

    Examples
    --------
    >>> round(hhi([0.3, 0.7]), 4)
    0.58
    >>> round(hhi([0.95, 0.02, 0.02, 0.01], normalized=True), 4)
    0.8712

    References
    ----------
    Tuckman & Chang (1991) [TC91]_ (revenue concentration as a vulnerability indicator);
    Chikoto & Neely (2014) [CN14]_ (HHI of revenue sources).
    """
    index = amounts_or_shares.index if isinstance(amounts_or_shares, pd.DataFrame) else None
    try:
        arr = np.asarray(amounts_or_shares, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("hhi: expected numbers") from None
    if arr.ndim not in (1, 2) or arr.shape[-1] == 0:
        raise ValueError(f"hhi: expected a 1-D or 2-D array with >= 1 source, got {arr.shape}")
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ValueError("hhi: amounts or shares must be finite and >= 0")
    shares = row_shares(arr)
    h = np.einsum("...i,...i->...", shares, shares)
    if normalized:
        n_src = arr.shape[-1]
        h = (h - 1.0 / n_src) / (1.0 - 1.0 / n_src) if n_src > 1 else np.full_like(h, np.nan)
        h = np.clip(h, 0.0, 1.0)  # removes -1e-17 rounding; NaN stays NaN
    if arr.ndim == 1:
        return float(h)
    if index is not None:
        return pd.Series(h, index=index, name="hhi_normalized" if normalized else "hhi")
    return h


def effective_number_of_sources(amounts_or_shares: Any) -> float | np.ndarray | pd.Series:
    """Effective number of funding sources, the reciprocal of the HHI.

    Parameters
    ----------
    amounts_or_shares : array-like
        As for :func:`hhi`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        :math:`1/H`, in [1, N] sources (1 = a single source; N = equal shares from all N).

    References
    ----------
    Laakso, M. & Taagepera, R. (1979). "Effective" number of parties. *Comparative Political
    Studies* 12(1), 3-27; applied to revenue sources with the HHI of [CN14]_.
    """
    h = hhi(amounts_or_shares)
    if isinstance(h, pd.Series):
        return (1.0 / h).rename("effective_sources")
    return 1.0 / h


def concentration(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Per-organisation scale, funding mix and concentration indicators.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table.
    sources : sequence of str
        Funding-source columns.
    government_source : str
        The government column.
    market_sources : sequence of str
        The "market" columns (foundations, donations, service fees by default).

    Returns
    -------
    pandas.DataFrame
        Index of ``df``; ``org_id`` and ``group`` copied when present, then

        - ``total``: :math:`T_i = \\sum_s a_{is}` (unit of the amounts);
        - ``government_share``: :math:`a_{i,gov}/T_i` (fraction);
        - ``market_share``: :math:`\\sum_{s \\in M} a_{is}/T_i` (fraction);
        - ``hhi``: :math:`\\sum_s s_{is}^2`; ``hhi_normalized``: :math:`(H-1/N)/(1-1/N)`;
        - ``effective_sources``: :math:`1/H` (number of sources);
        - ``primary_source``: the largest source (ties to the first listed);
        - ``primary_category``: ``government``, ``market`` or ``other``.

    References
    ----------
    Tuckman & Chang (1991) [TC91]_; Chikoto & Neely (2014) [CN14]_.
    """
    sources = check_sources(df, sources, government_source, market_sources)
    arr = amounts(df, sources)
    shares = row_shares(arr)
    h = np.einsum("ij,ij->i", shares, shares)
    n_src = len(sources)
    gov = sources.index(government_source)
    market = [sources.index(s) for s in market_sources]
    primary = arr.argmax(axis=1)
    category_code = np.where(primary == gov, 0, np.where(np.isin(primary, market), 1, 2))
    out = pd.DataFrame(index=df.index)
    for col in ("org_id", "group"):
        if col in df.columns:
            out[col] = df[col].to_numpy()
    out["total"] = arr.sum(axis=1)
    out["government_share"] = shares[:, gov]
    out["market_share"] = shares[:, market].sum(axis=1) if market else 0.0
    out["hhi"] = h
    out["hhi_normalized"] = (
        np.clip((h - 1.0 / n_src) / (1.0 - 1.0 / n_src), 0.0, 1.0) if n_src > 1 else np.nan
    )
    out["effective_sources"] = 1.0 / h
    out["primary_source"] = pd.Categorical.from_codes(primary, categories=sources)
    out["primary_category"] = pd.Categorical.from_codes(category_code, categories=CATEGORIES)
    return out


def primary_source_shares(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
    n_boot: int,
    seed: int,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Share of organisations whose primary source is each source, with bootstrap CIs.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table.
    sources : sequence of str
        Funding-source columns.
    government_source, market_sources
        Define the ``government`` and ``market`` aggregate rows.
    n_boot : int
        Bootstrap replicates (0 = no intervals).
    seed : int
        Seed of the bootstrap's random generator.
    ci : float
        Confidence level of the percentile interval, e.g. 0.95.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``category`` (each source, then the aggregates ``primary_government``,
        ``primary_market`` - any market source - and ``primary_other`` - any remaining source),
        ``kind`` (``source``/``aggregate``), ``n_primary`` (organisations),
        ``share`` (fraction of organisations), ``ci_low``, ``ci_high``, ``n_organisations``.

    Notes
    -----
    :math:`\\hat p_c = n_c / n`. Resampling organisations with replacement and recounting is
    exactly a multinomial draw with the observed proportions, so replicates are drawn as
    ``Generator.multinomial(n, p, size=n_boot)`` (vectorised, seeded); intervals are percentile
    intervals [ET93]_. A category with no organisations gets the degenerate interval [0, 0].

    This is a share of ORGANISATIONS ("~95% primarily government-funded"), not of money; see
    :func:`workbench.funding.summaries.summary_by_group` for money-weighted government shares.

    References
    ----------
    Tuckman & Chang (1991) [TC91]_; Efron & Tibshirani (1993) [ET93]_.
    """
    sources = check_sources(df, sources, government_source, market_sources)
    bootstrap.check_ci(n_boot, ci)
    primary = amounts(df, sources).argmax(axis=1)
    n = primary.size
    counts = np.bincount(primary, minlength=len(sources))
    gov = [sources.index(government_source)]
    market = [sources.index(s) for s in market_sources]
    other = [i for i in range(len(sources)) if i not in gov + market]
    groups = [[i] for i in range(len(sources))] + [gov, market, other]
    names = sources + ["primary_government", "primary_market", "primary_other"]
    agg = np.array([counts[g].sum() for g in groups], dtype=float)
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        draws = rng.multinomial(n, counts / n, size=int(n_boot)).astype(float)
        boot = np.column_stack([draws[:, g].sum(axis=1) for g in groups]) / n
        low, high = bootstrap.quantile_ci(boot, ci)
    else:
        low = high = np.full(len(names), np.nan)
    return pd.DataFrame(
        {
            "category": names,
            "kind": ["source"] * len(sources) + ["aggregate"] * 3,
            "n_primary": agg.astype(int),
            "share": agg / n,
            "ci_low": low,
            "ci_high": high,
            "n_organisations": n,
        }
    )


def mean_pairwise_distance(amounts_or_shares: Any) -> float:
    """Mean pairwise total-variation distance between organisations' funding mixes.

    Parameters
    ----------
    amounts_or_shares : array-like
        2-D (organisations x sources), amounts or shares (rows are normalised to shares).

    Returns
    -------
    float
        :math:`\\bar d = \\binom{n}{2}^{-1} \\sum_{i<j} \\tfrac12 \\sum_s |s_{is} - s_{js}|`,
        in [0, 1]: 0 = every organisation has the same mix, 1 = no two organisations share a
        source. Computed exactly in :math:`O(n \\log n)` per source with the sorted-sum identity
        :math:`\\sum_{i<j} |x_i - x_j| = \\sum_k (2k - n - 1) x_{(k)}` (Gini's mean difference).

    References
    ----------
    Yitzhaki, S. (2003). Gini's mean difference: a superior measure of variability for
    non-normal distributions. *Metron* 61(2), 285-316; Chikoto & Neely (2014) [CN14]_.
    """
    try:
        arr = np.asarray(amounts_or_shares, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("mean_pairwise_distance: expected numbers") from None
    if arr.ndim != 2 or arr.shape[0] < 2:
        raise ValueError("mean_pairwise_distance: expected a 2-D array with >= 2 rows")
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ValueError("mean_pairwise_distance: values must be finite and >= 0")
    shares = row_shares(arr)
    if np.isnan(shares).any():
        raise ValueError("mean_pairwise_distance: a row has a zero total")
    n = shares.shape[0]
    coef = 2.0 * np.arange(1, n + 1) - n - 1.0
    pair_sum = float((coef @ np.sort(shares, axis=0)).sum())
    return max(0.5 * pair_sum / (n * (n - 1) / 2.0), 0.0)
