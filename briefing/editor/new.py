"""`build.py new`: a new actor, event, issue, source or article, written the way an
editor would write it, from flags (or answers in a terminal), and checked at once.

Actors and articles get a file of their own; events, issues and sources are appended to
their list file as text, so its comments and formatting stay as they were. The briefing
is checked with the new entry in place before anything is written: if the entry has a
mistake, nothing is written and the mistake is reported. The file is then replaced whole
(files.py), and only if it still holds what was read: an editor's save made meanwhile
is never overwritten.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..files import ChangedMeanwhile, write_atomically
from ..linking.linker import LinkMemo
from ..linking.loading import load_and_check
from ..model.dates import parse_date
from ..problems import Problem, display_path
from ..reading import ids as reading_ids
from ..reading import schema
from ..reading.composite_fields import Field, ListOf, Record
from ..reading.fields import Markdown, Reference
from ..reading.folder import read_content
from ..reading.ids import event_ids, slugify
from ..reading.records import Records
from ..reading.scalar_fields import Boolean, Date, When
from ..reading.suggestions import alternatives


@dataclass(frozen=True)
class Kind:
    record: Record
    list_file: str | None  # the list file entries are appended to, or None: a file each
    named_by: str  # the field an id is made from when none is given


KINDS = {
    "actor": Kind(schema.ACTOR, None, "name"),
    "event": Kind(schema.EVENT, "chronology.yaml", "title"),
    "issue": Kind(schema.ISSUE, "positions.yaml", "issue"),
    "source": Kind(schema.SOURCE, "sources.yaml", "title"),
    "article": Kind(schema.ARTICLE, None, "title"),
    "change": Kind(schema.CHANGE, "changes.yaml", "summary"),
    "claim": Kind(schema.CLAIM, "claims.yaml", "claim"),
}
# Fields with a structure of their own are written in the file afterwards, not as flags.
NESTED = {"quotes", "links", "image", "quote", "stances", "history", "by", "against"}
ID_WORDS = 6  # words of a change's summary in the id made for it


class Refused(Exception):
    """The entry cannot be written: why, in one line (exit status 1)."""


def flag_fields(kind: str) -> dict[str, Field]:
    """The fields that are flags (`--name`, `--date`, `--actors a,b`)."""
    return {name: field for name, field in KINDS[kind].record.fields.items()
            if name not in NESTED and name != "id"}


def flag_options(kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(flag, argparse options) for each field of `kind` that is a flag."""
    for name, field in flag_fields(kind).items():
        options: dict[str, Any] = {"dest": f"field_{name}", "help": field.doc}
        if isinstance(field.type, Boolean):
            options["action"] = "store_true"
        elif isinstance(field.type, ListOf):
            options.update(action="append", metavar="IDS", help=field.doc + ", comma-separated")
        else:
            options["metavar"] = name.upper()
        if field.required:
            options["help"] += " [required]"
        yield flag(name), options


Ask = Callable[[str, str], str]  # (field, what it is) → the answer


def new_entry(kind: str, content: Path, given: dict[str, Any], entry_id: str | None,
              ask: Ask | None, body: str = "", stances: dict[str, str] | None = None
              ) -> tuple[Path, list[Problem]]:
    """Write the entry; returns (the file written, warnings). Raises Refused."""
    spec = KINDS[kind]
    values = {k: v for k, v in given.items() if v not in (None, False, [], "")}
    stances = ask_missing(kind, values, stances or {}, ask)
    memo = LinkMemo()  # each file read once, however often the briefing is checked
    records = read_content(content, [], memo.reads)
    entry_id = entry_id or made_id(kind, values, records)
    if not entry_id:
        raise Refused(f"cannot make an id from '{values[spec.named_by]}': give one")
    refuse_existing(kind, entry_id, records)
    lines = entry_lines(kind, entry_id, values, stances)
    text = "".join(line + "\n" for _, line in lines)
    if spec.list_file is None:
        folder = content / ("actors" if kind == "actor" else "articles")
        path = folder / f"{entry_id}.{'yaml' if kind == 'actor' else 'md'}"
        if kind == "article":
            text = f"---\n{text}---\n{body.strip()}\n" if body.strip() else f"---\n{text}---\n"
            lines = [("the front matter", "---"), *lines]
        return path, write_checked(content, path, None, text, memo, Entry(1, lines))
    path = content / spec.list_file
    old = path.read_bytes() if path.is_file() else None
    new = appended(as_text(path, old), text)
    entry = Entry(new.count("\n") - text.count("\n") + 1, lines,
                  len(lines[0][1]) - len(lines[0][1].lstrip("- ")) + 1)
    return path, write_checked(content, path, old, new, memo, entry)


def as_text(path: Path, data: bytes | None) -> str | None:
    """A list file's text, with '\n' line ends (written back with its own)."""
    if data is None:
        return None
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise Refused(f"{display_path(path)} is not UTF-8 text: save it as UTF-8, then run "
                      "this again; nothing was written") from None


def made_id(kind: str, values: dict[str, Any], records: Records) -> str:
    """An id from the entry's name or title; an event's from its date and title, as the
    build makes one; a change's from its day and the first words of its summary
    ('2025-05-16-the-talks-opened-on-15-may')."""
    if kind == "event":
        return made_event_id(values, records)
    if kind != "change":
        return slugify(str(values[KINDS[kind].named_by]))
    words = slugify(str(values["summary"])).split("-")[:ID_WORDS]
    return slugify(f"{str(values['at'])[:10]} {' '.join(words)}")


def ask_missing(kind: str, values: dict[str, Any], stances: dict[str, str],
                ask: Ask | None) -> dict[str, str]:
    """Fill `values` with answers for the required fields not given; returns the
    stances (an issue needs one at least)."""
    fields = flag_fields(kind)
    missing = [name for name, field in fields.items() if field.required and name not in values]
    if ask is None:
        flags = [f"{flag(name)} ({fields[name].doc})" for name in missing]
        if kind == "issue" and not stances:
            flags.append("--stance SIDE=POSITION (each side's position; at least one)")
        if flags:
            raise Refused(f"missing {alternatives(flags, 'and')}; run in a terminal to be "
                          f"asked for {'it' if len(flags) == 1 else 'them'}")
        return stances
    for name in missing:
        answer = ask(name, fields[name].doc).strip()
        if not answer:
            raise Refused(f"'{name}' is required ({fields[name].doc}); nothing was written")
        values[name] = answer
    if kind != "issue" or stances:
        return stances
    side = ask("side", "the id of a side with a position on this issue").strip()
    position = ask("position", f"the position of {side}, in one plain sentence").strip()
    if not side or not position:
        raise Refused("an issue needs at least one side's position; nothing was written")
    return {side: position}


def made_event_id(values: dict[str, Any], records: Records) -> str:
    """The id the build would give the event from its date and title, numbered as the
    build numbers a repeat ('-2'), so that writing it moves no other event's id."""
    date, _ = parse_date(str(values["date"]))
    if date is None:  # the check refuses the date, at its flag
        return slugify(f"{values['date']} {values['title']}")
    return reading_ids.made_id({"date": date, "title": str(values["title"])},
                               taken_ids("event", records))


def taken_ids(kind: str, records: Records) -> set[str]:
    """Every id of `kind` in use: written ones, and events' made from date and title."""
    ids = set(records.known[kind])
    return ids | set(event_ids(records.events)) if kind == "event" else ids


def refuse_existing(kind: str, entry_id: str, records: Records) -> None:
    if entry_id in taken_ids(kind, records):
        raise Refused(f"there is already {KINDS[kind].record.what} '{entry_id}': choose "
                      "another id, or edit that one")


def entry_lines(kind: str, entry_id: str, values: dict[str, Any],
                stances: dict[str, str]) -> list[tuple[str, str]]:
    """The entry as YAML, fields in the order of the contract's table: each line with
    the flag (or argument) it was written from, to point a problem back at it."""
    fields = KINDS[kind].record.fields
    lines = []
    if "id" in fields:  # an event's too: its id stays when its date or title changes
        lines.append(("the id", f"id: {entry_id}"))
    for name, field in fields.items():
        if name in values:
            lines += [(flag(name), line) for line in field_lines(name, field, values[name])]
    if stances:
        lines.append(("--stance", "stances:"))
        for side, position in stances.items():
            lines += [(f"--stance {side}=…", f"  {side}:"),
                      (f"--stance {side}=…", f"    position: {scalar(position)}")]
    if KINDS[kind].list_file is None:
        return lines
    return [(origin, ("- " if n == 0 else "  ") + line)
            for n, (origin, line) in enumerate(lines)]


def flag(name: str) -> str:
    return f"--{name.replace('_', '-')}"


@dataclass(frozen=True)
class Entry:
    """Where the new entry's lines start in its file, and what each line came from."""

    first_line: int
    lines: list[tuple[str, str]]
    key_column: int = 1  # where its first field's name starts: a problem of the whole entry

    def origin(self, problem: Problem) -> str | None:
        """The flag a problem on the entry's lines comes from (its lines were never
        written, so a line number would point at nothing)."""
        at = problem.line - self.first_line
        if at < 0:
            return None
        if at == 0 and problem.column == self.key_column:
            return "the new entry"
        return self.lines[at][0] if at < len(self.lines) else "--text"


def field_lines(name: str, field: Field, value: Any) -> list[str]:
    if isinstance(field.type, ListOf):
        items = [i.strip() for v in value for i in str(v).split(",") if i.strip()]
        return [f"{name}: [{', '.join(scalar(i) for i in items)}]"]
    if isinstance(field.type, Boolean):
        return [f"{name}: {'true' if value in (True, 'true', 'yes') else 'false'}"]
    if isinstance(field.type, Date | Reference | When):
        return [f"{name}: {value}" if plain(str(value)) else f"{name}: {scalar(value)}"]
    text = str(value)
    if isinstance(field.type, Markdown) and "\n" in text.strip():
        return [f"{name}: |"] + [f"  {line}".rstrip() for line in text.strip().splitlines()]
    return [f"{name}: {scalar(text)}"]


def plain(text: str) -> bool:
    return all(c.isalnum() or c == "-" for c in text)


def scalar(text: str) -> str:
    """One line of YAML for `text`, quoted only when YAML would misread it."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10**6, default_style=None)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def appended(old: str | None, entry: str) -> str:
    """The list file with the entry added at its end, the rest kept as written."""
    if old is None:
        return entry
    meaningful = [line for line in old.splitlines()
                  if line.strip() and not line.lstrip().startswith("#")]
    if [line.strip() for line in meaningful] in ([], ["[]"]):  # an empty list so far
        kept = "".join(line + "\n" for line in old.splitlines() if line.strip() != "[]")
        return kept + entry
    indent = next((line[:len(line) - len(line.lstrip())] for line in meaningful
                   if line.lstrip().startswith("- ")), "")
    separator = "\n" if "\n\n" in old or old.count("\n- ") > 1 else ""
    body = "".join(indent + line + "\n" for line in entry.splitlines())
    return old + ("" if old.endswith("\n") else "\n") + separator + body


def write_checked(content: Path, path: Path, old: bytes | None, new: str,
                  memo: LinkMemo, entry: Entry) -> list[Problem]:
    """Check the briefing as it would be with `new` in `path` (`old`: its bytes as read,
    None: a new file); if the check finds errors it did not find before, raise Refused
    with them, having written nothing. Else replace the file, unless it changed since
    it was read (Refused too)."""
    shown = display_path(path)
    if old is None and path.exists():
        raise Refused(f"{shown} already exists: choose another id")
    before = {str(p) for p in load_and_check(content, memo=memo)[1] if p.severity == "error"}
    problems = load_and_check(content, memo=memo, unsaved={os.fspath(path): new})[1]
    added = [p for p in problems if p.severity == "error" and str(p) not in before]
    if added:
        raise Refused("\n".join(refusal(p, entry if p.path == shown else None)
                                for p in added)
                      + f"\nnothing was written: {shown} "
                      + ("was not created" if old is None else "is as it was"))
    newline = "\r\n" if old is not None and b"\r\n" in old else "\n"
    try:
        write_atomically(path, new.replace("\n", newline).encode("utf-8"), was=old)
    except ChangedMeanwhile:
        raise Refused(f"{shown} changed while 'new' ran; nothing was written: run it "
                      "again") from None
    return [p for p in problems if p.severity == "error"  # all from before: said too
            or (p.path == shown and (p.severity == "warning" or p.line >= entry.first_line))]


def refusal(problem: Problem, entry: Entry | None) -> str:
    """A problem as the editor can act on it: at the flag it came from, when it is on
    the new entry's lines, else at its file's line (which exists: only the entry's
    lines were not written)."""
    origin = entry.origin(problem) if entry else None
    if origin is None:
        return str(problem)
    message = re.sub(r"^'[a-z_]+': ", "", problem.message)  # the flag names the field
    return f"{origin}: {message}"
