"""Editions (the contract's sections 8 and 12): tags read and named, `build.py edition`,
every edition built with its own tag's code into the live site's editions/, from a cache
the second time, each page stamped (noindex, canonical, a banner in the page's language
styled by the publisher's stylesheet, links to the list sent to the live list) by a
parser; the list in every language; kept by a plain build; crawled with no dead link."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.support import NullTranslations
from bs4 import BeautifulSoup

from briefing.editions.archive import Languages, banner_words, stamp_for
from briefing.editions.banner import Stamp, places, stamp
from briefing.editions.publish import Listed, listing_page
from briefing.editions.tags import Edition, next_tag, parse_name
from briefing.linking.loading import load_and_check
from briefing.output.render import Renderer, RenderMemo
from briefing.pipeline import plan
from tests.helpers.common import SEED, TEMPLATES, minimal, write_content
from tests.helpers.editions import BASE

# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("tag, parsed", [
    ("edition-2025-05-16", (dt.date(2025, 5, 16), 1)),
    ("edition-2025-05-16-2", (dt.date(2025, 5, 16), 2)),
    ("edition-2025-05-16-12", (dt.date(2025, 5, 16), 12)),
    ("edition-2025-02-30", None),  # no such day
    ("edition-2025-5-16", None),
    ("edition-2025-05-16-0", None),
    ("edition-2025-05-16-01", None),
    ("edition-16-05-2025", None),
    ("release-2025-05-16", None),
])
def test_an_edition_is_named_for_its_day(tag, parsed):
    assert parse_name(tag) == parsed


def test_the_next_edition_of_a_day_takes_the_next_number():
    day = dt.date(2025, 5, 16)
    assert next_tag(day, set()) == "edition-2025-05-16"
    assert next_tag(day, {"edition-2025-05-16"}) == "edition-2025-05-16-2"
    assert next_tag(day, {"edition-2025-05-16", "edition-2025-05-16-2"}) == (
        "edition-2025-05-16-3")
    assert next_tag(day, {"edition-2025-05-15"}) == "edition-2025-05-16"


# --- the banner, canonical and noindex: inserted, nothing else changed ----------------------

PAGE = ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>A &amp; B'
        '</title>\n<link rel="canonical" href="https://example.org/brief/editions/2025-05-16/'
        'actors/">\n<link rel="stylesheet" href="../style.css">\n</head>\n<body class="x">\n'
        '<p>Text with <b>"head"</b> and &lt;body&gt;</p>\n<!-- <body> -->\n</body>\n</html>\n')
WORDS = banner_words(TEMPLATES, dt.date(2025, 5, 16))


def stamped(page: str, live: str = "https://example.org/brief/actors/",
            stylesheet: str = "../../../edition.css", **more) -> str:
    return stamp(page, Stamp(live, stylesheet, WORDS, **more))


def test_a_page_gets_noindex_its_live_canonical_and_the_banner_and_keeps_the_rest():
    out = stamped(PAGE)
    assert out.count('<meta name="robots" content="noindex">') == 1
    assert out.count('rel="canonical"') == 1
    assert '<link rel="canonical" href="https://example.org/brief/actors/">' in out
    banner = ('<aside class="edition-banner" aria-label="About this edition" lang="en" '
              'dir="ltr"><p>An edition of 16 May 2025. <a href="https://example.org/brief/'
              'actors/">See the latest version</a></p></aside>')
    assert out.index(banner) == out.index('<body class="x">') + len('<body class="x">\n')
    sheet = '<link rel="stylesheet" href="../../../edition.css">\n'
    assert out.index(sheet) + len(sheet) == out.index("</head>")
    # take the four additions away again: the page's own bytes are left
    undone = (out.replace("\n" + banner, "").replace('\n<meta name="robots" content="noindex">',
                                                     "").replace(sheet, "")
              .replace('<link rel="canonical" href="https://example.org/brief/actors/">',
                       '<link rel="canonical" href="https://example.org/brief/editions/'
                       '2025-05-16/actors/">'))
    assert undone == PAGE


def test_the_banner_is_styled_by_the_publishers_stylesheet_after_the_pages_own():
    """The pages' policy (style-src 'self') refuses inline style: the banner's look is a
    file, loaded after the edition's own stylesheet so that its rules win."""
    html = BeautifulSoup(stamped(PAGE), "html.parser")
    sheets = [link["href"] for link in html.head.find_all("link", rel="stylesheet")]
    assert sheets == ["../style.css", "../../../edition.css"]
    assert html.find_all(style=True) == [] and html.find_all("style") == []
    css = (TEMPLATES / "static" / "edition.css").read_text()
    assert "aside.edition-banner {" in css and "prefers-color-scheme: dark" in css


@pytest.mark.parametrize("lang, label, text, direction", [
    ("uk", "Про це видання", "Видання від 16 травня 2025\u202fр. Переглянути останню версію",
     "ltr"),
    ("ru", "Об этом издании", "Издание от 16 мая 2025\u202fг. Посмотреть последнюю версию",
     "ltr"),
    ("ar", "عن هذا الإصدار", "إصدار 16 مايو 2025. اطّلع على أحدث نسخة", "rtl"),
    ("uk-UA", "Про це видання", "Видання від 16 травня 2025\u202fр. Переглянути останню "
     "версію", "ltr"),
    ("de", "About this edition", "An edition of 16 May 2025. See the latest version", "ltr"),
    ("", "About this edition", "An edition of 16 May 2025. See the latest version", "ltr"),
])
def test_the_banner_speaks_the_pages_language(lang, label, text, direction):
    """In the page's <html lang>, by the live catalogs; English (said so) for a
    language no catalog speaks."""
    page = PAGE.replace('<html lang="en">', f'<html lang="{lang}">' if lang else "<html>")
    banner = BeautifulSoup(stamped(page), "html.parser").find("aside", class_="edition-banner")
    assert banner["aria-label"] == label and banner.get_text(" ", strip=True) == text
    shown = lang if label != "About this edition" else "en"
    assert (banner["lang"], banner["dir"]) == (shown, direction)


def test_the_places_come_from_the_parser_not_from_the_text():
    """`<body>` inside a comment, text or an attribute is not the body."""
    tricky = ('<!doctype html><html><head><title>&lt;body&gt;</title><meta name="x" '
              'content="<body>"></head><!-- <body> --><body data-x="<head>">Hi</body></html>')
    found = places(tricky)
    assert tricky[:found.body].endswith('<body data-x="<head>">')
    assert tricky[:found.head].endswith("<head>")
    assert found.canonical is None


def test_the_places_count_lines_as_the_parser_does():
    """A line separator that is not a newline (U+2028, a form feed) in the text does not
    shift where the banner goes."""
    page = PAGE.replace("<title>A &amp; B", "<title>A\u2028&amp;\x0cB")
    out = stamped(page)
    assert '<body class="x">\n<aside class="edition-banner"' in out


def test_a_days_second_edition_says_its_number_on_its_banner_and_in_the_list():
    second = banner_words(TEMPLATES, dt.date(2025, 5, 16), 2)
    assert second("en").text == "Edition 2 of 16 May 2025."
    assert second("uk").text == "Видання 2 від 16 травня 2025\u202fр."
    assert WORDS("en").text == "An edition of 16 May 2025."
    briefing, _ = load_and_check(SEED)
    sites, _ = plan(briefing, TEMPLATES, search=False, editions=True)
    listed = [Listed(Edition(f"edition-2025-05-16{suffix}", dt.date(2025, 5, 16), n, "c" * 40),
                     (), frozenset()) for suffix, n in (("-2", 2), ("", 1))]
    listing = listing_page(listed, sites[0], NullTranslations())
    html = Renderer.for_build(TEMPLATES, sites, RenderMemo()).render(
        listing.template, listing, listing.context)
    headings = [h.get_text() for h in BeautifulSoup(html, "html.parser").select(".editions h2")]
    assert headings == ["Edition 2 of 16 May 2025", "Edition of 16 May 2025"]


def test_the_banner_comes_after_a_leading_skip_link():
    page = PAGE.replace('<body class="x">\n', '<body class="x">\n<a class="skip-link" '
                        'href="#main">Skip</a>\n')
    out = stamped(page, "../")
    assert '<a class="skip-link" href="#main">Skip</a>\n<aside class="edition-banner"' in out


def test_an_existing_robots_meta_gives_way_to_noindex():
    page = PAGE.replace("<meta charset", '<meta name="robots" content="index">\n<meta charset')
    out = stamped(page, "../../")
    assert 'content="index"' not in out and out.count('name="robots"') == 1


EDITION = Edition("edition-2025-05-16", dt.date(2025, 5, 16), 1, "0" * 40)
BOTH = Languages(frozenset({"uk/"}), frozenset({"uk/"}))


@pytest.mark.parametrize("rel, href, base_url, languages, wanted", [
    # the footer's link, from any depth, in the original and in a translation
    ("index.html", "editions/", BASE, BOTH, "/brief/editions/"),
    ("actors/putin/index.html", "../../editions/", BASE, BOTH, "/brief/editions/"),
    ("uk/actors/putin/index.html", "../../editions/", BASE, BOTH, "/brief/uk/editions/"),
    ("uk/actors/index.html", "../../editions/", BASE, BOTH, "/brief/editions/"),  # older code
    ("uk/index.html", "editions/index.html#top", BASE, BOTH, "/brief/uk/editions/#top"),
    # a translation the live site no longer has: its original's list
    ("uk/index.html", "editions/", BASE, Languages(frozenset({"uk/"}), frozenset()),
     "/brief/editions/"),
    # written whole (a 404 page's links, from the base path)
    ("404.html", "/brief/editions/2025-05-16/editions/", BASE, BOTH, "/brief/editions/"),
    ("index.html", BASE + "editions/2025-05-16/uk/editions/", BASE, BOTH,
     "/brief/uk/editions/"),
    # no base URL: a relative link out of the edition to the live list
    ("actors/putin/index.html", "../../editions/", None, BOTH, "../../../../editions/"),
    ("uk/index.html", "editions/", None, BOTH, "../../../uk/editions/"),
    # everything else stays in the edition, as it was
    ("index.html", "./", BASE, BOTH, None),
    ("index.html", "actors/", BASE, BOTH, None),
    ("actors/index.html", "editions/", BASE, BOTH, None),  # an actor whose id is `editions`
    ("actors/index.html", "../chronology/#editions", BASE, BOTH, None),
    ("index.html", "https://example.org/brief/editions/", BASE, BOTH, None),  # the live list
    ("index.html", "../2025-05-11/editions/", BASE, BOTH, None),  # another edition's
])
def test_links_to_the_list_of_editions_go_to_the_live_list(rel, href, base_url, languages,
                                                            wanted):
    how = stamp_for(rel, True, EDITION, base_url, WORDS, languages)
    assert how.relink(href) == wanted
    footer = f'<a class="more" href="{href}" data-x="a&amp;b" hidden>Editions</a>'
    out = stamp(PAGE.replace("<!-- <body> -->", footer), how)
    link = BeautifulSoup(out, "html.parser").find("a", class_="more")
    assert link["href"] == (wanted or href)
    assert (link["data-x"], link["hidden"], link.get_text()) == ("a&b", "", "Editions")
    if wanted is None:
        assert footer in out  # untouched, byte for byte


def test_a_build_carries_over_the_lists_and_editions_of_its_languages(tmp_path: Path):
    from briefing.linking.matching import digest
    from briefing.pipeline import build

    files = minimal()
    files["translations/uk/briefing.yaml"] = (
        f"title: Тест\ntranslated_from:\n  title: {digest('Test briefing')}\n")
    content, out = write_content(tmp_path, files), tmp_path / "site"
    build(content, out, TEMPLATES, search=False, editions=True)
    kept = {"editions/index.html": b"list", "editions/2026-03-12/index.html": b"frozen",
            "uk/editions/index.html": b"uk list"}
    for rel, data in {**kept, "ru/editions/index.html": b"a language since gone"}.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    build(content, out, TEMPLATES, search=False, editions=True)
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
             if "editions" in p.parts and p.is_file()}
    assert found == kept
    build(content, out, TEMPLATES, search=False)  # a briefing without editions: none kept
    assert not (out / "editions").exists() and not (out / "uk" / "editions").exists()
