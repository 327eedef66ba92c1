"""The notebook's paragraphs: complete in both languages, numbers written through units."""

from __future__ import annotations

import inspect
import re

import pytest

from workbench import glossary, units
from workbench.turnover import narration

CJK = re.compile(r"[\u4e00-\u9fff]")
RAW_FLOAT = re.compile(r"\d\.\d{5,}")
ALLOWED_CJK_EN = {"社工证"}  # the certificate's own name, glossed where it is used

SECTIONS = [
    name
    for name, fn in inspect.getmembers(narration, inspect.isfunction)
    if fn.__module__ == narration.__name__
    and not name.startswith("_")
    and list(inspect.signature(fn).parameters)[:2] == ["result", "params"]
]


def _check(text: str, lang: str) -> None:
    assert text.strip()
    assert not RAW_FLOAT.search(text), text
    if lang == "zh":
        assert not glossary.latin_words(text), glossary.latin_words(text)
        assert " pp" not in text
    else:
        # code and file names (a user's file may have a Chinese name) are not prose
        prose = re.sub(r"`[^`]*`|\S+\.(?:csv|xlsx|parquet)", "", text)
        stray = set(re.findall(r"[\u4e00-\u9fff]+", prose)) - ALLOWED_CJK_EN
        assert not stray, stray


def test_every_section_is_covered():
    assert {
        "data",
        "rates",
        "logit",
        "survival",
        "cox",
        "prediction",
        "scenarios",
        "rewards",
        "truth",
        "warnings",
        "summary",
        "findings",
        "caveats",
    } <= set(SECTIONS)


@pytest.mark.parametrize("name", SECTIONS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sections_are_complete_in_both_languages(result, params, name, lang):
    out = getattr(narration, name)(result, params, lang)
    for text in out if isinstance(out, list) else [out]:
        _check(text, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_other_runs_read_too(own_file_run, separated_run, few_run, lang):
    for r, p, _ in (own_file_run, separated_run, few_run):
        for name in SECTIONS:
            out = getattr(narration, name)(r, p, lang)
            for text in out if isinstance(out, list) else [out]:
                if text:
                    _check(text, lang)


def test_numbers_come_from_the_result(result, params):
    text = narration.rates(result, params, "en")
    assert units.pct(result.numbers["turnover_rate"]) in text
    assert units.money(result.numbers["turnover_cost_yuan"]) in text
    zh = narration.rates(result, params, "zh")
    assert units.money(result.numbers["turnover_cost_yuan"], "zh") in zh
    assert units.pp(result.top_driver_effect, 1, "zh") in narration.top_driver(result, params, "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_methods_and_caveats_for_a_brief(result, params, own_file_run, lang):
    found = narration.findings(result, params, lang)
    assert 3 <= len(found) <= 5 and all(re.search(r"\d", f) for f in found)
    m = narration.methods(lang)
    assert "1927" in m and "2010" in m and "2000" in m
    _check(m, lang)
    cav = narration.caveats(result, params, lang)
    assert any(("synthetic" in c) or ("模拟" in c) for c in cav)
    r, p, _ = own_file_run
    assert not any(("synthetic" in c) or ("模拟" in c) for c in narration.caveats(r, p, lang))
    assert narration.summary(result, params, lang).startswith("- ")


def test_warnings_in_chinese_explain_the_recorded_message(result, params):
    zh = narration.warnings(result, params, "zh")
    assert "聚类数少于30个" in zh
    assert narration.warnings(result, params, "en").endswith(result.warnings[0])
