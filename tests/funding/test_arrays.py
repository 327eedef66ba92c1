"""workbench.funding.arrays and bootstrap: argument checks and the shared resampling helpers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.funding import arrays, bootstrap


def test_values_and_codes():
    assert arrays.values_1d([1, 2]).dtype == float
    with pytest.raises(ValueError, match="negative values at 1"):
        arrays.values_1d([1.0, -2.0])
    codes, labels = arrays.group_codes(["b", "a", "b"], 3)
    assert codes.tolist() == [0, 1, 0] and labels.tolist() == ["b", "a"]
    with pytest.raises(ValueError, match="missing group labels"):
        arrays.group_codes(pd.Series(["a", None]), 2)
    assert arrays.positions(np.arange(10) > 2, limit=3) == "3, 4, 5 and 4 more"


def test_scale_bins_have_equal_counts_and_break_ties_by_row_order():
    bins = arrays.scale_bins(np.array([5.0, 1.0, 5.0, 3.0]), 2)
    assert bins.tolist() == [1, 0, 1, 0]
    assert arrays.scale_bins(np.array([2.0, 2.0, 2.0, 2.0]), 2).tolist() == [0, 0, 1, 1]
    with pytest.raises(ValueError, match="n_bins"):
        arrays.scale_bins(np.ones(3), 0)


def test_bootstrap_helpers():
    with pytest.raises(ValueError, match="n_boot"):
        bootstrap.check_ci(-1, 0.95)
    with pytest.raises(ValueError, match="ci"):
        bootstrap.check_ci(10, 1.0)
    low, high = bootstrap.quantile_ci(np.arange(101, dtype=float)[:, None], 0.9)
    assert (low[0], high[0]) == pytest.approx((5.0, 95.0))
    blocks = list(bootstrap.blocks(np.random.default_rng(1), 4, 10))
    assert sum(len(b) for b in blocks) == 10 and all(b.shape[1] == 4 for b in blocks)
