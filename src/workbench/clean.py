"""Removing runs on purpose: every run of an analysis, only failed ones, or only old ones.

What killed runs left behind (temporary folders of dead processes, stale locks) is always removed.
A run whose lock is held (in progress) is never removed.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from workbench import params
from workbench.paths import outputs_root
from workbench.runner.planning import FAILED
from workbench.runner.publish import LOCK_SUFFIX, locked, remove_stale


def _age_days(folder: Path) -> float:
    prov = folder / "provenance.json"
    try:
        from datetime import datetime

        finished = json.loads(prov.read_text())["finished"]
        stamp = datetime.fromisoformat(finished).timestamp()
    except (OSError, ValueError, KeyError):
        stamp = folder.stat().st_mtime
    return (time.time() - stamp) / 86400


def _runs(home: Path, failed_only: bool) -> list[Path]:
    places = [home / FAILED] if failed_only else [home, home / FAILED]
    found = []
    for place in places:
        if not place.is_dir():
            continue
        for entry in sorted(place.iterdir()):
            if entry.is_dir() and not entry.name.startswith(".") and entry.name != FAILED:
                found.append(entry)
    return found


def clean(
    outputs: Path | None = None,
    analysis: str | None = None,
    *,
    failed_only: bool = False,
    older_than_days: float | None = None,
    dry_run: bool = False,
) -> list[Path]:
    """Remove runs; return the folders removed (or that would be, with ``dry_run``)."""
    root = outputs_root(outputs)
    analyses = [analysis] if analysis else list(params.ANALYSES)
    removed: list[Path] = []
    for name in analyses:
        home = root / name
        if not dry_run:
            removed += remove_stale(home)
        for run in _runs(home, failed_only):
            if locked(run.parent / f".{run.name}{LOCK_SUFFIX}"):
                continue  # in progress
            if older_than_days is not None and _age_days(run) < older_than_days:
                continue
            if not dry_run:
                shutil.rmtree(run, ignore_errors=True)
            removed.append(run)
    if analysis is None and not failed_only and older_than_days is None:
        interactive = root / "interactive"
        if interactive.is_dir():
            if not dry_run:
                shutil.rmtree(interactive, ignore_errors=True)
            removed.append(interactive)
    return removed
