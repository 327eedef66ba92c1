"""The shipped datasets and their sources ledger.

``data/reference/`` holds verified public figures; every row keeps its ``source_url`` and
``source_quote``. ``data/synthetic/`` holds seeded, labelled synthetic data; ``data/external/``
holds real records from other settings. :data:`FILES` is the ledger of every shipped file (kind,
origin, licence); ``data/README.md`` says the same in prose, and a test keeps them in step.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(os.environ.get("WORKBENCH_HOME", Path(__file__).resolve().parents[2]))
DATA_DIR = PROJECT_ROOT / "data"

_REF = "verified public statistics; each row carries source_url and source_quote"
_REF_LICENCE = "official statistics (facts), compiled with quotes; see data/reference/README.md"

#: Every shipped data file: path under data/ -> (data_kind, origin, licence).
FILES: dict[str, tuple[str, str, str]] = {
    "reference/national_fiscal.csv": ("reference", f"MOF budget reports; {_REF}", _REF_LICENCE),
    "reference/national_gdp.csv": ("reference", f"NBS communiqués; {_REF}", _REF_LICENCE),
    "reference/national_fiscal_gdp_series_and_derived.csv": (
        "reference",
        "one preferred value per year from the two files above; DERIVED_* columns are computed, "
        "not sourced",
        _REF_LICENCE,
    ),
    "reference/local_fiscal_beijing_shanghai.csv": (
        "reference",
        f"Beijing and Shanghai budget reports; *_yearbook rows from huhuaping/techme; {_REF}",
        _REF_LICENCE + "; *_yearbook rows MIT (c) 2021 Hu Huaping",
    ),
    "reference/community_workers_social_orgs.csv": (
        "reference",
        f"MCA bulletins and press on community workers and social organisations; {_REF}",
        _REF_LICENCE,
    ),
    "reference/unverified_and_rejected_claims.csv": (
        "reference",
        "article claims that could NOT be verified, and rejected content-farm figures",
        _REF_LICENCE,
    ),
    "external/irs_soi_990_2016_medical_research_orgs.csv": (
        "external",
        "IRS SOI Form 990 extract 2016 (medical research orgs) via maximz/mro-map",
        "US federal government work, public domain (17 U.S.C. 105)",
    ),
    "external/provincial_public_budget_expenditure_2010_2023.csv": (
        "external",
        "China Statistical Yearbook provincial budget expenditure via huhuaping/techme",
        "MIT (c) 2021 Hu Huaping",
    ),
}


def path(name: str) -> Path:
    """Absolute path of a shipped data file, e.g. ``path("reference/national_gdp.csv")``."""
    return DATA_DIR / name


def sha256(file: str | Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load(name: str) -> pd.DataFrame:
    """Read a shipped CSV (UTF-8) and note it as an input of the current run."""
    from workbench.results import note_input

    file = path(name)
    if name not in FILES:
        raise KeyError(f"{name} is not in the data ledger (workbench.datasets.FILES)")
    note_input(file)
    return pd.read_csv(file, encoding="utf-8")


def reference(table: str) -> pd.DataFrame:
    """A reference table by stem, e.g. ``reference("national_gdp")``; keeps the source columns."""
    return load(f"reference/{table}.csv")


def ledger() -> pd.DataFrame:
    """The sources ledger: one row per shipped file with kind, origin, licence and sha256."""
    rows = []
    for name, (kind, origin, licence) in FILES.items():
        file = path(name)
        rows.append(
            {
                "file": f"data/{name}",
                "data_kind": kind,
                "origin": origin,
                "licence": licence,
                "sha256": sha256(file) if file.exists() else None,
            }
        )
    return pd.DataFrame(rows)
