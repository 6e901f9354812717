"""The pipeline: read and check everything, then render in memory, then write.

`check` is the same pipeline stopped before rendering. Problems are returned, not
printed: the command line prints them once.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import feeds
from .linkcheck import escaping_links
from .load import load_and_check
from .model import Briefing
from .pages import Page, plan_pages
from .problems import BuildFailed, Problem, display_path
from .render import RenderCache, render_pages, static_files
from .search import index_for_search
from .write import check_output, write_site

Later = dict[str, Callable[[], bytes]]


def render_site(briefing: Briefing, content: Path, templates: Path,
                cache: RenderCache | None = None) -> tuple[dict[str, bytes], Later]:
    """The site as {path: bytes} (pages, static files), and {path: how to make it} for
    the machine-readable files, which a preview makes only when they are asked for."""
    pages = plan_pages(briefing)
    files = asset_files(briefing, content, templates)
    files |= render_pages(briefing, templates, pages, cache)
    return files, machine_files(briefing, pages)


def machine_files(briefing: Briefing, pages: list[Page]) -> Later:
    return {
        "sitemap.xml": lambda: feeds.sitemap(briefing, pages),
        "feed.xml": lambda: feeds.atom_feed(briefing),
        "robots.txt": lambda: feeds.robots(briefing),
        "briefing.json": lambda: feeds.briefing_json(briefing),
    }


def asset_files(briefing: Briefing, content: Path, templates: Path) -> dict[str, bytes]:
    """Everything but the pages: static files, images from content/, host files."""
    return static_files(templates) | media_files(briefing, content) | host_files(briefing)


def media_files(briefing: Briefing, content: Path) -> dict[str, bytes]:
    """Images kept in content/, copied to the same path in the site."""
    images = [a.image for a in briefing.actors if a.image] + [briefing.share_image]
    return {image.src: (content / image.src).read_bytes() for image in images
            if image and image.is_local}


def host_files(briefing: Briefing) -> dict[str, bytes]:
    """For GitHub Pages: `.nojekyll` (serve the files as they are) and, for a custom
    domain, `CNAME`."""
    files = {".nojekyll": b""}
    if briefing.cname:
        files["CNAME"] = f"{briefing.cname}\n".encode()
    return files


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building: a build makes millions of
    objects and little garbage, and the collector would walk them all again and again
    (about a fifth of a large build's time)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def build(content: Path, out: Path, templates: Path, base_url: str | None = None,
          strict: bool = False) -> tuple[list[Problem], int]:
    """Build the site; returns (problems, files written). Raises BuildFailed on errors."""
    check_output(out, content)
    with collector_paused():
        briefing, problems = load_and_check(content, strict, base_url=base_url)
        if briefing is None:
            raise BuildFailed(problems)
        files, later = render_site(briefing, content, templates)
        files |= {path: make() for path, make in later.items()}
        escaping = escaping_links(files, briefing.urls, display_path(out))
        if escaping:
            raise BuildFailed(escaping)
        write_site(files, out, finish=index_for_search)
        return problems, len(files)
