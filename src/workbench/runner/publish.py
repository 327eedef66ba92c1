"""Run folders on disk: temporary folders, one run per name at a time, and atomic publishing.

A run writes into ``outputs/<analysis>/.tmp-<pid>-<id>/`` and becomes ``<run>/`` in one atomic
step: the new folder and the old one are exchanged (``renameat2(RENAME_EXCHANGE)``), so a reader
sees either the old complete run or the new one, never a gap or a mixture; the old one is then
removed. A lock (``.<run>.lock``, held with ``flock``) lets one run of a name proceed at a time: a
second run of the same name fails at once with one line saying which process holds it.

Temporary folders are removed on any failure; what a killed process left behind (its pid no longer
alive) is removed by the next run of the analysis and by ``workbench list``.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import uuid
from pathlib import Path

from workbench.errors import RunError

TMP_PREFIX = ".tmp-"
OLD_PREFIX = ".old-"
LOCK_SUFFIX = ".lock"
_RENAME_EXCHANGE = 2
_libc = ctypes.CDLL(None, use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)
_AT_FDCWD = -100


def describe_os_error(exc: OSError, path: Path | str) -> str:
    """One line naming the path and the cause of a filesystem failure."""
    causes = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the filesystem is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENAMETOOLONG: "the name is too long for the filesystem",
        errno.ENOTDIR: "a part of the path is not a folder",
    }
    cause = causes.get(exc.errno, exc.strerror or type(exc).__name__)
    return f"cannot write {exc.filename or path}: {cause}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def new_temp(home: Path) -> Path:
    """A fresh temporary run folder in ``home`` (created with ``figures/``)."""
    tmp = home / f"{TMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    (tmp / "figures").mkdir(parents=True)
    return tmp


def stale_temporaries(home: Path) -> list[Path]:
    """Temporary and half-replaced folders and lock files whose process is gone."""
    found = []
    if not home.is_dir():
        return found
    for entry in home.iterdir():
        name = entry.name
        if name.startswith((TMP_PREFIX, OLD_PREFIX)):
            pid = name.split("-")[1] if name.count("-") >= 2 else ""
            if not pid.isdigit() or not _alive(int(pid)):
                found.append(entry)
        elif name.startswith(".") and name.endswith(LOCK_SUFFIX) and not locked(entry):
            found.append(entry)
    return sorted(found)


def remove_stale(home: Path) -> list[Path]:
    """Remove :func:`stale_temporaries` of ``home``; return what was removed."""
    removed = []
    for entry in stale_temporaries(home):
        try:
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except FileNotFoundError:
            continue  # another process removed it first
        removed.append(entry)
    return removed


def locked(path: Path) -> bool:
    """Whether another process holds the lock file ``path``."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _lock_path(home: Path, name: str) -> Path:
    return home / f".{name}{LOCK_SUFFIX}"


class RunLock:
    """The lock of one run name (see the module doc); a context manager, or acquire/release.

    Raises
    ------
    RunError
        From :meth:`acquire`: another run of the same name holds the lock (and ``wait`` is
        false).
    """

    def __init__(self, home: Path, name: str, *, wait: bool = False):
        self.path, self.home, self.name, self.wait = _lock_path(home, name), home, name, wait
        self.fd: int | None = None

    def acquire(self) -> RunLock:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if self.wait else fcntl.LOCK_NB))
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                os.close(fd)
                raise RunError(
                    f"another run of {self.home.name}/{self.name} is in progress (process "
                    f"{holder}); wait for it to finish or choose another --name"
                ) from None
            try:  # the file we locked must still be the one at the path (see the module doc)
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def run_lock(home: Path, name: str, *, wait: bool = False) -> RunLock:
    """The lock of run ``name`` in ``home`` (use it in a ``with`` statement)."""
    return RunLock(home, name, wait=wait)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    if _renameat2 is None:
        return False
    rc = _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS):
        return False
    raise OSError(err, os.strerror(err), str(b))


def publish(src: Path, dest: Path) -> None:
    """Put the folder ``src`` at ``dest`` atomically, replacing what was there.

    The caller holds the run's lock. Where the filesystem cannot exchange two folders, the old one
    is first renamed aside (a reader may then briefly see no folder, never a partial one).
    """
    try:
        os.rename(src, dest)  # no previous run: a plain rename is atomic
        return
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
            raise
    if _exchange(src, dest):
        shutil.rmtree(src, ignore_errors=True)  # src now holds the previous run
        return
    old = dest.with_name(f"{OLD_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    os.rename(dest, old)
    os.rename(src, dest)
    shutil.rmtree(old, ignore_errors=True)
