"""The story's people, events and sources: actors, the chronology's events, articles,
sources and the quotes taken from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..problems import Loc
from .changes import History
from .dates import PartialDate
from .values import Image, Link, Rich, Side, Tx


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
