"""Golden results: every default run gives the numbers main gave before the restructure.

``tests/golden/<analysis>.json`` is the ``results.json`` of each default run. Every golden key must
be present with the same value (floats to 1e-9 relative); new keys are allowed. After an intended
change of a number, regenerate with ``make golden`` and let the commit's diff show the change.
"""

from __future__ import annotations

import json
import math

import pytest

from conftest import GOLDEN
from workbench import runner


def same(golden, got, path="") -> list[str]:
    """The differences between a golden value and a new one, as readable lines."""
    if isinstance(golden, bool) or golden is None or isinstance(golden, str):
        return (
            []
            if got == golden and type(got) is type(golden)
            else [f"{path}: {got!r} != {golden!r}"]
        )
    if isinstance(golden, (int, float)):
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return [f"{path}: {got!r} is not a number like {golden!r}"]
        if math.isclose(got, golden, rel_tol=1e-9, abs_tol=1e-12):
            return []
        return [f"{path}: {got!r} != {golden!r}"]
    if isinstance(golden, list):
        if not isinstance(got, list) or len(got) != len(golden):
            return [f"{path}: {got!r} != {golden!r}"]
        return [
            d
            for i, (g, v) in enumerate(zip(golden, got, strict=True))
            for d in same(g, v, f"{path}[{i}]")
        ]
    if isinstance(golden, dict):
        if not isinstance(got, dict):
            return [f"{path}: {got!r} is not a mapping"]
        out = [f"{path}.{k}: missing" for k in golden if k not in got]
        return out + [d for k in golden if k in got for d in same(golden[k], got[k], f"{path}.{k}")]
    raise TypeError(f"unexpected golden value at {path}: {golden!r}")


def test_every_analysis_has_a_golden_file():
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(runner.available())


@pytest.mark.parametrize("analysis", runner.available())
def test_default_run_matches_golden(analysis, default_runs):
    golden = json.loads((GOLDEN / f"{analysis}.json").read_text(encoding="utf-8"))
    got = json.loads((default_runs[analysis] / "results.json").read_text(encoding="utf-8"))
    diffs = same(golden, got, analysis)
    assert not diffs, "\n".join(diffs[:20])


def test_the_comparison_can_fail():
    assert same({"a": 1.0, "b": [1, 2]}, {"a": 1.0 + 1e-6, "b": [1, 3]})
    assert same({"a": None}, {"a": 0})
    assert same({"a": "x"}, {}) == [".a: missing"]
    assert not same({"a": 1.0}, {"a": 1.0 + 1e-12, "new": 5})
