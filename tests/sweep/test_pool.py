"""Local sweeps: progress, cache, --force, failures that do not stop the rest, the index."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from probe import register, script

from conftest import tree_digest
from workbench import sweep

SPEC = """analysis: probe
grid:
  mode: [set, check]
  seconds: [0, 0.2]
runs:
  - {crash: true}
  - {crash: true, seconds: 0.1}
name: '{mode}_{seconds}_{crash}'
"""


@pytest.fixture
def spec(tmp_path, monkeypatch):
    register(tmp_path / "nb", monkeypatch.setitem, monkeypatch.setattr)
    path = tmp_path / "probe_grid.yaml"
    path.write_text(SPEC)
    return path


def test_a_sweep_runs_all_reports_failures_and_caches(spec, tmp_path):
    out = io.StringIO()
    outcome = sweep.run(spec, workers=2, outputs=tmp_path / "o", stream=out)
    assert len(outcome.results) == 6 and len(outcome.failed) == 2 and outcome.exit_code == 1
    for failed in outcome.failed:
        assert "ValueError: probe crashed on purpose" in failed.message
        assert "at cell 4" in failed.message and "notebook.ipynb" in failed.message
    lines = out.getvalue().splitlines()
    assert len(lines) == 6 and all("failed" in line and "ETA" in line for line in lines)
    index = pd.read_csv(outcome.home / "index.csv")
    assert list(index.columns[:6]) == ["run", "status", "cached", "seconds", "folder", "error"]
    assert set(index["status"]) == {"ok", "failed"} and "param.seconds" in index
    assert (index["data_kind"].dropna() == "synthetic").all()
    assert pd.read_parquet(outcome.home / "index.parquet")["run"].tolist() == index["run"].tolist()

    good = outcome.home / "set_0_false"
    before = tree_digest(good)
    again = sweep.run(spec, workers=2, outputs=tmp_path / "o", stream=io.StringIO())
    cached = [r.name for r in again.results.values() if r.cached]
    assert sorted(cached) == sorted(r for r in outcome.results if outcome.results[r].status == "ok")
    assert tree_digest(good) == before  # a cache hit touches nothing
    forced = sweep.run(spec, workers=2, force=True, outputs=tmp_path / "o", stream=io.StringIO())
    assert not any(r.cached for r in forced.results.values())
    prov = json.loads((good / "provenance.json").read_text())
    assert prov["cache_key"] and prov["figures"] == "all"


def test_fail_fast_stops_at_the_first_failure(spec, tmp_path):
    spec.write_text(
        "analysis: probe\nruns:\n  - {crash: true}\n"
        + "".join(f"  - {{seconds: {s}}}\n" for s in (0.1, 0.2, 0.3, 0.4))
        + "name: '{seconds}_{crash}'\n"
    )
    outcome = sweep.run(
        spec, workers=1, fail_fast=True, outputs=tmp_path / "o", stream=io.StringIO()
    )
    assert len(outcome.failed) == 1 and len(outcome.results) == 1


def test_killed_midway_leaves_no_half_run_and_a_rerun_finishes_the_rest(tmp_path):
    nb = tmp_path / "nb"
    path = tmp_path / "slow.yaml"
    path.write_text("analysis: probe\ngrid:\n  seconds: [0, 0.01, 30, 30.01]\nname: 's{seconds}'\n")
    cli = script(tmp_path)
    assert nb  # the script registers the probe notebook there
    cmd = [
        sys.executable,
        str(cli),
        "sweep",
        str(path),
        "--workers",
        "2",
        "--outputs",
        str(tmp_path / "o"),
    ]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        home = tmp_path / "o" / "sweeps" / "slow"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if (home / "s0").is_dir() and (home / "s0.01").is_dir():
                break
            time.sleep(0.1)
        time.sleep(1.5)  # the two slow runs are in their sleeping cell
        proc.send_signal(sig)
        proc.communicate(timeout=30)
        time.sleep(1.0)
        names = sorted(p.name for p in home.iterdir() if not p.name.startswith("index"))
        assert [n for n in names if not n.startswith(".")] == ["s0", "s0.01"]
        for folder in ("s0", "s0.01"):
            assert (home / folder / "provenance.json").is_file()
    path.write_text("analysis: probe\ngrid:\n  seconds: [0, 0.01, 0.3, 0.31]\nname: 's{seconds}'\n")
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert "4 ok (2 cached)" in rerun.stdout
    assert not [p for p in home.iterdir() if p.name.startswith(".")]
