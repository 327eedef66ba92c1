"""Users' files: formats, encodings, column maps, and rows named by file line."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench import io, messages
from workbench.errors import DataError


def test_csv_rows_are_indexed_by_file_line_even_with_blank_lines(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text('a,b\n1,2\n\n\n3,x\n"4\nfour",5\n6,7\n', encoding="utf-8")
    df = io.read_table(f)
    assert messages.lines_of(df) == [2, 5, 6, 8]
    bad = df["b"].astype(str) == "x"
    assert messages.rows(bad, df["b"].tolist(), lines=messages.lines_of(df)) == "file line 5 ('x')"


def test_gbk_csv_and_column_map(tmp_path):
    f = tmp_path / "g.csv"
    f.write_bytes("编号,金额\n1,10\n2,20\n".encode("gbk"))
    df = io.read_table(f, column_map={"org_id": "编号"}, required=["org_id"])
    assert list(df.columns) == ["org_id", "金额"] and df["金额"].sum() == 30


def test_xlsx_blank_rows_are_dropped_and_lines_kept(tmp_path):
    f = tmp_path / "t.xlsx"
    pd.DataFrame({"a": [1, None, 3]}).to_excel(f, index=False)
    df = io.read_table(f)
    assert messages.lines_of(df) == [2, 4] and df["a"].tolist() == [1, 3]


def test_parquet_rows_are_data_rows(tmp_path):
    f = tmp_path / "t.parquet"
    pd.DataFrame({"a": [1, 2]}).to_parquet(f)
    assert messages.lines_of(io.read_table(f)) is None


@pytest.mark.parametrize(
    "name, content, culprit",
    [
        ("e.csv", b"", "the file is empty"),
        ("h.csv", b"a,b\n", "no data rows"),
        ("x.txt2", b"a\n1\n", "unknown format"),
        ("l.csv", b"a\n\xff\xfe\x81\x30\n", "cannot decode the text as UTF-8 or GBK"),
        ("bad.xlsx", b"not a workbook", "not a readable XLSX"),
    ],
)
def test_unreadable_files_are_one_data_error(tmp_path, name, content, culprit):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(DataError, match=culprit) as err:
        io.read_table(f)
    assert err.value.file == str(f)


def test_missing_mapped_and_required_columns(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("a,b\n1,2\n")
    with pytest.raises(DataError, match=r"column_map names columns not in the file: 'z'"):
        io.read_table(f, column_map={"org_id": "z"})
    with pytest.raises(DataError, match="required column.s. missing: org_id") as err:
        io.read_table(f, required=["org_id"])
    assert err.value.column == "org_id"
    with pytest.raises(DataError, match="data file not found"):
        io.read_table(tmp_path / "nope.csv")
