"""A newsroom's ordinary day, end to end, on a copy of the seed in a repository of its
own: the edits an editor makes (an actor added, an event's date corrected, a stance
moved into history with a new quote, a correction, a claim rated anew, stances left
to age, a new language folder with nothing in it), then exactly what the Pages workflow
runs. Every step passes, and the pages show what they should."""

from __future__ import annotations

from tests.helpers.common import soup
from tests.helpers.newsroom_day import TUSK, page, text
from tests.helpers.translations import english_on

MEETING_UK = ("Немає сенсу продовжувати вбивства. І я чекатиму Путіна в Туреччині в четвер. "
              "Особисто.")


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
