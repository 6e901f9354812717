"""Claims (the contract's section 6): what we know, what is claimed, what nobody knows yet.
Checked rule by rule; shown on /claims/, the overview, issues and actor pages; the
balance report and its warnings on a briefing built to be lopsided; the filter in a
real browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.pipeline import build, load_and_check
from tests.helpers.claims import (
    claim,
    page,
    problems_with,
    site,  # noqa: F401  (fixtures)
)
from tests.helpers.common import TEMPLATES, write_content
from tests.helpers.history import BASE, STALE, living


def text(element) -> str:
    return " ".join(element.get_text().split())


MISTAKES = [
    ("no sources for a rated claim", claim(extra=""),
     ["content/claims.yaml:1:3: error: a confirmed claim needs 'sources': the evidence behind "
      "its status (only an open claim, one nobody knows the answer to yet, may have none)"]),
    ("an open claim needs none", claim("open", ""), []),
    ("an unknown status", claim("confirmd"),
     ["content/claims.yaml:3:11: error: 'status' must be one of confirmed, claimed, disputed, "
      "false, outdated, open, not 'confirmd' (did you mean 'confirmed'?)"]),
    ("a status in other words", claim("unknown"),
     ["content/claims.yaml:3:11: error: 'status' must be one of confirmed, claimed, disputed, "
      "false, outdated, open, not 'unknown'"]),
    ("by naming neither actor nor side", claim(extra="  sources: [report]\n  by:\n"
                                               "    - source: report\n"),
     ["content/claims.yaml:8:7: error: 'by' names neither an actor nor a side: add 'actor: "
      "<id>' or 'side: <id>'"]),
    ("against naming neither", claim(extra="  sources: [report]\n  against:\n"
                                     "    - source: memo\n"),
     ["content/claims.yaml:8:7: error: 'against' names neither an actor nor a side: add "
      "'actor: <id>' or 'side: <id>'"]),
    ("an actor on another side", claim(extra="  sources: [report]\n  by:\n    - actor: ana\n"
                                       "      side: south\n      source: report\n"),
     ["content/claims.yaml:9:13: error: actor 'ana' is on side 'north', not 'south': give "
      "the actor's own side, or the side alone"]),
    ("an unknown actor", claim(extra="  sources: [report]\n  by:\n    - actor: anna\n"
                               "      source: report\n"),
     ["content/claims.yaml:8:14: error: unknown actor 'anna': there is none in "
      "content/actors/ (did you mean 'ana'?)"]),
    ("an unknown side", claim(extra="  sources: [report]\n  by:\n    - side: east\n"
                              "      source: report\n"),
     ["content/claims.yaml:8:13: error: unknown side 'east': there is none among the sides "
      "in briefing.yaml (the choices are 'north' and 'south')"]),
    ("an unknown source", claim(extra="  sources: [reprot]\n"),
     ["content/claims.yaml:6:13: error: unknown source 'reprot': there is none in "
      "sources.yaml (did you mean 'report'?)"]),
    ("an unknown issue", claim(extra="  sources: [report]\n  issue: harbor\n"),
     ["content/claims.yaml:7:10: error: unknown issue 'harbor': there is none in "
      "positions.yaml (did you mean 'harbour'?)"]),
    ("a quote in quote marks", claim(extra="  sources: [report]\n  by:\n    - actor: ana\n"
                                     "      source: report\n      quote: “We will talk”\n"),
     ["content/claims.yaml:10:14: error: 'quote' is written in quote marks (“…”): leave out "
      "the quote marks; the site adds them"]),
    ("a quote not in its article", claim(extra="  sources: [report]\n  by:\n"
                                         "    - actor: ana\n      source: report\n"
                                         "      quote: We shall talk\n"),
     ["content/claims.yaml:10:14: warning: quote not found in the text of article 'report' "
      "(content/articles/report.md): the closest passage is '\"We will talk.\"', where the "
      "article has 'will', you wrote 'shall'"]),
    ("an earlier status after the current", claim(extra="  sources: [report]\n  history:\n"
                                                  "    - as_of: 2026-03-13\n"
                                                  "      status: open\n      note: N.\n"),
     ["content/claims.yaml:8:14: error: an earlier status dated 2026-03-13, after the "
      "current one's 2026-03-12: the current one is the latest"]),
    ("an earlier status without its note", claim(extra="  sources: [report]\n  history:\n"
                                                 "    - as_of: 2026-03-01\n"
                                                 "      status: open\n"),
     ["content/claims.yaml:8:7: error: missing required field 'note' in an earlier status"]),
    ("a claim without its note", claim().replace("  note: Why.\n", ""),
     ["content/claims.yaml:1:3: error: missing required field 'note' in a claim"]),
    ("a repeated id", claim() + claim(),
     ["content/claims.yaml:7:7: error: duplicate claim id 'x' (first used at line 1)"]),
    ("not a list", "id: x\n",
     ["content/claims.yaml:1:1: error: claims.yaml must be a list of claims, each starting "
      "with '- '"]),
]


@pytest.mark.parametrize("claims, expected", [m[1:] for m in MISTAKES],
                         ids=[m[0] for m in MISTAKES])
def test_each_claims_rule_has_its_message(tmp_path, monkeypatch, claims, expected):
    assert problems_with(tmp_path, monkeypatch, claims) == expected


def test_a_change_may_affect_a_claim_and_must_name_one_that_exists(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = living()
    files["changes.yaml"] += ("- id: y\n  at: 2026-03-12\n  kind: update\n  summary: S.\n"
                              "  affects: [claim:bridge-colapse]\n")
    _, problems = load_and_check(write_content(tmp_path, files).relative_to(tmp_path))
    assert [str(p) for p in problems if str(p) != STALE] == [
        "content/changes.yaml:51:13: error: unknown claim 'bridge-colapse': there is none in "
        "claims.yaml (did you mean 'bridge-collapse'?)"]


# --- /claims/: what we know ------------------------------------------------------------

def test_claims_are_grouped_by_status_in_order_with_counts(site: Path):  # noqa: F811
    claims = page(site, "claims/")
    assert text(claims.find("h1")) == "What we know"
    assert [text(li) for li in claims.select(".claim-counts li")] == [
        "1 confirmed", "1 claimed", "1 disputed", "1 false", "1 outdated", "1 open"]
    assert [(h["id"], text(h)) for h in claims.select("main h2")] == [
        ("status-confirmed", "Confirmed (1)"),
        ("status-claimed", "Claimed, not independently verified (1)"),
        ("status-disputed", "Disputed: the accounts conflict (1)"),
        ("status-false", "Shown to be false (1)"),
        ("status-outdated", "Outdated: overtaken by events (1)"),
        ("status-open", "Not known yet (1)")]


def test_a_claim_shows_its_status_in_words_why_since_when_who_and_the_evidence(site: Path):  # noqa: F811
    holds = page(site, "claims/").find("li", id="ceasefire-holds")
    assert text(holds.find(class_="claim-status")) == "Confirmed · assessed 12 March 2026"
    assert text(holds.find(class_="claim-text")) == "The ceasefire on the quays holds."
    assert text(holds.find(class_="claim-note")) == (
        "Monitors on both banks report no firing since 10 March.")
    assert text(holds.find(class_="claim-history")) == (
        "Claimed on 10 March 2026 (Only the north said so.); confirmed on 12 March 2026.")
    asserted, contested = holds.select(".parties")
    assert text(asserted.find("a", class_="chip")) == "Ana Example"
    assert text(asserted.find("blockquote")) == "“We will talk”"
    assert asserted.select_one(".quote figcaption a")["href"] == (
        "../articles/report/#quote-1")  # the spot in the article
    assert text(contested) == "The South in The south's memo"
    assert [a["href"] for a in holds.select("p.citations a")] == ["../sources/#source-report"]
    assert holds.select_one(".claim-issue a")["href"] == "../positions/#issue-harbour"
    assert (holds["data-status"], holds["data-sides"]) == ("confirmed", "north south")


def test_a_claim_contested_by_both_sides(site: Path):  # noqa: F811
    collapse = page(site, "claims/").find("li", id="bridge-collapse")
    assert [text(li) for li in collapse.select(".parties li")] == [
        "The North in A report from the harbour", "The South in The south's memo"]
    assert collapse["data-sides"] == "north south"
    assert text(collapse.find(class_="claim-history")) == (
        "Open on 1 March 2026 (Nobody had been to the bridge.); false on 11 March 2026.")


def test_a_change_affecting_a_claim_shows_on_it(site: Path):  # noqa: F811
    collapse = page(site, "claims/").find("li", id="bridge-collapse")
    assert collapse["data-changed"] == "2026-03-12T08:00Z"
    assert text(collapse.find(class_="history")) == "Updated 12 March 2026, 08:00 UTC"
    changes = page(site, "changes/").find("li", id="bridge-claim-false")
    assert changes.select_one(".change-affects a")["href"] == "../claims/#bridge-collapse"


def test_the_overview_opens_with_what_we_know_and_what_we_dont(site: Path):  # noqa: F811
    overview = page(site, "")
    headings = [text(h) for h in overview.select("main h2")]
    assert headings[:2] == ["What we know", "What we don’t know yet"]
    known, unknown = overview.select(".known .claim-list")
    assert [(a["href"], text(a)) for a in known.select("a")] == [
        ("claims/#ceasefire-holds", "The ceasefire on the quays holds.")]
    assert [a["href"] for a in unknown.select("a")] == ["claims/#who-pays"]
    assert text(known.find(class_="claim-badge")) == "Confirmed"


def test_each_issue_lists_its_claims_and_actors_theirs(site: Path):  # noqa: F811
    row = page(site, "positions/").find("tr", id="issue-harbour")
    assert [text(li) for li in row.select(".claim-list li")] == [
        "Confirmed The ceasefire on the quays holds.",
        "Claimed The north moved troops onto the quay.",
        "Disputed The north charges a toll on the harbour bridge."]
    assert [text(li) for li in page(site, "actors/ana/").select("#claims ~ ul li")] == [
        "Asserts: Confirmed The ceasefire on the quays holds.",
        "Contests: Disputed The north charges a toll on the harbour bridge."]
    assert [text(li) for li in page(site, "actors/bo/").select("#claims ~ ul li")] == [
        "Asserts: Claimed The north moved troops onto the quay."]


def test_sources_list_the_claims_citing_them(site: Path):  # noqa: F811
    memo = page(site, "sources/").find("li", id="source-memo")
    assert [text(a) for a in memo.select("details a[href*=claims]")] == [
        "The ceasefire on the quays holds.", "The north moved troops onto the quay.",
        "The north charges a toll on the harbour bridge.", "The harbour bridge collapsed."]


def test_briefing_json_carries_claims(site: Path):  # noqa: F811
    data = json.loads((site / "briefing.json").read_text())
    holds = data["claims"][0]
    assert holds == {
        "id": "ceasefire-holds", "claim": "The ceasefire on the quays holds.",
        "status": "confirmed", "note": "Monitors on both banks report no firing since 10 March.",
        "as_of": "2026-03-12",
        "by": [{"actor": "ana", "side": None, "source": "report", "quote": {
            "text": "We will talk", "source": "report", "speaker": "ana", "date": None,
            "context": None, "verified": True, "url": "articles/report/#quote-1"}}],
        "against": [{"actor": None, "side": "south", "source": "memo", "quote": None}],
        "sources": ["report"], "issue": "harbour",
        "history": [{"as_of": "2026-03-10", "status": "claimed",
                     "note": "Only the north said so."}],
        "url": "claims/#ceasefire-holds"}


def test_claim_review_is_written_only_when_asked_and_only_for_rated_claims(site: Path,  # noqa: F811
                                                                           tmp_path: Path):
    data = json.loads(page(site, "claims/").find("script", type="application/ld+json").string)
    reviews = [g for g in data["@graph"] if g["@type"] == "ClaimReview"]
    assert [(r["claimReviewed"], r["reviewRating"]["ratingValue"]) for r in reviews] == [
        ("The ceasefire on the quays holds.", 5), ("The north charges a toll on the harbour "
                                                  "bridge.", 3),
        ("The harbour bridge collapsed.", 1)]
    assert reviews[0]["url"] == BASE + "claims/#ceasefire-holds"
    assert reviews[0]["itemReviewed"]["author"] == [{"@type": "Person", "name": "Ana Example"}]
    assert reviews[1]["itemReviewed"]["author"] == [{"@type": "Organization",
                                                     "name": "The South"}]
    build(write_content(tmp_path, living()), tmp_path / "site", TEMPLATES, BASE, search=False)
    plain = json.loads(page(tmp_path / "site", "claims/").find(
        "script", type="application/ld+json").string)
    assert plain["@type"] == "CollectionPage"
