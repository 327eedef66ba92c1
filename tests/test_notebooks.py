"""Every committed notebook: clean, papermill-native parameters equal to the model, and it runs."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from conftest import CONTRACT_KEYS
from workbench import params, runner
from workbench.datasets import sha256

NOTEBOOKS = sorted(runner.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
BIN = Path(sys.executable).parent


def analysis_of(nb: Path) -> str:
    return nb.stem[3:]


def test_every_analysis_has_a_notebook_and_default_parameters():
    assert NOTEBOOKS, "no notebooks committed"
    for nb in NOTEBOOKS:
        assert analysis_of(nb) in params.ANALYSES, nb.name
        assert (runner.PARAMETERS / analysis_of(nb) / "default.yaml").is_file()


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_clean_and_parameters_match_the_model(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert nb.metadata["kernelspec"]["name"] == runner.KERNEL
    # The parameters cell holds literal, annotated assignments only (derived values go below).
    for stmt in ast.parse(tagged[0].source).body:
        assert isinstance(stmt, ast.AnnAssign), ast.dump(stmt)
        ast.literal_eval(stmt.value)
    model = params.ANALYSES[analysis_of(nb_path)]
    found = papermill.inspect_notebook(str(nb_path))
    assert set(found) == set(model.model_fields)
    defaults = model().model_dump()
    for name, info in found.items():
        assert ast.literal_eval(info["default"]) == defaults[name], name
        assert info["help"], f"{name}: the parameters cell needs a '# help [unit]' comment"


@pytest.mark.slow
@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_with_the_plain_papermill_cli(nb_path, tmp_path):
    analysis = analysis_of(nb_path)
    env = {**os.environ, "WORKBENCH_OUTPUT_DIR": str(tmp_path / "out")}
    proc = subprocess.run(
        [
            str(BIN / "papermill"),
            str(nb_path),
            str(tmp_path / "executed.ipynb"),
            "-f",
            str(runner.PARAMETERS / analysis / "default.yaml"),
            "--cwd",
            str(runner.NOTEBOOKS),
            "--no-progress-bar",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads((tmp_path / "out" / "results.json").read_text())["data_kind"]


@pytest.mark.slow
@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_workbench_run_end_to_end(nb_path, tmp_path):
    analysis = analysis_of(nb_path)
    proc = subprocess.run(
        [str(BIN / "workbench"), "run", analysis, "--outputs", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = tmp_path / analysis / "default"
    results = json.loads((folder / "results.json").read_text())
    assert CONTRACT_KEYS[analysis] <= set(results), CONTRACT_KEYS[analysis] - set(results)
    assert results["data_kind"] in {"reference", "synthetic", "user"}
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert captions, "no figures saved"
    for cap in captions:
        for ext in ("png", "svg", "pdf"):
            assert (folder / "figures" / cap["files"][ext]).is_file()
        if cap["synthetic"]:
            assert "Illustrative synthetic data" in cap["source"], cap["name"]
        elif results["data_kind"] == "synthetic":  # only the article's figures go unlabelled
            assert "as quoted in the article" in cap["source"], cap["name"]
    if results["data_kind"] == "synthetic":
        assert any(cap["synthetic"] for cap in captions)
    prov = json.loads((folder / "provenance.json").read_text())
    for rel, digest in prov["inputs_sha256"].items():
        path = Path(rel) if Path(rel).is_absolute() else runner.PROJECT_ROOT / rel
        assert sha256(path) == digest, rel
