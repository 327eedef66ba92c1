"""The article's hypothesis as a covariate: the fractional staff cut and its coefficient.

易臻真 (澎湃新闻, 2022-04-18) argues that replacing staff time with technology lowers the precision
of services. A unit's staff cut relative to a reference staff cost enters the response curve as a
linear covariate; its coefficient, with a t interval, tests the claim.

References
----------
Seber GAF, Wild CJ (1989). *Nonlinear Regression*. Wiley, ch. 5.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from workbench.costeff.checks import check_level, finite_array, positive_number, scalar_or_array
from workbench.costeff.response import ResponseFit


def staff_cut(staff_cost: ArrayLike, reference: float) -> float | np.ndarray:
    """Fractional cut in staff time relative to a reference staff cost.

    Parameters
    ----------
    staff_cost : array_like
        Staff cost per unit, yuan, >= 0.
    reference : float
        Reference staff cost, yuan, > 0 (e.g. the median unit).

    Returns
    -------
    float or numpy.ndarray
        ``max(0, 1 - staff_cost / reference)``, a fraction in [0, 1].

    Notes
    -----
    Operationalises the article's hypothesis that replacing staff time with technology lowers the
    precision of services (易臻真, 澎湃新闻, 2022-04-18); used as a covariate in
    :func:`workbench.costeff.response.fit_response` and in ``workbench.synth.programmes``.
    """
    positive_number(reference, "reference", "staff_cut", " yuan")
    s = finite_array(staff_cost, "staff_cost", "staff_cut")
    if (s < 0).any():
        raise ValueError("staff_cut: staff_cost must be >= 0 yuan.")
    return scalar_or_array(np.maximum(0.0, 1.0 - s / reference))


def staff_coefficient(fit: ResponseFit, name: str = "beta_staff_cut", level: float = 0.95):
    """A covariate's coefficient with its t interval: ``(beta, low, high)``.

    Parameters
    ----------
    fit : ResponseFit
        A fit with the covariate ``name``.
    name : str
        Parameter name (default the staff cut's).
    level : float
        Confidence level in (0, 1).

    Returns
    -------
    tuple of float
        ``beta``, ``beta - t se`` and ``beta + t se``, outcome units per unit of the covariate,
        with ``t`` the ``(1 + level) / 2`` quantile of the t distribution on ``n - p`` degrees of
        freedom (Seber & Wild 1989, ch. 5).
    """
    check_level(level, "staff_coefficient")
    if name not in fit.params.index:
        raise ValueError(f"staff_coefficient: the fit has no parameter {name!r}.")
    beta = float(fit.params[name])
    se = float(np.sqrt(fit.cov.loc[name, name]))
    q = stats.t.ppf(0.5 + level / 2, df=fit.n - len(fit.params))
    return beta, float(beta - q * se), float(beta + q * se)
