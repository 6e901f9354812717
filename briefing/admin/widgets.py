"""Each contract field type as a Sveltia CMS widget: the forms at /admin/ are made from
the same field tables the loader reads by (reading/schema.py), so a field added there
appears in the forms with nothing else to write. A type with no widget is an error
(widget() raises), never a field silently left out of the forms."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from ..reading.composite_fields import Field, ListOf, MapOf, Record
from ..reading.fields import FieldType, Markdown, Reference, Slug, Text, Words
from ..reading.scalar_fields import (
    Affected,
    Boolean,
    Choice,
    Count,
    Date,
    Hostname,
    ImageSource,
    Patterned,
    Url,
    When,
)

Widget = dict[str, Any]

# Where each kind of id is picked from: the collection (config.py names them) and, in a
# file holding a list, the list's field ("sources.*.id").
RELATIONS: dict[str, Widget] = {
    "actor": {"collection": "actors", "value_field": "{{slug}}",
              "search_fields": ["name"], "display_fields": ["name"]},
    "side": {"collection": "briefing", "file": "briefing", "value_field": "sides.*.id",
             "search_fields": ["sides.*.name"], "display_fields": ["sides.*.name"]},
    "source": {"collection": "sources", "file": "sources", "value_field": "sources.*.id",
               "search_fields": ["sources.*.title"], "display_fields": ["sources.*.title"]},
    "issue": {"collection": "positions", "file": "positions", "value_field": "issues.*.id",
              "search_fields": ["issues.*.issue"], "display_fields": ["issues.*.issue"]},
    "article": {"collection": "articles", "value_field": "{{slug}}",
                "search_fields": ["title"], "display_fields": ["title"]},
}


# Keys that read as code, in a newsroom's words; any other key is its own label.
LABELS = {"id": "ID", "dek": "Standfirst", "url": "Web address", "src": "Picture",
          "alt": "Description of the picture", "base_url": "Site address",
          "cname": "Custom domain", "at": "Published at", "was": "What it said before",
          "by": "Asserted by", "against": "Contested by", "adds": "Brings in",
          "short": "Short label", "stale_after_days": "Days before a stance is stale"}
# Text fields that hold a sentence or more: a box of several lines.
SENTENCES = frozenset({"dek", "summary", "note", "was", "claim", "position", "description",
                       "context"})


def label(name: str) -> str:
    """A field's label: its key as an editor reads it ("as_of" → "As of")."""
    if name in LABELS:
        return LABELS[name]
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:]


def form_field(name: str, field: Field, sides: tuple[tuple[str, str], ...]) -> Widget:
    """One field of a form: its key, label, hint (the schema's description, unless it
    only repeats the label), whether it is required, and its widget."""
    made: Widget = {"name": name, "label": label(name)}
    made |= widget(field.type, sides)
    if made["widget"] == "string" and "pattern" not in made and name in SENTENCES:
        made["widget"] = "text"
    hint = field.doc[:1].upper() + field.doc[1:]
    if hint and hint.lower() != made["label"].lower():
        made["hint"] = f"{made['hint']} {hint}" if "hint" in made else hint
    made["required"] = field.required
    return made


def record_fields(record: Record, sides: tuple[tuple[str, str], ...]) -> list[Widget]:
    """A record's fields, `id` first: the CMS writes keys in this order, and an id leads
    every list item in the contract's examples."""
    names = sorted(record.fields, key=lambda name: name != "id")
    return [form_field(name, record.fields[name], sides) for name in names]


def pattern(kind: FieldType, message: str) -> Widget:
    """A text field checked by the type's own JSON Schema pattern (ECMAScript, as the CMS
    reads it)."""
    schema = kind.json_schema()
    text = schema.get("pattern") or next(s["pattern"] for s in schema["anyOf"] if "pattern" in s)
    return {"widget": "string", "pattern": [text, message]}


@singledispatch
def widget(kind: FieldType, sides: tuple[tuple[str, str], ...]) -> Widget:
    raise TypeError(f"no widget for {type(kind).__name__}: add one to admin/widgets.py")


@widget.register
def _text(kind: Text, sides):
    return {"widget": "string"}


@widget.register
def _words(kind: Words, sides):
    return {"widget": "text"}


@widget.register
def _markdown(kind: Markdown, sides):
    # Briefing's Markdown passes no raw HTML and shows no pictures: plain formatting only.
    return {"widget": "markdown", "editor_components": [],
            "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list", "quote"]}


@widget.register
def _slug(kind: Slug, sides):
    return pattern(kind, "Lower-case letters, digits and single hyphens, e.g. "
                   "ceasefire-talks")


@widget.register
def _reference(kind: Reference, sides):
    return {"widget": "relation", **RELATIONS[kind.kind]}


@widget.register
def _date(kind: Date, sides):
    if kind.day_only:
        return pattern(kind, "A full date, YYYY-MM-DD (e.g. 2025-05-11)") | {
            "hint": "YYYY-MM-DD."}
    return pattern(kind, "A date: YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-05 or "
                   "2025-05-11)") | {"hint": "YYYY, YYYY-MM or YYYY-MM-DD: as precise as "
                                     "the source is."}


@widget.register
def _when(kind: When, sides):
    return pattern(kind, "A day (2025-05-16) or a time with its offset "
                   "(2025-05-16T09:30+03:00)") | {"hint": "YYYY-MM-DD, or "
                                                  "YYYY-MM-DDTHH:MM with its offset."}


@widget.register
def _affected(kind: Affected, sides):
    return pattern(kind, "briefing, or kind:id, e.g. event:talks-open or actor:zelensky")


@widget.register
def _count(kind: Count, sides):
    return {"widget": "number", "value_type": "int", "min": 1}


@widget.register
def _boolean(kind: Boolean, sides):
    return {"widget": "boolean"}


@widget.register
def _choice(kind: Choice, sides):
    # Shown as words ("Far apart"), written as the contract's values ("far-apart").
    return {"widget": "select", "options": [
        {"label": label(choice.replace("-", " ")), "value": choice} for choice in kind.choices]}


@widget.register
def _image(kind: ImageSource, sides):
    return {"widget": "image"}


@widget.register(Patterned)
@widget.register(Url)
@widget.register(Hostname)
def _patterned(kind: Text, sides):
    """A text the type checks by its pattern, said in the type's own words."""
    return pattern(kind, kind.expected[:1].upper() + kind.expected[1:])


@widget.register
def _record(kind: Record, sides):
    return {"widget": "object", "fields": record_fields(kind, sides)}


@widget.register
def _list(kind: ListOf, sides):
    item = kind.item
    if isinstance(item, Reference):
        return widget(item, sides) | {"multiple": True}
    if isinstance(item, Record):
        return {"widget": "list", "fields": record_fields(item, sides)}
    return {"widget": "list", "field": {"name": "item", "label": "Item", **widget(item, sides)}}


@widget.register
def _map(kind: MapOf, sides):
    """A map keyed by side id (a stance per side): one optional group per side of
    briefing.yaml, since the forms cannot make keys from another file's ids."""
    if kind.key_kind != "side":
        raise TypeError(f"no widget for a map keyed by {kind.key_kind}")
    return {"widget": "object", "fields": [
        {"name": side, "label": name, "widget": "object", "required": False,
         "collapsed": True, **{"fields": widget(kind.value, sides)["fields"]}}
        for side, name in sides]}

