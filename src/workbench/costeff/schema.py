"""The programme data: canonical columns, reading a user's file and every check of its contents.

One row per unit (a community, district or province programme):

==================  ============================================  =========================
column              meaning                                       check
==================  ============================================  =========================
unit_id             the unit's name or code                       present, unique
tech_spend          technology spending, yuan a year              a number >= 0
staff_cost          staff cost, yuan a year                       a number >= 0
service_precision   share of residents' needs met (an outcome)    in [0, 1], > 0
satisfaction        residents' satisfaction score (an outcome)    in [0, 100], > 0
strategy            the unit's strategy (optional)                present; one spelling; >= 2 units
==================  ============================================  =========================

Every cost column (``cost_columns``) must be a number >= 0 and no unit may have all of them zero
(a DEA unit must use some input). A user's file is read with :func:`workbench.io.read_table`,
renamed with ``column_map``, then checked here; every problem is one
:class:`~workbench.errors.DataError` naming the file, the column and the file lines.
:func:`check_inputs` (the runner, before a kernel starts) and :func:`load` (the pipeline) use the
same code, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import datasets, io, messages
from workbench.errors import DataError
from workbench.params.costeff import TechCostEffectivenessParams as Model

COLUMNS = ("unit_id", "tech_spend", "staff_cost", "service_precision", "satisfaction", "strategy")
#: Inclusive bounds of the canonical outcome columns (share of needs met; satisfaction score).
OUTCOME_BOUNDS: dict[str, tuple[float, float]] = {
    "service_precision": (0.0, 1.0),
    "satisfaction": (0.0, 100.0),
}
SHIPPED = "synthetic/programmes.csv"
ARTICLE = "article_tech_spending"
ARTICLE_COLUMNS = ("indicator", "region", "region_zh", "value", "unit")
#: The staff penalty the shipped synthetic file was generated with (the model's default).
SHIPPED_STAFF_PENALTY = Model.model_fields["synthetic_staff_penalty"].default
_DEFAULT_OUTCOME = Model.model_fields["outcome"].default
_DEFAULT_COSTS = tuple(Model.model_fields["cost_columns"].default)


@dataclass(frozen=True)
class Inputs:
    """The validated inputs of one run.

    Attributes
    ----------
    programmes : pandas.DataFrame
        One row per unit, canonical columns, costs and outcome as floats.
    article : pandas.DataFrame
        ``data/reference/article_tech_spending.csv`` (figures as quoted in the article).
    data_kind : str
        ``synthetic`` or ``user``.
    source : str
        The file read (the user's path, or ``synthetic/programmes.csv``), or ``synthetic
        programmes`` for data regenerated with another staff penalty.
    staff_penalty : float or None
        The synthetic data's built-in staff penalty (None for a user's file).
    strategies : tuple of str
        The strategy names, sorted (empty without a ``strategy`` column).
    """

    programmes: pd.DataFrame
    article: pd.DataFrame
    data_kind: str
    source: str
    staff_penalty: float | None
    strategies: tuple[str, ...]


def _fail(where, message, *, column=None, mask=None, frame=None, values=None, note=""):
    """Raise one DataError: ``<where>: <message> in <rows><note>.``, with file, column, rows."""
    text = f"{where}: {message}"
    found: tuple[int, ...] = ()
    if mask is not None:
        lines = messages.lines_of(frame)
        text += f" in {messages.rows(mask, values, lines=lines)}"
        flagged = np.flatnonzero(np.asarray(mask, dtype=bool))[: messages.SHOWN]
        found = tuple(int(lines[i]) if lines is not None else int(i) + 1 for i in flagged)
    raise DataError(text + note + ".", file=where, column=column, rows=found)


def _numbers(df, column, where, what, *, nonnegative=False, positive=False) -> np.ndarray:
    """A numeric column read as a researcher types numbers; DataError naming the bad lines."""
    values, not_numeric = messages.to_number(df[column])
    raw = df[column].to_numpy()
    checks = [
        (not_numeric, f"non-numeric {what}", ""),
        (np.isnan(values) & ~not_numeric, f"missing {what}", ""),
        (np.isinf(values), f"infinite {what}", ""),
    ]
    if positive:
        checks.append((values <= 0, f"zero or negative {what}", "; a ratio needs them to be > 0"))
    elif nonnegative:
        checks.append((values < 0, f"negative {what}", "; they must be >= 0"))
    for mask, label, note in checks:
        if mask.any():
            _fail(
                where,
                f"column {column!r} has {label}",
                column=column,
                mask=mask,
                frame=df,
                values=raw,
                note=note,
            )
    return values


def _unit_ids(df: pd.DataFrame, unit: str, where: str) -> None:
    ids = df[unit]
    missing = ids.isna().to_numpy()
    if missing.any():
        _fail(where, f"column {unit!r} has missing unit ids", column=unit, mask=missing, frame=df)
    text = ids.astype(str)
    dup = text.duplicated(keep=False).to_numpy()
    if dup.any():
        first = text[dup].iloc[0]
        _fail(
            where,
            f"duplicate unit id {first!r} in column {unit!r}",
            column=unit,
            mask=(text == first).to_numpy(),
            frame=df,
            note="; each unit must appear once",
        )


def validate_programmes(
    df: pd.DataFrame,
    outcome: str = _DEFAULT_OUTCOME,
    cost_columns: Sequence[str] = _DEFAULT_COSTS,
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
        One row per unit, columns already renamed to the canonical names.
    outcome : str
        Outcome column, e.g. ``service_precision`` (share of residents' needs met, 0-1).
    cost_columns : sequence of str
        Cost columns in yuan; each must be >= 0.
    source_label : str
        The data source (the file), at the start of every message.
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
    DataError
        Missing columns, missing or duplicate unit ids, non-numeric, missing, infinite or
        negative costs, non-numeric or out-of-range outcomes, missing strategy names; the message
        names the source, the column and the first few rows (file lines for a file read by
        :func:`workbench.io.read_table`, else data rows, 1 being the first after the header).

    Notes
    -----
    Costs are resource use valued in money and cannot be negative; outcomes must be measured on
    a stated scale (Drummond et al. 2015, *Methods for the Economic Evaluation of Health Care
    Programmes*, 4th ed., ch. 4).
    """
    where = str(source_label)
    if not isinstance(df, pd.DataFrame) or len(df) == 0:
        raise DataError(f"{where}: the table has no data rows.", file=where)
    needed = [unit, *cost_columns, outcome] + ([strategy] if strategy else [])
    missing = [c for c in needed if c not in df.columns]
    if missing:
        have = ", ".join(repr(str(c)) for c in df.columns[:12])
        raise DataError(
            f"{where}: missing column(s) {', '.join(repr(c) for c in missing)}; the table has "
            f"{have}. Map your column names with column_map.",
            file=where,
            column=missing[0],
        )
    if len(cost_columns) == 0:
        raise DataError(f"{where}: cost_columns is empty; name at least one cost column (yuan).")
    _unit_ids(df, unit, where)
    out = df.copy()
    for col in cost_columns:
        out[col] = _numbers(df, col, where, "costs (yuan)", nonnegative=True)
    y = _numbers(df, outcome, where, "outcomes")
    if outcome_bounds is not None:
        lo, hi = outcome_bounds
        bad = (y < lo) | (y > hi)
        if bad.any():
            _fail(
                where,
                f"column {outcome!r} has values outside [{lo}, {hi}]",
                column=outcome,
                mask=bad,
                frame=df,
                values=y,
            )
    out[outcome] = y
    if strategy:
        _strategy_present(df, strategy, where)
    return out


def _strategy_present(df: pd.DataFrame, strategy: str, where: str) -> None:
    miss = df[strategy].isna().to_numpy()
    if miss.any():
        _fail(
            where,
            f"column {strategy!r} has missing strategy names",
            column=strategy,
            mask=miss,
            frame=df,
        )


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
        The data source, at the start of every message.
    min_units : int
        Fewest units a strategy may have (2 gives a standard error of its mean).

    Returns
    -------
    list of str
        The strategy names, sorted.

    Raises
    ------
    DataError
        Missing names; names that differ only in case or in surrounding spaces (``"Blended"`` and
        ``"blended "`` would silently become two strategies); a strategy with fewer than
        ``min_units`` units. Messages name the strategy and rows.

    Notes
    -----
    Arm-level means and their standard errors are the inputs of the ICERs and the PSA (Briggs,
    Claxton & Sculpher 2006, *Decision Modelling for Health Economic Evaluation*, ch. 5).
    """
    where = str(source_label)
    if strategy not in df.columns:
        raise DataError(f"{where}: missing column {strategy!r}.", file=where, column=strategy)
    _strategy_present(df, strategy, where)
    raw = df[strategy].astype(str)
    key = raw.str.strip().str.casefold()
    lines = messages.lines_of(df)
    for k in sorted(key.unique()):
        spellings = list(dict.fromkeys(raw[key == k]))
        if len(spellings) > 1:
            parts = "; ".join(
                f"{s!r} in {messages.rows((raw == s).to_numpy(), lines=lines)}" for s in spellings
            )
            _fail(
                where,
                f"duplicate strategy name {k!r} in column {strategy!r}, spelled {len(spellings)} "
                f"ways ({parts}); they would count as different strategies. Use one spelling",
                column=strategy,
            )
    counts = raw.value_counts()
    small = counts[counts < int(min_units)].sort_index()
    if len(small):
        name = str(small.index[0])
        _fail(
            where,
            f"strategy {name!r} in column {strategy!r} has {int(small.iloc[0])} unit(s),",
            column=strategy,
            mask=(raw == name).to_numpy(),
            frame=df,
            note=f"; each strategy needs at least {int(min_units)} units for a standard error",
        )
    return sorted(str(s) for s in counts.index)


def prepare_programmes(
    df: pd.DataFrame,
    outcome: str = _DEFAULT_OUTCOME,
    cost_columns: Sequence[str] = _DEFAULT_COSTS,
    source_label: str = "programme data",
    *,
    strategy: str = "strategy",
) -> pd.DataFrame:
    """Validate a programme frame for the cost-effectiveness analysis (ratios, DEA, strategies).

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
        The data source (the file), at the start of every message.
    strategy : str
        Strategy column; checked with :func:`check_strategies` when present, else ignored.

    Returns
    -------
    pandas.DataFrame
        The validated copy from :func:`validate_programmes`.

    Raises
    ------
    DataError
        Everything :func:`validate_programmes` and :func:`check_strategies` raise, plus zero or
        negative outcomes (cost per outcome point and DEA scores are ratios that need outcomes
        > 0) and units whose cost columns are all zero (a DEA unit must use some input).

    Notes
    -----
    ``tech_spend`` and ``staff_cost`` are always checked (>= 0 yuan), since the response curve
    and the staff adjustment use them even when they are not cost columns. DEA needs every unit
    to use some input (Cooper, Seiford & Tone 2007, *Data Envelopment Analysis*, ch. 2).
    """
    where = str(source_label)
    cost_columns = list(cost_columns)
    if not cost_columns:
        raise DataError(f"{where}: cost_columns is empty; name at least one cost column (yuan).")
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
    out[outcome] = _numbers(out, outcome, where, "outcomes", positive=True)
    zero = ~(out[cost_columns].to_numpy(dtype=float) > 0).any(axis=1)
    if zero.any():
        first = out["unit_id"].astype(str).iloc[int(np.argmax(zero))]
        _fail(
            where,
            f"unit {first!r} has all-zero inputs ({', '.join(cost_columns)} all 0)",
            column=cost_columns[0],
            mask=zero,
            frame=out,
            note="; DEA and cost ratios need every unit to use some input",
        )
    if has_strategy:
        check_strategies(out, strategy, where)
    return out


def _fit_checks(df: pd.DataFrame, params: Model, where: str) -> None:
    """Enough units and spread of spending for the response curve; a staff cost to adjust for."""
    needed = (4 if params.response_model == "hill" else 2) + int(params.adjust_for_staff) + 2
    if len(df) < needed:
        raise DataError(
            f"{where}: {len(df)} units; the {params.response_model} response curve needs at least "
            f"{needed}.",
            file=where,
        )
    if np.ptp(df["tech_spend"].to_numpy(dtype=float)) == 0:
        raise DataError(
            f"{where}: column 'tech_spend' is the same for every unit, so no response curve of the "
            "outcome on technology spending can be fitted.",
            file=where,
            column="tech_spend",
        )
    reference = params.staff_reference or float(np.median(df["staff_cost"]))
    if params.adjust_for_staff and reference <= 0:
        raise DataError(
            f"{where}: column 'staff_cost' has a median of 0, so no staff cut can be measured; set "
            "staff_reference (yuan) or adjust_for_staff to false.",
            file=where,
            column="staff_cost",
        )


def validate(frame: pd.DataFrame, params: Model, where: str) -> tuple[pd.DataFrame, list[str]]:
    """Every check of a programme frame for ``params``: the frame and its strategies."""
    df = prepare_programmes(frame, params.outcome, params.cost_columns, where)
    _fit_checks(df, params, where)
    strategies = check_strategies(df, "strategy", where) if "strategy" in df.columns else []
    return df, strategies


def _read_user_file(params: Model) -> pd.DataFrame:
    return io.read_table(
        params.data_path, column_map=params.column_map, required=params.required_columns()
    )


def check_inputs(params: Model) -> None:
    """Check the user's file (``data_path``) before a kernel starts; nothing to do without one.

    Raises
    ------
    DataError
        One message naming the file, the column and the file lines at fault.
    """
    if params.data_path:
        validate(_read_user_file(params), params, params.data_path)


def article() -> pd.DataFrame:
    """The article's spending figures (``data/reference/article_tech_spending.csv``)."""
    table = datasets.reference(ARTICLE)
    missing = [c for c in ARTICLE_COLUMNS if c not in table.columns]
    if missing:
        raise DataError(
            f"data/reference/{ARTICLE}.csv: missing column(s) {', '.join(missing)}",
            file=f"data/reference/{ARTICLE}.csv",
            column=missing[0],
        )
    return table


def load(params: Model, *, synthetic: pd.DataFrame | None = None) -> Inputs:
    """The run's validated inputs: the user's file, else the shipped or regenerated synthetic data.

    Parameters
    ----------
    params : TechCostEffectivenessParams
        The run's parameters.
    synthetic : pandas.DataFrame, optional
        Synthetic programmes the pipeline regenerated (another ``synthetic_staff_penalty`` than
        the shipped file's); ignored when ``data_path`` is set.

    Returns
    -------
    Inputs
    """
    if params.data_path:
        source, kind, penalty = params.data_path, "user", None
        raw = _read_user_file(params)
    elif synthetic is not None:
        source, kind, penalty = "synthetic programmes", "synthetic", params.synthetic_staff_penalty
        raw = synthetic
    else:
        source, kind, penalty = SHIPPED, "synthetic", SHIPPED_STAFF_PENALTY
        raw = datasets.load(SHIPPED)
    frame, strategies = validate(raw, params, source)
    return Inputs(frame, article(), kind, source, penalty, tuple(strategies))


def file_name(inputs: Inputs) -> str:
    """The name of the file the programmes came from (for captions)."""
    return Path(inputs.source).name
