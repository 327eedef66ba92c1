"""Checked arrays for the compute functions: amounts, shares, group codes, source columns.

These check a programmer's arguments, not a user's file (that is :mod:`workbench.funding.schema`):
a wrong type raises :class:`TypeError`, an impossible value :class:`ValueError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd


def positions(mask: np.ndarray, limit: int = 5) -> str:
    """The first few 0-based positions where ``mask`` is true, for a ValueError message."""
    flagged = np.flatnonzero(mask)
    listed = ", ".join(str(i) for i in flagged[:limit])
    return listed + (f" and {flagged.size - limit} more" if flagged.size > limit else "")


def values_1d(values: Any, name: str = "values") -> np.ndarray:
    """A finite, non-negative, non-empty 1-D float array.

    Raises
    ------
    TypeError
        ``values`` are not numbers.
    ValueError
        Not 1-D, empty, non-finite or negative.
    """
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected numbers") from None
    if arr.ndim != 1:
        raise ValueError(f"{name}: expected a 1-D sequence of numbers, got {arr.ndim}-D")
    if arr.size == 0:
        raise ValueError(f"{name}: no values")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name}: missing or infinite values at {positions(~np.isfinite(arr))}")
    if (arr < 0).any():
        raise ValueError(f"{name}: negative values at {positions(arr < 0)}; expected amounts >= 0")
    return arr


def positive_total(arr: np.ndarray, name: str, what: str) -> float:
    """The sum of ``arr``, which must be positive for ``what`` to be defined."""
    total = float(arr.sum())
    if total <= 0:
        raise ValueError(f"{name}: all values are zero, so the {what} is undefined")
    return total


def group_codes(groups: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes 0..G-1 and the unique labels (in order of first appearance)."""
    labels = np.asarray(groups, dtype=object) if not isinstance(groups, pd.Series) else groups
    if len(labels) != n:
        raise ValueError(f"groups: expected {n} labels (one per value), got {len(labels)}")
    codes, uniques = pd.factorize(labels, use_na_sentinel=True)
    if (codes < 0).any():
        raise ValueError(f"groups: missing group labels at {positions(codes < 0)}")
    return codes.astype(np.intp), np.asarray(uniques, dtype=object)


def sorted_codes(labels: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """Integer codes of a label column, labels sorted; no label may be missing."""
    codes, uniques = pd.factorize(labels, sort=True, use_na_sentinel=True)
    if (codes < 0).any():
        raise ValueError(f"{labels.name}: missing group labels at {positions(codes < 0)}")
    return codes, list(uniques)


def check_sources(
    df: pd.DataFrame,
    sources: Sequence[str],
    government_source: str | None = None,
    market_sources: Sequence[str] | None = None,
) -> list[str]:
    """The source columns as a list, checked against ``df`` and the government/market split."""
    sources = list(sources)
    if not sources:
        raise ValueError("sources: the list of funding-source columns is empty")
    if len(set(sources)) != len(sources):
        raise ValueError(f"sources: duplicate names in {sources}")
    absent = [s for s in sources if s not in df.columns]
    if absent:
        raise ValueError(
            f"sources: column(s) {', '.join(repr(s) for s in absent)} not in the data; "
            f"it has {', '.join(map(str, df.columns))}"
        )
    if government_source is not None and government_source not in sources:
        raise ValueError(
            f"government_source: {government_source!r} is not one of the sources {sources}"
        )
    if market_sources is not None:
        unknown = [s for s in market_sources if s not in sources]
        if unknown:
            raise ValueError(f"market_sources: {unknown} are not among the sources {sources}")
    return sources


def amounts(df: pd.DataFrame, sources: Sequence[str]) -> np.ndarray:
    """The source columns as a 2-D float array (organisations x sources), finite and >= 0."""
    arr = df[list(sources)].to_numpy(dtype=float)
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ValueError(
            "funding amounts must be finite numbers >= 0; check the table with "
            "workbench.funding.schema.validate_organisations first"
        )
    return arr


def row_shares(arr: np.ndarray) -> np.ndarray:
    """Each value's share of its row total along the last axis (NaN for a zero total)."""
    total = arr.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, arr / np.where(total > 0, total, 1.0), np.nan)


def scale_bins(total: np.ndarray, n_bins: int) -> np.ndarray:
    """Equal-count scale bins 0..n_bins-1 (0 = smallest); ties broken by row order.

    Raises
    ------
    ValueError
        ``n_bins`` is not a whole number >= 1.
    """
    if int(n_bins) != n_bins or n_bins < 1:
        raise ValueError(f"n_bins: expected a whole number >= 1, got {n_bins}")
    n = total.size
    rank = np.empty(n, dtype=np.intp)
    rank[np.argsort(total, kind="stable")] = np.arange(n)
    return (rank * int(n_bins)) // n
