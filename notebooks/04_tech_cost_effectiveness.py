# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Technology and service: what does data-platform spending buy, and what would a 30-50% reward cost?
#
# **Question.** The article this workbench follows (易臻真, 澎湃新闻, 2022-04-18) reports that local
# governments issued 22 data-governance policy documents in 2020 and put about 3 bn yuan into 572 platform
# and system projects, led by Zhejiang, Tianjin and Shandong. It argues that leaning on technology
# (dashboards, indicators) instead of people lowers the precision of services, and proposes returning
# 30%-50% of measured efficiency gains to staff as rewards. This notebook asks:
#
# 1. What do the article's spending figures say on their own?
# 2. How does a service outcome respond to technology spending, where do returns diminish, and does the
#    answer change once we hold staff time fixed (the article's hypothesis, made testable)?
# 3. Which strategy (tech-heavy, staff-centred, blended) is cost-effective, and how sure can we be?
# 4. Which units are on the efficiency frontier, and how far are the others from it?
# 5. What would the 30%-50% reward cost the budget, what would it save society, and how large must the
#    efficiency gain be for it to pay?

# %% tags=["parameters"]
data_path: str = ''  # Your programme file (CSV, XLSX, Parquet); empty for the synthetic data [path]
column_map: dict = {}  # Canonical column name to the name in your file [column names]
outcome: str = 'service_precision'  # service_precision (0-1) or satisfaction (0-100) [column name]
cost_columns: list = ['tech_spend', 'staff_cost']  # Costs (yuan a year); DEA inputs [column names]
effect_scale: float = 100.0  # Outcome to effect (100: share to pp) [effect units per outcome unit]
response_model: str = 'hill'  # Response curve: hill (saturating) or log [category]
adjust_for_staff: bool = True  # Hold staff time fixed in the response curve [flag]
staff_reference: float = 0.0  # Staff cost below which staff counts as cut; 0: median [yuan a year]
marginal_step: float = 10000.0  # Extra tech spend for the marginal return (1万元) [yuan]
marginal_threshold: float = 0.0001  # Negligible return [outcome units per marginal_step yuan]
n_boot: int = 200  # Bootstrap replicates of the curve (0: none, else >= 20) [count]
wtp_min: float = 0.0  # Lowest willingness to pay on the grid [yuan per effect unit]
wtp_max: float = 1000000.0  # Highest willingness to pay on the grid [yuan per effect unit]
wtp_steps: int = 101  # Points on the willingness-to-pay grid [count]
wtp: float = 100000.0  # Willingness to pay per effect unit, for the decision [yuan per effect unit]
psa_draws: int = 10000  # PSA draws (bootstrap of units) [count]
discount_rate: float = 0.035  # Discount rate for multi-year totals [fraction per year]
horizon_years: int = 5  # Years the decision and the reward scheme run [years]
reward_share_range: list = [0.3, 0.5]  # Lowest, highest share of savings paid as rewards [fraction]
efficiency_gain: float = 0.05  # Measured saving as a share of total cost [fraction of cost a year]
admin_cost_share: float = 0.01  # Scheme's running cost, share of cost [fraction of cost a year]
deadweight: float = 0.2  # Share of savings that would have happened anyway [fraction]
dea_rts: str = 'crs'  # Returns to scale of the headline DEA: crs or vrs [category]
synthetic_staff_penalty: float = 0.15  # Synthetic data: precision lost at a 100% cut [share points]
seed: int = 20220418  # Seed of the PSA and bootstrap random generators [integer]
language: str = 'en'  # Language of figure labels and captions [category]

# %%
from workbench.params import check

p = check("tech_cost_effectiveness", globals())

# %% [markdown]
# ## Data and source
#
# **The article's figures** (F4, F5, F10) are in `data/reference/article_tech_spending.csv`. No stored
# public source confirms them, so every table and chart that uses them says "as quoted in the article".
# The provincial amounts come from tenders the article cites on 中国政府采购网. The 3 bn yuan total covers
# all local data-governance construction and service projects, so the two may not be on the same basis.
#
# **Programme data.** No public data exist on community technology programmes. By default the notebook uses
# **illustrative synthetic data**: `data/synthetic/programmes.csv`, 300 units made by
# `workbench.synth.programmes(seed=20220418)`. The mean technology spend is calibrated to 3 bn / 572
# projects. Units fall into three strategies with different tech and staff mixes. The outcome follows a
# saturating curve of tech spend, minus a built-in penalty for cutting staff (the article's hypothesis, so
# the methods can be shown to find it). These data are **not evidence about real programmes**. A
# researcher's own file replaces them through `data_path`. It needs one row per unit with `unit_id`,
# `tech_spend` and `staff_cost` (yuan a year), the outcome column, and optionally `strategy`. Differently
# named columns are mapped with `column_map` (canonical name -> your column name).

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display
from scipy import stats

from workbench import costeff as ce
from workbench import datasets, figures, io, synth
from workbench.errors import InputError
from workbench.figures import tr
from workbench.results import read_results, record

figures.use_house_style(p.language)
SHIPPED_STAFF_PENALTY = 0.15  # the staff penalty of data/synthetic/programmes.csv
ARTICLE_SOURCE = tr(
    "易臻真, 澎湃新闻 (The Paper), 2022-04-18: as quoted in the article; not found in any stored source",
    "易臻真，澎湃新闻，2022-04-18：引自原文（as quoted in the article），未在任何已存来源中核实",
)


def say(text):
    # narration whose numbers come from the data and the parameters
    display(Markdown(text))


article = datasets.reference("article_tech_spending")

if p.data_path:
    raw = io.read_table(p.data_path, column_map=p.column_map, required=p.required_columns())
    programmes = ce.prepare_programmes(raw, p.outcome, p.cost_columns, p.data_path)
    data_kind = "user"
    data_note = tr(f"user file {Path(p.data_path).name}", f"用户文件 {Path(p.data_path).name}")
elif p.synthetic_staff_penalty == SHIPPED_STAFF_PENALTY:
    raw = datasets.load("synthetic/programmes.csv")
    programmes = ce.prepare_programmes(raw, p.outcome, p.cost_columns, "synthetic/programmes.csv")
    data_kind = "synthetic"
    data_note = "workbench.synth.programmes(seed=20220418), data/synthetic/programmes.csv"
else:
    raw = synth.programmes(staff_penalty=p.synthetic_staff_penalty)
    programmes = ce.prepare_programmes(raw, p.outcome, p.cost_columns, "synthetic programmes")
    data_kind = "synthetic"
    data_note = (
        f"workbench.synth.programmes(seed=20220418, staff_penalty={p.synthetic_staff_penalty:g})"
    )
synthetic = data_kind == "synthetic"
record("data_kind", data_kind)

n_units = len(programmes)
has_strategy = "strategy" in programmes.columns
strategies = ce.check_strategies(programmes) if has_strategy else []
record("n_units", n_units)

# Labels and units used throughout
STRATEGY_ZH = {"tech-heavy": "技术密集型", "staff-centred": "人员为本型", "blended": "混合型"}


def sname(s):
    return tr(s, STRATEGY_ZH.get(s, s))


def cap(text):
    return text[:1].upper() + text[1:]


PRECISION = p.outcome == "service_precision"
if PRECISION and p.effect_scale == 100:
    EFF = "pp"  # percentage points of residents' needs met
    eff_unit = tr("percentage point (pp) of needs met", "个百分点（需求满足率）")
else:
    EFF = f"{p.outcome} x{p.effect_scale:g}"
    eff_unit = tr(f"unit of {EFF}", f"{EFF} 单位")


def out_delta(v):
    # an outcome difference in readable units
    return f"{100 * v:.3f} pp" if PRECISION else f"{v:.4g} {p.outcome} units"


cols = ["tech_spend", "staff_cost", p.outcome]
overview = programmes.groupby("strategy")[cols].mean() if has_strategy else programmes[cols].mean().to_frame("all").T
overview.insert(0, "units", programmes.groupby("strategy").size() if has_strategy else n_units)
say(
    f"**Programme data:** {'your file' if data_kind == 'user' else 'illustrative synthetic data'} "
    f"({data_note}), {n_units} units"
    + (f" in {len(strategies)} strategies ({', '.join(strategies)})." if has_strategy
       else "; no `strategy` column, so the strategy comparison (section 3) is skipped.")
    + f" Outcome: `{p.outcome}`; costs: {', '.join(f'`{c}`' for c in p.cost_columns)} (yuan a year)."
    + " Mean per unit:"
)
overview.style.format(
    {"tech_spend": "{:,.0f}", "staff_cost": "{:,.0f}", p.outcome: "{:.3f}"}
)

# %% [markdown]
# ## Method
#
# 1. **The article's figures.** Arithmetic only: each province's amount as a share of the 3 bn total, the
#    share of the top three, and the average per project (total / 572). These are illustrative, because
#    the total and the provincial amounts may be counted on different bases.
# 2. **Response curves.** The outcome *y* of unit *i* is fitted by non-linear least squares to a Hill
#    (saturating) curve, y = e0 + emax·x^h/(ec50^h + x^h), or a log curve, y = a + b·ln(1 + x/10,000),
#    of tech spend *x* (Hill 1910; Goutelle et al. 2008). With `adjust_for_staff`, the term β·cut is
#    added, where cut = max(0, 1 − staff/reference) is the fractional cut in staff cost. The spend curve
#    is then estimated holding staff fixed. If the article is right, β < 0. The **marginal return** is
#    m(x) = f(x + step) − f(x), the outcome bought by the next `marginal_step` yuan. The
#    **diminishing-returns point** is the spend beyond which m(x) stays below `marginal_threshold`.
#    Intervals come from the delta method (curve) and a case bootstrap (marginal return and threshold
#    spend; Efron & Tibshirani 1993).
# 3. **Strategies.** Mean cost (the sum of the cost columns) and mean effect (outcome × `effect_scale`) per
#    strategy. ICERs use strong and extended dominance, following `dampack::calculate_icers` (Drummond et
#    al. 2015). Net monetary benefit is NMB = λ·E − C at willingness to pay λ. The probabilistic
#    sensitivity analysis bootstraps units within each strategy `psa_draws` times, which keeps the
#    correlation between cost and effect. It gives the acceptability curve (the share of draws in which
#    each strategy has the largest NMB) and the EVPI, E[max NMB] − max E[NMB] (Briggs, Claxton & Sculpher
#    2006). Multi-year totals are discounted at `discount_rate` (HM Treasury Green Book). The one-way
#    tornado moves each strategy's mean over its 95% interval, and λ by ±50%.
# 4. **Efficiency frontier.** Input-oriented data envelopment analysis (DEA). The cost columns are the
#    inputs and the outcome is the output, under constant (CCR) and variable (BCC) returns to scale. A
#    second phase finds the slacks. Units are ranked by score (Charnes, Cooper & Rhodes 1978; Banker,
#    Charnes & Cooper 1984).
# 5. **The reward.** The measured saving is S = gain × total cost. The reward R is the share s × S;
#    deadweight d is the part of S that would have happened anyway; administration costs A.
#    - **Budget perspective** (the government that pays): (1 − d)·S − R − A.
#    - **Societal perspective**: the reward is a transfer to staff, so the net saving is (1 − d)·S − A.
#
#    The break-even gain is A / (cost × (1 − d − s)). Flows over `horizon_years` are discounted.

# %% [markdown]
# ## Results
#
# ### 1. The article's spending figures (as quoted in the article)

# %%
arith = ce.article_spending_arithmetic(article)
q = arith.set_index("quantity")
total = float(q.loc["total_investment", "value"])
top3_share = float(q.loc["top3_share_of_total", "value"])
per_project = float(q.loc["average_per_project", "value"])
n_docs = int(article.loc[article["indicator"] == "policy_documents", "value"].iloc[0])
n_projects = int(article.loc[article["indicator"] == "platform_projects", "value"].iloc[0])
record("top3_share_of_total", top3_share)
record("average_per_project_yuan", per_project)
provinces = arith[arith["quantity"] == "share_of_total"].copy()
provinces["yuan"] = provinces["value"] * total
named_only = article.loc[
    (article["indicator"] == "gov_data_project_spending") & article["value"].isna(), "region"
].tolist()
say(
    f"As quoted in the article: {n_docs} policy documents and {n_projects} projects with about "
    f"{total / 1e8:,.0f}亿元 ({total / 1e9:.1f} bn yuan) invested in 2020, so about "
    f"**{per_project / 1e4:,.0f}万元 ({per_project:,.0f} yuan) per project**. The three provinces with "
    f"amounts ({', '.join(provinces['region'])}) add up to {q.loc['top3_spending', 'value'] / 1e8:.2f}亿元, "
    f"**{top3_share:.1%} of the total** (`top3_share_of_total`, a fraction). The largest is "
    f"{q.loc['ratio_to_third', 'value']:.1f} times the third. The article names "
    f"{', '.join(named_only)} next, without amounts, so they are not invented here. The total and the "
    "provincial tenders may be counted differently, so the share is illustrative."
)
arith.assign(
    value=[f"{v:,.0f}" if u == "yuan" else (f"{v:.4f}" if u == "fraction" else f"{v:.2f}")
           for v, u in zip(arith["value"], arith["unit"])]
)[["quantity", "region", "value", "unit", "formula"]].style.hide(axis="index").set_caption(
    f"Arithmetic on the article's figures. Source: {ARTICLE_SOURCE}"
)

# %% [markdown]
# ### 2. Response curves: where do returns to technology diminish?

# %%
x = programmes["tech_spend"].to_numpy(float)
y = programmes[p.outcome].to_numpy(float)
staff = programmes["staff_cost"].to_numpy(float)
staff_ref = p.staff_reference or float(np.median(staff))
cut = ce.staff_cut(staff, staff_ref)
adjust = p.adjust_for_staff and np.ptp(cut) > 0
cov = pd.DataFrame({"staff_cut": cut}) if adjust else None
if p.adjust_for_staff and not adjust:
    say(f"No unit's staff cost is below the reference ({staff_ref:,.0f} yuan), so there is no staff cut "
        "to adjust for; the curve is fitted on tech spend alone.")

fit = ce.fit_response(x, y, p.response_model, covariates=cov)
naive = ce.fit_response(x, y, p.response_model)
mean_spend = float(x.mean())
marginal_mean = float(ce.marginal_response(fit, mean_spend, p.marginal_step))
marginal_naive = float(ce.marginal_response(naive, mean_spend, p.marginal_step))
x_star = ce.spend_at_marginal(fit, p.marginal_threshold, p.marginal_step)
beyond = float(np.mean(x > x_star)) if x_star > 0 else 1.0
record("marginal_return_at_mean_spend", marginal_mean)
record("marginal_return_at_mean_spend_unadjusted", marginal_naive)
record("spend_at_marginal_threshold", x_star)
record("share_units_beyond_threshold", beyond)

# the other curve, for comparison of fit (AIC: lower is better)
other = "log" if p.response_model == "hill" else "hill"
aic_rows = [{"model": p.response_model, "AIC": fit.aic, "residual SS": fit.rss}]
try:
    alt = ce.fit_response(x, y, other, covariates=cov)
    aic_rows.append({"model": other, "AIC": alt.aic, "residual SS": alt.rss})
except InputError as exc:
    say(f"The {other} curve could not be fitted for comparison: {exc}")

ci_low = ci_high = xs_low = xs_high = None
if p.n_boot:
    try:
        boot = ce.bootstrap_response(
            x, y, p.response_model, at_spend=mean_spend, threshold=p.marginal_threshold,
            step=p.marginal_step, n_boot=p.n_boot, seed=p.seed, covariates=cov,
        ).set_index("quantity")
        ci_low, ci_high = (float(boot.loc["marginal_at_spend", k]) for k in ("lower", "upper"))
        xs_low, xs_high = (float(boot.loc["spend_at_threshold", k]) for k in ("lower", "upper"))
        boot_note = f"95% bootstrap interval, {int(boot['n_ok'].iloc[0])} of {p.n_boot} replicates"
    except InputError as exc:
        boot_note = f"no bootstrap interval: {exc}"
else:
    boot_note = "no bootstrap interval (n_boot is 0)"
record("marginal_return_ci_low", ci_low)
record("marginal_return_ci_high", ci_high)

fmt_ci = (lambda lo, hi, f: f"; {boot_note}: {f(lo)} to {f(hi)}" if lo is not None else f"; {boot_note}")
say(
    f"At the mean tech spend of {mean_spend / 1e4:,.0f}万元 a unit, the next {p.marginal_step:,.0f} yuan buys "
    f"**{out_delta(marginal_mean)}** of `{p.outcome}` (`marginal_return_at_mean_spend` = {marginal_mean:.3g} "
    f"outcome units per {p.marginal_step:,.0f} yuan, {'holding staff fixed' if adjust else 'tech spend only'}"
    + fmt_ci(ci_low, ci_high, lambda v: f"{v:.3g}") + "). "
    + (f"Beyond **{x_star / 1e4:,.0f}万元** a unit, each further {p.marginal_step:,.0f} yuan buys less than "
       f"{p.marginal_threshold:g} outcome units (`marginal_threshold`"
       + fmt_ci(xs_low, xs_high, lambda v: f"{v / 1e4:,.0f}万元")
       + f"); {beyond:.0%} of units already spend more than that."
       + (f" That point lies beyond the largest spend observed ({x.max() / 1e4:,.0f}万元), so it is an "
          "extrapolation of the fitted curve." if x_star > x.max() else "")
       if x_star > 0 else
       f"No level of spending buys {p.marginal_threshold:g} outcome units per {p.marginal_step:,.0f} yuan: "
       "by this threshold every yuan of tech spend is past the point of diminishing returns.")
)
pd.DataFrame(aic_rows).style.format({"AIC": "{:.1f}", "residual SS": "{:.4f}"}).hide(axis="index")

# %% [markdown]
# **The confounding the article's hypothesis predicts.** In these data, units that spend more on technology
# also spend less on staff. If cutting staff lowers precision, a curve on tech spend alone blames
# technology for part of the staff loss and *understates* what technology buys. Adding the staff cut as a
# covariate separates the two, and its coefficient β tests the article's claim.

# %%
r_tech_staff = float(np.corrcoef(x, staff)[0, 1])
record("correlation_tech_staff", r_tech_staff)
gain_name = "emax" if p.response_model == "hill" else "b"
rows = []
for label, f in ((tr("tech spend only", "仅技术投入"), naive), (tr("holding staff fixed", "控制人员投入"), fit)):
    rows.append({
        "model": label,
        f"technology gain ({gain_name})": float(f.params[gain_name]),
        f"marginal return at mean spend (per {p.marginal_step:,.0f} yuan)":
            float(ce.marginal_response(f, mean_spend, p.marginal_step)),
        "AIC": f.aic,
    })
confound = pd.DataFrame(rows)
if adjust:
    beta = float(fit.params["beta_staff_cut"])
    se_beta = float(np.sqrt(fit.cov.loc["beta_staff_cut", "beta_staff_cut"]))
    tq = stats.t.ppf(0.975, df=fit.n - len(fit.params))
    b_lo, b_hi = beta - tq * se_beta, beta + tq * se_beta
    record("staff_cut_coefficient", beta)
    record("staff_cut_coefficient_ci_low", b_lo)
    record("staff_cut_coefficient_ci_high", b_hi)
    change = marginal_mean / marginal_naive - 1 if marginal_naive != 0 else None
    verdict = (
        "The interval lies below zero: in these data, units that cut staff time deliver less precise "
        "services, as the article argues." if b_hi < 0 else
        "The interval lies above zero: units that cut staff do *better*, contrary to the article." if b_lo > 0 else
        "The interval includes zero: these data cannot tell whether cutting staff time lowers the outcome."
    )
    say(
        f"Tech spend and staff cost are correlated at r = {r_tech_staff:.2f} across units. Holding the staff cut "
        f"fixed, β = {beta:.3f} (95% CI {b_lo:.3f} to {b_hi:.3f}) outcome units at a 100% cut relative to "
        f"{staff_ref:,.0f} yuan of staff cost. {verdict} Ignoring staff, the marginal return at mean spend is "
        f"{out_delta(marginal_naive)} instead of {out_delta(marginal_mean)}"
        + (f" ({change:+.0%})." if change is not None else ".")
        + (" With synthetic data this only shows that the method finds a penalty that was built in "
           f"(staff_penalty = {p.synthetic_staff_penalty:g}); it says nothing about real programmes."
           if synthetic else "")
    )
else:
    record("staff_cut_coefficient", None)
    record("staff_cut_coefficient_ci_low", None)
    record("staff_cut_coefficient_ci_high", None)
    say(f"Tech spend and staff cost are correlated at r = {r_tech_staff:.2f}. The staff adjustment is off "
        "(or there is no staff cut), so `staff_cut_coefficient` is recorded as None: the article's hypothesis is "
        "not tested in this run.")
confound.style.format({c: "{:.4g}" for c in confound.columns if c != "model"} | {"AIC": "{:.1f}"}).hide(axis="index")

# %%
grid = np.linspace(0, float(np.quantile(x, 0.995)) * 1.05, 200)
curve = ce.response_curve(fit, grid, p.marginal_step)
curve_naive = ce.response_curve(naive, grid, p.marginal_step)
yscale = 100 if PRECISION else 1
fig, ax = plt.subplots(figsize=(8, 5))
ax.scatter(x / 1e4, y * yscale, s=9, color="#999999", alpha=0.5, lw=0)
ax.fill_between(grid / 1e4, curve["fitted_lower"] * yscale, curve["fitted_upper"] * yscale,
                color=figures.PALETTE[0], alpha=0.2, lw=0)
ax.plot(grid / 1e4, curve["fitted"] * yscale, color=figures.PALETTE[0], lw=2.2)
ax.plot(grid / 1e4, curve_naive["fitted"] * yscale, color=figures.PALETTE[1], lw=1.6, ls="--")
end = len(grid) - 1
naive_above = curve_naive["fitted"].iloc[end] > curve["fitted"].iloc[end]
ax.annotate(tr("holding staff fixed (no staff cut), 95% CI" if adjust else "fitted curve, 95% CI",
               "控制人员投入（无人员削减），95%置信区间" if adjust else "拟合曲线，95%置信区间"),
            (grid[end] / 1e4, curve["fitted"].iloc[end] * yscale), xytext=(-5, -16 if naive_above else 10),
            textcoords="offset points", ha="right", color=figures.PALETTE[0])
if adjust:
    ax.annotate(tr("tech spend only", "仅技术投入"), (grid[end] / 1e4, curve_naive["fitted"].iloc[end] * yscale),
                xytext=(-5, 10 if naive_above else -14), textcoords="offset points", ha="right",
                color=figures.PALETTE[1])
ymin = float(np.min(y)) * yscale
if x_star > 0 and x_star < grid[-1]:
    ax.axvline(x_star / 1e4, color=figures.PALETTE[3], ls=":", lw=1.5)
    ax.text(x_star / 1e4, ymin, tr(f" returns < {p.marginal_threshold:g}\n per {p.marginal_step:,.0f} yuan\n beyond "
                                   f"{x_star / 1e4:,.0f}万元",
                                   f" 超过{x_star / 1e4:,.0f}万元后\n 每{p.marginal_step:,.0f}元回报\n 低于{p.marginal_threshold:g}"),
            color=figures.PALETTE[3], va="bottom", ha="left", fontsize=9)
y_mean = float(ce.predict_response(fit, mean_spend)) * yscale
ax.plot([mean_spend / 1e4], [y_mean], "o", color=figures.PALETTE[0], ms=7, mec="white")
ax.annotate(tr(f"mean spend: +{out_delta(marginal_mean)}\nper {p.marginal_step:,.0f} yuan",
               f"平均投入：每{p.marginal_step:,.0f}元\n+{out_delta(marginal_mean)}"),
            (mean_spend / 1e4, y_mean), xytext=(10, -28), textcoords="offset points", fontsize=9)
ax.set_xlabel(tr("Technology spend per unit, 万元 a year", "每单位技术投入，万元/年"))
ax.set_ylabel(tr("Share of residents' needs met, %", "居民需求满足率，%") if PRECISION else p.outcome)
ax.set_xlim(0, grid[-1] / 1e4)
# the axis follows the data and the fitted curve; a wide interval near zero spend is cut off, not rescaled to
shown_y = np.concatenate([y, curve["fitted"], curve_naive["fitted"]]) * yscale
pad = 0.1 * float(np.ptp(shown_y))
bounds = ce.OUTCOME_BOUNDS.get(p.outcome, (-np.inf, np.inf))
ax.set_ylim(max(bounds[0] * yscale, float(shown_y.min()) - pad), min(bounds[1] * yscale, float(shown_y.max()) + pad))
title = (
    tr(f"Returns to technology fall below {p.marginal_threshold:g} per {p.marginal_step:,.0f} yuan beyond "
       f"{x_star / 1e4:,.0f}万元 a unit; {beyond:.0%} of units spend more",
       f"每单位技术投入超过{x_star / 1e4:,.0f}万元后边际回报低于阈值；{beyond:.0%}的单位已超过该点")
    if x_star > 0 else
    tr(f"No level of technology spend returns {p.marginal_threshold:g} per {p.marginal_step:,.0f} yuan",
       f"任何技术投入水平的边际回报都低于每{p.marginal_step:,.0f}元{p.marginal_threshold:g}")
)
figures.save_figure(
    fig, "response_curve",
    title=title,
    subtitle=tr(f"{p.outcome} against technology spend, {n_units} units; {p.response_model} curve"
                + (", staff cut held at zero" if adjust else "") + f"; x in 万元 (10,000 yuan) a year",
                f"{p.outcome}与技术投入，{n_units}个单位；{p.response_model}曲线"
                + ("，人员削减设为零" if adjust else "") + "；横轴单位万元/年"),
    source=data_note,
    alt_text=(f"Scatter of {n_units} units' {p.outcome} against tech spend with a fitted {p.response_model} "
              f"curve and 95% band; marginal return at mean spend {marginal_mean:.3g} per {p.marginal_step:,.0f} yuan; "
              + (f"diminishing-returns point at {x_star / 1e4:,.0f}万元." if x_star > 0 else "no diminishing-returns point.")),
    synthetic=synthetic,
)
plt.show()

# %% [markdown]
# ### 3. Strategies: cost-effectiveness, uncertainty and the value of more evidence

# %%
compare = has_strategy and len(strategies) >= 2
annuity = float(ce.discount_factors(p.horizon_years, p.discount_rate).sum())
if compare:
    units = ce.with_total_cost(programmes, p.cost_columns).assign(effect=programmes[p.outcome] * p.effect_scale)
    summary = ce.arm_summary(programmes, "strategy", p.cost_columns, p.outcome, p.effect_scale)
    plane = ce.ce_plane(summary)
    plane["cost_per_effect"] = ce.cost_per_outcome(plane["cost"], plane["effect"])
    optimal = ce.optimal_strategy(summary, p.wtp)
    record("optimal_strategy_at_wtp", optimal)
    icer_of = {s: (None if pd.isna(v) else float(v)) for s, v in zip(plane["strategy"], plane["icer"])}
    record("icer_by_strategy", icer_of)
    frontier = plane[plane["on_frontier"]].reset_index(drop=True)
    ranges = []
    for i, row in frontier.iterrows():
        lo = 0.0 if i == 0 else row["icer"]
        hi = frontier["icer"].iloc[i + 1] if i + 1 < len(frontier) else None
        ranges.append(f"{row['strategy']} from {lo:,.0f}" + (f" to {hi:,.0f}" if hi is not None else " upwards"))
    dominated = plane.loc[~plane["on_frontier"], ["strategy", "status"]]
    say(
        f"Mean cost per unit is the sum of {', '.join(p.cost_columns)} (yuan a year); the effect is "
        f"{p.outcome} × {p.effect_scale:g} ({eff_unit}). On the frontier, the optimal strategy by willingness "
        f"to pay (yuan per {EFF}): {'; '.join(ranges)}."
        + (" Off the frontier: " + "; ".join(f"{s} ({st})" for s, st in dominated.itertuples(index=False)) + "."
           if len(dominated) else " No strategy is dominated.")
        + f" **At {p.wtp:,.0f} yuan per {EFF}, the optimal strategy is {optimal}** (`optimal_strategy_at_wtp`)."
    )
    nmb_at = ce.nmb_table(summary, sorted({p.wtp_min, p.wtp, p.wtp_max})).pivot(index="strategy", columns="wtp", values="nmb")
    nmb_at.columns = [f"NMB at {w:,.0f} (yuan/unit/yr)" for w in nmb_at.columns]
    show = plane[["strategy", "n", "cost", "effect", "cost_per_effect", "inc_cost", "inc_effect", "icer", "status"]]
    display(show.rename(columns={
        "cost": "cost (yuan/unit/yr)", "effect": f"effect ({EFF})", "cost_per_effect": f"average yuan per {EFF}",
        "inc_cost": "incremental cost", "inc_effect": "incremental effect", "icer": f"ICER (yuan per {EFF})",
    }).style.format(precision=1, thousands=",", na_rep="—").hide(axis="index"))
    display(nmb_at.style.format("{:,.0f}"))
else:
    optimal = None
    record("optimal_strategy_at_wtp", None)
    record("icer_by_strategy", None)
    say("**No strategy comparison:** the data have "
        + ("no `strategy` column" if not has_strategy else f"only one strategy ({strategies[0]})")
        + ", so `optimal_strategy_at_wtp` and `evpi` are recorded as None. Add a `strategy` column (or map "
        "yours with `column_map`) with at least two strategies of two or more units each.")

# %%
if compare:
    psa = ce.psa_bootstrap(units, "strategy", "cost", "effect", p.psa_draws, p.seed)
    wgrid = np.linspace(p.wtp_min, p.wtp_max, p.wtp_steps)
    acc = ce.ceac(psa, wgrid)
    info = ce.evpi(psa, wgrid)
    at = ce.ceac(psa, [p.wtp]).set_index("strategy")
    ev = ce.evpi(psa, [p.wtp]).iloc[0]
    evpi_unit = float(ev["evpi"])
    psa_optimal = str(ev["optimal_strategy"])
    prob_opt = float(at.loc[psa_optimal, "probability"])
    record("evpi", evpi_unit)
    record("evpi_population_pv", evpi_unit * n_units * annuity)
    record("probability_optimal_cost_effective", prob_opt)
    say(
        f"Across {p.psa_draws:,} bootstrap draws, {psa_optimal} has the largest expected NMB at {p.wtp:,.0f} yuan "
        f"per {EFF} and is the cost-effective choice in **{prob_opt:.0%}** of draws. The expected value of "
        f"perfect information is **{evpi_unit:,.0f} yuan per unit per year** (`evpi`): the most it would be "
        f"worth paying, per unit, to remove all uncertainty about costs and effects. For the {n_units} units over "
        f"{p.horizon_years} years at {p.discount_rate:.1%} that is {evpi_unit * n_units * annuity / 1e6:,.1f} "
        f"million yuan (`evpi_population_pv`)."
        + ("" if psa_optimal == optimal else
           f" Note: the strategy with the best mean NMB in the data ({optimal}) differs from the PSA's "
           f"expected optimum ({psa_optimal}), a sign the decision is close at this willingness to pay.")
    )
    disc = summary[["strategy", "cost", "effect"]].assign(
        pv_cost=summary["cost"] * annuity, pv_effect=summary["effect"] * annuity,
        pv_nmb=(p.wtp * summary["effect"] - summary["cost"]) * annuity,
    )
    say(f"**Discounting.** Over {p.horizon_years} years at {p.discount_rate:.1%} a year (flows at each year's end), "
        f"costs and effects are multiplied by {annuity:.3f}. With constant flows and one discount rate for both, "
        "the ICERs do not change, but the totals do:")
    display(disc.rename(columns={
        "cost": "cost/yr (yuan)", "effect": f"effect/yr ({EFF})", "pv_cost": "PV cost (yuan)",
        "pv_effect": f"PV effect ({EFF}-years)", "pv_nmb": f"PV NMB at {p.wtp:,.0f} (yuan)",
    }).style.format(precision=1, thousands=",").hide(axis="index"))
else:
    record("evpi", None)
    record("evpi_population_pv", None)
    record("probability_optimal_cost_effective", None)

# %%
if compare:
    ref = plane.loc[plane["status"] == "reference", "strategy"].iloc[0]
    k_ref = psa.strategies.index(ref)
    fig, ax = plt.subplots(figsize=(8, 5.2))
    rng = np.random.default_rng(p.seed)
    take = rng.choice(psa.n_draws, size=min(1000, psa.n_draws), replace=False)
    for k, s in enumerate(psa.strategies):
        if s == ref:
            continue
        colour = figures.PALETTE[k % len(figures.PALETTE)]
        ax.scatter(psa.effects[take, k] - psa.effects[take, k_ref],
                   (psa.costs[take, k] - psa.costs[take, k_ref]) / 1e4, s=4, alpha=0.12, color=colour, lw=0)
    ax.plot(frontier["delta_effect"], frontier["delta_cost"] / 1e4, color="#333333", lw=1.5, zorder=3)
    for k, row in plane.iterrows():
        on = bool(row["on_frontier"])
        colour = figures.PALETTE[psa.strategies.index(row["strategy"]) % len(figures.PALETTE)]
        ax.plot(row["delta_effect"], row["delta_cost"] / 1e4, "o", ms=9, zorder=4,
                color=colour, mfc=colour if on else "white", mec=colour)
        status = {"reference": tr("reference", "参照"), "non-dominated": tr("on frontier", "前沿"),
                  "dominated": tr("dominated", "被占优"),
                  "extendedly dominated": tr("extendedly dominated", "扩展占优")}[row["status"]]
        ax.annotate(f"{sname(row['strategy'])}\n({status})", (row["delta_effect"], row["delta_cost"] / 1e4),
                    xytext=(8, -4), textcoords="offset points", fontsize=9, va="top", zorder=5)
    xl = ax.get_xlim()
    xs = np.linspace(min(0, xl[0]), xl[1], 2)
    ax.plot(xs, p.wtp * xs / 1e4, ls="--", color=figures.PALETTE[3], lw=1)
    ax.annotate(tr(f"WTP {p.wtp:,.0f} yuan per {EFF}", f"支付意愿：每{EFF} {p.wtp:,.0f}元"),
                (xs[-1], p.wtp * xs[-1] / 1e4), xytext=(-5, 4), textcoords="offset points", ha="right",
                color=figures.PALETTE[3], fontsize=9)
    ax.axhline(0, color="#777777", lw=0.8)
    ax.axvline(0, color="#777777", lw=0.8)
    ax.set_xlim(xl)
    ax.set_xlabel(tr(f"Incremental effect vs {ref}, {EFF} per unit a year", f"相对{sname(ref)}的增量效果，{EFF}/单位/年"))
    ax.set_ylabel(tr(f"Incremental cost vs {ref}, 万元 per unit a year", f"相对{sname(ref)}的增量成本，万元/单位/年"))
    icer_opt = icer_of.get(optimal)
    names_f = frontier["strategy"].tolist()
    prev = names_f[names_f.index(optimal) - 1] if optimal in names_f and names_f.index(optimal) > 0 else None
    figures.save_figure(
        fig, "ce_plane",
        title=tr(f"{cap(optimal)} is the best buy at {p.wtp:,.0f} yuan per {EFF}"
                 + (f": its ICER vs {prev} is {icer_opt:,.0f}" if icer_opt is not None and prev
                    else ": it is the cheapest frontier strategy"),
                 f"支付意愿为每{EFF} {p.wtp:,.0f}元时，{sname(optimal)}最具成本效果"
                 + (f"（相对{sname(prev)}的ICER为{icer_opt:,.0f}元）" if icer_opt is not None and prev
                    else "（前沿上成本最低）")),
        subtitle=tr(f"Mean cost and effect per unit a year relative to {ref}, with the efficient frontier and "
                    f"{len(take):,} PSA bootstrap draws; cost in 万元, effect in {EFF}",
                    f"相对{sname(ref)}的每单位年均成本与效果、有效前沿及{len(take):,}次PSA自助抽样；成本单位万元，效果单位{EFF}"),
        source=data_note,
        alt_text=("Cost-effectiveness plane: " + "; ".join(
            f"{r.strategy} {r.delta_effect:+.2f} {EFF}, {r.delta_cost / 1e4:+,.1f}万元 ({r.status})"
            for r in plane.itertuples()) + f"; dashed line is willingness to pay {p.wtp:,.0f} yuan per {EFF}."),
        synthetic=synthetic,
    )
    plt.show()

# %%
if compare:
    fig, ax = plt.subplots(figsize=(8, 4.8))
    for k, s in enumerate(psa.strategies):
        rows = acc[acc["strategy"] == s]
        colour = figures.PALETTE[k % len(figures.PALETTE)]
        ax.plot(rows["wtp"] / 1e4, rows["probability"], color=colour, lw=2)
        top = int(np.argmax(rows["probability"].to_numpy()))
        at_end = top >= len(rows) - 3
        ax.annotate(sname(s), (rows["wtp"].iloc[top] / 1e4, rows["probability"].iloc[top]),
                    xytext=(-5 if at_end else 5, 6), textcoords="offset points", va="bottom",
                    ha="right" if at_end else "left", color=colour)
    ax.axvline(p.wtp / 1e4, color="#777777", ls="--", lw=1)
    ax.text(p.wtp / 1e4, 0.02, tr(f" WTP {p.wtp:,.0f}", f" 支付意愿 {p.wtp:,.0f}"), fontsize=9, color="#555555")
    ax.set_ylim(0, 1.08)
    ax.set_xlim(p.wtp_min / 1e4, p.wtp_max / 1e4)
    ax.set_xlabel(tr(f"Willingness to pay, 万元 per {EFF}", f"支付意愿，万元/{EFF}"))
    ax.set_ylabel(tr("Probability cost-effective", "具有成本效果的概率"))
    figures.save_figure(
        fig, "ceac",
        title=tr(f"At {p.wtp:,.0f} yuan per {EFF}, {psa_optimal} is cost-effective in {prob_opt:.0%} of draws",
                 f"支付意愿为每{EFF} {p.wtp:,.0f}元时，{sname(psa_optimal)}在{prob_opt:.0%}的抽样中最具成本效果"),
        subtitle=tr(f"Cost-effectiveness acceptability curves, {p.psa_draws:,} bootstrap draws of strategy means; "
                    f"willingness to pay {p.wtp_min / 1e4:,.0f}-{p.wtp_max / 1e4:,.0f}万元 per {EFF}",
                    f"成本效果可接受曲线，{p.psa_draws:,}次自助抽样；支付意愿{p.wtp_min / 1e4:,.0f}-{p.wtp_max / 1e4:,.0f}万元/{EFF}"),
        source=data_note,
        alt_text=(f"Acceptability curves of {', '.join(psa.strategies)} over willingness to pay; at {p.wtp:,.0f} "
                  + ", ".join(f"{s} {at.loc[s, 'probability']:.0%}" for s in psa.strategies) + "."),
        synthetic=synthetic,
    )
    plt.show()
    peak = info.loc[info["evpi"].idxmax()]
    say(f"EVPI peaks at {peak['evpi']:,.0f} yuan per unit per year near a willingness to pay of {peak['wtp']:,.0f} "
        f"yuan per {EFF}, where the choice is most uncertain.")

# %%
if compare:
    torn = ce.strategy_tornado(summary, p.wtp)
    best, comparator = torn["best"].iloc[0], torn["comparator"].iloc[0]
    flips = torn[(torn[["outcome_low", "outcome_high"]].min(axis=1) < 0)]["parameter"].tolist()
    record("tornado_top_parameter", str(torn["parameter"].iloc[0]))

    def plabel(name):
        if name == "wtp":
            return tr("willingness to pay (±50%)", "支付意愿（±50%）")
        kind, s = name.split(": ", 1)
        return tr(f"{kind} of {s}", f"{sname(s)}的{'成本' if kind == 'cost' else '效果'}")

    still = torn[torn["swing"] <= 1e-9 * max(1.0, abs(torn["outcome_base"].iloc[0]))]["parameter"].tolist()
    shown_t = torn[~torn["parameter"].isin(still)]
    if still:
        say(f"At this willingness to pay, moving the {' or the '.join(plabel(n) for n in still)} over its 95% interval "
            "does not change the margin (no such move makes that strategy the best alternative), so the tornado "
            "leaves it out.")
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(shown_t) + 1.6))
    base = torn["outcome_base"].iloc[0] / 1e4
    for i, row in enumerate(shown_t.iloc[::-1].itertuples()):
        lo, hi = row.outcome_low / 1e4, row.outcome_high / 1e4
        ax.barh(i, hi - base, left=base, color=figures.PALETTE[0], height=0.6)
        ax.barh(i, lo - base, left=base, color=figures.PALETTE[1], height=0.6)
    ax.set_yticks(range(len(shown_t)), [plabel(n) for n in shown_t["parameter"].iloc[::-1]])
    ax.axvline(base, color="#333333", lw=1)
    ax.axvline(0, color=figures.PALETTE[3], lw=1, ls="--")
    ax.text(0, len(shown_t) - 0.45, tr(" decision flips", " 决策改变"), color=figures.PALETTE[3], fontsize=9)
    ax.set_xlabel(tr(f"NMB of {best} minus the best alternative, 万元 per unit a year (blue: input high, orange: low)",
                     f"{sname(best)}与次优方案的净货币收益差，万元/单位/年（蓝：参数取高值，橙：低值）"))
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#dddddd")
    figures.save_figure(
        fig, "tornado",
        title=tr(f"{cap(best)} over {comparator}: most sensitive to the {plabel(torn['parameter'].iloc[0])}; "
                 + (f"{len(flips)} input{'s' if len(flips) > 1 else ''} alone could reverse it" if flips
                    else "no single input reverses it"),
                 f"{sname(best)}优于{sname(comparator)}的结论对{plabel(torn['parameter'].iloc[0])}最敏感；"
                 + (f"{len(flips)}个参数单独即可改变结论" if flips else "没有单个参数能改变结论")),
        subtitle=tr(f"One-way sensitivity at {p.wtp:,.0f} yuan per {EFF}: each strategy mean over its 95% interval, "
                    "willingness to pay ±50%; 万元 per unit a year",
                    f"单因素敏感性分析（支付意愿每{EFF} {p.wtp:,.0f}元）：各方案均值取95%区间，支付意愿±50%；万元/单位/年"),
        source=data_note,
        alt_text=(f"Tornado of the net-benefit margin of {best}; base {base:,.1f}万元; widest bar "
                  f"{torn['parameter'].iloc[0]}; inputs that cross zero: {', '.join(flips) or 'none'}."),
        synthetic=synthetic,
    )
    plt.show()
else:
    record("tornado_top_parameter", None)

# %% [markdown]
# ### 4. The efficiency frontier (DEA)

# %%
inputs = programmes.set_index("unit_id")[p.cost_columns]
outputs = programmes.set_index("unit_id")[[p.outcome]]
dea = {rts: ce.dea_details(inputs, outputs, rts=rts) for rts in ("crs", "vrs")}
head = dea[p.dea_rts]
table = head.table
n_eff = int(table["efficient"].sum())
record("n_efficient_units", n_eff)
record("n_efficient_units_crs", int(dea["crs"].table["efficient"].sum()))
record("n_efficient_units_vrs", int(dea["vrs"].table["efficient"].sum()))
record("dea_median_score", float(table["score"].median()))
scale_eff = dea["crs"].scores / dea["vrs"].scores
total_cost = programmes[p.cost_columns].sum(axis=1).to_numpy(float)
radial_saving = float(np.sum(ce.potential_savings(total_cost, head.scores.to_numpy())))
saving_share = radial_saving / float(total_cost.sum())
record("dea_potential_saving_share", saving_share)
slack_cols = [f"slack_{c}" for c in p.cost_columns]
with_slack = int((table[slack_cols] > 0).any(axis=1).sum())
say(
    f"Under {p.dea_rts.upper()}, **{n_eff} of {n_units} units are efficient** (`n_efficient_units`: score 1 and no "
    f"slack; {int(dea['crs'].table['efficient'].sum())} under CRS, {int(dea['vrs'].table['efficient'].sum())} "
    f"under VRS). The median unit could produce its {p.outcome} with {1 - table['score'].median():.0%} less of "
    f"every input. Mean scale efficiency (CRS/VRS) is {scale_eff.mean():.2f}. Contracting every unit to "
    f"the frontier would save {saving_share:.1%} of total cost ({radial_saving / 1e6:,.0f} million yuan a year; "
    f"`dea_potential_saving_share`). This is a lower bound, because it ignores slacks. {with_slack} "
    f"unit{'' if with_slack == 1 else 's'} could cut one input further still (non-zero slack)."
)
if has_strategy:
    by = table.join(programmes.set_index("unit_id")["strategy"]).groupby("strategy").agg(
        units=("score", "size"), efficient=("efficient", "sum"), mean_score=("score", "mean"))
    display(by.style.format({"mean_score": "{:.3f}"}))
cols = ["rank", "score", "efficient", *slack_cols, f"slack_{p.outcome}", "peers"]
ranked = table.sort_values(["rank", "score"], ascending=[True, False])
if has_strategy:
    ranked = ranked.join(programmes.set_index("unit_id")["strategy"])
    cols.insert(1, "strategy")
display(ranked[cols].head(12).style.format({"score": "{:.3f}", f"slack_{p.outcome}": "{:.4f}"}
                                          | {c: "{:,.0f}" for c in slack_cols}))
say(f"The first 12 of {n_units} units by {p.dea_rts.upper()} rank; slacks are in yuan (inputs) and outcome units.")

# %%
fig, ax = plt.subplots(figsize=(8, 4.6))
for k, rts in enumerate(("crs", "vrs")):
    s = np.sort(dea[rts].scores.to_numpy())[::-1]
    ranks = np.arange(1, s.size + 1)
    colour = figures.PALETTE[k]
    ax.plot(ranks, s, color=colour, lw=2.2 if rts == p.dea_rts else 1.4)
    eff_k = int(dea[rts].table["efficient"].sum())
    mid = s.size // 2
    ax.annotate(tr(f"{rts.upper()}: {eff_k} efficient", f"{rts.upper()}：{eff_k}个有效"), (ranks[mid], s[mid]),
                xytext=(0, 10 if rts == "vrs" else -12), textcoords="offset points", ha="left",
                va="bottom" if rts == "vrs" else "top", color=colour)
ax.axhline(1, color="#777777", lw=0.8)
ax.set_ylim(0, 1.05)
ax.set_xlim(0, n_units + 1)
ax.set_xlabel(tr("Rank of unit (1 = most efficient)", "单位排名（1 = 最有效）"))
ax.set_ylabel(tr("Input-oriented efficiency score", "投入导向效率得分"))
med = float(table["score"].median())
figures.save_figure(
    fig, "dea_ranking",
    title=tr(f"{n_eff} of {n_units} units are on the {p.dea_rts.upper()} frontier; the median unit could use "
             f"{1 - med:.0%} less input",
             f"{n_units}个单位中{n_eff}个位于{p.dea_rts.upper()}前沿；中位单位可减少{1 - med:.0%}的投入"),
    subtitle=tr(f"DEA efficiency by rank, inputs {', '.join(p.cost_columns)} (yuan), output {p.outcome}; "
                "CRS and VRS, input-oriented",
                f"DEA效率得分排序，投入：{'、'.join(p.cost_columns)}（元），产出：{p.outcome}；CRS与VRS，投入导向"),
    source=data_note,
    alt_text=(f"Efficiency scores sorted from 1 down: CRS median {dea['crs'].scores.median():.2f}, VRS median "
              f"{dea['vrs'].scores.median():.2f}; {n_eff} efficient units under {p.dea_rts.upper()}."),
    synthetic=synthetic,
)
plt.show()

# %% [markdown]
# ### 5. The reward: returning 30%-50% of measured savings

# %%
baseline = float(total_cost.sum())
low, high = p.reward_share_range
inc = ce.incentive(
    baseline, p.efficiency_gain, (low, high), admin_cost=p.admin_cost_share * baseline,
    deadweight=p.deadweight, n_shares=3 if high > low else 1, years=p.horizon_years, rate=p.discount_rate,
)
top = inc.iloc[-1]
record("incentive_net_saving", float(top["net_saving_budget"]))
record("incentive_net_saving_low_share", float(inc["net_saving_budget"].iloc[0]))
record("incentive_net_saving_society", float(top["net_saving_society"]))
record("incentive_reward_cost", float(top["reward"]))
record("incentive_break_even_gain_budget", float(top["break_even_gain_budget"]))
record("incentive_break_even_gain_society", float(top["break_even_gain_society"]))
sign = "saves" if top["net_saving_budget"] >= 0 else "costs"
say(
    f"**Perspective: the government budget that pays the rewards** (the societal view is shown beside it). "
    f"The {n_units} units cost {baseline / 1e6:,.0f} million yuan a year. A measured gain of "
    f"{p.efficiency_gain:.0%} of cost, of which {p.deadweight:.0%} would have happened anyway, with "
    f"administration at {p.admin_cost_share:.0%} of cost, over {p.horizon_years} years at {p.discount_rate:.1%}: "
    f"returning {high:.0%} of measured savings **{sign} the budget "
    f"{abs(top['net_saving_budget']) / 1e6:,.1f} million yuan** in present value (`incentive_net_saving`, yuan)"
    f"; at {low:.0%} the figure is {inc['net_saving_budget'].iloc[0] / 1e6:,.1f} million. The reward itself is "
    f"{top['reward'] / 1e6:,.1f} million yuan. To society the reward is a transfer to staff, so the scheme's net "
    f"value is {top['net_saving_society'] / 1e6:,.1f} million yuan whatever the share. **Break-even:** at a "
    f"{high:.0%} share the measured gain must exceed {top['break_even_gain_budget']:.1%} of cost for the budget "
    f"(at {low:.0%}: {inc['break_even_gain_budget'].iloc[0]:.1%}) and {top['break_even_gain_society']:.1%} for "
    f"society. DEA puts the radial gap to the frontier at {saving_share:.1%} of cost, so an assumed gain of "
    f"{p.efficiency_gain:.0%} is {'within' if p.efficiency_gain <= saving_share else 'beyond'} what the frontier suggests."
)
inc_show = inc.assign(**{c: inc[c] / 1e6 for c in
                         ("measured_saving", "reward", "admin_cost", "net_saving_budget", "net_saving_society")})
inc_show.rename(columns={
    "measured_saving": "measured saving (M yuan, PV)", "reward": "reward (M yuan, PV)",
    "admin_cost": "admin (M yuan, PV)", "net_saving_budget": "net to budget (M yuan, PV)",
    "net_saving_society": "net to society (M yuan, PV)", "break_even_gain_budget": "break-even gain, budget",
    "break_even_gain_society": "break-even gain, society",
}).style.format(precision=3).hide(axis="index")

# %%
fig, ax = plt.subplots(figsize=(8, 4.6))
n = len(inc)
xpos = np.arange(n)
budget = inc["net_saving_budget"].to_numpy() / 1e6
society = inc["net_saving_society"].to_numpy() / 1e6
ax.bar(xpos - 0.2, budget, width=0.38, color=figures.PALETTE[0])
ax.bar(xpos + 0.2, society, width=0.38, color=figures.PALETTE[2])
span = max(np.abs(np.concatenate([budget, society]))) or 1.0
for i in range(n):
    for dx, v, name in ((-0.2, budget[i], tr("budget", "财政")), (0.2, society[i], tr("society", "全社会"))):
        ax.text(xpos[i] + dx, v + (0.02 * span if v >= 0 else -0.02 * span), f"{name}\n{v:,.0f}", ha="center",
                va="bottom" if v >= 0 else "top", fontsize=9)
ax.axhline(0, color="#333333", lw=0.8)
ax.set_xticks(xpos, [tr(f"reward share {s:.0%}", f"奖励比例{s:.0%}") for s in inc["share"]])
ax.set_xlim(-0.7, n - 0.3)
ax.set_ylabel(tr(f"Net saving, million yuan (PV over {p.horizon_years} years)",
                 f"净节约，百万元（{p.horizon_years}年现值）"))
lowest = min(0, budget.min(), society.min())
ax.set_ylim(lowest * 1.3 - (0.15 * span if lowest < 0 else 0), max(0, budget.max(), society.max()) * 1.2)
lo_b, hi_b = budget.min(), budget.max()
shares_en = f"{low:.0%}" if high == low else f"{low:.0%}-{high:.0%}"
small, large = sorted([abs(lo_b), abs(hi_b)])
amount = f"{large:,.0f}" if round(small) == round(large) else f"{small:,.0f} to {large:,.0f}"
if lo_b >= 0:
    verb_en, verb_zh = f"saves the budget {amount} million yuan", f"财政净节约{amount}百万元"
elif hi_b < 0:
    verb_en, verb_zh = f"costs the budget {amount} million yuan", f"财政净损失{amount}百万元"
else:
    verb_en = f"moves the budget between {lo_b:,.0f} and +{hi_b:,.0f} million yuan"
    verb_zh = f"财政净额介于{lo_b:,.0f}与{hi_b:,.0f}百万元之间"
figures.save_figure(
    fig, "incentive",
    title=tr(f"Returning {shares_en} of savings {verb_en} over {p.horizon_years} years; society nets "
             f"{society[0]:,.0f} million",
             f"返还{shares_en}的节约后，{p.horizon_years}年内{verb_zh}；全社会净额{society[0]:,.0f}百万元"),
    subtitle=tr(f"Present value at {p.discount_rate:.1%}; assumed gain {p.efficiency_gain:.0%} of cost, deadweight "
                f"{p.deadweight:.0%}, administration {p.admin_cost_share:.0%} of cost; {n_units} units",
                f"按{p.discount_rate:.1%}折现的现值；假设效率提升为成本的{p.efficiency_gain:.0%}，无谓部分{p.deadweight:.0%}，"
                f"管理成本为成本的{p.admin_cost_share:.0%}；{n_units}个单位"),
    source=data_note + tr("; reward share from the article (F10, as quoted in the article)",
                          "；奖励比例引自原文（F10，as quoted in the article）"),
    alt_text=("Bars of net saving to the budget and to society by reward share: "
              + "; ".join(f"{s:.0%}: budget {b:,.0f}, society {c:,.0f} million yuan"
                          for s, b, c in zip(inc["share"], budget, society)) + "."),
    synthetic=synthetic,
)
plt.show()

# %% [markdown]
# ## Key numbers

# %%
UNITS = {
    "data_kind": "kind of programme data",
    "n_units": "units",
    "top3_share_of_total": "fraction of the article's total (as quoted in the article)",
    "average_per_project_yuan": "yuan per project (as quoted in the article)",
    "marginal_return_at_mean_spend": f"{p.outcome} units per {p.marginal_step:,.0f} yuan",
    "marginal_return_at_mean_spend_unadjusted": f"{p.outcome} units per {p.marginal_step:,.0f} yuan",
    "marginal_return_ci_low": f"{p.outcome} units per {p.marginal_step:,.0f} yuan",
    "marginal_return_ci_high": f"{p.outcome} units per {p.marginal_step:,.0f} yuan",
    "spend_at_marginal_threshold": "yuan of tech spend per unit a year",
    "share_units_beyond_threshold": "fraction of units",
    "correlation_tech_staff": "Pearson r",
    "staff_cut_coefficient": f"{p.outcome} units at a 100% staff cut",
    "staff_cut_coefficient_ci_low": f"{p.outcome} units",
    "staff_cut_coefficient_ci_high": f"{p.outcome} units",
    "optimal_strategy_at_wtp": f"strategy at {p.wtp:,.0f} yuan per {EFF}",
    "icer_by_strategy": f"yuan per {EFF}",
    "evpi": "yuan per unit per year",
    "evpi_population_pv": f"yuan, {n_units} units over {p.horizon_years} years (PV)",
    "probability_optimal_cost_effective": "probability",
    "tornado_top_parameter": "input",
    "n_efficient_units": f"units ({p.dea_rts.upper()})",
    "n_efficient_units_crs": "units",
    "n_efficient_units_vrs": "units",
    "dea_median_score": "efficiency score 0-1",
    "dea_potential_saving_share": "fraction of total cost",
    "incentive_net_saving": f"yuan, budget perspective, {high:.0%} share, PV over {p.horizon_years} years",
    "incentive_net_saving_low_share": f"yuan, budget perspective, {low:.0%} share, PV",
    "incentive_net_saving_society": "yuan, societal perspective, PV",
    "incentive_reward_cost": f"yuan, {high:.0%} share, PV",
    "incentive_break_even_gain_budget": f"fraction of cost a year, {high:.0%} share",
    "incentive_break_even_gain_society": "fraction of cost a year",
}
results = read_results()


def shown(v):
    if v is None:
        return "None (not computed: see the text above)"
    if isinstance(v, float):
        return f"{v:,.6g}" if abs(v) < 1e5 else f"{v:,.0f}"
    if isinstance(v, dict):
        return "; ".join(f"{k}: {shown(w)}" for k, w in v.items())
    return str(v)


pd.DataFrame(
    [{"key": k, "value": shown(v), "unit": UNITS.get(k, "")} for k, v in results.items()]
).style.hide(axis="index")

# %% [markdown]
# ## Caveat
#
# - **The programme data are illustrative synthetic data**, unless you supplied your own. The staff
#   penalty, the spend mix of each strategy and the curve's shape were put there by the generator, so
#   "finding" them shows that the methods work, not that the article is right. Run
#   `no_staff_penalty.yaml` to see what the same analysis finds when the hypothesis is false.
# - **The article's figures are as quoted in the article** and unverified. The 3 bn total and the
#   provincial tenders may be counted differently.
# - **Cross-sectional units are not a trial.** Strategies were not randomised in real data, so
#   differences between them mix the strategy with who chose it. The staff adjustment removes one
#   confounder, not all. The willingness to pay per percentage point of needs met is an assumption: no
#   official threshold exists. Read the acceptability curve over its whole range, not at one point.
# - **DEA** measures distance to the best observed units, not to what is possible. It is sensitive to
#   outliers and to the choice of inputs, and its saving is a lower bound (it ignores slacks).
# - **The reward's net saving** depends on the assumed efficiency gain, deadweight and administration
#   cost, none of which is measured here. The break-even gain is the robust number. The budget view
#   counts the reward as a cost. The societal view treats it as a transfer and leaves out any change in
#   staff effort or turnover that the reward might cause.
