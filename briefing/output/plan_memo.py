"""What planning remembers from one of the preview's builds to the next.

The linker keeps an unchanged model object from build to build (linker.py), so a
page, card or context made from the very same objects as the last build's is the last
build's own: found by comparing its inputs, mostly by identity, instead of made again
(at 5,000 actors, planning every page took a third of a save's rebuild). The render
memo then finds that page unchanged at once. A build plans once, with an empty memo.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class PlanMemo:
    """Each object planning made, by key ("actor", language prefix, id), with its inputs:
    the last plan's (`last`) and this one's so far (`now`)."""

    last: dict[Hashable, tuple[tuple, Any]] = field(default_factory=dict)
    now: dict[Hashable, tuple[tuple, Any]] = field(default_factory=dict)

    def reuse(self, key: Hashable, inputs: tuple, make: Callable[[], T]) -> T:
        """The last build's object for `key` if it was made from equal inputs (a tuple's
        equality tests each item's identity first: the usual case is quick), else
        make(). Model objects compare by what they show (their place in a file aside,
        which no page shows)."""
        hit = self.last.get(key)
        made = hit[1] if hit is not None and hit[0] == inputs else make()
        self.now[key] = (inputs, made)
        return made

    def done(self) -> None:
        """The plan is complete: what it did not ask for this time is forgotten."""
        self.last, self.now = self.now, {}
