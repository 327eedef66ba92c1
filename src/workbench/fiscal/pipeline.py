"""The fiscal-pressure analysis in one call: ``run(params) -> Result``.

:func:`run` loads the data once through :func:`workbench.fiscal.schema.load`, computes every
table and number the notebook shows once, and assembles ``Result.numbers`` (``results.json``,
exactly the keys declared in :mod:`workbench.fiscal.keys`). It writes nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd

from workbench.fiscal import balance, buoyancy, comparison, growth, scenarios, schema
from workbench.fiscal.keys import KEYS
from workbench.keys import check
from workbench.params.fiscal import FiscalPressureParams


@dataclass(frozen=True)
class Comparison:
    """Revenue against GDP growth over the window, and the NBS vintages of real growth.

    ``values`` is metric -> value of ``table`` (:func:`~workbench.fiscal.comparison.
    growth_comparison`); ``window`` the national rows of start_year..end_year; ``vintages`` the
    three averages of real growth; ``nbs_stated`` and ``article_stated`` the published figures
    for that window (None when there is none); ``crossed_breaks`` the census rebasings inside it.
    """

    table: pd.DataFrame
    values: dict[str, float]
    window: pd.DataFrame
    vintage: str
    vintages: pd.DataFrame
    nbs_stated: float | None
    article_stated: float | None
    crossed_breaks: tuple[int, ...]

    def get(self, metric: str) -> float | None:
        """A metric's value, or None where it was not computed."""
        v = self.values.get(metric)
        return None if v is None or math.isnan(v) else v

    def average(self, combination: str, kind: str = "geometric") -> float | None:
        """The geometric (or arithmetic) average of one vintage combination, None if missing."""
        v = float(self.vintages.set_index("combination").loc[combination, kind])
        return None if math.isnan(v) else v


@dataclass(frozen=True)
class RevenueRatio:
    """Revenue / nominal GDP of the long series (``year, ratio, revenue_imputed``), the same for
    final-verification GDP where the shipped data have it, and the census rebasings crossed."""

    series: pd.DataFrame
    revised: pd.DataFrame
    breaks: tuple[int, ...]

    @property
    def first(self) -> pd.Series:
        return self.series.iloc[0]

    @property
    def last(self) -> pd.Series:
        return self.series.iloc[-1]


@dataclass(frozen=True)
class Buoyancy:
    """The buoyancy regressions, or None with the reason they could not be fitted."""

    estimate: buoyancy.BuoyancyResult | None
    reason: str = ""


@dataclass(frozen=True)
class Gap:
    """National gap and self-sufficiency by year, Beijing and Shanghai, and Beijing's sources."""

    national: pd.DataFrame
    cities: dict[str, pd.DataFrame]
    beijing_2021_report: float | None
    beijing_2021_yearbook: float | None

    @property
    def deficit_years(self) -> int:
        return int((self.national["fiscal_gap"] > 0).sum())

    def latest(self, city: str) -> pd.Series:
        """A city's latest year with a self-sufficiency ratio."""
        return self.cities[city].dropna(subset=["self_sufficiency"]).iloc[-1]

    def at(self, year: int) -> pd.Series | None:
        """The national row of ``year``, or None."""
        row = self.national[self.national["year"] == year]
        return None if row.empty else row.iloc[0]


@dataclass(frozen=True)
class Provinces:
    """Provincial expenditure growth over ``window`` and its composition in the window's end."""

    growth: pd.DataFrame
    shares_end: pd.DataFrame
    window: tuple[int, int]
    panel_years: tuple[int, int]


@dataclass(frozen=True)
class Governance:
    """The quote's two readings, the chosen scenario and the grid of growth assumptions."""

    growth_by: float
    growth_to: float
    quoted_growth: float
    spending_growth: float
    revenue_growth: float
    buoyancy_revenue_growth: float
    projection: pd.DataFrame
    doubling: int | None
    historical_growth: float
    historical_years: tuple[int, int]
    grid: pd.DataFrame
    firsts: pd.DataFrame
    fan: pd.DataFrame
    base_year: int = schema.GOVERNANCE_BASE_YEAR

    @property
    def horizon_end(self) -> int:
        return int(self.projection["year"].iloc[-1])

    @property
    def reached(self) -> pd.Series:
        """Doubling years of the grid pairs that double within the horizon."""
        return self.firsts["first_year"].dropna()


@dataclass(frozen=True)
class Result:
    """Everything the fiscal-pressure notebook shows, computed once."""

    KEYS: ClassVar = KEYS
    data_kind: str
    data_file: str | None
    imputed_years: tuple[int, ...]
    series_years: tuple[int, int]
    comparison: Comparison
    ratio: RevenueRatio
    buoyancy: Buoyancy
    gap: Gap
    beijing_share: float
    beijing_claim_verified: bool
    provinces: Provinces
    governance: Governance
    numbers: dict


# ----------------------------------------------------------------------------------------------
# the steps
# ----------------------------------------------------------------------------------------------


def _comparison(inputs: schema.Inputs, p: FiscalPressureParams) -> Comparison:
    table = comparison.growth_comparison(
        inputs.national, p.start_year, p.end_year, p.gdp_basis, p.buoyancy_method
    )
    vintages = comparison.real_growth_vintage_table(
        inputs.preliminary, inputs.revised, p.start_year, p.end_year
    )
    two_years = p.end_year - p.start_year == 2
    nbs = inputs.stated_two_year_growth.get(p.end_year) if two_years else None
    article = (
        schema.ARTICLE_GDP_REAL_GROWTH_2019_2021
        if (p.start_year, p.end_year) == (2019, 2021)
        else None
    )
    national = inputs.national
    window = national[national["year"].between(p.start_year, p.end_year)].reset_index(drop=True)
    crossed = tuple(b for b in p.gdp_break_years if p.start_year < b <= p.end_year)
    return Comparison(
        table=table,
        values=comparison.comparison_values(table),
        window=window,
        vintage=str(national["gdp_vintage"].iloc[0]),
        vintages=vintages,
        nbs_stated=nbs,
        article_stated=article,
        crossed_breaks=crossed,
    )


def _ratio(inputs: schema.Inputs, p: FiscalPressureParams) -> RevenueRatio:
    long = inputs.long_series
    series = long.assign(ratio=growth.revenue_to_gdp(long["revenue"], long["gdp"]))
    series = series.dropna(subset=["ratio"])[["year", "ratio", "revenue_imputed"]]
    series = series.reset_index(drop=True)
    revised = pd.DataFrame(columns=["year", "ratio"])
    if inputs.data_kind != "user":
        rv = inputs.revised.dropna(subset=["gdp", "revenue"])
        revised = pd.DataFrame({"year": rv["year"], "ratio": rv["revenue"] / rv["gdp"]})
    first, last = int(series["year"].iloc[0]), int(series["year"].iloc[-1])
    breaks = tuple(b for b in p.gdp_break_years if first < b <= last)
    return RevenueRatio(series, revised.reset_index(drop=True), breaks)


def _buoyancy(inputs: schema.Inputs, p: FiscalPressureParams) -> Buoyancy:
    try:
        est = buoyancy.estimate_buoyancy(inputs.long_series, break_years=p.gdp_break_years)
    except buoyancy.TooFewYears as exc:
        return Buoyancy(None, str(exc))
    return Buoyancy(est)


def _gap(inputs: schema.Inputs) -> Gap:
    national = balance.fiscal_balance(inputs.long_series).dropna(subset=["fiscal_gap"])
    cities = {c: balance.build_local_series(inputs.local, c, "yearbook") for c in schema.CITIES}
    report = balance.local_levels(inputs.local, "Beijing", "report").set_index("year")
    yearbook = cities["Beijing"].set_index("year")

    def at_2021(s: pd.Series) -> float | None:
        v = s.get(2021)
        return None if v is None or pd.isna(v) else float(v)

    return Gap(
        national.reset_index(drop=True),
        cities,
        at_2021(report["expenditure"]),
        at_2021(yearbook["expenditure"]),
    )


def _provinces(inputs: schema.Inputs, p: FiscalPressureParams) -> Provinces:
    panel = balance.provincial_fiscal_panel(inputs.provincial_panel)
    years = (int(panel["year"].min()), int(panel["year"].max()))
    start, end = balance.provincial_window(years, p.start_year, p.end_year)
    growth_table = balance.provincial_expenditure_growth(panel, start, end)
    shares = balance.provincial_expenditure_shares(inputs.provincial_panel)
    shares_end = shares[shares["year"] == end].set_index("province")
    return Provinces(growth_table, shares_end, (start, end), years)


def governance(
    p: FiscalPressureParams, historical_growth: float, historical_years: tuple[int, int]
) -> Governance:
    """The governance scenarios from the parameters alone: no data is read, nothing is fitted.

    The quote's two readings, the scenario's growth rates, its projection and doubling year, and
    the grid, its doubling years and its fan. ``historical_growth`` (national revenue growth a
    year over ``historical_years``) comes from the data and is only carried along, so the
    scenario explorer (:mod:`workbench.fiscal.explore`) recomputes the rest from a result.
    """
    base = schema.GOVERNANCE_BASE_YEAR
    by = growth.multiple_to_annual_growth(p.governance_multiple, p.governance_years, "by")
    to = growth.multiple_to_annual_growth(p.governance_multiple, p.governance_years, "to")
    quoted = by if p.multiple_reading == "by" else to
    spending = quoted if p.spending_growth_mode == "quote" else p.spending_growth
    from_buoyancy = buoyancy.revenue_growth_from_buoyancy(
        p.buoyancy, p.gdp_growth, p.buoyancy_method
    )
    revenue = p.revenue_growth if p.revenue_growth_mode == "direct" else from_buoyancy
    projection = scenarios.project_governance_share(
        1.0, 1.0, spending, revenue, p.horizon_years, base
    )
    grid = scenarios.project_governance_grid(
        1.0, 1.0, p.spending_growth_grid, p.revenue_growth_grid, p.horizon_years, base
    )
    return Governance(
        growth_by=by,
        growth_to=to,
        quoted_growth=quoted,
        spending_growth=spending,
        revenue_growth=revenue,
        buoyancy_revenue_growth=from_buoyancy,
        projection=projection,
        doubling=scenarios.first_year_share_reaches(projection, 2.0),
        historical_growth=historical_growth,
        historical_years=historical_years,
        grid=grid,
        firsts=scenarios.grid_first_years(grid, 2.0),
        fan=scenarios.grid_fan(grid),
        base_year=base,
    )


def _governance(inputs: schema.Inputs, p: FiscalPressureParams) -> Governance:
    hist = inputs.long_series.dropna(subset=["revenue"])
    h0, h1 = hist.iloc[0], hist.iloc[-1]
    historical = growth.cagr(h0["revenue"], h1["revenue"], h1["year"] - h0["year"])
    return governance(p, historical, (int(h0["year"]), int(h1["year"])))


# ----------------------------------------------------------------------------------------------
# numbers
# ----------------------------------------------------------------------------------------------


def _comparison_numbers(c: Comparison) -> dict[str, Any]:
    return {
        "revenue_growth_cumulative": c.get("revenue_growth_cumulative"),
        "revenue_growth_avg_annual": c.get("revenue_growth_annual"),
        "gdp_real_growth_avg_annual": c.get("gdp_real_growth_annual"),
        "gdp_nominal_growth_avg_annual": c.get("gdp_nominal_growth_annual"),
        "buoyancy_nominal": c.get("buoyancy_nominal"),
        "buoyancy_real": c.get("buoyancy_real"),
        "buoyancy_mixed_article": c.get("buoyancy_mixed_article"),
        "revenue_real_growth_avg_annual": c.get("revenue_real_growth_annual"),
        "revenue_to_gdp_start": c.get("revenue_to_gdp_start"),
        "revenue_to_gdp_end": c.get("revenue_to_gdp_end"),
        **{
            f"gdp_real_growth_avg_annual_{k}": c.average(k)
            for k in ("preliminary", "at_release", "revised")
        },
        "gdp_real_growth_avg_annual_nbs_stated": c.nbs_stated,
        "gdp_real_growth_avg_annual_article": c.article_stated,
    }


def _buoyancy_numbers(b: Buoyancy) -> dict[str, Any]:
    if b.estimate is None:
        names = (
            "long_run",
            "long_run_ci",
            "long_run_static",
            "short_run",
            "short_run_ci",
            "adjustment",
            "n_years",
        )
        return {f"buoyancy_{n}": None for n in names}
    lr, static = b.estimate.row("long_run", "ecm"), b.estimate.row("long_run", "static_loglog")
    sr = b.estimate.row("short_run", "ecm")
    return {
        "buoyancy_long_run": float(lr["estimate"]),
        "buoyancy_long_run_ci": [float(lr["ci_low"]), float(lr["ci_high"])],
        "buoyancy_long_run_static": float(static["estimate"]),
        "buoyancy_short_run": float(sr["estimate"]),
        "buoyancy_short_run_ci": [float(sr["ci_low"]), float(sr["ci_high"])],
        "buoyancy_adjustment": b.estimate.adjustment,
        "buoyancy_n_years": b.estimate.n_levels,
    }


def _gap_numbers(g: Gap, end_year: int) -> dict[str, Any]:
    end = g.at(end_year)
    nat = g.national
    out: dict[str, Any] = {
        "fiscal_gap_end_year": None if end is None else float(end["fiscal_gap"]),
        "self_sufficiency_end_year": None if end is None else float(end["self_sufficiency"]),
        "national_balance_years": None,
        "fiscal_gap_last_year": None,
        "self_sufficiency_first_year": None,
        "self_sufficiency_last_year": None,
        "deficit_years": None,
    }
    if not nat.empty:
        out |= {
            "national_balance_years": [int(nat["year"].iloc[0]), int(nat["year"].iloc[-1])],
            "fiscal_gap_last_year": float(nat["fiscal_gap"].iloc[-1]),
            "self_sufficiency_first_year": float(nat["self_sufficiency"].iloc[0]),
            "self_sufficiency_last_year": float(nat["self_sufficiency"].iloc[-1]),
            "deficit_years": g.deficit_years,
        }
    for city in schema.CITIES:
        row = g.latest(city)
        out[f"self_sufficiency_{city.lower()}"] = float(row["self_sufficiency"])
        out[f"self_sufficiency_{city.lower()}_year"] = int(row["year"])
    return out


def _governance_numbers(g: Governance, reading: str) -> dict[str, Any]:
    reached = g.reached
    return {
        "governance_spending_growth_annual": g.quoted_growth,
        "governance_spending_growth_annual_other_reading": (
            g.growth_to if reading == "by" else g.growth_by
        ),
        "projection_spending_growth": g.spending_growth,
        "projection_revenue_growth": g.revenue_growth,
        "doubling_year": g.doubling,
        "doubling_years_after_base": None if g.doubling is None else g.doubling - g.base_year,
        "doubling_year_grid_earliest": int(reached.min()) if len(reached) else None,
        "doubling_year_grid_latest": (
            int(reached.max()) if len(reached) == len(g.firsts) else None
        ),
        "doubling_share_of_grid_within_horizon": len(reached) / len(g.firsts),
    }


def _numbers(parts: dict[str, Any], p: FiscalPressureParams, data_kind: str) -> dict[str, Any]:
    r: RevenueRatio = parts["ratio"]
    pv: Provinces = parts["provinces"]
    numbers = {
        "data_kind": data_kind,
        **_comparison_numbers(parts["comparison"]),
        "revenue_to_gdp_first_year": float(r.first["ratio"]),
        "revenue_to_gdp_last_year": float(r.last["ratio"]),
        "revenue_to_gdp_years": [int(r.first["year"]), int(r.last["year"])],
        **_buoyancy_numbers(parts["buoyancy"]),
        **_gap_numbers(parts["gap"], p.end_year),
        "beijing_2020_social_spending_fiscal_share_as_quoted": parts["beijing_share"],
        "provincial_expenditure_growth_median_annual": float(pv.growth["growth_annual"].median()),
        "provincial_window": list(pv.window),
        **_governance_numbers(parts["governance"], p.multiple_reading),
    }
    ordered = {k: numbers[k] for k in KEYS if k in numbers}
    check({**ordered, **numbers}, KEYS)
    return ordered


def run(params: FiscalPressureParams) -> Result:
    """Load, validate and compute everything once; ``Result.numbers`` is ``results.json``."""
    inputs = schema.load(params)
    parts = {
        "comparison": _comparison(inputs, params),
        "ratio": _ratio(inputs, params),
        "buoyancy": _buoyancy(inputs, params),
        "gap": _gap(inputs),
        "beijing_share": balance.funding_share(
            schema.BEIJING_2020_SOCIAL_SPENDING_FISCAL, schema.BEIJING_2020_SOCIAL_SPENDING
        ),
        "provinces": _provinces(inputs, params),
        "governance": _governance(inputs, params),
    }
    years = inputs.long_series["year"]
    return Result(
        data_kind=inputs.data_kind,
        data_file=inputs.data_file,
        imputed_years=tuple(inputs.imputed_years),
        series_years=(int(years.min()), int(years.max())),
        beijing_claim_verified=inputs.beijing_claim_verified,
        numbers=_numbers(parts, params, inputs.data_kind),
        **parts,
    )
