"""Local sweeps: progress, cache, --force, failures that do not stop the rest, the index."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from probe import register

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
