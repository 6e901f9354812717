"""What the editor wrote reaches the model unchanged: every field of every record of the
seed, the living test briefing and the water test briefing, read back from the YAML on
its own (yaml.safe_load) and compared with what linker.py made of it; the defaults where a
field is left out; and, between two loads with one cache, the same objects for what
did not change (which the preview's page cache relies on)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.linking.linker import LinkMemo
from briefing.linking.loading import load_and_check
from briefing.model.briefing import Briefing
from briefing.model.story import Quote
from briefing.reading.ids import slugify
from tests.helpers.common import ROOT, SEED, minimal, write_content
from tests.helpers.schemas import Yaml12Loader

FIXTURES = ROOT / "tests" / "fixtures"
FOLDERS = {"seed": SEED, "living": FIXTURES / "living", "water": FIXTURES / "water"}


def raw(folder: Path, name: str) -> Any:
    """A file as YAML 1.2 reads it (`false` is text, as the loader has it), each text
    stripped as the loader strips it."""
    path = folder / name
    if not path.is_file():
        return []
    return stripped(yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader))


def stripped(value: Any) -> Any:
    if isinstance(value, bool):  # the loader reads true/false where a boolean is due
        return str(value).lower()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {k: stripped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stripped(v) for v in value]
    return value


def iso(value: Any) -> str | None:
    return None if value is None else str(value)


def ids(items: Any) -> list[str]:
    return [item.id for item in items]


@pytest.fixture(params=sorted(FOLDERS))  # loaded anew in each test (see below)
def loaded(request: pytest.FixtureRequest) -> tuple[Path, Briefing]:
    """Not shared between tests: the mutation tool runs, for each mutant, the tests that
    ran its code, and a shared load would count for the first test alone."""
    folder = FOLDERS[request.param]
    briefing, problems = load_and_check(folder)
    assert briefing is not None, problems
    return folder, briefing


def test_the_briefing_and_its_sides(loaded: tuple[Path, Briefing]):
    folder, b = loaded
    written = raw(folder, "briefing.yaml")
    assert b.title == written["title"] and b.dek == written.get("dek")
    assert b.summary.source == written["summary"]
    assert b.language == written.get("language", "en")
    assert [k.source for k in b.key_points] == written.get("key_points", [])
    assert b.cname == written.get("cname")
    assert b.claim_review == (written.get("claim_review", "false") == "true")
    assert b.stale_after_days == int(written.get("stale_after_days", 30))
    assert b.positions_title == written.get("positions_title")  # None: the interface's
    for n, (side, w) in enumerate(zip(b.sides, written["sides"], strict=True)):
        assert (side.id, side.name, side.short, side.description) == (
            w["id"], w["name"], w.get("short"), w.get("description"))
        assert side.accent == n % 6 + 1
    image = written.get("share_image")
    assert (b.share_image and (b.share_image.src, b.share_image.alt)) == (
        image and (image["src"], image["alt"]))
    assert ids(b.articles) == sorted(p.stem for p in (folder / "articles").glob("*.md"))
    assert b.history is (b.history and b.history)  # the briefing's own, or None
    if (folder / "changes.yaml").is_file():
        assert b.history is not None and any(c.affects[0].kind == "briefing"
                                             for c in b.changes)


def test_sources(loaded: tuple[Path, Briefing]):
    folder, b = loaded
    written = raw(folder, "sources.yaml")
    assert ids(b.sources) == [w["id"] for w in written]
    articles = {a.source_id: a.id for a in b.articles}
    for source, w in zip(b.sources, written, strict=True):
        assert (source.title, source.short, source.publisher, source.url) == (
            w["title"], w.get("short"), w.get("publisher"), w.get("url"))
        assert iso(source.published and source.published.iso) == iso(w.get("published"))
        assert (source.side and source.side.id) == w.get("side")
        assert (source.article and source.article.id) == w.get("article",
                                                                articles.get(source.id))
        assert source.loc is not None and source.loc.path.endswith("sources.yaml")
        assert b.sources_by_id[source.id] is source


def quote_matches(quote: Quote, w: dict[str, Any], speaker: str | None) -> None:
    assert quote.text == w["text"] and quote.source.id == w["source"]
    assert (quote.speaker and quote.speaker.id) == w.get("speaker", speaker)
    assert iso(quote.date and quote.date.iso) == iso(w.get("date"))
    assert quote.context == w.get("context")


def test_actors_and_their_quotes(loaded: tuple[Path, Briefing]):
    folder, b = loaded
    files = {p.stem: raw(folder, f"actors/{p.name}") for p in (folder / "actors").glob("*.yaml")}
    assert sorted(ids(b.actors)) == sorted(files)
    assert ids(b.actors) == [a.id for a in sorted(b.actors, key=lambda a: (
        slugify(a.name) or a.name.casefold(), a.id))]  # by name, as it reads in Latin letters
    for actor in b.actors:
        w = files[actor.id]
        assert (actor.name, actor.role, actor.country) == (w["name"], w["role"],
                                                           w.get("country"))
        assert actor.summary.source == w["summary"]
        assert (actor.side and actor.side.id) == w.get("side")
        image = w.get("image")
        assert (actor.image and (actor.image.src, actor.image.alt, actor.image.credit)) == (
            image and (image["src"], image["alt"], image.get("credit")))
        assert [(link.title, link.url) for link in actor.links] == [
            (link["title"], link["url"]) for link in w.get("links", [])]
        quotes = b.record(actor).quotes
        for n, q in enumerate(w.get("quotes", [])):
            quote_matches(quotes[n], q, actor.id)


def test_events(loaded: tuple[Path, Briefing]):
    folder, b = loaded
    written = raw(folder, "chronology.yaml")
    assert len(b.events) == len(written)
    by_title = {e.title: e for e in b.events}
    for w in written:
        event = by_title[w["title"]]
        assert event.date.iso == str(w["date"]) and iso(event.end and event.end.iso) == iso(
            w.get("end"))
        assert event.approximate == (w.get("approximate", "false") == "true")
        assert (event.summary and event.summary.source) == w.get("summary")
        assert ids(event.actors) == w.get("actors", [])
        assert ids(event.sources) == w.get("sources", [])
        if "id" in w:
            assert event.id == w["id"]
        if "quote" in w:
            quote_matches(event.quote, w["quote"], None)
        else:
            assert event.quote is None
    assert [e.date for e in b.events] == sorted(e.date for e in b.events)


def test_issues_and_stances(loaded: tuple[Path, Briefing]):
    folder, b = loaded
    written = raw(folder, "positions.yaml")
    assert ids(b.issues) == [w["id"] for w in written]
    for issue, w in zip(b.issues, written, strict=True):
        assert issue.issue == w["issue"] and (issue.summary and issue.summary.source) == w.get(
            "summary")
        assert issue.status == w.get("status")
        assert iso(issue.as_of and issue.as_of.iso) == iso(w.get("as_of"))
        assert [side.id for side, _ in issue.cells] == [s.id for s in b.sides]
        for side, stance in issue.cells:
            ws = w["stances"].get(side.id)
            assert (stance is None) == (ws is None)
            if stance is None:
                continue
            assert stance.position == ws["position"] and stance.side is side
            assert (stance.detail and stance.detail.source) == ws.get("detail")
            assert ids(stance.actors) == ws.get("actors", [])
            assert ids(stance.sources) == ws.get("sources", [])
            if "quote" in ws:
                quote_matches(stance.quote, ws["quote"], None)
            assert len(stance.earlier) == len(ws.get("history", []))


def test_claims(loaded: tuple[Path, Briefing]):
    folder, b = loaded
    written = raw(folder, "claims.yaml")
    assert ids(b.claims) == [w["id"] for w in written]
    for claim, w in zip(b.claims, written, strict=True):
        assert (claim.claim, claim.status, claim.note) == (w["claim"], w["status"], w["note"])
        assert claim.as_of.iso == str(w["as_of"])
        assert ids(claim.sources) == w.get("sources", [])
        assert (claim.issue and claim.issue.id) == w.get("issue")
        for role in ("by", "against"):
            for made, wa in zip(getattr(claim, role), w.get(role, []), strict=True):
                assert (made.actor and made.actor.id) == wa.get("actor")
                assert (made.side and made.side.id) == wa.get("side")
                assert made.source.id == wa["source"]
                assert (made.quote and made.quote.text) == wa.get("quote")


def test_left_out_fields_take_their_defaults(tmp_path: Path):
    content = write_content(tmp_path, minimal())
    b, problems = load_and_check(content)
    assert b is not None, problems
    assert b.language == "en" and b.claim_review is False and b.stale_after_days == 30
    assert b.positions_title is None and b.cname is None
    assert b.share_image is None and b.dek is None and b.key_points == ()
    source = b.sources[0]
    assert source.article is not None and source.article.id == "report"  # by its source
    assert (source.short, source.publisher, source.url, source.published, source.side) == (
        None, None, None, None, None)


def test_root_links_in_key_points_start_at_the_base_path(tmp_path: Path):
    files = minimal()
    files["briefing.yaml"] = {**files["briefing.yaml"], "key_points": ["See [Ana](/actors/ana/)."]}
    content = write_content(tmp_path, files)
    b, _ = load_and_check(content, base_url="https://example.org/brief/")
    assert b is not None
    assert 'href="/brief/actors/ana/"' in b.key_points[0].html


def test_a_second_load_with_one_cache_keeps_what_did_not_change(tmp_path: Path):
    shutil.copytree(SEED, tmp_path / "content")
    content = tmp_path / "content"
    memo = LinkMemo()
    first, _ = load_and_check(content, memo=memo)
    again, _ = load_and_check(content, memo=memo)
    assert first is not None and again is not None
    for kind in ("actors", "events", "issues", "sources", "sides", "articles"):
        assert all(a is b for a, b in zip(getattr(first, kind), getattr(again, kind),
                                          strict=True)), kind
    path = content / "actors" / "tusk.yaml"
    path.write_text(path.read_text().replace("Prime Minister of Poland",
                                             "Prime Minister of the Republic of Poland"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    third, _ = load_and_check(content, memo=memo)
    assert third is not None
    changed = {a.id for a, b in zip(again.actors, third.actors, strict=True) if a is not b}
    assert changed == {"tusk"}
    assert third.record(third.actors[ids(third.actors).index("tusk")]).events
    assert all(a is b for a, b in zip(again.sources, third.sources, strict=True))
    fresh, _ = load_and_check(content)  # no cache: new objects, equal ones
    assert fresh is not None and fresh.actors[0] is not third.actors[0]
    assert fresh.actors == third.actors


# --- every optional field set, and a translation's own fields --------------------------------

def full_content() -> dict[str, object]:
    """A briefing with every optional field of part one set (most fixtures leave them)."""
    files = minimal()
    files["briefing.yaml"] = {
        "title": "Full", "dek": "All of it.", "summary": "A *full* test.",
        "updated": "2026-03-12", "language": "en-GB", "cname": "briefing.example.org",
        "claim_review": True, "stale_after_days": 45, "positions_title": "Where they stand",
        "share_image": {"src": "images/card.png", "alt": "A map of the harbour"},
        "key_points": ["One.", "Two."],
        "sides": [{"id": f"side-{n}", "name": f"Side {n}", "short": f"S{n}",
                   "description": f"The {n}th side."} for n in range(7)]}
    files["actors/ana.yaml"] = {
        "name": "Ana Example", "role": "Mayor", "side": "side-0", "country": "Norland",
        "summary": "Ana.", "image": {"src": "images/ana.png", "alt": "Ana at the quay",
                                     "credit": "Photo: the desk"},
        "links": [{"title": "Her office", "url": "https://example.org/ana"}],
        "quotes": [{"text": "We will talk", "source": "report", "date": "2026-03-10",
                    "context": "At the quay"}]}
    files["sources.yaml"] = [{"id": "report", "title": "A report", "short": "Report",
                              "publisher": "The Herald", "url": "https://example.org/r",
                              "published": "2026-03-11", "side": "side-1"}]  # no article:
    files["chronology.yaml"] = [{"date": "2026-03-12", "title": "Talks open", "end": "2026-03",
                                 "approximate": True, "summary": "They met.",
                                 "actors": ["ana"], "sources": ["report"],
                                 "quote": {"text": "We will talk", "source": "report",
                                           "speaker": "ana"}}]
    files["positions.yaml"] = [{"id": "talks", "issue": "Talks?", "stances": {
        f"side-{n}": {"position": "Yes.", "sources": ["report"]} for n in range(7)}}]
    files["articles/report.md"] = ("---\ntitle: A report\nsource: report\ndek: The dek.\n"
                                   "note: Translated by the desk.\n---\n"
                                   "Ana said: “We will talk.” Then she left.\n")
    files["changes.yaml"] = [
        {"id": f"touch-{kind}", "at": "2026-03-12", "kind": "update",
         "summary": f"The {kind} is updated.", "affects": [f"{kind}:{item}"]}
        for kind, item in (("actor", "ana"), ("event", "2026-03-12-talks-open"),
                           ("source", "report"), ("article", "report"),
                           ("issue", "talks"))]
    files["images/card.png"] = b"\x89PNG\r\n\x1a\n"
    files["images/ana.png"] = b"\x89PNG\r\n\x1a\n"
    return files


def test_every_optional_field_reaches_the_model(tmp_path: Path):
    content = write_content(tmp_path, full_content())
    b, problems = load_and_check(content)
    assert b is not None, problems
    assert (b.dek, b.language, b.cname, b.claim_review, b.stale_after_days,
            b.positions_title) == ("All of it.", "en-GB", "briefing.example.org", True, 45,
                                   "Where they stand")
    assert (b.share_image.src, b.share_image.alt) == ("images/card.png", "A map of the harbour")
    assert [(s.id, s.short, s.description, s.accent) for s in b.sides] == [
        (f"side-{n}", f"S{n}", f"The {n}th side.", n % 6 + 1) for n in range(7)]
    [source] = b.sources
    assert (source.short, source.publisher, source.url, source.published.iso,
            source.side.id) == ("Report", "The Herald", "https://example.org/r", "2026-03-11",
                                "side-1")
    assert source.article is not None and source.article.id == "report"  # by front matter
    [actor] = b.actors
    assert (actor.country, actor.image.credit, actor.links[0].url) == (
        "Norland", "Photo: the desk", "https://example.org/ana")
    [event] = b.events
    assert (event.approximate, event.summary.source, event.end.iso) == (True, "They met.",
                                                                        "2026-03")
    assert event.quote.speaker is actor and event.quote.anchor == "quote-1"
    [article] = b.articles
    assert (article.dek, article.note.source) == ("The dek.", "Translated by the desk.")
    for item in (actor, event, source, article, b.issues[0]):
        assert [c.id for c in item.history.changes] == [
            f"touch-{type(item).__name__.lower()}"], item
    quote = next(q for q in b.record(actor).quotes if q.date is not None)
    assert (quote.date.iso, quote.context, quote.anchor) == ("2026-03-10", "At the quay",
                                                            "quote-1")


def test_a_translation_carries_its_language_its_translator_and_what_it_leaves(tmp_path):
    from tests.helpers.translations import ARABIC, WATER

    shutil.copytree(WATER, tmp_path / "content")
    shutil.copytree(ARABIC, tmp_path / "content" / "translations" / "ar")
    b, problems = load_and_check(tmp_path / "content")
    assert b is not None, problems
    [ar] = b.translations
    assert (ar.language, ar.language_name, ar.machine, ar.translator, ar.direction,
            ar.original_language, ar.prefix) == ("ar", "العربية", False, "Test desk", "rtl",
                                                  b.language, "ar/")
    # missing: Çağla Erdoğan's role, and José Ñúñez's three fields (he has no file)
    assert ar.tally is not None and (ar.tally.missing, ar.tally.stale) == (4, 1)
    assert b.tx is None and ar.tx is not None  # the original has nothing to mark
    untranslated = {a.tx.missing: a.tx.none for a in ar.actors
                    if a.tx is not None and a.tx.missing}
    assert untranslated == {("role",): False,  # sorted: the same from run to run
                            ("name", "role", "summary"): True}
    stale = [s for s in ar.sides if s.tx is not None and s.tx.stale]
    assert [s.tx.stale[0][0] for s in stale] == ["description"]
    assert all(a.tx is None for a in b.actors)
    assert all(x.tx is not None for x in (*ar.events, *ar.sources, *ar.sides))
    assert all(x.tx is None for x in (*b.events, *b.sources, *b.sides))
    assert [q.text for q in ar.quotes] == [q.text for q in b.quotes]  # their own words
    assert all(q.translation for q in ar.quotes)  # with the editors' translation beside
    assert all(q.translation is None for q in b.quotes)


def test_a_broken_translation_is_reported_and_not_laid_over(tmp_path: Path):
    from tests.helpers.translations import ARABIC, WATER

    shutil.copytree(WATER, tmp_path / "content")
    shutil.copytree(ARABIC, tmp_path / "content" / "translations" / "ar")
    head = tmp_path / "content" / "translations" / "ar" / "briefing.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace("machine: false",
                                                             "machine: perhaps"),
                    encoding="utf-8")
    b, problems = load_and_check(tmp_path / "content")
    assert b is None
    assert any("translations/ar/briefing.yaml" in str(p) and "machine" in str(p)
               for p in problems)


def test_a_briefing_with_an_error_in_its_links_is_not_made(tmp_path: Path):
    files = minimal()
    files["chronology.yaml"][0]["actors"] = ["anna"]
    b, problems = load_and_check(write_content(tmp_path, files))
    assert b is None and any("unknown actor 'anna'" in str(p) for p in problems)


def test_balance_notes_join_the_others(tmp_path: Path):
    files = minimal()
    files["actors/ana.yaml"]["quotes"] = [{"text": "Words never said", "source": "report"}]
    files["positions.yaml"][0]["stances"]["south"] = {"position": "No."}  # no source
    b, problems = load_and_check(write_content(tmp_path, files))
    assert b is not None
    said = [str(p) for p in problems]
    assert any("quote not found" in p for p in said), said
    assert any("on 'Talks?' cites no source, while that of The North does" in p
               for p in said), said
