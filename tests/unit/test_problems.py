"""Problems as values (briefing/problems.py): one line each for a terminal, no escape
sequence let through, sorted by file and line with notes last, counted in words."""

from __future__ import annotations

import os
import pickle

import pytest

from briefing.problems import (
    BuildFailed,
    Loc,
    Problem,
    counted,
    display_path,
    finish,
    has_errors,
    how_many,
    notes_of,
    printable,
)


def test_a_problem_is_one_line_path_line_column_severity_message():
    assert str(Problem("content/actors/ana.yaml", 3, 7, "unknown field 'nmae'")) == (
        "content/actors/ana.yaml:3:7: error: unknown field 'nmae'")
    assert str(Problem("a.yaml", 1, 1, "old", "note")) == "a.yaml:1:1: note: old"


@pytest.mark.parametrize("raw, shown", [
    ("\x1b[31mred", "\\x1b[31mred"),               # a terminal escape sequence
    ("left\u202eright", "left\\u202eright"),       # a bidirectional override
    ("bell\x07", "bell\\x07"),
    ("tab\there", "tab\\there"),
    ("two\nlines", "two\nlines"),                  # a message's own line break is kept
    ("Ана · «слово» ✓", "Ана · «слово» ✓"),         # printable text is left alone
])
def test_what_an_editor_wrote_is_shown_printable(raw, shown):
    assert printable(raw) == shown
    assert str(Problem(f"content/{raw}.yaml", 2, 3, f"no '{raw}'")) == (
        f"content/{shown}.yaml:2:3: error: no '{shown}'")


def test_a_location_makes_problems_of_each_severity_at_its_spot():
    where = Loc("content/chronology.yaml", 12, 5)
    assert where.error("e") == Problem("content/chronology.yaml", 12, 5, "e", "error")
    assert where.warning("w").severity == "warning"
    assert where.note("n") == Problem("content/chronology.yaml", 12, 5, "n", "note")


def test_finish_sorts_by_file_and_line_with_notes_last_and_drops_repeats():
    b9 = Problem("b.yaml", 9, 1, "late")
    a2 = Problem("a.yaml", 2, 1, "early", "warning")
    a10 = Problem("a.yaml", 10, 1, "after")
    note = Problem("a.yaml", 1, 1, "aged", "note")
    assert finish([note, b9, a10, a2, b9], strict=False) == [a2, a10, b9, note]


def test_strict_makes_a_warning_an_error_and_never_a_note():
    warning = Problem("a.yaml", 1, 1, "probably wrong", "warning")
    note = Problem("a.yaml", 2, 1, "aged", "note")
    assert not has_errors(finish([warning, note], strict=False))
    strict = finish([warning, note], strict=True)
    assert [p.severity for p in strict] == ["error", "note"]
    assert has_errors(strict)
    assert notes_of(strict) == [note]


def test_how_many_counts_in_words():
    assert how_many(1, "edition") == "1 edition"
    assert how_many(0, "edition") == "0 editions"
    assert how_many(3, "edition") == "3 editions"
    assert how_many(2, "entry", "entries") == "2 entries"
    assert how_many(1, "entry", "entries") == "1 entry"


def test_counted_names_only_the_severities_found():
    found = [Problem("a", 1, 1, "x"), Problem("a", 2, 1, "y"), Problem("a", 3, 1, "z", "warning"),
             *(Problem("a", n, 1, "n", "note") for n in range(4, 42))]
    assert counted(found) == "2 errors, 1 warning, 38 notes"
    assert counted([Problem("a", 1, 1, "n", "note")]) == "1 note"
    assert counted([]) == ""


def test_build_failed_carries_its_problems_across_processes():
    problems = [Problem("a.yaml", 1, 2, "broken"), Problem("b.yaml", 3, 4, "also")]
    failed = BuildFailed(problems)
    assert str(failed) == "2 problem(s)"
    again = pickle.loads(pickle.dumps(failed))  # raised in a worker, re-raised here
    assert isinstance(again, BuildFailed) and again.problems == problems


def test_a_path_is_shown_as_the_editor_knows_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "content" / "a.yaml") == os.path.join("content", "a.yaml")
    outside = tmp_path.parent / "elsewhere.yaml"
    assert display_path(outside) == str(outside)
