"""A sweep's results index: one row per run, its parameters and every scalar result.

``outputs/sweeps/<sweep>/index.parquet`` and ``index.csv``: columns ``run``, ``status``,
``cached``, ``seconds``, ``folder`` and ``error``, then each parameter as ``param.<name>``
(mappings flattened as ``param.<name>.<key>``, lists as JSON text), then one column per scalar
``results.json`` key (lists and mappings are left to the run folder). Both files are written
atomically.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

INDEX = "index"
FIXED = ("run", "status", "cached", "seconds", "folder", "error")


def _flatten(prefix: str, value: Any, out: dict) -> None:
    if isinstance(value, dict) and value:
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}", inner, out)
    elif isinstance(value, (list, dict)):
        out[prefix] = json.dumps(value, ensure_ascii=False)
    else:
        out[prefix] = value


def row(name: str, values: dict, result: Any, folder: Path | None) -> dict:
    """The index row of one run."""
    out = {
        "run": name,
        "status": result.status,
        "cached": bool(result.cached),
        "seconds": round(float(result.seconds), 3),
        "folder": str(folder) if folder else "",
        "error": "" if result.status == "ok" else result.message,
    }
    for key, value in values.items():
        _flatten(f"param.{key}", value, out)
    results_file = folder / "results.json" if folder else None
    if result.status == "ok" and results_file is not None and results_file.is_file():
        for key, value in json.loads(results_file.read_text(encoding="utf-8")).items():
            if value is None or isinstance(value, (bool, int, float, str)):
                out[key] = value
    return out


def write(home: Path, rows: list[dict]) -> tuple[Path, Path]:
    """Write ``index.parquet`` and ``index.csv`` in ``home``; return their paths."""
    import pandas as pd

    frame = pd.DataFrame(rows)
    for column in frame.columns:  # a column mixing numbers and text is text in both files
        kinds = {type(v) for v in frame[column].dropna()}
        if len(kinds - {int, float}) and len(kinds) > 1:
            frame[column] = frame[column].map(lambda v: v if v is None else str(v))
    parquet, csv = home / f"{INDEX}.parquet", home / f"{INDEX}.csv"
    for target, write_one in ((parquet, frame.to_parquet), (csv, frame.to_csv)):
        tmp = target.with_suffix(f"{target.suffix}.{os.getpid()}.tmp")
        if target.suffix == ".csv":
            write_one(tmp, index=False, encoding="utf-8")
        else:
            write_one(tmp, index=False)
        tmp.replace(target)
    return parquet, csv


def read(home: Path):
    """The index of a sweep folder as a DataFrame."""
    import pandas as pd

    return pd.read_parquet(home / f"{INDEX}.parquet")
