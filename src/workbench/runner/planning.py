"""Planning a run: everything is validated before a kernel starts or anything is written.

:func:`plan` resolves and checks the parameters, checks the data files with the analysis's schema
(``workbench.<package>.schema.check_inputs``), checks the run name, and returns a :class:`Plan`.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench import params as params_mod
from workbench.errors import ParameterError
from workbench.messages import excerpt
from workbench.paths import NOTEBOOKS, PARAMETERS, outputs_root

FAILED = "_failed"
NAME_BYTES = 200  # a run name's UTF-8 bytes; folders add at most 55 more (the limit is 255)
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


@dataclass
class Plan:
    """A validated run, ready to execute: nothing has been written yet."""

    analysis: str
    name: str
    notebook: Path
    values: dict
    files: list[Path] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    home: Path = Path()
    figures: str = "all"  # figure formats: all (PNG, SVG, PDF), png, or none

    def to_dict(self) -> dict:
        """A plain mapping (for a remote worker or a sweep index)."""
        return {
            "analysis": self.analysis,
            "name": self.name,
            "notebook": str(self.notebook),
            "values": self.values,
            "files": [str(f) for f in self.files],
            "flags": self.flags,
            "home": str(self.home),
            "figures": self.figures,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Plan:
        return cls(
            data["analysis"],
            data["name"],
            Path(data["notebook"]),
            data["values"],
            [Path(f) for f in data["files"]],
            list(data["flags"]),
            Path(data["home"]),
            data.get("figures", "all"),
        )


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


def parameter_sets(analysis: str) -> list[Path]:
    """The shipped YAML parameter sets of an analysis."""
    return sorted((PARAMETERS / analysis).glob("*.yaml"))


def check_name(name: str) -> str:
    """A run name is a plain folder name: no separators, '..', leading '.', control characters.

    Its UTF-8 form may have at most :data:`NAME_BYTES` bytes (a folder name may have 255, and the
    runner adds a prefix or suffix to some).
    """
    if not name or _BAD_NAME.search(name) or ".." in name or name.startswith(".") or name == FAILED:
        raise ParameterError(
            f"run name {excerpt(name, 60)} is not allowed: use letters, digits, '-', '_' or '.', "
            "without '/', '..', a leading '.' or control characters"
        )
    size = len(name.encode("utf-8"))
    if size > NAME_BYTES:
        raise ParameterError(
            f"run name {excerpt(name, 40)} is too long: {size} bytes in UTF-8 (a Chinese character "
            f"takes 3), at most {NAME_BYTES}"
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


def params_hash(values: dict) -> str:
    """sha256 of the resolved parameters in canonical JSON (sorted keys)."""
    blob = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def check_inputs(resolved: params_mod.AnalysisParams) -> None:
    """Check the data files the parameters name with the analysis's schema, before any kernel."""
    if resolved.PACKAGE:
        schema = importlib.import_module(f"workbench.{resolved.PACKAGE}.schema")
        schema.check_inputs(resolved)


def check_plan_inputs(plan: Plan) -> None:
    """:func:`check_inputs` for a plan made with ``check=False`` (its values validate again)."""
    model = params_mod.model_for(plan.analysis)
    check_inputs(params_mod.validate(model, plan.values, dict.fromkeys(plan.values, "the run")))


def plan(
    analysis: str,
    files: list[str | Path] = (),
    flags: list[str] = (),
    name: str | None = None,
    outputs: Path | None = None,
    *,
    values: dict | None = None,
    check: bool = True,
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
    values : dict, optional
        Parameter values already merged (a sweep's run); then ``files`` and ``flags`` only
        document where they came from.
    check : bool
        Check the data files now (default). With False the caller must call
        :func:`check_plan_inputs` before the run starts (a single fast run does it in a process
        of its own while the stack is imported).

    Raises
    ------
    InputError
        Unknown analysis, bad parameters, a bad data file or a bad run name.
    """
    files, flags = [Path(f) for f in files], list(flags)
    notebook = notebook_for(analysis)
    if values is None:
        resolved = params_mod.resolve(analysis, files, flags)
    else:
        model = params_mod.model_for(analysis)
        resolved = params_mod.validate(model, values, {k: "the sweep spec" for k in values})
    if check:
        check_inputs(resolved)
    name = check_name(name if name is not None else default_name(files, flags))
    values = resolved.model_dump()
    if values.get("data_path"):
        values["data_path"] = str(Path(values["data_path"]).resolve())
    return Plan(analysis, name, notebook, values, files, flags, outputs_root(outputs) / analysis)
