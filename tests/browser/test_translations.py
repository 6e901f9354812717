"""Translations in Chromium: the language switcher, dates and counts in Ukrainian, the
404 page and search in each language, Arabic laid out right to left (the rules:
tests/process/test_translations.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers.common import serve_under_sub_path
from tests.helpers.reading import VNU

# In Chromium ---------------------------------------------------------------------------

def test_the_switcher_goes_to_the_same_page_in_each_language(page: Page, seed_server: str):
    page.goto(seed_server + "actors/putin/")
    for name, path, heading in (("Українська", "uk/actors/putin/", "Володимир Путін"),
                                ("Русский", "ru/actors/putin/", "Владимир Путин"),
                                ("English", "actors/putin/", "Vladimir Putin")):
        page.locator("nav.languages").get_by_role("link", name=name).click()
        page.wait_for_url(seed_server + path)
        expect(page.locator("h1")).to_have_text(heading)
    assert page.evaluate("document.documentElement.lang") == "en"


def test_ukrainian_pages_show_ukrainian_dates_counts_and_script_words(page: Page,
                                                                      seed_server: str):
    page.goto(seed_server + "uk/chronology/")
    expect(page.locator(".event-date time").first).to_have_text("24 лютого 2022\u202fр.")
    expect(page.locator(".filter-count")).to_have_text("Показано всі 9 подій")
    page.select_option("select[name=actor]", "putin")
    expect(page.locator(".filter-count")).to_have_text(re.compile(r"^Показано \d з 9 подій$"))
    page.locator(".whats-new-switch").check()
    expect(page.locator(".whats-new-status")).to_have_text(re.compile("^Увімкнено: "))


@pytest.mark.parametrize("path, lang, heading", [
    ("uk/no/such/page/", "uk", "Сторінку не знайдено"),
    ("ru/nothing-here", "ru", "Страница не найдена"),
    ("no/such/page/", "en", "Page not found"),
])
def test_the_404_page_answers_in_the_language_of_the_path(page: Page, seed_server: str,
                                                         path: str, lang: str, heading: str):
    response = page.goto(seed_server + path)
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text(heading)
    assert page.evaluate("document.documentElement.lang") == lang
    prefix = "" if lang == "en" else f"{lang}/"
    assert page.locator(".brand").get_attribute("href") == f"/briefing-site/{prefix}"
    assert page.title().startswith(heading)


def search_results(page: Page, url: str) -> list[str]:
    page.goto(url)
    expect(page.locator(".search-count")).not_to_be_empty()
    return page.eval_on_selector_all(".search-results a", "links => links.map(a => a.href)")


def test_search_in_a_language_finds_that_languages_pages_only(page: Page, seed_server: str):
    ukrainian = search_results(page, seed_server + "uk/search/?q=Путін")
    assert ukrainian and all("/briefing-site/uk/" in url for url in ukrainian)
    expect(page.locator(".search-count")).to_have_text(re.compile(r"за запитом «Путін»$"))
    english = search_results(page, seed_server + "search/?q=Putin")
    assert english and not any(re.search(r"/briefing-site/(uk|ru)/", url) for url in english)
    russian = search_results(page, seed_server + "ru/search/?q=Путин")
    assert russian and all("/briefing-site/ru/" in url for url in russian)


@pytest.fixture(scope="module")
def arabic_server(arabic: Path) -> Iterator[str]:
    with serve_under_sub_path(arabic / "site", arabic / "www") as url:
        yield url


def test_the_arabic_pages_lay_out_right_to_left(page: Page, arabic_server: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(arabic_server + "ar/chronology/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    event = page.locator(".event").first
    assert event.evaluate("e => getComputedStyle(e).borderRightWidth") == "2px"
    assert event.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    brand = page.locator(".brand").bounding_box()
    search = page.locator(".site-search").bounding_box()
    assert brand and search and brand["x"] > search["x"]  # the start is on the right
    page.goto(arabic_server + "chronology/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"


def test_axe_and_the_nu_checker_pass_the_arabic_pages(browser: Browser, arabic: Path,
                                                      arabic_server: str):
    from axe_playwright_python.sync_playwright import Axe

    paths = sorted(p.parent.relative_to(arabic / "site").as_posix() + "/"
                   for p in (arabic / "site" / "ar").rglob("index.html"))
    assert len(paths) >= 10 and "ar/actors/jose-nunez/" in paths
    context = browser.new_context()
    for path in [*paths, "ar/no/such/page/"]:
        reader = context.new_page()
        reader.goto(arabic_server + path)
        reader.wait_for_load_state("networkidle")
        result = Axe().run(reader)
        assert result.violations_count == 0, f"{path}: {result.generate_report()}"
        reader.close()
    context.close()
    assert VNU.is_file(), "scripts/test.sh installs the checker (npm ci)"
    checked = subprocess.run([shutil.which("java") or "java", "-jar", str(VNU), "--errors-only",
                              "--skip-non-html", str(arabic / "site")],
                             capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
