"""The analysis's figures: one function per figure file, each returning a finished ``Chart``.

Every function takes the run's :class:`~workbench.costeff.pipeline.Result` and parameters and
draws at print width; the title states the finding computed from the result. English figures
write amounts in English words (million yuan), Chinese ones in 万元 and 亿元.
"""

from __future__ import annotations

import numpy as np

from workbench import figures, units
from workbench.costeff import captions, schema, words
from workbench.costeff.pipeline import Result
from workbench.costeff.words import cap, lang_of, money
from workbench.figures import PALETTE, Chart, tr
from workbench.params.costeff import TechCostEffectivenessParams as Model
from workbench.units import Lang

#: The figures a policy brief shows.
BRIEF_FIGURES: tuple[str, ...] = ("response_curve", "ce_plane", "incentive")

_DOTS = "#9a9a9a"
_INK = "#333333"


def finish(
    fig, name: str, lang: Lang, words_of: captions.Caption, source: str, synthetic: bool
) -> Chart:
    """Add the title block and source line to a drawn figure (shared with the explorer)."""
    # Measure the wrapped title block at the print resolution: text hinted at 100 dpi is a little
    # narrower than at 300 dpi, and a line wrapped to fit at 100 dpi can overrun the saved PNG.
    screen = fig.get_dpi()
    fig.set_dpi(figures.DPI)
    finished = figures.chart(
        fig,
        name,
        title=words_of.title,
        subtitle=words_of.subtitle,
        source=source,
        alt_text=words_of.alt_text,
        synthetic=synthetic,
        lang=lang,
    )
    fig.set_dpi(screen)
    return finished


def _finish(fig, name: str, result: Result, lang: Lang, words_of: captions.Caption) -> Chart:
    source = words_of.source or words.source(result, lang)
    return finish(fig, name, lang, words_of, source, result.data_kind == "synthetic")


def strategy_colour(order, name: str) -> str:
    """One colour per strategy, the same in every figure (``order``: the strategies by name)."""
    order = list(order)
    return PALETTE[order.index(name) % len(PALETTE)] if name in order else _INK


def _colour(result: Result, name: str) -> str:
    return strategy_colour(result.inputs.strategies, name)


# ---------------------------------------------------------------------------------------------
# response_curve
# ---------------------------------------------------------------------------------------------


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
        fitted_label,
        (c["spend"].iloc[end] / xdiv, c["fitted"].iloc[end] * yscale),
        xytext=(-4, -14 if naive_above else 8),
        textcoords="offset points",
        ha="right",
        color=PALETTE[0],
    )
    if r.adjusted:
        ax.annotate(
            tr(lang, "technology spend only", "仅考虑技术投入"),
            (c["spend"].iloc[end] / xdiv, c["naive"].iloc[end] * yscale),
            xytext=(-4, 8 if naive_above else -14),
            textcoords="offset points",
            ha="right",
            color=PALETTE[1],
        )
    if 0 < r.x_star < c["spend"].iloc[-1]:
        ax.axvline(r.x_star / xdiv, color=PALETTE[3], ls=":", lw=1.4)
        ax.annotate(
            tr(
                lang,
                f"returns diminish\nbeyond {money(r.x_star, lang)}",
                f"超过{money(r.x_star, lang)}\n后回报递减",
            ),
            (r.x_star / xdiv, ax.get_ylim()[0]),
            xytext=(4, 4),
            textcoords="offset points",
            color=PALETTE[3],
            va="bottom",
        )
    ax.plot([r.mean_spend / xdiv], [r.y_at_mean * yscale], "o", color=PALETTE[0], ms=6, mec="white")
    gain = words.outcome_change(r.marginal, p, lang, sign=True)
    step = money(p.marginal_step, lang)
    ax.annotate(
        tr(lang, f"mean spend: {gain}\nper {step}", f"平均投入处：每{step}\n提升{gain}"),
        (r.mean_spend / xdiv, r.y_at_mean * yscale),
        xytext=(-8, 10),
        textcoords="offset points",
        ha="right",
        va="bottom",
    )


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
    return _finish(
        fig, "response_curve", result, lang, captions.response_curve(result, params, lang)
    )


# ---------------------------------------------------------------------------------------------
# ce_plane
# ---------------------------------------------------------------------------------------------


def _plane_points(ax, result: Result, lang: Lang, cdiv: float) -> None:
    comp = result.comparison
    for s, group in comp.draws.groupby("strategy"):
        ax.scatter(
            group["delta_effect"],
            group["delta_cost"] / cdiv,
            s=4,
            alpha=0.12,
            color=_colour(result, s),
            lw=0,
        )
    front = comp.plane[comp.plane["on_frontier"]]
    ax.plot(front["delta_effect"], front["delta_cost"] / cdiv, color=_INK, lw=1.3, zorder=3)
    for row in comp.plane.itertuples():
        colour = _colour(result, row.strategy)
        ax.plot(
            row.delta_effect,
            row.delta_cost / cdiv,
            "o",
            ms=8,
            zorder=4,
            color=colour,
            mfc=colour if row.on_frontier else "white",
            mec=colour,
        )
        label = f"{words.strategy(row.strategy, lang)}{tr(lang, ' (', '（')}"
        label += f"{words.status(row.status, lang)}{tr(lang, ')', '）')}"
        ax.annotate(
            label,
            (row.delta_effect, row.delta_cost / cdiv),
            xytext=(8, -4),
            textcoords="offset points",
            va="top",
            zorder=5,
        )


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
        tr(
            lang,
            f"willingness to pay\n{words.per_effect(params.wtp, params, 'en')}",
            f"支付意愿\n{words.per_effect(params.wtp, params, 'zh')}",
        ),
        (xs[-1], params.wtp * xs[-1] / cdiv),
        xytext=(-4, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        color=PALETTE[3],
    )
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
    return _finish(fig, "ce_plane", result, lang, captions.ce_plane(result, params, lang))


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
            text,
            (w[where], prob[where]),
            xytext=(40, -8),
            textcoords="offset points",
            ha="left",
            va="center",
            color=colour,
            arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6},
        )
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


def draw_ceac(ax, curves, order, params: Model, lang: Lang, wtp: float, marker: str) -> float:
    """Draw acceptability curves with ``wtp`` marked (shared with the explorer).

    ``curves`` is :func:`workbench.costeff.uncertainty.ceac` on the grid, ``order`` the strategies
    in colour order and ``marker`` the words beside the dashed line (one phrase per line). Returns
    the divisor of the willingness-to-pay axis (thousand yuan in English, 万元 in Chinese).
    """
    wdiv = tr(lang, 1e3, 1e4)
    for s, rows in curves.groupby("strategy", sort=False):
        colour = strategy_colour(order, s)
        ax.plot(rows["wtp"] / wdiv, rows["probability"], color=colour, lw=1.8)
        _ceac_label(
            ax,
            rows["wtp"].to_numpy() / wdiv,
            rows["probability"].to_numpy(),
            words.strategy(s, lang),
            colour,
        )
    ax.axvline(wtp / wdiv, color="#777777", ls="--", lw=1)
    # the words go to the right of the line, or to its left near the right end of the axis
    left = wtp - params.wtp_min > 0.6 * (params.wtp_max - params.wtp_min)
    lines = marker.split("\n")
    ax.annotate(
        "\n".join(f"{line} " if left else f" {line}" for line in lines),
        (wtp / wdiv, 0.7),
        color="#555555",
        va="center",
        ha="right" if left else "left",
    )
    ax.set_ylim(0, 1.08)
    ax.set_xlim(params.wtp_min / wdiv, params.wtp_max / wdiv)
    eff = words.effect_unit(params, lang)
    ax.set_xlabel(
        tr(lang, f"Willingness to pay, thousand yuan per {eff}", f"支付意愿（万元/{eff}）")
    )
    ax.set_ylabel(tr(lang, "Probability of being cost-effective", "具有成本效果的概率"))
    return wdiv


def ceac(result: Result, params: Model, lang: Lang | None = None) -> Chart:
    """Acceptability curves: the chance each strategy is the cost-effective one."""
    lang = lang_of(params, lang)
    comp = result.comparison
    if comp is None:
        raise ValueError("ceac: the data have fewer than two strategies")
    fig, ax = figures.figure("full", 3.0)
    marker = tr(lang, "willingness to pay\nused for the decision", "决策所用的\n支付意愿")
    draw_ceac(ax, comp.ceac, result.inputs.strategies, params, lang, params.wtp, marker)
    return _finish(fig, "ceac", result, lang, captions.ceac(result, params, lang))


# ---------------------------------------------------------------------------------------------
# tornado
# ---------------------------------------------------------------------------------------------


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
    best = words.strategy(comp.best, lang)
    ax.set_xlabel(
        tr(
            lang,
            f"Net monetary benefit of {best} minus the best alternative, thousand yuan per unit a "
            "year",
            f"{best}与次优方案的净货币效益之差（万元/单位/年）",
        )
    )
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#dddddd")
    return _finish(fig, "tornado", result, lang, captions.tornado(result, params, lang))


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
            text,
            (ranks[mid], s[mid]),
            xytext=(0, 8 if rts == "vrs" else -10),
            textcoords="offset points",
            va="bottom" if rts == "vrs" else "top",
            color=colour,
        )
    ax.axhline(1, color="#777777", lw=0.8)
    ax.set_ylim(0, 1.05)
    ax.set_xlim(0, result.n_units + 1)
    ax.set_xlabel(tr(lang, "Units ranked from most to least efficient", "单位按效率从高到低排序"))
    ax.set_ylabel(tr(lang, "Efficiency score (1 = frontier)", "效率得分（1为前沿）"))
    return _finish(fig, "dea_ranking", result, lang, captions.dea_ranking(result, params, lang))


# ---------------------------------------------------------------------------------------------
# incentive
# ---------------------------------------------------------------------------------------------


def draw_incentive(ax, tab, lang: Lang, chosen: float | None = None) -> None:
    """Bars of the budget's net saving by reward share, society's as a line (shared).

    ``tab`` is :func:`workbench.costeff.reward.incentive`; the bar of the ``chosen`` share, when
    given, is drawn in colour and the others in grey.
    """
    div = tr(lang, 1e6, 1e8)
    budget = tab["net_saving_budget"].to_numpy()
    society = float(tab["net_saving_society"].iloc[0])
    xpos = np.arange(len(tab))
    colours = [
        PALETTE[0] if chosen is None or np.isclose(s, chosen) else _DOTS for s in tab["share"]
    ]
    ax.bar(xpos, budget / div, width=0.55, color=colours)
    span = max(np.abs(np.append(budget, society))) / div or 1.0
    for i, v in enumerate(budget):
        up = v >= 0
        ax.annotate(
            money(v, lang),
            (xpos[i], v / div),
            xytext=(0, 3 if up else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if up else "top",
        )
    ax.axhline(society / div, color=PALETTE[2], ls="--", lw=1.4)
    ax.annotate(
        tr(
            lang,
            f"society: {money(society, 'en')} at every share",
            f"全社会：任何比例下均为{money(society, 'zh')}",
        ),
        (xpos[-1] + 0.4, society / div),
        xytext=(0, -4),
        textcoords="offset points",
        ha="right",
        va="top",
        color=PALETTE[2],
    )
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


def incentive(result: Result, params: Model, lang: Lang | None = None) -> Chart:
    """Net saving of the reward scheme to the budget (bars) and to society (one line)."""
    lang = lang_of(params, lang)
    fig, ax = figures.figure("full", 3.0)
    draw_incentive(ax, result.reward.table, lang)
    return _finish(fig, "incentive", result, lang, captions.incentive(result, params, lang))
