"""The key numbers of the turnover-drivers analysis: every ``results.json`` key, declared once."""

from __future__ import annotations

from workbench.keys import Key, declare

KEYS = declare(
    warnings=Key(
        "text",
        "Warnings",
        "警示",
        "Fragility warnings of the run (few events per term, separation, few clusters ...)",
    ),
    n_workers=Key("count", "Workers", "人员数", "Workers on the roll during the observation year"),
    n_exits=Key("count", "Leavers", "离职人数", "Workers who left during the observation year"),
    turnover_rate=Key(
        "fraction per year",
        "Annual turnover rate",
        "年离职率",
        "Leavers / workers on the roll during the year",
    ),
    turnover_rate_ci_low=Key(
        "fraction per year",
        "Turnover rate, interval low",
        "年离职率区间下限",
        "Lower end of the Wilson interval of the turnover rate (1 - alpha)",
    ),
    turnover_rate_ci_high=Key(
        "fraction per year",
        "Turnover rate, interval high",
        "年离职率区间上限",
        "Upper end of the Wilson interval of the turnover rate (1 - alpha)",
    ),
    turnover_benchmark=Key(
        "fraction per year",
        "Benchmark turnover rate",
        "基准离职率",
        "The rate compared with: over 30% a year (article F9, as quoted in the article)",
    ),
    turnover_rate_vs_benchmark=Key(
        "category",
        "Turnover against the benchmark",
        "离职率与基准相比",
        "above, below or consistent: whether the interval excludes the benchmark",
    ),
    turnover_rate_p_value_vs_benchmark=Key(
        "p-value",
        "p-value against the benchmark",
        "与基准比较的p值",
        "Exact two-sided binomial test of turnover rate = benchmark (None at 0 or 1)",
    ),
    turnover_cost_yuan=Key(
        "yuan",
        "Annual replacement cost of leavers",
        "年替换成本",
        "Leavers times replacement_cost_yuan, yuan a year",
    ),
    turnover_rate_young_certificate=Key(
        "fraction per year",
        "Turnover of young certificate holders",
        "年轻持证人员离职率",
        "Turnover rate of social-worker certificate holders under young_age",
    ),
    turnover_rate_others=Key(
        "fraction per year",
        "Turnover of everyone else",
        "其他人员离职率",
        "Turnover rate of everyone who is not a young certificate holder",
    ),
    top_driver=Key(
        "category",
        "Top numeric driver",
        "影响最大的数值型因素",
        "Numeric driver whose 1-SD (or 0 -> 1) change moves the probability of leaving most",
    ),
    top_driver_effect=Key(
        "probability change",
        "Effect of the top driver",
        "首要因素的效应",
        "Change in the probability of leaving for that change of the top driver",
    ),
    driver_effects=Key(
        "probability change",
        "Probability effect per term",
        "各项的离职概率效应",
        "Per logit term: probability change for +1 SD, 0 -> 1 or a category vs its reference",
    ),
    driver_effect_p_values=Key(
        "p-value",
        "p-value per term",
        "各项的p值",
        "Per logit term: delta-method p-value of the probability effect",
    ),
    logit_pseudo_r2=Key(
        "index", "Logit pseudo-R²", "逻辑回归伪R²", "McFadden's pseudo-R² of the logit"
    ),
    hypothesis_verdicts=Key(
        "category",
        "Verdict on each of the article's explanations",
        "原文各解释的检验结论",
        "supported, contradicted, no clear association, not estimable or not tested",
    ),
    cox_ph_global_p_value=Key(
        "p-value",
        "Proportional-hazards test, global p-value",
        "比例风险检验总体p值",
        "Grambsch-Therneau global test of the Cox model",
    ),
    cox_ph_violations=Key(
        "category",
        "Terms violating proportional hazards",
        "违反比例风险假定的项",
        "Cox terms whose proportional-hazards test rejects at alpha",
    ),
    cox_hazard_ratios=Key(
        "ratio", "Hazard ratio per term", "各项风险比", "Cox hazard ratio per unit of each term"
    ),
    cox_logit_sign_agreement=Key(
        "fraction",
        "Cox and logit agree in sign",
        "考克斯模型与逻辑回归方向一致的比例",
        "Share of terms whose Cox and logit coefficients have the same sign",
    ),
    cv_roc_auc=Key(
        "index", "Held-out ROC-AUC", "留出集ROC-AUC", "Mean ROC-AUC over cross-validation folds"
    ),
    cv_roc_auc_sd=Key(
        "index", "ROC-AUC, SD over folds", "ROC-AUC的折间标准差", "SD of ROC-AUC over the folds"
    ),
    cv_pr_auc=Key("index", "Held-out PR-AUC", "留出集PR-AUC", "Mean average precision over folds"),
    cv_prevalence=Key(
        "fraction", "Prevalence of leaving", "离职占比", "Share who left: the no-skill PR-AUC"
    ),
    cv_brier=Key(
        "index", "Brier score", "布里尔分数", "Mean squared error of the out-of-fold predictions"
    ),
    cv_brier_skill=Key(
        "fraction",
        "Brier skill score",
        "布里尔技能分数",
        "1 - Brier score / Brier score of always predicting the prevalence",
    ),
    ranking_spearman_rho=Key(
        "index",
        "Rank correlation of the two rankings",
        "两种排序的秩相关系数",
        "Spearman correlation of the logit and permutation-importance rankings of the drivers",
    ),
    ranking_disagreements=Key(
        "category",
        "Drivers the two rankings disagree on",
        "两种排序存在分歧的因素",
        "Drivers flagged by the ranking comparison, in logit-rank order",
    ),
    counterfactual_rates=Key(
        "fraction per year",
        "Predicted turnover per scenario",
        "各情景的预测离职率",
        "Mean predicted probability of leaving per scenario (baseline first)",
    ),
    counterfactual_net_saving_yuan=Key(
        "yuan",
        "Net saving per scenario",
        "各情景的净节省",
        "Replacement saving minus intervention cost per scenario (None when not costed)",
    ),
    counterfactual_pay_rate=Key(
        "fraction per year",
        "Predicted turnover with the largest pay rise",
        "最大幅度加薪时的预测离职率",
        "Mean predicted probability of leaving under the largest pay_rise_pct, alone",
    ),
    counterfactual_pay_net_saving_yuan=Key(
        "yuan",
        "Net saving of the largest pay rise",
        "最大幅度加薪的净节省",
        "Replacement saving minus the cost of the largest pay_rise_pct, alone",
    ),
    counterfactual_hours_rate=Key(
        "fraction per year",
        "Predicted turnover with the largest cut in hours",
        "最大幅度减少工时时的预测离职率",
        "Mean predicted probability of leaving under the largest hours_cut, alone",
    ),
    counterfactual_hours_net_saving_yuan=Key(
        "yuan",
        "Net saving of the largest cut in hours",
        "最大幅度减少工时的净节省",
        "Replacement saving minus the cost of the largest hours_cut, alone",
    ),
    counterfactual_overlap_rate=Key(
        "fraction per year",
        "Predicted turnover with the largest cut in duty overlap",
        "最大幅度减少职责交叉时的预测离职率",
        "Mean predicted probability of leaving under the largest overlap_cut, alone",
    ),
    counterfactual_overlap_net_saving_yuan=Key(
        "yuan",
        "Net saving of the largest cut in duty overlap",
        "最大幅度减少职责交叉的净节省",
        "Replacement saving minus the cost of the largest overlap_cut, alone (None: not costed)",
    ),
    none_reasons=Key(
        "text",
        "Why a number is missing",
        "数值缺失的原因",
        "For each key recorded as None (or with None inside), the reason",
    ),
    reward_net_yuan=Key(
        "yuan",
        "Reward net of its cost",
        "奖励的净收益",
        "Per reward share: replacement saving minus the reward pool, yuan a year",
    ),
    reward_exits_averted=Key(
        "number",
        "Exits averted by the reward",
        "奖励减少的离职人数",
        "Per reward share: predicted fewer exits a year",
    ),
    synthetic_signs_recovered=Key(
        "flag",
        "True signs recovered",
        "真实方向是否还原",
        "Synthetic data only: every logit term has the sign of its true coefficient",
    ),
    synthetic_ranks_recovered=Key(
        "flag",
        "True ranks recovered",
        "真实排序是否还原",
        "Synthetic data only: per-SD effect ranks within rank_tolerance of the true ranks",
    ),
    n_warnings=Key("count", "Warnings", "警示条数", "Number of warnings"),
)

#: The headline numbers of a policy brief.
BRIEF_KEYS: tuple[str, ...] = (
    "turnover_rate",
    "turnover_rate_young_certificate",
    "top_driver",
    "top_driver_effect",
    "cv_roc_auc",
    "turnover_cost_yuan",
)


def value_label(key: str, value, lang: str) -> str | None:
    """A key's value in words where it is a code name (a brief shows the words)."""
    if key == "top_driver" and isinstance(value, str):
        from workbench.turnover import labels

        return labels.driver(value, lang)
    return None
