"""The article's explanations as testable claims, and a check against a known synthetic truth."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: The article's explanations of turnover (F9 and the text around it, as quoted in the article)
#: as testable claims: canonical driver -> (expected sign of its effect on leaving, the claim).
ARTICLE_HYPOTHESES: dict[str, tuple[int, str]] = {
    "monthly_pay": (-1, "low pay drives staff away"),
    "resident_recognition": (-1, "low status (residents' recognition) drives staff away"),
    "duty_overlap": (1, "overlapping party and mass-organisation duties drive staff away"),
    "weekly_hours": (1, "heavy workloads drive staff away"),
    "professional_identity": (-1, "weak professional identity drives staff away"),
    "has_sw_certificate": (1, "staff with the social-worker certificate leave more"),
}
VERDICTS = (
    "supported",
    "contradicted",
    "no clear association",
    "not estimable",
    "not tested (not in the model)",
)
_HYPOTHESIS_COLUMNS = [
    "driver",
    "claim",
    "expected",
    "effect",
    "effect_ci_low",
    "effect_ci_high",
    "effect_p_value",
    "verdict",
]


def _verdict(effect: float, p_value: float, sign: int, alpha: float) -> str:
    if not (np.isfinite(effect) and np.isfinite(p_value)):
        return "not estimable"
    if p_value < alpha:
        return "supported" if np.sign(effect) == sign else "contradicted"
    return "no clear association"


def check_hypotheses(
    logit_table: pd.DataFrame,
    hypotheses: Mapping[str, tuple[int, str]] = ARTICLE_HYPOTHESES,
    *,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Verdict on each of the article's explanations, on the probability scale.

    For each driver with an expected sign, the ``effect`` of the logit (probability change for
    one SD or 0 -> 1, with its delta-method interval and p-value) decides: ``supported`` when
    ``p < alpha`` and the sign is the expected one, ``contradicted`` when ``p < alpha`` and the
    sign is the opposite, ``no clear association`` otherwise, ``not estimable`` when the effect
    is NaN (e.g. separation) and ``not tested`` when the driver is not in the model. A verdict
    is about association, holding the other drivers fixed; it is not causal.

    Parameters
    ----------
    logit_table : pandas.DataFrame
        ``LogitFit.table``.
    hypotheses : mapping of str to (int, str)
        Driver -> (expected sign: +1 raises turnover, -1 lowers it; the claim in words).
    alpha : float
        Significance level.

    Returns
    -------
    pandas.DataFrame
        ``driver``, ``claim``, ``expected`` ("raises" or "lowers" turnover), ``effect``,
        ``effect_ci_low``, ``effect_ci_high`` (fractions), ``effect_p_value``, ``verdict``.

    Raises
    ------
    ValueError
        An expected sign other than +1 or -1.

    References
    ----------
    Mood, C. (2010). European Sociological Review 26(1), 67-82.
    """
    lt = logit_table[logit_table["kind"] != "level"].set_index("driver")
    rows = []
    for driver, (sign, claim) in hypotheses.items():
        if sign not in (-1, 1):
            raise ValueError(f"expected sign of '{driver}' must be +1 or -1, got {sign}")
        row: dict[str, Any] = {
            "driver": driver,
            "claim": claim,
            "expected": "raises" if sign > 0 else "lowers",
        }
        if driver not in lt.index:
            rows.append({**row, "verdict": "not tested (not in the model)"})
            continue
        r = lt.loc[driver]
        eff, pv = float(r["effect"]), float(r["effect_p_value"])
        rows.append(
            {
                **row,
                "effect": eff,
                "effect_ci_low": float(r["effect_ci_low"]),
                "effect_ci_high": float(r["effect_ci_high"]),
                "effect_p_value": pv,
                "verdict": _verdict(eff, pv, sign, alpha),
            }
        )
    out = pd.DataFrame(rows)
    for c in ("effect", "effect_ci_low", "effect_ci_high", "effect_p_value"):
        if c not in out:
            out[c] = np.nan
    return out[_HYPOTHESIS_COLUMNS]


@dataclass(frozen=True)
class TruthCheck:
    """A fitted logit against the true coefficients of synthetic data (:func:`compare_with_truth`).

    Attributes
    ----------
    table : pandas.DataFrame
        ``term``, ``true_coef``, ``coef``, ``coef_ci_low``, ``coef_ci_high``, ``covered``,
        ``sign_recovered``, ``true_per_sd``, ``coef_per_sd``, ``true_rank``, ``rank``,
        ``rank_recovered`` and ``note``.
    signs_recovered : bool
        Every term in the model has the true sign (a true null: its interval covers 0).
    ranks_recovered : bool
        Every continuous term's rank is within ``rank_tolerance`` of its true rank.
    n_covered, n_compared : int
        True coefficients inside the intervals, out of the terms in the model.
    top_true, top_estimated : str or None
        Continuous driver with the largest true and estimated per-SD effect.
    spearman_rho : float
        Rank correlation of the true and estimated per-SD effects (NaN below three terms).
    rank_tolerance : int
    """

    table: pd.DataFrame
    signs_recovered: bool
    ranks_recovered: bool
    n_covered: int
    n_compared: int
    top_true: str | None
    top_estimated: str | None
    spearman_rho: float
    rank_tolerance: int

    @property
    def missed(self) -> list[str]:
        """Terms whose true coefficient lies outside the interval."""
        return self.table.loc[self.table["covered"].eq(False), "term"].tolist()

    @property
    def wrong_signs(self) -> list[str]:
        """Terms whose sign was not recovered."""
        return self.table.loc[self.table["sign_recovered"].eq(False), "term"].tolist()


def _truth_row(term: str, true: float, r: pd.Series, given: bool) -> dict[str, Any]:
    coef = float(r["coef"])
    with np.errstate(divide="ignore", invalid="ignore"):
        lo, hi = float(np.log(r["ci_low"])), float(np.log(r["ci_high"]))
    finite = bool(np.isfinite(coef) and np.isfinite(lo) and np.isfinite(hi))
    if not finite:
        sign_ok = False
    elif true == 0.0:
        sign_ok = lo <= 0.0 <= hi
    else:
        sign_ok = bool(np.sign(coef) == np.sign(true))
    sd = float(r["change"]) if r["kind"] == "continuous" else np.nan
    return {
        "term": term,
        "true_coef": true,
        "coef": coef,
        "coef_ci_low": lo,
        "coef_ci_high": hi,
        "covered": bool(finite and lo <= true <= hi),
        "sign_recovered": sign_ok,
        "true_per_sd": true * sd,
        "coef_per_sd": coef * sd,
        "note": "" if given else "no true value given (taken as 0)",
    }


def _truth_table(logit_table: pd.DataFrame, truth: Mapping[str, float], tolerance: int):
    lt = logit_table.set_index("term")
    rows = []
    for term in dict.fromkeys([*truth, *lt.index]):
        true = float(truth.get(term, 0.0))
        if term in lt.index:
            rows.append(_truth_row(term, true, lt.loc[term], term in truth))
        else:
            rows.append(
                {"term": term, "true_coef": true, "note": "not in the model (absorbed by others)"}
            )
    out = pd.DataFrame(rows)
    for c in ("coef", "coef_ci_low", "coef_ci_high", "true_per_sd", "coef_per_sd"):
        if c not in out:
            out[c] = np.nan
    for c in ("covered", "sign_recovered"):
        if c not in out:
            out[c] = None
    cont = out["true_per_sd"].notna() & out["coef_per_sd"].notna()
    out["true_rank"] = out.loc[cont, "true_per_sd"].abs().rank(ascending=False, method="min")
    out["rank"] = out.loc[cont, "coef_per_sd"].abs().rank(ascending=False, method="min")
    out["rank_recovered"] = None
    out.loc[cont, "rank_recovered"] = (
        (out.loc[cont, "true_rank"] - out.loc[cont, "rank"]).abs() <= tolerance
    ).to_numpy()
    return out, cont


def compare_with_truth(
    logit_table: pd.DataFrame,
    truth: Mapping[str, float],
    *,
    rank_tolerance: int = 1,
) -> TruthCheck:
    """Check a fitted logit against the TRUE coefficients of synthetic data.

    Used on data from :func:`workbench.synth.workers`, whose true logit coefficients are
    :data:`workbench.synth.WORKERS_TRUE_LOGIT`: can the analysis recover what was put in?
    Per term: the sign (a true null, coefficient 0, counts as recovered when the confidence
    interval of the estimate covers 0), whether the interval ``log(ci_low)..log(ci_high)``
    covers the true coefficient, and, for continuous drivers, the rank of the per-SD effect
    ``|b_k * SD_k|`` (SD of the driver in the data, the ``change`` column of the logit table)
    under the true and the estimated coefficients. True terms the model leaves out (e.g. an
    interaction) are listed with a note: their effect is absorbed by the included drivers, so
    the estimates of those drivers need not equal their true values.

    Parameters
    ----------
    logit_table : pandas.DataFrame
        ``LogitFit.table``.
    truth : mapping of str to float
        True coefficient per term name (log-odds per unit of the driver).
    rank_tolerance : int
        Largest difference between true and estimated rank counted as recovered.

    Returns
    -------
    TruthCheck
    """
    from scipy import stats

    out, cont = _truth_table(logit_table, truth, rank_tolerance)
    in_model = ~out["note"].str.startswith("not in the model")
    c = out.loc[cont]
    rho = float(stats.spearmanr(c["true_rank"], c["rank"])[0]) if len(c) > 2 else np.nan
    return TruthCheck(
        table=out,
        signs_recovered=bool(out.loc[in_model, "sign_recovered"].all()),
        ranks_recovered=bool(c["rank_recovered"].all()) if len(c) else False,
        n_covered=int(out.loc[in_model, "covered"].sum()),
        n_compared=int(in_model.sum()),
        top_true=str(c.loc[c["true_rank"].idxmin(), "term"]) if len(c) else None,
        top_estimated=str(c.loc[c["rank"].idxmin(), "term"]) if len(c) else None,
        spearman_rho=rho,
        rank_tolerance=rank_tolerance,
    )
