"""Read YAML nodes by the contract's field types, reporting every mistake at its spot.

The field tables in schema.py declare each kind of record once; this module turns a
node into plain values (str, PartialDate, Ref, lists, dicts) or reports why it can't.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import yaml

from ..model.dates import parse_date, parse_moment
from ..problems import Loc, Problem
from ..reading import media
from .characters import ERRORS as INVISIBLE_ERRORS
from .ids import SLUG_RE, slugify
from .suggestions import closest, did_you_mean, suggest_id

LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
NULL_TAG = "tag:yaml.org,2002:null"
class Invalid:
    """A value that was reported and must not be used: one object, also once pickled
    (records read in another process come back pickled)."""

    def __reduce__(self) -> str:
        return "INVALID"


INVALID: Any = Invalid()


class Ref(NamedTuple):
    """A reference to a side, actor, source or article by id, resolved once all are read.
    (A named tuple, like Loc: many are made, and read records are pickled.)"""

    kind: str
    id: str
    loc: Loc


class Reader:
    """Reads one file's nodes; problems go to the shared list."""

    def __init__(self, shown: str, problems: list[Problem],
                 rejected: list[dict[str, Any]] | None = None,
                 markdown: list[str] | None = None):
        self.shown = shown
        self.problems = problems
        # What was readable of records dropped for their mistakes: their references
        # are still checked, so that a build reports every mistake at once.
        self.rejected = [] if rejected is None else rejected
        self.markdown = [] if markdown is None else markdown  # every Markdown text read

    def loc(self, node: yaml.Node) -> Loc:
        return Loc(self.shown, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node, message: str) -> Any:
        self.problems.append(self.loc(node).error(message))
        return INVALID

    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def shape(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a set of fields"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "empty" if is_null(node) else f"'{node.value}'"


CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Not blank, no control character (CONTROL_RE) nor invisible one that is an error
# (characters.py: yamlsource reports them), in a regex both JSON Schema and Python read.
TEXT_PATTERN = (r"^(?=[\s\S]*\S)[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f"
                + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in INVISIBLE_ERRORS) + "]*$")


class Written(str):
    """Text as read, trimmed, that YAML loaded with blanks around it (a `|` block's final
    newline): `raw` keeps the string exactly as loaded, which translations' hashes are
    made from (the contract's rule). Most text is loaded as it is read: a plain str."""

    raw: str

    def __new__(cls, value: str, raw: str) -> Written:
        text = super().__new__(cls, value)
        text.raw = raw
        return text

    def __reduce__(self):  # records read in another process come back pickled
        return Written, (str(self), self.raw)


def as_loaded(text: str) -> str:
    """A text field's string exactly as YAML loaded it."""
    return getattr(text, "raw", text)


class FieldType:
    """A contract type: how to read a node, and what the error says it should be."""

    expected = "a value"

    def read(self, node: yaml.Node, r: Reader, name: str) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """The same rule as JSON Schema, for editors' YAML language servers (schemas.py).
        It checks a value's shape; ids that exist and calendar days are the loader's."""
        raise NotImplementedError


class Text(FieldType):
    expected = "plain text"

    def read(self, node, r, name):
        if not isinstance(node, yaml.ScalarNode):
            return r.error(node, f"'{name}' must be {self.expected}, not {shape(node)}")
        value = node.value.strip()
        if not value:
            return r.error(node, f"'{name}' is empty")
        if CONTROL_RE.search(value):  # only as escapes ("\x1f"): invalid in HTML
            return r.error(node, f"'{name}' has a control character; remove it")
        if value != node.value:
            value = Written(value, node.value)
        return self.convert(value, node, r, name)

    def convert(self, value: str, node: yaml.Node, r: Reader, name: str) -> Any:
        return value

    def json_schema(self):
        # Any scalar is text (`role: 1984`, `name: yes`): YAML's own types do not apply.
        return {"anyOf": [{"type": "string", "pattern": TEXT_PATTERN},
                          {"type": ["number", "boolean"]}]}


OPENING_MARKS = "\"'“‘„‚«‹「『"
CLOSING_MARKS = "\"'”’“‘»›」』"
# Text wrapped in quote marks, as JSON Schema and Python both read it.
QUOTED_PATTERN = f"^\\s*[{OPENING_MARKS}][\\s\\S]*[{CLOSING_MARKS}]\\s*$"


class Words(Text):
    """A quote's exact words: the site sets them in quote marks of its own."""

    expected = "the exact words, without quote marks"

    def convert(self, value, node, r, name):
        if len(value) > 1 and value[0] in OPENING_MARKS and value[-1] in CLOSING_MARKS:
            return r.error(node, f"'{name}' is written in quote marks ({value[0]}…"
                           f"{value[-1]}): leave out the quote marks; the site adds them")
        return value

    def json_schema(self):
        text, other = super().json_schema()["anyOf"]
        return {"anyOf": [{**text, "not": {"pattern": QUOTED_PATTERN}}, other]}


class Markdown(Text):
    expected = "text (Markdown)"

    def convert(self, value, node, r, name):
        r.markdown.append(value)  # rendered before linking, on every core (linker.py)
        return value


class Date(Text):
    expected = "a date (YYYY, YYYY-MM or YYYY-MM-DD)"

    def __init__(self, day_only: bool = False):
        self.day_only = day_only

    def convert(self, value, node, r, name):
        date, why = parse_date(value)
        if date is None:
            return r.error(node, f"'{name}': '{value}' {why}")
        if self.day_only and date.precision != "day":
            return r.error(node, f"'{name}' must be a full date, YYYY-MM-DD (e.g. 2025-05-11)")
        return date

    def json_schema(self):
        year, month, day = r"[1-9]\d{3}", r"(0[1-9]|1[0-2])", r"(0[1-9]|[12]\d|3[01])"
        if self.day_only:
            return {"type": "string", "pattern": rf"^\s*{year}-{month}-{day}\s*$"}
        return {"anyOf": [{"type": "string", "pattern": rf"^\s*{year}(-{month}(-{day})?)?\s*$"},
                          {"type": "integer", "minimum": 1000, "maximum": 9999}]}


class When(Text):
    """A change's `at`: a day, or a time with its offset (dates.Moment)."""

    expected = "a day (2025-05-16) or a time with its offset (2025-05-16T09:30+03:00)"

    def convert(self, value, node, r, name):
        moment, why = parse_moment(value)
        return moment if moment is not None else r.error(node, f"'{name}': '{value}' {why}")

    def json_schema(self):
        day = r"[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
        time = r"T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-](0\d|1[0-4]):[0-5]\d)"
        return {"type": "string", "pattern": rf"^\s*{day}({time})?\s*$"}


AFFECTABLE = ("actor", "event", "issue", "claim", "source", "article")


class Affected(Text):
    """What a change touched: `briefing`, or `kind:id` (`event:2025-05-16-talks`)."""

    expected = "briefing, or kind:id (actor, event, issue, claim, source or article)"

    def read(self, node, r, name):
        if (isinstance(node, yaml.MappingNode) and len(node.value) == 1
                and all(isinstance(n, yaml.ScalarNode) for n in node.value[0])):
            kind, item = (n.value for n in node.value[0])  # `[actor: ana]` is a mapping
            return r.error(node, f"'{name}': write '{kind}:{item}' with no space after the "
                           "':' (with one, YAML reads a field and its value)")
        return super().read(node, r, name)

    def convert(self, value, node, r, name):
        if value == "briefing":
            return Ref("briefing", "briefing", r.loc(node))
        kind, colon, item = value.partition(":")
        kind, item = kind.strip(), item.strip()
        if not colon or kind not in AFFECTABLE:
            guess = closest(kind, AFFECTABLE) if colon else None
            hint = (f" (did you mean '{guess}:{item}'?)" if guess
                    else " (did you mean 'briefing'?)" if closest(value, ["briefing"]) else "")
            return r.error(node, f"'{name}': '{value}' is not something a change can "
                           f"affect: write briefing, or kind:id with a kind of "
                           f"{', '.join(AFFECTABLE)}{hint}")
        if not SLUG_RE.fullmatch(item):
            fixed = slugify(item)
            hint = f" (did you mean '{kind}:{fixed}'?)" if fixed else ""
            return r.error(node, f"'{name}': '{item}' in '{value}' is not an id: use "
                           f"lower-case letters, digits and single hyphens{hint}")
        return Ref(kind, item, r.loc(node))

    def json_schema(self):
        return {"type": "string", "pattern": rf"^\s*(briefing|({'|'.join(AFFECTABLE)})\s*:"
                rf"\s*{SLUG_RE.pattern})\s*$"}


class Count(Text):
    expected = "a whole number, 1 or more"

    def convert(self, value, node, r, name):
        if value.isdigit() and value.isascii() and int(value) >= 1:
            return int(value)
        return r.error(node, f"'{name}' must be {self.expected}, not '{value}'")

    def json_schema(self):
        return {"type": "integer", "minimum": 1}


class Boolean(Text):
    expected = "true or false"

    def convert(self, value, node, r, name):
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        return r.error(node, f"'{name}' must be true or false, not '{value}'")

    def json_schema(self):
        return {"type": "boolean"}


class Slug(Text):
    expected = "an id (lower-case letters, digits and hyphens)"

    def convert(self, value, node, r, name):
        if SLUG_RE.fullmatch(value):
            return value
        hint = slugify(value)
        hint = f" (did you mean '{hint}'?)" if hint else ""
        return r.error(node, f"'{name}': '{value}' is not an id: use lower-case letters, "
                       f"digits and single hyphens{hint}")

    def json_schema(self):
        return {"anyOf": [{"type": "string", "pattern": rf"^\s*{SLUG_RE.pattern}\s*$"},
                          {"type": "integer", "minimum": 0}]}


class Reference(Slug):
    def __init__(self, kind: str):
        self.kind = kind
        self.expected = f"the id of a {kind}"

    def convert(self, value, node, r, name):
        value = super().convert(value, node, r, name)
        return value if value is INVALID else Ref(self.kind, value, r.loc(node))


class Url(Text):
    expected = "an http(s) URL"

    def convert(self, value, node, r, name):
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"\s", value):
            return value
        return r.error(node, f"'{name}' must be a web address starting with https:// or "
                       f"http://, not '{value}'")

    def json_schema(self):
        return {"type": "string", "pattern": r"^\s*https?://[^\s/?#]+[^\s]*\s*$"}


class ImageSource(Text):
    """A picture in content/ or on an https host (media.py says which and why)."""

    expected = "a path inside content/ or an https URL"

    def convert(self, value, node, r, name):
        why = media.source_problem(value)
        return r.error(node, f"'{name}' {why}") if why else value

    def json_schema(self):
        return {"type": "string", "pattern": rf"^\s*(?:{media.LOCAL}|{media.REMOTE})\s*$"}


class Hostname(Text):
    expected = "a domain name such as briefing.example.org"

    def convert(self, value, node, r, name):
        if re.fullmatch(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}",
                        value.lower()):
            return value.lower()
        return r.error(node, f"'{name}' must be {self.expected} (no https://, no path), "
                       f"not '{value}'")

    def json_schema(self):
        return {"type": "string", "pattern": r"^\s*(?=.{1,253}\s*$)([A-Za-z0-9]([A-Za-z0-9-]"
                r"{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\s*$"}


class Choice(Text):
    def __init__(self, *choices: str):
        self.choices = choices
        self.expected = "one of " + ", ".join(choices)

    def convert(self, value, node, r, name):
        if value in self.choices:
            return value
        return r.error(node, f"'{name}' must be {self.expected}, not '{value}'"
                       f"{suggest_id(slugify(value) or value, self.choices, list_few=False)}")

    def json_schema(self):
        return {"enum": list(self.choices)}


class Language(Text):
    expected = "a language tag such as en, uk or pt-BR"

    def convert(self, value, node, r, name):
        if LANGUAGE_RE.fullmatch(value):
            return value
        return r.error(node, f"'{name}' must be {self.expected}, not '{value}'")

    def json_schema(self):
        return {"type": "string", "pattern": rf"^\s*{LANGUAGE_RE.pattern}\s*$"}


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
