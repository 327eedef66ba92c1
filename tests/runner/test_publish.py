"""Publishing is atomic and race-free; temporary folders of dead processes are found and removed."""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys

from workbench.runner import publish


def complete(folder) -> bool | None:
    """Whether the folder at the path is one whole run: both files, from the same run.

    The folder is opened once and read through that handle, as a reader would; None when the run
    it opened was replaced and removed while being read (the path then holds the new one).
    """
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)  # FileNotFoundError: a gap
    try:
        texts = []
        for name in ("a.txt", "b.txt"):
            try:
                with open(os.open(name, os.O_RDONLY, dir_fd=fd)) as handle:
                    texts.append(handle.read())
            except FileNotFoundError:
                return None
        return texts[0] == texts[1]
    finally:
        os.close(fd)


def publisher(home: str, tag: str, rounds: int, errors) -> None:
    from pathlib import Path

    home = Path(home)
    for i in range(rounds):
        try:
            with publish.run_lock(home, "same", wait=True):
                tmp = publish.new_temp(home)
                (tmp / "figures").rmdir()
                for name in ("a.txt", "b.txt"):
                    (tmp / name).write_text(f"{tag}-{i}")
                publish.publish(tmp, home / "same")
        except Exception as exc:  # noqa: BLE001 - the test counts every kind
            errors.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_publishing_the_same_name_hundreds_of_times(tmp_path):
    home = tmp_path / "probe"
    home.mkdir()
    errors = mp.get_context("fork").Queue()
    procs = [
        mp.get_context("fork").Process(target=publisher, args=(str(home), tag, 300, errors))
        for tag in ("a", "b")
    ]
    for p in procs:
        p.start()
    seen_incomplete, reads = 0, 0
    while any(p.is_alive() for p in procs):
        target = home / "same"
        if not target.exists():
            continue  # before the first publish
        try:
            whole = complete(target)
        except FileNotFoundError:
            whole = False  # the path had no folder: a gap
        reads += 1
        seen_incomplete += whole is False
    for p in procs:
        p.join()
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
    assert seen_incomplete == 0 and reads > 100
    assert sorted(p.name for p in home.iterdir()) == ["same"]  # no temporaries, no lock left
    assert complete(home / "same")


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
