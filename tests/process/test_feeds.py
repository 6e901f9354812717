"""sitemap.xml, feed.xml, robots.txt and briefing.json of the seed, against its own files."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from briefing.pipeline import build
from tests.conftest import ROOT, TEMPLATES, run_cli, serve_like_pages, soup

BASE = "https://example.github.io/briefing-site/"
NS = {"atom": "http://www.w3.org/2005/Atom", "sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def seed_events() -> list[dict]:
    return yaml.safe_load((ROOT / "content" / "chronology.yaml").read_text())


def test_sitemap_lists_every_page_with_absolute_urls(seed_site: Path):
    root = ET.parse(seed_site / "sitemap.xml").getroot()
    locs = [e.text for e in root.findall("sm:url/sm:loc", NS)]
    pages = sorted(BASE + p.parent.relative_to(seed_site).as_posix().removeprefix(".") + "/"
                   for p in seed_site.rglob("index.html")
                   # a translation's page with none of its text translated is not offered
                   if soup(p).find("link", rel="canonical")["href"].endswith(
                       p.parent.relative_to(seed_site).as_posix().removeprefix(".") + "/"))
    assert any("/uk/" in p for p in pages) and not any("/uk/articles/" in p for p in pages)
    assert sorted(locs) == [p.replace(f"{BASE}/", BASE) for p in pages
                            if not p.endswith("search/")]
    changes = yaml.safe_load((ROOT / "content" / "changes.yaml").read_text())
    latest = max(str(c["at"]) for c in changes if not c.get("minor"))
    assert {e.text for e in root.findall("sm:url/sm:lastmod", NS)} == {latest}
    assert (seed_site / "robots.txt").read_text().endswith(f"Sitemap: {BASE}sitemap.xml\n")


def test_the_feed_has_an_entry_per_announced_change_newest_first(seed_site: Path):
    root = ET.parse(seed_site / "feed.xml").getroot()
    entries = root.findall("atom:entry", NS)
    changes = [c for c in yaml.safe_load((ROOT / "content" / "changes.yaml").read_text())
               if not c.get("minor")]
    assert len(entries) == len(changes) > 0
    updated = [e.find("atom:updated", NS).text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.find("atom:updated", NS).text == updated[0]  # the one last-updated moment
    for entry in entries:
        change_id = entry.find("atom:id", NS).text.rsplit("/", 1)[1]
        assert entry.find("atom:link", NS).get("href") == f"{BASE}changes/#{change_id}"
    for required in ("atom:id", "atom:title", "atom:updated", "atom:author/atom:name"):
        assert root.find(required, NS) is not None


def test_feed_ids_are_stable_across_builds(seed_site: Path, tmp_path: Path):
    again = tmp_path / "again"
    build(Path(__file__).resolve().parent.parent / "content", again, TEMPLATES, BASE)
    assert (again / "feed.xml").read_bytes() == (seed_site / "feed.xml").read_bytes()


def test_briefing_json_holds_the_whole_model_in_stable_order(seed_site: Path):
    raw = (seed_site / "briefing.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert list(data) == sorted(data)
    actors = sorted(p.stem for p in (ROOT / "content" / "actors").glob("*.yaml"))
    assert sorted(a["id"] for a in data["actors"]) == actors
    assert len(data["events"]) == len(seed_events())
    assert all(q["verified"] for q in data["quotes"])  # the seed builds with --strict
    assert "Türkiye" in raw  # UTF-8, not \\u escapes


UPDATE = """
- id: ceasefire-refused
  at: 2025-05-12
  kind: update
  summary: Russia did not accept the ceasefire.
  affects: [event:2025-05-12-the-proposed-30-day-ceasefire-not-accepted-by-russia]
"""
EVENT = "2025-05-12-the-proposed-30-day-ceasefire-not-accepted-by-russia"


@pytest.fixture(scope="module")
def unaddressed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed with a change to an event, built with no base URL (as a local build is),
    served under a sub-path; yields the site's URL."""
    root = tmp_path_factory.mktemp("feeds")
    shutil.copytree(ROOT / "content", root / "content")
    with open(root / "content" / "changes.yaml", "a", encoding="utf-8") as log:
        log.write(UPDATE)
    result = run_cli("build", "--out", "www/site", "--no-search", cwd=root)
    assert result.returncode == 0, result.stderr
    with serve_like_pages(root / "www", root / "www" / "site" / "404.html") as url:
        yield f"{url}/site/"


@pytest.mark.parametrize("prefix", ["", "uk/", "ru/"])
def test_feed_readers_resolve_every_link_to_the_entry_without_a_base_url(unaddressed: str,
                                                                         prefix: str):
    feed = feedparser.parse(f"{unaddressed}{prefix}feed.xml")
    assert feed.bozo == 0 and feed.feed.link == unaddressed + prefix
    entry = feed.entries[0]
    assert entry.link == f"{unaddressed}{prefix}changes/#ceasefire-refused"
    [affected] = BeautifulSoup(entry.content[0].value, "html.parser").select("li a")
    assert affected["href"] == f"{unaddressed}{prefix}chronology/?since=2025-05-12#{EVENT}"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        f"{unaddressed}{prefix}feed.xml"]


def test_a_browser_lands_on_the_entry_marked_new(unaddressed: str, page):
    feed = feedparser.parse(f"{unaddressed}uk/feed.xml")
    href = BeautifulSoup(feed.entries[0].content[0].value, "html.parser").select_one("li a")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(href["href"])
    event = page.locator(f"[id='{EVENT}']")
    expect(event).to_have_attribute("data-new", "")
    expect(event).to_be_in_viewport()
    assert page.url.endswith(f"/uk/chronology/?since=2025-05-12#{EVENT}")
