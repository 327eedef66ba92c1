"""Growth arithmetic: compound rates, chains of annual rates, deflating, and "增加了N倍".

Every rate is a **fraction** (0.031 means 3.1 %), never a percentage; levels are in whatever unit
the input uses (the shipped reference data are in 亿元, 100 million yuan). Functions accept floats
or arrays and return a float for scalar input. An impossible argument (a non-positive start level,
a non-positive number of years) raises :class:`ValueError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

ArrayOrFloat = float | np.ndarray | pd.Series
MultipleReading = Literal["by", "to"]


def out(x: np.ndarray) -> Any:
    """A Python float for 0-d results, the array otherwise."""
    return float(x) if np.ndim(x) == 0 else x


def choice(name: str, value: str, allowed: Iterable[str]) -> None:
    """Raise ValueError unless ``value`` is one of ``allowed``."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(
            f"{name}={value!r} is not allowed; expected one of "
            + ", ".join(repr(a) for a in allowed)
        )


def _positive_years(years: Any, name: str = "years") -> np.ndarray:
    arr = np.asarray(years, dtype=float)
    if np.any(~np.isfinite(arr)) or np.any(arr <= 0):
        raise ValueError(f"{name}={years!r} must be a positive number of years")
    return arr


def _rates(rates: Sequence[float] | np.ndarray | pd.Series) -> np.ndarray:
    r = np.asarray(rates, dtype=float)
    if r.size == 0 or np.any(~np.isfinite(r)):
        raise ValueError(f"rates={list(np.atleast_1d(r))!r} must be a non-empty list of numbers")
    return r


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
    ValueError
        If ``start <= 0``, ``end < 0`` or ``years <= 0``.

    Notes
    -----
    The standard compound-growth formula. Test vector: revenue 190,390 -> 202,539 亿元 over
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
        raise ValueError(f"start={start!r} must be a positive level")
    if np.any(~(e >= 0)):
        raise ValueError(f"end={end!r} must be a non-negative level")
    return out((e / s) ** (1.0 / n) - 1.0)


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
    """
    s = np.asarray(start, dtype=float)
    if np.any(~(s > 0)):
        raise ValueError(f"start={start!r} must be a positive level")
    return out(np.asarray(end, dtype=float) / s - 1.0)


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
        raise ValueError(f"cumulative growth {cumulative!r} must be greater than -1 (-100 %)")
    return out((1.0 + c) ** (1.0 / n) - 1.0)


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
    return float(np.prod(1.0 + _rates(rates)) - 1.0)


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
    Test vector: real GDP growth 2.3 % (2020, preliminary) and 8.1 % (2021) give 0.0516
    geometric and 0.0520 arithmetic; the article's "5.2 %" is either of these rounded. With the
    revised 2020 rate (2.2 %) and the preliminary 2021 rate (8.1 %) the geometric mean is 0.0511,
    the "5.1 %" NBS published in January 2022.
    """
    choice("method", method, ("geometric", "arithmetic"))
    r = _rates(rates)
    if method == "arithmetic":
        return float(r.mean())
    if np.any(r <= -1):
        raise ValueError("a growth rate of -100 % or less has no geometric mean")
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
    ValueError
        If ``reading`` is not "by"/"to", ``years <= 0``, or the implied end/base factor is not
        positive.

    Notes
    -----
    Test vector: 1.5 over 5 years gives 0.2011 ("by") and 0.0845 ("to"). For any ``N > 0`` the
    "by" reading implies the faster growth.
    """
    choice("multiple_reading", reading, ("by", "to"))
    n = _positive_years(years)
    m = np.asarray(multiple, dtype=float)
    factor = 1.0 + m if reading == "by" else m
    if np.any(~(factor > 0)):
        raise ValueError(
            f"multiple={multiple!r} with reading {reading!r} implies a non-positive end/base ratio"
        )
    return out(factor ** (1.0 / n) - 1.0)


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
        raise ValueError(f"inflation={inflation!r} must be greater than -1 (-100 %)")
    return out((1.0 + np.asarray(nominal_growth, dtype=float)) / (1.0 + p) - 1.0)


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
        raise ValueError(f"real_growth={real_growth!r} must be greater than -1 (-100 %)")
    return out((1.0 + np.asarray(nominal_growth, dtype=float)) / (1.0 + g) - 1.0)


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
        raise ValueError("gdp must be positive to compute revenue / GDP")
    if isinstance(revenue, pd.Series) or isinstance(gdp, pd.Series):
        return revenue / gdp
    return out(np.asarray(revenue, dtype=float) / g)
