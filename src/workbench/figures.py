"""House style for policy-brief figures: fixed print widths, wrapped titles, bundled CJK font.

The style: the title states the finding; the subtitle says what, where, when and units; a source
line names the data ("Illustrative synthetic data" / "示意性模拟数据" where so); the Okabe-Ito
colour-blind safe palette; bars start at zero; direct labels over legends; no dual axes.

Every figure is one of two widths, a full 16 cm column (:data:`FULL`) or half of one
(:data:`HALF`), so its text prints at one size; titles, subtitles and source lines wrap to the
width instead of widening the canvas. Chinese renders with Noto Sans SC (SIL Open Font Licence
1.1), which arrives with the install through the PyPI package ``justmytype-intl-cjk``; no system
font is assumed. That package ships the variable font, whose default instance is Thin, so a static
Regular and Bold are instanced once with fontTools and cached.

A chart function draws on :func:`figure` and returns :func:`chart`'s :class:`Chart`; :func:`save`
writes it as PNG (300 dpi), SVG (text as paths), PDF (TrueType, Type 42, embedded) and a JSON
caption with title, subtitle, source, alt text and whether the data are synthetic.
"""

from __future__ import annotations

import json
import os
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from workbench.paths import CACHE_DIR

#: Okabe & Ito (2008) colour-blind safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
GREY = "#666666"
FONT_FAMILY = "Noto Sans SC"
COMMON_FAMILY = "Noto Sans SC Common"  # its GB 2312 subset, tried first (see cjk_font_paths)
SYNTHETIC_LABEL = "Illustrative synthetic data"
SYNTHETIC_LABEL_ZH = "示意性模拟数据"
DPI = 300
FULL = 16 / 2.54  # inches: a 16 cm text column
HALF = 7.8 / 2.54  # inches: half a column, with a gutter
WIDTHS = {"full": FULL, "half": HALF}
FORMATS = {"all": ("png", "svg", "pdf"), "png": ("png",), "none": ()}
export_seconds = [0.0]  # time this process spent in save(), for the runner's timings
TITLE_PT, SUBTITLE_PT, BODY_PT, SOURCE_PT = 10.5, 8.5, 8.0, 7.0
_MARGIN = 0.06  # inches around the header and footer text

Lang = Literal["zh", "en"]
Width = Literal["full", "half"]

_FONT_CACHE = CACHE_DIR / "fonts"
_WEIGHTS = {"Regular": 400, "Bold": 700}
_STYLE = {
    # A list, so that a character missing from the common subset falls back to the full font.
    "font.family": [COMMON_FAMILY, FONT_FAMILY, "DejaVu Sans"],
    "font.sans-serif": [COMMON_FAMILY, FONT_FAMILY, "DejaVu Sans"],
    "font.size": BODY_PT,
    "axes.titlesize": BODY_PT + 0.5,
    "axes.labelsize": BODY_PT,
    "xtick.labelsize": BODY_PT - 0.5,
    "ytick.labelsize": BODY_PT - 0.5,
    "legend.fontsize": BODY_PT - 0.5,
    "axes.unicode_minus": False,  # the CJK font has no U+2212 in every weight
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.linewidth": 0.6,
    "lines.linewidth": 1.6,
    "axes.titlelocation": "left",
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "svg.fonttype": "path",
    "svg.hashsalt": "workbench",  # stable element ids: same figure, same bytes
    "pdf.fonttype": 42,
    "legend.frameon": False,
}


def _variable_font() -> Path:
    import justmytype_intl_cjk

    root = Path(justmytype_intl_cjk.__file__).parent / "fonts" / "ofl" / "notosanssc"
    return root / "NotoSansSC[wght].ttf"


def _common_characters() -> list[int]:
    """Code points of GB 2312 (6,763 hanzi and 682 symbols) and of Latin, Greek and symbols."""
    points = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes([lead, trail]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    for low, high in _RANGES:
        points.update(range(low, high + 1))
    return sorted(points)


_RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x17F),  # Latin-1 and Latin Extended-A
    (0x370, 0x3FF),  # Greek
    (0x2000, 0x22FF),  # punctuation, super/subscripts, currency, letterlike, arrows, maths
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # full-width forms
)


def _save_atomic(font, target: Path) -> None:
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    font.save(tmp)
    tmp.replace(target)  # atomic: a concurrent run never sees half a font


def _common_subset(full: Path, target: Path, style: str) -> None:
    """The glyphs of :func:`_common_characters`, under its own family name.

    With a quarter of the glyphs and no layout tables (GSUB, GPOS, GDEF, BASE), a PDF export
    subsets the font several times faster. The text the workbench draws shapes the same without
    them (a test compares the full font); only FreeType's auto-hinting, which reads the whole
    font, can move an edge by a pixel in PNG. Characters outside the set fall back to the full
    font.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE"]
    options.notdef_outline = True
    options.glyph_names = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.hinting = True
    font = TTFont(full)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_common_characters())
    subsetter.subset(font)
    names = font["name"]
    family = COMMON_FAMILY
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            names.setName(
                f"{family} {style}", 4, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID == 6:
            names.setName(
                f"{family.replace(' ', '')}-{style}",
                6,
                record.platformID,
                record.platEncID,
                record.langID,
            )
    _save_atomic(font, target)


def cjk_font_paths() -> dict[str, Path]:
    """Static Noto Sans SC fonts (TrueType), made once from the bundled variable font.

    Returns
    -------
    dict
        ``{"Regular", "Bold", "Common-Regular", "Common-Bold": path}`` in the user cache
        (``$XDG_CACHE_HOME/workbench/fonts``): the full fonts, and their common-character
        subsets (:data:`COMMON_FAMILY`) that figures use first.
    """
    source = _variable_font()
    paths = {}
    for style, weight in _WEIGHTS.items():
        target = _FONT_CACHE / f"NotoSansSC-{style}.ttf"
        if not target.exists():
            from fontTools.ttLib import TTFont
            from fontTools.varLib import instancer

            _FONT_CACHE.mkdir(parents=True, exist_ok=True)
            font = instancer.instantiateVariableFont(
                TTFont(source), {"wght": weight}, updateFontNames=True
            )
            _save_atomic(font, target)
        paths[style] = target
        common = _FONT_CACHE / f"NotoSansSC-Common-{style}.ttf"
        if not common.exists():
            _common_subset(target, common, style)
        paths[f"Common-{style}"] = common
    return paths


_DEFAULTS = {
    k: v
    for k, v in matplotlib.rcParamsDefault.items()
    if k not in ("backend", "interactive") and not k.startswith("backend")
}


def _cached_subsets() -> None:
    """Cache the font subsets a PDF export embeds, on disk, by font and glyph set.

    matplotlib subsets every font of every PDF with fontTools, the largest part of an export;
    a sweep draws the same figures again and again with mostly the same glyphs. The subset for a
    glyph set is computed once and reused, byte for byte the same (a test checks that a PDF made
    from the cache equals one made without it). Installed once per process; it leaves
    matplotlib alone if its private subsetting function is not the one this was written for.
    """
    from matplotlib.backends import _backend_pdf_ps as pdfps

    original = pdfps.get_glyphs_subset
    if getattr(original, "workbench_cache", False) or not hasattr(pdfps, "SubsetResults"):
        return
    import hashlib
    from io import BytesIO

    from fontTools.ttLib import TTFont

    folder = _FONT_CACHE / "pdf-subsets"

    def _reopen(blob: bytes) -> TTFont:
        # as matplotlib's own subset: saving it again must not stamp the current time
        return TTFont(BytesIO(blob), recalcTimestamp=False)

    def get_glyphs_subset(fontfile, glyphs):
        stat = os.stat(fontfile)
        glyphs = sorted({int(g) for g in glyphs})
        key = hashlib.sha256(
            f"{os.fspath(fontfile)}|{stat.st_size}|{stat.st_mtime_ns}|"
            f"{getattr(fontfile, 'face_index', 0)}|{glyphs}".encode()
        ).hexdigest()[:32]
        data, index = folder / f"{key}.ttf", folder / f"{key}.json"
        if data.exists() and index.exists():
            mapping = {int(k): v for k, v in json.loads(index.read_text()).items()}
            return pdfps.SubsetResults(_reopen(data.read_bytes()), mapping)._as_cm()
        with original(fontfile, glyphs) as subset:
            blob = pdfps.font_as_file(subset.font).getvalue()
            mapping = dict(subset.glyph_index_map)
        folder.mkdir(parents=True, exist_ok=True)
        for target, content in ((index, json.dumps(mapping).encode()), (data, blob)):
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(content)
            tmp.replace(target)  # the data file last: its presence means the entry is whole
        return pdfps.SubsetResults(_reopen(blob), mapping)._as_cm()

    get_glyphs_subset.workbench_cache = True
    get_glyphs_subset.original = original
    pdfps.get_glyphs_subset = get_glyphs_subset


def use_house_style() -> None:
    """Register the bundled font and set matplotlib's rcParams to its defaults plus the style.

    Starting from matplotlib's defaults every time makes a figure the same wherever it is drawn:
    in a Jupyter kernel (whose inline backend changes some rcParams), in-process, or in a test.
    """
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for file in cjk_font_paths().values():
        if str(file) not in known:
            font_manager.fontManager.addfont(str(file))
    matplotlib.rcParams.update(_DEFAULTS)
    matplotlib.rcParams.update(_STYLE)
    _cached_subsets()


def tr(lang: Lang, en: str, zh: str) -> str:
    """The label for ``lang``: ``tr(lang, "Revenue", "收入")``."""
    if lang not in ("en", "zh"):
        raise ValueError(f"language must be 'zh' or 'en', got {lang!r}")
    return zh if lang == "zh" else en


def source_line(source: str, synthetic: bool, lang: Lang) -> str:
    """The source note printed under a figure; synthetic data always say so."""
    prefix = tr(lang, "Source: ", "来源：")
    if synthetic:
        label = tr(lang, SYNTHETIC_LABEL, SYNTHETIC_LABEL_ZH)
        return f"{prefix}{label}" + (f"{tr(lang, '; ', '；')}{source}" if source else "")
    return f"{prefix}{source}"


def figure(
    width: Width = "full", height: float = 3.2, nrows: int = 1, ncols: int = 1, **subplot_kw
):
    """A new figure in the house style: ``fig, ax = figure("full", 3.2)``.

    Parameters
    ----------
    width : {"full", "half"}
        A full 16 cm column or half of one.
    height : float
        Height of the plotting area in inches; :func:`chart` adds room for the title block and
        the source line.
    nrows, ncols, **subplot_kw
        Passed to :meth:`matplotlib.figure.Figure.subplots`.

    Returns
    -------
    fig, axes
        A :class:`~matplotlib.figure.Figure` (not registered with pyplot, so nothing leaks between
        figures) and its axes.
    """
    if width not in WIDTHS:
        raise ValueError(f"width must be 'full' or 'half', got {width!r}")
    use_house_style()
    # at the export resolution, so text is measured (for wrapping) as it will be drawn
    fig = Figure(figsize=(WIDTHS[width], height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)  # a canvas of its own, so text can be measured before saving
    fig.width_name = width  # read back by chart()
    axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


@dataclass(frozen=True)
class Chart:
    """A finished figure with its words: what :func:`save` writes and a brief shows."""

    name: str
    figure: Figure
    title: str
    subtitle: str
    source: str
    alt_text: str
    synthetic: bool
    language: Lang
    width: Width

    def caption(self) -> dict:
        """The JSON caption (without file names)."""
        return {
            "name": self.name,
            "title": self.title,
            "subtitle": self.subtitle,
            "source": self.source,
            "alt_text": self.alt_text,
            "synthetic": self.synthetic,
            "language": self.language,
            "width": self.width,
        }


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Break points: after each space, and between wide (CJK) characters and punctuation.

    In a line written mostly in Latin letters, a run of Chinese characters is a name (易臻真,
    澎湃新闻) and is kept whole, as an English word would be.
    """
    latin = sum(ch.isascii() and ch.isalpha() for ch in text) > sum(map(_is_wide, text))
    tokens, word = [], ""
    for ch in text:
        if _is_wide(ch) and not latin:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
            if ch == " ":
                tokens.append(word)
                word = ""
    if word:
        tokens.append(word)
    return _keep_units(tokens)


_UNIT_CHARS = set("万亿元年月日倍个百分点％%岁人次")


def _keep_units(tokens: list[str]) -> list[str]:
    """Never break between a number and the unit after it (6.49万亿元, 3年)."""
    out: list[str] = []
    for token in tokens:
        previous = out[-1] if out else ""
        glued = (
            previous
            and token in _UNIT_CHARS
            and (previous[-1].isdigit() or previous[-1] in _UNIT_CHARS)
        )
        if glued:
            out[-1] += token
        else:
            out.append(token)
    return out


def _break(tokens: list[str], fits) -> list[str]:
    """Greedy line breaking: each line takes tokens while ``fits(line)`` still holds.

    Measuring a line costs a FreeType layout of all its glyphs, so the number of tokens that fit
    is searched for (:func:`_count_fitting`), not counted one by one: a line only widens as
    tokens are added (its ink box is the union of its glyphs'), so the search finds the same
    breaks (a test compares it with adding one token at a time).
    """
    lines, line, i, guess = [], "", 0, 8
    while i < len(tokens):
        if not line:  # a line's first token is taken whatever its width
            line, i = line + tokens[i], i + 1
            continue
        taken = _count_fitting(fits, line, tokens[i:], guess)
        line, i = line + "".join(tokens[i : i + taken]), i + taken
        if i < len(tokens):
            lines.append(line.rstrip())
            line, i, guess = tokens[i].lstrip(), i + 1, max(taken, 1)
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _count_fitting(fits, line: str, rest: list[str], guess: int) -> int:
    """How many of ``rest`` fit after ``line``: the largest ``k`` with ``fits(line + rest[:k])``.

    ``fits`` must be monotone (true for a string, then true for each of its prefixes). The
    search gallops from ``guess`` (the previous line's count, usually within a token or two) and
    then bisects, so it measures a few strings instead of one per token.
    """
    ok, bad = 0, len(rest) + 1  # counts known to fit and known not to (or past the end)
    k, step = min(max(guess, 1), len(rest)), 1
    while bad - ok > 1:
        if fits(line + "".join(rest[:k])):
            ok = k
        else:
            bad = k
        if bad > len(rest):  # nothing failed yet: step up
            k = min(ok + step, len(rest))
        elif ok == 0:  # nothing fitted yet: step down
            k = max(bad - step, 1)
        else:
            k = (ok + bad) // 2
        step *= 2
    return ok


def wrap(
    text: str, fig: Figure, size: float, weight: str = "normal", width_in: float | None = None
):
    """Wrap ``text`` into lines that fit ``width_in`` inches (default: the figure's width)."""
    renderer = fig.canvas.get_renderer()
    prop = font_manager.FontProperties(family="sans-serif", size=size, weight=weight)
    # one em is kept free, so a closing punctuation mark moved up (below) still fits
    limit = ((width_in or fig.get_figwidth()) - 2 * _MARGIN - size / 72) * fig.dpi

    def fits(s: str) -> bool:
        return renderer.get_text_width_height_descent(s.rstrip(), prop, ismath=False)[0] <= limit

    lines = _break(_tokens(text), fits)
    # a line must not start with closing punctuation (Chinese typesetting rule, 避头)
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in "，。；：、）》”’！？,.;:)" and len(lines[i - 1]) > 1:
            lines[i - 1] += lines[i][0]
            lines[i] = lines[i][1:]
    return [line for line in lines if line]


def chart(
    fig: Figure,
    name: str,
    *,
    title: str,
    subtitle: str,
    source: str,
    alt_text: str,
    synthetic: bool,
    lang: Lang,
) -> Chart:
    """Add the title block and source line to a drawn figure and return it as a :class:`Chart`.

    The title (the finding), subtitle (what, where, when, units) and source line wrap to the
    figure's width; the figure grows in height to hold them, never in width.

    Parameters
    ----------
    fig : Figure
        From :func:`figure`, already drawn (axes labelled with units, bars from zero).
    name : str
        File stem, e.g. ``"revenue_vs_gdp"``; letters, digits, ``-`` and ``_`` only.
    title, subtitle : str
        In ``lang``.
    source : str
        The data's source; ``synthetic=True`` prefixes the synthetic-data label.
    alt_text : str
        A description for readers who cannot see the figure, in ``lang``.
    synthetic : bool
        Whether any plotted number comes from synthetic data.
    lang : {"en", "zh"}
    """
    if not name or not all(c.isalnum() or c in "-_" for c in name):
        raise ValueError(f"figure name must be letters, digits, '-' or '_': {name!r}")
    if not all(s.strip() for s in (title, subtitle, alt_text)):
        raise ValueError(f"figure {name}: title, subtitle and alt text must not be empty")
    note = source_line(source, synthetic, lang)
    blocks = [
        (wrap(title, fig, TITLE_PT, "bold"), TITLE_PT, "bold", "#000000"),
        (wrap(subtitle, fig, SUBTITLE_PT), SUBTITLE_PT, "normal", "#444444"),
    ]
    footer = (wrap(note, fig, SOURCE_PT), SOURCE_PT, "normal", "#555555")
    leading = 1.3 / 72  # inches per point of font size, per line

    def height(block) -> float:
        lines, size, _, _ = block
        return len(lines) * size * leading

    head = sum(height(b) for b in blocks) + 3 * _MARGIN
    foot = height(footer) + 2 * _MARGIN
    width, plot = fig.get_figwidth(), fig.get_figheight()
    total = plot + head + foot
    fig.set_size_inches(width, total)
    fig.get_layout_engine().set(rect=(0, foot / total, 1, plot / total))
    y = total - _MARGIN
    for lines, size, weight, colour in blocks:
        for line in lines:
            y -= size * leading
            fig.text(
                _MARGIN / width,
                y / total,
                line,
                fontsize=size,
                fontweight=weight,
                color=colour,
                ha="left",
                va="bottom",
            )
        y -= _MARGIN / 2
    y = foot - _MARGIN
    for line in footer[0]:
        fig.text(
            _MARGIN / width,
            y / total,
            line,
            fontsize=SOURCE_PT,
            color=footer[3],
            ha="left",
            va="top",
        )
        y -= SOURCE_PT * leading
    return Chart(
        name=name,
        figure=fig,
        title=title,
        subtitle=subtitle,
        source=note,
        alt_text=alt_text,
        synthetic=synthetic,
        language=lang,
        width=getattr(fig, "width_name", "full"),
    )


def save(chart: Chart, folder: str | Path) -> dict:
    """Write a chart as PNG (300 dpi), SVG and PDF, and its JSON caption, into ``folder``.

    ``$WORKBENCH_FIGURES`` (set by a sweep's ``--figures``) may ask for ``png`` only, or ``none``
    (the caption alone); a run records which in its provenance.

    Returns
    -------
    dict
        The caption record (also written as ``<name>.json``), with the file names written.
    """
    t0 = time.perf_counter()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fig = chart.figure
    formats = FORMATS[os.environ.get("WORKBENCH_FIGURES", "all")]
    files = {ext: f"{chart.name}.{ext}" for ext in formats}
    engine = fig.get_layout_engine()
    # the layout is solved once, by the first format; the engine is then removed, not set to
    # "none": matplotlib draws a figure that has any engine, even that placeholder, one extra
    # time before saving it (about a fifth of an export), and the files are the same bytes.
    # The rc settings are pinned while saving so that no engine cannot turn into a tight or
    # constrained layout (matplotlib re-sets the engine after each save, and None reads them).
    try:
        with matplotlib.rc_context(_NO_RC_LAYOUT):
            for i, ext in enumerate(formats):
                if i and os.environ.get(EXPORT_FORK) == "1":
                    _export_forked(chart, folder, formats[i:])  # the rest on the other core
                    break
                fig.savefig(
                    folder / files[ext], format=ext, dpi=DPI, metadata=_metadata(ext, chart.title)
                )
                fig.set_layout_engine(None)
    finally:
        fig.set_layout_engine(engine)
    caption = {**chart.caption(), "files": files}
    (folder / f"{chart.name}.json").write_text(
        json.dumps(caption, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    export_seconds[0] += time.perf_counter() - t0
    return caption


_NO_RC_LAYOUT = {"figure.autolayout": False, "figure.constrained_layout.use": False}
EXPORT_FORK = "WORKBENCH_EXPORT_FORK"  # set by the runner for a run alone on the machine
_exports: list[tuple[int, str]] = []


def _export_forked(chart: Chart, folder: Path, formats: tuple[str, ...]) -> None:
    """Write the remaining formats in a forked process, while the notebook goes on.

    A run alone on the machine leaves a core idle; SVG and PDF are drawn there. The forked
    process draws the same figure, so the files are the same bytes; :func:`wait_exports` waits
    for every one before the run is finished.
    """
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            for ext in formats:
                chart.figure.savefig(
                    folder / f"{chart.name}.{ext}",
                    format=ext,
                    dpi=DPI,
                    metadata=_metadata(ext, chart.title),
                )
            code = 0
        finally:
            os._exit(code)
    _exports.append((pid, chart.name))


def wait_exports() -> None:
    """Wait for the figure files being written in forked processes.

    Raises
    ------
    OSError
        If one of them failed (its figure's files are incomplete).
    """
    failed = []
    while _exports:
        pid, name = _exports.pop()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(name)
    if failed:
        raise OSError(f"writing the SVG and PDF of figure(s) {', '.join(failed)} failed")


def warm() -> None:
    """Export a small chart to memory in every format, so what a first export loads is loaded.

    The first export in a process imports the SVG and PDF writers and fontTools, opens the
    fonts and fills matplotlib's caches (0.4 to 0.5 s here). A sweep's parent calls this before
    it forks its runs, so each run starts with them; nothing is written to disk except, at most,
    an entry of the PDF font-subset cache.
    """
    from io import BytesIO

    fig, ax = figure("half", 1.0)
    ax.plot([2020, 2024], [1.0, 2.0])
    ax.set_xlabel("年份 Year")
    drawn = chart(
        fig,
        "warm",
        title="收入 Revenue",
        subtitle="亿元 100 million yuan",
        source="",
        alt_text="-",
        synthetic=True,
        lang="zh",
    )
    for ext in FORMATS["all"]:
        drawn.figure.savefig(BytesIO(), format=ext, dpi=DPI, metadata=_metadata(ext, "warm"))


def _metadata(ext: str, title: str) -> dict:
    """Deterministic file metadata: no creation dates, so the same figure gives the same bytes."""
    if ext == "png":
        return {"Title": title, "Software": None}
    if ext == "pdf":
        return {"Title": title, "CreationDate": None, "Creator": None, "Producer": None}
    return {"Title": title, "Date": None, "Creator": None}
