"""Case-bootstrap intervals for a response curve and the quantities derived from it.

References
----------
Efron B, Tibshirani RJ (1993). *An Introduction to the Bootstrap*. Chapman & Hall, ch. 13.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from workbench.costeff import response
from workbench.costeff.checks import check_level, finite_array


def bootstrap_response(
    spend: ArrayLike,
    outcome: ArrayLike,
    model: str = "hill",
    *,
    at_spend: float,
    threshold: float,
    step: float = 10_000.0,
    n_boot: int = 200,
    seed: int = 20220418,
    level: float = 0.95,
    covariates: pd.DataFrame | ArrayLike | None = None,
    spend_ref: float = 10_000.0,
) -> pd.DataFrame:
    """Case-resampling bootstrap intervals for the curve's parameters and derived quantities.

    Parameters
    ----------
    spend, outcome : array_like
        As in :func:`fit_response` (yuan; outcome units).
    model : {"hill", "log"}
        Response model.
    at_spend : float
        Spending (yuan) at which to report the marginal return, e.g. the mean spend.
    threshold : float
        Marginal-benefit threshold for :func:`spend_at_marginal` (outcome units per ``step``).
    step : float
        Extra spending for marginal returns, yuan.
    n_boot : int
        Bootstrap replicates (>= 20).
    seed : int
        Seed of ``numpy.random.default_rng``.
    level : float
        Interval level in (0, 1).
    covariates, spend_ref
        As in :func:`fit_response`.

    Returns
    -------
    pandas.DataFrame
        One row per quantity (the parameters, ``marginal_at_spend`` and ``spend_at_threshold``):
        ``estimate`` (full-data fit), ``lower`` and ``upper`` (percentile interval), ``n_ok``
        (replicates that converged).

    Raises
    ------
    response.FitError
        Fewer than 10 replicates converged.

    Notes
    -----
    Non-parametric case bootstrap with percentile intervals (Efron & Tibshirani 1993, ch. 13);
    each replicate starts from the full-data estimate. A replicate whose resample cannot be
    fitted (for instance, every resampled unit has the same spend) is skipped.
    """
    where = "bootstrap_response"
    if int(n_boot) < 20:
        raise ValueError(f"{where}: n_boot must be >= 20, got {n_boot!r}.")
    check_level(level, where)
    x = finite_array(spend, "spend", where).reshape(-1)
    y = finite_array(outcome, "outcome", where).reshape(-1)
    z, znames = response.covariate_matrix(covariates, x.size, where)
    zarg = pd.DataFrame(z, columns=znames) if znames else None
    full = response.fit_response(x, y, model, covariates=zarg, spend_ref=spend_ref)
    start = list(response.spend_params(full))

    def derived(fr: response.ResponseFit) -> np.ndarray:
        extra = [
            response.marginal_response(fr, at_spend, step),
            response.spend_at_marginal(fr, threshold, step),
        ]
        return np.concatenate([fr.params.to_numpy(), extra])

    rng = np.random.default_rng(seed)
    draws = []
    for row in rng.integers(0, x.size, size=(int(n_boot), x.size)):
        zb = pd.DataFrame(z[row], columns=znames) if znames else None
        try:
            fr = response.fit_response(
                x[row], y[row], model, covariates=zb, spend_ref=spend_ref, start=start
            )
            draws.append(derived(fr))
        except ValueError:  # response.FitError or a degenerate resample
            continue
    if len(draws) < 10:
        raise response.FitError(
            f"{where}: fewer than 10 bootstrap replicates converged; try the log model."
        )
    arr = np.asarray(draws)
    alpha = (1 - level) / 2
    return pd.DataFrame(
        {
            "quantity": [*full.params.index, "marginal_at_spend", "spend_at_threshold"],
            "estimate": derived(full),
            "lower": np.quantile(arr, alpha, axis=0),
            "upper": np.quantile(arr, 1 - alpha, axis=0),
            "n_ok": len(draws),
        }
    )
