"""What the build cache keeps, as plain JSON: reading it back can never run code.

Pickle rebuilds whatever a file names (a crafted one runs code when loaded), so nothing
kept between builds is pickled. Here str, int, float, bool, None, lists and dicts with
text keys are written as JSON writes them; anything else is a one-key object
`{"~tag": fields}`: a tuple, a set, a dict with other keys (or a key starting with
"~"), a dict of places in one file (`places`), bytes, and the project's own types in
KINDS, each by its fields in order (a list, not a dict: smaller and faster to read).
Reading rebuilds a tagged object only into the type its tag names, by its fields (any
other object stays a dict); fields that do not fit mean the value does not decode
(ValueError). JSON's own parser does the reading, and a tagged object is rebuilt as
it is parsed (its `object_hook`): no second walk.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from markupsafe import Markup

from .model.dates import Moment, PartialDate
from .model.values import Rich
from .problems import Loc, Problem
from .reading.fields import INVALID, Invalid, Ref, Written
from .reading.records import Records

NATIVE = frozenset({str, int, float, bool, type(None)})
Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


def by_fields(kind: type) -> tuple[Encode, Decode]:
    """A dataclass as its fields in order, and back by its constructor."""
    names = tuple(f.name for f in fields(kind))
    return (lambda value: [plain(getattr(value, name)) for name in names],
            lambda found: kind(*found))


RECORDS = tuple(f.name for f in fields(Records))


def records_fields(value: Records) -> list:
    """Records by their fields, their sets of ids as lists: a file's Records hold ten
    sets, most of them empty, which as lists are read back with no object of their own
    (they were a quarter of all objects in the files of records)."""
    found = {name: getattr(value, name) for name in RECORDS}
    found["known"] = {kind: list(ids) for kind, ids in value.known.items()}
    found["unreadable"], found["present"] = list(value.unreadable), list(value.present)
    return [plain(found[name]) for name in RECORDS]


def records(found: list) -> Records:
    value = dict(zip(RECORDS, found, strict=True))
    value["known"] = {kind: set(ids) for kind, ids in value["known"].items()}
    value["unreadable"], value["present"] = set(value["unreadable"]), set(value["present"])
    return Records(**value)


def ref(found: list) -> Ref:
    kind, id, path, line, column = found
    return Ref(kind, id, Loc(path, line, column))


def places(value: dict[str, Any]) -> list | None:
    """A dict of places in one file (a record's `locs`: where each of its fields was
    written) as that file, then each key, line and column; None for any other dict.
    A large briefing holds a quarter of a million places: so written, they take a
    third of the room, and are read back with no object of their own to parse."""
    first = next(iter(value.values()), None)
    if type(first) is not Loc:
        return None
    found: list = [first.path]
    for key, loc in value.items():
        if type(loc) is not Loc or loc.path != first.path:
            return None
        found += (key, loc.line, loc.column)
    return found


def from_places(found: list) -> dict[str, Loc]:
    items = iter(found)
    path = next(items)
    triples = zip(items, items, items, strict=True)
    return {key: Loc(path, line, column) for key, line, column in triples}


def moment_fields(value: Moment) -> list:
    return [value.day.isoformat(), value.time.isoformat() if value.time else None,
            value.written]


def moment(found: list) -> Moment:
    day, time, written = found
    return Moment(dt.date.fromisoformat(day), time and dt.time.fromisoformat(time), written)


# The only types a kept value is rebuilt into, by tag: what the build cache holds (the
# records read from content files, Markdown's and articles' HTML).
KINDS: dict[type, tuple[str, Encode, Decode]] = {
    tuple: ("~t", lambda value: items(value), tuple),
    set: ("~s", lambda value: items(value), set),
    bytes: ("~b", bytes.hex, bytes.fromhex),
    Loc: ("~L", list, Loc._make),
    Ref: ("~R", lambda value: [plain(value.kind), plain(value.id), *value.loc], ref),
    Written: ("~W", lambda value: [str(value), value.raw], lambda found: Written(*found)),
    Markup: ("~M", str, Markup),
    Invalid: ("~I", lambda value: 0, lambda found: INVALID),
    PartialDate: ("~D", *by_fields(PartialDate)),
    Moment: ("~m", moment_fields, moment),
    Problem: ("~P", *by_fields(Problem)),
    Rich: ("~H", *by_fields(Rich)),
    Records: ("~r", records_fields, records),
}
DECODERS: dict[str, Decode] = {tag: decode for tag, _, decode in KINDS.values()}
DECODERS["~d"] = dict  # a dict whose keys are not all text: its [key, value] pairs
DECODERS["~l"] = from_places


def plain(value: Any) -> Any:
    """`value` as JSON can write it; a type not in KINDS is a TypeError (a bug: what is
    kept must be listed)."""
    kind = type(value)
    if kind in NATIVE:
        return value
    if kind is list:
        return items(value)
    if kind is dict:
        for key in value:
            if type(key) is not str or key[:1] == "~":
                return {"~d": [[plain(k), plain(v)] for k, v in value.items()]}
        found = places(value)
        if found is not None:
            return {"~l": found}
        return {key: item if type(item) in NATIVE else plain(item)
                for key, item in value.items()}
    found = KINDS.get(kind)
    if found is None:
        raise TypeError(f"the build cache cannot keep a {kind.__qualname__}")
    return {found[0]: found[1](value)}


def items(values: Any) -> list:
    # (most items are text or numbers: no call for them, a third of the time)
    return [item if type(item) in NATIVE else plain(item) for item in values]


def tagged(obj: dict[str, Any]) -> Any:
    """A JSON object as it is parsed: a tagged value rebuilt, any other left as it is
    (a dict of text keys with one key that is a tag is written as pairs, "~d")."""
    if len(obj) == 1:
        for key, found in obj.items():
            decode = DECODERS.get(key)
            if decode is not None:
                return decode(found)
    return obj


def dumps(value: Any) -> bytes:
    # ASCII: written fastest, and a lone surrogate (YAML's "\ud800") is no exception
    return json.dumps(plain(value), separators=(",", ":"), check_circular=False).encode()


def loads(data: bytes) -> Any:
    """The value `dumps` wrote; ValueError for anything else."""
    try:
        return json.loads(data, object_hook=tagged)
    except (TypeError, ValueError, RecursionError) as exc:
        raise ValueError(f"not a kept value: {exc!r}") from None
