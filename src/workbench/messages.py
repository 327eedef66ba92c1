"""The words of one-line messages: which rows are at fault, and numbers read from text.

Every analysis names bad rows with :func:`rows` and reads numeric columns with
:func:`to_number`, so a message reads the same whichever file or analysis it comes from. A table
read by :func:`workbench.io.read_table` is indexed by file line (index name ``"line"``), and
:func:`lines_of` hands those line numbers to :func:`rows`; a table without them is numbered by
data row (1 = the first row after the header).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

LINE_INDEX = "line"  # the index name of a table whose index holds file line numbers
SHOWN = 5  # rows listed in a message before "and N more"


def excerpt(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to about ``limit`` characters, so a message stays one short line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters (no quotes added), for where a value came from."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def value_text(value: Any) -> str:
    """How a cell's value appears in a message: ``missing``, a quoted string or the number."""
    if value is None:
        return "missing"
    if isinstance(value, float) and math.isnan(value):
        return "missing"
    if isinstance(value, str):
        return excerpt(value, 40)
    try:
        import pandas as pd

        if pd.isna(value):
            return "missing"
    except (TypeError, ValueError):
        pass
    return str(value)


def lines_of(table: Any) -> Sequence[int] | None:
    """The file line of each row of ``table`` when it carries them (see module doc), else None."""
    index = getattr(table, "index", None)
    if index is not None and getattr(index, "name", None) == LINE_INDEX:
        return [int(i) for i in index]
    return None


def rows(
    mask: Any,
    values: Any = None,
    *,
    lines: Sequence[int] | None = None,
    limit: int = SHOWN,
) -> str:
    """Name the flagged rows: ``"data rows 2 (-5), 7 ('abc') and 3 more"``.

    Parameters
    ----------
    mask : array-like of bool
        True where a row is at fault, in file order.
    values : array-like, optional
        The offending values, aligned with ``mask``, shown beside each row.
    lines : sequence of int, optional
        The file line of each row (from :func:`lines_of`); then rows are named by file line
        (``"file lines 4 and 9"``), else by data row, 1 being the first row after the header.
    limit : int
        How many rows to list before ``and N more``.
    """
    import numpy as np

    flagged = np.flatnonzero(np.asarray(mask, dtype=bool))
    parts = []
    for i in flagged[:limit]:
        number = lines[i] if lines is not None else int(i) + 1
        part = str(number)
        if values is not None:
            part += f" ({value_text(values[i])})"
        parts.append(part)
    more = f" and {flagged.size - limit} more" if flagged.size > limit else ""
    if len(parts) > 1 and not more:
        listed = f"{', '.join(parts[:-1])} and {parts[-1]}"
    else:
        listed = ", ".join(parts) + more
    noun = "file line" if lines is not None else "data row"
    return f"{noun}{'s' if flagged.size > 1 else ''} {listed}"


def to_number(column: Any) -> tuple[Any, Any]:
    """Read a column as numbers, as a researcher would type them.

    Accepts numbers, booleans (0/1), and text with surrounding spaces or thousands separators
    (``" 1,234.5 "``). Empty text counts as missing, not as a bad number.

    Parameters
    ----------
    column : pandas.Series or array-like
        The raw column.

    Returns
    -------
    values : numpy.ndarray of float
        The numbers, NaN where missing or unreadable.
    not_numeric : numpy.ndarray of bool
        True where a value is present but is not a number (for :func:`rows`).
    """
    import numpy as np
    import pandas as pd

    series = column if isinstance(column, pd.Series) else pd.Series(column)
    if pd.api.types.is_bool_dtype(series):
        return series.astype(float).to_numpy(), np.zeros(len(series), dtype=bool)
    if pd.api.types.is_numeric_dtype(series):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        return values, np.zeros(len(series), dtype=bool)
    text = series.astype("string").str.strip().str.replace(",", "", regex=False)
    text = text.mask(text == "")
    number = pd.to_numeric(text, errors="coerce")
    values = number.to_numpy(dtype=float, na_value=np.nan)
    not_numeric = (text.notna() & number.isna()).to_numpy(dtype=bool)
    return values, not_numeric
