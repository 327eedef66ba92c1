"""Strategy comparison: arm means, ICERs with dominance, the cost-effectiveness plane, NMB.

A strategy (arm) is a mix of technology and staff (tech-heavy, staff-centred, blended). Its mean
cost per unit (yuan a year) and mean effect (outcome x ``effect_scale``, e.g. percentage points of
needs met) are compared by incremental cost-effectiveness ratios along the efficient frontier
(:func:`icers`, :func:`ce_plane`) and by net monetary benefit at a willingness to pay
(:func:`nmb`, :func:`nmb_table`, :func:`optimal_strategy`).

References
----------
Drummond MF, Sculpher MJ, Claxton K, Stoddart GL, Torrance GW (2015). *Methods for the Economic
Evaluation of Health Care Programmes*, 4th ed. Oxford University Press.
Briggs A, Claxton K, Sculpher M (2006). *Decision Modelling for Health Economic Evaluation*. Oxford
University Press.
Stinnett AA, Mullahy J (1998). Net health benefits. *Medical Decision Making* 18(2 Suppl): S68-S80.
Alarid-Escudero F, Knowlton G, Enns EA, the DARTH workgroup. ``dampack``: Decision-Analytic
Modeling Package (R), ``calculate_icers``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from workbench.costeff.checks import (
    finite_array,
    numeric_column,
    require_columns,
    require_frame,
    rows,
    scalar_or_array,
    strategy_names,
)

#: Status values of :func:`icers`, in the order a reader meets them.
STATUSES = ("reference", "non-dominated", "dominated", "extendedly dominated")


def with_total_cost(
    df: pd.DataFrame,
    cost_columns: Sequence[str] = ("tech_spend", "staff_cost"),
    name: str = "cost",
) -> pd.DataFrame:
    """Return a copy of ``df`` with ``name`` = the row sum of ``cost_columns`` (yuan).

    Parameters
    ----------
    df : pandas.DataFrame
        Programme frame.
    cost_columns : sequence of str
        Cost columns in yuan, each >= 0.
    name : str
        Name of the new total-cost column.

    Returns
    -------
    pandas.DataFrame
        Copy with the total cost column, ``C_i = sum_k cost_{ik}`` (yuan).

    Notes
    -----
    Total cost is the sum of resource costs from one perspective (Drummond et al. 2015, ch. 7).
    """
    where = "with_total_cost"
    require_frame(df, where)
    require_columns(df, list(cost_columns), where)
    parts = [
        numeric_column(df, c, where, what="costs (yuan)", nonnegative=True) for c in cost_columns
    ]
    out = df.copy()
    out[name] = np.sum(parts, axis=0)
    return out


def arm_summary(
    df: pd.DataFrame,
    strategy: str = "strategy",
    cost_columns: Sequence[str] = ("tech_spend", "staff_cost"),
    outcome: str = "service_precision",
    effect_scale: float = 1.0,
) -> pd.DataFrame:
    """Mean cost and mean effect per strategy, with standard errors, ready for :func:`icers`.

    Parameters
    ----------
    df : pandas.DataFrame
        Programme frame with a strategy column.
    strategy : str
        Strategy (arm) column.
    cost_columns : sequence of str
        Cost columns in yuan, summed per unit.
    outcome : str
        Outcome column.
    effect_scale : float
        Multiplier for the outcome, e.g. 100 to express a share as percentage points.

    Returns
    -------
    pandas.DataFrame
        Columns ``strategy``, ``n``, ``cost`` (mean yuan per unit), ``effect`` (mean outcome x
        ``effect_scale``), ``se_cost``, ``se_effect`` (standard errors of the means,
        ``sd / sqrt(n)``), sorted by strategy name.

    Raises
    ------
    ValueError
        If a strategy has fewer than two units (no standard error), or a column is invalid.

    Notes
    -----
    Arm means and their sampling uncertainty are the inputs of a trial-based economic evaluation
    (Briggs, Claxton & Sculpher 2006, ch. 5; Drummond et al. 2015, ch. 10).
    """
    where = "arm_summary"
    require_frame(df, where)
    require_columns(df, [strategy, outcome, *cost_columns], where)
    if not np.isfinite(effect_scale) or effect_scale <= 0:
        raise ValueError(f"{where}: effect_scale must be a positive number, got {effect_scale!r}.")
    tot = with_total_cost(df, cost_columns, name="__cost__")
    eff = numeric_column(df, outcome, where, what="outcomes") * effect_scale
    names = df[strategy]
    miss = names.isna().to_numpy()
    if miss.any():
        raise ValueError(f"{where}: column {strategy!r} has missing names in {rows(miss, df)}.")
    frame = pd.DataFrame(
        {
            "strategy": names.astype(str).to_numpy(),
            "cost": tot["__cost__"].to_numpy(),
            "effect": eff,
        }
    )
    g = frame.groupby("strategy", sort=True)
    n = g.size()
    small = n[n < 2]
    if len(small):
        raise ValueError(
            f"{where}: strategy {small.index[0]!r} has {int(small.iloc[0])} unit(s); each strategy "
            "needs at least 2 units for a standard error."
        )
    mean = g.mean()
    sd = g.std(ddof=1)
    root_n = np.sqrt(n.to_numpy(dtype=float))
    return pd.DataFrame(
        {
            "strategy": mean.index.to_numpy(),
            "n": n.to_numpy(),
            "cost": mean["cost"].to_numpy(),
            "effect": mean["effect"].to_numpy(),
            "se_cost": sd["cost"].to_numpy() / root_n,
            "se_effect": sd["effect"].to_numpy() / root_n,
        }
    )


def cost_per_outcome(cost: ArrayLike, effect: ArrayLike) -> float | np.ndarray:
    """Average cost-effectiveness ratio, yuan per unit of outcome.

    Parameters
    ----------
    cost : array_like
        Costs, yuan, >= 0.
    effect : array_like
        Effects, outcome units, > 0.

    Returns
    -------
    float or numpy.ndarray
        ``C / E``.

    Raises
    ------
    ValueError
        Zero or negative effects (the ratio needs them to be > 0), negative costs.

    Notes
    -----
    The average ratio ignores the comparator; use :func:`icers` for decisions (Drummond et al.
    2015, ch. 4).
    """
    c = finite_array(cost, "cost", "cost_per_outcome")
    e = finite_array(effect, "effect", "cost_per_outcome")
    if (c < 0).any():
        raise ValueError(f"cost_per_outcome: negative costs at {rows((c < 0).reshape(-1))}.")
    if (e <= 0).any():
        raise ValueError(
            f"cost_per_outcome: zero or negative effects at {rows((e <= 0).reshape(-1))}; a ratio "
            "needs effects > 0."
        )
    return scalar_or_array(np.asarray(c / e))


def _dominance(cs: np.ndarray, es: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Status of each strategy (sorted by cost) and the positions on the efficient frontier."""
    n = cs.size
    status = np.full(n, "non-dominated", dtype=object)
    running = np.maximum.accumulate(es)
    dominated = np.zeros(n, dtype=bool)
    dominated[1:] = es[1:] <= running[:-1]
    status[dominated] = "dominated"
    status[0] = "reference"
    stack: list[int] = [0]
    for j in np.flatnonzero(~dominated)[1:]:
        while len(stack) >= 2:
            a, b = stack[-2], stack[-1]
            # ICER(a->b) > ICER(b->j), cross-multiplied (both effect gaps are > 0)
            if (cs[b] - cs[a]) * (es[j] - es[b]) > (cs[j] - cs[b]) * (es[b] - es[a]):
                status[b] = "extendedly dominated"
                stack.pop()
            else:
                break
        stack.append(int(j))
    return status, stack


def icers(
    df: pd.DataFrame, strategy: str = "strategy", cost: str = "cost", effect: str = "effect"
) -> pd.DataFrame:
    """Incremental cost-effectiveness ratios with strong and extended dominance.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per strategy.
    strategy : str
        Column of unique strategy names.
    cost : str
        Column of (mean) costs per unit, yuan, >= 0.
    effect : str
        Column of (mean) effects per unit, outcome units (any sign).

    Returns
    -------
    pandas.DataFrame
        All input columns, sorted by cost (ties: higher effect first, then input order), index
        reset, plus ``inc_cost`` (yuan), ``inc_effect`` (outcome units), ``icer`` (yuan per outcome
        unit) and ``status`` in {``reference``, ``non-dominated``, ``dominated``,
        ``extendedly dominated``}. ``inc_cost``, ``inc_effect`` and ``icer`` compare each
        non-dominated strategy with the previous one on the frontier; they are ``NaN`` for the
        reference and for dominated and extendedly dominated strategies, where no ICER is defined.

    Raises
    ------
    ValueError
        Missing columns, missing or duplicate strategy names, non-numeric, missing, infinite or
        negative costs, non-numeric or missing effects.

    Notes
    -----
    Algorithm of ``dampack::calculate_icers``: (1) sort by cost; a strategy is strongly dominated
    when another costs no more and is at least as effective (of two identical strategies the
    later one in sort order is marked dominated); (2) among the rest, a strategy is extendedly
    dominated when its ICER exceeds that of the next more effective strategy, i.e. it lies above
    the lower convex hull of the cost-effectiveness plane; removed iteratively (a monotone stack);
    (3) ``ICER_k = (C_k - C_{k-1}) / (E_k - E_{k-1})`` along the frontier. Effects on the frontier
    are strictly increasing, so no ICER divides by zero. Drummond et al. (2015), ch. 4; Briggs,
    Claxton & Sculpher (2006).
    """
    where = "icers"
    require_frame(df, where)
    require_columns(df, [strategy, cost, effect], where)
    strategy_names(df, strategy, where)
    c = numeric_column(df, cost, where, what="costs (yuan)", nonnegative=True)
    e = numeric_column(df, effect, where, what="effects")
    n = c.size
    order = np.lexsort((np.arange(n), -e, c))
    cs, es = c[order], e[order]
    status, stack = _dominance(cs, es)
    inc_c = np.full(n, np.nan)
    inc_e = np.full(n, np.nan)
    ratio = np.full(n, np.nan)
    if len(stack) > 1:
        front = np.asarray(stack)
        dc = np.diff(cs[front])
        de = np.diff(es[front])
        inc_c[front[1:]] = dc
        inc_e[front[1:]] = de
        ratio[front[1:]] = dc / de
    out = df.iloc[order].reset_index(drop=True)
    out["inc_cost"] = inc_c
    out["inc_effect"] = inc_e
    out["icer"] = ratio
    out["status"] = status.astype(str)
    return out


def ce_plane(
    df: pd.DataFrame, strategy: str = "strategy", cost: str = "cost", effect: str = "effect"
) -> pd.DataFrame:
    """Cost-effectiveness plane data: increments over the reference and the efficient frontier.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per strategy (as for :func:`icers`).
    strategy, cost, effect : str
        Column names; cost in yuan, effect in outcome units.

    Returns
    -------
    pandas.DataFrame
        The :func:`icers` table plus ``delta_cost`` (yuan) and ``delta_effect`` (outcome units)
        relative to the reference strategy, ``on_frontier`` (bool) and ``frontier_order`` (1, 2,
        ... along the frontier; 0 off it).

    Notes
    -----
    The frontier joins the reference and the non-dominated strategies in order of cost; dominated
    strategies lie above it (Briggs, Claxton & Sculpher 2006, ch. 9; ``dampack`` plot of
    ``calculate_icers``).
    """
    tab = icers(df, strategy, cost, effect)
    ref = tab.index[tab["status"] == "reference"][0]
    cc = tab[cost].astype(float)
    ee = tab[effect].astype(float)
    tab["delta_cost"] = cc - cc.iloc[ref]
    tab["delta_effect"] = ee - ee.iloc[ref]
    on = tab["status"].isin(["reference", "non-dominated"]).to_numpy()
    tab["on_frontier"] = on
    tab["frontier_order"] = np.where(on, np.cumsum(on), 0)
    return tab


def nmb(cost: ArrayLike, effect: ArrayLike, wtp: ArrayLike) -> float | np.ndarray:
    """Net monetary benefit, ``NMB = wtp * effect - cost``, broadcast over arrays.

    Parameters
    ----------
    cost : array_like
        Cost, yuan.
    effect : array_like
        Effect, outcome units.
    wtp : array_like
        Willingness to pay (ceiling ratio lambda), yuan per outcome unit. Shape it for
        broadcasting, e.g. ``wtp[:, None]`` against strategy vectors.

    Returns
    -------
    float or numpy.ndarray
        NMB in yuan, the broadcast shape of the inputs (a float for scalars).

    Raises
    ------
    ValueError
        Missing or infinite inputs, or shapes that do not broadcast.

    Notes
    -----
    Stinnett & Mullahy (1998); Briggs, Claxton & Sculpher (2006), ch. 8; ``dampack``. The strategy
    with the largest NMB is optimal at that ``wtp``.
    """
    c = finite_array(cost, "cost", "nmb")
    e = finite_array(effect, "effect", "nmb")
    w = finite_array(wtp, "wtp", "nmb")
    try:
        with np.errstate(under="ignore"):  # results below ~1e-308 yuan round to 0, harmlessly
            out = w * e - c
    except ValueError as exc:
        raise ValueError(
            f"nmb: cost {c.shape}, effect {e.shape} and wtp {w.shape} do not broadcast together."
        ) from exc
    return scalar_or_array(np.asarray(out))


def nmb_table(
    df: pd.DataFrame,
    wtp: ArrayLike,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
) -> pd.DataFrame:
    """Tidy NMB of every strategy over a willingness-to-pay range.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per strategy.
    wtp : array_like
        Willingness-to-pay values, yuan per outcome unit.
    strategy, cost, effect : str
        Column names (cost in yuan).

    Returns
    -------
    pandas.DataFrame
        ``wtp``, ``strategy``, ``nmb`` (yuan), ``optimal`` (True for the strategy with the largest
        NMB at that ``wtp``; ties go to the cheaper strategy).

    Notes
    -----
    ``NMB_s(lambda) = lambda E_s - C_s`` (Stinnett & Mullahy 1998; Briggs et al. 2006).
    """
    tab = icers(df, strategy, cost, effect)
    w = finite_array(wtp, "wtp", "nmb_table").reshape(-1)
    values = nmb(
        tab[cost].to_numpy(float)[None, :], tab[effect].to_numpy(float)[None, :], w[:, None]
    )
    values = np.asarray(values).reshape(w.size, len(tab))
    best = np.argmax(values, axis=1)
    k = len(tab)
    return pd.DataFrame(
        {
            "wtp": np.repeat(w, k),
            "strategy": np.tile(tab[strategy].astype(str).to_numpy(), w.size),
            "nmb": values.reshape(-1),
            "optimal": (best[:, None] == np.arange(k)[None, :]).reshape(-1),
        }
    )


def optimal_strategy(
    df: pd.DataFrame,
    wtp: float,
    strategy: str = "strategy",
    cost: str = "cost",
    effect: str = "effect",
) -> str:
    """The strategy with the largest net monetary benefit at one willingness to pay.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per strategy.
    wtp : float
        Willingness to pay, yuan per outcome unit.
    strategy, cost, effect : str
        Column names (cost in yuan).

    Returns
    -------
    str
        Name of the optimal strategy (ties go to the cheaper one). Equivalently, the frontier
        strategy with the largest ICER not above ``wtp`` (Drummond et al. 2015, ch. 4).

    Notes
    -----
    ``argmax_s (wtp E_s - C_s)``; ``dampack``.
    """
    tab = nmb_table(df, [wtp], strategy, cost, effect)
    return str(tab.loc[tab["optimal"], "strategy"].iloc[0])


def wtp_ranges(plane: pd.DataFrame) -> list[tuple[str, float, float | None]]:
    """The willingness-to-pay range over which each frontier strategy is optimal.

    Parameters
    ----------
    plane : pandas.DataFrame
        From :func:`ce_plane`.

    Returns
    -------
    list of (str, float, float or None)
        ``(strategy, low, high)`` along the frontier, yuan per outcome unit: the reference from 0,
        each next strategy from its ICER up to the next one's; ``high`` is None for the last.

    Notes
    -----
    Along the frontier ICERs increase, so the optimal strategy at ``wtp`` is the one with the
    largest ICER not above it (Drummond et al. 2015, ch. 4).
    """
    frontier = plane[plane["on_frontier"]].reset_index(drop=True)
    out = []
    for i, row in frontier.iterrows():
        low = 0.0 if i == 0 else float(row["icer"])
        high = float(frontier["icer"].iloc[i + 1]) if i + 1 < len(frontier) else None
        out.append((str(row["strategy"]), low, high))
    return out
