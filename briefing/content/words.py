"""Words for editors: ids made from names, and suggestions for what a mistyped word was
meant to be ("did you mean 'putin'?"). Only valid ids are ever suggested."""

from __future__ import annotations

import difflib
import re
import unicodedata
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


def suggest_id(word: str, ids: Any, list_few: bool = True) -> str:
    """A suggestion for an id that names nothing: a near typo ('putn' → 'putin'), else
    ids sharing a word with it ('erdogan' → 'recep-tayyip-erdogan'), else, when there
    are few (and `list_few`), all of them. Only valid ids are ever suggested."""
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
