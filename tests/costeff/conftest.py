"""Shared fixtures of the costeff tests: float errors raise, one in-process default result."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(autouse=True)
def _raise_on_float_errors():
    """A division by zero or an invalid operation cannot hide as inf or NaN in a result."""
    with np.errstate(all="raise"):
        yield


@pytest.fixture
def dampack() -> pd.DataFrame:
    """The dampack ``calculate_icers`` vignette example."""
    return pd.DataFrame(
        {
            "strategy": ["E", "D", "C", "B", "A", "UC"],
            "cost": [55000, 35000, 25000, 10000, 12000, 5000],
            "effect": [5, 4, 3, 2, 1.5, 1],
        }
    )


@pytest.fixture(scope="session")
def default_result():
    """``run(Model())`` once per session (about 3 s), shared by the assembly tests.

    It runs under numpy's usual error handling, not the compute tests' raise-on-float-errors:
    scipy's optimisers underflow harmlessly on the way.
    """
    from workbench.costeff import run
    from workbench.params import TechCostEffectivenessParams

    with np.errstate(all="ignore"):
        return run(TechCostEffectivenessParams())
