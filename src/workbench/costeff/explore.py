"""The scenario explorer: move the decision's last levers and see the answer change at once.

Three levers change only the last step of the analysis: the willingness to pay (``wtp``), the
share of measured savings returned to staff (within ``reward_share_range``) and the measured
``efficiency_gain``. :func:`scenario` recomputes, from the already-fitted
:class:`~workbench.costeff.pipeline.Result`, the optimal strategy and its net monetary benefit at
that willingness to pay, the chance it is cost-effective (from the PSA draws kept in the result:
no new draws) and the reward scheme's net saving to the budget at that share. Nothing is refitted
or re-read: the response curves, the DEA and the PSA stay as the run left them. :func:`chart`
draws the view with the run's own chart code; :func:`explorer` puts sliders on it in a notebook.
The explorer writes nothing to the run folder.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pydantic import ValidationError

from workbench import figures, screen, units
from workbench import params as parameters
from workbench.costeff import captions, charts, reward, strategies, uncertainty, words
from workbench.costeff.pipeline import Result
from workbench.costeff.words import cap, lang_of, money
from workbench.errors import ParameterError
from workbench.figures import PALETTE, Chart, tr
from workbench.params.costeff import TechCostEffectivenessParams as Model
from workbench.units import Lang

ORIGIN = "the scenario explorer"


@dataclass(frozen=True)
class View:
    """What the explorer shows for one setting of the levers."""

    wtp: float  # yuan per effect unit
    share: float  # fraction of measured savings paid as rewards
    efficiency_gain: float  # measured saving, fraction of cost a year
    optimal: str | None  # largest NMB at wtp (None: fewer than two strategies)
    nmb: dict[str, float]  # strategy -> NMB at wtp, yuan per unit a year
    psa_optimal: str | None  # largest expected NMB over the PSA draws
    probability: float | None  # chance psa_optimal has the largest NMB at wtp
    probabilities: dict[str, float]  # every strategy's chance at wtp
    n_draws: int  # PSA draws the chances come from
    curves: pd.DataFrame | None  # the run's acceptability curves on the grid
    strategies: tuple[str, ...]  # every strategy, in colour order
    incentive: pd.DataFrame  # reward.incentive at the shares shown (the chosen one included)
    net_saving: float  # the budget's net saving at share, yuan, present value
    net_saving_society: float  # yuan, present value (the same at every share)
    break_even_gain: float  # the budget's break-even gain at share, fraction of cost
    source: tuple[str, str]  # the data's source line, English and Chinese
    synthetic: bool

    @property
    def nmb_optimal(self) -> float | None:
        """NMB of the optimal strategy at wtp, yuan per unit a year."""
        return self.nmb[self.optimal] if self.optimal else None


def _checked(params: Model, **changes) -> Model:
    """``params`` with ``changes``, validated by the model: a bad value is a ParameterError."""
    values = params.model_copy(update=changes).model_dump()
    try:
        return type(params).model_validate(values)
    except ValidationError as exc:
        origin = dict.fromkeys(changes, ORIGIN)
        raise parameters.explain(exc, type(params), values, origin) from None


def _share(params: Model, share: float | None) -> float:
    low, high = params.reward_share_range
    if share is None:
        return float(high)  # the share of the headline incentive_net_saving
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not low <= share <= high:
        raise ParameterError(
            f"reward share {share!r} (from {ORIGIN}) must lie within reward_share_range "
            f"[{low}, {high}] [unit: fraction]",
            parameter="reward_share_range",
            origin=ORIGIN,
        )
    return float(share)


def _incentive(result: Result, p: Model, share: float) -> pd.DataFrame:
    """The reward at the run's low, middle and high shares and at ``share``, by share."""
    low, high = p.reward_share_range
    shown = list(np.linspace(low, high, 3)) if high > low else [low]
    if not np.isclose(shown, share).any():
        shown.append(share)
    base = result.reward.baseline
    rows = [
        reward.incentive(
            base,
            p.efficiency_gain,
            (s, s),
            admin_cost=p.admin_cost_share * base,
            deadweight=p.deadweight,
            n_shares=1,
            years=p.horizon_years,
            rate=p.discount_rate,
        )
        for s in sorted(shown)
    ]
    return pd.concat(rows, ignore_index=True)


def scenario(
    result: Result,
    params: Model,
    *,
    wtp: float | None = None,
    share: float | None = None,
    efficiency_gain: float | None = None,
) -> View:
    """Recompute the decision at other lever values, from the fitted ``result`` alone.

    Parameters
    ----------
    result : Result
        The run's result (its strategy means, PSA draws and reward baseline are reused).
    params : Model
        The run's parameters.
    wtp : float, optional
        Willingness to pay, yuan per effect unit, within ``wtp_min`` to ``wtp_max``; default
        ``params.wtp``.
    share : float, optional
        Share of measured savings returned as rewards, within ``reward_share_range``; default its
        high end (the share of ``incentive_net_saving``).
    efficiency_gain : float, optional
        Measured saving, fraction of cost a year, in (0, 1]; default ``params.efficiency_gain``.

    Returns
    -------
    View
        The optimal strategy and its NMB (``argmax_s wtp E_s - C_s`` on the strategy means), the
        PSA's expected optimum and each strategy's chance of the largest NMB over the run's draws,
        and the budget's net saving ``(1 - d) S - s S - A`` at the share (see
        :func:`workbench.costeff.reward.incentive`).

    Raises
    ------
    ParameterError
        A lever outside its parameter's range, as a run would report it.
    """
    changes = {
        "wtp": params.wtp if wtp is None else wtp,
        "efficiency_gain": params.efficiency_gain if efficiency_gain is None else efficiency_gain,
    }
    p = _checked(params, **changes)
    chosen = _share(p, share)
    comp = result.comparison
    optimal, nmb, psa_optimal, probability, probabilities, n_draws = None, {}, None, None, {}, 0
    if comp is not None:
        at = strategies.nmb_table(comp.summary, [p.wtp])
        nmb = {str(s): float(v) for s, v in zip(at["strategy"], at["nmb"], strict=True)}
        optimal = strategies.optimal_strategy(comp.summary, p.wtp)
        chances = uncertainty.ceac(comp.psa, [p.wtp]).set_index("strategy")["probability"]
        probabilities = {s: float(chances.loc[s]) for s in comp.psa.strategies}
        psa_optimal = str(uncertainty.evpi(comp.psa, [p.wtp])["optimal_strategy"].iloc[0])
        probability, n_draws = probabilities[psa_optimal], comp.psa.n_draws
    table = _incentive(result, p, chosen)
    row = table.loc[np.isclose(table["share"], chosen)].iloc[0]
    return View(
        wtp=float(p.wtp),
        share=chosen,
        efficiency_gain=float(p.efficiency_gain),
        optimal=optimal,
        nmb=nmb,
        psa_optimal=psa_optimal,
        probability=probability,
        probabilities=probabilities,
        n_draws=n_draws,
        curves=comp.ceac if comp is not None else None,
        strategies=tuple(result.inputs.strategies),
        incentive=table,
        net_saving=float(row["net_saving_budget"]),
        net_saving_society=float(row["net_saving_society"]),
        break_even_gain=float(row["break_even_gain_budget"]),
        source=(words.source(result, "en"), words.source(result, "zh")),
        synthetic=result.data_kind == "synthetic",
    )


# ---------------------------------------------------------------------------------------------
# words
# ---------------------------------------------------------------------------------------------


def _decision(view: View, params: Model, lang: Lang) -> str:
    """The strategy half of the title: the best buy at wtp and how sure the PSA is."""
    wtp, best = words.per_effect(view.wtp, params, lang), words.strategy(view.optimal, lang)
    prob = units.pct(view.probability, 0, lang)
    if view.psa_optimal == view.optimal:
        return tr(
            lang,
            f"At {wtp}, {best} is the best buy, cost-effective in {prob} of draws",
            f"支付意愿为{wtp}时，{best}最具成本效果，在{prob}的抽样中胜出",
        )
    other = words.strategy(view.psa_optimal, lang)
    return tr(
        lang,
        f"At {wtp}, {best} is the best buy on the means, but {other} wins {prob} of draws",
        f"支付意愿为{wtp}时，按均值{best}最具成本效果，但{other}在{prob}的抽样中胜出",
    )


def _budget(view: View, params: Model, lang: Lang) -> str:
    """The reward half of the title: what the chosen share leaves the budget."""
    share, amount = units.pct(view.share, 0, lang), money(abs(view.net_saving), lang)
    years = params.horizon_years
    if not any(c in "123456789" for c in amount):  # rounds to nothing: the break-even share
        return tr(
            lang,
            f"a {share} reward leaves the budget even over {years} years",
            f"奖励比例为{share}时，{years}年内财政收支相抵",
        )
    if view.net_saving >= 0:
        return tr(
            lang,
            f"a {share} reward leaves the budget {amount} ahead over {years} years",
            f"奖励比例为{share}时，{years}年内财政净节约{amount}",
        )
    return tr(
        lang,
        f"a {share} reward costs the budget {amount} over {years} years",
        f"奖励比例为{share}时，{years}年内财政净支出{amount}",
    )


def caption(view: View, params: Model, lang: Lang) -> captions.Caption:
    """The explorer chart's title (computed from the view), subtitle and alt text."""
    budget = _budget(view, params, lang)
    if view.optimal is None:
        title = cap(budget) if lang == "en" else budget
    else:
        title = _decision(view, params, lang) + tr(lang, "; ", "；") + budget
    years, rate = params.horizon_years, units.pct(params.discount_rate, 1, lang)
    gain = units.pct(view.efficiency_gain, 1, lang)
    reward_words = tr(
        lang,
        f"the budget's net saving at each reward share (chosen share in colour), present value "
        f"over {years} years at {rate} a year, assumed measured gain {gain} of cost",
        f"各奖励比例下的财政净节约（所选比例着色），{years}年现值，年折现率{rate}，假设可计量的效率"
        f"提升为成本的{gain}",
    )
    rows = [
        f"{units.pct(s, 0, lang)}{tr(lang, ': ', '：')}{money(b, lang)}"
        for s, b in zip(view.incentive["share"], view.incentive["net_saving_budget"], strict=True)
    ]
    society = money(view.net_saving_society, lang)
    reward_alt = tr(
        lang,
        "Bars of the budget's net saving by reward share, "
        + "; ".join(rows)
        + f"; society's net saving is {society} at every share.",
        "各奖励比例下财政净节约的柱状图：" + "；".join(rows) + f"；全社会净节约均为{society}。",
    )
    if view.optimal is None:
        return captions.Caption(
            title, cap(reward_words) if lang == "en" else reward_words, reward_alt
        )
    psa = words.abbreviation("PSA", lang)
    subtitle = tr(
        lang,
        f"Top: acceptability curves from {view.n_draws:,} {psa} draws, dots at the chosen "
        f"willingness to pay; bottom: {reward_words}",
        f"上图：基于{view.n_draws:,}次{psa}抽样的可接受曲线，圆点为所选支付意愿处的概率；下图："
        f"{reward_words}",
    )
    chances = [
        f"{words.strategy(s, lang)} {units.pct(v, 0, lang)}" for s, v in view.probabilities.items()
    ]
    wtp = words.per_effect(view.wtp, params, lang)
    alt = tr(
        lang,
        f"Acceptability curves with the willingness to pay of {wtp} marked; there: "
        + ", ".join(chances)
        + ". "
        + reward_alt,
        f"可接受曲线，标出支付意愿{wtp}；该处：" + "，".join(chances) + "。" + reward_alt,
    )
    return captions.Caption(title, subtitle, alt)


def number(view: View, params: Model, lang: Lang | None = None) -> str:
    """The key numbers in one sentence: the decision at wtp and the budget's net saving."""
    lang = lang_of(params, lang)
    share, gain = units.pct(view.share, 0, lang), units.pct(view.efficiency_gain, 1, lang)
    years, net = params.horizon_years, money(view.net_saving, lang)
    budget = tr(
        lang,
        f"Returning {share} of a measured gain of {gain} of cost: the budget's net saving is "
        f"{net} over {years} years (break-even gain {units.pct(view.break_even_gain, 1, lang)}).",
        f"返还{share}的可计量节约（效率提升为成本的{gain}）：{years}年财政净节约{net}（盈亏平衡的效率"
        f"提升为{units.pct(view.break_even_gain, 1, lang)}）。",
    )
    if view.optimal is None:
        return budget
    wtp, best = words.per_effect(view.wtp, params, lang), words.strategy(view.optimal, lang)
    nmb, prob = money(view.nmb_optimal, lang), units.pct(view.probability, 0, lang)
    winner = words.strategy(view.psa_optimal, lang)
    decision = tr(
        lang,
        f"At {wtp}: the optimal strategy is {best}, net monetary benefit {nmb} per unit a year; "
        f"{winner} is cost-effective in {prob} of {view.n_draws:,} PSA draws. ",
        f"支付意愿为{wtp}时：最优方案为{best}，净货币效益为每单位每年{nmb}；{winner}在"
        f"{view.n_draws:,}次抽样中有{prob}最具成本效果。",
    )
    return decision + budget


# ---------------------------------------------------------------------------------------------
# chart
# ---------------------------------------------------------------------------------------------


def chart(view: View, params: Model, lang: Lang | None = None) -> Chart:
    """The acceptability curves with the chosen willingness to pay, and the reward's bars."""
    lang = lang_of(params, lang)
    if view.curves is None:
        fig, bottom = figures.figure("full", 3.0)
    else:
        fig, (top, bottom) = figures.figure(
            "full", 5.6, nrows=2, gridspec_kw={"height_ratios": [3, 2.4]}
        )
        marker = tr(lang, "chosen\nwillingness to pay", "所选的\n支付意愿")
        wdiv = charts.draw_ceac(top, view.curves, view.strategies, params, lang, view.wtp, marker)
        for s, prob in view.probabilities.items():
            colour = charts.strategy_colour(view.strategies, s)
            top.plot([view.wtp / wdiv], [prob], "o", ms=6, color=colour, mec="white", zorder=4)
        top.set_title(
            tr(lang, "Chance each strategy is the cost-effective one", "各方案最具成本效果的概率"),
            loc="left",
            color=PALETTE[0],
        )
    charts.draw_incentive(bottom, view.incentive, lang, chosen=view.share)
    source = view.source[1 if lang == "zh" else 0] + captions.reward_source(lang)
    return charts.finish(fig, "scenario", lang, caption(view, params, lang), source, view.synthetic)


def chart_html(view: View, params: Model) -> str:
    """The explorer's picture: ``<img class="wb-explorer-chart">`` at screen resolution."""
    return screen.chart_html(chart(view, params))


def number_html(view: View, params: Model) -> str:
    """The explorer's key numbers: ``<p class="wb-explorer-number">``."""
    return screen.number_html(number(view, params))


# ---------------------------------------------------------------------------------------------
# widget
# ---------------------------------------------------------------------------------------------


def _step(span: float, positions: int = 1000) -> float:
    """A round slider step giving about ``positions`` positions over ``span``."""
    return float(10 ** np.floor(np.log10(span / positions)))


def _sliders(result: Result, params: Model) -> dict:
    """The levers' sliders, labelled in ``params.language``, at the parameters' values."""
    import ipywidgets

    lang = params.language
    common = {
        "continuous_update": False,
        "style": {"description_width": "initial"},
        "layout": ipywidgets.Layout(width="40em"),
    }
    found = {}
    if result.comparison is not None:
        eff = words.effect_unit(params, lang)
        found["wtp"] = ipywidgets.FloatSlider(
            value=params.wtp,
            min=params.wtp_min,
            max=params.wtp_max,
            step=_step(params.wtp_max - params.wtp_min),
            readout_format=",.0f",
            description=parameters.label(Model, "wtp", lang)
            + tr(lang, f" (yuan per {eff})", f"（元/{eff}）"),
            **common,
        )
    low, high = params.reward_share_range
    found["share"] = ipywidgets.FloatSlider(
        value=high,
        min=low,
        max=high,
        step=0.01,
        readout_format=".0%",
        disabled=high <= low,
        description=tr(lang, "Reward share (of measured savings)", "奖励比例（占可计量节约）"),
        **common,
    )
    gain = params.efficiency_gain
    found["efficiency_gain"] = ipywidgets.FloatSlider(
        value=gain,
        min=min(0.001, gain),
        max=min(1.0, max(0.25, 2 * gain)),
        step=0.001,
        readout_format=".1%",
        description=parameters.label(Model, "efficiency_gain", lang)
        + tr(lang, " (of cost a year)", "（占年成本）"),
        **common,
    )
    return found


def explorer(result: Result, params: Model):
    """Sliders for the willingness to pay, the reward share and the efficiency gain.

    Shows the chart and the key numbers through IPython display handles and updates them on every
    change, recomputing with :func:`scenario` (no refit). Under papermill the default state stays
    in the notebook as ordinary HTML. Returns the widget box (class ``wb-explorer``).
    """
    import ipywidgets
    from IPython.display import HTML, display

    sliders = _sliders(result, params)
    view = scenario(result, params)
    picture = display(HTML(chart_html(view, params)), display_id=True)
    numbers = display(HTML(number_html(view, params)), display_id=True)

    def refresh(_change=None) -> None:
        now = scenario(result, params, **{name: s.value for name, s in sliders.items()})
        picture.update(HTML(chart_html(now, params)))
        numbers.update(HTML(number_html(now, params)))

    for slider in sliders.values():
        slider.observe(refresh, names="value")
    box = ipywidgets.VBox(list(sliders.values()))
    box.add_class("wb-explorer")
    return box
