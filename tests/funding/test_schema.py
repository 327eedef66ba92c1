"""workbench.funding.schema: every bad input is one DataError naming the file, column and rows.

``schema.check_inputs`` is what the runner calls before a kernel starts; these tests call it
in-process. A table read from a file is indexed by file line, so a bad value on the third data row
of a CSV with a header is on file line 4.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench import datasets, params
from workbench.errors import DataError
from workbench.funding import schema
from workbench.funding.schema import DEFAULT_SOURCES, validate_organisations

from .conftest import US_EXAMPLE
from .frames import small_frame

ANALYSIS = "funding_distribution"
SOURCES = list(DEFAULT_SOURCES)
HEADER = "org_id,group,government_purchase,foundation_grants,donations,service_fees,other\n"

#: Bad files: name -> (bytes, substrings of the message, column at fault, file lines at fault).
BAD_FILES: dict[str, tuple[bytes, list[str], str | None, tuple[int, ...]]] = {
    "missing_org_id": (
        (HEADER + "A,g1,10,0,1,0,0\n,g1,5,1,0,0,0\nC,g2,3,0,0,1,0\n").encode(),
        ["'org_id'", "empty", "file line 3"],
        "org_id",
        (3,),
    ),
    "duplicate_org_id": (
        (HEADER + "A,g1,10,0,1,0,0\nB,g1,5,1,0,0,0\nA,g2,3,0,0,1,0\n").encode(),
        ["'org_id'", "duplicate", "file lines 2 and 4", "'A'"],
        "org_id",
        (2, 4),
    ),
    "missing_source_column": (
        b"org_id,group,government_purchase,foundation_grants,service_fees,other\n"
        b"A,g1,10,0,0,0\nB,g1,5,1,0,0\n",
        ["missing column", "'donations'", "column_map"],
        "donations",
        (),
    ),
    "negative_amount": (
        (HEADER + "A,g1,10,0,1,0,0\nB,g1,5,1,0,0,0\nC,g2,3,0,-2,1,0\n").encode(),
        ["'donations'", "negative", "file line 4 (-2.0)"],
        "donations",
        (4,),
    ),
    "non_numeric_amount": (
        (HEADER + "A,g1,10,0,1,0,0\nB,g1,5万,1,0,0,0\nC,g2,3,0,0,1,0\n").encode(),
        ["'government_purchase'", "non-numeric", "file line 3", "5万"],
        "government_purchase",
        (3,),
    ),
    "zero_total": (
        (HEADER + "A,g1,10,0,1,0,0\nB,g1,0,0,0,0,0\nC,g2,3,0,0,1,0\nD,g2,0,0,0,0,0\n").encode(),
        ["zero total funding", "file lines 3 and 5", "drop_zero_total"],
        None,
        (3, 5),
    ),
    "missing_amount": (
        (HEADER + "A,g1,10,0,1,0,0\nB,g1,5,,0,0,0\n").encode(),
        ["'foundation_grants'", "missing amounts", "file line 3", "missing_as_zero"],
        "foundation_grants",
        (3,),
    ),
    "empty_group": (
        (HEADER + "A,g1,10,0,1,0,0\nB, ,5,1,0,0,0\n").encode(),
        ["'group'", "empty", "file line 3"],
        "group",
        (3,),
    ),
    "empty_file": (b"", ["the file is empty"], None, ()),
    "header_only": (HEADER.encode(), ["no data rows"], None, ()),
    "unreadable_encoding": (
        (HEADER + "A,北京,10,0,1,0,0\n").encode("utf-16"),
        ["cannot decode", "UTF-8 or GBK"],
        None,
        (),
    ),
}


def resolve(*flags: str):
    return params.resolve(ANALYSIS, flags=list(flags))


def sample_orgs(n: int = 300) -> pd.DataFrame:
    """The first ``n`` synthetic organisations (all have positive totals)."""
    return pd.read_csv(datasets.path("synthetic/organisations.csv")).head(n)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_one_line_naming_file_column_and_rows(case, tmp_path):
    content, expected, column, rows = BAD_FILES[case]
    data = tmp_path / f"{case}.csv"
    data.write_bytes(content)
    with pytest.raises(DataError) as err:
        schema.check_inputs(resolve(f"data_path={data}"))
    message = str(err.value)
    assert message.startswith(str(data)) and "\n" not in message, message
    for part in expected:
        assert part in message, (part, message)
    assert err.value.file == str(data)
    assert err.value.column == column
    assert err.value.rows == rows


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.iloc[0:0], "no data rows"),
        (lambda d: d.drop(columns="donations"), "missing column 'donations'"),
        (lambda d: d.drop(columns="org_id"), "missing column 'org_id'"),
        (
            lambda d: d.assign(org_id=["a", None, "c", None]),
            "'org_id' is empty at data rows 2 and 4",
        ),
        (
            lambda d: d.assign(org_id=["a", "b", "a", "d"]),
            "'org_id' has duplicate values at data rows 1 and 3",
        ),
        (lambda d: d.assign(group=["x", "", "y", "y"]), "'group' is empty at data row 2"),
        (
            lambda d: d.assign(other=[0, "n/a", 0, "1,000"]),
            "'other' has non-numeric amounts at data row 2 ('n/a')",
        ),
        (lambda d: d.assign(other=[0, np.nan, 0, 0]), "'other' has missing amounts at data row 2"),
        (
            lambda d: d.assign(donations=[1, -1, 0, -2]),
            "'donations' has negative amounts at data rows 2 (-1.0) and 4 (-2.0)",
        ),
        (lambda d: d.assign(service_fees=[5, 20, np.inf, 10]), "'service_fees' has infinite"),
        (lambda d: d.assign(other=[True, False, True, True]), "'other' holds true/false"),
        (lambda d: d.assign(government_purchase=[90, 50, 0, 0]), "zero total funding"),
        (lambda d: pd.concat([d, d[["donations"]]], axis=1), "'donations' appears more than once"),
    ],
)  # fmt: skip
def test_validate_errors(mutate, expected: str) -> None:
    with pytest.raises(DataError) as err:
        validate_organisations(mutate(small_frame()), source_label="orgs.csv")
    message = str(err.value)
    assert message.startswith("orgs.csv: ")
    assert expected in message, message
    assert "\n" not in message


def test_thousands_separators_and_spaces_are_numbers() -> None:
    out = validate_organisations(small_frame().assign(other=["0", " 1,000 ", "0", "2.5"]))
    assert out["other"].tolist() == [0, 1000, 0, 2.5]


def test_validate_returns_float_copy() -> None:
    df = small_frame().astype({"donations": object})
    df.loc[1, "donations"] = "10"
    out = validate_organisations(df)
    assert out["donations"].dtype == float and out["donations"].tolist() == [5, 10, 0, 0]
    assert df.loc[1, "donations"] == "10"  # input untouched


def test_many_bad_rows_are_summarised_and_options() -> None:
    df = pd.concat([small_frame()] * 5, ignore_index=True)
    df["org_id"] = [f"o{i}" for i in range(len(df))]
    df["donations"] = -1.0
    with pytest.raises(DataError, match=r"data rows 1 \(-1.0\), 2 \(-1.0\), .* and 15 more"):
        validate_organisations(df)
    blanks = small_frame().assign(other=[0, None, 0, ""])
    assert validate_organisations(blanks, missing_as_zero=True)["other"].tolist() == [0] * 4
    no_group = validate_organisations(small_frame().drop(columns="group"), group_column=None)
    assert "group" not in no_group.columns
    zero = small_frame().assign(government_purchase=[90, 50, 0, 0])
    kept = validate_organisations(zero, drop_zero_total=True)
    assert kept["org_id"].tolist() == ["a", "b", "d"]
    with pytest.raises(DataError, match="every organisation has zero total"):
        validate_organisations(
            small_frame().assign(**{s: 0.0 for s in SOURCES}), drop_zero_total=True
        )


def test_programming_errors_are_not_data_errors() -> None:
    with pytest.raises(TypeError):
        validate_organisations([1, 2, 3])
    with pytest.raises(ValueError, match="sources"):
        validate_organisations(small_frame(), [])


def test_gbk_file_with_its_own_column_names(tmp_path: Path) -> None:
    frame = small_frame().rename(columns={"org_id": "编号", "donations": "捐赠"})
    path = tmp_path / "机构资金.csv"
    frame.to_csv(path, index=False, encoding="gbk")
    p = resolve(f"data_path={path}", "column_map={org_id: 编号, donations: 捐赠}")
    data = schema.load(p)
    assert data.data_kind == "user" and data.n_dropped_zero_total == 0
    assert list(data.frame["org_id"]) == ["a", "b", "c", "d"]
    assert data.frame["donations"].dtype == float
    assert list(data.frame.index) == [0, 1, 2, 3]


def test_gbk_file_errors_name_the_file_line(tmp_path: Path) -> None:
    frame = small_frame()
    frame.loc[[1, 3], "service_fees"] = -1.0
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False, encoding="gbk")
    with pytest.raises(DataError, match=rf"{path}: column 'service_fees'.*file lines 3 .* and 5"):
        schema.check_inputs(resolve(f"data_path={path}"))


def test_missing_group_column_suggests_column_map_or_no_grouping(tmp_path):
    data = tmp_path / "nogroup.csv"
    sample_orgs(20).drop(columns=["group"]).to_csv(data, index=False)
    with pytest.raises(DataError, match="no group column 'group'.*empty string") as err:
        schema.check_inputs(resolve(f"data_path={data}"))
    assert err.value.column == "group"
    schema.check_inputs(resolve(f"data_path={data}", "group_column="))


def test_column_map_naming_an_absent_column(tmp_path):
    data = tmp_path / "orgs.csv"
    sample_orgs(5).to_csv(data, index=False)
    with pytest.raises(DataError, match="column_map names columns not in the file: 'ID'"):
        schema.check_inputs(resolve(f"data_path={data}", "column_map={org_id: ID}"))


@pytest.mark.parametrize("suffix", ["xlsx", "parquet"])
def test_xlsx_and_parquet_files_are_read_through_check_inputs(suffix, tmp_path):
    orgs = sample_orgs(50).rename(columns={"org_id": "ID", "government_purchase": "gov"})
    mapping = "column_map={org_id: ID, government_purchase: gov}"

    def write(frame, name):
        path = tmp_path / f"{name}.{suffix}"
        if suffix == "xlsx":
            frame.to_excel(path, index=False)
        else:
            frame.to_parquet(path, index=False)
        return path

    p = resolve(f"data_path={write(orgs, 'orgs')}", mapping)
    schema.check_inputs(p)  # no error
    df = schema.load(p).frame
    assert len(df) == 50 and df["org_id"].is_unique
    assert df["government_purchase"].sum() == pytest.approx(orgs["gov"].sum())

    orgs.loc[4, "donations"] = -1.0
    p = resolve(f"data_path={write(orgs, 'bad')}", mapping)
    # the fifth data row: sheet row 6 of a workbook; a Parquet table has no lines
    where = "file line 6" if suffix == "xlsx" else "data row 5"
    with pytest.raises(DataError, match=rf"'donations' has negative amounts at {where}"):
        schema.check_inputs(p)


def test_the_shipped_data_are_checked_too():
    schema.check_inputs(params.FundingDistributionParams())
    p = resolve("sources=[government_purchase, grants]", "market_sources=[grants]")
    with pytest.raises(DataError, match="missing column 'grants'"):
        schema.check_inputs(p)


def test_us_example_reads_real_records_and_drops_zero_totals(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the relative data_path resolves from any folder
    p = params.resolve(ANALYSIS, [US_EXAMPLE])
    assert Path(p.data_path).is_file() and Path(p.data_path).is_absolute()
    data = schema.load(p)
    raw = pd.read_csv(datasets.path("external/irs_soi_990_2016_medical_research_orgs.csv"))
    zero = int((raw[["totcntrbgfts", "totprgmrevnue", "royaltsinc"]].sum(axis=1) == 0).sum())
    assert data.data_kind == "user" and data.n_dropped_zero_total == zero == 44
    assert len(data.frame) == len(raw) - zero
    assert data.shipped[0] == "external" and data.ledger_name in schema.SHIPPED_ZH
    with pytest.raises(DataError, match="zero total funding"):
        schema.check_inputs(params.resolve(ANALYSIS, [US_EXAMPLE], ["drop_zero_total=false"]))


def test_labels_cover_the_defaults_in_both_languages() -> None:
    for s in DEFAULT_SOURCES:
        assert schema.source_label(s, "en") != s and schema.source_label(s, "zh") != s
    assert schema.source_label("government_purchase", "zh") == "政府购买服务"
    assert schema.source_label("my_column", "zh") == "my_column"
    assert schema.unit_label("USD", "zh") == "美元"
    assert schema.amount_text(10, "万元", "en") == "100,000 yuan"
    assert schema.amount_text(10, "万元", "zh") == "10.00万元"
    assert schema.amount_text(1500, "USD", "en") == "1,500 US dollars"


def test_defaults_come_from_the_model() -> None:
    model = params.FundingDistributionParams()
    assert list(schema.DEFAULT_SOURCES) == model.sources
    assert schema.GOVERNMENT_SOURCE == model.government_source
    assert list(schema.MARKET_SOURCES) == model.market_sources
