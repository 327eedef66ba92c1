"""The catalogue of faults: signals, dead processes, hanging cells, bad disks, runs at once.

Each fault is made happen to a real ``workbench`` command (a subprocess running the small probe
analysis of ``tests/probe.py``) and checked the same way: the exit status; one line on stderr
naming what happened (the cell, the limit, the path and its cause); no traceback; the earlier run
folder byte-for-byte unchanged; no temporary folder left; and the next run works.

The disk cases mount a small tmpfs (read-only, or 2 MB full), which needs root: CI runs as root;
elsewhere they skip and say why.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from probe import script

from conftest import tree_digest
from workbench.runner import publish

ROOT_ONLY = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("mount") is None,
    reason="mounting a small tmpfs for the disk cases needs root (CI runs as root)",
)


class Lab:
    """An outputs folder with a previous good probe run, and the command to run the probe."""

    def __init__(self, tmp: Path, outputs: Path | None = None):
        self.tmp = tmp
        self.outputs = outputs or tmp / "outputs"
        self.script = script(tmp)
        assert self.cli("run", "probe", "--name", "good").returncode == 0
        self.before = tree_digest(self.outputs / "probe" / "good")

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, str(self.script), *args, "--outputs", str(self.outputs)]

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(self.argv(*args), capture_output=True, text=True, timeout=timeout)

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            self.argv(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def wait_for_temp(self, home: Path | None = None, settle: float = 1.0) -> None:
        home = home or self.outputs / "probe"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if home.is_dir() and any(p.name.startswith(".tmp-") for p in home.iterdir()):
                time.sleep(settle)  # inside the sleeping cell
                return
            time.sleep(0.05)
        raise AssertionError("the run never started")

    def check_after(self, err: str = "", culprit: str = "") -> None:
        """The earlier run untouched, nothing temporary left, one clean line, and a next run."""
        if culprit:
            assert culprit in err, err
            assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        time.sleep(0.2)
        listing = self.cli("list")  # removes what a killed run left
        assert listing.returncode == 0, listing.stderr
        home = self.outputs / "probe"
        assert tree_digest(home / "good") == self.before
        assert not [p.name for p in home.rglob(".*")], list(home.rglob(".*"))
        assert self.cli("run", "probe", "--name", "next").returncode == 0


@pytest.fixture
def lab(tmp_path):
    return Lab(tmp_path)


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_during_a_cell(lab, sig, code):
    proc = lab.start("run", "probe", "-p", "seconds=60", "--name", "good")
    lab.wait_for_temp()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code
    lab.check_after(err, f"stopped by {signal.Signals(sig).name}")


def test_sigkill_during_a_cell_leaves_a_temporary_that_the_next_command_removes(lab):
    proc = lab.start("run", "probe", "-p", "seconds=60", "--name", "good")
    lab.wait_for_temp()
    proc.kill()
    proc.wait(timeout=10)
    time.sleep(1.5)  # the child follows its parent (PR_SET_PDEATHSIG)
    leftover = [p for p in (lab.outputs / "probe").iterdir() if p.name.startswith(".tmp-")]
    assert leftover, "SIGKILL cannot clean up: the next command must"
    listing = lab.cli("list")
    assert "left by a run that was killed" in listing.stderr
    lab.check_after()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_signal_during_a_sweep_keeps_finished_runs_and_a_rerun_finishes_the_rest(lab, sig):
    spec = lab.tmp / "slow.yaml"
    spec.write_text("analysis: probe\ngrid:\n  seconds: [0, 0.01, 30, 30.01]\nname: 's{seconds}'\n")
    proc = lab.start("sweep", str(spec), "--workers", "2")
    home = lab.outputs / "sweeps" / "slow"
    deadline = time.monotonic() + 60
    while not ((home / "s0").is_dir() and (home / "s0.01").is_dir()):
        assert time.monotonic() < deadline, "the quick runs never finished"
        time.sleep(0.1)
    time.sleep(1.5)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    if sig == signal.SIGTERM:
        assert proc.returncode == 143 and "stopped by SIGTERM" in err and "Traceback" not in err
        assert "the finished ones are kept and indexed" in err.splitlines()[-1]
        indexed = (home / "index.csv").read_text().splitlines()[1:]
        assert sorted(line.split(",")[0] for line in indexed) == ["s0", "s0.01"]
    time.sleep(1.0)
    runs = sorted(p.name for p in home.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert runs == ["s0", "s0.01"]  # no half-written run
    finished = tree_digest(home / "s0")
    spec.write_text("analysis: probe\ngrid:\n  seconds: [0, 0.01, 0.3, 0.31]\nname: 's{seconds}'\n")
    rerun = lab.cli("sweep", str(spec))
    assert rerun.returncode == 0 and "4 ok (2 cached)" in rerun.stdout, rerun.stderr
    assert tree_digest(home / "s0") == finished
    assert not [p for p in home.iterdir() if p.name.startswith(".")]
    lab.check_after()


def test_the_run_s_process_dies(lab):
    result = lab.cli("run", "probe", "-p", "die=true", "--name", "good")
    assert result.returncode == 1
    lab.check_after(result.stderr, "the run's process died (exit status 3) in cell 4")
    failed = lab.outputs / "probe" / "_failed" / "good"
    assert json.loads((failed / "provenance.json").read_text())["error"]["ename"] == "ProcessDied"


@pytest.mark.parametrize("engine", ["fast", "kernel"])
def test_a_cell_that_never_ends_meets_the_time_limit(lab, engine):
    t0 = time.monotonic()
    result = lab.cli(
        "run", "probe", "-p", "seconds=600", "--name", "good", "--engine", engine, "--timeout", "3"
    )
    assert time.monotonic() - t0 < 30
    assert result.returncode == 1
    lab.check_after(result.stderr, "stopped after the time limit of 3 s in cell 4")
    assert "nothing was kept" in result.stderr
    assert not (lab.outputs / "probe" / "_failed" / "good").exists()


def test_a_name_too_long_for_the_filesystem(lab):
    result = lab.cli("run", "probe", "--name", "社区治理" * 21)  # 84 characters, 252 bytes
    assert result.returncode == 2
    lab.check_after(result.stderr, "too long: 252 bytes in UTF-8")


def test_the_same_name_twice_at_once(lab):
    first = lab.start("run", "probe", "-p", "seconds=12", "--name", "good")
    lab.wait_for_temp(settle=0.2)
    second = lab.cli("run", "probe", "--name", "good")
    assert second.returncode == 1
    assert "another run of probe/good is in progress" in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1
    _, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    results = json.loads((lab.outputs / "probe" / "good" / "results.json").read_text())
    assert results["state"]["pid"] != 0  # the folder is the first run's, complete
    lab.before = tree_digest(lab.outputs / "probe" / "good")
    lab.check_after()


def mount_tmpfs(folder: Path, size: str, read_only: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    if read_only:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


@pytest.fixture
def disk(tmp_path):
    mounted = tmp_path / "disk"
    yield mounted
    subprocess.run(["umount", "-l", str(mounted)], capture_output=True)


@ROOT_ONLY
def test_read_only_outputs(tmp_path, disk):
    mount_tmpfs(disk, "4m")
    lab = Lab(tmp_path, disk)  # a good run on it, then the disk becomes read-only
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    result = lab.cli("run", "probe", "--name", "good")
    assert result.returncode == 2
    assert "the filesystem is read-only" in result.stderr and str(disk) in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert tree_digest(disk / "probe" / "good") == lab.before
    subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    lab.check_after()


@ROOT_ONLY
def test_full_outputs(tmp_path, disk):
    mount_tmpfs(disk, "3m")
    lab = Lab(tmp_path, disk)
    result = lab.cli("run", "probe", "-p", "fill_mb=8", "--name", "good")
    assert result.returncode == 1, result.stderr
    assert "No space left on device" in result.stderr or "the disk is full" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert tree_digest(disk / "probe" / "good") == lab.before
    shutil.rmtree(disk / "probe" / "_failed", ignore_errors=True)  # room for the next run
    lab.check_after()


def _publisher(home: str, tag: str, rounds: int, errors) -> None:
    home = Path(home)
    for i in range(rounds):
        try:
            with publish.run_lock(home, "same", wait=True):
                tmp = publish.new_temp(home)
                (tmp / "figures").rmdir()
                for name in ("a.txt", "b.txt"):
                    (tmp / name).write_text(f"{tag}-{i}")
                publish.publish(tmp, home / "same")
        except Exception as exc:  # noqa: BLE001 - the test counts every kind
            errors.put(f"{type(exc).__name__}: {exc}")


def _whole(folder: Path) -> bool | None:
    """Whether the folder at the path is one whole run (both files from one run), read through
    one handle as a reader would; None when it was replaced and removed while being read."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)  # FileNotFoundError: a gap
    try:
        texts = []
        for name in ("a.txt", "b.txt"):
            try:
                with open(os.open(name, os.O_RDONLY, dir_fd=fd)) as handle:
                    texts.append(handle.read())
            except FileNotFoundError:
                return None
        return texts[0] == texts[1]
    finally:
        os.close(fd)


def test_two_processes_publishing_the_same_name_hundreds_of_times(tmp_path):
    home = tmp_path / "probe"
    home.mkdir()
    ctx = mp.get_context("fork")
    errors = ctx.Queue()
    procs = [ctx.Process(target=_publisher, args=(str(home), t, 300, errors)) for t in "ab"]
    for proc in procs:
        proc.start()
    broken, reads = 0, 0
    while any(proc.is_alive() for proc in procs):
        target = home / "same"
        if not target.exists():
            continue  # before the first publish
        try:
            whole = _whole(target)
        except FileNotFoundError:
            whole = False  # the path had no folder: a gap
        reads += 1
        broken += whole is False
    for proc in procs:
        proc.join()
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == [] and broken == 0 and reads > 100
    assert sorted(p.name for p in home.iterdir()) == ["same"]  # no temporaries, no lock left
