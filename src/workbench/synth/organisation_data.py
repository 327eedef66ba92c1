"""Illustrative synthetic social organisations: funding by source, calibrated to article F6."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
    if int(n) != n or n < 1:
        raise ValueError(f"n: expected a whole number >= 1, got {n}")
    p_gov, p_mkt = float(share_primary_government), float(share_primary_market)
    if not (0 <= p_gov <= 1 and 0 <= p_mkt <= 1 and p_gov + p_mkt <= 1):
        raise ValueError(
            "share_primary_government and share_primary_market: expected fractions in [0, 1] "
            f"summing to at most 1, got {p_gov} and {p_mkt}"
        )
    if median_total <= 0:
        raise ValueError(f"median_total: expected an amount > 0 (万元), got {median_total}")
    if not 0 <= sd_log_district <= sd_log_total:
        raise ValueError(
            f"sd_log_district: expected 0 <= sd_log_district <= sd_log_total ({sd_log_total}), "
            f"got {sd_log_district}"
        )
    if primary_concentration <= 0:
        raise ValueError(f"primary_concentration: expected > 0, got {primary_concentration}")
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

    from workbench.funding.inequality import gini, theil
    from workbench.funding.mix import concentration
    from workbench.funding.summaries import scale_vs_mix

    defaults = {
        k: v.default
        for k, v in inspect.signature(organisations).parameters.items()
        if v.default is not inspect.Parameter.empty
    }
    args = defaults | generator_args
    if df is None:
        df = organisations(**args)
    sources = list(ORGANISATION_SOURCES)
    conc = concentration(df, sources)
    total = conc["total"].to_numpy()
    gov_primary = conc["primary_category"].to_numpy() == "government"
    log10_total = np.log10(total)
    p01, p99 = np.quantile(log10_total, [0.01, 0.99])
    th = theil(total, df["group"].to_numpy())
    mix = scale_vs_mix(df, sources).set_index(["dimension", "metric"])["value"]
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
        ("gini_scale", np.nan, np.nan, gini(total), "index 0-1", "reported"),
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
