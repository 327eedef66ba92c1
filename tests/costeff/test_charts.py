"""Every figure in both languages from one in-process result: names, widths, words, findings."""

from __future__ import annotations

import re

import pytest
from matplotlib.text import Text

from workbench import glossary, units
from workbench.costeff import charts, words
from workbench.figures import SYNTHETIC_LABEL, SYNTHETIC_LABEL_ZH, Chart
from workbench.params import TechCostEffectivenessParams as Model

FIGURES = ("response_curve", "ce_plane", "ceac", "tornado", "dea_ranking", "incentive")
P = Model()
CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_BRACKETS_AROUND_CHINESE = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")


@pytest.fixture(scope="module")
def drawn(default_result) -> dict[tuple[str, str], Chart]:
    return {
        (name, lang): getattr(charts, name)(default_result, P, lang)
        for name in FIGURES
        for lang in ("en", "zh")
    }


def texts(chart: Chart) -> list[str]:
    found = [t.get_text() for t in chart.figure.findobj(Text)]
    return [t for t in found if t.strip()] + [
        chart.title,
        chart.subtitle,
        chart.source,
        chart.alt_text,
    ]


def plot_texts(chart: Chart) -> list[str]:
    """The texts drawn inside the axes (not the title block), where each number appears once."""
    return [t.get_text() for ax in chart.figure.axes for t in ax.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", FIGURES)
def test_every_chart_is_finished(drawn, name, lang):
    chart = drawn[name, lang]
    assert isinstance(chart, Chart) and chart.name == name and chart.language == lang
    assert chart.width == "full"
    assert chart.title.strip() and chart.subtitle.strip() and chart.alt_text.strip()
    assert chart.synthetic
    assert tr_label(lang) in chart.source
    for text in texts(chart):
        if lang == "zh":
            assert not glossary.latin_words(text), (name, text)
            assert " pp" not in text and not ASCII_BRACKETS_AROUND_CHINESE.search(text), text
        else:
            assert not CJK.search(text), (name, text)  # English figures write amounts in English
    assert not any(
        code in " ".join(texts(chart)) for code in ("service_precision", "tech_spend", "staff_cost")
    ), name


def tr_label(lang: str) -> str:
    return SYNTHETIC_LABEL if lang == "en" else SYNTHETIC_LABEL_ZH


def test_default_language_is_the_parameter(default_result):
    assert charts.incentive(default_result, Model(language="zh")).language == "zh"


def test_response_curve_states_one_unit_and_its_finding(drawn, default_result):
    r = default_result.response
    for lang in ("en", "zh"):
        chart = drawn["response_curve", lang]
        assert words.money(r.x_star, lang) in chart.title
        assert units.pct(r.beyond, 0, lang) in chart.title
        threshold = units.pp(P.marginal_threshold, 3, lang, sign=False)
        assert threshold in chart.title  # the threshold and the margin in percentage points
        assert units.pp(r.marginal, 3, lang) in " ".join(plot_texts(chart))
    assert "万元" not in drawn["response_curve", "en"].title


def test_ce_plane_and_ceac_name_the_best_strategy(drawn, default_result):
    comp = default_result.comparison
    assert drawn["ce_plane", "en"].title.startswith(words.cap(comp.optimal))
    assert words.strategy(comp.optimal, "zh") in drawn["ce_plane", "zh"].title
    assert words.money(comp.icers[comp.optimal], "en") in drawn["ce_plane", "en"].title
    for lang in ("en", "zh"):
        chart = drawn["ceac", lang]
        assert words.strategy(comp.psa_optimal, lang) in chart.title
        assert units.pct(comp.probability, 0, lang) in chart.title


def test_tornado_names_its_widest_bar_and_explains_its_colours(drawn, default_result):
    comp = default_result.comparison
    top = comp.tornado.sort_values("swing", ascending=False)["parameter"].iloc[0]
    for lang, key in (("en", ("input high", "input low")), ("zh", ("参数取高值", "参数取低值"))):
        chart = drawn["tornado", lang]
        assert words.parameter(top, lang) in chart.title
        assert set(key) <= set(plot_texts(chart))  # the key is on the figure, not in an axis label
    assert f"{len(comp.flips)} inputs alone could reverse it" in drawn["tornado", "en"].title


def test_dea_ranking_counts_the_efficient_units(drawn, default_result):
    fr = default_result.frontier
    assert drawn["dea_ranking", "en"].title.startswith(f"{fr.n_efficient[fr.rts]} of 300 units")
    assert units.pct(1 - fr.median_score, 0) in drawn["dea_ranking", "en"].title


def test_incentive_shows_each_number_once(drawn, default_result):
    tab = default_result.reward.table
    society = float(tab["net_saving_society"].iloc[0])
    for lang in ("en", "zh"):
        shown = " ".join(plot_texts(drawn["incentive", lang]))
        assert shown.count(words.money(society, lang)) == 1
        for value in tab["net_saving_budget"]:
            assert shown.count(words.money(value, lang)) == 1
    assert "stays ahead" in drawn["incentive", "en"].title  # every budget net saving is > 0
    assert (tab["net_saving_budget"] > 0).all()


def test_charts_need_two_strategies(default_result):
    from dataclasses import replace

    alone = replace(default_result, comparison=None)
    for name in ("ce_plane", "ceac", "tornado"):
        with pytest.raises(ValueError, match="fewer than two strategies"):
            getattr(charts, name)(alone, P)


def test_brief_figures_exist():
    assert 1 <= len(charts.BRIEF_FIGURES) <= 3
    assert set(charts.BRIEF_FIGURES) <= set(FIGURES)
