"""Parameters of the funding-distribution analysis."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator

from workbench.params.base import SEED_MAX, AnalysisParams, P


class FundingDistributionParams(AnalysisParams):
    """Funding distribution of community organisations: sources, concentration, inequality."""

    ANALYSIS: ClassVar[str] = "funding_distribution"
    PACKAGE: ClassVar[str] = "funding"
    TITLE: ClassVar[tuple[str, str]] = (
        "How social organisations are funded",
        "社会组织的资金来源与分布",
    )

    data_path: str = P(
        "",
        "A user's organisations file (CSV in UTF-8 or GBK, XLSX or Parquet), one row per "
        "organisation; a relative path is read from the current folder, else the project root; "
        "empty for the shipped synthetic data",
        "path",
        "choice",
        help="Your organisations file (CSV, XLSX, Parquet); empty: synthetic data",
        label=("Organisations file", "组织数据文件"),
    )
    column_map: dict[str, str] = P(
        {},
        "Canonical column name (org_id, the group column, each source) to the name in your file",
        "column names",
        "choice",
        help="Canonical column name to the name in your file",
        label=("Column names", "列名对应"),
    )
    sources: list[str] = P(
        ["government_purchase", "foundation_grants", "donations", "service_fees", "other"],
        "Funding-source columns, one amount per organisation each",
        "columns",
        "易臻真, 澎湃新闻 2022 (F6: the Beijing blue book 2020-2021's sources, as quoted)",
        help="Funding-source columns",
        min_length=1,
        max_length=30,
        label=("Funding sources", "资金来源"),
    )
    government_source: str = P(
        "government_purchase",
        "The source counted as government funding",
        "column name",
        "易臻真, 澎湃新闻 2022 (F6: government purchase of services, 政府购买服务)",
        help="The government funding source",
        label=("Government source", "政府资金来源"),
    )
    market_sources: list[str] = P(
        ["foundation_grants", "donations", "service_fees"],
        "Sources counted as market resources (foundations, donations, fees)",
        "columns",
        "易臻真, 澎湃新闻 2022 (F6: market resources, 市场资源, as quoted from the blue book)",
        help="Market income",
        max_length=30,
        label=("Market sources", "市场资源来源"),
    )
    group_column: str = P(
        "group",
        "Column grouping organisations (district, city or type) for tables and the Theil "
        "decomposition; empty for no grouping",
        "column name",
        "choice",
        help="Grouping column (district, city or type); empty: none",
        label=("Grouping column", "分组列"),
    )
    amount_unit: str = P(
        "万元",
        "Unit of the amounts in the data, used in labels",
        "text",
        "choice",
        label=("Amount unit", "金额单位"),
    )
    data_label: str = P(
        "",
        "Who and when the organisations are, for figure subtitles; empty for an automatic label",
        "text",
        "choice",
        help="Who and when the organisations are; empty for automatic",
        label=("Data description", "数据说明"),
    )
    missing_as_zero: bool = P(
        False,
        "Read empty amount cells as 0 instead of an error",
        "flag",
        "choice",
        label=("Empty cells as zero", "空值记为零"),
    )
    drop_zero_total: bool = P(
        False,
        "Drop organisations whose sources sum to zero (and report how many) instead of an error",
        "flag",
        "choice",
        help="Drop organisations whose sources sum to zero",
        label=("Drop zero totals", "剔除零总额组织"),
    )
    n_boot: int = P(
        1000,
        "Bootstrap replicates for confidence intervals (0 for none)",
        "count",
        "choice",
        ge=0,
        le=20000,
        label=("Bootstrap replicates", "自助法重复次数"),
    )
    ci: float = P(
        0.95,
        "Confidence level of the bootstrap intervals",
        "fraction",
        "choice",
        ge=0.5,
        lt=1,
        label=("Confidence level", "置信水平"),
    )
    ci_method: Literal["percentile", "basic"] = P(
        "percentile",
        "Bootstrap interval: percentile, or basic (centred on the bias-corrected estimate)",
        "category",
        "Efron and Tibshirani 1993; Davison and Hinkley 1997",
        help="Bootstrap interval: percentile or basic",
        label=("Interval method", "置信区间方法"),
    )
    seed: int = P(
        20220418,
        "Seed of the bootstrap random generator",
        "integer",
        "choice",
        ge=0,
        le=SEED_MAX,
        label=("Random seed", "随机种子"),
    )
    small_sample_gini: bool = P(
        False,
        "Multiply the Gini coefficient by n/(n-1) (R ineq corr TRUE)",
        "flag",
        "Zeileis, R package ineq 2014 (Gini: corr FALSE by default)",
        help="Gini times n/(n-1)",
        label=("Small-sample Gini", "基尼系数小样本校正"),
    )
    n_bins: int = P(
        10,
        "Number of equal-count scale bins (10 for deciles)",
        "count",
        "choice",
        ge=2,
        le=100,
        label=("Scale bins", "规模分组数"),
    )
    cut_max: float = P(
        0.5,
        "Largest cut of government funding in the stress test",
        "fraction",
        "assumption: cuts of up to half of government funding span plausible budget shocks",
        ge=0.001,
        le=1,
        label=("Largest cut", "最大削减比例"),
    )
    cut_step: float = P(
        0.05,
        "Step between stress-test cuts (at least 0.1 percentage point)",
        "fraction",
        "choice",
        ge=0.001,
        le=1,
        label=("Cut step", "削减步长"),
    )
    diversification: list[float] = P(
        [0.0, 0.1, 0.2, 0.3],
        "Fractions of government funding first moved to market sources, one curve each",
        "fraction",
        "assumption: up to 30% of government funding could move to market sources",
        help="Shares of government money moved first",
        min_length=1,
        max_length=10,
        label=("Moved to market first", "先转向市场的比例"),
    )
    threshold: float = P(
        0.8,
        "Viability threshold: relative, a fraction of the baseline budget kept; absolute, a "
        "minimum budget in amount_unit",
        "fraction or amount_unit",
        "assumption: losing more than 20% of the budget, as in Trussel 2002",
        help="Viability threshold (see threshold_kind)",
        ge=0,
        label=("Viability threshold", "生存门槛"),
    )
    threshold_kind: Literal["relative", "absolute"] = P(
        "relative",
        "How to read threshold",
        "category",
        "choice",
        label=("Threshold kind", "门槛类型"),
    )
    language: Literal["zh", "en"] = P(
        "en",
        "Language of figure labels and captions",
        "category",
        "choice",
        label=("Language", "语言"),
    )

    @model_validator(mode="after")
    def _consistent(self) -> FundingDistributionParams:
        sources = self.sources
        if len(set(sources)) != len(sources) or any(not s.strip() for s in sources):
            raise ValueError(f"sources must be distinct, non-empty names; got {sources}")
        if self.government_source not in sources:
            raise ValueError(
                f"government_source {self.government_source!r} must be one of sources {sources}"
            )
        unknown = [s for s in self.market_sources if s not in sources]
        if unknown:
            raise ValueError(f"market_sources {unknown} are not among sources {sources}")
        if self.government_source in self.market_sources:
            raise ValueError(
                f"government_source {self.government_source!r} cannot also be in market_sources"
            )
        if len(set(self.market_sources)) != len(self.market_sources):
            raise ValueError(f"market_sources has duplicates: {self.market_sources}")
        if self.group_column in ("org_id", *sources):
            raise ValueError(
                f"group_column {self.group_column!r} must not be org_id or one of sources"
            )
        if "org_id" in sources:
            raise ValueError("sources must not include org_id")
        if self.column_map and not self.data_path:
            raise ValueError("column_map renames the columns of a data_path file; set data_path")
        canonical = {"org_id", *sources} | ({self.group_column} if self.group_column else set())
        stray = [k for k in self.column_map if k not in canonical]
        if stray:
            raise ValueError(
                f"column_map keys {stray} are not canonical names (org_id, group_column "
                f"{self.group_column!r} or sources {sources})"
            )
        theirs = list(self.column_map.values())
        if len(set(theirs)) != len(theirs):
            raise ValueError(f"column_map maps two names to the same column: {self.column_map}")
        if self.cut_step > self.cut_max:
            raise ValueError(f"cut_step ({self.cut_step}) must not exceed cut_max ({self.cut_max})")
        bad = [y for y in self.diversification if not 0 <= y <= 1]
        if bad:
            raise ValueError(f"diversification fractions must lie in [0, 1]; got {bad}")
        if max(self.diversification) > 0 and not self.market_sources:
            raise ValueError(
                "diversification above 0 moves money to market_sources, which is empty"
            )
        if self.threshold_kind == "relative" and not 0 < self.threshold <= 1:
            raise ValueError(
                f"threshold ({self.threshold}) must be a fraction in (0, 1] when threshold_kind "
                "is relative"
            )
        return self
