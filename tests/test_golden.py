"""Golden results: every default run gives the numbers main gave before the restructure.

``tests/golden/<analysis>.json`` is the ``results.json`` of each default run. Every golden key must
be present with the same value (floats to 1e-9 relative); new keys are allowed. After an intended
change of a number, regenerate with ``make golden`` and let the commit's diff show the change.
"""

from __future__ import annotations

import json

import pytest

from conftest import GOLDEN, same
from workbench import runner


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
