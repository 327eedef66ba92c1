"""``report.html``: the executed notebook for reading, in the run's language, with its font.

Code cells are hidden; prose cells of the other language (tagged ``lang-en`` / ``lang-zh``) are
dropped, and so are interactive widgets (a scenario explorer's default state stays, as HTML); a
header names the analysis, the run, its parameter set, date and commit; the bundled Chinese font
is embedded, so the report renders the same on any machine.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from workbench.webfont import font_face_css

_LABELS = {
    "en": ("Run", "Parameters", "Finished", "Commit", "defaults", "uncommitted changes"),
    "zh": ("运行", "参数", "完成时间", "代码版本", "默认参数", "含未提交的修改"),
}
_WIDGET = "application/vnd.jupyter.widget-view+json"
_CSS = """
:root { --jp-content-font-family: 'Noto Sans SC', system-ui, sans-serif;
        --jp-ui-font-family: 'Noto Sans SC', system-ui, sans-serif; }
body { font-family: 'Noto Sans SC', system-ui, sans-serif; max-width: 62rem; margin: 0 auto; }
.jp-RenderedHTMLCommon table { font-size: 0.85rem; display: block; overflow-x: auto;
        max-width: 100%; }
.wb-run { border-left: 4px solid #0072B2; padding: 0.4rem 0.8rem; margin: 1rem 0;
        background: #f4f8fb; font-size: 0.9rem; }
.wb-run dt { font-weight: 700; float: left; width: 7rem; }
.wb-run dd { margin-left: 7.5rem; }
"""


def title(analysis: str, run: str, language: str) -> str:
    """The page title: the analysis's name and the run's."""
    from workbench import params

    model = params.model_for(analysis) if analysis in params.ANALYSES else None
    en, zh = model.TITLE if model is not None else ("", "")
    name = (zh if language == "zh" else en) or analysis
    return f"{name} — {run}"


def header(provenance: dict, language: str) -> str:
    """The run block at the top of the report."""
    run, files, finished, commit, defaults, dirty = _LABELS[language]
    sets = ", ".join(Path(f).name for f in provenance.get("parameter_files", [])) or defaults
    flags = provenance.get("parameter_flags") or []
    if flags:
        sets += "; " + " ".join(f"-p {f}" for f in flags)
    version = (provenance.get("git_commit") or "")[:12] or "-"
    if provenance.get("git_dirty"):
        version += f" ({dirty})"
    rows = [
        (run, f"{provenance['analysis']}/{provenance['run']}"),
        (files, sets),
        (finished, provenance.get("finished", "")),
        (commit, version),
    ]
    items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in rows)
    return f'<dl class="wb-run">{items}</dl>'


@functools.cache
def exporter():
    """nbconvert's HTML exporter without code, made once: a fast run's parent makes it, so each
    forked child starts with its templates compiled."""
    from nbconvert import HTMLExporter

    made = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    made.template  # compile the templates now  # noqa: B018
    return made


def warm() -> None:
    """Export a small notebook once, so that a forked run's report finds nbconvert ready.

    Making the exporter compiles its main template only; the templates it includes, the
    notebook validator and the CSS selectors of its filters are compiled on the first export
    (about 0.25 s of a run's report here).
    """
    import nbformat

    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("x")
    code.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="1\n"),
        nbformat.v4.new_output(
            "display_data", data={"text/html": "<table><tr><td>1</td></tr></table>"}
        ),
        nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=1),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# *warm*"), code]
    exporter().from_notebook_node(nb, resources={"metadata": {"name": "warm"}})


def write(notebook: Path, target: Path, provenance: dict, language: str) -> None:
    """Write ``report.html`` for an executed notebook."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    other = "lang-zh" if language == "en" else "lang-en"
    nb.cells = [c for c in nb.cells if other not in c.metadata.get("tags", [])]
    nb.metadata.pop("widgets", None)  # saved widget state would make nbconvert fetch its code
    for cell in nb.cells:  # a widget needs a live kernel; its default state is shown as HTML
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if _WIDGET not in o.get("data", {})]
    first = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"), 0)
    block = nbformat.v4.new_markdown_cell(header(provenance, language))
    nb.cells.insert(first + 1, block)
    name = title(provenance["analysis"], provenance["run"], language)
    body, _ = exporter().from_notebook_node(nb, resources={"metadata": {"name": name}})
    style = f"<style>{font_face_css(body)}\n{_CSS}</style>"
    body = body.replace("</head>", f"{style}\n</head>", 1)
    lang = "zh-CN" if language == "zh" else "en"
    body = re.sub(r"<html[^>]*>", f'<html lang="{lang}">', body, count=1)
    target.write_text(body, encoding="utf-8")
