"""The notebook is a thin paper over the package; end to end, the default run and a user's file."""

from __future__ import annotations

import ast
import json

import jupytext
import nbformat
import pytest

from conftest import CONTRACT_KEYS, workbench_cli
from workbench import keys as keys_mod
from workbench import synth
from workbench.paths import NOTEBOOKS
from workbench.turnover.charts import CHARTS
from workbench.turnover.keys import KEYS

from .conftest import FAST, OWN_NAMES

ANALYSIS = "turnover_drivers"
NOTEBOOK = NOTEBOOKS / "03_turnover_drivers.ipynb"
FIGURES = {fn.__name__ for fn in CHARTS}


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def test_the_notebook_is_thin(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and nb.metadata["kernelspec"]["name"] == "workbench"
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    body = [c for c in code if c not in params]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    lines = [line for c in body for line in c.source.splitlines() if line.strip()]
    assert len(lines) <= 60
    for c in body:
        tree = ast.parse(c.source)
        assert not any(
            isinstance(n, (ast.FunctionDef, ast.Lambda, ast.ClassDef)) for n in ast.walk(tree)
        ), c.source
        assert "plt." not in c.source and "matplotlib" not in c.source
        assert not c.metadata.get("tags") or c in params
    assert 'p = check("turnover_drivers", globals())' in body[0].source
    assert "result = turnover.run(p)" in body[1].source and "record(result)" in body[1].source
    assert sum(c.source.count("record(") for c in body) == 1


def test_prose_comes_in_english_then_chinese(nb):
    prose = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(prose) % 2 == 0
    for en, zh in zip(prose[::2], prose[1::2], strict=True):
        assert en.metadata["tags"] == ["lang-en"] and zh.metadata["tags"] == ["lang-zh"]
        assert nb.cells.index(zh) == nb.cells.index(en) + 1
    text = "\n".join(c.source for c in prose)
    assert "$$" in text and "papermill notebooks/03_turnover_drivers.ipynb out.ipynb" in text
    assert "workbench run turnover_drivers" in text and "charts.py" in text


def test_every_chart_is_shown(nb):
    src = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for name in FIGURES:
        assert f"show(charts.{name}(result, p))" in src


def test_the_pair_is_in_sync(nb):
    def cells(book):
        return [
            (c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", ()))) for c in book.cells
        ]

    assert cells(jupytext.read(NOTEBOOK.with_suffix(".py"))) == cells(nb)


def test_the_default_run(default_runs):
    folder = default_runs[ANALYSIS]
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    assert list(results) == list(KEYS)
    schema = json.loads((folder / keys_mod.SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema == keys_mod.schema(KEYS)
    captions = {p.stem: json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")}
    assert set(captions) == FIGURES
    for name, cap in captions.items():
        assert cap["synthetic"] and "Illustrative synthetic data" in cap["source"], name
        for ext in ("png", "svg", "pdf"):
            assert (folder / "figures" / f"{name}.{ext}").is_file()
    assert (folder / "report.html").is_file()


@pytest.mark.slow
def test_a_users_file_with_its_own_column_names_runs(tmp_path):
    data = tmp_path / "社区工作者.csv"
    own = synth.workers(n=600, seed=7).drop(columns="tenure_start_years").rename(columns=OWN_NAMES)
    own.to_csv(data, index=False, encoding="gb18030")  # an HR file in GBK, without delayed entry
    column_map = "{" + ", ".join(f"{k}: {v}" for k, v in OWN_NAMES.items()) + "}"
    fast = [a for k, v in FAST.items() for a in ("-p", f"{k}={v}")]
    proc = workbench_cli(
        "run",
        ANALYSIS,
        "-p",
        f"data_path={data}",
        "-p",
        f"column_map={column_map}",
        *fast,
        "-p",
        "language=zh",
        "--name",
        "user",
        "--outputs",
        str(tmp_path / "out"),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = tmp_path / "out" / ANALYSIS / "user"
    results = json.loads((folder / "results.json").read_text())
    assert CONTRACT_KEYS[ANALYSIS] | {"warnings"} <= set(results)
    assert results["data_kind"] == "user" and results["n_workers"] == 600
    assert any("no delayed-entry column" in w for w in results["warnings"])
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert {c["name"] for c in captions} == FIGURES
    assert not any(c["synthetic"] for c in captions)
    assert all("社区工作者.csv" in c["source"] and c["language"] == "zh" for c in captions)
    assert results["synthetic_signs_recovered"] is None  # no known truth for a user's file
