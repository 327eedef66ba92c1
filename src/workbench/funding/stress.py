"""The stress test: cut government funding, count organisations below a viability threshold.

A mechanical what-if: no organisation adapts, and diversification assumes market sources absorb
the money moved to them at no cost.

References
----------
.. [TC91] Tuckman, H. P. & Chang, C. F. (1991). A methodology for measuring the financial
   vulnerability of charitable nonprofit organizations. *Nonprofit and Voluntary Sector
   Quarterly* 20(4), 445-460.
.. [CS09] Carroll, D. A. & Stater, K. J. (2009). Revenue diversification in nonprofit
   organizations: does it lead to financial stability? *Journal of Public Administration
   Research and Theory* 19(4), 947-966.
.. [K93] Kingma, B. R. (1993). Portfolio theory and nonprofit financial stability. *Nonprofit
   and Voluntary Sector Quarterly* 22(2), 105-119.
.. [T02] Trussel, J. M. (2002). Revisiting the prediction of financial vulnerability.
   *Nonprofit Management and Leadership* 13(1), 17-31.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from workbench.funding.arrays import amounts, check_sources, sorted_codes
from workbench.funding.schema import DEFAULT_SOURCES, GOVERNMENT_SOURCE, MARKET_SOURCES


def diversify(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    fraction: float = 0.2,
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Move a fraction of each organisation's government funding to market sources.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table.
    sources : sequence of str
        Funding-source columns.
    fraction : float
        Fraction y in [0, 1] of government funding moved.
    government_source, market_sources
        Where the money comes from and goes to (at least one market source).

    Returns
    -------
    pandas.DataFrame
        A copy with :math:`a'_{gov} = (1-y) a_{gov}` and
        :math:`a'_m = a_m + y\\, a_{gov}\\, w_m` for market sources m, where :math:`w_m` is the
        organisation's own market mix (:math:`a_m / \\sum_{M} a`) or, if it has no market
        funding, equal weights. Totals are unchanged (unit of the amounts).

    Notes
    -----
    A what-if: it assumes market sources can absorb the money at no cost, which is optimistic.

    References
    ----------
    Kingma (1993) [K93]_; Chikoto, G. L. & Neely, D. G. (2014). *Nonprofit and Voluntary Sector
    Quarterly* 43(3), 570-588.
    """
    sources = check_sources(df, sources, government_source, market_sources)
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction: expected a value in [0, 1], got {fraction}")
    if not market_sources:
        raise ValueError("market_sources: at least one market source is needed to diversify")
    arr = amounts(df, sources)
    gov = sources.index(government_source)
    market = [sources.index(s) for s in market_sources]
    moved = fraction * arr[:, gov]
    mk = arr[:, market]
    mk_total = mk.sum(axis=1, keepdims=True)
    weights = np.where(mk_total > 0, mk / np.where(mk_total > 0, mk_total, 1.0), 1.0 / len(market))
    out = df.copy()
    out[government_source] = arr[:, gov] - moved
    out[list(market_sources)] = mk + moved[:, None] * weights
    return out


def cut_grid(cut_max: float, cut_step: float) -> np.ndarray:
    """Government-funding cuts of the stress test: 0, step, 2 step, ... up to ``cut_max``.

    Parameters
    ----------
    cut_max : float
        Largest cut, a fraction in (0, 1]; always included.
    cut_step : float
        Step between cuts, a fraction in (0, ``cut_max``].

    Returns
    -------
    numpy.ndarray
        Increasing fractions from 0 to ``cut_max`` inclusive (rounded to 10 decimals, so 0.05
        steps give 0.15, not 0.15000000000000002).
    """
    if not 0.0 < cut_max <= 1.0:
        raise ValueError(f"cut_max: expected a fraction in (0, 1], got {cut_max}")
    if not 0.0 < cut_step <= cut_max:
        raise ValueError(
            f"cut_step: expected a fraction in (0, cut_max = {cut_max}], got {cut_step}"
        )
    n_steps = int(np.floor(cut_max / cut_step + 1e-9))
    grid = np.round(np.arange(n_steps + 1, dtype=float) * cut_step, 10)
    if cut_max - grid[-1] > 1e-9:
        grid = np.append(grid, round(cut_max, 10))
    return grid


def _check_scenarios(cuts, diversification, threshold, threshold_kind, market_sources):
    cuts_a = np.asarray(cuts, dtype=float).ravel()
    div_a = np.asarray(diversification, dtype=float).ravel()
    for name, arr in (("cuts", cuts_a), ("diversification", div_a)):
        if arr.size == 0 or not np.isfinite(arr).all() or (arr < 0).any() or (arr > 1).any():
            raise ValueError(f"{name}: expected one or more fractions in [0, 1], got {arr}")
    if threshold_kind not in ("relative", "absolute"):
        raise ValueError(f"threshold_kind: expected 'relative' or 'absolute', got {threshold_kind}")
    if threshold_kind == "relative" and not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold: a relative threshold must be in (0, 1], got {threshold}")
    if threshold_kind == "absolute" and threshold < 0:
        raise ValueError(f"threshold: an absolute threshold must be >= 0, got {threshold}")
    if div_a.max() > 0 and market_sources is not None and not market_sources:
        raise ValueError("market_sources: at least one market source is needed to diversify")
    return cuts_a, div_a


def _floor(total: np.ndarray, threshold: float, threshold_kind: str) -> np.ndarray:
    """Each organisation's viability floor: theta T_i (relative) or theta (absolute)."""
    return threshold * total if threshold_kind == "relative" else np.full_like(total, threshold)


def _below(total: np.ndarray, gov_amt: np.ndarray, floor: np.ndarray, x: float, y: float):
    """Organisations below their floor after moving y of government funding, then cutting x."""
    return total - x * (1.0 - y) * gov_amt < floor


def share_below(
    total: np.ndarray,
    government: np.ndarray,
    *,
    cuts: Sequence[float],
    diversification: Sequence[float],
    threshold: float,
    threshold_kind: Literal["relative", "absolute"],
) -> np.ndarray:
    """Share of organisations below the threshold, from the amounts alone (no table).

    The overall ``share_below`` of :func:`stress_test`, computed from two arrays, so a scenario
    explorer can recompute it for any cut, diversification and threshold without the data file.

    Parameters
    ----------
    total : numpy.ndarray
        Each organisation's baseline total funding (unit of the amounts), shape (n,).
    government : numpy.ndarray
        Each organisation's government funding (same unit), shape (n,), at most ``total``.
    cuts, diversification, threshold, threshold_kind
        As in :func:`stress_test` (a diversification above 0 assumes market sources to move the
        money to; the caller checks there are some).

    Returns
    -------
    numpy.ndarray
        Shape (len(diversification), len(cuts)): the fraction of organisations with
        :math:`T_i - x (1 - y) a_{i,gov}` below the floor, for each y (row) and x (column).
    """
    total = np.asarray(total, dtype=float)
    government = np.asarray(government, dtype=float)
    if total.ndim != 1 or total.shape != government.shape or total.size == 0:
        raise ValueError(
            f"total and government: expected two 1-D arrays of the same length, got shapes "
            f"{total.shape} and {government.shape}"
        )
    cuts_a, div_a = _check_scenarios(
        cuts, diversification, threshold, threshold_kind, market_sources=None
    )
    floor = _floor(total, threshold, threshold_kind)
    return np.array(
        [[_below(total, government, floor, x, y).mean() for x in cuts_a] for y in div_a]
    )


def _group_codes(df: pd.DataFrame, group_column: str | None, n: int):
    """Codes 0 = all, 1.. = each group (sorted), and the labels ``["all", ...]``."""
    if group_column is None:
        return np.zeros(n, dtype=np.intp), ["all"]
    if group_column not in df.columns:
        raise ValueError(f"group_column: {group_column!r} is not a column of the data")
    codes, labels = sorted_codes(df[group_column])
    return codes + 1, ["all"] + [str(v) for v in labels]


def stress_test(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    cuts: Sequence[float],
    diversification: Sequence[float],
    threshold: float,
    threshold_kind: Literal["relative", "absolute"],
    group_column: str | None = None,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Cut government funding by x and count organisations falling below a viability threshold.

    For each diversification level y (fraction of government funding first moved to market
    sources, see :func:`diversify`) and each cut x (fraction of the remaining government funding
    withdrawn), each organisation's total becomes

    .. math:: T_i' = T_i - x (1 - y) a_{i,gov}

    and it is counted as below the threshold when

    - ``threshold_kind="relative"``: :math:`T_i' < \\theta T_i`, i.e. it lost more than
      :math:`1-\\theta` of its own baseline budget (:math:`\\theta = 0.8`: a loss of more than
      20%); equivalently :math:`x (1-y) g_i > 1 - \\theta` with :math:`g_i` the government
      share - only the funding mix matters, not scale;
    - ``threshold_kind="absolute"``: :math:`T_i' < \\theta` in the unit of the amounts (e.g. 万元),
      a minimum viable budget - here small organisations fall first, and some may be below the
      threshold before any cut (``n_below_baseline``).

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations table.
    sources : sequence of str
        Funding-source columns.
    cuts : sequence of float
        Cuts x in [0, 1] (fractions of government funding), e.g. :func:`cut_grid`.
    diversification : sequence of float
        Diversification levels y in [0, 1].
    threshold : float
        :math:`\\theta`: a fraction of the baseline in (0, 1] (relative) or an amount >= 0
        (absolute, unit of the amounts).
    threshold_kind : {"relative", "absolute"}
        How to read ``threshold``.
    group_column : str, optional
        If given, one row per group as well as the overall ``"all"`` row per scenario.
    government_source, market_sources
        As in :func:`diversify`.

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per (diversification, cut[, group]): ``diversification``, ``cut``,
        ``group`` (``"all"`` unless grouped), ``n_organisations``, ``n_below``,
        ``share_below`` (fraction of organisations), ``n_below_baseline`` (below before any
        cut), ``n_newly_below``, ``funding_lost`` (unit of the amounts), ``funding_after_share``
        (fraction of baseline funding left), ``threshold``, ``threshold_kind``.

    References
    ----------
    Tuckman & Chang (1991) [TC91]_ (concentration as vulnerability to a revenue shock); Carroll
    & Stater (2009) [CS09]_. A 20% loss follows the 20% revenue declines used to define financial
    vulnerability (Trussel 2002 [T02]_); it is an assumption: set your own.
    """
    sources = check_sources(df, sources, government_source, market_sources)
    cuts_a, div_a = _check_scenarios(
        cuts, diversification, threshold, threshold_kind, market_sources
    )
    arr = amounts(df, sources)
    total = arr.sum(axis=1)
    gov_amt = arr[:, sources.index(government_source)]
    floor = _floor(total, threshold, threshold_kind)
    codes, labels = _group_codes(df, group_column, total.size)

    def per_group(weights: np.ndarray | None) -> np.ndarray:
        out = np.bincount(codes, weights=weights, minlength=len(labels)).astype(float)
        out[0] = weights.sum() if weights is not None else total.size
        return out

    n_org, base_total, base_gov = per_group(None), per_group(total), per_group(gov_amt)
    below_base = per_group((total < floor).astype(float))
    frames = []
    for y in div_a:
        for x in cuts_a:
            below = per_group(_below(total, gov_amt, floor, x, y).astype(float))
            lost = x * (1.0 - y) * base_gov
            frames.append(
                pd.DataFrame(
                    {
                        "diversification": y,
                        "cut": x,
                        "group": labels,
                        "n_organisations": n_org.astype(int),
                        "n_below": below.astype(int),
                        "share_below": below / n_org,
                        "n_below_baseline": below_base.astype(int),
                        "n_newly_below": (below - below_base).astype(int),
                        "funding_lost": lost,
                        "funding_after_share": (base_total - lost) / base_total,
                    }
                )
            )
    out = pd.concat(frames, ignore_index=True)
    out["threshold"] = float(threshold)
    out["threshold_kind"] = threshold_kind
    return out
