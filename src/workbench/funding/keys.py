"""The key numbers of the funding-distribution analysis (``results.json``), declared once."""

from __future__ import annotations

from workbench.keys import Key, declare

KEYS = declare(
    n_dropped_zero_total=Key(
        "count",
        "Organisations dropped (zero total)",
        "剔除的组织（资金总额为零）",
        "Organisations dropped because their sources sum to zero (drop_zero_total)",
    ),
    share_primary_government=Key(
        "fraction",
        "Primarily government-funded",
        "以政府资金为首要来源的组织比例",
        "Share of organisations whose largest source is the government source",
    ),
    share_primary_market=Key(
        "fraction",
        "Primarily market-funded",
        "以市场资源为首要来源的组织比例",
        "Share of organisations whose largest source is one of the market sources",
    ),
    gini_scale=Key(
        "index",
        "Gini of total funding",
        "资金总额基尼系数",
        "Gini coefficient of total funding per organisation (no small-sample correction)",
    ),
    theil_scale=Key(
        "index",
        "Theil T of total funding",
        "资金总额泰尔指数",
        "Theil T index of total funding per organisation (0 to ln n)",
    ),
    theil_between_share=Key(
        "fraction",
        "Theil T between groups",
        "组间差异占泰尔指数比例",
        "Share of the Theil T index between groups (plug-in); None without a group column",
    ),
    mean_hhi=Key(
        "index",
        "Mean HHI",
        "平均HHI",
        "Mean over organisations of the Herfindahl-Hirschman index of their funding sources",
    ),
    n_organisations=Key(
        "count", "Organisations", "组织数", "Organisations analysed (after any dropped)"
    ),
    government_share_of_money=Key(
        "fraction",
        "Government share of all money",
        "政府资金占全部资金比例",
        "Government source's share of all organisations' funding (money-weighted)",
    ),
    mean_government_share=Key(
        "fraction",
        "Mean government share",
        "政府资金占预算的平均比例",
        "Mean over organisations of the government source's share of their budget",
    ),
    top10_share_scale=Key(
        "fraction",
        "Largest 10% hold",
        "规模最大的10%组织所占资金",
        "Share of all funding held by the largest 10% of organisations",
    ),
    palma_scale=Key(
        "ratio",
        "Palma ratio",
        "帕尔马比值",
        "Funding of the largest 10% over that of the smallest 40%; None if the latter is 0",
    ),
    sd_log10_scale=Key(
        "number",
        "SD of log10 total funding",
        "资金总额常用对数的标准差",
        "Standard deviation of log10(total funding), in orders of magnitude",
    ),
    mean_pairwise_tv_mix=Key(
        "index",
        "Mean distance between mixes",
        "资金结构的平均差异",
        "Mean total-variation distance between two organisations' funding mixes (0 to 1)",
    ),
    share_primary_government_ci_low=Key(
        "fraction",
        "Primarily government-funded, CI low",
        "以政府资金为首要来源比例置信区间下限",
        "Lower bound of the bootstrap interval of share_primary_government",
    ),
    share_primary_government_ci_high=Key(
        "fraction",
        "Primarily government-funded, CI high",
        "以政府资金为首要来源比例置信区间上限",
        "Upper bound of the bootstrap interval of share_primary_government",
    ),
    share_primary_market_ci_low=Key(
        "fraction",
        "Primarily market-funded, CI low",
        "以市场资源为首要来源比例置信区间下限",
        "Lower bound of the bootstrap interval of share_primary_market",
    ),
    share_primary_market_ci_high=Key(
        "fraction",
        "Primarily market-funded, CI high",
        "以市场资源为首要来源比例置信区间上限",
        "Upper bound of the bootstrap interval of share_primary_market",
    ),
    median_hhi=Key(
        "index",
        "Median HHI",
        "HHI中位数",
        "Median over organisations of the HHI of their funding sources",
    ),
    median_effective_sources=Key(
        "number",
        "Median effective sources",
        "有效资金来源数中位数",
        "Median over organisations of 1/HHI, the effective number of funding sources",
    ),
    gini_ci_low=Key(
        "index",
        "Gini, CI low",
        "基尼系数置信区间下限",
        "Lower bound of the bootstrap interval of the Gini (small_sample_gini applied)",
    ),
    gini_ci_high=Key(
        "index",
        "Gini, CI high",
        "基尼系数置信区间上限",
        "Upper bound of the bootstrap interval of the Gini (small_sample_gini applied)",
    ),
    theil_ci_low=Key(
        "index",
        "Theil T, CI low",
        "泰尔指数置信区间下限",
        "Lower bound of the bootstrap interval of the Theil T index",
    ),
    theil_ci_high=Key(
        "index",
        "Theil T, CI high",
        "泰尔指数置信区间上限",
        "Upper bound of the bootstrap interval of the Theil T index",
    ),
    theil_between_share_bias=Key(
        "probability change",
        "Bias of the between-group share",
        "组间比例的偏差",
        "Bootstrap estimate of the bias of theil_between_share; None without groups or draws",
    ),
    theil_between_share_bias_corrected=Key(
        "fraction",
        "Between-group share, bias-corrected",
        "组间比例（偏差校正）",
        "theil_between_share minus its bootstrap bias; None without groups or draws",
    ),
    mean_abs_log10_ratio_scale=Key(
        "number",
        "Orders of magnitude between two organisations",
        "两组织规模相差的数量级",
        "Mean over pairs of |log10 T_i - log10 T_j|: orders of magnitude between two scales",
    ),
    stress_share_below_at_cut_max=Key(
        "fraction",
        "Below threshold at the largest cut",
        "最大削减下低于门槛的比例",
        "Share of organisations below the threshold at cut_max, least diversification",
    ),
    stress_share_below_at_cut_max_diversified=Key(
        "fraction",
        "Below threshold at the largest cut, diversified",
        "最大削减下低于门槛的比例（最多元化）",
        "Share of organisations below the threshold at cut_max, most diversification",
    ),
    stress_cut_majority_below=Key(
        "fraction",
        "Cut that puts most below the threshold",
        "令多数组织低于门槛的削减比例",
        "Smallest cut leaving at least half of organisations below the threshold (least "
        "diversification); None if no cut does",
    ),
)

#: The headline numbers of a policy brief's key-numbers table.
BRIEF_KEYS: tuple[str, ...] = (
    "share_primary_government",
    "share_primary_market",
    "government_share_of_money",
    "mean_hhi",
    "gini_scale",
    "top10_share_scale",
    "stress_cut_majority_below",
)
