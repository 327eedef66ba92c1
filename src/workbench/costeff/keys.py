"""The key numbers of tech_cost_effectiveness (``results.json``): unit, labels, description."""

from __future__ import annotations

from workbench.keys import Key, declare

_OUTCOME = "outcome units (share of needs met, 0-1, by default)"

KEYS = declare(
    n_units=Key("count", "Units", "单位数", "Programme units analysed (rows of the data)"),
    top3_share_of_total=Key(
        "fraction",
        "Top three provinces' share of the 2020 total",
        "前三省份占2020年总投入的比重",
        "Zhejiang, Tianjin and Shandong's quoted amounts over the 3 bn yuan total (as quoted)",
    ),
    average_per_project_yuan=Key(
        "yuan",
        "Average investment per project, 2020",
        "2020年平均每个项目投入",
        "The article's total investment over its 572 projects, yuan (as quoted in the article)",
    ),
    marginal_return_at_mean_spend=Key(
        "number",
        "Marginal return at mean spend",
        "平均投入处的边际回报",
        "Outcome bought by the next marginal_step yuan at the mean tech spend, staff held fixed; "
        f"{_OUTCOME}",
    ),
    marginal_return_at_mean_spend_unadjusted=Key(
        "number",
        "Marginal return at mean spend, tech spend only",
        "平均投入处的边际回报（仅技术投入）",
        f"As marginal_return_at_mean_spend, from the curve on tech spend alone; {_OUTCOME}",
    ),
    spend_at_marginal_threshold=Key(
        "yuan",
        "Spend where returns diminish",
        "边际回报递减点的投入",
        "Tech spend per unit a year beyond which the next marginal_step yuan buys less than "
        "marginal_threshold; 0 when no spend clears it",
    ),
    share_units_beyond_threshold=Key(
        "fraction",
        "Units past diminishing returns",
        "已过边际回报递减点的单位比重",
        "Share of units whose tech spend exceeds spend_at_marginal_threshold",
    ),
    marginal_return_ci_low=Key(
        "number",
        "Marginal return, 95% interval, low",
        "边际回报95%区间下限",
        "Bootstrap percentile interval of marginal_return_at_mean_spend (None without bootstrap); "
        f"{_OUTCOME}",
    ),
    marginal_return_ci_high=Key(
        "number",
        "Marginal return, 95% interval, high",
        "边际回报95%区间上限",
        "Bootstrap percentile interval of marginal_return_at_mean_spend (None without bootstrap); "
        f"{_OUTCOME}",
    ),
    correlation_tech_staff=Key(
        "index",
        "Correlation of tech spend and staff cost",
        "技术投入与人员成本的相关系数",
        "Pearson correlation across units",
    ),
    staff_cut_coefficient=Key(
        "number",
        "Outcome change at a 100% staff cut",
        "人员全部削减时结果的变化",
        "Coefficient of the staff cut in the staff-adjusted curve (None when not fitted); "
        f"{_OUTCOME}",
    ),
    staff_cut_coefficient_ci_low=Key(
        "number",
        "Staff-cut coefficient, 95% interval, low",
        "人员削减系数95%区间下限",
        f"t interval of staff_cut_coefficient; {_OUTCOME}",
    ),
    staff_cut_coefficient_ci_high=Key(
        "number",
        "Staff-cut coefficient, 95% interval, high",
        "人员削减系数95%区间上限",
        f"t interval of staff_cut_coefficient; {_OUTCOME}",
    ),
    optimal_strategy_at_wtp=Key(
        "category",
        "Best strategy at the willingness to pay",
        "给定支付意愿下的最优方案",
        "Strategy with the largest mean net monetary benefit at wtp (None without strategies)",
    ),
    icer_by_strategy=Key(
        "yuan per effect unit",
        "ICER by strategy",
        "各方案的增量成本效果比",
        "Incremental cost per effect unit against the previous frontier strategy; None for the "
        "reference and dominated strategies",
    ),
    evpi=Key(
        "yuan",
        "Value of perfect information per unit",
        "每单位完全信息期望价值",
        "EVPI at wtp, yuan per unit a year (None without strategies)",
    ),
    evpi_population_pv=Key(
        "yuan",
        "Value of perfect information, all units",
        "全部单位的完全信息期望价值",
        "EVPI x units x the annuity factor of horizon_years at discount_rate, yuan",
    ),
    probability_optimal_cost_effective=Key(
        "fraction",
        "Probability the best strategy is cost-effective",
        "最优方案具有成本效果的概率",
        "Share of PSA draws in which the PSA's optimal strategy has the largest NMB at wtp",
    ),
    tornado_top_parameter=Key(
        "category",
        "Input the decision is most sensitive to",
        "结论最敏感的参数",
        "Input with the widest one-way swing of the net-benefit margin ('cost: <strategy>', "
        "'effect: <strategy>' or 'wtp')",
    ),
    n_efficient_units=Key(
        "count",
        "Efficient units (headline DEA)",
        "有效单位数（主要数据包络分析）",
        "Units with score 1 and no slack under dea_rts",
    ),
    n_efficient_units_crs=Key(
        "count", "Efficient units, CRS", "有效单位数（规模报酬不变）", "As above, constant returns"
    ),
    n_efficient_units_vrs=Key(
        "count", "Efficient units, VRS", "有效单位数（规模报酬可变）", "As above, variable returns"
    ),
    dea_median_score=Key(
        "index",
        "Median efficiency score",
        "效率得分中位数",
        "Median input-oriented DEA score under dea_rts (1 = on the frontier)",
    ),
    dea_potential_saving_share=Key(
        "fraction",
        "Saving if every unit reached the frontier",
        "全部单位达到前沿可节约的成本比重",
        "Radial saving sum((1 - score) x cost) over total cost; a lower bound (slacks ignored)",
    ),
    incentive_net_saving=Key(
        "yuan",
        "Net saving to the budget, highest reward share",
        "最高奖励比例下的财政净节约",
        "Present value over horizon_years of the budget's net saving at the highest share",
    ),
    incentive_net_saving_low_share=Key(
        "yuan",
        "Net saving to the budget, lowest reward share",
        "最低奖励比例下的财政净节约",
        "Present value over horizon_years of the budget's net saving at the lowest share",
    ),
    incentive_net_saving_society=Key(
        "yuan",
        "Net saving to society",
        "全社会净节约",
        "Present value of (1 - deadweight) x saving - administration; the reward is a transfer",
    ),
    incentive_reward_cost=Key(
        "yuan",
        "Rewards paid, highest share",
        "最高奖励比例下的奖励支出",
        "Present value of the rewards at the highest share",
    ),
    incentive_break_even_gain_budget=Key(
        "fraction",
        "Break-even efficiency gain, budget",
        "财政盈亏平衡所需的效率提升",
        "Gain (share of cost a year) at which the budget's net saving is 0, highest share",
    ),
    incentive_break_even_gain_society=Key(
        "fraction",
        "Break-even efficiency gain, society",
        "全社会盈亏平衡所需的效率提升",
        "Gain (share of cost a year) at which society's net saving is 0",
    ),
)

#: The headline numbers of a policy brief.
BRIEF_KEYS: tuple[str, ...] = (
    "staff_cut_coefficient",
    "spend_at_marginal_threshold",
    "optimal_strategy_at_wtp",
    "probability_optimal_cost_effective",
    "dea_potential_saving_share",
    "incentive_net_saving",
    "incentive_break_even_gain_budget",
)


def value_label(key: str, value, lang: str) -> str | None:
    """A key's value in words where it is a code name (a brief shows the words)."""
    if key == "optimal_strategy_at_wtp" and isinstance(value, str):
        from workbench.costeff import words

        return words.strategy(value, lang)
    return None
