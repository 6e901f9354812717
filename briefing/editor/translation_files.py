"""`build.py translations LANG`: a translation's skeleton, made or refreshed.

Every text of the originals gets its place in content/translations/LANG/, under its
original as comment lines ('#: …'), with its hash in `translated_from`. A refresh writes
each file again in the originals' order, and a translation follows the text it was made
from (matched by hash, linking/matching.py): a stance moved into `history` takes its
translation with it, each quote's translation stays with its quote.

Nothing a translator wrote is lost. A translation stays as written (its value's own text,
cut from the file by the parser's character marks); one made from an earlier text of its
field stays, its hash unmoved, under the new original ('#! …'); one of a text no longer
in the original, or without a hash, is kept as a note to reuse or delete; the
translator's comments stay with the field, group or record they are written at (those
inside `translated_from`, the skeleton's own, do not). The new text is read back before
it replaces the file: it must read without errors and hold every translation the old
one held, or nothing is written; and it replaces the file whole (files.py), only if the
file still holds what was read, so that a translator's save made meanwhile stays.
Only `--confirm` (or the translator) moves a hash.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..files import ChangedMeanwhile, write_atomically
from ..linking import matching
from ..linking import translations as tr
from ..problems import Problem, display_path
from ..reading.characters import visible
from ..reading.folder import read_content
from ..reading.ids import event_ids
from ..reading.records import TRANSLATION_FILES, Records, translation_reader
from ..reading.suggestions import did_you_mean
from ..reading.yamlsource import syntax_problem

ORDER = {  # each kind's fields, in the order written (groups: key_points, sides, …)
    "briefing": ("title", "dek", "summary", "key_points", "sides", "positions_title"),
    "actor": ("name", "role", "country", "summary", "image_alt", "quotes"),
    "event": ("title", "summary", "quotes"),
    "issue": ("issue", "summary", "history", "stances", "quotes"),
    "source": ("title", "short"), "claim": ("claim", "note", "history", "quotes"),
    "change": ("summary", "was")}
GROUP_FIELDS = ("position", "detail", "history", "name", "short", "description")
HEAD_FIELDS = ("language_name", "translator", "machine")  # briefing.yaml's own, kept
NOTE = "#!"  # a refresh's note: a translation from an earlier text, or of one now gone
ORIGINAL = "#:"  # a field's original text
INDENT = 2
BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")  # what YAML reads as a line's end
UNPRINTED = re.compile(r"[\x80-\x9f\u2028\u2029\ufeff]")  # written as \u escapes


class CannotConfirm(Exception):
    """The skeleton cannot be written, or --confirm names nothing to confirm: why, in one
    line, after `problems` (path:line:column) where there are; `usage`: the command was
    given something that is not there (exit status 2)."""

    def __init__(self, message: str, usage: bool = False,
                 problems: list[Problem] | None = None):
        super().__init__(message)
        self.usage = usage
        self.problems = problems or []


@dataclass
class Work:
    """What a refresh did, for its report."""

    files: int = 0
    records: int = 0
    fields: int = 0
    stale: int = 0
    moved: int = 0
    confirmed: list[str] = field(default_factory=list)


class OldFile:
    """A translation file as the translator left it: its text ('\\n' line ends), its
    nodes (marks by character), and what of it is comment, to keep what they wrote."""

    def __init__(self, raw: str):
        self.bom = raw.startswith("\ufeff")
        self.newline = "\r\n" if "\r\n" in raw else "\n"
        self.text = self.text_of(raw)
        self.lines = self.text.split("\n")
        self.starts = [0] + [n + 1 for n, c in enumerate(self.text) if c == "\n"]
        self.root = yaml.compose(self.text, Loader=yaml.SafeLoader) if self.text.strip() else None
        self.inside: set[int] = set()  # lines within a value that spans lines
        self.reserved: set[int] = set()  # comment lines above a record's id: that record's
        self.head = len(leading_comments(self.lines))
        if self.root is not None:
            self.note_spans(self.root)

    @staticmethod
    def text_of(raw: str) -> str:
        return raw.removeprefix("\ufeff").replace("\r\n", "\n")

    def note_spans(self, node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            first, last = self.line(node.start_mark.index), self.line(node.end_mark.index)
            self.inside.update(range(first + 1, last + 1))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self.note_spans(item)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self.note_spans(key)
                self.note_spans(value)

    def line(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index) - 1

    def comment_lines_above(self, node: yaml.Node) -> list[int]:
        """The comment lines just above a node's line, by number."""
        line, out = self.line(node.start_mark.index) - 1, []
        while line >= self.head and line not in self.inside and self.lines[line].lstrip(
                ).startswith("#"):
            out.insert(0, line)
            line -= 1
        return out

    def comments_above(self, node: yaml.Node, kind: str = "") -> list[str]:
        """The comment lines just above a node's line: the translator's own (no `kind`),
        or the skeleton's of one kind (ORIGINAL, NOTE)."""
        texts = [self.lines[n] for n in self.comment_lines_above(node)]
        return [text for text in texts if (text.lstrip().startswith(kind) if kind else
                                          not text.lstrip().startswith((ORIGINAL, NOTE)))]

    def trailing(self, node: yaml.Node) -> list[str]:
        """Comment lines after a record's last field, before the next record (bar those
        just above its id): the translator's, and notes kept from earlier refreshes."""
        first = self.line(node.start_mark.index)
        end = self.line(node.end_mark.index) + (1 if node.end_mark.column else 0)
        lines = list(range(first, min(end, len(self.lines))))
        content = [n for n in lines if n in self.inside or (
            self.lines[n].strip() and not self.lines[n].lstrip().startswith("#"))]
        after = content[-1] + 1 if content else first
        return [self.lines[n] for n in lines if n >= after and n not in self.inside
                and n not in self.reserved and self.lines[n].lstrip().startswith("#")]

    def same_line_comment(self, key: yaml.Node) -> str:
        """A comment written after a group's key on its line (`stances:  # …`)."""
        line = self.lines[self.line(key.start_mark.index)]
        rest = line[key.end_mark.index - self.starts[self.line(key.start_mark.index)]:]
        rest = rest.lstrip().removeprefix(":")
        return "  " + rest.strip() if rest.strip().startswith("#") else ""

    def value(self, found: tuple[yaml.Node, yaml.Node, bool], key: str, indent: int
              ) -> list[str]:
        """A translated value as the translator wrote it, under `key` at `indent`."""
        start_node, value, _ = found
        raw = self.text[value.start_mark.index:value.end_mark.index].rstrip("\n ")
        if value.end_mark.column:  # a comment after it on its last line stays there
            end = self.starts[self.line(value.end_mark.index)] + len(
                self.lines[self.line(value.end_mark.index)])
            rest = self.text[value.end_mark.index:end]
            raw += rest.rstrip() if rest.strip().startswith("#") else ""
        their = start_node.start_mark.column
        lines = raw.split("\n")
        by = max(0, indent - their)  # the lines after its first, moved as far right
        lines[1:] = [" " * by + line if line.strip() else line for line in lines[1:]]
        lead = " " * indent + (f"{key}: " if key != "-" else "- ")
        return [lead + lines[0], *lines[1:]]


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
    """Make or refresh the skeleton of every translation file of `lang`: every file's
    new text made and checked first, then each written (write_all)."""
    records, given = read(content, lang, content / "translations" / lang)
    work = Work()
    folder = content / "translations" / lang
    rewrites = []
    for name, items in originals_by_file(records).items():
        path = folder / name
        old = path.read_bytes() if path.is_file() else None
        new = rewrite(path, old, items, given, lang, work, set())
        if old is None or new != old.decode("utf-8"):
            rewrites.append(Rewrite(path, old, new, items[0][0]))
    write_all(rewrites, lang)
    work.files = len(rewrites)
    return work


@dataclass(frozen=True)
class Rewrite:
    """A translation file's new text, and its bytes as read (None: a new file)."""

    path: Path
    old: bytes | None
    new: str
    kind: str


def rewrite(path: Path, old: bytes | None, items: list[tuple[str, str, dict[str, Any]]],
            given: dict[str, dict[str, Any]], lang: str, work: Work, accept: set[str]) -> str:
    """`rewritten` for the file at `path`, with a syntax error that the build's reader
    lets pass but this one does not (a tab after a value) reported where it is."""
    text = old.decode("utf-8") if old is not None else None
    try:
        return rewritten(text, items, given, lang, path.name, work, accept)
    except yaml.MarkedYAMLError as exc:
        shown = display_path(path)
        where = syntax_problem(exc, shown, OldFile.text_of(text or ""))
        raise CannotConfirm(f"{shown} cannot be refreshed as it is: fix it, then run this "
                            "again; nothing was written", problems=[where]) from None


def write_all(rewrites: list[Rewrite], lang: str) -> None:
    """Check every new text (write_checked's reasons), then replace each file whole,
    unless a translator saved it since it was read."""
    for one in rewrites:
        refuse_loss(one.path, one.old, one.new, lang, one.kind)
    for done, one in enumerate(rewrites):
        try:
            write_atomically(one.path, one.new.encode("utf-8"), was=one.old)
        except ChangedMeanwhile:
            before = f" to it ({done} other file{'' if done == 1 else 's'} written before it)"
            raise CannotConfirm(f"{display_path(one.path)} changed while 'translations' ran; "
                                f"nothing was written{before if done else ''}: run it "
                                "again") from None


def rewritten(raw: str | None, items: list[tuple[str, str, dict[str, Any]]],
              given: dict[str, dict[str, Any]], lang: str, name: str, work: Work,
              accept: set[str]) -> str:
    """The file's new text: the head comment, then each record in the originals' order;
    records the originals no longer have are kept as they were, at the end."""
    old = OldFile(raw) if raw else None
    nodes = ({k.value: (k, n) for k, n in old.root.value}
             if old is not None and isinstance(old.root, yaml.MappingNode) else {})
    out = (old.lines[:old.head] if old is not None and old.head else [
        f"# The {lang} translation of {name}: translate each field; its original is",
        f"# in the '{ORIGINAL}' lines above it. An empty field is not translated yet."])
    if old is not None:
        for key, _ in nodes.values():  # their comments go with them, not the record before
            old.reserved.update(old.comment_lines_above(key))
    if items[0][0] in ("briefing", "actor"):
        kind, item_id, v = items[0]
        if kind == "briefing":
            out += kept_head(nodes, old, lang)
        mine = old.root if old is not None and isinstance(old.root, yaml.MappingNode) else None
        out += RecordWriter(kind, item_id, v, given.get(kind, {}).get(item_id), old, mine,
                            lang, work, accept).lines(0)
    else:
        for kind, item_id, v in items:
            found = nodes.pop(item_id, None)
            mine = found[1] if found and isinstance(found[1], yaml.MappingNode) else None
            above = old.comments_above(found[0]) if old is not None and found else []
            out += ["", *above, f"{item_id}:", *RecordWriter(
                kind, item_id, v, given.get(kind, {}).get(item_id), old, mine, lang, work,
                accept).lines(INDENT)]
        for key, node in nodes.values():  # a record whose original is gone: as it was
            assert old is not None
            out += ["", *old.text[old.starts[old.line(key.start_mark.index)]:
                                  node.end_mark.index].rstrip("\n").split("\n")]
    text = "\n".join(trimmed(out)) + "\n"
    newline = old.newline if old is not None else "\n"
    return ("\ufeff" if old is not None and old.bom else "") + text.replace("\n", newline)


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


def kept_head(nodes: dict[str, tuple[yaml.Node, yaml.Node]], old: OldFile | None,
              lang: str) -> list[str]:
    """briefing.yaml's own fields (the language's name, translator, machine), as written;
    a new skeleton's defaults."""
    if old is None or not any(k in nodes for k in HEAD_FIELDS):
        return [f"language_name: {tr.language_name(lang)}", "machine: false"]
    return [line for k in HEAD_FIELDS if k in nodes for line in
            [*old.comments_above(nodes[k][0]), *old.value((*nodes[k], False), k, 0)]]


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


def find(node: yaml.MappingNode, path: str) -> tuple[yaml.Node, yaml.Node, bool] | None:
    """(the node where a field starts: its key, or its list item; its value; whether it
    is written in flow style), or None."""
    current: yaml.Node = node
    start: yaml.Node | None = None
    flow = False
    for part in path.split("."):
        flow = flow or bool(getattr(current, "flow_style", False))
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
    return (start, current, flow) if start is not None else None


def refuse_loss(path: Path, old: bytes | None, new: str, lang: str, kind: str) -> None:
    """Refuse a new text that does not read back without errors, or misses a translation
    `old` had (as a field or a note)."""
    why = lost(old.decode("utf-8") if old is not None else None, new, path, lang, kind)
    if why:
        raise CannotConfirm(f"{display_path(path)}: {why}; nothing was written to it: "
                            "refresh it by hand, or tell us what in it was not understood")


def lost(old: str | None, new: str, path: Path, lang: str, kind: str) -> str:
    """What the new text would lose or break, or ""."""
    before = texts_in(old, path, lang, kind)[0] if old else []
    after, errors = texts_in(new, path, lang, kind)
    if errors:
        return f"written again it would not read ({errors[0].message})"
    for text in before:
        if text not in after and not all(line.strip() in new for line in lines_of(text)):
            return f"written again it would lose the translation '{text[:40]}'"
    return ""


def texts_in(text: str, path: Path, lang: str, kind: str) -> tuple[list[str], list[Problem]]:
    """Every translated text a translation file holds, and its errors, read as the build
    reads it."""
    part = translation_reader(lang, kind)(path, text)
    found = part.translations.get(lang, {}).get(kind, {})
    texts = [text for t in found.values() for _, text, _ in matching.translated(kind, t)]
    return texts, [p for p in part.problems if p.severity == "error"]


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
    wanted = f"{name}:{which}" if which else name
    targets = [tr.confirm_target(kind, item_id, p) for kind, item_id, v in items
               for p in matching.originals(kind, v)]
    if not any(t == wanted or t.startswith((wanted + ".", wanted + ":")) for t in targets):
        fields = [t.split(":", 1)[1] for t in targets]
        raise CannotConfirm(f"{name} has no field or record '{which}' to confirm"
                            f"{did_you_mean(which, fields)}", usage=True)
    work = Work()
    old = path.read_bytes()
    new = rewrite(path, old, items, given, lang, work, {wanted})
    if not work.confirmed:  # and nothing written
        raise CannotConfirm(f"nothing to confirm in {target}: no field there is translated "
                            "from an earlier text of its original")
    write_all([Rewrite(path, old, new, items[0][0])], lang)
    return work.confirmed
