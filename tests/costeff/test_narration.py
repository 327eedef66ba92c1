"""The notebook's paragraphs in both languages: complete, numbers formatted, Chinese all Chinese."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from workbench import glossary, units
from workbench.costeff import narration, words
from workbench.params import TechCostEffectivenessParams as Model

SECTIONS = (
    "data",
    "article",
    "response",
    "confounding",
    "strategies",
    "uncertainty",
    "frontier",
    "reward",
)
P = Model()
RAW_FLOAT = re.compile(r"\d\.\d{5,}")  # an unformatted float such as 0.0002530975


def all_texts(result, lang):
    found = [getattr(narration, s)(result, P, lang) for s in SECTIONS]
    found += narration.findings(result, P, lang) + narration.caveats(result, P, lang)
    return found + [narration.methods(lang)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_paragraph_is_complete_and_formatted(default_result, lang):
    for text in all_texts(default_result, lang):
        assert text.strip()
        assert not RAW_FLOAT.search(text), text
        if lang == "zh":
            assert not glossary.latin_words(text), (glossary.latin_words(text), text)
            assert " pp" not in text
        else:
            assert not re.search(
                r"[\u4e00-\u9fff]", text.replace("30亿元", "").replace("易臻真", "")
            ), text


def test_the_numbers_are_the_results(default_result):
    n = default_result.numbers
    assert units.pct(n["top3_share_of_total"]) in narration.article(default_result, P, "en")
    assert words.money(n["spend_at_marginal_threshold"], "en") in narration.response(
        default_result, P, "en"
    )
    assert words.money(n["incentive_net_saving"], "zh") in narration.reward(default_result, P, "zh")
    assert words.money(n["evpi"], "en") in narration.uncertainty(default_result, P, "en")
    assert "as the article argues" in narration.confounding(default_result, P, "en")


def test_without_strategies_the_text_says_why(default_result):
    alone = replace(default_result, comparison=None)
    assert "No strategy comparison" in narration.strategies(alone, P, "en")
    assert "未作方案比较" in narration.strategies(alone, P, "zh")
    assert narration.uncertainty(alone, P, "zh")
