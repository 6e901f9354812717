"""Translations (CONTRACT.md §7): checked per field against their originals, refreshed
without touching a translator's words, and published under /<lang>/ honestly: what is
not translated, or no longer up to date, says so; quotes keep their words; hreflang,
sitemap, feeds and the 404 page know every language.

The seed carries Ukrainian and Russian (machine) translations. tests/fixtures/water-ar/
is an Arabic translation of the water test briefing with one missing field, one stale
field and one untranslated page.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from briefing.linking.matching import digest
from briefing.model.dates import PartialDate
from briefing.output import i18n
from tests.helpers.common import (
    ROOT,
    SEED,
    TEMPLATES,
    assert_card,
    is_card,
    minimal,
    run_cli,
    soup,
    write_content,
)
from tests.helpers.translations import BASE, english_on

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
           "xhtml": "http://www.w3.org/1999/xhtml"}


def problems_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]


# Checking ------------------------------------------------------------------------------

def test_check_ends_with_a_table_per_language():
    result = run_cli("check", "--strict", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    table = result.stderr.split("translations:\n")[1].splitlines()
    assert table[0].split() == ["language", "translated", "missing", "stale", "machine"]
    rows = {row.split()[0]: row.split() for row in table[1:]}
    assert set(rows) == {"uk", "ru"}
    assert rows["uk"][1:] == ["Українська", rows["uk"][2], "0", "0", "yes"]
    assert rows["ru"][1] == "Русский" and rows["ru"][3:] == ["0", "0", "yes"]
    assert int(rows["uk"][2]) > 100


def test_a_missing_and_a_stale_field_and_an_untranslated_page_are_notes(arabic: Path):
    result = run_cli("check", cwd=arabic)
    assert result.returncode == 0
    assert problems_of(result.stderr) == [
        "content/actors/jose-nunez.yaml:1:1: note: actor 'jose-nunez' is not yet translated "
        "into ar: `python build.py translations ar` adds it to the translation, with its "
        "original text beside each field",
        "content/translations/ar/actors/cagla-erdogan.yaml:2:1: note: actor 'cagla-erdogan'"
        ": role not yet translated into ar",
        "content/translations/ar/briefing.yaml:32:18: note: 'sides.ostland.description' of "
        "the briefing was translated from an earlier text: the original has changed since; "
        "update the translation, then confirm it with `python build.py translations ar "
        "--confirm briefing.yaml:sides.ostland.description`"]
    assert "\n3 notes: " in result.stderr  # counted, after the problems
    row = result.stderr.split("translations:\n")[1].splitlines()[1].split()
    assert row == ["ar", "العربية", "34", "4", "1", "no"]
    strict = run_cli("check", "--strict", cwd=arabic)  # a note never stops anything
    assert strict.returncode == 0 and len(problems_of(strict.stderr)) == 3
    github = run_cli("check", "--strict", "--format", "github", cwd=arabic)
    assert github.returncode == 0 and github.stdout.count("::notice file=") == 3
    data = json.loads(run_cli("check", "--format", "json", cwd=arabic).stdout)
    assert [p["severity"] for p in data] == ["note"] * 3


ANA = digest("Ana Example")


@pytest.mark.parametrize("files, expected", [
    ({"translations/klingonese/briefing.yaml": "title: Q\n"},
     "content/translations/klingonese:1:1: error: 'klingonese' is not a language tag (BCP 47) "
     "that the CLDR knows: name the folder after its language, e.g. uk, ru, ar or pt-BR"),
    ({"translations/uk/actors/anna.yaml": f"name: Ана\ntranslated_from:\n  name: {ANA}\n"},
     "content/translations/uk/actors/anna.yaml:1:1: error: no actor 'anna' in the original to "
     "translate (did you mean 'ana'?)"),
    ({"translations/uk/chronology.yaml": "2026-03-12-talks-opn:\n  title: Переговори\n"
      f"  translated_from:\n    title: {digest('Talks open')}\n"},
     "content/translations/uk/chronology.yaml:1:1: error: no event '2026-03-12-talks-opn' in "
     "the original to translate (did you mean '2026-03-12-talks-open'?)"),
    ({"translations/uk/actors/ana.yaml": f"nmae: Ана\ntranslated_from:\n  name: {ANA}\n"},
     "content/translations/uk/actors/ana.yaml:1:1: error: unknown field 'nmae' in an actor "
     "translation (did you mean 'name'?)"),
    ({"translations/uk/positions.yaml": "talks:\n  stances:\n    nort:\n      position: Так.\n"
      f"  translated_from:\n    stances.north.position: {digest('Yes.')}\n"},
     "content/translations/uk/positions.yaml:4:17: error: 'stances.nort.position' translates "
     "nothing: issue 'talks' has no such field in the original (did you mean "
     "'stances.north.position'?)"),
    ({"translations/uk/actors/ana.yaml": f"name: [Ана, Ганна]\ntranslated_from:\n  name: {ANA}\n"},
     "content/translations/uk/actors/ana.yaml:1:7: error: 'name' must be plain text, not a list"),
    ({"translations/uk/actors/ana.yaml": "name: Ана\ntranslated_from:\n  name: 12345\n"},
     "content/translations/uk/actors/ana.yaml:3:9: error: 'translated_from': 'name' must be the "
     "first 12 hex digits of the original's SHA-256 (e.g. 3f2a9c1b7d0e), not '12345'"),
    ({"translations/uk/actors/ana.yaml": "name: Ана\n"},
     "content/translations/uk/actors/ana.yaml:1:7: error: 'name' is translated, but "
     f"'translated_from' has no hash for it: add 'name: {ANA}', the hash of the original it "
     "translates"),
])
def test_each_mistake_is_an_error_at_its_line_and_the_old_site_stays(
        tmp_path: Path, files: dict[str, str], expected: str):
    write_content(tmp_path, minimal())
    assert run_cli("build", cwd=tmp_path).returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    write_content(tmp_path, {**minimal(), **files})
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert expected in result.stderr.splitlines()
    assert {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()} == before


def test_a_hash_for_a_text_no_record_of_its_kind_has_is_an_error(tmp_path: Path):
    write_content(tmp_path, {**minimal(), "translations/uk/actors/ana.yaml":
                             f"name: Ана\ntranslated_from:\n  name: {ANA}\n  nam: {ANA}\n"
                             f"  country: {ANA}\n"})
    result = run_cli("check", cwd=tmp_path)
    assert [p for p in problems_of(result.stderr) if ": note: " not in p] == [
        "content/translations/uk/actors/ana.yaml:4:3: error: 'translated_from' names 'nam', "
        "which no actor has (did you mean 'name'?)"]
    assert result.returncode == 1  # 'country' (an empty field's hash, say, for a text
    # the original has no longer, or not yet) says nothing


def test_a_translation_of_a_record_broken_in_the_original_is_not_reported_again(tmp_path: Path):
    files = {**minimal(), "translations/uk/actors/ana.yaml":
             f"name: Ана\ntranslated_from:\n  name: {ANA}\n"}
    files["actors/ana.yaml"] = {**files["actors/ana.yaml"], "rol": "Mayor"}
    write_content(tmp_path, files)
    result = run_cli("check", cwd=tmp_path)
    errors = [p for p in problems_of(result.stderr) if ": error: " in p]
    assert errors and all(p.startswith("content/actors/ana.yaml") for p in errors)


def test_a_file_that_is_not_a_translation_file_is_named(tmp_path: Path):
    write_content(tmp_path, {**minimal(), "translations/uk/people.yaml": "x: 1\n"})
    result = run_cli("check", cwd=tmp_path)
    assert ("content/translations/uk/people.yaml:1:1: warning: not a translation file, so it "
            "is not read: translations hold briefing.yaml, chronology.yaml, positions.yaml, "
            "sources.yaml, claims.yaml, changes.yaml and actors/") in result.stderr


# The skeleton --------------------------------------------------------------------------

@pytest.fixture
def untranslated(tmp_path: Path) -> Path:
    shutil.copytree(SEED, tmp_path / "content", ignore=shutil.ignore_patterns("translations"))
    return tmp_path


def test_the_skeleton_has_every_field_under_its_original_and_its_hash(untranslated: Path):
    result = run_cli("translations", "de", cwd=untranslated)
    assert result.returncode == 0, result.stderr
    folder = untranslated / "content" / "translations" / "de"
    putin = (folder / "actors" / "putin.yaml").read_text()
    assert "language_name: Deutsch\nmachine: false\n" in (folder / "briefing.yaml").read_text()
    assert "#: Vladimir Putin\nname:\n#: President of Russia\nrole:\n" in putin
    assert f"  name: {digest('Vladimir Putin')}\n" in putin
    data = yaml.safe_load((folder / "positions.yaml").read_text())
    assert data["ceasefire-first"]["stances"]["russia"] == {"position": None, "detail": None}
    check = run_cli("check", cwd=untranslated)
    assert check.returncode == 0, check.stderr
    assert "de Deutsch" in check.stderr and ": error: " not in check.stderr


def test_a_refresh_marks_exactly_the_changed_field_and_keeps_the_translators_words(
        untranslated: Path):
    run_cli("translations", "de", cwd=untranslated)
    path = untranslated / "content" / "translations" / "de" / "actors" / "putin.yaml"
    text = path.read_text()
    text = text.replace("\nname:\n", "\nname: Wladimir Putin  # so geschrieben\n", 1)
    text = text.replace("\nrole:\n", "\nrole: Präsident Russlands\n", 1)
    path.write_text(text)
    original = untranslated / "content" / "actors" / "putin.yaml"
    original.write_text(original.read_text().replace("role: President of Russia",
                                                     "role: President of the Russian Federation"))
    result = run_cli("translations", "de", cwd=untranslated)
    assert result.returncode == 0
    assert "1 translated field whose original changed noted" in result.stderr
    after = path.read_text()
    assert "name: Wladimir Putin  # so geschrieben\n" in after
    note = ("#: President of Russia\n#! the original has changed; it now reads:\n"
            "#! President of the Russian Federation\n#! once the translation follows it: "
            "python build.py translations de --confirm actors/putin.yaml:role\n"
            "role: Präsident Russlands\n")
    assert note in after and after.count("#!") == 3
    assert f"role: {digest('President of Russia')}" in after  # never moved by a refresh
    stale = run_cli("check", cwd=untranslated)
    assert "'role' of actor 'putin' was translated from an earlier text" in stale.stderr
    again = run_cli("translations", "de", cwd=untranslated)
    assert path.read_text() == after and "0 translated fields" in again.stderr
    confirm = run_cli("translations", "de", "--confirm", "actors/putin.yaml:role",
                      cwd=untranslated)
    assert confirm.returncode == 0, confirm.stderr
    confirmed = path.read_text()
    assert "#!" not in confirmed and "role: Präsident Russlands\n" in confirmed
    assert "#: President of the Russian Federation\nrole: Präsident" in confirmed
    assert f"role: {digest('President of the Russian Federation')}" in confirmed
    assert "'role' of actor 'putin'" not in run_cli("check", cwd=untranslated).stderr


def test_confirm_refuses_what_it_cannot_confirm(untranslated: Path):
    run_cli("translations", "de", cwd=untranslated)
    nothing = run_cli("translations", "de", "--confirm", "actors/putin.yaml", cwd=untranslated)
    assert nothing.returncode == 1
    assert "nothing to confirm in actors/putin.yaml" in nothing.stderr
    missing = run_cli("translations", "de", "--confirm", "actors/nobody.yaml", cwd=untranslated)
    assert missing.returncode == 2 and "no translation file" in missing.stderr  # usage
    typo = run_cli("translations", "de", "--confirm", "actors/putin.yaml:rol", cwd=untranslated)
    assert (typo.returncode, typo.stderr) == (2, (
        "python build.py translations: error: actors/putin.yaml has no field or record 'rol' "
        "to confirm (did you mean 'role'?)\n"))


# Pages per language --------------------------------------------------------------------

def hreflangs(page: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"]
            for link in page.find_all("link", rel="alternate", hreflang=True)}


def test_hreflang_is_reciprocal_on_every_page_of_the_seed(seed_site: Path):
    pages = {BASE + p.parent.relative_to(seed_site).as_posix().removeprefix(".") + "/":
             soup(p) for p in seed_site.rglob("index.html") if "pagefind" not in p.parts}
    pages = {url.replace(BASE + "/", BASE): page for url, page in pages.items()}
    offered = 0
    for url, page in pages.items():
        if is_card(url.removeprefix(BASE)):  # noindex, for an iframe: offered to no search
            assert_card(page)  # engine, so it names no alternate (nor a canonical)
            continue
        links = hreflangs(page)
        canonical = page.find("link", rel="canonical")["href"]
        if canonical != url or "/articles/" in url:  # an article is never translated: the
            assert links == {}  # original alone offers it, and no alternate is named
            continue
        offered += 1
        assert links[page.html["lang"]] == url  # itself
        assert links["x-default"] == links["en"]  # the original
        assert set(links) == {"en", "uk", "ru", "x-default"}
        for lang, target in links.items():
            assert hreflangs(pages[target]) == links, (url, lang)
    assert offered >= 3 * 15


def test_the_sitemap_lists_every_offered_page_with_its_alternates(seed_site: Path):
    root = ET.parse(seed_site / "sitemap.xml").getroot()
    entries = root.findall("sm:url", SITEMAP)
    locs = {e.find("sm:loc", SITEMAP).text for e in entries}
    assert BASE + "uk/actors/putin/" in locs and BASE + "ru/" in locs
    assert not any("/uk/articles/" in loc or "/ru/articles/" in loc for loc in locs)
    for entry in entries:
        loc = entry.find("sm:loc", SITEMAP).text
        alternates = {a.get("hreflang"): a.get("href")
                      for a in entry.findall("xhtml:link", SITEMAP)}
        if "/articles/" in loc:
            assert alternates == {}
            continue
        assert alternates["x-default"] == alternates["en"] and loc in alternates.values()
        assert hreflangs(soup(seed_site / alternates["uk"].removeprefix(BASE) / "index.html")
                         ) == alternates


def test_a_ukrainian_page_speaks_ukrainian(seed_site: Path):
    page = soup(seed_site / "uk" / "actors" / "putin" / "index.html")
    assert page.html["lang"] == "uk" and page.html["dir"] == "ltr"
    assert page.find("h1").get_text() == "Володимир Путін"
    meta = {m.get("property"): m["content"] for m in page.find_all("meta", property=True)}
    assert meta["og:locale"] == "uk_UA"
    assert sorted(m["content"] for m in page.find_all("meta", property="og:locale:alternate")
                  ) == ["en_US", "ru_RU"]
    switcher = page.select("nav.languages a")
    assert [(a.get_text(), a["lang"], a["hreflang"], a["href"]) for a in switcher] == [
        ("English", "en", "en", "../../../actors/putin/"),
        ("Русский", "ru", "ru", "../../../ru/actors/putin/"),
        ("Українська", "uk", "uk", "../../../uk/actors/putin/")]
    assert switcher[2].get("aria-current") == "true"
    assert page.select_one("nav[aria-label] a[aria-current=page]") is None  # not in the nav
    assert [a.get_text() for a in page.select('header nav[aria-label="Брифінг"] a')][:3] == [
        "Огляд", "Дійові особи", "Хронологія"]
    data = json.loads(page.find("script", type="application/ld+json").string)["@graph"][0]
    assert data["@type"] == "ProfilePage" and data["inLanguage"] == "uk"
    assert data["translationOfWork"] == {"@id": BASE + "actors/putin/"}
    original = json.loads(soup(seed_site / "actors" / "putin" / "index.html").find(
        "script", type="application/ld+json").string)["@graph"][0]
    assert original["inLanguage"] == "en" and "translationOfWork" not in original


def test_a_machine_translation_says_so_on_every_page(seed_site: Path):
    for lang, words in (("uk", "перекладено машинно"), ("ru", "переведена машинно")):
        for path in (seed_site / lang).rglob("index.html"):
            note = soup(path).select_one(".translation-note")
            assert note is not None and words in note.get_text(), path
    assert not any(soup(p).select_one(".translation-note")
                   for p in seed_site.glob("*/index.html") if p.parent.name not in ("uk", "ru"))


def test_dates_are_in_the_languages_own_forms(seed_site: Path):
    chronology = soup(seed_site / "uk" / "chronology" / "index.html")
    dates = [t.get_text() for t in chronology.select(".event-date time")]
    # CLDR writes a narrow no-break space (U+202F) before the abbreviation of 'year'
    assert "10 травня 2025\u202fр." in dates and "24 лютого 2022\u202fр." in dates
    ru = [t.get_text() for t in soup(seed_site / "ru" / "chronology" / "index.html").select(
        ".event-date time")]
    assert "10 мая 2025\u202fг." in ru and "29 марта 2022\u202fг." in ru


@pytest.mark.parametrize("lang, day, month, year", [
    ("en", "15 May 2025", "May 2025", "2025"),
    ("uk", "15 травня 2025\u202fр.", "травень 2025\u202fр.", "2025"),
    ("ru", "15 мая 2025\u202fг.", "май 2025\u202fг.", "2025"),
    ("ar", "15 مايو 2025", "مايو 2025", "2025"),
])
def test_a_date_keeps_its_precision_in_every_language(lang: str, day: str, month: str, year: str):
    assert i18n.date_text(PartialDate(2025, 5, 15), lang) == day
    assert i18n.date_text(PartialDate(2025, 5), lang) == month
    assert i18n.date_text(PartialDate(2025), lang) == year


def test_quotes_keep_their_words_with_the_editors_translation_beside(seed_site: Path):
    page = soup(seed_site / "uk" / "actors" / "putin" / "index.html")
    figure = page.select_one(".quote")
    said = figure.find("blockquote")
    assert said["lang"] == "en" and said.get_text().startswith("“This would be the first step")
    beside = figure.select_one(".quote-translation")
    assert beside.get_text() == ("«Це був би перший крок до тривалого миру, а не прелюдія до "
                                 "нових збройних дій.» (переклад редакції)")
    assert "lang" not in beside.attrs  # in the page's language


def test_the_feed_of_each_language(seed_site: Path):
    atom = {"atom": "http://www.w3.org/2005/Atom"}
    root = ET.parse(seed_site / "uk" / "feed.xml").getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "uk"
    assert root.find("atom:title", atom).text == "Зеленський викликає Путіна на зустріч у Стамбулі"
    assert root.find("atom:link[@rel='self']", atom).get("href") == BASE + "uk/feed.xml"
    entry = root.find("atom:entry", atom)
    assert entry.find("atom:title", atom).text.startswith("Брифінг опубліковано")
    assert entry.find("atom:link", atom).get("href").startswith(BASE + "uk/changes/#")
    original = ET.parse(seed_site / "feed.xml").getroot()
    assert entry.find("atom:id", atom).text != original.find("atom:entry/atom:id", atom).text
    page = soup(seed_site / "uk" / "index.html")
    assert page.find("link", type="application/atom+xml")["href"] == "../uk/feed.xml"


def test_one_404_page_carries_every_languages_words(seed_site: Path):
    assert not (seed_site / "uk" / "404.html").exists()
    page = soup(seed_site / "404.html")
    templates = {t["data-lang"]: t for t in page.find_all("template")}
    assert set(templates) == {"uk", "ru"}
    inside = BeautifulSoup(templates["uk"].decode_contents(), "html.parser")
    assert inside.find("h1").get_text() == "Сторінку не знайдено"
    assert inside.select_one(".brand")["href"] == "/briefing-site/uk/"


# The Arabic test briefing: right to left, a missing, a stale and an untranslated page ---

def test_arabic_pages_are_right_to_left(arabic: Path):
    page = soup(arabic / "site" / "ar" / "index.html")
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert page.find("h1").get_text() == "نزاع مياه فيرا"
    assert page.select_one(".translation-note").get_text().count("Test desk") == 1
    switcher = {a["lang"]: a for a in page.select("nav.languages a")}
    assert switcher["en-GB"]["dir"] == "ltr" and switcher["ar"].get_text() == "العربية"


def test_a_missing_field_shows_the_original_marked_not_yet_translated(arabic: Path):
    page = soup(arabic / "site" / "ar" / "actors" / "cagla-erdogan" / "index.html")
    role = page.select_one(".role")
    assert role.get_text() == "Südmark's envoy" and role["lang"] == "en-GB"
    note = role.find_next_sibling(class_="tx-note")
    assert note.get_text() == "لم يُترجم بعد" and note["lang"] == "ar"
    assert page.find("h1").get_text() == "چاغلا أردوغان" and "lang" not in page.find("h1").attrs


def test_a_stale_field_shows_the_translation_and_a_way_to_the_original(arabic: Path):
    page = soup(arabic / "site" / "ar" / "index.html")
    side = next(s for s in page.select(".side") if s.find("h3").get_text() == "أوستلاند")
    assert side.find("p").get_text() == "البلد الواقع عند المنبع."
    stale = side.select_one("details.tx-stale")
    assert stale.find("summary").get_text() == "قد تكون الترجمة قديمة"
    assert stale.find("p").get_text() == "The upstream state."
    assert stale.find("p")["lang"] == "en-GB"


def test_an_untranslated_page_is_not_offered(arabic: Path):
    site = arabic / "site"
    page = soup(site / "ar" / "actors" / "jose-nunez" / "index.html")
    assert page.find("link", rel="canonical")["href"] == BASE + "actors/jose-nunez/"
    assert hreflangs(page) == {}
    assert page.find("h1")["lang"] == "en-GB"
    original = soup(site / "actors" / "jose-nunez" / "index.html")
    assert hreflangs(original) == {}
    translated = hreflangs(soup(site / "actors" / "zoe-zolc" / "index.html"))
    assert translated == {"en-GB": BASE + "actors/zoe-zolc/", "ar": BASE + "ar/actors/zoe-zolc/",
                          "x-default": BASE + "actors/zoe-zolc/"}
    sitemap = (site / "sitemap.xml").read_text()
    assert "ar/actors/zoe-zolc/" in sitemap and "ar/actors/jose-nunez/" not in sitemap


def test_translated_text_is_as_safe_as_the_original(arabic: Path):
    for path in (arabic / "site" / "ar").rglob("index.html"):
        page = soup(path)
        assert page.find("iframe") is None, path
        assert not page.find_all("a", href=re.compile(r"^\s*(javascript|vbscript):", re.I))
        scripts = [s for s in page.find_all("script") if s.string and "alert" in s.string]
        assert scripts == [], path
    summary = soup(arabic / "site" / "ar" / "index.html").select_one(".prose").decode_contents()
    assert "&lt;script&gt;alert(“ar”)&lt;/script&gt;" in summary  # shown, as text


def test_root_links_in_a_translations_markdown_stay_in_its_language(tmp_path: Path):
    files = minimal()
    files["briefing.yaml"]["summary"] = "See [Ana](/actors/ana/)."
    files["translations/uk/briefing.yaml"] = (
        "summary: Див. [Ану](/actors/ana/).\ntranslated_from:\n"
        f"  summary: {digest('See [Ana](/actors/ana/).')}\n")
    write_content(tmp_path, files)
    assert run_cli("build", "--base-url", BASE, cwd=tmp_path).returncode == 0
    link = soup(tmp_path / "site" / "uk" / "index.html").select_one(".prose a")
    assert link["href"] == "/briefing-site/uk/actors/ana/"


def test_english_rewording_is_a_catalog_edit(tmp_path: Path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    po = templates / "locales" / "en.po"
    po.write_text(po.read_text().replace('msgid "Key points"\nmsgstr "Key points"',
                                         'msgid "Key points"\nmsgstr "In short"'))
    write_content(tmp_path, minimal() | {"briefing.yaml": {
        **minimal()["briefing.yaml"], "key_points": ["One."]}})
    result = run_cli("build", "--templates", str(templates), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert soup(tmp_path / "site" / "index.html").find(id="key-points").get_text() == "In short"


def test_counts_follow_each_languages_plural_rules(seed_site: Path):
    words = i18n.catalog(TEMPLATES, "uk")
    assert [words.ngettext("%(num)s event", "%(num)s events", n) % {"num": n}
            for n in (1, 3, 5, 21)] == ["1 подія", "3 події", "5 подій", "21 подія"]
    texts = json.loads(i18n.script_text(words, "uk"))
    assert set(texts["since_visit"]) == {"one", "few", "many"}
    assert texts["since_visit"]["few"] == "%(n)s зміни від вашого останнього візиту."
    assert json.loads(i18n.script_text(i18n.catalog(TEMPLATES, "ar"), "ar"))["new"] == "جديد"


def test_each_language_has_a_search_index_of_its_own(seed_site: Path):
    """One Pagefind bundle per language, in the language's folder, holding its pages
    alone (and so the same bytes run after run: Pagefind orders several languages as a
    hash map does)."""
    for folder, lang in (("", "en"), ("uk/", "uk"), ("ru/", "ru")):
        entry = json.loads((seed_site / folder / "pagefind" / "pagefind-entry.json")
                           .read_text())
        assert list(entry["languages"]) == [lang]
        assert entry["languages"][lang]["page_count"] == 16
    page = soup(seed_site / "uk" / "actors" / "index.html")
    script = page.find("script", attrs={"data-pagefind": True})
    assert (script["data-pagefind"], script["data-base"]) == (
        "../../uk/pagefind/pagefind.js", "../../uk/")


# A translation follows the text it was made from (the contract's section 10) ------------

HISTORY_MOVE = ("""    ukraine:
      position: Zelensky will meet Putin in person in Istanbul on Thursday 15 May.
      as_of: 2025-05-11
      actors: [zelensky]
      sources: [zelensky-challenges-putin]
      quote:
        text: >-
          There is no point in prolonging the killings. And I will be waiting for Putin
          in Türkiye on Thursday. Personally.
        speaker: zelensky
        source: zelensky-challenges-putin
        context: post on X
""", """    ukraine:
      position: Zelensky will go to Istanbul.
      as_of: 2025-05-12
      actors: [zelensky]
      sources: [zelensky-challenges-putin]
      quote:
        text: Have the meeting, now!
        speaker: trump
        source: zelensky-challenges-putin
      history:
        - as_of: 2025-05-11
          position: Zelensky will meet Putin in person in Istanbul on Thursday 15 May.
          sources: [zelensky-challenges-putin]
          quote:
            text: >-
              There is no point in prolonging the killings. And I will be waiting for Putin
              in Türkiye on Thursday. Personally.
            speaker: zelensky
            source: zelensky-challenges-putin
            context: post on X
""")
MEETING_UK = ("Немає сенсу продовжувати вбивства. І я чекатиму Путіна в Туреччині в четвер. "
              "Особисто.")
NOW_UK = "Проведіть зустріч, негайно!"
IN_PERSON_UK = "Зеленський особисто зустрінеться з Путіним у Стамбулі в четвер, 15 травня."


@pytest.fixture
def moved(tmp_path: Path) -> Path:
    """The seed, its Ukrainian stance on direct talks moved into history under a new
    position and a new quote, the translations untouched."""
    shutil.copytree(SEED, tmp_path / "content")
    positions = tmp_path / "content" / "positions.yaml"
    text = positions.read_text()
    assert HISTORY_MOVE[0] in text
    positions.write_text(text.replace(*HISTORY_MOVE))
    return tmp_path


def quotes_beside(page: BeautifulSoup) -> dict[str, str | None]:
    """Each quote's words on a page → the editors' translation shown beside it."""
    found = {}
    for figure in page.select("figure.quote"):
        words = " ".join(figure.blockquote.get_text().split()).strip("“”")
        beside = figure.select_one(".quote-translation")
        if beside is not None:
            beside.select_one(".tx-by").decompose()  # "(translated by the editors)"
        found[words] = " ".join(beside.get_text().split()).strip("“”«»") if beside else None
    return found


def test_each_quote_keeps_its_own_translation_when_a_stance_moves_into_history(moved: Path):
    result = run_cli("build", "--strict", cwd=moved)
    assert result.returncode == 0, result.stderr
    page = soup(moved / "site" / "uk" / "positions" / "index.html")
    cell = page.select_one("#issue-direct-talks td")
    shown = quotes_beside(cell)
    meeting = ("There is no point in prolonging the killings. And I will be waiting for Putin "
               "in Türkiye on Thursday. Personally.")
    assert shown[meeting] == MEETING_UK  # followed its quote into "How it moved"
    # the new quote's words have a translation elsewhere in the record (the US stance's):
    # the same words, the same translation
    assert shown["Have the meeting, now!"] == NOW_UK
    position = cell.select_one("p.position")
    assert position.get_text() == "Zelensky will go to Istanbul." and position["lang"] == "en"
    assert "ще не перекладено" in cell.select_one(".tx-note").get_text()
    earlier = cell.select_one(".earlier li")
    assert IN_PERSON_UK in earlier.get_text()  # the old position's translation went with it
    assert "lang" not in earlier.select_one("p span:not(.earlier-date)").attrs
    check = run_cli("check", cwd=moved)
    assert ("content/translations/uk/positions.yaml:48:3: note: issue 'direct-talks': "
            "stances.ukraine.position not yet translated into uk") in check.stderr.splitlines()


def test_a_refresh_moves_the_translation_with_its_text_and_changes_nothing_the_second_time(
        moved: Path):
    path = moved / "content" / "translations" / "uk" / "positions.yaml"
    before = path.read_text()
    # A translation that moved with its text is not stale: never confirmed onto the text
    # now in its old place (and a confirm that confirms nothing writes nothing)
    confirm = run_cli("translations", "uk", "--confirm", "positions.yaml", cwd=moved)
    assert confirm.returncode == 1 and "nothing to confirm" in confirm.stderr
    assert path.read_text() == before
    result = run_cli("translations", "uk", cwd=moved)
    assert result.returncode == 0, result.stderr
    assert "5 translations moved to follow the text translated" in result.stderr  # 4 quotes
    text = path.read_text()
    record = yaml.safe_load(text)["direct-talks"]
    assert record["stances"]["ukraine"] == {"position": None, "history": [
        {"position": IN_PERSON_UK}]}
    data = record["translated_from"]
    assert data["stances.ukraine.history.0.position"] == digest(
        "Zelensky will meet Putin in person in Istanbul on Thursday 15 May.")
    assert data["stances.ukraine.position"] == digest("Zelensky will go to Istanbul.")
    quotes = dict(zip((data[f"quotes.{n}"] for n in range(len(record["quotes"]))),
                      record["quotes"], strict=True))
    assert quotes[digest("Have the meeting, now!")] == NOW_UK
    assert "#: Zelensky will go to Istanbul.\n      position:\n      history:\n" in text
    again = run_cli("translations", "uk", cwd=moved)
    assert path.read_text() == text and "0 files written" in again.stderr
    other = (moved / "content" / "translations" / "uk" / "actors" / "putin.yaml")
    assert other.read_text() == (SEED / "translations" / "uk" / "actors" / "putin.yaml"
                                 ).read_text()  # what did not move is as it was, byte for byte


def test_a_translation_of_a_text_no_longer_there_is_a_warning_and_never_shown(moved: Path):
    positions = moved / "content" / "positions.yaml"
    positions.write_text(positions.read_text().replace(
        "text: new truce", "text: serious negotiations"))  # russia's quote on the ceasefire
    result = run_cli("check", cwd=moved)
    orphan = [p for p in problems_of(result.stderr) if ": warning: " in p]
    assert ("content/translations/uk/positions.yaml:31:7: warning: 'quotes.1' of issue "
            "'ceasefire-first' translates a quote no longer in the original, so it is not shown: "
            "`python build.py translations uk` marks it for you to reuse or delete") in orphan
    assert len(orphan) == 2 and result.returncode == 0  # uk and ru
    assert run_cli("build", "--strict", cwd=moved).returncode == 1
    run_cli("build", cwd=moved)
    page = soup(moved / "site" / "uk" / "positions" / "index.html")
    assert "нове перемир'я" not in page.get_text()  # "new truce" in Ukrainian: shown nowhere
    assert quotes_beside(page.select_one("#issue-ceasefire-first"))[
        "serious negotiations"] is None  # not yet translated in this record: nothing beside
    refreshed = run_cli("translations", "uk", cwd=moved)
    assert refreshed.returncode == 0
    text = (moved / "content" / "translations" / "uk" / "positions.yaml").read_text()
    assert "#!   нове перемир'я" in text  # kept as a note, to reuse or delete
    after = run_cli("check", "--strict", cwd=moved)
    assert "content/translations/uk/" not in "".join(
        p for p in problems_of(after.stderr) if ": note: " not in p)


def test_every_command_a_message_suggests_works_as_written(moved: Path):
    """The day's notes and warnings say what to run: run each, as written."""
    putin = moved / "content" / "actors" / "putin.yaml"
    putin.write_text(putin.read_text().replace("role: President of Russia",
                                               "role: President of the Russian Federation"))
    actor = moved / "content" / "actors" / "erdogan.yaml"
    actor.write_text("name: Recep Tayyip Erdoğan\nrole: President of Türkiye\n"
                     "summary: Offered to host the talks.\n")
    result = run_cli("check", cwd=moved)
    commands = sorted(set(re.findall(r"`(python build\.py [^`]+)`", result.stderr)))
    assert any("--confirm actors/putin.yaml:role" in c for c in commands), commands
    assert any(c == "python build.py translations uk" for c in commands), commands
    for command in commands:
        ran = run_cli(*command.split()[2:], cwd=moved)
        assert ran.returncode == 0, (command, ran.stderr)
    assert "translated from an earlier text" not in run_cli("check", cwd=moved).stderr


def test_no_english_interface_text_on_a_ukrainian_or_russian_page(seed_site: Path):
    """Every page of /uk/ and /ru/: no English where the page says it speaks its language;
    the original's words carry their own `lang` (and a mark where they await a
    translation)."""
    found = {}
    for lang in ("uk", "ru"):
        pages = sorted((seed_site / lang).rglob("*.html"))
        assert len(pages) >= 17  # every page kind, eight actors, the article
        for path in pages:
            if "pagefind" not in path.parts and (english := english_on(soup(path), lang)):
                found[path.relative_to(seed_site).as_posix()] = english
    assert found == {}


def test_the_english_detector_finds_english(seed_site: Path):
    page = soup(seed_site / "uk" / "index.html")
    page.find("h1").string = "Where the sides stand"
    page.find("nav")["aria-label"] = "Languages"
    assert english_on(page, "uk") == ["<h1> 'Where the sides stand'",
                                      "<nav aria-label> 'Languages'"]


def test_a_language_with_nothing_translated_yet_is_not_offered(tmp_path: Path):
    shutil.copytree(SEED, tmp_path / "content")
    (tmp_path / "content" / "translations" / "de").mkdir()
    result = run_cli("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ("content/translations/de:1:1: note: nothing is translated into de yet, so the "
            "site does not offer it: `python build.py translations de` writes the skeleton "
            "to fill in") in result.stderr.splitlines()
    site = tmp_path / "site"
    assert not (site / "de").exists()
    for path in (site / "index.html", site / "uk" / "actors" / "putin" / "index.html"):
        page = soup(path)
        assert [a["lang"] for a in page.select("nav.languages a")] == ["en", "ru", "uk"]
        assert "de" not in hreflangs(page)
    check = run_cli("check", cwd=tmp_path)
    assert "  de Deutsch" in check.stderr  # the table still counts it
    run_cli("translations", "de", cwd=tmp_path)
    skeleton = run_cli("build", cwd=tmp_path)
    assert not (site / "de").exists() and skeleton.returncode == 0  # an empty skeleton too
    putin = tmp_path / "content" / "translations" / "de" / "actors" / "putin.yaml"
    putin.write_text(putin.read_text().replace("\nrole:\n", "\nrole: Präsident Russlands\n"))
    assert run_cli("build", cwd=tmp_path).returncode == 0

    def switcher(url: str) -> list[str]:
        return [a["lang"] for a in soup(site / url / "index.html").select("nav.languages a")]

    assert switcher("actors/putin") == ["en", "de", "ru", "uk"]  # something translated
    assert switcher("chronology") == ["en", "ru", "uk"]  # nothing of its text: not offered
    assert switcher("de/chronology") == ["en", "de", "ru", "uk"]  # its own, all the same


RERATED = ("""  status: open
  note: >-
    On 11 May Putin had not answered Zelensky's challenge; the world was waiting to see
    whether he would accept.
  as_of: 2025-05-11
""", """  status: false
  note: Putin did not come to Istanbul; he sent a delegation.
  as_of: 2025-06-20
  history:
    - as_of: 2025-05-11
      status: open
      note: >-
        On 11 May Putin had not answered Zelensky's challenge; the world was waiting to see
        whether he would accept.
""")


def test_a_claim_rated_anew_takes_its_old_notes_translation_into_its_history(tmp_path: Path):
    shutil.copytree(SEED, tmp_path / "content")
    claims = tmp_path / "content" / "claims.yaml"
    claims.write_text(claims.read_text().replace(*RERATED))
    assert run_cli("build", "--strict", cwd=tmp_path).returncode == 0
    claim = soup(tmp_path / "site" / "uk" / "claims" / "index.html").find(
        id="putin-comes-to-istanbul")
    note = claim.select_one(".claim-note")
    assert note["lang"] == "en" and "ще не перекладено" in note.find_next(class_="tx-note").text
    history = claim.select_one(".claim-history")
    assert "Станом на 11 травня Путін не відповів" in history.get_text()  # its own words
    assert history.find(lang="en") is None
    refreshed = run_cli("translations", "uk", cwd=tmp_path)
    assert "1 translation moved" in refreshed.stderr
    data = yaml.safe_load((tmp_path / "content" / "translations" / "uk" / "claims.yaml"
                           ).read_text())["putin-comes-to-istanbul"]
    assert data["note"] is None and data["history"][0]["note"].startswith("Станом на 11")
