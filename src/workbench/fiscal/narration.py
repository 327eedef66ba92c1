"""The fiscal-pressure notebook's paragraphs, built from the result, in English or Chinese.

Each section function returns Markdown for :func:`workbench.notebook.say`; :func:`findings`,
:func:`methods` and :func:`caveats` also serve the policy brief.
"""

from __future__ import annotations

from pathlib import Path

from workbench import units
from workbench.figures import tr
from workbench.fiscal import labels
from workbench.fiscal.labels import CITIES, VINTAGES, name
from workbench.fiscal.pipeline import Result
from workbench.glossary import gloss
from workbench.params.fiscal import FiscalPressureParams
from workbench.units import Lang


def _lang(params: FiscalPressureParams, lang: Lang | None) -> Lang:
    return lang or params.language


def _pct(value: float | None, lang: Lang, digits: int = 1) -> str:
    return units.pct(value, digits, lang)


def _yi(value: float | None, lang: Lang) -> str:
    """An amount in 亿元 as a person writes it (20.25 trillion yuan / 20.25万亿元)."""
    return units.fmt(value, "亿元", lang)


def _ratio(value: float | None, lang: Lang) -> str:
    return units.fmt(value, "ratio", lang)


def _years(years, lang: Lang) -> str:
    return tr(lang, ", ", "、").join(str(y) for y in years)


# ----------------------------------------------------------------------------------------------
# data
# ----------------------------------------------------------------------------------------------


def data(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """Which national series this run uses, its years, vintage and estimated levels."""
    lang = _lang(params, lang)
    y0, y1 = result.series_years
    a, b = params.start_year, params.end_year
    if result.data_kind == "user":
        file = Path(result.data_file or "").name
        return tr(
            lang,
            f"**National series:** your file `{file}`, {y0}-{y1}, with its levels read as 亿元 "
            "(100 million yuan). The table of NBS vintages below still uses the shipped "
            "reference data, since your file has one vintage only.",
            f"**全国数据：**用户文件 `{file}`，{y0}-{y1}年，水平值按亿元读取。下文国家统计局"
            "各版本数据表仍用随附参考数据，因为用户文件只有一个版本。",
        )
    vintage = name(lang, VINTAGES[params.gdp_vintage])
    text = tr(
        lang,
        f"**National series:** the shipped reference data, {y0}-{y1}; the growth comparison "
        f"uses the **{vintage}** GDP vintage for {a}-{b}.",
        f"**全国数据：**随附参考数据，{y0}-{y1}年；增长比较使用{a}-{b}年"
        f"**{vintage}**的{gloss('GDP')}数据。",
    )
    if result.imputed_years:
        years = _years(result.imputed_years, lang)
        text += tr(
            lang,
            f' Revenue for {years} is published only as "突破21万亿元" (over 21 trillion '
            "yuan), so its level is estimated from the stated growth rate and marked as such.",
            f"{years}年财政收入只公布为“突破21万亿元”，其水平值按公布的增长率推算，并在图中标明。",
        )
    return text


# ----------------------------------------------------------------------------------------------
# 1. revenue against GDP
# ----------------------------------------------------------------------------------------------


def _pace(a: float, b: float, lang: Lang) -> str:
    if a < b:
        return tr(lang, "more slowly than", "慢于")
    return tr(lang, "faster than", "快于") if a > b else tr(lang, "as fast as", "等同于")


def _nominal_sentence(result: Result, lang: Lang) -> str:
    c = result.comparison
    rev_a, nom = c.get("revenue_growth_annual"), c.get("gdp_nominal_growth_annual")
    r0, r1 = c.get("revenue_to_gdp_start"), c.get("revenue_to_gdp_end")
    vintage = name(lang, VINTAGES.get(c.vintage, VINTAGES["given"]))
    return tr(
        lang,
        f" Nominal GDP ({vintage} levels) grew {_pct(nom, lang)} a year, so revenue grew "
        f"{_pace(rev_a, nom, lang)} the economy in current prices: nominal buoyancy "
        f"{_ratio(c.get('buoyancy_nominal'), lang)}, and revenue went from {_pct(r0, lang)} to "
        f"{_pct(r1, lang)} of GDP.",
        f"名义GDP（{vintage}水平值）年均增长{_pct(nom, lang)}，按现价计算财政收入增长"
        f"{_pace(rev_a, nom, lang)}经济：名义口径收入弹性为"
        f"{_ratio(c.get('buoyancy_nominal'), lang)}，"
        f"财政收入占GDP比重由{_pct(r0, lang)}变为{_pct(r1, lang)}。",
    )


def _real_sentence(result: Result, lang: Lang) -> str:
    c = result.comparison
    real, rev_real = c.get("gdp_real_growth_annual"), c.get("revenue_real_growth_annual")
    defl = c.get("gdp_deflator_growth_cumulative")
    return tr(
        lang,
        f" Real GDP grew {_pct(real, lang)} a year. Deflated by the GDP deflator (up "
        f"{_pct(defl, lang)} over the period), revenue grew {_pct(rev_real, lang)} a year in "
        f"real terms, {_pace(rev_real, real, lang)} real GDP: real buoyancy "
        f"{_ratio(c.get('buoyancy_real'), lang)}.",
        f"实际GDP年均增长{_pct(real, lang)}。用GDP平减指数（期内累计上涨{_pct(defl, lang)}）"
        f"平减后，财政收入实际年均增长{_pct(rev_real, lang)}，{_pace(rev_real, real, lang)}"
        f"实际GDP：实际口径收入弹性为{_ratio(c.get('buoyancy_real'), lang)}。",
    )


def growth(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """Revenue growth against GDP growth on the nominal and the real basis."""
    lang = _lang(params, lang)
    c = result.comparison
    a, b = params.start_year, params.end_year
    n = b - a
    text = tr(
        lang,
        f"Revenue went from {_yi(c.get('revenue_start'), lang)} to "
        f"{_yi(c.get('revenue_end'), lang)} between {a} and {b}: "
        f"{_pct(c.get('revenue_growth_cumulative'), lang)} in total, "
        f"{_pct(c.get('revenue_growth_annual'), lang)} a year over {n} year{'s' if n > 1 else ''}.",
        f"{a}-{b}年，财政收入由{_yi(c.get('revenue_start'), lang)}增至"
        f"{_yi(c.get('revenue_end'), lang)}："
        f"累计增长{_pct(c.get('revenue_growth_cumulative'), lang)}，"
        f"{n}年间年均增长{_pct(c.get('revenue_growth_annual'), lang)}。",
    )
    if c.get("gdp_nominal_growth_annual") is not None:
        text += _nominal_sentence(result, lang)
    if c.get("gdp_real_growth_annual") is not None:
        text += _real_sentence(result, lang)
    if c.get("buoyancy_mixed_article") is not None:
        text += tr(
            lang,
            " The article's comparison, nominal revenue against real GDP, gives a ratio of "
            f"{_ratio(c.get('buoyancy_mixed_article'), lang)}; it mixes bases, and is not a "
            "buoyancy.",
            f"文章的比较口径（名义财政收入对实际GDP）得到的比值为"
            f"{_ratio(c.get('buoyancy_mixed_article'), lang)}；它混用了两种口径，并不是收入弹性。",
        )
    text += _cautions(result, params, lang)
    return text


def _cautions(result: Result, params: FiscalPressureParams, lang: Lang) -> str:
    c = result.comparison
    text = ""
    if c.crossed_breaks and c.vintage != "revised" and c.get("gdp_nominal_growth_annual"):
        vintage = name(lang, VINTAGES.get(c.vintage, VINTAGES["given"]))
        years = _years(c.crossed_breaks, lang)
        text += tr(
            lang,
            f" **Caution:** with {vintage} GDP, the levels for {params.start_year} and "
            f"{params.end_year} sit on different economic-census bases (rebasings in {years}), "
            "so nominal GDP growth, the deflator and the fall in revenue's share of GDP are "
            "overstated, and revenue's real growth understated.",
            f"**注意：**使用{vintage}GDP时，{params.start_year}年与{params.end_year}年的水平值"
            f"处于不同的经济普查基数上（{years}年修订），因此名义GDP增长、平减指数和财政收入占"
            "GDP比重的下降都被高估，财政收入的实际增长被低估。",
        )
    if params.gdp_basis == "real":
        text += tr(
            lang,
            " `gdp_basis` is 'real', so the nominal-basis figures are not computed and are "
            "recorded as None.",
            "本次 `gdp_basis` 为实际口径，因此名义口径的数字不计算，记为空值。",
        )
    elif params.gdp_basis == "nominal":
        text += tr(
            lang,
            " `gdp_basis` is 'nominal', so the real-basis figures are not computed and are "
            "recorded as None.",
            "本次 `gdp_basis` 为名义口径，因此实际口径的数字不计算，记为空值。",
        )
    return text


def vintages(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """Which NBS vintages give which average real growth, and which the article used."""
    lang = _lang(params, lang)
    c = result.comparison
    first, last = params.start_year + 1, params.end_year
    pre, rel, rev = (c.average(k) for k in ("preliminary", "at_release", "revised"))
    released = c.vintages.set_index("combination").loc["at_release", "revised_years"]
    partial = len(released) < last - first
    text = tr(
        lang,
        f"**Which real GDP growth?** The NBS figures for {first}-{last} (shipped reference "
        f"data) give three averages: {_pct(pre, lang, 2)} from first releases only, "
        f"{_pct(rel, lang, 2)} from the figures as they stood when NBS first published {last} "
        "(final figures for the earlier years"
        + (
            f"; the reference data hold them for {_years(released, lang) or 'no year'} only"
            if partial
            else ""
        )
        + "), and "
        + (
            f"{_pct(rev, lang, 2)} on final figures throughout."
            if rev is not None
            else "no fully revised average, because final figures are missing for some years."
        ),
        f"**用哪个实际GDP增速？**国家统计局{first}-{last}年的数字（随附参考数据）给出三种平均："
        f"只用初步核算数为{_pct(pre, lang, 2)}；按国家统计局首次公布{last}年数据时的口径"
        f"（此前年份用最终核实数"
        + (f"，参考数据只有{_years(released, lang) or '无'}年的最终核实数" if partial else "")
        + f"）为{_pct(rel, lang, 2)}；"
        + (
            f"全部用最终核实数为{_pct(rev, lang, 2)}。"
            if rev is not None
            else "部分年份缺少最终核实数，因此没有全部核实口径的平均。"
        ),
    )
    if c.nbs_stated is not None and c.article_stated is not None:
        arith = c.average("preliminary", "arithmetic")
        text += tr(
            lang,
            f" NBS's {_pct(c.nbs_stated, lang)} is the second: revised {first} with "
            f"preliminary {last}. The article's {_pct(c.article_stated, lang)} matches the first "
            f"(geometric {_pct(pre, lang, 2)}, arithmetic {_pct(arith, lang, 2)}). Neither is "
            "wrong; they are different vintages, and the real rate is the wrong yardstick for "
            "nominal revenue in any case.",
            f"国家统计局公布的{_pct(c.nbs_stated, lang)}是第二种：{first}年用核实数，{last}年用"
            f"初步核算数。文章的{_pct(c.article_stated, lang)}与第一种一致（几何平均"
            f"{_pct(pre, lang, 2)}，算术平均{_pct(arith, lang, 2)}）。两者都没有错，只是数据版本"
            "不同；而且无论哪个版本，实际增速都不是衡量名义财政收入的合适标尺。",
        )
    return text


# ----------------------------------------------------------------------------------------------
# 2. revenue / GDP and 3. buoyancy
# ----------------------------------------------------------------------------------------------


def ratio(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """How revenue's share of GDP moved over the long series, and the census rebasings."""
    lang = _lang(params, lang)
    r = result.ratio
    y0, y1 = int(r.first["year"]), int(r.last["year"])
    v0, v1 = _pct(r.first["ratio"], lang), _pct(r.last["ratio"], lang)
    fell = r.last["ratio"] < r.first["ratio"]
    text = tr(
        lang,
        f"Revenue's share of GDP {'fell' if fell else 'rose'} from {v0} ({y0}) to {v1} ({y1}).",
        f"财政收入占GDP比重由{y0}年的{v0}{'降至' if fell else '升至'}{y1}年的{v1}。",
    )
    if r.breaks:
        text += tr(
            lang,
            f" Part of each step down at {_years(r.breaks, lang)} is the GDP level moving to a "
            "new economic-census base, not revenue falling behind.",
            f"{_years(r.breaks, lang)}年的几次下台阶，部分是因为GDP水平值换用了新的经济普查基数，"
            "而不是财政收入落后。",
        )
    return text


def _interval(row, lang: Lang) -> str:
    return tr(
        lang,
        f"{row['ci_low']:.2f} to {row['ci_high']:.2f}",
        f"{row['ci_low']:.2f}至{row['ci_high']:.2f}",
    )


def _buoyancy_adjustment(adj, lang: Lang) -> str:
    lam = f"{adj['estimate']:.2f}"
    if adj["estimate"] >= 0:
        return tr(
            lang, f"with no sign of error correction (λ = {lam}).", f"看不到误差修正（λ = {lam}）。"
        )
    closes = units.pct(-adj["estimate"], 0, lang)
    weak = adj["ci_high"] >= 0
    return tr(
        lang,
        f"and about {closes} of a gap from the long-run relation closes within a year "
        f"(λ = {lam}, {_interval(adj, lang)}"
        + (
            "; the interval includes zero, so even this is not firmly established)."
            if weak
            else ")."
        ),
        f"偏离长期关系的差距约有{closes}在一年内收敛（λ = {lam}，{_interval(adj, lang)}"
        + ("；区间包含零，因此这一点也不确定）。" if weak else "）。"),
    )


def buoyancy(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """The long-run and short-run buoyancy estimates, and how far to trust them."""
    lang = _lang(params, lang)
    est = result.buoyancy.estimate
    if est is None:
        return tr(
            lang,
            f"**No buoyancy estimate:** {result.buoyancy.reason}. The error-correction model "
            "needs a run of consecutive years; the values are recorded as None.",
            "**无法估计收入弹性：**数据中连续年份太少，无法拟合误差修正模型；相关数值记为空值。",
        )
    lr, st = est.row("long_run", "ecm"), est.row("long_run", "static_loglog")
    sr, adj = est.row("short_run", "ecm"), est.row("adjustment", "ecm")
    below = lr["ci_high"] < 1
    text = tr(
        lang,
        f"Over {st['years']} ({est.n_levels} years), the long-run buoyancy of nominal revenue to "
        f"nominal GDP is {lr['estimate']:.2f} in the error-correction model (95% interval "
        f"{_interval(lr, lang)}) and {st['estimate']:.2f} in the static regression "
        f"({_interval(st, lang)}): each 1% of GDP growth has come with about "
        f"{lr['estimate']:.1f}% more revenue, so revenue's share of GDP "
        + (
            "falls as the economy grows; the interval lies below one."
            if below
            else "may or may not fall; the interval includes one."
        )
        + f" Year to year the response is {sr['estimate']:.2f} ({_interval(sr, lang)}), "
        + _buoyancy_adjustment(adj, lang),
        f"{st['years']}年（{est.n_levels}年）间，名义财政收入对名义GDP的长期弹性在"
        f"{gloss('ECM')}中为{lr['estimate']:.2f}（95%区间{_interval(lr, lang)}），在静态回归中为"
        f"{st['estimate']:.2f}（{_interval(st, lang)}）：GDP每增长1%，财政收入约增长"
        f"{lr['estimate']:.1f}%，因此"
        + (
            "财政收入占GDP比重随经济增长而下降；区间整体低于1。"
            if below
            else "财政收入占GDP比重未必下降；区间包含1。"
        )
        + f"逐年来看，短期弹性为{sr['estimate']:.2f}（{_interval(sr, lang)}），"
        + _buoyancy_adjustment(adj, lang),
    )
    if est.break_years:
        text += tr(
            lang,
            f" Census-rebasing dummies: {_years(est.break_years, lang)}.",
            f"经济普查修订虚拟变量：{_years(est.break_years, lang)}年。",
        )
    return text + "\n\n" + trust(result, params, lang)


def trust(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """How much to trust the buoyancy estimates, in plain words."""
    lang = _lang(params, lang)
    est = result.buoyancy.estimate
    if est is None:
        return ""
    notes = []
    if est.missing_years:
        notes.append(
            tr(
                lang,
                "Years without both revenue and GDP were left out "
                f"({_years(est.missing_years, lang)});"
                " the error-correction model also loses the year after each gap.",
                f"缺少财政收入或GDP的年份（{_years(est.missing_years, lang)}年）被剔除，误差修正"
                "模型"
                "还会失去其后一年。",
            )
        )
    if est.small_sample:
        notes.append(
            tr(
                lang,
                f"Only {est.n_levels} annual levels and {est.n_changes} year-on-year changes: far "
                "fewer than the 30+ years buoyancy studies use. The intervals rest on OLS "
                "assumptions; the static regression's standard errors are not valid for trending "
                "series, and cointegration cannot be tested meaningfully. Treat these as "
                "descriptive.",
                f"只有{est.n_levels}个年度水平值和{est.n_changes}个年度变化，远少于弹性研究常用的"
                f"30年以上。区间依赖{gloss('OLS')}的假设；静态回归的标准误对有趋势的序列并不成立，"
                "协整也无法有效检验。这些结果只能作描述性参考。",
            )
        )
    if est.adjustment >= 0:
        notes.append(
            tr(
                lang,
                "The adjustment coefficient λ is not negative: no error correction is visible, so "
                "the "
                "long-run buoyancy of the error-correction model is not meaningful.",
                "调整系数λ不为负：看不到误差修正，误差修正模型的长期弹性没有意义。",
            )
        )
    elif est.adjustment < -2:
        notes.append(
            tr(
                lang,
                "λ < -2: the error correction over-shoots; the model is unstable.",
                "λ小于-2：误差修正过度，模型不稳定。",
            )
        )
    if not notes:
        return ""
    return tr(lang, "*How much to trust this:* ", "*可信程度：*") + tr(lang, " ", "").join(notes)


# ----------------------------------------------------------------------------------------------
# 4. gaps
# ----------------------------------------------------------------------------------------------


def _national_gap(result: Result, params: FiscalPressureParams, lang: Lang) -> str:
    g = result.gap
    nat = g.national
    if nat.empty:
        return tr(
            lang,
            "**National gap:** the national series has no expenditure column, so no national gap "
            "or self-sufficiency can be computed; only Beijing and Shanghai (shipped data) are "
            "shown.",
            "**全国缺口：**全国数据没有支出列，无法计算全国缺口和财政自给率；下面只展示北京和上海"
            "（随附数据）。",
        )
    y0, y1 = int(nat["year"].iloc[0]), int(nat["year"].iloc[-1])
    every = g.deficit_years == len(nat)
    end = g.at(params.end_year)
    text = tr(
        lang,
        "**National:** spending exceeded own revenue "
        + ("in every year" if every else f"in {g.deficit_years} of {len(nat)} years")
        + f" of {y0}-{y1}. The gap (expenditure minus revenue) went from "
        f"{_yi(nat['fiscal_gap'].iloc[0], lang)} in {y0} to "
        f"{_yi(nat['fiscal_gap'].iloc[-1], lang)} in {y1}, the latest year, and own revenue "
        f"covered {_pct(nat['self_sufficiency'].iloc[0], lang)} of spending in {y0} but "
        f"{_pct(nat['self_sufficiency'].iloc[-1], lang)} in {y1}.",
        f"**全国：**{y0}-{y1}年"
        + ("每年" if every else f"{len(nat)}年中有{g.deficit_years}年")
        + f"支出都超过本级收入。缺口（支出减收入）由{y0}年的{_yi(nat['fiscal_gap'].iloc[0], lang)}"
        f"{'扩大' if nat['fiscal_gap'].iloc[-1] > nat['fiscal_gap'].iloc[0] else '变'}"
        f"到最近年份{y1}年的{_yi(nat['fiscal_gap'].iloc[-1], lang)}；本级收入可覆盖的支出"
        f"比例由{y0}年的{_pct(nat['self_sufficiency'].iloc[0], lang)}变为{y1}年的"
        f"{_pct(nat['self_sufficiency'].iloc[-1], lang)}。",
    )
    if end is not None and params.end_year != y1:
        text += tr(
            lang,
            f" In {params.end_year}, the last year of the growth comparison, the gap was "
            f"{_yi(end['fiscal_gap'], lang)} and self-sufficiency"
            f" {_pct(end['self_sufficiency'], lang)}.",
            f"增长比较的最后一年{params.end_year}年，缺口为{_yi(end['fiscal_gap'], lang)}，"
            f"财政自给率为{_pct(end['self_sufficiency'], lang)}。",
        )
    if result.imputed_years:
        text += tr(
            lang,
            f" The {_years(result.imputed_years, lang)} gap uses the estimated revenue level.",
            f"{_years(result.imputed_years, lang)}年的缺口使用推算的收入水平值。",
        )
    return text + tr(
        lang,
        " The gap is financed by government funds, carry-overs, stabilisation funds and borrowing.",
        "缺口由政府性基金、结转结余、预算稳定调节基金和举债弥补。",
    )


def _cities(result: Result, lang: Lang) -> str:
    g = result.gap
    parts = []
    for city in g.cities:
        row = g.latest(city)
        share, year, label = (
            _pct(row["self_sufficiency"], lang),
            int(row["year"]),
            name(lang, CITIES[city]),
        )
        parts.append(
            tr(lang, f"{share} of {label}'s spending in {year}", f"{label}{year}年支出的{share}")
        )
    report, book = g.beijing_2021_report, g.beijing_2021_yearbook
    text = tr(
        lang, "**Beijing and Shanghai:** own revenue covered ", "**北京和上海：**本级收入覆盖了"
    )
    text += tr(lang, " and ", "和").join(parts) + tr(lang, ".", "。")
    if report is not None and book is not None:
        text += tr(
            lang,
            " Expenditure is from the statistical yearbook: for Beijing 2021 the budget-report "
            f"reprint says {_yi(report, lang)} but the yearbook {_yi(book, lang)}; the report's "
            "own stated growth (+1.3%) fits the yearbook figure, so the yearbook is used.",
            f"支出取自统计年鉴：北京2021年预算报告转载稿为{_yi(report, lang)}，年鉴为"
            f"{_yi(book, lang)}；报告自述的增长（+1.3%）与年鉴数一致，因此采用年鉴数。",
        )
    return text


def gap(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """The national gap and self-sufficiency, and Beijing's and Shanghai's."""
    lang = _lang(params, lang)
    return _national_gap(result, params, lang) + "\n\n" + _cities(result, lang)


def beijing_share(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """The article's Beijing 2020 share of fiscal money, and why it fits the 95 % of groups."""
    lang = _lang(params, lang)
    share = _pct(result.beijing_share, lang)
    status = tr(
        lang,
        "verified" if result.beijing_claim_verified else "not verified",
        "已核实" if result.beijing_claim_verified else "未经核实",
    )
    return tr(
        lang,
        "**Beijing 2020, as quoted in the article:** of 171.28 亿元 (17.13 billion yuan) spent on "
        f"social construction and civil affairs, 125.26 亿元 ({share}) was fiscal money. The "
        f"claims ledger marks these figures as {status}. The same source's \"about 95% of "
        'social organisations are funded mainly by government purchase" is a share of '
        f"*organisations*; {share} is a share of *money*. With different bases both can hold: "
        "most organisations can depend mainly on government while about a quarter of the money "
        "comes from elsewhere, for instance a few large non-government funders.",
        f"**北京2020年（文章所引）：**社会建设和民政支出171.28亿元中，财政资金125.26亿元"
        f"（{share}）。核查台账将这组数字标为{status}。同一来源所说“约95%的社会组织主要依靠政府"
        f"购买服务”是按*组织*计的比例，{share}则是按*资金*计的比例。两者基数不同，可以同时成立："
        "大多数组织主要依靠政府，而约四分之一的资金来自其他渠道，例如少数大型非政府资助方。",
    )


def provinces(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """Provincial expenditure growth and composition, and what the table cannot show."""
    lang = _lang(params, lang)
    pv = result.provinces
    a, b = pv.window
    lo, hi = pv.panel_years
    growth_ = pv.growth
    fast = labels.province(lang, growth_["province"].iloc[0])
    slow = labels.province(lang, growth_["province"].iloc[-1])
    med = {k: _pct(pv.shares_end[k].median(), lang) for k in labels.SHARE_ITEMS}
    adjusted = (a, b) != (params.start_year, params.end_year)
    g = growth_["growth_annual"]
    return tr(
        lang,
        f"**Provinces, {a}-{b}**"
        + (
            f" (the provincial table covers {lo}-{hi}, so the window is adjusted)"
            if adjusted
            else ""
        )
        + f": general public budget expenditure grew a median {_pct(g.median(), lang)} a year "
        f"across {len(growth_)} provinces, from {_pct(g.min(), lang)} ({slow}) to "
        f"{_pct(g.max(), lang)} ({fast}). In {b} education took a median "
        f"{med['share_education']} of spending, agriculture, forestry and water "
        f"{med['share_agriculture_forestry_water']}, science and technology "
        f"{med['share_science_technology']}. **This table holds expenditure only:** provincial "
        "gaps and self-sufficiency need provincial revenue, which no shipped file has. Its "
        "national rows are sums of local governments for 2019-2023 only and are left out.",
        f"**各省，{a}-{b}年**"
        + (f"（分省数据覆盖{lo}-{hi}年，因此调整了比较期间）" if adjusted else "")
        + f"：{len(growth_)}个省份一般公共预算支出年均增长的中位数为{_pct(g.median(), lang)}，"
        f"最低{_pct(g.min(), lang)}（{slow}），最高{_pct(g.max(), lang)}（{fast}）。{b}年教育支出"
        f"占比中位数为{med['share_education']}，农林水{med['share_agriculture_forestry_water']}，"
        f"科学技术{med['share_science_technology']}。**该表只有支出：**分省缺口和财政自给率需要"
        "分省收入，而随附文件中没有。表中的“全国”行只是2019-2023年地方政府合计，已剔除。",
    )


# ----------------------------------------------------------------------------------------------
# 5. governance spending
# ----------------------------------------------------------------------------------------------


def _quote(result: Result, params: FiscalPressureParams, lang: Lang) -> str:
    g = result.governance
    n, years = params.governance_multiple, params.governance_years
    chosen = {"by": 1 + n, "to": n}[params.multiple_reading]
    return tr(
        lang,
        f'**Reading the quote.** "增加了近{n:g}倍" over {years} years means '
        f"{_pct(g.growth_by, lang)} a year if Shanghai's grassroots-governance spending ended at "
        f'{1 + n:g} times its base ("by", standard usage) and {_pct(g.growth_to, lang)} a '
        f'year if it ended at {n:g} times ("to"). This run reads it "{params.multiple_reading}" '
        f"({chosen:g} times the base): {_pct(g.quoted_growth, lang)} a year. The quote has no "
        "stored source and gives no level, so only growth rates enter the projection.",
        f"**如何理解这句引文。**“增加了近{n:g}倍”若指上海基层治理支出增至基数的{1 + n:g}倍"
        f"（通常用法），{years}年间年均增长{_pct(g.growth_by, lang)}；若指增至{n:g}倍，年均增长"
        f"{_pct(g.growth_to, lang)}。本次按{'前' if params.multiple_reading == 'by' else '后'}"
        f"一种理解（基数的{chosen:g}倍）：年均{_pct(g.quoted_growth, lang)}。这句引文没有可查的"
        "出处，也没有给出水平值，因此预测只用增长率。",
    )


def _scenario(result: Result, params: FiscalPressureParams, lang: Lang) -> str:
    g = result.governance
    s, r = _pct(g.spending_growth, lang), _pct(g.revenue_growth, lang)
    h0, h1 = g.historical_years
    quoted = params.spending_growth_mode == "quote"
    direct = params.revenue_growth_mode == "direct"
    bu, gdp = f"{params.buoyancy:g}", _pct(params.gdp_growth, lang)
    text = tr(
        lang,
        f"**Scenario.** From {g.base_year}, governance spending grows {s} a year "
        + ("(the quoted pace)" if quoted else "(`spending_growth`)")
        + f" and revenue {r} a year "
        + ("(`revenue_growth`)" if direct else f"(buoyancy {bu} × nominal GDP growth {gdp})")
        + f". For comparison, national revenue grew {_pct(g.historical_growth, lang)} a year over "
        f"{h0}-{h1}"
        + (
            f", and buoyancy {bu} × nominal GDP growth {gdp} would give "
            f"{_pct(g.buoyancy_revenue_growth, lang)}"
            if direct
            else ""
        )
        + ". ",
        f"**情景。**自{g.base_year}年起，基层治理支出年均增长{s}"
        + ("（所引增速）" if quoted else "（`spending_growth`）")
        + f"，财政收入年均增长{r}"
        + ("（`revenue_growth`）" if direct else f"（收入弹性{bu}×名义GDP增速{gdp}）")
        + f"。作为对照，{h0}-{h1}年全国财政收入年均增长{_pct(g.historical_growth, lang)}"
        + (
            f"；收入弹性{bu}×名义GDP增速{gdp}则为{_pct(g.buoyancy_revenue_growth, lang)}"
            if direct
            else ""
        )
        + "。",
    )
    end_ratio = f"{g.projection['share_ratio'].iloc[-1]:.2f}"
    if g.doubling is not None:
        return text + tr(
            lang,
            f"The governance share of revenue **doubles in {g.doubling}**, "
            f"{g.doubling - g.base_year} years after {g.base_year}.",
            f"基层治理支出占财政收入的比重**于{g.doubling}年翻一番**，即{g.base_year}年后"
            f"{g.doubling - g.base_year}年。",
        )
    if g.spending_growth <= g.revenue_growth:
        return text + tr(
            lang,
            "Spending grows no faster than revenue, so the governance share of revenue **never "
            f"doubles**; by {g.horizon_end} it is {end_ratio} times its {g.base_year} level.",
            f"支出增长不快于收入，比重**不会翻番**；到{g.horizon_end}年为{g.base_year}年的"
            f"{end_ratio}倍。",
        )
    return text + tr(
        lang,
        "The governance share of revenue **does not double within the "
        f"{params.horizon_years}-year horizon** (by {g.horizon_end} it reaches {end_ratio} times "
        f"its {g.base_year} level).",
        f"在{params.horizon_years}年期限内比重**没有翻番**（到{g.horizon_end}年为"
        f"{g.base_year}年的{end_ratio}倍）。",
    )


def governance(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """The two readings of the quote and the chosen scenario's doubling year."""
    lang = _lang(params, lang)
    return _quote(result, params, lang) + "\n\n" + _scenario(result, params, lang)


def grid(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> str:
    """How many pairs of the grid double within the horizon, and how soon."""
    lang = _lang(params, lang)
    g = result.governance
    reached, n = g.reached, len(g.firsts)
    earliest = int(reached.min()) if len(reached) else None
    return tr(
        lang,
        f"Across the grid, the share doubles within {params.horizon_years} years in "
        f"{len(reached)} of {n} pairs of growth assumptions"
        + (f", at the earliest in {earliest}" if earliest else "")
        + f". The table gives the first year of doubling (— = not by {g.horizon_end}).",
        f"在情景网格中，{n}组增速假设里有{len(reached)}组在{params.horizon_years}年内翻番"
        + (f"，最早在{earliest}年" if earliest else "")
        + f"。下表给出各组首次翻番的年份（—表示到{g.horizon_end}年仍未翻番）。",
    )


# ----------------------------------------------------------------------------------------------
# for the brief
# ----------------------------------------------------------------------------------------------


def _growth_findings(result: Result, params: FiscalPressureParams, lang: Lang) -> list[str]:
    c, a, b = result.comparison, params.start_year, params.end_year
    out = []
    rev_a, nom = c.get("revenue_growth_annual"), c.get("gdp_nominal_growth_annual")
    if nom is not None:
        out.append(
            tr(
                lang,
                f"Revenue grew {_pct(rev_a, lang)} a year in {a}-{b}, {_pace(rev_a, nom, lang)} "
                f"nominal GDP ({_pct(nom, lang)} a year): on one basis it still lagged.",
                f"{a}-{b}年财政收入年均增长{_pct(rev_a, lang)}，{_pace(rev_a, nom, lang)}名义GDP"
                f"（年均{_pct(nom, lang)}）：同一口径下收入仍然落后。",
            )
        )
    real, rev_real = c.get("gdp_real_growth_annual"), c.get("revenue_real_growth_annual")
    if real is not None and rev_real is not None:
        out.append(
            tr(
                lang,
                f"In real terms revenue grew {_pct(rev_real, lang)} a year against real GDP's "
                f"{_pct(real, lang)}; the article set nominal revenue against real GDP, which "
                "mixes bases.",
                f"按实际口径，财政收入年均增长{_pct(rev_real, lang)}，实际GDP为{_pct(real, lang)}；"
                "文章用名义收入对比实际GDP，混用了口径。",
            )
        )
    return out


def _buoyancy_finding(result: Result, lang: Lang) -> list[str]:
    est = result.buoyancy.estimate
    if est is None:
        return []
    lr = est.row("long_run", "ecm")
    span = est.row("long_run", "static_loglog")["years"]
    return [
        tr(
            lang,
            f"The long-run buoyancy of revenue to GDP over {span} is {lr['estimate']:.2f} (95% "
            f"interval {_interval(lr, lang)}), so revenue's share of GDP tends to fall as the "
            "economy grows.",
            f"{span}年财政收入对GDP的长期弹性为{lr['estimate']:.2f}（95%区间"
            f"{_interval(lr, lang)}），财政收入占GDP比重有随经济增长而下降的趋势。",
        )
    ]


def _gap_finding(result: Result, lang: Lang) -> list[str]:
    nat = result.gap.national
    if nat.empty:
        return []
    y1 = int(nat["year"].iloc[-1])
    share, gap = _pct(nat["self_sufficiency"].iloc[-1], lang), _yi(nat["fiscal_gap"].iloc[-1], lang)
    return [
        tr(
            lang,
            f"Own revenue covered {share} of national spending in {y1}, a gap of {gap}.",
            f"{y1}年本级收入覆盖了全国支出的{share}，缺口为{gap}。",
        )
    ]


def _governance_finding(result: Result, lang: Lang) -> list[str]:
    g = result.governance
    s, r = _pct(g.spending_growth, lang), _pct(g.revenue_growth, lang)
    return [
        tr(
            lang,
            f"If Shanghai's grassroots-governance spending grew {s} a year and revenue {r}, its "
            "share of revenue would "
            + (f"double by {g.doubling}." if g.doubling else f"not double by {g.horizon_end}."),
            f"若上海基层治理支出年均增长{s}、财政收入年均增长{r}，其占收入比重"
            + (f"将于{g.doubling}年翻一番。" if g.doubling else f"到{g.horizon_end}年仍不会翻番。"),
        )
    ]


def findings(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> list[str]:
    """Three to five key findings, each one sentence with its number."""
    lang = _lang(params, lang)
    out = (
        _growth_findings(result, params, lang)
        + _buoyancy_finding(result, lang)
        + _gap_finding(result, lang)
        + _governance_finding(result, lang)
    )
    return out[:5]


def methods(lang: Lang) -> str:
    """One paragraph: what was done, with the references."""
    return tr(
        lang,
        "Growth rates are geometric averages of levels of one GDP vintage; revenue is compared "
        "with nominal GDP directly and with real GDP after deflating it by the implicit GDP "
        "deflator, and arc buoyancy is the ratio of the two growth rates on one basis (Haughton "
        "1998). Long- and short-run buoyancy are OLS estimates of a static log-log regression "
        "and a one-step error-correction model on 2012-2024 first-release levels, with dummies "
        "for economic-census rebasings (Belinga et al. 2014). The fiscal gap is expenditure minus "
        "own revenue; the projection compounds assumed growth rates of governance spending and "
        "revenue from 2020.",
        "增长率为同一版本GDP水平值的几何平均；财政收入直接与名义GDP比较，并在用GDP隐含平减指数"
        "平减后与实际GDP比较；弧弹性是同一口径下两个增长率之比（霍顿，1998）。长期与短期收入弹性"
        f"用{gloss('OLS')}估计，模型为静态对数回归和一步法误差修正模型，数据为2012-2024年初步核算"
        "水平值，并加入经济普查修订虚拟变量（贝林加等，2014，国际货币基金组织工作论文）。财政缺口"
        "为支出减本级收入；预测自2020年起按假设增速复利推算基层治理支出和财政收入。",
    )


def caveats(result: Result, params: FiscalPressureParams, lang: Lang | None = None) -> list[str]:
    """The caveats of this run, one bullet each."""
    lang = _lang(params, lang)
    out = [
        tr(
            lang,
            "**Basis.** Revenue is nominal. Compare it with nominal GDP, or deflate it before "
            "comparing with real GDP, and state which. GDP figures are revised: the same years "
            "give different averages by vintage, and the latest figures will move again.",
            "**口径。**财政收入是名义值。应与名义GDP比较，或平减后再与实际GDP比较，并说明所用口径。"
            "GDP数据会修订：同样的年份因版本不同得到不同的平均值，最新数字还会再变。",
        ),
        tr(
            lang,
            "**Few years.** A little over a decade of annual data cannot pin down a long-run "
            "relation: the intervals rest on OLS assumptions, cointegration cannot be tested, and "
            "the census-rebasing dummies are an approximation. Read the buoyancies as descriptive, "
            "and as associations, not causes.",
            "**年份太少。**十余年的年度数据不足以确定长期关系：区间依赖普通最小二乘的假设，无法检验"
            "协整，经济普查修订虚拟变量也只是近似。收入弹性只能作描述性参考，反映的是相关而"
            "非因果。",
        ),
        tr(
            lang,
            "**What the gap leaves out.** Only the general public budget is covered. Transfers "
            "between levels of government, government-fund budgets and borrowing also finance "
            "spending; local expenditure comes from a secondary copy of the yearbook, and the "
            "provincial table has no revenue, so it cannot show provincial gaps.",
            "**缺口没有涵盖的内容。**这里只涉及一般公共预算。政府间转移支付、政府性基金预算和举债"
            "也为支出提供资金；地方支出取自年鉴的二手整理本；分省表没有收入，无法显示分省缺口。",
        ),
        tr(
            lang,
            "**The governance figures are the article's.** The Shanghai increase and the Beijing "
            "shares are quoted, not verified, and 增加了近1.5倍 has two readings (2.5 or 1.5 "
            "times the base). The projection is arithmetic on stated assumptions, not a "
            "forecast, and projects a ratio to 2020 because the level of governance spending is "
            "unknown.",
            "**基层治理数字来自文章。**上海的增幅和北京的比例均为文章所引，未经核实；“增加了近"
            "1.5倍”有两种理解（基数的2.5倍或1.5倍）。预测只是在给定假设下的算术推演，不是预报；"
            "因为不知道基层治理支出的水平值，所以只预测相对2020年的比值。",
        ),
    ]
    if result.imputed_years:
        years = _years(result.imputed_years, lang)
        out.append(
            tr(
                lang,
                f"**Estimated level.** The {years} revenue level is estimated from its "
                "stated growth.",
                f"**推算的水平值。**{years}年财政收入水平值由公布的增长率推算。",
            )
        )
    if result.data_kind == "synthetic":
        out.append(
            tr(
                lang,
                "**Synthetic data.** The numbers are illustrative.",
                "**模拟数据。**数字仅作示意。",
            )
        )
    return out
