"""Fiscal gap and self-sufficiency: national, Beijing and Shanghai, and provincial expenditure.

The fiscal gap is expenditure minus own revenue (positive when spending exceeds revenue); it is
financed by transfers, government funds, carry-overs and borrowing. Self-sufficiency (财政自给率)
is own revenue over expenditure, a standard indicator of fiscal autonomy. Amounts are in the
input's unit (亿元 in the shipped data); ratios are fractions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.fiscal.growth import ArrayOrFloat, cagr, cumulative_growth, out
from workbench.fiscal.schema import (
    LOCAL_EXPENDITURE,
    LOCAL_REVENUE,
    PANEL_NATIONAL,
    PANEL_TOTAL,
    check_local,
    check_panel,
    provincial_revenue,
)


def fiscal_gap(revenue: ArrayOrFloat, expenditure: ArrayOrFloat) -> ArrayOrFloat:
    """Fiscal gap: expenditure minus own revenue (positive = spending exceeds revenue).

    Parameters
    ----------
    revenue, expenditure : float, array-like or Series
        General public budget revenue and expenditure in the same unit (e.g. 亿元), aligned.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        ``expenditure - revenue`` in the input unit (national 2021: 246,321.5 - 202,538.88 =
        43,782.62 亿元).
    """
    if isinstance(revenue, pd.Series) or isinstance(expenditure, pd.Series):
        return expenditure - revenue
    return out(np.asarray(expenditure, dtype=float) - np.asarray(revenue, dtype=float))


def self_sufficiency(revenue: ArrayOrFloat, expenditure: ArrayOrFloat) -> ArrayOrFloat:
    """Fiscal self-sufficiency ratio: own revenue over expenditure.

    Parameters
    ----------
    revenue, expenditure : float, array-like or Series
        Same unit, aligned; expenditure must be positive.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        ``revenue / expenditure`` as a fraction (1 = spending fully covered by own revenue).
    """
    e = np.asarray(expenditure, dtype=float)
    if np.any(e[~np.isnan(e)] <= 0):
        raise ValueError("expenditure must be positive to compute self-sufficiency")
    if isinstance(revenue, pd.Series) or isinstance(expenditure, pd.Series):
        return revenue / expenditure
    return out(np.asarray(revenue, dtype=float) / e)


def funding_share(part: ArrayOrFloat, total: ArrayOrFloat) -> ArrayOrFloat:
    """Share of a total that comes from one source (e.g. fiscal money in total spending).

    Parameters
    ----------
    part, total : float or array-like
        Same unit; ``0 <= part <= total`` and ``total > 0``.

    Returns
    -------
    float or numpy.ndarray
        ``part / total`` as a fraction. Article F7 (as quoted, not verified): Beijing 2020
        social-construction and civil-affairs spending 171.28 亿元, of which fiscal 125.26 亿元:
        0.731. This is a share of MONEY; "95 % of organisations mainly government-funded" is a
        share of ORGANISATIONS, a different base.
    """
    p = np.asarray(part, dtype=float)
    t = np.asarray(total, dtype=float)
    if np.any(~(t > 0)):
        raise ValueError(f"total={total!r} must be positive")
    if np.any(p < 0) or np.any(p > t * (1 + 1e-12)):
        raise ValueError(f"part={part!r} must lie between 0 and total={total!r}")
    return out(p / t)


def fiscal_balance(
    df: pd.DataFrame, revenue_col: str = "revenue", expenditure_col: str = "expenditure"
) -> pd.DataFrame:
    """Add ``fiscal_gap`` and ``self_sufficiency`` columns to a table of aligned series.

    Parameters
    ----------
    df : pandas.DataFrame
        Rows already aligned (same year/region per row), revenue and expenditure in one unit.
    revenue_col, expenditure_col : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        A copy with ``fiscal_gap = expenditure - revenue`` (input unit) and
        ``self_sufficiency = revenue / expenditure`` (fraction); NaN where either is missing.
    """
    for col in (revenue_col, expenditure_col):
        if col not in df.columns:
            raise ValueError(f"column {col!r} is missing; found: {', '.join(map(str, df.columns))}")
    result = df.copy()
    rev = pd.to_numeric(result[revenue_col], errors="coerce")
    exp = pd.to_numeric(result[expenditure_col], errors="coerce")
    result["fiscal_gap"] = fiscal_gap(rev, exp)
    result["self_sufficiency"] = self_sufficiency(rev, exp)
    return result


def local_levels(
    local: pd.DataFrame, region: str, expenditure_source: str = "yearbook"
) -> pd.DataFrame:
    """Revenue and expenditure of one city from the local reference table.

    Parameters
    ----------
    local : pandas.DataFrame
        ``data/reference/local_fiscal_beijing_shanghai.csv`` (long: indicator, region, year,
        value), checked by :func:`workbench.fiscal.schema.check_local`. Revenue rows are
        ``general_public_budget_revenue`` (outturns; plans and growth-only rows are not used).
    region : str
        ``"Beijing"`` or ``"Shanghai"`` (as in the ``region`` column).
    expenditure_source : {"yearbook", "report", "report_then_yearbook"}
        ``"yearbook"``: final accounts from the China Statistical Yearbook (secondary copy),
        2016-2021, one consistent series. ``"report"``: budget-execution reports (few years).
        ``"report_then_yearbook"``: report where available, else yearbook.

    Returns
    -------
    pandas.DataFrame
        ``year, revenue, expenditure, expenditure_source`` (亿元), one row per year with any
        value; NaN where not available.
    """
    allowed = (*LOCAL_EXPENDITURE, "report_then_yearbook")
    if expenditure_source not in allowed:
        raise ValueError(f"expenditure_source={expenditure_source!r}; expected one of {allowed}")
    regions = sorted(local["region"].dropna().unique().tolist())
    if region not in regions:
        raise ValueError(f"region {region!r} not in the local table; available: {regions}")
    d = local[local["region"] == region]
    d = d.assign(
        year=pd.to_numeric(d["year"]).astype(int), value=pd.to_numeric(d["value"], errors="coerce")
    )

    def series(indicator: str) -> pd.Series:
        return d[d["indicator"] == indicator].groupby("year")["value"].first()

    rev, rep, ybk = (series(i) for i in (LOCAL_REVENUE, *LOCAL_EXPENDITURE.values()))
    if expenditure_source == "report":
        exp, src = rep, pd.Series("report", index=rep.index)
    elif expenditure_source == "yearbook":
        exp, src = ybk, pd.Series("yearbook", index=ybk.index)
    else:
        exp = rep.combine_first(ybk)
        src = pd.Series(np.where(exp.index.isin(rep.index), "report", "yearbook"), index=exp.index)
    years = sorted(set(rev.index) | set(exp.index))
    out = pd.DataFrame({"year": [int(y) for y in years]})
    out["revenue"] = rev.reindex(years).to_numpy(dtype=float)
    out["expenditure"] = exp.reindex(years).to_numpy(dtype=float)
    out["expenditure_source"] = src.reindex(years).to_numpy()
    return out


def build_local_series(
    local: pd.DataFrame, region: str, expenditure_source: str = "yearbook"
) -> pd.DataFrame:
    """Revenue, expenditure, gap and self-sufficiency for one city from the local reference table.

    Parameters
    ----------
    local, region, expenditure_source
        See :func:`local_levels`; the table is checked first
        (:func:`workbench.fiscal.schema.check_local`: conflicting values are a DataError).

    Returns
    -------
    pandas.DataFrame
        ``year, revenue, expenditure, expenditure_source, fiscal_gap, self_sufficiency`` (亿元
        and fraction), one row per year with any value; NaN where not available.

    Notes
    -----
    Beijing 2021 differs by source: 6,862.7 (report reprint, "+1.3 %") vs 7,205.12 (yearbook).
    The stated +1.3 % fits the yearbook (7,116.18 x 1.013 = 7,208.7), not 6,862.7.
    """
    check_local(local)
    return fiscal_balance(local_levels(local, region, expenditure_source))


def provincial_fiscal_panel(
    panel: pd.DataFrame,
    revenue: pd.DataFrame | None = None,
    *,
    item: str = PANEL_TOTAL,
    include_national: bool = False,
) -> pd.DataFrame:
    """Provincial expenditure, with gap and self-sufficiency where revenue is supplied.

    Parameters
    ----------
    panel : pandas.DataFrame
        ``data/external/provincial_public_budget_expenditure_2010_2023.csv`` (long: province,
        year, item_en, value in 亿元). It holds EXPENDITURE ONLY.
    revenue : pandas.DataFrame, optional
        A provincial revenue table ``province, year, revenue`` (亿元, same province names, one
        row per province and year). Without it, ``revenue``, ``fiscal_gap`` and
        ``self_sufficiency`` are NaN: from this panel alone only expenditure levels, growth and
        composition can be analysed.
    item : str
        ``item_en`` to use as expenditure (default total general public budget expenditure).
    include_national : bool
        Keep the ``全国`` rows: SUMS OF LOCAL governments (2019-2023 only), not the national
        general public budget expenditure (which adds central own spending).

    Returns
    -------
    pandas.DataFrame
        ``province, year, expenditure, revenue, fiscal_gap, self_sufficiency``, sorted.
    """
    check_panel(panel)
    items = panel["item_en"].unique().tolist()
    if item not in items:
        raise ValueError(f"item {item!r} not in the provincial panel; available: {items}")
    d = panel[panel["item_en"] == item]
    if not include_national:
        d = d[d["province"] != PANEL_NATIONAL]
    levels = pd.DataFrame(
        {
            "province": d["province"].to_numpy(),
            "year": pd.to_numeric(d["year"]).astype(int).to_numpy(),
            "expenditure": pd.to_numeric(d["value"], errors="coerce").to_numpy(),
        }
    )
    if revenue is None:
        levels["revenue"] = np.nan
    else:
        levels = levels.merge(
            provincial_revenue(revenue), on=["province", "year"], how="left", validate="one_to_one"
        )
    return fiscal_balance(levels).sort_values(["province", "year"]).reset_index(drop=True)


def provincial_window(
    panel_years: tuple[int, int], start_year: int, end_year: int
) -> tuple[int, int]:
    """The requested window moved inside the panel's years (at least one year long)."""
    lo, hi = panel_years
    end = min(end_year, hi)
    start = min(max(start_year, lo), end - 1)
    return start, end


def provincial_expenditure_growth(
    panel_long: pd.DataFrame, start_year: int, end_year: int
) -> pd.DataFrame:
    """Expenditure growth by province between two years.

    Parameters
    ----------
    panel_long : pandas.DataFrame
        From :func:`provincial_fiscal_panel` (``province, year, expenditure``).
    start_year, end_year : int
        Period; both years must be in the panel.

    Returns
    -------
    pandas.DataFrame
        ``province, expenditure_start, expenditure_end, growth_cumulative, growth_annual``
        (亿元, fraction, fraction per year by :func:`~workbench.fiscal.growth.cagr`), sorted by
        annual growth, fastest first. Provinces missing either year are left out.
    """
    if start_year >= end_year:
        raise ValueError(f"start_year ({start_year}) must be before end_year ({end_year})")
    years = set(panel_long["year"].unique().tolist())
    for name, y in (("start_year", start_year), ("end_year", end_year)):
        if y not in years:
            raise ValueError(
                f"{name}={y} is outside the provincial panel (years {min(years)}-{max(years)})"
            )
    wide = panel_long.pivot(index="province", columns="year", values="expenditure")
    w = wide[[start_year, end_year]].dropna()
    w = w[w[start_year] > 0]
    result = pd.DataFrame(
        {
            "province": w.index,
            "expenditure_start": w[start_year].to_numpy(),
            "expenditure_end": w[end_year].to_numpy(),
        }
    )
    result["growth_cumulative"] = cumulative_growth(
        result["expenditure_start"], result["expenditure_end"]
    )
    result["growth_annual"] = cagr(
        result["expenditure_start"].to_numpy(),
        result["expenditure_end"].to_numpy(),
        end_year - start_year,
    )
    return result.sort_values("growth_annual", ascending=False).reset_index(drop=True)


def provincial_expenditure_shares(
    panel: pd.DataFrame, *, include_national: bool = False
) -> pd.DataFrame:
    """Composition of provincial expenditure: each item as a share of the total.

    Parameters
    ----------
    panel : pandas.DataFrame
        The provincial panel (long: province, year, item_en, value).
    include_national : bool
        Keep the ``全国`` (sum of local governments) rows.

    Returns
    -------
    pandas.DataFrame
        ``province, year`` and one ``share_<item>`` column per non-total item (fraction of
        total expenditure: education, science and technology, agriculture-forestry-water).
    """
    d = panel if include_national else panel[panel["province"] != PANEL_NATIONAL]
    wide = d.pivot_table(index=["province", "year"], columns="item_en", values="value")
    if PANEL_TOTAL not in wide.columns:
        raise ValueError(f"provincial panel has no {PANEL_TOTAL!r} rows")
    items = [c for c in wide.columns if c != PANEL_TOTAL]
    shares = wide[items].div(wide[PANEL_TOTAL], axis=0).add_prefix("share_")
    shares.columns.name = None
    return shares.reset_index()
