"""Writing a brief: self-contained HTML, a PDF from it (WeasyPrint), Word, and its figures.

The HTML comes from the Jinja2 template ``templates/brief.html.j2`` with the print stylesheet
``templates/brief.css``; a researcher can change either without touching Python (or pass their
own with ``--template``). Figures are embedded as PNG and the bundled font as a subset, so the HTML
fetches nothing and renders Chinese anywhere; the PDF embeds the same font.
"""

from __future__ import annotations

import base64
import dataclasses
import html as html_mod
import re
from datetime import date
from pathlib import Path

from workbench import figures
from workbench.brief.collect import Section
from workbench.glossary import GLOSSES
from workbench.webfont import font_face_css

TEMPLATES = Path(__file__).parent / "templates"

WORDS = {
    "en": {
        "findings": "Key findings",
        "numbers": "Key numbers",
        "number": "Number",
        "value": "Value",
        "run": "Run",
        "figure": "Figure",
        "colon": ": ",
        "methods": "Methods",
        "caveats": "Caveats",
        "appendix": "Appendix: runs and provenance",
        "folder": "Run folder",
        "commit": "Commit",
        "finished": "Finished",
        "parameter_files": "Parameter files",
        "defaults": "defaults",
        "input": "Input file",
        "parameter": "Parameter",
        "unit": "Unit",
        "alt": "Description",
        "synthetic_note": "Some analyses here use illustrative synthetic data: their numbers show "
        "how the methods work, not facts about any place.",
        "title": "Policy brief: urban grassroots governance",
        "across": "Across the scenarios",
        "reference": "First scenario",
        "same_as_first": "Parameters as in the first scenario, except:",
    },
    "zh": {
        "findings": "主要发现",
        "numbers": "关键数字",
        "number": "指标",
        "value": "数值",
        "run": "运行",
        "figure": "图",
        "colon": "：",
        "methods": "方法",
        "caveats": "注意事项",
        "appendix": "附录：运行与来源",
        "folder": "运行文件夹",
        "commit": "代码版本",
        "finished": "完成时间",
        "parameter_files": "参数文件",
        "defaults": "默认参数",
        "input": "输入文件",
        "parameter": "参数",
        "unit": "单位",
        "alt": "图形说明",
        "synthetic_note": "本简报部分分析使用示意性模拟数据：其数字用于说明方法，"
        "并非任何地方的实际情况。",
        "title": "政策简报：城市基层治理",
        "across": "各情景比较",
        "reference": "第一个情景",
        "same_as_first": "参数与第一个情景相同，以下除外：",
    },
}


def gloss_first(texts: list[str]) -> list[str]:
    """Chinese: each glossed abbreviation's first use gets its gloss, ``GDP（国内生产总值）``."""
    seen: set[str] = set()
    out = []
    for text in texts:
        for term, gloss in GLOSSES.items():
            if term in seen:
                continue
            pattern = re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])")
            match = pattern.search(text)
            if match:
                seen.add(term)
                if not text[match.end() :].startswith(f"（{gloss}"):
                    text = text[: match.end()] + f"（{gloss}）" + text[match.end() :]
        out.append(text)
    return out


def _glossed(sections: list[Section], lang: str) -> list[Section]:
    """Sections with each abbreviation glossed where the brief first uses it (Chinese only)."""
    if lang != "zh":
        return sections
    texts: list[str] = []
    for s in sections:
        texts += s.findings
    for s in sections:
        texts += [c.title for c in s.charts] + [s.methods] + s.caveats
    glossed = iter(gloss_first(texts))
    out = [dataclasses.replace(s, findings=[next(glossed) for _ in s.findings]) for s in sections]
    final = []
    for s in out:
        charts = [dataclasses.replace(c, title=next(glossed)) for c in s.charts]
        methods = next(glossed)
        caveats = [next(glossed) for _ in s.caveats]
        final.append(dataclasses.replace(s, charts=charts, methods=methods, caveats=caveats))
    return final


def slug(text: str, limit: int = 60) -> str:
    """A file name from a figure's finding: letters, digits and CJK kept, the rest as '-'."""
    cleaned = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    return cleaned[:limit].strip("-_") or "figure"


def _reuse(run_figures: Path, chart: figures.Chart, name: str, folder: Path) -> dict | None:
    """The run's own files of this chart, copied under the new name, if they are the same chart.

    They are when the run drew it in the same language with the same words: the run's numbers
    were checked equal to the recomputed ones, so the drawing is the same too.
    """
    import json
    import shutil

    try:
        caption = json.loads((run_figures / f"{chart.name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if caption.get("language") != chart.language or caption.get("title") != chart.title:
        return None
    if set(caption.get("files", {})) != {"png", "svg", "pdf"}:
        return None
    files = {}
    for ext, original in caption["files"].items():
        shutil.copyfile(run_figures / original, folder / f"{name}.{ext}")
        files[ext] = f"{name}.{ext}"
    caption = {**chart.caption(), "name": name, "files": files}
    (folder / f"{name}.json").write_text(
        json.dumps(caption, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return caption


def export_chart(
    chart: figures.Chart, number: int, folder: Path, run_figures: Path | None = None
) -> dict:
    """Write one chart as figure ``number`` (PNG at 300 dpi, SVG, PDF), named for its finding.

    The run's own files are reused when they are the same chart (see :func:`_reuse`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{number:02d}_{slug(chart.title)}"
    caption = _reuse(run_figures, chart, name, folder) if run_figures else None
    if caption is None:
        caption = figures.save(dataclasses.replace(chart, name=name), folder)
    png = (folder / caption["files"]["png"]).read_bytes()
    return {**caption, "number": number, "png": base64.b64encode(png).decode()}


def export_figures(sections: list[Section], folder: Path, first: int = 1) -> list[list[dict]]:
    """Every section's charts as figures ``first``, ``first + 1`` ...; their captions."""
    numbers = iter(range(first, first + sum(len(s.charts) for s in sections)))
    return [
        [export_chart(c, next(numbers), folder, s.folder / "figures") for c in s.charts]
        for s in sections
    ]


_STRONG = re.compile(r"\*\*(.+?)\*\*")


def _markdown(text: str) -> str:
    """Inline Markdown to HTML; bold is matched first, since CommonMark's flanking rules leave
    ``**口径。**财政`` (bold ending in Chinese punctuation) unbolded."""
    from markdown_it import MarkdownIt

    escaped = html_mod.escape(text, quote=False)
    marked = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return MarkdownIt("commonmark", {"html": True}).renderInline(marked)


def html(
    sections: list[Section],
    captions: list[list[dict]],
    lang: str,
    title: str | None,
    template: Path | None = None,
    across: dict | None = None,
    appendix: list[Section] | None = None,
) -> str:
    """The brief as one self-contained HTML page.

    ``across`` (a sweep's comparison: ``sweep``, ``findings``, ``table``, ``figure``) comes
    before the sections; ``appendix`` lists the runs whose provenance is shown (default: the
    sections').
    """
    import jinja2

    template = Path(template) if template else TEMPLATES / "brief.html.j2"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template.parent),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
    )
    env.filters["md"] = lambda text: jinja2.utils.markupsafe.Markup(_markdown(text))
    css_file = template.parent / "brief.css"
    css = css_file.read_text(encoding="utf-8") if css_file.is_file() else ""
    words = WORDS[lang]
    context = {
        "title": title or words["title"],
        "date": date.today().isoformat(),
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "words": words,
        "synthetic": any(s.data_kind == "synthetic" for s in sections),
        "sections": [{**s.__dict__, "figures": c} for s, c in zip(sections, captions, strict=True)],
        "across": across,
        "appendix": appendix if appendix is not None else sections,
        "css": css,
        "font_css": "",
    }
    page = env.get_template(template.name).render(**context)
    text = html_mod.unescape(re.sub(r"<[^>]+>|data:[^\"']+", " ", page))
    return page.replace("<style>\n", f"<style>\n{font_face_css(text)}\n", 1)


def pdf(page: str, target: Path) -> int:
    """Write the PDF of the brief's HTML (WeasyPrint; fonts embedded); return its page count."""
    from weasyprint import HTML

    document = HTML(string=page, base_url=str(TEMPLATES)).render()
    document.write_pdf(target)
    return len(document.pages)


def _plain(text: str) -> str:
    return re.sub(r"\*\*|`|__", "", text)


def docx(
    sections: list[Section],
    captions: list[list[dict]],
    lang: str,
    title: str | None,
    folder: Path,
    target: Path,
    across: dict | None = None,
    appendix: list[Section] | None = None,
) -> None:
    """The brief as a Word document: real headings, the key numbers as a table, PNG figures.

    ``across`` and ``appendix`` as in :func:`html`.
    """
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    words = WORDS[lang]
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.name = "Calibri"  # creates the run-font element, then the East Asian face
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    doc.add_heading(title or words["title"], level=0)
    doc.add_paragraph(date.today().isoformat())
    if any(s.data_kind == "synthetic" for s in sections):
        doc.add_paragraph(words["synthetic_note"])
    doc.add_heading(words["findings"], level=1)
    if across:
        doc.add_heading(words["across"], level=2)
        for finding in across["findings"]:
            doc.add_paragraph(_plain(finding), style="List Bullet")
    for s in sections:
        lead = f"{words['reference']}{words['colon']}" if across else ""
        doc.add_heading(f"{lead}{s.title}", level=2)
        for finding in s.findings:
            doc.add_paragraph(_plain(finding), style="List Bullet")
    doc.add_heading(words["numbers"], level=1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Light Grid Accent 1"
    for cell, text in zip(
        table.rows[0].cells, (words["number"], words["value"], words["run"]), strict=True
    ):
        cell.text = text
    for s in sections:
        for n in s.numbers:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = n.label, n.value, n.run

    def figure(cap: dict) -> None:
        doc.add_picture(str(folder / cap["files"]["png"]), width=Cm(16))
        para = doc.add_paragraph(style="Caption")
        para.add_run(f"{words['figure']} {cap['number']}{words['colon']}{cap['title']}")
        doc.add_paragraph(
            f"{cap['subtitle']}. {cap['source']}"
            if lang == "en"
            else f"{cap['subtitle']}。{cap['source']}"
        )

    if across:
        doc.add_heading(words["across"], level=1)
        header, *rows = across["table"]
        grid = doc.add_table(rows=1, cols=len(header))
        grid.style = "Light Grid Accent 1"
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(grid.add_row().cells, row, strict=True):
                cell.text = text
        figure(across["figure"])
    for s, caps in zip(sections, captions, strict=True):
        doc.add_heading(s.title, level=1)
        for cap in caps:
            figure(cap)
        doc.add_heading(words["methods"], level=2)
        doc.add_paragraph(_plain(s.methods))
        doc.add_heading(words["caveats"], level=2)
        for caveat in s.caveats:
            doc.add_paragraph(_plain(caveat), style="List Bullet")
    doc.add_heading(words["appendix"], level=1)
    for i, s in enumerate(appendix if appendix is not None else sections):
        doc.add_heading(f"{s.title} ({s.analysis}/{s.run})", level=2)
        doc.add_paragraph(
            f"{words['commit']}: {s.provenance['commit']}; {words['finished']}: "
            f"{s.provenance['finished']}; {words['folder']}: {s.provenance['folder']}"
        )
        if across and i:
            doc.add_paragraph(words["same_as_first"])
        grid = doc.add_table(rows=1, cols=3)
        grid.style = "Light Grid Accent 1"
        for cell, text in zip(
            grid.rows[0].cells, (words["parameter"], words["value"], words["unit"]), strict=True
        ):
            cell.text = text
        for label, name, value, unit in s.parameters:
            cells = grid.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = f"{label} ({name})", value, unit
    doc.save(target)
