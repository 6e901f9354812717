"""sitemap.xml, feed.xml, robots.txt and briefing.json of the seed, against its own files."""

from __future__ import annotations

import feedparser
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from tests.helpers.feeds import EVENT


def test_a_browser_lands_on_the_entry_marked_new(unaddressed: str, page):
    feed = feedparser.parse(f"{unaddressed}uk/feed.xml")
    href = BeautifulSoup(feed.entries[0].content[0].value, "html.parser").select_one("li a")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(href["href"])
    event = page.locator(f"[id='{EVENT}']")
    expect(event).to_have_attribute("data-new", "")
    expect(event).to_be_in_viewport()
    assert page.url.endswith(f"/uk/chronology/?since=2025-05-12#{EVENT}")
