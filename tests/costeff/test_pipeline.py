"""The whole analysis in process: the default equals the golden file; other parameter sets run."""

from __future__ import annotations

import json

import pytest

from conftest import GOLDEN, same
from workbench import keys, params
from workbench.costeff import run
from workbench.costeff.keys import KEYS
from workbench.params import TechCostEffectivenessParams as Model
from workbench.paths import PARAMETERS
from workbench.synth import programmes

FAST = ["psa_draws=1000", "n_boot=0"]


def test_default_numbers_equal_the_golden_file(default_result):
    golden = json.loads((GOLDEN / "tech_cost_effectiveness.json").read_text(encoding="utf-8"))
    diffs = same(golden, default_result.numbers)
    assert not diffs, "\n".join(diffs)


def test_numbers_are_exactly_the_declared_keys(default_result):
    keys.check(default_result.numbers, KEYS)
    assert list(default_result.numbers) == list(KEYS)
    assert default_result.KEYS is KEYS and default_result.data_kind == "synthetic"


def test_result_is_frozen(default_result):
    with pytest.raises(AttributeError):
        default_result.data_kind = "user"


def test_no_staff_penalty_regenerates_the_data_and_finds_no_penalty():
    p = params.resolve(
        Model.ANALYSIS, [PARAMETERS / Model.ANALYSIS / "no_staff_penalty.yaml"], FAST
    )
    result = run(p)
    n = result.numbers
    assert result.inputs.source == "synthetic programmes" and result.inputs.staff_penalty == 0.0
    assert n["staff_cut_coefficient_ci_low"] < 0 < n["staff_cut_coefficient_ci_high"]
    assert n["marginal_return_ci_low"] is None  # n_boot 0: None, not NaN


def test_satisfaction_with_variable_returns():
    p = params.resolve(
        Model.ANALYSIS, [PARAMETERS / Model.ANALYSIS / "satisfaction_vrs.yaml"], FAST
    )
    n = run(p).numbers
    assert n["n_efficient_units"] == n["n_efficient_units_vrs"]
    assert n["optimal_strategy_at_wtp"] in {"tech-heavy", "staff-centred", "blended"}


def test_a_file_without_strategies_skips_the_comparison(tmp_path):
    data = tmp_path / "units.csv"
    programmes(n=40, seed=3).drop(columns="strategy").to_csv(data, index=False)
    p = params.resolve(Model.ANALYSIS, flags=[f"data_path={data}", "response_model=log", *FAST])
    result = run(p)
    n = result.numbers
    assert result.comparison is None and result.frontier.by_strategy is None
    assert n["data_kind"] == "user" and n["n_units"] == 40
    for key in ("optimal_strategy_at_wtp", "icer_by_strategy", "evpi", "tornado_top_parameter"):
        assert n[key] is None, key
    keys.check(n, KEYS)
