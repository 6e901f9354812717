"""Words for editors: ids made from names, and suggestions for what a mistyped word was
meant to be ("did you mean 'putin'?"). Only valid ids are ever suggested."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .dates import PartialDate

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def N_(text: str) -> str:  # noqa: N802 (gettext's name for it)
    """Marks interface text kept in the model (a status's label) for the catalogs
    (`pybabel extract` finds it); it is translated where it is shown."""
    return text


def closest(word: str, choices: Any) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return close[0] if close else None


def did_you_mean(word: str, choices: Any) -> str:
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


FEW = 5  # choices this few are listed when no one of them is close


def suggest_id(word: str, ids: Any, list_few: bool = True, kind: str = "",
               events: Sequence[dict[str, Any]] = ()) -> str:
    """A suggestion for an id that names nothing: for an event's (`kind`), the event it
    was made from before its date or title changed, if `events` (the records) have one;
    else a near typo ('putn' → 'putin'), else ids sharing a word with it ('erdogan' →
    'recep-tayyip-erdogan'), else, when there are few (and `list_few`), all of them.
    Only valid ids are ever suggested."""
    lost = lost_event_id(word, events) if kind == "event" else ""
    if lost:
        return lost
    valid = sorted(i for i in ids if SLUG_RE.fullmatch(i))
    close = closest(word, valid)
    if close:
        return f" (did you mean '{close}'?)"
    words = {w for w in re.split(r"[^a-z0-9]+", word.lower()) if len(w) >= 3}
    sharing = [i for i in valid if words & set(i.split("-"))]
    if 0 < len(sharing) <= FEW:
        return f" (did you mean {alternatives(quoted(sharing), 'or')}?)"
    if list_few and 0 < len(valid) <= FEW:
        return f" (the choices are {alternatives(quoted(valid), 'and')})"
    return ""


def quoted(items: list[str]) -> list[str]:
    return [f"'{item}'" for item in items]


def alternatives(items: list[str], joiner: str) -> str:
    """'a', 'a or b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"


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
