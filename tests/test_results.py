"""results.json and its schema: exactly the declared keys, JSON types, no NaN."""

from __future__ import annotations

import json

import numpy as np
import pytest

from workbench import keys, results

KEYS = keys.declare(share=keys.Key("fraction", "Share", "占比", "a share"))


def test_write_gives_results_and_schema(tmp_path):
    data = results.write({"data_kind": "synthetic", "share": np.float64(0.25)}, KEYS, tmp_path)
    assert data == {"data_kind": "synthetic", "share": 0.25}
    assert json.loads((tmp_path / "results.json").read_text()) == data
    schema = json.loads((tmp_path / keys.SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema["share"]["unit"] == "fraction" and schema["share"]["zh"] == "占比"
    assert list(schema) == ["data_kind", "share"]


def test_undeclared_missing_and_non_finite_are_refused(tmp_path):
    with pytest.raises(ValueError, match="undeclared"):
        results.write({"data_kind": "x", "share": 1, "extra": 2}, KEYS, tmp_path)
    with pytest.raises(ValueError, match="non-finite"):
        results.write({"data_kind": "x", "share": float("nan")}, KEYS, tmp_path)
    with pytest.raises(TypeError, match="cannot record"):
        results.plain(object())
    assert not (tmp_path / "results.json").exists()


def test_interactive_outputs_stay_out_of_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBENCH_OUTPUT_DIR", raising=False)
    monkeypatch.setenv("WORKBENCH_OUTPUTS", str(tmp_path))
    folder = results.begin("demo")
    assert folder == tmp_path / "interactive" / "demo"
    results.record("x", 1)
    assert results.read_results(folder) == {"x": 1}
    results.begin("demo")  # a fresh start forgets the last session's numbers
    assert results.read_results(folder) == {}
