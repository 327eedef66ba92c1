"""The Latin-script terms Chinese text may keep: glossed abbreviations, names, cited authors.

Chinese output (figures, captions, narration, briefs) is complete Chinese: the only Latin words it
may contain are the abbreviations below, each glossed in Chinese where a document first uses it
(:func:`gloss`), plus code (in backticks), file paths, URLs and formulas, which are not prose.
:func:`latin_words` finds anything else, and the tests use it on every Chinese text.
"""

from __future__ import annotations

import re

#: Abbreviations kept in Chinese text, and their Chinese gloss.
GLOSSES: dict[str, str] = {
    "GDP": "国内生产总值",
    "HHI": "赫芬达尔-赫希曼指数",
    "ICER": "增量成本效果比",
    "NMB": "净货币效益",
    "CEAC": "成本效果可接受曲线",
    "EVPI": "完全信息期望价值",
    "PSA": "概率敏感性分析",
    "DEA": "数据包络分析",
    "CRS": "规模报酬不变",
    "VRS": "规模报酬可变",
    "AUC": "曲线下面积",
    "ROC": "受试者工作特征",
    "PR": "精确率-召回率",
    "Logit": "逻辑回归",
    "Cox": "考克斯比例风险模型",
    "OLS": "普通最小二乘",
    "ECM": "误差修正模型",
    "SD": "标准差",
    "AIC": "赤池信息准则",
}
#: Proper names that stay in Latin script (sources, licences, places in a real example).
NAMES = frozenset({"MIT", "IRS", "SOI", "Form", "Python", "Jupyter", "JupyterLab", "Word", "WPS"})
#: Authors the methods cite (a citation keeps the author's name as published).
AUTHORS = frozenset(
    {
        "Banker",
        "Belinga",
        "Breiman",
        "Brier",
        "Briggs",
        "Chang",
        "Charnes",
        "Chikoto",
        "Cooper",
        "Davison",
        "Dominici",
        "Efron",
        "Fisher",
        "Friedman",
        "Goutelle",
        "Grambsch",
        "Haughton",
        "Hill",
        "Hinkley",
        "Hirschman",
        "Herfindahl",
        "Kaplan",
        "King",
        "Lorenz",
        "Meier",
        "Mood",
        "Neely",
        "Palma",
        "Rhodes",
        "Rudin",
        "Schoenfeld",
        "Spearman",
        "Theil",
        "Therneau",
        "Tibshirani",
        "Tomz",
        "Trussel",
        "Tuckman",
        "Wilson",
        "Wittenberg",
        "Gini",
        "Huber",
        "White",
        "Ito",
        "Okabe",
        "Harrell",
        "Hosmer",
        "Lemeshow",
        "Youden",
        "Welch",
    }
)

_SKIP = re.compile(
    r"`[^`]*`"  # inline code
    r"|\$[^$]*\$"  # inline LaTeX
    r"|https?://\S+"  # URLs
    r"|\S*[/\\_]\S*"  # paths and identifiers (data/reference, data_path)
    r"|[^\s`]+\.(?:csv|yaml|json|xlsx|parquet|ipynb|py|html|pdf|png|svg)\b"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z\-']*[A-Za-z]")


def latin_words(text: str) -> list[str]:
    """Latin words in Chinese ``text`` that are neither glossed abbreviations nor names.

    Single letters (variables such as n or t) and code, formulas, URLs and paths are ignored.
    """
    stripped = _SKIP.sub(" ", text)
    allowed = {k.lower() for k in GLOSSES} | {n.lower() for n in NAMES | AUTHORS}
    found = []
    for word in _WORD.findall(stripped):
        parts = [p for p in word.split("-") if p]
        if all(p.lower() in allowed for p in parts):
            continue
        found.append(word)
    return found


def gloss(term: str) -> str:
    """``GDP（国内生产总值）``: an abbreviation with its gloss, for its first use in a document."""
    return f"{term}（{GLOSSES[term]}）"
