"""Articles and their sources: which article holds a source's text, and every kind of
quote looked for in it (the contract's sections 1, 3 and 6)."""

from __future__ import annotations

from pathlib import Path

from briefing.pipeline import load_and_check
from tests.helpers.common import minimal, write_content

ARTICLE = ("---\ntitle: A report\nsource: report\n---\n"
           "Ana said: “We will talk.” Bob said: “Not this week.” Later: “Only in spring.” "
           "The mayor: “The quay is open.” The port: “The quay is shut.”\n")


def loaded(tmp_path: Path, monkeypatch, files: dict[str, object]):
    monkeypatch.chdir(tmp_path)
    return load_and_check(write_content(tmp_path, files).relative_to(tmp_path))


def every_kind_of_quote() -> dict[str, object]:
    files = minimal()
    files["articles/report.md"] = ARTICLE
    files["actors/bob.yaml"] = {"name": "Bob", "role": "Envoy", "side": "south",
                                "summary": "Bob."}
    files["chronology.yaml"] = [{
        "date": "2026-03-12", "title": "Talks open", "actors": ["bob"], "sources": ["report"],
        "quote": {"text": "Not this week", "source": "report", "speaker": "bob"}}]
    files["positions.yaml"] = [{"id": "talks", "issue": "Talks?", "stances": {"north": {
        "position": "Yes.", "actors": ["ana"], "sources": ["report"],
        "quote": {"text": "We will talk", "source": "report"},
        "history": [{"as_of": "2026-03-01", "position": "Later.", "sources": ["report"],
                     "quote": {"text": "Only in spring", "source": "report"}}]}}}]
    files["claims.yaml"] = [{
        "id": "quay", "claim": "The quay is open.", "status": "disputed", "note": "Why.",
        "as_of": "2026-03-12", "sources": ["report"],
        "by": [{"actor": "ana", "source": "report", "quote": "The quay is open"}],
        "against": [{"side": "south", "source": "report", "quote": "The quay is shut"}]}]
    return files


def test_every_kind_of_quote_is_found_and_marked_in_its_article(tmp_path, monkeypatch):
    """An actor's, an event's, a stance's, an earlier position's, and a claim's `by` and
    `against` quotes are all looked for in the source's article and marked there."""
    briefing, problems = loaded(tmp_path, monkeypatch, every_kind_of_quote())
    assert [str(p) for p in problems] == []
    html = str(next(a for a in briefing.articles if a.id == "report").html)
    for words in ("We will talk", "Not this week", "Only in spring", "The quay is open",
                  "The quay is shut"):
        assert f">{words}</mark>" in html, words
    assert html.count("<mark") == 5


def test_a_quote_of_each_kind_missing_from_its_article_is_reported(tmp_path, monkeypatch):
    files = every_kind_of_quote()
    files["articles/report.md"] = ARTICLE.replace("Not this week", "Next week").replace(
        "Only in spring", "Only in May").replace("The quay is shut", "The quay is closed")
    _, problems = loaded(tmp_path, monkeypatch, files)
    missing = [str(p) for p in problems if "quote not found" in str(p)]
    assert len(missing) == 3, missing
    assert sorted(m.split(":")[0] for m in missing) == [
        "content/chronology.yaml", "content/claims.yaml", "content/positions.yaml"]


def test_two_articles_cannot_hold_one_sources_text(tmp_path, monkeypatch):
    files = minimal()
    files["sources.yaml"] = [{"id": "report", "title": "A report"}]
    files["articles/copy.md"] = files["articles/report.md"].replace("A report", "A copy")
    _, problems = loaded(tmp_path, monkeypatch, files)
    assert [str(p) for p in problems] == [
        "content/articles/report.md:3:9: error: source 'report' has the text of article "
        "'copy' (sources.yaml line 1), not of this one"]


def test_sources_yaml_and_front_matter_must_name_the_same_article(tmp_path, monkeypatch):
    files = minimal()
    files["sources.yaml"] = ("- {id: report, title: A report}\n"
                             "- {id: memo, title: A memo, article: copy}\n")
    files["articles/copy.md"] = "---\ntitle: A copy\nsource: report\n---\nText.\n"
    _, problems = loaded(tmp_path, monkeypatch, files)
    assert [str(p) for p in problems if "quote not found" not in str(p)] == [
        "content/articles/report.md:3:9: error: source 'report' has the text of article "
        "'copy' (sources.yaml line 1), not of this one",
        "content/sources.yaml:2:38: error: article 'copy' is the text of source 'report' "
        "(its front matter says so), not of 'memo'"]


def test_an_events_quote_is_its_named_speakers(tmp_path, monkeypatch):
    briefing, _ = loaded(tmp_path, monkeypatch, every_kind_of_quote())
    quote = briefing.events[0].quote
    assert (quote.text, quote.speaker.id, quote.source.id) == ("Not this week", "bob", "report")
    assert quote.anchor == "quote-2"  # the second marked in reading order


def test_a_quote_in_an_actors_file_is_theirs(tmp_path, monkeypatch):
    files = every_kind_of_quote()
    files["actors/ana.yaml"]["quotes"][0]["speaker"] = "bob"
    _, problems = loaded(tmp_path, monkeypatch, files)
    assert [str(p) for p in problems] == [
        "content/actors/ana.yaml:8:12: error: a quote in ana.yaml is said by Ana Example: move a "
        "quote by 'bob' to bob.yaml, or remove 'speaker'"]


def test_an_event_may_end_on_the_day_it_begins(tmp_path, monkeypatch):
    files = minimal()
    files["chronology.yaml"][0]["end"] = files["chronology.yaml"][0]["date"]
    briefing, problems = loaded(tmp_path, monkeypatch, files)
    assert [str(p) for p in problems] == []
    assert briefing.events[0].end.iso == "2026-03-12"
