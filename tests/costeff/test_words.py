"""Names, units and sources in both languages."""

from __future__ import annotations

from workbench import glossary
from workbench.costeff import words
from workbench.params import TechCostEffectivenessParams as Model

P = Model()


def test_money_drops_empty_decimals():
    assert words.money(1e4, "zh") == "1万元"
    assert words.money(1e5, "zh") == "10万元"
    assert words.money(3.72024e8, "zh") == "3.72亿元"
    assert words.money(8768110.0, "en") == "8.77 million yuan"


def test_outcome_changes_read_in_percentage_points_for_a_share():
    assert words.outcome_change(0.000253, P, "en") == "0.025 pp"
    assert words.outcome_change(0.000253, P, "zh") == "0.025个百分点"
    assert words.outcome_change(-0.1317, P, "en", sign=True) == "-13.170 pp"
    score = Model(outcome="satisfaction", effect_scale=1.0)
    assert words.outcome_change(0.0123, score, "en", sign=True) == "+0.0123 points"


def test_per_effect_and_parameters():
    assert words.per_effect(53503.4, P, "en") == "53,503 yuan per percentage point"
    assert words.per_effect(53503.4, P, "zh") == "每个百分点5.35万元"
    assert words.parameter("cost: blended", "zh") == "混合型的成本"
    assert words.parameter("wtp", "en") == "willingness to pay (±50%)"
    assert words.strategies(["blended", "tech-heavy"], "zh") == "混合型和技术密集型"


def test_abbreviations_are_glossed():
    assert words.abbreviation("PSA", "en") == "probabilistic sensitivity analysis (PSA)"
    assert words.abbreviation("ICER", "zh") == glossary.gloss("ICER")


def test_sources(default_result):
    en, zh = words.source(default_result, "en"), words.source(default_result, "zh")
    assert "data/synthetic/programmes.csv" in en and "20220418" in en
    assert not glossary.latin_words(zh)
