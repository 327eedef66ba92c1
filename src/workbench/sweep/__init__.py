"""Sweeps: many runs of one analysis over a grid of scenarios, cached, indexed and comparable.

``workbench sweep SPEC`` loads and validates every run of a spec (:mod:`.spec`), skips the runs
whose folder already holds a completed run with the same cache key, executes the rest on a local
pool of forked children (:mod:`.pool`) or on a Dask cluster (:mod:`.cluster`), and writes the
results index (:mod:`.index`). Run folders live in ``outputs/sweeps/<sweep>/<run>/`` (failed ones
in ``outputs/sweeps/<sweep>/_failed/<run>/``), each as complete as a ``workbench run`` folder.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from workbench.paths import outputs_root
from workbench.runner import planning, provenance
from workbench.runner import supervisor as ex
from workbench.sweep import index
from workbench.sweep.spec import Sweep, load

__all__ = ["Outcome", "Progress", "load", "run", "sweep_home"]


def sweep_home(name: str, outputs: Path | None = None) -> Path:
    """The folder of a sweep's runs and index: ``outputs/sweeps/<name>/``."""
    return outputs_root(outputs) / "sweeps" / name


@dataclass
class Outcome:
    """What a sweep did: every run's result, the index files and the failures."""

    sweep: Sweep
    home: Path
    results: dict[str, ex.RunResult] = field(default_factory=dict)
    index_files: tuple[Path, ...] = ()
    seconds: float = 0.0

    @property
    def failed(self) -> list[ex.RunResult]:
        return [r for r in self.results.values() if r.status != "ok"]

    @property
    def exit_code(self) -> int:
        return max((r.exit_code for r in self.failed), default=0)


class Progress:
    """A line per finished run, and a progress bar on a terminal (done, failed, cached, ETA)."""

    def __init__(self, total: int, workers: int, quiet: bool, stream: TextIO = sys.stderr):
        self.total, self.workers, self.quiet, self.stream = total, workers, quiet, stream
        self.done = self.failed = self.cached = 0
        self.durations: list[float] = []
        self.t0 = time.monotonic()
        self.tty = stream.isatty()

    def eta(self) -> str:
        left = self.total - self.done - self.failed - self.cached
        if not left:
            return "0 s"
        if not self.durations:
            return "?"
        mean = sum(self.durations) / len(self.durations)
        return f"{mean * left / max(1, min(self.workers, left)):.0f} s"

    def bar(self) -> str:
        finished = self.done + self.failed + self.cached
        width = 24
        full = int(width * finished / max(1, self.total))
        return (
            f"[{'#' * full}{'.' * (width - full)}] {finished}/{self.total}: {self.done} done, "
            f"{self.failed} failed, {self.cached} cached, ETA {self.eta()}"
        )

    def update(self, result: ex.RunResult) -> None:
        if result.cached:
            self.cached += 1
            line = f"cached {result.name}"
        elif result.status == "ok":
            self.done += 1
            self.durations.append(result.seconds)
            line = f"ok {result.name} in {result.seconds:.1f} s"
        else:
            self.failed += 1
            line = result.message
        if self.quiet:  # the summary lists the failures
            return
        if self.tty:
            print(f"\r\x1b[K{line}", file=self.stream)
            print(self.bar(), end="", file=self.stream, flush=True)
        else:
            print(f"{line}  {self.bar()}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.tty and not self.quiet:
            print(file=self.stream, flush=True)


def _cached(plan: planning.Plan, key: str) -> ex.RunResult | None:
    folder = plan.home / plan.name
    try:
        prov = json.loads((folder / "provenance.json").read_text())
    except (OSError, ValueError):
        return None
    if prov.get("cache_key") != key or prov.get("exit_status") != 0:
        return None
    result = ex.RunResult(plan.analysis, plan.name, "ok", folder, float(prov.get("seconds", 0)))
    result.cached = True
    return result


def run(
    spec: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    fail_fast: bool = False,
    quiet: bool = False,
    engine: str = "fast",
    figures: str = "all",
    timeout: float | None = None,
    outputs: Path | None = None,
    stream: TextIO = sys.stderr,
) -> Outcome:
    """Run a sweep (see the module doc) and write its index.

    Parameters
    ----------
    spec : path or str
        A spec file, or the name of one in ``parameters/sweeps/``.
    workers : int, optional
        Local children at once (default: the number of cores); ignored with ``scheduler``.
    scheduler : str, optional
        ``tcp://HOST:PORT`` of a Dask scheduler to run on instead.
    force : bool
        Re-run runs whose cached result is current.
    fail_fast : bool
        Stop at the first failure (the runs not yet started are not run).
    quiet : bool
        Print only failures and the summary.
    engine : {"fast", "kernel"}
    figures : {"all", "png", "none"}
        Figure formats written (``all``: PNG, SVG and PDF).
    timeout : float, optional
        Seconds per run; default the spec's ``timeout``, else the runner's default.

    Raises
    ------
    InputError
        The spec or one of its runs is invalid (nothing has run).
    """
    t0 = time.monotonic()
    sweep = load(spec)
    home = sweep_home(sweep.name, outputs)
    created = [p for p in (home, *home.parents) if not p.exists()]  # innermost first
    ex.prepare_home(home)
    notebook = planning.notebook_for(sweep.analysis)
    limit = timeout or sweep.timeout or ex.DEFAULT_TIMEOUT
    plans = [
        planning.Plan(
            sweep.analysis,
            r.name,
            notebook,
            r.values,
            list(sweep.base_files),
            [],
            home,
            figures=figures,
        )
        for r in sweep.runs
    ]
    keys = {p.name: provenance.cache_key(notebook, {**p.values, "figures": figures}) for p in plans}
    outcome = Outcome(sweep, home)
    progress = Progress(len(plans), workers or os.cpu_count() or 1, quiet, stream)

    def done(result: ex.RunResult) -> None:
        outcome.results[result.name] = result
        progress.update(result)

    jobs = []
    for plan in plans:
        hit = None if force else _cached(plan, keys[plan.name])
        if hit is not None:
            done(hit)
        else:
            jobs.append((plan, keys[plan.name]))
    try:
        with ex.interruptible():
            if scheduler:
                from workbench.sweep.cluster import run_cluster

                run_cluster(scheduler, jobs, engine, limit, done, fail_fast)
            elif jobs:
                from workbench import params
                from workbench.runner import engines
                from workbench.sweep.pool import run_local

                if engine == "fast":
                    engines.preload([params.model_for(sweep.analysis).PACKAGE])
                    engines.warm()
                run_local(jobs, workers or os.cpu_count() or 1, engine, limit, done, fail_fast)
    finally:
        progress.close()
        rows = [
            index.row(p.name, p.values, outcome.results[p.name], outcome.results[p.name].path)
            for p in plans
            if p.name in outcome.results
        ]
        if rows:
            outcome.index_files = index.write(home, rows)
        else:  # nothing ran (an unreachable scheduler, an interrupt): no empty folders left
            for folder in created:
                try:
                    folder.rmdir()
                except OSError:
                    break
        outcome.seconds = time.monotonic() - t0
    return outcome
