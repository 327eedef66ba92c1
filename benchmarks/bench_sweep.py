"""Sweeps and single runs against the plain papermill command, measured in one process and minute.

1. A 16-run sweep of fiscal_pressure (``parameters/sweeps/fiscal_years_readings.yaml``) with
   ``workbench sweep --force`` against a serial shell-style loop of the plain ``papermill`` CLI over
   the same 16 parameter sets, same notebook, same outputs (results.json and every figure format).
   The forced sweep runs before and after the loop (``--repeats`` times in all, at least twice)
   and its median is compared, since its wall time varies from one minute to the next here.
2. The same sweep again, unchanged: every run a cache hit.
3. A single ``workbench run`` of each notebook against plain papermill on it (medians).
4. Peak memory per run and where a run's time goes, before (plain papermill: kernel start-up and
   overhead, the notebook's cells) and after (the sweep's runs: executing, of which figure export,
   then provenance and the report).

Run: ``.venv/bin/python benchmarks/bench_sweep.py [--repeats N]`` (``make benchmark`` runs all).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml

from workbench.paths import NOTEBOOKS, PARAMETERS
from workbench.sweep import spec

BIN = Path(sys.executable).parent
SPEC = "fiscal_years_readings"


def timed(cmd: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t0


def papermill(notebook: Path, params_file: Path, out: Path) -> float:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "WORKBENCH_OUTPUT_DIR": str(out)}
    return timed(
        [
            str(BIN / "papermill"),
            str(notebook),
            str(out / "notebook.ipynb"),
            "-f",
            str(params_file),
            "--cwd",
            str(NOTEBOOKS),
            "--no-progress-bar",
        ],
        env,
    )


def cell_seconds(executed: Path) -> float:
    nb = json.loads(executed.read_text())
    return sum(
        (c.get("metadata", {}).get("papermill", {}).get("duration") or 0) for c in nb["cells"]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    sweep = spec.load(SPEC)
    notebook = next(NOTEBOOKS.glob("01_fiscal_pressure.ipynb"))

    files = []
    for run in sweep.runs:
        f = work / "params" / f"{run.name}.yaml"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(yaml.safe_dump(run.values, allow_unicode=True))
        files.append(f)
    sweep_cmd = [str(BIN / "workbench"), "sweep", SPEC, "--quiet", "--outputs", str(work / "sw")]
    # wall times of a sweep vary by a quarter from one minute to the next on a shared machine:
    # forced sweeps before and after the loop (and more for --repeats > 2), the median compared
    forced = [timed([*sweep_cmd, "--force"])]
    loop_dir = work / "loop"
    t0 = time.perf_counter()
    loop_each = [papermill(notebook, f, loop_dir / f.stem) for f in files]
    loop = time.perf_counter() - t0
    cells = [cell_seconds(loop_dir / f.stem / "notebook.ipynb") for f in files]
    forced += [timed([*sweep_cmd, "--force"]) for _ in range(max(1, args.repeats - 1))]
    first = statistics.median(forced)
    second = timed(sweep_cmd)
    home = work / "sw" / "sweeps" / SPEC
    provs = [json.loads((home / r.name / "provenance.json").read_text()) for r in sweep.runs]
    index = pd.read_csv(home / "index.csv").set_index("run")
    timings = [p["timings"] for p in provs]
    assert len(index) == len(timings)

    print(
        f"== {len(sweep.runs)}-run sweep of fiscal_pressure vs a serial plain-papermill loop "
        f"({os.cpu_count()} cores, default workers)"
    )
    print(f"papermill loop:          {loop:6.1f} s ({statistics.median(loop_each):.2f} s a run)")
    print(
        f"workbench sweep --force: {first:6.1f} s  ratio {first / loop:.3f}  (target <= 0.20; "
        f"median of {len(forced)}: {', '.join(f'{t:.1f}' for t in forced)} s, the first before "
        "the loop)"
    )
    print(
        f"unchanged second sweep:  {second:6.1f} s  ratio {second / first:.3f}  "
        "(target <= 0.05 of the forced median)"
    )
    print("\n== per run, median")
    overhead = statistics.median(w - c for w, c in zip(loop_each, cells, strict=True))
    print(
        f"before  plain papermill: {statistics.median(loop_each):.2f} s = kernel start-up and "
        f"overhead {overhead:.2f} s + notebook cells {statistics.median(cells):.2f} s"
    )
    med = {k: statistics.median(t[k] for t in timings) for k in timings[0]}
    busy = sum(t["execute"] for t in timings) / (os.cpu_count() or 1)
    print(
        f"after   sweep run:       execute {med['execute']:.2f} s (of which figure export "
        f"{med['figure_export']:.2f} s); the rest (start-up and preload, forking, each run's "
        f"report and provenance, publishing, the index) about {first - busy:.2f} s in all"
    )
    print(
        f"peak memory per run (child RSS): median {med['peak_rss_mb']:.0f} MB, "
        f"max {max(t['peak_rss_mb'] for t in timings):.0f} MB"
    )

    print(f"\n== a single run of each notebook, median of {args.repeats} (alternating)")
    for nb in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        analysis = nb.stem[3:]
        default = PARAMETERS / analysis / "default.yaml"
        plain, ours = [], []
        for i in range(args.repeats):
            plain.append(papermill(nb, default, work / "single" / f"{analysis}-pm-{i}"))
            ours.append(
                timed(
                    [
                        str(BIN / "workbench"),
                        "run",
                        analysis,
                        "--name",
                        f"r{i}",
                        "--outputs",
                        str(work / "single"),
                    ]
                )
            )
        p, w = statistics.median(plain), statistics.median(ours)
        print(
            f"{analysis:26s} papermill {p:5.2f} s  workbench run {w:5.2f} s  ratio {w / p:.2f}"
            "  (target <= 0.7)"
        )


if __name__ == "__main__":
    main()
