"""Cross-validated prediction: scores, calibration against scikit-learn, importance, rankings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.turnover import prediction

from .conftest import DRIVERS


def test_cv_evaluate_metrics_calibration_and_importance(small):
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import roc_auc_score

    d = small.assign(noise=np.random.default_rng(0).normal(size=len(small)))
    cv = prediction.cv_evaluate(d, drivers=[*DRIVERS, "noise"], n_splits=3, n_repeats=2, seed=1)
    assert len(cv.folds) == 3 and cv.folds["n_test"].sum() == len(d)
    assert 0.55 < cv.summary["roc_auc"] < 1.0
    assert cv.summary["roc_auc_pooled"] == pytest.approx(
        roc_auc_score(d["left"], cv.oof_probability)
    )
    assert cv.summary["pr_auc"] > cv.summary["prevalence"]
    assert cv.summary["brier"] < cv.summary["brier_reference"]
    true, pred = calibration_curve(d["left"], cv.oof_probability, n_bins=10, strategy="quantile")
    np.testing.assert_allclose(cv.calibration["observed_rate"], true)
    np.testing.assert_allclose(cv.calibration["mean_predicted"], pred)
    imp = cv.importance.set_index("driver")
    assert set(imp.index) == {*DRIVERS, "contract_type", "noise"}
    assert imp.loc["monthly_pay", "rank"] <= 2
    assert imp.loc["noise", "importance_mean"] < imp.loc["monthly_pay", "ci_low"]
    # reproducible
    cv2 = prediction.cv_evaluate(d, drivers=[*DRIVERS, "noise"], n_splits=3, n_repeats=2, seed=1)
    np.testing.assert_array_equal(cv.oof_probability, cv2.oof_probability)


def test_random_forest_runs(small):
    cv = prediction.cv_evaluate(small, model="rf", n_splits=2, n_repeats=1)
    assert 0.5 < cv.summary["roc_auc"] < 1.0


def test_the_largest_seed_the_parameters_allow_works(small):
    from workbench.params.base import SEED_MAX

    cv = prediction.cv_evaluate(small, n_splits=2, n_repeats=1, seed=SEED_MAX)
    assert 0 <= cv.summary["roc_auc"] <= 1


def test_cv_errors(small):
    with pytest.raises(ValueError, match="folds"):
        prediction.cv_evaluate(small, n_splits=1)
    with pytest.raises(ValueError, match="n_repeats"):
        prediction.cv_evaluate(small, n_repeats=0)
    with pytest.raises(ValueError, match="model"):
        prediction.build_pipeline(["a"], [], model="svm")
    few = small.iloc[:50].assign(left=[1, 1] + [0] * 48)
    with pytest.raises(InputError, match="fewer than the 5 cross-validation folds"):
        prediction.cv_evaluate(few, n_splits=5)


@settings(max_examples=30, deadline=None)
@given(
    y=st.lists(st.integers(0, 1), min_size=20, max_size=200),
    seed=st.integers(0, 1000),
    bins=st.integers(2, 10),
)
def test_calibration_table_properties(y, seed, bins):
    y = np.asarray(y, dtype=float)
    p = np.random.default_rng(seed).uniform(size=len(y))
    cal = prediction.calibration_table(y, p, bins)
    assert cal["n"].sum() == len(y)
    assert (cal["ci_low"] <= cal["observed_rate"] + 1e-12).all()
    assert (cal["observed_rate"] <= cal["ci_high"] + 1e-12).all()
    assert cal["observed_rate"].mul(cal["n"]).sum() == pytest.approx(y.sum())


def test_compare_rankings_flags_disagreement():
    logit = pd.DataFrame(
        {
            "term": ["a", "b", "c[T.x]", "c[T.y]", "d"],
            "driver": ["a", "b", "c", "c", "d"],
            "kind": ["continuous", "binary", "level", "level", "continuous"],
            "effect": [0.10, -0.05, 0.01, -0.03, 0.001],
            "effect_p_value": [1e-6, 1e-3, 0.5, 0.04, 0.8],
        }
    )
    imp = pd.DataFrame(
        {
            "driver": ["a", "b", "c", "d"],
            "importance_mean": [0.001, 0.05, 0.02, 0.03],
            "ci_low": [-0.01, 0.03, 0.01, 0.01],
            "ci_high": [0.01, 0.07, 0.03, 0.05],
        }
    )
    rk = prediction.compare_rankings(logit, imp)
    out = rk.table.set_index("driver")
    assert out.loc["a", "logit_rank"] == 1 and out.loc["a", "model_rank"] == 4
    assert out.loc["a", "flag"] and "no clear held-out" in out.loc["a", "reason"]
    assert out.loc["c", "logit_effect"] == -0.03  # largest level contrast
    assert out.loc["d", "flag"] and "not significant" in out.loc["d", "reason"]
    assert not out.loc["b", "flag"]
    assert -1.0 <= rk.spearman_rho <= 1.0
    assert rk.disagreements == [d for d in rk.table["driver"] if out.loc[d, "flag"]]
