"""Benchmark of the workbench.funding compute modules on many organisations (default 1,000,000).

Run from the repository root::

    .venv/bin/python benchmarks/bench_funding.py [--n 1000000] [--repeats 5]

Prints, for each indicator, the median wall time of ``--repeats`` runs and its ratio to a baseline
measured in the same process on the same data: ``np.sort`` of the n totals (an O(n log n) floor
that any rank-based index such as the Gini must pay). The budget is one second per indicator at
n = 1,000,000; rows over budget are flagged. Bootstrap rows use the shipped size (2,000
organisations) because their cost is replicates x n. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from timing import median_seconds

from workbench.funding import inequality, mix, schema, stress, summaries
from workbench.funding.pipeline import run
from workbench.params import FundingDistributionParams
from workbench.synth import ORGANISATION_SOURCES, organisations

SOURCES = list(ORGANISATION_SOURCES)
BUDGET_SECONDS = 1.0
STRESS = dict(cuts=stress.cut_grid(0.5, 0.05), diversification=[0.0, 0.1, 0.2, 0.3], threshold=0.8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="organisations (default 1e6)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per indicator")
    args = parser.parse_args()

    start = time.perf_counter()
    df = organisations(n=args.n, seed=1)
    generate = time.perf_counter() - start
    total = df[SOURCES].sum(axis=1).to_numpy()
    groups = df["group"].to_numpy()
    small = organisations()
    small_total = small[SOURCES].sum(axis=1).to_numpy()

    baseline = median_seconds(lambda: np.sort(total), args.repeats)
    cases: dict[str, Callable[[], Any]] = {
        "validate_organisations": lambda: schema.validate_organisations(df, SOURCES),
        "total_funding": lambda: mix.total_funding(df, SOURCES),
        "funding_shares": lambda: mix.funding_shares(df, SOURCES),
        "primary_source": lambda: mix.primary_source(df, SOURCES),
        "hhi (row-wise, DataFrame)": lambda: mix.hhi(df[SOURCES]),
        "hhi normalized": lambda: mix.hhi(df[SOURCES], normalized=True),
        "effective_number_of_sources": lambda: mix.effective_number_of_sources(df[SOURCES]),
        "concentration": lambda: mix.concentration(df, SOURCES),
        "primary_source_shares (2000 reps)": lambda: mix.primary_source_shares(
            df, SOURCES, n_boot=2000, seed=1
        ),
        "gini": lambda: inequality.gini(total),
        "gini small_sample": lambda: inequality.gini(total, small_sample=True),
        "lorenz_curve (101 points)": lambda: inequality.lorenz_curve(total),
        "top_share": lambda: inequality.top_share(total),
        "palma_ratio": lambda: inequality.palma_ratio(total),
        "theil": lambda: inequality.theil(total),
        "theil by group": lambda: inequality.theil(total, groups),
        "theil_by_group": lambda: inequality.theil_by_group(total, groups),
        "inequality_summary (no bootstrap)": lambda: inequality.inequality_summary(
            total, groups, n_boot=0, seed=1
        ),
        "summary_by_group": lambda: summaries.summary_by_group(df, SOURCES),
        "summary_by_decile": lambda: summaries.summary_by_decile(df, SOURCES),
        "mix_by_decile": lambda: summaries.mix_by_decile(df, SOURCES),
        "mean_pairwise_distance": lambda: mix.mean_pairwise_distance(df[SOURCES]),
        "scale_vs_mix": lambda: summaries.scale_vs_mix(df, SOURCES),
        "diversify": lambda: stress.diversify(df, SOURCES, 0.2),
        "stress_test (44 scenarios)": lambda: stress.stress_test(
            df, SOURCES, threshold_kind="relative", **STRESS
        ),
        "stress_test absolute, by city": lambda: stress.stress_test(
            df,
            SOURCES,
            **(STRESS | dict(threshold=10.0, diversification=[0.0])),
            threshold_kind="absolute",
            group_column="city",
        ),
    }
    bootstrap_cases: dict[str, Callable[[], Any]] = {
        "inequality_summary, n=2000, 1000 reps": lambda: inequality.inequality_summary(
            small_total, small["group"], n_boot=1000, seed=1
        ),
        "pipeline.run, default parameters": lambda: run(FundingDistributionParams()),
    }

    print(f"n = {args.n:,} organisations x {len(SOURCES)} sources; median of {args.repeats} runs")
    print(f"synthetic generator (one run): {generate:.3f} s")
    print(f"baseline np.sort(totals): {baseline * 1e3:.1f} ms\n")
    print(f"{'indicator':<40} {'median ms':>10} {'x np.sort':>10}")
    over = []
    for name, fn in cases.items():
        seconds = median_seconds(fn, args.repeats)
        flag = "  OVER BUDGET" if seconds > BUDGET_SECONDS else ""
        if flag:
            over.append(name)
        print(f"{name:<40} {seconds * 1e3:>10.1f} {seconds / baseline:>10.1f}{flag}")
    for name, fn in bootstrap_cases.items():
        seconds = median_seconds(fn, args.repeats)
        print(f"{name:<40} {seconds * 1e3:>10.1f} {seconds / baseline:>10.1f}")
    verdict = "all within" if not over else f"{len(over)} over"
    print(f"\n{verdict} the {BUDGET_SECONDS:.0f} s budget at n = {args.n:,}")


if __name__ == "__main__":
    main()
