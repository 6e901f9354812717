"""The pipeline: read and check everything, then render and write, into a new folder
that replaces the old site only when the whole build has succeeded.

`check` is the same pipeline stopped before rendering. Problems are returned, not
printed: the command line prints them once.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .content.load import load_and_check
from .content.model import Briefing
from .output import feeds, i18n
from .output.linkcheck import escaping_links
from .output.pages import Page, Site, plan_site
from .output.render import RenderCache, Renderer, static_files
from .output.search import index_for_search
from .output.write import check_output, new_folder, write_files
from .parallel import share_out
from .problems import BuildFailed, Problem, display_path

Later = dict[str, Callable[[], bytes]]
PARALLEL_FROM = 300  # pages


def runs(pages: list[Page], size: int = 50) -> list[list[Page]]:
    """The pages in runs of `size`, the overview, chronology and lists (one page each
    large) first."""
    singles = [[page] for page in pages if page.template not in ("actor.html", "article.html")]
    rest = [page for page in pages if page.template in ("actor.html", "article.html")]
    return singles + [rest[i:i + size] for i in range(0, len(rest), size)]


def machine_files(briefing: Briefing, pages: list[Page], templates: Path) -> Later:
    """The sitemap (every language's pages), a feed per language, robots.txt and the
    facts as JSON (the original's)."""
    files: Later = {
        "sitemap.xml": lambda: feeds.sitemap(briefing, pages),
        "robots.txt": lambda: feeds.robots(briefing),
        "briefing.json": lambda: feeds.briefing_json(briefing),
    }
    for b in (briefing, *briefing.translations):
        files[f"{b.prefix}feed.xml"] = lambda b=b: feeds.atom_feed(
            b, i18n.catalog(templates, b.language))
    return files


def plan(briefing: Briefing, templates: Path, search: bool = True, editions: bool = False
         ) -> tuple[tuple[Site, ...], list[Page]]:
    """Every language's site and pages, the interface text from templates/locales/."""
    return plan_site(briefing, lambda lang: i18n.catalog(templates, lang), search, editions)


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
          strict: bool = False, search: bool = True, editions: bool = False
          ) -> tuple[list[Problem], int]:
    """Build the site; returns (problems, files written). Raises BuildFailed on errors.
    `search`: make the search index (the longest step of a large build); `editions`:
    link to the list of editions (`build.py editions` writes it)."""
    check_output(out, content)
    with collector_paused():
        briefing, problems = load_and_check(content, strict, base_url=base_url, parallel=True)
        if briefing is None:
            raise BuildFailed(problems)
        sites, pages = plan(briefing, templates, search, editions)
        renderer = Renderer.for_build(templates, sites, RenderCache())
        shown = display_path(out)
        later = machine_files(briefing, pages, templates)
        # Jobs, largest first: the machine-readable files, then the pages in runs.
        jobs = list(later) + runs(pages)

        def write_job(job: int) -> tuple[int, list[Problem]]:
            """Make one job's files in the new folder; problems: links that escape."""
            if isinstance(jobs[job], str):
                return write_files(fresh, [(jobs[job], later[jobs[job]]())]), []
            escaping = []
            for page in jobs[job]:
                renderer.write_page(page, fresh / page.path)
                escaping += escaping_links(page.path, (fresh / page.path).read_bytes(),
                                           sites[0].urls, shown)
            return len(jobs[job]), escaping

        renderer.render_fragments([(site, event) for site, b in zip(
            sites, (briefing, *briefing.translations), strict=True) for event in b.events])
        with new_folder(out) as fresh:
            written = write_files(fresh, asset_files(briefing, content, templates).items())
            # Two processes pay from a few hundred pages on (benchmarks/README.md).
            done = share_out(len(jobs), write_job, 2 if len(pages) >= PARALLEL_FROM else 1)
            escaping = sorted(p for _, found in done for p in found)
            if escaping:
                raise BuildFailed(escaping)
            written += sum(count for count, _ in done)
            if search:
                index_for_search(fresh, tuple(site.prefix for site in sites[1:]))
        return problems, written


def write_single_page(content: Path, out: Path, templates: Path, base_url: str | None,
                      page: Page) -> None:
    """One page of the live briefing's look, written after its build (the list of
    editions, which only the publisher knows). Raises BuildFailed on content errors."""
    briefing, problems = load_and_check(content, base_url=base_url)
    if briefing is None:
        raise BuildFailed(problems)
    sites, _ = plan(briefing, templates, editions=True)
    renderer = Renderer.for_build(templates, sites, RenderCache())
    renderer.write_page(page, out / page.path)
