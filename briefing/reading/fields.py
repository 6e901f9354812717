"""Read YAML nodes by the contract's field types, reporting every mistake at its spot.

The field tables in schema.py declare each kind of record once; this module turns a
node into plain values (str, PartialDate, Ref, lists, dicts) or reports why it can't.
Here: the reader, text and ids; text read as a typed value (a date, a URL, …) is in
scalar_fields.py, fields that hold others (lists, records, maps) in composite_fields.py.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml

from ..problems import Loc, Problem
from .characters import ERRORS as INVISIBLE_ERRORS
from .ids import SLUG_RE, slugify

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
