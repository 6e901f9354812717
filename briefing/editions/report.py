"""What `build.py editions` tells a newsroom: each tag left out and each edition that
did not build, named, while the others (and the live site) are published. As plain
lines, or in a GitHub Actions run as annotations on the run's page and a section of its
summary. A build's output is the tag code's text: printed as it is, inside a block the
runner reads no workflow command from."""

from __future__ import annotations

import os
import re
import secrets
import sys
from dataclasses import dataclass
from typing import Literal

from ..editor.annotations import escape_data
from .publish import Outcome

SHOWN = 5  # entries named of what an edition's build left out
Step = Literal["build", "publish", "both"]  # --build-only, --built, or the two in one go


@dataclass(frozen=True, slots=True)
class Said:
    severity: Literal["error", "warning", "info"]
    message: str
    output: str = ""  # a build's own output: untrusted text, shown verbatim


def tell(outcome: Outcome, format: str, step: Step) -> None:
    """Say it: as annotations (stdout) or lines (stderr), and under GitHub Actions in the
    run's summary too."""
    items = said(outcome, "published" if step == "publish" else "built")
    if format == "github":
        sys.stdout.write(as_github(items))
        sys.stdout.flush()
    else:
        sys.stderr.write(as_text(items))
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
            out.write(summary(outcome, "built" if step == "build" else "published"))


def counted(n: int, noun: str, nouns: str = "") -> str:
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def said(outcome: Outcome, done: str = "built") -> list[Said]:
    """Everything to say, in order: tags left out, editions not built, then each
    edition done (`done`: what was done to one not taken from the cache)."""
    items = [Said("warning", f"{problem}; left out") for problem in outcome.problems]
    items += [Said("error", f"edition {failed.edition.tag} did not build; left out:",
                   failed.output) for failed in outcome.failed]
    for item in outcome.published:
        if item.left_out:
            names = ", ".join(item.left_out[:SHOWN]) + (", …" if len(item.left_out) > SHOWN
                                                       else "")
            items.append(Said("warning", f"edition {item.edition.tag}: "
                              f"{counted(len(item.left_out), 'entry', 'entries')} of its build not "
                              f"published (not a regular file or folder, or a page that is "
                              f"not UTF-8): {names}"))
        items.append(Said("info", f"{item.edition.tag}: "
                          f"{'from the cache' if item.cached else done}"))
    return items


def as_text(items: list[Said]) -> str:
    """One line each (a build's output after its line), for a terminal."""
    return "".join((f"{s.severity}: " if s.severity != "info" else "") + s.message
                   + (f"\n{s.output}" if s.output else "") + "\n" for s in items)


TITLES = {"error": "Edition not published", "warning": "Edition left out"}


def as_github(items: list[Said]) -> str:
    """Workflow commands: `::error`/`::warning` annotations, each build's output after
    its annotation between `::stop-commands::` and its token, so that nothing the tag's
    code printed is read as a command."""
    out = []
    for s in items:
        if s.severity == "info":
            out.append(s.message + "\n")
            continue
        out.append(f"::{s.severity} title={TITLES[s.severity]}::{escape_data(s.message)}\n")
        if s.output:
            token = secrets.token_hex(16)
            out.append(f"::stop-commands::{token}\n{s.output}\n::{token}::\n")
    return "".join(out)


def summary(outcome: Outcome, done: str = "published") -> str:
    """A section for the run's summary page (Markdown)."""
    names = ", ".join(p.edition.tag for p in sorted(outcome.published,
                                                     key=lambda p: p.edition.order))
    lines = ["## Editions", "",
             f"{counted(len(outcome.published), 'edition')} {done}"
             + (f": {names}" if names else "") + "."]
    if outcome.failed or outcome.problems:
        lines += ["", f"**Not published** ({len(outcome.failed) + len(outcome.problems)}); "
                  "the live site and the other editions are:", ""]
        lines += [f"- {failed.edition.tag} did not build:\n\n" + fenced(failed.output)
                  for failed in outcome.failed]
        lines += [f"- {problem}" for problem in outcome.problems]
    left = [p for p in outcome.published if p.left_out]
    if left:
        lines += ["", "**Left out of an edition** (not regular files):", ""]
        lines += [f"- {p.edition.tag}: {', '.join(p.left_out[:SHOWN])}" for p in left]
    return "\n".join(lines) + "\n"


def fenced(text: str) -> str:
    """`text` as a Markdown code block (indented under a list item), its fence longer
    than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = "\n".join("  " + line for line in text.splitlines()[-20:])
    return f"  {fence}text\n{body}\n  {fence}\n"
