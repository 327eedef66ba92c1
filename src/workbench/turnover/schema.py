"""The workers data: canonical columns, reading a file, and every check of its values and rows.

Canonical frame, one row per worker (the staff on the roll during one observation year):

======================  ============  =========================================================
column                  unit          meaning
======================  ============  =========================================================
``worker_id``           text          unique identifier
``left``                0/1           1 = left during the observation year
``tenure_years``        years         years of service at exit or at the end of the year (> 0)
``tenure_start_years``  years         years of service when observation began (optional: the
                                      delayed-entry time of the survival analysis)
``age``                 years         15-100
``monthly_pay``         yuan/month    > 0
``weekly_hours``        hours/week    > 0 and <= 168
``duty_overlap``        index 0-1     overlap of party and mass-organisation duties
``has_sw_certificate``  0/1           holds the social-worker certificate (社工证)
``professional_identity`` scale 1-5   professional identity
``resident_recognition``  scale 1-5   residents' recognition (status)
``contract_type``       category      ``fixed_term``, ``open_ended`` or ``agency``
``district``            category      the cluster of the cluster-robust errors
======================  ============  =========================================================

:func:`check_inputs` (called by the runner before a kernel starts) and :func:`load` (called by
the pipeline) run the same code, so the two never disagree. Every problem is one
:class:`~workbench.errors.DataError` naming the file, the column and the rows at fault (file
lines for a CSV or XLSX file, data rows otherwise; see :mod:`workbench.messages`). Fragile input
(few events per model term, separation) is not an error: the compute modules warn about it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from workbench import datasets, io, messages
from workbench.errors import DataError
from workbench.params.turnover import TurnoverDriversParams

_FIELDS = TurnoverDriversParams.model_fields

#: Canonical numeric drivers, in the order the analysis uses them (the model's default).
DRIVERS: tuple[str, ...] = tuple(_FIELDS["drivers"].default)
#: Canonical categorical drivers (one-hot encoded; reference level = the most frequent level).
CATEGORICAL: tuple[str, ...] = tuple(_FIELDS["categorical"].default)
#: Defaults of the analysis's settings, read from the parameter model.
BENCHMARK: float = _FIELDS["benchmark_rate"].default
YOUNG_AGE: float = _FIELDS["young_age"].default
REPLACEMENT_COST_YUAN: float = _FIELDS["replacement_cost_yuan"].default
SEED: int = _FIELDS["seed"].default
#: The shipped synthetic workers file (under data/) and how it was made.
SYNTHETIC_FILE = "synthetic/workers.csv"
SYNTHETIC_LABEL = "data/synthetic/workers.csv"
SYNTHETIC_ORIGIN = "workbench.synth.workers(n=3000, seed=20220418)"
ID_COLUMN = "worker_id"

#: Allowed ranges of canonical driver columns: (low, high, low inclusive, what the message
#: asks for). Checked only when a column of this exact name is a driver.
RANGES: dict[str, tuple[float, float, bool, str]] = {
    "age": (15.0, 100.0, True, "years"),
    "monthly_pay": (0.0, math.inf, False, "yuan/month, > 0"),
    "weekly_hours": (0.0, 168.0, False, "hours/week, > 0 and <= 168"),
    "duty_overlap": (0.0, 1.0, True, "a 0-1 index"),
    "has_sw_certificate": (0.0, 1.0, True, "0 or 1"),
    "professional_identity": (1.0, 5.0, True, "a 1-5 scale"),
    "resident_recognition": (1.0, 5.0, True, "a 1-5 scale"),
}
BINARY = frozenset({"has_sw_certificate"})
_SHOWN_COLUMNS = 15


@dataclass(frozen=True)
class Workers:
    """Validated workers data and what the analysis needs to know about it.

    Attributes
    ----------
    frame : pandas.DataFrame
        The canonical table (a user's file renamed with ``column_map``).
    data_kind : str
        ``"synthetic"`` (the shipped file) or ``"user"``.
    label : str
        Name of the data in warnings: the shipped file's path or the user's file name.
    entry : str or None
        The delayed-entry column in use.
    cluster : str or None
        The cluster column in use.
    notes : tuple of str
        Warnings about the data found while loading (a missing default entry column).
    """

    frame: pd.DataFrame
    data_kind: str
    label: str
    entry: str | None
    cluster: str | None
    notes: tuple[str, ...] = ()


# ----------------------------------------------------------------------------------------------
# the pieces of a check, shared with the compute modules
# ----------------------------------------------------------------------------------------------


def numeric(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column as float values and a mask of present-but-not-numeric cells (see messages)."""
    return messages.to_number(column)


def _are(mask: np.ndarray) -> str:
    return "is" if int(np.asarray(mask, dtype=bool).sum()) == 1 else "are"


def bad_rows(
    label: str,
    column: str,
    mask: np.ndarray,
    head: str,
    tail: str,
    *,
    values: np.ndarray | None = None,
    lines: Sequence[int] | None = None,
) -> DataError:
    """One DataError: ``"<label>: <head> <rows> <tail>"``, rows named by file line or data row."""
    mask = np.asarray(mask, dtype=bool)
    flagged = np.flatnonzero(mask)[: messages.SHOWN]
    numbers = tuple(int(lines[i]) if lines is not None else int(i) + 1 for i in flagged)
    where = messages.rows(mask, values, lines=lines)
    text = f"{label}: {head} {where}{tail.replace('{are}', _are(mask))}"
    return DataError(text, file=label, column=column, rows=numbers)


def require_columns(df: pd.DataFrame, columns: Sequence[str], label: str) -> None:
    """DataError naming the absent columns and listing the ones the table has."""
    absent = [c for c in dict.fromkeys(columns) if c not in df.columns]
    if not absent:
        return
    have = [repr(str(c)) for c in df.columns]
    shown = ", ".join(have[:_SHOWN_COLUMNS])
    if len(have) > _SHOWN_COLUMNS:
        shown += f" and {len(have) - _SHOWN_COLUMNS} more"
    raise DataError(
        f"{label}: column(s) {', '.join(repr(c) for c in absent)} not found; the columns are "
        f"{shown}. Map your column names to the canonical ones with column_map.",
        file=label,
        column=absent[0],
    )


def check_outcome(df: pd.DataFrame, outcome: str, label: str, lines=None) -> None:
    """The outcome must be 0 or 1 in every row."""
    y, _ = numeric(df[outcome])
    bad = ~np.isin(y, (0.0, 1.0))
    if bad.any():
        raise bad_rows(
            label,
            outcome,
            bad,
            f"column '{outcome}' must be 0 or 1 (1 = left during the observation year), but",
            " {are} not.",
            values=df[outcome].to_numpy(),
            lines=lines,
        )


def check_complete(df: pd.DataFrame, column: str, label: str, what: str, tail: str = ".") -> None:
    """No missing values in ``column`` (``what`` names it in the message)."""
    miss = df[column].isna().to_numpy()
    if miss.any():
        raise bad_rows(
            label, column, miss, f"{what} '{column}' is missing in", tail, lines=_lines(df)
        )


def _lines(df: pd.DataFrame) -> Sequence[int] | None:
    return messages.lines_of(df)


def _check_ids(df: pd.DataFrame, id_column: str, label: str, lines) -> None:
    ids = df[id_column]
    miss = ids.isna().to_numpy()
    if miss.any():
        raise bad_rows(
            label,
            id_column,
            miss,
            f"column '{id_column}' (worker id) is missing in",
            ".",
            lines=lines,
        )
    dup = ids.duplicated(keep=False).to_numpy()
    if dup.any():
        raise bad_rows(
            label,
            id_column,
            dup,
            f"column '{id_column}' (worker id) must be unique, but",
            " share ids.",
            values=ids.to_numpy(),
            lines=lines,
        )


def _check_times(
    df: pd.DataFrame, duration: str | None, entry: str | None, label: str, lines
) -> None:
    dur = None
    if duration is not None:
        dur, _ = numeric(df[duration])
        bad = ~(dur > 0)  # catches missing and non-numeric values too
        if bad.any():
            raise bad_rows(
                label,
                duration,
                bad,
                f"column '{duration}' (years of service at exit or censoring) must be a number "
                "> 0, but",
                " {are} not.",
                values=df[duration].to_numpy(),
                lines=lines,
            )
    if entry is not None:
        ent, _ = numeric(df[entry])
        bad = ~(ent >= 0)
        if dur is not None:
            bad |= ~(ent < dur)
        if bad.any():
            what = f" and less than '{duration}'" if dur is not None else ""
            raise bad_rows(
                label,
                entry,
                bad,
                f"column '{entry}' (years of service when observation began) must be a number "
                f">= 0{what}, but",
                " {are} not.",
                values=df[entry].to_numpy(),
                lines=lines,
            )


def _check_categorical(df: pd.DataFrame, column: str, label: str, lines) -> None:
    miss = df[column].isna().to_numpy()
    if miss.any():
        raise bad_rows(
            label,
            column,
            miss,
            f"categorical driver '{column}' is missing in",
            "; fill it or use an explicit 'unknown' level.",
            lines=lines,
        )
    if df[column].astype(str).nunique() < 2:
        raise DataError(
            f"{label}: driver '{column}' is constant (every row is "
            f"{messages.value_text(df[column].iloc[0])}), so its effect cannot be estimated; "
            "remove it from the drivers.",
            file=label,
            column=column,
        )


def _check_numeric_driver(df: pd.DataFrame, column: str, label: str, lines) -> None:
    raw = df[column].to_numpy()
    v, non_numeric = numeric(df[column])
    if non_numeric.any():
        raise bad_rows(
            label,
            column,
            non_numeric,
            f"driver '{column}' must be numeric, but",
            " {are} not. List it under categorical if it is a category.",
            values=raw,
            lines=lines,
        )
    miss = np.isnan(v)
    if miss.any():
        raise bad_rows(
            label,
            column,
            miss,
            f"driver '{column}' is missing in",
            "; the models need complete rows (drop or impute them first).",
            lines=lines,
        )
    if column in RANGES:
        low, high, low_inclusive, unit = RANGES[column]
        out = (v < low if low_inclusive else v <= low) | (v > high)
        if column in BINARY:
            out |= ~np.isin(v, (0.0, 1.0))
        if out.any():
            raise bad_rows(
                label,
                column,
                out,
                f"driver '{column}' must be {unit}, but",
                " {are} not.",
                values=raw,
                lines=lines,
            )
    if np.nanmax(v) == np.nanmin(v):
        raise DataError(
            f"{label}: driver '{column}' is constant (every row is "
            f"{messages.value_text(raw[0])}), so its effect cannot be estimated; remove it from "
            "the drivers.",
            file=label,
            column=column,
        )


def check_workers(
    df: pd.DataFrame,
    outcome: str = "left",
    duration: str | None = "tenure_years",
    drivers: Sequence[str] = DRIVERS,
    categorical: Sequence[str] = CATEGORICAL,
    *,
    source_label: str = "the workers data",
    id_column: str | None = ID_COLUMN,
    entry: str | None = None,
) -> None:
    """Check a canonical workers table; raise one DataError for the first problem found.

    In this order: an empty table; a missing column; a missing or duplicated worker id; an
    outcome not 0/1; a duration missing or <= 0; an entry time missing, negative or not before
    the duration; a categorical driver missing or constant; a numeric driver that is not a
    number, missing, out of its canonical range (:data:`RANGES`) or constant.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per worker, canonical column names; indexed by file line when read by
        :func:`workbench.io.read_table` (messages then name file lines).
    outcome : str
        0/1 column, 1 = left during the observation year.
    duration : str or None
        Years of service at exit or censoring (> 0); None skips the check.
    drivers, categorical : sequence of str
        Numeric and categorical driver columns.
    source_label : str
        Name of the data in messages (the file).
    id_column : str or None
        Worker identifier: present, complete and unique; None skips the check.
    entry : str or None
        Delayed-entry column (years of service when observation began): >= 0 and < duration.

    Raises
    ------
    TypeError
        ``df`` is not a DataFrame.
    DataError
        Bad data, naming the file, the column and the rows.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{source_label}: expected a DataFrame, got {type(df).__name__}")
    label = source_label
    if len(df) == 0:
        raise DataError(f"{label}: the table has no data rows", file=label)
    cats = [categorical] if isinstance(categorical, str) else list(categorical)
    nums = [drivers] if isinstance(drivers, str) else list(drivers)
    covariates = list(dict.fromkeys([*nums, *cats]))
    special = [c for c in (id_column, outcome, duration, entry) if c is not None]
    require_columns(df, [*special, *covariates], label)
    lines = _lines(df)
    if id_column is not None:
        _check_ids(df, id_column, label, lines)
    check_outcome(df, outcome, label, lines)
    _check_times(df, duration, entry, label, lines)
    for column in covariates:
        if column in cats:
            _check_categorical(df, column, label, lines)
        else:
            _check_numeric_driver(df, column, label, lines)


# ----------------------------------------------------------------------------------------------
# the analysis's data: read, check, hand over
# ----------------------------------------------------------------------------------------------


def entry_column(params: TurnoverDriversParams, columns: Sequence[str], label: str) -> str | None:
    """The delayed-entry column to use with a table of these ``columns``, or None.

    None when ``entry`` is empty, or when it is the model's default column and the table lacks
    it (the analysis then warns that the survival analysis ignores delayed entry); a column
    named explicitly but absent is a DataError.
    """
    if not params.entry:
        return None
    if params.entry in columns:
        return params.entry
    default = _FIELDS["entry"].default
    if params.entry == default and params.entry not in params.column_map:
        return None
    raise DataError(
        f"{label}: entry column {params.entry!r} not found; the columns are "
        f"{', '.join(map(str, columns))} (map yours with column_map, or set entry to '' for no "
        "delayed entry)",
        file=label,
        column=params.entry,
    )


def _read(params: TurnoverDriversParams) -> tuple[pd.DataFrame, str, str, str]:
    """The raw table, its data kind, the label of errors and the label of warnings."""
    if not params.data_path:
        return datasets.load(SYNTHETIC_FILE), "synthetic", SYNTHETIC_LABEL, SYNTHETIC_LABEL
    required = params.required_columns()
    df = io.read_table(
        params.data_path,
        column_map=params.column_map,
        required=[c for c in required if c != params.cluster],
    )
    return df, "user", str(params.data_path), Path(params.data_path).name


def _check_cluster(df: pd.DataFrame, cluster: str, label: str) -> None:
    if cluster not in df.columns:
        raise DataError(
            f"{label}: cluster column '{cluster}' not found; the file has: "
            f"{', '.join(map(str, df.columns))} (map yours with column_map, or set cluster to '' "
            "for ordinary standard errors)",
            file=label,
            column=cluster,
        )
    check_complete(df, cluster, label, "cluster column", "; fill it or set cluster to ''.")
    if df[cluster].nunique() < 2:
        raise DataError(
            f"{label}: cluster column '{cluster}' has a single value; cluster-robust errors need "
            "at least 2 clusters (set cluster to '')",
            file=label,
            column=cluster,
        )


def _check_outcome_classes(df: pd.DataFrame, params: TurnoverDriversParams, label: str) -> None:
    y, _ = numeric(df[params.outcome])
    events, n = int(y.sum()), len(y)
    if events in (0, n):
        what = "no worker left" if events == 0 else "every worker left"
        raise DataError(
            f"{label}: {what} ({events} exits among {n} workers), so the turnover models cannot "
            "be fitted; only the rate and its interval are meaningful. The drivers of turnover "
            "need both leavers and stayers.",
            file=label,
            column=params.outcome,
        )
    minority = min(events, n - events)
    if minority < params.cv_folds:
        raise DataError(
            f"{label}: only {minority} workers in the rarer outcome class of '{params.outcome}', "
            f"fewer than cv_folds ({params.cv_folds}); lower cv_folds or add data",
            file=label,
            column=params.outcome,
        )


def _entry_note(params: TurnoverDriversParams, entry: str | None, label: str) -> tuple[str, ...]:
    if not params.entry or entry is not None:
        return ()
    return (
        f"{label}: no delayed-entry column '{params.entry}', so the survival analysis assumes "
        "every worker was observed from the day they were hired. If the file is the staff in "
        "post at the start of a year, retention early in a career is overstated (left "
        "truncation).",
    )


def load(params: TurnoverDriversParams) -> Workers:
    """Read the workers data the parameters name, check it, and return it with its context.

    Raises
    ------
    DataError
        Anything :func:`check_workers` refuses; a missing, incomplete or single-valued cluster
        column; an entry column named but absent; no leavers or no stayers; fewer workers in
        the rarer outcome class than ``cv_folds``.
    """
    df, kind, label, short = _read(params)
    cluster = params.cluster or None
    if cluster:
        _check_cluster(df, cluster, label)
    entry = entry_column(params, list(df.columns), label)
    check_workers(
        df,
        params.outcome,
        params.duration,
        params.drivers,
        params.categorical,
        source_label=label,
        entry=entry,
    )
    _check_outcome_classes(df, params, label)
    return Workers(df, kind, short, entry, cluster, _entry_note(params, entry, short))


def check_inputs(params: TurnoverDriversParams) -> None:
    """The runner's pre-kernel check: :func:`load`, keeping nothing (one DataError on bad data)."""
    load(params)
