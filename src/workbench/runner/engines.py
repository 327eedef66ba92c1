"""The two ways a run's notebook is executed, both as papermill engines.

- ``fast`` (the default): cells run in the runner's child process, which was forked from a parent
  that had already imported the analysis stack (:class:`FastEngine`, on
  :class:`~workbench.runner.inprocess.InProcessEngine`);
- ``kernel``: a real Jupyter kernel per run, as JupyterLab and the plain papermill command use
  (:class:`KernelEngine`, papermill's nbclient engine).

Both report the cell they start to :data:`on_cell`, so a run stopped by its time limit can name the
cell that was running.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

from workbench.params.generate import KERNEL_NAME
from workbench.runner.inprocess import InProcessEngine

KERNEL = KERNEL_NAME  # the project's kernelspec, which make install puts in .venv

#: Called with the index of every cell an engine starts (set by the runner's child).
on_cell: list[Callable[[int], None]] = []


class _Manager(NotebookExecutionManager):
    def cell_start(self, cell, cell_index=None, **kwargs):
        for callback in on_cell:
            callback(cell_index)
        super().cell_start(cell, cell_index, **kwargs)


def _execute(
    engine,
    nb,
    kernel_name,
    output_path=None,
    progress_bar=False,
    log_output=False,
    autosave_cell_every=30,
    **kwargs,
):
    nb_man = _Manager(
        nb,
        output_path=output_path,
        progress_bar=False,
        log_output=log_output,
        autosave_cell_every=autosave_cell_every,
    )
    nb_man.notebook_start()
    try:
        engine.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
    finally:
        nb_man.cleanup_pbar()
        nb_man.notebook_complete()
    return nb_man.nb


class FastEngine(InProcessEngine):
    """In-process execution, reporting each cell."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, **kwargs):
        return _execute(cls, nb, kernel_name, **kwargs)


class KernelEngine(NBClientEngine):
    """A real Jupyter kernel, reporting each cell."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, **kwargs):
        return _execute(cls, nb, kernel_name, **kwargs)


papermill_engines.register("workbench-fast", FastEngine)
papermill_engines.register("workbench-kernel", KernelEngine)
PAPERMILL_NAMES = {"fast": "workbench-fast", "kernel": "workbench-kernel"}


#: The modules of an analysis package that its notebook imports (the package's ``__init__``
#: loads nothing itself: its re-exports are lazy).
NOTEBOOK_MODULES = ("pipeline", "charts", "narration", "tables", "explore")


@functools.cache
def warm() -> None:
    """Do once, in a sweep's parent, what each forked run would otherwise do first.

    Exporting a first figure in every format, a first report, and reading the commit and the
    package versions for provenance cost every run about 0.7 s; done before the runs are forked,
    each starts with them done. A single ``workbench run`` does not call this: its one run would
    do the same work anyway.
    """
    from workbench import figures
    from workbench.runner import provenance, report

    provenance.commit()
    provenance.versions()
    report.warm()
    figures.warm()


def preload(packages: list[str]) -> None:
    """Import what a fast run uses, once, in the parent that forks the runs.

    Parameters
    ----------
    packages : list of str
        Analysis packages under ``workbench`` (``"fiscal"`` ...); unknown or missing ones are
        skipped (their run will report the import error itself).
    """
    import importlib

    import ipywidgets  # noqa: F401  (the explorers)
    import nbconvert  # noqa: F401  (the report)
    import papermill  # noqa: F401

    from workbench.runner import inprocess, report

    inprocess.shell()  # IPython and matplotlib's inline backend
    report.exporter()  # nbconvert's templates, compiled
    for package in filter(None, packages):
        for module in NOTEBOOK_MODULES:  # what a notebook imports, and through them the stack
            try:
                importlib.import_module(f"workbench.{package}.{module}")
            except ImportError:
                break
