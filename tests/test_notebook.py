"""The calls a thin notebook makes: each shows one thing and writes where a run expects it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

import pandas as pd
import pytest

from workbench import figures, keys, notebook


@pytest.fixture
def shown(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_OUTPUT_DIR", str(tmp_path))
    seen = []
    monkeypatch.setattr(notebook, "_display", seen.append)
    return seen


def test_show_saves_the_chart_and_displays_it_with_alt_text(shown, tmp_path):
    fig, ax = figures.figure("half", 2)
    ax.plot([1, 2], [1, 2])
    chart = figures.chart(
        fig,
        "line",
        title="升",
        subtitle="单位",
        source="测试",
        alt_text="一条上升的线",
        synthetic=True,
        lang="zh",
    )
    caption = notebook.show(chart)
    assert (tmp_path / "figures" / "line.png").is_file() and caption["name"] == "line"
    html = shown[0].data
    assert html.startswith('<figure class="wb-figure"') and 'alt="一条上升的线"' in html


def test_say_table_and_record(shown, tmp_path):
    notebook.say("**Revenue** grew 3.1% a year.")
    notebook.table(pd.DataFrame({"Year": ["2019"], "Revenue (亿元)": ["190,390"]}), "收入")
    assert shown[0].data.startswith("**Revenue**")
    assert "Revenue (亿元)" in shown[1].to_html() and "收入" in shown[1].to_html()

    @dataclass(frozen=True)
    class Result:
        KEYS: ClassVar = keys.declare(x=keys.Key("count", "X", "某", "a count"))
        numbers: dict

    notebook.record(Result({"data_kind": "synthetic", "x": 3}))
    assert json.loads((tmp_path / "results.json").read_text()) == {"data_kind": "synthetic", "x": 3}
