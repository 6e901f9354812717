"""The publisher's only additions to an edition's pages: `noindex`, a `canonical` link
to the live page, a banner saying it is an edition (in the page's language, styled by
the publisher's stylesheet, since the pages' policy allows no inline style), and links
to the list of editions sent to the live list, which the edition itself does not have.

Everything else stays the edition's own bytes. The places to insert at are found by an
HTML parser (the standard library's tokenizer, which reports where each tag starts), never
by searching the text: the end of `<head>`'s start tag and its end tag, the end of
`<body>`'s start tag, an existing `canonical` link, which is replaced (a page has one),
and each tag with an `href`, rewritten whole from its parsed attributes when its link
must change.

A page is stamped only where a browser is sure to read the stamp as the parser finds
it: an edition's pages are the tag's, and the standard library's parser is not a
browser's (it reads tags inside `<title>`, `<template>` or `<textarea>`, where a browser
reads text or an inert fragment). So everything before the body must have the shape a
Briefing build gives it: a doctype, `<html>`, an explicit `<head>` holding only head
elements (no comment, no `<template>`, no text, nothing inside `<title>`), then an
explicit `<body>`. A page of any other shape is refused (`Unstampable`), not published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

Attrs = list[tuple[str, str | None]]
# What may come before <body>: what a Briefing build puts there, nothing a browser could
# read as the start of the body (text, an element of the body) or as an inert fragment
# (<template>, <noscript>: the stamp inside it would be no part of the page).
HEAD_ELEMENTS = frozenset({"html", "head", "meta", "link", "title", "script", "style"})


class Unstampable(ValueError):
    """A page whose stamp could not be placed for sure: not published."""


@dataclass(frozen=True, slots=True)
class Banner:
    """What the banner says, in one language."""

    lang: str
    direction: str
    label: str  # its name for screen readers: "About this edition"
    text: str  # "An edition of 16 May 2025."
    link: str  # "See the latest version"


@dataclass(frozen=True, slots=True)
class Stamp:
    """What the publisher adds to one page of an edition."""

    live: str  # the URL of the same page in the live briefing (or its home)
    stylesheet: str  # the banner's stylesheet, as a link from the page
    banner: Callable[[str], Banner]  # its words in a language (the page's <html lang>)
    relink: Callable[[str], str | None] = lambda href: None  # a link's new href, or None


@dataclass
class Places:
    head: int | None = None  # just after <head ...>
    head_end: int | None = None  # where </head> starts
    body: int | None = None  # just after <body ...>
    lang: str = ""  # <html lang>
    canonical: tuple[int, int] | None = None  # the <link rel="canonical"> tag's span
    robots: list[tuple[int, int]] = field(default_factory=list)  # <meta name="robots">
    skip_link: int | None = None  # just after the body's first element, a skip link's </a>
    links: list[tuple[int, int, str, Attrs]] = field(default_factory=list)  # tags with href
    doubt: str = ""  # why the stamp could not be placed for sure (its first reason)


class _Finder(HTMLParser):
    """Where things are, as offsets into the text taken from the parser itself: the
    index at which it starts reading each tag, never a count of lines (which the parser
    and `str.splitlines` count differently: U+2028, U+0085, a form feed)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.at = 0  # where the tag being read starts, in `text`
        self.places = Places()
        self.first_in_body: str | None = None  # "skip" while inside a leading skip link
        self.in_title = False
        self.started = False  # a tag has been read (a doctype comes before any)

    def doubt(self, why: str) -> None:
        """Note a reason not to trust the places found (only what precedes the body and
        its skip link decides where the stamp goes)."""
        if self.places.body is None and not self.places.doubt:
            self.places.doubt = why

    def position(self, i: int) -> int:
        """`text`'s offset of the parser's index `i` (it drops what it has read only
        between feeds; the text is fed whole)."""
        return len(self.text) - len(self.rawdata) + i

    def parse_starttag(self, i: int) -> int:
        self.at = self.position(i)
        return super().parse_starttag(i)

    def parse_endtag(self, i: int) -> int:
        self.at = self.position(i)
        end = super().parse_endtag(i)
        if self.first_in_body == "closed" and end >= 0:  # the skip link's </a> ends here
            self.places.skip_link = self.position(end)
            self.first_in_body = "done"
        return end

    def span(self) -> tuple[int, int]:
        return self.at, self.at + len(self.get_starttag_text() or "")

    def handle_starttag(self, tag: str, attrs: Attrs) -> None:
        values = {k: (v or "").lower() for k, v in attrs}
        self.check_start(tag)
        if self.places.body is not None and self.first_in_body is None:
            skip = tag == "a" and "skip-link" in values.get("class", "").split()
            self.first_in_body = "skip" if skip else "other"
        elif self.first_in_body == "skip":  # an element inside the skip link: no place there
            self.first_in_body = "other"
        if tag == "html" and not self.places.lang:
            self.places.lang = next((v or "" for k, v in attrs if k == "lang"), "")
        elif tag == "head" and self.places.head is None:
            self.places.head = self.span()[1]
        elif tag == "body" and self.places.body is None:
            self.places.body = self.span()[1]
        elif tag == "link" and "canonical" in values.get("rel", "").split():
            self.places.canonical = self.span()
        elif tag == "meta" and values.get("name") == "robots":
            self.places.robots.append(self.span())
        elif "href" in values:
            self.places.links.append((*self.span(), tag, attrs))

    handle_startendtag = handle_starttag

    def check_start(self, tag: str) -> None:
        if self.in_title:
            self.doubt(f"<{tag}> inside <title>")
        elif tag == "body" and self.places.head is None:
            self.doubt("no <head> start tag before <body>")
        elif tag not in HEAD_ELEMENTS | {"body"}:
            self.doubt(f"<{tag}> before <body>")
        elif tag not in ("html", "head", "body") and self.places.head is None:
            self.doubt(f"<{tag}> before <head>")
        self.in_title = self.in_title or tag == "title"
        self.started = True

    def handle_data(self, data: str) -> None:
        if self.cdata_elem == "script" and "<!--" in data:  # a browser may read on past
            self.doubt("'<!--' inside a <script>")  # its </script> (an escaped script)
        elif not self.in_title and self.cdata_elem is None and data.strip():
            self.doubt("text before <body>")

    def handle_comment(self, data: str) -> None:
        self.doubt("a comment before <body>")  # browsers and this parser end some apart

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html" or self.started:
            self.doubt(f"<!{decl}> before <body>")

    def unknown_decl(self, data: str) -> None:
        self.doubt("a <![...]> section before <body>")

    def handle_pi(self, data: str) -> None:
        self.doubt("a <?...> before <body>")

    def handle_endtag(self, tag: str) -> None:
        if self.in_title and tag != "title":
            self.doubt(f"</{tag}> inside <title>")
        elif tag not in HEAD_ELEMENTS - {"html"}:
            self.doubt(f"</{tag}> before <body>")
        self.in_title = self.in_title and tag != "title"
        if tag == "head" and self.places.head_end is None:
            self.places.head_end = self.at
        if tag == "a" and self.first_in_body == "skip":
            self.first_in_body = "closed"


def places(text: str) -> Places:
    finder = _Finder(text)
    finder.feed(text)
    finder.close()
    if finder.places.head is None or finder.places.body is None:
        finder.places.doubt = finder.places.doubt or (
            "no <head> start tag" if finder.places.head is None else "no <body> start tag")
    return finder.places


def stamp(text: str, how: Stamp) -> str:
    """An edition's page with the publisher's additions. The banner opens the body,
    after a skip link if the page starts with one (which must stay the first thing a
    keyboard reaches); its stylesheet comes last in the head, after the page's own.
    Raises Unstampable for a page where the stamp's places are not certain."""
    found = places(text)
    if found.doubt or found.head is None or found.body is None:
        raise Unstampable(found.doubt)
    link = escape(how.live, quote=True)
    banner_at = found.skip_link or found.body
    sheet_at = found.head if found.head_end is None else found.head_end
    edits = [(found.head, found.head, '\n<meta name="robots" content="noindex">'),
             (sheet_at, sheet_at, f'<link rel="stylesheet" href="{escape(how.stylesheet)}">\n'),
             (banner_at, banner_at, "\n" + banner_html(how.banner(found.lang), link))]
    if found.canonical is not None:
        edits.append((*found.canonical, f'<link rel="canonical" href="{link}">'))
    else:
        edits.append((found.head, found.head, f'\n<link rel="canonical" href="{link}">'))
    edits += [(start, end, "") for start, end in found.robots]  # its own "index": ours wins
    edits += relinked(text, found.links, how.relink)
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def banner_html(words: Banner, link: str) -> str:
    return (f'<aside class="edition-banner" aria-label="{escape(words.label)}" '
            f'lang="{escape(words.lang)}" dir="{escape(words.direction)}"><p>'
            f'{escape(words.text)} <a href="{link}">{escape(words.link)}</a></p></aside>')


def relinked(text: str, links: list[tuple[int, int, str, Attrs]],
             relink: Callable[[str], str | None]) -> list[tuple[int, int, str]]:
    """The tags whose href `relink` changes, each written again from its attributes
    (the rest of the tag as parsed: same names, same values)."""
    edits = []
    for start, end, tag, attrs in links:
        href = next(v for k, v in attrs if k == "href") or ""
        new = relink(href)
        if new is None or new == href:
            continue
        closed = text[start:end].endswith("/>")
        edits.append((start, end, start_tag(tag, [(k, new if k == "href" else v)
                                                  for k, v in attrs], closed)))
    return edits


def start_tag(tag: str, attrs: Attrs, closed: bool = False) -> str:
    written = "".join(f" {k}" if v is None else f' {k}="{escape(v, quote=True)}"'
                      for k, v in attrs)
    return f"<{tag}{written}{' /' if closed else ''}>"
