"""workbench.funding.narration: every paragraph complete in both languages, numbers formatted."""

from __future__ import annotations

import re

import pytest

from workbench import glossary
from workbench.funding import narration
from workbench.units import pct

SECTIONS = ("data", "primary", "concentration", "inequality", "scale_vs_mix", "stress")
CJK = re.compile(r"[\u4e00-\u9fff]+")
CJK_IN_ASCII_BRACKETS = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")
RAW_FLOAT = re.compile(r"\d\.\d{4,}")  # an unformatted number such as 0.9500000001
#: Chinese that English narration may keep: the article's author and outlet, and 亿元 explained.
ENGLISH_MAY_KEEP = {"易臻真", "澎湃新闻", "亿元"}


def paragraphs(result, params, lang) -> list[str]:
    out = [getattr(narration, name)(result, params, lang) for name in SECTIONS]
    return out + narration.findings(result, params, lang) + narration.caveats(result, params, lang)


def check_chinese(text: str, allowed: str = "") -> None:
    body = text.replace(allowed, "") if allowed else text
    assert not glossary.latin_words(body), (glossary.latin_words(body), text)
    assert not CJK_IN_ASCII_BRACKETS.search(body), text
    assert "pp" not in body, text


@pytest.mark.parametrize("which", ["default", "us"])
def test_both_languages_complete(which, default_result, default_params, us_result, us_params):
    result, params = (
        (default_result, default_params) if which == "default" else (us_result, us_params)
    )
    for text in paragraphs(result, params, "zh") + [narration.methods("zh")]:
        assert text.strip()
        check_chinese(text, allowed=params.data_label)
    for text in paragraphs(result, params, "en") + [narration.methods("en")]:
        assert text.strip()
        assert set(CJK.findall(text)) <= ENGLISH_MAY_KEEP, text
    for lang in ("en", "zh"):
        for text in paragraphs(result, params, lang):
            assert not RAW_FLOAT.search(text), text


def test_numbers_are_the_result_formatted(default_result, default_params):
    r = default_result.numbers
    primary = narration.primary(default_result, default_params, "en")
    assert pct(r["share_primary_government"]) in primary
    assert "consistent with the quoted 'nearly 95%'" in primary
    assert "by construction" in primary
    assert f"{r['gini_scale']:.3f}" in narration.inequality(default_result, default_params, "en")
    zh = narration.inequality(default_result, default_params, "zh")
    assert "基尼系数" in zh and "个百分点" in zh  # the bias, as 个百分点 never "pp"
    stress = narration.stress(default_result, default_params, "en")
    assert pct(r["stress_cut_majority_below"], 0) in stress


def test_findings_are_sentences_with_numbers(default_result, default_params):
    for lang in ("en", "zh"):
        found = narration.findings(default_result, default_params, lang)
        assert 3 <= len(found) <= 5
        assert all(re.search(r"\d", f) for f in found)
    assert "1993" in narration.methods("en") and "1993" in narration.methods("zh")


def test_caveats_follow_the_data(default_result, default_params, us_result, us_params):
    synthetic = narration.caveats(default_result, default_params, "en")
    assert any("Synthetic data" in c for c in synthetic)
    assert not any("Another setting" in c for c in synthetic)
    us = narration.caveats(us_result, us_params, "en")
    assert any("Another setting" in c for c in us) and not any("Synthetic" in c for c in us)
    assert "No grouping" in narration.data(us_result, us_params, "en")
    assert "44 organisations" in narration.data(us_result, us_params, "en")
    assert "`None`" in narration.inequality(us_result, us_params, "zh")


def test_language_defaults_to_the_parameters(default_result, default_params):
    zh = default_params.model_copy(update={"language": "zh"})
    assert CJK.search(narration.data(default_result, zh))
    assert not CJK.search(narration.data(default_result, default_params))
