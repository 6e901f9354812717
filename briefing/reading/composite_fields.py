"""Field types that hold others: a list of one type, a record of declared fields (the
required and unknown ones checked, did-you-mean), a map from ids to records, and a
translation's hashes of the texts it was translated from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..problems import Loc
from .fields import INVALID, FieldType, Markdown, Reader, Ref, Reference, is_null, shape
from .ids import SLUG_RE
from .suggestions import closest, did_you_mean


class ListOf(FieldType):
    def __init__(self, item: FieldType, gaps: bool = False):
        self.item = item
        self.gaps = gaps  # an empty item is None (a translation's not yet translated)
        self.expected = f"a list of {item.expected}"

    def read(self, node, r, name):
        if not isinstance(node, yaml.SequenceNode):
            example = f"[{node.value}]" if isinstance(node, yaml.ScalarNode) else "a list"
            return r.error(node, f"'{name}' must be a list: write {example}, or one '- ' "
                           "line per item")
        values = [None if self.gaps and is_null(child) else self.item.read(child, r, name)
                  for child in node.value]
        return INVALID if INVALID in values else tuple(values)

    def json_schema(self):
        item = self.item.json_schema()
        if self.gaps:
            item = {"anyOf": [*item.get("anyOf", [item]), {"type": "null"}]}
        return {"type": "array", "items": item}


@dataclass(frozen=True, slots=True)
class Field:
    type: FieldType
    required: bool = False
    doc: str = ""


class Record(FieldType):
    """A mapping with declared fields: required and unknown ones are checked here."""

    def __init__(self, what: str, fields: dict[str, Field]):
        self.what = ("an " if what[0] in "aeiou" else "a ") + what  # "an actor", "a quote"
        self.fields = fields
        self.expected = f"{self.what}: a set of 'field: value' lines"

    def read(self, node, r, name):
        if not isinstance(node, yaml.MappingNode):
            return r.error(node, f"'{name}' must be {self.expected}, not {shape(node)}")
        return self.read_fields(node, r)

    def read_fields(self, node: yaml.MappingNode, r: Reader) -> dict[str, Any] | Any:
        before = r.errors()
        values: dict[str, Any] = {"loc": r.loc(node), "locs": {}}
        meant: set[str] = set()  # fields that a misspelt key was probably meant to be
        for key, value in node.value:
            field = self.fields.get(key.value)
            if field is None:
                if close := closest(key.value, self.fields):
                    meant.add(close)
                r.error(key, f"unknown field '{key.value}' in {self.what}"
                        f"{did_you_mean(key.value, self.fields)}")
            elif is_null(value):
                if field.required:
                    r.error(key, f"'{key.value}' is empty")
            else:
                values[key.value] = field.type.read(value, r, key.value)
                values["locs"][key.value] = r.loc(value)
                if isinstance(field.type, ListOf) and field.type.gaps and isinstance(
                        value, yaml.SequenceNode):  # a translation's items: each its own
                    values["locs"].update((f"{key.value}.{n}", r.loc(item))  # place
                                          for n, item in enumerate(value.value))
        written = {key.value for key, _ in node.value}
        for name, field in self.fields.items():
            # A misspelt required field is one mistake: its 'unknown field' line says it.
            if field.required and name not in written and name not in meant:
                r.error(node, f"missing required field '{name}' in {self.what}")
        if r.errors() == before:
            return values
        r.rejected.append(values)
        return INVALID

    def json_schema(self):
        properties = {}
        for name, field in self.fields.items():
            rule = field.type.json_schema()
            if not field.required:  # an optional field may be left empty (`country:`)
                rule = {"anyOf": [*rule.get("anyOf", [rule]), {"type": "null"}]}
            markdown = isinstance(field.type, Markdown) and "Markdown" not in field.doc
            properties[name] = {**rule, "description": field.doc + (
                " (Markdown)" if markdown else "") + ("" if field.required else " (optional)")}
        return {"type": "object", "properties": properties,
                "required": [n for n, f in self.fields.items() if f.required],
                "additionalProperties": False}


class MapOf(FieldType):
    """A mapping from ids (side ids, in positions) to records."""

    def __init__(self, key_kind: str, value: FieldType):
        self.key_kind = key_kind
        self.value = value
        self.expected = f"{key_kind} ids, each with {value.expected}"

    def read(self, node, r, name):
        if not isinstance(node, yaml.MappingNode):
            return r.error(node, f"'{name}' must map {self.expected}, not {shape(node)}")
        out: dict[Ref, Any] = {}
        for key, value in node.value:
            ref = Reference(self.key_kind).read(key, r, name)
            item = self.value.read(value, r, key.value)
            if ref is not INVALID:
                out[ref] = item
        return INVALID if INVALID in out.values() or len(out) < len(node.value) else out

    def json_schema(self):
        return {"type": "object", "propertyNames": {"pattern": rf"^{SLUG_RE.pattern}$"},
                "additionalProperties": self.value.json_schema()}


HASH_RE = re.compile(r"[0-9a-f]{12}")


class Hashes(FieldType):
    """A translation's `translated_from`: each translated field, by its dotted path, to
    the first 12 hex digits of the SHA-256 of the original text it was translated from."""

    expected = "a set of 'field: hash' lines (hashes of 12 hex digits)"

    def read(self, node, r, name):
        if not isinstance(node, yaml.MappingNode):
            return r.error(node, f"'{name}' must be {self.expected}, not {shape(node)}")
        out: dict[str, tuple[str, Loc]] = {}
        for key, value in node.value:
            found = value.value.strip() if isinstance(value, yaml.ScalarNode) else None
            if found is None or not HASH_RE.fullmatch(found):
                shown = f"'{found}'" if found is not None else shape(value)
                r.error(value, f"'{name}': '{key.value}' must be the first 12 hex digits of "
                        f"the original's SHA-256 (e.g. 3f2a9c1b7d0e), not {shown}")
                continue
            out[key.value.strip()] = (found, r.loc(key))
        return out if len(out) == len(node.value) else INVALID

    def json_schema(self):
        return {"type": "object", "additionalProperties": {
            "type": "string", "pattern": rf"^\s*{HASH_RE.pattern}\s*$"}}
