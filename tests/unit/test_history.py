"""The briefing's own history (the contract's sections 4 and 5): changes.yaml checked
rule by rule, what changed, each item's history where it is shown, one date
everywhere, the feed as the story's updates, and positions over time. On the test
briefing in tests/fixtures/living: every kind of change, histories, a stale stance."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.pipeline import build, load_and_check
from tests.helpers.common import TEMPLATES, soup, write_content
from tests.helpers.history import (
    BASE,
    LIVING,
    STALE,
    living,
    site,  # noqa: F401  (fixtures)
)

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def page(site: Path, url: str) -> BeautifulSoup:  # noqa: F811
    return soup(site / url / "index.html")


def text(element) -> str:
    return " ".join(element.get_text().split())


def problems_with(tmp_path: Path, monkeypatch, path: str, content: str,
                  strict: bool = False) -> list[str]:
    monkeypatch.chdir(tmp_path)
    files = living()
    files[path] = content
    _, problems = load_and_check(write_content(tmp_path, files).relative_to(tmp_path),
                                 strict)
    return [str(p) for p in problems if str(p) != STALE]


CHANGE = "- id: {id}\n  at: {at}\n  kind: {kind}\n  summary: X.\n  affects: [{affects}]\n"


def change(id="x", at="2026-03-12", kind="update", affects="briefing", extra=""):
    return CHANGE.format(id=id, at=at, kind=kind, affects=affects) + extra


# --- changes.yaml, rule by rule ----------------------------------------------------------

MISTAKES = [
    ("a kind that is not one", change(kind="updte"),
     ["content/changes.yaml:3:9: error: 'kind' must be one of update, correction, "
      "clarification, withdrawal, not 'updte' (did you mean 'update'?)"]),
    ("a time without its offset", change(at="2026-03-12T09:30"),
     ["content/changes.yaml:2:7: error: 'at': '2026-03-12T09:30' has a time but no offset "
      "from UTC: write 2026-03-12T09:30+03:00 (or 2026-03-12T09:30Z for UTC), so readers "
      "everywhere know when it was"]),
    ("an at that is not a day", change(at="12 March 2026"),
     ["content/changes.yaml:2:7: error: 'at': '12 March 2026' is not a day or a time: write "
      "2025-05-16, or 2025-05-16T09:30+03:00 with the time's offset from UTC"]),
    ("an at of a month", change(at="2026-03"),
     ["content/changes.yaml:2:7: error: 'at': '2026-03' is not a day or a time: write "
      "2025-05-16, or 2025-05-16T09:30+03:00 with the time's offset from UTC"]),
    ("an at with a one-digit month", change(at="2026-3-12"),
     ["content/changes.yaml:2:7: error: 'at': '2026-3-12' is not a date: months and days "
      "take two digits (did you mean '2026-03-12'?)"]),
    ("an hour that is not one", change(at="2026-03-12T24:00Z"),
     ["content/changes.yaml:2:7: error: 'at': '2026-03-12T24:00Z' has no time 24:00"]),
    ("an offset that is not one", change(at="2026-03-12T09:00+15:00"),
     ["content/changes.yaml:2:7: error: 'at': '2026-03-12T09:00+15:00' has no offset "
      "+15:00: offsets run from -14:00 to +14:00"]),
    ("an affected kind mistyped", change(affects="evnt:ceasefire"),
     ["content/changes.yaml:5:13: error: 'affects': 'evnt:ceasefire' is not something a "
      "change can affect: write briefing, or kind:id with a kind of actor, event, issue, "
      "claim, source, article (did you mean 'event:ceasefire'?)"]),
    ("briefing mistyped", change(affects="briefng"),
     ["content/changes.yaml:5:13: error: 'affects': 'briefng' is not something a change "
      "can affect: write briefing, or kind:id with a kind of actor, event, issue, claim, "
      "source, article (did you mean 'briefing'?)"]),
    ("an affected id that is not an id", change(affects="actor:Ana Example"),
     ["content/changes.yaml:5:13: error: 'affects': 'Ana Example' in 'actor:Ana Example' "
      "is not an id: use lower-case letters, digits and single hyphens (did you mean "
      "'actor:ana-example'?)"]),
    ("an affected item written with a space", change(affects="actor: ana"),
     ["content/changes.yaml:5:13: error: 'affects': write 'actor:ana' with no space after "
      "the ':' (with one, YAML reads a field and its value)"]),
    ("an unknown event", change(affects="event:ceasfire"),
     ["content/changes.yaml:5:13: error: unknown event 'ceasfire': there is none in "
      "chronology.yaml (did you mean 'ceasefire'?)"]),
    ("an unknown actor", change(affects="actor:anna"),
     ["content/changes.yaml:5:13: error: unknown actor 'anna': there is none in "
      "content/actors/ (did you mean 'ana'?)"]),
    ("an unknown issue", change(affects="issue:harbor"),
     ["content/changes.yaml:5:13: error: unknown issue 'harbor': there is none in "
      "positions.yaml (did you mean 'harbour'?)"]),
    ("an unknown source", change(affects="source:memmo"),
     ["content/changes.yaml:5:13: error: unknown source 'memmo': there is none in "
      "sources.yaml (did you mean 'memo'?)"]),
    ("an unknown article", change(affects="article:reprt"),
     ["content/changes.yaml:5:13: error: unknown article 'reprt': there is none in "
      "content/articles/ (did you mean 'report'?)"]),
    ("an unknown claim", change(affects="claim:truce"),
     ["content/changes.yaml:5:13: error: unknown claim 'truce': there is none in "
      "claims.yaml (if it was taken out, a withdrawal affecting it says so)"]),
    ("an earlier change to a withdrawn item", change(affects="event:gone") + change(
        id="y", kind="withdrawal", affects="event:gone", extra="  was: It said so.\n"), []),
    ("a withdrawal may name what is gone", change(kind="withdrawal", affects="event:gone",
                                                  extra="  was: It said so.\n"), []),
    ("an add is checked like affects", change(extra="  adds: [event:nope]\n"),
     ["content/changes.yaml:6:10: error: unknown event 'nope': there is none in "
      "chronology.yaml (the choices are 'ceasefire' and 'talks-open')"]),
    ("affects naming nothing", change().replace("[briefing]", "[]"),
     ["content/changes.yaml:5:12: error: 'affects' names nothing: a change affects at least "
      "one thing (briefing, or kind:id)"]),
    ("no affects", change().replace("  affects: [briefing]\n", ""),
     ["content/changes.yaml:1:3: error: missing required field 'affects' in a change"]),
    ("a correction without was", change(kind="correction"),
     ["content/changes.yaml:1:3: error: a correction says what the briefing said before: "
      "add 'was' with the earlier text"]),
    ("a clarification without was", change(kind="clarification"),
     ["content/changes.yaml:1:3: error: a clarification says what the briefing said "
      "before: add 'was' with the earlier text"]),
    ("a withdrawal without was", change(kind="withdrawal"),
     ["content/changes.yaml:1:3: error: a withdrawal says what the briefing said before: "
      "add 'was' with the earlier text"]),
    ("was on an update", change(extra="  was: Before.\n"),
     ["content/changes.yaml:6:8: warning: 'was' is shown only for corrections, "
      "clarifications and withdrawals: make this one of those, or leave 'was' out"]),
    ("a minor correction", change(kind="correction", extra="  was: A.\n  minor: true\n"),
     ["content/changes.yaml:7:10: error: a correction is never minor: readers are always "
      "told of it"]),
    ("a minor withdrawal", change(kind="withdrawal", extra="  was: A.\n  minor: true\n"),
     ["content/changes.yaml:7:10: error: a withdrawal is never minor: readers are always "
      "told of it"]),
    ("minor is true or false", change(extra="  minor: yes\n"),
     ["content/changes.yaml:6:10: error: 'minor' must be true or false, not 'yes'"]),
    ("a repeated id", change() + change(),
     ["content/changes.yaml:6:7: error: duplicate change id 'x' (first used at line 1)"]),
    ("an id the page keeps", change(id="main"),
     ["content/changes.yaml:1:7: error: the id 'main' is taken by the changes page itself: "
      "choose another"]),
    ("an unknown field", change(extra="  note: hi\n"),
     ["content/changes.yaml:6:3: error: unknown field 'note' in a change"]),
    ("not a list", "id: x\n",
     ["content/changes.yaml:1:1: error: changes.yaml must be a list of changes, each "
      "starting with '- '"]),
]


@pytest.mark.parametrize("text_, expected", [m[1:] for m in MISTAKES],
                         ids=[m[0] for m in MISTAKES])
def test_each_changes_rule_has_its_message(tmp_path, monkeypatch, text_, expected):
    assert problems_with(tmp_path, monkeypatch, "changes.yaml", text_) == expected


def test_updated_comes_from_the_latest_change_or_must_agree(tmp_path, monkeypatch):
    briefing = living()["briefing.yaml"]
    agreeing = briefing + "updated: 2026-03-12\n"
    assert problems_with(tmp_path, monkeypatch, "briefing.yaml", agreeing) == []
    assert problems_with(tmp_path, monkeypatch, "briefing.yaml",
                         briefing + "updated: 2026-03-11\n") == [
        "content/briefing.yaml:14:10: error: 'updated' is 2026-03-11, but the latest change "
        "in changes.yaml is of 2026-03-12: leave 'updated' out (changes.yaml sets it) or make "
        "them agree"]


def test_without_a_change_log_updated_is_required(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = living()
    del files["changes.yaml"]
    _, problems = load_and_check(write_content(tmp_path, files).relative_to(tmp_path))
    assert [str(p) for p in problems] == [
        "content/briefing.yaml:4:1: error: missing required field 'updated' in a briefing "
        "(or keep a changes.yaml, whose latest change sets it)"]


def test_a_log_of_minor_changes_sets_no_date(tmp_path, monkeypatch):
    assert problems_with(tmp_path, monkeypatch, "changes.yaml",
                         change(extra="  minor: true\n")) == [
        "content/briefing.yaml:4:1: error: missing required field 'updated' in a briefing "
        "(every change in changes.yaml is minor, so none sets it)"]


# --- positions over time, rule by rule ---------------------------------------------------

POSITIONS = LIVING.joinpath("positions.yaml").read_text()


@pytest.mark.parametrize("old, new, expected", [
    ("      as_of: 2026-03-10\n", "      as_of: last week\n",
     ["content/positions.yaml:12:14: error: 'as_of': 'last week' is not a date: write YYYY, "
      "YYYY-MM or YYYY-MM-DD (e.g. 2025-05-11)"]),
    ("        - as_of: 2026-03-01\n          position: The north alone.\n",
     "        - as_of: 2026-03-11\n          position: The north alone.\n",
     ["content/positions.yaml:16:18: error: an earlier position dated 2026-03-11, after the "
      "current one's 2026-03-10: the current one is the latest"]),
    ("          position: The north alone.\n", "",
     ["content/positions.yaml:16:11: error: missing required field 'position' in an earlier "
      "stance"]),
    ("    - as_of: 2026-03-01\n      status: far-apart\n",
     "    - as_of: 2026-03-11\n      status: far-apart\n",
     ["content/positions.yaml:6:14: error: an earlier status dated 2026-03-11, after the "
      "current one's 2026-03-10: the current one is the latest"]),
    ("      status: far-apart\n", "      status: far\n",
     ["content/positions.yaml:7:15: error: 'status' must be one of far-apart, narrowing, "
      "agreed, unclear, not 'far' (did you mean 'far-apart'?)"]),
    ("      status: far-apart\n", "",
     ["content/positions.yaml:6:7: error: missing required field 'status' in an earlier "
      "status"]),
    ("      note: before the talks\n", "      note: [before]\n",
     ["content/positions.yaml:8:13: error: 'note' must be plain text, not a list"]),
])
def test_each_positions_over_time_rule_has_its_message(tmp_path, monkeypatch, old, new,
                                                       expected):
    assert old in POSITIONS
    assert problems_with(tmp_path, monkeypatch, "positions.yaml",
                         POSITIONS.replace(old, new, 1)) == expected


@pytest.mark.parametrize("days, expected", [
    ("40", []),  # 39 days: within
    ("0", ["content/briefing.yaml:8:19: error: 'stale_after_days' must be a whole number, 1 "
           "or more, not '0'"]),
    ("ten", ["content/briefing.yaml:8:19: error: 'stale_after_days' must be a whole number, "
             "1 or more, not 'ten'"]),
])
def test_stale_after_days_sets_when_a_stance_is_stale(tmp_path, monkeypatch, days, expected):
    briefing = living()["briefing.yaml"].replace("stale_after_days: 10",
                                                 f"stale_after_days: {days}")
    assert problems_with(tmp_path, monkeypatch, "briefing.yaml", briefing) == expected


def test_stale_after_days_defaults_to_30(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = living()
    files["briefing.yaml"] = files["briefing.yaml"].replace("stale_after_days: 10\n", "")
    files["positions.yaml"] = POSITIONS.replace("as_of: 2026-02-01", "as_of: 2026-02-10")
    _, problems = load_and_check(write_content(tmp_path, files).relative_to(tmp_path))
    assert problems == []  # 30 days before 12 March: not stale
    files["positions.yaml"] = POSITIONS.replace("as_of: 2026-02-01", "as_of: 2026-02-09")
    _, problems = load_and_check(write_content(tmp_path, files).relative_to(tmp_path))
    assert [p.message.split(",")[0] for p in problems] == [
        "the position of The South on 'Who runs the harbour?' was stated on 2026-02-09"]


# --- what changed ------------------------------------------------------------------------

def test_what_changed_lists_every_change_by_day_newest_first(site: Path):  # noqa: F811
    changes = page(site, "changes/")
    assert [h["id"] for h in changes.select("main h2")] == [
        "day-2026-03-12", "day-2026-03-11", "day-2026-03-10", "day-2026-03-01"]
    assert [li["id"] for li in changes.select(".change")] == [
        "ana-role", "bridge-claim-false", "port-closed-withdrawn", "bo-typo",
        "clarify-harbour", "fix-talks-date", "ceasefire-added", "first-publication"]
    first = changes.find("li", id="ana-role")
    assert text(first.find(class_="change-head")) == "Update · 12 March 2026, 10:00 UTC+1"
    assert first.find("time")["datetime"] == "2026-03-12T10:00+01:00"
    assert [(a["href"], text(a)) for a in first.select(".change-affects a")] == [
        ("../actors/ana/", "Ana Example")]


def test_a_correction_says_what_was_said_and_a_withdrawal_keeps_what_is_gone(site: Path):  # noqa: F811
    changes = page(site, "changes/")
    fix = changes.find("li", id="fix-talks-date")
    assert text(fix.find(class_="change-kind")) == "Correction"
    assert text(fix.find(class_="change-was")) == (
        "An earlier version said “The talks opened on 2 March”.")  # as in its notes
    gone = changes.find("li", id="port-closed-withdrawn")
    assert text(gone.find(class_="change-affects")) == (
        "Withdrawn from: port-closed (no longer in the briefing)")
    assert gone.select(".change-affects a") == []


def test_a_minor_change_is_listed_quieter_and_announced_nowhere_else(site: Path):  # noqa: F811
    minor = page(site, "changes/").find("li", id="bo-typo")
    assert "minor" in minor["class"] and not minor.has_attr("data-changed")
    assert text(minor.find(class_="change-kind")) == "Minor update"
    bo = page(site, "actors/bo/")
    assert not bo.find("article").has_attr("data-changed")
    assert bo.select(".lede .history") == []  # his stance's issue has its own, below
    feed = ET.parse(site / "feed.xml").getroot()
    assert not any(e.find("a:id", ATOM).text.endswith("/bo-typo")
                   for e in feed.findall("a:entry", ATOM))


# --- history at the item -----------------------------------------------------------------

def test_an_item_carries_its_history_where_it_is_shown(site: Path):  # noqa: F811
    for url in ("chronology/", "actors/ana/"):
        talks = page(site, url).find("li", id="talks-open")
        assert talks["data-changed"] == "2026-03-11"
        assert text(talks.find(class_="history")) == "Updated 11 March 2026"
    ceasefire = page(site, "chronology/").find("li", id="ceasefire")
    assert ceasefire["data-changed"] == "2026-03-10T18:30+02:00"
    assert text(ceasefire.find(class_="history")) == "Added 10 March 2026, 18:30 UTC+2"
    ana = page(site, "actors/ana/").find("article")
    assert ana["data-changed"] == "2026-03-12T10:00+01:00"
    assert text(ana.find(class_="history")) == "Updated 12 March 2026, 10:00 UTC+1"
    listed = page(site, "actors/").find("a", href="../actors/ana/").parent
    assert listed["data-changed"] == "2026-03-12T10:00+01:00"
    row = page(site, "positions/").find("tr", id="issue-harbour")
    assert row["data-changed"] == "2026-03-11T09:00Z"
    assert page(site, "").find("header", class_="lede")["data-changed"] == "2026-03-01"


def test_the_overview_says_updated_once_and_linked_items_are_apart(site: Path):  # noqa: F811
    lede = page(site, "").find("header", class_="lede")
    assert [text(p) for p in lede.find_all("p") if "Updated" in text(p)] == [
        "Updated 12 March 2026, 10:00 UTC+1 · What changed"]


def test_items_a_change_affects_are_listed_apart(tmp_path: Path):
    files = living()
    files["changes.yaml"] = files["changes.yaml"].replace("affects: [actor:bo]",
                                                          "affects: [actor:bo, actor:ana]")
    build(write_content(tmp_path, files), tmp_path / "site", TEMPLATES, search=False)
    listed = page(tmp_path / "site", "changes/").select(".change-affects")
    both = [affects for affects in listed if len(affects.find_all("a")) == 2]
    assert [text(affects) for affects in both] == ["Affects: Bo Example, Ana Example"], listed


def test_a_correction_note_is_by_the_book_and_said_at_the_pages_top(site: Path):  # noqa: F811
    chronology = page(site, "chronology/")
    note = chronology.find(id="note-fix-talks-date-event-talks-open")
    assert text(note) == ("Correction, 11 March 2026: An earlier version said “The talks "
                          "opened on 2 March”. The talks opened on 1 March. In the change log")
    assert note.find("a")["href"] == "../changes/#fix-talks-date"
    notice = chronology.find(class_="notices")
    assert notice.find_next(class_="event") is not None  # above the items
    assert [a["href"] for a in notice.find_all("a")] == [
        "#note-fix-talks-date-event-talks-open"]
    clarified = page(site, "positions/").find(id="note-clarify-harbour-issue-harbour")
    assert text(clarified).startswith("Clarification, 11 March 2026, 09:00 UTC: An earlier "
                                      "version said “The north wants the harbour”. ")
    assert page(site, "positions/").find(class_="notices") is None  # a clarification: no
    assert page(site, "sources/").find(class_="notices") is None


# --- one date everywhere -----------------------------------------------------------------

def test_one_last_updated_moment_everywhere(site: Path):  # noqa: F811
    overview = page(site, "")
    assert overview.find(class_="updated").find("time")["datetime"] == (
        "2026-03-12T10:00+01:00")
    assert overview.find("footer").find("time")["datetime"] == "2026-03-12T10:00+01:00"
    data = json.loads(overview.find("script", type="application/ld+json").string)
    assert (data["dateModified"], data["datePublished"]) == ("2026-03-12T10:00+01:00",
                                                            "2026-03-01")
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.find("a:updated", ATOM).text == "2026-03-12T10:00:00+01:00"
    assert overview.find("meta", property="article:modified_time")["content"] == (
        "2026-03-12T10:00+01:00")


def test_a_pages_lastmod_is_the_latest_change_to_what_it_shows(site: Path):  # noqa: F811
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {u.find("s:loc", ns).text.removeprefix(BASE): u.find("s:lastmod", ns).text
               for u in sitemap.findall("s:url", ns)}
    assert lastmod == {
        "": "2026-03-01",  # the overview shows the briefing: its first publication
        "actors/": "2026-03-12T10:00+01:00",  # Ana's role
        "actors/ana/": "2026-03-12T10:00+01:00",
        "actors/bo/": "2026-03-11T09:00Z",  # his stance's issue; his typo is minor
        "chronology/": "2026-03-11",  # the correction; the gone event is not shown
        "positions/": "2026-03-11T09:00Z",
        "sources/": "2026-03-12T10:00+01:00",  # nothing of its own: the briefing's
        "articles/report/": "2026-03-12T10:00+01:00",
        "changes/": "2026-03-12T10:00+01:00",
        "claims/": "2026-03-12T08:00Z",  # the change to the bridge's claim
    }


# --- the feed is the story's updates -----------------------------------------------------

def test_the_feed_has_an_entry_per_announced_change(site: Path):  # noqa: F811
    entries = ET.parse(site / "feed.xml").getroot().findall("a:entry", ATOM)
    assert [e.find("a:id", ATOM).text for e in entries] == [
        "tag:example.org,2026:harbour/changes/ana-role",
        "tag:example.org,2026:harbour/changes/bridge-claim-false",
        "tag:example.org,2026:harbour/changes/port-closed-withdrawn",
        "tag:example.org,2026:harbour/changes/clarify-harbour",
        "tag:example.org,2026:harbour/changes/fix-talks-date",
        "tag:example.org,2026:harbour/changes/ceasefire-added",
        "tag:example.org,2026:harbour/changes/first-publication"]
    fix = entries[4]
    assert fix.find("a:title", ATOM).text == "Correction: The talks opened on 1 March."
    assert fix.find("a:link", ATOM).get("href") == BASE + "changes/#fix-talks-date"
    assert fix.find("a:updated", ATOM).text == "2026-03-11T00:00:00Z"
    assert entries[2].find("a:title", ATOM).text.startswith("Withdrawn: ")
    content = BeautifulSoup(entries[0].find("a:content", ATOM).text, "html.parser")
    assert content.find("a")["href"] == BASE + "actors/ana/?since=2026-03-12"


# --- positions over time -----------------------------------------------------------------

def test_a_stance_shows_its_date_and_how_it_moved(site: Path):  # noqa: F811
    north = page(site, "positions/").find("tr", id="issue-harbour").find_all("td")[0]
    assert text(north.find(class_="as-of")) == "As of 10 March 2026"
    moved = north.find("details", class_="moved")
    assert text(moved.find("summary")) == "How it moved"
    earlier = moved.select(".earlier li")
    assert len(earlier) == 1
    assert text(earlier[0].find("p")) == "1 March 2026: The north alone."
    assert [a["href"] for a in earlier[0].select(".quote a")] == [
        "../actors/ana/", "../articles/report/#quote-1"]  # who said it, where: verified
    assert [a["href"] for a in earlier[0].select(".citations a")] == [
        "../sources/#source-report"]


def test_a_stale_stance_says_when_it_was_stated(site: Path):  # noqa: F811
    south = page(site, "positions/").find("tr", id="issue-harbour").find_all("td")[1]
    assert text(south.find(class_="as-of")) == "Stated on 1 February 2026; not confirmed since"
    assert "stale" in south.find(class_="as-of")["class"]
    assert south.find("details") is None


def test_an_issues_status_says_since_when_and_what_it_was(site: Path):  # noqa: F811
    row = page(site, "positions/").find("tr", id="issue-harbour")
    assert text(row.find(class_="status")) == "Narrowing since 10 March 2026"
    assert text(row.find(class_="status-history")) == "Far apart on 1 March 2026 (before the talks)"


def test_actor_pages_show_their_dated_positions(site: Path):  # noqa: F811
    for actor, dated in (("ana", "As of 10 March 2026"),
                         ("bo", "Stated on 1 February 2026; not confirmed since")):
        assert text(page(site, f"actors/{actor}/").select_one(".stance-list .as-of")) == dated


def test_briefing_json_carries_changes_and_histories(site: Path):  # noqa: F811
    data = json.loads((site / "briefing.json").read_text())
    assert [c["id"] for c in data["changes"]][:2] == ["ana-role", "bridge-claim-false"]
    assert data["changes"][6] == {
        "id": "ceasefire-added", "at": "2026-03-10T18:30+02:00", "kind": "update",
        "summary": "A ceasefire on the quays.", "was": None, "minor": False,
        "affects": ["event:ceasefire"], "adds": ["event:ceasefire"],
        "url": "changes/#ceasefire-added"}
    assert (data["modified"], data["published"]) == ("2026-03-12T10:00+01:00", "2026-03-01")
    issue = data["issues"][0]
    assert issue["history"] == [{"as_of": "2026-03-01", "status": "far-apart",
                                 "note": "before the talks"}]
    assert issue["stances"]["south"]["stale"] is True
    assert issue["stances"]["north"]["history"][0]["position"] == "The north alone."


def test_a_living_briefing_builds_byte_for_byte_the_same(site: Path, tmp_path: Path):  # noqa: F811
    from tests.helpers.pipeline import digest

    again = tmp_path / "again"
    build(write_content(tmp_path, living()), again, TEMPLATES, BASE, search=False)
    assert digest(again) == digest(site)


def test_a_briefing_without_a_change_log_builds_as_before(tmp_path: Path):
    files = living()
    del files["changes.yaml"]
    files["briefing.yaml"] += "updated: 2026-03-12\n"
    content = write_content(tmp_path, files)
    build(content, tmp_path / "site", TEMPLATES, BASE, search=False)
    assert not (tmp_path / "site" / "changes").exists()
    overview = page(tmp_path / "site", "")
    assert overview.find(class_="whats-new") is None and overview.select("[data-changed]") == []
    assert "What changed" not in text(overview.find("nav"))
    entries = ET.parse(tmp_path / "site" / "feed.xml").getroot().findall("a:entry", ATOM)
    assert len(entries) == 2  # one per event, as before
