"""The scenario explorer: move the governance-spending levers and see the fan chart follow.

The last step of the analysis, the projection of Shanghai's grassroots-governance spending as a
share of revenue, depends only on growth rates set by parameters. :func:`scenario` recomputes it
from a finished :class:`~workbench.fiscal.pipeline.Result` and new lever values (through
:func:`workbench.fiscal.pipeline.governance`, the function the run itself uses): it reads no data
and fits no buoyancy regression. :func:`chart` draws the same figure as
:func:`~workbench.fiscal.charts.governance_fan`, and :func:`explorer` puts sliders and dropdowns
over both. Nothing here writes to the run folder.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from workbench import params as wbparams
from workbench import screen, units
from workbench.errors import ParameterError
from workbench.figures import Chart, tr
from workbench.fiscal import charts, pipeline
from workbench.fiscal.pipeline import Governance, Result
from workbench.params.fiscal import FiscalPressureParams
from workbench.units import Lang

#: The levers, in the explorer's order: the spending path, the revenue path, the horizon.
LEVERS: tuple[str, ...] = (
    "governance_multiple",
    "multiple_reading",
    "spending_growth_mode",
    "spending_growth",
    "revenue_growth_mode",
    "revenue_growth",
    "buoyancy",
    "gdp_growth",
    "horizon_years",
)

#: Slider step and readout of each numeric lever (its range is the model's).
STEPS: dict[str, tuple[float, str]] = {
    "governance_multiple": (0.05, ".2f"),
    "spending_growth": (0.005, ".1%"),
    "revenue_growth": (0.005, ".1%"),
    "buoyancy": (0.05, ".2f"),
    "gdp_growth": (0.005, ".1%"),
    "horizon_years": (1, "d"),
}

#: The dropdowns' choices in English and Chinese.
CHOICES: dict[str, dict[str, tuple[str, str]]] = {
    "multiple_reading": {
        "by": ("by N = (1 + N) × the base", "增加N倍＝基数的1+N倍"),
        "to": ("to N = N × the base", "增加到N倍＝基数的N倍"),
    },
    "spending_growth_mode": {
        "quote": ("the quote", "所引增幅"),
        "direct": ("set directly", "直接设定"),
    },
    "revenue_growth_mode": {
        "direct": ("set directly", "直接设定"),
        "buoyancy": ("buoyancy × GDP growth", "弹性×GDP增速"),
    },
}

#: How each lever's unit is written beside its label (sliders show fractions as percentages).
UNIT_WORDS: dict[str, tuple[str, str]] = {
    "fraction per year": ("% a year", "%/年"),
    "multiple": ("times", "倍"),
    "ratio": ("ratio", "比值"),
    "years": ("years", "年"),
}

#: The levers that matter only under one setting of a mode (the others are greyed out).
ACTIVE_WHEN: dict[str, tuple[str, str]] = {
    "governance_multiple": ("spending_growth_mode", "quote"),
    "multiple_reading": ("spending_growth_mode", "quote"),
    "spending_growth": ("spending_growth_mode", "direct"),
    "revenue_growth": ("revenue_growth_mode", "direct"),
    "buoyancy": ("revenue_growth_mode", "buoyancy"),
    "gdp_growth": ("revenue_growth_mode", "buoyancy"),
}


@dataclass(frozen=True)
class View:
    """What the explorer shows for one setting of the levers.

    ``params`` are the run's parameters with the levers applied (validated by the model);
    ``governance`` the scenario recomputed from them (projection, doubling year, grid and fan);
    ``synthetic`` whether the run's national series was synthetic.
    """

    params: FiscalPressureParams
    governance: Governance
    synthetic: bool

    @property
    def doubling_year(self) -> int | None:
        """First year the governance share of revenue is twice its base-year level, or None."""
        return self.governance.doubling

    @property
    def years_to_double(self) -> int | None:
        """Years from the base year to the doubling year, or None."""
        g = self.governance
        return None if g.doubling is None else g.doubling - g.base_year

    @property
    def end_multiple(self) -> float:
        """The share at the horizon's end, as a multiple of its base-year level."""
        return float(self.governance.projection["share_ratio"].iloc[-1])

    @property
    def spending_growth(self) -> float:
        """The scenario's governance-spending growth, fraction per year."""
        return self.governance.spending_growth

    @property
    def revenue_growth(self) -> float:
        """The scenario's revenue growth, fraction per year."""
        return self.governance.revenue_growth


def with_levers(params: FiscalPressureParams, **levers: Any) -> FiscalPressureParams:
    """``params`` with the levers changed, validated by the model as a run would be.

    Raises
    ------
    TypeError
        For a name that is not one of :data:`LEVERS`.
    ParameterError
        For a value outside the model's range or choices (the message a run gives).
    """
    unknown = [k for k in levers if k not in LEVERS]
    if unknown:
        raise TypeError(f"not a lever of the explorer: {unknown}; the levers: {', '.join(LEVERS)}")
    model = type(params)
    values = dict(params.model_copy(update=levers))  # field -> value, not serialised
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        origin = {k: "the scenario explorer" for k in levers}
        raise wbparams.explain(exc, model, values, origin) from None


def scenario(result: Result, params: FiscalPressureParams, **levers: Any) -> View:
    """The governance scenario for new lever values, recomputed from a finished run.

    Parameters
    ----------
    result : Result
        The run's result (``fiscal.run(params)``); only its governance part and data kind are
        read.
    params : FiscalPressureParams
        The run's parameters.
    **levers
        New values of any of :data:`LEVERS` (the others keep the run's values).

    Returns
    -------
    View
        The scenario's growth rates, projection and doubling year, and the grid's fan over the
        (possibly new) horizon. With no levers it equals the run's own governance numbers.
    """
    p = with_levers(params, **levers)
    g = result.governance
    return View(
        params=p,
        governance=pipeline.governance(p, g.historical_growth, g.historical_years),
        synthetic=result.data_kind == "synthetic",
    )


def _multiple(value: float, lang: Lang) -> str:
    """A multiple of the base-year share: ``17.8×`` / ``17.8倍``, bounded in words."""
    if value < 0.01:
        return tr(lang, "less than 0.01×", "不到0.01倍")
    if value >= 1e5:
        return tr(lang, "more than 100,000×", "超过10万倍")
    return f"{units.number(value, 3, lang)}{tr(lang, '×', '倍')}"


def key_number(view: View, lang: Lang) -> str:
    """The explorer's key number in words: the doubling year, the end multiple, the two rates."""
    g = view.governance
    s, r = units.pct(g.spending_growth, 1, lang), units.pct(g.revenue_growth, 1, lang)
    end, base, m = g.horizon_end, g.base_year, _multiple(view.end_multiple, lang)
    if g.doubling is not None:
        head = tr(
            lang,
            f"The share of revenue doubles in {g.doubling}, {view.years_to_double} "
            f"year{'' if view.years_to_double == 1 else 's'} after {base}",
            f"占收入比重于{g.doubling}年翻一番（{base}年后第{view.years_to_double}年）",
        )
    else:
        head = tr(
            lang,
            f"The share of revenue does not double by {end}",
            f"至{end}年占收入比重仍未翻一番",
        )
    return tr(
        lang,
        f"{head}; by {end} it is {m} its {base} level (spending {s} a year, revenue {r} a year).",
        f"{head}；{end}年为{base}年的{m}（支出年均增长{s}，收入年均增长{r}）。",
    )


def chart(view: View, params: FiscalPressureParams, lang: Lang | None = None) -> Chart:
    """The fan chart of ``view``: the scenario line over the grid's bands (see governance_fan).

    Its words are wrapped for the explorer's resolution (:data:`workbench.screen.DPI`);
    ``params`` give the language.
    """
    return charts.fan_chart(
        view.governance,
        view.params,
        lang or params.language,
        synthetic=view.synthetic,
        name="governance_explorer",
        dpi=screen.DPI,
    )


# ----------------------------------------------------------------------------------------------
# the widget
# ----------------------------------------------------------------------------------------------


def chart_html(view: View, params: FiscalPressureParams) -> str:
    """The chart as an inline PNG at screen resolution (nothing is written to disk)."""
    return screen.chart_html(chart(view, params))


def number_html(view: View, lang: Lang) -> str:
    """The key number as the explorer shows it."""
    return screen.number_html(key_number(view, lang))


def lever_label(params: FiscalPressureParams, name: str, lang: Lang) -> str:
    """A lever's widget label: the parameter's label and, for a number, its unit."""
    text = wbparams.label(type(params), name, lang)
    unit = (type(params).model_fields[name].json_schema_extra or {}).get("unit", "")
    if unit not in UNIT_WORDS:
        return text
    words = UNIT_WORDS[unit][1 if lang == "zh" else 0]
    return f"{text}（{words}）" if lang == "zh" else f"{text} ({words})"


def lever_range(params: FiscalPressureParams, name: str) -> tuple[float, float]:
    """The model's range of a numeric lever (an open lower bound moves up one slider step)."""
    low = high = None
    for c in type(params).model_fields[name].metadata:
        if getattr(c, "ge", None) is not None:
            low = c.ge
        if getattr(c, "gt", None) is not None:
            low = c.gt + STEPS[name][0]
        if getattr(c, "le", None) is not None:
            high = c.le
    if low is None or high is None:
        raise ValueError(f"{name}: the model gives no range for a slider")
    return low, high


def lever_value(params: FiscalPressureParams, name: str, lang: Lang) -> str:
    """A lever's value in words: ``4.0% a year``, ``20 years``, a choice as its dropdown says."""
    value = getattr(params, name)
    if name in CHOICES:
        return CHOICES[name][value][1 if lang == "zh" else 0]
    unit = type(params).model_fields[name].json_schema_extra["unit"]
    return units.fmt(value, unit, lang) if unit in ("fraction per year", "years") else f"{value:g}"


def active(values: dict[str, Any] | FiscalPressureParams, name: str) -> bool:
    """Whether a lever matters under the modes chosen (``values``: lever -> value, or params)."""
    get = values.get if isinstance(values, dict) else lambda k: getattr(values, k)
    mode, wanted = ACTIVE_WHEN.get(name, (None, None))
    return mode is None or get(mode) == wanted


def levers_text(params: FiscalPressureParams, lang: Lang) -> str:
    """The levers that matter and their values: what a report shows in place of the widgets."""
    colon = tr(lang, ": ", "：")
    parts = [
        f"{wbparams.label(type(params), n, lang)}{colon}{lever_value(params, n, lang)}"
        for n in LEVERS
        if active(params, n)
    ]
    return tr(
        lang,
        "Levers at this run's values (they move in JupyterLab): " + "; ".join(parts) + ".",
        "可调参数取本次运行的值（在JupyterLab中可移动）：" + "；".join(parts) + "。",
    )


def _control(w, params: FiscalPressureParams, name: str, lang: Lang):
    """The widget of one lever, at the parameter's value."""
    common = {
        "description": lever_label(params, name, lang),
        "value": getattr(params, name),
        "disabled": not active(params, name),
        "style": {"description_width": "16.5em" if lang == "en" else "11em"},
        "layout": w.Layout(width="37em" if lang == "en" else "32em"),
    }
    if name in CHOICES:
        options = [(pair[1 if lang == "zh" else 0], v) for v, pair in CHOICES[name].items()]
        return w.Dropdown(options=options, **common)
    low, high = lever_range(params, name)
    step, readout = STEPS[name]
    slider = w.IntSlider if isinstance(step, int) else w.FloatSlider
    return slider(
        min=low, max=high, step=step, readout_format=readout, continuous_update=False, **common
    )


def _box(w, children: list, summary: str):
    """The explorer's box; where no front end draws widgets (a report) it reads as ``summary``."""

    class ExplorerBox(w.VBox):
        def _repr_mimebundle_(self, **kwargs):
            bundle = super()._repr_mimebundle_(**kwargs) or {}
            text = f'<p class="wb-explorer-levers">{html.escape(summary)}</p>'
            return {**bundle, "text/plain": summary, "text/html": text}

    box = ExplorerBox(children)
    box.add_class("wb-explorer")
    return box


def explorer(result: Result, params: FiscalPressureParams):
    """Sliders and dropdowns for the levers, over the fan chart and the doubling year.

    On creation it displays the chart and the key number (display handles), so an executed
    notebook shows the default state as plain HTML; every change of a lever recomputes
    :func:`scenario` and updates both. Returns the box of controls (class ``wb-explorer``),
    which a report without widgets shows as :func:`levers_text`.
    """
    import ipywidgets as w
    from IPython.display import HTML, display

    lang = params.language
    controls = {name: _control(w, params, name, lang) for name in LEVERS}
    view = scenario(result, params)
    chart_handle = display(HTML(chart_html(view, params)), display_id=True)
    number_handle = display(HTML(number_html(view, lang)), display_id=True)

    def update(_change=None) -> None:
        values = {n: c.value for n, c in controls.items()}
        for name, control in controls.items():
            control.disabled = not active(values, name)
        try:
            moved = scenario(result, params, **values)
        except ParameterError as exc:  # a value typed past a slider's range
            number_handle.update(HTML(screen.number_html(str(exc))))
            return
        chart_handle.update(HTML(chart_html(moved, params)))
        number_handle.update(HTML(number_html(moved, lang)))

    for control in controls.values():
        control.observe(update, names="value")
    columns = w.HBox(
        [w.VBox([controls[n] for n in LEVERS[:4]]), w.VBox([controls[n] for n in LEVERS[4:8]])],
        layout=w.Layout(flex_flow="row wrap"),
    )
    return _box(w, [columns, controls["horizon_years"]], levers_text(params, lang))
