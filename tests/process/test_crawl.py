"""Crawl the built seed through a real HTTP server that behaves like GitHub Pages
(its 404.html for any missing URL), mounted under a project sub-path and at a root."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.helpers.common import fetch, is_card


def test_every_link_asset_and_fragment_answers(server: tuple[str, str, Path]):
    origin, mount, site = server
    pages: dict[str, BeautifulSoup] = {}
    statuses: dict[str, int] = {}
    fragments: list[tuple[str, str, str]] = []
    # A card is reached through its embed code (text in a <textarea>), not a link: each
    # is crawled from the start, so that its links and fragments are checked too.
    cards = [p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
             if is_card(p.parent.relative_to(site).as_posix())]
    assert cards
    queue = [origin + mount, *(origin + mount + card for card in cards)]
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
    # in every language: a form's target, which a link may reach or not: out of both sides
    searches = {p for p in built if p.endswith("search")}
    assert crawled - searches == built - searches  # every page is reached (cards: above)
    assert len(fragments) > 50


def test_machine_readable_files_are_served(server: tuple[str, str, Path]):
    origin, mount, _ = server
    for name, kind in [("sitemap.xml", "xml"), ("feed.xml", "xml"), ("robots.txt", "text"),
                       ("briefing.json", "json"), ("404.html", "html"), ("style.css", "css"),
                       ("share.png", "png"), (".nojekyll", "")]:
        status, _, served = fetch(origin + mount + name)
        assert status == 200 and kind in served, name
