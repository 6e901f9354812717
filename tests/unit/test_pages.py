"""Unit tests of output/pages.py: which pages a briefing has, at which paths, offered in
which languages, described how; and the policy and headings every page shows."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from briefing.model.dates import Moment, PartialDate
from briefing.output import groupings, pages, policy
from briefing.output.pages import Page, Site
from briefing.pipeline import plan
from tests.helpers.common import TEMPLATES, minimal
from tests.helpers.pages import load, translated


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[Site, ...], list[Page]]:
    """The translated minimal briefing's sites and pages."""
    return plan(load(tmp_path_factory.mktemp("pages"), translated()), TEMPLATES)


def by_address(found: list[Page]) -> dict[str, Page]:
    return {page.address: page for page in found}


def test_pretty_urls_are_folders_and_a_translations_pages_are_under_its_prefix():
    page = Page("actors/ana/", "actor.html", "Ana", "")
    assert (page.address, page.path) == ("actors/ana/", "actors/ana/index.html")
    uk = Page("actors/ana/", "actor.html", "Ana", "", prefix="uk/")
    assert (uk.address, uk.path) == ("uk/actors/ana/", "uk/actors/ana/index.html")
    assert Page("404.html", "404.html", "", "").path == "404.html"


def test_the_one_404_page_is_at_the_root_and_every_page_exists_in_both_languages(planned):
    _, found = planned
    addresses = set(by_address(found))
    assert "404.html" in addresses and "uk/404.html" not in addresses
    assert {"actors/ana/", "uk/actors/ana/", "articles/report/", "uk/articles/report/",
            "chronology/", "uk/chronology/"} <= addresses
    assert "claims/" not in addresses  # no claims, no claims page


def test_a_page_with_nothing_translated_is_not_offered_nor_an_alternate(planned):
    found = by_address(planned[1])
    assert not found["uk/chronology/"].offered and found["uk/actors/ana/"].offered
    assert [lang.tag for lang in found["actors/ana/"].alternates] == ["en", "uk"]
    assert found["chronology/"].alternates == () and found["chronology/"].offered_in == ("",)
    assert found["actors/ana/"].offered_in == ("", "uk/")
    assert not found["uk/articles/report/"].offered  # an article is its source's words


def test_descriptions_are_counted_and_in_the_pages_language(planned):
    found = by_address(planned[1])
    assert found["actors/"].description == "The 1 person in this briefing, by side."
    assert found["uk/actors/"].description == "1 особа в цьому брифінгу, за сторонами."
    assert found["uk/actors/ana/"].title == "Ана"


def test_each_language_has_its_site_with_the_original_named(planned):
    en, uk = planned[0]
    assert (en.prefix, en.language, en.original) == ("", "en", None)
    assert (uk.prefix, uk.language, uk.original.tag) == ("uk/", "uk", "en")
    assert [lang.tag for lang in uk.languages] == ["en", "uk"]
    assert {url: label for url, label, _ in uk.nav}["actors/"] == "Дійові особи"


def test_a_page_is_offered_unless_all_its_main_text_is_untranslated():
    untranslated = SimpleNamespace(tx=SimpleNamespace(none=True))
    partly = SimpleNamespace(tx=SimpleNamespace(none=False))
    original = SimpleNamespace(tx=None)
    assert pages.offered([]) and pages.offered([untranslated, partly])
    assert pages.offered([original]) and not pages.offered([untranslated, untranslated])


def test_a_pages_last_modification_falls_back_to_the_briefings_revision():
    fallback = Moment(dt.date(2026, 3, 12), written="2026-03-12")
    made = pages.planned("x/", "actors.html", "X", "x", fallback=fallback)
    assert made.lastmod == "2026-03-12" and made.context["notices"] == ()
    assert pages.planned("x/", "actors.html", "X", "x").lastmod is None


def test_the_positions_heading_counts_the_sides_unless_the_editors_named_it(tmp_path):
    files = minimal()
    assert pages.positions_heading(load(tmp_path, files)) == ("Where both sides stand", None)
    files["briefing.yaml"]["sides"].append({"id": "east", "name": "The East"})
    assert pages.positions_heading(load(tmp_path, files))[0] == "Where the sides stand"
    files["briefing.yaml"]["positions_title"] = "Who wants what"
    assert pages.positions_heading(load(tmp_path, files)) == ("Who wants what", None)


def test_the_content_policy_allows_a_remote_pictures_origin_and_nothing_else(tmp_path):
    files = minimal()
    files["actors/ana.yaml"]["image"] = {"src": "https://img.example.org:8443/a/ana.jpg",
                                         "alt": "Ana"}
    made = policy.content_policy(load(tmp_path, files))
    assert "img-src 'self' https://img.example.org:8443;" in made
    assert "script-src 'self' 'wasm-unsafe-eval';" in made and "/a/ana.jpg" not in made


def test_groupings_keep_reading_order():
    assert groupings.anchor_number("quote-12") == 12
    assert sorted(["quote-10", "quote-2"], key=groupings.anchor_number) == ["quote-2", "quote-10"]
    assert policy.origin("https://img.example.org/x.png?y=1") == "https://img.example.org"


def test_the_chronology_is_grouped_by_year_oldest_first(tmp_path):
    files = minimal()
    files["chronology.yaml"].insert(0, {"date": "2025-01", "title": "Earlier", "actors": ["ana"],
                                        "sources": ["report"]})
    years = groupings.by_year(load(tmp_path, files))
    assert [(year, [e.date for e in events]) for year, events in years] == [
        (2025, [PartialDate(2025, 1)]), (2026, [PartialDate(2026, 3, 12)])]
