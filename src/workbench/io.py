"""Reading users' files: CSV (UTF-8 or GBK), XLSX and Parquet, with column maps and clear errors.

A researcher brings a file as it is; ``column_map`` (canonical name -> their column name) renames
it into the documented schema. A table read here is indexed by the file line of each row (index
name ``"line"``, see :mod:`workbench.messages`), so every message about a row names the line a
spreadsheet or editor shows. Problems are raised as one :class:`~workbench.errors.DataError`
naming the file and the column, never as a pandas traceback.
"""

from __future__ import annotations

import csv
import io as _io
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from workbench.errors import DataError
from workbench.messages import LINE_INDEX
from workbench.results import note_input

ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 is a superset of GBK and GB2312


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(
        f"{path}: cannot decode the text as UTF-8 or GBK; save it in one of those", file=str(path)
    )


def _record_lines(text: str) -> list[int]:
    """The first file line of every non-blank CSV record (the header's first)."""
    reader = csv.reader(_io.StringIO(text))
    starts, previous = [], 0
    for record in reader:
        if any(cell.strip() for cell in record):
            starts.append(previous + 1)
        previous = reader.line_num
    return starts


def _read_csv(path: Path) -> pd.DataFrame:
    text = _decode(path)
    try:
        df = pd.read_csv(_io.StringIO(text))
    except pd.errors.EmptyDataError:
        raise DataError(f"{path}: the file is empty", file=str(path)) from None
    except pd.errors.ParserError as exc:
        message = " ".join(str(exc).split())
        raise DataError(f"{path}: not a readable CSV table ({message})", file=str(path)) from None
    try:
        starts = _record_lines(text)
    except csv.Error:
        starts = []
    if len(starts) == len(df) + 1:  # the header, then one record per row
        df.index = pd.Index(starts[1:], name=LINE_INDEX)
    return df


def _read_xlsx(path: Path) -> pd.DataFrame:
    try:
        df = pd.read_excel(path, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        message = " ".join(str(exc).split())
        raise DataError(
            f"{path}: not a readable XLSX workbook ({message})", file=str(path)
        ) from None
    # pandas keeps blank rows inside the sheet as empty rows: sheet row = position + 2 (after
    # the header); blank rows are then dropped, as a CSV reader skips blank lines.
    df.index = pd.Index(range(2, len(df) + 2), name=LINE_INDEX)
    return df.dropna(how="all")


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
        The table with canonical column names (unmapped columns kept as they are), indexed by
        file line (CSV and XLSX; a Parquet table keeps its row positions).

    Raises
    ------
    DataError
        Missing or unreadable file, unknown format, empty table, a mapped or required column
        that is not there.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"data file not found: {path}", file=str(path))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        df = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        df = _read_xlsx(path)
    elif suffix in (".parquet", ".pq"):
        try:
            df = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types for a broken file
            message = " ".join(str(exc).split())
            raise DataError(
                f"{path}: not a readable Parquet file ({message})", file=str(path)
            ) from None
        df = df.reset_index(drop=True)
    else:
        raise DataError(
            f"{path}: unknown format '{suffix}'; use .csv, .xlsx or .parquet", file=str(path)
        )
    note_input(path)
    if df.empty:
        raise DataError(f"{path}: the table has no data rows", file=str(path))
    df.columns = [str(c).strip() for c in df.columns]
    column_map = dict(column_map or {})
    missing = [
        f"'{theirs}' (for {canon})"
        for canon, theirs in column_map.items()
        if theirs not in df.columns
    ]
    wanted = [column_map.get(c, c) for c in required]
    if missing:
        raise DataError(
            f"{path}: column_map names columns not in the file: {', '.join(missing)}; "
            f"the file has: {', '.join(df.columns)}{_header_hint(df, list(column_map.values()))}",
            file=str(path),
        )
    df = df.rename(columns={theirs: canon for canon, theirs in column_map.items()})
    absent = [c for c in required if c not in df.columns]
    if absent:
        raise DataError(
            f"{path}: required column(s) missing: {', '.join(absent)}; the file has: "
            f"{', '.join(df.columns)}{_header_hint(df, wanted)}",
            file=str(path),
            column=absent[0],
        )
    return df


def _header_hint(df: pd.DataFrame, wanted: list[str]) -> str:
    """Where the header really is, when title rows sit above it; else the column_map advice."""
    names = {str(w).strip() for w in wanted}
    for line, row in df.head(20).iterrows():
        cells = {str(v).strip() for v in row if isinstance(v, str)}
        found = sorted(names & cells)
        if names and len(found) >= max(1, len(names) // 2):
            return (
                f"; the header seems to be on file line {line} (it holds "
                f"{', '.join(repr(f) for f in found[:4])}): delete the row(s) above it, so that "
                "the header is the first row"
            )
    return " (map yours with the column_map parameter)"
