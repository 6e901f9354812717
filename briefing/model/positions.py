"""Where the sides stand: issues with each side's stance (and what it was before), and
claims with who makes them and how they are rated (and how they were)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Loc
from .changes import History
from .dates import PartialDate
from .labels import CLAIM_HEADINGS
from .story import Actor, Event, Quote, Source
from .values import Rich, Side, Tx


@dataclass(frozen=True, slots=True)
class EarlierStance:
    """A position a side stated before its current one."""

    as_of: PartialDate
    position: str
    detail: Rich | None = None
    sources: tuple[Source, ...] = ()
    quote: Quote | None = None
    tx: Tx | None = None


@dataclass(frozen=True, slots=True)
class Stance:
    side: Side
    position: str
    detail: Rich | None = None
    actors: tuple[Actor, ...] = ()
    sources: tuple[Source, ...] = ()
    quote: Quote | None = None
    as_of: PartialDate | None = None  # when last stated or confirmed
    earlier: tuple[EarlierStance, ...] = ()  # newest first
    stale: bool = False  # not confirmed for stale_after_days before the last update
    loc: Loc | None = field(default=None, compare=False, repr=False)
    tx: Tx | None = None


@dataclass(frozen=True, slots=True)
class EarlierStatus:
    as_of: PartialDate
    status: str
    note: str | None = None
    tx: Tx | None = None


@dataclass(frozen=True, slots=True)
class Issue:
    id: str
    issue: str
    # One cell per side of the briefing, in the briefing's order; None: no stated position.
    cells: tuple[tuple[Side, Stance | None], ...]
    summary: Rich | None = None
    status: str | None = None
    as_of: PartialDate | None = None  # when the status was last assessed
    earlier: tuple[EarlierStatus, ...] = ()  # earlier statuses, newest first
    history: History | None = None
    loc: Loc | None = field(default=None, compare=False, repr=False)
    tx: Tx | None = None

    @property
    def stances(self) -> tuple[Stance, ...]:
        return tuple(stance for _, stance in self.cells if stance)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who asserts or contests a claim: an actor, a side, or both; where they said so,
    and their words when quoted (verified like any quote)."""

    source: Source
    actor: Actor | None = None
    side: Side | None = None
    quote: Quote | None = None

    @property
    def party(self) -> Side | None:
        """The side they speak for: the side named, else the actor's."""
        return self.side or (self.actor.side if self.actor else None)


@dataclass(frozen=True, slots=True)
class EarlierRating:
    as_of: PartialDate
    status: str
    note: str
    tx: Tx | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """What we know, what is claimed, what nobody knows yet: a claim and its status."""

    id: str
    claim: str
    status: str  # confirmed, claimed, disputed, false, outdated, open
    note: str
    as_of: PartialDate
    by: tuple[Attribution, ...] = ()
    against: tuple[Attribution, ...] = ()
    sources: tuple[Source, ...] = ()
    issue: Issue | None = None
    earlier: tuple[EarlierRating, ...] = ()  # newest first
    history: History | None = None
    loc: Loc | None = field(default=None, compare=False, repr=False)
    tx: Tx | None = None

    @property
    def heading(self) -> str:
        return CLAIM_HEADINGS[self.status]

    @property
    def side_ids(self) -> str:
        """The sides asserting or contesting it, once each: for the claims filter."""
        sides = dict.fromkeys(a.party.id for a in (*self.by, *self.against) if a.party)
        return " ".join(sides)


@dataclass(frozen=True, slots=True)
class Citations:
    """Everything that cites one source."""

    events: tuple[Event, ...] = ()
    stances: tuple[tuple[Issue, Stance], ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.events or self.stances or self.quotes or self.claims)
