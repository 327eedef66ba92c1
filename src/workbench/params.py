"""Typed, self-describing parameters for every analysis, and the loader that checks them.

One pydantic model per analysis. Every field has a description and a unit (and a source where the
default comes from somewhere), so ``workbench params ANALYSIS`` can print them and a researcher can
read what each number means. :func:`resolve` merges the model defaults, then ``-f`` YAML files in
order, then ``-p name=value`` flags, and validates the result before any kernel starts. Every
failure is raised as one :class:`~workbench.errors.InputError` naming the parameter, the value,
what was expected and where the value came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from workbench.datasets import PROJECT_ROOT
from workbench.errors import InputError


def P(default: Any, description: str, unit: str, source: str | None = None, **constraints: Any):
    """A parameter field: default, one-line description, unit, and optionally its source."""
    extra = {"unit": unit}
    if source:
        extra["source"] = source
    return Field(default, description=description, json_schema_extra=extra, **constraints)


class AnalysisParams(BaseModel):
    """Shared behaviour: unknown names are errors, and values are checked on assignment too."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    def check_inputs(self) -> None:
        """Load and validate the data files these parameters name, before any kernel starts.

        Analyses override this to read ``data_path`` with their schema and raise one
        :class:`~workbench.errors.InputError` naming the file, column and rows at fault. The runner
        calls it after the parameters validate; the notebook's own checks remain the backstop.
        """

    @field_validator("data_path", mode="before", check_fields=False)
    @classmethod
    def _data_path_exists(cls, value: Any) -> Any:
        """A data file must exist; a relative path missing here is looked up in the project."""
        if isinstance(value, str) and value:
            path = Path(value)
            if not path.is_absolute() and not path.exists() and (PROJECT_ROOT / path).is_file():
                return str(PROJECT_ROOT / path)
            if not path.is_file():
                raise ValueError(f"no such file: {value}")
        return value


class FiscalPressureParams(AnalysisParams):
    """Fiscal pressure: revenue against GDP on both bases, buoyancy, gaps and spending scenarios."""

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


class FundingDistributionParams(AnalysisParams):
    """Funding distribution of community organisations: sources, concentration, inequality."""

    data_path: str = P(
        "",
        "A user's organisations file (CSV in UTF-8 or GBK, XLSX or Parquet), one row per "
        "organisation; a relative path is read from the current folder, else the project root; "
        "empty for the shipped synthetic data",
        "path",
    )
    column_map: dict[str, str] = P(
        {},
        "Canonical column name (org_id, the group column, each source) to the name in your file",
        "column names",
    )
    sources: list[str] = P(
        ["government_purchase", "foundation_grants", "donations", "service_fees", "other"],
        "Funding-source columns, one amount per organisation each",
        "column names",
        min_length=1,
        max_length=30,
    )
    government_source: str = P(
        "government_purchase", "The source counted as government funding", "column name"
    )
    market_sources: list[str] = P(
        ["foundation_grants", "donations", "service_fees"],
        "Sources counted as market resources (foundations, donations, fees)",
        "column names",
        "Article F6 (Beijing blue book 2020-2021, as quoted in the article)",
        max_length=30,
    )
    group_column: str = P(
        "group",
        "Column grouping organisations (district, city or type) for tables and the Theil "
        "decomposition; empty for no grouping",
        "column name",
    )
    amount_unit: str = P("万元", "Unit of the amounts in the data, used in labels", "text")
    data_label: str = P(
        "",
        "Who and when the organisations are, for figure subtitles; empty for an automatic label",
        "text",
    )
    missing_as_zero: bool = P(False, "Read empty amount cells as 0 instead of an error", "flag")
    drop_zero_total: bool = P(
        False,
        "Drop organisations whose sources sum to zero (and report how many) instead of an error",
        "flag",
    )
    n_boot: int = P(
        1000, "Bootstrap replicates for confidence intervals (0 for none)", "count", ge=0, le=20000
    )
    ci: float = P(0.95, "Confidence level of the bootstrap intervals", "fraction", ge=0.5, lt=1)
    ci_method: Literal["percentile", "basic"] = P(
        "percentile",
        "Bootstrap interval: percentile, or basic (centred on the bias-corrected estimate)",
        "category",
        "Efron and Tibshirani 1993; Davison and Hinkley 1997",
    )
    seed: int = P(20220418, "Seed of the bootstrap random generator", "integer", ge=0)
    small_sample_gini: bool = P(
        False, "Multiply the Gini coefficient by n/(n-1) (R ineq corr TRUE)", "flag"
    )
    n_bins: int = P(10, "Number of equal-count scale bins (10 for deciles)", "count", ge=2, le=100)
    cut_max: float = P(
        0.5, "Largest cut of government funding in the stress test", "fraction", gt=0, le=1
    )
    cut_step: float = P(0.05, "Step between stress-test cuts", "fraction", gt=0, le=1)
    diversification: list[float] = P(
        [0.0, 0.1, 0.2, 0.3],
        "Fractions of government funding first moved to market sources, one curve each",
        "fraction",
        min_length=1,
        max_length=10,
    )
    threshold: float = P(
        0.8,
        "Viability threshold: relative, a fraction of the baseline budget kept; absolute, a "
        "minimum budget in amount_unit",
        "fraction or amount_unit",
        "assumption (20% revenue decline as in Trussel 2002)",
        ge=0,
    )
    threshold_kind: Literal["relative", "absolute"] = P(
        "relative", "How to read threshold", "category"
    )
    language: Literal["zh", "en"] = P("en", "Language of figure labels and captions", "category")

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

    def check_inputs(self) -> None:
        """Read ``data_path`` with the column map and check it against the organisations schema.

        One InputError names the file, the column and the first few rows (row 1 = the first
        data row): unreadable file or encoding, empty table, missing column, missing or
        duplicate org_id, non-numeric, missing or negative amounts, zero total funding.
        """
        if not self.data_path:
            return
        from workbench import funding

        funding.read_organisations(
            self.data_path,
            self.sources,
            column_map=self.column_map,
            group_column=self.group_column or None,
            missing_as_zero=self.missing_as_zero,
            drop_zero_total=self.drop_zero_total,
        )


class TechCostEffectivenessParams(AnalysisParams):
    """Technology cost-effectiveness: response curves, strategy ICERs and PSA, DEA, the reward."""

    data_path: str = P(
        "",
        "A user's programme file (CSV in UTF-8 or GBK, XLSX or Parquet), one row per unit with "
        "unit_id, tech_spend, staff_cost, the outcome and optionally strategy; empty for the "
        "shipped synthetic data",
        "path",
    )
    column_map: dict[str, str] = P(
        {},
        "Canonical column name (unit_id, tech_spend, staff_cost, strategy, the outcome) to the "
        "name in your file",
        "column names",
    )
    outcome: str = P(
        "service_precision",
        "Outcome column: service_precision (share of needs met, 0-1) or satisfaction (0-100)",
        "column name",
    )
    cost_columns: list[str] = P(
        ["tech_spend", "staff_cost"],
        "Cost columns summed into total cost per unit and used as DEA inputs",
        "column names (yuan a year)",
        min_length=1,
        max_length=10,
    )
    effect_scale: float = P(
        100.0,
        "Multiplier from the outcome to the effect used in ICERs and NMB (100 turns a share "
        "into percentage points)",
        "effect units per outcome unit",
        gt=0,
    )
    response_model: Literal["hill", "log"] = P(
        "hill",
        "Response curve of the outcome on tech spend: hill (saturating, S-shaped) or log",
        "category",
        "Hill 1910; Goutelle et al. 2008",
    )
    adjust_for_staff: bool = P(
        True,
        "Hold staff time fixed in the response curve (covariate: fractional staff cut)",
        "flag",
        "the article's hypothesis that over-reliance on technology lowers service precision",
    )
    staff_reference: float = P(
        0.0,
        "Staff cost below which staff time counts as cut; 0 uses the data median",
        "yuan a year",
        ge=0,
    )
    marginal_step: float = P(
        10000.0, "Extra tech spend for the marginal return (1万元)", "yuan", gt=0
    )
    marginal_threshold: float = P(
        0.0001,
        "Marginal return below which extra tech spend counts as diminishing",
        "outcome units per marginal_step yuan",
        gt=0,
    )
    n_boot: int = P(
        200,
        "Bootstrap replicates for the curve's intervals (0 for none, else at least 20)",
        "count",
        ge=0,
        le=5000,
    )
    wtp_min: float = P(0.0, "Lowest willingness to pay on the grid", "yuan per effect unit", ge=0)
    wtp_max: float = P(
        1000000.0, "Highest willingness to pay on the grid", "yuan per effect unit", gt=0
    )
    wtp_steps: int = P(101, "Points on the willingness-to-pay grid", "count", ge=2, le=1001)
    wtp: float = P(
        100000.0,
        "Willingness to pay for one effect unit (a percentage point of needs met) per unit a "
        "year, for the decision",
        "yuan per effect unit",
        "assumption; no official threshold exists",
        ge=0,
    )
    psa_draws: int = P(
        10000,
        "Monte Carlo draws of the probabilistic sensitivity analysis (bootstrap of units)",
        "count",
        ge=100,
        le=200000,
    )
    discount_rate: float = P(
        0.035,
        "Annual discount rate for multi-year costs, effects and savings",
        "fraction per year",
        "HM Treasury Green Book 2022",
        ge=0,
        le=0.2,
    )
    horizon_years: int = P(5, "Years the decision and the reward scheme run", "years", ge=1, le=50)
    reward_share_range: list[float] = P(
        [0.3, 0.5],
        "Lowest and highest share of measured savings returned as rewards",
        "fraction",
        "Article F10 (30%-50%, as quoted in the article)",
        min_length=2,
        max_length=2,
    )
    efficiency_gain: float = P(
        0.05,
        "Measured saving from the reward scheme as a share of total cost",
        "fraction of cost a year",
        "assumption",
        gt=0,
        le=1,
    )
    admin_cost_share: float = P(
        0.01,
        "Annual cost of measuring savings and running the scheme as a share of total cost",
        "fraction of cost a year",
        "assumption",
        ge=0,
        lt=1,
    )
    deadweight: float = P(
        0.2,
        "Share of measured savings that would have happened without the scheme",
        "fraction",
        "assumption",
        ge=0,
        lt=1,
    )
    dea_rts: Literal["crs", "vrs"] = P(
        "crs",
        "Returns to scale of the headline DEA (both are computed): crs or vrs",
        "category",
        "Charnes, Cooper and Rhodes 1978; Banker, Charnes and Cooper 1984",
    )
    synthetic_staff_penalty: float = P(
        0.15,
        "Precision lost at a 100% staff cut in the synthetic data (0.15 is the shipped file; 0 "
        "switches the article's hypothesis off); only without data_path",
        "share points",
        "workbench.synth.programmes",
        ge=0,
        le=1,
    )
    seed: int = P(20220418, "Seed of the PSA and bootstrap random generators", "integer", ge=0)
    language: Literal["zh", "en"] = P("en", "Language of figure labels and captions", "category")

    def required_columns(self) -> list[str]:
        """Canonical columns a programme file must have (strategy is optional)."""
        return list(
            dict.fromkeys(["unit_id", "tech_spend", "staff_cost", self.outcome, *self.cost_columns])
        )

    @model_validator(mode="after")
    def _consistent(self) -> TechCostEffectivenessParams:
        if not self.outcome.strip():
            raise ValueError("outcome must name a column")
        cols = self.cost_columns
        if len(set(cols)) != len(cols) or any(not c.strip() for c in cols):
            raise ValueError(f"cost_columns must be distinct, non-empty names; got {cols}")
        if self.outcome in cols or self.outcome in ("unit_id", "strategy"):
            raise ValueError(
                f"outcome {self.outcome!r} cannot be a cost column, unit_id or strategy"
            )
        if self.column_map and not self.data_path:
            raise ValueError("column_map renames the columns of a data_path file; set data_path")
        canonical = {*self.required_columns(), "strategy", "service_precision", "satisfaction"}
        stray = [k for k in self.column_map if k not in canonical]
        if stray:
            raise ValueError(
                f"column_map keys {stray} are not canonical names; column_map maps a canonical "
                f"name ({', '.join(sorted(canonical))}) to the column name in your file"
            )
        theirs = list(self.column_map.values())
        if len(set(theirs)) != len(theirs):
            raise ValueError(f"column_map maps two names to the same column: {self.column_map}")
        if self.wtp_min >= self.wtp_max:
            raise ValueError(f"wtp_min ({self.wtp_min}) must be below wtp_max ({self.wtp_max})")
        if not self.wtp_min <= self.wtp <= self.wtp_max:
            raise ValueError(
                f"wtp ({self.wtp}) must lie within the grid wtp_min ({self.wtp_min}) to "
                f"wtp_max ({self.wtp_max})"
            )
        if 0 < self.n_boot < 20:
            raise ValueError(f"n_boot ({self.n_boot}) must be 0 (no bootstrap) or at least 20")
        low, high = self.reward_share_range
        if not 0 < low <= high < 1:
            raise ValueError(
                f"reward_share_range {self.reward_share_range} must be [low, high] with "
                "0 < low <= high < 1"
            )
        if high + self.deadweight >= 1:
            raise ValueError(
                f"reward_share_range high ({high}) plus deadweight ({self.deadweight}) is >= 1: "
                "the budget would pay out every yuan it saves and the scheme could never break "
                "even (infeasible); lower one of them"
            )
        if self.data_path and self.synthetic_staff_penalty != 0.15:
            raise ValueError(
                f"synthetic_staff_penalty ({self.synthetic_staff_penalty}) only changes the "
                "shipped synthetic data; with data_path set leave it at 0.15"
            )
        return self

    def check_inputs(self) -> None:
        """Read ``data_path`` with the column map and check it against the programme schema.

        One InputError names the file, the column or unit and the first few rows (row 1 = the
        first data row): unreadable file, missing column, missing or duplicate unit_id,
        non-numeric, missing or negative costs, outcomes outside their range or not > 0, a unit
        whose cost columns are all zero, duplicate strategy names (differing only in case or
        spaces), a strategy with one unit, too few units for the response curve, no staff cost
        to adjust for.
        """
        if not self.data_path:
            return
        import numpy as np

        from workbench import costeff, io

        raw = io.read_table(
            self.data_path, column_map=self.column_map, required=self.required_columns()
        )
        df = costeff.prepare_programmes(raw, self.outcome, self.cost_columns, self.data_path)
        needed = (4 if self.response_model == "hill" else 2) + int(self.adjust_for_staff) + 2
        if len(df) < needed:
            raise InputError(
                f"{self.data_path}: {len(df)} units; the {self.response_model} response curve "
                f"needs at least {needed}"
            )
        if np.ptp(df["tech_spend"].to_numpy(dtype=float)) == 0:
            raise InputError(
                f"{self.data_path}: column 'tech_spend' is the same for every unit, so no response "
                "curve of the outcome on technology spending can be fitted"
            )
        reference = self.staff_reference or float(np.median(df["staff_cost"]))
        if self.adjust_for_staff and reference <= 0:
            raise InputError(
                f"{self.data_path}: column 'staff_cost' has a median of 0, so no staff cut can be "
                "measured; set staff_reference (yuan) or adjust_for_staff to false"
            )


class TurnoverDriversParams(AnalysisParams):
    """Turnover drivers of committee staff: rates, logit, survival, prediction, what-ifs."""

    data_path: str = P(
        "",
        "A user's workers file (CSV in UTF-8 or GBK, XLSX or Parquet), one row per worker with "
        "worker_id, the outcome, the duration and the drivers; empty for the shipped synthetic "
        "data",
        "path",
    )
    column_map: dict[str, str] = P(
        {},
        "Canonical column name (worker_id, the outcome, duration, entry, a driver or the "
        "cluster) to the name in your file",
        "column names",
    )
    outcome: str = P(
        "left",
        "Outcome column: 1 if the worker left during the observation year, else 0",
        "column name (0/1)",
    )
    duration: str = P(
        "tenure_years",
        "Duration column: years of service at exit or at the end of observation (> 0)",
        "column name (years)",
    )
    entry: str = P(
        "tenure_start_years",
        "Delayed-entry column for the survival analysis: years of service when observation "
        "began; empty for none (if this default column is absent the notebook goes on without "
        "it and warns)",
        "column name (years)",
    )
    drivers: list[str] = P(
        [
            "age",
            "monthly_pay",
            "weekly_hours",
            "duty_overlap",
            "has_sw_certificate",
            "professional_identity",
            "resident_recognition",
        ],
        "Numeric drivers of leaving (canonical names; 0/1 columns count as binary)",
        "column names",
        "the article's hypotheses: pay, status, overlapping duties, workload, identity",
        min_length=1,
        max_length=30,
    )
    categorical: list[str] = P(
        ["contract_type"],
        "Categorical drivers, one-hot encoded against their most frequent level",
        "column names",
        max_length=10,
    )
    cluster: str = P(
        "district",
        "Column of clusters for cluster-robust standard errors (logit, Cox and scenarios); "
        "empty for none",
        "column name",
    )
    young_age: float = P(
        35.0,
        "Age below which a worker counts as young, for the age bands",
        "years",
        "中长期青年发展规划（2016—2025年）: youth is 14-35",
        gt=15,
        le=100,
    )
    benchmark_rate: float = P(
        0.30,
        "Annual turnover rate the observed rates are compared with",
        "fraction per year",
        "Article F9: over 30% a year in Shanghai residents' committees (as quoted in the article)",
        ge=0,
        le=1,
    )
    alpha: float = P(
        0.05, "One minus the confidence level of every interval", "fraction", gt=0, lt=0.5
    )
    model: Literal["hgb", "rf"] = P(
        "hgb",
        "Prediction model: hgb (histogram gradient boosting) or rf (random forest)",
        "category",
        "Friedman 2001; Breiman 2001",
    )
    cv_folds: int = P(5, "Stratified cross-validation folds (one repeat)", "count", ge=2, le=20)
    permutation_repeats: int = P(
        5,
        "Shuffles per driver and held-out fold for permutation importance",
        "count",
        "Breiman 2001; Fisher, Rudin and Dominici 2019",
        ge=1,
        le=50,
    )
    rank_tolerance: int = P(
        1,
        "Largest difference between a driver's logit rank and model rank not flagged as a "
        "disagreement (also used for the synthetic-truth check)",
        "ranks",
        ge=0,
        le=20,
    )
    ph_transform: Literal["km", "rank", "identity", "log"] = P(
        "km",
        "Time transform of the proportional-hazards test (km is the R cox.zph default)",
        "category",
        "Grambsch and Therneau 1994",
    )
    pay_rise_pct: list[float] = P(
        [5.0, 10.0, 20.0],
        "Pay rises to simulate, each applied to every worker",
        "percent of monthly pay",
        max_length=20,
    )
    hours_cut: list[float] = P(
        [2.0, 5.0], "Cuts in weekly working hours to simulate", "hours per week", max_length=20
    )
    overlap_cut: list[float] = P(
        [0.1, 0.2],
        "Cuts in the duty-overlap index (party and mass duties) to simulate",
        "index points (0-1)",
        max_length=20,
    )
    combine_scenarios: bool = P(
        False, "Also simulate every combination of the three levers", "flag"
    )
    replacement_cost_yuan: float = P(
        40000.0,
        "Cost of replacing one leaver (recruitment, training, vacancy)",
        "yuan per exit",
        "assumption: about six months of pay in the synthetic data; set it locally",
        ge=0,
    )
    employer_oncost_rate: float = P(
        0.0,
        "Employer social insurance and housing fund on top of pay, for costing pay rises and "
        "hours cuts",
        "fraction of pay",
        "assumption",
        ge=0,
        le=2,
    )
    overlap_cost_yuan_per_worker: float = P(
        0.0,
        "Annual cost per worker of cutting duty overlap by 0.1 index points (0 leaves the "
        "overlap scenarios uncosted)",
        "yuan per worker per year",
        "assumption",
        ge=0,
    )
    reward_shares: list[float] = P(
        [0.3, 0.5],
        "Shares of an efficiency gain returned to staff as rewards (empty for none)",
        "fraction",
        "Article F10: 30%-50% of efficiency gains (as quoted in the article)",
        max_length=10,
    )
    efficiency_gain_pct_of_payroll: float = P(
        5.0,
        "Efficiency gain the rewards are a share of",
        "percent of annual payroll",
        "assumption: the data cannot measure it",
        ge=0,
        le=100,
    )
    n_draws: int = P(
        500,
        "Parametric-bootstrap draws for the scenario intervals",
        "count",
        "King, Tomz and Wittenberg 2000",
        ge=100,
        le=20000,
    )
    seed: int = P(20220418, "Seed of the folds, models, shuffles and draws", "integer", ge=0)
    language: Literal["zh", "en"] = P("en", "Language of figure labels and captions", "category")

    @model_validator(mode="after")
    def _consistent(self) -> TurnoverDriversParams:
        drivers, cat = self.drivers, self.categorical
        for name, cols in (("drivers", drivers), ("categorical", cat)):
            if len(set(cols)) != len(cols) or any(not c.strip() for c in cols):
                raise ValueError(f"{name} must be distinct, non-empty column names; got {cols}")
        both = sorted(set(drivers) & set(cat))
        if both:
            raise ValueError(f"{both} cannot be in both drivers and categorical")
        for name in ("outcome", "duration"):
            if not getattr(self, name).strip():
                raise ValueError(f"{name} must name a column")
        special = {
            "outcome": self.outcome,
            "duration": self.duration,
            "entry": self.entry,
            "worker_id": "worker_id",
        }
        for name, col in special.items():
            if col and col in (*drivers, *cat):
                raise ValueError(f"{name} column {col!r} cannot also be in drivers or categorical")
        if self.column_map and not self.data_path:
            raise ValueError("column_map renames the columns of a data_path file; set data_path")
        canonical = {*self.required_columns(), self.entry} - {""}
        stray = [k for k in self.column_map if k not in canonical]
        if stray:
            raise ValueError(
                f"column_map keys {stray} are not canonical names; column_map maps a canonical "
                f"name ({', '.join(sorted(canonical))}) to the column name in your file"
            )
        theirs = list(self.column_map.values())
        if len(set(theirs)) != len(theirs):
            raise ValueError(f"column_map maps two names to the same column: {self.column_map}")
        levers = (
            ("pay_rise_pct", self.pay_rise_pct, "monthly_pay", -100.0, 1000.0),
            ("hours_cut", self.hours_cut, "weekly_hours", -168.0, 168.0),
            ("overlap_cut", self.overlap_cut, "duty_overlap", -1.0, 1.0),
        )
        for name, values, column, low, high in levers:
            bad = [v for v in values if not low < v <= high]
            if bad:
                raise ValueError(f"{name} values must lie in ({low:g}, {high:g}]; got {bad}")
            if values and column not in drivers:
                raise ValueError(
                    f"{name} changes {column!r}, which is not in drivers; add it to drivers or "
                    f"set {name} to []"
                )
        if (self.hours_cut or self.reward_shares) and "monthly_pay" not in drivers:
            raise ValueError(
                "hours_cut and reward_shares are costed from 'monthly_pay', which is not in "
                "drivers; add it to drivers or set hours_cut and reward_shares to []"
            )
        bad = [s for s in self.reward_shares if not 0 <= s <= 1]
        if bad:
            raise ValueError(f"reward_shares must be fractions in [0, 1]; got {bad}")
        return self

    def required_columns(self) -> list[str]:
        """Canonical columns a data file must have (the entry column is optional, see entry)."""
        cols = ["worker_id", self.outcome, self.duration, *self.drivers, *self.categorical]
        if self.cluster:
            cols.append(self.cluster)
        return list(dict.fromkeys(cols))

    def entry_column(self, columns: Any) -> str | None:
        """The delayed-entry column to use with a table of these ``columns``, or None.

        None when ``entry`` is empty, or when it is the default column and the table lacks it
        (the notebook then warns that the survival analysis ignores delayed entry); a column
        named explicitly but absent is an error.
        """
        if not self.entry:
            return None
        if self.entry in columns:
            return self.entry
        default = type(self).model_fields["entry"].default
        if self.entry == default and self.entry not in self.column_map:
            return None
        raise InputError(
            f"entry column {self.entry!r} not found; the columns are "
            f"{', '.join(map(str, columns))} (map yours with column_map, or set entry to '' "
            "for no delayed entry)"
        )

    def check_inputs(self) -> None:
        """Read ``data_path`` with the column map and check it against the workers schema.

        One InputError names the file, the column and the first few rows (row 1 = the first
        data row): unreadable file, missing column, missing or duplicate worker_id, outcome not
        0/1, duration missing or <= 0, entry not in [0, duration), a driver that is
        non-numeric, missing, out of range or constant, no leavers or no stayers, a cluster
        column with missing values or one cluster, fewer leavers (or stayers) than cv_folds.
        Fragile input (few events per term, separation) is left to the notebook, which prints
        and records the warning.
        """
        if not self.data_path:
            return
        from workbench import io, turnover

        required = self.required_columns()
        df = io.read_table(
            self.data_path,
            column_map=self.column_map,
            required=[c for c in required if c != self.cluster],
        )
        label = self.data_path
        if self.cluster and self.cluster not in df.columns:
            raise InputError(
                f"{label}: cluster column '{self.cluster}' not found; the file has: "
                f"{', '.join(map(str, df.columns))} (map yours with column_map, or set cluster "
                "to '' for ordinary standard errors)"
            )
        messages = turnover.validate_workers(
            df,
            self.outcome,
            self.duration,
            self.drivers,
            self.categorical,
            source_label=label,
            entry=self.entry_column(df.columns),
            check_separation=False,
        )
        y = df[self.outcome].astype(float)
        events, n = int(y.sum()), len(y)
        if events in (0, n):
            raise InputError(
                f"{messages[-1]} The drivers of turnover need both leavers and stayers."
            )
        if self.cluster:
            miss = df[self.cluster].isna()
            if miss.any():
                raise InputError(
                    f"{label}: cluster column '{self.cluster}' is missing in "
                    f"{io.bad_rows(miss)} (row 1 = first data row); fill it or set cluster to ''"
                )
            if df[self.cluster].nunique() < 2:
                raise InputError(
                    f"{label}: cluster column '{self.cluster}' has a single value; "
                    "cluster-robust errors need at least 2 clusters (set cluster to '')"
                )
        minority = min(events, n - events)
        if minority < self.cv_folds:
            raise InputError(
                f"{label}: only {minority} workers in the rarer outcome class of "
                f"'{self.outcome}', fewer than cv_folds ({self.cv_folds}); lower cv_folds or "
                "add data"
            )


ANALYSES: dict[str, type[AnalysisParams]] = {
    "fiscal_pressure": FiscalPressureParams,
    "funding_distribution": FundingDistributionParams,
    "tech_cost_effectiveness": TechCostEffectivenessParams,
    "turnover_drivers": TurnoverDriversParams,
}


def describe(model: type[AnalysisParams]) -> list[dict[str, Any]]:
    """One row per parameter: name, type, default, unit, description and source."""
    rows = []
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra or {}
        ann = field.annotation
        type_name = getattr(ann, "__name__", None) or str(ann).replace("typing.", "")
        if str(ann).startswith("typing.Literal"):
            type_name = " | ".join(repr(a) for a in ann.__args__)
        rows.append(
            {
                "name": name,
                "type": type_name,
                "default": field.default,
                "unit": extra.get("unit", ""),
                "description": field.description or "",
                "source": extra.get("source", ""),
            }
        )
    return rows


def defaults(analysis: str) -> dict[str, Any]:
    """The model's default value of every parameter."""
    return model_for(analysis)().model_dump()


def model_for(analysis: str) -> type[AnalysisParams]:
    """The parameter model of ``analysis``, or an InputError listing the known analyses."""
    try:
        return ANALYSES[analysis]
    except KeyError:
        known = ", ".join(sorted(ANALYSES))
        raise InputError(f"unknown analysis '{analysis}'; expected one of: {known}") from None


def _yaml_with_lines(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Load a YAML mapping safely and remember the line of every top-level key."""
    if not path.is_file():
        raise InputError(f"parameter file not found: {path}")
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{where}: malformed YAML: {problem}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise InputError(
            f"{path}: expected a mapping of parameter: value, got a {type(data).__name__}"
        )
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[key_node.value] = key_node.start_mark.line + 1
    return data, lines


def parse_flag(flag: str) -> tuple[str, Any]:
    """Split ``name=value`` and parse the value as a YAML scalar or list."""
    name, sep, raw = flag.partition("=")
    name = name.strip()
    if not sep or not name:
        raise InputError(f"-p {flag}: expected name=value")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        raise InputError(f"-p {flag}: the value is not a valid YAML scalar or list") from None
    return name, value


def resolve(analysis: str, files: list[str | Path] = (), flags: list[str] = ()) -> AnalysisParams:
    """Merge defaults, YAML files (in order) and ``-p`` flags, then validate.

    Parameters
    ----------
    analysis : str
        Name of the analysis (a key of :data:`ANALYSES`).
    files : list of path
        YAML files, each a mapping of parameter name to value; later files win.
    flags : list of str
        ``name=value`` strings; values are parsed as YAML scalars or lists; they win over files.

    Returns
    -------
    AnalysisParams
        The validated parameters.

    Raises
    ------
    InputError
        One message naming the parameter, the offending value, what was expected and its origin.
    """
    model = model_for(analysis)
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for f in files:
        path = Path(f)
        data, lines = _yaml_with_lines(path)
        for key, value in data.items():
            values[key] = value
            origin[key] = f"{path}:{lines[key]}" if key in lines else str(path)
    for flag in flags:
        key, value = parse_flag(flag)
        values[key] = value
        origin[key] = f"-p {flag}"
    try:
        return model(**values)
    except ValidationError as exc:
        raise InputError(_explain(exc, model, values, origin)) from None


def _explain(
    exc: ValidationError, model: type[AnalysisParams], values: dict, origin: dict[str, str]
) -> str:
    """Turn pydantic's first error into one sentence with the parameter and its origin."""
    err = exc.errors()[0]
    name = str(err["loc"][0]) if err["loc"] else ""
    if err["type"] == "extra_forbidden":
        known = ", ".join(model.model_fields)
        return f"unknown parameter '{name}' (from {origin.get(name, '?')}); known: {known}"
    if not name:  # a check across fields (model validator)
        msg = err["msg"].removeprefix("Value error, ")
        culprits = [k for k in model.model_fields if k in msg and k in origin]
        where = "; ".join(f"{k} from {origin[k]}" for k in culprits) or "defaults"
        return f"invalid parameters: {msg} ({where})"
    field = model.model_fields[name]
    unit = (field.json_schema_extra or {}).get("unit", "")
    expected = err["msg"].removeprefix("Value error, ")
    return (
        f"parameter '{name}' = {values.get(name)!r} (from {origin.get(name, 'default')}): "
        f"{expected}" + (f" [unit: {unit}]" if unit else "")
    )


def check(analysis: str, namespace: dict[str, Any]) -> AnalysisParams:
    """The notebook's validation call: check the parameters cell's values against the model.

    Call it right after the parameters cell as ``p = check("fiscal_pressure", globals())``. It
    picks the model's fields out of ``namespace`` (papermill's injected values included), raises
    one InputError on a bad value, and starts the notebook's outputs folder.
    """
    from workbench.results import begin

    model = model_for(analysis)
    missing = [k for k in model.model_fields if k not in namespace]
    if missing:
        raise InputError(f"the parameters cell does not define: {', '.join(missing)}")
    values = {k: namespace[k] for k in model.model_fields}
    try:
        validated = model(**values)
    except ValidationError as exc:
        origin = {k: "the notebook's parameters" for k in values}
        raise InputError(_explain(exc, model, values, origin)) from None
    begin(analysis)
    return validated
