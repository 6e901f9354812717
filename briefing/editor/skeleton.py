"""`build.py translations LANG`: a translation's skeleton, made or refreshed.

Every text of the originals gets its place in content/translations/LANG/, under its
original as comment lines ('#: …'), with its hash in `translated_from`. A refresh writes
each file again in the originals' order, and a translation follows the text it was made
from (matched by hash, content/translations.py `match`): a stance moved into `history`
takes its translation with it, each quote's translation stays with its quote. What a
translator wrote is kept as written, line for line; a translation made from an earlier
text of its own field stays, its hash unmoved, under a note ('#! …') with the new
original; one of a text no longer in the original is kept as a note to reuse or delete.
Only `--confirm` (or the translator, by hand) moves a hash.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content import matching
from ..content import translations as tr
from ..content.read import TRANSLATION_FILES, Records, read_content
from ..content.words import event_ids
from ..content.yamlsource import Loader
from ..problems import Problem, display_path

ORDER = {  # each kind's fields, in the order written (groups: key_points, sides, …)
    "briefing": ("title", "dek", "summary", "key_points", "sides", "positions_title"),
    "actor": ("name", "role", "country", "summary", "image_alt", "quotes"),
    "event": ("title", "summary", "quotes"), "issue": ("issue", "summary", "stances", "quotes"),
    "source": ("title", "short"), "claim": ("claim", "note", "quotes"),
    "change": ("summary", "was")}
HEAD_FIELDS = ("language_name", "translator", "machine")  # briefing.yaml's own, kept
NOTE = "#!"  # a refresh's note: a translation from an earlier text, or of one now gone
ORIGINAL = "#:"  # a field's original text
INDENT = 2


class CannotConfirm(Exception):
    """The skeleton cannot be written, or --confirm names nothing to confirm: why, in one
    line; `usage`: the command was given something that is not there (exit status 2)."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


@dataclass
class Work:
    """What a refresh did, for its report."""

    files: int = 0
    records: int = 0
    fields: int = 0
    stale: int = 0
    moved: int = 0
    confirmed: list[str] = field(default_factory=list)


@dataclass
class Old:
    """One record as the translation file has it: its YAML node and the file's lines, to
    keep what the translator wrote as written."""

    node: yaml.MappingNode
    lines: list[str]
    head: int = 0  # the file's head comment: lines not any field's own


def originals_by_file(records: Records) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    """Each translation file's records: {file: [(kind, id, original record)]}."""
    files: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    files["briefing.yaml"] = [("briefing", "briefing", records.briefing)]
    for actor_id, v in sorted(records.actors.items()):
        files[f"actors/{actor_id}.yaml"] = [("actor", actor_id, v)]
    for name, kind in TRANSLATION_FILES.items():
        if kind == "briefing":
            continue
        found = (event_ids(records.events) if kind == "event"
                 else tr.records_of(records, kind))
        if found:
            files[name] = [(kind, i, v) for i, v in found.items()]
    return files


def read(content: Path, lang: str, files: Path) -> tuple[Records, dict[str, dict[str, Any]]]:
    """The originals and this language's translations, as checked records. A file
    under `files` with mistakes is refused: writing it again would lose what did not read."""
    problems: list[Problem] = []
    records = read_content(content, problems)
    if records.briefing is None:
        raise CannotConfirm("briefing.yaml does not check out: fix it first")
    shown = display_path(files)
    broken = sorted({p.path for p in problems if p.severity == "error"
                     and (p.path == shown or p.path.startswith(shown + os.sep))})
    if broken:
        raise CannotConfirm(f"{', '.join(broken)} has mistakes: fix them first (python "
                            "build.py check shows them), then run this again")
    return records, records.translations.get(lang, {})


def refresh(content: Path, lang: str) -> Work:
    """Make or refresh the skeleton of every translation file of `lang`."""
    records, given = read(content, lang, content / "translations" / lang)
    work = Work()
    folder = content / "translations" / lang
    for name, items in originals_by_file(records).items():
        write_file(folder / name, items, given, lang, name, work, set())
    return work


def write_file(path: Path, items: list[tuple[str, str, dict[str, Any]]],
               given: dict[str, dict[str, Any]], lang: str, name: str, work: Work,
               accept: set[str]) -> None:
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    new = rewritten(old, items, given, lang, name, work, accept)
    if new != old:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_text(path, new)
        work.files += 1


def replace_text(path: Path, text: str) -> None:
    """Write a file whole or not at all (a full disk leaves the old one as it was)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def rewritten(old: str | None, items: list[tuple[str, str, dict[str, Any]]],
              given: dict[str, dict[str, Any]], lang: str, name: str, work: Work,
              accept: set[str]) -> str:
    """The file's new text: the head comment, then each record in the originals' order;
    records the originals no longer have are kept as they were, at the end."""
    lines = old.split("\n") if old else []
    root = yaml.compose(old, Loader=Loader) if old and old.strip() else None
    nodes = ({k.value: (k, n) for k, n in root.value} if isinstance(root, yaml.MappingNode)
             else {})
    head = leading_comments(lines) or [
        f"# The {lang} translation of {name}: translate each field; its original is",
        f"# in the '{ORIGINAL}' lines above it. An empty field is not translated yet."]
    single = items[0][0] in ("briefing", "actor")
    out = list(head)
    if single:
        kind, item_id, v = items[0]
        t = given.get(kind, {}).get(item_id)
        if kind == "briefing":
            out += kept_head(nodes, lines, lang)
        mine = (Old(root, lines, len(leading_comments(lines)))
                if isinstance(root, yaml.MappingNode) else None)
        out += record_lines(kind, item_id, v, t, mine, 0, lang, work, accept)
        return "\n".join(out) + "\n"
    for kind, item_id, v in items:
        t = given.get(kind, {}).get(item_id)
        found = nodes.pop(item_id, None)
        mine = Old(found[1], lines) if found and isinstance(found[1], yaml.MappingNode) else None
        out += ["", f"{item_id}:",
                *record_lines(kind, item_id, v, t, mine, INDENT, lang, work, accept)]
    for key, node in nodes.values():  # a record whose original is gone: as it was
        out += ["", *lines[key.start_mark.line:line_after(node)]]
    return "\n".join(trimmed(out)) + "\n"


def trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def leading_comments(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if not line.startswith("#") or line.startswith((ORIGINAL, NOTE)):
            break
        out.append(line)
    return out


def kept_head(nodes: dict[str, tuple[yaml.Node, yaml.Node]], lines: list[str],
              lang: str) -> list[str]:
    """briefing.yaml's own fields (the language's name, translator, machine), as written;
    a new skeleton's defaults."""
    if not any(k in nodes for k in HEAD_FIELDS):
        return [f"language_name: {tr.language_name(lang)}", "machine: false"]
    return [line for k in HEAD_FIELDS if k in nodes
            for line in lines[nodes[k][0].start_mark.line:line_after(nodes[k][1])]]


def record_lines(kind: str, item_id: str, v: dict[str, Any], t: dict[str, Any] | None,
                 old: Old | None, indent: int, lang: str, work: Work,
                 accept: set[str]) -> list[str]:
    """One record: each original text in order, translated (as the translator wrote it),
    stale (under a note), or empty; then translated_from; then notes on translations of
    texts no longer in the original."""
    matched = matching.match(kind, v, t)
    if t is None:
        work.records += 1
    writer = RecordWriter(kind, item_id, matched, old, lang, work, accept)
    out = [line for name in ORDER[kind] for line in writer.group(name, indent)]
    hashes = writer.hashes
    if hashes:
        out.append(" " * indent + "translated_from:")
        out += [f"{' ' * indent}{' ' * INDENT}{p}: {shown(h)}" for p, h in hashes.items()]
    for g in matched.orphans:
        pad = " " * indent
        out += [f"{pad}{NOTE} translated from a text no longer in the original (translated_from "
                f"{g.path}: {g.hash}); reuse it above, or delete this note:",
                *[f"{pad}{NOTE}   {line}".rstrip() for line in g.text.strip().split("\n")]]
    return out


class RecordWriter:
    """Writes one record's fields, group by group, collecting their hashes."""

    def __init__(self, kind: str, item_id: str, matched: matching.Matched, old: Old | None,
                 lang: str, work: Work, accept: set[str]):
        self.kind, self.item_id, self.matched = kind, item_id, matched
        self.old, self.lang, self.work, self.accept = old, lang, work, accept
        self.hashes: dict[str, str] = {}
        self.given = {g.path: g for g in matched.given}

    def group(self, name: str, indent: int) -> list[str]:
        """A field, or a group of them (key_points, quotes, sides, stances, history)."""
        texts = self.matched.texts
        if name in texts:
            return self.field(name, name.rsplit(".", 1)[-1], indent)
        inside = [p for p in texts if p.startswith(name + ".")]
        if not inside:
            return []
        pad = " " * indent
        last = name.rsplit(".", 1)[-1]
        if last in ("key_points", "quotes", "history"):
            out = [f"{pad}{last}:"]
            for n in dict.fromkeys(p[len(name) + 1:].split(".")[0] for p in inside):
                item = f"{name}.{n}"
                if item in texts:
                    out += self.field(item, "-", indent + INDENT)
                else:  # an earlier stance: a mapping in a list
                    out += list_item([line for k in matching.STANCE_TEXTS for line in self.group(
                        f"{item}.{k}", indent + 2 * INDENT)], indent + INDENT)
            return out
        out = [f"{pad}{last}:"]
        for key in dict.fromkeys(p[len(name) + 1:].split(".")[0] for p in inside):
            out.append(f"{pad}{' ' * INDENT}{key}:")
            for sub in (*matching.STANCE_TEXTS, "name", "short", "description", "history"):
                out += self.group(f"{name}.{key}.{sub}", indent + 2 * INDENT)
        return out

    def field(self, path: str, key: str, indent: int) -> list[str]:
        """One text: its original as comments, then the translation or an empty field."""
        matched, pad = self.matched, " " * indent
        original = matched.texts[path]
        digest = matching.digest(original)
        own = self.given.get(path)
        lines = [*kept_comments(self.old, path), *comment(original, indent)]
        value = f"{pad}{key}:" if key != "-" else f"{pad}-"
        if path in matched.stale and self.confirmed(path):
            lines += self.as_written(own, indent)
        elif path in matched.stale:  # under what it was translated from, the new original
            assert own is not None and own.hash is not None
            note = [f"{pad}{NOTE} the original has changed; it now reads:",
                    *[f"{pad}{NOTE} {line}".rstrip() for line in original.strip().split("\n")],
                    f"{pad}{NOTE} once the translation follows it: python build.py translations "
                    f"{self.lang} --confirm {tr.confirm_target(self.kind, self.item_id, path)}"]
            self.work.stale += not self.had_note(path, note)
            self.hashes[path] = own.hash
            was = kept_comments(self.old, path, ORIGINAL) or comment(original, indent)
            return [*kept_comments(self.old, path), *was, *note, *self.as_written(own, indent)]
        elif path in matched.shown and own is not None and own.hash == digest:
            lines += self.as_written(own, indent)
        elif path in matched.shown:  # followed its text here
            self.work.moved += 1
            lines.append(f"{value} {json.dumps(matched.shown[path], ensure_ascii=False)}")
        else:
            if self.old is None or find(self.old.node, path) is None:
                self.work.fields += self.old is not None
            lines.append(value)
        self.hashes[path] = digest
        return lines

    def confirmed(self, path: str) -> bool:
        target = tr.confirm_target(self.kind, self.item_id, path)
        if any(target == a or target.startswith(a + ":") or target.startswith(a + ".")
               for a in self.accept):
            self.work.confirmed.append(target)
            return True
        return False

    def had_note(self, path: str, note: list[str]) -> bool:
        """Whether the last refresh wrote this note already (for the count of new ones)."""
        return [line.strip() for line in kept_comments(self.old, path, NOTE)] == [
            line.strip() for line in note]

    def as_written(self, own: matching.Given | None, indent: int) -> list[str]:
        """The translator's lines for a field, as written (moved to `indent`)."""
        assert own is not None and self.old is not None
        found = find(self.old.node, own.path)
        assert found is not None
        start, end = found[0].start_mark.line, line_after(found[1])
        raw = trimmed(self.old.lines[start:end])
        column = found[0].start_mark.column
        if found[0] is found[1]:  # a list's item of text: it starts at its '- '
            column = self.old.lines[start].rfind("-", 0, column)
        elif raw[0][:column].strip() == "-":  # the first key of a list item's mapping:
            raw[0] = " " * column + raw[0][column:]  # list_item puts its '- ' back
        return shifted(raw, indent - column)


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


def shifted(lines: list[str], by: int) -> list[str]:
    if by >= 0:
        return [" " * by + line if line.strip() else line for line in lines]
    return [line[min(-by, len(line) - len(line.lstrip())):] for line in lines]


def kept_comments(old: Old | None, path: str, kind: str = "") -> list[str]:
    """The comment lines just above a field in the old file: the translator's own (no
    `kind`), or the skeleton's of one kind (ORIGINAL, NOTE)."""
    if old is None:
        return []
    found = find(old.node, path)
    if found is None:
        return []
    line, out = found[0].start_mark.line - 1, []
    while line >= old.head and old.lines[line].lstrip().startswith("#"):
        text = old.lines[line].lstrip()
        if text.startswith(kind) if kind else not text.startswith((ORIGINAL, NOTE)):
            out.insert(0, old.lines[line])
        line -= 1
    return out


def shown(digest: str) -> str:
    """A hash as written in YAML: quoted when YAML would read it as a number
    ('103148415449', '1e4567890123'), so that schema-aware editors see text."""
    return f"'{digest}'" if re.fullmatch(r"[0-9]+|[0-9]*\.?[0-9]+[eE][0-9]+", digest) else digest


def comment(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}{ORIGINAL} {line}".rstrip() for line in str(text).strip().split("\n")]


def line_after(node: yaml.Node) -> int:
    """The first line after a node (a block node's end mark is at the start of the next
    line; a scalar's at the end of its last)."""
    return node.end_mark.line + (1 if node.end_mark.column else 0)


def find(node: yaml.MappingNode, path: str) -> tuple[yaml.Node, yaml.Node] | None:
    """(the node where a field starts: its key, or its list item; its value), or None."""
    current: yaml.Node = node
    start: yaml.Node | None = None
    for part in path.split("."):
        if isinstance(current, yaml.MappingNode):
            match = [(k, n) for k, n in current.value if k.value == part]
            if not match:
                return None
            start, current = match[0]
        elif isinstance(current, yaml.SequenceNode) and part.isdigit():
            if int(part) >= len(current.value):
                return None
            current = start = current.value[int(part)]
        else:
            return None
    return (start, current) if start is not None else None


def confirm(content: Path, lang: str, target: str) -> list[str]:
    """Move the hashes of translated fields to their originals' current ones, once the
    translator has brought them up to date, and show the current original above them.
    `target`: FILE, FILE:FIELD or, in a file of many records, FILE:ID or FILE:ID.FIELD.
    The file is refreshed too. Returns what was confirmed."""
    name, _, which = target.partition(":")
    name = name.removeprefix(f"content/translations/{lang}/").removeprefix(f"{lang}/")
    path = content / "translations" / lang / name
    if not path.is_file():
        raise CannotConfirm(f"no translation file {path}", usage=True)
    records, given = read(content, lang, path)
    items = originals_by_file(records).get(name)
    if not items:
        raise CannotConfirm(f"{name} is not a translation file", usage=True)
    work = Work()
    old = path.read_text(encoding="utf-8")
    new = rewritten(old, items, given, lang, name, work, {f"{name}:{which}" if which else name})
    if not work.confirmed:  # and nothing written
        raise CannotConfirm(f"nothing to confirm in {target}: no field there is translated "
                            "from an earlier text of its original")
    replace_text(path, new)
    return work.confirmed
