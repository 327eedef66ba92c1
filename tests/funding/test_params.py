"""The funding_distribution parameter model: consistency checks name the parameters."""

from __future__ import annotations

import pytest

from workbench import params
from workbench.errors import InputError
from workbench.params import FundingDistributionParams

ANALYSIS = "funding_distribution"


@pytest.mark.parametrize(
    "flags, names",
    [
        (["government_source=nope"], ["government_source", "sources"]),
        (["market_sources=[foundation_grants, fees]"], ["market_sources", "sources"]),
        (["market_sources=[government_purchase]"], ["government_source", "market_sources"]),
        (["cut_max=0.2", "cut_step=0.3"], ["cut_step", "cut_max"]),
        (["threshold=1.5"], ["threshold", "threshold_kind"]),
        (["diversification=[0.1, 1.2]"], ["diversification"]),
        (["group_column=donations"], ["group_column", "sources"]),
        (["column_map={org_id: ID}"], ["column_map", "data_path"]),
        (["sources=[government_purchase, government_purchase]"], ["sources"]),
        (["ci=1.5"], ["ci"]),
    ],
)
def test_inconsistent_parameters_name_the_parameters(flags, names):
    with pytest.raises(InputError) as err:
        params.resolve(ANALYSIS, flags=flags)
    for name in names:
        assert name in str(err.value), (name, str(err.value))


def test_absolute_threshold_accepts_amounts_above_one():
    p = params.resolve(ANALYSIS, flags=["threshold=10", "threshold_kind=absolute"])
    assert p.threshold == 10


def test_every_field_has_a_source_and_no_check_inputs():
    for row in params.describe(FundingDistributionParams):
        assert row["source"], row["name"]
    assert not hasattr(FundingDistributionParams, "check_inputs")


def test_every_field_has_a_short_label_in_both_languages():
    from workbench import glossary

    for name in FundingDistributionParams.model_fields:
        en = params.label(FundingDistributionParams, name, "en")
        zh = params.label(FundingDistributionParams, name, "zh")
        assert en != name or name == "language", name
        assert 1 <= len(en.split()) <= 5 and zh.strip(), (name, en, zh)
        assert glossary.latin_words(zh) == [], (name, zh)
