"""Hostile-repository suite: text that would inject markup or disguise itself.

- A translator's catalog (templates/locales/uk.po) holds markup: a translation keeps a
  tag only where its English original has the very same tag; anything else is shown as
  the text it is, in `_()`, `ngettext()` and `{% trans %}` alike.
- Invisible characters in content: bidirectional overrides, embeddings and isolates
  (U+202A–U+202E, U+2066–U+2069; "Trojan Source") reorder what readers and reviewers
  see; they, and the other invisible characters with no place in text, are errors at
  the character's own line and column, named; those some scripts need are warnings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.output import i18n
from tests.conftest import ROOT, SEED, run_cli, soup

pytestmark = pytest.mark.process

TRANS = ('{% trans %}Everyone <em>named</em> here{% endtrans %}\n'
         '{% trans num=briefing.actors|length %}One <em>person</em>{% pluralize %}'
         '%(num)s <em>people</em>{% endtrans %}\n')
CATALOG = [  # (what uk.po says, what a hostile translator made it say)
    ('msgid "Actors"\nmsgstr "Дійові особи"',
     'msgid "Actors"\nmsgstr "<img src=x onerror=alert(1)>Дійові особи"'),
    ('msgstr "Кожен факт посилається на свої <a href=\\"%(sources)s\\">джерела</a>."',
     'msgstr "Кожен факт посилається на свої <a href=\\"%(sources)s\\">джерела</a>'
     '<a href=\\"%(sources)s\\" onclick=\\"alert(2)\\">!</a><script>alert(3)</script>'
     '<a href=\'%(sources)s\'>?</a>."'),
    ('msgstr[0] "Джерело:"', 'msgstr[0] "Джерело:<svg onload=alert(4)>"'),
    ('msgstr[1] "Джерела:"', 'msgstr[1] "Джерела:<svg onload=alert(4)>"'),
    ('msgstr[2] "Джерела:"', 'msgstr[2] "Джерела:<svg onload=alert(4)>"'),
]
TRANSLATED_TRANS = (  # the {% trans %} blocks' own translations, appended to uk.po
    '\nmsgid "Everyone <em>named</em> here"\n'
    'msgstr "Усі <em>названі</em> тут<iframe src=javascript:alert(5)></iframe>"\n'
    '\nmsgid "One <em>person</em>"\nmsgid_plural "%(num)s <em>people</em>"\n'
    + "".join(f'msgstr[{i}] "%(num)s <em>осіб</em><b onmouseover=alert(6)>!</b>"\n'
              for i in range(3)))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed built with a hostile uk.po (and templates using {% trans %})."""
    root = tmp_path_factory.mktemp("hostile-catalog")
    shutil.copytree(SEED, root / "content")
    templates = root / "templates"
    shutil.copytree(ROOT / "templates", templates)
    actors = templates / "actors.html"
    actors.write_text(actors.read_text().replace("{% block main %}\n",
                                                 "{% block main %}\n" + TRANS, 1))
    po = templates / "locales" / "uk.po"
    text = po.read_text(encoding="utf-8")
    for honest, hostile in CATALOG:
        assert honest in text, honest
        text = text.replace(honest, hostile, 1)
    po.write_text(text + TRANSLATED_TRANS, encoding="utf-8")
    result = run_cli("build", "--no-search", "--templates", str(templates), cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def scripted(page: BeautifulSoup) -> list[str]:
    """Whatever in a page could run script: handlers, <script> (other than the site's
    own, which have a src or are JSON), frames, SVG, images that do not exist."""
    found = [f"{tag.name}[{name}]" for tag in page.find_all(True) for name in tag.attrs
             if name.lower().startswith("on")]
    found += [str(tag) for tag in page.find_all("script")
              if not tag.get("src") and "json" not in tag.get("type", "")]
    return found + [str(tag) for tag in page.find_all(["iframe", "svg", "img"])
                    if "alert" in str(tag) or tag.get("src") == "x"]


def test_a_catalogs_markup_is_shown_as_text(hostile_site: Path):
    page = soup(hostile_site / "uk" / "actors" / "index.html")
    assert scripted(page) == []
    assert page.h1.get_text() == "<img src=x onerror=alert(1)>Дійові особи"
    assert page.find("b") is None


def test_a_translation_keeps_the_tags_of_its_original(hostile_site: Path):
    page = soup(hostile_site / "uk" / "actors" / "index.html")
    footer = page.find("footer")
    links = [a for a in footer.find_all("a") if a.get("href", "").endswith("sources/")]
    assert [a.get_text() for a in links] == ["джерела"]
    said = footer.get_text()
    assert 'onclick="alert(2)">!' in said and "<script>alert(3)</script>" in said
    assert "<a href='" in said  # the same tag, but not as the original writes it
    assert [em.get_text() for em in page.find_all("em")][:2] == ["названі", "осіб"]
    assert "<iframe src=javascript:alert(5)></iframe>" in page.get_text()
    assert "<b onmouseover=alert(6)>!</b>" in page.get_text()


def test_counted_messages_are_escaped_too(hostile_site: Path):
    page = soup(hostile_site / "uk" / "chronology" / "index.html")
    assert scripted(page) == []
    citations = page.find("p", class_="citations")
    assert "<svg onload=alert(4)>" in citations.get_text()


def test_the_original_is_untouched(hostile_site: Path):
    page = soup(hostile_site / "actors" / "index.html")
    assert page.h1.get_text() == "Actors"
    assert [em.get_text() for em in page.find_all("em")][:2] == ["named", "people"]


@pytest.mark.parametrize(("translated", "originals", "html"), [
    ("Привіт", ("Hello",), "Привіт"),
    ("a <b>b</b>", ("a <b>b</b>",), "a <b>b</b>"),  # the template's own words, as written
    ("<b>б</b>", ("<b>b</b>",), "<b>б</b>"),
    ("<b class=x>б</b>", ("<b>b</b>",), "&lt;b class=x&gt;б</b>"),
    ("Q&A &amp; &#8212; &#x2014;", ("Q&amp;A",), "Q&amp;A &amp; &#8212; &#x2014;"),
    ('<a href="%(u)s"<img src=x onerror=y>>', ('<a href="%(u)s">',),
     "&lt;a href=&#34;%(u)s&#34;&lt;img src=x onerror=y&gt;&gt;"),
    ("<em>1</em>", ("<b>one</b>", "<em>%(num)s</em>"), "<em>1</em>"),  # either original
    ("<!-- <b>x</b> -->", ("<b>x</b>",), "&lt;!-- <b>x</b> --&gt;"),
])
def test_catalog_html_keeps_only_the_originals_tags(translated, originals, html):
    assert str(i18n.catalog_html(translated, *originals)) == html
