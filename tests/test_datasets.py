"""The data ledger covers every shipped file, and data/README.md names each one."""

from __future__ import annotations

import pandas as pd

from workbench import datasets


def test_ledger_covers_every_data_file_and_the_readme_names_them():
    shipped = {
        str(p.relative_to(datasets.DATA_DIR))
        for p in datasets.DATA_DIR.rglob("*")
        if p.is_file() and p.suffix in {".csv", ".parquet", ".xlsx"}
    }
    assert shipped == set(datasets.FILES)
    readme = (datasets.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for name in datasets.FILES:
        assert name in readme, name


def test_ledger_has_hashes_and_kinds():
    ledger = datasets.ledger()
    assert ledger["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert set(ledger["data_kind"]) <= {"reference", "synthetic", "external"}


def test_reference_tables_keep_their_sources():
    for name in datasets.FILES:
        if name.startswith("reference/") and "unverified" not in name and "derived" not in name:
            table = datasets.load(name)
            if "source_url" in table.columns:
                assert "source_quote" in table.columns, name
                assert table["source_url"].notna().all(), name
            else:  # figures only the article gives: cited and labelled, never passed as official
                assert table["source"].str.contains("澎湃新闻").all(), name
                assert table["status"].str.startswith("as quoted in the article").all(), name


def test_reference_matches_shared_figures():
    gdp = datasets.reference("national_gdp")
    assert isinstance(gdp, pd.DataFrame) and (gdp["unit"] == "亿元").any()
