"""Run one analysis notebook into a run folder, with provenance.

A run validates its parameters and data first (:func:`plan`: no kernel starts on bad input),
executes the notebook in a child process into a temporary folder (:func:`execute`), writes
``report.html``, ``params.yaml`` and ``provenance.json`` beside the notebook's own
``results.json`` and ``figures/``, and only then publishes the folder as
``outputs/<analysis>/<run>/``. A failed run never touches the previous good folder: its executed
notebook is kept in ``outputs/<analysis>/_failed/<run>/``.
"""

from __future__ import annotations

import json
from pathlib import Path

from workbench.errors import Interrupted
from workbench.paths import outputs_root
from workbench.runner import planning
from workbench.runner.planning import (
    FAILED,
    Plan,
    available,
    check_name,
    default_name,
    notebook_for,
    parameter_sets,
    params_hash,
    plan,
)
from workbench.runner.publish import remove_stale
from workbench.runner.supervisor import DEFAULT_TIMEOUT, RunResult, execute

__all__ = [
    "DEFAULT_TIMEOUT",
    "FAILED",
    "Interrupted",
    "Plan",
    "RunResult",
    "available",
    "check_name",
    "default_name",
    "execute",
    "last_runs",
    "notebook_for",
    "parameter_sets",
    "params_hash",
    "plan",
    "planning",
    "remove_stale",
    "run",
]


def run(
    analysis: str,
    files: list[str | Path] = (),
    flags: list[str] = (),
    name: str | None = None,
    outputs: Path | None = None,
    *,
    engine: str = "fast",
    timeout: float = DEFAULT_TIMEOUT,
) -> RunResult:
    """Validate (:func:`plan`) and execute (:func:`execute`) one run."""
    return execute(plan(analysis, files, flags, name, outputs), engine=engine, timeout=timeout)


def last_runs(analysis: str, outputs: Path | None = None) -> list[dict]:
    """Published runs of an analysis, newest first, from their provenance files."""
    runs = []
    for prov in (outputs_root(outputs) / analysis).glob("*/provenance.json"):
        if prov.parent.name.startswith((".", FAILED)):
            continue
        data = json.loads(prov.read_text())
        runs.append(
            {
                "run": prov.parent.name,
                "finished": data.get("finished", ""),
                "seconds": data.get("seconds"),
                "path": prov.parent,
            }
        )
    return sorted(runs, key=lambda r: r["finished"], reverse=True)
