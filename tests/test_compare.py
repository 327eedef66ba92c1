"""Comparing runs: a real sweep's runs side by side with units, and the sensitivity figure."""

from __future__ import annotations

import io
import json

import matplotlib.text
import pytest

from workbench import compare, glossary, sweep
from workbench.errors import ParameterError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    spec = folder / "shock.yaml"
    spec.write_text(
        "analysis: funding_distribution\ngrid:\n  threshold: [0.7, 0.9]\n  cut_max: [0.3, 0.5]\n"
        "  n_boot: [0]\nname: t{threshold}_c{cut_max}\n"
    )
    outcome = sweep.run(
        spec, workers=2, figures="none", outputs=folder / "out", stream=io.StringIO()
    )
    assert not outcome.failed
    return outcome


def test_table_shows_varied_parameters_and_results_with_units(swept):
    t = compare.table([str(swept.home)], ["stress_share_below_at_cut_max", "gini_scale"])
    assert t.varied == ["param.cut_max", "param.threshold"] and len(t.rows) == 4
    header, *rows = compare.text_table(t, "en")
    assert header[1:3] == [
        "Largest cut (share)",
        "Viability threshold (share, or the amounts' unit)",
    ]
    assert all(row[3].endswith("%") for row in rows) and len({row[4] for row in rows}) == 1
    zh_header = compare.text_table(t, "zh")[0]
    assert all(glossary.latin_words(h) == [] for h in zh_header[1:])


def test_the_sensitivity_figure_in_both_languages(swept, tmp_path):
    t = compare.table([str(swept.home)], ["stress_share_below_at_cut_max"])
    written = compare.write(t, tmp_path)
    names = {p.name for p in written}
    assert {"compare.csv", "sensitivity.png", "sensitivity_zh.png", "sensitivity_zh.pdf"} <= names
    chart = compare.sensitivity(t, "zh")
    texts = [x.get_text() for x in chart.figure.findobj(matplotlib.text.Text)]
    assert all(glossary.latin_words(x) == [] for x in texts + [chart.title, chart.alt_text])
    assert "受" in chart.title and chart.synthetic  # names the parameter it moves most with
    assert "Illustrative synthetic data" in compare.sensitivity(t, "en").source


def test_a_sweep_by_name_and_run_folders(swept, tmp_path):
    folders = [r.path for r in swept.results.values()][:2]
    t = compare.table([str(f) for f in folders], [], swept.home.parents[1])
    assert len(t.rows) == 2 and t.metrics  # the analysis's headline keys by default
    by_name = compare.table([swept.sweep.name], [], swept.home.parents[1])
    assert len(by_name.rows) == 4


def test_by_default_the_results_that_differ_between_runs(swept):
    t = compare.table([str(swept.home)])
    assert t.metrics and len(t.metrics) <= compare.MAX_METRICS
    for metric in t.metrics:  # the stress test moves with the threshold; the Gini does not
        assert len({json.dumps(r.get(metric)) for r in t.rows}) > 1, metric
    assert "gini_scale" not in t.metrics and "stress_share_below_at_cut_max" in t.metrics


def test_bad_comparisons_are_one_line(swept, default_runs):
    with pytest.raises(ParameterError, match="at least two completed runs"):
        compare.table([str(next(iter(swept.results.values())).path)])
    with pytest.raises(ParameterError, match="--metric nope: not a result"):
        compare.table([str(swept.home)], ["nope"])
    with pytest.raises(ParameterError, match="compare runs of one analysis"):
        compare.table([str(swept.home), str(default_runs["fiscal_pressure"])])
    index = json.loads((next(iter(swept.results.values())).path / "results.json").read_text())
    assert "gini_scale" in index


def test_each_row_names_its_result_and_unit_and_draws_it_in_that_unit(swept):
    t = compare.table([str(swept.home)], ["stress_share_below_at_cut_max"])
    shares = [r["stress_share_below_at_cut_max"] for r in t.rows]
    for lang, title in (("en", "(%)"), ("zh", "（%）")):
        chart = compare.sensitivity(t, lang)
        first = chart.figure.axes[0]
        assert first.get_title(loc="left").endswith(title) and not first.get_ylabel()
        drawn = sorted(y for line in first.get_lines() for y in line.get_ydata())
        assert drawn == pytest.approx(sorted(100 * s for s in shares))  # per cent, not 0.x
        assert ("ranges from " if lang == "en" else "至") in chart.title


@pytest.mark.parametrize(
    "unit, values, lang, expected",
    [
        ("yuan", [-8.14e6, -5.31e7], "en", (1e-6, "million yuan")),
        ("yuan", [-8.14e6, -5.31e7], "zh", (1e-4, "万元")),
        ("亿元", [202539.0], "en", (1e-4, "trillion yuan")),
        ("亿元", [3.5], "zh", (1.0, "亿元")),
        ("yuan", [512.0], "en", (1.0, "yuan")),
        ("fraction per year", [0.031], "zh", (100.0, "%/年")),
        ("probability change", [-0.111], "en", (100.0, "percentage points")),
        ("index", [0.74], "en", (1.0, "")),
    ],
)
def test_an_axis_is_scaled_to_the_step_its_largest_value_reaches(unit, values, lang, expected):
    factor, words = compare._scale(unit, values, lang)
    assert (factor, words) == (pytest.approx(expected[0]), expected[1])


def test_a_one_item_list_is_shown_as_its_item():
    assert compare._show([10.0]) == "10.0" and compare._show([5, 10]) == "[5, 10]"
    assert compare._axis([[5.0], [10.0]]) == ([5.0, 10.0], None)
