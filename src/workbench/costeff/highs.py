"""Linear programmes solved by HiGHS exactly as ``scipy.optimize.linprog(method="highs")`` does,
without its per-call Python work.

DEA solves one small programme per unit and phase: 1,200 in a default cost-effectiveness run.
``linprog`` spends about three quarters of each call in Python around the solver (checking
every option again, building a fresh option manager, reading the marginals column by column,
assembling its result), not in HiGHS. :func:`solve` hands HiGHS the same model (the same
compressed-column matrix, row bounds, column bounds and infinity), with the same options that
``linprog`` sets by default, and checks the solution with scipy's own check, so it returns the
same vertex, bit for bit (``tests/costeff/test_highs.py`` compares the two).

It uses scipy's bundled HiGHS (``scipy.optimize._highspy``), whose version the lock file pins.

References
----------
Huangfu Q, Hall JAJ (2018). Parallelizing the dual revised simplex method. *Mathematical
Programming Computation* 10: 119-142.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.optimize._highspy._core as _core
from scipy.optimize._linprog_util import _check_result
from scipy.sparse import csc_array

#: The options linprog(method="highs") sets when it is given none (the others stay HiGHS's own).
_OPTIONS = {
    "presolve": "on",
    "highs_debug_level": _core.HighsDebugLevel.kHighsDebugLevelNone,
    "log_to_console": False,
    "output_flag": False,
    "simplex_strategy": _core.simplex_constants.SimplexStrategy.kSimplexStrategyDual,
}
_TOL = 1e-9  # linprog's default tolerance for its check of the solution


@dataclass(frozen=True)
class Solution:
    """``status`` as linprog reports it (0 optimal, 2 infeasible, 3 unbounded, 4 numerical
    trouble), ``x`` the solution (None unless optimal) and ``message``."""

    status: int
    x: np.ndarray | None
    message: str


def _options():
    options = _core.HighsOptions()
    for key, value in _OPTIONS.items():
        setattr(options, key, value)
    return options


def _finite(values: np.ndarray) -> np.ndarray:
    """Infinite bounds as HiGHS's infinity (as linprog passes them)."""
    out = np.array(values, dtype=float)
    out[np.isposinf(out)] = _core.kHighsInf
    out[np.isneginf(out)] = -_core.kHighsInf
    return out


def solve(
    c: np.ndarray,
    a_ub: np.ndarray | None = None,
    b_ub: np.ndarray | None = None,
    a_eq: np.ndarray | None = None,
    b_eq: np.ndarray | None = None,
) -> Solution:
    """Minimise ``c @ x`` subject to ``a_ub @ x <= b_ub``, ``a_eq @ x == b_eq``, ``x >= 0``.

    Parameters
    ----------
    c : ndarray, shape (n,)
        Objective coefficients.
    a_ub, b_ub : ndarray, shape (p, n) and (p,), optional
        Inequality constraints (dense).
    a_eq, b_eq : ndarray, shape (q, n) and (q,), optional
        Equality constraints (dense).

    Returns
    -------
    Solution
        As ``linprog(c, a_ub, b_ub, a_eq, b_eq, bounds=(0, None), method="highs")`` would give:
        the same status and the same ``x``.
    """
    c = np.asarray(c, dtype=float)
    n = c.size
    a_ub = np.zeros((0, n)) if a_ub is None else np.asarray(a_ub, dtype=float)
    b_ub = np.zeros(0) if b_ub is None else np.asarray(b_ub, dtype=float)
    a_eq = np.zeros((0, n)) if a_eq is None else np.asarray(a_eq, dtype=float)
    b_eq = np.zeros(0) if b_eq is None else np.asarray(b_eq, dtype=float)
    matrix = csc_array(np.vstack((a_ub, a_eq)))
    lower = _finite(np.concatenate((np.full(b_ub.size, -np.inf), b_eq)))
    upper = _finite(np.concatenate((b_ub, b_eq)))

    lp = _core.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = upper.size
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = upper.size
    lp.a_matrix_.format_ = _core.MatrixFormat.kColwise
    lp.col_cost_ = c
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.full(n, _core.kHighsInf)
    lp.row_lower_ = lower
    lp.row_upper_ = upper
    lp.a_matrix_.start_ = matrix.indptr
    lp.a_matrix_.index_ = matrix.indices
    lp.a_matrix_.value_ = matrix.data

    highs = _core._Highs()
    highs.passOptions(_options())
    if highs.passModel(lp) == _core.HighsStatus.kError:
        return Solution(2, None, "the model could not be loaded")
    if highs.run() == _core.HighsStatus.kError:
        return Solution(4, None, highs.modelStatusToString(highs.getModelStatus()))
    model_status = highs.getModelStatus()
    message = highs.modelStatusToString(model_status)
    if model_status != _core.HighsModelStatus.kOptimal:
        infeasible = model_status == _core.HighsModelStatus.kInfeasible
        unbounded = model_status == _core.HighsModelStatus.kUnbounded
        return Solution(2 if infeasible else 3 if unbounded else 4, None, message)
    solution = highs.getSolution()
    x = np.array(solution.col_value)
    slack = upper - np.array(solution.row_value)
    bounds = np.column_stack((np.zeros(n), np.full(n, np.inf)))
    status, message = _check_result(
        x,
        highs.getInfo().objective_function_value,
        0,
        slack[: b_ub.size],
        slack[b_ub.size :],
        bounds,
        _TOL,
        message,
        None,
    )
    return Solution(status, x if status == 0 else None, message)
