"""The fiscal-pressure analysis end to end: the article's figures, a user's file, and bad input.

The default run must reproduce the article's +6.4 % and 3.1 % a year from the sourced levels. A
user's own national series runs as ``data_kind: user``. Bad input (a missing year, a non-numeric or
negative value, a year outside the data, ``start_year >= end_year``, a basis the file cannot serve)
must stop ``workbench run`` before a kernel starts: exit status 2, one line naming the row, column
or parameter, no traceback, and the outputs folder untouched.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import tree_digest
from workbench import datasets, params, runner
from workbench.errors import InputError

ROOT = runner.PROJECT_ROOT
WORKBENCH = Path(sys.executable).parent / "workbench"
ANALYSIS = "fiscal_pressure"


def user_series(first: int = 2015, last: int = 2022) -> pd.DataFrame:
    """A valid user file built from the shipped reference data (first-release GDP)."""
    ref = pd.read_csv(datasets.path("reference/national_fiscal_gdp_series_and_derived.csv"))
    d = ref[ref["year"].between(first, last)]
    return pd.DataFrame(
        {
            "year": d["year"],
            "revenue": d["revenue_yiyuan"],
            "expenditure": d["expenditure_yiyuan"],
            "gdp": d["gdp_prelim_yiyuan"],
            "gdp_real_growth_pct": d["gdp_real_growth_prelim_pct"],
        }
    ).reset_index(drop=True)


def command(*args: str, outputs: Path) -> list[str]:
    return [str(WORKBENCH), "run", ANALYSIS, *args, "--outputs", str(outputs)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    """The default run and a user-file run, started together (two kernels in parallel)."""
    tmp = tmp_path_factory.mktemp("fiscal_runs")
    good = tmp / "my_series.csv"
    user_series().to_csv(good, index=False)
    outputs = tmp / "outputs"
    procs = {
        "default": subprocess.Popen(
            command(outputs=outputs), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        ),
        "user": subprocess.Popen(
            command("-p", f"data_path={good}", "--name", "user", outputs=outputs),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
    }
    folders = {}
    for name, proc in procs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{name}: {err[-3000:]}"
        folders[name] = outputs / ANALYSIS / name
    return folders


def results(folder: Path) -> dict:
    return json.loads((folder / "results.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_default_run_reproduces_the_article(runs):
    r = results(runs["default"])
    assert r["data_kind"] == "reference"
    # the article: revenue +6.4% over 2019-2021, 3.1% a year, from the sourced levels
    assert round(r["revenue_growth_cumulative"], 3) == 0.064
    assert round(r["revenue_growth_avg_annual"], 3) == 0.031
    # final-verification GDP: real 5.25% a year; nominal (same vintage) 7.9% a year
    assert r["gdp_real_growth_avg_annual"] == pytest.approx(0.0525, abs=5e-5)
    assert r["gdp_nominal_growth_avg_annual"] == pytest.approx(0.0793, abs=5e-5)
    assert r["buoyancy_nominal"] == pytest.approx(0.396, abs=5e-4)
    # the vintage table: NBS's 5.1% and the article's 5.2%
    assert round(r["gdp_real_growth_avg_annual_at_release"], 3) == 0.051
    assert round(r["gdp_real_growth_avg_annual_preliminary"], 3) == 0.052
    assert r["gdp_real_growth_avg_annual_nbs_stated"] == 0.051
    # 增加了近1.5倍 read "by": 20.1% a year; against 4% revenue the share doubles in 5 years
    assert r["governance_spending_growth_annual"] == pytest.approx(0.2011, abs=5e-5)
    assert r["doubling_year"] == 2025
    assert r["buoyancy_long_run"] < 1 and r["buoyancy_short_run"] > 0
    assert r["beijing_2020_social_spending_fiscal_share_as_quoted"] == pytest.approx(
        0.731, abs=5e-4
    )
    names = {p.stem for p in (runs["default"] / "figures").glob("*.json")}
    assert names == {"revenue_vs_gdp_growth", "revenue_to_gdp", "fiscal_gap", "governance_fan"}


@pytest.mark.slow
def test_a_users_file_runs_as_user_data(runs):
    r = results(runs["user"])
    assert r["data_kind"] == "user"
    # the same levels as the reference data, first-release GDP: the article's 5.2% real growth
    assert round(r["revenue_growth_cumulative"], 3) == 0.064
    assert round(r["gdp_real_growth_avg_annual"], 3) == 0.052
    assert r["gdp_nominal_growth_avg_annual"] == pytest.approx((1_143_670 / 990_865) ** 0.5 - 1)
    assert r["buoyancy_long_run"] is not None  # 2015-2022 is enough for the regressions
    prov = json.loads((runs["user"] / "provenance.json").read_text())
    assert any(k.endswith("my_series.csv") for k in prov["inputs_sha256"])


def _drop_2020(d: pd.DataFrame) -> pd.DataFrame:
    return d[d["year"] != 2020]


def _text_in_2020(d: pd.DataFrame) -> pd.DataFrame:
    d = d.astype({"revenue": object})
    d.loc[d["year"] == 2020, "revenue"] = "about 18万亿"
    return d


def _negative_2020(d: pd.DataFrame) -> pd.DataFrame:
    d.loc[d["year"] == 2020, "revenue"] = -182_895.0
    return d


def _no_real_growth(d: pd.DataFrame) -> pd.DataFrame:
    return d.drop(columns="gdp_real_growth_pct")


#: name -> (change to the valid file, extra flags, substrings the one-line message must contain).
#: Rows count from 1 at the first data row; the file holds 2015-2022, so 2020 is row 6.
BAD_CASES = {
    "missing_year": (_drop_2020, [], ["'year'", "2020", "after row 5", "2019-2021"]),
    "non_numeric": (_text_in_2020, [], ["'revenue'", "row 6", "year 2020", "not a number"]),
    "negative_revenue": (_negative_2020, [], ["'revenue'", "row 6", "negative"]),
    "year_outside_data": (None, ["-p", "end_year=2023"], ["end_year 2023", "outside", "2015-2022"]),
    "start_not_before_end": (
        None,
        ["-p", "start_year=2021", "-p", "end_year=2019"],
        ["start_year", "end_year", "must be before"],
    ),
    "real_basis_without_real_growth": (
        _no_real_growth,
        [],
        ["gdp_basis", "'gdp_real_growth_pct'", "nominal"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_stops_before_the_kernel(case, tmp_path):
    change, flags, expected = BAD_CASES[case]
    d = user_series()
    data = tmp_path / f"{case}.csv"
    (change(d) if change else d).to_csv(data, index=False)
    outputs = tmp_path / "outputs"
    previous = outputs / ANALYSIS / "default"
    previous.mkdir(parents=True)
    (previous / "results.json").write_text('{"data_kind": "reference"}\n')
    before = tree_digest(outputs), sorted(outputs.rglob("*"))

    proc = subprocess.run(
        command("-p", f"data_path={data}", *flags, outputs=outputs),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    message = proc.stderr.strip()
    assert message.startswith("error: ") and len(message.splitlines()) == 1, message
    for part in expected:
        assert part in message, (part, message)
    assert (tree_digest(outputs), sorted(outputs.rglob("*"))) == before


def test_shipped_data_years_are_checked_before_the_kernel():
    # final-verification GDP has no 2017 level: caught by check_inputs, naming the vintage
    p = params.resolve(ANALYSIS, flags=["start_year=2017"])
    with pytest.raises(InputError, match=r"start_year 2017.*gdp_vintage 'revised'.*2017"):
        p.check_inputs()
    params.resolve(ANALYSIS, flags=["start_year=2017", "gdp_vintage=preliminary"]).check_inputs()


def test_every_shipped_parameter_set_passes_check_inputs():
    for f in runner.parameter_sets(ANALYSIS):
        params.resolve(ANALYSIS, [f]).check_inputs()
