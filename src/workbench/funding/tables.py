"""The funding-distribution notebook's tables: human headers with units, formatted values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench import synth
from workbench.figures import tr
from workbench.funding import schema
from workbench.funding.pipeline import Result
from workbench.params.funding import FundingDistributionParams
from workbench.units import Lang, pct, pp

_MAX_LEVELS = 6  # diversification columns shown in the stress table


def _lang(params: FundingDistributionParams, lang: Lang | None) -> Lang:
    return lang or params.language


def _num(value: float | None, digits: int, lang: Lang) -> str:
    if value is None or not math.isfinite(value):
        return tr(lang, "n/a", "无")
    return f"{value:,.{digits}f}"


def _interval(low: float, high: float, lang: Lang, fmt=pct) -> str:
    if not (math.isfinite(low) and math.isfinite(high)):
        return tr(lang, "n/a", "无")
    return f"{fmt(low)}{tr(lang, ' to ', '至')}{fmt(high)}"


def _unit(params: FundingDistributionParams, lang: Lang) -> str:
    return schema.unit_label(params.amount_unit, lang)


def _group_name(value, result: Result, lang: Lang) -> str:
    if lang == "en" and result.data_kind == "synthetic":
        return synth.ORGANISATION_LABELS_EN.get(value, str(value))
    return str(value)


def primary(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> pd.DataFrame:
    """Organisations by primary source, with the market and other aggregates."""
    lang = _lang(params, lang)
    rows = result.primary.set_index("category")
    names = {s: schema.source_label(s, lang) for s in result.sources}
    names["primary_market"] = tr(lang, "Any market source", "任一市场来源")
    if result.other_sources:
        names["primary_other"] = tr(lang, "Any other source", "任一其他来源")
    ci = pct(params.ci, 0)
    return pd.DataFrame(
        {
            tr(lang, "Primary source", "首要来源"): list(names.values()),
            tr(lang, "Organisations", "组织数"): [f"{rows.loc[k, 'n_primary']:,}" for k in names],
            tr(lang, "Share of organisations (%)", "占组织比例（%）"): [
                pct(rows.loc[k, "share"]) for k in names
            ],
            tr(lang, f"{ci} interval (%)", f"{ci}置信区间（%）"): [
                _interval(rows.loc[k, "ci_low"], rows.loc[k, "ci_high"], lang) for k in names
            ],
        }
    )


def concentration(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> pd.DataFrame:
    """The distribution over organisations of HHI, effective sources and government share."""
    lang = _lang(params, lang)
    conc = result.concentration
    rows = [
        (tr(lang, "HHI (0-1)", "HHI（0至1）"), conc["hhi"], lambda v: f"{v:.2f}"),
        (
            tr(lang, "HHI rescaled (0 = equal, 1 = one source)", "标准化HHI（0为平均，1为单一）"),
            conc["hhi_normalized"],
            lambda v: _num(v, 2, lang),
        ),
        (
            tr(lang, "Effective number of sources", "有效资金来源数（个）"),
            conc["effective_sources"],
            lambda v: f"{v:.2f}",
        ),
        (
            tr(lang, f"{result.gov_label.en} share (%)", f"{result.gov_label.zh}占预算（%）"),
            conc["government_share"],
            lambda v: pct(v, 0),
        ),
    ]  # fmt: skip
    stats = (
        (tr(lang, "Mean", "均值"), lambda s: s.mean()),
        (tr(lang, "10th percentile", "第10百分位"), lambda s: s.quantile(0.1)),
        (tr(lang, "Median", "中位数"), lambda s: s.median()),
        (tr(lang, "90th percentile", "第90百分位"), lambda s: s.quantile(0.9)),
    )
    out = {tr(lang, "Indicator", "指标"): [name for name, _, _ in rows]}
    for head, stat in stats:
        out[head] = [f(stat(series)) for _, series, f in rows]
    return pd.DataFrame(out)


def by_group(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> pd.DataFrame:
    """Scale, mix and concentration by group (no rows without a group column)."""
    lang = _lang(params, lang)
    g = result.by_group if result.by_group is not None else pd.DataFrame(columns=_GROUP_COLUMNS)
    unit = _unit(params, lang)
    return pd.DataFrame(
        {
            tr(lang, "Group", "分组"): [_group_name(v, result, lang) for v in g["group"]],
            tr(lang, "Organisations", "组织数"): [f"{v:,}" for v in g["n"]],
            tr(lang, f"Median funding ({unit})", f"资金中位数（{unit}）"): [
                _num(v, 1, lang) for v in g["median_total"]
            ],
            tr(lang, "Share of all funding (%)", "占全部资金（%）"): [
                pct(v) for v in g["funding_share"]
            ],
            tr(lang, "Mean government share (%)", "政府资金平均占比（%）"): [
                pct(v, 0) for v in g["government_share_mean"]
            ],
            tr(lang, "Primarily government (%)", "以政府为首要来源（%）"): [
                pct(v, 0) for v in g["share_primary_government"]
            ],
            tr(lang, "Mean HHI", "平均HHI"): [f"{v:.2f}" for v in g["hhi_mean"]],
        }
    )


_GROUP_COLUMNS = [
    "group",
    "n",
    "median_total",
    "funding_share",
    "government_share_mean",
    "share_primary_government",
    "hhi_mean",
]


def by_decile(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> pd.DataFrame:
    """Scale bins (1 = smallest): funding range, share of funding, mix and concentration."""
    lang = _lang(params, lang)
    d, unit = result.by_decile, _unit(params, lang)
    bins = result.bin_name.get(lang)
    return pd.DataFrame(
        {
            tr(lang, f"Scale {bins} (1 = smallest)", f"规模{bins}（1为最小）"): [
                str(v) for v in d["decile"]
            ],
            tr(lang, f"Total funding ({unit})", f"资金总额（{unit}）"): [
                f"{_num(lo, 1, lang)}{tr(lang, ' to ', '至')}{_num(hi, 1, lang)}"
                for lo, hi in zip(d["total_min"], d["total_max"], strict=True)
            ],
            tr(lang, "Share of all funding (%)", "占全部资金（%）"): [
                pct(v) for v in d["funding_share"]
            ],
            tr(lang, "Mean government share (%)", "政府资金平均占比（%）"): [
                pct(v, 0) for v in d["government_share_mean"]
            ],
            tr(lang, "Primarily government (%)", "以政府为首要来源（%）"): [
                pct(v, 0) for v in d["share_primary_government"]
            ],
            tr(lang, "Primarily market (%)", "以市场为首要来源（%）"): [
                pct(v, 1) for v in d["share_primary_market"]
            ],
            tr(lang, "Mean HHI", "平均HHI"): [f"{v:.2f}" for v in d["hhi_mean"]],
        }
    )


_INDICATORS = {
    "gini": ("Gini coefficient (0-1)", "基尼系数（0至1）"),
    "theil": ("Theil T index (0 to ln n)", "泰尔指数（0至n的自然对数）"),
    "theil_between_share": ("Theil T between groups (%)", "泰尔指数组间比例（%）"),
    "top10_share": ("Largest 10%'s share of funding (%)", "最大10%组织所占资金（%）"),
    "palma": ("Palma ratio (top 10% / bottom 40%)", "帕尔马比值（最大10%/最小40%）"),
    "cv": ("Coefficient of variation (SD / mean)", "变异系数（标准差/均值）"),
    "sd_log10": ("SD of log10 funding (orders of magnitude)", "资金常用对数的标准差（数量级）"),
}
_PERCENT = {"theil_between_share", "top10_share"}


def inequality(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> pd.DataFrame:
    """Inequality of scale with bootstrap intervals, bias and the bias-corrected estimate."""
    lang = _lang(params, lang)
    rows = result.inequality
    ci = pct(params.ci, 0)

    def value(key: str, v: float) -> str:
        return pct(v) if key in _PERCENT else _num(v, 3, lang)

    def bias(key: str, v: float) -> str:
        if not math.isfinite(v):
            return tr(lang, "n/a", "无")
        return pp(v, 1, lang) if key in _PERCENT else f"{v:+.3f}"

    keys = rows["indicator"].tolist()
    return pd.DataFrame(
        {
            tr(lang, "Indicator", "指标"): [tr(lang, *_INDICATORS[k]) for k in keys],
            tr(lang, "Estimate", "估计值"): [
                value(k, v) for k, v in zip(keys, rows["estimate"], strict=True)
            ],
            tr(lang, f"{ci} interval", f"{ci}置信区间"): [
                _interval(lo, hi, lang, lambda v, k=k: value(k, v))
                for k, lo, hi in zip(keys, rows["ci_low"], rows["ci_high"], strict=True)
            ],
            tr(lang, "Bootstrap bias", "自助法偏差"): [
                bias(k, v) for k, v in zip(keys, rows["bias"], strict=True)
            ],
            tr(lang, "Bias-corrected", "偏差校正值"): [
                value(k, v) if math.isfinite(v) else tr(lang, "n/a", "无")
                for k, v in zip(keys, rows["estimate_bias_corrected"], strict=True)
            ],
        }
    )


_SCALE_MIX = [
    ("cv", "Coefficient of variation", "变异系数", "ratio"),
    ("gini", "Gini coefficient (0-1)", "基尼系数（0至1）", "ratio"),
    ("sd_log10", "SD of log10 (orders of magnitude)", "常用对数的标准差（数量级）", "ratio"),
    ("p90_p10", "90th over 10th percentile", "第90与第10百分位数之比", "whole"),
    (
        "mean_abs_log10_ratio",
        "Mean gap between two organisations (orders of magnitude)",
        "两组织间平均差距（数量级）",
        "ratio",
    ),
    ("sd", "Standard deviation (%)", "标准差（%）", "percent"),
    (
        "mean_pairwise_tv",
        "Mean distance between two mixes (% of budget)",
        "两组织资金结构平均差异（占预算%）",
        "percent",
    ),
    (
        "share_modal_primary",
        "Sharing the most common primary source (%)",
        "首要来源与最常见来源相同（%）",
        "percent",
    ),
]


def scale_vs_mix(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> pd.DataFrame:
    """The spread of scale (total funding) beside the spread of mix (government share)."""
    lang = _lang(params, lang)
    v = result.scale_mix.set_index(["dimension", "metric"])["value"]

    def cell(dimension: str, metric: str, kind: str) -> str:
        if (dimension, metric) not in v.index:
            return "—"
        x = v[(dimension, metric)]
        if kind == "percent":
            return pct(x, 0)
        return _num(x, 0 if kind == "whole" else 2, lang)

    return pd.DataFrame(
        {
            tr(lang, "Measure", "指标"): [tr(lang, en, zh) for _, en, zh, _ in _SCALE_MIX],
            tr(lang, "Scale: total funding", "规模：资金总额"): [
                cell("scale", m, k) for m, _, _, k in _SCALE_MIX
            ],
            tr(lang, "Mix: government share, sources", "结构：政府资金占比与来源"): [
                cell("mix", m, k) for m, _, _, k in _SCALE_MIX
            ],
        }
    )


def stress(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> pd.DataFrame:
    """Share of organisations below the threshold by cut (rows) and diversification (columns)."""
    lang = _lang(params, lang)
    grid = result.share_below
    levels = sorted(grid.columns)
    if len(levels) > _MAX_LEVELS:
        levels = [levels[i] for i in np.linspace(0, len(levels) - 1, _MAX_LEVELS).round()]
    gov = result.gov_label.get(lang)
    out = {
        tr(lang, f"Cut in {gov.lower()} (%)", f"{gov}削减（%）"): [pct(x, 0) for x in grid.index]
    }
    for y in levels:
        head = tr(lang, f"Below, {pct(y, 0)} moved first (%)", f"先转移{pct(y, 0)}：低于门槛（%）")
        out[head] = [pct(s, 1) for s in grid[y]]
    return pd.DataFrame(out)
