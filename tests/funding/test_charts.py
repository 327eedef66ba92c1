"""workbench.funding.charts: every figure in both languages, at print width, with its finding."""

from __future__ import annotations

import re

import matplotlib.text
import numpy as np
import pytest

from workbench import figures, glossary
from workbench.funding import charts
from workbench.funding.pipeline import DOMINANT_HHI, MAJORITY
from workbench.units import pct

NAMES = ("hhi_distribution", "funding_mix_by_decile", "lorenz_curve", "stress_test")
WIDTHS = {"lorenz_curve": "half"}
CJK_IN_ASCII_BRACKETS = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")


def texts(chart) -> list[str]:
    """Every text of a chart: each Text artist in the figure, title, subtitle, source, alt."""
    found = [t.get_text() for t in chart.figure.findobj(matplotlib.text.Text)]
    return [t for t in found if t.strip()] + [
        chart.title,
        chart.subtitle,
        chart.source,
        chart.alt_text,
    ]


@pytest.fixture(scope="module")
def drawn(default_result, default_params):
    return {
        (name, lang): getattr(charts, name)(default_result, default_params, lang)
        for name in NAMES
        for lang in ("en", "zh")
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_chart_is_named_sized_and_labelled(drawn, name, lang):
    chart = drawn[(name, lang)]
    assert isinstance(chart, figures.Chart) and chart.name == name and chart.language == lang
    assert chart.width == WIDTHS.get(name, "full")
    assert chart.figure.get_figwidth() == pytest.approx(figures.WIDTHS[chart.width])
    assert all(s.strip() for s in (chart.title, chart.subtitle, chart.source, chart.alt_text))
    assert chart.synthetic
    label = figures.SYNTHETIC_LABEL if lang == "en" else figures.SYNTHETIC_LABEL_ZH
    assert label in chart.source


@pytest.mark.parametrize("name", NAMES)
def test_chinese_charts_are_complete_chinese(drawn, name):
    for text in texts(drawn[(name, "zh")]):
        assert not glossary.latin_words(text), (text, glossary.latin_words(text))
        assert not CJK_IN_ASCII_BRACKETS.search(text), text
        assert "pp" not in text, text


@pytest.mark.parametrize("name", NAMES)
def test_english_charts_have_no_chinese_beyond_the_source_names(drawn, name):
    chart = drawn[(name, "en")]
    for text in texts(chart):
        if text in chart.source or "易臻真" in text:
            continue  # the source line (whole or one of its wrapped lines) names the outlet
        assert not re.search(r"[\u4e00-\u9fff]", text), text


def test_each_chart_function_defaults_to_the_parameters_language(default_result, default_params):
    zh = default_params.model_copy(update={"language": "zh"})
    assert charts.lorenz_curve(default_result, zh).language == "zh"
    assert charts.lorenz_curve(default_result, default_params).language == "en"
    assert set(charts.BRIEF_FIGURES) <= set(NAMES) and 1 <= len(charts.BRIEF_FIGURES) <= 3


def test_hhi_title_states_the_share_above_the_drawn_line(drawn, default_result):
    share = float((default_result.concentration["hhi"] > DOMINANT_HHI).mean())
    chart = drawn[("hhi_distribution", "en")]
    assert pct(share, 0) in chart.title and "Most" in chart.title and share > 0.5
    assert pct(share, 0) in drawn[("hhi_distribution", "zh")].title
    lines = [ln for ln in chart.figure.axes[0].get_lines() if len(set(ln.get_xdata())) == 1]
    assert [ln.get_xdata()[0] for ln in lines] == [DOMINANT_HHI]  # the 0.5 threshold is drawn
    labels = " ".join(t.get_text() for t in chart.figure.axes[0].texts)
    assert "Above 0.5" in labels and "0.5 or below" in labels


def test_mix_title_says_alike_only_when_the_spread_is_small(drawn, default_result):
    g = default_result.mix[default_result.government_source]
    title = drawn[("funding_mix_by_decile", "en")].title
    assert (g.max() - g.min() < 0.10) == ("alike" in title)
    assert pct(g.min(), 0) in title and pct(g.max(), 0) in title


def test_lorenz_title_is_the_top_10_percent_share(drawn, default_result):
    lorenz = default_result.lorenz
    top10 = 1 - float(np.interp(0.9, lorenz["population_share"], lorenz["value_share"]))
    assert pct(top10, 0) in drawn[("lorenz_curve", "en")].title
    assert pct(top10, 0) in drawn[("lorenz_curve", "zh")].title


def test_stress_title_names_the_cut_that_puts_most_below(drawn, default_result):
    s = default_result.stress
    first = s[(s["diversification"] == 0) & (s["share_below"] >= MAJORITY)]["cut"].min()
    later = s[(s["diversification"] == 0.3) & (s["share_below"] >= MAJORITY)]["cut"].min()
    title = drawn[("stress_test", "en")].title
    assert title.startswith(f"A {pct(first, 0)} cut pushes most organisations below")
    assert f"delays that to {pct(later, 0)}" in title
    assert len(drawn[("stress_test", "en")].figure.axes[0].get_lines()) == 4 + 1  # + half line


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_us_example_stress_test_keeps_its_width(us_result, us_params, lang):
    """The reviewer's defect: long titles and source lines widened the canvas to 4,166 px."""
    chart = charts.stress_test(us_result, us_params, lang)
    assert not chart.synthetic
    assert chart.figure.get_figwidth() * figures.DPI == pytest.approx(1890, abs=1)
    chart.figure.canvas.draw()
    box = chart.figure.axes[0].get_position()
    assert box.x0 < 0.15 and box.width > 0.6  # the plot spans the figure, not its left part
    if lang == "zh":
        user_text = us_params.data_label  # the user's own words may stay as given
        axes = [t.get_text() for ax in chart.figure.axes for t in ax.findobj(matplotlib.text.Text)]
        words = [chart.title, chart.subtitle, chart.source, chart.alt_text, *axes]
        for text in words:
            assert not glossary.latin_words(text.replace(user_text, "")), text
