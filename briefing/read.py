"""content/ → records: every file read and checked field by field, nothing resolved yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import schema
from .fields import INVALID, SLUG_RE, Reader, Record, slugify
from .problems import Problem, display_path
from .yamlsource import parse_yaml, read_text, split_front_matter

KINDS = ("side", "actor", "event", "issue", "source", "article")


@dataclass
class Records:
    """What content/ says, as checked records (dicts), before references are resolved.

    `known` holds every id written, valid or not, so that a reference to a record
    dropped for its own mistakes is not reported again as unknown.
    """

    briefing: dict[str, Any] | None = None
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    known: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    rejected: list[dict[str, Any]] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # kinds whose list file did not parse

    def reader(self, shown: str, problems: list[Problem]) -> Reader:
        return Reader(shown, problems, self.rejected)


def read_content(content: Path, problems: list[Problem]) -> Records:
    records = Records()
    records.briefing = read_briefing(content / "briefing.yaml", records, problems)
    records.actors = read_folder(content / "actors", ".yaml", read_actor, records, problems)
    records.articles = read_folder(content / "articles", ".md", read_article, records, problems)
    records.events = read_list(content / "chronology.yaml", schema.EVENT, "event", records,
                               problems)
    records.issues = read_list(content / "positions.yaml", schema.ISSUE, "issue", records,
                               problems)
    records.sources = read_list(content / "sources.yaml", schema.SOURCE, "source", records,
                                problems)
    return records


def read_briefing(path: Path, records: Records, problems: list[Problem]) -> dict | None:
    shown = display_path(path)
    if not path.is_file():
        problems.append(Problem(shown, 1, 1, "missing: every briefing needs a briefing.yaml "
                                "with its title, summary, updated date and sides"))
        return None
    root = read_node(path, problems)
    if root is None:
        return None
    reader = records.reader(shown, problems)
    if not isinstance(root, yaml.MappingNode):
        reader.error(root, "briefing.yaml must be a set of 'field: value' lines")
        return None
    note_ids(sides_node(root), "side", records, reader)
    values = schema.BRIEFING.read_fields(root, reader)
    if values is INVALID:
        return None
    if len(values["sides"]) < 2:
        reader.error(root, "a briefing needs at least two sides")
        return None
    return values


def sides_node(root: yaml.MappingNode) -> list[yaml.Node]:
    for key, value in root.value:
        if key.value == "sides" and isinstance(value, yaml.SequenceNode):
            return value.value
    return []


def note_ids(nodes: list[yaml.Node], kind: str, records: Records, reader: Reader) -> None:
    """Remember every id written, valid record or not; report ids used twice."""
    first: dict[str, int] = {}
    for node in nodes:
        id_node = id_of(node)
        if id_node is None:
            continue
        written = id_node.value.strip()
        records.known[kind].add(written)
        if written in first:
            reader.error(id_node, f"duplicate {kind} id '{written}' (first used at line "
                         f"{first[written]})")
        else:
            first[written] = id_node.start_mark.line + 1


def id_of(node: yaml.Node) -> yaml.ScalarNode | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == "id" and isinstance(v, yaml.ScalarNode):
                return v
    return None


def read_node(path: Path, problems: list[Problem]) -> yaml.Node | None:
    shown = display_path(path)
    text = read_text(path, shown, problems)
    return None if text is None else parse_yaml(text, shown, problems)


def read_folder(folder: Path, suffix: str, read_one, records: Records,
                problems: list[Problem]) -> dict[str, dict]:
    """One record per file; the file name (without suffix) is its id."""
    out: dict[str, dict] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        shown = display_path(path)
        stem, ext = path.stem, path.suffix
        if ext != suffix:
            hint = f": rename it to {stem}{suffix}" if ext in (".yml", ".markdown") else ""
            problems.append(Problem(shown, 1, 1, f"not a {suffix} file, so it is not read"
                                    f"{hint}", "warning"))
            continue
        if not SLUG_RE.fullmatch(stem):
            problems.append(Problem(shown, 1, 1, f"the file name is the id and must be "
                                    f"lower-case letters, digits and hyphens: rename it to "
                                    f"{slugify(stem) or 'a-name'}{suffix}"))
            continue
        kind = "actor" if suffix == ".yaml" else "article"
        records.known[kind].add(stem)
        values = read_one(path, shown, records, problems)
        if values is not None:
            values["id"] = stem
            out[stem] = values
    return out


def read_actor(path: Path, shown: str, records: Records, problems: list[Problem]
               ) -> dict | None:
    root = read_node(path, problems)
    if root is None:
        if not any(p.path == shown for p in problems):
            problems.append(Problem(shown, 1, 1, "this actor file is empty"))
        return None
    return read_mapping(root, schema.ACTOR, "an actor file", records.reader(shown, problems))


def read_article(path: Path, shown: str, records: Records, problems: list[Problem]
                 ) -> dict | None:
    text = read_text(path, shown, problems)
    if text is None:
        return None
    parts = split_front_matter(text)
    if parts is None:
        problems.append(Problem(shown, 1, 1, "an article starts with front matter: a '---' "
                                "line, 'title:' and 'source:' lines, then another '---'"))
        return None
    front, body, body_line = parts
    root = parse_yaml(front, shown, problems)
    reader = records.reader(shown, problems)
    if root is None:
        if not any(p.path == shown for p in problems):
            reader.problems.append(Problem(shown, 2, 1, "the front matter is empty: it needs "
                                           "'title:' and 'source:'"))
        return None
    values = read_mapping(root, schema.ARTICLE, "an article's front matter", reader)
    if values is not None:
        values.update(body=body, body_line=body_line)
    return values


def read_mapping(root: yaml.Node, record: Record, what: str, reader: Reader) -> dict | None:
    if not isinstance(root, yaml.MappingNode):
        reader.error(root, f"{what} must be a set of 'field: value' lines")
        return None
    values = record.read_fields(root, reader)
    return None if values is INVALID else values


def read_list(path: Path, record: Record, kind: str, records: Records,
              problems: list[Problem]) -> list[dict]:
    """A list file (chronology, positions, sources); a missing file is an empty list."""
    if not path.is_file():
        return []
    before = len(problems)
    root = read_node(path, problems)
    if root is None:
        if len(problems) > before:
            records.unreadable.add(kind)  # its ids are unknown: don't call them missing
        return []
    reader = records.reader(display_path(path), problems)
    if not isinstance(root, yaml.SequenceNode):
        reader.error(root, f"{path.name} must be a list of {kind}s, each starting with '- '")
        return []
    note_ids(root.value, kind, records, reader)
    out = []
    for node in root.value:
        values = record.read(node, reader, kind)
        if values is not INVALID:
            out.append(values)
    return out
