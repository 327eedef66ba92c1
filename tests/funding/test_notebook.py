"""The funding-distribution notebook: a thin bilingual paper, and its runs end to end.

Real notebook runs here: the shared default run (``default_runs``), the US Form 990 example and one
GBK user file with its own column names. A bad file must stop ``workbench run`` before a kernel
starts: exit status 2, one line, no traceback, earlier outputs byte-for-byte unchanged.
"""

from __future__ import annotations

import ast
import json

import jupytext
import nbformat
import pandas as pd
import pytest
from PIL import Image

from conftest import outputs_with_previous_run, tree_digest, workbench_cli
from workbench import datasets, params
from workbench.funding import run
from workbench.params import generate

ANALYSIS = "funding_distribution"
FIGURES = {"hhi_distribution", "funding_mix_by_decile", "lorenz_curve", "stress_test"}
NOTEBOOK = generate.notebook_path(ANALYSIS)


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def test_notebook_is_thin_and_bilingual(nb):
    assert nb.metadata["kernelspec"]["name"] == "workbench"
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    code = [c for c in nb.cells if c.cell_type == "code" and c is not tagged[0]]
    assert all(not c.outputs and c.execution_count is None for c in code)
    lines = [line for c in code for line in c.source.splitlines() if line.strip()]
    assert len(lines) <= 40, len(lines)
    for cell in code:
        tree = ast.parse(cell.source)
        assert not any(
            isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Dict)) for n in ast.walk(tree)
        )
        assert "plt." not in cell.source and "record(" not in cell.source.replace(
            "record(result)", ""
        )
        assert not {"lang-en", "lang-zh"} & set(cell.metadata.get("tags", []))
    prose = [c for c in nb.cells if c.cell_type == "markdown"]
    tags = [c.metadata.get("tags", []) for c in prose]
    assert tags == [["lang-en"], ["lang-zh"]] * (len(prose) // 2)
    for i, cell in enumerate(nb.cells):
        if "lang-en" in cell.metadata.get("tags", []):
            assert "lang-zh" in nb.cells[i + 1].metadata.get("tags", [])
    assert 'p = check("funding_distribution", globals())' in code[0].source
    assert "result = funding.run(p)" in code[1].source and "record(result)" in code[1].source


def test_jupytext_pair_is_in_sync(nb):
    pair = jupytext.read(NOTEBOOK.with_suffix(".py"))
    assert [c.source for c in pair.cells] == [c.source for c in nb.cells]


def test_default_run_folder(default_runs):
    folder = default_runs[ANALYSIS]
    assert {p.stem for p in (folder / "figures").glob("*.json")} == FIGURES
    schema = json.loads((folder / "results.schema.json").read_text(encoding="utf-8"))
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    assert set(schema) == set(results)
    for name in FIGURES:
        caption = json.loads((folder / "figures" / f"{name}.json").read_text(encoding="utf-8"))
        assert caption["synthetic"] and "Illustrative synthetic data" in caption["source"]
        width = Image.open(folder / "figures" / f"{name}.png").size[0]
        assert abs(width - (921 if name == "lorenz_curve" else 1890)) <= 1, (name, width)


@pytest.mark.slow
def test_us_990_example_runs_from_the_project_root(tmp_path):
    example = f"parameters/{ANALYSIS}/us_990_example.yaml"
    proc = workbench_cli(
        "run", ANALYSIS, "-f", example, "--outputs", str(tmp_path), cwd=generate.PARAMETERS.parent
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = tmp_path / ANALYSIS / "us_990_example"
    results = json.loads((folder / "results.json").read_text())
    raw = pd.read_csv(datasets.path("external/irs_soi_990_2016_medical_research_orgs.csv"))
    zero = int((raw[["totcntrbgfts", "totprgmrevnue", "royaltsinc"]].sum(axis=1) == 0).sum())
    assert results["data_kind"] == "user"
    assert results["n_dropped_zero_total"] == zero
    assert results["n_organisations"] == len(raw) - zero
    assert results["theil_between_share"] is None  # no groups: undefined, recorded as None
    assert 0 < results["share_primary_government"] < 1
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert {c["name"] for c in captions} == FIGURES
    assert all("irs_soi_990" in c["source"] and "public domain" in c["source"] for c in captions)
    assert not any(c["synthetic"] for c in captions)
    assert abs(Image.open(folder / "figures" / "stress_test.png").size[0] - 1890) <= 1


@pytest.mark.slow
def test_gbk_file_with_its_own_column_names_runs(tmp_path):
    orgs = pd.read_csv(datasets.path("synthetic/organisations.csv")).head(300)
    names = {
        "org_id": "机构编号",
        "group": "所在区",
        "government_purchase": "政府购买",
        "foundation_grants": "基金会",
        "donations": "个人捐赠",
        "service_fees": "服务收费",
        "other": "其他",
    }
    data = tmp_path / "机构资金.csv"
    orgs.rename(columns=names).to_csv(data, index=False, encoding="gbk")
    column_map = "{" + ", ".join(f"{k}: {v}" for k, v in names.items()) + "}"
    flags = [f"data_path={data}", f"column_map={column_map}", "n_boot=200", "language=zh"]
    args = [arg for flag in flags for arg in ("-p", flag)]
    proc = workbench_cli(
        "run", ANALYSIS, *args, "--name", "gbk", "--outputs", str(tmp_path / "out")
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = tmp_path / "out" / ANALYSIS / "gbk"
    results = json.loads((folder / "results.json").read_text())
    expected = run(params.resolve(ANALYSIS, flags=flags)).numbers
    assert results == expected
    assert results["data_kind"] == "user" and results["n_organisations"] == 300
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert len(captions) == 4
    assert all(not c["synthetic"] and "机构资金.csv" in c["source"] for c in captions)
    assert all(c["language"] == "zh" and c["source"].startswith("来源：") for c in captions)


def test_bad_file_stops_before_the_kernel_with_one_line(tmp_path):
    data = tmp_path / "bad.csv"
    data.write_text(
        "org_id,group,government_purchase,foundation_grants,donations,service_fees,other\n"
        "A,g1,10,0,1,0,0\nB,g1,5,1,0,0,0\nC,g2,3,0,-2,1,0\n",
        encoding="utf-8",
    )
    outputs = outputs_with_previous_run(tmp_path, ANALYSIS)
    before = tree_digest(outputs), sorted(str(p.relative_to(outputs)) for p in outputs.rglob("*"))
    proc = workbench_cli("run", ANALYSIS, "-p", f"data_path={data}", "--outputs", str(outputs))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    message = proc.stderr.strip()
    assert message.startswith("error: ") and len(message.splitlines()) == 1, message
    for part in (str(data), "'donations'", "negative", "file line 4"):
        assert part in message, (part, message)
    after = tree_digest(outputs), sorted(str(p.relative_to(outputs)) for p in outputs.rglob("*"))
    assert after == before
