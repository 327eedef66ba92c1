"""Cross-validated prediction of leaving: scores, calibration, permutation importance, rankings."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.errors import DataError
from workbench.turnover import schema
from workbench.turnover.design import as_numeric, covariates, validate_workers


@dataclass(frozen=True)
class CVResult:
    """Cross-validated prediction of leaving (see :func:`cv_evaluate`).

    Attributes
    ----------
    folds : pandas.DataFrame
        Per fold: ``fold``, ``n_test``, ``exits_test``, ``roc_auc``, ``pr_auc``, ``brier``.
    summary : dict of str to float
        ``roc_auc`` (mean over folds), ``roc_auc_sd``, ``roc_auc_pooled`` (out-of-fold
        predictions pooled), ``pr_auc``, ``prevalence`` (the PR-AUC of a no-skill model),
        ``brier``, ``brier_reference`` (Brier score of always predicting the prevalence),
        ``brier_skill`` (1 - brier / reference), ``n_splits``.
    oof_probability : numpy.ndarray
        Out-of-fold predicted probability of leaving for every row.
    calibration : pandas.DataFrame
        Quantile bins of the out-of-fold predictions: ``bin``, ``n``, ``mean_predicted``,
        ``observed_rate``, ``ci_low``, ``ci_high`` (Wilson).
    importance : pandas.DataFrame
        Held-out permutation importance per driver: ``driver``, ``importance_mean`` (drop in
        ROC-AUC when the driver is shuffled), ``importance_sd``, ``ci_low``, ``ci_high`` (t
        interval over fold means), ``rank`` (1 = most important).
    warnings : tuple of str
        Fragility warnings from validation.
    """

    folds: pd.DataFrame
    summary: dict[str, float]
    oof_probability: np.ndarray
    calibration: pd.DataFrame
    importance: pd.DataFrame
    warnings: tuple[str, ...]


def build_pipeline(
    numeric: Sequence[str],
    categorical: Sequence[str],
    *,
    model: str = "hgb",
    seed: int = schema.SEED,
) -> Any:
    """scikit-learn Pipeline: one-hot encode the categoricals, then a tree ensemble.

    Parameters
    ----------
    numeric : sequence of str
        Numeric driver columns (passed through unscaled; trees do not need scaling).
    categorical : sequence of str
        Categorical columns, one-hot encoded (unknown levels in a test fold are ignored).
    model : {"hgb", "rf"}
        ``HistGradientBoostingClassifier`` (gradient boosting, Friedman 2001) or
        ``RandomForestClassifier`` (Breiman 2001).
    seed : int
        ``random_state`` of the model.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Unfitted pipeline taking a DataFrame with the named columns.

    References
    ----------
    Breiman, L. (2001). Random forests. Machine Learning 45(1), 5-32.
    Friedman, J. H. (2001). Greedy function approximation: a gradient boosting machine. Annals of
    Statistics 29(5), 1189-1232.
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder

    if model == "hgb":
        # shallow, slow-learning trees with large leaves: turnover data are small and noisy,
        # and deeper defaults overfit (worse held-out Brier score) at a few thousand workers
        est: Any = HistGradientBoostingClassifier(
            learning_rate=0.05,
            max_iter=100,
            max_depth=3,
            min_samples_leaf=50,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=seed,
        )
    elif model == "rf":
        est = RandomForestClassifier(n_estimators=300, min_samples_leaf=20, random_state=seed)
    else:
        raise ValueError(f"model must be 'hgb' or 'rf', got {model!r}")
    encode = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    pre = ColumnTransformer(
        [("onehot", encode, list(categorical)), ("numeric", "passthrough", list(numeric))]
    )
    return Pipeline([("encode", pre), ("model", est)])


def wilson(k: np.ndarray, n: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score intervals of ``k`` successes in ``n`` (statsmodels ``proportion_confint``)."""
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(k, n, alpha=alpha, method="wilson")
    return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)


def _cv_loop(X, y, numeric, cat, model, n_splits, n_repeats, seed):
    """Fit and score each stratified fold; permutation importance on the held-out fold."""
    from sklearn.inspection import permutation_importance
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    cols = list(X.columns)
    skf = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    oof = np.zeros(len(y))
    fold_rows = []
    imp_all: dict[str, list[np.ndarray]] = {c: [] for c in cols}
    for f, (tr, te) in enumerate(skf.split(X, y), start=1):
        pipe = build_pipeline(numeric, cat, model=model, seed=seed)
        pipe.fit(X.iloc[tr], y[tr])
        prob = pipe.predict_proba(X.iloc[te])[:, 1]
        oof[te] = prob
        fold_rows.append(
            {
                "fold": f,
                "n_test": len(te),
                "exits_test": int(y[te].sum()),
                "roc_auc": roc_auc_score(y[te], prob),
                "pr_auc": average_precision_score(y[te], prob),
                "brier": brier_score_loss(y[te], prob),
            }
        )
        # each fold's own seed, wrapped into scikit-learn's range [0, 2**32 - 1]: the largest
        # seed the parameters allow works too (seed + f alone would overflow it)
        fold_seed = (seed + f) % 2**32
        pi = permutation_importance(
            pipe, X.iloc[te], y[te], scoring="roc_auc", n_repeats=n_repeats, random_state=fold_seed
        )
        for i, c in enumerate(cols):
            imp_all[c].append(pi.importances[i])
    return pd.DataFrame(fold_rows), oof, imp_all


def calibration_table(
    y: np.ndarray, prob: np.ndarray, n_bins: int = 10, alpha: float = 0.05
) -> pd.DataFrame:
    """Quantile bins of predicted probabilities against the observed rate (Wilson intervals).

    The same bins as ``sklearn.calibration.calibration_curve(strategy="quantile")``; empty bins
    are dropped.
    """
    edges = np.percentile(prob, np.linspace(0.0, 100.0, n_bins + 1))
    b = np.searchsorted(edges[1:-1], prob)
    cnt = np.bincount(b, minlength=n_bins)
    keep = cnt > 0
    k = np.bincount(b, weights=y, minlength=n_bins)[keep]
    nb = cnt[keep]
    lo, hi = wilson(k, nb, alpha)
    return pd.DataFrame(
        {
            "bin": np.arange(1, keep.sum() + 1),
            "n": nb,
            "mean_predicted": np.bincount(b, weights=prob, minlength=n_bins)[keep] / nb,
            "observed_rate": k / nb,
            "ci_low": lo,
            "ci_high": hi,
        }
    )


def importance_table(imp_all: dict[str, list[np.ndarray]], alpha: float) -> pd.DataFrame:
    """Mean permutation importance per driver with a t interval over the fold means, ranked."""
    from scipy import stats

    rows = []
    for c, per_fold in imp_all.items():
        arr = np.vstack(per_fold)  # folds x repeats
        folds = arr.shape[0]
        fold_means = arr.mean(axis=1)
        m = float(fold_means.mean())
        tcrit = float(stats.t.ppf(1.0 - alpha / 2.0, folds - 1))
        half = tcrit * float(fold_means.std(ddof=1)) / math.sqrt(folds)
        rows.append(
            {
                "driver": c,
                "importance_mean": m,
                "importance_sd": float(arr.std(ddof=1)),
                "ci_low": m - half,
                "ci_high": m + half,
            }
        )
    out = pd.DataFrame(rows).sort_values("importance_mean", ascending=False)
    out["rank"] = np.arange(1, len(out) + 1)
    return out.reset_index(drop=True)


def _summary(folds: pd.DataFrame, y: np.ndarray, oof: np.ndarray, n_splits: int) -> dict:
    from sklearn.metrics import brier_score_loss, roc_auc_score

    prevalence = float(y.mean())
    brier_ref = prevalence * (1.0 - prevalence)
    brier = float(brier_score_loss(y, oof))
    return {
        "roc_auc": float(folds["roc_auc"].mean()),
        "roc_auc_sd": float(folds["roc_auc"].std(ddof=1)),
        "roc_auc_pooled": float(roc_auc_score(y, oof)),
        "pr_auc": float(folds["pr_auc"].mean()),
        "prevalence": prevalence,
        "brier": brier,
        "brier_reference": brier_ref,
        "brier_skill": 1.0 - brier / brier_ref,
        "n_splits": float(n_splits),
    }


def cv_evaluate(
    df: pd.DataFrame,
    outcome: str = "left",
    drivers: Sequence[str] = schema.DRIVERS,
    categorical: Sequence[str] = schema.CATEGORICAL,
    *,
    model: str = "hgb",
    n_splits: int = 5,
    n_repeats: int = 5,
    n_bins: int = 10,
    alpha: float = 0.05,
    seed: int = schema.SEED,
    n_threads: int | None = 1,
    source_label: str = "the workers data",
) -> CVResult:
    """Stratified K-fold prediction of leaving, with held-out permutation importance.

    Each fold fits :func:`build_pipeline` on K-1 parts and scores the held-out part:
    ROC-AUC (probability that a random leaver is ranked above a random stayer), PR-AUC as
    average precision ``AP = sum_n (R_n - R_{n-1}) P_n`` (a no-skill model scores the
    prevalence), and the Brier score ``mean (p_i - y_i)^2``. The calibration table bins the
    out-of-fold probabilities by quantile and compares mean prediction with the observed rate.
    Permutation importance (Breiman 2001; Fisher, Rudin & Dominici 2019) is the drop in
    held-out ROC-AUC when one driver's column is shuffled in the TEST fold, repeated
    ``n_repeats`` times per fold: it measures what the fitted model uses to predict unseen
    workers, not impurity. Correlated drivers share credit, so a driver can matter causally yet
    show little importance when a correlated one stands in for it.

    Parameters
    ----------
    df : pandas.DataFrame
        Canonical workers frame.
    outcome : str
        0/1 column.
    drivers, categorical : sequence of str
        Numeric and categorical drivers (categoricals are one-hot encoded in the pipeline).
    model : {"hgb", "rf"}
        Histogram gradient boosting or random forest.
    n_splits : int
        Number of folds (>= 2).
    n_repeats : int
        Shuffles per driver per fold for permutation importance (>= 1).
    n_bins : int
        Quantile bins of the calibration table.
    alpha : float
        1 - confidence level of the calibration and importance intervals.
    seed : int
        Seed of the fold split, the model and the shuffles.
    n_threads : int or None
        OpenMP threads for the models (threadpoolctl). 1 (default) is fastest for a few
        thousand workers and avoids oversubscribing a shared machine; None = library default.
    source_label : str
        Name of the data in messages.

    Returns
    -------
    CVResult
        Folds, summary metrics, out-of-fold probabilities, calibration and importance tables.

    Raises
    ------
    ValueError
        Fewer than 2 folds or 1 repeat.
    DataError
        Bad data, or fewer workers in the rarer outcome class than folds.

    References
    ----------
    Breiman, L. (2001). Random forests. Machine Learning 45(1), 5-32.
    Fisher, A., Rudin, C. & Dominici, F. (2019). All models are wrong, but many are useful:
    learning a variable's importance by studying an entire class of prediction models
    simultaneously. Journal of Machine Learning Research 20(177), 1-81.
    Brier, G. W. (1950). Verification of forecasts expressed in terms of probability. Monthly
    Weather Review 78(1), 1-3.
    Saito, T. & Rehmsmeier, M. (2015). The precision-recall plot is more informative than the
    ROC plot when evaluating binary classifiers on imbalanced datasets. PLoS ONE 10(3).
    """
    from threadpoolctl import threadpool_limits

    if n_splits < 2:
        raise ValueError(f"cv folds (n_splits) must be at least 2, got {n_splits}")
    if n_repeats < 1:
        raise ValueError(f"n_repeats must be at least 1, got {n_repeats}")
    msgs = validate_workers(
        df,
        outcome,
        None,
        drivers,
        categorical,
        source_label=source_label,
        id_column=None,
        check_separation=False,
    )
    df = df.reset_index(drop=True)
    y = as_numeric(df[outcome]).astype(int)
    minority = int(min(y.sum(), len(y) - y.sum()))
    if minority < n_splits:
        raise DataError(
            f"{source_label}: only {minority} workers in the rarer outcome class of '{outcome}', "
            f"fewer than the {n_splits} cross-validation folds; lower the folds or add data.",
            file=source_label,
            column=outcome,
        )
    cat = [categorical] if isinstance(categorical, str) else list(categorical)
    cols = covariates(drivers, cat)
    numeric = [c for c in cols if c not in cat]
    X = df[cols].copy()
    for c in numeric:
        X[c] = as_numeric(X[c])
    for c in cat:
        X[c] = X[c].astype(str)
    with threadpool_limits(limits=n_threads, user_api="openmp"):
        folds, oof, imp_all = _cv_loop(X, y, numeric, cat, model, n_splits, n_repeats, seed)
    return CVResult(
        folds,
        _summary(folds, y, oof, n_splits),
        oof,
        calibration_table(y, oof, n_bins, alpha),
        importance_table(imp_all, alpha),
        tuple(msgs),
    )


@dataclass(frozen=True)
class RankingComparison:
    """The logit's and the prediction model's driver rankings side by side.

    Attributes
    ----------
    table : pandas.DataFrame
        ``driver``, ``logit_effect``, ``logit_p_value``, ``logit_rank``, ``importance_mean``,
        ``importance_ci_low``, ``importance_ci_high``, ``model_rank``, ``rank_diff`` (logit -
        model), ``flag`` (bool), ``reason``; sorted by logit rank.
    spearman_rho : float
        Rank correlation of the two rankings (NaN with fewer than three drivers ranked).
    """

    table: pd.DataFrame
    spearman_rho: float

    @property
    def disagreements(self) -> list[str]:
        """The flagged drivers, in logit-rank order."""
        return self.table.loc[self.table["flag"], "driver"].tolist()


def _reasons(row: pd.Series, rank_tolerance: int, alpha: float) -> str:
    why = []
    if not np.isfinite(row["logit_rank"]):
        why.append("no estimable logit effect")
    if not np.isfinite(row["model_rank"]):
        why.append("not in the prediction model")
    if np.isfinite(row["rank_diff"]) and abs(row["rank_diff"]) > rank_tolerance:
        why.append(
            f"ranks differ by {abs(int(row['rank_diff']))} (logit {int(row['logit_rank'])}, "
            f"model {int(row['model_rank'])})"
        )
    sig = row["logit_p_value"] < alpha
    useful = row["importance_ci_low"] > 0
    if sig and np.isfinite(row["importance_ci_low"]) and not useful:
        why.append("logit effect significant but no clear held-out predictive value")
    if (not sig) and np.isfinite(row["logit_p_value"]) and useful:
        why.append(
            "held-out predictive value but logit effect not significant "
            "(non-linear or interaction effect?)"
        )
    return "; ".join(why)


def compare_rankings(
    logit_table: pd.DataFrame,
    importance: pd.DataFrame,
    *,
    rank_tolerance: int = 1,
    alpha: float = 0.05,
) -> RankingComparison:
    """Compare the logit's driver ranking with the model's permutation-importance ranking.

    The logit ranks drivers by ``|effect|`` (probability change for one SD or 0 -> 1; for a
    categorical driver its largest level contrast); the prediction model ranks them by mean
    held-out permutation importance. A driver is flagged when (a) its ranks differ by more than
    ``rank_tolerance``; (b) the logit effect is significant at ``alpha`` but the importance
    interval includes 0 (the association adds no held-out predictive value, e.g. because a
    correlated driver carries the same information); or (c) the importance interval excludes 0
    while the logit effect is not significant (a non-linear or interaction effect the
    main-effects logit misses?). Agreement does not make either ranking causal.

    Parameters
    ----------
    logit_table : pandas.DataFrame
        ``LogitFit.table``.
    importance : pandas.DataFrame
        ``CVResult.importance`` from :func:`cv_evaluate`.
    rank_tolerance : int
        Largest rank difference not flagged.
    alpha : float
        Significance level for the logit effect.

    Returns
    -------
    RankingComparison

    References
    ----------
    Fisher, A., Rudin, C. & Dominici, F. (2019). JMLR 20(177), 1-81.
    Mood, C. (2010). European Sociological Review 26(1), 67-82.
    """
    from scipy import stats

    lt = logit_table.assign(abs_effect=logit_table["effect"].abs())
    per = (
        lt.sort_values("abs_effect", ascending=False)
        .groupby("driver", sort=False)
        .head(1)
        .set_index("driver")
    )
    drivers = list(dict.fromkeys([*per.index.tolist(), *importance["driver"].tolist()]))
    imp = importance.set_index("driver")
    out = pd.DataFrame({"driver": drivers})
    out["logit_effect"] = [per["effect"].get(d, np.nan) for d in drivers]
    out["logit_p_value"] = [per["effect_p_value"].get(d, np.nan) for d in drivers]
    out["logit_rank"] = out["logit_effect"].abs().rank(ascending=False, method="min")
    out["importance_mean"] = [imp["importance_mean"].get(d, np.nan) for d in drivers]
    out["importance_ci_low"] = [imp["ci_low"].get(d, np.nan) for d in drivers]
    out["importance_ci_high"] = [imp["ci_high"].get(d, np.nan) for d in drivers]
    out["model_rank"] = out["importance_mean"].rank(ascending=False, method="min")
    out["rank_diff"] = out["logit_rank"] - out["model_rank"]
    reasons = [_reasons(r, rank_tolerance, alpha) for _, r in out.iterrows()]
    out["flag"] = [bool(w) for w in reasons]
    out["reason"] = reasons
    ok = out["logit_rank"].notna() & out["model_rank"].notna()
    rho = (
        float(stats.spearmanr(out.loc[ok, "logit_rank"], out.loc[ok, "model_rank"])[0])
        if ok.sum() > 2
        else np.nan
    )
    out = out.sort_values("logit_rank", na_position="last").reset_index(drop=True)
    return RankingComparison(out, rho)
