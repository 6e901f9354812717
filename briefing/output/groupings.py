"""What a page shows, grouped and ordered for reading: the claims by status, the changes
by day, the chronology by year, the actors the chronology names, each article's quotes."""

from __future__ import annotations

from ..model.briefing import Briefing
from ..model.changes import Change
from ..model.dates import PartialDate
from ..model.positions import Claim
from ..model.story import Quote
from ..reading.schema import CLAIM_STATUSES


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
