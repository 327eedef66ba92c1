"""The notebook: a thin paper over ``fiscal.run``; the default run, a user's file in Chinese, and
bad input that stops before the kernel."""

from __future__ import annotations

import ast
import json

import jupytext
import nbformat
import pandas as pd
import pytest

from conftest import outputs_with_previous_run, tree_digest, workbench_cli
from workbench import datasets
from workbench.fiscal import schema
from workbench.glossary import latin_words
from workbench.params import generate

ANALYSIS = "fiscal_pressure"
NOTEBOOK = generate.notebook_path(ANALYSIS)
FIGURES = {"revenue_vs_gdp_growth", "revenue_to_gdp", "fiscal_gap", "governance_fan"}


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def test_notebook_is_thin(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    params_cells = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params_cells) == 1
    assert nb.metadata["kernelspec"]["name"] == "workbench"
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    lines = 0
    for cell in code:
        assert not cell.get("outputs") and cell.get("execution_count") is None
        assert not {"lang-en", "lang-zh"} & set(cell.metadata.get("tags", []))
        if cell is params_cells[0]:
            continue
        tree = ast.parse(cell.source)
        assert not any(isinstance(n, ast.FunctionDef | ast.ClassDef) for n in ast.walk(tree))
        assert "plt." not in cell.source and 'record("' not in cell.source
        lines += len([x for x in cell.source.splitlines() if x.strip()])
    assert lines <= 40, lines


def test_prose_comes_in_english_then_chinese(nb):
    prose = [c for c in nb.cells if c.cell_type == "markdown"]
    assert prose and len(prose) % 2 == 0
    for en, zh in zip(prose[::2], prose[1::2], strict=True):
        assert en.metadata["tags"] == ["lang-en"] and zh.metadata["tags"] == ["lang-zh"]
        assert nb.cells.index(zh) == nb.cells.index(en) + 1
        assert not latin_words(zh.source), latin_words(zh.source)


def test_parameters_cell_and_pair_are_current(nb):
    assert generate.stale(ANALYSIS) == []
    pair = jupytext.read(NOTEBOOK.with_suffix(".py"))
    assert [c.source.strip() for c in pair.cells] == [c.source.strip() for c in nb.cells]


@pytest.mark.slow
def test_default_run_writes_every_figure_and_the_schema(default_runs):
    folder = default_runs[ANALYSIS]
    captions = {p.stem: json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")}
    assert set(captions) == FIGURES
    for name, cap in captions.items():
        assert cap["width"] == "full" and cap["language"] == "en", name
        assert all((folder / "figures" / f).is_file() for f in cap["files"].values())
    results = json.loads((folder / "results.json").read_text())
    schema_file = json.loads((folder / "results.schema.json").read_text())
    assert list(results) == list(schema_file)
    assert results["data_kind"] == "reference"
    assert (
        "2024" in captions["fiscal_gap"]["title"] and "2021" in captions["fiscal_gap"]["subtitle"]
    )
    assert (folder / "report.html").is_file()


def user_series() -> pd.DataFrame:
    ref = pd.read_csv(datasets.path(schema.REFERENCE_TABLE))
    d = ref[ref["year"].between(2015, 2022)]
    return pd.DataFrame(
        {
            "year": d["year"],
            "revenue": d["revenue_yiyuan"],
            "expenditure": d["expenditure_yiyuan"],
            "gdp": d["gdp_prelim_yiyuan"],
            "gdp_real_growth_pct": d["gdp_real_growth_prelim_pct"],
        }
    )


@pytest.mark.slow
def test_a_users_file_runs_as_user_data_in_chinese(tmp_path):
    data = tmp_path / "my_series.csv"
    user_series().to_csv(data, index=False)
    outputs = tmp_path / "outputs"
    proc = workbench_cli(
        "run",
        ANALYSIS,
        "-p",
        f"data_path={data}",
        "-p",
        "language=zh",
        "--name",
        "user",
        "--outputs",
        str(outputs),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = outputs / ANALYSIS / "user"
    r = json.loads((folder / "results.json").read_text())
    assert r["data_kind"] == "user"
    assert round(r["revenue_growth_cumulative"], 3) == 0.064
    assert round(r["gdp_real_growth_avg_annual"], 3) == 0.052
    prov = json.loads((folder / "provenance.json").read_text())
    assert any(k.endswith("my_series.csv") for k in prov["inputs_sha256"])
    for cap in (folder / "figures").glob("*.json"):
        caption = json.loads(cap.read_text())
        assert caption["language"] == "zh"
        for key in ("title", "subtitle", "source", "alt_text"):
            assert not latin_words(caption[key]), (cap.stem, key, caption[key])
    assert (
        "用户文件 my_series.csv"
        in json.loads((folder / "figures" / "revenue_to_gdp.json").read_text())["source"]
    )


def test_bad_input_stops_before_the_kernel(tmp_path):
    d = user_series()
    d.loc[d["year"] == 2020, "revenue"] = -182_895.0
    data = tmp_path / "negative.csv"
    d.to_csv(data, index=False)
    outputs = outputs_with_previous_run(tmp_path, ANALYSIS)
    before = tree_digest(outputs), sorted(outputs.rglob("*"))
    proc = workbench_cli("run", ANALYSIS, "-p", f"data_path={data}", "--outputs", str(outputs))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    message = proc.stderr.strip()
    assert message.startswith("error: ") and len(message.splitlines()) == 1, message
    for part in (str(data), "'revenue'", "file line 7", "negative", "year 2020"):
        assert part in message, (part, message)
    assert (tree_digest(outputs), sorted(outputs.rglob("*"))) == before
