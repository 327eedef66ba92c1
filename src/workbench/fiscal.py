"""Fiscal pressure: growth arithmetic, revenue buoyancy, fiscal gaps and spending scenarios.

Pure functions behind ``notebooks/01_fiscal_pressure.ipynb``. Every rate is a **fraction**
(0.031 means 3.1 %), never a percentage; money is in whatever unit the input uses (the shipped
reference data are in 亿元, 100 million yuan).

The analysis checks the article's claim (易臻真, The Paper, 2022-04-18) that national general public
budget revenue grew 6.4 % from 2019 to 2021 (3.1 % a year) "below GDP growth (5.2 % a year)". The
revenue figure is NOMINAL; the GDP figure is REAL. :func:`growth_comparison` puts both on the same
basis, using GDP levels of one vintage only (never mixing preliminary and revised levels in one
growth rate) and the real growth rates stated by the National Bureau of Statistics (NBS).

Sections
--------
growth arithmetic
    :func:`cagr`, :func:`cumulative_growth`, :func:`annualise`, :func:`chain_growth`,
    :func:`mean_annual_growth`, :func:`multiple_to_annual_growth`, :func:`deflate_growth`,
    :func:`implicit_deflator_growth`, :func:`revenue_to_gdp`
buoyancy
    :func:`arc_buoyancy`, :func:`revenue_growth_from_buoyancy`, :func:`estimate_buoyancy`
national series
    :func:`build_national_series`, :func:`prepare_user_national_series`,
    :func:`growth_comparison`, :func:`real_growth_vintage_table`
fiscal gap and self-sufficiency
    :func:`fiscal_gap`, :func:`self_sufficiency`, :func:`funding_share`, :func:`fiscal_balance`,
    :func:`build_local_series`, :func:`provincial_fiscal_panel`,
    :func:`provincial_expenditure_growth`, :func:`provincial_expenditure_shares`
scenarios
    :func:`project_governance_share`, :func:`first_year_share_reaches`,
    :func:`project_governance_grid`, :func:`grid_first_years`, :func:`grid_fan`
validation
    :func:`validate_series`
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from workbench.errors import InputError

__all__ = [
    "NATIONAL_COLUMNS",
    "BuoyancyResult",
    "annualise",
    "arc_buoyancy",
    "build_local_series",
    "build_national_series",
    "cagr",
    "chain_growth",
    "cumulative_growth",
    "deflate_growth",
    "estimate_buoyancy",
    "first_year_share_reaches",
    "fiscal_balance",
    "fiscal_gap",
    "funding_share",
    "grid_first_years",
    "grid_fan",
    "growth_comparison",
    "implicit_deflator_growth",
    "mean_annual_growth",
    "multiple_to_annual_growth",
    "prepare_user_national_series",
    "project_governance_grid",
    "project_governance_share",
    "provincial_expenditure_growth",
    "provincial_expenditure_shares",
    "provincial_fiscal_panel",
    "real_growth_vintage_table",
    "revenue_growth_from_buoyancy",
    "revenue_to_gdp",
    "self_sufficiency",
    "validate_series",
]

ArrayOrFloat = float | np.ndarray | pd.Series

GdpBasis = Literal["real", "nominal", "both"]
GdpVintage = Literal["preliminary", "revised"]
MultipleReading = Literal["by", "to"]
BuoyancyMethod = Literal["simple", "log"]

#: Columns of the national series made by :func:`build_national_series` and
#: :func:`prepare_user_national_series`: year; revenue, expenditure and nominal GDP in 亿元;
#: real GDP growth as a fraction.
NATIONAL_COLUMNS: tuple[str, ...] = ("year", "revenue", "expenditure", "gdp", "gdp_real_growth")

# Columns of data/reference/national_fiscal_gdp_series_and_derived.csv that we use. The DERIVED_*
# columns of that file are deliberately ignored: everything derived is recomputed here.
_REF_VINTAGE_COLUMNS: dict[str, tuple[str, str]] = {
    "preliminary": ("gdp_prelim_yiyuan", "gdp_real_growth_prelim_pct"),
    "revised": ("gdp_revised_yiyuan", "gdp_real_growth_revised_pct"),
}
_REF_FISCAL_COLUMNS = ("year", "revenue_yiyuan", "expenditure_yiyuan", "revenue_growth_nominal_pct")

_SMALL_N = 20
_REACH_TOL = 1e-9  # relative tolerance when testing share_ratio >= multiple


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------


def _out(x: np.ndarray) -> Any:
    """Return a Python float for 0-d results, the array otherwise."""
    return float(x) if np.ndim(x) == 0 else x


def _choice(name: str, value: str, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise InputError(
            f"parameter {name}={value!r} is not allowed; expected one of "
            + ", ".join(repr(a) for a in allowed)
        )


def _positive_years(years: Any, name: str = "years") -> np.ndarray:
    arr = np.asarray(years, dtype=float)
    if np.any(~np.isfinite(arr)) or np.any(arr <= 0):
        raise InputError(f"parameter {name}={years!r} must be a positive number of years")
    return arr


# ----------------------------------------------------------------------------------------------
# growth arithmetic
# ----------------------------------------------------------------------------------------------


def cagr(start: ArrayOrFloat, end: ArrayOrFloat, years: ArrayOrFloat) -> float:
    """Geometric average annual growth rate (compound annual growth rate).

    Parameters
    ----------
    start, end : float or array-like
        Levels at the start and end of the period, in the same unit (e.g. 亿元). ``start`` must be
        positive, ``end`` non-negative.
    years : float or array-like
        Number of annual steps between the two levels (2019 -> 2021 is 2), positive.

    Returns
    -------
    float or numpy.ndarray
        Growth per year as a fraction: ``(end / start) ** (1 / years) - 1``.

    Raises
    ------
    InputError
        If ``start <= 0``, ``end < 0`` or ``years <= 0``.

    Notes
    -----
    Standard compound-growth formula. DESIGN.md test vector: revenue 190,390 -> 202,539 亿元 over
    2 years gives 0.0314 (3.14 % a year).

    Examples
    --------
    >>> round(cagr(190_390, 202_539, 2), 4)
    0.0314
    """
    s = np.asarray(start, dtype=float)
    e = np.asarray(end, dtype=float)
    n = _positive_years(years)
    if np.any(~(s > 0)):
        raise InputError(f"start={start!r} must be a positive level")
    if np.any(~(e >= 0)):
        raise InputError(f"end={end!r} must be a non-negative level")
    return _out((e / s) ** (1.0 / n) - 1.0)


def cumulative_growth(start: ArrayOrFloat, end: ArrayOrFloat) -> float:
    """Cumulative growth between two levels.

    Parameters
    ----------
    start, end : float or array-like
        Levels in the same unit; ``start`` must be positive.

    Returns
    -------
    float or numpy.ndarray
        ``end / start - 1`` as a fraction (190,390 -> 202,539: 0.0638).

    Raises
    ------
    InputError
        If ``start <= 0``.
    """
    s = np.asarray(start, dtype=float)
    if np.any(~(s > 0)):
        raise InputError(f"start={start!r} must be a positive level")
    return _out(np.asarray(end, dtype=float) / s - 1.0)


def annualise(cumulative: ArrayOrFloat, years: ArrayOrFloat) -> float:
    """Convert cumulative growth over ``years`` into a geometric average annual rate.

    Parameters
    ----------
    cumulative : float or array-like
        Cumulative growth as a fraction, greater than -1.
    years : float or array-like
        Number of annual steps, positive.

    Returns
    -------
    float or numpy.ndarray
        ``(1 + cumulative) ** (1 / years) - 1`` per year, as a fraction.
    """
    c = np.asarray(cumulative, dtype=float)
    n = _positive_years(years)
    if np.any(~(c > -1)):
        raise InputError(f"cumulative growth {cumulative!r} must be greater than -1 (-100 %)")
    return _out((1.0 + c) ** (1.0 / n) - 1.0)


def chain_growth(rates: Sequence[float] | np.ndarray | pd.Series) -> float:
    """Cumulative growth implied by a sequence of annual growth rates (chain-linking).

    Parameters
    ----------
    rates : sequence of float
        Annual growth rates as fractions, e.g. real GDP growth ``[0.023, 0.081]``.

    Returns
    -------
    float
        ``prod(1 + r_t) - 1`` as a fraction (``[0.023, 0.081]`` -> 0.1059).
    """
    r = np.asarray(rates, dtype=float)
    if r.size == 0 or np.any(~np.isfinite(r)):
        raise InputError(f"rates={list(np.atleast_1d(r))!r} must be a non-empty list of numbers")
    return float(np.prod(1.0 + r) - 1.0)


def mean_annual_growth(
    rates: Sequence[float] | np.ndarray | pd.Series,
    method: Literal["geometric", "arithmetic"] = "geometric",
) -> float:
    """Average of annual growth rates, geometric (chain) or arithmetic.

    Parameters
    ----------
    rates : sequence of float
        Annual growth rates as fractions.
    method : {"geometric", "arithmetic"}
        ``"geometric"``: ``prod(1 + r_t) ** (1 / n) - 1``, the constant rate that reproduces the
        cumulative change; this is how NBS computes its "两年平均增长" (two-year average growth).
        ``"arithmetic"``: ``mean(r_t)``, which overstates the geometric mean when rates vary.

    Returns
    -------
    float
        Average growth per year as a fraction.

    Notes
    -----
    DESIGN.md test vector: real GDP growth 2.3 % (2020, preliminary) and 8.1 % (2021) give
    0.0516 geometric and 0.0520 arithmetic; the article's "5.2 %" is either of these rounded.
    With the revised 2020 rate (2.2 %) and the preliminary 2021 rate (8.1 %) the geometric mean is
    0.0511, the "5.1 %" NBS published in January 2022.
    """
    _choice("method", method, ("geometric", "arithmetic"))
    r = np.asarray(rates, dtype=float)
    if r.size == 0 or np.any(~np.isfinite(r)):
        raise InputError(f"rates={list(np.atleast_1d(r))!r} must be a non-empty list of numbers")
    if method == "arithmetic":
        return float(r.mean())
    if np.any(r <= -1):
        raise InputError("a growth rate of -100 % or less has no geometric mean")
    return float(np.prod(1.0 + r) ** (1.0 / r.size) - 1.0)


def multiple_to_annual_growth(
    multiple: float, years: float, reading: MultipleReading = "by"
) -> float:
    """Annual growth implied by a Chinese "增加了N倍" (increased by N times) statement.

    Parameters
    ----------
    multiple : float
        The quoted N (e.g. 1.5 for "增加了近1.5倍").
    years : float
        Annual steps over which the increase happened (13th Five-Year Plan, base 2015 -> 2020: 5).
    reading : {"by", "to"}
        ``"by"`` (standard usage): ``end = (1 + N) * base``; "增加了1.5倍" means +150 %, 2.5x.
        ``"to"``: ``end = N * base``; some writers mean "increased to 1.5 times".

    Returns
    -------
    float
        Geometric growth per year as a fraction: ``factor ** (1 / years) - 1`` with
        ``factor = 1 + N`` ("by") or ``N`` ("to").

    Raises
    ------
    InputError
        If ``reading`` is not "by"/"to", ``years <= 0``, or the implied end/base factor is not
        positive.

    Notes
    -----
    DESIGN.md test vector: 1.5 over 5 years gives 0.2011 ("by") and 0.0845 ("to"). For any
    ``N > 0`` the "by" reading implies the faster growth.
    """
    _choice("multiple_reading", reading, ("by", "to"))
    n = _positive_years(years)
    m = np.asarray(multiple, dtype=float)
    factor = 1.0 + m if reading == "by" else m
    if np.any(~(factor > 0)):
        raise InputError(
            f"multiple={multiple!r} with reading {reading!r} implies a non-positive end/base ratio"
        )
    return _out(factor ** (1.0 / n) - 1.0)


def deflate_growth(nominal_growth: ArrayOrFloat, inflation: ArrayOrFloat) -> float:
    """Real growth from nominal growth and inflation over the same period.

    Parameters
    ----------
    nominal_growth : float or array-like
        Nominal growth as a fraction.
    inflation : float or array-like
        Price growth (deflator growth) over the same period, as a fraction, greater than -1.

    Returns
    -------
    float or numpy.ndarray
        ``(1 + nominal_growth) / (1 + inflation) - 1``.

    Notes
    -----
    Haughton (1998, example 1): GDP +20 %, revenue +21 %, inflation 15 % give real growth
    1.20/1.15 - 1 = 0.0435 and 1.21/1.15 - 1 = 0.0522. The exact ratio is used, not the
    approximation ``nominal - inflation`` (which would give 0.05 and 0.06).

    References
    ----------
    Haughton, J. (1998). *Estimating tax buoyancy, elasticity and stability*. EAGER/PSGE Excise
    Project, Methodological Note 1 (Harvard Institute for International Development).
    """
    p = np.asarray(inflation, dtype=float)
    if np.any(~(p > -1)):
        raise InputError(f"inflation={inflation!r} must be greater than -1 (-100 %)")
    return _out((1.0 + np.asarray(nominal_growth, dtype=float)) / (1.0 + p) - 1.0)


def implicit_deflator_growth(nominal_growth: ArrayOrFloat, real_growth: ArrayOrFloat) -> float:
    """Growth of the implicit GDP deflator from nominal and real GDP growth.

    Parameters
    ----------
    nominal_growth : float or array-like
        Growth of nominal GDP (from levels of one vintage), as a fraction.
    real_growth : float or array-like
        Real (constant-price) GDP growth over the same period, as a fraction.

    Returns
    -------
    float or numpy.ndarray
        ``(1 + nominal_growth) / (1 + real_growth) - 1``, as a fraction.
    """
    g = np.asarray(real_growth, dtype=float)
    if np.any(~(g > -1)):
        raise InputError(f"real_growth={real_growth!r} must be greater than -1 (-100 %)")
    return _out((1.0 + np.asarray(nominal_growth, dtype=float)) / (1.0 + g) - 1.0)


def revenue_to_gdp(revenue: ArrayOrFloat, gdp: ArrayOrFloat) -> ArrayOrFloat:
    """Revenue as a share of nominal GDP.

    Parameters
    ----------
    revenue, gdp : float, array-like or Series
        Nominal levels in the same unit (e.g. 亿元); GDP must be positive.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        ``revenue / gdp`` as a fraction (2021, revised GDP: 202,538.88 / 1,149,237 = 0.176);
        NaN where GDP is missing.
    """
    g = np.asarray(gdp, dtype=float)
    if np.any(g[~np.isnan(g)] <= 0):
        raise InputError("gdp must be positive to compute revenue / GDP")
    if isinstance(revenue, pd.Series) or isinstance(gdp, pd.Series):
        return revenue / gdp
    return _out(np.asarray(revenue, dtype=float) / g)


# ----------------------------------------------------------------------------------------------
# buoyancy
# ----------------------------------------------------------------------------------------------


def arc_buoyancy(
    revenue_growth: ArrayOrFloat,
    base_growth: ArrayOrFloat,
    method: BuoyancyMethod = "simple",
) -> float:
    """Arc (two-point) revenue buoyancy: revenue growth over base (GDP) growth.

    Parameters
    ----------
    revenue_growth, base_growth : float or array-like
        Growth of revenue and of its base (GDP) over the SAME period and on the SAME basis (both
        nominal or both real), as fractions. Mixing bases (nominal revenue, real GDP, as the
        article does) does not give a buoyancy.
    method : {"simple", "log"}
        ``"simple"``: ``g_R / g_Y`` (Haughton 1998's TB = %ΔRevenue / %ΔBase).
        ``"log"``: ``ln(1 + g_R) / ln(1 + g_Y)``, the arc elasticity in logs; unlike the simple
        ratio it is the same whether computed on cumulative or average annual growth.

    Returns
    -------
    float or numpy.ndarray
        Buoyancy (dimensionless). ``nan`` where base growth is zero.

    Notes
    -----
    Haughton (1998) vector: nominal GDP +20 %, revenue +21 %, inflation 15 %. On the nominal basis
    the buoyancy is 0.21 / 0.20 = 1.05 (the "naive" figure, biased towards 1); on the real basis
    (deflating both by 15 %) it is 0.0522 / 0.0435 = 1.20, which Haughton recommends. The basis
    must be stated with every buoyancy reported.

    References
    ----------
    Haughton, J. (1998). *Estimating tax buoyancy, elasticity and stability*. EAGER/PSGE Excise
    Project, Methodological Note 1.
    """
    _choice("buoyancy_method", method, ("simple", "log"))
    gr = np.asarray(revenue_growth, dtype=float)
    gy = np.asarray(base_growth, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "simple":
            out = np.where(gy == 0, np.nan, gr / np.where(gy == 0, 1.0, gy))
        else:
            if np.any(gr <= -1) or np.any(gy <= -1):
                raise InputError("log buoyancy needs growth rates greater than -1 (-100 %)")
            ly = np.log1p(gy)
            out = np.where(ly == 0, np.nan, np.log1p(gr) / np.where(ly == 0, 1.0, ly))
    return _out(out)


def revenue_growth_from_buoyancy(
    buoyancy: ArrayOrFloat, gdp_growth: ArrayOrFloat, method: BuoyancyMethod = "log"
) -> float:
    """Revenue growth implied by a buoyancy and a GDP growth rate.

    Parameters
    ----------
    buoyancy : float or array-like
        Revenue buoyancy with respect to GDP (dimensionless), e.g. a long-run estimate from
        :func:`estimate_buoyancy`.
    gdp_growth : float or array-like
        GDP growth per year as a fraction, on the same basis as the buoyancy (nominal for a
        buoyancy estimated on nominal levels).
    method : {"log", "simple"}
        ``"log"`` (default, constant elasticity ``R ∝ Y**b``, consistent with a log-log or
        error-correction estimate): ``(1 + g_Y) ** b - 1``. ``"simple"``: ``b * g_Y``, the inverse
        of :func:`arc_buoyancy` with ``method="simple"``.

    Returns
    -------
    float or numpy.ndarray
        Revenue growth per year as a fraction.
    """
    _choice("buoyancy_method", method, ("simple", "log"))
    b = np.asarray(buoyancy, dtype=float)
    g = np.asarray(gdp_growth, dtype=float)
    if method == "simple":
        return _out(b * g)
    if np.any(~(g > -1)):
        raise InputError(f"gdp_growth={gdp_growth!r} must be greater than -1 (-100 %)")
    return _out((1.0 + g) ** b - 1.0)


@dataclass(frozen=True)
class BuoyancyResult:
    """Long-run and short-run buoyancy estimates.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per estimate with columns ``term`` (long_run | short_run | adjustment), ``model``
        (static_loglog | ecm), ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``n_obs``,
        ``years``.
    note : str
        Caveats in plain words (small samples, dropped years, no error correction); empty when
        there is nothing to say.
    static_fit, ecm_fit : statsmodels results
        The underlying OLS fits, for diagnostics.
    """

    table: pd.DataFrame
    note: str
    static_fit: Any = field(repr=False, default=None)
    ecm_fit: Any = field(repr=False, default=None)


def _ols_row(
    term: str, model: str, est: float, se: float, df_resid: float, alpha: float, n: int, yrs: str
) -> dict[str, Any]:
    q = stats.t.ppf(1 - alpha / 2, df_resid) if df_resid > 0 else np.nan
    return {
        "term": term,
        "model": model,
        "estimate": est,
        "se": se,
        "ci_low": est - q * se,
        "ci_high": est + q * se,
        "n_obs": n,
        "years": yrs,
    }


def _span(years: pd.Index) -> str:
    return f"{int(years.min())}-{int(years.max())}" if len(years) else ""


def estimate_buoyancy(
    series: pd.DataFrame,
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    revenue_col: str = "revenue",
    gdp_col: str = "gdp",
    year_col: str = "year",
    alpha: float = 0.05,
    break_years: Sequence[int] = (),
    small_n: int = _SMALL_N,
) -> BuoyancyResult:
    """Long-run and short-run revenue buoyancy from annual levels (log-log and error correction).

    Two models, both by OLS (statsmodels) on natural logs of nominal levels:

    * static long run: ``ln R_t = c + β ln Y_t + e_t``;
    * error-correction model (ECM) in one-step form (Belinga et al. 2014)::

          Δln R_t = a + β_SR Δln Y_t + λ ln R_{t-1} + θ ln Y_{t-1} + e_t
                  = a + β_SR Δln Y_t + λ (ln R_{t-1} - β_LR ln Y_{t-1}) + e_t,

      with ``β_LR = -θ / λ``; its standard error is by the delta method,
      ``Var(β_LR) = g' V g`` with ``g = (θ / λ², -1 / λ)`` over ``(λ, θ)``. This is the model
      statsmodels ``UECM(endog, lags=1, exog, order=1)`` fits (checked in the tests).

    Parameters
    ----------
    series : pandas.DataFrame
        Annual data with a year column and positive revenue and GDP levels (same currency unit).
        Years need not be contiguous: differences and lags are only formed between consecutive
        calendar years, so a missing year removes itself and the next year from the ECM.
    start_year, end_year : int, optional
        Restrict the sample (inclusive). Default: all years.
    revenue_col, gdp_col, year_col : str
        Column names.
    alpha : float
        Two-sided confidence level is ``1 - alpha`` (t distribution with the residual degrees of
        freedom).
    break_years : sequence of int
        Years where GDP levels have a statistical break (e.g. economic-census benchmark revisions
        in a series of preliminary levels). Each adds a step dummy (1 from that year on) to the
        static model and an impulse dummy (1 in that year) to the ECM. An approximation: it costs
        degrees of freedom the short series cannot spare.
    small_n : int
        Below this many observations the note warns that the estimates are fragile.

    Returns
    -------
    BuoyancyResult
        ``table`` with rows long_run/static_loglog, long_run/ecm, short_run/ecm, adjustment/ecm,
        and a ``note``.

    Raises
    ------
    InputError
        Missing columns, non-positive levels, or too few observations to fit.

    Notes
    -----
    With 2012-2024 annual data there are at most 13 levels and 12 differences. Conventional OLS
    standard errors of the static regression are not valid for trending (non-stationary) series,
    and tests of cointegration have almost no power at this length: treat the intervals as
    descriptive. A short-run buoyancy near the long-run one and a λ between -1 and 0 are what a
    stable relation would look like.

    References
    ----------
    Belinga, V., Benedek, D., de Mooij, R. and Norregaard, J. (2014). *Tax Buoyancy in OECD
    Countries*. IMF Working Paper WP/14/110.
    """
    for col in (year_col, revenue_col, gdp_col):
        if col not in series.columns:
            raise InputError(
                f"column {col!r} is missing for the buoyancy estimate; found: "
                + ", ".join(map(str, series.columns))
            )
    if not 0 < alpha < 1:
        raise InputError(f"alpha={alpha!r} must be between 0 and 1")
    d = series[[year_col, revenue_col, gdp_col]].copy()
    d[year_col] = pd.to_numeric(d[year_col], errors="coerce")
    d = d.dropna(subset=[year_col])
    d[year_col] = d[year_col].astype(int)
    if start_year is not None:
        d = d[d[year_col] >= start_year]
    if end_year is not None:
        d = d[d[year_col] <= end_year]
    if d[year_col].duplicated().any():
        raise InputError(f"column {year_col!r} has duplicated years; one row per year is needed")
    for col in (revenue_col, gdp_col):
        vals = pd.to_numeric(d[col], errors="coerce")
        if (vals <= 0).any():
            bad = d.loc[vals <= 0, year_col].tolist()
            raise InputError(f"column {col!r} must be positive for logs; not so in years {bad}")
        d[col] = vals
    if d.empty:
        raise InputError("no observations in the requested years for the buoyancy estimate")
    full = d.set_index(year_col).sort_index()
    full = full.reindex(range(int(full.index.min()), int(full.index.max()) + 1))
    lr = np.log(full[revenue_col])
    ly = np.log(full[gdp_col])
    years_idx = full.index
    breaks = sorted({int(b) for b in break_years})
    notes: list[str] = []

    # --- static long run ---
    st = pd.DataFrame({"lr": lr, "ly": ly}, index=years_idx)
    for b in breaks:
        st[f"step_{b}"] = (years_idx >= b).astype(float)
    st = st.dropna()
    xs = sm.add_constant(st.drop(columns="lr"), has_constant="add")
    xs = xs.loc[:, xs.std(ddof=0).gt(0) | (xs.columns == "const")]
    if len(st) <= xs.shape[1]:
        raise InputError(
            f"only {len(st)} years with both revenue and GDP: too few for the long-run regression"
        )
    static_fit = sm.OLS(st["lr"], xs).fit()

    # --- error-correction model ---
    ecm = pd.DataFrame(
        {"dlr": lr.diff(), "dly": ly.diff(), "lr1": lr.shift(1), "ly1": ly.shift(1)},
        index=years_idx,
    )
    for b in breaks:
        ecm[f"impulse_{b}"] = (years_idx == b).astype(float)
    ecm = ecm.dropna()
    xe = sm.add_constant(ecm.drop(columns="dlr"), has_constant="add")
    xe = xe.loc[:, xe.std(ddof=0).gt(0) | (xe.columns == "const")]
    if len(ecm) <= xe.shape[1]:
        raise InputError(
            f"only {len(ecm)} consecutive-year pairs: too few for the error-correction model "
            f"({xe.shape[1]} coefficients)"
        )
    ecm_fit = sm.OLS(ecm["dlr"], xe).fit()
    lam = float(ecm_fit.params["lr1"])
    theta = float(ecm_fit.params["ly1"])
    cov = ecm_fit.cov_params().loc[["lr1", "ly1"], ["lr1", "ly1"]].to_numpy()
    grad = np.array([theta / lam**2, -1.0 / lam])
    beta_lr = -theta / lam
    se_lr = float(np.sqrt(grad @ cov @ grad))

    n_s, n_e = int(static_fit.nobs), int(ecm_fit.nobs)
    ys, ye = _span(st.index), _span(ecm.index)
    rows = [
        _ols_row(
            "long_run",
            "static_loglog",
            float(static_fit.params["ly"]),
            float(static_fit.bse["ly"]),
            static_fit.df_resid,
            alpha,
            n_s,
            ys,
        ),
        _ols_row("long_run", "ecm", beta_lr, se_lr, ecm_fit.df_resid, alpha, n_e, ye),
        _ols_row(
            "short_run",
            "ecm",
            float(ecm_fit.params["dly"]),
            float(ecm_fit.bse["dly"]),
            ecm_fit.df_resid,
            alpha,
            n_e,
            ye,
        ),
        _ols_row(
            "adjustment", "ecm", lam, float(ecm_fit.bse["lr1"]), ecm_fit.df_resid, alpha, n_e, ye
        ),
    ]
    table = pd.DataFrame(rows)

    missing = [int(y) for y in years_idx if y not in st.index]
    if missing:
        notes.append(
            f"Years without both revenue and GDP were left out: {missing}; the ECM also loses the "
            "year after each gap."
        )
    if min(n_s, n_e) < small_n:
        notes.append(
            f"Only {n_s} annual levels ({ys}) and {n_e} year-on-year changes ({ye}): far fewer "
            f"than the 30+ years buoyancy studies use. Confidence intervals are wide and rest on "
            f"OLS assumptions; the static regression's standard errors are not valid for trending "
            f"series, and cointegration cannot be tested meaningfully. Treat these as descriptive."
        )
    if lam >= 0:
        notes.append(
            "The adjustment coefficient λ is not negative: no error correction is visible, so the "
            "ECM long-run buoyancy is not meaningful."
        )
    elif lam < -2:
        notes.append("λ < -2: the error correction over-shoots; the model is unstable.")
    if breaks:
        notes.append(f"Break dummies for GDP levels in {breaks} (step in levels, impulse in ECM).")
    return BuoyancyResult(table, " ".join(notes), static_fit, ecm_fit)


# ----------------------------------------------------------------------------------------------
# national series and the article's comparison
# ----------------------------------------------------------------------------------------------


def build_national_series(
    fiscal_gdp: pd.DataFrame,
    gdp_vintage: GdpVintage = "revised",
    *,
    fill_revenue_from_growth: bool = False,
) -> pd.DataFrame:
    """National revenue, expenditure and GDP of ONE vintage, from the reference table.

    Parameters
    ----------
    fiscal_gdp : pandas.DataFrame
        ``data/reference/national_fiscal_gdp_series_and_derived.csv`` as read by pandas (columns
        ``year, revenue_yiyuan, revenue_growth_nominal_pct, expenditure_yiyuan,
        gdp_prelim_yiyuan, gdp_real_growth_prelim_pct, gdp_revised_yiyuan,
        gdp_real_growth_revised_pct``; its ``DERIVED_*`` columns are ignored).
    gdp_vintage : {"revised", "preliminary"}
        Which GDP levels AND real growth rates to use, never a mix:
        ``"revised"``: NBS final verification (最终核实; 2014 is the initial verification),
        available for 2012, 2014-2016 and 2019-2021 only, NaN elsewhere (2012 is still on the
        pre-2013-census base, so 2012 -> 2014 crosses a benchmark revision).
        ``"preliminary"``: each year's first release (初步核算), 2012-2024. Note that this is a
        series of first releases, not a single publication: it jumps where NBS rebased levels
        on an economic census (levels from 2014 and from 2019 on are on a higher base than the
        years before), which inflates nominal growth into 2014 and 2019.
    fill_revenue_from_growth : bool
        If True, a missing revenue level is filled as ``revenue_{t-1} * (1 + stated growth_t)``
        (2023: 203,703.48 x 1.064) and flagged in ``revenue_imputed``. Stated growth is on a
        "same basis" (同口径) and may differ slightly from the ratio of published levels.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (int), ``revenue``, ``expenditure``, ``gdp`` (亿元, nominal),
        ``gdp_real_growth`` (fraction, vs previous year), ``revenue_growth_stated`` (fraction,
        as published), ``revenue_imputed`` (bool), ``gdp_vintage`` (str); sorted by year.

    Raises
    ------
    InputError
        If a needed column is missing or ``gdp_vintage`` is unknown.
    """
    _choice("gdp_vintage", gdp_vintage, _REF_VINTAGE_COLUMNS)
    gdp_col, real_col = _REF_VINTAGE_COLUMNS[gdp_vintage]
    need = (*_REF_FISCAL_COLUMNS, gdp_col, real_col)
    absent = [c for c in need if c not in fiscal_gdp.columns]
    if absent:
        raise InputError(
            "national reference table is missing column(s) "
            + ", ".join(absent)
            + " (expected national_fiscal_gdp_series_and_derived.csv)"
        )
    src = fiscal_gdp.sort_values("year")
    out = pd.DataFrame(
        {
            "year": src["year"].astype(int).to_numpy(),
            "revenue": pd.to_numeric(src["revenue_yiyuan"], errors="coerce").to_numpy(dtype=float),
            "expenditure": pd.to_numeric(src["expenditure_yiyuan"], errors="coerce").to_numpy(
                dtype=float
            ),
            "gdp": pd.to_numeric(src[gdp_col], errors="coerce").to_numpy(dtype=float),
            "gdp_real_growth": pd.to_numeric(src[real_col], errors="coerce").to_numpy() / 100.0,
            "revenue_growth_stated": pd.to_numeric(
                src["revenue_growth_nominal_pct"], errors="coerce"
            ).to_numpy()
            / 100.0,
        }
    )
    out["revenue_imputed"] = False
    if fill_revenue_from_growth:
        # consecutive-year fills only, so chained fills propagate in order
        for i in range(1, len(out)):
            if (
                np.isnan(out.at[i, "revenue"])
                and out.at[i, "year"] == out.at[i - 1, "year"] + 1
                and not np.isnan(out.at[i - 1, "revenue"])
                and not np.isnan(out.at[i, "revenue_growth_stated"])
            ):
                out.at[i, "revenue"] = out.at[i - 1, "revenue"] * (
                    1.0 + out.at[i, "revenue_growth_stated"]
                )
                out.at[i, "revenue_imputed"] = True
    out["gdp_vintage"] = gdp_vintage
    return out


def prepare_user_national_series(
    df: pd.DataFrame,
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    source: str = "data",
) -> pd.DataFrame:
    """Validate a user's national series and put it in the :data:`NATIONAL_COLUMNS` shape.

    Parameters
    ----------
    df : pandas.DataFrame
        The user's table (one row per year) with columns ``year``, ``revenue`` and ``gdp``
        (nominal levels, one vintage, same currency unit), optionally ``expenditure`` and
        ``gdp_real_growth_pct`` (real GDP growth over the previous year, in PERCENT as statistical
        communiqués print it, e.g. 8.1).
    start_year, end_year : int, optional
        Years that must be present and complete.
    source : str
        File name used in error messages.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`NATIONAL_COLUMNS` (``gdp_real_growth`` as a fraction; NaN when the user
        gave none) plus ``gdp_vintage = "user"``.

    Raises
    ------
    InputError
        See :func:`validate_series`.
    """
    required = ["year", "revenue", "gdp"]
    optional = [c for c in ("expenditure", "gdp_real_growth_pct") if c in df.columns]
    clean = validate_series(
        df,
        required=(*required, *optional),
        start_year=start_year,
        end_year=end_year,
        source=source,
        restrict=False,
    )
    out = pd.DataFrame({"year": clean["year"], "revenue": clean["revenue"], "gdp": clean["gdp"]})
    out["expenditure"] = clean["expenditure"] if "expenditure" in clean else np.nan
    out["gdp_real_growth"] = (
        clean["gdp_real_growth_pct"] / 100.0 if "gdp_real_growth_pct" in clean else np.nan
    )
    out["gdp_vintage"] = "user"
    return out[[*NATIONAL_COLUMNS, "gdp_vintage"]].reset_index(drop=True)


def _value(national: pd.DataFrame, year: int, col: str, what: str) -> float:
    vintage = national["gdp_vintage"].iloc[0] if "gdp_vintage" in national else "given"
    row = national.loc[national["year"] == year, col]
    if row.empty or pd.isna(row.iloc[0]):
        raise InputError(
            f"{what} for {year} is not available in the {vintage!r} series (column {col!r}); "
            "choose other years or another gdp_vintage"
        )
    return float(row.iloc[0])


def _has_values(national: pd.DataFrame, years: Iterable[int], col: str) -> bool:
    """Whether ``col`` has a value for every one of ``years``."""
    if col not in national.columns:
        return False
    vals = national.set_index("year")[col].reindex(list(years))
    return bool(vals.notna().all())


_Row = tuple[str, float, str, str, str]


def _growth_rows(
    start_year: int,
    end_year: int,
    vintage: str,
    r0: float,
    r1: float,
    y0: float,
    y1: float,
    g_r: float,
    g_r_a: float,
) -> list[_Row]:
    period = f"{start_year}-{end_year}"
    vnote = f"GDP vintage: {vintage}"
    return [
        ("revenue_start", r0, "亿元", "nominal", f"{start_year}"),
        ("revenue_end", r1, "亿元", "nominal", f"{end_year}"),
        ("revenue_growth_cumulative", g_r, "fraction", "nominal", period),
        ("revenue_growth_annual", g_r_a, "fraction per year", "nominal", f"{period}, geometric"),
        ("gdp_start", y0, "亿元", "nominal", f"{start_year}; {vnote}"),
        ("gdp_end", y1, "亿元", "nominal", f"{end_year}; {vnote}"),
        ("revenue_to_gdp_start", r0 / y0, "fraction", "nominal", f"{start_year}; {vnote}"),
        ("revenue_to_gdp_end", r1 / y1, "fraction", "nominal", f"{end_year}; {vnote}"),
        ("revenue_to_gdp_change", r1 / y1 - r0 / y0, "fraction (points)", "nominal", period),
    ]


def _nominal_rows(
    start_year: int,
    end_year: int,
    vintage: str,
    g_r_a: float,
    g_yn: float,
    g_yn_a: float,
    buoyancy_method: BuoyancyMethod,
) -> list[_Row]:
    period = f"{start_year}-{end_year}"
    vnote = f"GDP vintage: {vintage}"
    return [
        ("gdp_nominal_growth_cumulative", g_yn, "fraction", "nominal", f"{period}; {vnote}"),
        ("gdp_nominal_growth_annual", g_yn_a, "fraction per year", "nominal", vnote),
        (
            "buoyancy_nominal",
            arc_buoyancy(g_r_a, g_yn_a, buoyancy_method),
            "ratio",
            "nominal",
            f"nominal revenue / nominal GDP, {buoyancy_method}",
        ),
    ]


def growth_comparison(
    national: pd.DataFrame,
    start_year: int = 2019,
    end_year: int = 2021,
    gdp_basis: GdpBasis = "both",
    buoyancy_method: BuoyancyMethod = "simple",
) -> pd.DataFrame:
    """Revenue growth against GDP growth on stated bases, for one GDP vintage.

    Parameters
    ----------
    national : pandas.DataFrame
        From :func:`build_national_series` or :func:`prepare_user_national_series` (columns
        ``year, revenue, gdp, gdp_real_growth``; optionally ``gdp_vintage``).
    start_year, end_year : int
        The comparison period; growth is over ``end_year - start_year`` annual steps.
    gdp_basis : {"both", "real", "nominal"}
        Which GDP growth to compare revenue against. ``"nominal"``: growth of nominal GDP levels
        (one vintage). ``"real"``: chain of the stated real growth rates for
        ``start_year + 1 .. end_year``, with revenue deflated by the implicit GDP deflator.
        ``"both"``: all rows.
    buoyancy_method : {"simple", "log"}
        Passed to :func:`arc_buoyancy`; buoyancies are computed on average annual growth.

    Returns
    -------
    pandas.DataFrame
        Tidy rows ``metric, value, unit, basis, note``. Metrics (fractions unless the unit says
        亿元): ``revenue_start``, ``revenue_end``, ``revenue_growth_cumulative``,
        ``revenue_growth_annual``, ``gdp_start``, ``gdp_end``, ``revenue_to_gdp_start``,
        ``revenue_to_gdp_end``, ``revenue_to_gdp_change``; nominal basis:
        ``gdp_nominal_growth_cumulative``, ``gdp_nominal_growth_annual``, ``buoyancy_nominal``;
        real basis: ``gdp_real_growth_cumulative``, ``gdp_real_growth_annual``,
        ``gdp_real_growth_annual_arithmetic``, ``gdp_deflator_growth_cumulative``,
        ``revenue_real_growth_cumulative``, ``revenue_real_growth_annual``, ``buoyancy_real``;
        always: ``buoyancy_mixed_article`` (nominal revenue over real GDP, the article's
        comparison, which is NOT a buoyancy), except with ``gdp_basis="nominal"`` on a series
        that has no real growth rates (a user's file without ``gdp_real_growth_pct``), where
        the nominal basis is computed without them.

    Raises
    ------
    InputError
        If ``start_year >= end_year`` or a level/rate is not available in the chosen vintage.

    Notes
    -----
    Formulas: cumulative growth ``X_end / X_start - 1``; annual growth
    ``(1 + cumulative) ** (1 / n) - 1``; real revenue growth
    ``(1 + g_R) / (1 + g_deflator) - 1`` (Haughton 1998). With the reference data 2019 -> 2021,
    revenue 190,400 -> 202,538.88 亿元 gives +6.4 % and 3.1 % a year, as in the article.
    """
    _choice("gdp_basis", gdp_basis, ("real", "nominal", "both"))
    if start_year >= end_year:
        raise InputError(f"start_year ({start_year}) must be before end_year ({end_year})")
    n = end_year - start_year
    vintage = str(national["gdp_vintage"].iloc[0]) if "gdp_vintage" in national else "given"
    r0 = _value(national, start_year, "revenue", "Revenue")
    r1 = _value(national, end_year, "revenue", "Revenue")
    y0 = _value(national, start_year, "gdp", "Nominal GDP level")
    y1 = _value(national, end_year, "gdp", "Nominal GDP level")
    real_years = range(start_year + 1, end_year + 1)
    if gdp_basis == "nominal" and not _has_values(national, real_years, "gdp_real_growth"):
        # the nominal basis needs no real growth; without it the mixed (article) row is left out
        real = None
    else:
        real = [_value(national, y, "gdp_real_growth", "Real GDP growth") for y in real_years]
    g_r = cumulative_growth(r0, r1)
    g_r_a = annualise(g_r, n)
    g_yn = cumulative_growth(y0, y1)
    g_yn_a = annualise(g_yn, n)
    if real is None:
        rows = _growth_rows(start_year, end_year, vintage, r0, r1, y0, y1, g_r, g_r_a)
        rows += _nominal_rows(start_year, end_year, vintage, g_r_a, g_yn, g_yn_a, buoyancy_method)
        return pd.DataFrame(rows, columns=["metric", "value", "unit", "basis", "note"])
    g_yr = chain_growth(real)
    g_yr_a = mean_annual_growth(real, "geometric")
    g_yr_arith = mean_annual_growth(real, "arithmetic")
    g_defl = implicit_deflator_growth(g_yn, g_yr)
    g_r_real = deflate_growth(g_r, g_defl)
    g_r_real_a = annualise(g_r_real, n)
    period = f"{start_year}-{end_year}"
    vnote = f"GDP vintage: {vintage}"
    rows = _growth_rows(start_year, end_year, vintage, r0, r1, y0, y1, g_r, g_r_a)
    if gdp_basis in ("nominal", "both"):
        rows += _nominal_rows(start_year, end_year, vintage, g_r_a, g_yn, g_yn_a, buoyancy_method)
    if gdp_basis in ("real", "both"):
        rows += [
            ("gdp_real_growth_cumulative", g_yr, "fraction", "real", f"{period}; {vnote}"),
            ("gdp_real_growth_annual", g_yr_a, "fraction per year", "real", "geometric (NBS)"),
            (
                "gdp_real_growth_annual_arithmetic",
                g_yr_arith,
                "fraction per year",
                "real",
                "arithmetic mean of annual rates",
            ),
            (
                "gdp_deflator_growth_cumulative",
                g_defl,
                "fraction",
                "price",
                "implicit deflator: nominal / real GDP",
            ),
            (
                "revenue_real_growth_cumulative",
                g_r_real,
                "fraction",
                "real",
                "revenue deflated by GDP deflator",
            ),
            ("revenue_real_growth_annual", g_r_real_a, "fraction per year", "real", "geometric"),
            (
                "buoyancy_real",
                arc_buoyancy(g_r_real_a, g_yr_a, buoyancy_method),
                "ratio",
                "real",
                f"real revenue / real GDP (Haughton 1998), {buoyancy_method}",
            ),
        ]
    rows.append(
        (
            "buoyancy_mixed_article",
            arc_buoyancy(g_r_a, g_yr_a, buoyancy_method),
            "ratio",
            "mixed",
            "nominal revenue / real GDP, as in the article: not a valid buoyancy",
        )
    )
    return pd.DataFrame(rows, columns=["metric", "value", "unit", "basis", "note"])


def real_growth_vintage_table(
    preliminary: pd.DataFrame,
    revised: pd.DataFrame,
    start_year: int = 2019,
    end_year: int = 2021,
) -> pd.DataFrame:
    """Average real GDP growth over a window from three combinations of NBS vintages.

    NBS publishes each year's real growth twice: a preliminary estimate (初步核算) in January and
    a final verification (最终核实) about two years later. An average over several years
    depends on which figures are combined; this table makes the choice visible.

    Parameters
    ----------
    preliminary, revised : pandas.DataFrame
        National series of the two vintages from :func:`build_national_series` (``year,
        gdp_real_growth``; growth as a fraction, NaN where that vintage has no figure).
    start_year, end_year : int
        The window; the rates averaged are those of ``start_year + 1 .. end_year``.

    Returns
    -------
    pandas.DataFrame
        One row per combination, ``combination, description, rates, revised_years,
        geometric, arithmetic, complete``:

        * ``preliminary``: every year's first release (what the article combined);
        * ``at_release``: as NBS combined them when it first published ``end_year``: final
          figures for the earlier years (where the revised vintage has them, otherwise the
          preliminary ones) and the preliminary figure for ``end_year``;
        * ``revised``: final verification for every year (NaN averages if one is missing).

        ``rates`` is a tuple of the annual rates used (fractions), ``revised_years`` the years
        taken from the revised vintage; ``geometric`` is :func:`mean_annual_growth` (how NBS
        states a "两年平均增长"), ``arithmetic`` the plain mean.

    Raises
    ------
    InputError
        If ``start_year >= end_year`` or a preliminary rate is missing in the window.

    Notes
    -----
    2019 -> 2021 with the reference data: preliminary 2.3 % and 8.1 % give 5.16 % (5.20 %
    arithmetic, the article's "5.2 %"); the revised 2.2 % with the preliminary 8.1 % give
    5.11 %, NBS's "5.1 %" of January 2022; fully revised 2.2 % and 8.4 % give 5.25 %.
    """
    if start_year >= end_year:
        raise InputError(f"start_year ({start_year}) must be before end_year ({end_year})")
    years = list(range(start_year + 1, end_year + 1))
    pre = preliminary.set_index("year")["gdp_real_growth"].reindex(years)
    rev = revised.set_index("year")["gdp_real_growth"].reindex(years)
    if pre.isna().any():
        missing = [int(y) for y in pre.index[pre.isna()]]
        raise InputError(f"preliminary real GDP growth is missing for {missing}")
    at_release = pre.copy()
    earlier = [y for y in years[:-1] if pd.notna(rev[y])]
    at_release[earlier] = rev[earlier]
    combos = [
        ("preliminary", "first release for every year", pre, []),
        (
            "at_release",
            f"final figures before {end_year}, first release for {end_year}",
            at_release,
            earlier,
        ),
        (
            "revised",
            "final verification for every year",
            rev,
            [y for y in years if pd.notna(rev[y])],
        ),
    ]
    rows = []
    for name, text, rates, revised_years in combos:
        complete = bool(rates.notna().all())
        rows.append(
            {
                "combination": name,
                "description": text,
                "rates": tuple(float(r) for r in rates),
                "revised_years": tuple(int(y) for y in revised_years),
                "geometric": mean_annual_growth(rates, "geometric") if complete else np.nan,
                "arithmetic": mean_annual_growth(rates, "arithmetic") if complete else np.nan,
                "complete": complete,
            }
        )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------------------------
# fiscal gap and self-sufficiency
# ----------------------------------------------------------------------------------------------


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
        43,782.62 亿元). Financed by transfers, funds, carry-overs and borrowing.
    """
    if isinstance(revenue, pd.Series) or isinstance(expenditure, pd.Series):
        return expenditure - revenue
    return _out(np.asarray(expenditure, dtype=float) - np.asarray(revenue, dtype=float))


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
        A standard indicator of fiscal autonomy (财政自给率).
    """
    e = np.asarray(expenditure, dtype=float)
    if np.any(e[~np.isnan(e)] <= 0):
        raise InputError("expenditure must be positive to compute self-sufficiency")
    if isinstance(revenue, pd.Series) or isinstance(expenditure, pd.Series):
        return revenue / expenditure
    return _out(np.asarray(revenue, dtype=float) / e)


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
        raise InputError(f"total={total!r} must be positive")
    if np.any(p < 0) or np.any(p > t * (1 + 1e-12)):
        raise InputError(f"part={part!r} must lie between 0 and total={total!r}")
    return _out(p / t)


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
            raise InputError(f"column {col!r} is missing; found: {', '.join(map(str, df.columns))}")
    out = df.copy()
    rev = pd.to_numeric(out[revenue_col], errors="coerce")
    exp = pd.to_numeric(out[expenditure_col], errors="coerce")
    out["fiscal_gap"] = fiscal_gap(rev, exp)
    out["self_sufficiency"] = self_sufficiency(rev, exp)
    return out


_LOCAL_EXPENDITURE = {
    "report": "general_public_budget_expenditure",
    "yearbook": "general_public_budget_expenditure_yearbook",
}


def _one_value_per_year(rows: pd.DataFrame, what: str, region: str) -> pd.Series:
    vals = rows.assign(value=pd.to_numeric(rows["value"], errors="coerce"))
    spread = vals.groupby("year")["value"].agg(lambda s: s.max() - s.min())
    conflict = spread[spread > 1e-9]
    if not conflict.empty:
        raise InputError(
            f"{region} {what}: conflicting values for year(s) {conflict.index.tolist()}"
        )
    return vals.groupby("year")["value"].first()


def build_local_series(
    local: pd.DataFrame,
    region: str,
    expenditure_source: Literal["yearbook", "report", "report_then_yearbook"] = "yearbook",
) -> pd.DataFrame:
    """Revenue, expenditure, gap and self-sufficiency for one city from the local reference table.

    Parameters
    ----------
    local : pandas.DataFrame
        ``data/reference/local_fiscal_beijing_shanghai.csv`` (long: indicator, region, year, value).
        Revenue rows are ``general_public_budget_revenue`` (outturns; plans and growth-only rows are
        not used).
    region : str
        ``"Beijing"`` or ``"Shanghai"`` (as in the ``region`` column).
    expenditure_source : {"yearbook", "report", "report_then_yearbook"}
        ``"yearbook"``: final accounts from the China Statistical Yearbook (secondary copy),
        2016-2021, one consistent series. ``"report"``: budget-execution reports (few years).
        ``"report_then_yearbook"``: report where available, else yearbook; the source of each row
        is in ``expenditure_source``.

    Returns
    -------
    pandas.DataFrame
        Columns ``year, revenue, expenditure, expenditure_source, fiscal_gap, self_sufficiency``
        (亿元 and fraction), one row per year with any value; NaN where not available.

    Notes
    -----
    Beijing 2021 differs by source: 6,862.7 (report reprint, "+1.3 %") vs 7,205.12 (yearbook).
    The stated +1.3 % fits the yearbook (7,116.18 x 1.013 = 7,208.7), not 6,862.7.
    """
    _choice("expenditure_source", expenditure_source, (*_LOCAL_EXPENDITURE, "report_then_yearbook"))
    regions = sorted(local["region"].dropna().unique().tolist())
    if region not in regions:
        raise InputError(f"region {region!r} not in the local table; available: {regions}")
    d = local[local["region"] == region].copy()
    d["year"] = pd.to_numeric(d["year"], errors="coerce").astype("Int64")
    rev = _one_value_per_year(
        d[d["indicator"] == "general_public_budget_revenue"], "revenue", region
    )
    rep = _one_value_per_year(
        d[d["indicator"] == _LOCAL_EXPENDITURE["report"]], "expenditure (report)", region
    )
    ybk = _one_value_per_year(
        d[d["indicator"] == _LOCAL_EXPENDITURE["yearbook"]], "expenditure (yearbook)", region
    )
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
    return fiscal_balance(out)


_PANEL_TOTAL = "general_public_budget_expenditure_total"
_PANEL_NATIONAL = "全国"


def provincial_fiscal_panel(
    panel: pd.DataFrame,
    revenue: pd.DataFrame | None = None,
    *,
    item: str = _PANEL_TOTAL,
    include_national: bool = False,
) -> pd.DataFrame:
    """Provincial expenditure, with gap and self-sufficiency where revenue is supplied.

    Parameters
    ----------
    panel : pandas.DataFrame
        ``data/external/provincial_public_budget_expenditure_2010_2023.csv`` (long: province,
        year, item_en, value in 亿元). It holds EXPENDITURE ONLY.
    revenue : pandas.DataFrame, optional
        A user's provincial revenue table with columns ``province, year, revenue`` (亿元, same
        province names). Without it, ``revenue``, ``fiscal_gap`` and ``self_sufficiency`` are NaN:
        from this panel alone only expenditure levels, growth and composition can be analysed.
    item : str
        ``item_en`` to use as expenditure (default the total general public budget expenditure).
    include_national : bool
        Keep the ``全国`` rows. They are the SUM OF LOCAL governments (2019-2023 only), not the
        national general public budget expenditure (which adds central own spending).

    Returns
    -------
    pandas.DataFrame
        Columns ``province, year, expenditure, revenue, fiscal_gap, self_sufficiency``, sorted.
    """
    for col in ("province", "year", "item_en", "value"):
        if col not in panel.columns:
            raise InputError(f"provincial panel is missing column {col!r}")
    items = panel["item_en"].unique().tolist()
    if item not in items:
        raise InputError(f"item {item!r} not in the provincial panel; available: {items}")
    d = panel[panel["item_en"] == item]
    if not include_national:
        d = d[d["province"] != _PANEL_NATIONAL]
    out = pd.DataFrame(
        {
            "province": d["province"].to_numpy(),
            "year": pd.to_numeric(d["year"]).astype(int).to_numpy(),
            "expenditure": pd.to_numeric(d["value"], errors="coerce").to_numpy(),
        }
    )
    if revenue is not None:
        for col in ("province", "year", "revenue"):
            if col not in revenue.columns:
                raise InputError(f"provincial revenue table is missing column {col!r}")
        rv = revenue[["province", "year", "revenue"]].copy()
        rv["year"] = pd.to_numeric(rv["year"]).astype(int)
        rv["revenue"] = pd.to_numeric(rv["revenue"], errors="coerce")
        dup = rv.duplicated(["province", "year"])
        if dup.any():
            first = rv.loc[dup].iloc[0]
            raise InputError(
                f"provincial revenue table has more than one row for {first['province']} "
                f"{first['year']}; one row per province and year is needed"
            )
        out = out.merge(rv, on=["province", "year"], how="left", validate="one_to_one")
    else:
        out["revenue"] = np.nan
    out = fiscal_balance(out)
    return out.sort_values(["province", "year"]).reset_index(drop=True)


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
        (亿元, fraction, fraction per year by :func:`cagr`), sorted by annual growth, fastest
        first. Provinces missing either year are left out.
    """
    if start_year >= end_year:
        raise InputError(f"start_year ({start_year}) must be before end_year ({end_year})")
    years = set(panel_long["year"].unique().tolist())
    for name, y in (("start_year", start_year), ("end_year", end_year)):
        if y not in years:
            raise InputError(
                f"{name}={y} is outside the provincial panel (years {min(years)}-{max(years)})"
            )
    wide = panel_long.pivot(index="province", columns="year", values="expenditure")
    w = wide[[start_year, end_year]].dropna()
    w = w[w[start_year] > 0]
    out = pd.DataFrame(
        {
            "province": w.index,
            "expenditure_start": w[start_year].to_numpy(),
            "expenditure_end": w[end_year].to_numpy(),
        }
    )
    out["growth_cumulative"] = cumulative_growth(out["expenditure_start"], out["expenditure_end"])
    out["growth_annual"] = cagr(
        out["expenditure_start"].to_numpy(),
        out["expenditure_end"].to_numpy(),
        end_year - start_year,
    )
    return out.sort_values("growth_annual", ascending=False).reset_index(drop=True)


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
        total expenditure: education, science & technology, agriculture-forestry-water).
    """
    d = panel if include_national else panel[panel["province"] != _PANEL_NATIONAL]
    wide = d.pivot_table(index=["province", "year"], columns="item_en", values="value")
    if _PANEL_TOTAL not in wide.columns:
        raise InputError(f"provincial panel has no {_PANEL_TOTAL!r} rows")
    items = [c for c in wide.columns if c != _PANEL_TOTAL]
    shares = wide[items].div(wide[_PANEL_TOTAL], axis=0).add_prefix("share_")
    shares.columns.name = None
    return shares.reset_index()


# ----------------------------------------------------------------------------------------------
# governance-spending scenarios
# ----------------------------------------------------------------------------------------------


def _check_projection_inputs(base_spending: float, base_revenue: float, horizon: int) -> None:
    if not base_spending > 0:
        raise InputError(f"base governance spending ({base_spending!r}) must be positive")
    if not base_revenue > 0:
        raise InputError(f"base revenue ({base_revenue!r}) must be positive")
    if int(horizon) != horizon or horizon < 1:
        raise InputError(f"horizon_years={horizon!r} must be a whole number of years >= 1")


def project_governance_share(
    base_spending: float,
    base_revenue: float,
    spending_growth: float,
    revenue_growth: float,
    horizon: int = 20,
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
        :func:`multiple_to_annual_growth`: 0.2011 "by", 0.0845 "to").
    revenue_growth : float
        Annual nominal revenue growth, fraction (directly, or
        :func:`revenue_growth_from_buoyancy` of a buoyancy and GDP growth).
    horizon : int
        Years after ``base_year`` to project.
    base_year : int
        Calendar year of the base levels.

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
        raise InputError("spending_growth and revenue_growth must be greater than -1 (-100 %)")
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
        horizon (say so in the text: "not within N years"). Analytically the step count is
        ``ceil(ln(multiple) / ln((1 + g_S) / (1 + g_R)))`` when spending outgrows revenue.
    """
    if not multiple > 0:
        raise InputError(f"multiple={multiple!r} must be positive")
    hit = projection.loc[projection["share_ratio"] >= multiple * (1 - _REACH_TOL), "year"]
    return None if hit.empty else int(hit.min())


def project_governance_grid(
    base_spending: float,
    base_revenue: float,
    spending_growths: Sequence[float] | np.ndarray,
    revenue_growths: Sequence[float] | np.ndarray,
    horizon: int = 20,
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
        revenue_growth, year, t, share, share_ratio``. Computed by numpy broadcasting (no
        Python loop over scenarios).
    """
    _check_projection_inputs(base_spending, base_revenue, horizon)
    gs = np.atleast_1d(np.asarray(spending_growths, dtype=float))
    gr = np.atleast_1d(np.asarray(revenue_growths, dtype=float))
    if gs.size == 0 or gr.size == 0:
        raise InputError("spending_growths and revenue_growths must each hold at least one value")
    if np.any(~(gs > -1)) or np.any(~(gr > -1)):
        raise InputError("every growth rate in the grid must be greater than -1 (-100 %)")
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
        raise InputError(f"multiple={multiple!r} must be positive")
    keys = ["spending_growth", "revenue_growth"]
    scenarios = grid[keys].drop_duplicates()
    hit = grid[grid["share_ratio"] >= multiple * (1 - _REACH_TOL)]
    first = hit.groupby(keys, as_index=False).agg(
        first_year=("year", "min"), years_to_reach=("t", "min")
    )
    out = scenarios.merge(first, on=keys, how="left")
    out["first_year"] = out["first_year"].astype("Int64")
    out["years_to_reach"] = out["years_to_reach"].astype("Int64")
    return out.reset_index(drop=True)


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
        spread of the ASSUMPTIONS in the grid (every pair weighted equally), not a probability.
    """
    q = [float(x) for x in quantiles]
    if not q or any(not 0 <= x <= 1 for x in q):
        raise InputError(f"quantiles={list(quantiles)!r} must be numbers between 0 and 1")
    by_year = grid.groupby("year")["share_ratio"]
    out = pd.DataFrame({f"q{round(100 * x):g}": by_year.quantile(x) for x in q})
    return out.reset_index()


# ----------------------------------------------------------------------------------------------
# validation of a user's series
# ----------------------------------------------------------------------------------------------


def _to_number(col: pd.Series) -> pd.Series:
    """Parse numbers, accepting thousands separators (1,234.5) and surrounding spaces."""
    if col.dtype.kind in "biuf":
        return col.astype(float)
    text = col.astype("string").str.strip().str.replace(",", "", regex=False)
    text = text.mask(text == "")
    return pd.to_numeric(text, errors="coerce")


def _row(i: int) -> int:
    return int(i) + 1


def validate_series(
    df: pd.DataFrame,
    required: Sequence[str] = ("year", "revenue"),
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    source: str = "data",
    year_col: str = "year",
    nonnegative: Sequence[str] = ("revenue", "expenditure", "gdp"),
    allow_blank: Sequence[str] = (),
    restrict: bool = True,
) -> pd.DataFrame:
    """Check a user's annual series and return it cleaned, or raise ONE clear InputError.

    Checks, in this order (the first failure is reported):

    1. ``start_year < end_year`` (when both are given);
    2. every ``required`` column is present;
    3. every year is a whole number and appears once;
    4. ``start_year`` and ``end_year`` lie within the years in the data;
    5. no year is missing inside the range (or inside the data, if no range is given);
    6. every value of the required columns in the range is a number (thousands separators
       allowed);
    7. no value is blank, except in ``allow_blank`` columns;
    8. no negative value in ``nonnegative`` columns (e.g. revenue).

    Parameters
    ----------
    df : pandas.DataFrame
        The table as read from the user's file, rows in file order.
    required : sequence of str
        Columns that must be present, including ``year_col``.
    start_year, end_year : int, optional
        Range of years that must be complete.
    source : str
        File name (or label) used in messages.
    year_col : str
        Name of the year column.
    nonnegative : sequence of str
        Columns (among ``required``) that must not be negative.
    allow_blank : sequence of str
        Columns where empty cells are allowed (e.g. a revenue figure not yet published).
    restrict : bool
        Return only rows inside ``start_year .. end_year`` (default) or all rows.

    Returns
    -------
    pandas.DataFrame
        The required columns as numbers (``year`` as int), sorted by year.

    Raises
    ------
    InputError
        With a message naming ``source``, the column and the row, where row 1 is the first data
        row after the header.
    """
    if start_year is not None and end_year is not None and start_year >= end_year:
        raise InputError(
            f"start_year ({start_year}) must be before end_year ({end_year}) for {source}"
        )
    required = list(dict.fromkeys([year_col, *required]))
    absent = [c for c in required if c not in df.columns]
    if absent:
        raise InputError(
            f"{source}: missing column(s) {', '.join(repr(c) for c in absent)}; the file has "
            + ", ".join(repr(str(c)) for c in df.columns)
        )
    if df.empty:
        raise InputError(f"{source}: the table has no data rows")
    d = df[required].reset_index(drop=True)
    years = _to_number(d[year_col])
    bad = years.isna() | (years.round() != years)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"{source}: column {year_col!r}, row {_row(i)}: {d[year_col].iloc[i]!r} is not a year"
        )
    years = years.astype(int)
    dup = years.duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError(
            f"{source}: column {year_col!r}, row {_row(i)}: year {years.iloc[i]} appears twice"
        )
    lo, hi = int(years.min()), int(years.max())
    for name, y in (("start_year", start_year), ("end_year", end_year)):
        if y is not None and not lo <= y <= hi:
            raise InputError(
                f"{name} {y} is outside the data in {source} (column {year_col!r} covers {lo}-{hi})"
            )
    a = lo if start_year is None else start_year
    b = hi if end_year is None else end_year
    present = set(years.tolist())
    gaps = [y for y in range(a, b + 1) if y not in present]
    if gaps:
        before = years[years < gaps[0]]
        where = ""
        if not before.empty:
            j = int(before.idxmax())
            where = f" (after row {_row(j)}, year {years.iloc[j]})"
        listed = ", ".join(str(g) for g in gaps[:5]) + (" ..." if len(gaps) > 5 else "")
        raise InputError(
            f"{source}: column {year_col!r} has no row for year(s) {listed}{where}; "
            f"every year {a}-{b} is needed"
        )
    in_range = ((years >= a) & (years <= b)).to_numpy()
    out = pd.DataFrame({year_col: years})
    for col in required:
        if col == year_col:
            continue
        raw = d[col]
        num = _to_number(raw)
        blank = raw.isna() | (raw.astype("string").str.strip() == "").fillna(False).astype(bool)
        nonnum = num.isna() & ~blank
        hit = np.flatnonzero(nonnum.to_numpy() & in_range)
        if hit.size:
            i = int(hit[0])
            raise InputError(
                f"{source}: column {col!r}, row {_row(i)} (year {years.iloc[i]}): "
                f"{raw.iloc[i]!r} is not a number"
            )
        if col not in allow_blank:
            hit = np.flatnonzero(blank.to_numpy() & in_range)
            if hit.size:
                i = int(hit[0])
                raise InputError(
                    f"{source}: column {col!r}, row {_row(i)} (year {years.iloc[i]}) is empty"
                )
        if col in nonnegative:
            hit = np.flatnonzero((num < 0).to_numpy() & in_range)
            if hit.size:
                i = int(hit[0])
                raise InputError(
                    f"{source}: column {col!r}, row {_row(i)} (year {years.iloc[i]}): "
                    f"{raw.iloc[i]!r} is negative; {col} cannot be below zero"
                )
        out[col] = num
    if restrict:
        out = out[in_range]
    return out.sort_values(year_col).reset_index(drop=True)
