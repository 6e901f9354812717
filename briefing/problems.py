"""Content problems as values: collected in a list, sorted, printed once by the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

# error: cannot be built as written; warning: probably wrong (an error under --strict);
# note: an editorial state the site already shows readers (never changes the exit status)
Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One mistake at one spot of one file; line and column count from 1."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        """One line for a terminal: what an editor wrote, quoted in the message or in a
        file's name, shows its unprintable characters as escapes (an escape sequence
        in a hostile repository's key must not drive the terminal)."""
        return printable(f"{self.path}:{self.line}:{self.column}: {self.severity}: "
                         f"{self.message}")


class Loc(NamedTuple):
    """Where a value was written, to point later problems (references, quotes) at it.

    A named tuple, not a dataclass: one is made for every value read (a quarter of a
    million in a 5,000-actor briefing), and tuples are made and pickled fastest."""

    path: str
    line: int
    column: int

    def error(self, message: str) -> Problem:
        return Problem(self.path, self.line, self.column, message)

    def warning(self, message: str) -> Problem:
        return Problem(self.path, self.line, self.column, message, "warning")

    def note(self, message: str) -> Problem:
        return Problem(self.path, self.line, self.column, message, "note")


class BuildFailed(Exception):
    """Raised by the pipeline when content errors stop it; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def __reduce__(self):  # raised in a worker process, re-raised in the main one
        return BuildFailed, (self.problems,)


def printable(text: str) -> str:
    """Text as a terminal may show it: every character that is not printable (controls,
    escape sequences, bidirectional overrides) written as an escape; a message's own
    line breaks kept."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" else ascii(c)[1:-1] for c in text)


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the editor knows it: relative to the current folder where it can be."""
    path = os.fspath(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith(os.pardir) else rel


def finish(problems: list[Problem], strict: bool) -> list[Problem]:
    """Problems sorted by file and line, notes last; under --strict a warning counts as
    an error (a note never does)."""
    if strict:
        problems = [replace(p, severity="error") if p.severity == "warning" else p
                    for p in problems]
    return sorted(set(problems), key=lambda p: (p.severity == "note", p))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def notes_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "note"]


def how_many(n: int, noun: str, nouns: str = "") -> str:
    """'1 edition', '3 editions', '2 entries' (with `nouns` where an s will not do)."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def counted(problems: list[Problem]) -> str:
    """'2 errors, 1 warning, 38 notes': what a run found, for its last line."""
    counts = [(sum(p.severity == kind for p in problems), kind)
              for kind in ("error", "warning", "note")]
    return ", ".join(f"{n} {kind}{'' if n == 1 else 's'}" for n, kind in counts if n)
