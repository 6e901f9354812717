"""sitemap.xml, feed.xml, robots.txt and briefing.json of the seed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from briefing.site import build
from tests.conftest import TEMPLATES

BASE = "https://example.github.io/briefing-site/"
NS = {"atom": "http://www.w3.org/2005/Atom", "sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_every_page_with_absolute_urls(seed_site: Path):
    root = ET.parse(seed_site / "sitemap.xml").getroot()
    locs = [e.text for e in root.findall("sm:url/sm:loc", NS)]
    assert len(locs) == 14 and all(loc.startswith(BASE) for loc in locs)
    assert BASE + "actors/putin/" in locs and BASE + "404.html" not in locs
    assert {e.text for e in root.findall("sm:url/sm:lastmod", NS)} == {"2025-05-11"}
    assert (seed_site / "robots.txt").read_text().endswith(f"Sitemap: {BASE}sitemap.xml\n")


def test_feed_has_an_entry_per_event_newest_first(seed_site: Path):
    root = ET.parse(seed_site / "feed.xml").getroot()
    entries = root.findall("atom:entry", NS)
    assert len(entries) == 9
    updated = [e.find("atom:updated", NS).text for e in entries]
    assert updated == sorted(updated, reverse=True)
    first = entries[0]
    assert first.find("atom:link", NS).get("href").startswith(BASE + "chronology/#2025-05-15")
    ids = [e.find("atom:id", NS).text for e in entries]
    assert len(set(ids)) == 9 and all(i.startswith("urn:uuid:") for i in ids)
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
    assert len(data["actors"]) == 8 and len(data["events"]) == 9 and len(data["issues"]) == 6
    assert len(data["quotes"]) == 19 and all(q["verified"] for q in data["quotes"])
    putin = next(a for a in data["actors"] if a["id"] == "putin")
    assert putin["role"] == "President of Russia" and putin["side"] == "russia"
    assert data["issues"][0]["stances"]["russia"]["quote"]["text"] == "new truce"
    assert "Türkiye" in raw  # UTF-8, not \\u escapes
