"""Briefs from real runs of all four analyses, in both languages: every file, page and number."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import pytest
from PIL import Image

from conftest import workbench_cli
from workbench import brief, glossary
from workbench.brief import collect, render

ANALYSES = [
    "fiscal_pressure",
    "funding_distribution",
    "turnover_drivers",
    "tech_cost_effectiveness",
]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["en", "zh"])
def made(request, default_runs, tmp_path_factory):
    lang = request.param
    folders = [default_runs[a] for a in ANALYSES]
    out = tmp_path_factory.mktemp(f"brief-{lang}")
    result = brief.build(folders, out, lang)
    sections = [collect.section(f, lang) for f in folders]
    return lang, result, sections, out


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_every_file_is_written(made):
    lang, result, sections, out = made
    for path in (result.html, result.pdf, result.docx):
        assert path.is_file() and path.stat().st_size > 10_000
    captions = sorted(out.glob("figures/*.json"))
    assert len(captions) == sum(len(s.charts) for s in sections) >= 4
    for cap in captions:
        for ext in ("png", "svg", "pdf"):
            assert cap.with_suffix(f".{ext}").is_file(), cap
        with Image.open(cap.with_suffix(".png")) as img:
            assert round(img.info["dpi"][0]) == 300
        data = json.loads(cap.read_text(encoding="utf-8"))
        assert data["language"] == lang and data["alt_text"]
        assert cap.stem.split("_", 1)[1] == render.slug(data["title"])  # named for its finding
    assert not list(out.glob(".tmp-*"))


def test_the_pdf_holds_its_numbers_title_and_fonts(made):
    lang, result, sections, out = made
    assert 8 <= result.pages <= 40
    text = re.sub(r"\s+", "", pdf_text(result.pdf))
    for s in sections:
        for number in s.numbers:
            assert re.sub(r"\s+", "", number.value) in text, (number.label, number.value)
    title = render.WORDS[lang]["title"]
    assert re.sub(r"\s+", "", title) in text
    fonts = subprocess.run(
        ["pdffonts", str(result.pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb column
    assert any("Noto" in line for line in fonts)


def test_the_first_page_is_not_blank(made, tmp_path):
    lang, result, _, _ = made
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            str(result.pdf),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    page = next(tmp_path.glob("p*.png"))
    with Image.open(page) as img:
        grey = img.convert("L")
        dark = sum(1 for v in grey.get_flattened_data() if v < 128)
        assert dark > 0.005 * grey.width * grey.height


def test_the_html_is_self_contained_and_the_chinese_complete(made):
    lang, result, sections, _ = made
    page = result.html.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']https?://|url\(["']?https?://""", page)
    assert "@font-face" in page and page.count("data:image/png;base64,") >= 4
    if lang == "zh":
        body = re.sub(r"<code>.*?</code>|<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)
        body = html.unescape(body)
        assert glossary.latin_words(body) == []
        assert "GDP（国内生产总值）" in body  # glossed where first used
    else:
        body = re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)
        for s in sections:
            assert s.findings[0].split("**")[-1][:20].strip() in html.unescape(body)


def test_the_word_document_has_headings_and_the_numbers_table(made):
    from docx import Document

    lang, result, sections, _ = made
    doc = Document(result.docx)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert render.WORDS[lang]["numbers"] in headings and render.WORDS[lang]["findings"] in headings
    numbers = doc.tables[0]
    assert len(numbers.rows) == 1 + sum(len(s.numbers) for s in sections)
    assert len(doc.inline_shapes) == sum(len(s.charts) for s in sections)


def test_a_run_the_code_no_longer_reproduces_is_refused(default_runs, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(default_runs["funding_distribution"], copy)
    numbers = json.loads((copy / "results.json").read_text())
    numbers["gini_scale"] = 0.5
    (copy / "results.json").write_text(json.dumps(numbers))
    proc = workbench_cli("brief", str(copy), "-o", str(tmp_path / "b"))
    assert proc.returncode == 2, proc.stderr
    assert "no longer reproduces this run's results" in proc.stderr and str(copy) in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "b" / "brief.pdf").exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_sweep_brief_opens_with_the_comparison_and_shows_the_first_run_once(tmp_path, lang):
    import io

    from docx import Document

    from workbench import compare, sweep

    spec = tmp_path / "shock.yaml"
    spec.write_text(
        "analysis: funding_distribution\ngrid:\n  threshold: [0.7, 0.9]\n  cut_max: [0.3, 0.5]\n"
        "  n_boot: [0]\nname: t{threshold}_c{cut_max}\n"
    )
    outputs = tmp_path / "out"
    swept = sweep.run(spec, workers=2, figures="none", outputs=outputs, stream=io.StringIO())
    assert not swept.failed
    out = tmp_path / "brief"
    proc = workbench_cli(
        "brief", "--sweep", "shock", "--outputs", str(outputs), "--lang", lang, "-o", str(out)
    )
    assert proc.returncode == 0 and "from 4 runs" in proc.stdout, proc.stderr
    table = compare.table([str(swept.home)], outputs=outputs)
    header, *rows = compare.text_table(table, lang)
    first = collect.section(swept.results[rows[0][0]].path, lang)
    text = re.sub(r"\s+", "", pdf_text(out / "brief.pdf"))
    for row in rows:  # every run's varied parameters and results, with their units
        for value in row:
            assert re.sub(r"\s+", "", value) in text, (row[0], value)
    for finding in compare.findings(table, lang):
        assert re.sub(r"\s+|\*\*", "", finding)[:30] in text
    for number in first.numbers:
        assert re.sub(r"\s+", "", number.value) in text
    page = (out / "brief.html").read_text(encoding="utf-8")
    # the comparison's figure, then the first run's figures: not every run's again
    assert page.count("data:image/png;base64,") == 1 + len(first.charts)
    assert page.count(f"<h2>{first.title}</h2>") == 1
    for row in rows:  # every run's provenance stays in the appendix
        assert f"({first.analysis}/{row[0]})" in page
    doc = Document(out / "brief.docx")
    assert len(doc.inline_shapes) == 1 + len(first.charts)
    assert render.WORDS[lang]["across"] in [p.text for p in doc.paragraphs]
    if lang == "zh":
        body = re.sub(r"<code>.*?</code>|<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)
        assert glossary.latin_words(html.unescape(body)) == []
