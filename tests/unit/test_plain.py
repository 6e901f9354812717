"""What the build cache keeps, as plain JSON (briefing/plain.py): every record read from
content comes back equal and of the very same types; nothing but the listed types is
ever made from a file."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from markupsafe import Markup

from briefing import plain
from briefing.model.dates import Moment
from briefing.problems import Loc
from briefing.reading.fields import INVALID, Written
from briefing.reading.folder import read_content
from tests.helpers.common import SEED, minimal, write_content


def same(a: object, b: object, where: str = "") -> None:
    """Equal, and of the same type all the way down (a Written stays a Written, a Loc a
    Loc, a tuple a tuple), sentinels the same object."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} ≠ {type(b).__name__}"
    if a is INVALID or b is INVALID:
        assert a is b, where
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}.{key}")
        for key, other in zip(a, b, strict=True):
            same(key, other, f"{where} key")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{n}]")
    elif is_dataclass(a):
        for f in fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    else:
        assert a == b, where
        if isinstance(a, Written):
            assert a.raw == b.raw, where


def with_mistakes(tmp_path: Path) -> Path:
    files = minimal()
    files["actors/bob.yaml"] = {"name": "Bob", "side": "north", "colour": "red"}  # 2 errors
    files["actors/cy.yaml"] = "name: Cy\nrole: Envoy\nside: south\nsummary: |\n  Cy.\n"
    files["chronology.yaml"] += [{"date": "2026-02-30", "title": "No such day",
                                  "actors": ["ana"], "sources": ["report"]}]
    files["changes.yaml"] = [
        {"id": "one", "at": "2026-03-12T09:30+03:00", "kind": "correction",
         "summary": "Fixed.", "was": "Wrong.", "affects": ["actor:ana", "briefing"]},
        {"id": "two", "at": "2026-03-13T07:00Z", "kind": "update", "summary": "More.",
         "affects": ["event:nowhere"]}]
    return write_content(tmp_path, files)


@pytest.mark.parametrize("where", ["seed", "mistakes"])
def test_records_read_from_content_come_back_as_they_were(where, tmp_path):
    content = SEED if where == "seed" else with_mistakes(tmp_path)
    records = read_content(content, [])
    assert records.translations or where == "mistakes"
    if where == "mistakes":
        assert records.problems and records.rejected and records.changes
        assert any(isinstance(c["at"], Moment) and c["at"].time for c in records.changes)
        assert any(isinstance(a.get("summary"), Written) for a in records.actors.values())
    kept = [("content/x.yaml", -1, records), ("content/y.yaml", 2, (records, {"a", "b"}))]
    same(plain.loads(plain.dumps(kept)), kept)


def test_values_json_writes_differently_keep_their_type():
    value = {"~t": 1, "plain": ["a"], ("a", 1): {2: None}, Loc("p", 1, 2): b"\x00\xff",
             "moment": Moment(dt.date(2026, 3, 12),
                              dt.time(9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))), "x"),
             "markup": Markup("<b>kept as it is</b>"), "text": "\ud800 lone", "set": {1, 2},
             "places": {"a": Loc("p", 1, 2), "b": Loc("p", 3, 4)},
             "elsewhere": {"a": Loc("p", 1, 2), "b": Loc("q", 3, 4)}, "none": {}}
    data = plain.dumps(value)
    assert data.isascii() and b'{"~l":["p","a",1,2,"b",3,4]}' in data
    same(plain.loads(data), value)


def test_only_the_listed_types_are_made_from_a_file():
    named = b'{"~os.system":"touch marker"}'  # a name is not a tag: it stays a dict
    assert plain.loads(named) == {"~os.system": "touch marker"}
    assert plain.loads(b'{"~L":["a",1,2],"~t":[]}') == {"~L": ["a", 1, 2], "~t": []}
    for broken in (b"", b"\x80pickle", b'{"~b":"not hex"}', b'{"~D":[1,2,3,4]}',
                   b'{"~d":[[[1],2]]}', b'{"~l":["p","a",1]}', b"[" * 100_000):
        with pytest.raises(ValueError):
            plain.loads(broken)
    with pytest.raises(TypeError, match="cannot keep a"):
        plain.dumps([Path("x")])
    assert json.loads(plain.dumps({"a": [1, "b"]})) == {"a": [1, "b"]}  # plain JSON
