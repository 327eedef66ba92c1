"""House style for policy-brief figures, bundled CJK font, and export with source notes.

The style (DESIGN.md): the title states the finding; the subtitle says what, where, when and units;
a source line names the data ("Illustrative synthetic data" where so); the Okabe-Ito colour-blind
safe palette; bars start at zero; direct labels over legends; no dual axes. Chinese renders with
Noto Sans SC (SIL Open Font Licence 1.1), which arrives with the install through the PyPI package
``justmytype-intl-cjk``; no system font is assumed. The package ships the variable font, whose
default instance is Thin, so a static Regular and Bold are instanced once with fontTools and cached.

Every figure is written as PNG (300 dpi), SVG (text as paths), PDF (TrueType, Type 42, embedded)
and a JSON caption with title, subtitle, source, alt text and whether the data are synthetic.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.transforms import offset_copy

from workbench.results import output_dir

#: Okabe & Ito (2008) colour-blind safe palette (black omitted).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
FONT_FAMILY = "Noto Sans SC"
SYNTHETIC_LABEL = "Illustrative synthetic data"
DPI = 300

Language = Literal["zh", "en"]
_state: dict[str, str] = {"language": "en"}

_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "workbench" / "fonts"
_WEIGHTS = {"Regular": 400, "Bold": 700}


def _variable_font() -> Path:
    import justmytype_intl_cjk

    root = Path(justmytype_intl_cjk.__file__).parent / "fonts" / "ofl" / "notosanssc"
    return root / "NotoSansSC[wght].ttf"


def cjk_font_paths() -> dict[str, Path]:
    """Static Noto Sans SC Regular and Bold (TrueType), instanced once from the bundled font.

    Returns
    -------
    dict
        ``{"Regular": path, "Bold": path}`` in the user cache (``$XDG_CACHE_HOME/workbench``).
    """
    source = _variable_font()
    paths = {}
    for style, weight in _WEIGHTS.items():
        target = _CACHE / f"NotoSansSC-{style}.ttf"
        if not target.exists():
            from fontTools.ttLib import TTFont
            from fontTools.varLib import instancer

            _CACHE.mkdir(parents=True, exist_ok=True)
            font = instancer.instantiateVariableFont(
                TTFont(source), {"wght": weight}, updateFontNames=True
            )
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            font.save(tmp)
            tmp.replace(target)  # atomic: a concurrent run never sees half a font
        paths[style] = target
    return paths


def use_house_style(language: Language = "en") -> None:
    """Apply the house style to matplotlib and set the label language (``zh`` or ``en``)."""
    if language not in ("zh", "en"):
        raise ValueError(f"language must be 'zh' or 'en', got {language!r}")
    _state["language"] = language
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for file in cjk_font_paths().values():
        if str(file) not in known:
            font_manager.fontManager.addfont(str(file))
    plt.rcdefaults()
    plt.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
            "axes.unicode_minus": False,  # the CJK font has no U+2212 in every weight
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "grid.color": "#dddddd",
            "axes.titlelocation": "left",
            "figure.dpi": 100,
            "figure.figsize": (8, 5),
            "savefig.dpi": DPI,
            "savefig.bbox": "tight",
            "svg.fonttype": "path",
            "svg.hashsalt": "workbench",  # stable element ids: same figure, same bytes
            "pdf.fonttype": 42,
            "legend.frameon": False,
        }
    )


def language() -> Language:
    """The current label language."""
    return _state["language"]  # type: ignore[return-value]


def tr(en: str, zh: str) -> str:
    """Pick the label for the current language: ``tr("Revenue", "收入")``."""
    return zh if _state["language"] == "zh" else en


def source_line(source: str, synthetic: bool = False) -> str:
    """The source note printed under a figure; synthetic data always say so, in English too."""
    prefix = tr("Source: ", "来源：")
    if synthetic:
        label = tr(SYNTHETIC_LABEL, f"示意性合成数据（{SYNTHETIC_LABEL}）")
        return f"{prefix}{label}" + (f"; {source}" if source else "")
    return f"{prefix}{source}"


def save_figure(
    fig: matplotlib.figure.Figure,
    name: str,
    *,
    title: str,
    subtitle: str,
    source: str,
    alt_text: str,
    synthetic: bool = False,
    folder: Path | None = None,
) -> dict:
    """Title, subtitle and source the figure, then write PNG, SVG, PDF and a JSON caption.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, already drawn (axes labelled with units, bars from zero).
    name : str
        File stem, e.g. ``"revenue_vs_gdp"``; letters, digits, ``-`` and ``_`` only.
    title : str
        The finding, in one sentence.
    subtitle : str
        What, where, when and units.
    source : str
        The data's source; ``synthetic=True`` prefixes "Illustrative synthetic data".
    alt_text : str
        A description for readers who cannot see the figure.
    synthetic : bool
        Whether any plotted number comes from synthetic data.
    folder : path, optional
        Where to write; default ``figures/`` in the run's output folder.

    Returns
    -------
    dict
        The caption record (also written as ``<name>.json``), with the file names written.
    """
    if not name or not all(c.isalnum() or c in "-_" for c in name):
        raise ValueError(f"figure name must be letters, digits, '-' or '_': {name!r}")
    folder = Path(folder) if folder else output_dir() / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    note = source_line(source, synthetic)
    fig.tight_layout()

    def at(dy_points: float):
        return offset_copy(fig.transFigure, fig=fig, y=dy_points, units="points")

    fig.text(
        0.01, 1, title, transform=at(24), ha="left", va="bottom", fontsize=14, fontweight="bold"
    )
    fig.text(
        0.01, 1, subtitle, transform=at(8), ha="left", va="bottom", fontsize=10, color="#444444"
    )
    fig.text(0.01, 0, note, transform=at(-6), ha="left", va="top", fontsize=8, color="#555555")
    files = {}
    for ext in ("png", "svg", "pdf"):
        target = folder / f"{name}.{ext}"
        fig.savefig(target, format=ext, dpi=DPI, metadata=_metadata(ext, title))
        files[ext] = target.name
    caption = {
        "name": name,
        "title": title,
        "subtitle": subtitle,
        "source": note,
        "alt_text": alt_text,
        "synthetic": synthetic,
        "language": language(),
        "files": files,
    }
    (folder / f"{name}.json").write_text(
        json.dumps(caption, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return caption


def _metadata(ext: str, title: str) -> dict:
    """Deterministic file metadata: no creation dates, so the same figure gives the same bytes."""
    if ext == "png":
        return {"Title": title, "Software": None}
    if ext == "pdf":
        return {"Title": title, "CreationDate": None, "Creator": None, "Producer": None}
    return {"Title": title, "Date": None, "Creator": None}
