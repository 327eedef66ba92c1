"""A sweep on a Dask LocalCluster (real scheduler and worker processes) matches the local pool."""

from __future__ import annotations

import io
from pathlib import Path

import cloudpickle
import pandas as pd
import probe
import pytest

from workbench import sweep

SPEC = """analysis: probe
grid:
  mode: [set, check]
  seconds: [0, 0.1]
runs:
  - {crash: true}
name: '{mode}_{seconds}_{crash}'
"""
SAME = ["run", "status", "cached", "param.mode", "param.seconds", "param.crash", "data_kind"]


def _register_on_worker(folder: str) -> None:
    probe.register(Path(folder))


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


def test_cluster_sweep_gives_the_local_index(cluster, tmp_path, monkeypatch):
    from distributed import Client

    probe.register(tmp_path / "nb", monkeypatch.setitem, monkeypatch.setattr)
    spec = tmp_path / "grid.yaml"
    spec.write_text(SPEC)
    cloudpickle.register_pickle_by_value(probe)
    try:
        with Client(cluster.scheduler_address) as client:
            client.run(_register_on_worker, str(tmp_path / "nb"))
        remote = sweep.run(
            spec, scheduler=cluster.scheduler_address, outputs=tmp_path / "r", stream=io.StringIO()
        )
    finally:
        cloudpickle.unregister_pickle_by_value(probe)
    local = sweep.run(spec, workers=2, outputs=tmp_path / "l", stream=io.StringIO())
    a = pd.read_csv(remote.home / "index.csv").sort_values("run")[SAME].reset_index(drop=True)
    b = pd.read_csv(local.home / "index.csv").sort_values("run")[SAME].reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    assert len(remote.failed) == 1 and "probe crashed on purpose" in remote.failed[0].message
    failed_nb = remote.home / "_failed" / "check_0_true" / "notebook.ipynb"
    assert failed_nb.is_file() and str(failed_nb) in remote.failed[0].message
    for name in ("set_0_false", "check_0.1_false"):
        folder = remote.home / name
        assert {"results.json", "provenance.json", "report.html", "notebook.ipynb"} <= {
            p.name for p in folder.iterdir()
        }
    assert not [p for p in remote.home.iterdir() if p.name.startswith(".")]


def test_an_unreachable_scheduler_is_one_line_and_leaves_no_folder(tmp_path, monkeypatch):
    from workbench.errors import ParameterError, RunError
    from workbench.sweep import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "2s")
    probe.register(tmp_path / "nb", monkeypatch.setitem, monkeypatch.setattr)
    spec = tmp_path / "grid.yaml"
    spec.write_text(SPEC)
    with pytest.raises(ParameterError, match="expected an address like tcp://HOST:PORT"):
        sweep.run(spec, scheduler="127.0.0.1:1", outputs=tmp_path / "o", stream=io.StringIO())
    with pytest.raises(RunError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        sweep.run(spec, scheduler="tcp://127.0.0.1:9", outputs=tmp_path / "o", stream=io.StringIO())
    assert not (tmp_path / "o").exists()  # nothing ran: no empty sweep folder left behind
