"""sitemap.xml, feed.xml, robots.txt and briefing.json of the seed, against its own files."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from briefing.pipeline import build
from tests.helpers.common import ROOT, TEMPLATES, assert_card, is_card, soup
from tests.helpers.feeds import EVENT

BASE = "https://example.github.io/briefing-site/"
NS = {"atom": "http://www.w3.org/2005/Atom", "sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def seed_events() -> list[dict]:
    return yaml.safe_load((ROOT / "content" / "chronology.yaml").read_text())


def test_sitemap_lists_every_page_with_absolute_urls(seed_site: Path):
    root = ET.parse(seed_site / "sitemap.xml").getroot()
    locs = [e.text for e in root.findall("sm:url/sm:loc", NS)]
    cards = [p for p in seed_site.rglob("index.html")
             if is_card(p.parent.relative_to(seed_site).as_posix())]
    for card in cards:  # a card is a page for an iframe: noindex, so not in the sitemap
        assert_card(soup(card))
    assert cards and not any("/embed/" in loc for loc in locs)
    pages = sorted(BASE + p.parent.relative_to(seed_site).as_posix().removeprefix(".") + "/"
                   for p in seed_site.rglob("index.html") if p not in cards
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
    build(Path(__file__).resolve().parents[2] / "content", again, TEMPLATES, BASE)
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
