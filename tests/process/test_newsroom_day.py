"""A newsroom's ordinary day, end to end, on a copy of the seed in a repository of its
own: the edits an editor makes (an actor added, an event's date corrected, a stance
moved into history with a new quote, a correction, a claim rated anew, stances left
to age, a new language folder with nothing in it), then exactly what the Pages workflow
runs. Every step passes, and the pages show what they should."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from tests.conftest import ROOT, serve_like_pages, soup
from tests.test_editions import commit, make_repo
from tests.test_translations import english_on

BASE = "https://example.org/brief/"
TUSK = "2025-05-10-tusk-contacts-trump-about-the-ceasefire-plan"
MOVED = ("""    ukraine:
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
      position: Zelensky will go to Istanbul and wait for Putin there.
      as_of: 2025-06-20
      actors: [zelensky]
      sources: [zelensky-challenges-putin]
      quote:
        text: There is no point in prolonging the killings.
        speaker: zelensky
        source: zelensky-challenges-putin
        context: post on X
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
RATED = ("""  status: open
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
      note: On 11 May Putin had not answered Zelensky's challenge.
""")
MEETING_UK = ("Немає сенсу продовжувати вбивства. І я чекатиму Путіна в Туреччині в четвер. "
              "Особисто.")


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The repository's own build.py, as the Pages workflow runs it."""
    return subprocess.run([sys.executable, "build.py", *args], cwd=repo, capture_output=True,
                          text=True, timeout=600, stdin=subprocess.DEVNULL)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The day played: yields the repository and what each step said."""
    repo = make_repo(tmp_path_factory.mktemp("newsroom-day"))
    (repo / ".gitignore").write_text((ROOT / ".gitignore").read_text())
    commit(repo, "What git leaves alone: the site, the build cache")
    said: dict[str, object] = {"repo": repo}
    said["first edition"] = ok(run(repo, "edition"))  # yesterday's edition, as published
    content = repo / "content"
    said["new actor"] = ok(run(
        repo, "new", "actor", "--name", "Recep Tayyip Erdoğan", "--role",
        "President of Türkiye", "--summary", "Offered to host the talks in Istanbul."))
    edit(content / "chronology.yaml", f"- id: {TUSK}\n  date: 2025-05-10",
         f"- id: {TUSK}\n  date: 2025-05-11")
    said["correction"] = ok(run(
        repo, "new", "change", "--at", "2025-05-17", "--kind", "correction", "--summary",
        "Tusk contacted Trump on 11 May, after the summit.", "--was",
        "Tusk contacted Trump on 10 May.", "--affects", f"event:{TUSK}"))
    edit(content / "positions.yaml", *MOVED)
    edit(content / "claims.yaml", *RATED)
    said["update"] = ok(run(
        repo, "new", "change", "--at", "2025-06-20T18:00+03:00", "--kind", "update",
        "--summary", "Putin did not come to Istanbul; Zelensky's position restated.",
        "--adds", "actor:recep-tayyip-erdogan", "--affects",
        "claim:putin-comes-to-istanbul,issue:direct-talks"))
    (content / "translations" / "de").mkdir()
    (content / "translations" / "de" / ".gitkeep").write_text("")
    said["check"] = run(repo, "check", "--strict")
    commit(repo, "The day's edits")
    site = repo / "site"
    # What .github/workflows/pages.yml runs, step by step
    said["build"] = ok(run(repo, "build", "--strict", "--base-url", BASE, "--cache", ".cache"))
    said["edition"] = ok(run(repo, "edition"))
    said["editions"] = ok(run(repo, "editions", "--out", "site", "--base-url", BASE))
    said["site"] = site
    return said


def page(day: dict[str, object], url: str) -> BeautifulSoup:
    return soup(day["site"] / url / "index.html")  # type: ignore[operator]


def text(element) -> str:
    return " ".join(element.get_text().split())


def test_every_step_passes_and_the_notes_never_stop_it(day):
    check = day["check"]
    assert check.returncode == 0 and ": error: " not in check.stderr
    notes = [line for line in check.stderr.splitlines() if ": note: " in line]
    assert any("not yet translated into uk" in n for n in notes)
    assert any("not confirmed since" in n for n in notes)  # the stances left to age
    assert any(n.startswith("content/translations/de:1:1: note: nothing is translated")
               for n in notes)
    assert ": warning: " not in check.stderr
    assert "tagged edition-2025-06-20 (" in day["edition"]
    assert "edition-2025-05-11: built" in day["editions"]
    assert "edition-2025-06-20: built" in day["editions"]


def test_readers_see_the_notes(day):
    positions = page(day, "positions")
    stale = positions.select_one("#issue-ceasefire-first td .as-of.stale")
    assert text(stale) == "Stated on 11 May 2025; not confirmed since"
    erdogan = page(day, "uk/actors/recep-tayyip-erdogan")
    name = erdogan.find("h1")
    assert name["lang"] == "en" and text(name) == "Recep Tayyip Erdoğan"
    assert "ще не перекладено" in text(erdogan.select_one(".tx-note"))
    history = page(day, "uk/claims").find(id="putin-comes-to-istanbul").select_one(
        ".claim-history")
    assert "ще не перекладено" in text(history) and text(history).endswith(
        "неправда станом на 20 червня 2025 р.")  # the date's own period, once
    assert not (day["site"] / "de").exists()  # type: ignore[operator]
    assert [a["lang"] for a in page(day, "").select("nav.languages a")] == ["en", "ru", "uk"]


def test_each_translation_is_beside_its_own_quote(day):
    cell = page(day, "uk/positions").select_one("#issue-direct-talks td")
    pairs = {}
    for figure in cell.select("figure.quote"):
        beside = figure.select_one(".quote-translation")
        if beside is not None:
            beside.select_one(".tx-by").decompose()
        pairs[text(figure.blockquote).strip("“”")] = (
            text(beside).strip("«»") if beside is not None else None)
    assert pairs == {
        "There is no point in prolonging the killings.": None,  # new: not translated yet
        "There is no point in prolonging the killings. And I will be waiting for Putin in "
        "Türkiye on Thursday. Personally.": MEETING_UK}  # its own, in "How it moved"


def test_the_correction_is_where_the_reader_reads(day):
    chronology = page(day, "chronology")
    event = chronology.find(id=TUSK)
    assert event.select_one(".event-date time")["datetime"] == "2025-05-11"
    note = event.select_one(".note-correction")
    assert text(note) == ("Correction, 17 May 2025: An earlier version said “Tusk contacted "
                          "Trump on 10 May”. Tusk contacted Trump on 11 May, after the summit. "
                          "In the change log")
    assert chronology.select_one(".notices a")["href"] == f"#{note['id']}"
    ukrainian = page(day, "uk/chronology").find(id=TUSK).select_one(".note-correction")
    assert text(ukrainian).startswith("Виправлення, 17 травня 2025")


def test_editions_are_linked_and_styled(day):
    site = day["site"]
    for prefix in ("", "uk/", "ru/"):
        footer = page(day, prefix).select_one(".site-footer a[href$='editions/']")
        assert footer is not None and (site / prefix / "editions" / "index.html").is_file()
    listing = page(day, "editions")
    assert [a["href"] for a in listing.select(".editions h2 a")] == [
        "../editions/2025-06-20/", "../editions/2025-05-11/"]
    frozen = page(day, "editions/2025-05-11/uk/positions")
    assert frozen.select_one("link[rel=stylesheet][href$='edition.css']") is not None
    banner = frozen.select_one(".edition-banner")
    assert "11 травня 2025" in text(banner)
    assert frozen.select_one(".site-footer a[href$='editions/']")["href"] == (
        "/brief/uk/editions/")
    assert (site / "edition.css").is_file()


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_the_edition_banner_is_styled_and_fits_a_phone_and_a_desktop(day, page: Page,
                                                                     width: int, height: int):
    site = day["site"]
    with serve_like_pages(site.parent, site / "404.html") as origin:  # type: ignore[union-attr]
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{origin}/site/editions/2025-05-11/uk/")
        banner = page.locator(".edition-banner")
        style = banner.evaluate("e => { const s = getComputedStyle(e); return "
                                "[s.backgroundColor, s.paddingTop, s.display]; }")
        assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent") and style[1] != "0px"
        box = banner.bounding_box()
        assert box is not None and box["width"] <= width and box["y"] < height / 4
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width  # nothing wider than the screen


def test_no_english_interface_text_on_the_days_ukrainian_and_russian_pages(day):
    """After a day of edits nothing is translated yet: its words show in English, each
    marked as such; nothing else is English."""
    site = day["site"]
    found = {}
    for lang in ("uk", "ru"):
        for path in sorted((site / lang).rglob("*.html")):  # type: ignore[operator]
            if "pagefind" not in path.parts and (english := english_on(soup(path), lang)):
                found[path.relative_to(site).as_posix()] = english  # type: ignore[arg-type]
    assert found == {}
