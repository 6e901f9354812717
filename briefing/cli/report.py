"""What every command prints about the briefing's problems, the same way."""

from __future__ import annotations

import sys

from ..problems import Problem


def report(problems: list[Problem], prog: str, notes: bool = True) -> None:
    """Errors and warnings, then notes (unless not `notes`), one a line; the notes counted
    at the end (what readers are already shown: they never change the exit status)."""
    for problem in problems:
        if notes or problem.severity != "note":
            print(problem, file=sys.stderr)
    count = sum(p.severity == "note" for p in problems)
    if count:
        print(f"{count} note{'' if count == 1 else 's'}: what the site already shows readers "
              "as it is (not yet translated, not confirmed since, unevenly sourced); notes "
              f"never stop a build{'' if notes else f' ({prog} check lists them)'}",
              file=sys.stderr)


