"""HiGHS called directly: the same status and the same solution as scipy's linprog."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from workbench.costeff import envelopment, highs


def linprog(c, a_ub=None, b_ub=None, a_eq=None, b_eq=None):
    return optimize.linprog(
        c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs"
    )


SOLVE = highs.solve  # (a test below records the calls DEA makes)


def same(c, a_ub=None, b_ub=None, a_eq=None, b_eq=None) -> highs.Solution:
    ours = SOLVE(c, a_ub, b_ub, a_eq, b_eq)
    theirs = linprog(c, a_ub, b_ub, a_eq, b_eq)
    assert ours.status == theirs.status, (ours.message, theirs.message)
    if theirs.status == 0:
        np.testing.assert_array_equal(ours.x, theirs.x)  # bit for bit: the same vertex
    else:
        assert ours.x is None
    return ours


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 30),
    rows=st.integers(0, 4),
    equality=st.booleans(),
    sparsity=st.floats(0, 0.8),
)
def test_random_programmes_are_solved_as_linprog_solves_them(seed, n, rows, equality, sparsity):
    rng = np.random.default_rng(seed)
    c = rng.uniform(-2, 2, n)
    a_ub = rng.uniform(-3, 3, (rows, n))
    a_ub[rng.random((rows, n)) < sparsity] = 0.0
    b_ub = rng.uniform(-1, 5, rows)
    a_eq = np.ones((1, n)) if equality else None
    b_eq = np.array([1.0]) if equality else None
    same(c, a_ub if rows else None, b_ub if rows else None, a_eq, b_eq)


def test_optimal_infeasible_and_unbounded():
    assert same(np.array([1.0, 1.0]), np.array([[-1.0, -1.0]]), np.array([-2.0])).status == 0
    infeasible = same(np.array([1.0]), np.array([[1.0]]), np.array([-1.0]))
    assert infeasible.status == 2 and infeasible.x is None
    assert same(np.array([-1.0]), np.array([[-1.0]]), np.array([0.0])).status == 3


def test_dea_programmes_of_a_frontier_give_linprogs_vertices(monkeypatch):
    """Both phases on a frontier with ties and degenerate slacks (many optimal lambdas)."""
    rng = np.random.default_rng(7)
    x = np.round(rng.uniform(1, 5, (40, 2)), 1)
    y = np.round(rng.uniform(1, 3, (40, 1)), 1)
    x[5:10] = x[0]  # identical units: degenerate
    y[5:10] = y[0]
    calls = []

    def recording(*args, **kwargs):
        calls.append((args, kwargs))
        return SOLVE(*args, **kwargs)

    monkeypatch.setattr(highs, "solve", recording)
    envelopment.dea_details(pd.DataFrame(x), pd.DataFrame(y), rts="vrs")
    assert len(calls) == 80  # one programme per unit in each phase
    for args, kwargs in calls:
        same(*args, **kwargs)
