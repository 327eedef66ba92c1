"""The supervised child: isolation between runs, time limits, signals, locks, dead processes."""

from __future__ import annotations

import json
import os
import time

import pytest
from probe import register

from workbench import runner
from workbench.errors import RunError
from workbench.runner import publish


@pytest.fixture
def probe(tmp_path, monkeypatch):
    register(tmp_path / "nb", monkeypatch.setitem, monkeypatch.setattr)
    return tmp_path / "outputs"


def run(outputs, engine="fast", timeout=60.0, name=None, **values):
    flags = [f"{k}={v}" for k, v in values.items()]
    plan = runner.plan("probe", flags=flags, name=name or "r", outputs=outputs)
    return runner.execute(plan, engine=engine, timeout=timeout)


def state(result) -> dict:
    return json.loads((result.path / "results.json").read_text())["state"]


def test_state_set_by_one_run_is_invisible_in_the_next(probe):
    first = run(probe, mode="set", name="set")
    assert first.status == "ok", first.message
    assert state(first) == {
        "global": True,
        "rc": 9.0,
        "env": "1",
        "patched": True,
        "pid": state(first)["pid"],
    }
    second = run(probe, mode="check", name="check")
    seen = state(second)
    assert seen["global"] is False and seen["env"] is None and seen["patched"] is False
    assert seen["rc"] != 9.0 and seen["pid"] not in (first_pid := state(first)["pid"], os.getpid())
    assert first_pid != os.getpid()


def test_outputs_are_captured_like_a_kernel(probe):
    result = run(probe)
    nb = json.loads((result.path / "notebook.ipynb").read_text())
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    kinds = {o["output_type"] for o in outputs}
    assert {"stream", "execute_result"} <= kinds
    stream = next(o for o in outputs if o["output_type"] == "stream")
    assert stream["name"] == "stdout" and "hello from the probe" in "".join(stream["text"])


def test_a_failing_cell_is_kept_in_failed(probe):
    result = run(probe, crash=True, name="c")
    assert result.status == "failed" and result.exit_code == 1
    assert "ValueError: probe crashed on purpose" in result.message
    assert (probe / "probe" / "_failed" / "c" / "notebook.ipynb").is_file()


def test_a_second_run_of_the_same_name_fails_at_once(probe):
    home = probe / "probe"
    home.mkdir(parents=True)
    with publish.run_lock(home, "r"):
        t0 = time.monotonic()
        with pytest.raises(
            RunError, match=r"another run of probe/r is in progress \(process \d+\)"
        ):
            run(probe, name="r")
        assert time.monotonic() - t0 < 5
    assert run(probe, name="r").status == "ok"  # and works once the first has finished


def test_a_run_checked_aside_reports_its_bad_data_file_and_starts_nothing(tmp_path):
    """A single fast run checks its data files in a process of its own, while it preloads."""
    from workbench.errors import DataError

    bad = tmp_path / "national.csv"
    bad.write_text("year,revenue\n", encoding="utf-8")
    plan = runner.plan(
        "fiscal_pressure",
        flags=[f"data_path={bad}"],
        name="aside",
        outputs=tmp_path / "outputs",
        check=False,
    )
    with pytest.raises(DataError, match="national.csv"):
        runner.execute(plan, checked=False)
    assert not (tmp_path / "outputs").exists()  # nothing was started, not even the folder
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # and the checking process is gone
