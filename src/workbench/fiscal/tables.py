"""The fiscal-pressure notebook's tables: human headers with units, values written as text.

Every function returns a small :class:`pandas.DataFrame` (at most seven columns) for
:func:`workbench.notebook.table`, in English or Chinese.
"""

from __future__ import annotations

import pandas as pd

from workbench import units
from workbench.figures import tr
from workbench.fiscal import labels
from workbench.fiscal.labels import BASES, COMBINATIONS, ESTIMATES, METRICS, SHARE_ITEMS, name
from workbench.fiscal.pipeline import Result
from workbench.params.fiscal import FiscalPressureParams
from workbench.units import Lang

MAX_COLUMNS = 7


def _lang(params: FiscalPressureParams, lang: Lang | None) -> Lang:
    return lang or params.language


def _trillion(value: float, lang: Lang) -> str:
    """亿元 written as trillion yuan (万亿元), the unit in the header."""
    return units.number(value / 1e4, 4, lang)


def _pct(value: float | None, lang: Lang, digits: int = 1) -> str:
    return units.pct(None if value is None or pd.isna(value) else value, digits, lang)


def national_window(
    result: Result, params: FiscalPressureParams, lang: Lang | None = None
) -> pd.DataFrame:
    """The national series over the comparison years."""
    lang = _lang(params, lang)
    w = result.comparison.window
    return pd.DataFrame(
        {
            tr(lang, "Year", "年份"): w["year"].astype(int).astype(str),
            tr(lang, "Revenue, trillion yuan", "财政收入（万亿元）"): [
                _trillion(v, lang) for v in w["revenue"]
            ],
            tr(lang, "Expenditure, trillion yuan", "财政支出（万亿元）"): [
                _trillion(v, lang) for v in w["expenditure"]
            ],
            tr(lang, "Nominal GDP, trillion yuan", "名义GDP（万亿元）"): [
                _trillion(v, lang) for v in w["gdp"]
            ],
            tr(lang, "Real GDP growth, %", "实际GDP增长（%）"): [
                _pct(v, lang) for v in w["gdp_real_growth"]
            ],
        }
    )


def _value(row: pd.Series, lang: Lang) -> str:
    unit, value = row["unit"], row["value"]
    if unit == "亿元":
        return units.fmt(value, "亿元", lang)
    if unit == "ratio":
        return units.fmt(value, "ratio", lang)
    if unit == "fraction (points)":
        return units.pp(value, 2, lang)
    return _pct(value, lang, 2)  # fractions and fractions per year (the header says which)


def growth_comparison(
    result: Result, params: FiscalPressureParams, lang: Lang | None = None
) -> pd.DataFrame:
    """Every measure of the growth comparison: what, on which basis, its value."""
    lang = _lang(params, lang)
    t = result.comparison.table
    a, b = params.start_year, params.end_year
    suffix = {
        "fraction per year": tr(lang, ", %", "（%）"),
        "fraction": tr(lang, ", %", "（%）"),
        "fraction (points)": tr(lang, ", percentage points", "（百分点）"),
        "ratio": tr(lang, ", ratio", "（比值）"),
        "亿元": "",
    }
    measure = [
        name(lang, METRICS[m]) + suffix.get(u, "")
        for m, u in zip(t["metric"], t["unit"], strict=True)
    ]
    return pd.DataFrame(
        {
            tr(lang, "Measure", "指标"): measure,
            tr(lang, "Basis", "口径"): [name(lang, BASES[b_]) for b_ in t["basis"]],
            tr(lang, f"Value, {a}-{b}", f"数值（{a}-{b}年）"): [
                _value(row, lang) for _, row in t.iterrows()
            ],
        }
    )


def real_growth_vintages(
    result: Result, params: FiscalPressureParams, lang: Lang | None = None
) -> pd.DataFrame:
    """Average real GDP growth from three combinations of NBS vintages."""
    lang = _lang(params, lang)
    c = result.comparison
    v = c.vintages
    years = range(params.start_year + 1, params.end_year + 1)
    sep = tr(lang, ", ", "，")
    rates = [
        sep.join(
            tr(lang, f"{y}: {_pct(r, lang)}", f"{y}年{_pct(r, lang)}")
            for y, r in zip(years, rs, strict=True)
        )
        for rs in v["rates"]
    ]
    frame = pd.DataFrame(
        {
            tr(lang, "Figures used", "所用数据"): [
                name(lang, COMBINATIONS[k]) for k in v["combination"]
            ],
            tr(lang, "Annual real growth rates", "各年实际增长率"): rates,
            tr(lang, "Geometric mean, % a year", "几何平均（%/年）"): [
                _pct(x, lang, 2) for x in v["geometric"]
            ],
            tr(lang, "Arithmetic mean, % a year", "算术平均（%/年）"): [
                _pct(x, lang, 2) for x in v["arithmetic"]
            ],
        }
    )
    if c.article_stated is not None or c.nbs_stated is not None:
        published = {
            "preliminary": (
                tr(
                    lang,
                    f"the article's {_pct(c.article_stated, lang)}",
                    f"文章所引{_pct(c.article_stated, lang)}",
                )
                if c.article_stated is not None
                else ""
            ),
            "at_release": (
                tr(
                    lang,
                    f"NBS's stated {_pct(c.nbs_stated, lang)}",
                    f"国家统计局公布的{_pct(c.nbs_stated, lang)}",
                )
                if c.nbs_stated is not None
                else ""
            ),
            "revised": "",
        }
        frame[tr(lang, "Published as", "对应的公开数字")] = [published[k] for k in v["combination"]]
    return frame


def buoyancy(
    result: Result, params: FiscalPressureParams, lang: Lang | None = None
) -> pd.DataFrame:
    """The buoyancy estimates with their intervals (empty when they could not be fitted)."""
    lang = _lang(params, lang)
    est = result.buoyancy.estimate
    heads = [
        tr(lang, "Estimate", "估计量"),
        tr(lang, "Value (ratio)", "数值（比值）"),
        tr(lang, "95% interval", "95%区间"),
        tr(lang, "Standard error", "标准误"),
        tr(lang, "Years", "年份"),
        tr(lang, "Observations", "观测数"),
    ]
    if est is None:
        return pd.DataFrame(columns=heads)
    t = est.table
    return pd.DataFrame(
        {
            heads[0]: [
                name(lang, ESTIMATES[(a, b)]) for a, b in zip(t["term"], t["model"], strict=True)
            ],
            heads[1]: [f"{v:.2f}" for v in t["estimate"]],
            heads[2]: [
                tr(lang, f"{lo:.2f} to {hi:.2f}", f"{lo:.2f}至{hi:.2f}")
                for lo, hi in zip(t["ci_low"], t["ci_high"], strict=True)
            ],
            heads[3]: [f"{v:.3f}" for v in t["se"]],
            heads[4]: list(t["years"]),
            heads[5]: [units.fmt(n, "count", lang) for n in t["n_obs"]],
        }
    )


def _top_and_bottom(frame: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    return frame if len(frame) <= 2 * n else pd.concat([frame.head(n), frame.tail(n)])


def provincial_growth(
    result: Result, params: FiscalPressureParams, lang: Lang | None = None
) -> pd.DataFrame:
    """The five fastest and five slowest provinces by expenditure growth."""
    lang = _lang(params, lang)
    pv = result.provinces
    a, b = pv.window
    g = _top_and_bottom(pv.growth)

    def level(v: float) -> str:  # 亿元 as billion yuan in English
        return units.number(v / 10 if lang == "en" else v, 4, lang)

    unit = tr(lang, "billion yuan", "亿元")
    return pd.DataFrame(
        {
            tr(lang, "Province", "省份"): [labels.province(lang, x) for x in g["province"]],
            tr(lang, f"Expenditure {a}, {unit}", f"{a}年支出（{unit}）"): [
                level(v) for v in g["expenditure_start"]
            ],
            tr(lang, f"Expenditure {b}, {unit}", f"{b}年支出（{unit}）"): [
                level(v) for v in g["expenditure_end"]
            ],
            tr(lang, f"Growth {a}-{b}, % a year", f"{a}-{b}年年均增长（%）"): [
                _pct(v, lang) for v in g["growth_annual"]
            ],
        }
    )


def provincial_composition(
    result: Result, params: FiscalPressureParams, lang: Lang | None = None
) -> pd.DataFrame:
    """Education, science and agriculture as shares of spending, same provinces as the growth."""
    lang = _lang(params, lang)
    pv = result.provinces
    b = pv.window[1]
    order = _top_and_bottom(pv.growth)["province"]
    shares = pv.shares_end.reindex(order)
    out = {tr(lang, "Province", "省份"): [labels.province(lang, x) for x in order]}
    for col, pair in SHARE_ITEMS.items():
        head = tr(
            lang, f"{name(lang, pair)}, % of {b} spending", f"{name(lang, pair)}（占{b}年支出%）"
        )
        out[head] = [_pct(v, lang) for v in shares[col]] if col in shares else ""
    return pd.DataFrame(out)


def doubling_years(
    result: Result, params: FiscalPressureParams, lang: Lang | None = None
) -> pd.DataFrame:
    """First year of doubling for each pair of growth assumptions (— = not in the horizon)."""
    lang = _lang(params, lang)
    f = result.governance.firsts
    cell = f.assign(first=f["first_year"].map(lambda v: "—" if pd.isna(v) else str(int(v))))
    gs, gr = sorted(f["spending_growth"].unique()), sorted(f["revenue_growth"].unique())
    spend_head = tr(lang, "Spending growth, % a year", "支出年均增长（%）")
    rev_head = tr(lang, "Revenue growth, % a year", "收入年均增长（%）")
    if len(gr) < MAX_COLUMNS or len(gs) < MAX_COLUMNS:
        rows, cols, row_head, col_word = (
            ("spending_growth", "revenue_growth", spend_head, tr(lang, "revenue", "收入"))
            if len(gr) < MAX_COLUMNS
            else ("revenue_growth", "spending_growth", rev_head, tr(lang, "spending", "支出"))
        )
        wide = cell.pivot(index=rows, columns=cols, values="first")
        wide.columns = [
            tr(lang, f"{col_word} {_pct(v, lang)}", f"{col_word}{_pct(v, lang)}")
            for v in wide.columns
        ]
        wide.insert(0, row_head, [_pct(v, lang) for v in wide.index])
        return wide.reset_index(drop=True)
    return pd.DataFrame(
        {
            spend_head: [_pct(v, lang) for v in f["spending_growth"]],
            rev_head: [_pct(v, lang) for v in f["revenue_growth"]],
            tr(lang, "First year of doubling", "首次翻番年份"): list(cell["first"]),
        }
    )
