"""The article's proposal (F10) to return 30-50% of efficiency gains to staff, as a scenario."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.turnover import schema
from workbench.turnover.design import as_numeric
from workbench.turnover.logit import LogitModel
from workbench.turnover.scenarios import (
    ASSUMPTION,
    check_costs,
    lever_scenario,
    scenario_model,
    scenario_table,
)

DEFINITION = (
    "reward pool = share x efficiency gain, paid as an equal-percentage pay top-up; "
    "turnover effect from the logit; retained = (1 - share) x gain"
)


@dataclass(frozen=True)
class Rewards:
    """The reward scenario per share (see :func:`reward_scenario`).

    Attributes
    ----------
    table : pandas.DataFrame
        One row per share: ``reward_share``, ``efficiency_gain_yuan``, ``reward_pool_yuan``,
        ``equivalent_pay_rise_pct``, ``rate`` (with ``rate_ci_low``/``high``),
        ``rate_change``, ``exits_averted`` (with interval), ``replacement_saving_yuan``,
        ``retained_gain_yuan``, ``organisation_total_yuan``, ``reward_net_yuan``.
    baseline_rate : float
        Predicted turnover without rewards (fraction a year).
    annual_payroll_yuan, efficiency_gain_yuan : float
    n_workers, n_draws, seed : int
    alpha, replacement_cost_yuan, employer_oncost_rate : float
    warnings : tuple of str
        The logit's warnings.
    definition, assumption : str
        What is computed and what it assumes, in words.
    """

    table: pd.DataFrame
    baseline_rate: float
    annual_payroll_yuan: float
    efficiency_gain_yuan: float
    n_workers: int
    n_draws: int
    seed: int
    alpha: float
    replacement_cost_yuan: float
    employer_oncost_rate: float
    warnings: tuple[str, ...]
    definition: str = DEFINITION
    assumption: str = ASSUMPTION


def efficiency_gain(payroll: float, pct_of_payroll: float, gain_yuan: float | None) -> float:
    """The gain in yuan a year: ``gain_yuan``, else ``pct_of_payroll`` percent of the payroll."""
    if gain_yuan is None:
        if pct_of_payroll < 0:
            raise ValueError(f"efficiency_gain_pct_of_payroll must be >= 0, got {pct_of_payroll}")
        return payroll * pct_of_payroll / 100.0
    if gain_yuan < 0:
        raise ValueError(f"efficiency_gain_yuan must be >= 0, got {gain_yuan}")
    return float(gain_yuan)


def _reward_rows(cf: pd.DataFrame, shares: Sequence[float], gain: float, rises) -> list[dict]:
    rows = []
    for i, s in enumerate(shares):
        r = cf.iloc[i + 1]
        pool = float(s) * gain
        saving = float(r["replacement_saving_yuan"])
        rows.append(
            {
                "reward_share": float(s),
                "efficiency_gain_yuan": gain,
                "reward_pool_yuan": pool,
                "equivalent_pay_rise_pct": rises[i],
                "rate": r["rate"],
                "rate_ci_low": r["rate_ci_low"],
                "rate_ci_high": r["rate_ci_high"],
                "rate_change": r["rate_change"],
                "exits_averted": r["exits_averted"],
                "exits_averted_ci_low": r["exits_averted_ci_low"],
                "exits_averted_ci_high": r["exits_averted_ci_high"],
                "replacement_saving_yuan": saving,
                "retained_gain_yuan": (1.0 - float(s)) * gain,
                "organisation_total_yuan": (1.0 - float(s)) * gain + saving,
                "reward_net_yuan": saving - pool,
            }
        )
    return rows


def reward_scenario(
    df: pd.DataFrame,
    outcome: str = "left",
    drivers: Sequence[str] = schema.DRIVERS,
    categorical: Sequence[str] = (),
    *,
    reward_shares: Sequence[float] = (0.3, 0.5),
    efficiency_gain_pct_of_payroll: float = 5.0,
    efficiency_gain_yuan: float | None = None,
    replacement_cost_yuan: float = schema.REPLACEMENT_COST_YUAN,
    employer_oncost_rate: float = 0.0,
    n_draws: int = 1000,
    alpha: float = 0.05,
    seed: int = schema.SEED,
    cluster: str | None = None,
    pay_column: str = "monthly_pay",
    source_label: str = "the workers data",
) -> Rewards:
    """The article's proposal to return 30-50% of efficiency gains to staff, as a scenario.

    What is computed (F10, as quoted in the article). The efficiency gain ``G`` (yuan/year)
    cannot be measured from turnover data, so it is an input: ``efficiency_gain_yuan``, or
    ``efficiency_gain_pct_of_payroll`` percent of the annual payroll ``W = sum_i 12 pay_i``.
    For each share ``s``: the reward pool ``R = s G`` is paid as a pay top-up in proportion to
    pay (the data cannot identify "high performers", so every worker gets the same percentage;
    targeted rewards would reach fewer workers with larger sums). Including on-costs the
    equivalent pay rise is ``100 R / (W (1 + employer_oncost_rate))`` percent; its effect on
    turnover comes from the logit as in
    :func:`~workbench.turnover.scenarios.counterfactual_turnover`. Reported: ``exits_averted``,
    ``replacement_saving_yuan`` (exits averted times the replacement cost),
    ``retained_gain_yuan = (1 - s) G`` (what the organisation keeps of the gain),
    ``organisation_total_yuan = retained + replacement saving``, and
    ``reward_net_yuan = replacement saving - R`` (> 0 means the reward pays for itself through
    lower turnover alone).

    Parameters
    ----------
    df, outcome, drivers, categorical, cluster, source_label
        As in :func:`~workbench.turnover.logit.fit_logit`.
    reward_shares : sequence of float
        Shares of the gain returned to staff (fractions; the article says 0.3-0.5).
    efficiency_gain_pct_of_payroll : float
        Gain as percent of the annual payroll (used when ``efficiency_gain_yuan`` is None).
    efficiency_gain_yuan : float, optional
        Gain in yuan per year (overrides the percentage).
    replacement_cost_yuan, employer_oncost_rate, n_draws, alpha, seed, pay_column
        As in :func:`~workbench.turnover.scenarios.counterfactual_turnover`.

    Returns
    -------
    Rewards

    Raises
    ------
    ValueError
        A share outside [0, 1], a negative gain, a bad cost input.
    DataError
        Bad data, no pay column, or separation.

    References
    ----------
    King, G., Tomz, M. & Wittenberg, J. (2000). AJPS 44(2), 347-361.
    """
    _check_inputs(reward_shares, replacement_cost_yuan, employer_oncost_rate, n_draws)
    schema.require_columns(df, [pay_column], source_label)
    model = scenario_model(df, outcome, drivers, categorical, cluster, alpha, source_label)
    return simulate_rewards(
        df,
        model,
        reward_shares=reward_shares,
        efficiency_gain_pct_of_payroll=efficiency_gain_pct_of_payroll,
        efficiency_gain_yuan=efficiency_gain_yuan,
        replacement_cost_yuan=replacement_cost_yuan,
        employer_oncost_rate=employer_oncost_rate,
        n_draws=n_draws,
        alpha=alpha,
        seed=seed,
        pay_column=pay_column,
    )


def _check_inputs(shares: Sequence[float], replacement_cost: float, oncost: float, draws: int):
    check_costs(replacement_cost, oncost, draws)
    for s in shares:
        if not 0.0 <= float(s) <= 1.0:
            raise ValueError(f"reward_shares must be fractions between 0 and 1, got {s}")


def simulate_rewards(
    df: pd.DataFrame,
    model: LogitModel,
    *,
    reward_shares: Sequence[float],
    efficiency_gain_pct_of_payroll: float,
    efficiency_gain_yuan: float | None = None,
    replacement_cost_yuan: float,
    employer_oncost_rate: float,
    n_draws: int,
    alpha: float,
    seed: int,
    pay_column: str = "monthly_pay",
) -> Rewards:
    """:func:`reward_scenario` from a logit already fitted to ``df`` (no separation)."""
    _check_inputs(reward_shares, replacement_cost_yuan, employer_oncost_rate, n_draws)
    df = df.reset_index(drop=True)
    payroll = float(np.sum(12.0 * as_numeric(df[pay_column])))
    gain = efficiency_gain(payroll, efficiency_gain_pct_of_payroll, efficiency_gain_yuan)
    rises = [
        100.0 * float(s) * gain / (payroll * (1.0 + employer_oncost_rate)) for s in reward_shares
    ]
    scenarios = []
    for s, rise in zip(reward_shares, rises, strict=True):
        sc = lever_scenario(
            df,
            model,
            (rise, 0.0, 0.0),
            employer_oncost_rate=employer_oncost_rate,
            overlap_cost_yuan_per_worker=0.0,
            columns=(pay_column, "", ""),
        )
        sc["scenario"] = f"reward share {float(s):g}"
        scenarios.append(sc)
    cf = scenario_table(
        model,
        scenarios,
        replacement_cost_yuan=replacement_cost_yuan,
        n_draws=n_draws,
        alpha=alpha,
        seed=seed,
    )
    return Rewards(
        table=pd.DataFrame(_reward_rows(cf, reward_shares, gain, rises)),
        baseline_rate=float(cf.iloc[0]["rate"]),
        annual_payroll_yuan=payroll,
        efficiency_gain_yuan=gain,
        n_workers=len(df),
        n_draws=n_draws,
        seed=seed,
        alpha=alpha,
        replacement_cost_yuan=replacement_cost_yuan,
        employer_oncost_rate=employer_oncost_rate,
        warnings=model.fit.warnings,
    )
