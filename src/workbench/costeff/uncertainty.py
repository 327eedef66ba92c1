"""Decision uncertainty: probabilistic sensitivity analysis, CEAC, EVPI and one-way tornado.

A PSA sample holds draws of each strategy's mean cost and effect (:class:`PSASample`), from a
bootstrap of units (:func:`psa_bootstrap`) or from parametric distributions
(:func:`psa_parametric`). From it come the acceptability curves (:func:`ceac`) and the expected
value of perfect information (:func:`evpi`). :func:`tornado` and :func:`strategy_tornado` move one
input at a time.

References
----------
Briggs A, Claxton K, Sculpher M (2006). *Decision Modelling for Health Economic Evaluation*. Oxford
University Press, ch. 4-6.
Briggs AH, Wonderling DE, Mooney CZ (1997). Pulling cost-effectiveness analysis up by its
bootstraps. *Health Economics* 6: 327-340.
van Hout BA et al. (1994). Costs, effects and C/E-ratios alongside a clinical trial. *Health
Economics* 3: 309-319.
Fenwick E, Claxton K, Sculpher M (2001). Representing uncertainty: the role of cost-effectiveness
acceptability curves. *Health Economics* 10: 779-787.
Claxton K (1999). The irrelevance of inference. *Journal of Health Economics* 18: 341-364.
Drummond MF et al. (2015). *Methods for the Economic Evaluation of Health Care Programmes*, 4th ed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats

from workbench.costeff.checks import (
    check_level,
    finite_array,
    numeric_column,
    require_columns,
    require_frame,
    rows,
    strategy_names,
)
from workbench.costeff.strategies import nmb

_CHUNK = 4_000_000  # array elements per vectorised block


@dataclass(frozen=True)
class PSASample:
    """Draws of cost and effect for each strategy from a probabilistic sensitivity analysis.

    Attributes
    ----------
    strategies : tuple of str
        Strategy names, unique.
    costs : numpy.ndarray
        Shape ``(n_draws, n_strategies)``, yuan.
    effects : numpy.ndarray
        Shape ``(n_draws, n_strategies)``, outcome units.
    """

    strategies: tuple[str, ...]
    costs: np.ndarray
    effects: np.ndarray

    def __post_init__(self) -> None:
        c = np.asarray(self.costs, dtype=float)
        e = np.asarray(self.effects, dtype=float)
        k = len(self.strategies)
        if c.ndim != 2 or c.shape != e.shape or c.shape[1] != k or c.shape[0] < 1:
            raise ValueError(
                f"PSASample: costs {c.shape} and effects {e.shape} must both be (n_draws, {k}) for "
                f"strategies {list(self.strategies)}."
            )
        if len(set(self.strategies)) != k:
            dup = next(s for s in self.strategies if self.strategies.count(s) > 1)
            raise ValueError(f"PSASample: duplicate strategy name {dup!r}.")
        for name, arr in (("costs", c), ("effects", e)):
            bad = ~np.isfinite(arr)
            if bad.any():
                col = int(np.flatnonzero(bad.any(axis=0))[0])
                raise ValueError(
                    f"PSASample: {name} of strategy {self.strategies[col]!r} have missing or "
                    f"infinite draws at {rows(bad[:, col])}."
                )
        object.__setattr__(self, "costs", c)
        object.__setattr__(self, "effects", e)

    @property
    def n_draws(self) -> int:
        """Number of Monte Carlo draws."""
        return int(self.costs.shape[0])


def psa_bootstrap(
    df: pd.DataFrame,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
    n_draws: int = 10_000,
    seed: int = 20220418,
) -> PSASample:
    """PSA draws of arm-mean cost and effect by non-parametric bootstrap of units.

    Parameters
    ----------
    df : pandas.DataFrame
        Unit-level frame, one row per unit, with a strategy column (see
        :func:`workbench.costeff.strategies.with_total_cost`).
    strategy, cost, effect : str
        Column names; cost in yuan, effect in outcome units.
    n_draws : int
        Bootstrap draws (>= 1).
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    PSASample
        ``costs[d, s]`` and ``effects[d, s]`` are the means of a resample (with replacement, same
        size) of strategy ``s``'s units; strategies sorted by name. Resampling units keeps the
        within-unit correlation of cost and effect.

    Notes
    -----
    Briggs, Wonderling & Mooney (1997); Briggs, Claxton & Sculpher (2006), ch. 4. Vectorised: one
    integer matrix per strategy, in chunks of at most about four million indices.
    """
    where = "psa_bootstrap"
    require_frame(df, where)
    require_columns(df, [strategy, cost, effect], where)
    if int(n_draws) < 1:
        raise ValueError(f"{where}: n_draws must be >= 1, got {n_draws!r}.")
    c = numeric_column(df, cost, where, what="costs (yuan)", nonnegative=True)
    e = numeric_column(df, effect, where, what="effects")
    miss = df[strategy].isna().to_numpy()
    if miss.any():
        raise ValueError(f"{where}: column {strategy!r} has missing names in {rows(miss, df)}.")
    names = df[strategy].astype(str).to_numpy()
    arms = sorted(set(names))
    rng = np.random.default_rng(seed)
    n_draws = int(n_draws)
    costs = np.empty((n_draws, len(arms)))
    effects = np.empty((n_draws, len(arms)))
    for k, arm in enumerate(arms):
        ca, ea = c[names == arm], e[names == arm]
        m = ca.size
        chunk = max(1, _CHUNK // m)
        for lo in range(0, n_draws, chunk):
            hi = min(n_draws, lo + chunk)
            idx = rng.integers(0, m, size=(hi - lo, m))
            costs[lo:hi, k] = ca[idx].mean(axis=1)
            effects[lo:hi, k] = ea[idx].mean(axis=1)
    return PSASample(tuple(arms), costs, effects)


def psa_parametric(
    summary: pd.DataFrame,
    n_draws: int = 10_000,
    seed: int = 20220418,
    *,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
    se_cost: str = "se_cost",
    se_effect: str = "se_effect",
) -> PSASample:
    """PSA draws from parametric distributions of each strategy's mean cost and effect.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per strategy (e.g. :func:`workbench.costeff.strategies.arm_summary`) with mean
        cost (yuan, > 0 unless its standard error is 0), mean effect and their standard errors
        (>= 0).
    n_draws : int
        Monte Carlo draws (>= 1).
    seed : int
        Seed of ``numpy.random.default_rng``.
    strategy, cost, effect, se_cost, se_effect : str
        Column names.

    Returns
    -------
    PSASample
        Costs ~ Gamma with shape ``(mu / se)^2`` and scale ``se^2 / mu`` (method of moments,
        non-negative); effects ~ Normal(mean, se); independent across strategies and between cost
        and effect; a zero standard error gives a constant.

    Notes
    -----
    Choice of distributions as recommended by Briggs, Claxton & Sculpher (2006), ch. 4 (gamma for
    costs; normal for effects estimated as means). Ignoring cost-effect correlation is a
    simplification; prefer :func:`psa_bootstrap` when unit-level data exist.
    """
    where = "psa_parametric"
    require_frame(summary, where)
    require_columns(summary, [strategy, cost, effect, se_cost, se_effect], where)
    names = strategy_names(summary, strategy, where)
    mc = numeric_column(summary, cost, where, what="costs (yuan)", nonnegative=True)
    me = numeric_column(summary, effect, where, what="effects")
    sc = numeric_column(summary, se_cost, where, what="standard errors", nonnegative=True)
    se = numeric_column(summary, se_effect, where, what="standard errors", nonnegative=True)
    bad = (mc == 0) & (sc > 0)
    if bad.any():
        raise ValueError(
            f"{where}: strategy {names[np.argmax(bad)]!r} has zero mean cost but a positive "
            f"standard error in {rows(bad, summary)}; a gamma needs mean > 0."
        )
    if int(n_draws) < 1:
        raise ValueError(f"{where}: n_draws must be >= 1, got {n_draws!r}.")
    rng = np.random.default_rng(seed)
    n = int(n_draws)
    varying = sc > 0
    shape = np.ones_like(mc)
    scale = np.ones_like(mc)
    shape[varying] = (mc[varying] / sc[varying]) ** 2
    scale[varying] = sc[varying] ** 2 / mc[varying]
    costs = np.where(varying, rng.gamma(shape, scale, size=(n, mc.size)), mc)
    effects = me + se * rng.standard_normal((n, me.size))
    return PSASample(tuple(str(s) for s in names), costs, effects)


def _nmb_stats(psa: PSASample, wtp: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per wtp: P(strategy has max NMB) (m, k), expected NMB (m, k), E[max NMB] (m,)."""
    n, k = psa.costs.shape
    prob = np.empty((wtp.size, k))
    expected = np.empty((wtp.size, k))
    mean_max = np.empty(wtp.size)
    step = max(1, _CHUNK // (n * k))
    with np.errstate(under="ignore"):  # values below ~1e-308 yuan round to 0, harmlessly
        for lo in range(0, wtp.size, step):
            w = wtp[lo : lo + step]
            values = w[:, None, None] * psa.effects[None] - psa.costs[None]
            best = np.argmax(values, axis=2)
            prob[lo : lo + step] = (best[:, :, None] == np.arange(k)).mean(axis=1)
            expected[lo : lo + step] = values.mean(axis=1)
            mean_max[lo : lo + step] = values.max(axis=2).mean(axis=1)
    return prob, expected, mean_max


def ceac(psa: PSASample, wtp: ArrayLike) -> pd.DataFrame:
    """Cost-effectiveness acceptability curves (and frontier) from a PSA sample.

    Parameters
    ----------
    psa : PSASample
        Draws of costs (yuan) and effects.
    wtp : array_like
        Willingness-to-pay grid, yuan per outcome unit.

    Returns
    -------
    pandas.DataFrame
        ``wtp``, ``strategy``, ``probability`` (share of draws in which the strategy has the
        largest NMB; sums to 1 over strategies at each ``wtp``), ``expected_nmb`` (yuan) and
        ``on_frontier`` (True for the strategy with the largest expected NMB: the
        cost-effectiveness acceptability frontier).

    Notes
    -----
    ``P_s(lambda) = (1/D) sum_d 1[s = argmax_j NMB_jd(lambda)]`` (van Hout et al. 1994; Fenwick,
    Claxton & Sculpher 2001; ``dampack::ceac``). Ties go to the first strategy. Vectorised over
    draws, strategies and ``wtp`` in chunks.
    """
    w = finite_array(wtp, "wtp", "ceac").reshape(-1)
    prob, expected, _ = _nmb_stats(psa, w)
    k = len(psa.strategies)
    front = np.argmax(expected, axis=1)
    return pd.DataFrame(
        {
            "wtp": np.repeat(w, k),
            "strategy": np.tile(np.asarray(psa.strategies, dtype=object), w.size),
            "probability": prob.reshape(-1),
            "expected_nmb": expected.reshape(-1),
            "on_frontier": (front[:, None] == np.arange(k)[None, :]).reshape(-1),
        }
    )


def evpi(psa: PSASample, wtp: ArrayLike, population: float = 1.0) -> pd.DataFrame:
    """Expected value of perfect information over a willingness-to-pay range.

    Parameters
    ----------
    psa : PSASample
        Draws of costs (yuan) and effects.
    wtp : array_like
        Willingness-to-pay grid, yuan per outcome unit.
    population : float
        Number of units (or discounted unit-years) the decision affects, > 0; 1 gives EVPI per
        unit.

    Returns
    -------
    pandas.DataFrame
        ``wtp``, ``evpi`` (yuan, >= 0), ``optimal_strategy`` (largest expected NMB) and
        ``expected_nmb_optimal`` (yuan per unit).

    Notes
    -----
    ``EVPI(lambda) = population * (E_theta[max_s NMB_s] - max_s E_theta[NMB_s])``, non-negative by
    Jensen's inequality; rounding below zero is set to 0 (Claxton 1999; Briggs, Claxton & Sculpher
    2006, ch. 6; ``dampack::calc_evpi``).
    """
    if not (np.isfinite(population) and population > 0):
        raise ValueError(f"evpi: population must be > 0, got {population!r}.")
    w = finite_array(wtp, "wtp", "evpi").reshape(-1)
    _, expected, mean_max = _nmb_stats(psa, w)
    best = np.argmax(expected, axis=1)
    best_value = expected[np.arange(w.size), best]
    value = np.maximum(mean_max - best_value, 0.0) * population
    return pd.DataFrame(
        {
            "wtp": w,
            "evpi": value,
            "optimal_strategy": np.asarray(psa.strategies, dtype=object)[best],
            "expected_nmb_optimal": best_value,
        }
    )


TORNADO_COLUMNS = [
    "parameter",
    "low",
    "high",
    "base",
    "outcome_low",
    "outcome_high",
    "outcome_base",
    "swing",
]


def tornado(
    model: Callable[..., float],
    base: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]],
) -> pd.DataFrame:
    """One-way sensitivity analysis: each input at its low and high value, others at base.

    Parameters
    ----------
    model : callable
        ``model(**inputs) -> float``, the outcome (e.g. net saving in yuan or an ICER).
    base : mapping of str to float
        Base-case value of every input.
    ranges : mapping of str to (float, float)
        ``(low, high)`` for the inputs to vary; each name must be in ``base``.

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per input, sorted by ``swing`` (largest first): ``parameter``, ``low``,
        ``high``, ``base`` (input values), ``outcome_low``, ``outcome_high``, ``outcome_base``,
        ``swing = |outcome_high - outcome_low|``.

    Raises
    ------
    ValueError
        Unknown parameter names, or a model value that is not a finite number (names the input).

    Notes
    -----
    Deterministic one-way sensitivity analysis (Briggs, Claxton & Sculpher 2006, ch. 4;
    Drummond et al. 2015, ch. 11), the data behind a tornado diagram.
    """
    unknown = [k for k in ranges if k not in base]
    if unknown:
        raise ValueError(
            f"tornado: {', '.join(map(repr, unknown))} not in the base case "
            f"({', '.join(map(repr, base))})."
        )

    def evaluate(name: str, inputs: Mapping[str, float]) -> float:
        value = model(**inputs)
        try:
            out = float(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"tornado: model returned {value!r} for {name}.") from exc
        if not np.isfinite(out):
            raise ValueError(f"tornado: model is not finite ({out}) for {name}.")
        return out

    y0 = evaluate("the base case", dict(base))
    found = []
    for name, (lo, hi) in ranges.items():
        y_lo = evaluate(f"{name} = {lo}", {**base, name: lo})
        y_hi = evaluate(f"{name} = {hi}", {**base, name: hi})
        found.append([name, lo, hi, base[name], y_lo, y_hi, y0, abs(y_hi - y_lo)])
    out = pd.DataFrame(found, columns=TORNADO_COLUMNS)
    return out.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def _strategy_ranges(names, c, e, sc, se, wtp, level, wtp_range):
    """Base case and one-way ranges of every strategy mean and of the willingness to pay."""
    z = float(stats.norm.ppf(0.5 + level / 2))
    base: dict[str, float] = {"wtp": float(wtp)}
    ranges: dict[str, tuple[float, float]] = {}
    for i, s in enumerate(names):
        base[f"cost: {s}"] = float(c[i])
        base[f"effect: {s}"] = float(e[i])
        ranges[f"cost: {s}"] = (max(0.0, float(c[i] - z * sc[i])), float(c[i] + z * sc[i]))
        ranges[f"effect: {s}"] = (float(e[i] - z * se[i]), float(e[i] + z * se[i]))
    lo, hi = wtp_range if wtp_range is not None else (wtp / 2, 1.5 * wtp)
    ranges["wtp"] = (float(lo), float(hi))
    return base, ranges


def strategy_tornado(
    summary: pd.DataFrame,
    wtp: float,
    *,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
    se_cost: str = "se_cost",
    se_effect: str = "se_effect",
    level: float = 0.95,
    wtp_range: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """One-way sensitivity of the decision between strategies at one willingness to pay.

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per strategy (e.g. :func:`workbench.costeff.strategies.arm_summary`): mean cost
        (yuan), mean effect (outcome units) and their standard errors; at least two strategies.
    wtp : float
        Willingness to pay, yuan per outcome unit, >= 0.
    strategy, cost, effect, se_cost, se_effect : str
        Column names.
    level : float
        Each mean is varied over its normal ``level`` interval, ``mean +/- z se`` (costs
        floored at 0).
    wtp_range : (float, float) or None
        Low and high willingness to pay; default ``(wtp / 2, 3 wtp / 2)``.

    Returns
    -------
    pandas.DataFrame
        The :func:`tornado` table (one row per input: ``cost: <strategy>``,
        ``effect: <strategy>`` and ``wtp``), sorted by swing, plus ``best`` (the strategy with the
        largest NMB in the base case) and ``comparator`` (the runner-up). The outcome is the
        margin ``NMB_best - max_{s != best} NMB_s`` in yuan per unit: positive while ``best``
        stays optimal; a bar that crosses zero means that input alone can change the decision.

    Raises
    ------
    ValueError
        Fewer than two strategies, invalid columns, ``wtp < 0`` or ``level`` outside (0, 1).

    Notes
    -----
    Deterministic one-way sensitivity analysis on the net-benefit margin (Briggs, Claxton &
    Sculpher 2006, ch. 4; Stinnett & Mullahy 1998). The inputs are varied one at a time, so
    correlations between them are ignored; the PSA (:func:`ceac`) varies them jointly.
    """
    where = "strategy_tornado"
    require_frame(summary, where)
    require_columns(summary, [strategy, cost, effect, se_cost, se_effect], where)
    names = [str(s) for s in strategy_names(summary, strategy, where)]
    if len(names) < 2:
        raise ValueError(f"{where}: need at least two strategies, got {len(names)}.")
    if not (np.isfinite(wtp) and wtp >= 0):
        raise ValueError(f"{where}: wtp must be >= 0 yuan per outcome unit, got {wtp!r}.")
    check_level(level, where)
    c = numeric_column(summary, cost, where, what="costs (yuan)", nonnegative=True)
    e = numeric_column(summary, effect, where, what="effects")
    sc = numeric_column(summary, se_cost, where, what="standard errors", nonnegative=True)
    se = numeric_column(summary, se_effect, where, what="standard errors", nonnegative=True)
    base, ranges = _strategy_ranges(names, c, e, sc, se, wtp, level, wtp_range)
    order = np.argsort(-np.asarray(nmb(c, e, float(wtp))), kind="stable")
    best, runner_up = names[int(order[0])], names[int(order[1])]

    def margin(**inputs: float) -> float:
        v = {s: inputs["wtp"] * inputs[f"effect: {s}"] - inputs[f"cost: {s}"] for s in names}
        return v[best] - max(v[s] for s in names if s != best)

    out = tornado(margin, base, ranges)
    out["best"] = best
    out["comparator"] = runner_up
    return out
