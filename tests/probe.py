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


CELLS = [
    (
        'mode: str = "check"  # set or check [category]\nseconds: float = 0.0  # sleep [seconds]\n'
        "crash: bool = False  # raise [flag]",
        ["parameters"],
    ),
    (
        "import os\nimport matplotlib\nimport workbench.units as u\nfrom workbench.results import "
        "record\nif mode == 'set':\n    u.PROBE = 1\n    matplotlib.rcParams['lines.linewidth'] = 9\n"
        "    os.environ['WB_PROBE'] = '1'\n    u.fmt = lambda *a, **k: 'patched'\n"
        "state = {'global': hasattr(u, 'PROBE'), 'rc': matplotlib.rcParams['lines.linewidth'],\n"
        "         'env': os.environ.get('WB_PROBE'), 'patched': u.fmt(0.5, 'fraction') == 'patched',"
        "\n         'pid': os.getpid()}\nrecord('state', state)\nrecord('data_kind', 'synthetic')\n"
        "print('hello from the probe')\nlen(state)",
        [],
    ),
    (
        "import time\ntime.sleep(seconds)\nif crash:\n    raise ValueError('probe crashed on purpose')",
        [],
    ),
]


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
