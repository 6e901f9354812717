"""The briefing as frozen, typed objects, with its cross-indexes built once.

Templates read only this model. Markdown fields arrive as `Rich` (their source and
their already-safe HTML), so templates never need `|safe`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from markupsafe import Markup

from ..problems import Loc
from .dates import Moment, PartialDate
from .words import N_


@dataclass(frozen=True, slots=True)
class Tx:
    """What of one record a translation leaves to the original: the fields not yet
    translated, and those translated from an earlier text (with today's original)."""

    lang: str  # the original's language, for `lang` on what is shown untranslated
    missing: tuple[str, ...] = ()  # sorted (not a set: see Change.adds)
    stale: tuple[tuple[str, str], ...] = ()  # (field, today's original)
    none: bool = False  # nothing of the record is translated

    def shows(self, name: str) -> str | None:
        """The language `name` is shown in when the original's, or None."""
        return self.lang if name in self.missing else None

    def original(self, name: str) -> str | None:
        """Today's original of a stale field, or None when the field is not stale."""
        return next((text for field_, text in self.stale if field_ == name), None)


@dataclass
class Tally:
    """A language's fields: translated, missing, stale (for `check`'s table)."""

    lang: str
    name: str
    machine: bool = False
    translated: int = 0
    missing: int = 0
    stale: int = 0


@dataclass(frozen=True, slots=True)
class Rich:
    """A Markdown field: what the editor wrote and the safe HTML it renders to."""

    source: str
    html: Markup

    def __html__(self) -> Markup:
        return self.html


@dataclass(frozen=True, slots=True)
class Side:
    id: str
    name: str
    short: str | None = None
    description: str | None = None
    accent: int = 0  # which of the stylesheet's side colours: 1, 2, … in briefing order
    tx: Tx | None = None  # in a translation: what is left untranslated

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True, slots=True)
class Image:
    src: str  # a path inside content/ (copied to the same path in the site) or https URL
    alt: str
    credit: str | None = None

    @property
    def is_local(self) -> bool:
        return not self.src.startswith("https://")


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


CHANGE_LABELS = {"update": N_("Update"), "correction": N_("Correction"),
                 "clarification": N_("Clarification"), "withdrawal": N_("Withdrawal")}
FLAGGED = ("correction", "withdrawal")  # said at the top of any page showing the item


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


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    # The source's id, not the Source: sources point at their article object, and
    # frozen objects cannot point both ways. Briefing.sources_by_id resolves it.
    source_id: str
    html: Markup
    dek: str | None = None
    note: Rich | None = None
    loc: Loc | None = field(default=None, compare=False, repr=False)
    history: History | None = None


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    short: str | None = None  # label for citations; the title when left out
    publisher: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    article: Article | None = None
    loc: Loc | None = field(default=None, compare=False, repr=False)
    history: History | None = None
    side: Side | None = None  # whose own statement it is, if a party's
    tx: Tx | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    role: str
    summary: Rich
    side: Side | None = None
    country: str | None = None
    image: Image | None = None
    links: tuple[Link, ...] = ()
    loc: Loc | None = field(default=None, compare=False, repr=False)
    history: History | None = None
    tx: Tx | None = None

    @property
    def line(self) -> str:
        """The summary's first sentence, as plain text: the actor in one line."""
        text = " ".join(self.summary.html.striptags().split())
        end = text.find(". ")
        return text if end < 0 else text[:end + 1]


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    source: Source
    speaker: Actor | None = None
    date: PartialDate | None = None
    context: str | None = None
    anchor: str | None = None  # the id of its <mark> in the source's article, if verified
    loc: Loc | None = field(default=None, compare=False, repr=False)
    translation: str | None = None  # in a translation: the editors', shown beside it


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: PartialDate
    title: str
    end: PartialDate | None = None
    approximate: bool = False
    summary: Rich | None = None
    actors: tuple[Actor, ...] = ()
    sources: tuple[Source, ...] = ()
    quote: Quote | None = None
    loc: Loc | None = field(default=None, compare=False, repr=False)
    history: History | None = None
    tx: Tx | None = None

    @property
    def actor_ids(self) -> str:
        """'putin trump': for the chronology filter (in Python: a template's filter
        chain here cost a tenth of rendering the chronology)."""
        return " ".join(actor.id for actor in self.actors)

    @property
    def side_ids(self) -> str:
        """The sides of its actors, once each, in order: 'russia united-states'."""
        sides = dict.fromkeys(a.side.id for a in self.actors if a.side is not None)
        return " ".join(sides)


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


CLAIM_HEADINGS = {  # a status as words: what it means for a reader
    "confirmed": N_("Confirmed"), "claimed": N_("Claimed, not independently verified"),
    "disputed": N_("Disputed: the accounts conflict"), "false": N_("Shown to be false"),
    "outdated": N_("Outdated: overtaken by events"), "open": N_("Not known yet")}


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


def cross_index(briefing: Briefing) -> Briefing:
    """The briefing with its reverse indexes, built in one pass over what cites what."""
    events: dict[str, list[Event]] = {}
    stances: dict[str, list[tuple[Issue, Stance]]] = {}
    quotes: dict[str, list[Quote]] = {}
    cites: dict[str, tuple[list, list, list, list]] = {
        s.id: ([], [], [], []) for s in briefing.sources}
    # Each listed once even if named twice; by id, as hashing model objects is deep.
    for event in briefing.events:
        for actor_id in dict.fromkeys(a.id for a in event.actors):
            events.setdefault(actor_id, []).append(event)
        for source_id in dict.fromkeys(s.id for s in event.sources):
            cites[source_id][0].append(event)
    for issue in briefing.issues:
        for stance in issue.stances:
            for actor_id in dict.fromkeys(a.id for a in stance.actors):
                stances.setdefault(actor_id, []).append((issue, stance))
            cited = [s.id for said in (stance, *stance.earlier) for s in said.sources]
            for source_id in dict.fromkeys(cited):
                cites[source_id][1].append((issue, stance))
    for quote in briefing.quotes:
        if quote.speaker:
            quotes.setdefault(quote.speaker.id, []).append(quote)
        cites[quote.source.id][2].append(quote)
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
