"""The six figures of the turnover analysis, each named after its file, in English or Chinese.

Every function takes the :class:`~workbench.turnover.pipeline.Result` and the parameters and
returns a :class:`~workbench.figures.Chart` whose title states the finding, computed from the
result. The small ``*_finding`` helpers return what a title claims, so tests can check the claim
against the plotted data.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench import figures, units
from workbench.figures import GREY, PALETTE, Chart, tr
from workbench.params.turnover import TurnoverDriversParams
from workbench.turnover import labels, schema
from workbench.turnover.pipeline import Result
from workbench.units import Lang

#: The figures a policy brief shows.
BRIEF_FIGURES: tuple[str, ...] = ("turnover_rates", "logit_forest", "counterfactual_turnover")
RED, BLUE, ORANGE = PALETTE[3], PALETTE[0], PALETTE[1]
_MAX_LEVELS = 8  # categorical drivers with more levels are left out of the rates figure


def _lang(params: TurnoverDriversParams, lang: Lang | None) -> Lang:
    return lang or params.language


def source(result: Result, lang: Lang) -> str:
    """The data's source line (the synthetic-data label is added by :func:`figures.chart`)."""
    if result.synthetic:
        return tr(
            lang,
            f"{schema.SYNTHETIC_ORIGIN}, {schema.SYNTHETIC_LABEL}",
            f"本项目的示意数据生成器（3,000人，种子20220418），{schema.SYNTHETIC_LABEL}",
        )
    return tr(lang, f"user file {result.label}", f"用户文件{result.label}")


def _conf(params: TurnoverDriversParams) -> str:
    return units.pct(1 - params.alpha, 0)


def _count(n: int, lang: Lang) -> str:
    return tr(lang, f"{units.fmt(n, 'count')} workers", f"{units.fmt(n, 'count', 'zh')}人")


def _chart(fig, name, result, lang, **words) -> Chart:
    return figures.chart(
        fig, name, source=source(result, lang), synthetic=result.synthetic, lang=lang, **words
    )


def points(value: float) -> str:
    """A probability change in signed percentage points without the unit (the axis names it)."""
    return units.pp(value, 1, "en").removesuffix(" pp")


def _x_grid(ax) -> None:
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)


# ----------------------------------------------------------------------------------------------
# turnover_rates
# ----------------------------------------------------------------------------------------------


def rate_rows(result: Result, params: TurnoverDriversParams) -> pd.DataFrame:
    """The rows the rates figure plots: everyone, the age band, then small categoricals."""
    r = result.rates
    small = [c for c in params.categorical if (r["group"] == c).sum() <= _MAX_LEVELS]
    return r[r["group"].isin(["all", result.band, *small])].reset_index(drop=True)


def rates_finding(result: Result, params: TurnoverDriversParams) -> pd.Series:
    """The group with the highest turnover among the plotted groups (the title names it)."""
    rows = rate_rows(result, params)
    groups = rows[rows["group"] != "all"]
    return (groups if len(groups) else rows).sort_values("rate").iloc[-1]


def _side_colour(side: str) -> str:
    return RED if side == "above" else BLUE if side == "below" else GREY


def turnover_rates(
    result: Result, params: TurnoverDriversParams, lang: Lang | None = None
) -> Chart:
    """Annual turnover with Wilson intervals, overall and by group, against the benchmark."""
    lang = _lang(params, lang)
    rows = rate_rows(result, params)
    y, pos, last = [], 0.0, None
    for g in rows["group"]:
        pos += 1.5 if last is not None and g != last else 1.0
        y.append(pos)
        last = g
    fig, ax = figures.figure("full", 0.26 * pos + 0.9)
    colours = [_side_colour(s) for s in rows["vs_benchmark"]]
    ax.hlines(y, 100 * rows["ci_low"], 100 * rows["ci_high"], color=colours, lw=2)
    ax.scatter(100 * rows["rate"], y, color=colours, zorder=3, s=22)
    for yi, r in zip(y, rows.itertuples(), strict=True):
        ax.text(100 * r.ci_high + 1, yi, units.pct(r.rate, 0), va="center")
    bench = 100 * params.benchmark_rate
    ax.axvline(bench, color="#444444", ls="--", lw=0.9)
    bench_text = units.pct(params.benchmark_rate, 0)
    note = tr(lang, "article: ", "原文：") + bench_text
    ax.text(bench + 0.6, 0.35, note, va="center", color="#444444")
    ax.set_yticks(
        y,
        [labels.group_row(g, lv, lang) for g, lv in zip(rows["group"], rows["level"], strict=True)],
    )
    ax.set_ylim(pos + 0.6, -0.2)
    ax.set_xlim(0, max(100 * rows["ci_high"].max(), bench) + 7)
    ax.set_xlabel(tr(lang, "Left within the year, % of workers", "年内离职人员占比（%）"))
    _x_grid(ax)
    overall, top = rows.iloc[0], rates_finding(result, params)
    who = labels.group_people(top["group"], top["level"], lang)
    conf, n = _conf(params), _count(result.n_workers, lang)
    title = tr(
        lang,
        f"{units.pct(overall['rate'], 0)} of workers left within the year; {who} left most "
        f"often ({units.pct(top['rate'], 0)})",
        f"{units.pct(overall['rate'], 0)}的人员在一年内离职；{who}离职最多"
        f"（{units.pct(top['rate'], 0)}）",
    )
    subtitle = tr(
        lang,
        f"Annual turnover by group, {n}; dots: leavers / workers on the roll, lines: {conf} "
        f"Wilson intervals; red: above the article's {bench_text}, blue: below it, grey: "
        "consistent with it",
        f"按群体的年离职率，{n}；圆点：离职人数/在册人数，横线：{conf}威尔逊区间；红色：高于原文的"
        f"{bench_text}，蓝色：低于该值，灰色：与之无显著差异",
    )
    alt = tr(
        lang,
        f"Dot plot of annual turnover rates with {conf} intervals: {units.pct(overall['rate'])} "
        f"for all workers, highest for {who} at {units.pct(top['rate'])}; a dashed line marks "
        f"the article's benchmark of {bench_text}.",
        f"年离职率及其{conf}区间的点图：全部人员为{units.pct(overall['rate'])}，{who}最高，为"
        f"{units.pct(top['rate'])}；虚线为原文基准{bench_text}。",
    )
    return _chart(fig, "turnover_rates", result, lang, title=title, subtitle=subtitle, alt_text=alt)


# ----------------------------------------------------------------------------------------------
# logit_forest
# ----------------------------------------------------------------------------------------------


def forest_rows(result: Result) -> pd.DataFrame:
    """The estimable logit terms in plotted order, largest |probability effect| first."""
    t = result.logit.table
    t = t[np.isfinite(t["effect"].to_numpy(dtype=float))]
    return (
        t.assign(size=t["effect"].abs()).sort_values("size", ascending=False).reset_index(drop=True)
    )


def _forest_title(result: Result, rows: pd.DataFrame, lang: Lang) -> str:
    if result.top_driver is None or rows.empty:
        return tr(
            lang,
            "No single top driver: some effects are not estimable (separation)",
            "无法确定首要因素：部分效应因完全分离而不可估计",
        )
    refs = result.logit.references
    top = rows.iloc[0]
    first = labels.term_change(top, refs, lang)
    title = tr(
        lang,
        f"{labels.cap(first)} goes with the largest change in the chance of leaving, "
        f"{units.pp(top['effect'], 1, 'en')}",
        f"{first}与离职概率的最大变化相关（{units.pp(top['effect'], 1, 'zh')}）",
    )
    if top["driver"] != result.top_driver:
        numeric = rows[(rows["driver"] == result.top_driver) & (rows["kind"] != "level")].iloc[0]
        second = labels.term_change(numeric, refs, lang)
        title += tr(
            lang,
            f"; of the numeric drivers, {second} moves it most, "
            f"{units.pp(numeric['effect'], 1, 'en')}",
            f"；数值型因素中，{second}的影响最大（{units.pp(numeric['effect'], 1, 'zh')}）",
        )
    return title


def _forest_subtitle(result: Result, params: TurnoverDriversParams, lang: Lang) -> str:
    fit, conf, n = result.logit, _conf(params), _count(result.n_workers, lang)
    if fit.cov_type == "cluster":
        errors = tr(
            lang,
            f"cluster-robust by {labels.cluster(fit.cluster, 'en')} ({fit.n_clusters} clusters)",
            f"按{labels.cluster(fit.cluster, 'zh')}聚类稳健（{fit.n_clusters}个聚类）",
        )
    else:
        errors = tr(lang, "model-based", "基于模型")
    return tr(
        lang,
        "Change in the probability of leaving within the year, percentage points, for 1 SD more "
        "of a numeric driver, for holding the certificate, or for a contract type against the "
        f"most common one; logit of {n}; {conf} intervals, {errors} errors; red raises "
        "turnover, blue lowers it, grey: not significant",
        "年内离职概率的变化（百分点）：数值型因素为增加1个标准差，社工证为有证相对于无证，合同类"
        f"型相对于最常见的类型；{n}的逻辑回归；{conf}区间，{errors}标准误；红色提高离职率，蓝色降"
        "低离职率，灰色不显著",
    )


def logit_forest(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> Chart:
    """Probability effects of the logit with intervals, largest first."""
    lang = _lang(params, lang)
    rows = forest_rows(result)
    fig, ax = figures.figure("full", 0.27 * len(rows) + 0.8)
    y = np.arange(len(rows))
    sig = rows["effect_p_value"] < params.alpha
    colours = [
        GREY if not s else RED if e > 0 else BLUE for e, s in zip(rows["effect"], sig, strict=True)
    ]
    lo, hi = 100 * rows["effect_ci_low"], 100 * rows["effect_ci_high"]
    ax.hlines(y, lo, hi, color=colours, lw=2)
    ax.scatter(100 * rows["effect"], y, color=colours, zorder=3, s=22)
    span = float(hi.max() - lo.min()) if len(rows) else 1.0
    for yi, r, a, b in zip(y, rows.itertuples(), lo, hi, strict=True):
        right = r.effect >= 0
        ax.text(
            b + 0.02 * span if right else a - 0.02 * span,
            yi,
            points(r.effect),
            va="center",
            ha="left" if right else "right",
        )
    ax.axvline(0, color="#444444", lw=0.9)
    refs = result.logit.references
    ax.set_yticks(y, [labels.term(r, refs, lang) for r in rows.to_dict("records")])
    ax.set_ylim(len(rows) - 0.5, -0.6)
    ax.set_xlim(lo.min() - 0.22 * span, hi.max() + 0.2 * span)
    ax.set_xlabel(
        tr(
            lang,
            "Change in the probability of leaving, percentage points",
            "离职概率变化（百分点）",
        )
    )
    _x_grid(ax)
    title = _forest_title(result, rows, lang)
    top = rows.iloc[0] if len(rows) else None
    alt = tr(
        lang,
        "Forest plot of the change in the probability of leaving for each driver, with "
        "intervals, largest first"
        + (
            f": {labels.term(top, refs, 'en')} {units.pp(top['effect'], 1, 'en')}."
            if top is not None
            else "."
        ),
        "各因素对离职概率影响的森林图（含区间），按影响大小排列"
        + (
            f"：{labels.term(top, refs, 'zh')}为{units.pp(top['effect'], 1, 'zh')}。"
            if top is not None
            else "。"
        ),
    )
    return _chart(
        fig,
        "logit_forest",
        result,
        lang,
        title=title,
        subtitle=_forest_subtitle(result, params, lang),
        alt_text=alt,
    )


# ----------------------------------------------------------------------------------------------
# survival_curves
# ----------------------------------------------------------------------------------------------


def survival_finding(result: Result) -> pd.Series:
    """The group with the lowest one-year retention (the title names it)."""
    return result.km_summary.sort_values("survival_1y").iloc[0]


def _spread(ends: list[list], gap: float) -> None:
    ends.sort(key=lambda e: e[0])
    ends[0][0] = max(ends[0][0], gap / 2)
    for k in range(1, len(ends)):
        ends[k][0] = max(ends[k][0], ends[k - 1][0] + gap)


def _group_name(result: Result, group: str, lang: Lang) -> str:
    if result.band is None:
        return labels.group_row("all", "all", lang)
    return labels.group_row(result.band, group, lang)


def _draw_curves(ax, result: Result, horizon: float, lang: Lang) -> float:
    """The curves with their bands, one-year dots and end labels; returns where they end."""
    ends, x_end = [], 0.0
    summary = result.km_summary.set_index("group")
    for i, (g, c) in enumerate(result.km.groupby("group", sort=True)):
        c = c[c["time"] <= horizon]
        colour = PALETTE[i % len(PALETTE)]
        ax.step(c["time"], 100 * c["survival"], where="post", color=colour, lw=1.6)
        ax.fill_between(
            c["time"],
            100 * c["ci_low"],
            100 * c["ci_high"],
            step="post",
            color=colour,
            alpha=0.15,
            lw=0,
        )
        if horizon >= 1:
            ax.scatter([1.0], [100 * summary.loc[g, "survival_1y"]], color=colour, s=16, zorder=3)
        x_end = max(x_end, float(c["time"].max()))
        ends.append([100 * c["survival"].iloc[-1], colour, _group_name(result, g, lang)])
    _spread(ends, 7.0)
    for y_end, colour, text in ends:
        # the trailing spaces keep the label clear of the edge at print resolution
        ax.text(x_end * 1.015, y_end, text + "  ", color=colour, va="center", clip_on=False)
    return x_end


def survival_curves(
    result: Result, params: TurnoverDriversParams, lang: Lang | None = None
) -> Chart:
    """Kaplan-Meier retention by years of service and age band, up to the 90th percentile."""
    lang = _lang(params, lang)
    horizon = result.horizon
    fig, ax = figures.figure("full", 2.9)
    x_end = _draw_curves(ax, result, horizon, lang)
    ax.set_xlim(0, x_end)
    ax.set_ylim(0, 100)
    ax.set_xlabel(tr(lang, "Years of service", "工龄（年）"))
    ax.set_ylabel(tr(lang, "Still in post, %", "仍在岗（%）"))
    worst = survival_finding(result)
    who = (
        labels.group_people(result.band, worst["group"], lang)
        if result.band
        else tr(lang, "workers", "人员")
    )
    s1 = units.pct(worst["survival_1y"], 0)
    title = tr(
        lang,
        f"{labels.cap(who)} stay the shortest: {s1} are still in post after one year of service",
        f"{who}留任最短：工作满一年后仍在岗的占{s1}",
    )
    entry = tr(lang, "; with delayed entry", "；考虑延迟进入") if result.entry else ""
    years = units.fmt(round(horizon, 1), "years", lang)
    subtitle = tr(
        lang,
        f"Kaplan-Meier share still in post by years of service, {_count(result.n_workers, lang)}"
        f"{entry}; shaded: {_conf(params)} log-log band; dots: after one year; drawn up to the "
        f"90th percentile of service ({years})",
        f"按工龄的卡普兰-迈耶留任估计，{_count(result.n_workers, 'zh')}{entry}；阴影："
        f"{_conf(params)}置信带；圆点：工作满一年；曲线画至工龄第90百分位（{years}）",
    )
    alt = tr(
        lang,
        f"Step curves of the share still in post by years of service, one per group, with "
        f"shaded intervals; after one year {s1} of {who} are still in post, the lowest.",
        f"按工龄的在岗比例阶梯曲线，每组一条，含阴影区间；{who}工作满一年后仍在岗的占{s1}，为最低"
        "。",
    )
    return _chart(
        fig, "survival_curves", result, lang, title=title, subtitle=subtitle, alt_text=alt
    )


# ----------------------------------------------------------------------------------------------
# permutation_importance and calibration
# ----------------------------------------------------------------------------------------------


def _auc_words(lang: Lang) -> str:
    return tr(lang, "ROC-AUC", "ROC-AUC（受试者工作特征曲线下面积）")


def permutation_importance(
    result: Result, params: TurnoverDriversParams, lang: Lang | None = None
) -> Chart:
    """Held-out permutation importance per driver, with intervals over folds."""
    lang = _lang(params, lang)
    imp = result.cv.importance
    fig, ax = figures.figure("full", 0.25 * len(imp) + 0.7)
    y = np.arange(len(imp))
    m = imp["importance_mean"]
    ax.barh(y, m, color=BLUE, height=0.6)
    ax.errorbar(
        m, y, xerr=[m - imp["ci_low"], imp["ci_high"] - m], fmt="none", ecolor="#333333", lw=0.9
    )
    top_x = float(imp["ci_high"].max())
    for yi, v, hi in zip(y, m, imp["ci_high"], strict=True):
        ax.text(max(hi, 0) + 0.02 * top_x, yi, units.fmt(v, "index"), va="center")
    ax.set_yticks(y, [labels.driver(d, lang) for d in imp["driver"]])
    ax.set_ylim(len(imp) - 0.5, -0.6)
    ax.set_xlim(min(0.0, float(imp["ci_low"].min()) * 1.2), top_x * 1.18)
    ax.axvline(0, color="#444444", lw=0.9)
    ax.set_xlabel(
        tr(
            lang,
            "Drop in held-out ROC-AUC when the driver is shuffled",
            "打乱该因素后留出集ROC-AUC的下降",
        )
    )
    _x_grid(ax)
    lead = labels.driver(imp.iloc[0]["driver"], lang)
    auc = units.fmt(result.cv.summary["roc_auc"], "ratio")
    model = labels.model(params.model, lang)
    title = tr(
        lang,
        f"{lead} carries most of the predictive signal (held-out ROC-AUC {auc})",
        f"{lead}提供的预测信息最多（留出集ROC-AUC为{auc}）",
    )
    subtitle = tr(
        lang,
        f"Permutation importance: drop in {_auc_words('en')} on held-out folds when one driver is "
        f"shuffled; {model}, {params.cv_folds}-fold cross-validation, "
        f"{_count(result.n_workers, 'en')}; bars: mean over folds, lines: {_conf(params)} "
        "intervals",
        f"置换重要性：打乱单个因素后留出折上{_auc_words('zh')}的下降；{model}，{params.cv_folds}折"
        f"交叉验证，{_count(result.n_workers, 'zh')}；条形：各折均值，横线：{_conf(params)}区间",
    )
    alt = tr(
        lang,
        f"Horizontal bars of permutation importance per driver; {lead} is largest at "
        f"{units.fmt(m.iloc[0], 'index')}; held-out ROC-AUC {auc}.",
        f"各因素置换重要性的横向条形图；{lead}最大，为{units.fmt(m.iloc[0], 'index')}；留出集"
        f"ROC-AUC为{auc}。",
    )
    return _chart(
        fig, "permutation_importance", result, lang, title=title, subtitle=subtitle, alt_text=alt
    )


def calibration_gap(result: Result) -> int:
    """The title's bound: the largest |observed - predicted| over bins, in whole points up."""
    cal = result.cv.calibration
    return int(math.ceil(100 * float((cal["observed_rate"] - cal["mean_predicted"]).abs().max())))


def calibration(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> Chart:
    """Observed against predicted turnover in quantile bins of the out-of-fold predictions."""
    lang = _lang(params, lang)
    cal = result.cv.calibration
    fig, ax = figures.figure("half", 2.6)
    top = 100 * max(cal["mean_predicted"].max(), cal["ci_high"].max()) * 1.05
    ax.plot([0, top], [0, top], color="#999999", ls="--", lw=0.9)
    ax.errorbar(
        100 * cal["mean_predicted"],
        100 * cal["observed_rate"],
        yerr=[
            100 * (cal["observed_rate"] - cal["ci_low"]).clip(lower=0),
            100 * (cal["ci_high"] - cal["observed_rate"]).clip(lower=0),
        ],
        fmt="o",
        ms=3,
        color=BLUE,
        ecolor=BLUE,
        lw=1,
    )
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_aspect("equal")
    ax.set_xlabel(tr(lang, "Predicted chance of leaving, %", "预测离职概率（%）"))
    ax.set_ylabel(tr(lang, "Share who left, %", "实际离职比例（%）"))
    gap = calibration_gap(result)
    brier = units.fmt(result.cv.summary["brier"], "index")
    title = tr(
        lang,
        f"Out-of-fold predictions are within {gap} points of the observed rates",
        f"交叉验证预测与实际离职率相差不超过{gap}个百分点",
    )
    model = labels.model(params.model, lang)
    subtitle = tr(
        lang,
        f"Share who left against the mean prediction in {len(cal)} equal-size groups, {model}; "
        f"lines: {_conf(params)} Wilson intervals; dashed: perfect calibration; Brier score "
        f"{brier}",
        f"{len(cal)}个等规模组中实际离职比例对平均预测值，{model}；竖线：{_conf(params)}威尔逊区间"
        f"；虚线：完美校准；布里尔分数{brier}",
    )
    alt = tr(
        lang,
        f"Scatter of the observed share who left against the mean predicted probability in "
        f"{len(cal)} groups, all within {gap} points of the dashed diagonal.",
        f"{len(cal)}个组的实际离职比例对平均预测概率的散点图，均在虚线对角线的{gap}个百分点以内。",
    )
    return _chart(fig, "calibration", result, lang, title=title, subtitle=subtitle, alt_text=alt)


# ----------------------------------------------------------------------------------------------
# counterfactual_turnover
# ----------------------------------------------------------------------------------------------

_PANELS = (
    ("pay_rise_pct", ("Pay rise, %", "加薪幅度（%）")),
    ("hours_cut", ("Cut in weekly hours", "每周工时减少（小时）")),
    ("overlap_cut", ("Cut in duty-overlap index", "职责重叠指数降低")),
)


def counterfactual_panels(result: Result) -> list[tuple[str, pd.DataFrame, tuple[str, str]]]:
    """One panel per lever that varies alone: (lever, its rows with the baseline, axis labels)."""
    cf = result.scenarios.table
    panels = []
    for lever, words in _PANELS:
        others = [c for c, _ in _PANELS if c != lever]
        rows = cf[(cf[others] == 0).all(axis=1)]
        if (rows[lever] != 0).any():
            panels.append((lever, rows.sort_values(lever), words))
    return panels


def counterfactual_finding(result: Result) -> pd.Series:
    """The plotted scenario with the lowest predicted turnover (the title names it)."""
    rows = pd.concat([d for _, d, _ in counterfactual_panels(result)])
    rows = rows[rows["scenario"] != "baseline"]
    return rows.sort_values("rate").iloc[0]


#: The axis of predicted turnover (this figure and the scenario explorer's).
RATE_AXIS = ("Predicted turnover, % a year", "预测年离职率（%）")


def rate_ceiling(table: pd.DataFrame, params: TurnoverDriversParams) -> float:
    """Top of a predicted-turnover axis, in percent: room above every interval and the benchmark."""
    return 100 * max(table["rate_ci_high"].max(), params.benchmark_rate) * 1.15


def rate_labels(
    ax, xs, rates, *, digits: int = 0, xytext=(0, -11), ha: str = "center", boxed: bool = False
) -> None:
    """Each predicted rate written beside its point (offset ``xytext`` in points).

    ``boxed`` puts each on a white box, so a line behind it does not cross it.
    """
    box = {"facecolor": "white", "edgecolor": "none", "pad": 1.0} if boxed else None
    for x, rate in zip(xs, rates, strict=True):
        ax.annotate(
            units.pct(rate, digits),
            (x, 100 * rate),
            textcoords="offset points",
            xytext=xytext,
            ha=ha,
            va="center" if ha != "center" else "baseline",
            bbox=box,
        )


def benchmark_line(ax, params: TurnoverDriversParams, lang: Lang, label_at=None) -> None:
    """The article's turnover rate as a dashed line, labelled ending at x ``label_at`` if given."""
    bench = 100 * params.benchmark_rate
    ax.axhline(bench, color="#444444", ls="--", lw=0.9)
    if label_at is not None:
        ax.text(
            label_at,
            bench + 1,
            tr(lang, "article: ", "原文：") + units.pct(params.benchmark_rate, 0),
            ha="right",
            va="bottom",
            color="#444444",
        )


def _lever_panel(ax, lever, d, ymax, params, lang, last: bool) -> None:
    """One lever's predicted turnover with its band, point labels and the benchmark line."""
    x = d[lever]
    ax.fill_between(x, 100 * d["rate_ci_low"], 100 * d["rate_ci_high"], color=BLUE, alpha=0.2, lw=0)
    ax.plot(x, 100 * d["rate"], "o-", color=BLUE, ms=3.5)
    rate_labels(ax, x, d["rate"])
    benchmark_line(ax, params, lang, x.max() if last else None)
    ax.set_ylim(0, ymax)
    ax.margins(x=0.12)


def counterfactual_turnover(
    result: Result, params: TurnoverDriversParams, lang: Lang | None = None
) -> Chart:
    """Predicted turnover as each lever moves alone, with bootstrap bands.

    Raises
    ------
    ValueError
        When the run has no scenarios (separation, or no levers).
    """
    lang = _lang(params, lang)
    if result.scenarios is None:
        raise ValueError("this run has no scenarios to draw (see result.none_reasons)")
    panels = counterfactual_panels(result)
    fig, axes = figures.figure("full", 2.4, ncols=len(panels), sharey=True, squeeze=False)
    cf = result.scenarios.table
    ymax = rate_ceiling(cf, params)
    for k, (ax, (lever, d, words)) in enumerate(zip(axes[0], panels, strict=True)):
        _lever_panel(ax, lever, d, ymax, params, lang, last=k == len(panels) - 1)
        ax.set_xlabel(tr(lang, *words))
    axes[0][0].set_ylabel(tr(lang, *RATE_AXIS))
    best, base = counterfactual_finding(result), cf.iloc[0]
    what = labels.scenario_phrase(
        best["pay_rise_pct"], best["hours_cut"], best["overlap_cut"], lang
    )
    a, b = units.pct(base["rate"], 0), units.pct(best["rate"], 0)
    title = tr(
        lang,
        f"{labels.cap(what)} would lower predicted turnover most, from {a} to {b} a year, if the "
        "association were causal",
        f"若关联为因果，{what}使预测离职率降幅最大：从每年{a}降至{b}",
    )
    draws = units.fmt(params.n_draws, "count")
    bench_text = units.pct(params.benchmark_rate, 0)
    subtitle = tr(
        lang,
        f"Mean predicted chance of leaving within the year for {_count(result.n_workers, 'en')}, "
        f"one lever at a time, from the logit; band: {_conf(params)} bootstrap interval ({draws} "
        f"draws); dashed: the article's {bench_text}",
        f"逻辑回归对{_count(result.n_workers, 'zh')}年内离职概率的平均预测，每次只改变一个因素；"
        f"阴影：{_conf(params)}自助法区间（{draws}次抽样）；虚线：原文的{bench_text}",
    )
    alt = tr(
        lang,
        f"Predicted annual turnover against the size of each lever, with bootstrap bands; "
        f"{what} lowers it most, from {a} to {b}; a dashed line marks the article's {bench_text}.",
        f"各因素变化幅度对应的预测年离职率，含自助法区间；{what}降幅最大，从{a}降至{b}；虚线为原文"
        f"的{bench_text}。",
    )
    return _chart(
        fig, "counterfactual_turnover", result, lang, title=title, subtitle=subtitle, alt_text=alt
    )


#: Every figure, in notebook order.
CHARTS = (
    turnover_rates,
    logit_forest,
    survival_curves,
    permutation_importance,
    calibration,
    counterfactual_turnover,
)
