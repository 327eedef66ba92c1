"""Tests of workbench.screen: an explorer's chart as an inline PNG, and its key number."""

from __future__ import annotations

import base64
import re

import pytest

from workbench import figures, screen


def _chart(alt: str = 'bars "a" < b') -> figures.Chart:
    fig, ax = figures.figure("full", 2)
    ax.bar([0, 1], [1, 2])
    return figures.chart(
        fig, "bars", title="T", subtitle="S", source="x", alt_text=alt, synthetic=True, lang="en"
    )


def test_the_png_is_rendered_in_memory_at_screen_resolution():
    drawn = _chart()
    width = drawn.figure.get_figwidth()
    data = screen.png(drawn)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == pytest.approx(width * screen.DPI, abs=2)
    assert not drawn.figure.axes  # cleared once rendered


def test_chart_html_embeds_the_picture_with_its_alt_text_and_width():
    drawn = _chart()
    width_px = round(drawn.figure.get_figwidth() * screen.CSS_PX_PER_INCH)
    tag = screen.chart_html(drawn)
    assert tag.startswith('<img class="wb-explorer-chart" src="data:image/png;base64,')
    assert 'alt="bars &quot;a&quot; &lt; b"' in tag and f"width:{width_px}px" in tag
    data = re.search(r"base64,([^\"]+)", tag).group(1)
    assert base64.b64decode(data)[:4] == b"\x89PNG"


def test_number_html_escapes():
    assert screen.number_html("a < b") == '<p class="wb-explorer-number">a &lt; b</p>'
