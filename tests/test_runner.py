"""The runner and CLI on a tiny demo notebook: files, provenance, atomicity, bad input."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from conftest import tree_digest
from workbench import cli, runner
from workbench.paths import sha256


def run_cli(*args: str) -> int:
    return cli.main(["run", *args])


@pytest.fixture
def good_run(demo, capsys):
    assert run_cli("demo", "--outputs", str(demo)) == 0
    folder = demo / "demo" / "default"
    capsys.readouterr()
    return demo, folder


def test_good_run_writes_every_file(good_run):
    outputs, folder = good_run
    for name in ("notebook.ipynb", "report.html", "results.json", "params.yaml", "provenance.json"):
        assert (folder / name).is_file(), name
    results = json.loads((folder / "results.json").read_text())
    assert results == {"x_squared": 9, "data_kind": "synthetic"}
    assert "x: 3" in (folder / "params.yaml").read_text()
    html = (folder / "report.html").read_text()
    assert "<html" in html and "check(&quot;demo&quot;" not in html  # code cells hidden
    for ext in ("png", "svg", "pdf", "json"):
        assert (folder / "figures" / f"bars.{ext}").is_file()
    assert not list(outputs.glob("demo/.tmp-*"))


def test_provenance_hashes_match_inputs(good_run, demo):
    _, folder = good_run
    prov = json.loads((folder / "provenance.json").read_text())
    nb = runner.notebook_for("demo")
    hashes = prov["inputs_sha256"]
    assert sha256(nb) in hashes.values()
    assert prov["exit_status"] == 0 and prov["run"] == "default"
    assert prov["params_sha256"] == runner.params_hash(
        {"x": 3, "fail": False, "die": False, "data_path": ""}
    )
    assert {"papermill", "pandas", "python"} <= set(prov["packages"])


def test_data_file_is_hashed(demo, tmp_path):
    data = tmp_path / "values.csv"
    data.write_text("value\n1\n2.5\n")
    assert (
        run_cli("demo", "-p", f"data_path={data}", "--name", "withdata", "--outputs", str(demo))
        == 0
    )
    folder = demo / "demo" / "withdata"
    assert json.loads((folder / "results.json").read_text())["total"] == 3.5
    prov = json.loads((folder / "provenance.json").read_text())
    assert prov["inputs_sha256"][str(data)] == sha256(data)


def test_name_defaults_to_yaml_stem_and_flags_add_a_hash(demo, tmp_path):
    f = tmp_path / "scenario one.yaml"
    f.write_text("x: 4\n")
    assert runner.default_name([f], []) == "scenario-one"
    assert runner.default_name([], ["x=4"]).startswith("default+p")
    assert runner.default_name([], ["x=4"]) != runner.default_name([], ["x=5"])


@pytest.mark.parametrize(
    "args, culprit",
    [
        (["-p", "nope=1"], "nope"),
        (["-p", "x=abc"], "'abc'"),
        (["-p", "x=1000"], "less than or equal to 100"),
        (["-f", "missing.yaml"], "missing.yaml"),
        (["--name", "../../etc"], "../../etc"),
        (["--name", "a\x07b"], "control characters"),
    ],
)
def test_bad_input_exits_2_and_leaves_the_good_run_untouched(good_run, capsys, args, culprit):
    outputs, folder = good_run
    before = tree_digest(outputs)
    assert run_cli("demo", *args, "--outputs", str(outputs)) == 2
    err = capsys.readouterr().err
    assert culprit in err and "Traceback" not in err and err.count("\n") == 1
    assert tree_digest(outputs) == before


@pytest.mark.parametrize(
    "content, culprit",
    [("x: [1\n", "malformed YAML"), ("- 1\n- 2\n", "expected a mapping")],
)
def test_bad_yaml_exits_2(good_run, capsys, tmp_path, content, culprit):
    outputs, _ = good_run
    before = tree_digest(outputs)
    f = tmp_path / "bad.yaml"
    f.write_text(content)
    assert run_cli("demo", "-f", str(f), "--name", "default", "--outputs", str(outputs)) == 2
    err = capsys.readouterr().err
    assert culprit in err and str(f) in err and "Traceback" not in err
    assert tree_digest(outputs) == before


def test_failing_notebook_keeps_failed_folder_and_good_one(good_run, capsys):
    outputs, folder = good_run
    before = tree_digest(folder)
    assert run_cli("demo", "-p", "fail=true", "--name", "default", "--outputs", str(outputs)) == 1
    err = capsys.readouterr().err.strip()
    assert "RuntimeError: demo failure on purpose" in err and "cell 5" in err
    assert len(err.splitlines()) == 1
    failed = outputs / "demo" / "_failed" / "default"
    assert (failed / "notebook.ipynb").is_file()
    assert json.loads((failed / "provenance.json").read_text())["exit_status"] == 1
    assert tree_digest(folder) == before
    assert not list(outputs.glob("demo/.tmp-*"))


def test_dead_kernel_is_a_one_line_failure(good_run, capsys):
    outputs, folder = good_run
    before = tree_digest(folder)
    assert run_cli("demo", "-p", "die=true", "--name", "default", "--outputs", str(outputs)) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("FAILED demo/default at cell 5: ") and len(err.splitlines()) == 1
    assert "died" in err
    assert "Traceback" not in err
    assert (outputs / "demo" / "_failed" / "default" / "provenance.json").is_file()
    assert tree_digest(folder) == before
    assert not list(outputs.glob("demo/.tmp-*"))


def test_rerun_replaces_the_folder_only_after_success(good_run):
    outputs, folder = good_run
    assert run_cli("demo", "-p", "x=5", "--name", "default", "--outputs", str(outputs)) == 0
    assert json.loads((folder / "results.json").read_text())["x_squared"] == 25
    assert not list(outputs.glob("demo/.old-*"))


def test_figure_png_is_300_dpi(good_run):
    _, folder = good_run
    with Image.open(folder / "figures" / "bars.png") as img:
        dpi = img.info["dpi"]
        assert round(dpi[0]) == 300 and img.size[0] == int(300 * 7.8 / 2.54)  # half column


def test_list_and_params_commands(good_run, capsys):
    assert cli.main(["params", "fiscal_pressure"]) == 0
    out = capsys.readouterr().out
    assert "start_year: int = 2019  [year]" in out
    assert cli.main(["list"]) == 0
    assert "fiscal_pressure" in capsys.readouterr().out
    assert cli.main(["params", "nope"]) == 2
    assert "unknown analysis" in capsys.readouterr().err


def test_help_is_useful(capsys):
    for argv in (["--help"], ["run", "--help"], ["list", "--help"], ["params", "--help"]):
        with pytest.raises(SystemExit) as exc:
            cli.main(argv)
        assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "-f FILE.yaml" in out and "Exit status" in out


def test_output_cut_short_by_a_pipe_is_not_a_traceback():
    import subprocess
    import sys
    from pathlib import Path

    workbench = Path(sys.executable).parent / "workbench"
    proc = subprocess.run(
        f"'{workbench}' params turnover_drivers | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr


def test_a_relative_outputs_folder_holds_the_whole_run(tmp_path):
    """--outputs relative to the current directory, though the notebook runs in notebooks/."""
    from conftest import workbench_cli
    from workbench.paths import NOTEBOOKS

    before = sorted(p.name for p in NOTEBOOKS.iterdir())
    done = workbench_cli("run", "fiscal_pressure", "--outputs", "rel", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    results = json.loads((tmp_path / "rel/fiscal_pressure/default/results.json").read_text())
    assert results["data_kind"] == "reference" and "revenue_growth_avg_annual" in results
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before  # nothing written beside
