"""Every parameter's declared range is what the notebook accepts (a property test).

Hypothesis draws whole parameter sets: each scalar field (number, flag, choice) at its lower
bound, its upper bound, the default or anywhere between, all fields at once. A set that the
model accepts is run through the notebook itself (fast engine, no figure files) and must finish
without error; a set the model refuses is refused before any kernel with one
:class:`~workbench.errors.InputError`, which also counts as agreement. So a value that
validates can never fail inside the notebook for being out of range (turnover ``seed`` beyond
scikit-learn's limit, ``wtp_max=inf`` and the like were such values once).

Fields that only set an amount of work (bootstrap resamples, simulation draws, permutation
repeats, grid points) are drawn from the bottom of their range, so the test stays within a
minute; their upper bounds are counts, not values a library refuses. Lists, names and paths
are left at their defaults: their elements are checked by validators that the bad-input
catalogue (tests/test_bad_inputs.py) covers.
"""

from __future__ import annotations

import math
import typing

import annotated_types as at
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.params import ANALYSES
from workbench.runner import planning, supervisor

pytestmark = pytest.mark.slow

#: Work fields and the largest value drawn for them here (see the module docstring).
WORK = {
    "n_boot": 30,
    "psa_draws": 300,
    "n_draws": 150,
    "permutation_repeats": 2,
    "wtp_steps": 11,
}
#: Stand-in for "no upper bound": large, finite, and what a person might still type.
UNBOUNDED = 1e9
#: Sets drawn per analysis: each accepted one is a notebook execution (1 to 8 s here); about
#: half of the fiscal, funding and cost-effectiveness sets are refused (start after end, a
#: willingness to pay outside its grid), at no cost.
EXAMPLES = {
    "fiscal_pressure": 12,
    "funding_distribution": 12,
    "turnover_drivers": 5,
    "tech_cost_effectiveness": 12,
}


def _bounds(field) -> tuple[float | None, float | None, bool, bool]:
    """(low, high, low is open, high is open) from the field's pydantic constraints."""
    low = high = None
    low_open = high_open = False
    for c in field.metadata:
        if isinstance(c, at.Ge):
            low = c.ge
        elif isinstance(c, at.Gt):
            low, low_open = c.gt, True
        elif isinstance(c, at.Le):
            high = c.le
        elif isinstance(c, at.Lt):
            high, high_open = c.lt, True
    return low, high, low_open, high_open


def field_strategy(name: str, field) -> st.SearchStrategy | None:
    """Values across a scalar field's declared range, its bounds drawn often; None: not drawn."""
    kind = field.annotation
    if typing.get_origin(kind) is typing.Literal:
        return st.sampled_from(typing.get_args(kind))
    if kind is bool:
        return st.booleans()
    if kind not in (int, float):
        return None
    low, high, low_open, high_open = _bounds(field)
    if kind is int:
        low = (low + 1 if low_open else low) if low is not None else -int(UNBOUNDED)
        high = (high - 1 if high_open else high) if high is not None else int(UNBOUNDED)
        high = min(high, WORK.get(name, high))
        usual = min(field.default, high)
        return st.one_of(st.sampled_from([low, high, usual]), st.integers(low, high))
    lo = -UNBOUNDED if low is None else (math.nextafter(low, math.inf) if low_open else low)
    hi = UNBOUNDED if high is None else (math.nextafter(high, -math.inf) if high_open else high)
    return st.one_of(
        st.sampled_from([lo, hi, field.default]),
        st.floats(lo, hi, allow_nan=False, allow_infinity=False),
    )


def parameter_sets(analysis: str) -> st.SearchStrategy[dict]:
    model = ANALYSES[analysis]
    drawn = {}
    for name, field in model.model_fields.items():
        strategy = field_strategy(name, field)
        if strategy is not None:
            drawn[name] = strategy
    return st.fixed_dictionaries(drawn)


def test_every_scalar_field_is_drawn():
    """The strategy covers every number, flag and choice of every model."""
    for model in ANALYSES.values():
        for name, field in model.model_fields.items():
            scalar = field.annotation in (int, float, bool) or (
                typing.get_origin(field.annotation) is typing.Literal
            )
            assert (field_strategy(name, field) is not None) == scalar, name


@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_a_parameter_set_that_validates_runs_in_the_notebook(analysis, tmp_path_factory):
    outputs = tmp_path_factory.mktemp(analysis)
    tried = {"ran": 0, "refused": 0}

    @settings(
        max_examples=EXAMPLES[analysis],
        deadline=None,
        database=None,
        derandomize=True,  # the same sets in every CI run
        suppress_health_check=list(HealthCheck),
        phases=(Phase.explicit, Phase.generate),  # a notebook run per step: no shrinking
    )
    @given(parameter_sets(analysis))
    def check(values):
        try:
            plan = planning.plan(analysis, values=values, name="drawn", outputs=outputs)
        except InputError as exc:  # refused before any kernel: validation and notebook agree
            assert str(exc).strip() and "\n" not in str(exc).strip()
            tried["refused"] += 1
            return
        plan.figures = "none"
        result = supervisor.execute(plan, "fast", timeout=300)
        assert result.status == "ok", (values, result.message)
        tried["ran"] += 1

    check()
    assert tried["ran"] >= 1, tried  # not every drawn set may be refused
