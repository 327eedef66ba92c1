"""Benchmark of the workbench.turnover compute modules (100,000 workers x 10 model terms).

Run from the repository root::

    .venv/bin/python benchmarks/bench_turnover.py [--n 100000] [--repeats 5]

Prints, for each step, the median wall time of ``--repeats`` runs and its ratio to a baseline
measured in the same process on the same design, run alternately with the step: a plain OLS of
``left`` on the same design matrix (statsmodels ``OLS``), the cheapest regression any of these
models must beat. The budget
is a few seconds per model fit at n = 100,000; rows over ``BUDGET_SECONDS`` are flagged. The data
are ``workbench.synth.workers(n)``; the ten terms are the seven numeric drivers, the two
``contract_type`` contrasts and the young-certificate interaction. Not a test: timings depend on
the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import statsmodels.api as sm

from workbench.synth import workers
from workbench.turnover import cox, design, logit, scenarios, schema, survival

BUDGET_SECONDS = 5.0


def _seconds(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired_medians(
    fn: Callable[[], Any], baseline: Callable[[], Any], repeats: int
) -> tuple[float, float]:
    """Median wall times of ``fn`` and ``baseline``, run alternately (after one warm-up each).

    Alternating the two keeps their ratio meaningful when the machine's load drifts.
    """
    fn()
    baseline()
    own, base = [], []
    for _ in range(repeats):
        own.append(_seconds(fn))
        base.append(_seconds(baseline))
    return statistics.median(own), statistics.median(base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="workers (default 100,000)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per step")
    args = parser.parse_args()
    warnings.simplefilter("ignore", design.TurnoverWarning)  # e.g. 16 clusters: timing only

    start = time.perf_counter()
    df = workers(n=args.n, seed=1)
    generate = time.perf_counter() - start
    df["cert_x_young"] = df["has_sw_certificate"] * (df["age"] < 35)
    drivers = [*schema.DRIVERS, "cert_x_young"]
    cat = ["contract_type"]
    entry = "tenure_start_years"

    X = sm.add_constant(
        df[drivers]
        .assign(
            agency=(df["contract_type"] == "agency").astype(float),
            open_ended=(df["contract_type"] == "open_ended").astype(float),
        )
        .astype(float)
        .to_numpy()
    )
    y = df["left"].to_numpy(float)
    n_terms = X.shape[1] - 1

    def ols() -> Any:
        return sm.OLS(y, X).fit()

    steps: list[tuple[str, Callable[[], Any]]] = [
        ("numpy lstsq (same design)", lambda: np.linalg.lstsq(X, y, rcond=None)),
        (
            "validate_workers (incl. separation LP)",
            lambda: design.validate_workers(df, "left", "tenure_years", drivers, cat, entry=entry),
        ),  # fmt: skip
        ("fit_logit", lambda: logit.fit_logit(df, "left", drivers, cat)),
        (
            "fit_logit, cluster=district",
            lambda: logit.fit_logit(df, "left", drivers, cat, cluster="district"),
        ),  # fmt: skip
        (
            "fit_logit, no separation check",
            lambda: logit.fit_logit(df, "left", drivers, cat, check_separation=False),
        ),  # fmt: skip
        (
            "fit_cox (Efron, delayed entry, PH test)",
            lambda: cox.fit_cox(df, "tenure_years", "left", drivers, cat, entry=entry),
        ),  # fmt: skip
        (
            "km_curves by certificate (delayed entry)",
            lambda: survival.km_curves(
                df, "tenure_years", "left", "has_sw_certificate", entry=entry
            ),
        ),  # fmt: skip
        (
            "counterfactual_turnover (7 scenarios, 200 draws)",
            lambda: scenarios.counterfactual_turnover(df, "left", drivers, cat, n_draws=200),
        ),  # fmt: skip
    ]
    print(
        f"workbench.turnover benchmark: n = {args.n:,} workers, {n_terms} model terms, "
        f"median of {args.repeats} runs (data generated in {generate:.2f} s)"
    )
    print("baseline: statsmodels OLS of left on the same design, timed alternately with each step")
    print(f"{'step':<50} {'median s':>9} {'baseline s':>11} {'ratio':>8}")
    for name, fn in steps:
        t, b = paired_medians(fn, ols, args.repeats)
        flag = "  OVER BUDGET" if t > BUDGET_SECONDS else ""
        print(f"{name:<50} {t:>9.3f} {b:>11.4f} {t / b:>8.1f}{flag}")


if __name__ == "__main__":
    main()
