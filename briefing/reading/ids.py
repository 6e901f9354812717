"""Ids made from names: slugs, an event's id from its date and title, and the id an
edited event most likely had."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..model.dates import PartialDate

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Donald Trump' → 'donald-trump'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def event_ids(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every event record by its id, in file order: the id written, or one made from its
    date and title, unique (the first of a repeated id is kept). A translation keeps the
    original's ids, whatever its titles."""
    explicit: dict[str, dict[str, Any]] = {}
    for v in events:
        if "id" in v:
            explicit.setdefault(v["id"], v)
    taken = set(explicit)
    out = {}
    for v in events:
        if v.get("id") in explicit and explicit[v["id"]] is not v:
            continue  # a repeated id, reported when read
        event_id = v.get("id") or made_id(v, taken)
        taken.add(event_id)
        out[event_id] = v
    return out


def made_id(v: dict[str, Any], taken: set[str]) -> str:
    base = event_slug(v["date"], v["title"])
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@lru_cache(maxsize=1 << 16)
def event_slug(date: PartialDate, title: str) -> str:
    """An event's default id; memoised, since a preview asks again at every save."""
    return f"{date.iso}-{slugify(title)}".strip("-")


CLOSE_TITLE = 0.6  # how alike two titles' slugs are (difflib) to be one title reworded


MADE_ID_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}")


def lost_event_id(missing: str, events: Sequence[dict[str, Any]]) -> str:
    """Why an event id that something names no longer exists, when it looks made from an
    event's date and title and an event without `id:` now has another date or a reworded
    title: where that event is and the `id:` line that gives it back; else ""."""
    found = best_match(missing, [v for v in events if "id" not in v])
    if found is None:
        return ""
    now = {id(v): k for k, v in event_ids(list(events)).items()}.get(id(found), "")
    where = f"{found['loc'].path}:{found['loc'].line}"
    keep = f"add 'id: {missing}' to it to keep its id (and its translations and anchor)"
    if any(date == found["date"].iso for date, _ in made_id_parts(missing)):
        # the same day: a reworded title, or a typo for today's id; both are said
        return (f" (did you mean '{now}', the event at {where}? If that event's title "
                f"changed since, {keep})")
    return (f": the event at {where} (now '{now}') was that id before its date or title "
            f"changed; {keep}")


def best_match(missing: str, events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event `missing` was most likely made from: the same title on another date
    first, then the most alike title on the same date; the first in file order of equals."""
    best, score = None, 0.0
    for v in events:
        date, slug = v["date"].iso, slugify(v["title"])
        for old_date, old_slug in made_id_parts(missing):
            if old_date != date and slug in (old_slug, re.sub(r"-\d+$", "", old_slug)):
                alike = 2.0  # only the date moved
            elif old_date == date:
                alike = difflib.SequenceMatcher(None, old_slug, slug).ratio()
            else:
                continue
            if alike >= CLOSE_TITLE and alike > score:
                best, score = v, alike
    return best


def made_id_parts(event_id: str) -> list[tuple[str, str]]:
    """The (date, title slug) pairs an id made by `event_slug` may have been made from:
    '2025-05-10-talks' is 2025-05-10 and 'talks', or 2025-05 and '10-talks', or ..."""
    parts = []
    for end in (10, 7, 4):
        date, rest = event_id[:end], event_id[end:]
        if MADE_ID_DATE.fullmatch(date) and (rest == "" or rest.startswith("-")):
            parts.append((date, rest[1:]))
    return parts
