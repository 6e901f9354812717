"""One content file → its records: read and checked field by field, nothing resolved yet.

Each file is read on its own into a `Records` of its own, then merged (folder.py reads
the whole folder, one file after another or on every core: parts.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from ..problems import Problem, display_path
from ..reading import schema
from .characters import invisible_problems
from .composite_fields import Record
from .fields import INVALID, Reader
from .ids import SLUG_RE, slugify
from .yamlsource import normalised, parse_yaml, read_text, split_front_matter

KINDS = ("side", "actor", "event", "issue", "source", "article", "change", "claim")
LIST_FILES = (("chronology.yaml", "event", schema.EVENT), ("positions.yaml", "issue", schema.ISSUE),
              ("sources.yaml", "source", schema.SOURCE), ("changes.yaml", "change", schema.CHANGE),
              ("claims.yaml", "claim", schema.CLAIM))
PLURAL = {"event": "events", "issue": "issues", "source": "sources", "change": "changes",
          "claim": "claims"}


class FileReader(Protocol):
    """Reads one content file into records: from disk, or `text` (an unsaved file's)."""

    def __call__(self, path: Path, text: str | None = None) -> Records: ...


@dataclass
class Records:
    """What content/ (or one file of it) says, as checked records, before references
    are resolved. Records are never changed after reading: a preview reuses them.

    `known` holds every id written, valid or not, so that a reference to a record
    dropped for its own mistakes is not reported again as unknown.
    """

    briefing: dict[str, Any] | None = None
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    known: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    rejected: list[dict[str, Any]] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # kinds whose list file did not parse
    present: set[str] = field(default_factory=set)  # kinds whose list file is there
    problems: list[Problem] = field(default_factory=list)
    markdown: list[str] = field(default_factory=list)  # every Markdown field's text
    markdown_of: dict[str, list[str]] = field(default_factory=dict)  # … of each translation
    # language → kind ('briefing', 'actor', 'event', …) → id → the translation's fields
    translations: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def reader(self, shown: str) -> Reader:
        return Reader(shown, self.problems, self.rejected, self.markdown)

    def merge(self, part: Records) -> None:
        self.briefing = part.briefing or self.briefing
        self.actors.update(part.actors)
        self.articles.update(part.articles)
        self.events += part.events
        self.issues += part.issues
        self.sources += part.sources
        self.changes += part.changes
        self.claims += part.claims
        for kind, ids in part.known.items():
            self.known[kind] |= ids
        self.rejected += part.rejected
        self.unreadable |= part.unreadable
        self.present |= part.present
        self.markdown += part.markdown
        for lang, texts in part.markdown_of.items():
            self.markdown_of.setdefault(lang, []).extend(texts)
        self.problems += part.problems
        for lang, kinds in part.translations.items():
            for kind, found in kinds.items():
                self.translations.setdefault(lang, {}).setdefault(kind, {}).update(found)


TRANSLATION_FILES = {"briefing.yaml": "briefing", "chronology.yaml": "event",
                     "positions.yaml": "issue", "sources.yaml": "source",
                     "claims.yaml": "claim", "changes.yaml": "change"}


def translation_reader(lang: str, kind: str) -> FileReader:
    """A reader for one translation file: a record of its own (briefing.yaml, an actor's),
    or a map from ids to records (chronology.yaml: event id → title, summary)."""
    record = schema.TRANSLATIONS[kind]

    def read_translation(path: Path, text: str | None = None) -> Records:
        part = Records()
        found = part.translations.setdefault(lang, {}).setdefault(kind, {})
        root = read_node(path, part, text)
        reader = part.reader(display_path(path))
        if root is None:
            return part
        if kind in ("briefing", "actor"):
            values = read_mapping(root, record, f"{path.name}, a translation,", reader)
            if values is not None:
                found["briefing" if kind == "briefing" else path.stem] = values
            part.markdown_of[lang], part.markdown = part.markdown, []
            return part
        if not isinstance(root, yaml.MappingNode):
            reader.error(root, f"{path.name} in a translation maps each {kind}'s id to its "
                         "translated fields ('id:' lines, each with its fields below)")
            return part
        read_translated(root, lang, kind, part, reader)
        return part

    return read_translation


def read_translated(root: yaml.MappingNode, lang: str, kind: str, part: Records,
                    reader: Reader) -> None:
    """A translation file's map of ids to translated fields (or one part of it)."""
    record = schema.TRANSLATIONS[kind]
    found = part.translations.setdefault(lang, {}).setdefault(kind, {})
    for key, node in root.value:
        written = key.value.strip() if isinstance(key, yaml.ScalarNode) else ""
        if not SLUG_RE.fullmatch(written):
            reader.error(key, f"'{written}' is not an id: use the {kind}'s id, as in the "
                         f"original")
            continue
        values = record.read(node, reader, written)
        if values is not INVALID:
            found[written] = {**values, "key_loc": reader.loc(key)}
    part.markdown_of[lang], part.markdown = part.markdown, []  # rendered in its language


def read_node(path: Path, part: Records, text: str | None = None) -> yaml.Node | None:
    shown = display_path(path)
    text = read_text(path, shown, part.problems) if text is None else normalised(text)
    return None if text is None else parse_yaml(text, shown, part.problems)


def read_briefing(path: Path, text: str | None = None) -> Records:
    part = Records()
    shown = display_path(path)
    if text is None and not path.is_file():
        part.problems.append(Problem(shown, 1, 1, "missing: every briefing needs a "
                                     "briefing.yaml with its title, summary, updated date "
                                     "and sides"))
        return part
    root = read_node(path, part, text)
    reader = part.reader(shown)
    if root is None or not isinstance(root, yaml.MappingNode):
        if root is not None or not part.problems:
            part.problems.append(Problem(shown, 1, 1, "briefing.yaml must be a set of "
                                         "'field: value' lines"))
        return part
    note_ids(sides_node(root), "side", part, reader)
    values = schema.BRIEFING.read_fields(root, reader)
    if values is not INVALID and len(values["sides"]) < 2:
        reader.error(root, "a briefing needs at least two sides")
    elif values is not INVALID:
        part.briefing = values
    return part


def sides_node(root: yaml.MappingNode) -> list[yaml.Node]:
    for key, value in root.value:
        if key.value == "sides" and isinstance(value, yaml.SequenceNode):
            return value.value
    return []


def note_ids(nodes: list[yaml.Node], kind: str, part: Records, reader: Reader
             ) -> dict[str, int]:
    """Remember every id written, valid record or not; report ids used twice. Returns
    each id's first line."""
    first: dict[str, int] = {}
    for node in nodes:
        id_node = id_of(node)
        if id_node is None:
            continue
        written = id_node.value.strip()
        # An id written wrongly ('Talks in Istanbul') is reported once, where it is
        # written: references to it, or to the id it is meant to be, are not reported.
        part.known[kind].update({written, slugify(written)})
        if written in first:
            reader.error(id_node, f"duplicate {kind} id '{written}' (first used at line "
                         f"{first[written]})")
        else:
            first[written] = id_node.start_mark.line + 1
    return first


def id_of(node: yaml.Node) -> yaml.ScalarNode | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "id" and isinstance(v, yaml.ScalarNode):
                return v
    return None


def read_actor(path: Path, text: str | None = None) -> Records:
    part = Records()
    part.known["actor"].add(path.stem)
    shown = display_path(path)
    root = read_node(path, part, text)
    if root is None:
        if not part.problems:
            part.problems.append(Problem(shown, 1, 1, "this actor file is empty"))
        return part
    values = read_mapping(root, schema.ACTOR, "an actor file", part.reader(shown))
    if values is not None:
        part.actors[path.stem] = {**values, "id": path.stem}
    return part


def read_article(path: Path, text: str | None = None) -> Records:
    part = Records()
    part.known["article"].add(path.stem)
    shown = display_path(path)
    text = read_text(path, shown, part.problems) if text is None else normalised(text)
    if text is None:
        return part
    parts = split_front_matter(text)
    if parts is None:
        part.problems.append(Problem(shown, 1, 1, "an article starts with front matter: a "
                                     "'---' line, 'title:' and 'source:' lines, then another "
                                     "'---'"))
        return part
    front, body, body_line = parts
    part.problems.extend(invisible_problems(body, shown, body_line - 1))
    root = parse_yaml(front, shown, part.problems)
    if root is None:
        if not part.problems:
            part.problems.append(Problem(shown, 2, 1, "the front matter is empty: it needs "
                                         "'title:' and 'source:'"))
        return part
    values = read_mapping(root, schema.ARTICLE, "an article's front matter", part.reader(shown))
    if values is not None:
        part.articles[path.stem] = {**values, "id": path.stem, "body": body,
                                    "body_line": body_line}
    return part


def read_mapping(root: yaml.Node, record: Record, what: str, reader: Reader) -> dict | None:
    if not isinstance(root, yaml.MappingNode):
        reader.error(root, f"{what} must be a set of 'field: value' lines")
        return None
    values = record.read_fields(root, reader)
    return None if values is INVALID else values


def list_reader(kind: str, record: Record) -> FileReader:
    """A reader for a list file (chronology, positions, sources)."""

    def read_list(path: Path, text: str | None = None) -> Records:
        part = Records(present={kind})
        root = read_node(path, part, text)
        if root is None:
            if part.problems:
                part.unreadable.add(kind)  # its ids are unknown: don't call them missing
            return part
        reader = part.reader(display_path(path))
        if not isinstance(root, yaml.SequenceNode):
            reader.error(root, f"{path.name} must be a list of {kind}s, each starting "
                         "with '- '")
            return part
        note_ids(root.value, kind, part, reader)
        read_items(root.value, kind, record, part, reader)
        return part

    return read_list


def read_items(nodes: list[yaml.Node], kind: str, record: Record, part: Records,
               reader: Reader) -> None:
    items = [record.read(node, reader, kind) for node in nodes]
    getattr(part, PLURAL[kind]).extend(v for v in items if v is not INVALID)
