"""The briefing as frozen, typed objects, with its cross-indexes built once.

Templates read only this model. Markdown fields arrive as `Rich` (their source and
their already-safe HTML), so templates never need `|safe`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .changes import Change, History
from .dates import Moment, PartialDate
from .positions import Citations, Claim, Issue, Stance
from .story import Actor, Article, Event, Quote, Source
from .values import Cms, Image, Rich, Side, Tally, Tx


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """Everything the briefing says of one actor, beyond the actor's own file."""

    events: tuple[Event, ...] = ()
    stances: tuple[tuple[Issue, Stance], ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[tuple[Claim, str], ...] = ()  # (claim, "by" or "against")


@dataclass(frozen=True, slots=True)
class Briefing:
    title: str
    summary: Rich
    updated: PartialDate
    sides: tuple[Side, ...]
    actors: tuple[Actor, ...]      # sorted by name
    events: tuple[Event, ...]      # oldest first
    issues: tuple[Issue, ...]      # file order
    sources: tuple[Source, ...]    # file order
    articles: tuple[Article, ...]  # sorted by id
    quotes: tuple[Quote, ...]      # actors' files, then events, then stances
    dek: str | None = None
    language: str = "en"
    key_points: tuple[Rich, ...] = ()
    # None: the interface's own heading, in the page's language ("Where both sides stand")
    positions_title: str | None = None
    base_url: str | None = None
    cname: str | None = None
    share_image: Image | None = None
    changes: tuple[Change, ...] = ()  # newest first
    claims: tuple[Claim, ...] = ()  # file order
    claim_review: bool = False
    cms: Cms | None = None  # the forms at /admin/, when briefing.yaml asks for them
    # A translation: its language's name (in itself), its writing direction, whether a
    # machine made it (said on every page), the original's language; the original holds
    # its translations.
    language_name: str = "English"
    direction: str = "ltr"
    machine: bool = False
    translator: str | None = None
    original_language: str | None = None
    tx: Tx | None = None
    translations: tuple[Briefing, ...] = field(default=(), repr=False)
    tally: Tally | None = field(default=None, repr=False)  # a translation's fields, counted
    tallies: tuple[Tally, ...] = field(default=(), repr=False)  # every language's, offered
    # or not (a language with nothing translated yet is not): for `check`'s table
    history: History | None = None  # the changes affecting `briefing` itself
    stale_after_days: int = 30
    by_actor: Mapping[str, ActorRecord] = field(default_factory=dict, repr=False)
    citations: Mapping[str, Citations] = field(default_factory=dict, repr=False)
    sources_by_id: Mapping[str, Source] = field(default_factory=dict, repr=False)
    claims_by_issue: Mapping[str, tuple[Claim, ...]] = field(default_factory=dict, repr=False)
    actors_by_side: tuple[tuple[Side | None, tuple[Actor, ...]], ...] = ()

    @property
    def prefix(self) -> str:
        """Where its pages are: "" for the original, "uk/" for a translation."""
        return f"{self.language}/" if self.original_language else ""

    def record(self, actor: Actor) -> ActorRecord:
        return self.by_actor.get(actor.id, ActorRecord())

    @property
    def announced(self) -> tuple[Change, ...]:
        """The changes that are announced and move dates (not minor), newest first."""
        return tuple(c for c in self.changes if not c.minor)

    @property
    def modified(self) -> Moment | None:
        """The one 'last updated' moment: the latest change that is not minor."""
        announced = self.announced
        return announced[0].at if announced else None

    @property
    def published(self) -> Moment | None:
        """The first change: when the briefing was first published."""
        return self.changes[-1].at if self.changes else None

    def cited_by(self, source: Source) -> Citations:
        return self.citations.get(source.id, Citations())


# Each source's citations as they are found: (events, stances, quotes, claims).
Cites = dict[str, tuple[list, list, list, list]]


def cross_index(briefing: Briefing) -> Briefing:
    """The briefing with its reverse indexes, built in one pass over each kind of what
    cites what. Each is listed once even if named twice; by id, as hashing model objects
    is deep."""
    cites: Cites = {s.id: ([], [], [], []) for s in briefing.sources}
    events = index_events(briefing, cites)
    stances = index_stances(briefing, cites)
    quotes = index_quotes(briefing, cites)
    claims, by_issue = index_claims(briefing, cites)
    by_actor = {a.id: ActorRecord(tuple(events.get(a.id, ())), tuple(stances.get(a.id, ())),
                                  tuple(quotes.get(a.id, ())), tuple(claims.get(a.id, ())))
                for a in briefing.actors}
    groups: dict[Side | None, list[Actor]] = {side: [] for side in (*briefing.sides, None)}
    for actor in briefing.actors:
        groups[actor.side].append(actor)
    return replace(
        briefing,
        by_actor=MappingProxyType(by_actor),
        citations=MappingProxyType({k: Citations(*map(tuple, v)) for k, v in cites.items()}),
        sources_by_id=MappingProxyType({s.id: s for s in briefing.sources}),
        claims_by_issue=MappingProxyType({k: tuple(v) for k, v in by_issue.items()}),
        actors_by_side=tuple((side, tuple(group)) for side, group in groups.items() if group),
    )


def index_events(briefing: Briefing, cites: Cites) -> dict[str, list[Event]]:
    """Each actor's events; each event noted where it cites a source."""
    events: dict[str, list[Event]] = {}
    for event in briefing.events:
        for actor_id in dict.fromkeys(a.id for a in event.actors):
            events.setdefault(actor_id, []).append(event)
        for source_id in dict.fromkeys(s.id for s in event.sources):
            cites[source_id][0].append(event)
    return events


def index_stances(briefing: Briefing, cites: Cites) -> dict[str, list[tuple[Issue, Stance]]]:
    """Each actor's stances; each stance noted where it (or an earlier one) cites."""
    stances: dict[str, list[tuple[Issue, Stance]]] = {}
    for issue in briefing.issues:
        for stance in issue.stances:
            for actor_id in dict.fromkeys(a.id for a in stance.actors):
                stances.setdefault(actor_id, []).append((issue, stance))
            cited = [s.id for said in (stance, *stance.earlier) for s in said.sources]
            for source_id in dict.fromkeys(cited):
                cites[source_id][1].append((issue, stance))
    return stances


def index_quotes(briefing: Briefing, cites: Cites) -> dict[str, list[Quote]]:
    """Each speaker's quotes; each quote noted at its source."""
    quotes: dict[str, list[Quote]] = {}
    for quote in briefing.quotes:
        if quote.speaker:
            quotes.setdefault(quote.speaker.id, []).append(quote)
        cites[quote.source.id][2].append(quote)
    return quotes


def index_claims(briefing: Briefing, cites: Cites
                 ) -> tuple[dict[str, list[tuple[Claim, str]]], dict[str, list[Claim]]]:
    """(each actor's claims, with the role they play in it; each issue's claims); each
    claim noted where it, or one for or against it, cites."""
    claims: dict[str, list[tuple[Claim, str]]] = {}
    by_issue: dict[str, list[Claim]] = {}
    for claim in briefing.claims:
        for role, parties in (("by", claim.by), ("against", claim.against)):
            for actor_id in dict.fromkeys(a.actor.id for a in parties if a.actor):
                claims.setdefault(actor_id, []).append((claim, role))
        cited = [s.id for s in claim.sources] + [a.source.id for a in (*claim.by,
                                                                        *claim.against)]
        for source_id in dict.fromkeys(cited):
            cites[source_id][3].append(claim)
        if claim.issue:
            by_issue.setdefault(claim.issue.id, []).append(claim)
    return claims, by_issue
