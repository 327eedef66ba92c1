"""The words of each figure: its title (the finding), subtitle and alt text, in both languages.

:mod:`workbench.costeff.charts` draws; this module writes. Each function, named after its
figure, returns a :class:`Caption` computed from the result, so a test can check that the title
states what the figure shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench import units
from workbench.costeff import words
from workbench.costeff.pipeline import Result
from workbench.costeff.words import cap, money
from workbench.figures import tr
from workbench.params.costeff import TechCostEffectivenessParams as Model
from workbench.units import Lang


@dataclass(frozen=True)
class Caption:
    """A figure's words; ``source`` is None for the data's own source line."""

    title: str
    subtitle: str
    alt_text: str
    source: str | None = None


def _response_title(result: Result, p: Model, lang: Lang) -> str:
    r = result.response
    step = money(p.marginal_step, lang)
    thr = words.outcome_change(p.marginal_threshold, p, lang)
    if r.x_star <= 0:
        return tr(
            lang,
            f"No level of technology spend buys {thr} per {step}",
            f"在任何技术投入水平上，每{step}带来的提升都不到{thr}",
        )
    where, share = money(r.x_star, lang), units.pct(r.beyond, 0, lang)
    return tr(
        lang,
        f"Beyond {where} a unit, the next {step} of technology buys less than {thr}; {share} of "
        "units already spend more",
        f"每单位技术投入超过{where}后，每多投入{step}提升不到{thr}；{share}的单位已超过该点",
    )


def _previous_on_frontier(comp, name: str) -> str | None:
    names = [s for s, _, _ in comp.wtp_ranges]
    i = names.index(name) if name in names else 0
    return names[i - 1] if i > 0 else None


def _plane_title(result: Result, p: Model, lang: Lang) -> str:
    comp = result.comparison
    best, wtp = comp.optimal, words.per_effect(p.wtp, p, lang)
    prev, icer = _previous_on_frontier(comp, best), comp.icers.get(best)
    if prev is None or icer is None:
        return tr(
            lang,
            f"{cap(best)} is the best buy at {wtp}: it is the cheapest strategy on the frontier",
            f"支付意愿为{wtp}时，{words.strategy(best, 'zh')}最具成本效果：它是前沿上成本最低的方"
            "案",
        )
    return tr(
        lang,
        f"{cap(best)} is the best buy at {wtp}: its ICER against {prev} is "
        f"{words.per_effect(icer, p, lang)}",
        f"支付意愿为{wtp}时，{words.strategy(best, 'zh')}最具成本效果：相对"
        f"{words.strategy(prev, 'zh')}的{words.abbreviation('ICER', 'zh')}为"
        f"{words.per_effect(icer, p, 'zh')}",
    )


def _tornado_title(result: Result, p: Model, lang: Lang) -> str:
    comp = result.comparison
    top = words.parameter(str(comp.tornado["parameter"].iloc[0]), lang)
    best, other = words.strategy(comp.best, lang), words.strategy(comp.comparator, lang)
    n = len(comp.flips)
    if lang == "zh":
        tail = f"{n}个参数单独变动即可改变结论" if n else "没有单个参数能改变结论"
        return f"{best}优于{other}的结论对{top}最敏感；{tail}"
    tail = (
        f"{n} input{'s' if n > 1 else ''} alone could reverse it"
        if n
        else "no single input reverses it"
    )
    return f"{cap(best)} beats {other}: the margin is most sensitive to the {top}; {tail}"


def _incentive_title(result: Result, p: Model, lang: Lang) -> str:
    budget = result.reward.table["net_saving_budget"].to_numpy()
    years = p.horizon_years
    one = len(budget) == 1
    if budget.min() >= 0:
        en = (
            f"The reward leaves the budget ahead over {years} years"
            if one
            else "A larger reward share shrinks the budget's gain, but it stays ahead over "
            f"{years} years"
        )
        zh = (
            f"{years}年内财政仍有净节约"
            if one
            else f"奖励比例越高财政净节约越少，但{years}年内仍有净节约"
        )
    elif budget.max() < 0:
        en = f"At every reward share the budget pays out more than it saves over {years} years"
        zh = f"无论奖励比例多高，{years}年内财政支出都超过节约"
    else:
        en = f"The budget gains at low reward shares and loses at high ones over {years} years"
        zh = f"{years}年内奖励比例低时财政有净节约，比例高时则有净损失"
    society = tr(
        lang, "; society's gain is the same at every share", "；全社会的收益与奖励比例无关"
    )
    return tr(lang, en, zh) + society


def response_curve(result: Result, params: Model, lang: Lang) -> Caption:
    """The response curve's words."""
    r = result.response
    n, curve = result.n_units, words.model(params.response_model, lang)
    outcome = words.column(params.outcome, lang)
    step = money(params.marginal_step, lang)
    gain = words.outcome_change(r.marginal, params, lang)
    subtitle = tr(
        lang,
        f"{cap(outcome)} against technology spend, {n} units (grey dots); {curve} curve"
        + ("; staff cut held at zero" if r.adjusted else "")
        + "; dashed: the curve on technology spend alone",
        f"{outcome}与技术投入，{n}个单位（灰点）；{curve}曲线"
        + ("，人员削减取零" if r.adjusted else "")
        + "；虚线为仅考虑技术投入的曲线",
    )
    where = money(r.x_star, lang)
    alt = tr(
        lang,
        f"Scatter of {n} units' {outcome} against technology spend with the fitted {curve} curve "
        f"and its 95% band. At the mean spend of {money(r.mean_spend, lang)} the next {step} buys "
        f"{gain}"
        + (
            f"; returns fall below the threshold beyond {where}, where {units.pct(r.beyond, 0)} of "
            "units already are."
            if r.x_star > 0
            else "; no spend clears the threshold."
        ),
        f"{n}个单位的{outcome}与技术投入的散点图，附{curve}拟合曲线及95%置信带。平均投入"
        f"{money(r.mean_spend, lang)}处，每多投入{step}提升{gain}"
        + (
            f"；超过{where}后回报低于阈值，{units.pct(r.beyond, 0, lang)}的单位已超过该点。"
            if r.x_star > 0
            else "；任何投入水平都达不到阈值。"
        ),
    )
    return Caption(_response_title(result, params, lang), subtitle, alt)


def ce_plane(result: Result, params: Model, lang: Lang) -> Caption:
    """The cost-effectiveness plane's words."""
    comp = result.comparison
    ref = str(comp.plane.loc[comp.plane["status"] == "reference", "strategy"].iloc[0])
    refname = words.strategy(ref, lang)
    n_draws = len(comp.draws) // max(1, len(comp.plane) - 1)
    subtitle = tr(
        lang,
        f"Mean cost and effect per unit a year relative to {ref}; solid line: the efficient "
        f"frontier; filled markers lie on it; clouds: {n_draws:,} draws of the "
        f"{words.abbreviation('PSA', 'en')} per strategy",
        f"相对{refname}的每单位年均成本与效果；实线为有效前沿，实心点位于前沿上；云点为每个方案"
        f"{n_draws:,}次{words.abbreviation('PSA', 'zh')}抽样",
    )
    alt_rows = [
        f"{words.strategy(r.strategy, lang)} {words.effect(r.delta_effect, params, lang)}, "
        f"{money(r.delta_cost, lang)} ({words.status(r.status, lang)})"
        for r in comp.plane.itertuples()
    ]
    wtp_en = words.per_effect(params.wtp, params, "en")
    alt = tr(
        lang,
        f"Cost-effectiveness plane relative to {ref}: "
        + "; ".join(alt_rows)
        + f". The dashed line is the willingness to pay of {wtp_en}.",
        f"相对{refname}的成本效果平面："
        + "；".join(alt_rows).replace(" (", "（").replace(")", "）")
        + f"。虚线为支付意愿{words.per_effect(params.wtp, params, 'zh')}。",
    )
    return Caption(_plane_title(result, params, lang), subtitle, alt)


def ceac(result: Result, params: Model, lang: Lang) -> Caption:
    """The acceptability curves' words."""
    comp = result.comparison
    eff = words.effect_unit(params, lang)
    best, prob = comp.psa_optimal, units.pct(comp.probability, 0, lang)
    wtp = words.per_effect(params.wtp, params, lang)
    title = tr(
        lang,
        f"At {wtp}, {best} is the cost-effective choice in {prob} of draws",
        f"支付意愿为{wtp}时，{words.strategy(best, 'zh')}在{prob}的抽样中最具成本效果",
    )
    lo, hi = (money(w, lang) for w in (params.wtp_min, params.wtp_max))
    subtitle = tr(
        lang,
        f"Cost-effectiveness acceptability curves: the share of {params.psa_draws:,} bootstrap "
        "draws of the strategy means in which each strategy has the largest net monetary benefit; "
        f"willingness to pay {lo} to {hi} per {eff}",
        f"{words.abbreviation('CEAC', 'zh')}：在{params.psa_draws:,}次自助抽样中各方案净货币效益最"
        f"大的比例；支付意愿为每{eff}{lo}至{hi}",
    )
    shares = [
        f"{words.strategy(s, lang)} {units.pct(v, 0, lang)}" for s, v in comp.probabilities.items()
    ]
    alt = tr(
        lang,
        f"Acceptability curves of {words.strategies(comp.probabilities, 'en')} over the "
        f"willingness to pay; at {wtp}: " + ", ".join(shares) + ".",
        f"{words.strategies(comp.probabilities, 'zh')}的可接受曲线；支付意愿为{wtp}时："
        + "，".join(shares)
        + "。",
    )
    return Caption(title, subtitle, alt)


def tornado(result: Result, params: Model, lang: Lang) -> Caption:
    """The tornado's words."""
    comp = result.comparison
    torn = comp.tornado
    best = words.strategy(comp.best, lang)
    base, div = float(torn["outcome_base"].iloc[0]), 1.0
    wtp = words.per_effect(params.wtp, params, lang)
    subtitle = tr(
        lang,
        f"One-way sensitivity at {wtp}: each strategy's mean cost and effect moved over its 95% "
        "interval and the willingness to pay by ±50%, one at a time; a bar crossing the dashed "
        "line changes the decision",
        f"单因素敏感性分析（支付意愿{wtp}）：各方案的平均成本和效果在95%区间内变动，支付意愿变动"
        "±50%，每次只变一个；越过虚线即改变结论",
    )
    flips = [words.parameter(f, lang) for f in comp.flips]
    alt = tr(
        lang,
        f"Tornado diagram of the margin of {best} over the best alternative, base "
        f"{money(base * div, 'en')} per unit a year; widest bar: "
        f"{words.parameter(torn['parameter'].iloc[0], 'en')}; inputs that cross zero: "
        f"{', '.join(flips) or 'none'}.",
        f"{best}相对次优方案的净效益差的龙卷风图，基准为每单位每年{money(base * div, 'zh')}；最宽的"
        f"条为{words.parameter(torn['parameter'].iloc[0], 'zh')}；越过零的参数："
        f"{'、'.join(flips) or '无'}。",
    )
    return Caption(_tornado_title(result, params, lang), subtitle, alt)


def dea_ranking(result: Result, params: Model, lang: Lang) -> Caption:
    """The DEA ranking's words."""
    fr = result.frontier
    n, n_eff = result.n_units, fr.n_efficient[fr.rts]
    less = units.pct(1 - fr.median_score, 0, lang)
    rts = fr.rts.upper()
    title = tr(
        lang,
        f"{n_eff} of {n} units are on the {rts} frontier; the median unit could produce its "
        f"outcome with {less} less of every input",
        f"{n}个单位中{n_eff}个位于{words.abbreviation(rts, 'zh')}前沿；中位单位可在产出不变时将各项"
        f"投入减少{less}",
    )
    outcome = words.column(params.outcome, lang)
    subtitle = tr(
        lang,
        f"Input-oriented {words.abbreviation('DEA', 'en')} scores; inputs: "
        f"{words.inputs(params, 'en')} (yuan a year); output: {outcome}; constant (CRS) and "
        "variable (VRS) returns to scale",
        f"投入导向的{words.abbreviation('DEA', 'zh')}得分；投入：{words.inputs(params, 'zh')}（元/"
        f"年）；产出：{outcome}；规模报酬不变与可变（CRS与VRS）两种设定",
    )
    med = {r: units.fmt(float(np.median(fr.scores[r])), "index") for r in ("crs", "vrs")}
    alt = tr(
        lang,
        f"Efficiency scores of {n} units sorted from 1 down: median {med['crs']} under CRS and "
        f"{med['vrs']} under VRS; {fr.n_efficient['crs']} units efficient under CRS, "
        f"{fr.n_efficient['vrs']} under VRS.",
        f"{n}个单位的效率得分由高到低排列：规模报酬不变时中位数{med['crs']}，可变时{med['vrs']}；有"
        f"效单位分别为{fr.n_efficient['crs']}个和{fr.n_efficient['vrs']}个。",
    )
    return Caption(title, subtitle, alt)


def incentive(result: Result, params: Model, lang: Lang) -> Caption:
    """The reward figure's words."""
    tab = result.reward.table
    budget = tab["net_saving_budget"].to_numpy()
    society = float(tab["net_saving_society"].iloc[0])
    years, rate = params.horizon_years, units.pct(params.discount_rate, 1, lang)
    gain, dw, admin = (
        units.pct(v, 0, lang)
        for v in (params.efficiency_gain, params.deadweight, params.admin_cost_share)
    )
    subtitle = tr(
        lang,
        f"Present value over {years} years at {rate} a year; assumed measured gain {gain} of cost, "
        f"of which {dw} would have happened anyway; administration {admin} of cost; "
        f"{result.n_units} units",
        f"{years}年现值，年折现率{rate}；假设可计量的效率提升为成本的{gain}，其中{dw}本会自然发生；"
        f"管理成本为成本的{admin}；{result.n_units}个单位",
    )
    rows = [
        f"{units.pct(s, 0, lang)}: {money(b, lang)}"
        for s, b in zip(tab["share"], budget, strict=True)
    ]
    alt = tr(
        lang,
        "Bars of the budget's net saving by reward share, "
        + "; ".join(rows)
        + f"; a dashed line marks society's net saving, {money(society, 'en')} at every share.",
        "各奖励比例下财政净节约的柱状图："
        + "；".join(rows).replace(": ", "：")
        + f"；虚线为全社会净节约，任何比例下均为{money(society, 'zh')}。",
    )
    source = words.source(result, lang) + reward_source(lang)
    return Caption(_incentive_title(result, params, lang), subtitle, alt, source)


def reward_source(lang: Lang) -> str:
    """The tail of a reward figure's source line: where the reward shares come from."""
    return tr(lang, "; reward shares: the article (F10, as quoted)", "；奖励比例引自原文（F10）")
