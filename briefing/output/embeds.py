"""Cards to embed in a newsroom's articles: a part of the briefing (where the sides stand
on one issue, an actor, the latest events, a claim) as a small page of its own under
embed/, in every language, with its oEmbed file and the code an editor pastes.

A card is a page for an iframe: never indexed (noindex, no sitemap, no search body), no
script but the one that tells its host how tall it is, links that open the full briefing
in a new tab. The embed code and the oEmbed files need the card's whole URL: without
the site's base URL there are neither (the cards are still written).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

import jinja2
from babel.support import NullTranslations
from jinja2.runtime import Context
from markupsafe import Markup

from ..model.briefing import ActorRecord, Briefing
from ..model.dates import PartialDate
from ..model.positions import Issue, Stance
from ..model.story import Actor, Quote
from .machine import MachineFile
from .plan_memo import PlanMemo
from .urls import EMBED, Urls

LATEST = 5  # events on the chronology's card
WIDTH = 640  # what an oEmbed answer says a card needs; the iframe takes the host's width
# the height an iframe's code gives a card: about its height in a 640 px column
HEIGHTS = {"issue": 420, "actor": 320, "chronology": 520, "claim": 240}
OEMBED = "oembed.json"  # a card's oEmbed answer, in its folder
HOST_SCRIPT = "embed.js"  # templates/static/: sizes a page's cards, for hosts that want it


@dataclass(frozen=True, slots=True)
class Card:
    """A card: its page (from its language's root), the full page it is part of, its
    title (as HTML: a translation's words it leaves in the original's carry their
    `lang`) and the height its embed code gives it."""

    kind: str  # issue, actor, chronology, claim
    url: str  # "embed/actors/putin/"
    full: str  # "actors/putin/", "positions/#issue-ceasefire"
    label: Markup
    height: int
    title: str = field(init=False)  # the label as text (an iframe's title, an oEmbed answer's)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", self.label.striptags())  # once: each card's page,
        # its code and its oEmbed answer name it

    @property
    def oembed(self) -> str:
        return self.url + OEMBED


def kept(item: object, name: str, text: str) -> Markup:
    """A field's words, in a span with the original's `lang` where a translation
    leaves them untranslated (filters.tx's test: filters imports pages, which imports
    this module)."""
    found = getattr(item, "tx", None)
    if found is None or name not in found.missing:
        return Markup.escape(text)
    return Markup('<span lang="{}" dir="auto">{}</span>').format(found.lang, text)


def cards_of(briefing: Briefing, gettext: Callable[[str], str], memo: PlanMemo | None = None
             ) -> dict[str, tuple[Card, ...]]:
    """Every card of the briefing, by the full page that offers it; `memo`: the last
    plan's (the preview's)."""
    memo, prefix = memo or PlanMemo(), briefing.prefix
    on = Markup.escape(gettext("Where both sides stand on %(issue)s") if len(briefing.sides) == 2
                else gettext("Where the sides stand on %(issue)s"))
    cards: dict[str, tuple[Card, ...]] = {
        "positions/": tuple(Card("issue", f"{EMBED}issues/{i.id}/", f"positions/#issue-{i.id}",
                                 on % {"issue": kept(i, "issue", i.issue)}, HEIGHTS["issue"])
                            for i in briefing.issues),
        "chronology/": (Card("chronology", f"{EMBED}chronology/", "chronology/",
                             Markup.escape(gettext("Latest events")), HEIGHTS["chronology"]),),
    }
    for a in briefing.actors:
        cards[f"actors/{a.id}/"] = memo.reuse(("card", prefix, a.id), (a,), lambda a=a: (Card(
            "actor", f"{EMBED}actors/{a.id}/", f"actors/{a.id}/",
            kept(a, "name", a.name) + ": " + kept(a, "role", a.role), HEIGHTS["actor"]),))
    if briefing.claims:
        cards["claims/"] = tuple(Card("claim", f"{EMBED}claims/{c.id}/", f"claims/#{c.id}",
                                      kept(c, "claim", c.claim), HEIGHTS["claim"])
                               for c in briefing.claims)
    return cards


def card_contexts(briefing: Briefing, memo: PlanMemo) -> dict[str, dict[str, Any]]:
    """What each card shows beyond its title, by its URL; `memo`: the last plan's."""
    prefix = briefing.prefix
    found: dict[str, dict[str, Any]] = {
        f"{EMBED}chronology/": {"events": briefing.events[::-1][:LATEST]}}
    for issue in briefing.issues:
        found[f"{EMBED}issues/{issue.id}/"] = {"issue": issue}
    for actor in briefing.actors:
        record = briefing.record(actor)
        found[f"{EMBED}actors/{actor.id}/"] = memo.reuse(
            ("actor card", prefix, actor.id), (actor, record),
            lambda actor=actor, record=record: actor_card(actor, record))
    for claim in briefing.claims:
        found[f"{EMBED}claims/{claim.id}/"] = {"claim": claim}
    return found


def actor_card(actor: Actor, record: ActorRecord) -> dict[str, Any]:
    """An actor's card: their latest stance (with its issue) and latest quote."""
    stances: list[tuple[Issue, Stance]] = list(record.stances)
    latest = max(stances, key=lambda pair: day(pair[1].as_of), default=None)
    quotes: list[Quote] = list(record.quotes)
    quote = max(quotes, key=lambda q: day(q.date), default=None)
    return {"actor": actor, "latest": latest, "quote": quote}


def day(date: PartialDate | None) -> str:
    """A sort key that puts an undated item first (the earliest dated wins ties)."""
    return date.first_day.isoformat() if date is not None else ""


def iframe_code(src: str, title: str, height: int) -> str:
    """The embed code: the card in an iframe as wide as the host's column. It works
    alone; the host script (host_code) fits its height to the card's."""
    return (f'<iframe src="{escape(src)}" title="{escape(title)}" height="{height}" '
            'loading="lazy" style="width:100%;border:0" data-briefing-card></iframe>')


def host_code(urls: Urls) -> str | None:
    """The optional host script's tag, once per article."""
    src = urls.absolute(HOST_SCRIPT)
    return None if src is None else f'<script src="{escape(src)}" async></script>'


@jinja2.pass_context
def embed_code(context: Context, card: Card) -> Markup:
    """`card|embed_code`: what an editor pastes, shown in a <textarea>: the card's iframe,
    then the host script ('' without a base URL). A textarea's text ends only at
    `</textarea`, so only & and < are escaped (every quote as &#34; was a tenth of the
    offer's weight)."""
    site = context.parent["site"]
    src = site.urls.absolute(site.prefix + card.url)
    if src is None:
        return Markup("")
    code = f"{iframe_code(src, card.title, card.height)}\n{host_code(site.urls)}"
    return Markup(code.replace("&", "&amp;").replace("<", "&lt;"))


@jinja2.pass_context
def oembed_url(context: Context, card: Card) -> str | None:
    """`card|oembed_url`: its oEmbed file's whole URL (None without a base URL)."""
    site = context.parent["site"]
    return site.urls.absolute(site.prefix + card.oembed)


def oembed_files(briefing: Briefing, words: Callable[[str], NullTranslations],
                 memo: PlanMemo | None = None) -> dict[str, MachineFile]:
    """Each card's oEmbed answer, in every language, with what it shows (oembed_json
    reads the card, the briefing's title and its place): none without a base URL.
    `memo`: the plan's, whose cards these are."""
    urls = Urls(briefing.base_url)
    if urls.base_url is None:
        return {}
    files: dict[str, MachineFile] = {}
    for b in (briefing, *briefing.translations):
        for cards in cards_of(b, words(b.language).gettext, memo).values():
            for card in cards:
                files[b.prefix + card.oembed] = MachineFile(
                    lambda b=b, card=card: oembed_json(b, card, urls),
                    lambda b=b, card=card: (card, b.title, b.prefix, urls.base_url))
    return files


def oembed_json(briefing: Briefing, card: Card, urls: Urls) -> bytes:
    """The oEmbed 1.0 answer for a card: type rich, its iframe as `html`."""
    src = urls.absolute(briefing.prefix + card.url)
    assert src is not None
    answer: Mapping[str, object] = {
        "version": "1.0", "type": "rich", "title": card.title,
        "provider_name": briefing.title, "provider_url": urls.absolute(briefing.prefix),
        "html": iframe_code(src, card.title, card.height),
        "width": WIDTH, "height": card.height}
    return (json.dumps(answer, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


FILTERS = {"embed_code": embed_code, "oembed_url": oembed_url}
