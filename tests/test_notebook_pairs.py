"""Every notebook has a jupytext py:percent pair beside it, in sync with it."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

from workbench.paths import NOTEBOOKS

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def cells(nb) -> list[tuple[str, str, tuple]]:
    return [(c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", ()))) for c in nb.cells]


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_pair_is_in_sync(path: Path):
    pair = path.with_suffix(".py")
    assert pair.is_file(), f"no jupytext pair {pair.name}: jupytext --to py:percent {path.name}"
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"
    assert cells(jupytext.read(pair)) == cells(nb), f"run: jupytext --sync {path}"
