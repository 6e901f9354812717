"""Suggestions for what a mistyped word was meant to be ("did you mean 'putin'?").
Only valid ids are ever suggested."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from .ids import SLUG_RE, lost_event_id

# Where the ids of each kind are declared, for a reference to an unknown one.
DECLARED_IN = {"side": "among the sides in briefing.yaml", "actor": "in content/actors/",
               "event": "in chronology.yaml", "issue": "in positions.yaml",
               "claim": "in claims.yaml", "source": "in sources.yaml",
               "article": "in content/articles/"}


def unknown_id(kind: str, id_: str, hint: str) -> str:
    """The message for a reference to an id that no record of its kind has."""
    return f"unknown {kind} '{id_}': there is none {DECLARED_IN[kind]}{hint}"


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
