"""After rendering: no root-absolute link may leave the site's base path.

A template that writes `href="/style.css"` works at a domain's root and breaks under
`/repo/` on GitHub Pages; the build fails instead, pointing at the output file.
The pages are scanned with a pattern, not parsed: every attribute the templates and
markdown-it write is double-quoted, and a large site has thousands of pages.
"""

from __future__ import annotations

import re

from ..problems import Problem
from .urls import Urls

# Found from the '="/' that starts a root link (rare: the site's links are relative), then
# its attribute checked: scanning from each attribute instead took a tenth of a build.
ROOT_LINK = re.compile(rb'="(/(?!/)[^"]*)"')
LINK_ATTRIBUTE = re.compile(rb'\s(?:href|src|action|poster|data)\Z')


def escaping_links(path: str, html: bytes, urls: Urls, out: str) -> list[Problem]:
    """The links of one page (`path` in the site written to `out`) that leave the base
    path, as problems at their line and column."""
    problems = []
    for match in ROOT_LINK.finditer(html):
        if not LINK_ATTRIBUTE.search(html, max(0, match.start() - 8), match.start()):
            continue
        link = match.group(1).decode("utf-8")
        if urls.escapes(link):
            before = html[:match.start(1)].decode("utf-8")
            line = before.count("\n") + 1
            column = len(before) - before.rfind("\n")
            problems.append(Problem(
                f"{out}/{path}", line, column,
                f"the link '{link}' leaves the site's base path {urls.base_path}: in a "
                f"template, use the url filter ({{{{ '{link.lstrip('/')}'|url }}}})"))
    return problems
