"""The nonparametric bootstrap shared by the estimators: seeded, vectorised in blocks.

Organisations are resampled with replacement from a seeded :class:`numpy.random.Generator`, many
replicates at a time, so a bootstrap of 1,000 replicates of 2,000 organisations is one matrix
operation per block rather than a Python loop.

References
----------
Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall, ch. 13
(percentile intervals). Davison, A. C. & Hinkley, D. V. (1997). *Bootstrap Methods and their
Application*. Cambridge University Press, ch. 5 (basic intervals).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

#: Block size: at most this many resampled values (~8M, 64 MB of float64) at a time.
MAX_CELLS = 1 << 23


def check_ci(n_boot: int, ci: float) -> None:
    """``n_boot`` a whole number >= 0 and ``ci`` a level in (0, 1), else ValueError."""
    if int(n_boot) != n_boot or n_boot < 0:
        raise ValueError(f"n_boot: expected a whole number >= 0, got {n_boot}")
    if not 0.0 < ci < 1.0:
        raise ValueError(f"ci: expected a confidence level between 0 and 1, got {ci}")


def quantile_ci(stats: np.ndarray, ci: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval along axis 0: the (1-ci)/2 and (1+ci)/2 quantiles.

    Parameters
    ----------
    stats : numpy.ndarray
        Replicates x statistics; NaN replicates are ignored.
    ci : float
        Confidence level, e.g. 0.95.

    Returns
    -------
    low, high : numpy.ndarray
        One bound per statistic (same unit as the statistic).
    """
    alpha = (1.0 - ci) / 2.0
    low, high = np.nanquantile(stats, [alpha, 1.0 - alpha], axis=0)
    return low, high


def blocks(rng: np.random.Generator, n: int, n_boot: int) -> Iterator[np.ndarray]:
    """Resampled row indices, shape (block, n), covering ``n_boot`` replicates in total.

    The block size is :data:`MAX_CELLS` // n replicates (at least 1); the draws are the same
    whatever the block size, because each block draws its indices in order from ``rng``.
    """
    block = max(1, MAX_CELLS // max(n, 1))
    for start in range(0, n_boot, block):
        yield rng.integers(0, n, size=(min(block, n_boot - start), n))
