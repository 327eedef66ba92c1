"""Executing a planned run: a supervised child process, a time limit, and an atomic publish.

The runner forks a child for every run. The child executes exactly one notebook (in-process, or
through a real kernel) into a temporary folder and exits; the parent watches it, stops it when the
run exceeds its time limit or the user interrupts, and publishes the folder only when the run
completed. A failed run's folder goes to ``outputs/<analysis>/_failed/<run>/``; an interrupted or
timed-out run leaves nothing behind. Forking from a parent that has already imported the analysis
stack is what makes the fast engine fast, and a fresh child per run is what keeps runs isolated.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from workbench.errors import Interrupted, ParameterError, RunError, exit_status_for_name
from workbench.runner import publish
from workbench.runner.planning import FAILED, Plan

DEFAULT_TIMEOUT = 900.0  # seconds of wall time per run; every shipped run takes well under 60
GRACE = 5.0  # seconds a stopped child has to exit before it is killed


@dataclass
class RunResult:
    """What happened to one run: ``status`` is ``ok`` or ``failed``; ``path`` the folder."""

    analysis: str
    name: str
    status: str
    path: Path | None
    seconds: float
    message: str = ""
    exit_code: int = 0
    error: dict | None = None
    timings: dict = field(default_factory=dict)
    cached: bool = False


@contextmanager
def interruptible() -> Iterator[None]:
    """Turn SIGTERM and SIGINT into :class:`Interrupted` for the duration (main thread only)."""

    def handler(signum, frame):
        raise Interrupted(signum, signal.Signals(signum).name)

    try:
        previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    except ValueError:  # not the main thread (a Dask worker's task): leave signals alone
        yield
        return
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def _die_with_parent() -> None:
    """Linux: the child is killed when the parent dies (even by SIGKILL), so none outlives it."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def _exit_on_term(signum, frame):
    raise SystemExit(128 + signum)


def _child_main(plan: Plan, tmp: Path, engine: str, cache_key: str, pipe: int) -> int:
    from workbench.runner import child, engines

    os.setpgid(0, 0)  # its own process group: a terminal's Ctrl-C reaches only the parent
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if engine == "kernel":  # let papermill shut the kernel down on the way out
        signal.signal(signal.SIGTERM, _exit_on_term)
    else:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def say(line: str) -> None:
        os.write(pipe, (line + "\n").encode("utf-8"))

    engines.on_cell.append(lambda index: say(f"cell {index + 1}"))
    try:
        status = child.run(plan, tmp, engine, cache_key)
    except OSError as exc:
        status = {
            "error": {
                "cell": None,
                "ename": "OSError",
                "evalue": publish.describe_os_error(exc, tmp),
            }
        }
    except BaseException as exc:  # report, never a traceback on the user's terminal
        where = traceback.extract_tb(exc.__traceback__)[-1:]
        at = f" ({where[0].filename}:{where[0].lineno})" if where else ""
        status = {"error": {"cell": None, "ename": type(exc).__name__, "evalue": f"{exc}{at}"}}
    say("done " + json.dumps(status, ensure_ascii=False))
    return 0


def _stop(pid: int) -> None:
    """Stop the child's process group: SIGTERM, then SIGKILL after the grace period."""
    for sig, wait in ((signal.SIGTERM, GRACE), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                return
            time.sleep(0.05)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def run_child(plan: Plan, tmp: Path, engine: str, timeout: float, cache_key: str) -> dict:
    """Fork a child to execute the run into ``tmp``; return its status (see :mod:`child`)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            os.close(read)
            code = _child_main(plan, tmp, engine, cache_key, write)
        finally:
            os._exit(code)
    os.close(write)
    cell, status, buffer = None, None, b""
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                _stop(pid)
                where = f" in cell {cell}" if cell else ""
                return {
                    "error": {
                        "cell": cell,
                        "ename": "TimeoutError",
                        "evalue": f"stopped after the time limit of {timeout:g} s{where}",
                    },
                    "timed_out": True,
                }
            ready, _, _ = select.select([read], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(read, 65536)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                text = line.decode("utf-8")
                if text.startswith("cell "):
                    cell = int(text.split()[1])
                elif text.startswith("done "):
                    status = json.loads(text[5:])
    except BaseException:
        _stop(pid)
        raise
    finally:
        os.close(read)
    _, code = os.waitpid(pid, 0)
    if status is None:
        how = (
            f"signal {signal.Signals(-os.waitstatus_to_exitcode(code)).name}"
            if os.WIFSIGNALED(code)
            else f"exit status {os.waitstatus_to_exitcode(code)}"
        )
        where = f" in cell {cell}" if cell else ""
        status = {
            "error": {
                "cell": cell,
                "ename": "ProcessDied",
                "evalue": f"the run's process died ({how}){where}",
            },
            "died": True,
        }
    return status


def prepare_home(home: Path) -> None:
    """Create ``outputs/<analysis>/`` and remove what killed runs left there.

    Raises
    ------
    ParameterError
        The outputs folder cannot be created or written (a read-only or full filesystem, no
        permission): the ``--outputs`` argument or ``$WORKBENCH_OUTPUTS`` is the culprit.
    """
    try:
        home.mkdir(parents=True, exist_ok=True)
        probe = publish.new_temp(home)
        shutil.rmtree(probe)
    except OSError as exc:
        raise ParameterError(
            f"outputs folder {home.parent}: {publish.describe_os_error(exc, home)}"
        ) from None
    publish.remove_stale(home)


def _message(plan: Plan, error: dict, where: str) -> str:
    at = f" at cell {error['cell']}" if error.get("cell") else ""
    return f"FAILED {plan.analysis}/{plan.name}{at}: {error['ename']}: {error['evalue']}{where}"


def execute(
    plan: Plan,
    engine: str = "fast",
    timeout: float = DEFAULT_TIMEOUT,
    cache_key: str = "",
) -> RunResult:
    """Execute a planned run and publish its folder.

    Parameters
    ----------
    plan : Plan
        From :func:`workbench.runner.plan`.
    engine : {"fast", "kernel"}
        In-process in a forked child (default), or a real Jupyter kernel.
    timeout : float
        Wall-time limit of the run in seconds.
    cache_key : str
        Recorded in ``provenance.json`` (see :func:`workbench.runner.provenance.cache_key`).

    Returns
    -------
    RunResult
        ``status="ok"`` with the published folder, or ``status="failed"`` with a one-line message
        (exit code 1, or 2 when the notebook stopped on bad input).

    Raises
    ------
    ParameterError
        The outputs folder cannot be written.
    RunError
        Another run of the same name is in progress.
    Interrupted
        SIGTERM or SIGINT: the child was stopped and its temporary folder removed.
    """
    if engine not in ("fast", "kernel"):
        raise ValueError(f"engine must be 'fast' or 'kernel', got {engine!r}")
    home = plan.home
    prepare_home(home)
    if engine == "fast":
        from workbench import params
        from workbench.runner import engines

        engines.preload([params.model_for(plan.analysis).PACKAGE])
    t0, started = time.perf_counter(), datetime.now(UTC)
    with interruptible(), publish.run_lock(home, plan.name):
        tmp = publish.new_temp(home)
        try:
            status = run_child(plan, tmp, engine, timeout, cache_key)
            seconds = time.perf_counter() - t0
            if status.get("died"):  # the child could not write its own record: do it here
                from workbench.runner import child

                child.finish(plan, tmp, status["error"], started, seconds, engine, cache_key)
            return _settle(plan, tmp, status, seconds)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _settle(plan: Plan, tmp: Path, status: dict, seconds: float) -> RunResult:
    """Publish a completed run, keep a failed one in ``_failed/``, drop a timed-out one."""
    home, error = plan.home, status.get("error")
    timings = status.get("timings", {})
    if error is None:
        final = home / plan.name
        try:
            publish.publish(tmp, final)
        except OSError as exc:
            raise RunError(
                f"{plan.analysis}/{plan.name}: {publish.describe_os_error(exc, final)}"
            ) from None
        return RunResult(plan.analysis, plan.name, "ok", final, seconds, timings=timings)
    code = exit_status_for_name(error["ename"]) or 1
    if status.get("timed_out"):
        return RunResult(
            plan.analysis,
            plan.name,
            "failed",
            None,
            seconds,
            _message(plan, error, " (nothing was kept)"),
            1,
            error,
            timings,
        )
    failed = home / FAILED / plan.name
    try:
        failed.parent.mkdir(exist_ok=True)
        with publish.run_lock(failed.parent, plan.name, wait=True):
            publish.publish(tmp, failed)
        kept = failed / "notebook.ipynb"
        where = f" (executed notebook: {kept})" if kept.exists() else f" (outputs kept: {failed})"
        path = failed
    except OSError as exc:
        where = f" (not kept: {publish.describe_os_error(exc, failed)})"
        path = None
    return RunResult(
        plan.analysis,
        plan.name,
        "failed",
        path,
        seconds,
        _message(plan, error, where),
        2 if code == 2 else 1,
        error,
        timings,
    )
