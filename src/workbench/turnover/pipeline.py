"""The turnover-drivers analysis from parameters to results: load once, compute once.

:func:`run` reads and checks the data through :func:`~workbench.turnover.schema.load`, computes
every table and number the notebook shows, and returns them as one frozen :class:`Result`;
``Result.numbers`` is ``results.json``. Nothing here writes a file or draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from workbench import synth
from workbench.params.turnover import TurnoverDriversParams
from workbench.turnover import schema
from workbench.turnover.cox import CoxFit, estimate_cox
from workbench.turnover.design import as_numeric, fragility_warnings
from workbench.turnover.hypotheses import TruthCheck, check_hypotheses, compare_with_truth
from workbench.turnover.keys import KEYS
from workbench.turnover.logit import LogitFit, LogitModel, estimate_logit, top_driver
from workbench.turnover.prediction import CVResult, RankingComparison, compare_rankings, cv_evaluate
from workbench.turnover.rates import (
    GroupGap,
    add_turnover_groups,
    turnover_rates,
    young_certificate_gap,
)
from workbench.turnover.rewards import Rewards, simulate_rewards
from workbench.turnover.scenarios import Scenarios, simulate
from workbench.turnover.survival import group_labels, km_curves, summarise_curves

NOT_COSTED = "None for duty-overlap scenarios: not costed (overlap_cost_yuan_per_worker is 0)"


@dataclass(frozen=True)
class Result:
    """Everything the turnover-drivers notebook shows, computed once from validated data.

    Attributes
    ----------
    data_kind : str
        ``"synthetic"`` or ``"user"``.
    label : str
        The data file (the shipped path or the user's file name).
    n_workers, n_exits : int
    entry, cluster : str or None
        The delayed-entry and cluster columns in use.
    band : str or None
        The age grouping of the rates and curves (``age_certificate``, ``age_group`` or None).
    drivers : pandas.DataFrame
        Mean, SD, minimum and maximum of each numeric driver.
    rates : pandas.DataFrame
        :func:`~workbench.turnover.rates.turnover_rates`, overall and by group.
    young_gap : GroupGap or None
        Young certificate holders against everyone else.
    logit : LogitFit
    logit_model : LogitModel
        The same fitted logit with its design matrix, coefficients and covariance: what the
        scenarios are computed from, kept so :mod:`~workbench.turnover.explore` can recompute
        a scenario without refitting.
    top_driver : str or None
    top_driver_effect : float or None
        None when separation leaves some effects not estimable.
    hypotheses : pandas.DataFrame
        :func:`~workbench.turnover.hypotheses.check_hypotheses`.
    km, km_summary : pandas.DataFrame
        Kaplan-Meier curves by ``band`` and their summary.
    horizon : float
        The 90th percentile of years of service, up to which the curves are shown.
    cox : CoxFit
    cv : CVResult
    ranking : RankingComparison
    scenarios : Scenarios or None
    rewards : Rewards or None
    truth : TruthCheck or None
        Synthetic data only.
    warnings : tuple of str
        Every fragility warning, in the order found, once each.
    none_reasons : dict
        Why each number recorded as None is None.
    numbers : dict
        Exactly the declared keys (:data:`~workbench.turnover.keys.KEYS`): ``results.json``.
    """

    KEYS: ClassVar = KEYS

    data_kind: str
    label: str
    n_workers: int
    n_exits: int
    entry: str | None
    cluster: str | None
    band: str | None
    drivers: pd.DataFrame
    rates: pd.DataFrame
    young_gap: GroupGap | None
    logit: LogitFit
    logit_model: LogitModel
    top_driver: str | None
    top_driver_effect: float | None
    hypotheses: pd.DataFrame
    km: pd.DataFrame
    km_summary: pd.DataFrame
    horizon: float
    cox: CoxFit
    cv: CVResult
    ranking: RankingComparison
    scenarios: Scenarios | None
    rewards: Rewards | None
    truth: TruthCheck | None
    warnings: tuple[str, ...]
    none_reasons: dict[str, str]
    numbers: dict[str, Any]

    @property
    def synthetic(self) -> bool:
        """Whether the data are the shipped synthetic data."""
        return self.data_kind == "synthetic"

    @property
    def separated(self) -> list[str]:
        """Drivers the logit cannot estimate (separation)."""
        return self.logit.separated_drivers


class _Notes:
    """Warnings in the order found, each once; and the reason of each None."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.none_reasons: dict[str, str] = {}

    def add(self, messages) -> None:
        for m in messages:
            if m not in self.warnings:
                self.warnings.append(m)


def finite_or_none(value: Any) -> float | None:
    """A float, or None when missing or not finite (results.json refuses NaN)."""
    return float(value) if value is not None and np.isfinite(value) else None


def _driver_summary(df: pd.DataFrame, drivers: list[str]) -> pd.DataFrame:
    rows = []
    for d in drivers:
        v = as_numeric(df[d])
        rows.append(
            {"driver": d, "mean": v.mean(), "sd": v.std(ddof=1), "min": v.min(), "max": v.max()}
        )
    return pd.DataFrame(rows)


def _groups(df: pd.DataFrame, p: TurnoverDriversParams):
    grouped = add_turnover_groups(df, p.young_age) if "age" in df.columns else df
    band = "age_certificate" if "age_certificate" in grouped.columns else "age_group"
    band = band if band in grouped.columns else None
    return grouped, band


def _rates(grouped, band, p, label):
    by = [band] if band else []
    rates = turnover_rates(
        grouped,
        p.outcome,
        [*by, *p.categorical],
        alpha=p.alpha,
        benchmark=p.benchmark_rate,
        source_label=label,
    )
    gap = None
    if band == "age_certificate":
        gap = young_certificate_gap(
            grouped,
            p.outcome,
            p.young_age,
            alpha=p.alpha,
            benchmark=p.benchmark_rate,
            source_label=label,
        )
    return rates, gap


def _top(fit: LogitFit, notes: _Notes) -> tuple[str | None, float | None]:
    separated = fit.separated_drivers
    if not separated:
        return top_driver(fit.table)
    notes.none_reasons["top_driver_effect"] = "not estimable: separation in " + ", ".join(separated)
    notes.none_reasons["top_driver"] = (
        "separation: the effect of " + ", ".join(separated) + " is infinite"
    )
    return None, None


def _survival(grouped, band, df, p, workers):
    km = km_curves(
        grouped,
        p.duration,
        p.outcome,
        band,
        entry=workers.entry,
        alpha=p.alpha,
        source_label=workers.label,
    )
    summary = summarise_curves(km, group_labels(grouped, band), as_numeric(grouped[p.outcome]))
    cox = estimate_cox(
        df,
        p.duration,
        p.outcome,
        p.drivers,
        p.categorical,
        entry=workers.entry,
        cluster=workers.cluster,
        alpha=p.alpha,
        ph_transform=p.ph_transform,
        source_label=workers.label,
    )
    return km, summary, cox


def _prediction(df, fit: LogitFit, p, label) -> tuple[CVResult, RankingComparison]:
    cv = cv_evaluate(
        df,
        p.outcome,
        p.drivers,
        p.categorical,
        model=p.model,
        n_splits=p.cv_folds,
        n_repeats=p.permutation_repeats,
        alpha=p.alpha,
        seed=p.seed,
        source_label=label,
    )
    ranking = compare_rankings(
        fit.table, cv.importance, rank_tolerance=p.rank_tolerance, alpha=p.alpha
    )
    return cv, ranking


def _what_ifs(df, model: LogitModel, p, label, notes: _Notes):
    separated = model.fit.separated_drivers
    if separated:
        reason = "scenarios need estimable logit coefficients; separation in " + ", ".join(
            separated
        )
        notes.add([f"{label}: the what-if scenarios are skipped: {reason}."])
        for key in (
            "counterfactual_rates",
            "counterfactual_net_saving_yuan",
            "reward_net_yuan",
            "reward_exits_averted",
        ):
            notes.none_reasons[key] = reason
        return None, None
    common = dict(
        replacement_cost_yuan=p.replacement_cost_yuan,
        employer_oncost_rate=p.employer_oncost_rate,
        n_draws=p.n_draws,
        alpha=p.alpha,
        seed=p.seed,
    )
    scenarios = rewards = None
    if p.pay_rise_pct or p.hours_cut or p.overlap_cut:
        scenarios = simulate(
            df,
            model,
            levers=(p.pay_rise_pct, p.hours_cut, p.overlap_cut),
            combine=p.combine_scenarios,
            overlap_cost_yuan_per_worker=p.overlap_cost_yuan_per_worker,
            **common,
        )
        if not scenarios.table["costed"].all():
            notes.none_reasons["counterfactual_net_saving_yuan"] = NOT_COSTED
    else:
        reason = "no scenarios: pay_rise_pct, hours_cut and overlap_cut are empty"
        notes.none_reasons["counterfactual_rates"] = reason
        notes.none_reasons["counterfactual_net_saving_yuan"] = reason
    if p.reward_shares:
        rewards = simulate_rewards(
            df,
            model,
            reward_shares=p.reward_shares,
            efficiency_gain_pct_of_payroll=p.efficiency_gain_pct_of_payroll,
            **common,
        )
    else:
        for key in ("reward_net_yuan", "reward_exits_averted"):
            notes.none_reasons[key] = "no reward scenario: reward_shares is empty"
    return scenarios, rewards


def _truth(fit: LogitFit, p, kind: str, notes: _Notes) -> TruthCheck | None:
    if kind == "synthetic":
        truth = synth.WORKERS_TRUE_LOGIT
        return compare_with_truth(fit.table, truth, rank_tolerance=p.rank_tolerance)
    for key in ("synthetic_signs_recovered", "synthetic_ranks_recovered"):
        notes.none_reasons[key] = "your own data: there is no known truth to compare with"
    return None


def _sign_agreement(cox: CoxFit, fit: LogitFit) -> float | None:
    both = cox.table.set_index("term")["coef"].to_frame("cox")
    both = both.join(fit.table.set_index("term")["coef"].rename("logit")).dropna()
    agree = int((np.sign(both["cox"]) == np.sign(both["logit"])).sum())
    return agree / len(both) if len(both) else None


def run(params: TurnoverDriversParams) -> Result:
    """Run the turnover-drivers analysis: every table and number of the notebook.

    Raises
    ------
    DataError
        The data fail the schema (see :func:`~workbench.turnover.schema.load`) or the models
        cannot be fitted (collinear drivers).
    """
    p = params
    workers = schema.load(p)
    df, label = workers.frame, workers.label
    notes = _Notes()
    notes.add(
        fragility_warnings(
            df.reset_index(drop=True), p.outcome, p.drivers, p.categorical, source_label=label
        )
    )
    notes.add(workers.notes)
    grouped, band = _groups(df, p)
    rates, gap = _rates(grouped, band, p, label)
    if gap is None:
        for key in ("turnover_rate_young_certificate", "turnover_rate_others"):
            notes.none_reasons[key] = "no young certificate holders to compare (age or certificate)"
    model = estimate_logit(
        df,
        p.outcome,
        p.drivers,
        p.categorical,
        cluster=workers.cluster,
        alpha=p.alpha,
        source_label=label,
    )
    notes.add(model.fit.warnings)
    top, top_effect = _top(model.fit, notes)
    km, km_summary, cox = _survival(grouped, band, df, p, workers)
    notes.add(cox.warnings)
    cv, ranking = _prediction(df, model.fit, p, label)
    notes.add(cv.warnings)
    scenarios, rewards = _what_ifs(df, model, p, label, notes)
    truth = _truth(model.fit, p, workers.data_kind, notes)
    parts = dict(
        data_kind=workers.data_kind,
        label=label,
        n_workers=len(df),
        n_exits=int(as_numeric(df[p.outcome]).sum()),
        entry=workers.entry,
        cluster=workers.cluster,
        band=band,
        drivers=_driver_summary(df, list(p.drivers)),
        rates=rates,
        young_gap=gap,
        logit=model.fit,
        logit_model=model,
        top_driver=top,
        top_driver_effect=top_effect,
        hypotheses=check_hypotheses(model.fit.table, alpha=p.alpha),
        km=km,
        km_summary=km_summary,
        horizon=float(np.nanpercentile(as_numeric(df[p.duration]), 90)),
        cox=cox,
        cv=cv,
        ranking=ranking,
        scenarios=scenarios,
        rewards=rewards,
        truth=truth,
        warnings=tuple(notes.warnings),
    )
    numbers = _numbers(parts, p, notes)
    return Result(**parts, none_reasons=dict(notes.none_reasons), numbers=numbers)


def _numbers(r: dict[str, Any], p: TurnoverDriversParams, notes: _Notes) -> dict[str, Any]:
    overall = r["rates"].iloc[0]
    if not np.isfinite(overall["p_value"]):
        notes.none_reasons["turnover_rate_p_value_vs_benchmark"] = (
            "benchmark_rate is 0 or 1: no test"
        )
    gap: GroupGap | None = r["young_gap"]
    fit: LogitFit = r["logit"]
    cox: CoxFit = r["cox"]
    summary = r["cv"].summary
    out: dict[str, Any] = {
        "data_kind": r["data_kind"],
        "warnings": list(r["warnings"]),
        "n_workers": r["n_workers"],
        "n_exits": r["n_exits"],
        "turnover_rate": float(overall["rate"]),
        "turnover_rate_ci_low": float(overall["ci_low"]),
        "turnover_rate_ci_high": float(overall["ci_high"]),
        "turnover_benchmark": p.benchmark_rate,
        "turnover_rate_vs_benchmark": overall["vs_benchmark"],
        "turnover_rate_p_value_vs_benchmark": finite_or_none(overall["p_value"]),
        "turnover_cost_yuan": r["n_exits"] * p.replacement_cost_yuan,
        "turnover_rate_young_certificate": gap.rate if gap else None,
        "turnover_rate_others": gap.other_rate if gap else None,
        "top_driver": r["top_driver"],
        "top_driver_effect": r["top_driver_effect"],
        "driver_effects": _by_term(fit.table, "effect"),
        "driver_effect_p_values": _by_term(fit.table, "effect_p_value"),
        "logit_pseudo_r2": fit.pseudo_r2,
        "hypothesis_verdicts": dict(
            zip(r["hypotheses"]["driver"], r["hypotheses"]["verdict"], strict=True)
        ),
        "cox_ph_global_p_value": finite_or_none(cox.ph_global_p_value),
        "cox_ph_violations": cox.table.loc[cox.table["ph_p_value"] < p.alpha, "term"].tolist(),
        "cox_hazard_ratios": _by_term(cox.table, "hazard_ratio"),
        "cox_logit_sign_agreement": _sign_agreement(cox, fit),
        "cv_roc_auc": finite_or_none(summary["roc_auc"]),
        "cv_roc_auc_sd": finite_or_none(summary["roc_auc_sd"]),
        "cv_pr_auc": finite_or_none(summary["pr_auc"]),
        "cv_prevalence": summary["prevalence"],
        "cv_brier": finite_or_none(summary["brier"]),
        "cv_brier_skill": finite_or_none(summary["brier_skill"]),
        "ranking_spearman_rho": finite_or_none(r["ranking"].spearman_rho),
        "ranking_disagreements": r["ranking"].disagreements,
        **_what_if_numbers(r["scenarios"], r["rewards"]),
        "synthetic_signs_recovered": r["truth"].signs_recovered if r["truth"] else None,
        "synthetic_ranks_recovered": r["truth"].ranks_recovered if r["truth"] else None,
        "n_warnings": len(r["warnings"]),
    }
    for key, reason in (
        ("cv_roc_auc", "ROC-AUC undefined (a fold without both outcomes)"),
        ("cv_roc_auc_sd", "fewer than two folds scored"),
        ("cv_pr_auc", "PR-AUC undefined"),
        ("cv_brier", "Brier score undefined"),
        ("cv_brier_skill", "no variation in the outcome"),
        ("ranking_spearman_rho", "fewer than three drivers ranked"),
        ("cox_ph_global_p_value", "PH test not computable"),
        *(
            (f"counterfactual_{kind}_{what}", reason)
            for kind, lever in LEVER_KEYS.items()
            for what, reason in (
                ("rate", f"no scenario with {lever} alone (the list is empty)"),
                (
                    "net_saving_yuan",
                    f"no costed scenario with {lever} alone (none tried, or not costed)",
                ),
            )
        ),
    ):
        if out[key] is None:
            notes.none_reasons.setdefault(key, reason)
    out["none_reasons"] = dict(notes.none_reasons)
    return {name: plain(out[name]) for name in KEYS}


def plain(value: Any) -> Any:
    """numpy scalars as Python numbers, recursively (``results.json`` holds plain JSON types)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _by_term(table: pd.DataFrame, column: str) -> dict[str, float | None]:
    return {t: finite_or_none(v) for t, v in zip(table["term"], table[column], strict=True)}


#: The scalar what-if keys, one pair per lever: the largest value of that lever tried alone
#: (so that a sweep over the levers can index and compare them).
LEVER_KEYS = {"pay": "pay_rise_pct", "hours": "hours_cut", "overlap": "overlap_cut"}


def _what_if_numbers(scenarios: Scenarios | None, rewards: Rewards | None) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(
        (
            "counterfactual_rates",
            "counterfactual_net_saving_yuan",
            "reward_net_yuan",
            "reward_exits_averted",
        )
    )
    for kind in LEVER_KEYS:
        out[f"counterfactual_{kind}_rate"] = out[f"counterfactual_{kind}_net_saving_yuan"] = None
    if scenarios is not None:
        cf = scenarios.table
        out["counterfactual_rates"] = {r.scenario: r.rate for r in cf.itertuples()}
        out["counterfactual_net_saving_yuan"] = {
            r.scenario: finite_or_none(r.net_saving_yuan) for r in cf.iloc[1:].itertuples()
        }
        for kind, lever in LEVER_KEYS.items():
            alone = cf[(cf[lever] > 0) & (cf[[c for c in LEVER_KEYS.values() if c != lever]] == 0)
                       .all(axis=1)]  # fmt: skip
            if len(alone):
                row = alone.loc[alone[lever].idxmax()]
                out[f"counterfactual_{kind}_rate"] = float(row["rate"])
                out[f"counterfactual_{kind}_net_saving_yuan"] = finite_or_none(
                    row["net_saving_yuan"]
                )
    if rewards is not None:
        rw = rewards.table
        out["reward_net_yuan"] = {f"{r.reward_share:g}": r.reward_net_yuan for r in rw.itertuples()}
        out["reward_exits_averted"] = {
            f"{r.reward_share:g}": r.exits_averted for r in rw.itertuples()
        }
    return out
