"""Planning a run: names, parameters and data are checked before anything runs."""

from __future__ import annotations

import pytest

from workbench.errors import ParameterError
from workbench.runner import planning


@pytest.mark.parametrize(
    "name, culprit",
    [
        ("../etc", "is not allowed"),
        (".hidden", "is not allowed"),
        ("a/b", "is not allowed"),
        ("a\x07b", "is not allowed"),
        ("_failed", "is not allowed"),
        ("", "is not allowed"),
        ("x" * 201, "too long: 201 bytes"),
        ("社区" * 34, "too long: 204 bytes in UTF-8 (a Chinese character takes 3)"),
    ],
)
def test_bad_names(name, culprit):
    with pytest.raises(ParameterError, match=culprit.replace("(", r"\(").replace(")", r"\)")):
        planning.check_name(name)


def test_good_names():
    for name in ("default", "s2012_by", "社区治理" * 16, "x" * 200, "a+p3f2a1c"):
        assert planning.check_name(name) == name


def test_default_name():
    assert planning.default_name(["a/scenario one.yaml"], []) == "scenario-one"
    assert planning.default_name([], ["x=4"]).startswith("default+p")
    assert planning.default_name([], ["x=4"]) != planning.default_name([], ["x=5"])


def test_plan_round_trips_through_a_mapping(tmp_path, monkeypatch):
    from probe import register

    register(tmp_path / "nb", monkeypatch.setitem, monkeypatch.setattr)
    plan = planning.plan("probe", flags=["seconds=1"], outputs=tmp_path)
    again = planning.Plan.from_dict(plan.to_dict())
    assert again == plan and plan.values["seconds"] == 1.0
    assert plan.home == tmp_path / "probe"
