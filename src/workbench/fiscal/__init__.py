"""Fiscal pressure: is national revenue really lagging the economy, and what would it mean for
grassroots-governance spending?

The analysis checks the evidence of fiscal pressure in the article it follows (易臻真, 澎湃新闻
The Paper, 2022-04-18):

1. revenue grew 6.4 % from 2019 to 2021 (3.1 % a year) "below GDP growth (5.2 % a year)"; but
   revenue is nominal and the GDP rate real: does revenue still lag on one basis?
   (:mod:`~workbench.fiscal.comparison`, :mod:`~workbench.fiscal.growth`);
2. how strongly revenue follows GDP (its buoyancy), in the long and the short run, 2012-2024
   (:mod:`~workbench.fiscal.buoyancy`);
3. how far spending exceeds own revenue, nationally, in Beijing and Shanghai, and how provincial
   spending grew (:mod:`~workbench.fiscal.balance`);
4. if Shanghai's grassroots-governance spending kept growing as "增加了近1.5倍" implies, when its
   share of revenue would double (:mod:`~workbench.fiscal.scenarios`).

Data and checks are in :mod:`~workbench.fiscal.schema`; :func:`run` computes everything once and
returns a :class:`Result` that the notebook's charts, narration and tables read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench import lazy

if TYPE_CHECKING:  # pragma: no cover - for readers and type checkers; loaded on first use
    from workbench.fiscal.growth import cagr, multiple_to_annual_growth
    from workbench.fiscal.pipeline import Result, run

#: Where each re-exported name lives; loaded on first use, so the runner's pre-kernel check
#: (:mod:`.schema`) does not import the model libraries.
_HOME = {
    "cagr": "workbench.fiscal.growth",
    "multiple_to_annual_growth": "workbench.fiscal.growth",
    "run": "workbench.fiscal.pipeline",
    "Result": "workbench.fiscal.pipeline",
}
__getattr__, __dir__ = lazy.exports(__name__, _HOME, globals())

__all__ = ["Result", "cagr", "multiple_to_annual_growth", "run"]
