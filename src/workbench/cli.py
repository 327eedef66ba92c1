"""The ``workbench`` command: parse, call, print. Bad input exits 2 with one line, no traceback.

Each command imports what it needs when it runs, so ``workbench --help`` and ``workbench params``
load neither pandas nor scikit-learn.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from workbench.errors import Interrupted, ParameterError, WorkbenchError

EPILOG = """examples:
  workbench list
  workbench params fiscal_pressure
  workbench run fiscal_pressure
  workbench run fiscal_pressure -f parameters/fiscal_pressure/long_window.yaml
  workbench run fiscal_pressure -p start_year=2012 -p end_year=2024 --name long
  workbench run all
  workbench sweep fiscal_years_readings --workers 2
  workbench sweep parameters/sweeps/turnover_pay_hours.yaml --scheduler tcp://127.0.0.1:8786
  workbench clean fiscal_pressure --failed
"""
RAW = argparse.RawDescriptionHelpFormatter


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line (exit status 2), like every other bad input."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see '{self.prog} --help')\n")


def _outputs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--outputs",
        type=Path,
        metavar="DIR",
        help="outputs root (default: $WORKBENCH_OUTPUTS or <project>/outputs)",
    )


def _run_parser(sub) -> None:
    run = sub.add_parser(
        "run",
        help="run an analysis (or all) into outputs/<analysis>/<run>/",
        description="Validate parameters (defaults, then -f files in order, then -p flags) and "
        "data before anything runs, execute the analysis notebook with papermill, and publish "
        "outputs/<analysis>/<run>/ with notebook.ipynb, report.html, results.json, "
        "results.schema.json, params.yaml, provenance.json and figures/. "
        "Exit status: 0 ok, 1 the run failed, 2 bad input.",
        epilog=EPILOG,
        formatter_class=RAW,
    )
    run.add_argument("analysis", help="analysis name (see 'workbench list') or 'all'")
    run.add_argument(
        "-f",
        "--file",
        action="append",
        default=[],
        metavar="FILE.yaml",
        help="YAML mapping of parameter: value; repeatable, later files win",
    )
    run.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override one parameter (value parsed as YAML); repeatable, wins last",
    )
    run.add_argument(
        "--name",
        help="run folder name (default: 'default' or the last file's stem; -p flags add a "
        "short hash); at most 200 bytes in UTF-8",
    )
    _outputs_option(run)
    run.add_argument(
        "--engine",
        choices=("fast", "kernel"),
        default="fast",
        help="fast: in a child process forked from one that has imported the analysis stack "
        "(default); kernel: a real Jupyter kernel, as JupyterLab and plain papermill use",
    )
    run.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="wall-time limit of each run (default: 900); a run over it stops, naming its cell",
    )


def _sweep_parser(sub) -> None:
    sweep = sub.add_parser(
        "sweep",
        help="run an analysis over a grid of scenarios (cached, indexed; locally or on Dask)",
        description="Validate every run of a sweep spec (parameters/sweeps/<name>.yaml: "
        "analysis, base, grid, runs, name) before any starts, skip runs whose result is "
        "current, run the rest on a pool of local processes or a Dask cluster, and write "
        "outputs/sweeps/<name>/index.csv and index.parquet. Exit status: 0 all ok, 1 a run "
        "failed, 2 a bad spec or run.",
        epilog=EPILOG,
        formatter_class=RAW,
    )
    sweep.add_argument("spec", help="a spec file, or the name of one in parameters/sweeps/")
    sweep.add_argument(
        "--workers", type=int, metavar="N", help="local runs at once (default: the cores)"
    )
    sweep.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT", help="run on this Dask scheduler instead"
    )
    sweep.add_argument("--force", action="store_true", help="re-run cached runs too")
    sweep.add_argument("--fail-fast", action="store_true", help="stop at the first failure")
    sweep.add_argument("--quiet", action="store_true", help="print only failures and the summary")
    sweep.add_argument(
        "--engine", choices=("fast", "kernel"), default="fast", help="as for 'workbench run'"
    )
    sweep.add_argument(
        "--figures",
        choices=("all", "png", "none"),
        default="all",
        help="figure formats to write (default all: PNG, SVG and PDF)",
    )
    sweep.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="per run (default: the spec's timeout, else 900)",
    )
    _outputs_option(sweep)


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="workbench",
        description="Run the community-governance analyses as validated, provenance-tracked "
        "notebooks (papermill) and list their parameters and runs.",
        epilog=EPILOG,
        formatter_class=RAW,
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=Parser
    )
    _run_parser(sub)

    _sweep_parser(sub)

    compare = sub.add_parser(
        "compare",
        help="compare runs: a table of results with units and a sensitivity figure",
        description="Read a sweep's index (its name or folder) or run folders of one analysis, "
        "print each run's varied parameters and chosen results with units, and write "
        "compare.csv and a sensitivity figure (each varied parameter against each result) in "
        "English and Chinese.",
    )
    compare.add_argument("targets", nargs="+", metavar="SWEEP_OR_RUN_FOLDER")
    compare.add_argument(
        "--metric",
        action="append",
        default=[],
        metavar="KEY",
        help="a results.json key to compare (repeatable; default: the headline keys)",
    )
    compare.add_argument("--lang", choices=("en", "zh"), default="en", help="of the printed table")
    compare.add_argument(
        "-o",
        "--out",
        type=Path,
        metavar="DIR",
        help="where to write (default: the sweep's compare/ folder)",
    )
    _outputs_option(compare)

    brief = sub.add_parser(
        "brief",
        help="a policy brief (HTML, PDF, Word and figures) from chosen runs, in zh or en",
        description="Assemble completed runs into a brief: key findings, key numbers with units "
        "traced to their runs, figures with their findings, methods and caveats, and an appendix "
        "of parameters and provenance. Writes DIR/brief.html (self-contained), brief.pdf, "
        "brief.docx and figures/. Every number is recomputed from the run's parameters and must "
        "equal the run's results.json.",
    )
    which = brief.add_mutually_exclusive_group()
    which.add_argument("folders", nargs="*", default=[], metavar="RUN_FOLDER")
    which.add_argument("--sweep", metavar="NAME", help="every completed run of a sweep")
    which.add_argument(
        "--latest", action="store_true", help="the latest default run of every analysis"
    )
    brief.add_argument("--lang", choices=("zh", "en"), default="zh")
    brief.add_argument("--title", metavar="TEXT", help="the brief's title")
    brief.add_argument(
        "-o",
        "--out",
        type=Path,
        metavar="DIR",
        default=Path("brief"),
        help="output folder (default: ./brief)",
    )
    brief.add_argument(
        "--template",
        type=Path,
        metavar="FILE.html.j2",
        help="your own Jinja2 template (brief.css beside it is used too)",
    )
    _outputs_option(brief)

    listing = sub.add_parser(
        "list",
        help="analyses, their parameter sets and last runs",
        description="List every analysis with its notebook, shipped parameter sets and published "
        "runs. Temporary folders left by killed runs are removed and reported.",
    )
    _outputs_option(listing)

    show = sub.add_parser(
        "params",
        help="every parameter of an analysis; --write regenerates its parameters cell",
        description="Print every parameter of an analysis with its type, default, unit, "
        "description and source. The model is the only place a default is written: --write "
        "regenerates the notebook's parameters cell (and its .py pair) and "
        "parameters/<analysis>/default.yaml from it; --check exits 1 if they are stale.",
    )
    show.add_argument("analysis", help="analysis name (see 'workbench list'), or 'all'")
    mode = show.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="regenerate the generated files")
    mode.add_argument("--check", action="store_true", help="exit 1 if a generated file is stale")

    clean = sub.add_parser(
        "clean",
        help="remove runs on purpose (all, failed, or older than N days)",
        description="Remove published runs of one analysis (or of all, with the interactive "
        "outputs), and always what killed runs left behind. A run in progress is never removed.",
    )
    clean.add_argument("analysis", nargs="?", help="analysis name (default: every analysis)")
    clean.add_argument("--failed", action="store_true", help="only failed runs (_failed/)")
    clean.add_argument(
        "--older-than", type=float, metavar="DAYS", help="only runs older than DAYS days"
    )
    clean.add_argument(
        "-n", "--dry-run", action="store_true", help="say what would be removed, remove nothing"
    )
    _outputs_option(clean)
    return parser


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _run(args: argparse.Namespace) -> int:
    from workbench import runner

    if args.analysis == "all":
        if args.file or args.param or args.name:
            raise ParameterError(
                "'workbench run all' uses the defaults; -f, -p and --name need one analysis"
            )
        names = runner.available()
    else:
        names = [args.analysis]
    if args.timeout is not None and not 0 < args.timeout < 1e7:
        raise ParameterError(f"--timeout {args.timeout:g}: expected a number of seconds above 0")
    timeout = args.timeout or runner.DEFAULT_TIMEOUT
    # one fast run checks its data files while the stack is imported (still before it starts);
    # 'all' checks every analysis before the first starts
    aside = len(names) == 1 and args.engine == "fast"
    plans = [
        runner.plan(a, args.file, args.param, args.name, args.outputs, check=not aside)
        for a in names
    ]
    worst = 0
    for i, plan in enumerate(plans, 1):
        prefix = f"[{i}/{len(plans)}] " if len(plans) > 1 else ""
        print(f"{prefix}{plan.analysis}/{plan.name}: running ...", flush=True)
        result = runner.execute(plan, engine=args.engine, timeout=timeout, checked=not aside)
        if result.status == "ok":
            print(
                f"{prefix}{plan.analysis}/{result.name}: ok in {result.seconds:.1f} s -> "
                f"{_show(result.path)}",
                flush=True,
            )
        else:
            print(f"{prefix}{result.message}", file=sys.stderr, flush=True)
            worst = max(worst, result.exit_code)
    return worst


def _sweep(args: argparse.Namespace) -> int:
    from workbench import sweep

    if args.workers is not None and not 1 <= args.workers <= 256:
        raise ParameterError(f"--workers {args.workers}: expected 1 to 256")
    if args.timeout is not None and not 0 < args.timeout < 1e7:
        raise ParameterError(f"--timeout {args.timeout:g}: expected a number of seconds above 0")
    try:
        outcome = sweep.run(
            args.spec,
            workers=args.workers,
            scheduler=args.scheduler,
            force=args.force,
            fail_fast=args.fail_fast,
            quiet=args.quiet,
            engine=args.engine,
            figures=args.figures,
            timeout=args.timeout,
            outputs=args.outputs,
        )
    except (Interrupted, KeyboardInterrupt) as exc:
        signum, name = (exc.signum, str(exc)) if isinstance(exc, Interrupted) else (2, "SIGINT")
        print(
            f"stopped by {name}; the runs in progress were discarded, the "
            f"finished ones are kept and indexed; 'workbench sweep {args.spec}' runs the rest",
            file=sys.stderr,
        )
        return 128 + signum
    results = outcome.results.values()
    ok = sum(r.status == "ok" for r in results)
    cached = sum(r.cached for r in results)
    missing = len(outcome.sweep.runs) - len(outcome.results)
    print(
        f"sweep {outcome.sweep.name}: {len(outcome.sweep.runs)} runs in {outcome.seconds:.1f} s: "
        f"{ok} ok ({cached} cached), {len(outcome.failed)} failed"
        + (f", {missing} not run (--fail-fast)" if missing else "")
    )
    if outcome.index_files:
        print(f"index: {_show(outcome.index_files[1])} (and {outcome.index_files[0].name})")
    for result in outcome.failed:
        print(f"  {result.message}", file=sys.stderr)
    return outcome.exit_code


def _compare(args: argparse.Namespace) -> int:
    from workbench import compare
    from workbench.paths import outputs_root

    t = compare.table(args.targets, args.metric, args.outputs)
    rows = compare.text_table(t, args.lang)
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    out = args.out
    if out is None:
        target = Path(args.targets[0])
        named = outputs_root(args.outputs) / "sweeps" / args.targets[0]
        home = next((p for p in (target, named) if (p / "index.parquet").is_file()), None)
        one_sweep = home is not None and len(args.targets) == 1
        out = home / "compare" if one_sweep else outputs_root(args.outputs) / "compare" / t.analysis
    for path in compare.write(t, out):
        if path.suffix in (".csv", ".png"):
            print(f"wrote {_show(path)}")
    return 0


def _brief(args: argparse.Namespace) -> int:
    from workbench import brief
    from workbench.brief import collect

    if args.sweep:
        folders = collect.sweep_runs(args.sweep, args.outputs)
    elif args.latest:
        folders = collect.latest(args.outputs)
    else:
        folders = args.folders
    made = brief.build(
        folders, args.out, args.lang, args.title, args.template, args.sweep, args.outputs
    )
    for path in (made.html, made.pdf, made.docx, made.figures):
        print(f"wrote {_show(path)}")
    print(f"{made.pages} pages from {len(folders)} run{'s' if len(folders) != 1 else ''}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from workbench import params, runner
    from workbench.paths import outputs_root

    root = outputs_root(args.outputs)
    ordered = runner.available() + [a for a in params.ANALYSES if a not in runner.available()]
    for analysis in ordered:
        for gone in runner.remove_stale(root / analysis):
            print(f"removed {_show(gone)} (left by a run that was killed)", file=sys.stderr)
        try:
            nb = runner.notebook_for(analysis).name
        except WorkbenchError:
            nb = "(no notebook yet)"
        print(f"{analysis}  [{nb}]")
        sets = ", ".join(p.stem for p in runner.parameter_sets(analysis)) or "(none)"
        print(f"  parameter sets: {sets}")
        runs = runner.last_runs(analysis, args.outputs)
        if not runs:
            print("  runs: (none yet)")
        for r in runs[:5]:
            print(
                f"  run {r['run']}: finished {r['finished']} in {r['seconds']} s -> "
                f"{_show(r['path'])}"
            )
    return 0


def _params(args: argparse.Namespace) -> int:
    from workbench import params

    names = list(params.ANALYSES) if args.analysis == "all" else [args.analysis]
    models = {a: params.model_for(a) for a in names}
    if args.write or args.check:
        from workbench.params import generate

        if args.write:
            for analysis in names:
                for path in generate.write(analysis):
                    print(f"wrote {_show(path)}")
            return 0
        stale = [f for analysis in names for f in generate.stale(analysis)]
        for f in stale:
            print(f"stale: {f} (run 'make params')", file=sys.stderr)
        return 1 if stale else 0
    for analysis, model in models.items():
        print(f"Parameters of {analysis} (set with -f FILE.yaml or -p name=value):\n")
        for r in params.describe(model):
            print(f"{r['name']}: {r['type']} = {r['default']!r}  [{r['unit']}]")
            print(f"    {r['description']}")
            if r["source"]:
                print(f"    source: {r['source']}")
    return 0


def _clean(args: argparse.Namespace) -> int:
    from workbench import clean, params

    if args.analysis is not None:
        params.model_for(args.analysis)
    if args.older_than is not None and not args.older_than >= 0:
        raise ParameterError(f"--older-than {args.older_than:g}: expected days >= 0")
    removed = clean.clean(
        args.outputs,
        args.analysis,
        failed_only=args.failed,
        older_than_days=args.older_than,
        dry_run=args.dry_run,
    )
    verb = "would remove" if args.dry_run else "removed"
    for path in removed:
        print(f"{verb} {_show(path)}")
    print(f"{verb} {len(removed)} folder{'s' if len(removed) != 1 else ''}")
    return 0


def _prepare_process() -> None:
    """jsonschema imports ``rfc3987_syntax`` when it is installed, only to check the "iri" string
    format, and that import builds a grammar for about a second. Nothing this command validates
    uses that format, so the import is declined (jsonschema then skips the format, as it does
    when the package is absent). JupyterLab and the plain papermill command are unaffected."""
    sys.modules.setdefault("rfc3987_syntax", None)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``workbench`` console script."""
    _prepare_process()
    args = _parser().parse_args(argv)
    commands = {
        "run": _run,
        "sweep": _sweep,
        "compare": _compare,
        "brief": _brief,
        "list": _list,
        "params": _params,
        "clean": _clean,
    }
    try:
        return commands[args.command](args)
    except WorkbenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("interrupted; no run folder was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `workbench list | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Interrupted as exc:
        print(
            f"stopped by {exc}; the run's temporary folder was removed and no run folder was "
            "changed",
            file=sys.stderr,
        )
        return 128 + exc.signum


def console() -> None:
    """The ``workbench`` command: :func:`main`, then exit without a last garbage collection.

    The interpreter's collection at exit walks every object the analysis stack has made (about
    half a second after a sweep or a run, here). Every file is closed and every stream flushed
    by then, so the objects are frozen (never collected) instead; atexit handlers still run.
    """
    status = main()
    gc.freeze()
    sys.exit(status)


if __name__ == "__main__":
    console()
