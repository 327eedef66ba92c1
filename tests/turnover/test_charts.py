"""The six figures in both languages: names, widths, complete Chinese, and the stated findings."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from matplotlib.text import Text

from workbench import figures, glossary, units
from workbench.turnover import charts, labels

NAMES = (
    "turnover_rates",
    "logit_forest",
    "survival_curves",
    "permutation_importance",
    "calibration",
    "counterfactual_turnover",
)
WIDTH = {"calibration": "half"}
CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_BRACKETED_CHINESE = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")


def texts(chart) -> list[str]:
    found = [t.get_text() for t in chart.figure.findobj(Text)]
    return [t for t in found if t.strip()] + [
        chart.title,
        chart.subtitle,
        chart.source,
        chart.alt_text,
    ]


@pytest.fixture(scope="module")
def drawn(result, params):
    return {
        (fn.__name__, lang): fn(result, params, lang)
        for fn in charts.CHARTS
        for lang in ("en", "zh")
    }


def test_every_figure_is_drawn_by_the_function_of_its_name():
    assert tuple(fn.__name__ for fn in charts.CHARTS) == NAMES
    assert set(charts.BRIEF_FIGURES) <= set(NAMES) and 1 <= len(charts.BRIEF_FIGURES) <= 3


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_words_width_and_label(drawn, name, lang):
    chart = drawn[(name, lang)]
    assert chart.name == name and chart.language == lang
    assert chart.width == WIDTH.get(name, "full")
    assert chart.figure.get_figwidth() == pytest.approx(figures.WIDTHS[chart.width])
    assert all(s.strip() for s in (chart.title, chart.subtitle, chart.alt_text))
    assert chart.synthetic
    assert figures.tr(lang, figures.SYNTHETIC_LABEL, figures.SYNTHETIC_LABEL_ZH) in chart.source
    words = texts(chart)
    if lang == "zh":
        for t in words:
            assert not glossary.latin_words(t), (t, glossary.latin_words(t))
            assert "pp" not in t and not ASCII_BRACKETED_CHINESE.search(t), t
        assert CJK.search(chart.alt_text) and CJK.search(chart.title)
    else:
        assert not any(CJK.search(t) for t in words), [t for t in words if CJK.search(t)]


def test_the_default_chart_language_is_the_parameter(result, params):
    assert charts.calibration(result, params).language == params.language


def test_rates_title_names_the_highest_plotted_group(drawn, result, params):
    rows = charts.rate_rows(result, params)
    groups = rows[rows["group"] != "all"]
    top = groups.loc[groups["rate"].idxmax()]
    assert charts.rates_finding(result, params)["level"] == top["level"]
    for lang in ("en", "zh"):
        title = drawn[("turnover_rates", lang)].title
        assert labels.group_people(top["group"], top["level"], lang) in title
        assert units.pct(top["rate"], 0) in title
    en = drawn[("turnover_rates", "en")].title
    assert "staff on agency (dispatch) contracts" in en and "contract: agency" not in en


def test_forest_title_names_the_row_it_plots_first(drawn, result):
    rows = charts.forest_rows(result)
    assert rows["effect"].abs().is_monotonic_decreasing
    top = rows.iloc[0]
    assert abs(top["effect"]) == result.logit.table["effect"].abs().max()
    refs = result.logit.references
    for lang in ("en", "zh"):
        chart = drawn[("logit_forest", lang)]
        ax = chart.figure.axes[0]
        first = min(ax.get_yticklabels(), key=lambda t: t.get_position()[1])
        assert first.get_text() == labels.term(top, refs, lang)
        change = labels.term_change(top, refs, lang)
        assert change in chart.title or labels.cap(change) in chart.title
        assert units.pp(top["effect"], 1, lang) in chart.title
        # the numeric top driver is named too, with its per-SD effect
        assert units.pp(result.top_driver_effect, 1, lang) in chart.title
    assert "cluster-robust" in drawn[("logit_forest", "en")].subtitle
    assert "聚类稳健" in drawn[("logit_forest", "zh")].subtitle


def test_survival_axis_ends_where_the_curves_end(drawn, result):
    worst = charts.survival_finding(result)
    assert worst["survival_1y"] == result.km_summary["survival_1y"].min()
    for lang in ("en", "zh"):
        chart = drawn[("survival_curves", lang)]
        ax = chart.figure.axes[0]
        ends = max(float(np.max(line.get_xdata())) for line in ax.get_lines())
        assert ax.get_xlim() == pytest.approx((0, ends))
        assert ends <= result.horizon < 13
        assert units.pct(worst["survival_1y"], 0) in chart.title


def test_importance_title_names_the_top_bar(drawn, result):
    lead = result.cv.importance.iloc[0]
    assert lead["importance_mean"] == result.cv.importance["importance_mean"].max()
    for lang in ("en", "zh"):
        chart = drawn[("permutation_importance", lang)]
        ax = chart.figure.axes[0]
        first = min(ax.get_yticklabels(), key=lambda t: t.get_position()[1])
        assert first.get_text() == labels.driver(lead["driver"], lang)
        assert chart.title.startswith(labels.driver(lead["driver"], lang))


def test_calibration_title_bound_is_tight(drawn, result):
    cal = result.cv.calibration
    gap = (cal["observed_rate"] - cal["mean_predicted"]).abs().max()
    k = charts.calibration_gap(result)
    assert (k - 1) / 100 < gap <= k / 100
    assert f"{k} points" in drawn[("calibration", "en")].title
    assert f"{k}个百分点" in drawn[("calibration", "zh")].title


def test_counterfactual_title_names_the_lowest_plotted_scenario(drawn, result):
    best = charts.counterfactual_finding(result)
    plotted = [d for _, d, _ in charts.counterfactual_panels(result)]
    assert best["rate"] == min(float(d["rate"].min()) for d in plotted)
    for lang in ("en", "zh"):
        title = drawn[("counterfactual_turnover", lang)].title
        phrase = labels.scenario_phrase(
            best["pay_rise_pct"], best["hours_cut"], best["overlap_cut"], lang
        )
        assert phrase in title or labels.cap(phrase) in title
        assert units.pct(best["rate"], 0) in title


def test_charts_of_a_users_file_and_of_separated_data(own_file_run, separated_run):
    r, p, _ = own_file_run
    for fn in charts.CHARTS:
        chart = fn(r, p, "zh")
        assert not chart.synthetic and "社区工作者.csv" in chart.source
        for t in texts(chart):
            assert not glossary.latin_words(t), t
    r, p, _ = separated_run
    forest = charts.logit_forest(r, p, "en")
    assert "not estimable" in forest.title
    assert "agency" not in " ".join(t.get_text() for t in forest.figure.findobj(Text))
    with pytest.raises(ValueError, match="no scenarios"):
        charts.counterfactual_turnover(r, p)
    assert math.isfinite(r.cv.summary["roc_auc"])
