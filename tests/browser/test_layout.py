"""The layout in Chromium: on a phone the page's title within the first quarter of the
screen, the sections on one row; on a wide screen "On this page" beside text of a
readable measure; printed, the text and its sources without the screen's controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.helpers.common import serve_under_sub_path

PHONE = {"width": 390, "height": 844}
LONG = ["", "actors/putin/", "chronology/", "claims/", "changes/"]

# The width of a paragraph, and how many of its own characters fit on one of its lines
# (its text set on one line gives their average advance).
MEASURE = """p => {
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;white-space:nowrap;visibility:hidden';
  probe.textContent = p.textContent.trim();
  p.append(probe);
  const advance = probe.getBoundingClientRect().width / probe.textContent.length;
  probe.remove();
  const box = p.getBoundingClientRect();
  return {left: box.left, right: box.right, chars: box.width / advance};
}"""


@pytest.fixture(scope="module")
def water_server(arabic: Path) -> Iterator[str]:
    """The water briefing (its sources link out) with its Arabic translation, served."""
    with serve_under_sub_path(arabic / "site", arabic / "www-layout") as url:
        yield url


def opened(page: Page, url: str) -> Page:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("scripted", [True, False])
def test_on_a_phone_the_title_starts_in_the_first_quarter_below_one_row_of_sections(
        browser: Browser, seed_server: str, scripted: bool):
    context = browser.new_context(viewport=PHONE, java_script_enabled=scripted)
    page = context.new_page()
    for path in ["", "actors/putin/", "chronology/", "positions/", "uk/", "uk/actors/putin/",
                 "ru/positions/"]:
        opened(page, seed_server + path)
        assert page.locator("h1").bounding_box()["y"] <= 844 / 4, path
        if scripted:  # the control, out of the title's way, under it
            assert (page.locator(".whats-new").bounding_box()["y"]
                    > page.locator("h1").bounding_box()["y"]), path
        tops = page.locator(".site-nav a").evaluate_all(
            "links => links.map(a => a.getBoundingClientRect().top)")
        assert len(tops) >= 5 and len(set(tops)) == 1, path  # one row, scrolled sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


@pytest.mark.parametrize(("size", "shown"), [(PHONE, ".tx-short"),
                                            ({"width": 1280, "height": 900}, ".tx-full")])
def test_a_machine_translation_says_so_at_every_size_shorter_on_a_phone(
        page: Page, seed_server: str, size: dict, shown: str):
    page.set_viewport_size(size)
    opened(page, seed_server + "uk/actors/putin/")
    note = page.locator(".translation-note")
    assert note.locator(".tx-short, .tx-full").evaluate_all(
        "ps => ps.filter(p => p.checkVisibility()).map(p => p.className)") == [shown[1:]]
    bold = note.locator(f"strong{shown}, {shown} strong")  # "machine", in bold
    assert "машинн" in bold.inner_text().lower() and bold.is_visible()
    original = note.get_by_role("link")
    assert original.get_attribute("hreflang") == "en" and original.is_visible()
    original.click()
    page.wait_for_url(seed_server + "actors/putin/")


def test_a_phones_row_of_sections_scrolls_to_each_and_shows_focus(page: Page,
                                                                  seed_server: str):
    page.set_viewport_size(PHONE)
    opened(page, seed_server + "actors/putin/")
    last = page.locator(".site-nav a").last
    page.locator(".skip-link").focus()
    while not last.evaluate("a => a === document.activeElement"):
        page.keyboard.press("Tab")
        assert page.evaluate("!document.activeElement.closest('main')"), "never reached"
    box = last.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]  # scrolled in
    assert last.evaluate("a => getComputedStyle(a).outlineStyle") == "solid"
    note = page.locator(".whats-new-note")
    assert note.bounding_box()["height"] <= 1  # out of the way, still read aloud in turn
    page.locator(".whats-new-switch").focus()
    assert note.bounding_box()["height"] > 1


@pytest.mark.parametrize("width", [1280, 1400])
def test_on_a_wide_screen_long_pages_set_their_contents_beside_text_of_a_readable_measure(
        browser: Browser, seed_server: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    for path in LONG:
        opened(page, seed_server + path)
        toc = page.locator("nav.toc")
        box = toc.bounding_box()
        assert box and toc.is_visible(), path
        text = page.locator("main h2").first.bounding_box()
        assert text and box["x"] + box["width"] <= text["x"], path  # beside, not above
        assert box["y"] <= text["y"], path
        for p in page.locator("main p").all()[:40]:
            if p.is_visible() and len(p.inner_text()) > 200:
                measured = p.evaluate(MEASURE)
                assert measured["chars"] <= 80, (path, p.inner_text()[:40], measured)
                assert measured["right"] >= 0.6 * width, (path, measured)
        href = toc.locator("a").first.get_attribute("href")
        assert href and page.locator(href).count() == 1, path
    opened(page, seed_server + "positions/")
    table = page.locator("table.positions").bounding_box()
    assert table and table["width"] >= 0.8 * width
    page.close()


def test_right_to_left_the_contents_are_on_the_right(page: Page, water_server: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    opened(page, water_server + "ar/chronology/")
    toc = page.locator("nav.toc").bounding_box()
    heading = page.locator("main h1").bounding_box()
    assert toc and heading and toc["x"] >= heading["x"] + heading["width"]


def test_printed_a_page_is_its_text_its_sources_its_date_and_its_address(
        page: Page, seed_server: str, water_server: str):
    opened(page, seed_server + "chronology/")
    page.emulate_media(media="print")
    for control in [".site-nav", ".languages", ".site-search", ".search-link", ".whats-new",
                    ".filter", ".toc", ".skip-link"]:
        assert page.locator(control).count() == 1, control
        assert page.locator(control).evaluate("e => getComputedStyle(e).display") == "none"
    line = page.locator(".print-only")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert line.is_visible() and canonical and canonical.endswith("/chronology/")
    assert line.inner_text() == f"Updated 11 May 2025 · {canonical}"
    assert page.locator(".event").first.evaluate("e => getComputedStyle(e).breakInside") == (
        "avoid")
    assert page.pdf()[:5] == b"%PDF-"  # Chromium prints it
    opened(page, seed_server + "positions/")
    for kept in [".positions tr", ".quote"]:
        assert page.locator(kept).first.evaluate(
            "e => getComputedStyle(e).breakInside") == "avoid", kept
    opened(page, seed_server + "actors/putin/")
    assert page.locator(".stance-list li").first.evaluate(
        "e => getComputedStyle(e).breakInside") == "avoid"
    opened(page, water_server + "sources/")
    out = page.locator('main a[href^="http"]').first
    written = out.evaluate("a => getComputedStyle(a, '::after').content")
    assert written == f'" ({out.get_attribute("href")})"'
    page.emulate_media(media="screen")
    assert out.evaluate("a => getComputedStyle(a, '::after').content") == "none"
    assert page.locator(".print-only").is_hidden()
