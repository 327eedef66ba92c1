"""Seeded generators of the labelled synthetic datasets.

Every dataset made here is *Illustrative synthetic data*: calibrated to the figures quoted in the
source article (see data/synthetic/README.md for the targets), never evidence in itself. Each
generator takes ``n`` and ``seed`` and returns the same frame for the same arguments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# --- organisations (funding distribution) ---

#: Funding-source columns of :func:`organisations` (amounts in 万元 = 10,000 yuan a year).
ORGANISATION_SOURCES: tuple[str, ...] = (
    "government_purchase",
    "foundation_grants",
    "donations",
    "service_fees",
    "other",
)

#: The 16 districts (区) of each city; ``group`` labels are "城市·区", e.g. "北京·朝阳区".
ORGANISATION_DISTRICTS: dict[str, tuple[str, ...]] = {
    "北京": (
        "东城区",
        "西城区",
        "朝阳区",
        "海淀区",
        "丰台区",
        "石景山区",
        "门头沟区",
        "房山区",
        "通州区",
        "顺义区",
        "昌平区",
        "大兴区",
        "怀柔区",
        "平谷区",
        "密云区",
        "延庆区",
    ),
    "上海": (
        "黄浦区",
        "徐汇区",
        "长宁区",
        "静安区",
        "普陀区",
        "虹口区",
        "杨浦区",
        "闵行区",
        "宝山区",
        "嘉定区",
        "浦东新区",
        "金山区",
        "松江区",
        "青浦区",
        "奉贤区",
        "崇明区",
    ),
}

_DISTRICTS_EN: dict[str, tuple[str, ...]] = {
    "Beijing": (
        "Dongcheng",
        "Xicheng",
        "Chaoyang",
        "Haidian",
        "Fengtai",
        "Shijingshan",
        "Mentougou",
        "Fangshan",
        "Tongzhou",
        "Shunyi",
        "Changping",
        "Daxing",
        "Huairou",
        "Pinggu",
        "Miyun",
        "Yanqing",
    ),
    "Shanghai": (
        "Huangpu",
        "Xuhui",
        "Changning",
        "Jing'an",
        "Putuo",
        "Hongkou",
        "Yangpu",
        "Minhang",
        "Baoshan",
        "Jiading",
        "Pudong",
        "Jinshan",
        "Songjiang",
        "Qingpu",
        "Fengxian",
        "Chongming",
    ),
}

#: English labels for ``city`` and ``group`` values (for ``language: en`` figures).
ORGANISATION_LABELS_EN: dict[str, str] = {"北京": "Beijing", "上海": "Shanghai"} | {
    f"{city_zh}·{zh}": f"{city_en} · {en}"
    for (city_zh, zh_list), (city_en, en_list) in zip(
        ORGANISATION_DISTRICTS.items(), _DISTRICTS_EN.items(), strict=True
    )
    for zh, en in zip(zh_list, en_list, strict=True)
}

# Dirichlet concentration of each source's share when it is NOT the primary source; the primary
# source gets ``primary_concentration`` (government) or ``_OTHER_PRIMARY_ALPHA`` (others).
_MIX_ALPHA = np.array([3.0, 0.4, 0.5, 0.8, 0.4])
_OTHER_PRIMARY_ALPHA = 8.0
# How the market-primary quota splits between foundations, donations and service fees.
_MARKET_SPLIT = np.array([0.3, 0.3, 0.4])


def _largest_remainder(p: np.ndarray, n: int) -> np.ndarray:
    """Whole counts summing to ``n`` closest to ``n * p`` (Hamilton / largest remainder)."""
    exact = p * n
    counts = np.floor(exact).astype(int)
    short = n - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:short]] += 1
    return counts


def organisations(
    n: int = 2000,
    seed: int = 20220418,
    *,
    share_primary_government: float = 0.95,
    share_primary_market: float = 0.025,
    median_total: float = 50.0,
    sd_log_total: float = 1.6,
    sd_log_district: float = 0.3,
    primary_concentration: float = 12.0,
) -> pd.DataFrame:
    """Illustrative synthetic funding data for community social organisations in Beijing/Shanghai.

    Calibrated to the article's figure F6 (Beijing blue book 2020-2021, as quoted in the
    article): about 95% of organisations have government purchase as their primary funding
    source, fewer than 3% foundations, individual donations or service fees; funding scale
    differs hugely while the mix converges. Not evidence about real organisations.

    Parameters
    ----------
    n : int
        Number of organisations.
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same arguments give the same frame.
    share_primary_government : float
        Fraction of organisations whose largest source is government purchase (F6: ~0.95).
    share_primary_market : float
        Fraction whose largest source is a market source (F6: < 0.03), split 30/30/40 between
        foundation grants, donations and service fees. The remainder is primarily ``other``.
    median_total : float
        Median annual total funding, 万元 (assumption).
    sd_log_total : float
        Standard deviation of ln(total funding) (assumption; 1.6 puts the 1st and 99th
        percentiles about 3.2 orders of magnitude apart).
    sd_log_district : float
        Standard deviation of the district effects on ln(total), part of ``sd_log_total``.
    primary_concentration : float
        Dirichlet concentration of the government share for government-primary organisations;
        higher = more similar mixes ("sources converge").

    Returns
    -------
    pandas.DataFrame
        One row per organisation: ``org_id`` ("SYN-00001", ...), ``city`` (北京/上海),
        ``group`` ("北京·朝阳区" style; English in :data:`ORGANISATION_LABELS_EN`) and the
        :data:`ORGANISATION_SOURCES` amounts in 万元, rounded to 0.01 万元 (100 yuan). The primary
        source is the strict maximum of each row, so the primary-source quotas hold exactly.

    Notes
    -----
    Primary sources are allocated by quota (largest-remainder rounding of ``n * share``) and
    shuffled; scale is lognormal, :math:`\\ln T = \\ln(\\text{median}) + u_d + e`, with district
    effects :math:`u_d \\sim N(0, \\sigma_d^2)` and :math:`e \\sim N(0, \\sigma^2 - \\sigma_d^2)`,
    independent of the mix; the mix is Dirichlet with the primary source's share swapped into
    the largest position. Organisations are assigned uniformly to the 32 districts.

    References
    ----------
    易臻真 (2022-04-18), 社区治理|城市基层治理如何高质量发展?, 澎湃新闻 (F6, quoting 《北京蓝皮书:
    北京社会治理发展报告(2020-2021)》); Tuckman & Chang (1991) for the revenue-mix framing.
    """
    from workbench.errors import InputError

    if int(n) != n or n < 1:
        raise InputError(f"n: expected a whole number >= 1, got {n}")
    p_gov, p_mkt = float(share_primary_government), float(share_primary_market)
    if not (0 <= p_gov <= 1 and 0 <= p_mkt <= 1 and p_gov + p_mkt <= 1):
        raise InputError(
            "share_primary_government and share_primary_market: expected fractions in [0, 1] "
            f"summing to at most 1, got {p_gov} and {p_mkt}"
        )
    if median_total <= 0:
        raise InputError(f"median_total: expected an amount > 0 (万元), got {median_total}")
    if not 0 <= sd_log_district <= sd_log_total:
        raise InputError(
            f"sd_log_district: expected 0 <= sd_log_district <= sd_log_total ({sd_log_total}), "
            f"got {sd_log_district}"
        )
    if primary_concentration <= 0:
        raise InputError(f"primary_concentration: expected > 0, got {primary_concentration}")
    n = int(n)
    rng = np.random.default_rng(seed)
    rows = np.arange(n)

    # primary source by exact quota, in random order
    p = np.concatenate([[p_gov], p_mkt * _MARKET_SPLIT, [1.0 - p_gov - p_mkt]])
    primary = rng.permutation(np.repeat(np.arange(p.size), _largest_remainder(p, n)))

    # groups and lognormal scale with district effects
    labels = [f"{c}·{d}" for c, ds in ORGANISATION_DISTRICTS.items() for d in ds]
    group = rng.integers(0, len(labels), size=n)
    district_effect = rng.normal(0.0, sd_log_district, size=len(labels))
    sd_within = np.sqrt(sd_log_total**2 - sd_log_district**2)
    log_total = np.log(median_total) + district_effect[group] + sd_within * rng.standard_normal(n)
    total = np.exp(log_total)

    # funding mix: Dirichlet, with the primary source's share moved into the largest position
    alpha = np.tile(_MIX_ALPHA, (n, 1))
    alpha[rows, primary] = np.where(primary == 0, primary_concentration, _OTHER_PRIMARY_ALPHA)
    draws = rng.gamma(alpha)
    shares = draws / draws.sum(axis=1, keepdims=True)
    top = shares.argmax(axis=1)
    top_value, primary_value = shares[rows, top], shares[rows, primary]
    shares[rows, top] = primary_value
    shares[rows, primary] = top_value
    amounts = np.round(total[:, None] * shares, 2)
    # keep the primary source the strict maximum after rounding to 0.01 万元
    others = amounts.copy()
    others[rows, primary] = -np.inf
    max_other = others.max(axis=1)
    fix = amounts[rows, primary] <= max_other
    amounts[rows[fix], primary[fix]] = np.round(max_other[fix] + 0.01, 2)

    out = pd.DataFrame(
        {
            "org_id": [f"SYN-{i:05d}" for i in range(1, n + 1)],
            "city": np.array([lab.split("·")[0] for lab in labels], dtype=object)[group],
            "group": np.array(labels, dtype=object)[group],
        }
    )
    for j, source in enumerate(ORGANISATION_SOURCES):
        out[source] = amounts[:, j]
    out.attrs.update(
        {"data_kind": "synthetic", "unit": "万元 (10,000 yuan) per year", "seed": seed}
    )
    return out


def organisations_calibration(
    df: pd.DataFrame | None = None, **generator_args: float
) -> pd.DataFrame:
    """Calibration targets of :func:`organisations` next to the values a frame achieves.

    Parameters
    ----------
    df : pandas.DataFrame, optional
        A frame from :func:`organisations`; default: generated with ``generator_args``.
    **generator_args
        Arguments of :func:`organisations`; the targets follow them (defaults otherwise).

    Returns
    -------
    pandas.DataFrame
        One row per quantity: ``quantity``, ``target``, ``tolerance`` (absolute), ``achieved``,
        ``ok`` (``|achieved - target| <= tolerance``; missing for reported-only rows),
        ``unit`` and ``basis`` (the article's figure or "assumption"). Computed with
        :mod:`workbench.funding`.

    References
    ----------
    Article figure F6 (see :func:`organisations`).
    """
    import inspect
    from statistics import NormalDist

    from workbench import funding

    defaults = {
        k: v.default
        for k, v in inspect.signature(organisations).parameters.items()
        if v.default is not inspect.Parameter.empty
    }
    args = defaults | generator_args
    if df is None:
        df = organisations(**args)
    sources = list(ORGANISATION_SOURCES)
    conc = funding.concentration(df, sources)
    total = conc["total"].to_numpy()
    gov_primary = conc["primary_category"].to_numpy() == "government"
    log10_total = np.log10(total)
    p01, p99 = np.quantile(log10_total, [0.01, 0.99])
    th = funding.theil(total, df["group"].to_numpy())
    mix = funding.scale_vs_mix(df, sources).set_index(["dimension", "metric"])["value"]
    sd10 = args["sd_log_total"] / np.log(10.0)
    z99 = NormalDist().inv_cdf(0.99)  # lognormal: log10 P99 - log10 P1 = 2 * z99 * sd_log10
    alpha_gov = args["primary_concentration"]  # Dirichlet mean before the swap
    mean_gov_share = alpha_gov / (alpha_gov + _MIX_ALPHA[1:].sum())
    rows = [
        (
            "share_primary_government",
            args["share_primary_government"],
            0.01,
            float(np.mean(conc["primary_category"] == "government")),
            "fraction of organisations",
            "F6: 近95% primarily government purchase (as quoted in the article)",
        ),
        (
            "share_primary_market",
            args["share_primary_market"],
            0.005,
            float(np.mean(conc["primary_category"] == "market")),
            "fraction of organisations",
            "F6: 不到3% primarily foundations, donations or fees (target 2.5%, must stay < 3%)",
        ),
        (
            "median_total",
            args["median_total"],
            0.2 * args["median_total"],
            float(np.median(total)),
            "万元 per year",
            "assumption (no public microdata)",
        ),
        (
            "sd_log10_total",
            sd10,
            0.05,
            float(log10_total.std(ddof=1)),
            "orders of magnitude",
            "F6: funding scale differs hugely (资金规模差距悬殊); assumption for the size",
        ),
        (
            "log10_p99_over_p1",
            2 * z99 * sd10,
            0.3,
            float(p99 - p01),
            "orders of magnitude",
            "F6: scale spread over several orders of magnitude",
        ),
        (
            "mean_government_share_gov_primary",
            mean_gov_share,
            0.03,
            float(conc["government_share"].to_numpy()[gov_primary].mean()),
            "fraction",
            "F6: sources converge (来源高度趋同); assumption for the size",
        ),
        (
            "share_primary_other",
            np.nan,
            np.nan,
            float(np.mean(conc["primary_category"] == "other")),
            "fraction of organisations",
            "reported: the remainder (other income, e.g. membership dues, own funds)",
        ),
        (
            "government_share_of_money",
            np.nan,
            np.nan,
            float(df["government_purchase"].sum() / total.sum()),
            "fraction of funding",
            "reported: money-weighted (cf. F7: fiscal 125.26 of 171.28亿元, a share of money)",
        ),
        (
            "mean_pairwise_tv_mix",
            np.nan,
            np.nan,
            float(mix[("mix", "mean_pairwise_tv")]),
            "distance 0-1",
            "reported: how different two organisations' mixes are",
        ),
        ("gini_scale", np.nan, np.nan, funding.gini(total), "index 0-1", "reported"),
        (
            "theil_between_share_district",
            np.nan,
            np.nan,
            float(th["between_share"]),
            "fraction",
            "reported: share of scale inequality between the 32 districts",
        ),
    ]
    out = pd.DataFrame(
        rows, columns=["quantity", "target", "tolerance", "achieved", "unit", "basis"]
    )
    ok = (out["achieved"] - out["target"]).abs() <= out["tolerance"]
    out.insert(4, "ok", ok.where(out["target"].notna()).astype("boolean"))
    return out


# --- workers (turnover drivers) ---

#: Shanghai's 16 districts (区); synthetic workers are spread evenly across them (not calibrated).
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
    from workbench.errors import InputError

    if int(n) != n or n < 3:
        raise InputError(f"n: expected a whole number >= 3, got {n}")
    positive = {
        "mean_tech_spend": mean_tech_spend,
        "mean_staff_cost": mean_staff_cost,
        "ec50": ec50,
        "hill": hill,
    }
    for name, value in positive.items():
        if not (np.isfinite(value) and value > 0):
            raise InputError(f"{name}: expected a number > 0, got {value}")
    nonnegative = {
        "sd_log_tech": sd_log_tech,
        "sd_log_staff": sd_log_staff,
        "noise_sd": noise_sd,
        "staff_penalty": staff_penalty,
    }
    for name, value in nonnegative.items():
        if not (np.isfinite(value) and value >= 0):
            raise InputError(f"{name}: expected a number >= 0, got {value}")
    for name, mix in (("tech_mix", tech_mix), ("staff_mix", staff_mix)):
        if len(mix) != 3 or not all(np.isfinite(v) and v > 0 for v in mix):
            raise InputError(f"{name}: expected three numbers > 0, got {mix}")
    reference = mean_staff_cost if staff_reference is None else float(staff_reference)
    if not (np.isfinite(reference) and reference > 0):
        raise InputError(f"staff_reference: expected a number > 0 (yuan), got {staff_reference}")
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
