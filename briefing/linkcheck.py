"""After rendering: no root-absolute link may leave the site's base path.

A template that writes `href="/style.css"` works at a domain's root and breaks under
`/repo/` on GitHub Pages; the build fails instead, pointing at the output file.
The pages are scanned with a pattern, not parsed: every attribute the templates and
markdown-it write is double-quoted, and a large site has thousands of pages.
"""

from __future__ import annotations

import re

from .problems import Problem
from .urls import Urls

ROOT_LINK = re.compile(r'\s(?:href|src|action|poster|data)="(/(?!/)[^"]*)"')


def escaping_links(files: dict[str, bytes], urls: Urls, out: str) -> list[Problem]:
    problems = []
    for path, data in sorted(files.items()):
        if not path.endswith(".html"):
            continue
        text = data.decode("utf-8")
        for match in ROOT_LINK.finditer(text):
            link = match.group(1)
            if urls.escapes(link):
                line = text.count("\n", 0, match.start(1)) + 1
                column = match.start(1) - text.rfind("\n", 0, match.start(1))
                problems.append(Problem(
                    f"{out}/{path}", line, column,
                    f"the link '{link}' leaves the site's base path {urls.base_path}: in a "
                    f"template, use the url filter ({{{{ '{link.lstrip('/')}'|url }}}})"))
    return problems
