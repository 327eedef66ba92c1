"""What-ifs from the logit: turnover after pay rises, shorter hours or less duty overlap, costed.

Each scenario changes a driver of every worker, holding the others at their observed values, and
reads the logit as if it were causal; observational data cannot establish that (confounding,
reverse causation), so the results are what-if arithmetic on that assumption. Uncertainty is a
seeded parametric bootstrap of the coefficients (King, Tomz & Wittenberg 2000).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.errors import DataError
from workbench.turnover import schema
from workbench.turnover.design import as_numeric, expit, separation_message
from workbench.turnover.logit import LogitModel, estimate_logit

ASSUMPTION = (
    "Predictions move one driver holding the others at their observed values and read the "
    "logit coefficient as causal; observational data cannot establish that (confounding, "
    "reverse causation). Treat results as what-if arithmetic."
)
#: (name, lowest allowed value (excluded), highest allowed value) of each lever.
LEVER_RANGES = (
    ("pay_rise_pct", -100.0, math.inf),
    ("hours_cut", -168.0, 168.0),
    ("overlap_cut", -1.0, 1.0),
)
LEVERS = ("pay_rise_pct", "hours_cut", "overlap_cut")
#: The driver each lever changes: monthly pay, weekly hours, the duty-overlap index.
LEVER_COLUMNS = ("monthly_pay", "weekly_hours", "duty_overlap")


@dataclass(frozen=True)
class Scenarios:
    """Predicted turnover and costs per scenario (see :func:`counterfactual_turnover`).

    Attributes
    ----------
    table : pandas.DataFrame
        One row per scenario, ``baseline`` first: ``scenario``, ``pay_rise_pct``,
        ``hours_cut``, ``overlap_cut``, ``rate`` (fraction a year) with ``rate_ci_low``/
        ``rate_ci_high``, ``rate_change`` with its interval, ``exits``, ``exits_averted`` with
        its interval, ``replacement_saving_yuan`` with its interval, ``intervention_cost_yuan``,
        ``net_saving_yuan`` with its interval, ``cost_per_exit_averted_yuan``, ``costed``.
    n_workers, n_draws, seed : int
    alpha, replacement_cost_yuan, employer_oncost_rate : float
    warnings : tuple of str
        The logit's warnings.
    assumption : str
        What the scenarios assume, in words.
    """

    table: pd.DataFrame
    n_workers: int
    n_draws: int
    seed: int
    alpha: float
    replacement_cost_yuan: float
    employer_oncost_rate: float
    warnings: tuple[str, ...]
    assumption: str = ASSUMPTION

    @property
    def best(self) -> pd.Series:
        """The scenario with the lowest predicted rate (baseline excluded)."""
        return self.table.iloc[1:].sort_values("rate").iloc[0]


def check_costs(replacement_cost_yuan: float, oncost: float, n_draws: int) -> None:
    """ValueError for a negative replacement cost, an on-cost outside [0, 2] or < 10 draws."""
    if not replacement_cost_yuan >= 0:
        raise ValueError(f"replacement_cost_yuan must be >= 0 yuan, got {replacement_cost_yuan}")
    if not 0.0 <= oncost <= 2.0:
        raise ValueError(f"employer_oncost_rate must be a fraction in [0, 2], got {oncost}")
    if n_draws < 10:
        raise ValueError(f"n_draws must be at least 10, got {n_draws}")


def scenario_model(df, outcome, drivers, categorical, cluster, alpha, source_label) -> LogitModel:
    """The logit the scenarios use; DataError when separation makes coefficients infinite."""
    model = estimate_logit(
        df,
        outcome,
        drivers,
        categorical,
        cluster=cluster,
        alpha=alpha,
        source_label=source_label,
        check_separation=True,
    )
    if model.separated:
        raise DataError(
            f"{source_label}: scenarios need a logit whose coefficients exist; "
            + separation_message(model.separated, source_label),
            file=source_label,
        )
    return model


def draw_mean_probabilities(
    Xs: Sequence[np.ndarray], beta: np.ndarray, draws: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Mean predicted probability per design at beta_hat (S,) and per draw (S, D), chunked."""
    n = Xs[0].shape[0]
    D = draws.shape[0]
    chunk = max(1, int(4_000_000 // max(D, 1)))
    point = np.zeros(len(Xs))
    per_draw = np.zeros((len(Xs), D))
    for s, X in enumerate(Xs):
        point[s] = float(expit(X @ beta).mean())
        acc = np.zeros(D)
        for a in range(0, n, chunk):
            acc += expit(X[a : a + chunk] @ draws.T).sum(axis=0)
        per_draw[s] = acc / n
    return point, per_draw


def lever_column(model: LogitModel, column: str, what: str) -> int:
    """Design column of a numeric driver; ValueError when the model lacks it."""
    for k, t in enumerate(model.design.terms, start=1):
        if t.term == column and t.kind != "level":
            return k
    raise ValueError(
        f"the {what} scenario changes '{column}', which is not a numeric driver of the model; "
        f"add it to drivers or set that scenario range to []"
    )


def lever_scenario(
    df: pd.DataFrame,
    model: LogitModel,
    levers: tuple[float, float, float],
    *,
    employer_oncost_rate: float,
    overlap_cost_yuan_per_worker: float,
    columns: tuple[str, str, str],
) -> dict[str, Any]:
    """One scenario: which design columns change, how, and the annual cost in yuan.

    ``levers`` are the pay rise (percent), the hours cut (hours a week) and the overlap cut
    (index points); ``columns`` the pay, hours and overlap columns.
    """
    pay_rise, hours_cut, overlap_cut = levers
    pay_column, hours_column, overlap_column = columns
    oncost = 1.0 + employer_oncost_rate
    changes: list[tuple[int, Any]] = []
    cost, label = 0.0, []
    if pay_rise:
        j = lever_column(model, pay_column, "pay")
        pay = as_numeric(df[pay_column])
        changes.append((j, lambda v, a=pay_rise: v * (1.0 + a / 100.0)))
        cost += float(np.sum(12.0 * pay * pay_rise / 100.0)) * oncost
        label.append(f"pay {pay_rise:+.3g}%")
    if hours_cut:
        j = lever_column(model, hours_column, "hours")
        schema.require_columns(df, [pay_column], "the workers data")
        pay, hours = as_numeric(df[pay_column]), as_numeric(df[hours_column])
        changes.append((j, lambda v, b=hours_cut: np.maximum(v - b, 0.0)))
        cost += float(np.sum(12.0 * pay * np.minimum(hours_cut, hours) / hours)) * oncost
        label.append(f"hours {-hours_cut:+g}/week")
    if overlap_cut:
        j = lever_column(model, overlap_column, "duty-overlap")
        changes.append((j, lambda v, c=overlap_cut: np.maximum(v - c, 0.0)))
        cost += len(df) * overlap_cost_yuan_per_worker * overlap_cut / 0.1
        label.append(f"duty overlap {-overlap_cut:+g}")
    return {
        "scenario": ", ".join(label) or "baseline",
        "pay_rise_pct": pay_rise,
        "hours_cut": hours_cut,
        "overlap_cut": overlap_cut,
        "changes": changes,
        "cost": cost,
        "costed": not (overlap_cut and overlap_cost_yuan_per_worker == 0.0),
    }


def _scenario_row(sc, s, point, per_draw, q, n, replacement_cost_yuan) -> dict[str, Any]:
    rate = point[s]
    lo, hi = np.percentile(per_draw[s], q)
    dd = per_draw[s] - per_draw[0]
    dlo, dhi = np.percentile(dd, q)
    averted = n * (point[0] - rate)
    alo, ahi = np.percentile(-n * dd, q)
    saving = averted * replacement_cost_yuan
    cost = float(sc["cost"]) if sc["costed"] else np.nan
    return {
        "scenario": sc["scenario"],
        **{k: sc.get(k, 0.0) for k in LEVERS},
        "rate": rate,
        "rate_ci_low": lo,
        "rate_ci_high": hi,
        "rate_change": rate - point[0],
        "rate_change_ci_low": dlo,
        "rate_change_ci_high": dhi,
        "exits": n * rate,
        "exits_averted": averted,
        "exits_averted_ci_low": alo,
        "exits_averted_ci_high": ahi,
        "replacement_saving_yuan": saving,
        "replacement_saving_ci_low": alo * replacement_cost_yuan,
        "replacement_saving_ci_high": ahi * replacement_cost_yuan,
        "intervention_cost_yuan": cost,
        "net_saving_yuan": saving - cost,
        "net_saving_ci_low": alo * replacement_cost_yuan - cost,
        "net_saving_ci_high": ahi * replacement_cost_yuan - cost,
        "cost_per_exit_averted_yuan": cost / averted if averted > 0 and cost else np.nan,
        "costed": bool(sc["costed"]),
    }


def scenario_table(
    model: LogitModel,
    scenarios: list[dict[str, Any]],
    *,
    replacement_cost_yuan: float,
    n_draws: int,
    alpha: float,
    seed: int,
) -> pd.DataFrame:
    """The baseline and every scenario: rates, exits averted and costs with bootstrap intervals."""
    X0 = model.design.X
    rng = np.random.default_rng(seed)
    draws = rng.multivariate_normal(model.beta, model.cov, size=n_draws, method="eigh")
    Xs = [X0]
    for sc in scenarios:
        X = X0.copy()
        for col, fn in sc["changes"]:
            X[:, col] = fn(X[:, col])
        Xs.append(X)
    point, per_draw = draw_mean_probabilities(Xs, model.beta, draws)
    q = [100 * alpha / 2.0, 100 * (1.0 - alpha / 2.0)]
    baseline = {"scenario": "baseline", "cost": 0.0, "costed": True}
    rows = [
        _scenario_row(sc, s, point, per_draw, q, X0.shape[0], replacement_cost_yuan)
        for s, sc in enumerate([baseline, *scenarios])
    ]
    return pd.DataFrame(rows)


def _combinations(pays, hrs, ovs, combine: bool) -> list[tuple[float, float, float]]:
    if combine:
        return [
            (a, b, c)
            for a in [0.0, *pays]
            for b in [0.0, *hrs]
            for c in [0.0, *ovs]
            if (a, b, c) != (0.0, 0.0, 0.0)
        ]
    return (
        [(a, 0.0, 0.0) for a in pays] + [(0.0, b, 0.0) for b in hrs] + [(0.0, 0.0, c) for c in ovs]
    )


def _check_levers(ranges: Sequence[Sequence[float]], overlap_cost: float) -> None:
    if overlap_cost < 0:
        raise ValueError(f"overlap_cost_yuan_per_worker must be >= 0, got {overlap_cost}")
    for (name, lo, hi), values in zip(LEVER_RANGES, ranges, strict=True):
        for v in values:
            if not lo < float(v) <= hi:
                raise ValueError(f"{name} value {v} is out of range ({lo}, {hi}]")


def counterfactual_turnover(
    df: pd.DataFrame,
    outcome: str = "left",
    drivers: Sequence[str] = schema.DRIVERS,
    categorical: Sequence[str] = (),
    *,
    pay_rise_pct: Sequence[float] = (5.0, 10.0, 20.0),
    hours_cut: Sequence[float] = (2.0, 5.0),
    overlap_cut: Sequence[float] = (0.1, 0.2),
    combine: bool = False,
    replacement_cost_yuan: float = schema.REPLACEMENT_COST_YUAN,
    employer_oncost_rate: float = 0.0,
    overlap_cost_yuan_per_worker: float = 0.0,
    n_draws: int = 1000,
    alpha: float = 0.05,
    seed: int = schema.SEED,
    cluster: str | None = None,
    pay_column: str = "monthly_pay",
    hours_column: str = "weekly_hours",
    overlap_column: str = "duty_overlap",
    source_label: str = "the workers data",
) -> Scenarios:
    """Predicted annual turnover if pay rises, hours fall or duty overlap falls, with costs.

    The logit of :func:`~workbench.turnover.logit.fit_logit` is refitted and each scenario
    changes the drivers of every worker: ``pay * (1 + x/100)``, ``max(hours - h, 0)``,
    ``max(overlap - o, 0)``. The scenario rate is the mean predicted probability
    ``mean_i F(x_i^s' b)``; the baseline is the mean fitted probability (equal to the observed
    rate for a logit with an intercept). Uncertainty: a seeded parametric bootstrap,
    ``b_d ~ N(b_hat, V_hat)`` (``V_hat`` cluster-robust when ``cluster`` is given), recomputing
    both rates per draw; intervals are percentiles (King, Tomz & Wittenberg 2000). Exits
    averted ``= n (rate_0 - rate_s)``.

    Costs (yuan per year): replacement saving ``= exits averted * replacement_cost_yuan``;
    pay rise ``= sum_i 12 * pay_i * x/100 * (1 + employer_oncost_rate)``; cutting ``h`` hours
    is costed as buying those hours back at each worker's own hourly pay,
    ``sum_i 12 * pay_i * h / hours_i * (1 + employer_oncost_rate)`` (e.g. extra staff);
    cutting overlap by ``o`` costs ``n * overlap_cost_yuan_per_worker * o / 0.1`` (0 = not
    costed: ``costed=False`` and the cost columns are NaN, never a free lunch).
    ``net_saving = replacement saving - intervention cost``.

    Parameters
    ----------
    df, outcome, drivers, categorical, cluster, source_label
        As in :func:`~workbench.turnover.logit.fit_logit`.
    pay_rise_pct : sequence of float
        Pay rises to try, percent of current monthly pay (e.g. 10 = +10%).
    hours_cut : sequence of float
        Cuts in weekly hours to try (hours/week).
    overlap_cut : sequence of float
        Absolute cuts in the duty-overlap index to try (index points on 0-1).
    combine : bool
        False: one lever at a time; True: every combination of the ranges (0 added to each).
    replacement_cost_yuan : float
        Cost of replacing one leaver (recruitment, training, vacancy), yuan per exit; an
        assumption to set locally.
    employer_oncost_rate : float
        Employer social-insurance and housing-fund contributions as a fraction of pay.
    overlap_cost_yuan_per_worker : float
        Annual cost per worker of cutting the overlap index by 0.1 (yuan); 0 = not costed.
    n_draws : int
        Parametric-bootstrap draws.
    alpha : float
        1 - confidence level.
    seed : int
        Seed of the draws.
    pay_column, hours_column, overlap_column : str
        Canonical names of the three levers.

    Returns
    -------
    Scenarios
        The table (one row per scenario, baseline first) and the assumptions behind it.

    Raises
    ------
    ValueError
        A lever out of range or not a numeric driver, a bad cost input.
    DataError
        Bad data, or separation (the coefficients the scenarios need do not exist).

    References
    ----------
    King, G., Tomz, M. & Wittenberg, J. (2000). Making the most of statistical analyses:
    improving interpretation and presentation. American Journal of Political Science 44(2),
    347-361.
    Mood, C. (2010). European Sociological Review 26(1), 67-82.
    """
    check_costs(replacement_cost_yuan, employer_oncost_rate, n_draws)
    _check_levers((pay_rise_pct, hours_cut, overlap_cut), overlap_cost_yuan_per_worker)
    model = scenario_model(df, outcome, drivers, categorical, cluster, alpha, source_label)
    return simulate(
        df,
        model,
        levers=(pay_rise_pct, hours_cut, overlap_cut),
        combine=combine,
        replacement_cost_yuan=replacement_cost_yuan,
        employer_oncost_rate=employer_oncost_rate,
        overlap_cost_yuan_per_worker=overlap_cost_yuan_per_worker,
        n_draws=n_draws,
        alpha=alpha,
        seed=seed,
        columns=(pay_column, hours_column, overlap_column),
    )


def simulate(
    df: pd.DataFrame,
    model: LogitModel,
    *,
    levers: tuple[Sequence[float], Sequence[float], Sequence[float]],
    combine: bool,
    replacement_cost_yuan: float,
    employer_oncost_rate: float,
    overlap_cost_yuan_per_worker: float,
    n_draws: int,
    alpha: float,
    seed: int,
    columns: tuple[str, str, str] = LEVER_COLUMNS,
) -> Scenarios:
    """:func:`counterfactual_turnover` from a logit already fitted to ``df`` (no separation).

    ``levers`` are the pay rises, hours cuts and overlap cuts to try.
    """
    check_costs(replacement_cost_yuan, employer_oncost_rate, n_draws)
    _check_levers(levers, overlap_cost_yuan_per_worker)
    df = df.reset_index(drop=True)
    nonzero = [[float(v) for v in vals if float(v) != 0.0] for vals in levers]
    scenarios = [
        lever_scenario(
            df,
            model,
            chosen,
            employer_oncost_rate=employer_oncost_rate,
            overlap_cost_yuan_per_worker=overlap_cost_yuan_per_worker,
            columns=columns,
        )
        for chosen in _combinations(*nonzero, combine)
    ]
    table = scenario_table(
        model,
        scenarios,
        replacement_cost_yuan=replacement_cost_yuan,
        n_draws=n_draws,
        alpha=alpha,
        seed=seed,
    )
    return Scenarios(
        table=table,
        n_workers=len(df),
        n_draws=n_draws,
        seed=seed,
        alpha=alpha,
        replacement_cost_yuan=replacement_cost_yuan,
        employer_oncost_rate=employer_oncost_rate,
        warnings=model.fit.warnings,
    )
