"""The scenario explorer: move pay, hours and duty overlap together and see predicted turnover.

The what-ifs of :mod:`~workbench.turnover.scenarios` move one lever at a time over the ranges of
the parameters. Here a researcher sets one value of each lever and sees the combined scenario at
once, recomputed from the run's fitted logit (``Result.logit_model``): the same design matrix,
coefficients, covariance and seeded parametric draws, so nothing is refitted or re-read and the
numbers at a lever setting the run also computed are the run's own.

:func:`scenario` is the computation (a :class:`View`), :func:`chart` draws it, :func:`explorer`
puts sliders on both in a notebook. Nothing here writes to the run folder.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from workbench import figures, screen, units
from workbench import params as parameters
from workbench.errors import ParameterError
from workbench.figures import GREY, PALETTE, tr
from workbench.params.turnover import TurnoverDriversParams
from workbench.turnover import charts, labels
from workbench.turnover.pipeline import Result
from workbench.turnover.scenarios import LEVER_COLUMNS, LEVERS, lever_scenario, scenario_table
from workbench.units import Lang

BLUE, ORANGE = PALETTE[0], PALETTE[1]
#: Each lever's slider: highest value, step, readout format, and its unit (English, Chinese).
SLIDERS: dict[str, tuple[float, float, str, tuple[str, str]]] = {
    "pay_rise_pct": (50.0, 0.5, ".1f", ("% of monthly pay", "月薪的%")),
    "hours_cut": (20.0, 0.5, ".1f", ("hours a week", "小时/周")),
    "overlap_cut": (0.5, 0.01, ".2f", ("index points", "指数点")),
}
ORIGIN = "the scenario explorer"


@dataclass(frozen=True)
class View:
    """What the explorer shows for one value of each lever (see :func:`scenario`).

    Attributes
    ----------
    pay_rise_pct, hours_cut, overlap_cut : float
        The levers: percent of monthly pay, hours a week, duty-overlap index points.
    rate, rate_ci_low, rate_ci_high : float
        Predicted turnover with every lever applied together, fraction a year, and its
        parametric-bootstrap interval.
    baseline_rate : float
        Predicted turnover with no change (the mean fitted probability), fraction a year.
    rate_change : float
        ``rate - baseline_rate``, probability change.
    exits_averted : float
        Leavers a year fewer than at baseline, ``n (baseline_rate - rate)``.
    net_saving_yuan : float or None
        Replacement saving minus the cost of the levers, yuan a year; None when an overlap cut
        is not costed.
    table : pandas.DataFrame
        The rows drawn: ``kind`` (``baseline``, each lever that moves alone, then ``combined``
        when more than one moves) and the columns of
        :func:`~workbench.turnover.scenarios.scenario_table`.
    n_workers, n_draws : int
    alpha : float
    source : tuple of str
        The data's source line in English and Chinese.
    synthetic : bool
    """

    pay_rise_pct: float
    hours_cut: float
    overlap_cut: float
    rate: float
    rate_ci_low: float
    rate_ci_high: float
    baseline_rate: float
    rate_change: float
    exits_averted: float
    net_saving_yuan: float | None
    table: pd.DataFrame
    n_workers: int
    n_draws: int
    alpha: float
    source: tuple[str, str]
    synthetic: bool

    @property
    def levers(self) -> tuple[float, float, float]:
        """(pay rise, hours cut, overlap cut)."""
        return (self.pay_rise_pct, self.hours_cut, self.overlap_cut)


def start(params: TurnoverDriversParams) -> dict[str, float]:
    """Where the sliders start: the first value of each lever's list in the parameters (or 0)."""
    return {k: float(getattr(params, k)[0]) if getattr(params, k) else 0.0 for k in LEVERS}


def changed(params: TurnoverDriversParams, levers: dict[str, Any]) -> TurnoverDriversParams:
    """``params`` with each lever set to one value (0: none), validated as a run validates them.

    Raises
    ------
    ParameterError
        A value the model refuses (out of its range, or a lever whose driver is not in
        ``drivers``), in the words a run would use.
    """
    unknown = sorted(set(levers) - set(LEVERS))
    if unknown:
        raise ParameterError(f"unknown levers {unknown}; the levers are {', '.join(LEVERS)}")
    update = {k: [v] if v != 0 else [] for k, v in levers.items()}
    values = dict(params.model_copy(update=update))  # the fields as given, unserialised
    model = type(params)
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise parameters.explain(exc, model, values, dict.fromkeys(update, ORIGIN)) from None


def movable(params: TurnoverDriversParams) -> tuple[str, ...]:
    """The levers this run can move: those the parameters accept a non-zero value for."""
    out = []
    for lever in LEVERS:
        try:
            changed(params, {lever: SLIDERS[lever][1]})
        except ParameterError:
            continue
        out.append(lever)
    return tuple(out)


def _plan(levers: tuple[float, float, float]) -> list[tuple[str, tuple[float, float, float]]]:
    """(kind, lever values) of each scenario drawn: each moved lever alone, then all together."""
    moved = [k for k, v in enumerate(levers) if v]
    alone = [(LEVERS[k], tuple(levers[j] if j == k else 0.0 for j in range(3))) for k in moved]
    return alone + ([("combined", levers)] if len(moved) > 1 else [])


def _design_frame(result: Result) -> pd.DataFrame:
    """The drivers as the logit saw them (its design columns), for the scenarios' costs."""
    design = result.logit_model.design
    return pd.DataFrame(design.X, columns=design.names)


def scenario(
    result: Result,
    params: TurnoverDriversParams,
    *,
    pay_rise_pct: float | None = None,
    hours_cut: float | None = None,
    overlap_cut: float | None = None,
) -> View:
    """Predicted turnover with a pay rise, an hours cut and an overlap cut applied together.

    Recomputed from ``result.logit_model`` with the scenarios' own functions
    (:func:`~workbench.turnover.scenarios.lever_scenario`,
    :func:`~workbench.turnover.scenarios.scenario_table`): every worker's pay becomes
    ``pay * (1 + x/100)``, hours ``max(hours - h, 0)`` and overlap ``max(overlap - o, 0)``; the
    rate is the mean predicted probability and its interval comes from the run's seeded draws
    ``b_d ~ N(b_hat, V_hat)`` (King, Tomz & Wittenberg 2000), so a lever setting the run also
    computed gives the run's numbers exactly. No model is refitted and no data are read.

    Parameters
    ----------
    result : Result
        A run's result.
    params : TurnoverDriversParams
        The run's parameters (costs, draws, seed, alpha, benchmark).
    pay_rise_pct, hours_cut, overlap_cut : float, optional
        Percent of monthly pay, hours a week, index points; 0 leaves the lever alone; None
        starts from :func:`start`.

    Raises
    ------
    ParameterError
        A lever value the parameter model refuses.
    ValueError
        The run's logit has separation: the coefficients the scenarios need do not exist.
    """
    given = {"pay_rise_pct": pay_rise_pct, "hours_cut": hours_cut, "overlap_cut": overlap_cut}
    p = changed(params, start(params) | {k: v for k, v in given.items() if v is not None})
    levers = tuple(float(getattr(p, k)[0]) if getattr(p, k) else 0.0 for k in LEVERS)
    model = result.logit_model
    if model.separated:
        raise ValueError(
            "no scenarios: the logit's coefficients do not exist (separation in "
            + ", ".join(model.separated)
            + ")"
        )
    frame = _design_frame(result)
    plan = _plan(levers)
    costs = dict(
        employer_oncost_rate=p.employer_oncost_rate,
        overlap_cost_yuan_per_worker=p.overlap_cost_yuan_per_worker,
        columns=LEVER_COLUMNS,
    )
    table = scenario_table(
        model,
        [lever_scenario(frame, model, values, **costs) for _, values in plan],
        replacement_cost_yuan=p.replacement_cost_yuan,
        n_draws=p.n_draws,
        alpha=p.alpha,
        seed=p.seed,
    )
    table.insert(0, "kind", ["baseline", *(kind for kind, _ in plan)])
    last = table.iloc[-1]
    net = float(last["net_saving_yuan"])
    return View(
        *levers,
        rate=float(last["rate"]),
        rate_ci_low=float(last["rate_ci_low"]),
        rate_ci_high=float(last["rate_ci_high"]),
        baseline_rate=float(table["rate"].iloc[0]),
        rate_change=float(last["rate_change"]),
        exits_averted=float(last["exits_averted"]),
        net_saving_yuan=net if np.isfinite(net) else None,
        table=table,
        n_workers=int(result.n_workers),
        n_draws=p.n_draws,
        alpha=p.alpha,
        source=(charts.source(result, "en"), charts.source(result, "zh")),
        synthetic=result.synthetic,
    )


# ----------------------------------------------------------------------------------------------
# the chart and the key number
# ----------------------------------------------------------------------------------------------


def _what(view: View, lang: Lang) -> str:
    return labels.scenario_phrase(*view.levers, lang)


_WORDS = {2: ("two", "两"), 3: ("three", "三")}


def _tick(row: pd.Series, n_moved: int, lang: Lang) -> str:
    if row["kind"] == "baseline":
        return tr(lang, "No change", "不作改变")
    if row["kind"] == "combined":
        return tr(lang, f"All {_WORDS[n_moved][0]} together", f"{_WORDS[n_moved][1]}项同时实施")
    phrase = labels.scenario_phrase(row["pay_rise_pct"], row["hours_cut"], row["overlap_cut"], lang)
    return "\n".join(textwrap.wrap(labels.cap(phrase), 18)) if lang == "en" else phrase


def title(view: View, lang: Lang) -> str:
    """The finding: what the levers together would do to predicted turnover."""
    a, b = units.pct(view.baseline_rate, 1), units.pct(view.rate, 1)
    if not any(view.levers):
        return tr(
            lang,
            f"With no change the logit predicts turnover of {a} a year; move a lever to compare",
            f"不作改变时，逻辑回归预测年离职率为{a}；移动滑块即可比较",
        )
    what = _what(view, lang)
    if a == b:
        return tr(
            lang,
            f"{labels.cap(what)} would leave predicted turnover at about {a} a year",
            f"{what}对预测离职率几乎没有影响（每年约{a}）",
        )
    down = view.rate < view.baseline_rate
    return tr(
        lang,
        f"{labels.cap(what)} would {'lower' if down else 'raise'} predicted turnover from {a} to "
        f"{b} a year, if the association were causal",
        f"若关联为因果，{what}将使预测离职率从每年{a}{'降' if down else '升'}至{b}",
    )


def _draw(ax, view: View, params: TurnoverDriversParams, lang: Lang) -> list[str]:
    """The scenarios as points with their intervals, labelled; returns the tick labels."""
    t = view.table
    x = np.arange(len(t))
    colours = [GREY if k == "baseline" else ORANGE if k == "combined" else BLUE for k in t["kind"]]
    for xi, row, colour in zip(x, t.itertuples(), colours, strict=True):
        low, high = 100 * (row.rate - row.rate_ci_low), 100 * (row.rate_ci_high - row.rate)
        ax.errorbar(
            xi, 100 * row.rate, yerr=[[low], [high]], fmt="o", color=colour, ms=5, capsize=3
        )
    charts.rate_labels(ax, x, t["rate"], digits=1, xytext=(7, 0), ha="left", boxed=True)
    charts.benchmark_line(ax, params, lang, len(t) - 0.55)
    ax.set_ylim(0, charts.rate_ceiling(t, params))
    ax.set_xlim(-0.5, len(t) - 0.5)
    ax.set_ylabel(tr(lang, *charts.RATE_AXIS))
    ax.grid(axis="x", visible=False)
    n_moved = sum(1 for v in view.levers if v)
    ticks = [_tick(row, n_moved, lang) for _, row in t.iterrows()]
    ax.set_xticks(x, ticks)
    return ticks


def chart(view: View, params: TurnoverDriversParams, lang: Lang | None = None) -> figures.Chart:
    """Predicted turnover with no change, with each lever alone and with all of them together."""
    lang = lang or params.language
    fig, ax = figures.figure("full", 2.6)
    ticks = _draw(ax, view, params, lang)
    n = units.fmt(view.n_workers, "count", lang)
    draws = units.fmt(view.n_draws, "count", lang)
    conf = units.pct(1 - view.alpha, 0)
    bench = units.pct(params.benchmark_rate, 0)
    subtitle = tr(
        lang,
        f"Mean predicted chance of leaving within the year for {n} workers, from the run's logit "
        f"(not refitted); bars: {conf} bootstrap interval ({draws} draws); dashed: the article's "
        f"{bench}",
        f"由本次运行的逻辑回归（未重新拟合）对{n}人年内离职概率的平均预测；误差线：{conf}自助法"
        f"区间（{draws}次抽样）；虚线：原文的{bench}",
    )
    shown = tr(lang, "; ", "；").join(
        f"{tick.replace(chr(10), ' ')}{tr(lang, ' ', '：')}{units.pct(rate, 1)}"
        for tick, rate in zip(ticks, view.table["rate"], strict=True)
    )
    alt = tr(
        lang,
        f"Predicted annual turnover with its bootstrap interval for each scenario: {shown}; a "
        f"dashed line marks the article's {bench}.",
        f"各情景的预测年离职率及自助法区间：{shown}；虚线为原文的{bench}。",
    )
    return figures.chart(
        fig,
        "scenario_explorer",
        title=title(view, lang),
        subtitle=subtitle,
        source=view.source[lang == "zh"],
        alt_text=alt,
        synthetic=view.synthetic,
        lang=lang,
    )


def number(view: View, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """The key number in one sentence: the combined rate, its interval and what it would mean."""
    lang = lang or params.language
    rate, base = units.pct(view.rate, 1), units.pct(view.baseline_rate, 1)
    low, high = units.pct(view.rate_ci_low, 1), units.pct(view.rate_ci_high, 1)
    conf = units.pct(1 - view.alpha, 0)
    head = tr(
        lang,
        f"Predicted turnover: {rate} a year ({conf} interval {low} to {high})",
        f"预测年离职率：{rate}（{conf}区间{low}至{high}）",
    )
    if not any(view.levers):
        return head + tr(lang, ", with no change.", "，不作改变。")
    change = units.pp(view.rate_change, 1, lang)
    exits = units.fmt(round(abs(view.exits_averted)), "count", lang)
    fewer = view.exits_averted >= 0
    if view.net_saving_yuan is None:
        money = tr(lang, "the overlap cut is not costed", "职责重叠的降低未计成本")
    else:
        net = units.money(abs(view.net_saving_yuan), lang)
        gain = view.net_saving_yuan >= 0
        money = tr(
            lang,
            f"net of the saving on replacing leavers it would {'save' if gain else 'cost'} "
            f"{net} a year",
            f"计入替换离职者的节省后，每年净{'节省' if gain else '支出'}{net}",
        )
    return head + tr(
        lang,
        f", against {base} with no change ({change}): about {exits} "
        f"{'fewer' if fewer else 'more'} leavers a year if the association were causal; "
        f"{money}.",
        f"，不作改变时为{base}（{change}）；若关联为因果，每年约{'少' if fewer else '多'}{exits}人"
        f"离职；{money}。",
    )


def chart_html(view: View, params: TurnoverDriversParams) -> str:
    """The explorer's chart as an ``<img class="wb-explorer-chart">`` at screen resolution."""
    return screen.chart_html(chart(view, params))


number_html = screen.number_html  # the key number as ``<p class="wb-explorer-number">``


# ----------------------------------------------------------------------------------------------
# the widget
# ----------------------------------------------------------------------------------------------


def _slider(ipywidgets, lever: str, value: float, params: TurnoverDriversParams):
    top, step, readout, unit = SLIDERS[lever]
    lang = params.language
    name = parameters.label(type(params), lever, lang)
    words = tr(lang, f"{name} ({unit[0]})", f"{name}（{unit[1]}）")
    return ipywidgets.FloatSlider(
        value=value,
        min=min(0.0, value),
        max=max(top, value),
        step=step,
        description=words,
        readout_format=readout,
        continuous_update=False,
        style={"description_width": "16em"},
        layout=ipywidgets.Layout(width="40em"),
    )


def unavailable(result: Result, params: TurnoverDriversParams) -> str | None:
    """Why this run cannot be explored, in ``params.language``; None when it can."""
    lang = params.language
    if result.logit_model.separated:
        terms = ", ".join(result.logit_model.separated)
        return tr(
            lang,
            f"No scenario explorer: the logit's coefficients do not exist (separation in {terms}).",
            f"无法进行情景探索：逻辑回归系数不存在（{terms}出现完全分离）。",
        )
    if not movable(params):
        return tr(
            lang,
            "No scenario explorer: monthly pay, weekly hours and duty overlap are not drivers.",
            "无法进行情景探索：月薪、每周工时和职责重叠均不在因素之中。",
        )
    return None


def explorer(result: Result, params: TurnoverDriversParams):
    """Sliders for the pay rise, hours cut and overlap cut, over the chart and the key number.

    On creation the key number and the chart are displayed through IPython display handles; on
    every change of a slider both are recomputed (:func:`scenario`) and the handles updated, so
    without a front end (papermill) the notebook keeps the starting state as HTML. Nothing is
    written to the run folder.

    Returns
    -------
    ipywidgets.Widget
        The sliders (class ``wb-explorer``), or a note when the run cannot be explored.
    """
    import ipywidgets
    from IPython.display import HTML, display

    note = unavailable(result, params)
    if note is not None:
        box = ipywidgets.HTML(number_html(note))
        box.add_class("wb-explorer")
        return box
    first = start(params)
    sliders = {k: _slider(ipywidgets, k, first[k], params) for k in movable(params)}
    view = scenario(result, params, **{k: s.value for k, s in sliders.items()})
    shown_number = display(HTML(number_html(number(view, params))), display_id=True)
    shown_chart = display(HTML(chart_html(view, params)), display_id=True)

    def update(change: dict) -> None:
        try:
            view = scenario(result, params, **{k: s.value for k, s in sliders.items()})
        except ParameterError as exc:
            shown_number.update(HTML(number_html(str(exc))))
            return
        shown_number.update(HTML(number_html(number(view, params))))
        shown_chart.update(HTML(chart_html(view, params)))

    for s in sliders.values():
        s.observe(update, names="value")
    box = ipywidgets.VBox(list(sliders.values()))
    box.add_class("wb-explorer")
    return box
