"""The scenario explorer: the default view is the run's, nothing is refitted, the widget updates."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from matplotlib.text import Text

from workbench import glossary, params, synth, units
from workbench.costeff import (
    bootstrap,
    envelopment,
    explore,
    pipeline,
    response,
    run,
    schema,
    uncertainty,
)
from workbench.errors import ParameterError
from workbench.figures import SYNTHETIC_LABEL, SYNTHETIC_LABEL_ZH, Chart
from workbench.params import TechCostEffectivenessParams as Model

P = Model()
CJK = re.compile(r"[\u4e00-\u9fff]")


def texts(chart: Chart) -> list[str]:
    drawn = [t.get_text() for t in chart.figure.findobj(Text) if t.get_text().strip()]
    return drawn + [chart.title, chart.subtitle, chart.source, chart.alt_text]


def test_the_default_view_is_the_pipelines(default_result):
    view, comp = explore.scenario(default_result, P), default_result.comparison
    n = default_result.numbers
    assert view.optimal == comp.optimal == n["optimal_strategy_at_wtp"]
    assert view.psa_optimal == comp.psa_optimal
    assert view.probability == n["probability_optimal_cost_effective"]
    assert view.probabilities == comp.probabilities
    at = comp.nmb[comp.nmb["wtp"] == P.wtp].set_index("strategy")["nmb"]
    assert view.nmb == {s: float(v) for s, v in at.items()}
    assert view.net_saving == n["incentive_net_saving"]
    assert view.net_saving_society == n["incentive_net_saving_society"]
    assert view.break_even_gain == n["incentive_break_even_gain_budget"]
    low = explore.scenario(default_result, P, share=P.reward_share_range[0])
    assert low.net_saving == n["incentive_net_saving_low_share"]
    shown = view.incentive.drop(columns="share").to_numpy()
    assert np.array_equal(shown, default_result.reward.table.drop(columns="share").to_numpy())
    assert view.n_draws == P.psa_draws and view.curves is comp.ceac


def test_the_explorer_refits_and_reads_nothing(default_result, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the explorer refitted or re-read")

    for module, name in [
        (response, "fit_response"),
        (bootstrap, "bootstrap_response"),
        (uncertainty, "psa_bootstrap"),
        (envelopment, "dea_details"),
        (schema, "load"),
        (synth, "programmes"),
        (pipeline, "load"),
        (pipeline, "run"),
    ]:
        monkeypatch.setattr(module, name, refuse)
    view = explore.scenario(default_result, P, wtp=600_000.0, share=0.4, efficiency_gain=0.1)
    assert explore.chart_html(view, P).startswith('<img class="wb-explorer-chart"')
    assert explore.number(view, P)


def test_levers_move_the_numbers_the_expected_way(default_result):
    base = explore.scenario(default_result, P)
    richer = explore.scenario(default_result, P, wtp=2 * P.wtp)
    assert richer.nmb_optimal > base.nmb_optimal  # every strategy has a positive effect
    top = explore.scenario(default_result, P, wtp=P.wtp_max)
    # at the top of the grid the most effective strategy wins most draws
    assert top.probabilities["tech-heavy"] > base.probabilities["tech-heavy"]
    assert top.optimal == "tech-heavy"
    low_share = explore.scenario(default_result, P, share=0.3)
    assert low_share.net_saving > base.net_saving  # less paid out
    assert low_share.net_saving_society == base.net_saving_society  # a transfer
    bigger = explore.scenario(default_result, P, efficiency_gain=0.1)
    assert bigger.net_saving > base.net_saving
    assert bigger.break_even_gain == base.break_even_gain  # independent of the gain
    assert bigger.optimal == base.optimal  # the reward levers leave the decision alone


@pytest.mark.parametrize(
    ("levers", "name"),
    [
        ({"wtp": 2_000_000.0}, "wtp"),  # a check across fields: outside the grid
        ({"wtp": -1.0}, "wtp"),
        ({"wtp": True}, "wtp"),
        ({"wtp": math.nan}, "wtp"),
        ({"efficiency_gain": 0.0}, "efficiency_gain"),
        ({"efficiency_gain": 1.5}, "efficiency_gain"),
        ({"share": 0.6}, "reward_share_range"),
        ({"share": 0.1}, "reward_share_range"),
        ({"share": math.nan}, "reward_share_range"),
        ({"share": "0.4"}, "reward_share_range"),
    ],
)
def test_bad_levers_are_the_runs_parameter_errors(default_result, levers, name):
    with pytest.raises(ParameterError) as err:
        explore.scenario(default_result, P, **levers)
    assert err.value.parameter == name and "from the scenario explorer" in str(err.value)


def test_a_bad_wtp_reads_as_a_run_would_report_it(default_result):
    with pytest.raises(ParameterError) as explored:
        explore.scenario(default_result, P, wtp=2_000_000.0)
    with pytest.raises(ParameterError) as ran:
        params.resolve(Model.ANALYSIS, flags=["wtp=2000000"])
    assert "wtp (2000000.0) must lie within the grid" in str(explored.value)
    assert str(explored.value).rsplit(" (", 1)[0] == str(ran.value).rsplit(" (", 1)[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_chart_in_both_languages(default_result, lang):
    view = explore.scenario(default_result, P, wtp=650_000.0, share=0.3, efficiency_gain=0.08)
    chart = explore.chart(view, P, lang)
    assert chart.name == "scenario" and chart.language == lang and chart.width == "full"
    assert len(chart.figure.axes) == 2
    assert (SYNTHETIC_LABEL if lang == "en" else SYNTHETIC_LABEL_ZH) in chart.source
    assert units.pct(view.share, 0, lang) in chart.title
    assert explore.words.money(view.net_saving, lang) in chart.title
    assert explore.words.strategy(view.optimal, lang) in chart.title
    assert units.pct(view.probability, 0, lang) in chart.title
    for text in texts(chart):
        if lang == "zh":
            assert not glossary.latin_words(text), text
        else:
            assert not CJK.search(text), text
    number = explore.number(view, P, lang)
    assert explore.words.money(view.nmb_optimal, lang) in number
    assert not glossary.latin_words(number) if lang == "zh" else not CJK.search(number)


def test_the_title_follows_the_view(default_result):
    view = explore.scenario(default_result, P)
    moved = explore.scenario(default_result, P, wtp=P.wtp_max, share=0.3)
    assert explore.caption(view, P, "en").title != explore.caption(moved, P, "en").title
    assert "tech-heavy" in explore.caption(moved, P, "en").title
    even = explore.scenario(default_result, P, share=0.3, efficiency_gain=0.02)
    assert "even" in explore.caption(even, P, "en").title  # 2% is the break-even gain at 30%


class Handle:
    """A stand-in for IPython's DisplayHandle: records what it shows."""

    def __init__(self, obj):
        self.shown = [obj.data]

    def update(self, obj):
        self.shown.append(obj.data)


@pytest.fixture
def displayed(monkeypatch):
    import IPython.display

    handles: list[Handle] = []

    def display(obj, display_id=None):
        assert display_id is True
        handles.append(Handle(obj))
        return handles[-1]

    monkeypatch.setattr(IPython.display, "display", display)
    return handles


def test_the_widget_shows_and_updates_its_display_handles(default_result, displayed):
    import ipywidgets

    box = explore.explorer(default_result, P)
    assert isinstance(box, ipywidgets.VBox) and "wb-explorer" in box._dom_classes
    picture, number = displayed
    assert picture.shown[0].startswith('<img class="wb-explorer-chart" src="data:image/png;base64')
    assert number.shown[0].startswith('<p class="wb-explorer-number">')
    wtp, share, gain = box.children
    assert all(isinstance(s, ipywidgets.FloatSlider) for s in box.children)
    assert not any(s.continuous_update for s in box.children)
    assert (wtp.value, share.value, gain.value) == (P.wtp, 0.5, P.efficiency_gain)
    assert (wtp.min, wtp.max, share.min, share.max) == (P.wtp_min, P.wtp_max, 0.3, 0.5)
    assert wtp.description == "Willingness to pay (yuan per percentage point)"
    assert gain.description.startswith(params.label(Model, "efficiency_gain"))
    wtp.value = 600_000.0
    assert len(picture.shown) == len(number.shown) == 2
    assert picture.shown[1] != picture.shown[0] and number.shown[1] != number.shown[0]
    assert "600,000 yuan" in number.shown[1]
    share.value = 0.3
    assert "186.0 million yuan" in number.shown[2]  # the 30% bar of the run's table


def test_the_widget_speaks_the_runs_language(default_result, displayed):
    zh = Model(language="zh")
    box = explore.explorer(default_result, zh)
    assert box.children[0].description == "支付意愿（元/个百分点）"
    assert box.children[2].description.startswith(params.label(Model, "efficiency_gain", "zh"))
    assert "支付意愿为每个百分点10万元" in displayed[1].shown[0]


def test_without_strategies_the_explorer_shows_the_reward(tmp_path, displayed):
    data = tmp_path / "units.csv"
    synth.programmes(n=40, seed=3).drop(columns="strategy").to_csv(data, index=False)
    p = Model(data_path=str(data), response_model="log", n_boot=0)
    with np.errstate(all="ignore"):
        result = run(p)
    view = explore.scenario(result, p, share=0.4)
    assert view.optimal is None and view.probability is None and view.curves is None
    chart = explore.chart(view, p, "en")
    assert len(chart.figure.axes) == 1 and chart.title.startswith("A 40% reward")
    box = explore.explorer(result, p)
    assert len(box.children) == 2  # no willingness to pay without strategies to choose from
    box.children[1].value = 0.1
    assert len(displayed[1].shown) == 2
