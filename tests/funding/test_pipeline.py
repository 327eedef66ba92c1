"""workbench.funding.pipeline: run(params) gives the golden numbers, exactly the declared keys."""

from __future__ import annotations

import json

import pytest

from conftest import GOLDEN, same
from workbench import params
from workbench.funding import Result, run
from workbench.funding.inequality import gini, theil
from workbench.funding.keys import KEYS
from workbench.funding.mix import hhi
from workbench.funding.schema import DEFAULT_SOURCES
from workbench.keys import check
from workbench.paths import PARAMETERS
from workbench.results import plain

SOURCES = list(DEFAULT_SOURCES)
ANALYSIS = "funding_distribution"


def test_default_numbers_equal_the_golden_file(default_result):
    golden = json.loads((GOLDEN / f"{ANALYSIS}.json").read_text(encoding="utf-8"))
    numbers = default_result.numbers
    assert not same(golden, numbers), same(golden, numbers)
    check(numbers, KEYS)  # exactly the declared keys
    assert list(numbers) == list(KEYS)
    assert {k: plain(v) for k, v in numbers.items()} == numbers  # JSON-ready as they are


def test_default_numbers_against_the_compute_functions(default_result, orgs):
    r = default_result.numbers
    total = orgs[SOURCES].sum(axis=1)
    assert r["share_primary_government"] == pytest.approx(0.95)
    assert r["share_primary_market"] < 0.03
    assert r["gini_scale"] == pytest.approx(gini(total))
    assert r["theil_scale"] == pytest.approx(theil(total))
    assert r["theil_between_share"] == pytest.approx(theil(total, orgs["group"])["between_share"])
    assert r["mean_hhi"] == pytest.approx(hhi(orgs[SOURCES]).mean())
    assert r["n_organisations"] == 2000 and isinstance(r["n_organisations"], int)
    assert r["data_kind"] == "synthetic" and default_result.data_kind == "synthetic"
    assert r["share_primary_government_ci_low"] <= 0.95 <= r["share_primary_government_ci_high"]
    assert r["share_primary_market_ci_low"] < r["share_primary_market"]
    assert r["share_primary_market_ci_high"] > r["share_primary_market"]
    # the small-group bias of the between-district Theil share is reported and corrected
    assert r["theil_between_share_bias"] > 0
    assert r["theil_between_share_bias_corrected"] < r["theil_between_share"]


def test_result_holds_the_tables_the_notebook_shows(default_result):
    assert isinstance(default_result, Result) and Result.KEYS is KEYS
    assert len(default_result.concentration) == default_result.n == 2000
    assert len(default_result.by_group) == default_result.n_groups == 32
    assert list(default_result.mix.index) == list(range(1, 11))
    assert default_result.share_below.shape == (11, 4)
    assert default_result.majority_cut[0.0] == pytest.approx(0.25)
    with pytest.raises(AttributeError):
        default_result.n = 3  # frozen


def test_us_990_example_real_records(us_result):
    """Values of the run on main before the restructure (IRS SOI Form 990, 2016 extract)."""
    r = us_result.numbers
    assert r["data_kind"] == "user" and us_result.external
    assert r["n_dropped_zero_total"] == 44 and r["n_organisations"] == 310
    assert r["share_primary_government"] == pytest.approx(0.6419354838709678, rel=1e-9)
    assert r["gini_scale"] == pytest.approx(0.860498384853156, rel=1e-9)
    assert r["palma_scale"] == pytest.approx(159.30799417087817, rel=1e-9)
    assert r["median_hhi"] == 1.0
    assert r["stress_share_below_at_cut_max"] == pytest.approx(0.6612903225806451, rel=1e-9)
    # no groups: undefined, recorded as None (never NaN)
    assert r["theil_between_share"] is None
    assert r["theil_between_share_bias"] is None and r["theil_between_share_bias_corrected"] is None
    assert us_result.by_group is None
    check(r, KEYS)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "absolute_threshold",
            {
                "stress_share_below_at_cut_max": 0.273,
                "stress_share_below_at_cut_max_diversified": 0.2315,
                "stress_cut_majority_below": None,
            },
        ),
        (
            "by_city",
            {
                "theil_between_share": 0.0005754346925845341,
                "theil_between_share_bias": 0.0017850706856426223,
                "theil_between_share_bias_corrected": -0.0012096359930580882,
            },
        ),
    ],
)
def test_shipped_parameter_sets(name, expected, default_result):
    p = params.resolve(ANALYSIS, [PARAMETERS / ANALYSIS / f"{name}.yaml"])
    numbers = run(p).numbers
    assert not same(expected, numbers)
    unchanged = {k: v for k, v in default_result.numbers.items() if k not in expected}
    assert not same(unchanged, numbers)


def test_no_bootstrap_gives_none_intervals():
    numbers = run(params.FundingDistributionParams(n_boot=0)).numbers
    for key in ("share_primary_government_ci_low", "gini_ci_high", "theil_between_share_bias"):
        assert numbers[key] is None, key
    assert numbers["gini_scale"] == pytest.approx(0.7410176792442734)
