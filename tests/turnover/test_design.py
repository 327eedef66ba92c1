"""The design and the fragile-data checks: separation (Konis 2007) and events per term."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from workbench.errors import DataError
from workbench.turnover import cox, design, logit, scenarios
from workbench.turnover.design import TurnoverWarning

from .conftest import CATEGORICAL, DRIVERS


def _separated(n: int = 400, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "worker_id": np.arange(n),
            "tenure_years": rng.uniform(0.5, 10, n),
            "weekly_hours": rng.normal(46, 4, n),
            "has_sw_certificate": (rng.random(n) < 0.1).astype(int),
        }
    )
    d["left"] = ((rng.random(n) < 0.3) & (d["has_sw_certificate"] == 0)).astype(int)
    return d


def test_separation_warns_and_never_returns_a_finite_garbage_estimate():
    d = _separated()
    drivers = ["weekly_hours", "has_sw_certificate"]
    w = design.validate_workers(d, drivers=drivers, categorical=[])
    assert any("separation" in m and "has_sw_certificate" in m for m in w)
    with pytest.warns(TurnoverWarning, match="separation"):
        fit = logit.fit_logit(d, "left", drivers)
    t = fit.table.set_index("term")
    est = t.loc["has_sw_certificate", ["coef", "odds_ratio", "ame", "effect"]].astype(float)
    assert np.isnan(est).all()
    assert "separation" in t.loc["has_sw_certificate", "note"]
    assert np.isfinite(t.loc["weekly_hours", "coef"])
    assert any("separation" in m for m in fit.warnings)
    assert fit.separated_drivers == ["has_sw_certificate"]
    assert logit.top_driver(fit.table)[0] == "weekly_hours"
    with pytest.raises(DataError, match="separation"):
        scenarios.counterfactual_turnover(
            d, "left", drivers, hours_cut=[2.0], pay_rise_pct=[], overlap_cut=[]
        )


def test_complete_separation_on_a_continuous_driver():
    d = pd.DataFrame({"x": np.arange(20.0), "left": (np.arange(20) >= 10).astype(int)})
    with pytest.warns(TurnoverWarning, match="separation"):
        fit = logit.fit_logit(d, "left", ["x"])
    assert fit.table["coef"].isna().all()


def test_low_events_per_variable_warns(small):
    d = small.iloc[:80]
    w = design.validate_workers(d, categorical=CATEGORICAL)
    assert any("Peduzzi" in m and "per term" in m for m in w)
    with pytest.warns(TurnoverWarning, match="Peduzzi"):
        fit = logit.fit_logit(d, "left", DRIVERS, CATEGORICAL)
    assert np.isfinite(fit.table["coef"]).all()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cox.fit_cox(d, drivers=DRIVERS, categorical=CATEGORICAL)
    assert any("Peduzzi" in str(w.message) for w in caught)
    assert design.validate_workers(small, categorical=CATEGORICAL) == []


def test_no_exit_is_a_warning_in_validation(small):
    w = design.validate_workers(small.assign(left=0))
    assert len(w) == 1 and "no worker left" in w[0]


def test_design_matrix_and_rank(small):
    dsg = design.build_design(small, ["monthly_pay", "has_sw_certificate"], ["contract_type"])
    assert dsg.names == [
        "const",
        "monthly_pay",
        "has_sw_certificate",
        "contract_type[T.agency]",
        "contract_type[T.open_ended]",
    ]
    assert [t.kind for t in dsg.terms] == ["continuous", "binary", "level", "level"]
    assert dsg.references == {"contract_type": "fixed_term"}
    np.testing.assert_allclose(dsg.sd[0], small["monthly_pay"].std(ddof=1))
    collinear = design.build_design(
        small.assign(pay2=small["monthly_pay"] * 2), ["monthly_pay", "pay2"], []
    )
    with pytest.raises(DataError, match="perfectly collinear"):
        design.check_rank(collinear, "x.csv")


def test_fit_functions_emit_no_unexpected_warnings(workers):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lg = logit.fit_logit(workers, "left", DRIVERS, CATEGORICAL)
        cx = cox.fit_cox(
            workers, drivers=DRIVERS, categorical=CATEGORICAL, entry="tenure_start_years"
        )
    assert lg.warnings == () and cx.warnings == ()
    for col in ("term", "coef", "odds_ratio", "ci_low", "ci_high", "p_value", "ame", "ame_se"):
        assert col in lg.table.columns
    for col in ("term", "coef", "hazard_ratio", "ci_low", "ci_high", "p_value"):
        assert col in cx.table.columns
