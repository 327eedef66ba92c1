"""Chinese text keeps only glossed abbreviations and names in Latin script."""

from __future__ import annotations

from workbench import glossary


def test_latin_words_finds_untranslated_prose_only():
    assert glossary.latin_words("国内生产总值（GDP）增长3.1%，HHI为0.74") == []
    assert glossary.latin_words("收入增长 pp，见 `data_path` 与 data/reference/x.csv") == ["pp"]
    assert glossary.latin_words("服务精准度 service precision") == ["service", "precision"]
    assert glossary.latin_words("$g_S$ 与 n 年，来源：MIT 许可") == []
    assert glossary.latin_words("ICER-CEAC 曲线") == []


def test_gloss():
    assert glossary.gloss("ICER") == "ICER（增量成本效果比）"
