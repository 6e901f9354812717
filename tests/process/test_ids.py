"""Ids do not move (the contract's section 11): `build.py ids` writes every event's id
into chronology.yaml, touching nothing else, and an id that vanished when an event's date
or title changed is named with the `id:` line that brings it back."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing.pipeline import load_and_check
from tests.helpers.common import SEED, minimal, run_cli, write_content
from tests.helpers.ids import CHRONOLOGY

WITH_IDS = """\
# Events, in any order.

- id: 2026-03-12-talks-open
  date: 2026-03-12   # the day they opened
  title: "Talks open"
  summary: |
    First paragraph.

    Second paragraph: with a colon.
  actors: [ana]
  sources: [report]

# Written with an id: left as it is.
- id: kept
  date: 2026-03-13
  title: 'Kept as it is'
  sources: [report]
- {id: 2026-03-14-a-flow-mapping, date: 2026-03-14, title: A flow mapping, sources: [report]}
-   id: 2026-03-15-a-folded-title
    date: 2026-03-15
    title: >-
      A folded
      title
    sources: [report]
- # a comment before the first field
  id: 2026-03-16-title-first
  title: Title first
  date: 2026-03-16
  sources: [report]
- id: 2026-03-12-talks-open-2
  date: 2026-03-12
  title: Talks open
  sources: [report]
"""


def event_ids_built(content: Path) -> list[str]:
    briefing, problems = load_and_check(content)
    assert briefing is not None, problems
    return [event.id for event in briefing.events]


def test_ids_are_written_and_nothing_else_changes(tmp_path: Path):
    content = write_content(tmp_path, {**minimal(), "chronology.yaml": CHRONOLOGY})
    before = event_ids_built(content)
    result = run_cli("ids", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "content/chronology.yaml: 5 ids written\n"
    after = (content / "chronology.yaml").read_text()
    assert after == WITH_IDS
    # Take the ids out again and the file is as it was, byte for byte.
    assert re.sub(r"id: 2026-[a-z0-9-]+(, |\n *)", "", after) == CHRONOLOGY
    assert event_ids_built(content) == before
    assert "2026-03-12-talks-open-2" in before  # a repeat keeps the number it has today


def test_running_it_again_changes_nothing(tmp_path: Path):
    content = write_content(tmp_path, {**minimal(), "chronology.yaml": CHRONOLOGY})
    assert run_cli("ids", cwd=tmp_path).returncode == 0
    written = (content / "chronology.yaml").stat()
    again = run_cli("ids", "--content", "content", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stderr == "content/chronology.yaml: 0 ids written (every event has one)\n"
    assert (content / "chronology.yaml").read_text() == WITH_IDS
    assert (content / "chronology.yaml").stat().st_mtime_ns == written.st_mtime_ns


def test_a_chronology_with_errors_is_refused_and_left_as_it_was(tmp_path: Path):
    text = "- date: 2026-03-12\n  title: Talks open\n  sorces: [report]\n"
    content = write_content(tmp_path, {**minimal(), "chronology.yaml": text})
    result = run_cli("ids", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/chronology.yaml:3:3: error: unknown field 'sorces' in an event (did you "
        "mean 'sources'?)",
        "python build.py ids: content/chronology.yaml has errors: fix them first; no id was "
        "written"]
    assert (content / "chronology.yaml").read_text() == text


def test_a_usage_mistake_exits_2(tmp_path: Path):
    assert run_cli("ids", "--content", "nowhere", cwd=tmp_path).returncode == 2


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """The seed without its translations (translations.py says this its own way)."""
    shutil.copytree(SEED, tmp_path / "content", ignore=shutil.ignore_patterns("translations"))
    return tmp_path / "content"


TUSK = "2025-05-10-tusk-contacts-trump-about-the-ceasefire-plan"


def test_a_change_naming_an_event_whose_date_moved_says_which_line_to_add(seed: Path):
    """A change affects an event without an `id:`; then its date is corrected: check
    names the event and the `id:` line, and with that line added it passes again."""
    chronology = seed / "chronology.yaml"
    text = re.sub(rf"(?m)^- id: {TUSK}\n  ", "- ", chronology.read_text())  # a made id
    chronology.write_text(text)
    with (seed / "changes.yaml").open("a") as log:
        log.write("- id: tusk-call\n  at: 2025-05-11\n  kind: update\n  minor: true\n"
                  f"  summary: Tusk called Trump.\n  affects: [event:{TUSK}]\n")
    assert run_cli("check", cwd=seed.parent).returncode == 0
    chronology.write_text(text.replace("- date: 2025-05-10\n  title: Tusk", "- date: "
                                       "2025-05-09\n  title: Tusk"))
    lines = chronology.read_text().splitlines()
    at = lines.index("- date: 2025-05-09") + 1
    log = (seed / "changes.yaml").read_text().splitlines()
    result = run_cli("check", cwd=seed.parent)
    assert result.returncode == 1
    assert (f"content/changes.yaml:{len(log)}:13: error: unknown event '{TUSK}': there is "
            f"none in chronology.yaml: the event at content/chronology.yaml:{at} (now "
            f"'2025-05-09-tusk-contacts-trump-about-the-ceasefire-plan') was that id before "
            f"its date or title changed; add 'id: {TUSK}' to it to keep its id (and its "
            "translations and anchor)") in result.stderr.splitlines()
    chronology.write_text(chronology.read_text().replace(
        "- date: 2025-05-09", f"- id: {TUSK}\n  date: 2025-05-09"))
    assert run_cli("check", cwd=seed.parent).returncode == 0
