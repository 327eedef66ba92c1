"""The words of the turnover analysis in English and Chinese: drivers, groups, terms, scenarios.

Charts, tables and narration name things the same way through these functions, so a driver is
"Monthly pay" (月薪) in a figure, its table and its sentence alike. Canonical names get their
own words; a user's own column keeps its name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench import units
from workbench.units import Lang

#: Canonical driver -> (English name, Chinese name, English unit, Chinese unit).
DRIVERS: dict[str, tuple[str, str, str, str]] = {
    "age": ("Age", "年龄", "years", "岁"),
    "monthly_pay": ("Monthly pay", "月薪", "yuan", "元"),
    "weekly_hours": ("Weekly hours", "周工时", "hours", "小时"),
    "duty_overlap": ("Duty overlap", "党群职责重叠", "index points", "指数点"),
    "has_sw_certificate": ("Social-worker certificate", "社工证", "", ""),
    "professional_identity": ("Professional identity", "职业认同", "points", "分"),
    "resident_recognition": ("Residents' recognition", "居民认可", "points", "分"),
    "contract_type": ("Contract", "合同类型", "", ""),
}
#: Contract levels: (row label, people on it) in English and Chinese.
CONTRACTS: dict[str, tuple[str, str, str, str]] = {
    "agency": (
        "Agency (dispatch) contract",
        "劳务派遣合同",
        "staff on agency (dispatch) contracts",
        "劳务派遣人员",
    ),
    "fixed_term": (
        "Fixed-term contract",
        "固定期限合同",
        "staff on fixed-term contracts",
        "固定期限合同人员",
    ),
    "open_ended": (
        "Open-ended contract",
        "无固定期限合同",
        "staff on open-ended contracts",
        "无固定期限合同人员",
    ),
}
#: Cluster columns with a name of their own.
CLUSTERS = {"district": ("district", "区")}
MODELS = {"hgb": ("gradient boosting", "梯度提升模型"), "rf": ("random forest", "随机森林")}
VERDICTS = {
    "supported": "支持",
    "contradicted": "相反",
    "no clear association": "无明确关联",
    "not estimable": "不可估计",
    "not tested (not in the model)": "未检验（不在模型中）",
}
#: The article's claims in Chinese (the English words are in hypotheses.ARTICLE_HYPOTHESES).
CLAIMS_ZH = {
    "monthly_pay": "低薪导致人员流失",
    "resident_recognition": "地位低（居民认可度低）导致人员流失",
    "duty_overlap": "党群职责重叠导致人员流失",
    "weekly_hours": "工作负担重导致人员流失",
    "professional_identity": "职业认同弱导致人员流失",
    "has_sw_certificate": "持社工证者更易离职",
}
#: Short names of the claims, for sentences listing them.
TOPICS = {
    "monthly_pay": ("pay", "薪酬"),
    "resident_recognition": ("status (residents' recognition)", "地位（居民认可）"),
    "duty_overlap": ("overlapping duties", "职责重叠"),
    "weekly_hours": ("workload", "工作负担"),
    "professional_identity": ("professional identity", "职业认同"),
    "has_sw_certificate": ("the certificate", "社工证"),
}


def pick(lang: Lang, en: str, zh: str) -> str:
    """``en`` or ``zh`` by ``lang``."""
    if lang not in ("en", "zh"):
        raise ValueError(f"language must be 'zh' or 'en', got {lang!r}")
    return zh if lang == "zh" else en


def driver(name: str, lang: Lang) -> str:
    """A driver's short name: ``Monthly pay`` / ``月薪``."""
    en, zh, _, _ = DRIVERS.get(name, (name, name, "", ""))
    return pick(lang, en, zh)


def driver_unit(name: str, lang: Lang) -> str:
    """A driver's unit (empty for a flag or a category)."""
    _, _, en, zh = DRIVERS.get(name, (name, name, "", ""))
    return pick(lang, en, zh)


def cluster(name: str | None, lang: Lang) -> str:
    """The cluster column as words: ``district`` / ``区``."""
    if not name:
        return ""
    en, zh = CLUSTERS.get(name, (name, name))
    return pick(lang, en, zh)


def model(name: str, lang: Lang) -> str:
    """The prediction model: ``gradient boosting`` / ``梯度提升模型``."""
    en, zh = MODELS[name]
    return pick(lang, en, zh)


def verdict(text: str, lang: Lang) -> str:
    """A hypothesis verdict in ``lang``."""
    return pick(lang, text, VERDICTS.get(text, text))


def claim(name: str, text: str, lang: Lang) -> str:
    """The article's claim about a driver in ``lang``."""
    return pick(lang, text, CLAIMS_ZH.get(name, text))


def topic(name: str, lang: Lang) -> str:
    """What a claim is about, in a few words."""
    en, zh = TOPICS.get(name, (name, name))
    return pick(lang, en, zh)


def _age_parts(level: str) -> tuple[bool, str, str]:
    """(young, age text, certificate part) of an ``age_certificate`` or ``age_group`` level."""
    age, _, cert = level.partition(", ")
    young = age.startswith("under")
    years = age.split()[1] if young else age.split()[0]
    return young, years, cert


def group_row(group: str, level: str, lang: Lang) -> str:
    """A group's row label: ``Under 35, with certificate`` / ``35岁以下，有社工证``."""
    if group == "all":
        return pick(lang, "All workers", "全部人员")
    if group in ("age_certificate", "age_group"):
        young, years, cert = _age_parts(level)
        age_en = f"Under {years}" if young else f"{years} and over"
        age_zh = f"{years}岁以下" if young else f"{years}岁及以上"
        cert_en = {"certificate": ", with certificate", "no certificate": ", no certificate"}
        cert_zh = {"certificate": "，有社工证", "no certificate": "，无社工证"}
        return pick(lang, age_en + cert_en.get(cert, ""), age_zh + cert_zh.get(cert, ""))
    if group == "contract_type" and level in CONTRACTS:
        en, zh, _, _ = CONTRACTS[level]
        return pick(lang, en, zh)
    return pick(lang, f"{driver(group, lang)}: {level}", f"{driver(group, lang)}：{level}")


def group_people(group: str, level: str, lang: Lang) -> str:
    """The people in a group: ``certificate holders under 35`` / ``35岁以下持社工证人员``."""
    if group == "all":
        return pick(lang, "all workers", "全部人员")
    if group in ("age_certificate", "age_group"):
        young, years, cert = _age_parts(level)
        age_en = f"under {years}" if young else f"aged {years} and over"
        age_zh = f"{years}岁以下" if young else f"{years}岁及以上"
        if cert == "certificate":
            return pick(lang, f"certificate holders {age_en}", f"{age_zh}持社工证人员")
        if cert == "no certificate":
            return pick(lang, f"staff {age_en} without a certificate", f"{age_zh}无社工证人员")
        return pick(lang, f"staff {age_en}", f"{age_zh}人员")
    if group == "contract_type" and level in CONTRACTS:
        _, _, en, zh = CONTRACTS[level]
        return pick(lang, en, zh)
    name = driver(group, lang)
    return pick(lang, f"workers with {name} {level}", f"{name}为{level}的人员")


def _level_name(name: str, level: str | None, lang: Lang, short: bool = False) -> str:
    if name == "contract_type" and level in CONTRACTS:
        en, zh, _, _ = CONTRACTS[level]
        if short:
            en = en.removesuffix(" contract")
        return pick(lang, en, zh)
    return str(level)


def term(row: Mapping[str, Any], references: Mapping[str, str], lang: Lang) -> str:
    """A logit or Cox term with the change it is read for.

    ``Monthly pay, +1 SD (1,072 yuan)``; ``Social-worker certificate, yes vs no``; ``Agency
    (dispatch) vs fixed-term contract``; in Chinese ``月薪，+1个标准差（1,072元）`` and so on.
    """
    name, kind = row["driver"], row["kind"]
    if kind == "continuous":
        size = units.number(row["change"], 2, lang)
        unit_en, unit_zh = driver_unit(name, "en"), driver_unit(name, "zh")
        en = f"{driver(name, 'en')}, +1 SD ({size} {unit_en})".replace(" )", ")")
        zh = f"{driver(name, 'zh')}，+1个标准差（{size}{unit_zh}）"
        return pick(lang, en, zh)
    if kind == "binary":
        if name == "has_sw_certificate":
            return pick(lang, "Social-worker certificate, yes vs no", "社工证，有证相对于无证")
        return pick(lang, f"{driver(name, 'en')}, 1 vs 0", f"{driver(name, 'zh')}，1相对于0")
    ref = references.get(name, "")
    if name == "contract_type":
        low = _level_name(name, ref, "en", True).lower()
        en = f"{_level_name(name, row['level'], 'en', True)} vs {low}"
        zh = f"{_level_name(name, row['level'], 'zh')}（相对于{_level_name(name, ref, 'zh')}）"
        return pick(lang, en + " contract", zh)
    return pick(
        lang,
        f"{driver(name, 'en')}: {row['level']} vs {ref}",
        f"{driver(name, 'zh')}：{row['level']}（相对于{ref}）",
    )


def term_change(row: Mapping[str, Any], references: Mapping[str, str], lang: Lang) -> str:
    """A term's change as a phrase for a sentence: ``1 SD more monthly pay (1,072 yuan)``."""
    name, kind = row["driver"], row["kind"]
    if kind == "continuous":
        size = units.number(row["change"], 2, lang)
        unit = driver_unit(name, lang)
        en = f"1 SD more {driver(name, 'en').lower()} ({size} {unit})".replace(" )", ")")
        zh = f"{driver(name, 'zh')}高1个标准差（{size}{unit}）"
        return pick(lang, en, zh)
    if kind == "binary":
        if name == "has_sw_certificate":
            return pick(lang, "holding the social-worker certificate", "持有社工证")
        return pick(
            lang, f"{driver(name, 'en').lower()} 1 rather than 0", f"{driver(name, 'zh')}为1而非0"
        )
    ref = references.get(name, "")
    if name == "contract_type":
        level = _level_name(name, row["level"], "en", True).lower()
        article = "an" if level[:1] in "aeiou" else "a"
        en = f"{article} {level} contract (vs {_level_name(name, ref, 'en', True).lower()})"
        zh = f"{_level_name(name, row['level'], 'zh')}（相对于{_level_name(name, ref, 'zh')}）"
        return pick(lang, en, zh)
    return pick(
        lang,
        f"{driver(name, 'en').lower()} {row['level']} rather than {ref}",
        f"{driver(name, 'zh')}为{row['level']}而非{ref}",
    )


def scenario(pay_rise: float, hours_cut: float, overlap_cut: float, lang: Lang) -> str:
    """A scenario's name: ``pay +10%``, ``hours -2 a week`` / ``加薪10%``, ``每周工时减少2小时``."""
    parts = []
    if pay_rise:
        parts.append(pick(lang, f"pay {pay_rise:+.3g}%", f"加薪{pay_rise:.3g}%"))
    if hours_cut:
        parts.append(pick(lang, f"hours {-hours_cut:+g} a week", f"每周工时减少{hours_cut:g}小时"))
    if overlap_cut:
        parts.append(pick(lang, f"duty overlap {-overlap_cut:+g}", f"职责重叠降低{overlap_cut:g}"))
    return pick(lang, ", ", "，").join(parts) or pick(lang, "baseline", "基线")


def scenario_phrase(pay_rise: float, hours_cut: float, overlap_cut: float, lang: Lang) -> str:
    """A scenario as the subject of a sentence: ``a 20% pay rise`` / ``加薪20%``."""
    parts = []
    if pay_rise:
        parts.append(pick(lang, f"a {pay_rise:.3g}% pay rise", f"加薪{pay_rise:.3g}%"))
    if hours_cut:
        parts.append(
            pick(lang, f"{hours_cut:g} fewer hours a week", f"每周工时减少{hours_cut:g}小时")
        )
    if overlap_cut:
        parts.append(
            pick(lang, f"{overlap_cut:g} less duty overlap", f"职责重叠指数降低{overlap_cut:g}")
        )
    if not parts:
        return pick(lang, "no change", "不作改变")
    head, last = parts[:-1], parts[-1]
    return pick(lang, ", ", "、").join(head) + pick(lang, " and ", "并") + last if head else last


def cap(text: str) -> str:
    """``text`` with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def ranking_reason(row: Mapping[str, Any], tolerance: int, alpha: float, lang: Lang) -> str:
    """Why the ranking comparison flags a driver, in ``lang`` (as ``prediction._reasons``)."""
    import math

    why = []
    finite = {k: math.isfinite(float(row[k])) for k in ("logit_rank", "model_rank", "rank_diff")}
    if not finite["logit_rank"]:
        why.append(pick(lang, "no estimable logit effect", "逻辑回归效应不可估计"))
    if not finite["model_rank"]:
        why.append(pick(lang, "not in the prediction model", "不在预测模型中"))
    if finite["rank_diff"] and abs(row["rank_diff"]) > tolerance:
        a, b, d = int(row["logit_rank"]), int(row["model_rank"]), abs(int(row["rank_diff"]))
        why.append(
            pick(
                lang,
                f"ranks differ by {d} (logit {a}, model {b})",
                f"排名相差{d}位（逻辑回归第{a}，预测模型第{b}）",
            )
        )
    p, low = float(row["logit_p_value"]), float(row["importance_ci_low"])
    if p < alpha and math.isfinite(low) and not low > 0:
        why.append(
            pick(
                lang,
                "significant in the logit but no clear held-out predictive value",
                "逻辑回归中显著，但对留出样本无明确预测价值",
            )
        )
    if not p < alpha and math.isfinite(p) and low > 0:
        why.append(
            pick(
                lang,
                "predicts held-out workers but not significant in the logit",
                "对留出样本有预测价值，但逻辑回归中不显著",
            )
        )
    return pick(lang, "; ", "；").join(why)
