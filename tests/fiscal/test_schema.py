"""The schema: every bad input stops with one DataError naming the file, the column and the row.

A table read by :func:`workbench.io.read_table` names rows by file line (the header is line 1, so
the third data row of a CSV is file line 4); a DataFrame passed in directly names data rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench import datasets, params, runner
from workbench.errors import DataError, InputError, ParameterError
from workbench.fiscal import schema

ANALYSIS = "fiscal_pressure"


@pytest.fixture(scope="module")
def ref_national() -> pd.DataFrame:
    return pd.read_csv(datasets.path(schema.REFERENCE_TABLE))


def user_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2018, 2019, 2020, 2021],
            "revenue": [183_351.84, 190_390.0, 182_895.0, 202_538.88],
            "gdp": [919_281.0, 986_515.0, 1_013_567.0, 1_149_237.0],
        }
    )


# ---------------------------------------------------------------- validate_series, in memory


def test_validate_series_accepts_good_data():
    d = user_frame()
    d["revenue"] = d["revenue"].map(lambda v: f"{v:,.2f}")  # thousands separators are fine
    out = schema.validate_series(d, ("year", "revenue", "gdp"), 2019, 2021, source="my.csv")
    assert out["year"].tolist() == [2019, 2020, 2021]
    assert out["revenue"].iloc[0] == pytest.approx(190_390.0)


@pytest.mark.parametrize(
    ("mutate", "start", "end", "pattern"),
    [
        (
            lambda d: d.drop(index=2),
            2018,
            2021,
            r"my\.csv: column 'year' has no row for year\(s\) 2020 \(after data row 2, year 2019\)",
        ),
        (
            lambda d: d.assign(revenue=d["revenue"].astype(object).where(d.year != 2020, "n/a")),
            2018,
            2021,
            r"my\.csv: column 'revenue', data row 3 \('n/a'\): not a number \(year 2020\)",
        ),
        (lambda d: d, 2015, 2021, r"start_year 2015 is outside the data in my\.csv.*2018-2021"),
        (lambda d: d, 2019, 2025, r"end_year 2025 is outside the data in my\.csv"),
        (lambda d: d, 2021, 2019, r"start_year \(2021\) must be before end_year \(2019\)"),
        (lambda d: d, 2020, 2020, r"start_year \(2020\) must be before end_year"),
        (
            lambda d: d.assign(revenue=d["revenue"].where(d.year != 2019, -5.0)),
            2018,
            2021,
            r"my\.csv: column 'revenue', data row 2 \(-5\.0\): negative \(year 2019\)",
        ),
        (
            lambda d: d.drop(columns="revenue"),
            2019,
            2021,
            r"my\.csv: missing column\(s\) 'revenue'",
        ),
        (
            lambda d: d.assign(gdp=d["gdp"].where(d.year != 2021, np.nan)),
            2018,
            2021,
            r"my\.csv: column 'gdp', data row 4 \(missing\): empty \(year 2021\)",
        ),
        (
            lambda d: d.assign(year=d["year"].astype(object).where(d.index != 1, "2019a")),
            None,
            None,
            r"my\.csv: column 'year', data row 2 \('2019a'\): not a year",
        ),
        (
            lambda d: pd.concat([d, d.iloc[[0]]], ignore_index=True),
            None,
            None,
            r"data row 5 \(2018\): year 2018 appears twice",
        ),
        (
            lambda d: d.assign(gdp=d["gdp"].where(d.year != 2020, 0.0)),
            2018,
            2021,
            r"my\.csv: column 'gdp', data row 3 \(0\.0\): zero \(year 2020\); gdp must be positive",
        ),
    ],
)
def test_validate_series_errors(mutate, start, end, pattern):
    d = mutate(user_frame())
    with pytest.raises(DataError, match=pattern) as err:
        schema.validate_series(d, ("year", "revenue", "gdp"), start, end, source="my.csv")
    assert err.value.file == "my.csv"


def test_errors_carry_the_column_and_rows():
    d = user_frame().assign(revenue=[1.0, -2.0, -3.0, 4.0])
    with pytest.raises(DataError) as err:
        schema.validate_series(d, ("year", "revenue"), source="my.csv")
    assert err.value.column == "revenue" and err.value.rows == (2, 3)
    assert "data rows 2 (-2.0) and 3 (-3.0)" in str(err.value)
    assert "years 2019, 2020" in str(err.value)


def test_validate_series_scope():
    d = user_frame().astype({"revenue": object})
    d.loc[0, "revenue"] = "bad"  # outside the requested range: not this analysis's problem
    assert len(schema.validate_series(d, ("year", "revenue"), 2019, 2021)) == 3
    d = user_frame()
    d.loc[1, "revenue"] = np.nan
    out = schema.validate_series(d, ("year", "revenue"), 2018, 2021, allow_blank=("revenue",))
    assert out["revenue"].isna().sum() == 1
    assert issubclass(DataError, InputError)


def test_prepare_user_national_series():
    d = user_frame().assign(gdp_real_growth_pct=[6.7, 6.0, 2.2, 8.4])
    nat = schema.prepare_user_national_series(d, 2019, 2021, source="mine.xlsx")
    assert list(nat.columns) == [*schema.NATIONAL_COLUMNS, "gdp_vintage"]
    assert nat["gdp_real_growth"].iloc[-1] == pytest.approx(0.084)
    assert nat["expenditure"].isna().all() and (nat["gdp_vintage"] == "user").all()
    with pytest.raises(DataError, match="mine.xlsx: missing column"):
        schema.prepare_user_national_series(user_frame().drop(columns="gdp"), source="mine.xlsx")


# ---------------------------------------------------------------- the shipped tables


def test_fill_revenue_from_stated_growth(ref_national):
    plain = schema.national_reference(ref_national, "preliminary")
    assert np.isnan(plain.loc[plain.year == 2023, "revenue"].item())
    filled = schema.national_reference(ref_national, "preliminary", fill_revenue_from_growth=True)
    row = filled.loc[filled.year == 2023]
    assert row["revenue"].item() == pytest.approx(203_703.48 * 1.064)
    assert bool(row["revenue_imputed"].item())
    assert filled["revenue_imputed"].sum() == 1


def test_national_reference_rejects_a_wrong_table():
    with pytest.raises(DataError, match="gdp_revised_yiyuan"):
        schema.national_reference(pd.DataFrame({"year": [2020], "revenue_yiyuan": [1.0]}))
    with pytest.raises(ValueError, match="gdp_vintage"):
        schema.national_reference(pd.DataFrame({"year": [2020]}), "final")


def test_load_reads_every_table_once():
    inputs = schema.load(params.FiscalPressureParams())
    assert inputs.data_kind == "reference" and inputs.data_file is None
    assert inputs.imputed_years == [2023]
    assert set(inputs.local["region"]) >= {"Beijing", "Shanghai"}
    assert not inputs.beijing_claim_verified
    assert inputs.stated_two_year_growth[2021] == pytest.approx(0.051)
    assert (inputs.national["gdp_vintage"] == "revised").all()
    assert (inputs.long_series["gdp_vintage"] == "preliminary").all()


# ---------------------------------------------------------------- check_inputs on a user's file


def user_series(first: int = 2015, last: int = 2022) -> pd.DataFrame:
    """A valid user file built from the shipped reference data (first-release GDP)."""
    ref = pd.read_csv(datasets.path(schema.REFERENCE_TABLE))
    d = ref[ref["year"].between(first, last)]
    return pd.DataFrame(
        {
            "year": d["year"],
            "revenue": d["revenue_yiyuan"],
            "expenditure": d["expenditure_yiyuan"],
            "gdp": d["gdp_prelim_yiyuan"],
            "gdp_real_growth_pct": d["gdp_real_growth_prelim_pct"],
        }
    ).reset_index(drop=True)


def _drop_2020(d: pd.DataFrame) -> pd.DataFrame:
    return d[d["year"] != 2020]


def _text_in_2020(d: pd.DataFrame) -> pd.DataFrame:
    d = d.astype({"revenue": object})
    d.loc[d["year"] == 2020, "revenue"] = "about 18万亿"
    return d


def _negative_2020(d: pd.DataFrame) -> pd.DataFrame:
    d.loc[d["year"] == 2020, "revenue"] = -182_895.0
    return d


def _no_real_growth(d: pd.DataFrame) -> pd.DataFrame:
    return d.drop(columns="gdp_real_growth_pct")


def _no_gdp(d: pd.DataFrame) -> pd.DataFrame:
    return d.drop(columns="gdp")


#: name -> (change to the valid file, extra flags, substrings the one-line message must contain).
#: The file holds 2015-2022 under a header line, so 2020 is on file line 7 (data row 6).
BAD_CASES = {
    "missing_year": (_drop_2020, [], ["'year'", "2020", "after file line 6", "2019-2021"]),
    "non_numeric": (_text_in_2020, [], ["'revenue'", "file line 7", "year 2020", "not a number"]),
    "negative_revenue": (_negative_2020, [], ["'revenue'", "file line 7", "negative"]),
    "year_outside_data": (None, ["end_year=2023"], ["end_year 2023", "outside", "2015-2022"]),
    "real_basis_without_real_growth": (
        _no_real_growth,
        [],
        ["gdp_basis", "'gdp_real_growth_pct'", "nominal"],
    ),
    "missing_column": (_no_gdp, [], ["required column(s) missing: gdp"]),
}


def write_case(tmp_path, case: str):
    change, flags, expected = BAD_CASES[case]
    d = user_series()
    data = tmp_path / f"{case}.csv"
    (change(d) if change else d).to_csv(data, index=False)
    return data, flags, expected


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_check_inputs_names_file_column_and_line(case, tmp_path):
    data, flags, expected = write_case(tmp_path, case)
    p = params.resolve(ANALYSIS, flags=[f"data_path={data}", *flags])
    with pytest.raises(DataError) as err:
        schema.check_inputs(p)
    message = str(err.value)
    assert str(data) in message and len(message.splitlines()) == 1, message
    for part in expected:
        assert part in message, (part, message)
    # load() says exactly the same: the notebook cannot disagree with the pre-kernel check
    with pytest.raises(DataError) as again:
        schema.load(p)
    assert str(again.value) == message


def test_start_not_before_end_is_a_parameter_error():
    with pytest.raises(ParameterError, match=r"start_year \(2021\) must be before end_year"):
        params.resolve(ANALYSIS, flags=["start_year=2021", "end_year=2019"])


def test_a_good_file_with_column_map_and_nominal_basis(tmp_path):
    d = user_series().drop(columns="gdp_real_growth_pct")
    d = d.rename(columns={"year": "年份", "revenue": "收入", "gdp": "名义GDP"})
    data = tmp_path / "mine.csv"
    d.to_csv(data, index=False)
    p = params.FiscalPressureParams(
        data_path=str(data),
        gdp_basis="nominal",
        column_map={"year": "年份", "revenue": "收入", "gdp": "名义GDP"},
    )
    inputs = schema.load(p)
    assert inputs.data_kind == "user" and inputs.data_file == str(data)
    assert inputs.national["year"].tolist() == list(range(2015, 2023))
    assert not inputs.national["revenue_imputed"].any()
    with pytest.raises(ValueError, match="column_map keys"):
        params.FiscalPressureParams(column_map={"yr": "年份"})


def test_an_xlsx_file_names_its_sheet_row(tmp_path):
    pytest.importorskip("openpyxl")
    data = tmp_path / "mine.xlsx"
    _text_in_2020(user_series()).to_excel(data, index=False)
    p = params.FiscalPressureParams(data_path=str(data))
    with pytest.raises(DataError, match="file line 7"):
        schema.check_inputs(p)


def test_shipped_data_years_are_checked_before_the_kernel():
    # final-verification GDP has no 2017 level: caught by check_inputs, naming the vintage
    p = params.resolve(ANALYSIS, flags=["start_year=2017"])
    with pytest.raises(DataError, match=r"start_year 2017.*gdp_vintage 'revised'.*2017"):
        schema.check_inputs(p)
    schema.check_inputs(
        params.resolve(ANALYSIS, flags=["start_year=2017", "gdp_vintage=preliminary"])
    )


def test_runner_calls_the_schema():
    p = params.resolve(ANALYSIS, flags=["start_year=2017"])
    with pytest.raises(DataError, match="start_year 2017"):
        runner.planning.check_inputs(p)


def test_every_shipped_parameter_set_passes_check_inputs():
    for f in runner.parameter_sets(ANALYSIS):
        schema.check_inputs(params.resolve(ANALYSIS, [f]))
