"""Technology cost-effectiveness: what data-platform spending buys, and what a reward costs.

Pure, vectorised functions for the fourth analysis (``04_tech_cost_effectiveness``):

1. arithmetic on the article's provincial spending figures (:func:`article_spending_arithmetic`);
2. response curves of a service outcome on technology spending, log and Hill (saturating), with
   confidence intervals, marginal returns and the spend where returns fall below a threshold
   (:func:`fit_response`, :func:`response_curve`, :func:`marginal_response`,
   :func:`spend_at_marginal`, :func:`bootstrap_response`);
3. strategy comparison: incremental cost-effectiveness ratios with strong and extended dominance
   (:func:`icers`), the cost-effectiveness plane (:func:`ce_plane`), net monetary benefit
   (:func:`nmb`, :func:`nmb_table`, :func:`optimal_strategy`), probabilistic sensitivity analysis
   (:func:`psa_bootstrap`, :func:`psa_parametric`, :func:`ceac`, :func:`evpi`), discounting
   (:func:`discount`, :func:`discount_factors`) and one-way sensitivity (:func:`tornado`);
4. efficiency frontier by data envelopment analysis (:func:`dea`, :func:`dea_details`);
5. the 30-50% efficiency-reward scheme from the budget's and society's perspectives
   (:func:`incentive`, :func:`potential_savings`);
6. validation of the canonical programme frame (:func:`validate_programmes`).

Canonical programme frame: one row per unit (community, district or province) with ``unit_id``,
``tech_spend`` (yuan), ``staff_cost`` (yuan), one or more outcome columns (default
``service_precision``, the share of residents' needs met, in [0, 1]) and optionally ``strategy``.

Every function that receives user data raises :class:`workbench.errors.InputError` with one message
naming the column, strategy or unit and the first few row numbers (row 1 is the first data row
after the header). No result hides a division by zero as ``inf`` or ``NaN``; where ``NaN`` is part
of a documented output (an ICER that is not defined for a reference or dominated strategy), the
docstring says so.

References
----------
Drummond MF, Sculpher MJ, Claxton K, Stoddart GL, Torrance GW (2015). *Methods for the Economic
Evaluation of Health Care Programmes*, 4th ed. Oxford University Press.
Briggs A, Claxton K, Sculpher M (2006). *Decision Modelling for Health Economic Evaluation*. Oxford
University Press.
Alarid-Escudero F, Knowlton G, Enns EA, the DARTH workgroup. ``dampack``: Decision-Analytic
Modeling Package (R), ``calculate_icers``, ``ceac``, ``calc_evpi``.
Charnes A, Cooper WW, Rhodes E (1978). Measuring the efficiency of decision making units.
*European Journal of Operational Research* 2(6): 429-444.
Banker RD, Charnes A, Cooper WW (1984). Some models for estimating technical and scale
inefficiencies in data envelopment analysis. *Management Science* 30(9): 1078-1092.
HM Treasury (2022). *The Green Book: Central Government Guidance on Appraisal and Evaluation*.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import optimize, special, stats

from workbench.errors import InputError
from workbench.io import bad_rows

__all__ = [
    "ARTICLE_CITATION",
    "DEAResult",
    "OUTCOME_BOUNDS",
    "PSASample",
    "ResponseFit",
    "STATUSES",
    "arm_summary",
    "article_spending_arithmetic",
    "bootstrap_response",
    "ce_plane",
    "ceac",
    "check_strategies",
    "cost_per_outcome",
    "dea",
    "dea_details",
    "discount",
    "discount_factors",
    "evpi",
    "fit_response",
    "incentive",
    "icers",
    "marginal_response",
    "nmb",
    "nmb_table",
    "optimal_strategy",
    "potential_savings",
    "predict_response",
    "prepare_programmes",
    "psa_bootstrap",
    "psa_parametric",
    "response_curve",
    "spend_at_marginal",
    "staff_cut",
    "strategy_tornado",
    "tornado",
    "validate_programmes",
    "with_total_cost",
]

ARTICLE_CITATION = "易臻真, 澎湃新闻 (The Paper), 2022-04-18"
ARTICLE_LABEL = f"arithmetic on figures as quoted in the article ({ARTICLE_CITATION}); not verified"

#: Status values of :func:`icers`, in the order a reader meets them.
STATUSES = ("reference", "non-dominated", "dominated", "extendedly dominated")

#: Inclusive bounds of the canonical outcome columns (share of needs met; satisfaction score).
OUTCOME_BOUNDS: dict[str, tuple[float, float]] = {
    "service_precision": (0.0, 1.0),
    "satisfaction": (0.0, 100.0),
}

#: Yuan per unit of the money units used in the article and the reference tables.
UNIT_TO_YUAN = {"yuan": 1.0, "元": 1.0, "万元": 1.0e4, "亿元": 1.0e8}

_MAX_ROWS_SHOWN = 5
_DEA_TOL = 1e-6


# ---------------------------------------------------------------------------------------------
# helpers: messages and column checks
# ---------------------------------------------------------------------------------------------


def _rows(mask: np.ndarray) -> str:
    """Describe the rows where ``mask`` is true, 1-based, first few only."""
    return f"{bad_rows(mask, limit=_MAX_ROWS_SHOWN)} (row 1 = first data row)"


def _require_frame(df: object, where: str) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{where}: expected a pandas DataFrame, got {type(df).__name__}.")
    if len(df) == 0:
        raise InputError(f"{where}: the table has no data rows.")
    return df


def _require_columns(df: pd.DataFrame, columns: Sequence[str], where: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        have = ", ".join(repr(str(c)) for c in df.columns[:12])
        raise InputError(
            f"{where}: missing column(s) {', '.join(repr(c) for c in missing)}; "
            f"the table has {have}. Map your column names with column_map."
        )


def _numeric_column(
    df: pd.DataFrame,
    column: str,
    where: str,
    *,
    what: str = "values",
    nonnegative: bool = False,
    positive: bool = False,
) -> np.ndarray:
    """Return ``df[column]`` as a finite float array or raise one clear :class:`InputError`."""
    raw = df[column]
    values = pd.to_numeric(raw, errors="coerce")
    bad_text = values.isna().to_numpy() & raw.notna().to_numpy()
    if bad_text.any():
        raise InputError(f"{where}: column {column!r} has non-numeric {what} in {_rows(bad_text)}.")
    arr = values.to_numpy(dtype=float)
    missing = np.isnan(arr)
    if missing.any():
        raise InputError(f"{where}: column {column!r} has missing {what} in {_rows(missing)}.")
    infinite = ~np.isfinite(arr)
    if infinite.any():
        raise InputError(f"{where}: column {column!r} has infinite {what} in {_rows(infinite)}.")
    if positive:
        bad = arr <= 0
        if bad.any():
            raise InputError(
                f"{where}: column {column!r} has zero or negative {what} in {_rows(bad)}; "
                "a ratio needs them to be > 0."
            )
    elif nonnegative:
        bad = arr < 0
        if bad.any():
            raise InputError(
                f"{where}: column {column!r} has negative {what} in {_rows(bad)}; "
                "they must be >= 0."
            )
    return arr


def _strategy_names(df: pd.DataFrame, strategy: str, where: str) -> np.ndarray:
    names = df[strategy]
    missing = names.isna().to_numpy()
    if missing.any():
        raise InputError(f"{where}: column {strategy!r} has missing names in {_rows(missing)}.")
    as_text = names.astype(str)
    dup = as_text.duplicated(keep=False).to_numpy()
    if dup.any():
        first = as_text[dup].iloc[0]
        raise InputError(
            f"{where}: duplicate strategy name {first!r} in column {strategy!r} in "
            f"{_rows((as_text == first).to_numpy())}; strategy names must be unique."
        )
    return as_text.to_numpy()


def _finite_array(values: ArrayLike, name: str, where: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(arr)):
        bad = ~np.isfinite(arr.reshape(-1))
        raise InputError(f"{where}: {name} has missing or infinite values at {_rows(bad)}.")
    return arr


def _scalar_or_array(arr: np.ndarray) -> float | np.ndarray:
    return float(arr) if arr.ndim == 0 else arr


# ---------------------------------------------------------------------------------------------
# 6. validation of the canonical programme frame
# ---------------------------------------------------------------------------------------------


def validate_programmes(
    df: pd.DataFrame,
    outcome: str = "service_precision",
    cost_columns: Sequence[str] = ("tech_spend", "staff_cost"),
    source_label: str = "programme data",
    *,
    unit: str = "unit_id",
    strategy: str | None = None,
    outcome_bounds: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """Check a canonical programme frame and return a clean copy with float columns.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per unit (community, district or province), columns already mapped to the
        canonical names (``workbench.io`` applies ``column_map``).
    outcome : str
        Outcome column, e.g. ``service_precision`` (share of residents' needs met, 0-1).
    cost_columns : sequence of str
        Cost columns in yuan (default ``tech_spend`` and ``staff_cost``); each must be >= 0.
    source_label : str
        Name of the data source, used at the start of every error message (e.g. the file name).
    unit : str
        Unit identifier column; values must be present and unique.
    strategy : str or None
        Optional arm column; when given, every row must name a strategy.
    outcome_bounds : (float, float) or None
        Inclusive bounds for the outcome, e.g. ``(0, 1)`` for a share; ``None`` skips the check.

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` with the cost and outcome columns as ``float``.

    Raises
    ------
    InputError
        One message naming the source, the column and the first few offending rows (row 1 is the
        first data row after the header): missing columns, missing or duplicate unit ids,
        non-numeric, missing, infinite or negative costs, non-numeric or out-of-range outcomes,
        missing strategy names.

    Notes
    -----
    The checks follow the data-cleaning step that precedes any cost-effectiveness analysis
    (Drummond et al. 2015, ch. 4): costs are resource use valued in money and cannot be negative;
    outcomes must be measured on a stated scale.
    """
    where = str(source_label)
    _require_frame(df, where)
    needed = [unit, *cost_columns, outcome] + ([strategy] if strategy else [])
    _require_columns(df, needed, where)
    if len(cost_columns) == 0:
        raise InputError(f"{where}: cost_columns is empty; name at least one cost column (yuan).")
    ids = df[unit]
    missing_id = ids.isna().to_numpy()
    if missing_id.any():
        raise InputError(f"{where}: column {unit!r} has missing unit ids in {_rows(missing_id)}.")
    dup = ids.astype(str).duplicated(keep=False).to_numpy()
    if dup.any():
        first = ids.astype(str)[dup].iloc[0]
        raise InputError(
            f"{where}: duplicate unit id {first!r} in column {unit!r} in "
            f"{_rows((ids.astype(str) == first).to_numpy())}; each unit must appear once."
        )
    out = df.copy()
    for col in cost_columns:
        out[col] = _numeric_column(df, col, where, what="costs (yuan)", nonnegative=True)
    y = _numeric_column(df, outcome, where, what="outcomes")
    if outcome_bounds is not None:
        lo, hi = outcome_bounds
        bad = (y < lo) | (y > hi)
        if bad.any():
            raise InputError(
                f"{where}: column {outcome!r} has values outside [{lo}, {hi}] in {_rows(bad)}."
            )
    out[outcome] = y
    if strategy:
        miss = df[strategy].isna().to_numpy()
        if miss.any():
            raise InputError(
                f"{where}: column {strategy!r} has missing strategy names in {_rows(miss)}."
            )
    return out


def check_strategies(
    df: pd.DataFrame,
    strategy: str = "strategy",
    source_label: str = "programme data",
    *,
    min_units: int = 2,
) -> list[str]:
    """Check a unit-level strategy (arm) column: one spelling per strategy, enough units each.

    Parameters
    ----------
    df : pandas.DataFrame
        Unit-level programme frame with a strategy column.
    strategy : str
        Strategy column.
    source_label : str
        Name of the data source, used at the start of every error message.
    min_units : int
        Fewest units a strategy may have (2 gives a standard error of its mean).

    Returns
    -------
    list of str
        The strategy names, sorted.

    Raises
    ------
    InputError
        Missing names; duplicate strategy names, i.e. names that differ only in case or in
        surrounding spaces (``"Blended"`` and ``"blended "`` would silently become two strategies);
        a strategy with fewer than ``min_units`` units. Messages name the strategy and rows.

    Notes
    -----
    Arm-level means and their standard errors are the inputs of :func:`arm_summary`,
    :func:`icers` and the PSA (Briggs, Claxton & Sculpher 2006, ch. 5).
    """
    where = str(source_label)
    _require_frame(df, where)
    _require_columns(df, [strategy], where)
    miss = df[strategy].isna().to_numpy()
    if miss.any():
        raise InputError(
            f"{where}: column {strategy!r} has missing strategy names in {_rows(miss)}."
        )
    raw = df[strategy].astype(str)
    key = raw.str.strip().str.casefold()
    for k in sorted(key.unique()):
        spellings = list(dict.fromkeys(raw[key == k]))
        if len(spellings) > 1:
            note = " (row 1 = first data row)"
            parts = "; ".join(
                f"{s!r} in {_rows((raw == s).to_numpy()).removesuffix(note)}" for s in spellings
            )
            raise InputError(
                f"{where}: duplicate strategy name {k!r} in column {strategy!r}, spelled "
                f"{len(spellings)} ways ({parts}){note}; they would count as different "
                "strategies. Use one spelling."
            )
    counts = raw.value_counts()
    small = counts[counts < int(min_units)].sort_index()
    if len(small):
        name = str(small.index[0])
        raise InputError(
            f"{where}: strategy {name!r} in column {strategy!r} has {int(small.iloc[0])} "
            f"unit(s), in {_rows((raw == name).to_numpy())}; each strategy needs at least "
            f"{int(min_units)} units for a standard error."
        )
    return sorted(str(s) for s in counts.index)


def prepare_programmes(
    df: pd.DataFrame,
    outcome: str = "service_precision",
    cost_columns: Sequence[str] = ("tech_spend", "staff_cost"),
    source_label: str = "programme data",
    *,
    strategy: str = "strategy",
) -> pd.DataFrame:
    """Validate a programme frame for the cost-effectiveness notebook (ratios, DEA, strategies).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per unit with canonical column names (``unit_id``, ``tech_spend``,
        ``staff_cost``, the outcome, the cost columns; ``strategy`` optional).
    outcome : str
        Outcome column; canonical outcomes must lie within :data:`OUTCOME_BOUNDS`.
    cost_columns : sequence of str
        Cost columns in yuan summed into total cost and used as DEA inputs.
    source_label : str
        Name of the data source (e.g. the file), used at the start of every error message.
    strategy : str
        Strategy column; checked with :func:`check_strategies` when present, else ignored.

    Returns
    -------
    pandas.DataFrame
        The validated copy from :func:`validate_programmes`.

    Raises
    ------
    InputError
        Everything :func:`validate_programmes` and :func:`check_strategies` raise, plus zero or
        negative outcomes (cost per outcome point and DEA scores are ratios that need outcomes
        > 0) and units whose cost columns are all zero (a DEA unit must use some input).

    Notes
    -----
    ``tech_spend`` and ``staff_cost`` are always checked (>= 0 yuan), since the response curve
    and the staff adjustment use them even when they are not cost columns. DEA needs every
    unit to use some input (Cooper, Seiford & Tone 2007, ch. 2); the average cost-effectiveness
    ratio needs effects > 0 (Drummond et al. 2015, ch. 4).
    """
    where = str(source_label)
    cost_columns = list(cost_columns)
    if not cost_columns:
        raise InputError(f"{where}: cost_columns is empty; name at least one cost column (yuan).")
    money = list(dict.fromkeys(["tech_spend", "staff_cost", *cost_columns]))
    has_strategy = isinstance(df, pd.DataFrame) and strategy in df.columns
    out = validate_programmes(
        df,
        outcome,
        money,
        where,
        strategy=strategy if has_strategy else None,
        outcome_bounds=OUTCOME_BOUNDS.get(outcome),
    )
    out[outcome] = _numeric_column(out, outcome, where, what="outcomes", positive=True)
    costs = out[cost_columns].to_numpy(dtype=float)
    zero = ~(costs > 0).any(axis=1)
    if zero.any():
        first = out["unit_id"].astype(str).iloc[int(np.argmax(zero))]
        raise InputError(
            f"{where}: unit {first!r} has all-zero inputs ({', '.join(cost_columns)} all 0) in "
            f"{_rows(zero)}; DEA and cost ratios need every unit to use some input."
        )
    if has_strategy:
        check_strategies(out, strategy, where)
    return out


def with_total_cost(
    df: pd.DataFrame,
    cost_columns: Sequence[str] = ("tech_spend", "staff_cost"),
    name: str = "cost",
) -> pd.DataFrame:
    """Return a copy of ``df`` with ``name`` = the row sum of ``cost_columns`` (yuan).

    Parameters
    ----------
    df : pandas.DataFrame
        Programme frame.
    cost_columns : sequence of str
        Cost columns in yuan, each >= 0.
    name : str
        Name of the new total-cost column.

    Returns
    -------
    pandas.DataFrame
        Copy with the total cost column, ``C_i = sum_k cost_{ik}`` (yuan).

    Notes
    -----
    Total cost is the sum of resource costs from one perspective (Drummond et al. 2015, ch. 7).
    """
    _require_frame(df, "with_total_cost")
    _require_columns(df, list(cost_columns), "with_total_cost")
    parts = [
        _numeric_column(df, c, "with_total_cost", what="costs (yuan)", nonnegative=True)
        for c in cost_columns
    ]
    out = df.copy()
    out[name] = np.sum(parts, axis=0)
    return out


def arm_summary(
    df: pd.DataFrame,
    strategy: str = "strategy",
    cost_columns: Sequence[str] = ("tech_spend", "staff_cost"),
    outcome: str = "service_precision",
    effect_scale: float = 1.0,
) -> pd.DataFrame:
    """Mean cost and mean effect per strategy, with standard errors, ready for :func:`icers`.

    Parameters
    ----------
    df : pandas.DataFrame
        Programme frame with a strategy column.
    strategy : str
        Strategy (arm) column.
    cost_columns : sequence of str
        Cost columns in yuan, summed per unit.
    outcome : str
        Outcome column.
    effect_scale : float
        Multiplier for the outcome, e.g. 100 to express a share as percentage points.

    Returns
    -------
    pandas.DataFrame
        Columns ``strategy``, ``n``, ``cost`` (mean yuan per unit), ``effect`` (mean outcome x
        ``effect_scale``), ``se_cost``, ``se_effect`` (standard errors of the means,
        ``sd / sqrt(n)``), sorted by strategy name.

    Raises
    ------
    InputError
        If a strategy has fewer than two units (no standard error), or a column is invalid.

    Notes
    -----
    Arm means and their sampling uncertainty are the inputs of a trial-based economic evaluation
    (Briggs, Claxton & Sculpher 2006, ch. 5; Drummond et al. 2015, ch. 10).
    """
    where = "arm_summary"
    _require_frame(df, where)
    _require_columns(df, [strategy, outcome, *cost_columns], where)
    if not np.isfinite(effect_scale) or effect_scale <= 0:
        raise InputError(f"{where}: effect_scale must be a positive number, got {effect_scale!r}.")
    tot = with_total_cost(df, cost_columns, name="__cost__")
    eff = _numeric_column(df, outcome, where, what="outcomes") * effect_scale
    names = df[strategy]
    miss = names.isna().to_numpy()
    if miss.any():
        raise InputError(f"{where}: column {strategy!r} has missing names in {_rows(miss)}.")
    frame = pd.DataFrame(
        {
            "strategy": names.astype(str).to_numpy(),
            "cost": tot["__cost__"].to_numpy(),
            "effect": eff,
        }
    )
    g = frame.groupby("strategy", sort=True)
    n = g.size()
    small = n[n < 2]
    if len(small):
        raise InputError(
            f"{where}: strategy {small.index[0]!r} has {int(small.iloc[0])} unit(s); "
            "each strategy needs at least 2 units for a standard error."
        )
    mean = g.mean()
    sd = g.std(ddof=1)
    root_n = np.sqrt(n.to_numpy(dtype=float))
    return pd.DataFrame(
        {
            "strategy": mean.index.to_numpy(),
            "n": n.to_numpy(),
            "cost": mean["cost"].to_numpy(),
            "effect": mean["effect"].to_numpy(),
            "se_cost": sd["cost"].to_numpy() / root_n,
            "se_effect": sd["effect"].to_numpy() / root_n,
        }
    )


# ---------------------------------------------------------------------------------------------
# 1. the article's figures
# ---------------------------------------------------------------------------------------------


def article_spending_arithmetic(figures: pd.DataFrame) -> pd.DataFrame:
    """Shares and averages computed from the article's 2020 data-governance spending figures.

    Parameters
    ----------
    figures : pandas.DataFrame
        The table ``data/reference/article_tech_spending.csv``: columns ``indicator``, ``region``,
        ``value``, ``unit`` (``万元``, ``亿元`` or ``yuan`` for money). Needed indicators:
        ``project_investment_total`` (about 30亿元), ``platform_projects`` (572) and
        ``gov_data_project_spending`` (one row per province, empty value when not quoted).

    Returns
    -------
    pandas.DataFrame
        Tidy rows ``quantity, region, value, unit, formula, label``:
        ``total_investment`` (yuan), ``average_per_project`` = total / projects (yuan),
        ``top3_spending`` = sum of the three largest quoted provincial amounts (yuan),
        ``top3_share_of_total`` = top3 / total (fraction), ``share_of_total`` per province
        (fraction) and ``ratio_to_third`` (largest / third-largest, ratio). Every row is labelled
        as arithmetic on figures as quoted in the article.

    Raises
    ------
    InputError
        If an indicator is missing, a unit is unknown, or the total or project count is not > 0.

    Notes
    -----
    Arithmetic only (share = part / whole). Caveat: the total (约30亿元, all local data-governance
    construction and service projects) and the provincial amounts (tenders on 中国政府采购网)
    may be measured on different bases, and neither is confirmed by any stored source; the share is
    therefore illustrative. Source: 易臻真, 澎湃新闻, 2022-04-18.
    """
    where = "article_spending_arithmetic"
    _require_frame(figures, where)
    _require_columns(figures, ["indicator", "region", "value", "unit"], where)

    def _one(indicator: str) -> pd.Series:
        rows = figures[figures["indicator"] == indicator]
        if len(rows) != 1:
            raise InputError(
                f"{where}: expected one row with indicator {indicator!r}, found {len(rows)}."
            )
        return rows.iloc[0]

    def _yuan(value: object, unit: object, indicator: str) -> float:
        if str(unit) not in UNIT_TO_YUAN:
            raise InputError(
                f"{where}: unknown money unit {unit!r} for {indicator!r}; "
                f"use one of {', '.join(UNIT_TO_YUAN)}."
            )
        return float(value) * UNIT_TO_YUAN[str(unit)]

    total_row = _one("project_investment_total")
    total = _yuan(total_row["value"], total_row["unit"], "project_investment_total")
    projects = float(_one("platform_projects")["value"])
    if not (np.isfinite(total) and total > 0 and np.isfinite(projects) and projects > 0):
        raise InputError(f"{where}: the total investment and the project count must be > 0.")
    prov = figures[figures["indicator"] == "gov_data_project_spending"].copy()
    prov = prov[pd.to_numeric(prov["value"], errors="coerce").notna()]
    if len(prov) < 3:
        raise InputError(
            f"{where}: need at least three provinces with quoted amounts, found {len(prov)}."
        )
    prov["yuan"] = [
        _yuan(v, u, "gov_data_project_spending")
        for v, u in zip(prov["value"], prov["unit"], strict=True)
    ]
    prov = prov.sort_values("yuan", ascending=False)
    top3 = float(prov["yuan"].iloc[:3].sum())
    rows: list[dict[str, object]] = [
        {
            "quantity": "total_investment",
            "region": str(total_row["region"]),
            "value": total,
            "unit": "yuan",
            "formula": "value x yuan per unit",
        },
        {
            "quantity": "average_per_project",
            "region": str(total_row["region"]),
            "value": total / projects,
            "unit": "yuan",
            "formula": "total_investment / projects",
        },
        {
            "quantity": "top3_spending",
            "region": " + ".join(prov["region"].iloc[:3]),
            "value": top3,
            "unit": "yuan",
            "formula": "sum of the three largest provinces",
        },
        {
            "quantity": "top3_share_of_total",
            "region": " + ".join(prov["region"].iloc[:3]),
            "value": top3 / total,
            "unit": "fraction",
            "formula": "top3_spending / total_investment",
        },
        {
            "quantity": "ratio_to_third",
            "region": f"{prov['region'].iloc[0]} / {prov['region'].iloc[2]}",
            "value": float(prov["yuan"].iloc[0] / prov["yuan"].iloc[2]),
            "unit": "ratio",
            "formula": "largest / third-largest provincial amount",
        },
    ]
    for region, yuan in zip(prov["region"], prov["yuan"], strict=True):
        rows.append(
            {
                "quantity": "share_of_total",
                "region": str(region),
                "value": yuan / total,
                "unit": "fraction",
                "formula": "province / total_investment",
            }
        )
    out = pd.DataFrame(rows)
    out["label"] = ARTICLE_LABEL
    return out


# ---------------------------------------------------------------------------------------------
# 2. response curves
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseFit:
    """A fitted response of an outcome to technology spending (see :func:`fit_response`).

    Attributes
    ----------
    model : str
        ``"hill"`` or ``"log"``.
    params : pandas.Series
        Estimates. Hill: ``e0`` (outcome at zero spend), ``emax`` (maximum gain, outcome units),
        ``ec50`` (yuan giving half the maximum gain), ``hill`` (shape); log: ``a``, ``b`` (outcome
        units per log-unit); then ``beta_<covariate>`` for linear covariates.
    cov : pandas.DataFrame
        Estimated covariance of ``params`` (curve_fit, scaled by the residual variance).
    n : int
        Number of units.
    rss : float
        Residual sum of squares.
    aic : float
        Gaussian AIC, ``n ln(rss / n) + 2 p``.
    spend_ref : float
        Log model scale ``x_ref`` in yuan (unused by the Hill model).
    covariates : tuple of str
        Names of linear covariates.
    """

    model: str
    params: pd.Series
    cov: pd.DataFrame
    n: int
    rss: float
    aic: float
    spend_ref: float
    covariates: tuple[str, ...]


def _hill_core(x: np.ndarray, ec50: float, h: float) -> tuple[np.ndarray, np.ndarray]:
    """Return ``H = x^h / (ec50^h + x^h)`` and ``ln(x / ec50)`` (0 where x == 0)."""
    pos = x > 0
    logx = np.zeros_like(x)
    np.log(x, out=logx, where=pos)
    lr = np.where(pos, logx - np.log(ec50), 0.0)
    t = np.where(pos, h * lr, -np.inf)
    return special.expit(t), lr


def _design(fit_model: str, x: np.ndarray, p: np.ndarray, spend_ref: float) -> np.ndarray:
    """Value of the spend part of the model at ``x`` with parameter vector ``p``."""
    if fit_model == "log":
        return p[0] + p[1] * np.log1p(x / spend_ref)
    hval, _ = _hill_core(x, p[2], p[3])
    return p[0] + p[1] * hval


def _jacobian(fit_model: str, x: np.ndarray, p: np.ndarray, spend_ref: float) -> np.ndarray:
    """Derivatives of the spend part with respect to its parameters, shape ``(len(x), k)``."""
    if fit_model == "log":
        return np.column_stack([np.ones_like(x), np.log1p(x / spend_ref)])
    hval, lr = _hill_core(x, p[2], p[3])
    slope = hval * (1.0 - hval)
    return np.column_stack([np.ones_like(x), hval, -p[1] * slope * p[3] / p[2], p[1] * slope * lr])


def _covariate_matrix(covariates: object, n: int, where: str) -> tuple[np.ndarray, list[str]]:
    if covariates is None:
        return np.zeros((n, 0)), []
    if isinstance(covariates, pd.Series):
        covariates = covariates.to_frame()
    if isinstance(covariates, pd.DataFrame):
        names = [str(c) for c in covariates.columns]
        z = (
            np.column_stack(
                [_numeric_column(covariates, c, where, what="covariate values") for c in covariates]
            )
            if names
            else np.zeros((n, 0))
        )
    else:
        z = _finite_array(covariates, "covariates", where)
        z = z.reshape(n, -1) if z.ndim == 1 else z
        names = [f"z{i + 1}" for i in range(z.shape[1])]
    if z.shape[0] != n:
        raise InputError(f"{where}: covariates have {z.shape[0]} rows but spend has {n}.")
    return z, names


def fit_response(
    spend: ArrayLike,
    outcome: ArrayLike,
    model: str = "hill",
    *,
    covariates: pd.DataFrame | pd.Series | ArrayLike | None = None,
    spend_ref: float = 10_000.0,
    start: Sequence[float] | None = None,
) -> ResponseFit:
    """Fit a log or Hill (saturating) response of an outcome to technology spending.

    Parameters
    ----------
    spend : array_like
        Technology spending per unit, yuan, >= 0.
    outcome : array_like
        Outcome per unit (e.g. share of residents' needs met, 0-1).
    model : {"hill", "log"}
        ``hill``: ``y = e0 + emax * x^h / (ec50^h + x^h)``;
        ``log``: ``y = a + b * ln(1 + x / x_ref)``.
    covariates : DataFrame, Series, array_like or None
        Optional linear terms ``+ sum_k beta_k z_k`` (e.g. :func:`staff_cut`), so the spend curve
        is estimated holding them fixed; predictions use ``z = 0`` unless given.
    spend_ref : float
        ``x_ref`` of the log model, yuan (default 10,000 yuan = 1万元).
    start : sequence of float or None
        Starting values for the spend parameters (Hill: e0, emax, ec50 in yuan, h); default uses
        several data-based starts and keeps the best.

    Returns
    -------
    ResponseFit
        Estimates, covariance, residual sum of squares and AIC.

    Raises
    ------
    InputError
        Negative, missing or constant spending, too few units, a fit that does not converge, or
        parameters that the data do not identify (non-finite covariance).

    Notes
    -----
    Non-linear least squares by ``scipy.optimize.curve_fit`` (trust-region reflective, analytic
    Jacobian); the covariance is ``s^2 (J'J)^-1`` with ``s^2 = rss / (n - p)``. Spending is scaled
    by its median internally for numerical stability; ``ec50`` is reported in yuan. The Hill
    (Emax) curve is the standard saturating dose-response (Hill 1910; Goutelle et al. 2008,
    *Fundamental & Clinical Pharmacology* 22: 633-648); the log curve is the usual
    diminishing-returns benchmark. Bounds: ``ec50 > 0``, ``0.2 <= h <= 8``; ``emax`` may be
    negative (spending that lowers the outcome).
    """
    where = "fit_response"
    if model not in ("hill", "log"):
        raise InputError(f"{where}: model must be 'hill' or 'log', got {model!r}.")
    x = _finite_array(spend, "spend", where).reshape(-1)
    y = _finite_array(outcome, "outcome", where).reshape(-1)
    if x.shape != y.shape:
        raise InputError(f"{where}: spend has {x.size} values but outcome has {y.size}.")
    if (x < 0).any():
        raise InputError(f"{where}: spend has negative values (yuan) at {_rows(x < 0)}.")
    if not (np.isfinite(spend_ref) and spend_ref > 0):
        raise InputError(f"{where}: spend_ref must be > 0 yuan, got {spend_ref!r}.")
    z, znames = _covariate_matrix(covariates, x.size, where)
    k_spend = 4 if model == "hill" else 2
    n_par = k_spend + z.shape[1]
    if x.size < n_par + 2:
        raise InputError(
            f"{where}: need at least {n_par + 2} units for the {model} model, got {x.size}."
        )
    if np.ptp(x) == 0:
        raise InputError(f"{where}: spend is the same for every unit; no curve can be fitted.")
    scale = float(np.median(x[x > 0])) if model == "hill" else 1.0
    xs = x / scale

    def f(_x: np.ndarray, *p: float) -> np.ndarray:
        pv = np.asarray(p)
        return _design(model, xs, pv[:k_spend], spend_ref) + z @ pv[k_spend:]

    def jac(_x: np.ndarray, *p: float) -> np.ndarray:
        pv = np.asarray(p)
        return np.column_stack([_jacobian(model, xs, pv[:k_spend], spend_ref), z])

    ylo, yhi = float(np.min(y)), float(np.max(y))
    if model == "hill":
        lower = [-np.inf, -np.inf, 1e-6, 0.2] + [-np.inf] * z.shape[1]
        upper = [np.inf, np.inf, 1e3 * float(np.max(xs)), 8.0] + [np.inf] * z.shape[1]
        if start is not None:
            s = list(map(float, start))
            starts = [[s[0], s[1], s[2] / scale, s[3]]]
        else:
            span = max(yhi - ylo, 1e-6)
            starts = [[ylo, span, c, h] for c in (0.5, 1.0, 2.0) for h in (1.0, 2.0)]
    else:
        lower = [-np.inf] * n_par
        upper = [np.inf] * n_par
        starts = [list(map(float, start))] if start is not None else [[float(np.mean(y)), 0.0]]
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    for s0 in starts:
        p0 = list(s0) + [0.0] * z.shape[1]
        p0 = list(np.clip(p0, np.array(lower) + 1e-12, np.array(upper) - 1e-12))
        try:
            with np.errstate(under="ignore"):
                popt, pcov = optimize.curve_fit(
                    f,
                    xs,
                    y,
                    p0=p0,
                    jac=jac,
                    bounds=(lower, upper),
                    method="trf",
                    maxfev=5000,
                )
        except (RuntimeError, ValueError, FloatingPointError):
            continue
        rss = float(np.sum((y - f(xs, *popt)) ** 2))
        if best is None or rss < best[0]:
            best = (rss, popt, pcov)
    if best is None:
        raise InputError(
            f"{where}: the {model} curve did not converge; try model='log' or check "
            "that the outcome varies with spending."
        )
    rss, popt, pcov = best
    if not np.all(np.isfinite(pcov)):
        raise InputError(
            f"{where}: the data do not identify the {model} parameters (singular "
            "covariance); try model='log', more units or a wider spread of spending."
        )
    names = (["e0", "emax", "ec50", "hill"] if model == "hill" else ["a", "b"]) + [
        f"beta_{nm}" for nm in znames
    ]
    if model == "hill":
        popt = popt.copy()
        popt[2] *= scale
        tr = np.ones(n_par)
        tr[2] = scale
        pcov = pcov * np.outer(tr, tr)
    n = x.size
    aic = n * np.log(rss / n) + 2 * n_par if rss > 0 else -np.inf
    if not np.isfinite(aic):
        raise InputError(f"{where}: the curve fits every unit exactly; AIC is undefined.")
    return ResponseFit(
        model=model,
        params=pd.Series(popt, index=names, name="estimate"),
        cov=pd.DataFrame(pcov, index=names, columns=names),
        n=int(n),
        rss=rss,
        aic=float(aic),
        spend_ref=float(spend_ref),
        covariates=tuple(znames),
    )


def _spend_params(fit: ResponseFit) -> np.ndarray:
    k = 4 if fit.model == "hill" else 2
    return fit.params.to_numpy()[:k]


def predict_response(
    fit: ResponseFit, spend: ArrayLike, covariates: ArrayLike | None = None
) -> float | np.ndarray:
    """Fitted outcome at given spending (yuan).

    Parameters
    ----------
    fit : ResponseFit
        From :func:`fit_response`.
    spend : array_like
        Spending, yuan, >= 0.
    covariates : array_like or None
        Covariate values, shape ``(len(spend), k)``; ``None`` means ``z = 0``.

    Returns
    -------
    float or numpy.ndarray
        ``f(x) + z beta`` in outcome units.

    Notes
    -----
    Formulas as in :func:`fit_response` (Hill 1910; Goutelle et al. 2008).
    """
    x = _finite_array(spend, "spend", "predict_response")
    if (x < 0).any():
        raise InputError("predict_response: spend must be >= 0 yuan.")
    out = _design(fit.model, x, _spend_params(fit), fit.spend_ref)
    if covariates is not None and fit.covariates:
        zz = _finite_array(covariates, "covariates", "predict_response").reshape(x.size, -1)
        out = out + (zz @ fit.params.to_numpy()[-len(fit.covariates) :]).reshape(x.shape)
    return _scalar_or_array(np.asarray(out))


def marginal_response(
    fit: ResponseFit, spend: ArrayLike, step: float = 10_000.0
) -> float | np.ndarray:
    """Marginal outcome per extra ``step`` yuan of technology spending.

    Parameters
    ----------
    fit : ResponseFit
        From :func:`fit_response`.
    spend : array_like
        Current spending, yuan, >= 0.
    step : float
        Size of the extra spending, yuan (default 10,000 yuan = 1万元).

    Returns
    -------
    float or numpy.ndarray
        ``m(x) = f(x + step) - f(x)``, outcome units per ``step`` yuan.

    Notes
    -----
    A finite difference rather than the derivative, so it is defined at zero spending for every
    Hill shape and reads directly as "what the next 1万元 buys" (Drummond et al. 2015, ch. 4, on
    marginal analysis).
    """
    if not (np.isfinite(step) and step > 0):
        raise InputError(f"marginal_response: step must be > 0 yuan, got {step!r}.")
    x = _finite_array(spend, "spend", "marginal_response")
    if (x < 0).any():
        raise InputError("marginal_response: spend must be >= 0 yuan.")
    p = _spend_params(fit)
    m = _design(fit.model, x + step, p, fit.spend_ref) - _design(fit.model, x, p, fit.spend_ref)
    return _scalar_or_array(np.asarray(m))


def response_curve(
    fit: ResponseFit, spend: ArrayLike, step: float = 10_000.0, level: float = 0.95
) -> pd.DataFrame:
    """Fitted curve and marginal returns on a spending grid, with delta-method intervals.

    Parameters
    ----------
    fit : ResponseFit
        From :func:`fit_response`.
    spend : array_like
        Spending grid, yuan, >= 0.
    step : float
        Extra spending for the marginal return, yuan.
    level : float
        Confidence level, in (0, 1).

    Returns
    -------
    pandas.DataFrame
        ``spend`` (yuan), ``fitted``, ``fitted_lower``, ``fitted_upper`` (outcome units, covariates
        at 0), ``marginal``, ``marginal_lower``, ``marginal_upper`` (outcome units per ``step``
        yuan).

    Notes
    -----
    Delta method: ``var g(theta) = grad' Sigma grad`` with the analytic gradient; intervals use the
    t distribution with ``n - p`` degrees of freedom (Seber & Wild 1989, *Nonlinear Regression*,
    ch. 5).
    """
    if not 0 < level < 1:
        raise InputError(f"response_curve: level must be in (0, 1), got {level!r}.")
    x = _finite_array(spend, "spend", "response_curve").reshape(-1)
    if (x < 0).any():
        raise InputError("response_curve: spend must be >= 0 yuan.")
    k = 4 if fit.model == "hill" else 2
    p = _spend_params(fit)
    cov = fit.cov.to_numpy()[:k, :k]
    j0 = _jacobian(fit.model, x, p, fit.spend_ref)
    j1 = _jacobian(fit.model, x + step, p, fit.spend_ref)
    jm = j1 - j0
    se_f = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", j0, cov, j0), 0.0))
    se_m = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", jm, cov, jm), 0.0))
    q = stats.t.ppf(0.5 + level / 2, df=max(fit.n - len(fit.params), 1))
    fitted = _design(fit.model, x, p, fit.spend_ref)
    marg = _design(fit.model, x + step, p, fit.spend_ref) - fitted
    return pd.DataFrame(
        {
            "spend": x,
            "fitted": fitted,
            "fitted_lower": fitted - q * se_f,
            "fitted_upper": fitted + q * se_f,
            "marginal": marg,
            "marginal_lower": marg - q * se_m,
            "marginal_upper": marg + q * se_m,
        }
    )


def spend_at_marginal(fit: ResponseFit, threshold: float, step: float = 10_000.0) -> float:
    """Spending beyond which an extra ``step`` yuan buys less than ``threshold``.

    Parameters
    ----------
    fit : ResponseFit
        From :func:`fit_response`.
    threshold : float
        Marginal-benefit threshold, outcome units per ``step`` yuan, > 0.
    step : float
        Extra spending, yuan (default 10,000 yuan).

    Returns
    -------
    float
        ``x* = min{x >= x_peak : m(x) <= threshold}``, yuan, where ``m`` is the marginal return of
        :func:`marginal_response` and ``x_peak`` the spend where it is largest; ``0.0`` when
        ``m`` never exceeds the threshold (no spending clears it).

    Notes
    -----
    For both curves ``m`` rises to one peak (Hill with ``h > 1``) or falls from zero spending, and
    tends to 0, so ``x*`` is unique; it is found by bounded maximisation and Brent's root finder.
    This is the point of diminishing returns used in marginal analysis (Drummond et al. 2015).
    """
    where = "spend_at_marginal"
    if not (np.isfinite(threshold) and threshold > 0):
        raise InputError(
            f"{where}: threshold must be > 0 outcome units per step, got {threshold!r}."
        )
    if not (np.isfinite(step) and step > 0):
        raise InputError(f"{where}: step must be > 0 yuan, got {step!r}.")

    def m(v: float) -> float:
        return float(marginal_response(fit, v, step))

    if fit.model == "hill":
        ec50, h = float(fit.params["ec50"]), float(fit.params["hill"])
        hi0 = 10.0 * ec50 + step
        res = optimize.minimize_scalar(
            lambda v: -m(v), bounds=(0.0, hi0), method="bounded", options={"xatol": 1e-6 * hi0}
        )
        peak = float(res.x) if h > 1 else 0.0
        peak = peak if m(peak) >= m(0.0) else 0.0
    else:
        peak = 0.0
    if m(peak) <= threshold:
        return 0.0
    hi = max(2.0 * peak, step)
    for _ in range(200):
        if m(hi) < threshold:
            break
        hi *= 2.0
    else:  # pragma: no cover - m tends to 0, so this needs an absurd threshold
        raise InputError(f"{where}: the marginal return never falls below {threshold}.")
    return float(optimize.brentq(lambda v: m(v) - threshold, peak, hi, xtol=1e-6 * step))


def bootstrap_response(
    spend: ArrayLike,
    outcome: ArrayLike,
    model: str = "hill",
    *,
    at_spend: float,
    threshold: float,
    step: float = 10_000.0,
    n_boot: int = 200,
    seed: int = 20220418,
    level: float = 0.95,
    covariates: pd.DataFrame | ArrayLike | None = None,
    spend_ref: float = 10_000.0,
) -> pd.DataFrame:
    """Case-resampling bootstrap intervals for the curve's parameters and derived quantities.

    Parameters
    ----------
    spend, outcome : array_like
        As in :func:`fit_response` (yuan; outcome units).
    model : {"hill", "log"}
        Response model.
    at_spend : float
        Spending (yuan) at which to report the marginal return, e.g. the mean spend.
    threshold : float
        Marginal-benefit threshold for :func:`spend_at_marginal` (outcome units per ``step``).
    step : float
        Extra spending for marginal returns, yuan.
    n_boot : int
        Bootstrap replicates (>= 20).
    seed : int
        Seed of ``numpy.random.default_rng``.
    level : float
        Interval level in (0, 1).
    covariates, spend_ref
        As in :func:`fit_response`.

    Returns
    -------
    pandas.DataFrame
        One row per quantity (the parameters, ``marginal_at_spend`` and ``spend_at_threshold``):
        ``estimate`` (full-data fit), ``lower`` and ``upper`` (percentile interval), ``n_ok``
        (replicates that converged).

    Notes
    -----
    Non-parametric case bootstrap with percentile intervals (Efron & Tibshirani 1993, *An
    Introduction to the Bootstrap*, ch. 13); each replicate starts from the full-data estimate.
    """
    where = "bootstrap_response"
    if int(n_boot) < 20:
        raise InputError(f"{where}: n_boot must be >= 20, got {n_boot!r}.")
    if not 0 < level < 1:
        raise InputError(f"{where}: level must be in (0, 1), got {level!r}.")
    x = _finite_array(spend, "spend", where).reshape(-1)
    y = _finite_array(outcome, "outcome", where).reshape(-1)
    z, znames = _covariate_matrix(covariates, x.size, where)
    zarg = pd.DataFrame(z, columns=znames) if znames else None
    full = fit_response(x, y, model, covariates=zarg, spend_ref=spend_ref)
    k = 4 if model == "hill" else 2
    start = list(full.params.to_numpy()[:k])

    def derived(fr: ResponseFit) -> np.ndarray:
        return np.concatenate(
            [
                fr.params.to_numpy(),
                [marginal_response(fr, at_spend, step), spend_at_marginal(fr, threshold, step)],
            ]
        )

    est = derived(full)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, x.size, size=(int(n_boot), x.size))
    draws = []
    for row in idx:
        zb = pd.DataFrame(z[row], columns=znames) if znames else None
        try:
            fr = fit_response(
                x[row], y[row], model, covariates=zb, spend_ref=spend_ref, start=start
            )
            draws.append(derived(fr))
        except InputError:
            continue
    if len(draws) < 10:
        raise InputError(
            f"{where}: fewer than 10 bootstrap replicates converged; try the log model."
        )
    arr = np.asarray(draws)
    alpha = (1 - level) / 2
    return pd.DataFrame(
        {
            "quantity": [*full.params.index, "marginal_at_spend", "spend_at_threshold"],
            "estimate": est,
            "lower": np.quantile(arr, alpha, axis=0),
            "upper": np.quantile(arr, 1 - alpha, axis=0),
            "n_ok": len(draws),
        }
    )


def staff_cut(staff_cost: ArrayLike, reference: float) -> float | np.ndarray:
    """Fractional cut in staff time relative to a reference staff cost.

    Parameters
    ----------
    staff_cost : array_like
        Staff cost per unit, yuan, >= 0.
    reference : float
        Reference staff cost, yuan, > 0 (e.g. the median unit).

    Returns
    -------
    float or numpy.ndarray
        ``max(0, 1 - staff_cost / reference)``, a fraction in [0, 1].

    Notes
    -----
    Operationalises the article's hypothesis that replacing staff time with technology lowers the
    precision of services (易臻真, 澎湃新闻, 2022-04-18); used as a covariate in
    :func:`fit_response` and in ``workbench.synth.programmes``.
    """
    if not (np.isfinite(reference) and reference > 0):
        raise InputError(f"staff_cut: reference must be > 0 yuan, got {reference!r}.")
    s = _finite_array(staff_cost, "staff_cost", "staff_cut")
    if (s < 0).any():
        raise InputError("staff_cut: staff_cost must be >= 0 yuan.")
    return _scalar_or_array(np.maximum(0.0, 1.0 - s / reference))


def cost_per_outcome(cost: ArrayLike, effect: ArrayLike) -> float | np.ndarray:
    """Average cost-effectiveness ratio, yuan per unit of outcome.

    Parameters
    ----------
    cost : array_like
        Costs, yuan, >= 0.
    effect : array_like
        Effects, outcome units, > 0.

    Returns
    -------
    float or numpy.ndarray
        ``C / E``.

    Raises
    ------
    InputError
        Zero or negative effects (the ratio needs them to be > 0), negative costs.

    Notes
    -----
    The average ratio ignores the comparator; use :func:`icers` for decisions (Drummond et al.
    2015, ch. 4).
    """
    c = _finite_array(cost, "cost", "cost_per_outcome")
    e = _finite_array(effect, "effect", "cost_per_outcome")
    if (c < 0).any():
        raise InputError(f"cost_per_outcome: negative costs at {_rows((c < 0).reshape(-1))}.")
    if (e <= 0).any():
        raise InputError(
            "cost_per_outcome: zero or negative effects at "
            f"{_rows((e <= 0).reshape(-1))}; a ratio needs effects > 0."
        )
    return _scalar_or_array(np.asarray(c / e))


# ---------------------------------------------------------------------------------------------
# 3. strategy comparison
# ---------------------------------------------------------------------------------------------


def icers(
    df: pd.DataFrame, strategy: str = "strategy", cost: str = "cost", effect: str = "effect"
) -> pd.DataFrame:
    """Incremental cost-effectiveness ratios with strong and extended dominance.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per strategy.
    strategy : str
        Column of unique strategy names.
    cost : str
        Column of (mean) costs per unit, yuan, >= 0.
    effect : str
        Column of (mean) effects per unit, outcome units (any sign).

    Returns
    -------
    pandas.DataFrame
        All input columns, sorted by cost (ties: higher effect first, then input order), index
        reset, plus ``inc_cost`` (yuan), ``inc_effect`` (outcome units), ``icer`` (yuan per outcome
        unit) and ``status`` in {``reference``, ``non-dominated``, ``dominated``,
        ``extendedly dominated``}. ``inc_cost``, ``inc_effect`` and ``icer`` compare each
        non-dominated strategy with the previous one on the frontier; they are ``NaN`` for the
        reference and for dominated and extendedly dominated strategies, where no ICER is defined.

    Raises
    ------
    InputError
        Missing columns, missing or duplicate strategy names, non-numeric, missing, infinite or
        negative costs, non-numeric or missing effects.

    Notes
    -----
    Algorithm of ``dampack::calculate_icers``: (1) sort by cost; a strategy is strongly dominated
    when another costs no more and is at least as effective (of two identical strategies the
    later one in sort order is marked dominated); (2) among the rest, a strategy is extendedly
    dominated when its ICER exceeds that of the next more effective strategy, i.e. it lies above
    the lower convex hull of the cost-effectiveness plane; removed iteratively (a monotone stack);
    (3) ``ICER_k = (C_k - C_{k-1}) / (E_k - E_{k-1})`` along the frontier. Effects on the frontier
    are strictly increasing, so no ICER divides by zero. Drummond et al. (2015), ch. 4; Briggs,
    Claxton & Sculpher (2006).
    """
    where = "icers"
    _require_frame(df, where)
    _require_columns(df, [strategy, cost, effect], where)
    _strategy_names(df, strategy, where)
    c = _numeric_column(df, cost, where, what="costs (yuan)", nonnegative=True)
    e = _numeric_column(df, effect, where, what="effects")
    n = c.size
    order = np.lexsort((np.arange(n), -e, c))
    cs, es = c[order], e[order]
    status = np.full(n, "non-dominated", dtype=object)
    running = np.maximum.accumulate(es)
    dominated = np.zeros(n, dtype=bool)
    dominated[1:] = es[1:] <= running[:-1]
    status[dominated] = "dominated"
    status[0] = "reference"
    stack: list[int] = [0]
    for j in np.flatnonzero(~dominated)[1:]:
        while len(stack) >= 2:
            a, b = stack[-2], stack[-1]
            # ICER(a->b) > ICER(b->j), cross-multiplied (both effect gaps are > 0)
            if (cs[b] - cs[a]) * (es[j] - es[b]) > (cs[j] - cs[b]) * (es[b] - es[a]):
                status[b] = "extendedly dominated"
                stack.pop()
            else:
                break
        stack.append(int(j))
    inc_c = np.full(n, np.nan)
    inc_e = np.full(n, np.nan)
    ratio = np.full(n, np.nan)
    if len(stack) > 1:
        front = np.asarray(stack)
        dc = np.diff(cs[front])
        de = np.diff(es[front])
        inc_c[front[1:]] = dc
        inc_e[front[1:]] = de
        ratio[front[1:]] = dc / de
    out = df.iloc[order].reset_index(drop=True)
    out["inc_cost"] = inc_c
    out["inc_effect"] = inc_e
    out["icer"] = ratio
    out["status"] = status.astype(str)
    return out


def ce_plane(
    df: pd.DataFrame, strategy: str = "strategy", cost: str = "cost", effect: str = "effect"
) -> pd.DataFrame:
    """Cost-effectiveness plane data: increments over the reference and the efficient frontier.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per strategy (as for :func:`icers`).
    strategy, cost, effect : str
        Column names; cost in yuan, effect in outcome units.

    Returns
    -------
    pandas.DataFrame
        The :func:`icers` table plus ``delta_cost`` (yuan) and ``delta_effect`` (outcome units)
        relative to the reference strategy, ``on_frontier`` (bool) and ``frontier_order`` (1, 2,
        ... along the frontier; 0 off it).

    Notes
    -----
    The frontier joins the reference and the non-dominated strategies in order of cost; dominated
    strategies lie above it (Briggs, Claxton & Sculpher 2006, ch. 9; ``dampack`` plot of
    ``calculate_icers``).
    """
    tab = icers(df, strategy, cost, effect)
    ref = tab.index[tab["status"] == "reference"][0]
    cc = tab[cost].astype(float)
    ee = tab[effect].astype(float)
    tab["delta_cost"] = cc - cc.iloc[ref]
    tab["delta_effect"] = ee - ee.iloc[ref]
    on = tab["status"].isin(["reference", "non-dominated"]).to_numpy()
    tab["on_frontier"] = on
    tab["frontier_order"] = np.where(on, np.cumsum(on), 0)
    return tab


def nmb(cost: ArrayLike, effect: ArrayLike, wtp: ArrayLike) -> float | np.ndarray:
    """Net monetary benefit, ``NMB = wtp * effect - cost``, broadcast over arrays.

    Parameters
    ----------
    cost : array_like
        Cost, yuan.
    effect : array_like
        Effect, outcome units.
    wtp : array_like
        Willingness to pay (ceiling ratio lambda), yuan per outcome unit. Shape it for
        broadcasting, e.g. ``wtp[:, None]`` against strategy vectors.

    Returns
    -------
    float or numpy.ndarray
        NMB in yuan, the broadcast shape of the inputs (a float for scalars).

    Raises
    ------
    InputError
        Missing or infinite inputs, or shapes that do not broadcast.

    Notes
    -----
    Stinnett & Mullahy (1998), *Medical Decision Making* 18(2 Suppl): S68-S80; Briggs, Claxton &
    Sculpher (2006), ch. 8; ``dampack``. The strategy with the largest NMB is optimal at that
    ``wtp``.
    """
    c = _finite_array(cost, "cost", "nmb")
    e = _finite_array(effect, "effect", "nmb")
    w = _finite_array(wtp, "wtp", "nmb")
    try:
        with np.errstate(under="ignore"):  # results below ~1e-308 yuan round to 0, harmlessly
            out = w * e - c
    except ValueError as exc:
        raise InputError(
            f"nmb: cost {c.shape}, effect {e.shape} and wtp {w.shape} do not broadcast together."
        ) from exc
    return _scalar_or_array(np.asarray(out))


def nmb_table(
    df: pd.DataFrame,
    wtp: ArrayLike,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
) -> pd.DataFrame:
    """Tidy NMB of every strategy over a willingness-to-pay range.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per strategy.
    wtp : array_like
        Willingness-to-pay values, yuan per outcome unit.
    strategy, cost, effect : str
        Column names (cost in yuan).

    Returns
    -------
    pandas.DataFrame
        ``wtp``, ``strategy``, ``nmb`` (yuan), ``optimal`` (True for the strategy with the largest
        NMB at that ``wtp``; ties go to the cheaper strategy).

    Notes
    -----
    ``NMB_s(lambda) = lambda E_s - C_s`` (Stinnett & Mullahy 1998; Briggs et al. 2006).
    """
    tab = icers(df, strategy, cost, effect)
    w = _finite_array(wtp, "wtp", "nmb_table").reshape(-1)
    values = nmb(
        tab[cost].to_numpy(float)[None, :], tab[effect].to_numpy(float)[None, :], w[:, None]
    )
    values = np.asarray(values).reshape(w.size, len(tab))
    best = np.argmax(values, axis=1)
    k = len(tab)
    return pd.DataFrame(
        {
            "wtp": np.repeat(w, k),
            "strategy": np.tile(tab[strategy].astype(str).to_numpy(), w.size),
            "nmb": values.reshape(-1),
            "optimal": (best[:, None] == np.arange(k)[None, :]).reshape(-1),
        }
    )


def optimal_strategy(
    df: pd.DataFrame,
    wtp: float,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
) -> str:
    """The strategy with the largest net monetary benefit at one willingness to pay.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per strategy.
    wtp : float
        Willingness to pay, yuan per outcome unit.
    strategy, cost, effect : str
        Column names (cost in yuan).

    Returns
    -------
    str
        Name of the optimal strategy (ties go to the cheaper one). Equivalently, the frontier
        strategy with the largest ICER not above ``wtp`` (Drummond et al. 2015, ch. 4).

    Notes
    -----
    ``argmax_s (wtp E_s - C_s)``; ``dampack``.
    """
    tab = nmb_table(df, [wtp], strategy, cost, effect)
    return str(tab.loc[tab["optimal"], "strategy"].iloc[0])


@dataclass(frozen=True)
class PSASample:
    """Draws of cost and effect for each strategy from a probabilistic sensitivity analysis.

    Attributes
    ----------
    strategies : tuple of str
        Strategy names, unique.
    costs : numpy.ndarray
        Shape ``(n_draws, n_strategies)``, yuan.
    effects : numpy.ndarray
        Shape ``(n_draws, n_strategies)``, outcome units.
    """

    strategies: tuple[str, ...]
    costs: np.ndarray
    effects: np.ndarray

    def __post_init__(self) -> None:
        c = np.asarray(self.costs, dtype=float)
        e = np.asarray(self.effects, dtype=float)
        k = len(self.strategies)
        if c.ndim != 2 or c.shape != e.shape or c.shape[1] != k or c.shape[0] < 1:
            raise InputError(
                f"PSASample: costs {c.shape} and effects {e.shape} must both be "
                f"(n_draws, {k}) for strategies {list(self.strategies)}."
            )
        if len(set(self.strategies)) != k:
            dup = next(s for s in self.strategies if self.strategies.count(s) > 1)
            raise InputError(f"PSASample: duplicate strategy name {dup!r}.")
        for name, arr in (("costs", c), ("effects", e)):
            bad = ~np.isfinite(arr)
            if bad.any():
                col = int(np.flatnonzero(bad.any(axis=0))[0])
                raise InputError(
                    f"PSASample: {name} of strategy {self.strategies[col]!r} "
                    f"have missing or infinite draws at {_rows(bad[:, col])}."
                )
        object.__setattr__(self, "costs", c)
        object.__setattr__(self, "effects", e)

    @property
    def n_draws(self) -> int:
        """Number of Monte Carlo draws."""
        return int(self.costs.shape[0])


def psa_bootstrap(
    df: pd.DataFrame,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
    n_draws: int = 10_000,
    seed: int = 20220418,
) -> PSASample:
    """PSA draws of arm-mean cost and effect by non-parametric bootstrap of units.

    Parameters
    ----------
    df : pandas.DataFrame
        Unit-level frame, one row per unit, with a strategy column (see :func:`with_total_cost`).
    strategy, cost, effect : str
        Column names; cost in yuan, effect in outcome units.
    n_draws : int
        Bootstrap draws (>= 1).
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    PSASample
        ``costs[d, s]`` and ``effects[d, s]`` are the means of a resample (with replacement, same
        size) of strategy ``s``'s units; strategies sorted by name. Resampling units keeps the
        within-unit correlation of cost and effect.

    Notes
    -----
    Briggs, Wonderling & Mooney (1997), *Health Economics* 6: 327-340; Briggs, Claxton &
    Sculpher (2006), ch. 4. Vectorised: one integer matrix per strategy, in chunks of at most
    about four million indices.
    """
    where = "psa_bootstrap"
    _require_frame(df, where)
    _require_columns(df, [strategy, cost, effect], where)
    if int(n_draws) < 1:
        raise InputError(f"{where}: n_draws must be >= 1, got {n_draws!r}.")
    c = _numeric_column(df, cost, where, what="costs (yuan)", nonnegative=True)
    e = _numeric_column(df, effect, where, what="effects")
    miss = df[strategy].isna().to_numpy()
    if miss.any():
        raise InputError(f"{where}: column {strategy!r} has missing names in {_rows(miss)}.")
    names = df[strategy].astype(str).to_numpy()
    arms = sorted(set(names))
    rng = np.random.default_rng(seed)
    n_draws = int(n_draws)
    costs = np.empty((n_draws, len(arms)))
    effects = np.empty((n_draws, len(arms)))
    for k, arm in enumerate(arms):
        ca, ea = c[names == arm], e[names == arm]
        m = ca.size
        chunk = max(1, 4_000_000 // m)
        for lo in range(0, n_draws, chunk):
            hi = min(n_draws, lo + chunk)
            idx = rng.integers(0, m, size=(hi - lo, m))
            costs[lo:hi, k] = ca[idx].mean(axis=1)
            effects[lo:hi, k] = ea[idx].mean(axis=1)
    return PSASample(tuple(arms), costs, effects)


def psa_parametric(
    summary: pd.DataFrame,
    n_draws: int = 10_000,
    seed: int = 20220418,
    *,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
    se_cost: str = "se_cost",
    se_effect: str = "se_effect",
) -> PSASample:
    """PSA draws from parametric distributions of each strategy's mean cost and effect.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per strategy (e.g. :func:`arm_summary`) with mean cost (yuan, > 0 unless its
        standard error is 0), mean effect and their standard errors (>= 0).
    n_draws : int
        Monte Carlo draws (>= 1).
    seed : int
        Seed of ``numpy.random.default_rng``.
    strategy, cost, effect, se_cost, se_effect : str
        Column names.

    Returns
    -------
    PSASample
        Costs ~ Gamma with shape ``(mu / se)^2`` and scale ``se^2 / mu`` (method of moments,
        non-negative); effects ~ Normal(mean, se); independent across strategies and between cost
        and effect; a zero standard error gives a constant.

    Notes
    -----
    Choice of distributions as recommended by Briggs, Claxton & Sculpher (2006), ch. 4 (gamma for
    costs; normal for effects estimated as means). Ignoring cost-effect correlation is a
    simplification; prefer :func:`psa_bootstrap` when unit-level data exist.
    """
    where = "psa_parametric"
    _require_frame(summary, where)
    _require_columns(summary, [strategy, cost, effect, se_cost, se_effect], where)
    names = _strategy_names(summary, strategy, where)
    mc = _numeric_column(summary, cost, where, what="costs (yuan)", nonnegative=True)
    me = _numeric_column(summary, effect, where, what="effects")
    sc = _numeric_column(summary, se_cost, where, what="standard errors", nonnegative=True)
    se = _numeric_column(summary, se_effect, where, what="standard errors", nonnegative=True)
    bad = (mc == 0) & (sc > 0)
    if bad.any():
        raise InputError(
            f"{where}: strategy {names[np.argmax(bad)]!r} has zero mean cost but a "
            f"positive standard error in {_rows(bad)}; a gamma needs mean > 0."
        )
    if int(n_draws) < 1:
        raise InputError(f"{where}: n_draws must be >= 1, got {n_draws!r}.")
    rng = np.random.default_rng(seed)
    n = int(n_draws)
    varying = sc > 0
    shape = np.ones_like(mc)
    scale = np.ones_like(mc)
    shape[varying] = (mc[varying] / sc[varying]) ** 2
    scale[varying] = sc[varying] ** 2 / mc[varying]
    costs = np.where(varying, rng.gamma(shape, scale, size=(n, mc.size)), mc)
    effects = me + se * rng.standard_normal((n, me.size))
    return PSASample(tuple(str(s) for s in names), costs, effects)


def _nmb_stats(psa: PSASample, wtp: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per wtp: P(strategy has max NMB) (m, k), expected NMB (m, k), E[max NMB] (m,)."""
    n, k = psa.costs.shape
    m = wtp.size
    prob = np.empty((m, k))
    expected = np.empty((m, k))
    mean_max = np.empty(m)
    step = max(1, 4_000_000 // (n * k))
    with np.errstate(under="ignore"):  # values below ~1e-308 yuan round to 0, harmlessly
        return _nmb_chunks(psa, wtp, step, prob, expected, mean_max)


def _nmb_chunks(
    psa: PSASample,
    wtp: np.ndarray,
    step: int,
    prob: np.ndarray,
    expected: np.ndarray,
    mean_max: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    k = psa.costs.shape[1]
    for lo in range(0, wtp.size, step):
        w = wtp[lo : lo + step]
        values = w[:, None, None] * psa.effects[None] - psa.costs[None]
        best = np.argmax(values, axis=2)
        prob[lo : lo + step] = (best[:, :, None] == np.arange(k)).mean(axis=1)
        expected[lo : lo + step] = values.mean(axis=1)
        mean_max[lo : lo + step] = values.max(axis=2).mean(axis=1)
    return prob, expected, mean_max


def ceac(psa: PSASample, wtp: ArrayLike) -> pd.DataFrame:
    """Cost-effectiveness acceptability curves (and frontier) from a PSA sample.

    Parameters
    ----------
    psa : PSASample
        Draws of costs (yuan) and effects.
    wtp : array_like
        Willingness-to-pay grid, yuan per outcome unit.

    Returns
    -------
    pandas.DataFrame
        ``wtp``, ``strategy``, ``probability`` (share of draws in which the strategy has the
        largest NMB; sums to 1 over strategies at each ``wtp``), ``expected_nmb`` (yuan) and
        ``on_frontier`` (True for the strategy with the largest expected NMB: the
        cost-effectiveness acceptability frontier).

    Notes
    -----
    ``P_s(lambda) = (1/D) sum_d 1[s = argmax_j NMB_jd(lambda)]`` (van Hout et al. 1994, *Health
    Economics* 3: 309-319; Fenwick, Claxton & Sculpher 2001, *Health Economics* 10: 779-787;
    ``dampack::ceac``). Ties go to the first strategy. Vectorised over draws, strategies and
    ``wtp`` in chunks.
    """
    w = _finite_array(wtp, "wtp", "ceac").reshape(-1)
    prob, expected, _ = _nmb_stats(psa, w)
    k = len(psa.strategies)
    front = np.argmax(expected, axis=1)
    return pd.DataFrame(
        {
            "wtp": np.repeat(w, k),
            "strategy": np.tile(np.asarray(psa.strategies, dtype=object), w.size),
            "probability": prob.reshape(-1),
            "expected_nmb": expected.reshape(-1),
            "on_frontier": (front[:, None] == np.arange(k)[None, :]).reshape(-1),
        }
    )


def evpi(psa: PSASample, wtp: ArrayLike, population: float = 1.0) -> pd.DataFrame:
    """Expected value of perfect information over a willingness-to-pay range.

    Parameters
    ----------
    psa : PSASample
        Draws of costs (yuan) and effects.
    wtp : array_like
        Willingness-to-pay grid, yuan per outcome unit.
    population : float
        Number of units (or discounted unit-years) the decision affects, > 0; 1 gives EVPI per
        unit.

    Returns
    -------
    pandas.DataFrame
        ``wtp``, ``evpi`` (yuan, >= 0), ``optimal_strategy`` (largest expected NMB) and
        ``expected_nmb_optimal`` (yuan per unit).

    Notes
    -----
    ``EVPI(lambda) = population * (E_theta[max_s NMB_s] - max_s E_theta[NMB_s])``, non-negative by
    Jensen's inequality; rounding below zero is set to 0 (Claxton 1999, *Journal of Health
    Economics* 18: 341-364; Briggs, Claxton & Sculpher 2006, ch. 6; ``dampack::calc_evpi``).
    """
    if not (np.isfinite(population) and population > 0):
        raise InputError(f"evpi: population must be > 0, got {population!r}.")
    w = _finite_array(wtp, "wtp", "evpi").reshape(-1)
    _, expected, mean_max = _nmb_stats(psa, w)
    best = np.argmax(expected, axis=1)
    best_value = expected[np.arange(w.size), best]
    value = np.maximum(mean_max - best_value, 0.0) * population
    return pd.DataFrame(
        {
            "wtp": w,
            "evpi": value,
            "optimal_strategy": np.asarray(psa.strategies, dtype=object)[best],
            "expected_nmb_optimal": best_value,
        }
    )


def discount_factors(n_periods: int, rate: float, start: int = 1) -> np.ndarray:
    """Discount factors ``1 / (1 + r)^t`` for ``t = start, ..., start + n_periods - 1``.

    Parameters
    ----------
    n_periods : int
        Number of periods (years), >= 0.
    rate : float
        Annual discount rate as a fraction (Green Book: 0.035), > -1.
    start : int
        Year at whose end the first value falls (0 = now, undiscounted).

    Returns
    -------
    numpy.ndarray
        Factors, dimensionless.

    Notes
    -----
    HM Treasury Green Book (2022), annex A6: social time preference rate 3.5% for years 0-30.
    """
    if not (np.isfinite(rate) and rate > -1):
        raise InputError(f"discount: rate must be a fraction > -1 (e.g. 0.035), got {rate!r}.")
    if int(n_periods) < 0:
        raise InputError(f"discount: n_periods must be >= 0, got {n_periods!r}.")
    t = int(start) + np.arange(int(n_periods), dtype=float)
    return (1.0 + rate) ** (-t)


def discount(values: ArrayLike, rate: float, start: int = 1) -> float | np.ndarray:
    """Present value of a stream whose first value falls at the end of year ``start``.

    Parameters
    ----------
    values : array_like
        Annual values (e.g. yuan); 1-D, or N-D with years on the last axis.
    rate : float
        Annual discount rate as a fraction (Green Book: 0.035), > -1.
    start : int
        Year of the first value (1 = end of the first year; 0 = today, undiscounted).

    Returns
    -------
    float or numpy.ndarray
        ``PV = sum_t v_t / (1 + r)^(start + t)``, ``t = 0, 1, ...``; a float for a 1-D stream.

    Notes
    -----
    HM Treasury Green Book (2022); Drummond et al. (2015), ch. 4. Example: 100 a year at the end
    of years 1-3 at 3.5% is 280.1637.
    """
    v = _finite_array(values, "values", "discount")
    if v.ndim == 0:
        v = v.reshape(1)
    return _scalar_or_array(np.asarray(v @ discount_factors(v.shape[-1], rate, start)))


def tornado(
    model: Callable[..., float],
    base: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]],
) -> pd.DataFrame:
    """One-way sensitivity analysis: each input at its low and high value, others at base.

    Parameters
    ----------
    model : callable
        ``model(**inputs) -> float``, the outcome (e.g. net saving in yuan or an ICER).
    base : mapping of str to float
        Base-case value of every input.
    ranges : mapping of str to (float, float)
        ``(low, high)`` for the inputs to vary; each name must be in ``base``.

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per input, sorted by ``swing`` (largest first): ``parameter``, ``low``,
        ``high``, ``base`` (input values), ``outcome_low``, ``outcome_high``, ``outcome_base``,
        ``swing = |outcome_high - outcome_low|``.

    Raises
    ------
    InputError
        Unknown parameter names, or a model value that is not a finite number (names the input).

    Notes
    -----
    Deterministic one-way sensitivity analysis (Briggs, Claxton & Sculpher 2006, ch. 4;
    Drummond et al. 2015, ch. 11), the data behind a tornado diagram.
    """
    unknown = [k for k in ranges if k not in base]
    if unknown:
        raise InputError(
            f"tornado: {', '.join(map(repr, unknown))} not in the base case "
            f"({', '.join(map(repr, base))})."
        )

    def run(name: str, inputs: Mapping[str, float]) -> float:
        value = model(**inputs)
        try:
            out = float(value)
        except (TypeError, ValueError) as exc:
            raise InputError(f"tornado: model returned {value!r} for {name}.") from exc
        if not np.isfinite(out):
            raise InputError(f"tornado: model is not finite ({out}) for {name}.")
        return out

    y0 = run("the base case", dict(base))
    rows = []
    for name, (lo, hi) in ranges.items():
        y_lo = run(f"{name} = {lo}", {**base, name: lo})
        y_hi = run(f"{name} = {hi}", {**base, name: hi})
        rows.append(
            {
                "parameter": name,
                "low": lo,
                "high": hi,
                "base": base[name],
                "outcome_low": y_lo,
                "outcome_high": y_hi,
                "outcome_base": y0,
                "swing": abs(y_hi - y_lo),
            }
        )
    cols = [
        "parameter",
        "low",
        "high",
        "base",
        "outcome_low",
        "outcome_high",
        "outcome_base",
        "swing",
    ]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def strategy_tornado(
    summary: pd.DataFrame,
    wtp: float,
    *,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
    se_cost: str = "se_cost",
    se_effect: str = "se_effect",
    level: float = 0.95,
    wtp_range: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """One-way sensitivity of the decision between strategies at one willingness to pay.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per strategy (e.g. :func:`arm_summary`): mean cost (yuan), mean effect (outcome
        units) and their standard errors; at least two strategies.
    wtp : float
        Willingness to pay, yuan per outcome unit, >= 0.
    strategy, cost, effect, se_cost, se_effect : str
        Column names.
    level : float
        Each mean is varied over its normal ``level`` interval, ``mean +/- z se`` (costs
        floored at 0).
    wtp_range : (float, float) or None
        Low and high willingness to pay; default ``(wtp / 2, 3 wtp / 2)``.

    Returns
    -------
    pandas.DataFrame
        The :func:`tornado` table (one row per input: ``cost: <strategy>``,
        ``effect: <strategy>`` and ``wtp``), sorted by swing, plus ``best`` (the strategy with the
        largest NMB in the base case) and ``comparator`` (the runner-up). The outcome is the
        margin ``NMB_best - max_{s != best} NMB_s`` in yuan per unit: positive while ``best``
        stays optimal; a bar that crosses zero means that input alone can change the decision.

    Raises
    ------
    InputError
        Fewer than two strategies, invalid columns, ``wtp < 0`` or ``level`` outside (0, 1).

    Notes
    -----
    Deterministic one-way sensitivity analysis on the net-benefit margin (Briggs, Claxton &
    Sculpher 2006, ch. 4; Stinnett & Mullahy 1998). The inputs are varied one at a time, so
    correlations between them are ignored; the PSA (:func:`ceac`) varies them jointly.
    """
    where = "strategy_tornado"
    _require_frame(summary, where)
    _require_columns(summary, [strategy, cost, effect, se_cost, se_effect], where)
    names = [str(s) for s in _strategy_names(summary, strategy, where)]
    if len(names) < 2:
        raise InputError(f"{where}: need at least two strategies, got {len(names)}.")
    if not (np.isfinite(wtp) and wtp >= 0):
        raise InputError(f"{where}: wtp must be >= 0 yuan per outcome unit, got {wtp!r}.")
    if not 0 < level < 1:
        raise InputError(f"{where}: level must be in (0, 1), got {level!r}.")
    c = _numeric_column(summary, cost, where, what="costs (yuan)", nonnegative=True)
    e = _numeric_column(summary, effect, where, what="effects")
    sc = _numeric_column(summary, se_cost, where, what="standard errors", nonnegative=True)
    se = _numeric_column(summary, se_effect, where, what="standard errors", nonnegative=True)
    z = float(stats.norm.ppf(0.5 + level / 2))
    base: dict[str, float] = {"wtp": float(wtp)}
    ranges: dict[str, tuple[float, float]] = {}
    for i, s in enumerate(names):
        base[f"cost: {s}"] = float(c[i])
        base[f"effect: {s}"] = float(e[i])
        ranges[f"cost: {s}"] = (max(0.0, float(c[i] - z * sc[i])), float(c[i] + z * sc[i]))
        ranges[f"effect: {s}"] = (float(e[i] - z * se[i]), float(e[i] + z * se[i]))
    lo, hi = wtp_range if wtp_range is not None else (wtp / 2, 1.5 * wtp)
    ranges["wtp"] = (float(lo), float(hi))
    values = np.asarray(nmb(c, e, float(wtp)))
    order = np.argsort(-values, kind="stable")
    best, runner_up = names[int(order[0])], names[int(order[1])]

    def margin(**inputs: float) -> float:
        v = {s: inputs["wtp"] * inputs[f"effect: {s}"] - inputs[f"cost: {s}"] for s in names}
        return v[best] - max(v[s] for s in names if s != best)

    out = tornado(margin, base, ranges)
    out["best"] = best
    out["comparator"] = runner_up
    return out


# ---------------------------------------------------------------------------------------------
# 4. data envelopment analysis
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DEAResult:
    """Result of :func:`dea_details`.

    Attributes
    ----------
    scores : pandas.Series
        Efficiency in [0, 1] per unit.
    table : pandas.DataFrame
        Per unit: ``score``, ``rank`` (1 = efficient; ties share the lowest rank; weakly efficient
        units, score 1 with slack, rank just after the efficient ones), ``efficient``
        (score 1 and all slacks 0: Pareto-Koopmans efficient), ``slack_<input>``,
        ``slack_<output>`` (in the data's units), ``target_<input>`` (efficient input levels) and
        ``peers`` (units with positive weight, comma-separated).
    lambdas : pandas.DataFrame
        Intensity weights, units x reference units.
    """

    scores: pd.Series
    table: pd.DataFrame
    lambdas: pd.DataFrame


def _as_matrix(data: object, kind: str) -> tuple[np.ndarray, list[str], pd.Index | None]:
    where = "dea"
    if isinstance(data, pd.Series):
        data = data.to_frame()
    if isinstance(data, pd.DataFrame):
        _require_frame(data, where)
        names = [str(c) for c in data.columns]
        cols = [
            _numeric_column(data, c, where, what=f"{kind} values", nonnegative=True)
            for c in data.columns
        ]
        return np.column_stack(cols), names, data.index
    arr = np.asarray(data, dtype=float)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise InputError(
            f"{where}: {kind}s must be a table (units x {kind}s), got shape {arr.shape}."
        )
    names = [f"{kind}_{i + 1}" for i in range(arr.shape[1])]
    for j in range(arr.shape[1]):
        col = arr[:, j]
        if not np.all(np.isfinite(col)):
            raise InputError(
                f"{where}: {kind} {names[j]!r} has missing or infinite values in "
                f"{_rows(~np.isfinite(col))}."
            )
        if (col < 0).any():
            raise InputError(
                f"{where}: {kind} {names[j]!r} has negative values in "
                f"{_rows(col < 0)}; DEA needs values >= 0."
            )
    return arr, names, None


def _dea_prepare(
    inputs: object, outputs: object, rts: str, orientation: str
) -> tuple[np.ndarray, np.ndarray, list[str], list[str], pd.Index | None, np.ndarray, np.ndarray]:
    where = "dea"
    if rts not in ("crs", "vrs"):
        raise InputError(f"{where}: rts must be 'crs' or 'vrs', got {rts!r}.")
    if orientation not in ("input", "output"):
        raise InputError(f"{where}: orientation must be 'input' or 'output', got {orientation!r}.")
    x, xn, xidx = _as_matrix(inputs, "input")
    y, yn, yidx = _as_matrix(outputs, "output")
    if x.shape[0] != y.shape[0]:
        raise InputError(f"{where}: inputs have {x.shape[0]} units but outputs have {y.shape[0]}.")
    index = xidx if xidx is not None else yidx
    labels = _labels(index, x.shape[0])
    zero_in = ~(x > 0).any(axis=1)
    if zero_in.any():
        raise InputError(
            f"{where}: unit {labels[int(np.argmax(zero_in))]!r} has all-zero inputs in "
            f"{_rows(zero_in)}; a unit must use some input."
        )
    zero_out = ~(y > 0).any(axis=1)
    if zero_out.all():
        raise InputError(f"{where}: every unit has all-zero outputs; nothing to compare.")
    if orientation == "output" and zero_out.any():
        raise InputError(
            f"{where}: unit {labels[int(np.argmax(zero_out))]!r} has all-zero outputs in "
            f"{_rows(zero_out)}; output-oriented scores need some output. Use "
            "orientation='input'."
        )
    # Column scaling leaves DEA scores unchanged (units invariance) and helps the LP solver.
    sx = np.array([c[c > 0].mean() if (c > 0).any() else 1.0 for c in x.T])
    sy = np.array([c[c > 0].mean() if (c > 0).any() else 1.0 for c in y.T])
    return x / sx, y / sy, xn, yn, index, sx, sy


def _dea_phase1(
    x: np.ndarray, y: np.ndarray, rts: str, orientation: str, labels: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Radial efficiency (theta or phi) and lambdas per unit."""
    n, m = x.shape
    s = y.shape[1]
    a_ub = np.zeros((m + s, n + 1))
    a_ub[:m, 1:] = x.T
    a_ub[m:, 1:] = -y.T
    a_eq = np.concatenate([[0.0], np.ones(n)])[None, :] if rts == "vrs" else None
    b_eq = np.array([1.0]) if rts == "vrs" else None
    cvec = np.zeros(n + 1)
    cvec[0] = 1.0 if orientation == "input" else -1.0
    bounds = [(0, None)] * (n + 1)
    radial = np.empty(n)
    lambdas = np.empty((n, n))
    b_ub = np.zeros(m + s)
    for o in range(n):
        a = a_ub.copy()
        if orientation == "input":
            a[:m, 0] = -x[o]
            b_ub[:m] = 0.0
            b_ub[m:] = -y[o]
        else:
            a[m:, 0] = y[o]
            b_ub[:m] = x[o]
            b_ub[m:] = 0.0
        res = optimize.linprog(
            cvec, A_ub=a, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs"
        )
        if res.status != 0:
            raise InputError(
                f"dea: the linear programme for unit {labels[o]!r} (row {o + 1}) is "
                f"infeasible or unbounded ({res.message}); check its inputs and "
                "outputs."
            )
        radial[o] = res.x[0]
        lambdas[o] = res.x[1:]
    return radial, lambdas


def _dea_scores(radial: np.ndarray, orientation: str, labels: Sequence[str]) -> np.ndarray:
    if orientation == "input":
        bad = radial > 1 + 1e-6
        score = radial
    else:
        bad = radial < 1 - 1e-6
        score = 1.0 / np.maximum(radial, 1.0)
    if bad.any():  # pragma: no cover - guarded by the LP's own feasible point
        raise InputError(
            f"dea: solver returned an impossible score for unit {labels[int(np.argmax(bad))]!r}."
        )
    return np.clip(score, 0.0, 1.0)


def dea(
    inputs: pd.DataFrame | pd.Series | ArrayLike,
    outputs: pd.DataFrame | pd.Series | ArrayLike,
    rts: str = "crs",
    orientation: str = "input",
) -> pd.Series | np.ndarray:
    """Data envelopment analysis efficiency scores (CCR / BCC envelopment form).

    Parameters
    ----------
    inputs : DataFrame, Series or array_like
        Units x inputs, >= 0 (e.g. ``tech_spend``, ``staff_cost`` in yuan); every unit must use
        some input.
    outputs : DataFrame, Series or array_like
        Units x outputs, >= 0 (e.g. ``service_precision``).
    rts : {"crs", "vrs"}
        Constant (CCR) or variable (BCC, ``sum lambda = 1``) returns to scale.
    orientation : {"input", "output"}
        ``input``: ``min theta`` s.t. ``X lambda <= theta x_o``, ``Y lambda >= y_o``,
        ``lambda >= 0``; score ``theta``. ``output``: ``max phi`` s.t. ``X lambda <= x_o``,
        ``Y lambda >= phi y_o``; score ``1 / phi``.

    Returns
    -------
    pandas.Series or numpy.ndarray
        One score in [0, 1] per unit (1 = on the frontier); a Series named ``efficiency`` with the
        inputs' index when a DataFrame/Series is given, else an array.

    Raises
    ------
    InputError
        Negative, missing or infinite data, mismatched unit counts, a unit with all-zero inputs,
        a unit with all-zero outputs under output orientation, or an infeasible programme.

    Notes
    -----
    Charnes, Cooper & Rhodes (1978) for CRS; Banker, Charnes & Cooper (1984) for VRS; one
    ``scipy.optimize.linprog`` (HiGHS) programme per unit. Under CRS the input and output scores
    are equal; VRS scores are >= CRS scores. Scores do not depend on the units of measurement.
    See :func:`dea_details` for slacks, targets, peers and ranks.
    """
    xs, ys, _, _, index, _, _ = _dea_prepare(inputs, outputs, rts, orientation)
    labels = _labels(index, xs.shape[0])
    radial, _ = _dea_phase1(xs, ys, rts, orientation, labels)
    scores = _dea_scores(radial, orientation, labels)
    if index is not None:
        return pd.Series(scores, index=index, name="efficiency")
    return scores


def _labels(index: pd.Index | None, n: int) -> list[str]:
    return [str(i) for i in index] if index is not None else [str(i + 1) for i in range(n)]


def dea_details(
    inputs: pd.DataFrame | pd.Series | ArrayLike,
    outputs: pd.DataFrame | pd.Series | ArrayLike,
    rts: str = "crs",
    orientation: str = "input",
) -> DEAResult:
    """DEA scores with slacks, targets, peers, lambdas and ranking (two-phase).

    Parameters
    ----------
    inputs, outputs, rts, orientation
        As in :func:`dea`.

    Returns
    -------
    DEAResult
        ``scores``, ``table`` (score, rank, efficient, slacks, input targets, peers) and
        ``lambdas``.

    Notes
    -----
    Phase 1 solves the radial programme of :func:`dea`; phase 2 fixes the radial score and
    maximises the sum of slacks, ``X lambda + s- = theta* x_o``, ``Y lambda - s+ = y_o`` (input
    orientation; output orientation: ``X lambda + s- = x_o``, ``Y lambda - s+ = phi* y_o``),
    with data scaled to unit column means so the slack sum is units-free (Cooper, Seiford & Tone
    2007, *Data Envelopment Analysis*, 2nd ed., ch. 3; Charnes, Cooper & Rhodes 1978; Banker,
    Charnes & Cooper 1984). Input targets ``theta* x_o - s-`` (input orientation) or ``x_o - s-``
    (output orientation) are in the data's units. A unit is efficient when its score is 1 and all
    slacks are 0 (tolerance 1e-6).
    """
    xs, ys, xn, yn, index, sx, sy = _dea_prepare(inputs, outputs, rts, orientation)
    n, m = xs.shape
    s = ys.shape[1]
    labels = _labels(index, n)
    radial, _ = _dea_phase1(xs, ys, rts, orientation, labels)
    scores = _dea_scores(radial, orientation, labels)
    a_eq = np.zeros((m + s, n + m + s))
    a_eq[:m, :n] = xs.T
    a_eq[:m, n : n + m] = np.eye(m)
    a_eq[m:, :n] = ys.T
    a_eq[m:, n + m :] = -np.eye(s)
    if rts == "vrs":
        row = np.zeros((1, n + m + s))
        row[0, :n] = 1.0
        a_eq = np.vstack([a_eq, row])
    cvec = np.concatenate([np.zeros(n), -np.ones(m + s)])
    slacks = np.empty((n, m + s))
    lambdas = np.empty((n, n))
    for o in range(n):
        for relax in (0.0, 1e-9, 1e-7):
            if orientation == "input":
                b = np.concatenate([(radial[o] + relax) * xs[o], ys[o]])
            else:
                b = np.concatenate([xs[o], (radial[o] - relax) * ys[o]])
            if rts == "vrs":
                b = np.concatenate([b, [1.0]])
            res = optimize.linprog(cvec, A_eq=a_eq, b_eq=b, bounds=(0, None), method="highs")
            if res.status == 0:
                break
        else:
            raise InputError(
                f"dea: the slack programme for unit {labels[o]!r} (row {o + 1}) is "
                f"infeasible ({res.message})."
            )
        lambdas[o] = res.x[:n]
        slacks[o] = res.x[n:]
    slacks[slacks < _DEA_TOL] = 0.0
    lambdas[lambdas < _DEA_TOL] = 0.0
    slack_in = slacks[:, :m] * sx
    slack_out = slacks[:, m:] * sy
    x_orig = xs * sx
    target = (scores[:, None] if orientation == "input" else 1.0) * x_orig - slack_in
    target = np.maximum(target, 0.0)
    efficient = (scores >= 1 - _DEA_TOL) & (slacks.max(axis=1) <= _DEA_TOL)
    idx = index if index is not None else pd.RangeIndex(n)
    score_s = pd.Series(scores, index=idx, name="efficiency")
    # Pareto-efficient units first; weakly efficient units (score 1 with slack) just after them.
    key = np.round(scores, 6) + 1e-7 * efficient
    rank = pd.Series(key, index=idx).rank(ascending=False, method="min")
    names = np.asarray(labels, dtype=object)
    peers = [", ".join(names[lambdas[o] > 0]) for o in range(n)]
    table = pd.DataFrame(
        {"score": scores, "rank": rank.to_numpy().astype(int), "efficient": efficient}, index=idx
    )
    for j, nm in enumerate(xn):
        table[f"slack_{nm}"] = slack_in[:, j]
    for j, nm in enumerate(yn):
        table[f"slack_{nm}"] = slack_out[:, j]
    for j, nm in enumerate(xn):
        table[f"target_{nm}"] = target[:, j]
    table["peers"] = peers
    lam = pd.DataFrame(lambdas, index=idx, columns=idx)
    return DEAResult(scores=score_s, table=table, lambdas=lam)


def potential_savings(cost: ArrayLike, score: ArrayLike) -> float | np.ndarray:
    """Radial cost saving implied by input-oriented DEA scores.

    Parameters
    ----------
    cost : array_like
        Cost per unit, yuan, >= 0.
    score : array_like
        Input-oriented efficiency in [0, 1].

    Returns
    -------
    float or numpy.ndarray
        ``(1 - theta) * cost``, yuan: what the unit would save by using the frontier's input mix
        at its own output level (slacks ignored, so a lower bound).

    Notes
    -----
    Farrell (1957), *JRSS A* 120: 253-290; Cooper, Seiford & Tone (2007), ch. 3.
    """
    c = _finite_array(cost, "cost", "potential_savings")
    t = _finite_array(score, "score", "potential_savings")
    if (c < 0).any():
        raise InputError("potential_savings: costs must be >= 0 yuan.")
    if ((t < 0) | (t > 1)).any():
        raise InputError("potential_savings: scores must be in [0, 1].")
    return _scalar_or_array(np.asarray((1.0 - t) * c))


# ---------------------------------------------------------------------------------------------
# 5. the efficiency-reward scheme
# ---------------------------------------------------------------------------------------------


def incentive(
    baseline_cost: float,
    efficiency_gain: float,
    share: tuple[float, float] = (0.3, 0.5),
    *,
    admin_cost: float = 0.0,
    deadweight: float = 0.0,
    n_shares: int = 3,
    years: int = 1,
    rate: float = 0.0,
) -> pd.DataFrame:
    """Budget and societal net savings of returning a share of measured savings as rewards.

    Parameters
    ----------
    baseline_cost : float
        Annual cost of the units covered, yuan, > 0.
    efficiency_gain : float
        Measured saving as a fraction of ``baseline_cost``, in [0, 1].
    share : (float, float)
        Lowest and highest share of measured savings paid as rewards (the article's 30%-50%).
    admin_cost : float
        Annual cost of measuring savings and running the scheme, yuan, >= 0.
    deadweight : float
        Fraction of measured savings that would have happened without the scheme, in [0, 1).
    n_shares : int
        Number of shares evaluated, evenly spaced over ``share`` (1 = the low end only).
    years : int
        Years the scheme runs (>= 1); flows fall at the end of each year.
    rate : float
        Annual discount rate (Green Book: 0.035); 0 gives undiscounted totals.

    Returns
    -------
    pandas.DataFrame
        One row per share: ``share``, ``measured_saving``, ``reward``, ``admin_cost``,
        ``net_saving_budget``, ``net_saving_society`` (yuan, present value over ``years``),
        ``break_even_gain_budget`` and ``break_even_gain_society`` (fractions of baseline cost).

    Raises
    ------
    InputError
        Out-of-range inputs, or ``share + deadweight >= 1`` (the budget can never break even:
        the scheme is infeasible from the budget's perspective).

    Notes
    -----
    With measured saving ``S = g B``, reward ``R = s S``, deadweight ``d`` and administration
    ``A`` per year:

    - **Budget perspective** (the government funder that pays the rewards):
      ``net_budget = (1 - d) S - s S - A``; the reward is a cash outflow and only the additional
      part of the saving counts. Break-even gain ``g_b* = A / (B (1 - d - s))``.
    - **Societal perspective** (everyone, staff included): the reward is a transfer from the
      budget to staff and nets out, so ``net_society = (1 - d) S - A``; break-even gain
      ``g_s* = A / (B (1 - d))``.

    Flows are discounted with :func:`discount` (HM Treasury Green Book 2022; Drummond et al.
    2015, ch. 4 on perspective). The 30%-50% share is the article's proposal (易臻真, 澎湃新闻,
    2022-04-18).
    """
    where = "incentive"
    lo, hi = (float(share[0]), float(share[1])) if len(share) == 2 else (np.nan, np.nan)
    checks = [
        (np.isfinite(baseline_cost) and baseline_cost > 0, "baseline_cost must be > 0 yuan"),
        (
            np.isfinite(efficiency_gain) and 0 <= efficiency_gain <= 1,
            "efficiency_gain must be a fraction in [0, 1]",
        ),
        (
            np.isfinite(lo) and np.isfinite(hi) and 0 <= lo <= hi <= 1,
            "share must be (low, high) with 0 <= low <= high <= 1",
        ),
        (np.isfinite(admin_cost) and admin_cost >= 0, "admin_cost must be >= 0 yuan"),
        (np.isfinite(deadweight) and 0 <= deadweight < 1, "deadweight must be in [0, 1)"),
        (int(n_shares) >= 1, "n_shares must be >= 1"),
        (int(years) >= 1, "years must be >= 1"),
    ]
    for ok, message in checks:
        if not ok:
            raise InputError(f"{where}: {message}.")
    if hi + deadweight >= 1:
        raise InputError(
            f"{where}: reward share {hi} plus deadweight {deadweight} is >= 1, so the "
            "budget pays out at least every yuan it saves and can never break even; "
            "lower the share or the deadweight."
        )
    shares = np.linspace(lo, hi, int(n_shares)) if int(n_shares) > 1 else np.array([lo])
    annuity = float(discount_factors(int(years), rate, 1).sum())
    saving = efficiency_gain * baseline_cost * annuity
    admin = admin_cost * annuity
    reward = shares * saving
    return pd.DataFrame(
        {
            "share": shares,
            "measured_saving": saving,
            "reward": reward,
            "admin_cost": admin,
            "net_saving_budget": (1 - deadweight) * saving - reward - admin,
            "net_saving_society": (1 - deadweight) * saving - admin,
            "break_even_gain_budget": admin_cost / (baseline_cost * (1 - deadweight - shares)),
            "break_even_gain_society": admin_cost / (baseline_cost * (1 - deadweight)),
        }
    )
