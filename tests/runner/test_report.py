"""report.html: the run's language only, a header naming the run, the font embedded."""

from __future__ import annotations

import base64
import re

import nbformat

from workbench.runner import report

PROV = {
    "analysis": "fiscal_pressure",
    "run": "default",
    "parameter_files": ["parameters/fiscal_pressure/reading_to.yaml"],
    "parameter_flags": ["start_year=2015"],
    "finished": "2026-12-01T20:00:00+00:00",
    "git_commit": "0123456789abcdef",
    "git_dirty": True,
}


def notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    for text, tag in (("# Fiscal pressure", "lang-en"), ("# 财政压力", "lang-zh")):
        cell = nbformat.v4.new_markdown_cell(text)
        cell.metadata["tags"] = [tag]
        nb.cells.append(cell)
    code = nbformat.v4.new_code_cell("secret_code = 1")
    code.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<p>收入增长</p>"})]
    nb.cells.append(code)
    path = tmp_path / "notebook.ipynb"
    nbformat.write(nb, path)
    return path


def test_report_keeps_one_language_and_names_the_run(tmp_path):
    for lang, kept, dropped in (
        ("en", "Fiscal pressure", "财政压力"),
        ("zh", "财政压力", "Fiscal"),
    ):
        target = tmp_path / f"report-{lang}.html"
        report.write(notebook(tmp_path), target, PROV, lang)
        html = target.read_text(encoding="utf-8")
        body = html.split("<body", 1)[1]
        assert kept in body and dropped not in body.split('class="wb-run"')[0]
        assert "secret_code" not in html  # code hidden
        assert "reading_to.yaml; -p start_year=2015" in html and "0123456789ab" in html
        assert "fiscal_pressure/default" in html
    assert "<title>财政压力：财政收入、经济增长与基层治理支出 — default</title>" in html


def test_report_embeds_the_font_it_needs(tmp_path):
    target = tmp_path / "r.html"
    report.write(notebook(tmp_path), target, PROV, "zh")
    html = target.read_text(encoding="utf-8")
    fonts = re.findall(r"src:url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)", html)
    assert len(fonts) == 2  # Regular and Bold
    import io

    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(base64.b64decode(fonts[0])))
    cmap = font.getBestCmap()
    assert all(ord(ch) in cmap for ch in "收入增长财政压力")
    assert len(base64.b64decode(fonts[0])) < 400_000  # a subset, not the 10 MB font
    assert 'lang="zh-CN"' in html
