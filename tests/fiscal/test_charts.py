"""Every chart in both languages: names, widths, complete Chinese, and findings that agree with
the numbers they show."""

from __future__ import annotations

import dataclasses
import re
from functools import cache

import pytest
from matplotlib.text import Text

from workbench import figures, params, units
from workbench.fiscal import charts, run
from workbench.glossary import latin_words

ANALYSIS = "fiscal_pressure"
NAMES = ("revenue_vs_gdp_growth", "revenue_to_gdp", "fiscal_gap", "governance_fan")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: Chinese that English figures may keep: the quote and the article's author and outlet.
QUOTED = ("增加了近1.5倍", "易臻真", "澎湃新闻")


@cache
def setup(*flags: str):
    p = params.resolve(ANALYSIS, flags=list(flags))
    return run(p), p


@cache
def drawn(name: str, lang: str, *flags: str) -> figures.Chart:
    result, p = setup(*flags)
    return getattr(charts, name)(result, p, lang)


def texts(chart: figures.Chart) -> list[str]:
    found = [t.get_text() for t in chart.figure.findobj(Text) if t.get_text().strip()]
    return [*found, chart.title, chart.subtitle, chart.source, chart.alt_text]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_chart_is_named_sized_and_worded(name, lang):
    chart = drawn(name, lang)
    assert chart.name == name and chart.language == lang
    assert chart.width == "full"
    assert chart.title and chart.subtitle and chart.alt_text and chart.source
    assert not chart.synthetic and figures.SYNTHETIC_LABEL not in chart.source
    if lang == "zh":
        for text in texts(chart):
            assert not latin_words(text), (text, latin_words(text))
            assert "pp" not in text.split()
            assert not re.search(r"\([^)]*" + CJK.pattern + r"[^)]*\)", text), text
        assert CJK.search(chart.alt_text)
    else:
        for text in texts(chart):
            rest = text
            for allowed in QUOTED:
                rest = rest.replace(allowed, "")
            assert not CJK.search(rest), text


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_every_text_fits_the_figure_at_print_resolution(name, lang):
    chart = drawn(name, lang)
    fig = chart.figure
    fig.set_dpi(figures.DPI)
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    drawn_box = fig.get_tightbbox(renderer)  # inches, of everything drawn
    tolerance = 1 / figures.DPI
    assert drawn_box.x0 >= -tolerance and drawn_box.y0 >= -tolerance, drawn_box
    assert drawn_box.x1 <= fig.get_figwidth() + tolerance, (drawn_box, fig.get_figwidth())
    assert drawn_box.y1 <= fig.get_figheight() + tolerance, (drawn_box, fig.get_figheight())


def test_brief_figures_are_drawn_here():
    assert set(charts.BRIEF_FIGURES) <= set(NAMES) and 1 <= len(charts.BRIEF_FIGURES) <= 3


def test_synthetic_data_would_be_labelled():
    result, p = setup()
    fake = dataclasses.replace(result, data_kind="synthetic")
    chart = charts.revenue_to_gdp(fake, p, "en")
    assert chart.synthetic and figures.SYNTHETIC_LABEL in chart.source


# ---------------------------------------------------------------- the findings


@pytest.mark.parametrize("flags", [(), ("gdp_basis=nominal",), ("gdp_basis=real",)])
def test_growth_title_says_on_which_basis_revenue_lagged(flags):
    result, _ = setup(*flags)
    n = result.numbers
    slower = charts.revenue_slower(result)
    if n["gdp_nominal_growth_avg_annual"] is not None:
        assert slower["nominal"] == (
            n["revenue_growth_avg_annual"] < n["gdp_nominal_growth_avg_annual"]
        )
    if n["gdp_real_growth_avg_annual"] is not None:
        assert slower["real"] == (
            n["revenue_real_growth_avg_annual"] < n["gdp_real_growth_avg_annual"]
        )
    title = drawn("revenue_vs_gdp_growth", "en", *flags).title
    assert ("more slowly than" in title) == any(slower.values())
    assert ("at least as fast" in title) == (not all(slower.values()))
    bars = len(charts.growth_bars(result))
    assert bars == 2 * len(slower)


def test_ratio_title_states_the_first_and_last_share():
    result, _ = setup()
    n = result.numbers
    y0, y1 = n["revenue_to_gdp_years"]
    title = drawn("revenue_to_gdp", "en").title
    fell = n["revenue_to_gdp_last_year"] < n["revenue_to_gdp_first_year"]
    assert title == (
        f"Revenue {'fell' if fell else 'rose'} from {units.pct(n['revenue_to_gdp_first_year'])} "
        f"of GDP in {y0} to {units.pct(n['revenue_to_gdp_last_year'])} in {y1}"
    )
    zh = drawn("revenue_to_gdp", "zh").title
    assert ("降至" if fell else "升至") in zh and f"{y1}年" in zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gap_figure_says_which_year_each_number_is_for(lang):
    result, p = setup()
    n = result.numbers
    y0, y1 = n["national_balance_years"]
    chart = drawn("fiscal_gap", lang)
    for value in (n["self_sufficiency_first_year"], n["self_sufficiency_last_year"]):
        assert units.pct(value, 1, lang) in chart.title
    assert str(y0) in chart.title and str(y1) in chart.title
    every = n["deficit_years"] == y1 - y0 + 1
    assert ("every year" in chart.title or "年年" in chart.title) == every
    # the subtitle gives the gap of end_year (results.json fiscal_gap_end_year) and of the
    # latest year (fiscal_gap_last_year), each with its year
    end_gap = units.fmt(n["fiscal_gap_end_year"], "亿元", lang)
    last_gap = units.fmt(n["fiscal_gap_last_year"], "亿元", lang)
    if lang == "en":
        assert f"{end_gap} in {p.end_year}" in chart.subtitle
        assert f"{last_gap} in {y1}" in chart.subtitle
    else:
        assert f"{p.end_year}年（比较期末）{end_gap}" in chart.subtitle
        assert f"{y1}年（最近年份）{last_gap}" in chart.subtitle


@pytest.mark.parametrize(
    "flags", [(), ("multiple_reading=to",), ("multiple_reading=to", "horizon_years=10")]
)
def test_fan_title_states_when_the_share_doubles(flags):
    result, _ = setup(*flags)
    doubling = result.numbers["doubling_year"]
    ratio = result.governance.projection.set_index("year")["share_ratio"]
    en, zh = drawn("governance_fan", "en", *flags), drawn("governance_fan", "zh", *flags)
    if doubling is None:
        assert (ratio < 2).all()
        end = result.governance.horizon_end
        assert f"would not double by {end}" in en.title and f"至{end}年" in zh.title
    else:
        assert ratio[doubling] >= 2 and (ratio[ratio.index < doubling] < 2).all()
        assert en.title.endswith(f"double by {doubling}") and f"于{doubling}年翻一番" in zh.title


def test_fan_says_what_the_bands_and_the_spending_are():
    en, zh = drawn("governance_fan", "en"), drawn("governance_fan", "zh")
    assert "Shanghai's grassroots-governance spending as quoted in the article" in en.subtitle
    assert "dark band: the middle half" in en.subtitle
    assert "上海基层治理支出（文章所引" in zh.subtitle and "深色带：其中居中的一半" in zh.subtitle
    labels = [t.get_text() for t in en.figure.findobj(Text)]
    assert "middle half (dark band)" in labels
    assert "居中一半（深色带）" in [t.get_text() for t in zh.figure.findobj(Text)]
