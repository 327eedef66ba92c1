"""The staff cut and its coefficient: the article's hypothesis as a covariate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.costeff import response as ce
from workbench.costeff import staffing


@pytest.fixture(scope="module")
def hill_fit():
    rng = np.random.default_rng(0)
    x = rng.lognormal(np.log(4e6), 0.8, 400)
    y = 0.4 + 0.3 * x**2 / (3e6**2 + x**2) + rng.normal(0, 0.02, 400)
    return (ce.fit_response(x, y, "hill"),)


def test_staff_cut_and_its_coefficient(hill_fit):
    assert staffing.staff_cut([0.0, 50.0, 100.0, 200.0], 100.0).tolist() == [1.0, 0.5, 0.0, 0.0]
    with pytest.raises(ValueError, match="reference must be > 0"):
        staffing.staff_cut([1.0], 0.0)
    with pytest.raises(ValueError, match="no parameter 'beta_staff_cut'"):
        staffing.staff_coefficient(hill_fit[0])


def test_staff_coefficient_recovers_a_built_in_penalty():
    rng = np.random.default_rng(4)
    x = rng.lognormal(np.log(4e6), 0.6, 500)
    staff = rng.lognormal(np.log(4e6), 0.3, 500)
    cut = staffing.staff_cut(staff, 4e6)
    y = 0.4 + 0.3 * x**1.5 / (4e6**1.5 + x**1.5) - 0.15 * cut + rng.normal(0, 0.02, 500)
    fit = ce.fit_response(x, y, "hill", covariates=pd.DataFrame({"staff_cut": cut}))
    beta, low, high = staffing.staff_coefficient(fit)
    assert low < -0.15 < high
    assert isinstance(low, float) and isinstance(high, float)
