"""Helpers of the serve tests, shared by tests of more than one kind or file."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.helpers.common import ROOT, SEED

MOUNT = "/briefing-site/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    content: Path
    log: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{MOUNT}"

    def builds(self) -> int:
        return sum(": checked " in line or "build failed" in line for line in self.log)

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def start_server(tmp_path: Path, *extra: str) -> Server:
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(SEED, content)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
         "--base-url", "https://example.github.io" + MOUNT, *extra],
        cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"})  # SIGABRT: where each thread was
    server = Server(process, port, content)
    server.reader = threading.Thread(target=lambda: server.log.extend(process.stderr),
                                     daemon=True)
    server.reader.start()
    deadline = time.monotonic() + 30
    while not any(line.startswith("Serving") for line in server.log):
        assert process.poll() is None, "".join(server.log)
        assert time.monotonic() < deadline, "".join(server.log)
        time.sleep(0.05)
    return server


def stop_server(server: Server) -> None:
    assert server.process.poll() is None, "the server died: " + "".join(server.log)
    server.process.send_signal(signal.SIGINT)  # Ctrl-C
    try:
        status = server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.send_signal(signal.SIGABRT)  # the faulthandler writes where it hung
        server.process.wait(timeout=10)
        server.reader.join(timeout=10)
        raise AssertionError("Ctrl-C did not stop the server: " + "".join(server.log)) from None
    assert status == 0, "".join(server.log)
    server.reader.join(timeout=10)
    server.process.stderr.close()
    assert "Traceback" not in "".join(server.log)
    assert server.log[-1] == "Stopped.\n", "".join(server.log[-5:])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = start_server(tmp_path)
    yield running
    stop_server(running)


def open_live(page: Page, server: Server, path: str) -> None:
    """Open a page and wait until the server counts it among the browsers to reload."""
    connected = sum("Browser Connected" in line for line in server.log)
    page.goto(server.url + path)
    deadline = time.monotonic() + 10
    while sum("Browser Connected" in line for line in server.log) == connected:
        assert time.monotonic() < deadline, "the page never connected for live reload"
        time.sleep(0.02)
