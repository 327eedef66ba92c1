"""Shared fixtures: a tiny 'demo' analysis whose notebook runs in a couple of seconds."""

from __future__ import annotations

import os

# one OpenMP/BLAS thread per process, as each run has (runner.child): the suite runs on
# parallel workers, whose threads would otherwise spin against each other
os.environ.setdefault("OMP_NUM_THREADS", "1")

import hashlib
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import settings

from workbench import params, runner
from workbench.results import differences as same  # noqa: F401  (the golden comparison)

# Property tests draw the same examples on every run, so CI cannot pass one day and fail the
# next on a draw; `HYPOTHESIS_PROFILE=explore make test` draws new ones (and keeps failures).
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", max_examples=300)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: results.json keys each analysis promises (the issues' contracts).
CONTRACT_KEYS = {
    "fiscal_pressure": {
        "revenue_growth_cumulative",
        "revenue_growth_avg_annual",
        "gdp_real_growth_avg_annual",
        "gdp_nominal_growth_avg_annual",
        "buoyancy_nominal",
        "governance_spending_growth_annual",
        "data_kind",
    },
    "funding_distribution": {
        "share_primary_government",
        "share_primary_market",
        "gini_scale",
        "theil_scale",
        "theil_between_share",
        "mean_hhi",
        "n_organisations",
        "data_kind",
    },
    "turnover_drivers": {
        "turnover_rate",
        "turnover_rate_ci_low",
        "turnover_rate_ci_high",
        "cv_roc_auc",
        "top_driver",
        "top_driver_effect",
        "n_workers",
        "data_kind",
    },
    "tech_cost_effectiveness": {
        "top3_share_of_total",
        "optimal_strategy_at_wtp",
        "evpi",
        "marginal_return_at_mean_spend",
        "n_efficient_units",
        "incentive_net_saving",
        "data_kind",
    },
}


DEMO_MODEL = """from workbench import params
from workbench.params import P, AnalysisParams


class DemoParams(AnalysisParams):
    x: int = P(3, "A small count", "count", "choice", ge=0, le=100)
    fail: bool = P(False, "Raise on purpose", "flag", "choice")
    die: bool = P(False, "Kill the kernel on purpose", "flag", "choice")
    data_path: str = P("", "Optional CSV", "path", "choice")


"""
_namespace: dict = {}
exec(DEMO_MODEL, _namespace)
DemoParams = _namespace["DemoParams"]

DEMO_CELLS = [
    (
        "code",
        "x: int = 3  # A small count [count]\nfail: bool = False  # Raise on purpose [flag]\n"
        "die: bool = False  # Kill the kernel on purpose [flag]\n"
        'data_path: str = ""  # Optional CSV [path]',
        ["parameters"],
    ),
    (
        "code",
        DEMO_MODEL + 'params.ANALYSES["demo"] = DemoParams\np = params.check("demo", globals())',
        [],
    ),
    (
        "code",
        "from workbench import figures, io\nfrom workbench.results import record\n"
        "from workbench.notebook import show\n"
        "if p.data_path:\n    df = io.read_table(p.data_path, required=['value'])\n"
        "    record('total', float(df['value'].sum()))\n"
        "record('x_squared', p.x ** 2)\nrecord('data_kind', 'synthetic')",
        [],
    ),
    (
        "code",
        "if p.fail:\n    raise RuntimeError('demo failure on purpose')\n"
        "if p.die:\n    import os\n    os._exit(1)",
        [],
    ),
    (
        "code",
        "fig, ax = figures.figure('half', 2.0)\nax.bar(['甲', '乙'], [p.x, 1])\n"
        "show(figures.chart(fig, 'bars', title='示例', subtitle='单位：个', source='测试',\n"
        "                   alt_text='两根柱子', synthetic=True, lang='zh'))",
        [],
    ),
]


def write_demo_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for _kind, source, tags in DEMO_CELLS:
        cell = nbformat.v4.new_code_cell(source)
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    path = folder / "01_demo.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """Register the demo analysis and its notebook in a temporary project; return outputs/."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_demo_notebook(notebooks)
    monkeypatch.setitem(params.ANALYSES, "demo", DemoParams)
    monkeypatch.setattr(runner.planning, "NOTEBOOKS", notebooks)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "outputs"


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder``, to prove a folder was left byte-for-byte unchanged."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def workbench_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``workbench`` command as a user would, capturing its output."""
    command = [str(Path(sys.executable).parent / "workbench"), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=cwd)


def outputs_with_previous_run(tmp_path: Path, analysis: str) -> Path:
    """An outputs root holding a previous good run, which bad input must leave untouched."""
    root = tmp_path / "outputs"
    previous = root / analysis / "default"
    previous.mkdir(parents=True)
    (previous / "results.json").write_text('{"data_kind": "synthetic"}\n')
    return root


GOLDEN = Path(__file__).parent / "golden"


class DefaultRuns:
    """Each analysis's default run through ``workbench run``, made once per session on demand."""

    def __init__(self, root: Path):
        self.root = root
        self.folders: dict[str, Path] = {}

    def __getitem__(self, analysis: str) -> Path:
        if analysis not in self.folders:
            proc = workbench_cli("run", analysis, "--outputs", str(self.root))
            assert proc.returncode == 0, proc.stderr[-3000:]
            self.folders[analysis] = self.root / analysis / "default"
        return self.folders[analysis]


@pytest.fixture(scope="session")
def default_runs(tmp_path_factory) -> DefaultRuns:
    """``default_runs["fiscal_pressure"]`` is the folder of that analysis's default run."""
    return DefaultRuns(tmp_path_factory.mktemp("default_runs"))
