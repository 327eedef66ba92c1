"""End to end: ``workbench run turnover_drivers`` on users' files, good, fragile and bad.

Bad input (outcome not 0/1, tenure <= 0 or missing, a driver column absent or constant, no
leavers, inconsistent parameters) must stop before a kernel starts: exit status 2, one message
naming the row or column (or the parameters), no traceback, and the outputs folder exactly as it
was. A file with its own column names runs with a ``column_map`` and is labelled
``data_kind: user``. Fragile input (few events per term, separation) runs, and the warning is
printed in the notebook and recorded in ``results.json``; numbers that cannot be estimated are
recorded as None with a reason, never as a garbage estimate.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from conftest import CONTRACT_KEYS, outputs_with_previous_run, tree_digest, workbench_cli
from workbench import params
from workbench.errors import InputError
from workbench.synth import workers

ANALYSIS = "turnover_drivers"
CONTRACT = CONTRACT_KEYS[ANALYSIS] | {"warnings"}
FAST = ["-p", "cv_folds=3", "-p", "permutation_repeats=1", "-p", "n_draws=100"]


def run(*flags: str, outputs: Path) -> subprocess.CompletedProcess:
    return workbench_cli("run", ANALYSIS, *flags, "--outputs", str(outputs))


@pytest.fixture
def outputs(tmp_path: Path) -> Path:
    return outputs_with_previous_run(tmp_path, ANALYSIS)


@pytest.fixture(scope="module")
def staff() -> pd.DataFrame:
    return workers(n=400, seed=5)


def set_cell(df: pd.DataFrame, column: str, row: int, value: object) -> pd.DataFrame:
    """Set one cell; ``row`` counts data rows from 1, as the error messages do."""
    out = df.copy()
    out[column] = out[column].astype(object)
    out.loc[row - 1, column] = value
    return out


@pytest.mark.parametrize(
    ("edit", "flags", "fragments"),
    [
        (
            lambda d: set_cell(d, "left", 4, 2),
            [],
            ["column 'left' must be 0 or 1", "row 4 (2)"],
        ),
        (
            lambda d: set_cell(d, "left", 7, "yes"),
            [],
            ["column 'left' must be 0 or 1", "row 7 ('yes')"],
        ),
        (
            lambda d: set_cell(d, "tenure_years", 2, 0.0),
            [],
            ["column 'tenure_years'", "must be a number > 0", "row 2 (0.0)"],
        ),
        (
            lambda d: set_cell(d, "tenure_years", 5, None),
            [],
            ["column 'tenure_years'", "row 5 (missing)"],
        ),
        (
            lambda d: d.drop(columns="weekly_hours"),
            [],
            ["required column(s) missing: weekly_hours"],
        ),
        (
            lambda d: d.assign(duty_overlap=0.3),
            [],
            ["driver 'duty_overlap' is constant"],
        ),
        (
            lambda d: d.assign(left=0),
            [],
            ["no worker left", "need both leavers and stayers"],
        ),
        (
            lambda d: d.drop(columns="district"),
            [],
            ["cluster column 'district' not found", "set cluster to ''"],
        ),
        (
            lambda d: d,
            ["-p", "entry=start_years"],
            ["entry column 'start_years' not found"],
        ),
        (
            lambda d: d,
            ["-p", "drivers=[age, monthly_pay]"],
            ["hours_cut changes 'weekly_hours', which is not in drivers"],
        ),
        (
            lambda d: d.rename(columns={"monthly_pay": "Pay"}),
            ["-p", "column_map={Pay: monthly_pay}"],
            ["column_map keys ['Pay'] are not canonical names"],
        ),
    ],
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
        "lever-not-a-driver",
        "reversed-column-map",
    ],
)
def test_bad_input_exits_2_with_one_clear_message(tmp_path, outputs, staff, edit, flags, fragments):
    data = tmp_path / "workers.csv"
    edit(staff).to_csv(data, index=False)
    before = tree_digest(outputs)
    proc = run("-p", f"data_path={data}", *flags, outputs=outputs)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    for fragment in fragments:
        assert fragment in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert tree_digest(outputs) == before  # no run folder written, the previous one untouched


def test_parquet_and_xlsx_files_are_checked_before_the_kernel(tmp_path, staff):
    bad = set_cell(staff, "tenure_years", 3, -1.0).astype({"tenure_years": float})
    for path in (tmp_path / "w.parquet", tmp_path / "w.xlsx"):
        if path.suffix == ".parquet":
            bad.to_parquet(path)
        else:
            bad.to_excel(path, index=False)
        p = params.resolve(ANALYSIS, flags=[f"data_path={path}"])
        with pytest.raises(InputError, match=r"'tenure_years'.*row 3 \(-1\.0\)"):
            p.check_inputs()


@pytest.mark.slow
def test_user_file_with_its_own_column_names_runs(tmp_path, outputs):
    names = {
        "worker_id": "工号",
        "left": "是否离职",
        "tenure_years": "工龄",
        "age": "年龄",
        "monthly_pay": "月薪",
        "weekly_hours": "周工时",
        "duty_overlap": "职责重叠",
        "has_sw_certificate": "社工证",
        "professional_identity": "职业认同",
        "resident_recognition": "居民认可",
        "contract_type": "合同",
        "district": "区",
    }
    data = tmp_path / "社区工作者.csv"
    # an HR file without the delayed-entry column, in GBK
    own = workers(n=600, seed=7).drop(columns="tenure_start_years").rename(columns=names)
    own.to_csv(data, index=False, encoding="gb18030")
    column_map = "{" + ", ".join(f"{k}: {v}" for k, v in names.items()) + "}"
    proc = run(
        "-p", f"data_path={data}", "-p", f"column_map={column_map}", *FAST,
        "--name", "user", outputs=outputs,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = outputs / ANALYSIS / "user"
    results = json.loads((folder / "results.json").read_text())
    assert CONTRACT <= set(results), CONTRACT - set(results)
    assert results["data_kind"] == "user"
    assert results["n_workers"] == 600
    assert results["turnover_rate"] == pytest.approx(own["是否离职"].mean())
    assert results["turnover_rate_ci_low"] < results["turnover_rate"]
    assert results["turnover_rate"] < results["turnover_rate_ci_high"]
    assert results["top_driver"] in params.TurnoverDriversParams().drivers
    assert 0.5 < results["cv_roc_auc"] < 1
    assert any("no delayed-entry column" in w for w in results["warnings"])
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert len(captions) >= 5
    assert not any(c["synthetic"] for c in captions)
    assert all("社区工作者.csv" in c["source"] for c in captions)
    assert "synthetic_signs_recovered" not in results  # no known truth for a user's file


@pytest.mark.slow
def test_low_events_per_variable_runs_with_the_warning_recorded(tmp_path, outputs):
    data = tmp_path / "few.csv"
    few = workers(n=150, seed=3)
    few.to_csv(data, index=False)
    proc = run("-p", f"data_path={data}", *FAST, "--name", "few", outputs=outputs)
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = outputs / ANALYSIS / "few"
    results = json.loads((folder / "results.json").read_text())
    assert CONTRACT <= set(results)
    exits = int(few["left"].sum())
    assert any(f"only {exits} exits for 9 model terms" in w for w in results["warnings"])
    assert any("Peduzzi" in w for w in results["warnings"])
    notebook = (folder / "notebook.ipynb").read_text(encoding="utf-8")
    assert "**Warning.**" in notebook and "per term" in notebook


@pytest.mark.slow
def test_separation_is_reported_and_never_a_garbage_estimate(tmp_path, outputs):
    data = tmp_path / "separated.csv"
    sep = workers(n=600, seed=7)
    sep.loc[sep["contract_type"] == "agency", "left"] = 1  # every agency worker left
    sep.to_csv(data, index=False)
    proc = run("-p", f"data_path={data}", *FAST, "--name", "sep", outputs=outputs)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads((outputs / ANALYSIS / "sep" / "results.json").read_text())
    assert any("separation" in w and "contract_type[T.agency]" in w for w in results["warnings"])
    assert results["driver_effects"]["contract_type[T.agency]"] is None
    assert results["top_driver"] is None and results["top_driver_effect"] is None
    assert "separation" in results["none_reasons"]["top_driver_effect"]
    assert results["counterfactual_rates"] is None  # what-ifs need estimable coefficients
    assert results["cv_roc_auc"] is not None  # the prediction model does not need them
