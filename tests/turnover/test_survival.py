"""Kaplan-Meier curves against lifelines and a hand computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.errors import DataError
from workbench.turnover import survival


def test_kaplan_meier_matches_lifelines(rossi):
    from lifelines import KaplanMeierFitter

    km = survival.km_curves(rossi, "week", "arrest", group="fin")
    for lv, g in rossi.groupby("fin"):
        ref = KaplanMeierFitter().fit(g["week"], g["arrest"])
        mine = km[(km["group"] == str(lv)) & (km["time"] > 0)]
        expect = ref.survival_function_.loc[mine["time"].to_numpy(), "KM_estimate"].to_numpy()
        np.testing.assert_allclose(mine["survival"], expect, rtol=1e-10)
        ci = ref.confidence_interval_.loc[mine["time"].to_numpy()].to_numpy()
        np.testing.assert_allclose(mine["ci_low"], ci[:, 0], rtol=1e-6)
        np.testing.assert_allclose(mine["ci_high"], ci[:, 1], rtol=1e-6)
    s = survival.km_summary(rossi, "week", "arrest", group="fin", times=(52.0,))
    assert list(s["n"]) == [216, 216] and s["median_tenure"].isna().all()


def test_km_by_hand():
    df = pd.DataFrame({"t": [1.0, 2.0, 2.0, 3.0, 4.0], "e": [1, 1, 0, 1, 0]})
    s = survival.km_curves(df, "t", "e").set_index("time")["survival"]
    assert s[1.0] == pytest.approx(4 / 5)
    assert s[2.0] == pytest.approx(4 / 5 * 3 / 4)
    assert s[3.0] == pytest.approx(4 / 5 * 3 / 4 * 1 / 2)
    summary = survival.km_summary(df, "t", "e", times=(2.5,))
    assert summary.loc[0, "survival_2.5y"] == pytest.approx(0.6)
    assert summary.loc[0, "median_tenure"] == 3.0


def test_km_with_delayed_entry_matches_lifelines(small):
    from lifelines import KaplanMeierFitter

    km = survival.km_curves(small, entry="tenure_start_years")
    ref = KaplanMeierFitter().fit(
        small["tenure_years"], small["left"], entry=small["tenure_start_years"]
    )
    mine = km[km["time"] > 0]
    expect = ref.survival_function_.loc[mine["time"].to_numpy(), "KM_estimate"].to_numpy()
    np.testing.assert_allclose(mine["survival"], expect, rtol=1e-8)


def test_bad_survival_data():
    df = pd.DataFrame({"t": [1.0, 0.0], "e": [1, 0], "g": ["a", None]})
    with pytest.raises(DataError, match=r"'t'.*data row 2 \(0.0\)"):
        survival.km_curves(df, "t", "e")
    with pytest.raises(DataError, match="grouping column 'g' is missing in data row 2"):
        survival.km_curves(df.assign(t=[1.0, 2.0]), "t", "e", group="g")
