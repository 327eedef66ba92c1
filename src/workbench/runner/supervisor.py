"""Executing a planned run: a supervised child process, a time limit, and an atomic publish.

The runner forks a child for every run. The child executes exactly one notebook (in-process, or
through a real kernel) into a temporary folder and exits; the parent watches it, stops it when the
run exceeds its time limit or the user interrupts, and publishes the folder only when the run
completed. A failed run's folder goes to ``outputs/<analysis>/_failed/<run>/``; an interrupted or
timed-out run leaves nothing behind. Forking from a parent that has already imported the analysis
stack is what makes the fast engine fast, and a fresh child per run is what keeps runs isolated.

:func:`execute` runs one; :func:`start` and :func:`finish` around :meth:`Running.child` let a
pool supervise several at once (:mod:`workbench.sweep`).
"""

from __future__ import annotations

import json
import os
import pickle
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
CHILD_LOG = ".child.log"
ENGINES = ("fast", "kernel")


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


def _child_main(plan: Plan, tmp: Path, engine: str, cache_key: str, pipe: int, solo: bool) -> None:
    from workbench.runner import child, engines

    os.setpgid(0, 0)  # its own process group: a terminal's Ctrl-C reaches only the parent
    _die_with_parent()
    # what the machinery prints (a kernel shutting down, a library's warning) goes to a log, not
    # the user's terminal; a failed run keeps it as child.log
    log = os.open(tmp / CHILD_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 2)
    os.close(log)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # with a kernel, let papermill shut it down on the way out; in-process, just end
    signal.signal(signal.SIGTERM, _exit_on_term if engine == "kernel" else signal.SIG_DFL)

    def say(line: str) -> None:
        os.write(pipe, (line + "\n").encode("utf-8"))

    engines.on_cell.append(lambda index: say(f"cell {index + 1}"))
    try:
        status = child.run(plan, tmp, engine, cache_key, solo)
    except OSError as exc:
        error = {"cell": None, "ename": "OSError", "evalue": publish.describe_os_error(exc, tmp)}
        status = {"error": error}
    except BaseException as exc:  # report, never a traceback on the user's terminal
        where = traceback.extract_tb(exc.__traceback__)[-1:]
        at = f" ({where[0].filename}:{where[0].lineno})" if where else ""
        status = {"error": {"cell": None, "ename": type(exc).__name__, "evalue": f"{exc}{at}"}}
    say("done " + json.dumps(status, ensure_ascii=False))


class Child:
    """A forked child executing one run; the parent reads its progress through a pipe."""

    def __init__(
        self, plan: Plan, tmp: Path, engine: str, timeout: float, cache_key: str, solo: bool
    ):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            try:
                os.close(read)
                _child_main(plan, tmp, engine, cache_key, write, solo)
            finally:
                os._exit(0)
        os.close(write)
        self.pid, self.fd, self.timeout = pid, read, timeout
        self.deadline = time.monotonic() + timeout
        self.cell: int | None = None
        self.status: dict | None = None
        self._buffer = b""
        self._open = True

    def fileno(self) -> int:
        return self.fd

    def read(self) -> bool:
        """Read what the child said; True once it has closed its end (finished or died)."""
        chunk = os.read(self.fd, 65536)
        if not chunk:
            return True
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            text = line.decode("utf-8")
            if text.startswith("cell "):
                self.cell = int(text.split()[1])
            elif text.startswith("done "):
                self.status = json.loads(text[5:])
        return False

    def stop(self) -> None:
        """Stop the child's process group: SIGTERM, then SIGKILL after the grace period."""
        for sig, wait in ((signal.SIGTERM, GRACE), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(self.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    self._close()
                    return
                time.sleep(0.05)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        self._close()

    def _close(self) -> None:
        if self._open:
            os.close(self.fd)
            self._open = False

    def timed_out(self) -> dict:
        """Stop the child for exceeding its time limit; the status that says so."""
        self.stop()
        where = f" in cell {self.cell}" if self.cell else ""
        error = {
            "cell": self.cell,
            "ename": "TimeoutError",
            "evalue": f"stopped after the time limit of {self.timeout:g} s{where}",
        }
        return {"error": error, "timed_out": True}

    def result(self) -> dict:
        """Reap the finished child; its status, or one saying how it died."""
        self._close()
        _, code = os.waitpid(self.pid, 0)
        if self.status is not None:
            return self.status
        if os.WIFSIGNALED(code):
            how = f"signal {signal.Signals(os.WTERMSIG(code)).name}"
        else:
            how = f"exit status {os.waitstatus_to_exitcode(code)}"
        where = f" in cell {self.cell}" if self.cell else ""
        error = {
            "cell": self.cell,
            "ename": "ProcessDied",
            "evalue": f"the run's process died ({how}){where}",
        }
        return {"error": error, "died": True}


def wait_any(children: list[Child], poll: float = 1.0) -> tuple[Child, dict]:
    """Wait until one of ``children`` finishes, dies or exceeds its time limit."""
    while True:
        now = time.monotonic()
        for child in children:
            if child.deadline <= now:
                return child, child.timed_out()
        left = min(c.deadline for c in children) - now
        ready, _, _ = select.select(children, [], [], max(0.0, min(left, poll)))
        for child in ready:
            if child.read():
                return child, child.result()


def supervise(children: list[Child], poll: float = 1.0) -> Iterator[tuple[Child, dict]]:
    """Yield ``(child, status)`` as each child finishes; stop the rest on an exception."""
    waiting = list(children)
    try:
        while waiting:
            child, status = wait_any(waiting, poll)
            waiting.remove(child)
            yield child, status
    except Exception:
        for child in waiting:
            child.stop()
        raise


def prepare_home(home: Path) -> None:
    """Create the runs' folder and remove what killed runs left there.

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


@dataclass
class Running:
    """A run that has started: its lock, temporary folder and child."""

    plan: Plan
    engine: str
    cache_key: str
    lock: publish.RunLock
    tmp: Path
    child: Child
    started: datetime
    t0: float


def start(
    plan: Plan, engine: str, timeout: float, cache_key: str = "", solo: bool = False
) -> Running:
    """Take the run's lock, make its temporary folder and fork its child.

    ``solo`` says the run has the machine to itself (a single ``workbench run``): its figures
    are then exported on two cores.

    Raises
    ------
    RunError
        Another run of the same name is in progress.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    lock = publish.run_lock(plan.home, plan.name).acquire()
    try:
        tmp = publish.new_temp(plan.home)
        child = Child(plan, tmp, engine, timeout, cache_key, solo)
    except BaseException:
        lock.release()
        raise
    return Running(
        plan, engine, cache_key, lock, tmp, child, datetime.now(UTC), time.perf_counter()
    )


def finish(running: Running, status: dict) -> RunResult:
    """Publish a completed run, keep a failed one in ``_failed/``, drop a timed-out one."""
    plan, tmp = running.plan, running.tmp
    try:
        seconds = time.perf_counter() - running.t0
        if status.get("died"):  # the child could not write its own record: do it here
            from workbench.runner import child

            error = status["error"]
            child.finish(
                plan, tmp, error, running.started, seconds, running.engine, running.cache_key
            )
        return _settle(plan, tmp, status, seconds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        running.lock.release()


def abandon(running: Running) -> None:
    """Stop a started run and leave nothing of it (an interrupt)."""
    try:
        running.child.stop()
    finally:
        shutil.rmtree(running.tmp, ignore_errors=True)
        running.lock.release()


class _InputCheck:
    """:func:`~workbench.runner.planning.check_plan_inputs` in a forked process of its own.

    A single fast run checks its data files there while this process imports the analysis
    stack, on the other core; :meth:`result` raises what the check raised (the same one-line
    :class:`~workbench.errors.InputError`). Nothing is started before it has passed.
    """

    def __init__(self, plan: Plan):
        self.fd, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the checking process: report through the pipe, then end
            code = 1
            try:
                os.close(self.fd)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                _die_with_parent()
                os.write(write, _check_report(plan))
                code = 0
            finally:
                os._exit(code)
        os.close(write)

    def result(self) -> None:
        chunks = []
        while chunk := os.read(self.fd, 65536):
            chunks.append(chunk)
        self.stop()
        if not chunks:
            raise RunError("checking the run's inputs failed: its process died")
        raised = pickle.loads(b"".join(chunks))
        if raised is not None:
            raise raised

    def stop(self) -> None:
        if self.fd is None:
            return
        os.close(self.fd)
        self.fd = None
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)


def _check_report(plan: Plan) -> bytes:
    from workbench.runner.planning import check_plan_inputs

    try:
        check_plan_inputs(plan)
        raised = None
    except Exception as exc:  # sent back as it is: the parent raises it
        raised = exc
    try:
        return pickle.dumps(raised)
    except Exception:
        return pickle.dumps(RunError(f"checking the run's inputs: {raised}"))


def execute(
    plan: Plan,
    engine: str = "fast",
    timeout: float = DEFAULT_TIMEOUT,
    cache_key: str = "",
    checked: bool = True,
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
    checked : bool
        Whether the plan's data files were checked (``plan(..., check=False)`` says not: they
        are then checked here first, in a process of their own, while a fast run's stack is
        imported).

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
        Another run of the same name is in progress, or the folder could not be published.
    Interrupted
        SIGTERM or SIGINT: the child was stopped and its temporary folder removed.
    """
    with interruptible():  # from the start: a signal while preloading is an interruption too
        check = None if checked else _InputCheck(plan)
        try:
            if engine == "fast":
                from workbench import params
                from workbench.runner import engines

                engines.preload([params.model_for(plan.analysis).PACKAGE])
            if check is not None:
                check.result()
        finally:
            if check is not None:
                check.stop()
        prepare_home(plan.home)
        running = start(plan, engine, timeout, cache_key, solo=True)
        try:
            ((_, status),) = supervise([running.child])
        except BaseException:
            abandon(running)
            raise
        return finish(running, status)


def _message(plan: Plan, error: dict, where: str) -> str:
    at = f" at cell {error['cell']}" if error.get("cell") else ""
    return f"FAILED {plan.analysis}/{plan.name}{at}: {error['ename']}: {error['evalue']}{where}"


def _settle(plan: Plan, tmp: Path, status: dict, seconds: float) -> RunResult:
    home, error = plan.home, status.get("error")
    log = tmp / CHILD_LOG
    if log.exists():
        if error is not None and log.stat().st_size:
            log.rename(tmp / "child.log")
        else:
            log.unlink()
    timings = status.get("timings", {})
    if error is None:
        final = home / plan.name
        try:
            publish.publish(tmp, final)
        except OSError as exc:
            message = f"{plan.analysis}/{plan.name}: {publish.describe_os_error(exc, final)}"
            raise RunError(message) from None
        return RunResult(plan.analysis, plan.name, "ok", final, seconds, timings=timings)
    bad_input = exit_status_for_name(error["ename"]) == 2
    code = 2 if bad_input else 1
    if status.get("timed_out"):
        message = _message(plan, error, " (nothing was kept)")
        return RunResult(
            plan.analysis, plan.name, "failed", None, seconds, message, 1, error, timings
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
        code,
        error,
        timings,
    )
