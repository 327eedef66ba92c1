"""The error hierarchy: what each kind means, its exit status, and that it survives pickling."""

from __future__ import annotations

import pickle

import pytest

from workbench import errors


def test_hierarchy_and_exit_statuses():
    assert issubclass(errors.ParameterError, errors.InputError)
    assert issubclass(errors.DataError, errors.InputError)
    assert issubclass(errors.InputError, errors.WorkbenchError)
    assert issubclass(errors.RunError, errors.WorkbenchError)
    assert not issubclass(errors.RunError, errors.InputError)
    assert not issubclass(errors.WorkbenchError, ValueError)  # misuse is ValueError, not this
    assert errors.ParameterError("x").exit_status == 2
    assert errors.DataError("x").exit_status == 2
    assert errors.RunError("x").exit_status == 1


def test_data_error_carries_file_column_and_rows():
    err = errors.DataError("f.csv: bad", file="f.csv", column="year", rows=(4, 9))
    assert (err.file, err.column, err.rows, str(err)) == ("f.csv", "year", (4, 9), "f.csv: bad")


@pytest.mark.parametrize(
    "error",
    [
        errors.DataError("m", file="a.csv", column="c", rows=(1,)),
        errors.ParameterError("m", parameter="seed", origin="-p seed=1"),
        errors.RunError("m"),
    ],
)
def test_errors_survive_pickling(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == "m"
    assert again.__dict__ == error.__dict__


def test_exit_status_for_a_name_from_a_kernel():
    assert errors.exit_status_for_name("DataError") == 2
    assert errors.exit_status_for_name("ParameterError") == 2
    assert errors.exit_status_for_name("RunError") == 1
    assert errors.exit_status_for_name("ValueError") is None
    assert errors.exit_status_for_name("exit_status_for_name") is None


def test_errors_imports_nothing():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(errors.__file__).read_text())
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
