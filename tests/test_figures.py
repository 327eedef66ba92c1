"""House style: fixed print widths, wrapped titles, bundled Chinese font, valid exports."""

from __future__ import annotations

import json
import warnings
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib import font_manager
from PIL import Image

from workbench import figures

LONG_EN = (
    "Spending exceeded own revenue every year from 2012 to 2024, and self-sufficiency fell from "
    "85.5% to 77.0% while the gap widened to 8.6 trillion yuan"
)
LONG_ZH = (
    "2012-2024年支出年年超过本级收入；财政自给率由85.5%降至77.0%，缺口扩大到8.6万亿元，差距持续扩大"
)


def make(lang="zh", width="full", title=None, source="财政部", synthetic=False):
    fig, ax = figures.figure(width, 2.5)
    ax.bar(["北京", "上海"], [125.26, 171.28])
    ax.set_ylabel("亿元")
    return figures.chart(
        fig,
        "bars",
        title=title or "社会建设支出中财政资金占七成",
        subtitle="北京，2020年",
        source=source,
        alt_text="两根柱子",
        synthetic=synthetic,
        lang=lang,
    )


def test_chinese_renders_with_the_bundled_font(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figures.save(make(), tmp_path)
    assert [str(w.message) for w in caught if "missing from" in str(w.message)] == []
    paths = figures.cjk_font_paths()
    used = font_manager.findfont(font_manager.FontProperties(family=figures.COMMON_FAMILY))
    assert used == str(paths["Common-Regular"])
    assert font_manager.findfont(figures.FONT_FAMILY) == str(paths["Regular"])


def test_a_rare_character_falls_back_to_the_full_font(tmp_path):
    fig, ax = figures.figure("half", 1.5)
    ax.set_title("濮阳 𬌗")  # U+2C317 lies outside GB 2312
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "rare.pdf")
    assert [str(w.message) for w in caught if "missing from" in str(w.message)] == []
    pdf = (tmp_path / "rare.pdf").read_bytes()
    assert b"NotoSansSCCommon-Regular" in pdf and b"NotoSansSC-Regular" in pdf


@pytest.mark.parametrize("width", ["full", "half"])
@pytest.mark.parametrize("title", [LONG_EN, LONG_ZH, "Short"])
def test_width_is_fixed_whatever_the_title(tmp_path, width, title):
    chart = make("en", width, title=title, source="x " * 200)
    figures.save(chart, tmp_path)
    with Image.open(tmp_path / "bars.png") as img:
        assert img.size[0] == int(figures.WIDTHS[width] * figures.DPI)
        assert round(img.info["dpi"][0]) == 300
    assert chart.width == width


def test_long_titles_wrap_within_the_width():
    fig, _ = figures.figure("half", 2)
    for text in (LONG_EN, LONG_ZH):
        lines = figures.wrap(text, fig, figures.TITLE_PT, "bold")
        assert len(lines) > 1 and "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line[0] in "，。；" for line in lines[1:])


def _greedy(tokens, fits):
    """Line breaking one token at a time, as figures.wrap measured before it searched."""
    lines, line = [], ""
    for token in tokens:
        if line and not fits(line + token):
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


_PIECES = [
    "收入",
    "财政自给率",
    "，",
    "8.6万亿元",
    "2012-2024年",
    " ",
    "  ",
    "the ",
    "gap ",
    "self-sufficiency ",
    "85.5% ",
    "W",
    ".",
    "Illustrative synthetic data; ",
    "澎湃新闻",
]


@given(
    tokens=st.lists(st.sampled_from(_PIECES), max_size=80),
    widths=st.dictionaries(st.characters(codec="utf-8"), st.integers(0, 9)),
    limit=st.integers(0, 120),
)
def test_breaking_searches_out_the_greedy_breaks(tokens, widths, limit):
    def fits(s):  # any width that grows with the string (a glyph may be empty)
        return sum(widths.get(ch, 3) for ch in s.rstrip()) <= limit

    assert figures._break(tokens, fits) == _greedy(tokens, fits)


@settings(max_examples=25, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=60),
    size=st.sampled_from([figures.TITLE_PT, figures.SOURCE_PT]),
    weight=st.sampled_from(["normal", "bold"]),
    width_in=st.sampled_from([0.9, 2.0, 6.0]),
)
def test_breaking_measured_text_finds_the_greedy_breaks(pieces, size, weight, width_in):
    fig, _ = figures.figure("half", 2)
    renderer = fig.canvas.get_renderer()
    prop = font_manager.FontProperties(family="sans-serif", size=size, weight=weight)

    def fits(s):  # as figures.wrap measures: FreeType's ink box at the export resolution
        return renderer.get_text_width_height_descent(s.rstrip(), prop, False)[0] <= width_in * 300

    tokens = figures._tokens("".join(pieces))
    assert figures._break(tokens, fits) == _greedy(tokens, fits)


def test_a_chinese_name_in_an_english_line_is_never_broken():
    fig, _ = figures.figure("half", 2)
    text = "Source: Illustrative synthetic data; quotation of 易臻真, 澎湃新闻 (The Paper), " * 3
    lines = figures.wrap(text, fig, figures.SOURCE_PT)
    assert len(lines) > 2
    for line in lines:
        for name in ("易臻真", "澎湃新闻"):
            assert not any(name[:k] in line and name not in line for k in (2, 3)), line
        assert not line.startswith(("臻", "真", "湃", "新", "闻")), line


def test_exports_are_valid_and_captioned(tmp_path):
    cap = figures.save(make(synthetic=True), tmp_path)
    svg = ET.parse(tmp_path / "bars.svg").getroot()
    assert svg.tag.endswith("svg")
    assert not svg.findall(".//{http://www.w3.org/2000/svg}text")  # text drawn as paths
    pdf = (tmp_path / "bars.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    assert b"/FontFile2" in pdf and b"NotoSansSC" in pdf  # TrueType embedded (Type 42)
    caption = json.loads((tmp_path / "bars.json").read_text(encoding="utf-8"))
    assert caption == cap
    assert caption["source"] == "来源：示意性模拟数据；财政部"
    assert caption["synthetic"] is True and caption["language"] == "zh"
    assert caption["files"] == {"png": "bars.png", "svg": "bars.svg", "pdf": "bars.pdf"}


def test_source_line_in_both_languages():
    assert figures.source_line("MOF", False, "en") == "Source: MOF"
    assert figures.source_line("MOF", True, "en") == "Source: Illustrative synthetic data; MOF"
    assert figures.source_line("", True, "zh") == "来源：示意性模拟数据"
    assert figures.tr("zh", "Revenue", "收入") == "收入"
    with pytest.raises(ValueError, match="language"):
        figures.tr("fr", "a", "b")


def test_same_figure_gives_same_bytes(tmp_path):
    figures.save(make(), tmp_path / "a")
    figures.save(make(), tmp_path / "b")
    for ext in ("png", "pdf", "svg"):
        assert (tmp_path / "a" / f"bars.{ext}").read_bytes() == (
            tmp_path / "b" / f"bars.{ext}"
        ).read_bytes(), ext


@pytest.mark.parametrize("forked", [False, True])
@pytest.mark.parametrize("autolayout", [False, True])
def test_formats_after_the_first_keep_the_first_formats_layout(
    tmp_path, monkeypatch, autolayout, forked
):
    # save() solves the layout once, for the PNG, then removes the layout engine so SVG and PDF
    # are drawn once each; they must be the bytes of the same figure drawn with the layout kept
    # by a placeholder engine (the slower way), whatever a user's matplotlibrc says (autolayout
    # would otherwise bring a tight layout back), and the figure's own engine must come back
    import matplotlib

    drawn = make()  # figure() resets the rcParams to the house style; a cell may change them
    engine = drawn.figure.get_layout_engine()
    if forked:  # SVG and PDF written in a forked process, as a run alone on the machine does
        monkeypatch.setenv(figures.EXPORT_FORK, "1")
    with matplotlib.rc_context({"figure.autolayout": autolayout}):
        figures.save(drawn, tmp_path)
    figures.wait_exports()
    assert drawn.figure.get_layout_engine() is engine
    kept = make()
    for ext in ("png", "svg", "pdf"):
        kept.figure.savefig(
            tmp_path / f"kept.{ext}",
            format=ext,
            dpi=figures.DPI,
            metadata=figures._metadata(ext, kept.title),
        )
        kept.figure.set_layout_engine("none")
    for ext in ("png", "svg", "pdf"):
        assert (tmp_path / f"kept.{ext}").read_bytes() == (tmp_path / f"bars.{ext}").read_bytes(), (
            ext
        )


def test_bad_name_width_or_empty_text_is_refused():
    fig, _ = figures.figure()
    with pytest.raises(ValueError, match="figure name"):
        figures.chart(
            fig,
            "../x",
            title="t",
            subtitle="s",
            source="x",
            alt_text="a",
            synthetic=False,
            lang="en",
        )
    with pytest.raises(ValueError, match="must not be empty"):
        figures.chart(
            fig, "x", title="t", subtitle="s", source="x", alt_text=" ", synthetic=False, lang="en"
        )
    with pytest.raises(ValueError, match="width"):
        figures.figure("wide")


def test_a_pdf_from_the_subset_cache_equals_one_without_it(tmp_path, monkeypatch):
    from matplotlib.backends import _backend_pdf_ps as pdfps

    figures.use_house_style()
    cached = pdfps.get_glyphs_subset
    assert cached.workbench_cache
    title = f"缓存测试 {tmp_path.name}"  # a glyph set of its own: the first save is a miss

    def pdf(name: str) -> bytes:
        chart = make(title=title)
        chart.figure.savefig(tmp_path / name, format="pdf", metadata={"CreationDate": None})
        return (tmp_path / name).read_bytes()

    miss, hit = pdf("miss.pdf"), pdf("hit.pdf")
    monkeypatch.setattr(pdfps, "get_glyphs_subset", cached.original)
    assert miss == hit == pdf("plain.pdf")
