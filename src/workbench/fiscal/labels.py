"""Human names, in English and Chinese, for the codes the fiscal analysis computes with.

Charts, narration and tables name a metric, a basis, a GDP vintage, a province or a regression
term through :func:`name`, never by its code (``revenue_growth_annual``).
"""

from __future__ import annotations

from workbench.units import Lang

Pair = tuple[str, str]  # (English, Chinese)


def name(lang: Lang, pair: Pair) -> str:
    """The English or Chinese half of a label pair."""
    if lang not in ("en", "zh"):
        raise ValueError(f"language must be 'zh' or 'en', got {lang!r}")
    return pair[1] if lang == "zh" else pair[0]


#: Provinces of the provincial table (as named there) in English.
PROVINCES: dict[str, str] = {
    "北京": "Beijing",
    "天津": "Tianjin",
    "河北": "Hebei",
    "山西": "Shanxi",
    "内蒙古": "Inner Mongolia",
    "辽宁": "Liaoning",
    "吉林": "Jilin",
    "黑龙江": "Heilongjiang",
    "上海": "Shanghai",
    "江苏": "Jiangsu",
    "浙江": "Zhejiang",
    "安徽": "Anhui",
    "福建": "Fujian",
    "江西": "Jiangxi",
    "山东": "Shandong",
    "河南": "Henan",
    "湖北": "Hubei",
    "湖南": "Hunan",
    "广东": "Guangdong",
    "广西": "Guangxi",
    "海南": "Hainan",
    "重庆": "Chongqing",
    "四川": "Sichuan",
    "贵州": "Guizhou",
    "云南": "Yunnan",
    "西藏": "Tibet",
    "陕西": "Shaanxi",
    "甘肃": "Gansu",
    "青海": "Qinghai",
    "宁夏": "Ningxia",
    "新疆": "Xinjiang",
    "全国": "all local governments",
}


def province(lang: Lang, zh_name: str) -> str:
    """A province of the provincial table in ``lang``."""
    return zh_name if lang == "zh" else PROVINCES.get(zh_name, zh_name)


CITIES: dict[str, Pair] = {"Beijing": ("Beijing", "北京"), "Shanghai": ("Shanghai", "上海")}

#: GDP vintages: the adjective before "GDP".
VINTAGES: dict[str, Pair] = {
    "revised": ("final-verification", "最终核实"),
    "preliminary": ("first-release", "初步核算"),
    "user": ("your file's", "用户数据中的"),
    "given": ("the given", "所给"),
}

BASES: dict[str, Pair] = {
    "nominal": ("Nominal", "名义"),
    "real": ("Real", "实际"),
    "price": ("Prices", "价格"),
    "mixed": ("Mixed (the article's)", "混合（文章口径）"),
}

#: Metrics of the growth comparison table.
METRICS: dict[str, Pair] = {
    "revenue_start": ("Revenue, first year", "起始年财政收入"),
    "revenue_end": ("Revenue, last year", "终止年财政收入"),
    "revenue_growth_cumulative": ("Revenue growth, cumulative", "财政收入累计增长"),
    "revenue_growth_annual": ("Revenue growth a year", "财政收入年均增长"),
    "gdp_start": ("GDP, first year", "起始年GDP"),
    "gdp_end": ("GDP, last year", "终止年GDP"),
    "revenue_to_gdp_start": ("Revenue / GDP, first year", "起始年财政收入占GDP比重"),
    "revenue_to_gdp_end": ("Revenue / GDP, last year", "终止年财政收入占GDP比重"),
    "revenue_to_gdp_change": ("Change in revenue / GDP", "财政收入占GDP比重变化"),
    "gdp_nominal_growth_cumulative": ("Nominal GDP growth, cumulative", "名义GDP累计增长"),
    "gdp_nominal_growth_annual": ("Nominal GDP growth a year", "名义GDP年均增长"),
    "buoyancy_nominal": ("Buoyancy: revenue / GDP growth", "收入弹性：收入增速/GDP增速"),
    "gdp_real_growth_cumulative": ("Real GDP growth, cumulative", "实际GDP累计增长"),
    "gdp_real_growth_annual": ("Real GDP growth a year, geometric", "实际GDP年均增长，几何平均"),
    "gdp_real_growth_annual_arithmetic": (
        "Real GDP growth a year, arithmetic",
        "实际GDP年均增长，算术平均",
    ),
    "gdp_deflator_growth_cumulative": ("GDP deflator, cumulative change", "GDP平减指数累计变化"),
    "revenue_real_growth_cumulative": ("Real revenue growth, cumulative", "实际财政收入累计增长"),
    "revenue_real_growth_annual": ("Real revenue growth a year", "实际财政收入年均增长"),
    "buoyancy_real": ("Buoyancy: real revenue / real GDP growth", "收入弹性：实际收入/实际GDP增速"),
    "buoyancy_mixed_article": (
        "Nominal revenue / real GDP growth, not a buoyancy",
        "名义收入增速/实际GDP增速，并非弹性",
    ),
}

#: Combinations of NBS vintages in the real-growth table.
COMBINATIONS: dict[str, Pair] = {
    "preliminary": ("First release for every year", "各年均用初步核算数"),
    "at_release": (
        "As first published: final figures before the last year",
        "发布时口径：此前年份用最终核实数",
    ),
    "revised": ("Final verification for every year", "各年均用最终核实数"),
}

#: Rows of the buoyancy table.
ESTIMATES: dict[tuple[str, str], Pair] = {
    ("long_run", "static_loglog"): (
        "Long-run buoyancy, static log-log",
        "长期收入弹性（静态对数回归）",
    ),
    ("long_run", "ecm"): ("Long-run buoyancy, error correction", "长期收入弹性（误差修正模型）"),
    ("short_run", "ecm"): ("Short-run buoyancy, error correction", "短期收入弹性（误差修正模型）"),
    ("adjustment", "ecm"): ("Adjustment coefficient λ", "调整系数λ"),
}

#: Expenditure items of the provincial table, as shares of the total.
SHARE_ITEMS: dict[str, Pair] = {
    "share_education": ("Education", "教育"),
    "share_science_technology": ("Science and technology", "科学技术"),
    "share_agriculture_forestry_water": ("Agriculture, forestry and water", "农林水"),
}
