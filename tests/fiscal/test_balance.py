"""Fiscal gap and self-sufficiency: national, Beijing and Shanghai, provinces."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench import datasets
from workbench.errors import DataError
from workbench.fiscal import balance as f
from workbench.fiscal import schema


@pytest.fixture(scope="module")
def ref_national() -> pd.DataFrame:
    return pd.read_csv(datasets.path(schema.REFERENCE_TABLE))


@pytest.fixture(scope="module")
def ref_local() -> pd.DataFrame:
    return pd.read_csv(datasets.path(schema.LOCAL_TABLE))


@pytest.fixture(scope="module")
def provincial() -> pd.DataFrame:
    return pd.read_csv(datasets.path(schema.PROVINCIAL_TABLE))


def test_beijing_fiscal_share_of_social_spending():
    assert round(f.funding_share(125.26, 171.28), 3) == 0.731


def test_national_fiscal_gap(ref_national):
    nat = f.fiscal_balance(schema.national_reference(ref_national)).set_index("year")
    assert nat.loc[2021, "fiscal_gap"] == pytest.approx(246_321.5 - 202_538.88)
    assert nat.loc[2021, "self_sufficiency"] == pytest.approx(202_538.88 / 246_321.5)
    assert f.fiscal_gap(202_538.88, 246_321.5) == pytest.approx(43_782.62)


def test_local_series(ref_local):
    bj = f.build_local_series(ref_local, "Beijing").set_index("year")
    assert bj.loc[2020, "self_sufficiency"] == pytest.approx(5483.9 / 7116.18)
    assert bj.loc[2020, "fiscal_gap"] == pytest.approx(7116.18 - 5483.9)
    sh = f.build_local_series(ref_local, "Shanghai", "report").set_index("year")
    assert round(sh.loc[2021, "self_sufficiency"], 3) == 0.922
    mixed = f.build_local_series(ref_local, "Beijing", "report_then_yearbook").set_index("year")
    assert mixed.loc[2021, "expenditure"] == 6862.7
    assert mixed.loc[2021, "expenditure_source"] == "report"
    assert mixed.loc[2020, "expenditure_source"] == "yearbook"
    # the report's stated +1.3% fits the yearbook 2021 figure, not the report's own level
    assert bj.loc[2020, "expenditure"] * 1.013 == pytest.approx(
        bj.loc[2021, "expenditure"], rel=1e-3
    )
    with pytest.raises(ValueError, match="Guangzhou"):
        f.build_local_series(ref_local, "Guangzhou")


def test_local_series_conflicting_duplicates(ref_local):
    extra = ref_local[
        (ref_local.region == "Beijing") & (ref_local.indicator == "general_public_budget_revenue")
    ].head(1)
    extra = extra.assign(value=extra["value"] + 1)
    with pytest.raises(DataError, match="conflicting"):
        f.build_local_series(pd.concat([ref_local, extra]), "Beijing")


def test_provincial_panel_expenditure_only(provincial):
    panel = f.provincial_fiscal_panel(provincial)
    assert "全国" not in set(panel["province"])
    assert panel["province"].nunique() == 31
    assert panel["self_sufficiency"].isna().all()
    rev = pd.DataFrame(
        {"province": ["上海", "北京"], "year": [2021, 2020], "revenue": [7771.8, 5483.9]}
    )
    with_rev = f.provincial_fiscal_panel(provincial, rev).set_index(["province", "year"])
    assert with_rev.loc[("北京", 2020), "self_sufficiency"] == pytest.approx(5483.9 / 7116.18)
    assert with_rev["self_sufficiency"].notna().sum() == 2
    growth = f.provincial_expenditure_growth(panel, 2016, 2020)
    assert len(growth) == 31
    assert growth["growth_annual"].is_monotonic_decreasing
    bj = growth.set_index("province").loc["北京"]
    assert bj["growth_annual"] == pytest.approx((7116.18 / 6406.77) ** 0.25 - 1)
    shares = f.provincial_expenditure_shares(provincial)
    assert shares["share_education"].between(0, 1).all()
    with pytest.raises(ValueError, match="outside the provincial panel"):
        f.provincial_expenditure_growth(panel, 2005, 2020)
    with pytest.raises(ValueError, match="item"):
        f.provincial_fiscal_panel(provincial, item="health")
    dup = pd.concat([rev, rev.head(1)])
    with pytest.raises(DataError, match="more than one row"):
        f.provincial_fiscal_panel(provincial, dup)


def test_provincial_window_moves_inside_the_panel():
    assert f.provincial_window((2010, 2023), 2019, 2021) == (2019, 2021)
    assert f.provincial_window((2010, 2023), 2012, 2024) == (2012, 2023)
    assert f.provincial_window((2010, 2023), 2023, 2024) == (2022, 2023)


def test_misuse():
    with pytest.raises(ValueError, match="between 0 and total"):
        f.funding_share(200, 171.28)
    with pytest.raises(ValueError, match="positive"):
        f.self_sufficiency(1.0, 0.0)
    with pytest.raises(ValueError, match="'expenditure' is missing"):
        f.fiscal_balance(pd.DataFrame({"revenue": [1.0]}))


@settings(max_examples=100, deadline=None)
@given(
    revenue=st.floats(min_value=0, max_value=1e7),
    expenditure=st.floats(min_value=1e-3, max_value=1e7),
)
def test_gap_and_self_sufficiency_agree(revenue, expenditure):
    gap = f.fiscal_gap(revenue, expenditure)
    ratio = f.self_sufficiency(revenue, expenditure)
    assert (gap > 0) == (ratio < 1) or gap == pytest.approx(0, abs=1e-9)
    assert revenue + gap == pytest.approx(expenditure)
