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
# # Fiscal pressure: is revenue really lagging the economy, and what does it mean for governance spending?
#
# **Question.** The article this workbench follows (易臻真, 澎湃新闻 The Paper, 2022-04-18) says China's
# urban grassroots governance faces fiscal pressure. It gives four kinds of evidence, and this notebook
# checks each:
#
# 1. National general public budget revenue grew 6.4% from 2019 to 2021, or 3.1% a year, while GDP grew
#    5.2% a year. But revenue is counted in current prices (nominal) and the GDP rate is after inflation
#    (real). Does revenue still lag when both are on the same basis?
# 2. How strongly does revenue follow the economy (its *buoyancy*), in the long run and year to year,
#    over 2012-2024?
# 3. How far does spending exceed own revenue, nationally, in Beijing and Shanghai, and how did
#    provincial spending grow?
# 4. Shanghai's spending on grassroots governance "增加了近1.5倍" during 2016-2020. If it kept growing like
#    that, when would its share of revenue double?

# %% [markdown] tags=["lang-zh"]
# # 财政压力：财政收入真的落后于经济吗？这对基层治理支出意味着什么？
#
# **问题。**本工作台所跟踪的文章（易臻真，澎湃新闻，2022-04-18）认为，我国城市基层治理面临财政压力。
# 文章给出四类证据，本笔记本逐一核查：
#
# 1. 2019-2021年全国一般公共预算收入增长6.4%，年均3.1%，而GDP（国内生产总值）年均增长5.2%。但财政收入
#    按现价（名义）计算，GDP增速则剔除了价格因素（实际）。放在同一口径下，财政收入是否仍然落后？
# 2. 2012-2024年间，财政收入对经济增长的响应（收入弹性）在长期和逐年来看有多强？
# 3. 全国、北京和上海的支出超出本级收入多少？各省支出增长如何？
# 4. 上海基层治理支出在2016-2020年“增加了近1.5倍”。若按这一速度继续增长，其占财政收入的比重何时翻番？

# %% tags=["parameters"]
start_year: int = 2019  # First year of the growth comparison [year]
end_year: int = 2021  # Last year of the growth comparison [year]
gdp_basis: str = 'both'  # GDP growth to compare revenue with: real, nominal or both [category]
gdp_vintage: str = 'revised'  # GDP vintage of the comparison: revised or preliminary [category]
buoyancy_method: str = 'simple'  # Arc buoyancy: ratio of growth rates or of log growth [category]
gdp_break_years: list = [2014, 2019, 2024]  # First years of new economic-census GDP bases [years]
multiple_reading: str = 'by'  # 增加了近1.5倍 read by (2.5x base) or to (1.5x) [category]
governance_multiple: float = 1.5  # Quoted N of 增加了N倍 (Shanghai governance spending) [multiple]
governance_years: int = 5  # Years of the quoted increase (2015 to 2020) [years]
spending_growth_mode: str = 'quote'  # Spending growth from the quote, or spending_growth [category]
spending_growth: float = 0.1  # Growth if spending_growth_mode is direct [fraction per year]
revenue_growth_mode: str = 'direct'  # revenue_growth, or buoyancy x gdp_growth [category]
revenue_growth: float = 0.04  # Nominal growth if revenue_growth_mode is direct [fraction per year]
buoyancy: float = 0.7  # Revenue buoyancy to nominal GDP if revenue_growth_mode is buoyancy [ratio]
gdp_growth: float = 0.05  # GDP growth if revenue_growth_mode is buoyancy [fraction per year]
horizon_years: int = 20  # Projection horizon after the base year 2020 [years]
spending_growth_grid: list = [0.04, 0.06, 0.084, 0.1, 0.12, 0.15, 0.201]  # Fan [fraction per year]
revenue_growth_grid: list = [0.02, 0.03, 0.04, 0.05, 0.06]  # Fan [fraction per year]
data_path: str = ''  # Your national series (CSV/XLSX/Parquet); empty for shipped data [path]
column_map: dict = {}  # Canonical column name to the name in your file [column names]
language: str = 'en'  # Language of figure labels and captions [category]

# %%
from workbench.params import check

p = check("fiscal_pressure", globals())

# %%
from workbench import fiscal
from workbench.fiscal import charts, explore, narration, tables
from workbench.notebook import record, say, show, table

result = fiscal.run(p)
record(result)

# %% [markdown] tags=["lang-en"]
# ## Data and source
#
# National revenue and expenditure come from Ministry of Finance budget reports, and GDP from National
# Bureau of Statistics (NBS) communiqués, as compiled in `data/reference/`, where every row keeps its
# source URL and the sentence it was read from. NBS publishes each year's GDP twice: a preliminary
# estimate in January and a final verification about two years later. Any one growth rate here uses
# levels and rates of a single vintage (`gdp_vintage`). Beijing and Shanghai revenue comes from their
# budget reports; their expenditure, and provincial expenditure by function, from the China Statistical
# Yearbook (a secondary copy in the MIT-licensed `huhuaping/techme` package). Figures the article quotes
# but no stored source confirms are labelled "as quoted in the article". A researcher's own national
# series (`data_path`: columns `year, revenue, gdp`, optionally `expenditure` and
# `gdp_real_growth_pct`; other names mapped with `column_map`) replaces the shipped one.

# %% [markdown] tags=["lang-zh"]
# ## 数据与来源
#
# 全国财政收入和支出取自财政部预算执行报告，GDP取自国家统计局统计公报，整理在 `data/reference/` 中，每一行都保留
# 来源网址和所依据的原句。国家统计局对每年GDP公布两次：1月的初步核算数和约两年后的最终核实数。这里每个增长率都只用
# 同一版本的水平值和增速（`gdp_vintage`）。北京、上海的财政收入取自其预算执行报告；两市支出和各省分功能支出取自
# 《中国统计年鉴》（MIT 许可的 `huhuaping/techme` 包中的二手整理本）。文章引用但找不到可查来源的数字，标为“文章所引”。
# 研究者可用自己的全国数据（`data_path`：列 `year`、`revenue`、`gdp`，可选 `expenditure` 和
# `gdp_real_growth_pct`；其他列名用 `column_map` 对应）替换随附数据。

# %%
say(narration.data(result, p))
table(tables.national_window(result, p))

# %% [markdown] tags=["lang-en"]
# ## Method
#
# - **Growth.** Cumulative growth is $g = X_T / X_0 - 1$; the average annual rate is geometric,
#   $\bar g = (1 + g)^{1/n} - 1$, which is how NBS states a "两年平均增长" (two-year average).
# - **Two bases.** Nominal GDP growth $g_Y$ comes from GDP levels of one vintage; real GDP growth chains
#   the stated real rates, $g_Y^{r} = \prod_t (1 + r_t) - 1$. Revenue is deflated by the implicit GDP
#   deflator, $1 + g_P = (1 + g_Y) / (1 + g_Y^{r})$, so real revenue growth is
#   $g_R^{r} = (1 + g_R) / (1 + g_P) - 1$. Comparing nominal revenue with real GDP, as the article does,
#   puts inflation on one side only.
# - **Arc buoyancy** is revenue growth over GDP growth on the same basis, $b = \bar g_R / \bar g_Y$
#   (`buoyancy_method` simple), or $\ln(1 + \bar g_R) / \ln(1 + \bar g_Y)$ (log) (Haughton 1998). A
#   buoyancy below one means revenue's share of GDP falls.
# - **Long-run and short-run buoyancy** are OLS estimates on annual logs of nominal revenue $R$ and GDP
#   $Y$: the static regression $\ln R_t = c + \beta \ln Y_t + e_t$ and the one-step error-correction model
#   $$\Delta \ln R_t = a + \beta_{SR}\, \Delta \ln Y_t + \lambda \ln R_{t-1} + \theta \ln Y_{t-1} + e_t,
#   \qquad \beta_{LR} = -\theta / \lambda,$$
#   with the standard error of $\beta_{LR}$ by the delta method (Belinga et al. 2014, IMF Working Paper
#   WP/14/110). Years where GDP levels move to a new economic-census base (`gdp_break_years`) get a
#   dummy. Intervals are 95% $t$ intervals.
# - **Fiscal gap** is $E - R$, expenditure minus own revenue; **self-sufficiency** (财政自给率) is $R / E$.
# - **"增加了N倍".** Read "by" (standard usage), spending ends at $1 + N$ times the base; read "to", at $N$
#   times. The annual rate is $f^{1/n} - 1$ for that factor $f$ over $n$ years.
# - **Projection.** From 2020, governance spending grows at $g_S$ and revenue at $g_R$ (given directly, or
#   $(1 + g_Y)^{b} - 1$ from a buoyancy, `buoyancy_method` log). The governance share of revenue relative
#   to 2020 is
#   $$\frac{s_t}{s_{2020}} = \left(\frac{1 + g_S}{1 + g_R}\right)^{t},$$
#   and it doubles in the first year this ratio reaches 2; the answer does not depend on the unknown base
#   level. A grid of assumptions gives the fan chart.

# %% [markdown] tags=["lang-zh"]
# ## 方法
#
# - **增长。**累计增长为 $g = X_T / X_0 - 1$；年均增长取几何平均 $\bar g = (1 + g)^{1/n} - 1$，国家统计局的“两年平均
#   增长”也是这样计算的。
# - **两种口径。**名义GDP增长 $g_Y$ 由同一版本的GDP水平值计算；实际GDP增长把公布的各年实际增速连乘，
#   $g_Y^{r} = \prod_t (1 + r_t) - 1$。财政收入用GDP隐含平减指数 $1 + g_P = (1 + g_Y) / (1 + g_Y^{r})$ 平减，实际
#   收入增长为 $g_R^{r} = (1 + g_R) / (1 + g_P) - 1$。像文章那样拿名义收入与实际GDP相比，只在一边剔除了价格因素。
# - **弧弹性**是同一口径下收入增速与GDP增速之比 $b = \bar g_R / \bar g_Y$（`buoyancy_method` 取简单比值），或
#   $\ln(1 + \bar g_R) / \ln(1 + \bar g_Y)$（取对数）（霍顿，1998）。弹性小于1意味着财政收入占GDP比重下降。
# - **长期与短期收入弹性**用OLS（普通最小二乘）估计，数据为名义财政收入 $R$ 与GDP $Y$ 的年度对数：静态回归
#   $\ln R_t = c + \beta \ln Y_t + e_t$，以及一步法误差修正模型
#   $$\Delta \ln R_t = a + \beta_{SR}\, \Delta \ln Y_t + \lambda \ln R_{t-1} + \theta \ln Y_{t-1} + e_t,
#   \qquad \beta_{LR} = -\theta / \lambda,$$
#   $\beta_{LR}$ 的标准误用德尔塔方法计算（贝林加等，2014，国际货币基金组织工作论文）。GDP水平值换用新经济普查基数的年份
#   （`gdp_break_years`）加入虚拟变量。区间为95%的 $t$ 区间。
# - **财政缺口**为支出减本级收入 $E - R$；**财政自给率**为 $R / E$。
# - **“增加了N倍”。**按通常用法，支出增至基数的 $1 + N$ 倍；另一种理解为增至 $N$ 倍。$n$ 年间的年均增速为
#   $f^{1/n} - 1$，$f$ 为相应倍数。
# - **预测。**自2020年起，基层治理支出按 $g_S$ 增长，财政收入按 $g_R$ 增长（直接给定，或由收入弹性得到
#   $(1 + g_Y)^{b} - 1$）。基层治理支出占财政收入比重相对2020年为
#   $$\frac{s_t}{s_{2020}} = \left(\frac{1 + g_S}{1 + g_R}\right)^{t},$$
#   这一比值首次达到2的年份即为翻番年份，与未知的基数水平无关。一组增速假设构成扇形图。

# %% [markdown] tags=["lang-en"]
# ## Results
#
# ### 1. Revenue against GDP, on the same basis

# %% [markdown] tags=["lang-zh"]
# ## 结果
#
# ### 1. 同一口径下的财政收入与GDP

# %%
say(narration.growth(result, p))
show(charts.revenue_vs_gdp_growth(result, p))
table(tables.growth_comparison(result, p))

# %%
say(narration.vintages(result, p))
table(tables.real_growth_vintages(result, p))

# %% [markdown] tags=["lang-en"]
# ### 2. Revenue as a share of GDP

# %% [markdown] tags=["lang-zh"]
# ### 2. 财政收入占GDP比重

# %%
show(charts.revenue_to_gdp(result, p))
say(narration.ratio(result, p))

# %% [markdown] tags=["lang-en"]
# ### 3. Buoyancy in the long run and the short run

# %% [markdown] tags=["lang-zh"]
# ### 3. 长期与短期收入弹性

# %%
say(narration.buoyancy(result, p))
table(tables.buoyancy(result, p))

# %% [markdown] tags=["lang-en"]
# ### 4. Fiscal gap and self-sufficiency

# %% [markdown] tags=["lang-zh"]
# ### 4. 财政缺口与财政自给率

# %%
say(narration.gap(result, p))
show(charts.fiscal_gap(result, p))
say(narration.beijing_share(result, p))

# %%
say(narration.provinces(result, p))
table(tables.provincial_growth(result, p))
table(tables.provincial_composition(result, p))

# %% [markdown] tags=["lang-en"]
# ### 5. Governance spending against revenue

# %% [markdown] tags=["lang-zh"]
# ### 5. 基层治理支出与财政收入

# %%
say(narration.governance(result, p))
show(charts.governance_fan(result, p))
say(narration.grid(result, p))
table(tables.doubling_years(result, p))

# %% [markdown] tags=["lang-en"]
# ## Scenario explorer
#
# The chart below and the sentence under it show this run's scenario. Move the levers under them (how
# the quote is read, governance-spending growth, revenue growth as a rate or as buoyancy times GDP
# growth, the horizon) and both follow within a second. The explorer recomputes only the projection,
# from this run's result: it reads no data, refits no buoyancy regression and writes nothing to the
# run folder. A report shows it at the run's own parameters.

# %% [markdown] tags=["lang-zh"]
# ## 情景探索
#
# 下图及其下方的一句话显示本次运行的情景。移动再下方的滑块和下拉选项（所引倍数的读法、基层治理支出增速、
# 直接设定或按收入弹性乘GDP增速得出的财政收入增速、预测期），二者会在一秒内随之更新。探索器只根据本次运行的结果
# 重新计算预测：不重新读取数据，不重新估计收入弹性回归，也不向运行目录写入任何文件。报告中显示的是本次运行参数下的状态。

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
# From the project folder, with other parameters or your own national series:
#
# ```
# workbench run fiscal_pressure -p language=zh --name zh
# workbench run fiscal_pressure -f parameters/fiscal_pressure/long_window.yaml
# workbench run fiscal_pressure -p data_path=my_series.csv --name mine
# papermill notebooks/01_fiscal_pressure.ipynb out.ipynb -f parameters/fiscal_pressure/default.yaml --cwd notebooks
# ```
#
# `workbench params fiscal_pressure` lists every parameter with its unit and source. Each figure is drawn
# by the function of the same name in `src/workbench/fiscal/charts.py`.

# %% [markdown] tags=["lang-zh"]
# ## 如何重新运行
#
# 在项目目录下，可换用其他参数或自己的全国数据：
#
# ```
# workbench run fiscal_pressure -p language=zh --name zh
# workbench run fiscal_pressure -f parameters/fiscal_pressure/long_window.yaml
# workbench run fiscal_pressure -p data_path=my_series.csv --name mine
# papermill notebooks/01_fiscal_pressure.ipynb out.ipynb -f parameters/fiscal_pressure/default.yaml --cwd notebooks
# ```
#
# `workbench params fiscal_pressure` 列出每个参数及其单位和来源。每幅图由 `src/workbench/fiscal/charts.py` 中同名的函数绘制。
