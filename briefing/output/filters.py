"""The templates' filters for links, dates and translation notes.

Each reads the page being rendered and its language's site from the template's context
(`page`, `site`), which is why `_macros.html` and `_chrome.html` are imported `with
context`: no renderer keeps a "current page" for them. They read `context.parent`, the
variables the page is rendered with: a plain dict (the context's own lookup costs a
twentieth of rendering), which no `{% set %}` in a template can shadow. Filters, not
functions: Jinja calls a filter directly, a function through the context, and these are
on every item of every page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..model.dates import Moment, PartialDate
from ..model.labels import N_
from ..model.story import Event
from . import i18n
from .messages import Messages
from .pages import Page
from .urls import media_link

UP = "\x1f"  # stands for "../" × page depth in a fragment's links; never in content
FRAGMENT = Page(UP, "_event.html", "", "")  # the page a fragment is rendered "on"
NOTHING = Markup("")
# The filters' own words, looked up in the page's language (N_: for `pybabel extract`).
CIRCA, C = N_("circa, around"), N_("c.")
NOT_YET, STALE = N_("not yet translated"), N_("translation may be out of date")


def link(context: Context, target: str) -> str:
    """A site path relative to the page being rendered.

    Relative links keep the site working under any sub-path (`/repo/`). The 404 page is
    served at whatever URL was missing, so its links start from the base path; a
    fragment's start from UP, filled in for each page that shows it.
    """
    page, urls = context.parent["page"], context.parent["site"].urls
    if page is FRAGMENT:
        return UP + target
    if page.template == "404.html":
        return urls.path(target)
    return urls.relative(target, page.address)


@jinja2.pass_context
def url(context: Context, target: str) -> str:
    """A link to a page ("actors/putin/#quotes") in the page's language."""
    return link(context, context.parent["site"].prefix + target)


@jinja2.pass_context
def asset(context: Context, target: str) -> str:
    """A link to a file every language shares (style.css, feed-less data, images)."""
    return link(context, target)


@jinja2.pass_context
def media(context: Context, src: str) -> str:
    """A link to a picture from content/ (`src` as written), in the site's media/."""
    return link(context, media_link(src))


def time_html(iso: str, text: str) -> Markup:
    # An f-string of escaped parts: Markup.format took a tenth of rendering an event.
    return Markup(f'<time datetime="{escape(iso)}">{escape(text)}</time>')


@jinja2.pass_context
def date(context: Context, day: PartialDate) -> Markup:
    """'12 May 2025' in a <time>, in the page's language."""
    return time_html(day.iso, i18n.date_text(day, context.parent["site"].language))


@jinja2.pass_context
def moment(context: Context, at: Moment) -> Markup:
    """'16 May 2025, 09:30 UTC+3' in a <time> with the moment as written."""
    return time_html(at.iso, i18n.moment_text(at, context.parent["site"].language))


@lru_cache(maxsize=64)
def kept_in(lang: str) -> Markup:
    """The attributes of words shown in another language than the page's."""
    return Markup(' lang="{}" dir="auto"').format(lang)


def tx(item: object, name: str) -> Markup:
    """` lang=… dir=auto` on a field a translation leaves in the original's words."""
    found = getattr(item, "tx", None)
    if found is None or name not in found.missing:
        return NOTHING
    return kept_in(found.lang)


@jinja2.pass_context
def said_in(context: Context, _shown: object) -> Markup:
    """` lang=… dir=auto` on words a translation's page keeps as they were written
    (quotes, articles, notes no translation file translates): `quote|said_in`."""
    original = context.parent["site"].original
    return NOTHING if original is None else kept_in(original.tag)


class Worded:
    """The filters that say something in the page's language, from `messages`."""

    def __init__(self, messages: Messages):
        self.messages = messages

    @jinja2.pass_context
    def when(self, context: Context, event: Event) -> Markup:
        """An event's date at its precision: '12 May 2025', 'c. 2019', '1 July – 30
        September 2025'."""
        lang = context.parent["site"].language
        start, end = i18n.range_text(event.date, event.end, lang)
        html = time_html(event.date.iso, start)
        if end is not None and event.end is not None:
            html += Markup(" – ") + time_html(event.end.iso, end)
        if event.approximate:
            html = Markup('<abbr title="{}">{}</abbr> ').format(
                self.messages.text(lang, CIRCA), self.messages.text(lang, C)
            ) + html
        return html

    @jinja2.pass_context
    def tx_note(self, context: Context, item: object, name: str) -> Markup:
        """Beside a field of a translation: 'not yet translated' where the original's
        words are shown; 'translation may be out of date' with the original's words
        where it was translated from an earlier text."""
        found = getattr(item, "tx", None)
        if found is None or (not found.stale and name not in found.missing):
            return NOTHING
        lang = context.parent["site"].language
        if name in found.missing:
            return Markup('<span class="tx-note" lang="{}">{}</span>').format(
                lang, self.messages.text(lang, NOT_YET))
        original = found.original(name)
        if original is None:
            return NOTHING
        return Markup('<details class="tx-note tx-stale" lang="{}"><summary>{}</summary>'
                      '<p lang="{}" dir="auto">{}</p></details>').format(
            lang, self.messages.text(lang, STALE), found.lang,
            original)

    @jinja2.pass_context
    def untranslated(self, context: Context, _shown: object) -> Markup:
        """'not yet translated' beside editors' words that a translation's page shows as
        written, no translation file having a place for them yet (earlier statuses'
        notes, an article's editor's note): `note|untranslated`."""
        site = context.parent["site"]
        if site.original is None:
            return NOTHING
        return Markup(' <span class="tx-note" lang="{}">{}</span>').format(
            site.language, self.messages.text(site.language, NOT_YET))


def filters(messages: Messages) -> dict[str, Callable]:
    """The filters of this module, by the names templates call them."""
    worded = Worded(messages)
    return {"url": url, "asset": asset, "media": media, "date": date, "moment": moment,
            "when": worded.when, "tx": tx, "tx_note": worded.tx_note,
            "untranslated": worded.untranslated, "said_in": said_in}
