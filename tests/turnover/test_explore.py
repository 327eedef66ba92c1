"""The scenario explorer: the run's own numbers at its lever settings, no refit, the chart in both
languages, refused lever values, and the widget updating its display handles."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from workbench import figures, glossary, screen, units
from workbench import params as parameters
from workbench.errors import ParameterError
from workbench.params import TurnoverDriversParams
from workbench.turnover import explore, schema
from workbench.turnover.scenarios import LEVERS, simulate

ALONE = {"pay_rise_pct": 0.0, "hours_cut": 0.0, "overlap_cut": 0.0}
#: What would refit a model or read data; the explorer must call none of them.
FITS = (
    ("workbench.turnover.schema", "load"),
    ("workbench.turnover.schema", "check_inputs"),
    ("workbench.turnover.pipeline", "run"),
    ("workbench.turnover.pipeline", "estimate_logit"),
    ("workbench.turnover.pipeline", "estimate_cox"),
    ("workbench.turnover.pipeline", "cv_evaluate"),
    ("workbench.turnover.logit", "estimate_logit"),
    ("workbench.turnover.logit", "fit_logit"),
    ("workbench.turnover.scenarios", "estimate_logit"),
    ("workbench.turnover.scenarios", "scenario_model"),
    ("workbench.turnover.cox", "estimate_cox"),
    ("workbench.turnover.prediction", "cv_evaluate"),
    ("workbench.io", "read_table"),
    ("workbench.synth", "workers"),
    ("workbench.figures", "save"),
    ("pandas", "read_csv"),
)


def texts(chart) -> list[str]:
    found = [t.get_text() for t in chart.figure.findobj(Text)]
    return [t for t in found if t.strip()] + [chart.title, chart.subtitle, chart.alt_text]


def test_every_parameter_has_a_short_label_in_both_languages():
    model = TurnoverDriversParams
    for name in model.model_fields:
        en, zh = parameters.label(model, name, "en"), parameters.label(model, name, "zh")
        assert en != name and zh != name, name
        assert 1 <= len(en.split()) <= 5 and en[0].isupper(), en
        assert not glossary.latin_words(zh) and re.search(r"[\u4e00-\u9fff]", zh), zh


def test_the_run_lever_settings_give_the_runs_numbers(result, params):
    cf = result.scenarios.table
    for row in cf.iloc[1:].itertuples():
        view = explore.scenario(result, params, **{k: getattr(row, k) for k in LEVERS})
        got, want = view.table.iloc[-1], cf.loc[row.Index]
        assert got["kind"] != "combined"
        pd.testing.assert_series_equal(got[cf.columns], want, check_names=False)
        assert view.rate == row.rate and view.rate_ci_low == row.rate_ci_low
        assert view.rate_ci_high == row.rate_ci_high
        assert view.exits_averted == pytest.approx(row.exits_averted, rel=1e-12)
    pd.testing.assert_series_equal(view.table.iloc[0][cf.columns], cf.iloc[0], check_names=False)
    assert view.baseline_rate == result.numbers["counterfactual_rates"]["baseline"]
    none = explore.scenario(result, params, **ALONE)
    assert len(none.table) == 1 and none.rate == none.baseline_rate == cf["rate"].iloc[0]


def test_the_starting_scenario_is_the_runs_combined_scenario(result, params):
    start = explore.start(params)
    assert start == {"pay_rise_pct": 5.0, "hours_cut": 2.0, "overlap_cut": 0.1}
    view = explore.scenario(result, params)
    assert list(view.table["kind"]) == ["baseline", *LEVERS, "combined"]
    frame = schema.load(params).frame
    both = simulate(
        frame,
        result.logit_model,
        levers=tuple([v] for v in start.values()),
        combine=True,
        replacement_cost_yuan=params.replacement_cost_yuan,
        employer_oncost_rate=params.employer_oncost_rate,
        overlap_cost_yuan_per_worker=params.overlap_cost_yuan_per_worker,
        n_draws=params.n_draws,
        alpha=params.alpha,
        seed=params.seed,
    ).table
    together = both[(both[list(LEVERS)] != 0).all(axis=1)].iloc[0]
    pd.testing.assert_series_equal(view.table.iloc[-1][both.columns], together, check_names=False)
    assert (view.rate, view.rate_ci_low, view.rate_ci_high) == (
        together["rate"],
        together["rate_ci_low"],
        together["rate_ci_high"],
    )
    assert view.net_saving_yuan is None  # the overlap cut is not costed by default
    assert view.levers == tuple(start.values()) and view.n_draws == params.n_draws


def test_nothing_is_refitted_or_read(result, params, monkeypatch):
    import importlib

    def refuse(*args, **kwargs):
        raise AssertionError("the explorer refitted a model or read data")

    for module, name in FITS:
        monkeypatch.setattr(importlib.import_module(module), name, refuse)
    view = explore.scenario(result, params, pay_rise_pct=15.0, hours_cut=3.0, overlap_cut=0.2)
    assert math.isfinite(view.rate)
    assert explore.chart_html(view, params).startswith('<img class="wb-explorer-chart"')
    handles = _record_displays(monkeypatch)
    box = explore.explorer(result, params)
    box.children[0].value = 30.0
    assert len(handles) == 2 and all(h.updates for h in handles)


@pytest.mark.parametrize(
    ("lever", "values"),
    [
        ("pay_rise_pct", [0.0, 5.0, 20.0, 50.0]),
        ("hours_cut", [0.0, 2.0, 5.0, 10.0]),
        ("overlap_cut", [0.0, 0.1, 0.3]),
    ],
)
def test_a_bigger_lever_lowers_predicted_turnover(result, params, lever, values):
    rates = [explore.scenario(result, params, **(ALONE | {lever: v})).rate for v in values]
    assert all(b < a for a, b in zip(rates, rates[1:], strict=False)), rates
    view = explore.scenario(result, params, **(ALONE | {lever: values[-1]}))
    assert view.rate_ci_low < view.rate < view.rate_ci_high
    assert view.rate_change < 0 and view.exits_averted > 0
    cut = explore.scenario(result, params, **(ALONE | {"pay_rise_pct": -20.0}))
    assert cut.rate > cut.baseline_rate  # a pay cut raises it


@pytest.mark.parametrize(
    ("levers", "words"),
    [
        ({"pay_rise_pct": -100.0}, r"pay_rise_pct values must lie in \(-100, 1000\]"),
        ({"pay_rise_pct": 2000.0}, r"pay_rise_pct values must lie in"),
        ({"hours_cut": 200.0}, r"hours_cut values must lie in \(-168, 168\]"),
        ({"overlap_cut": 1.5}, r"overlap_cut values must lie in \(-1, 1\]"),
        ({"overlap_cut": math.nan}, r"parameter 'overlap_cut'"),
        ({"hours_cut": True}, r"parameter 'hours_cut'"),
        ({"pay_rise_pct": "ten"}, r"parameter 'pay_rise_pct'"),
    ],
)
def test_bad_lever_values_are_refused_as_a_run_refuses_them(result, params, levers, words):
    with pytest.raises(ParameterError, match=words) as refused:
        explore.scenario(result, params, **levers)
    assert explore.ORIGIN in str(refused.value)
    lever, value = next(iter(levers.items()))
    if isinstance(value, float) and math.isfinite(value):
        with pytest.raises(ParameterError) as run:
            parameters.resolve("turnover_drivers", flags=[f"{lever}=[{value}]"])
        assert str(run.value).rsplit(" (", 1)[0] == str(refused.value).rsplit(" (", 1)[0]


def test_a_lever_whose_driver_is_not_in_the_model_is_refused(params):
    drivers = [d for d in params.drivers if d != "weekly_hours"]
    other = TurnoverDriversParams(drivers=drivers, hours_cut=[])
    assert explore.movable(other) == ("pay_rise_pct", "overlap_cut")
    assert explore.start(other)["hours_cut"] == 0.0
    with pytest.raises(ParameterError, match="not in drivers"):
        explore.changed(other, {"hours_cut": 2.0})
    with pytest.raises(ParameterError, match="unknown levers"):
        explore.changed(params, {"pay": 2.0})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_chart_in_both_languages(result, params, lang):
    view = explore.scenario(result, params)
    chart = explore.chart(view, params, lang)
    assert chart.name == "scenario_explorer" and chart.language == lang
    assert chart.width == "full" and chart.synthetic
    assert units.pct(view.rate, 1) in chart.title
    assert units.pct(view.baseline_rate, 1) in chart.title
    assert len(chart.figure.axes[0].get_xticklabels()) == len(view.table) == 5
    words = texts(chart)
    if lang == "zh":
        assert "若关联为因果" in chart.title and "三项同时实施" in " ".join(words)
        for t in [*words, explore.number(view, params, "zh")]:
            assert not glossary.latin_words(t), t
    else:
        assert "would lower predicted turnover" in chart.title
    chart.figure.clear()
    for levers, en, zh in (
        (ALONE, "With no change", "不作改变时"),
        (ALONE | {"pay_rise_pct": -20.0}, "would raise", "升至"),
    ):
        drawn = explore.chart(explore.scenario(result, params, **levers), params, lang)
        assert (zh if lang == "zh" else en) in drawn.title
        drawn.figure.clear()


def test_the_key_number(result, params):
    view = explore.scenario(result, params, **(ALONE | {"pay_rise_pct": 20.0}))
    en, zh = explore.number(view, params, "en"), explore.number(view, params, "zh")
    assert en.startswith(f"Predicted turnover: {units.pct(view.rate, 1)} a year (95% interval")
    assert "fewer leavers" in en and "would cost" in en and "个百分点" in zh
    assert view.net_saving_yuan < 0 and units.money(-view.net_saving_yuan, "zh") in zh
    assert explore.number_html("a < b").endswith(">a &lt; b</p>")


class _Handle:
    def __init__(self, obj):
        self.shown, self.updates = obj, []

    def update(self, obj):
        self.updates.append(obj)


def _record_displays(monkeypatch) -> list[_Handle]:
    import IPython.display

    handles: list[_Handle] = []

    def display(obj, display_id=None, **kwargs):
        assert display_id is True
        handles.append(_Handle(obj))
        return handles[-1]

    monkeypatch.setattr(IPython.display, "display", display)
    return handles


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_explorer_updates_its_display_handles(result, params, monkeypatch, lang):
    import ipywidgets

    p = params.model_copy(update={"language": lang})
    handles = _record_displays(monkeypatch)
    box = explore.explorer(result, p)
    assert isinstance(box, ipywidgets.VBox) and "wb-explorer" in box._dom_classes
    sliders = list(box.children)
    assert [type(s) for s in sliders] == [ipywidgets.FloatSlider] * 3
    assert [s.value for s in sliders] == list(explore.start(p).values())
    assert all(not s.continuous_update for s in sliders)
    label = parameters.label(TurnoverDriversParams, "pay_rise_pct", lang)
    assert sliders[0].description.startswith(label) and ("月薪" in sliders[0].description) == (
        lang == "zh"
    )
    number, picture = handles
    assert number.shown.data.startswith('<p class="wb-explorer-number">')
    image = '<img class="wb-explorer-chart" src="data:image/png;base64,'
    assert picture.shown.data.startswith(image)
    sliders[0].value = 25.0
    assert len(number.updates) == len(picture.updates) == 1
    assert number.updates[0].data != number.shown.data
    assert picture.updates[0].data != picture.shown.data
    view = explore.scenario(result, p, pay_rise_pct=25.0, hours_cut=2.0, overlap_cut=0.1)
    assert number.updates[0].data == explore.number_html(explore.number(view, p))
    sliders[2].value = 0.0
    assert len(picture.updates) == 2 and picture.updates[1].data != picture.updates[0].data


def test_a_separated_run_has_no_explorer(separated_run, monkeypatch):
    import ipywidgets

    r, p, _ = separated_run
    handles = _record_displays(monkeypatch)
    with pytest.raises(ValueError, match="separation"):
        explore.scenario(r, p)
    box = explore.explorer(r, p)
    assert isinstance(box, ipywidgets.HTML) and "wb-explorer" in box._dom_classes
    assert "separation" in box.value and not handles


def test_the_png_is_rendered_in_memory_at_100_dpi(result, params):
    drawn = explore.chart(explore.scenario(result, params), params)
    width = drawn.figure.get_figwidth()
    data = screen.png(drawn)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == pytest.approx(width * 100, abs=2)
    assert not drawn.figure.axes  # cleared once rendered
    assert np.isclose(figures.WIDTHS["full"], width)
