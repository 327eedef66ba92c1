"""What a scenario explorer shows: its chart as an inline PNG at screen resolution, and its number.

Each analysis's ``explore`` module redraws its chart for every move of a lever; the picture is
rendered in memory (nothing is written to the run folder) at :data:`DPI`, light enough to redraw
within a second, and the figure is freed at once.
"""

from __future__ import annotations

import base64
import html
import io

from workbench.figures import Chart

#: Resolution of an explorer's picture (a run's figure files are saved at ``figures.DPI``).
DPI = 100
#: Pixels per inch of a browser's CSS, for the picture's displayed width.
CSS_PX_PER_INCH = 96


def png(chart: Chart, dpi: int = DPI) -> bytes:
    """The chart as PNG bytes at ``dpi``, in memory; the figure is cleared once rendered."""
    buffer = io.BytesIO()
    chart.figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    chart.figure.clear()
    return buffer.getvalue()


def chart_html(chart: Chart, dpi: int = DPI) -> str:
    """``<img class="wb-explorer-chart">`` holding the chart, with its alt text, at its width."""
    width_px = round(chart.figure.get_figwidth() * CSS_PX_PER_INCH)
    alt = html.escape(chart.alt_text, quote=True)
    data = base64.b64encode(png(chart, dpi)).decode("ascii")
    return (
        f'<img class="wb-explorer-chart" src="data:image/png;base64,{data}" alt="{alt}" '
        f'style="width:{width_px}px;max-width:100%">'
    )


def number_html(text: str) -> str:
    """The explorer's key number: ``<p class="wb-explorer-number">``, escaped."""
    return f'<p class="wb-explorer-number">{html.escape(text)}</p>'
