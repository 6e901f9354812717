"""The briefing's own history: changes.yaml checked and linked to what it affects, each
item's history, the one 'last updated' day, and positions' dates (stale stances).

Items are made after their histories (an item carries its own), so what a change may
affect is known here from the records: every item's key ('event:2025-05-16-talks'),
with its name or title and its place in the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.changes import Affected, Change, History
from ..model.dates import Moment, PartialDate
from ..problems import Loc, Problem
from ..reading.fields import Ref
from ..reading.schema import NEEDS_WAS
from ..reading.suggestions import suggest_id, unknown_id

STALE_AFTER_DAYS = 30  # the contract's default for stale_after_days
# Ids the changes page uses for itself: a change's anchor may not take them.
RESERVED = frozenset({"main", "changes", "minor"})


@dataclass(frozen=True, slots=True)
class Item:
    """Something a change can affect: what the change log calls it, where it is, and the
    language its name is in when a translation's page shows it untranslated."""

    label: str
    url: str
    lang: str | None = None


# Each kind of item: the field that names it, and its place in the site.
ITEM_FIELDS = {"actor": ("name", "actors/{}/"), "event": ("title", "chronology/#{}"),
               "issue": ("issue", "positions/#issue-{}"),
               "source": ("title", "sources/#source-{}"), "article": ("title", "articles/{}/"),
               "claim": ("claim", "claims/#{}")}


def item_of(v: dict[str, Any], name: str, url: str) -> Item:
    """An item from its record: its name, its place, and the language its name is in
    when a translation leaves it in the original's."""
    tx = v.get("tx")
    return Item(v[name], url, tx.shows(name) if tx else None)


class Items:
    """Every item of the briefing by key ('actor:putin'), from the records (before the
    model is made), each made when a change names it: a large briefing has tens of
    thousands of items, made again at each of the preview's rebuilds, and its changes
    name few of them. A kind's index is made on its first use; where an id is repeated
    (reported when read) the last record is the item, as it always was."""

    def __init__(self, records: Any, event_ids: Mapping[str, dict[str, Any]]):
        self.records = records
        tx = records.briefing.get("tx")  # articles: the sources' own words, never so
        self.article_lang = tx.lang if tx else None
        self.indexes: dict[str, Mapping[str, dict[str, Any]]] = {
            "actor": records.actors, "event": event_ids, "article": records.articles}

    def index(self, kind: str) -> Mapping[str, dict[str, Any]]:
        """The records of a kind by id (a list file's made on first use)."""
        if kind not in self.indexes:
            self.indexes[kind] = {v["id"]: v for v in getattr(self.records, f"{kind}s")}
        return self.indexes[kind]

    def get(self, key: str) -> Item | None:
        """The item a change names ('actor:putin'), or None if there is none."""
        if key == "briefing":
            return item_of(self.records.briefing, "title", "")
        kind, _, id_ = key.partition(":")
        v = self.index(kind).get(id_) if kind in ITEM_FIELDS else None
        if v is None:
            return None
        name, url = ITEM_FIELDS[kind]
        if kind == "article":
            return Item(v[name], url.format(id_), self.article_lang)
        return item_of(v, name, url.format(id_))


def link_changes(raw: Iterable[dict[str, Any]], items: Items,
                 known: Mapping[str, set[str]], problems: list[Problem],
                 events: Sequence[dict[str, Any]] = ()
                 ) -> tuple[tuple[Change, ...], dict[str, History]]:
    """(every change, newest first; each item's history by key). Changes with mistakes
    are reported and left out; `events` (the records) tell of an event id that vanished
    when its date or title changed."""
    changes = []
    seen: set[str] = set()
    raw = list(raw)
    # What a withdrawal took away may be named by the changes before it, gone or not.
    withdrawn = {key(r) for v in raw if v["kind"] == "withdrawal" for r in v["affects"]}
    for v in raw:
        if v["id"] in seen:  # a repeated id was reported when read
            continue
        seen.add(v["id"])
        change = make_change(v, items, known, withdrawn, problems, events)
        if change is not None:
            changes.append(change)
    changes.sort(key=lambda c: (c.at.sort_key, c.id), reverse=True)
    by_item: dict[str, list[Change]] = {}
    for change in reversed(changes):  # oldest first
        for item in dict.fromkeys([a.key for a in change.affects]):
            by_item.setdefault(item, []).append(change)
    return tuple(changes), {k: History(k, tuple(v)) for k, v in by_item.items()}


def make_change(v: dict[str, Any], items: Items, known: Mapping[str, set[str]],
                withdrawn: set[str], problems: list[Problem],
                events: Sequence[dict[str, Any]] = ()) -> Change | None:
    before = len(problems)
    loc: Loc = v["loc"]
    if v["id"] in RESERVED:
        problems.append(v["locs"]["id"].error(
            f"the id '{v['id']}' is taken by the changes page itself: choose another"))
    if v["kind"] in NEEDS_WAS and "was" not in v:
        problems.append(loc.error(f"a {v['kind']} says what the briefing said before: add "
                                  "'was' with the earlier text"))
    if "was" in v and v["kind"] not in NEEDS_WAS:
        problems.append(v["locs"]["was"].warning(
            "'was' is shown only for corrections, clarifications and withdrawals: make "
            "this one of those, or leave 'was' out"))
    if v.get("minor") and v["kind"] in ("correction", "withdrawal"):
        problems.append(v["locs"]["minor"].error(
            f"a {v['kind']} is never minor: readers are always told of it"))
    if not v["affects"]:
        problems.append(v["locs"]["affects"].error(
            "'affects' names nothing: a change affects at least one thing (briefing, or "
            "kind:id)"))
    refs: dict[str, Ref] = {}
    for ref in (*v["affects"], *v.get("adds", ())):  # what it adds, it affects too
        refs.setdefault(key(ref), ref)
    affected = tuple(affects(ref, items, known, key(ref) in withdrawn, problems, events)
                     for ref in refs.values())
    if len(problems) > before and any(p.severity == "error" for p in problems[before:]):
        return None
    return Change(v["id"], v["at"], v["kind"], v["summary"], v.get("was"), affected,
                  tuple(sorted({key(r) for r in v.get("adds", ())})), v.get("minor", False), loc,
                  v.get("tx"))


def key(ref: Ref) -> str:
    return "briefing" if ref.kind == "briefing" else f"{ref.kind}:{ref.id}"


def affects(ref: Ref, items: Items, known: Mapping[str, set[str]],
            withdrawn: bool, problems: list[Problem],
            events: Sequence[dict[str, Any]] = ()) -> Affected:
    """What `ref` names; an unknown one is an error, unless a withdrawal took it away
    (the item is gone: the change log keeps its id). An event id made from a date or
    title since changed is told apart: the message gives the `id:` line that keeps it."""
    item = items.get(key(ref))
    if item is not None:
        return Affected(ref.kind, ref.id, item.label, item.url, item.lang)
    ids = known.get(ref.kind, set())
    if not withdrawn and ref.id not in ids:
        hint = suggest_id(ref.id, ids, kind=ref.kind, events=events) or (
            " (if it was taken out, a withdrawal affecting it says so)")
        problems.append(ref.loc.error(unknown_id(ref.kind, ref.id, hint)))
    return Affected(ref.kind, ref.id, ref.id, None)


def last_update(briefing: dict[str, Any], changes: tuple[Change, ...], has_log: bool,
                log_failed: bool, problems: list[Problem]) -> PartialDate | None:
    """The day the briefing was last revised: briefing.yaml's `updated`, or, with a
    change log, the day of its latest change that is not minor (both given: they must
    agree). None when neither says, or when the log has mistakes of its own (changes
    left out for them might have said)."""
    latest = next((c.at for c in changes if not c.minor), None)
    written = briefing.get("updated")
    if latest is not None:
        day = PartialDate(latest.day.year, latest.day.month, latest.day.day)
        if written is not None and written != day:
            problems.append(briefing["locs"]["updated"].error(
                f"'updated' is {written.iso}, but the latest change in changes.yaml is of "
                f"{day.iso}: leave 'updated' out (changes.yaml sets it) or make them agree"))
        return day
    if written is None and log_failed:
        return None  # the log's own mistakes are reported: one mistake, one message
    if written is None:
        why = ("every change in changes.yaml is minor, so none sets it" if has_log else
               "or keep a changes.yaml, whose latest change sets it")
        problems.append(briefing["loc"].error(
            f"missing required field 'updated' in a briefing ({why})"))
    return written


def stale(as_of: PartialDate | None, updated: PartialDate, days: int) -> bool:
    """Whether a position stated on `as_of` has gone unconfirmed for more than `days`
    before the briefing's last update (never the clock)."""
    return as_of is not None and (updated.last_day - as_of.last_day) > dt.timedelta(days)


def check_dates(earlier: Iterable[dict[str, Any]], current: PartialDate | None, what: str,
                problems: list[Problem]) -> None:
    """Earlier positions or statuses come before the current one."""
    for v in earlier:
        if current is not None and v["as_of"].first_day > current.last_day:
            problems.append(v["locs"]["as_of"].error(
                f"an earlier {what} dated {v['as_of'].iso}, after the current one's "
                f"{current.iso}: the current one is the latest"))


def moment_day(moment: Moment) -> PartialDate:
    return PartialDate(moment.day.year, moment.day.month, moment.day.day)
