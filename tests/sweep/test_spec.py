"""Sweep specs: expansion, names, and one clear line for a bad spec or run before anything runs."""

from __future__ import annotations

import pytest
from probe import register

from workbench.errors import ParameterError
from workbench.sweep import spec


@pytest.fixture(autouse=True)
def probe(tmp_path, monkeypatch):
    register(tmp_path / "nb", monkeypatch.setitem, monkeypatch.setattr)


def write(tmp_path, text):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_grid_then_runs_merged_over_base(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text("seconds: 0.25\n")
    path = write(
        tmp_path,
        f"analysis: probe\nbase: {base}\ngrid:\n  mode: [set, check]\n"
        "  crash: [false, true]\nruns:\n  - {mode: check, seconds: 1}\n"
        "name: '{mode}_{seconds}_{crash}'\n",
    )
    sweep = spec.load(path)
    assert [r.name for r in sweep.runs] == [
        "set_0.25_false",
        "set_0.25_true",
        "check_0.25_false",
        "check_0.25_true",
        "check_1_false",
    ]
    assert sweep.runs[0].values["seconds"] == 0.25 and sweep.runs[-1].values["seconds"] == 1.0
    assert sweep.varied() == ["mode", "crash", "seconds"]
    assert sweep.base_files == (base,)


@pytest.mark.parametrize(
    "text, culprit",
    [
        ("analysis: probe\ngrid: {mode: [set]}\nwhatever: 1\n", "s.yaml:3: unknown key 'whatever'"),
        ("grid: {mode: [set]}\n", "'analysis' is missing"),
        ("analysis: nope\ngrid: {mode: [set]}\n", "unknown analysis 'nope'"),
        ("analysis: probe\n", "the sweep has no runs"),
        ("analysis: probe\ngrid: {mode: set}\n", "grid mode: expected a non-empty list"),
        (
            "analysis: probe\ngrid: {seconds: [1, -1]}\nname: 's{seconds}'\n",
            "run 2 (seconds=-1): parameter 'seconds' = -1 (from ",  # then s.yaml:2 grid
        ),
        (
            "analysis: probe\nbase: {seconds: -2}\nruns:\n  - {mode: set}\n",
            "run 1 (mode='set'): parameter 'seconds' = -2 (from the sweep's base)",
        ),
        ("analysis: probe\ngrid: {secnds: [1]}\n", "unknown parameter 'secnds'"),
        (
            "analysis: probe\ngrid: {seconds: [1, 2]}\nname: same\n",
            "its folder name 'same' is also run 1's",
        ),
        ("analysis: probe\ngrid: {seconds: [1]}\nname: '{sec}'\n", "uses 'sec', which is not"),
        ("analysis: probe\ngrid: {seconds: [1]}\ntimeout: -3\n", "timeout must be seconds"),
        ("analysis: probe\ngrid: {seconds: [1]}\nanalysis: probe\n", "duplicate key 'analysis'"),
    ],
)
def test_bad_specs_are_one_line_naming_the_culprit(tmp_path, text, culprit):
    with pytest.raises(ParameterError) as err:
        spec.load(write(tmp_path, text))
    assert culprit in str(err.value) and "\n" not in str(err.value)
    assert str(err.value).count("run ") <= 2  # the run is named once (or once more: "run 1's")


def test_a_bad_value_names_the_line_of_the_grid_or_runs_it_came_from(tmp_path):
    path = write(tmp_path, "analysis: probe\nruns:\n  - {seconds: 1}\n  - {seconds: -1}\n")
    with pytest.raises(ParameterError, match=r"run 2 \(seconds=-1\): .*\(from .*s\.yaml:2 runs\)"):
        spec.load(path)


def test_a_spec_by_name_must_exist():
    with pytest.raises(ParameterError, match="sweep spec not found: nope"):
        spec.find("nope")
