"""The workers schema: every bad input is one DataError naming the file, the column and the rows.

In-process through ``schema.check_inputs`` (what the runner calls before a kernel starts) and
``schema.check_workers``; one end-to-end run checks that bad input stops before the kernel. Rows
of a table read from a CSV or XLSX file are named by file line (a CSV's header is line 1, so data
row 3 is file line 4); a Parquet file or an in-memory table names data rows.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import outputs_with_previous_run, tree_digest, workbench_cli
from workbench import params, synth
from workbench.errors import DataError, InputError, ParameterError
from workbench.turnover import schema

from .conftest import CATEGORICAL

ANALYSIS = "turnover_drivers"


def _bad(df: pd.DataFrame, **changes: object) -> pd.DataFrame:
    d = df.copy()
    for key, (rows, value) in changes.items():
        d[key] = d[key].astype(object)
        d.loc[rows, key] = value
    return d


@pytest.mark.parametrize(
    ("column", "rows", "value", "match"),
    [
        ("left", [2, 9], 2, r"'left' must be 0 or 1.*data rows 3 \(2\) and 10 \(2\)"),
        ("left", [0], "yes", r"'left' must be 0 or 1.*data row 1 \('yes'\)"),
        ("left", [4], None, r"'left'.*data row 5 \(missing\)"),
        ("tenure_years", [1], 0.0, r"'tenure_years'.*> 0.*data row 2 \(0.0\)"),
        ("tenure_years", [6], -1.0, r"'tenure_years'.*data row 7"),
        ("tenure_years", [3], None, r"'tenure_years'.*data row 4 \(missing\)"),
        ("worker_id", [5], None, r"'worker_id'.*missing in data row 6"),
        ("worker_id", [1], "W00001", r"'worker_id'.*unique.*data rows 1 \('W00001'\) and 2"),
        ("monthly_pay", [7], "high", r"driver 'monthly_pay' must be numeric.*data row 8"),
        ("monthly_pay", [8], None, r"driver 'monthly_pay' is missing in data row 9"),
        ("duty_overlap", [0], 1.5, r"'duty_overlap' must be a 0-1 index.*data row 1 \(1.5\)"),
        ("has_sw_certificate", [3], 2, r"'has_sw_certificate' must be 0 or 1.*data row 4"),
        (
            "contract_type",
            [2],
            None,
            r"categorical driver 'contract_type' is missing in data row 3",
        ),
    ],
)
def test_check_workers_raises_one_clear_message(small, column, rows, value, match):
    d = _bad(small, **{column: (rows, value)})
    with pytest.raises(DataError, match=match) as exc:
        schema.check_workers(d, categorical=CATEGORICAL, source_label="workers.csv")
    assert str(exc.value).startswith("workers.csv:")
    assert exc.value.file == "workers.csv" and exc.value.column == column
    assert {r + 1 for r in rows} <= set(exc.value.rows)


def test_absent_constant_and_empty(small):
    with pytest.raises(DataError, match=r"'weekly_hours' not found.*column_map"):
        schema.check_workers(small.drop(columns="weekly_hours"))
    with pytest.raises(DataError, match=r"driver 'age' is constant"):
        schema.check_workers(small.assign(age=40))
    with pytest.raises(DataError, match=r"driver 'contract_type' is constant"):
        schema.check_workers(small.assign(contract_type="agency"))
    with pytest.raises(DataError, match=r"no data rows"):
        schema.check_workers(small.iloc[:0])
    with pytest.raises(TypeError):
        schema.check_workers([1, 2, 3])


def test_entry_and_many_bad_rows(small):
    d = small.copy()
    d.loc[[0, 1], "tenure_start_years"] = d.loc[[0, 1], "tenure_years"]
    with pytest.raises(DataError, match=r"'tenure_start_years'.*less than 'tenure_years'.*rows 1"):
        schema.check_workers(d, entry="tenure_start_years")
    d = small.copy()
    d.loc[:19, "left"] = 7
    with pytest.raises(
        DataError, match=r"data rows 1 \(7\), 2 \(7\), 3 \(7\), 4 \(7\), 5 \(7\) and 15 more"
    ):
        schema.check_workers(d)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(row=st.integers(0, 599), value=st.sampled_from([-1, 3, 0.5, "x"]))
def test_the_message_names_the_bad_row(small, row, value):
    d = _bad(small, left=([row], value))
    with pytest.raises(DataError, match=rf"'left'.*data row {row + 1} "):
        schema.check_workers(d)


# ---------------------------------------------------------------------------------------------
# the runner's pre-kernel check, in process, on users' files
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def staff() -> pd.DataFrame:
    return synth.workers(n=400, seed=5)


def set_cell(df: pd.DataFrame, column: str, row: int, value: object) -> pd.DataFrame:
    """Set one cell; ``row`` counts data rows from 1 (its CSV file line is ``row + 1``)."""
    out = df.copy()
    out[column] = out[column].astype(object)
    out.loc[row - 1, column] = value
    return out


BAD_FILES = [
    (lambda d: set_cell(d, "left", 4, 2), [], ["column 'left' must be 0 or 1", "file line 5 (2)"]),
    (
        lambda d: set_cell(d, "left", 7, "yes"),
        [],
        ["column 'left' must be 0 or 1", "file line 8 ('yes')"],
    ),
    (
        lambda d: set_cell(d, "tenure_years", 2, 0.0),
        [],
        ["column 'tenure_years'", "must be a number > 0", "file line 3 (0.0)"],
    ),
    (
        lambda d: set_cell(d, "tenure_years", 5, None),
        [],
        ["column 'tenure_years'", "file line 6 (missing)"],
    ),
    (lambda d: d.drop(columns="weekly_hours"), [], ["required column(s) missing: weekly_hours"]),
    (lambda d: d.assign(duty_overlap=0.3), [], ["driver 'duty_overlap' is constant"]),
    (lambda d: d.assign(left=0), [], ["no worker left", "need both leavers and stayers"]),
    (
        lambda d: d.drop(columns="district"),
        [],
        ["cluster column 'district' not found", "set cluster to ''"],
    ),
    (lambda d: d, ["entry=start_years"], ["entry column 'start_years' not found"]),
    (lambda d: d.iloc[:40].assign(left=[1] * 2 + [0] * 38), [], ["fewer than cv_folds (5)"]),
]


@pytest.mark.parametrize(
    ("edit", "flags", "fragments"),
    BAD_FILES,
    ids=[
        "outcome-not-0-1",
        "outcome-text",
        "tenure-zero",
        "tenure-missing",
        "driver-absent",
        "driver-constant",
        "no-leavers",
        "cluster-absent",
        "entry-absent",
        "too-few-leavers-for-the-folds",
    ],
)
def test_bad_files_are_refused_before_the_kernel(tmp_path, staff, edit, flags, fragments):
    data = tmp_path / "workers.csv"
    edit(staff).to_csv(data, index=False)
    p = params.resolve(ANALYSIS, flags=[f"data_path={data}", *flags])
    with pytest.raises(DataError) as exc:
        schema.check_inputs(p)
    for fragment in fragments:
        assert fragment in str(exc.value), str(exc.value)
    assert str(data) in str(exc.value)  # the message names the file


@pytest.mark.parametrize(
    ("flags", "fragment"),
    [
        (
            ["drivers=[age, monthly_pay]"],
            "hours_cut changes 'weekly_hours', which is not in drivers",
        ),
        (["column_map={Pay: monthly_pay}"], "column_map keys ['Pay'] are not canonical names"),
    ],
    ids=["lever-not-a-driver", "reversed-column-map"],
)
def test_inconsistent_parameters_are_parameter_errors(tmp_path, staff, flags, fragment):
    data = tmp_path / "workers.csv"
    staff.rename(columns={"monthly_pay": "Pay"}).to_csv(data, index=False)
    with pytest.raises(ParameterError) as exc:
        params.resolve(ANALYSIS, flags=[f"data_path={data}", *flags])
    assert fragment in str(exc.value)


def test_parquet_and_xlsx_files_are_checked_before_the_kernel(tmp_path, staff):
    bad = set_cell(staff, "tenure_years", 3, -1.0).astype({"tenure_years": float})
    for path, where in (
        (tmp_path / "w.parquet", "data row 3"),
        (tmp_path / "w.xlsx", "file line 4"),
    ):
        if path.suffix == ".parquet":
            bad.to_parquet(path)
        else:
            bad.to_excel(path, index=False)
        p = params.resolve(ANALYSIS, flags=[f"data_path={path}"])
        with pytest.raises(InputError, match=rf"'tenure_years'.*{where} \(-1\.0\)"):
            schema.check_inputs(p)


def test_a_file_with_its_own_names_and_no_entry_column_loads(tmp_path, staff):
    data = tmp_path / "own.csv"
    staff.drop(columns="tenure_start_years").rename(columns={"left": "quit"}).to_csv(
        data, index=False
    )
    p = params.resolve(ANALYSIS, flags=[f"data_path={data}", "column_map={left: quit}"])
    w = schema.load(p)
    assert w.data_kind == "user" and w.label == "own.csv" and w.entry is None
    assert "left" in w.frame.columns and w.cluster == "district"
    assert len(w.notes) == 1 and "no delayed-entry column" in w.notes[0]


def test_the_shipped_data_pass(params):
    w = schema.load(params)
    assert w.data_kind == "synthetic" and w.label == schema.SYNTHETIC_LABEL
    assert w.entry == "tenure_start_years" and w.notes == ()
    assert schema.check_inputs(params) is None


def test_schema_defaults_are_the_models():
    model = params.TurnoverDriversParams()
    assert list(schema.DRIVERS) == model.drivers
    assert list(schema.CATEGORICAL) == model.categorical
    assert schema.BENCHMARK == model.benchmark_rate and schema.SEED == model.seed


@pytest.mark.slow
def test_bad_input_stops_before_the_kernel_end_to_end(tmp_path, staff):
    outputs = outputs_with_previous_run(tmp_path, ANALYSIS)
    data = tmp_path / "workers.csv"
    set_cell(staff, "left", 4, 2).to_csv(data, index=False)
    before = tree_digest(outputs)
    proc = workbench_cli("run", ANALYSIS, "-p", f"data_path={data}", "--outputs", str(outputs))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "column 'left' must be 0 or 1" in proc.stderr and "file line 5 (2)" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert tree_digest(outputs) == before
