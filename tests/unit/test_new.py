"""`build.py new`: entries written as an editor would, checked at once, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.editor.new import Refused, appended, new_entry
from tests.helpers.new import seed  # noqa: F401  (fixtures)


def test_missing_required_fields_are_asked_for_in_a_terminal(seed: Path):  # noqa: F811
    asked = []

    def ask(name: str, doc: str) -> str:
        asked.append(name)
        return {"name": "Hakan Fidan", "role": "Foreign Minister of Türkiye",
                "summary": "Hosted the talks."}[name]

    path, warnings = new_entry("actor", seed, {"side": None}, None, ask)
    assert asked == ["name", "role", "summary"]
    assert path == seed / "actors/hakan-fidan.yaml" and warnings == []
    with pytest.raises(Refused, match="'name' is required"):
        new_entry("actor", seed, {}, None, lambda name, doc: "")


@pytest.mark.parametrize("old, expected", [
    (None, "- id: b\n"),
    ("[]\n", "- id: b\n"),
    ("# Sources.\n[]\n", "# Sources.\n- id: b\n"),
    ("- id: a", "- id: a\n- id: b\n"),
    ("# list\n\n- id: a\n\n- id: c\n", "# list\n\n- id: a\n\n- id: c\n\n- id: b\n"),
    ("  - id: a\n", "  - id: a\n  - id: b\n"),
])
def test_appending_keeps_the_files_own_layout(old, expected):
    assert appended(old, "- id: b\n") == expected


def test_a_flag_left_out_writes_no_field(seed: Path):  # noqa: F811
    path, _ = new_entry("event", seed, {"date": "2025-05-17", "title": "Talks end",
                                        "approximate": False, "actors": None}, None, None)
    assert path.read_text().endswith(
        "\n- id: 2025-05-17-talks-end\n  date: 2025-05-17\n  title: Talks end\n")


def test_a_list_file_keeps_its_line_ends_and_mode(seed: Path):  # noqa: F811
    """Replaced whole (a new file renamed over it), it is still the editor's file."""
    path = seed / "chronology.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    path.chmod(0o640)
    new_entry("event", seed, {"date": "2025-05-17", "title": "Talks end"}, None, None)
    data = path.read_bytes()
    assert data.endswith(b"\r\n- id: 2025-05-17-talks-end\r\n  date: 2025-05-17\r\n"
                         b"  title: Talks end\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert path.stat().st_mode & 0o777 == 0o640


def test_new_event_made_id_is_the_one_the_build_would_make_and_moves_no_other(seed: Path):  # noqa: F811
    """An event with the date and title of one already there gets '-2', as the build
    numbers a repeat: the first keeps its id, the new one is written with the id it has."""
    title = "European leaders in Kyiv propose a 30-day ceasefire"
    path, _ = new_entry("event", seed, {"date": "2025-05-10", "title": title,
                                        "sources": ["zelensky-challenges-putin"]}, None, None)
    assert path.read_text().endswith(
        "\n- id: 2025-05-10-european-leaders-in-kyiv-propose-a-30-day-ceasefire-2\n"
        f"  date: 2025-05-10\n  title: {title}\n  sources: [zelensky-challenges-putin]\n")
    with pytest.raises(Refused, match="already an event '2025-05-10-european-leaders-in-kyiv"):
        new_entry("event", seed, {"date": "2025-05-17", "title": "Another"},
                  "2025-05-10-european-leaders-in-kyiv-propose-a-30-day-ceasefire", None)
