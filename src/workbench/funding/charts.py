"""The funding-distribution figures: one function per figure, named after its file.

Each function draws on :func:`workbench.figures.figure` at a fixed print width and returns a
:class:`~workbench.figures.Chart` whose title states the finding computed from the result.
"""

from __future__ import annotations

import textwrap

import numpy as np

from workbench import figures, glossary
from workbench.figures import GREY, PALETTE, Chart, tr
from workbench.funding import schema
from workbench.funding.pipeline import DOMINANT_HHI, MAJORITY, Result
from workbench.params.funding import FundingDistributionParams
from workbench.units import Lang, pct

#: The figures a policy brief should show.
BRIEF_FIGURES: tuple[str, ...] = ("funding_mix_by_decile", "lorenz_curve", "stress_test")

_LIGHT = "#A6CEE3"  # the lighter blue of the HHI histogram's bars at or below 0.5


def _lang(params: FundingDistributionParams, lang: Lang | None) -> Lang:
    return lang or params.language


def _chart(fig, name: str, result: Result, lang: Lang, **texts: str) -> Chart:
    # Measure the wrapped title, subtitle and source at the print resolution: hinted text is
    # about 4% wider at 300 dpi than at the screen's 100, enough to clip a full line's last word.
    fig.set_dpi(figures.DPI)
    return figures.chart(
        fig,
        name,
        source=result.source.get(lang),
        synthetic=result.data_kind == "synthetic",
        lang=lang,
        **texts,
    )


def _spread(targets: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label positions near ``targets`` (same order), at least ``gap`` apart, within bounds."""
    order = np.argsort(targets)
    placed = np.asarray(targets, dtype=float)[order].copy()
    for i in range(1, placed.size):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    overflow = placed[-1] - high if placed.size else 0.0
    if overflow > 0:
        placed -= overflow
        for i in range(placed.size - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    placed = np.maximum(placed, low)
    out = np.empty_like(placed)
    out[order] = placed
    return out.tolist()


def _right_labels(ax, ends: list[float], labels: list[str], colours: list[str], gap: float):
    """Direct labels to the right of the plot, each at (or near) the y of its series' end."""
    low, high = ax.get_ylim()
    for y, text, colour in zip(_spread(ends, gap, low, high), labels, colours, strict=True):
        ax.annotate(
            text,
            xy=(1.0, y),
            xycoords=("axes fraction", "data"),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=colour,
            annotation_clip=False,
        )


# ----------------------------------------------------------------------------------------------
# hhi_distribution
# ----------------------------------------------------------------------------------------------


def _hhi_edges(n_src: int, step: float = 0.025) -> np.ndarray:
    """Histogram edges from below 1/N to 1 with 0.5 an edge, so no bar straddles the line."""
    k0 = int(np.floor((1.0 / n_src - DOMINANT_HHI) / step))
    top = int(round((1.0 - DOMINANT_HHI) / step))
    return DOMINANT_HHI + step * np.arange(min(k0, top - 1), top + 1)


def _hhi_title(share: float, lang: Lang) -> str:
    hhi = glossary.gloss("HHI") if lang == "zh" else "an HHI"
    if share > 0.5:
        return tr(
            lang,
            f"Most organisations depend on one dominant source: {pct(share, 0)} have {hhi} "
            "above 0.5",
            f"多数组织依赖单一主要来源：{pct(share, 0)}的组织{hhi}高于0.5",
        )
    return tr(
        lang,
        f"Funding is spread over several sources: only {pct(share, 0)} of organisations have "
        f"{hhi} above 0.5",
        f"资金来源较分散：仅{pct(share, 0)}的组织{hhi}高于0.5",
    )


def hhi_distribution(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> Chart:
    """Histogram of each organisation's HHI, split at 0.5 (above it one source holds most)."""
    lang = _lang(params, lang)
    h = result.concentration["hhi"].to_numpy()
    n_src, share = len(result.sources), result.share_dominant
    edges = _hhi_edges(n_src)
    counts, _ = np.histogram(h, bins=edges)
    fig, ax = figures.figure("full", 2.6)
    above = edges[:-1] >= DOMINANT_HHI
    colours = np.where(above, PALETTE[0], _LIGHT)
    ax.bar(edges[:-1], counts, width=np.diff(edges), align="edge", color=colours, ec="white")
    ax.set_ylim(0, max(counts.max(), 1) * 1.35)
    ax.set_xlim(min(1.0 / n_src, DOMINANT_HHI) - 0.01, 1.0)
    ax.axvline(DOMINANT_HHI, color="#000000", linestyle="--", linewidth=0.9)
    _hhi_labels(ax, share, lang)
    ax.set_xlabel(
        tr(
            lang,
            f"HHI of the organisation's funding sources ({1 / n_src:.2f} = equal shares of "
            f"{n_src}; 1 = a single source)",
            f"组织资金来源的HHI（{1 / n_src:.2f}为{n_src}个来源平均分配，1为单一来源）",
        )
    )
    ax.set_ylabel(tr(lang, "Organisations", "组织数"))
    n, label = result.n, result.label.get(lang)
    return _chart(
        fig,
        "hhi_distribution",
        result,
        lang,
        title=_hhi_title(share, lang),
        subtitle=tr(
            lang,
            f"Herfindahl-Hirschman index (HHI, 0-1) of each organisation's funding sources; "
            f"{label}; {n:,} organisations",
            f"各组织资金来源的赫芬达尔-赫希曼指数（0至1）；{label}；{n:,}个组织",
        ),
        alt_text=_hhi_alt(result, float(np.median(h)), lang),
    )


def _hhi_labels(ax, share: float, lang: Lang) -> None:
    """Direct labels either side of the 0.5 line, in the colours of their bars."""
    top = ax.get_ylim()[1]
    ax.text(
        DOMINANT_HHI + 0.01,
        top * 0.97,
        tr(
            lang,
            f"Above 0.5: {pct(share, 0)} of organisations\n(one source holds over half the budget)",
            f"高于0.5：占组织的{pct(share, 0)}\n（单一来源占预算一半以上）",
        ),
        color=PALETTE[0],
        ha="left",
        va="top",
    )
    ax.text(
        DOMINANT_HHI - 0.01,
        top * 0.97,
        tr(lang, f"0.5 or below: {pct(1 - share, 0)}", f"0.5及以下：{pct(1 - share, 0)}"),
        color="#3C7DB0",
        ha="right",
        va="top",
    )


def _hhi_alt(result: Result, median: float, lang: Lang) -> str:
    n, n_src, share = result.n, len(result.sources), result.share_dominant
    return tr(
        lang,
        f"Histogram of the HHI of {n:,} organisations' funding sources, from "
        f"{1 / n_src:.2f} (equal shares of {n_src} sources) to 1 (a single source). A dashed "
        f"line marks 0.5: {pct(share, 0)} of organisations lie above it, where one source "
        f"holds more than half of the budget. The median HHI is {median:.2f}.",
        f"{n:,}个组织资金来源HHI的直方图，横轴从{1 / n_src:.2f}（{n_src}个来源平均分配）到1"
        f"（单一来源）。虚线标出0.5：{pct(share, 0)}的组织高于此线，即单一来源占预算一半"
        f"以上。HHI中位数为{median:.2f}。",
    )


# ----------------------------------------------------------------------------------------------
# funding_mix_by_decile
# ----------------------------------------------------------------------------------------------


def _wrap_label(text: str, lang: Lang) -> str:
    """A direct label on at most a few short lines (Chinese breaks before a bracket)."""
    if lang == "en":
        return textwrap.fill(text, 18)
    return text.replace("（", "\n（", 1) if len(text) > 8 else text


def _mix_categories(result: Result, lang: Lang) -> list[tuple[str, np.ndarray, str]]:
    """(label, mean share per bin, colour) for government, market and other sources."""
    mix = result.mix
    parts = [
        (result.gov_label, mix[result.government_source].to_numpy(), PALETTE[0]),
        (result.market_label, mix[list(result.market_sources)].sum(axis=1).to_numpy(), PALETTE[1]),
        (result.other_label, mix[list(result.other_sources)].sum(axis=1).to_numpy(), GREY),
    ]
    return [
        (_wrap_label(text.get(lang), lang), share, colour)
        for (text, share, colour), names in zip(
            parts, ([0], result.market_sources, result.other_sources), strict=True
        )
        if len(names)
    ]


def _mix_title(result: Result, lang: Lang) -> str:
    g = result.mix[result.government_source]
    lo, hi = pct(g.min(), 0), pct(g.max(), 0)
    gov, bins = result.gov_label.get(lang), result.bin_name.get(lang)
    if g.max() - g.min() < 0.10:
        return tr(
            lang,
            f"Small and large organisations depend on {gov.lower()} alike: {lo}-{hi} of the "
            f"budget in every {bins}",
            f"大小组织同样依赖{gov}：各{bins}均占预算的{lo}至{hi}",
        )
    return tr(
        lang,
        f"The {gov.lower()} share of the budget ranges from {lo} to {hi} across scale "
        f"{result.bin_plural.en}",
        f"{gov}占预算的比例在各规模{bins}间从{lo}到{hi}不等",
    )


def funding_mix_by_decile(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> Chart:
    """Stacked bars of the mean funding mix (government, market, other) in each scale bin."""
    lang = _lang(params, lang)
    parts = _mix_categories(result, lang)
    x = np.arange(len(result.mix))
    fig, ax = figures.figure("full", 2.8)
    bottom = np.zeros(x.size)
    for _, share, colour in parts:
        ax.bar(x, 100 * share, bottom=bottom, color=colour, width=0.72)
        bottom += 100 * share
    for xi, g in zip(x, 100 * parts[0][1], strict=True):
        ax.text(xi, g / 2, f"{g:.0f}%", ha="center", va="center", color="white")
    ticks = [str(d) for d in result.mix.index]
    ticks[0] += tr(lang, "\nsmallest", "\n最小")
    ticks[-1] += tr(lang, "\nlargest", "\n最大")
    ax.set_xticks(x, ticks)
    ax.set_xlim(-0.5, x.size - 0.5)
    ax.set_ylim(0, 100)
    ax.set_ylabel(tr(lang, "Mean share of budget (%)", "占预算的平均比例（%）"))
    bins = result.bin_name.get(lang)
    ax.set_xlabel(tr(lang, f"Scale {bins} (by total funding)", f"规模{bins}（按资金总额）"))
    last = np.cumsum([100 * share[-1] for _, share, _ in parts])
    centres = (last - np.array([100 * share[-1] for _, share, _ in parts]) / 2).tolist()
    _right_labels(ax, centres, [p[0] for p in parts], [p[2] for p in parts], gap=13)
    return _chart(
        fig,
        "funding_mix_by_decile",
        result,
        lang,
        title=_mix_title(result, lang),
        subtitle=_mix_subtitle(result, lang),
        alt_text=_mix_alt(result, parts, lang),
    )


def _mix_subtitle(result: Result, lang: Lang) -> str:
    bins = result.bin_name.get(lang)
    text = tr(
        lang,
        f"Mean funding mix of the organisations in each scale {bins}, % of budget",
        f"各规模{bins}内组织的平均资金结构，占预算的百分比",
    )
    if len(result.market_sources) > 1:
        names = [schema.source_label(s, lang) for s in result.market_sources]
        text += tr(
            lang,
            f"; market sources: {', '.join(names[:-1]).lower()} and {names[-1].lower()}",
            f"；市场资源指{'、'.join(names)}",
        )
    return text + tr(lang, "; ", "；") + result.label.get(lang)


def _mix_alt(result: Result, parts, lang: Lang) -> str:
    def span(share: np.ndarray) -> str:
        return tr(lang, f"{pct(share.min(), 0)} to ", f"{pct(share.min(), 0)}至") + pct(
            share.max(), 0
        )

    described = tr(lang, "; ", "；").join(
        f"{label.replace(chr(10), tr(lang, ' ', ''))}{tr(lang, ' ', '')}{span(share)}"
        for label, share, _ in parts
    )
    k, bins = len(result.mix), result.bin_plural.get(lang)
    return tr(
        lang,
        f"Stacked bars of the mean funding mix of organisations in {k} scale {bins}, smallest "
        f"to largest, as % of budget: {described}.",
        f"{k}个规模{bins}（由小到大）组织平均资金结构的堆积柱状图，占预算的百分比：{described}。",
    )


# ----------------------------------------------------------------------------------------------
# lorenz_curve
# ----------------------------------------------------------------------------------------------


def lorenz_curve(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> Chart:
    """Lorenz curve of total funding, with the largest 10%'s share and the Gini marked."""
    lang = _lang(params, lang)
    row = result.inequality.set_index("indicator")
    gini, top10 = row.loc["gini", "estimate"], row.loc["top10_share", "estimate"]
    pop = 100 * result.lorenz["population_share"].to_numpy()
    val = 100 * result.lorenz["value_share"].to_numpy()
    fig, ax = figures.figure("half", 2.9)
    ax.plot([0, 100], [0, 100], color="#999999", linewidth=0.9)
    ax.text(48, 52, tr(lang, "equal scale", "规模完全相等"), rotation=45, color=GREY,
            ha="center", va="bottom", rotation_mode="anchor")  # fmt: skip
    ax.plot(pop, val, color=PALETTE[0])
    ax.fill_between(pop, val, pop, color=PALETTE[0], alpha=0.15, linewidth=0)
    l90 = float(np.interp(90, pop, val))
    ax.plot([90, 90], [l90, 100], color=PALETTE[3], linewidth=2)
    ax.annotate(
        tr(lang, f"largest 10%\nhold {pct(top10, 0)}", f"最大的10%\n占{pct(top10, 0)}"),
        xy=(90, (l90 + 100) / 2), xytext=(-5, 0), textcoords="offset points",
        ha="right", va="center", color=PALETTE[3],
    )  # fmt: skip
    gini_text = tr(lang, f"Gini {gini:.2f}\n= 2 × shaded area", f"基尼系数{gini:.2f}\n＝阴影面积×2")
    ax.text(62, 28, gini_text, color=PALETTE[0], ha="center", va="center")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_aspect("equal")
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_xlabel(tr(lang, "Organisations, smallest first (cum. %)", "组织，由小到大（累计%）"))
    ax.set_ylabel(tr(lang, "Funding (cumulative %)", "资金（累计%）"))
    ax.grid(axis="x")
    n, label = result.n, result.label
    return _chart(
        fig,
        "lorenz_curve",
        result,
        lang,
        title=tr(
            lang,
            f"The largest 10% of organisations hold {pct(top10, 0)} of all funding",
            f"规模最大的10%组织占全部资金的{pct(top10, 0)}",
        ),
        subtitle=tr(
            lang,
            f"Lorenz curve of total funding per organisation, cumulative %; {label.en}; "
            f"{n:,} organisations",
            f"各组织资金总额的洛伦兹曲线，累计百分比；{label.zh}；{n:,}个组织",
        ),
        alt_text=tr(
            lang,
            f"Lorenz curve of {n:,} organisations' total funding, far below the line of equal "
            f"scale; the Gini coefficient is {gini:.2f} and the largest 10% of organisations "
            f"hold {pct(top10, 0)} of all funding.",
            f"{n:,}个组织资金总额的洛伦兹曲线，远低于规模完全相等线；基尼系数为{gini:.2f}，"
            f"规模最大的10%组织占全部资金的{pct(top10, 0)}。",
        ),
    )


# ----------------------------------------------------------------------------------------------
# stress_test
# ----------------------------------------------------------------------------------------------


def _stress_title(result: Result, params: FundingDistributionParams, lang: Lang) -> str:
    y_lo, y_hi = min(params.diversification), max(params.diversification)
    m_lo, m_hi = result.majority_cut.get(float(y_lo)), result.majority_cut.get(float(y_hi))
    cut_max = pct(float(result.cuts.max()), 0)
    if m_lo is None:
        below = pct(result.numbers["stress_share_below_at_cut_max"], 0)
        return tr(
            lang,
            f"Even a {cut_max} cut leaves most organisations above the threshold ({below} below)",
            f"即使削减{cut_max}，多数组织仍高于门槛（{below}低于门槛）",
        )
    head = tr(
        lang,
        f"A {pct(m_lo, 0)} cut pushes most organisations below the threshold",
        f"削减{pct(m_lo, 0)}即令多数组织低于门槛",
    )
    if y_hi > y_lo and (m_hi is None or m_hi > m_lo):
        later = pct(m_hi, 0) if m_hi is not None else tr(lang, "beyond ", "") + cut_max
        return head + tr(
            lang,
            f"; moving {pct(y_hi, 0)} to market sources first delays that to {later}",
            f"；先将{pct(y_hi, 0)}转向市场来源可推迟至{later}"
            + ("" if m_hi is not None else "以上"),
        )
    return head


def _stress_label(y: float, lang: Lang) -> str:
    if y == 0:
        return tr(lang, "none moved first", "不先转移")
    return tr(lang, f"{pct(y, 0)} moved to market first", f"先将{pct(y, 0)}转向市场")


def draw_stress_curves(ax, grid, levels: list[float], gov: str, lang: Lang) -> list[str]:
    """Draw the stress test's lines on ``ax``: the share below the threshold against the cut.

    ``grid`` has the cuts as its index and one column of shares per diversification level in
    ``levels`` (fractions). Draws one line per level, labelled at its end, and the line of half
    of the organisations; labels the axes (``gov`` names the government source). Shared by
    :func:`stress_test` and the scenario explorer (:mod:`workbench.funding.explore`); returns
    the lines' colours, in the order of ``levels``.
    """
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(levels))]
    for y, colour in zip(levels, colours, strict=True):
        ax.plot(100 * grid.index, 100 * grid[y], marker="o", markersize=2.5, color=colour)
    ax.axhline(100 * MAJORITY, color=GREY, linestyle=":", linewidth=0.9)
    ax.text(1, 100 * MAJORITY + 1.5, tr(lang, "half of organisations", "半数组织"), color=GREY,
            ha="left", va="bottom")  # fmt: skip
    ax.set_ylim(0, 100)
    ax.set_xlim(0, 100 * float(grid.index.max()))
    ax.set_xlabel(tr(lang, f"Cut in {gov.lower()} (%)", f"{gov}削减比例（%）"))
    ax.set_ylabel(tr(lang, "Organisations below\nthe threshold (%)", "低于门槛的组织（%）"))
    ends = [100 * float(grid[y].iloc[-1]) for y in levels]
    _right_labels(ax, ends, [_stress_label(y, lang) for y in levels], colours, gap=7)
    return colours


def stress_subtitle(theta, gov: str, label, lang: Lang) -> str:
    """The stress test's subtitle: what is counted (``theta``, ``label``: texts of the result)."""
    return tr(
        lang,
        f"Share of organisations whose funding falls below {theta.en} after a cut in "
        f"{gov.lower()}, %; {label.en}",
        f"{gov}削减后资金低于{theta.zh}的组织比例（%）；{label.zh}",
    )


def stress_test(
    result: Result, params: FundingDistributionParams, lang: Lang | None = None
) -> Chart:
    """Share of organisations below the threshold against the cut, one line per diversification."""
    lang = _lang(params, lang)
    levels = sorted(params.diversification)
    fig, ax = figures.figure("full", 2.8)
    gov = result.gov_label.get(lang)
    draw_stress_curves(ax, result.share_below, levels, gov, lang)
    at_lo = pct(result.numbers["stress_share_below_at_cut_max"], 0)
    at_hi = pct(result.numbers["stress_share_below_at_cut_max_diversified"], 0)
    cut_max = pct(float(result.cuts.max()), 0)
    return _chart(
        fig,
        "stress_test",
        result,
        lang,
        title=_stress_title(result, params, lang),
        subtitle=stress_subtitle(result.threshold_text, gov, result.label, lang),
        alt_text=tr(
            lang,
            f"Lines of the share of organisations below the threshold against cuts of 0 to "
            f"{cut_max}, one per diversification level ({len(levels)}); a dotted line marks half "
            f"of organisations. At the largest cut {at_lo} are below without diversification "
            f"and {at_hi} with {pct(levels[-1], 0)} moved to market sources first.",
            f"低于门槛的组织比例随削减比例（0至{cut_max}）变化的折线图，每条线对应一种多元化水平"
            f"（共{len(levels)}条），点线标出半数组织。最大削减下，不先转移时{at_lo}的组织低于"
            f"门槛，先将{pct(levels[-1], 0)}转向市场来源时为{at_hi}。",
        ),
    )
