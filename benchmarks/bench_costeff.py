"""Benchmark of workbench.costeff: PSA/CEAC/EVPI, ICERs, DEA, curve fitting and the whole run.

Run from the repository root::

    .venv/bin/python benchmarks/bench_costeff.py [--repeats 5]

Prints the median wall time over repeats of each case and two ratios measured in the same
process: ``x machine`` = median / median of a fixed NumPy workload (sorting one million floats),
so numbers are comparable across machines; ``x naive`` = median / median of a plain-Python
implementation of the same computation, where one exists (< 1 means the vectorised code is
faster). No assertions: the test suite has no timed tests.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from timing import median_seconds

from workbench.costeff import envelopment, response, run, strategies, uncertainty
from workbench.params import TechCostEffectivenessParams
from workbench.synth import programmes


def machine_baseline() -> None:
    """A fixed NumPy workload: sort one million floats."""
    np.sort(np.random.default_rng(0).random(1_000_000))


def naive_ceac_evpi(psa: uncertainty.PSASample, wtp: np.ndarray) -> tuple[list[float], list[float]]:
    """Plain-Python loop over wtp and draws, the baseline for the vectorised version."""
    k = len(psa.strategies)
    prob_first, value = [], []
    for w in wtp:
        wins = [0] * k
        total_max = 0.0
        sums = [0.0] * k
        for d in range(psa.n_draws):
            row = [w * psa.effects[d, s] - psa.costs[d, s] for s in range(k)]
            best = max(range(k), key=row.__getitem__)
            wins[best] += 1
            total_max += row[best]
            for s in range(k):
                sums[s] += row[s]
        prob_first.append(wins[0] / psa.n_draws)
        value.append(total_max / psa.n_draws - max(sums) / psa.n_draws)
    return prob_first, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    r = args.repeats

    base = median_seconds(machine_baseline, r)
    rows: list[tuple[str, float, float | None]] = []

    summary = pd.DataFrame(
        {
            "strategy": ["UC", "A", "B", "C", "D"],
            "cost": [5000.0, 10000.0, 25000.0, 35000.0, 55000.0],
            "effect": [1.0, 2.0, 3.0, 4.0, 5.0],
            "se_cost": [500.0, 1500.0, 3000.0, 4000.0, 6000.0],
            "se_effect": [0.1, 0.3, 0.5, 0.6, 0.8],
        }
    )
    wtp = np.linspace(0, 40_000, 41)

    def psa_all() -> None:
        psa = uncertainty.psa_parametric(summary, n_draws=10_000, seed=1)
        uncertainty.ceac(psa, wtp)
        uncertainty.evpi(psa, wtp)

    t = median_seconds(psa_all, r)
    psa = uncertainty.psa_parametric(summary, n_draws=10_000, seed=1)
    one_wtp = wtp[20:21]
    t_vec_one = median_seconds(
        lambda: (uncertainty.ceac(psa, one_wtp), uncertainty.evpi(psa, one_wtp)), r
    )
    t_naive_one = median_seconds(lambda: naive_ceac_evpi(psa, one_wtp), max(1, r // 2))
    rows.append(("PSA 10,000 draws x 5 strategies: draws + CEAC + EVPI, 41 wtp", t, None))
    rows.append(("CEAC + EVPI at one wtp (10,000 x 5)", t_vec_one, t_vec_one / t_naive_one))

    big = pd.DataFrame(
        {
            "strategy": [f"s{i}" for i in range(1000)],
            "cost": np.random.default_rng(2).uniform(0, 1e6, 1000),
            "effect": np.random.default_rng(3).uniform(0, 10, 1000),
        }
    )
    rows.append(("icers, 1,000 strategies", median_seconds(lambda: strategies.icers(big), r), None))

    df = programmes(n=500, seed=4).set_index("unit_id")
    x, y = df[["tech_spend", "staff_cost"]], df[["service_precision", "satisfaction"]]
    dea_r = max(1, r // 2)
    rows.append(
        (
            "DEA scores, 500 units, CRS",
            median_seconds(lambda: envelopment.dea(x, y, "crs"), dea_r),
            None,
        )
    )
    rows.append(
        (
            "DEA scores, 500 units, VRS",
            median_seconds(lambda: envelopment.dea(x, y, "vrs"), dea_r),
            None,
        )
    )
    rows.append(
        (
            "DEA details (slacks), 500 units, VRS",
            median_seconds(lambda: envelopment.dea_details(x, y, "vrs"), dea_r),
            None,
        )
    )

    p = programmes()
    rows.append(
        (
            "Hill fit, 300 units",
            median_seconds(
                lambda: response.fit_response(p["tech_spend"], p["service_precision"]), r
            ),
            None,
        )
    )

    rows.append(
        (
            "run(): the whole default analysis, in process",
            median_seconds(lambda: run(TechCostEffectivenessParams()), max(1, r // 5)),
            None,
        )
    )

    print(f"machine baseline (np.sort of 1e6 floats): median {base * 1e3:.2f} ms, repeats {r}")
    print(f"{'case':<64} {'median':>12} {'x machine':>10} {'x naive':>9}")
    for name, sec, naive in rows:
        naive_txt = f"{naive:9.4f}" if naive is not None else f"{'-':>9}"
        print(f"{name:<64} {sec * 1e3:9.1f} ms {sec / base:10.1f} {naive_txt}")


if __name__ == "__main__":
    main()
