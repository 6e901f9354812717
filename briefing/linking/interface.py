"""What the makers of issues, claims, sources, actors and events (positions.py, claims.py,
story.py) need from the linker (linker.py's `Linker`), declared here so that the arrows
point one way: linker.py calls them, and they know only this interface, never linker.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from ..model.changes import History
from ..model.dates import PartialDate
from ..model.story import Actor, Quote
from ..model.values import Rich
from ..problems import Problem
from ..reading.fields import Ref

T = TypeVar("T")


class Linking(Protocol):
    """Resolving references, rendering Markdown fields and reusing the last build's
    objects, with what the whole briefing sets (its last update, its staleness)."""

    tables: dict[str, dict[str, Any]]  # kind → id → the model object linked so far
    problems: list[Problem]
    histories: dict[str, History]  # 'issue:<id>' → its history
    updated: PartialDate | None  # the briefing's last update
    stale_after: int  # days

    def reuse(self, kind: str, inputs: tuple, make: Callable[[], T]) -> T: ...

    def rich(self, text: str | None) -> Rich | None: ...

    def resolve(self, ref: Ref) -> Any: ...

    def resolve_all(self, refs: Iterable[Ref]) -> tuple: ...

    def make_quote(self, v: dict[str, Any], speaker: Actor | None = None
                   ) -> Quote | None: ...
