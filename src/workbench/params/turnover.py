"""Parameters of the turnover-drivers analysis."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import model_validator

from workbench.errors import InputError
from workbench.params.base import AnalysisParams, P


class TurnoverDriversParams(AnalysisParams):
    """Turnover drivers of committee staff: rates, logit, survival, prediction, what-ifs."""

    ANALYSIS: ClassVar[str] = "turnover_drivers"
    PACKAGE: ClassVar[str] = "turnover"

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
