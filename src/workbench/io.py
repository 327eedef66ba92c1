"""Reading users' files: CSV (UTF-8 or GBK), XLSX and Parquet, with column maps and clear errors.

A researcher brings a file as it is; ``column_map`` (canonical name -> their column name) renames
it into the documented schema. Problems are raised as one :class:`~workbench.errors.InputError`
naming the file and the column, never as a pandas traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.errors import InputError
from workbench.results import note_input

ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 is a superset of GBK and GB2312


def _read_csv(path: Path) -> pd.DataFrame:
    for encoding in ENCODINGS:
        try:
            return pd.read_csv(path, encoding=encoding)
        except UnicodeDecodeError:
            continue
        except pd.errors.EmptyDataError:
            raise InputError(f"{path}: the file is empty") from None
        except pd.errors.ParserError as exc:
            raise InputError(f"{path}: not a readable CSV table ({exc})") from None
    raise InputError(f"{path}: cannot decode the text as UTF-8 or GBK; save it in one of those")


def read_table(
    path: str | Path,
    *,
    column_map: Mapping[str, str] | None = None,
    required: Iterable[str] = (),
) -> pd.DataFrame:
    """Read a user's table and rename its columns to the canonical schema.

    Parameters
    ----------
    path : path
        A ``.csv`` (UTF-8 or GBK/GB18030), ``.xlsx`` or ``.parquet`` file.
    column_map : mapping, optional
        Canonical column name -> the name used in the file. Applied before anything else.
    required : iterable of str
        Canonical columns that must be present after renaming.

    Returns
    -------
    pandas.DataFrame
        The table with canonical column names (unmapped columns are kept as they are).

    Raises
    ------
    InputError
        Missing or unreadable file, unknown format, empty table, a mapped or required column
        that is not there.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"data file not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        df = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        try:
            df = pd.read_excel(path, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many types for a broken workbook
            raise InputError(f"{path}: not a readable XLSX workbook ({exc})") from None
    elif suffix in (".parquet", ".pq"):
        try:
            df = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types for a broken file
            raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    else:
        raise InputError(f"{path}: unknown format '{suffix}'; use .csv, .xlsx or .parquet")
    note_input(path)
    if df.empty:
        raise InputError(f"{path}: the table has no data rows")
    df.columns = [str(c).strip() for c in df.columns]
    column_map = dict(column_map or {})
    missing = [
        f"'{theirs}' (for {canon})"
        for canon, theirs in column_map.items()
        if theirs not in df.columns
    ]
    if missing:
        raise InputError(
            f"{path}: column_map names columns not in the file: {', '.join(missing)}; "
            f"the file has: {', '.join(df.columns)}"
        )
    df = df.rename(columns={theirs: canon for canon, theirs in column_map.items()})
    absent = [c for c in required if c not in df.columns]
    if absent:
        raise InputError(
            f"{path}: required column(s) missing: {', '.join(absent)}; the file has: "
            f"{', '.join(df.columns)} (map yours with the column_map parameter)"
        )
    return df


def bad_rows(mask, values=None, limit: int = 5) -> str:
    """Describe flagged rows as file row numbers: ``"rows 2 (-5), 7 (abc) and 3 more"``.

    Parameters
    ----------
    mask : array-like of bool
        True where a row is at fault, in file order.
    values : array-like, optional
        The offending values, shown beside each row number.
    limit : int
        How many rows to show before "and N more".

    Row 1 is the first data row after the header, as a spreadsheet user counts them.
    """
    idx = np.flatnonzero(np.asarray(mask, dtype=bool))
    parts = []
    for i in idx[:limit]:
        part = str(int(i) + 1)
        if values is not None:
            value = values[i]
            missing = value is None or (isinstance(value, float) and value != value)
            part += " (missing)" if missing else f" ({value})"
        parts.append(part)
    more = f" and {idx.size - limit} more" if idx.size > limit else ""
    return f"row{'s' if idx.size > 1 else ''} {', '.join(parts)}{more}"
