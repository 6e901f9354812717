"""The preview server as a real process, driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import http.client
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
from playwright.sync_api import Page, expect

from tests.conftest import ROOT, SEED

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
        cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
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
    assert server.process.wait(timeout=10) == 0
    server.reader.join(timeout=10)
    server.process.stderr.close()
    assert "Traceback" not in "".join(server.log)


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


def test_every_save_reaches_the_browser_even_in_quick_succession(server: Server, page: Page):
    open_live(page, server, "actors/putin/")
    role = page.locator("p.role")
    expect(role).to_have_text("President of Russia")
    server.edit("actors/putin.yaml", "role: President of Russia",
                "role: President of the Russian Federation")
    expect(role).to_have_text("President of the Russian Federation", timeout=5000)
    # livereload alone would drop this one: it ignores reloads within 3 s of the last.
    server.edit("actors/putin.yaml", "of the Russian Federation", "of Russia (edited twice)")
    expect(role).to_have_text("President of Russia (edited twice)", timeout=5000)


def test_a_translation_edited_reaches_its_page_and_the_switcher_works(server: Server,
                                                                      page: Page):
    """The preview rebuilds on a translation file's save, and its language switcher
    leads to the same page in each language."""
    open_live(page, server, "uk/actors/putin/")
    role = page.locator("p.role")
    expect(role).to_have_text("Президент Росії")
    server.edit("translations/uk/actors/putin.yaml", 'role: "Президент Росії"',
                'role: "Президент Російської Федерації"')
    expect(role).to_have_text("Президент Російської Федерації", timeout=5000)
    page.locator('nav.languages a[hreflang="ru"]').click()
    expect(page).to_have_url(server.url + "ru/actors/putin/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.locator('nav.languages a[hreflang="en"]').click()
    expect(page).to_have_url(server.url + "actors/putin/")
    expect(role).to_have_text("President of Russia")


def test_a_burst_of_saves_is_one_rebuild(server: Server):
    before = server.builds()
    for actor in ("macron", "merz", "tusk"):
        server.edit(f"actors/{actor}.yaml", "summary: |", "summary: |\n  Edited.")
    time.sleep(1.0)
    assert server.builds() == before + 1, server.log[-5:]


def test_errors_show_in_the_browser_and_the_page_recovers(server: Server, page: Page):
    open_live(page, server, "chronology/")
    server.edit("actors/putin.yaml", "side: russia", "side: [russia")
    overlay = page.locator("#briefing-build-error")
    expect(overlay).to_contain_text("the site below is out of date", timeout=5000)
    expect(overlay).to_contain_text("content/actors/putin.yaml:4:8: error:")
    expect(page.locator("h1")).to_have_text("Chronology")  # the last good site, below
    assert any("content/actors/putin.yaml:4:8: error:" in line for line in server.log)
    server.edit("actors/putin.yaml", "side: [russia", "side: russia")
    expect(overlay).to_have_count(0, timeout=5000)
    assert server.process.poll() is None


def test_a_broken_template_is_shown_and_recovers(tmp_path: Path, page: Page):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    running = start_server(tmp_path, "--templates", str(templates))
    try:
        open_live(page, running, "")
        chronology = templates / "chronology.html"
        good = chronology.read_text()
        chronology.write_text(good.replace("{% endfor %}", "{% endfor", 1))
        overlay = page.locator("#briefing-build-error")
        expect(overlay).to_contain_text("chronology.html", timeout=5000)
        chronology.write_text(good)
        expect(overlay).to_have_count(0, timeout=5000)
    finally:
        stop_server(running)


def get(server: Server, path: str) -> tuple[int, str, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", path)  # sent as written: no client-side normalising
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return (response.status, response.getheader("Content-Type") or "",
            response.getheader("Location") or "", body)


@pytest.mark.parametrize("path", [
    MOUNT + "../../../../etc/passwd", MOUNT + "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    MOUNT + "..%2f..%2f..%2fbuild.py", MOUNT + "%2e%2e%2f%2e%2e%2fREADME.md",
    MOUNT + "....//....//etc/passwd", "/../build.py", MOUNT + "%252e%252e/build.py",
])
def test_paths_outside_the_site_are_refused(server: Server, path: str):
    status, _, _, body = get(server, path)
    assert status == 404
    assert b"root:" not in body and b"def main" not in body and b"# Briefing" not in body


def test_served_like_github_pages(server: Server):
    assert get(server, MOUNT)[:2] == (200, "text/html; charset=utf-8")
    assert get(server, MOUNT + "style.css")[:2] == (200, "text/css; charset=utf-8")
    assert get(server, MOUNT + "briefing.json")[:2] == (200, "application/json; charset=utf-8")
    assert get(server, MOUNT + "favicon.svg")[:2] == (200, "image/svg+xml; charset=utf-8")
    status, kind, _, body = get(server, MOUNT + "no/such/page/")
    assert (status, kind) == (404, "text/html; charset=utf-8") and b"Page not found" in body
    assert get(server, MOUNT + "actors")[::2] == (301, MOUNT + "actors/")
    assert get(server, "/")[::2] == (301, MOUNT)
    assert get(server, "/actors/")[0] == 404  # outside the base path, as on GitHub Pages


def test_a_port_in_use_gets_a_clear_error(tmp_path: Path):
    shutil.copytree(SEED, tmp_path / "content")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--port",
                                 str(port)], cwd=tmp_path, capture_output=True, text=True,
                                timeout=60)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr
