"""What a policy brief takes from the analysis: key findings, the methods paragraph, caveats.

Re-exported by :mod:`workbench.costeff.narration` (``narration.findings`` and so on), which also
writes the notebook's own paragraphs.
"""

from __future__ import annotations

from workbench import units
from workbench.costeff import words
from workbench.costeff.pipeline import Result
from workbench.costeff.words import lang_of, money
from workbench.figures import tr
from workbench.params.costeff import TechCostEffectivenessParams as Model
from workbench.units import Lang


def _ab(term: str, lang: Lang) -> str:
    return words.abbreviation(term, lang)


def findings(result: Result, params: Model, lang: Lang | None = None) -> list[str]:
    """Three to five key findings, one sentence each with its number (for a policy brief)."""
    lang = lang_of(params, lang)
    r, fr, rw = result.response, result.frontier, result.reward.table
    step = money(params.marginal_step, lang)
    out = [
        tr(
            lang,
            f"At the mean technology spend, the next {step} buys "
            f"{words.outcome_change(r.marginal, params, 'en')} of "
            f"{words.column(params.outcome, 'en')}; returns fall below the threshold beyond "
            f"{money(r.x_star, 'en')} a unit.",
            f"在平均技术投入处，每多投入{step}使{words.column(params.outcome, 'zh')}提高"
            f"{words.outcome_change(r.marginal, params, 'zh')}；每单位投入超过"
            f"{money(r.x_star, 'zh')}后回报低于阈值。",
        )
    ]
    if r.beta is not None:
        out.append(
            tr(
                lang,
                "Holding technology fixed, a full staff cut changes the outcome by "
                f"{words.outcome_change(r.beta[0], params, 'en', sign=True)}.",
                "在技术投入不变时，人员全部削减使结果变化"
                f"{words.outcome_change(r.beta[0], params, 'zh', sign=True)}。",
            )
        )
    comp = result.comparison
    if comp is not None:
        out.append(
            tr(
                lang,
                f"At {words.per_effect(params.wtp, params, 'en')}, {comp.optimal} is the best buy, "
                f"cost-effective in {units.pct(comp.probability, 0)} of PSA draws.",
                f"支付意愿为{words.per_effect(params.wtp, params, 'zh')}时，"
                f"{words.strategy(comp.optimal, 'zh')}最具成本效果，在"
                f"{units.pct(comp.probability, 0, 'zh')}的PSA抽样中胜出。",
            )
        )
    out.append(
        tr(
            lang,
            "Bringing every unit to the DEA frontier would save at least "
            f"{units.pct(fr.saving_share, 0)} of total cost.",
            f"若所有单位都达到{_ab('DEA', 'zh')}前沿，至少可节约总成本的"
            f"{units.pct(fr.saving_share, 0, 'zh')}。",
        )
    )
    out.append(
        tr(
            lang,
            f"Returning {units.pct(result.reward.high, 0)} of measured savings leaves the budget "
            f"{money(rw['net_saving_budget'].iloc[-1], 'en')} over {params.horizon_years} years.",
            f"返还{units.pct(result.reward.high, 0, 'zh')}的节约后，财政{params.horizon_years}年内"
            f"净额为{money(rw['net_saving_budget'].iloc[-1], 'zh')}。",
        )
    )
    return out


def methods(lang: Lang = "en") -> str:
    """One paragraph: what was done, with the references."""
    return tr(
        lang,
        "Hill and log response curves fitted by non-linear least squares, with the staff cut as a "
        "covariate (Hill 1910; Goutelle et al. 2008), delta-method and case-bootstrap intervals "
        "(Efron & Tibshirani 1993); ICERs with strong and extended dominance and net monetary "
        "benefit (Drummond et al. 2015; dampack); a bootstrap PSA with acceptability curves and "
        "EVPI (Briggs, Claxton & Sculpher 2006); input-oriented DEA under constant and variable "
        "returns to scale (Charnes, Cooper & Rhodes 1978; Banker, Charnes & Cooper 1984); and the "
        "reward valued from the budget's and society's perspectives, discounted at the Green Book "
        "rate (HM Treasury 2022).",
        "以非线性最小二乘拟合希尔曲线和对数曲线，并以人员削减为协变量（希尔，1910；古特勒等，2008"
        "），用德尔塔法和自助法给出区间（埃弗龙、蒂布希拉尼，1993）；按强占优和扩展占优计算"
        f"{_ab('ICER', 'zh')}和{_ab('NMB', 'zh')}（德拉蒙德等，2015）；以自助法进行"
        f"{_ab('PSA', 'zh')}，给出{_ab('CEAC', 'zh')}和{_ab('EVPI', 'zh')}（布里格斯、克拉克斯顿、"
        f"斯卡尔弗，2006）；在规模报酬不变和可变两种设定下做投入导向的{_ab('DEA', 'zh')}（查恩斯、"
        "库珀、罗兹，1978；班克、查恩斯、库珀，1984）；并从财政和全社会两个视角评估奖励方案，按英"
        "国财政部《绿皮书》的折现率折现（2022）。",
    )


_SYNTHETIC = (
    "**The programme data are illustrative synthetic data.** The staff penalty, each strategy's "
    "spending mix and the curve's shape were put there by the generator, so finding them shows "
    "that the methods work, not that the article is right. Run `no_staff_penalty.yaml` to see "
    "what the same analysis finds when the hypothesis is false.",
    "**项目数据为示意性模拟数据。**人员削减惩罚、各方案的投入结构和曲线形状都由生成器设定，找到它"
    "们只说明方法有效，并不证明原文正确。运行 `no_staff_penalty.yaml` 可查看假设不成立时同样的分析"
    "会得出什么。",
)
#: The caveats of every run, (English, Chinese).
_CAVEATS = (
    (
        "**The article's figures are as quoted in the article** and unverified; the 30亿元 total "
        "and the provincial tenders may be counted differently.",
        "**原文数字均引自原文**，未经核实；30亿元总额与各省招标金额的统计口径可能不同。",
    ),
    (
        "**Associations, not causes.** Strategies were not randomised, so differences between "
        "them mix the strategy with who chose it; the staff adjustment removes one confounder, "
        "not all.",
        "**相关不等于因果。**方案并非随机分配，方案间的差异混杂了选择该方案的单位自身特征；控制人"
        "员投入只排除了一个混杂因素。",
    ),
    (
        "**The willingness to pay is an assumption:** no official value of a percentage point of "
        "needs met exists; read the acceptability curve over its whole range.",
        "**支付意愿是假设：**需求满足率每提高一个百分点值多少钱，并无官方标准；应在整个区间上解读"
        "可接受曲线。",
    ),
    (
        "**DEA** measures distance to the best observed units, not to what is possible; it is "
        "sensitive to outliers and to the choice of inputs, and its saving is a lower bound.",
        "**DEA（数据包络分析）**衡量的是与观测到的最佳单位的距离，而非与可能达到的水平的距离；它对"
        "异常值和投入选择敏感，其节约额是下限。",
    ),
    (
        "**Nominal yuan, and assumed reward inputs.** Amounts are not deflated; the reward's net "
        "saving rests on an assumed gain, deadweight and administration cost, so the break-even "
        "gain is the robust number. The societal view treats the reward as a transfer and leaves "
        "out any change in staff effort or turnover it might cause.",
        "**名义金额与假设的奖励参数。**金额未按价格指数平减；奖励方案的净节约取决于假设的效率提升"
        "、自然发生部分和管理成本，因此盈亏平衡所需的提升才是稳健的数字。全社会视角把奖励视为转移"
        "支付，未计入它可能带来的员工努力或流失的变化。",
    ),
)


def caveats(result: Result, params: Model, lang: Lang | None = None) -> list[str]:
    """The caveats, one bullet each (the synthetic-data one first when it applies)."""
    lang = lang_of(params, lang)
    found = [_SYNTHETIC] if result.data_kind == "synthetic" else []
    return [tr(lang, en, zh) for en, zh in found + list(_CAVEATS)]
