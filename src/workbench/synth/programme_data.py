"""Illustrative synthetic technology programmes: spending and outcomes, article F4/F5."""

from __future__ import annotations

import numpy as np
import pandas as pd

PROGRAMME_STRATEGIES: tuple[str, ...] = ("tech-heavy", "staff-centred", "blended")

#: Article figure F4 (as quoted in the article, not verified): about 30亿元 invested in 572
#: local data-governance platform and system projects in 2020. Their ratio, about 5.24 million
#: yuan per project, is the calibration target of the mean technology spend per unit.
ARTICLE_TECH_TOTAL_YUAN: float = 30 * 1e8
ARTICLE_TECH_PROJECTS: int = 572

# Residents' satisfaction (0-100 score) = intercept + slope * service_precision + N(0, sd^2).
_SATISFACTION = (30.0, 60.0, 5.0)


def programmes(
    n: int = 300,
    seed: int = 20220418,
    *,
    mean_tech_spend: float = ARTICLE_TECH_TOTAL_YUAN / ARTICLE_TECH_PROJECTS,
    sd_log_tech: float = 0.5,
    mean_staff_cost: float = 4.0e6,
    sd_log_staff: float = 0.35,
    tech_mix: tuple[float, float, float] = (1.8, 0.4, 0.8),
    staff_mix: tuple[float, float, float] = (0.6, 1.4, 1.0),
    e0: float = 0.45,
    emax: float = 0.35,
    ec50: float = 4.0e6,
    hill: float = 1.5,
    staff_penalty: float = 0.15,
    staff_reference: float | None = None,
    noise_sd: float = 0.05,
) -> pd.DataFrame:
    """Illustrative synthetic technology programmes: spending, staff cost and service precision.

    One row per unit (a district or street programme). Calibrated to the article's figure F4
    (as quoted in the article, not verified): about 30亿元 over 572 local data-governance
    projects in 2020, so the mean technology spend per unit is 3e9 / 572 = 5.24 million yuan.
    The outcome follows a saturating (Hill) response to technology spending and, as a
    parameter that can be zero, the article's hypothesis that cutting staff time lowers the
    precision of services. Not evidence about real programmes.

    Parameters
    ----------
    n : int
        Number of units (>= 3); strategies are assigned in equal numbers (up to one), shuffled.
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same arguments give the same frame.
    mean_tech_spend : float
        Expected technology spend per unit over all strategies, yuan a year (F4: 3e9 / 572).
    sd_log_tech : float
        Standard deviation of ln(tech_spend) within a strategy (assumption).
    mean_staff_cost : float
        Expected staff cost per unit over all strategies, yuan a year (assumption: about 40 staff
        at 100,000 yuan; no stored source).
    sd_log_staff : float
        Standard deviation of ln(staff_cost) within a strategy (assumption).
    tech_mix, staff_mix : (float, float, float)
        Relative spending levels of (tech-heavy, staff-centred, blended); rescaled to mean 1 so the
        overall means stay at their targets.
    e0 : float
        Service precision with no technology spend and no staff cut (share of needs met, 0-1).
    emax : float
        Maximum gain in service precision from technology (share points).
    ec50 : float
        Technology spend giving half the maximum gain, yuan.
    hill : float
        Hill shape; > 1 gives an S-shaped curve.
    staff_penalty : float
        Loss of service precision per unit of staff cut (share points at a 100% cut); 0 switches
        the article's hypothesis off.
    staff_reference : float or None
        Staff cost below which staff time counts as cut, yuan; default ``mean_staff_cost``.
    noise_sd : float
        Standard deviation of the unit-level noise in service precision.

    Returns
    -------
    pandas.DataFrame
        ``unit_id`` ("PRG-0001", ...), ``strategy``, ``tech_spend`` and ``staff_cost`` (yuan a
        year, rounded to 0.01), ``service_precision`` (0-1, 4 decimals), ``satisfaction``
        (0-100 score, 1 decimal). ``attrs`` holds ``data_kind``, ``seed`` and
        ``true_parameters``.

    Notes
    -----
    Within strategy ``k``: ``tech ~ LogNormal`` with mean ``mean_tech_spend * tech_mix_k`` and
    log-sd ``sd_log_tech``; ``staff`` likewise, independent of tech. Then

    ``cut = max(0, 1 - staff / staff_reference)``,
    ``service_precision = e0 + emax * tech^h / (ec50^h + tech^h) - staff_penalty * cut + e``,
    ``e ~ N(0, noise_sd^2)``, clipped to [0, 1];
    ``satisfaction = 30 + 60 * service_precision + N(0, 5^2)``, clipped to [0, 100].

    References
    ----------
    易臻真 (2022-04-18), 社区治理|城市基层治理如何高质量发展?, 澎湃新闻 (F4, F5 and the
    hypothesis that over-reliance on technology lowers service precision); Goutelle et al. (2008)
    for the Hill (Emax) curve.
    """
    if int(n) != n or n < 3:
        raise ValueError(f"n: expected a whole number >= 3, got {n}")
    positive = {
        "mean_tech_spend": mean_tech_spend,
        "mean_staff_cost": mean_staff_cost,
        "ec50": ec50,
        "hill": hill,
    }
    for name, value in positive.items():
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"{name}: expected a number > 0, got {value}")
    nonnegative = {
        "sd_log_tech": sd_log_tech,
        "sd_log_staff": sd_log_staff,
        "noise_sd": noise_sd,
        "staff_penalty": staff_penalty,
    }
    for name, value in nonnegative.items():
        if not (np.isfinite(value) and value >= 0):
            raise ValueError(f"{name}: expected a number >= 0, got {value}")
    for name, mix in (("tech_mix", tech_mix), ("staff_mix", staff_mix)):
        if len(mix) != 3 or not all(np.isfinite(v) and v > 0 for v in mix):
            raise ValueError(f"{name}: expected three numbers > 0, got {mix}")
    reference = mean_staff_cost if staff_reference is None else float(staff_reference)
    if not (np.isfinite(reference) and reference > 0):
        raise ValueError(f"staff_reference: expected a number > 0 (yuan), got {staff_reference}")
    n = int(n)
    rng = np.random.default_rng(seed)
    arm = rng.permutation(np.resize(np.arange(3), n))
    t_mult = np.asarray(tech_mix, dtype=float) / np.mean(tech_mix)
    s_mult = np.asarray(staff_mix, dtype=float) / np.mean(staff_mix)
    # lognormal with mean m: ln X ~ N(ln m - sd^2 / 2, sd^2)
    tech = (
        mean_tech_spend
        * t_mult[arm]
        * np.exp(sd_log_tech * rng.standard_normal(n) - sd_log_tech**2 / 2)
    )
    staff = (
        mean_staff_cost
        * s_mult[arm]
        * np.exp(sd_log_staff * rng.standard_normal(n) - sd_log_staff**2 / 2)
    )
    tech, staff = np.round(tech, 2), np.round(staff, 2)
    gain = 1.0 / (1.0 + np.exp(hill * (np.log(ec50) - np.log(tech))))
    cut = np.maximum(0.0, 1.0 - staff / reference)
    precision = e0 + emax * gain - staff_penalty * cut + noise_sd * rng.standard_normal(n)
    precision = np.round(np.clip(precision, 0.0, 1.0), 4)
    a, b, sd = _SATISFACTION
    satisfaction = np.round(np.clip(a + b * precision + sd * rng.standard_normal(n), 0, 100), 1)
    out = pd.DataFrame(
        {
            "unit_id": [f"PRG-{i:04d}" for i in range(1, n + 1)],
            "strategy": np.asarray(PROGRAMME_STRATEGIES, dtype=object)[arm],
            "tech_spend": tech,
            "staff_cost": staff,
            "service_precision": precision,
            "satisfaction": satisfaction,
        }
    )
    out.attrs.update(
        {
            "data_kind": "synthetic",
            "unit": "yuan a year (costs); share of residents' needs met (service_precision)",
            "seed": seed,
            "true_parameters": {
                "e0": e0,
                "emax": emax,
                "ec50": ec50,
                "hill": hill,
                "staff_penalty": staff_penalty,
                "staff_reference": reference,
                "noise_sd": noise_sd,
                "mean_tech_spend": mean_tech_spend,
                "mean_staff_cost": mean_staff_cost,
            },
        }
    )
    return out
