"""Provenance and the cache key: the key changes with anything that could change a number."""

from __future__ import annotations

from workbench.runner import provenance


def test_cache_key_follows_notebook_parameters_and_data(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("x = 1"))
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    data = tmp_path / "d.csv"
    data.write_text("a\n1\n")
    key = provenance.cache_key(path, {"x": 1, "data_path": str(data)})
    assert key == provenance.cache_key(path, {"data_path": str(data), "x": 1})  # order-free
    assert key != provenance.cache_key(path, {"x": 2, "data_path": str(data)})
    data.write_text("a\n2\n")
    assert key != provenance.cache_key(path, {"x": 1, "data_path": str(data)})
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="ignored")]
    nbformat.write(nb, path)
    data.write_text("a\n1\n")
    assert key == provenance.cache_key(path, {"x": 1, "data_path": str(data)})  # outputs ignored
    nb.cells[0].source = "x = 2"
    nbformat.write(nb, path)
    assert key != provenance.cache_key(path, {"x": 1, "data_path": str(data)})


def test_versions_and_commit():
    assert {"python", "pandas", "papermill"} <= set(provenance.versions())
    assert set(provenance.commit()) == {"git_commit", "git_dirty"}
