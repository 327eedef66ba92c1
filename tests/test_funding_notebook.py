"""The funding-distribution analysis end to end: bad input, users' files, the shipped sets.

Bad input must stop ``workbench run`` before a kernel starts, with one line naming the file, the
column and the rows, exit status 2, no traceback, and the outputs folder untouched. Users' files
in other encodings, formats and column names must run through ``column_map``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import tree_digest
from workbench import datasets, funding, params, runner
from workbench.errors import InputError

ROOT = runner.PROJECT_ROOT
WORKBENCH = Path(sys.executable).parent / "workbench"
ANALYSIS = "funding_distribution"
HEADER = "org_id,group,government_purchase,foundation_grants,donations,service_fees,other\n"
US_EXAMPLE = runner.PARAMETERS / ANALYSIS / "us_990_example.yaml"

#: Bad files: name -> (bytes, substrings the one-line message must contain).
BAD_FILES: dict[str, tuple[bytes, list[str]]] = {
    "missing_org_id": (
        (HEADER + "A,g1,10,0,1,0,0\n,g1,5,1,0,0,0\nC,g2,3,0,0,1,0\n").encode(),
        ["'org_id'", "empty", "row 2"],
    ),
    "duplicate_org_id": (
        (HEADER + "A,g1,10,0,1,0,0\nB,g1,5,1,0,0,0\nA,g2,3,0,0,1,0\n").encode(),
        ["'org_id'", "duplicate", "rows 1, 3"],
    ),
    "missing_source_column": (
        b"org_id,group,government_purchase,foundation_grants,service_fees,other\n"
        b"A,g1,10,0,0,0\nB,g1,5,1,0,0\n",
        ["missing column", "'donations'", "column_map"],
    ),
    "negative_amount": (
        (HEADER + "A,g1,10,0,1,0,0\nB,g1,5,1,0,0,0\nC,g2,3,0,-2,1,0\n").encode(),
        ["'donations'", "negative", "row 3"],
    ),
    "non_numeric_amount": (
        (HEADER + "A,g1,10,0,1,0,0\nB,g1,5万,1,0,0,0\nC,g2,3,0,0,1,0\n").encode(),
        ["'government_purchase'", "non-numeric", "row 2", "5万"],
    ),
    "zero_total": (
        (HEADER + "A,g1,10,0,1,0,0\nB,g1,0,0,0,0,0\nC,g2,3,0,0,1,0\nD,g2,0,0,0,0,0\n").encode(),
        ["zero total funding", "rows 2, 4", "drop_zero_total"],
    ),
    "empty_file": (b"", ["the file is empty"]),
    "header_only": (HEADER.encode(), ["no data rows"]),
    "unreadable_encoding": (
        (HEADER + "A,北京,10,0,1,0,0\n").encode("utf-16"),
        ["cannot decode", "UTF-8 or GBK"],
    ),
}


def workbench_run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(WORKBENCH), "run", ANALYSIS, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def folder_state(folder: Path) -> tuple[dict[str, str], list[str]]:
    """Every file's digest and every path (empty folders too) below ``folder``."""
    return tree_digest(folder), sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def sample_orgs(n: int = 300) -> pd.DataFrame:
    """The first ``n`` synthetic organisations (all have positive totals)."""
    return pd.read_csv(datasets.path("synthetic/organisations.csv")).head(n)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_input_stops_before_the_kernel_with_one_clear_line(case, tmp_path):
    content, expected = BAD_FILES[case]
    data = tmp_path / f"{case}.csv"
    data.write_bytes(content)
    outputs = tmp_path / "outputs"
    previous = outputs / ANALYSIS / "default"
    previous.mkdir(parents=True)
    (previous / "results.json").write_text('{"data_kind": "synthetic"}\n')
    before = folder_state(outputs)

    proc = workbench_run("-p", f"data_path={data}", "--outputs", str(outputs))

    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    message = proc.stderr.strip()
    assert message.startswith("error: ") and len(message.splitlines()) == 1, message
    assert str(data) in message
    for part in expected:
        assert part in message, (part, message)
    assert folder_state(outputs) == before


@pytest.mark.slow
def test_gbk_file_with_its_own_column_names_runs(tmp_path):
    orgs = sample_orgs(300)
    names = {
        "org_id": "机构编号",
        "group": "所在区",
        "government_purchase": "政府购买",
        "foundation_grants": "基金会",
        "donations": "个人捐赠",
        "service_fees": "服务收费",
        "other": "其他",
    }
    data = tmp_path / "机构资金.csv"
    orgs.rename(columns=names).to_csv(data, index=False, encoding="gbk")
    column_map = "{" + ", ".join(f"{k}: {v}" for k, v in names.items()) + "}"

    flags = [f"data_path={data}", f"column_map={column_map}", "n_boot=200"]
    proc = workbench_run(
        *[arg for flag in flags for arg in ("-p", flag)],
        "--name",
        "gbk",
        "--outputs",
        str(tmp_path / "out"),
    )

    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = tmp_path / "out" / ANALYSIS / "gbk"
    results = json.loads((folder / "results.json").read_text())
    expected = funding.funding_results(orgs, data_kind="user")
    assert results["data_kind"] == "user"
    assert results["n_organisations"] == 300
    for key in ("share_primary_government", "share_primary_market", "gini_scale", "mean_hhi"):
        assert results[key] == pytest.approx(expected[key]), key
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert len(captions) == 4
    assert all(not c["synthetic"] and "机构资金.csv" in c["source"] for c in captions)


@pytest.mark.parametrize("suffix", ["xlsx", "parquet"])
def test_xlsx_and_parquet_files_are_read_through_check_inputs(suffix, tmp_path):
    orgs = sample_orgs(50).rename(columns={"org_id": "ID", "government_purchase": "gov"})
    data = tmp_path / f"orgs.{suffix}"
    if suffix == "xlsx":
        orgs.to_excel(data, index=False)
    else:
        orgs.to_parquet(data, index=False)
    p = params.resolve(
        ANALYSIS, flags=[f"data_path={data}", "column_map={org_id: ID, government_purchase: gov}"]
    )
    p.check_inputs()  # no error
    df = funding.read_organisations(
        p.data_path, p.sources, column_map=p.column_map, group_column=p.group_column
    )
    assert len(df) == 50 and df["org_id"].is_unique
    assert df["government_purchase"].sum() == pytest.approx(orgs["gov"].sum())

    orgs.loc[4, "donations"] = -1.0
    bad = tmp_path / f"bad.{suffix}"
    if suffix == "xlsx":
        orgs.to_excel(bad, index=False)
    else:
        orgs.to_parquet(bad, index=False)
    p = params.resolve(
        ANALYSIS, flags=[f"data_path={bad}", "column_map={org_id: ID, government_purchase: gov}"]
    )
    with pytest.raises(InputError, match=r"'donations' has negative amounts at row 5"):
        p.check_inputs()


def test_missing_group_column_suggests_column_map_or_no_grouping(tmp_path):
    data = tmp_path / "nogroup.csv"
    sample_orgs(20).drop(columns=["group"]).to_csv(data, index=False)
    p = params.resolve(ANALYSIS, flags=[f"data_path={data}"])
    with pytest.raises(InputError, match="no group column 'group'.*empty string"):
        p.check_inputs()
    params.resolve(ANALYSIS, flags=[f"data_path={data}", "group_column="]).check_inputs()


@pytest.mark.parametrize(
    "flags, names",
    [
        (["government_source=nope"], ["government_source", "sources"]),
        (["market_sources=[foundation_grants, fees]"], ["market_sources", "sources"]),
        (["market_sources=[government_purchase]"], ["government_source", "market_sources"]),
        (["cut_max=0.2", "cut_step=0.3"], ["cut_step", "cut_max"]),
        (["threshold=1.5"], ["threshold", "threshold_kind"]),
        (["diversification=[0.1, 1.2]"], ["diversification"]),
        (["group_column=donations"], ["group_column", "sources"]),
        (["column_map={org_id: ID}"], ["column_map", "data_path"]),
        (["sources=[government_purchase, government_purchase]"], ["sources"]),
        (["ci=1.5"], ["ci"]),
    ],
)
def test_inconsistent_parameters_name_the_parameters(flags, names):
    with pytest.raises(InputError) as err:
        params.resolve(ANALYSIS, flags=flags)
    for name in names:
        assert name in str(err.value), (name, str(err.value))


def test_absolute_threshold_accepts_amounts_above_one():
    p = params.resolve(ANALYSIS, flags=["threshold=10", "threshold_kind=absolute"])
    assert p.threshold == 10


def test_us_example_path_resolves_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = params.resolve(ANALYSIS, [US_EXAMPLE])
    assert Path(p.data_path).is_file() and Path(p.data_path).is_absolute()
    p.check_inputs()


@pytest.mark.slow
def test_us_990_example_runs_from_the_project_root(tmp_path):
    proc = workbench_run(
        "-f", str(US_EXAMPLE.relative_to(ROOT)), "--outputs", str(tmp_path), cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = tmp_path / ANALYSIS / "us_990_example"
    results = json.loads((folder / "results.json").read_text())
    raw = pd.read_csv(datasets.path("external/irs_soi_990_2016_medical_research_orgs.csv"))
    zero = int((raw[["totcntrbgfts", "totprgmrevnue", "royaltsinc"]].sum(axis=1) == 0).sum())
    assert results["data_kind"] == "user"
    assert results["n_dropped_zero_total"] == zero
    assert results["n_organisations"] == len(raw) - zero
    assert results["theil_between_share"] is None  # no groups: undefined, recorded as None
    assert 0 < results["share_primary_government"] < 1
    captions = [json.loads(p.read_text()) for p in (folder / "figures").glob("*.json")]
    assert captions and all("irs_soi_990" in c["source"] for c in captions)
    assert all("public domain" in c["source"] and not c["synthetic"] for c in captions)


@pytest.mark.slow
def test_default_run_reproduces_the_quoted_shares_with_intervals(tmp_path):
    proc = workbench_run("--outputs", str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    folder = tmp_path / ANALYSIS / "default"
    r = json.loads((folder / "results.json").read_text())
    assert r["data_kind"] == "synthetic" and r["n_organisations"] == 2000
    assert r["share_primary_government_ci_low"] <= 0.95 <= r["share_primary_government_ci_high"]
    assert r["share_primary_government"] == pytest.approx(0.95, abs=0.01)
    assert r["share_primary_market"] < 0.03
    assert r["share_primary_market_ci_low"] < r["share_primary_market"]
    assert r["share_primary_market_ci_high"] > r["share_primary_market"]
    # the small-group bias of the between-district Theil share is reported and corrected
    assert r["theil_between_share_bias"] > 0
    assert r["theil_between_share_bias_corrected"] < r["theil_between_share"]
    names = {p.stem for p in (folder / "figures").glob("*.json")}
    assert names == {"lorenz_curve", "funding_mix_by_decile", "hhi_distribution", "stress_test"}
