"""The forms at /admin/ as `build` writes them, in Chromium, with the real Sveltia CMS
bundle and its local-repository backend on a clone in the browser's own file system (as
an editor trying the forms on `serve` picks their folder): it loads with no console
error and asks nothing of another site, every collection lists the seed's entries, and
an actor, an event (its actor and source picked) and a change saved through the forms,
read back from disk, pass `check` and are on the rebuilt site."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, expect

from tests.helpers import cms
from tests.helpers.common import ROOT, SEED, run_cli, serve_like_pages, soup

MOUNT = "/briefing-site/"
SOURCE = "Zelensky challenges Putin to meet him after Trump demands Ukraine-Russia talks"
ROOT_LISTS = {"Chronology": ("Events", "chronology.yaml"),
              "Positions": ("Issues", "positions.yaml"),
              "Sources": ("Sources", "sources.yaml"), "Claims": ("Claims", "claims.yaml"),
              "Changes": ("Changes", "changes.yaml")}


def with_cms(root: Path) -> Path:
    """The seed, with the one line that turns the forms on."""
    content = Path(shutil.copytree(SEED, root / "content"))
    with (content / "briefing.yaml").open("a", encoding="utf-8") as file:
        file.write("cms: {repo: newsroom/briefing}\n")
    return content


@pytest.fixture(scope="module")
def admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed with forms, built by `build` under a sub-path and served."""
    root = tmp_path_factory.mktemp("served")
    content = with_cms(root)
    site = root / "www" / MOUNT.strip("/")
    built = run_cli("build", "--content", str(content), "--out", str(site), "--base-url",
                    f"https://newsroom.github.io{MOUNT}", "--no-search", cwd=ROOT)
    assert built.returncode == 0, built.stderr
    with serve_like_pages(root / "www", site / "404.html") as base:
        yield f"{base}{MOUNT}admin/"


def test_loads_quietly_and_lists_the_seed(browser: Browser, admin_url: str) -> None:
    with cms.open_cms(browser, admin_url, cms.repository_files(SEED)) as (page, log):
        actors = sorted(yaml.safe_load(p.read_text())["name"]
                        for p in (SEED / "actors").glob("*.yaml"))
        assert sorted(cms.open_collection(page, "Actors")) == actors
        assert cms.open_collection(page, "Briefing") == ["Briefing"]
        assert cms.open_collection(page, "Articles") == [
            yaml.safe_load((SEED / "articles" / "zelensky-challenges-putin.md").read_text()
                           .split("---")[1])["title"]]
        for collection, (items, file) in ROOT_LISTS.items():
            cms.open_entry(page, collection, collection)
            count = len(yaml.safe_load((SEED / file).read_text(encoding="utf-8")))
            expect(cms.field(page, items)).to_contain_text(  # "8 Events", "1 Source"
                re.compile(rf"\b{count}\s+{items if count > 1 else items[:-1]}\b"))
            page.get_by_role("button", name="Cancel Editing").click()
        assert log.errors == []
        assert log.foreign() == []
        assert log.failed == []


def test_what_the_forms_save_passes_check_and_is_on_the_site(browser: Browser, admin_url: str,
                                                            tmp_path: Path) -> None:
    with cms.open_cms(browser, admin_url, cms.repository_files(SEED)) as (page, log):
        cms.add_actor(page, "Hakan Fidan", "Foreign Minister of Türkiye", "Russia",
                      "Türkiye's foreign minister, who offered to host the talks.")
        cms.add_event(page, "2025-05-12", "Fidan offers to host the talks in Istanbul",
                      "Hakan Fidan", SOURCE)
        cms.add_change(page, "fidan-offer", "2025-05-12T18:30+03:00", "update",
                       "Adds Fidan's offer to host the talks.",
                       ["actor:hakan-fidan", "briefing"])
        saved = cms.read_repository(page)
        assert log.errors == []
        assert log.foreign() == []
    content = with_cms(tmp_path)
    cms.write_content(saved, content)
    checked = run_cli("check", "--strict", "--content", str(content), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    actor = yaml.safe_load((content / "actors" / "hakan-fidan.yaml").read_text())
    assert actor == {"name": "Hakan Fidan", "role": "Foreign Minister of Türkiye",
                     "side": "russia",
                     "summary": "Türkiye's foreign minister, who offered to host the talks."}
    events = yaml.safe_load((content / "chronology.yaml").read_text())
    event = events[-1]
    assert (event["title"], event["actors"], event["sources"]) == (
        "Fidan offers to host the talks in Istanbul", ["hakan-fidan"],
        ["zelensky-challenges-putin"])
    before = yaml.safe_load((SEED / "chronology.yaml").read_text())
    for was, now in zip(before, events, strict=False):  # no other event lost its lists
        assert (now.get("actors"), now.get("sources")) == (was.get("actors"),
                                                           was.get("sources")), was["title"]
    change = yaml.safe_load((content / "changes.yaml").read_text())[-1]
    assert (change["id"], change["kind"], change["affects"]) == (
        "fidan-offer", "update", ["actor:hakan-fidan", "briefing"])
    site = tmp_path / "site"
    built = run_cli("build", "--content", str(content), "--out", str(site), "--no-search",
                    cwd=ROOT)
    assert built.returncode == 0, built.stderr
    profile = soup(site / "actors" / "hakan-fidan" / "index.html")
    assert profile.find("h1").get_text(strip=True) == "Hakan Fidan"
    chronology = soup(site / "chronology" / "index.html").get_text()
    assert "Fidan offers to host the talks in Istanbul" in chronology
    assert "Adds Fidan's offer to host the talks." in soup(
        site / "changes" / "index.html").get_text()


# (collection, entry, the list's label or None, field, how the value ends in the file):
# one text of each kind of file, edited through the forms and the same by hand.
EDITS = [
    ("Briefing", "Briefing", None, "Title", "to meet in Istanbul"),
    ("Actors", "Vladimir Putin", None, "Role", "role: President of Russia"),
    ("Chronology", "Chronology", "Events", "Title", "full-scale invasion of Ukraine"),
    ("Positions", "Positions", "Issues", "Issue", "Ceasefire before talks?"),
    ("Sources", "Sources", "Sources", "Short label", "Report of 11 May 2025"),
    ("Claims", "Claims", "Claims", "Claim", "ceasefire from Monday 12 May."),
    ("Changes", "Changes", "Changes", "Summary", "to meet him in Istanbul."),
    ("Articles", SOURCE, None, "Standfirst", "pressure for a 30-day ceasefire."),
]
FILES = {"Briefing": "briefing.yaml", "Actors": "actors/putin.yaml",
         "Chronology": "chronology.yaml", "Positions": "positions.yaml",
         "Sources": "sources.yaml", "Claims": "claims.yaml", "Changes": "changes.yaml",
         "Articles": "articles/zelensky-challenges-putin.md"}


def test_a_seed_file_saved_through_the_forms_builds_the_site_written_by_hand(
        browser: Browser, admin_url: str, tmp_path: Path) -> None:
    """Every kind of file, opened and saved with one text edited: the site built from
    what the forms wrote is the site built from the same edit made by hand (comments,
    key order, quoting and block styles change; the meaning does not)."""
    by_hand = with_cms(tmp_path / "hand")
    start = cms.repository_files(with_cms(tmp_path / "start"))
    with cms.open_cms(browser, admin_url, start) as (page, log):
        for collection, entry, listing, label, tail in EDITS:
            cms.open_entry(page, collection, entry)
            if listing:
                cms.expand_all(page, listing)
            scope = cms.list_items(page, listing).first if listing else page
            box = scope.get_by_role("textbox", name=label, exact=True).first
            box.fill(box.input_value() + " (edited)")
            cms.save(page, f"content/{FILES[collection]}", f"{tail} (edited)")
            path = by_hand / FILES[collection]
            text = path.read_text(encoding="utf-8")
            assert text.count(tail) == 1, tail
            path.write_text(text.replace(tail, f"{tail} (edited)"), encoding="utf-8")
        saved = cms.read_repository(page)
        assert log.errors == []
    through_forms = with_cms(tmp_path / "forms")
    cms.write_content(saved, through_forms)
    for name in FILES.values():  # each was rewritten by the forms, not left as it was
        assert (through_forms / name).read_bytes() != (by_hand / name).read_bytes(), name
    sites = []
    for content in (by_hand, through_forms):
        out = content.parent / "site"
        built = run_cli("build", "--strict", "--content", str(content), "--out", str(out),
                        "--no-search", cwd=ROOT)
        assert built.returncode == 0, built.stderr
        sites.append({p.relative_to(out).as_posix(): p.read_bytes()
                      for p in sorted(out.rglob("*")) if p.is_file()})
    assert sites[0].keys() == sites[1].keys()
    assert [p for p in sites[0] if sites[0][p] != sites[1][p]] == []


def test_a_mistake_saved_through_the_forms_is_annotated_on_its_line(
        browser: Browser, admin_url: str, tmp_path: Path) -> None:
    """What the pull request's check shows the editor: a change affecting an event that
    does not exist passes the forms' own rules (kind:id) and is an error of `check`, on
    the line the forms wrote it."""
    with cms.open_cms(browser, admin_url, cms.repository_files(SEED)) as (page, _):
        cms.add_change(page, "oslo-talks", "2025-05-12", "update",
                       "Adds the talks in Oslo.", ["event:talks-in-oslo"])
        saved = cms.read_repository(page)
    content = with_cms(tmp_path)
    cms.write_content(saved, content)
    lines = (content / "changes.yaml").read_text(encoding="utf-8").splitlines()
    [line] = [n for n, text in enumerate(lines, 1) if "event:talks-in-oslo" in text]
    checked = run_cli("check", "--format", "github", "--content", "content", cwd=tmp_path)
    assert checked.returncode == 1
    [annotation] = [a for a in checked.stdout.splitlines() if "talks-in-oslo" in a]
    assert annotation.startswith(f"::error file=content/changes.yaml,line={line},")
