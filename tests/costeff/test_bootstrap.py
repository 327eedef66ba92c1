"""Case-bootstrap intervals of a response curve."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.costeff import bootstrap
from workbench.costeff.response import FitError


def _hill_data(n: int = 400, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.lognormal(np.log(4e6), 0.8, n)
    y = 0.4 + 0.3 * x**2 / (3e6**2 + x**2)
    return x, y + rng.normal(0, 0.02, n), None


def test_bootstrap_response_brackets_estimate():
    x, y, _ = _hill_data(n=150, seed=2)
    out = bootstrap.bootstrap_response(
        x, y, "log", at_spend=float(x.mean()), threshold=1e-4, n_boot=40, seed=1
    ).set_index("quantity")
    assert out["n_ok"].iloc[0] == 40
    assert (out["lower"] <= out["upper"]).all()
    assert out.loc["b", "lower"] <= out.loc["b", "estimate"] <= out.loc["b", "upper"]
    with pytest.raises(ValueError, match="n_boot must be >= 20"):
        bootstrap.bootstrap_response(x, y, "log", at_spend=1.0, threshold=1e-4, n_boot=5)


def test_too_few_converged_replicates_is_a_fit_error(monkeypatch):
    from workbench.costeff import response

    real = response.fit_response
    calls = {"n": 0}

    def first_only(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 1:
            raise FitError("no")
        return real(*args, **kwargs)

    monkeypatch.setattr(response, "fit_response", first_only)
    x, y, _ = _hill_data(n=60)
    with pytest.raises(FitError, match="fewer than 10 bootstrap replicates"):
        bootstrap.bootstrap_response(x, y, "log", at_spend=1e6, threshold=1e-4, n_boot=20)
