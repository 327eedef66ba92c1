"""End to end: ``workbench run tech_cost_effectiveness`` on users' files, good and bad.

Bad input (negative costs, zero effects where a ratio needs them, duplicate strategy names, a DEA
unit with all-zero inputs, an infeasible reward scheme, inconsistent parameters) must stop before
a kernel starts: exit status 2, one message naming the row or column (or the parameters), no
traceback, and the outputs folder exactly as it was. A file with its own column names runs with a
``column_map`` and is labelled ``data_kind: user``.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from conftest import CONTRACT_KEYS, outputs_with_previous_run, tree_digest, workbench_cli
from workbench.synth import programmes

ANALYSIS = "tech_cost_effectiveness"
CONTRACT = CONTRACT_KEYS[ANALYSIS]


def run(*flags: str, outputs: Path) -> subprocess.CompletedProcess:
    return workbench_cli("run", ANALYSIS, *flags, "--outputs", str(outputs))


@pytest.fixture
def outputs(tmp_path: Path) -> Path:
    return outputs_with_previous_run(tmp_path, ANALYSIS)


def units(n: int = 30) -> pd.DataFrame:
    return programmes(n=n, seed=5)


@pytest.mark.parametrize(
    ("edit", "flags", "fragments"),
    [
        (
            lambda d: d.assign(tech_spend=d["tech_spend"].where(d.index != 2, -5.0)),
            [],
            ["column 'tech_spend' has negative costs (yuan) in row 3"],
        ),
        (
            lambda d: d.assign(service_precision=d["service_precision"].where(d.index != 1, 0.0)),
            [],
            ["column 'service_precision' has zero or negative outcomes in row 2", "ratio"],
        ),
        (
            lambda d: d.assign(strategy=d["strategy"].where(d.index != 4, "Blended ")),
            [],
            ["duplicate strategy name 'blended' in column 'strategy'", "'Blended ' in row 5"],
        ),
        (
            lambda d: d.assign(
                tech_spend=d["tech_spend"].where(d.index != 3, 0.0),
                staff_cost=d["staff_cost"].where(d.index != 3, 0.0),
            ),
            [],
            ["unit 'PRG-0004' has all-zero inputs (tech_spend, staff_cost all 0) in row 4"],
        ),
        (
            lambda d: d.drop(columns="staff_cost"),
            [],
            ["required column(s) missing: staff_cost"],
        ),
        (
            lambda d: d,
            ["-p", "reward_share_range=[0.5, 0.5]", "-p", "deadweight=0.6"],
            ["reward_share_range", "deadweight", "infeasible"],
        ),
        (
            lambda d: d,
            ["-p", "wtp=2000000"],
            ["wtp (2000000.0) must lie within the grid", "wtp_max"],
        ),
        (
            lambda d: d.rename(columns={"tech_spend": "Tech"}),
            ["-p", "column_map={Tech: tech_spend}"],
            ["column_map keys ['Tech'] are not canonical names"],
        ),
    ],
    ids=[
        "negative-cost",
        "zero-effect",
        "duplicate-strategy",
        "dea-all-zero-inputs",
        "missing-column",
        "infeasible-scheme",
        "wtp-outside-grid",
        "reversed-column-map",
    ],
)
def test_bad_input_exits_2_with_one_clear_message(tmp_path, outputs, edit, flags, fragments):
    data = tmp_path / "programmes.csv"
    edit(units()).to_csv(data, index=False)
    before = tree_digest(outputs)
    proc = run("-p", f"data_path={data}", *flags, outputs=outputs)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    message = proc.stderr
    for fragment in fragments:
        assert fragment in message, message
    assert "Traceback" not in proc.stdout + proc.stderr
    assert tree_digest(outputs) == before  # no run folder written, the previous one untouched


def test_user_file_with_its_own_column_names_runs(tmp_path, outputs):
    data = tmp_path / "社区项目.csv"
    names = {
        "unit_id": "社区",
        "tech_spend": "技术投入（元）",
        "staff_cost": "人员成本（元）",
        "service_precision": "需求满足率",
        "strategy": "方案",
    }
    units(45).rename(columns=names).to_csv(data, index=False, encoding="gb18030")
    column_map = "{" + ", ".join(f"{k}: {v}" for k, v in names.items()) + "}"
    proc = run(
        "-p", f"data_path={data}", "-p", f"column_map={column_map}",
        "-p", "psa_draws=2000", "-p", "n_boot=0", "--name", "user", outputs=outputs,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = outputs / ANALYSIS / "user"
    results = json.loads((folder / "results.json").read_text())
    assert CONTRACT <= set(results), CONTRACT - set(results)
    assert results["data_kind"] == "user"
    assert results["optimal_strategy_at_wtp"] in {"tech-heavy", "staff-centred", "blended"}
    assert results["evpi"] >= 0
    assert results["n_units"] == 45
    assert results["marginal_return_ci_low"] is None  # n_boot 0: recorded as None, not NaN
    assert 1 <= results["n_efficient_units"] <= 45
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert {c["name"] for c in captions} >= {"response_curve", "ce_plane", "ceac", "tornado"}
    for cap in captions:
        assert not cap["synthetic"] and "社区项目.csv" in cap["source"], cap["name"]
    prov = json.loads((folder / "provenance.json").read_text())
    assert any(k.endswith("社区项目.csv") for k in prov["inputs_sha256"])
