"""Shared fixtures of the funding-distribution tests: the shipped organisations, one result."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import params
from workbench.funding import run
from workbench.params import FundingDistributionParams
from workbench.paths import PARAMETERS
from workbench.synth import organisations

US_EXAMPLE = PARAMETERS / "funding_distribution" / "us_990_example.yaml"


@pytest.fixture(scope="session")
def orgs() -> pd.DataFrame:
    """The synthetic organisations (seed 20220418), as shipped."""
    return organisations()


@pytest.fixture(scope="session")
def default_params() -> FundingDistributionParams:
    return FundingDistributionParams()


@pytest.fixture(scope="session")
def default_result(default_params):
    """The default run's result, in-process (no notebook)."""
    return run(default_params)


@pytest.fixture(scope="session")
def us_params() -> FundingDistributionParams:
    return params.resolve("funding_distribution", [US_EXAMPLE])


@pytest.fixture(scope="session")
def us_result(us_params):
    """The US Form 990 example's result (real records, no groups, zero totals dropped)."""
    return run(us_params)
