"""Declaring the key numbers an analysis writes to ``results.json``: unit, labels, description.

Each analysis package declares its keys once, next to the code that computes them::

    KEYS = declare(
        revenue_growth_cumulative=Key("fraction", "Revenue growth, cumulative", "收入累计增长",
                                      "Growth of national revenue from start_year to end_year"),
        ...
    )

The run folder carries them as ``results.schema.json`` beside ``results.json``, so a brief or a
comparison can label and format every number (:func:`workbench.units.fmt`) without guessing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from workbench.units import UNITS

SCHEMA_FILE = "results.schema.json"


@dataclass(frozen=True)
class Key:
    """One ``results.json`` key.

    Parameters
    ----------
    unit : str
        One of :data:`workbench.units.UNITS`; for a list or mapping, the unit of its values.
    en, zh : str
        Short human labels, for table headers and briefs.
    description : str
        One line saying exactly what the number is (English).
    """

    unit: str
    en: str
    zh: str
    description: str

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}; expected one of {', '.join(UNITS)}")
        for name in ("en", "zh", "description"):
            if not getattr(self, name).strip():
                raise ValueError(f"a result key needs a non-empty {name}")

    def label(self, lang: str = "en") -> str:
        """The label in ``lang`` (``en`` or ``zh``)."""
        return self.zh if lang == "zh" else self.en


DATA_KIND = Key(
    "category",
    "Kind of data",
    "数据类型",
    "reference (sourced public figures), synthetic (illustrative) or user (the user's file)",
)


def declare(**keys: Key) -> dict[str, Key]:
    """The keys of one analysis, in order; ``data_kind`` is always first."""
    return {"data_kind": DATA_KIND, **keys}


def check(numbers: Mapping[str, Any], keys: Mapping[str, Key]) -> None:
    """Raise ValueError unless ``numbers`` has exactly the declared ``keys``."""
    undeclared = [k for k in numbers if k not in keys]
    missing = [k for k in keys if k not in numbers]
    if undeclared or missing:
        raise ValueError(
            f"results do not match their declared keys: undeclared {undeclared}, missing {missing}"
        )


def schema(keys: Mapping[str, Key]) -> dict[str, dict[str, str]]:
    """The ``results.schema.json`` content: key -> unit, en, zh, description."""
    return {name: asdict(key) for name, key in keys.items()}
