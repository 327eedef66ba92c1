"""House style: Chinese renders with the bundled font, and every export format is valid."""

from __future__ import annotations

import json
import warnings
import xml.etree.ElementTree as ET

import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager
from PIL import Image

from workbench import figures


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")
    figures.use_house_style("en")


def test_chinese_title_renders_with_the_bundled_font(tmp_path):
    figures.use_house_style("zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.bar(["北京", "上海"], [125.26, 171.28])
        ax.set_ylabel("亿元")
        figures.save_figure(
            fig,
            "zh",
            title="社会建设支出中财政资金占七成",
            subtitle="北京，2020年",
            source="北京市财政局",
            alt_text="两根柱子",
            folder=tmp_path,
        )
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []
    used = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert used == str(figures.cjk_font_paths()["Regular"])
    assert "Noto Sans SC" in font_manager.FontProperties(fname=used).get_name()


def test_exports_are_valid(tmp_path):
    figures.use_house_style("zh")
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([2019, 2020, 2021], [1.0, 0.96, 1.06])
    cap = figures.save_figure(
        fig,
        "line",
        title="收入先降后升",
        subtitle="全国，2019-2021年",
        source="财政部",
        alt_text="a line",
        synthetic=True,
        folder=tmp_path,
    )
    with Image.open(tmp_path / "line.png") as img:
        assert round(img.info["dpi"][0]) == 300
        assert img.size[0] >= 6 * 300 * 0.9  # 6 inches wide at 300 dpi, give or take the margins
    svg = ET.parse(tmp_path / "line.svg").getroot()
    assert svg.tag.endswith("svg")
    assert not svg.findall(".//{http://www.w3.org/2000/svg}text")  # text drawn as paths
    pdf = (tmp_path / "line.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    assert b"/FontFile2" in pdf  # TrueType embedded (Type 42)
    assert b"NotoSansSC" in pdf
    caption = json.loads((tmp_path / "line.json").read_text(encoding="utf-8"))
    assert caption == cap
    assert figures.SYNTHETIC_LABEL in caption["source"] and caption["synthetic"] is True
    assert caption["language"] == "zh"


def test_language_switches_labels():
    figures.use_house_style("en")
    assert figures.tr("Revenue", "收入") == "Revenue"
    assert figures.source_line("MOF") == "Source: MOF"
    figures.use_house_style("zh")
    assert figures.tr("Revenue", "收入") == "收入"
    assert figures.source_line("财政部", synthetic=True).startswith("来源：示意性合成数据")
    with pytest.raises(ValueError, match="language"):
        figures.use_house_style("fr")


def test_same_figure_gives_same_bytes(tmp_path):
    def draw(folder):
        fig, ax = plt.subplots()
        ax.bar(["a"], [1])
        figures.save_figure(
            fig, "same", title="t", subtitle="s", source="x", alt_text="a", folder=folder
        )
        plt.close(fig)

    draw(tmp_path / "a")
    draw(tmp_path / "b")
    for ext in ("png", "pdf", "svg"):
        assert (tmp_path / "a" / f"same.{ext}").read_bytes() == (
            tmp_path / "b" / f"same.{ext}"
        ).read_bytes(), ext


def test_bad_figure_name_is_refused(tmp_path):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="figure name"):
        figures.save_figure(
            fig, "../x", title="t", subtitle="s", source="x", alt_text="a", folder=tmp_path
        )
