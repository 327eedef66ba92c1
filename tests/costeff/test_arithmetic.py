"""Arithmetic on the article's spending figures (as quoted in the article)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench.costeff import arithmetic as ce

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "data" / "reference" / "article_tech_spending.csv"


def test_article_arithmetic():
    figures = pd.read_csv(ARTICLE)
    assert (figures["status"] == "as quoted in the article; not found in any stored source").all()
    assert figures["source"].str.contains("易臻真").all()
    assert figures["source"].str.contains("2022-04-18").all()
    out = ce.article_spending_arithmetic(figures).set_index("quantity")
    total = 30 * 1e8
    top3 = (55735.02 + 27116.62 + 19926.00) * 1e4
    assert out.loc["top3_share_of_total", "value"] == pytest.approx(top3 / total)
    assert out.loc["average_per_project", "value"] == pytest.approx(total / 572)
    assert out["label"].str.contains("as quoted in the article").all()
    shares = out.loc["share_of_total"].set_index("region")["value"]
    assert shares["Zhejiang"] == pytest.approx(55735.02e4 / total)
    assert len(shares) == 3  # provinces without amounts are not invented


def test_article_arithmetic_errors():
    figures = pd.read_csv(ARTICLE)
    with pytest.raises(ValueError, match="unknown money unit"):
        ce.article_spending_arithmetic(figures.replace({"万元": "k"}))
    with pytest.raises(ValueError, match="expected one row with indicator 'platform_projects'"):
        ce.article_spending_arithmetic(figures[figures["indicator"] != "platform_projects"])
    with pytest.raises(ValueError, match="at least three provinces"):
        ce.article_spending_arithmetic(figures.iloc[:5])


def test_to_yuan():
    assert ce.to_yuan(30, "亿元") == 3e9
    assert ce.to_yuan(2, "万元") == 2e4
