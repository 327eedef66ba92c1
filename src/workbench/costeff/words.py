"""Words shared by the charts, narration and tables: names, units and sources in both languages.

Every amount goes through :mod:`workbench.units`; this module only decides which words and which
unit a quantity of this analysis takes (a share of needs met reads in percentage points, a
satisfaction score in points) and how strategies, inputs and sources are named in each language.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from workbench import glossary, synth, units
from workbench.figures import tr
from workbench.params.costeff import TechCostEffectivenessParams as Model
from workbench.units import Lang

STRATEGY_ZH = {"tech-heavy": "技术密集型", "staff-centred": "人员为本型", "blended": "混合型"}
STATUS = {
    "reference": ("reference", "参照方案"),
    "non-dominated": ("on the frontier", "位于前沿"),
    "dominated": ("dominated", "被占优"),
    "extendedly dominated": ("extendedly dominated", "被扩展占优"),
}
COLUMN = {
    "tech_spend": ("technology spend", "技术投入"),
    "staff_cost": ("staff cost", "人员成本"),
    "service_precision": ("share of residents' needs met", "居民需求满足率"),
    "satisfaction": ("residents' satisfaction score", "居民满意度得分"),
}
MODEL = {"hill": ("Hill (saturating)", "希尔（饱和型）"), "log": ("logarithmic", "对数")}
SYNTH_SEED = inspect.signature(synth.programmes).parameters["seed"].default
ARTICLE_EN = "易臻真, 澎湃新闻 (The Paper), 2022-04-18, as quoted in the article; not verified"
ARTICLE_ZH = "易臻真，澎湃新闻，2022-04-18，引自原文，未经核实"


def lang_of(params: Model, lang: Lang | None) -> Lang:
    """``lang``, defaulting to the run's ``language``."""
    return lang or params.language


def cap(text: str) -> str:
    """The text with its first letter in upper case (for English sentences)."""
    return text[:1].upper() + text[1:]


def strategy(name: str, lang: Lang) -> str:
    """A strategy's name in ``lang`` (a user's own names stay as they are)."""
    return tr(lang, name, STRATEGY_ZH.get(name, name))


def strategies(names, lang: Lang) -> str:
    """Strategy names joined: ``a, b and c`` / ``甲、乙和丙``."""
    names = [strategy(n, lang) for n in names]
    if len(names) < 2:
        return "".join(names)
    joiner = tr(lang, " and ", "和")
    return tr(lang, ", ", "、").join(names[:-1]) + joiner + names[-1]


def column(name: str, lang: Lang) -> str:
    """A canonical column's human name (a user's own column names stay as they are)."""
    en, zh = COLUMN.get(name, (name, name))
    return tr(lang, en, zh)


def status(code: str, lang: Lang) -> str:
    """An ICER status in words."""
    en, zh = STATUS[code]
    return tr(lang, en, zh)


def model(code: str, lang: Lang) -> str:
    """The response model's name: ``Hill (saturating)`` / ``希尔（饱和型）``."""
    en, zh = MODEL[code]
    return tr(lang, en, zh)


def is_share(params: Model) -> bool:
    """Whether the outcome is a share of needs met (read in percentage points)."""
    return params.outcome == "service_precision"


def money(yuan: float, lang: Lang) -> str:
    """:func:`workbench.units.money` without a trailing ``.00`` (``1万元``, not ``1.00万元``)."""
    return units.money(yuan, lang).replace(".00万", "万").replace(".00亿", "亿")


def outcome_change(value: float, params: Model, lang: Lang, sign: bool = False) -> str:
    """A change of the outcome: percentage points for a share, else points of the score."""
    if is_share(params):
        return units.pp(value, 3, lang, sign=sign)
    text = units.number(value, 3, lang)
    text = f"+{text}" if sign and value > 0 else text
    return tr(lang, f"{text} points", f"{text}分")


def effect_unit(params: Model, lang: Lang) -> str:
    """The unit of an effect: a percentage point of needs met, or a point of the outcome."""
    if is_share(params) and params.effect_scale == 100:
        return tr(lang, "percentage point", "个百分点")
    return tr(lang, "effect unit", "效果单位")


def effect(value: float, params: Model, lang: Lang) -> str:
    """An effect (outcome x effect_scale) with its unit."""
    if is_share(params) and params.effect_scale == 100:
        return units.pp(value / 100, 1, lang, sign=False)
    return tr(
        lang, f"{units.number(value, 3, lang)} effect units", f"{units.number(value)}个效果单位"
    )


def per_effect(yuan: float, params: Model, lang: Lang) -> str:
    """An amount per effect unit: ``53,503 yuan per percentage point`` / ``每个百分点5.35万元``."""
    amount = money(yuan, lang)
    return tr(
        lang, f"{amount} per {effect_unit(params, 'en')}", f"每{effect_unit(params, 'zh')}{amount}"
    )


def parameter(name: str, lang: Lang) -> str:
    """A tornado input: ``cost of blended`` / ``混合型的成本``, ``willingness to pay (±50%)``."""
    if name == "wtp":
        return tr(lang, "willingness to pay (±50%)", "支付意愿（±50%）")
    kind, s = name.split(": ", 1)
    return tr(
        lang, f"{kind} of {s}", f"{strategy(s, 'zh')}的{'成本' if kind == 'cost' else '效果'}"
    )


def inputs(params: Model, lang: Lang) -> str:
    """The cost columns in words: ``technology spend and staff cost``."""
    names = [column(c, lang) for c in params.cost_columns]
    if len(names) < 2:
        return "".join(names)
    return tr(lang, ", ", "、").join(names[:-1]) + tr(lang, " and ", "和") + names[-1]


def source(result, lang: Lang) -> str:
    """Where the programme data come from, for a figure's source line."""
    data = result.inputs
    if data.data_kind == "user":
        name = Path(data.source).name
        return tr(lang, f"user file {name}", f"用户文件 {name}")
    if data.source == "synthetic programmes":
        pen = f"{data.staff_penalty:g}"
        return tr(
            lang,
            f"synthetic programmes regenerated with staff penalty {pen} (seed {SYNTH_SEED})",
            f"按人员削减惩罚{pen}重新生成的模拟项目（随机种子{SYNTH_SEED}）",
        )
    return tr(
        lang,
        f"synthetic programmes in data/{data.source}, seed {SYNTH_SEED}",
        f"本项目生成的模拟项目，文件 data/{data.source}，随机种子{SYNTH_SEED}",
    )


def abbreviation(term: str, lang: Lang) -> str:
    """An abbreviation at its first use: ``probabilistic sensitivity analysis (PSA)`` / glossed."""
    english = {
        "ICER": "incremental cost-effectiveness ratio",
        "NMB": "net monetary benefit",
        "PSA": "probabilistic sensitivity analysis",
        "CEAC": "cost-effectiveness acceptability curve",
        "EVPI": "expected value of perfect information",
        "DEA": "data envelopment analysis",
        "CRS": "constant returns to scale",
        "VRS": "variable returns to scale",
    }
    return tr(lang, f"{english[term]} ({term})", glossary.gloss(term))
