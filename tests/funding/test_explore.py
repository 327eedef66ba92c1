"""workbench.funding.explore: the stress test's scenario explorer, without refitting."""

from __future__ import annotations

import base64
import math
import re

import numpy as np
import pytest

from workbench import datasets, figures, glossary
from workbench.errors import ParameterError
from workbench.funding import explore, inequality, mix, pipeline, run, schema, stress
from workbench.params import FundingDistributionParams
from workbench.units import pct

from .test_charts import CJK_IN_ASCII_BRACKETS, texts

ABSOLUTE = dict(threshold=10.0, threshold_kind="absolute")


@pytest.fixture(scope="module")
def absolute():
    p = FundingDistributionParams(**ABSOLUTE)
    return run(p), p


@pytest.fixture(params=["relative", "absolute"])
def case(request, default_result, default_params, absolute):
    return (default_result, default_params) if request.param == "relative" else absolute


def test_defaults_reproduce_the_pipelines_numbers(case):
    result, p = case
    view = explore.scenario(result, p)
    numbers = result.numbers
    assert view.share_below == numbers["stress_share_below_at_cut_max_diversified"]
    assert view.share_below_reference == numbers["stress_share_below_at_cut_max"]
    expected = numbers["stress_cut_majority_below"]
    assert view.majority_cut_reference == (None if expected is None else expected)
    assert view.majority_cut == result.majority_cut.get(max(p.diversification))
    levels = sorted({min(p.diversification), max(p.diversification)})
    grid = view.curves.loc[result.cuts, levels]
    assert grid.to_numpy().tolist() == result.share_below[levels].to_numpy().tolist()
    assert view.threshold_text == result.threshold_text
    assert (view.cut, view.diversification) == (p.cut_max, max(p.diversification))
    first = result.stress[result.stress["cut"] == 0].set_index("diversification")
    assert view.share_below_baseline == first.loc[max(p.diversification), "share_below"]


def test_a_scenario_neither_refits_nor_reads(monkeypatch, default_result, default_params):
    def refuse(*args, **kwargs):
        raise AssertionError("the explorer must not refit or re-read")

    for module, name in [
        (schema, "load"),
        (schema, "read_organisations"),
        (schema, "validate_organisations"),
        (datasets, "load"),
        (pipeline, "run"),
        (stress, "stress_test"),
        (stress, "diversify"),
        (mix, "concentration"),
        (mix, "primary_source_shares"),
        (inequality, "inequality_summary"),
    ]:
        monkeypatch.setattr(module, name, refuse)
    view = explore.scenario(default_result, default_params, cut=0.3, diversification=0.1)
    explore.chart(view, default_params, "en")
    assert 0 <= view.share_below <= 1


def test_the_levers_move_the_share_the_expected_way(default_result, default_params, absolute):
    def share(result=default_result, p=default_params, **levers):
        return explore.scenario(result, p, **levers).share_below

    cuts = [share(cut=c, diversification=0.0) for c in np.linspace(0, 0.5, 21)]
    assert cuts == sorted(cuts) and cuts[0] == 0 and cuts[-1] > 0.9
    moved = [share(cut=0.3, diversification=y) for y in (0.0, 0.1, 0.2, 0.3, 1.0)]
    assert moved == sorted(moved, reverse=True) and moved[0] > moved[-2] and moved[-1] == 0
    assert (
        share(cut=0.3, threshold=0.9)
        > share(cut=0.3, threshold=0.8)
        > share(cut=0.3, threshold=0.6)
    )
    result, p = absolute
    assert share(result, p, threshold=50.0) > share(result, p, threshold=10.0)
    assert share(result, p, threshold=10.0, cut=0.5) > share(result, p, threshold=10.0, cut=0.1)
    view = explore.scenario(result, p, threshold=10.0, cut=0.0)
    assert view.share_below == view.share_below_baseline > 0  # small organisations, no cut yet


def test_a_cut_between_the_grids_steps_is_exact(default_result, default_params, orgs):
    view = explore.scenario(default_result, default_params, cut=0.27, diversification=0.15)
    assert 0.27 in view.curves.index and len(view.curves) == len(default_result.cuts) + 1
    total = orgs[list(default_params.sources)].sum(axis=1).to_numpy()
    gov = orgs["government_purchase"].to_numpy()
    assert view.share_below == np.mean(total - 0.27 * 0.85 * gov < 0.8 * total)


@pytest.mark.parametrize(
    "levers, name",
    [
        (dict(threshold=1.5), "threshold"),
        (dict(threshold=0.0), "threshold"),
        (dict(threshold=float("nan")), "threshold"),
        (dict(threshold=-1.0, threshold_kind="absolute"), "threshold"),
        (dict(threshold_kind="median"), "threshold_kind"),
        (dict(diversification=1.2), "diversification"),
        (dict(diversification=-0.1), "diversification"),
        (dict(cut=0.6), "cut"),
        (dict(cut=-0.05), "cut"),
        (dict(cut=float("nan")), "cut"),
        (dict(cut=True), "cut"),
        (dict(cut="half"), "cut"),
    ],
)
def test_bad_lever_values_are_parameter_errors(default_result, default_params, levers, name):
    with pytest.raises(ParameterError) as err:
        explore.scenario(default_result, default_params, **levers)
    assert err.value.parameter == name and name in str(err.value)
    assert "scenario explorer" in str(err.value)


def test_the_same_error_as_a_run(default_result):
    from workbench import params

    with pytest.raises(ParameterError) as by_run:
        params.resolve("funding_distribution", flags=["threshold=1.5"])
    with pytest.raises(ParameterError) as by_explorer:
        explore.scenario(default_result, FundingDistributionParams(), threshold=1.5)
    same = "threshold (1.5) must be a fraction in (0, 1] when threshold_kind is relative"
    assert same in str(by_run.value) and same in str(by_explorer.value)
    assert by_run.value.parameter == by_explorer.value.parameter == "threshold"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_in_both_languages(default_result, default_params, lang):
    views = [
        explore.scenario(default_result, default_params),
        explore.scenario(default_result, default_params, cut=0.27, diversification=0.0),
        explore.scenario(default_result, default_params, cut=0.0, threshold=0.9),
    ]
    drawn = [explore.chart(v, default_params, lang) for v in views]
    for chart, view in zip(drawn, views, strict=True):
        assert isinstance(chart, figures.Chart) and chart.language == lang
        assert chart.width == "full" and chart.synthetic
        assert chart.figure.get_figwidth() == pytest.approx(figures.FULL)
        assert all(s.strip() for s in (chart.title, chart.subtitle, chart.alt_text))
        assert pct(view.share_below, 0) in chart.title
        if lang == "zh":
            for text in [*texts(chart), explore.number_text(view, "zh")]:
                assert glossary.latin_words(text) == [], (text, glossary.latin_words(text))
                assert not CJK_IN_ASCII_BRACKETS.search(text), text
    assert len({c.title for c in drawn}) == 3
    assert drawn[0].title != drawn[1].title


def test_the_chart_follows_the_runs_language(default_result):
    p = FundingDistributionParams(language="zh")
    assert explore.chart(explore.scenario(default_result, p), p).language == "zh"


class Recorder:
    """Stands in for IPython's display: records each display and each handle's updates."""

    def __init__(self):
        self.handles = []

    def __call__(self, obj, display_id=None, **kwargs):
        assert display_id is True
        handle = Handle(obj)
        self.handles.append(handle)
        return handle


class Handle:
    def __init__(self, obj):
        self.shown = [obj]

    def update(self, obj):
        self.shown.append(obj)

    @property
    def html(self) -> str:
        return self.shown[-1].data


def _src(html: str) -> bytes:
    found = re.search(r'<img class="wb-explorer-chart" src="data:image/png;base64,([^"]+)"', html)
    assert found, html[:200]
    return base64.b64decode(found.group(1))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explorer_builds_and_updates_its_display_handles(monkeypatch, default_result, lang):
    pytest.importorskip("ipywidgets")
    import IPython.display
    import matplotlib.pyplot as plt

    from workbench import params

    recorder = Recorder()
    monkeypatch.setattr(IPython.display, "display", recorder)
    p = FundingDistributionParams(language=lang)
    pyplot_figures = plt.get_fignums()
    box = explore.explorer(default_result, p)
    assert "wb-explorer" in box._dom_classes
    threshold, kind, cut, moved = box.children
    assert threshold.description.startswith(params.label(type(p), "threshold", lang))
    assert kind.description == params.label(type(p), "threshold_kind", lang)
    assert moved.description.startswith(params.label(type(p), "diversification", lang))
    assert "%" in cut.description and "%" in moved.description
    assert (threshold.value, kind.value, cut.value, moved.value) == (0.8, "relative", 0.5, 0.3)
    assert cut.max == p.cut_max and moved.max == 1
    assert all(not w.continuous_update for w in (threshold, cut, moved))
    chart_handle, number_handle = recorder.handles
    png = _src(chart_handle.html)
    assert png.startswith(b"\x89PNG")
    assert number_handle.html.startswith('<p class="wb-explorer-number">')
    view = explore.scenario(default_result, p)
    assert explore.number_text(view, lang).replace("%", "") in number_handle.html.replace("%", "")

    threshold.value = 0.7  # the first slider, as the browser test moves it
    assert len(chart_handle.shown) == 2 and len(number_handle.shown) == 2
    assert _src(chart_handle.html) != png
    at_70 = explore.scenario(default_result, p, threshold=0.7)
    assert number_handle.html == explore.number_html(at_70, lang)
    assert at_70.share_below < view.share_below  # a lower threshold: fewer below
    cut.value = 0.3
    moved.value = 0.0
    assert len(number_handle.shown) == 4
    expected = explore.scenario(default_result, p, cut=0.3, diversification=0.0, threshold=0.7)
    assert number_handle.html == explore.number_html(expected, lang)

    kind.value = "absolute"  # the threshold slider takes an amount's range, once refreshed
    assert len(number_handle.shown) == 5
    assert threshold.min == 0 and threshold.max > 1 and threshold.value >= threshold.step
    assert threshold.readout_format.endswith("f")
    kind.value = "relative"
    assert threshold.value == 0.7 and threshold.max == 1 and threshold.readout_format == ".0%"
    assert plt.get_fignums() == pyplot_figures  # no figure left open in pyplot


def test_nice_round_numbers():
    assert [explore._nice(v) for v in (0.7, 1, 3, 393.9, 1200)] == [1, 1, 5, 500, 2000]
    assert math.isclose(explore._nice(0.023), 0.05)
