"""The thin notebook, and end to end: the default run, a user's file, bad input before a kernel.

Bad input must stop before a kernel starts: exit status 2, one line naming the file, column and
line, no traceback, and the outputs folder exactly as it was. A file with its own column names runs
with a ``column_map`` and is labelled ``data_kind: user``.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import pytest

from conftest import CONTRACT_KEYS, outputs_with_previous_run, tree_digest, workbench_cli
from workbench.synth import programmes

ANALYSIS = "tech_cost_effectiveness"
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "04_tech_cost_effectiveness.ipynb"
FIGURES = {"response_curve", "ce_plane", "ceac", "tornado", "dea_ranking", "incentive"}


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def test_notebook_is_thin(nb):
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and nb.metadata["kernelspec"]["name"] == "workbench"
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    code = [c for c in nb.cells if c.cell_type == "code" and c is not tagged[0]]
    lines = [line for c in code for line in c.source.splitlines() if line.strip()]
    assert len(lines) <= 60, len(lines)
    for cell in code:
        assert not cell.get("outputs") and cell.get("execution_count") is None
        assert not cell.metadata.get("tags"), "code cells carry no language tag"
        tree = ast.parse(cell.source)
        assert not any(
            isinstance(n, (ast.FunctionDef, ast.Lambda, ast.Dict)) for n in ast.walk(tree)
        )
        assert "plt." not in cell.source and 'record("' not in cell.source


def test_prose_comes_in_english_then_chinese(nb):
    prose = [c for c in nb.cells if c.cell_type == "markdown"]
    assert prose and len(prose) % 2 == 0
    for en, zh in zip(prose[::2], prose[1::2], strict=True):
        assert en.metadata["tags"] == ["lang-en"] and zh.metadata["tags"] == ["lang-zh"]
        assert nb.cells.index(zh) == nb.cells.index(en) + 1
    text = " ".join(c.source for c in prose)
    assert "papermill notebooks/04_tech_cost_effectiveness.ipynb out.ipynb -f" in text
    assert "src/workbench/costeff/charts.py" in text


def test_jupytext_pair_is_in_sync(nb):
    import jupytext

    pair = NOTEBOOK.with_suffix(".py").read_text(encoding="utf-8")
    assert pair == jupytext.writes(nb, fmt="py:percent")


def test_default_run_writes_every_figure_labelled(default_runs):
    folder = default_runs[ANALYSIS]
    results = json.loads((folder / "results.json").read_text())
    assert CONTRACT_KEYS[ANALYSIS] <= set(results)
    schema = json.loads((folder / "results.schema.json").read_text())
    assert set(schema) == set(results)
    captions = {p.stem: json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")}
    assert set(captions) == FIGURES
    for name, cap in captions.items():
        assert cap["synthetic"] and "Illustrative synthetic data" in cap["source"], name
        assert cap["width"] == "full" and cap["language"] == "en"
        for ext in ("png", "svg", "pdf"):
            assert (folder / "figures" / f"{name}.{ext}").is_file()


@pytest.fixture
def outputs(tmp_path: Path) -> Path:
    return outputs_with_previous_run(tmp_path, ANALYSIS)


def test_bad_input_exits_2_with_one_line_before_any_kernel(tmp_path, outputs):
    data = tmp_path / "programmes.csv"
    units = programmes(n=30, seed=5)
    units.assign(tech_spend=units["tech_spend"].where(units.index != 2, -5.0)).to_csv(
        data, index=False
    )
    before = tree_digest(outputs)
    proc = workbench_cli("run", ANALYSIS, "-p", f"data_path={data}", "--outputs", str(outputs))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    err = proc.stderr
    assert "column 'tech_spend' has negative costs (yuan) in file line 4 (-5.0)" in err, err
    assert str(data) in err and err.count("\n") == 1
    assert "Traceback" not in proc.stdout + err
    assert tree_digest(outputs) == before  # no run folder written, the previous one untouched


def test_user_file_with_its_own_column_names_runs(tmp_path, outputs):
    data = tmp_path / "社区项目.csv"
    names = {
        "unit_id": "社区",
        "tech_spend": "技术投入（元）",
        "staff_cost": "人员成本（元）",
        "service_precision": "需求满足率",
        "strategy": "方案",
    }
    programmes(n=45, seed=5).rename(columns=names).to_csv(data, index=False, encoding="gb18030")
    column_map = "{" + ", ".join(f"{k}: {v}" for k, v in names.items()) + "}"
    proc = workbench_cli(
        "run",
        ANALYSIS,
        "-p",
        f"data_path={data}",
        "-p",
        f"column_map={column_map}",
        "-p",
        "psa_draws=2000",
        "-p",
        "n_boot=0",
        "-p",
        "language=zh",
        "--name",
        "user",
        "--outputs",
        str(outputs),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = outputs / ANALYSIS / "user"
    results = json.loads((folder / "results.json").read_text())
    assert CONTRACT_KEYS[ANALYSIS] <= set(results), CONTRACT_KEYS[ANALYSIS] - set(results)
    assert results["data_kind"] == "user"
    assert results["optimal_strategy_at_wtp"] in {"tech-heavy", "staff-centred", "blended"}
    assert results["evpi"] >= 0
    assert results["n_units"] == 45
    assert results["marginal_return_ci_low"] is None  # n_boot 0: recorded as None, not NaN
    assert 1 <= results["n_efficient_units"] <= 45
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert {c["name"] for c in captions} == FIGURES
    for cap in captions:
        assert not cap["synthetic"] and "社区项目.csv" in cap["source"], cap["name"]
        assert cap["language"] == "zh"
    prov = json.loads((folder / "provenance.json").read_text())
    assert any(k.endswith("社区项目.csv") for k in prov["inputs_sha256"])
