"""The site defends itself: a Content-Security-Policy on every page (GitHub Pages sends
no headers) that lets the site load only its own files and the search index's
WebAssembly, and a browser that sees no violation of it anywhere, search included, in
the published site and in the preview."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.conftest import minimal, soup, write_content

WATCH = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));"""

PAGES = ["", "actors/", "actors/putin/", "chronology/", "positions/", "sources/",
         "articles/zelensky-challenges-putin/", "changes/", "uk/", "uk/actors/putin/",
         "ru/chronology/", "claims/", "search/", "uk/claims/", "no/such/page/"]


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


def test_every_page_carries_the_policy_and_a_referrer_policy(seed_site: Path):
    for path in sorted(seed_site.rglob("*.html")):
        html = soup(path)
        policy = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None, path
        rules = dict(rule.strip().split(" ", 1) for rule in policy["content"].split(";"))
        assert rules["default-src"] == "'none'"
        assert rules["script-src"] == "'self' 'wasm-unsafe-eval'"  # no inline, no eval
        assert rules["style-src"] == rules["img-src"] == rules["connect-src"] == "'self'"
        assert html.find("meta", attrs={"name": "referrer"})["content"] == "same-origin"
        for script in html.find_all("script"):  # only files, and data that is never run
            assert script.get("src") or script.get("type") in (
                "application/ld+json", "application/json"), (path, script)
        assert not html.select("[style]"), path


def test_an_image_from_elsewhere_is_allowed_from_its_origin_alone(tmp_path: Path):
    from briefing.pipeline import build
    from tests.conftest import TEMPLATES

    files = minimal()
    files["actors/ana.yaml"]["image"] = {"src": "https://upload.wikimedia.org/a/b/ana.jpg",
                                         "alt": "Ana"}
    build(write_content(tmp_path, files), tmp_path / "site", TEMPLATES, search=False)
    policy = soup(tmp_path / "site" / "index.html").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "img-src 'self' https://upload.wikimedia.org;" in policy


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
    from tests.test_serve import open_live, start_server, stop_server

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
