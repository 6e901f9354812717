"""Crawl the built seed through a real HTTP server that behaves like GitHub Pages
(its 404.html for any missing URL), mounted under a project sub-path and at a root."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page


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
