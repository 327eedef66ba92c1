"""Governance-spending scenarios: the share of revenue at constant growth rates, and its fan.

Shanghai's grassroots-governance spending "增加了近1.5倍" over the 13th Five-Year Plan (as quoted in
the article; no level is given). If spending grows at ``g_S`` a year and revenue at ``g_R``, the
governance share of revenue relative to the base year is ``((1 + g_S) / (1 + g_R)) ** t``, which
needs no base level; a grid of growth assumptions gives a fan of such paths.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

REACH_TOL = 1e-9  # relative tolerance when testing share_ratio >= multiple


def _check_projection_inputs(base_spending: float, base_revenue: float, horizon: int) -> None:
    if not base_spending > 0:
        raise ValueError(f"base governance spending ({base_spending!r}) must be positive")
    if not base_revenue > 0:
        raise ValueError(f"base revenue ({base_revenue!r}) must be positive")
    if int(horizon) != horizon or horizon < 1:
        raise ValueError(f"horizon_years={horizon!r} must be a whole number of years >= 1")


def project_governance_share(
    base_spending: float,
    base_revenue: float,
    spending_growth: float,
    revenue_growth: float,
    horizon: int,
    base_year: int = 2020,
) -> pd.DataFrame:
    """Project governance spending against revenue at constant growth rates.

    Parameters
    ----------
    base_spending : float
        Governance spending in ``base_year`` (any positive unit; pass a share and
        ``base_revenue=1`` to work with shares directly).
    base_revenue : float
        Revenue in ``base_year``, same unit as ``base_spending``.
    spending_growth : float
        Annual nominal growth of governance spending, fraction (e.g. from
        :func:`~workbench.fiscal.growth.multiple_to_annual_growth`: 0.2011 "by", 0.0845 "to").
    revenue_growth : float
        Annual nominal revenue growth, fraction (directly, or
        :func:`~workbench.fiscal.buoyancy.revenue_growth_from_buoyancy`).
    horizon : int
        Years after ``base_year`` to project.
    base_year : int
        Calendar year of the base levels (2020, the end of the quoted increase).

    Returns
    -------
    pandas.DataFrame
        ``year, t, spending, revenue, share, share_ratio`` for ``t = 0 .. horizon``:
        ``spending = S0 (1 + g_S)**t``, ``revenue = R0 (1 + g_R)**t``, ``share = spending /
        revenue`` (fraction of revenue) and ``share_ratio = share / share_0 =
        ((1 + g_S) / (1 + g_R))**t``. The share ratio, and so the year it doubles, does not
        depend on the base levels.
    """
    _check_projection_inputs(base_spending, base_revenue, horizon)
    if not (spending_growth > -1 and revenue_growth > -1):
        raise ValueError("spending_growth and revenue_growth must be greater than -1 (-100 %)")
    t = np.arange(int(horizon) + 1)
    spending = base_spending * (1.0 + spending_growth) ** t
    revenue = base_revenue * (1.0 + revenue_growth) ** t
    share = spending / revenue
    return pd.DataFrame(
        {
            "year": base_year + t,
            "t": t,
            "spending": spending,
            "revenue": revenue,
            "share": share,
            "share_ratio": share / share[0],
        }
    )


def first_year_share_reaches(projection: pd.DataFrame, multiple: float = 2.0) -> int | None:
    """First projected year in which the governance share of revenue reaches ``multiple`` x base.

    Parameters
    ----------
    projection : pandas.DataFrame
        From :func:`project_governance_share` (``year, share_ratio``).
    multiple : float
        Target ratio of the share to its base-year value (2 = doubling), > 0.

    Returns
    -------
    int or None
        The calendar year, or ``None`` if the share does not reach the target within the
        horizon. Analytically the step count is ``ceil(ln(multiple) / ln((1 + g_S) /
        (1 + g_R)))`` when spending outgrows revenue.
    """
    if not multiple > 0:
        raise ValueError(f"multiple={multiple!r} must be positive")
    hit = projection.loc[projection["share_ratio"] >= multiple * (1 - REACH_TOL), "year"]
    return None if hit.empty else int(hit.min())


def project_governance_grid(
    base_spending: float,
    base_revenue: float,
    spending_growths: Sequence[float] | np.ndarray,
    revenue_growths: Sequence[float] | np.ndarray,
    horizon: int,
    base_year: int = 2020,
) -> pd.DataFrame:
    """Projections over a grid of spending and revenue growth rates (data for a fan chart).

    Parameters
    ----------
    base_spending, base_revenue : float
        Base-year levels (see :func:`project_governance_share`).
    spending_growths, revenue_growths : sequence of float
        Annual growth rates to combine (every pair), fractions > -1.
    horizon, base_year : int
        As in :func:`project_governance_share`.

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per (spending_growth, revenue_growth, year): ``spending_growth,
        revenue_growth, year, t, share, share_ratio``. Computed by numpy broadcasting.
    """
    _check_projection_inputs(base_spending, base_revenue, horizon)
    gs = np.atleast_1d(np.asarray(spending_growths, dtype=float))
    gr = np.atleast_1d(np.asarray(revenue_growths, dtype=float))
    if gs.size == 0 or gr.size == 0:
        raise ValueError("spending_growths and revenue_growths must each hold at least one value")
    if np.any(~(gs > -1)) or np.any(~(gr > -1)):
        raise ValueError("every growth rate in the grid must be greater than -1 (-100 %)")
    t = np.arange(int(horizon) + 1)
    s3, r3, t3 = np.meshgrid(gs, gr, t, indexing="ij")
    ratio = ((1.0 + s3) / (1.0 + r3)) ** t3
    share0 = base_spending / base_revenue
    return pd.DataFrame(
        {
            "spending_growth": s3.ravel(),
            "revenue_growth": r3.ravel(),
            "year": base_year + t3.ravel(),
            "t": t3.ravel(),
            "share": share0 * ratio.ravel(),
            "share_ratio": ratio.ravel(),
        }
    )


def grid_first_years(grid: pd.DataFrame, multiple: float = 2.0) -> pd.DataFrame:
    """For each scenario of a grid, the first year the share reaches ``multiple`` x base.

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`project_governance_grid`.
    multiple : float
        Target ratio (2 = doubling).

    Returns
    -------
    pandas.DataFrame
        ``spending_growth, revenue_growth, first_year, years_to_reach`` (nullable Int64; <NA>
        = not reached within the horizon).
    """
    if not multiple > 0:
        raise ValueError(f"multiple={multiple!r} must be positive")
    keys = ["spending_growth", "revenue_growth"]
    scenarios = grid[keys].drop_duplicates()
    hit = grid[grid["share_ratio"] >= multiple * (1 - REACH_TOL)]
    first = hit.groupby(keys, as_index=False).agg(
        first_year=("year", "min"), years_to_reach=("t", "min")
    )
    result = scenarios.merge(first, on=keys, how="left")
    result["first_year"] = result["first_year"].astype("Int64")
    result["years_to_reach"] = result["years_to_reach"].astype("Int64")
    return result.reset_index(drop=True)


def grid_fan(
    grid: pd.DataFrame, quantiles: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0)
) -> pd.DataFrame:
    """Quantiles of the projected share ratio across scenarios, year by year (a fan chart).

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`project_governance_grid` (``year, share_ratio`` per scenario).
    quantiles : sequence of float
        Quantiles in [0, 1] (0 and 1 are the lowest and highest scenario).

    Returns
    -------
    pandas.DataFrame
        ``year`` and one column ``q<percent>`` per quantile (``q0, q25, q50, q75, q100`` by
        default) of ``share_ratio`` over the scenarios of that year. The quantiles describe the
        spread of the ASSUMPTIONS in the grid (every pair weighted equally), not a probability:
        ``q25``-``q75`` is the middle half of the grid.
    """
    q = [float(x) for x in quantiles]
    if not q or any(not 0 <= x <= 1 for x in q):
        raise ValueError(f"quantiles={list(quantiles)!r} must be numbers between 0 and 1")
    by_year = grid.groupby("year")["share_ratio"]
    result = pd.DataFrame({f"q{round(100 * x):g}": by_year.quantile(x) for x in q})
    return result.reset_index()
