"""The programme data's checks, in process: every bad input names the file, column and row.

A file read by ``workbench.io.read_table`` is numbered by file line: with a header, the third data
row is file line 4. A frame built in memory is numbered by data row (1 = the first row).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench import params
from workbench.costeff import schema
from workbench.errors import DataError
from workbench.params import TechCostEffectivenessParams as Model
from workbench.synth import programmes


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["a", "b", "c", "d"],
            "tech_spend": [1.0, 2.0, 3.0, 4.0],
            "staff_cost": [1.0, 1.0, 1.0, 1.0],
            "service_precision": [0.2, 0.4, 0.5, 0.9],
            "strategy": ["x", "x", "y", "y"],
        }
    )


def _units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["u1", "u2", "u3", "u4", "u5", "u6"],
            "strategy": ["a", "a", "b", "b", "c", "c"],
            "tech_spend": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "staff_cost": [2.0, 2.0, 1.0, 1.0, 0.5, 0.5],
            "service_precision": [0.4, 0.5, 0.5, 0.6, 0.7, 0.6],
        }
    )


def test_defaults_come_from_the_model():
    import inspect

    found = inspect.signature(schema.validate_programmes).parameters
    assert list(found["cost_columns"].default) == Model().cost_columns
    assert found["outcome"].default == Model().outcome
    assert schema.SHIPPED_STAFF_PENALTY == Model().synthetic_staff_penalty


def test_validate_programmes_ok():
    out = schema.validate_programmes(_frame(), strategy="strategy", outcome_bounds=(0, 1))
    assert out["tech_spend"].dtype == float


def test_numbers_are_read_as_a_researcher_types_them():
    out = schema.validate_programmes(_frame().assign(tech_spend=[" 1,000 ", "2", "3.5", 4]))
    assert out["tech_spend"].tolist() == [1000.0, 2.0, 3.5, 4.0]


@pytest.mark.parametrize(
    ("change", "kwargs", "fragment"),
    [
        (
            {"tech_spend": [1.0, -2.0, 3.0, -4.0]},
            {},
            "mydata.csv: column 'tech_spend' has negative costs (yuan) in data rows 2 (-2.0) and "
            "4 (-4.0)",
        ),
        (
            {"unit_id": ["a", "b", "a", "d"]},
            {},
            "duplicate unit id 'a' in column 'unit_id' in data rows 1 and 3",
        ),
        (
            {"service_precision": [0.2, 1.4, 0.5, 0.9]},
            {"outcome_bounds": (0, 1)},
            "column 'service_precision' has values outside [0, 1] in data row 2 (1.4)",
        ),
        ({"staff_cost": [1.0, None, 1.0, 1.0]}, {}, "column 'staff_cost' has missing costs"),
        ({"staff_cost": [1.0, "n/a", 1.0, 1.0]}, {}, "non-numeric costs (yuan) in data row 2"),
        (
            {"strategy": ["x", None, "y", "y"]},
            {"strategy": "strategy"},
            "column 'strategy' has missing strategy names in data row 2",
        ),
    ],
)
def test_validate_programmes_errors(change, kwargs, fragment):
    df = _frame().assign(**change)
    with pytest.raises(DataError) as err:
        schema.validate_programmes(df, source_label="mydata.csv", **kwargs)
    assert fragment in str(err.value)
    assert err.value.file == "mydata.csv" and err.value.column and err.value.rows


def test_validate_programmes_missing_column_and_custom_costs():
    with pytest.raises(DataError, match=r"missing column\(s\) 'satisfaction'"):
        schema.validate_programmes(_frame(), outcome="satisfaction")
    out = schema.validate_programmes(_frame(), cost_columns=["tech_spend"])
    assert len(out) == 4


def test_prepare_programmes_ok_with_and_without_strategy():
    out = schema.prepare_programmes(_units(), source_label="f.csv")
    assert out["service_precision"].dtype == float
    assert schema.check_strategies(out) == ["a", "b", "c"]
    assert len(schema.prepare_programmes(_units().drop(columns="strategy"))) == 6
    sat = _units().assign(satisfaction=[50.0, 60, 70, 80, 90, 99])
    assert len(schema.prepare_programmes(sat, "satisfaction", ["tech_spend"])) == 6


@pytest.mark.parametrize(
    ("change", "kwargs", "fragment"),
    [
        (
            {"service_precision": [0.4, 0.0, 0.5, -0.1, 0.7, 0.6]},
            {},
            "column 'service_precision' has values outside [0.0, 1.0] in data row 4 (-0.1)",
        ),
        (
            {"service_precision": [0.4, 0.0, 0.5, 0.6, 0.7, 0.6]},
            {},
            "column 'service_precision' has zero or negative outcomes in data row 2 (0.0); a "
            "ratio needs them to be > 0",
        ),
        (
            {"tech_spend": [1.0, 0.0, 3.0, 4.0, 5.0, 6.0], "staff_cost": [2.0, 0.0, 1, 1, 1, 1]},
            {},
            "unit 'u2' has all-zero inputs (tech_spend, staff_cost all 0) in data row 2",
        ),
        (
            {"staff_cost": [2.0, -1.0, 1, 1, 1, 1]},
            {"cost_columns": ["tech_spend"]},
            "column 'staff_cost' has negative costs (yuan) in data row 2 (-1.0)",
        ),
        (
            {"strategy": ["a", "a", "b", "B ", "c", "c"]},
            {},
            "duplicate strategy name 'b' in column 'strategy', spelled 2 ways ('b' in data row 3; "
            "'B ' in data row 4)",
        ),
        (
            {"strategy": ["a", "a", "b", "b", "c", "d"]},
            {},
            "strategy 'c' in column 'strategy' has 1 unit(s), in data row 5",
        ),
        ({}, {"cost_columns": []}, "cost_columns is empty"),
    ],
)
def test_prepare_programmes_errors(change, kwargs, fragment):
    with pytest.raises(DataError) as err:
        schema.prepare_programmes(_units().assign(**change), source_label="f.csv", **kwargs)
    assert str(err.value).startswith("f.csv: ")
    assert fragment in str(err.value)


def test_check_strategies_missing_names():
    with pytest.raises(DataError, match="missing strategy names in data row 2"):
        schema.check_strategies(_units().assign(strategy=["a", None, "b", "b", "c", "c"]))


# --- a user's file, checked before a kernel starts (the runner's pre-kernel check) -------------


def _check(path: Path, *flags: str) -> None:
    schema.check_inputs(params.resolve(Model.ANALYSIS, flags=[f"data_path={path}", *flags]))


@pytest.mark.parametrize(
    ("edit", "fragments", "column", "line"),
    [
        (
            lambda d: d.assign(tech_spend=d["tech_spend"].where(d.index != 2, -5.0)),
            ["column 'tech_spend' has negative costs (yuan) in file line 4 (-5.0)"],
            "tech_spend",
            4,
        ),
        (
            lambda d: d.assign(service_precision=d["service_precision"].where(d.index != 1, 0.0)),
            ["column 'service_precision' has zero or negative outcomes in file line 3", "ratio"],
            "service_precision",
            3,
        ),
        (
            lambda d: d.assign(strategy=d["strategy"].where(d.index != 4, "Blended ")),
            ["duplicate strategy name 'blended' in column 'strategy'", "'Blended ' in file line 6"],
            "strategy",
            None,
        ),
        (
            lambda d: d.assign(
                tech_spend=d["tech_spend"].where(d.index != 3, 0.0),
                staff_cost=d["staff_cost"].where(d.index != 3, 0.0),
            ),
            ["unit 'PRG-0004' has all-zero inputs (tech_spend, staff_cost all 0) in file line 5"],
            "tech_spend",
            5,
        ),
        (
            lambda d: d.assign(unit_id=d["unit_id"].where(d.index != 7, "PRG-0001")),
            ["duplicate unit id 'PRG-0001' in column 'unit_id' in file lines 2 and 9"],
            "unit_id",
            2,
        ),
    ],
    ids=["negative-cost", "zero-effect", "duplicate-strategy", "dea-all-zero-inputs", "dup-id"],
)
def test_bad_user_file_names_file_column_and_line(tmp_path, edit, fragments, column, line):
    data = tmp_path / "programmes.csv"
    edit(programmes(n=30, seed=5)).to_csv(data, index=False)
    with pytest.raises(DataError) as err:
        _check(data)
    message = str(err.value)
    assert message.startswith(str(data)), message
    for fragment in fragments:
        assert fragment in message, message
    assert err.value.column == column
    if line is not None:
        assert err.value.rows[0] == line
    assert "\n" not in message


def test_missing_column_names_the_file(tmp_path):
    data = tmp_path / "programmes.csv"
    programmes(n=30, seed=5).drop(columns="staff_cost").to_csv(data, index=False)
    with pytest.raises(DataError, match="required column.s. missing: staff_cost"):
        _check(data)


@pytest.mark.parametrize(
    ("edit", "flags", "fragment"),
    [
        (lambda d: d.head(6), [], "6 units; the hill response curve needs at least 7"),
        (lambda d: d.assign(tech_spend=1e6), [], "column 'tech_spend' is the same for every unit"),
        (
            lambda d: d.assign(staff_cost=0.0, tech_spend=d["tech_spend"] + 1),
            [],
            "column 'staff_cost' has a median of 0",
        ),
    ],
    ids=["too-few-units", "constant-spend", "no-staff-cost"],
)
def test_data_that_cannot_give_a_curve(tmp_path, edit, flags, fragment):
    data = tmp_path / "programmes.csv"
    edit(programmes(n=30, seed=5)).to_csv(data, index=False)
    with pytest.raises(DataError, match=fragment.replace("(", r"\(")):
        _check(data, *flags)


def test_column_map_and_gbk_file_pass(tmp_path):
    names = {
        "unit_id": "社区",
        "tech_spend": "技术投入（元）",
        "staff_cost": "人员成本（元）",
        "service_precision": "需求满足率",
        "strategy": "方案",
    }
    data = tmp_path / "社区项目.csv"
    programmes(n=30, seed=5).rename(columns=names).to_csv(data, index=False, encoding="gb18030")
    column_map = "{" + ", ".join(f"{k}: {v}" for k, v in names.items()) + "}"
    p = params.resolve(Model.ANALYSIS, flags=[f"data_path={data}", f"column_map={column_map}"])
    schema.check_inputs(p)
    inputs = schema.load(p)
    assert inputs.data_kind == "user" and inputs.strategies == (
        "blended",
        "staff-centred",
        "tech-heavy",
    )
    assert len(inputs.programmes) == 30 and inputs.staff_penalty is None


def test_no_data_path_checks_nothing_and_loads_the_shipped_file():
    schema.check_inputs(Model())
    inputs = schema.load(Model())
    assert inputs.data_kind == "synthetic" and inputs.source == schema.SHIPPED
    assert len(inputs.programmes) == 300 and set(schema.ARTICLE_COLUMNS) <= set(inputs.article)


def test_regenerated_synthetic_data_are_labelled():
    inputs = schema.load(
        Model(synthetic_staff_penalty=0.0), synthetic=programmes(staff_penalty=0.0)
    )
    assert inputs.data_kind == "synthetic" and inputs.staff_penalty == 0.0
    assert inputs.source == "synthetic programmes"
