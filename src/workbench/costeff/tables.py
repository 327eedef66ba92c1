"""The tables the notebook shows: human headers with units, values formatted as text.

Each function returns a small :class:`pandas.DataFrame` (at most seven columns) whose headers say
what a column is and in what unit, in English or Chinese, and whose values are already written
with :mod:`workbench.units`.
"""

from __future__ import annotations

import pandas as pd

from workbench import units
from workbench.costeff import words
from workbench.costeff.keys import KEYS
from workbench.costeff.pipeline import Result
from workbench.costeff.words import lang_of, money
from workbench.figures import tr
from workbench.params.costeff import TechCostEffectivenessParams as Model
from workbench.units import Lang


def _frame(rows: list[list], headers: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=headers)


def _outcome_value(value: float, params: Model, lang: Lang) -> str:
    if words.is_share(params):
        return units.pct(value, 1, lang)
    return units.number(value, 3, lang)


def overview(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """Units and mean spend, staff cost and outcome, per strategy (or for all units)."""
    lang = lang_of(params, lang)
    prog = result.inputs.programmes
    groups = (
        prog.groupby("strategy")
        if result.inputs.strategies
        else [(tr(lang, "all units", "全部单位"), prog)]
    )
    rows = [
        [
            words.strategy(str(name), lang),
            f"{len(g):,}",
            money(g["tech_spend"].mean(), lang),
            money(g["staff_cost"].mean(), lang),
            _outcome_value(g[params.outcome].mean(), params, lang),
        ]
        for name, g in groups
    ]
    outcome = words.column(params.outcome, lang)
    return _frame(
        rows,
        [
            tr(lang, "Strategy", "方案"),
            tr(lang, "Units", "单位数"),
            tr(lang, "Mean technology spend (a year)", "平均技术投入（每年）"),
            tr(lang, "Mean staff cost (a year)", "平均人员成本（每年）"),
            tr(lang, f"Mean {outcome}", f"平均{outcome}"),
        ],
    )


_QUANTITY = {
    "total_investment": ("Total investment, 2020", "2020年总投入"),
    "average_per_project": ("Average per project", "平均每个项目"),
    "top3_spending": ("Three largest provinces", "前三省份合计"),
    "top3_share_of_total": ("Their share of the total", "前三省份占总额比重"),
    "ratio_to_third": ("Largest over third largest", "第一名与第三名之比"),
    "share_of_total": ("Province's share of the total", "该省占总额比重"),
}
_FORMULA = {
    "total_investment": ("as quoted (30亿元)", "引自原文（30亿元）"),
    "average_per_project": ("total / 572 projects", "总额÷572个项目"),
    "top3_spending": ("sum of the three amounts", "三省金额之和"),
    "top3_share_of_total": ("three provinces / total", "三省合计÷总额"),
    "ratio_to_third": ("largest / third", "第一名÷第三名"),
    "share_of_total": ("province / total", "该省金额÷总额"),
}


def article(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """The arithmetic on the article's figures (as quoted in the article)."""
    lang = lang_of(params, lang)
    zh = dict(zip(result.inputs.article["region"], result.inputs.article["region_zh"], strict=True))

    def region(text: str) -> str:
        if lang == "en":
            return text
        for sep in (" + ", " / "):
            if sep in text:
                return ("+" if sep == " + " else "÷").join(zh.get(t, t) for t in text.split(sep))
        return zh.get(text, text)

    rows = []
    for row in result.article.table.itertuples():
        if row.unit == "yuan":
            value = money(row.value, lang)
        elif row.unit == "fraction":
            value = units.pct(row.value, 1, lang)
        else:
            value = units.fmt(row.value, "ratio", lang)
        name, formula = _QUANTITY[row.quantity], _FORMULA[row.quantity]
        rows.append([tr(lang, *name), region(row.region), value, tr(lang, *formula)])
    return _frame(
        rows,
        [
            tr(lang, "Quantity", "指标"),
            tr(lang, "Region", "地区"),
            tr(lang, "Value", "数值"),
            tr(lang, "Formula", "算法"),
        ],
    )


def fits(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """How well each response curve fits (AIC, residual sum of squares)."""
    lang = lang_of(params, lang)
    r = result.response
    found = [r.fit] + ([r.alternative] if r.alternative is not None else [])
    rows = [
        [words.model(f.model, lang), f"{f.aic:,.1f}", units.number(f.rss, 4, lang)] for f in found
    ]
    return _frame(
        rows,
        [
            tr(lang, "Response curve", "响应曲线"),
            tr(lang, "AIC (lower fits better)", "赤池信息准则（越低越好）"),
            tr(lang, "Residual sum of squares", "残差平方和"),
        ],
    )


def confounding(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """The curve on technology spend alone against the curve holding staff fixed."""
    lang = lang_of(params, lang)
    r = result.response
    gain = "emax" if params.response_model == "hill" else "b"
    step = money(params.marginal_step, lang)
    rows = []
    for label, f, m in (
        (tr(lang, "technology spend only", "仅考虑技术投入"), r.naive, r.marginal_naive),
        (tr(lang, "holding staff fixed", "控制人员投入"), r.fit, r.marginal),
    ):
        rows.append(
            [
                label,
                words.outcome_change(float(f.params[gain]), params, lang),
                words.outcome_change(m, params, lang),
                f"{f.aic:,.1f}",
            ]
        )
    return _frame(
        rows,
        [
            tr(lang, "Curve", "曲线"),
            tr(lang, "Largest gain from technology", "技术带来的最大提升"),
            tr(
                lang,
                f"Marginal return at mean spend (per {step})",
                f"平均投入处的边际回报（每{step}）",
            ),
            tr(lang, "AIC", "赤池信息准则"),
        ],
    )


def strategies(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """Mean cost and effect of each strategy, with the ICERs along the frontier."""
    lang = lang_of(params, lang)
    comp = result.comparison
    if comp is None:
        raise ValueError("strategies: the data have fewer than two strategies")
    eff = words.effect_unit(params, lang)
    rows = []
    for r in comp.plane.itertuples():
        icer = "" if pd.isna(r.icer) else words.per_effect(r.icer, params, lang)
        rows.append(
            [
                words.strategy(r.strategy, lang),
                f"{r.n:,}",
                money(r.cost, lang),
                words.effect(r.effect, params, lang),
                money(r.cost_per_effect, lang),
                icer or tr(lang, "—", "—"),
                words.status(r.status, lang),
            ]
        )
    return _frame(
        rows,
        [
            tr(lang, "Strategy", "方案"),
            tr(lang, "Units", "单位数"),
            tr(lang, "Mean cost (per unit a year)", "平均成本（每单位每年）"),
            tr(lang, "Mean effect", "平均效果"),
            tr(lang, f"Average cost per {eff}", f"平均每{eff}成本"),
            tr(
                lang,
                "ICER against the previous frontier strategy",
                "相对前一前沿方案的增量成本效果比",
            ),
            tr(lang, "Status", "状态"),
        ],
    )


def nmb(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """Net monetary benefit of each strategy at three willingness-to-pay values."""
    lang = lang_of(params, lang)
    comp = result.comparison
    if comp is None:
        raise ValueError("nmb: the data have fewer than two strategies")
    wide = comp.nmb.pivot(index="strategy", columns="wtp", values="nmb")
    headers = [tr(lang, "Strategy", "方案")] + [
        tr(
            lang,
            f"NMB at {words.per_effect(w, params, 'en')} (per unit a year)",
            f"支付意愿{words.per_effect(w, params, 'zh')}时的净货币效益（每单位每年）",
        )
        for w in wide.columns
    ]
    rows = [
        [words.strategy(str(s), lang), *(money(v, lang) for v in row)] for s, row in wide.iterrows()
    ]
    return _frame(rows, headers)


def discounting(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """Yearly and present-value cost, effect and NMB of each strategy."""
    lang = lang_of(params, lang)
    comp = result.comparison
    if comp is None:
        raise ValueError("discounting: the data have fewer than two strategies")
    years = params.horizon_years
    rows = [
        [
            words.strategy(r.strategy, lang),
            money(r.cost, lang),
            words.effect(r.effect, params, lang),
            money(r.pv_cost, lang),
            words.effect(r.pv_effect, params, lang),
            money(r.pv_nmb, lang),
        ]
        for r in comp.discounting.itertuples()
    ]
    return _frame(
        rows,
        [
            tr(lang, "Strategy", "方案"),
            tr(lang, "Cost a year", "每年成本"),
            tr(lang, "Effect a year", "每年效果"),
            tr(lang, f"Cost, present value over {years} years", f"{years}年成本现值"),
            tr(lang, f"Effect, discounted sum over {years} years", f"{years}年效果折现合计"),
            tr(lang, "Net monetary benefit, present value", "净货币效益现值"),
        ],
    )


def dea_by_strategy(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """Efficient units and the mean DEA score of each strategy."""
    lang = lang_of(params, lang)
    by = result.frontier.by_strategy
    if by is None:
        raise ValueError("dea_by_strategy: the data have no strategy column")
    rows = [
        [
            words.strategy(r.strategy, lang),
            f"{r.units:,}",
            f"{int(r.efficient):,}",
            units.fmt(r.mean, "index", lang),
        ]
        for r in by.itertuples()
    ]
    return _frame(
        rows,
        [
            tr(lang, "Strategy", "方案"),
            tr(lang, "Units", "单位数"),
            tr(lang, "Efficient units", "有效单位数"),
            tr(lang, "Mean efficiency score (1 = frontier)", "平均效率得分（1为前沿）"),
        ],
    )


def dea_ranking(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """The first units by DEA rank, with their input slack and peers."""
    lang = lang_of(params, lang)
    ranked = result.frontier.ranked
    slack = ranked[[f"slack_{c}" for c in params.cost_columns]].sum(axis=1)
    has_strategy = "strategy" in ranked.columns
    rows = []
    for (_, r), s in zip(ranked.iterrows(), slack, strict=True):
        row = [f"{int(r['rank'])}", str(r["unit_id"])]
        row += [words.strategy(str(r["strategy"]), lang)] if has_strategy else []
        row += [
            units.fmt(float(r["score"]), "index", lang),
            units.fmt(bool(r["efficient"]), "flag", lang),
            money(s, lang),
            str(r["peers"]).replace(", ", tr(lang, ", ", "、")),
        ]
        rows.append(row)
    headers = [tr(lang, "Rank", "排名"), tr(lang, "Unit", "单位")]
    headers += [tr(lang, "Strategy", "方案")] if has_strategy else []
    headers += [
        tr(lang, "Efficiency score", "效率得分"),
        tr(lang, "Efficient (no slack)", "有效（无松弛）"),
        tr(lang, "Further input saving (slack, a year)", "可进一步削减的投入（松弛，每年）"),
        tr(lang, "Peers on the frontier", "前沿参照单位"),
    ]
    return _frame(rows, headers)


def reward(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """The reward scheme at each share, present values over the horizon."""
    lang = lang_of(params, lang)
    rows = [
        [
            units.pct(r.share, 0, lang),
            money(r.measured_saving, lang),
            money(r.reward, lang),
            money(r.admin_cost, lang),
            money(r.net_saving_budget, lang),
            money(r.net_saving_society, lang),
            units.pct(r.break_even_gain_budget, 1, lang),
        ]
        for r in result.reward.table.itertuples()
    ]
    return _frame(
        rows,
        [
            tr(lang, "Reward share of savings", "奖励占节约的比例"),
            tr(lang, "Measured saving (present value)", "可计量节约（现值）"),
            tr(lang, "Rewards paid (present value)", "奖励支出（现值）"),
            tr(lang, "Administration (present value)", "管理成本（现值）"),
            tr(lang, "Net to the budget", "财政净额"),
            tr(lang, "Net to society", "全社会净额"),
            tr(
                lang,
                "Break-even gain for the budget (share of cost)",
                "财政盈亏平衡所需效率提升（占成本）",
            ),
        ],
    )


def _display(name: str, value, params: Model, lang: Lang) -> str:
    """A key number as a reader sees it (strategy and input names in ``lang``)."""
    unit = KEYS[name].unit
    if value is None:
        return tr(lang, "not computed (see above)", "未计算（见上文）")
    if name == "data_kind":
        return tr(
            lang,
            value,
            {"synthetic": "模拟数据", "user": "用户数据", "reference": "参考数据"}.get(
                value, value
            ),
        )
    if name == "optimal_strategy_at_wtp":
        return words.strategy(value, lang)
    if name == "tornado_top_parameter":
        return words.parameter(value, lang)
    if name == "icer_by_strategy":
        sep = tr(lang, "; ", "；")
        return sep.join(
            f"{words.strategy(s, lang)}{tr(lang, ': ', '：')}"
            + (
                units.fmt(v, unit, lang)
                if v is not None
                else tr(lang, "none (reference or dominated)", "无（参照或被占优）")
            )
            for s, v in value.items()
        )
    if name.startswith(("marginal_return", "staff_cut_coefficient")):
        return words.outcome_change(value, params, lang, sign=name.startswith("staff"))
    return units.fmt(value, unit, lang)


def key_numbers(result: Result, params: Model, lang: Lang | None = None) -> pd.DataFrame:
    """Every key number of ``results.json`` with its label and formatted value."""
    lang = lang_of(params, lang)
    rows = [
        [KEYS[k].label(lang), _display(k, v, params, lang), f"`{k}`"]
        for k, v in result.numbers.items()
    ]
    return _frame(
        rows,
        [tr(lang, "Key number", "关键数字"), tr(lang, "Value", "数值"), tr(lang, "Key", "键名")],
    )
