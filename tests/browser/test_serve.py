"""The preview server as a real process, driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.helpers.common import ROOT
from tests.helpers.serve import (
    Server,
    open_live,
    server,  # noqa: F401  (fixtures)
    start_server,
    stop_server,
)


def test_every_save_reaches_the_browser_even_in_quick_succession(server: Server, page: Page):  # noqa: F811
    open_live(page, server, "actors/putin/")
    role = page.locator("p.role")
    expect(role).to_have_text("President of Russia")
    server.edit("actors/putin.yaml", "role: President of Russia",
                "role: President of the Russian Federation")
    expect(role).to_have_text("President of the Russian Federation", timeout=5000)
    # livereload alone would drop this one: it ignores reloads within 3 s of the last.
    server.edit("actors/putin.yaml", "of the Russian Federation", "of Russia (edited twice)")
    expect(role).to_have_text("President of Russia (edited twice)", timeout=5000)


def test_a_translation_edited_reaches_its_page_and_the_switcher_works(server: Server,  # noqa: F811
                                                                      page: Page):
    """The preview rebuilds on a translation file's save, and its language switcher
    leads to the same page in each language."""
    open_live(page, server, "uk/actors/putin/")
    role = page.locator("p.role")
    expect(role).to_have_text("Президент Росії")
    server.edit("translations/uk/actors/putin.yaml", 'role: "Президент Росії"',
                'role: "Президент Російської Федерації"')
    expect(role).to_have_text("Президент Російської Федерації", timeout=5000)
    page.locator('nav.languages a[hreflang="ru"]').click()
    expect(page).to_have_url(server.url + "ru/actors/putin/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.locator('nav.languages a[hreflang="en"]').click()
    expect(page).to_have_url(server.url + "actors/putin/")
    expect(role).to_have_text("President of Russia")


def test_errors_show_in_the_browser_and_the_page_recovers(server: Server, page: Page):  # noqa: F811
    open_live(page, server, "chronology/")
    server.edit("actors/putin.yaml", "side: russia", "side: [russia")
    overlay = page.locator("#briefing-build-error")
    expect(overlay).to_contain_text("the site below is out of date", timeout=5000)
    expect(overlay).to_contain_text("content/actors/putin.yaml:4:8: error:")
    expect(page.locator("h1")).to_have_text("Chronology")  # the last good site, below
    assert any("content/actors/putin.yaml:4:8: error:" in line for line in server.log)
    server.edit("actors/putin.yaml", "side: [russia", "side: russia")
    expect(overlay).to_have_count(0, timeout=5000)
    assert server.process.poll() is None


def test_a_broken_template_is_shown_and_recovers(tmp_path: Path, page: Page):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    running = start_server(tmp_path, "--templates", str(templates))
    try:
        open_live(page, running, "")
        chronology = templates / "chronology.html"
        good = chronology.read_text()
        chronology.write_text(good.replace("{% endfor %}", "{% endfor", 1))
        overlay = page.locator("#briefing-build-error")
        expect(overlay).to_contain_text("chronology.html", timeout=5000)
        chronology.write_text(good)
        expect(overlay).to_have_count(0, timeout=5000)
    finally:
        stop_server(running)
