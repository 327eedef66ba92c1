"""The notebooks in a real browser: JupyterLab from the project, Debian's Chromium via Playwright.

One JupyterLab is started from the project's environment on a loopback port, with the same kernel
and fonts as ``make lab``, serving copies of the notebooks (so nothing is saved over the committed
ones) and writing interactive outputs to a temporary folder. Each notebook is opened, all its cells
run, and the test checks: the kernel is the project's; no cell shows an error; figures are drawn;
moving the explorer's first slider changes its chart and its number; Chinese is drawn with the
bundled font. A screenshot of each notebook is kept in ``outputs/test-artifacts/browser/``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from workbench import lab
from workbench.figures import COMMON_FAMILY
from workbench.params.generate import KERNEL_DISPLAY
from workbench.paths import NOTEBOOKS, PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "outputs" / "test-artifacts" / "browser"
NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def _chromium_is_installed():
    """The test needs Debian's Chromium; ``make test`` installs it (``make sysdeps``)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: run `make sysdeps` as root")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("lab")
    for nb in NOTEBOOK_FILES:
        shutil.copy(nb, work / nb.name)
    config = lab.prepare(work / "config")
    settings = work / "settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True)
    (settings / "apputils-extension").mkdir(parents=True)
    # every cell drawn (no windowing), so screenshots and selectors see them; no news question
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        '{"windowingMode": "none"}'
    )
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false"}'
    )
    port, token = _port(), "browser-test"
    env = {
        **os.environ,
        "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),
        "JUPYTER_CONFIG_DIR": str(config),
        "WORKBENCH_OUTPUTS": str(work / "outputs"),
        "JUPYTERLAB_SETTINGS_DIR": str(work / "settings"),
    }
    env.pop("WORKBENCH_OUTPUT_DIR", None)
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "jupyter"),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.token={token}",
            f"--notebook-dir={work}",
            "--custom-css",
            "--allow-root",
            "--ServerApp.disable_check_xsrf=True",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not start: {proc.stdout.read().decode()[-2000:]}")
            time.sleep(0.5)
    yield base, token, work
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


RUNNING = (
    "() => [...document.querySelectorAll('.jp-InputPrompt')].some(e => e.textContent.includes('*'))"
)
FONT_LOADED = (
    "(family) => document.fonts.ready.then(() => [...document.fonts].some("
    "f => f.family.replace(/['\"]/g, '') === family && f.status === 'loaded'))"
)


@pytest.mark.parametrize("nb_path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_runs_and_its_explorer_responds_in_jupyterlab(nb_path, server, browser):
    base, token, work = server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # a workspace of its own, so JupyterLab opens this notebook alone
        url = f"{base}/lab/workspaces/{nb_path.stem}/tree/{nb_path.name}?reset&token={token}"
        page.goto(url, timeout=60_000)
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        page.wait_for_selector(
            f".jp-NotebookPanel-toolbar >> text={KERNEL_DISPLAY}", timeout=60_000
        )
        page.wait_for_function(
            "() => document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset?.status "
            "=== 'idle' || !!document.querySelector('[data-status=\"idle\"]')",
            timeout=90_000,
        )
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        page.wait_for_function(f"() => !({RUNNING})()", timeout=240_000, polling=1000)
        text = page.inner_text(".jp-Notebook")
        assert "Traceback" not in text and "Error:" not in text.split("Caveat")[0]
        figures = page.query_selector_all(".wb-figure img")
        assert figures and all(
            img.evaluate("i => i.complete && i.naturalWidth > 500") for img in figures
        )
        chart = page.wait_for_selector(".wb-explorer-chart", timeout=30_000)
        number = page.query_selector(".wb-explorer-number")
        before = (chart.get_attribute("src"), number.inner_text())
        handle = page.wait_for_selector(".wb-explorer .noUi-handle", timeout=30_000)
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(8):
            page.keyboard.press("ArrowRight")
        # the chart and the number are two display updates: wait until both have changed
        page.wait_for_function(
            "([src, text]) => document.querySelector('.wb-explorer-chart').src !== src"
            " && document.querySelector('.wb-explorer-number').innerText !== text",
            arg=list(before),
            timeout=20_000,
        )
        page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Idle')", timeout=30_000)
        assert page.evaluate(FONT_LOADED, COMMON_FAMILY)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.query_selector(".wb-figure img").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"{nb_path.stem}.png"))
        handle.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"{nb_path.stem}-explorer.png"))
    finally:
        page.close()
        _shut_down_kernels(base, token)


def _shut_down_kernels(base: str, token: str) -> None:
    import json

    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as resp:
        sessions = json.loads(resp.read())
    for session in sessions:
        request = urllib.request.Request(
            f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE"
        )
        urllib.request.urlopen(request, timeout=10)
