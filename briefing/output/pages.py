"""The site's pages: which template renders which URL, with what context.

Each page's context is built here, in one place, and holds everything the page shows
beyond the site's header (`Site`): frozen model values, so a preview compares a page's
context with the last build's and skips rendering it when nothing it shows has
changed. Unchanged content keeps its model objects between builds (linker.py), so even
comparing the whole briefing is mostly identity checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from babel.support import NullTranslations

from ..model.briefing import ActorRecord, Briefing
from ..model.changes import Change, History
from ..model.dates import Moment, PartialDate
from ..model.story import Actor
from ..reading.schema import CLAIM_STATUSES
from .embeds import Card, card_contexts, cards_of
from .groupings import by_day, by_status, by_year, in_events, quoted_from
from .i18n import chronology_span
from .plan_memo import PlanMemo
from .policy import CARD_POLICY, content_policy
from .urls import Urls, media_link

LATEST_EVENTS = 3
RECENT = 50  # latest changes a page knows of, to count what is new since a visit
SHARE_IMAGE = "share.png"  # shipped in templates/static/, used unless briefing.yaml names one


@dataclass(frozen=True, slots=True)
class Language:
    """One of the site's languages: the original (at the root) or a translation."""

    tag: str  # BCP 47: "en", "uk", "pt-BR"
    name: str  # in itself: "English", "Українська"
    prefix: str  # where its pages are: "" for the original, "uk/"
    direction: str = "ltr"


@dataclass(frozen=True, slots=True)
class Site:
    """What every page shows: the header, navigation and footer."""

    title: str
    dek: str | None
    language: str
    updated: PartialDate
    nav: tuple[tuple[str, str, str | None], ...]  # (page, label, its language if not the page's)
    urls: Urls
    image_url: str | None  # the picture shown when a page is shared (absolute)
    image_alt: str
    search: bool  # whether the site has a search index (the preview has none)
    revised: Moment  # the one 'last updated' moment, wherever a revision date appears
    published: Moment | None = None  # the first change, when there is a change log
    recent: tuple[str, ...] = ()  # the latest changes' moments, for 'new since your visit'
    direction: str = "ltr"
    prefix: str = ""  # "uk/" for a translation: its pages' place
    languages: tuple[Language, ...] = ()  # every language of the site, the original first
    original: Language | None = None  # a translation's original (None: this is it)
    machine: bool = False  # a translation made by machine, unreviewed: said on every page
    translator: str | None = None
    editions: bool = False  # the briefing has editions (git tags): linked from the footer
    policy: str = ""  # the Content-Security-Policy every page carries (content_policy)
    positions: tuple[str, str | None] = ("", None)  # the positions page's heading, and its
    # language where it is the original's


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # relative to the site root: "" for the overview, "actors/putin/", "404.html"
    template: str
    title: str
    description: str
    kind: str = "website"  # Open Graph type: website, article, profile
    context: Mapping[str, Any] = field(default_factory=dict)
    lastmod: str | None = None  # the latest change to what the page shows (sitemap)
    prefix: str = ""  # its language's place: "uk/"; `url` is the same in every language
    offered: bool = True  # a translation with none of its main text translated is not
    alternates: tuple[Language, ...] = ()  # the languages offering it (hreflang), if offered
    # the languages whose version of it is offered (the switcher leads to those, and to
    # the page's own language); empty: every language's (a page written on its own)
    offered_in: tuple[str, ...] = ()

    @property
    def address(self) -> str:
        """Its path from the site root: "uk/actors/putin/"."""
        return self.prefix + self.url

    @property
    def path(self) -> str:
        """The output file: pretty URLs are folders with an index.html."""
        return self.address if self.url.endswith(".html") else f"{self.address}index.html"


def languages_of(briefing: Briefing) -> tuple[Language, ...]:
    """The original's language, then each translation's (in tag order)."""
    return tuple(Language(b.language, b.language_name, b.prefix, b.direction)
                 for b in (briefing, *briefing.translations))


def site_of(briefing: Briefing, search: bool = True, words: NullTranslations | None = None,
            languages: tuple[Language, ...] = ()) -> Site:
    """What every page of `briefing` shows (the original, or one translation)."""
    _ = (words or NullTranslations()).gettext
    positions = positions_heading(briefing, _)
    nav = (("", _("Overview"), None), ("actors/", _("Actors"), None),
           ("chronology/", _("Chronology"), None), ("positions/", *positions),
           ("sources/", _("Sources"), None))
    if briefing.claims:
        nav += (("claims/", _("What we know"), None),)
    if briefing.changes:
        nav += (("changes/", _("What changed"), None),)
    image, urls = briefing.share_image, Urls(briefing.base_url)
    if image is None:
        image_url = urls.absolute(SHARE_IMAGE)
        alt = _("%(title)s: a briefing") % {"title": briefing.title}
    else:
        image_url = urls.absolute(media_link(image.src)) if image.is_local else image.src
        alt = image.alt
    recent = tuple(c.at.written for c in briefing.announced[:RECENT])
    original = languages[0] if briefing.original_language and languages else None
    return Site(briefing.title, briefing.dek, briefing.language, briefing.updated, nav,
                urls, image_url, alt, search, revised(briefing), briefing.published, recent,
                briefing.direction, briefing.prefix, languages, original, briefing.machine,
                briefing.translator, policy=content_policy(briefing), positions=positions)


def positions_heading(briefing: Briefing, gettext: Callable[[str], str] = str
                      ) -> tuple[str, str | None]:
    """The positions page's heading, and its language when not the page's: the editors'
    `positions_title` (in the original's words where a translation lacks it), else the
    interface's own, in the page's language."""
    if briefing.positions_title:
        return briefing.positions_title, (briefing.tx.shows("positions_title")
                                          if briefing.tx else None)
    if len(briefing.sides) == 2:
        return gettext("Where both sides stand"), None
    return gettext("Where the sides stand"), None


def plan_site(briefing: Briefing, words: Callable[[str], NullTranslations],
              search: bool = True, editions: bool = False, memo: PlanMemo | None = None
              ) -> tuple[tuple[Site, ...], list[Page]]:
    """Every language's site and pages: the original's at the root, each translation's
    under its prefix; each page knows the languages offering it (for hreflang). The
    one 404 page, at the root, speaks every language. `memo`: the last plan's (the
    preview's)."""
    languages = languages_of(briefing)
    sites, pages, memo = [], [], memo or PlanMemo()
    for b in (briefing, *briefing.translations):
        sites.append(replace(site_of(b, search, words(b.language), languages),
                             editions=editions))
        pages += [p for p in plan_pages(b, words(b.language), memo)
                  if not (b.original_language and p.template == "404.html")]
    if len(languages) > 1:
        by_prefix = {lang.prefix: lang for lang in languages}
        offering: dict[str, list[Language]] = {}
        for p in pages:
            if p.offered:
                offering.setdefault(p.url, []).append(by_prefix[p.prefix])
        pages = [in_languages(p, offering.get(p.url, []), memo) for p in pages]
    memo.done()
    return tuple(sites), pages


def in_languages(page: Page, offering: list[Language], memo: PlanMemo) -> Page:
    """The page with the languages offering it: its hreflang (if it is one of them) and
    where its language switcher leads."""
    alternates = tuple(offering) if page.offered and len(offering) > 1 else ()
    offered_in = tuple(lang.prefix for lang in offering)
    return memo.reuse(("languages", page.prefix, page.url), (page, alternates, offered_in),
                      lambda: replace(page, alternates=alternates, offered_in=offered_in))


def revised(briefing: Briefing) -> Moment:
    """The latest change that is not minor, or briefing.yaml's `updated` day."""
    return briefing.modified or Moment(briefing.updated.first_day,
                                       written=briefing.updated.iso)


def planned(url: str, template: str, title: str, description: str, kind: str = "website",
            context: Mapping[str, Any] | None = None,
            shown: Iterable[History | None] = (), fallback: Moment | None = None,
            main: Iterable[Any] = (), cards: Mapping[str, tuple[Card, ...]] | None = None
            ) -> Page:
    """A planned page, with what its shown items' histories tell: the corrections and withdrawals
    it must say at its top (`notices`), and its last modification (`lastmod`). `main`:
    the items whose text is the page's own, for whether a translation offers it; `cards`:
    every card by the page offering it (its `embeds`)."""
    histories = [h for h in shown if h is not None]
    latest = [h.latest.at for h in histories if h.latest is not None]
    lastmod = max(latest, key=lambda m: m.sort_key) if latest else fallback
    notices: dict[str, tuple[Change, str]] = {}
    for history in histories:
        for change in history.flagged:
            notices.setdefault(change.id, (change, history.note_id(change)))
    shows = {**(context or {}), "notices": tuple(notices.values())}
    if cards and url in cards:
        shows["embeds"] = cards[url]
    return Page(url, template, title, description, kind, shows,
                lastmod.iso if lastmod else None, offered=offered(main))


def offered(main: Iterable[Any]) -> bool:
    """Whether a page is offered in its language: always in the original; in a
    translation, unless none of its main text is translated (no item of `main` with
    anything translated). A page with no main text of its own is offered."""
    items = list(main)
    return not items or any(item.tx is None or not item.tx.none for item in items)


def plan_pages(briefing: Briefing, t: NullTranslations, memo: PlanMemo) -> list[Page]:
    """Every page of the briefing (the original, or a translation: in its language, under
    its prefix), in its language's words `t`; `memo`: the last plan's."""
    last = revised(briefing)
    cards = cards_of(briefing, t.gettext, memo)  # the pages offering cards name them
    pages = [*section_pages(briefing, t, last, cards), *log_pages(briefing, t, last, cards),
             *actor_pages(briefing, last, cards, memo), *article_pages(briefing, last),
             *card_pages(briefing, cards, memo)]
    prefix = briefing.prefix
    return [replace(p, prefix=prefix) for p in pages] if prefix else pages


def card_pages(briefing: Briefing, cards: dict[str, tuple[Card, ...]], memo: PlanMemo
               ) -> list[Page]:
    """Each card to embed, a page of its own (embeds.py); `embeds`: what it offers."""
    shown, prefix = card_contexts(briefing, memo), briefing.prefix
    return [memo.reuse(("card page", prefix, card.url), (card, shown[card.url]),
                       lambda card=card: Page(
                           card.url, f"card_{card.kind}.html", card.title, card.title,
                           context={"card": card, "card_policy": CARD_POLICY,
                                    **shown[card.url]}))
            for offered in cards.values() for card in offered]


def section_pages(briefing: Briefing, t: NullTranslations, last: Moment,
                  cards: Mapping[str, tuple[Card, ...]]) -> list[Page]:
    """The pages every briefing has: the overview, each section's, search and 404."""
    _, ngettext = t.gettext, t.ngettext
    whole = {"briefing": briefing}
    events, issues = briefing.events, briefing.issues
    n_actors = len(briefing.actors)
    return [
        planned("", "overview.html", briefing.title, briefing.dek or briefing.title, "article",
                {**whole, "latest": events[::-1][:LATEST_EVENTS],
                 "known": tuple(c for c in briefing.claims if c.status == "confirmed"),
                 "unknown": tuple(c for c in briefing.claims if c.status == "open")},
                [briefing.history], last, [briefing], cards),
        planned("actors/", "actors.html", _("Actors"),
                ngettext("The %(n)d person in this briefing, by side.",
                         "The %(n)d people in this briefing, by side.", n_actors) % {"n": n_actors},
                context=whole, shown=[a.history for a in briefing.actors], fallback=last,
                main=briefing.actors, cards=cards),
        planned("chronology/", "chronology.html", _("Chronology"), chronology_span(briefing, t),
                context={**whole, "years": by_year(briefing),
                         "filter_actors": in_events(briefing)},
                shown=[e.history for e in events], fallback=last, main=events, cards=cards),
        planned("positions/", "positions.html", positions_heading(briefing, _)[0],
                ngettext("Each side's position on %(n)d issue, with who holds it and where it "
                         "is reported.", "Each side's position on %(n)d issues, with who holds "
                         "it and where it is reported.", len(issues)) % {"n": len(issues)},
                context=whole, shown=[i.history for i in issues], fallback=last, main=issues,
                cards=cards),
        planned("sources/", "sources.html", _("Sources"),
                _("Every source this briefing cites, and what cites it."), context=whole,
                shown=[s.history for s in briefing.sources], fallback=last,
                main=briefing.sources, cards=cards),
        planned("search/", "search.html", _("Search"), _("Search the briefing.")),
        planned("404.html", "404.html", _("Page not found"),
                _("There is no page at this address.")),
    ]


def log_pages(briefing: Briefing, t: NullTranslations, last: Moment,
              cards: Mapping[str, tuple[Card, ...]]) -> list[Page]:
    """The pages a briefing has once it keeps them: its claims, its change log."""
    _, ngettext = t.gettext, t.ngettext
    whole, n_claims, pages = {"briefing": briefing}, len(briefing.claims), []
    if briefing.claims:
        groups = by_status(briefing.claims)
        counts = ", ".join(f"{len(claims)} {_(CLAIM_STATUSES[status]).lower()}"
                           for status, claims in groups if claims)
        pages.append(planned("claims/", "claims.html", _("What we know"), ngettext(
            "%(n)d claim: %(counts)s. What is confirmed, what is claimed, and what nobody "
            "knows yet.", "%(n)d claims: %(counts)s. What is confirmed, what is claimed, and "
            "what nobody knows yet.", n_claims) % {"n": n_claims, "counts": counts},
            context={**whole, "groups": groups},
            shown=[c.history for c in briefing.claims], fallback=last, main=briefing.claims,
            cards=cards))
    if briefing.changes:
        n = len(briefing.announced)
        pages.append(planned("changes/", "changes.html", _("What changed"), ngettext(
            "Every change to this briefing, newest first: %(n)d update or correction.",
            "Every change to this briefing, newest first: %(n)d updates and corrections.",
            n) % {"n": n}, context={**whole, "days": by_day(briefing.changes)},
            fallback=last, main=briefing.changes, cards=cards))
    return pages


def actor_pages(briefing: Briefing, last: Moment,
                cards: Mapping[str, tuple[Card, ...]], memo: PlanMemo) -> list[Page]:
    """Each actor's profile: the last plan's where made from the same objects."""
    pages, prefix = [], briefing.prefix
    for actor in briefing.actors:
        record = briefing.record(actor)
        shown = (actor, record, last, cards.get(f"actors/{actor.id}/"))
        pages.append(memo.reuse(("actor", prefix, actor.id), shown,
                                partial(actor_page, actor, record, last, cards)))
    return pages


def actor_page(actor: Actor, record: ActorRecord, last: Moment,
               cards: Mapping[str, tuple[Card, ...]]) -> Page:
    """An actor's profile, modified when what it shows (events, stances) is."""
    return planned(f"actors/{actor.id}/", "actor.html", actor.name,
                   f"{actor.name}: {actor.role}.", "profile", {"actor": actor, "record": record},
                   [actor.history, *(e.history for e in record.events),
                    *(i.history for i in dict.fromkeys(i for i, _s in record.stances))],
                   last, [actor], cards)


def article_pages(briefing: Briefing, last: Moment) -> list[Page]:
    """Each article, with the quotes taken from it. An article is its source's text,
    never translated: not offered in a translation."""
    quoted = quoted_from(briefing)
    return [replace(planned(f"articles/{article.id}/", "article.html", article.title,
                            article.dek or article.title, "article",
                            {"article": article,
                             "source": briefing.sources_by_id[article.source_id],
                             "quotes": quoted.get(article.id, ())}, [article.history], last),
                    offered=not briefing.original_language)
            for article in briefing.articles]
