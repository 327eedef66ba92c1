"""Parameters of the turnover-drivers analysis."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator

from workbench.params.base import SEED_MAX, AnalysisParams, P


class TurnoverDriversParams(AnalysisParams):
    """Turnover drivers of committee staff: rates, logit, survival, prediction, what-ifs."""

    ANALYSIS: ClassVar[str] = "turnover_drivers"
    PACKAGE: ClassVar[str] = "turnover"
    TITLE: ClassVar[tuple[str, str]] = (
        "Why community workers leave",
        "社区工作者为何离职",
    )

    data_path: str = P(
        "",
        "A user's workers file (CSV in UTF-8 or GBK, XLSX or Parquet), one row per worker with "
        "worker_id, the outcome, the duration and the drivers; empty for the shipped synthetic "
        "data",
        "path",
        "choice",
        help="Your workers file (CSV, XLSX, Parquet); empty: shipped synthetic data",
        label=("Workers file", "人员数据文件"),
    )
    column_map: dict[str, str] = P(
        {},
        "Canonical column name (worker_id, the outcome, duration, entry, a driver or the "
        "cluster) to the name in your file",
        "column names",
        "choice",
        help="Canonical column name to the name in your file",
        label=("Column name map", "列名对照"),
    )
    outcome: str = P(
        "left",
        "Outcome column: 1 if the worker left during the observation year, else 0",
        "column name (0/1)",
        "choice",
        help="Outcome column: 1 if the worker left during the year",
        label=("Outcome column", "离职结果列"),
    )
    duration: str = P(
        "tenure_years",
        "Duration column: years of service at exit or at the end of observation (> 0)",
        "column name (years)",
        "choice",
        help="Years of service at exit or at year end",
        label=("Duration column", "工龄列"),
    )
    entry: str = P(
        "tenure_start_years",
        "Delayed-entry column for the survival analysis: years of service when observation "
        "began; empty for none (if this default column is absent the analysis goes on without "
        "it and warns)",
        "column name (years)",
        "choice",
        help="Delayed-entry column; empty: none",
        label=("Delayed-entry column", "延迟进入列"),
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
        "易臻真, 澎湃新闻 2022-04-18 (F9): the article's explanations of turnover (pay, status, "
        "overlapping duties, workload, identity, the certificate)",
        help="Numeric drivers of leaving",
        min_length=1,
        max_length=30,
        label=("Numeric drivers", "数值型因素"),
    )
    categorical: list[str] = P(
        ["contract_type"],
        "Categorical drivers, one-hot encoded against their most frequent level",
        "column names",
        "choice",
        help="Categorical drivers (one-hot)",
        max_length=10,
        label=("Categorical drivers", "类别型因素"),
    )
    cluster: str = P(
        "district",
        "Column of clusters for cluster-robust standard errors (logit, Cox and scenarios); "
        "empty for none",
        "column name",
        "choice",
        help="Clusters of the cluster-robust errors; empty for none",
        label=("Cluster column", "聚类列"),
    )
    young_age: float = P(
        35.0,
        "Age below which a worker counts as young, for the age bands",
        "years",
        "中共中央、国务院《中长期青年发展规划（2016—2025年）》2017: youth is 14-35",
        gt=15,
        le=100,
        label=("Young age limit", "青年年龄上限"),
    )
    benchmark_rate: float = P(
        0.30,
        "Annual turnover rate the observed rates are compared with",
        "fraction per year",
        "易臻真, 澎湃新闻 2022-04-18 (F9): over 30% a year in Shanghai residents' committees, as "
        "quoted in the article",
        help="Turnover rate to compare with",
        ge=0,
        le=1,
        label=("Benchmark turnover rate", "基准离职率"),
    )
    alpha: float = P(
        0.05,
        "One minus the confidence level of every interval",
        "fraction",
        "choice",
        help="1 - confidence level (0.001 to 0.5: 99.9% to 50% intervals)",
        ge=0.001,
        lt=0.5,
        label=("Significance level", "显著性水平"),
    )
    model: Literal["hgb", "rf"] = P(
        "hgb",
        "Prediction model: hgb (histogram gradient boosting, Friedman 2001) or rf (random "
        "forest, Breiman 2001)",
        "category",
        "choice",
        help="Prediction model: hgb (gradient boosting) or rf (random forest)",
        label=("Prediction model", "预测模型"),
    )
    cv_folds: int = P(
        5,
        "Stratified cross-validation folds (one repeat)",
        "count",
        "choice",
        ge=2,
        le=20,
        label=("Cross-validation folds", "交叉验证折数"),
    )
    permutation_repeats: int = P(
        5,
        "Shuffles per driver and held-out fold for permutation importance (Breiman 2001; "
        "Fisher, Rudin and Dominici 2019)",
        "count",
        "choice",
        help="Shuffles per driver and held-out fold",
        ge=1,
        le=50,
        label=("Permutation repeats", "置换重复次数"),
    )
    rank_tolerance: int = P(
        1,
        "Largest difference between a driver's logit rank and model rank not flagged as a "
        "disagreement (also used for the synthetic-truth check)",
        "ranks",
        "choice",
        help="Largest rank difference not flagged as a disagreement",
        ge=0,
        le=20,
        label=("Rank tolerance", "排序容差"),
    )
    ph_transform: Literal["km", "rank", "identity", "log"] = P(
        "km",
        "Time transform of the proportional-hazards test (km is the R cox.zph default)",
        "category",
        "Grambsch and Therneau 1994; Therneau and Grambsch 2000 (R survival cox.zph)",
        help="Time transform of the proportional-hazards test",
        label=("PH test time transform", "比例风险检验时间变换"),
    )
    pay_rise_pct: list[float] = P(
        [5.0, 10.0, 20.0],
        "Pay rises to simulate, each applied to every worker",
        "percent of monthly pay",
        "choice",
        help="Pay rises to simulate",
        max_length=20,
        label=("Pay rise", "加薪幅度"),
    )
    hours_cut: list[float] = P(
        [2.0, 5.0],
        "Cuts in weekly working hours to simulate",
        "hours per week",
        "choice",
        max_length=20,
        label=("Cut in weekly hours", "每周工时减少"),
    )
    overlap_cut: list[float] = P(
        [0.1, 0.2],
        "Cuts in the duty-overlap index (party and mass duties) to simulate",
        "index points (0-1)",
        "choice",
        help="Cuts in the duty-overlap index to simulate",
        max_length=20,
        label=("Cut in duty overlap", "职责重叠指数降低"),
    )
    combine_scenarios: bool = P(
        False,
        "Also simulate every combination of the three levers",
        "flag",
        "choice",
        label=("Combine the levers", "组合各项措施"),
    )
    replacement_cost_yuan: float = P(
        40000.0,
        "Cost of replacing one leaver (recruitment, training, vacancy)",
        "yuan per exit",
        "assumption: about six months of pay in the synthetic data; set it locally",
        help="Cost of replacing one leaver",
        ge=0,
        label=("Replacement cost", "替换成本"),
    )
    employer_oncost_rate: float = P(
        0.0,
        "Employer social insurance and housing fund on top of pay, for costing pay rises and "
        "hours cuts",
        "fraction of pay",
        "assumption: 0 leaves on-costs out; set the local contribution rates",
        help="Employer on-costs on top of pay",
        ge=0,
        le=2,
        label=("Employer on-cost rate", "雇主附加成本率"),
    )
    overlap_cost_yuan_per_worker: float = P(
        0.0,
        "Annual cost per worker of cutting duty overlap by 0.1 index points (0 leaves the "
        "overlap scenarios uncosted)",
        "yuan/worker/year",
        "assumption: unknown; 0 leaves the overlap scenarios uncosted",
        help="Cost of 0.1 less overlap (0: none)",
        ge=0,
        label=("Cost of less overlap", "减少职责重叠的成本"),
    )
    reward_shares: list[float] = P(
        [0.3, 0.5],
        "Shares of an efficiency gain returned to staff as rewards (empty for none)",
        "fraction",
        "易臻真, 澎湃新闻 2022-04-18 (F10): 30%-50% of efficiency gains, as quoted in the article",
        help="Shares of an efficiency gain returned to staff",
        max_length=10,
        label=("Reward shares", "奖励分成比例"),
    )
    efficiency_gain_pct_of_payroll: float = P(
        5.0,
        "Efficiency gain the rewards are a share of",
        "% of annual payroll",
        "assumption: the data cannot measure it",
        help="Gain shared as rewards",
        ge=0,
        le=100,
        label=("Efficiency gain", "效率收益"),
    )
    n_draws: int = P(
        500,
        "Parametric-bootstrap draws for the scenario intervals (King, Tomz and Wittenberg 2000)",
        "count",
        "choice",
        help="Parametric-bootstrap draws for the scenario intervals",
        ge=100,
        le=20000,
        label=("Bootstrap draws", "自助法抽样次数"),
    )
    seed: int = P(
        20220418,
        "Seed of the folds, models, shuffles and draws",
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
