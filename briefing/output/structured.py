"""JSON-LD for search engines, from the model: what each page is about, with absolute
URLs. Written only when the site's base URL is known."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..model.briefing import ActorRecord
from ..model.labels import CLAIM_HEADINGS
from ..model.positions import Claim
from ..model.story import Actor, Quote
from .pages import Page, Site

CONTEXT = "https://schema.org"
def script_safe(text: str) -> str:
    """Inside <script>, JSON must not close the element or open a comment."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_ld(site: Site, page: Page) -> Markup:
    url = site.urls.absolute(page.address)
    if url is None or page.template == "404.html":
        return Markup("")
    data = {"@context": CONTEXT, **in_language(site, page, describe(site, page, url))}
    text = script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))


def in_language(site: Site, page: Page, data: dict[str, Any]) -> dict[str, Any]:
    """The page's language; a translation names the original it translates."""
    main = data["@graph"][0] if "@graph" in data else data
    main["inLanguage"] = site.language
    if site.original is not None and page.offered:
        main["translationOfWork"] = {"@id": site.urls.absolute(page.url)}
    return data


def describe(site: Site, page: Page, url: str) -> dict[str, Any]:
    """What a page is about, by its template: any other page is a collection."""
    context = page.context
    if page.template == "overview.html":
        return overview(site, page, url)
    if page.template == "actor.html":
        return profile(site, url, context["actor"], context["record"])
    if page.template == "chronology.html":
        return chronology(site, page, url)
    if page.template == "claims.html":
        return claim_listing(site, page, url)
    if page.template == "article.html":
        return article(page, url)
    return collection(site, page, url)


def overview(site: Site, page: Page, url: str) -> dict[str, Any]:
    briefing = page.context["briefing"]
    return {"@type": "NewsArticle", "headline": site.title, "description": page.description,
            "url": url, "mainEntityOfPage": url,
            "dateModified": site.revised.iso,
            **({"datePublished": site.published.iso} if site.published else {}),
            "image": [site.image_url],
            "about": [person(site, actor) for actor in briefing.actors]}


def chronology(site: Site, page: Page, url: str) -> dict[str, Any]:
    events = [event for _, year in page.context["years"] for event in year]
    return {"@type": "ItemList", "name": f"{site.title}: {page.title}", "url": url,
            "numberOfItems": len(events), "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "item": {
                    "@type": "Event", "name": event.title, "startDate": event.date.iso,
                    **({"endDate": event.end.iso} if event.end else {}),
                    "url": f"{url}#{event.id}",
                    **({"description": event.summary.source} if event.summary else {})}}
                for n, event in enumerate(events, 1)]}


def claim_listing(site: Site, page: Page, url: str) -> dict[str, Any]:
    """The claims page, with a ClaimReview of each rated claim when the briefing says so."""
    reviews = [claim_review(site, claim, url) for _, claims in page.context["groups"]
               for claim in claims if claim.status in RATINGS]
    listing = collection(site, page, url)
    if page.context["briefing"].claim_review and reviews:
        return {"@graph": [listing, *reviews]}
    return listing


def article(page: Page, url: str) -> dict[str, Any]:
    source = page.context["source"]
    return {"@type": "Article", "headline": page.title, "url": url,
            **({"datePublished": source.published.iso} if source.published else {}),
            **({"isBasedOn": source.url} if source.url else {}),
            **({"publisher": {"@type": "Organization", "name": source.publisher}}
               if source.publisher else {})}


def collection(site: Site, page: Page, url: str) -> dict[str, Any]:
    return {"@type": "CollectionPage", "name": page.title, "url": url,
            "description": page.description, "dateModified": site.revised.iso,
            "isPartOf": {"@type": "WebSite", "name": site.title,
                         "url": site.urls.absolute(site.prefix)}}


def person(site: Site, actor: Actor) -> dict[str, Any]:
    url = site.urls.absolute(f"{site.prefix}actors/{actor.id}/")
    data: dict[str, Any] = {"@type": "Person", "@id": f"{url}#person", "name": actor.name,
                            "jobTitle": actor.role, "url": url}
    if actor.side:
        data["affiliation"] = {"@type": "Organization", "name": actor.side.name}
    if actor.country:
        data["nationality"] = {"@type": "Country", "name": actor.country}
    return data


def profile(site: Site, url: str, actor: Actor, record: ActorRecord) -> dict[str, Any]:
    who = person(site, actor)
    quotes = [quotation(site, quote, who["@id"]) for quote in unique(record.quotes)]
    return {"@graph": [
        {"@type": "ProfilePage", "url": url, "dateModified": site.revised.iso,
         "mainEntity": {"@id": who["@id"]}},
        {**who, "description": actor.summary.source.strip()},
        *quotes]}


def quotation(site: Site, quote: Quote, speaker: str) -> dict[str, Any]:
    article = quote.source.article
    based_on = (site.urls.absolute(f"articles/{article.id}/#{quote.anchor}")
                if article and quote.anchor else quote.source.url)
    data: dict[str, Any] = {"@type": "Quotation", "text": quote.text,
                            "spokenByCharacter": {"@id": speaker}}
    if based_on:
        data["isBasedOn"] = based_on
    if quote.date:
        data["dateCreated"] = quote.date.iso
    return data


def unique(quotes: tuple[Quote, ...]) -> list[Quote]:
    return list({quote.text: quote for quote in reversed(quotes)}.values())[::-1]


# A claim's status as a ClaimReview rating: 1 false, 3 disputed (mixed), 5 confirmed.
RATINGS = {"false": 1, "disputed": 3, "confirmed": 5}


def claim_review(site: Site, claim: Claim, url: str) -> dict[str, Any]:
    """For fact-checkers' tools (Fact Check Explorer reads it): opt-in, claim_review."""
    review: dict[str, Any] = {
        "@type": "ClaimReview", "url": f"{url}#{claim.id}", "claimReviewed": claim.claim,
        "datePublished": claim.as_of.iso,
        "author": {"@type": "Organization", "name": site.title,
                   "url": site.urls.absolute(site.prefix)},
        "reviewRating": {"@type": "Rating", "ratingValue": RATINGS[claim.status],
                         "bestRating": 5, "worstRating": 1,
                         "alternateName": CLAIM_HEADINGS[claim.status]}}
    authors = [{"@type": "Person", "name": a.actor.name} if a.actor else
               {"@type": "Organization", "name": a.side.name}
               for a in claim.by if a.actor or a.side]
    appearances = [a.source.url for a in claim.by if a.source.url]
    if authors:
        review["itemReviewed"] = {"@type": "Claim", "author": authors,
                                  **({"appearance": appearances} if appearances else {})}
    return review
