"""Parameter models and the loader: merge order, origins, and one clear message per failure."""

from __future__ import annotations

import pytest

from workbench import params
from workbench.errors import InputError


def test_every_parameter_describes_itself():
    for name, model in params.ANALYSES.items():
        for row in params.describe(model):
            assert row["description"], f"{name}.{row['name']} has no description"
            assert row["unit"], f"{name}.{row['name']} has no unit"
            # papermill skips parameter lines with a second '=' (in the help comment)
            assert "=" not in row["description"] + row["unit"], f"{name}.{row['name']}"


def test_merge_order_defaults_then_files_then_flags(tmp_path):
    a = tmp_path / "a.yaml"
    a.write_text("start_year: 2015\nend_year: 2020\n")
    b = tmp_path / "b.yaml"
    b.write_text("end_year: 2022\n")
    p = params.resolve("fiscal_pressure", [a, b], ["start_year=2016"])
    assert (p.start_year, p.end_year) == (2016, 2022)
    assert p.gdp_basis == params.FiscalPressureParams().gdp_basis


def test_flag_values_are_yaml_scalars():
    assert params.parse_flag("x=1.5") == ("x", 1.5)
    assert params.parse_flag("x=[1, 2]") == ("x", [1, 2])
    assert params.parse_flag("x=abc") == ("x", "abc")
    with pytest.raises(InputError, match="expected name=value"):
        params.parse_flag("novalue")


def test_unknown_parameter_names_it_and_its_origin():
    with pytest.raises(InputError) as err:
        params.resolve("fiscal_pressure", flags=["start_yr=2019"])
    assert "start_yr" in str(err.value) and "-p start_yr=2019" in str(err.value)


def test_wrong_type_names_parameter_value_and_expectation():
    with pytest.raises(InputError) as err:
        params.resolve("fiscal_pressure", flags=["start_year=abc"])
    msg = str(err.value)
    assert "start_year" in msg and "'abc'" in msg and "integer" in msg


def test_out_of_range_names_the_file_and_line(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("# comment\nstart_year: 1990\n")
    with pytest.raises(InputError) as err:
        params.resolve("fiscal_pressure", [f])
    assert f"{f}:2" in str(err.value) and "greater than or equal to 2012" in str(err.value)


def test_cross_field_check_names_both_parameters():
    with pytest.raises(InputError) as err:
        params.resolve("fiscal_pressure", flags=["start_year=2021", "end_year=2019"])
    msg = str(err.value)
    assert "start_year" in msg and "end_year" in msg and "-p end_year=2019" in msg


def test_malformed_yaml_gives_file_and_line(tmp_path):
    f = tmp_path / "broken.yaml"
    f.write_text("start_year: 2019\nend_year: [2021\n")
    with pytest.raises(InputError, match=rf"{f}:\d+: malformed YAML"):
        params.resolve("fiscal_pressure", [f])


def test_yaml_that_is_not_a_mapping(tmp_path):
    f = tmp_path / "list.yaml"
    f.write_text("- 2019\n- 2021\n")
    with pytest.raises(InputError, match="expected a mapping"):
        params.resolve("fiscal_pressure", [f])


def test_missing_parameter_file(tmp_path):
    with pytest.raises(InputError, match="parameter file not found"):
        params.resolve("fiscal_pressure", [tmp_path / "nope.yaml"])


def test_missing_data_file_names_the_parameter(tmp_path):
    with pytest.raises(InputError) as err:
        params.resolve("fiscal_pressure", flags=[f"data_path={tmp_path / 'x.csv'}"])
    assert "data_path" in str(err.value) and "no such file" in str(err.value)


def test_unknown_analysis_lists_known_ones():
    with pytest.raises(InputError, match="fiscal_pressure"):
        params.resolve("nope")


def test_yaml_loading_is_safe(tmp_path):
    f = tmp_path / "evil.yaml"
    f.write_text("start_year: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(InputError, match="malformed YAML"):
        params.resolve("fiscal_pressure", [f])


def test_every_shipped_parameter_set_is_valid():
    from workbench.runner import PARAMETERS

    files = sorted(PARAMETERS.glob("*/*.yaml"))
    assert files, "no parameter sets shipped"
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert text.startswith("#"), f"{f} needs a header comment saying what it asks"
        params.resolve(f.parent.name, [f])


def test_default_yaml_equals_the_model_defaults():
    import yaml

    from workbench.runner import PARAMETERS

    for analysis, model in params.ANALYSES.items():
        data = yaml.safe_load((PARAMETERS / analysis / "default.yaml").read_text()) or {}
        assert model(**data).model_dump() == model().model_dump(), analysis


def test_parameter_defaults_match_the_analysis_modules():
    # params keeps literal defaults: papermill needs them, and the CLI must not import sklearn
    import inspect

    from workbench import costeff, turnover

    assert params.TurnoverDriversParams().drivers == list(turnover.DEFAULT_DRIVERS)
    assert params.TurnoverDriversParams().categorical == list(turnover.DEFAULT_CATEGORICAL)
    cost_default = inspect.signature(costeff.validate_programmes).parameters["cost_columns"]
    assert params.TechCostEffectivenessParams().cost_columns == list(cost_default.default)
