"""The bundled Noto Sans SC as an embedded web font, so Chinese renders in any browser.

An HTML report or brief embeds a subset of the font holding the characters the page uses (plus
printable ASCII), as a base64 ``@font-face``; nothing is fetched and no system font is assumed.
Subsets are cached by character set, so a sweep's reports subset once.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import string

from workbench.figures import FONT_FAMILY, cjk_font_paths
from workbench.paths import CACHE_DIR

_ALWAYS = set(string.printable) | set("，。；：、（）《》“”‘’！？…—–·％•")
_WEIGHTS = {"Regular": 400, "Bold": 700}


def _subset(style: str, chars: str) -> bytes:
    key = hashlib.sha256(chars.encode("utf-8")).hexdigest()[:20]
    cached = CACHE_DIR / "fonts" / "subsets" / f"{style}-{key}.ttf"
    if cached.is_file():
        return cached.read_bytes()
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    paths = cjk_font_paths()
    common = TTFont(paths[f"Common-{style}"], lazy=True)  # a quarter of the glyphs: faster
    covered = all(ord(c) in common.getBestCmap() for c in chars if c.isprintable())
    font = common if covered else TTFont(paths[style], lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    data = out.getvalue()
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(cached)
    return data


def font_face_css(text: str) -> str:
    """``@font-face`` rules embedding Noto Sans SC Regular and Bold for the characters used."""
    chars = "".join(sorted((set(text) | _ALWAYS) - set("\n\r\t\x0b\x0c")))
    rules = []
    for style, weight in _WEIGHTS.items():
        data = base64.b64encode(_subset(style, chars)).decode("ascii")
        rules.append(
            f"@font-face{{font-family:'{FONT_FAMILY}';font-weight:{weight};font-style:normal;"
            f"src:url(data:font/ttf;base64,{data}) format('truetype');}}"
        )
    return "\n".join(rules)
