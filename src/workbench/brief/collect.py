"""Gathering a brief's content from run folders, every number traced to its run.

A run folder is read as it was published: its resolved parameters (``params.yaml``), its numbers
(``results.json``) with their units (``results.schema.json``) and its provenance. The analysis's
pipeline is run again from those parameters, in this process, and its numbers must equal the
folder's (to 1e-9): what the brief shows is what the run computed, drawn in the brief's language.
A folder that is missing, failed, or no longer reproduced by the code is refused in one line.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench import keys as keys_mod
from workbench import params as params_mod
from workbench import results, units, yamlfile
from workbench.errors import InputError, ParameterError
from workbench.figures import Chart
from workbench.paths import PROJECT_ROOT, relative, sha256


@dataclass
class Number:
    """One row of the key-numbers table."""

    label: str
    value: str
    key: str
    run: str


@dataclass
class Section:
    """One run's part of the brief."""

    analysis: str
    run: str
    folder: Path
    title: str
    data_kind: str
    findings: list[str]
    numbers: list[Number]
    charts: list[Chart]
    methods: str
    caveats: list[str]
    parameters: list[tuple[str, str, str, str]]  # label, name, value, unit
    provenance: dict = field(default_factory=dict)


@dataclass
class Across:
    """A sweep's comparison, shown before its first run's section: what moves across the runs."""

    sweep: str
    findings: list[str]
    table: list[list[str]]  # header, then a row per run, every value with its unit
    chart: Chart


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path.parent}: not a completed run folder (no {path.name})") from None
    except ValueError:
        raise InputError(f"{path}: {what} is not valid JSON") from None


def load_run(folder: str | Path) -> tuple[params_mod.AnalysisParams, dict, dict, dict]:
    """A run folder's parameters, numbers, key schema and provenance; refuse a failed run."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"run folder not found: {folder}")
    prov = _read_json(folder / "provenance.json", "provenance")
    if prov.get("exit_status") != 0 or "_failed" in folder.parts:
        raise InputError(
            f"{folder}: the run failed ({prov.get('error', {}).get('ename', '?')}); "
            "a brief needs completed runs"
        )
    numbers = _read_json(folder / results.RESULTS_FILE, "results")
    schema = _read_json(folder / keys_mod.SCHEMA_FILE, "the results schema")
    data, _ = yamlfile.load(folder / "params.yaml")
    analysis = prov.get("analysis")
    model = params_mod.model_for(analysis)
    origin = {k: str(folder / "params.yaml") for k in data}
    resolved = params_mod.validate(model, data, origin)
    for rel, digest in prov.get("inputs_sha256", {}).items():
        path = Path(rel) if Path(rel).is_absolute() else PROJECT_ROOT / rel
        if path.suffix == ".ipynb":
            continue  # the notebook is not what the pipeline reads
        if not path.is_file() or sha256(path) != digest:
            raise InputError(
                f"{folder}: its input {rel} has changed since the run (or is gone); re-run it "
                "before briefing"
            )
    return resolved, numbers, schema, prov


class _Package:
    """An analysis package's pipeline, keys, charts and narration modules."""

    def __init__(self, model: params_mod.AnalysisParams):
        def part(name: str):
            return importlib.import_module(f"workbench.{model.PACKAGE}.{name}")

        self.run = part("pipeline").run
        self.keys, self.charts, self.narration = part("keys"), part("charts"), part("narration")


def _number_rows(pkg, numbers: dict, schema: dict, label: str, lang: str) -> list[Number]:
    rows = []
    words = getattr(pkg.keys, "value_label", None)  # code names (a driver, a strategy) in words
    for key in pkg.keys.BRIEF_KEYS:
        spec = schema.get(key) or keys_mod.schema(pkg.keys.KEYS)[key]
        value = numbers.get(key)
        text = (words(key, value, lang) if words else None) or units.fmt(value, spec["unit"], lang)
        rows.append(Number(spec["zh" if lang == "zh" else "en"], text, key, label))
    return rows


def section(folder: str | Path, lang: str) -> Section:
    """Everything the brief shows of one run, in ``lang``.

    Raises
    ------
    InputError
        The folder is missing, failed, its inputs changed, or its numbers are no longer what
        the code computes from its parameters.
    """
    folder = Path(folder)
    resolved, numbers, schema, prov = load_run(folder)
    pkg = _Package(resolved)
    result = pkg.run(resolved)
    diffs = results.differences(numbers, results.plain(dict(result.numbers)))
    if diffs:
        commit = (prov.get("git_commit") or "?")[:12]
        raise InputError(
            f"{folder}: the code no longer reproduces this run's results (run at commit {commit}; "
            f"{diffs[0]}); re-run it before briefing"
        )
    en, zh = type(resolved).TITLE
    label = f"{prov['analysis']}/{prov['run']}"
    charts = [
        getattr(pkg.charts, name)(result, resolved, lang) for name in pkg.charts.BRIEF_FIGURES
    ]
    model = type(resolved)
    described = {row["name"]: row for row in params_mod.describe(model)}
    parameters = [
        (
            params_mod.label(model, name, lang),
            name,
            json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value,
            units.unit_words(described[name]["unit"], lang),
        )
        for name, value in resolved.model_dump().items()
    ]
    return Section(
        analysis=prov["analysis"],
        run=prov["run"],
        folder=folder,
        title=(zh if lang == "zh" else en) or prov["analysis"],
        data_kind=str(numbers.get("data_kind", "")),
        findings=pkg.narration.findings(result, resolved, lang),
        numbers=_number_rows(pkg, numbers, schema, label, lang),
        charts=charts,
        methods=pkg.narration.methods(lang),
        caveats=pkg.narration.caveats(result, resolved, lang),
        parameters=parameters,
        provenance={
            "commit": (prov.get("git_commit") or "")[:12] + (" +" if prov.get("git_dirty") else ""),
            "finished": prov.get("finished", ""),
            "folder": relative(folder),
            "inputs": prov.get("inputs_sha256", {}),
            "parameter_files": prov.get("parameter_files", []),
            "parameter_flags": prov.get("parameter_flags", []),
        },
    )


def latest(outputs: Path | None = None) -> list[Path]:
    """The newest completed ``default`` run of every analysis, in notebook order."""
    from workbench import runner

    found = []
    for analysis in runner.available():
        runs = [r for r in runner.last_runs(analysis, outputs) if r["run"] == "default"]
        if runs:
            found.append(runs[0]["path"])
    if not found:
        raise ParameterError("--latest: no completed default run yet; run 'workbench run all'")
    return found


def sweep_runs(name: str, outputs: Path | None = None) -> list[Path]:
    """The completed runs of a sweep, in the index's order."""
    from workbench.sweep import index, sweep_home

    home = sweep_home(name, outputs)
    try:
        frame = index.read(home)
    except FileNotFoundError:
        raise ParameterError(
            f"--sweep {name}: no index at {home} (run 'workbench sweep {name}')"
        ) from None
    return [Path(f) for f, s in zip(frame["folder"], frame["status"], strict=True) if s == "ok"]


def across(name: str, lang: str, outputs: Path | None = None) -> Across:
    """The comparison of a sweep's runs (:mod:`workbench.compare`), in ``lang``."""
    from workbench import compare
    from workbench.sweep import sweep_home

    t = compare.table([str(sweep_home(name, outputs))], outputs=outputs)
    return Across(
        name, compare.findings(t, lang), compare.text_table(t, lang), compare.sensitivity(t, lang)
    )


def reference_first(sections: list[Section]) -> list[Section]:
    """A sweep's sections for the appendix: the first whole, the others with only the parameters
    whose values differ from the first's (the rest are the same)."""
    first = {name: value for _, name, value, _ in sections[0].parameters}
    return sections[:1] + [
        dataclasses.replace(s, parameters=[p for p in s.parameters if first.get(p[1]) != p[2]])
        for s in sections[1:]
    ]
