"""The scenario explorer: the run's own numbers at the run's levers, a full run's numbers at moved
levers, without reading or fitting anything; bad levers refused as a run refuses them; the chart in
both languages; the widget's display handles follow its sliders. Also: every parameter's label."""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pytest
from matplotlib.text import Text

from workbench import figures, params, screen
from workbench.errors import ParameterError
from workbench.fiscal import buoyancy, charts, explore, pipeline, run, schema
from workbench.glossary import latin_words
from workbench.params.fiscal import FiscalPressureParams

ANALYSIS = "fiscal_pressure"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
QUOTED = re.compile(r"增加了近[\d.]+倍|易臻真|澎湃新闻")  # what English figures may quote


@cache
def setup(*flags: str):
    p = params.resolve(ANALYSIS, flags=list(flags))
    return run(p), p


def same_governance(view: explore.View, g: pipeline.Governance) -> None:
    for frame in ("projection", "grid", "firsts", "fan"):
        pd.testing.assert_frame_equal(getattr(view.governance, frame), getattr(g, frame))
    for field in ("growth_by", "growth_to", "quoted_growth", "spending_growth", "revenue_growth"):
        assert getattr(view.governance, field) == getattr(g, field), field
    assert view.doubling_year == g.doubling


# ----------------------------------------------------------------------------------------------
# labels
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FiscalPressureParams.model_fields))
def test_every_parameter_has_a_short_label_in_both_languages(name):
    en = params.label(FiscalPressureParams, name, "en")
    zh = params.label(FiscalPressureParams, name, "zh")
    assert en != name and zh != name
    assert 1 <= len(en.split()) <= 5 and en[0].isupper()
    assert latin_words(zh) == [] and CJK.search(zh)
    assert not re.search(r"\b(per|fraction|yuan)\b|[%()（）]", en + zh)  # no unit


# ----------------------------------------------------------------------------------------------
# scenario
# ----------------------------------------------------------------------------------------------


RUNS = [
    (),
    ("multiple_reading=to", "revenue_growth_mode=buoyancy", "horizon_years=35"),
    ("spending_growth_mode=direct", "spending_growth=0.05", "horizon_years=10"),
]


@pytest.mark.parametrize("flags", RUNS)
def test_at_the_runs_levers_it_gives_the_runs_own_numbers(flags):
    result, p = setup(*flags)
    view = explore.scenario(result, p)
    n = result.numbers
    assert view.params == p
    assert view.doubling_year == n["doubling_year"]
    assert view.years_to_double == n["doubling_years_after_base"]
    assert view.spending_growth == n["projection_spending_growth"]
    assert view.revenue_growth == n["projection_revenue_growth"]
    assert view.governance.quoted_growth == n["governance_spending_growth_annual"]
    same_governance(view, result.governance)
    assert explore.chart(view, p).title == charts.governance_fan(result, p).title


LEVER_SETS = [
    {"revenue_growth": 0.06},
    {"multiple_reading": "to", "governance_multiple": 2.0},
    {"revenue_growth_mode": "buoyancy", "buoyancy": 1.2, "gdp_growth": 0.07},
    {"spending_growth_mode": "direct", "spending_growth": 0.03, "horizon_years": 60},
    {"horizon_years": 3},
]


@pytest.mark.parametrize("levers", LEVER_SETS)
def test_moved_levers_give_what_a_full_run_with_them_gives(levers):
    result, p = setup()
    view = explore.scenario(result, p, **levers)
    full, _ = setup(*(f"{k}={v}" for k, v in levers.items()))
    same_governance(view, full.governance)
    assert view.doubling_year == full.numbers["doubling_year"]
    assert explore.chart(view, p).title == charts.governance_fan(full, view.params).title


def test_it_reads_and_fits_nothing(monkeypatch):
    result, p = setup()

    def refuse(*args, **kwargs):
        raise AssertionError("the explorer must not read or fit")

    monkeypatch.setattr(schema, "load", refuse)
    monkeypatch.setattr(schema, "check_inputs", refuse)
    monkeypatch.setattr(buoyancy, "estimate_buoyancy", refuse)
    monkeypatch.setattr(pipeline, "run", refuse)
    monkeypatch.setattr(pipeline, "_governance", refuse)
    monkeypatch.setattr(pd, "read_csv", refuse)
    monkeypatch.setattr(pd, "read_excel", refuse)
    monkeypatch.setattr(figures, "save", refuse)
    view = explore.scenario(result, p, revenue_growth_mode="buoyancy", horizon_years=30)
    assert view.governance.horizon_end == 2050
    assert "wb-explorer-chart" in explore.chart_html(view, p)
    assert explore.key_number(view, "en")


def test_levers_move_the_doubling_year_the_expected_way():
    result, p = setup()
    base = explore.scenario(result, p)
    faster_revenue = explore.scenario(result, p, revenue_growth=0.08)
    assert faster_revenue.doubling_year > base.doubling_year
    assert faster_revenue.end_multiple < base.end_multiple
    bigger_quote = explore.scenario(result, p, governance_multiple=3.0)
    assert bigger_quote.spending_growth > base.spending_growth
    assert bigger_quote.doubling_year < base.doubling_year
    to = explore.scenario(result, p, multiple_reading="to")
    assert to.spending_growth < base.spending_growth and to.doubling_year > base.doubling_year
    low, high = (
        explore.scenario(result, p, revenue_growth_mode="buoyancy", buoyancy=b) for b in (0.5, 1.5)
    )
    assert high.revenue_growth > low.revenue_growth and high.end_multiple < low.end_multiple
    slow = explore.scenario(result, p, spending_growth_mode="direct", spending_growth=0.05)
    assert slow.doubling_year is None and slow.years_to_double is None
    assert "does not double by 2040" in explore.key_number(slow, "en")
    assert "至2040年占收入比重仍未翻一番" in explore.key_number(slow, "zh")
    short = explore.scenario(result, p, horizon_years=3)
    assert short.doubling_year is None and short.governance.horizon_end == 2023


def test_levers_of_the_other_mode_do_nothing():
    result, p = setup()
    base = explore.scenario(result, p)
    idle = explore.scenario(result, p, spending_growth=0.5, buoyancy=2.0, gdp_growth=0.2)
    same_governance(idle, base.governance)


@pytest.mark.parametrize(
    "name, value",
    [
        ("revenue_growth", 2),
        ("spending_growth", -0.6),
        ("horizon_years", 0),
        ("horizon_years", 2.5),
        ("governance_multiple", 0),
        ("buoyancy", -1),
        ("gdp_growth", True),
        ("multiple_reading", "twice"),
        ("revenue_growth_mode", "guess"),
    ],
)
def test_bad_lever_values_are_refused_as_a_run_refuses_them(name, value):
    result, p = setup()
    with pytest.raises(ParameterError) as explored:
        explore.scenario(result, p, **{name: value})
    flag = f"{name}={str(value).lower() if isinstance(value, bool) else value}"
    with pytest.raises(ParameterError) as resolved:
        params.resolve(ANALYSIS, flags=[flag])
    assert explored.value.parameter == resolved.value.parameter == name
    assert "the scenario explorer" in str(explored.value)
    assert str(explored.value).split("): ", 1)[1] == str(resolved.value).split("): ", 1)[1]


@pytest.mark.parametrize("name", ["data_path", "spending_growth_grid", "horizon"])
def test_only_levers_can_be_moved(name):
    result, p = setup()
    with pytest.raises(TypeError, match="not a lever"):
        explore.scenario(result, p, **{name: 1})


# ----------------------------------------------------------------------------------------------
# chart
# ----------------------------------------------------------------------------------------------


def texts(chart: figures.Chart) -> list[str]:
    found = [t.get_text() for t in chart.figure.findobj(Text) if t.get_text().strip()]
    return [*found, chart.title, chart.subtitle, chart.source, chart.alt_text]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("levers", [{}, *LEVER_SETS])
def test_chart_is_worded_in_each_language_and_fits_at_its_resolution(lang, levers):
    result, p = setup()
    view = explore.scenario(result, p, **levers)
    chart = explore.chart(view, p, lang)
    assert chart.name == "governance_explorer" and chart.language == lang
    assert chart.title == charts.fan_title(view.governance, view.params, lang)
    words = [*texts(chart), explore.key_number(view, lang)]
    for text in words:
        if lang == "zh":
            assert not latin_words(text), (text, latin_words(text))
        else:
            assert not CJK.search(QUOTED.sub("", text)), text
    fig = chart.figure
    fig.set_dpi(screen.DPI)
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    box = fig.get_tightbbox(renderer)
    tolerance = 1 / screen.DPI
    assert box.x0 >= -tolerance and box.y0 >= -tolerance, box
    assert box.x1 <= fig.get_figwidth() + tolerance and box.y1 <= fig.get_figheight() + tolerance
    fig.clear()


def test_a_moved_quote_is_not_called_the_articles():
    result, p = setup()
    for lang, assumed in (("en", "increase of 2.2 times"), ("zh", "假定2015-2020年增加了2.2倍")):
        chart = explore.chart(explore.scenario(result, p, governance_multiple=2.2), p, lang)
        assert assumed in chart.subtitle and "增加了近1.5倍" in chart.subtitle
        assert "增加了近1.5倍" in chart.source and "2.2" not in chart.source


def test_chart_language_follows_the_parameters_when_not_given():
    result, p = setup("language=zh")
    assert explore.chart(explore.scenario(result, p), p).language == "zh"


# ----------------------------------------------------------------------------------------------
# the widget
# ----------------------------------------------------------------------------------------------


class Handle:
    def __init__(self, obj):
        self.obj, self.updates = obj, []

    def update(self, obj):
        self.updates.append(obj)


@pytest.fixture
def shown(monkeypatch):
    """IPython's display, recorded: every call returns a handle that records its updates."""
    import IPython.display

    handles: list[Handle] = []

    def display(obj, display_id=None, **kwargs):
        assert display_id is True
        handles.append(Handle(obj))
        return handles[-1]

    monkeypatch.setattr(IPython.display, "display", display)
    return handles


def widgets(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from widgets(child)


def controls(box) -> dict:
    found = [w for w in widgets(box) if hasattr(w, "value") and hasattr(w, "description")]
    return dict(zip(explore.LEVERS, found, strict=True))


def test_explorer_shows_the_default_state_and_follows_its_sliders(shown, monkeypatch):
    import ipywidgets

    result, p = setup()
    monkeypatch.setattr(figures, "save", lambda *a, **k: pytest.fail("nothing is saved"))
    box = explore.explorer(result, p)
    assert isinstance(box, ipywidgets.Box) and "wb-explorer" in box._dom_classes
    chart, number = shown
    assert chart.obj.data.startswith('<img class="wb-explorer-chart" src="data:image/png;base64,')
    assert number.obj.data.startswith('<p class="wb-explorer-number"')
    assert "doubles in 2025" in number.obj.data
    c = controls(box)
    sliders = ipywidgets.FloatSlider | ipywidgets.IntSlider
    first = next(w for w in widgets(box) if isinstance(w, sliders))
    assert first is c["governance_multiple"] and not first.disabled
    for name, w in c.items():
        assert w.value == getattr(p, name), name
        assert w.description == explore.lever_label(p, name, "en")
        if isinstance(w, sliders):
            assert w.continuous_update is False
            assert (w.min, w.max) == explore.lever_range(p, name)
    assert isinstance(c["horizon_years"], ipywidgets.IntSlider)
    assert isinstance(c["multiple_reading"], ipywidgets.Dropdown)
    assert c["spending_growth"].disabled and c["buoyancy"].disabled

    first.value = 2.0
    assert len(chart.updates) == len(number.updates) == 1
    assert chart.updates[-1].data != chart.obj.data
    moved = explore.scenario(result, p, governance_multiple=2.0)
    assert number.updates[-1].data == explore.number_html(moved, "en")

    c["revenue_growth_mode"].value = "buoyancy"
    assert c["revenue_growth"].disabled and not c["buoyancy"].disabled
    assert "3.5% a year" in number.updates[-1].data
    c["horizon_years"].value = 3
    assert "does not double by 2023" in number.updates[-1].data
    assert len(chart.updates) == 3


def test_explorer_in_chinese_and_as_a_report_shows_it(shown):
    result, p = setup("language=zh")
    box = explore.explorer(result, p)
    for w in controls(box).values():
        assert not latin_words(w.description), w.description
        for label, _ in getattr(w, "options", ()):
            assert not latin_words(label), label
    assert "翻一番" in shown[1].obj.data
    bundle = box._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="wb-explorer-levers"' in bundle["text/html"]
    assert bundle["text/plain"] == explore.levers_text(p, "zh")
    assert not latin_words(bundle["text/plain"].replace("JupyterLab", ""))
    assert "收入增速：4.0%" in bundle["text/plain"] and "支出增速：" not in bundle["text/plain"]


def test_the_module_imports_without_widgets():
    import subprocess
    import sys

    code = (
        "import sys; import workbench.fiscal.explore; "
        "assert 'ipywidgets' not in sys.modules and 'IPython' not in sys.modules"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
