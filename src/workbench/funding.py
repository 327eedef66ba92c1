"""Funding distribution of community (social) organisations: sources, concentration, inequality.

Pure, vectorised functions behind the funding-distribution analysis (notebook 02). They test the
article's claim (易臻真, 澎湃新闻, 2022-04-18, quoting the Beijing blue book 2020-2021) that about
95% of organisations depend primarily on government purchase, fewer than 3% primarily on market
sources (foundations, individual donations, service fees), and that "funding scale differs
hugely, but sources converge".

Canonical input ("organisations frame"): one row per organisation with

- ``org_id`` - unique identifier;
- ``group`` - a city, district or type, used for decompositions;
- one non-negative numeric column per funding source; by default :data:`DEFAULT_SOURCES`
  (``government_purchase``, ``foundation_grants``, ``donations``, ``service_fees``, ``other``).

Units: amounts may be in any currency unit (the shipped synthetic data use 万元 = 10,000 yuan);
every amount returned is in the unit of the input. Every share is a fraction in [0, 1], never a
percentage. Run :func:`validate_organisations` once on a user's frame; the other functions then
assume a valid frame and only check what they use.

No function loops over rows in Python: each indicator runs on 1,000,000 organisations in well
under a second (see ``benchmarks/bench_funding.py``). Bootstraps resample rows with a seeded
:class:`numpy.random.Generator`, vectorised in blocks of replicates.

References
----------
.. [TC91] Tuckman, H. P. & Chang, C. F. (1991). A methodology for measuring the financial
   vulnerability of charitable nonprofit organizations. *Nonprofit and Voluntary Sector
   Quarterly* 20(4), 445-460.
.. [CN14] Chikoto, G. L. & Neely, D. G. (2014). Building nonprofit financial capacity: the impact
   of revenue concentration and overhead costs. *Nonprofit and Voluntary Sector Quarterly*
   43(3), 570-588.
.. [T67] Theil, H. (1967). *Economics and Information Theory*. Amsterdam: North-Holland.
.. [CS13] Cobham, A. & Sumner, A. (2013). Is it all about the tails? The Palma measure of income
   inequality. Center for Global Development Working Paper 343.
.. [C11] Cowell, F. A. (2011). *Measuring Inequality*, 3rd ed. Oxford University Press.
.. [ET93] Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from workbench.errors import InputError
from workbench.io import bad_rows

#: Default funding sources (column names), in the order used for tie-breaking.
DEFAULT_SOURCES: tuple[str, ...] = (
    "government_purchase",
    "foundation_grants",
    "donations",
    "service_fees",
    "other",
)
#: The government source (government purchase of services, 政府购买服务).
GOVERNMENT_SOURCE: str = "government_purchase"
#: The article's "market resources" (市场资源): foundation support, individual donations, fees.
MARKET_SOURCES: tuple[str, ...] = ("foundation_grants", "donations", "service_fees")
#: Allowed values of ``data_kind`` in recorded results.
DATA_KINDS: tuple[str, ...] = ("reference", "synthetic", "user", "external")

#: Default government-purchase cuts of the stress test: 0%, 5%, ..., 50%.
DEFAULT_CUTS: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(11))
#: Default diversification levels of the stress test: 0%, 10%, 20%, 30%.
DEFAULT_DIVERSIFICATION: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3)

#: Figure labels (English, Chinese) of known source columns; other names are shown as they are.
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

_DEFAULT_SEED = 20220418
_MAX_CELLS = 1 << 23  # bootstrap block size: at most ~8M resampled values (64 MB) at a time


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------


def _values(values: Any, name: str = "values") -> np.ndarray:
    """A finite, non-negative, non-empty 1-D float array, or :class:`InputError`."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"{name}: expected numbers") from None
    if arr.ndim != 1:
        raise InputError(f"{name}: expected a 1-D sequence of numbers, got {arr.ndim}-D")
    if arr.size == 0:
        raise InputError(f"{name}: no values")
    if not np.isfinite(arr).all():
        raise InputError(f"{name}: missing or infinite values at {bad_rows(~np.isfinite(arr))}")
    if (arr < 0).any():
        raise InputError(f"{name}: negative values at {bad_rows(arr < 0)}; expected amounts >= 0")
    return arr


def _positive_total(arr: np.ndarray, name: str, what: str) -> float:
    total = float(arr.sum())
    if total <= 0:
        raise InputError(f"{name}: all values are zero, so the {what} is undefined")
    return total


def _codes(groups: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes 0..G-1 and the unique labels (in order of first appearance)."""
    labels = np.asarray(groups, dtype=object) if not isinstance(groups, pd.Series) else groups
    if len(labels) != n:
        raise InputError(f"groups: expected {n} labels (one per value), got {len(labels)}")
    codes, uniques = pd.factorize(labels, use_na_sentinel=True)
    if (codes < 0).any():
        raise InputError(f"groups: missing group labels at {bad_rows(codes < 0)}")
    return codes.astype(np.intp), np.asarray(uniques, dtype=object)


def _check_sources(
    df: pd.DataFrame,
    sources: Sequence[str],
    government_source: str | None = None,
    market_sources: Sequence[str] | None = None,
) -> list[str]:
    sources = list(sources)
    if not sources:
        raise InputError("sources: the list of funding-source columns is empty")
    if len(set(sources)) != len(sources):
        raise InputError(f"sources: duplicate names in {sources}")
    absent = [s for s in sources if s not in df.columns]
    if absent:
        raise InputError(
            f"sources: column(s) {', '.join(repr(s) for s in absent)} not in the data; "
            f"it has {', '.join(map(str, df.columns))}"
        )
    if government_source is not None and government_source not in sources:
        raise InputError(
            f"government_source: {government_source!r} is not one of the sources {sources}"
        )
    if market_sources is not None:
        unknown = [s for s in market_sources if s not in sources]
        if unknown:
            raise InputError(f"market_sources: {unknown} are not among the sources {sources}")
    return sources


def _amounts(df: pd.DataFrame, sources: Sequence[str]) -> np.ndarray:
    arr = df[list(sources)].to_numpy(dtype=float)
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise InputError(
            "funding amounts must be finite numbers >= 0; run validate_organisations(df) first"
        )
    return arr


def _row_shares(arr: np.ndarray) -> np.ndarray:
    total = arr.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, arr / np.where(total > 0, total, 1.0), np.nan)


def _quantile_ci(stats: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval [ET93, ch. 13] along axis 0."""
    alpha = (1.0 - ci) / 2.0
    low, high = np.nanquantile(stats, [alpha, 1.0 - alpha], axis=0)
    return low, high


def _check_ci(n_boot: int, ci: float) -> None:
    if int(n_boot) != n_boot or n_boot < 0:
        raise InputError(f"n_boot: expected a whole number >= 0, got {n_boot}")
    if not 0.0 < ci < 1.0:
        raise InputError(f"ci: expected a confidence level between 0 and 1, got {ci}")


def _bootstrap_blocks(rng: np.random.Generator, n: int, n_boot: int) -> Iterator[np.ndarray]:
    """Resampled row indices, shape (block, n), covering ``n_boot`` replicates in total."""
    block = max(1, _MAX_CELLS // max(n, 1))
    for start in range(0, n_boot, block):
        yield rng.integers(0, n, size=(min(block, n_boot - start), n))


# ----------------------------------------------------------------------------------------------
# validation
# ----------------------------------------------------------------------------------------------


def validate_organisations(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    source_label: str = "organisations data",
    *,
    id_column: str = "org_id",
    group_column: str | None = "group",
    missing_as_zero: bool = False,
    drop_zero_total: bool = False,
) -> pd.DataFrame:
    """Check an organisations frame against the canonical schema and return a clean copy.

    One row per organisation: ``org_id`` (unique, non-empty), ``group`` (non-empty label), and one
    column per funding source holding amounts >= 0 in one currency unit (元 or 万元; say which
    in your notes - the analysis is unit-free but every reported amount is in that unit).

    Parameters
    ----------
    df : pandas.DataFrame
        The frame, already renamed to canonical columns (``workbench.io.read_table`` does that).
    sources : sequence of str
        Funding-source columns. Default :data:`DEFAULT_SOURCES`.
    source_label : str
        How to name the data in messages, e.g. the file path.
    id_column : str
        The identifier column. Default ``"org_id"``.
    group_column : str or None
        The grouping column (city, district or type); ``None`` skips the group check.
    missing_as_zero : bool
        If true, empty amount cells mean 0; otherwise they are an error (default).
    drop_zero_total : bool
        If true, drop organisations whose total over ``sources`` is zero instead of raising
        (e.g. a file whose other income is not among the sources); the number dropped is
        stored in ``result.attrs["n_dropped_zero_total"]``. Default false.

    Returns
    -------
    pandas.DataFrame
        A copy with every source column as ``float64``; other columns unchanged. Its ``attrs``
        hold ``n_dropped_zero_total`` (0 unless ``drop_zero_total``).

    Raises
    ------
    InputError
        One message naming the column and the first few row numbers (row 1 = first data row
        after the header) for: an empty frame, a missing column, a missing or duplicate
        ``org_id``, a missing group label, a non-numeric, missing, infinite or negative amount,
        or an organisation whose total funding is zero (its funding mix is undefined).

    Notes
    -----
    Zero total funding is rejected rather than dropped: a share-based concentration index
    (HHI, [TC91]_; [CN14]_) is 0/0 there, and silently dropping rows would change the
    denominators of every reported share.
    """
    label = source_label
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{label}: expected a table (pandas DataFrame), got {type(df).__name__}")
    sources = list(sources)
    if not sources:
        raise InputError(f"{label}: the list of funding sources is empty")
    if len(set(sources)) != len(sources):
        raise InputError(f"{label}: duplicate names in sources {sources}")
    required = [id_column] + ([group_column] if group_column else []) + sources
    if len(df) == 0:
        raise InputError(
            f"{label}: the table has no data rows; expected one row per organisation with "
            f"columns {', '.join(required)}"
        )
    absent = [c for c in required if c not in df.columns]
    if absent:
        raise InputError(
            f"{label}: missing column{'s' if len(absent) > 1 else ''} "
            f"{', '.join(repr(c) for c in absent)}; the data have {', '.join(map(str, df.columns))}"
            " (map your names to the canonical ones with the column_map parameter)"
        )
    doubled = [c for c in required if isinstance(df[c], pd.DataFrame)]
    if doubled:
        raise InputError(f"{label}: column {doubled[0]!r} appears more than once")

    ids = df[id_column]
    id_text = ids.astype(str).str.strip()
    empty_id = (ids.isna() | id_text.eq("")).to_numpy()
    if empty_id.any():
        raise InputError(f"{label}: column {id_column!r} is empty at {bad_rows(empty_id)}")
    dup = id_text.duplicated(keep=False).to_numpy()
    if dup.any():
        first = ids.to_numpy()[np.flatnonzero(dup)[0]]
        raise InputError(
            f"{label}: column {id_column!r} has duplicate values at {bad_rows(dup)} "
            f"(e.g. {first!r}); each organisation must appear once"
        )
    if group_column:
        groups = df[group_column]
        empty_group = (groups.isna() | groups.astype(str).str.strip().eq("")).to_numpy()
        if empty_group.any():
            raise InputError(
                f"{label}: column {group_column!r} is empty at {bad_rows(empty_group)}; "
                "give every organisation a group (city, district or type)"
            )

    out = df.copy()
    for s in sources:
        raw = df[s]
        if pd.api.types.is_bool_dtype(raw):
            raise InputError(f"{label}: column {s!r} holds true/false values, not amounts")
        num = pd.to_numeric(raw, errors="coerce")
        blank = raw.isna().to_numpy()
        if raw.dtype == object or pd.api.types.is_string_dtype(raw):
            blank |= raw.astype(str).str.strip().eq("").to_numpy()
        nonnum = num.isna().to_numpy() & ~blank
        if nonnum.any():
            example = raw.to_numpy()[np.flatnonzero(nonnum)[0]]
            raise InputError(
                f"{label}: column {s!r} has non-numeric amounts at {bad_rows(nonnum)} "
                f"(e.g. {example!r}); write plain numbers without units or thousands separators"
            )
        values = num.to_numpy(dtype=float)
        if blank.any():
            if not missing_as_zero:
                raise InputError(
                    f"{label}: column {s!r} has missing amounts at {bad_rows(blank)}; "
                    "enter 0 where an organisation received nothing from this source"
                )
            values = np.where(blank, 0.0, values)
        infinite = np.isinf(values)
        if infinite.any():
            raise InputError(f"{label}: column {s!r} has infinite amounts at {bad_rows(infinite)}")
        negative = values < 0
        if negative.any():
            raise InputError(
                f"{label}: column {s!r} has negative amounts at {bad_rows(negative)}; "
                "funding amounts must be >= 0"
            )
        out[s] = values
    total = out[sources].to_numpy(dtype=float).sum(axis=1)
    zero = total <= 0
    if zero.any() and drop_zero_total:
        out = out.loc[~zero].copy()
        out.attrs["n_dropped_zero_total"] = int(zero.sum())
        if len(out) == 0:
            raise InputError(f"{label}: every organisation has zero total funding")
        return out
    if zero.any():
        raise InputError(
            f"{label}: organisations with zero total funding across columns "
            f"{', '.join(sources)} at {bad_rows(zero)}; their funding mix is undefined - "
            "remove them or correct the amounts (or set drop_zero_total)"
        )
    out.attrs["n_dropped_zero_total"] = 0
    return out


def source_label(name: str, language: Literal["zh", "en"] = "en") -> str:
    """Display label of a source column: :data:`SOURCE_LABELS`, else the name as it is."""
    en, zh = SOURCE_LABELS.get(name, (name, name))
    return zh if language == "zh" else en


def read_organisations(
    path: str | Path,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    column_map: dict[str, str] | None = None,
    group_column: str | None = "group",
    missing_as_zero: bool = False,
    drop_zero_total: bool = False,
) -> pd.DataFrame:
    """Read a user's organisations file and check it against the canonical schema.

    Parameters
    ----------
    path : path
        CSV (UTF-8 or GBK), XLSX or Parquet; read with :func:`workbench.io.read_table`.
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
        The validated frame (amounts as float64, in the file's unit);
        ``attrs["n_dropped_zero_total"]`` counts organisations dropped for a zero total.

    Raises
    ------
    InputError
        One message naming the file, the column and the first few rows (row 1 = first data
        row): unreadable file or encoding, empty table, missing column, missing or duplicate
        ``org_id``, non-numeric, missing or negative amounts, zero total funding.
    """
    from workbench import io

    df = io.read_table(path, column_map=column_map)
    if group_column and group_column not in df.columns:
        raise InputError(
            f"{path}: no group column {group_column!r}; the file has {', '.join(df.columns)} "
            "(map yours with column_map, or set group_column to an empty string for no grouping)"
        )
    return validate_organisations(
        df,
        sources,
        str(path),
        group_column=group_column or None,
        missing_as_zero=missing_as_zero,
        drop_zero_total=drop_zero_total,
    )


# ----------------------------------------------------------------------------------------------
# funding mix and concentration
# ----------------------------------------------------------------------------------------------


def total_funding(df: pd.DataFrame, sources: Sequence[str] = DEFAULT_SOURCES) -> pd.Series:
    """Total funding per organisation (scale), the row sum over the source columns.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame (see :func:`validate_organisations`).
    sources : sequence of str
        Funding-source columns.

    Returns
    -------
    pandas.Series
        :math:`T_i = \\sum_s a_{is}`, in the unit of the amounts (e.g. 万元); index of ``df``.

    References
    ----------
    Tuckman & Chang (1991) [TC91]_ use total revenue as the scale variable.
    """
    sources = _check_sources(df, sources)
    return pd.Series(_amounts(df, sources).sum(axis=1), index=df.index, name="total")


def funding_shares(df: pd.DataFrame, sources: Sequence[str] = DEFAULT_SOURCES) -> pd.DataFrame:
    """Funding mix: each source's share of the organisation's total funding.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame.
    sources : sequence of str
        Funding-source columns.

    Returns
    -------
    pandas.DataFrame
        :math:`s_{is} = a_{is} / \\sum_k a_{ik}`, fractions in [0, 1] summing to 1 per row
        (NaN for a zero total). Columns ``sources``, index of ``df``.

    References
    ----------
    Chikoto & Neely (2014) [CN14]_, revenue shares as inputs to concentration indices.
    """
    sources = _check_sources(df, sources)
    return pd.DataFrame(_row_shares(_amounts(df, sources)), index=df.index, columns=sources)


def primary_source(df: pd.DataFrame, sources: Sequence[str] = DEFAULT_SOURCES) -> pd.Series:
    """The primary (largest) funding source of each organisation.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame.
    sources : sequence of str
        Funding-source columns. Ties go to the source listed first (so with the default order a
        tie between government and any other source counts as government).

    Returns
    -------
    pandas.Series
        Categorical (categories = ``sources``), :math:`\\arg\\max_s a_{is}`; index of ``df``.

    References
    ----------
    "首要资金来源" as counted in the Beijing blue book (2020-2021), quoted by the article; the
    share of organisations with a dominant source is a standard revenue-dependence measure
    [TC91]_.
    """
    sources = _check_sources(df, sources)
    codes = _amounts(df, sources).argmax(axis=1)
    cat = pd.Categorical.from_codes(codes, categories=sources)
    return pd.Series(cat, index=df.index, name="primary_source")


def hhi(amounts_or_shares: Any, normalized: bool = False) -> float | np.ndarray | pd.Series:
    """Herfindahl-Hirschman index of revenue concentration across funding sources.

    Amounts are first converted to shares of their row total, so amounts and shares give the
    same result.

    Parameters
    ----------
    amounts_or_shares : array-like
        1-D (one organisation: returns a float), 2-D array (one row per organisation: returns a
        1-D array) or DataFrame (returns a Series with its index). Values must be finite and >= 0.
    normalized : bool
        If true, rescale to [0, 1]: :math:`H^* = (H - 1/N) / (1 - 1/N)` with :math:`N` the number
        of sources (columns); NaN when :math:`N = 1`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        :math:`H = \\sum_s s_s^2`, in [1/N, 1] (unit-free; 1 = a single source). NaN for a row
        whose total is zero.

    Examples
    --------
    >>> round(hhi([0.3, 0.7]), 4)
    0.58
    >>> round(hhi([0.95, 0.02, 0.02, 0.01], normalized=True), 4)
    0.8712

    References
    ----------
    Tuckman & Chang (1991) [TC91]_ (revenue concentration as a vulnerability indicator);
    Chikoto & Neely (2014) [CN14]_ (HHI of revenue sources).
    """
    index = amounts_or_shares.index if isinstance(amounts_or_shares, pd.DataFrame) else None
    try:
        arr = np.asarray(amounts_or_shares, dtype=float)
    except (TypeError, ValueError):
        raise InputError("hhi: expected numbers") from None
    if arr.ndim not in (1, 2) or arr.shape[-1] == 0:
        raise InputError(f"hhi: expected a 1-D or 2-D array with >= 1 source, got {arr.shape}")
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise InputError("hhi: amounts or shares must be finite and >= 0")
    shares = _row_shares(arr)
    h = np.einsum("...i,...i->...", shares, shares)
    if normalized:
        n_src = arr.shape[-1]
        h = (h - 1.0 / n_src) / (1.0 - 1.0 / n_src) if n_src > 1 else np.full_like(h, np.nan)
        h = np.clip(h, 0.0, 1.0)  # removes -1e-17 rounding; NaN stays NaN
    if arr.ndim == 1:
        return float(h)
    if index is not None:
        return pd.Series(h, index=index, name="hhi_normalized" if normalized else "hhi")
    return h


def effective_number_of_sources(amounts_or_shares: Any) -> float | np.ndarray | pd.Series:
    """Effective number of funding sources, the reciprocal of the HHI.

    Parameters
    ----------
    amounts_or_shares : array-like
        As for :func:`hhi`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        :math:`1/H`, in [1, N] sources (1 = a single source; N = equal shares from all N).

    References
    ----------
    Laakso, M. & Taagepera, R. (1979). "Effective" number of parties. *Comparative Political
    Studies* 12(1), 3-27; applied to revenue sources with the HHI of [CN14]_.
    """
    h = hhi(amounts_or_shares)
    if isinstance(h, pd.Series):
        return (1.0 / h).rename("effective_sources")
    return 1.0 / h


def concentration(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Per-organisation scale, funding mix and concentration indicators.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame.
    sources : sequence of str
        Funding-source columns.
    government_source : str
        The government column (default ``government_purchase``).
    market_sources : sequence of str
        The "market" columns (default foundations, donations, service fees).

    Returns
    -------
    pandas.DataFrame
        Index of ``df``; ``org_id`` and ``group`` copied when present, then

        - ``total``: :math:`T_i = \\sum_s a_{is}` (unit of the amounts);
        - ``government_share``: :math:`a_{i,gov}/T_i` (fraction);
        - ``market_share``: :math:`\\sum_{s \\in M} a_{is}/T_i` (fraction);
        - ``hhi``: :math:`\\sum_s s_{is}^2`; ``hhi_normalized``: :math:`(H-1/N)/(1-1/N)`;
        - ``effective_sources``: :math:`1/H` (number of sources);
        - ``primary_source``: the largest source (ties to the first listed);
        - ``primary_category``: ``government``, ``market`` or ``other``.

    References
    ----------
    Tuckman & Chang (1991) [TC91]_; Chikoto & Neely (2014) [CN14]_.
    """
    sources = _check_sources(df, sources, government_source, market_sources)
    arr = _amounts(df, sources)
    total = arr.sum(axis=1)
    shares = _row_shares(arr)
    h = np.einsum("ij,ij->i", shares, shares)
    n_src = len(sources)
    gov = sources.index(government_source)
    market = [sources.index(s) for s in market_sources]
    primary = arr.argmax(axis=1)
    category_code = np.where(primary == gov, 0, np.where(np.isin(primary, market), 1, 2))
    out = pd.DataFrame(index=df.index)
    for col in ("org_id", "group"):
        if col in df.columns:
            out[col] = df[col].to_numpy()
    out["total"] = total
    out["government_share"] = shares[:, gov]
    out["market_share"] = shares[:, market].sum(axis=1) if market else 0.0
    out["hhi"] = h
    out["hhi_normalized"] = (
        np.clip((h - 1.0 / n_src) / (1.0 - 1.0 / n_src), 0.0, 1.0) if n_src > 1 else np.nan
    )
    out["effective_sources"] = 1.0 / h
    out["primary_source"] = pd.Categorical.from_codes(primary, categories=sources)
    out["primary_category"] = pd.Categorical.from_codes(
        category_code, categories=["government", "market", "other"]
    )
    return out


def primary_source_shares(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = _DEFAULT_SEED,
) -> pd.DataFrame:
    """Share of organisations whose primary source is each source, with bootstrap CIs.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame.
    sources : sequence of str
        Funding-source columns.
    government_source, market_sources
        Define the ``government`` and ``market`` aggregate rows.
    n_boot : int
        Bootstrap replicates (0 = no intervals).
    ci : float
        Confidence level of the percentile interval, e.g. 0.95.
    seed : int
        Seed of the bootstrap's random generator.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``category`` (each source, then the aggregates ``primary_government``,
        ``primary_market`` - any market source - and ``primary_other`` - any remaining source),
        ``kind`` (``source``/``aggregate``), ``n_primary`` (organisations),
        ``share`` (fraction of organisations), ``ci_low``, ``ci_high``, ``n_organisations``.

    Notes
    -----
    :math:`\\hat p_c = n_c / n`. Resampling organisations with replacement and recounting is
    exactly a multinomial draw with the observed proportions, so replicates are drawn as
    ``Generator.multinomial(n, p, size=n_boot)`` (vectorised, seeded); intervals are percentile
    intervals [ET93]_. A category with no organisations gets the degenerate interval [0, 0].

    This is a share of ORGANISATIONS ("~95% primarily government-funded"), not of money; see
    :func:`summary_by_group` for money-weighted government shares.

    References
    ----------
    Tuckman & Chang (1991) [TC91]_; Efron & Tibshirani (1993) [ET93]_.
    """
    sources = _check_sources(df, sources, government_source, market_sources)
    _check_ci(n_boot, ci)
    primary = _amounts(df, sources).argmax(axis=1)
    n = primary.size
    counts = np.bincount(primary, minlength=len(sources))
    gov = [sources.index(government_source)]
    market = [sources.index(s) for s in market_sources]
    other = [i for i in range(len(sources)) if i not in gov + market]
    groups = [[i] for i in range(len(sources))] + [gov, market, other]
    names = sources + ["primary_government", "primary_market", "primary_other"]
    kinds = ["source"] * len(sources) + ["aggregate"] * 3
    agg = np.array([counts[g].sum() for g in groups], dtype=float)
    share = agg / n
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        draws = rng.multinomial(n, counts / n, size=int(n_boot)).astype(float)
        boot = np.column_stack([draws[:, g].sum(axis=1) for g in groups]) / n
        low, high = _quantile_ci(boot, ci)
    else:
        low = high = np.full(len(names), np.nan)
    return pd.DataFrame(
        {
            "category": names,
            "kind": kinds,
            "n_primary": agg.astype(int),
            "share": share,
            "ci_low": low,
            "ci_high": high,
            "n_organisations": n,
        }
    )


# ----------------------------------------------------------------------------------------------
# inequality of scale
# ----------------------------------------------------------------------------------------------


def _gini_sorted(x: np.ndarray) -> np.ndarray:
    """Gini along the last axis of sorted values (R ``ineq::Gini``, corr = FALSE)."""
    n = x.shape[-1]
    coef = 2.0 * np.arange(1, n + 1) - n - 1.0
    with np.errstate(invalid="ignore", divide="ignore"):
        g = (x @ coef) / (n * x.sum(axis=-1))
    return np.maximum(g, 0.0)


def gini(values: Any, small_sample: bool = False) -> float:
    """Gini coefficient of scale (e.g. total funding per organisation).

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero (any unit; the index is unit-free).
    small_sample : bool
        Multiply by :math:`n/(n-1)` (R ``ineq::Gini(x, corr = TRUE)``), which makes the maximum
        attainable value 1 in a sample of size n. NaN when n = 1.

    Returns
    -------
    float
        :math:`G = \\frac{\\sum_{i=1}^n (2i - n - 1) x_{(i)}}{n^2 \\mu}` with :math:`x_{(i)}`
        sorted ascending, in [0, (n-1)/n]; 0 = equal scale.

    Examples
    --------
    >>> round(gini([1, 3, 2, 1, 1, 1, 4]), 7)
    0.3076923
    >>> round(gini([10] * 9 + [100]), 7)
    0.4263158

    References
    ----------
    Gini, C. (1912). *Variabilità e mutabilità*. Bologna; Cowell (2011) [C11]_, ch. 2;
    Zeileis, A. R package ``ineq``, function ``Gini`` (the default, uncorrected definition).
    """
    x = np.sort(_values(values))
    _positive_total(x, "values", "Gini coefficient")
    g = float(_gini_sorted(x))
    if small_sample:
        return g * x.size / (x.size - 1) if x.size > 1 else float("nan")
    return g


def lorenz_curve(values: Any, n_points: int | None = 101) -> pd.DataFrame:
    """Lorenz curve of scale: cumulative share of funding held by the smallest organisations.

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero.
    n_points : int or None
        Evaluate the (piecewise-linear) curve at this many equally spaced population shares from
        0 to 1 (default 101, enough for a figure); ``None`` returns all n + 1 vertices.

    Returns
    -------
    pandas.DataFrame
        ``population_share`` p (fraction of organisations, smallest first) and ``value_share``
        :math:`L(p) = \\sum_{i \\le pn} x_{(i)} / \\sum_i x_i` (fraction of funding); starts at
        (0, 0) and ends at (1, 1).

    References
    ----------
    Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. *Publications of the
    American Statistical Association* 9(70), 209-219; Cowell (2011) [C11]_.
    """
    x = np.sort(_values(values))
    total = _positive_total(x, "values", "Lorenz curve")
    cum = np.concatenate([[0.0], np.cumsum(x)]) / total
    pop = np.arange(x.size + 1) / x.size
    if n_points is None:
        return pd.DataFrame({"population_share": pop, "value_share": cum})
    if int(n_points) != n_points or n_points < 2:
        raise InputError(f"n_points: expected a whole number >= 2 or None, got {n_points}")
    grid = np.linspace(0.0, 1.0, int(n_points))
    return pd.DataFrame({"population_share": grid, "value_share": np.interp(grid, pop, cum)})


def _lorenz_at(x_sorted: np.ndarray, cum: np.ndarray, p: float) -> np.ndarray:
    """L(p) along the last axis; ``cum`` is the cumulative sum with a leading 0, unnormalised."""
    n = x_sorted.shape[-1]
    k = p * n
    i = min(int(np.floor(k)), n - 1)
    frac = k - i
    return (cum[..., i] + frac * x_sorted[..., i]) / cum[..., -1]


def _check_fraction(p: float, name: str) -> None:
    if not 0.0 < p < 1.0:
        raise InputError(f"{name}: expected a fraction strictly between 0 and 1, got {p}")


def top_share(values: Any, top: float = 0.10) -> float:
    """Share of all funding held by the largest ``top`` fraction of organisations.

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero.
    top : float
        Fraction of organisations at the top, default 0.10 (the top 10%).

    Returns
    -------
    float
        :math:`1 - L(1 - \\text{top})` (fraction of funding), with :math:`L` the
        piecewise-linear Lorenz curve (exact when ``top * n`` is whole, interpolated otherwise).

    References
    ----------
    Cowell (2011) [C11]_; Cobham & Sumner (2013) [CS13]_.
    """
    _check_fraction(top, "top")
    x = np.sort(_values(values))
    _positive_total(x, "values", "top share")
    cum = np.concatenate([[0.0], np.cumsum(x)])
    return float(1.0 - _lorenz_at(x, cum, 1.0 - top))


def palma_ratio(values: Any) -> float:
    """Palma ratio: funding of the top 10% of organisations over that of the bottom 40%.

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero.

    Returns
    -------
    float
        :math:`(1 - L(0.9)) / L(0.4)` (unit-free ratio; ``inf`` if the bottom 40% have nothing).

    References
    ----------
    Palma, J. G. (2011). Homogeneous middles vs. heterogeneous tails. *Development and Change*
    42(1), 87-153; Cobham & Sumner (2013) [CS13]_.
    """
    x = np.sort(_values(values))
    _positive_total(x, "values", "Palma ratio")
    cum = np.concatenate([[0.0], np.cumsum(x)])
    bottom = float(_lorenz_at(x, cum, 0.4))
    top = float(1.0 - _lorenz_at(x, cum, 0.9))
    return top / bottom if bottom > 0 else float("inf")


def _log0(v: Any) -> np.ndarray:
    """Natural log where v > 0, and 0 elsewhere (for terms that are multiplied by 0)."""
    v = np.asarray(v, dtype=float)
    return np.log(v, out=np.zeros_like(v), where=v > 0)


def _xlogx_ratio(x: np.ndarray, log_ref: Any) -> np.ndarray:
    """:math:`x (\\ln x - \\ln ref)`, with the limit 0 at x = 0 (``log_ref`` broadcasts)."""
    return np.where(x > 0, x * (_log0(x) - log_ref), 0.0)


def theil(values: Any, groups: Any = None) -> float | dict[str, float]:
    """Theil T index of scale, optionally decomposed exactly into between and within groups.

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero (zeros contribute 0, the limit of x ln x).
    groups : array-like, optional
        One label per value (city, district, type...).

    Returns
    -------
    float or dict
        Without ``groups``: :math:`T = \\frac{1}{n} \\sum_i \\frac{x_i}{\\mu}
        \\ln \\frac{x_i}{\\mu}` (unit-free, in [0, ln n]; 0 = equal scale).
        With ``groups``: a dict with keys ``total`` (T), ``between``
        :math:`T_B = \\sum_g s_g \\ln(\\mu_g/\\mu)`, ``within``
        :math:`T_W = \\sum_g s_g T_g` (with :math:`s_g` the group's share of the total and
        :math:`T_g` its own Theil index) and ``between_share`` = :math:`T_B / T` (NaN if T = 0).
        ``between + within == total`` up to rounding, for any grouping.

    Examples
    --------
    >>> r = theil([1, 2, 3, 10], groups=["a", "a", "b", "b"])
    >>> abs(r["between"] + r["within"] - r["total"]) < 1e-12
    True

    References
    ----------
    Theil (1967) [T67]_; Shorrocks, A. F. (1980). The class of additively decomposable
    inequality measures. *Econometrica* 48(3), 613-625; PySAL ``inequality.theil.TheilD``.
    """
    x = _values(values)
    total_sum = _positive_total(x, "values", "Theil index")
    mu = total_sum / x.size
    t_total = float(_xlogx_ratio(x, np.log(mu)).sum() / total_sum)
    if groups is None:
        return max(t_total, 0.0)
    codes, _ = _codes(groups, x.size)
    n_g = np.bincount(codes)
    s_g = np.bincount(codes, weights=x, minlength=n_g.size)
    mu_g = s_g / n_g
    within = float(_xlogx_ratio(x, _log0(mu_g)[codes]).sum() / total_sum)
    between = float(_xlogx_ratio(s_g, _log0(n_g * mu)).sum() / total_sum)
    return {
        "total": t_total,
        "between": between,
        "within": within,
        "between_share": between / t_total if t_total > 0 else float("nan"),
    }


def theil_by_group(values: Any, groups: Any) -> pd.DataFrame:
    """Theil T decomposition by group: each group's size, scale, own index and contributions.

    Parameters
    ----------
    values : array-like
        1-D, finite, >= 0, not all zero.
    groups : array-like
        One label per value.

    Returns
    -------
    pandas.DataFrame
        One row per group (order of first appearance): ``group``, ``n``, ``sum`` and ``mean``
        (unit of the values), ``value_share`` :math:`s_g`, ``theil`` :math:`T_g`,
        ``within_contribution`` :math:`s_g T_g` and ``between_contribution``
        :math:`s_g \\ln(\\mu_g/\\mu)`. The two contribution columns sum to the total Theil index.

    References
    ----------
    Theil (1967) [T67]_; Shorrocks (1980), see :func:`theil`.
    """
    x = _values(values)
    total_sum = _positive_total(x, "values", "Theil index")
    codes, labels = _codes(groups, x.size)
    n_g = np.bincount(codes)
    s_g = np.bincount(codes, weights=x, minlength=n_g.size)
    mu_g = s_g / n_g
    mu = total_sum / x.size
    share = s_g / total_sum
    terms = _xlogx_ratio(x, _log0(mu_g)[codes])
    within_g = np.bincount(codes, weights=terms, minlength=n_g.size)
    with np.errstate(invalid="ignore", divide="ignore"):
        t_g = np.where(s_g > 0, within_g / np.where(s_g > 0, s_g, 1.0), 0.0)
    return pd.DataFrame(
        {
            "group": labels,
            "n": n_g,
            "sum": s_g,
            "mean": mu_g,
            "value_share": share,
            "theil": t_g,
            "within_contribution": within_g / total_sum,
            "between_contribution": _xlogx_ratio(s_g, _log0(n_g * mu)) / total_sum,
        }
    )


def _grouped_gini(x: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """Gini within each group, vectorised (sort by group then value)."""
    order = np.lexsort((x, codes))
    xs, cs = x[order], codes[order]
    n_g = np.bincount(cs, minlength=n_groups)
    start = np.concatenate([[0], np.cumsum(n_g)[:-1]])
    rank = np.arange(xs.size) - start[cs] + 1.0
    num = np.bincount(cs, weights=(2.0 * rank - n_g[cs] - 1.0) * xs, minlength=n_groups)
    s_g = np.bincount(cs, weights=xs, minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.maximum(num / (n_g * s_g), 0.0)


def _inequality_stats(
    x: np.ndarray, codes: np.ndarray | None, n_groups: int
) -> dict[str, np.ndarray]:
    """All scale indicators for each row of a 2-D array (replicates x organisations)."""
    b, n = x.shape
    xs = np.sort(x, axis=1)
    cum = np.concatenate([np.zeros((b, 1)), np.cumsum(xs, axis=1)], axis=1)
    total = cum[:, -1]
    mu = total / n
    with np.errstate(invalid="ignore", divide="ignore"):
        theil_t = _xlogx_ratio(x, _log0(mu)[:, None]).sum(axis=1) / total
        bottom40 = _lorenz_at(xs, cum, 0.4)
        top10 = 1.0 - _lorenz_at(xs, cum, 0.9)
        logx = np.log10(np.where(x > 0, x, np.nan))
        stats = {
            "gini": _gini_sorted(xs),
            "theil": np.maximum(theil_t, 0.0),
            "top10_share": top10,
            "palma": np.where(bottom40 > 0, top10 / bottom40, np.inf),
            "cv": x.std(axis=1, ddof=1) / mu if n > 1 else np.full(b, np.nan),
            "sd_log10": np.std(logx, axis=1, ddof=1) if n > 1 else np.full(b, np.nan),
        }
        if codes is not None:
            flat = (codes + n_groups * np.arange(b)[:, None]).ravel()
            n_g = np.bincount(flat, minlength=b * n_groups).reshape(b, n_groups)
            s_g = np.bincount(flat, weights=x.ravel(), minlength=b * n_groups).reshape(b, n_groups)
            between = _xlogx_ratio(s_g, _log0(n_g * mu[:, None])).sum(axis=1) / total
            stats["theil_between_share"] = np.where(
                stats["theil"] > 0, between / stats["theil"], np.nan
            )
    return stats


_INEQUALITY_UNITS = {
    "gini": ("index 0-1", "Gini coefficient of scale"),
    "theil": ("index 0-ln(n)", "Theil T index of scale"),
    "theil_between_share": ("fraction", "share of Theil T between groups"),
    "top10_share": ("fraction", "share of funding held by the largest 10%"),
    "palma": ("ratio", "Palma ratio: top 10% over bottom 40%"),
    "cv": ("ratio", "coefficient of variation of scale (SD / mean)"),
    "sd_log10": ("orders of magnitude", "standard deviation of log10(scale)"),
}


def inequality_summary(
    values: Any,
    groups: Any = None,
    *,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = _DEFAULT_SEED,
    small_sample: bool = False,
    ci_method: Literal["percentile", "basic"] = "percentile",
) -> pd.DataFrame:
    """Inequality of scale with bootstrap confidence intervals.

    Parameters
    ----------
    values : array-like
        Scale per organisation (e.g. total funding, 万元); 1-D, finite, >= 0, not all zero.
    groups : array-like, optional
        One label per organisation; adds the between-group share of the Theil index.
    n_boot : int
        Bootstrap replicates (0 = no intervals). Resampling is of organisations, with
        replacement, in vectorised blocks of replicates.
    ci : float
        Confidence level, e.g. 0.95.
    seed : int
        Seed of the bootstrap's random generator.
    small_sample : bool
        Apply :math:`n/(n-1)` to the Gini coefficient (see :func:`gini`).
    ci_method : {"percentile", "basic"}
        ``percentile`` (default): the :math:`\\alpha/2` and :math:`1-\\alpha/2` quantiles of the
        replicates [ET93]_ (ch. 13); ``basic``: :math:`2\\hat\\theta - q_{1-\\alpha/2}`,
        :math:`2\\hat\\theta - q_{\\alpha/2}`, an interval centred on the bias-corrected
        estimate (Davison & Hinkley 1997, ch. 5).

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per indicator: ``indicator`` (``gini``, ``theil``,
        ``theil_between_share`` when grouped, ``top10_share``, ``palma``, ``cv``,
        ``sd_log10``), ``estimate``, ``ci_low``, ``ci_high``, ``bias`` (mean of the
        replicates minus the estimate, the bootstrap estimate of bias),
        ``estimate_bias_corrected`` (estimate - bias), ``unit``, ``description``, ``n``,
        ``n_boot``, ``ci_method``. Formulas as in :func:`gini`, :func:`theil`, :func:`top_share`,
        :func:`palma_ratio`; ``cv`` = SD/mean (ddof 1); ``sd_log10`` = SD of
        :math:`\\log_{10} x` (orders of magnitude; zeros excluded).

    Notes
    -----
    Check ``bias`` before quoting an interval. With heavy-tailed scale and a few dozen
    organisations per group, the plug-in between-group Theil share is biased upwards (noisy
    group means look like between-group differences); resampling adds the same bias again, so
    the percentile interval can lie entirely above the estimate. Then report
    ``estimate_bias_corrected`` with the ``basic`` interval, or pool groups. The iid bootstrap
    ignores any clustering of organisations within groups.

    References
    ----------
    Cowell (2011) [C11]_; Theil (1967) [T67]_; Cobham & Sumner (2013) [CS13]_; bootstrap,
    Efron & Tibshirani (1993) [ET93]_; Davison, A. C. & Hinkley, D. V. (1997). *Bootstrap
    Methods and their Application*. Cambridge University Press.
    """
    x = _values(values)
    _positive_total(x, "values", "inequality summary")
    _check_ci(n_boot, ci)
    codes, n_groups = None, 0
    if groups is not None:
        codes, labels = _codes(groups, x.size)
        n_groups = labels.size
    point = {k: float(v[0]) for k, v in _inequality_stats(x[None, :], codes, n_groups).items()}
    factor = x.size / (x.size - 1) if small_sample and x.size > 1 else 1.0
    point["gini"] *= factor
    names = list(point)
    if ci_method not in ("percentile", "basic"):
        raise InputError(f"ci_method: expected 'percentile' or 'basic', got {ci_method!r}")
    estimate = np.array([point[k] for k in names])
    low = high = bias = np.full(len(names), np.nan)
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        reps: list[np.ndarray] = []
        for idx in _bootstrap_blocks(rng, x.size, int(n_boot)):
            stats = _inequality_stats(x[idx], None if codes is None else codes[idx], n_groups)
            reps.append(np.column_stack([stats[k] for k in names]))
        boot = np.vstack(reps)
        boot[:, names.index("gini")] *= factor
        boot[~np.isfinite(boot)] = np.nan
        low, high = _quantile_ci(boot, ci)
        if ci_method == "basic":
            low, high = 2.0 * estimate - high, 2.0 * estimate - low
        bias = np.nanmean(boot, axis=0) - estimate
    return pd.DataFrame(
        {
            "indicator": names,
            "estimate": estimate,
            "ci_low": low,
            "ci_high": high,
            "bias": bias,
            "estimate_bias_corrected": estimate - bias,
            "unit": [_INEQUALITY_UNITS[k][0] for k in names],
            "description": [_INEQUALITY_UNITS[k][1] for k in names],
            "n": x.size,
            "n_boot": int(n_boot),
            "ci_method": ci_method,
        }
    )


# ----------------------------------------------------------------------------------------------
# summaries
# ----------------------------------------------------------------------------------------------


def _summarise(
    conc: pd.DataFrame, codes: np.ndarray, labels: Sequence[Any], gov_amount: np.ndarray
) -> pd.DataFrame:
    with np.errstate(invalid="ignore", divide="ignore"):  # empty bins give NaN rows
        return _summarise_inner(conc, codes, labels, gov_amount)


def _summarise_inner(
    conc: pd.DataFrame, codes: np.ndarray, labels: Sequence[Any], gov_amount: np.ndarray
) -> pd.DataFrame:
    n_groups = len(labels)
    total = conc["total"].to_numpy()
    n_g = np.bincount(codes, minlength=n_groups)
    s_g = np.bincount(codes, weights=total, minlength=n_groups)

    def mean_of(values: np.ndarray) -> np.ndarray:
        return np.bincount(codes, weights=values, minlength=n_groups) / n_g

    cat = conc["primary_category"].cat.codes.to_numpy()
    median = pd.Series(total).groupby(codes).median().reindex(range(n_groups)).to_numpy()
    return pd.DataFrame(
        {
            "n": n_g,
            "funding_total": s_g,
            "funding_share": s_g / total.sum(),
            "mean_total": s_g / n_g,
            "median_total": median,
            "gini_within": _grouped_gini(total, codes, n_groups),
            "government_share_mean": mean_of(conc["government_share"].to_numpy()),
            "government_share_of_money": np.bincount(codes, weights=gov_amount, minlength=n_groups)
            / s_g,
            "share_primary_government": mean_of((cat == 0).astype(float)),
            "share_primary_market": mean_of((cat == 1).astype(float)),
            "hhi_mean": mean_of(conc["hhi"].to_numpy()),
            "effective_sources_mean": mean_of(conc["effective_sources"].to_numpy()),
        }
    )


def summary_by_group(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    group_column: str = "group",
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Scale, funding mix and concentration by group (city, district or type).

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame.
    sources : sequence of str
        Funding-source columns.
    group_column : str
        Column holding the group label.
    government_source, market_sources
        As in :func:`concentration`.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted by label): ``group``, ``n``, ``funding_total``,
        ``mean_total``, ``median_total`` (unit of the amounts), ``funding_share`` (group's
        fraction of all funding), ``gini_within`` (Gini of scale inside the group),
        ``government_share_mean`` (mean over organisations of :math:`a_{gov}/T`),
        ``government_share_of_money`` (:math:`\\sum a_{gov} / \\sum T`, money-weighted),
        ``share_primary_government``, ``share_primary_market`` (fractions of organisations),
        ``hhi_mean``, ``effective_sources_mean``.

    Notes
    -----
    The organisation-weighted and money-weighted government shares answer different questions
    (cf. "95% of organisations" vs "73.1% of Beijing's 2020 spending was fiscal").

    References
    ----------
    Tuckman & Chang (1991) [TC91]_; Chikoto & Neely (2014) [CN14]_; Gini as in :func:`gini`.
    """
    sources = _check_sources(df, sources, government_source, market_sources)
    if group_column not in df.columns:
        raise InputError(f"group_column: {group_column!r} is not a column of the data")
    conc = concentration(
        df, sources, government_source=government_source, market_sources=market_sources
    )
    codes, labels = pd.factorize(df[group_column], sort=True, use_na_sentinel=True)
    if (codes < 0).any():
        raise InputError(f"{group_column}: missing group labels at {bad_rows(codes < 0)}")
    gov_amount = df[government_source].to_numpy(dtype=float)
    out = _summarise(conc, codes, list(labels), gov_amount)
    out.insert(0, "group", np.asarray(labels, dtype=object))
    return out


def summary_by_decile(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    n_bins: int = 10,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Funding mix and concentration by scale decile (or other quantile bins).

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame.
    sources : sequence of str
        Funding-source columns.
    n_bins : int
        Number of equal-count scale bins (10 = deciles); bin 1 holds the smallest
        organisations. Ties in scale are broken by row order, so bins have equal counts (+-1).
    government_source, market_sources
        As in :func:`concentration`.

    Returns
    -------
    pandas.DataFrame
        One row per bin: ``decile``, ``total_min``, ``total_max`` and the columns of
        :func:`summary_by_group` (``gini_within`` = Gini inside the bin).

    References
    ----------
    Cowell (2011) [C11]_ (quantile-group summaries); [TC91]_, [CN14]_ for the mix indicators.
    """
    sources = _check_sources(df, sources, government_source, market_sources)
    if int(n_bins) != n_bins or n_bins < 1:
        raise InputError(f"n_bins: expected a whole number >= 1, got {n_bins}")
    conc = concentration(
        df, sources, government_source=government_source, market_sources=market_sources
    )
    total = conc["total"].to_numpy()
    n = total.size
    rank = np.empty(n, dtype=np.intp)
    rank[np.argsort(total, kind="stable")] = np.arange(n)
    codes = (rank * int(n_bins)) // n
    labels = list(range(1, int(n_bins) + 1))
    gov_amount = df[government_source].to_numpy(dtype=float)
    out = _summarise(conc, codes, labels, gov_amount)
    present = out["n"].to_numpy() > 0
    lo = np.full(len(labels), np.nan)
    hi = np.full(len(labels), np.nan)
    lo_v = pd.Series(total).groupby(codes).min()
    hi_v = pd.Series(total).groupby(codes).max()
    lo[lo_v.index.to_numpy()] = lo_v.to_numpy()
    hi[hi_v.index.to_numpy()] = hi_v.to_numpy()
    out.insert(0, "total_max", hi)
    out.insert(0, "total_min", lo)
    out.insert(0, "decile", labels)
    return out[present].reset_index(drop=True)


def mix_by_decile(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    n_bins: int = 10,
) -> pd.DataFrame:
    """Mean funding mix of the organisations in each scale decile (or other quantile bin).

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame (no zero totals).
    sources : sequence of str
        Funding-source columns.
    n_bins : int
        Number of equal-count scale bins, binned exactly as in :func:`summary_by_decile`
        (bin 1 = smallest organisations; ties broken by row order).

    Returns
    -------
    pandas.DataFrame
        Index ``decile`` (bins with organisations only), one column per source: the mean over
        the bin's organisations of :math:`a_{is}/T_i` (fractions; each row sums to 1). The
        column for the government source equals ``government_share_mean`` of
        :func:`summary_by_decile`.

    References
    ----------
    Chikoto & Neely (2014) [CN14]_ (revenue mix); Cowell (2011) [C11]_ (quantile groups).
    """
    sources = _check_sources(df, sources)
    if int(n_bins) != n_bins or n_bins < 1:
        raise InputError(f"n_bins: expected a whole number >= 1, got {n_bins}")
    arr = _amounts(df, sources)
    total = arr.sum(axis=1)
    if (total <= 0).any():
        raise InputError("mix_by_decile: organisations with zero total; validate the data first")
    n = total.size
    rank = np.empty(n, dtype=np.intp)
    rank[np.argsort(total, kind="stable")] = np.arange(n)
    codes = (rank * int(n_bins)) // n + 1
    shares = pd.DataFrame(_row_shares(arr), columns=sources)
    out = shares.groupby(codes).mean()
    out.index.name = "decile"
    return out


def mean_pairwise_distance(amounts_or_shares: Any) -> float:
    """Mean pairwise total-variation distance between organisations' funding mixes.

    Parameters
    ----------
    amounts_or_shares : array-like
        2-D (organisations x sources), amounts or shares (rows are normalised to shares).

    Returns
    -------
    float
        :math:`\\bar d = \\binom{n}{2}^{-1} \\sum_{i<j} \\tfrac12 \\sum_s |s_{is} - s_{js}|`,
        in [0, 1]: 0 = every organisation has the same mix, 1 = no two organisations share a
        source. Computed exactly in :math:`O(n \\log n)` per source with the sorted-sum identity
        :math:`\\sum_{i<j} |x_i - x_j| = \\sum_k (2k - n - 1) x_{(k)}` (Gini's mean difference).

    References
    ----------
    Yitzhaki, S. (2003). Gini's mean difference: a superior measure of variability for
    non-normal distributions. *Metron* 61(2), 285-316; Chikoto & Neely (2014) [CN14]_.
    """
    try:
        arr = np.asarray(amounts_or_shares, dtype=float)
    except (TypeError, ValueError):
        raise InputError("mean_pairwise_distance: expected numbers") from None
    if arr.ndim != 2 or arr.shape[0] < 2:
        raise InputError("mean_pairwise_distance: expected a 2-D array with >= 2 rows")
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise InputError("mean_pairwise_distance: values must be finite and >= 0")
    shares = _row_shares(arr)
    if np.isnan(shares).any():
        raise InputError("mean_pairwise_distance: a row has a zero total")
    n = shares.shape[0]
    coef = 2.0 * np.arange(1, n + 1) - n - 1.0
    pair_sum = float((coef @ np.sort(shares, axis=0)).sum())
    return max(0.5 * pair_sum / (n * (n - 1) / 2.0), 0.0)


def scale_vs_mix(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Scale differs, sources converge: dispersion of scale next to dispersion of funding mix.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame.
    sources : sequence of str
        Funding-source columns.
    government_source, market_sources
        As in :func:`concentration`.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``dimension`` (``scale`` = total funding T, ``mix`` = funding shares),
        ``metric``, ``value``, ``unit``, ``description``. Metrics:

        - same index on both dimensions, for a like-for-like reading: ``cv`` (SD/mean, ddof 1)
          and ``gini`` of T vs of the government share g;
        - scale only: ``sd_log10`` (SD of :math:`\\log_{10} T`, orders of magnitude),
          ``p90_p10`` (ratio of the 90th to the 10th percentile), ``mean_abs_log10_ratio``
          (mean over pairs of :math:`|\\log_{10} T_i - \\log_{10} T_j|`: how many orders of
          magnitude two random organisations differ by);
        - mix only: ``sd`` of g (fraction), ``mean_pairwise_tv`` (see
          :func:`mean_pairwise_distance`, 0-1), ``share_modal_primary`` (fraction of
          organisations whose primary source is the most common primary source).

    Notes
    -----
    "Sources converge" reads as a small ``mean_pairwise_tv`` and ``share_modal_primary`` near 1
    while ``sd_log10`` of scale is large; compare ``cv``/``gini`` rows across dimensions.

    References
    ----------
    Cowell (2011) [C11]_ (dispersion indices); Yitzhaki (2003) (Gini mean difference, see
    :func:`mean_pairwise_distance`); Chikoto & Neely (2014) [CN14]_ (revenue mix).
    """
    sources = _check_sources(df, sources, government_source, market_sources)
    arr = _amounts(df, sources)
    total = arr.sum(axis=1)
    if (total <= 0).any():
        raise InputError("scale_vs_mix: organisations with zero total; validate the data first")
    g = arr[:, sources.index(government_source)] / total
    n = total.size
    log_t = np.log10(total)
    coef = 2.0 * np.arange(1, n + 1) - n - 1.0
    pairs = n * (n - 1) / 2.0 if n > 1 else np.nan
    primary = np.bincount(arr.argmax(axis=1), minlength=len(sources))
    p10, p90 = np.quantile(total, [0.1, 0.9])
    g_total = g.sum()
    rows = [
        ("scale", "cv", total.std(ddof=1) / total.mean(), "ratio", "SD / mean of total funding"),
        (
            "mix",
            "cv",
            g.std(ddof=1) / g.mean() if g.mean() > 0 else np.nan,
            "ratio",
            "SD / mean of the government share",
        ),
        (
            "scale",
            "gini",
            float(_gini_sorted(np.sort(total))),
            "index 0-1",
            "Gini of total funding",
        ),
        (
            "mix",
            "gini",
            float(_gini_sorted(np.sort(g))) if g_total > 0 else np.nan,
            "index 0-1",
            "Gini of the government share",
        ),
        (
            "scale",
            "sd_log10",
            log_t.std(ddof=1),
            "orders of magnitude",
            "SD of log10(total funding)",
        ),
        (
            "scale",
            "p90_p10",
            p90 / p10 if p10 > 0 else np.inf,
            "ratio",
            "90th over 10th percentile of total funding",
        ),
        (
            "scale",
            "mean_abs_log10_ratio",
            float(coef @ np.sort(log_t)) / pairs,
            "orders of magnitude",
            "mean |log10 T_i - log10 T_j| over pairs of organisations",
        ),
        ("mix", "sd", g.std(ddof=1), "fraction", "SD of the government share"),
        (
            "mix",
            "mean_pairwise_tv",
            mean_pairwise_distance(arr) if n > 1 else np.nan,
            "distance 0-1",
            "mean total-variation distance between two organisations' mixes",
        ),
        (
            "mix",
            "share_modal_primary",
            primary.max() / n,
            "fraction",
            f"share of organisations whose primary source is {sources[int(primary.argmax())]}",
        ),
    ]
    return pd.DataFrame(rows, columns=["dimension", "metric", "value", "unit", "description"])


# ----------------------------------------------------------------------------------------------
# stress test
# ----------------------------------------------------------------------------------------------


def diversify(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    fraction: float = 0.2,
    *,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Move a fraction of each organisation's government funding to market sources.

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame.
    sources : sequence of str
        Funding-source columns.
    fraction : float
        Fraction y in [0, 1] of government funding moved.
    government_source, market_sources
        Where the money comes from and goes to (at least one market source).

    Returns
    -------
    pandas.DataFrame
        A copy with :math:`a'_{gov} = (1-y) a_{gov}` and
        :math:`a'_m = a_m + y\\, a_{gov}\\, w_m` for market sources m, where :math:`w_m` is the
        organisation's own market mix (:math:`a_m / \\sum_{M} a`) or, if it has no market
        funding, equal weights. Totals are unchanged (unit of the amounts).

    Notes
    -----
    A what-if: it assumes market sources can absorb the money at no cost, which is optimistic.

    References
    ----------
    Kingma, B. R. (1993). Portfolio theory and nonprofit financial stability. *Nonprofit and
    Voluntary Sector Quarterly* 22(2), 105-119; Chikoto & Neely (2014) [CN14]_.
    """
    sources = _check_sources(df, sources, government_source, market_sources)
    if not 0.0 <= fraction <= 1.0:
        raise InputError(f"fraction: expected a value in [0, 1], got {fraction}")
    if not market_sources:
        raise InputError("market_sources: at least one market source is needed to diversify")
    arr = _amounts(df, sources)
    gov = sources.index(government_source)
    market = [sources.index(s) for s in market_sources]
    moved = fraction * arr[:, gov]
    mk = arr[:, market]
    mk_total = mk.sum(axis=1, keepdims=True)
    weights = np.where(mk_total > 0, mk / np.where(mk_total > 0, mk_total, 1.0), 1.0 / len(market))
    out = df.copy()
    out[government_source] = arr[:, gov] - moved
    out[list(market_sources)] = mk + moved[:, None] * weights
    return out


def cut_grid(cut_max: float = 0.5, cut_step: float = 0.05) -> np.ndarray:
    """Government-purchase cuts of the stress test: 0, step, 2 step, ... up to ``cut_max``.

    Parameters
    ----------
    cut_max : float
        Largest cut, a fraction in (0, 1]; always included.
    cut_step : float
        Step between cuts, a fraction in (0, ``cut_max``].

    Returns
    -------
    numpy.ndarray
        Increasing fractions from 0 to ``cut_max`` inclusive (rounded to 10 decimals, so 0.05
        steps give 0.15, not 0.15000000000000002).
    """
    if not 0.0 < cut_max <= 1.0:
        raise InputError(f"cut_max: expected a fraction in (0, 1], got {cut_max}")
    if not 0.0 < cut_step <= cut_max:
        raise InputError(
            f"cut_step: expected a fraction in (0, cut_max = {cut_max}], got {cut_step}"
        )
    n_steps = int(np.floor(cut_max / cut_step + 1e-9))
    grid = np.round(np.arange(n_steps + 1, dtype=float) * cut_step, 10)
    if cut_max - grid[-1] > 1e-9:
        grid = np.append(grid, round(cut_max, 10))
    return grid


def stress_test(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    cuts: Sequence[float] = DEFAULT_CUTS,
    diversification: Sequence[float] = DEFAULT_DIVERSIFICATION,
    threshold: float = 0.8,
    threshold_kind: Literal["relative", "absolute"] = "relative",
    group_column: str | None = None,
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> pd.DataFrame:
    """Cut government purchase by x and count organisations falling below a viability threshold.

    For each diversification level y (fraction of government funding first moved to market
    sources, see :func:`diversify`) and each cut x (fraction of the remaining government funding
    withdrawn), each organisation's total becomes

    .. math:: T_i' = T_i - x (1 - y) a_{i,gov}

    and it is counted as below the threshold when

    - ``threshold_kind="relative"`` (default): :math:`T_i' < \\theta T_i`, i.e. it lost more than
      :math:`1-\\theta` of its own baseline budget (default :math:`\\theta = 0.8`: a loss of more
      than 20%); equivalently :math:`x (1-y) g_i > 1 - \\theta` with :math:`g_i` the government
      share - only the funding mix matters, not scale;
    - ``threshold_kind="absolute"``: :math:`T_i' < \\theta` in the unit of the amounts (e.g. 万元),
      a minimum viable budget - here small organisations fall first, and some may be below the
      threshold before any cut (``n_below_baseline``).

    Parameters
    ----------
    df : pandas.DataFrame
        Organisations frame.
    sources : sequence of str
        Funding-source columns.
    cuts : sequence of float
        Cuts x in [0, 1] (fractions of government funding), default 0, 0.05, ..., 0.5.
    diversification : sequence of float
        Diversification levels y in [0, 1], default 0, 0.1, 0.2, 0.3.
    threshold : float
        :math:`\\theta`: a fraction of the baseline in (0, 1] (relative) or an amount >= 0
        (absolute).
    threshold_kind : {"relative", "absolute"}
        How to read ``threshold``.
    group_column : str, optional
        If given, one row per group as well as the overall ``"all"`` row per scenario.
    government_source, market_sources
        As in :func:`diversify`.

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per (diversification, cut[, group]): ``diversification``, ``cut``,
        ``group`` (``"all"`` unless grouped), ``n_organisations``, ``n_below``,
        ``share_below`` (fraction of organisations), ``n_below_baseline`` (below before any
        cut), ``n_newly_below``, ``funding_lost`` (unit of the amounts), ``funding_after_share``
        (fraction of baseline funding left), ``threshold``, ``threshold_kind``.

    References
    ----------
    Tuckman & Chang (1991) [TC91]_ (concentration as vulnerability to a revenue shock);
    Carroll, D. A. & Stater, K. J. (2009). Revenue diversification in nonprofit organizations:
    does it lead to financial stability? *Journal of Public Administration Research and Theory*
    19(4), 947-966. The 20% default is an assumption in the spirit of the 20% declines used to
    define financial vulnerability (e.g. Trussel, J. M. (2002), *Nonprofit Management and
    Leadership* 13(1), 17-31); set your own.
    """
    sources = _check_sources(df, sources, government_source, market_sources)
    cuts_a = np.asarray(cuts, dtype=float).ravel()
    div_a = np.asarray(diversification, dtype=float).ravel()
    for name, arr_ in (("cuts", cuts_a), ("diversification", div_a)):
        if arr_.size == 0 or not np.isfinite(arr_).all() or (arr_ < 0).any() or (arr_ > 1).any():
            raise InputError(f"{name}: expected one or more fractions in [0, 1], got {arr_}")
    if threshold_kind not in ("relative", "absolute"):
        raise InputError(f"threshold_kind: expected 'relative' or 'absolute', got {threshold_kind}")
    if threshold_kind == "relative" and not 0.0 < threshold <= 1.0:
        raise InputError(f"threshold: a relative threshold must be in (0, 1], got {threshold}")
    if threshold_kind == "absolute" and threshold < 0:
        raise InputError(f"threshold: an absolute threshold must be >= 0, got {threshold}")
    if div_a.max() > 0 and not market_sources:
        raise InputError("market_sources: at least one market source is needed to diversify")
    arr = _amounts(df, sources)
    total = arr.sum(axis=1)
    gov_amt = arr[:, sources.index(government_source)]
    floor = threshold * total if threshold_kind == "relative" else np.full_like(total, threshold)
    if group_column is not None:
        if group_column not in df.columns:
            raise InputError(f"group_column: {group_column!r} is not a column of the data")
        codes, labels = pd.factorize(df[group_column], sort=True, use_na_sentinel=True)
        if (codes < 0).any():
            raise InputError(f"{group_column}: missing group labels at {bad_rows(codes < 0)}")
        label_list = ["all"] + [str(v) for v in labels]
        codes = codes + 1
    else:
        codes = np.zeros(total.size, dtype=np.intp)
        label_list = ["all"]
    n_lab = len(label_list)

    def per_group(weights: np.ndarray | None) -> np.ndarray:
        out = np.bincount(codes, weights=weights, minlength=n_lab).astype(float)
        out[0] = weights.sum() if weights is not None else total.size
        return out

    n_org = per_group(None)
    base_total = per_group(total)
    base_gov = per_group(gov_amt)
    below_base = per_group((total < floor).astype(float))
    frames = []
    for y in div_a:
        for x in cuts_a:
            k = x * (1.0 - y)
            below = per_group((total - k * gov_amt < floor).astype(float))
            lost = k * base_gov
            frames.append(
                pd.DataFrame(
                    {
                        "diversification": y,
                        "cut": x,
                        "group": label_list,
                        "n_organisations": n_org.astype(int),
                        "n_below": below.astype(int),
                        "share_below": below / n_org,
                        "n_below_baseline": below_base.astype(int),
                        "n_newly_below": (below - below_base).astype(int),
                        "funding_lost": lost,
                        "funding_after_share": (base_total - lost) / base_total,
                    }
                )
            )
    out = pd.concat(frames, ignore_index=True)
    out["threshold"] = float(threshold)
    out["threshold_kind"] = threshold_kind
    return out


# ----------------------------------------------------------------------------------------------
# key results for the notebook
# ----------------------------------------------------------------------------------------------


def funding_results(
    df: pd.DataFrame,
    sources: Sequence[str] = DEFAULT_SOURCES,
    *,
    group_column: str | None = "group",
    data_kind: str = "synthetic",
    government_source: str = GOVERNMENT_SOURCE,
    market_sources: Sequence[str] = MARKET_SOURCES,
) -> dict[str, Any]:
    """The key numbers the funding-distribution notebook records in ``results.json``.

    Parameters
    ----------
    df : pandas.DataFrame
        Validated organisations frame.
    sources : sequence of str
        Funding-source columns.
    group_column : str or None
        Column used for the Theil decomposition; ``None`` or ``""`` (no grouping) gives
        ``theil_between_share`` = NaN.
    data_kind : str
        ``synthetic``, ``user``, ``external`` or ``reference``.
    government_source, market_sources
        As in :func:`concentration`.

    Returns
    -------
    dict
        ``share_primary_government`` and ``share_primary_market`` (fractions of organisations,
        :func:`primary_source_shares`), ``gini_scale`` (:func:`gini` of total funding),
        ``theil_scale`` and ``theil_between_share`` (:func:`theil` by ``group_column``),
        ``mean_hhi`` (mean of :func:`hhi` over organisations), ``n_organisations`` (int),
        ``data_kind``; plus ``government_share_of_money`` (:math:`\\sum a_{gov}/\\sum T`),
        ``mean_government_share``, ``top10_share_scale``, ``palma_scale``,
        ``sd_log10_scale`` (orders of magnitude) and ``mean_pairwise_tv_mix`` (0-1).

    References
    ----------
    As for the functions named above: [TC91]_, [CN14]_, [T67]_, [CS13]_.
    """
    if data_kind not in DATA_KINDS:
        raise InputError(f"data_kind: expected one of {DATA_KINDS}, got {data_kind!r}")
    sources = _check_sources(df, sources, government_source, market_sources)
    if group_column and group_column not in df.columns:
        raise InputError(f"group_column: {group_column!r} is not a column of the data")
    conc = concentration(
        df, sources, government_source=government_source, market_sources=market_sources
    )
    total = conc["total"].to_numpy()
    cat = conc["primary_category"].cat.codes.to_numpy()
    if group_column:
        th = cast(dict, theil(total, df[group_column].to_numpy()))
    else:
        th = {"total": theil(total), "between_share": float("nan")}
    mix = scale_vs_mix(
        df, sources, government_source=government_source, market_sources=market_sources
    ).set_index(["dimension", "metric"])["value"]
    return {
        "share_primary_government": float(np.mean(cat == 0)),
        "share_primary_market": float(np.mean(cat == 1)),
        "gini_scale": gini(total),
        "theil_scale": float(th["total"]),
        "theil_between_share": float(th["between_share"]),
        "mean_hhi": float(conc["hhi"].mean()),
        "n_organisations": int(total.size),
        "data_kind": data_kind,
        "government_share_of_money": float(df[government_source].sum() / total.sum()),
        "mean_government_share": float(conc["government_share"].mean()),
        "top10_share_scale": top_share(total, 0.10),
        "palma_scale": palma_ratio(total),
        "sd_log10_scale": float(mix[("scale", "sd_log10")]),
        "mean_pairwise_tv_mix": float(mix[("mix", "mean_pairwise_tv")]),
    }
