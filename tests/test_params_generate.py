"""The parameters cell and default.yaml are generated from the model, and are current."""

from __future__ import annotations

import ast

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
    for line, stmt in zip(cell.splitlines(), ast.parse(cell).body, strict=True):
        assert len(line) <= generate.MAX_LINE, line
        assert isinstance(stmt, ast.AnnAssign) and stmt.annotation.id in {
            "int",
            "float",
            "str",
            "bool",
            "list",
            "dict",
        }
        assert ast.literal_eval(stmt.value) == defaults[stmt.target.id]
        assert line.count("=") == 1, f"papermill skips a line with a second '=': {line}"


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
