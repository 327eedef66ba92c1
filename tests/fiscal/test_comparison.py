"""The article's comparison from the reference CSVs: one vintage, two bases, and NBS's vintages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench import datasets
from workbench.errors import DataError
from workbench.fiscal import comparison as f
from workbench.fiscal import growth, schema


@pytest.fixture(scope="module")
def ref_national() -> pd.DataFrame:
    return pd.read_csv(datasets.path(schema.REFERENCE_TABLE))


def metric(table: pd.DataFrame, name: str) -> float:
    return f.comparison_values(table)[name]


def national(ref, vintage="revised"):
    return schema.national_reference(ref, vintage)


@pytest.mark.parametrize("vintage", ["revised", "preliminary"])
def test_article_revenue_figures_from_reference_levels(ref_national, vintage):
    tab = f.growth_comparison(national(ref_national, vintage), 2019, 2021)
    assert round(metric(tab, "revenue_growth_cumulative"), 3) == 0.064
    assert round(metric(tab, "revenue_growth_annual"), 3) == 0.031
    # revenue's share of GDP fell: nominal GDP outgrew revenue
    assert metric(tab, "revenue_to_gdp_change") < 0
    assert metric(tab, "gdp_nominal_growth_cumulative") > 0.15
    assert metric(tab, "buoyancy_nominal") < metric(tab, "buoyancy_mixed_article") < 1


def test_article_gdp_average_is_the_preliminary_vintage(ref_national):
    pre = f.growth_comparison(national(ref_national, "preliminary"), 2019, 2021)
    rev = f.growth_comparison(national(ref_national, "revised"), 2019, 2021)
    assert round(metric(pre, "gdp_real_growth_annual"), 3) == 0.052  # the article's 5.2%
    assert metric(pre, "gdp_real_growth_annual") == pytest.approx(0.0516, abs=5e-5)
    assert metric(rev, "gdp_real_growth_annual") == pytest.approx(0.0525, abs=5e-5)
    # revised vintage 2019 -> 2021 nominal GDP: 986,515 -> 1,149,237 (+16.5%)
    assert metric(rev, "gdp_nominal_growth_cumulative") == pytest.approx(1_149_237 / 986_515 - 1)
    assert metric(pre, "gdp_nominal_growth_cumulative") == pytest.approx(1_143_670 / 990_865 - 1)


def test_levels_come_from_one_vintage_only(ref_national):
    rev = national(ref_national, "revised")
    pre = national(ref_national, "preliminary")
    r = ref_national.set_index("year")
    assert rev.set_index("year")["gdp"].equals(r["gdp_revised_yiyuan"].astype(float))
    assert pre.set_index("year")["gdp"].equals(r["gdp_prelim_yiyuan"].astype(float))
    assert rev.loc[rev.year == 2021, "gdp_real_growth"].item() == pytest.approx(0.084)
    assert pre.loc[pre.year == 2020, "gdp_real_growth"].item() == pytest.approx(0.023)
    # the revised vintage has no 2018 level: no silent fallback to the preliminary one
    with pytest.raises(DataError, match=r"2018.*'revised'"):
        f.growth_comparison(rev, 2018, 2020)


def test_real_basis_is_consistent(ref_national):
    tab = f.growth_comparison(national(ref_national), 2019, 2021)
    nominal = metric(tab, "gdp_nominal_growth_cumulative")
    real = metric(tab, "gdp_real_growth_cumulative")
    defl = metric(tab, "gdp_deflator_growth_cumulative")
    assert (1 + real) * (1 + defl) == pytest.approx(1 + nominal)
    rev_real = metric(tab, "revenue_real_growth_cumulative")
    assert (1 + rev_real) * (1 + defl) == pytest.approx(
        1 + metric(tab, "revenue_growth_cumulative")
    )
    assert metric(tab, "buoyancy_real") < metric(tab, "buoyancy_nominal")


def test_gdp_basis_selects_rows(ref_national):
    nat = national(ref_national)
    nominal = f.growth_comparison(nat, 2019, 2021, gdp_basis="nominal")
    real = f.growth_comparison(nat, 2019, 2021, gdp_basis="real")
    assert "real" not in set(nominal["basis"]) and "buoyancy_mixed_article" in set(
        nominal["metric"]
    )
    assert "real" in set(real["basis"])
    assert "gdp_nominal_growth_cumulative" not in set(real["metric"])
    with pytest.raises(ValueError, match="gdp_basis"):
        f.growth_comparison(nat, 2019, 2021, gdp_basis="ppp")
    with pytest.raises(ValueError, match="start_year"):
        f.growth_comparison(nat, 2021, 2019)


def test_vintage_table_explains_5_1_and_5_2(ref_national):
    pre, rev = national(ref_national, "preliminary"), national(ref_national, "revised")
    tab = f.real_growth_vintage_table(pre, rev, 2019, 2021).set_index("combination")
    # the article's 5.2%: first releases 2.3% and 8.1% (5.16% geometric, 5.20% arithmetic)
    assert tab.loc["preliminary", "rates"] == pytest.approx((0.023, 0.081))
    assert tab.loc["preliminary", "geometric"] == pytest.approx(0.0516, abs=5e-5)
    assert tab.loc["preliminary", "arithmetic"] == pytest.approx(0.052)
    # NBS's 5.1% (Jan 2022): revised 2020 (2.2%) with preliminary 2021 (8.1%)
    assert tab.loc["at_release", "rates"] == pytest.approx((0.022, 0.081))
    assert tab.loc["at_release", "revised_years"] == (2020,)
    assert round(tab.loc["at_release", "geometric"], 3) == 0.051
    # fully revised: 2.2% and 8.4% give 5.25%
    assert tab.loc["revised", "geometric"] == pytest.approx(0.0525, abs=5e-5)
    assert tab["complete"].all()


def test_vintage_table_incomplete_revised_window(ref_national):
    pre, rev = national(ref_national, "preliminary"), national(ref_national, "revised")
    tab = f.real_growth_vintage_table(pre, rev, 2016, 2019).set_index("combination")
    # 2017 and 2018 have no final figures here: no fully revised average, no silent mix
    assert not tab.loc["revised", "complete"] and np.isnan(tab.loc["revised", "geometric"])
    # at release of 2019 the earlier years use final figures only where they exist
    assert tab.loc["at_release", "revised_years"] == ()
    assert tab.loc["at_release", "geometric"] == pytest.approx(tab.loc["preliminary", "geometric"])
    with pytest.raises(ValueError, match="start_year"):
        f.real_growth_vintage_table(pre, rev, 2021, 2019)
    with pytest.raises(ValueError, match="preliminary real GDP growth is missing"):
        f.real_growth_vintage_table(pre.iloc[:-1], rev, 2019, 2024)


def user_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2018, 2019, 2020, 2021],
            "revenue": [183_351.84, 190_390.0, 182_895.0, 202_538.88],
            "gdp": [919_281.0, 986_515.0, 1_013_567.0, 1_149_237.0],
        }
    )


def test_nominal_basis_needs_no_real_growth():
    d = user_frame().iloc[1:]
    d = d.assign(revenue=[190_400.0, 182_895.0, 202_538.88])
    nat = schema.prepare_user_national_series(d, 2019, 2021)
    tab = f.growth_comparison(nat, 2019, 2021, gdp_basis="nominal")
    assert "buoyancy_mixed_article" not in set(tab["metric"])
    assert metric(tab, "buoyancy_nominal") == pytest.approx(
        growth.annualise(202_538.88 / 190_400 - 1, 2) / growth.annualise(1_149_237 / 986_515 - 1, 2)
    )
    with pytest.raises(DataError, match="Real GDP growth for 2020"):
        f.growth_comparison(nat, 2019, 2021, gdp_basis="real")


def test_a_users_series_in_the_comparison():
    d = user_frame().assign(gdp_real_growth_pct=[6.7, 6.0, 2.2, 8.4])
    nat = schema.prepare_user_national_series(d, 2019, 2021, source="mine.xlsx")
    tab = f.growth_comparison(nat, 2019, 2021)
    assert metric(tab, "revenue_growth_cumulative") == pytest.approx(0.0638, abs=5e-5)
    assert metric(tab, "gdp_real_growth_annual") == pytest.approx(0.0525, abs=5e-5)
    no_real = schema.prepare_user_national_series(user_frame())
    with pytest.raises(DataError, match="Real GDP growth for 2020"):
        f.growth_comparison(no_real, 2019, 2021)
