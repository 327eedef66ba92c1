"""The logit: the Spector & Mazzeo (1980) vector, statsmodels margins, the top driver."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from workbench import turnover
from workbench.errors import DataError, InputError
from workbench.turnover import logit
from workbench.turnover.design import TurnoverWarning

from .conftest import CATEGORICAL, DRIVERS

X3 = ["GPA", "TUCE", "PSI"]


def test_logit_spector_coefficients_match_published_values(spector):
    with pytest.warns(TurnoverWarning, match="only 11 exits for 3 model terms"):
        fit = logit.fit_logit(spector, "GRADE", X3)
    t = fit.table.set_index("term")
    assert t.loc["GPA", "coef"] == pytest.approx(2.8261, abs=1e-4)
    assert t.loc["TUCE", "coef"] == pytest.approx(0.0952, abs=1e-4)
    assert t.loc["PSI", "coef"] == pytest.approx(2.3787, abs=1e-4)
    assert fit.intercept == pytest.approx(-13.0213, abs=1e-4)
    np.testing.assert_allclose(t["odds_ratio"], np.exp(t["coef"]))
    assert fit.n == 32 and fit.events == 11 and fit.non_events == 21


def test_logit_matches_statsmodels_margeff_and_conf_int(spector):
    with pytest.warns(TurnoverWarning, match="Peduzzi"):
        t = logit.fit_logit(spector, "GRADE", X3, alpha=0.1).table.set_index("term")
    X = sm.add_constant(spector[X3])
    res = sm.Logit(spector["GRADE"], X).fit(disp=0)
    me = res.get_margeff(at="overall").summary_frame()
    np.testing.assert_allclose(t["ame"], me["dy/dx"], rtol=1e-6)
    np.testing.assert_allclose(t["ame_se"], me["Std. Err."], rtol=1e-5)
    ci = np.exp(res.conf_int(alpha=0.1)).loc[X3]
    np.testing.assert_allclose(t["ci_low"], ci[0], rtol=1e-8)
    np.testing.assert_allclose(t["ci_high"], ci[1], rtol=1e-8)
    np.testing.assert_allclose(t["p_value"], res.pvalues[X3], rtol=1e-6)
    # binary PSI: discrete change 0 -> 1 equals statsmodels' dummy=True margeff
    dummy = res.get_margeff(at="overall", dummy=True).summary_frame()
    assert t.loc["PSI", "effect"] == pytest.approx(dummy.loc["PSI", "dy/dx"], rel=1e-6)
    assert t.loc["PSI", "effect_se"] == pytest.approx(dummy.loc["PSI", "Std. Err."], rel=1e-4)
    # continuous GPA: AME x SD
    sd = spector["GPA"].std()
    assert t.loc["GPA", "effect"] == pytest.approx(me.loc["GPA", "dy/dx"] * sd, rel=1e-6)
    assert t.loc["PSI", "change_label"] == "0 -> 1"


def test_logit_cluster_robust_matches_statsmodels(workers):
    drivers = ["monthly_pay", "weekly_hours", "has_sw_certificate"]
    with pytest.warns(TurnoverWarning, match="clusters"):
        fit = logit.fit_logit(workers, "left", drivers, cluster="district")
    t = fit.table.set_index("term")
    codes = pd.factorize(workers["district"])[0]
    X = sm.add_constant(workers[drivers].astype(float))
    res = sm.Logit(workers["left"], X).fit(disp=0, cov_type="cluster", cov_kwds={"groups": codes})
    np.testing.assert_allclose(t["se"], res.bse[drivers], rtol=1e-6)
    me = res.get_margeff(at="overall")
    np.testing.assert_allclose(t["ame_se"], me.margeff_se, rtol=1e-5)
    assert fit.cov_type == "cluster" and fit.n_clusters == 16


def test_logit_categorical_uses_most_frequent_reference(workers):
    fit = logit.fit_logit(workers, "left", ["monthly_pay"], ["contract_type"])
    assert fit.references == {"contract_type": "fixed_term"}
    t = fit.table
    assert set(t["term"]) == {
        "monthly_pay",
        "contract_type[T.agency]",
        "contract_type[T.open_ended]",
    }
    lv = t.set_index("term").loc["contract_type[T.agency]"]
    assert lv["kind"] == "level" and lv["change_label"] == "fixed_term -> agency"
    # the level effect equals a hand computation of the average discrete change
    X = sm.add_constant(
        pd.get_dummies(workers[["monthly_pay", "contract_type"]], dtype=float).drop(
            columns="contract_type_fixed_term"
        )
    )
    res = sm.Logit(workers["left"], X).fit(disp=0)
    x1 = X.assign(contract_type_agency=1.0, contract_type_open_ended=0.0)
    x0 = X.assign(contract_type_agency=0.0, contract_type_open_ended=0.0)
    hand = (res.predict(x1) - res.predict(x0)).mean()
    assert lv["effect"] == pytest.approx(hand, rel=1e-8)
    with pytest.raises(ValueError, match="reference level"):
        logit.fit_logit(
            workers, "left", ["monthly_pay"], ["contract_type"], reference={"contract_type": "x"}
        )


def test_top_driver_is_largest_probability_effect(workers):
    t = logit.fit_logit(workers, "left", DRIVERS, CATEGORICAL).table
    name, effect = logit.top_driver(t)
    eligible = t[t["kind"] != "level"]
    assert abs(effect) == pytest.approx(eligible["effect"].abs().max())
    assert name == "monthly_pay" and effect < 0
    _, eff_all = logit.top_driver(t, include_categorical=True)
    assert abs(eff_all) >= abs(effect)
    with pytest.raises(DataError, match="no driver has an estimable effect"):
        logit.top_driver(t.assign(effect=np.nan))


def test_fit_errors(small):
    with pytest.raises(InputError, match="perfectly collinear"):
        logit.fit_logit(
            small.assign(pay2=small["monthly_pay"] * 2), "left", ["monthly_pay", "pay2"]
        )
    with pytest.raises(InputError, match="no worker left"):
        logit.fit_logit(small.assign(left=0), "left", ["monthly_pay"])
    with pytest.raises(InputError, match="cluster column 'nope' not found"):
        logit.fit_logit(small, "left", ["monthly_pay"], cluster="nope")
    with pytest.raises(ValueError, match="alpha"):
        logit.fit_logit(small, "left", ["monthly_pay"], alpha=0)
    with pytest.raises(ValueError, match="no drivers"):
        logit.fit_logit(small, "left", [], [])


def test_the_contract_signature_is_unchanged():
    sig = inspect.signature(turnover.fit_logit)
    assert turnover.fit_logit is logit.fit_logit
    assert list(sig.parameters) == [
        "df",
        "outcome",
        "drivers",
        "categorical",
        "cluster",
        "alpha",
        "reference",
        "source_label",
        "check_separation",
    ]
    d = {k: v.default for k, v in sig.parameters.items()}
    assert d["outcome"] == "left" and d["categorical"] == () and d["cluster"] is None
    assert d["drivers"] == (
        "age",
        "monthly_pay",
        "weekly_hours",
        "duty_overlap",
        "has_sw_certificate",
        "professional_identity",
        "resident_recognition",
    )
    assert d["alpha"] == 0.05 and d["check_separation"] is True
    assert d["source_label"] == "the workers data" and d["reference"] is None
