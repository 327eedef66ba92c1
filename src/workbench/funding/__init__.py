"""Funding distribution of community (social) organisations: who funds them, how concentrated
their funding is, how unequal their scale, and what a cut in government purchase would do.

The article (易臻真, 澎湃新闻, 2022-04-18), quoting the Beijing blue book 2020-2021, says that about
95% of the social organisations in community building depend primarily on government purchase of
services, fewer than 3% primarily on market sources (foundations, individual donations, service
fees), and that "funding scale differs hugely, but sources converge". This package measures each
part of that claim on an organisations table (one row per organisation, one amount per source).

Modules: :mod:`~workbench.funding.schema` (the data and its checks), the compute modules
:mod:`~workbench.funding.mix` (funding mix and concentration), :mod:`~workbench.funding.inequality`
(inequality of scale), :mod:`~workbench.funding.summaries` (by group, by decile, scale vs mix) and
:mod:`~workbench.funding.stress` (the stress test), then :mod:`~workbench.funding.pipeline`
(``run``), :mod:`~workbench.funding.charts`, :mod:`~workbench.funding.narration`,
:mod:`~workbench.funding.tables` and :mod:`~workbench.funding.explore` (the stress test's scenario
explorer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench import lazy

if TYPE_CHECKING:  # pragma: no cover - for readers and type checkers; loaded on first use
    from workbench.funding.inequality import gini, theil
    from workbench.funding.mix import concentration, hhi
    from workbench.funding.pipeline import Result, run
    from workbench.funding.summaries import scale_vs_mix

#: Where each re-exported name lives; loaded on first use, so the runner's pre-kernel check
#: (:mod:`.schema`) does not import the model libraries.
_HOME = {
    "gini": "workbench.funding.inequality",
    "theil": "workbench.funding.inequality",
    "concentration": "workbench.funding.mix",
    "hhi": "workbench.funding.mix",
    "run": "workbench.funding.pipeline",
    "Result": "workbench.funding.pipeline",
    "scale_vs_mix": "workbench.funding.summaries",
}
__getattr__, __dir__ = lazy.exports(__name__, _HOME, globals())

__all__ = ["Result", "concentration", "gini", "hhi", "run", "scale_vs_mix", "theil"]
