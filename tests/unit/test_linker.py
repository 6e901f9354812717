"""Validation: one case per kind of editor mistake, with its exact message and spot."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.pipeline import load_and_check
from tests.helpers.common import minimal, write_content


def problems_for(tmp_path: Path, files: dict[str, object], strict: bool = False) -> list[str]:
    content = write_content(tmp_path, files)
    _, problems = load_and_check(content.relative_to(tmp_path), strict)
    return [str(p) for p in problems]


def load_changed(tmp_path: Path, path: str, text: str):
    """(briefing, problems) of the minimal briefing with one file rewritten."""
    return load_and_check(write_content(tmp_path, changed(path, text)))


def changed(path: str, text: str) -> dict[str, object]:
    files = minimal()
    files[path] = text
    return files


BRIEFING = """title: Test briefing
summary: A test.
updated: 2026-03-12
sides:
  - id: north
    name: The North
  - id: south
    name: The South
"""
ACTOR = "name: Ana Example\nrole: Mayor\nside: north\nsummary: Ana.\n"

CASES = [
    ("unknown field with a suggestion", "actors/ana.yaml", ACTOR + "contry: Norway\n",
     ["content/actors/ana.yaml:5:1: error: unknown field 'contry' in an actor "
      "(did you mean 'country'?)"]),
    ("missing required field", "actors/ana.yaml", "name: Ana\nside: north\nsummary: Ana.\n",
     ["content/actors/ana.yaml:1:1: error: missing required field 'role' in an actor"]),
    ("empty required field", "actors/ana.yaml", "name: Ana\nrole:\nsummary: Ana.\n",
     ["content/actors/ana.yaml:2:1: error: 'role' is empty"]),
    ("control character written as an escape", "actors/ana.yaml",
     ACTOR.replace("role: Mayor", 'role: "May\\x1for"'),
     ["content/actors/ana.yaml:2:7: error: 'role' has a control character; remove it"]),
    ("text given a list", "actors/ana.yaml", ACTOR.replace("Mayor", "[Mayor, Poet]"),
     ["content/actors/ana.yaml:2:7: error: 'role' must be plain text, not a list"]),
    ("list given a word", "chronology.yaml",
     "- date: 2026-03-12\n  title: Talks\n  actors: ana\n  sources: [report]\n",
     ["content/chronology.yaml:3:11: error: 'actors' must be a list: write [ana], or one "
      "'- ' line per item"]),
    ("unknown reference with a suggestion", "chronology.yaml",
     "- date: 2026-03-12\n  title: Talks\n  actors: [anna]\n  sources: [report]\n",
     ["content/chronology.yaml:3:12: error: unknown actor 'anna': there is none in "
      "content/actors/ (did you mean 'ana'?)"]),
    ("unknown side", "actors/ana.yaml", ACTOR.replace("side: north", "side: nort"),
     ["content/actors/ana.yaml:3:7: error: unknown side 'nort': there is none among the "
      "sides in briefing.yaml (did you mean 'north'?)"]),
    ("bad slug", "positions.yaml",
     "- id: Talks Now\n  issue: Talks?\n  stances:\n    north: {position: Yes.}\n",
     ["content/positions.yaml:1:7: error: 'id': 'Talks Now' is not an id: use lower-case "
      "letters, digits and single hyphens (did you mean 'talks-now'?)"]),
    ("invalid month", "chronology.yaml",
     "- date: 2026-13\n  title: Talks\n  sources: [report]\n",
     ["content/chronology.yaml:1:9: error: 'date': '2026-13' has no month 13: months are "
      "01 to 12"]),
    ("invalid day", "chronology.yaml",
     "- date: 2026-02-30\n  title: Talks\n  sources: [report]\n",
     ["content/chronology.yaml:1:9: error: 'date': '2026-02-30' has no day 30: February "
      "2026 has 28 days"]),
    ("end before date", "chronology.yaml",
     "- date: 2026-03-12\n  end: 2026-03\n  title: Talks\n  sources: [report]\n"
     "- date: 2026-03-12\n  end: 2026-02-28\n  title: Talks\n  sources: [report]\n",
     ["content/chronology.yaml:6:8: error: 'end' (2026-02-28) is before 'date' "
      "(2026-03-12)"]),
    ("boolean", "chronology.yaml",
     "- date: 2026\n  approximate: yes\n  title: Talks\n  sources: [report]\n",
     ["content/chronology.yaml:2:16: error: 'approximate' must be true or false, not 'yes'"]),
    ("duplicate id", "sources.yaml",
     "- id: report\n  title: A\n  article: report\n- id: report\n  title: B\n",
     ["content/sources.yaml:4:7: error: duplicate source id 'report' (first used at line 1)"]),
    ("duplicate event id", "chronology.yaml",
     "- {id: talks, date: 2026, title: A, sources: [report]}\n"
     "- {id: talks, date: 2027, title: B, sources: [report]}\n",
     ["content/chronology.yaml:2:8: error: duplicate event id 'talks' (first used at line 1)"]),
    ("unsafe url", "sources.yaml",
     "- id: report\n  title: A\n  article: report\n  url: javascript:alert(1)\n",
     ["content/sources.yaml:4:8: error: 'url' must be a web address starting with https:// "
      "or http://, not 'javascript:alert(1)'"]),
    ("bad status", "positions.yaml",
     "- id: talks\n  issue: Talks?\n  status: far apart\n  stances:\n    north: "
     "{position: Yes.}\n",
     ["content/positions.yaml:3:11: error: 'status' must be one of far-apart, narrowing, "
      "agreed, unclear, not 'far apart' (did you mean 'far-apart'?)"]),
    ("stance for an unknown side", "positions.yaml",
     "- id: talks\n  issue: Talks?\n  stances:\n    nort: {position: Yes.}\n",
     ["content/positions.yaml:4:5: error: unknown side 'nort': there is none among the "
      "sides in briefing.yaml (did you mean 'north'?)"]),
    ("only one side", "briefing.yaml", BRIEFING.split("  - id: south")[0],
     ["content/briefing.yaml:1:1: error: a briefing needs at least two sides"]),
    ("updated needs a day", "briefing.yaml", BRIEFING.replace("2026-03-12", "2026-03"),
     ["content/briefing.yaml:3:10: error: 'updated' must be a full date, YYYY-MM-DD "
      "(e.g. 2025-05-11)"]),
    ("article without front matter", "articles/report.md", "Just text.\n",
     ["content/articles/report.md:1:1: error: an article starts with front matter: a '---' "
      "line, 'title:' and 'source:' lines, then another '---'"]),
    ("front matter typo at its own line", "articles/report.md",
     "---\ntitle: A report\nsourc: report\n---\nAna said: “We will talk.”\n",
     ["content/articles/report.md:3:1: error: unknown field 'sourc' in an "
      "article (did you mean 'source'?)"]),
    ("article claimed by another source", "sources.yaml",
     "- {id: report, title: A}\n- {id: other, title: B, article: report}\n",
     ["content/sources.yaml:2:34: error: article 'report' is the text of source 'report' "
      "(its front matter says so), not of 'other'"]),
    ("bad actor file name", "actors/Ana Example.yaml", ACTOR,
     ["content/actors/Ana Example.yaml:1:1: error: the file name is the id and must be "
      "lower-case letters, digits and hyphens: rename it to ana-example.yaml"]),
    ("yml extension", "actors/bob.yml", ACTOR,
     ["content/actors/bob.yml:1:1: warning: not a .yaml file, so it is not read: rename it "
      "to bob.yaml"]),
    ("image that is not there", "actors/ana.yaml",
     ACTOR + "image: {src: images/ana.jpg, alt: Ana}\n",
     ["content/actors/ana.yaml:5:14: error: no image file at content/images/ana.jpg"]),
    ("image outside content", "actors/ana.yaml",
     ACTOR + "image: {src: ../secret.jpg, alt: Ana}\n",
     ["content/actors/ana.yaml:5:14: error: 'src' must be a path inside content/ (e.g. "
      "images/putin.jpg) or an https:// URL, not '../secret.jpg'"]),
    ("quote written with curly quote marks", "actors/ana.yaml",
     ACTOR + "quotes:\n  - {text: “We will talk”, source: report}\n",
     ["content/actors/ana.yaml:6:12: error: 'text' is written in quote marks (“…”): leave "
      "out the quote marks; the site adds them"]),
    ("quote written with straight quote marks inside YAML's", "chronology.yaml",
     "- date: 2026-03-12\n  title: Talks\n  sources: [report]\n  quote:\n"
     "    text: '\"We will talk\"'\n    source: report\n",
     ["content/chronology.yaml:5:11: error: 'text' is written in quote marks (\"…\"): leave "
      "out the quote marks; the site adds them"]),
    ("tab at the start of a line", "actors/ana.yaml", ACTOR + "\tcountry: Norway\n",
     ["content/actors/ana.yaml:5:1: error: a tab character here: indent with spaces, not "
      "tabs"]),
    ("tab after spaces", "actors/ana.yaml", "name: Ana\nrole:\n  \tMayor\n",
     ["content/actors/ana.yaml:3:3: error: a tab character here: indent with spaces, not "
      "tabs"]),
    ("unknown actor: ids that contain the word", "chronology.yaml",
     "- date: 2026-03-12\n  title: Talks\n  actors: [erdogan]\n  sources: [report]\n",
     ["content/chronology.yaml:3:12: error: unknown actor 'erdogan': there is none in "
      "content/actors/ (did you mean 'recep-tayyip-erdogan'?)"]),
    ("unknown side: the few choices listed", "actors/ana.yaml",
     ACTOR.replace("side: north", "side: moscow"),
     ["content/actors/ana.yaml:3:7: error: unknown side 'moscow': there is none among the "
      "sides in briefing.yaml (the choices are 'north' and 'south')"]),
    ("month and day need two digits", "chronology.yaml",
     "- date: 2025-5-16\n  title: Talks\n  sources: [report]\n",
     ["content/chronology.yaml:1:9: error: 'date': '2025-5-16' is not a date: months and "
      "days take two digits (did you mean '2025-05-16'?)"]),
    ("unknown source", "chronology.yaml",
     "- date: 2026-03-12\n  title: Talks\n  sources: [reprot]\n",
     ["content/chronology.yaml:3:13: error: unknown source 'reprot': there is none in "
      "sources.yaml (did you mean 'report'?)"]),
    ("unknown article", "sources.yaml",
     "- {id: report, title: A, article: report}\n- {id: other, title: B, article: memo}\n",
     ["content/sources.yaml:2:34: error: unknown article 'memo': there is none in "
      "content/articles/ (the choices are 'report')"]),
    ("quote not in its article: the closest passage and the difference", "actors/ana.yaml",
     ACTOR + "quotes:\n  - {text: We shall talk, source: report}\n",
     ["content/actors/ana.yaml:6:12: warning: quote not found in the text of article "
      "'report' (content/articles/report.md): the closest passage is '\"We will talk.\"', "
      "where the article has 'will', you wrote 'shall'"]),
    ("quote speaker in another actor's file", "actors/ana.yaml",
     ACTOR + "quotes:\n  - {text: We will talk, source: report, speaker: bob}\n",
     ["content/actors/ana.yaml:6:51: error: unknown actor 'bob': there is none in "
      "content/actors/ (the choices are 'ana' and 'recep-tayyip-erdogan')"]),
]


@pytest.mark.parametrize("path, text, expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_each_mistake_gets_one_clear_message(tmp_path, monkeypatch, path, text, expected):
    monkeypatch.chdir(tmp_path)
    files = changed(path, text)
    if path.startswith("actors/") and path != "actors/ana.yaml":
        files["actors/ana.yaml"] = ACTOR
    files["actors/recep-tayyip-erdogan.yaml"] = {"name": "Recep Tayyip Erdoğan",
                                                 "role": "President", "summary": "Host."}
    assert problems_for(tmp_path, files) == expected


def test_all_errors_of_a_build_are_reported_sorted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files["actors/ana.yaml"] = ACTOR.replace("side: north", "side: nort") + "contry: x\n"
    files["chronology.yaml"] = "- date: 2026-02-30\n  title: T\n  actors: [anna]\n"
    problems = problems_for(tmp_path, files)
    assert [p.split(": error")[0] for p in problems] == [
        "content/actors/ana.yaml:3:7", "content/actors/ana.yaml:5:1",
        "content/chronology.yaml:1:9", "content/chronology.yaml:3:12"]


def test_one_typo_gives_one_message_not_a_cascade(tmp_path, monkeypatch):
    """An actor dropped for its own mistake is still 'known' to the files that cite it."""
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files["actors/ana.yaml"] = ACTOR + "quotes: nope\n"
    assert problems_for(tmp_path, files) == [
        "content/actors/ana.yaml:5:9: error: 'quotes' must be a list: write [nope], or one "
        "'- ' line per item"]


def test_yaml_11_words_are_text_where_the_contract_says_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    briefing, problems = load_changed(tmp_path, "actors/ana.yaml",
                                      ACTOR.replace("Mayor", "no") + "country: NO\n")
    assert problems == [] and briefing is not None
    assert (briefing.actors[0].role, briefing.actors[0].country) == ("no", "NO")


def test_dates_quoted_or_not_mean_the_same(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    briefing, problems = load_changed(tmp_path, "chronology.yaml",
                                      "- {date: 2026-03-12, title: A, sources: [report]}\n"
                                      "- {date: '2026-03', title: B, sources: [report]}\n"
                                      "- {date: 2019, title: C, sources: [report]}\n")
    assert problems == []
    assert [(e.title, e.date.iso) for e in briefing.events] == [
        ("C", "2019"), ("B", "2026-03"), ("A", "2026-03-12")]


def test_event_without_source_is_a_warning_and_an_error_when_strict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files["chronology.yaml"] = "- date: 2026\n  title: Talks\n"
    expected = "content/chronology.yaml:1:3: {}: event 'Talks' cites no source: add 'sources:'"
    assert problems_for(tmp_path, files) == [expected.format("warning")]
    assert problems_for(tmp_path, files, strict=True) == [expected.format("error")]


def test_default_event_ids_are_unique_and_made_from_date_and_title(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    briefing, _ = load_changed(tmp_path, "chronology.yaml",
                               "- {date: 2026-03-12, title: Talks open!, sources: [report]}\n"
                               "- {date: 2026-03-12, title: Talks open, sources: [report]}\n"
                               "- {date: 2026, title: Зустріч, sources: [report]}\n")
    assert [e.id for e in briefing.events] == [
        "2026", "2026-03-12-talks-open", "2026-03-12-talks-open-2"]


def test_cross_indexes(content):
    briefing, problems = load_and_check(content)
    assert problems == []
    ana = briefing.actors[0]
    record = briefing.record(ana)
    assert [e.title for e in record.events] == ["Talks open"]
    assert [(i.id, s.side.id) for i, s in record.stances] == [("talks", "north")]
    assert [q.text for q in record.quotes] == ["We will talk"]
    cited = briefing.cited_by(briefing.sources[0])
    assert (len(cited.events), len(cited.stances), len(cited.quotes)) == (1, 1, 1)
    assert briefing.issues[0].cells[1][1] is None  # the South states no position


def test_an_id_written_as_a_title_is_one_mistake_and_only_valid_ids_are_suggested(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files["sources.yaml"] = [{"id": "report", "title": "A", "article": "report"},
                             {"id": "Talks in Istanbul", "title": "B"}]
    files["chronology.yaml"] = [
        {"date": "2026-03-12", "title": "Talks", "sources": ["talks-in-istanbul"]},
        {"date": "2026-03-13", "title": "More talks", "sources": ["talks-istanbul"]}]
    assert problems_for(tmp_path, files) == [
        "content/chronology.yaml:8:5: error: unknown source 'talks-istanbul': there is none "
        "in sources.yaml (did you mean 'talks-in-istanbul'?)",
        "content/sources.yaml:4:7: error: 'id': 'Talks in Istanbul' is not an id: use "
        "lower-case letters, digits and single hyphens (did you mean 'talks-in-istanbul'?)"]
