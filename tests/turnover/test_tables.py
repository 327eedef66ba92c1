"""The notebook's tables: human headers with units, text values, at most seven columns."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

from workbench import glossary
from workbench.turnover import tables

TABLES = [
    name
    for name, fn in inspect.getmembers(tables, inspect.isfunction)
    if fn.__module__ == tables.__name__
    and not name.startswith("_")
    and list(inspect.signature(fn).parameters)[:2] == ["result", "params"]
]


def _check(frame: pd.DataFrame, lang: str) -> None:
    assert isinstance(frame, pd.DataFrame) and len(frame) and 2 <= frame.shape[1] <= 7
    for header in frame.columns:
        assert "_" not in header and "[T." not in header, header
    assert frame.map(lambda v: isinstance(v, str)).all().all()
    if lang == "zh":
        for text in [*frame.columns, *frame.to_numpy().ravel()]:
            assert not glossary.latin_words(text), (text, glossary.latin_words(text))


def test_every_table_is_covered():
    assert {
        "drivers",
        "rates",
        "logit",
        "hypotheses",
        "retention",
        "cox",
        "calibration",
        "ranking",
        "scenarios",
        "rewards",
        "truth",
    } == set(TABLES)


@pytest.mark.parametrize("name", TABLES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tables_in_both_languages(result, params, name, lang):
    _check(getattr(tables, name)(result, params, lang), lang)


def test_headers_carry_units_and_values_are_formatted(result, params):
    rates = tables.rates(result, params, "en")
    assert "Turnover, % a year" in rates.columns and rates.iloc[0, 3] == "30.1%"
    logit = tables.logit(result, params, "en")
    assert "Change in probability of leaving, points" in logit.columns
    assert "Agency (dispatch) vs fixed-term contract" in set(logit.iloc[:, 0])
    cox = tables.cox(result, params, "en")
    assert "Hazard ratio for the change" in cox.columns
    assert not any("hr_for_change" in c or "contract_type[T." in c for c in cox.columns)
    sc = tables.scenarios(result, params, "zh")
    assert "未计成本" in set(sc.iloc[:, 4]) and sc.iloc[3, 0] == "加薪20%"


def test_optional_tables_are_none_when_there_is_nothing_to_show(own_file_run, separated_run):
    r, p, _ = own_file_run
    assert tables.truth(r, p) is None
    r, p, _ = separated_run
    assert tables.scenarios(r, p) is None and tables.rewards(r, p) is None
    for lang in ("en", "zh"):
        _check(tables.logit(r, p, lang), lang)
        assert "not estimable" in set(tables.logit(r, p, "en").iloc[:, 1])
