"""run(params): the default equals the golden results; other parameter sets and a user's file."""

from __future__ import annotations

import json
from functools import cache

import pandas as pd
import pytest

from conftest import CONTRACT_KEYS, GOLDEN, same
from workbench import datasets, params, runner
from workbench.fiscal import Result, run, schema
from workbench.fiscal.keys import KEYS
from workbench.results import plain

ANALYSIS = "fiscal_pressure"


@cache
def result_for(*flags: str) -> Result:
    return run(params.resolve(ANALYSIS, flags=list(flags)))


def numbers(result: Result) -> dict:
    return json.loads(json.dumps(plain(result.numbers)))


def test_default_numbers_equal_the_golden_file():
    golden = json.loads((GOLDEN / f"{ANALYSIS}.json").read_text(encoding="utf-8"))
    got = numbers(result_for())
    diffs = same(golden, got)
    assert not diffs, "\n".join(diffs)


def test_numbers_are_exactly_the_declared_keys():
    r = result_for()
    assert list(r.numbers) == list(KEYS)
    assert CONTRACT_KEYS[ANALYSIS] <= set(r.numbers)
    assert r.KEYS is KEYS and r.data_kind == "reference"


def test_the_new_keys_say_which_year_each_gap_is_for():
    n = result_for().numbers
    assert n["national_balance_years"] == [2012, 2024]
    assert n["fiscal_gap_end_year"] == pytest.approx(246_321.5 - 202_538.88)  # 2021
    assert n["fiscal_gap_last_year"] == pytest.approx(result_for().gap.at(2024)["fiscal_gap"])
    assert n["deficit_years"] == 13
    assert n["self_sufficiency_last_year"] < n["self_sufficiency_first_year"]
    assert n["revenue_to_gdp_years"] == [2012, 2024]


@pytest.mark.parametrize("file", runner.parameter_sets(ANALYSIS), ids=lambda f: f.stem)
def test_every_shipped_parameter_set_runs(file):
    r = run(params.resolve(ANALYSIS, [file]))
    assert list(r.numbers) == list(KEYS)
    json.dumps(plain(r.numbers))  # finite numbers or None only


def test_reading_to_doubles_later():
    to = result_for("multiple_reading=to").numbers
    by = result_for().numbers
    assert to["governance_spending_growth_annual"] == pytest.approx(0.0845, abs=5e-5)
    assert to["governance_spending_growth_annual_other_reading"] == pytest.approx(
        by["governance_spending_growth_annual"]
    )
    assert to["doubling_year"] == 2037 and to["doubling_years_after_base"] == 17


def test_long_window_crosses_census_rebasings():
    r = result_for("start_year=2012", "end_year=2024", "gdp_vintage=preliminary")
    assert r.comparison.crossed_breaks == (2014, 2019, 2024)
    assert r.numbers["gdp_real_growth_avg_annual_nbs_stated"] is None
    assert r.numbers["gdp_real_growth_avg_annual_article"] is None
    assert r.numbers["provincial_window"] == [2012, 2023]


@pytest.mark.parametrize("basis", ["real", "nominal"])
def test_one_basis_leaves_the_other_none(basis):
    n = result_for(f"gdp_basis={basis}").numbers
    other = "buoyancy_nominal" if basis == "real" else "buoyancy_real"
    assert n[other] is None and n[f"buoyancy_{basis}"] is not None


def test_a_users_file_runs_as_user_data(tmp_path):
    ref = pd.read_csv(datasets.path(schema.REFERENCE_TABLE))
    d = ref[ref["year"].between(2015, 2022)]
    data = tmp_path / "my_series.csv"
    pd.DataFrame(
        {
            "year": d["year"],
            "revenue": d["revenue_yiyuan"],
            "expenditure": d["expenditure_yiyuan"],
            "gdp": d["gdp_prelim_yiyuan"],
            "gdp_real_growth_pct": d["gdp_real_growth_prelim_pct"],
        }
    ).to_csv(data, index=False)
    r = run(params.FiscalPressureParams(data_path=str(data)))
    n = r.numbers
    assert n["data_kind"] == "user" and r.data_file == str(data)
    assert round(n["revenue_growth_cumulative"], 3) == 0.064
    assert round(n["gdp_real_growth_avg_annual"], 3) == 0.052
    assert n["gdp_nominal_growth_avg_annual"] == pytest.approx((1_143_670 / 990_865) ** 0.5 - 1)
    assert n["buoyancy_long_run"] is not None  # 2015-2022 is enough for the regressions
    assert r.ratio.revised.empty  # no shipped final-verification points on a user's series


def test_too_few_years_for_the_regressions(tmp_path):
    data = tmp_path / "short.csv"
    pd.DataFrame(
        {
            "year": [2019, 2020, 2021],
            "revenue": [190_400.0, 182_895.0, 202_538.88],
            "gdp": [986_515.0, 1_013_567.0, 1_149_237.0],
        }
    ).to_csv(data, index=False)
    r = run(params.FiscalPressureParams(data_path=str(data), gdp_basis="nominal"))
    n = r.numbers
    assert r.buoyancy.estimate is None and "too few" in r.buoyancy.reason
    assert n["buoyancy_long_run"] is None and n["buoyancy_n_years"] is None
    assert n["fiscal_gap_end_year"] is None and n["national_balance_years"] is None
    assert n["gdp_real_growth_avg_annual"] is None and n["buoyancy_nominal"] is not None


def test_default_run_reproduces_the_article():
    r = result_for().numbers
    assert r["data_kind"] == "reference"
    # the article: revenue +6.4% over 2019-2021, 3.1% a year, from the sourced levels
    assert round(r["revenue_growth_cumulative"], 3) == 0.064
    assert round(r["revenue_growth_avg_annual"], 3) == 0.031
    # final-verification GDP: real 5.25% a year; nominal (same vintage) 7.9% a year
    assert r["gdp_real_growth_avg_annual"] == pytest.approx(0.0525, abs=5e-5)
    assert r["gdp_nominal_growth_avg_annual"] == pytest.approx(0.0793, abs=5e-5)
    assert r["buoyancy_nominal"] == pytest.approx(0.396, abs=5e-4)
    # the vintage table: NBS's 5.1% and the article's 5.2%
    assert round(r["gdp_real_growth_avg_annual_at_release"], 3) == 0.051
    assert round(r["gdp_real_growth_avg_annual_preliminary"], 3) == 0.052
    assert r["gdp_real_growth_avg_annual_nbs_stated"] == 0.051
    # 增加了近1.5倍 read "by": 20.1% a year; against 4% revenue the share doubles in 5 years
    assert r["governance_spending_growth_annual"] == pytest.approx(0.2011, abs=5e-5)
    assert r["doubling_year"] == 2025
    assert r["buoyancy_long_run"] < 1 and r["buoyancy_short_run"] > 0
    assert r["beijing_2020_social_spending_fiscal_share_as_quoted"] == pytest.approx(
        0.731, abs=5e-4
    )
