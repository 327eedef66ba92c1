"""The article's comparison: national revenue growth against GDP growth, on stated bases.

The article (易臻真, 澎湃新闻 The Paper, 2022-04-18) says national general public budget revenue
grew 6.4 % from 2019 to 2021 (3.1 % a year), "below GDP growth (5.2 % a year)". The revenue figure
is NOMINAL; the GDP figure is REAL. :func:`growth_comparison` puts both on the same basis, using
GDP levels of one vintage only (never mixing preliminary and revised levels in one growth rate)
and the real growth rates stated by the National Bureau of Statistics (NBS).
:func:`real_growth_vintage_table` shows how the average real rate depends on which NBS vintage
of each year is used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.fiscal.buoyancy import BuoyancyMethod, arc_buoyancy
from workbench.fiscal.growth import (
    annualise,
    chain_growth,
    choice,
    cumulative_growth,
    deflate_growth,
    implicit_deflator_growth,
    mean_annual_growth,
)
from workbench.fiscal.schema import has_values, national_value

COLUMNS = ["metric", "value", "unit", "basis", "note"]
_Row = tuple[str, float, str, str, str]


def _levels(national: pd.DataFrame, start_year: int, end_year: int) -> tuple[float, ...]:
    return (
        national_value(national, start_year, "revenue", "Revenue"),
        national_value(national, end_year, "revenue", "Revenue"),
        national_value(national, start_year, "gdp", "Nominal GDP level"),
        national_value(national, end_year, "gdp", "Nominal GDP level"),
    )


def _growth_rows(period: tuple[int, int], vnote: str, levels: tuple[float, ...]) -> list[_Row]:
    (a, b), (r0, r1, y0, y1) = period, levels
    g_r = cumulative_growth(r0, r1)
    span = f"{a}-{b}"
    return [
        ("revenue_start", r0, "亿元", "nominal", f"{a}"),
        ("revenue_end", r1, "亿元", "nominal", f"{b}"),
        ("revenue_growth_cumulative", g_r, "fraction", "nominal", span),
        (
            "revenue_growth_annual",
            annualise(g_r, b - a),
            "fraction per year",
            "nominal",
            f"{span}, geometric",
        ),
        ("gdp_start", y0, "亿元", "nominal", f"{a}; {vnote}"),
        ("gdp_end", y1, "亿元", "nominal", f"{b}; {vnote}"),
        ("revenue_to_gdp_start", r0 / y0, "fraction", "nominal", f"{a}; {vnote}"),
        ("revenue_to_gdp_end", r1 / y1, "fraction", "nominal", f"{b}; {vnote}"),
        ("revenue_to_gdp_change", r1 / y1 - r0 / y0, "fraction (points)", "nominal", span),
    ]


def _nominal_rows(
    period: tuple[int, int], vnote: str, levels: tuple[float, ...], method: BuoyancyMethod
) -> list[_Row]:
    (a, b), (r0, r1, y0, y1) = period, levels
    g_r_a = annualise(cumulative_growth(r0, r1), b - a)
    g_yn = cumulative_growth(y0, y1)
    g_yn_a = annualise(g_yn, b - a)
    return [
        ("gdp_nominal_growth_cumulative", g_yn, "fraction", "nominal", f"{a}-{b}; {vnote}"),
        ("gdp_nominal_growth_annual", g_yn_a, "fraction per year", "nominal", vnote),
        (
            "buoyancy_nominal",
            arc_buoyancy(g_r_a, g_yn_a, method),
            "ratio",
            "nominal",
            f"nominal revenue / nominal GDP, {method}",
        ),
    ]


def _real_rows(
    period: tuple[int, int],
    vnote: str,
    levels: tuple[float, ...],
    real: list[float],
    method: BuoyancyMethod,
) -> list[_Row]:
    (a, b), (r0, r1, y0, y1) = period, levels
    n = b - a
    g_r = cumulative_growth(r0, r1)
    g_yr = chain_growth(real)
    g_yr_a = mean_annual_growth(real, "geometric")
    g_defl = implicit_deflator_growth(cumulative_growth(y0, y1), g_yr)
    g_r_real = deflate_growth(g_r, g_defl)
    g_r_real_a = annualise(g_r_real, n)
    return [
        ("gdp_real_growth_cumulative", g_yr, "fraction", "real", f"{a}-{b}; {vnote}"),
        ("gdp_real_growth_annual", g_yr_a, "fraction per year", "real", "geometric (NBS)"),
        (
            "gdp_real_growth_annual_arithmetic",
            mean_annual_growth(real, "arithmetic"),
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
            arc_buoyancy(g_r_real_a, g_yr_a, method),
            "ratio",
            "real",
            f"real revenue / real GDP (Haughton 1998), {method}",
        ),
    ]


def _mixed_row(
    period: tuple[int, int], levels: tuple[float, ...], real: list[float], method: BuoyancyMethod
) -> _Row:
    (a, b), (r0, r1, _, _) = period, levels
    g_r_a = annualise(cumulative_growth(r0, r1), b - a)
    ratio = arc_buoyancy(g_r_a, mean_annual_growth(real, "geometric"), method)
    return (
        "buoyancy_mixed_article",
        ratio,
        "ratio",
        "mixed",
        "nominal revenue / real GDP, as in the article: not a valid buoyancy",
    )


def growth_comparison(
    national: pd.DataFrame,
    start_year: int,
    end_year: int,
    gdp_basis: str = "both",
    buoyancy_method: BuoyancyMethod = "simple",
) -> pd.DataFrame:
    """Revenue growth against GDP growth on stated bases, for one GDP vintage.

    Parameters
    ----------
    national : pandas.DataFrame
        A national series from :func:`workbench.fiscal.schema.national_reference` or
        :func:`~workbench.fiscal.schema.prepare_user_national_series` (columns ``year, revenue,
        gdp, gdp_real_growth``; optionally ``gdp_vintage``).
    start_year, end_year : int
        The comparison period; growth is over ``end_year - start_year`` annual steps.
    gdp_basis : {"both", "real", "nominal"}
        Which GDP growth to compare revenue against. ``"nominal"``: growth of nominal GDP levels
        (one vintage). ``"real"``: chain of the stated real growth rates for
        ``start_year + 1 .. end_year``, with revenue deflated by the implicit GDP deflator.
        ``"both"``: all rows.
    buoyancy_method : {"simple", "log"}
        Passed to :func:`~workbench.fiscal.buoyancy.arc_buoyancy`; buoyancies are computed on
        average annual growth.

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
        without real growth rates, where the nominal basis is computed without them.

    Raises
    ------
    ValueError
        An unknown ``gdp_basis`` or ``start_year >= end_year``.
    DataError
        A level or rate is not available in the series' vintage
        (:func:`workbench.fiscal.schema.check_comparison` says so before any kernel starts).

    Notes
    -----
    Cumulative growth ``X_end / X_start - 1``; annual growth ``(1 + cumulative) ** (1 / n) - 1``;
    real revenue growth ``(1 + g_R) / (1 + g_deflator) - 1`` (Haughton 1998). With the reference
    data 2019 -> 2021, revenue 190,400 -> 202,538.88 亿元 gives +6.4 % and 3.1 % a year, as in
    the article.
    """
    choice("gdp_basis", gdp_basis, ("real", "nominal", "both"))
    if start_year >= end_year:
        raise ValueError(f"start_year ({start_year}) must be before end_year ({end_year})")
    vintage = str(national["gdp_vintage"].iloc[0]) if "gdp_vintage" in national else "given"
    vnote = f"GDP vintage: {vintage}"
    period = (start_year, end_year)
    levels = _levels(national, start_year, end_year)
    real_years = range(start_year + 1, end_year + 1)
    rows = _growth_rows(period, vnote, levels)
    if gdp_basis == "nominal" and not has_values(national, real_years, "gdp_real_growth"):
        # the nominal basis needs no real growth; without it the mixed (article) row is left out
        rows += _nominal_rows(period, vnote, levels, buoyancy_method)
        return pd.DataFrame(rows, columns=COLUMNS)
    real = [national_value(national, y, "gdp_real_growth", "Real GDP growth") for y in real_years]
    if gdp_basis in ("nominal", "both"):
        rows += _nominal_rows(period, vnote, levels, buoyancy_method)
    if gdp_basis in ("real", "both"):
        rows += _real_rows(period, vnote, levels, real, buoyancy_method)
    rows.append(_mixed_row(period, levels, real, buoyancy_method))
    return pd.DataFrame(rows, columns=COLUMNS)


def comparison_values(table: pd.DataFrame) -> dict[str, float]:
    """``metric -> value`` of a :func:`growth_comparison` table."""
    return {str(m): float(v) for m, v in zip(table["metric"], table["value"], strict=True)}


def real_growth_vintage_table(
    preliminary: pd.DataFrame,
    revised: pd.DataFrame,
    start_year: int,
    end_year: int,
) -> pd.DataFrame:
    """Average real GDP growth over a window from three combinations of NBS vintages.

    NBS publishes each year's real growth twice: a preliminary estimate (初步核算) in January and
    a final verification (最终核实) about two years later. An average over several years
    depends on which figures are combined; this table makes the choice visible.

    Parameters
    ----------
    preliminary, revised : pandas.DataFrame
        National series of the two vintages (``year, gdp_real_growth``; growth as a fraction,
        NaN where that vintage has no figure).
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
        taken from the revised vintage; ``geometric`` is the mean NBS states as "两年平均增长",
        ``arithmetic`` the plain mean.

    Raises
    ------
    ValueError
        If ``start_year >= end_year`` or a preliminary rate is missing in the window.

    Notes
    -----
    2019 -> 2021 with the reference data: preliminary 2.3 % and 8.1 % give 5.16 % (5.20 %
    arithmetic, the article's "5.2 %"); the revised 2.2 % with the preliminary 8.1 % give
    5.11 %, NBS's "5.1 %" of January 2022; fully revised 2.2 % and 8.4 % give 5.25 %.
    """
    if start_year >= end_year:
        raise ValueError(f"start_year ({start_year}) must be before end_year ({end_year})")
    years = list(range(start_year + 1, end_year + 1))
    pre = preliminary.set_index("year")["gdp_real_growth"].reindex(years)
    rev = revised.set_index("year")["gdp_real_growth"].reindex(years)
    if pre.isna().any():
        missing = [int(y) for y in pre.index[pre.isna()]]
        raise ValueError(f"preliminary real GDP growth is missing for {missing}")
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
