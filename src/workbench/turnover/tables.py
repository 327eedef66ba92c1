"""The tables the turnover notebook shows: human headers with units, values written as text.

Each function returns a :class:`pandas.DataFrame` of strings (at most seven columns) in English or
Chinese; ``workbench.notebook.table`` shows it without its index.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench import units
from workbench.params.turnover import TurnoverDriversParams
from workbench.turnover import labels
from workbench.turnover.charts import points, rate_rows
from workbench.turnover.pipeline import Result
from workbench.units import Lang

tr = labels.pick


def _lang(params: TurnoverDriversParams, lang: Lang | None) -> Lang:
    return lang or params.language


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def _range(lo: str, hi: str, lang: Lang) -> str:
    return tr(lang, f"{lo} to {hi}", f"{lo}至{hi}")


def _pct(v: float, lang: Lang, digits: int = 1) -> str:
    return units.pct(v, digits, lang)


def _p(v: float, lang: Lang) -> str:
    return units.fmt(None if _missing(v) else float(v), "p-value", lang)


def _ratio(v: float, lang: Lang) -> str:
    return units.number(None if _missing(v) else float(v), 3, lang)


def _frame(rows: list[list[str]], headers: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=headers)


def _conf(params: TurnoverDriversParams) -> str:
    return units.pct(1 - params.alpha, 0)


def drivers(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """Mean, SD and range of each numeric driver, in its unit."""
    lang = _lang(params, lang)
    rows = [
        [
            labels.driver(r.driver, lang),
            labels.driver_unit(r.driver, lang) or tr(lang, "0/1", "0/1"),
            *(units.number(v, 3, lang) for v in (r.mean, r.sd, r.min, r.max)),
        ]
        for r in result.drivers.itertuples()
    ]
    return _frame(
        rows,
        [
            tr(lang, "Driver", "因素"),
            tr(lang, "Unit", "单位"),
            tr(lang, "Mean", "均值"),
            tr(lang, "SD", "标准差"),
            tr(lang, "Minimum", "最小值"),
            tr(lang, "Maximum", "最大值"),
        ],
    )


def rates(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """Turnover by group with its interval and the comparison with the benchmark."""
    lang = _lang(params, lang)
    side = {
        "above": tr(lang, "above", "高于"),
        "below": tr(lang, "below", "低于"),
        "consistent": tr(lang, "consistent", "无显著差异"),
    }
    rows = [
        [
            labels.group_row(r.group, r.level, lang),
            units.fmt(r.n, "count", lang),
            units.fmt(r.exits, "count", lang),
            _pct(r.rate, lang),
            _range(_pct(r.ci_low, lang), _pct(r.ci_high, lang), lang),
            side[r.vs_benchmark],
            _p(r.p_value, lang),
        ]
        for r in rate_rows(result, params).itertuples()
    ]
    bench = units.pct(params.benchmark_rate, 0)
    return _frame(
        rows,
        [
            tr(lang, "Group", "群体"),
            tr(lang, "Workers", "人数"),
            tr(lang, "Leavers", "离职人数"),
            tr(lang, "Turnover, % a year", "年离职率（%）"),
            tr(lang, f"{_conf(params)} interval, %", f"{_conf(params)}区间（%）"),
            tr(lang, f"Against {bench}", f"与{bench}相比"),
            tr(lang, "p-value (exact binomial)", "p值（精确二项检验）"),
        ],
    )


def _odds_for_change(row, z: float) -> tuple[float, float, float]:
    c = row["change"]
    return tuple(float(np.exp((row["coef"] + k * z * row["se"]) * c)) for k in (0, -1, 1))


def logit(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """The logit on the probability scale, and the odds ratio for the same change."""
    from scipy import stats

    lang = _lang(params, lang)
    z = float(stats.norm.ppf(1 - params.alpha / 2))
    refs, na = result.logit.references, tr(lang, "not estimable", "不可估计")
    rows = []
    for r in result.logit.table.to_dict("records"):
        if r["note"]:
            rows.append([labels.term(r, refs, lang), na, "", "", na, ""])
            continue
        odds, lo, hi = _odds_for_change(r, z)
        rows.append(
            [
                labels.term(r, refs, lang),
                points(r["effect"]),
                _range(points(r["effect_ci_low"]), points(r["effect_ci_high"]), lang),
                _p(r["effect_p_value"], lang),
                _ratio(odds, lang),
                _range(_ratio(lo, lang), _ratio(hi, lang), lang),
            ]
        )
    conf = _conf(params)
    return _frame(
        rows,
        [
            tr(lang, "Driver and change", "因素及其变化"),
            tr(lang, "Change in probability of leaving, points", "离职概率变化（百分点）"),
            tr(lang, f"{conf} interval, points", f"{conf}区间（百分点）"),
            tr(lang, "p-value", "p值"),
            tr(lang, "Odds ratio for the change", "该变化的优势比"),
            tr(lang, f"{conf} interval of the odds ratio", f"优势比的{conf}区间"),
        ],
    )


def hypotheses(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """The article's explanations, one by one, with their verdicts."""
    lang = _lang(params, lang)
    expected = {"raises": tr(lang, "raises it", "提高"), "lowers": tr(lang, "lowers it", "降低")}
    rows = []
    for r in result.hypotheses.to_dict("records"):
        estimated = not _missing(r["effect"])
        rows.append(
            [
                labels.claim(r["driver"], r["claim"], lang),
                expected[r["expected"]],
                points(r["effect"]) if estimated else "",
                _range(points(r["effect_ci_low"]), points(r["effect_ci_high"]), lang)
                if estimated
                else "",
                _p(r["effect_p_value"], lang) if estimated else "",
                labels.verdict(r["verdict"], lang),
            ]
        )
    return _frame(
        rows,
        [
            tr(lang, "The article's claim", "原文的解释"),
            tr(lang, "Expected effect on leaving", "预期对离职的影响"),
            tr(lang, "Effect, points", "效应（百分点）"),
            tr(lang, f"{_conf(params)} interval, points", f"{_conf(params)}区间（百分点）"),
            tr(lang, "p-value", "p值"),
            tr(lang, "Verdict", "结论"),
        ],
    )


def retention(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """Median years of service and the share still in post after 1, 3 and 5 years."""
    lang = _lang(params, lang)
    never = tr(lang, "not reached", "未达到")
    rows = []
    for r in result.km_summary.to_dict("records"):
        group = (
            labels.group_row(result.band, r["group"], lang)
            if result.band
            else (labels.group_row("all", "all", lang))
        )
        median = r["median_tenure"]
        rows.append(
            [
                group,
                units.fmt(r["n"], "count", lang),
                never if _missing(median) else units.fmt(round(median, 1), "years", lang),
                *(_pct(r[f"survival_{t}y"], lang, 0) for t in (1, 3, 5)),
            ]
        )
    return _frame(
        rows,
        [
            tr(lang, "Group", "群体"),
            tr(lang, "Workers", "人数"),
            tr(lang, "Median years of service", "工龄中位数"),
            tr(lang, "Still in post after 1 year, %", "满1年仍在岗（%）"),
            tr(lang, "After 3 years, %", "满3年（%）"),
            tr(lang, "After 5 years, %", "满5年（%）"),
        ],
    )


def cox(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """Cox hazard ratios for the same changes as the logit effects, and the PH test."""
    from scipy import stats

    lang = _lang(params, lang)
    z = float(stats.norm.ppf(1 - params.alpha / 2))
    step = result.logit.table.set_index("term")["change"]
    refs, na = result.cox.references, tr(lang, "not estimable", "不可估计")
    rows = []
    for r in result.cox.table.to_dict("records"):
        c = float(step.get(r["term"], 1.0))
        if r["note"]:
            rows.append([labels.term({**r, "change": c}, refs, lang), na, "", "", ""])
            continue
        hr, lo, hi = (float(np.exp((r["coef"] + k * z * r["se"]) * c)) for k in (0, -1, 1))
        rows.append(
            [
                labels.term({**r, "change": c}, refs, lang),
                _ratio(hr, lang),
                _range(_ratio(lo, lang), _ratio(hi, lang), lang),
                _p(r["p_value"], lang),
                _p(r["ph_p_value"], lang),
            ]
        )
    return _frame(
        rows,
        [
            tr(lang, "Driver and change", "因素及其变化"),
            tr(lang, "Hazard ratio for the change", "该变化的风险比"),
            tr(lang, f"{_conf(params)} interval", f"{_conf(params)}区间"),
            tr(lang, "p-value", "p值"),
            tr(lang, "Proportional-hazards test, p-value", "比例风险检验p值"),
        ],
    )


def calibration(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """Observed against predicted turnover in the calibration groups."""
    lang = _lang(params, lang)
    rows = [
        [
            units.fmt(r.bin, "count", lang),
            units.fmt(r.n, "count", lang),
            _pct(r.mean_predicted, lang),
            _pct(r.observed_rate, lang),
            _range(_pct(r.ci_low, lang), _pct(r.ci_high, lang), lang),
        ]
        for r in result.cv.calibration.itertuples()
    ]
    return _frame(
        rows,
        [
            tr(lang, "Group of predictions (lowest first)", "预测分组（由低到高）"),
            tr(lang, "Workers", "人数"),
            tr(lang, "Mean predicted chance, %", "平均预测概率（%）"),
            tr(lang, "Share who left, %", "实际离职比例（%）"),
            tr(lang, f"{_conf(params)} Wilson interval, %", f"{_conf(params)}威尔逊区间（%）"),
        ],
    )


def ranking(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """The logit's and the prediction model's rankings of the drivers, and why they differ."""
    lang = _lang(params, lang)
    rows = []
    for r in result.ranking.table.to_dict("records"):
        rank = [
            ("" if _missing(r[k]) else units.fmt(r[k], "count", lang))
            for k in ("logit_rank", "model_rank")
        ]
        rows.append(
            [
                labels.driver(r["driver"], lang),
                "" if _missing(r["logit_effect"]) else points(r["logit_effect"]),
                rank[0],
                "" if _missing(r["importance_mean"]) else units.fmt(r["importance_mean"], "index"),
                rank[1],
                labels.ranking_reason(r, params.rank_tolerance, params.alpha, lang),
            ]
        )
    return _frame(
        rows,
        [
            tr(lang, "Driver", "因素"),
            tr(lang, "Largest logit effect, points", "逻辑回归最大效应（百分点）"),
            tr(lang, "Logit rank", "逻辑回归排名"),
            tr(lang, "Importance: drop in ROC-AUC", "重要性：ROC-AUC下降"),
            tr(lang, "Model rank", "预测模型排名"),
            tr(lang, "Why flagged", "分歧原因"),
        ],
    )


def _money_or(value: float, lang: Lang, text: str) -> str:
    return text if _missing(value) else units.money(value, lang)


def scenarios(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """Predicted turnover, exits averted and costs per scenario (None without scenarios)."""
    lang = _lang(params, lang)
    if result.scenarios is None:
        return None
    uncosted = tr(lang, "not costed", "未计成本")
    rows = []
    for r in result.scenarios.table.itertuples():
        ci = _range(_pct(r.rate_ci_low, lang), _pct(r.rate_ci_high, lang), lang)
        rate = f"{_pct(r.rate, lang)} ({ci})"
        averted = units.number(r.exits_averted, 3, lang) if r.Index else "0"
        cost = r.intervention_cost_yuan
        rows.append(
            [
                labels.scenario(r.pay_rise_pct, r.hours_cut, r.overlap_cut, lang),
                rate if lang == "en" else rate.replace(" (", "（").replace(")", "）"),
                averted,
                units.money(r.replacement_saving_yuan, lang),
                _money_or(cost, lang, uncosted),
                _money_or(r.net_saving_yuan, lang, uncosted),
                _money_or(r.cost_per_exit_averted_yuan, lang, "" if r.Index == 0 else uncosted),
            ]
        )
    conf = _conf(params)
    return _frame(
        rows,
        [
            tr(lang, "Scenario", "情景"),
            tr(lang, f"Predicted turnover a year ({conf} interval)", f"预测年离职率（{conf}区间）"),
            tr(lang, "Exits averted a year", "每年减少离职人数"),
            tr(lang, "Replacement saving a year", "每年节省的替换成本"),
            tr(lang, "Cost a year", "每年成本"),
            tr(lang, "Net saving a year", "每年净节省"),
            tr(lang, "Cost per exit averted", "每减少一人离职的成本"),
        ],
    )


def rewards(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """The article's reward idea per share (None without a reward scenario)."""
    lang = _lang(params, lang)
    if result.rewards is None:
        return None
    rows = [
        [
            units.pct(r.reward_share, 0, lang),
            units.money(r.reward_pool_yuan, lang),
            units.pct(r.equivalent_pay_rise_pct / 100, 1, lang),
            _pct(r.rate, lang),
            units.number(r.exits_averted, 3, lang),
            units.money(r.replacement_saving_yuan, lang),
            units.money(r.reward_net_yuan, lang),
        ]
        for r in result.rewards.table.itertuples()
    ]
    return _frame(
        rows,
        [
            tr(lang, "Share of the gain returned", "返还比例"),
            tr(lang, "Reward pool a year", "每年奖励总额"),
            tr(lang, "Equivalent pay rise", "相当于加薪"),
            tr(lang, "Predicted turnover a year", "预测年离职率"),
            tr(lang, "Exits averted a year", "每年减少离职人数"),
            tr(lang, "Replacement saving a year", "每年节省的替换成本"),
            tr(lang, "Saving net of the reward", "扣除奖励后的净节省"),
        ],
    )


def truth(result: Result, params: TurnoverDriversParams, lang: Lang | None = None):
    """The logit against the true coefficients of the synthetic data (None for a user's file)."""
    lang = _lang(params, lang)
    if result.truth is None:
        return None
    yes, no = tr(lang, "yes", "是"), tr(lang, "no", "否")
    rows = []
    for r in result.truth.table.to_dict("records"):
        in_model = not _missing(r.get("coef"))
        ranks = [
            ("" if _missing(r[k]) else units.fmt(r[k], "count", lang))
            for k in ("true_rank", "rank")
        ]
        est = ""
        if in_model:
            ci = _range(
                units.number(r["coef_ci_low"], 3, lang),
                units.number(r["coef_ci_high"], 3, lang),
                lang,
            )
            est = f"{units.number(r['coef'], 3, lang)}" + tr(lang, f" ({ci})", f"（{ci}）")
        rows.append(
            [
                _term_name(r["term"], lang),
                units.number(r["true_coef"], 3, lang),
                est if in_model else tr(lang, "not in the model", "不在模型中"),
                (yes if r["sign_recovered"] else no) if in_model else "",
                ranks[0],
                ranks[1],
            ]
        )
    return _frame(
        rows,
        [
            tr(lang, "Term", "项"),
            tr(lang, "True coefficient, log-odds per unit", "真实系数（每单位对数几率）"),
            tr(lang, f"Estimate ({_conf(params)} interval)", f"估计值（{_conf(params)}区间）"),
            tr(lang, "Sign recovered", "方向是否还原"),
            tr(lang, "True rank (per SD)", "真实排名（按标准差效应）"),
            tr(lang, "Estimated rank (per SD)", "估计排名（按标准差效应）"),
        ],
    )


def _term_name(term: str, lang: Lang) -> str:
    if term == "cert_x_young":
        return tr(lang, "Certificate x under 35", "社工证与35岁以下的交互项")
    if term.startswith("contract_type[T."):
        level = term.removeprefix("contract_type[T.").removesuffix("]")
        return labels.group_row("contract_type", level, lang)
    return labels.driver(term, lang)
