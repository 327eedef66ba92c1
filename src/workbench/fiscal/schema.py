"""The fiscal-pressure data: canonical columns, reading the files, and every check of them.

Two public functions share one validation path, so the check before a kernel starts and the
notebook can never disagree:

* :func:`check_inputs` (the runner calls it before any kernel starts) and
* :func:`load` (the pipeline calls it) both read the national series the parameters name (a
  user's file through :func:`workbench.io.read_table`, or the shipped reference table), validate
  it row by row, check that the comparison years exist in it, and read the local, provincial,
  claims and GDP reference tables.

Every problem is one :class:`~workbench.errors.DataError` naming the file, the column and the rows
(file lines for a user's CSV or XLSX, data rows for a table without them).

Canonical columns of a user's national series (one row per year; map other names with the
``column_map`` parameter): ``year``; ``revenue``, ``gdp`` (nominal levels, one GDP vintage, one
currency unit, positive); optional ``expenditure`` (same unit) and ``gdp_real_growth_pct`` (real GDP
growth over the previous year in PERCENT, as communiqués print it: 8.1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from workbench import datasets, io, messages
from workbench.errors import DataError
from workbench.params.fiscal import FiscalPressureParams

#: Columns of a national series after loading: year; revenue, expenditure and nominal GDP in
#: 亿元 (or the user's unit); real GDP growth as a fraction.
NATIONAL_COLUMNS: tuple[str, ...] = ("year", "revenue", "expenditure", "gdp", "gdp_real_growth")
#: Columns a user's national series must have, and the ones it may have.
USER_REQUIRED: tuple[str, ...] = ("year", "revenue", "gdp")
USER_OPTIONAL: tuple[str, ...] = ("expenditure", "gdp_real_growth_pct")
USER_COLUMNS: tuple[str, ...] = (*USER_REQUIRED, *USER_OPTIONAL)

REFERENCE_TABLE = "reference/national_fiscal_gdp_series_and_derived.csv"
LOCAL_TABLE = "reference/local_fiscal_beijing_shanghai.csv"
PROVINCIAL_TABLE = "external/provincial_public_budget_expenditure_2010_2023.csv"
CLAIMS_TABLE = "reference/unverified_and_rejected_claims.csv"
GDP_TABLE = "reference/national_gdp.csv"

#: Columns of the reference table used, per GDP vintage (levels in 亿元, real growth in percent).
#: Its DERIVED_* columns are deliberately ignored: everything derived is recomputed.
REFERENCE_VINTAGES: dict[str, tuple[str, str]] = {
    "preliminary": ("gdp_prelim_yiyuan", "gdp_real_growth_prelim_pct"),
    "revised": ("gdp_revised_yiyuan", "gdp_real_growth_revised_pct"),
}
REFERENCE_FISCAL = ("year", "revenue_yiyuan", "expenditure_yiyuan", "revenue_growth_nominal_pct")

CITIES: tuple[str, ...] = ("Beijing", "Shanghai")
LOCAL_REVENUE = "general_public_budget_revenue"
LOCAL_EXPENDITURE = {
    "report": "general_public_budget_expenditure",
    "yearbook": "general_public_budget_expenditure_yearbook",
}
PANEL_COLUMNS = ("province", "year", "item_en", "value")
PANEL_TOTAL = "general_public_budget_expenditure_total"
PANEL_NATIONAL = "全国"  # sums of local governments, not the national budget

#: The article's figures, as quoted (易臻真, 澎湃新闻 The Paper, 2022-04-18); none is verified.
ARTICLE_GDP_REAL_GROWTH_2019_2021 = 0.052  # F3: "GDP年均增长5.2%"
BEIJING_2020_SOCIAL_SPENDING = 171.28  # F7: 亿元, social construction and civil affairs
BEIJING_2020_SOCIAL_SPENDING_FISCAL = 125.26  # F7: 亿元 of it from fiscal money
BEIJING_CLAIM = "T5-c"  # its row in the claims ledger
#: The last year of the quoted increase (13th Five-Year Plan, 2016-2020): the projections' base.
GOVERNANCE_BASE_YEAR = 2020


@dataclass(frozen=True)
class Inputs:
    """Everything the analysis reads, validated once.

    Attributes
    ----------
    data_kind : str
        ``"reference"`` (the shipped series) or ``"user"`` (``data_path``).
    data_file : str or None
        The user's file, or None for the shipped data.
    national : pandas.DataFrame
        The series of the growth comparison (:data:`NATIONAL_COLUMNS`, ``revenue_imputed``,
        ``gdp_vintage``): the chosen reference vintage, or the user's series.
    long_series : pandas.DataFrame
        The longest series of one vintage, for revenue/GDP, buoyancy and the national gap: the
        first-release reference series (the only vintage with every year), or the user's.
    preliminary, revised : pandas.DataFrame
        The two reference vintages (always shipped; the vintage table uses them).
    local : pandas.DataFrame
        The Beijing and Shanghai table as shipped (long: indicator, region, year, value).
    provincial_panel : pandas.DataFrame
        The provincial expenditure table as shipped (long: province, year, item_en, value).
    beijing_claim_verified : bool
        Whether the claims ledger marks the article's Beijing 2020 figures as verified.
    stated_two_year_growth : dict of int to float
        NBS's stated two-year average real GDP growth by end year (fraction).
    """

    data_kind: str
    data_file: str | None
    national: pd.DataFrame
    long_series: pd.DataFrame
    preliminary: pd.DataFrame
    revised: pd.DataFrame
    local: pd.DataFrame
    provincial_panel: pd.DataFrame
    beijing_claim_verified: bool
    stated_two_year_growth: dict[int, float] = field(default_factory=dict)

    @property
    def imputed_years(self) -> list[int]:
        """Years of the long series whose revenue level is estimated from its stated growth."""
        d = self.long_series
        return [int(y) for y in d.loc[d["revenue_imputed"], "year"]]


# ----------------------------------------------------------------------------------------------
# the two public entry points
# ----------------------------------------------------------------------------------------------


def check_inputs(params: FiscalPressureParams) -> None:
    """Read and check every file these parameters use, before a kernel starts.

    Raises
    ------
    DataError
        A user's file with a missing column or year, a non-numeric, empty, zero or negative
        value, years outside the data, a basis the file cannot serve; or comparison years that the
        chosen shipped GDP vintage does not hold. The message names the file, column and rows.
    """
    load(params)


def load(params: FiscalPressureParams) -> Inputs:
    """Read and validate the national series and the shipped tables (see :class:`Inputs`)."""
    reference = datasets.load(REFERENCE_TABLE)
    preliminary = national_reference(reference, "preliminary", fill_revenue_from_growth=True)
    revised = national_reference(reference, "revised", fill_revenue_from_growth=True)
    if params.data_path:
        national = read_user_series(params).assign(revenue_imputed=False)
        long_series, data_kind = national, "user"
        where = params.data_path
    else:
        national = revised if params.gdp_vintage == "revised" else preliminary
        long_series, data_kind = preliminary, "reference"
        where = f"the shipped reference data (gdp_vintage '{params.gdp_vintage}')"
    check_comparison(national, params.start_year, params.end_year, params.gdp_basis, where)
    local = datasets.load(LOCAL_TABLE)
    check_local(local)
    panel = datasets.load(PROVINCIAL_TABLE)
    check_panel(panel)
    return Inputs(
        data_kind=data_kind,
        data_file=params.data_path or None,
        national=national,
        long_series=long_series,
        preliminary=preliminary,
        revised=revised,
        local=local,
        provincial_panel=panel,
        beijing_claim_verified=_claim_verified(datasets.load(CLAIMS_TABLE), BEIJING_CLAIM),
        stated_two_year_growth=_stated_two_year_growth(datasets.load(GDP_TABLE)),
    )


# ----------------------------------------------------------------------------------------------
# a user's national series
# ----------------------------------------------------------------------------------------------


def read_user_series(params: FiscalPressureParams) -> pd.DataFrame:
    """Read ``params.data_path``, rename with ``column_map``, check it can serve ``gdp_basis``."""
    path = params.data_path
    raw = io.read_table(path, column_map=params.column_map, required=USER_REQUIRED)
    if params.gdp_basis != "nominal" and "gdp_real_growth_pct" not in raw.columns:
        raise DataError(
            f"{path}: gdp_basis '{params.gdp_basis}' needs real GDP growth: add a column "
            "'gdp_real_growth_pct' (percent over the previous year, e.g. 8.1) or set gdp_basis "
            "to 'nominal'",
            file=path,
            column="gdp_real_growth_pct",
        )
    return prepare_user_national_series(raw, params.start_year, params.end_year, source=path)


def prepare_user_national_series(
    df: pd.DataFrame,
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    source: str = "data",
) -> pd.DataFrame:
    """Validate a user's national series and put it in the :data:`NATIONAL_COLUMNS` shape.

    Parameters
    ----------
    df : pandas.DataFrame
        The user's table (one row per year) with columns ``year``, ``revenue`` and ``gdp``
        (nominal levels, one vintage, same currency unit), optionally ``expenditure`` and
        ``gdp_real_growth_pct`` (real GDP growth over the previous year, in PERCENT, e.g. 8.1).
    start_year, end_year : int, optional
        Years that must be present and complete.
    source : str
        File name used in messages.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`NATIONAL_COLUMNS` (``gdp_real_growth`` as a fraction; NaN when the user
        gave none) plus ``gdp_vintage = "user"``.

    Raises
    ------
    DataError
        See :func:`validate_series`.
    """
    optional = [c for c in USER_OPTIONAL if c in df.columns]
    clean = validate_series(
        df,
        required=(*USER_REQUIRED, *optional),
        start_year=start_year,
        end_year=end_year,
        source=source,
        restrict=False,
    )
    out = pd.DataFrame({"year": clean["year"], "revenue": clean["revenue"], "gdp": clean["gdp"]})
    out["expenditure"] = clean["expenditure"] if "expenditure" in clean else np.nan
    out["gdp_real_growth"] = (
        clean["gdp_real_growth_pct"] / 100.0 if "gdp_real_growth_pct" in clean else np.nan
    )
    out["gdp_vintage"] = "user"
    return out[[*NATIONAL_COLUMNS, "gdp_vintage"]].reset_index(drop=True)


def _fault(source: str, column: str, mask: np.ndarray, raw: Any, lines, what: str) -> DataError:
    """One DataError naming the file, the column and the flagged rows with their values."""
    values = list(raw) if raw is not None else None
    where = messages.rows(mask, values, lines=lines)
    flagged = np.flatnonzero(mask)
    numbers = tuple(int(lines[i]) if lines is not None else int(i) + 1 for i in flagged)
    return DataError(
        f"{source}: column {column!r}, {where}: {what}", file=source, column=column, rows=numbers
    )


def _check_years(d: pd.DataFrame, year_col: str, source: str, lines) -> pd.Series:
    """Whole, unique years; return them as ints."""
    years, not_numeric = messages.to_number(d[year_col])
    bad = np.isnan(years) | (np.round(years) != years)
    if bad.any():
        raise _fault(source, year_col, bad, d[year_col], lines, "not a year")
    years = pd.Series(years.astype(int), index=d.index)
    dup = years.duplicated().to_numpy()
    if dup.any():
        first = int(years[dup].iloc[0])
        raise _fault(
            source, year_col, dup, years, lines, f"year {first} appears twice; one row per year"
        )
    return years


def _check_range(
    years: pd.Series,
    start_year: int | None,
    end_year: int | None,
    source: str,
    year_col: str,
    lines,
) -> tuple[int, int]:
    """Requested years inside the data, and no year missing inside the range."""
    lo, hi = int(years.min()), int(years.max())
    for name, y in (("start_year", start_year), ("end_year", end_year)):
        if y is not None and not lo <= y <= hi:
            raise DataError(
                f"{name} {y} is outside the data in {source} "
                f"(column {year_col!r} covers {lo}-{hi})",
                file=source,
                column=year_col,
            )
    a = lo if start_year is None else start_year
    b = hi if end_year is None else end_year
    present = set(years.tolist())
    gaps = [y for y in range(a, b + 1) if y not in present]
    if gaps:
        before = years[years < gaps[0]]
        where = ""
        if not before.empty:
            j = int(np.argmax(years.to_numpy() == before.max()))
            row = lines[j] if lines is not None else j + 1
            noun = "file line" if lines is not None else "data row"
            where = f" (after {noun} {row}, year {int(before.max())})"
        listed = ", ".join(str(g) for g in gaps[:5]) + (" ..." if len(gaps) > 5 else "")
        raise DataError(
            f"{source}: column {year_col!r} has no row for year(s) {listed}{where}; "
            f"every year {a}-{b} is needed",
            file=source,
            column=year_col,
        )
    return a, b


def _check_values(
    raw: pd.Series,
    col: str,
    years: pd.Series,
    in_range: np.ndarray,
    source: str,
    lines,
    *,
    blank_ok: bool,
    positive: bool,
) -> np.ndarray:
    """Numbers (thousands separators allowed), present unless ``blank_ok``, positive if asked."""
    num, not_numeric = messages.to_number(raw)
    span = _years_text(years, in_range)
    hit = not_numeric & in_range
    if hit.any():
        raise _fault(source, col, hit, raw, lines, f"not a number ({_years_text(years, hit)})")
    if not blank_ok:
        hit = np.isnan(num) & in_range
        if hit.any():
            raise _fault(
                source,
                col,
                hit,
                raw,
                lines,
                f"empty ({_years_text(years, hit)}); every year {span} needs a value",
            )
    if positive:
        hit = (num < 0) & in_range
        if hit.any():
            raise _fault(
                source,
                col,
                hit,
                raw,
                lines,
                f"negative ({_years_text(years, hit)}); {col} cannot be below zero",
            )
        hit = (num == 0) & in_range
        if hit.any():
            raise _fault(
                source,
                col,
                hit,
                raw,
                lines,
                f"zero ({_years_text(years, hit)}); {col} must be positive",
            )
    return num


def _years_text(years: pd.Series, mask: np.ndarray) -> str:
    picked = [int(y) for y in years.to_numpy()[mask]]
    if len(picked) == 1:
        return f"year {picked[0]}"
    if picked == list(range(picked[0], picked[-1] + 1)) and len(picked) > 2:
        return f"years {picked[0]}-{picked[-1]}"
    return "years " + ", ".join(str(y) for y in picked[:5]) + (" ..." if len(picked) > 5 else "")


def validate_series(
    df: pd.DataFrame,
    required: Sequence[str] = ("year", "revenue"),
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    source: str = "data",
    year_col: str = "year",
    positive: Sequence[str] = ("revenue", "expenditure", "gdp"),
    allow_blank: Sequence[str] = (),
    restrict: bool = True,
) -> pd.DataFrame:
    """Check a user's annual series and return it cleaned, or raise ONE clear DataError.

    Checks, in this order (the first failure is reported, with every row it concerns):

    1. ``start_year < end_year`` (when both are given);
    2. every ``required`` column is present, and the table has rows;
    3. every year is a whole number and appears once;
    4. ``start_year`` and ``end_year`` lie within the years in the data;
    5. no year is missing inside the range (or inside the data, if no range is given);
    6. every value of the required columns in the range is a number (thousands separators
       allowed);
    7. no value is blank, except in ``allow_blank`` columns;
    8. no negative or zero value in ``positive`` columns (levels such as revenue).

    Parameters
    ----------
    df : pandas.DataFrame
        The table as read from the user's file, rows in file order; a table from
        :func:`workbench.io.read_table` carries file lines, and messages name them.
    required : sequence of str
        Columns that must be present, including ``year_col``.
    start_year, end_year : int, optional
        Range of years that must be complete.
    source : str
        File name (or label) used in messages.
    year_col : str
        Name of the year column.
    positive : sequence of str
        Columns (among ``required``) whose values must be above zero.
    allow_blank : sequence of str
        Columns where empty cells are allowed (e.g. a revenue figure not yet published).
    restrict : bool
        Return only rows inside ``start_year .. end_year`` (default) or all rows.

    Returns
    -------
    pandas.DataFrame
        The required columns as numbers (``year`` as int), sorted by year.

    Raises
    ------
    DataError
        Naming ``source``, the column and the rows ("file line 4" for a file read by
        :func:`workbench.io.read_table`, else "data row 3", 1 being the first row after the
        header).
    """
    if start_year is not None and end_year is not None and start_year >= end_year:
        raise DataError(
            f"start_year ({start_year}) must be before end_year ({end_year}) for {source}",
            file=source,
        )
    required = list(dict.fromkeys([year_col, *required]))
    absent = [c for c in required if c not in df.columns]
    if absent:
        raise DataError(
            f"{source}: missing column(s) {', '.join(repr(c) for c in absent)}; the file has "
            + ", ".join(repr(str(c)) for c in df.columns),
            file=source,
            column=absent[0],
        )
    if df.empty:
        raise DataError(f"{source}: the table has no data rows", file=source)
    lines = messages.lines_of(df)
    d = df[required]
    years = _check_years(d, year_col, source, lines)
    a, b = _check_range(years, start_year, end_year, source, year_col, lines)
    in_range = ((years >= a) & (years <= b)).to_numpy()
    out = pd.DataFrame({year_col: years.to_numpy()})
    for col in required:
        if col != year_col:
            out[col] = _check_values(
                d[col],
                col,
                years,
                in_range,
                source,
                lines,
                blank_ok=col in allow_blank,
                positive=col in positive,
            )
    if restrict:
        out = out[in_range]
    return out.sort_values(year_col).reset_index(drop=True)


# ----------------------------------------------------------------------------------------------
# the shipped national series
# ----------------------------------------------------------------------------------------------


def _numbers(column: pd.Series) -> np.ndarray:
    return messages.to_number(column)[0]


def national_reference(
    fiscal_gdp: pd.DataFrame,
    gdp_vintage: str = "revised",
    *,
    fill_revenue_from_growth: bool = False,
) -> pd.DataFrame:
    """National revenue, expenditure and GDP of ONE vintage, from the reference table.

    Parameters
    ----------
    fiscal_gdp : pandas.DataFrame
        ``data/reference/national_fiscal_gdp_series_and_derived.csv`` (columns ``year,
        revenue_yiyuan, revenue_growth_nominal_pct, expenditure_yiyuan, gdp_prelim_yiyuan,
        gdp_real_growth_prelim_pct, gdp_revised_yiyuan, gdp_real_growth_revised_pct``; its
        ``DERIVED_*`` columns are ignored).
    gdp_vintage : {"revised", "preliminary"}
        Which GDP levels AND real growth rates to use, never a mix:
        ``"revised"``: NBS final verification (最终核实; 2014 is the initial verification),
        for 2012, 2014-2016 and 2019-2021 only, NaN elsewhere (2012 is still on the
        pre-2013-census base, so 2012 -> 2014 crosses a benchmark revision).
        ``"preliminary"``: each year's first release (初步核算), 2012-2024. A series of first
        releases, not one publication: it jumps where NBS rebased levels on an economic census
        (levels from 2014 and from 2019 on are on a higher base than the years before), which
        inflates nominal growth into 2014 and 2019.
    fill_revenue_from_growth : bool
        If True, a missing revenue level is filled as ``revenue_{t-1} * (1 + stated growth_t)``
        (2023: 203,703.48 x 1.064) and flagged in ``revenue_imputed``. Stated growth is on a
        "same basis" (同口径) and may differ slightly from the ratio of published levels.

    Returns
    -------
    pandas.DataFrame
        ``year`` (int), ``revenue``, ``expenditure``, ``gdp`` (亿元, nominal),
        ``gdp_real_growth`` (fraction, vs previous year), ``revenue_growth_stated`` (fraction,
        as published), ``revenue_imputed`` (bool), ``gdp_vintage`` (str); sorted by year.

    Raises
    ------
    ValueError
        An unknown ``gdp_vintage``.
    DataError
        A needed column is missing from the table.
    """
    if gdp_vintage not in REFERENCE_VINTAGES:
        raise ValueError(
            f"gdp_vintage={gdp_vintage!r} is not allowed; expected one of "
            + ", ".join(repr(v) for v in REFERENCE_VINTAGES)
        )
    gdp_col, real_col = REFERENCE_VINTAGES[gdp_vintage]
    absent = [c for c in (*REFERENCE_FISCAL, gdp_col, real_col) if c not in fiscal_gdp.columns]
    if absent:
        raise DataError(
            "national reference table is missing column(s) "
            + ", ".join(absent)
            + " (expected national_fiscal_gdp_series_and_derived.csv)",
            file=REFERENCE_TABLE,
            column=absent[0],
        )
    src = fiscal_gdp.sort_values("year")
    out = pd.DataFrame(
        {
            "year": src["year"].astype(int).to_numpy(),
            "revenue": _numbers(src["revenue_yiyuan"]),
            "expenditure": _numbers(src["expenditure_yiyuan"]),
            "gdp": _numbers(src[gdp_col]),
            "gdp_real_growth": _numbers(src[real_col]) / 100.0,
            "revenue_growth_stated": _numbers(src["revenue_growth_nominal_pct"]) / 100.0,
        }
    )
    out["revenue_imputed"] = False
    if fill_revenue_from_growth:
        _fill_revenue(out)
    out["gdp_vintage"] = gdp_vintage
    return out


def _fill_revenue(out: pd.DataFrame) -> None:
    """Fill missing revenue from the stated growth, consecutive years only, in order."""
    for i in range(1, len(out)):
        if (
            np.isnan(out.at[i, "revenue"])
            and out.at[i, "year"] == out.at[i - 1, "year"] + 1
            and not np.isnan(out.at[i - 1, "revenue"])
            and not np.isnan(out.at[i, "revenue_growth_stated"])
        ):
            out.at[i, "revenue"] = out.at[i - 1, "revenue"] * (
                1.0 + out.at[i, "revenue_growth_stated"]
            )
            out.at[i, "revenue_imputed"] = True


def national_value(national: pd.DataFrame, year: int, col: str, what: str) -> float:
    """``col`` in ``year`` of a national series, or a DataError naming the vintage and column."""
    vintage = national["gdp_vintage"].iloc[0] if "gdp_vintage" in national else "given"
    row = (
        national.loc[national["year"] == year, col]
        if col in national
        else pd.Series([], dtype=float)
    )
    if row.empty or pd.isna(row.iloc[0]):
        raise DataError(
            f"{what} for {year} is not available in the {vintage!r} series (column {col!r}); "
            "choose other years or another gdp_vintage",
            column=col,
        )
    return float(row.iloc[0])


def has_values(national: pd.DataFrame, years: Sequence[int], col: str) -> bool:
    """Whether ``col`` has a value for every one of ``years``."""
    if col not in national.columns:
        return False
    vals = national.set_index("year")[col].reindex(list(years))
    return bool(vals.notna().all())


def comparison_needs(
    national: pd.DataFrame, start_year: int, end_year: int, gdp_basis: str
) -> list[tuple[int, str, str]]:
    """The (year, column, what) values a growth comparison on ``gdp_basis`` reads.

    Revenue and nominal GDP at both ends; the real growth rates of ``start_year + 1 ..
    end_year`` unless the basis is nominal and the series has none (then the comparison leaves
    the real rows out).
    """
    needs = [
        (start_year, "revenue", "Revenue"),
        (end_year, "revenue", "Revenue"),
        (start_year, "gdp", "Nominal GDP level"),
        (end_year, "gdp", "Nominal GDP level"),
    ]
    real_years = range(start_year + 1, end_year + 1)
    if gdp_basis != "nominal" or has_values(national, real_years, "gdp_real_growth"):
        needs += [(y, "gdp_real_growth", "Real GDP growth") for y in real_years]
    return needs


def check_comparison(
    national: pd.DataFrame, start_year: int, end_year: int, gdp_basis: str, where: str
) -> None:
    """Every value the growth comparison needs is in ``national``; else one DataError."""
    try:
        for year, col, what in comparison_needs(national, start_year, end_year, gdp_basis):
            national_value(national, year, col, what)
    except DataError as exc:
        raise DataError(
            f"start_year {start_year} to end_year {end_year} with {where}: {exc}",
            file=None if where.startswith("the shipped") else where,
            column=exc.column,
        ) from None


# ----------------------------------------------------------------------------------------------
# local and provincial tables
# ----------------------------------------------------------------------------------------------


LOCAL_COLUMNS = ("indicator", "region", "year", "value")


def check_local(local: pd.DataFrame, source: str = LOCAL_TABLE) -> None:
    """The local table has its columns, and one value per indicator, city and year it is used for.

    Raises
    ------
    DataError
        A missing column, or two different values of one used indicator for one city and year.
    """
    for col in LOCAL_COLUMNS:
        if col not in local.columns:
            raise DataError(f"{source}: missing column {col!r}", file=source, column=col)
    used = local[local["indicator"].isin([LOCAL_REVENUE, *LOCAL_EXPENDITURE.values()])]
    used = used.assign(value=_numbers(used["value"]))
    spread = used.groupby(["indicator", "region", "year"])["value"].agg(lambda v: v.max() - v.min())
    conflict = spread[spread > 1e-9]
    if not conflict.empty:
        (indicator, region, _), years = conflict.index[0], conflict.index.get_level_values(2)
        raise DataError(
            f"{source}: {region} {indicator}: conflicting values for year(s) "
            f"{sorted({int(y) for y in years})}",
            file=source,
            column="value",
        )


def check_panel(panel: pd.DataFrame, source: str = PROVINCIAL_TABLE) -> None:
    """The provincial table has its columns and the total expenditure item."""
    for col in PANEL_COLUMNS:
        if col not in panel.columns:
            raise DataError(
                f"{source}: provincial panel is missing column {col!r}", file=source, column=col
            )
    if PANEL_TOTAL not in set(panel["item_en"]):
        raise DataError(
            f"{source}: provincial panel has no {PANEL_TOTAL!r} rows", file=source, column="item_en"
        )


def provincial_revenue(revenue: pd.DataFrame, source: str = "provincial revenue table"):
    """A provincial revenue table (``province, year, revenue``, 亿元), checked and cleaned.

    Raises
    ------
    DataError
        A missing column, or more than one row for a province and year.
    """
    for col in ("province", "year", "revenue"):
        if col not in revenue.columns:
            raise DataError(f"{source} is missing column {col!r}", column=col)
    rv = revenue[["province", "year", "revenue"]].copy()
    rv["year"] = pd.to_numeric(rv["year"]).astype(int)
    rv["revenue"] = _numbers(rv["revenue"])
    dup = rv.duplicated(["province", "year"]).to_numpy()
    if dup.any():
        first = rv.loc[dup].iloc[0]
        raise DataError(
            f"{source} has more than one row for {first['province']} {first['year']}; one row "
            "per province and year is needed",
            column="province",
        )
    return rv


def _claim_verified(claims: pd.DataFrame, claim_id: str) -> bool:
    status = claims.set_index("claim_id").loc[claim_id, "status"]
    return not str(status).upper().startswith("NOT VERIFIED")


def _stated_two_year_growth(gdp: pd.DataFrame) -> dict[int, float]:
    rows = gdp[gdp["indicator"] == "gdp_real_growth_two_year_avg"]
    return {int(y): float(v) / 100.0 for y, v in zip(rows["year"], rows["value"], strict=True)}
