"""The parameter model: cross-field checks, one message each, and every field's source."""

from __future__ import annotations

import pytest

from workbench import params
from workbench.errors import ParameterError
from workbench.params import TechCostEffectivenessParams as Model

ANALYSIS = Model.ANALYSIS


@pytest.mark.parametrize(
    ("flags", "fragments"),
    [
        (
            ["reward_share_range=[0.5, 0.5]", "deadweight=0.6"],
            ["reward_share_range", "deadweight", "infeasible"],
        ),
        (["wtp=2000000"], ["wtp (2000000.0) must lie within the grid", "wtp_max"]),
        (
            ["data_path=data/synthetic/programmes.csv", "column_map={Tech: tech_spend}"],
            ["column_map keys ['Tech'] are not canonical names"],
        ),
        (["column_map={tech_spend: Tech}"], ["column_map renames the columns of a data_path"]),
        (["n_boot=5"], ["n_boot (5) must be 0 (no bootstrap) or at least 20"]),
        (
            ["data_path=data/synthetic/programmes.csv", "synthetic_staff_penalty=0"],
            ["only changes the shipped synthetic data", "0.15"],
        ),
        (["outcome=tech_spend"], ["cannot be a cost column"]),
    ],
    ids=["infeasible", "wtp-grid", "reversed-map", "map-without-file", "n-boot", "penalty", "out"],
)
def test_inconsistent_parameters_are_one_parameter_error(flags, fragments):
    with pytest.raises(ParameterError) as err:
        params.resolve(ANALYSIS, flags=flags)
    for fragment in fragments:
        assert fragment in str(err.value), str(err.value)


def test_every_field_has_a_source_and_the_model_reads_no_data():
    for row in params.describe(Model):
        source = row["source"]
        assert source, row["name"]
        assert (
            source == "choice"
            or source.startswith("assumption: ")
            or any(ch.isdigit() for ch in source)
        ), (row["name"], source)
    assert not hasattr(Model, "check_inputs")


def test_the_generated_files_are_current():
    from workbench.params import generate

    assert generate.stale(ANALYSIS) == []


def test_every_field_has_a_short_label_in_both_languages():
    from workbench import glossary

    for name in Model.model_fields:
        en, zh = params.label(Model, name, "en"), params.label(Model, name, "zh")
        assert en != name and zh != name, name
        assert 1 <= len(en.split()) <= 5 and en[0].isupper(), (name, en)
        assert glossary.latin_words(zh) == [], (name, zh)
