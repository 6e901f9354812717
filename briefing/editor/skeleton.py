"""`build.py translations LANG`: a translation's skeleton, made or refreshed.

Every record and field of the originals gets its place in content/translations/LANG/,
empty, under its original text as comment lines ('#: …'), with its hash in
`translated_from`. What a translator wrote is never touched: a refresh only adds what is
new (records, fields, hashes), renews the comments and hashes of fields still empty, and
writes a note ('#! …') above each translated field whose original changed, with the new
original and its hash. Only `--confirm` (or the translator, by hand) moves a hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content import translations as tr
from ..content.read import TRANSLATION_FILES, Records, read_content
from ..content.words import event_ids
from ..content.yamlsource import Loader

ORDER = {  # each kind's fields, in the order written (groups: key_points, sides, …)
    "briefing": ("title", "dek", "summary", "key_points", "sides", "positions_title"),
    "actor": ("name", "role", "country", "summary", "image_alt", "quotes"),
    "event": ("title", "summary", "quotes"), "issue": ("issue", "summary", "stances", "quotes"),
    "source": ("title",), "claim": ("claim", "note", "quotes"), "change": ("summary", "was")}
NOTE = "#!"  # a refresh's note on a translated field whose original changed
ORIGINAL = "#:"  # a field's original text


class CannotConfirm(Exception):
    """--confirm names nothing that can be confirmed: why, in one line."""


@dataclass
class Work:
    """What a refresh did, for its report."""

    files: int = 0
    records: int = 0
    fields: int = 0
    stale: int = 0


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


def refresh(content: Path, lang: str) -> Work:
    """Make or refresh the skeleton of every translation file of `lang`."""
    records = read_content(content, [])
    if records.briefing is None:
        raise CannotConfirm("briefing.yaml does not check out: fix it first")
    work = Work()
    folder = content / "translations" / lang
    for name, items in originals_by_file(records).items():
        path = folder / name
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        new = refreshed(old, items, lang, name, work)
        if new != old:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new, encoding="utf-8")
            work.files += 1
    return work


def refreshed(old: str | None, items: list[tuple[str, str, dict[str, Any]]], lang: str,
              name: str, work: Work) -> str:
    single = items[0][0] in ("briefing", "actor")
    if old is None or not old.strip():
        work.records += len(items)
        head = [f"# The {lang} translation of {name}: translate each field; its original is",
                f"# in the '{ORIGINAL}' lines above it. An empty field is not translated yet."]
        if single:
            kind, _, v = items[0]
            extra = ([f"language_name: {tr.language_name(lang)}", "machine: false"]
                     if kind == "briefing" else [])
            return "\n".join(head + extra + record_lines(kind, v, 0)) + "\n"
        body = [line for kind, item_id, v in items
                for line in ["", f"{item_id}:", *record_lines(kind, v, 2)]]
        return "\n".join(head + body) + "\n"
    lines = old.split("\n")
    root = yaml.compose(old, Loader=Loader)
    edits: list[tuple[int, list[str], int]] = []  # (line, lines to put there, lines to drop)
    if single:
        kind, _, v = items[0]
        if isinstance(root, yaml.MappingNode):
            edits += record_edits(kind, v, root, lines, 0, work)
    else:
        nodes = {k.value: n for k, n in root.value} if isinstance(root, yaml.MappingNode) else {}
        for kind, item_id, v in items:
            node = nodes.get(item_id)
            if isinstance(node, yaml.MappingNode):
                edits += record_edits(kind, v, node, lines, 2, work)
            elif node is None:
                work.records += 1
                at = len(lines) - (1 if lines[-1] == "" else 0)
                edits.append((at, ["", f"{item_id}:", *record_lines(kind, v, 2)], 0))
    return "\n".join(applied(lines, edits))


def shown(digest: str) -> str:
    """A hash as written in YAML: quoted when YAML would read it as a number
    ('103148415449', '1e4567890123'), so that schema-aware editors see text."""
    return f"'{digest}'" if re.fullmatch(r"[0-9]+|[0-9]*\.?[0-9]+[eE][0-9]+", digest) else digest


def rehashed(line: str, written: str, digest: str) -> str:
    """A `field: hash` line with its hash replaced (quotes and all)."""
    return re.sub(rf"(:\s*)(['\"]?){written}\2", lambda m: m.group(1) + shown(digest), line,
                  count=1)


def applied(lines: list[str], edits: list[tuple[int, list[str], int]]) -> list[str]:
    """The lines with each edit made: from the last line up, and edits at one line in the
    order given."""
    ordered = sorted(enumerate(edits), key=lambda e: (e[1][0], e[0]), reverse=True)
    for _, (at, new, drop) in ordered:
        lines[at:at + drop] = new
    return lines


def comment(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}{ORIGINAL} {line}".rstrip() for line in str(text).strip().split("\n")]


def field_lines(path: str, texts: dict[str, str], indent: int) -> list[str]:
    """An empty field under its original, or a group (key_points, sides, …) of them."""
    pad = " " * indent
    name = path.rsplit(".", 1)[-1]
    if path in texts:
        return [*comment(texts[path], indent), f"{pad}{name}:"]
    inside = [p for p in texts if p.startswith(path + ".")]  # in the original's order
    if not inside:
        return []
    if name in ("key_points", "quotes"):
        return [f"{pad}{name}:"] + [line for p in inside
                                    for line in [*comment(texts[p], indent + 2), f"{pad}  -"]]
    out = [f"{pad}{name}:"]
    for item in dict.fromkeys(p[len(path) + 1:].split(".")[0] for p in inside):
        out.append(f"{pad}  {item}:")
        for p in inside:
            if p.startswith(f"{path}.{item}."):
                out += field_lines(p, texts, indent + 4)
    return out


def record_lines(kind: str, v: dict[str, Any], indent: int) -> list[str]:
    texts = tr.originals(kind, v)
    out = [line for name in ORDER[kind] for line in field_lines(name, texts, indent)]
    if texts:
        out.append(" " * indent + "translated_from:")
        out += [f"{' ' * indent}  {p}: {shown(tr.digest(t))}" for p, t in texts.items()]
    return out


def record_edits(kind: str, v: dict[str, Any], node: yaml.MappingNode, lines: list[str],
                 indent: int, work: Work) -> list[tuple[int, list[str], int]]:
    """What a refresh puts into an existing record: missing fields (before its
    translated_from), missing hashes, notes on stale fields, renewed empty fields."""
    texts = tr.originals(kind, v)
    keys = {k.value: (k, n) for k, n in node.value}
    hashes_node = keys.get("translated_from", (None, None))[1]
    hashes = ({k.value: n for k, n in hashes_node.value}
              if isinstance(hashes_node, yaml.MappingNode) else {})
    edits: list[tuple[int, list[str], int]] = []
    end = line_after(node)
    before = keys["translated_from"][0].start_mark.line if "translated_from" in keys else end
    for name in ORDER[kind]:
        if name not in keys:
            new = field_lines(name, texts, indent)
            if new:
                work.fields += 1
                edits.append((before, new, 0))
    new_hashes = [f"{' ' * indent}  {p}: {shown(tr.digest(t))}" for p, t in texts.items()
                  if p not in hashes]
    if new_hashes and isinstance(hashes_node, yaml.MappingNode):
        edits.append((line_after(hashes_node), new_hashes, 0))
    elif new_hashes:
        edits.append((end, [" " * indent + "translated_from:", *new_hashes], 0))
    for path, text in texts.items():
        digest = tr.digest(text)
        field_node = find(node, path)
        if path not in hashes:
            continue
        written = hashes[path].value.strip()
        if written == digest or field_node is None:
            continue
        key_line = field_node[0]
        if field_node[1]:  # empty: the skeleton's own, renewed
            hash_line = hashes[path].start_mark.line
            edits.append((hash_line, [rehashed(lines[hash_line], written, digest)], 1))
            start = key_line
            while start > 0 and lines[start - 1].lstrip().startswith(ORIGINAL):
                start -= 1
            pad = " " * (len(lines[key_line]) - len(lines[key_line].lstrip()))
            edits.append((start, comment(text, len(pad)), key_line - start))
        else:
            pad = " " * (len(lines[key_line]) - len(lines[key_line].lstrip()))
            note = [f"{pad}{NOTE} the original has changed; it now reads:",
                    *[f"{pad}{NOTE} {line}".rstrip() for line in str(text).strip().split("\n")],
                    f"{pad}{NOTE} once this follows it: translated_from {path}: {digest}"]
            if lines[key_line - len(note):key_line] != note:
                work.stale += 1
                edits.append((key_line, note, 0))
    return edits


def line_after(node: yaml.Node) -> int:
    """The first line after a block node (its end mark is at the start of the next line,
    or at the end of its last line when the file does not end with a newline)."""
    return node.end_mark.line + (1 if node.end_mark.column else 0)


def find(node: yaml.MappingNode, path: str) -> tuple[int, bool] | None:
    """(the line where a field's key is written, whether its value is empty), or None."""
    parts = path.split(".")
    current: yaml.Node = node
    key_line = None
    for part in parts:
        if isinstance(current, yaml.MappingNode):
            match = [(k, n) for k, n in current.value if k.value == part]
            if not match:
                return None
            key_line, current = match[0][0].start_mark.line, match[0][1]
        elif isinstance(current, yaml.SequenceNode) and part.isdigit():
            if int(part) >= len(current.value):
                return None
            current = current.value[int(part)]
            key_line = current.start_mark.line
        else:
            return None
    empty = isinstance(current, yaml.ScalarNode) and current.tag.endswith(":null")
    return (key_line, empty) if key_line is not None else None


def confirm(content: Path, lang: str, target: str) -> list[str]:
    """Move the hashes of translated fields to their originals' current ones, once the
    translator has brought them up to date. `target`: FILE, FILE:FIELD or, in a file of
    many records, FILE:ID or FILE:ID.FIELD. Returns what was confirmed."""
    name, _, which = target.partition(":")
    name = name.removeprefix(f"content/translations/{lang}/").removeprefix(f"{lang}/")
    path = content / "translations" / lang / name
    if not path.is_file():
        raise CannotConfirm(f"no translation file {path}")
    records = read_content(content, [])
    items = originals_by_file(records).get(name)
    if not items:
        raise CannotConfirm(f"{name} is not a translation file")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    root = yaml.compose(text, Loader=Loader)
    done: list[str] = []
    edits: list[tuple[int, list[str], int]] = []
    for kind, item_id, v in items:
        single = kind in ("briefing", "actor")
        node = root if single else {k.value: n for k, n in root.value}.get(item_id)
        wanted = which if single else (which[len(item_id):].lstrip(".") if which.startswith(
            item_id) else None)
        if not isinstance(node, yaml.MappingNode) or (wanted is None and which):
            continue
        edits += confirmed(kind, v, node, lines, wanted or "", done,
                           "" if single else f"{item_id}.")
    if not done:
        raise CannotConfirm(f"nothing to confirm in {target}: no translated field there has "
                            "a hash other than its original's")
    path.write_text("\n".join(applied(lines, edits)), encoding="utf-8")
    return done


def confirmed(kind: str, v: dict[str, Any], node: yaml.MappingNode, lines: list[str],
              wanted: str, done: list[str], prefix: str) -> Iterable[tuple[int, list[str], int]]:
    texts = tr.originals(kind, v)
    table = next((n for k, n in node.value if k.value == "translated_from"), None)
    hashes = {k.value: n for k, n in table.value} if isinstance(table, yaml.MappingNode) else {}
    for path, text in texts.items():
        if wanted and path != wanted:
            continue
        found = find(node, path)
        if path not in hashes or found is None or found[1]:
            continue
        digest = tr.digest(text)
        written = hashes[path].value.strip()
        if written == digest:
            continue
        line = hashes[path].start_mark.line
        yield line, [rehashed(lines[line], written, digest)], 1
        notes = found[0]
        while notes > 0 and re.match(rf"\s*{NOTE}", lines[notes - 1]):
            notes -= 1
        if notes < found[0]:
            yield notes, [], found[0] - notes
        done.append(prefix + path)
