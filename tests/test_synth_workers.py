"""Tests of the synthetic workers generator (workbench.synth.workers) and effect recovery."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.synth import WORKERS_DISTRICTS, WORKERS_TRUE_LOGIT, workers, workers_calibration
from workbench.turnover import cox, logit, schema
from workbench.turnover.design import validate_workers

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "data" / "synthetic" / "workers.csv"
README = ROOT / "data" / "synthetic" / "README.md"
DRIVERS = list(schema.DRIVERS)
COLUMNS = [
    "worker_id",
    "left",
    "tenure_years",
    "tenure_start_years",
    *DRIVERS,
    "contract_type",
    "district",
]


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return workers()


@pytest.fixture(scope="module")
def fits(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Correctly specified logit (with the interaction) and the main-effects logit."""
    d = df.assign(cert_x_young=df["has_sw_certificate"] * (df["age"] < 35))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no fragility warnings on the shipped data
        full = logit.fit_logit(d, "left", [*DRIVERS, "cert_x_young"], ["contract_type"]).table
        main = logit.fit_logit(d, "left", DRIVERS, ["contract_type"]).table
    return full.set_index("term"), main.set_index("term")


def test_same_seed_same_frame_other_seed_differs(df: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(df, workers(n=3000, seed=20220418))
    assert not workers(seed=1)["monthly_pay"].equals(df["monthly_pay"])


def test_schema_and_validation(df: pd.DataFrame) -> None:
    assert list(df.columns) == COLUMNS
    assert df["worker_id"].is_unique and df["worker_id"].iloc[0] == "W00001"
    assert set(df["district"]) == set(WORKERS_DISTRICTS) and len(WORKERS_DISTRICTS) == 16
    assert set(df["contract_type"]) == {"fixed_term", "open_ended", "agency"}
    assert df.attrs["data_kind"] == "synthetic"
    warn = validate_workers(df, categorical=["contract_type"], entry="tenure_start_years")
    assert warn == []
    assert (df["tenure_years"] > df["tenure_start_years"]).all()
    stay = df["left"] == 0
    np.testing.assert_allclose(
        df.loc[stay, "tenure_years"] - df.loc[stay, "tenure_start_years"], 1.0, atol=1e-9
    )
    assert (df.loc[~stay, "tenure_years"] - df.loc[~stay, "tenure_start_years"] <= 1.0).all()


@pytest.mark.parametrize("seed", [20220418, 1, 2])
def test_calibration_targets(seed: int) -> None:
    d = workers(seed=seed)
    cal = workers_calibration(d).set_index("target")["value"]
    assert d.attrs["mean_true_probability"] == pytest.approx(0.30, abs=1e-9)
    overall = cal["annual turnover rate, all workers"]
    assert overall == pytest.approx(0.30, abs=0.025)  # 3 binomial SDs at n = 3,000
    young = cal["annual turnover rate, certificate holders under 35"]
    assert young > cal["annual turnover rate, everyone else"] + 0.1
    assert young > overall


def test_target_rate_and_coefficients_are_arguments() -> None:
    d = workers(n=2000, seed=3, target_rate=0.2, coefficients={"resident_recognition": -0.5})
    assert d.attrs["mean_true_probability"] == pytest.approx(0.2, abs=1e-9)
    assert d.attrs["true_logit"]["resident_recognition"] == -0.5
    with pytest.raises(ValueError, match="unknown coefficient"):
        workers(coefficients={"shoe_size": 1.0})
    with pytest.raises(ValueError, match="target_rate"):
        workers(target_rate=1.5)


def test_shipped_csv_equals_generator_output(df: pd.DataFrame) -> None:
    assert CSV.stat().st_size < 600_000
    assert CSV.read_text(encoding="utf-8") == df.to_csv(index=False)
    back = pd.read_csv(CSV)
    pd.testing.assert_frame_equal(back, df, check_dtype=False)


def test_readme_documents_the_shipped_values(df: pd.DataFrame) -> None:
    text = README.read_text(encoding="utf-8")
    assert "## workers.csv (turnover drivers)" in text and "<!-- workers -->" not in text
    assert "workers().to_csv('data/synthetic/workers.csv', index=False)" in text
    for _, row in workers_calibration(df).iterrows():
        assert f"| {row['value']:.3f} |" in text
    for term in WORKERS_TRUE_LOGIT:
        assert f"`{term}`" in text
    assert f"{df.attrs['true_intercept']:.3f}" in text


def test_logit_recovers_true_effects(df: pd.DataFrame, fits: tuple[pd.DataFrame, ...]) -> None:
    full, _ = fits
    truth = dict(WORKERS_TRUE_LOGIT)
    for term, beta in truth.items():
        est, se = full.loc[term, "coef"], full.loc[term, "se"]
        assert abs(est - beta) < 3 * se, term  # every true coefficient inside a 3-SE band
        if beta != 0 and abs(beta) > 2 * se:  # clearly non-null effects: sign recovered
            assert np.sign(est) == np.sign(beta), term
    # the true null (resident recognition) is not significant
    assert full.loc["resident_recognition", "p_value"] > 0.05
    # rank order of the three largest per-SD effects among continuous drivers
    cont = ["age", "monthly_pay", "weekly_hours", "duty_overlap", "professional_identity"]
    true_rank = sorted(cont, key=lambda k: -abs(truth[k] * df[k].std()))[:3]
    est_rank = sorted(cont, key=lambda k: -abs(full.loc[k, "coef"] * df[k].std()))[:3]
    assert est_rank == true_rank == ["monthly_pay", "weekly_hours", "professional_identity"]


def test_main_effects_model_and_top_driver(fits: tuple[pd.DataFrame, ...]) -> None:
    _, main = fits
    for term in ("monthly_pay", "weekly_hours", "professional_identity", "has_sw_certificate"):
        assert np.sign(main.loc[term, "coef"]) == np.sign(
            WORKERS_TRUE_LOGIT[term] if term != "has_sw_certificate" else 1.0
        )
        assert main.loc[term, "p_value"] < 0.001
    name, effect = logit.top_driver(main.reset_index())
    assert name == "monthly_pay" and -0.2 < effect < -0.05


def test_cox_with_delayed_entry_agrees_in_sign(df: pd.DataFrame) -> None:
    fit = cox.fit_cox(
        df, drivers=DRIVERS, categorical=["contract_type"], entry="tenure_start_years"
    )
    hr = fit.table.set_index("term")["hazard_ratio"]
    assert hr["monthly_pay"] < 1 < hr["weekly_hours"]
    # hazards are constant within the year by construction: no PH violation overall
    assert fit.ph_global_p_value > 0.01
