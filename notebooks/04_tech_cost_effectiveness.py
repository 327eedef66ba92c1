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
#     display_name: 'Workbench: community-governance project (.venv)'
#     language: python
#     name: workbench
# ---

# %% [markdown] tags=["lang-en"]
# # Technology and service: what does data-platform spending buy, and what would a 30-50% reward cost?
#
# **Question.** The article this workbench follows (易臻真, 澎湃新闻, 2022-04-18) reports that local
# governments issued 22 data-governance policy documents in 2020 and put about 3 billion yuan (30亿元)
# into 572 platform and system projects, led by Zhejiang, Tianjin and Shandong. It argues that leaning on
# technology (dashboards, indicators) instead of people lowers the precision of services, and proposes
# returning 30%-50% of measured efficiency gains to staff as rewards. This notebook asks:
#
# 1. What do the article's spending figures say on their own?
# 2. How does a service outcome respond to technology spending, where do returns diminish, and does the
#    answer change once staff time is held fixed (the article's hypothesis, made testable)?
# 3. Which strategy (tech-heavy, staff-centred, blended) is cost-effective, and how sure can we be?
# 4. Which units are on the efficiency frontier, and how far are the others from it?
# 5. What would the 30%-50% reward cost the budget, what would it save society, and how large must the
#    efficiency gain be for it to pay?

# %% [markdown] tags=["lang-zh"]
# # 技术与服务：数据平台投入换来了什么？30%-50%的奖励要花多少钱？
#
# **问题。**本工作台所依据的文章（易臻真，澎湃新闻，2022-04-18）称，2020年各地出台政务数据治理相关政策
# 文件22项，在572个平台和系统项目上累计投入约30亿元，浙江、天津、山东居前。文章认为，以技术（看板、指标）
# 代替人力会降低服务的精准度，并建议把可计量的效率提升的30%-50%返还给员工作为奖励。本笔记本回答：
#
# 1. 文章给出的投入数字本身说明了什么？
# 2. 服务结果如何随技术投入变化？回报从何处开始递减？控制人员投入之后（把文章的假设变成可检验的问题），
#    结论是否改变？
# 3. 哪种方案（技术密集型、人员为本型、混合型）最具成本效果？我们有多大把握？
# 4. 哪些单位位于效率前沿？其余单位离前沿多远？
# 5. 30%-50%的奖励会让财政花多少钱、为全社会节约多少？效率提升要多大才划算？

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
n_boot: int = 200  # Bootstrap replicates of the curve (0: none, else at least 20) [count]
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

# %%
from workbench.costeff import charts, explore, narration, run, tables
from workbench.notebook import record, say, show, table

result = run(p)
record(result)

# %% [markdown] tags=["lang-en"]
# ## Data and source
#
# **The article's figures** (F4, F5, F10) are in `data/reference/article_tech_spending.csv`. No stored
# public source confirms them, so every table and figure that uses them says "as quoted in the article".
# The provincial amounts come from tenders the article cites on 中国政府采购网; the 3 billion yuan total
# covers all local data-governance construction and service projects, so the two may not be on the same
# basis.
#
# **Programme data.** No public data exist on community technology programmes. By default the notebook uses
# **illustrative synthetic data**: `data/synthetic/programmes.csv`, 300 units made by
# `workbench.synth.programmes(seed=20220418)`, whose mean technology spend is calibrated to 3 billion yuan
# over 572 projects. Units fall into three strategies with different technology and staff mixes. The outcome
# follows a saturating curve of technology spend, minus a built-in penalty for cutting staff (the article's
# hypothesis, so that the methods can be shown to find it). These data are **not evidence about real
# programmes**. A researcher's own file replaces them through `data_path`: one row per unit with `unit_id`,
# `tech_spend` and `staff_cost` (yuan a year), the outcome column and optionally `strategy`; differently
# named columns are mapped with `column_map` (canonical name: your column name).

# %% [markdown] tags=["lang-zh"]
# ## 数据与来源
#
# **文章中的数字**（F4、F5、F10）见 `data/reference/article_tech_spending.csv`。没有任何已存的公开来源能证实它们，
# 因此凡使用这些数字的表格和图都注明“引自原文”。各省金额来自文章所引中国政府采购网的招标信息；30亿元的总额
# 涵盖全部地方政务数据治理建设和服务项目，两者的统计口径可能不同。
#
# **项目数据。**社区技术项目没有公开数据。笔记本默认使用**示意性模拟数据**：`data/synthetic/programmes.csv`，
# 由 `workbench.synth.programmes(seed=20220418)` 生成的300个单位，平均技术投入按30亿元÷572个项目校准。
# 各单位分属三种技术与人员配比不同的方案。结果变量随技术投入呈饱和曲线，并减去预设的人员削减惩罚（即文章的
# 假设，用来展示方法能把它找出来）。这些数据**不是关于真实项目的证据**。研究者可通过 `data_path` 换用自己的文件：
# 每个单位一行，包含 `unit_id`、`tech_spend` 和 `staff_cost`（元/年）、结果变量列，`strategy` 列可选；列名不同时用
# `column_map` 映射（标准列名：你的列名）。

# %%
say(narration.data(result, p))
table(tables.overview(result, p))

# %% [markdown] tags=["lang-en"]
# ## Method
#
# 1. **The article's figures.** Arithmetic only: each province's amount $A_p$ as a share of the total $T$,
#    $A_p / T$, the share of the top three, and the average per project, $T / 572$.
# 2. **Response curves.** The outcome $y_i$ of unit $i$ is fitted by non-linear least squares to a Hill
#    (saturating) curve of its technology spend $x_i$ (Hill 1910; Goutelle et al. 2008),
#    $$y_i = e_0 + e_{\max}\,\frac{x_i^h}{\mathrm{EC}_{50}^h + x_i^h} + \beta\,c_i + \varepsilon_i,
#    \qquad c_i = \max\!\left(0,\; 1 - \frac{s_i}{s_{\mathrm{ref}}}\right),$$
#    or to a log curve $y_i = a + b \ln(1 + x_i / 10^4) + \beta c_i + \varepsilon_i$. The staff cut $c_i$
#    (staff cost $s_i$ against the median) enters only with `adjust_for_staff`; the spend curve is then
#    estimated holding staff fixed, and the article is right if $\beta < 0$. The **marginal return** is
#    $m(x) = f(x + \Delta) - f(x)$, what the next $\Delta$ = `marginal_step` yuan buys; the
#    **diminishing-returns point** is $x^* = \min\{x \ge x_{\mathrm{peak}} : m(x) \le \tau\}$ with
#    $\tau$ = `marginal_threshold`. Intervals come from the delta method (the curve; Seber & Wild 1989)
#    and a case bootstrap (the marginal return and $x^*$; Efron & Tibshirani 1993).
# 3. **Strategies.** Mean cost $C_s$ (the sum of the cost columns) and mean effect $E_s$ (outcome ×
#    `effect_scale`) per strategy. Along the efficient frontier, after removing strongly and extendedly
#    dominated strategies (`dampack::calculate_icers`; Drummond et al. 2015),
#    $$\mathrm{ICER}_k = \frac{C_k - C_{k-1}}{E_k - E_{k-1}}, \qquad
#    \mathrm{NMB}_s(\lambda) = \lambda E_s - C_s,$$
#    at willingness to pay $\lambda$. The probabilistic sensitivity analysis bootstraps units within each
#    strategy `psa_draws` times, keeping the correlation of cost and effect (Briggs, Wonderling & Mooney
#    1997). It gives the acceptability curve $P_s(\lambda)$, the share of draws in which $s$ has the largest
#    NMB, and the expected value of perfect information,
#    $\mathrm{EVPI}(\lambda) = \mathbb{E}[\max_s \mathrm{NMB}_s] - \max_s \mathbb{E}[\mathrm{NMB}_s]$
#    (Claxton 1999; Briggs, Claxton & Sculpher 2006). The one-way tornado moves each strategy's mean over
#    its 95% interval, and $\lambda$ by ±50%. Totals over `horizon_years` are discounted at `discount_rate`
#    with the annuity factor $\sum_{t=1}^{T} (1 + r)^{-t}$ (HM Treasury Green Book 2022).
# 4. **Efficiency frontier.** Input-oriented data envelopment analysis: for each unit $o$,
#    $\min \theta$ subject to $X\lambda \le \theta x_o$, $Y\lambda \ge y_o$, $\lambda \ge 0$ (and
#    $\sum_j \lambda_j = 1$ for variable returns), with the cost columns as inputs and the outcome as output;
#    a second phase finds the slacks (Charnes, Cooper & Rhodes 1978; Banker, Charnes & Cooper 1984). The
#    radial saving is $\sum_o (1 - \theta_o) C_o$.
# 5. **The reward.** Measured saving $S = g B$ (gain $g$ times total cost $B$), reward $R = sS$,
#    deadweight $d$ (the part of $S$ that would have happened anyway), administration $A$ a year:
#    $$\text{budget: } (1 - d)S - sS - A, \qquad \text{society: } (1 - d)S - A, \qquad
#    g^*_{\text{budget}} = \frac{A}{B\,(1 - d - s)}.$$
#    Society counts the reward as a transfer to staff; flows are discounted as above.

# %% [markdown] tags=["lang-zh"]
# ## 方法
#
# 1. **文章中的数字。**只做算术：各省金额 $A_p$ 占总额 $T$ 的比重 $A_p / T$、前三省份合计所占比重，以及平均每个项目
#    投入 $T / 572$。
# 2. **响应曲线。**用非线性最小二乘把单位 $i$ 的结果 $y_i$ 拟合为其技术投入 $x_i$ 的希尔（饱和型）曲线（希尔，1910；
#    古特勒等，2008）：
#    $$y_i = e_0 + e_{\max}\,\frac{x_i^h}{\mathrm{EC}_{50}^h + x_i^h} + \beta\,c_i + \varepsilon_i,
#    \qquad c_i = \max\!\left(0,\; 1 - \frac{s_i}{s_{\mathrm{ref}}}\right),$$
#    或对数曲线 $y_i = a + b \ln(1 + x_i / 10^4) + \beta c_i + \varepsilon_i$。人员削减 $c_i$（人员成本 $s_i$ 相对中位数）
#    仅在 `adjust_for_staff` 开启时加入，此时技术投入曲线是在人员不变的条件下估计的；若文章正确，则 $\beta < 0$。
#    **边际回报** $m(x) = f(x + \Delta) - f(x)$，即再投入 $\Delta$ = `marginal_step` 元能换来的提升；**回报递减点**
#    $x^* = \min\{x \ge x_{\mathrm{peak}} : m(x) \le \tau\}$，其中 $\tau$ = `marginal_threshold`。区间由德尔塔法（曲线；
#    西伯、怀尔德，1989）和个案自助法（边际回报与 $x^*$；埃弗龙、蒂布希拉尼，1993）给出。
# 3. **方案比较。**各方案的平均成本 $C_s$（各成本列之和）和平均效果 $E_s$（结果×`effect_scale`）。剔除强占优和扩展
#    占优的方案后（德拉蒙德等，2015），沿有效前沿计算
#    $$\mathrm{ICER}_k = \frac{C_k - C_{k-1}}{E_k - E_{k-1}}, \qquad
#    \mathrm{NMB}_s(\lambda) = \lambda E_s - C_s,$$
#    其中 $\lambda$ 为支付意愿。概率敏感性分析在各方案内部对单位重抽样 `psa_draws` 次，保留成本与效果的相关性
#    （布里格斯等，1997），由此得到可接受曲线 $P_s(\lambda)$（方案 $s$ 净货币效益最大的抽样比例）和完全信息期望价值
#    $\mathrm{EVPI}(\lambda) = \mathbb{E}[\max_s \mathrm{NMB}_s] - \max_s \mathbb{E}[\mathrm{NMB}_s]$（克拉克斯顿，1999；
#    布里格斯、克拉克斯顿、斯卡尔弗，2006）。单因素龙卷风图让各方案均值在95%区间内变动，$\lambda$ 变动±50%。
#    `horizon_years` 年的总量按 `discount_rate` 以年金系数 $\sum_{t=1}^{T} (1 + r)^{-t}$ 折现（英国财政部《绿皮书》，2022）。
# 4. **效率前沿。**投入导向的数据包络分析：对每个单位 $o$，求 $\min \theta$，约束为 $X\lambda \le \theta x_o$、
#    $Y\lambda \ge y_o$、$\lambda \ge 0$（规模报酬可变时另加 $\sum_j \lambda_j = 1$），以各成本列为投入、结果为产出；第二阶段
#    求松弛（查恩斯、库珀、罗兹，1978；班克、查恩斯、库珀，1984）。径向节约为 $\sum_o (1 - \theta_o) C_o$。
# 5. **奖励方案。**可计量节约 $S = g B$（效率提升 $g$ 乘以总成本 $B$），奖励 $R = sS$，自然发生部分 $d$（本来就会
#    发生的节约），每年管理成本 $A$：
#    $$\text{财政：} (1 - d)S - sS - A, \qquad \text{全社会：} (1 - d)S - A, \qquad
#    g^*_{\text{财政}} = \frac{A}{B\,(1 - d - s)}.$$
#    全社会视角把奖励视为对员工的转移；现金流按上述方法折现。

# %% [markdown] tags=["lang-en"]
# ## Results
#
# ### 1. The article's spending figures (as quoted in the article)

# %% [markdown] tags=["lang-zh"]
# ## 结果
#
# ### 1. 文章中的投入数字（引自原文）

# %%
say(narration.article(result, p))
table(tables.article(result, p))

# %% [markdown] tags=["lang-en"]
# ### 2. Response curves: where do returns to technology diminish?

# %% [markdown] tags=["lang-zh"]
# ### 2. 响应曲线：技术投入的回报从何处开始递减？

# %%
say(narration.response(result, p))
table(tables.fits(result, p))
show(charts.response_curve(result, p))

# %% [markdown] tags=["lang-en"]
# **The confounding the article's hypothesis predicts.** In these data, units that spend more on technology
# also spend less on staff. If cutting staff lowers precision, a curve on technology spend alone blames
# technology for part of the staff loss and *understates* what technology buys. Adding the staff cut as a
# covariate separates the two, and its coefficient $\beta$ tests the article's claim.

# %% [markdown] tags=["lang-zh"]
# **文章假设所预言的混杂。**在这些数据中，技术投入多的单位人员投入也少。如果削减人员会降低精准度，那么只对技术投入
# 拟合的曲线会把人员减少造成的一部分损失算到技术头上，从而*低估*技术的作用。把人员削减作为协变量加入即可把两者
# 分开，其系数 $\beta$ 就是对文章观点的检验。

# %%
say(narration.confounding(result, p))
table(tables.confounding(result, p))

# %% [markdown] tags=["lang-en"]
# ### 3. Strategies: which is cost-effective?

# %% [markdown] tags=["lang-zh"]
# ### 3. 方案比较：哪种方案最具成本效果？

# %%
say(narration.strategies(result, p))
if result.comparison:
    table(tables.strategies(result, p))
    table(tables.nmb(result, p))
    show(charts.ce_plane(result, p))

# %% [markdown] tags=["lang-en"]
# ### 4. Uncertainty and the value of more evidence

# %% [markdown] tags=["lang-zh"]
# ### 4. 不确定性与更多证据的价值

# %%
say(narration.uncertainty(result, p))
if result.comparison:
    table(tables.discounting(result, p))
    show(charts.ceac(result, p))
    show(charts.tornado(result, p))

# %% [markdown] tags=["lang-en"]
# ### 5. The efficiency frontier (data envelopment analysis)

# %% [markdown] tags=["lang-zh"]
# ### 5. 效率前沿（数据包络分析）

# %%
say(narration.frontier(result, p))
if result.frontier.by_strategy is not None:
    table(tables.dea_by_strategy(result, p))
table(tables.dea_ranking(result, p))
show(charts.dea_ranking(result, p))

# %% [markdown] tags=["lang-en"]
# ### 6. The reward: returning 30%-50% of measured savings

# %% [markdown] tags=["lang-zh"]
# ### 6. 奖励方案：返还30%-50%的可计量节约

# %%
say(narration.reward(result, p))
table(tables.reward(result, p))
show(charts.incentive(result, p))

# %% [markdown] tags=["lang-en"]
# ## Key findings and key numbers

# %% [markdown] tags=["lang-zh"]
# ## 主要发现与关键数字

# %%
say(narration.bullets(narration.findings(result, p)))
table(tables.key_numbers(result, p))

# %% [markdown] tags=["lang-en"]
# ## Explore the decision
#
# Move the willingness to pay, the share of measured savings returned to staff (within
# `reward_share_range`) and the measured efficiency gain: the explorer recomputes the optimal strategy,
# its net monetary benefit and the chance it is cost-effective (from this run's PSA draws), and the
# reward's net saving to the budget, and redraws the chart. It recomputes from this run's result without
# refitting anything (the response curves, the DEA and the PSA stay as they are), and it writes nothing
# to the run folder; the report shows it at this run's parameters.

# %% [markdown] tags=["lang-zh"]
# ## 探索决策
#
# 调整支付意愿、返还给员工的可计量节约比例（在 `reward_share_range` 范围内）和可计量的效率提升：
# 探索器会重新计算最优方案、其净货币效益和最具成本效果的概率（基于本次运行的概率敏感性分析抽样），以及奖励方案
# 给财政带来的净节约，并重绘图表。它只用本次运行的结果重新计算，不重新拟合任何模型（响应曲线、数据包络分析和
# 概率敏感性分析保持不变），也不向运行文件夹写入任何内容；报告中显示的是本次运行参数下的状态。

# %%
explore.explorer(result, p)

# %% [markdown] tags=["lang-en"]
# ## Caveats

# %% [markdown] tags=["lang-zh"]
# ## 注意事项

# %%
say(narration.bullets(narration.caveats(result, p)))

# %% [markdown] tags=["lang-en"]
# ## How to re-run
#
# ```
# workbench run tech_cost_effectiveness -f parameters/tech_cost_effectiveness/no_staff_penalty.yaml
# workbench run tech_cost_effectiveness -p data_path=my_programmes.csv -p language=zh --name mine
# papermill notebooks/04_tech_cost_effectiveness.ipynb out.ipynb -f parameters/tech_cost_effectiveness/default.yaml --cwd notebooks
# ```
#
# `workbench params tech_cost_effectiveness` lists every parameter with its unit and source. Each figure is
# drawn by the function of the same name in `src/workbench/costeff/charts.py`.

# %% [markdown] tags=["lang-zh"]
# ## 如何重新运行
#
# ```
# workbench run tech_cost_effectiveness -f parameters/tech_cost_effectiveness/no_staff_penalty.yaml
# workbench run tech_cost_effectiveness -p data_path=my_programmes.csv -p language=zh --name mine
# papermill notebooks/04_tech_cost_effectiveness.ipynb out.ipynb -f parameters/tech_cost_effectiveness/default.yaml --cwd notebooks
# ```
#
# `workbench params tech_cost_effectiveness` 列出全部参数及其单位和来源。每张图都由
# `src/workbench/costeff/charts.py` 中同名的函数绘制。
