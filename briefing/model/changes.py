"""Changes and corrections as readers see them: what a change log entry affects, and
a record's history of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Loc
from .dates import Moment
from .labels import CHANGE_LABELS, FLAGGED
from .values import Tx


@dataclass(frozen=True, slots=True)
class Affected:
    """An item a change touched, as the change log names it: by its name or title, with
    its place in the site; an item since withdrawn keeps its id and has no place."""

    kind: str  # briefing, actor, event, issue, claim, source, article
    id: str
    label: str
    url: str | None
    lang: str | None = None  # the label's language, where a translation lacks it

    @property
    def key(self) -> str:
        return "briefing" if self.kind == "briefing" else f"{self.kind}:{self.id}"


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of changes.yaml: an editorial change to the briefing."""

    id: str
    at: Moment
    kind: str
    summary: str
    was: str | None = None
    affects: tuple[Affected, ...] = ()
    # keys of what it brings into the briefing, sorted: a set's order would differ from
    # run to run, and pages are compared across runs by their pickled bytes (cache.py)
    adds: tuple[str, ...] = ()
    minor: bool = False
    loc: Loc | None = field(default=None, compare=False, repr=False)
    tx: Tx | None = None

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.kind]

    @property
    def is_note(self) -> bool:
        """Corrections, clarifications and withdrawals say what the briefing said."""
        return self.kind != "update"


@dataclass(frozen=True, slots=True)
class History:
    """What the change log says of one item: what a reader sees where it is shown."""

    key: str  # 'actor:putin', 'briefing'
    changes: tuple[Change, ...]  # oldest first; minor ones too

    @property
    def announced(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.minor)

    @property
    def latest(self) -> Change | None:
        """The latest change that moves a date (not minor): data-changed, lastmod."""
        announced = self.announced
        return announced[-1] if announced else None

    @property
    def added(self) -> Change | None:
        return next((c for c in self.changes if self.key in c.adds), None)

    @property
    def updated(self) -> Change | None:
        """The latest announced change after the one adding the item, if any."""
        latest, added = self.latest, self.added
        return None if latest is None or latest is added else latest

    @property
    def notes(self) -> tuple[Change, ...]:
        """Corrections, clarifications and withdrawals, newest first: never hidden."""
        return tuple(c for c in reversed(self.changes) if c.is_note)

    @property
    def flagged(self) -> tuple[Change, ...]:
        return tuple(c for c in self.notes if c.kind in FLAGGED)

    def note_id(self, change: Change) -> str:
        """The anchor of a note where the item is shown ('note-fix-1-event-talks')."""
        return f"note-{change.id}-{self.key.replace(':', '-')}"
