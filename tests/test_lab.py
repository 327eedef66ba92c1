"""`make lab` starts JupyterLab (as root too) with the project's kernel and its font."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

from workbench.params.generate import KERNEL_NAME
from workbench.paths import PROJECT_ROOT

VENV_SHARE = Path(sys.prefix) / "share" / "jupyter"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, data: bytes | None = None) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    with urllib.request.urlopen(req, timeout=5) as resp:
        return resp.status, json.loads(resp.read() or b"{}")


def test_project_kernel_is_this_environment_and_imports_workbench(monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(VENV_SHARE))
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME)
    try:
        reply = kc.execute_interactive(
            "import sys, workbench; print(sys.executable, workbench.__file__)", timeout=60
        )
        assert reply["content"]["status"] == "ok"
        assert km.kernel_spec.argv[0] == sys.executable
        assert "project" in km.kernel_spec.display_name
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.slow
def test_make_lab_serves_and_starts_a_kernel():
    port, token = _free_port(), "workbench-test"
    args = f"--no-browser --port={port} --ServerApp.token={token} --ServerApp.ip=127.0.0.1"
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _ = _get(f"{base}/status?token={token}")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read() if proc.poll() is not None else ""
                    pytest.fail(f"jupyter lab did not come up (root={os.getuid() == 0}): {out}")
                time.sleep(0.5)
        assert status == 200
        _, specs = _get(f"{base}/kernelspecs?token={token}")
        assert KERNEL_NAME in specs["kernelspecs"]
        status, kernel = _get(
            f"{base}/kernels?token={token}", json.dumps({"name": KERNEL_NAME}).encode()
        )
        assert status == 201 and kernel["name"] == KERNEL_NAME
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/custom/custom.css?token={token}", timeout=5
        ) as resp:
            css = resp.read().decode()
        assert "@font-face" in css and "NotoSansSC-Common-Regular.ttf" in css
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
