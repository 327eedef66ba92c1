"""Where things live: the outputs root's precedence and paths shown relative to the project."""

from __future__ import annotations

from workbench import paths


def test_outputs_root_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv("WORKBENCH_OUTPUTS", raising=False)
    assert paths.outputs_root() == paths.PROJECT_ROOT / "outputs"
    monkeypatch.setenv("WORKBENCH_OUTPUTS", str(tmp_path / "env"))
    assert paths.outputs_root() == tmp_path / "env"
    assert paths.outputs_root(tmp_path / "arg") == tmp_path / "arg"
    monkeypatch.chdir(tmp_path)
    assert paths.outputs_root("rel") == tmp_path / "rel"  # always absolute


def test_relative_and_sha256(tmp_path):
    assert paths.relative(paths.DATA_DIR / "README.md") == "data/README.md"
    f = tmp_path / "x.txt"
    f.write_bytes(b"abc")
    assert paths.relative(f) == str(f)
    assert paths.sha256(f) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
