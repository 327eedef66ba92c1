"""Publishing is atomic and race-free; temporary folders of dead processes are found and removed."""

from __future__ import annotations

import os
import subprocess
import sys

from workbench.runner import publish


def test_stale_temporaries_are_those_of_dead_processes(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    mine = tmp_path / f".tmp-{os.getpid()}-abcd1234"
    theirs = tmp_path / f".tmp-{dead}-abcd1234"
    old = tmp_path / f".old-{dead}-abcd1234"
    lock = tmp_path / ".r.lock"
    for folder in (mine, theirs, old):
        folder.mkdir()
    lock.write_text(dead)
    assert publish.stale_temporaries(tmp_path) == sorted([theirs, old, lock])
    assert publish.remove_stale(tmp_path) == sorted([theirs, old, lock])
    assert mine.exists() and not theirs.exists()


def test_os_errors_are_described_in_words(tmp_path):
    import errno

    err = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))
    assert (
        publish.describe_os_error(err, tmp_path)
        == f"cannot write {tmp_path / 'x'}: the disk is full"
    )
    err = OSError(errno.EROFS, "Read-only file system")
    assert publish.describe_os_error(err, tmp_path).endswith("the filesystem is read-only")
