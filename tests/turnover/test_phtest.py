"""The Grambsch-Therneau test against lifelines' proportional_hazard_test (Rossi data)."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.turnover import cox

from .conftest import ROSSI_X


@pytest.mark.parametrize("transform", ["identity", "km", "log"])
def test_ph_test_matches_lifelines(rossi, transform):
    from lifelines import CoxPHFitter
    from lifelines.statistics import proportional_hazard_test

    c = CoxPHFitter().fit(rossi, "week", "arrest")
    ref = proportional_hazard_test(c, rossi, time_transform=transform).summary
    ph = cox.ph_test(rossi, "week", "arrest", ROSSI_X, transform=transform).set_index("term")
    np.testing.assert_allclose(
        ph.loc[ROSSI_X, "chi2"], ref.loc[ROSSI_X, "test_statistic"], rtol=1e-3
    )
    np.testing.assert_allclose(ph.loc[ROSSI_X, "p_value"], ref.loc[ROSSI_X, "p"], atol=1e-4)
    # age violates PH in the Rossi data (Fox & Weisberg), wexp too
    assert ph.loc["age", "p_value"] < 0.01
    assert ph.loc["GLOBAL", "df"] == len(ROSSI_X)


def test_ph_rank_transform_matches_lifelines_without_ties(rossi):
    from lifelines import CoxPHFitter
    from lifelines.statistics import proportional_hazard_test

    d = rossi.copy()
    d["week"] = d["week"] + np.random.default_rng(1).uniform(0, 0.5, len(d))
    c = CoxPHFitter().fit(d, "week", "arrest")
    ref = proportional_hazard_test(c, d, time_transform="rank").summary
    ph = cox.ph_test(d, "week", "arrest", ROSSI_X, transform="rank").set_index("term")
    np.testing.assert_allclose(
        ph.loc[ROSSI_X, "chi2"], ref.loc[ROSSI_X, "test_statistic"], rtol=1e-3
    )


def test_the_fit_carries_the_same_test(rossi):
    fit = cox.estimate_cox(rossi, "week", "arrest", ROSSI_X, (), ph_transform="log")
    alone = cox.ph_test(rossi, "week", "arrest", ROSSI_X, transform="log")
    np.testing.assert_allclose(fit.ph["chi2"], alone["chi2"])
    assert fit.ph_global_p_value == pytest.approx(float(alone["p_value"].iloc[-1]))
