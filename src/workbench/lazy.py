"""Lazy re-exports for a package ``__init__`` (PEP 562), so importing one submodule stays cheap.

An analysis package re-exports its contract names (``workbench.fiscal.cagr`` ...) from its
compute modules. Imported eagerly, those would load statsmodels, SciPy and scikit-learn whenever
any submodule is imported, the runner's pre-kernel data check (``<package>.schema``) included.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def exports(
    package: str, homes: dict[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names load on first use.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    homes : dict
        Re-exported name -> the module that defines it.
    namespace : dict
        The package's ``globals()``; a loaded name is cached there.

    Examples
    --------
    In ``workbench/fiscal/__init__.py``::

        _HOME = {"cagr": "workbench.fiscal.growth"}
        __getattr__, __dir__ = lazy.exports(__name__, _HOME, globals())
    """

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(homes[name]), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *homes})

    return __getattr__, __dir__
