"""The site defends itself: a Content-Security-Policy on every page (GitHub Pages sends
no headers) that lets the site load only its own files and the search index's
WebAssembly, and a browser that sees no violation of it anywhere, search included, in
the published site and in the preview."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

WATCH = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));"""

PAGES = ["", "actors/", "actors/putin/", "chronology/", "positions/", "sources/",
         "articles/zelensky-challenges-putin/", "changes/", "uk/", "uk/actors/putin/",
         "ru/chronology/", "claims/", "search/", "uk/claims/", "no/such/page/",
         "embed/actors/putin/", "embed/chronology/", "uk/embed/issues/direct-talks/",
         "embed/claims/putin-comes-to-istanbul/"]  # cards to embed: a policy of their own


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


def test_no_page_kind_violates_the_policy_search_included(page: Page, seed_server: str):
    page.add_init_script(WATCH)
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and "Refused" in m.text
            and errors.append(m.text))
    for path in PAGES:
        page.goto(seed_server + path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
    for path, word in (("search/?q=ordered", "ordered"), ("uk/search/?q=Путін", "Путін")):
        page.goto(seed_server + path)
        expect(page.locator(".search-results a").first).to_be_visible()
        expect(page.locator(".search-count")).to_contain_text(word)
        assert violations(page) == [], path
    page.goto(seed_server + "chronology/")
    page.locator(".filter select, .filter input").first.focus()
    assert violations(page) == [] and errors == []


def test_the_preview_serves_the_same_policy_and_still_reloads_without_violating_it(
        tmp_path: Path, page: Page):
    from tests.helpers.serve import open_live, start_server, stop_server

    server = start_server(tmp_path)
    try:
        page.add_init_script(WATCH)
        open_live(page, server, "actors/putin/")
        html = page.content()
        assert 'http-equiv="Content-Security-Policy"' in html
        role = page.locator("p.role")
        server.edit("actors/putin.yaml", "role: President of Russia",
                    "role: President of the Russian Federation")
        expect(role).to_have_text("President of the Russian Federation", timeout=5000)
        assert violations(page) == []
        server.edit("actors/putin.yaml", "role: President", "role: [President")  # broken
        overlay = page.locator("#briefing-build-error")
        expect(overlay).to_be_visible(timeout=5000)
        expect(overlay).to_have_css("background-color", "rgb(122, 16, 16)")  # its stylesheet
        assert violations(page) == []
    finally:
        stop_server(server)
