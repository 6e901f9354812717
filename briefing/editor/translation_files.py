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

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..files import ChangedMeanwhile, write_atomically
from ..linking import matching
from ..linking import translations as tr
from ..problems import Problem, display_path
from ..reading.folder import read_content
from ..reading.ids import event_ids
from ..reading.records import TRANSLATION_FILES, Records, translation_reader
from ..reading.suggestions import did_you_mean
from ..reading.yamlsource import syntax_problem
from .old_file import ORIGINAL, OldFile
from .record_writer import INDENT, RecordWriter, Work, lines_of

HEAD_FIELDS = ("language_name", "translator", "machine")  # briefing.yaml's own, kept


class CannotConfirm(Exception):
    """The skeleton cannot be written, or --confirm names nothing to confirm: why, in one
    line, after `problems` (path:line:column) where there are; `usage`: the command was
    given something that is not there (exit status 2)."""

    def __init__(self, message: str, usage: bool = False,
                 problems: list[Problem] | None = None):
        super().__init__(message)
        self.usage = usage
        self.problems = problems or []



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



def kept_head(nodes: dict[str, tuple[yaml.Node, yaml.Node]], old: OldFile | None,
              lang: str) -> list[str]:
    """briefing.yaml's own fields (the language's name, translator, machine), as written;
    a new skeleton's defaults."""
    if old is None or not any(k in nodes for k in HEAD_FIELDS):
        return [f"language_name: {tr.language_name(lang)}", "machine: false"]
    return [line for k in HEAD_FIELDS if k in nodes for line in
            [*old.comments_above(nodes[k][0]), *old.value((*nodes[k], False), k, 0)]]



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
