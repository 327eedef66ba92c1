"""Imports run one way, from a small core up to the CLI, with no cycles (docs/architecture.md).

Every ``import`` in the package, at module level or inside a function, is an edge of the graph; a
module may import only modules of a lower layer, or of its own layer within its own package.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import workbench

SRC = Path(workbench.__file__).parent
ANALYSIS_PACKAGES = ("fiscal", "funding", "turnover", "costeff")
ASSEMBLY = {
    "keys",
    "pipeline",
    "charts",
    "narration",
    "tables",
    "explore",
    "labels",
    "words",
    "captions",
    "briefing",  # shared words and texts of the figures and prose
}

#: Layer of every top-level module; analysis packages are ranked by :func:`layer`.
TOP = {
    "workbench": 0,
    "errors": 0,
    "paths": 0.1,
    "lazy": 0.1,
    "units": 0.1,
    "glossary": 0.1,
    "messages": 0.2,
    "keys": 0.2,
    "yamlfile": 0.2,
    "results": 1,
    "figures": 1,
    "io": 1.1,
    "datasets": 1.1,
    "webfont": 1.1,
    "screen": 1.1,
    "params": 2,
    "synth": 5,
    "notebook": 8,
    "runner": 9,
    "clean": 9.5,
    "lab": 9.5,
    "sweep": 10,
    "compare": 10.5,
    "brief": 10.75,  # a sweep's brief opens with its comparison
    "cli": 11,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def layer(name: str) -> tuple[float, str]:
    """(rank, package) of a workbench module; the package matters only for equal ranks."""
    parts = name.split(".")
    if len(parts) == 1:
        return 0, "workbench"
    head = parts[1]
    if head in ANALYSIS_PACKAGES:
        if len(parts) == 2:
            return 7, head  # the package's __init__ re-exports the lot
        leaf = parts[2]
        if leaf == "schema":
            return 3, head
        return (6 if leaf in ASSEMBLY else 4), head
    if head not in TOP:
        raise AssertionError(f"{name}: add its layer to tests/test_imports.py (TOP)")
    return TOP[head], head


def imports_of(path: Path, name: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in MODULES and "." in target:
                target = target.rpartition(".")[0]
            if target in MODULES and target != name:
                found.add(target)
    return found


GRAPH = {name: imports_of(path, name) for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_imports_run_one_way(name):
    rank, package = layer(name)
    for target in sorted(GRAPH[name]):
        t_rank, t_package = layer(target)
        if target.startswith(f"{name}."):
            continue  # a package may re-export its own modules
        if t_package in ANALYSIS_PACKAGES and package in ANALYSIS_PACKAGES:
            assert t_package == package, f"{name} imports another analysis: {target}"
        same_layer_ok = t_rank == rank and t_package == package
        assert t_rank < rank or same_layer_ok, f"{name} (layer {rank}) imports {target} ({t_rank})"


def test_no_cycles():
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in GRAPH[node]:
            if nxt.startswith(f"{node}."):
                continue  # a package importing its own submodule is not a cycle
            if state.get(nxt) == 1:
                raise AssertionError(
                    "import cycle: " + " -> ".join([*path[path.index(nxt) :], nxt])
                )
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in GRAPH:
        if node not in state:
            visit(node)


def test_the_errors_module_is_a_leaf():
    assert GRAPH["workbench.errors"] == set()


def test_the_command_line_loads_no_analysis_stack():
    code = (
        "import sys, workbench.cli\n"
        "names = ('pandas', 'numpy', 'sklearn', 'matplotlib', 'statsmodels', 'pydantic')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    code = "import sys, workbench.params\nprint('pandas' in sys.modules, 'sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
