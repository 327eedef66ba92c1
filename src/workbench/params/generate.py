"""Write the notebook's parameters cell and ``parameters/<analysis>/default.yaml`` from the model.

The pydantic model is the only place a default is written. ``make params`` (or
``workbench params ANALYSIS --write``) regenerates both files from it, and a test checks that
they are current (:func:`stale`). The parameters cell is papermill-native: literal defaults,
simple annotations and a short ``# help [unit]`` comment, each line within 100 characters; the
full description and source stay in ``workbench params`` and in the YAML file's comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from workbench.params import describe, model_for
from workbench.params.base import AnalysisParams
from workbench.paths import NOTEBOOKS, PARAMETERS

KERNEL_NAME = "workbench"  # the project's kernelspec (workbench.lab installs it)
KERNEL_DISPLAY = "Workbench: community-governance project (.venv)"

MAX_LINE = 100
_CELL_TYPES = {"int": "int", "float": "float", "bool": "bool", "str": "str", "dict": "dict"}


def _cell_type(type_name: str) -> str:
    if type_name.startswith("list"):
        return "list"
    if type_name.startswith("dict"):
        return "dict"
    return _CELL_TYPES.get(type_name, "str")  # Literal choices are strings


def parameters_cell(model: type[AnalysisParams]) -> str:
    """The source of the notebook's parameters cell for ``model``.

    Raises
    ------
    ValueError
        If a line would exceed 100 characters: give the field a shorter ``help``.
    """
    lines = []
    for row in describe(model):
        help_text = row["help"] or row["description"]
        if "=" in help_text + row["unit"]:
            raise ValueError(
                f"{model.ANALYSIS}.{row['name']}: its help has '=' ({help_text!r}); papermill "
                "drops a parameters-cell line with a second '=', so reword it"
            )
        head = f"{row['name']}: {_cell_type(row['type'])} = "
        comment = f"  # {help_text} [{row['unit']}]"
        line = f"{head}{row['default']!r}{comment}"
        if len(line) > MAX_LINE and isinstance(row["default"], list) and row["default"]:
            # a long list over several lines; papermill reads the help from the last one
            items = [f"    {item!r}," for item in row["default"]]
            line = "\n".join([f"{head}[", *items, f"]{comment}"])
        for part in line.splitlines():
            if len(part) > MAX_LINE:
                raise ValueError(
                    f"{model.ANALYSIS}.{row['name']}: the parameters-cell line has {len(part)} "
                    f"characters (at most {MAX_LINE}); give the field a shorter help='...'"
                )
        lines.append(line)
    return "\n".join(lines)


def _inline(value: Any) -> str:
    return (
        yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
        .strip("\n")
        .removesuffix("\n...")
    )


def default_yaml(model: type[AnalysisParams]) -> str:
    """The text of ``parameters/<analysis>/default.yaml``: every default, described."""
    out = [
        f"# Default parameters of {model.ANALYSIS}, generated from {model.__module__} by",
        "# `make params`. Edit the model, not this file; copy it to start a scenario of your own.",
    ]
    for row in describe(model):
        out.append("")
        out.append(f"# {row['description']} [{row['unit']}]")
        if row["source"]:
            out.append(f"# source: {row['source']}")
        out.append(f"{row['name']}: {_inline(row['default'])}")
    return "\n".join(out) + "\n"


def notebook_path(analysis: str) -> Path:
    """The notebook ``notebooks/NN_<analysis>.ipynb``."""
    found = sorted(NOTEBOOKS.glob(f"[0-9][0-9]_{analysis}.ipynb"))
    if not found:
        raise FileNotFoundError(f"no notebook notebooks/NN_{analysis}.ipynb")
    return found[0]


def _with_cell(analysis: str):
    import nbformat

    model = model_for(analysis)
    path = notebook_path(analysis)
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1:
        raise ValueError(f"{path}: {len(tagged)} cells tagged 'parameters' (want exactly 1)")
    tagged[0].source = parameters_cell(model)
    nb.metadata.setdefault("jupytext", {})["formats"] = "ipynb,py:percent"
    nb.metadata["kernelspec"] = {
        "name": KERNEL_NAME,
        "display_name": KERNEL_DISPLAY,
        "language": "python",
    }
    return path, nb


def _py_text(nb) -> str:
    import jupytext

    return jupytext.writes(nb, fmt="py:percent")


def write(analysis: str) -> list[Path]:
    """Regenerate the parameters cell (notebook and its ``.py`` pair) and ``default.yaml``."""
    import nbformat

    path, nb = _with_cell(analysis)
    nbformat.write(nb, path)
    pair = path.with_suffix(".py")
    pair.write_text(_py_text(nb), encoding="utf-8")
    target = PARAMETERS / analysis / "default.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(default_yaml(model_for(analysis)), encoding="utf-8")
    return [path, pair, target]


def stale(analysis: str) -> list[str]:
    """Files generated from the model that are out of date (empty when all are current)."""
    import nbformat

    path, nb = _with_cell(analysis)
    found = []
    if nbformat.writes(nb) + "\n" != path.read_text(encoding="utf-8"):
        found.append(str(path))
    pair = path.with_suffix(".py")
    if not pair.exists() or pair.read_text(encoding="utf-8") != _py_text(nb):
        found.append(str(pair))
    target = PARAMETERS / analysis / "default.yaml"
    if not target.exists() or target.read_text(encoding="utf-8") != default_yaml(
        model_for(analysis)
    ):
        found.append(str(target))
    return found
