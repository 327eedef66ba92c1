"""Parameters of the technology cost-effectiveness analysis."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator

from workbench.params.base import SEED_MAX, AnalysisParams, P


class TechCostEffectivenessParams(AnalysisParams):
    """Technology cost-effectiveness: response curves, strategy ICERs and PSA, DEA, the reward."""

    ANALYSIS: ClassVar[str] = "tech_cost_effectiveness"
    PACKAGE: ClassVar[str] = "costeff"
    TITLE: ClassVar[tuple[str, str]] = (
        "What technology spending buys",
        "技术投入的成本效果",
    )

    data_path: str = P(
        "",
        "A user's programme file (CSV in UTF-8 or GBK, XLSX or Parquet), one row per unit with "
        "unit_id, tech_spend, staff_cost, the outcome and optionally strategy; empty for the "
        "shipped synthetic data",
        "path",
        "choice",
        help="Your programme file (CSV, XLSX, Parquet); empty for the synthetic data",
        label=("Programme file", "项目数据文件"),
    )
    column_map: dict[str, str] = P(
        {},
        "Canonical column name (unit_id, tech_spend, staff_cost, strategy, the outcome) to the "
        "name in your file",
        "column names",
        "choice",
        help="Canonical column name to the name in your file",
        label=("Column name map", "列名对照"),
    )
    outcome: str = P(
        "service_precision",
        "Outcome column: service_precision (share of needs met, 0-1) or satisfaction (0-100)",
        "column name",
        "choice",
        help="service_precision (0-1) or satisfaction (0-100)",
        label=("Outcome", "结果指标"),
    )
    cost_columns: list[str] = P(
        ["tech_spend", "staff_cost"],
        "Cost columns (yuan a year) summed into total cost per unit and used as DEA inputs",
        "column names",
        "choice",
        help="Costs (yuan a year); DEA inputs",
        min_length=1,
        max_length=10,
        label=("Cost columns", "成本列"),
    )
    effect_scale: float = P(
        100.0,
        "Multiplier from the outcome to the effect used in ICERs and NMB (100 turns a share "
        "into percentage points)",
        "effect units per outcome unit",
        "choice",
        help="Outcome to effect (100: share to pp)",
        gt=0,
        label=("Effect scale", "效果换算系数"),
    )
    response_model: Literal["hill", "log"] = P(
        "hill",
        "Response curve of the outcome on tech spend: hill (saturating, S-shaped) or log",
        "category",
        "Hill 1910; Goutelle et al. 2008",
        help="Response curve: hill (saturating) or log",
        label=("Response curve", "响应曲线"),
    )
    adjust_for_staff: bool = P(
        True,
        "Hold staff time fixed in the response curve (covariate: fractional staff cut)",
        "flag",
        "易臻真, 澎湃新闻 2022-04-18 (the hypothesis it tests: cutting staff lowers precision)",
        help="Hold staff time fixed in the response curve",
        label=("Hold staff time fixed", "控制人员投入"),
    )
    staff_reference: float = P(
        0.0,
        "Staff cost below which staff time counts as cut; 0 uses the data median",
        "yuan a year",
        "choice",
        help="Staff cost below which staff counts as cut; 0: median",
        ge=0,
        label=("Staff cut reference", "人员削减参照值"),
    )
    marginal_step: float = P(
        10000.0,
        "Extra tech spend for the marginal return (1万元)",
        "yuan",
        "choice",
        gt=0,
        label=("Marginal spend step", "边际投入步长"),
    )
    marginal_threshold: float = P(
        0.0001,
        "Marginal return below which extra tech spend counts as diminishing",
        "outcome units per marginal_step yuan",
        "assumption: 0.01 percentage points of needs met per 10,000 yuan is negligible",
        help="Negligible return",
        gt=0,
        label=("Negligible return", "可忽略的回报"),
    )
    n_boot: int = P(
        200,
        "Bootstrap replicates for the curve's intervals (0 for none, else at least 20)",
        "count",
        "choice",
        help="Bootstrap replicates of the curve (0: none, else at least 20)",
        ge=0,
        le=5000,
        label=("Bootstrap replicates", "自助法重复次数"),
    )
    wtp_min: float = P(
        0.0,
        "Lowest willingness to pay on the grid",
        "yuan per effect unit",
        "choice",
        ge=0,
        label=("Lowest willingness to pay", "最低支付意愿"),
    )
    wtp_max: float = P(
        1000000.0,
        "Highest willingness to pay on the grid",
        "yuan per effect unit",
        "choice",
        gt=0,
        label=("Highest willingness to pay", "最高支付意愿"),
    )
    wtp_steps: int = P(
        101,
        "Points on the willingness-to-pay grid",
        "count",
        "choice",
        ge=2,
        le=1001,
        label=("Willingness-to-pay grid points", "支付意愿网格点数"),
    )
    wtp: float = P(
        100000.0,
        "Willingness to pay for one effect unit (a percentage point of needs met) per unit a "
        "year, for the decision",
        "yuan per effect unit",
        "assumption: no official threshold exists",
        help="Willingness to pay per effect unit, for the decision",
        ge=0,
        label=("Willingness to pay", "支付意愿"),
    )
    psa_draws: int = P(
        10000,
        "Monte Carlo draws of the probabilistic sensitivity analysis (bootstrap of units)",
        "count",
        "choice",
        help="PSA draws (bootstrap of units)",
        ge=100,
        le=200000,
        label=("Sensitivity analysis draws", "概率敏感性分析抽样次数"),
    )
    discount_rate: float = P(
        0.035,
        "Annual discount rate for multi-year costs, effects and savings",
        "fraction per year",
        "HM Treasury Green Book 2022",
        help="Discount rate for multi-year totals",
        ge=0,
        le=0.2,
        label=("Discount rate", "折现率"),
    )
    horizon_years: int = P(
        5,
        "Years the decision and the reward scheme run",
        "years",
        "assumption: a five-year planning period",
        ge=1,
        le=50,
        label=("Horizon", "评估年限"),
    )
    reward_share_range: list[float] = P(
        [0.3, 0.5],
        "Lowest and highest share of measured savings returned as rewards",
        "fraction",
        "易臻真, 澎湃新闻 2022-04-18 (F10, 30%-50%, as quoted in the article)",
        help="Lowest, highest share of savings paid as rewards",
        min_length=2,
        max_length=2,
        label=("Reward share range", "奖励比例范围"),
    )
    efficiency_gain: float = P(
        0.05,
        "Measured saving from the reward scheme as a share of total cost",
        "fraction of cost a year",
        "assumption: not measured; the break-even gain is the robust number",
        help="Measured saving as a share of total cost",
        gt=0,
        le=1,
        label=("Efficiency gain", "效率提升"),
    )
    admin_cost_share: float = P(
        0.01,
        "Annual cost of measuring savings and running the scheme as a share of total cost",
        "fraction of cost a year",
        "assumption: not measured",
        help="Scheme's running cost, share of cost",
        ge=0,
        lt=1,
        label=("Administration cost", "管理成本"),
    )
    deadweight: float = P(
        0.2,
        "Share of measured savings that would have happened without the scheme",
        "fraction",
        "assumption: not measured",
        help="Share of savings that would have happened anyway",
        ge=0,
        lt=1,
        label=("Deadweight", "本会发生的节约"),
    )
    dea_rts: Literal["crs", "vrs"] = P(
        "crs",
        "Returns to scale of the headline DEA (both are computed): crs or vrs",
        "category",
        "Charnes, Cooper and Rhodes 1978; Banker, Charnes and Cooper 1984",
        help="Returns to scale of the headline DEA: crs or vrs",
        label=("Returns to scale", "规模报酬"),
    )
    synthetic_staff_penalty: float = P(
        0.15,
        "Precision lost at a 100% staff cut in the synthetic data (0.15 is the shipped file; 0 "
        "switches the article's hypothesis off; above 0.8 some programmes reach zero precision, "
        "which the ratio methods cannot use); only without data_path",
        "share points",
        "choice",
        help="Synthetic data: precision lost at a 100% cut",
        ge=0,
        le=0.8,
        label=("Synthetic staff penalty", "模拟数据的人员削减惩罚"),
    )
    seed: int = P(
        20220418,
        "Seed of the PSA and bootstrap random generators",
        "integer",
        "choice",
        ge=0,
        le=SEED_MAX,
        label=("Random seed", "随机种子"),
    )
    language: Literal["zh", "en"] = P(
        "en",
        "Language of figure labels and captions",
        "category",
        "choice",
        label=("Language", "语言"),
    )

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
        shipped = type(self).model_fields["synthetic_staff_penalty"].default
        if self.data_path and self.synthetic_staff_penalty != shipped:
            raise ValueError(
                f"synthetic_staff_penalty ({self.synthetic_staff_penalty}) only changes the "
                f"shipped synthetic data; with data_path set leave it at {shipped}"
            )
        return self
