"""Each figure's title states the finding the result computes, whichever way it comes out."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from workbench.costeff import captions
from workbench.params import TechCostEffectivenessParams as Model

P = Model()


def test_response_title_without_a_diminishing_returns_point(default_result):
    flat = replace(default_result, response=replace(default_result.response, x_star=0.0))
    assert captions.response_curve(flat, P, "en").title.startswith("No level of technology spend")
    assert captions.response_curve(flat, P, "zh").title.startswith("在任何技术投入水平上")


def test_incentive_title_follows_the_sign_of_the_budget(default_result):
    def with_budget(values):
        table = default_result.reward.table.assign(net_saving_budget=values)
        return replace(default_result, reward=replace(default_result.reward, table=table))

    losing = captions.incentive(with_budget([-1.0, -2.0, -3.0]), P, "en").title
    assert losing.startswith("At every reward share the budget pays out more than it saves")
    mixed = captions.incentive(with_budget([1.0, -1.0, -2.0]), P, "zh").title
    assert "比例高时则有净损失" in mixed
    ahead = captions.incentive(default_result, P, "en")
    assert "stays ahead" in ahead.title and "(F10, as quoted)" in ahead.source


def test_plane_title_for_the_cheapest_strategy(default_result):
    comp = default_result.comparison
    cheapest = replace(default_result, comparison=replace(comp, optimal="staff-centred"))
    assert "cheapest strategy on the frontier" in captions.ce_plane(cheapest, P, "en").title


def test_tornado_title_when_nothing_flips(default_result):
    comp = default_result.comparison
    steady = replace(default_result, comparison=replace(comp, flips=()))
    assert captions.tornado(steady, P, "en").title.endswith("no single input reverses it")
    assert captions.tornado(steady, P, "zh").title.endswith("没有单个参数能改变结论")


def test_captions_are_complete(default_result):
    for name in ("response_curve", "ce_plane", "ceac", "tornado", "dea_ranking", "incentive"):
        for lang in ("en", "zh"):
            found = getattr(captions, name)(default_result, P, lang)
            assert found.title and found.subtitle and found.alt_text
    assert isinstance(default_result.reward.table, pd.DataFrame)
