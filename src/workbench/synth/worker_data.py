"""Illustrative synthetic residents'-committee staff: turnover, calibrated to article F9."""

from __future__ import annotations

import numpy as np
import pandas as pd

WORKERS_DISTRICTS: tuple[str, ...] = (
    "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区",
    "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区",
)  # fmt: skip
#: The seven central-city districts, given a pay premium in the generator (illustrative).
_WORKERS_CORE = frozenset(WORKERS_DISTRICTS[:7])

#: TRUE logit coefficients of ``workers()`` per natural unit of each driver (the intercept is
#: solved so that the mean true probability equals ``target_rate``). ``cert_x_young`` is the
#: product ``has_sw_certificate * (age < young_age)``; ``contract_type[...]`` are contrasts with
#: ``fixed_term``. ``resident_recognition`` is a deliberate TRUE NULL (0), so analyses can show
#: that a hypothesis from the article can fail. These are choices for testing the methods, not
#: estimates about real workers.
WORKERS_TRUE_LOGIT: dict[str, float] = {
    "age": -0.015,  # per year of age
    "monthly_pay": -0.0006,  # per yuan/month (-0.6 per 1,000 yuan)
    "weekly_hours": 0.1,  # per hour/week
    "duty_overlap": 0.5,  # per unit of the 0-1 index
    "has_sw_certificate": 0.2,  # certificate holders aged >= young_age
    "cert_x_young": 0.6,  # extra for certificate holders aged < young_age
    "professional_identity": -0.25,  # per point on the 1-5 scale
    "resident_recognition": 0.0,  # true null
    "contract_type[T.open_ended]": -0.5,
    "contract_type[T.agency]": 0.4,
}


def _workers_expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _workers_intercept(eta: np.ndarray, target: float) -> float:
    """Solve mean(expit(b0 + eta)) = target for b0 by bisection (monotone in b0)."""
    lo, hi = -30.0, 30.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if _workers_expit(mid + eta).mean() < target:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def workers(
    n: int = 3000,
    seed: int = 20220418,
    *,
    target_rate: float = 0.30,
    young_age: int = 35,
    district_sd: float = 0.2,
    coefficients: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Illustrative synthetic residents'-committee workers, one row per worker.

    A stock of workers employed at the start of one observation year, each followed for that
    year. Whether a worker leaves during the year is drawn from a TRUE logistic model

    ``logit P(left=1) = b0 + sum_k beta_k x_k + u_district``

    with ``beta`` from :data:`WORKERS_TRUE_LOGIT` (or ``coefficients``), district random
    intercepts ``u ~ N(0, district_sd**2)`` and ``b0`` solved so that the mean true probability
    equals ``target_rate`` (the article's "over 30% a year", F9, as quoted in the article). The
    young-certificate interaction makes turnover higher among certificate holders aged under
    ``young_age``. Within the year a leaver exits at a time drawn from a constant hazard
    ``h = -log(1 - p)`` (so ``P(exit within 1 year) = p``); stayers are censored at year end.

    Parameters
    ----------
    n : int
        Number of workers (rows).
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same arguments give the same frame.
    target_rate : float
        Mean true probability of leaving within the year (fraction, 0-1).
    young_age : int
        Age (years) below which a certificate holder counts as young.
    district_sd : float
        Standard deviation of the district random intercepts (logit scale).
    coefficients : dict of str to float, optional
        Overrides for :data:`WORKERS_TRUE_LOGIT` (same keys and units).

    Returns
    -------
    pandas.DataFrame
        Columns ``worker_id``, ``left`` (0/1), ``tenure_years`` (years of service at exit or
        at year end, > 0), ``tenure_start_years`` (years of service at the start of the year:
        the delayed-entry time for survival analysis), ``age`` (years), ``monthly_pay``
        (yuan/month), ``weekly_hours`` (hours/week), ``duty_overlap`` (0-1 index),
        ``has_sw_certificate`` (0/1), ``professional_identity`` (1-5), ``resident_recognition``
        (1-5), ``contract_type`` and ``district``. ``attrs`` holds ``data_kind`` ("synthetic"),
        the true coefficients, the solved intercept, the district effects and the mean true
        probability.

    Notes
    -----
    Pay, hours, identity and the other drivers are plausible but NOT calibrated to any
    source; only the overall rate (about 30%) and its direction among young certificate
    holders follow the article. Illustrative synthetic data: never evidence about real workers.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if not 0.0 < target_rate < 1.0:
        raise ValueError(f"target_rate must be between 0 and 1, got {target_rate}")
    beta = dict(WORKERS_TRUE_LOGIT)
    if coefficients:
        unknown = set(coefficients) - set(beta)
        if unknown:
            raise ValueError(f"unknown coefficient(s): {sorted(unknown)}")
        beta.update(coefficients)
    rng = np.random.default_rng(seed)

    district = rng.choice(np.array(WORKERS_DISTRICTS), size=n)
    core = np.isin(district, list(_WORKERS_CORE))
    age = np.round(22.0 + 38.0 * rng.beta(1.6, 2.4, size=n)).astype(int)
    cert_p = _workers_expit(0.2 - 0.06 * (age - 35.0))
    cert = (rng.random(n) < cert_p).astype(int)
    max_tenure = np.maximum(age - 22.0, 0.0)
    tenure_start = np.minimum(rng.exponential(1.0 + 0.25 * max_tenure), max_tenure)
    tenure_start = np.round(tenure_start, 2)
    p_open = np.clip(0.05 + 0.05 * tenure_start, 0.0, 0.75)
    u = rng.random(n)
    contract = np.where(
        u < p_open, "open_ended", np.where(u < p_open + 0.15, "agency", "fixed_term")
    )
    overlap = np.round(rng.beta(2.0, 3.0, size=n), 3)
    hours = np.round(2.0 * (38.0 + 10.0 * overlap + rng.gamma(2.0, 2.5, size=n))) / 2.0
    pay = (
        5200.0
        + 40.0 * (age - 22.0)
        + 60.0 * tenure_start
        + 700.0 * cert
        + 500.0 * core
        - 500.0 * (contract == "agency")
        + 300.0 * (contract == "open_ended")
        + rng.normal(0.0, 800.0, size=n)
    )
    pay = np.round(np.maximum(pay, 2590.0), -1)
    identity = 3.1 + 0.35 * cert - 1.2 * (overlap - 0.4) + rng.normal(0.0, 0.8, size=n)
    identity = np.round(np.clip(identity, 1.0, 5.0), 1)
    recognition = 3.4 + 0.3 * (identity - 3.1) + rng.normal(0.0, 0.7, size=n)
    recognition = np.round(np.clip(recognition, 1.0, 5.0), 1)
    u_district = dict(
        zip(WORKERS_DISTRICTS, rng.normal(0.0, district_sd, len(WORKERS_DISTRICTS)), strict=True)
    )

    young_cert = cert * (age < young_age)
    eta = (
        beta["age"] * age
        + beta["monthly_pay"] * pay
        + beta["weekly_hours"] * hours
        + beta["duty_overlap"] * overlap
        + beta["has_sw_certificate"] * cert
        + beta["cert_x_young"] * young_cert
        + beta["professional_identity"] * identity
        + beta["resident_recognition"] * recognition
        + beta["contract_type[T.open_ended]"] * (contract == "open_ended")
        + beta["contract_type[T.agency]"] * (contract == "agency")
        + np.array([u_district[d] for d in district])
    )
    b0 = _workers_intercept(eta, target_rate)
    p = _workers_expit(b0 + eta)
    left = (rng.random(n) < p).astype(int)
    hazard = -np.log1p(-p)
    t_exit = -np.log1p(-rng.random(n) * p) / hazard
    in_year = np.where(left == 1, np.maximum(np.round(t_exit, 2), 0.01), 1.0)
    tenure = np.round(tenure_start + in_year, 2)

    df = pd.DataFrame(
        {
            "worker_id": [f"W{i:05d}" for i in range(1, n + 1)],
            "left": left,
            "tenure_years": tenure,
            "tenure_start_years": tenure_start,
            "age": age,
            "monthly_pay": pay,
            "weekly_hours": hours,
            "duty_overlap": overlap,
            "has_sw_certificate": cert,
            "professional_identity": identity,
            "resident_recognition": recognition,
            "contract_type": contract,
            "district": district,
        }
    )
    df.attrs = {
        "data_kind": "synthetic",
        "true_logit": beta,
        "true_intercept": float(b0),
        "district_effects": {k: float(v) for k, v in u_district.items()},
        "young_age": young_age,
        "target_rate": target_rate,
        "mean_true_probability": float(p.mean()),
    }
    return df


def workers_calibration(df: pd.DataFrame | None = None, young_age: int = 35) -> pd.DataFrame:
    """Targets of :func:`workers` against the values achieved in a generated frame.

    Parameters
    ----------
    df : pandas.DataFrame, optional
        Output of :func:`workers`; generated with the default arguments when None.
    young_age : int
        Age (years) below which a certificate holder counts as young.

    Returns
    -------
    pandas.DataFrame
        ``target``, ``value`` (computed from ``df``) and ``benchmark`` (the article's figure or
        the direction it states): the overall annual turnover rate (leavers / workers, F9 "over
        30%", as quoted in the article), the rate among young certificate holders and among all
        other workers (F9: higher among young staff after the certificate), and the mean true
        probability when ``df.attrs`` carries it.
    """
    if df is None:
        df = workers()
    young_cert = (df["age"] < young_age) & (df["has_sw_certificate"] == 1)
    rows = [
        ("annual turnover rate, all workers", float(df["left"].mean()), "about 0.30 (F9)"),
        (
            f"annual turnover rate, certificate holders under {young_age}",
            float(df.loc[young_cert, "left"].mean()),
            "higher than the rest (F9)",
        ),
        (
            "annual turnover rate, everyone else",
            float(df.loc[~young_cert, "left"].mean()),
            "lower than young certificate holders",
        ),
    ]
    if "mean_true_probability" in df.attrs:
        target = f"{df.attrs.get('target_rate', 0.30):.2f} (target_rate)"
        rows.append(("mean true probability of leaving", df.attrs["mean_true_probability"], target))
    return pd.DataFrame(rows, columns=["target", "value", "benchmark"])


# --- programmes (technology cost-effectiveness) ---

#: Strategies (arms) of :func:`programmes`.
