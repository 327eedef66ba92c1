"""Revenue buoyancy: arc buoyancy between two years, and long- and short-run estimates by OLS.

Buoyancy is the response of revenue to its base (GDP), including the effect of policy changes;
it must be computed on ONE basis (both nominal or both real). Haughton (1998) defines the arc
measure; Belinga et al. (2014) the error-correction estimate used here.

References
----------
Haughton, J. (1998). *Estimating tax buoyancy, elasticity and stability*. EAGER/PSGE Excise
Project, Methodological Note 1 (Harvard Institute for International Development).

Belinga, V., Benedek, D., de Mooij, R. and Norregaard, J. (2014). *Tax Buoyancy in OECD
Countries*. IMF Working Paper WP/14/110.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS
from statsmodels.tools.tools import add_constant

from workbench.fiscal.growth import ArrayOrFloat, choice, out

BuoyancyMethod = Literal["simple", "log"]
SMALL_N = 20  # below this many observations the estimates are flagged as fragile
TERMS = (
    ("long_run", "static_loglog"),
    ("long_run", "ecm"),
    ("short_run", "ecm"),
    ("adjustment", "ecm"),
)


class TooFewYears(ValueError):
    """The series has too few (consecutive) years for the regression asked for."""


def arc_buoyancy(
    revenue_growth: ArrayOrFloat,
    base_growth: ArrayOrFloat,
    method: BuoyancyMethod = "simple",
) -> float:
    """Arc (two-point) revenue buoyancy: revenue growth over base (GDP) growth.

    Parameters
    ----------
    revenue_growth, base_growth : float or array-like
        Growth of revenue and of its base (GDP) over the SAME period and on the SAME basis (both
        nominal or both real), as fractions. Mixing bases (nominal revenue, real GDP, as the
        article does) does not give a buoyancy.
    method : {"simple", "log"}
        ``"simple"``: ``g_R / g_Y`` (Haughton 1998's TB = %ΔRevenue / %ΔBase).
        ``"log"``: ``ln(1 + g_R) / ln(1 + g_Y)``, the arc elasticity in logs; unlike the simple
        ratio it is the same whether computed on cumulative or average annual growth.

    Returns
    -------
    float or numpy.ndarray
        Buoyancy (dimensionless). ``nan`` where base growth is zero.

    Notes
    -----
    Haughton (1998) vector: nominal GDP +20 %, revenue +21 %, inflation 15 %. On the nominal basis
    the buoyancy is 0.21 / 0.20 = 1.05 (the "naive" figure, biased towards 1); on the real basis
    (deflating both by 15 %) it is 0.0522 / 0.0435 = 1.20, which Haughton recommends. The basis
    must be stated with every buoyancy reported.
    """
    choice("buoyancy_method", method, ("simple", "log"))
    gr = np.asarray(revenue_growth, dtype=float)
    gy = np.asarray(base_growth, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "simple":
            result = np.where(gy == 0, np.nan, gr / np.where(gy == 0, 1.0, gy))
        else:
            if np.any(gr <= -1) or np.any(gy <= -1):
                raise ValueError("log buoyancy needs growth rates greater than -1 (-100 %)")
            ly = np.log1p(gy)
            result = np.where(ly == 0, np.nan, np.log1p(gr) / np.where(ly == 0, 1.0, ly))
    return out(result)


def revenue_growth_from_buoyancy(
    buoyancy: ArrayOrFloat, gdp_growth: ArrayOrFloat, method: BuoyancyMethod = "log"
) -> float:
    """Revenue growth implied by a buoyancy and a GDP growth rate.

    Parameters
    ----------
    buoyancy : float or array-like
        Revenue buoyancy with respect to GDP (dimensionless), e.g. a long-run estimate from
        :func:`estimate_buoyancy`.
    gdp_growth : float or array-like
        GDP growth per year as a fraction, on the same basis as the buoyancy (nominal for a
        buoyancy estimated on nominal levels).
    method : {"log", "simple"}
        ``"log"`` (default, constant elasticity ``R ∝ Y**b``, consistent with a log-log or
        error-correction estimate): ``(1 + g_Y) ** b - 1``. ``"simple"``: ``b * g_Y``, the inverse
        of :func:`arc_buoyancy` with ``method="simple"``.

    Returns
    -------
    float or numpy.ndarray
        Revenue growth per year as a fraction.
    """
    choice("buoyancy_method", method, ("simple", "log"))
    b = np.asarray(buoyancy, dtype=float)
    g = np.asarray(gdp_growth, dtype=float)
    if method == "simple":
        return out(b * g)
    if np.any(~(g > -1)):
        raise ValueError(f"gdp_growth={gdp_growth!r} must be greater than -1 (-100 %)")
    return out((1.0 + g) ** b - 1.0)


@dataclass(frozen=True)
class BuoyancyResult:
    """Long-run and short-run buoyancy estimates, and what limits them.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per estimate: ``term`` (long_run | short_run | adjustment), ``model``
        (static_loglog | ecm), ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``n_obs``,
        ``years`` (first-last year used).
    missing_years : tuple of int
        Years inside the span without both revenue and GDP (left out; the ECM also loses the
        year after each).
    break_years : tuple of int
        Years given a census-rebasing dummy.
    small_n : int
        The threshold below which the sample counts as small.
    """

    table: pd.DataFrame
    missing_years: tuple[int, ...] = ()
    break_years: tuple[int, ...] = ()
    small_n: int = SMALL_N

    def row(self, term: str, model: str) -> pd.Series:
        """The row of one estimate, e.g. ``row("long_run", "ecm")``."""
        return self.table.set_index(["term", "model"]).loc[(term, model)]

    @property
    def n_levels(self) -> int:
        """Annual levels used by the static regression."""
        return int(self.row("long_run", "static_loglog")["n_obs"])

    @property
    def n_changes(self) -> int:
        """Year-on-year changes used by the error-correction model."""
        return int(self.row("short_run", "ecm")["n_obs"])

    @property
    def small_sample(self) -> bool:
        """Fewer observations than buoyancy studies use (``small_n``)."""
        return min(self.n_levels, self.n_changes) < self.small_n

    @property
    def adjustment(self) -> float:
        """The ECM adjustment coefficient λ (negative when errors are corrected)."""
        return float(self.row("adjustment", "ecm")["estimate"])

    @property
    def note(self) -> str:
        """The caveats in plain English; empty when there is nothing to say."""
        notes = []
        if self.missing_years:
            notes.append(
                f"Years without both revenue and GDP were left out: {list(self.missing_years)}; "
                "the ECM also loses the year after each gap."
            )
        if self.small_sample:
            ys = self.row("long_run", "static_loglog")["years"]
            ye = self.row("short_run", "ecm")["years"]
            notes.append(
                f"Only {self.n_levels} annual levels ({ys}) and {self.n_changes} year-on-year "
                f"changes ({ye}): far fewer than the 30+ years buoyancy studies use. Confidence "
                "intervals are wide and rest on OLS assumptions; the static regression's standard "
                "errors are not valid for trending series, and cointegration cannot be tested "
                "meaningfully. Treat these as descriptive."
            )
        if self.adjustment >= 0:
            notes.append(
                "The adjustment coefficient λ is not negative: no error correction is visible, so "
                "the ECM long-run buoyancy is not meaningful."
            )
        elif self.adjustment < -2:
            notes.append("λ < -2: the error correction over-shoots; the model is unstable.")
        if self.break_years:
            notes.append(
                f"Break dummies for GDP levels in {list(self.break_years)} (step in levels, "
                "impulse in ECM)."
            )
        return " ".join(notes)


def _span(years: pd.Index) -> str:
    return f"{int(years.min())}-{int(years.max())}" if len(years) else ""


def _row(term: str, model: str, est: float, se: float, fit: Any, alpha: float, years) -> dict:
    q = stats.t.ppf(1 - alpha / 2, fit.df_resid) if fit.df_resid > 0 else np.nan
    return {
        "term": term,
        "model": model,
        "estimate": est,
        "se": se,
        "ci_low": est - q * se,
        "ci_high": est + q * se,
        "n_obs": int(fit.nobs),
        "years": _span(years),
    }


def _annual_logs(
    series: pd.DataFrame, cols: tuple[str, str, str], start_year, end_year
) -> pd.DataFrame:
    """ln revenue and ln GDP on every calendar year of the span (NaN where missing)."""
    year_col, revenue_col, gdp_col = cols
    for col in cols:
        if col not in series.columns:
            raise ValueError(
                f"column {col!r} is missing for the buoyancy estimate; found: "
                + ", ".join(map(str, series.columns))
            )
    d = series[list(cols)].copy()
    d[year_col] = pd.to_numeric(d[year_col], errors="coerce")
    d = d.dropna(subset=[year_col])
    d[year_col] = d[year_col].astype(int)
    if start_year is not None:
        d = d[d[year_col] >= start_year]
    if end_year is not None:
        d = d[d[year_col] <= end_year]
    if d[year_col].duplicated().any():
        raise ValueError(f"column {year_col!r} has duplicated years; one row per year is needed")
    for col in (revenue_col, gdp_col):
        vals = pd.to_numeric(d[col], errors="coerce")
        if (vals <= 0).any():
            bad = d.loc[vals <= 0, year_col].tolist()
            raise ValueError(f"column {col!r} must be positive for logs; not so in years {bad}")
        d[col] = vals
    if d.empty:
        raise TooFewYears("no observations in the requested years for the buoyancy estimate")
    full = d.set_index(year_col).sort_index()
    full = full.reindex(range(int(full.index.min()), int(full.index.max()) + 1))
    return pd.DataFrame({"lr": np.log(full[revenue_col]), "ly": np.log(full[gdp_col])})


def _design(frame: pd.DataFrame, target: str) -> pd.DataFrame:
    """Regressors with a constant, dropping dummies that do not vary in the sample."""
    x = add_constant(frame.drop(columns=target), has_constant="add")
    return x.loc[:, x.std(ddof=0).gt(0) | (x.columns == "const")]


def _static_fit(logs: pd.DataFrame, breaks: Sequence[int]):
    """OLS of ln R on ln Y with a step dummy per break year."""
    st = logs.copy()
    for b in breaks:
        st[f"step_{b}"] = (st.index >= b).astype(float)
    st = st.dropna()
    x = _design(st, "lr")
    if len(st) <= x.shape[1]:
        raise TooFewYears(
            f"only {len(st)} years with both revenue and GDP: too few for the long-run regression"
        )
    return OLS(st["lr"], x).fit(), st.index


def _ecm_fit(logs: pd.DataFrame, breaks: Sequence[int]):
    """One-step error-correction model with an impulse dummy per break year."""
    lr, ly = logs["lr"], logs["ly"]
    ecm = pd.DataFrame(
        {"dlr": lr.diff(), "dly": ly.diff(), "lr1": lr.shift(1), "ly1": ly.shift(1)},
        index=logs.index,
    )
    for b in breaks:
        ecm[f"impulse_{b}"] = (ecm.index == b).astype(float)
    ecm = ecm.dropna()
    x = _design(ecm, "dlr")
    if len(ecm) <= x.shape[1]:
        raise TooFewYears(
            f"only {len(ecm)} consecutive-year pairs: too few for the error-correction model "
            f"({x.shape[1]} coefficients)"
        )
    return OLS(ecm["dlr"], x).fit(), ecm.index


def ecm_long_run(fit: Any) -> tuple[float, float]:
    """Long-run buoyancy ``β_LR = -θ / λ`` of a one-step ECM fit, and its delta-method SE.

    ``Var(β_LR) = g' V g`` with ``g = (θ / λ², -1 / λ)`` over ``(λ, θ)``, the coefficients of
    ``ln R_{t-1}`` (``lr1``) and ``ln Y_{t-1}`` (``ly1``).
    """
    lam = float(fit.params["lr1"])
    theta = float(fit.params["ly1"])
    cov = fit.cov_params().loc[["lr1", "ly1"], ["lr1", "ly1"]].to_numpy()
    grad = np.array([theta / lam**2, -1.0 / lam])
    return -theta / lam, float(np.sqrt(grad @ cov @ grad))


def estimate_buoyancy(
    series: pd.DataFrame,
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    revenue_col: str = "revenue",
    gdp_col: str = "gdp",
    year_col: str = "year",
    alpha: float = 0.05,
    break_years: Sequence[int] = (),
    small_n: int = SMALL_N,
) -> BuoyancyResult:
    """Long-run and short-run revenue buoyancy from annual levels (log-log and error correction).

    Two models, both by OLS (statsmodels) on natural logs of nominal levels:

    * static long run: ``ln R_t = c + β ln Y_t + e_t``;
    * error-correction model (ECM) in one-step form (Belinga et al. 2014)::

          Δln R_t = a + β_SR Δln Y_t + λ ln R_{t-1} + θ ln Y_{t-1} + e_t
                  = a + β_SR Δln Y_t + λ (ln R_{t-1} - β_LR ln Y_{t-1}) + e_t,

      with ``β_LR = -θ / λ`` and its standard error by the delta method (:func:`ecm_long_run`).
      This is the model statsmodels ``UECM(endog, lags=1, exog, order=1)`` fits (checked in the
      tests).

    Parameters
    ----------
    series : pandas.DataFrame
        Annual data with a year column and positive revenue and GDP levels (same currency unit).
        Years need not be contiguous: differences and lags are only formed between consecutive
        calendar years, so a missing year removes itself and the next year from the ECM.
    start_year, end_year : int, optional
        Restrict the sample (inclusive). Default: all years.
    revenue_col, gdp_col, year_col : str
        Column names.
    alpha : float
        Two-sided confidence level is ``1 - alpha`` (t distribution with the residual degrees of
        freedom).
    break_years : sequence of int
        Years where GDP levels have a statistical break (economic-census benchmark revisions in
        a series of preliminary levels). Each adds a step dummy (1 from that year on) to the
        static model and an impulse dummy (1 in that year) to the ECM. An approximation: it costs
        degrees of freedom the short series cannot spare.
    small_n : int
        Below this many observations the result flags the estimates as fragile.

    Returns
    -------
    BuoyancyResult
        ``table`` with rows long_run/static_loglog, long_run/ecm, short_run/ecm,
        adjustment/ecm, and what limits them.

    Raises
    ------
    TooFewYears
        Too few observations (or consecutive pairs) to fit (a :class:`ValueError`).
    ValueError
        Missing columns, non-positive levels, duplicated years, ``alpha`` outside (0, 1).

    Notes
    -----
    With 2012-2024 annual data there are at most 13 levels and 12 differences. Conventional OLS
    standard errors of the static regression are not valid for trending (non-stationary) series,
    and tests of cointegration have almost no power at this length: treat the intervals as
    descriptive. A short-run buoyancy near the long-run one and a λ between -1 and 0 are what a
    stable relation would look like.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha={alpha!r} must be between 0 and 1")
    logs = _annual_logs(series, (year_col, revenue_col, gdp_col), start_year, end_year)
    breaks = sorted({int(b) for b in break_years})
    static_fit, static_years = _static_fit(logs, breaks)
    ecm_fit, ecm_years = _ecm_fit(logs, breaks)
    beta_lr, se_lr = ecm_long_run(ecm_fit)
    rows = [
        _row(
            "long_run",
            "static_loglog",
            float(static_fit.params["ly"]),
            float(static_fit.bse["ly"]),
            static_fit,
            alpha,
            static_years,
        ),
        _row("long_run", "ecm", beta_lr, se_lr, ecm_fit, alpha, ecm_years),
        _row(
            "short_run",
            "ecm",
            float(ecm_fit.params["dly"]),
            float(ecm_fit.bse["dly"]),
            ecm_fit,
            alpha,
            ecm_years,
        ),
        _row(
            "adjustment",
            "ecm",
            float(ecm_fit.params["lr1"]),
            float(ecm_fit.bse["lr1"]),
            ecm_fit,
            alpha,
            ecm_years,
        ),
    ]
    missing = tuple(int(y) for y in logs.index if y not in static_years)
    return BuoyancyResult(pd.DataFrame(rows), missing, tuple(breaks), small_n)
