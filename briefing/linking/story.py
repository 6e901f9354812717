"""The story's sources, actors (with their pictures) and events, made from their records
as positions.py makes issues: through the linker's interface, which resolves their
references, renders their Markdown and reuses the last build's objects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.story import Actor, Event, Quote, Source
from ..model.values import Image, Link
from ..reading import media
from .interface import Linking


def make_source(link: Linking, v: dict[str, Any], article_of: dict[str, str]) -> Source:
    if "article" in v:
        article = link.resolve(v["article"])
    else:
        article = link.tables["article"].get(article_of.get(v["id"], ""))
    history = link.histories.get(f"source:{v['id']}")
    side = link.resolve(v["side"]) if "side" in v else None
    return link.reuse("source", (v, article, history, side), lambda: Source(
        v["id"], v["title"], v.get("short"), v.get("publisher"), v.get("url"),
        v.get("published"), article, v["loc"], history, side, v.get("tx")))


def make_actor(link: Linking, v: dict[str, Any], content: Path) -> Actor:
    side = link.resolve(v["side"]) if "side" in v else None
    summary = link.rich(v["summary"])
    image = make_image(link, v.get("image"), content)
    history = link.histories.get(f"actor:{v['id']}")
    return link.reuse("actor", (v, side, summary, history), lambda: Actor(
        v["id"], v["name"], v["role"], summary, side=side, country=v.get("country"),
        image=image, links=tuple(Link(x["title"], x["url"]) for x in v.get("links", ())),
        loc=v["loc"], history=history, tx=v.get("tx")))


def make_image(link: Linking, v: dict[str, Any] | None, content: Path) -> Image | None:
    if v is None:
        return None
    image = Image(v["src"], v["alt"], v.get("credit"))
    why = media.file_problem(content, image.src) if image.is_local else None
    if why:
        link.problems.append(v["locs"]["src"].error(why))
    return image


def make_events(link: Linking, events_by_id: dict[str, dict[str, Any]],
                quotes: list[Quote | None]) -> list[Event]:
    events = []
    for event_id, v in events_by_id.items():
        end = v.get("end")
        if end is not None and end.last_day < v["date"].first_day:
            link.problems.append(v["locs"]["end"].error(
                f"'end' ({end.iso}) is before 'date' ({v['date'].iso})"))
        if not v.get("sources"):
            link.problems.append(v["loc"].warning(
                f"event '{v['title']}' cites no source: add 'sources:'"))
        quote = link.make_quote(v["quote"]) if "quote" in v else None
        quotes.append(quote)
        summary = link.rich(v.get("summary"))
        actors = link.resolve_all(v.get("actors", ()))
        sources = link.resolve_all(v.get("sources", ()))
        history = link.histories.get(f"event:{event_id}")
        events.append(link.reuse(
            "event", (v, event_id, quote, summary, history, *actors, "/", *sources),
            lambda v=v, event_id=event_id, end=end, summary=summary, actors=actors,
            sources=sources, quote=quote, history=history: Event(
                event_id, v["date"], v["title"], end, v.get("approximate", False),
                summary, actors, sources, quote, v["loc"], history, v.get("tx"))))
    # Oldest first; sorted() is stable, so equal dates keep file order.
    return sorted(events, key=lambda e: (e.date.year, e.date.month, e.date.day))
