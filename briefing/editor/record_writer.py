"""One record of a translation's skeleton, written for `translations LANG`: each original
text as comment lines, above its translation as written (or stale, under a note, or
empty), then `translated_from`'s hashes and the notes on translations kept aside."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..linking import matching
from ..linking import translations as tr
from ..reading.characters import visible
from .old_file import NOTE, ORIGINAL, OldFile, find

ORDER = {  # each kind's fields, in the order written (groups: key_points, sides, …)
    "briefing": ("title", "dek", "summary", "key_points", "sides", "positions_title"),
    "actor": ("name", "role", "country", "summary", "image_alt", "quotes"),
    "event": ("title", "summary", "quotes"),
    "issue": ("issue", "summary", "history", "stances", "quotes"),
    "source": ("title", "short"), "claim": ("claim", "note", "history", "quotes"),
    "change": ("summary", "was")}
GROUP_FIELDS = ("position", "detail", "history", "name", "short", "description")
INDENT = 2
BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")  # what YAML reads as a line's end
UNPRINTED = re.compile(r"[\x80-\x9f\u2028\u2029\ufeff]")  # written as \u escapes


@dataclass
class Work:
    """What a refresh did, for its report."""

    files: int = 0
    records: int = 0
    fields: int = 0
    stale: int = 0
    moved: int = 0
    confirmed: list[str] = field(default_factory=list)


class RecordWriter:
    """Writes one record: each original text in order, translated (as the translator
    wrote it), stale (under a note), or empty; then translated_from; then notes on
    translations of texts no longer in the original, and the record's last comments."""

    def __init__(self, kind: str, item_id: str, v: dict[str, Any], t: dict[str, Any] | None,
                 old: OldFile | None, node: yaml.MappingNode | None, lang: str, work: Work,
                 accept: set[str]):
        self.kind, self.item_id, self.lang, self.work, self.accept = (
            kind, item_id, lang, work, accept)
        self.matched = matching.match(kind, v, t)
        self.old = old if node is not None else None
        self.node = node
        self.hashes: dict[str, str] = {}
        self.given = {g.path: g for g in self.matched.given}
        work.records += t is None

    def lines(self, indent: int) -> list[str]:
        out = [line for name in ORDER[self.kind] for line in self.group(name, indent)]
        pad = " " * indent
        if self.hashes:
            out.append(pad + "translated_from:")
            out += [f"{pad}{' ' * INDENT}{p}: {shown(h)}" for p, h in self.hashes.items()]
        for g in self.matched.orphans + [g for g in self.matched.given if g.hash is None
                                         and g.path in self.matched.texts]:
            out += [f"{pad}{NOTE} {self.why_kept(g)}",
                    *[f"{pad}{NOTE}   {line}".rstrip() for line in lines_of(g.text)]]
        if self.old is not None and self.node is not None:
            out += self.old.trailing(self.node)
        return out

    def why_kept(self, g: matching.Given) -> str:
        if g.hash is None:
            return (f"translated_from had no hash for this translation of {g.path}: once it "
                    "translates the original above, put it back there with its hash")
        return (f"translated from a text no longer in the original (translated_from {g.path}: "
                f"{g.hash}); reuse it above, or delete this note:")

    def find(self, path: str) -> tuple[yaml.Node, yaml.Node, bool] | None:
        return find(self.node, path) if self.node is not None else None

    def group(self, name: str, indent: int) -> list[str]:
        """A field, or a group of them (key_points, quotes, sides, stances, history)."""
        texts = self.matched.texts
        if name in texts:
            return self.field(name, name.rsplit(".", 1)[-1], indent)
        inside = [p for p in texts if p.startswith(name + ".")]
        if not inside:
            return []
        last = name.rsplit(".", 1)[-1]
        out = self.group_key(name, last, indent)
        for item in dict.fromkeys(p[len(name) + 1:].split(".")[0] for p in inside):
            path = f"{name}.{item}"
            if last in ("key_points", "quotes") or path in texts:
                out += self.field(path, "-", indent + INDENT)
            elif last == "history":  # an earlier stance or status: a mapping in a list
                fields = dict.fromkeys(p[len(path) + 1:] for p in texts
                                       if p.startswith(path + "."))
                out += list_item([line for k in fields for line in self.group(
                    f"{path}.{k}", indent + 2 * INDENT)], indent + INDENT)
            else:  # a side or a stance, by its id
                out += self.group_key(path, item, indent + INDENT)
                out += [line for sub in GROUP_FIELDS
                        for line in self.group(f"{path}.{sub}", indent + 2 * INDENT)]
        return out

    def group_key(self, path: str, key: str, indent: int) -> list[str]:
        """A group's key line, with the comments the translator wrote above and after it."""
        found = self.find(path)
        if found is None or self.old is None:
            return [f"{' ' * indent}{key}:"]
        return [*self.old.comments_above(found[0]),
                f"{' ' * indent}{key}:{self.old.same_line_comment(found[0])}"]

    def field(self, path: str, key: str, indent: int) -> list[str]:
        """One text: its original as comments, then the translation or an empty field."""
        matched, pad = self.matched, " " * indent
        original = matched.texts[path]
        own = self.given.get(path)
        by = matched.by.get(path)
        found = self.find(by.path) if by is not None else None
        above = self.old.comments_above(found[0]) if self.old and found and not found[2] else []
        lines = [*above, *comment(original, indent)]
        if path in matched.stale and not self.confirmed(path):
            assert own is not None and own.hash is not None and found is not None
            note = [f"{pad}{NOTE} the original has changed; it now reads:",
                    *[f"{pad}{NOTE} {visible(line)}".rstrip() for line in lines_of(original)],
                    f"{pad}{NOTE} once the translation follows it: python build.py translations "
                    f"{self.lang} --confirm {tr.confirm_target(self.kind, self.item_id, path)}"]
            assert self.old is not None
            self.work.stale += [s.strip() for s in self.old.comments_above(found[0], NOTE)] != [
                s.strip() for s in note]
            self.hashes[path] = own.hash
            was = self.old.comments_above(found[0], ORIGINAL) or comment(original, indent)
            return [*above, *was, *note, *self.old.value(found, key, indent)]
        if path in matched.shown and found is not None and by is not None and by.path == path:
            lines += self.old.value(found, key, indent) if self.old else []
        elif path in matched.shown:  # followed its text here
            self.work.moved += 1
            lines.append(f"{pad}{key if key != '-' else ''}{':' if key != '-' else '-'} "
                         f"{yaml_string(matched.shown[path])}")
        else:
            if own is not None and own.hash is None:  # kept as a note (lines)
                pass
            elif self.node is not None and self.find(path) is None:
                self.work.fields += 1
            lines.append(f"{pad}{key}:" if key != "-" else f"{pad}-")
        self.hashes[path] = matching.digest(original)
        return lines

    def confirmed(self, path: str) -> bool:
        target = tr.confirm_target(self.kind, self.item_id, path)
        if any(target == a or target.startswith(a + ":") or target.startswith(a + ".")
               for a in self.accept):
            self.work.confirmed.append(target)
            return True
        return False



def list_item(lines: list[str], indent: int) -> list[str]:
    """A mapping's lines (at indent + 2) as an item of a list at `indent`: '- ' before
    its first key, and before no other (a translator's item may start with any key)."""
    key_at = indent + INDENT
    out, first = [], True
    for line in lines:
        body = line[key_at:] if line[:key_at].strip() in ("", "-") else None
        if first and body is not None and body.startswith("#"):
            line = " " * indent + body  # the first key's comments, at the item's '- '
        elif first and body is not None and body and not body.startswith(" "):
            line, first = " " * indent + "- " + body, False
        elif body is not None and line[indent:key_at] == "- ":
            line = " " * key_at + body
        out.append(line)
    return out


def lines_of(text: str) -> list[str]:
    """A text's lines as YAML counts them (a comment ends at any of them)."""
    return BREAKS.split(str(text).strip())


def comment(text: str, indent: int) -> list[str]:
    """The original as comment lines, its invisible characters shown ('<U+200B>'): the
    translator sees them, and the translation's file is not warned of the original's."""
    return [f"{' ' * indent}{ORIGINAL} {visible(line)}".rstrip() for line in lines_of(text)]


def yaml_string(text: str) -> str:
    """Text as a double-quoted YAML scalar, on one line."""
    return UNPRINTED.sub(lambda m: f"\\u{ord(m.group()):04x}",
                         json.dumps(text, ensure_ascii=False))


def shown(digest: str) -> str:
    """A hash as written in YAML: quoted when YAML would read it as a number
    ('103148415449', '1e4567890123'), so that schema-aware editors see text."""
    return f"'{digest}'" if re.fullmatch(r"[0-9]+|[0-9]*\.?[0-9]+[eE][0-9]+", digest) else digest

