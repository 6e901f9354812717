"""A newsroom's ordinary day, end to end, on a copy of the seed in a repository of its
own: the edits an editor makes (an actor added, an event's date corrected, a stance
moved into history with a new quote, a correction, a claim rated anew, stances left
to age, a new language folder with nothing in it), then exactly what the Pages workflow
runs. Every step passes, and the pages show what they should."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.helpers.common import serve_like_pages


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_the_edition_banner_is_styled_and_fits_a_phone_and_a_desktop(day, page: Page,
                                                                     width: int, height: int):
    site = day["site"]
    with serve_like_pages(site.parent, site / "404.html") as origin:  # type: ignore[union-attr]
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{origin}/site/editions/2025-05-11/uk/")
        banner = page.locator(".edition-banner")
        style = banner.evaluate("e => { const s = getComputedStyle(e); return "
                                "[s.backgroundColor, s.paddingTop, s.display]; }")
        assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent") and style[1] != "0px"
        box = banner.bounding_box()
        assert box is not None and box["width"] <= width and box["y"] < height / 4
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width  # nothing wider than the screen
