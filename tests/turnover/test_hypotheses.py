"""The article's claims as verdicts, and the check against the synthetic truth."""

from __future__ import annotations

import numpy as np
import pytest

from workbench import synth
from workbench.turnover import hypotheses, logit

from .conftest import CATEGORICAL, DRIVERS


@pytest.fixture(scope="module")
def table(workers):
    return logit.estimate_logit(workers, "left", DRIVERS, CATEGORICAL).fit.table


def test_check_hypotheses_verdicts(table):
    h = hypotheses.check_hypotheses(table, alpha=0.05).set_index("driver")
    # the synthetic truth: pay, hours, overlap, identity and the certificate matter as the
    # article says; residents' recognition (status) is a true null
    for d in ("monthly_pay", "weekly_hours", "duty_overlap", "professional_identity"):
        assert h.loc[d, "verdict"] == "supported", d
    assert h.loc["resident_recognition", "verdict"] == "no clear association"
    assert h.loc["monthly_pay", "effect"] == pytest.approx(
        table.set_index("term").loc["monthly_pay", "effect"]
    )
    flipped = hypotheses.check_hypotheses(table, {"monthly_pay": (1, "pay raises turnover")})
    assert flipped.loc[0, "verdict"] == "contradicted"
    absent = hypotheses.check_hypotheses(table, {"overtime": (1, "overtime")})
    assert absent.loc[0, "verdict"].startswith("not tested")
    nan = table.assign(effect=np.where(table["term"] == "weekly_hours", np.nan, table["effect"]))
    assert hypotheses.check_hypotheses(nan).set_index("driver").loc["weekly_hours", "verdict"] == (
        "not estimable"
    )
    with pytest.raises(ValueError, match="expected sign"):
        hypotheses.check_hypotheses(table, {"age": (0, "age")})


def test_compare_with_truth_recovers_the_synthetic_effects(workers, table):
    tc = hypotheses.compare_with_truth(table, synth.WORKERS_TRUE_LOGIT, rank_tolerance=1)
    c = tc.table.set_index("term")
    assert tc.signs_recovered and tc.ranks_recovered
    assert tc.top_true == tc.top_estimated == "monthly_pay"
    assert tc.n_compared == len(table)  # cert_x_young is not in the main-effects model
    assert c.loc["cert_x_young", "note"].startswith("not in the model")
    # per-SD effect = coefficient x the driver's SD in the data
    sd = workers["weekly_hours"].std(ddof=1)
    assert c.loc["weekly_hours", "true_per_sd"] == pytest.approx(0.1 * sd)
    assert c.loc["weekly_hours", "coef_per_sd"] == pytest.approx(
        table.set_index("term").loc["weekly_hours", "coef"] * sd
    )
    # a true null is recovered when the interval covers 0
    assert c.loc["resident_recognition", "sign_recovered"]
    assert (
        c.loc["resident_recognition", "coef_ci_low"]
        < 0
        < c.loc["resident_recognition", "coef_ci_high"]
    )
    assert set(tc.missed) <= {"age", "has_sw_certificate"} and tc.wrong_signs == []
    # a wrong sign and a strict rank tolerance are caught
    flipped = dict(synth.WORKERS_TRUE_LOGIT, weekly_hours=-0.1)
    bad = hypotheses.compare_with_truth(table, flipped, rank_tolerance=0)
    assert not bad.signs_recovered and not bad.ranks_recovered
