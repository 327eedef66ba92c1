"""Parameter models and the loader: self-describing fields, merge order, one clear message."""

from __future__ import annotations

import re

import pytest

from workbench import params
from workbench.errors import ParameterError
from workbench.paths import PARAMETERS

FIELDS = [(a, n) for a, m in params.ANALYSES.items() for n in m.model_fields]
DATED = re.compile(r"(1[89]|20)\d\d")


@pytest.mark.parametrize("analysis, name", FIELDS)
def test_every_parameter_describes_itself(analysis, name):
    row = next(r for r in params.describe(params.model_for(analysis)) if r["name"] == name)
    assert row["description"] and row["unit"], f"{analysis}.{name}"
    source = row["source"]
    assert source, f"{analysis}.{name} needs a source, 'assumption: ...' or 'choice'"
    assert source == "choice" or source.startswith("assumption") or DATED.search(source), (
        f"{analysis}.{name}: a source is dated, an assumption or a choice: {source!r}"
    )


@pytest.mark.parametrize("analysis, name", FIELDS)
def test_every_parameter_has_a_label_and_its_unit_in_both_languages(analysis, name):
    from workbench import glossary, units

    model = params.model_for(analysis)
    en, zh = params.label(model, name, "en"), params.label(model, name, "zh")
    assert en != name and re.search(r"[\u4e00-\u9fff]", zh), f"{analysis}.{name}"
    assert glossary.latin_words(zh) == []
    unit = (model.model_fields[name].json_schema_extra or {})["unit"]
    assert unit in units.PARAMETER_UNITS, f"{analysis}.{name}: add {unit!r} to PARAMETER_UNITS"
    assert glossary.latin_words(units.unit_words(unit, "zh")) == []


def test_models_name_their_analysis_package_and_title():
    for analysis, model in params.ANALYSES.items():
        assert model.ANALYSIS == analysis and model.PACKAGE
        en, zh = model.TITLE
        assert en and re.search(r"[\u4e00-\u9fff]", zh), analysis


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
    with pytest.raises(ParameterError, match="expected name=value"):
        params.parse_flag("novalue")


@pytest.mark.parametrize(
    "flags, culprits",
    [
        (["start_yr=2019"], ["unknown parameter 'start_yr'", "-p start_yr=2019"]),
        (["start_year=abc"], ["start_year", "'abc'", "integer"]),
        (["start_year=2021", "end_year=2019"], ["start_year", "end_year", "-p end_year=2019"]),
        (["buoyancy=.inf"], ["buoyancy", "finite"]),
        (["horizon_years=true"], ["horizon_years", "boolean"]),
        (["revenue_growth_grid=[0.02, true]"], ["revenue_growth_grid", "boolean"]),
    ],
)
def test_bad_values_name_the_parameter_and_origin(flags, culprits):
    with pytest.raises(ParameterError) as err:
        params.resolve("fiscal_pressure", flags=flags)
    for culprit in culprits:
        assert culprit in str(err.value)


def test_out_of_range_names_the_file_and_line(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("# comment\nstart_year: 1990\n")
    with pytest.raises(ParameterError) as err:
        params.resolve("fiscal_pressure", [f])
    assert f"{f}:2" in str(err.value) and "greater than or equal to 2012" in str(err.value)
    assert err.value.parameter == "start_year" and err.value.origin == f"{f}:2"


@pytest.mark.parametrize(
    "content, culprit",
    [
        ("start_year: 2019\nend_year: [2021\n", r":\d+: malformed YAML"),
        ("- 2019\n- 2021\n", "expected a mapping"),
        ("start_year: 2019\nstart_year: 2015\n", ":2: duplicate key 'start_year'"),
        ("start_year: !!python/object/apply:os.system ['echo hi']\n", "constructor"),
    ],
)
def test_bad_parameter_files(tmp_path, content, culprit):
    f = tmp_path / "p.yaml"
    f.write_text(content)
    with pytest.raises(ParameterError, match=culprit):
        params.resolve("fiscal_pressure", [f])


def test_missing_files_and_analyses(tmp_path):
    with pytest.raises(ParameterError, match="file not found"):
        params.resolve("fiscal_pressure", [tmp_path / "nope.yaml"])
    with pytest.raises(ParameterError) as err:
        params.resolve("fiscal_pressure", flags=[f"data_path={tmp_path / 'x.csv'}"])
    assert "data_path" in str(err.value) and "no such file" in str(err.value)
    with pytest.raises(ParameterError, match="fiscal_pressure"):
        params.resolve("nope")


def test_every_shipped_parameter_set_is_valid():
    files = sorted(PARAMETERS.glob("*/*.yaml"))
    assert len(files) > 4
    for f in files:
        if f.parent.name == "sweeps":
            continue
        assert f.read_text(encoding="utf-8").startswith("#"), f"{f}: say what it asks"
        params.resolve(f.parent.name, [f])


def test_check_reads_the_notebook_namespace(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_OUTPUT_DIR", str(tmp_path))
    namespace = params.defaults("fiscal_pressure") | {"start_year": 2018, "other": 1}
    assert params.check("fiscal_pressure", namespace).start_year == 2018
    del namespace["end_year"]
    with pytest.raises(ParameterError, match="does not define: end_year"):
        params.check("fiscal_pressure", namespace)
    with pytest.raises(ParameterError, match="the notebook's parameters"):
        params.check("fiscal_pressure", params.defaults("fiscal_pressure") | {"end_year": 1})


def test_labels_fall_back_to_the_name():
    model = params.FiscalPressureParams
    assert params.label(model, "no_such_field") == "no_such_field"
