"""Fixtures: tiny briefings written into tmp_path from dicts, and the seed built once."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content"
TEMPLATES = ROOT / "templates"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]


def minimal() -> dict[str, object]:
    """The smallest briefing that uses every file kind; tests change what they need."""
    return {
        "briefing.yaml": {
            "title": "Test briefing",
            "summary": "A *test*.",
            "updated": "2026-03-12",
            "sides": [{"id": "north", "name": "The North"}, {"id": "south", "name": "The South"}],
        },
        "actors/ana.yaml": {
            "name": "Ana Example", "role": "Mayor", "side": "north", "summary": "Ana.",
            "quotes": [{"text": "We will talk", "source": "report"}],
        },
        "chronology.yaml": [
            {"date": "2026-03-12", "title": "Talks open", "actors": ["ana"],
             "sources": ["report"]},
        ],
        "positions.yaml": [
            {"id": "talks", "issue": "Talks?", "stances": {
                "north": {"position": "Yes.", "actors": ["ana"], "sources": ["report"]}}},
        ],
        "sources.yaml": [{"id": "report", "title": "A report", "article": "report"}],
        "articles/report.md": "---\ntitle: A report\nsource: report\n---\n"
                              "Ana said: “We will talk.” Then she left.\n",
    }


def write_content(root: Path, files: dict[str, object]) -> Path:
    """Write a content folder: dicts and lists as YAML, strings as they are."""
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str | bytes):
            path.write_bytes(data if isinstance(data, bytes) else data.encode())
        else:
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return content


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line through its real entry point."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


OWN_SCRIPTS = ("search.js", "filter.js", "new.js", "notfound.js", "scripted.js")


def foreign_scripts(html: BeautifulSoup) -> list:
    """Scripts other than the site's own files and its JSON data."""
    return [s for s in html.find_all("script")
            if not (s.get("type") == "application/ld+json" and not s.get("src"))
            and not (s.get("type") == "application/json" and s.get("id") == "ui-text"
                     and not s.get("src") and isinstance(json.loads(s.string), dict))
            and not (s.get("src", "").endswith(OWN_SCRIPTS) and not s.string)]


class PagesHandler(SimpleHTTPRequestHandler):
    """Serves files; a missing one gets the site's 404.html with status 404."""

    not_found_page: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None
                   ) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve_like_pages(folder: Path, not_found: Path) -> Iterator[str]:
    """A real HTTP server on a free port, serving `folder` as GitHub Pages would."""
    handler = type("Handler", (PagesHandler,), {"not_found_page": not_found})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(handler, directory=os.fspath(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def seed_server(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The strictly built seed, served under /briefing-site/; yields that URL."""
    root = tmp_path_factory.mktemp("www")
    (root / "briefing-site").symlink_to(seed_site, target_is_directory=True)
    with serve_like_pages(root, seed_site / "404.html") as origin:
        yield origin + "/briefing-site/"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A minimal briefing in tmp_path/content, with tmp_path as the current folder."""
    monkeypatch.chdir(tmp_path)
    return write_content(tmp_path, minimal())


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed briefing built once, strictly, for a site at a sub-path."""
    out = tmp_path_factory.mktemp("seed") / "site"
    result = run_cli("build", "--strict", "--out", str(out),
                     "--base-url", "https://example.github.io/briefing-site/", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: scripts/test.sh must install it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page; any script error on it fails the test."""
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    assert errors == []




def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that open Chromium are marked `browser` (mutation testing leaves them out)."""
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Test ids of plain characters: an id with '/', '.', '#' or ':' in it (a URL, a time)
    cannot be asked for again by id, as the mutation tool does to run a test."""
    if isinstance(val, str):
        return re.sub(r"[^\w-]+", "_", val).strip("_")[:40] or "blank"
    return None


def newsroom_repo(root: Path, names: list[str]) -> Path:
    """A newsroom's git repository at root/newsroom, nothing committed yet: the project's
    files and folders `names` and the seed as its content."""
    repo = root / "newsroom"
    repo.mkdir()
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns(
                "__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, repo / name)
    shutil.copytree(SEED, repo / "content")
    for args in (["init", "-q", "-b", "main"], ["config", "user.email", "desk@example.org"],
                 ["config", "user.name", "Desk"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return repo
