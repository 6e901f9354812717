"""Unit tests of rendering (output/render.py, environment.py, filters.py, languages.py,
messages.py): links relative to the page read from the template context, dates and
translation notes in the page's language, the language switcher, hreflang, JSON-LD,
the 404 page's other languages, event fragments, template mistakes as problems, and
what an edited template drops."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from briefing.model.dates import PartialDate
from briefing.output.environment import users_of
from briefing.output.filters import UP
from briefing.output.pages import Page, Site
from briefing.output.render import Renderer, RenderMemo
from briefing.pipeline import plan
from briefing.problems import BuildFailed
from tests.helpers.common import TEMPLATES
from tests.helpers.pages import load, translated

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[tuple[Site, ...], dict[str, Page]]:
    """The translated minimal briefing's sites (en, uk) and pages by address."""
    sites, pages = plan(load(tmp_path_factory.mktemp("render"), translated()), TEMPLATES)
    return sites, {page.address: page for page in pages}


@pytest.fixture(scope="module")
def renderer(built) -> Renderer:
    return Renderer.for_build(TEMPLATES, built[0], RenderMemo())


def show(renderer: Renderer, source: str, page: Page, **more: object) -> str:
    """`source` rendered on `page`, in its language, as the renderer renders a page."""
    site = renderer.site_of(page)
    return renderer.env.from_string(source).render(
        site=site, page=page, sites=tuple(renderer.sites.values()), **more)


def on(url: str, prefix: str = "", template: str = "actor.html") -> Page:
    return Page(url, template, "", "", prefix=prefix)


def test_a_link_from_a_nested_page_climbs_to_the_root_and_stays_in_its_language(renderer):
    assert show(renderer, "{{ 'sources/#source-report'|url }}", on("actors/ana/")) == \
        "../../sources/#source-report"
    assert show(renderer, "{{ 'sources/'|url }}", on("actors/ana/", "uk/")) == \
        "../../../uk/sources/"
    assert show(renderer, "{{ 'style.css'|asset }}", on("actors/ana/", "uk/")) == \
        "../../../style.css"  # shared by every language


def test_a_link_to_the_page_itself_is_its_anchor_and_the_overview_is_here(renderer):
    assert show(renderer, "{{ 'actors/ana/#quotes'|url }}", on("actors/ana/")) == "#quotes"
    assert show(renderer, "{{ ''|url }}", on("", template="overview.html")) == "./"


def test_the_404_pages_links_start_from_the_base_path(renderer):
    page = on("404.html", template="404.html")
    assert show(renderer, "{{ 'actors/'|url }} {{ 'style.css'|asset }}", page) == \
        "/repo/actors/ /repo/style.css"


def test_a_pictures_link_is_percent_encoded_in_media(renderer):
    assert show(renderer, "{{ 'ana photo.jpg'|media }}", on("actors/")) == \
        "../media/ana%20photo.jpg"


def test_a_macro_links_from_the_page_that_imports_it(renderer, built):
    actor = built[1]["actors/ana/"].context["actor"]
    chip = '{% from "_macros.html" import actor_chip with context %}{{ actor_chip(actor) }}'
    hrefs = [BeautifulSoup(show(renderer, chip, page, actor=actor), "html.parser").a["href"]
             for page in (on("actors/"), on("actors/ana/"), on("", template="overview.html"))]
    assert hrefs == ["../actors/ana/", "../../actors/ana/", "actors/ana/"]


def test_dates_are_written_in_the_pages_language(renderer):
    day = PartialDate(2025, 5, 12)
    assert show(renderer, "{{ day|date }}", on("actors/", "uk/"), day=day) == \
        f'<time datetime="2025-05-12">12 травня 2025{NNBSP}р.</time>'
    assert show(renderer, "{{ day|date }}", on("actors/"), day=day) == \
        '<time datetime="2025-05-12">12 May 2025</time>'


def test_an_approximate_span_says_circa_in_the_pages_language(renderer):
    event = SimpleNamespace(date=PartialDate(2025, 7, 1), end=PartialDate(2025, 9, 30),
                            approximate=True)
    html = show(renderer, "{{ event|when }}", on("chronology/"), event=event)
    assert html == ('<abbr title="circa, around">c.</abbr> <time datetime="2025-07-01">1 July'
                    '</time> – <time datetime="2025-09-30">30 September 2025</time>')
    assert show(renderer, "{{ event|when }}", on("chronology/", "uk/"),
                event=event).startswith('<abbr title="близько, приблизно">бл.</abbr> ')


def test_a_translations_missing_and_stale_fields_say_so(renderer):
    missing = SimpleNamespace(tx=SimpleNamespace(missing={"role"}, stale=False, lang="en"))
    stale = SimpleNamespace(tx=SimpleNamespace(missing=set(), stale=True, lang="en",
                                               original=lambda name: "Mayor"))
    uk = on("actors/ana/", "uk/")
    assert show(renderer, "<p{{ item|tx('role') }}>", uk, item=missing) == \
        '<p lang="en" dir="auto">'
    assert show(renderer, "{{ item|tx_note('role') }}", uk, item=missing) == \
        '<span class="tx-note" lang="uk">ще не перекладено</span>'
    note = BeautifulSoup(show(renderer, "{{ item|tx_note('role') }}", uk, item=stale),
                         "html.parser")
    assert note.details.p["lang"] == "en" and note.details.p.text == "Mayor"
    assert show(renderer, "{{ item|tx_note('name') }}", uk, item=missing) == ""


def test_words_kept_as_written_are_marked_only_on_a_translations_page(renderer):
    template = "<q{{ 'x'|said_in }}>{{ 'x'|untranslated }}"
    assert show(renderer, template, on("actors/ana/")) == "<q>"
    assert show(renderer, template, on("actors/ana/", "uk/")) == (
        '<q lang="en" dir="auto"> <span class="tx-note" lang="uk">ще не перекладено</span>')


def switcher(renderer: Renderer, page: Page) -> list[tuple[str, str, bool]]:
    items = BeautifulSoup(show(renderer, "{{ page|switcher }}", page), "html.parser")
    return [(a["lang"], a["href"], a.has_attr("aria-current")) for a in items.select("a")]


def test_the_switcher_leaves_out_languages_not_offering_the_page(renderer, built):
    pages = built[1]
    assert switcher(renderer, pages["actors/ana/"]) == [
        ("en", "../../actors/ana/", True), ("uk", "../../uk/actors/ana/", False)]
    assert switcher(renderer, pages["chronology/"]) == []  # nothing of it in Ukrainian
    assert switcher(renderer, pages["uk/chronology/"]) == [
        ("en", "../../chronology/", False), ("uk", "../../uk/chronology/", True)]


def test_the_404_pages_switcher_leads_to_each_languages_overview(renderer, built):
    assert switcher(renderer, built[1]["404.html"]) == [("en", "/repo/", True),
                                                       ("uk", "/repo/uk/", False)]


def test_hreflang_names_every_language_offering_the_page_and_the_original(renderer, built):
    links = BeautifulSoup(show(renderer, "{{ page|hreflang }}", built[1]["uk/actors/ana/"]),
                          "html.parser").select("link")
    assert [(link["hreflang"], link["href"]) for link in links] == [
        ("en", "https://x.github.io/repo/actors/ana/"),
        ("uk", "https://x.github.io/repo/uk/actors/ana/"),
        ("x-default", "https://x.github.io/repo/actors/ana/")]
    assert show(renderer, "{{ page|og_alternates }}", built[1]["uk/actors/ana/"]) == \
        '<meta property="og:locale:alternate" content="en_US">'


def test_json_ld_describes_the_page_in_its_language(renderer, built):
    html = show(renderer, "{{ page|json_ld }}", built[1]["uk/actors/ana/"])
    data = json.loads(BeautifulSoup(html, "html.parser").script.string)
    profile, person = data["@graph"][:2]
    assert profile["@type"] == "ProfilePage" and profile["inLanguage"] == "uk"
    assert profile["url"] == "https://x.github.io/repo/uk/actors/ana/"
    assert profile["translationOfWork"] == {"@id": "https://x.github.io/repo/actors/ana/"}
    assert person["name"] == "Ана"
    assert show(renderer, "{{ page|json_ld }}", built[1]["404.html"]) == ""


def test_the_404_page_carries_each_other_languages_header_in_its_words(renderer, built):
    html = BeautifulSoup(renderer.render_page(built[1]["404.html"]), "html.parser")
    uk = BeautifulSoup(html.select_one('template[data-lang="uk"]').decode_contents(),
                       "html.parser")
    assert uk.select_one(".skip-link").text == "Перейти до змісту"
    assert uk.select_one("nav a")["href"] == "/repo/uk/"
    assert html.select_one(".skip-link").text == "Skip to content"  # its own, in English


def test_interface_text_escapes_its_variables_and_counts_by_the_languages_rules(renderer):
    assert show(renderer, '{{ _("Updated %(when)s.", when="<b>") }}', on("actors/")) == \
        "Updated &lt;b&gt;."
    counted = '{{ ngettext("%(num)s event, oldest first.", "%(num)s events, oldest first.", n) }}'
    assert [show(renderer, counted, on("actors/", "uk/"), n=n).split()[1]
            for n in (1, 3, 5)] == ["подія,", "події,", "подій,"]


def test_an_event_is_rendered_once_and_linked_from_each_pages_depth(built):
    renderer = Renderer.for_build(TEMPLATES, built[0], RenderMemo())
    chronology = BeautifulSoup(renderer.render_page(built[1]["chronology/"]), "html.parser")
    actor = BeautifulSoup(renderer.render_page(built[1]["actors/ana/"]), "html.parser")
    assert len(renderer.memo.fragments) == 1 and list(renderer.memo.modules) == [""]
    assert UP in next(iter(renderer.memo.fragments.values()))[1]
    chip = ".event a.chip"
    assert chronology.select_one(chip)["href"] == "../actors/ana/"
    assert actor.select_one(chip)["href"] == "../../actors/ana/"


def test_a_template_mistake_names_the_template_and_its_line(tmp_path: Path, built):
    (tmp_path / "bad.html").write_text("line one\n{{ missing.name }}\n")
    renderer = Renderer.for_build(tmp_path, built[0], RenderMemo())
    with pytest.raises(BuildFailed) as failed:
        renderer.render("bad.html", built[1]["actors/"], {})
    problem = failed.value.problems[0]
    assert (Path(problem.path).name, problem.line) == ("bad.html", 2)
    assert problem.message.startswith("template error: 'missing' is undefined")
    assert problem.message.endswith("(rendering actors/)")


def test_an_edited_template_drops_what_it_and_its_users_made(tmp_path: Path, built):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("static"))
    cache = RenderMemo()
    renderer = Renderer.for_build(templates, built[0], cache)
    assert "actor.html" in renderer.touched
    renderer.render_page(built[1]["chronology/"])
    assert cache.fragments and Renderer.for_build(templates, built[0], cache).touched == set()
    macros = templates / "_macros.html"
    os.utime(macros, ns=(0, macros.stat().st_mtime_ns + 10**9))
    touched = Renderer.for_build(templates, built[0], cache).touched
    assert {"_macros.html", "_event.html", "actor.html", "chronology.html"} <= touched
    assert "search.html" not in touched and not cache.fragments and not cache.modules
    assert users_of(cache.env, {"base.html"}) >= {"search.html", "404.html"}
