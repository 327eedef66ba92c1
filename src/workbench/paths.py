"""Where the project's files live: the project root, its data, notebooks, parameters and outputs.

``WORKBENCH_HOME`` moves the project root (tests use it); ``WORKBENCH_OUTPUTS`` moves the outputs
root, and an explicit ``--outputs`` argument wins over both.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("WORKBENCH_HOME") or Path(__file__).resolve().parents[2])
DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
PARAMETERS = PROJECT_ROOT / "parameters"
CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "workbench"


def outputs_root(override: str | Path | None = None) -> Path:
    """The outputs root: ``override``, else ``$WORKBENCH_OUTPUTS``, else ``<project>/outputs``.

    Always absolute (a relative one is taken from the current directory), because a notebook
    runs in ``notebooks/`` and writes its results there through the path it is given.
    """
    root = override or os.environ.get("WORKBENCH_OUTPUTS") or PROJECT_ROOT / "outputs"
    return Path(root).absolute()


def relative(path: str | Path) -> str:
    """``path`` relative to the project root when it lies inside it, else absolute."""
    path = Path(path).resolve()
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def sha256(file: str | Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
