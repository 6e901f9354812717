"""Every URL the site writes comes from here, so the site works at any base path.

Links between pages are relative (`../actors/putin/`): they hold under `/`, `/repo/`
or a custom domain alike. Links that cannot know the page they sit on start from the
base path (`/repo/actors/putin/`): the 404 page, served at whatever URL was missing,
and Markdown's root links, which one field may show on pages at several depths.
What the web needs whole (canonical links, feeds, sitemap, Open Graph, JSON-LD) is
absolute, and exists only when the site's base URL is known.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..linking.markdown import base_path

# Where pictures from content/ are published: a folder of their own, so that none can
# land on a page or a file from templates/static/ (reading/media.py says which are).
MEDIA = "media/"
# Where the cards to embed are (embeds.py): pages for iframes, never indexed.
EMBED = "embed/"


def media_file(src: str) -> str:
    """The site path a picture from content/ (`src`, as written) is copied to."""
    return MEDIA + src


def media_link(src: str) -> str:
    """The same as a link: a name with spaces or other letters, percent-encoded."""
    return quote(media_file(src))


@dataclass(frozen=True, slots=True)
class Urls:
    base_url: str | None = None  # e.g. https://owner.github.io/repo/ (with or without /)

    @property
    def base_path(self) -> str:
        """'/repo/' for https://owner.github.io/repo, '/' for a domain's root."""
        return base_path(self.base_url)

    def relative(self, target: str, page_url: str) -> str:
        """`target` (a site path such as 'actors/putin/#quotes') seen from a page."""
        path, _, fragment = target.partition("#")
        if path == page_url and fragment:
            return f"#{fragment}"
        return ("../" * page_url.count("/") + target) or "./"

    def path(self, target: str) -> str:
        """`target` from the server's root: '/repo/actors/putin/'."""
        return self.base_path + target.lstrip("/")

    def absolute(self, target: str) -> str | None:
        """The whole URL, or None when the base URL is not known."""
        if not self.base_url:
            return None
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return base + target.lstrip("/")

    def escapes(self, link: str) -> bool:
        """A root-absolute link ('/x') that leaves the base path: broken once published."""
        return (link.startswith("/") and not link.startswith("//")
                and not (link + "/").startswith(self.base_path))
