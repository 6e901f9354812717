"""What a page says of its other languages: the switcher, hreflang and Open Graph
alternates, a language's name, the 404 page's words in every language, and JSON-LD.

Written here rather than looped over in the templates: they are on every page of a
translated site, and a Jinja loop costs ten times as much. Each reads the page's site
from the template's context (`site`); `in_language` also the build's `sites`.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup, escape

from . import i18n
from .filters import NOTHING, link
from .pages import Page, Site
from .structured import json_ld as structured_data

PARTS = {  # what the 404 page carries of each language (in_language)
    "header": '{% import "_chrome.html" as c with context %}{{ c.header(site, page) }}',
    "footer": '{% import "_chrome.html" as c with context %}{{ c.footer(site) }}',
    "notfound": '{% include "_notfound.html" %}'}


def address(site: Site, target: str) -> str:
    """A page's whole URL where the base URL is known, else its path from the server's
    root (hreflang links name pages in other languages)."""
    return site.urls.absolute(target) or site.urls.path(target)


@jinja2.pass_context
def hreflang(context: Context, page: Page) -> Markup:
    """<link rel=alternate hreflang> to the page in each language offering it (itself
    included) and x-default, the original."""
    site = context.parent["site"]
    links = [(lang.tag, address(site, lang.prefix + page.url)) for lang in page.alternates]
    links.append(("x-default", address(site, page.url)))
    return Markup("\n".join(f'<link rel="alternate" hreflang="{escape(tag)}" '
                            f'href="{escape(href)}">' for tag, href in links))


@jinja2.pass_context
def og_alternates(context: Context, page: Page) -> Markup:
    """Open Graph's other locales of the page."""
    language = context.parent["site"].language
    return Markup("\n".join(
        f'<meta property="og:locale:alternate" content="{escape(i18n.og_locale(lang.tag))}">'
        for lang in page.alternates if lang.tag != language))


@jinja2.pass_context
def switcher(context: Context, page: Page) -> Markup:
    """The language switcher's items: the same page in each language that offers it (a
    page with nothing translated is not), and in its own, named in their own (from the
    404 page, each language's overview); nothing when that is one."""
    site = context.parent["site"]
    here = "" if page.template == "404.html" else page.url
    current = ' aria-current="true"'
    languages = [lang for lang in site.languages
                 if not page.offered_in or page.template == "404.html"
                 or lang.prefix in page.offered_in or lang.tag == site.language]
    if len(languages) < 2:
        return NOTHING
    return Markup("\n".join(
        f'        <li><a href="{escape(link(context, lang.prefix + here))}" '
        f'lang="{escape(lang.tag)}" hreflang="{escape(lang.tag)}" '
        f'dir="{escape(lang.direction)}"{current if lang.tag == site.language else ""}'
        f'>{escape(lang.name)}</a></li>' for lang in languages))


@jinja2.pass_context
def language_in(context: Context, tag: str) -> str:
    """A language's name in the page's language: 'англійська'."""
    return i18n.language_in(tag, context.parent["site"].language)


@jinja2.pass_context
def in_language(context: Context, lang: str, name: str) -> Markup:
    """A part of the page rendered in another of the build's languages (`sites`): the one
    404 page carries every language's words, shown by the path asked for
    (`tag|in_language("header")`)."""
    sites = context.parent["sites"]
    site = next((s for s in sites if s.language == lang), context.parent["site"])
    template = context.environment.from_string(PARTS[name])
    return Markup(template.render(site=site, page=context.parent["page"], sites=sites))


@jinja2.pass_context
def json_ld(context: Context, page: Page) -> Markup:
    """The page's schema.org data (structured.py)."""
    return structured_data(context.parent["site"], page)


FILTERS: dict[str, Callable] = {
    "hreflang": hreflang, "og_alternates": og_alternates, "switcher": switcher,
    "language_in": language_in, "in_language": in_language, "json_ld": json_ld,
    "og_locale": i18n.og_locale}
