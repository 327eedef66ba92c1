"""A papermill engine that executes a notebook's cells in this process, in an IPython shell.

It is registered as papermill's ``workbench`` engine (entry point ``papermill.engine``), so
``papermill --engine workbench in.ipynb out.ipynb`` uses it too. The runner calls it in a child
process forked from a parent that has already imported the analysis stack: the child executes
exactly one notebook and exits, so nothing one run changes (a module global, matplotlib's
rcParams, an environment variable, a patched function) reaches the next.

Outputs are captured as a Jupyter kernel would send them: ``stream`` (stdout, stderr),
``display_data`` (``display()`` and inline figures), ``execute_result`` (a cell's last value) and
``error`` (name, value, traceback), so the executed notebook, its report and papermill's error
handling are the same as with a real kernel.
"""

from __future__ import annotations

import sys
from typing import Any

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from papermill.engines import Engine, NotebookExecutionManager


class _Cell:
    """The outputs of the cell being executed."""

    outputs: list = []

    @classmethod
    def start(cls) -> None:
        cls.outputs = []

    @classmethod
    def stream(cls, name: str, text: str) -> None:
        last = cls.outputs[-1] if cls.outputs else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text
        else:
            cls.outputs.append(nbformat.v4.new_output("stream", name=name, text=text))


class _Stream:
    """A text stream that becomes ``stream`` outputs of the current cell."""

    encoding = "utf-8"

    def __init__(self, name: str):
        self.name = name

    def write(self, text: str) -> int:
        if text:
            _Cell.stream(self.name, text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Publisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        _Cell.outputs.append(
            nbformat.v4.new_output("display_data", data=data, metadata=metadata or {})
        )

    def clear_output(self, wait=False):
        _Cell.outputs = []


class _Hook(DisplayHook):
    """A cell's last value becomes an ``execute_result``."""

    def start_displayhook(self):
        pass

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        _Cell.outputs.append(
            nbformat.v4.new_output(
                "execute_result",
                data=format_dict,
                metadata=md_dict or {},
                execution_count=self.shell.execution_count,
            )
        )

    def finish_displayhook(self):
        pass


class _Shell(InteractiveShell):
    """An IPython shell whose tracebacks become ``error`` outputs."""

    def _showtraceback(self, etype, evalue, stb):
        _Cell.outputs.append(
            nbformat.v4.new_output(
                "error",
                ename=getattr(etype, "__name__", "Error"),
                evalue=str(evalue),
                traceback=list(stb),
            )
        )


def shell() -> InteractiveShell:
    """The process's capturing IPython shell (created once, with inline figures)."""
    if _Shell.initialized():
        return _Shell.instance()
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # forked runs must not share IPython's history file
    sh = _Shell.instance(
        config=config, displayhook_class=_Hook, display_pub_class=_Publisher, colors="nocolor"
    )
    try:
        sh.enable_matplotlib("inline")
    except Exception:  # matplotlib without the inline backend: figures are shown by display()
        pass
    return sh


def run_cell(sh: InteractiveShell, source: str) -> tuple[list, bool]:
    """Execute one cell; return its outputs and whether it raised."""
    _Cell.start()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
    try:
        result = sh.run_cell(source, store_history=True)
    finally:
        sys.stdout, sys.stderr = saved
    failed = result.error_before_exec is not None or result.error_in_exec is not None
    return _Cell.outputs, failed


class InProcessEngine(Engine):
    """papermill engine ``workbench``: cells run in this process's IPython shell."""

    @classmethod
    def execute_managed_notebook(
        cls, nb_man: NotebookExecutionManager, kernel_name: str, **kwargs: Any
    ) -> None:
        sh = shell()
        for index, cell in enumerate(nb_man.nb.cells):
            nb_man.cell_start(cell, index)
            try:
                if cell.cell_type != "code":
                    continue
                outputs, failed = run_cell(sh, cell.source)
                cell.outputs = outputs
                cell.execution_count = sh.execution_count - 1
                if failed:
                    nb_man.cell_exception(cell, cell_index=index)
                    break
            finally:
                nb_man.cell_complete(cell, cell_index=index)
