"""What machines read: sitemap.xml, the Atom feed, robots.txt and briefing.json."""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit

from babel.support import NullTranslations
from markupsafe import escape

from ..linking.markdown import base_path
from ..model.briefing import Briefing
from ..model.changes import Change
from ..model.dates import PartialDate
from ..model.labels import NOTE_HEADINGS
from ..model.positions import Attribution, Claim, Stance
from ..model.story import Actor, Quote, Source
from ..model.values import Rich
from .pages import Page, positions_heading, revised
from .urls import EMBED, Urls, media_link

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def absolute(briefing: Briefing, path: str) -> str:
    """An absolute URL where the base is known; else relative to the site root,
    which resolves correctly from sitemap.xml and feed.xml, both at the root."""
    return Urls(briefing.base_url).absolute(path) or path or "./"


def xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "utf-8") + b"\n"


def sitemap(briefing: Briefing, pages: list[Page]) -> bytes:
    """Every page to be found, each with the latest change to what it shows and, when it
    is offered in other languages, each of them (the original as x-default). A page a
    translation does not offer (nothing of its text translated) is left out."""
    root = ET.Element("urlset", xmlns=SITEMAP)
    if any(page.alternates for page in pages):
        root.set("xmlns:xhtml", XHTML)
    fallback = revised(briefing).iso
    for page in pages:
        if (page.template in ("404.html", "search.html") or not page.offered
                or page.url.startswith(EMBED)):
            continue  # not pages to find (a card is for an iframe)
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = absolute(briefing, page.address)
        ET.SubElement(url, "lastmod").text = page.lastmod or fallback
        for lang in page.alternates:
            ET.SubElement(url, "xhtml:link", rel="alternate", hreflang=lang.tag,
                          href=absolute(briefing, lang.prefix + page.url))
        if page.alternates:
            ET.SubElement(url, "xhtml:link", rel="alternate", hreflang="x-default",
                          href=absolute(briefing, page.url))
    return xml_bytes(root)


def sitemap_shows(briefing: Briefing, pages: list[Page]) -> tuple:
    """What sitemap() reads, for the build cache: where the site is, its last revision,
    and each page's place, last change and languages (a page's own content, not)."""
    return (briefing.base_url, revised(briefing), tuple(
        (page.template, page.url, page.prefix, page.offered, page.lastmod,
         tuple((lang.tag, lang.prefix) for lang in page.alternates)) for page in pages))


def timestamp(date: PartialDate) -> str:
    return f"{date.first_day.isoformat()}T00:00:00Z"


def atom_feed(briefing: Briefing, words: NullTranslations | None = None) -> bytes:
    """The story's updates: one entry per change that is announced (not minor), newest
    first, its id made from the change's id, never reused. A briefing without a change
    log has one entry per event instead. Ids stay the same from build to build. A
    translation has its own feed, in its language, under its prefix."""
    words = words or NullTranslations()
    prefix = briefing.prefix
    key = (briefing.base_url or briefing.title) + prefix
    root = ET.Element("feed", xmlns=ATOM)
    root.set("xml:lang", briefing.language)
    if not briefing.base_url:  # links from the site's root, wherever the feed is
        root.set("xml:base", "../" * prefix.count("/") or "./")
    ET.SubElement(root, "title").text = briefing.title
    if briefing.dek:
        ET.SubElement(root, "subtitle").text = briefing.dek
    ET.SubElement(root, "id").text = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"
    ET.SubElement(root, "updated").text = revised(briefing).rfc3339
    ET.SubElement(root, "link", rel="self", href=absolute(briefing, f"{prefix}feed.xml"))
    ET.SubElement(root, "link", rel="alternate", href=absolute(briefing, prefix))
    ET.SubElement(ET.SubElement(root, "author"), "name").text = briefing.title
    if briefing.changes:
        for change in briefing.announced:
            change_entry(root, briefing, change, words)
        return xml_bytes(root)
    for event in reversed(briefing.events):
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "title").text = event.title
        ET.SubElement(entry, "id").text = (
            f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{key}#{event.id}')}")
        ET.SubElement(entry, "updated").text = timestamp(event.date)
        ET.SubElement(entry, "link", rel="alternate",
                      href=absolute(briefing, f"{prefix}chronology/#{event.id}"))
        if event.summary:
            ET.SubElement(entry, "summary", type="html").text = str(event.summary.html)
    return xml_bytes(root)


def feed_shows(briefing: Briefing) -> tuple:
    """What atom_feed() reads, for the build cache (its language's interface text is the
    templates', which key the whole cache): the briefing's name and place, its last
    revision, and its announced changes or, without a change log, its events' titles,
    dates and summaries (not the actors they name)."""
    events = () if briefing.changes else tuple(
        (event.id, event.title, event.date, event.summary) for event in briefing.events)
    return (briefing.base_url, briefing.title, briefing.dek, briefing.language,
            briefing.prefix, revised(briefing), briefing.announced, events)


def change_entry(root: ET.Element, briefing: Briefing, change: Change,
                 words: NullTranslations) -> None:
    """A change as a feed entry: a correction titled as one, linking to its note."""
    _ = words.gettext
    prefix = briefing.prefix
    entry = ET.SubElement(root, "entry")
    title = change.summary if change.kind == "update" else _("%(kind)s: %(summary)s") % {
        "kind": _(NOTE_HEADINGS[change.kind]), "summary": change.summary}
    ET.SubElement(entry, "title").text = title
    ET.SubElement(entry, "id").text = entry_id(briefing, change)
    ET.SubElement(entry, "published").text = change.at.rfc3339
    ET.SubElement(entry, "updated").text = change.at.rfc3339
    ET.SubElement(entry, "link", rel="alternate",
                  href=absolute(briefing, f"{prefix}changes/#{change.id}"))
    day = change.at.day.isoformat()
    gone = _("%(item)s (no longer in the briefing)")
    items = "".join(f'<li><a href="{escape(absolute(briefing, prefix + since(a.url, day)))}">'
                    f"{escape(a.label)}</a></li>" if a.url is not None else
                    f"<li>{escape(gone % {'item': a.label})}</li>"
                    for a in change.affects if a.kind != "briefing")
    was = ("<p>{}</p>".format(escape(_("An earlier version said: “%(was)s”") % {
        "was": change.was})) if change.was else "")
    ET.SubElement(entry, "content", type="html").text = (
        f"<p>{escape(change.summary)}</p>{was}" + (f"<ul>{items}</ul>" if items else ""))


def since(url: str, day: str) -> str:
    """A page's address marking what changed from `day` on: the query before the
    fragment ('chronology/?since=2025-05-17#talks-held'), or a browser neither marks nor
    scrolls."""
    path, hash_, fragment = url.partition("#")
    return f"{path}?since={day}{hash_}{fragment}"


def entry_id(briefing: Briefing, change: Change) -> str:
    """`tag:<host>,<year>:<path>changes/<id>`: the change's id under the site's own name
    (RFC 4151), the same in every build; without a base URL, under 'localhost'."""
    parts = urlsplit(briefing.base_url or "")
    host = parts.hostname or "localhost"
    path = base_path(briefing.base_url).lstrip("/")
    return f"tag:{host},{change.at.day.year}:{path}{briefing.prefix}changes/{change.id}"


def robots(briefing: Briefing) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if briefing.base_url:
        lines.append(f"Sitemap: {absolute(briefing, 'sitemap.xml')}")
    return ("\n".join(lines) + "\n").encode()


def briefing_json(briefing: Briefing) -> bytes:
    """All facts, Markdown fields as written; keys sorted so output is stable."""
    data = {
        "title": briefing.title, "dek": briefing.dek, "summary": md(briefing.summary),
        "updated": briefing.updated.iso, "language": briefing.language,
        "key_points": [md(k) for k in briefing.key_points],
        "positions_title": briefing.positions_title or positions_heading(briefing)[0],
        "sides": [{"id": s.id, "name": s.name, "short": s.short,
                   "description": s.description} for s in briefing.sides],
        "actors": [actor_json(a) for a in briefing.actors],
        "quotes": [quote_json(q) for q in briefing.quotes],
        "events": [{
            "id": e.id, "date": e.date.iso, "end": e.end.iso if e.end else None,
            "approximate": e.approximate, "title": e.title, "summary": md(e.summary),
            "actors": ids(e.actors), "sources": ids(e.sources), "quote": quote_json(e.quote),
        } for e in briefing.events],
        "issues": [{
            "id": i.id, "issue": i.issue, "summary": md(i.summary), "status": i.status,
            "as_of": i.as_of.iso if i.as_of else None,
            "history": [{"as_of": e.as_of.iso, "status": e.status, "note": e.note}
                        for e in i.earlier],
            "stances": {s.side.id: stance_json(s) for s in i.stances},
        } for i in briefing.issues],
        "sources": [source_json(s) for s in briefing.sources],
        "articles": [{"id": a.id, "title": a.title, "source": a.source_id,
                      "url": f"articles/{a.id}/"} for a in briefing.articles],
        "changes": [change_json(c) for c in briefing.changes],
        "claims": [claim_json(c) for c in briefing.claims],
        "modified": briefing.modified.iso if briefing.modified else None,
        "published": briefing.published.iso if briefing.published else None,
    }
    # One line: with `indent`, json uses its pure-Python encoder (5× slower here).
    return (json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n").encode()


def md(text: Rich | None) -> str | None:
    return None if text is None else text.source


def ids(items: tuple[Actor, ...] | tuple[Source, ...]) -> list[str]:
    return [x.id for x in items]


def actor_json(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id, "name": actor.name, "role": actor.role,
        "side": actor.side.id if actor.side else None, "country": actor.country,
        "summary": md(actor.summary),
        "image": actor.image and {"src": actor.image.src, "alt": actor.image.alt,
                                  "credit": actor.image.credit,
                                  "url": media_link(actor.image.src) if actor.image.is_local
                                  else actor.image.src},
        "links": [{"title": x.title, "url": x.url} for x in actor.links],
        "url": f"actors/{actor.id}/",
    }


def stance_json(stance: Stance) -> dict[str, Any]:
    return {"position": stance.position, "detail": md(stance.detail),
            "actors": ids(stance.actors), "sources": ids(stance.sources),
            "quote": quote_json(stance.quote),
            "as_of": stance.as_of.iso if stance.as_of else None, "stale": stance.stale,
            "history": [{"as_of": e.as_of.iso, "position": e.position, "detail": md(e.detail),
                         "sources": ids(e.sources), "quote": quote_json(e.quote)}
                        for e in stance.earlier]}


def claim_json(claim: Claim) -> dict[str, Any]:
    def party(a: Attribution) -> dict[str, Any]:
        return {"actor": a.actor.id if a.actor else None, "side": a.side.id if a.side else None,
                "source": a.source.id, "quote": quote_json(a.quote)}

    return {"id": claim.id, "claim": claim.claim, "status": claim.status, "note": claim.note,
            "as_of": claim.as_of.iso, "by": [party(a) for a in claim.by],
            "against": [party(a) for a in claim.against], "sources": ids(claim.sources),
            "issue": claim.issue.id if claim.issue else None,
            "history": [{"as_of": e.as_of.iso, "status": e.status, "note": e.note}
                        for e in claim.earlier], "url": f"claims/#{claim.id}"}


def change_json(change: Change) -> dict[str, Any]:
    return {"id": change.id, "at": change.at.written, "kind": change.kind,
            "summary": change.summary, "was": change.was, "minor": change.minor,
            "affects": [a.key for a in change.affects], "adds": sorted(change.adds),
            "url": f"changes/#{change.id}"}


def quote_json(quote: Quote | None) -> dict[str, Any] | None:
    if quote is None:
        return None
    article = quote.source.article
    return {"text": quote.text, "source": quote.source.id,
            "speaker": quote.speaker.id if quote.speaker else None,
            "date": quote.date.iso if quote.date else None, "context": quote.context,
            "verified": quote.anchor is not None,
            "url": f"articles/{article.id}/#{quote.anchor}" if article and quote.anchor
            else None}


def source_json(source: Source) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "short": source.short,
            "side": source.side.id if source.side else None,
            "publisher": source.publisher,
            "url": source.url, "published": source.published.iso if source.published else None,
            "article": source.article.id if source.article else None}
