"""Every committed notebook: a thin paper, its real-kernel run equal to the fast engine's.

The suite runs notebooks on the fast engine (``default_runs``); here each notebook also runs once
through the plain papermill command on the project's real Jupyter kernel, and both give the same
``results.json`` and the same figure files, byte for byte.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import CONTRACT_KEYS
from workbench import params
from workbench.params.generate import KERNEL_NAME
from workbench.paths import NOTEBOOKS, PARAMETERS, PROJECT_ROOT, sha256

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
BIN = Path(sys.executable).parent
PLOTTING = ("plt.", "ax.", ".plot(", "subplots(", "savefig(")


def analysis_of(nb: Path) -> str:
    return nb.stem[3:]


def test_every_analysis_has_a_notebook_and_default_parameters():
    assert [analysis_of(nb) for nb in NOTEBOOK_FILES] == list(params.ANALYSES)
    for nb in NOTEBOOK_FILES:
        assert (PARAMETERS / analysis_of(nb) / "default.yaml").is_file()


@pytest.mark.parametrize("nb_path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_is_a_thin_bilingual_paper(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == KERNEL_NAME
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    lines = [
        line
        for c in code
        if c is not tagged[0]
        for line in c.source.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert len(lines) <= 150, f"{len(lines)} code lines outside the parameters cell"
    for c in code:
        tree = ast.parse(c.source)
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        assert not any(p in c.source for p in PLOTTING), c.source
    prose = [c for c in nb.cells if c.cell_type == "markdown"]
    langs = [next(t for t in c.metadata.get("tags", []) if t.startswith("lang-")) for c in prose]
    assert langs == ["lang-en", "lang-zh"] * (len(prose) // 2), "prose comes as en/zh pairs"
    text = "\n".join(c.source for c in prose)
    assert f"workbench run {analysis_of(nb_path)}" in text and "papermill" in text
    assert "charts.py" in text  # where to change a figure


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("nb_path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_plain_papermill_on_the_real_kernel_equals_the_fast_engine(nb_path, tmp_path, default_runs):
    analysis = analysis_of(nb_path)
    out = tmp_path / "out"
    env = {**os.environ, "WORKBENCH_OUTPUT_DIR": str(out)}
    proc = subprocess.run(
        [
            str(BIN / "papermill"),
            str(nb_path),
            str(tmp_path / "executed.ipynb"),
            "-f",
            str(PARAMETERS / analysis / "default.yaml"),
            "--cwd",
            str(NOTEBOOKS),
            "--no-progress-bar",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    executed = nbformat.read(tmp_path / "executed.ipynb", as_version=4)
    assert executed.metadata["kernelspec"]["name"] == KERNEL_NAME
    fast = default_runs[analysis]
    kernel_results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert kernel_results == json.loads((fast / "results.json").read_text(encoding="utf-8"))
    assert _tree(out / "figures") == _tree(fast / "figures"), "figure files differ by engine"


@pytest.mark.parametrize("analysis", list(params.ANALYSES))
def test_default_run_folder_is_complete_and_traced(analysis, default_runs):
    folder = default_runs[analysis]
    for name in (
        "notebook.ipynb",
        "report.html",
        "results.json",
        "results.schema.json",
        "params.yaml",
        "provenance.json",
    ):
        assert (folder / name).is_file(), name
    results = json.loads((folder / "results.json").read_text())
    assert CONTRACT_KEYS[analysis] <= set(results), CONTRACT_KEYS[analysis] - set(results)
    schema = json.loads((folder / "results.schema.json").read_text(encoding="utf-8"))
    assert list(schema) == list(results)
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert captions, "no figures saved"
    for cap in captions:
        for ext in ("png", "svg", "pdf"):
            assert (folder / "figures" / cap["files"][ext]).is_file()
        if cap["synthetic"]:
            assert "Illustrative synthetic data" in cap["source"], cap["name"]
        elif results["data_kind"] == "synthetic":  # only the article's figures go unlabelled
            assert "as quoted in the article" in cap["source"], cap["name"]
    prov = json.loads((folder / "provenance.json").read_text())
    assert prov["engine"] == "fast" and prov["exit_status"] == 0
    for rel, digest in prov["inputs_sha256"].items():
        path = Path(rel) if Path(rel).is_absolute() else PROJECT_ROOT / rel
        assert sha256(path) == digest, rel
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert f"<title>{params.model_for(analysis).TITLE[0]} — default</title>" in html
    assert "@font-face" in html and "lang-zh" not in html
