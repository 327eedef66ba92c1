"""The analysis's figures: one function per figure file, each returning a finished ``Chart``.

Every function takes the run's :class:`~workbench.costeff.pipeline.Result` and parameters and
draws at print width; the title states the finding computed from the result. English figures
write amounts in English words (million yuan), Chinese ones in 万元 and 亿元.
"""

from __future__ import annotations

import numpy as np

from workbench import figures, units
from workbench.costeff import schema, words
from workbench.costeff.pipeline import Result
from workbench.costeff.words import cap, lang_of, money
from workbench.figures import PALETTE, Chart, tr
from workbench.params.costeff import TechCostEffectivenessParams as Model
from workbench.units import Lang

#: The figures a policy brief shows.
BRIEF_FIGURES: tuple[str, ...] = ("response_curve", "ce_plane", "incentive")

_DOTS = "#9a9a9a"
_INK = "#333333"


def _finish(fig, name, result, lang, *, title, subtitle, alt_text, source=None) -> Chart:
    return figures.chart(
        fig,
        name,
        title=title,
        subtitle=subtitle,
        source=source or words.source(result, lang),
        alt_text=alt_text,
        synthetic=result.data_kind == "synthetic",
        lang=lang,
    )


def _colour(result: Result, name: str) -> str:
    """One colour per strategy, the same in every figure (strategies sorted by name)."""
    order = list(result.inputs.strategies)
    return PALETTE[order.index(name) % len(PALETTE)] if name in order else _INK


# ---------------------------------------------------------------------------------------------
# response_curve
# ---------------------------------------------------------------------------------------------


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
        f"Beyond {where} a unit, the next {step} of technology buys less than {thr}; "
        f"{share} of units already spend more",
        f"每单位技术投入超过{where}后，每多投入{step}提升不到{thr}；{share}的单位已超过该点",
    )


def _response_axes(ax, result: Result, p: Model, lang: Lang, xdiv: float, yscale: float):
    r = result.response
    ax.set_xlabel(
        tr(lang, "Technology spend per unit, million yuan a year", "每单位技术投入（万元/年）")
    )
    outcome = words.column(p.outcome, lang)
    ylabel = (
        tr(lang, f"{cap(outcome)}, %", f"{outcome}（%）") if words.is_share(p) else cap(outcome)
    )
    ax.set_ylabel(ylabel)
    ax.set_xlim(0, r.curve["spend"].iloc[-1] / xdiv)
    # the axis follows the data and the curves; a wide band near zero spend is cut off
    shown = np.concatenate([r.units["outcome"], r.curve["fitted"], r.curve["naive"]]) * yscale
    pad = 0.1 * float(np.ptp(shown))
    low, high = schema.OUTCOME_BOUNDS.get(p.outcome, (-np.inf, np.inf))
    ax.set_ylim(max(low * yscale, shown.min() - pad), min(high * yscale, shown.max() + pad))


def _response_labels(ax, result: Result, p: Model, lang: Lang, xdiv: float, yscale: float):
    r, c = result.response, result.response.curve
    end = len(c) - 1
    naive_above = c["naive"].iloc[end] > c["fitted"].iloc[end]
    fitted_label = (
        tr(lang, "staff held fixed; band: 95% interval", "控制人员投入；阴影为95%置信区间")
        if r.adjusted
        else tr(lang, "fitted curve; band: 95% interval", "拟合曲线；阴影为95%置信区间")
    )
    ax.annotate(
        fitted_label, (c["spend"].iloc[end] / xdiv, c["fitted"].iloc[end] * yscale),
        xytext=(-4, -14 if naive_above else 8), textcoords="offset points", ha="right",
        color=PALETTE[0],
    )  # fmt: skip
    if r.adjusted:
        ax.annotate(
            tr(lang, "technology spend only", "仅考虑技术投入"),
            (c["spend"].iloc[end] / xdiv, c["naive"].iloc[end] * yscale),
            xytext=(-4, 8 if naive_above else -14), textcoords="offset points", ha="right",
            color=PALETTE[1],
        )  # fmt: skip
    if 0 < r.x_star < c["spend"].iloc[-1]:
        ax.axvline(r.x_star / xdiv, color=PALETTE[3], ls=":", lw=1.4)
        ax.annotate(
            tr(lang, f"returns diminish\nbeyond {money(r.x_star, lang)}",
               f"超过{money(r.x_star, lang)}\n后回报递减"),
            (r.x_star / xdiv, ax.get_ylim()[0]), xytext=(4, 4), textcoords="offset points",
            color=PALETTE[3], va="bottom",
        )  # fmt: skip
    ax.plot([r.mean_spend / xdiv], [r.y_at_mean * yscale], "o", color=PALETTE[0], ms=6, mec="white")
    gain = words.outcome_change(r.marginal, p, lang, sign=True)
    step = money(p.marginal_step, lang)
    ax.annotate(
        tr(lang, f"mean spend: {gain}\nper {step}", f"平均投入处：每{step}\n提升{gain}"),
        (r.mean_spend / xdiv, r.y_at_mean * yscale), xytext=(-8, 10), textcoords="offset points",
        ha="right", va="bottom",
    )  # fmt: skip


def response_curve(result: Result, params: Model, lang: Lang | None = None) -> Chart:
    """The outcome against technology spend, the fitted curve and where returns diminish."""
    lang = lang_of(params, lang)
    r, c = result.response, result.response.curve
    xdiv = tr(lang, 1e6, 1e4)
    yscale = 100.0 if words.is_share(params) else 1.0
    fig, ax = figures.figure("full", 3.4)
    ax.scatter(
        r.units["spend"] / xdiv, r.units["outcome"] * yscale, s=6, color=_DOTS, alpha=0.5, lw=0
    )
    x = c["spend"] / xdiv
    ax.fill_between(
        x, c["fitted_lower"] * yscale, c["fitted_upper"] * yscale, color=PALETTE[0], alpha=0.2, lw=0
    )
    ax.plot(x, c["fitted"] * yscale, color=PALETTE[0], lw=2.0)
    if r.adjusted:
        ax.plot(x, c["naive"] * yscale, color=PALETTE[1], lw=1.4, ls="--")
    _response_axes(ax, result, params, lang, xdiv, yscale)
    _response_labels(ax, result, params, lang, xdiv, yscale)
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
        + (f"; returns fall below the threshold beyond {where}, where {units.pct(r.beyond, 0)} of "
           "units already are." if r.x_star > 0 else "; no spend clears the threshold."),
        f"{n}个单位的{outcome}与技术投入的散点图，附{curve}拟合曲线及95%置信带。平均投入"
        f"{money(r.mean_spend, lang)}处，每多投入{step}提升{gain}"
        + (f"；超过{where}后回报低于阈值，{units.pct(r.beyond, 0, lang)}的单位已超过该点。"
           if r.x_star > 0 else "；任何投入水平都达不到阈值。"),
    )  # fmt: skip
    return _finish(
        fig, "response_curve", result, lang, title=_response_title(result, params, lang),
        subtitle=subtitle, alt_text=alt,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# ce_plane
# ---------------------------------------------------------------------------------------------


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
            f"支付意愿为{wtp}时，{words.strategy(best, 'zh')}最具成本效果：它是前沿上成本最低的方案",
        )
    return tr(
        lang,
        f"{cap(best)} is the best buy at {wtp}: its ICER against {prev} is "
        f"{words.per_effect(icer, p, lang)}",
        f"支付意愿为{wtp}时，{words.strategy(best, 'zh')}最具成本效果：相对{words.strategy(prev, 'zh')}的"
        f"{words.abbreviation('ICER', 'zh')}为{words.per_effect(icer, p, 'zh')}",
    )


def _plane_points(ax, result: Result, lang: Lang, cdiv: float) -> None:
    comp = result.comparison
    for s, group in comp.draws.groupby("strategy"):
        ax.scatter(
            group["delta_effect"], group["delta_cost"] / cdiv, s=4, alpha=0.12,
            color=_colour(result, s), lw=0,
        )  # fmt: skip
    front = comp.plane[comp.plane["on_frontier"]]
    ax.plot(front["delta_effect"], front["delta_cost"] / cdiv, color=_INK, lw=1.3, zorder=3)
    for row in comp.plane.itertuples():
        colour = _colour(result, row.strategy)
        ax.plot(
            row.delta_effect, row.delta_cost / cdiv, "o", ms=8, zorder=4, color=colour,
            mfc=colour if row.on_frontier else "white", mec=colour,
        )  # fmt: skip
        label = f"{words.strategy(row.strategy, lang)}{tr(lang, ' (', '（')}"
        label += f"{words.status(row.status, lang)}{tr(lang, ')', '）')}"
        ax.annotate(
            label, (row.delta_effect, row.delta_cost / cdiv), xytext=(8, -4),
            textcoords="offset points", va="top", zorder=5,
        )  # fmt: skip


def ce_plane(result: Result, params: Model, lang: Lang | None = None) -> Chart:
    """The cost-effectiveness plane: strategies against the reference, frontier, PSA draws."""
    lang = lang_of(params, lang)
    comp = result.comparison
    if comp is None:
        raise ValueError("ce_plane: the data have fewer than two strategies")
    cdiv = tr(lang, 1e6, 1e4)
    ref = str(comp.plane.loc[comp.plane["status"] == "reference", "strategy"].iloc[0])
    fig, ax = figures.figure("full", 3.6)
    _plane_points(ax, result, lang, cdiv)
    xl = ax.get_xlim()
    xs = np.linspace(min(0.0, xl[0]), xl[1], 2)
    ax.plot(xs, params.wtp * xs / cdiv, ls="--", color=PALETTE[3], lw=1)
    ax.annotate(
        tr(lang, f"willingness to pay\n{words.per_effect(params.wtp, params, 'en')}",
           f"支付意愿\n{words.per_effect(params.wtp, params, 'zh')}"),
        (xs[-1], params.wtp * xs[-1] / cdiv), xytext=(-4, 4), textcoords="offset points",
        ha="right", va="bottom", color=PALETTE[3],
    )  # fmt: skip
    ax.axhline(0, color="#777777", lw=0.7)
    ax.axvline(0, color="#777777", lw=0.7)
    ax.set_xlim(xl)
    refname, eff = words.strategy(ref, lang), words.effect_unit(params, lang)
    ax.set_xlabel(
        tr(
            lang,
            f"Extra effect over {ref}, {eff}s per unit a year",
            f"相对{refname}的增量效果（{eff}/单位/年）",
        )
    )
    ax.set_ylabel(
        tr(
            lang,
            f"Extra cost over {ref}, million yuan a year",
            f"相对{refname}的增量成本（万元/单位/年）",
        )
    )
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
    alt = tr(
        lang,
        f"Cost-effectiveness plane relative to {ref}: " + "; ".join(alt_rows)
        + f". The dashed line is the willingness to pay of {words.per_effect(params.wtp, params, 'en')}.",
        f"相对{refname}的成本效果平面：" + "；".join(alt_rows).replace(" (", "（").replace(")", "）")
        + f"。虚线为支付意愿{words.per_effect(params.wtp, params, 'zh')}。",
    )  # fmt: skip
    return _finish(
        fig, "ce_plane", result, lang, title=_plane_title(result, params, lang),
        subtitle=subtitle, alt_text=alt,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# ceac
# ---------------------------------------------------------------------------------------------


def _ceac_label(ax, w: np.ndarray, prob: np.ndarray, text: str, colour: str) -> None:
    """Label a curve beside it: above its peak, or on its falling side when it peaks at 0."""
    top = int(np.argmax(prob))
    if top >= len(prob) - 3:  # peaks at the right end: label to its left
        where, offset, ha, va = top, (-4, 5), "right", "bottom"
    elif top <= 2:  # peaks at the left end: label where it has fallen to half its peak
        where = top + int(np.argmax(prob[top:] <= prob[top] / 2))
        ax.annotate(
            text, (w[where], prob[where]), xytext=(40, -8), textcoords="offset points",
            ha="left", va="center", color=colour,
            arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6},
        )  # fmt: skip
        return
    else:
        where, offset, ha, va = top, (4, 5), "left", "bottom"
    ax.annotate(
        text,
        (w[where], prob[where]),
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        color=colour,
    )


def ceac(result: Result, params: Model, lang: Lang | None = None) -> Chart:
    """Acceptability curves: the chance each strategy is the cost-effective one."""
    lang = lang_of(params, lang)
    comp = result.comparison
    if comp is None:
        raise ValueError("ceac: the data have fewer than two strategies")
    wdiv = tr(lang, 1e3, 1e4)
    fig, ax = figures.figure("full", 3.0)
    for s, rows in comp.ceac.groupby("strategy", sort=False):
        colour = _colour(result, s)
        ax.plot(rows["wtp"] / wdiv, rows["probability"], color=colour, lw=1.8)
        _ceac_label(
            ax,
            rows["wtp"].to_numpy() / wdiv,
            rows["probability"].to_numpy(),
            words.strategy(s, lang),
            colour,
        )
    ax.axvline(params.wtp / wdiv, color="#777777", ls="--", lw=1)
    ax.annotate(
        tr(lang, " willingness to pay\n used for the decision", " 决策所用的\n 支付意愿"),
        (params.wtp / wdiv, 0.7), color="#555555", va="center",
    )  # fmt: skip
    ax.set_ylim(0, 1.08)
    ax.set_xlim(params.wtp_min / wdiv, params.wtp_max / wdiv)
    eff = words.effect_unit(params, lang)
    ax.set_xlabel(
        tr(lang, f"Willingness to pay, thousand yuan per {eff}", f"支付意愿（万元/{eff}）")
    )
    ax.set_ylabel(tr(lang, "Probability of being cost-effective", "具有成本效果的概率"))
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
        f"Cost-effectiveness acceptability curves: the share of {params.psa_draws:,} "
        f"bootstrap draws of the strategy means in which each strategy has the largest net "
        f"monetary benefit; willingness to pay {lo} to {hi} per {eff}",
        f"{words.abbreviation('CEAC', 'zh')}：在{params.psa_draws:,}次自助抽样中各方案净货币效益最大的"
        f"比例；支付意愿为每{eff}{lo}至{hi}",
    )
    shares = [
        f"{words.strategy(s, lang)} {units.pct(v, 0, lang)}" for s, v in comp.probabilities.items()
    ]
    alt = tr(
        lang,
        f"Acceptability curves of {words.strategies(comp.probabilities, 'en')} over the "
        f"willingness to pay; at {wtp}: " + ", ".join(shares) + ".",
        f"{words.strategies(comp.probabilities, 'zh')}的可接受曲线；支付意愿为{wtp}时："
        + "，".join(shares) + "。",
    )  # fmt: skip
    return _finish(fig, "ceac", result, lang, title=title, subtitle=subtitle, alt_text=alt)


# ---------------------------------------------------------------------------------------------
# tornado
# ---------------------------------------------------------------------------------------------


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


def _tornado_bars(ax, torn, lang: Lang, div: float) -> float:
    base = float(torn["outcome_base"].iloc[0]) / div
    n = len(torn)
    for i, row in enumerate(torn.iloc[::-1].itertuples()):
        ax.barh(i, row.outcome_high / div - base, left=base, color=PALETTE[0], height=0.6)
        ax.barh(i, row.outcome_low / div - base, left=base, color=PALETTE[1], height=0.6)
    first = torn.iloc[0]  # the widest bar, on top: its two halves say which colour is which
    for value, text, colour in (
        (first["outcome_high"], tr(lang, "input high", "参数取高值"), "white"),
        (first["outcome_low"], tr(lang, "input low", "参数取低值"), "black"),
    ):
        ax.annotate(text, ((value / div + base) / 2, n - 1), ha="center", va="center", color=colour)
    return base


def tornado(result: Result, params: Model, lang: Lang | None = None) -> Chart:
    """One-way sensitivity of the net-benefit margin of the best strategy."""
    lang = lang_of(params, lang)
    comp = result.comparison
    if comp is None:
        raise ValueError("tornado: the data have fewer than two strategies")
    torn = comp.tornado
    div = tr(lang, 1e3, 1e4)
    fig, ax = figures.figure("full", 0.42 * len(torn) + 1.3)
    base = _tornado_bars(ax, torn, lang, div)
    ax.set_yticks(
        range(len(torn)), [words.parameter(n, lang) for n in torn["parameter"].iloc[::-1]]
    )
    ax.axvline(base, color=_INK, lw=1)
    ax.axvline(0, color=PALETTE[3], lw=1, ls="--")
    top = len(torn) - 0.45
    ax.annotate(
        tr(lang, "base case", "基准情形"),
        (base, top),
        xytext=(3, 0),
        textcoords="offset points",
        color=_INK,
    )
    ax.annotate(
        tr(lang, "decision flips", "结论改变"),
        (0, top),
        xytext=(-3, 0),
        textcoords="offset points",
        ha="right",
        color=PALETTE[3],
    )
    ax.set_ylim(-0.6, len(torn) - 0.1)
    lo, hi = ax.get_xlim()
    ax.set_xlim(min(lo, -0.12 * (hi - lo)), hi)
    best, other = words.strategy(comp.best, lang), words.strategy(comp.comparator, lang)
    ax.set_xlabel(tr(
        lang, f"Net monetary benefit of {best} minus the best alternative, thousand yuan per unit a year",
        f"{best}与次优方案的净货币效益之差（万元/单位/年）",
    ))  # fmt: skip
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#dddddd")
    wtp = words.per_effect(params.wtp, params, lang)
    subtitle = tr(
        lang,
        f"One-way sensitivity at {wtp}: each strategy's mean cost and effect moved over its 95% "
        "interval and the willingness to pay by ±50%, one at a time; a bar crossing the dashed "
        "line changes the decision",
        f"单因素敏感性分析（支付意愿{wtp}）：各方案的平均成本和效果在95%区间内变动，支付意愿变动±50%，"
        "每次只变一个；越过虚线即改变结论",
    )
    flips = [words.parameter(f, lang) for f in comp.flips]
    alt = tr(
        lang,
        f"Tornado diagram of the margin of {best} over the best alternative, base "
        f"{money(base * div, 'en')} per unit a year; widest bar: {words.parameter(torn['parameter'].iloc[0], 'en')}; "
        f"inputs that cross zero: {', '.join(flips) or 'none'}.",
        f"{best}相对次优方案的净效益差的龙卷风图，基准为每单位每年{money(base * div, 'zh')}；最宽的条为"
        f"{words.parameter(torn['parameter'].iloc[0], 'zh')}；越过零的参数：{'、'.join(flips) or '无'}。",
    )  # fmt: skip
    return _finish(
        fig, "tornado", result, lang, title=_tornado_title(result, params, lang),
        subtitle=subtitle, alt_text=alt,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# dea_ranking
# ---------------------------------------------------------------------------------------------


def dea_ranking(result: Result, params: Model, lang: Lang | None = None) -> Chart:
    """DEA efficiency scores of all units, sorted, under both returns to scale."""
    lang = lang_of(params, lang)
    fr = result.frontier
    fig, ax = figures.figure("full", 3.0)
    for k, rts in enumerate(("crs", "vrs")):
        s = fr.scores[rts]
        ranks = np.arange(1, s.size + 1)
        colour = PALETTE[k]
        ax.plot(ranks, s, color=colour, lw=2.0 if rts == fr.rts else 1.3)
        mid = s.size // 2
        text = tr(
            lang,
            f"{rts.upper()}: {fr.n_efficient[rts]} efficient",
            f"{rts.upper()}：{fr.n_efficient[rts]}个有效",
        )
        ax.annotate(
            text, (ranks[mid], s[mid]), xytext=(0, 8 if rts == "vrs" else -10), textcoords="offset points",
            va="bottom" if rts == "vrs" else "top", color=colour,
        )  # fmt: skip
    ax.axhline(1, color="#777777", lw=0.8)
    ax.set_ylim(0, 1.05)
    ax.set_xlim(0, result.n_units + 1)
    ax.set_xlabel(tr(lang, "Units ranked from most to least efficient", "单位按效率从高到低排序"))
    ax.set_ylabel(tr(lang, "Efficiency score (1 = frontier)", "效率得分（1为前沿）"))
    n, n_eff = result.n_units, fr.n_efficient[fr.rts]
    less = units.pct(1 - fr.median_score, 0, lang)
    rts = fr.rts.upper()
    title = tr(
        lang,
        f"{n_eff} of {n} units are on the {rts} frontier; the median unit could produce its "
        f"outcome with {less} less of every input",
        f"{n}个单位中{n_eff}个位于{words.abbreviation(rts, 'zh')}前沿；中位单位可在产出不变时将各项投入减少{less}",
    )
    outcome = words.column(params.outcome, lang)
    subtitle = tr(
        lang,
        f"Input-oriented {words.abbreviation('DEA', 'en')} scores; inputs: "
        f"{words.inputs(params, 'en')} (yuan a year); output: {outcome}; constant (CRS) and "
        "variable (VRS) returns to scale",
        f"投入导向的{words.abbreviation('DEA', 'zh')}得分；投入：{words.inputs(params, 'zh')}（元/年）；"
        f"产出：{outcome}；规模报酬不变与可变（CRS与VRS）两种设定",
    )
    med = {r: units.fmt(float(np.median(fr.scores[r])), "index") for r in ("crs", "vrs")}
    alt = tr(
        lang,
        f"Efficiency scores of {n} units sorted from 1 down: median {med['crs']} under CRS and "
        f"{med['vrs']} under VRS; {fr.n_efficient['crs']} units efficient under CRS, "
        f"{fr.n_efficient['vrs']} under VRS.",
        f"{n}个单位的效率得分由高到低排列：规模报酬不变时中位数{med['crs']}，可变时{med['vrs']}；"
        f"有效单位分别为{fr.n_efficient['crs']}个和{fr.n_efficient['vrs']}个。",
    )
    return _finish(fig, "dea_ranking", result, lang, title=title, subtitle=subtitle, alt_text=alt)


# ---------------------------------------------------------------------------------------------
# incentive
# ---------------------------------------------------------------------------------------------


def _incentive_title(result: Result, p: Model, lang: Lang) -> str:
    budget = result.reward.table["net_saving_budget"].to_numpy()
    years = p.horizon_years
    one = len(budget) == 1
    if budget.min() >= 0:
        en = (
            f"The reward leaves the budget ahead over {years} years"
            if one
            else f"A larger reward share shrinks the budget's gain, but it stays ahead over {years} years"
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


def incentive(result: Result, params: Model, lang: Lang | None = None) -> Chart:
    """Net saving of the reward scheme to the budget (bars) and to society (one line)."""
    lang = lang_of(params, lang)
    tab = result.reward.table
    div = tr(lang, 1e6, 1e8)
    budget = tab["net_saving_budget"].to_numpy()
    society = float(tab["net_saving_society"].iloc[0])
    fig, ax = figures.figure("full", 3.0)
    xpos = np.arange(len(tab))
    ax.bar(xpos, budget / div, width=0.55, color=PALETTE[0])
    span = max(np.abs(np.append(budget, society))) / div or 1.0
    for i, v in enumerate(budget):
        up = v >= 0
        ax.annotate(
            money(v, lang), (xpos[i], v / div), xytext=(0, 3 if up else -3), textcoords="offset points",
            ha="center", va="bottom" if up else "top",
        )  # fmt: skip
    ax.axhline(society / div, color=PALETTE[2], ls="--", lw=1.4)
    ax.annotate(
        tr(lang, f"society: {money(society, 'en')} at every share", f"全社会：任何比例下均为{money(society, 'zh')}"),
        (xpos[-1] + 0.4, society / div), xytext=(0, -4), textcoords="offset points", ha="right",
        va="top", color=PALETTE[2],
    )  # fmt: skip
    ax.axhline(0, color=_INK, lw=0.8)
    ax.set_xticks(
        xpos,
        [tr(lang, f"{units.pct(s, 0)} reward", f"奖励比例{units.pct(s, 0)}") for s in tab["share"]],
    )
    ax.set_xlim(-0.6, len(tab) - 0.4)
    bottom = min(0.0, budget.min() / div - 0.15 * span)
    ax.set_ylim(bottom, max(0.0, budget.max() / div, society / div) + 0.12 * span)
    ax.set_ylabel(tr(lang, "Net saving, million yuan", "净节约（亿元）"))
    ax.set_title(
        tr(lang, "Budget's net saving at each reward share", "各奖励比例下的财政净节约"),
        loc="left",
        color=PALETTE[0],
    )
    years, rate = params.horizon_years, units.pct(params.discount_rate, 1, lang)
    gain, dw, admin = (
        units.pct(v, 0, lang)
        for v in (params.efficiency_gain, params.deadweight, params.admin_cost_share)
    )
    subtitle = tr(
        lang,
        f"Present value over {years} years at {rate} a year; assumed measured gain {gain} of "
        f"cost, of which {dw} would have happened anyway; administration {admin} of cost; "
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
        "Bars of the budget's net saving by reward share, " + "; ".join(rows)
        + f"; a dashed line marks society's net saving, {money(society, 'en')} at every share.",
        "各奖励比例下财政净节约的柱状图：" + "；".join(rows).replace(": ", "：")
        + f"；虚线为全社会净节约，任何比例下均为{money(society, 'zh')}。",
    )  # fmt: skip
    source = words.source(result, lang) + tr(
        lang, "; reward shares: the article (F10, as quoted)", "；奖励比例引自原文（F10）"
    )
    return _finish(
        fig, "incentive", result, lang, title=_incentive_title(result, params, lang),
        subtitle=subtitle, alt_text=alt, source=source,
    )  # fmt: skip
