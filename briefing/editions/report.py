"""What `build.py editions` tells a newsroom: each tag left out and each edition that
did not build, named, while the others (and the live site) are published. As plain
lines, or in a GitHub Actions run as annotations on the run's page and a section of its
summary.

Much of it is the tags' text, not the publisher's: tag names, names of files a build
left, a build's output, a change log's problems. None of it reaches a terminal, the
runner or the summary page as anything but text: every message and output goes through
`printable` (no escape sequence, no carriage return that rewrites a line), names also
with their line breaks escaped (a name cannot fake a line of its own), a build's output
inside a block the runner reads no workflow command from, and in the summary (Markdown,
which GitHub renders with links and some HTML) every such text inside a code span or
block, where Markdown and HTML are shown as written."""

from __future__ import annotations

import re
import secrets
import sys
from dataclasses import dataclass
from typing import Literal

from ..editor.annotations import add_to_step_summary, escape_data
from ..problems import how_many, printable
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
    add_to_step_summary(summary(outcome, "built" if step == "build" else "published"))


def said(outcome: Outcome, done: str = "built") -> list[Said]:
    """Everything to say, in order: tags left out, editions not built, then each
    edition done (`done`: what was done to one not taken from the cache)."""
    items = [Said("warning", f"{problem}; left out") for problem in outcome.problems]
    items += [Said("error", f"edition {failed.edition.tag} did not build; left out:",
                   failed.output) for failed in outcome.failed]
    for item in outcome.published:
        if item.left_out:
            names = ", ".join(name(n) for n in item.left_out[:SHOWN]) + (
                ", …" if len(item.left_out) > SHOWN else "")
            items.append(Said("warning", f"edition {item.edition.tag}: "
                              f"{how_many(len(item.left_out), 'entry', 'entries')} of its "
                              f"build not published ({LEFT_OUT}): {names}"))
        items.append(Said("info", f"{item.edition.tag}: "
                          f"{'from the cache' if item.cached else done}"))
    items += [Said("warning", unlisted) for unlisted in outcome.unlisted]
    return [Said(s.severity, printable(s.message), printable(s.output)) for s in items]


# Why an entry of a build is not published (isolation.copy_files, publish, archive.stamp_page).
LEFT_OUT = ("not a regular file or folder, a kind of file a Briefing build does not make "
            "or that a browser could run on its own, or a page that is not UTF-8 or where "
            "the banner cannot be placed for sure")


def name(text: str) -> str:
    """A name from a tag's build, on one line whatever it holds."""
    return printable(text).replace("\n", "\\n")


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
    names = ", ".join(code(p.edition.tag) for p in sorted(outcome.published,
                                                           key=lambda p: p.edition.order))
    lines = ["## Editions", "",
             f"{how_many(len(outcome.published), 'edition')} {done}"
             + (f": {names}" if names else "") + "."]
    if outcome.failed or outcome.problems:
        lines += ["", f"**Not published** ({len(outcome.failed) + len(outcome.problems)}); "
                  "the live site and the other editions are:", ""]
        lines += [f"- {code(failed.edition.tag)} did not build:\n\n" + fenced(failed.output)
                  for failed in outcome.failed]
        lines += [f"- {code(problem)}" for problem in outcome.problems]
    left = [p for p in outcome.published if p.left_out]
    if left:
        lines += ["", f"**Left out of an edition** ({LEFT_OUT}):", ""]
        lines += [f"- {code(p.edition.tag)}: {', '.join(code(n) for n in p.left_out[:SHOWN])}"
                  for p in left]
    if outcome.unlisted:
        lines += ["", "**Changes not listed**:", ""]
        lines += [f"- {code(unlisted)}" for unlisted in outcome.unlisted]
    return "\n".join(lines) + "\n"


def code(text: str) -> str:
    """`text` as a Markdown code span, shown as written (no link, no HTML, no emphasis):
    on one line, its fence longer than any run of backticks in it."""
    text = name(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def fenced(text: str) -> str:
    """`text` as a Markdown code block (indented under a list item), its fence longer
    than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = "\n".join("  " + line for line in printable(text).split("\n")[-20:])
    return f"  {fence}text\n{body}\n  {fence}\n"
