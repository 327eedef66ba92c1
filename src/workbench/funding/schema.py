"""The organisations data: canonical columns, reading a user's file, and every check of it.

Canonical input (one row per organisation):

- ``org_id``: a unique, non-empty identifier;
- the group column (``group`` by default, the ``group_column`` parameter; a city, district or
  type), optional;
- one column per funding source (the ``sources`` parameter), each an amount >= 0 in one currency
  unit (``amount_unit``; the shipped synthetic data use 万元 = 10,000 yuan a year).

A user's file (CSV in UTF-8 or GBK, XLSX or Parquet) is read with :func:`workbench.io.read_table`,
renamed with ``column_map`` and checked here; the shipped synthetic organisations are checked the
same way. :func:`check_inputs` (the runner, before a kernel starts) and :func:`load` (the
pipeline) run the same code, so the two can never disagree. Every problem is one
:class:`~workbench.errors.DataError` naming the file, the column and the rows (by file line when
the table came from a file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from workbench import datasets, io, messages, units
from workbench.errors import DataError
from workbench.params.funding import FundingDistributionParams
from workbench.units import Lang

ID_COLUMN = "org_id"
SYNTHETIC_FILE = "synthetic/organisations.csv"


def default(name: str) -> Any:
    """The parameter model's default of ``name`` (the model is the only place it is written)."""
    value = FundingDistributionParams.model_fields[name].default
    return tuple(value) if isinstance(value, list) else value


#: The default funding sources, government source and market sources (from the model).
DEFAULT_SOURCES: tuple[str, ...] = default("sources")
GOVERNMENT_SOURCE: str = default("government_source")
MARKET_SOURCES: tuple[str, ...] = default("market_sources")

#: Display labels (English, Chinese) of known source columns; other names are shown as they are.
#: The last three are the names the US Form 990 example gives its columns.
SOURCE_LABELS: dict[str, tuple[str, str]] = {
    "government_purchase": ("Government purchase", "政府购买服务"),
    "foundation_grants": ("Foundation grants", "基金会支持"),
    "donations": ("Individual donations", "个人捐助"),
    "service_fees": ("Service fees", "服务收费"),
    "other": ("Other income", "其他收入"),
    "contributions_grants": ("Contributions, gifts and grants", "捐赠与资助（含政府资助）"),
    "program_service_revenue": ("Program service revenue", "项目服务收入"),
    "royalties": ("Royalties", "特许权使用费"),
}

#: Display names (English, Chinese) of known amount units; other units are shown as they are.
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "万元": ("10,000 yuan", "万元"),
    "元": ("yuan", "元"),
    "亿元": ("100 million yuan", "亿元"),
    "USD": ("US dollars", "美元"),
    "美元": ("US dollars", "美元"),
}

#: Chinese descriptions of shipped files a user may name as data_path (the ledger is English).
SHIPPED_ZH: dict[str, str] = {
    "external/irs_soi_990_2016_medical_research_orgs.csv": (
        "美国国税局（IRS）统计收入处（SOI）2016年Form 990财务数据摘录（医学研究组织），"
        "经 maximz/mro-map 整理；美国联邦政府作品，属公有领域（美国法典第17编第105条）"
    ),
}


def source_label(name: str, lang: Lang = "en") -> str:
    """Display label of a source column (:data:`SOURCE_LABELS`), else the name as it is."""
    en, zh = SOURCE_LABELS.get(name, (name, name))
    return zh if lang == "zh" else en


def unit_label(unit: str, lang: Lang = "en") -> str:
    """Display name of an amount unit (:data:`UNIT_LABELS`), else the unit as it is."""
    en, zh = UNIT_LABELS.get(unit, (unit, unit))
    return zh if lang == "zh" else en


_YUAN_PER = {"元": 1.0, "万元": 1e4, "亿元": 1e8}


def amount_text(value: float, unit: str, lang: Lang = "en") -> str:
    """An amount in the data's unit as a person writes it: ``10 万元`` -> ``100,000 yuan``.

    Amounts in 元, 万元 or 亿元 go through :func:`workbench.units.money`; any other unit is
    written as a number followed by :func:`unit_label`.
    """
    if unit in _YUAN_PER:
        return units.money(value * _YUAN_PER[unit], lang)
    sep = "" if lang == "zh" else " "
    return f"{units.number(value, 3, lang)}{sep}{unit_label(unit, lang)}"


@dataclass(frozen=True)
class Organisations:
    """Validated organisations and where they came from.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per organisation (index 0..n-1), every source column ``float64`` in the data's
        unit; other columns as read.
    data_kind : str
        ``synthetic`` (the shipped illustrative data) or ``user`` (the ``data_path`` file).
    file : pathlib.Path
        The file read.
    n_dropped_zero_total : int
        Organisations dropped because their sources sum to zero (``drop_zero_total``).
    shipped : tuple of str, optional
        The data ledger entry (kind, origin, licence) when the file is one the project ships.
    ledger_name : str, optional
        The file's name in the ledger (``external/...``), when shipped.
    """

    frame: pd.DataFrame
    data_kind: str
    file: Path
    n_dropped_zero_total: int
    shipped: tuple[str, str, str] | None = None
    ledger_name: str | None = None


# ----------------------------------------------------------------------------------------------
# checks of a table
# ----------------------------------------------------------------------------------------------


def _fail(
    label: str, text: str, column: str | None = None, mask: Any = None, df: Any = None
) -> NoReturn:
    """Raise one DataError; ``mask`` (with ``df``) says which rows, by file line if known."""
    rows: tuple[int, ...] = ()
    if mask is not None:
        lines = messages.lines_of(df)
        flagged = np.flatnonzero(np.asarray(mask, dtype=bool))
        rows = tuple(int(lines[i]) if lines is not None else int(i) + 1 for i in flagged)
    raise DataError(f"{label}: {text}", file=label, column=column, rows=rows)


def _at(df: pd.DataFrame, mask: Any, values: Any = None) -> str:
    return messages.rows(mask, values, lines=messages.lines_of(df))


def _check_columns(df: pd.DataFrame, required: list[str], label: str) -> None:
    if len(df) == 0:
        _fail(
            label,
            "the table has no data rows; expected one row per organisation with columns "
            + ", ".join(required),
        )
    absent = [c for c in required if c not in df.columns]
    if absent:
        _fail(
            label,
            f"missing column{'s' if len(absent) > 1 else ''} "
            f"{', '.join(repr(c) for c in absent)}; the data have "
            f"{', '.join(map(str, df.columns))} (map your names to the canonical ones with the "
            "column_map parameter)",
            absent[0],
        )
    doubled = [c for c in required if isinstance(df[c], pd.DataFrame)]
    if doubled:
        _fail(label, f"column {doubled[0]!r} appears more than once", doubled[0])


def _text(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The column as stripped text, and where it is empty (missing or blank)."""
    text = column.astype(str).str.strip()
    return text, (column.isna() | text.eq("")).to_numpy(dtype=bool)


def _check_ids(df: pd.DataFrame, id_column: str, group_column: str | None, label: str) -> None:
    ids = df[id_column]
    text, empty = _text(ids)
    if empty.any():
        _fail(label, f"column {id_column!r} is empty at {_at(df, empty)}", id_column, empty, df)
    dup = text.duplicated(keep=False).to_numpy()
    if dup.any():
        first = ids.to_numpy()[np.flatnonzero(dup)[0]]
        _fail(
            label,
            f"column {id_column!r} has duplicate values at {_at(df, dup)} (e.g. {first!r}); "
            "each organisation must appear once",
            id_column,
            dup,
            df,
        )
    if group_column:
        empty = _text(df[group_column])[1]
        if empty.any():
            _fail(
                label,
                f"column {group_column!r} is empty at {_at(df, empty)}; give every organisation "
                "a group (city, district or type)",
                group_column,
                empty,
                df,
            )


def _amount_column(df: pd.DataFrame, s: str, label: str, missing_as_zero: bool) -> np.ndarray:
    """One source column as float amounts >= 0, or a DataError naming the rows."""
    raw = df[s]
    if pd.api.types.is_bool_dtype(raw):
        _fail(label, f"column {s!r} holds true/false values, not amounts", s)
    values, not_numeric = messages.to_number(raw)
    if not_numeric.any():
        _fail(
            label,
            f"column {s!r} has non-numeric amounts at {_at(df, not_numeric, raw.to_numpy())}; "
            "write plain numbers without units",
            s,
            not_numeric,
            df,
        )
    blank = np.isnan(values)
    if blank.any():
        if not missing_as_zero:
            _fail(
                label,
                f"column {s!r} has missing amounts at {_at(df, blank)}; enter 0 where an "
                "organisation received nothing from this source (or set missing_as_zero)",
                s,
                blank,
                df,
            )
        values = np.where(blank, 0.0, values)
    infinite = np.isinf(values)
    if infinite.any():
        _fail(label, f"column {s!r} has infinite amounts at {_at(df, infinite)}", s, infinite, df)
    negative = values < 0
    if negative.any():
        _fail(
            label,
            f"column {s!r} has negative amounts at {_at(df, negative, values)}; funding amounts "
            "must be >= 0",
            s,
            negative,
            df,
        )
    return values


def validate_organisations(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    source_label: str = "organisations data",
    *,
    id_column: str = ID_COLUMN,
    group_column: str | None = "group",
    missing_as_zero: bool = False,
    drop_zero_total: bool = False,
) -> pd.DataFrame:
    """Check an organisations table against the canonical schema and return a clean copy.

    Parameters
    ----------
    df : pandas.DataFrame
        The table, already renamed to canonical columns (:func:`workbench.io.read_table` does
        that, and indexes it by file line, which messages then name).
    sources : sequence of str
        Funding-source columns; default :data:`DEFAULT_SOURCES`.
    source_label : str
        How to name the data in messages, e.g. the file path.
    id_column : str
        The identifier column.
    group_column : str or None
        The grouping column (city, district or type); ``None`` skips the group check.
    missing_as_zero : bool
        If true, empty amount cells mean 0; otherwise they are an error.
    drop_zero_total : bool
        If true, drop organisations whose total over ``sources`` is zero instead of raising
        (e.g. a file whose other income is not among the sources).

    Returns
    -------
    pandas.DataFrame
        A copy with every source column as ``float64`` (amounts in the data's unit), without the
        dropped rows (``len(df) - len(result)`` were dropped); other columns unchanged.

    Raises
    ------
    DataError
        One message naming the column and the first few rows for: an empty table, a missing or
        doubled column, a missing or duplicate ``org_id``, a missing group label, a true/false,
        non-numeric, missing, infinite or negative amount, or zero total funding.
    TypeError, ValueError
        ``df`` is not a DataFrame; ``sources`` is empty or has duplicates (programming errors).

    Notes
    -----
    Zero total funding is rejected rather than dropped by default: a share-based concentration
    index (HHI; Tuckman & Chang 1991; Chikoto & Neely 2014) is 0/0 there, and silently dropping
    rows would change the denominators of every reported share.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(df).__name__}")
    sources = list(sources)
    if not sources or len(set(sources)) != len(sources):
        raise ValueError(f"sources must be distinct names, at least one; got {sources}")
    label = source_label
    _check_columns(df, [id_column] + ([group_column] if group_column else []) + sources, label)
    _check_ids(df, id_column, group_column, label)
    out = df.copy()
    for s in sources:
        out[s] = _amount_column(df, s, label, missing_as_zero)
    zero = out[sources].to_numpy(dtype=float).sum(axis=1) <= 0
    if zero.any() and drop_zero_total:
        if zero.all():
            _fail(label, "every organisation has zero total funding", None, zero, df)
        return out.loc[~zero].copy()
    if zero.any():
        _fail(
            label,
            f"organisations with zero total funding across columns {', '.join(sources)} at "
            f"{_at(df, zero)}; their funding mix is undefined: remove them or correct the "
            "amounts (or set drop_zero_total)",
            None,
            zero,
            df,
        )
    return out


def _read(path: str | Path, column_map: dict[str, str] | None, group_column: str | None):
    """A user's file renamed to canonical columns, with its group column present."""
    df = io.read_table(path, column_map=column_map)
    if group_column and group_column not in df.columns:
        raise DataError(
            f"{path}: no group column {group_column!r}; the file has {', '.join(df.columns)} "
            "(map yours with column_map, or set group_column to an empty string for no grouping)",
            file=str(path),
            column=group_column,
        )
    return df


def read_organisations(
    path: str | Path,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    column_map: dict[str, str] | None = None,
    group_column: str | None = "group",
    missing_as_zero: bool = False,
    drop_zero_total: bool = False,
) -> pd.DataFrame:
    """Read a user's organisations file and check it (:func:`validate_organisations`).

    Parameters
    ----------
    path : path
        CSV (UTF-8 or GBK), XLSX or Parquet, read with :func:`workbench.io.read_table`.
    sources : sequence of str
        Funding-source columns (canonical names, after ``column_map``).
    column_map : dict, optional
        Canonical name -> the file's column name.
    group_column : str or None
        Grouping column; ``None`` or ``""`` for none.
    missing_as_zero, drop_zero_total : bool
        As in :func:`validate_organisations`.

    Returns
    -------
    pandas.DataFrame
        The validated table, amounts as ``float64`` in the file's unit, indexed by file line.

    Raises
    ------
    DataError
        Unreadable file or encoding, empty table, a missing group or source column, and every
        problem :func:`validate_organisations` finds, naming the file, column and file lines.
    """
    df = _read(path, column_map, group_column)
    return validate_organisations(
        df,
        sources,
        str(path),
        group_column=group_column or None,
        missing_as_zero=missing_as_zero,
        drop_zero_total=drop_zero_total,
    )


# ----------------------------------------------------------------------------------------------
# what the runner and the pipeline call
# ----------------------------------------------------------------------------------------------


def _ledger_name(file: Path) -> str | None:
    file = file.resolve()
    root = datasets.path("").resolve()
    if file.is_relative_to(root):
        name = file.relative_to(root).as_posix()
        return name if name in datasets.FILES else None
    return None


def load(params: FundingDistributionParams) -> Organisations:
    """The validated organisations the parameters name: ``data_path``, else the shipped data.

    Raises
    ------
    DataError
        As :func:`read_organisations`; the shipped synthetic data are checked the same way
        (a ``sources`` list that does not fit them is reported before any kernel starts).
    """
    group = params.group_column or None
    options = dict(missing_as_zero=params.missing_as_zero, drop_zero_total=params.drop_zero_total)
    if params.data_path:
        file = Path(params.data_path)
        raw = _read(file, params.column_map, group)
        frame = validate_organisations(
            raw, params.sources, str(file), group_column=group, **options
        )
        kind, n_raw = "user", len(raw)
    else:
        file = datasets.path(SYNTHETIC_FILE)
        raw = datasets.load(SYNTHETIC_FILE)
        frame = validate_organisations(
            raw, params.sources, SYNTHETIC_FILE, group_column=group, **options
        )
        kind, n_raw = "synthetic", len(raw)
    name = _ledger_name(file)
    return Organisations(
        frame=frame.reset_index(drop=True),
        data_kind=kind,
        file=file,
        n_dropped_zero_total=n_raw - len(frame),
        shipped=datasets.FILES.get(name) if name else None,
        ledger_name=name,
    )


def check_inputs(params: FundingDistributionParams) -> None:
    """Check the data the parameters name (the runner calls this before a kernel starts).

    Raises
    ------
    DataError
        One line naming the file, the column and the rows (see :func:`load`).
    """
    load(params)
