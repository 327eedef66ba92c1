"""Where a run's numbers come from: commit, packages, input hashes, and the run's cache key.

The cache key says whether a completed run can stand for a new one: it hashes the notebook's cells
(without outputs), the resolved parameters, the workbench package's source, every shipped data file
and the user's data file, and the lock file. A sweep skips a run whose folder has the same key.
"""

from __future__ import annotations

import functools
import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from workbench.paths import DATA_DIR, PROJECT_ROOT, relative, sha256
from workbench.results import INPUTS_FILE

PACKAGES = (
    "workbench",
    "papermill",
    "nbconvert",
    "ipykernel",
    "pandas",
    "numpy",
    "scipy",
    "statsmodels",
    "scikit-learn",
    "matplotlib",
    "seaborn",
    "pydantic",
    "pyarrow",
)
_SRC = Path(__file__).resolve().parents[1]


def git(*args: str) -> str | None:
    """Output of a git command in the project, or None outside a checkout."""
    try:
        out = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


@functools.cache
def commit() -> dict:
    """The git commit and whether tracked files differ from it."""
    return {
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    }


@functools.cache
def versions() -> dict[str, str]:
    """Versions of the packages a run's numbers depend on, and of Python."""
    found = {}
    for pkg in PACKAGES:
        try:
            found[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            continue
    found["python"] = platform.python_version()
    return found


def input_hashes(folder: Path, extra: list[Path]) -> dict[str, str]:
    """sha256 of ``extra`` and of every file the notebook noted as read (the ledger is removed)."""
    ledger = folder / INPUTS_FILE
    paths = [Path(p) for p in json.loads(ledger.read_text())] if ledger.exists() else []
    ledger.unlink(missing_ok=True)
    hashes = {}
    for p in [*extra, *paths]:
        p = p.resolve()
        if p.is_file():
            hashes[relative(p)] = sha256(p)
    return hashes


def _tree_digest(root: Path, pattern: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(sha256(path).encode())
    return digest.hexdigest()


@functools.cache
def environment_digest() -> str:
    """Digest of what every run shares: package source, shipped data and the lock file."""
    lock = PROJECT_ROOT / "requirements.lock"
    parts = [
        _tree_digest(_SRC, "*.py"),
        _tree_digest(DATA_DIR, "*"),
        sha256(lock) if lock.is_file() else "",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def notebook_digest(notebook: Path) -> str:
    """Digest of a notebook's cells (type, source and tags), ignoring outputs and metadata."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    blob = json.dumps(
        [
            (c["cell_type"], "".join(c["source"]), c.get("metadata", {}).get("tags", []))
            for c in cells
        ]
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def cache_key(notebook: Path, values: dict) -> str:
    """The key under which a completed run with these inputs can be reused."""
    blob = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    data = values.get("data_path")
    parts = [
        notebook_digest(notebook),
        hashlib.sha256(blob.encode()).hexdigest(),
        environment_digest(),
        sha256(data) if data and Path(data).is_file() else "",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
