"""Cards to embed, tried as a newsroom's article would: a host page on another origin
embeds one card of each kind (and a translation's) with the code the full pages offer
and the optional host script; each iframe ends at its card's height, after loading and
after the window narrows; the card's links open the full briefing in a new tab, with no
way back to the article; the card passes axe; it speaks Pym.js's and WordPress's
resizing messages too."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Frame, Page

from tests.helpers.common import ROOT, run_cli, serve_like_pages

CARDS = {  # a card of each kind, and a translation's, by the full page offering it
    "actors/putin/": "embed/actors/putin/",
    "chronology/": "embed/chronology/",
    "positions/": "embed/issues/direct-talks/",
    "claims/": "embed/claims/putin-comes-to-istanbul/",
    "uk/actors/zelensky/": "uk/embed/actors/zelensky/",
}
SLACK = 3  # px


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """(the briefing's address, the host page's, the built site): the seed built for the
    address it is served at, and a newsroom's article on another origin (another port)
    embedding the cards with the code their full pages offer."""
    www, news = tmp_path_factory.mktemp("www"), tmp_path_factory.mktemp("news")
    (news / "404.html").write_text("<!doctype html><title>Not found</title>")
    with serve_like_pages(www, www / "briefing-site" / "404.html") as origin, \
            serve_like_pages(news, news / "404.html") as host:
        site = www / "briefing-site"
        base = f"{origin}/briefing-site/"
        result = run_cli("build", "--no-search", "--out", str(site), "--base-url", base,
                         cwd=ROOT)
        assert result.returncode == 0, result.stderr
        (news / "article.html").write_text(article(site), encoding="utf-8")
        bare = article(site).replace(f'<script src="{base}embed.js" async></script>', "")
        (news / "bare.html").write_text(bare, encoding="utf-8")
        yield base, f"{host}/article.html", site


def offered(site: Path, full: str, card: str) -> str:
    """The code a full page's Embed disclosure offers for a card."""
    html = BeautifulSoup((site / full / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    codes = [t.get_text() for t in html.select("details.embed textarea")]
    return next(code for code in codes if f"/{card}\"" in code)


def article(site: Path) -> str:
    """A host page: paragraphs, and each card by the code offered for it (its iframe and
    the host script, pasted with each card as an editor would)."""
    codes = []
    for full, card in CARDS.items():
        code = offered(site, full, card)
        iframe, script = code.split("\n")
        # the oEmbed answer embeds the same card with the same iframe
        assert json.loads((site / card / "oembed.json").read_text())["html"] == iframe
        assert script.startswith("<script src=") and script.endswith('embed.js" async></script>')
        codes.append(code)
    words = "<p>" + "A newsroom's article about the talks, with context. " * 20 + "</p>"
    body = "\n".join(words + code for code in codes)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News</title>'
            '<link rel="icon" href="data:,"></head>'
            f"<body><main>{body}{words}</main></body></html>")


def card_frame(page: Page, index: int) -> Frame:
    iframe = page.locator("iframe").nth(index)
    iframe.scroll_into_view_if_needed()
    handle = iframe.element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None
    frame.wait_for_load_state("load")
    return frame


def fits(page: Page, index: int) -> tuple[float, float]:
    """(the iframe's height, its card's) once they agree, or after three seconds."""
    frame = card_frame(page, index)
    iframe = page.locator("iframe").nth(index)
    for _ in range(60):
        outer = iframe.evaluate("e => e.getBoundingClientRect().height")
        inner = frame.evaluate("document.documentElement.getBoundingClientRect().height")
        if abs(outer - inner) <= SLACK:
            break
        time.sleep(0.05)
    return outer, inner


def test_each_card_fits_its_iframe_after_loading_and_after_a_resize(browser: Browser, hosted):
    base, host, _ = hosted
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(host)
    assert page.locator("iframe").count() == len(CARDS)
    wide, moved = [], []
    for i, card in enumerate(CARDS.values()):
        iframe = page.locator("iframe").nth(i)
        assert iframe.get_attribute("src") == base + card
        outer, inner = fits(page, i)
        assert abs(outer - inner) <= SLACK, (card, outer, inner)
        wide.append(inner)
        moved.append(abs(inner - int(iframe.get_attribute("height") or 0)) > SLACK)
    page.set_viewport_size({"width": 340, "height": 700})
    narrow = []
    for i, card in enumerate(CARDS.values()):
        outer, inner = fits(page, i)
        assert abs(outer - inner) <= SLACK, (card, "narrow", outer, inner)
        narrow.append(inner)
        assert card_frame(page, i).evaluate(  # nothing sideways in a phone's column
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert any(moved)  # the host script moved them from the heights their code gives
    assert any(n > w + 20 for n, w in zip(narrow, wide, strict=True))  # they did grow
    assert errors == []
    page.close()


def test_a_cards_links_open_the_full_briefing_in_a_new_tab(browser: Browser, hosted):
    base, host, _ = hosted
    context = browser.new_context()
    page = context.new_page()
    page.goto(host)
    for i, (full, card) in enumerate(CARDS.items()):
        frame = card_frame(page, i)
        links = frame.locator("a").evaluate_all(
            "els => els.map(a => [a.href, a.target, a.relList.contains('noopener')])")
        assert links and all(t == "_blank" and n for _, t, n in links), card
        assert all(h.startswith(base) or h.startswith("https://") for h, _, _ in links)
        with page.expect_popup() as opened:
            frame.locator(".card-foot a").click()
        popup = opened.value
        popup.wait_for_load_state()
        assert popup.url.split("#")[0] == base + full
        assert popup.evaluate("window.opener") is None
        popup.close()
    assert page.url == host  # the article stays
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_cards(browser: Browser, hosted, scheme: str):
    base, _, _ = hosted
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    for card in CARDS.values():
        page.goto(base + card)
        result = Axe().run(page)
        assert result.violations_count == 0, f"{card}: {result.generate_report()}"
    context.close()


def test_a_card_speaks_pym_and_wordpress_when_asked(browser: Browser, hosted):
    """Pym.js adds childId to the card's address; WordPress, #?secret=… to its hash."""
    base, host, _ = hosted
    page = browser.new_page()
    page.goto(host)
    page.evaluate("""() => { window.got = [];
        addEventListener('message', e => window.got.push(e.data)); }""")
    src = base + CARDS["claims/"] + "?initialWidth=600&childId=graphic#?secret=Ab12"
    page.evaluate("""src => { const f = document.createElement('iframe');
        f.src = src; f.title = 'card'; document.body.append(f); }""", src)
    for _ in range(100):
        got = page.evaluate("window.got")
        if any(isinstance(m, str) for m in got) and any(
                isinstance(m, dict) and m.get("secret") for m in got):
            break
        time.sleep(0.05)
    pym = [m for m in got if isinstance(m, str)]
    assert pym and pym[-1].startswith("pymxPYMxgraphicxPYMxheightxPYMx")
    height = int(pym[-1].rsplit("xPYMx", 1)[1])
    assert {"secret": "Ab12", "message": "height", "value": height} in got
    assert {"sentinel": "amp", "type": "embed-size", "height": height} in got
    page.close()


def test_without_the_host_script_a_card_keeps_the_height_its_code_gives(browser: Browser,
                                                                         hosted):
    _, host, _ = hosted
    page = browser.new_page()
    page.goto(host.replace("article.html", "bare.html"))
    assert "embed.js" not in page.content()
    for i in range(len(CARDS)):
        card_frame(page, i).wait_for_selector(".card-foot a")  # the card is there
        iframe = page.locator("iframe").nth(i)
        height = iframe.evaluate("e => e.getBoundingClientRect().height")
        assert height == int(iframe.get_attribute("height") or 0)
    page.close()
