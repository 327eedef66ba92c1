"""The turnover notebook's paragraphs, written from the result in English or Chinese.

One function per notebook section (``say(narration.rates(result, p))``), plus :func:`findings`,
:func:`methods` and :func:`caveats`, which a policy brief uses too.
"""

from __future__ import annotations

from workbench import glossary, units
from workbench.params.turnover import TurnoverDriversParams
from workbench.turnover import labels
from workbench.turnover.charts import counterfactual_finding, points, survival_finding
from workbench.turnover.pipeline import Result
from workbench.units import Lang

tr = labels.pick


def _lang(params: TurnoverDriversParams, lang: Lang | None) -> Lang:
    return lang or params.language


def _conf(params: TurnoverDriversParams) -> str:
    return units.pct(1 - params.alpha, 0)


def _pct(v: float, lang: Lang, digits: int = 1) -> str:
    return units.pct(v, digits, lang)


def _range(lo: str, hi: str, lang: Lang) -> str:
    return tr(lang, f"{lo}-{hi}", f"{lo}至{hi}")


def _count(n: float, lang: Lang) -> str:
    return units.fmt(n, "count", lang)


def _codes(names, lang: Lang) -> str:
    return tr(lang, ", ", "、").join(f"`{n}`" for n in names)


def _list(items: list[str], lang: Lang) -> str:
    if not items:
        return tr(lang, "none", "无")
    if lang == "zh":
        return "、".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _errors(result: Result, lang: Lang) -> str:
    fit = result.logit
    if fit.cov_type == "cluster":
        return tr(
            lang,
            f"cluster-robust by {labels.cluster(fit.cluster, 'en')} ({fit.n_clusters} clusters)",
            f"按{labels.cluster(fit.cluster, 'zh')}聚类稳健（{fit.n_clusters}个聚类）",
        )
    return tr(lang, "model-based", "基于模型的")


def data(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """What data the run used."""
    lang = _lang(params, lang)
    what = (
        tr(lang, "illustrative synthetic data", "示意性模拟数据")
        if result.synthetic
        else (tr(lang, "your file", "用户文件"))
    )
    drivers = _codes([*params.drivers, *params.categorical], lang)
    extra = ""
    if result.cluster:
        groups = result.logit.n_clusters
        extra += tr(
            lang,
            f"; clusters: `{result.cluster}` ({groups} groups)",
            f"；聚类：`{result.cluster}`（{groups}组）",
        )
    extra += (
        tr(lang, f"; delayed entry: `{result.entry}`.", f"；延迟进入：`{result.entry}`。")
        if result.entry
        else tr(lang, "; no delayed entry.", "；无延迟进入。")
    )
    return tr(
        lang,
        f"**Workers data:** {what} (`{result.label}`): {_count(result.n_workers, 'en')} workers, "
        f"{_count(result.n_exits, 'en')} of whom left during the observation year. Drivers: "
        f"{drivers}{extra}",
        f"**人员数据：**{what}（`{result.label}`）：{_count(result.n_workers, 'zh')}人，其中"
        f"{_count(result.n_exits, 'zh')}人在观察年内离职。因素：{drivers}{extra}",
    )


def rates(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """The overall turnover rate against the benchmark, and what the exits cost."""
    lang = _lang(params, lang)
    o = result.rates.iloc[0]
    side = {
        "above": ("above", "高于原文{b}的基准"),
        "below": ("below", "低于原文{b}的基准"),
        "consistent": ("statistically consistent with", "与原文{b}的基准在统计上无显著差异"),
    }[o["vs_benchmark"]]
    p = units.fmt(result.numbers["turnover_rate_p_value_vs_benchmark"], "p-value", lang)
    cost = units.money(result.numbers["turnover_cost_yuan"], lang)
    bench, conf = units.pct(params.benchmark_rate, 0), _conf(params)
    ci = _range(_pct(o["ci_low"], lang), _pct(o["ci_high"], lang), lang)
    return tr(
        lang,
        f"**Overall:** {_count(o['exits'], 'en')} of {_count(o['n'], 'en')} workers left within "
        f"the year, a turnover rate of **{_pct(o['rate'], 'en')}** ({conf} interval {ci}; "
        "denominator: every worker on the roll during the year). That is "
        f"{side[0]} the article's {bench} benchmark (exact binomial p = {p}). At "
        f"{units.money(params.replacement_cost_yuan, 'en')} per replacement, these exits cost "
        f"about {cost} a year.",
        f"**总体：**{_count(o['n'], 'zh')}人中有{_count(o['exits'], 'zh')}"
        f"人在一年内离职，年离职率为**{_pct(o['rate'], 'zh')}**（{conf}区间{ci}"
        f"；分母为年内在册的全部人员）。这{side[1].format(b=bench)}（精确二项检验p = {p}"
        f"）。按每替换一人{units.money(params.replacement_cost_yuan, 'zh')}"
        f"计算，这些离职每年约花费{cost}。",
    )


def young_certificate(
    result: Result, params: TurnoverDriversParams, lang: Lang | None = None
) -> str:
    """The article's young certificate holders against everyone else."""
    lang = _lang(params, lang)
    g, young = result.young_gap, f"{params.young_age:g}"
    if g is None:
        return tr(
            lang,
            "The data have no age and certificate columns to form this group.",
            "数据中没有年龄和社工证两列，无法划分该群体。",
        )
    verdict = {
        "higher": ("higher", "更高"),
        "lower": ("lower", "更低"),
        "not clearly different": ("not clearly different", "无明显差异"),
    }[g.comparison]
    a = _range(_pct(g.ci_low, lang), _pct(g.ci_high, lang), lang)
    b = _range(_pct(g.other_ci_low, lang), _pct(g.other_ci_high, lang), lang)
    return tr(
        lang,
        f"**The article's young certificate holders** (under {young}, with 社工证): "
        f"{_pct(g.rate, 'en')} ({a}, n = {_count(g.n, 'en')}) against {_pct(g.other_rate, 'en')} "
        f"({b}) for everyone else: {verdict[0]}. Raw rates mix the certificate with age, pay and "
        "contract; the logit and the Cox model below adjust for them.",
        f"**原文所说的年轻持证人员**（{young}岁以下、持有社工证）：离职率{_pct(g.rate, 'zh')}（{a}"
        f"，n = {_count(g.n, 'zh')}），其他人员为{_pct(g.other_rate, 'zh')}（{b}）：前者"
        f"{verdict[1]}"
        "。原始比率混合了社工证与年龄、薪酬和合同的影响；下文的逻辑回归和考克斯模型对此作了调整。",
    )


def logit(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """The logit: terms, sample, errors, fit."""
    lang = _lang(params, lang)
    fit = result.logit
    r2 = units.fmt(fit.pseudo_r2, "index")
    return tr(
        lang,
        f"Logit of leaving on {len(fit.table)} terms, n = {_count(fit.n, 'en')} "
        f"({_count(fit.events, 'en')} exits), {_errors(result, 'en')} standard errors; McFadden "
        f"pseudo-R² {r2}. Effects are changes in the probability of leaving within the year, in "
        "percentage points: for 1 SD more of a numeric driver, 0 -> 1 for a 0/1 driver, or a "
        "category against its reference level.",
        f"{glossary.gloss('Logit')}以离职为因变量、含{len(fit.table)}项，n = {_count(fit.n, 'zh')}"
        f"（离职{_count(fit.events, 'zh')}人），{_errors(result, 'zh')}标准误；麦克法登伪R²为{r2}"
        "。效应是年内离职概率的变化（百分点）：数值型因素为增加1个标准差，0/1因素为从0到1，类别因"
        "素为相对于参照类别。",
    )


def top_driver(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """The numeric driver that moves leaving most, and a larger category contrast if any."""
    lang = _lang(params, lang)
    if result.top_driver is None:
        return tr(
            lang,
            "**No top driver** can be named: separation leaves the effects of "
            f"{_codes(result.separated, 'en')} not estimable (see the warnings).",
            f"**无法确定首要因素：**完全分离使{_codes(result.separated, 'zh')}"
            "的效应不可估计（见警示）。",
        )
    t = result.logit.table.set_index("term")
    row = t.loc[result.top_driver]
    refs, conf = result.logit.references, _conf(params)
    ci = tr(
        lang,
        f"{points(row['effect_ci_low'])} to {points(row['effect_ci_high'])}",
        f"{points(row['effect_ci_low'])}至{points(row['effect_ci_high'])}",
    )
    change = labels.term_change({**row.to_dict(), "driver": result.top_driver}, refs, lang)
    text = tr(
        lang,
        f"**Top numeric driver: {labels.driver(result.top_driver, 'en').lower()}.** "
        f"{labels.cap(change)} goes with a {units.pp(result.top_driver_effect, 1, 'en')} change "
        f"in the probability of leaving ({conf} interval {ci}).",
        f"**影响最大的数值型因素：{labels.driver(result.top_driver, 'zh')}。**{change}"
        f"，离职概率变化{units.pp(result.top_driver_effect, 1, 'zh')}（{conf}区间{ci}）。",
    )
    big = result.logit.table.loc[result.logit.table["effect"].abs().idxmax()]
    if big["kind"] == "level" and abs(big["effect"]) > abs(result.top_driver_effect):
        text += tr(
            lang,
            f" A category contrast is larger still: {labels.term_change(big, refs, 'en')}, "
            f"{units.pp(big['effect'], 1, 'en')}. Category contrasts depend on the reference "
            "level, so they are not ranked against one-SD changes.",
            f"类别对比的效应更大：{labels.term_change(big, refs, 'zh')}，"
            f"{units.pp(big['effect'], 1, 'zh')}。类别对比取决于参照类别，因此不与1个标准差的变化"
            "一起排名。",
        )
    return text


def significance(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """Which terms are significant at alpha."""
    lang = _lang(params, lang)
    t, refs = result.logit.table, result.logit.references
    sig = t[t["effect_p_value"] < params.alpha]
    rest = t[~(t["effect_p_value"] < params.alpha)]
    shown = [
        f"{labels.term(r, refs, lang)} ({units.pp(r['effect'], 1, lang)})"
        for r in sig.to_dict("records")
    ]
    if lang == "zh":
        shown = [s.replace(" (", "（").replace(")", "）") for s in shown]
    others = [labels.term(r, refs, lang) for r in rest.to_dict("records")]
    alpha = f"{params.alpha:g}"
    return tr(
        lang,
        f"Significant at {alpha}: {_list(shown, 'en')}. Not significant: {_list(others, 'en')}.",
        f"在{alpha}水平上显著：{_list(shown, 'zh')}。不显著：{_list(others, 'zh')}。",
    )


def hypotheses(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """How many of the article's claims the data support."""
    lang = _lang(params, lang)
    counts = result.hypotheses["verdict"].value_counts()
    n = len(result.hypotheses)
    s, c, none = (
        int(counts.get(k, 0)) for k in ("supported", "contradicted", "no clear association")
    )
    other = n - s - c - none
    text = tr(
        lang,
        f"Of {n} claims: {s} supported, {c} contradicted, {none} with no clear association"
        + (f", {other} not tested or not estimable" if other else "")
        + ". These are associations, holding the other drivers fixed, not causes.",
        f"{n}项解释中：{s}项得到支持，{c}项与数据相反，{none}项无明确关联"
        + (f"，{other}项未检验或不可估计" if other else "")
        + "。这些是在其他因素不变时的关联，而非因果。",
    )
    if result.separated:
        text += tr(
            lang,
            " Caution: the logit has separated terms, so some verdicts come from a "
            "fit in which those terms' coefficients are infinite.",
            "注意：逻辑回归中存在完全分离的项，部分结论来自这些项系数为无穷大的拟合。",
        )
    return text


def survival(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """Retention by years of service: the group that stays least."""
    lang = _lang(params, lang)
    worst = survival_finding(result)
    who = (
        labels.group_people(result.band, worst["group"], lang)
        if result.band
        else tr(lang, "all workers", "全部人员")
    )
    entry = (
        tr(lang, f"with delayed entry at `{result.entry}`", f"按`{result.entry}`考虑延迟进入")
        if result.entry
        else tr(lang, "without delayed entry", "未考虑延迟进入")
    )
    s1 = _pct(worst["survival_1y"], lang, 0)
    return tr(
        lang,
        f"**Retention** ({entry}): median years of service and the share still in post after "
        f"1, 3 and 5 years. Lowest one-year retention: {who}, {s1} still in post after one year "
        "of service.",
        f"**留任**（{entry}）：工龄中位数及工作满1、3、5年后仍在岗的比例。一年留任率最低的是{who}"
        f"，工作满一年后仍在岗的占{s1}。",
    )


def cox(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """The Cox model: agreement with the logit and the proportional-hazards check."""
    lang = _lang(params, lang)
    fit = result.cox
    agree = result.numbers["cox_logit_sign_agreement"]
    share = _pct(agree, lang, 0) if agree is not None else tr(lang, "n/a", "无")
    viol = result.numbers["cox_ph_violations"]
    p = units.fmt(fit.ph_global_p_value, "p-value", lang)
    ties = tr(
        lang,
        "Efron" if fit.ties == "efron" else "Breslow",
        "埃夫隆" if fit.ties == "efron" else "布雷斯洛",
    )
    ph = (
        tr(
            lang,
            f"terms whose hazard ratio drifts with tenure: {_codes(viol, 'en')}.",
            f"风险比随工龄变化的项：{_codes(viol, 'zh')}。",
        )
        if viol
        else tr(
            lang,
            f"no term rejects proportional hazards at {params.alpha:g}.",
            f"在{params.alpha:g}水平上没有项拒绝比例风险假定。",
        )
    )
    return tr(
        lang,
        f"**Cox model** ({ties} ties, {_errors(result, 'en')} errors, {_count(fit.events, 'en')} "
        "exits; the hazard ratios are for the same changes as the logit effects): the hazard "
        f"ratios point the same way as the logit coefficients for {share} of the terms. "
        f"Proportional-hazards check (Grambsch-Therneau, {fit.ph_transform} time): global "
        f"p = {p}; {ph}",
        f"**{glossary.gloss('Cox')}**（{ties}法处理结、{_errors(result, 'zh')}标准误、离职"
        f"{_count(fit.events, 'zh')}人；风险比对应与逻辑回归效应相同的变化）：{share}"
        f"的项风险比方向与逻辑回归系数一致。比例风险检验（格兰布施-特尔诺检验）：总体p = {p}；{ph}",
    )


def prediction(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """How well leaving can be predicted on held-out workers."""
    lang = _lang(params, lang)
    s = result.cv.summary
    f = {
        k: units.fmt(s[k], "index")
        for k in ("roc_auc", "roc_auc_sd", "pr_auc", "prevalence", "brier", "brier_reference")
    }
    skill = _pct(s["brier_skill"], lang)
    lead = labels.driver(result.cv.importance.iloc[0]["driver"], lang)
    model = labels.model(params.model, lang)
    return tr(
        lang,
        f"**{labels.cap(model)}, {params.cv_folds}-fold cross-validation:** ROC-AUC "
        f"{f['roc_auc']} (SD over folds {f['roc_auc_sd']}); PR-AUC {f['pr_auc']} against a "
        f"no-skill {f['prevalence']}; Brier score {f['brier']} against {f['brier_reference']} "
        f"for always predicting the average (skill {skill}). Most important on held-out "
        f"workers: {lead.lower()}.",
        f"**{model}，{params.cv_folds}折交叉验证：**ROC-AUC（受试者工作特征曲线下面积）为"
        f"{f['roc_auc']}（折间标准差{f['roc_auc_sd']}）；PR-AUC（精确率-召回率曲线下面积）为"
        f"{f['pr_auc']}，无预测能力时为{f['prevalence']}；布里尔分数{f['brier']}"
        f"，始终预测平均值时为{f['brier_reference']}（技能分数{skill}）。对留出样本最重要的因素："
        f"{lead}。",
    )


def ranking(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """Where the logit and the prediction model rank the drivers differently."""
    lang = _lang(params, lang)
    t = result.ranking.table
    flagged = t[t["flag"]]
    if flagged.empty:
        return tr(
            lang,
            f"The logit and the model rank the drivers alike (within "
            f"{params.rank_tolerance} place).",
            f"逻辑回归与预测模型对各因素的排序一致（相差不超过{params.rank_tolerance}位）。",
        )
    rho = units.fmt(result.ranking.spearman_rho, "ratio")
    lines = "\n".join(
        f"- {labels.driver(r['driver'], lang)}{tr(lang, ': ', '：')}"
        f"{labels.ranking_reason(r, params.rank_tolerance, params.alpha, lang)}"
        + tr(lang, ".", "。")
        for r in flagged.to_dict("records")
    )
    return tr(
        lang,
        f"**Where the logit and the model disagree** (Spearman rank correlation {rho}):\n\n"
        f"{lines}\n\nDisagreement is a prompt, not a verdict: correlated drivers share "
        "permutation importance, the trees can use non-linear and interaction effects the "
        "main-effects logit lacks, and a significant association can add little to prediction.",
        f"**逻辑回归与预测模型的分歧**（斯皮尔曼秩相关系数{rho}）：\n\n{lines}\n\n分歧是提示而非"
        "结论：相关的因素会分摊置换重要性，树模型能利用主效应逻辑回归所没有的非线性和交互效应，"
        "而显著的关联也可能对预测帮助不大。",
    )


def _scenario_name(row, lang: Lang) -> str:
    return labels.scenario(row["pay_rise_pct"], row["hours_cut"], row["overlap_cut"], lang)


def scenarios(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """The largest simulated fall in turnover."""
    lang = _lang(params, lang)
    if result.scenarios is None:
        reason = result.none_reasons.get("counterfactual_rates", "")
        return tr(
            lang,
            f"No what-if scenarios in this run ({reason}).",
            "本次运行没有假设情景（见警示与参数）。",
        )
    sc = result.scenarios
    best, base = sc.best, sc.table.iloc[0]
    ci = _range(_pct(best["rate_ci_low"], lang), _pct(best["rate_ci_high"], lang), lang)
    averted = _range(
        units.number(best["exits_averted_ci_low"], 3, lang),
        units.number(best["exits_averted_ci_high"], 3, lang),
        lang,
    )
    n, conf = _count(sc.n_draws, lang), _conf(params)
    saving = units.money(best["replacement_saving_yuan"], lang)
    return tr(
        lang,
        f"**Scenarios** ({n} parametric-bootstrap draws, {conf} intervals). Baseline predicted "
        f"turnover {_pct(base['rate'], 'en')}. The largest simulated fall: "
        f"**{_scenario_name(best, 'en')}**, to {_pct(best['rate'], 'en')} ({ci}), about "
        f"{units.number(best['exits_averted'], 3)} fewer exits a year ({averted}), worth {saving} "
        f"in replacement costs at {units.money(params.replacement_cost_yuan, 'en')} per exit.",
        f"**情景**（参数自助法{n}次抽样，{conf}区间）。基线预测离职率{_pct(base['rate'], 'zh')}"
        f"。降幅最大的情景：**{_scenario_name(best, 'zh')}**，降至{_pct(best['rate'], 'zh')}（{ci}"
        f"），每年约减少{units.number(best['exits_averted'], 3, 'zh')}人离职（{averted}），按每人"
        f"{units.money(params.replacement_cost_yuan, 'zh')}计，节省替换成本{saving}。",
    )


def costs(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """Whether any costed scenario pays for itself through lower replacement costs."""
    lang = _lang(params, lang)
    if result.scenarios is None:
        return ""
    rest = result.scenarios.table.iloc[1:]
    costed = rest[rest["costed"]]
    pays = costed[costed["net_saving_yuan"] > 0]
    if costed.empty:
        text = tr(lang, "No scenario is costed.", "没有情景计算了成本。")
    elif len(pays):
        items = [
            f"{_scenario_name(r, lang)} ({units.money(r['net_saving_yuan'], lang)})"
            for r in pays.to_dict("records")
        ]
        text = tr(
            lang,
            "**Against their cost**, these scenarios save more on replacement than "
            f"they cost: {_list(items, 'en')}.",
            f"**与成本相比**，以下情景节省的替换成本超过其成本：{_list(items, 'zh')}。",
        )
    else:
        s = costed.sort_values("rate").iloc[0]
        text = tr(
            lang,
            "**Against their cost**, no costed scenario pays for itself through lower "
            f"replacement costs alone; e.g. {_scenario_name(s, 'en')} costs "
            f"{units.money(s['intervention_cost_yuan'], 'en')} a year and saves "
            f"{units.money(s['replacement_saving_yuan'], 'en')} "
            f"({units.money(s['cost_per_exit_averted_yuan'], 'en')} per exit averted).",
            "**与成本相比**，没有一个计算了成本的情景能仅靠降低替换成本收回投入；例如"
            f"{_scenario_name(s, 'zh')}每年花费{units.money(s['intervention_cost_yuan'], 'zh')}，"
            f"节省{units.money(s['replacement_saving_yuan'], 'zh')}（每减少一人离职花费"
            f"{units.money(s['cost_per_exit_averted_yuan'], 'zh')}）。",
        )
    if not rest["costed"].all():
        text += tr(
            lang,
            " Duty-overlap cuts are not costed (`overlap_cost_yuan_per_worker` is "
            "0): their net saving is left blank, not counted as free.",
            "职责重叠的削减未计成本（`overlap_cost_yuan_per_worker`为0）：其净节省留空，"
            "而不是当作免费。",
        )
    return text + tr(
        lang,
        " Any saving in recruitment effort, service continuity or residents' trust is not counted.",
        "招聘精力、服务连续性和居民信任方面的收益均未计入。",
    )


def rewards(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """The article's reward idea (F10) as a pay top-up."""
    lang = _lang(params, lang)
    rw = result.rewards
    if rw is None:
        return tr(lang, "No reward scenario in this run.", "本次运行没有奖励情景。")
    gain = units.money(rw.efficiency_gain_yuan, lang)
    parts = []
    for r in rw.table.to_dict("records"):
        share, rise = units.pct(r["reward_share"], 0), units.pct(r["equivalent_pay_rise_pct"] / 100)
        parts.append(
            tr(
                lang,
                f"returning {share} is a {rise} pay rise, predicted turnover "
                f"{_pct(r['rate'], 'en')} ({units.number(r['exits_averted'], 3)} fewer exits), "
                f"replacement saving {units.money(r['replacement_saving_yuan'], 'en')} against a "
                f"reward pool of {units.money(r['reward_pool_yuan'], 'en')}",
                f"返还{share}相当于加薪{rise}，预测离职率{_pct(r['rate'], 'zh')}（减少"
                f"{units.number(r['exits_averted'], 3, 'zh')}人离职），节省替换成本"
                f"{units.money(r['replacement_saving_yuan'], 'zh')}，而奖励总额为"
                f"{units.money(r['reward_pool_yuan'], 'zh')}",
            )
        )
    pays = bool((rw.table["reward_net_yuan"] > 0).all())
    pct_gain = f"{params.efficiency_gain_pct_of_payroll:g}%"
    return tr(
        lang,
        f"**The article's reward (F10, as quoted in the article).** If an efficiency gain worth "
        f"{pct_gain} of the payroll ({gain} a year, an assumption) were shared with staff as an "
        f"equal-percentage pay top-up: {'; '.join(parts)}. The reward "
        + (
            "pays for itself through lower turnover alone"
            if pays
            else "does not pay for itself through lower turnover alone"
        )
        + "; the organisation keeps the rest of the gain either way.",
        f"**原文的奖励设想（F10，引自原文）。**假设相当于工资总额{pct_gain}的效率收益（每年{gain}，"
        f"为假设值）以同比例加薪的方式与员工分享：{'；'.join(parts)}。"
        + ("仅靠降低离职，奖励即可收回成本" if pays else "仅靠降低离职，奖励无法收回成本")
        + "；无论如何，其余收益仍归单位所有。",
    )


def truth(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """Whether the methods recover the effects built into the synthetic data."""
    lang = _lang(params, lang)
    tc = result.truth
    if tc is None:
        return tr(
            lang,
            "Your own data: there is no known truth to compare with, so this check is skipped.",
            "用户自己的数据没有已知的真实值可供比较，因此跳过此项检验。",
        )
    wrong = _codes(tc.wrong_signs, lang)
    signs = tr(
        lang,
        "all recovered" if tc.signs_recovered else f"not all recovered: {wrong}",
        "全部还原" if tc.signs_recovered else f"未全部还原：{wrong}",
    )
    ranks = tr(
        lang,
        "recovered" if tc.ranks_recovered else "not recovered",
        "已还原" if tc.ranks_recovered else "未还原",
    )
    rho = units.fmt(tc.spearman_rho, "ratio")
    missed = tc.missed
    out = tr(
        lang,
        f"; outside: {_codes(missed, 'en')}." if missed else ".",
        f"；区间外：{_codes(missed, 'zh')}。" if missed else "。",
    )
    absorbed = bool(missed) and set(missed) <= {"age", "has_sw_certificate"}
    conf = _conf(params)
    return tr(
        lang,
        f"**Signs:** {signs} (the true null `resident_recognition` counts as recovered when its "
        f"interval covers 0). **Ranks** of the per-SD effects of the continuous drivers: {ranks} "
        f"within {tc.rank_tolerance} place (Spearman rho {rho}; top driver true "
        f"`{tc.top_true}`, estimated `{tc.top_estimated}`). {tc.n_covered} of {tc.n_compared} "
        f"true coefficients lie inside the {conf} intervals{out}"
        + (
            " The model leaves out the young-certificate term, so age and the certificate absorb "
            "it and need not match their true values."
            if absorbed
            else ""
        ),
        f"**方向：**{signs}（真实效应为零的`resident_recognition`在其区间覆盖0时算作还原）。连续型"
        f"因素按标准差效应的**排序**：在{tc.rank_tolerance}位以内{ranks}（斯皮尔曼秩相关{rho}；真实"
        f"首要因素`{tc.top_true}`，估计首要因素`{tc.top_estimated}`）。{tc.n_compared}个真实系数中"
        f"有{tc.n_covered}个落在{conf}区间内{out}"
        + (
            "模型未包含年轻持证交互项，年龄和社工证吸收了该效应，因此不必与其真实值一致。"
            if absorbed
            else ""
        ),
    )


def warnings(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """The run's warnings as a numbered list (in English: they are the recorded messages)."""
    lang = _lang(params, lang)
    w = result.warnings
    if not w:
        return tr(
            lang,
            "No warnings: enough events per term, no separation, and nothing else fragile.",
            "没有警示：每项事件数充足，无完全分离，也没有其他脆弱之处。",
        )
    head = tr(
        lang,
        f"{len(w)} warning(s), also in `results.json` under `warnings`:",
        f"共{len(w)}条警示，也记录在 `results.json` 的 `warnings` 中：",
    )
    return head + "\n\n" + "\n".join(f"{i}. {_warning(m, lang)}" for i, m in enumerate(w, 1))


def _warning(message: str, lang: Lang) -> str:
    """A warning in ``lang``: Chinese readers get a Chinese gist, the message itself in code."""
    if lang == "en":
        return message
    gist = "数据较脆弱，详见记录的原文警示"
    if "clusters in" in message:
        gist = (
            "聚类数少于30个，聚类稳健标准误可能偏小（卡梅伦、盖尔巴赫和米勒，2008），"
            "接近阈值的p值需谨慎"
        )
    elif "Peduzzi" in message:
        gist = "每个模型项的事件数少于10（佩杜齐等，1996），系数及其区间可能有偏且不稳定"
    elif "separation" in message:
        gist = "存在完全或准完全分离，相关系数为无穷大，按不可估计处理"
    elif "delayed-entry" in message:
        gist = "缺少延迟进入列，生存分析假定每人自入职起即被观察，职业早期的留任率会被高估"
    elif "proportional-hazards" in message:
        gist = "部分项违反比例风险假定，其风险比应理解为整个工龄期间的平均值"
    elif "skipped" in message:
        gist = "因完全分离，假设情景未运行"
    return f"{gist}。"


def summary(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> str:
    """What the data say: the findings as a bullet list."""
    return "\n".join(f"- {f}" for f in findings(result, params, lang))


def findings(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> list[str]:
    """Three to five key findings, one sentence each with its number."""
    lang = _lang(params, lang)
    n, o = result.numbers, result.rates.iloc[0]
    side = {
        "above": ("above", "高于原文的{b}"),
        "below": ("below", "低于原文的{b}"),
        "consistent": ("consistent with", "与原文的{b}无显著差异"),
    }[o["vs_benchmark"]]
    bench = units.pct(params.benchmark_rate, 0)
    gap = result.young_gap
    young = f"{params.young_age:g}"
    first = tr(
        lang,
        f"Turnover is {_pct(o['rate'], 'en')} a year, {side[0]} the article's {bench}"
        + (
            f"; {_pct(gap.rate, 'en', 0)} among certificate holders under {young} against "
            f"{_pct(gap.other_rate, 'en', 0)} for the rest."
            if gap
            else "."
        ),
        f"年离职率为{_pct(o['rate'], 'zh')}，{side[1].format(b=bench)}"
        + (
            f"；{young}岁以下持证人员为{_pct(gap.rate, 'zh', 0)}，其他人员为"
            f"{_pct(gap.other_rate, 'zh', 0)}。"
            if gap
            else "。"
        ),
    )
    out = [first, _finding_claims(result, lang), _finding_top(result, lang)]
    auc = units.fmt(n["cv_roc_auc"], "ratio") if n["cv_roc_auc"] is not None else "n/a"
    dis = [labels.driver(d, lang) for d in result.ranking.disagreements]
    out.append(
        tr(
            lang,
            f"Held-out ROC-AUC is {auc}; the prediction model and the logit "
            + (
                f"rank {_list([d.lower() for d in dis], 'en')} differently."
                if dis
                else "agree on the ranking."
            ),
            f"留出集ROC-AUC为{auc}；预测模型与逻辑回归"
            + (f"对{_list(dis, 'zh')}的排序不同。" if dis else "对各因素的排序一致。"),
        )
    )
    if result.scenarios is not None:
        out.append(_finding_what_if(result, lang))
    return out[:5]


def _finding_what_if(result: Result, lang: Lang) -> str:
    best = counterfactual_finding(result)
    what = labels.scenario_phrase(
        best["pay_rise_pct"], best["hours_cut"], best["overlap_cut"], lang
    )
    rate = _pct(best["rate"], lang)
    pays = bool((result.scenarios.table.iloc[1:]["net_saving_yuan"] > 0).any())
    return tr(
        lang,
        f"If the associations were causal, {what} would take predicted turnover to {rate}; "
        + (
            "some costed scenarios pay for themselves through replacement savings."
            if pays
            else "no costed scenario pays for itself through replacement savings alone."
        ),
        f"若关联为因果，{what}可使预测离职率降至{rate}；"
        + (
            "部分计算了成本的情景可以靠节省替换成本收回投入。"
            if pays
            else "没有一个计算了成本的情景能仅靠节省替换成本收回投入。"
        ),
    )


def _finding_claims(result: Result, lang: Lang) -> str:
    groups: dict[str, list[str]] = {}
    for d, v in zip(result.hypotheses["driver"], result.hypotheses["verdict"], strict=True):
        groups.setdefault(v, []).append(labels.topic(d, lang))
    parts = [
        tr(
            lang,
            f"{labels.verdict(v, lang)} ({len(ds)}): {_list(ds, lang)}",
            f"{labels.verdict(v, lang)}（{len(ds)}项）：{_list(ds, lang)}",
        )
        for v, ds in groups.items()
    ]
    n = len(result.hypotheses)
    return tr(
        lang,
        f"Of the article's {n} explanations, " + "; ".join(parts) + ".",
        f"原文的{n}项解释中，" + "；".join(parts) + "。",
    )


def _finding_top(result: Result, lang: Lang) -> str:
    if result.top_driver is None:
        return tr(
            lang,
            "No top driver can be named: some effects are not estimable.",
            "无法确定首要因素：部分效应不可估计。",
        )
    row = result.logit.table.set_index("term").loc[result.top_driver]
    change = labels.term_change(
        {**row.to_dict(), "driver": result.top_driver}, result.logit.references, lang
    )
    return tr(
        lang,
        f"Of the numeric drivers, {change} goes with the largest change in the chance of "
        f"leaving: {units.pp(result.top_driver_effect, 1, 'en')}.",
        f"数值型因素中，{change}与离职概率的最大变化相关"
        f"：{units.pp(result.top_driver_effect, 1, 'zh')}。",
    )


def methods(lang: Lang = "en") -> str:
    """One paragraph: what was done, with the references."""
    return tr(
        lang,
        "Annual turnover is leavers over workers on the roll, with Wilson (1927) intervals and "
        "an exact binomial test against the article's benchmark. A logit of leaving compares "
        "drivers on the probability scale (average marginal effects; Mood 2010) with "
        "cluster-robust errors (Cameron, Gelbach & Miller 2008), a separation check (Konis 2007) "
        "and the events-per-variable rule (Peduzzi et al. 1996). Kaplan-Meier curves (Kaplan & "
        "Meier 1958) and a Cox model with Efron ties (Cox 1972; Efron 1977) and a "
        "Grambsch-Therneau (1994) test describe tenure. A gradient-boosting model is scored by "
        "cross-validation with held-out permutation importance (Breiman 2001; Fisher, Rudin & "
        "Dominici 2019). What-ifs use the logit with a parametric bootstrap (King, Tomz & "
        "Wittenberg 2000).",
        "年离职率为离职人数除以在册人数，采用威尔逊（1927）区间，并以精确二项检验与原文基准比较。"
        f"{glossary.gloss('Logit')}在概率尺度上比较各因素（平均边际效应；穆德，2010），采用聚类稳"
        "健标准误（卡梅伦、盖尔巴赫和米勒，2008），检验完全分离（科尼斯，2007），并遵循每变量事件"
        "数规则（佩杜齐等，1996）。卡普兰-迈耶曲线（卡普兰和迈耶，1958）与采用埃夫隆结处理的"
        f"{glossary.gloss('Cox')}（考克斯，1972；埃夫隆，1977）及格兰布施-特尔诺检验（1994）描述工"
        "龄。梯度提升模型以交叉验证评分，并计算留出样本的置换重要性（布雷曼，2001；费希尔、鲁丁和"
        "多米尼奇，2019）。假设情景基于逻辑回归和参数自助法（金、汤姆兹和维滕贝格，2000）。",
    )


def caveats(result: Result, params: TurnoverDriversParams, lang: Lang | None = None) -> list[str]:
    """The caveats of the run, one sentence or two each."""
    lang = _lang(params, lang)
    out = []
    if result.synthetic:
        out.append(
            tr(
                lang,
                "**The default data are illustrative synthetic data.** Their effects were put "
                "there by the generator; finding them shows that the methods work, not that the "
                "article is right. The same code on a real HR file is what tests the article.",
                "**默认数据为示意性模拟数据。**其中的效应由生成器设定；能找到它们只说明方法有效，"
                "并不说明原文正确。用同样的代码分析真实的人事数据，才是对原文的检验。",
            )
        )
    out.append(
        tr(
            lang,
            "**Association, not causation.** Pay, hours and identity are not randomised: "
            "better-paid staff differ in other ways, and weak identity may follow an intention "
            "to leave rather than cause it. The what-ifs read the logit as causal; treat them as "
            "arithmetic on an assumption. Their costs leave out recruitment quality, local "
            "knowledge and residents' trust.",
            "**关联而非因果。**薪酬、工时和职业认同并非随机分配：薪酬较高的人员在其他方面也有差异"
            "，职业认同弱也可能是打算离职的结果而非原因。假设情景把逻辑回归当作因果关系，应视为基"
            "于假设的算术。其成本未计入招聘质量、本地知识和居民信任。",
        )
    )
    bench = units.pct(params.benchmark_rate, 0)
    out.append(
        tr(
            lang,
            f"**The {bench} benchmark and the 30%-50% reward are as quoted in the article** and "
            "unverified. Rates depend on the denominator: leavers over staff on the roll, not "
            "over average headcount.",
            f"**{bench}的基准和30%-50%的奖励均引自原文**，未经核实。离职率取决于分母：此处为离职人"
            "数除以在册人数，而非平均人数。",
        )
    )
    if result.cluster and result.logit.n_clusters and result.logit.n_clusters < 30:
        k = result.logit.n_clusters
        out.append(
            tr(
                lang,
                f"**Few clusters.** With {k} clusters, cluster-robust errors tend to be too small "
                "(Cameron, Gelbach & Miller 2008).",
                f"**聚类较少。**只有{k}个聚类时，聚类稳健标准误往往偏小（卡梅伦、盖尔巴赫和米勒，"
                "2008）。",
            )
        )
    out.append(
        tr(
            lang,
            "**Rankings depend on scale.** One SD depends on how much a driver varies in these "
            "data, and permutation importance splits credit between correlated drivers (pay and "
            "the certificate, for instance).",
            "**排序取决于尺度。**1个标准差取决于该因素在本数据中的变异程度，置换重要性也会在相关"
            "因素之间分摊（例如薪酬与社工证）。",
        )
    )
    return out
