"""The catalogue of bad inputs: each one line naming the culprit, exit 2, nothing lost.

Every case runs the ``workbench`` command in-process as a user would type it, against an outputs
folder that already holds a good run, and checks: exit status 2; one line on stderr naming the
culprit (parameter, file, line, column or argument); no traceback; the earlier run byte-for-byte
unchanged; no temporary folder left. After the catalogue, a real run in the same folder works.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import tree_digest
from workbench import cli

F, U, T, C = (
    "fiscal_pressure",
    "funding_distribution",
    "turnover_drivers",
    "tech_cost_effectiveness",
)
CJK_NAME = "社区" * 34  # 204 bytes in UTF-8, 68 characters


def run(analysis: str, *args: str) -> list[str]:
    return ["run", analysis, *args]


def p(analysis: str, *flags: str) -> list[str]:
    return ["run", analysis, *[x for f in flags for x in ("-p", f)]]


def fiscal_csv(tmp: Path, body: str, name: str = "national.csv") -> str:
    path = tmp / name
    path.write_text("year,revenue,gdp,gdp_real_growth_pct\n" + body, encoding="utf-8")
    return str(path)


GOOD_YEARS = "".join(
    f"{y},{190000 + 1000 * (y - 2015)},{900000 + 30000 * (y - 2015)},6.0\n"
    for y in range(2015, 2023)
)


def data(kind: str):
    """A builder of a bad data file of one kind; returns the -p flags that use it."""

    def build(tmp: Path) -> list[str]:
        if kind == "missing_column":
            path = tmp / "n.csv"
            path.write_text("year,revenue\n2019,1\n2020,2\n")
        elif kind == "non_numeric_after_blank_lines":
            rows = GOOD_YEARS.splitlines()
            rows[5] = "2020,abc,1050000,6.0"
            path = Path(fiscal_csv(tmp, "\n\n" + "\n".join(rows) + "\n"))
        elif kind == "negative":
            path = Path(fiscal_csv(tmp, GOOD_YEARS.replace("194000", "-194000")))
        elif kind == "duplicate_year":
            path = Path(fiscal_csv(tmp, GOOD_YEARS + "2022,1,1,1\n"))
        elif kind == "empty":
            path = tmp / "e.csv"
            path.write_text("")
        elif kind == "header_only":
            path = Path(fiscal_csv(tmp, ""))
        elif kind == "title_row":
            path = tmp / "t.xlsx"
            frame = pd.DataFrame(
                [["year", "revenue", "gdp", "gdp_real_growth_pct"]]
                + [r.split(",") for r in GOOD_YEARS.splitlines()]
            )
            with pd.ExcelWriter(path) as writer:
                pd.DataFrame([["全国财政收支"]]).to_excel(writer, index=False, header=False)
                frame.to_excel(writer, index=False, header=False, startrow=2)
        elif kind == "suffix":
            path = tmp / "n.dat"
            path.write_text("year\n2019\n")
        elif kind == "parquet":
            path = tmp / "n.parquet"
            path.write_bytes(b"PAR1 not really")
        elif kind == "latin1":
            path = tmp / "n.csv"
            path.write_bytes("year,revenue\n2019,\xff\xfe\x81\x30\n".encode("latin-1"))
        elif kind == "org_duplicate":
            path = tmp / "o.csv"
            path.write_text(
                "org_id,government_purchase,foundation_grants,donations,service_fees,"
                "other,group\nA,1,0,0,0,0,x\nA,2,0,0,0,0,x\n"
            )
        elif kind == "org_negative":
            path = tmp / "o.csv"
            path.write_text(
                "org_id,government_purchase,foundation_grants,donations,service_fees,"
                "other,group\nA,1,0,0,0,0,x\nB,-2,0,0,0,0,x\n"
            )
        elif kind == "worker_outcome":
            src = pd.read_csv(Path(__file__).parents[1] / "data/synthetic/workers.csv")
            src.loc[4, "left"] = 7
            path = tmp / "w.csv"
            src.to_csv(path, index=False)
        elif kind == "programme_no_id":
            src = pd.read_csv(Path(__file__).parents[1] / "data/synthetic/programmes.csv")
            path = tmp / "pr.csv"
            src.drop(columns=["unit_id"]).to_csv(path, index=False)
        else:
            raise AssertionError(kind)
        return [f"data_path={path}"]

    return build


def yaml_file(text: str | bytes, name: str = "p.yaml"):
    def build(tmp: Path) -> list[str]:
        path = tmp / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return [str(path)]

    return build


def bomb(levels: int) -> str:
    lines = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def spec(text: str):
    def build(tmp: Path) -> list[str]:
        path = tmp / "s.yaml"
        path.write_text(text)
        return [str(path)]

    return build


# (id, argv or (argv prefix, builder, how the builder's output joins), culprit in the message)
CASES = [
    # parameters given with -p
    ("unknown-parameter", p(F, "start_yr=2019"), "unknown parameter 'start_yr'"),
    ("not-an-integer", p(F, "start_year=abc"), "parameter 'start_year' = 'abc'"),
    ("out-of-range", p(F, "start_year=1990"), "greater than or equal to 2012"),
    ("years-reversed", p(F, "start_year=2021", "end_year=2019"), "end_year from -p end_year=2019"),
    ("bad-choice", p(F, "gdp_basis=gross"), "parameter 'gdp_basis'"),
    ("infinite", p(F, "buoyancy=.inf"), "parameter 'buoyancy' = inf"),
    ("nan", p(F, "buoyancy=.nan"), "parameter 'buoyancy'"),
    ("bool-for-int", p(F, "horizon_years=true"), "expected a number, got a boolean"),
    ("bool-in-list", p(F, "revenue_growth_grid=[0.02, true]"), "revenue_growth_grid"),
    ("missing-data-file", p(F, "data_path=/no/such/file.csv"), "no such file: /no/such/file.csv"),
    ("data-path-folder", p(F, "data_path=/tmp"), "parameter 'data_path'"),
    ("flag-without-equals", ["run", F, "-p", "start_year"], "-p start_year: expected name=value"),
    ("flag-bad-yaml", p(F, "revenue_growth_grid=[0.02"), "not a valid YAML scalar or list"),
    ("column-map-not-mapping", p(F, "column_map=3"), "parameter 'column_map'"),
    (
        "funding-threshold-inf",
        p(U, "threshold=.inf", "threshold_kind=absolute"),
        "parameter 'threshold' = inf",
    ),
    ("funding-n-boot-bool", p(U, "n_boot=true"), "parameter 'n_boot'"),
    (
        "funding-government-not-a-source",
        p(U, "government_source=grants"),
        "government_source 'grants' must be one of sources",
    ),
    ("funding-cut-step", p(U, "cut_step=0.6", "cut_max=0.5"), "cut_step (0.6) must not exceed"),
    ("funding-seed-negative", p(U, "seed=-1"), "parameter 'seed' = -1"),
    ("funding-cut-step-tiny", p(U, "cut_step=0.00001"), "parameter 'cut_step' = 1e-05"),
    ("funding-threshold-relative", p(U, "threshold=1.5"), "threshold (1.5) must be a fraction"),
    ("turnover-seed-too-large", p(T, "seed=99999999999999"), "parameter 'seed' = 99999999999999"),
    ("turnover-cost-inf", p(T, "replacement_cost_yuan=.inf"), "replacement_cost_yuan"),
    ("turnover-alpha", p(T, "alpha=0.7"), "parameter 'alpha' = 0.7"),
    ("turnover-alpha-tiny", p(T, "alpha=0.00001"), "parameter 'alpha' = 1e-05"),
    ("turnover-no-drivers", p(T, "drivers=[]"), "parameter 'drivers'"),
    ("turnover-pay-cut", p(T, "pay_rise_pct=[-200]"), "pay_rise_pct values must lie in"),
    ("turnover-folds", p(T, "cv_folds=1"), "parameter 'cv_folds' = 1"),
    ("costeff-wtp-max-inf", p(C, "wtp_max=.inf"), "parameter 'wtp_max' = inf"),
    ("costeff-wtp-above-grid", p(C, "wtp=2000000"), "must lie within the grid"),
    ("costeff-reward-order", p(C, "reward_share_range=[0.6, 0.3]"), "reward_share_range"),
    ("costeff-n-boot", p(C, "n_boot=5"), "n_boot (5) must be 0"),
    ("costeff-psa-draws", p(C, "psa_draws=1000000000"), "parameter 'psa_draws'"),
    ("costeff-outcome-is-id", p(C, "outcome=unit_id"), "outcome 'unit_id' cannot be"),
    ("costeff-staff-penalty", p(C, "synthetic_staff_penalty=1"), "'synthetic_staff_penalty' = 1"),
    # command-line arguments
    ("unknown-analysis", run("budget"), "unknown analysis 'budget'"),
    ("name-with-dots", run(F, "--name", "../x"), "run name '../x' is not allowed"),
    ("name-with-control", run(F, "--name", "a\x07b"), "is not allowed"),
    ("name-too-long", run(F, "--name", CJK_NAME), "too long: 204 bytes in UTF-8"),
    ("timeout-zero", run(F, "--timeout", "0"), "--timeout 0: expected a number of seconds"),
    ("timeout-text", run(F, "--timeout", "abc"), "argument --timeout: invalid float value"),
    ("missing-parameter-file", run(F, "-f", "/no/such.yaml"), "file not found: /no/such.yaml"),
    ("all-with-flags", ["run", "all", "-p", "x=1"], "'workbench run all' uses the defaults"),
    ("bad-engine", run(F, "--engine", "spark"), "argument --engine: invalid choice"),
    ("sweep-workers", ["sweep", "fiscal_years_readings", "--workers", "0"], "--workers 0"),
    ("sweep-not-found", ["sweep", "no_such_sweep"], "sweep spec not found: no_such_sweep"),
    ("clean-negative-days", ["clean", "--older-than", "-1"], "--older-than -1"),
    ("params-unknown", ["params", "budget"], "unknown analysis 'budget'"),
    ("compare-one-run", ["compare", "PREVIOUS"], "compare needs at least two completed runs"),
    ("brief-missing-folder", ["brief", "/no/such/run", "-o", "OUT"], "run folder not found"),
    ("brief-not-a-run", ["brief", "OUTPUTS", "-o", "OUT"], "not a completed run folder"),
    ("brief-failed-run", ["brief", "FAILED", "-o", "OUT"], "the run failed"),
    ("outputs-is-a-file", run(F, "--outputs", "AFILE"), "outputs folder"),
    # parameter files
    ("yaml-malformed", (run(F, "-f"), yaml_file("start_year: [2019\n")), "malformed YAML"),
    ("yaml-list", (run(F, "-f"), yaml_file("- 2019\n")), "expected a mapping of parameter"),
    (
        "yaml-duplicate-key",
        (run(F, "-f"), yaml_file("start_year: 2019\nstart_year: 2015\n")),
        "p.yaml:2: duplicate key 'start_year' (first on line 1)",
    ),
    (
        "yaml-python-tag",
        (run(F, "-f"), yaml_file("x: !!python/object/apply:os.system [ls]\n")),
        "could not determine a constructor",
    ),
    ("yaml-binary", (run(F, "-f"), yaml_file(b"\x00\x01\x02")), "not a text file"),
    ("yaml-alias-bomb", (run(F, "-f"), yaml_file(bomb(9))), "expands to more than 100,000"),
    ("yaml-deep", (run(F, "-f"), yaml_file("[" * 5000 + "]" * 5000)), "nested too deeply"),
    ("yaml-too-big", (run(F, "-f"), yaml_file("x: " + "a" * 1_000_001)), "at most 1,000,000"),
    (
        "yaml-not-utf8",
        (run(F, "-f"), yaml_file(b"x: \xff\xfe\xfd\xfc\n")),
        "save the file as UTF-8",
    ),
    # data files
    ("data-missing-column", (p(F), data("missing_column")), "required column(s) missing: gdp"),
    ("data-non-numeric-line", (p(F), data("non_numeric_after_blank_lines")), "file line 9"),
    ("data-negative", (p(F), data("negative")), "file line 6 (-194000): negative"),
    ("data-duplicate-year", (p(F), data("duplicate_year")), "appears twice"),
    ("data-empty", (p(F), data("empty")), "the file is empty"),
    ("data-header-only", (p(F), data("header_only")), "no data rows"),
    ("data-title-row", (p(F), data("title_row")), "the header seems to be on file line 3"),
    ("data-suffix", (p(F), data("suffix")), "unknown format '.dat'"),
    ("data-parquet", (p(F), data("parquet")), "not a readable Parquet file"),
    ("data-encoding", (p(F), data("latin1")), "cannot decode the text as UTF-8 or GBK"),
    ("funding-duplicate-org", (p(U), data("org_duplicate")), "org_id"),
    ("funding-negative-amount", (p(U), data("org_negative")), "file line 3"),
    ("turnover-outcome", (p(T), data("worker_outcome")), "file line 6"),
    ("costeff-no-unit-id", (p(C), data("programme_no_id")), "unit_id"),
    # sweep specs
    ("spec-unknown-key", (["sweep"], spec("analysis: probe_x\nwhat: 1\n")), "unknown key 'what'"),
    (
        "spec-bad-run",
        (["sweep"], spec(f"analysis: {F}\ngrid:\n  start_year: [2019, 2030]\n")),
        "run 2 (start_year=2030)",
    ),
    (
        "spec-duplicate-names",
        (["sweep"], spec(f"analysis: {F}\ngrid:\n  start_year: [2019, 2020]\nname: same\n")),
        "also run 1's",
    ),
    (
        "spec-bad-grid",
        (["sweep"], spec(f"analysis: {F}\ngrid:\n  start_year: 2019\n")),
        "expected a non-empty list",
    ),
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    previous = root / "outputs" / F / "default"
    previous.mkdir(parents=True)
    (previous / "results.json").write_text('{"data_kind": "reference"}\n')
    (previous / "provenance.json").write_text('{"exit_status": 0, "analysis": "x"}\n')
    failed = root / "outputs" / F / "_failed" / "default"
    failed.mkdir(parents=True)
    (failed / "provenance.json").write_text(
        '{"exit_status": 1, "analysis": "fiscal_pressure", "error": {"ename": "X"}}\n'
    )
    (root / "afile").write_text("not a folder")
    return root


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 60 and len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case, argv, culprit", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_exit_2_and_nothing_lost(
    case, argv, culprit, outputs, tmp_path, capsys
):
    root = outputs / "outputs"
    before = tree_digest(root)
    if isinstance(argv, tuple):
        prefix, build = argv
        made = build(tmp_path)
        argv = (
            [*prefix, *made]
            if prefix[-1:] == ["-f"] or prefix == ["sweep"]
            else [*prefix, *[x for flag in made for x in ("-p", flag)]]
        )
    replace = {
        "PREVIOUS": str(root / F / "default"),
        "OUTPUTS": str(root),
        "FAILED": str(root / F / "_failed" / "default"),
        "OUT": str(tmp_path / "brief"),
        "AFILE": str(outputs / "afile"),
    }
    argv = [replace.get(a, a) for a in argv]
    if argv[0] in ("run", "sweep", "clean", "compare") and "--outputs" not in argv:
        argv += ["--outputs", str(root)]
    with pytest.raises(SystemExit) if "invalid" in culprit else _no_exit() as exited:
        code = cli.main(argv)
    if exited is not None:
        code = exited.value.code
    err = capsys.readouterr().err
    assert code == 2, err
    assert culprit in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert tree_digest(root) == before
    leftovers = [p for p in root.rglob(".tmp-*")]
    assert leftovers == []


class _no_exit:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


@pytest.mark.slow
def test_after_the_catalogue_a_run_works(outputs, capsys):
    assert cli.main(["run", F, "--name", "after", "--outputs", str(outputs / "outputs")]) == 0
