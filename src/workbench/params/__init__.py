"""Typed, self-describing parameters for every analysis, and the loader that checks them.

One pydantic model per analysis (``workbench.params.fiscal`` and so on). Every field has a
description, a unit and a source (or says it is an assumption or a choice), so
``workbench params ANALYSIS`` can print them and a researcher can read what each number means.
The model is the only place a default is written: the notebook's parameters cell and
``parameters/<analysis>/default.yaml`` are generated from it (:mod:`workbench.params.generate`).

:func:`resolve` merges the model defaults, then ``-f`` YAML files in order, then ``-p name=value``
flags, and validates the result before any kernel starts. Every failure is one
:class:`~workbench.errors.ParameterError` naming the parameter, the value, what was expected and
where the value came from. This package imports no analysis code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workbench import yamlfile
from workbench.errors import ParameterError
from workbench.messages import excerpt, shorten
from workbench.params.base import AnalysisParams, P
from workbench.params.costeff import TechCostEffectivenessParams
from workbench.params.fiscal import FiscalPressureParams
from workbench.params.funding import FundingDistributionParams
from workbench.params.turnover import TurnoverDriversParams

__all__ = [
    "ANALYSES",
    "AnalysisParams",
    "FiscalPressureParams",
    "FundingDistributionParams",
    "P",
    "TechCostEffectivenessParams",
    "TurnoverDriversParams",
    "check",
    "defaults",
    "describe",
    "explain",
    "label",
    "model_for",
    "parse_flag",
    "resolve",
    "validate",
]

#: Every analysis, in notebook order, and its parameter model.
ANALYSES: dict[str, type[AnalysisParams]] = {
    "fiscal_pressure": FiscalPressureParams,
    "funding_distribution": FundingDistributionParams,
    "turnover_drivers": TurnoverDriversParams,
    "tech_cost_effectiveness": TechCostEffectivenessParams,
}


def type_name(annotation: Any) -> str:
    """A readable name of a field's type: ``int``, ``list[float]``, ``'by' | 'to'``."""
    text = str(annotation)
    if text.startswith("typing.Literal"):
        return " | ".join(repr(a) for a in annotation.__args__)
    if getattr(annotation, "__origin__", None) is None and hasattr(annotation, "__name__"):
        return annotation.__name__
    return text.replace("typing.", "")


def describe(model: type[AnalysisParams]) -> list[dict[str, Any]]:
    """One row per parameter: name, type, default, unit, description, source and help."""
    rows = []
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra or {}
        rows.append(
            {
                "name": name,
                "type": type_name(field.annotation),
                "default": field.default,
                "unit": extra.get("unit", ""),
                "description": field.description or "",
                "source": extra.get("source", ""),
                "help": extra.get("help", ""),
            }
        )
    return rows


def label(model: type[AnalysisParams], name: str, lang: str = "en") -> str:
    """A parameter's short label in ``lang`` (its name where it has none)."""
    field = model.model_fields.get(name)
    pair = (field.json_schema_extra or {}).get("label") if field else None
    return (pair[1] if lang == "zh" else pair[0]) if pair else name


def defaults(analysis: str) -> dict[str, Any]:
    """The model's default value of every parameter."""
    return model_for(analysis)().model_dump()


def model_for(analysis: str) -> type[AnalysisParams]:
    """The parameter model of ``analysis``, or a ParameterError listing the known analyses."""
    try:
        return ANALYSES[analysis]
    except KeyError:
        known = ", ".join(ANALYSES)
        raise ParameterError(
            f"unknown analysis {excerpt(analysis, 40)}; expected one of: {known}"
        ) from None


def read_file(path: str | Path) -> tuple[dict[str, Any], dict[str, int]]:
    """A parameter file's mapping and the line of each key (see :mod:`workbench.yamlfile`)."""
    data, lines = yamlfile.load(path)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ParameterError(
            f"{path}: expected a mapping of parameter: value, got a {type(data).__name__}"
        )
    return data, lines


def parse_flag(flag: str) -> tuple[str, Any]:
    """Split ``name=value`` and parse the value as a YAML scalar or list."""
    name, sep, raw = flag.partition("=")
    name = name.strip()
    if not sep or not name:
        raise ParameterError(f"-p {shorten(flag, 60)}: expected name=value")
    if not raw.strip():
        return name, ""
    try:
        value, _ = yamlfile.loads(raw, f"-p {name}")
    except ParameterError:
        raise ParameterError(
            f"-p {shorten(flag, 60)}: the value is not a valid YAML scalar or list",
            parameter=name,
        ) from None
    return name, value


def resolve(analysis: str, files: list[str | Path] = (), flags: list[str] = ()) -> AnalysisParams:
    """Merge defaults, YAML files (in order) and ``-p`` flags, then validate.

    Parameters
    ----------
    analysis : str
        Name of the analysis (a key of :data:`ANALYSES`).
    files : list of path
        YAML files, each a mapping of parameter name to value; later files win.
    flags : list of str
        ``name=value`` strings; values are parsed as YAML scalars or lists; they win over files.

    Returns
    -------
    AnalysisParams
        The validated parameters.

    Raises
    ------
    ParameterError
        One message naming the parameter, the offending value, what was expected and its origin.
    """
    model = model_for(analysis)
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for f in files:
        data, lines = read_file(f)
        for key, value in data.items():
            values[key] = value
            origin[key] = f"{f}:{lines[key]}" if key in lines else str(f)
    for flag in flags:
        key, value = parse_flag(flag)
        values[key] = value
        origin[key] = f"-p {shorten(flag, 60)}"
    return validate(model, values, origin)


def validate(
    model: type[AnalysisParams], values: dict[str, Any], origin: dict[str, str]
) -> AnalysisParams:
    """Build ``model`` from ``values``, turning pydantic's first error into one ParameterError."""
    try:
        return model(**values)
    except ValidationError as exc:
        raise explain(exc, model, values, origin) from None


def explain(
    exc: ValidationError, model: type[AnalysisParams], values: dict, origin: dict[str, str]
) -> ParameterError:
    """Turn pydantic's first error into one sentence with the parameter and its origin."""
    err = exc.errors()[0]
    name = str(err["loc"][0]) if err["loc"] else ""
    if err["type"] == "extra_forbid" or err["type"] == "extra_forbidden":
        known = ", ".join(model.model_fields)
        return ParameterError(
            f"unknown parameter {excerpt(name, 40)} (from {origin.get(name, '?')}); known: {known}",
            parameter=name,
            origin=origin.get(name),
        )
    msg = err["msg"].removeprefix("Value error, ")
    if not name:  # a check across fields (model validator)
        culprits = [k for k in model.model_fields if k in msg and k in origin]
        where = "; ".join(f"{k} from {origin[k]}" for k in culprits) or "defaults"
        return ParameterError(
            f"invalid parameters: {msg} ({where})",
            parameter=culprits[0] if culprits else None,
        )
    field = model.model_fields[name]
    unit = (field.json_schema_extra or {}).get("unit", "")
    return ParameterError(
        f"parameter '{name}' = {excerpt(values.get(name), 60)} (from "
        f"{origin.get(name, 'default')}): {msg}" + (f" [unit: {unit}]" if unit else ""),
        parameter=name,
        origin=origin.get(name),
    )


def check(analysis: str, namespace: dict[str, Any]) -> AnalysisParams:
    """The notebook's validation call: check the parameters cell's values against the model.

    Call it right after the parameters cell as ``p = check("fiscal_pressure", globals())``. It
    picks the model's fields out of ``namespace`` (papermill's injected values included), raises
    one ParameterError on a bad value, and starts the notebook's outputs folder.
    """
    from workbench.results import begin

    model = model_for(analysis)
    missing = [k for k in model.model_fields if k not in namespace]
    if missing:
        raise ParameterError(f"the parameters cell does not define: {', '.join(missing)}")
    values = {k: namespace[k] for k in model.model_fields}
    validated = validate(model, values, {k: "the notebook's parameters" for k in values})
    begin(analysis)
    return validated
