"""The stress test's scenario explorer: move the threshold and the shock, see the result at once.

:func:`scenario` recomputes, from an already computed :class:`~workbench.funding.pipeline.Result`
(its per-organisation amounts, ``Result.amounts``), the share of organisations below the viability
threshold at a chosen cut of government funding and a chosen fraction of it first moved to market
sources; it neither re-reads the organisations file nor re-runs the pipeline. :func:`chart` draws
it as the stress test's chart (:func:`workbench.funding.charts.draw_stress_curves`) with the
chosen cut marked; :func:`explorer` puts both behind sliders in a notebook. Nothing is written to
the run folder.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from workbench import figures, screen
from workbench import params as wparams
from workbench.errors import ParameterError
from workbench.figures import GREY, Chart, tr
from workbench.funding import charts, schema, stress
from workbench.funding.pipeline import MAJORITY, Result, Text, threshold_text
from workbench.params.funding import FundingDistributionParams
from workbench.units import Lang, pct

#: Where a bad lever value comes from, in a ParameterError.
ORIGIN = "the scenario explorer"
#: Resolution of the explorer's chart (a screen, not print).
#: Slider step of the fractions (the cut, the diversification, a relative threshold).
STEP = 0.01


@dataclass(frozen=True)
class View:
    """What the explorer shows for one set of lever values.

    Shares are fractions of organisations; ``cut`` and ``diversification`` are fractions of
    government funding; ``threshold`` is a fraction of the baseline (relative) or an amount in the
    data's unit (absolute).
    """

    cut: float
    diversification: float
    reference: float  # the comparison line's diversification: the smallest in the parameters
    threshold: float
    threshold_kind: str
    threshold_text: Text
    share_below: float  # the key number: at ``cut`` and ``diversification``
    share_below_reference: float  # at ``cut`` and ``reference``
    share_below_baseline: float  # before any cut
    majority_cut: float | None  # smallest cut of the grid with a majority below (None: none)
    majority_cut_reference: float | None  # the same at ``reference``
    cut_max: float
    curves: pd.DataFrame  # index: the grid's cuts and ``cut``; one column per diversification
    gov_label: Text
    label: Text
    source: Text
    synthetic: bool


def defaults(result: Result, params: FundingDistributionParams) -> dict[str, Any]:
    """The levers' starting values: the largest cut, the largest diversification, the threshold.

    At these values :func:`scenario` gives the pipeline's ``stress_share_below_at_cut_max`` (the
    comparison line), ``..._diversified`` (the key number) and ``stress_cut_majority_below``.
    """
    return {
        "threshold": params.threshold,
        "threshold_kind": params.threshold_kind,
        "cut": float(result.cuts.max()),
        "diversification": float(max(params.diversification)),
    }


def _validated(
    params: FundingDistributionParams, changes: dict[str, Any], given: set[str]
) -> FundingDistributionParams:
    """The parameters with ``changes``, checked by the model as a run would check them.

    A bad value is the ParameterError a run gives, naming the explorer as the origin of the
    ``given`` levers (the others keep the run's values).
    """
    values = params.model_copy(update=changes).model_dump()
    try:
        return type(params).model_validate(values)
    except ValidationError as exc:
        origin = {k: ORIGIN if k in given else "the run's parameters" for k in changes}
        raise wparams.explain(exc, type(params), values, origin) from None


def _checked_cut(cut: Any, cut_max: float) -> float:
    """The cut as a float in [0, cut_max], else the ParameterError a parameter would give."""
    number = isinstance(cut, (int, float, np.integer, np.floating)) and not isinstance(cut, bool)
    if not number or not math.isfinite(cut) or not 0 <= cut <= cut_max:
        raise ParameterError(
            f"lever 'cut' = {cut!r} (from {ORIGIN}): expected a fraction of government funding "
            f"from 0 to cut_max ({cut_max:g}) [unit: fraction]",
            parameter="cut",
            origin=ORIGIN,
        )
    return round(float(cut), 10)  # as the grid's cuts are rounded (stress.cut_grid)


def _majority(column: pd.Series) -> float | None:
    hit = column[column >= MAJORITY]
    return float(hit.index.min()) if len(hit) else None


def scenario(
    result: Result,
    params: FundingDistributionParams,
    *,
    cut: float | None = None,
    diversification: float | None = None,
    threshold: float | None = None,
    threshold_kind: str | None = None,
) -> View:
    """Recompute the stress test for one cut, one diversification and one threshold.

    Each organisation's total after moving a fraction y of its government funding to market
    sources and cutting x of it is :math:`T_i' = T_i - x (1 - y) a_{i,gov}`; it is below the
    threshold when :math:`T_i' < \\theta T_i` (relative) or :math:`T_i' < \\theta` (absolute), as
    in :func:`workbench.funding.stress.stress_test`, computed from ``result.amounts``.

    Parameters
    ----------
    result : Result
        The pipeline's result (nothing is refitted or re-read).
    params : FundingDistributionParams
        The run's parameters.
    cut : float, optional
        x, a fraction of government funding in [0, ``cut_max``]; default ``cut_max``.
    diversification : float, optional
        y, a fraction of government funding in [0, 1]; default the largest of
        ``params.diversification``.
    threshold, threshold_kind : optional
        As the parameters of the same names; default the run's.

    Returns
    -------
    View
        The key number, its comparisons and the curves of the chart: the share below against the
        grid's cuts (and ``cut``), for y and for the smallest diversification of the parameters.

    Raises
    ------
    ParameterError
        A lever value outside the parameter's range (checked by the parameter model) or a cut
        outside [0, ``cut_max``].
    """
    levers = dict(
        threshold=threshold, threshold_kind=threshold_kind, diversification=diversification
    )
    given = {k for k, v in levers.items() if v is not None}
    start = defaults(result, params)
    changes = {k: start[k] if v is None else v for k, v in levers.items()}
    changes["diversification"] = [changes["diversification"]]
    checked = _validated(params, changes, given)
    y = float(checked.diversification[0])
    cut_max = start["cut"]
    x = _checked_cut(start["cut"] if cut is None else cut, cut_max)
    gov = result.amounts[:, result.sources.index(result.government_source)]
    reference = float(min(params.diversification))
    levels = sorted({reference, y})
    cuts = np.unique(np.append(result.cuts, x))
    shares = stress.share_below(
        result.amounts.sum(axis=1),
        gov,
        cuts=cuts,
        diversification=levels,
        threshold=checked.threshold,
        threshold_kind=checked.threshold_kind,
    )
    curves = pd.DataFrame(
        shares.T,
        index=pd.Index(cuts, name="cut"),
        columns=pd.Index(levels, name="diversification"),
    )
    grid = curves.loc[result.cuts]
    return View(
        cut=x,
        diversification=y,
        reference=reference,
        threshold=checked.threshold,
        threshold_kind=checked.threshold_kind,
        threshold_text=threshold_text(
            checked.threshold, checked.threshold_kind, checked.amount_unit
        ),
        share_below=float(curves.loc[x, y]),
        share_below_reference=float(curves.loc[x, reference]),
        share_below_baseline=float(curves.loc[0.0, y]),
        majority_cut=_majority(grid[y]),
        majority_cut_reference=_majority(grid[reference]),
        cut_max=cut_max,
        curves=curves,
        gov_label=result.gov_label,
        label=result.label,
        source=result.source,
        synthetic=result.data_kind == "synthetic",
    )


# ----------------------------------------------------------------------------------------------
# words
# ----------------------------------------------------------------------------------------------


def _moved(y: float, lang: Lang) -> str:
    """The words for y moved first ("with 30% moved to market sources first"; empty for none)."""
    if y == 0:
        return ""
    return tr(
        lang, f" with {pct(y, 0)} moved to market sources first", f"先将{pct(y, 0)}转向市场来源后，"
    )


def _reference_text(view: View, lang: Lang) -> str:
    """The comparison line's share in words ("96% with none moved first")."""
    share = pct(view.share_below_reference, 0)
    if view.reference == 0:
        return tr(lang, f"{share} with none moved first", f"不先转移时为{share}")
    moved = pct(view.reference, 0)
    return tr(lang, f"{share} with {moved} moved first", f"先转移{moved}时为{share}")


def _title(view: View, lang: Lang) -> str:
    cut, share, gov = pct(view.cut, 0), pct(view.share_below, 0), view.gov_label.get(lang)
    compare = view.diversification != view.reference
    if view.cut == 0:
        en = f"Before any cut, {share} of organisations are below the threshold"
        zh = f"削减前已有{share}的组织低于门槛"
        return tr(lang, en, zh)
    en = f"A {cut} cut in {gov.lower()} leaves {share} of organisations below the threshold"
    en += _moved(view.diversification, "en")
    zh = f"{_moved(view.diversification, 'zh')}{gov}削减{cut}令{share}的组织低于门槛"
    if compare:
        en += f", against {_reference_text(view, 'en')}"
        zh += f"（{_reference_text(view, 'zh')}）"
    return tr(lang, en, zh)


def _majority_text(view: View, lang: Lang) -> str:
    if view.majority_cut is None:
        return tr(
            lang,
            f"No cut up to {pct(view.cut_max, 0)} pushes most organisations below the threshold.",
            f"削减{pct(view.cut_max, 0)}以内不会令多数组织低于门槛。",
        )
    m = pct(view.majority_cut, 0)
    return tr(
        lang,
        f"From a {m} cut, most organisations are below the threshold.",
        f"削减{m}起多数组织低于门槛。",
    )


def number_text(view: View, lang: Lang) -> str:
    """The key number in one sentence, with the lever values, its comparisons and the majority."""
    share, cut = pct(view.share_below, 1), pct(view.cut, 0)
    gov, theta = view.gov_label.get(lang), view.threshold_text.get(lang)
    base = pct(view.share_below_baseline, 1)
    y = view.diversification
    moved_en = f"{pct(y, 0)} of it first moved to market sources" if y else "none moved first"
    moved_zh = f"先将{pct(y, 0)}转向市场来源" if y else "不先转移"
    compare = y != view.reference
    ref_en = f" ({_reference_text(view, 'en')})" if compare else ""
    ref_zh = f"（{_reference_text(view, 'zh')}）" if compare else ""
    return tr(
        lang,
        f"After a {cut} cut in {gov.lower()}, with {moved_en}, funding falls below {theta} for "
        f"{share} of organisations{ref_en}; {base} are below before any cut. "
        + _majority_text(view, "en"),
        f"{gov}削减{cut}、{moved_zh}时，{share}的组织资金低于{theta}{ref_zh}；削减前为{base}。"
        + _majority_text(view, "zh"),
    )


# ----------------------------------------------------------------------------------------------
# the chart
# ----------------------------------------------------------------------------------------------


def chart(view: View, params: FundingDistributionParams, lang: Lang | None = None) -> Chart:
    """The stress test's chart for one scenario: its lines, with the chosen cut marked."""
    lang = lang or params.language
    fig, ax = figures.figure("full", 2.8)
    gov = view.gov_label.get(lang)
    levels = list(view.curves.columns)
    colours = charts.draw_stress_curves(ax, view.curves, levels, gov, lang)
    colour = colours[levels.index(view.diversification)]
    x, share = 100 * view.cut, 100 * view.share_below
    ax.axvline(x, color=GREY, linestyle="--", linewidth=0.9)
    ax.plot([x], [share], marker="o", markersize=6, color=colour, zorder=5)
    left = view.cut > view.cut_max / 2
    ax.annotate(
        pct(view.share_below, 0),
        xy=(x, share),
        xytext=(-6 if left else 6, 4 if share < 90 else -10),
        textcoords="offset points",
        ha="right" if left else "left",
        va="bottom",
        color=colour,
        fontweight="bold",
    )
    cut = pct(view.cut, 0)
    fig.set_dpi(figures.DPI)  # measure the wrapped texts at print resolution (as charts do)
    return figures.chart(
        fig,
        "stress_scenario",
        title=_title(view, lang),
        subtitle=charts.stress_subtitle(view.threshold_text, gov, view.label, lang)
        + tr(lang, f"; dashed line: the {cut} cut", f"；虚线为削减{cut}"),
        source=view.source.get(lang),
        synthetic=view.synthetic,
        lang=lang,
        alt_text=tr(
            lang,
            f"Lines of the share of organisations below the threshold against cuts of 0 to "
            f"{pct(view.cut_max, 0)}, one per diversification level ({len(levels)}); a dotted "
            f"line marks half of organisations and a dashed line the {cut} cut, where "
            f"{pct(view.share_below, 0)} are below.",
            f"低于门槛的组织比例随削减比例（0至{pct(view.cut_max, 0)}）变化的折线图，每条线对应"
            f"一种多元化水平（共{len(levels)}条）；点线标出半数组织，虚线标出削减{cut}，此时"
            f"{pct(view.share_below, 0)}的组织低于门槛。",
        ),
    )


def chart_html(view: View, params: FundingDistributionParams, lang: Lang | None = None) -> str:
    """The chart as an ``<img class="wb-explorer-chart">`` of a PNG at screen resolution."""
    return screen.chart_html(chart(view, params, lang))


def number_html(view: View, lang: Lang) -> str:
    """The key number as a ``<p class="wb-explorer-number">``."""
    return screen.number_html(number_text(view, lang))


# ----------------------------------------------------------------------------------------------
# the widgets
# ----------------------------------------------------------------------------------------------


def _nice(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value * (1 - 1e-12))


def _threshold_ranges(result: Result, params: FundingDistributionParams) -> dict[str, dict]:
    """Slider settings of the threshold for each kind: min, max, step, format and start value.

    A relative threshold runs over (0, 1]; an absolute one from 0 to a round amount above the
    90th percentile of the organisations' totals, starting (when the run's threshold is relative)
    near their 10th percentile.
    """
    total = result.amounts.sum(axis=1)
    top = float(np.quantile(total, 0.9))
    if params.threshold_kind == "absolute":
        top = max(top, params.threshold)
    top = _nice(top) if top > 0 else 1.0
    step = _nice(top / 200)
    absolute_start = max(step, round(float(np.quantile(total, 0.1)) / step) * step)
    relative_start = FundingDistributionParams.model_fields["threshold"].default
    start = {"relative": relative_start, "absolute": absolute_start}
    start[params.threshold_kind] = params.threshold
    digits = max(0, -math.floor(math.log10(step)))
    return {
        "relative": dict(
            min=STEP, max=1.0, step=STEP, readout_format=".0%", value=start["relative"]
        ),  # fmt: skip
        "absolute": dict(
            min=0.0, max=top, step=step, readout_format=f",.{digits}f", value=start["absolute"]
        ),  # fmt: skip
    }


def _threshold_description(params, kind: str, lang: Lang) -> str:
    name = wparams.label(type(params), "threshold", lang)
    if kind == "relative":
        return name + tr(lang, " (% of own budget)", "（占自身预算%）")
    unit = schema.unit_label(params.amount_unit, lang)
    return name + tr(lang, f" ({unit})", f"（{unit}）")


def explorer(result: Result, params: FundingDistributionParams):
    """Sliders for the threshold and the shock, over the chart and the key number.

    The chart and the number are shown through IPython display handles (so an executed notebook
    keeps the default scenario as ordinary HTML) and updated on every change of a lever. Nothing
    is written to the run folder.

    Returns
    -------
    ipywidgets.VBox
        The levers, with the class ``wb-explorer``.
    """
    import ipywidgets
    from IPython.display import HTML, display

    lang: Lang = params.language
    model = type(params)
    start = defaults(result, params)
    ranges = _threshold_ranges(result, params)
    memory = {kind: r["value"] for kind, r in ranges.items()}
    common = dict(continuous_update=False, style={"description_width": "16em"},
                  layout=ipywidgets.Layout(width="36em"))  # fmt: skip
    gov = result.gov_label.get(lang)
    threshold = ipywidgets.FloatSlider(
        description=_threshold_description(params, start["threshold_kind"], lang),
        **ranges[start["threshold_kind"]],
        **common,
    )
    kinds = {
        "relative": tr(lang, "relative (share of own budget)", "相对（占自身预算比例）"),
        "absolute": tr(lang, "absolute (minimum budget)", "绝对（最低预算）"),
    }
    kind = ipywidgets.Dropdown(
        options=[(text, key) for key, text in kinds.items()],
        value=start["threshold_kind"],
        description=wparams.label(model, "threshold_kind", lang),
        **{k: v for k, v in common.items() if k != "continuous_update"},
    )
    cut = ipywidgets.FloatSlider(
        value=start["cut"], min=0.0, max=start["cut"], step=STEP, readout_format=".0%",
        description=tr(lang, f"Cut in {gov.lower()} (%)", f"{gov}削减比例（%）"),
        **common,
    )  # fmt: skip
    moved = ipywidgets.FloatSlider(
        value=start["diversification"], min=0.0, max=1.0, step=STEP, readout_format=".0%",
        description=wparams.label(model, "diversification", lang) + tr(lang, " (%)", "（%）"),
        **common,
    )  # fmt: skip

    view = scenario(result, params)
    chart_handle = display(HTML(chart_html(view, params, lang)), display_id=True)
    number_handle = display(HTML(number_html(view, lang)), display_id=True)
    busy = [False]

    def refresh(change=None) -> None:
        if busy[0]:
            return
        try:
            now = scenario(
                result,
                params,
                cut=cut.value,
                diversification=moved.value,
                threshold=threshold.value,
                threshold_kind=kind.value,
            )
        except ParameterError as exc:
            number_handle.update(HTML(screen.number_html(str(exc))))
            return
        chart_handle.update(HTML(chart_html(now, params, lang)))
        number_handle.update(HTML(number_html(now, lang)))

    def switch_kind(change) -> None:
        """Give the threshold slider the new kind's range, and its last value of that kind."""
        memory[change["old"]] = threshold.value
        new = ranges[change["new"]]
        busy[0] = True
        try:  # widen, set the value, then narrow: every step keeps min <= value <= max
            threshold.min = min(threshold.min, new["min"])
            threshold.max = max(threshold.max, new["max"])
            threshold.value = memory[change["new"]]
            threshold.min, threshold.max = new["min"], new["max"]
            threshold.step, threshold.readout_format = new["step"], new["readout_format"]
            threshold.description = _threshold_description(params, change["new"], lang)
        finally:
            busy[0] = False
        refresh()

    for widget in (threshold, cut, moved):
        widget.observe(refresh, names="value")
    kind.observe(switch_kind, names="value")
    box = ipywidgets.VBox([threshold, kind, cut, moved])
    box.add_class("wb-explorer")
    return box
