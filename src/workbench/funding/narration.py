"""The funding-distribution notebook's paragraphs, computed from the result, in English or Chinese.

One function per section (``data``, ``primary``, ``concentration``, ``inequality``,
``scale_vs_mix``, ``stress``), plus ``findings``, ``methods`` and ``caveats`` for the notebook's
caveat section and a policy brief.
"""

from __future__ import annotations

import math

import numpy as np

from workbench import glossary
from workbench.figures import tr
from workbench.funding import schema
from workbench.funding.pipeline import DOMINANT_HHI, MAJORITY, Result
from workbench.params.funding import FundingDistributionParams
from workbench.units import Lang, pct, pp

#: The article's figures (易臻真, 澎湃新闻, 2022-04-18, quoting the Beijing blue book 2020-2021).
ARTICLE_GOVERNMENT = 0.95  # "近95%" primarily government purchase
ARTICLE_MARKET = 0.03  # "不到3%" primarily market resources


def _lang(params: FundingDistributionParams, lang: Lang | None) -> Lang:
    return lang or params.language


def _names(names, lang: Lang) -> str:
    labels = [schema.source_label(s, lang) for s in names]
    return tr(lang, ", ", "、").join(labels) or tr(lang, "none", "无")


def _fixed(value: float | None, digits: int, lang: Lang) -> str:
    if value is None or not math.isfinite(value):
        return tr(lang, "n/a", "无")
    return f"{value:.{digits}f}"


def _with_ci(share: float, low: float | None, high: float | None, ci: float, lang: Lang) -> str:
    if low is None or high is None or not math.isfinite(low):
        return pct(share, 1, lang)
    return tr(
        lang,
        f"{pct(share)} ({pct(ci, 0)} interval {pct(low)} to {pct(high)})",
        f"{pct(share)}（{pct(ci, 0)}置信区间{pct(low)}至{pct(high)}）",
    )


# ----------------------------------------------------------------------------------------------
# sections
# ----------------------------------------------------------------------------------------------


def data(result: Result, params: FundingDistributionParams, lang: Lang | None = None) -> str:
    """What the data are: how many organisations, which sources count as what, grouping."""
    lang = _lang(params, lang)
    if result.data_kind == "synthetic":
        kind = tr(lang, "illustrative synthetic data", "示意性模拟数据")
    elif result.external:
        kind = tr(lang, "real records from another setting", "其他情境的真实记录")
    else:
        kind = tr(lang, "your file", "用户文件")
    unit = schema.unit_label(params.amount_unit, lang)
    text = tr(
        lang,
        f"**{result.n:,} organisations** ({kind}: {result.label.en}); amounts in {unit}. "
        f"Government source: {result.gov_label.en}. Market sources: "
        f"{_names(result.market_sources, lang)}. Other sources: "
        f"{_names(result.other_sources, lang)}.",
        f"**{result.n:,}个组织**（{kind}：{result.label.zh}）；金额单位为{unit}。政府资金来源："
        f"{result.gov_label.zh}。市场资源：{_names(result.market_sources, lang)}。其他来源："
        f"{_names(result.other_sources, lang)}。",
    )
    if result.group_column:
        text += tr(
            lang,
            f" Grouped by `{result.group_column}` ({result.n_groups} groups).",
            f"按 `{result.group_column}` 分组（{result.n_groups}组）。",
        )
    else:
        text += tr(lang, " No grouping.", "不分组。")
    if result.n_dropped:
        text += tr(
            lang,
            f" {result.n_dropped:,} organisations whose sources sum to zero were dropped "
            "(`drop_zero_total`); every share is of the remaining organisations.",
            f"另有{result.n_dropped:,}个资金来源合计为零的组织被剔除（`drop_zero_total`），"
            "以下各比例均以其余组织为基数。",
        )
    return text


def _verdicts(result: Result, params: FundingDistributionParams, lang: Lang) -> tuple[str, str]:
    r = result.numbers
    has_ci = params.n_boot > 0
    lo, hi = r["share_primary_government_ci_low"], r["share_primary_government_ci_high"]
    if has_ci and lo <= ARTICLE_GOVERNMENT <= hi:
        gov = tr(lang, "consistent with the quoted 'nearly 95%'", "与“近95%”一致")
    elif r["share_primary_government"] < ARTICLE_GOVERNMENT:
        gov = tr(lang, "below the quoted 'nearly 95%'", "低于“近95%”")
    else:
        gov = tr(lang, "above the quoted 'nearly 95%'", "高于“近95%”")
    m_hi = r["share_primary_market_ci_high"]
    if r["share_primary_market"] >= ARTICLE_MARKET:
        market = tr(lang, "not below the quoted 3%", "不低于文中引用的3%")
    elif has_ci and m_hi >= ARTICLE_MARKET:
        market = tr(
            lang,
            f"below the quoted 3%, though the interval reaches {pct(m_hi)}",
            f"低于文中引用的3%，但区间上限达{pct(m_hi)}",
        )
    else:
        market = tr(lang, "below the quoted 3%", "低于文中引用的3%") + (
            tr(lang, " with the whole interval", "，整个区间均如此") if has_ci else ""
        )
    return gov, market


def primary(result: Result, params: FundingDistributionParams, lang: Lang | None = None) -> str:
    """Who is the primary funder: shares of organisations, against the article, and the base."""
    lang = _lang(params, lang)
    r, ci = result.numbers, params.ci
    gov_v, market_v = _verdicts(result, params, lang)
    gov = _with_ci(r["share_primary_government"], r["share_primary_government_ci_low"],
                   r["share_primary_government_ci_high"], ci, lang)  # fmt: skip
    market = _with_ci(r["share_primary_market"], r["share_primary_market_ci_low"],
                      r["share_primary_market_ci_high"], ci, lang)  # fmt: skip
    text = tr(
        lang,
        f"Primarily {result.gov_label.en.lower()}: {gov} of {result.n:,} organisations; against "
        f"the article's Beijing figure, {gov_v}. Primarily market sources: {market}; {market_v}.",
        f"以{result.gov_label.zh}为首要来源：{result.n:,}个组织中的{gov}；与文中北京的数字相比，"
        f"{gov_v}。以市场资源为首要来源：{market}；{market_v}。",
    )
    if result.external:
        text += tr(
            lang,
            " These are real records from another setting; the comparison with Beijing shows "
            "the method, not a finding about Chinese organisations.",
            "这些是其他情境的真实记录；与北京的比较只演示方法，不是关于中国社会组织的发现。",
        )
    if result.data_kind == "synthetic":
        text += tr(
            lang,
            " These synthetic data were calibrated to the quoted shares, so agreement is by "
            "construction.",
            "模拟数据按文中比例校准，因此一致是设计使然。",
        )
    return text + "\n\n" + _base(result, lang)


def _base(result: Result, lang: Lang) -> str:
    r, q = result.numbers, result.quoted
    quoted = pct(q.fiscal / q.total, 1, lang)
    return tr(
        lang,
        f"The base matters. {result.gov_label.en} is {pct(r['government_share_of_money'])} of "
        f"all the organisations' funding (money-weighted) and {pct(r['mean_government_share'])} "
        f"of the average organisation's budget, against {pct(r['share_primary_government'])} of "
        f"organisations primarily funded by it. The article's Beijing figure, "
        f"{q.fiscal * 1e8 / 1e9:.1f} of {q.total * 1e8 / 1e9:.1f} billion yuan ({quoted}) fiscal "
        f"({q.fiscal:g} of {q.total:g}亿元, 亿元 being 100 million yuan), is a share of 2020 "
        "social-construction and civil-affairs spending (as quoted in the article, not "
        "verified): a share of money, not comparable with the share of organisations.",
        f"口径很重要。{result.gov_label.zh}占全部组织资金的{pct(r['government_share_of_money'])}"
        f"（按金额加权），占一般组织预算的平均{pct(r['mean_government_share'])}，而以其为首要来源"
        f"的组织占{pct(r['share_primary_government'])}。文中北京的数字为{q.total:g}亿元中财政资金"
        f"{q.fiscal:g}亿元（{quoted}），是2020年社会建设和民政支出中的比例（转引自文章，未经"
        "核实）：这是金额占比，不能与组织占比相比。",
    )


def concentration(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> str:
    """How concentrated each organisation's funding is, overall and across scale bins."""
    lang = _lang(params, lang)
    r, d = result.numbers, result.by_decile
    k, bins = len(d), result.bin_plural.get(lang)
    h_lo, h_hi = d["hhi_mean"].min(), d["hhi_mean"].max()
    g_lo = pct(d["government_share_mean"].min(), 0, lang)
    g_hi = pct(d["government_share_mean"].max(), 0, lang)
    dominant = pct(result.share_dominant, 0, lang)
    return tr(
        lang,
        f"The median organisation has a Herfindahl-Hirschman index (HHI) of "
        f"{r['median_hhi']:.2f}, i.e. {r['median_effective_sources']:.2f} effective sources; "
        f"{dominant} of organisations have an HHI above {DOMINANT_HHI} (one source holds more "
        f"than half of the budget). Across {k} scale {bins} the mean HHI ranges from "
        f"{h_lo:.2f} to {h_hi:.2f} and the mean share of {result.gov_label.en.lower()} from "
        f"{g_lo} to {g_hi}.",
        f"组织{glossary.gloss('HHI')}的中位数为{r['median_hhi']:.2f}，相当于"
        f"{r['median_effective_sources']:.2f}个有效资金来源；{dominant}的组织HHI高于"
        f"{DOMINANT_HHI}（单一来源占预算一半以上）。在{k}个规模{bins}中，平均HHI介于{h_lo:.2f}"
        f"至{h_hi:.2f}，{result.gov_label.zh}占预算的平均比例介于{g_lo}至{g_hi}。",
    )


def _between(result: Result, params: FundingDistributionParams, lang: Lang) -> str:
    """The between-group share of the Theil index, its bias and the corrected value."""
    if not result.group_column:
        return tr(
            lang,
            " No group column: the between-group share of the Theil index is undefined and "
            "recorded as None.",
            "未设分组列：泰尔指数的组间比例无定义，记为空值（`None`）。",
        )
    tb = result.inequality.set_index("indicator").loc["theil_between_share"]
    k, col = result.n_groups, result.group_column
    text = tr(
        lang,
        f" Between {k} groups (`{col}`, about {result.n / k:.0f} organisations each): "
        f"{pct(tb.estimate)} of the Theil index (plug-in estimate).",
        f"{k}个组（`{col}`，平均每组约{result.n / k:.0f}个组织）之间的差异占泰尔指数的"
        f"{pct(tb.estimate)}（直接估计）。",
    )
    if params.n_boot == 0:
        return text
    method = tr(lang, params.ci_method, {"percentile": "百分位", "basic": "基本"}[params.ci_method])
    below = tb.estimate_bias_corrected < 0
    text += tr(
        lang,
        f" The bootstrap puts its bias at {pp(tb.bias)}, so the bias-corrected share is "
        f"{pct(tb.estimate_bias_corrected)} ({method} interval {pct(tb.ci_low)} to "
        f"{pct(tb.ci_high)})"
        + (": below zero, no between-group inequality beyond noise." if below else "."),
        f"自助法估计其偏差为{pp(tb.bias, 1, 'zh')}，偏差校正后的比例为"
        f"{pct(tb.estimate_bias_corrected)}（{method}区间{pct(tb.ci_low)}至{pct(tb.ci_high)}）"
        + ("，低于零，即除噪声外未发现组间差异。" if below else "。"),
    )
    if tb.bias > 0 and tb.ci_low > tb.estimate:
        text += tr(
            lang,
            " The percentile interval lies entirely above the plug-in estimate, a sign of this "
            "bias: quote the corrected value (`ci_method: basic` centres the interval on it) or "
            "pool groups (e.g. `group_column: city`).",
            "百分位区间完全位于直接估计之上，这正是该偏差的表现：请引用校正值（设 "
            "`ci_method: basic` 时区间以校正值为中心），或合并分组（例如 `group_column: city`）。",
        )
    return text


def inequality(result: Result, params: FundingDistributionParams, lang: Lang | None = None) -> str:
    """How unequal scale is: Gini with its interval, top 10%, Palma, Theil and between groups."""
    lang = _lang(params, lang)
    row = result.inequality.set_index("indicator")
    g = row.loc["gini"]
    palma = result.numbers["palma_scale"]
    corrected = params.small_sample_gini
    interval = params.n_boot > 0
    text = tr(
        lang,
        f"Gini coefficient {g.estimate:.3f}"
        + (" (with the n/(n-1) small-sample correction)" if corrected else "")
        + (f", {pct(params.ci, 0)} interval {g.ci_low:.3f} to {g.ci_high:.3f}" if interval else "")
        + f"; the largest 10% hold {pct(row.loc['top10_share', 'estimate'])} of all funding; "
        f"Palma ratio {_fixed(palma, 1, lang)}; Theil T index "
        f"{row.loc['theil', 'estimate']:.3f}.",
        f"基尼系数为{g.estimate:.3f}"
        + ("（已乘以 n/(n-1) 作小样本校正）" if corrected else "")
        + (f"，{pct(params.ci, 0)}置信区间为{g.ci_low:.3f}至{g.ci_high:.3f}" if interval else "")
        + f"；规模最大的10%组织占全部资金的{pct(row.loc['top10_share', 'estimate'])}；帕尔马比值为"
        f"{_fixed(palma, 1, lang)}；泰尔指数为{row.loc['theil', 'estimate']:.3f}。",
    )
    if palma is None:
        text += tr(
            lang,
            " The Palma ratio is undefined (the smallest 40% hold nothing) and recorded as None.",
            "最小的40%组织没有资金，帕尔马比值无定义，记为空值（`None`）。",
        )
    return text + _between(result, params, lang)


def scale_vs_mix(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> str:
    """Scale differs, sources converge? The spread of scale beside the spread of mixes."""
    lang = _lang(params, lang)
    v = result.scale_mix.set_index(["dimension", "metric"])["value"]
    orders, tv = v["scale", "mean_abs_log10_ratio"], v["mix", "mean_pairwise_tv"]
    modal, ratio = v["mix", "share_modal_primary"], v["scale", "p90_p10"]
    g_scale, g_mix = _fixed(v["scale", "gini"], 2, lang), _fixed(v["mix", "gini"], 2, lang)
    converge = v["scale", "sd_log10"] >= 0.5 and tv <= 0.25 and modal >= 0.8
    return tr(
        lang,
        f"Scale: two organisations picked at random differ in total funding by {orders:.2f} "
        f"orders of magnitude on average (a factor of about {10**orders:.0f}); the 90th "
        f"percentile is {_fixed(ratio, 0, lang)} times the 10th. Gini of scale {g_scale} against "
        f"Gini of the government share {g_mix}. Mix: two organisations' funding mixes differ by "
        f"{pct(tv, 0)} of the budget on average (total-variation distance), and {pct(modal, 0)} "
        "share the most common primary source. "
        + (
            "Scale differs, sources converge: the pattern the article describes"
            if converge
            else "The data do not show 'scale differs, sources converge' clearly"
        )
        + " (rule of thumb used here: a spread of scale of at least half an order of magnitude "
        "in SD of log10, mixes differing by at most a quarter of the budget, at least 80% "
        "sharing a primary source).",
        f"规模：随机抽取的两个组织，资金总额平均相差{orders:.2f}个数量级（约{10**orders:.0f}倍）；"
        f"第90百分位数是第10百分位数的{_fixed(ratio, 0, lang)}倍。规模的基尼系数为{g_scale}，"
        f"政府资金占比的基尼系数为{g_mix}。结构：两个组织的资金结构平均相差预算的{pct(tv, 0)}"
        f"（总变差距离），{pct(modal, 0)}的组织首要来源相同。"
        + (
            "规模悬殊而来源趋同，与文章描述的格局一致"
            if converge
            else "数据未清楚显示“规模悬殊、来源趋同”"
        )
        + "（此处的经验标准：资金总额常用对数的标准差至少为半个数量级，资金结构差异不超过预算的"
        "四分之一，至少80%的组织首要来源相同）。",
    )  # fmt: skip


def _stress_rule(result: Result, params: FundingDistributionParams, lang: Lang) -> str:
    if params.threshold_kind == "absolute":
        n0 = int(result.stress["n_below_baseline"].iloc[0])
        return tr(
            lang,
            f"{n0:,} organisations are below {result.threshold_text.en} before any cut; an "
            "absolute threshold hits small organisations first. ",
            f"削减前已有{n0:,}个组织低于{result.threshold_text.zh}；绝对门槛首先影响小组织。",
        )
    g_med = float(result.concentration["government_share"].median())
    loss = 1 - params.threshold
    cut = pct(loss / g_med, 0, lang) if g_med > 0 else tr(lang, "infinity", "无穷大")
    similar = result.numbers["mean_pairwise_tv_mix"] <= 0.25
    return tr(
        lang,
        f"With a relative threshold an organisation falls below once the cut exceeds "
        f"$(1-\\theta)/g$ = {pct(loss, 0)} divided by its government share $g$ (only the mix "
        f"matters, not scale). With a median $g$ of {pct(g_med, 0)}, that is a cut of {cut}"
        + (
            "; where mixes are this similar, many organisations cross it together. "
            if similar
            else "; mixes differ more here, so organisations cross it at different cuts. "
        ),
        f"采用相对门槛时，削减比例一旦超过 $(1-\\theta)/g$，即{pct(loss, 0)}除以组织的政府资金占比"
        f" $g$，组织即低于门槛（只取决于资金结构，与规模无关）。$g$ 的中位数为{pct(g_med, 0)}，"
        f"对应的削减比例为{cut}"
        + (
            "；资金结构如此相近，许多组织会同时越过门槛。"
            if similar
            else "；此处资金结构差异较大，组织在不同削减比例下越过门槛。"
        ),
    )


def stress(result: Result, params: FundingDistributionParams, lang: Lang | None = None) -> str:
    """What a cut in government funding does, with and without diversification first."""
    lang = _lang(params, lang)
    r = result.numbers
    y_lo, y_hi = min(params.diversification), max(params.diversification)
    cut_max = pct(float(np.max(result.cuts)), 0, lang)
    m = r["stress_cut_majority_below"]
    text = _stress_rule(result, params, lang) + tr(
        lang,
        f"A {cut_max} cut leaves {pct(r['stress_share_below_at_cut_max'])} of organisations "
        f"below the threshold with {pct(y_lo, 0)} diversification and "
        f"{pct(r['stress_share_below_at_cut_max_diversified'])} with {pct(y_hi, 0)}. ",
        f"削减{cut_max}时，不先转移（多元化{pct(y_lo, 0)}）有"
        f"{pct(r['stress_share_below_at_cut_max'])}的组织低于门槛，先转移{pct(y_hi, 0)}时为"
        f"{pct(r['stress_share_below_at_cut_max_diversified'])}。",
    )
    if m is None:
        return text + tr(
            lang,
            f"No cut up to {cut_max} puts half of the organisations below the threshold.",
            f"削减至{cut_max}也不会使半数组织低于门槛。",
        )
    return text + tr(
        lang,
        f"The smallest cut that puts at least {pct(MAJORITY, 0)} of organisations below the "
        f"threshold is {pct(m, 0)}.",
        f"使至少{pct(MAJORITY, 0)}的组织低于门槛的最小削减比例为{pct(m, 0)}。",
    )


# ----------------------------------------------------------------------------------------------
# for the caveat section and a policy brief
# ----------------------------------------------------------------------------------------------


def findings(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> list[str]:
    """Four or five key findings, one sentence each with its number."""
    lang = _lang(params, lang)
    r, gov = result.numbers, result.gov_label
    m = r["stress_cut_majority_below"]
    out = [
        tr(
            lang,
            f"{pct(r['share_primary_government'])} of the {result.n:,} organisations have "
            f"{gov.en.lower()} as their largest source and {pct(r['share_primary_market'])} a "
            "market source (the article quotes nearly 95% and fewer than 3%).",
            f"{result.n:,}个组织中，{pct(r['share_primary_government'])}以{gov.zh}为最大资金来源，"
            f"{pct(r['share_primary_market'])}以市场资源为最大来源（文中为近95%和不到3%）。",
        ),
        tr(
            lang,
            f"Measured on money instead, {gov.en.lower()} is "
            f"{pct(r['government_share_of_money'])} of all funding, a different base.",
            f"若按金额计算，{gov.zh}占全部资金的{pct(r['government_share_of_money'])}，口径不同。",
        ),
        tr(
            lang,
            f"Scale is very unequal: the largest 10% of organisations hold "
            f"{pct(r['top10_share_scale'])} of all funding (Gini coefficient "
            f"{r['gini_scale']:.2f}).",
            f"规模极不均衡：规模最大的10%组织占全部资金的{pct(r['top10_share_scale'])}"
            f"（基尼系数{r['gini_scale']:.2f}）。",
        ),
        tr(
            lang,
            f"Sources converge: {pct(result.share_dominant, 0)} of organisations get more than "
            "half of their budget from one source.",
            f"来源趋同：{pct(result.share_dominant, 0)}的组织有一半以上预算来自单一来源。",
        ),
    ]
    if m is not None:
        out.append(
            tr(
                lang,
                f"A {pct(m, 0)} cut in {gov.en.lower()} would push most organisations below "
                f"{result.threshold_text.en}.",
                f"{gov.zh}削减{pct(m, 0)}即会令多数组织的资金低于{result.threshold_text.zh}。",
            )
        )
    return out


def methods(lang: Lang = "en") -> str:
    """One paragraph: what was done, with the references."""
    return tr(
        lang,
        "Each organisation's primary source is its largest; shares of organisations carry "
        "percentile bootstrap intervals (Efron and Tibshirani 1993). Revenue concentration is "
        "the Herfindahl-Hirschman index of funding shares (Tuckman and Chang 1991; Chikoto and "
        "Neely 2014). Inequality of scale is measured by the Gini coefficient and Lorenz curve, "
        "the top 10%'s share, the Palma ratio (Cobham and Sumner 2013) and the Theil T index "
        "with its exact between/within split (Theil 1967; Shorrocks 1980). A mechanical stress "
        "test cuts government funding and counts organisations below a viability threshold "
        "(Tuckman and Chang 1991; Trussel 2002).",
        "以每个组织最大的资金来源为其首要来源，组织比例附百分位自助法置信区间（埃夫龙与蒂布希拉尼，"
        f"1993）。收入集中度采用资金占比的{glossary.gloss('HHI')}（塔克曼与张，1991；奇科托与尼利，"
        "2014）。规模不均等采用基尼系数与洛伦兹曲线、最大10%组织所占份额、帕尔马比值（科伯姆与萨姆纳，"
        "2013）以及可精确分解为组间与组内部分的泰尔指数（泰尔，1967；肖罗克斯，1980）。机械式压力"
        "测试削减政府资金，统计低于生存门槛的组织（塔克曼与张，1991；特拉塞尔，2002）。",
    )


def caveats(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> list[str]:
    """The caveats of this run, one bullet each."""
    lang = _lang(params, lang)
    return (
        _data_caveats(result, lang, first=True)
        + _method_caveats(result, params, lang)
        + (_data_caveats(result, lang, first=False))
    )


def _data_caveats(result: Result, lang: Lang, first: bool) -> list[str]:
    """The synthetic-data caveat (first) or the other-setting caveat (last), when they apply."""
    out = []
    if first and result.data_kind == "synthetic":
        out.append(
            tr(
                lang,
                "**Synthetic data.** The organisations are illustrative synthetic data calibrated "
                "to the quoted shares, so reproducing them checks the method, not the claim; "
                "scale, district effects and the mix within each class are assumptions. The "
                "blue-book figures are as quoted in the article and could not be verified.",
                "**模拟数据。** 这些组织是按文中比例校准的示意性模拟数据，重现这些比例只检验方法，"
                "不检验论断；规模分布、区县差异和各类组织内部的资金结构均为假设。蓝皮书数字转引自"
                "文章，未能核实。",
            )
        )
    if not first and result.external:
        out.append(
            tr(
                lang,
                "**Another setting.** These are US Form 990 filings of medical research "
                "organisations, not Chinese community organisations. 'Contributions, gifts and "
                "grants' mixes government grants with private gifts (the IRS extract has no "
                "separate government column); program service revenue also includes government "
                "fees and contracts; investment income and net gains are left out.",
                "**其他情境。** 这些是美国医学研究组织的Form 990申报，不是中国社区社会组织。"
                "“捐赠与资助”混合了政府资助与私人捐赠（IRS摘录没有单独的政府资金列）；项目服务"
                "收入也包括政府付费与合同；投资收益和净收益未计入。",
            )
        )
    return out


def _method_caveats(result: Result, params: FundingDistributionParams, lang: Lang) -> list[str]:
    return [
        tr(
            lang,
            "**Organisations, not money.** 'Primary source' counts organisations (ties go to "
            "the source listed first); the money-weighted government share and the article's "
            "Beijing fiscal share answer different questions.",
            "**组织占比不等于金额占比。** “首要来源”统计的是组织数（并列时计为列在前面的来源）；"
            "按金额加权的政府资金占比与文中北京的财政资金占比回答的是不同问题。",
        ),
        tr(
            lang,
            "**Intervals** treat organisations as an independent random sample; a registry "
            "census, or a sample clustered by district, needs other intervals. The between-group "
            "Theil share is biased upwards when groups are small.",
            "**置信区间**假定各组织是独立随机样本；若为登记名录普查或按区县整群抽样，需要其他"
            "区间方法。分组较小时，泰尔指数的组间比例偏高。",
        ),
        tr(
            lang,
            "**Associations, not causes.** The tables describe how funding is distributed; they "
            "do not say why, nor what a change in policy would cause.",
            "**相关而非因果。** 这些表格描述资金如何分布，不说明原因，也不说明政策变化会导致什么。",
        ),
        tr(
            lang,
            "**The stress test is mechanical**: no organisation adapts, market sources absorb "
            "diverted money at no cost, and the threshold is an assumption "
            f"({result.threshold_text.en}).",
            "**压力测试是机械的**：组织不作调整，市场来源无成本地吸收转移的资金，门槛是假设"
            f"（{result.threshold_text.zh}）。",
        ),
        tr(
            lang,
            "**Nominal amounts of one period.** Amounts are as reported, in "
            f"{schema.unit_label(params.amount_unit, 'en')}, not adjusted for prices or "
            "compared over time.",
            "**单一时期的名义金额。** 金额按原样计"
            f"（{schema.unit_label(params.amount_unit, 'zh')}），未作价格调整，也未作跨期比较。",
        ),
    ]
