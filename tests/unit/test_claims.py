"""Claims (the contract's section 6): what we know, what is claimed, what nobody knows yet.
Checked rule by rule; shown on /claims/, the overview, issues and actor pages; the
balance report and its warnings on a briefing built to be lopsided; the filter in a
real browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from briefing.pipeline import build, load_and_check
from tests.conftest import TEMPLATES, minimal, run_cli, soup, write_content
from tests.test_history import BASE, STALE, living

CLAIMS = (Path(__file__).parent / "fixtures" / "living" / "claims.yaml").read_text()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("claims")
    files = living()
    files["briefing.yaml"] += "claim_review: true\n"
    build(write_content(root, files), root / "site", TEMPLATES, BASE, search=False)
    return root / "site"


def page(site: Path, url: str) -> BeautifulSoup:
    return soup(site / url / "index.html")


def text(element) -> str:
    return " ".join(element.get_text().split())


def problems_with(tmp_path: Path, monkeypatch, claims: str, strict: bool = False) -> list[str]:
    monkeypatch.chdir(tmp_path)
    files = living()
    files["claims.yaml"] = claims
    files["changes.yaml"] = files["changes.yaml"].split("- id: bridge-claim-false")[0]
    _, problems = load_and_check(write_content(tmp_path, files).relative_to(tmp_path), strict)
    return [str(p) for p in problems if str(p) != STALE]


CLAIM = ("- id: x\n  claim: The quay is open.\n  status: {status}\n  note: Why.\n"
         "  as_of: 2026-03-12\n")


def claim(status: str = "confirmed", extra: str = "  sources: [report]\n") -> str:
    return CLAIM.format(status=status) + extra


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


@pytest.mark.process
def test_an_unverified_quote_stops_a_strict_build(tmp_path, monkeypatch):
    claims = claim(extra="  sources: [report]\n  by:\n    - actor: ana\n      source: report\n"
                   "      quote: We shall talk\n")
    [problem] = [p for p in problems_with(tmp_path, monkeypatch, claims, strict=True)
                 if "not confirmed since" not in p]
    assert problem.startswith("content/claims.yaml:10:14: error: quote not found")
    result = run_cli("check", "--strict", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr


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

def test_claims_are_grouped_by_status_in_order_with_counts(site: Path):
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


def test_a_claim_shows_its_status_in_words_why_since_when_who_and_the_evidence(site: Path):
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


def test_a_claim_contested_by_both_sides(site: Path):
    collapse = page(site, "claims/").find("li", id="bridge-collapse")
    assert [text(li) for li in collapse.select(".parties li")] == [
        "The North in A report from the harbour", "The South in The south's memo"]
    assert collapse["data-sides"] == "north south"
    assert text(collapse.find(class_="claim-history")) == (
        "Open on 1 March 2026 (Nobody had been to the bridge.); false on 11 March 2026.")


def test_a_change_affecting_a_claim_shows_on_it(site: Path):
    collapse = page(site, "claims/").find("li", id="bridge-collapse")
    assert collapse["data-changed"] == "2026-03-12T08:00Z"
    assert text(collapse.find(class_="history")) == "Updated 12 March 2026, 08:00 UTC"
    changes = page(site, "changes/").find("li", id="bridge-claim-false")
    assert changes.select_one(".change-affects a")["href"] == "../claims/#bridge-collapse"


def test_the_overview_opens_with_what_we_know_and_what_we_dont(site: Path):
    overview = page(site, "")
    headings = [text(h) for h in overview.select("main h2")]
    assert headings[:2] == ["What we know", "What we don’t know yet"]
    known, unknown = overview.select(".known .claim-list")
    assert [(a["href"], text(a)) for a in known.select("a")] == [
        ("claims/#ceasefire-holds", "The ceasefire on the quays holds.")]
    assert [a["href"] for a in unknown.select("a")] == ["claims/#who-pays"]
    assert text(known.find(class_="claim-badge")) == "Confirmed"


def test_each_issue_lists_its_claims_and_actors_theirs(site: Path):
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


def test_sources_list_the_claims_citing_them(site: Path):
    memo = page(site, "sources/").find("li", id="source-memo")
    assert [text(a) for a in memo.select("details a[href*=claims]")] == [
        "The ceasefire on the quays holds.", "The north moved troops onto the quay.",
        "The north charges a toll on the harbour bridge.", "The harbour bridge collapsed."]


def test_briefing_json_carries_claims(site: Path):
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


def test_claim_review_is_written_only_when_asked_and_only_for_rated_claims(site: Path,
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


# --- the balance report, on a briefing built to be lopsided -----------------------------

def lopsided() -> dict[str, object]:
    files = minimal()
    files["sources.yaml"] += [{"id": "north-gov", "title": "North readout", "side": "north"}]
    files["positions.yaml"][0]["stances"]["south"] = {"position": "No."}  # no source
    files["claims.yaml"] = [
        {"id": "one-sided", "claim": "The south fired first.", "status": "claimed",
         "note": "Only the north's government says so.", "as_of": "2026-03-12",
         "by": [{"actor": "ana", "source": "north-gov"}],
         "against": [{"side": "north", "source": "north-gov"}],
         "sources": ["north-gov"]},
        {"id": "talks-held", "claim": "Talks were held.", "status": "confirmed",
         "note": "Both sides say so.", "as_of": "2026-03-12",
         "by": [{"actor": "ana", "source": "report", "quote": "We will talk"}],
         "sources": ["report"]},
    ]
    return files


NOTES = [
    "content/claims.yaml:1:3: note: claim 'one-sided' is asserted and contested only in "
    "statements of one side (The North): add an independent source, or one from another side",
    "content/positions.yaml:11:7: note: the position of The South on 'Talks?' cites no source, "
    "while that of The North does: add 'sources:' so that each is as well founded"]


def test_check_notes_lopsided_sourcing_and_strict_does_not_stop_it(tmp_path: Path):
    write_content(tmp_path, lopsided())
    relaxed = run_cli("check", cwd=tmp_path)
    assert relaxed.returncode == 0 and relaxed.stderr.splitlines()[:2] == NOTES
    assert relaxed.stderr.splitlines()[2].startswith("2 notes: ")
    assert run_cli("check", "--strict", cwd=tmp_path).returncode == 0


def test_balance_counts_each_sides_stances_and_claims(tmp_path: Path):
    files = lopsided()
    del files["chronology.yaml"][0]["sources"]  # a warning that is not balance's
    write_content(tmp_path, files)
    result = run_cli("balance", cwd=tmp_path)
    assert result.returncode == 0
    assert "cites no source: add 'sources:'" in run_cli("check", cwd=tmp_path).stderr
    assert result.stderr.splitlines() == NOTES  # its own notes, not every other warning
    assert result.stdout == (
        "## Balance of the briefing's sourcing\n\n"
        "| side | stances stated | with a source | with a verified quote | claims made | their "
        "statuses | claims contested | their statuses |\n"
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |\n"
        "| The North | 1 | 1 | 0 | 2 | 1 confirmed, 1 claimed | 1 | 1 claimed |\n"
        "| The South | 1 | 0 | 0 | 0 | – | 0 | – |\n")


def test_balance_is_added_to_the_pull_requests_summary(tmp_path: Path):
    import os
    import sys

    from tests.conftest import ROOT

    write_content(tmp_path, lopsided())
    summary = tmp_path / "summary.md"
    subprocess.run([sys.executable, str(ROOT / "build.py"), "balance"], cwd=tmp_path,
                   env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
                   capture_output=True, check=True)
    assert "| The South | 1 | 0 | 0 | 0 | – | 0 | – |" in summary.read_text()


# --- in a real browser ---------------------------------------------------------------------

@pytest.fixture
def served(site: Path, tmp_path: Path):
    from tests.conftest import serve_like_pages

    (tmp_path / "harbour").symlink_to(site, target_is_directory=True)
    with serve_like_pages(tmp_path, site / "404.html") as origin:
        yield origin + "/harbour/"


def test_the_filter_by_status_and_side_keeps_its_state_in_the_url(page, served):
    page.goto(served + "claims/?status=disputed")
    count = page.locator(".filter-count")
    expect(count).to_have_text("1 of 6 claims shown")
    assert page.locator(".claim:visible").evaluate_all("e => e.map(x => x.id)") == [
        "bridge-toll"]
    assert page.locator("section:visible h2").all_inner_texts() == [
        "Disputed: the accounts conflict (1)"]
    page.select_option("select[name=status]", "")
    page.select_option("select[name=side]", "south")
    expect(count).to_have_text("4 of 6 claims shown")
    assert page.url.endswith("claims/?side=south")
    page.reload()
    expect(count).to_have_text("4 of 6 claims shown")
    assert page.locator("select[name=side]").input_value() == "south"


def test_without_javascript_the_claims_are_a_plain_list(browser, served):
    context = browser.new_context(java_script_enabled=False)
    quiet = context.new_page()
    quiet.goto(served + "claims/?status=false")
    expect(quiet.locator(".claim")).to_have_count(6)
    assert quiet.locator(".claim:visible").count() == 6
    expect(quiet.locator(".filter")).to_be_hidden()
    context.close()


def test_claims_pass_axe_and_the_nu_checker(browser, served, site: Path):
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_reading import VNU

    context = browser.new_context()
    for path in ("claims/", "", "positions/", "actors/ana/"):
        reader = context.new_page()
        reader.goto(served + path)
        result = Axe().run(reader)
        assert result.violations_count == 0, f"{path}: {result.generate_report()}"
        reader.close()
    context.close()
    result = subprocess.run([shutil.which("java") or "java", "-jar", str(VNU), "--errors-only",
                             str(site / "claims" / "index.html"), str(site / "index.html")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
