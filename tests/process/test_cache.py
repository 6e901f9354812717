"""A build that keeps a cache (build --cache): after any edit, the same bytes as a cold
build in one process; unchanged pages are the last build's files, not rendered again."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import briefing.reading.parts
from briefing.cache import FORMAT, BuildCache, State, file_digest
from briefing.pipeline import build
from briefing.signed import SignedFolder, machine_key
from tests.helpers.cache import machine_key_here  # noqa: F401  (fixtures)
from tests.helpers.common import SEED, TEMPLATES, run_cli
from tests.helpers.parallel import many_actors, share_everything  # noqa: F401  (a fixture)
from tests.helpers.pipeline import digest

URL = "https://x.github.io/repo/"


def edit_actor(content: Path, templates: Path) -> None:
    path = content / "actors/actor-5.yaml"
    path.write_text(path.read_text().replace("Envoy number", "Chief envoy number"))


def edit_role(content: Path, templates: Path) -> None:  # shown in its card's oEmbed answer
    path = content / "actors/actor-5.yaml"
    path.write_text(path.read_text().replace("role: Envoy", "role: Chief envoy"))


def edit_event(content: Path, templates: Path) -> None:
    path = content / "chronology.yaml"
    path.write_text(path.read_text().replace("title: Meeting 7\n", "title: Meeting seven\n"))


def add_line_above_events(content: Path, templates: Path) -> None:
    path = content / "chronology.yaml"
    path.write_text("# A comment: every event below moves a line down.\n" + path.read_text())


def add_change(content: Path, templates: Path) -> None:
    (content / "changes.yaml").write_text(yaml.safe_dump([
        {"id": "role-fixed", "at": "2026-03-12", "kind": "correction",
         "summary": "Actor 3's role was wrong.",
         "was": "Envoy.", "affects": ["actor:actor-3"]}]))


def remove_actor(content: Path, templates: Path) -> None:
    (content / "actors/actor-39.yaml").unlink()
    path = content / "chronology.yaml"
    path.write_text(path.read_text().replace("actor-39", "actor-38"))


def edit_template(content: Path, templates: Path) -> None:
    path = templates / "actor.html"
    path.write_text(path.read_text().replace("</h1>", "</h1>\n<!-- edited -->", 1))


def edit_nothing(content: Path, templates: Path) -> None:
    pass


@pytest.mark.parametrize("edit", [edit_nothing, edit_actor, edit_role, edit_event,
                                  add_line_above_events,
                                  add_change, remove_actor, edit_template])
def test_a_rebuild_from_the_cache_is_byte_identical_to_a_cold_single_process_build(
        many_actors, tmp_path, monkeypatch, edit: Callable[[Path, Path], None]):  # noqa: F811
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    share_everything(monkeypatch, True)  # both processes, list files cut into parts
    monkeypatch.setattr(briefing.reading.parts, "PART_ITEMS", 4)
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(many_actors, out, templates, URL, cache=cache)
    before = {p: os.stat(out / p).st_ino for p in digest(out)}
    edit(many_actors, templates)
    build(many_actors, out, templates, URL, cache=cache)
    share_everything(monkeypatch, False)
    build(many_actors, tmp_path / "cold", templates, URL)
    assert digest(out) == digest(tmp_path / "cold")
    reused = {p for p, inode in before.items() if (out / p).exists()
              and os.stat(out / p).st_ino == inode}
    pages = {p for p in before if p.startswith("actors/actor-")}
    if edit in (edit_template, add_change):  # every actor page is made again: a new code
        assert not reused & pages  # version; every page's header, with a first change
    elif edit is remove_actor:
        assert "actors/actor-39/index.html" not in digest(out)
        assert "actors/actor-20/index.html" in reused
    else:  # the actors' pages not touched by the edit are the last build's files
        assert len(reused & pages) >= 30
        assert "actors/actor-20/index.html" in reused
    if edit is edit_actor:
        assert "actors/actor-5/index.html" not in reused
        assert "actors/index.html" not in reused
        # what does not show the summary edited is the last build's: the feed, the
        # sitemap, the cards' oEmbed answers (a card's title is a name and a role)
        assert {"feed.xml", "sitemap.xml", "robots.txt", "embed/actors/actor-5/oembed.json",
                "embed/actors/actor-20/oembed.json"} <= reused
        assert "briefing.json" not in reused  # every fact
    if edit is edit_role:
        assert "embed/actors/actor-5/oembed.json" not in reused
        assert "embed/actors/actor-20/oembed.json" in reused
    if edit in (edit_nothing, add_line_above_events):  # no page shows where it was written
        assert pages <= reused and {"chronology/index.html", "feed.xml"} <= reused


def test_a_site_file_changed_by_hand_is_made_again(many_actors, tmp_path, monkeypatch):  # noqa: F811
    share_everything(monkeypatch, True)
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(many_actors, out, TEMPLATES, URL, cache=cache, search=False)
    good = (out / "actors/actor-4/index.html").read_bytes()
    (out / "actors/actor-4/index.html").write_bytes(b"<p>tampered</p>")
    (out / "feed.xml").unlink()
    build(many_actors, out, TEMPLATES, URL, cache=cache, search=False)
    assert (out / "actors/actor-4/index.html").read_bytes() == good
    assert (out / "feed.xml").is_file()


@pytest.mark.parametrize("damage", [b"", b"not a cache", None])
def test_a_damaged_or_foreign_cache_means_a_full_build(many_actors, tmp_path, monkeypatch,  # noqa: F811
                                                        damage):
    share_everything(monkeypatch, True)
    cache, out = tmp_path / "cache", tmp_path / "site"
    build(many_actors, out, TEMPLATES, URL, cache=cache, search=False)
    state = cache / "build/state.json"
    forged = b"<p>made by other code</p>"
    if damage is None:  # kept, and signed, by other code (another version): other bytes
        kept = BuildCache(cache, TEMPLATES)
        assert kept.kept.fragments and "actors/actor-4/index.html" in kept.kept.written
        other = State(kept.kept.markdown, kept.kept.articles,
                      {key: forged.decode() for key in kept.kept.fragments},
                      {**kept.kept.written, "actors/actor-4/index.html": (
                          kept.kept.written["actors/actor-4/index.html"][0], file_digest(forged))})
        SignedFolder(cache / "build", f"briefing build cache {FORMAT} other", machine_key()).keep(
            "state.json", other.to_plain())
        assert b" other\n" in state.read_bytes()
        (out / "actors/actor-4/index.html").write_bytes(forged)
    else:
        state.write_bytes(damage)
        (out / "actors/actor-4/index.html").write_bytes(b"stale")  # left by another build
    for reads in sorted((cache / "build/reads").iterdir())[::2]:
        reads.write_bytes(reads.read_bytes()[:-40])  # cut short: must not be trusted
    build(many_actors, out, TEMPLATES, URL, cache=cache, search=False)
    build(many_actors, tmp_path / "cold", TEMPLATES, URL, search=False)
    assert digest(out) == digest(tmp_path / "cold")


def test_build_keeps_its_cache_across_processes(many_actors, tmp_path):  # noqa: F811
    """Digests are the same in a new process (no set, whose order changes with each
    process's hash seed, is pickled): a second build reuses every actor's page."""
    out = tmp_path / "site"
    args = ("build", "--content", str(many_actors), "--out", str(out), "--no-search",
            "--cache", str(tmp_path / ".cache"))
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    assert (tmp_path / ".cache/build/state.json").is_file()
    before = {p: os.stat(out / p).st_ino for p in digest(out) if p.startswith("actors/")}
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    assert all(os.stat(out / p).st_ino == inode for p, inode in before.items())


def edit_original_summary(content: Path) -> None:  # its translations turn stale
    path = content / "actors/putin.yaml"
    path.write_text(path.read_text().replace("President of Russia, who", "Russia's president, who"))


def edit_translated_name(content: Path) -> None:  # on uk pages, the uk feed's changes
    path = content / "translations/uk/actors/putin.yaml"
    path.write_text(path.read_text().replace('"Володимир Путін"', '"Володимир В. Путін"'))


@pytest.mark.parametrize("edit", [edit_original_summary, edit_translated_name])
def test_a_translated_briefing_rebuilt_from_the_cache_is_byte_identical(
        tmp_path, edit: Callable[[Path], None]):
    """The seed, in three languages, with its change log: every language's sitemap
    entries, feed and oEmbed answers keyed by what they show."""
    content, cache, out = tmp_path / "content", tmp_path / "cache", tmp_path / "site"
    shutil.copytree(SEED, content)
    build(content, out, TEMPLATES, URL, search=False, cache=cache)
    before = {p: os.stat(out / p).st_ino for p in digest(out)}
    edit(content)
    build(content, out, TEMPLATES, URL, search=False, cache=cache)
    build(content, tmp_path / "cold", TEMPLATES, URL, search=False)
    assert digest(out) == digest(tmp_path / "cold")
    reused = {p for p, inode in before.items() if (out / p).exists()
              and os.stat(out / p).st_ino == inode}
    assert {"robots.txt", "feed.xml", "ru/feed.xml"} <= reused
    if edit is edit_original_summary:  # (a new name may reorder a language's actors)
        assert "actors/putin/index.html" not in reused and "sitemap.xml" in reused
    if edit is edit_translated_name:
        assert "uk/actors/putin/index.html" not in reused
        assert {"actors/putin/index.html", "ru/actors/putin/index.html"} <= reused
