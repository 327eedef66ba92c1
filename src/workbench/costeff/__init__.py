"""Technology cost-effectiveness: what does data-platform spending buy; what would a reward cost?

The fourth analysis (``04_tech_cost_effectiveness``) follows 易臻真 (澎湃新闻, 2022-04-18): about
30亿元 went into 572 local data-governance projects in 2020; the article argues that leaning on
technology instead of people lowers the precision of services, and proposes returning 30%-50% of
measured efficiency gains to staff. It asks what the article's spending figures say; how a
service outcome responds to technology spending, where returns diminish, and whether holding
staff time fixed changes the answer; which strategy (tech-heavy, staff-centred, blended) is
cost-effective and how sure we can be; which units are on the efficiency frontier; and what the
reward would cost the budget and save society.

Modules: :mod:`~workbench.costeff.schema` (the programme data and its checks),
:mod:`~workbench.costeff.arithmetic` (the article's figures), :mod:`~workbench.costeff.response`
(response curves), :mod:`~workbench.costeff.strategies` (ICERs, NMB),
:mod:`~workbench.costeff.uncertainty` (PSA, CEAC, EVPI, tornado),
:mod:`~workbench.costeff.envelopment` (DEA), :mod:`~workbench.costeff.reward` (the reward,
discounting), then :mod:`~workbench.costeff.pipeline` (``run``), ``charts``, ``narration`` and
``tables`` for the notebook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench import lazy

if TYPE_CHECKING:  # pragma: no cover - for readers and type checkers; loaded on first use
    from workbench.costeff.envelopment import dea
    from workbench.costeff.pipeline import Result, run
    from workbench.costeff.reward import discount
    from workbench.costeff.strategies import icers, nmb

#: Where each re-exported name lives; loaded on first use, so the runner's pre-kernel check
#: (:mod:`.schema`) does not import the model libraries.
_HOME = {
    "dea": "workbench.costeff.envelopment",
    "run": "workbench.costeff.pipeline",
    "Result": "workbench.costeff.pipeline",
    "discount": "workbench.costeff.reward",
    "icers": "workbench.costeff.strategies",
    "nmb": "workbench.costeff.strategies",
}
__getattr__, __dir__ = lazy.exports(__name__, _HOME, globals())

__all__ = ["Result", "dea", "discount", "icers", "nmb", "run"]
