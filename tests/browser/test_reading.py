"""What readers get, checked in Debian's Chromium: accessibility (axe-core), valid HTML
(the Nu checker), no outside requests, page weight, layout from 320 to 1920 px,
keyboard access, the chronology filter, search, and screenshots for the README."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Browser, Page, expect

PAGES = ["", "actors/", "actors/putin/", "actors/steve-rosenberg/", "chronology/",
         "positions/", "sources/", "articles/zelensky-challenges-putin/", "search/?q=ceasefire",
         "no/such/page/"]


def visit(page: Page, url: str) -> list[str]:
    """Open `url`; returns what went wrong: console errors and requests leaving the site."""
    problems: list[str] = []
    origin = url.split("/briefing-site/")[0]
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("request", lambda r: r.url.startswith(origin) or r.url.startswith("data:")
            or problems.append(f"outside request: {r.url}"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return problems


def every_page(site: Path) -> list[str]:
    """Every page of the built seed, as paths from the site's root, and a missing one."""
    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    return [p.removeprefix("./") for p in pages] + ["search/?q=ceasefire", "no/such/page/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_with_no_console_error_or_outside_request(
        browser: Browser, seed_site: Path, seed_server: str, scheme: str):
    context = browser.new_context(color_scheme=scheme)
    paths = every_page(seed_site)
    kinds = {"", "actors/", "chronology/", "positions/", "sources/", "changes/",
             "search/?q=ceasefire", "no/such/page/"}
    assert kinds <= set(paths) and any(p.startswith("articles/") for p in paths)
    for path in paths:
        page = context.new_page()
        problems = visit(page, seed_server + path)
        result = Axe().run(page)  # best-practice rules included
        assert result.violations_count == 0, f"{path}: {result.generate_report()}"
        if path.startswith("no/such"):  # the 404 page is itself answered with a 404
            problems.remove("console: Failed to load resource: the server responded with "
                            "a status of 404 (Not Found)")
        assert problems == [], path
        page.close()
    context.close()


@pytest.mark.parametrize("width", [320, 375, 768, 1280, 1920])
def test_layout_holds_without_sideways_scrolling_and_with_big_enough_targets(
        browser: Browser, seed_server: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    for path in PAGES:
        page.goto(seed_server + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        small = page.evaluate("""() => [...document.querySelectorAll(
            'nav a, .chip, button, input, select, summary, .brand')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect()])
            .filter(([_, r]) => r.height < 24 || r.width < 24)""")
        assert small == [], (path, small)
    page.close()


def test_keyboard_alone_reaches_every_link(page: Page, seed_server: str):
    for path in ["", "chronology/", "actors/putin/"]:
        page.goto(seed_server + path)
        page.wait_for_load_state("networkidle")
        links = set(page.eval_on_selector_all(
            "a[href]", "links => links.filter(a => a.offsetParent !== null).map(a => a.href)"))
        reached: set[str] = set()
        first = None
        for _ in range(400):
            page.keyboard.press("Tab")
            here = page.evaluate("[document.activeElement.tagName, "
                                 "document.activeElement.href || document.activeElement.id]")
            if here == first:
                break
            first = first or here
            if here[0] == "A":
                reached.add(here[1])
        assert links <= reached, (path, links - reached)
    skip = page.goto(seed_server)
    assert skip is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"


def seed_facts(seed_site: Path) -> dict:
    return json.loads((seed_site / "briefing.json").read_text())


def test_chronology_filter_keeps_its_state_in_the_url(page: Page, seed_server: str,
                                                      seed_site: Path):
    facts = seed_facts(seed_site)
    events, sides = facts["events"], {a["id"]: a["side"] for a in facts["actors"]}
    trump = [e for e in events if "trump" in e["actors"]]
    russia = [e for e in events if "russia" in {sides[a] for a in e["actors"]}]
    assert 0 < len(trump) < len(russia) < len(events)  # each filter shows a part
    page.goto(seed_server + "chronology/?actor=trump")
    count = page.locator(".filter-count")
    expect(count).to_have_text(f"{len(trump)} of {len(events)} events shown")
    assert page.locator(".event:visible").evaluate_all("els => els.map(e => e.id)") == [
        e["id"] for e in trump]
    page.select_option("select[name=actor]", "")
    page.select_option("select[name=side]", "russia")
    expect(count).to_have_text(f"{len(russia)} of {len(events)} events shown")
    assert page.url.endswith("chronology/?side=russia")
    assert count.get_attribute("aria-live") == "polite"
    page.reload()
    expect(count).to_have_text(f"{len(russia)} of {len(events)} events shown")
    assert page.locator("select[name=side]").input_value() == "russia"
    assert page.locator("section:visible h2").all_inner_texts() == sorted(
        {e["date"][:4] for e in russia})


def test_without_javascript_everything_is_shown(browser: Browser, seed_server: str,
                                               seed_site: Path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_server + "chronology/?actor=trump")
    expect(page.locator(".event")).to_have_count(len(seed_facts(seed_site)["events"]))
    assert page.locator(".event:visible").count() == page.locator(".event").count()
    for scripted in (".filter", ".site-search"):  # there, and hidden
        expect(page.locator(scripted)).to_have_count(1)
        expect(page.locator(scripted)).to_be_hidden()
    context.close()


def test_search_finds_an_actor_by_a_word_of_their_summary(page: Page, seed_server: str):
    page.goto(seed_server)
    expect(page.locator(".site-search")).to_be_visible()
    page.fill("#site-search-q", "ordered")  # "…who ordered the full-scale invasion…"
    page.press("#site-search-q", "Enter")
    first = page.locator(".search-results a").first
    expect(first).to_be_visible()
    hrefs = page.eval_on_selector_all(".search-results a", "links => links.map(a => a.href)")
    assert seed_server + "actors/putin/" in hrefs
    expect(page.locator(".search-count")).to_contain_text("for “ordered”")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_for_the_readme(browser: Browser, seed_server: str, tmp_path: Path,
                                    width: int, scheme: str):
    out = Path(os.environ.get("SCREENSHOTS_DIR", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    for name, path in [("overview", ""), ("chronology", "chronology/"),
                       ("positions", "positions/")]:
        page.goto(seed_server + path)
        page.wait_for_load_state("networkidle")
        shot = out / f"{name}-{width}-{scheme}.png"
        page.screenshot(path=str(shot))
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        with Image.open(shot) as image:
            assert image.size == (width, 900)
            pixels = image.convert("RGB")
            corner = pixels.getpixel((width - 2, 899))  # page background, bottom right
            colours = len(pixels.getcolors(maxcolors=width * 900))
        assert f"rgb({corner[0]}, {corner[1]}, {corner[2]})" == background
        assert (sum(corner) < 3 * 128) is (scheme == "dark")  # the scheme shows
        assert colours > 50, f"{shot}: {colours} colours: is anything drawn?"
    page.close()
