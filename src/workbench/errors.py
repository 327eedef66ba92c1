"""The workbench's exceptions: a leaf module that imports nothing.

::

    WorkbenchError            anything the workbench reports in one line
    ├── InputError            bad input from the user: exit status 2, no traceback
    │   ├── ParameterError    a parameter value, a parameter file or a command-line argument
    │   └── DataError         a data file: carries the file, the column and the rows at fault
    └── RunError              a run that failed for another reason: exit status 1

    Interrupted               (a BaseException) SIGTERM or SIGINT stopped a run

Programming misuse (a wrong type or an impossible argument passed to a function) raises the
built-in :class:`TypeError` or :class:`ValueError`, never one of these. The runner tells bad input
from a failed run by type: in-process by ``isinstance``; across a Jupyter kernel, where only the
exception's class name travels, by looking that name up in this hierarchy
(:func:`exit_status_for_name`).
"""


class WorkbenchError(Exception):
    """Base of every error the workbench reports as one line; ``exit_status`` says how it ends."""

    exit_status = 1


class InputError(WorkbenchError):
    """Bad user input; the message names the parameter, file, column or rows, and what is wanted."""

    exit_status = 2


class ParameterError(InputError):
    """A bad parameter value, parameter file or command-line argument.

    Parameters
    ----------
    message : str
        The whole one-line message.
    parameter : str, optional
        The parameter at fault.
    origin : str, optional
        Where its value came from (``file.yaml:3``, ``-p name=value``, ``default``).
    """

    def __init__(self, message: str, *, parameter: str | None = None, origin: str | None = None):
        super().__init__(message)
        self.parameter = parameter
        self.origin = origin

    def __reduce__(self):  # keep the attributes through pickling (process pools, Dask)
        return (_rebuild, (type(self), str(self), self.__dict__))


class DataError(InputError):
    """A data file the workbench cannot use as it is.

    Parameters
    ----------
    message : str
        The whole one-line message (it names the file, column and rows itself).
    file : str, optional
        The file at fault.
    column : str, optional
        The column at fault.
    rows : sequence of int, optional
        The rows at fault, as the message numbers them.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        column: str | None = None,
        rows: tuple[int, ...] = (),
    ):
        super().__init__(message)
        self.file = file
        self.column = column
        self.rows = tuple(rows)

    def __reduce__(self):
        return (_rebuild, (type(self), str(self), self.__dict__))


class RunError(WorkbenchError):
    """A run that could not complete: a failing cell, a dead kernel, a full disk, a time limit."""

    exit_status = 1


class Interrupted(BaseException):
    """SIGTERM or SIGINT reached the runner: the run was stopped and nothing of it kept."""

    def __init__(self, signum: int, name: str = ""):
        super().__init__(name or f"signal {signum}")
        self.signum = signum


def _rebuild(cls: type, message: str, state: dict) -> WorkbenchError:
    error = cls(message)
    error.__dict__.update(state)
    return error


def exit_status_for_name(name: str) -> int | None:
    """Exit status of the workbench exception class called ``name``, or None if it is not one.

    A Jupyter kernel reports only the class name of an exception; this maps it back onto the
    hierarchy, so a subclass defined here is classified by what it is, not by string matching.
    """
    found = globals().get(name)
    if isinstance(found, type) and issubclass(found, WorkbenchError):
        return found.exit_status
    return None
