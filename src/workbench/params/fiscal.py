"""Parameters of the fiscal-pressure analysis."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import field_validator, model_validator

from workbench.params.base import AnalysisParams, P


class FiscalPressureParams(AnalysisParams):
    """Fiscal pressure: revenue against GDP on both bases, buoyancy, gaps and spending scenarios."""

    ANALYSIS: ClassVar[str] = "fiscal_pressure"
    PACKAGE: ClassVar[str] = "fiscal"
    TITLE: ClassVar[tuple[str, str]] = (
        "Fiscal pressure: revenue, the economy and grassroots-governance spending",
        "财政压力：财政收入、经济增长与基层治理支出",
    )

    start_year: int = P(
        2019,
        "First year of the growth comparison",
        "year",
        "Article F1-F3 (易臻真, 澎湃新闻 2022-04-18): the 2019-2021 comparison",
        ge=2012,
        le=2024,
        label=("Start year", "起始年份"),
    )
    end_year: int = P(
        2021,
        "Last year of the growth comparison",
        "year",
        "Article F1-F3 (易臻真, 澎湃新闻 2022-04-18): the 2019-2021 comparison",
        ge=2012,
        le=2024,
        label=("End year", "结束年份"),
    )
    gdp_basis: Literal["real", "nominal", "both"] = P(
        "both",
        "GDP growth to compare revenue against: real (stated real rates), nominal (levels) or both",
        "category",
        "choice",
        help="GDP growth to compare revenue with: real, nominal or both",
        label=("GDP basis", "GDP口径"),
    )
    gdp_vintage: Literal["revised", "preliminary"] = P(
        "revised",
        "GDP vintage of the levels and real rates in the growth comparison (never mixed); the "
        "buoyancy regressions always use the complete preliminary series",
        "category",
        "NBS 2022-2023: preliminary communiqués (初步核算) vs final verification (最终核实)",
        help="GDP vintage of the comparison: revised or preliminary",
        label=("GDP vintage", "GDP数据版本"),
    )
    buoyancy_method: Literal["simple", "log"] = P(
        "simple",
        "Arc buoyancy as a ratio of growth rates (simple) or of log growth (log); also how a "
        "buoyancy turns GDP growth into revenue growth in the projection",
        "category",
        "Haughton 1998 (simple arc buoyancy, %ΔRevenue / %ΔBase)",
        help="Arc buoyancy: ratio of growth rates or of log growth",
        label=("Buoyancy method", "弹性计算方法"),
    )
    gdp_break_years: list[int] = P(
        [2014, 2019, 2024],
        "Years from which first-release GDP levels are on a new economic-census base (2013, 2018 "
        "and 2023 censuses); each gets a dummy in the buoyancy regressions",
        "years",
        "NBS 2014, 2019, 2024: GDP revisions after the 3rd, 4th and 5th economic censuses",
        help="First years of new economic-census GDP bases",
        label=("Census break years", "经济普查断点年份"),
    )
    multiple_reading: Literal["by", "to"] = P(
        "by",
        "Reading of 增加了近1.5倍: by means 2.5x the base (standard usage), to means 1.5x the base",
        "category",
        "assumption: standard Chinese usage reads 增加了N倍 as (1+N) times the base",
        help="增加了近1.5倍 read by (2.5x base) or to (1.5x)",
        label=("Reading of the quote", "引文倍数读法"),
    )
    governance_multiple: float = P(
        1.5,
        "Quoted increase of Shanghai grassroots-governance spending (the N of 增加了N倍)",
        "multiple",
        "Article F8 (易臻真, 澎湃新闻 2022-04-18), as quoted, not verified",
        help="Quoted N of 增加了N倍 (Shanghai governance spending)",
        gt=0,
        le=10,
        label=("Quoted increase", "所引增幅"),
    )
    governance_years: int = P(
        5,
        "Annual steps of the quoted increase (2015 level to 2020 level, 13th Five-Year Plan)",
        "years",
        "Article F8 (易臻真, 澎湃新闻 2022-04-18): the 13th Five-Year Plan, 2016-2020",
        help="Years of the quoted increase (2015 to 2020)",
        ge=1,
        le=10,
        label=("Years of the increase", "增幅年数"),
    )
    spending_growth_mode: Literal["quote", "direct"] = P(
        "quote",
        "Projected governance-spending growth: implied by the quote and multiple_reading, or "
        "spending_growth",
        "category",
        "choice",
        help="Spending growth from the quote, or spending_growth",
        label=("Spending growth source", "支出增速依据"),
    )
    spending_growth: float = P(
        0.10,
        "Annual governance-spending growth when spending_growth_mode is direct",
        "fraction per year",
        "assumption: between the two readings of the quote (8.4% and 20.1% a year)",
        help="Growth if spending_growth_mode is direct",
        ge=-0.5,
        le=1,
        label=("Spending growth", "支出增速"),
    )
    revenue_growth_mode: Literal["direct", "buoyancy"] = P(
        "direct",
        "Projected revenue growth: revenue_growth, or buoyancy applied to gdp_growth",
        "category",
        "choice",
        help="revenue_growth, or buoyancy x gdp_growth",
        label=("Revenue growth source", "收入增速依据"),
    )
    revenue_growth: float = P(
        0.04,
        "Annual nominal revenue growth when revenue_growth_mode is direct",
        "fraction per year",
        "assumption: national revenue grew 5.4% a year 2012-2024 and 2.9% a year 2019-2024 "
        "(MOF budget reports, data/reference)",
        help="Nominal growth if revenue_growth_mode is direct",
        ge=-0.5,
        le=1,
        label=("Revenue growth", "收入增速"),
    )
    buoyancy: float = P(
        0.7,
        "Revenue buoyancy to nominal GDP when revenue_growth_mode is buoyancy",
        "ratio",
        "assumption: near the long-run estimates for 2012-2024 in this analysis (0.58-0.69)",
        help="Revenue buoyancy to nominal GDP if revenue_growth_mode is buoyancy",
        ge=0,
        le=3,
        label=("Revenue buoyancy", "收入弹性"),
    )
    gdp_growth: float = P(
        0.05,
        "Annual nominal GDP growth when revenue_growth_mode is buoyancy",
        "fraction per year",
        "assumption: nominal GDP growth of about 5% a year",
        help="GDP growth if revenue_growth_mode is buoyancy",
        ge=-0.5,
        le=1,
        label=("Nominal GDP growth", "名义GDP增速"),
    )
    horizon_years: int = P(
        20,
        "Projection horizon after the base year 2020",
        "years",
        "choice",
        ge=1,
        le=100,
        label=("Projection horizon", "预测期"),
    )
    spending_growth_grid: list[float] = P(
        [0.04, 0.06, 0.084, 0.10, 0.12, 0.15, 0.201],
        "Governance-spending growth rates spanned by the fan chart",
        "fraction per year",
        "assumption: from national revenue growth (4%) to the by reading of the quote (20.1%)",
        help="Fan",
        min_length=1,
        max_length=50,
        label=("Fan spending growth rates", "扇形图支出增速"),
    )
    revenue_growth_grid: list[float] = P(
        [0.02, 0.03, 0.04, 0.05, 0.06],
        "Revenue growth rates spanned by the fan chart",
        "fraction per year",
        "assumption: around national revenue growth of 2.9-5.4% a year, 2012-2024",
        help="Fan",
        min_length=1,
        max_length=50,
        label=("Fan revenue growth rates", "扇形图收入增速"),
    )
    data_path: str = P(
        "",
        "A user's national series (CSV/XLSX/Parquet: year, revenue, gdp, optional expenditure "
        "and gdp_real_growth_pct); empty for the shipped reference data",
        "path",
        "choice",
        help="Your national series (CSV/XLSX/Parquet); empty for shipped data",
        label=("National series file", "全国数据文件"),
    )
    column_map: dict[str, str] = P(
        {},
        "Canonical column name (year, revenue, gdp, expenditure, gdp_real_growth_pct) to the "
        "name used in data_path",
        "column names",
        "choice",
        help="Canonical column name to the name in your file",
        label=("Column names", "列名对应"),
    )
    language: Literal["zh", "en"] = P(
        "en",
        "Language of figure labels and captions",
        "category",
        "choice",
        label=("Language", "语言"),
    )

    @field_validator("column_map")
    @classmethod
    def _canonical_columns(cls, value: dict[str, str]) -> dict[str, str]:
        known = ("year", "revenue", "gdp", "expenditure", "gdp_real_growth_pct")
        unknown = [k for k in value if k not in known]
        if unknown:
            raise ValueError(
                f"column_map keys must be canonical columns ({', '.join(known)}); got {unknown}"
            )
        return value

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
