"""Tests of workbench.synth.programmes: determinism, calibration, the shipped file, recovery."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.costeff import (
    envelopment,
    response,
    reward,
    schema,
    staffing,
    strategies,
    uncertainty,
)
from workbench.synth import (
    ARTICLE_TECH_PROJECTS,
    ARTICLE_TECH_TOTAL_YUAN,
    PROGRAMME_STRATEGIES,
    programmes,
)

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "synthetic" / "programmes.csv"
COLUMNS = ["unit_id", "strategy", "tech_spend", "staff_cost", "service_precision", "satisfaction"]


@pytest.fixture(scope="module")
def default() -> pd.DataFrame:
    return programmes()


@pytest.fixture(autouse=True)
def _raise_on_float_errors():
    with np.errstate(all="raise"):
        yield


def _adjusted_fit(df: pd.DataFrame) -> response.ResponseFit:
    ref = df.attrs["true_parameters"]["staff_reference"]
    z = pd.DataFrame({"staff_cut": staffing.staff_cut(df["staff_cost"], ref)})
    return response.fit_response(df["tech_spend"], df["service_precision"], "hill", covariates=z)


def test_same_arguments_same_frame(default):
    pd.testing.assert_frame_equal(default, programmes())
    assert not programmes(seed=1)["tech_spend"].equals(default["tech_spend"])


def test_schema_and_labels(default):
    assert list(default.columns) == COLUMNS
    assert len(default) == 300
    assert default.attrs["data_kind"] == "synthetic"
    schema.validate_programmes(
        default, strategy="strategy", outcome_bounds=(0, 1), source_label="programmes"
    )
    assert default["satisfaction"].between(0, 100).all()
    assert default["unit_id"].is_unique


def test_shipped_file_equals_generator(default):
    shipped = pd.read_csv(SHIPPED)
    pd.testing.assert_frame_equal(shipped, default, check_exact=False, rtol=1e-12, atol=0)


def test_balanced_strategies_and_direction(default):
    counts = default["strategy"].value_counts()
    assert set(counts.index) == set(PROGRAMME_STRATEGIES)
    assert counts.max() - counts.min() <= 1
    means = default.groupby("strategy")[["tech_spend", "staff_cost"]].mean()
    assert means["tech_spend"].idxmax() == "tech-heavy"
    assert means["tech_spend"].idxmin() == "staff-centred"
    assert means["staff_cost"].idxmax() == "staff-centred"
    assert means["staff_cost"].idxmin() == "tech-heavy"


def test_calibrated_to_article_mean_spend(default):
    target = ARTICLE_TECH_TOTAL_YUAN / ARTICLE_TECH_PROJECTS
    se = default["tech_spend"].std(ddof=1) / np.sqrt(len(default))
    assert abs(default["tech_spend"].mean() - target) < 4 * se
    big = programmes(n=30_000, seed=11)
    assert big["tech_spend"].mean() == pytest.approx(target, rel=0.02)
    assert big["staff_cost"].mean() == pytest.approx(4.0e6, rel=0.02)


def test_recovers_true_parameters_default_data(default):
    fit = _adjusted_fit(default)
    se = np.sqrt(np.diag(fit.cov.to_numpy()))
    truth = default.attrs["true_parameters"]
    expected = [truth["e0"], truth["emax"], truth["ec50"], truth["hill"], -truth["staff_penalty"]]
    for name, value, s, true in zip(fit.params.index, fit.params, se, expected, strict=True):
        assert abs(value - true) < 3 * s, (name, value, true, s)
    resid_sd = np.sqrt(fit.rss / (fit.n - len(fit.params)))
    assert resid_sd == pytest.approx(truth["noise_sd"], rel=0.15)


def test_recovery_tightens_with_n_and_naive_fit_is_confounded():
    df = programmes(n=3000, seed=5)
    fit = _adjusted_fit(df)
    assert fit.params["emax"] == pytest.approx(0.35, rel=0.1)
    assert fit.params["ec50"] == pytest.approx(4.0e6, rel=0.1)
    assert fit.params["beta_staff_cut"] == pytest.approx(-0.15, rel=0.15)
    naive = response.fit_response(df["tech_spend"], df["service_precision"], "hill")
    assert naive.params["emax"] < fit.params["emax"]  # staff cuts mask part of the tech gain


def test_zero_staff_penalty_switches_hypothesis_off():
    df = programmes(n=1500, seed=3, staff_penalty=0.0)
    fit = _adjusted_fit(df)
    se = float(np.sqrt(fit.cov.loc["beta_staff_cut", "beta_staff_cut"]))
    assert abs(fit.params["beta_staff_cut"]) < 3 * se


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"n": 2}, "n: expected a whole number >= 3"),
        ({"ec50": 0.0}, "ec50: expected a number > 0"),
        ({"staff_penalty": -0.1}, "staff_penalty: expected a number >= 0"),
        ({"tech_mix": (1.0, 0.0, 1.0)}, "tech_mix: expected three numbers > 0"),
        ({"staff_reference": -1.0}, "staff_reference: expected a number > 0"),
    ],
)
def test_generator_rejects_bad_arguments(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        programmes(**kwargs)


def test_pipeline_on_shipped_data_gives_the_notebook_numbers():
    """One golden pass through the analysis on the shipped file (values computed, not typed)."""
    df = schema.validate_programmes(
        pd.read_csv(SHIPPED), strategy="strategy", outcome_bounds=(0, 1), source_label=SHIPPED.name
    )
    summary = strategies.arm_summary(df, effect_scale=100.0)
    tab = strategies.icers(summary)
    assert tab["status"].iloc[0] == "reference"
    assert tab.set_index("strategy").loc["staff-centred", "status"] == "reference"
    wtp = 100_000.0
    best = strategies.optimal_strategy(summary, wtp)
    front = tab[tab["status"].isin(["reference", "non-dominated"])]
    expected = front.loc[front["icer"].fillna(-np.inf) <= wtp, "strategy"].iloc[-1]
    assert best == expected

    psa = uncertainty.psa_bootstrap(
        strategies.with_total_cost(df).assign(effect=df["service_precision"] * 100),
        n_draws=2000,
        seed=20220418,
    )
    info = uncertainty.evpi(psa, [wtp])
    assert info["evpi"].iloc[0] >= 0
    curve = uncertainty.ceac(psa, np.linspace(0, 1e6, 11))
    assert np.allclose(curve.groupby("wtp")["probability"].sum(), 1.0)

    fit = response.fit_response(df["tech_spend"], df["service_precision"], "hill")
    marginal = response.marginal_response(fit, float(df["tech_spend"].mean()))
    assert marginal > 0

    indexed = df.set_index("unit_id")
    scores = envelopment.dea(
        indexed[["tech_spend", "staff_cost"]], indexed[["service_precision"]], "crs"
    )
    assert int((scores >= 1 - 1e-6).sum()) >= 1
    cost = indexed["tech_spend"] + indexed["staff_cost"]
    saving_share = float(envelopment.potential_savings(cost, scores).sum() / cost.sum())
    assert 0 < saving_share < 1
    inc = reward.incentive(float(cost.sum()), 0.05, (0.3, 0.5), admin_cost=0.01 * float(cost.sum()))
    assert (inc["net_saving_society"] >= inc["net_saving_budget"]).all()


def test_every_allowed_staff_penalty_keeps_precision_positive():
    """The model's largest synthetic_staff_penalty still gives every programme a usable outcome."""
    from workbench.params import TechCostEffectivenessParams

    largest = TechCostEffectivenessParams.model_fields["synthetic_staff_penalty"].metadata
    top = next(c.le for c in largest if hasattr(c, "le"))
    frame = programmes(staff_penalty=top)
    assert (frame["service_precision"] > 0).all()
    assert (programmes(staff_penalty=1.0)["service_precision"] == 0).any()  # why the bound
