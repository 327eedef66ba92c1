"""Arithmetic on the article's 2020 data-governance spending figures, as quoted in the article.

The article (易臻真, 澎湃新闻, 2022-04-18) reports about 30亿元 invested in 572 local platform and
system projects in 2020, led by Zhejiang, Tianjin and Shandong (figures F4 and F5). No stored
source confirms them; every row computed here is labelled as arithmetic on figures as quoted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.costeff.checks import require_columns, require_frame

ARTICLE_CITATION = "易臻真, 澎湃新闻 (The Paper), 2022-04-18"
ARTICLE_LABEL = f"arithmetic on figures as quoted in the article ({ARTICLE_CITATION}); not verified"

#: Yuan per unit of the money units used in the article and the reference tables.
UNIT_TO_YUAN = {"yuan": 1.0, "元": 1.0, "万元": 1.0e4, "亿元": 1.0e8}

_WHERE = "article_spending_arithmetic"


def _one(figures: pd.DataFrame, indicator: str) -> pd.Series:
    rows = figures[figures["indicator"] == indicator]
    if len(rows) != 1:
        raise ValueError(
            f"{_WHERE}: expected one row with indicator {indicator!r}, found {len(rows)}."
        )
    return rows.iloc[0]


def to_yuan(value: object, unit: object, indicator: str = "value") -> float:
    """An amount in one of :data:`UNIT_TO_YUAN`'s money units, in yuan.

    Parameters
    ----------
    value : number
        The amount.
    unit : str
        ``yuan``, ``元``, ``万元`` (1e4 yuan) or ``亿元`` (1e8 yuan).
    indicator : str
        Named in the error message.

    Returns
    -------
    float
        ``value x yuan per unit``.
    """
    if str(unit) not in UNIT_TO_YUAN:
        raise ValueError(
            f"{_WHERE}: unknown money unit {unit!r} for {indicator!r}; use one of "
            f"{', '.join(UNIT_TO_YUAN)}."
        )
    return float(value) * UNIT_TO_YUAN[str(unit)]


def _provinces(figures: pd.DataFrame) -> pd.DataFrame:
    """The provinces with quoted amounts, in yuan, largest first (at least three)."""
    prov = figures[figures["indicator"] == "gov_data_project_spending"].copy()
    prov = prov[pd.to_numeric(prov["value"], errors="coerce").notna()]
    if len(prov) < 3:
        raise ValueError(
            f"{_WHERE}: need at least three provinces with quoted amounts, found {len(prov)}."
        )
    prov["yuan"] = [
        to_yuan(v, u, "gov_data_project_spending")
        for v, u in zip(prov["value"], prov["unit"], strict=True)
    ]
    return prov.sort_values("yuan", ascending=False)


def article_spending_arithmetic(figures: pd.DataFrame) -> pd.DataFrame:
    """Shares and averages computed from the article's 2020 data-governance spending figures.

    Parameters
    ----------
    figures : pandas.DataFrame
        The table ``data/reference/article_tech_spending.csv``: columns ``indicator``, ``region``,
        ``value``, ``unit`` (``万元``, ``亿元`` or ``yuan`` for money). Needed indicators:
        ``project_investment_total`` (about 30亿元), ``platform_projects`` (572) and
        ``gov_data_project_spending`` (one row per province, empty value when not quoted).

    Returns
    -------
    pandas.DataFrame
        Tidy rows ``quantity, region, value, unit, formula, label``:
        ``total_investment`` (yuan), ``average_per_project`` = total / projects (yuan),
        ``top3_spending`` = sum of the three largest quoted provincial amounts (yuan),
        ``top3_share_of_total`` = top3 / total (fraction), ``share_of_total`` per province
        (fraction) and ``ratio_to_third`` (largest / third-largest, ratio). Every row is labelled
        as arithmetic on figures as quoted in the article.

    Raises
    ------
    ValueError
        If an indicator is missing, a unit is unknown, or the total or project count is not > 0.

    Notes
    -----
    Arithmetic only (share = part / whole). Caveat: the total (约30亿元, all local data-governance
    construction and service projects) and the provincial amounts (tenders on 中国政府采购网)
    may be measured on different bases, and neither is confirmed by any stored source; the share is
    therefore illustrative. Source: 易臻真, 澎湃新闻, 2022-04-18.
    """
    require_frame(figures, _WHERE)
    require_columns(figures, ["indicator", "region", "value", "unit"], _WHERE)
    total_row = _one(figures, "project_investment_total")
    total = to_yuan(total_row["value"], total_row["unit"], "project_investment_total")
    projects = float(_one(figures, "platform_projects")["value"])
    if not (np.isfinite(total) and total > 0 and np.isfinite(projects) and projects > 0):
        raise ValueError(f"{_WHERE}: the total investment and the project count must be > 0.")
    prov = _provinces(figures)
    top3 = float(prov["yuan"].iloc[:3].sum())
    country, three = str(total_row["region"]), " + ".join(prov["region"].iloc[:3])
    found = [
        ("total_investment", country, total, "yuan", "value x yuan per unit"),
        ("average_per_project", country, total / projects, "yuan", "total_investment / projects"),
        ("top3_spending", three, top3, "yuan", "sum of the three largest provinces"),
        (
            "top3_share_of_total",
            three,
            top3 / total,
            "fraction",
            "top3_spending / total_investment",
        ),
        (
            "ratio_to_third",
            f"{prov['region'].iloc[0]} / {prov['region'].iloc[2]}",
            float(prov["yuan"].iloc[0] / prov["yuan"].iloc[2]),
            "ratio",
            "largest / third-largest provincial amount",
        ),
    ]
    for region, yuan in zip(prov["region"], prov["yuan"], strict=True):
        found.append(
            ("share_of_total", str(region), yuan / total, "fraction", "province / total_investment")
        )
    out = pd.DataFrame(found, columns=["quantity", "region", "value", "unit", "formula"])
    out["label"] = ARTICLE_LABEL
    return out
