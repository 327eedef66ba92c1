"""Turnover drivers of residents'-committee staff: why do community workers leave?

The source article (易臻真, 澎湃新闻, 2022-04-18; figure F9, as quoted in the article) says
Shanghai's residents' committees lose more than 30% of their staff a year, more among young staff
once they hold the social-worker certificate (社工证), and puts it down to low pay and status,
overlapping party and mass-organisation duties, heavy workloads and weak professional identity.
This analysis treats those explanations as hypotheses and asks:

1. how high is turnover, in which groups, and is it above the 30% benchmark (:mod:`.rates`);
2. which drivers go with leaving, on the probability scale, holding the others fixed
   (:mod:`.logit`, :mod:`.hypotheses`);
3. how long staff stay and whether the same drivers shorten tenure (:mod:`.survival`,
   :mod:`.cox`, :mod:`.phtest`);
4. how well leaving can be predicted, and whether a flexible model ranks the drivers as the
   logit does (:mod:`.prediction`);
5. what pay rises, shorter hours or less duty overlap would do to turnover, and whether the
   saving on replacing leavers would pay for them; and the article's idea of returning 30%-50%
   of efficiency gains to staff (:mod:`.scenarios`, :mod:`.rewards`).

:func:`run` computes everything from validated data (:mod:`.schema`) into a :class:`Result`;
:mod:`.charts`, :mod:`.narration` and :mod:`.tables` present it in English or Chinese.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench import lazy

if TYPE_CHECKING:  # pragma: no cover - for readers and type checkers; loaded lazily below
    from workbench.turnover.cox import fit_cox
    from workbench.turnover.logit import fit_logit
    from workbench.turnover.pipeline import Result, run

__all__ = ["Result", "fit_cox", "fit_logit", "run"]

#: Where each re-exported name lives; loaded on first use, so the runner's pre-kernel check
#: (:mod:`.schema`) does not import the model libraries.
_HOME = {
    "fit_logit": "workbench.turnover.logit",
    "fit_cox": "workbench.turnover.cox",
    "run": "workbench.turnover.pipeline",
    "Result": "workbench.turnover.pipeline",
}


__getattr__, __dir__ = lazy.exports(__name__, _HOME, globals())
