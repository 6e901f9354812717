"""The pipeline: read and check everything, then render and write, into a new folder
that replaces the old site only when the whole build has succeeded.

Every command that makes pages assembles the site one way, prepare(): loaded and
checked, then planned, with the renderer of its sites. `check` is the same pipeline
stopped after loading. Problems are returned, not printed: the command line prints
them once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from babel.support import NullTranslations

from .admin import FOLDER as ADMIN
from .admin import admin_files
from .cache import BuildCache, Touched, file_digest
from .linking.linker import LinkMemo
from .linking.loading import load_and_check
from .model.briefing import Briefing
from .output import embeds, feeds, i18n
from .output.linkcheck import escaping_links
from .output.machine import MachineFile
from .output.pages import Page, Site, plan_site
from .output.plan_memo import PlanMemo
from .output.render import Renderer, RenderMemo, static_files
from .output.search import index_for_search
from .output.urls import EMBED, MEDIA, media_file
from .output.write import (
    carry_over,
    check_output,
    new_folder,
    sweep_leftovers,
    write_files,
    write_pieces,
)
from .parallel import share_out
from .problems import BuildFailed, Problem, display_path

PARALLEL_FROM = 300  # pages


Later = dict[str, MachineFile]


def runs(pages: list[Page], size: int = 50) -> list[list[Page]]:
    """The pages in runs of `size`, the overview, chronology and lists (one page each
    large) first; actors, articles and cards to embed (many, each small) after."""
    singles = [[page] for page in pages if not in_runs(page)]
    rest = [page for page in pages if in_runs(page)]
    return singles + [rest[i:i + size] for i in range(0, len(rest), size)]


def in_runs(page: Page) -> bool:
    return page.template in ("actor.html", "article.html") or page.template.startswith("card_")


def machine_files(briefing: Briefing, pages: list[Page], templates: Path,
                  memo: PlanMemo | None = None) -> Later:
    """The sitemap (every language's pages), a feed per language, robots.txt, the
    facts as JSON (the original's) and each card's oEmbed answer (`memo`: the plan's,
    whose cards they answer for)."""
    files: Later = {
        "sitemap.xml": MachineFile(lambda: feeds.sitemap(briefing, pages),
                                   lambda: feeds.sitemap_shows(briefing, pages)),
        "robots.txt": MachineFile(lambda: feeds.robots(briefing), lambda: (briefing.base_url,)),
        "briefing.json": MachineFile(lambda: feeds.briefing_json(briefing)),
    }
    for b in (briefing, *briefing.translations):
        files[f"{b.prefix}feed.xml"] = MachineFile(lambda b=b: feeds.atom_feed(
            b, i18n.catalog(templates, b.language)), lambda b=b: feeds.feed_shows(b))
    return files | embeds.oembed_files(briefing, lambda lang: i18n.catalog(templates, lang),
                                       memo)


def plan(briefing: Briefing, templates: Path, search: bool = True, editions: bool = False,
         memo: PlanMemo | None = None) -> tuple[tuple[Site, ...], list[Page]]:
    """Every language's site and pages, the interface text from templates/locales/."""
    return plan_site(briefing, lambda lang: i18n.catalog(templates, lang), search, editions,
                     memo)


def asset_files(briefing: Briefing, content: Path, templates: Path, admin: bool = True
                ) -> dict[str, bytes]:
    """Everything but the pages: static files, images from content/, host files and,
    when briefing.yaml asks for them and `admin`, the forms at /admin/ (the CMS npm
    installed in the project's folder, beside templates/). Raises BuildFailed for a
    static file where pictures from content/ go, or a CMS not installed as published."""
    static = static_files(templates)
    taken = sorted(path for path in static if path.startswith(MEDIA))
    if taken:
        raise BuildFailed([Problem(display_path(templates / "static" / path), 1, 1,
                                   f"the site's {MEDIA} holds the pictures from content/: "
                                   "move this file elsewhere in templates/static/")
                           for path in taken])
    forms = admin_files(briefing, templates.resolve().parent) if admin else {}
    return static | media_files(briefing, content) | host_files(briefing) | forms


def media_files(briefing: Briefing, content: Path) -> dict[str, bytes]:
    """Pictures kept in content/ (checked by the loader: reading/media.py), copied into
    the site's media/."""
    images = [a.image for a in briefing.actors if a.image] + [briefing.share_image]
    return {media_file(image.src): (content / image.src).read_bytes() for image in images
            if image and image.is_local}


def host_files(briefing: Briefing) -> dict[str, bytes]:
    """For GitHub Pages: `.nojekyll` (serve the files as they are) and, for a custom
    domain, `CNAME`."""
    files = {".nojekyll": b""}
    if briefing.cname:
        files["CNAME"] = f"{briefing.cname}\n".encode()
    return files


@dataclass(frozen=True)
class Prepared:
    """A briefing loaded, checked and planned, with the renderer of its sites: what
    every command that makes pages starts from (build, the preview, the editions list).
    `check` is the loading alone (load_and_check), without the renderer to import."""
    briefing: Briefing
    problems: list[Problem]
    sites: tuple[Site, ...]
    pages: list[Page]
    renderer: Renderer

    @property
    def briefings(self) -> tuple[Briefing, ...]:
        """The briefing in each of its sites' languages, the original first."""
        return (self.briefing, *self.briefing.translations)


def prepare(content: Path, templates: Path, *, strict: bool = False,
            base_url: str | None = None, search: bool = True, editions: bool = False,
            link_memo: LinkMemo | None = None, render_memo: RenderMemo | None = None,
            parallel: bool = False, cache: BuildCache | None = None) -> Prepared:
    """The one way a site is assembled: loaded, then planned. Raises BuildFailed."""
    return assemble(*load(content, strict, base_url, link_memo, parallel, cache), templates,
                    search=search, editions=editions, render_memo=render_memo)


def load(content: Path, strict: bool = False, base_url: str | None = None,
         link_memo: LinkMemo | None = None, parallel: bool = False,
         cache: BuildCache | None = None) -> tuple[Briefing, list[Problem]]:
    """prepare()'s first half: read and check. Raises BuildFailed on errors."""
    briefing, problems = load_and_check(content, strict, link_memo, base_url, parallel, cache)
    if briefing is None:
        raise BuildFailed(problems)
    return briefing, problems


def assemble(briefing: Briefing, problems: list[Problem], templates: Path, *,
             search: bool = True, editions: bool = False,
             render_memo: RenderMemo | None = None, plan_memo: PlanMemo | None = None
             ) -> Prepared:
    """prepare()'s second half: the sites and pages planned, and their renderer (with
    `render_memo` and `plan_memo`, what an earlier one rendered and planned: the
    preview's). Raises BuildFailed for a broken catalog or template."""
    sites, pages = plan(briefing, templates, search, editions, plan_memo)
    renderer = Renderer.for_build(templates, sites, render_memo or RenderMemo())
    return Prepared(briefing, problems, sites, pages, renderer)


def build(content: Path, out: Path, templates: Path, base_url: str | None = None,
          strict: bool = False, search: bool = True, editions: bool = False,
          cache: Path | None = None, admin: bool = True) -> tuple[list[Problem], int]:
    """Build the site; returns (problems, files written). Raises BuildFailed on errors.
    `search`: make the search index (the longest step of a large build); `editions`:
    link to the list of editions (`build.py editions` writes it), and keep the last
    site's (the list in each language, the editions) in the new one; `cache`: a folder
    where a build keeps what the next one can reuse (cache.py); `admin`: write the forms
    at /admin/ if briefing.yaml asks for them (an edition has none). The garbage collector
    is the caller's to pause (the command line does: cli/collector.py)."""
    check_output(out, content)
    sweep_leftovers(out)
    build_cache = BuildCache(cache, templates) if cache is not None else None
    # Linking's memo, seeded with what the build cache kept: it notes what is used
    memo = LinkMemo(markdown=Touched(build_cache.kept.markdown),
                    articles=Touched(build_cache.kept.articles)) if build_cache else None
    prepared = prepare(content, templates, strict=strict, base_url=base_url,
                       search=search, editions=editions, link_memo=memo,
                       parallel=True, cache=build_cache)
    writing = Writing.of(prepared, templates, out, build_cache)
    prepared.renderer.render_fragments(
        [(site, event) for site, b in zip(prepared.sites, prepared.briefings, strict=True)
         for event in b.events], build_cache)
    with new_folder(out) as fresh:
        written = write_files(fresh, asset_files(prepared.briefing, content, templates,
                                                 admin).items())
        done = writing.write_all(fresh)
        written += sum(count for count, _, _ in done)
        if search:
            index_for_search(fresh, tuple(site.prefix for site in prepared.sites[1:]),
                             unindexed=(EMBED, ADMIN))
        if editions:  # after the search index, which leaves them out
            carry_over(out, fresh, [f"{site.prefix}editions" for site in prepared.sites])
    if build_cache is not None:
        build_cache.save(memo.markdown.touched(), memo.articles.touched(),  # type: ignore
                         [one for _, _, made in done for one in made])
    return prepared.problems, written


Made = list[tuple[str, bytes, bytes]]  # (path, key, digest) of files the next build may reuse


@dataclass(frozen=True)
class Writing:
    """The pages and machine files of a build, as jobs for share_out: largest first, the
    machine files, then the pages in runs, then the cards' oEmbed answers in runs (one
    job each would pass share_out's limit on a large briefing). With the build cache, a
    file whose inputs are those of the file left in `out` by the last build is that
    file again (linked, not made)."""
    prepared: Prepared
    later: Later
    jobs: list[str | list[Page] | tuple[str, ...]]
    out: Path
    cache: BuildCache | None
    site_keys: dict[str, bytes]
    whole: bytes  # the digest of the briefing, for what shows all of it
    shown: str  # `out` as problems name it

    @classmethod
    def of(cls, prepared: Prepared, templates: Path, out: Path, cache: BuildCache | None
           ) -> Writing:
        later = machine_files(prepared.briefing, prepared.pages, templates)
        # the cards' oEmbed answers, one per card and language, in runs like the pages
        small = [name for name in later if name.endswith(embeds.OEMBED)]
        jobs: list[str | list[Page] | tuple[str, ...]] = [
            *(name for name in later if not name.endswith(embeds.OEMBED)),
            *runs(prepared.pages), *(tuple(small[i:i + 500]) for i in range(0, len(small), 500))]
        site_keys = {site.prefix: cache.digest(site) for site in prepared.sites} if cache else {}
        whole = cache.digest(prepared.briefing) if cache else b""
        return cls(prepared, later, jobs, out, cache, site_keys, whole, display_path(out))

    def write_all(self, fresh: Path) -> list[tuple[int, list[Problem], Made]]:
        """Every job written into `fresh`; raises BuildFailed for links that escape.
        Two processes pay from a few hundred pages on (benchmarks/README.md)."""
        done = share_out(len(self.jobs), lambda job: self.write_job(job, fresh),
                         2 if len(self.prepared.pages) >= PARALLEL_FROM else 1)
        escaping = sorted(p for _, found, _ in done for p in found)
        if escaping:
            raise BuildFailed(escaping)
        return done

    def write_job(self, job: int, fresh: Path) -> tuple[int, list[Problem], Made]:
        """One job's files in `fresh`; returns (files, links that escape, those made)."""
        name = self.jobs[job]
        if isinstance(name, str):
            return 1, [], self.write_machine_file(name, fresh)
        if isinstance(name, tuple):
            return len(name), [], [one for n in name for one in self.write_machine_file(n, fresh)]
        escaping: list[Problem] = []
        made: Made = []
        for page in name:
            made += self.write_page(page, fresh, escaping)
        return len(name), escaping, made

    def write_machine_file(self, name: str, fresh: Path) -> Made:
        cache, made = self.cache, self.later[name]
        key = cache.digest((name, self.whole if made.shows is None else made.shows())
                           ) if cache else None
        found = cache.reuse(name, key, self.out, fresh) if cache else None
        if found is None:
            data = made.make()
            write_files(fresh, [(name, data)])
            found = file_digest(data)
        return [] if key is None else [(name, key, found)]

    def write_page(self, page: Page, fresh: Path, escaping: list[Problem]) -> Made:
        """A page rendered (or reused); links that escape the site are added to
        `escaping`. It is written as it is rendered and then read back for the link
        check and its digest: from the system's page cache, which costs less than
        holding the largest pages whole (Renderer.stream_page)."""
        cache = self.cache
        key = page_key(cache, self.site_keys, page) if cache else None
        found = cache.reuse(page.path, key, self.out, fresh) if cache else None
        if found is None:
            target = fresh / page.path
            self.prepared.renderer.stream_page(page, partial(write_pieces, target))
            data = target.read_bytes()
            escaping += escaping_links(page.path, data, self.prepared.sites[0].urls,
                                       self.shown)
            found = file_digest(data) if key else None
        return [(page.path, key, found)] if key is not None and found is not None else []


def page_key(cache: BuildCache, site_keys: dict[str, bytes], page: Page) -> bytes | None:
    """The digest of what a page shows (None for the 404 page: it speaks every
    language, so shows every site)."""
    if page.template == "404.html":
        return None
    return cache.digest((site_keys[page.prefix], page))


def write_in_every_language(content: Path, out: Path, templates: Path, base_url: str | None,
                            make: Callable[[Site, NullTranslations], Page]) -> list[str]:
    """A page of the live briefing's look written after its build, in each of its
    languages (`make` gives it for a language's site, in that language's words), each
    with its language switcher and hreflang: the list of editions, which only the
    publisher knows. Returns the files written. Raises BuildFailed on content errors."""
    prepared = prepare(content, templates, base_url=base_url, editions=True)
    sites = prepared.sites
    pages = [replace(make(site, i18n.catalog(templates, site.language)), prefix=site.prefix)
             for site in sites]
    if len(sites) > 1:
        pages = [replace(page, alternates=sites[0].languages) for page in pages]
    for page in pages:
        # carried over from the last site, the file may be a link to that site's: a new file
        (out / page.path).unlink(missing_ok=True)
        prepared.renderer.stream_page(page, partial(write_pieces, out / page.path))
    return [page.path for page in pages]
