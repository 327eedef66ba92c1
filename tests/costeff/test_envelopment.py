"""Data envelopment analysis: hand-checked textbook cases, bad arguments and properties."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from workbench.costeff import dea
from workbench.costeff import envelopment as ce


def test_dea_one_input_one_output_crs_is_ratio_over_best():
    x = np.array([2.0, 4.0, 5.0, 8.0])
    y = np.array([1.0, 3.0, 2.0, 4.0])
    ratio = y / x
    np.testing.assert_allclose(dea(x, y), ratio / ratio.max(), atol=1e-8)
    np.testing.assert_allclose(dea(x, y, orientation="output"), ratio / ratio.max(), atol=1e-8)


def test_dea_textbook_two_inputs():
    """Cooper, Seiford & Tone (2007), two inputs and one unit output, checked by hand.

    A (4,3) projects onto segment E(2,4)-D(4,2) at (24/7, 18/7): theta = 6/7.
    B (7,3) projects onto segment D(4,2)-C(8,1) at (84/19, 36/19): theta = 12/19.
    F (10,1) is radially efficient but has a slack of 2 in input 1 against C (8,1).
    """
    x = pd.DataFrame({"x1": [4, 7, 8, 4, 2, 10], "x2": [3, 3, 1, 2, 4, 1]}, index=list("ABCDEF"))
    y = pd.Series(1.0, index=x.index, name="y")
    scores = dea(x, y)
    assert isinstance(scores, pd.Series)
    expected = [Fraction(6, 7), Fraction(12, 19), 1, 1, 1, 1]
    np.testing.assert_allclose(scores.to_numpy(), [float(v) for v in expected], atol=1e-8)
    res = ce.dea_details(x, y)
    tab = res.table
    assert tab["efficient"].tolist() == [False, False, True, True, True, False]
    assert tab.loc["F", "slack_x1"] == pytest.approx(2.0)
    assert tab.loc["A", "slack_x1"] == pytest.approx(0.0, abs=1e-8)
    assert tab.loc["A", ["target_x1", "target_x2"]].tolist() == pytest.approx([24 / 7, 18 / 7])
    assert set(tab.loc["A", "peers"].split(", ")) == {"D", "E"}
    # B = (17/19) D + (2/19) C, solved by hand from the projection point
    assert res.lambdas.loc["B", "D"] == pytest.approx(17 / 19)
    assert res.lambdas.loc["B", "C"] == pytest.approx(2 / 19)
    # Pareto-efficient units first, then F (radially efficient with slack), then A, B
    assert tab["rank"].to_dict() == {"A": 5, "B": 6, "C": 1, "D": 1, "E": 1, "F": 4}


def test_dea_vrs_hand_case():
    x = np.array([1.0, 2.0, 4.0, 3.0])
    y = np.array([1.0, 3.0, 4.0, 2.0])
    crs = dea(x, y, "crs")
    vrs = dea(x, y, "vrs")
    np.testing.assert_allclose(crs, [2 / 3, 1, 2 / 3, 4 / 9], atol=1e-8)
    np.testing.assert_allclose(vrs, [1, 1, 1, 0.5], atol=1e-8)  # (1.5, 2) on the VRS frontier


@pytest.mark.parametrize(
    ("inputs", "outputs", "kwargs", "fragment"),
    [
        (
            pd.DataFrame({"a": [1, 0, 2], "b": [1, 0, 3]}, index=["u1", "u2", "u3"]),
            [1, 1, 1],
            {},
            "unit 'u2' has all-zero inputs in data row 2",
        ),
        (pd.DataFrame({"a": [1, -1, 2]}), [1, 1, 1], {}, "column 'a' has negative input values"),
        ([[1], [2]], [1, 1, 1], {}, "inputs have 2 units but outputs have 3"),
        ([1, 2, 3], [1, 0, 1], {"orientation": "output"}, "unit '2' has all-zero outputs"),
        ([1, 2], [0, 0], {}, "every unit has all-zero outputs"),
        ([1, 2], [1, 1], {"rts": "drs"}, "rts must be 'crs' or 'vrs'"),
        ([1, np.nan], [1, 1], {}, "missing or infinite"),
    ],
)
def test_dea_bad_inputs(inputs, outputs, kwargs, fragment):
    with pytest.raises(ValueError) as err:
        dea(inputs, outputs, **kwargs)
    assert fragment in str(err.value)


def test_dea_infeasible_programme_is_reported(monkeypatch):
    failed = ce.highs.Solution(2, None, "The problem is infeasible.")
    monkeypatch.setattr(ce.highs, "solve", lambda *a, **k: failed)
    x = pd.DataFrame({"spend": [1.0, 2.0]}, index=["north", "south"])
    with pytest.raises(ValueError, match=r"unit 'north' \(data row 1\) is infeasible"):
        dea(x, [1.0, 1.0])


positive = st.floats(0.1, 100.0, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    arrays(float, st.tuples(st.integers(2, 12), st.just(2)), elements=positive),
    st.data(),
    st.floats(0.01, 1000.0),
)
def test_dea_properties(x, data, factor):
    n = x.shape[0]
    y = data.draw(arrays(float, (n, 2), elements=positive))
    with np.errstate(all="raise"):
        crs = dea(x, y, "crs")
        vrs = dea(x, y, "vrs")
        scaled = dea(x * np.array([factor, 1.0]), y, "crs")
        out_crs = dea(x, y, "crs", orientation="output")
    for s in (crs, vrs):
        assert ((s >= 0) & (s <= 1)).all()
        assert (s >= 1 - 1e-6).any()
    assert (vrs >= crs - 1e-6).all()
    np.testing.assert_allclose(scaled, crs, atol=1e-6)
    np.testing.assert_allclose(out_crs, crs, atol=1e-6)


def test_dea_details_on_synthetic_programmes():
    from workbench.synth import programmes

    df = programmes(n=40, seed=7)
    res = ce.dea_details(
        df.set_index("unit_id")[["tech_spend", "staff_cost"]],
        df.set_index("unit_id")[["service_precision"]],
        rts="vrs",
    )
    tab = res.table
    assert tab["efficient"].sum() >= 1
    assert (tab["target_tech_spend"] <= df.set_index("unit_id")["tech_spend"] + 1e-6).all()
    assert np.allclose(res.lambdas.sum(axis=1), 1.0, atol=1e-6)  # VRS convexity
    sav = ce.potential_savings(df["tech_spend"] + df["staff_cost"], res.scores.to_numpy())
    assert (sav >= 0).all()


def test_potential_savings():
    assert ce.potential_savings(100.0, 0.75) == pytest.approx(25.0)
    with pytest.raises(ValueError, match="scores must be in"):
        ce.potential_savings([1.0], [1.5])
