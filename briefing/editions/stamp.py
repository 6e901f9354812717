"""The publisher's only additions to an edition's pages: `noindex`, a `canonical` link
to the live page, and a banner saying it is an edition, linking to the latest version.

Everything else stays the edition's own bytes. The places to insert at are found by an
HTML parser (the standard library's tokenizer, which reports where each tag starts), never
by searching the text: the end of `<head>`'s start tag, the end of `<body>`'s, and an
existing `canonical` link, which is replaced (a page has one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser


@dataclass
class Places:
    head: int | None = None  # just after <head ...>
    body: int | None = None  # just after <body ...>
    canonical: tuple[int, int] | None = None  # the <link rel="canonical"> tag's span
    robots: list[tuple[int, int]] = field(default_factory=list)  # <meta name="robots">
    skip_link: int | None = None  # just after the body's first element, a skip link's </a>


class _Finder(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.places = Places()
        self.first_in_body: str | None = None  # "skip" while inside a leading skip link

    def span(self) -> tuple[int, int]:
        line, column = self.getpos()
        start = self.starts[line - 1] + column
        return start, start + len(self.get_starttag_text() or "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "").lower() for k, v in attrs}
        if self.places.body is not None and self.first_in_body is None:
            skip = tag == "a" and "skip-link" in values.get("class", "").split()
            self.first_in_body = "skip" if skip else "other"
        if tag == "head" and self.places.head is None:
            self.places.head = self.span()[1]
        elif tag == "body" and self.places.body is None:
            self.places.body = self.span()[1]
        elif tag == "link" and "canonical" in values.get("rel", "").split():
            self.places.canonical = self.span()
        elif tag == "meta" and values.get("name") == "robots":
            self.places.robots.append(self.span())

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.first_in_body == "skip" and self.places.skip_link is None:
            line, column = self.getpos()
            start = self.starts[line - 1] + column
            self.places.skip_link = self.text.index(">", start) + 1
            self.first_in_body = "done"


def places(text: str) -> Places:
    finder = _Finder(text)
    finder.feed(text)
    finder.close()
    return finder.places


def stamp(text: str, live: str, when: str) -> str:
    """An edition's page with the three additions: `live` is the URL of the same page in
    the live briefing (or its home), `when` the edition's date as words. The banner
    opens the body, after a skip link if the page starts with one (which must stay the
    first thing a keyboard reaches)."""
    found = places(text)
    if found.head is None or found.body is None:
        return text  # not a page (a fragment, a redirect stub): left as it was
    link = escape(live, quote=True)
    banner_at = found.skip_link or found.body
    edits = [(found.head, found.head, '\n<meta name="robots" content="noindex">'),
             (banner_at, banner_at,
              f'\n<aside class="edition-banner" aria-label="About this edition" lang="en" '
              f'dir="ltr"><p>An edition of {escape(when)}. <a href="{link}">See the latest '
              f'version</a></p></aside>')]
    if found.canonical is not None:
        edits.append((*found.canonical, f'<link rel="canonical" href="{link}">'))
    else:
        edits.append((found.head, found.head, f'\n<link rel="canonical" href="{link}">'))
    edits += [(start, end, "") for start, end in found.robots]  # its own "index": ours wins
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text
