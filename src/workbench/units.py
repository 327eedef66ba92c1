"""Units of the key numbers, and how a person writes each one, in English and Chinese.

``results.json`` keeps full precision: it is data. Every view (a notebook's narration, a table, a
brief, a comparison) formats a number through :func:`fmt` with its unit, so 0.0313848 reads
"3.1%" and 202,539 亿元 reads "20.25万亿元" or "20.25 trillion yuan" wherever it appears.

Units (the ``unit`` of a result key, see :mod:`workbench.keys`):

=====================  ==========================================  ======================
unit                   stored as                                   written as (en / zh)
=====================  ==========================================  ======================
fraction               a share, 0.031                              3.1%
fraction per year      an annual rate, 0.031                       3.1% a year / 年均3.1%
probability change     a difference of probabilities, -0.111      -11.1 pp / -11.1个百分点
ratio                  a ratio of two quantities, 0.396            0.40
index                  a bounded index (Gini, HHI, AUC), 0.741     0.741
p-value                a p-value, 0.392                            0.392, <0.001
number                 any other number                            3 significant digits
count                  a whole number                              3,000
year                   a calendar year                             2025 / 2025年
years                  a duration                                  5 years / 5年
yuan                   an amount of money in yuan                  62.0 million yuan / 6,200万元
亿元                   an amount in 亿元 (1e8 yuan)                20.25 trillion yuan / 20.25万亿元
yuan per effect unit   yuan per percentage point of needs met     53,503 yuan per pp / 5.35万元
category, text         a word or a sentence                        as it is
flag                   True or False                               yes / 是
=====================  ==========================================  ======================
"""

from __future__ import annotations

import math
from typing import Any, Literal

Lang = Literal["en", "zh"]

UNITS = (
    "fraction",
    "fraction per year",
    "probability change",
    "ratio",
    "index",
    "p-value",
    "number",
    "count",
    "year",
    "years",
    "yuan",
    "亿元",
    "yuan per effect unit",
    "category",
    "text",
    "flag",
)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def _dash(lang: Lang) -> str:
    return "n/a" if lang == "en" else "无"


def pct(value: float | None, digits: int = 1, lang: Lang = "en") -> str:
    """A fraction as a percentage: ``pct(0.0314) == "3.1%"``."""
    return _dash(lang) if _missing(value) else f"{100 * value:.{digits}f}%"


def pp(value: float | None, digits: int = 1, lang: Lang = "en", sign: bool = True) -> str:
    """A difference of two fractions in percentage points: ``pp(-0.111) == "-11.1 pp"``."""
    if _missing(value):
        return _dash(lang)
    number = f"{100 * value:+.{digits}f}" if sign else f"{100 * value:.{digits}f}"
    return f"{number} pp" if lang == "en" else f"{number}个百分点"


#: The steps an amount of money is written in, largest first (below the last: plain yuan).
MONEY_STEPS: dict[str, tuple[tuple[float, str], ...]] = {
    "en": ((1e12, "trillion yuan"), (1e9, "billion yuan"), (1e6, "million yuan")),
    "zh": ((1e12, "万亿元"), (1e8, "亿元"), (1e4, "万元")),
}


def money_step(yuan: float, lang: Lang = "en") -> tuple[float, str]:
    """The step an amount of ``yuan`` is written in: ``(1e6, "million yuan")``, ``(1e4, "万元")``.

    The largest step of :data:`MONEY_STEPS` the amount's absolute value reaches, else
    ``(1.0, "yuan")`` / ``(1.0, "元")``.
    """
    v = abs(float(yuan))
    plain = (1.0, "yuan" if lang == "en" else "元")
    return next(((step, words) for step, words in MONEY_STEPS[lang] if v >= step), plain)


def money(yuan: float | None, lang: Lang = "en") -> str:
    """An amount in yuan as a person writes it: ``62.0 million yuan`` / ``6,200万元``."""
    if _missing(yuan):
        return _dash(lang)
    v = abs(float(yuan))
    step, words = money_step(v, lang)
    if step == 1.0:
        text = f"{v:,.0f}{words}" if lang == "zh" else f"{v:,.0f} {words}"
    elif lang == "zh":  # from 1,000万元 on, whole 万元
        text = f"{v / step:,.0f}{words}" if step == 1e4 and v >= 1e7 else f"{v / step:.2f}{words}"
    else:
        decimals = 2 if step == 1e12 or v < 10 * step else 1
        text = f"{v / step:.{decimals}f} {words}"
    zero = not any(c in "123456789" for c in text)
    return text if yuan >= 0 or zero else f"-{text}"


def number(value: float | None, digits: int = 3, lang: Lang = "en") -> str:
    """Any other number, to ``digits`` significant digits (thousands separated)."""
    if _missing(value):
        return _dash(lang)
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(digits - 1 - magnitude, 0)
    return f"{value:,.{decimals}f}"


def fmt(value: Any, unit: str, lang: Lang = "en") -> str:
    """Format one value of a result key with its unit (see the module's table).

    Lists and mappings are formatted item by item (``a: 3.1%; b: 2.0%``).

    Raises
    ------
    ValueError
        If ``unit`` is not one of :data:`UNITS`.
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
    if isinstance(value, dict):
        sep = "; " if lang == "en" else "；"
        return sep.join(f"{k}: {fmt(v, unit, lang)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        if unit in ("fraction", "fraction per year", "ratio", "index") and len(value) == 2:
            return f"{fmt(value[0], unit, lang)}-{fmt(value[1], unit, lang)}"
        return ", ".join(fmt(v, unit, lang) for v in value) or _dash(lang)
    if isinstance(value, bool) or unit == "flag":
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    if value is None:
        return _dash(lang)
    if unit in ("category", "text"):
        return str(value)
    if isinstance(value, str):
        return value
    if unit == "fraction":
        return pct(value, 1, lang)
    if unit == "fraction per year":
        return pct(value, 1, lang) + (" a year" if lang == "en" else "/年")
    if unit == "probability change":
        return pp(value, 1, lang)
    if unit == "ratio":
        return f"{value:.2f}"
    if unit == "index":
        return f"{value:.3f}"
    if unit == "p-value":
        return "<0.001" if value < 0.001 else f"{value:.3f}"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "year":
        return f"{value:.0f}" if lang == "en" else f"{value:.0f}年"
    if unit == "years":
        return f"{value:g} years" if lang == "en" else f"{value:g}年"
    if unit == "yuan":
        return money(value, lang)
    if unit == "亿元":
        return money(value * 1e8, lang)
    if unit == "yuan per effect unit":
        if lang == "en":
            return f"{money(value, lang)} per percentage point"
        return f"每个百分点{money(value, lang)}"
    return number(value, 3, lang)


#: The units of parameters, as written beside a parameter's label (English, Chinese).
PARAMETER_UNITS: dict[str, tuple[str, str]] = {
    "% of annual payroll": ("% of annual payroll", "占年度工资总额的%"),
    "category": ("choice", "选项"),
    "column name": ("column", "列名"),
    "column name (0/1)": ("column, 0/1", "列名，0/1"),
    "column name (years)": ("column, years", "列名，年"),
    "column names": ("columns", "列名"),
    "columns": ("columns", "列名"),
    "count": ("count", "个数"),
    "effect units per outcome unit": ("effect units per outcome unit", "每单位结果的效果单位"),
    "flag": ("yes/no", "是/否"),
    "fraction": ("share", "比例"),
    "fraction of cost a year": ("share of cost a year", "每年占成本比例"),
    "fraction of pay": ("share of pay", "占工资比例"),
    "fraction or amount_unit": ("share, or the amounts' unit", "比例或金额单位"),
    "fraction per year": ("share a year", "年比例"),
    "hours per week": ("hours a week", "小时/周"),
    "index points (0-1)": ("index points, 0-1", "指数点，0至1"),
    "integer": ("integer", "整数"),
    "multiple": ("times", "倍"),
    "outcome units per marginal_step yuan": ("outcome per step of spend", "每一步支出的结果增量"),
    "path": ("file", "文件"),
    "percent of monthly pay": ("% of monthly pay", "月工资的%"),
    "ranks": ("ranks", "名次"),
    "ratio": ("ratio", "比值"),
    "share points": ("share points", "比例点"),
    "text": ("text", "文字"),
    "year": ("year", "年份"),
    "years": ("years", "年"),
    "yuan": ("yuan", "元"),
    "yuan a year": ("yuan a year", "元/年"),
    "yuan per effect unit": ("yuan per percentage point", "元/百分点"),
    "yuan per exit": ("yuan per leaver", "元/每位离职者"),
    "yuan/worker/year": ("yuan per worker a year", "元/人/年"),
}


def unit_words(unit: str, lang: Lang = "en") -> str:
    """A parameter's unit in words, in ``lang`` (the unit itself where none is known)."""
    pair = PARAMETER_UNITS.get(unit)
    if pair is None:
        return unit
    return pair[1] if lang == "zh" else pair[0]
