"""What a thin notebook calls to show a result: narration, charts, tables and the key numbers.

A notebook cell reads as one line per thing shown::

    show(charts.revenue_vs_gdp(result, p))
    say(narration.growth(result, p))
    table(tables.growth(result, p))

:func:`show` saves the chart into the run's ``figures/`` folder (or ``outputs/interactive/``
outside a run) and displays it with its alt text; :func:`record` writes ``results.json`` and its
schema once, from the result.
"""

from __future__ import annotations

import base64
import html
from typing import Any

from workbench import results
from workbench.figures import Chart, save


def _display(obj: Any) -> None:
    from IPython.display import display

    display(obj)


def say(markdown: str) -> None:
    """Show a paragraph of Markdown (narration built from the result)."""
    from IPython.display import Markdown

    _display(Markdown(markdown))


def show(chart: Chart) -> dict:
    """Save ``chart`` into this notebook's ``figures/`` folder and display it.

    Returns
    -------
    dict
        The caption record written beside the figure files.
    """
    from IPython.display import HTML

    folder = results.output_dir() / "figures"
    caption = save(chart, folder)
    width_px = round(chart.figure.get_figwidth() * 96)
    chart.figure.clear()  # nothing keeps the figure's memory once it is written
    alt = html.escape(chart.alt_text)
    if "png" in caption["files"]:
        data = base64.b64encode((folder / caption["files"]["png"]).read_bytes()).decode("ascii")
        body = (
            f'<img src="data:image/png;base64,{data}" alt="{alt}" '
            f'style="width:{width_px}px;max-width:100%">'
        )
    else:  # a sweep asked for no figure files (--figures none): the description stands in
        body = f"<figcaption><b>{html.escape(chart.title)}</b> {alt}</figcaption>"
    _display(HTML(f'<figure class="wb-figure" style="margin:0 0 1em 0">{body}</figure>'))
    return caption


def table(frame: Any, caption: str | None = None) -> None:
    """Show a table (a DataFrame with human headers and formatted values), without its index."""
    styler = frame.style.hide(axis="index")
    if caption:
        styler = styler.set_caption(caption)
    _display(styler)


def record(result: Any) -> dict[str, Any]:
    """Write the result's key numbers (``result.numbers``, declared in ``result.KEYS``)."""
    return results.write(result.numbers, result.KEYS)
