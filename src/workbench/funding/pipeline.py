"""The funding-distribution analysis in one call: ``run(params) -> Result``.

The data are loaded and validated once (:func:`workbench.funding.schema.load`); every table and
number the notebook shows is computed once here; ``Result.numbers`` is ``results.json``. Nothing
is written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from workbench import datasets, units
from workbench.funding import arrays, inequality, mix, schema, stress, summaries
from workbench.funding.keys import KEYS
from workbench.params.funding import FundingDistributionParams
from workbench.units import Lang

#: Above this HHI one source holds more than half of an organisation's budget (HHI <= max share).
DOMINANT_HHI = 0.5
#: A "majority" below the threshold: at least this share of organisations.
MAJORITY = 0.5


@dataclass(frozen=True)
class Text:
    """One text in English and Chinese."""

    en: str
    zh: str

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Quoted:
    """The article's Beijing spending figures (亿元, as quoted in the article, not verified)."""

    total: float
    fiscal: float


@dataclass(frozen=True)
class Result:
    """Everything the funding-distribution notebook shows, computed once.

    Amounts are in the data's unit (``params.amount_unit``); shares are fractions.
    """

    KEYS: ClassVar = KEYS

    data_kind: str
    numbers: dict
    n: int
    n_dropped: int
    sources: tuple[str, ...]
    government_source: str
    market_sources: tuple[str, ...]
    other_sources: tuple[str, ...]
    group_column: str | None
    n_groups: int
    file_name: str
    external: bool
    source: Text  # the data's source, for figures' source lines
    label: Text  # who and when the organisations are, for subtitles
    gov_label: Text  # the government source
    market_label: Text  # the market sources together
    other_label: Text  # the remaining sources together (empty when there are none)
    bin_name: Text  # one scale bin: decile, quintile ...
    bin_plural: Text
    threshold_text: Text  # the viability threshold in words
    amounts: np.ndarray  # organisations x sources (order of sources), read-only, data's unit
    concentration: pd.DataFrame  # one row per organisation (mix.concentration)
    primary: pd.DataFrame  # mix.primary_source_shares
    by_group: pd.DataFrame | None  # summaries.summary_by_group
    by_decile: pd.DataFrame  # summaries.summary_by_decile
    mix: pd.DataFrame  # summaries.mix_by_decile
    share_dominant: float  # share of organisations with HHI above DOMINANT_HHI
    inequality: pd.DataFrame  # inequality.inequality_summary
    lorenz: pd.DataFrame  # inequality.lorenz_curve
    scale_mix: pd.DataFrame  # summaries.scale_vs_mix
    cuts: np.ndarray
    stress: pd.DataFrame  # stress.stress_test, the "all" rows
    share_below: pd.DataFrame  # cut x diversification -> share below the threshold
    majority_cut: dict  # diversification -> smallest cut with a majority below
    quoted: Quoted


def _finite(value: Any) -> Any:
    """A plain number for results.json: NaN and infinity become None (the narration says why)."""
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def _texts(data: schema.Organisations, params: FundingDistributionParams) -> tuple[Text, Text]:
    """The source note and the data label of the figures."""
    name = data.file.name
    if data.data_kind == "synthetic":
        source = Text(
            "workbench.synth.organisations (seed 20220418), calibrated to the Beijing blue book "
            "2020-2021 as quoted in 易臻真, 澎湃新闻, 2022-04-18",
            "本项目生成（随机种子20220418），按易臻真（澎湃新闻，2022-04-18）转引的"
            "《北京蓝皮书：北京社会治理发展报告（2020-2021）》数据校准",
        )
        label = Text("Beijing and Shanghai, synthetic organisations", "北京、上海，模拟社会组织")
    else:
        en = f"user file {name}"
        zh = f"用户文件 {name}"
        if data.shipped:
            en += f"; {data.shipped[1]}; {data.shipped[2]}"
            zh += "；" + schema.SHIPPED_ZH.get(
                data.ledger_name, f"{data.shipped[1]}；{data.shipped[2]}"
            )
        source = Text(en, zh)
        label = Text(f"organisations in {name}", f"文件 {name} 中的组织")
    if params.data_label:
        label = Text(params.data_label, params.data_label)
    return source, label


def _sources_label(names: tuple[str, ...], en: str, zh: str) -> Text:
    if len(names) == 1:
        return Text(schema.source_label(names[0], "en"), schema.source_label(names[0], "zh"))
    return Text(en, zh) if names else Text("", "")


_BINS = {10: ("decile", "deciles", "十分位组"), 5: ("quintile", "quintiles", "五分位组")}
_BINS |= {4: ("quartile", "quartiles", "四分位组")}


def threshold_text(threshold: float, threshold_kind: str, amount_unit: str) -> Text:
    """The viability threshold in words: "80% of its own baseline budget", "100,000 yuan"."""
    if threshold_kind == "relative":
        return Text(
            f"{units.pct(threshold, 0)} of its own baseline budget",
            f"自身基线预算的{units.pct(threshold, 0, 'zh')}",
        )
    return Text(
        schema.amount_text(threshold, amount_unit, "en"),
        schema.amount_text(threshold, amount_unit, "zh"),
    )


def _labels(params: FundingDistributionParams, others: tuple[str, ...]) -> dict[str, Text]:
    """The words for the source categories, the scale bins and the threshold."""
    en, en_plural, zh = _BINS.get(params.n_bins, ("scale bin", "scale bins", "规模组"))
    gov = params.government_source
    theta = threshold_text(params.threshold, params.threshold_kind, params.amount_unit)
    return {
        "gov_label": Text(schema.source_label(gov, "en"), schema.source_label(gov, "zh")),
        "market_label": _sources_label(tuple(params.market_sources), "Market sources", "市场资源"),
        "other_label": _sources_label(others, "Other sources", "其他来源"),
        "bin_name": Text(en, zh),
        "bin_plural": Text(en_plural, zh),
        "threshold_text": theta,
    }


def _quoted() -> Quoted:
    claims = datasets.reference("unverified_and_rejected_claims").set_index("claim_id")
    return Quoted(float(claims.loc["T5-c", "value"]), float(claims.loc["T5-d", "value"]))


def _headline(orgs, conc, svm, params) -> dict[str, Any]:
    """The headline numbers (shares of organisations, scale inequality, mix spread)."""
    total = conc["total"].to_numpy()
    cat = conc["primary_category"].cat.codes.to_numpy()
    group = params.group_column or None
    if group:
        th = inequality.theil(total, orgs[group].to_numpy())
    else:
        th = {"total": inequality.theil(total), "between_share": float("nan")}
    v = svm.set_index(["dimension", "metric"])["value"]
    return {
        "share_primary_government": float(np.mean(cat == 0)),
        "share_primary_market": float(np.mean(cat == 1)),
        "gini_scale": inequality.gini(total),
        "theil_scale": float(th["total"]),
        "theil_between_share": float(th["between_share"]),
        "mean_hhi": float(conc["hhi"].mean()),
        "n_organisations": int(total.size),
        "government_share_of_money": float(orgs[params.government_source].sum() / total.sum()),
        "mean_government_share": float(conc["government_share"].mean()),
        "top10_share_scale": inequality.top_share(total, 0.10),
        "palma_scale": inequality.palma_ratio(total),
        "sd_log10_scale": float(v[("scale", "sd_log10")]),
        "mean_pairwise_tv_mix": float(v[("mix", "mean_pairwise_tv")]),
    }


def _intervals(primary, ineq, svm, conc) -> dict[str, Any]:
    """Bootstrap bounds, medians of concentration and the between-group bias."""
    agg = primary.set_index("category")
    row = ineq.set_index("indicator")
    v = svm.set_index(["dimension", "metric"])["value"]
    between = row.loc["theil_between_share"] if "theil_between_share" in row.index else None
    out = {}
    for name in ("government", "market"):
        out[f"share_primary_{name}_ci_low"] = agg.loc[f"primary_{name}", "ci_low"]
        out[f"share_primary_{name}_ci_high"] = agg.loc[f"primary_{name}", "ci_high"]
    out["median_hhi"] = conc["hhi"].median()
    out["median_effective_sources"] = conc["effective_sources"].median()
    for name in ("gini", "theil"):
        out[f"{name}_ci_low"] = row.loc[name, "ci_low"]
        out[f"{name}_ci_high"] = row.loc[name, "ci_high"]
    out["theil_between_share_bias"] = None if between is None else between["bias"]
    out["theil_between_share_bias_corrected"] = (
        None if between is None else between["estimate_bias_corrected"]
    )
    out["mean_abs_log10_ratio_scale"] = v[("scale", "mean_abs_log10_ratio")]
    return out


def _stress(orgs: pd.DataFrame, params: FundingDistributionParams, split: dict):
    """The stress test's overall rows, its cut x diversification grid and the majority cuts."""
    cuts = stress.cut_grid(params.cut_max, params.cut_step)
    table = stress.stress_test(
        orgs,
        params.sources,
        cuts=cuts,
        diversification=params.diversification,
        threshold=params.threshold,
        threshold_kind=params.threshold_kind,
        **split,
    )
    overall = table[table["group"] == "all"].reset_index(drop=True)
    grid = overall.pivot(index="cut", columns="diversification", values="share_below")
    majority = overall[overall["share_below"] >= MAJORITY].groupby("diversification")["cut"].min()
    return cuts, overall, grid, {float(k): float(c) for k, c in majority.items()}


def _stress_numbers(grid: pd.DataFrame, majority: dict, diversification) -> dict[str, Any]:
    y_lo, y_hi = min(diversification), max(diversification)
    return {
        "stress_share_below_at_cut_max": grid.loc[grid.index.max(), y_lo],
        "stress_share_below_at_cut_max_diversified": grid.loc[grid.index.max(), y_hi],
        "stress_cut_majority_below": majority.get(float(y_lo), float("nan")),
    }


def run(params: FundingDistributionParams) -> Result:
    """Load the organisations once, compute every table and number once, and return them.

    Parameters
    ----------
    params : FundingDistributionParams
        Validated parameters.

    Returns
    -------
    Result
        Every table and number the notebook shows; ``numbers`` holds exactly the declared keys.

    Raises
    ------
    DataError
        The data file is unusable (see :func:`workbench.funding.schema.load`).
    """
    data = schema.load(params)
    orgs, p = data.frame, params
    split = dict(government_source=p.government_source, market_sources=p.market_sources)
    group = p.group_column or None
    conc = mix.concentration(orgs, p.sources, **split)
    primary = mix.primary_source_shares(
        orgs, p.sources, n_boot=p.n_boot, ci=p.ci, seed=p.seed, **split
    )
    ineq = inequality.inequality_summary(
        conc["total"],
        orgs[group] if group else None,
        n_boot=p.n_boot,
        ci=p.ci,
        seed=p.seed,
        small_sample=p.small_sample_gini,
        ci_method=p.ci_method,
    )
    svm = summaries.scale_vs_mix(orgs, p.sources, **split)
    cuts, overall, grid, majority = _stress(orgs, p, split)
    amounts = arrays.amounts(orgs, p.sources)
    amounts.setflags(write=False)
    numbers = {
        "data_kind": data.data_kind,
        "n_dropped_zero_total": data.n_dropped_zero_total,
        **_headline(orgs, conc, svm, p),
        **_intervals(primary, ineq, svm, conc),
        **_stress_numbers(grid, majority, p.diversification),
    }
    source, label = _texts(data, p)
    others = tuple(s for s in p.sources if s != p.government_source and s not in p.market_sources)
    return Result(
        data_kind=data.data_kind,
        numbers={k: _finite(numbers[k]) for k in KEYS},
        n=len(orgs),
        n_dropped=data.n_dropped_zero_total,
        sources=tuple(p.sources),
        government_source=p.government_source,
        market_sources=tuple(p.market_sources),
        other_sources=others,
        group_column=group,
        n_groups=int(orgs[group].nunique()) if group else 0,
        file_name=data.file.name,
        external=bool(data.shipped and data.shipped[0] == "external"),
        source=source,
        label=label,
        **_labels(p, others),
        amounts=amounts,
        concentration=conc,
        primary=primary,
        by_group=summaries.summary_by_group(orgs, p.sources, group, **split) if group else None,
        by_decile=summaries.summary_by_decile(orgs, p.sources, n_bins=p.n_bins, **split),
        mix=summaries.mix_by_decile(orgs, p.sources, n_bins=p.n_bins),
        share_dominant=float((conc["hhi"] > DOMINANT_HHI).mean()),
        inequality=ineq,
        lorenz=inequality.lorenz_curve(conc["total"]),
        scale_mix=svm,
        cuts=cuts,
        stress=overall,
        share_below=grid,
        majority_cut=majority,
        quoted=_quoted(),
    )
