"""Pages → bytes: the Jinja environment, its filters, and the whole site in memory.

A `RenderCache` keeps, from one build to the next: the environment (each template
compiled once), every event's HTML fragment (an event appears on the chronology and on
each of its actors' pages; it is rendered once), and each reusable page by its context.
An edited template drops what it was used for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import jinja2
from jinja2 import meta
from markupsafe import Markup, escape

from ..content.dates import Moment, PartialDate, range_parts
from ..content.model import CLAIM_HEADINGS, Event
from ..content.schema import CLAIM_STATUSES, STATUSES
from ..parallel import map_in_shares
from ..problems import BuildFailed, Problem, display_path
from .pages import Page, Site
from .structured import json_ld

Stamps = dict[str, tuple[int, int]]
T = TypeVar("T")
UP = "\x1f"  # stands for "../" × page depth in a fragment's links; never in content
FRAGMENT = Page(UP, "_event.html", "", "")  # the page a fragment is rendered "on"
PARALLEL_FROM = 1000  # events (~0.2 ms each): fewer cost less than a new process
NOTE_HEADINGS = {"correction": "Correction", "clarification": "Clarification",
                 "withdrawal": "Withdrawn"}


@dataclass
class RenderCache:
    renderer: Renderer | None = None
    stamps: Stamps = field(default_factory=dict)
    # id(event) → (event, html with UP for each link's way up to the root): keyed by
    # identity, which load.py keeps for unchanged events from one build to the next
    # (hashing 10,000 events is not free).
    fragments: dict[int, tuple[Event, str]] = field(default_factory=dict)
    pages: dict[str, tuple[tuple, bytes]] = field(default_factory=dict)

    def last(self, path: str) -> bytes:
        """The page as it was last rendered, or nothing."""
        hit = self.pages.get(path)
        return hit[1] if hit is not None else b""

    def refresh(self, templates: Path) -> set[str]:
        """Forget what edited templates (or the templates using them) made; returns
        the templates to try again (all of them at first)."""
        stamps = {p.name: (p.stat().st_mtime_ns, p.stat().st_size)
                  for p in templates.glob("*.html")}
        changed = {name for name in stamps.keys() | self.stamps.keys()
                   if stamps.get(name) != self.stamps.get(name)}
        self.stamps = stamps
        if self.renderer is None:
            self.renderer = Renderer(templates, self)
            return set(stamps)
        if not changed:
            return set()
        env = self.renderer.env
        touched = users_of(env, changed)
        env.cache.clear()  # compiled templates: compile again what was edited
        if "_event.html" in touched:
            self.fragments = {}
        self.pages = {k: v for k, v in self.pages.items() if v[0][0] not in touched}
        return touched


def users_of(env: jinja2.Environment, changed: set[str]) -> set[str]:
    """The changed templates and every template that extends, includes or imports them."""
    users = set(changed)
    names = env.list_templates(filter_func=lambda n: n.endswith(".html"))
    grew = True
    while grew:
        grew = False
        for name in names:
            if name not in users and referenced(env, name) & users:
                users.add(name)
                grew = True
    return users


def referenced(env: jinja2.Environment, name: str) -> set[str]:
    source = env.loader.get_source(env, name)[0]
    try:
        return set(filter(None, meta.find_referenced_templates(env.parse(source))))
    except jinja2.TemplateSyntaxError:
        return set()


def make_environment(templates: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates are checked for edits once per build (RenderCache.refresh), not at
        # every use: a large site renders thousands of pages from a dozen templates.
        auto_reload=False,
    )


def date_html(date: PartialDate) -> Markup:
    return time_html(date.iso, date.text())


def moment_html(moment: Moment) -> Markup:
    """'16 May 2025, 09:30 UTC+3' in a <time> with the moment as written."""
    return time_html(moment.iso, moment.text())


def time_html(iso: str, text: str) -> Markup:
    # An f-string of escaped parts: Markup.format took a tenth of rendering an event.
    return Markup(f'<time datetime="{escape(iso)}">{escape(text)}</time>')


def when(event: Event) -> Markup:
    """An event's date at its precision: '12 May 2025', 'c. 2019', '1 July – 30 September 2025'."""
    start, end = range_parts(event.date, event.end)
    html = time_html(event.date.iso, start)
    if end is not None and event.end is not None:
        html += Markup(" – ") + time_html(event.end.iso, end)
    if event.approximate:
        html = Markup('<abbr title="circa, around">c.</abbr> ') + html
    return html


class Renderer:
    """Renders pages with a cache; every template problem becomes a BuildFailed.

    One renderer lives as long as its environment (in the RenderCache), because the
    templates' `url` filter and `event_html` are its methods: they need the page being
    rendered, which the renderer tracks, so that `_macros.html` can be imported without
    context, compiled and evaluated once instead of at every page and fragment.
    """

    def __init__(self, templates: Path, cache: RenderCache):
        self.templates = templates
        self.cache = cache
        self.site: Site | None = None
        self.current: Page | None = None
        self.touched: set[str] = set()
        self.env = make_environment(templates)
        self.env.filters["url"] = self.url
        self.env.globals.update(when=when, date=date_html, moment=moment_html,
                                statuses=STATUSES, note_headings=NOTE_HEADINGS,
                                claim_statuses=CLAIM_STATUSES, claim_headings=CLAIM_HEADINGS,
                                event_html=self.event_html, json_ld=self.json_ld)

    @classmethod
    def for_build(cls, templates: Path, site: Site, cache: RenderCache) -> Renderer:
        """The cache's renderer, ready for this build's site."""
        touched = cache.refresh(templates)
        assert cache.renderer is not None
        cache.renderer.site, cache.renderer.touched = site, touched
        return cache.renderer

    @jinja2.pass_context  # not for the context: it keeps Jinja from folding the call
    def url(self, _context: jinja2.runtime.Context, target: str) -> str:  # at compile time
        """A link to a site path ("actors/putin/#quotes"), relative to the current page.

        Relative links keep the site working under any sub-path (`/repo/`). The 404
        page is served at whatever URL was missing, so its links start from the base path.
        """
        assert self.site is not None and self.current is not None
        urls = self.site.urls
        if self.current is FRAGMENT:
            return UP + target
        if self.current.template == "404.html":
            return urls.path(target)
        return urls.relative(target, self.current.url)

    def json_ld(self, page: Page) -> Markup:
        assert self.site is not None
        return json_ld(self.site, page)

    def event_html(self, event: Event) -> Markup:
        """An event as listed on the chronology and on actor pages. It is rendered once,
        with a stand-in for its links' way up to the root, filled in for each page:
        rendering it once per page depth took a quarter of a large build."""
        assert self.current is not None
        hit = self.cache.fragments.get(id(event))
        if hit is None or hit[0] is not event:
            hit = self.cache.fragments[id(event)] = (event, self.fragment(event))
        return Markup(hit[1].replace(UP, "../" * self.current.url.count("/")))

    def fragment(self, event: Event) -> str:
        return self.render("_event.html", FRAGMENT, {"event": event})

    def render_fragments(self, events: Sequence[Event]) -> None:
        """Every event's fragment, rendered on every core before the pages that show
        them (each event is on the chronology and on its actors' pages)."""
        todo = [e for e in events if self.cache.fragments.get(id(e), (None,))[0] is not e]
        if len(todo) < PARALLEL_FROM:
            return  # rendered as pages ask for them
        for event, html in zip(todo, map_in_shares(todo, self.fragment), strict=True):
            self.cache.fragments[id(event)] = (event, html)

    def check(self, pages: list[Page]) -> None:
        """Compile every template, and render a page of each one edited since the last
        build, so that template mistakes show at once, not when a page is visited."""
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(".html")):
            self.render_errors(lambda name=name: self.env.get_template(name), name)
        for template in self.touched:
            sample = next((page for page in pages if page.template == template), None)
            if sample is not None:
                self.page(sample)

    def page(self, page: Page) -> bytes:
        key = (page.template, page.url, page.context, self.site)
        hit = self.cache.pages.get(page.path)
        if hit is not None and hit[0] == key:
            return hit[1]
        html = self.render(page.template, page, page.context).encode("utf-8")
        self.cache.pages[page.path] = (key, html)
        return html

    def write_page(self, page: Page, target: Path) -> None:
        """Render `page` into the file `target` piece by piece, for a one-off build: the
        largest pages (the chronology) are then never whole in memory, as text and
        again as bytes (at 5,000 actors that was a third more than the build's peak)."""
        target.parent.mkdir(parents=True, exist_ok=True)

        def write(pieces: Iterator[str]) -> None:
            with open(target, "w", encoding="utf-8", newline="") as out:
                out.writelines(pieces)

        self.rendered(page.template, page, page.context, write)

    def render(self, name: str, page: Page, context: Mapping[str, object]) -> str:
        return self.rendered(name, page, context, "".join)

    def rendered(self, name: str, page: Page, context: Mapping[str, object],
                 consume: Callable[[Iterator[str]], T]) -> T:
        """`consume` the template's output for `page`, the page being rendered meanwhile
        (fragments render inside pages); a template mistake becomes a BuildFailed."""
        outer, self.current = self.current, page
        try:
            return self.render_errors(lambda: consume(self.env.get_template(name).generate(
                site=self.site, page=page, **context)), name,
                f" (rendering {page.url or 'the overview'})")
        finally:
            self.current = outer

    def render_errors(self, work: Callable[[], T], name: str, where: str = "") -> T:
        """Run `work`; a template mistake becomes a BuildFailed naming file and line."""
        try:
            return work()
        except jinja2.TemplateSyntaxError as exc:
            raise BuildFailed([self.problem(exc.name or name, exc.lineno,
                                            exc.message or str(exc))]) from None
        except jinja2.TemplateError as exc:
            template, line = template_frame(exc)
            raise BuildFailed([self.problem(template or name, line, f"{exc}{where}")]
                              ) from None

    def problem(self, name: str, line: int, message: str) -> Problem:
        return Problem(display_path(self.templates / name), line, 1,
                       f"template error: {message}")


def template_frame(exc: BaseException) -> tuple[str | None, int]:
    """The innermost template file and line in a rendering error's traceback."""
    found: tuple[str | None, int] = (None, 1)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            found = (Path(filename).name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def static_files(templates: Path) -> dict[str, bytes]:
    """Everything under templates/static/, copied to the site root."""
    root = templates / "static"
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}

