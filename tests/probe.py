"""A tiny 'probe' analysis for runner tests: it reports process state and can sleep or crash.

Not a test module: tests import it (``from probe import register``), and scripts started as
subprocesses import it too, so a real ``workbench`` command can run the probe.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from workbench import params
from workbench.params import AnalysisParams, P


class ProbeParams(AnalysisParams):
    ANALYSIS = "probe"
    mode: str = P("check", "set: change process state; check: only report it", "category", "choice")
    seconds: float = P(0.0, "Seconds to sleep in the last cell", "seconds", "choice", ge=0)
    crash: bool = P(False, "Raise on purpose in the last cell", "flag", "choice")
    die: bool = P(False, "End the process abruptly in the last cell", "flag", "choice")
    fill_mb: float = P(0.0, "Megabytes written to the outputs at the end", "MB", "choice", ge=0)


SET_AND_REPORT = """import os
import matplotlib
import workbench.units as u
from workbench.results import record
if mode == 'set':
    u.PROBE = 1
    matplotlib.rcParams['lines.linewidth'] = 9
    os.environ['WB_PROBE'] = '1'
    u.fmt = lambda *a, **k: 'patched'
state = {'global': hasattr(u, 'PROBE'), 'rc': matplotlib.rcParams['lines.linewidth'],
         'env': os.environ.get('WB_PROBE'), 'patched': u.fmt(0.5, 'fraction') == 'patched',
         'pid': os.getpid()}
record('state', state)
record('data_kind', 'synthetic')
print('hello from the probe')
len(state)"""
SLEEP = """import os
import time
from workbench.results import output_dir
time.sleep(seconds)
if fill_mb:
    (output_dir() / 'fill.bin').write_bytes(b'x' * int(fill_mb * 1e6))
if crash:
    raise ValueError('probe crashed on purpose')
if die:
    os._exit(3)"""
PARAMETERS = """mode: str = "check"  # set or check [category]
seconds: float = 0.0  # sleep [seconds]
crash: bool = False  # raise [flag]
die: bool = False  # end the process [flag]
fill_mb: float = 0.0  # write to the outputs [MB]"""
CELLS = [(PARAMETERS, ["parameters"]), (SET_AND_REPORT, []), (SLEEP, [])]


def write_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for source, tags in CELLS:
        cell = nbformat.v4.new_code_cell(source)
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "01_probe.ipynb"
    nbformat.write(nb, path)
    return path


def register(folder: Path, setitem=None, setattr_=None) -> Path:
    """Register the probe analysis with its notebook in ``folder``; return the notebook."""
    from workbench.runner import planning

    path = write_notebook(folder)
    if setitem is None:  # a subprocess: plain assignment
        params.ANALYSES["probe"] = ProbeParams
        planning.NOTEBOOKS = folder
    else:
        setitem(params.ANALYSES, "probe", ProbeParams)
        setattr_(planning, "NOTEBOOKS", folder)
    return path


SCRIPT = """import sys
sys.path.insert(0, {tests!r})
import probe
probe.register(__import__("pathlib").Path({folder!r}))
from workbench import cli
sys.exit(cli.main(sys.argv[1:]))
"""


def script(tmp_path: Path) -> Path:
    """A script that runs the workbench command with the probe registered."""
    path = tmp_path / "probe_cli.py"
    path.write_text(SCRIPT.format(tests=str(Path(__file__).parent), folder=str(tmp_path / "nb")))
    return path
