"""Crawl the built seed through a real HTTP server that behaves like GitHub Pages
(its 404.html for any missing URL), mounted under a project sub-path and at a root."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from tests.conftest import ROOT, run_cli, serve_like_pages

SITES = {  # mount on the test server → the --base-url the site is built for
    "/briefing-site/": "https://example.github.io/briefing-site/",  # GitHub project pages
    "/": "https://briefing.example.org/",  # a custom domain
}


@pytest.fixture(scope="module", params=list(SITES), ids=["sub-path", "root"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, str, Path]]:
    """(server origin, mount, site folder): the seed built for SITES[mount], served there."""
    mount = request.param
    root = tmp_path_factory.mktemp("www")
    out = root / mount.strip("/") if mount != "/" else root / "site"
    result = run_cli("build", "--strict", "--out", str(out), "--base-url", SITES[mount],
                     cwd=ROOT)
    assert result.returncode == 0, result.stderr
    with serve_like_pages(out if mount == "/" else root, out / "404.html") as origin:
        yield origin, mount, out


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers.get_content_type()


def test_every_link_asset_and_fragment_answers(server: tuple[str, str, Path]):
    origin, mount, site = server
    pages: dict[str, BeautifulSoup] = {}
    statuses: dict[str, int] = {}
    fragments: list[tuple[str, str, str]] = []
    queue = [origin + mount]
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
            target = urljoin(url, ref)
            if urlsplit(target).netloc != urlsplit(origin).netloc:
                continue  # external (and the absolute canonical URLs): not ours offline
            assert urlsplit(target).path.startswith(mount), f"{url}: {ref} leaves the site"
            bare, fragment = urldefrag(target)
            if fragment:
                fragments.append((url, bare, fragment))
            queue.append(bare)
    assert {u: s for u, s in statuses.items() if s != 200} == {}
    for source, target, fragment in fragments:
        assert pages[target].find(id=fragment) is not None, f"{source} → {target}#{fragment}"
    built = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    crawled = {urlsplit(u).path.removeprefix(mount).rstrip("/") or "." for u in pages}
    searches = {p for p in built if p.endswith("search")}  # in every language: a form
    assert crawled == built - searches  # every page is reached by a link
    assert len(fragments) > 50


def test_machine_readable_files_are_served(server: tuple[str, str, Path]):
    origin, mount, _ = server
    for name, kind in [("sitemap.xml", "xml"), ("feed.xml", "xml"), ("robots.txt", "text"),
                       ("briefing.json", "json"), ("404.html", "html"), ("style.css", "css"),
                       ("share.png", "png"), (".nojekyll", "")]:
        status, _, served = fetch(origin + mount + name)
        assert status == 200 and kind in served, name


def test_a_missing_page_deep_down_gets_the_styled_404(server: tuple[str, str, Path], page: Page):
    origin, mount, _ = server
    response = page.goto(origin + mount + "no/such/deep/page/")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # The stylesheet loaded and applied: the header has its rule and panel colour.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header'))"
                         ".borderBottomStyle") == "solid"
    assert page.evaluate("document.styleSheets.length") >= 1
    hrefs = page.eval_on_selector_all("nav a", "links => links.map(a => a.href)")
    assert hrefs[1] == origin + mount + "actors/"
    assert page.request.get(hrefs[1]).status == 200
