"""The parameters cell and default.yaml are generated from the model, and are current."""

from __future__ import annotations

import ast

import papermill
import pytest

from workbench import params, yamlfile
from workbench.params import generate

ANALYSES = list(params.ANALYSES)


@pytest.mark.parametrize("analysis", ANALYSES)
def test_generated_files_are_current(analysis):
    assert generate.stale(analysis) == [], "run 'make params'"


@pytest.mark.parametrize("analysis", ANALYSES)
def test_parameters_cell_is_papermill_native_and_short(analysis):
    model = params.model_for(analysis)
    cell = generate.parameters_cell(model)
    defaults = model().model_dump()
    assert all(len(line) <= generate.MAX_LINE for line in cell.splitlines())
    body = ast.parse(cell).body
    assert [stmt.target.id for stmt in body] == list(model.model_fields)
    kinds = {"int", "float", "str", "bool", "list", "dict"}
    for stmt in body:
        assert isinstance(stmt, ast.AnnAssign) and stmt.annotation.id in kinds
        assert ast.literal_eval(stmt.value) == defaults[stmt.target.id]
        lines = cell.splitlines()[stmt.lineno - 1 : stmt.end_lineno]
        code = [line.partition("  #")[0] for line in lines]
        assert sum(c.count("=") for c in code) == 1, f"papermill needs one '=': {lines}"
        assert "=" not in lines[-1].partition("  #")[2], f"papermill: '=' in the help: {lines}"
    found = papermill.inspect_notebook(str(generate.notebook_path(analysis)))
    assert set(found) == set(model.model_fields)
    for name, info in found.items():
        assert ast.literal_eval(info["default"]) == defaults[name], name
        assert info["help"], name


@pytest.mark.parametrize("analysis", ANALYSES)
def test_default_yaml_reads_back_as_the_defaults(analysis):
    model = params.model_for(analysis)
    data, _ = yamlfile.loads(generate.default_yaml(model), "default.yaml")
    assert data == model().model_dump()


def test_a_long_line_is_refused():
    class Long(params.AnalysisParams):
        ANALYSIS = "long"
        x: int = params.P(1, "word " * 30, "count", "choice")

    with pytest.raises(ValueError, match="shorter help"):
        generate.parameters_cell(Long)
