"""The site's pages: which template renders which URL, with what context.

Each page's context is built here, in one place, with the content it depends on
beside it (`deps`), so a preview can tell which pages an edit touches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import Article, Briefing, Quote

LATEST_EVENTS = 3


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # relative to the site root: "" for the overview, "actors/putin/", "404.html"
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict)
    deps: frozenset[str] = frozenset()

    @property
    def path(self) -> str:
        """The output file: pretty URLs are folders with an index.html."""
        return self.url if self.url.endswith(".html") else f"{self.url}index.html"


def nav(briefing: Briefing) -> tuple[tuple[str, str], ...]:
    return (("", "Overview"), ("actors/", "Actors"), ("chronology/", "Chronology"),
            ("positions/", briefing.positions_title), ("sources/", "Sources"))


def plan_pages(briefing: Briefing) -> list[Page]:
    everything = frozenset({"*"})
    lists = frozenset({"briefing", "actors", "chronology", "positions", "sources"})
    pages = [
        Page("", "overview.html", briefing.title,
             {"latest": briefing.events[::-1][:LATEST_EVENTS]}, lists),
        Page("actors/", "actors.html", "Actors", {}, frozenset({"briefing", "actors"})),
        Page("chronology/", "chronology.html", "Chronology",
             {"years": by_year(briefing)}, lists),
        Page("positions/", "positions.html", briefing.positions_title, {}, lists),
        Page("sources/", "sources.html", "Sources", {}, everything),
        Page("404.html", "404.html", "Page not found", {}, frozenset({"briefing"})),
    ]
    pages += [Page(f"actors/{actor.id}/", "actor.html", actor.name,
                   {"actor": actor, "record": briefing.record(actor)},
                   lists | {f"actor:{actor.id}"})
              for actor in briefing.actors]
    pages += [Page(f"articles/{article.id}/", "article.html", article.title,
                   {"article": article, "source": briefing.sources_by_id[article.source_id],
                    "quotes": quoted_from(briefing, article)},
                   frozenset({"briefing", "sources", f"article:{article.id}"}))
              for article in briefing.articles]
    return pages


def by_year(briefing: Briefing) -> tuple[tuple[int, tuple], ...]:
    """The chronology grouped by year, oldest first (events are already in order)."""
    years: dict[int, list] = {}
    for event in briefing.events:
        years.setdefault(event.date.year, []).append(event)
    return tuple((year, tuple(events)) for year, events in years.items())


def quoted_from(briefing: Briefing, article: Article) -> tuple[Quote, ...]:
    """The verified quotes taken from an article, once each, in reading order."""
    found = {q.anchor: q for q in reversed(briefing.quotes)
             if q.anchor and q.source.article == article}
    return tuple(found[a] for a in sorted(found, key=lambda a: int(a.rpartition("-")[2])))
