"""The preview's incremental rebuilds: what a change re-renders, and what it reuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.editor.preview import Preview
from tests.helpers.common import SEED, TEMPLATES


@pytest.fixture
def preview(tmp_path: Path) -> Preview:
    shutil.copytree(SEED, tmp_path / "content")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    ready = Preview(tmp_path / "content", tmp_path / "templates")
    ready.rebuild()
    assert not ready.failed, ready.problems
    return ready


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_actor_edit_rerenders_that_actor_and_the_pages_showing_them(preview: Preview):
    before = {path: preview.file(path) for path in preview.pages}
    edit(preview.content / "actors" / "trump.yaml", "name: Donald Trump", "name: Donald J. Trump")
    preview.rebuild()
    after = {path: preview.file(path) for path in preview.pages}
    changed = {path for path in after if after[path] is not before[path]}
    assert {"actors/trump/index.html", "actors/tusk/index.html",  # Tusk's event names Trump
            "chronology/index.html", "positions/index.html", "index.html"} <= changed
    assert "actors/steve-rosenberg/index.html" not in changed  # nothing of Trump's there
    assert b"Donald J. Trump" in after["actors/tusk/index.html"]
    assert b"Donald J. Trump" not in after["actors/steve-rosenberg/index.html"]


def test_an_unchanged_rebuild_reuses_every_page(preview: Preview):
    before = {path: preview.file(path) for path in preview.pages}
    preview.rebuild()
    assert all(preview.file(path) is before[path] for path in preview.pages)


def test_a_template_edit_rerenders_the_pages_that_use_it(preview: Preview):
    before = {path: preview.file(path) for path in preview.pages}
    edit(preview.templates / "actor.html", "<h2 id=\"events\">{{ _(\"Events\") }}</h2>",
         "<h2 id=\"events\">What happened</h2>")
    preview.rebuild()
    after = {path: preview.file(path) for path in preview.pages}
    assert b"What happened" in after["actors/putin/index.html"]
    assert after["chronology/index.html"] is before["chronology/index.html"]


def test_a_template_mistake_is_found_at_rebuild_not_at_the_next_visit(preview: Preview):
    edit(preview.templates / "positions.html", "{{ status(issue) }}", "{{ issue.stauts }}")
    preview.rebuild()
    assert preview.failed
    assert "positions.html" in preview.problems[0].path
    assert "stauts" in preview.problems[0].message
    edit(preview.templates / "positions.html", "{{ issue.stauts }}", "{{ status(issue) }}")
    preview.rebuild()
    assert not preview.failed


def test_machine_files_are_made_when_asked_for(preview: Preview):
    assert "feed.xml" in preview.later and "feed.xml" not in preview.files
    assert preview.file("feed.xml").startswith(b"<?xml")
    assert "feed.xml" in preview.files


def test_planning_reuses_the_pages_and_cards_an_edit_did_not_touch(preview: Preview):
    before = dict(preview.pages)
    edit(preview.content / "actors" / "trump.yaml", "name: Donald Trump", "name: Donald J. Trump")
    preview.rebuild()
    after = preview.pages
    remade = {path for path in after if after[path] is not before.get(path)}
    assert {"actors/trump/index.html", "embed/actors/trump/index.html"} <= remade
    assert after["actors/trump/index.html"].context["embeds"][0].title.startswith(
        "Donald J. Trump: ")
    untouched = {"actors/steve-rosenberg/index.html", "embed/actors/steve-rosenberg/index.html"}
    assert not untouched & remade  # the very same Page objects as the last plan's
    # … and what a new plan of the edited briefing makes, page for page
    fresh = Preview(preview.content, preview.templates)
    fresh.rebuild()
    assert fresh.pages == after
