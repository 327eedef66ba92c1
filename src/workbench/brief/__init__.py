"""Policy briefs: chosen runs assembled into a bilingual brief for officials.

``workbench brief RUN_FOLDER... --lang zh|en -o DIR`` writes ``DIR/brief.html`` (self-contained),
``DIR/brief.pdf``, ``DIR/brief.docx`` and ``DIR/figures/`` (each figure as PNG at 300 dpi, SVG and
PDF, named for its finding). Content: title and date; the key findings, one sentence each with its
number; the key numbers with units, each traced to its run; the figures with their finding,
subtitle, source and description; methods and caveats per analysis; an appendix of every run's
parameters and provenance. Every number is recomputed from the run's parameters and checked
against the run's ``results.json`` (:mod:`.collect`); the layout is a Jinja2 template and a print
stylesheet (:mod:`.render`).
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from workbench.brief import collect, render
from workbench.errors import ParameterError
from workbench.runner.publish import describe_os_error, publish

__all__ = ["Brief", "build"]


@dataclass(frozen=True)
class Brief:
    """The files a brief wrote."""

    html: Path
    pdf: Path
    docx: Path
    figures: Path
    pages: int


def build(
    folders: list[str | Path],
    out: str | Path,
    lang: str = "zh",
    title: str | None = None,
    template: str | Path | None = None,
    sweep: str | None = None,
    outputs: Path | None = None,
) -> Brief:
    """Assemble the brief of ``folders`` into ``out`` (see the module doc).

    With ``sweep`` (the name of the sweep whose runs ``folders`` are), the brief opens with the
    comparison of its runs (what each result spans and the parameter it moves with, a table of
    every run and the sensitivity figure) and then shows the first run in full, not every run
    again; the appendix keeps every run's provenance and the parameters where it differs.

    Raises
    ------
    InputError
        No run given, a folder that is missing, failed or no longer reproduced, or an output
        folder that cannot be written.
    """
    if lang not in ("zh", "en"):
        raise ParameterError(f"--lang {lang}: expected zh or en")
    if not folders:
        raise ParameterError("no runs to brief: give run folders, --sweep NAME or --latest")
    if template is not None and not Path(template).is_file():
        raise ParameterError(f"--template {template}: no such file")
    sections = render._glossed([collect.section(f, lang) for f in folders], lang)
    across, shown, appendix = None, sections, sections
    if sweep is not None and len(sections) > 1:  # one completed run: nothing to compare
        across = collect.across(sweep, lang, outputs)
        if lang == "zh":
            across.findings = render.gloss_first(across.findings)
        shown, appendix = sections[:1], collect.reference_first(sections)
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        tmp = out / f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
    except OSError as exc:
        raise ParameterError(f"-o {out}: {describe_os_error(exc, out)}") from None
    try:
        lead = None
        if across is not None:  # the comparison's figure is figure 1
            lead = {**vars(across), "figure": render.export_chart(across.chart, 1, tmp / "figures")}
        captions = render.export_figures(shown, tmp / "figures", first=2 if lead else 1)
        page = render.html(
            shown, captions, lang, title, Path(template) if template else None, lead, appendix
        )
        (tmp / "brief.html").write_text(page, encoding="utf-8")
        pages = render.pdf(page, tmp / "brief.pdf")
        render.docx(
            shown, captions, lang, title, tmp / "figures", tmp / "brief.docx", lead, appendix
        )
        for name in ("brief.html", "brief.pdf", "brief.docx"):
            os.replace(tmp / name, out / name)
        publish(tmp / "figures", out / "figures")
    except OSError as exc:
        raise ParameterError(f"-o {out}: {describe_os_error(exc, out)}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return Brief(out / "brief.html", out / "brief.pdf", out / "brief.docx", out / "figures", pages)
