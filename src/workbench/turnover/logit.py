"""Logistic regression of leaving: odds ratios, average marginal effects, the top driver."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.errors import DataError
from workbench.turnover import schema
from workbench.turnover.design import (
    Design,
    as_numeric,
    build_design,
    check_rank,
    cluster_codes,
    emit,
    expit,
    few_clusters_message,
    separation_message,
    separation_terms,
    separation_unchecked,
    validate_workers,
    z_value,
)

#: Columns of the logit table blanked (NaN) for a term under separation.
ESTIMATE_COLUMNS = (
    "coef",
    "se",
    "z",
    "p_value",
    "odds_ratio",
    "ci_low",
    "ci_high",
    "ame",
    "ame_se",
    "ame_p_value",
    "effect",
    "effect_se",
    "effect_ci_low",
    "effect_ci_high",
    "effect_p_value",
)
SEPARATED_NOTE = "not estimable: separation (infinite MLE)"


@dataclass(frozen=True)
class LogitFit:
    """A fitted logit of leaving (see :func:`fit_logit`).

    Attributes
    ----------
    table : pandas.DataFrame
        One row per term (intercept excluded): ``term``, ``driver``, ``level``, ``kind``
        (continuous/binary/level), ``coef`` (log-odds per unit), ``se``, ``z``, ``p_value``,
        ``odds_ratio``, ``ci_low``/``ci_high`` (the confidence interval of the ODDS RATIO,
        ``exp(coef +- z se)``), ``ame`` (probability per unit of the driver, a fraction),
        ``ame_se``, ``ame_p_value``, ``change`` (the change used for ``effect``: one SD in
        driver units, or 1), ``change_label``, ``effect`` (probability change, fraction),
        ``effect_se``, ``effect_ci_low``, ``effect_ci_high``, ``effect_p_value`` and ``note``.
    n, events, non_events : int
        Workers, leavers and stayers.
    intercept : float
        The intercept (log-odds).
    cov_type : str
        ``"cluster"`` or ``"nonrobust"``.
    cluster : str or None
    n_clusters : int or None
    alpha : float
    references : dict
        Reference level of each categorical driver.
    llf, pseudo_r2 : float
        Log-likelihood and McFadden's pseudo-R².
    converged : bool
    warnings : tuple of str
        Fragility warnings (events per term, separation, few clusters, non-convergence).
    """

    table: pd.DataFrame
    n: int
    events: int
    non_events: int
    intercept: float
    cov_type: str
    cluster: str | None
    n_clusters: int | None
    alpha: float
    references: dict[str, str]
    llf: float
    pseudo_r2: float
    converged: bool
    warnings: tuple[str, ...]

    @property
    def separated_drivers(self) -> list[str]:
        """Drivers with a term that is not estimable (separation), sorted."""
        return sorted(set(self.table.loc[self.table["note"] != "", "driver"]))


@dataclass(frozen=True)
class LogitModel:
    """A logit fit with what the scenarios need: the design, coefficients and covariance."""

    fit: LogitFit
    design: Design
    beta: np.ndarray
    cov: np.ndarray
    separated: tuple[str, ...]


def _prepare(df, outcome, drivers, categorical, cluster, reference, label, check_separation):
    """Validate, build the design, check rank and separation; collect the warnings."""
    msgs = validate_workers(
        df,
        outcome,
        None,
        drivers,
        categorical,
        source_label=label,
        id_column=None,
        check_separation=False,
    )
    df = df.reset_index(drop=True)
    y = as_numeric(df[outcome])
    if int(y.sum()) in (0, len(y)):
        raise DataError(msgs[-1], file=label, column=outcome)
    codes = cluster_codes(df, cluster, label)
    design = build_design(df, drivers, categorical, reference)
    check_rank(design, label)
    separated: list[str] = []
    if check_separation:
        found = separation_terms(design, y)
        if found:
            separated = found
            msgs.append(separation_message(found, label))
        elif found is None:
            msgs.append(separation_unchecked(label))
    if codes is not None:
        few = few_clusters_message(codes, str(cluster), label)
        if few:
            msgs.append(few)
    return y, codes, design, msgs, separated


def _maximise(y, design, codes, label, separated, msgs):
    """The statsmodels MLE and its average marginal effects; its own warnings become messages."""
    from statsmodels.discrete.discrete_model import Logit

    fit_kw: dict[str, Any] = {"disp": 0, "maxiter": 100, "method": "newton"}
    if codes is not None:
        fit_kw.update(cov_type="cluster", cov_kwds={"groups": codes})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = Logit(y, design.X).fit(**fit_kw)
        except np.linalg.LinAlgError as exc:
            raise DataError(
                f"{label}: the logit could not be fitted ({exc}); check for drivers that are "
                "(nearly) collinear or categories with very few workers.",
                file=label,
            ) from exc
        margeff = res.get_margeff(at="overall", method="dydx")
        ame = np.asarray(margeff.margeff, dtype=float)
        ame_se = np.asarray(margeff.margeff_se, dtype=float)
    converged = bool(res.mle_retvals.get("converged", True))
    if not converged and not separated:
        msgs.append(
            f"{label}: the logit did not converge in {res.mle_retvals.get('iterations')} "
            "iterations; its estimates are unreliable (check for separation or extreme values)."
        )
    for w in caught:
        if issubclass(w.category, (DeprecationWarning, FutureWarning)):
            continue
        text = str(w.message).strip()
        if "converge" in text.lower() and (separated or not converged):
            continue
        if separated and issubclass(w.category, RuntimeWarning):
            continue  # overflow etc.: symptoms of the separation already reported
        msgs.append(f"{label}: statsmodels warned: {text}")
    return res, ame, ame_se


def discrete_effects(
    design: Design, beta: np.ndarray, cov: np.ndarray, ame: np.ndarray, ame_se: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Per-term probability effect of a 1-SD change (continuous) or 0 -> 1 / reference -> level.

    Continuous: ``AME * SD`` (the AME is a derivative, so this is the linear approximation of a
    one-SD change). Binary and categorical levels: the average discrete change
    ``mean_i[F(x_i1'b) - F(x_i0'b)]`` with every other driver at its observed value, and its
    delta-method SE ``sqrt(g' V g)``, ``g = mean_i[f(x_i1'b) x_i1 - f(x_i0'b) x_i0]``.

    Returns the effects, their SEs, the size of each change and its label.
    """
    X = design.X
    xb = X @ beta
    p = len(design.terms)
    effect, se, change = np.full(p, np.nan), np.full(p, np.nan), np.full(p, np.nan)
    labels: list[str] = [""] * p
    by_driver: dict[str, list[int]] = {}
    for k, t in enumerate(design.terms):
        by_driver.setdefault(t.driver, []).append(k + 1)
    for k, t in enumerate(design.terms):
        j = k + 1
        if t.kind == "continuous":
            sd = design.sd[k]
            effect[k], se[k], change[k] = ame[k] * sd, ame_se[k] * sd, sd
            labels[k] = f"+1 SD ({sd:.4g})"
            continue
        cols = by_driver[t.driver]
        X0 = X.copy()
        X0[:, cols] = 0.0
        X1 = X0.copy()
        X1[:, j] = 1.0
        base = xb - X[:, cols] @ beta[cols]
        p0, p1 = expit(base), expit(base + beta[j])
        g = (X1 * (p1 * (1.0 - p1))[:, None] - X0 * (p0 * (1.0 - p0))[:, None]).mean(axis=0)
        effect[k] = float((p1 - p0).mean())
        se[k] = float(np.sqrt(max(g @ cov @ g, 0.0)))
        change[k] = 1.0
        labels[k] = "0 -> 1" if t.kind == "binary" else f"{t.reference} -> {t.level}"
    return effect, se, change, labels


def _coefficient_table(design, res, cov, ame, ame_se, alpha) -> pd.DataFrame:
    from scipy import stats

    z = z_value(alpha)
    beta = np.asarray(res.params, dtype=float)
    bse = np.asarray(res.bse, dtype=float)
    pvals = np.asarray(res.pvalues, dtype=float)
    with np.errstate(over="ignore"):  # infinite odds ratios under separation become NaN later
        ci = np.exp(np.asarray(res.conf_int(alpha=alpha), dtype=float))
    effect, effect_se, change, change_label = discrete_effects(design, beta, cov, ame, ame_se)
    rows = []
    for j, t in enumerate(design.terms, start=1):
        k = j - 1
        eff_z = effect[k] / effect_se[k] if effect_se[k] > 0 else np.nan
        ame_z = ame[k] / ame_se[k] if ame_se[k] > 0 else np.nan
        rows.append(
            {
                "term": t.term,
                "driver": t.driver,
                "level": t.level,
                "kind": t.kind,
                "coef": beta[j],
                "se": bse[j],
                "z": beta[j] / bse[j] if bse[j] > 0 else np.nan,
                "p_value": pvals[j],
                "odds_ratio": math.exp(beta[j]) if beta[j] < 700 else math.inf,
                "ci_low": float(ci[j, 0]),
                "ci_high": float(ci[j, 1]),
                "ame": ame[k],
                "ame_se": ame_se[k],
                "ame_p_value": 2.0 * stats.norm.sf(abs(ame_z)),
                "change": change[k],
                "change_label": change_label[k],
                "effect": effect[k],
                "effect_se": effect_se[k],
                "effect_ci_low": effect[k] - z * effect_se[k],
                "effect_ci_high": effect[k] + z * effect_se[k],
                "effect_p_value": 2.0 * stats.norm.sf(abs(eff_z)),
                "note": "",
            }
        )
    return pd.DataFrame(rows)


def estimate_logit(
    df: pd.DataFrame,
    outcome: str,
    drivers: Sequence[str],
    categorical: Sequence[str],
    *,
    cluster: str | None = None,
    alpha: float = 0.05,
    reference: Mapping[str, str] | None = None,
    source_label: str = "the workers data",
    check_separation: bool = True,
) -> LogitModel:
    """:func:`fit_logit` without emitting its warnings, keeping the design and covariance."""
    z_value(alpha)
    y, codes, design, msgs, separated = _prepare(
        df, outcome, drivers, categorical, cluster, reference, source_label, check_separation
    )
    res, ame, ame_se = _maximise(y, design, codes, source_label, separated, msgs)
    cov = np.asarray(res.cov_params(), dtype=float)
    table = _coefficient_table(design, res, cov, ame, ame_se, alpha)
    if separated:
        mask = table["term"].isin(separated)
        table.loc[mask, list(ESTIMATE_COLUMNS)] = np.nan
        table.loc[mask, "note"] = SEPARATED_NOTE
    n, events = len(y), int(y.sum())
    beta = np.asarray(res.params, dtype=float)
    fit = LogitFit(
        table=table,
        n=n,
        events=events,
        non_events=n - events,
        intercept=float(beta[0]),
        cov_type="cluster" if codes is not None else "nonrobust",
        cluster=cluster or None,
        n_clusters=int(codes.max()) + 1 if codes is not None else None,
        alpha=alpha,
        references=dict(design.references),
        llf=float(res.llf),
        pseudo_r2=float(res.prsquared),
        converged=bool(res.mle_retvals.get("converged", True)),
        warnings=tuple(msgs),
    )
    return LogitModel(fit, design, beta, cov, tuple(separated))


def fit_logit(
    df: pd.DataFrame,
    outcome: str = "left",
    drivers: Sequence[str] = schema.DRIVERS,
    categorical: Sequence[str] = (),
    *,
    cluster: str | None = None,
    alpha: float = 0.05,
    reference: Mapping[str, str] | None = None,
    source_label: str = "the workers data",
    check_separation: bool = True,
) -> LogitFit:
    """Logistic regression of leaving on the drivers: odds ratios and average marginal effects.

    Model: ``P(left_i = 1 | x_i) = F(x_i'b) = 1 / (1 + exp(-x_i'b))``, fitted by maximum
    likelihood (statsmodels ``Logit``, Newton). Odds ratio ``OR_k = exp(b_k)`` with interval
    ``exp(b_k +- z se_k)``. Because odds ratios are not comparable across models or samples
    (unobserved heterogeneity rescales them), the probability scale is reported too (Mood 2010):
    the average marginal effect ``AME_k = mean_i f(x_i'b) b_k`` with ``f = F (1 - F)`` and its
    delta-method SE, exactly ``statsmodels`` ``get_margeff(at="overall", method="dydx")``; and
    ``effect``, the average change in probability for a one-standard-deviation rise in a
    continuous driver (``AME * SD``) or the average discrete change for 0 -> 1 in a binary
    driver and for reference -> level in a categorical one (see :func:`top_driver`).

    Parameters
    ----------
    df : pandas.DataFrame
        Canonical workers frame (checked with :func:`~workbench.turnover.design.validate_workers`).
    outcome : str
        0/1 column, 1 = left during the observation year.
    drivers : sequence of str
        Numeric drivers (natural units: years, yuan/month, hours/week, index points).
    categorical : sequence of str
        Categorical drivers, one-hot encoded against the most frequent level (or ``reference``).
    cluster : str, optional
        Column of clusters (e.g. ``"district"``) for cluster-robust (sandwich) standard errors,
        statsmodels ``cov_type="cluster"`` with its small-sample correction; AMEs and effects
        then use the robust covariance too.
    alpha : float
        1 - confidence level (0.05 gives 95% intervals).
    reference : mapping of str to str, optional
        Reference level per categorical driver.
    source_label : str
        Name of the data in messages.
    check_separation : bool
        Detect (quasi-)complete separation with the linear program of Konis (2007).

    Returns
    -------
    LogitFit
        The coefficient table and the fit's numbers (n, events, intercept, covariance type,
        clusters, reference levels, log-likelihood, pseudo-R², convergence, warnings).

    Warns
    -----
    TurnoverWarning
        Fewer than 10 events per term (Peduzzi et al. 1996), separation (the affected terms are
        NaN, never a finite garbage estimate), fewer than 30 clusters, non-convergence.

    Raises
    ------
    ValueError
        ``alpha`` outside (0, 1), no drivers, an unknown reference level.
    DataError
        Bad data, no exits or no stays, collinear drivers, an unusable cluster column.

    References
    ----------
    Mood, C. (2010). Logistic regression: why we cannot do what we think we can do, and what we
    can do about it. European Sociological Review 26(1), 67-82.
    Albert, A. & Anderson, J. A. (1984). On the existence of maximum likelihood estimates in
    logistic regression models. Biometrika 71(1), 1-10.
    Cameron, A. C., Gelbach, J. B. & Miller, D. L. (2008). Bootstrap-based improvements for
    inference with clustered errors. Review of Economics and Statistics 90(3), 414-427.
    """
    model = estimate_logit(
        df,
        outcome,
        drivers,
        categorical,
        cluster=cluster,
        alpha=alpha,
        reference=reference,
        source_label=source_label,
        check_separation=check_separation,
    )
    emit(model.fit.warnings)
    return model.fit


def top_driver(
    logit_table: pd.DataFrame, *, include_categorical: bool = False
) -> tuple[str, float]:
    """The driver that moves the predicted probability of leaving most, and by how much.

    For each driver the ``effect`` column of :func:`fit_logit` is used: the average marginal
    effect times one standard deviation for a continuous driver,
    ``AME_k * SD_k = SD_k * mean_i f(x_i'b) b_k`` (``f = F (1 - F)``), and the average
    discrete change ``mean_i [F(x_i'b | x_k = 1) - F(x_i'b | x_k = 0)]`` for a binary driver.
    The driver with the largest ``|effect|`` wins; terms that are not estimable are skipped.
    Categorical drivers have no natural "one SD" or "0 -> 1" change (their contrasts depend on
    the reference level), so they are left out unless ``include_categorical`` is True, in which
    case a categorical driver competes with its largest level-vs-reference contrast.

    Parameters
    ----------
    logit_table : pandas.DataFrame
        ``LogitFit.table`` from :func:`fit_logit`.
    include_categorical : bool
        Let categorical drivers compete (see above).

    Returns
    -------
    tuple of (str, float)
        Canonical driver name and its signed effect on the probability of leaving within the
        year, as a fraction (0.05 = 5 percentage points; negative = lowers turnover).

    Raises
    ------
    DataError
        When no eligible term has a finite effect (e.g. every driver is separated).

    References
    ----------
    Mood, C. (2010). European Sociological Review 26(1), 67-82.
    """
    t = logit_table[np.isfinite(logit_table["effect"].to_numpy(dtype=float))]
    if not include_categorical and "kind" in t.columns:
        t = t[t["kind"] != "level"]
    if t.empty:
        raise DataError("no driver has an estimable effect (see the logit warnings)")
    row = t.iloc[int(t["effect"].abs().to_numpy().argmax())]
    return str(row["driver"]), float(row["effect"])
