"""The contract's rules (part one), each proved on a briefing built for it, not on the
seed: what each field does on the page, in what order things come, and what the
command line promises. One test per rule, named for the rule."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.common import ROOT, minimal, run_cli, write_content
from tests.helpers.contract import (
    page,
    rules_briefing,
    site,  # noqa: F401  (fixtures)
    text,
)


def test_the_base_url_option_overrides_briefing_yaml(tmp_path: Path):
    files = rules_briefing()
    files["briefing.yaml"]["base_url"] = "https://old.example.org/"
    write_content(tmp_path, files)
    result = run_cli("build", "--no-search", "--base-url", "https://new.example.org/briefing/",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "site"
    assert page(out, "").find("link", rel="canonical")["href"] == (
        "https://new.example.org/briefing/")
    assert "old.example.org" not in "".join(p.read_text() for p in out.rglob("*.html"))


# --- the command line -----------------------------------------------------------------

def test_content_names_another_briefings_folder(tmp_path: Path):
    write_content(tmp_path / "elsewhere", rules_briefing())
    (tmp_path / "content").mkdir()  # an empty content/ that must not be read
    result = run_cli("build", "--no-search", "--content", "elsewhere/content", "--out",
                     "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert text(page(tmp_path / "out", "").find("h1")) == "Harbour dispute"
    check = run_cli("check", "--content", "elsewhere/content", cwd=tmp_path)
    assert check.returncode == 0 and "4 actors, 6 events, 1 issues" in check.stderr


def free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_serve_listens_on_127_0_0_1_port_8000_by_default(tmp_path: Path):
    if not free(8000):
        pytest.fail("port 8000 is taken: the default port cannot be tested")
    write_content(tmp_path, minimal())
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve"],
                              cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while free(8000) and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.1)
        import urllib.request

        with urllib.request.urlopen("http://127.0.0.1:8000/", timeout=10) as answer:
            assert answer.status == 200 and b"Test briefing" in answer.read()
        listening = subprocess.run(["ss", "-ltnH", "sport = :8000"], capture_output=True,
                                   text=True).stdout
        assert re.search(r"127\.0\.0\.1:8000\b", listening), listening
        assert "0.0.0.0:8000" not in listening and "*:8000" not in listening
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "Serving the briefing at http://127.0.0.1:8000/ (Ctrl-C to stop)" in err
