"""Crawl the built seed through a real HTTP server that serves it under a sub-path."""

from __future__ import annotations

import functools
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

MOUNT = "/briefing-site/"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("www")
    (root / MOUNT.strip("/")).symlink_to(seed_site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def test_every_link_asset_and_fragment_answers(server: str):
    start = server + MOUNT
    pages: dict[str, BeautifulSoup] = {}
    statuses: dict[str, int] = {}
    fragments: list[tuple[str, str, str]] = []
    queue = [start]
    while queue:
        url = queue.pop()
        if url in statuses:
            continue
        status, body, kind = fetch(url)
        statuses[url] = status
        if status != 200 or kind != "text/html":
            continue
        page = pages[url] = BeautifulSoup(body, "html.parser")
        for element in page.find_all(["a", "link", "img"]):
            ref = element.get("href") or element.get("src")
            if not ref:
                continue
            target = urljoin(url, ref)
            if urlsplit(target).netloc != urlsplit(server).netloc:
                continue  # external: not ours to check offline
            assert urlsplit(target).path.startswith(MOUNT), f"{url}: {ref} leaves the site"
            bare, fragment = urldefrag(target)
            if fragment:
                fragments.append((url, bare, fragment))
            queue.append(bare)
    broken = {u: s for u, s in statuses.items() if s != 200}
    assert broken == {}
    for source, target, fragment in fragments:
        assert pages[target].find(id=fragment) is not None, f"{source} → {target}#{fragment}"
    assert len(pages) == 14  # overview, 4 index pages, 8 actors, 1 article
    assert len(fragments) > 50


def test_machine_readable_files_are_served(server: str):
    for name, kinds in [("sitemap.xml", "xml"), ("feed.xml", "xml"), ("robots.txt", "text"),
                        ("briefing.json", "json"), ("404.html", "html"), ("style.css", "css")]:
        status, body, served = fetch(server + MOUNT + name)
        assert status == 200 and kinds in served and body, name
