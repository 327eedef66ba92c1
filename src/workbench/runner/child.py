"""What a run's child process does: execute the notebook into the temporary folder, finish it.

The child executes the planned notebook with papermill (fast or kernel engine), then writes
``params.yaml``, ``provenance.json`` and, for a completed run, ``report.html``. It returns a status
mapping; the parent (:mod:`workbench.runner.supervisor`) decides where the folder goes.
"""

from __future__ import annotations

import getpass
import json
import os
import resource
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml

from workbench.paths import relative
from workbench.results import RESULTS_FILE
from workbench.runner import engines, provenance, report
from workbench.runner.planning import Plan, params_hash


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def execute_notebook(plan: Plan, tmp: Path, engine: str) -> dict | None:
    """Run the notebook with papermill; None if it completed, else what went wrong."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    kernel_args = (
        {"extra_arguments": ["--IPKernelApp.log_level=ERROR"]} if engine == "kernel" else {}
    )
    try:
        papermill.execute_notebook(
            str(plan.notebook),
            str(tmp / "notebook.ipynb"),
            parameters=plan.values,
            engine_name=engines.PAPERMILL_NAMES[engine],
            kernel_name=engines.KERNEL,
            progress_bar=False,
            log_output=False,
            cwd=str(plan.notebook.parent),
            request_save_on_cell_execute=engine == "kernel",
            **kernel_args,
        )
    except PapermillExecutionError as exc:
        return {"cell": exc.cell_index + 1, "ename": exc.ename, "evalue": _one_line(exc.evalue)}
    except Exception as exc:  # the kernel died or could not start: no cell to blame
        if type(exc).__name__ == "NoSuchKernel":
            hint = (
                f"no Jupyter kernel named '{engines.KERNEL}': install it with 'make kernel' "
                "(or .venv/bin/python -m workbench.lab kernel)"
            )
            return {"cell": None, "ename": "RunError", "evalue": hint}
        return {"cell": None, "ename": type(exc).__name__, "evalue": _one_line(exc)}
    return None


def finish(
    plan: Plan,
    tmp: Path,
    error: dict | None,
    started: datetime,
    seconds: float,
    engine: str,
    cache_key: str,
    timings: dict | None = None,
) -> dict:
    """Write params.yaml, provenance.json and (if it completed) report.html; return provenance."""
    data_file = [Path(plan.values["data_path"])] if plan.values.get("data_path") else []
    prov = {
        "analysis": plan.analysis,
        "run": plan.name,
        "notebook": relative(plan.notebook),
        **provenance.commit(),
        "packages": provenance.versions(),
        "engine": engine,
        "figures": plan.figures,
        "kernel": engines.KERNEL if engine == "kernel" else "in-process",
        "inputs_sha256": provenance.input_hashes(tmp, [plan.notebook, *plan.files, *data_file]),
        "params_sha256": params_hash(plan.values),
        "cache_key": cache_key,
        "parameter_files": [str(p) for p in plan.files],
        "parameter_flags": plan.flags,
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "timings": timings or {},
        "host": socket.gethostname(),
        "user": getpass.getuser(),
        "exit_status": 0 if error is None else 1,
    }
    if error is not None:
        prov["error"] = error
    (tmp / "params.yaml").write_text(
        f"# Resolved parameters of {plan.analysis}/{plan.name}\n"
        + yaml.safe_dump(plan.values, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    if error is None:
        if not (tmp / RESULTS_FILE).exists():
            (tmp / RESULTS_FILE).write_text("{}\n")
        report.write(
            tmp / "notebook.ipynb", tmp / "report.html", prov, plan.values.get("language", "en")
        )
    (tmp / "provenance.json").write_text(json.dumps(prov, indent=2, ensure_ascii=False))
    return prov


def _one_thread_per_run() -> None:
    """Run OpenMP and BLAS on one thread (unless ``OMP_NUM_THREADS`` says otherwise).

    The workbench's parallelism is across runs: a sweep keeps every core busy with a run each,
    and a run's data are small. Two runs side by side whose OpenMP threads each wanted every
    core spun against each other (a turnover run took 53 s instead of 8 beside another); on
    one thread a run alone is no slower (7.6 s against 8.5 s here), and its numbers are the
    same (the golden results). A kernel (kernel engine) reads the variable when it starts; this
    process has loaded the libraries already (fast engine), so they are limited directly.
    """
    from threadpoolctl import threadpool_limits

    wanted = os.environ.setdefault("OMP_NUM_THREADS", "1")
    threadpool_limits(int(wanted) if wanted.isdigit() and int(wanted) > 0 else 1)


def run(plan: Plan, tmp: Path, engine: str, cache_key: str, solo: bool = False) -> dict:
    """Everything the child does; returns ``{"error": ..., "seconds": ..., "timings": ...}``."""
    os.environ["WORKBENCH_OUTPUT_DIR"] = str(tmp)
    os.environ["WORKBENCH_FIGURES"] = plan.figures
    _one_thread_per_run()
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    from workbench import figures

    if engine == "fast" and solo:
        os.environ[figures.EXPORT_FORK] = "1"  # this run has the machine: export on two cores
    try:
        error = execute_notebook(plan, tmp, engine)
    finally:
        figures.wait_exports()
    t1 = time.perf_counter()

    timings = {
        "execute": round(t1 - t0, 3),
        "figure_export": round(figures.export_seconds[0], 3),  # in this process (fast engine)
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    finish(plan, tmp, error, started, t1 - t0, engine, cache_key, timings)
    timings["finish"] = round(time.perf_counter() - t1, 3)
    return {"error": error, "seconds": round(t1 - t0, 3), "timings": timings}
