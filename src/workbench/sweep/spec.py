"""Sweep specs: a grid and/or a list of scenarios over one analysis, each run validated first.

A spec is a YAML file, ``parameters/sweeps/<name>.yaml``::

    analysis: fiscal_pressure
    description: Start year against the two readings of 增加了近1.5倍
    base: parameters/fiscal_pressure/default.yaml   # a file, a list of files, or a mapping
    grid:                                            # every combination of these lists
      start_year: [2012, 2015, 2018, 2019]
      multiple_reading: [by, to]
    runs:                                            # and/or explicit overrides, one per run
      - {start_year: 2019, end_year: 2024}
    name: s{start_year}_{multiple_reading}           # each run's folder, from its parameters
    timeout: 600                                     # seconds per run (optional)

The runs are the grid's combinations followed by the explicit ones, each merged over ``base``.
Every run is validated (its parameters, and its data with the analysis's schema) before any
starts; one bad combination stops the sweep with one line naming the run and the parameter.
"""

from __future__ import annotations

import itertools
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench import params as params_mod
from workbench import yamlfile
from workbench.errors import InputError, ParameterError
from workbench.messages import excerpt
from workbench.paths import PARAMETERS, PROJECT_ROOT

SWEEPS = PARAMETERS / "sweeps"
KEYS = ("analysis", "description", "base", "grid", "runs", "name", "timeout")


@dataclass(frozen=True)
class SweepRun:
    """One run of a sweep: its folder name, the overrides it makes and its full parameters."""

    name: str
    overrides: dict[str, Any]
    values: dict[str, Any]


@dataclass(frozen=True)
class Sweep:
    """A loaded and expanded sweep spec."""

    name: str
    path: Path
    analysis: str
    description: str
    base_files: tuple[Path, ...]
    runs: tuple[SweepRun, ...]
    timeout: float | None

    def varied(self) -> list[str]:
        """The parameters that take more than one value across the runs, in spec order."""
        order = list(dict.fromkeys(k for run in self.runs for k in run.overrides))
        return [k for k in order if len({repr(run.values[k]) for run in self.runs}) > 1]


def find(spec: str | Path) -> Path:
    """A spec path, or the name of a spec in ``parameters/sweeps/``."""
    path = Path(spec)
    if path.is_file():
        return path
    named = SWEEPS / f"{spec}.yaml"
    if named.is_file():
        return named
    known = ", ".join(p.stem for p in sorted(SWEEPS.glob("*.yaml"))) or "(none)"
    raise ParameterError(f"sweep spec not found: {spec} (shipped sweeps: {known})")


def _slug(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "-".join(_slug(v) for v in value) or "none"
    if isinstance(value, dict):
        return "-".join(f"{k}{_slug(v)}" for k, v in value.items()) or "none"
    return str(value)


def _template_fields(template: str) -> list[str]:
    return [f for _, f, _, _ in string.Formatter().parse(template) if f]


def run_name(template: str, values: dict[str, Any], where: str) -> str:
    """A run's folder name from the template and its parameter values."""
    from workbench.runner.planning import check_name

    try:
        name = template.format(**{k: _slug(v) for k, v in values.items()})
    except (KeyError, IndexError, ValueError) as exc:
        raise ParameterError(f"{where}: name template {template!r}: {exc}") from None
    return check_name(name)


def _base(data: Any, spec: Path, lines: dict) -> tuple[tuple[Path, ...], dict]:
    where = f"{spec}:{lines.get('base', 1)}"
    if data is None:
        return (), {}
    if isinstance(data, dict):
        return (), dict(data)
    files = [data] if isinstance(data, str) else data
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise ParameterError(
            f"{where}: base must be a parameter file, a list of files or a mapping"
        )
    paths, values = [], {}
    for f in files:
        path = Path(f)
        if not path.is_absolute():
            path = (PROJECT_ROOT / path) if (PROJECT_ROOT / path).is_file() else spec.parent / path
        if not path.is_file():
            raise ParameterError(f"{where}: base file not found: {f}")
        values.update(params_mod.read_file(path)[0])
        paths.append(path)
    return tuple(paths), values


def _combinations(grid: Any, where: str) -> list[dict[str, Any]]:
    if grid is None:
        return []
    if not isinstance(grid, dict) or not grid:
        raise ParameterError(f"{where}: grid must map parameter names to lists of values")
    for key, values in grid.items():
        if not isinstance(values, list) or not values:
            raise ParameterError(
                f"{where}: grid {key}: expected a non-empty list of values, got "
                f"{excerpt(values, 40)}"
            )
    keys = list(grid)
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*grid.values())]


def load(spec: str | Path) -> Sweep:
    """Read, expand and validate a sweep spec.

    Raises
    ------
    InputError
        A malformed spec, an unknown key or analysis, a bad run (naming the run and the
        parameter), duplicate run names, or a run's data file that fails its schema.
    """
    from workbench.runner.planning import check_inputs

    path = find(spec)
    data, lines = yamlfile.load(path)
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: a sweep spec is a mapping with analysis, grid or runs")
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        raise ParameterError(
            f"{path}:{lines.get(unknown[0], 1)}: unknown key {unknown[0]!r}; a sweep spec has "
            f"{', '.join(KEYS)}"
        )
    analysis = data.get("analysis")
    if not isinstance(analysis, str):
        raise ParameterError(
            f"{path}: 'analysis' is missing (one of: {', '.join(params_mod.ANALYSES)})"
        )
    model = params_mod.model_for(analysis)
    base_files, base = _base(data.get("base"), path, lines)
    combos = _combinations(data.get("grid"), f"{path}:{lines.get('grid', 1)}")
    explicit = data.get("runs") or []
    if not isinstance(explicit, list) or not all(isinstance(r, dict) for r in explicit):
        raise ParameterError(f"{path}:{lines.get('runs', 1)}: runs must be a list of mappings")
    overrides = combos + [dict(r) for r in explicit]
    if not overrides:
        raise ParameterError(f"{path}: the sweep has no runs: give a grid, runs or both")
    for source, keys in (
        ("grid", data.get("grid") or {}),
        ("runs", [k for o in explicit for k in o]),
    ):
        stray = [k for k in keys if k not in model.model_fields]
        if stray:
            raise ParameterError(
                f"{path}:{lines.get(source, 1)}: unknown parameter {excerpt(stray[0], 40)} in "
                f"{source}; {analysis} has: {', '.join(model.model_fields)}"
            )
    template = data.get("name") or "_".join(
        f"{{{k}}}" for k in dict.fromkeys(k for o in overrides for k in o)
    )
    if not isinstance(template, str):
        raise ParameterError(f"{path}:{lines.get('name', 1)}: name must be a text template")
    missing = [f for f in _template_fields(template) if f not in model.model_fields]
    if missing:
        raise ParameterError(
            f"{path}:{lines.get('name', 1)}: name template {template!r} uses {missing[0]!r}, "
            "which is not a parameter"
        )
    timeout = data.get("timeout")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < 1e7
    ):
        raise ParameterError(f"{path}:{lines.get('timeout', 1)}: timeout must be seconds above 0")
    runs, names = [], {}
    for i, override in enumerate(overrides, 1):
        merged = {**base, **override}
        label = ", ".join(f"{k}={excerpt(v, 30)}" for k, v in override.items())
        where = f"sweep {path.stem}, run {i} ({label})"
        src = "grid" if i <= len(combos) else "runs"
        origin = {k: "the sweep's base" for k in base}
        origin.update({k: f"{path}:{lines.get(src, 1)} {src}" for k in override})
        try:
            resolved = params_mod.validate(model, merged, origin)
            values = resolved.model_dump()
            name = run_name(template, values, where)
            check_inputs(resolved)
        except InputError as exc:
            raise type(exc)(f"{where}: {exc}") from None
        if name in names:
            raise ParameterError(
                f"{where}: its folder name {name!r} is also run {names[name]}'s; make the name "
                "template include every parameter the runs vary"
            )
        names[name] = i
        runs.append(SweepRun(name, override, values))
    return Sweep(
        name=path.stem,
        path=path,
        analysis=analysis,
        description=str(data.get("description") or ""),
        base_files=base_files,
        runs=tuple(runs),
        timeout=float(timeout) if timeout is not None else None,
    )
