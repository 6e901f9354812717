"""Helpers the tests share: tiny briefings written from dicts, the command line run as a
newsroom runs it, HTML parsed, a folder served as GitHub Pages serves it."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "content"
TEMPLATES = ROOT / "templates"
FIXTURES = ROOT / "tests" / "fixtures"


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


def is_card(rel: str) -> bool:
    """A card to embed (briefing/output/embeds.py; "embed/…", "uk/embed/…"): a page for an
    iframe, never indexed, so rightly without a canonical, hreflang or sitemap entry."""
    parts = rel.split("/")
    return parts[0] == "embed" or (len(parts) > 1 and parts[1] == "embed"
                                   and len(parts[0]) <= 3 and parts[0].isalpha())


def assert_card(page: BeautifulSoup) -> None:
    """What a card has instead of a full page's search and share tags: noindex, its
    oEmbed discovery link, and no canonical or hreflang that would offer it to search."""
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("link", type="application/json+oembed") is not None
    assert page.find("link", rel="canonical") is None
    assert page.find("link", hreflang=True) is None


OWN_SCRIPTS = ("search.js", "filter.js", "new.js", "notfound.js", "scripted.js", "embed-card.js")


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

    def send_head(self):  # noqa: ANN201  (as the base class's)
        # Always the file as it is now: the base class answers 304 to an If-Modified-Since
        # of the same second as the file's mtime, and a test that rebuilds within the
        # second of a page's first fetch would read the old page (Pages compares ETags).
        del self.headers["If-Modified-Since"]
        return super().send_head()

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


def fetch(url: str) -> tuple[int, bytes, str]:
    """(status, body, content type) of a GET, an error status included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers.get_content_type()


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


@contextmanager
def serve_under_sub_path(site: Path, root: Path) -> Iterator[str]:
    """A built `site` served as a project's Pages site, under /briefing-site/ of a server
    of `root` (the site linked there, not copied); yields the site's address."""
    root.mkdir(exist_ok=True)
    if not (root / "briefing-site").exists():
        (root / "briefing-site").symlink_to(site, target_is_directory=True)
    with serve_like_pages(root, site / "404.html") as origin:
        yield origin + "/briefing-site/"


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
