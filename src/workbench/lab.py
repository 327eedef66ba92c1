"""JupyterLab for this project: its kernel, and Chinese drawn with the bundled font.

``make lab`` starts JupyterLab with ``JUPYTER_CONFIG_DIR`` pointing at a folder this module fills
(:func:`prepare`): ``custom/custom.css`` declares the bundled Noto Sans SC as web fonts, served by
JupyterLab itself (``--custom-css``), so the notebooks' Chinese renders without a system font. The
project's kernel is the ``workbench`` kernelspec that ``make install`` puts in the virtualenv and
``make kernel`` also installs for the user, so any Jupyter front end on the machine finds it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from workbench.figures import COMMON_FAMILY, FONT_FAMILY, cjk_font_paths
from workbench.params.generate import KERNEL_DISPLAY, KERNEL_NAME

_FACES = (
    (COMMON_FAMILY, "Common-Regular", 400),
    (COMMON_FAMILY, "Common-Bold", 700),
    (FONT_FAMILY, "Regular", 400),
    (FONT_FAMILY, "Bold", 700),
)


def custom_css() -> str:
    """The CSS: the bundled fonts as ``@font-face`` rules, added to JupyterLab's font stacks."""
    rules = []
    for family, style, weight in _FACES:
        rules.append(
            f"@font-face {{ font-family: '{family}'; font-weight: {weight}; font-style: normal; "
            f"src: url('NotoSansSC-{style}.ttf') format('truetype'); }}"
        )
    stack = f"'{COMMON_FAMILY}', '{FONT_FAMILY}'"
    rules.append(
        ":root:root {  /* outranks the theme's :root, which loads after this file */\n"
        f"  --jp-ui-font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, {stack}, "
        "sans-serif;\n"
        f"  --jp-content-font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, "
        f"{stack}, sans-serif;\n"
        f"  --jp-code-font-family: Menlo, Consolas, 'DejaVu Sans Mono', monospace, {stack};\n"
        "}"
    )
    return "\n".join(rules) + "\n"


def prepare(config_dir: str | Path) -> Path:
    """Fill ``config_dir/custom/`` with the CSS and the fonts it names; return ``config_dir``."""
    custom = Path(config_dir) / "custom"
    custom.mkdir(parents=True, exist_ok=True)
    for style, source in cjk_font_paths().items():
        target = custom / f"NotoSansSC-{style}.ttf"
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, target)
    (custom / "custom.css").write_text(custom_css(), encoding="utf-8")
    return Path(config_dir)


def install_kernel(user: bool = False) -> str:
    """Install the ``workbench`` kernelspec (this interpreter) in the virtualenv or for the user."""
    from ipykernel.kernelspec import install

    return install(
        user=user,
        kernel_name=KERNEL_NAME,
        display_name=KERNEL_DISPLAY,
        prefix=None if user else sys.prefix,
    )


def main(argv: list[str]) -> int:
    """``python -m workbench.lab prepare DIR`` or ``python -m workbench.lab kernel [--user]``."""
    if argv[:1] == ["prepare"] and len(argv) == 2:
        print(prepare(argv[1]))
    elif argv[:1] == ["kernel"]:
        print(f"installed kernel '{KERNEL_NAME}' in {install_kernel(user='--user' in argv)}")
    else:
        print("usage: python -m workbench.lab prepare DIR | kernel [--user]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
