"""The fiscal-pressure figures, one function per figure file, in English or Chinese.

Each function draws on :func:`workbench.figures.figure` and returns a
:class:`~workbench.figures.Chart` whose title states the finding computed from the result.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

from workbench import figures, units
from workbench.figures import PALETTE, Chart, tr
from workbench.fiscal.labels import CITIES, VINTAGES, name
from workbench.fiscal.pipeline import Governance, Result
from workbench.params.fiscal import FiscalPressureParams
from workbench.units import Lang

#: The figures a policy brief shows.
BRIEF_FIGURES: tuple[str, ...] = ("revenue_vs_gdp_growth", "fiscal_gap", "governance_fan")

GREY = figures.GREY
#: The N of the article's 增加了近N倍 (the parameter's default, its source the article).
ARTICLE_MULTIPLE: float = FiscalPressureParams.model_fields["governance_multiple"].default
LOCAL_SOURCE = (
    "Beijing and Shanghai budget reports; China Statistical Yearbook via huhuaping/techme (MIT)",
    "北京、上海预算执行报告；中国统计年鉴（经 huhuaping/techme 整理，MIT 许可）",
)


def _lang(params: FiscalPressureParams, lang: Lang | None) -> Lang:
    return lang or params.language


def national_source(result: Result, lang: Lang) -> str:
    """The source of the national series: the shipped reference data or the user's file."""
    if result.data_kind == "user":
        file = Path(result.data_file or "").name
        return tr(lang, f"your file {file}", f"用户文件 {file}")
    return tr(
        lang,
        "Ministry of Finance budget reports; NBS communiqués (data/reference)",
        "财政部预算执行报告；国家统计局统计公报（data/reference）",
    )


def _pct(value: float | None, lang: Lang, digits: int = 1) -> str:
    return units.pct(value, digits, lang)


# ----------------------------------------------------------------------------------------------
# revenue_vs_gdp_growth
# ----------------------------------------------------------------------------------------------


def growth_bars(result: Result) -> list[tuple[str, str, float]]:
    """(basis, what, average annual growth) of each bar: revenue and GDP on each basis shown."""
    c = result.comparison
    bars = []
    if c.get("gdp_nominal_growth_annual") is not None:
        bars += [
            ("nominal", "revenue", c.get("revenue_growth_annual")),
            ("nominal", "gdp", c.get("gdp_nominal_growth_annual")),
        ]
    if (
        c.get("gdp_real_growth_annual") is not None
        and c.get("revenue_real_growth_annual") is not None
    ):
        bars += [
            ("real", "revenue", c.get("revenue_real_growth_annual")),
            ("real", "gdp", c.get("gdp_real_growth_annual")),
        ]
    return bars


def revenue_slower(result: Result) -> dict[str, bool]:
    """Basis -> whether revenue grew more slowly than GDP on it (the figure's finding)."""
    found: dict[str, dict[str, float]] = {}
    for basis, what, value in growth_bars(result):
        found.setdefault(basis, {})[what] = value
    return {b: v["revenue"] < v["gdp"] for b, v in found.items()}


def _growth_title(result: Result, p: FiscalPressureParams, lang: Lang) -> str:
    slow = revenue_slower(result)
    period_en, period_zh = f"{p.start_year}-{p.end_year}", f"{p.start_year}-{p.end_year}年"
    word_en = {True: "more slowly than", False: "at least as fast as"}
    word_zh = {True: "低于", False: "不低于"}
    if len(slow) == 2 and len(set(slow.values())) == 1:
        s = next(iter(slow.values()))
        return tr(
            lang,
            f"Revenue grew {word_en[s]} GDP on both the nominal and the real basis, {period_en}",
            f"{period_zh}，按名义和实际口径，财政收入增速均{word_zh[s]}GDP",
        )
    bases = {"nominal": ("nominal", "名义"), "real": ("real", "实际")}
    en = " but ".join(f"{word_en[s]} {bases[b][0]} GDP" for b, s in slow.items())
    zh = "，但".join(f"{word_zh[s]}{bases[b][1]}GDP" for b, s in slow.items())
    return tr(lang, f"Revenue grew {en}, {period_en}", f"{period_zh}财政收入增速{zh}")


def revenue_vs_gdp_growth(
    result: Result, params: FiscalPressureParams, lang: Lang | None = None
) -> Chart:
    """Average annual growth of revenue and GDP, nominal and real, over the comparison window."""
    lang = _lang(params, lang)
    bars = growth_bars(result)
    what = {"revenue": tr(lang, "Revenue", "财政收入"), "gdp": "GDP"}
    basis_name = {
        "nominal": tr(lang, "Nominal", "名义"),
        "real": tr(lang, "Real", "实际"),
    }
    fig, ax = figures.figure("full", 0.42 * len(bars) + 0.7)
    ypos = [-(i + (0.6 if i >= 2 else 0)) for i in range(len(bars))]  # a gap between bases
    colours = [PALETTE[0] if w == "revenue" else PALETTE[1] for _, w, _ in bars]
    values = [100 * v for _, _, v in bars]
    ax.barh(ypos, values, color=colours, height=0.62)
    labels = [f"{basis_name[b]}{tr(lang, ': ', '：')}{what[w]}" for b, w, _ in bars]
    if lang == "en":
        labels = [lab.replace("Real: Revenue", "Real: Revenue, deflated") for lab in labels]
    else:
        labels = [lab.replace("实际：财政收入", "实际：财政收入（平减后）") for lab in labels]
    ax.set_yticks(ypos, labels)
    span = max(abs(v) for v in values) or 1.0
    for y, (_, _, v) in zip(ypos, bars, strict=True):
        ax.text(
            100 * v + (0.015 * span if v >= 0 else -0.015 * span),
            y,
            _pct(v, lang),
            va="center",
            ha="left" if v >= 0 else "right",
        )
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_xlim(min(0.0, min(values)) * 1.3, max(0.0, max(values)) * 1.15 + 0.1)
    ax.set_xlabel(tr(lang, "Average annual growth, %", "年均增长率（%）"))
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.tick_params(axis="y", length=0)
    vintage = name(lang, VINTAGES.get(result.comparison.vintage, VINTAGES["given"]))
    a, b = params.start_year, params.end_year
    alt = "; ".join(f"{lab} {_pct(v, lang)}" for lab, (_, _, v) in zip(labels, bars, strict=True))
    return figures.chart(
        fig,
        "revenue_vs_gdp_growth",
        title=_growth_title(result, params, lang),
        subtitle=tr(
            lang,
            f"China, general public budget revenue and GDP, average annual growth {a}-{b}, %; "
            f"{vintage} GDP; real revenue is revenue deflated by the GDP deflator",
            f"全国一般公共预算收入与GDP，{a}-{b}年年均增长率（%）；GDP为{vintage}数；"
            "实际财政收入按GDP平减指数平减",
        ),
        source=national_source(result, lang),
        alt_text=tr(
            lang,
            f"Horizontal bars of average annual growth, {a}-{b}: {alt}.",
            f"{a}-{b}年年均增长率横向条形图：{alt.replace('; ', '；')}。",
        ),
        synthetic=result.data_kind == "synthetic",
        lang=lang,
    )


# ----------------------------------------------------------------------------------------------
# revenue_to_gdp
# ----------------------------------------------------------------------------------------------


def _ratio_marks(ax, result: Result, lang: Lang) -> None:
    """Final-verification points, estimated revenue and census rebasings on the ratio line."""
    r = result.ratio
    if not r.revised.empty:
        ax.plot(
            r.revised["year"], 100 * r.revised["ratio"], "s", mfc="white", color=PALETTE[1], ms=5
        )
        rv = r.revised.iloc[-1]
        ax.annotate(
            tr(lang, "final-verification GDP", "最终核实GDP"),
            (rv["year"], 100 * rv["ratio"]),
            xytext=(6, 8),
            textcoords="offset points",
            color=PALETTE[1],
        )
    s = r.series
    for row in s[s["revenue_imputed"]].itertuples():
        ax.plot(row.year, 100 * row.ratio, "o", mfc="white", color=PALETTE[3], ms=7)
        ax.annotate(
            tr(lang, "revenue estimated", "收入为估算值"),
            (row.year, 100 * row.ratio),
            xytext=(0, -16),
            textcoords="offset points",
            ha="center",
            color=PALETTE[3],
        )
    for b in r.breaks:
        ax.axvline(b - 0.5, color="#999999", ls=":", lw=1)
        ax.text(
            b - 0.4,
            1.0,
            tr(lang, "new census base", "经济普查新基数"),
            rotation=90,
            color=GREY,
            ha="left",
            va="bottom",
        )


def _ratio_words(result: Result, lang: Lang) -> dict[str, str]:
    """Title (the finding), subtitle and alt text of the revenue / GDP figure."""
    r, user = result.ratio, result.data_kind == "user"
    y0, y1 = int(r.first["year"]), int(r.last["year"])
    v0, v1 = _pct(r.first["ratio"], lang), _pct(r.last["ratio"], lang)
    fell = r.last["ratio"] < r.first["ratio"]
    breaks = tr(lang, ", ", "、").join(map(str, r.breaks))
    return {
        "title": tr(
            lang,
            f"Revenue {'fell' if fell else 'rose'} from {v0} of GDP in {y0} to {v1} in {y1}",
            f"财政收入占GDP比重由{y0}年的{v0}{'降至' if fell else '升至'}{y1}年的{v1}",
        ),
        "subtitle": tr(
            lang,
            f"China, general public budget revenue / nominal GDP, {y0}-{y1}, %"
            + ("" if user else "; line: first-release GDP, squares: final-verification GDP"),
            f"全国一般公共预算收入/名义GDP，{y0}-{y1}年（%）"
            + ("" if user else "；折线：初步核算GDP，方块：最终核实GDP"),
        ),
        "alt_text": tr(
            lang,
            f"Line of revenue as a share of GDP from {v0} in {y0} to {v1} in {y1}; dotted lines "
            f"mark GDP census rebasings ({breaks or 'none'}).",
            f"财政收入占GDP比重折线图：由{y0}年的{v0}变为{y1}年的{v1}；虚线标出GDP经济普查修订"
            f"年份（{breaks or '无'}）。",
        ),
    }


def revenue_to_gdp(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> Chart:
    """Revenue as a share of nominal GDP over the long series, with census rebasings marked."""
    lang = _lang(params, lang)
    s = result.ratio.series
    y0, y1 = int(result.ratio.first["year"]), int(result.ratio.last["year"])
    fig, ax = figures.figure("full", 2.8)
    ax.plot(s["year"], 100 * s["ratio"], marker="o", ms=3.5, color=PALETTE[0])
    if result.data_kind == "user":
        line_label = tr(lang, "your series", "用户数据")
    else:
        line_label = tr(lang, "first-release GDP", "初步核算GDP")
    ax.text(y1 + 0.3, 100 * s["ratio"].iloc[-1], line_label, color=PALETTE[0], va="center")
    _ratio_marks(ax, result, lang)
    ax.set_ylim(0, float(100 * s["ratio"].max()) * 1.2)
    ax.set_xlim(y0 - 0.5, y1 + 2.6)
    ax.set_xticks(range(y0, y1 + 1, 2 if y1 - y0 > 6 else 1))
    ax.set_ylabel(tr(lang, "Revenue / GDP, %", "财政收入占GDP比重（%）"))
    return figures.chart(
        fig,
        "revenue_to_gdp",
        **_ratio_words(result, lang),
        source=national_source(result, lang),
        synthetic=result.data_kind == "synthetic",
        lang=lang,
    )


# ----------------------------------------------------------------------------------------------
# fiscal_gap
# ----------------------------------------------------------------------------------------------


def _gap_bars(ax, result: Result, params: FiscalPressureParams, lang: Lang) -> None:
    nat = result.gap.national
    trillion = nat["fiscal_gap"] / 1e4
    colours = [PALETTE[3] if imp else PALETTE[0] for imp in nat["revenue_imputed"]]
    ax.axvspan(params.start_year - 0.5, params.end_year + 0.5, color="#eeeeee", zorder=0, lw=0)
    ax.bar(nat["year"], trillion, color=colours, width=0.7, zorder=2)
    top = float(trillion.max())
    ax.text(
        (params.start_year + params.end_year) / 2,
        top * 1.17,
        tr(lang, "comparison\nyears", "比较\n期间"),
        ha="center",
        va="top",
        color=GREY,
    )
    for year in sorted({params.end_year, int(nat["year"].iloc[-1])}):
        row = result.gap.at(year)
        if row is not None:
            ax.text(
                year,
                row["fiscal_gap"] / 1e4 + top * 0.02,
                units.number(row["fiscal_gap"] / 1e4),
                ha="center",
                va="bottom",
            )
    for row in nat[nat["revenue_imputed"]].itertuples():
        ax.text(
            row.year,
            row.fiscal_gap / 2e4,
            tr(lang, "revenue estimated", "收入为估算值"),
            rotation=90,
            ha="center",
            va="center",
            color="white",
        )
    ax.set_ylim(min(0.0, float(trillion.min()) * 1.1), top * 1.2)
    y0, y1 = int(nat["year"].iloc[0]), int(nat["year"].iloc[-1])
    ax.set_xticks(range(y0, y1 + 1, 3 if y1 - y0 > 8 else 1))
    ax.set_ylabel(tr(lang, "Trillion yuan", "万亿元"))
    ax.set_title(
        tr(lang, "(a) National gap: spending minus own revenue", "（a）全国缺口：支出减本级收入"),
        loc="left",
    )


def _self_sufficiency_lines(ax, result: Result, lang: Lang) -> None:
    series = []
    if not result.gap.national.empty:
        series.append((tr(lang, "National", "全国"), result.gap.national, PALETTE[0]))
    for (city, d), colour in zip(result.gap.cities.items(), (PALETTE[1], PALETTE[2]), strict=True):
        years = range(int(d["year"].min()), int(d["year"].max()) + 1)
        d = d.set_index("year").reindex(years).rename_axis("year").reset_index()
        series.append((name(lang, CITIES[city]), d, colour))
    lo = int(min(d["year"].min() for _, d, _ in series))
    hi = int(max(d["year"].max() for _, d, _ in series))
    ends = []
    for label, d, colour in series:
        ax.plot(d["year"], 100 * d["self_sufficiency"], marker="o", ms=3, color=colour)
        end = d.dropna(subset=["self_sufficiency"]).iloc[-1]
        ends.append([100 * end["self_sufficiency"], float(end["year"]), label, colour])
    ends.sort()
    placed = [e[0] for e in ends]
    for i in range(1, len(placed)):  # end labels at least 6 points apart, at the right edge
        placed[i] = max(placed[i], placed[i - 1] + 6)
    for y, (y_end, x_end, label, colour) in zip(placed, ends, strict=True):
        if x_end < hi:  # a dotted leader from a line that ends earlier
            ax.plot([x_end + 0.15, hi + 0.2], [y_end, y], color=colour, lw=0.6, ls=":")
        ax.text(hi + 0.3, y, label, color=colour, va="center")
    ax.set_ylim(0, 110)
    ax.set_xlim(lo - 0.5, hi + 3.6)
    ax.set_xticks(range(lo, hi + 1, 3 if hi - lo > 8 else 1))
    ax.set_ylabel(tr(lang, "Own revenue / expenditure, %", "本级收入/支出（%）"))
    ax.set_title(tr(lang, "(b) Self-sufficiency", "（b）财政自给率"), loc="left")


def _gap_title(result: Result, lang: Lang) -> str:
    nat = result.gap.national
    if nat.empty:
        return tr(
            lang,
            "Own revenue covers only part of Beijing's and Shanghai's spending",
            "北京、上海本级收入只覆盖部分支出",
        )
    y0, y1 = int(nat["year"].iloc[0]), int(nat["year"].iloc[-1])
    ss0, ss1 = nat["self_sufficiency"].iloc[0], nat["self_sufficiency"].iloc[-1]
    n, every = len(nat), result.gap.deficit_years == len(nat)
    head_en = (
        f"Spending exceeded own revenue every year {y0}-{y1}"
        if every
        else f"Spending exceeded own revenue in {result.gap.deficit_years} of {n} years"
    )
    head_zh = (
        f"{y0}-{y1}年支出年年超过本级收入"
        if every
        else f"{n}年中有{result.gap.deficit_years}年支出超过本级收入"
    )
    return tr(
        lang,
        f"{head_en}; own revenue covered {_pct(ss0, lang)} of spending in {y0} and "
        f"{_pct(ss1, lang)} in {y1}",
        f"{head_zh}；财政自给率由{y0}年的{_pct(ss0, lang)}"
        f"{'降至' if ss1 < ss0 else '升至'}{y1}年的{_pct(ss1, lang)}",
    )


def _gap_subtitle(result: Result, params: FiscalPressureParams, lang: Lang) -> str:
    nat = result.gap.national
    if nat.empty:
        return tr(
            lang,
            "General public budget; own revenue / expenditure, %",
            "一般公共预算；本级收入/支出（%）",
        )
    end, y1 = result.gap.at(params.end_year), int(nat["year"].iloc[-1])
    last = result.gap.at(y1)
    also = params.end_year == y1
    parts_en = [
        f"{units.fmt(last['fiscal_gap'], '亿元', 'en')} in {y1}, the latest year"
        + (" and the end of the comparison years" if also else "")
    ]
    parts_zh = [
        f"{y1}年（最近年份{'，比较期末' if also else ''}）"
        f"{units.fmt(last['fiscal_gap'], '亿元', 'zh')}"
    ]
    if end is not None and params.end_year != y1:
        parts_en.insert(
            0,
            f"{units.fmt(end['fiscal_gap'], '亿元', 'en')} in {params.end_year}, "
            "the end of the comparison years",
        )
        parts_zh.insert(
            0, f"{params.end_year}年（比较期末）{units.fmt(end['fiscal_gap'], '亿元', 'zh')}"
        )
    return tr(
        lang,
        "China, general public budget. (a) Expenditure minus own revenue, trillion yuan: "
        + "; ".join(parts_en)
        + ". (b) Own revenue / expenditure, %.",
        "全国一般公共预算。（a）支出减本级收入（万亿元）："
        + "，".join(parts_zh)
        + "。（b）本级收入/支出（%）。",
    )


def _latest_cities(result: Result, lang: Lang) -> str:
    parts = []
    for city in result.gap.cities:
        row = result.gap.latest(city)
        share, year, label = (
            _pct(row["self_sufficiency"], lang),
            int(row["year"]),
            name(lang, CITIES[city]),
        )
        parts.append(f"{label} {share} ({year})" if lang == "en" else f"{label}{year}年{share}")
    return tr(lang, "; ", "；").join(parts)


def fiscal_gap(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> Chart:
    """National fiscal gap by year, and self-sufficiency of the nation, Beijing and Shanghai."""
    lang = _lang(params, lang)
    has_national = not result.gap.national.empty
    fig, axes = figures.figure(
        "full" if has_national else "half", 2.8, ncols=2 if has_national else 1, squeeze=False
    )
    axes = axes[0]
    if has_national:
        _gap_bars(axes[0], result, params, lang)
    _self_sufficiency_lines(axes[-1], result, lang)
    city_text = _latest_cities(result, lang)
    alt_en = (
        "Left: bars of the national gap between expenditure and own revenue by year. "
        if has_national
        else ""
    )
    alt_zh = "左：全国各年支出与本级收入之差的柱状图。" if has_national else ""
    return figures.chart(
        fig,
        "fiscal_gap",
        title=_gap_title(result, lang),
        subtitle=_gap_subtitle(result, params, lang),
        source=f"{national_source(result, lang)}{tr(lang, '; ', '；')}{name(lang, LOCAL_SOURCE)}",
        alt_text=tr(
            lang,
            f"{alt_en}{_gap_subtitle(result, params, lang)} Lines of self-sufficiency; latest: "
            f"{city_text}.",
            f"{alt_zh}{_gap_subtitle(result, params, lang)}财政自给率折线，最近年份：{city_text}。",
        ),
        synthetic=result.data_kind == "synthetic",
        lang=lang,
    )


# ----------------------------------------------------------------------------------------------
# governance_fan
# ----------------------------------------------------------------------------------------------


def _spread_labels(positions: list[float], gap: float) -> list[float]:
    """Move label positions (log2 units) apart by at least ``gap``, keeping their order."""
    order = np.argsort(positions)
    placed = list(positions)
    for k in range(1, len(order)):
        i, j = order[k], order[k - 1]
        placed[i] = max(placed[i], placed[j] + gap)
    return placed


def _fan_labels(ax, g: Governance, lang: Lang) -> None:
    fan, end = g.fan.iloc[-1], g.projection.iloc[-1]
    n = len(g.firsts)
    labels = [
        (fan["q100"], tr(lang, f"highest of the {n} pairs", f"{n}组中最高"), "#3a7fae"),
        (
            math.sqrt(fan["q25"] * fan["q75"]),
            tr(lang, "middle half (dark band)", "居中一半（深色带）"),
            "#3a7fae",
        ),
        (fan["q0"], tr(lang, f"lowest of the {n} pairs", f"{n}组中最低"), "#3a7fae"),
        (end["share_ratio"], tr(lang, "this scenario", "本情景"), PALETTE[0]),
    ]
    lo, hi = (math.log2(v) for v in ax.get_ylim())  # labels 7.5% of the axis height apart
    placed = _spread_labels([math.log2(v) for v, _, _ in labels], 0.075 * (hi - lo))
    x = fan["year"] + 0.02 * (g.horizon_end - g.base_year)
    for y, (_, text, colour) in zip(placed, labels, strict=True):
        ax.text(x, 2**y, text, color=colour, va="center")


def fan_title(g: Governance, params: FiscalPressureParams, lang: Lang) -> str:
    """The finding: when (or whether) the scenario's share of revenue doubles."""
    quoted = params.spending_growth_mode == "quote"
    s, r = _pct(g.spending_growth, lang), _pct(g.revenue_growth, lang)
    grow_en = f"kept growing as quoted ({s} a year)" if quoted else f"grew {s} a year"
    grow_zh = f"按所引增速（年均{s}）继续增长" if quoted else f"年均增长{s}"
    if g.doubling is not None:
        return tr(
            lang,
            f"If Shanghai's grassroots-governance spending {grow_en} and revenue {r}, its share "
            f"of revenue would double by {g.doubling}",
            f"若上海基层治理支出{grow_zh}、财政收入年均增长{r}，其占收入比重将于{g.doubling}年翻一番",
        )
    return tr(
        lang,
        f"If Shanghai's grassroots-governance spending {grow_en} and revenue {r}, its share of "
        f"revenue would not double by {g.horizon_end}",
        f"若上海基层治理支出{grow_zh}、财政收入年均增长{r}，至{g.horizon_end}年其占收入比重仍未翻一番",
    )


def _multiple_ticks(bottom: float, top: float) -> list[float]:
    """Powers of two between ``bottom`` and ``top``, every 2nd, 4th ... so at most 8 remain."""
    k0, k1 = math.ceil(math.log2(bottom)), math.floor(math.log2(top))
    step = max(1, math.ceil((k1 - k0 + 1) / 8))
    return [2.0**k for k in range(k0, k1 + 1) if k % step == 0]


def _times(lang: Lang, value: float) -> str:
    """A multiple as a tick label: ``4×`` / ``4倍``, a power of two beyond 1/64 to 100,000."""
    text = f"{value:g}" if 1 / 64 <= value <= 1e5 else f"$2^{{{round(math.log2(value))}}}$"
    return f"{text}×" if lang == "en" else f"{text}倍"


def _fan_axes(ax, g: Governance, lang: Lang) -> None:
    """Bands, the scenario line, the doubling line and a log-2 axis of multiples."""
    fan, proj = g.fan, g.projection
    ax.fill_between(fan["year"], fan["q0"], fan["q100"], color="#cfe6f5", lw=0)
    ax.fill_between(fan["year"], fan["q25"], fan["q75"], color="#8cc3e8", lw=0)
    ax.plot(proj["year"], proj["share_ratio"], color=PALETTE[0], lw=2)
    ax.hlines(2, g.base_year, g.horizon_end, color="#444444", ls="--", lw=0.9)
    ax.set_yscale("log", base=2)
    top = max(float(fan["q100"].max()), float(proj["share_ratio"].max()), 2.5) * 1.15
    bottom = min(float(fan["q0"].min()), float(proj["share_ratio"].min()), 0.9) * 0.9
    ax.set_ylim(bottom, top)
    ticks = _multiple_ticks(bottom, top)
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.set_yticks(ticks, [_times(lang, t) for t in ticks])
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.text(
        g.base_year + 0.3,
        2.1,
        tr(lang, "share doubled", "比重翻一番"),
        color="#444444",
        va="bottom",
    )
    if g.doubling is not None:
        ax.axvline(g.doubling, color=PALETTE[3], lw=1)
        ax.annotate(
            tr(lang, f"doubles in {g.doubling}", f"{g.doubling}年翻一番"),
            (g.doubling, 2),
            xytext=(5, -18),
            textcoords="offset points",
            color=PALETTE[3],
            fontweight="bold",
        )
    span = g.horizon_end - g.base_year
    ax.set_xlim(g.base_year, g.horizon_end + 0.35 * span)  # room for the labels
    every = 1 if span <= 5 else 2 if span <= 12 else 5 if span <= 40 else 10 if span <= 80 else 20
    ax.set_xticks(range(g.base_year, g.horizon_end + 1, every))
    ax.set_ylabel(
        tr(
            lang,
            f"Share of revenue, × its {g.base_year} level",
            f"占收入比重（{g.base_year}年的倍数）",
        )
    )


def _fan_words(g: Governance, params: FiscalPressureParams, lang: Lang) -> dict[str, str]:
    """Subtitle (what the line and both bands are), source and alt text of the fan chart."""
    gs, gr = params.spending_growth_grid, params.revenue_growth_grid
    span_s = f"{_pct(min(gs), lang)}-{_pct(max(gs), lang)}"
    span_r = f"{_pct(min(gr), lang)}-{_pct(max(gr), lang)}"
    n, quote = len(g.firsts), f"增加了近{ARTICLE_MULTIPLE:g}倍"
    a0, b0 = g.base_year - params.governance_years, g.base_year
    used = params.governance_multiple
    if used == ARTICLE_MULTIPLE:
        what_en = f"as quoted in the article ({quote}, {a0}-{b0})"
        what_zh = f"（文章所引“{quote}”，{a0}-{b0}年）"
    else:  # a moved lever or another assumption: say which number is the article's
        what_en = (
            f"assuming a {a0}-{b0} increase of {used:g} times where the article quotes {quote}"
        )
        what_zh = f"（假定{a0}-{b0}年增加了{used:g}倍，文章所引为“{quote}”）"
    s, r = _pct(g.spending_growth, lang), _pct(g.revenue_growth, lang)
    crosses_en = (
        f"crosses the doubling line in {g.doubling}"
        if g.doubling
        else "does not reach the doubling line"
    )
    crosses_zh = f"于{g.doubling}年越过翻番线" if g.doubling else "未达到翻番线"
    return {
        "subtitle": tr(
            lang,
            f"Shanghai's grassroots-governance spending {what_en}, as a share of revenue "
            f"relative to {b0}, log scale. Line: this scenario. "
            f"Light band: all {n} pairs of spending growth {span_s} and revenue growth {span_r} "
            "a year; dark band: the middle half of those pairs.",
            f"上海基层治理支出{what_zh}占财政收入比重，相对{b0}年的倍数，"
            f"对数刻度。实线：本情景。浅色带：支出年增{span_s}与收入年增{span_r}的全部{n}组组合；"
            "深色带：其中居中的一半组合。",
        ),
        "source": tr(
            lang,
            f"易臻真, 澎湃新闻 (The Paper), 2022-04-18: {quote} as quoted in the article, not "
            "verified; the growth rates are the run's parameters",
            f"文章：易臻真，澎湃新闻，2022-04-18；“{quote}”为文章所引，未经核实；增速为参数假设",
        ),
        "alt_text": tr(
            lang,
            f"Fan chart of Shanghai's grassroots-governance spending as a share of revenue, "
            f"relative to {b0}, on a log scale to {g.horizon_end}. Light band: all {n} pairs of "
            f"spending growth {span_s} and revenue growth {span_r}; dark band: the middle half of "
            f"the pairs. The scenario line (spending {s}, revenue {r} a year) {crosses_en}.",
            f"上海基层治理支出占财政收入比重相对{b0}年倍数的扇形图（对数刻度，至{g.horizon_end}"
            f"年）。浅色带：支出年增{span_s}与收入年增{span_r}的全部{n}组组合；深色带：居中的一半"
            f"组合。本情景（支出年增{s}，收入年增{r}）{crosses_zh}。",
        ),
    }


def fan_chart(
    g: Governance,
    params: FiscalPressureParams,
    lang: Lang,
    *,
    synthetic: bool,
    name: str,
    dpi: float | None = None,
) -> Chart:
    """The fan of a governance scenario (``params`` are the ones ``g`` was computed with).

    Drawn for the run by :func:`governance_fan` and for a moved lever by
    :func:`workbench.fiscal.explore.chart`. ``dpi`` is the resolution the figure will be
    rendered at when it is not the export one: its words are wrapped as measured there.
    """
    fig, ax = figures.figure("full", 3.0)
    if dpi is not None:
        fig.set_dpi(dpi)
    _fan_axes(ax, g, lang)
    _fan_labels(ax, g, lang)
    return figures.chart(
        fig,
        name,
        title=fan_title(g, params, lang),
        **_fan_words(g, params, lang),
        synthetic=synthetic,
        lang=lang,
    )


def governance_fan(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> Chart:
    """The governance share of revenue relative to 2020: this scenario and the grid's fan."""
    return fan_chart(
        result.governance,
        params,
        _lang(params, lang),
        synthetic=result.data_kind == "synthetic",
        name="governance_fan",
    )
