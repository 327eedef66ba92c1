"""What a policy brief takes: findings, the methods paragraph and caveats, in both languages."""

from __future__ import annotations

from workbench import glossary
from workbench.costeff import briefing, narration
from workbench.params import TechCostEffectivenessParams as Model

P = Model()


def test_findings_and_caveats_for_a_brief(default_result):
    for lang in ("en", "zh"):
        found = briefing.findings(default_result, P, lang)
        assert 3 <= len(found) <= 5
        assert all(any(ch.isdigit() for ch in f) for f in found)
        caveats = briefing.caveats(default_result, P, lang)
        assert any(tr in c for c in caveats for tr in ("synthetic", "模拟"))
        assert any(tr in c for c in caveats for tr in ("not causes", "相关不等于因果"))
    assert narration.bullets(["a", "b"]) == "- a\n- b"


def test_narration_re_exports_the_brief():
    assert narration.findings is briefing.findings and narration.caveats is briefing.caveats
    assert narration.methods is briefing.methods
    assert not glossary.latin_words(briefing.methods("zh"))
    assert "Charnes, Cooper & Rhodes 1978" in briefing.methods("en")
