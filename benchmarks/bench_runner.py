"""What `workbench run` costs on top of the plain papermill CLI, on the same notebook.

Runs both commands alternately (so machine noise hits both alike) and prints medians and the ratio.
Usage: .venv/bin/python benchmarks/bench_runner.py [analysis] [repeats]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd: list[str], env_dir: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        cmd,
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={"WORKBENCH_OUTPUT_DIR": env_dir, "PATH": str(BIN)},
    )
    return time.perf_counter() - t0


def main() -> None:
    analysis = sys.argv[1] if len(sys.argv) > 1 else "fiscal_pressure"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    notebook = next((ROOT / "notebooks").glob(f"[0-9][0-9]_{analysis}.ipynb"))
    wb, pm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeats):
            pm.append(
                timed(
                    [
                        str(BIN / "papermill"),
                        str(notebook),
                        f"{tmp}/pm{i}.ipynb",
                        "-f",
                        str(ROOT / "parameters" / analysis / "default.yaml"),
                        "--cwd",
                        str(ROOT / "notebooks"),
                        "--no-progress-bar",
                    ],
                    f"{tmp}/pm-out{i}",
                )
            )
            wb.append(
                timed(
                    [str(BIN / "workbench"), "run", analysis, "--outputs", f"{tmp}/wb{i}"],
                    f"{tmp}/unused",
                )
            )
    m_wb, m_pm = statistics.median(wb), statistics.median(pm)
    print(
        f"{analysis}: plain papermill CLI median {m_pm:.2f} s, workbench run median "
        f"{m_wb:.2f} s over {repeats} alternating runs"
    )
    print(f"ratio workbench/papermill = {m_wb / m_pm:.2f} (validation, HTML report, provenance)")


if __name__ == "__main__":
    main()
