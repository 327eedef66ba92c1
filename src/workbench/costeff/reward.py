"""The efficiency reward: returning 30%-50% of measured savings, and discounting over years.

The article proposes returning 30%-50% of measured efficiency gains to staff as rewards (易臻真,
澎湃新闻, 2022-04-18, F10, as quoted in the article). :func:`incentive` values the scheme from the
budget's perspective (the reward is a cash outflow) and from society's (the reward is a transfer),
with deadweight and administration, over several years discounted with :func:`discount`.

References
----------
HM Treasury (2022). *The Green Book: Central Government Guidance on Appraisal and Evaluation*,
annex A6 (social time preference rate 3.5% for years 0-30).
Drummond MF et al. (2015). *Methods for the Economic Evaluation of Health Care Programmes*, 4th ed.,
ch. 4 (discounting; perspective).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from workbench.costeff.checks import finite_array, scalar_or_array


def discount_factors(n_periods: int, rate: float, start: int = 1) -> np.ndarray:
    """Discount factors ``1 / (1 + r)^t`` for ``t = start, ..., start + n_periods - 1``.

    Parameters
    ----------
    n_periods : int
        Number of periods (years), >= 0.
    rate : float
        Annual discount rate as a fraction (Green Book: 0.035), > -1.
    start : int
        Year at whose end the first value falls (0 = now, undiscounted).

    Returns
    -------
    numpy.ndarray
        Factors, dimensionless.

    Notes
    -----
    HM Treasury Green Book (2022), annex A6: social time preference rate 3.5% for years 0-30.
    """
    if not (np.isfinite(rate) and rate > -1):
        raise ValueError(f"discount: rate must be a fraction > -1 (e.g. 0.035), got {rate!r}.")
    if int(n_periods) < 0:
        raise ValueError(f"discount: n_periods must be >= 0, got {n_periods!r}.")
    t = int(start) + np.arange(int(n_periods), dtype=float)
    return (1.0 + rate) ** (-t)


def annuity_factor(years: int, rate: float) -> float:
    """Present value of 1 a year at the end of each of ``years`` years: ``sum_t (1 + r)^-t``.

    Parameters
    ----------
    years : int
        Number of years, >= 0.
    rate : float
        Annual discount rate as a fraction, > -1.

    Returns
    -------
    float
        The annuity factor, years (5 years at 3.5% give 4.5151).

    Notes
    -----
    HM Treasury Green Book (2022), annex A6.
    """
    return float(discount_factors(int(years), rate, 1).sum())


def discount(values: ArrayLike, rate: float, start: int = 1) -> float | np.ndarray:
    """Present value of a stream whose first value falls at the end of year ``start``.

    Parameters
    ----------
    values : array_like
        Annual values (e.g. yuan); 1-D, or N-D with years on the last axis.
    rate : float
        Annual discount rate as a fraction (Green Book: 0.035), > -1.
    start : int
        Year of the first value (1 = end of the first year; 0 = today, undiscounted).

    Returns
    -------
    float or numpy.ndarray
        ``PV = sum_t v_t / (1 + r)^(start + t)``, ``t = 0, 1, ...``; a float for a 1-D stream.

    Notes
    -----
    HM Treasury Green Book (2022); Drummond et al. (2015), ch. 4. Example: 100 a year at the end
    of years 1-3 at 3.5% is 280.1637.
    """
    v = finite_array(values, "values", "discount")
    if v.ndim == 0:
        v = v.reshape(1)
    return scalar_or_array(np.asarray(v @ discount_factors(v.shape[-1], rate, start)))


def _check_incentive(baseline_cost, efficiency_gain, lo, hi, admin_cost, deadweight, n, years):
    checks = [
        (np.isfinite(baseline_cost) and baseline_cost > 0, "baseline_cost must be > 0 yuan"),
        (
            np.isfinite(efficiency_gain) and 0 <= efficiency_gain <= 1,
            "efficiency_gain must be a fraction in [0, 1]",
        ),
        (
            np.isfinite(lo) and np.isfinite(hi) and 0 <= lo <= hi <= 1,
            "share must be (low, high) with 0 <= low <= high <= 1",
        ),
        (np.isfinite(admin_cost) and admin_cost >= 0, "admin_cost must be >= 0 yuan"),
        (np.isfinite(deadweight) and 0 <= deadweight < 1, "deadweight must be in [0, 1)"),
        (int(n) >= 1, "n_shares must be >= 1"),
        (int(years) >= 1, "years must be >= 1"),
    ]
    for ok, message in checks:
        if not ok:
            raise ValueError(f"incentive: {message}.")
    if hi + deadweight >= 1:
        raise ValueError(
            f"incentive: reward share {hi} plus deadweight {deadweight} is >= 1, so the budget "
            "pays out at least every yuan it saves and can never break even; lower the share or "
            "the deadweight."
        )


def incentive(
    baseline_cost: float,
    efficiency_gain: float,
    share: tuple[float, float] = (0.3, 0.5),
    *,
    admin_cost: float = 0.0,
    deadweight: float = 0.0,
    n_shares: int = 3,
    years: int = 1,
    rate: float = 0.0,
) -> pd.DataFrame:
    """Budget and societal net savings of returning a share of measured savings as rewards.

    Parameters
    ----------
    baseline_cost : float
        Annual cost of the units covered, yuan, > 0.
    efficiency_gain : float
        Measured saving as a fraction of ``baseline_cost``, in [0, 1].
    share : (float, float)
        Lowest and highest share of measured savings paid as rewards (the article's 30%-50%).
    admin_cost : float
        Annual cost of measuring savings and running the scheme, yuan, >= 0.
    deadweight : float
        Fraction of measured savings that would have happened without the scheme, in [0, 1).
    n_shares : int
        Number of shares evaluated, evenly spaced over ``share`` (1 = the low end only).
    years : int
        Years the scheme runs (>= 1); flows fall at the end of each year.
    rate : float
        Annual discount rate (Green Book: 0.035); 0 gives undiscounted totals.

    Returns
    -------
    pandas.DataFrame
        One row per share: ``share``, ``measured_saving``, ``reward``, ``admin_cost``,
        ``net_saving_budget``, ``net_saving_society`` (yuan, present value over ``years``),
        ``break_even_gain_budget`` and ``break_even_gain_society`` (fractions of baseline cost).

    Raises
    ------
    ValueError
        Out-of-range inputs, or ``share + deadweight >= 1`` (the budget can never break even:
        the scheme is infeasible from the budget's perspective).

    Notes
    -----
    With measured saving ``S = g B``, reward ``R = s S``, deadweight ``d`` and administration
    ``A`` per year:

    - **Budget perspective** (the government funder that pays the rewards):
      ``net_budget = (1 - d) S - s S - A``; the reward is a cash outflow and only the additional
      part of the saving counts. Break-even gain ``g_b* = A / (B (1 - d - s))``.
    - **Societal perspective** (everyone, staff included): the reward is a transfer from the
      budget to staff and nets out, so ``net_society = (1 - d) S - A``; break-even gain
      ``g_s* = A / (B (1 - d))``.

    Flows are discounted with :func:`discount` (HM Treasury Green Book 2022; Drummond et al.
    2015, ch. 4 on perspective). The 30%-50% share is the article's proposal (易臻真, 澎湃新闻,
    2022-04-18).
    """
    lo, hi = (float(share[0]), float(share[1])) if len(share) == 2 else (np.nan, np.nan)
    _check_incentive(
        baseline_cost, efficiency_gain, lo, hi, admin_cost, deadweight, n_shares, years
    )
    shares = np.linspace(lo, hi, int(n_shares)) if int(n_shares) > 1 else np.array([lo])
    annuity = annuity_factor(years, rate)
    saving = efficiency_gain * baseline_cost * annuity
    admin = admin_cost * annuity
    reward = shares * saving
    return pd.DataFrame(
        {
            "share": shares,
            "measured_saving": saving,
            "reward": reward,
            "admin_cost": admin,
            "net_saving_budget": (1 - deadweight) * saving - reward - admin,
            "net_saving_society": (1 - deadweight) * saving - admin,
            "break_even_gain_budget": admin_cost / (baseline_cost * (1 - deadweight - shares)),
            "break_even_gain_society": admin_cost / (baseline_cost * (1 - deadweight)),
        }
    )
