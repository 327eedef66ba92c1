"""Argument checks shared by the compute modules.

A compute function receives arrays and frames that :mod:`workbench.costeff.schema` has already
validated; when a programmer passes something impossible (a wrong type, a missing column, a
negative cost, NaN), it raises :class:`TypeError` or :class:`ValueError` with one line naming the
function, the column and the rows (:func:`workbench.messages.rows`), never an ``inf`` or ``NaN``
hidden in a result.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from workbench import messages


def rows(mask: ArrayLike, table: object = None) -> str:
    """Name the rows where ``mask`` is true (``"data rows 2 and 4"``, or file lines)."""
    return messages.rows(mask, lines=messages.lines_of(table))


def require_frame(df: object, where: str) -> pd.DataFrame:
    """``df`` if it is a non-empty DataFrame; TypeError or ValueError otherwise."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{where}: expected a pandas DataFrame, got {type(df).__name__}.")
    if len(df) == 0:
        raise ValueError(f"{where}: the table has no data rows.")
    return df


def require_columns(df: pd.DataFrame, columns: Sequence[str], where: str) -> None:
    """ValueError naming the columns of ``columns`` that ``df`` lacks."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        have = ", ".join(repr(str(c)) for c in df.columns[:12])
        raise ValueError(
            f"{where}: missing column(s) {', '.join(repr(c) for c in missing)}; the table has "
            f"{have}."
        )


def numeric_column(
    df: pd.DataFrame,
    column: str,
    where: str,
    *,
    what: str = "values",
    nonnegative: bool = False,
    positive: bool = False,
) -> np.ndarray:
    """``df[column]`` as a finite float array, or one ValueError naming the rows at fault."""
    raw = df[column]
    values = pd.to_numeric(raw, errors="coerce")
    bad_text = values.isna().to_numpy() & raw.notna().to_numpy()
    if bad_text.any():
        raise ValueError(
            f"{where}: column {column!r} has non-numeric {what} in {rows(bad_text, df)}."
        )
    arr = values.to_numpy(dtype=float)
    problems = [
        (np.isnan(arr), f"missing {what}", ""),
        (~np.isfinite(arr) & ~np.isnan(arr), f"infinite {what}", ""),
    ]
    if positive:
        problems.append((arr <= 0, f"zero or negative {what}", "; a ratio needs them to be > 0"))
    elif nonnegative:
        problems.append((arr < 0, f"negative {what}", "; they must be >= 0"))
    for mask, label, note in problems:
        if mask.any():
            raise ValueError(f"{where}: column {column!r} has {label} in {rows(mask, df)}{note}.")
    return arr


def strategy_names(df: pd.DataFrame, strategy: str, where: str) -> np.ndarray:
    """The strategy column as text: present and unique, else ValueError."""
    names = df[strategy]
    missing = names.isna().to_numpy()
    if missing.any():
        raise ValueError(f"{where}: column {strategy!r} has missing names in {rows(missing, df)}.")
    as_text = names.astype(str)
    dup = as_text.duplicated(keep=False).to_numpy()
    if dup.any():
        first = as_text[dup].iloc[0]
        raise ValueError(
            f"{where}: duplicate strategy name {first!r} in column {strategy!r} in "
            f"{rows((as_text == first).to_numpy(), df)}; strategy names must be unique."
        )
    return as_text.to_numpy()


def finite_array(values: ArrayLike, name: str, where: str) -> np.ndarray:
    """``values`` as a float array with no NaN or infinity, else ValueError."""
    arr = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(arr)):
        bad = ~np.isfinite(arr.reshape(-1))
        raise ValueError(f"{where}: {name} has missing or infinite values at {rows(bad)}.")
    return arr


def positive_number(value: float, name: str, where: str, unit: str = "") -> float:
    """``value`` if it is a finite number > 0, else ValueError."""
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{where}: {name} must be > 0{unit}, got {value!r}.")
    return float(value)


def check_level(value: float, where: str) -> float:
    """A confidence level in (0, 1), else ValueError."""
    if not 0 < value < 1:
        raise ValueError(f"{where}: level must be in (0, 1), got {value!r}.")
    return float(value)


def scalar_or_array(arr: np.ndarray) -> float | np.ndarray:
    """A float for a 0-d array, else the array."""
    return float(arr) if arr.ndim == 0 else arr
