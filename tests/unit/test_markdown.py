"""Markdown and plain text are safe in every field: no raw HTML, no unsafe links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.linking.markdown import (
    make_markdown,
    parse_article,
    render_block,
    render_inline,
    render_tokens,
    safe_link,
)
from briefing.pipeline import build
from tests.helpers.common import TEMPLATES, foreign_scripts, minimal, soup, write_content

# After markdown-it-py's own XSS fixtures: raw HTML, script links in every spelling.
HOSTILE = "\n\n".join([
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[a](javascript:alert(3))",
    "[b](JAVASCRIPT:alert(4))",
    "[c](&#x6A;avascript:alert(5))",
    "[d](vbscript:alert(6))",
    "[e](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)",
    "![f](javascript:alert(8))",
    "<javascript:alert(9)>",
    "[g](\x01javascript:alert(10))",
    '<a href="javascript:alert(11)">h</a>',
    "[ok](https://example.org/) and [rel](../chronology/) and [root](/actors/)",
])
PLAIN = "<script>alert('plain')</script> & <b>bold?</b>"


def hostile_briefing() -> dict[str, object]:
    """HOSTILE in every field; YAML fields refuse control characters (test_linker.py), so
    the one before `javascript:` is tried in the article's text only."""
    files = minimal()
    in_yaml = HOSTILE.replace("\x01", "")
    b = files["briefing.yaml"]
    b.update(summary=in_yaml, key_points=[in_yaml.replace("\n\n", " "), PLAIN], dek=PLAIN,
             title=PLAIN)
    b["sides"][0].update(name=PLAIN, description=PLAIN, short=PLAIN)
    files["actors/ana.yaml"].update(name=PLAIN, role=PLAIN, country=PLAIN, summary=in_yaml,
                                    links=[{"title": PLAIN, "url": "https://example.org/"}])
    files["actors/ana.yaml"]["quotes"][0]["context"] = PLAIN
    files["chronology.yaml"][0].update(title=PLAIN, summary=in_yaml)
    issue = files["positions.yaml"][0]
    issue.update(issue=PLAIN, summary=in_yaml)
    issue["stances"]["north"].update(position=PLAIN, detail=in_yaml)
    files["sources.yaml"][0].update(title=PLAIN, publisher=PLAIN)
    files["articles/report.md"] = (
        "---\ntitle: \"<script>x</script>\"\nsource: report\nnote: \"[n](javascript:alert(0))\""
        "\n---\n## A heading\n\nAna said: “We will talk.”\n\n" + HOSTILE + "\n")
    return files


@pytest.fixture
def hostile_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    content = write_content(tmp_path, hostile_briefing())
    build(content, tmp_path / "site", TEMPLATES, base_url="https://example.org/x/")
    return tmp_path / "site"


def test_no_script_handler_or_unsafe_link_reaches_any_page(hostile_site: Path):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) == 12  # with the search page and the cards to embed
    for page in pages:
        html = soup(page)
        assert foreign_scripts(html) == [], page
        for script in html.find_all("script", type="application/ld+json"):
            assert "<" not in script.string and json.loads(script.string), page
        for element in html.find_all(True):
            assert not [a for a in element.attrs if a.lower().startswith("on")], page
            for attr in ("href", "src"):
                if element.get(attr):
                    assert safe_link(element[attr]), (page, element)
    # Escaped, not dropped: the reader sees what the editor typed.
    overview = soup(hostile_site / "index.html")
    assert "<script>alert('plain')</script>" in overview.find("h1").get_text()
    assert "<script>alert(1)</script>" in overview.find(class_="prose").get_text()


def test_safe_links_survive(hostile_site: Path):
    hrefs = [a["href"] for a in soup(hostile_site / "index.html").select(".prose a")]
    assert "https://example.org/" in hrefs and "../chronology/" in hrefs
    assert "/x/actors/" in hrefs  # a root link, from the base path


@pytest.mark.parametrize("url, ok", [
    ("https://x.org", True), ("http://x.org", True), ("mailto:a@b.org", True),
    ("../x/", True), ("#frag", True), ("x/y.html", True),
    ("javascript:alert(1)", False), ("JavaScript:x", False), (" javascript:x", False),
    ("data:text/html,x", False), ("vbscript:x", False), ("file:///etc/passwd", False),
])
def test_safe_link(url, ok):
    assert safe_link(url) is ok


def test_typographic_quotes_and_heading_anchors(hostile_site: Path):
    assert "“double” and ‘single’" in render_block("\"double\" and 'single'")
    article = soup(hostile_site / "articles" / "report" / "index.html")
    assert article.find("h2", id="a-heading") is not None


def configured(heading_anchors: bool = False):
    """The one configuration, made here, as the site's field and article renderers are."""
    from briefing.linking.markdown import make_markdown

    return make_markdown(heading_anchors)


@pytest.mark.parametrize("source, html", [
    ("<b>bold</b> & <i>x</i>", "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt;</p>\n"),
    ('"Quoted" and \'single\'', "<p>“Quoted” and ‘single’</p>\n"),  # typographer
    ("Wait... (c) -- done", "<p>Wait… © – done</p>\n"),  # replacements
    ("~~struck~~", "<p><s>struck</s></p>\n"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n"
     "</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n"),
    ("www.example.org", "<p>www.example.org</p>\n"),  # commonmark: no linkify
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
    ("[x]( javascript:alert(1))", "<p>[x]( javascript:alert(1))</p>\n"),
    ("[x](https://example.org/)", '<p><a href="https://example.org/">x</a></p>\n'),
])
def test_the_configuration_renders_safely_and_typographically(source, html):
    assert configured().render(source, {"base_path": "/"}) == html


@pytest.mark.parametrize("source, html", [
    ("[p](/actors/putin/)", '<p><a href="/repo/actors/putin/">p</a></p>\n'),
    ("![m](/images/map.png)", '<p><img src="/repo/images/map.png" alt="m" /></p>\n'),
    ("[c](//cdn.example.org/x)", '<p><a href="//cdn.example.org/x">c</a></p>\n'),
    ("[r](../x/) [h](#top)", '<p><a href="../x/">r</a> <a href="#top">h</a></p>\n'),
])
def test_root_links_and_images_start_from_the_base_path(source, html):
    assert configured().render(source, {"base_path": "/repo/"}) == html


def test_without_a_base_path_root_links_start_from_the_root():
    assert configured().render("[p](/actors/)", {}) == '<p><a href="/actors/">p</a></p>\n'


def test_articles_get_heading_anchors_to_the_fourth_level_fields_none():
    text = "# One\n\n## Two words\n\n#### Four\n\n##### Five\n"
    article = configured(heading_anchors=True).render(text, {})
    assert article == ('<h1 id="one">One</h1>\n<h2 id="two-words">Two words</h2>\n'
                       '<h4 id="four">Four</h4>\n<h5>Five</h5>\n')
    assert configured().render(text, {}) == ("<h1>One</h1>\n<h2>Two words</h2>\n"
                                             "<h4>Four</h4>\n<h5>Five</h5>\n")
    assert 'id="zelenskyis-reply"' in configured(True).render("## Zelenskyi's reply", {})


@pytest.mark.parametrize("base_url, path", [
    (None, "/"), ("", "/"), ("https://example.org", "/"), ("https://example.org/", "/"),
    ("https://owner.github.io/repo", "/repo/"), ("https://owner.github.io/a/b/", "/a/b/")])
def test_the_base_path_of_a_base_url(base_url, path):
    from briefing.linking.markdown import base_path

    assert base_path(base_url) == path


@pytest.mark.parametrize("url", ["\x00javascript:x", " \tjavascript:x", "\x0bdata:x",
                                 "\x0cvbscript:x"])
def test_leading_blanks_do_not_hide_a_scheme(url):
    assert safe_link(url) is False


def test_the_renderers_start_root_links_at_the_root_unless_told_a_base_path():
    assert render_block("[p](/actors/)") == '<p><a href="/actors/">p</a></p>\n'
    assert render_inline("[p](/actors/)") == '<a href="/actors/">p</a>'
    assert render_tokens(parse_article("[p](/actors/)")) == (
        '<p><a href="/actors/">p</a></p>\n')
    assert render_inline("[p](/actors/)", "/repo/") == '<a href="/repo/actors/">p</a>'


def test_a_field_renderer_has_no_heading_anchors_unless_asked():
    assert make_markdown().render("# One") == "<h1>One</h1>\n"


def test_article_headings_take_the_sites_own_slugs():
    """The same slugs as ids everywhere else: ASCII words joined by one hyphen."""
    html = render_tokens(parse_article("## Talks — in Istanbul"))
    assert html == '<h2 id="talks-in-istanbul">Talks — in Istanbul</h2>\n'


def test_an_article_keeps_its_line_breaks_and_images_as_html():
    html = render_tokens(parse_article("One line\nthe next.\n\n![A map](/images/map.png)"))
    assert html == ('<p>One line\nthe next.</p>\n'
                    '<p><img src="/images/map.png" alt="A map" /></p>\n')
