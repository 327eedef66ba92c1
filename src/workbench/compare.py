"""Comparing runs: a table of chosen results with units, and a sensitivity figure in both languages.

``workbench compare SWEEP_OR_RUN_FOLDERS... [--metric KEY ...]`` reads a sweep's index (a sweep
name, or its folder) or run folders of one analysis, finds the parameters that differ between the
runs, prints each run's value of every chosen result with its unit, and draws each varied parameter
against each chosen result (runs that share the other parameters joined by a line), in English and
in Chinese. It writes ``compare.csv``, ``sensitivity.{png,svg,pdf}`` and
``sensitivity_zh.{png,svg,pdf}`` into ``-o DIR`` (default: the sweep's ``compare/`` folder).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench import figures, keys, params, units, yamlfile
from workbench.errors import InputError, ParameterError
from workbench.figures import tr
from workbench.paths import outputs_root

MAX_METRICS, MAX_PARAMS = 4, 4


@dataclass
class Table:
    """The compared runs: one row each, with their parameters and results."""

    analysis: str
    rows: list[dict[str, Any]]
    schema: dict[str, dict]
    varied: list[str]
    metrics: list[str]
    source: str


def _run_row(folder: Path) -> tuple[str, dict, dict]:
    try:
        prov = json.loads((folder / "provenance.json").read_text())
        numbers = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        schema = json.loads((folder / keys.SCHEMA_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(
            f"{folder}: not a completed run folder (results.json, "
            "results.schema.json and provenance.json are needed)"
        ) from None
    if prov.get("exit_status") != 0:
        raise InputError(f"{folder}: the run failed; compare completed runs")
    values, _ = yamlfile.load(folder / "params.yaml")
    row = {
        "run": folder.name,
        "folder": str(folder),
        **{f"param.{k}": v for k, v in values.items()},
        **numbers,
    }
    return prov["analysis"], row, schema


def _sweep_rows(home: Path) -> list[Path]:
    from workbench.sweep import index

    frame = index.read(home)
    return [Path(f) for f, s in zip(frame["folder"], frame["status"], strict=True) if s == "ok"]


def gather(targets: list[str], outputs: Path | None = None) -> tuple[str, list[dict], dict, str]:
    """Rows of every completed run named by ``targets`` (sweeps or run folders)."""
    folders, sources = [], []
    for target in targets:
        path = Path(target)
        sweep_home = outputs_root(outputs) / "sweeps" / target
        if (path / "index.parquet").is_file():
            folders += _sweep_rows(path)
            sources.append(path.name)
        elif not path.exists() and (sweep_home / "index.parquet").is_file():
            folders += _sweep_rows(sweep_home)
            sources.append(target)
        elif path.is_dir():
            folders.append(path)
            sources.append(path.name)
        else:
            raise ParameterError(f"{target}: neither a sweep (with an index) nor a run folder")
    if len(folders) < 2:
        raise ParameterError(f"compare needs at least two completed runs; found {len(folders)}")
    analyses, rows, schema = set(), [], {}
    for folder in folders:
        analysis, row, run_schema = _run_row(folder)
        analyses.add(analysis)
        rows.append(row)
        schema.update(run_schema)
    if len(analyses) > 1:
        raise ParameterError(
            f"compare runs of one analysis; these are of {', '.join(sorted(analyses))}"
        )
    return analyses.pop(), rows, schema, ", ".join(sources)


def _scalar(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def table(targets: list[str], metrics: list[str] = (), outputs: Path | None = None) -> Table:
    """The compared runs, the parameters they vary and the results to show.

    Raises
    ------
    InputError
        Fewer than two runs, runs of different analyses, or an unknown or non-numeric metric.
    """
    analysis, rows, schema, source = gather(list(targets), outputs)
    names = [k for k in rows[0] if k.startswith("param.")]
    varied = [k for k in names if len({json.dumps(r.get(k), sort_keys=True) for r in rows}) > 1]
    numeric = [
        k
        for k in schema
        if all(_scalar(r.get(k)) or r.get(k) is None for r in rows)
        and any(_scalar(r.get(k)) for r in rows)
    ]
    if metrics:
        for metric in metrics:
            if metric not in schema:
                raise ParameterError(
                    f"--metric {metric}: not a result of {analysis}; known: {', '.join(numeric)}"
                )
            if metric not in numeric:
                raise ParameterError(f"--metric {metric}: not a number in every run")
        chosen = list(metrics)
    else:
        import importlib

        model = params.model_for(analysis)
        pkg = importlib.import_module(f"workbench.{model.PACKAGE}.keys")
        # the results that differ between the runs first, the brief's key numbers before others
        moves = {k: len({json.dumps(r.get(k)) for r in rows}) > 1 for k in numeric}
        ranked = [k for k in pkg.BRIEF_KEYS if k in numeric] + [
            k for k in numeric if k not in pkg.BRIEF_KEYS
        ]
        chosen = [k for k in ranked if moves[k]] or ranked
    return Table(analysis, rows, schema, varied, chosen[:MAX_METRICS], source)


def _label(key: str, schema: dict, lang: str) -> str:
    return schema[key]["zh" if lang == "zh" else "en"]


def param_label(analysis: str, column: str, lang: str) -> str:
    """A parameter's label: its name and unit (the model's)."""
    name = column.removeprefix("param.")
    model = params.model_for(analysis)
    field = model.model_fields.get(name)
    unit = (field.json_schema_extra or {}).get("unit", "") if field else ""
    label = params.label(model, name, lang)
    if not unit:
        return label
    words = units.unit_words(unit, lang)
    return f"{label}（{words}）" if lang == "zh" else f"{label} ({words})"


def text_table(t: Table, lang: str = "en") -> list[list[str]]:
    """Header and rows of the comparison, every value formatted with its unit."""
    header = [tr(lang, "run", "运行")] + [param_label(t.analysis, v, lang) for v in t.varied]
    header += [_label(m, t.schema, lang) for m in t.metrics]
    body = []
    for row in t.rows:
        cells = [row["run"]] + [_show(row.get(v)) for v in t.varied]
        cells += [units.fmt(row.get(m), t.schema[m]["unit"], lang) for m in t.metrics]
        body.append(cells)
    return [header, *body]


def _one(value: Any) -> Any:
    """A one-item list (a grid of one scenario, such as ``pay_rises: [10]``) as its item."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def _show(value: Any) -> str:
    value = _one(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _axis(values: list[Any]) -> tuple[list[float], list[str] | None]:
    values = [_one(v) for v in values]
    if all(_scalar(v) for v in values):
        return [float(v) for v in values], None
    levels = list(dict.fromkeys(_show(v) for v in values))
    return [float(levels.index(_show(v))) for v in values], levels


def _scale(unit: str, values: list[float], lang: str) -> tuple[float, str]:
    """How a result's axis is drawn: the factor its values are multiplied by, and the unit in words.

    Fractions are drawn in per cent, amounts of money in the step their largest value is written
    in (:func:`workbench.units.money_step`: million yuan, 万元 ...).
    """
    if unit in ("fraction", "fraction per year"):
        return 100.0, "%" + (tr(lang, " a year", "/年") if "year" in unit else "")
    if unit == "probability change":
        return 100.0, tr(lang, "percentage points", "百分点")
    if unit in ("yuan", "亿元", "yuan per effect unit"):
        yuan = 1e8 if unit == "亿元" else 1.0
        step, words = units.money_step(max((abs(v) for v in values), default=0.0) * yuan, lang)
        if unit == "yuan per effect unit":
            words += tr(lang, " per percentage point", "/百分点")
        return yuan / step, words
    if unit == "years":
        return 1.0, tr(lang, "years", "年")
    return 1.0, ""


def findings(t: Table, lang: str) -> list[str]:
    """One sentence per shown result: its range across the runs and the parameter it moves with.

    That parameter is the one whose levels' mean results differ most (a main effect, as in a
    one-at-a-time sensitivity table).
    """
    return [_finding(t, lang, metric) for metric in t.metrics]


def _finding(t: Table, lang: str, metric: str) -> str:
    spreads = []
    for param in t.varied:
        means = {}
        for row in t.rows:
            value = row.get(metric)
            if _scalar(value):
                means.setdefault(_show(row.get(param)), []).append(value)
        averages = [sum(v) / len(v) for v in means.values()]
        spreads.append((max(averages) - min(averages) if averages else 0.0, param))
    label, unit = _label(metric, t.schema, lang), t.schema[metric]["unit"]
    values = [r[metric] for r in t.rows if _scalar(r.get(metric))]
    low, high = units.fmt(min(values), unit, lang), units.fmt(max(values), unit, lang)
    en = f"{label} ranges from {low} to {high} across the runs"
    zh = f"各次运行的{label}在{low}至{high}之间"
    if not t.varied:
        return tr(lang, en, zh)
    spread, param = max(spreads)
    plabel = param_label(t.analysis, param, lang)
    within = plabel[:1].lower() + plabel[1:] if plabel[1:2].islower() else plabel  # not "GDP"
    return tr(lang, f"{en} and moves most with {within}", f"{zh}，受{plabel}影响最大")


def sensitivity(t: Table, lang: str) -> figures.Chart:
    """Each varied parameter (columns) against each chosen result (rows)."""
    params_shown = t.varied[:MAX_PARAMS] or ["run"]
    fig, axes = figures.figure(
        "full", 1.7 * len(t.metrics), len(t.metrics), len(params_shown), squeeze=False
    )
    for i, metric in enumerate(t.metrics):
        unit = t.schema[metric]["unit"]
        factor, words = _scale(unit, [r[metric] for r in t.rows if _scalar(r.get(metric))], lang)
        for j, param in enumerate(params_shown):
            ax = axes[i][j]
            others = [p for p in t.varied if p != param]
            groups: dict[str, list[tuple[float, float]]] = {}
            xs, levels = _axis([r.get(param, r["run"]) for r in t.rows])
            for x, row in zip(xs, t.rows, strict=True):
                y = row.get(metric)
                if _scalar(y) and math.isfinite(y):
                    key = json.dumps([row.get(o) for o in others], sort_keys=True, default=str)
                    groups.setdefault(key, []).append((x, y * factor))
            for k, (_, points) in enumerate(sorted(groups.items())):
                points.sort()
                ax.plot(
                    [p[0] for p in points],
                    [p[1] for p in points],
                    marker="o",
                    ms=3,
                    lw=1,
                    color=figures.PALETTE[k % len(figures.PALETTE)],
                )
            if levels is not None:
                ax.set_xticks(range(len(levels)), levels)
            if i == len(t.metrics) - 1:
                ax.set_xlabel(
                    param_label(t.analysis, param, lang)
                    if param != "run"
                    else tr(lang, "run", "运行")
                )
            if j == 0:  # the result and its unit over the row, not a long label up its side
                label = _label(metric, t.schema, lang)
                if words:
                    label += f"（{words}）" if lang == "zh" else f" ({words})"
                ax.set_title(label, loc="left")
    n = len(t.rows)
    return figures.chart(
        fig,
        "sensitivity" if lang == "en" else "sensitivity_zh",
        title=_finding(t, lang, t.metrics[0]),
        subtitle=tr(
            lang,
            f"{n} runs of {t.analysis} ({t.source}); each line joins runs that share "
            "the other parameters",
            f"{t.analysis}的{n}次运行（{t.source}）；每条线连接其他参数相同的运行",
        ),
        source=tr(
            lang,
            "workbench runs; numbers from each run's results.json",
            "本工作台的运行；数字取自各次运行的results.json",
        ),
        alt_text=tr(
            lang,
            f"Small multiples: {len(t.metrics)} results against {len(params_shown)} "
            "parameters, one point per run.",
            f"小图矩阵：{len(t.metrics)}个结果对{len(params_shown)}个参数，每次运行一个点。",
        ),
        synthetic=any(r.get("data_kind") == "synthetic" for r in t.rows),
        lang=lang,
    )


def write(t: Table, out: Path) -> list[Path]:
    """Write ``compare.csv`` and the sensitivity figure in both languages into ``out``."""
    import csv

    out.mkdir(parents=True, exist_ok=True)
    target = out / "compare.csv"
    tmp = target.with_suffix(".csv.tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(text_table(t, "en"))
    tmp.replace(target)
    written = [target]
    for lang in ("en", "zh"):
        caption = figures.save(sensitivity(t, lang), out)
        written += [out / name for name in caption["files"].values()]
    return written
