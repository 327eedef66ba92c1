"""The whole analysis, once: ``run(params) -> Result``, every table and number the notebook shows.

:func:`run` loads the data once through :func:`workbench.costeff.schema.load` (regenerating the
synthetic programmes with :func:`workbench.synth.programmes` when ``synthetic_staff_penalty``
differs from the shipped file's), computes each section with the compute modules and assembles
``Result.numbers``, the run's ``results.json``. It writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from workbench import synth
from workbench.costeff import (
    arithmetic,
    bootstrap,
    envelopment,
    response,
    reward,
    schema,
    staffing,
    strategies,
    uncertainty,
)
from workbench.costeff.keys import KEYS
from workbench.errors import DataError
from workbench.params.costeff import TechCostEffectivenessParams as Model

PLANE_DRAWS = 1000  # PSA draws shown on the cost-effectiveness plane
RANKED_SHOWN = 12  # units listed in the DEA ranking table


@dataclass(frozen=True)
class Article:
    """The article's figures and the arithmetic on them (as quoted in the article)."""

    table: pd.DataFrame  # arithmetic.article_spending_arithmetic
    total: float  # yuan
    per_project: float  # yuan
    top3: float  # yuan
    top3_share: float  # fraction
    ratio_to_third: float
    n_documents: int
    n_projects: int
    provinces: pd.DataFrame  # region, region_zh, yuan, share (the provinces with amounts)
    named_only: pd.DataFrame  # region, region_zh (named without amounts)


@dataclass(frozen=True)
class Response:
    """The response curves of the outcome on technology spending."""

    fit: response.ResponseFit  # staff held fixed when ``adjusted``
    naive: response.ResponseFit  # tech spend only
    alternative: response.ResponseFit | None  # the other curve (log or hill), for its AIC
    adjusted: bool
    staff_reference: float  # yuan
    mean_spend: float  # yuan
    max_spend: float  # yuan
    marginal: float  # outcome units per marginal_step yuan
    marginal_naive: float
    x_star: float  # yuan; 0 when no spend clears the threshold
    beyond: float  # fraction of units
    bootstrap: str  # "ok", "off" (n_boot 0) or "failed"
    n_boot_ok: int
    marginal_ci: tuple[float, float] | None
    x_star_ci: tuple[float, float] | None
    correlation: float
    beta: tuple[float, float, float] | None  # staff-cut coefficient, 95% low, high
    curve: pd.DataFrame  # spend, fitted, fitted_lower, fitted_upper, naive
    y_at_mean: float  # fitted outcome at the mean spend
    units: pd.DataFrame  # spend, outcome of every unit


@dataclass(frozen=True)
class Comparison:
    """Strategies: ICERs, NMB, PSA, EVPI, discounting and the one-way tornado."""

    summary: pd.DataFrame  # strategies.arm_summary
    plane: pd.DataFrame  # strategies.ce_plane plus cost_per_effect
    optimal: str
    icers: dict[str, float | None]
    wtp_ranges: list[tuple[str, float, float | None]]
    nmb: pd.DataFrame  # strategy, wtp, nmb
    psa_optimal: str
    probability: float
    probabilities: dict[str, float]  # at wtp
    evpi: float  # yuan per unit a year
    evpi_population: float  # yuan, all units, present value
    evpi_peak: tuple[float, float]  # (wtp, evpi)
    ceac: pd.DataFrame
    draws: pd.DataFrame  # strategy, delta_effect, delta_cost (PSA draws vs the reference)
    psa: uncertainty.PSASample  # every PSA draw, for the scenario explorer
    annuity: float
    discounting: pd.DataFrame  # strategy, cost, effect, pv_cost, pv_effect, pv_nmb
    tornado: pd.DataFrame  # uncertainty.strategy_tornado, inputs that move the margin
    tornado_still: tuple[str, ...]  # inputs that do not move it
    best: str
    comparator: str
    flips: tuple[str, ...]


@dataclass(frozen=True)
class Frontier:
    """Data envelopment analysis under both returns to scale."""

    rts: str
    scores: dict[str, np.ndarray]  # rts -> scores sorted from the highest
    n_efficient: dict[str, int]  # rts -> units
    median_score: float
    scale_efficiency: float  # mean CRS / VRS score
    saving: float  # yuan a year
    saving_share: float
    with_slack: int
    by_strategy: pd.DataFrame | None  # strategy, units, efficient, mean_score
    ranked: pd.DataFrame  # the first units by rank


@dataclass(frozen=True)
class Reward:
    """The 30%-50% efficiency reward from the budget's and society's perspectives."""

    table: pd.DataFrame  # reward.incentive
    baseline: float  # yuan a year
    low: float
    high: float


@dataclass(frozen=True)
class Result:
    """Everything the notebook shows; ``numbers`` is ``results.json``."""

    KEYS: ClassVar = KEYS
    data_kind: str
    numbers: dict
    inputs: schema.Inputs
    article: Article
    response: Response
    comparison: Comparison | None
    frontier: Frontier
    reward: Reward

    @property
    def n_units(self) -> int:
        return len(self.inputs.programmes)


def _article(table: pd.DataFrame) -> Article:
    arith = arithmetic.article_spending_arithmetic(table)
    q = arith.set_index("quantity")
    total = float(q.loc["total_investment", "value"])
    zh = dict(zip(table["region"], table["region_zh"], strict=True))
    prov = arith[arith["quantity"] == "share_of_total"]
    provinces = pd.DataFrame(
        {
            "region": prov["region"].to_numpy(),
            "region_zh": [zh.get(r, r) for r in prov["region"]],
            "yuan": prov["value"].to_numpy() * total,
            "share": prov["value"].to_numpy(),
        }
    )
    spending = table[table["indicator"] == "gov_data_project_spending"]
    named = spending[spending["value"].isna()]

    def count(indicator: str) -> int:
        return int(table.loc[table["indicator"] == indicator, "value"].iloc[0])

    return Article(
        table=arith,
        total=total,
        per_project=float(q.loc["average_per_project", "value"]),
        top3=float(q.loc["top3_spending", "value"]),
        top3_share=float(q.loc["top3_share_of_total", "value"]),
        ratio_to_third=float(q.loc["ratio_to_third", "value"]),
        n_documents=count("policy_documents"),
        n_projects=count("platform_projects"),
        provinces=provinces,
        named_only=named[["region", "region_zh"]].reset_index(drop=True),
    )


def _intervals(x, y, cov, p: Model, mean_spend: float):
    """Bootstrap intervals of the marginal return and of the threshold spend, or why not."""
    if not p.n_boot:
        return "off", 0, None, None
    try:
        boot = bootstrap.bootstrap_response(
            x,
            y,
            p.response_model,
            at_spend=mean_spend,
            threshold=p.marginal_threshold,
            step=p.marginal_step,
            n_boot=p.n_boot,
            seed=p.seed,
            covariates=cov,
        ).set_index("quantity")
    except ValueError:
        return "failed", 0, None, None
    ci = tuple(float(boot.loc["marginal_at_spend", k]) for k in ("lower", "upper"))
    xs = tuple(float(boot.loc["spend_at_threshold", k]) for k in ("lower", "upper"))
    return "ok", int(boot["n_ok"].iloc[0]), ci, xs


def _fit(x, y, model, cov, source):
    try:
        return response.fit_response(x, y, model, covariates=cov)
    except response.FitError as exc:
        raise DataError(f"{source}: {exc}", file=source) from None


def _response(inputs: schema.Inputs, p: Model) -> Response:
    prog = inputs.programmes
    x = prog["tech_spend"].to_numpy(float)
    y = prog[p.outcome].to_numpy(float)
    staff = prog["staff_cost"].to_numpy(float)
    staff_ref = p.staff_reference or float(np.median(staff))
    cut = staffing.staff_cut(staff, staff_ref) if staff_ref > 0 else np.zeros_like(staff)
    adjust = bool(p.adjust_for_staff and np.ptp(cut) > 0)
    cov = pd.DataFrame({"staff_cut": cut}) if adjust else None
    fit = _fit(x, y, p.response_model, cov, inputs.source)
    naive = _fit(x, y, p.response_model, None, inputs.source)
    mean_spend = float(x.mean())
    x_star = response.spend_at_marginal(fit, p.marginal_threshold, p.marginal_step)
    other = "log" if p.response_model == "hill" else "hill"
    try:
        alternative = response.fit_response(x, y, other, covariates=cov)
    except ValueError:
        alternative = None
    status, n_ok, ci, xs_ci = _intervals(x, y, cov, p, mean_spend)
    grid = np.linspace(0, float(np.quantile(x, 0.995)) * 1.05, 200)
    curve = response.response_curve(fit, grid, p.marginal_step)
    curve["naive"] = response.response_curve(naive, grid, p.marginal_step)["fitted"]
    return Response(
        fit=fit,
        naive=naive,
        alternative=alternative,
        adjusted=adjust,
        staff_reference=staff_ref,
        mean_spend=mean_spend,
        max_spend=float(x.max()),
        marginal=float(response.marginal_response(fit, mean_spend, p.marginal_step)),
        marginal_naive=float(response.marginal_response(naive, mean_spend, p.marginal_step)),
        x_star=x_star,
        beyond=float(np.mean(x > x_star)) if x_star > 0 else 1.0,
        bootstrap=status,
        n_boot_ok=n_ok,
        marginal_ci=ci,
        x_star_ci=xs_ci,
        correlation=float(np.corrcoef(x, staff)[0, 1]),
        beta=staffing.staff_coefficient(fit) if adjust else None,
        curve=curve,
        y_at_mean=float(response.predict_response(fit, mean_spend)),
        units=pd.DataFrame({"spend": x, "outcome": y}),
    )


def _psa(units, summary, plane, p: Model, n_units: int, annuity: float) -> dict:
    """PSA draws, acceptability curves, EVPI and the plane's sample of draws."""
    psa = uncertainty.psa_bootstrap(units, "strategy", "cost", "effect", p.psa_draws, p.seed)
    grid = np.linspace(p.wtp_min, p.wtp_max, p.wtp_steps)
    info = uncertainty.evpi(psa, grid)
    at = uncertainty.ceac(psa, [p.wtp]).set_index("strategy")
    ev = uncertainty.evpi(psa, [p.wtp]).iloc[0]
    psa_optimal = str(ev["optimal_strategy"])
    ref = plane.loc[plane["status"] == "reference", "strategy"].iloc[0]
    k_ref = psa.strategies.index(ref)
    take = np.random.default_rng(p.seed).choice(
        psa.n_draws, size=min(PLANE_DRAWS, psa.n_draws), replace=False
    )
    draws = pd.concat(
        pd.DataFrame(
            {
                "strategy": s,
                "delta_effect": psa.effects[take, k] - psa.effects[take, k_ref],
                "delta_cost": psa.costs[take, k] - psa.costs[take, k_ref],
            }
        )
        for k, s in enumerate(psa.strategies)
        if s != ref
    )
    peak = info.loc[info["evpi"].idxmax()]
    return dict(
        psa_optimal=psa_optimal,
        probability=float(at.loc[psa_optimal, "probability"]),
        probabilities={s: float(at.loc[s, "probability"]) for s in psa.strategies},
        evpi=float(ev["evpi"]),
        evpi_population=float(ev["evpi"]) * n_units * annuity,
        evpi_peak=(float(peak["wtp"]), float(peak["evpi"])),
        ceac=uncertainty.ceac(psa, grid),
        draws=draws.reset_index(drop=True),
        psa=psa,
    )


def _tornado(summary: pd.DataFrame, wtp: float) -> dict:
    torn = uncertainty.strategy_tornado(summary, wtp)
    low_end = torn[["outcome_low", "outcome_high"]].min(axis=1)
    flat = torn["swing"] <= 1e-9 * max(1.0, abs(torn["outcome_base"].iloc[0]))
    return dict(
        tornado=torn[~flat].reset_index(drop=True),
        tornado_still=tuple(torn.loc[flat, "parameter"]),
        best=str(torn["best"].iloc[0]),
        comparator=str(torn["comparator"].iloc[0]),
        flips=tuple(torn.loc[low_end < 0, "parameter"]),
        top=str(torn["parameter"].iloc[0]),
    )


def _comparison(inputs: schema.Inputs, p: Model, annuity: float) -> tuple[Comparison, str]:
    prog = inputs.programmes
    units = strategies.with_total_cost(prog, p.cost_columns).assign(
        effect=prog[p.outcome] * p.effect_scale
    )
    summary = strategies.arm_summary(prog, "strategy", p.cost_columns, p.outcome, p.effect_scale)
    plane = strategies.ce_plane(summary)
    plane["cost_per_effect"] = strategies.cost_per_outcome(plane["cost"], plane["effect"])
    icer_of = {
        str(s): (None if pd.isna(v) else float(v))
        for s, v in zip(plane["strategy"], plane["icer"], strict=True)
    }
    nmb_at = strategies.nmb_table(summary, sorted({p.wtp_min, p.wtp, p.wtp_max}))
    disc = summary[["strategy", "cost", "effect"]].assign(
        pv_cost=summary["cost"] * annuity,
        pv_effect=summary["effect"] * annuity,
        pv_nmb=(p.wtp * summary["effect"] - summary["cost"]) * annuity,
    )
    torn = _tornado(summary, p.wtp)
    top = torn.pop("top")
    comparison = Comparison(
        summary=summary,
        plane=plane,
        optimal=strategies.optimal_strategy(summary, p.wtp),
        icers=icer_of,
        wtp_ranges=strategies.wtp_ranges(plane),
        nmb=nmb_at[["strategy", "wtp", "nmb"]],
        annuity=annuity,
        discounting=disc,
        **_psa(units, summary, plane, p, len(prog), annuity),
        **torn,
    )
    return comparison, top


def _frontier(inputs: schema.Inputs, p: Model) -> Frontier:
    prog = inputs.programmes.set_index("unit_id")
    dea = {
        rts: envelopment.dea_details(prog[p.cost_columns], prog[[p.outcome]], rts=rts)
        for rts in ("crs", "vrs")
    }
    head = dea[p.dea_rts]
    table = head.table
    total_cost = prog[p.cost_columns].sum(axis=1).to_numpy(float)
    saving = float(np.sum(envelopment.potential_savings(total_cost, head.scores.to_numpy())))
    slack_cols = [f"slack_{c}" for c in p.cost_columns]
    ranked = table.sort_values(["rank", "score"], ascending=[True, False])
    by = None
    if "strategy" in prog.columns:
        ranked = ranked.join(prog["strategy"])
        by = (
            table.join(prog["strategy"])
            .groupby("strategy")
            .agg(units=("score", "size"), efficient=("efficient", "sum"), mean=("score", "mean"))
            .reset_index()
        )
    return Frontier(
        rts=p.dea_rts,
        scores={rts: np.sort(d.scores.to_numpy())[::-1] for rts, d in dea.items()},
        n_efficient={rts: int(d.table["efficient"].sum()) for rts, d in dea.items()},
        median_score=float(table["score"].median()),
        scale_efficiency=float((dea["crs"].scores / dea["vrs"].scores).mean()),
        saving=saving,
        saving_share=saving / float(total_cost.sum()),
        with_slack=int((table[slack_cols] > 0).any(axis=1).sum()),
        by_strategy=by,
        ranked=ranked.head(RANKED_SHOWN).reset_index(),
    )


def _reward(inputs: schema.Inputs, p: Model) -> Reward:
    baseline = float(inputs.programmes[p.cost_columns].sum(axis=1).to_numpy(float).sum())
    low, high = p.reward_share_range
    table = reward.incentive(
        baseline,
        p.efficiency_gain,
        (low, high),
        admin_cost=p.admin_cost_share * baseline,
        deadweight=p.deadweight,
        n_shares=3 if high > low else 1,
        years=p.horizon_years,
        rate=p.discount_rate,
    )
    return Reward(table=table, baseline=baseline, low=float(low), high=float(high))


def _numbers(inputs, art, resp, comp, top, front, rew) -> dict:
    beta = resp.beta or (None, None, None)
    ci = resp.marginal_ci or (None, None)
    top_row = rew.table.iloc[-1]
    return {
        "data_kind": inputs.data_kind,
        "n_units": len(inputs.programmes),
        "top3_share_of_total": art.top3_share,
        "average_per_project_yuan": art.per_project,
        "marginal_return_at_mean_spend": resp.marginal,
        "marginal_return_at_mean_spend_unadjusted": resp.marginal_naive,
        "spend_at_marginal_threshold": resp.x_star,
        "share_units_beyond_threshold": resp.beyond,
        "marginal_return_ci_low": ci[0],
        "marginal_return_ci_high": ci[1],
        "correlation_tech_staff": resp.correlation,
        "staff_cut_coefficient": beta[0],
        "staff_cut_coefficient_ci_low": beta[1],
        "staff_cut_coefficient_ci_high": beta[2],
        "optimal_strategy_at_wtp": comp.optimal if comp else None,
        "icer_by_strategy": comp.icers if comp else None,
        "evpi": comp.evpi if comp else None,
        "evpi_population_pv": comp.evpi_population if comp else None,
        "probability_optimal_cost_effective": comp.probability if comp else None,
        "tornado_top_parameter": top,
        "n_efficient_units": front.n_efficient[front.rts],
        "n_efficient_units_crs": front.n_efficient["crs"],
        "n_efficient_units_vrs": front.n_efficient["vrs"],
        "dea_median_score": front.median_score,
        "dea_potential_saving_share": front.saving_share,
        "incentive_net_saving": float(top_row["net_saving_budget"]),
        "incentive_net_saving_low_share": float(rew.table["net_saving_budget"].iloc[0]),
        "incentive_net_saving_society": float(top_row["net_saving_society"]),
        "incentive_reward_cost": float(top_row["reward"]),
        "incentive_break_even_gain_budget": float(top_row["break_even_gain_budget"]),
        "incentive_break_even_gain_society": float(top_row["break_even_gain_society"]),
    }


def load(p: Model) -> schema.Inputs:
    """The run's inputs, regenerating the synthetic data for another staff penalty."""
    regenerate = not p.data_path and p.synthetic_staff_penalty != schema.SHIPPED_STAFF_PENALTY
    generated = synth.programmes(staff_penalty=p.synthetic_staff_penalty) if regenerate else None
    return schema.load(p, synthetic=generated)


def run(p: Model) -> Result:
    """Compute the whole analysis for parameters ``p`` (see the module docstring)."""
    inputs = load(p)
    art = _article(inputs.article)
    resp = _response(inputs, p)
    comp, top = None, None
    if len(inputs.strategies) >= 2:
        comp, top = _comparison(inputs, p, reward.annuity_factor(p.horizon_years, p.discount_rate))
    front = _frontier(inputs, p)
    rew = _reward(inputs, p)
    numbers = _numbers(inputs, art, resp, comp, top, front, rew)
    return Result(
        data_kind=inputs.data_kind,
        numbers=numbers,
        inputs=inputs,
        article=art,
        response=resp,
        comparison=comp,
        frontier=front,
        reward=rew,
    )
