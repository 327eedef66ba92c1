"""Running a sweep's runs on an existing Dask distributed cluster.

Each run is one task. The task runs on a worker exactly as a local run does (a child forked from
the worker's process executes the notebook into a temporary folder there), then returns the run
folder's files to the client, which publishes them atomically into its own outputs. Workers need
no shared filesystem, only the project installed at the same commit: a task refuses to run where
the worker's package source, shipped data or lock file differ from the client's.

Dask worker processes are daemonic, and a daemonic process may not start ``multiprocessing``
children; the runner does not use ``multiprocessing`` but calls ``os.fork`` directly, which a
daemonic process may do, so each run still gets a fresh child. Start workers with
``--nthreads 1`` so a worker forks from one task thread at a time.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from workbench.errors import ParameterError, RunError
from workbench.runner import provenance, publish
from workbench.runner import supervisor as ex
from workbench.runner.planning import FAILED, Plan

_FORK = threading.Lock()  # one fork at a time in a worker process
CONNECT_TIMEOUT = "10s"  # to reach the scheduler


def remote_run(
    plan_data: dict, engine: str, timeout: float, cache_key: str, digest: str, data: bytes | None
) -> dict:
    """The task: execute one run on this worker and return its folder's files.

    Returns
    -------
    dict
        ``status``, ``message``, ``exit_code``, ``error``, ``seconds``, ``timings``, ``kept``
        (``run``, ``failed`` or None), ``files`` (path in the folder -> bytes) and ``worker``.
    """
    here = provenance.environment_digest()
    if here != digest:
        return {
            "status": "failed",
            "exit_code": 1,
            "error": {"cell": None, "ename": "RunError", "evalue": "different code"},
            "message": f"the worker {socket.gethostname()} has different workbench code, data or "
            "lock file than the client; install the same commit there",
            "seconds": 0.0,
            "timings": {},
            "kept": None,
            "files": {},
            "worker": socket.gethostname(),
        }
    plan = Plan.from_dict(plan_data)
    work = Path(tempfile.mkdtemp(prefix="workbench-worker-"))
    original = plan.values.get("data_path") or ""
    try:
        if data is not None:
            local = work / Path(original).name
            local.write_bytes(data)
            plan.values = {**plan.values, "data_path": str(local)}
        plan.home = work / "runs"
        with _FORK:
            if engine == "fast":  # once per worker process: its later tasks start warm
                from workbench.runner import engines

                engines.warm()
            result = ex.execute(plan, engine, timeout, cache_key)
        files = {}
        if result.path is not None:
            for path in sorted(result.path.rglob("*")):
                if path.is_file():
                    blob = path.read_bytes()
                    if data is not None and path.suffix in (".yaml", ".json"):
                        blob = blob.replace(
                            str(plan.values["data_path"]).encode(), original.encode()
                        )
                    files[str(path.relative_to(result.path))] = blob
        kept = None if result.path is None else ("failed" if FAILED in result.path.parts else "run")
        return {
            "status": result.status,
            "exit_code": result.exit_code,
            "error": result.error,
            "message": result.message,
            "seconds": result.seconds,
            "timings": result.timings,
            "kept": kept,
            "files": files,
            "worker": socket.gethostname(),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _publish(plan: Plan, out: dict) -> ex.RunResult:
    """Write a task's returned folder into the client's outputs, atomically."""
    status, message, path = out["status"], out["message"], None
    if out["kept"] is not None:
        place = plan.home if out["kept"] == "run" else plan.home / FAILED
        place.mkdir(parents=True, exist_ok=True)
        with publish.run_lock(place, plan.name, wait=True):
            tmp = publish.new_temp(place)
            try:
                for rel, blob in out["files"].items():
                    target = tmp / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(blob)
                path = place / plan.name
                publish.publish(tmp, path)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        if status != "ok":
            message = message.split(" (executed notebook:")[0].split(" (outputs kept:")[0]
            message += f" (executed notebook: {path / 'notebook.ipynb'})"
    return ex.RunResult(
        plan.analysis,
        plan.name,
        status,
        path,
        out["seconds"],
        message,
        out["exit_code"],
        out["error"],
        out["timings"],
    )


def run_cluster(
    address: str,
    jobs: list[tuple[Plan, str]],
    engine: str,
    timeout: float,
    on_done: Callable[[ex.RunResult], None],
    fail_fast: bool = False,
) -> list[ex.RunResult]:
    """Execute ``jobs`` as tasks on the Dask scheduler at ``address``."""
    if not address.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
        raise ParameterError(f"--scheduler {address}: expected an address like tcp://HOST:PORT")
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise RunError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    digest = provenance.environment_digest()
    results: list[ex.RunResult] = []
    try:
        futures = {}
        for plan, key in jobs:
            data_path = plan.values.get("data_path")
            data = Path(data_path).read_bytes() if data_path else None
            future = client.submit(
                remote_run,
                plan.to_dict(),
                engine,
                timeout,
                key,
                digest,
                data,
                pure=False,
                key=f"workbench-{plan.name}-{uuid.uuid4().hex[:8]}",
            )
            futures[future] = plan
        for future in as_completed(futures):
            plan = futures[future]
            try:
                out = future.result()
                result = _publish(plan, out)
            except Exception as exc:  # the task itself failed (a worker died, a lost task)
                error = {"cell": None, "ename": type(exc).__name__, "evalue": str(exc)}
                message = (
                    f"FAILED {plan.analysis}/{plan.name}: the task failed on the cluster: {exc}"
                )
                result = ex.RunResult(
                    plan.analysis, plan.name, "failed", None, 0.0, message, 1, error
                )
            results.append(result)
            on_done(result)
            if result.status != "ok" and fail_fast:
                client.cancel([f for f in futures if not f.done()])
                break
    finally:
        client.close()
    return results
