"""Where a notebook's outputs go, and the key numbers it writes.

Under a run the runner sets ``WORKBENCH_OUTPUT_DIR`` to the run's temporary folder; in JupyterLab
(no runner) outputs go to ``outputs/interactive/<analysis>/``, so exploring never touches a real
run. :func:`write` writes ``results.json`` and its ``results.schema.json`` (units and labels,
:mod:`workbench.keys`); :func:`note_input` lists the data files a notebook read, so the runner can
hash them into ``provenance.json``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workbench import keys as keys_mod
from workbench.paths import outputs_root

RESULTS_FILE = "results.json"
INPUTS_FILE = ".inputs.json"

_interactive = {"analysis": "scratch"}


def begin(analysis: str) -> Path:
    """Start a notebook's outputs: under a run, its folder; interactively, a fresh one."""
    _interactive["analysis"] = analysis
    folder = output_dir()
    if "WORKBENCH_OUTPUT_DIR" not in os.environ:
        for stale in (RESULTS_FILE, INPUTS_FILE, keys_mod.SCHEMA_FILE):
            (folder / stale).unlink(missing_ok=True)
    return folder


def output_dir() -> Path:
    """The folder this notebook writes to (created if missing)."""
    env = os.environ.get("WORKBENCH_OUTPUT_DIR")
    path = Path(env) if env else outputs_root() / "interactive" / _interactive["analysis"]
    path.mkdir(parents=True, exist_ok=True)
    return path


def plain(value: Any) -> Any:
    """Convert numpy scalars to JSON types; refuse NaN and infinity (record None and say why)."""
    if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", 1) == 0:
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(
            f"refusing to record a non-finite number ({value}); record None and say why instead"
        )
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot record a {type(value).__name__}; record numbers, strings or lists")


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_results(folder: Path | None = None) -> dict[str, Any]:
    """The results written so far in ``folder`` (default: this notebook's output folder)."""
    path = (folder or output_dir()) / RESULTS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write(
    numbers: Mapping[str, Any],
    keys: Mapping[str, keys_mod.Key],
    folder: Path | None = None,
) -> dict[str, Any]:
    """Write ``results.json`` and ``results.schema.json`` for one analysis's key numbers.

    Parameters
    ----------
    numbers : mapping
        Exactly the declared keys; fractions, not percentages. NaN and infinity are refused: a
        number that cannot be computed is None, with the reason in the narration.
    keys : mapping of str to Key
        The analysis's declared keys (:func:`workbench.keys.declare`).
    folder : path, optional
        Default: this notebook's output folder.
    """
    keys_mod.check(numbers, keys)
    folder = folder or output_dir()
    data = {name: plain(numbers[name]) for name in keys}
    _write_json(folder / keys_mod.SCHEMA_FILE, keys_mod.schema(keys))
    _write_json(folder / RESULTS_FILE, data)
    return data


def record(name: str, value: Any) -> Any:
    """Add one number to ``results.json`` and return it unchanged (for ad-hoc notebooks)."""
    results = read_results()
    results[name] = plain(value)
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


def differences(golden: Any, got: Any, path: str = "") -> list[str]:
    """How ``got`` differs from ``golden`` (results.json values), as readable lines.

    Every key of ``golden`` must be in ``got`` with the same value (floats to 1e-9 relative);
    keys only in ``got`` are allowed. An empty list means equal.
    """
    if isinstance(golden, bool) or golden is None or isinstance(golden, str):
        return (
            []
            if got == golden and type(got) is type(golden)
            else [f"{path}: {got!r} != {golden!r}"]
        )
    if isinstance(golden, (int, float)):
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return [f"{path}: {got!r} is not a number like {golden!r}"]
        if math.isclose(got, golden, rel_tol=1e-9, abs_tol=1e-12):
            return []
        return [f"{path}: {got!r} != {golden!r}"]
    if isinstance(golden, list):
        if not isinstance(got, list) or len(got) != len(golden):
            return [f"{path}: {got!r} != {golden!r}"]
        return [
            d
            for i, (g, v) in enumerate(zip(golden, got, strict=True))
            for d in differences(g, v, f"{path}[{i}]")
        ]
    if isinstance(golden, dict):
        if not isinstance(got, dict):
            return [f"{path}: {got!r} is not a mapping"]
        out = [f"{path}.{k}: missing" for k in golden if k not in got]
        return out + [
            d for k in golden if k in got for d in differences(golden[k], got[k], f"{path}.{k}")
        ]
    raise TypeError(f"unexpected golden value at {path}: {golden!r}")
