"""Data envelopment analysis: efficiency scores, slacks, targets, peers and radial savings.

Each unit (a community or district programme) turns inputs (the cost columns, yuan) into outputs
(the outcome). :func:`dea` gives the radial efficiency score of each unit against the frontier of
the best observed units, under constant (CCR) or variable (BCC) returns to scale;
:func:`dea_details` adds the second-phase slacks, input targets, peers and a ranking;
:func:`potential_savings` turns input-oriented scores into yuan.

(The module is called ``envelopment`` so that ``workbench.costeff.dea`` stays the function.)

References
----------
Charnes A, Cooper WW, Rhodes E (1978). Measuring the efficiency of decision making units.
*European Journal of Operational Research* 2(6): 429-444.
Banker RD, Charnes A, Cooper WW (1984). Some models for estimating technical and scale
inefficiencies in data envelopment analysis. *Management Science* 30(9): 1078-1092.
Cooper WW, Seiford LM, Tone K (2007). *Data Envelopment Analysis*, 2nd ed. Springer, ch. 2-3.
Farrell MJ (1957). The measurement of productive efficiency. *JRSS A* 120: 253-290.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from workbench.costeff import highs
from workbench.costeff.checks import (
    finite_array,
    numeric_column,
    require_frame,
    rows,
    scalar_or_array,
)

TOL = 1e-6  # slacks, lambdas and scores within this of their bound count as on it


@dataclass(frozen=True)
class DEAResult:
    """Result of :func:`dea_details`.

    Attributes
    ----------
    scores : pandas.Series
        Efficiency in [0, 1] per unit.
    table : pandas.DataFrame
        Per unit: ``score``, ``rank`` (1 = efficient; ties share the lowest rank; weakly efficient
        units, score 1 with slack, rank just after the efficient ones), ``efficient``
        (score 1 and all slacks 0: Pareto-Koopmans efficient), ``slack_<input>``,
        ``slack_<output>`` (in the data's units), ``target_<input>`` (efficient input levels) and
        ``peers`` (units with positive weight, comma-separated).
    lambdas : pandas.DataFrame
        Intensity weights, units x reference units.
    """

    scores: pd.Series
    table: pd.DataFrame
    lambdas: pd.DataFrame


@dataclass(frozen=True)
class _Problem:
    """Scaled inputs ``x`` (units x m) and outputs ``y`` (units x s), names and column scales."""

    x: np.ndarray
    y: np.ndarray
    input_names: list[str]
    output_names: list[str]
    index: pd.Index | None
    sx: np.ndarray
    sy: np.ndarray
    rts: str
    orientation: str

    @property
    def labels(self) -> list[str]:
        return _labels(self.index, self.x.shape[0])


def _labels(index: pd.Index | None, n: int) -> list[str]:
    return [str(i) for i in index] if index is not None else [str(i + 1) for i in range(n)]


def _as_matrix(data: object, kind: str) -> tuple[np.ndarray, list[str], pd.Index | None]:
    where = "dea"
    if isinstance(data, pd.Series):
        data = data.to_frame()
    if isinstance(data, pd.DataFrame):
        require_frame(data, where)
        names = [str(c) for c in data.columns]
        cols = [
            numeric_column(data, c, where, what=f"{kind} values", nonnegative=True)
            for c in data.columns
        ]
        return np.column_stack(cols), names, data.index
    arr = np.asarray(data, dtype=float)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(
            f"{where}: {kind}s must be a table (units x {kind}s), got shape {arr.shape}."
        )
    names = [f"{kind}_{i + 1}" for i in range(arr.shape[1])]
    for j in range(arr.shape[1]):
        finite_array(arr[:, j], f"{kind} {names[j]!r}", where)
        if (arr[:, j] < 0).any():
            raise ValueError(
                f"{where}: {kind} {names[j]!r} has negative values in {rows(arr[:, j] < 0)}; DEA "
                "needs values >= 0."
            )
    return arr, names, None


def _prepare(inputs: object, outputs: object, rts: str, orientation: str) -> _Problem:
    where = "dea"
    if rts not in ("crs", "vrs"):
        raise ValueError(f"{where}: rts must be 'crs' or 'vrs', got {rts!r}.")
    if orientation not in ("input", "output"):
        raise ValueError(f"{where}: orientation must be 'input' or 'output', got {orientation!r}.")
    x, xn, xidx = _as_matrix(inputs, "input")
    y, yn, yidx = _as_matrix(outputs, "output")
    if x.shape[0] != y.shape[0]:
        raise ValueError(f"{where}: inputs have {x.shape[0]} units but outputs have {y.shape[0]}.")
    index = xidx if xidx is not None else yidx
    labels = _labels(index, x.shape[0])
    zero_in = ~(x > 0).any(axis=1)
    if zero_in.any():
        raise ValueError(
            f"{where}: unit {labels[int(np.argmax(zero_in))]!r} has all-zero inputs in "
            f"{rows(zero_in)}; a unit must use some input."
        )
    zero_out = ~(y > 0).any(axis=1)
    if zero_out.all():
        raise ValueError(f"{where}: every unit has all-zero outputs; nothing to compare.")
    if orientation == "output" and zero_out.any():
        raise ValueError(
            f"{where}: unit {labels[int(np.argmax(zero_out))]!r} has all-zero outputs in "
            f"{rows(zero_out)}; output-oriented scores need some output. Use orientation='input'."
        )
    # Column scaling leaves DEA scores unchanged (units invariance) and helps the LP solver.
    sx = np.array([c[c > 0].mean() if (c > 0).any() else 1.0 for c in x.T])
    sy = np.array([c[c > 0].mean() if (c > 0).any() else 1.0 for c in y.T])
    return _Problem(x / sx, y / sy, xn, yn, index, sx, sy, rts, orientation)


def _phase1(prob: _Problem) -> tuple[np.ndarray, np.ndarray]:
    """Radial efficiency (theta or phi) and lambdas per unit."""
    x, y, orientation = prob.x, prob.y, prob.orientation
    n, m = x.shape
    s = y.shape[1]
    a_ub = np.zeros((m + s, n + 1))
    a_ub[:m, 1:] = x.T
    a_ub[m:, 1:] = -y.T
    a_eq = np.concatenate([[0.0], np.ones(n)])[None, :] if prob.rts == "vrs" else None
    b_eq = np.array([1.0]) if prob.rts == "vrs" else None
    cvec = np.zeros(n + 1)
    cvec[0] = 1.0 if orientation == "input" else -1.0
    radial = np.empty(n)
    lambdas = np.empty((n, n))
    b_ub = np.zeros(m + s)
    for o in range(n):
        a = a_ub.copy()
        if orientation == "input":
            a[:m, 0] = -x[o]
            b_ub[:m] = 0.0
            b_ub[m:] = -y[o]
        else:
            a[m:, 0] = y[o]
            b_ub[:m] = x[o]
            b_ub[m:] = 0.0
        res = highs.solve(cvec, a, b_ub, a_eq, b_eq)
        if res.status != 0:
            raise ValueError(
                f"dea: the linear programme for unit {prob.labels[o]!r} (data row {o + 1}) is "
                f"infeasible or unbounded ({res.message}); check its inputs and outputs."
            )
        radial[o] = res.x[0]
        lambdas[o] = res.x[1:]
    return radial, lambdas


def _scores(radial: np.ndarray, orientation: str, labels: Sequence[str]) -> np.ndarray:
    if orientation == "input":
        bad = radial > 1 + 1e-6
        score = radial
    else:
        bad = radial < 1 - 1e-6
        score = 1.0 / np.maximum(radial, 1.0)
    if bad.any():  # pragma: no cover - guarded by the LP's own feasible point
        raise ValueError(
            f"dea: solver returned an impossible score for unit {labels[int(np.argmax(bad))]!r}."
        )
    return np.clip(score, 0.0, 1.0)


def dea(
    inputs: pd.DataFrame | pd.Series | ArrayLike,
    outputs: pd.DataFrame | pd.Series | ArrayLike,
    rts: str = "crs",
    orientation: str = "input",
) -> pd.Series | np.ndarray:
    """Data envelopment analysis efficiency scores (CCR / BCC envelopment form).

    Parameters
    ----------
    inputs : DataFrame, Series or array_like
        Units x inputs, >= 0 (e.g. ``tech_spend``, ``staff_cost`` in yuan); every unit must use
        some input.
    outputs : DataFrame, Series or array_like
        Units x outputs, >= 0 (e.g. ``service_precision``).
    rts : {"crs", "vrs"}
        Constant (CCR) or variable (BCC, ``sum lambda = 1``) returns to scale.
    orientation : {"input", "output"}
        ``input``: ``min theta`` s.t. ``X lambda <= theta x_o``, ``Y lambda >= y_o``,
        ``lambda >= 0``; score ``theta``. ``output``: ``max phi`` s.t. ``X lambda <= x_o``,
        ``Y lambda >= phi y_o``; score ``1 / phi``.

    Returns
    -------
    pandas.Series or numpy.ndarray
        One score in [0, 1] per unit (1 = on the frontier); a Series named ``efficiency`` with the
        inputs' index when a DataFrame/Series is given, else an array.

    Raises
    ------
    ValueError
        Negative, missing or infinite data, mismatched unit counts, a unit with all-zero inputs,
        a unit with all-zero outputs under output orientation, or an infeasible programme.

    Notes
    -----
    Charnes, Cooper & Rhodes (1978) for CRS; Banker, Charnes & Cooper (1984) for VRS; one
    HiGHS programme per unit (:func:`workbench.costeff.highs.solve`, as ``linprog`` solves
    it). Under CRS the input and output scores are equal; VRS scores are >= CRS scores. Scores
    do not depend on the units of measurement. See :func:`dea_details` for slacks, targets,
    peers and ranks.
    """
    prob = _prepare(inputs, outputs, rts, orientation)
    radial, _ = _phase1(prob)
    scores = _scores(radial, orientation, prob.labels)
    if prob.index is not None:
        return pd.Series(scores, index=prob.index, name="efficiency")
    return scores


def _phase2(prob: _Problem, radial: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Max-slack solutions at the radial scores: slacks (units x (m + s)) and lambdas."""
    xs, ys = prob.x, prob.y
    n, m = xs.shape
    s = ys.shape[1]
    a_eq = np.zeros((m + s, n + m + s))
    a_eq[:m, :n] = xs.T
    a_eq[:m, n : n + m] = np.eye(m)
    a_eq[m:, :n] = ys.T
    a_eq[m:, n + m :] = -np.eye(s)
    if prob.rts == "vrs":
        row = np.zeros((1, n + m + s))
        row[0, :n] = 1.0
        a_eq = np.vstack([a_eq, row])
    cvec = np.concatenate([np.zeros(n), -np.ones(m + s)])
    slacks = np.empty((n, m + s))
    lambdas = np.empty((n, n))
    for o in range(n):
        for relax in (0.0, 1e-9, 1e-7):
            if prob.orientation == "input":
                b = np.concatenate([(radial[o] + relax) * xs[o], ys[o]])
            else:
                b = np.concatenate([xs[o], (radial[o] - relax) * ys[o]])
            if prob.rts == "vrs":
                b = np.concatenate([b, [1.0]])
            res = highs.solve(cvec, a_eq=a_eq, b_eq=b)
            if res.status == 0:
                break
        else:
            raise ValueError(
                f"dea: the slack programme for unit {prob.labels[o]!r} (data row {o + 1}) is "
                f"infeasible ({res.message})."
            )
        lambdas[o] = res.x[:n]
        slacks[o] = res.x[n:]
    slacks[slacks < TOL] = 0.0
    lambdas[lambdas < TOL] = 0.0
    return slacks, lambdas


def _details_table(prob, scores, slacks, lambdas) -> pd.DataFrame:
    """Score, rank, efficiency flag, slacks and targets in the data's units, and peers."""
    n, m = prob.x.shape
    slack_in = slacks[:, :m] * prob.sx
    slack_out = slacks[:, m:] * prob.sy
    x_orig = prob.x * prob.sx
    target = (scores[:, None] if prob.orientation == "input" else 1.0) * x_orig - slack_in
    target = np.maximum(target, 0.0)
    efficient = (scores >= 1 - TOL) & (slacks.max(axis=1) <= TOL)
    idx = prob.index if prob.index is not None else pd.RangeIndex(n)
    # Pareto-efficient units first; weakly efficient units (score 1 with slack) just after them.
    key = np.round(scores, 6) + 1e-7 * efficient
    rank = pd.Series(key, index=idx).rank(ascending=False, method="min")
    names = np.asarray(prob.labels, dtype=object)
    table = pd.DataFrame(
        {"score": scores, "rank": rank.to_numpy().astype(int), "efficient": efficient}, index=idx
    )
    for j, nm in enumerate(prob.input_names):
        table[f"slack_{nm}"] = slack_in[:, j]
    for j, nm in enumerate(prob.output_names):
        table[f"slack_{nm}"] = slack_out[:, j]
    for j, nm in enumerate(prob.input_names):
        table[f"target_{nm}"] = target[:, j]
    table["peers"] = [", ".join(names[lambdas[o] > 0]) for o in range(n)]
    return table


def dea_details(
    inputs: pd.DataFrame | pd.Series | ArrayLike,
    outputs: pd.DataFrame | pd.Series | ArrayLike,
    rts: str = "crs",
    orientation: str = "input",
) -> DEAResult:
    """DEA scores with slacks, targets, peers, lambdas and ranking (two-phase).

    Parameters
    ----------
    inputs, outputs, rts, orientation
        As in :func:`dea`.

    Returns
    -------
    DEAResult
        ``scores``, ``table`` (score, rank, efficient, slacks, input targets, peers) and
        ``lambdas``.

    Notes
    -----
    Phase 1 solves the radial programme of :func:`dea`; phase 2 fixes the radial score and
    maximises the sum of slacks, ``X lambda + s- = theta* x_o``, ``Y lambda - s+ = y_o`` (input
    orientation; output orientation: ``X lambda + s- = x_o``, ``Y lambda - s+ = phi* y_o``),
    with data scaled to unit column means so the slack sum is units-free (Cooper, Seiford & Tone
    2007, ch. 3; Charnes, Cooper & Rhodes 1978; Banker, Charnes & Cooper 1984). Input targets
    ``theta* x_o - s-`` (input orientation) or ``x_o - s-`` (output orientation) are in the data's
    units. A unit is efficient when its score is 1 and all slacks are 0 (tolerance 1e-6).
    """
    prob = _prepare(inputs, outputs, rts, orientation)
    radial, _ = _phase1(prob)
    scores = _scores(radial, orientation, prob.labels)
    slacks, lambdas = _phase2(prob, radial)
    table = _details_table(prob, scores, slacks, lambdas)
    idx = table.index
    return DEAResult(
        scores=pd.Series(scores, index=idx, name="efficiency"),
        table=table,
        lambdas=pd.DataFrame(lambdas, index=idx, columns=idx),
    )


def potential_savings(cost: ArrayLike, score: ArrayLike) -> float | np.ndarray:
    """Radial cost saving implied by input-oriented DEA scores.

    Parameters
    ----------
    cost : array_like
        Cost per unit, yuan, >= 0.
    score : array_like
        Input-oriented efficiency in [0, 1].

    Returns
    -------
    float or numpy.ndarray
        ``(1 - theta) * cost``, yuan: what the unit would save by using the frontier's input mix
        at its own output level (slacks ignored, so a lower bound).

    Notes
    -----
    Farrell (1957); Cooper, Seiford & Tone (2007), ch. 3.
    """
    c = finite_array(cost, "cost", "potential_savings")
    t = finite_array(score, "score", "potential_savings")
    if (c < 0).any():
        raise ValueError("potential_savings: costs must be >= 0 yuan.")
    if ((t < 0) | (t > 1)).any():
        raise ValueError("potential_savings: scores must be in [0, 1].")
    return scalar_or_array(np.asarray((1.0 - t) * c))
