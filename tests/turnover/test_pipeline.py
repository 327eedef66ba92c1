"""The pipeline: the default run equals the golden results; other runs keep the contract."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from conftest import CONTRACT_KEYS, GOLDEN, same
from workbench import keys as keys_mod
from workbench import results
from workbench.params import TurnoverDriversParams
from workbench.turnover import run
from workbench.turnover.keys import BRIEF_KEYS, KEYS
from workbench.turnover.pipeline import Result

from .conftest import FAST

ANALYSIS = "turnover_drivers"


def test_the_default_run_equals_golden(result):
    golden = json.loads((GOLDEN / f"{ANALYSIS}.json").read_text(encoding="utf-8"))
    assert not same(golden, result.numbers)


def test_numbers_are_exactly_the_declared_keys(result):
    assert list(result.numbers) == list(KEYS)
    keys_mod.check(result.numbers, KEYS)
    assert CONTRACT_KEYS[ANALYSIS] | {"warnings"} <= set(result.numbers)
    assert set(BRIEF_KEYS) <= set(KEYS) and 4 <= len(BRIEF_KEYS) <= 8
    json.dumps({k: results.plain(v) for k, v in result.numbers.items()})


def test_the_result_is_frozen_and_carries_no_attrs(result):
    assert Result.KEYS is KEYS and result.data_kind == "synthetic"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.n_workers = 1
    frames = [v for v in vars(result).values() if isinstance(v, pd.DataFrame)]
    for part in (
        result.logit,
        result.cox,
        result.cv,
        result.ranking,
        result.scenarios,
        result.rewards,
        result.truth,
    ):
        frames += [v for v in vars(part).values() if isinstance(v, pd.DataFrame)]
    assert len(frames) >= 15 and all(not f.attrs for f in frames)


def test_the_result_matches_its_parts(result, workers):
    assert result.n_workers == len(workers) == result.numbers["n_workers"]
    assert result.top_driver == "monthly_pay" and result.band == "age_certificate"
    assert result.warnings == tuple(result.numbers["warnings"])
    assert result.numbers["none_reasons"] == result.none_reasons
    assert 11 < result.horizon < 13


def test_no_cluster_parameter_set(small, tmp_path):
    path = tmp_path / "w.csv"
    small.to_csv(path, index=False)
    r = run(TurnoverDriversParams(data_path=str(path), cluster="", **FAST))
    assert r.logit.cov_type == "nonrobust" and r.cox.cov_type == "nonrobust"
    assert not any("clusters" in w for w in r.warnings)
    assert list(r.numbers) == list(KEYS) and r.numbers["data_kind"] == "user"


def test_a_user_file_with_its_own_column_names(own_file_run):
    r, p, own = own_file_run
    n = r.numbers
    assert n["data_kind"] == "user" and n["n_workers"] == 600
    assert n["turnover_rate"] == pytest.approx(own["是否离职"].mean())
    assert n["turnover_rate_ci_low"] < n["turnover_rate"] < n["turnover_rate_ci_high"]
    assert n["top_driver"] in TurnoverDriversParams().drivers
    assert 0.5 < n["cv_roc_auc"] < 1
    assert any("no delayed-entry column" in w for w in n["warnings"])
    # no known truth for a user's file: recorded as None, with the reason
    assert (
        n["synthetic_signs_recovered"] is None
        and "known truth" in (n["none_reasons"]["synthetic_signs_recovered"])
    )
    assert r.label == "社区工作者.csv" and r.entry is None


def test_few_events_per_term_runs_with_the_warning_recorded(few_run):
    r, _, few = few_run
    exits = int(few["left"].sum())
    assert any(f"only {exits} exits for 9 model terms" in w for w in r.numbers["warnings"])
    assert any("Peduzzi" in w for w in r.numbers["warnings"])
    assert r.numbers["n_warnings"] == len(r.numbers["warnings"])


def test_separation_is_reported_and_never_a_garbage_estimate(separated_run):
    r, _, _ = separated_run
    n = r.numbers
    assert any("separation" in w and "contract_type[T.agency]" in w for w in n["warnings"])
    assert n["driver_effects"]["contract_type[T.agency]"] is None
    assert n["top_driver"] is None and n["top_driver_effect"] is None
    assert "separation" in n["none_reasons"]["top_driver_effect"]
    assert n["counterfactual_rates"] is None  # what-ifs need estimable coefficients
    assert n["reward_net_yuan"] is None and r.scenarios is None and r.rewards is None
    assert n["cv_roc_auc"] is not None  # the prediction model does not need them


def test_no_levers_and_no_rewards(small, tmp_path):
    path = tmp_path / "w.csv"
    small.to_csv(path, index=False)
    p = TurnoverDriversParams(
        data_path=str(path), pay_rise_pct=[], hours_cut=[], overlap_cut=[], reward_shares=[], **FAST
    )
    r = run(p)
    assert r.scenarios is None and r.rewards is None
    for key in ("counterfactual_rates", "reward_net_yuan", "reward_exits_averted"):
        assert r.numbers[key] is None and key in r.numbers["none_reasons"]
