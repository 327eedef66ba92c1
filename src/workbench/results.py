"""Where a notebook's outputs go, and the key numbers it records.

Under ``workbench run`` the runner sets ``WORKBENCH_OUTPUT_DIR`` to the run's temporary folder;
in JupyterLab (no runner) outputs go to ``outputs/interactive/<analysis>/`` so exploring never
touches a real run. :func:`record` keeps ``results.json`` up to date after every call, and
:func:`note_input` lists the data files a notebook read, so the runner can hash them into
``provenance.json``.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np

from workbench.datasets import PROJECT_ROOT

RESULTS_FILE = "results.json"
INPUTS_FILE = ".inputs.json"


_interactive = {"analysis": "scratch"}


def begin(analysis: str) -> Path:
    """Start a notebook's outputs: under the runner, its folder; interactively, a fresh one."""
    _interactive["analysis"] = analysis
    folder = output_dir()
    if "WORKBENCH_OUTPUT_DIR" not in os.environ:
        for stale in (RESULTS_FILE, INPUTS_FILE):
            (folder / stale).unlink(missing_ok=True)
    return folder


def output_dir() -> Path:
    """The folder this notebook writes to (created if missing)."""
    env = os.environ.get("WORKBENCH_OUTPUT_DIR")
    if env:
        path = Path(env)
    else:
        path = PROJECT_ROOT / "outputs" / "interactive" / _interactive["analysis"]
    path.mkdir(parents=True, exist_ok=True)
    return path


def _plain(value: Any) -> Any:
    """Convert numpy and pandas scalars to JSON types; refuse NaN and infinity."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(
            f"refusing to record a non-finite number ({value}); record None and say why instead"
        )
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot record a {type(value).__name__}; record numbers, strings or lists")


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_results(folder: Path | None = None) -> dict[str, Any]:
    """The results recorded so far in ``folder`` (default: this notebook's output folder)."""
    path = (folder or output_dir()) / RESULTS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def record(name: str, value: Any) -> Any:
    """Record one key number in ``results.json`` and return it unchanged.

    Parameters
    ----------
    name : str
        The metric's name (a results.json key), e.g. ``"revenue_growth_cumulative"``.
    value : number, str, bool, None or list/dict of these
        Fractions, not percentages. NaN and infinity are refused: a number that cannot be
        computed is recorded as None with a note, never hidden.
    """
    results = read_results()
    results[name] = _plain(value)
    _write_json(output_dir() / RESULTS_FILE, results)
    return value


def note_input(path: str | Path) -> Path:
    """Remember that a run's notebook read ``path`` (for the sha256 ledger in provenance.json)."""
    path = Path(path).resolve()
    if "WORKBENCH_OUTPUT_DIR" not in os.environ:  # only a run keeps a provenance ledger
        return path
    ledger = output_dir() / INPUTS_FILE
    seen = json.loads(ledger.read_text(encoding="utf-8")) if ledger.exists() else []
    if str(path) not in seen:
        seen.append(str(path))
        _write_json(ledger, seen)
    return path
