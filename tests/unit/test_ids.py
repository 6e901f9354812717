"""Ids do not move (the contract's section 11): `build.py ids` writes every event's id
into chronology.yaml, touching nothing else, and an id that vanished when an event's date
or title changed is named with the `id:` line that brings it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.editor import ids
from briefing.editor.ids import Refused, add_ids
from briefing.reading.ids import lost_event_id
from briefing.reading.suggestions import suggest_id
from tests.helpers.common import minimal, write_content
from tests.helpers.ids import CHRONOLOGY, event


def test_line_ends_and_a_byte_order_mark_are_kept(tmp_path: Path):
    text = "\ufeff- date: 2026-03-12\r\n  title: Talks open\r\n  sources: [report]\r\n"
    content = write_content(tmp_path, {**minimal(), "chronology.yaml": text.encode()})
    assert add_ids(content) == (content / "chronology.yaml", 1)
    assert (content / "chronology.yaml").read_bytes().decode() == (
        "\ufeff- id: 2026-03-12-talks-open\r\n  date: 2026-03-12\r\n  title: Talks open\r\n"
        "  sources: [report]\r\n")


def test_an_edit_that_would_read_differently_writes_nothing(tmp_path: Path, monkeypatch):
    """The edited text is read again before it replaces the file: here an edit that
    would give an event another id is caught, and no file is left behind."""
    content = write_content(tmp_path, {**minimal(), "chronology.yaml": CHRONOLOGY})
    id_line = ids.id_line
    monkeypatch.setattr(ids, "id_line", lambda text, node, event_id: id_line(
        text, node, "not-" + event_id))
    with pytest.raises(Refused, match="the events' fields would read differently, so no id"):
        add_ids(content)
    assert sorted(p.name for p in content.iterdir()) == sorted(
        {p.split("/")[0] for p in minimal()})
    assert (content / "chronology.yaml").read_text() == CHRONOLOGY


def test_a_layout_it_cannot_edit_is_refused(tmp_path: Path):
    text = "- ? date\n  : 2026-03-12\n  title: Talks open\n  sources: [report]\n"
    content = write_content(tmp_path, {**minimal(), "chronology.yaml": text})
    with pytest.raises(Refused, match="this layout is one `ids` cannot edit"):
        add_ids(content)
    assert (content / "chronology.yaml").read_text() == text


@pytest.mark.parametrize("missing, events, expected", [
    # the date moved
    ("2025-05-10-talks-held", [event("2025-05-11", "Talks held", 42)],
     ": the event at content/chronology.yaml:42 (now '2025-05-11-talks-held') was that id "
     "before its date or title changed; add 'id: 2025-05-10-talks-held' to it to keep its "
     "id (and its translations and anchor)"),
    # the title was reworded on the same day, or a typo for today's id: both said
    ("2025-05-10-talks-held", [event("2025-05-09", "Other", 3),
                               event("2025-05-10", "Talks held in Istanbul", 9)],
     " (did you mean '2025-05-10-talks-held-in-istanbul', the event at "
     "content/chronology.yaml:9? If that event's title changed since, add 'id: "
     "2025-05-10-talks-held' to it to keep its id (and its translations and anchor))"),
    # a date of month precision, made more precise
    ("2025-05-talks", [event("2025-05-14", "Talks", 5)],
     ": the event at content/chronology.yaml:5 (now '2025-05-14-talks') was that id before "
     "its date or title changed; add 'id: 2025-05-talks' to it to keep its id (and its "
     "translations and anchor)"),
    # the second of two alike events, whose date moved
    ("2025-05-10-talks-2", [event("2025-05-10", "Talks", 1), event("2025-05-12", "Talks", 7)],
     ": the event at content/chronology.yaml:7 (now '2025-05-12-talks') was that id before "
     "its date or title changed; add 'id: 2025-05-10-talks-2' to it to keep its id (and "
     "its translations and anchor)"),
])
def test_a_vanished_made_id_names_its_event_and_the_line_to_add(missing, events, expected):
    assert lost_event_id(missing, events) == expected


@pytest.mark.parametrize("missing, events", [
    ("talks-held", [event("2025-05-11", "Talks held", 1)]),  # not made from a date
    ("2025-05-10-talks-held", [event("2025-05-11", "Ceasefire agreed", 1)]),  # both moved
    ("2025-05-10-talks-held", [event("2025-05-10", "Ceasefire agreed", 1)]),  # not alike
    # an event with an id of its own never had a made one
    ("2025-05-10-talks-held", [event("2025-05-11", "Talks held", 1, id="talks")]),
])
def test_no_hint_where_no_event_lost_that_id(missing, events):
    assert lost_event_id(missing, events) == ""


def test_the_hint_is_given_for_events_only_and_before_a_typo_suggestion():
    events = [event("2025-05-11", "Talks held", 42)]
    ids = {"2025-05-11-talks-held"}
    assert suggest_id("2025-05-10-talks-held", ids, kind="event", events=events).startswith(
        ": the event at content/chronology.yaml:42")
    assert suggest_id("2025-05-10-talks-held", ids, events=events) == (
        " (did you mean '2025-05-11-talks-held'?)")
