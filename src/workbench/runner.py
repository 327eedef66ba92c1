"""Run one analysis notebook through papermill into a run folder, with provenance.

A run validates its parameters first (no kernel starts on bad input), executes the notebook in a
temporary sibling folder, writes ``report.html``, ``params.yaml`` and ``provenance.json`` beside
the notebook's own ``results.json`` and ``figures/``, and only then renames the folder into
``outputs/<analysis>/<run>/``. A failed run never touches the previous good folder: its executed
notebook is kept in ``outputs/<analysis>/_failed/<run>/``.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import yaml

from workbench import params as params_mod
from workbench.errors import ParameterError, exit_status_for_name
from workbench.paths import NOTEBOOKS, PARAMETERS, PROJECT_ROOT, outputs_root, relative, sha256
from workbench.results import INPUTS_FILE, RESULTS_FILE

FAILED = "_failed"
KERNEL = "python3"  # resolved by jupyter_client to this interpreter (sys.executable)
_PACKAGES = (
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
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


@dataclass
class RunResult:
    """What happened to one run: ``status`` is ``ok`` or ``failed``; ``path`` the folder."""

    analysis: str
    name: str
    status: str
    path: Path
    seconds: float
    message: str = ""
    exit_code: int = 0


def notebook_for(analysis: str) -> Path:
    """The notebook ``notebooks/NN_<analysis>.ipynb`` of an analysis."""
    params_mod.model_for(analysis)
    found = sorted(NOTEBOOKS.glob(f"[0-9][0-9]_{analysis}.ipynb"))
    if not found:
        raise ParameterError(f"analysis '{analysis}' has no notebook notebooks/NN_{analysis}.ipynb")
    return found[0]


def available() -> list[str]:
    """Analyses that have both a parameter model and a notebook, in notebook order."""
    names = []
    for nb in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        name = nb.stem[3:]
        if name in params_mod.ANALYSES:
            names.append(name)
    return names


def check_name(name: str) -> str:
    """A run name must be a plain folder name: no path separators, '..' or control characters."""
    if (
        not name
        or _BAD_NAME.search(name)
        or ".." in name
        or name.startswith(".")
        or name == FAILED
        or len(name) > 100
    ):
        raise ParameterError(
            f"run name {name!r} is not allowed: use letters, digits, '-', '_' or '.', "
            "without '/', '..', a leading '.' or control characters"
        )
    return name


def default_name(files: list[str | Path], flags: list[str]) -> str:
    """``default``, or the last YAML file's stem; ``-p`` flags add a short hash of themselves.

    Without the hash, ``-p`` overrides would silently replace the run they started from.
    """
    base = Path(files[-1]).stem if files else "default"
    base = re.sub(r"[^\w.\-]+", "-", base).strip(".-") or "run"
    if flags:
        digest = hashlib.sha256("\n".join(flags).encode()).hexdigest()[:6]
        base = f"{base}+p{digest}"
    return base


def _git(*args: str) -> str | None:
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


def _versions() -> dict[str, str]:
    found = {}
    for pkg in _PACKAGES:
        try:
            found[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            continue
    found["python"] = platform.python_version()
    return found


def _input_hashes(folder: Path, extra: list[Path]) -> dict[str, str]:
    ledger = folder / INPUTS_FILE
    paths = [Path(p) for p in json.loads(ledger.read_text())] if ledger.exists() else []
    ledger.unlink(missing_ok=True)
    hashes = {}
    for p in [*extra, *paths]:
        p = p.resolve()
        if p.is_file():
            hashes[relative(p)] = sha256(p)
    return hashes


def check_inputs(resolved: params_mod.AnalysisParams) -> None:
    """Check the data files the parameters name with the analysis's schema, before any kernel."""
    import importlib

    try:
        schema = importlib.import_module(f"workbench.{resolved.PACKAGE}.schema")
    except ModuleNotFoundError:
        schema = None
    if schema is not None:
        schema.check_inputs(resolved)
    elif hasattr(resolved, "check_inputs"):
        check_inputs(resolved)


def params_hash(values: dict) -> str:
    """sha256 of the resolved parameters in canonical JSON (sorted keys)."""
    blob = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _html_report(notebook: Path, target: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    target.write_text(body, encoding="utf-8")


def _replace_dir(src: Path, dest: Path) -> None:
    """Move ``src`` to ``dest``; an existing ``dest`` goes only once ``src`` is in place."""
    if dest.exists():
        old = dest.with_name(f".old-{dest.name}-{uuid.uuid4().hex[:8]}")
        dest.rename(old)
        src.rename(dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        src.rename(dest)


@dataclass
class Plan:
    """A validated run, ready to execute: nothing has been written yet."""

    analysis: str
    name: str
    notebook: Path
    values: dict
    files: list[Path]
    flags: list[str]
    home: Path


def plan(
    analysis: str,
    files: list[str | Path] = (),
    flags: list[str] = (),
    name: str | None = None,
    outputs: Path | None = None,
) -> Plan:
    """Validate everything about a run before any kernel starts or anything is written.

    Parameters
    ----------
    analysis : str
        The analysis name, e.g. ``"fiscal_pressure"``.
    files : list of path
        YAML parameter files, merged in order over the defaults.
    flags : list of str
        ``name=value`` overrides, applied last.
    name : str, optional
        Run folder name; default :func:`default_name`.
    outputs : path, optional
        Outputs root; default ``$WORKBENCH_OUTPUTS`` or ``<project>/outputs``.

    Raises
    ------
    InputError
        Unknown analysis, bad parameters, a bad data file or a bad run name.
    """
    files, flags = [Path(f) for f in files], list(flags)
    notebook = notebook_for(analysis)
    resolved = params_mod.resolve(analysis, files, flags)
    check_inputs(resolved)
    name = check_name(name if name is not None else default_name(files, flags))
    values = resolved.model_dump()
    if values.get("data_path"):
        values["data_path"] = str(Path(values["data_path"]).resolve())
    root = outputs_root(outputs)
    return Plan(analysis, name, notebook, values, files, flags, root / analysis)


def run(
    analysis: str,
    files: list[str | Path] = (),
    flags: list[str] = (),
    name: str | None = None,
    outputs: Path | None = None,
) -> RunResult:
    """Validate (:func:`plan`) and execute (:func:`execute`) one run."""
    return execute(plan(analysis, files, flags, name, outputs))


def execute(plan: Plan) -> RunResult:
    """Execute a planned run with papermill and publish its folder.

    Returns
    -------
    RunResult
        ``status="ok"`` with the published folder, or ``status="failed"`` with the folder where the
        executed notebook was kept and a one-line message (exit code 1, or 2 when the notebook
        stopped on bad input in the data).
    """
    analysis, name, notebook, values = plan.analysis, plan.name, plan.notebook, plan.values
    home = plan.home
    home.mkdir(parents=True, exist_ok=True)
    tmp = home / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    (tmp / "figures").mkdir()
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    previous = os.environ.get("WORKBENCH_OUTPUT_DIR")
    os.environ["WORKBENCH_OUTPUT_DIR"] = str(tmp)
    error = None
    try:
        import papermill
        from papermill.exceptions import PapermillExecutionError

        try:
            papermill.execute_notebook(
                str(notebook),
                str(tmp / "notebook.ipynb"),
                parameters=values,
                kernel_name=KERNEL,
                progress_bar=False,
                log_output=False,
                cwd=str(NOTEBOOKS),
                extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no TCP-warning noise
            )
        except PapermillExecutionError as exc:
            error = {"cell": exc.cell_index + 1, "ename": exc.ename, "evalue": exc.evalue}
        except Exception as exc:  # the kernel died or could not start: no cell to blame
            error = {"cell": None, "ename": type(exc).__name__, "evalue": str(exc)}
    except BaseException:  # interrupted: leave nothing half-written behind
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if previous is None:
            os.environ.pop("WORKBENCH_OUTPUT_DIR", None)
        else:
            os.environ["WORKBENCH_OUTPUT_DIR"] = previous

    seconds = time.perf_counter() - t0
    param_files, flags = plan.files, plan.flags
    data_file = [Path(values["data_path"])] if values.get("data_path") else []
    provenance = {
        "analysis": analysis,
        "run": name,
        "notebook": relative(notebook),
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "packages": _versions(),
        "kernel": KERNEL,
        "inputs_sha256": _input_hashes(tmp, [notebook, *param_files, *data_file]),
        "params_sha256": params_hash(values),
        "parameter_files": [str(p) for p in param_files],
        "parameter_flags": flags,
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "host": socket.gethostname(),
        "user": getpass.getuser(),
        "exit_status": 0 if error is None else 1,
    }
    (tmp / "params.yaml").write_text(
        f"# Resolved parameters of {analysis}/{name}\n"
        + yaml.safe_dump(values, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    if error is not None:
        provenance["error"] = error
        (tmp / "provenance.json").write_text(json.dumps(provenance, indent=2, ensure_ascii=False))
        failed = home / FAILED / name
        failed.parent.mkdir(exist_ok=True)
        _replace_dir(tmp, failed)
        where = failed / "notebook.ipynb"
        bad_input = exit_status_for_name(error["ename"]) == 2
        evalue = " ".join(str(error["evalue"]).split())  # one line, whatever the exception said
        if len(evalue) > 300:
            evalue = evalue[:297] + "..."
        at = f" at cell {error['cell']}" if error["cell"] else ""
        message = (
            f"FAILED {analysis}/{name}{at}: {error['ename']}: {evalue} (executed notebook: {where})"
        )
        return RunResult(
            analysis, name, "failed", failed, seconds, message, exit_code=2 if bad_input else 1
        )

    if not (tmp / RESULTS_FILE).exists():
        (tmp / RESULTS_FILE).write_text("{}\n")
    _html_report(tmp / "notebook.ipynb", tmp / "report.html")
    (tmp / "provenance.json").write_text(json.dumps(provenance, indent=2, ensure_ascii=False))
    final = home / name
    _replace_dir(tmp, final)
    return RunResult(analysis, name, "ok", final, seconds)


def last_runs(analysis: str, outputs: Path | None = None) -> list[dict]:
    """Published runs of an analysis, newest first, from their provenance files."""
    root = outputs_root(outputs)
    runs = []
    for prov in (root / analysis).glob("*/provenance.json"):
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


def parameter_sets(analysis: str) -> list[Path]:
    """The shipped YAML parameter sets of an analysis."""
    return sorted((PARAMETERS / analysis).glob("*.yaml"))
