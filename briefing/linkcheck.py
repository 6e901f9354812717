"""After rendering: no root-absolute link may leave the site's base path.

A template that writes `href="/style.css"` works at a domain's root and breaks under
`/repo/` on GitHub Pages; the build fails instead, pointing at the output file.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .problems import Problem
from .urls import Urls

LINK_ATTRIBUTES = frozenset({"href", "src", "action", "poster", "data"})


class LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        self.links += [(line, column + 1, value) for name, value in attrs
                       if name in LINK_ATTRIBUTES and value]


def escaping_links(files: dict[str, bytes], urls: Urls, out: str) -> list[Problem]:
    problems = []
    for path, data in sorted(files.items()):
        if not path.endswith(".html"):
            continue
        finder = LinkFinder()
        finder.feed(data.decode("utf-8"))
        problems += [Problem(f"{out}/{path}", line, column,
                             f"the link '{link}' leaves the site's base path "
                             f"{urls.base_path}: in a template, use the url filter "
                             f"({{{{ '{link.lstrip('/')}'|url }}}})")
                     for line, column, link in finder.links if urls.escapes(link)]
    return problems
