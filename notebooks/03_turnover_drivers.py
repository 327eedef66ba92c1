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
# # Why do residents'-committee staff leave? Testing the article's explanations of turnover
#
# **Question.** The article this workbench follows (易臻真, 澎湃新闻, 2022-04-18; figure F9, as quoted
# in the article) says that Shanghai's residents' committees have lost more than 30% of their staff a
# year in recent years, and more among young staff once they hold the social-worker certificate
# (社工证). It puts this down to low pay and status, overlapping party and mass-organisation duties,
# heavy workloads and weak professional identity. This notebook treats those explanations as
# **hypotheses**:
#
# 1. How high is turnover, in which groups, and is it above the 30% benchmark?
# 2. Which drivers go with leaving, on the probability scale, once the others are held fixed?
# 3. How long do staff stay, and do the same drivers shorten tenure?
# 4. How well can leaving be predicted, and does a flexible model rank the drivers as the logit does?
# 5. What would a pay rise, shorter hours or less duty overlap do to turnover, and would the saving on
#    replacing leavers pay for it? What about the article's idea of returning 30%-50% of efficiency
#    gains to staff?

# %% [markdown] tags=["lang-zh"]
# # 居委会工作人员为何离职？检验原文对人员流失的解释
#
# **问题。**本工作台所依据的文章（易臻真，澎湃新闻，2022-04-18；图F9，引自原文）称，近年来上海居委会
# 每年流失三成以上的工作人员，年轻人取得社工证后流失更多；文章将其归因于薪酬和地位偏低、党群职责
# 重叠、工作负担重以及职业认同弱。本笔记本把这些解释当作**假设**来检验：
#
# 1. 离职率有多高？哪些群体更高？是否高于30%的基准？
# 2. 在其他因素不变时，哪些因素在概率尺度上与离职相关？
# 3. 工作人员留任多久？同样的因素是否缩短任职时间？
# 4. 离职能在多大程度上被预测？灵活的预测模型与逻辑回归对各因素的排序是否一致？
# 5. 加薪、缩短工时或减少职责重叠会使离职率如何变化？节省的替换成本能否覆盖其开支？原文提出把
#    效率收益的30%-50%返还给员工，效果又如何？

# %% tags=["parameters"]
data_path: str = ''  # Your workers file (CSV, XLSX, Parquet); empty: shipped synthetic data [path]
column_map: dict = {}  # Canonical column name to the name in your file [column names]
outcome: str = 'left'  # Outcome column: 1 if the worker left during the year [column name (0/1)]
duration: str = 'tenure_years'  # Years of service at exit or at year end [column name (years)]
entry: str = 'tenure_start_years'  # Delayed-entry column; empty: none [column name (years)]
drivers: list = [
    'age',
    'monthly_pay',
    'weekly_hours',
    'duty_overlap',
    'has_sw_certificate',
    'professional_identity',
    'resident_recognition',
]  # Numeric drivers of leaving [column names]
categorical: list = ['contract_type']  # Categorical drivers (one-hot) [column names]
cluster: str = 'district'  # Clusters of the cluster-robust errors; empty for none [column name]
young_age: float = 35.0  # Age below which a worker counts as young, for the age bands [years]
benchmark_rate: float = 0.3  # Turnover rate to compare with [fraction per year]
alpha: float = 0.05  # 1 - confidence level (0.001 to 0.5: 99.9% to 50% intervals) [fraction]
model: str = 'hgb'  # Prediction model: hgb (gradient boosting) or rf (random forest) [category]
cv_folds: int = 5  # Stratified cross-validation folds (one repeat) [count]
permutation_repeats: int = 5  # Shuffles per driver and held-out fold [count]
rank_tolerance: int = 1  # Largest rank difference not flagged as a disagreement [ranks]
ph_transform: str = 'km'  # Time transform of the proportional-hazards test [category]
pay_rise_pct: list = [5.0, 10.0, 20.0]  # Pay rises to simulate [percent of monthly pay]
hours_cut: list = [2.0, 5.0]  # Cuts in weekly working hours to simulate [hours per week]
overlap_cut: list = [0.1, 0.2]  # Cuts in the duty-overlap index to simulate [index points (0-1)]
combine_scenarios: bool = False  # Also simulate every combination of the three levers [flag]
replacement_cost_yuan: float = 40000.0  # Cost of replacing one leaver [yuan per exit]
employer_oncost_rate: float = 0.0  # Employer on-costs on top of pay [fraction of pay]
overlap_cost_yuan_per_worker: float = 0.0  # Cost of 0.1 less overlap (0: none) [yuan/worker/year]
reward_shares: list = [0.3, 0.5]  # Shares of an efficiency gain returned to staff [fraction]
efficiency_gain_pct_of_payroll: float = 5.0  # Gain shared as rewards [% of annual payroll]
n_draws: int = 500  # Parametric-bootstrap draws for the scenario intervals [count]
seed: int = 20220418  # Seed of the folds, models, shuffles and draws [integer]
language: str = 'en'  # Language of figure labels and captions [category]

# %%
from workbench.params import check

p = check("turnover_drivers", globals())

# %%
from workbench import turnover
from workbench.notebook import record, say, show, table
from workbench.turnover import charts, explore, narration, tables

result = turnover.run(p)
record(result)

# %% [markdown] tags=["lang-en"]
# ## Data and source
#
# No public microdata exist on community workers' careers (F9 comes with none). By default the
# notebook therefore uses **illustrative synthetic data**: `data/synthetic/workers.csv`, 3,000 workers
# in Shanghai's 16 districts made by `workbench.synth.workers(seed=20220418)` and calibrated to the
# article's 30% turnover. Leaving is drawn from a known logit model (`workbench.synth.WORKERS_TRUE_LOGIT`)
# with built-in effects of pay, hours, duty overlap, identity, contract and a young-certificate effect,
# and a deliberate **null** for residents' recognition (the article's "status"); section 6 checks that
# the methods recover them. These data are **not evidence about real workers**.
#
# A researcher's own HR or survey file replaces them through `data_path` (CSV in UTF-8 or GBK, XLSX or
# Parquet): one row per worker with `worker_id`, `left` (0/1: left during the observation year),
# `tenure_years` (years of service at exit or at the end of the year, > 0) and the driver columns; the
# delayed-entry column `tenure_start_years` is optional, and `column_map` maps each canonical name to
# the column name in the file. The file is checked before the notebook runs, and the rows that break
# the schema are named by file line.

# %% [markdown] tags=["lang-zh"]
# ## 数据与来源
#
# 社区工作者职业经历的公开微观数据并不存在（F9也没有附带数据）。因此本笔记本默认使用**示意性模拟数据**：
# `data/synthetic/workers.csv`，由 `workbench.synth.workers(seed=20220418)` 生成的上海16个区的3,000名
# 工作人员，并按原文30%的离职率校准。离职由已知的逻辑回归模型（`workbench.synth.WORKERS_TRUE_LOGIT`）
# 抽取，其中设定了薪酬、工时、职责重叠、职业认同、合同类型以及年轻持证人员的效应，并有意将居民认可
# （原文所说的“地位”）的效应设为**零**；第6节检验各方法能否还原这些效应。这些数据**不是关于真实人员的证据**。
#
# 研究者可通过 `data_path` 换用自己的人事或调查数据（UTF-8或GBK编码的CSV、XLSX或Parquet文件）：每名工作
# 人员一行，包含 `worker_id`、`left`（0/1：观察年内是否离职）、`tenure_years`（离职时或年末的工龄，> 0）
# 以及各因素列；延迟进入列 `tenure_start_years` 可选，`column_map` 把每个规范列名对应到文件中的列名。
# 笔记本运行前会检查该文件，并按文件行号指出不符合要求的行。

# %%
say(narration.data(result, p))
table(tables.drivers(result, p))

# %% [markdown] tags=["lang-en"]
# ## Method
#
# 1. **Rates.** Annual turnover is $\hat p = d / n$, leavers over the workers on the roll during the
#    year. Its Wilson (1927; Newcombe 1998) interval is
#    $$\frac{\hat p + \frac{z^2}{2n} \pm z \sqrt{\frac{\hat p (1 - \hat p)}{n} + \frac{z^2}{4 n^2}}}{1 + z^2 / n},$$
#    and an exact binomial test compares $\hat p$ with the benchmark.
# 2. **Logit.** $P(\text{left}_i = 1 \mid x_i) = F(x_i'\beta) = 1 / (1 + e^{-x_i'\beta})$, fitted by
#    maximum likelihood with standard errors cluster-robust by `cluster` (Cameron, Gelbach & Miller
#    2008). Drivers are compared on the **probability scale** (Mood 2010): for a numeric driver the
#    average marginal effect times one standard deviation,
#    $$\text{AME}_k \cdot \text{SD}_k = \text{SD}_k \cdot \frac{1}{n} \sum_i F(x_i'\beta)\,(1 - F(x_i'\beta))\,\beta_k,$$
#    and for a 0/1 driver or a category against its reference the average discrete change
#    $\frac{1}{n} \sum_i [F(x_{i1}'\beta) - F(x_{i0}'\beta)]$. Separation is checked by a linear
#    program (Konis 2007); fewer than 10 events per term are flagged (Peduzzi et al. 1996).
# 3. **Survival.** Kaplan-Meier curves $\hat S(t) = \prod_{t_j \le t} (1 - d_j / n_j)$ by age band and
#    certificate, with delayed entry when the data are the staff in post at the start of the year
#    (Kaplan & Meier 1958). A Cox model $h(t \mid x) = h_0(t) \exp(x'\beta)$ with Efron ties (Cox 1972;
#    Efron 1977) and cluster-robust errors (Lin & Wei 1989); proportional hazards are checked with the
#    Grambsch-Therneau (1994) test on scaled Schoenfeld residuals.
# 4. **Prediction.** A gradient-boosting (or random-forest) pipeline is scored by stratified k-fold
#    cross-validation: ROC-AUC, PR-AUC (the no-skill level is the turnover rate), the Brier score
#    $\frac{1}{n} \sum_i (\hat p_i - y_i)^2$ and a calibration table. Permutation importance is the drop
#    in held-out ROC-AUC when one driver is shuffled (Breiman 2001; Fisher, Rudin & Dominici 2019); the
#    logit's and the model's rankings are then compared.
# 5. **What-ifs.** Scenario $s$ changes every worker's drivers and predicts
#    $\bar p_s = \frac{1}{n} \sum_i F(x_i^{s\prime} \hat\beta)$; intervals come from a parametric
#    bootstrap $\beta_d \sim N(\hat\beta, \hat V)$ (King, Tomz & Wittenberg 2000). Exits averted,
#    $n (\bar p_0 - \bar p_s)$, are valued at the replacement cost per exit and set against the cost of
#    the change. The article's reward (F10) is a pay top-up worth 30%-50% of an assumed efficiency gain.

# %% [markdown] tags=["lang-zh"]
# ## 方法
#
# 1. **离职率。**年离职率 $\hat p = d / n$，即离职人数除以年内在册人数。其威尔逊区间（威尔逊，1927；纽科姆，1998）为
#    $$\frac{\hat p + \frac{z^2}{2n} \pm z \sqrt{\frac{\hat p (1 - \hat p)}{n} + \frac{z^2}{4 n^2}}}{1 + z^2 / n},$$
#    并以精确二项检验将 $\hat p$ 与基准比较。
# 2. **逻辑回归。**$P(\text{left}_i = 1 \mid x_i) = F(x_i'\beta) = 1 / (1 + e^{-x_i'\beta})$，以最大似然估计，
#    标准误按 `cluster` 聚类稳健（卡梅伦、盖尔巴赫和米勒，2008）。各因素在**概率尺度**上比较（穆德，2010）：
#    数值型因素取平均边际效应乘以1个标准差，
#    $$\text{AME}_k \cdot \text{SD}_k = \text{SD}_k \cdot \frac{1}{n} \sum_i F(x_i'\beta)\,(1 - F(x_i'\beta))\,\beta_k,$$
#    0/1因素或相对于参照类别的类别取平均离散变化 $\frac{1}{n} \sum_i [F(x_{i1}'\beta) - F(x_{i0}'\beta)]$。
#    以线性规划检验完全分离（科尼斯，2007）；每项事件数少于10时给出警示（佩杜齐等，1996）。
# 3. **生存分析。**按年龄段和社工证分组的卡普兰-迈耶曲线 $\hat S(t) = \prod_{t_j \le t} (1 - d_j / n_j)$，
#    数据为年初在岗人员时考虑延迟进入（卡普兰和迈耶，1958）。考克斯模型 $h(t \mid x) = h_0(t) \exp(x'\beta)$
#    采用埃夫隆法处理结（考克斯，1972；埃夫隆，1977），标准误聚类稳健（林和魏，1989）；以格兰布施-特尔诺
#    检验（1994）基于标准化舍恩菲尔德残差检验比例风险假定。
# 4. **预测。**梯度提升（或随机森林）模型以分层k折交叉验证评分：ROC-AUC（受试者工作特征曲线下面积）、
#    PR-AUC（无预测能力时等于离职率）、布里尔分数 $\frac{1}{n} \sum_i (\hat p_i - y_i)^2$ 及校准表。置换重要性是
#    打乱单个因素后留出样本ROC-AUC的下降（布雷曼，2001；费希尔、鲁丁和多米尼奇，2019）；随后比较逻辑回归与
#    预测模型的两种排序。
# 5. **假设情景。**情景 $s$ 改变每名人员的因素取值，预测 $\bar p_s = \frac{1}{n} \sum_i F(x_i^{s\prime} \hat\beta)$；
#    区间来自参数自助法 $\beta_d \sim N(\hat\beta, \hat V)$（金、汤姆兹和维滕贝格，2000）。减少的离职人数
#    $n (\bar p_0 - \bar p_s)$ 按每人替换成本折算，并与改变的成本相比。原文的奖励设想（F10）按假设效率收益的
#    30%-50%以加薪方式发放。

# %% [markdown] tags=["lang-en"]
# ## Results
#
# ### 1. How high is turnover, and where?

# %% [markdown] tags=["lang-zh"]
# ## 结果
#
# ### 1. 离职率有多高？哪些群体更高？

# %%
say(narration.rates(result, p))
say(narration.young_certificate(result, p))
show(charts.turnover_rates(result, p))
table(tables.rates(result, p))

# %% [markdown] tags=["lang-en"]
# ### 2. Which drivers go with leaving? (logit: probability effects and odds ratios)

# %% [markdown] tags=["lang-zh"]
# ### 2. 哪些因素与离职相关？（逻辑回归：概率效应与优势比）

# %%
say(narration.logit(result, p))
say(narration.top_driver(result, p))
say(narration.significance(result, p))
show(charts.logit_forest(result, p))
table(tables.logit(result, p))

# %% [markdown] tags=["lang-en"]
# **The article's explanations, one by one.** Each claim is judged on the probability scale:
# *supported* if the effect is significant at `alpha` with the expected sign, *contradicted* if it is
# significant the other way, otherwise *no clear association*.

# %% [markdown] tags=["lang-zh"]
# **逐条检验原文的解释。**每项解释都在概率尺度上判断：效应在 `alpha` 水平上显著且方向符合预期为*支持*，
# 显著但方向相反为*相反*，否则为*无明确关联*。

# %%
say(narration.hypotheses(result, p))
table(tables.hypotheses(result, p))

# %% [markdown] tags=["lang-en"]
# ### 3. How long do staff stay? (Kaplan-Meier and Cox)

# %% [markdown] tags=["lang-zh"]
# ### 3. 工作人员留任多久？（卡普兰-迈耶曲线与考克斯模型）

# %%
say(narration.survival(result, p))
show(charts.survival_curves(result, p))
table(tables.retention(result, p))
say(narration.cox(result, p))
table(tables.cox(result, p))

# %% [markdown] tags=["lang-en"]
# ### 4. Can leaving be predicted, and do the two rankings agree?

# %% [markdown] tags=["lang-zh"]
# ### 4. 离职能否被预测？两种排序是否一致？

# %%
say(narration.prediction(result, p))
show(charts.permutation_importance(result, p))
show(charts.calibration(result, p))
table(tables.calibration(result, p))
say(narration.ranking(result, p))
table(tables.ranking(result, p))

# %% [markdown] tags=["lang-en"]
# ### 5. What if pay rose, hours fell or duties overlapped less?

# %% [markdown] tags=["lang-zh"]
# ### 5. 如果加薪、减少工时或减少职责重叠会怎样？

# %%
say(narration.scenarios(result, p))
if result.scenarios is not None:
    say(narration.costs(result, p))
    show(charts.counterfactual_turnover(result, p))
    table(tables.scenarios(result, p))
say(narration.rewards(result, p))
if result.rewards is not None:
    table(tables.rewards(result, p))

# %% [markdown] tags=["lang-en"]
# ### 6. Do the methods recover what was built into the synthetic data?
#
# Only for the synthetic data, whose true effects are known (`workbench.synth.WORKERS_TRUE_LOGIT`). The
# true model also has an extra effect for certificate holders under 35 (`cert_x_young`); the
# main-effects logit here has no such term, so age and the certificate absorb it.

# %% [markdown] tags=["lang-zh"]
# ### 6. 各方法能否还原模拟数据中设定的效应？
#
# 仅适用于真实效应已知的模拟数据（`workbench.synth.WORKERS_TRUE_LOGIT`）。真实模型还为35岁以下持证人员设定了
# 额外效应（`cert_x_young`）；此处的主效应逻辑回归没有这一项，因此年龄和社工证吸收了该效应。

# %%
say(narration.truth(result, p))
if result.truth is not None:
    table(tables.truth(result, p))

# %% [markdown] tags=["lang-en"]
# ### Warnings

# %% [markdown] tags=["lang-zh"]
# ### 警示

# %%
say(narration.warnings(result, p))

# %% [markdown] tags=["lang-en"]
# ## What the data say

# %% [markdown] tags=["lang-zh"]
# ## 数据说明了什么

# %%
say(narration.summary(result, p))

# %% [markdown] tags=["lang-en"]
# ## Explore the scenarios
#
# Set a pay rise, a cut in weekly hours and a cut in duty overlap with the sliders, all three applied
# together; the key number and the chart show predicted turnover with no change, with each lever alone
# and with all of them at once. They are recomputed from the logit this run has already fitted (the
# same coefficients and bootstrap draws), without refitting any model or reading the data again, and
# nothing is written to the run folder. The sliders start at the first value of `pay_rise_pct`,
# `hours_cut` and `overlap_cut`, which is the state the executed notebook and its report keep. As
# above, this is what-if arithmetic that reads the logit as causal.

# %% [markdown] tags=["lang-zh"]
# ## 情景探索
#
# 用滑块设定加薪幅度、每周工时减少量和职责重叠指数降低量，三者同时实施；关键数字和图表显示不作改变、每项
# 措施单独实施以及同时实施时的预测离职率。它们由本次运行已拟合的逻辑回归（相同的系数和自助法抽样）重新
# 计算，不重新拟合任何模型，也不重新读取数据，并且不向运行文件夹写入任何内容。滑块从 `pay_rise_pct`、
# `hours_cut` 和 `overlap_cut` 的第一个取值开始，执行后的笔记本及其报告保留的就是这一初始状态。与上文一样，
# 这是把逻辑回归当作因果关系的假设推算。

# %%
explore.explorer(result, p)

# %% [markdown] tags=["lang-en"]
# ## Caveats

# %% [markdown] tags=["lang-zh"]
# ## 注意事项

# %%
say("\n".join(f"- {c}" for c in narration.caveats(result, p)))

# %% [markdown] tags=["lang-en"]
# ## How to re-run
#
# With other parameters, from the repository root (a YAML file of your own, or `-p name=value`):
#
# ```
# workbench run turnover_drivers -f parameters/turnover_drivers/default.yaml -p language=zh --name zh
# ```
#
# or with papermill alone:
#
# ```
# papermill notebooks/03_turnover_drivers.ipynb out.ipynb -f parameters/turnover_drivers/default.yaml --cwd notebooks
# ```
#
# Each figure is drawn by the function of the same name in `src/workbench/turnover/charts.py`.

# %% [markdown] tags=["lang-zh"]
# ## 如何重新运行
#
# 在仓库根目录下用其他参数运行（使用自己的YAML文件，或 `-p name=value`）：
#
# ```
# workbench run turnover_drivers -f parameters/turnover_drivers/default.yaml -p language=zh --name zh
# ```
#
# 或只用papermill：
#
# ```
# papermill notebooks/03_turnover_drivers.ipynb out.ipynb -f parameters/turnover_drivers/default.yaml --cwd notebooks
# ```
#
# 每幅图都由 `src/workbench/turnover/charts.py` 中同名的函数绘制。
