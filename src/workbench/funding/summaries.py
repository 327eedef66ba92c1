"""Summaries by group and by scale decile, and the spread of scale beside the spread of mixes.

The article's claim "funding scale differs hugely, but sources converge" (资金规模差距悬殊，但来源
高度趋同) is read here as two dispersions side by side: of total funding (scale) and of funding
shares (mix), by the same indices where they apply.

References
----------
.. [TC91] Tuckman, H. P. & Chang, C. F. (1991). A methodology for measuring the financial
   vulnerability of charitable nonprofit organizations. *Nonprofit and Voluntary Sector
   Quarterly* 20(4), 445-460.
.. [CN14] Chikoto, G. L. & Neely, D. G. (2014). Building nonprofit financial capacity: the impact
   of revenue concentration and overhead costs. *Nonprofit and Voluntary Sector Quarterly*
   43(3), 570-588.
.. [C11] Cowell, F. A. (2011). *Measuring Inequality*, 3rd ed. Oxford University Press.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from workbench.funding.arrays import amounts, check_sources, row_shares, scale_bins, sorted_codes
from workbench.funding.inequality import gini_sorted, grouped_gini
from workbench.funding.mix import concentration, mean_pairwise_distance
from workbench.funding.schema import DEFAULT_SOURCES, GOVERNMENT_SOURCE, MARKET_SOURCES


def _summarise(
    conc: pd.DataFrame, codes: np.ndarray, labels: Sequence[Any], gov_amount: np.ndarray
) -> pd.DataFrame:
    """The columns of :func:`summary_by_group` for integer group ``codes`` 0..len(labels)-1."""
    n_groups = len(labels)
    total = conc["total"].to_numpy()
    n_g = np.bincount(codes, minlength=n_groups)
    s_g = np.bincount(codes, weights=total, minlength=n_groups)
    cat = conc["primary_category"].cat.codes.to_numpy()
    median = pd.Series(total).groupby(codes).median().reindex(range(n_groups)).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):  # empty bins give NaN rows

        def mean_of(values: np.ndarray) -> np.ndarray:
            return np.bincount(codes, weights=values, minlength=n_groups) / n_g

        return pd.DataFrame(
            {
                "n": n_g,
                "funding_total": s_g,
                "funding_share": s_g / total.sum(),
                "mean_total": s_g / n_g,
                "median_total": median,
                "gini_within": grouped_gini(total, codes, n_groups),
                "government_share_mean": mean_of(conc["government_share"].to_numpy()),
                "government_share_of_money": np.bincount(
                    codes, weights=gov_amount, minlength=n_groups
                )
                / s_g,
                "share_primary_government": mean_of((cat == 0).astype(float)),
                "share_primary_market": mean_of((cat == 1).astype(float)),
                "hhi_mean": mean_of(conc["hhi"].to_numpy()),
                "effective_sources_mean": mean_of(conc["effective_sources"].to_numpy()),
            }
        )


def summary_by_group(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    group_column: str = "group",
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Scale, funding mix and concentration by group (city, district or type).

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table.
    sources : sequence of str
        Funding-source columns.
    group_column : str
        Column holding the group label.
    government_source, market_sources
        As in :func:`workbench.funding.mix.concentration`.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted by label): ``group``, ``n``, ``funding_total``,
        ``mean_total``, ``median_total`` (unit of the amounts), ``funding_share`` (group's
        fraction of all funding), ``gini_within`` (Gini of scale inside the group),
        ``government_share_mean`` (mean over organisations of :math:`a_{gov}/T`),
        ``government_share_of_money`` (:math:`\\sum a_{gov} / \\sum T`, money-weighted),
        ``share_primary_government``, ``share_primary_market`` (fractions of organisations),
        ``hhi_mean``, ``effective_sources_mean``.

    Notes
    -----
    The organisation-weighted and money-weighted government shares answer different questions
    (cf. "95% of organisations" vs "73.1% of Beijing's 2020 spending was fiscal").

    References
    ----------
    Tuckman & Chang (1991) [TC91]_; Chikoto & Neely (2014) [CN14]_; Gini as in
    :func:`workbench.funding.inequality.gini`.
    """
    sources = check_sources(df, sources, government_source, market_sources)
    if group_column not in df.columns:
        raise ValueError(f"group_column: {group_column!r} is not a column of the data")
    conc = concentration(
        df, sources, government_source=government_source, market_sources=market_sources
    )
    codes, labels = sorted_codes(df[group_column])
    gov_amount = df[government_source].to_numpy(dtype=float)
    out = _summarise(conc, codes, labels, gov_amount)
    out.insert(0, "group", np.asarray(labels, dtype=object))
    return out


def summary_by_decile(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    n_bins: int = 10,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Funding mix and concentration by scale decile (or other quantile bins).

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table.
    sources : sequence of str
        Funding-source columns.
    n_bins : int
        Number of equal-count scale bins (10 = deciles); bin 1 holds the smallest
        organisations. Ties in scale are broken by row order, so bins have equal counts (+-1).
    government_source, market_sources
        As in :func:`workbench.funding.mix.concentration`.

    Returns
    -------
    pandas.DataFrame
        One row per bin with organisations: ``decile``, ``total_min``, ``total_max`` and the
        columns of :func:`summary_by_group` (``gini_within`` = Gini inside the bin).

    References
    ----------
    Cowell (2011) [C11]_ (quantile-group summaries); [TC91]_, [CN14]_ for the mix indicators.
    """
    sources = check_sources(df, sources, government_source, market_sources)
    conc = concentration(
        df, sources, government_source=government_source, market_sources=market_sources
    )
    total = conc["total"].to_numpy()
    codes = scale_bins(total, n_bins)
    labels = list(range(1, int(n_bins) + 1))
    out = _summarise(conc, codes, labels, df[government_source].to_numpy(dtype=float))
    lo = np.full(len(labels), np.nan)
    hi = np.full(len(labels), np.nan)
    lo_v = pd.Series(total).groupby(codes).min()
    hi_v = pd.Series(total).groupby(codes).max()
    lo[lo_v.index.to_numpy()] = lo_v.to_numpy()
    hi[hi_v.index.to_numpy()] = hi_v.to_numpy()
    out.insert(0, "total_max", hi)
    out.insert(0, "total_min", lo)
    out.insert(0, "decile", labels)
    return out[out["n"].to_numpy() > 0].reset_index(drop=True)


def mix_by_decile(
    df: pd.DataFrame, sources: Sequence[str] = DEFAULT_SOURCES, *, n_bins: int = 10
) -> pd.DataFrame:
    """Mean funding mix of the organisations in each scale decile (or other quantile bin).

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table (no zero totals).
    sources : sequence of str
        Funding-source columns.
    n_bins : int
        Number of equal-count scale bins, binned exactly as in :func:`summary_by_decile`
        (bin 1 = smallest organisations; ties broken by row order).

    Returns
    -------
    pandas.DataFrame
        Index ``decile`` (bins with organisations only), one column per source: the mean over
        the bin's organisations of :math:`a_{is}/T_i` (fractions; each row sums to 1). The
        column for the government source equals ``government_share_mean`` of
        :func:`summary_by_decile`.

    References
    ----------
    Chikoto & Neely (2014) [CN14]_ (revenue mix); Cowell (2011) [C11]_ (quantile groups).
    """
    sources = check_sources(df, sources)
    arr = amounts(df, sources)
    total = arr.sum(axis=1)
    codes = scale_bins(total, n_bins) + 1
    if (total <= 0).any():
        raise ValueError("mix_by_decile: organisations with zero total; validate the data first")
    out = pd.DataFrame(row_shares(arr), columns=sources).groupby(codes).mean()
    out.index.name = "decile"
    return out


def _scale_rows(total: np.ndarray) -> list[tuple]:
    n = total.size
    log_t = np.log10(total)
    coef = 2.0 * np.arange(1, n + 1) - n - 1.0
    pairs = n * (n - 1) / 2.0 if n > 1 else np.nan
    p10, p90 = np.quantile(total, [0.1, 0.9])
    return [
        ("cv", total.std(ddof=1) / total.mean(), "ratio", "SD / mean of total funding"),
        ("gini", float(gini_sorted(np.sort(total))), "index 0-1", "Gini of total funding"),
        ("sd_log10", log_t.std(ddof=1), "orders of magnitude", "SD of log10(total funding)"),
        (
            "p90_p10",
            p90 / p10 if p10 > 0 else np.inf,
            "ratio",
            "90th over 10th percentile of total funding",
        ),
        (
            "mean_abs_log10_ratio",
            float(coef @ np.sort(log_t)) / pairs,
            "orders of magnitude",
            "mean |log10 T_i - log10 T_j| over pairs of organisations",
        ),
    ]


def _mix_rows(arr: np.ndarray, g: np.ndarray, sources: list[str]) -> list[tuple]:
    n = g.size
    primary = np.bincount(arr.argmax(axis=1), minlength=len(sources))
    return [
        (
            "cv",
            g.std(ddof=1) / g.mean() if g.mean() > 0 else np.nan,
            "ratio",
            "SD / mean of the government share",
        ),
        (
            "gini",
            float(gini_sorted(np.sort(g))) if g.sum() > 0 else np.nan,
            "index 0-1",
            "Gini of the government share",
        ),
        ("sd", g.std(ddof=1), "fraction", "SD of the government share"),
        (
            "mean_pairwise_tv",
            mean_pairwise_distance(arr) if n > 1 else np.nan,
            "distance 0-1",
            "mean total-variation distance between two organisations' mixes",
        ),
        (
            "share_modal_primary",
            primary.max() / n,
            "fraction",
            f"share of organisations whose primary source is {sources[int(primary.argmax())]}",
        ),
    ]


def scale_vs_mix(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Scale differs, sources converge: dispersion of scale next to dispersion of funding mix.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table.
    sources : sequence of str
        Funding-source columns.
    government_source, market_sources
        As in :func:`workbench.funding.mix.concentration`.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``dimension`` (``scale`` = total funding T, ``mix`` = funding shares),
        ``metric``, ``value``, ``unit``, ``description``. Metrics:

        - same index on both dimensions, for a like-for-like reading: ``cv`` (SD/mean, ddof 1)
          and ``gini`` of T vs of the government share g;
        - scale only: ``sd_log10`` (SD of :math:`\\log_{10} T`, orders of magnitude),
          ``p90_p10`` (ratio of the 90th to the 10th percentile), ``mean_abs_log10_ratio``
          (mean over pairs of :math:`|\\log_{10} T_i - \\log_{10} T_j|`: how many orders of
          magnitude two random organisations differ by);
        - mix only: ``sd`` of g (fraction), ``mean_pairwise_tv`` (see
          :func:`workbench.funding.mix.mean_pairwise_distance`, 0-1), ``share_modal_primary``
          (fraction of organisations whose primary source is the most common primary source).

    Notes
    -----
    "Sources converge" reads as a small ``mean_pairwise_tv`` and ``share_modal_primary`` near 1
    while ``sd_log10`` of scale is large; compare ``cv``/``gini`` rows across dimensions.

    References
    ----------
    Cowell (2011) [C11]_ (dispersion indices); Yitzhaki, S. (2003). Gini's mean difference.
    *Metron* 61(2), 285-316; Chikoto & Neely (2014) [CN14]_ (revenue mix).
    """
    sources = check_sources(df, sources, government_source, market_sources)
    arr = amounts(df, sources)
    total = arr.sum(axis=1)
    if (total <= 0).any():
        raise ValueError("scale_vs_mix: organisations with zero total; validate the data first")
    g = arr[:, sources.index(government_source)] / total
    scale = [("scale", *row) for row in _scale_rows(total)]
    mix = [("mix", *row) for row in _mix_rows(arr, g, sources)]
    rows = [scale[0], mix[0], scale[1], mix[1], *scale[2:], *mix[2:]]
    return pd.DataFrame(rows, columns=["dimension", "metric", "value", "unit", "description"])
