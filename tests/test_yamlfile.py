"""The safe YAML reader: every problem one short line naming the file (and line)."""

from __future__ import annotations

import time

import pytest

from workbench import yamlfile
from workbench.errors import ParameterError


def bomb(levels: int) -> str:
    lines = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text, culprit",
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3: duplicate key 'a' (first on line 1)"),
        ("x: [1\n", "f.yaml:2: malformed YAML"),
        ("[" * 3000 + "]" * 3000, "nested too deeply"),
        ("a:\n" + "".join("  " * i + "b:\n" for i in range(1, 30)), "nested more than 20"),
        (bomb(9), "expands to more than 100,000 values"),
        ("a: !!python/object:os.system x\n", "could not determine a constructor"),
    ],
)
def test_bad_yaml_is_one_short_line(text, culprit):
    t0 = time.perf_counter()
    with pytest.raises(ParameterError) as err:
        yamlfile.loads(text, "f.yaml")
    message = str(err.value)
    assert culprit in message and "\n" not in message and len(message) < 300
    assert time.perf_counter() - t0 < 5


def test_a_small_alias_document_is_fine():
    data, _ = yamlfile.loads(bomb(3), "f.yaml")
    assert len(data["a2"]) == 9 and len(data["a2"][0]) == 9


def test_lines_of_top_level_keys():
    data, lines = yamlfile.loads("# c\nstart_year: 2019\nend_year: 2021\n", "f.yaml")
    assert data == {"start_year": 2019, "end_year": 2021}
    assert lines == {"start_year": 2, "end_year": 3}


def test_gbk_is_read_and_binary_refused(tmp_path):
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("data_label: 北京市社会组织\n".encode("gbk"))
    assert yamlfile.load(gbk)[0] == {"data_label": "北京市社会组织"}
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(ParameterError, match="not a text file"):
        yamlfile.load(binary)
    latin1 = tmp_path / "l.yaml"
    latin1.write_bytes(b"a: \xff\xfe\xfd\xfc\n")
    with pytest.raises(ParameterError, match="save the file as UTF-8"):
        yamlfile.load(latin1)


def test_missing_large_and_folder(tmp_path):
    with pytest.raises(ParameterError, match="file not found"):
        yamlfile.load(tmp_path / "nope.yaml")
    with pytest.raises(ParameterError, match="is a folder"):
        yamlfile.load(tmp_path)
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (yamlfile.MAX_BYTES + 1))
    with pytest.raises(ParameterError, match="at most 1,000,000"):
        yamlfile.load(big)
