"""Pages → bytes: the site in memory, or written page by page.

A `RenderMemo` keeps in memory, from one build to the next (the preview's): the
environment (each template compiled once), every event's HTML fragment (an event appears
on the chronology and on each of its actors' pages; it is rendered once), and each
reusable page's bytes by its context. An edited template drops what it was used for.
A `Renderer` is one build's: its sites, and the templates edited since the last. What a
page's filters need (the page, its site, the build's sites) is in the template context,
never on a shared object. The build cache (cache.py, on disk) is known here only as the
`KeptFragments` it implements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import jinja2
from jinja2.environment import TemplateModule
from jinja2.runtime import Context
from markupsafe import Markup

from ..model.story import Event
from ..parallel import map_in_shares
from .environment import generate, html_templates, make_environment, template_errors, users_of
from .filters import FRAGMENT, UP
from .messages import Messages
from .pages import Page, Site

FileStats = dict[str, tuple[int, int]]
T = TypeVar("T")
PARALLEL_FROM = 1000  # events (~0.2 ms each): fewer cost less than a new process


class KeptFragments(Protocol):
    """What rendering needs of the build cache (cache.py's BuildCache): events' fragments
    kept by the digest of what they show. Declared here, so that output/ never imports
    the cache, which sits above it."""

    digest: Callable[[object], bytes]  # a value's digest (its fields', for the model's)

    def fragment(self, key: bytes) -> str | None: ...

    def keep_fragment(self, key: bytes, html: str) -> None: ...


@dataclass
class RenderMemo:
    """What rendering remembers in memory from one build to the next (the preview's
    many builds): its memo, not the build cache."""

    env: jinja2.Environment | None = None
    messages: Messages | None = None
    stats: FileStats = field(default_factory=dict)
    # (language prefix, event id) → (event, html with UP for each link's way up to the
    # root). A hit is used only for the very same event object, which linker.py keeps
    # for an unchanged event from one build to the next (comparing events' fields, or
    # hashing them, for 10,000 events is not free).
    fragments: dict[tuple[str, str], tuple[Event, str]] = field(default_factory=dict)
    # a page's path → (what it was rendered from, its bytes)
    rendered: dict[str, tuple[tuple, bytes]] = field(default_factory=dict)
    # language prefix → (its site, `_event.html` made for that site object): one each
    modules: dict[str, tuple[Site, TemplateModule]] = field(default_factory=dict)

    def last(self, path: str) -> bytes:
        """The page as it was last rendered, or nothing."""
        hit = self.rendered.get(path)
        return hit[1] if hit is not None else b""

    def refresh(self, templates: Path) -> set[str]:
        """Forget what edited templates (or the templates using them) made; returns
        the templates to try again (all of them at first)."""
        stats = {p.relative_to(templates).as_posix(): (p.stat().st_mtime_ns,
                                                       p.stat().st_size)
                 for p in (*templates.glob("*.html"), *templates.glob("locales/*.po"))}
        changed = {name for name in stats.keys() | self.stats.keys()
                   if stats.get(name) != self.stats.get(name)}
        self.stats = stats
        if self.env is None or self.messages is None:
            self.messages = Messages(templates)
            self.env = make_environment(templates, self.messages,
                                        {"event_html": self.event_html})
            return set(stats)
        if not changed:
            return set()
        if any(name.endswith(".po") for name in changed):  # interface text: every page
            changed |= set(html_templates(self.env))
            self.messages.forget()
        touched = users_of(self.env, changed)
        self.env.cache.clear()  # compiled templates: compile again what was edited
        if "_event.html" in touched:
            self.fragments, self.modules = {}, {}
        self.rendered = {k: v for k, v in self.rendered.items()
                         if v[0][0].template not in touched}
        return touched

    @jinja2.pass_context
    def event_html(self, context: Context, event: Event) -> Markup:
        """An event as listed on the chronology and on actor pages. It is rendered once,
        with a stand-in for its links' way up to the root, filled in for each page:
        rendering it once per page depth took a quarter of a large build."""
        page = context.parent["page"]  # its prefix is its site's
        key = (page.prefix, event.id)
        hit = self.fragments.get(key)
        if hit is None or hit[0] is not event:
            hit = self.fragments[key] = (event, self.fragment(context.parent["site"], event))
        return Markup(hit[1].replace(UP, "../" * page.address.count("/")))

    def fragment(self, site: Site, event: Event) -> str:
        """The event's HTML by `_event.html`'s `fragment` macro, from a module made once
        for the site (making one per event, with its context, cost a tenth as much again
        as the event's HTML)."""
        assert self.env is not None
        env = self.env
        made, module = self.modules.get(site.prefix, (None, None))
        if made is not site or module is None:
            module = template_errors(lambda: env.get_template("_event.html").make_module(
                {"site": site, "page": FRAGMENT, "sites": (site,)}), env, "_event.html")
            self.modules[site.prefix] = (site, module)
        return template_errors(lambda: str(module.fragment(event)), env, "_event.html",
                               where(FRAGMENT))


def where(page: Page) -> str:
    """Where a template mistake happened, for its message."""
    return f" (rendering {page.address or 'the overview'})"


@dataclass(frozen=True)
class Renderer:
    """One build's rendering: every template problem becomes a BuildFailed."""

    memo: RenderMemo
    sites: dict[str, Site]  # every language's, by prefix, the original first
    touched: set[str]  # the templates edited since the last build

    @classmethod
    def for_build(cls, templates: Path, sites: Sequence[Site], memo: RenderMemo
                  ) -> Renderer:
        """A renderer of this build's sites (one per language, the original first), with
        the memo's environment."""
        touched = memo.refresh(templates)
        return cls(memo, {site.prefix: site for site in sites}, touched)

    @property
    def env(self) -> jinja2.Environment:
        assert self.memo.env is not None
        return self.memo.env

    def site_of(self, page: Page) -> Site:
        """The site of the page's language."""
        return self.sites.get(page.prefix) or next(iter(self.sites.values()))

    def render_fragments(self, events: Sequence[tuple[Site, Event]],
                         cache: KeptFragments | None = None) -> None:
        """Every event's fragment (in every language: (its site, the event)), rendered
        on every core before the pages that show them (each event is on the chronology
        and on its actors' pages). With `cache` (the build cache), fragments are
        taken from there by the digest of (site, event), and those made are kept."""
        fragments = self.memo.fragments
        todo = [(site, e) for site, e in events
                if fragments.get((site.prefix, e.id), (None,))[0] is not e]
        keys: dict[tuple[str, str], bytes] = {}
        if cache is not None:
            todo = self.cached_fragments(todo, cache, keys)
        elif len(todo) < PARALLEL_FROM:
            return  # rendered as pages ask for them
        made = (map_in_shares(todo, self.fragment_in) if len(todo) >= PARALLEL_FROM
                else [self.fragment_in(job) for job in todo])
        for (site, event), html in zip(todo, made, strict=True):
            fragments[site.prefix, event.id] = (event, html)
            if cache is not None:
                cache.keep_fragment(keys[site.prefix, event.id], html)

    def cached_fragments(self, todo: list[tuple[Site, Event]], cache: KeptFragments,
                         keys: dict[tuple[str, str], bytes]) -> list[tuple[Site, Event]]:
        """Take what `cache` has of `todo`'s fragments; returns those still to render,
        noting each one's key in `keys`."""
        sites = {site.prefix: cache.digest(site) for site, _ in todo}
        missing = []
        for site, event in todo:
            key = keys[site.prefix, event.id] = cache.digest((sites[site.prefix], event))
            html = cache.fragment(key)
            if html is None:
                missing.append((site, event))
            else:
                self.memo.fragments[site.prefix, event.id] = (event, html)
        return missing

    def fragment_in(self, job: tuple[Site, Event]) -> str:
        return self.memo.fragment(*job)

    def check(self, pages: list[Page]) -> None:
        """Compile every template, and render a page of each one edited since the last
        build, so that template mistakes show at once, not when a page is visited."""
        for name in html_templates(self.env):
            template_errors(lambda name=name: self.env.get_template(name), self.env, name)
        for template in self.touched:
            sample = next((page for page in pages if page.template == template), None)
            if sample is not None:
                self.render_page(sample)

    def render_page(self, page: Page) -> bytes:
        """The page's bytes, rendered again only if what it shows changed."""
        key = (page, self.site_of(page))
        hit = self.memo.rendered.get(page.path)
        if hit is not None and hit[0] == key:
            return hit[1]
        html = self.render(page.template, page, page.context).encode("utf-8")
        self.memo.rendered[page.path] = (key, html)
        return html

    def stream_page(self, page: Page, consume: Callable[[Iterator[str]], T]) -> T:
        """`consume` the page's text piece by piece as it is rendered (write.write_pieces
        for a build): the largest pages (the chronology) are then never whole in memory,
        as text and again as bytes (at 5,000 actors that was a third more than the
        build's peak)."""
        return self.rendered(page.template, page, page.context, consume)

    def render(self, name: str, page: Page, context: Mapping[str, object]) -> str:
        return self.rendered(name, page, context, "".join)

    def rendered(self, name: str, page: Page, context: Mapping[str, object],
                 consume: Callable[[Iterator[str]], T]) -> T:
        """`consume` the template's output for `page`, in its language's site."""
        variables = {"site": self.site_of(page), "page": page,
                     "sites": tuple(self.sites.values()), **context}
        return generate(self.env, name, variables, consume, where(page))


def static_files(templates: Path) -> dict[str, bytes]:
    """Everything under templates/static/, copied to the site root."""
    root = templates / "static"
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}
