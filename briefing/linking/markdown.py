"""The one Markdown configuration: no raw HTML, safe link schemes, typographic quotes."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin

from ..reading.ids import slugify

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def safe_link(url: str) -> bool:
    """Links may be relative, #fragments, or use http, https or mailto; nothing else."""
    match = SCHEME_RE.match(url.lstrip("\x00\x20\t\n\r\f\v"))
    return match is None or match.group(1).lower() in SAFE_SCHEMES


@lru_cache(maxsize=16)  # asked for every link of every page (Urls.base_path)
def base_path(base_url: str | None) -> str:
    """The path the site is served under: '/repo/' for https://owner.github.io/repo,
    '/' for a domain's root or no base URL."""
    path = urlsplit(base_url).path if base_url else "/"
    return posixpath.join(path, "") if path.startswith("/") else "/"


def rebase_links(state: StateCore) -> None:
    """Root links ('/actors/putin/') point into the site: start them from its base path
    (urls.py), so they hold on every page and under any sub-path."""
    base_path = state.env.get("base_path", "/")
    for token in state.tokens:
        for child in token.children or ():
            attr = {"link_open": "href", "image": "src"}.get(child.type)
            link = child.attrGet(attr) if attr else None
            if isinstance(link, str) and link.startswith("/") and not link.startswith("//"):
                child.attrSet(attr, base_path + link[1:])


def make_markdown(heading_anchors: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True})
    md.enable(["replacements", "smartquotes", "strikethrough", "table"])
    md.validateLink = safe_link  # type: ignore[method-assign]
    md.core.ruler.push("rebase_links", rebase_links)
    if heading_anchors:
        anchors_plugin(md, min_level=1, max_level=4, slug_func=slugify)
    return md


FIELD_MD = make_markdown()
ARTICLE_MD = make_markdown(heading_anchors=True)


def render_block(text: str, base_path: str = "/") -> Markup:
    return Markup(FIELD_MD.render(text, {"base_path": base_path}))


def render_inline(text: str, base_path: str = "/") -> Markup:
    """For one-line fields shown inside other markup (key points): no wrapping <p>."""
    return Markup(FIELD_MD.renderInline(text, {"base_path": base_path}))


def parse_article(body: str, base_path: str = "/") -> list[Token]:
    return ARTICLE_MD.parse(body, {"base_path": base_path})


def render_tokens(tokens: Sequence[Token]) -> Markup:
    return Markup(ARTICLE_MD.renderer.render(tokens, ARTICLE_MD.options, {}))
