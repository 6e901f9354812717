"""The preview server as a real process, driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.common import ROOT, SEED
from tests.helpers.serve import (
    MOUNT,
    Server,
    server,  # noqa: F401  (fixtures)
)


def test_a_burst_of_saves_is_one_rebuild(server: Server):  # noqa: F811
    before = server.builds()
    for actor in ("macron", "merz", "tusk"):
        server.edit(f"actors/{actor}.yaml", "summary: |", "summary: |\n  Edited.")
    time.sleep(1.0)
    assert server.builds() == before + 1, server.log[-5:]


def get(server: Server, path: str) -> tuple[int, str, str, bytes]:  # noqa: F811
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
def test_paths_outside_the_site_are_refused(server: Server, path: str):  # noqa: F811
    status, _, _, body = get(server, path)
    assert status == 404
    assert b"root:" not in body and b"def main" not in body and b"# Briefing" not in body


def test_served_like_github_pages(server: Server):  # noqa: F811
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
