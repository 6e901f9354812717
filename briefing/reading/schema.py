"""The contract's field tables, declared once: the loader reads by them."""

from __future__ import annotations

from ..model.labels import N_
from .composite_fields import Field, Hashes, ListOf, MapOf, Record
from .fields import Markdown, Reference, Slug, Text, Words
from .scalar_fields import (
    Affected,
    Boolean,
    Branch,
    Choice,
    Count,
    Date,
    Folder,
    Hostname,
    ImageSource,
    Language,
    Repository,
    SignIn,
    Url,
    When,
)

STATUSES = {"far-apart": N_("Far apart"), "narrowing": N_("Narrowing"),
            "agreed": N_("Agreed"), "unclear": N_("Unclear")}
CLAIM_STATUSES = {  # in the order /claims/ shows them
    "confirmed": N_("Confirmed"), "claimed": N_("Claimed"), "disputed": N_("Disputed"),
    "false": N_("False"), "outdated": N_("Outdated"), "open": N_("Open")}
CHANGE_KINDS = {"update": "Update", "correction": "Correction",
                "clarification": "Clarification", "withdrawal": "Withdrawal"}
NEEDS_WAS = ("correction", "clarification", "withdrawal")  # they say what was said before

QUOTE_FIELDS = {
    "text": Field(Words(), True, "the exact words, without surrounding quote marks"),
    "source": Field(Reference("source"), True, "where the words were reported"),
    "speaker": Field(Reference("actor"), False, "who said it (implied in an actor's file)"),
    "date": Field(Date(), False, "when it was said"),
    "context": Field(Text(), False, "where or how it was said, e.g. 'post on X'"),
}
QUOTE = Record("quote", QUOTE_FIELDS)

IMAGE = Record("image", {
    "src": Field(ImageSource(), True, "a path inside content/ or an https URL"),
    "alt": Field(Text(), True, "what the image shows, for readers who cannot see it"),
    "credit": Field(Text(), False, "photographer or agency"),
})

SIDE = Record("side", {
    "id": Field(Slug(), True, "the side's id, used in actors and positions"),
    "name": Field(Text(), True, "display name"),
    "short": Field(Text(), False, "a short column label"),
    "description": Field(Text(), False, "one line on who the side is"),
})

CMS = Record("cms", {
    "repo": Field(Repository(), True, "the GitHub repository the forms at /admin/ edit, "
                  "owner/name"),
    "branch": Field(Branch(), False, "the branch the site is published from; default main"),
    "folder": Field(Folder(), False, "where the content folder is in the repository; "
                    "default content"),
    "login": Field(SignIn(), False, "the address of the token-exchange worker editors sign in "
                   "through; without it, each editor signs in with a personal access token"),
})

BRIEFING = Record("briefing", {
    "title": Field(Text(), True, "the briefing's title"),
    "dek": Field(Text(), False, "a one-line standfirst"),
    "summary": Field(Markdown(), True, "what is going on, in a few paragraphs"),
    "updated": Field(Date(day_only=True), False, "the day the briefing was last revised: "
                     "required without changes.yaml; with it, the day of the latest change"),
    "language": Field(Language(), False, "BCP 47 language tag, default en"),
    "sides": Field(ListOf(SIDE), True, "two or more sides"),
    "key_points": Field(ListOf(Markdown()), False, "the briefing in bullets"),
    "positions_title": Field(Text(), False, "heading of the positions page"),
    "base_url": Field(Url(), False, "the absolute URL the site is published at"),
    "cname": Field(Hostname(), False, "a custom domain for GitHub Pages: writes CNAME"),
    "share_image": Field(IMAGE, False, "the picture shown when a page is shared"),
    "stale_after_days": Field(Count(), False, "days after which a stance not confirmed "
                              "since is flagged, counted back from the last update; "
                              "default 30"),
    "claim_review": Field(Boolean(), False, "write ClaimReview structured data for claims "
                          "rated confirmed, false or disputed (for fact-checkers)"),
    "cms": Field(CMS, False, "editing in a browser: the build writes the forms at /admin/"),
})


LINK = Record("link", {
    "title": Field(Text(), True, "the link's text"),
    "url": Field(Url(), True, "an http(s) URL"),
})

ACTOR = Record("actor", {
    "name": Field(Text(), True, "display name"),
    "role": Field(Text(), True, "role as of the briefing's updated date"),
    "side": Field(Reference("side"), False, "a side id; none means not aligned"),
    "country": Field(Text(), False, "country"),
    "summary": Field(Markdown(), True, "Markdown profile"),
    "image": Field(IMAGE, False, "a portrait"),
    "quotes": Field(ListOf(QUOTE), False, "what this actor said"),
    "links": Field(ListOf(LINK), False, "further reading"),
})

EVENT = Record("event", {
    "date": Field(Date(), True, "when it happened (or began)"),
    "end": Field(Date(), False, "when a span ended"),
    "approximate": Field(Boolean(), False, "the date is approximate"),
    "title": Field(Text(), True, "what happened, in one line"),
    "summary": Field(Markdown(), False, "more on what happened"),
    "actors": Field(ListOf(Reference("actor")), False, "who took part"),
    "sources": Field(ListOf(Reference("source")), False, "where it is reported"),
    "quote": Field(QUOTE, False, "a quote from the event"),
    "id": Field(Slug(), False, "anchor id; made from date and title when left out"),
})

EARLIER_STANCE = Record("earlier stance", {
    "as_of": Field(Date(), True, "when this position was stated"),
    "position": Field(Text(), True, "the side's position then, in one plain sentence"),
    "detail": Field(Markdown(), False, "more on the position then"),
    "sources": Field(ListOf(Reference("source")), False, "where it was stated"),
    "quote": Field(QUOTE, False, "a quote stating it"),
})

STANCE = Record("stance", {
    "position": Field(Text(), True, "the side's position, in one plain sentence"),
    "as_of": Field(Date(), False, "when this position was last stated or confirmed"),
    "detail": Field(Markdown(), False, "more on the position"),
    "actors": Field(ListOf(Reference("actor")), False, "who holds it"),
    "sources": Field(ListOf(Reference("source")), False, "where it is stated"),
    "quote": Field(QUOTE, False, "a quote stating it"),
    "history": Field(ListOf(EARLIER_STANCE), False, "earlier positions, each with its as_of"),
})

EARLIER_STATUS = Record("earlier status", {
    "as_of": Field(Date(), True, "when the issue stood so"),
    "status": Field(Choice(*STATUSES), True, "how far apart the sides were"),
    "note": Field(Text(), False, "what it turned on, in one line"),
})

ISSUE = Record("issue", {
    "id": Field(Slug(), True, "the issue's id"),
    "issue": Field(Text(), True, "the question or topic"),
    "summary": Field(Markdown(), False, "why it matters"),
    "status": Field(Choice(*STATUSES), False, "how far apart the sides are"),
    "as_of": Field(Date(), False, "when the status was last assessed"),
    "stances": Field(MapOf("side", STANCE), True, "each side's stance, by side id"),
    "history": Field(ListOf(EARLIER_STATUS), False, "earlier statuses, each with its as_of"),
})

CHANGE = Record("change", {
    "id": Field(Slug(), True, "stable forever: the feed's entry and the anchor come from it"),
    "at": Field(When(), True, "when it was published: a day, or a time with its offset"),
    "kind": Field(Choice(*CHANGE_KINDS), True, "update (new information), correction (we "
                  "were wrong), clarification (we were unclear), withdrawal (taken back)"),
    "summary": Field(Text(), True, "what changed; for a correction, what is right now"),
    "was": Field(Text(), False, "what the briefing said before (corrections, clarifications "
                 "and withdrawals)"),
    "affects": Field(ListOf(Affected()), True, "what it touched: briefing, actor:<id>, "
                     "event:<id>, issue:<id>, claim:<id>, source:<id>, article:<id>"),
    "adds": Field(ListOf(Affected()), False, "what it brings into the briefing (shown as "
                  "'Added'); each is affected too"),
    "minor": Field(Boolean(), False, "kept in the log, announced nowhere, moves no date"),
})

SOURCE = Record("source", {
    "id": Field(Slug(), True, "the source's id"),
    "title": Field(Text(), True, "title"),
    "short": Field(Text(), False, "a short label for citations, e.g. 'BBC, 11 May 2025'"),
    "publisher": Field(Text(), False, "who published it"),
    "url": Field(Url(), False, "where it is online"),
    "published": Field(Date(), False, "when it was published"),
    "article": Field(Reference("article"), False, "the article in articles/ with its text"),
    "side": Field(Reference("side"), False, "the side whose own statement this is (a "
                  "government readout, a ministry's channel): the balance report counts it"),
})

ARTICLE = Record("article", {
    "title": Field(Text(), True, "the article's headline"),
    "source": Field(Reference("source"), True, "the source entry for this article"),
    "dek": Field(Text(), False, "the article's standfirst"),
    "note": Field(Markdown(), False, "an editor's note shown above the text"),
})

ATTRIBUTION = Record("attribution", {
    "actor": Field(Reference("actor"), False, "who asserts (or contests) it"),
    "side": Field(Reference("side"), False, "the side asserting it (with an actor: theirs)"),
    "source": Field(Reference("source"), True, "where they said so"),
    "quote": Field(Words(), False, "their exact words, verified in the source's article"),
})

EARLIER_RATING = Record("earlier status", {
    "as_of": Field(Date(), True, "when the claim stood so"),
    "status": Field(Choice(*CLAIM_STATUSES), True, "its status then"),
    "note": Field(Text(), True, "why, then, in one plain sentence"),
})

CLAIM = Record("claim", {
    "id": Field(Slug(), True, "the claim's id: its anchor on /claims/"),
    "claim": Field(Text(), True, "the claim, as a statement"),
    "status": Field(Choice(*CLAIM_STATUSES), True, "confirmed (independently verified), "
                    "claimed (asserted, not verified), disputed (the accounts conflict), "
                    "false (shown wrong), outdated (overtaken by events), open (not known "
                    "yet)"),
    "note": Field(Text(), True, "why this status, in one plain sentence"),
    "as_of": Field(Date(), True, "when the status was assessed"),
    "by": Field(ListOf(ATTRIBUTION), False, "who asserts it"),
    "against": Field(ListOf(ATTRIBUTION), False, "who contests it"),
    "sources": Field(ListOf(Reference("source")), False, "the evidence behind the status "
                     "(required unless open)"),
    "issue": Field(Reference("issue"), False, "the issue in positions.yaml it belongs to"),
    "history": Field(ListOf(EARLIER_RATING), False, "earlier statuses, each with its as_of"),
})


# Translations (content/translations/<lang>/): only text, mirroring the originals. Every
# field may be left empty (the skeleton's): that field is missing, not wrong.
TRANSLATED_FROM = Field(Hashes(), False, "each translated field, by its dotted path, to the "
                        "first 12 hex digits of the SHA-256 of its original text")
EARLIER_NOTES = Field(ListOf(Record("earlier status translation", {"note": Field(Text())}),
    gaps=True), False, "the notes of its earlier statuses, in the "
                      "original's order")
QUOTE_TRANSLATIONS = Field(ListOf(Text(), gaps=True), False, "the record's quotes, in order, "
                           "translated by the editors: shown beside the original words, never "
                           "instead")
TRANSLATIONS = {
    "briefing": Record("briefing translation", {
        "title": Field(Text()), "dek": Field(Text()), "summary": Field(Markdown()),
        "key_points": Field(ListOf(Markdown(), gaps=True)),
        "sides": Field(MapOf("side", Record("side translation", {
            "name": Field(Text()), "short": Field(Text()), "description": Field(Text())}))),
        "positions_title": Field(Text()),
        "language_name": Field(Text(), False, "the language's name in itself, e.g. Українська"),
        "translator": Field(Text(), False, "who translated it"),
        "machine": Field(Boolean(), False, "a machine translation no editor has reviewed: said "
                         "on every page"),
        "translated_from": TRANSLATED_FROM}),
    "actor": Record("actor translation", {
        "name": Field(Text()), "role": Field(Text()), "country": Field(Text()),
        "summary": Field(Markdown()), "image_alt": Field(Text()),
        "quotes": QUOTE_TRANSLATIONS, "translated_from": TRANSLATED_FROM}),
    "event": Record("event translation", {
        "title": Field(Text()), "summary": Field(Markdown()), "quotes": QUOTE_TRANSLATIONS,
        "translated_from": TRANSLATED_FROM}),
    "issue": Record("issue translation", {
        "issue": Field(Text()), "summary": Field(Markdown()), "history": EARLIER_NOTES,
        "stances": Field(MapOf("side", Record("stance translation", {
            "position": Field(Text()), "detail": Field(Markdown()),
            "history": Field(ListOf(Record("earlier stance translation", {
                "position": Field(Text()), "detail": Field(Markdown())}), gaps=True), False,
                "the stance's earlier positions, in the original's order")}))),
        "quotes": QUOTE_TRANSLATIONS, "translated_from": TRANSLATED_FROM}),
    "source": Record("source translation", {
        "title": Field(Text()), "short": Field(Text()), "translated_from": TRANSLATED_FROM}),
    "claim": Record("claim translation", {
        "claim": Field(Text()), "note": Field(Text()), "history": EARLIER_NOTES,
        "quotes": QUOTE_TRANSLATIONS,
        "translated_from": TRANSLATED_FROM}),
    "change": Record("change translation", {
        "summary": Field(Text()), "was": Field(Text()), "translated_from": TRANSLATED_FROM}),
}
