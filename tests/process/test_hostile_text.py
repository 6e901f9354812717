"""Hostile-repository suite: text that would inject markup or disguise itself.

- A translator's catalog (templates/locales/uk.po) holds markup: a translation keeps a
  tag only where its English original has the very same tag; anything else is shown as
  the text it is, in `_()`, `ngettext()` and `{% trans %}` alike.
- Invisible characters in content: bidirectional overrides, embeddings and isolates
  (U+202A–U+202E, U+2066–U+2069; "Trojan Source") reorder what readers and reviewers
  see; they, and the other invisible characters with no place in text, are errors at
  the character's own line and column, named; those some scripts need are warnings.
- An escape sequence in a key (`"\\e[2J": x`) is printed as an escape by `check`, in
  text and in GitHub's annotations, never sent raw to a terminal or a log.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from briefing.linking.matching import digest
from briefing.output import i18n
from briefing.pipeline import load_and_check
from tests.helpers.common import ROOT, SEED, minimal, run_cli, soup, write_content

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


# Invisible characters --------------------------------------------------------------------

ACTOR = "name: Ana Example\nrole: Mayor\nside: north\nsummary: Ana.\n"
BIDI = "an invisible character that reorders the text after it"
HIDDEN = "an invisible character: text that looks the same is not"


def problems_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rel: str, text: str
                ) -> list[str]:
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files[rel] = text
    _, problems = load_and_check(write_content(tmp_path, files).relative_to(tmp_path))
    return [str(p) for p in problems if p.severity != "note"]


@pytest.mark.parametrize(("role", "where", "said"), [
    ("May\u202eroy", "2:10", f"error: U+202E RIGHT-TO-LEFT OVERRIDE: {BIDI}"),
    ("May\u202droy", "2:10", f"error: U+202D LEFT-TO-RIGHT OVERRIDE: {BIDI}"),
    ("\u202aMayor", "2:7", f"error: U+202A LEFT-TO-RIGHT EMBEDDING: {BIDI}"),
    ("\u202bMayor", "2:7", f"error: U+202B RIGHT-TO-LEFT EMBEDDING: {BIDI}"),
    ("Mayor\u202c", "2:12", f"error: U+202C POP DIRECTIONAL FORMATTING: {BIDI}"),
    ("a \u2066Mayor", "2:9", f"error: U+2066 LEFT-TO-RIGHT ISOLATE: {BIDI}"),
    ("a \u2067Mayor", "2:9", f"error: U+2067 RIGHT-TO-LEFT ISOLATE: {BIDI}"),
    ("a \u2068Mayor", "2:9", f"error: U+2068 FIRST STRONG ISOLATE: {BIDI}"),
    ("a \u202e\u2066\u202e", "2:9", f"error: U+202E RIGHT-TO-LEFT OVERRIDE, and 2 more after "
     f"it: {BIDI}"),
    ('"May\\u202eor"', "2:11", "error: U+202E RIGHT-TO-LEFT OVERRIDE (written as an escape): "
     + BIDI),
    ('"a \\\\ \\U00002069"', "2:13", "error: U+2069 POP DIRECTIONAL ISOLATE (written as an "
     "escape)"),
    ('"May\\x9bor"', "2:11", "error: U+009B (written as an escape): a control character"),
    ('"May\\Nor"', "2:11", "error: U+0085 (written as an escape): a control character"),
    ('"May\\Por"', "2:11", "error: U+2029 PARAGRAPH SEPARATOR (written as an escape): a line "
     "break that pages do not show as one"),
    ('"Mayor\u2028of here"', "2:13", "error: U+2028 LINE SEPARATOR: a line break"),
    ("Mayor\ufff9x", "2:12", "error: U+FFF9 INTERLINEAR ANNOTATION ANCHOR: it hides"),
    ("May\u200bor", "2:10", f"warning: U+200B ZERO WIDTH SPACE: {HIDDEN}"),
    ("May\u2060or", "2:10", f"warning: U+2060 WORD JOINER: {HIDDEN}"),
    ("May\ufeffor", "2:10", f"warning: U+FEFF ZERO WIDTH NO-BREAK SPACE: {HIDDEN}"),
    ("May\u3164or", "2:10", f"warning: U+3164 HANGUL FILLER: {HIDDEN}"),
    ("Mayor\U000e0069\U000e0067\U000e006e", "2:12", "warning: U+E0069 TAG LATIN SMALL LETTER "
     "I, and 2 more after it: invisible text"),
])
def test_an_invisible_character_is_named_where_it_is(tmp_path: Path, monkeypatch, role: str,
                                                     where: str, said: str):
    problems = problems_of(tmp_path, monkeypatch, "actors/ana.yaml",
                           ACTOR.replace("Mayor", role))
    assert len(problems) == 1 and problems[0].startswith(
        f"content/actors/ana.yaml:{where}: {said}"), problems


@pytest.mark.parametrize("role", [
    "مهندس\u200cی",  # Persian: U+200C ZERO WIDTH NON-JOINER inside a word
    "👩\u200d👩\u200d👧 Mayor",  # an emoji family: U+200D ZERO WIDTH JOINER
    "\u05e8\u05d0\u05e9 \u200fעיר\u200e (Mayor)",  # Hebrew with its marks
    "رئيس\u061c البلدية",  # U+061C ARABIC LETTER MARK
    "Mayor \U0001F3F4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # 🏴 flag
    "May\u00ador of Bel\u00adgrade",  # soft hyphens
    "❤\ufe0f Mayor",  # a variation selector
])
def test_the_characters_writing_needs_pass(tmp_path: Path, monkeypatch, role: str):
    assert problems_of(tmp_path, monkeypatch, "actors/ana.yaml",
                       ACTOR.replace("Mayor", role)) == []


def test_an_override_in_a_comment_an_article_or_a_translation_is_found(tmp_path: Path,
                                                                         monkeypatch):
    """Trojan Source: a comment that reorders how the line after it is seen in review."""
    assert problems_of(tmp_path, monkeypatch, "actors/ana.yaml",
                       ACTOR.replace("Mayor", "Mayor  # \u202e note")) == [
        f"content/actors/ana.yaml:2:16: error: U+202E RIGHT-TO-LEFT OVERRIDE: {BIDI}, so "
        "readers see other than what is written; remove it (the site sets each text's "
        "direction; the marks U+200E and U+200F are allowed)"]
    article = minimal()["articles/report.md"].replace("Then she", "Then \u2067she")
    assert [p.split(": error: ")[0] for p in problems_of(
        tmp_path, monkeypatch, "articles/report.md", article)] == [
        "content/articles/report.md:5:32"]
    translated = "language_name: Deutsch\ntitle: \"Ein \\u202eTest\"\n"
    assert [p.split(": U+")[0] for p in problems_of(
        tmp_path, monkeypatch, "translations/de/briefing.yaml", translated) if ": U+" in p] == [
        "content/translations/de/briefing.yaml:2:13: error"]


def test_an_override_stops_the_build_and_leaves_the_site(tmp_path: Path):
    shutil.copytree(SEED, tmp_path / "content")
    assert run_cli("build", "--no-search", cwd=tmp_path).returncode == 0
    before = (tmp_path / "site" / "actors" / "putin" / "index.html").read_bytes()
    putin = tmp_path / "content" / "actors" / "putin.yaml"
    putin.write_text(putin.read_text().replace("role: President of Russia",
                                               "role: President of \u202eaissuR"))
    result = run_cli("build", "--no-search", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/actors/putin.yaml:2:20: error: U+202E RIGHT-TO-LEFT OVERRIDE" in (
        result.stderr)
    assert (tmp_path / "site" / "actors" / "putin" / "index.html").read_bytes() == before


def test_a_warned_original_keeps_its_hash_and_its_translations_file_quiet(tmp_path: Path):
    """A zero-width space in an original is a warning there; the translation's skeleton
    quotes it visibly, hashes the original as written, and is not warned itself."""
    shutil.copytree(SEED, tmp_path / "content")
    putin = tmp_path / "content" / "actors" / "putin.yaml"
    putin.write_text(putin.read_text().replace("role: President of Russia",
                                               "role: President of\u200b Russia"))
    result = run_cli("translations", "uk", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    skeleton = (tmp_path / "content" / "translations" / "uk" / "actors" / "putin.yaml"
                ).read_text()
    # The translation was made from the text before: the new one is quoted below it.
    assert "#! President of<U+200B> Russia" in skeleton and "\u200b" not in skeleton
    confirmed = run_cli("translations", "uk", "--confirm", "actors/putin.yaml:role",
                        cwd=tmp_path)
    assert confirmed.returncode == 0, confirmed.stderr
    hashes = yaml.safe_load((tmp_path / "content" / "translations" / "uk" / "actors" /
                             "putin.yaml").read_text())["translated_from"]
    assert hashes["role"] == digest("President of\u200b Russia")  # the text as written
    check = run_cli("check", cwd=tmp_path)
    warned = [line for line in check.stderr.splitlines() if ": warning: " in line]
    assert warned == ["content/actors/putin.yaml:2:19: warning: U+200B ZERO WIDTH SPACE: "
                      f"{HIDDEN} (search and quote checks miss it); remove it unless the "
                      "language needs it here"], check.stderr


def test_an_override_in_a_catalog_stops_the_build(tmp_path: Path):
    """The interface text is checked as content is: a catalog may not reorder a heading."""
    shutil.copytree(SEED, tmp_path / "content")
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    po = templates / "locales" / "uk.po"
    text = po.read_text(encoding="utf-8")
    honest = 'msgid "Actors"\nmsgstr "Дійові особи"'
    po.write_text(text.replace(honest, 'msgid "Actors"\nmsgstr "Дійові \u202eособи"'),
                  encoding="utf-8")
    line = text[:text.index(honest)].count("\n") + 2
    result = run_cli("build", "--no-search", "--templates", str(templates), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"templates/locales/uk.po:{line}:16: error: U+202E RIGHT-TO-LEFT OVERRIDE" in (
        result.stderr)
    assert not (tmp_path / "site").exists()


def test_a_key_written_with_an_escape_sequence_reaches_the_terminal_escaped(tmp_path: Path):
    """A double-quoted key may hold ESC ("\\e[2J" clears a terminal): `check` names the
    unknown field with its unprintable characters shown as escapes, in every format."""
    shutil.copytree(SEED, tmp_path / "content")
    putin = tmp_path / "content" / "actors" / "putin.yaml"
    putin.write_text(putin.read_text() + '"\\e[2J\\e]0;owned\\a": x\n')
    for args in ([], ["--format", "github"]):
        result = run_cli("check", *args, cwd=tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        said = result.stdout + result.stderr
        assert "\x1b" not in said and "\x07" not in said
        assert "\\x1b[2J\\x1b]0;owned\\x07" in said
