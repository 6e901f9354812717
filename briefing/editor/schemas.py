"""JSON Schemas for the content files, made from the loader's own field tables.

Editors' YAML language servers (VS Code's YAML extension and others) read them to give
completion, hover notes and red squiggles as an editor types. They are generated, so
they cannot drift from what the loader accepts; `schema/` holds the committed copies
(`python build.py schemas`), and a test fails when those are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..reading import schema
from ..reading.composite_fields import ListOf
from ..reading.ids import SLUG_RE

DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft YAML servers know best

# file name → (the files it describes, what they hold, its rule)
FILES: dict[str, tuple[str, str, Any]] = {
    "briefing.schema.json": ("content/briefing.yaml", "The briefing", schema.BRIEFING),
    "actor.schema.json": ("content/actors/*.yaml", "An actor", schema.ACTOR),
    "chronology.schema.json": ("content/chronology.yaml", "The chronology: a list of events",
                               ListOf(schema.EVENT)),
    "positions.schema.json": ("content/positions.yaml",
                              "The positions: a list of issues, each with every side's stance",
                              ListOf(schema.ISSUE)),
    "sources.schema.json": ("content/sources.yaml", "The sources the facts cite",
                            ListOf(schema.SOURCE)),
    "article.schema.json": ("content/articles/*.md", "An article's front matter",
                            schema.ARTICLE),
    "changes.schema.json": ("content/changes.yaml", "The briefing's changes, in any order",
                            ListOf(schema.CHANGE)),
    "claims.schema.json": ("content/claims.yaml", "Claims: what we know, what is claimed, "
                           "what nobody knows yet", ListOf(schema.CLAIM)),
}


class ById:
    """A translation file of many records: each record's id → its translated fields."""

    def __init__(self, record: Any):
        self.record = record

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": {"pattern": rf"^{SLUG_RE.pattern}$"},
                "additionalProperties": self.record.json_schema()}


TX = schema.TRANSLATIONS
FILES.update({
    "translation-briefing.schema.json": (
        "content/translations/*/briefing.yaml", "A translation of briefing.yaml", TX["briefing"]),
    "translation-actor.schema.json": (
        "content/translations/*/actors/*.yaml", "A translation of an actor", TX["actor"]),
    "translation-chronology.schema.json": (
        "content/translations/*/chronology.yaml",
        "A translation of the chronology: each event's id → its translated fields",
        ById(TX["event"])),
    "translation-positions.schema.json": (
        "content/translations/*/positions.yaml",
        "A translation of the positions: each issue's id → its translated fields",
        ById(TX["issue"])),
    "translation-sources.schema.json": (
        "content/translations/*/sources.yaml",
        "A translation of the sources: each source's id → its title", ById(TX["source"])),
    "translation-claims.schema.json": (
        "content/translations/*/claims.yaml",
        "A translation of the claims: each claim's id → its translated fields",
        ById(TX["claim"])),
    "translation-changes.schema.json": (
        "content/translations/*/changes.yaml",
        "A translation of the change log: each change's id → its translated fields",
        ById(TX["change"])),
})


def content_schemas() -> dict[str, dict[str, Any]]:
    out = {}
    for name, (files, title, rule) in FILES.items():
        out[name] = {"$schema": DRAFT, "$id": name, "title": title,
                     "description": f"{files}: see docs/content.md", **rule.json_schema()}
    return out


def schema_text(body: dict[str, Any]) -> str:
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in content_schemas().items():
        path = folder / name
        path.write_text(schema_text(body), encoding="utf-8")
        written.append(path)
    return written
