"""Sveltia CMS at /admin/ of a site served under a sub-path, in Chromium, offline: a
hand-written admin (tests/fixtures/cms/) until `build` writes its own. It loads with no
console error and no request off the server, lists the seed, and what it saves passes
`check`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, expect

from tests.helpers import cms
from tests.helpers.common import FIXTURES, SEED, run_cli, serve_like_pages

SPIKE = FIXTURES / "cms"
MOUNT = "/briefing-site/"
SOURCE = "Zelensky challenges Putin to meet him after Trump demands Ukraine-Russia talks"
ROOT_LISTS = {"Chronology": ("Events", "chronology.yaml"),
              "Positions": ("Issues", "positions.yaml"),
              "Sources": ("Sources", "sources.yaml"), "Claims": ("Claims", "claims.yaml"),
              "Changes": ("Changes", "changes.yaml")}


@pytest.fixture(scope="module")
def admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("served")
    extra = {name: (SPIKE / name).read_bytes()
             for name in ("sveltia-fonts.css", "sveltia-quiet.js")}
    extra |= {f"fonts/{font.name}": font.read_bytes()
              for font in (cms.BUNDLE / "npm" / "assets").glob("*.woff2")}
    cms.admin_site(root / MOUNT.strip("/"), (SPIKE / "config.yml").read_bytes(),
                   (SPIKE / "index.html").read_text(encoding="utf-8"), extra)
    (root / "404.html").write_text("<!doctype html><title>Not found</title>")
    with serve_like_pages(root, root / "404.html") as base:
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
            expect(cms.field(page, items)).to_contain_text(f"{count} {items}")
            page.get_by_role("button", name="Cancel Editing").click()
        assert log.errors == []
        assert log.foreign() == []
        assert log.failed == []


def test_saves_pass_check(browser: Browser, admin_url: str, tmp_path: Path) -> None:
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
    content = tmp_path / "content"
    shutil.copytree(SEED, content)
    cms.write_content(saved, content)
    checked = run_cli("check", "--content", str(content), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    actor = yaml.safe_load((content / "actors" / "hakan-fidan.yaml").read_text())
    assert actor == {"name": "Hakan Fidan", "role": "Foreign Minister of Türkiye",
                     "side": "russia",
                     "summary": "Türkiye's foreign minister, who offered to host the talks."}
    event = yaml.safe_load((content / "chronology.yaml").read_text())[-1]
    assert (event["title"], event["actors"], event["sources"]) == (
        "Fidan offers to host the talks in Istanbul", ["hakan-fidan"],
        ["zelensky-challenges-putin"])
    change = yaml.safe_load((content / "changes.yaml").read_text())[-1]
    assert (change["id"], change["kind"], change["affects"]) == (
        "fidan-offer", "update", ["actor:hakan-fidan", "briefing"])
