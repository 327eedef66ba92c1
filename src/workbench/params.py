"""Typed, self-describing parameters for every analysis, and the loader that checks them.

One pydantic model per analysis. Every field has a description and a unit (and a source where the
default comes from somewhere), so ``workbench params ANALYSIS`` can print them and a researcher can
read what each number means. :func:`resolve` merges the model defaults, then ``-f`` YAML files in
order, then ``-p name=value`` flags, and validates the result before any kernel starts. Every
failure is raised as one :class:`~workbench.errors.InputError` naming the parameter, the value,
what was expected and where the value came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from workbench.errors import InputError


def P(default: Any, description: str, unit: str, source: str | None = None, **constraints: Any):
    """A parameter field: default, one-line description, unit, and optionally its source."""
    extra = {"unit": unit}
    if source:
        extra["source"] = source
    return Field(default, description=description, json_schema_extra=extra, **constraints)


class AnalysisParams(BaseModel):
    """Shared behaviour: unknown names are errors, and values are checked on assignment too."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    def check_inputs(self) -> None:
        """Load and validate the data files these parameters name, before any kernel starts.

        Analyses override this to read ``data_path`` with their schema and raise one
        :class:`~workbench.errors.InputError` naming the file, column and rows at fault. The runner
        calls it after the parameters validate; the notebook's own checks remain the backstop.
        """

    @field_validator("data_path", check_fields=False)
    @classmethod
    def _data_path_exists(cls, value: str) -> str:
        if value and not Path(value).is_file():
            raise ValueError(f"no such file: {value}")
        return value


class FiscalPressureParams(AnalysisParams):
    """Fiscal pressure: revenue against GDP on both bases, buoyancy, gaps and spending scenarios."""

    start_year: int = P(2019, "First year of the growth comparison", "year", ge=2012, le=2024)
    end_year: int = P(2021, "Last year of the growth comparison", "year", ge=2012, le=2024)
    gdp_basis: Literal["real", "nominal", "both"] = P(
        "both", "GDP growth basis to compare revenue against", "category"
    )
    gdp_vintage: Literal["revised", "preliminary"] = P(
        "revised",
        "GDP vintage for levels and real growth (never mixed in one rate)",
        "category",
        "NBS preliminary communiqués vs final verification",
    )
    multiple_reading: Literal["by", "to"] = P(
        "by",
        "Reading of 增加了近1.5倍: by means 2.5x the base, to means 1.5x the base",
        "category",
        "Article F8; Chinese usage",
    )
    governance_multiple: float = P(
        1.5, "Quoted increase of Shanghai grassroots-governance spending", "multiple", "Article F8",
        gt=0,
    )
    governance_years: int = P(
        5, "Years over which the quoted increase happened (2016-2020)", "years", "Article F8", ge=1
    )
    governance_share_base: float = P(
        0.05,
        "Governance spending as a share of revenue in the base year (assumption)",
        "fraction of revenue",
        gt=0,
        lt=1,
    )
    revenue_growth: float = P(
        0.04, "Scenario annual nominal revenue growth", "fraction per year", ge=-0.5, le=1
    )
    spending_growth: float = P(
        -1.0,
        "Scenario annual governance-spending growth; -1 uses the growth implied by the quote",
        "fraction per year",
        ge=-1,
        le=1,
    )
    horizon_years: int = P(15, "Projection horizon", "years", ge=1, le=100)
    data_path: str = P(
        "",
        "A user's national series (CSV/XLSX/Parquet: year, revenue, expenditure, gdp); "
        "empty for the shipped reference data",
        "path",
    )
    language: Literal["zh", "en"] = P("en", "Language of figure labels and captions", "category")

    @model_validator(mode="after")
    def _years_in_order(self) -> FiscalPressureParams:
        if self.start_year >= self.end_year:
            raise ValueError(
                f"start_year ({self.start_year}) must be before end_year ({self.end_year})"
            )
        return self


ANALYSES: dict[str, type[AnalysisParams]] = {
    "fiscal_pressure": FiscalPressureParams,
}


def describe(model: type[AnalysisParams]) -> list[dict[str, Any]]:
    """One row per parameter: name, type, default, unit, description and source."""
    rows = []
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra or {}
        ann = field.annotation
        type_name = getattr(ann, "__name__", None) or str(ann).replace("typing.", "")
        if str(ann).startswith("typing.Literal"):
            type_name = " | ".join(repr(a) for a in ann.__args__)
        rows.append(
            {
                "name": name,
                "type": type_name,
                "default": field.default,
                "unit": extra.get("unit", ""),
                "description": field.description or "",
                "source": extra.get("source", ""),
            }
        )
    return rows


def defaults(analysis: str) -> dict[str, Any]:
    """The model's default value of every parameter."""
    return model_for(analysis)().model_dump()


def model_for(analysis: str) -> type[AnalysisParams]:
    """The parameter model of ``analysis``, or an InputError listing the known analyses."""
    try:
        return ANALYSES[analysis]
    except KeyError:
        known = ", ".join(sorted(ANALYSES))
        raise InputError(f"unknown analysis '{analysis}'; expected one of: {known}") from None


def _yaml_with_lines(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Load a YAML mapping safely and remember the line of every top-level key."""
    if not path.is_file():
        raise InputError(f"parameter file not found: {path}")
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{where}: malformed YAML: {problem}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise InputError(
            f"{path}: expected a mapping of parameter: value, got a {type(data).__name__}"
        )
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[key_node.value] = key_node.start_mark.line + 1
    return data, lines


def parse_flag(flag: str) -> tuple[str, Any]:
    """Split ``name=value`` and parse the value as a YAML scalar or list."""
    name, sep, raw = flag.partition("=")
    name = name.strip()
    if not sep or not name:
        raise InputError(f"-p {flag}: expected name=value")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        raise InputError(f"-p {flag}: the value is not a valid YAML scalar or list") from None
    return name, value


def resolve(
    analysis: str, files: list[str | Path] = (), flags: list[str] = ()
) -> AnalysisParams:
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
    InputError
        One message naming the parameter, the offending value, what was expected and its origin.
    """
    model = model_for(analysis)
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for f in files:
        path = Path(f)
        data, lines = _yaml_with_lines(path)
        for key, value in data.items():
            values[key] = value
            origin[key] = f"{path}:{lines[key]}" if key in lines else str(path)
    for flag in flags:
        key, value = parse_flag(flag)
        values[key] = value
        origin[key] = f"-p {flag}"
    try:
        return model(**values)
    except ValidationError as exc:
        raise InputError(_explain(exc, model, values, origin)) from None


def _explain(
    exc: ValidationError, model: type[AnalysisParams], values: dict, origin: dict[str, str]
) -> str:
    """Turn pydantic's first error into one sentence with the parameter and its origin."""
    err = exc.errors()[0]
    name = str(err["loc"][0]) if err["loc"] else ""
    if err["type"] == "extra_forbidden":
        known = ", ".join(model.model_fields)
        return f"unknown parameter '{name}' (from {origin.get(name, '?')}); known: {known}"
    if not name:  # a check across fields (model validator)
        msg = err["msg"].removeprefix("Value error, ")
        culprits = [k for k in model.model_fields if k in msg and k in origin]
        where = "; ".join(f"{k} from {origin[k]}" for k in culprits) or "defaults"
        return f"invalid parameters: {msg} ({where})"
    field = model.model_fields[name]
    unit = (field.json_schema_extra or {}).get("unit", "")
    expected = err["msg"].removeprefix("Value error, ")
    return (
        f"parameter '{name}' = {values.get(name)!r} (from {origin.get(name, 'default')}): "
        f"{expected}" + (f" [unit: {unit}]" if unit else "")
    )


def check(analysis: str, namespace: dict[str, Any]) -> AnalysisParams:
    """The notebook's validation call: check the parameters cell's values against the model.

    Call it right after the parameters cell as ``p = check("fiscal_pressure", globals())``. It
    picks the model's fields out of ``namespace`` (papermill's injected values included), raises
    one InputError on a bad value, and starts the notebook's outputs folder.
    """
    from workbench.results import begin

    model = model_for(analysis)
    missing = [k for k in model.model_fields if k not in namespace]
    if missing:
        raise InputError(f"the parameters cell does not define: {', '.join(missing)}")
    values = {k: namespace[k] for k in model.model_fields}
    try:
        validated = model(**values)
    except ValidationError as exc:
        origin = {k: "the notebook's parameters" for k in values}
        raise InputError(_explain(exc, model, values, origin)) from None
    begin(analysis)
    return validated
