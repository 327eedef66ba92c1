"""Tests of the synthetic organisations generator (workbench.synth.organisations)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench import funding
from workbench.funding import schema
from workbench.synth import (
    ORGANISATION_DISTRICTS,
    ORGANISATION_LABELS_EN,
    ORGANISATION_SOURCES,
    organisations,
    organisations_calibration,
)

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "data" / "synthetic" / "organisations.csv"
README = ROOT / "data" / "synthetic" / "README.md"
SOURCES = list(ORGANISATION_SOURCES)


@pytest.fixture(scope="module")
def orgs() -> pd.DataFrame:
    return organisations()


def test_same_seed_same_frame_and_other_seed_differs(orgs: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(orgs, organisations(n=2000, seed=20220418))
    other = organisations(seed=1)
    assert not np.allclose(other[SOURCES].to_numpy(), orgs[SOURCES].to_numpy())


def test_schema(orgs: pd.DataFrame) -> None:
    assert list(orgs.columns) == ["org_id", "city", "group", *SOURCES]
    assert orgs["org_id"].is_unique and orgs["org_id"].iloc[0] == "SYN-00001"
    labels = {f"{c}·{d}" for c, ds in ORGANISATION_DISTRICTS.items() for d in ds}
    assert set(orgs["group"]) == labels and len(labels) == 32
    assert (orgs["group"].str.split("·").str[0] == orgs["city"]).all()
    assert set(orgs["group"]) | set(orgs["city"]) <= set(ORGANISATION_LABELS_EN)
    assert ORGANISATION_LABELS_EN["北京·朝阳区"] == "Beijing · Chaoyang"
    checked = schema.validate_organisations(orgs, SOURCES, source_label="synthetic")
    assert (checked[SOURCES].to_numpy() >= 0).all()
    # amounts are in 万元 rounded to 0.01; the primary source is a strict maximum
    amounts = orgs[SOURCES].to_numpy()
    assert np.allclose(amounts, np.round(amounts, 2))
    top2 = np.sort(amounts, axis=1)[:, -2:]
    assert (top2[:, 1] > top2[:, 0]).all()
    assert orgs.attrs["data_kind"] == "synthetic"


@pytest.mark.parametrize("seed", [20220418, 1, 2])
def test_calibration_targets_hit(seed: int) -> None:
    cal = organisations_calibration(seed=seed).set_index("quantity")
    targeted = cal[cal["target"].notna()]
    assert targeted["ok"].all(), targeted[~targeted["ok"]]
    assert cal.loc["share_primary_market", "achieved"] < 0.03
    assert cal.loc["share_primary_government", "achieved"] == pytest.approx(0.95)
    assert cal.loc["log10_p99_over_p1", "achieved"] > 3  # "several orders of magnitude"


def test_calibration_follows_generator_arguments() -> None:
    cal = organisations_calibration(
        n=1000, seed=3, share_primary_government=0.8, share_primary_market=0.1, median_total=5.0
    ).set_index("quantity")
    assert cal.loc["share_primary_government", "achieved"] == pytest.approx(0.8)
    assert cal.loc["share_primary_market", "achieved"] == pytest.approx(0.1)
    assert cal["ok"].dropna().all()


def test_between_district_share_converges_to_its_expectation() -> None:
    big = organisations(n=200_000, seed=11)
    total = big[SOURCES].sum(axis=1).to_numpy()
    share = funding.theil(total, big["group"].to_numpy())["between_share"]
    assert share == pytest.approx(0.3**2 / 1.6**2, abs=0.015)


def test_small_n_and_bad_arguments() -> None:
    tiny = organisations(n=3, seed=5)
    assert len(tiny) == 3
    schema.validate_organisations(tiny, SOURCES)
    with pytest.raises(ValueError, match="n:"):
        organisations(n=0)
    with pytest.raises(ValueError, match="share_primary"):
        organisations(share_primary_government=0.9, share_primary_market=0.2)
    with pytest.raises(ValueError, match="sd_log_district"):
        organisations(sd_log_district=2.0)


def test_shipped_csv_equals_generator_output(orgs: pd.DataFrame) -> None:
    assert CSV.stat().st_size < 500_000
    shipped = pd.read_csv(CSV, encoding="utf-8")
    pd.testing.assert_frame_equal(shipped, orgs, check_exact=False, rtol=0, atol=1e-9)


def _fmt(value: float) -> str:
    return "-" if pd.isna(value) else f"{value:.3f}"


def test_readme_documents_the_achieved_calibration(orgs: pd.DataFrame) -> None:
    text = README.read_text(encoding="utf-8")
    assert "organisations().to_csv('data/synthetic/organisations.csv', index=False)" in text
    assert "Illustrative synthetic data" in text and "万元" in text
    for row in organisations_calibration(orgs).itertuples():
        line = (
            f"| `{row.quantity}` | {_fmt(row.target)} | {_fmt(row.tolerance)} | "
            f"{_fmt(row.achieved)} | {row.unit} | {row.basis} |"
        )
        assert line in text, f"README calibration row out of date: {line}"
