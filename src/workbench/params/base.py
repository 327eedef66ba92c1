"""The base of every analysis's parameter model, and the field helper that describes a parameter."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from workbench.paths import PROJECT_ROOT

SEED_MAX = 2**32 - 1  # the largest seed scikit-learn accepts (NumPy takes more)


def P(
    default: Any,
    description: str,
    unit: str,
    source: str | None = None,
    *,
    help: str | None = None,
    label: tuple[str, str] | None = None,
    **constraints: Any,
):
    """A parameter field: default, one-line description, unit, source and a short help.

    Parameters
    ----------
    default : Any
        The default value; the only place it is written (the notebook's parameters cell and
        ``parameters/<analysis>/default.yaml`` are generated from it).
    description : str
        One line saying what the parameter does.
    unit : str
        Its unit (``year``, ``fraction per year``, ``yuan``, ``category``, ``flag`` ...).
    source : str
        Where the default comes from (a dated citation), ``assumption: ...`` for an assumption
        about the world, or ``choice`` for a setting of the analysis.
    help : str, optional
        A short comment for the notebook's parameters cell (the line stays within 100
        characters); default: the description.
    label : (str, str), optional
        A short label in English and Chinese, for axes, tables and the scenario explorers.
    **constraints
        pydantic constraints (``ge``, ``le``, ``min_length`` ...).
    """
    extra = {"unit": unit}
    if source:
        extra["source"] = source
    if help:
        extra["help"] = help
    if label:
        extra["label"] = list(label)
    return Field(default, description=description, json_schema_extra=extra, **constraints)


class AnalysisParams(BaseModel):
    """Shared behaviour: unknown names are errors, and values are checked on assignment too."""

    # Unknown names are errors; values are checked on assignment too; infinity and NaN are
    # refused (no parameter here has a meaning for them).
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    ANALYSIS: ClassVar[str] = ""  # the analysis name, e.g. "fiscal_pressure"
    PACKAGE: ClassVar[str] = ""  # its package under workbench, e.g. "fiscal"
    TITLE: ClassVar[tuple[str, str]] = ("", "")  # its name in English and Chinese

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans_as_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        """``true`` is not 1: a boolean given for a number (or a list of numbers) is an error."""
        field = cls.model_fields[info.field_name]
        numeric = field.annotation in (int, float) or str(field.annotation) in (
            "list[int]",
            "list[float]",
        )
        items = value if isinstance(value, list) else [value]
        if numeric and any(isinstance(v, bool) for v in items):
            raise ValueError(f"expected a number, got a boolean ({value!r})")
        return value

    @field_validator("data_path", mode="before", check_fields=False)
    @classmethod
    def _data_path_exists(cls, value: Any) -> Any:
        """A data file must exist; a relative path missing here is looked up in the project."""
        if isinstance(value, str) and value:
            path = Path(value)
            if not path.is_absolute() and not path.exists() and (PROJECT_ROOT / path).is_file():
                return str(PROJECT_ROOT / path)
            if not path.is_file():
                raise ValueError(f"no such file: {value}")
        return value
