"""The supervised child: isolation between runs, time limits, signals, locks, dead processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from probe import register, script

from conftest import tree_digest
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


@pytest.mark.parametrize("engine", ["fast", "kernel"])
def test_time_limit_names_the_cell_and_leaves_nothing(probe, engine):
    good = run(probe, name="r")
    before = tree_digest(good.path)
    t0 = time.monotonic()
    result = run(probe, engine=engine, timeout=3, seconds=120, name="r")
    assert time.monotonic() - t0 < 20
    assert result.status == "failed" and result.exit_code == 1
    assert "time limit of 3 s" in result.message and "in cell 4" in result.message
    assert "\n" not in result.message
    assert tree_digest(good.path) == before
    home = probe / "probe"
    assert not [p.name for p in home.iterdir() if p.name.startswith(".")]
    assert not (home / "_failed" / "r").exists()


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


def start(tmp_path, *args):
    cmd = [
        sys.executable,
        str(script(tmp_path)),
        "run",
        "probe",
        "--outputs",
        str(tmp_path / "outputs"),
        *args,
    ]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_temp(home: Path, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if home.is_dir() and any(p.name.startswith(".tmp-") for p in home.iterdir()):
            time.sleep(1.0)  # well inside the sleeping cell
            return
        time.sleep(0.1)
    raise AssertionError("the run never started")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signals_stop_the_run_and_remove_its_temporary_folder(tmp_path, sig, code):
    proc = start(tmp_path, "-p", "seconds=60", "--name", "s")
    home = tmp_path / "outputs" / "probe"
    wait_for_temp(home)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert err.strip().splitlines()[-1].startswith(f"stopped by {signal.Signals(sig).name}")
    assert "Traceback" not in err
    assert not any(p.name.startswith(".") for p in home.iterdir())


def test_after_sigkill_the_child_dies_and_the_next_command_cleans_up(tmp_path):
    proc = start(tmp_path, "-p", "seconds=60", "--name", "k")
    home = tmp_path / "outputs" / "probe"
    wait_for_temp(home)
    temp = next(p for p in home.iterdir() if p.name.startswith(".tmp-"))
    proc.kill()
    proc.wait(timeout=10)
    time.sleep(1.0)
    children = subprocess.run(
        ["pgrep", "-f", str(script(tmp_path))], capture_output=True, text=True
    ).stdout.split()
    assert [pid for pid in children if alive(int(pid))] == []
    assert temp.exists()  # what SIGKILL leaves ...
    listing = subprocess.run(
        [sys.executable, str(script(tmp_path)), "list", "--outputs", str(tmp_path / "outputs")],
        capture_output=True,
        text=True,
    )
    assert listing.returncode == 0 and "left by a run that was killed" in listing.stderr
    assert not any(p.name.startswith(".") for p in home.iterdir())  # ... the next command removes
