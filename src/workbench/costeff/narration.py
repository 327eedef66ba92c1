"""The notebook's paragraphs, written from the result, in English and Chinese.

One function per section (``data``, ``article``, ``response``, ``confounding``, ``strategies``,
``uncertainty``, ``frontier``, ``reward``), plus what a policy brief uses: :func:`findings`,
:func:`methods` and :func:`caveats`. Every number is formatted with :mod:`workbench.units`.
"""

from __future__ import annotations

from workbench import units
from workbench.costeff import words
from workbench.costeff.briefing import caveats, findings, methods
from workbench.costeff.pipeline import Result
from workbench.costeff.words import cap, lang_of, money
from workbench.figures import tr
from workbench.params.costeff import TechCostEffectivenessParams as Model
from workbench.units import Lang


def _ab(term: str, lang: Lang) -> str:
    return words.abbreviation(term, lang)


def data(result: Result, params: Model, lang: Lang | None = None) -> str:
    """What data the run used."""
    lang = lang_of(params, lang)
    inp, n = result.inputs, result.n_units
    kind = (
        tr(lang, "your file", "用户文件")
        if inp.data_kind == "user"
        else tr(lang, "illustrative synthetic data", "示意性模拟数据")
    )
    if inp.strategies:
        groups = tr(
            lang,
            f" in {len(inp.strategies)} strategies ({words.strategies(inp.strategies, 'en')})",
            f"，分属{len(inp.strategies)}种方案（{words.strategies(inp.strategies, 'zh')}）",
        )
    else:
        groups = tr(
            lang,
            "; there is no `strategy` column, so the strategy comparison is skipped",
            "；数据没有 `strategy` 列，因此略去方案比较",
        )
    outcome, costs = words.column(params.outcome, lang), words.inputs(params, lang)
    return tr(
        lang,
        f"**Programme data:** {kind} ({words.source(result, 'en')}), {n} units{groups}. Outcome: "
        f"{outcome} (`{params.outcome}`); costs: {costs} (yuan a year). Mean per unit:",
        f"**项目数据：**{kind}（{words.source(result, 'zh')}），共{n}个单位{groups}。结果变量："
        f"{outcome}（`{params.outcome}`）；成本：{costs}（元/年）。各组每单位均值如下：",
    )


def article(result: Result, params: Model, lang: Lang | None = None) -> str:
    """The article's spending figures, as quoted."""
    lang = lang_of(params, lang)
    a = result.article
    names = [tr(lang, r.region, r.region_zh) for r in a.provinces.itertuples()]
    named = [tr(lang, r.region, r.region_zh) for r in a.named_only.itertuples()]
    sep = tr(lang, ", ", "、")
    return tr(
        lang,
        f"As quoted in the article: {a.n_documents} policy documents and {a.n_projects} projects "
        f"with about {money(a.total, 'en')} invested in 2020 (30亿元 in the article), so about "
        f"**{money(a.per_project, 'en')} per project**. The three provinces with amounts "
        f"({sep.join(names)}) add up to {money(a.top3, 'en')}, **{units.pct(a.top3_share)} of the "
        f"total** (`top3_share_of_total`). The largest is {a.ratio_to_third:.1f} times the third. "
        f"The article names {sep.join(named)} next, without amounts, so none are invented here. "
        "The total and the provincial tenders may be counted differently, so the share is "
        "illustrative.",
        f"据原文：2020年各地出台政策文件{a.n_documents}项，建设平台和系统项目{a.n_projects}个，累计"
        f"投入约{money(a.total, 'zh')}，**平均每个项目约{money(a.per_project, 'zh')}**。给出金额的"
        f"三个省份（{sep.join(names)}）合计{money(a.top3, 'zh')}，**占总额的"
        f"{units.pct(a.top3_share, 1, 'zh')}**（`top3_share_of_total`）；最大者是第三名的"
        f"{a.ratio_to_third:.1f}倍。原文随后列出{sep.join(named)}，但未给金额，这里不作推测。总额与"
        "各省招标金额的统计口径可能不同，因此该比重仅作示意。",
    )


def _bootstrap_note(result: Result, params: Model, lang: Lang) -> str:
    r = result.response
    if r.bootstrap == "off":
        return tr(lang, "no bootstrap interval (`n_boot` is 0)", "未计算自助法区间（`n_boot` 为0）")
    if r.bootstrap == "failed":
        return tr(
            lang,
            "no bootstrap interval: too few replicates could be fitted",
            "未能给出自助法区间：可拟合的重抽样太少",
        )
    lo, hi = (words.outcome_change(v, params, lang) for v in r.marginal_ci)
    return tr(
        lang,
        f"95% bootstrap interval {lo} to {hi}, {r.n_boot_ok} of {params.n_boot} replicates",
        f"95%自助法区间为{lo}至{hi}，基于{params.n_boot}次重抽样中成功的{r.n_boot_ok}次",
    )


def _threshold_sentence(result: Result, params: Model, lang: Lang) -> str:
    r = result.response
    step, thr = (
        money(params.marginal_step, lang),
        words.outcome_change(params.marginal_threshold, params, lang),
    )
    if r.x_star <= 0:
        return tr(
            lang,
            f"No level of spending buys {thr} per {step}: by this threshold every yuan of "
            "technology spend is past the point of diminishing returns.",
            f"任何投入水平下，每{step}带来的提升都不到{thr}：按此阈值，所有技术投入都已处于回报递减"
            "阶段。",
        )
    ci = ""
    if r.x_star_ci is not None:
        lo, hi = (money(v, lang) for v in r.x_star_ci)
        ci = tr(lang, f" (95% bootstrap interval {lo} to {hi})", f"（95%自助法区间为{lo}至{hi}）")
    beyond = units.pct(r.beyond, 0, lang)
    text = tr(
        lang,
        f"Beyond **{money(r.x_star, 'en')}** a unit{ci}, each further {step} buys less than {thr} "
        f"(`marginal_threshold`); {beyond} of units already spend more than that.",
        f"每单位技术投入超过**{money(r.x_star, 'zh')}**后{ci}，每多投入{step}提升不到{thr}（"
        f"`marginal_threshold`）；{beyond}的单位已超过该点。",
    )
    if r.x_star > r.max_spend:
        text += tr(
            lang,
            f" That point lies beyond the largest spend observed ({money(r.max_spend, 'en')}), so "
            "it is an extrapolation of the fitted curve.",
            f"该点超出观测到的最大投入（{money(r.max_spend, 'zh')}），属于对拟合曲线的外推。",
        )
    return text


def response(result: Result, params: Model, lang: Lang | None = None) -> str:
    """What the next 1万元 of technology buys, and where returns diminish."""
    lang = lang_of(params, lang)
    r = result.response
    step = money(params.marginal_step, lang)
    gain = words.outcome_change(r.marginal, params, lang)
    held = (
        tr(lang, "holding staff fixed", "控制人员投入")
        if r.adjusted
        else tr(lang, "technology spend only", "仅考虑技术投入")
    )
    first = tr(
        lang,
        f"At the mean technology spend of {money(r.mean_spend, 'en')} a unit, the next {step} buys "
        f"**{gain}** of the {words.column(params.outcome, 'en')} (`marginal_return_at_mean_spend`, "
        f"{held}; {_bootstrap_note(result, params, 'en')}).",
        f"在每单位平均技术投入{money(r.mean_spend, 'zh')}处，每多投入{step}可使"
        f"{words.column(params.outcome, 'zh')}提高**{gain}**（`marginal_return_at_mean_spend`，"
        f"{held}；{_bootstrap_note(result, params, 'zh')}）。",
    )
    fits = ""
    if r.alternative is None:
        other = "log" if params.response_model == "hill" else "hill"
        fits = tr(
            lang,
            f" The {words.model(other, 'en')} curve could not be fitted for comparison.",
            f"用于比较的{words.model(other, 'zh')}曲线无法拟合。",
        )
    return first + tr(lang, " ", "") + _threshold_sentence(result, params, lang) + fits


def _verdict(beta: tuple[float, float, float], lang: Lang) -> str:
    """What the staff-cut interval says about the article's hypothesis."""
    if beta[2] < 0:
        return tr(
            lang,
            "The interval lies below zero: in these data, units that cut staff time deliver less "
            "precise services, as the article argues.",
            "区间整体低于零：在这些数据中，削减人员投入的单位服务精准度更低，与原文观点一致。",
        )
    if beta[1] > 0:
        return tr(
            lang,
            "The interval lies above zero: units that cut staff do *better*, contrary to the "
            "article.",
            "区间整体高于零：削减人员的单位表现反而*更好*，与原文观点相反。",
        )
    return tr(
        lang,
        "The interval includes zero: these data cannot tell whether cutting staff time lowers the "
        "outcome.",
        "区间包含零：这些数据无法判断削减人员投入是否会降低结果。",
    )


def confounding(result: Result, params: Model, lang: Lang | None = None) -> str:
    """The article's hypothesis: does cutting staff time lower the outcome?"""
    lang = lang_of(params, lang)
    r = result.response
    corr = units.fmt(r.correlation, "index", lang)
    if r.beta is None:
        return tr(
            lang,
            f"Technology spend and staff cost are correlated at r = {corr}. The staff adjustment "
            "is off (or no unit's staff cost is below the reference), so `staff_cut_coefficient` "
            "is recorded as None: the article's hypothesis is not tested in this run.",
            f"技术投入与人员成本的相关系数为{corr}。本次未控制人员投入（或没有单位的人员成本低于参"
            "照值），因此 `staff_cut_coefficient` 记为空：本次运行未检验原文的假设。",
        )
    beta, lo, hi = (words.outcome_change(v, params, lang, sign=True) for v in r.beta)
    verdict = _verdict(r.beta, lang)
    naive, adjusted = (
        words.outcome_change(v, params, lang) for v in (r.marginal_naive, r.marginal)
    )
    change = ""
    if r.marginal_naive:
        change = tr(
            lang,
            f" ({units.pct(r.marginal / r.marginal_naive - 1, 0)} more once staff is held fixed)",
            f"（控制人员后高出{units.pct(r.marginal / r.marginal_naive - 1, 0, 'zh')}）",
        )
    text = tr(
        lang,
        f"Technology spend and staff cost are correlated at r = {corr} across units. Holding the "
        f"staff cut fixed, a 100% cut relative to {money(r.staff_reference, 'en')} of staff cost "
        f"changes the outcome by {beta} (95% interval {lo} to {hi}; `staff_cut_coefficient`). "
        f"{verdict} Ignoring staff, the marginal return at mean spend is {naive} instead of "
        f"{adjusted}{change}.",
        f"各单位技术投入与人员成本的相关系数为{corr}。控制人员削减后，相对"
        f"{money(r.staff_reference, 'zh')}的人员成本全部削减将使结果变化{beta}（95%区间{lo}至{hi}；"
        f"`staff_cut_coefficient`）。{verdict}若忽略人员投入，平均投入处的边际回报为{naive}，而非"
        f"{adjusted}{change}。",
    )
    if result.data_kind == "synthetic":
        pen = f"{result.inputs.staff_penalty:g}"
        text += tr(
            lang,
            " With synthetic data this only shows that the method finds a penalty that was built "
            f"in (staff penalty {pen}); it says nothing about real programmes.",
            f"由于使用模拟数据，这只说明方法能找出预设的惩罚（人员削减惩罚{pen}），并不说明真实项目"
            "的情况。",
        )
    return text


def strategies(result: Result, params: Model, lang: Lang | None = None) -> str:
    """Which strategy is cost-effective, by ICER and net monetary benefit."""
    lang = lang_of(params, lang)
    comp = result.comparison
    if comp is None:
        why = (
            tr(lang, "no `strategy` column", "没有 `strategy` 列")
            if not result.inputs.strategies
            else tr(lang, "only one strategy", "只有一种方案")
        )
        return tr(
            lang,
            f"**No strategy comparison:** the data have {why}, so `optimal_strategy_at_wtp` and "
            "`evpi` are recorded as None. Add a `strategy` column (or map yours with "
            "`column_map`) with at least two strategies of two or more units each.",
            f"**未作方案比较：**数据{why}，因此 `optimal_strategy_at_wtp` 和 `evpi` 记为空。请增加 "
            "`strategy` 列（或用 `column_map` 映射），至少包含两种方案、每种至少两个单位。",
        )
    parts = []
    for s, lo, hi in comp.wtp_ranges:
        lo_t = words.per_effect(lo, params, lang)
        if hi is None:
            parts.append(
                tr(lang, f"{s} from {lo_t} upwards", f"{words.strategy(s, 'zh')}：{lo_t}以上")
            )
        else:
            parts.append(
                tr(
                    lang,
                    f"{s} from {lo_t} to {money(hi, 'en')}",
                    f"{words.strategy(s, 'zh')}：{lo_t}至{money(hi, 'zh')}",
                )
            )
    off = comp.plane.loc[~comp.plane["on_frontier"], ["strategy", "status"]]
    if len(off):
        listed = tr(lang, "; ", "；").join(
            tr(
                lang,
                f"{s} ({words.status(st, 'en')})",
                f"{words.strategy(s, 'zh')}（{words.status(st, 'zh')}）",
            )
            for s, st in off.itertuples(index=False)
        )
        dominated = tr(lang, f" Off the frontier: {listed}.", f"不在前沿上的方案：{listed}。")
    else:
        dominated = tr(lang, " No strategy is dominated.", "没有方案被占优。")
    wtp = words.per_effect(params.wtp, params, lang)
    best = words.strategy(comp.optimal, lang)
    return tr(
        lang,
        "Mean cost per unit is the sum of the cost columns (yuan a year); the effect is the "
        f"outcome × {params.effect_scale:g} ({words.effect_unit(params, 'en')}s). Along the "
        f"efficient frontier, by {_ab('ICER', 'en')}, the optimal strategy by willingness to pay "
        f"is: {'; '.join(parts)}.{dominated} **At {wtp}, the optimal strategy is {best}** "
        "(`optimal_strategy_at_wtp`).",
        f"每单位平均成本为各成本列之和（元/年）；效果为结果变量×{params.effect_scale:g}（"
        f"{words.effect_unit(params, 'zh')}）。按有效前沿上的{_ab('ICER', 'zh')}，不同支付意愿下的"
        f"最优方案为：{'；'.join(parts)}。{dominated}**支付意愿为{wtp}时，最优方案是{best}**（"
        "`optimal_strategy_at_wtp`）。",
    )


def uncertainty(result: Result, params: Model, lang: Lang | None = None) -> str:
    """How sure the choice is: PSA, EVPI, discounting and the tornado."""
    lang = lang_of(params, lang)
    comp = result.comparison
    if comp is None:
        return tr(
            lang,
            "Without two strategies there is no decision to test.",
            "没有两种以上方案，就没有需要检验的决策。",
        )
    wtp = words.per_effect(params.wtp, params, lang)
    best, prob = words.strategy(comp.psa_optimal, lang), units.pct(comp.probability, 0, lang)
    years, rate = params.horizon_years, units.pct(params.discount_rate, 1, lang)
    peak_w, peak_v = comp.evpi_peak
    text = tr(
        lang,
        f"Across {params.psa_draws:,} bootstrap draws of the {_ab('PSA', 'en')}, {best} has the "
        f"largest expected net monetary benefit at {wtp} and is the cost-effective choice in "
        f"**{prob}** of draws. The {_ab('EVPI', 'en')} is **{money(comp.evpi, 'en')} per unit a "
        "year** (`evpi`): the most it would be worth paying, per unit, to remove all uncertainty "
        f"about costs and effects. For the {result.n_units} units over {years} years at {rate} "
        f"that is {money(comp.evpi_population, 'en')} (`evpi_population_pv`). EVPI peaks at "
        f"{money(peak_v, 'en')} per unit a year near {words.per_effect(peak_w, params, 'en')}, "
        "where the choice is most uncertain.",
        f"在{_ab('PSA', 'zh')}的{params.psa_draws:,}次自助抽样中，支付意愿为{wtp}时{best}的期望净货"
        f"币效益最大，并在**{prob}**的抽样中最具成本效果。{_ab('EVPI', 'zh')}为**每单位每年"
        f"{money(comp.evpi, 'zh')}**（`evpi`），即为消除成本与效果的全部不确定性、每单位最多值得支"
        f"付的金额。{result.n_units}个单位在{years}年内按{rate}折现，合计"
        f"{money(comp.evpi_population, 'zh')}（`evpi_population_pv`）。EVPI在支付意愿约"
        f"{words.per_effect(peak_w, params, 'zh')}处达到峰值（每单位每年{money(peak_v, 'zh')}），此"
        "时选择最不确定。",
    )
    if comp.psa_optimal != comp.optimal:
        text += tr(
            lang,
            f" The strategy with the best mean NMB in the data ({comp.optimal}) differs from the "
            f"PSA's expected optimum ({comp.psa_optimal}), a sign the decision is close.",
            f"数据中平均净货币效益最高的方案（{words.strategy(comp.optimal, 'zh')}）与PSA的期望最优"
            f"方案（{words.strategy(comp.psa_optimal, 'zh')}）不同，说明两者差距很小。",
        )
    text += tr(
        lang,
        f"\n\n**Discounting.** Over {years} years at {rate} a year (flows at each year's end), "
        f"costs and effects are multiplied by {comp.annuity:.3f}. With constant flows and one rate "
        "for both, the ICERs do not change, but the totals do.",
        f"\n\n**折现。**按年折现率{rate}计算{years}年（现金流发生在每年年末），成本和效果都乘以"
        f"{comp.annuity:.3f}。流量不变且两者折现率相同时，ICER不变，但总量会变。",
    )
    return text + tr(lang, "\n\n", "\n\n") + _tornado_sentence(result, params, lang)


def _tornado_sentence(result: Result, params: Model, lang: Lang) -> str:
    comp = result.comparison
    top = words.parameter(str(comp.tornado["parameter"].iloc[0]), lang)
    flips = [words.parameter(f, lang) for f in comp.flips]
    best, other = words.strategy(comp.best, lang), words.strategy(comp.comparator, lang)
    text = tr(
        lang,
        f"**One input at a time.** {cap(best)}'s lead over {other} is most sensitive to the {top} "
        "(`tornado_top_parameter`); "
        + (
            f"{len(flips)} inputs alone could reverse it ({', '.join(flips)})."
            if flips
            else "no single input reverses it."
        ),
        f"**单因素敏感性。**{best}相对{other}的优势对{top}最敏感（`tornado_top_parameter`）；"
        + (
            f"{len(flips)}个参数单独变动即可改变结论（{'、'.join(flips)}）。"
            if flips
            else "没有单个参数能改变结论。"
        ),
    )
    if comp.tornado_still:
        still = [words.parameter(s, lang) for s in comp.tornado_still]
        text += tr(
            lang,
            f" Moving the {' or the '.join(still)} over its 95% interval does not change the "
            "margin (no such move makes that strategy the best alternative), so the tornado "
            "leaves it out.",
            f"{'或'.join(still)}在95%区间内变动不影响净效益差（不会使该方案成为次优方案），因此龙卷"
            "风图未列出。",
        )
    return text


def frontier(result: Result, params: Model, lang: Lang | None = None) -> str:
    """The DEA frontier and the radial saving."""
    lang = lang_of(params, lang)
    fr, n = result.frontier, result.n_units
    rts = fr.rts.upper()
    less = units.pct(1 - fr.median_score, 0, lang)
    share = units.pct(fr.saving_share, 1, lang)
    slack = fr.with_slack
    return tr(
        lang,
        f"Under {_ab(rts, 'en')}, **{fr.n_efficient[fr.rts]} of {n} units are efficient** "
        f"(`n_efficient_units`: score 1 and no slack; {fr.n_efficient['crs']} under CRS, "
        f"{fr.n_efficient['vrs']} under VRS). The median unit could produce its outcome with "
        f"{less} less of every input. Mean scale efficiency (CRS/VRS) is "
        f"{fr.scale_efficiency:.2f}. Contracting every unit to the frontier would save {share} of "
        f"total cost ({money(fr.saving, 'en')} a year; `dea_potential_saving_share`). This is a "
        f"lower bound, because it ignores slacks: {slack} unit{'' if slack == 1 else 's'} could "
        "cut one input further still.",
        f"在{_ab(rts, 'zh')}设定下，**{n}个单位中有{fr.n_efficient[fr.rts]}个有效**（"
        f"`n_efficient_units`：得分为1且无松弛；规模报酬不变时{fr.n_efficient['crs']}个，可变时"
        f"{fr.n_efficient['vrs']}个）。中位单位可在产出不变时将各项投入减少{less}。平均规模效率（"
        f"CRS/VRS）为{fr.scale_efficiency:.2f}。若所有单位都收缩到前沿，可节约总成本的{share}（每年"
        f"{money(fr.saving, 'zh')}；`dea_potential_saving_share`）。这是下限，因为忽略了松弛："
        f"{slack}个单位还能进一步削减某项投入。",
    )


def reward(result: Result, params: Model, lang: Lang | None = None) -> str:
    """What the 30%-50% reward costs the budget and saves society."""
    lang = lang_of(params, lang)
    rw, tab = result.reward, result.reward.table
    top, low_row = tab.iloc[-1], tab.iloc[0]
    pct = lambda v, d=0: units.pct(v, d, lang)  # noqa: E731
    net = float(top["net_saving_budget"])
    verb = tr(lang, "saves" if net >= 0 else "costs", "节约" if net >= 0 else "净损失")
    within = params.efficiency_gain <= result.frontier.saving_share
    return tr(
        lang,
        "**Perspective: the government budget that pays the rewards** (society's view beside it). "
        f"The {result.n_units} units cost {money(rw.baseline, 'en')} a year. With a measured gain "
        f"of {pct(params.efficiency_gain)} of cost, {pct(params.deadweight)} of which would have "
        f"happened anyway, and administration at {pct(params.admin_cost_share)} of cost, over "
        f"{params.horizon_years} years at {pct(params.discount_rate, 1)}: returning {pct(rw.high)} "
        f"of measured savings **{verb} the budget {money(abs(net), 'en')}** in present value "
        f"(`incentive_net_saving`); at {pct(rw.low)} the figure is "
        f"{money(low_row['net_saving_budget'], 'en')}. The rewards themselves are "
        f"{money(top['reward'], 'en')}. To society the reward is a transfer to staff, so the "
        f"scheme's net value is {money(top['net_saving_society'], 'en')} whatever the share. "
        f"**Break-even:** at a {pct(rw.high)} share the measured gain must exceed "
        f"{pct(top['break_even_gain_budget'], 1)} of cost for the budget (at {pct(rw.low)}: "
        f"{pct(low_row['break_even_gain_budget'], 1)}) and "
        f"{pct(top['break_even_gain_society'], 1)} for society. DEA puts the radial gap to the "
        f"frontier at {pct(result.frontier.saving_share, 1)} of cost, so an assumed gain of "
        f"{pct(params.efficiency_gain)} is {'within' if within else 'beyond'} what the frontier "
        "suggests.",
        f"**视角：支付奖励的政府财政**（同时给出全社会视角）。{result.n_units}个单位每年成本"
        f"{money(rw.baseline, 'zh')}。假设可计量的效率提升为成本的{pct(params.efficiency_gain)}，其"
        f"中{pct(params.deadweight)}本会自然发生，管理成本为成本的{pct(params.admin_cost_share)}，"
        f"按{pct(params.discount_rate, 1)}折现{params.horizon_years}年：返还{pct(rw.high)}的节约时"
        f"，财政**{verb}{money(abs(net), 'zh')}**（现值，`incentive_net_saving`）；返还"
        f"{pct(rw.low)}时为{money(low_row['net_saving_budget'], 'zh')}。奖励支出本身为"
        f"{money(top['reward'], 'zh')}。对全社会而言，奖励只是向员工的转移，因此无论比例多高，方案"
        f"净值都是{money(top['net_saving_society'], 'zh')}。**盈亏平衡：**奖励比例为{pct(rw.high)}"
        f"时，效率提升须超过成本的{pct(top['break_even_gain_budget'], 1)}财政才不亏（比例为"
        f"{pct(rw.low)}时为{pct(low_row['break_even_gain_budget'], 1)}），全社会则需超过"
        f"{pct(top['break_even_gain_society'], 1)}。{_ab('DEA', 'zh')}显示各单位与前沿的径向差距为"
        f"成本的{pct(result.frontier.saving_share, 1)}，因此假设的{pct(params.efficiency_gain)}提升"
        f"{'在' if within else '超出了'}前沿所示范围{'之内' if within else ''}。",
    )


def bullets(items: list[str]) -> str:
    """A Markdown bullet list (for the notebook's caveats cell)."""
    return "\n".join(f"- {item}" for item in items)


__all__ = [
    "article",
    "bullets",
    "caveats",
    "confounding",
    "data",
    "findings",
    "frontier",
    "methods",
    "response",
    "reward",
    "strategies",
    "uncertainty",
]
