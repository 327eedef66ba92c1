"""Seeded generators of the labelled synthetic datasets.

Every dataset made here is *Illustrative synthetic data*: calibrated to the figures quoted in the
source article (see data/synthetic/README.md for the targets), never evidence in itself. Each
generator takes ``n`` and ``seed`` and returns the same frame for the same arguments:
:func:`organisations` (funding distribution), :func:`workers` (turnover) and :func:`programmes`
(technology cost-effectiveness), with their calibration reports.
"""

from workbench.synth.organisation_data import (
    ORGANISATION_DISTRICTS,
    ORGANISATION_LABELS_EN,
    ORGANISATION_SOURCES,
    organisations,
    organisations_calibration,
)
from workbench.synth.programme_data import (
    ARTICLE_TECH_PROJECTS,
    ARTICLE_TECH_TOTAL_YUAN,
    PROGRAMME_STRATEGIES,
    programmes,
)
from workbench.synth.worker_data import (
    WORKERS_DISTRICTS,
    WORKERS_TRUE_LOGIT,
    workers,
    workers_calibration,
)

__all__ = [
    "ARTICLE_TECH_PROJECTS",
    "ARTICLE_TECH_TOTAL_YUAN",
    "ORGANISATION_DISTRICTS",
    "ORGANISATION_LABELS_EN",
    "ORGANISATION_SOURCES",
    "PROGRAMME_STRATEGIES",
    "WORKERS_DISTRICTS",
    "WORKERS_TRUE_LOGIT",
    "organisations",
    "organisations_calibration",
    "programmes",
    "workers",
    "workers_calibration",
]
