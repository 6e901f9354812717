"""The site's pages: which template renders which URL, with what context.

Each page's context is built here, in one place, and holds everything the page shows
beyond the site's header (`Site`): frozen model values, so a preview compares a page's
context with the last build's and skips rendering it when nothing it shows has
changed. Unchanged content keeps its model objects between builds (load.py), so even
comparing the whole briefing is mostly identity checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..content.dates import Moment, PartialDate
from ..content.model import Briefing, Change, Claim, History, Quote
from ..content.schema import CLAIM_STATUSES
from .urls import Urls

LATEST_EVENTS = 3
RECENT = 50  # latest changes a page knows of, to count what is new since a visit
SHARE_IMAGE = "share.png"  # shipped in templates/static/, used unless briefing.yaml names one


@dataclass(frozen=True, slots=True)
class Site:
    """What every page shows: the header, navigation and footer."""

    title: str
    dek: str | None
    language: str
    updated: PartialDate
    nav: tuple[tuple[str, str], ...]
    urls: Urls
    image_url: str | None  # the picture shown when a page is shared (absolute)
    image_alt: str
    search: bool  # whether the site has a search index (the preview has none)
    revised: Moment  # the one 'last updated' moment, wherever a revision date appears
    published: Moment | None = None  # the first change, when there is a change log
    recent: tuple[str, ...] = ()  # the latest changes' moments, for 'new since your visit'


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # relative to the site root: "" for the overview, "actors/putin/", "404.html"
    template: str
    title: str
    description: str
    kind: str = "website"  # Open Graph type: website, article, profile
    context: Mapping[str, Any] = field(default_factory=dict)
    lastmod: str | None = None  # the latest change to what the page shows (sitemap)

    @property
    def path(self) -> str:
        """The output file: pretty URLs are folders with an index.html."""
        return self.url if self.url.endswith(".html") else f"{self.url}index.html"


def site_of(briefing: Briefing, search: bool = True) -> Site:
    nav = (("", "Overview"), ("actors/", "Actors"), ("chronology/", "Chronology"),
           ("positions/", briefing.positions_title), ("sources/", "Sources"))
    if briefing.claims:
        nav += (("claims/", "What we know"),)
    if briefing.changes:
        nav += (("changes/", "What changed"),)
    image, urls = briefing.share_image, Urls(briefing.base_url)
    if image is None:
        image_url, alt = urls.absolute(SHARE_IMAGE), f"{briefing.title}: a briefing"
    else:
        image_url = urls.absolute(image.src) if image.is_local else image.src
        alt = image.alt
    recent = tuple(c.at.written for c in briefing.announced[:RECENT])
    return Site(briefing.title, briefing.dek, briefing.language, briefing.updated, nav,
                urls, image_url, alt, search, revised(briefing), briefing.published, recent)


def revised(briefing: Briefing) -> Moment:
    """The latest change that is not minor, or briefing.yaml's `updated` day."""
    return briefing.modified or Moment(briefing.updated.first_day,
                                       written=briefing.updated.iso)


def page(url: str, template: str, title: str, description: str, kind: str = "website",
         context: Mapping[str, Any] | None = None,
         shown: Iterable[History | None] = (), fallback: Moment | None = None) -> Page:
    """A page, with what its shown items' histories tell: the corrections and withdrawals
    it must say at its top (`notices`), and its last modification (`lastmod`)."""
    histories = [h for h in shown if h is not None]
    latest = [h.latest.at for h in histories if h.latest is not None]
    lastmod = max(latest, key=lambda m: m.sort_key) if latest else fallback
    notices: dict[str, tuple[Change, str]] = {}
    for history in histories:
        for change in history.flagged:
            notices.setdefault(change.id, (change, history.note_id(change)))
    return Page(url, template, title, description, kind,
                {**(context or {}), "notices": tuple(notices.values())},
                lastmod.iso if lastmod else None)


def plan_pages(briefing: Briefing) -> list[Page]:
    whole = {"briefing": briefing}
    events, issues = briefing.events, briefing.issues
    span = f", from {events[0].date} to {events[-1].date}" if events else ""
    last = revised(briefing)
    pages = [
        page("", "overview.html", briefing.title, briefing.dek or briefing.title, "article",
             {**whole, "latest": events[::-1][:LATEST_EVENTS],
              "known": tuple(c for c in briefing.claims if c.status == "confirmed"),
              "unknown": tuple(c for c in briefing.claims if c.status == "open")},
             [briefing.history], last),
        page("actors/", "actors.html", "Actors",
             f"The {len(briefing.actors)} people in this briefing, by side.", context=whole,
             shown=[a.history for a in briefing.actors], fallback=last),
        page("chronology/", "chronology.html", "Chronology",
             f"{len(events)} events{span}, each with its sources.",
             context={**whole, "years": by_year(briefing),
                      "filter_actors": in_events(briefing)},
             shown=[e.history for e in events], fallback=last),
        page("positions/", "positions.html", briefing.positions_title,
             f"Each side's position on {len(issues)} issues, with who holds it and where "
             "it is reported.", context=whole, shown=[i.history for i in issues],
             fallback=last),
        page("sources/", "sources.html", "Sources",
             "Every source this briefing cites, and what cites it.", context=whole,
             shown=[s.history for s in briefing.sources], fallback=last),
        page("search/", "search.html", "Search", "Search the briefing."),
        page("404.html", "404.html", "Page not found", "There is no page at this address."),
    ]
    if briefing.claims:
        groups = by_status(briefing.claims)
        pages.append(page("claims/", "claims.html", "What we know",
                          f"{len(briefing.claims)} claims: " + ", ".join(
                              f"{len(claims)} {status}" for status, claims in groups if claims)
                          + ". What is confirmed, what is claimed, and what nobody knows yet.",
                          context={**whole, "groups": groups},
                          shown=[c.history for c in briefing.claims], fallback=last))
    if briefing.changes:
        pages.append(page("changes/", "changes.html", "What changed",
                          f"Every change to this briefing, newest first: "
                          f"{len(briefing.announced)} updates and corrections.",
                          context={**whole, "days": by_day(briefing.changes)},
                          fallback=last))
    for actor in briefing.actors:
        record = briefing.record(actor)
        pages.append(page(
            f"actors/{actor.id}/", "actor.html", actor.name, f"{actor.name}: {actor.role}.",
            "profile", {"actor": actor, "record": record},
            [actor.history, *(e.history for e in record.events),
             *(i.history for i in dict.fromkeys(i for i, _ in record.stances))], last))
    quoted = quoted_from(briefing)
    pages += [page(f"articles/{article.id}/", "article.html", article.title,
                   article.dek or article.title, "article",
                   {"article": article, "source": briefing.sources_by_id[article.source_id],
                    "quotes": quoted.get(article.id, ())}, [article.history], last)
              for article in briefing.articles]
    return pages


def by_status(claims: tuple[Claim, ...]) -> tuple[tuple[str, tuple[Claim, ...]], ...]:
    """The claims by status, in the order readers read them: confirmed, claimed, disputed,
    false, outdated, open (empty statuses too, for their counts); file order within."""
    return tuple((status, tuple(c for c in claims if c.status == status))
                 for status in CLAIM_STATUSES)


def by_day(changes: tuple[Change, ...]) -> tuple[tuple[PartialDate, tuple[Change, ...]], ...]:
    """The changes grouped by calendar day, newest first (a time on the day of its own
    offset)."""
    days: dict[PartialDate, list[Change]] = {}
    for change in changes:
        day = PartialDate(change.at.day.year, change.at.day.month, change.at.day.day)
        days.setdefault(day, []).append(change)
    return tuple((day, tuple(group)) for day, group in days.items())


def by_year(briefing: Briefing) -> tuple[tuple[int, tuple], ...]:
    """The chronology grouped by year, oldest first (events are already in order)."""
    years: dict[int, list] = {}
    for event in briefing.events:
        years.setdefault(event.date.year, []).append(event)
    return tuple((year, tuple(events)) for year, events in years.items())


def in_events(briefing: Briefing) -> tuple:
    """The actors named in the chronology, for its filter, in the site's order."""
    named = {actor.id for event in briefing.events for actor in event.actors}
    return tuple(actor for actor in briefing.actors if actor.id in named)


def quoted_from(briefing: Briefing) -> dict[str, tuple[Quote, ...]]:
    """Article id → the verified quotes taken from it, once each, in reading order."""
    found: dict[str, dict[str, Quote]] = {}
    for quote in briefing.quotes:
        if quote.anchor and quote.source.article:
            found.setdefault(quote.source.article.id, {}).setdefault(quote.anchor, quote)
    return {article: tuple(quotes[a] for a in sorted(quotes, key=anchor_number))
            for article, quotes in found.items()}


def anchor_number(anchor: str) -> int:
    return int(anchor.rpartition("-")[2])  # quote-12 → 12: reading order
