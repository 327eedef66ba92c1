"""Parameters of the fiscal-pressure analysis."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import field_validator, model_validator

from workbench.errors import InputError
from workbench.params.base import AnalysisParams, P


class FiscalPressureParams(AnalysisParams):
    """Fiscal pressure: revenue against GDP on both bases, buoyancy, gaps and spending scenarios."""

    ANALYSIS: ClassVar[str] = "fiscal_pressure"
    PACKAGE: ClassVar[str] = "fiscal"

    start_year: int = P(2019, "First year of the growth comparison", "year", ge=2012, le=2024)
    end_year: int = P(2021, "Last year of the growth comparison", "year", ge=2012, le=2024)
    gdp_basis: Literal["real", "nominal", "both"] = P(
        "both",
        "GDP growth to compare revenue against: real (stated real rates), nominal (levels) or both",
        "category",
    )
    gdp_vintage: Literal["revised", "preliminary"] = P(
        "revised",
        "GDP vintage of the levels and real rates in the growth comparison (never mixed); the "
        "buoyancy regressions always use the complete preliminary series",
        "category",
        "NBS preliminary communiqués vs final verification",
    )
    buoyancy_method: Literal["simple", "log"] = P(
        "simple",
        "Arc buoyancy as a ratio of growth rates (simple) or of log growth (log); also how a "
        "buoyancy turns GDP growth into revenue growth in the projection",
        "category",
        "Haughton 1998",
    )
    gdp_break_years: list[int] = P(
        [2014, 2019, 2024],
        "Years from which first-release GDP levels are on a new economic-census base (2013, 2018 "
        "and 2023 censuses); each gets a dummy in the buoyancy regressions",
        "years",
        "NBS economic-census revisions",
    )
    multiple_reading: Literal["by", "to"] = P(
        "by",
        "Reading of 增加了近1.5倍: by means 2.5x the base (standard usage), to means 1.5x the base",
        "category",
        "Article F8; Chinese usage",
    )
    governance_multiple: float = P(
        1.5,
        "Quoted increase of Shanghai grassroots-governance spending (the N of 增加了N倍)",
        "multiple",
        "Article F8",
        gt=0,
        le=10,
    )
    governance_years: int = P(
        5,
        "Annual steps of the quoted increase (2015 level to 2020 level, 13th Five-Year Plan)",
        "years",
        "Article F8",
        ge=1,
        le=10,
    )
    spending_growth_mode: Literal["quote", "direct"] = P(
        "quote",
        "Projected governance-spending growth: implied by the quote and multiple_reading, or "
        "spending_growth",
        "category",
    )
    spending_growth: float = P(
        0.10,
        "Annual governance-spending growth when spending_growth_mode is direct",
        "fraction per year",
        "assumption",
        ge=-0.5,
        le=1,
    )
    revenue_growth_mode: Literal["direct", "buoyancy"] = P(
        "direct",
        "Projected revenue growth: revenue_growth, or buoyancy applied to gdp_growth",
        "category",
    )
    revenue_growth: float = P(
        0.04,
        "Annual nominal revenue growth when revenue_growth_mode is direct",
        "fraction per year",
        "assumption; national revenue grew 5.4% a year 2012-2024 and 2.9% a year 2019-2024",
        ge=-0.5,
        le=1,
    )
    buoyancy: float = P(
        0.7,
        "Revenue buoyancy to nominal GDP when revenue_growth_mode is buoyancy",
        "ratio",
        "long-run estimates for 2012-2024 in this notebook, about 0.6-0.7",
        ge=0,
        le=3,
    )
    gdp_growth: float = P(
        0.05,
        "Annual nominal GDP growth when revenue_growth_mode is buoyancy",
        "fraction per year",
        "assumption",
        ge=-0.5,
        le=1,
    )
    horizon_years: int = P(20, "Projection horizon after the base year 2020", "years", ge=1, le=100)
    spending_growth_grid: list[float] = P(
        [0.04, 0.06, 0.084, 0.10, 0.12, 0.15, 0.201],
        "Governance-spending growth rates spanned by the fan chart",
        "fraction per year",
        min_length=1,
        max_length=50,
    )
    revenue_growth_grid: list[float] = P(
        [0.02, 0.03, 0.04, 0.05, 0.06],
        "Revenue growth rates spanned by the fan chart",
        "fraction per year",
        min_length=1,
        max_length=50,
    )
    data_path: str = P(
        "",
        "A user's national series (CSV/XLSX/Parquet: year, revenue, gdp, optional expenditure "
        "and gdp_real_growth_pct); empty for the shipped reference data",
        "path",
    )
    language: Literal["zh", "en"] = P("en", "Language of figure labels and captions", "category")

    @field_validator("spending_growth_grid", "revenue_growth_grid")
    @classmethod
    def _growth_rates(cls, value: list[float]) -> list[float]:
        bad = [v for v in value if not -0.5 <= v <= 1]
        if bad:
            raise ValueError(f"growth rates must lie between -0.5 and 1 (fractions); got {bad}")
        return value

    @field_validator("gdp_break_years")
    @classmethod
    def _break_years(cls, value: list[int]) -> list[int]:
        bad = [v for v in value if not 1990 <= v <= 2100]
        if bad:
            raise ValueError(f"break years must be calendar years (1990-2100); got {bad}")
        return sorted(set(value))

    @model_validator(mode="after")
    def _years_in_order(self) -> FiscalPressureParams:
        if self.start_year >= self.end_year:
            raise ValueError(
                f"start_year ({self.start_year}) must be before end_year ({self.end_year})"
            )
        return self

    def check_inputs(self) -> None:
        """Read the national series these parameters use and check the comparison can be made.

        A user's file (``data_path``) is validated row by row (missing year, non-numeric or
        negative values, years outside the data); with the shipped data, the chosen years must
        exist in the chosen GDP vintage. One InputError names the file, column and row, or the
        parameters at fault.
        """
        import pandas as pd

        from workbench import datasets, fiscal, io

        if self.data_path:
            raw = io.read_table(self.data_path, required=["year", "revenue", "gdp"])
            if self.gdp_basis != "nominal" and "gdp_real_growth_pct" not in raw.columns:
                raise InputError(
                    f"{self.data_path}: gdp_basis '{self.gdp_basis}' needs real GDP growth: add "
                    "a column 'gdp_real_growth_pct' (percent over the previous year, e.g. 8.1) "
                    "or set gdp_basis to 'nominal'"
                )
            national = fiscal.prepare_user_national_series(
                raw, self.start_year, self.end_year, source=self.data_path
            )
            where = self.data_path
        else:
            table = pd.read_csv(
                datasets.path("reference/national_fiscal_gdp_series_and_derived.csv")
            )
            national = fiscal.build_national_series(
                table, self.gdp_vintage, fill_revenue_from_growth=True
            )
            where = f"the shipped reference data (gdp_vintage '{self.gdp_vintage}')"
        try:
            fiscal.growth_comparison(
                national, self.start_year, self.end_year, self.gdp_basis, self.buoyancy_method
            )
        except InputError as exc:
            raise InputError(
                f"start_year {self.start_year} to end_year {self.end_year} with {where}: {exc}"
            ) from None
